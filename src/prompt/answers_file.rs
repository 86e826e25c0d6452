//! Answers files: where an interview saves its system (one system, the inventory format) and
//! how a saved file is read back.

use crate::inventory::{SystemEntry, read_toml};
use crate::rules::{Lang, Text};
use std::path::{Path, PathBuf};

/// Why an interview cannot save or read its answers, or cannot go on.
#[derive(Debug, thiserror::Error)]
pub enum InterviewError {
    #[error("cannot save the answers to {path}: {}", .message.en)]
    Save { path: PathBuf, message: Text },
    #[error("cannot read {path}: {}", .message.en)]
    Read { path: PathBuf, message: Text },
    #[error("{path} holds no system")]
    NoSystem { path: PathBuf },
    #[error("{path} holds {n} systems; an answers file holds one")]
    ManySystems { path: PathBuf, n: usize },
    #[error("{0}")]
    Prompt(String),
}

/// `<id>.toml` in the current folder, named as the per-system reports of `aiact batch
/// --output-dir` are (characters unsafe in file names replaced, length capped).
pub fn default_save_path(id: &str) -> PathBuf {
    let stem = crate::files::safe_file_stem(id.trim(), &mut std::collections::HashSet::new());
    PathBuf::from(format!("{stem}.toml"))
}

/// Diagnostics shown below an error line, in both languages.
fn diagnostics_text(diags: &[crate::diag::Diagnostic]) -> Text {
    let all = |lang| {
        let shown: Vec<String> = diags.iter().map(|d| d.render(lang).to_string()).collect();
        format!("\n{}", shown.join("\n\n"))
    };
    Text {
        en: all(Lang::En),
        nl: all(Lang::Nl),
    }
}

/// Reads an answers file: an inventory with exactly one system.
pub fn read_answers_file(path: &Path) -> Result<SystemEntry, InterviewError> {
    let bytes = std::fs::read(path).map_err(|e| InterviewError::Read {
        path: path.to_path_buf(),
        message: crate::diag::io_text(&e),
    })?;
    let text =
        crate::diag::decode_utf8(&path.display().to_string(), bytes, "A019").map_err(|d| {
            InterviewError::Read {
                path: path.to_path_buf(),
                message: diagnostics_text(&[d]),
            }
        })?;
    parse_answers_file(path, &text)
}

/// Parses an answers file's text; a malformed file gives every diagnostic at once.
pub fn parse_answers_file(path: &Path, text: &str) -> Result<SystemEntry, InterviewError> {
    let mut inv = read_toml(&path.display().to_string(), text);
    if !inv.diagnostics.is_empty() {
        return Err(InterviewError::Read {
            path: path.to_path_buf(),
            message: diagnostics_text(&inv.diagnostics),
        });
    }
    match inv.systems.len() {
        1 => Ok(inv.systems.remove(0)),
        0 => Err(InterviewError::NoSystem {
            path: path.to_path_buf(),
        }),
        n => Err(InterviewError::ManySystems {
            path: path.to_path_buf(),
            n,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_save_path_is_safe() {
        assert_eq!(default_save_path("GEM-001"), PathBuf::from("GEM-001.toml"));
        assert_eq!(
            default_save_path("../etc/passwd"),
            PathBuf::from("_etc_passwd.toml")
        );
        assert_eq!(default_save_path("a b/c"), PathBuf::from("a_b_c.toml"));
        assert_eq!(default_save_path("  "), PathBuf::from("system.toml"));
        assert_eq!(default_save_path("con"), PathBuf::from("_con.toml"));
        let long = default_save_path(&"x".repeat(400));
        assert!(long.as_os_str().len() <= 255);
    }
}
