//! Reloading one file of a library: changed, added, removed, broken while
//! being edited and then fixed.

use podium::load::{Input, LoadOptions, load, reload_file};
use std::path::Path;

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

fn titles(lib: &podium::load::Library) -> Vec<String> {
    lib.reports.iter().map(|r| format!("{}={}", r.id, r.title)).collect()
}

#[test]
fn change_add_remove_break_and_fix() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let opts = LoadOptions::default();
    write(d, "a.yaml", "title: A\ndate: 2020-01-01\n");
    write(d, "b.yaml", "title: B\ndate: 2020-01-02\n");
    let lib = load(&[Input::Path(d.to_path_buf())], &opts);
    assert_eq!(titles(&lib), vec!["a=A", "b=B"]);

    // Changed.
    write(d, "a.yaml", "title: A changed\ndate: 2020-01-03\n");
    let a = d.join("a.yaml");
    let lib = lib.with_file(&a, reload_file(&a, &opts));
    assert_eq!(titles(&lib), vec!["b=B", "a=A changed"], "re-sorted by date");

    // Added.
    write(d, "c.yaml", "title: C\ndate: 2019-12-31\n");
    let c = d.join("c.yaml");
    let lib = lib.with_file(&c, reload_file(&c, &opts));
    assert_eq!(titles(&lib), vec!["c=C", "b=B", "a=A changed"]);
    assert_eq!(lib.files, 3);

    // Broken while being edited: the last good version stays, with the problem.
    write(d, "a.yaml", "title: A half-typed\ndate: 2020-01-\n");
    let lib = lib.with_file(&a, reload_file(&a, &opts));
    assert_eq!(titles(&lib), vec!["c=C", "b=B", "a=A changed"]);
    assert_eq!(lib.problems.len(), 1);
    assert!(lib.problems[0].to_string().contains("a.yaml:2:7: error: date: invalid date"), "{}", lib.problems[0]);

    // Fixed: the problem goes away.
    write(d, "a.yaml", "title: A fixed\ndate: 2020-01-04\n");
    let lib = lib.with_file(&a, reload_file(&a, &opts));
    assert_eq!(titles(&lib), vec!["c=C", "b=B", "a=A fixed"]);
    assert!(lib.problems.is_empty());

    // Removed.
    std::fs::remove_file(&c).unwrap();
    let lib = lib.with_file(&c, reload_file(&c, &opts));
    assert_eq!(titles(&lib), vec!["b=B", "a=A fixed"]);
    assert_eq!(lib.files, 2);

    // A new file taking an id already used: reported, the first keeps it.
    write(d, "d.yaml", "id: b\ntitle: Impostor\ndate: 2020-01-05\n");
    let dd = d.join("d.yaml");
    let lib = lib.with_file(&dd, reload_file(&dd, &opts));
    assert_eq!(titles(&lib), vec!["b=B", "a=A fixed"]);
    assert!(lib.problems.iter().any(|p| p.to_string().contains("duplicate report id `b`")));
}

#[test]
fn partial_libraries_while_loading_are_prefixes_of_the_whole() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..300 {
        write(dir.path(), &format!("r{i:03}.yaml"), &format!("title: R{i}\ndate: 2020-01-{:02}\n", 1 + i % 28));
    }
    write(dir.path(), "zz-broken.yaml", "title: [\n");
    let inputs = [Input::Path(dir.path().to_path_buf())];
    let opts = LoadOptions::default();
    let mut partials = Vec::new();
    let every = Some(std::time::Duration::ZERO);
    let whole = podium::load::load_in_steps(&inputs, &opts, every, |_, _| {}, |lib| partials.push(lib));
    assert_eq!(titles(&whole), titles(&load(&inputs, &opts)), "the same library as a plain load");
    assert!(!whole.problems.is_empty() && whole.problems.iter().all(|p| p.path.ends_with("zz-broken.yaml")));
    assert!(!partials.is_empty(), "reports arrive before the end");
    let mut last = 0;
    for p in &partials {
        assert!(p.reports.len() > last && p.reports.len() < whole.reports.len(), "each partial grows");
        last = p.reports.len();
        assert!(p.reports.iter().all(|r| whole.report(&r.id).is_some_and(|w| w.title == r.title)));
        assert_eq!(p.files, p.reports.len(), "one report per file read");
    }
    // None: no partial libraries at all (the command line's load).
    let mut none = 0;
    podium::load::load_in_steps(&inputs, &opts, None, |_, _| {}, |_| none += 1);
    assert_eq!(none, 0);
}

fn report(i: usize, version: &str) -> String {
    format!("title: R{i} {version}\ndate: 2020-01-{:02}\nspeakers:\n  - name: Person {i}\n", 1 + i % 28)
}

/// A `git checkout` or a folder copied in: thousands of changes applied as
/// one batch give the library a fresh load gives.
#[test]
fn a_storm_of_changes_is_one_batch_equal_to_a_fresh_load() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let opts = LoadOptions::default();
    for i in 0..300 {
        write(d, &format!("r{i:04}.yaml"), &report(i, "old"));
    }
    let inputs = [Input::Path(d.to_path_buf())];
    let lib = load(&inputs, &opts);
    assert_eq!(lib.reports.len(), 300);
    // Every file edited, 500 added, 50 removed, one broken.
    let mut changes = Vec::new();
    for i in 0..800 {
        let path = d.join(format!("r{i:04}.yaml"));
        if (100..150).contains(&i) {
            std::fs::remove_file(&path).unwrap();
        } else {
            std::fs::write(&path, report(i, "new")).unwrap();
        }
        changes.push((path.clone(), reload_file(&path, &opts)));
    }
    write(d, "r0200.yaml", "title: [\n");
    let broken = d.join("r0200.yaml");
    changes.push((broken.clone(), reload_file(&broken, &opts)));
    let batch = lib.with_files(changes);
    let fresh = load(&inputs, &opts);
    // The broken file keeps its last good version; otherwise the same.
    let expected: Vec<String> = titles(&fresh).into_iter().collect();
    let mut got = titles(&batch);
    assert!(got.iter().any(|t| t == "r0200=R200 new"), "last good version kept");
    got.retain(|t| t != "r0200=R200 new");
    assert_eq!(got, expected);
    assert_eq!(batch.files, fresh.files);
    assert_eq!(batch.problems, fresh.problems);
}

/// A folder moved within the library: its old path is gone with everything
/// under it, its new path walked; no report stays listed from the old one.
#[test]
fn a_moved_folder_leaves_no_report_at_its_old_path() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let opts = LoadOptions::default();
    std::fs::create_dir_all(d.join("2015/day1")).unwrap();
    write(d, "top.yaml", &report(0, "top"));
    for i in 1..=20 {
        write(&d.join("2015/day1"), &format!("s{i}.yaml"), &report(i, "day1"));
    }
    write(&d.join("2015/day1"), "broken.yaml", "title: [\n");
    let inputs = [Input::Path(d.to_path_buf())];
    let lib = load(&inputs, &opts);
    assert_eq!(lib.reports.len(), 21);
    assert!(!lib.problems.is_empty());

    std::fs::rename(d.join("2015"), d.join("2016")).unwrap();
    write(&d.join("2016/day1"), "s1.yaml", &report(1, "edited"));
    let mut changes = vec![(d.join("2015"), None)];
    for f in walkdir::WalkDir::new(d.join("2016")).sort_by_file_name() {
        let f = f.unwrap();
        if f.file_type().is_file() {
            changes.push((f.path().to_path_buf(), reload_file(f.path(), &opts)));
        }
    }
    let moved = lib.with_files(changes);
    let fresh = load(&inputs, &opts);
    assert_eq!(titles(&moved), titles(&fresh));
    assert!(moved.reports.iter().all(|r| r.origin.path.exists()), "no report from a vanished path");
    assert!(moved.problems.iter().all(|p| p.path.exists()), "{:?}", moved.problems);
    assert_eq!((moved.files, &moved.problems), (fresh.files, &fresh.problems));

    // The whole root gone: nothing is left.
    let gone = moved.with_files(vec![(d.to_path_buf(), None)]);
    assert_eq!((gone.reports.len(), gone.problems.len(), gone.files), (0, 0, 0));
}
