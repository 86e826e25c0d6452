//! Where a system stands in its life. Duties follow use: a planned system gets its duties as
//! of its planned start, a retired one none from its retirement date. The lifecycle reaches
//! the engine as a value, like the assessment date (no clock, no I/O).

use super::outcome::{Assessment, Deadline, FindingStatus, ObligationStatus};
use crate::rules::{Lifecycle, Pack, Stage};
use chrono::NaiveDate;

/// The date a system is assessed on: its planned start when that is after `as_of`.
pub(super) fn assessed_on(as_of: NaiveDate, life: Option<&Lifecycle>) -> NaiveDate {
    match life.map(|l| (l.stage, l.date)) {
        Some((Stage::Planned | Stage::InDevelopment, Some(start))) if start > as_of => start,
        _ => as_of,
    }
}

/// The assessment on `assessed_on(as_of, life)` adjusted to the system's stage.
pub(super) fn in_life(
    pack: &Pack,
    mut r: Assessment,
    as_of: NaiveDate,
    life: Option<&Lifecycle>,
) -> Assessment {
    let Some(life) = life else {
        return r;
    };
    match (life.stage, life.date) {
        (Stage::Retired, None) => retire(r, as_of),
        (Stage::Retired, Some(end)) => retire(r, end),
        (Stage::Planned | Stage::InDevelopment, Some(start)) if start > as_of => {
            r.as_of = as_of;
            for f in &mut r.findings {
                if f.status == FindingStatus::Applies && f.applies_from.is_some_and(|d| d > as_of) {
                    f.status = FindingStatus::Upcoming;
                }
            }
            for o in &mut r.obligations {
                o.applies_from = Some(o.applies_from.map_or(start, |d| d.max(start)));
                if matches!(
                    o.status,
                    ObligationStatus::Applies | ObligationStatus::Transition
                ) {
                    o.status = ObligationStatus::Upcoming;
                    o.until = None;
                    o.transition = None;
                }
            }
            for g in &mut r.duty_groups {
                g.from = Some(g.from.map_or(start, |d| d.max(start)));
            }
            r.next_deadlines = deadlines(pack, &r);
            r
        }
        _ => r,
    }
}

/// Drops the duties of a system taken out of use on `end`: every obligation that starts on
/// or after `end`, and every deadline from then on. Retired on or before the assessment
/// date: no duties at all.
fn retire(mut r: Assessment, end: NaiveDate) -> Assessment {
    if end <= r.as_of {
        r.obligations.clear();
        r.duty_groups.clear();
        r.next_deadlines.clear();
        return r;
    }
    r.duty_groups.retain(|g| g.from.is_none_or(|d| d < end));
    r.obligations
        .retain(|o| o.applies_from.is_none_or(|d| d < end));
    for o in &mut r.obligations {
        if o.until.is_some_and(|u| u >= end) {
            o.until = None;
            o.transition = None;
        }
    }
    r.next_deadlines.retain(|d| d.date < end);
    r
}

/// The deadlines of an assessment whose obligation dates were moved: every obligation date
/// after the assessment date, and the findings' deadlines as they were.
fn deadlines(pack: &Pack, r: &Assessment) -> Vec<Deadline> {
    let mut all: Vec<(NaiveDate, String)> = r
        .next_deadlines
        .iter()
        .flat_map(|d| d.items.iter().map(move |i| (d.date, i.clone())))
        .filter(|(_, id)| pack.findings.iter().any(|f| &f.id == id))
        .filter(|(d, _)| *d > r.as_of)
        .collect();
    all.extend(r.obligations.iter().filter_map(|o| {
        o.applies_from
            .filter(|d| *d > r.as_of)
            .map(|d| (d, pack.obligations[o.obligation].id.clone()))
    }));
    all.sort();
    all.dedup();
    let mut out: Vec<Deadline> = Vec::new();
    for (date, id) in all {
        match out.last_mut() {
            Some(d) if d.date == date => d.items.push(id),
            _ => out.push(Deadline {
                date,
                items: vec![id],
            }),
        }
    }
    out
}
