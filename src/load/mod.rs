//! Files → reports + problems. Never panics on any input; every problem is
//! collected with its position, and one bad file never stops the others.

mod budget;
mod document;
mod locate;
mod prescan;
pub mod problem;
mod raw;
mod read;
pub mod sanitize;
pub mod slug;
mod validate;
pub mod walk;

pub use document::{FileOutcome, Parsed, parse_file};
pub use problem::{Pos, Problem, Severity};
pub use raw::{is_date, is_time};
pub use walk::Input;

use crate::model::Report;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The seed report, built into the binary so an installed `podium` works from
/// any folder.
pub const BUILT_IN: Input = Input::Embedded {
    name: "<built-in>/igf2015-child-online-protection.yaml",
    text: include_str!("../../content/igf2015-child-online-protection.yaml"),
};

pub const DEFAULT_MAX_FILE_SIZE: u64 = 16 << 20;

#[derive(Debug, Clone, Copy)]
pub struct LoadOptions {
    /// Larger files are refused before they are read.
    pub max_file_size: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions { max_file_size: DEFAULT_MAX_FILE_SIZE }
    }
}

#[derive(Debug, Default, Clone)]
pub struct Library {
    pub reports: Vec<Report>,
    pub problems: Vec<Problem>,
    /// Files read (or attempted).
    pub files: usize,
    /// Bytes read.
    pub bytes: u64,
}

impl Library {
    pub fn errors(&self) -> usize {
        self.problems.iter().filter(|p| p.is_error()).count()
    }

    pub fn report(&self, id: &str) -> Option<&Report> {
        self.reports.iter().find(|r| r.id == id)
    }
}

/// What to load when the user names nothing: `$PODIUM_CONTENT`, then `./content`
/// if it exists, then the built-in seed report.
pub fn default_inputs(podium_content: Option<&std::ffi::OsStr>, cwd: &Path) -> Vec<Input> {
    if let Some(value) = podium_content.filter(|v| !v.is_empty()) {
        return std::env::split_paths(value).map(Input::Path).collect();
    }
    let content = cwd.join("content");
    if content.is_dir() {
        return vec![Input::Path(PathBuf::from("content"))];
    }
    vec![BUILT_IN]
}

/// Loads every input, files in parallel, reports in input order.
pub fn load(inputs: &[Input], opts: &LoadOptions) -> Library {
    let (files, mut problems) = walk::expand(inputs);
    let outcomes: Vec<(u64, FileOutcome)> = files.par_iter().map(|f| read::read_and_parse(f, opts)).collect();
    let mut library = Library { files: files.len(), ..Library::default() };
    let mut first_seen: HashMap<String, (PathBuf, Pos)> = HashMap::new();
    for (bytes, outcome) in outcomes {
        library.bytes += bytes;
        problems.extend(outcome.problems);
        for Parsed { mut report, id_pos, explicit_id } in outcome.reports {
            if let Some((path, pos)) = first_seen.get(&report.id) {
                let first = format!("{}:{}:{}", sanitize::sanitize_line(&path.to_string_lossy()), pos.line, pos.col);
                if explicit_id {
                    problems.push(Problem::error(
                        &report.origin.path,
                        Some(id_pos),
                        format!("duplicate report id `{}`: {first} has it already; this one is skipped", report.id),
                    ));
                    continue;
                }
                // Same file name in two folders (2015/day1.yaml, 2016/day1.yaml):
                // keep both, telling the user how to choose the id.
                let id = unique_id(&report, &first_seen);
                problems.push(Problem::warning(
                    &report.origin.path,
                    Some(id_pos),
                    format!("id `{}` (from the file name) is taken by {first}; this report is `{id}` (write an `id` to choose one)", report.id),
                ));
                report.id = id;
            }
            first_seen.insert(report.id.clone(), (report.origin.path.clone(), id_pos));
            library.reports.push(report);
        }
    }
    library.problems = problems;
    // Chronological, as a programme is read; the walk order breaks ties.
    library.reports.sort_by(|a, b| (&a.date, &a.start).cmp(&(&b.date, &b.start)));
    library
}

/// `PARENT-ID`, then `PARENT-ID-2`, … : the first that is free.
fn unique_id(report: &Report, taken: &HashMap<String, (PathBuf, Pos)>) -> String {
    let parent = report.origin.path.parent().and_then(|p| p.file_name()).map(|n| slug::slug(&n.to_string_lossy()));
    let base = match parent {
        Some(p) if !p.is_empty() => format!("{p}-{}", report.id),
        _ => report.id.clone(),
    };
    (1..)
        .map(|n| if n == 1 { base.clone() } else { format!("{base}-{n}") })
        .find(|id| !taken.contains_key(id))
        .unwrap_or(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_report_loads_cleanly() {
        let lib = load(&[BUILT_IN], &LoadOptions::default());
        assert_eq!(lib.problems, vec![]);
        assert_eq!(lib.reports.len(), 1);
        let r = &lib.reports[0];
        assert_eq!(r.id, "igf2015-child-online-protection");
        assert_eq!((r.speakers.len(), r.quotes.len()), (4, 3));
    }

    #[test]
    fn default_inputs_order() {
        let tmp = std::env::temp_dir();
        let none = Path::new("/nonexistent-podium-dir");
        assert_eq!(default_inputs(Some("a:b".as_ref()), none), vec![Input::Path("a".into()), Input::Path("b".into())]);
        assert_eq!(default_inputs(Some("".as_ref()), none), vec![BUILT_IN]);
        assert_eq!(default_inputs(None, none), vec![BUILT_IN]);
        let dir = tempfile::tempdir_in(&tmp).unwrap();
        std::fs::create_dir(dir.path().join("content")).unwrap();
        assert_eq!(default_inputs(None, dir.path()), vec![Input::Path("content".into())]);
    }
}
