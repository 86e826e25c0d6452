//! The rule pack: the serde model mirroring the TOML, loading and validation, and the compiled
//! model the engine evaluates. The golden scenarios are read here and run by
//! `engine::scenario`, since running them needs the engine.

pub mod answers;
pub mod cite;
pub mod condition;
pub mod load;
pub mod model;
pub mod overlay;
mod raw;

pub use load::{SourceFile, load};
pub use model::*;
pub use overlay::load_layers;

use crate::diag::Diagnostic;
use include_dir::{Dir, include_dir};
use std::path::Path;

static EMBEDDED: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/rules");

/// The files of the pack embedded in the binary, in path order.
pub fn embedded_files() -> Vec<SourceFile> {
    let mut out = Vec::new();
    collect_embedded(&EMBEDDED, &mut out);
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

fn collect_embedded(dir: &Dir<'_>, out: &mut Vec<SourceFile>) {
    for file in dir.files() {
        if file.path().extension().is_some_and(|e| e == "toml") {
            out.push(SourceFile {
                path: format!("rules/{}", file.path().display()),
                text: String::from_utf8_lossy(file.contents()).into_owned(),
            });
        }
    }
    for sub in dir.dirs() {
        collect_embedded(sub, out);
    }
}

/// The `.toml` files below a folder, in path order, named by their path. Symbolic links are
/// followed only within the folder: a link leading out of it is refused, and a link to a folder
/// inside it is not walked again (its files are read by their own path), so that neither a
/// link to `/` nor a loop can make the walk run away.
pub fn dir_files(dir: &Path) -> Result<Vec<SourceFile>, Diagnostic> {
    let root = std::fs::canonicalize(dir).map_err(|e| read_error(e, dir))?;
    let mut out = Vec::new();
    walk(dir, &root, &mut out)?;
    out.sort_by(|a, b| a.path.cmp(&b.path));
    if out.is_empty() {
        return Err(Diagnostic::error(
            "R018",
            t!(
                "no .toml files in `{}`",
                "geen .toml-bestanden in `{}`",
                dir.display()
            ),
        )
        .with_hint(t!(
            "point --rules/--overlay at a folder of rule files",
            "wijs met --rules/--overlay naar een map met regelbestanden"
        )));
    }
    Ok(out)
}

fn read_error(e: std::io::Error, p: &Path) -> Diagnostic {
    let Text { en: e_en, nl: e_nl } = crate::diag::io_text(&e);
    Diagnostic::error(
        "R022",
        t!(
            "cannot read `{}`: {e_en}",
            "kan `{}` niet lezen: {e_nl}",
            p.display()
        ),
    )
    .with_hint(t!(
        "check that the folder exists and is readable",
        "controleer of de map bestaat en leesbaar is"
    ))
}

fn walk(dir: &Path, root: &Path, out: &mut Vec<SourceFile>) -> Result<(), Diagnostic> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| read_error(e, dir))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        let meta = std::fs::symlink_metadata(&path).map_err(|e| read_error(e, &path))?;
        if meta.file_type().is_symlink() {
            let target = std::fs::canonicalize(&path).map_err(|e| read_error(e, &path))?;
            if !target.starts_with(root) {
                return Err(Diagnostic::error(
                    "R022",
                    t!(
                        "`{}` is a symbolic link leading out of the rule folder (to `{}`)",
                        "`{}` is een symbolische koppeling die buiten de map met regels leidt (naar `{}`)",
                        path.display(),
                        target.display()
                    ),
                )
                .with_hint(t!(
                    "rule folders are read without leaving them; copy the file into the folder instead of linking to it",
                    "een map met regels wordt gelezen zonder ze te verlaten; kopieer het bestand in de map in plaats van ernaar te koppelen"
                )));
            }
            if target.is_dir() {
                continue;
            }
        }
        if meta.is_dir() {
            walk(&path, root, out)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            let bytes = std::fs::read(&path).map_err(|e| read_error(e, &path))?;
            let text = crate::diag::decode_utf8(&path.display().to_string(), bytes, "R022")?;
            out.push(SourceFile {
                path: path.display().to_string(),
                text,
            });
        }
    }
    Ok(())
}
