//! Ids: every question, finding, obligation, evidence kind, transition, note and timeline date
//! has one, snake_case (R005) and unique across the pack (R004). They are registered before
//! anything else, so that every reference can be resolved wherever it stands.

use super::{Compiler, RawPack};
use crate::rules::model::Item;
use crate::rules::raw::S;

impl Compiler<'_> {
    pub(super) fn register_ids(&mut self, raw: &RawPack) {
        for (i, (fi, t)) in raw.timeline.iter().enumerate() {
            self.register(*fi, &t.get_ref().id, Item::Timeline(i));
        }
        for (i, (fi, q)) in raw.questions.iter().enumerate() {
            self.register(*fi, &q.get_ref().id, Item::Question(i));
        }
        for (i, (fi, f)) in raw.findings.iter().enumerate() {
            self.register(*fi, &f.get_ref().id, Item::Finding(i));
        }
        for (i, (fi, o)) in raw.obligations.iter().enumerate() {
            self.register(*fi, &o.get_ref().id, Item::Obligation(i));
        }
        for (i, (fi, e)) in raw.evidence.iter().enumerate() {
            self.register(*fi, &e.get_ref().id, Item::Evidence(i));
        }
        for (i, (fi, t)) in raw.transitions.iter().enumerate() {
            self.register(*fi, &t.get_ref().id, Item::Transition(i));
        }
        for (i, (fi, n)) in raw.notes.iter().enumerate() {
            self.register(*fi, &n.get_ref().id, Item::Note(i));
        }
    }

    fn register(&mut self, fi: usize, id: &S<String>, item: Item) {
        let name = id.get_ref();
        if !valid_id(name) {
            self.err(
                "R005",
                fi,
                id.span(), t!("invalid id `{name}`", "ongeldige id `{name}`"), t!("ids are snake_case: a lowercase letter, then lowercase letters, digits and `_`", "ids zijn snake_case: een kleine letter, dan kleine letters, cijfers en `_`"),
            );
        }
        if let Some((pfi, pspan)) = self.id_spans.get(name).cloned() {
            let prev = &self.files[pfi];
            let (l, c, _) = crate::diag::line_col(&prev.text, pspan.start);
            let hint = t!(
                "first defined at {}:{l}:{c}; ids are unique across the pack",
                "eerst gedefinieerd op {}:{l}:{c}; ids zijn uniek in het regelpakket",
                prev.path
            );
            self.err(
                "R004",
                fi,
                id.span(),
                t!("duplicate id `{name}`", "dubbele id `{name}`"),
                hint,
            );
            return;
        }
        self.ids.insert(name.clone(), item);
        self.id_spans.insert(name.clone(), (fi, id.span()));
    }
}

fn valid_id(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some('a'..='z'))
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::super::test_pack::{note, problems};
    use super::*;

    #[test]
    fn ids() {
        assert!(valid_id("art_5_1_c"));
        assert!(!valid_id("Art5"));
        assert!(!valid_id("5a"));
        assert!(!valid_id("a-b"));
    }

    #[test]
    fn an_id_is_snake_case_and_unique_across_the_pack() {
        let extra = &[note("Bad-Id", "in_scope"), note("ai_system", "in_scope")].join("\n");
        assert_eq!(
            problems(extra),
            [
                "R005 extra.toml:2:6 invalid id `Bad-Id`",
                "R004 extra.toml:9:6 duplicate id `ai_system`",
            ]
        );
    }
}
