//! Live reload: watches the folders and files the library came from and
//! turns what changed on disk into one batch of changes at a time. A burst of
//! changes (a `git checkout`, a folder copied in) is one batch: read in
//! parallel, applied to the library in one pass, off the UI thread.

use super::events::Msg;
use notify::{RecursiveMode, Watcher};
use podium::load::{self, Change, Input, Library, LoadOptions};
use podium::people::{Aliases, People};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Quiet time that ends a batch: editors write a file in several steps.
const QUIET: Duration = Duration::from_millis(150);
/// A batch never waits longer than this for quiet, so a long stream of
/// changes still shows up on screen as it goes.
const LONGEST_BATCH: Duration = Duration::from_millis(1000);
/// How often the watched roots are checked for existence when nothing
/// happens (a moved root sends one event, and a root put back none).
const ROOT_CHECK: Duration = Duration::from_secs(1);

/// The library on screen, shared with the watcher so that a batch is applied
/// to it off the UI thread (with the aliases its people table is built with).
#[derive(Clone, Default)]
pub struct Shown(Arc<Mutex<Arc<Library>>>, Arc<Aliases>);

impl Shown {
    pub fn new(aliases: Arc<Aliases>) -> Self {
        Shown(Arc::default(), aliases)
    }

    pub fn set(&self, library: &Arc<Library>) {
        if let Ok(mut shown) = self.0.lock() {
            *shown = Arc::clone(library);
        }
    }

    fn get(&self) -> Arc<Library> {
        self.0.lock().map(|l| Arc::clone(&l)).unwrap_or_default()
    }
}

/// One batch of changes, with the library they make when applied to `base`
/// (the library on screen when the batch was read). The loop takes `library`
/// if `base` is still on screen, and applies `changes` itself otherwise.
pub struct Batch {
    pub changes: Vec<Change>,
    pub base: Arc<Library>,
    pub library: Arc<Library>,
    /// `library`'s people table, built with it off the UI thread.
    pub people: Arc<People>,
}

impl Batch {
    /// The changes applied to `base` (also used for the editor's file).
    pub fn apply(changes: Vec<Change>, base: Arc<Library>, aliases: &Aliases) -> Batch {
        let library = Arc::new(base.with_files(changes.clone()));
        let people = Arc::new(People::build(&library.reports, aliases));
        Batch { changes, base, library, people }
    }

    /// Each changed path, and whether it was read (`false`: gone).
    pub fn paths(&self) -> Vec<(PathBuf, bool)> {
        self.changes.iter().map(|(p, o)| (p.clone(), o.is_some())).collect()
    }

    /// The new library for `on_screen`: the one built for it (with its
    /// people), or built now (its people left to the caller).
    pub fn library_for(self, on_screen: &Arc<Library>) -> (Arc<Library>, Option<Arc<People>>) {
        if Arc::ptr_eq(&self.base, on_screen) {
            (self.library, Some(self.people))
        } else {
            (Arc::new(on_screen.with_files(self.changes)), None)
        }
    }
}

/// What the watcher cannot follow: the loop reads the whole library again.
pub enum Lost {
    /// A root the user named was moved or deleted.
    Root(PathBuf),
    /// A root that was gone is back.
    RootBack(PathBuf),
    /// The system dropped events (its queue overflowed).
    Overflow,
}

/// Keeps the watcher alive; dropping it stops watching.
pub struct Watching {
    _watcher: Arc<Mutex<notify::RecommendedWatcher>>,
}

/// Starts watching `inputs`; changes arrive as [`Msg::Batch`] and
/// [`Msg::Lost`]. An error (the system's watch limit, say) is returned for
/// the status line.
pub fn watch(inputs: &[Input], opts: LoadOptions, shown: Shown, tx: Sender<Msg>) -> Result<Watching, String> {
    // The end-to-end test of the fallback: the system's limit, on demand.
    #[cfg(feature = "test-hooks")]
    if std::env::var_os("PODIUM_TEST_WATCH_LIMIT").is_some() {
        return Err("the system's limit on watched files was reached (PODIUM_TEST_WATCH_LIMIT)".into());
    }
    let (raw_tx, raw_rx) = std::sync::mpsc::channel::<Raw>();
    // The watcher reports absolute paths; the library holds them as the user
    // gave them (`content/a.yaml`): each is mapped back, or a changed file
    // would come back as a second copy of itself.
    let roots: Vec<(PathBuf, PathBuf)> = inputs
        .iter()
        .filter_map(|i| if let Input::Path(p) = i { Some(p) } else { None })
        .flat_map(|given| {
            let forms = [std::path::absolute(given).ok(), std::fs::canonicalize(given).ok()];
            forms.into_iter().flatten().map(move |abs| (abs, given.clone()))
        })
        .collect();
    let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let raw = match event {
            // Reading a file (the loader's own reads among them) is no change.
            Ok(event) if matches!(event.kind, notify::EventKind::Access(_)) => return,
            Ok(event) if event.need_rescan() => vec![Raw::Overflow],
            Ok(event) => event.paths.into_iter().map(|p| Raw::Path(as_given(&roots, p))).collect(),
            Err(e) if matches!(e.kind, notify::ErrorKind::MaxFilesWatch) => vec![Raw::Overflow],
            Err(_) => return,
        };
        for r in raw {
            let _ = raw_tx.send(r);
        }
    })
    .map_err(|e| e.to_string())?;
    let watcher = Arc::new(Mutex::new(watcher));
    let mut targets = Vec::new();
    for input in inputs {
        let Input::Path(path) = input else { continue };
        let target = Target::of(path);
        target.register(&watcher)?;
        targets.push(target);
    }
    let worker = Worker { targets, opts, shown, tx, watcher: Arc::clone(&watcher) };
    std::thread::spawn(move || worker.run(raw_rx));
    Ok(Watching { _watcher: watcher })
}

enum Raw {
    Path(PathBuf),
    Overflow,
}

/// A root the user named: a folder (watched recursively) or a file (its
/// folder watched, since editors replace a file by renaming a new one over it).
struct Target {
    path: PathBuf,
    folder: bool,
    present: bool,
}

impl Target {
    fn of(path: &Path) -> Target {
        Target { path: clean(path.to_path_buf()), folder: path.is_dir(), present: path.exists() }
    }

    fn register(&self, watcher: &Mutex<notify::RecommendedWatcher>) -> Result<(), String> {
        let Ok(mut watcher) = watcher.lock() else { return Err("the watcher failed".into()) };
        let result = if self.folder {
            watcher.watch(&self.path, RecursiveMode::Recursive)
        } else {
            let dir = self.path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
            watcher.watch(dir, RecursiveMode::NonRecursive)
        };
        result.map_err(|e| e.to_string())
    }
}

struct Worker {
    targets: Vec<Target>,
    opts: LoadOptions,
    shown: Shown,
    tx: Sender<Msg>,
    watcher: Arc<Mutex<notify::RecommendedWatcher>>,
}

impl Worker {
    fn run(mut self, raw: Receiver<Raw>) {
        loop {
            let first = match raw.recv_timeout(ROOT_CHECK) {
                Ok(first) => first,
                Err(RecvTimeoutError::Timeout) => {
                    if !self.check_roots() {
                        return;
                    }
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => return,
            };
            let mut paths = BTreeSet::new();
            let mut overflow = false;
            let started = Instant::now();
            let mut next = Some(first);
            while let Some(r) = next.take() {
                match r {
                    Raw::Path(p) => {
                        paths.insert(clean(p));
                    }
                    Raw::Overflow => overflow = true,
                }
                if started.elapsed() < LONGEST_BATCH {
                    next = raw.recv_timeout(QUIET).ok();
                }
            }
            if !self.check_roots() {
                return;
            }
            if overflow {
                if self.tx.send(Msg::Lost(Lost::Overflow)).is_err() {
                    return;
                }
                continue;
            }
            let changes = self.changes(paths);
            if changes.is_empty() {
                continue;
            }
            let batch = Batch::apply(changes, self.shown.get(), &self.shown.1);
            if self.tx.send(Msg::Batch(batch)).is_err() {
                return;
            }
        }
    }

    /// Roots moved away or put back: the loop is told, to read the library
    /// again. `false` when the loop has gone.
    fn check_roots(&mut self) -> bool {
        for target in &mut self.targets {
            let present = target.path.exists();
            if present == target.present {
                continue;
            }
            target.present = present;
            let lost = if present {
                // Back (moved back, or made again): watched afresh.
                let _ = target.register(&self.watcher);
                Lost::RootBack(target.path.clone())
            } else {
                Lost::Root(target.path.clone())
            };
            if self.tx.send(Msg::Lost(lost)).is_err() {
                return false;
            }
        }
        true
    }

    /// The changed paths as changes to the library: report files read again
    /// (in parallel), folders that appeared walked for their report files,
    /// and paths that are gone removed with everything under them.
    fn changes(&self, paths: BTreeSet<PathBuf>) -> Vec<Change> {
        let named_files: Vec<&Path> = self.targets.iter().filter(|t| !t.folder).map(|t| t.path.as_path()).collect();
        let wanted = |p: &Path| {
            if named_files.is_empty() { load::walk::is_report_file(p) } else { named_files.contains(&p) }
        };
        let mut to_read: Vec<PathBuf> = Vec::new();
        let mut gone: Vec<PathBuf> = Vec::new();
        for path in paths {
            match std::fs::symlink_metadata(&path) {
                Err(_) => gone.push(path),
                Ok(m) if m.is_dir() && named_files.is_empty() => {
                    // A folder moved or copied in: its files, and the folder
                    // watched under its new name (the system's watch on a
                    // moved folder still names the old one).
                    let (files, _) = load::walk::expand(&[Input::Path(path.clone())]);
                    to_read.extend(files.into_iter().filter_map(|f| match f {
                        load::walk::FileSource::Disk(p) => Some(clean(p)),
                        _ => None,
                    }));
                    if let Ok(mut w) = self.watcher.lock() {
                        let _ = w.watch(&path, RecursiveMode::Recursive);
                    }
                }
                Ok(_) if wanted(&path) => to_read.push(path),
                Ok(_) => {}
            }
        }
        to_read.sort();
        to_read.dedup();
        let opts = self.opts;
        let mut changes: Vec<Change> = gone.into_iter().map(|p| (p, None)).collect();
        changes.par_extend(to_read.into_par_iter().map(|p| {
            let outcome = load::reload_file(&p, &opts);
            (p, outcome)
        }));
        changes
    }
}

fn clean(p: PathBuf) -> PathBuf {
    p.strip_prefix("./").map(Path::to_path_buf).unwrap_or(p)
}

/// `path` under one of the watched inputs, written from that input as given.
fn as_given(roots: &[(PathBuf, PathBuf)], path: PathBuf) -> PathBuf {
    for (abs, given) in roots {
        if path == *abs {
            return given.clone();
        }
        if let Ok(rest) = path.strip_prefix(abs) {
            return given.join(rest);
        }
    }
    path
}

/// The status line after a batch: what changed, in the user's terms.
pub fn describe(before: &Library, after: &Library, changes: &[(PathBuf, bool)], problems_key: &str) -> Option<String> {
    // Files read are matched exactly, gone paths as prefixes (a folder):
    // thousands of changes against thousands of reports stay linear.
    let read_paths: std::collections::HashSet<&Path> =
        changes.iter().filter(|(_, read)| *read).map(|(p, _)| p.as_path()).collect();
    let gone_paths: Vec<&Path> = changes.iter().filter(|(_, read)| !*read).map(|(p, _)| p.as_path()).collect();
    let gone_set: std::collections::HashSet<&Path> = gone_paths.iter().copied().collect();
    let touched = |p: &Path| {
        read_paths.contains(p) || gone_set.contains(p) || {
            // A gone folder: any ancestor of the file among the gone paths.
            !gone_paths.is_empty() && p.ancestors().skip(1).any(|a| gone_set.contains(a))
        }
    };
    let had = |lib: &Library| {
        lib.reports.iter().filter(|r| touched(&r.origin.path)).map(|r| r.origin.path.clone()).collect::<BTreeSet<_>>()
    };
    let (files_before, files_after) = (had(before), had(after));
    let failing: BTreeSet<&Path> =
        after.problems.iter().filter(|p| p.is_error() && touched(&p.path)).map(|p| p.path.as_path()).collect();
    let read: Vec<&Path> = changes.iter().filter(|(_, read)| *read).map(|(p, _)| p.as_path()).collect();
    let removed = files_before.difference(&files_after).count();
    let plural = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    if read.len() == 1 && removed == 0 {
        let path = read[0];
        let shown = load::sanitize::path(path);
        let errors = after.problems.iter().filter(|p| p.path == path && p.is_error()).count();
        return Some(match errors {
            0 => format!("Reloaded {shown}."),
            n => {
                let kept = if files_before.contains(path) { "; its last good version stays" } else { "" };
                format!("{shown}: {} ({problems_key} lists them){kept}.", plural(n, "problem"))
            }
        });
    }
    if read.is_empty() {
        if removed == 0 {
            return None;
        }
        if let [(path, false)] = changes
            && files_before.len() == 1
            && files_before.contains(path)
        {
            return Some(format!("{} is gone: its reports left the library.", load::sanitize::path(path)));
        }
        return Some(format!("{} gone: their reports left the library.", plural(removed, "file")));
    }
    let mut parts = vec![format!("Reloaded {}", plural(read.len(), "changed file"))];
    if removed > 0 {
        parts.push(format!("{} gone", plural(removed, "file")));
    }
    if !failing.is_empty() {
        parts.push(format!("{} with problems ({problems_key} lists them)", plural(failing.len(), "file")));
    }
    Some(format!("{}: {} in the library.", parts.join(", "), plural(after.reports.len(), "report")))
}
