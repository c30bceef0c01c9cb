//! Inputs (files, folders, stdin, the built-in report) → the files to read.

use super::problem::Problem;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// Something the user asked to load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file or a folder (walked recursively for `*.yaml` / `*.yml`).
    Path(PathBuf),
    /// Standard input (`-` on the command line).
    Stdin,
    /// Text built into the binary.
    Embedded { name: &'static str, text: &'static str },
}

impl Input {
    /// `-` means standard input, as everywhere on the command line.
    pub fn from_arg(arg: &Path) -> Self {
        if arg == Path::new("-") { Input::Stdin } else { Input::Path(arg.to_path_buf()) }
    }
}

/// A single file to read, in the order reports are listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileSource {
    Disk(PathBuf),
    Stdin,
    Embedded { name: &'static str, text: &'static str },
}

pub fn is_report_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// Expands inputs into files, in a stable order: inputs as given, each folder
/// sorted by name. Loops and unreadable entries become problems.
pub fn expand(inputs: &[Input]) -> (Vec<FileSource>, Vec<Problem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for input in inputs {
        match input {
            Input::Stdin => files.push(FileSource::Stdin),
            Input::Embedded { name, text } => files.push(FileSource::Embedded { name, text }),
            Input::Path(path) => match std::fs::metadata(path) {
                Err(e) => problems.push(Problem::error(path, None, io_message(&e))),
                Ok(m) if m.is_dir() => walk_dir(path, &mut files, &mut problems),
                // A named file is read whatever its extension: the user chose it.
                Ok(_) => files.push(FileSource::Disk(path.clone())),
            },
        }
    }
    (files, problems)
}

fn walk_dir(root: &Path, files: &mut Vec<FileSource>, problems: &mut Vec<Problem>) {
    let walker = WalkDir::new(root).follow_links(true).sort_by_file_name();
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() && is_report_file(e.path()) => files.push(FileSource::Disk(e.into_path())),
            Ok(e) if !e.file_type().is_dir() && !e.file_type().is_file() && is_report_file(e.path()) => {
                problems.push(Problem::error(
                    e.path(),
                    None,
                    "not a regular file (a FIFO, socket or device?): skipped",
                ));
            }
            Ok(_) => {}
            Err(e) => {
                let path = e.path().unwrap_or(root).to_path_buf();
                let message = match (e.loop_ancestor(), e.io_error()) {
                    (Some(ancestor), _) => format!("symbolic link loop: leads back to {}: skipped", ancestor.display()),
                    (None, Some(io)) => io_message(io),
                    (None, None) => e.to_string(),
                };
                problems.push(Problem::error(&path, None, message));
            }
        }
    }
}

pub fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file or folder".into(),
        PermissionDenied => "permission denied".into(),
        _ => format!("cannot read: {e}"),
    }
}
