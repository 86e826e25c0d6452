//! Citations (R012): every rule cites the article it rests on, written in one of the forms
//! `valid_citation` accepts.

use super::Compiler;
use crate::rules::raw::S;

impl Compiler<'_> {
    pub(super) fn cites(
        &mut self,
        fi: usize,
        cite: &Option<S<Vec<S<String>>>>,
        owner: &S<String>,
    ) -> Vec<String> {
        let Some(cite) = cite else {
            self.err(
                "R012",
                fi,
                owner.span(), t!("`{}` has no citation", "`{}` heeft geen bronvermelding", owner.get_ref()), t!("add `cite = [\"Art. 5(1)(a)\"]`; every rule cites the article it rests on", "voeg `cite = [\"Art. 5(1)(a)\"]` toe; elke regel vermeldt het artikel waarop ze steunt"),
            );
            return Vec::new();
        };
        if cite.get_ref().is_empty() {
            self.err(
                "R012",
                fi,
                cite.span(),
                t!(
                    "`{}` has an empty citation list",
                    "`{}` heeft een lege lijst van bronvermeldingen",
                    owner.get_ref()
                ),
                t!(
                    "add at least one citation, e.g. \"Art. 26(8)\"",
                    "voeg minstens één bronvermelding toe, bv. \"Art. 26(8)\""
                ),
            );
        }
        let mut out = Vec::new();
        for c in cite.get_ref() {
            if !valid_citation(c.get_ref()) {
                self.err(
                    "R012",
                    fi,
                    c.span(), t!("malformed citation `{}`", "misvormde bronvermelding `{}`", c.get_ref()), t!("write citations as `Art. 5(1)(a)`, `Art. 50(4) second subparagraph`, `Annex III 4(a)`, `Annex I Section A` or `Recital 18`", "schrijf bronvermeldingen als `Art. 5(1)(a)`, `Art. 50(4) second subparagraph`, `Annex III 4(a)`, `Annex I Section A` of `Recital 18`"),
                );
            }
            out.push(c.get_ref().clone());
        }
        out
    }
}

/// `Art. 5(1)(a)`, `Art. 50(4) second subparagraph`, `Annex III 4(a)`, `Annex I Section A`,
/// `Recital 18`; an article of another act as `Regulation (EU) 2026/1744 Art. 4`.
pub fn valid_citation(s: &str) -> bool {
    if let Some((year, number, article)) = other_act(s) {
        return year.len() == 4
            && [year, number]
                .iter()
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
            && article.starts_with("Art. ")
            && valid_citation(article);
    }
    fn groups(mut s: &str) -> Option<&str> {
        while let Some(rest) = s.strip_prefix('(') {
            let end = rest.find(')')?;
            let inner = &rest[..end];
            if inner.is_empty()
                || !inner
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            {
                return None;
            }
            s = &rest[end + 1..];
        }
        Some(s)
    }
    fn number(s: &str) -> Option<&str> {
        let n = s.chars().take_while(char::is_ascii_digit).count();
        (n > 0).then(|| &s[n..])
    }
    if let Some(rest) = s.strip_prefix("Art. ") {
        let Some(rest) = number(rest) else {
            return false;
        };
        let rest = rest.trim_start_matches(|c: char| c.is_ascii_lowercase());
        let Some(rest) = groups(rest) else {
            return false;
        };
        return rest.is_empty()
            || ["first", "second", "third", "fourth", "fifth"]
                .iter()
                .any(|w| rest == format!(" {w} subparagraph"));
    }
    if let Some(rest) = s.strip_prefix("Annex ") {
        let roman = rest
            .chars()
            .take_while(|c| matches!(c, 'I' | 'V' | 'X'))
            .count();
        if roman == 0 {
            return false;
        }
        let rest = &rest[roman..];
        if rest.is_empty() {
            return true;
        }
        if let Some(sec) = rest.strip_prefix(" Section ") {
            return sec.len() == 1 && sec.chars().all(|c| c.is_ascii_uppercase());
        }
        if let Some(pt) = rest.strip_prefix(' ') {
            return number(pt).and_then(groups).is_some_and(str::is_empty);
        }
        return false;
    }
    if let Some(rest) = s.strip_prefix("Recital ") {
        return number(rest).is_some_and(str::is_empty);
    }
    false
}

/// `Regulation (EU) 2026/1744 Art. 4` -> ("2026", "1744", "Art. 4").
pub fn other_act(s: &str) -> Option<(&str, &str, &str)> {
    let rest = s.strip_prefix("Regulation (EU) ")?;
    let (act, article) = rest.split_once(' ')?;
    let (year, number) = act.split_once('/')?;
    Some((year, number, article))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citation_forms() {
        for ok in [
            "Regulation (EU) 2026/1744 Art. 4",
            "Art. 113(3)(c)(i)",
            "Art. 5(1)(a)",
            "Art. 26(8)",
            "Art. 113(3)(a)",
            "Art. 5(1)(ba)",
            "Art. 4a",
            "Art. 50(4) second subparagraph",
            "Annex III 4(a)",
            "Annex III 2",
            "Annex I Section A",
            "Annex XII",
            "Recital 18",
            "Art. 3(1)",
        ] {
            assert!(valid_citation(ok), "{ok}");
        }
        for bad in [
            "Art 5",
            "Art. 5(1",
            "Article 5",
            "Annex 3",
            "Annex III 4(A)",
            "Recital",
            "art. 5",
            "Annex I Section AB",
            "",
        ] {
            assert!(!valid_citation(bad), "{bad}");
        }
    }
}
