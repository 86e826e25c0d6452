//! The interview's own texts, one small table per language. Rule texts (questions, help,
//! findings, obligations) come from the pack; everything else the interview says is here.
//! Placeholders are written `{name}` and filled with [`fill`].

use crate::rules::Lang;

pub struct Ui {
    pub yes: &'static str,
    pub no: &'static str,
    pub dont_know: &'static str,
    pub more_help: &'static str,
    pub back: &'static str,
    /// Shown as the canceled-prompt indicator when Esc takes the user back.
    pub went_back: &'static str,
    pub invalid_input: &'static str,
    pub confirm_default_yes: &'static str,
    pub confirm_default_no: &'static str,
    pub confirm_error: &'static str,
    pub select_help: &'static str,
    pub multi_help: &'static str,
    pub date_help: &'static str,
    pub number_help: &'static str,
    pub text_help: &'static str,
    pub bad_date: &'static str,
    pub bad_number: &'static str,
    pub out_of_range: &'static str,
    pub progress: &'static str,
    pub progress_last: &'static str,
    pub progress_more: &'static str,
    pub why: &'static str,
    pub help_title: &'static str,
    pub examples: &'static str,
    pub no_help: &'static str,
    pub first_question: &'static str,
    pub field_id: &'static str,
    pub field_name: &'static str,
    pub field_owner: &'static str,
    pub field_description: &'static str,
    pub required: &'static str,
    pub saving_to: &'static str,
    pub save_exists: &'static str,
    pub save_continue: &'static str,
    pub save_overwrite: &'static str,
    pub resumed: &'static str,
    pub pack_changed: &'static str,
    pub pack_still_fits: &'static str,
    pub answer_unknown_question: &'static str,
    pub answer_not_allowed: &'static str,
    pub dropped: &'static str,
    pub interrupted: &'static str,
    pub interrupted_nothing_saved: &'static str,
    pub nothing_left: &'static str,
    pub invalid_answer: &'static str,
    // Summary.
    pub system: &'static str,
    pub classification: &'static str,
    pub still_possible: &'static str,
    pub why_header: &'static str,
    pub finding: &'static str,
    pub status: &'static str,
    pub cite: &'static str,
    pub roles: &'static str,
    pub possible_roles: &'static str,
    pub none: &'static str,
    pub obligations: &'static str,
    pub obligation: &'static str,
    pub for_role: &'static str,
    pub date: &'static str,
    pub applies_now: &'static str,
    pub upcoming: &'static str,
    pub in_transition: &'static str,
    pub undetermined: &'static str,
    pub from_date: &'static str,
    pub until_date: &'static str,
    pub decided_by: &'static str,
    pub open_questions: &'static str,
    pub question: &'static str,
    pub answered_dont_know: &'static str,
    pub not_answered: &'static str,
    pub notes: &'static str,
    pub verify_with_counsel: &'static str,
    pub finding_applies: &'static str,
    pub finding_upcoming: &'static str,
    pub finding_undetermined: &'static str,
    pub disclaimer: &'static str,
    // After the summary.
    pub write_report: &'static str,
    pub report_format: &'static str,
    pub report_file: &'static str,
    pub report_written: &'static str,
    pub report_failed: &'static str,
    // CLI.
    pub no_terminal: &'static str,
    pub cannot_read: &'static str,
    pub file_has_no_system: &'static str,
    pub file_has_many_systems: &'static str,
    pub cannot_save: &'static str,
}

pub const EN: Ui = Ui {
    yes: "Yes",
    no: "No",
    dont_know: "I don't know",
    more_help: "More help and examples",
    back: "← Back to the previous question",
    went_back: "<back>",
    invalid_input: "Invalid input.",
    confirm_default_yes: "Y/n",
    confirm_default_no: "y/N",
    confirm_error: "Type yes or no (y/n).",
    select_help: "↑↓ to move, enter to choose, type to filter, Esc to go back",
    multi_help: "↑↓ to move, space to tick, → all, ← none, enter to confirm, Esc to go back",
    date_help: "a date as YYYY-MM-DD · \"?\" for help · \"unknown\" if you don't know · Esc to go back",
    number_help: "a number{range} · \"?\" for help · \"unknown\" if you don't know · Esc to go back",
    text_help: "enter to confirm, Esc to go back",
    bad_date: "Write the date as YYYY-MM-DD, or \"unknown\".",
    bad_number: "Write a number (e.g. 1e25), or \"unknown\".",
    out_of_range: "The number must lie between {min} and {max}.",
    progress: "Question {n} — about {left} left",
    progress_last: "Question {n} — probably the last one",
    progress_more: "Question {n} — more may follow, depending on your answers",
    why: "Why we ask: {why} [{cite}]",
    help_title: "Help",
    examples: "Examples:",
    no_help: "There is no further help for this question.",
    first_question: "This is the first question; there is nothing to go back to.",
    field_id: "System id (short and unique, e.g. GEM-001)",
    field_name: "Name of the AI system",
    field_owner: "Owner (department or person responsible)",
    field_description: "What does it do? (one line)",
    required: "This cannot be empty.",
    saving_to: "Your answers are saved to {file} after every answer.",
    save_exists: "{file} already exists.",
    save_continue: "Continue the interview saved in it",
    save_overwrite: "Start over and overwrite it",
    resumed: "Continuing `{id}` from {file}: {n} answer(s) so far.",
    pack_changed: "The rule pack has changed since {file} was written ({old} → {new}).",
    pack_still_fits: "All saved answers still fit the questions.",
    answer_unknown_question: "The saved answer to `{id}` is dropped: the rule pack no longer has that question.",
    answer_not_allowed: "The saved answer to `{id}` ({value}) no longer fits the question; it will be asked again.",
    dropped: "No longer applies, answer dropped: {ids}",
    interrupted: "Interrupted. {n} answer(s) are saved in {file}.\nContinue with: aiact assess --resume {file}",
    interrupted_nothing_saved: "Interrupted before the first answer; nothing was saved.",
    nothing_left: "Nothing left to ask.",
    invalid_answer: "That answer does not fit: {why}",
    system: "System",
    classification: "Classification",
    still_possible: "still possible",
    why_header: "Why",
    finding: "Finding",
    status: "Status",
    cite: "Citation",
    roles: "Your role(s)",
    possible_roles: "possibly also",
    none: "none",
    obligations: "Obligations",
    obligation: "Obligation",
    for_role: "For",
    date: "Date",
    applies_now: "Applies now",
    upcoming: "Upcoming",
    in_transition: "In transition",
    undetermined: "Undetermined",
    from_date: "from {date}",
    until_date: "until {date}",
    decided_by: "decided by: {ids}",
    open_questions: "Open questions (these decide what is still undetermined)",
    question: "Question",
    answered_dont_know: "you answered: I don't know",
    not_answered: "not answered",
    notes: "Notes — verify with counsel",
    verify_with_counsel: "verify with counsel",
    finding_applies: "applies",
    finding_upcoming: "from {date}",
    finding_undetermined: "undetermined",
    disclaimer: "A self-assessment aid, not legal advice.",
    write_report: "Write the report to a file?",
    report_format: "Format",
    report_file: "File name",
    report_written: "Report written to {file}.",
    report_failed: "Cannot write {file}: {error}",
    no_terminal: "error: `aiact assess` is an interactive interview and needs a terminal (standard input and output are not both a terminal).\n  = hint: write the answers in a file (`aiact template > answers.toml`) and assess it with `aiact batch answers.toml`; in a terminal, `aiact assess --answers FILE` asks only what the file leaves open",
    cannot_read: "error: cannot read {file}: {error}",
    file_has_no_system: "error: {file} holds no system",
    file_has_many_systems: "error: {file} holds {n} systems; an answers file holds one\n  = hint: assess an inventory with `aiact batch {file}`",
    cannot_save: "error: cannot save the answers to {file}: {error}",
};

pub const NL: Ui = Ui {
    yes: "Ja",
    no: "Nee",
    dont_know: "Weet ik niet",
    more_help: "Meer uitleg en voorbeelden",
    back: "← Terug naar de vorige vraag",
    went_back: "<terug>",
    invalid_input: "Ongeldige invoer.",
    confirm_default_yes: "J/n",
    confirm_default_no: "j/N",
    confirm_error: "Typ ja of nee (j/n).",
    select_help: "↑↓ om te bewegen, enter om te kiezen, typ om te filteren, Esc om terug te gaan",
    multi_help: "↑↓ om te bewegen, spatie om aan te vinken, → alles, ← niets, enter om te bevestigen, Esc om terug te gaan",
    date_help: "een datum als JJJJ-MM-DD · \"?\" voor uitleg · \"weet niet\" als u het niet weet · Esc om terug te gaan",
    number_help: "een getal{range} · \"?\" voor uitleg · \"weet niet\" als u het niet weet · Esc om terug te gaan",
    text_help: "enter om te bevestigen, Esc om terug te gaan",
    bad_date: "Schrijf de datum als JJJJ-MM-DD, of \"weet niet\".",
    bad_number: "Schrijf een getal (bv. 1e25), of \"weet niet\".",
    out_of_range: "Het getal moet tussen {min} en {max} liggen.",
    progress: "Vraag {n} — nog ongeveer {left}",
    progress_last: "Vraag {n} — waarschijnlijk de laatste",
    progress_more: "Vraag {n} — afhankelijk van uw antwoorden volgen er nog vragen",
    why: "Waarom we dit vragen: {why} [{cite}]",
    help_title: "Uitleg",
    examples: "Voorbeelden:",
    no_help: "Er is geen verdere uitleg bij deze vraag.",
    first_question: "Dit is de eerste vraag; u kunt niet verder terug.",
    field_id: "Id van het systeem (kort en uniek, bv. GEM-001)",
    field_name: "Naam van het AI-systeem",
    field_owner: "Eigenaar (dienst of verantwoordelijke)",
    field_description: "Wat doet het? (één regel)",
    required: "Dit mag niet leeg zijn.",
    saving_to: "Uw antwoorden worden na elk antwoord bewaard in {file}.",
    save_exists: "{file} bestaat al.",
    save_continue: "Het daarin bewaarde interview voortzetten",
    save_overwrite: "Opnieuw beginnen en het overschrijven",
    resumed: "Verder met `{id}` uit {file}: tot nu toe {n} antwoord(en).",
    pack_changed: "De regelset is gewijzigd sinds {file} werd geschreven ({old} → {new}).",
    pack_still_fits: "Alle bewaarde antwoorden passen nog bij de vragen.",
    answer_unknown_question: "Het bewaarde antwoord op `{id}` vervalt: de regelset heeft die vraag niet meer.",
    answer_not_allowed: "Het bewaarde antwoord op `{id}` ({value}) past niet meer bij de vraag; de vraag wordt opnieuw gesteld.",
    dropped: "Niet meer van toepassing, antwoord geschrapt: {ids}",
    interrupted: "Onderbroken. {n} antwoord(en) zijn bewaard in {file}.\nGa verder met: aiact assess --resume {file}",
    interrupted_nothing_saved: "Onderbroken voor het eerste antwoord; er werd niets bewaard.",
    nothing_left: "Er valt niets meer te vragen.",
    invalid_answer: "Dat antwoord past niet: {why}",
    system: "Systeem",
    classification: "Indeling",
    still_possible: "nog mogelijk",
    why_header: "Waarom",
    finding: "Vaststelling",
    status: "Status",
    cite: "Bepaling",
    roles: "Uw rol(len)",
    possible_roles: "mogelijk ook",
    none: "geen",
    obligations: "Verplichtingen",
    obligation: "Verplichting",
    for_role: "Voor",
    date: "Datum",
    applies_now: "Geldt nu",
    upcoming: "Komt eraan",
    in_transition: "In overgangsperiode",
    undetermined: "Nog niet te bepalen",
    from_date: "vanaf {date}",
    until_date: "tot {date}",
    decided_by: "hangt af van: {ids}",
    open_questions: "Open vragen (die beslissen wat nog niet te bepalen is)",
    question: "Vraag",
    answered_dont_know: "uw antwoord: weet ik niet",
    not_answered: "niet beantwoord",
    notes: "Opmerkingen — laat dit nakijken door een jurist",
    verify_with_counsel: "laat dit nakijken door een jurist",
    finding_applies: "geldt",
    finding_upcoming: "vanaf {date}",
    finding_undetermined: "nog niet te bepalen",
    disclaimer: "Een hulpmiddel voor zelfevaluatie, geen juridisch advies.",
    write_report: "Het rapport naar een bestand schrijven?",
    report_format: "Formaat",
    report_file: "Bestandsnaam",
    report_written: "Rapport geschreven naar {file}.",
    report_failed: "Kan {file} niet schrijven: {error}",
    no_terminal: "fout: `aiact assess` is een interactief interview en heeft een terminal nodig (standaardinvoer en -uitvoer zijn niet allebei een terminal).\n  = hint: schrijf de antwoorden in een bestand (`aiact template > antwoorden.toml`) en beoordeel het met `aiact batch antwoorden.toml`; in een terminal vraagt `aiact assess --answers BESTAND` alleen wat het bestand openlaat",
    cannot_read: "fout: kan {file} niet lezen: {error}",
    file_has_no_system: "fout: {file} bevat geen systeem",
    file_has_many_systems: "fout: {file} bevat {n} systemen; een antwoordbestand bevat er één\n  = hint: beoordeel een inventaris met `aiact batch {file}`",
    cannot_save: "fout: kan de antwoorden niet bewaren in {file}: {error}",
};

pub fn ui(lang: Lang) -> &'static Ui {
    match lang {
        Lang::En => &EN,
        Lang::Nl => &NL,
    }
}

/// Fills `{name}` placeholders.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (k, v) in values {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

/// Words that mean "I don't know" in a typed answer (both languages are always accepted).
pub const UNKNOWN_WORDS: [&str; 7] = [
    "unknown",
    "don't know",
    "dont know",
    "idk",
    "weet niet",
    "weet ik niet",
    "onbekend",
];

/// Words that ask for help in a typed answer.
pub const HELP_WORDS: [&str; 4] = ["?", "help", "hulp", "uitleg"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_every_placeholder() {
        assert_eq!(
            fill(EN.progress, &[("n", "6"), ("left", "12")]),
            "Question 6 — about 12 left"
        );
        assert_eq!(
            fill(NL.progress, &[("n", "6"), ("left", "12")]),
            "Vraag 6 — nog ongeveer 12"
        );
    }

    #[test]
    fn dutch_table_is_dutch_where_english_differs() {
        // A cheap guard against a string copied and not translated.
        assert_ne!(EN.yes, NL.yes);
        assert_ne!(EN.back, NL.back);
        assert_ne!(EN.summary_probe(), NL.summary_probe());
    }

    impl Ui {
        fn summary_probe(&self) -> [&'static str; 6] {
            [
                self.classification,
                self.obligations,
                self.applies_now,
                self.upcoming,
                self.undetermined,
                self.disclaimer,
            ]
        }
    }
}
