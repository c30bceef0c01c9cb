//! Files → reports + problems. Never panics on any input; every problem is
//! collected with its position, and one bad file never stops the others.

mod budget;
pub mod cache;
mod document;
mod locate;
mod prescan;
pub mod problem;
mod raw;
mod read;
pub mod sanitize;
mod schema;
pub mod slug;
pub mod stamp;
mod validate;
pub mod walk;

pub use document::{FileOutcome, Parsed, parse_file};
pub use problem::{Pos, Problem, Severity};
pub use raw::{is_date, is_time};
pub use read::{human_size, read_file};
pub use walk::Input;

use crate::model::Report;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Whether a panic comes from inside serde_yaml. serde_yaml 0.9 panics on some
/// malformed files ("unexpected end of mapping"); the loader catches those and
/// reports the file, so a panic hook can stay silent about them.
pub fn is_parser_panic(info: &std::panic::PanicHookInfo<'_>) -> bool {
    info.location().is_some_and(|l| l.file().contains("serde_yaml"))
}

/// Installs a panic hook that passes every panic to the hook before it,
/// except serde_yaml's own, which the loader catches and reports as the
/// file's problem (their message would only be noise).
pub fn quiet_parser_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !is_parser_panic(info) {
            previous(info);
        }
    }));
}

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
    /// Where parsed files are cached (see [`cache`]); `None`: no cache.
    pub cache: Option<&'static Path>,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions { max_file_size: DEFAULT_MAX_FILE_SIZE, cache: None }
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
    /// When reading this library began, if it was read whole from its files
    /// (not patched by live changes): what is kept of it on disk is stamped
    /// with its files as of then (see [`stamp`]).
    pub read_since: Option<std::time::SystemTime>,
}

impl Library {
    pub fn errors(&self) -> usize {
        self.problems.iter().filter(|p| p.is_error()).count()
    }

    pub fn report(&self, id: &str) -> Option<&Report> {
        self.reports.iter().find(|r| r.id == id)
    }
}

/// What to load when the user names nothing: `$PODIUM_CONTENT`, then the
/// configuration's `content`, then `./content` if it exists, then the
/// built-in seed report.
pub fn default_inputs(podium_content: Option<&std::ffi::OsStr>, configured: &[PathBuf], cwd: &Path) -> Vec<Input> {
    if let Some(value) = podium_content.filter(|v| !v.is_empty()) {
        return std::env::split_paths(value).map(Input::Path).collect();
    }
    if !configured.is_empty() {
        return configured.iter().cloned().map(Input::Path).collect();
    }
    let content = cwd.join("content");
    if content.is_dir() {
        return vec![Input::Path(PathBuf::from("content"))];
    }
    vec![BUILT_IN]
}

/// Loads every input, files in parallel, reports in input order.
pub fn load(inputs: &[Input], opts: &LoadOptions) -> Library {
    load_with_progress(inputs, opts, |_, _| {})
}

/// Like [`load`], calling `progress(files_done, files_total)` as files finish
/// (from the loading threads).
pub fn load_with_progress(inputs: &[Input], opts: &LoadOptions, progress: impl Fn(usize, usize) + Sync) -> Library {
    load_in_steps(inputs, opts, None, progress, |_| {})
}

/// Like [`load_with_progress`], and hands over the library loaded so far
/// (`partial`) now and then while it loads, so a reader can show reports as
/// they arrive: first as soon as a few files are read, then after `every`,
/// then after twice as long each time.
/// Each partial library is what [`load`] would return for the files read so
/// far; the returned one is the whole library. `None`: no partial libraries.
pub fn load_in_steps(
    inputs: &[Input],
    opts: &LoadOptions,
    mut every: Option<std::time::Duration>,
    progress: impl Fn(usize, usize) + Sync,
    mut partial: impl FnMut(Library),
) -> Library {
    // Files are read in chunks, each in parallel: a chunk is short enough that
    // a partial library is never far behind, long enough to keep both cores busy.
    const CHUNK: usize = 64;
    let read_since = std::time::SystemTime::now();
    let (files, problems) = walk::expand(inputs);
    let total = files.len();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let mut outcomes: Vec<(u64, FileOutcome)> = Vec::with_capacity(total);
    let mut last: Option<std::time::Instant> = None;
    for chunk in files.chunks(CHUNK) {
        let read: Vec<(u64, FileOutcome)> = chunk
            .par_iter()
            .map(|f| {
                let outcome = read::read_and_parse(f, opts);
                progress(done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1, total);
                outcome
            })
            .collect();
        outcomes.extend(read);
        // Past half way, the whole library is nearer than the next partial
        // copy is worth.
        let more_to_come = outcomes.len() * 2 < total;
        if let Some(every) = every.as_mut()
            && more_to_come
            && last.is_none_or(|t| t.elapsed() >= *every)
        {
            if last.is_some() {
                // Each partial library is a copy of all loaded so far: doubling
                // the wait keeps the copying linear in the library's size.
                *every = every.saturating_mul(2);
            }
            last = Some(std::time::Instant::now());
            partial(assemble(outcomes.len(), problems.clone(), outcomes.clone()));
        }
    }
    if let Some(dir) = opts.cache {
        cache::prune(dir, cache::MAX_UNUSED);
    }
    Library { read_since: Some(read_since), ..assemble(total, problems, outcomes) }
}

/// The line of a node (`quotes[2]`, `speakers[0]`, or `""` for the document)
/// in a report file, for opening an editor there.
pub fn line_of(path: &Path, document: usize, node: &str) -> Option<usize> {
    positions_of(path, document, &[node], u64::MAX)[0].map(|p| p.line)
}

/// The positions of nodes (`speakers[1].name`, as for [`line_of`]) in one
/// document of a report file, read again, once for them all: `None` for a
/// node of a file that cannot be (standard input, a file gone, changed
/// beyond parsing, or grown past `limit` bytes).
pub fn positions_of(path: &Path, document: usize, nodes: &[&str], limit: u64) -> Vec<Option<Pos>> {
    let node_path = |node: &str| -> Option<locate::NodePath> {
        let mut at = locate::NodePath::root();
        for part in node.split('.').filter(|p| !p.is_empty()) {
            at = match part.split_once('[') {
                Some((key, index)) => at.key(key).index(index.trim_end_matches(']').parse().ok()?),
                None => at.key(part),
            };
        }
        Some(at)
    };
    let found = || -> Option<Vec<Option<Pos>>> {
        let bytes = read_file(path, limit).ok()?;
        let text = prescan::decode(&bytes).ok()?;
        prescan::check_nesting(text, prescan::MAX_DEPTH).ok()?;
        let paths: Vec<Option<locate::NodePath>> = nodes.iter().map(|n| node_path(n)).collect();
        let valid: Vec<locate::NodePath> = paths.iter().flatten().cloned().collect();
        let mut at = locate::locate(text, document, &valid).into_iter();
        Some(paths.iter().map(|p| p.as_ref().and_then(|_| at.next().flatten())).collect())
    };
    found().unwrap_or_else(|| vec![None; nodes.len()])
}

/// Reads and parses one file again (after it changed); `None` if it is gone.
pub fn reload_file(path: &Path, opts: &LoadOptions) -> Option<FileOutcome> {
    if std::fs::symlink_metadata(path).is_err() {
        return None;
    }
    Some(read::read_and_parse(&walk::FileSource::Disk(path.to_path_buf()), opts).1)
}

/// The starts of the problems [`assemble`] writes when a report's id is
/// taken by an earlier one.
const DUPLICATE_ID: &str = "duplicate report id `";
const ID_TAKEN: &str = "(from the file name) is taken by ";

/// Whether `p` says a report's id was taken by an earlier one: which report
/// keeps an id then depends on every file of the library.
pub fn is_duplicate_id(p: &Problem) -> bool {
    p.message.starts_with(DUPLICATE_ID) || (p.message.starts_with("id `") && p.message.contains(ID_TAKEN))
}

/// Puts a library together from files' outcomes, in order: later reports
/// whose id is taken are renamed (default ids) or skipped (explicit ids).
fn assemble(files: usize, mut problems: Vec<Problem>, outcomes: Vec<(u64, FileOutcome)>) -> Library {
    let mut library = Library { files, ..Library::default() };
    let mut first_seen: HashMap<String, (PathBuf, Pos)> = HashMap::new();
    for (bytes, outcome) in outcomes {
        library.bytes += bytes;
        problems.extend(outcome.problems);
        for Parsed { mut report, id_pos, explicit_id } in outcome.reports {
            if let Some((path, pos)) = first_seen.get(&report.id) {
                let first = format!("{}:{}:{}", sanitize::path(path), pos.line, pos.col);
                if explicit_id {
                    problems.push(Problem::error(
                        &report.origin.path,
                        Some(id_pos),
                        format!("{DUPLICATE_ID}{}`: {first} has it already; this one is skipped", report.id),
                    ));
                    continue;
                }
                // Same file name in two folders (2015/day1.yaml, 2016/day1.yaml):
                // keep both, telling the user how to choose the id.
                let id = unique_id(&report, &first_seen);
                problems.push(Problem::warning(
                    &report.origin.path,
                    Some(id_pos),
                    format!(
                        "id `{}` {ID_TAKEN}{first}; this report is `{id}` (write an `id` to choose one)",
                        report.id
                    ),
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

/// A path that changed on disk and what it holds now: the new reading of a
/// file, or `None` when the path is gone (a file, or a folder with every file
/// under it: a folder moved away takes its reports with it).
pub type Change = (PathBuf, Option<FileOutcome>);

impl Library {
    /// This library with one file's reports and problems replaced by a new
    /// reading of it (`None`: the file is gone). See [`Library::with_files`].
    pub fn with_file(&self, path: &Path, outcome: Option<FileOutcome>) -> Library {
        self.with_files(vec![(path.to_path_buf(), outcome)])
    }

    /// This library with the changed paths' reports and problems replaced,
    /// in one pass however many changed (a `git checkout` changes thousands of
    /// files at once). A file that now has errors keeps its last good
    /// reports, so an edit in progress never blanks the screen; its problems
    /// show what is wrong.
    pub fn with_files(&self, changes: Vec<Change>) -> Library {
        let mut order: Vec<PathBuf> = Vec::new();
        let mut by_file: HashMap<PathBuf, Vec<Parsed>> = HashMap::new();
        for r in &self.reports {
            if !by_file.contains_key(&r.origin.path) {
                order.push(r.origin.path.clone());
            }
            let id_pos = Pos::new(r.origin.line, 1);
            by_file.entry(r.origin.path.clone()).or_default().push(Parsed {
                report: r.clone(),
                id_pos,
                explicit_id: true,
            });
        }
        // Files known before: with reports, or with problems only.
        let mut known: std::collections::HashSet<PathBuf> = by_file.keys().cloned().collect();
        known.extend(self.problems.iter().map(|p| p.path.clone()));
        let mut problems: Vec<Problem> = self.problems.clone();
        let mut files = self.files;
        for (path, outcome) in changes {
            match outcome {
                None => {
                    let under = |p: &Path| p.starts_with(&path);
                    let gone: Vec<PathBuf> = if known.contains(&path) {
                        vec![path.clone()]
                    } else {
                        known.iter().filter(|p| under(p)).cloned().collect()
                    };
                    for p in &gone {
                        by_file.remove(p);
                        known.remove(p);
                    }
                    files = files.saturating_sub(gone.len());
                    problems.retain(|p| !under(&p.path));
                }
                Some(outcome) => {
                    problems.retain(|p| p.path != path);
                    let failed = outcome.problems.iter().any(Problem::is_error);
                    problems.extend(outcome.problems);
                    if !(failed && by_file.contains_key(&path)) {
                        if !by_file.contains_key(&path) {
                            order.push(path.clone());
                        }
                        by_file.insert(path.clone(), outcome.reports);
                    }
                    files += usize::from(known.insert(path));
                }
            }
        }
        let outcomes = order
            .into_iter()
            .filter_map(|p| by_file.remove(&p))
            .map(|reports| (0, FileOutcome { reports, problems: Vec::new() }))
            .collect();
        let mut library = assemble(files, problems, outcomes);
        library.bytes = self.bytes;
        library
    }
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
        assert_eq!(
            default_inputs(Some("a:b".as_ref()), &[], none),
            vec![Input::Path("a".into()), Input::Path("b".into())]
        );
        assert_eq!(default_inputs(Some("".as_ref()), &[], none), vec![BUILT_IN]);
        assert_eq!(default_inputs(None, &[], none), vec![BUILT_IN]);
        assert_eq!(default_inputs(None, &["r".into()], none), vec![Input::Path("r".into())]);
        assert_eq!(default_inputs(Some("e".as_ref()), &["r".into()], none), vec![Input::Path("e".into())]);
        let dir = tempfile::tempdir_in(&tmp).unwrap();
        std::fs::create_dir(dir.path().join("content")).unwrap();
        assert_eq!(default_inputs(None, &[], dir.path()), vec![Input::Path("content".into())]);
    }
}
