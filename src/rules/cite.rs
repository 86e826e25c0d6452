//! Citations of the law in the official form of a language: `Art. 26(1)` in English,
//! `art. 26, lid 1` in Dutch. Used by every output that cites the pack's rules.

use crate::lang::Lang;
use std::borrow::Cow;

/// A citation as a reader of the language writes it: `Art. 26(1)` in English, `art. 26, lid 1`
/// in Dutch (`art. 3, punt 56` for the definitions, `bijlage III, punt 5, a)`, `overweging 12`),
/// as the official Dutch text of the Regulation refers to its own provisions. A citation the
/// pattern does not know is kept as written.
pub fn citation_text(citation: &str, lang: Lang) -> Cow<'_, str> {
    if lang == Lang::En {
        return citation.into();
    }
    dutch_citation(citation).map_or(citation.into(), Cow::Owned)
}

/// A citation in the form of the official Dutch text; none when the pattern does not know it.
fn dutch_citation(citation: &str) -> Option<String> {
    if let Some((act, rest)) = citation.split_once(" Art. ")
        && act.starts_with("Regulation ")
    {
        let act = act.replacen("Regulation", "Verordening", 1);
        return Some(format!(
            "{act}, {}",
            citation_text(&format!("Art. {rest}"), Lang::Nl)
        ));
    }
    // The parts in brackets: `5(1)(a)` -> ["5", "1", "a"].
    let parts = |s: &str| -> Option<Vec<String>> {
        let (head, tail) = s.split_once('(').unwrap_or((s, ""));
        let mut out = vec![head.trim().to_string()];
        if !tail.is_empty() {
            for p in format!("({tail}").split('(').skip(1) {
                out.push(p.strip_suffix(')')?.to_string());
            }
        }
        Some(out)
    };
    if let Some(rest) = citation.strip_prefix("Art. ")
        && let Some(p) = parts(rest)
    {
        let p: Vec<String> = p.iter().map(|x| inserted(x)).collect();
        let mut out = format!("art. {}", p[0]);
        let mut rest = p[1..].iter();
        if let Some(first) = rest.next() {
            if first.starts_with(|c: char| c.is_ascii_digit()) {
                // Article 3 numbers its definitions as points; the others have paragraphs.
                let word = if p[0] == "3" { "punt" } else { "lid" };
                out.push_str(&format!(", {word} {first}"));
            } else {
                out.push_str(&format!(", punt {first})"));
            }
        }
        for (i, x) in rest.enumerate() {
            if i == 0 && !p[1].starts_with(|c: char| c.is_ascii_digit()) {
                out.push_str(&format!(", {x})"));
            } else if i == 0 {
                out.push_str(&format!(", punt {x})"));
            } else {
                out.push_str(&format!(", {x})"));
            }
        }
        return Some(out);
    }
    if let Some(rest) = citation.strip_prefix("Annex ") {
        let (number, point) = rest.split_once(' ').unwrap_or((rest, ""));
        if point.is_empty() {
            return Some(format!("bijlage {number}"));
        }
        if let Some(section) = point.strip_prefix("Section ") {
            return Some(format!("bijlage {number}, afdeling {section}"));
        }
        if let Some(p) = parts(point) {
            let p: Vec<String> = p.iter().map(|x| inserted(x)).collect();
            let mut out = format!("bijlage {number}, punt {}", p[0]);
            for x in &p[1..] {
                out.push_str(&format!(", {x})"));
            }
            return Some(out);
        }
    }
    if let Some(n) = citation.strip_prefix("Recital ") {
        return Some(format!("overweging {n}"));
    }
    None
}

/// A number or point inserted by an amendment, as the official Dutch text writes it: `4a` is
/// `4 bis`, `1b` is `1 ter`, `1c` is `1 quater`; the point `ba` is `b bis`, `bb` is `b ter`.
/// Anything else (`56`, `a`, the roman `ii`) is kept.
fn inserted(x: &str) -> String {
    const LATIN: [&str; 9] = [
        "bis",
        "ter",
        "quater",
        "quinquies",
        "sexies",
        "septies",
        "octies",
        "novies",
        "decies",
    ];
    let latin = |c: char| LATIN.get((c as usize).wrapping_sub('a' as usize)).copied();
    let Some(last) = x.chars().last() else {
        return x.to_string();
    };
    let head = &x[..x.len() - last.len_utf8()];
    let number = !head.is_empty() && head.chars().all(|c| c.is_ascii_digit());
    let roman = x.chars().all(|c| matches!(c, 'i' | 'v' | 'x'));
    let letter = head.len() == 1 && head.chars().all(|c| c.is_ascii_lowercase()) && !roman;
    match latin(last) {
        Some(word) if number || letter => format!("{head} {word}"),
        _ => x.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_in_official_dutch_form() {
        for (en, nl) in [
            ("Art. 4", "art. 4"),
            ("Art. 26(1)", "art. 26, lid 1"),
            ("Art. 3(56)", "art. 3, punt 56"),
            ("Art. 5(1)(a)", "art. 5, lid 1, punt a)"),
            ("Art. 5(1)(ba)", "art. 5, lid 1, punt b bis)"),
            ("Art. 5(1)(bb)", "art. 5, lid 1, punt b ter)"),
            ("Art. 5(1a)", "art. 5, lid 1 bis"),
            ("Art. 5(1b)", "art. 5, lid 1 ter"),
            ("Art. 6(1c)", "art. 6, lid 1 quater"),
            ("Art. 99(6a)", "art. 99, lid 6 bis"),
            ("Art. 4a", "art. 4 bis"),
            ("Art. 60a", "art. 60 bis"),
            ("Art. 113(3)(c)(ii)", "art. 113, lid 3, punt c), ii)"),
            ("Art. 113(3)(c)(iv)", "art. 113, lid 3, punt c), iv)"),
            ("Art. 113(3)(c)(i)", "art. 113, lid 3, punt c), i)"),
            ("Art. 16(a)", "art. 16, punt a)"),
            ("Annex III 5(a)", "bijlage III, punt 5, a)"),
            ("Annex III 2", "bijlage III, punt 2"),
            ("Annex I Section A", "bijlage I, afdeling A"),
            ("Annex X", "bijlage X"),
            ("Recital 12", "overweging 12"),
            (
                "Regulation (EU) 2026/1744 Art. 4",
                "Verordening (EU) 2026/1744, art. 4",
            ),
            (
                "Regulation (EU) 2026/1744 Art. 4a",
                "Verordening (EU) 2026/1744, art. 4 bis",
            ),
        ] {
            assert_eq!(citation_text(en, Lang::Nl), nl, "{en}");
            assert_eq!(citation_text(en, Lang::En), en);
        }
    }
}
