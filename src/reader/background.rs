//! Work off the UI thread: loading the library (with progress), watching its
//! files, and the search worker. Each sends its results to the loop as
//! messages; nothing here touches the terminal.

use super::events::Msg;
use notify::{RecursiveMode, Watcher};
use podium::app::search::HIT_LIMIT;
use podium::load::{self, Input, Library, LoadOptions};
use podium::search::{Index, Options, Query, Searcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender};
use std::time::{Duration, Instant};

/// Standard input can only be read once: it is read now and kept as text,
/// so that `r` can load the library again.
pub fn read_stdin_first(inputs: Vec<Input>, opts: &LoadOptions) -> Vec<Input> {
    inputs
        .into_iter()
        .map(|i| match i {
            Input::Stdin => {
                use std::io::Read;
                let mut bytes = Vec::new();
                let _ = std::io::stdin().lock().take(opts.max_file_size.saturating_add(1)).read_to_end(&mut bytes);
                let text: &'static str = Box::leak(String::from_utf8_lossy(&bytes).into_owned().into_boxed_str());
                Input::Embedded { name: "<stdin>", text }
            }
            other => other,
        })
        .collect()
}

/// Loads the whole library, or one file, on a thread of its own.
pub struct Loader {
    inputs: Arc<Vec<Input>>,
    opts: LoadOptions,
    tx: Sender<Msg>,
}

impl Loader {
    pub fn new(inputs: Vec<Input>, opts: LoadOptions, tx: Sender<Msg>) -> Self {
        Loader { inputs: Arc::new(inputs), opts, tx }
    }

    pub fn load_all(&self) {
        let (inputs, opts, tx) = (Arc::clone(&self.inputs), self.opts, self.tx.clone());
        std::thread::spawn(move || {
            // At most one progress message per 50 ms: the loop redraws for each.
            let last = std::sync::Mutex::new(Instant::now() - Duration::from_secs(1));
            let library = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                load::load_with_progress(&inputs, &opts, |done, total| {
                    if let Ok(mut last) = last.lock()
                        && (last.elapsed() >= Duration::from_millis(50) || done == total)
                    {
                        *last = Instant::now();
                        let _ = tx.send(Msg::Progress(done, total));
                    }
                })
            }))
            .unwrap_or_default();
            let _ = tx.send(Msg::Library(Arc::new(library)));
        });
    }

    pub fn reload_file(&self, path: PathBuf) {
        let (opts, tx) = (self.opts, self.tx.clone());
        std::thread::spawn(move || {
            let outcome = load::reload_file(&path, &opts);
            let _ = tx.send(Msg::FileChanged(path, outcome));
        });
    }
}

/// Watches the folders and files the library came from; changed report files
/// are read again (after 150 ms of quiet, as editors write in steps) and
/// sent to the loop. An error (the system's watch limit, say) is returned
/// for the status line.
pub fn watch(inputs: &[Input], opts: LoadOptions, tx: Sender<Msg>) -> Result<notify::RecommendedWatcher, String> {
    let (raw_tx, raw_rx) = std::sync::mpsc::channel::<PathBuf>();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            for path in event.paths {
                let _ = raw_tx.send(path);
            }
        }
    })
    .map_err(|e| e.to_string())?;
    let mut files: Vec<PathBuf> = Vec::new();
    for input in inputs {
        let Input::Path(path) = input else { continue };
        if path.is_dir() {
            watcher.watch(path, RecursiveMode::Recursive).map_err(|e| e.to_string())?;
        } else {
            // Editors replace a file by renaming a new one over it: watch its folder.
            let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
            watcher.watch(dir, RecursiveMode::NonRecursive).map_err(|e| e.to_string())?;
            files.push(path.clone());
        }
    }
    std::thread::spawn(move || debounce(raw_rx, files, opts, tx));
    Ok(watcher)
}

fn debounce(raw: Receiver<PathBuf>, files: Vec<PathBuf>, opts: LoadOptions, tx: Sender<Msg>) {
    let clean = |p: PathBuf| p.strip_prefix("./").map(Path::to_path_buf).unwrap_or(p);
    let files: Vec<PathBuf> = files.into_iter().map(clean).collect();
    while let Ok(first) = raw.recv() {
        let mut changed = BTreeSet::new();
        changed.insert(clean(first));
        while let Ok(more) = raw.recv_timeout(Duration::from_millis(150)) {
            changed.insert(clean(more));
        }
        for path in changed {
            let wanted = if files.is_empty() { load::walk::is_report_file(&path) } else { files.contains(&path) };
            if wanted && tx.send(Msg::FileChanged(path.clone(), load::reload_file(&path, &opts))).is_err() {
                return;
            }
        }
    }
}

pub enum Job {
    /// A new library to index, with its generation.
    Library(u64, Arc<Library>),
    Query(u64, String),
}

/// The search worker: indexes each new library, then answers queries, newest
/// first: queries that arrive while one runs replace each other.
pub fn spawn_search(tx: Sender<Msg>) -> Sender<Job> {
    let (job_tx, job_rx) = std::sync::mpsc::channel::<Job>();
    std::thread::spawn(move || {
        let mut current: Option<(Arc<Library>, Searcher)> = None;
        let options = Options { limit: HIT_LIMIT, kind: None };
        while let Ok(first) = job_rx.recv() {
            // Only the newest library and the newest query matter.
            let (mut library, mut query) = (None, None);
            for job in std::iter::once(first).chain(job_rx.try_iter()) {
                match job {
                    Job::Library(generation, lib) => {
                        library = Some((generation, lib));
                        query = None;
                    }
                    Job::Query(generation, q) => query = Some((generation, q)),
                }
            }
            if let Some((generation, lib)) = library {
                let index = Arc::new(Index::build(&lib.reports));
                current = Some((lib, Searcher::new(Arc::clone(&index))));
                if tx.send(Msg::Index(generation, index)).is_err() {
                    return;
                }
            }
            if let (Some((generation, q)), Some((lib, searcher))) = (query, current.as_mut()) {
                let results = Arc::new(searcher.search(&lib.reports, &Query::parse(&q), &options));
                if tx.send(Msg::Results { generation, query: q, results }).is_err() {
                    return;
                }
            }
        }
    });
    job_tx
}
