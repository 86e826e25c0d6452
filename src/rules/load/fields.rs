//! The fields every kind of rule shares: texts in English and Dutch (R011), statuses (R015),
//! dates and timeline references (R013), law versions (R014) and the role names of the hints.

use super::Compiler;
use crate::diag::did_you_mean;
use crate::rules::model::*;
use crate::rules::raw::*;
use chrono::NaiveDate;
use std::ops::Range;

impl Compiler<'_> {
    pub(super) fn text(&mut self, fi: usize, t: &S<RawText>, what: &str) -> Text {
        let raw = t.get_ref();
        for (lang, v) in [("en", &raw.en), ("nl", &raw.nl)] {
            if v.as_deref().is_none_or(|s| s.trim().is_empty()) {
                self.err(
                    "R011",
                    fi,
                    t.span(),
                    format!(
                        "{what} has no {} text",
                        if lang == "en" { "English" } else { "Dutch" }
                    ),
                    &format!("add `{lang} = \"...\"`; every text exists in English and Dutch"),
                );
            }
        }
        Text {
            en: raw.en.clone().unwrap_or_default(),
            nl: raw.nl.clone().unwrap_or_default(),
        }
    }

    pub(super) fn status(
        &mut self,
        fi: usize,
        status: &Option<S<String>>,
        owner: &S<String>,
    ) -> RuleStatus {
        let Some(s) = status else {
            self.err(
                "R015",
                fi,
                owner.span(),
                format!("`{}` has no status", owner.get_ref()),
                "add `status = \"binding\"` (or \"guidance\", \"interpretation\")",
            );
            return RuleStatus::Binding;
        };
        match s.get_ref().as_str() {
            "binding" => RuleStatus::Binding,
            "guidance" => RuleStatus::Guidance,
            "interpretation" => RuleStatus::Interpretation,
            other => {
                self.err(
                    "R015",
                    fi,
                    s.span(),
                    format!("unknown status `{other}`"),
                    "use \"binding\", \"guidance\" or \"interpretation\"",
                );
                RuleStatus::Binding
            }
        }
    }

    pub(super) fn date(
        &mut self,
        fi: usize,
        span: Range<usize>,
        dt: &toml::value::Datetime,
    ) -> NaiveDate {
        match (dt.date, dt.time) {
            (Some(d), None) => {
                match NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into()) {
                    Some(nd) => nd,
                    None => {
                        self.err(
                            "R013",
                            fi,
                            span,
                            format!("invalid date `{dt}`"),
                            "use YYYY-MM-DD",
                        );
                        NaiveDate::MIN
                    }
                }
            }
            _ => {
                self.err(
                    "R013",
                    fi,
                    span,
                    format!("`{dt}` is not a plain date"),
                    "use a date without time, YYYY-MM-DD",
                );
                NaiveDate::MIN
            }
        }
    }

    pub(super) fn date_ref(&mut self, fi: usize, span: Range<usize>, r: &RawDateRef) -> DateRef {
        match r {
            RawDateRef::Date(dt) => DateRef::Fixed(self.date(fi, span, dt)),
            RawDateRef::Name(name) => self.timeline_ref(fi, span, name),
        }
    }

    pub(super) fn timeline_ref(&mut self, fi: usize, span: Range<usize>, name: &str) -> DateRef {
        match self.ids.get(name) {
            Some(Item::Timeline(i)) => DateRef::Timeline(*i),
            _ => {
                let timeline: Vec<String> = self
                    .ids
                    .iter()
                    .filter(|(_, v)| matches!(v, Item::Timeline(_)))
                    .map(|(k, _)| k.clone())
                    .collect();
                let hint = match did_you_mean(name, timeline.iter().map(String::as_str)) {
                    Some(k) => format!("did you mean `{k}`?"),
                    None => "use a date (YYYY-MM-DD) or the id of a [[timeline]] entry".into(),
                };
                self.err(
                    "R013",
                    fi,
                    span,
                    format!("unknown timeline date `{name}`"),
                    &hint,
                );
                DateRef::Fixed(NaiveDate::MIN)
            }
        }
    }

    pub(super) fn date_spec(
        &mut self,
        fi: usize,
        spec: &Option<S<RawDateSpec>>,
        owner: &S<String>,
        deps: &mut Vec<Item>,
    ) -> DateSpec {
        let Some(spec) = spec else {
            self.err(
                "R013",
                fi,
                owner.span(),
                format!("`{}` has no `applies_from` date", owner.get_ref()),
                "add `applies_from = \"<timeline id>\"` or a date; every rule carries the date it applies from",
            );
            return DateSpec::One(DateRef::Fixed(NaiveDate::MIN));
        };
        match spec.get_ref() {
            RawDateSpec::Date(dt) => DateSpec::One(DateRef::Fixed(self.date(fi, spec.span(), dt))),
            RawDateSpec::Name(n) => DateSpec::One(self.timeline_ref(fi, spec.span(), n)),
            RawDateSpec::Cases(cases) => {
                if cases.is_empty() {
                    self.err(
                        "R013",
                        fi,
                        spec.span(),
                        "empty list of date cases".into(),
                        "give at least one `{ when, date }`",
                    );
                }
                let mut out = Vec::new();
                for case in cases {
                    let cond = self.cond_at(fi, &case.when, spec.span().start, deps);
                    let d = self.date_ref(fi, spec.span(), &case.date);
                    out.push((cond, d));
                }
                DateSpec::Cases(out)
            }
        }
    }

    pub(super) fn law(
        &mut self,
        fi: usize,
        law: &Option<S<String>>,
        versions: &[LawVersion],
    ) -> Option<usize> {
        let l = law.as_ref()?;
        match versions.iter().position(|v| &v.id == l.get_ref()) {
            Some(i) => Some(i),
            None => {
                let known: Vec<&str> = versions.iter().map(|v| v.id.as_str()).collect();
                self.err(
                    "R014",
                    fi,
                    l.span(),
                    format!("unknown law version `{}`", l.get_ref()),
                    &format!("known law versions: {}", known.join(", ")),
                );
                None
            }
        }
    }
}

pub(super) fn role_hint() -> String {
    let names: Vec<&str> = Role::ALL.iter().map(|r| r.name()).collect();
    format!("roles: {}", names.join(", "))
}

#[cfg(test)]
mod tests {
    use super::super::test_pack::problems;

    #[test]
    fn dates_law_versions_texts_citations_and_statuses_are_checked() {
        let extra = r#"[[note]]
id = "n_fields"
when = "in_scope"
text = { en = "Only English" }
cite = ["Art 5"]
status = "wobbly"

[[finding]]
id = "f_dated"
kind = "exclusion"
when = "in_scope"
title = { en = "Dated", nl = "Gedateerd" }
cite = ["Art. 2(3)"]
status = "binding"
applies_from = "no_such_date"
law = "future"
"#;
        assert_eq!(
            problems(extra),
            [
                "R013 extra.toml:15:16 unknown timeline date `no_such_date`",
                "R014 extra.toml:16:7 unknown law version `future`",
                "R011 extra.toml:4:8 note `n_fields` has no Dutch text",
                "R012 extra.toml:5:9 malformed citation `Art 5`",
                "R015 extra.toml:6:10 unknown status `wobbly`",
            ]
        );
    }
}
