//! The HTML report in a real headless browser (Debian's `chromium`): it renders, prints to
//! PDF on A4 with every system starting on a page of its own, and asks for nothing outside
//! the file. Skips with a message when chromium is missing, unless `CI` is set
//! (`.ci/install-chromium.sh` installs it).

mod report_support;

use aiact::report::{Format, RenderOptions, render};
use aiact::rules::Lang;
use report_support::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn find_chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        for dir in std::env::split_paths(&path) {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

fn chromium_or_skip() -> Option<PathBuf> {
    match find_chromium() {
        Some(p) => Some(p),
        None if std::env::var_os("CI").is_some() => {
            panic!(
                "chromium is not installed but CI is set: run .ci/install-chromium.sh before the tests"
            )
        }
        None => {
            eprintln!(
                "SKIP: chromium not found on PATH; the HTML report was not checked in a browser (run .ci/install-chromium.sh)"
            );
            None
        }
    }
}

/// Prints an HTML file to PDF; returns the PDF's bytes and what chromium said on stderr.
fn print_to_pdf(browser: &Path, html: &Path, pdf: &Path) -> (Vec<u8>, String) {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start chromium");
    let deadline = Instant::now() + Duration::from_secs(90);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!(
                "chromium did not finish printing {} within 90 s",
                html.display()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut stderr = String::new();
    if let Some(mut e) = child.stderr.take() {
        use std::io::Read;
        let _ = e.read_to_string(&mut stderr);
    }
    assert!(status.success(), "chromium failed ({status}): {stderr}");
    let bytes = std::fs::read(pdf).unwrap_or_else(|e| panic!("no PDF written ({e}): {stderr}"));
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    (bytes, stderr)
}

/// Pages of a PDF: `pdfinfo` when installed, else the `/Type /Page` objects.
fn page_count(pdf: &Path, bytes: &[u8]) -> usize {
    if let Ok(out) = Command::new("pdfinfo").arg(pdf).output()
        && out.status.success()
    {
        let text = String::from_utf8_lossy(&out.stdout);
        if let Some(n) = text
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok())
        {
            return n;
        }
    }
    let text = String::from_utf8_lossy(bytes);
    text.match_indices("/Type /Page")
        .filter(|(i, _)| !text[i + 11..].starts_with('s'))
        .count()
        + text
            .match_indices("/Type/Page")
            .filter(|(i, _)| !text[i + 10..].starts_with('s'))
            .count()
}

/// The text of each page, when `pdftotext` is installed.
fn page_texts(pdf: &Path) -> Option<Vec<String>> {
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .ok()?;
    out.status.success().then(|| {
        String::from_utf8_lossy(&out.stdout)
            .split('\u{c}')
            .map(str::to_lowercase)
            .collect()
    })
}

#[test]
fn html_report_prints_in_a_browser_with_a_page_per_system() {
    let Some(browser) = chromium_or_skip() else {
        return;
    };
    let pack = fixture_pack();
    let dir = tempfile::tempdir().unwrap();
    // An inventory (overview, then four systems) and a single system, in both languages.
    let cases = [
        (
            "inventory-en",
            report(&pack, &all_systems(), Lang::En),
            4 + 1,
        ),
        (
            "inventory-nl",
            report(&pack, &all_systems(), Lang::Nl),
            4 + 1,
        ),
        ("single-nl", report(&pack, &[cv_screening()], Lang::Nl), 1),
    ];
    for (name, r, min_pages) in cases {
        let html = render(&r, Format::Html, &RenderOptions::default());
        // Nothing in the file would make the browser fetch anything.
        let lower = html.to_lowercase();
        for bad in ["<script", "<link", "@import", "url(", "<img", "<iframe"] {
            assert!(!lower.contains(bad), "{name}: contains {bad}");
        }
        for (i, _) in lower.match_indices("http") {
            assert!(
                html[i..].starts_with("https://eur-lex.europa.eu/"),
                "{name}: address other than EUR-Lex at {i}"
            );
        }
        let html_path = write_tmp(dir.path(), &format!("{name}.html"), &html);
        let pdf_path = dir.path().join(format!("{name}.pdf"));
        let (bytes, _) = print_to_pdf(&browser, &html_path, &pdf_path);
        let pages = page_count(&pdf_path, &bytes);
        assert!(
            pages >= min_pages,
            "{name}: {pages} pages for {} systems; each system must start on its own page",
            r.systems.len()
        );
        // Sanity: a system's report is a few pages, not dozens (a layout gone wrong).
        assert!(
            pages <= min_pages * 4 + 2,
            "{name}: {pages} pages is far too many"
        );
        // Each system of an inventory starts at the top of a page of its own.
        let n = r.systems.len();
        match page_texts(&pdf_path) {
            Some(texts) if n > 1 => {
                for k in 1..=n {
                    let kicker = format!(
                        "{} {k} / {n}",
                        if r.language == Lang::Nl {
                            "systeem"
                        } else {
                            "system"
                        }
                    );
                    let page = texts.iter().position(|t| t.contains(&kicker));
                    let page = page.unwrap_or_else(|| panic!("{name}: no page shows {kicker:?}"));
                    let head: Vec<&str> = texts[page]
                        .lines()
                        .filter(|l| !l.trim().is_empty())
                        .take(2)
                        .collect();
                    assert!(
                        head.iter().any(|l| l.contains(&kicker)),
                        "{name}: {kicker:?} does not start page {}",
                        page + 1
                    );
                }
            }
            Some(_) => {}
            None => eprintln!("note: pdftotext not installed; page starts not checked"),
        }
        eprintln!(
            "{name}: {} systems, {pages} A4 pages, {} KiB PDF",
            r.systems.len(),
            bytes.len() / 1024
        );
    }
}

/// The organisation report of the example municipality, printed as its college would read it:
/// at most 30 A4 pages, the summary with the municipality's name on page 1, the most severe
/// systems first, Art. 4 once in the action plan, every staff group in the literacy plan.
#[test]
fn municipality_report_fits_what_a_college_reads() {
    let Some(browser) = chromium_or_skip() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let inventory = root.join("examples/municipality.toml");
    for lang in ["nl", "en"] {
        let out = Command::new(env!("CARGO_BIN_EXE_aiact"))
            .args(["--as-of", "2026-12-01", "--lang", lang, "--color", "never"])
            .arg("batch")
            .arg(&inventory)
            .args(["--format", "html"])
            .output()
            .expect("run aiact");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let html = String::from_utf8(out.stdout).unwrap();
        let html_path = write_tmp(dir.path(), &format!("municipality-{lang}.html"), &html);
        let pdf_path = dir.path().join(format!("municipality-{lang}.pdf"));
        let (bytes, _) = print_to_pdf(&browser, &html_path, &pdf_path);
        let pages = page_count(&pdf_path, &bytes);
        assert!(
            pages <= 30,
            "{lang}: {pages} pages; the college reads at most 30"
        );
        let Some(texts) = page_texts(&pdf_path) else {
            eprintln!("note: pdftotext not installed; page contents not checked");
            continue;
        };
        let (summary, prohibited, minimal, plan, literacy) = if lang == "nl" {
            (
                "samenvatting",
                "verboden",
                "minimaal risico",
                "actieplan",
                "plan ai-geletterdheid",
            )
        } else {
            (
                "summary",
                "prohibited",
                "minimal risk",
                "action plan",
                "ai-literacy plan",
            )
        };
        assert!(
            texts[0].contains("gemeente zonnedorp") && texts[0].contains(summary),
            "{lang}: page 1 must hold the summary with the organisation's name:\n{}",
            texts[0]
        );
        // The system pages, in order: a prohibited system comes before every minimal one.
        let kicker = if lang == "nl" { "systeem " } else { "system " };
        let heads: Vec<&String> = texts
            .iter()
            .filter(|t| {
                t.lines()
                    .any(|l| l.trim_start().starts_with(kicker) && l.contains("/ 18"))
            })
            .collect();
        assert_eq!(heads.len(), 18, "{lang}: every system starts a page");
        let first_of = |class: &str| heads.iter().position(|t| t.contains(class));
        let last_minimal = heads.iter().rposition(|t| t.contains(minimal));
        assert_eq!(
            first_of(prohibited),
            Some(0),
            "{lang}: the prohibited system comes first"
        );
        assert!(first_of(minimal) < last_minimal.map(|x| x + 1) && first_of(minimal) > Some(2));
        // Art. 4 once in the action plan (its pages run up to the literacy plan).
        let plan_start = texts
            .iter()
            .position(|t| t.contains(plan))
            .expect("action plan");
        let plan_end = texts
            .iter()
            .position(|t| t.contains(literacy))
            .expect("literacy plan");
        let art4 = texts[plan_start..plan_end]
            .iter()
            .map(|t| t.matches("art. 4, lid 1").count() + t.matches("art. 4(1)").count())
            .sum::<usize>();
        assert_eq!(
            art4, 1,
            "{lang}: Art. 4 must appear once in the action plan"
        );
        // Every staff group of the example appears in the literacy plan.
        let literacy_text: String = texts[plan_end..].join("\n");
        for group in [
            "mobiliteit",
            "evenementen",
            "secretariaat",
            "loket",
            "communicatie",
            "omgeving",
            "openbare netheid",
            "openbare werken",
            "sociale dienst",
            "hr",
            "contactcenter",
            "wonen",
            "bibliotheek",
        ] {
            assert!(
                literacy_text.contains(group),
                "{lang}: staff group {group} missing"
            );
        }
        eprintln!("municipality-{lang}: {pages} A4 pages");
    }
}
