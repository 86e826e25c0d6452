//! The fields every kind of rule shares: texts in English and Dutch (R011), statuses (R015),
//! dates and timeline references (R013), law versions (R014) and the role names of the hints.

use super::Compiler;
use crate::diag::did_you_mean;
use crate::rules::model::*;
use crate::rules::raw::*;
use chrono::NaiveDate;
use std::ops::Range;

impl Compiler<'_> {
    /// A text in both languages; `what` names it in messages ("question `x`").
    pub(super) fn text(&mut self, fi: usize, t: &S<RawText>, what: Text) -> Text {
        let raw = t.get_ref();
        let Text {
            en: what_en,
            nl: what_nl,
        } = what;
        for (lang, v) in [("en", &raw.en), ("nl", &raw.nl)] {
            if v.as_deref().is_none_or(|s| s.trim().is_empty()) {
                let (in_en, in_nl) = if lang == "en" {
                    ("English", "Engelse")
                } else {
                    ("Dutch", "Nederlandse")
                };
                self.err(
                    "R011",
                    fi,
                    t.span(),
                    t!(
                        "{what_en} has no {in_en} text",
                        "{what_nl} heeft geen {in_nl} tekst"
                    ),
                    t!(
                        "add `{lang} = \"...\"`; every text exists in English and Dutch",
                        "voeg `{lang} = \"...\"` toe; elke tekst bestaat in het Engels en het Nederlands"
                    ),
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
                t!(
                    "`{}` has no status",
                    "`{}` heeft geen status",
                    owner.get_ref()
                ),
                t!(
                    "add `status = \"binding\"` (or \"guidance\", \"interpretation\")",
                    "voeg `status = \"binding\"` toe (of \"guidance\", \"interpretation\")"
                ),
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
                    t!("unknown status `{other}`", "onbekende status `{other}`"),
                    t!(
                        "use \"binding\", \"guidance\" or \"interpretation\"",
                        "gebruik \"binding\", \"guidance\" of \"interpretation\""
                    ),
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
                            t!("invalid date `{dt}`", "ongeldige datum `{dt}`"),
                            t!("use YYYY-MM-DD", "gebruik JJJJ-MM-DD"),
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
                    t!("`{dt}` is not a plain date", "`{dt}` is geen gewone datum"),
                    t!(
                        "use a date without time, YYYY-MM-DD",
                        "gebruik een datum zonder tijd, JJJJ-MM-DD"
                    ),
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
                    Some(k) => crate::diag::did_you_mean_text(k),
                    None => t!(
                        "use a date (YYYY-MM-DD) or the id of a [[timeline]] entry",
                        "gebruik een datum (JJJJ-MM-DD) of de id van een element van [[timeline]]"
                    ),
                };
                self.err(
                    "R013",
                    fi,
                    span,
                    t!(
                        "unknown timeline date `{name}`",
                        "onbekende datum van de tijdlijn `{name}`"
                    ),
                    hint,
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
                owner.span(), t!("`{}` has no `applies_from` date", "`{}` heeft geen datum `applies_from`", owner.get_ref()), t!("add `applies_from = \"<timeline id>\"` or a date; every rule carries the date it applies from", "voeg `applies_from = \"<tijdlijn-id>\"` of een datum toe; elke regel draagt de datum vanaf wanneer ze geldt"),
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
                        t!("empty list of date cases", "lege lijst van datumgevallen"),
                        t!(
                            "give at least one `{{ when, date }}`",
                            "geef minstens één `{{ when, date }}`"
                        ),
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
                    t!(
                        "unknown law version `{}`",
                        "onbekende wetsversie `{}`",
                        l.get_ref()
                    ),
                    t!(
                        "known law versions: {}",
                        "bekende wetsversies: {}",
                        known.join(", ")
                    ),
                );
                None
            }
        }
    }
}

pub(super) fn role_hint() -> Text {
    let names: Vec<&str> = Role::ALL.iter().map(|r| r.name()).collect();
    t!("roles: {}", "rollen: {}", names.join(", "))
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
