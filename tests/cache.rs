//! The parse cache: the same library from the cache as from the files; a
//! changed file is parsed again; a broken or foreign entry is only a miss.

use podium::load::{Input, Library, LoadOptions, load};
use std::path::Path;

fn with_cache(dir: &Path) -> LoadOptions {
    LoadOptions { cache: Some(Box::leak(dir.to_path_buf().into_boxed_path())), ..Default::default() }
}

/// The cache's entries (not its prune stamp), sorted.
fn entries(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "bin"))
        .collect();
    v.sort();
    v
}

fn summary(lib: &Library) -> Vec<String> {
    let mut out: Vec<String> =
        lib.reports.iter().map(|r| format!("{}|{}|{}", r.id, r.title, r.origin.path.display())).collect();
    out.extend(lib.problems.iter().map(ToString::to_string));
    out
}

#[test]
fn a_cached_library_is_the_library() {
    let files = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let seed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/content/igf2015-child-online-protection.yaml"))
            .unwrap();
    std::fs::write(files.path().join("seed.yaml"), &seed).unwrap();
    std::fs::write(
        files.path().join("two.yaml"),
        "title: Two\ndate: 2020-01-01\n---\ntitle: Three\ndate: 2020-01-02\n",
    )
    .unwrap();
    std::fs::write(files.path().join("bad.yaml"), "title: Bad\ndate: 2020-13-01\nspeakerz: []\n").unwrap();
    let inputs = [Input::Path(files.path().to_path_buf())];
    let opts = with_cache(cache.path());

    let plain = load(&inputs, &LoadOptions::default());
    let first = load(&inputs, &opts);
    assert_eq!(entries(cache.path()).len(), 3, "one entry per file");
    let second = load(&inputs, &opts);
    assert_eq!(summary(&first), summary(&plain));
    assert_eq!(summary(&second), summary(&plain), "from the cache");
    assert_eq!(second.reports, plain.reports, "every field");
    assert_eq!(second.bytes, plain.bytes);

    // A changed file is read again (same size, new content).
    std::fs::write(
        files.path().join("two.yaml"),
        "title: Owt\ndate: 2020-01-01\n---\ntitle: Eerht\ndate: 2020-01-02\n",
    )
    .unwrap();
    let third = load(&inputs, &opts);
    assert!(third.reports.iter().any(|r| r.title == "Owt") && !third.reports.iter().any(|r| r.title == "Two"));

    // The same file by another path: the reports name the path as given.
    let other = files.path().join(".").join("seed.yaml");
    let by_other = load(&[Input::Path(other.clone())], &opts);
    assert_eq!(by_other.reports[0].origin.path, other);
    assert_eq!(by_other.reports, load(&[Input::Path(other)], &LoadOptions::default()).reports);
}

#[test]
fn broken_entries_are_misses() {
    let files = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    std::fs::write(files.path().join("a.yaml"), "title: A\ndate: 2020-01-01\n").unwrap();
    let inputs = [Input::Path(files.path().to_path_buf())];
    let opts = with_cache(cache.path());
    let expected = summary(&load(&inputs, &LoadOptions::default()));
    load(&inputs, &opts);
    let entry = entries(cache.path()).remove(0);
    let bytes = std::fs::read(&entry).unwrap();
    for broken in
        [Vec::new(), bytes[..bytes.len() / 2].to_vec(), vec![0xff; 1000], bytes.iter().map(|b| b ^ 0x5a).collect()]
    {
        std::fs::write(&entry, &broken).unwrap();
        assert_eq!(summary(&load(&inputs, &opts)), expected);
    }
    // An entry for another file under this file's name is not used.
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(elsewhere.path().join("b.yaml"), "title: B\ndate: 2020-01-01\n").unwrap();
    let b = [Input::Path(elsewhere.path().join("b.yaml"))];
    load(&b, &opts);
    let b_entry = entries(cache.path()).into_iter().find(|p| *p != entry).unwrap();
    std::fs::copy(&b_entry, &entry).unwrap();
    assert_eq!(summary(&load(&inputs, &opts)), expected);
}

#[test]
fn the_cache_lives_under_xdg_cache_home() {
    let d = |xdg: Option<&str>, home: Option<&str>| {
        podium::load::cache::default_dir(xdg.map(AsRef::as_ref), home.map(AsRef::as_ref))
            .map(|p| p.display().to_string())
    };
    assert_eq!(d(Some("/c"), Some("/h")).as_deref(), Some("/c/podium"));
    assert_eq!(d(None, Some("/h")).as_deref(), Some("/h/.cache/podium"));
    assert_eq!(d(Some("rel"), Some("/h")).as_deref(), Some("/h/.cache/podium"));
    assert_eq!(d(None, None), None);
}

#[test]
fn a_folder_others_can_write_to_is_not_used() {
    use std::os::unix::fs::PermissionsExt;
    let files = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let a = files.path().join("a.yaml");
    std::fs::write(&a, "title: A\ndate: 2020-01-01\n").unwrap();
    let inputs = [Input::Path(files.path().to_path_buf())];
    let opts = with_cache(cache.path());
    load(&inputs, &opts);
    let entry = entries(cache.path()).remove(0);
    let written = std::fs::read(&entry).unwrap();
    // Group- or world-writable: someone else could plant entries, which skip
    // the loader's sanitising; such a folder is neither read nor written.
    std::fs::set_permissions(cache.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    std::fs::write(&a, "title: C\ndate: 2020-01-01\n").unwrap();
    let lib = load(&inputs, &opts);
    assert_eq!(lib.reports[0].title, "C");
    assert_eq!(std::fs::read(&entry).unwrap(), written, "not written");
    // A new cache folder is made private.
    let fresh = cache.path().join("new");
    load(&inputs, &with_cache(&fresh));
    assert_eq!(std::fs::metadata(&fresh).unwrap().permissions().mode() & 0o777, 0o700);
    assert_eq!(entries(&fresh).len(), 1);
}

#[test]
fn entries_unused_for_long_are_pruned_once_a_day() {
    use podium::load::cache::prune;
    use std::time::{Duration, SystemTime};
    let files = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    for name in ["a", "b"] {
        std::fs::write(files.path().join(format!("{name}.yaml")), format!("title: {name}\ndate: 2020-01-01\n"))
            .unwrap();
    }
    let opts = with_cache(cache.path());
    load(&[Input::Path(files.path().to_path_buf())], &opts);
    let entries = || entries(cache.path());
    assert_eq!(entries().len(), 2);
    let set_age = |p: &Path, days: u64| {
        let f = std::fs::File::options().write(true).open(p).unwrap();
        f.set_modified(SystemTime::now() - Duration::from_secs(days * 24 * 3600)).unwrap();
    };
    // Both entries unused for 90 days; then a.yaml is read again, which marks its entry used.
    for e in entries() {
        set_age(&e, 90);
    }
    set_age(&cache.path().join("pruned"), 2);
    load(&[Input::Path(files.path().join("a.yaml"))], &opts);
    let left = entries();
    assert_eq!(left.len(), 1, "b's entry pruned");
    // The survivor is a.yaml's: loading it again writes no new entry.
    load(&[Input::Path(files.path().join("a.yaml"))], &opts);
    assert_eq!(entries(), left);
    // Pruned at most once a day.
    set_age(&left[0], 90);
    prune(cache.path(), podium::load::cache::MAX_UNUSED);
    assert_eq!(entries(), left, "the stamp is fresh");
}

#[test]
fn another_name_or_a_lower_size_limit_is_not_served_from_the_cache() {
    let files = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let b = files.path().join("b.yaml");
    std::fs::write(&b, "title: B\ndate: 2020-01-01\n").unwrap();
    let a = files.path().join("a.yaml");
    std::os::unix::fs::symlink(&b, &a).unwrap();
    let opts = with_cache(cache.path());
    // The default id comes from the name the file is reached by.
    assert_eq!(load(&[Input::Path(b.clone())], &opts).reports[0].id, "b");
    assert_eq!(load(&[Input::Path(a.clone())], &opts).reports[0].id, "a");
    assert_eq!(load(&[Input::Path(b.clone())], &opts).reports[0].id, "b");
    // A limit the file now exceeds refuses it, cached or not.
    let small = LoadOptions { max_file_size: 10, ..opts };
    let lib = load(&[Input::Path(b)], &small);
    assert!(lib.reports.is_empty() && lib.problems[0].to_string().contains("limit"), "{:?}", lib.problems);
}
