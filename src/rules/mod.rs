//! The rule pack: the serde model mirroring the TOML, loading and validation, and the compiled
//! model the engine evaluates. The golden scenarios are read here and run by
//! `engine::scenario`, since running them needs the engine.

pub mod answers;
pub mod condition;
pub mod load;
pub mod model;
mod raw;

pub use load::{SourceFile, load};
pub use model::*;

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

/// The `.toml` files below a folder, in path order, named by their path.
pub fn dir_files(dir: &Path) -> Result<Vec<SourceFile>, Diagnostic> {
    let mut out = Vec::new();
    walk(dir, &mut out)?;
    out.sort_by(|a, b| a.path.cmp(&b.path));
    if out.is_empty() {
        return Err(
            Diagnostic::error("R018", format!("no .toml files in `{}`", dir.display()))
                .with_hint("point --rules/--overlay at a folder of rule files"),
        );
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<SourceFile>) -> Result<(), Diagnostic> {
    let io = |e: std::io::Error, p: &Path| {
        Diagnostic::error("R022", format!("cannot read `{}`: {e}", p.display()))
            .with_hint("check that the folder exists and is readable")
    };
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| io(e, dir))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            let bytes = std::fs::read(&path).map_err(|e| io(e, &path))?;
            let text = String::from_utf8(bytes).map_err(|_| {
                Diagnostic::error("R022", format!("`{}` is not UTF-8", path.display()))
                    .with_hint("save the file as UTF-8")
            })?;
            out.push(SourceFile {
                path: path.display().to_string(),
                text,
            });
        }
    }
    Ok(())
}
