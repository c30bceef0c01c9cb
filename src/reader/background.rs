//! Work off the UI thread: loading the library (with progress) and the
//! search worker (watching is in `watch`). Each sends its results to the loop as
//! messages; nothing here touches the terminal.

use super::events::Msg;
use podium::app::case_hint;
use podium::app::search::HIT_LIMIT;
use podium::load::cache;
use podium::load::{self, Input, Library, LoadOptions, Problem};
use podium::model::Report;
use podium::people::{Aliases, People};
use podium::search::index::manifest::Manifest;
use podium::search::index::store;
use podium::search::{Index, Options, Query, Reports, Searcher};
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
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
    /// The configuration's `[people]`, for the people table built with each library.
    aliases: Arc<Aliases>,
    tx: Sender<Msg>,
    /// Numbers each whole load; messages of an older one (`r` pressed while
    /// the first load runs) are dropped by the loop.
    latest: AtomicU64,
    /// Where the library is kept with its index (none with `--no-cache`).
    kept: Option<Kept>,
    prepared: Prepared,
}

/// A library read at start from where it is kept, with its index and content
/// key: the search worker takes the index from here rather than read it again.
#[derive(Clone, Default)]
pub struct Prepared(Arc<Mutex<Option<PreparedIndex>>>);

/// A library, its index, and its content key.
type PreparedIndex = (Arc<Library>, Arc<Index>, u64);

impl Prepared {
    fn put(&self, library: &Arc<Library>, index: Index, key: u64) {
        if let Ok(mut slot) = self.0.lock() {
            *slot = Some((Arc::clone(library), Arc::new(index), key));
        }
    }

    /// The index put with exactly this library, if any (taken: held once).
    fn take_for(&self, library: &Arc<Library>) -> Option<(Arc<Index>, u64)> {
        let mut slot = self.0.lock().ok()?;
        match slot.take() {
            Some((l, index, key)) if Arc::ptr_eq(&l, library) => Some((index, key)),
            other => {
                *slot = other;
                None
            }
        }
    }
}

/// Reports shown first while a kept library of more than [`LARGE`] reports
/// is read back whole (a million quotes in 20,000 reports take more than a
/// second; 2,000 reports, a tenth of that, sooner than a first part would be
/// on screen).
const FIRST_REPORTS: usize = 500;
const LARGE: usize = 5_000;

/// The library as kept with its index, if its files have not changed since:
/// no report file is read. `None` when there is none, it is stale or damaged.
/// `first` gets its first reports at once when it is large.
fn from_store(kept: &Kept, first: impl FnOnce(Library)) -> Option<(Library, Index, u64)> {
    if !kept.path.is_file() {
        return None;
    }
    let stamp = load::stamp::files_stamp(&kept.inputs, &kept.load, None)?;
    let opened = store::open(&kept.path, stamp.key).ok()?;
    let library = |reports: Vec<Report>, problems: Vec<Problem>| Library {
        reports,
        problems,
        files: stamp.files.len(),
        bytes: stamp.bytes(),
        read_since: None,
    };
    if opened.reports.count() > LARGE {
        let reports: Vec<Report> = (0..FIRST_REPORTS).map(|r| opened.reports.report(r).clone()).collect();
        if !opened.reports.damaged() {
            first(library(reports, opened.problems.clone()));
        }
    }
    let reports = opened.reports.into_all()?;
    Some((library(reports, opened.problems), opened.index, opened.keys.content))
}

impl Loader {
    pub fn new(
        inputs: Vec<Input>,
        opts: LoadOptions,
        aliases: Arc<Aliases>,
        tx: Sender<Msg>,
        kept: Option<Kept>,
        prepared: Prepared,
    ) -> Self {
        Loader { inputs: Arc::new(inputs), opts, aliases, tx, latest: AtomicU64::new(0), kept, prepared }
    }

    /// Whether a message of load `number` comes from the newest load.
    pub fn is_latest(&self, number: u64) -> bool {
        self.latest.load(Ordering::SeqCst) == number
    }

    /// Loads every file. At start (`partials`), the library as kept with its
    /// index is taken if its files have not changed, else the library loaded
    /// so far is sent now and then, so reports can be read while the rest
    /// loads; a reload (`r`) reads the files and sends only the whole library,
    /// so it never shrinks on screen.
    pub fn load_all(&self, partials: bool) {
        let (inputs, opts, tx) = (Arc::clone(&self.inputs), self.opts, self.tx.clone());
        let aliases = Arc::clone(&self.aliases);
        let number = self.latest.fetch_add(1, Ordering::SeqCst) + 1;
        let (kept, prepared) = (self.kept.clone().filter(|_| partials), self.prepared.clone());
        std::thread::spawn(move || {
            let first = |library: Library| {
                let people = Arc::new(People::build(&library.reports, &aliases));
                let _ = tx.send(Msg::Partial(number, Arc::new(library), people));
            };
            let stored =
                kept.as_ref().and_then(|k| std::panic::catch_unwind(AssertUnwindSafe(|| from_store(k, first))).ok()?);
            if let Some((library, index, key)) = stored {
                let library = Arc::new(library);
                let people = Arc::new(People::build(&library.reports, &aliases));
                prepared.put(&library, index, key);
                let _ = tx.send(Msg::Library(number, library, people));
                return;
            }
            // At most one progress message per 50 ms: the loop redraws for each.
            let last = std::sync::Mutex::new(Instant::now() - Duration::from_secs(1));
            let every = partials.then_some(Duration::from_millis(250));
            let partial_tx = tx.clone();
            let library = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                load::load_in_steps(
                    &inputs,
                    &opts,
                    every,
                    |done, total| {
                        if let Ok(mut last) = last.lock()
                            && (last.elapsed() >= Duration::from_millis(50) || done == total)
                        {
                            *last = Instant::now();
                            let _ = tx.send(Msg::Progress(number, done, total));
                        }
                    },
                    |library| {
                        // Built here, not on the loop: tens of ms for thousands of reports.
                        let people = Arc::new(People::build(&library.reports, &aliases));
                        let _ = partial_tx.send(Msg::Partial(number, Arc::new(library), people));
                    },
                )
            }))
            .unwrap_or_default();
            let people = Arc::new(People::build(&library.reports, &aliases));
            let _ = tx.send(Msg::Library(number, Arc::new(library), people));
        });
    }

    /// Reads one file again (the editor's) and applies it to `base`.
    pub fn reload_file(&self, path: PathBuf, base: Arc<Library>) {
        let (opts, tx, aliases) = (self.opts, self.tx.clone(), Arc::clone(&self.aliases));
        std::thread::spawn(move || {
            let outcome = load::reload_file(&path, &opts);
            let _ = tx.send(Msg::Batch(super::watch::Batch::apply(vec![(path, outcome)], base, &aliases)));
        });
    }
}

pub enum Job {
    /// A new library with its generation; `eager`: index it now, not only
    /// when a query comes (libraries that follow each other while loading are
    /// indexed only if someone searches them).
    Library { generation: u64, library: Arc<Library>, eager: bool },
    /// A query with its generation, and how many hits to rank.
    Query(u64, String, usize),
}

/// The loop's end of the search worker.
pub struct SearchWorker {
    jobs: Sender<Job>,
    /// The generation of the newest library sent: an index being built for an
    /// older one is abandoned.
    newest_library: Arc<AtomicU64>,
}

impl SearchWorker {
    pub fn library(&self, generation: u64, library: Arc<Library>, eager: bool) {
        self.newest_library.store(generation, Ordering::SeqCst);
        let _ = self.jobs.send(Job::Library { generation, library, eager });
    }

    /// A query typed: the best [`HIT_LIMIT`] hits, fast.
    pub fn query(&self, generation: u64, query: String) {
        let _ = self.jobs.send(Job::Query(generation, query, HIT_LIMIT));
    }

    /// Every hit of a query, ranked: asked when the reader reaches the last of the best.
    pub fn query_all(&self, generation: u64, query: String) {
        let _ = self.jobs.send(Job::Query(generation, query, usize::MAX));
    }
}

/// The search worker: indexes each new library, then answers queries, newest
/// first: queries that arrive while one runs replace each other. `speaker:`
/// knows a person by the configuration's aliases too.
///
/// `stored`: where the library's index is kept between runs (none with
/// `--no-cache`): a stored index for exactly the library loaded is used
/// instead of building one, and each index built is stored there.
pub fn spawn_search(tx: Sender<Msg>, aliases: Arc<Aliases>, stored: Option<Kept>, prepared: Prepared) -> SearchWorker {
    let (job_tx, job_rx) = std::sync::mpsc::channel::<Job>();
    let newest_library = Arc::new(AtomicU64::new(0));
    let newest = Arc::clone(&newest_library);
    std::thread::spawn(move || {
        // Threads of its own: in rayon's global pool, indexing and searching
        // would queue behind the loader's files, and search while loading
        // would wait for the load to end.
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
        match rayon::ThreadPoolBuilder::new().num_threads(threads).thread_name(|i| format!("search-{i}")).build() {
            Ok(pool) => pool.install(|| serve(job_rx, tx, newest, aliases, stored, prepared)),
            Err(_) => serve(job_rx, tx, newest, aliases, stored, prepared),
        }
    });
    SearchWorker { jobs: job_tx, newest_library }
}

/// Where a library's index is kept, and what it was loaded from (to stamp
/// its files).
#[derive(Clone)]
pub struct Kept {
    pub path: PathBuf,
    pub inputs: Vec<Input>,
    pub load: LoadOptions,
}

/// An index to keep: `built` when it was built, not read from the file
/// (which then only needs its files stamped anew if they changed).
struct ToSave {
    key: u64,
    library: Arc<Library>,
    index: Arc<Index>,
    built: bool,
}

/// One thread that stores indexes for the next run, the newest only: saves of
/// successive reloads never race, and at most one more index is held. The
/// files are stamped here, off the search thread: a walk and a `stat` each.
fn spawn_saver(kept: Kept) -> Sender<ToSave> {
    let (tx, rx) = std::sync::mpsc::channel::<ToSave>();
    std::thread::spawn(move || {
        while let Ok(first) = rx.recv() {
            let Some(job) = std::iter::once(first).chain(rx.try_iter()).last() else { continue };
            let stamp = load::stamp::files_stamp(&kept.inputs, &kept.load, job.library.read_since);
            let files = stamp.as_ref().map_or(0, |s| s.key);
            if !job.built && (files == 0 || store::keys_of(&kept.path).is_ok_and(|k| k.files == files)) {
                continue;
            }
            let keys = store::Keys { content: job.key, files };
            let manifest = stamp.and_then(|s| Manifest::new(cache::program(), &s.files, &job.library.reports));
            let library = &job.library;
            let (reports, problems) = (&library.reports, &library.problems);
            let _ = store::save_with(
                &kept.path,
                keys,
                &job.index,
                reports,
                problems,
                manifest.as_ref(),
                &|_, _| {},
                &|| false,
            );
        }
    });
    tx
}

fn serve(
    job_rx: Receiver<Job>,
    tx: Sender<Msg>,
    newest: Arc<AtomicU64>,
    aliases: Arc<Aliases>,
    stored: Option<Kept>,
    prepared: Prepared,
) {
    let saver = stored.clone().map(spawn_saver);
    // The newest library received, and the one indexed (with its searcher).
    let mut latest: Option<(u64, Arc<Library>)> = None;
    let mut indexed: Option<(u64, Arc<Library>, Searcher)> = None;
    while let Ok(first) = job_rx.recv() {
        // Only the newest library and the newest query matter.
        let (mut eager, mut query) = (false, None);
        for job in std::iter::once(first).chain(job_rx.try_iter()) {
            match job {
                Job::Library { generation, library, eager: now } => {
                    latest = Some((generation, library));
                    eager = now;
                    // Asked of the old library; the loop asks again.
                    query = None;
                }
                Job::Query(generation, q, limit) => query = Some((generation, q, limit)),
            }
        }
        let Some((generation, library)) = latest.clone() else { continue };
        let stale_index = indexed.as_ref().is_none_or(|(g, ..)| *g != generation);
        if stale_index && (eager || query.is_some()) {
            let stale = || newest.load(Ordering::SeqCst) != generation;
            // Abandoned for a newer library, which is waiting in the channel.
            // After a live reload most reports are unchanged: the last index
            // is brought up to date instead of built again.
            // The index kept from an earlier run, if it is this library's:
            // read with it at start, or checked against it.
            let (index, key, fresh) = match prepared.take_for(&library) {
                Some((index, key)) => (Some(index), Some(key), false),
                None => {
                    let key = stored.as_ref().map(|_| store::library_key(&library.reports, cache::program()));
                    let kept = stored
                        .as_ref()
                        .map(|k| k.path.as_path())
                        .filter(|path| path.is_file())
                        .zip(key)
                        .and_then(|(path, key)| store::load(path, key, &library.reports).ok());
                    let fresh = kept.is_none();
                    let index = match (kept, &indexed) {
                        (Some(kept), _) => Some(kept),
                        (None, Some((_, old, searcher))) => {
                            searcher.index.updated(&old.reports, &library.reports, stale)
                        }
                        (None, None) => Index::build_unless(&library.reports, stale),
                    };
                    (index.map(Arc::new), key, fresh)
                }
            };
            let Some(index) = index else { continue };
            if tx.send(Msg::Index(generation, Arc::clone(&index))).is_err() {
                return;
            }
            if let (Some(saver), Some(key)) = (&saver, key) {
                // Kept for the next run, off this thread: queries do not wait for
                // the disk. A failure only costs the next run a build.
                let _ =
                    saver.send(ToSave { key, library: Arc::clone(&library), index: Arc::clone(&index), built: fresh });
            }
            indexed = Some((generation, library, Searcher::new(index)));
        }
        if let (Some((generation, q, limit)), Some((library_generation, library, searcher))) = (query, indexed.as_mut())
        {
            let options = Options { limit, kind: None, aliases: Arc::clone(&aliases) };
            let results = searcher.search(&library.reports, &Query::parse(&q), &options);
            // Smart case explained: capitals that found nothing, while lower case
            // might. Sent with the results, so the answer keeps its generation.
            let lower_total = match case_hint::lowered(&q) {
                Some(lower) if results.hits.is_empty() => {
                    Some(searcher.search(&library.reports, &Query::parse(&lower), &options).total)
                }
                _ => None,
            };
            let msg = Msg::Results {
                library: *library_generation,
                generation,
                query: q,
                results: Arc::new(results),
                lower_total,
            };
            if tx.send(msg).is_err() {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: &str = "id: r1\ntitle: A session\ndate: 2024-05-01\nspeakers:\n  - id: ann\n    name: Ann Lee\nquotes:\n  - speaker: ann\n    text: Privacy online matters.\n";

    /// A library of two files (one broken) kept as `podium index` keeps it.
    fn kept_library() -> (tempfile::TempDir, Kept, Library) {
        let dir = tempfile::tempdir().unwrap();
        let lib = dir.path().join("lib");
        std::fs::create_dir(&lib).unwrap();
        std::fs::write(lib.join("a.yaml"), REPORT).unwrap();
        std::fs::write(lib.join("b.yaml"), "id: [unclosed\n").unwrap();
        let inputs = vec![Input::Path(lib)];
        let opts = LoadOptions { cache: None, ..LoadOptions::default() };
        let library = load::load(&inputs, &opts);
        let kept = Kept { path: dir.path().join("lib.idx"), inputs, load: opts };
        let key = store::library_key(&library.reports, cache::program());
        // Stamped as if read long after the files were written.
        let later = std::time::SystemTime::now() + Duration::from_secs(5);
        let files = load::stamp::files_key(&kept.inputs, &opts, Some(later)).unwrap();
        let index = Index::build(&library.reports);
        store::save(&kept.path, store::Keys { content: key, files }, &index, &library.reports, &library.problems)
            .unwrap();
        (dir, kept, library)
    }

    #[test]
    fn the_reader_starts_from_the_kept_library_while_its_files_are_unchanged() {
        let (_dir, kept, loaded) = kept_library();
        let (library, index, key) = from_store(&kept, |_| {}).expect("read from where it is kept");
        assert_eq!(library.reports, loaded.reports);
        assert_eq!(library.problems, loaded.problems);
        assert!(!library.problems.is_empty(), "the broken file is reported");
        assert_eq!((library.files, library.bytes), (loaded.files, loaded.bytes));
        assert_eq!(key, store::library_key(&loaded.reports, cache::program()));
        assert_eq!(index.items, Index::build(&loaded.reports).items);
        // A file changed since: the files are read instead.
        let a = kept.inputs.iter().find_map(|i| match i {
            Input::Path(p) => Some(p.join("a.yaml")),
            _ => None,
        });
        std::fs::write(a.unwrap(), REPORT.replace("Privacy", "Safety")).unwrap();
        assert!(from_store(&kept, |_| {}).is_none());
    }

    #[test]
    fn a_prepared_index_goes_only_with_its_own_library() {
        let prepared = Prepared::default();
        let (one, other) = (Arc::new(Library::default()), Arc::new(Library::default()));
        prepared.put(&one, Index::build(&[]), 7);
        assert!(prepared.take_for(&other).is_none());
        assert_eq!(prepared.take_for(&one).map(|(_, key)| key), Some(7));
        assert!(prepared.take_for(&one).is_none(), "taken once");
    }
}
