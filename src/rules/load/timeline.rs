//! The timeline (`[[timeline]]`): the named dates of the Act that rules refer to by id.

use super::{Compiler, RawPack};
use crate::rules::model::*;

impl Compiler<'_> {
    pub(super) fn timeline(&mut self, raw: &RawPack) -> Vec<TimelineEntry> {
        let mut timeline = Vec::new();
        for (fi, t) in &raw.timeline {
            let r = t.get_ref();
            let date = self.date(*fi, r.date.span(), r.date.get_ref());
            let original_date = r
                .original_date
                .as_ref()
                .map(|d| self.date(*fi, d.span(), d.get_ref()));
            let label = self.text(
                *fi,
                &r.label,
                t!("a timeline entry", "een element van de tijdlijn"),
            );
            let cite = self.cites(*fi, &r.cite, &r.id);
            if r.status.is_some() {
                self.status(*fi, &r.status, &r.id);
            }
            timeline.push(TimelineEntry {
                id: r.id.get_ref().clone(),
                date,
                original_date,
                label,
                cite,
                origin: self.origin(*fi, &t.span()),
            });
        }
        timeline
    }
}
