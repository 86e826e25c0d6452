//! The command line in Dutch (`--lang nl`): help, man page, completions and usage errors.
//!
//! clap has no translations: the Dutch texts of our commands and options are in the tables
//! below, keyed by command path and argument id, and the few fixed words clap writes itself
//! ("Usage:", "Options:", "[default: …]") are replaced in what it renders. Usage errors are
//! written here from the error's kind and context. A test checks that every command and
//! option has its Dutch text, so a new option cannot ship in English only.

use clap::Command;
use clap::error::{ContextKind, ContextValue, ErrorKind};

/// Dutch about texts and after-help texts by command path ("" is aiact itself).
const COMMANDS: &[(&str, &str, Option<&str>)] = &[
    (
        "",
        "Waar uw AI-systemen staan onder de AI-verordening (Verordening (EU) 2024/1689, gewijzigd bij Verordening (EU) 2026/1744), en wat u moet doen, tegen wanneer.\n\nEen hulpmiddel voor zelfbeoordeling, geen juridisch advies.",
        Some(EXIT_CODES),
    ),
    (
        "rules",
        "De regelset valideren, oplijsten, tonen en testen",
        None,
    ),
    (
        "rules check",
        "De regelset valideren en elk probleem tonen (afsluitcode 2 bij een fout)",
        None,
    ),
    (
        "rules list",
        "Elke vraag, bevinding, verplichting, opmerking en soort bewijsstuk oplijsten",
        None,
    ),
    ("rules show", "Eén regel volledig tonen", None),
    (
        "rules test",
        "De gouden scenario's van de regelset uitvoeren",
        None,
    ),
    (
        "template",
        "Een lege inventaris (of antwoordbestand) schrijven met elke vraag",
        None,
    ),
    (
        "timeline",
        "De sleuteldata van de AI-verordening tonen, of die van één systeem",
        None,
    ),
    (
        "assess",
        "Interview: één AI-systeem vraag per vraag beoordelen",
        Some(
            "Toetsen: ↑↓ verplaatsen, Enter kiest, typ om te filteren, Esc gaat terug naar de vorige vraag, Ctrl-C stopt (de gegeven antwoorden worden bewaard; ga verder met --resume BESTAND); SIGTERM en SIGHUP ook.\n\nAfsluitcodes: 0 klaar, 2 ongeldig gebruik of ongeldige bestanden, 130 onderbroken (Ctrl-C, SIGINT), 143 beëindigd (SIGTERM), 129 opgehangen (SIGHUP); de gegeven antwoorden zijn telkens bewaard.\n\nZonder terminal beoordeelt u antwoordbestanden met `aiact batch BESTAND`.",
        ),
    ),
    (
        "batch",
        "Elk systeem van een inventaris beoordelen",
        Some(BATCH_AFTER_HELP),
    ),
    (
        "check",
        "Aankoopcontrole: een offerte toetsen aan de wet en het beleid van de koper",
        Some(CHECK_AFTER_HELP),
    ),
    (
        "import",
        "Een export van een register of een rekenblad omzetten in een inventaris",
        Some(IMPORT_AFTER_HELP),
    ),
    ("completions", "Shell-aanvullingen afdrukken", None),
    ("man", "De man-pagina afdrukken (roff)", None),
];

const EXIT_CODES: &str = "\
Afsluitcodes:
  0    gelukt (en, voor `check` en `--fail-on`: de controle is geslaagd)
  1    een controle faalde: `check` of `--fail-on` vond waarop moest worden gefaald
  2    ongeldig gebruik, ongeldige invoer, antwoorden, beleid of regels (een fout van het
       hulpmiddel is nooit 1)
  130  onderbroken (Ctrl-C, SIGINT); de gegeven antwoorden zijn bewaard
  143  beëindigd (SIGTERM), 129: opgehangen (SIGHUP); zoals 130, de gegeven antwoorden zijn bewaard";

const BATCH_AFTER_HELP: &str = "\
Voorbeelden:
  aiact batch examples/municipality.toml --as-of 2026-12-01
  aiact batch inventaris.csv --format json --fail-on prohibited,high-risk
  cat systemen.jsonl | aiact batch - --input-format jsonl --output-dir rapporten/

Afsluitcodes:
  0    elk systeem beoordeeld; geen enkel --fail-on-niveau gevonden
  1    --fail-on trof minstens één systeem
  2    ongeldig gebruik, of problemen in de inventaris (elk gemeld met bestand:regel:kolom;
       de andere systemen worden toch beoordeeld en gerapporteerd)
  130  onderbroken

Het formaat van de inventaris: docs/inventory-format.md";

const IMPORT_AFTER_HELP: &str = "\
Voorbeelden:
  aiact import --from algoritmeregister algoritmes.json -o inventaris.toml
  aiact import --from csv --map examples/import/gemeente.map.toml examples/import/gemeente-ai-inventaris.csv -o inventaris.toml
  aiact batch inventaris.toml --as-of 2026-12-01

Een veld van een register geeft alleen een antwoord waar het dat feit vermeldt; elk
geïmporteerd antwoord vermeldt zijn bron. Vrije tekst geeft aanwijzingen (vragen om eerst te
stellen), nooit antwoorden. Elk record wordt een systeem of een geteld, gemeld probleem. De
omzettingen: docs/import.md

Afsluitcodes:
  0    geïmporteerd (records die om een reden worden overgeslagen, zoals geen AI-toepassing,
       worden gemeld en geteld)
  2    een bestand kon niet gelezen worden of is niet van de opgegeven bron, of het
       mappingbestand heeft problemen";

const CHECK_AFTER_HELP: &str = "\
Niveaus (--fail-on, gescheiden door komma's; ook `fail_on` in het beleid):
  prohibited        het systeem is een verboden praktijk (art. 5)
  high-risk         het systeem is een AI-systeem met een hoog risico (art. 6)
  limited           het systeem heeft alleen transparantieverplichtingen (art. 50)
  undetermined      de indeling, of of een bewijsstuk vereist is, ligt nog open
  missing-evidence  een bewijsstuk dat de aanbieder moet overhandigen ontbreekt
  expired-evidence  een overhandigd bewijsstuk is vervallen op de --as-of-datum
  Zonder --fail-on en zonder `fail_on` in het beleid:
  prohibited,undetermined,missing-evidence,expired-evidence.

Afsluitcodes:
  0  de controle is geslaagd (of --no-fail werd gegeven)
  1  de controle faalde op een --fail-on-niveau of op het beleid
  2  ongeldig gebruik, ongeldige invoer, antwoorden, bewijsstukken of beleid (niets wordt
     gecontroleerd)";

/// Dutch help texts by command path and argument id; "*" holds the global options. An option
/// whose values have their own help lists them here, in Dutch.
const ARGS: &[(&str, &str, &str)] = &[
    (
        "*",
        "rules",
        "De regelset in MAP gebruiken in plaats van die in aiact ingebouwd",
    ),
    (
        "*",
        "overlay",
        "De eigen regels van een organisatie uit MAP bovenop de regelset toevoegen (herhaalbaar)",
    ),
    (
        "*",
        "deny_overlay_changes_binding",
        "Eigen regels (overlay) weigeren (afsluitcode 2) die bindende resultaten van de regelset wijzigen: een overgangsregeling voor een bindende verplichting, een wetsversie of een rij van de risicotabel",
    ),
    (
        "*",
        "lang",
        "Taal van alles wat het hulpmiddel zegt [standaard: uit LANG, anders en] [mogelijke waarden: en, nl]",
    ),
    ("*", "as_of", "Beoordelingsdatum [standaard: vandaag]"),
    (
        "*",
        "color",
        "Wanneer kleuren gebruiken [standaard: auto] [mogelijke waarden: auto (automatisch), always (altijd), never (nooit)]",
    ),
    (
        "*",
        "timestamp",
        "Het tijdstip van aanmaak in rapporten afdrukken (standaard niet, zodat de uitvoer reproduceerbaar is)",
    ),
    (
        "rules check",
        "format",
        "Uitvoerformaat [standaard: text] [mogelijke waarden: text (tekst), json]",
    ),
    (
        "rules list",
        "format",
        "Uitvoerformaat [standaard: table] [mogelijke waarden: table (tabel), json]",
    ),
    (
        "rules show",
        "id",
        "De id van een vraag, bevinding, verplichting, soort bewijsstuk, overgangsregel, opmerking of datum",
    ),
    (
        "template",
        "format",
        "Uitvoerformaat [standaard: toml] [mogelijke waarden: toml, csv]",
    ),
    (
        "template",
        "purpose",
        "Voor wie de sjabloon is [standaard: inventory] [mogelijke waarden: inventory (inventaris), procurement (aankoop)]",
    ),
    (
        "timeline",
        "answers",
        "Een antwoordbestand: de eigen termijnen van dat systeem tonen",
    ),
    (
        "timeline",
        "format",
        "Uitvoerformaat [standaard: table] [mogelijke waarden: table (tabel), json]",
    ),
    (
        "assess",
        "answers",
        "Vooraf invullen uit dit antwoordbestand en alleen de rest vragen",
    ),
    (
        "assess",
        "resume",
        "Een onderbroken interview voortzetten dat in BESTAND bewaard is",
    ),
    (
        "assess",
        "save",
        "Waar de antwoorden bewaard worden terwijl ze gegeven worden [standaard: een bestand met de naam van het systeem]",
    ),
    (
        "batch",
        "inventory",
        "De inventaris: TOML, JSON, JSON Lines of CSV, of `-` voor standaardinvoer",
    ),
    (
        "batch",
        "input_format",
        "De codering van de inventaris [standaard: uit de bestandsextensie; voor standaardinvoer of een onbekende extensie: uit de inhoud]. Mogelijke waarden: toml (`[[system]]`-tabellen), json (een object met een `systems`-lijst, of één systeemobject), jsonl (JSON Lines: één systeemobject per regel), csv (één rij per systeem; `,` of `;` als scheidingsteken, automatisch herkend)",
    ),
    (
        "batch",
        "format",
        "Uitvoerformaat van het overzicht op standaarduitvoer [standaard: table] [mogelijke waarden: table (tabel), json, markdown, html, csv]",
    ),
    (
        "batch",
        "output_dir",
        "Ook één rapport per systeem in MAP schrijven: <id>.json en <id>.md (elk onder een tijdelijke naam geschreven en dan hernoemd; nooit via een symbolische koppeling)",
    ),
    (
        "batch",
        "clean",
        "Met --output-dir: de rapporten verwijderen die een vorige uitvoering schreef voor systemen die niet meer in de inventaris staan",
    ),
    (
        "batch",
        "fail_on",
        "Afsluiten met code 1 wanneer een systeem een van deze niveaus heeft: prohibited (verboden), high-risk (hoog risico), limited (beperkt), undetermined (onbepaald) (gescheiden door komma's of herhaald)",
    ),
    (
        "batch",
        "parse_only",
        "Alleen de inventaris lezen en de antwoorden aan de regelset toetsen (geen beoordeling, geen uitvoer)",
    ),
    (
        "check",
        "input",
        "Eén antwoordbestand of een inventaris (TOML; `-` voor standaardinvoer); elk systeem wordt gecontroleerd",
    ),
    (
        "check",
        "policy",
        "Het beleidsbestand van de koper (bv. aiact-policy.toml)",
    ),
    (
        "check",
        "fail_on",
        "Falen op deze niveaus, gescheiden door komma's (bovenop `fail_on` in het beleid). Mogelijke waarden: prohibited (het systeem is een verboden praktijk, art. 5), high-risk (het systeem heeft een hoog risico, art. 6), limited (alleen transparantieverplichtingen, art. 50), undetermined (de indeling, of of een bewijsstuk vereist is, ligt nog open), missing-evidence (een vereist bewijsstuk ontbreekt of is gedateerd na de beoordelingsdatum), expired-evidence (een vereist bewijsstuk is vervallen op de beoordelingsdatum)",
    ),
    (
        "check",
        "no_fail",
        "Rapporteren zonder te falen: afsluitcode 0 ook wanneer de controle faalt (observatiemodus)",
    ),
    (
        "check",
        "format",
        "Uitvoerformaat; alleen het document gaat naar standaarduitvoer [standaard: table]. Mogelijke waarden: table (leesbaar rapport), json (de batch-JSON met een `check`-deel), junit (JUnit-XML: een testsuite per systeem, een testgeval per vereist element), sarif (SARIF 2.1.0: elke tekortkoming op de plaats van het systeem), markdown (een aankoopnota voor het dossier)",
    ),
    (
        "import",
        "source",
        "Het register waaruit de bestanden komen. Mogelijke waarden: algoritmeregister (het Nederlandse Algoritmeregister: lijst-JSON, site-data-export, publicatiestandaard 1.0), atrs (de Britse Algorithmic Transparency Recording Standard, JSON of CSV), omb (de Amerikaanse federale inventarissen van AI-toepassingen, 2024 en 2025), pstw (de Public Sector Tech Watch van het JRC: de AI-toepassingen), csv (elk rekenblad, met een mappingbestand: --map)",
    ),
    ("import", "files", "De bestanden van het register"),
    (
        "import",
        "output",
        "De inventaris naar BESTAND schrijven (.toml, .jsonl of .csv) [standaard: TOML op standaarduitvoer]",
    ),
    (
        "import",
        "map",
        "Voor `--from csv`: het mappingbestand (welke kolom wat is; docs/import.md)",
    ),
    (
        "completions",
        "shell",
        "De shell [mogelijke waarden: bash, elvish, fish, powershell, zsh]",
    ),
];

/// Dutch names for the placeholders of option values.
const VALUE_NAMES: &[(&str, &str)] = &[
    ("DIR", "MAP"),
    ("FILE", "BESTAND"),
    ("FORMAT", "FORMAAT"),
    ("LEVEL", "NIVEAU"),
    ("LEVEL,...", "NIVEAU,..."),
    ("YYYY-MM-DD", "JJJJ-MM-DD"),
    ("PURPOSE", "DOEL"),
    ("LANG", "TAAL"),
    ("COLOR", "KLEUR"),
    ("INVENTORY", "INVENTARIS"),
    ("INPUT", "INVOER"),
    ("ANSWERS", "ANTWOORDEN"),
    ("ID", "ID"),
    ("SHELL", "SHELL"),
    ("SOURCE", "BRON"),
];

/// The words clap writes itself, in the order they must be replaced (longest first where one
/// contains another).
const CLAP_WORDS: &[(&str, &str)] = &[
    (
        "Print help (see a summary with '-h')",
        "Hulp tonen (een samenvatting met '-h')",
    ),
    (
        "Print help (see more with '--help')",
        "Hulp tonen (meer met '--help')",
    ),
    (
        "Print this message or the help of the given subcommand(s)",
        "Deze hulp tonen, of die van de gegeven opdracht(en)",
    ),
    ("Print help", "Hulp tonen"),
    ("Print version", "De versie tonen"),
    ("Usage:", "Gebruik:"),
    ("Commands:", "Opdrachten:"),
    ("Options:", "Opties:"),
    ("Arguments:", "Argumenten:"),
    ("[OPTIONS]", "[OPTIES]"),
    ("<COMMAND>", "<OPDRACHT>"),
    ("[COMMAND]", "[OPDRACHT]"),
    ("[default: ", "[standaard: "),
    ("[possible values: ", "[mogelijke waarden: "),
];

/// The section titles of the man page.
const MAN_SECTIONS: &[(&str, &str)] = &[
    (".SH NAME", ".SH NAAM"),
    (".SH SYNOPSIS", ".SH OVERZICHT"),
    (".SH DESCRIPTION", ".SH BESCHRIJVING"),
    (".SH OPTIONS", ".SH OPTIES"),
    (".SH Opdrachten", ".SH OPDRACHTEN"),
    (".SH EXTRA", ".SH MEER"),
    (".SH VERSION", ".SH VERSIE"),
    ("<\\fIsubcommands\\fR>", "<\\fIopdrachten\\fR>"),
];

fn command_text(path: &str) -> Option<&'static (&'static str, &'static str, Option<&'static str>)> {
    COMMANDS.iter().find(|(p, _, _)| *p == path)
}

/// The Dutch help of an option: its own command's entry, else the global one.
pub fn arg_help(path: &str, id: &str) -> Option<&'static str> {
    ARGS.iter()
        .find(|(p, i, _)| *p == path && *i == id)
        .or_else(|| ARGS.iter().find(|(p, i, _)| *p == "*" && *i == id))
        .map(|(_, _, h)| *h)
}

fn value_name(name: &str) -> Option<&'static str> {
    VALUE_NAMES
        .iter()
        .find(|(en, _)| *en == name)
        .map(|(_, nl)| *nl)
}

/// The command line with every text in Dutch.
pub fn localise(cmd: Command) -> Command {
    localise_at(cmd, "")
}

fn localise_at(cmd: Command, path: &str) -> Command {
    let mut cmd = cmd.mut_args(|a| {
        let Some(help) = arg_help(path, a.get_id().as_str()) else {
            return a;
        };
        let names: Option<Vec<&'static str>> = a
            .get_value_names()
            .unwrap_or_default()
            .iter()
            .map(|n| value_name(n.as_str()))
            .collect();
        let takes_values = a.get_action().takes_values();
        let a = a.help(help).long_help(None::<&str>);
        // The Dutch text states the default and the values itself.
        let a = if takes_values {
            a.hide_default_value(true).hide_possible_values(true)
        } else {
            a
        };
        match names {
            Some(names) if !names.is_empty() => a.value_names(names),
            _ => a,
        }
    });
    if let Some((_, about, after)) = command_text(path) {
        cmd = cmd
            .about(*about)
            .long_about(None::<&str>)
            .after_help(after.unwrap_or(""))
            .after_long_help(None::<&str>);
    }
    cmd.subcommand_help_heading("Opdrachten")
        .mut_subcommands(|sub| {
            let sub_path = if path.is_empty() {
                sub.get_name().to_string()
            } else {
                format!("{path} {}", sub.get_name())
            };
            localise_at(sub, &sub_path)
        })
}

/// Replaces the words clap writes itself in a help text.
pub fn clap_words(text: &str) -> String {
    CLAP_WORDS
        .iter()
        .fold(text.to_string(), |t, (en, nl)| t.replace(en, nl))
}

/// The man page's section titles in Dutch.
pub fn man_words(roff: &str) -> String {
    let roff = MAN_SECTIONS
        .iter()
        .fold(roff.to_string(), |t, (en, nl)| t.replace(en, nl));
    clap_words(&roff).replace("\\fIPossible values:\\fR", "\\fIMogelijke waarden:\\fR")
}

fn context(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A usage error, help or version, as the Dutch user should read it.
pub fn render_error(e: &clap::Error) -> String {
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            return clap_words(&e.render().to_string());
        }
        _ => {}
    }
    let arg = context(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = context(e, ContextKind::InvalidValue).unwrap_or_default();
    let mut out = String::from("fout: ");
    out += &match e.kind() {
        ErrorKind::InvalidValue if value.is_empty() => {
            format!("`{arg}` verwacht een waarde, maar er werd geen gegeven")
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            format!("ongeldige waarde `{value}` voor `{arg}`")
        }
        ErrorKind::UnknownArgument => format!("onbekende optie `{arg}`"),
        ErrorKind::InvalidSubcommand => format!(
            "onbekende opdracht `{}`",
            context(e, ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::MissingRequiredArgument => format!("verplicht argument ontbreekt: {arg}"),
        ErrorKind::MissingSubcommand => "er ontbreekt een opdracht".to_string(),
        ErrorKind::ArgumentConflict => {
            let other = context(e, ContextKind::PriorArg).unwrap_or_default();
            format!("`{arg}` kan niet samen met `{other}` gebruikt worden")
        }
        ErrorKind::NoEquals => format!("`{arg}` verwacht een `=` voor zijn waarde"),
        ErrorKind::TooManyValues => format!("te veel waarden voor `{arg}`: `{value}`"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("verkeerd aantal waarden voor `{arg}`")
        }
        ErrorKind::InvalidUtf8 => "een argument is geen geldige UTF-8-tekst".to_string(),
        _ => "ongeldig gebruik van de opdrachtregel".to_string(),
    };
    out.push('\n');
    if let Some(valid) = context(e, ContextKind::ValidValue) {
        out += &format!("  mogelijke waarden: {valid}\n");
    }
    if let Some(hint) = value_hint(&arg) {
        out += &format!("  = tip: {hint}\n");
    }
    for kind in [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ] {
        if let Some(s) = context(e, kind) {
            out += &format!("  = tip: bedoelt u `{s}`?\n");
        }
    }
    if let Some(usage) = context(e, ContextKind::Usage) {
        out += &format!("\n{}\n", clap_words(usage.trim_end()));
    }
    out += "\nMeer uitleg: `aiact --lang nl --help`.\n";
    out
}

/// What a valid value of an option with its own value check looks like.
fn value_hint(arg: &str) -> Option<&'static str> {
    if arg.starts_with("--as-of") {
        Some("schrijf de datum als JJJJ-MM-DD")
    } else if arg.starts_with("--fail-on") {
        Some("de niveaus zijn prohibited, high-risk, limited en undetermined")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn paths(cmd: &Command, path: &str, out: &mut Vec<(String, Command)>) {
        out.push((path.to_string(), cmd.clone()));
        // `help` lists the other commands again; it has no texts of its own.
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            let p = if path.is_empty() {
                sub.get_name().to_string()
            } else {
                format!("{path} {}", sub.get_name())
            };
            paths(sub, &p, out);
        }
    }

    /// A new command or option must come with its Dutch text.
    #[test]
    fn every_command_and_option_has_dutch_text() {
        let mut cmd = super::super::Cli::command();
        cmd.build();
        let mut all = Vec::new();
        paths(&cmd, "", &mut all);
        let mut missing = Vec::new();
        for (path, c) in &all {
            if command_text(path).is_none() {
                missing.push(format!("command `{path}`"));
            }
            for a in c.get_arguments() {
                let id = a.get_id().as_str();
                if id == "help" || id == "version" {
                    continue;
                }
                if arg_help(path, id).is_none() {
                    missing.push(format!("option `{id}` of `{path}`"));
                }
            }
        }
        assert!(missing.is_empty(), "no Dutch text for: {missing:#?}");
    }

    /// Options whose values clap would list with English help must list them in Dutch.
    #[test]
    fn values_with_their_own_help_are_listed_in_dutch() {
        let mut cmd = super::super::Cli::command();
        cmd.build();
        let mut all = Vec::new();
        paths(&cmd, "", &mut all);
        for (path, c) in &all {
            for a in c.get_arguments() {
                let values = a.get_possible_values();
                if values.iter().any(|v| v.get_help().is_some()) {
                    let help = arg_help(path, a.get_id().as_str()).unwrap_or_default();
                    for v in values {
                        assert!(
                            help.contains(v.get_name()),
                            "`{}` of `{path}`: Dutch help does not name `{}`",
                            a.get_id(),
                            v.get_name()
                        );
                    }
                }
            }
        }
    }
}
