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

    // Stored search indexes too: an old one, and what a killed write left
    // behind after an hour; a recent index and anything else stay.
    let index = cache.path().join("index");
    std::fs::create_dir_all(&index).unwrap();
    for name in ["old.idx", "new.idx", ".tmpAbc", ".tmpNew", "notes.txt"] {
        std::fs::write(index.join(name), b"x").unwrap();
    }
    set_age(&index.join("old.idx"), 90);
    set_age(&index.join(".tmpAbc"), 1);
    set_age(&index.join("notes.txt"), 90);
    set_age(&cache.path().join("pruned"), 2);
    prune(cache.path(), podium::load::cache::MAX_UNUSED);
    let mut kept: Vec<String> =
        std::fs::read_dir(&index).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    kept.sort();
    assert_eq!(kept, [".tmpNew", "new.idx", "notes.txt"]);
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

// Damaged and tampered entries (issue 13): a flipped bit is caught by the checksum, and an entry
// rewritten with a valid checksum by someone who can write the cache is re-checked like a file.

/// A report with a marker in each kind of text, and a file whose only outcome is a problem.
const TAMPER: &str = "title: quimier XXXX\nid: tamper\ndate: 2021-03-15\nstart: \"14:00\"\nend: \"15:00\"\n\
speakers:\n  - id: sam\n    name: Sam WWWW\n    points: [a point QQQQ]\n\
quotes:\n  - speaker: sam\n    text: the quote YYYY\n    context: context ZZZZ\n";
const BROKEN: &str = "title: Bad\ndate: 2020-01-01\nspeakerz: []\n";

/// A library of three files (the seed report, `tamper.yaml`, `broken.yaml`), made over a second
/// ago: entries written less than a second after their file changed are never used, and these
/// tests need hits.
fn old_library() -> tempfile::TempDir {
    let files = tempfile::tempdir().unwrap();
    let seed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/content/igf2015-child-online-protection.yaml"))
            .unwrap();
    std::fs::write(files.path().join("seed.yaml"), seed).unwrap();
    std::fs::write(files.path().join("tamper.yaml"), TAMPER).unwrap();
    std::fs::write(files.path().join("broken.yaml"), BROKEN).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    files
}

/// Caches `file` and returns its entry.
fn cached(file: &Path, opts: &LoadOptions, cache: &Path) -> std::path::PathBuf {
    let before = entries(cache);
    load(&[Input::Path(file.to_path_buf())], opts);
    let mut new: Vec<_> = entries(cache).into_iter().filter(|e| !before.contains(e)).collect();
    assert_eq!(new.len(), 1, "one entry for {}", file.display());
    new.remove(0)
}

/// Loads `file`, telling whether `entry` served it: a hit marks the entry used (its time)
/// without writing it, a miss writes a new one.
fn load_telling_hit(file: &Path, opts: &LoadOptions, entry: &Path) -> (Library, bool) {
    use std::time::{Duration, SystemTime};
    let before = std::fs::read(entry).unwrap();
    let old = SystemTime::now() - Duration::from_secs(10 * 24 * 3600);
    std::fs::File::options().write(true).open(entry).unwrap().set_modified(old).unwrap();
    let lib = load(&[Input::Path(file.to_path_buf())], opts);
    let touched = std::fs::metadata(entry).unwrap().modified().unwrap() > old + Duration::from_secs(3600);
    (lib, touched && std::fs::read(entry).unwrap() == before)
}

fn assert_same(lib: &Library, plain: &Library, what: &str) {
    assert_eq!(lib.reports, plain.reports, "{what}");
    assert_eq!(lib.problems, plain.problems, "{what}");
    assert_eq!((lib.files, lib.bytes), (plain.files, plain.bytes), "{what}");
}

#[test]
fn a_damaged_entry_is_a_miss_and_is_rewritten() {
    let files = old_library();
    let cache = tempfile::tempdir().unwrap();
    let opts = with_cache(cache.path());
    for name in ["seed.yaml", "tamper.yaml", "broken.yaml"] {
        let file = files.path().join(name);
        let plain = load(&[Input::Path(file.clone())], &LoadOptions::default());
        let entry = cached(&file, &opts, cache.path());
        let (lib, hit) = load_telling_hit(&file, &opts, &entry);
        assert!(hit, "{name}: an intact entry is used");
        assert_same(&lib, &plain, name);
        let len = std::fs::read(&entry).unwrap().len();
        // Every byte of the start (the header) and the end (the checksum), and a few hundred between.
        let mut positions: Vec<usize> = (0..len.min(48)).chain(len.saturating_sub(24)..len).collect();
        positions.extend((0..len).step_by((len / 300).max(1)));
        for (k, &at) in positions.iter().enumerate() {
            // The entry as last written (its write time changes, not its length).
            let mut damaged = std::fs::read(&entry).unwrap();
            assert_eq!(damaged.len(), len);
            if k % 2 == 0 {
                damaged[at] ^= 1 << (k / 2 % 8);
            } else {
                damaged[at] = damaged[at].wrapping_add((k % 255) as u8 + 1);
            }
            std::fs::write(&entry, &damaged).unwrap();
            let what = format!("{name}: byte {at} of {len} changed");
            assert_same(&load(&[Input::Path(file.clone())], &opts), &plain, &what);
            assert_ne!(std::fs::read(&entry).unwrap(), damaged, "{what}: the entry is rewritten");
        }
        let (lib, hit) = load_telling_hit(&file, &opts, &entry);
        assert!(hit, "{name}: the rewritten entry is used");
        assert_same(&lib, &plain, name);
    }
}

/// The entry's layout, as an attacker who can write the cache knows it: a magic with the format
/// version, the MessagePack entry, then the xxh3-64 of all before it, little-endian. Entries of
/// another layout (before the checksum) are left as they are.
fn reseal(entry: &mut [u8]) {
    if entry.starts_with(b"podium-cache\0") && entry.len() >= 8 {
        let body = entry.len() - 8;
        let sum = xxhash_rust::xxh3::xxh3_64(&entry[..body]);
        entry[body..].copy_from_slice(&sum.to_le_bytes());
    }
}

/// `entry` with the `nth` occurrence of `from` (counted from the end if `nth` is negative)
/// replaced by `to`, of the same length, and a valid checksum.
fn tampered(entry: &[u8], from: &str, to: &str, nth: isize) -> Vec<u8> {
    assert_eq!(from.len(), to.len());
    let at: Vec<usize> =
        entry.windows(from.len()).enumerate().filter(|(_, w)| *w == from.as_bytes()).map(|(i, _)| i).collect();
    let i = if nth < 0 { at[at.len() - nth.unsigned_abs()] } else { at[nth as usize] };
    let mut out = entry.to_vec();
    out[i..i + to.len()].copy_from_slice(to.as_bytes());
    reseal(&mut out);
    out
}

#[test]
fn text_from_the_cache_is_checked_like_text_from_a_file() {
    let files = old_library();
    let cache = tempfile::tempdir().unwrap();
    let opts = with_cache(cache.path());
    let tamper = files.path().join("tamper.yaml");
    let broken = files.path().join("broken.yaml");
    // The checksum is recomputed right: a harmless edit is served (as from any cache writer).
    let entry = cached(&tamper, &opts, cache.path());
    std::fs::write(&entry, tampered(&std::fs::read(&entry).unwrap(), "XXXX", "XXXY", 0)).unwrap();
    let (lib, hit) = load_telling_hit(&tamper, &opts, &entry);
    assert!(hit && lib.reports[0].title == "quimier XXXY", "{:?}", lib.reports);
    std::fs::remove_file(&entry).unwrap();

    let cases: &[(&Path, &str, &str, isize)] = &[
        (&tamper, "XXXX", "\x1b[2J", 0),
        (&tamper, "WWWW", "\x07WWW", 0),
        (&tamper, "QQQQ", "\u{202E}Q", 0),
        (&tamper, "YYYY", "\u{9b}YY", 0),
        (&tamper, "ZZZZ", "Z\tZZ", 0),
        (&tamper, "2021-03-15", "\u{12}021-03-15", 0),
        (&tamper, "2021-03-15", "2021-13-15", 0),
        (&tamper, "14:00", "24:00", 0),
        (&tamper, "15:00", "15:60", 0),
        // The quote's speaker (after the speakers) names no speaker.
        (&tamper, "sam", "sax", -1),
        // The report's origin (after the entry's own record of the path) is another file.
        (&tamper, "tamper.yaml", "tamper.yamx", -1),
        (&broken, "speakerz", "\x1b[2Jkerz", 0),
        (&broken, "broken.yaml", "broken.yamx", -1),
    ];
    for &(file, from, to, nth) in cases {
        let plain = load(&[Input::Path(file.to_path_buf())], &LoadOptions::default());
        let entry = cached(file, &opts, cache.path());
        let bad = tampered(&std::fs::read(&entry).unwrap(), from, to, nth);
        std::fs::write(&entry, &bad).unwrap();
        let what = format!("{from:?} → {to:?}");
        assert_same(&load(&[Input::Path(file.to_path_buf())], &opts), &plain, &what);
        assert_ne!(std::fs::read(&entry).unwrap(), bad, "{what}: the entry is rewritten");
        let (lib, hit) = load_telling_hit(file, &opts, &entry);
        assert!(hit, "{what}: the rewritten entry is used");
        assert_same(&lib, &plain, &what);
        std::fs::remove_file(&entry).unwrap();
    }
}

/// `podium ARGS` in `dir` with the cache under `cache_home`.
fn podium(cache_home: &Path, dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_podium"))
        .args(args)
        .current_dir(dir)
        .env("XDG_CACHE_HOME", cache_home)
        .env_remove("PODIUM_CONTENT")
        .env("XDG_CONFIG_HOME", "/nonexistent-podium-config")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

#[test]
fn commands_print_what_the_files_say_whatever_the_cache_holds() {
    let files = old_library();
    let home = tempfile::tempdir().unwrap();
    let cache = home.path().join("podium");
    let commands: [&[&str]; 4] =
        [&["list", "."], &["show", "tamper", "."], &["search", "quote", "."], &["list", "--json", "."]];
    let uncached: Vec<_> = commands
        .iter()
        .map(|args| podium(home.path(), files.path(), &[*args, &["--no-cache"][..]].concat()).stdout)
        .collect();
    assert!(String::from_utf8_lossy(&uncached[0]).contains("quimier XXXX"));
    podium(home.path(), files.path(), &["list", "."]);
    let entry =
        entries(&cache).into_iter().find(|e| std::fs::read(e).unwrap().windows(4).any(|w| w == b"XXXX")).unwrap();
    let intact = std::fs::read(&entry).unwrap();
    // The tester's damage: one bit ("quimier" → "quimies"), and an escape sequence written with
    // a valid checksum.
    let mut flipped = intact.clone();
    let r = intact.windows(7).position(|w| w == b"quimier").unwrap() + 6;
    flipped[r] ^= 1;
    for bad in [flipped, tampered(&intact, "XXXX", "\x1b[2J", 0)] {
        for (args, want) in commands.iter().zip(&uncached) {
            std::fs::write(&entry, &bad).unwrap();
            let o = podium(home.path(), files.path(), args);
            assert!(!o.stdout.contains(&0x1b), "{args:?}: {}", String::from_utf8_lossy(&o.stdout));
            assert_eq!(String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(want), "{args:?}");
        }
    }
}
