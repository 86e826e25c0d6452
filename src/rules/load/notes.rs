//! Notes (`[[note]]`): texts that carry doubt to the user when their condition holds, such as
//! "verify with counsel" where the law is unsure.

use super::{Compiler, RawPack};
use crate::rules::model::*;

impl Compiler<'_> {
    pub(super) fn notes(&mut self, raw: &RawPack) -> Vec<Note> {
        let mut notes = Vec::new();
        for (fi, n) in &raw.notes {
            let r = n.get_ref();
            let mut deps = Vec::new();
            let when = self.cond(*fi, &r.when, &mut deps);
            let text = self.text(
                *fi,
                &r.text,
                t!("note `{}`", "opmerking `{}`", r.id.get_ref()),
            );
            let cite = self.cites(*fi, &r.cite, &r.id);
            let status = self.status(*fi, &r.status, &r.id);
            notes.push(Note {
                id: r.id.get_ref().clone(),
                when,
                when_src: r.when.get_ref().clone(),
                text,
                cite,
                status,
                origin: self.origin(*fi, &n.span()),
            });
        }
        notes
    }
}
