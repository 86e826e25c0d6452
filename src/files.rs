//! Writing files safely: to a temporary name in the same folder, then renamed, so that a crash,
//! Ctrl-C or a full disk never leaves a half-written file; an existing file keeps its
//! permissions; a symbolic link is never written through. The per-system reports of
//! `batch --output-dir` are written this way, with a record of what was written, replaced and
//! left over from earlier runs.

use crate::rules::Text;
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Writes a file via a temporary file in the same folder and a rename: the old content or the
/// new, never a mix. An existing file keeps its permissions; a new one gets the usual ones
/// (read-write for its owner, readable as the umask allows).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".aiact-").suffix(".tmp");
    let existing = std::fs::metadata(path).ok().map(|m| m.permissions());
    #[cfg(unix)]
    {
        // tempfile's own default is 0600; a report or answers file is created as any other
        // file is (0666 less the umask).
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(&dir)?;
    tmp.write_all(bytes)?;
    if let Some(p) = existing {
        // The umask applies at creation; the file's own permissions are restored exactly.
        std::fs::set_permissions(tmp.path(), p)?;
    }
    // No fsync: the rename alone guarantees that a crash or Ctrl-C never leaves a half-written
    // file, and an fsync per answer (milliseconds on a disk) would slow the interview down.
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The record of the reports an `--output-dir` holds, rewritten after each run, so that
/// `--clean` removes only reports aiact wrote and never a file of the user's.
pub const MANIFEST: &str = ".aiact-reports";

/// A folder of per-system reports being written (from several threads).
pub struct OutputDir {
    dir: PathBuf,
    /// File names written in an earlier run (from the manifest).
    earlier: Vec<String>,
    /// File names written in this run, and those among them that replaced a file no
    /// earlier run wrote.
    written: Mutex<(Vec<String>, Vec<String>)>,
}

/// What a run did to the folder, for the notes at its end.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    pub written: usize,
    /// Files that no earlier run wrote, replaced by a report.
    pub overwritten: Vec<String>,
    /// Reports of an earlier run for systems no longer in the inventory.
    pub stale: Vec<String>,
    /// Whether the stale reports were removed (`--clean`).
    pub removed: bool,
}

impl OutputDir {
    /// Creates the folder if needed and reads what an earlier run wrote into it.
    pub fn create(dir: &Path) -> Result<OutputDir, Text> {
        std::fs::create_dir_all(dir).map_err(|e| cannot("create", "aanmaken", dir, &e))?;
        let earlier = std::fs::read_to_string(dir.join(MANIFEST))
            .map(|t| {
                t.lines()
                    .filter(|l| is_plain_name(l))
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        Ok(OutputDir {
            dir: dir.to_path_buf(),
            earlier,
            written: Mutex::new((Vec::new(), Vec::new())),
        })
    }

    /// Writes one file of the folder, atomically; refuses to write through a symbolic link.
    pub fn write(&self, name: &str, bytes: &[u8]) -> Result<(), Text> {
        let path = self.dir.join(name);
        let existing = std::fs::symlink_metadata(&path).ok();
        if existing
            .as_ref()
            .is_some_and(|m| m.file_type().is_symlink())
        {
            return Err(t!(
                "refusing to write `{}`: it is a symbolic link (remove it, or choose another --output-dir)",
                "`{}` wordt niet geschreven: het is een symbolische koppeling (verwijder ze, of kies een andere --output-dir)",
                path.display()
            ));
        }
        if existing.as_ref().is_some_and(|m| !m.is_file()) {
            return Err(t!(
                "cannot write `{}`: it is not a file",
                "kan `{}` niet schrijven: het is geen bestand",
                path.display()
            ));
        }
        write_atomically(&path, bytes).map_err(|e| cannot("write", "schrijven", &path, &e))?;
        let mut w = self
            .written
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        w.0.push(name.to_string());
        if existing.is_some() && !self.earlier.iter().any(|e| e == name) {
            w.1.push(name.to_string());
        }
        Ok(())
    }

    /// Records what this run wrote, and removes the reports of an earlier run that this run
    /// did not write when `clean` (systems no longer in the inventory).
    pub fn finish(self, clean: bool) -> Result<Outcome, Text> {
        let (mut written, mut overwritten) = self
            .written
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        written.sort();
        overwritten.sort();
        let mut stale: Vec<String> = self
            .earlier
            .iter()
            .filter(|e| written.binary_search(e).is_err())
            .filter(|e| std::fs::symlink_metadata(self.dir.join(e)).is_ok_and(|m| m.is_file()))
            .cloned()
            .collect();
        stale.sort();
        stale.dedup();
        let mut keep = written.clone();
        if clean {
            for s in &stale {
                let path = self.dir.join(s);
                std::fs::remove_file(&path)
                    .map_err(|e| cannot("remove", "verwijderen", &path, &e))?;
            }
        } else {
            // Still reports of aiact's: a later --clean may remove them.
            keep.extend(stale.iter().cloned());
            keep.sort();
        }
        let manifest = keep.iter().map(|n| format!("{n}\n")).collect::<String>();
        let path = self.dir.join(MANIFEST);
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(t!(
                "refusing to write `{}`: it is a symbolic link",
                "`{}` wordt niet geschreven: het is een symbolische koppeling",
                path.display()
            ));
        }
        write_atomically(&path, manifest.as_bytes())
            .map_err(|e| cannot("write", "schrijven", &path, &e))?;
        Ok(Outcome {
            written: written.len(),
            overwritten,
            stale,
            removed: clean,
        })
    }
}

/// "cannot write `path`: …" in both languages (`verb_nl` is the infinitive: "schrijven").
pub fn cannot(verb_en: &str, verb_nl: &str, path: &Path, e: &std::io::Error) -> Text {
    let Text { en, nl } = crate::diag::io_text(e);
    let path = path.display();
    t!(
        "cannot {verb_en} `{path}`: {en}",
        "kan `{path}` niet {verb_nl}: {nl}"
    )
}

impl Outcome {
    /// The notes for standard error: files replaced that no earlier run wrote, and stale reports
    /// (removed, or how to remove them).
    pub fn notes(&self, dir: &Path, lang: crate::rules::Lang) -> Vec<String> {
        let nl = lang == crate::rules::Lang::Nl;
        let list = |names: &[String]| {
            let shown: Vec<&str> = names.iter().take(10).map(String::as_str).collect();
            let more = names.len().saturating_sub(10);
            if more > 0 {
                format!("{} and {more} more", shown.join(", "))
            } else {
                shown.join(", ")
            }
        };
        let dir = crate::diag::printable(&dir.display().to_string(), false).into_owned();
        let mut out = Vec::new();
        if !self.overwritten.is_empty() {
            let (n, names) = (self.overwritten.len(), list(&self.overwritten));
            out.push(if nl {
                format!("waarschuwing: {n} bestand(en) in `{dir}` overschreven die geen eerdere uitvoering van aiact schreef: {names}")
            } else {
                format!("warning: overwrote {n} file(s) in `{dir}` that no earlier aiact run wrote: {names}")
            });
        }
        if !self.stale.is_empty() {
            let (n, names) = (self.stale.len(), list(&self.stale));
            out.push(match (self.removed, nl) {
                (true, true) => format!("opmerking: {n} rapport(en) van systemen die niet meer in de inventaris staan verwijderd uit `{dir}`: {names}"),
                (true, false) => format!("note: removed {n} report(s) of systems no longer in the inventory from `{dir}`: {names}"),
                (false, true) => format!("opmerking: {n} rapport(en) in `{dir}` horen bij systemen die niet meer in de inventaris staan: {names}; --clean verwijdert ze"),
                (false, false) => format!("note: {n} report(s) in `{dir}` are of systems no longer in the inventory: {names}; --clean removes them"),
            });
        }
        out
    }
}

/// A bare file name (no folder, not hidden): what the manifest may name.
fn is_plain_name(s: &str) -> bool {
    !s.is_empty() && !s.starts_with('.') && !s.contains(['/', '\\', '\0'])
}

/// The longest file stem, in bytes.
const MAX_STEM_BYTES: usize = 200;

/// A file name for a system id: letters, digits, `-`, `_` and `.` kept, anything else `_`;
/// at most 100 characters and 200 bytes; never empty, hidden or a reserved device name;
/// unique (case-insensitively) in `taken`.
pub fn safe_file_stem(id: &str, taken: &mut HashSet<String>) -> String {
    let mut stem: String = id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .take(100)
        .collect();
    // File names are limited in bytes (255 on most file systems), and 100 letters of a
    // non-Latin script take up to 400: keep room for a `-N` suffix and the extension.
    let mut end = stem.len().min(MAX_STEM_BYTES);
    while !stem.is_char_boundary(end) {
        end -= 1;
    }
    stem.truncate(end);
    stem = stem
        .trim_start_matches('.')
        .trim_end_matches('.')
        .to_string();
    if stem.is_empty() {
        stem = "system".into();
    }
    let upper = stem.to_ascii_uppercase();
    let base = upper.split('.').next().unwrap_or("");
    let reserved = matches!(base, "CON" | "PRN" | "AUX" | "NUL")
        || ((base.starts_with("COM") || base.starts_with("LPT"))
            && base.len() == 4
            && base.ends_with(|c: char| c.is_ascii_digit()));
    if reserved {
        stem = format!("_{stem}");
    }
    let mut candidate = stem.clone();
    let mut n = 2;
    while !taken.insert(candidate.to_lowercase()) {
        candidate = format!("{stem}-{n}");
        n += 1;
    }
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_stems_are_safe_and_unique() {
        let mut taken = HashSet::new();
        let stems: Vec<String> = [
            "GEM-001",
            "../etc/passwd",
            "a/b",
            "a_b",
            "A_B",
            "",
            "con",
            "Ωmega 1",
            "...",
        ]
        .iter()
        .map(|id| safe_file_stem(id, &mut taken))
        .collect();
        assert_eq!(
            stems,
            [
                "GEM-001",
                "_etc_passwd",
                "a_b",
                "a_b-2",
                "A_B-3",
                "system",
                "_con",
                "Ωmega_1",
                "system-2"
            ]
        );
    }

    /// Long ids in scripts of three- and four-byte letters still give a file name the file
    /// system takes (at most 255 bytes with the extension).
    #[test]
    fn file_stems_fit_in_a_file_name() {
        let mut taken = HashSet::new();
        for id in [
            "漢".repeat(120),
            "𝐀".repeat(120),
            "é".repeat(150),
            "a".repeat(150),
        ] {
            let stem = safe_file_stem(&id, &mut taken);
            assert!(stem.len() <= MAX_STEM_BYTES, "{} bytes", stem.len());
            assert!(id.starts_with(&stem), "{stem}");
        }
        let twice = "漢".repeat(120);
        let second = safe_file_stem(&twice, &mut taken);
        assert!(second.ends_with("-2") && second.len() + ".json".len() <= 255);
    }

    #[test]
    fn atomic_write_replaces_the_file_and_keeps_its_permissions() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("x.toml");
        write_atomically(&path, b"one").expect("write");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        }
        write_atomically(&path, b"two").expect("write");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "two");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o640);
        }
        let leftovers = std::fs::read_dir(dir.path()).expect("dir").count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }

    #[test]
    fn output_dir_records_refuses_links_and_cleans() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("reports");
        std::fs::create_dir(&out).expect("mkdir");
        std::fs::write(out.join("A.md"), "mine").expect("write");
        std::fs::write(out.join("notes.txt"), "mine").expect("write");
        let d = OutputDir::create(&out).expect("create");
        d.write("A.md", b"a").expect("write");
        d.write("B.md", b"b").expect("write");
        let first = d.finish(false).expect("finish");
        assert_eq!(first.overwritten, ["A.md"]);
        // Second run: B left the inventory.
        let d = OutputDir::create(&out).expect("create");
        d.write("A.md", b"a").expect("write");
        let second = d.finish(false).expect("finish");
        assert!(second.overwritten.is_empty());
        assert_eq!(second.stale, ["B.md"]);
        assert!(out.join("B.md").exists());
        let d = OutputDir::create(&out).expect("create");
        d.write("A.md", b"a").expect("write");
        let third = d.finish(true).expect("finish");
        assert_eq!(third.stale, ["B.md"]);
        assert!(!out.join("B.md").exists());
        assert!(
            out.join("notes.txt").exists(),
            "never a file aiact did not write"
        );
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("elsewhere"), out.join("C.md"))
                .expect("link");
            let d = OutputDir::create(&out).expect("create");
            let e = d.write("C.md", b"c").expect_err("a link is refused");
            assert!(e.en.contains("symbolic link"), "{}", e.en);
            assert!(!dir.path().join("elsewhere").exists());
        }
    }
}
