//! The terminal prompter, over inquire. Everything it draws goes to standard error (inquire
//! draws there), so standard output carries only the summary.
//!
//! inquire's own English texts are replaced: the help lines under every prompt, the
//! canceled-prompt marker (Esc means "back" here), and yes/no parsing (`ja`/`nee` in Dutch).

use super::prompter::{Current, Kind, PromptError, Prompter, QuestionPrompt, Reply};
use super::texts::{HELP_WORDS, Ui, fill, ui};
use crate::answers::{is_unknown, unknown_word, yes_no};
use crate::rules::Lang;
use inquire::error::InquireError;
use inquire::ui::{Color, RenderConfig, StyleSheet, Styled};
use inquire::validator::Validation;
use inquire::{Confirm, MultiSelect, Select, Text};

pub struct Terminal {
    ui: &'static Ui,
    lang: Lang,
    color: bool,
}

impl Terminal {
    pub fn new(lang: Lang, color: bool) -> Self {
        let ui = ui(lang);
        let mut config = if color {
            RenderConfig::default_colored()
        } else {
            RenderConfig::empty()
        };
        // inquire's own English texts: the marker of a canceled prompt (Esc = back here) and
        // the fallback validation message.
        config.error_message.default_message = ui.invalid_input;
        let marker = Styled::new(ui.went_back);
        config.canceled_prompt_indicator = if color {
            marker.with_fg(Color::DarkYellow)
        } else {
            marker
        };
        config.help_message = if color {
            StyleSheet::new().with_fg(Color::DarkCyan)
        } else {
            StyleSheet::empty()
        };
        inquire::set_global_render_config(config);
        Terminal { ui, lang, color }
    }

    fn dim(&self, s: &str) -> String {
        if self.color {
            format!("\x1b[2m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    fn bold(&self, s: &str) -> String {
        if self.color {
            format!("\x1b[1m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    fn show_help(&self, q: &QuestionPrompt) {
        say!("\n{}\n{}\n", self.bold(self.ui.help_title), q.help);
    }

    /// A select over the options plus "I don't know", "More help" and "Back".
    fn ask_select(
        &self,
        q: &QuestionPrompt,
        labels: Vec<String>,
        cursor: Option<usize>,
    ) -> Result<Reply, PromptError> {
        let n = labels.len();
        let mut options = labels;
        options.push(self.ui.dont_know.to_string());
        options.push(self.ui.more_help.to_string());
        if q.can_go_back {
            options.push(self.ui.back.to_string());
        }
        let start = match (&q.current, cursor) {
            (_, Some(c)) => c,
            (Current::Unknown, _) => n,
            _ => 0,
        };
        loop {
            let picked = Select::new(&q.text, options.clone())
                .with_help_message(self.ui.select_help)
                .with_starting_cursor(start.min(options.len() - 1))
                .with_page_size(12)
                .raw_prompt();
            match picked {
                Ok(o) if o.index < n => return Ok(Reply::Choice(o.index)),
                Ok(o) if o.index == n => return Ok(Reply::Unknown),
                Ok(o) if o.index == n + 1 => self.show_help(q),
                Ok(_) => return Ok(Reply::Back),
                Err(e) => return map_err(e).map(|()| Reply::Back),
            }
        }
    }

    fn ask_multi(
        &self,
        q: &QuestionPrompt,
        options: &[(String, String)],
    ) -> Result<Reply, PromptError> {
        let n = options.len();
        let mut labels: Vec<String> = options.iter().map(|(_, l)| l.clone()).collect();
        labels.push(self.ui.dont_know.to_string());
        labels.push(self.ui.more_help.to_string());
        let defaults: Vec<usize> = match &q.current {
            Current::Multi(v) => v.clone(),
            Current::Unknown => vec![n],
            _ => Vec::new(),
        };
        loop {
            let picked = MultiSelect::new(&q.text, labels.clone())
                .with_help_message(self.ui.multi_help)
                .with_default(&defaults)
                .with_page_size(12)
                .raw_prompt();
            match picked {
                Ok(items) => {
                    let idx: Vec<usize> = items.iter().map(|o| o.index).collect();
                    if idx.contains(&(n + 1)) {
                        self.show_help(q);
                        continue;
                    }
                    if idx.contains(&n) {
                        return Ok(Reply::Unknown);
                    }
                    return Ok(Reply::Multi(idx));
                }
                Err(e) => return map_err(e).map(|()| Reply::Back),
            }
        }
    }

    fn ask_typed(&self, q: &QuestionPrompt) -> Result<Reply, PromptError> {
        let (help, min, max) = match &q.kind {
            Kind::Number { min, max } => {
                let range = match (min, max) {
                    (Some(a), Some(b)) => format!(", {a}–{b}"),
                    (Some(a), None) => format!(", ≥ {a}"),
                    (None, Some(b)) => format!(", ≤ {b}"),
                    (None, None) => String::new(),
                };
                (fill(self.ui.number_help, &[("range", &range)]), *min, *max)
            }
            _ => (self.ui.date_help.to_string(), None, None),
        };
        let initial = match &q.current {
            Current::Date(d) => d.to_string(),
            Current::Number(x) => x.to_string(),
            Current::Unknown => unknown_word(self.lang).to_string(),
            _ => String::new(),
        };
        let is_date = q.kind == Kind::Date;
        let ui = self.ui;
        loop {
            let validator = move |s: &str| -> Result<Validation, inquire::CustomUserError> {
                Ok(match parse_typed(s, is_date, min, max, ui) {
                    Ok(_) => Validation::Valid,
                    Err(m) => Validation::Invalid(m.into()),
                })
            };
            let typed = Text::new(&q.text)
                .with_help_message(&help)
                .with_initial_value(&initial)
                .with_validator(validator)
                .prompt();
            match typed {
                Ok(s) => match parse_typed(&s, is_date, min, max, ui) {
                    Ok(Typed::Help) => self.show_help(q),
                    Ok(Typed::Reply(r)) => return Ok(r),
                    Err(m) => say!("{m}"),
                },
                Err(e) => return map_err(e).map(|()| Reply::Back),
            }
        }
    }
}

enum Typed {
    Help,
    Reply(Reply),
}

fn parse_typed(
    s: &str,
    is_date: bool,
    min: Option<f64>,
    max: Option<f64>,
    ui: &Ui,
) -> Result<Typed, String> {
    let t = s.trim().to_lowercase();
    if HELP_WORDS.contains(&t.as_str()) {
        return Ok(Typed::Help);
    }
    if is_unknown(&t) {
        return Ok(Typed::Reply(Reply::Unknown));
    }
    if is_date {
        return chrono::NaiveDate::parse_from_str(&t, "%Y-%m-%d")
            .map(|d| Typed::Reply(Reply::Date(d)))
            .map_err(|_| ui.bad_date.to_string());
    }
    let n = t
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite())
        .ok_or_else(|| ui.bad_number.to_string())?;
    if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) {
        let show = |v: Option<f64>, inf: &str| v.map_or_else(|| inf.to_string(), |x| x.to_string());
        return Err(fill(
            ui.out_of_range,
            &[("min", &show(min, "-∞")), ("max", &show(max, "∞"))],
        ));
    }
    Ok(Typed::Reply(Reply::Number(n)))
}

/// Esc (canceled) is `Ok(())` — the caller turns it into "back"; Ctrl-C is `Interrupted`.
fn map_err(e: InquireError) -> Result<(), PromptError> {
    match e {
        InquireError::OperationCanceled => Ok(()),
        InquireError::OperationInterrupted => Err(PromptError::Interrupted),
        other => Err(PromptError::Failed(other.to_string())),
    }
}

impl Prompter for Terminal {
    fn say(&mut self, text: &str) {
        say!("{text}");
    }

    fn ask(&mut self, q: &QuestionPrompt) -> Result<Reply, PromptError> {
        say!("\n{}", self.dim(&q.progress));
        say!("{}", self.dim(&q.why));
        match &q.kind {
            Kind::YesNo => {
                let cursor = match q.current {
                    Current::Bool(true) => Some(0),
                    Current::Bool(false) => Some(1),
                    _ => None,
                };
                let labels = vec![self.ui.yes.to_string(), self.ui.no.to_string()];
                self.ask_select(q, labels, cursor).map(|r| match r {
                    Reply::Choice(0) => Reply::Yes,
                    Reply::Choice(_) => Reply::No,
                    other => other,
                })
            }
            Kind::Choice(options) => {
                let cursor = match q.current {
                    Current::Choice(i) => Some(i),
                    _ => None,
                };
                self.ask_select(q, options.iter().map(|(_, l)| l.clone()).collect(), cursor)
            }
            Kind::Multi(options) => self.ask_multi(q, options),
            Kind::Date | Kind::Number { .. } => self.ask_typed(q),
        }
    }

    fn text(
        &mut self,
        _key: &str,
        label: &str,
        initial: &str,
        required: bool,
    ) -> Result<Option<String>, PromptError> {
        let msg = self.ui.required;
        let validator = move |s: &str| -> Result<Validation, inquire::CustomUserError> {
            Ok(if required && s.trim().is_empty() {
                Validation::Invalid(msg.into())
            } else {
                Validation::Valid
            })
        };
        match Text::new(label)
            .with_initial_value(initial)
            .with_help_message(self.ui.text_help)
            .with_validator(validator)
            .prompt()
        {
            Ok(s) => Ok(Some(s)),
            Err(e) => map_err(e).map(|()| None),
        }
    }

    fn confirm(&mut self, _key: &str, label: &str, default: bool) -> Result<bool, PromptError> {
        let ui = self.ui;
        let parser = move |s: &str| yes_no(s).ok_or(());
        let default_fmt = move |b: bool| {
            if b {
                ui.confirm_default_yes
            } else {
                ui.confirm_default_no
            }
            .to_string()
        };
        let answer_fmt = move |b: bool| if b { ui.yes } else { ui.no }.to_string();
        let asked = Confirm::new(label)
            .with_default(default)
            .with_parser(&parser)
            .with_default_value_formatter(&default_fmt)
            .with_formatter(&answer_fmt)
            .with_error_message(ui.confirm_error)
            .prompt();
        match asked {
            Ok(b) => Ok(b),
            Err(e) => map_err(e).map(|()| false),
        }
    }

    fn select(
        &mut self,
        _key: &str,
        label: &str,
        options: &[String],
    ) -> Result<Option<usize>, PromptError> {
        match Select::new(label, options.to_vec())
            .with_help_message(self.ui.select_help)
            .raw_prompt()
        {
            Ok(o) => Ok(Some(o.index)),
            Err(e) => map_err(e).map(|()| None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prompt::texts::{EN, NL};

    #[test]
    fn typed_answers() {
        assert_eq!(yes_no(" Ja "), Some(true));
        assert_eq!(yes_no("nee"), Some(false));
        assert_eq!(yes_no("misschien"), None);
        assert!(matches!(
            parse_typed("2026-08-02", true, None, None, &EN),
            Ok(Typed::Reply(Reply::Date(_)))
        ));
        assert!(matches!(
            parse_typed("weet niet", true, None, None, &NL),
            Ok(Typed::Reply(Reply::Unknown))
        ));
        assert!(matches!(
            parse_typed("?", false, None, None, &EN),
            Ok(Typed::Help)
        ));
        assert_eq!(
            parse_typed("2 aug", true, None, None, &NL).err().as_deref(),
            Some(NL.bad_date)
        );
        assert!(
            matches!(parse_typed("1,5", false, None, None, &NL), Ok(Typed::Reply(Reply::Number(x))) if x == 1.5)
        );
        assert_eq!(
            parse_typed("11", false, Some(0.0), Some(10.0), &EN)
                .err()
                .as_deref(),
            Some("The number must lie between 0 and 10.")
        );
    }
}
