//! The index kept on disk with its reports (issue 18): `podium index` builds
//! and checks it, `podium search` answers from it without reading the files,
//! and a stored library that is damaged, torn, or for other files or reports
//! is never used: the answers stay those of a search without it.

use podium::load::{Input, LoadOptions, load};
use podium::search::index::store::{self, Keys, StoreError};
use podium::search::{Index, Options, Query, Searcher, scan};
use std::path::Path;
use std::process::{Command, Output};
use std::sync::Arc;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/relevance-real");

fn podium(cache: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_podium"))
        .args(args)
        .env("XDG_CACHE_HOME", cache)
        .env("XDG_CONFIG_HOME", "/nonexistent-podium-config")
        .env("PODIUM_BACKGROUND_INDEX", "0")
        .env_remove("PODIUM_CONTENT")
        .output()
        .expect("podium runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A copy of the real-shaped library, to change.
fn library_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(FIXTURES).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
        }
    }
    dir
}

/// Every query of the relevance suite, as typed.
fn queries() -> Vec<String> {
    let mut out = Vec::new();
    for file in ["queries.toml", "heldout.toml"] {
        let doc: toml::Table = std::fs::read_to_string(Path::new(FIXTURES).join(file)).unwrap().parse().unwrap();
        for case in doc["query"].as_array().unwrap() {
            out.push(case["q"].as_str().unwrap().to_string());
        }
    }
    assert!(out.len() >= 100);
    out
}

#[test]
fn a_stored_index_answers_every_relevance_query_as_a_search_without_it() {
    let lib = load(&[Input::Path(FIXTURES.into())], &LoadOptions::default());
    let built = Index::build(&lib.reports);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.idx");
    let keys = Keys { content: store::library_key(&lib.reports, "test"), files: 5 };
    store::save(&path, keys, &built, &lib.reports, &[]).unwrap();
    // Searched through the reports read back from the file, not the loaded ones.
    let opened = store::open(&path, 5).unwrap();
    let stored = Arc::new(opened.index);
    let mut searcher = Searcher::new(Arc::clone(&stored));
    let opts = Options { limit: 20, ..Options::default() };
    for q in queries() {
        let query = Query::parse(&q);
        let from_store = searcher.search(&opened.reports, &query, &opts);
        let (items, scanned) = scan::search_once(&lib.reports, &query, &opts);
        assert_eq!(items, stored.items, "{q}");
        assert_eq!(from_store.hits, scanned.hits, "{q}");
    }
    assert!(!opened.reports.damaged());
}

#[test]
fn podium_index_builds_checks_and_builds_again_after_a_change() {
    let cache = tempfile::tempdir().unwrap();
    let lib = library_copy();
    let dir = lib.path().to_str().unwrap();
    let check = podium(cache.path(), &["index", dir, "--check"]);
    assert_eq!(check.status.code(), Some(1), "{}", text(&check.stdout));
    assert!(text(&check.stdout).starts_with("not up to date: no stored index"));

    let built = podium(cache.path(), &["index", dir]);
    assert_eq!(built.status.code(), Some(0), "{}", text(&built.stderr));
    let out = text(&built.stdout);
    assert!(out.starts_with("indexed 62 reports: 622 items,"), "{out}");
    let path = out.lines().nth(1).unwrap().to_string();
    assert!(Path::new(&path).starts_with(cache.path()), "{path}");
    // The index and the reports themselves, compressed: smaller than the
    // library's files (on a library this small the index is most of it).
    let library_bytes: u64 = std::fs::read_dir(lib.path()).unwrap().map(|e| e.unwrap().metadata().unwrap().len()).sum();
    let index_bytes = std::fs::metadata(&path).unwrap().len();
    assert!(index_bytes < library_bytes, "{index_bytes} of {library_bytes}");

    let again = podium(cache.path(), &["index", dir, "--check"]);
    assert_eq!(again.status.code(), Some(0));
    assert!(text(&again.stdout).starts_with("up to date: 622 items"), "{}", text(&again.stdout));

    // One file changed: the stored index is for other reports, until built again.
    let file = lib.path().join("igf2015-children-online-games.yaml");
    let changed = std::fs::read_to_string(&file).unwrap().replace("chat window", "chat box");
    std::fs::write(&file, changed).unwrap();
    let stale = podium(cache.path(), &["index", dir, "--check"]);
    assert_eq!(stale.status.code(), Some(1));
    assert!(text(&stale.stdout).contains("for another library"), "{}", text(&stale.stdout));
    let rebuilt = podium(cache.path(), &["index", dir]);
    assert!(text(&rebuilt.stdout).contains("(the stored index is for another library"), "{}", text(&rebuilt.stdout));
    assert_eq!(podium(cache.path(), &["index", dir, "--check"]).status.code(), Some(0));
}

#[test]
fn search_answers_right_from_a_good_a_stale_a_damaged_or_a_torn_index() {
    let cache = tempfile::tempdir().unwrap();
    let lib = library_copy();
    let dir = lib.path().to_str().unwrap();
    let queries = ["saopaulo", "moderate | regulate", "speaker:carr | speaker:shita daughters", "chat window"];
    let answers = |label: &str| -> Vec<String> {
        queries
            .iter()
            .map(|q| {
                let with = podium(cache.path(), &["search", q, dir, "--limit", "8"]);
                let without = podium(cache.path(), &["search", q, dir, "--limit", "8", "--no-cache"]);
                assert_eq!(text(&with.stdout), text(&without.stdout), "{label}: {q}");
                assert_eq!(with.status.code(), without.status.code(), "{label}: {q}");
                text(&with.stdout)
            })
            .collect()
    };
    answers("no index");
    let out = text(&podium(cache.path(), &["index", dir]).stdout);
    let path = out.lines().nth(1).unwrap().to_string();
    let good = std::fs::read(&path).unwrap();
    answers("stored index");

    // Flipped bytes, a torn write, and an index of other reports under the right name.
    for (label, bytes) in [
        ("flipped", {
            let mut b = good.clone();
            let n = b.len();
            b[n / 3] ^= 0x40;
            b[n / 2] ^= 0x01;
            b
        }),
        ("torn", good[..good.len() * 2 / 3].to_vec()),
        ("empty", Vec::new()),
    ] {
        std::fs::write(&path, &bytes).unwrap();
        answers(label);
        let check = podium(cache.path(), &["index", dir, "--check"]);
        assert_eq!(check.status.code(), Some(1), "{label}");
    }
    std::fs::write(&path, &good).unwrap();
    let file = lib.path().join("igf2015-children-online-games.yaml");
    let changed = std::fs::read_to_string(&file).unwrap().replace("chat window", "chat box");
    std::fs::write(&file, changed).unwrap();
    answers("stale");
}

#[test]
fn an_interrupted_save_leaves_the_old_index_or_none() {
    let lib = load(&[Input::Path(FIXTURES.into())], &LoadOptions::default());
    let index = Index::build(&lib.reports);
    let key = store::library_key(&lib.reports, "test");
    let cache = tempfile::tempdir().unwrap();
    let path = store::path_for(cache.path(), &[FIXTURES.into()]);
    store::save(&path, Keys { content: key, files: 1 }, &index, &lib.reports, &[]).unwrap();
    // What a killed save leaves: a temporary file beside the index, never the
    // index itself half written.
    let whole = std::fs::read(&path).unwrap();
    let torn = path.with_file_name(".podium-index-XYZ");
    std::fs::write(&torn, &whole[..100]).unwrap();
    assert!(store::load(&path, key, &lib.reports).is_ok());
    // Ctrl-C during a save: it stops, the old file stays whole, and its own
    // temporary file goes.
    let other = Keys { content: key ^ 1, files: 2 };
    let stopped = store::save_with(&path, other, &index, &lib.reports, &[], None, &|_, _| {}, &|| true);
    assert_eq!(stopped.unwrap_err().kind(), std::io::ErrorKind::Interrupted);
    assert_eq!(std::fs::read(&path).unwrap(), whole);
    let names = |dir: &Path| {
        let mut n: Vec<String> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        n.sort();
        n
    };
    let dir = path.parent().unwrap();
    assert_eq!(names(dir).len(), 2, "the index and the torn file of a killed save: {:?}", names(dir));
    // A torn file an hour old is no other save's: the next save removes it.
    let hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    std::fs::File::options().write(true).open(&torn).unwrap().set_modified(hours_ago).unwrap();
    store::save(&path, Keys { content: key, files: 1 }, &index, &lib.reports, &[]).unwrap();
    assert_eq!(names(dir), [path.file_name().unwrap().to_string_lossy().into_owned()]);
    std::fs::remove_file(&path).unwrap();
    assert_eq!(store::load(&path, key, &lib.reports).err(), Some(StoreError::Missing));
}

/// `podium search QUERY DIR` with `PODIUM_TIMING`: its output, and which way
/// it went.
fn traced_search(cache: &Path, dir: &str, q: &str) -> (Output, String) {
    traced_search_with(cache, dir, q, "0")
}

/// [`traced_search`], with `PODIUM_BACKGROUND_INDEX=background`.
fn traced_search_with(cache: &Path, dir: &str, q: &str, background: &str) -> (Output, String) {
    let trace = cache.join("trace");
    let _ = std::fs::remove_file(&trace);
    let out = Command::new(env!("CARGO_BIN_EXE_podium"))
        .args(["search", q, dir, "--limit", "8"])
        .env("XDG_CACHE_HOME", cache)
        .env("XDG_CONFIG_HOME", "/nonexistent-podium-config")
        .env("PODIUM_BACKGROUND_INDEX", background)
        .env("PODIUM_TIMING", &trace)
        .env_remove("PODIUM_CONTENT")
        .output()
        .unwrap();
    (out, std::fs::read_to_string(&trace).unwrap_or_default())
}

/// How many reports a traced search read back from the stored library, if
/// it answered from it.
fn read_back(trace: &str) -> Option<usize> {
    let line = trace.lines().find_map(|l| l.strip_prefix("answered from the stored library, "))?;
    line.split(' ').next()?.parse().ok()
}

/// Whether a traced search read the report files.
fn read_the_files(trace: &str) -> bool {
    trace.lines().any(|l| l.starts_with("reading the files")) && read_back(trace).is_none()
}

/// Whether a traced search read only the changed files, the rest from the store.
fn spliced(trace: &str) -> bool {
    trace.lines().any(|l| l.starts_with("spliced with ")) && read_back(trace).is_some()
}

#[test]
fn search_reads_no_file_while_the_files_are_as_stored_and_only_the_changed_ones_after_a_change() {
    let cache = tempfile::tempdir().unwrap();
    let lib = library_copy();
    let dir = lib.path().to_str().unwrap();
    // Words, alternatives, a phrase, a field filter, an exclusion, a prefix:
    // every way the engine reads the index and the reports.
    let queries = ["children | parents online", "'chat box", "speaker:carr -teachers", "^child", "games"];
    let same_as_without = |label: &str| {
        let mut traces = Vec::new();
        for q in queries {
            let (with, trace) = traced_search(cache.path(), dir, q);
            let without = podium(cache.path(), &["search", q, dir, "--limit", "8", "--no-cache"]);
            assert_eq!(text(&with.stdout), text(&without.stdout), "{label}: {q}");
            assert_eq!(text(&with.stderr), text(&without.stderr), "{label}: {q}");
            assert_eq!(with.status.code(), without.status.code(), "{label}: {q}");
            traces.push(trace);
        }
        traces.swap_remove(0)
    };
    assert!(read_the_files(&same_as_without("no index")));
    let built = podium(cache.path(), &["index", dir]);
    assert_eq!(built.status.code(), Some(0), "{}", text(&built.stdout));
    let trace = same_as_without("indexed");
    let read = read_back(&trace).unwrap_or_else(|| panic!("{trace}"));
    assert!(read <= 8 && read > 0, "only the reports ranked and printed are read back: {trace}");

    type Change<'a> = Box<dyn Fn() + 'a>;
    let games = lib.path().join("igf2015-children-online-games.yaml");
    let changes: [(&str, Change); 7] = [
        (
            "changed",
            Box::new(|| {
                let t = std::fs::read_to_string(&games).unwrap().replace("chat window", "chat box for parents");
                std::fs::write(&games, t).unwrap();
            }),
        ),
        (
            "added",
            Box::new(|| {
                let t = std::fs::read_to_string(&games).unwrap().replace("id: ", "id: copy-");
                std::fs::write(lib.path().join("zz-copy.yaml"), t).unwrap();
            }),
        ),
        (
            "renamed",
            Box::new(|| std::fs::rename(lib.path().join("zz-copy.yaml"), lib.path().join("aa-copy.yaml")).unwrap()),
        ),
        ("removed", Box::new(|| std::fs::remove_file(lib.path().join("aa-copy.yaml")).unwrap())),
        // The same bytes written again: the reports are the same, the stamps are not.
        ("rewritten", Box::new(|| std::fs::write(&games, std::fs::read(&games).unwrap()).unwrap())),
        // A file that breaks, and one whose report takes an id already taken:
        // which report keeps it depends on every file, so all are read.
        ("broken", Box::new(|| std::fs::write(lib.path().join("broken.yaml"), "id: [unclosed\n").unwrap())),
        ("clash", Box::new(|| std::fs::copy(&games, lib.path().join("zz-clash.yaml")).map(drop).unwrap())),
    ];
    for (label, change) in changes {
        change();
        let trace = same_as_without(label);
        if label == "clash" {
            assert!(read_the_files(&trace), "{label}: {trace}");
        } else {
            assert!(spliced(&trace), "{label}: {trace}");
        }
        let again = podium(cache.path(), &["index", dir]);
        assert_eq!(again.status.code(), Some(0), "{label}: {}", text(&again.stdout));
        let trace = same_as_without(label);
        assert!(read_back(&trace).is_some(), "{label}: {trace}");
    }
}

#[test]
fn a_library_with_problems_says_them_from_the_store_too() {
    let cache = tempfile::tempdir().unwrap();
    let lib = library_copy();
    std::fs::write(lib.path().join("broken.yaml"), "id: [unclosed\n").unwrap();
    let dir = lib.path().to_str().unwrap();
    podium(cache.path(), &["index", dir]);
    let (with, trace) = traced_search(cache.path(), dir, "saopaulo");
    assert!(read_back(&trace).is_some(), "{trace}");
    let without = podium(cache.path(), &["search", "saopaulo", dir, "--limit", "8", "--no-cache"]);
    assert!(text(&without.stderr).contains("broken.yaml"), "{}", text(&without.stderr));
    assert_eq!(text(&with.stderr), text(&without.stderr));
    assert_eq!(text(&with.stdout), text(&without.stdout));
}

/// Polls `done` for up to a minute (a background build on a busy machine).
fn eventually(what: &str, done: impl Fn() -> bool) {
    let start = std::time::Instant::now();
    while !done() {
        assert!(start.elapsed() < std::time::Duration::from_secs(60), "never: {what}");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

#[test]
fn a_search_that_read_files_has_the_stored_index_built_again_in_the_background() {
    let cache = tempfile::tempdir().unwrap();
    let lib = library_copy();
    let dir = lib.path().to_str().unwrap();
    let up_to_date = || podium(cache.path(), &["index", dir, "--check"]).status.code() == Some(0);
    // Turned off: nothing is built.
    let (out, trace) = traced_search_with(cache.path(), dir, "games", "0");
    assert!(read_the_files(&trace), "{trace}");
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert!(!up_to_date(), "no build when PODIUM_BACKGROUND_INDEX=0");
    // A small library is read whole as fast as a search: by default, not built either.
    let (_, trace) = traced_search_with(cache.path(), dir, "games", "");
    assert!(read_the_files(&trace), "{trace}");
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert!(!up_to_date(), "no build for a library this small by default");

    // Forced: the search answers as before, and a build follows.
    let (again, trace) = traced_search_with(cache.path(), dir, "games", "always");
    assert!(read_the_files(&trace), "{trace}");
    assert_eq!(text(&again.stdout), text(&out.stdout));
    eventually("the stored index is built", up_to_date);
    let (from_store, trace) = traced_search_with(cache.path(), dir, "games", "always");
    assert!(read_back(&trace).is_some() && !spliced(&trace), "{trace}");
    assert_eq!(text(&from_store.stdout), text(&out.stdout));

    // A changed file is spliced in by the next search, and built in after it.
    let games = lib.path().join("igf2015-children-online-games.yaml");
    let t = std::fs::read_to_string(&games).unwrap().replace("chat window", "chat box for parents");
    std::fs::write(&games, t).unwrap();
    let (changed, trace) = traced_search_with(cache.path(), dir, "'chat box", "always");
    assert!(spliced(&trace), "{trace}");
    eventually("the change is built in", up_to_date);
    let (built_in, trace) = traced_search_with(cache.path(), dir, "'chat box", "always");
    assert!(read_back(&trace).is_some() && !spliced(&trace), "{trace}");
    assert_eq!(text(&built_in.stdout), text(&changed.stdout));
    assert!(text(&built_in.stdout).contains("chat box for parents"), "{}", text(&built_in.stdout));
}

#[test]
fn a_background_build_is_not_started_while_one_of_the_same_index_runs() {
    let cache = tempfile::tempdir().unwrap();
    let lib = library_copy();
    let dir = lib.path().to_str().unwrap();
    let index = store::path_for_inputs(&cache.path().join("podium"), &[Input::Path(dir.into())]).unwrap();
    // Held as a running build holds it: an advisory lock beside the index.
    let mut name = index.file_name().unwrap().to_os_string();
    name.push(".lock");
    std::fs::create_dir_all(index.parent().unwrap()).unwrap();
    let lock = std::fs::File::create(index.with_file_name(name)).unwrap();
    assert_eq!(unsafe { libc::flock(std::os::unix::io::AsRawFd::as_raw_fd(&lock), libc::LOCK_EX) }, 0);
    let (_, trace) = traced_search_with(cache.path(), dir, "games", "always");
    assert!(read_the_files(&trace), "{trace}");
    let started = Command::new(env!("CARGO_BIN_EXE_podium"))
        .args(["index", "--background", dir])
        .env("XDG_CACHE_HOME", cache.path())
        .env("XDG_CONFIG_HOME", "/nonexistent-podium-config")
        .output()
        .unwrap();
    assert_eq!(started.status.code(), Some(0));
    assert!(started.stdout.is_empty(), "it leaves at once: {}", text(&started.stdout));
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert!(!index.exists(), "nothing built while the lock is held");
    drop(lock);
    let built = podium(cache.path(), &["index", dir, "--background"]);
    assert_eq!(built.status.code(), Some(0), "{}", text(&built.stdout));
    assert!(index.exists(), "built once the lock is free");
}
