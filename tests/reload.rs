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
