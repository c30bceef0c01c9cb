use super::{FOUND_PROBLEMS, OK, load_reporting};
use podium::load::{Input, LoadOptions, Problem};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::ExitCode;

pub fn run(inputs: &[Input], opts: &LoadOptions) -> ExitCode {
    let library = load_reporting(inputs, opts);
    let errors = library.errors();
    let warnings = library.problems.len() - errors;
    // Errors are in files that were read, or at paths that were never files to
    // read (symbolic link loops, FIFOs, unreadable folders): counting those as
    // files would claim errors in files when no file was checked.
    let (in_files, elsewhere): (Vec<&Problem>, Vec<&Problem>) =
        library.problems.iter().filter(|p| p.is_error()).partition(|p| p.pos.is_some() || is_file(&p.path));
    let paths = |problems: &[&Problem]| problems.iter().map(|p| &p.path).collect::<BTreeSet<_>>().len();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut found = Vec::new();
    if !in_files.is_empty() {
        found.push(format!("{} in {}", plural(in_files.len(), "error"), plural(paths(&in_files), "file")));
    }
    if !elsewhere.is_empty() {
        let n = paths(&elsewhere);
        let that = if n == 1 { "a path that" } else { "paths that" };
        let count = if n == 1 { String::new() } else { format!("{n} ") };
        found.push(format!("{} in {count}{that} could not be read", plural(elsewhere.len(), "error")));
    }
    if warnings > 0 {
        found.push(plural(warnings, "warning"));
    }
    if found.is_empty() {
        found.push("no problems".into());
    }
    let summary = format!(
        "{} checked: {} loaded, {}\n",
        plural(library.files, "file"),
        plural(library.reports.len(), "report"),
        found.join(", ")
    );
    super::output::print(&summary, if errors == 0 && library.files > 0 { OK } else { FOUND_PROBLEMS })
}

/// Whether the problem at `path` is a file's: a regular file, or a name that
/// is not on disk (standard input, a file gone since it was read). An entry
/// that is there but is not a regular file (a loop, a dangling link, a FIFO,
/// a folder) was never read.
fn is_file(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_err() || std::fs::metadata(path).is_ok_and(|m| m.is_file())
}
