//! The index kept on disk (issue 18, first part): `podium index` builds and
//! checks it, `podium search` answers from it, and a stored index that is
//! damaged, torn or for other reports is never used: the answers stay those
//! of a search without it.

use podium::load::{Input, LoadOptions, load};
use podium::search::index::store::{self, StoreError};
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
    let key = store::library_key(&lib.reports, "test");
    let stored = Arc::new(Index::from_bytes(&built.to_bytes(key), key, &lib.reports).unwrap());
    let mut searcher = Searcher::new(Arc::clone(&stored));
    let opts = Options { limit: 20, ..Options::default() };
    for q in queries() {
        let query = Query::parse(&q);
        let from_store = searcher.search(&lib.reports, &query, &opts);
        let (items, scanned) = scan::search_once(&lib.reports, &query, &opts);
        assert_eq!(items, stored.items, "{q}");
        assert_eq!(from_store.hits, scanned.hits, "{q}");
    }
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
    // Smaller than the library's files, by far.
    let library_bytes: u64 = std::fs::read_dir(lib.path()).unwrap().map(|e| e.unwrap().metadata().unwrap().len()).sum();
    let index_bytes = std::fs::metadata(&path).unwrap().len();
    assert!(index_bytes * 2 < library_bytes, "{index_bytes} of {library_bytes}");

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
    store::save(&path, key, &index).unwrap();
    // What a killed save leaves: a temporary file beside the index, never the
    // index itself half written.
    std::fs::write(path.with_file_name(".tmpXYZ"), &index.to_bytes(key)[..100]).unwrap();
    assert!(store::load(&path, key, &lib.reports).is_ok());
    std::fs::remove_file(&path).unwrap();
    assert_eq!(store::load(&path, key, &lib.reports).err(), Some(StoreError::Missing));
}
