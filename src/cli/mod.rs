//! The command line: argument definitions and the non-interactive commands.

pub mod args;
pub mod config;
pub mod import;
pub mod list;
pub mod output;
pub mod people;
pub mod search;
pub mod shell;
pub mod show;
pub mod size;
pub mod validate;

use podium::load::{self, Input, Library, LoadOptions};
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit codes of grep and fzf.
pub const OK: u8 = 0;
pub const FOUND_PROBLEMS: u8 = 1;
pub const USAGE_OR_IO: u8 = 2;

/// Rust ignores SIGPIPE, so `println!` panics once the reader of a pipe is gone
/// (`podium list | head -1`); a command then ends quietly, as grep and cat do.
pub fn end_quietly_on_closed_pipe() {
    // SAFETY: called at start-up, before any thread exists; SIG_DFL is a valid disposition.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// The configuration file's `content`, set once at start.
pub static CONFIGURED_CONTENT: std::sync::OnceLock<Vec<PathBuf>> = std::sync::OnceLock::new();

/// The inputs the user named, or the default library.
pub fn inputs(paths: &[PathBuf]) -> Result<Vec<Input>, ExitCode> {
    if paths.is_empty() {
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let configured = CONFIGURED_CONTENT.get().map_or(&[][..], Vec::as_slice);
        return Ok(load::default_inputs(std::env::var_os("PODIUM_CONTENT").as_deref(), configured, &cwd));
    }
    let mut inputs = Vec::new();
    for p in paths {
        let input = Input::from_arg(p);
        if let Input::Path(path) = &input
            && let Err(e) = std::fs::metadata(path)
        {
            let shown = load::sanitize::path(path);
            eprintln!("podium: {shown}: {}", load::walk::io_message(&e));
            return Err(ExitCode::from(USAGE_OR_IO));
        }
        inputs.push(input);
    }
    Ok(inputs)
}

/// Loads the library and prints its problems on stderr. A load that takes
/// more than half a second shows its progress there, when stderr is a
/// terminal (never in pipes and logs).
pub fn load_reporting(inputs: &[Input], opts: &LoadOptions) -> Library {
    use std::io::{IsTerminal, Write};
    use std::time::{Duration, Instant};
    let tty = std::io::stderr().is_terminal();
    let start = Instant::now();
    let last = std::sync::Mutex::new(start);
    let shown = std::sync::atomic::AtomicBool::new(false);
    let library = load::load_with_progress(inputs, opts, |done, total| {
        if !tty || start.elapsed() < Duration::from_millis(500) {
            return;
        }
        if let Ok(mut last) = last.lock()
            && (last.elapsed() >= Duration::from_millis(100) || done == total)
        {
            *last = Instant::now();
            shown.store(true, std::sync::atomic::Ordering::Relaxed);
            let _ = write!(std::io::stderr(), "\rLoading: {done}/{total} files");
        }
    });
    if shown.load(std::sync::atomic::Ordering::Relaxed) {
        // Clear the progress line before anything else is printed.
        let _ = write!(std::io::stderr(), "\r\x1b[2K");
    }
    for p in &library.problems {
        eprintln!("{p}");
    }
    library
}
