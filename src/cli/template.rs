//! `aiact template`: an empty inventory listing every question with its type, allowed values
//! and a one-line explanation.

use super::{Context, Exit, emit};
use crate::rules::{AnswerType, Lang, Pack};
use clap::{Args, ValueEnum};

#[derive(Args, Debug)]
pub struct TemplateArgs {
    #[arg(long, value_enum, default_value = "toml")]
    pub format: TemplateFormat,
    /// Who the template is for
    #[arg(long = "for", value_enum, default_value = "inventory")]
    pub purpose: TemplatePurpose,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum TemplateFormat {
    Toml,
    Csv,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum TemplatePurpose {
    Inventory,
    Procurement,
}

pub fn run(ctx: &Context, args: TemplateArgs) -> Result<(), Exit> {
    let pack = ctx.pack()?;
    match args.format {
        TemplateFormat::Toml => emit(&toml_template(&pack, ctx.lang)),
        TemplateFormat::Csv => emit(&csv_template(&pack)),
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn toml_template(pack: &Pack, lang: Lang) -> String {
    let mut s = String::new();
    let (title, note) = match lang {
        Lang::En => (
            "aiact inventory",
            "Fill in one [[system]] per AI system. Leave an answer out, or write \"unknown\", when you do not know it: the result then says what is still undetermined.",
        ),
        Lang::Nl => (
            "aiact-inventaris",
            "Vul één [[system]] in per AI-systeem. Laat een antwoord weg, of schrijf \"unknown\", als u het niet weet: het resultaat zegt dan wat nog niet te bepalen is.",
        ),
    };
    s.push_str(&format!(
        "# {title} — rule pack {} {} (sha256 {})\n",
        pack.manifest.id,
        pack.manifest.version,
        &pack.sha256[..12]
    ));
    s.push_str(&format!("# {note}\n\n[[system]]\nid = \"\"\nname = \"\"\nowner = \"\"\ndescription = \"\"\n\n[system.answers]\n"));
    for q in &pack.questions {
        s.push_str(&format!(
            "\n# {} [{}]\n",
            one_line(q.text.get(lang)),
            q.cite.join("; ")
        ));
        let why = one_line(q.why.get(lang));
        if !why.is_empty() {
            s.push_str(&format!("#   {why}\n"));
        }
        let (example, values) = match q.answer_type {
            AnswerType::YesNo => ("true".to_string(), "true | false | \"unknown\"".to_string()),
            AnswerType::Choice => (
                format!("\"{}\"", q.choices.first().map_or("", |c| c.value.as_str())),
                q.choices
                    .iter()
                    .map(|c| format!("\"{}\"", c.value))
                    .chain(["\"unknown\"".to_string()])
                    .collect::<Vec<_>>()
                    .join(" | "),
            ),
            AnswerType::MultiChoice => (
                "[]".to_string(),
                format!(
                    "a list of: {}",
                    q.choices
                        .iter()
                        .map(|c| format!("\"{}\"", c.value))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ),
            AnswerType::Date => (
                "2026-01-01".to_string(),
                "a date, YYYY-MM-DD | \"unknown\"".to_string(),
            ),
            AnswerType::Number => ("0".to_string(), "a number | \"unknown\"".to_string()),
        };
        s.push_str(&format!(
            "#   {}: {values}\n# {} = {example}\n",
            q.answer_type.name(),
            q.id
        ));
    }
    s
}

pub fn csv_template(pack: &Pack) -> String {
    let mut header = vec!["id", "name", "owner", "description"];
    header.extend(pack.questions.iter().map(|q| q.id.as_str()));
    header.join(",") + "\n"
}
