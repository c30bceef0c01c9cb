use super::{FOUND_PROBLEMS, OK, load_reporting};
use podium::load::{Input, LoadOptions};
use std::collections::BTreeSet;
use std::process::ExitCode;

pub fn run(inputs: &[Input], opts: &LoadOptions) -> ExitCode {
    let library = load_reporting(inputs, opts);
    let errors = library.errors();
    let bad_files: BTreeSet<_> = library.problems.iter().filter(|p| p.is_error()).map(|p| &p.path).collect();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    println!(
        "{} checked: {} loaded, {}",
        plural(library.files, "file"),
        plural(library.reports.len(), "report"),
        match (errors, library.problems.len() - errors) {
            (0, 0) => "no problems".to_string(),
            (0, w) => plural(w, "warning"),
            (e, 0) => format!("{} in {}", plural(e, "error"), plural(bad_files.len(), "file")),
            (e, w) =>
                format!("{} in {}, {}", plural(e, "error"), plural(bad_files.len(), "file"), plural(w, "warning")),
        }
    );
    ExitCode::from(if errors == 0 && library.files > 0 { OK } else { FOUND_PROBLEMS })
}
