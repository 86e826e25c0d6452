//! Ending the interview on a signal as on Ctrl-C: SIGTERM (a `kill`, a logout) and SIGHUP (a
//! closed terminal) — and SIGINT sent from outside, since Ctrl-C in the interview is a key —
//! wait for an answers file being written, restore the terminal, say where the answers are,
//! and exit with 128 + the signal's number (130, 143, 129; see README and `--help`).
//!
//! Every save of the answers file goes through [`save`], which holds a lock while it writes:
//! the signal's handler takes the same lock, so the process never ends halfway through a save
//! (and a save is atomic besides: the old file or the new, never a mix).

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The answers file last written (and the lock held while one is written).
static SAVED: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Saves started but not finished. An answer's save is counted before the next question is
/// shown, so a signal that comes after an answer was acknowledged waits for it, even when its
/// writer thread has not yet taken the lock.
static IN_FLIGHT: AtomicUsize = AtomicUsize::new(0);

/// Starts writing the answers file on a thread of its own (see [`save`]); a signal waits for it.
pub fn save_in_background(
    path: PathBuf,
    bytes: Vec<u8>,
) -> std::thread::JoinHandle<std::io::Result<()>> {
    IN_FLIGHT.fetch_add(1, Ordering::SeqCst);
    std::thread::spawn(move || {
        let result = save(&path, &bytes);
        IN_FLIGHT.fetch_sub(1, Ordering::SeqCst);
        result
    })
}

/// Writes the answers file atomically, holding the lock a signal waits for.
pub fn save(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut saved = SAVED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    crate::files::write_atomically(path, bytes)?;
    *saved = Some(path.to_path_buf());
    Ok(())
}

/// Handles SIGTERM, SIGHUP and SIGINT for the rest of the interview, speaking `lang`.
#[cfg(unix)]
pub fn install(lang: crate::rules::Lang) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            // Saves already started finish first (bounded: a stuck disk does not hold the exit).
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
            while IN_FLIGHT.load(Ordering::SeqCst) > 0 && std::time::Instant::now() < deadline {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            let saved = SAVED
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            // The prompt had the terminal in raw mode; give it back as it was.
            let _ = crossterm::terminal::disable_raw_mode();
            let _ = crossterm::execute!(std::io::stderr(), crossterm::cursor::Show);
            let ui = super::texts::ui(lang);
            let text = match saved.as_ref() {
                Some(file) => {
                    super::texts::fill(ui.stopped, &[("file", &file.display().to_string())])
                }
                None => ui.interrupted_nothing_saved.to_string(),
            };
            say!("\n{text}");
            std::process::exit(128 + signal);
        }
    });
}

#[cfg(not(unix))]
pub fn install(_lang: crate::rules::Lang) {}
