//! The command line: argument definitions and the non-interactive commands.

pub mod args;
pub mod complete;
pub mod config;
pub mod import;
pub mod index;
pub mod list;
pub mod output;
pub mod people;
pub mod progress;
pub mod refresh;
pub mod search;
pub mod shell;
pub mod show;
pub mod size;
pub mod validate;

use podium::load::{self, Input, Library, LoadOptions};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Exit codes of grep and fzf.
pub const OK: u8 = 0;
pub const FOUND_PROBLEMS: u8 = 1;
pub const NOTHING_FOUND: u8 = 1;
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

/// Where reports are loaded from and how: the size limit, and the cache unless `--no-cache`.
pub fn load_options(args: &args::LoadArgs) -> LoadOptions {
    let var = std::env::var_os;
    let cache = (!args.no_cache)
        .then(|| load::cache::default_dir(var("XDG_CACHE_HOME").as_deref(), var("HOME").as_deref()))
        .flatten()
        .map(|dir| &*Box::leak(dir.into_boxed_path()));
    LoadOptions { max_file_size: args.max_file_size, cache }
}

/// The reader's inputs: as [`inputs`], but a first word that is no path and is close to a command's
/// name is taken for a mistyped command (`podium serch teachers`).
pub fn reader_inputs(paths: &[PathBuf]) -> Result<Vec<Input>, ExitCode> {
    if let Some(first) = paths.first()
        && let Some(command) = mistyped_command(first)
    {
        let shown = load::sanitize::path(first);
        eprintln!("podium: unknown command '{shown}'; did you mean '{command}'?");
        return Err(ExitCode::from(USAGE_OR_IO));
    }
    inputs(paths)
}

/// The command `word` is a typing mistake for: one edit (two in longer words) or the first three
/// letters or more of one, when nothing of that name is on disk.
fn mistyped_command(word: &Path) -> Option<String> {
    let text = word.to_str()?;
    if text.len() < 2 || text.contains(std::path::MAIN_SEPARATOR) || text == "-" {
        return None;
    }
    if std::fs::symlink_metadata(word).is_ok() {
        return None;
    }
    let most = if text.chars().count() <= 4 { 1 } else { 2 };
    let command = <args::Cli as clap::CommandFactory>::command();
    command
        .get_subcommands()
        .filter(|c| !c.is_hide_set())
        .map(|c| c.get_name().to_string())
        .filter_map(|name| {
            let distance = strsim::damerau_levenshtein(text, &name);
            let prefix = text.len() >= 3 && name.starts_with(text);
            (distance <= most || prefix).then_some((if prefix { 0 } else { distance }, name))
        })
        .min()
        .map(|(_, name)| name)
}

/// When the inputs held no report file at all (folders with no `*.yaml` or `*.yml`) and nothing went
/// wrong reading them, says so on stderr and returns true: a listing or a check of nothing would
/// read as an empty result.
pub fn say_if_no_report_files(inputs: &[Input], library: &Library) -> bool {
    if library.files > 0 || !library.problems.is_empty() {
        return false;
    }
    let places: Vec<String> = inputs
        .iter()
        .map(|input| match input {
            Input::Path(path) => load::sanitize::path(path),
            Input::Stdin => "standard input".into(),
            Input::Embedded { name, .. } => name.to_string(),
        })
        .collect();
    eprintln!("podium: no report files found in {} (folders are searched for *.yaml and *.yml)", places.join(", "));
    true
}

/// Loads the library and prints its problems on stderr. A load that takes
/// more than half a second shows its progress there, when stderr is a
/// terminal (never in pipes and logs).
pub fn load_reporting(inputs: &[Input], opts: &LoadOptions) -> Library {
    let progress = progress::Progress::on_stderr();
    let library = load::load_with_progress(inputs, opts, |done, total| progress.step("Loading", done, total, "files"));
    // The progress line is cleared before anything else is printed.
    progress.clear();
    for p in &library.problems {
        eprintln!("{p}");
    }
    library
}
