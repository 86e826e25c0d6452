use super::*;

#[test]
fn object_with_systems_keeps_positions() {
    let text = "{\n  \"systems\": [\n    {\"id\": \"A\", \"name\": \"Chat\", \"answers\": {\"interacts\": true, \"areas\": [\"x\", \"y\"]},\n     \"evidence\": {\"doc\": {\"reference\": \"D.pdf\", \"expires\": \"2030-01-01\"}}},\n    {\"id\": \"B\"}\n  ]\n}\n";
    let inv = read_json("i.json", text);
    assert!(inv.diagnostics.is_empty(), "{:?}", inv.diagnostics);
    assert_eq!(inv.systems.len(), 2);
    let a = &inv.systems[0];
    assert_eq!((a.line, a.answers.len()), (3, 2));
    assert_eq!(
        a.answers[1],
        (
            "areas".to_string(),
            RawAnswer::List(vec!["x".into(), "y".into()])
        )
    );
    assert_eq!(a.answer_at[0], (3, 58));
    assert_eq!(a.evidence[0].expires, NaiveDate::from_ymd_opt(2030, 1, 1));
    assert_eq!(inv.systems[1].line, 5);
}

#[test]
fn organisation_lifecycle_meta_and_hints() {
    let text = "{\"organisation\": {\"name\": \"Stad\", \"type\": \"local-government\", \"country\": \"NL\"},\n \"systems\": [\n  {\"id\": \"A\", \"lifecycle\": \"planned\", \"lifecycle_date\": \"2027-03-01\", \"hints\": [{\"question\": \"q\", \"reason\": \"r\"}],\n   \"answers\": {\"x\": {\"value\": true, \"source\": \"s\", \"on\": \"2026-12-01\"}, \"y\": {\"value\": 1, \"bye\": \"z\"}}}\n ]\n}\n";
    let inv = read_json("i.json", text);
    assert_eq!(
        inv.organisation.as_ref().map(|o| o.country.as_deref()),
        Some(Some("NL"))
    );
    assert_eq!(
        inv.systems.len(),
        0,
        "the bad answer key rejects the system"
    );
    let d = &inv.diagnostics[0];
    assert_eq!(
        (d.code, d.location.as_ref().map(|l| l.line)),
        ("A032", Some(4))
    );
    assert!(
        d.message.en.contains("did you mean `by`"),
        "{}",
        d.message.en
    );
    let fixed = text.replace("\"bye\"", "\"by\"");
    let inv = read_json("i.json", &fixed);
    assert!(inv.diagnostics.is_empty(), "{:?}", inv.diagnostics);
    let a = &inv.systems[0];
    assert_eq!(
        a.lifecycle.map(|l| l.stage),
        Some(crate::engine::Stage::Planned)
    );
    assert_eq!(a.answer_meta["x"].on, NaiveDate::from_ymd_opt(2026, 12, 1));
    assert_eq!(a.answers[1].1, RawAnswer::Number(1.0));
    assert_eq!(a.hints.len(), 1);
    let lines = "{\"organisation\": {\"name\": \"Stad\"}}\n{\"id\": \"A\"}\n";
    let inv = read_json_lines("i.jsonl", lines);
    assert_eq!(inv.organisation.map(|o| o.name), Some("Stad".to_string()));
    assert_eq!(inv.systems.len(), 1);
}

#[test]
fn syntax_error_is_located() {
    let inv = read_json(
        "i.json",
        "{\n  \"systems\": [\n    {\"id\": \"A\",}\n  ]\n}\n",
    );
    let d = &inv.diagnostics[0];
    assert_eq!(d.code, "A017");
    assert_eq!(d.location.as_ref().map(|l| l.line), Some(3));
}

#[test]
fn json_lines_bad_line_does_not_stop_the_others() {
    let text = "{\"id\": \"A\"}\n\n{\"id\": \"B\", \"nmae\": \"x\"}\n{\"id\": \n{\"id\": \"C\", \"answers\": {\"q\": null}}\n";
    let inv = read_json_lines("i.jsonl", text);
    let ids: Vec<&str> = inv.systems.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["A", "C"]);
    let lines: Vec<(&str, usize)> = inv
        .diagnostics
        .iter()
        .map(|d| (d.code, d.location.as_ref().map_or(0, |l| l.line)))
        .collect();
    assert_eq!(lines, [("A011", 3), ("A017", 4)]);
    assert!(
        inv.diagnostics[0]
            .hint
            .as_ref()
            .map_or("", |h| h.en.as_str())
            .contains("`name`")
    );
    assert_eq!(
        inv.systems[1].answers[0].1,
        RawAnswer::Text("unknown".into())
    );
}
