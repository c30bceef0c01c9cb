//! Table-driven loader tests over the files in tests/fixtures/load, plus
//! generated hostile inputs too large to keep in the repository.

use podium::load::{Input, Library, LoadOptions, load};
use std::path::{Path, PathBuf};

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/load")
}

fn fixture(name: &str) -> PathBuf {
    fixture_dir().join(name)
}

fn load_fixtures(names: &[&str]) -> Library {
    let inputs: Vec<Input> = names.iter().map(|n| Input::Path(fixture(n))).collect();
    load(&inputs, &LoadOptions::default())
}

/// Problems with the fixture folder cut from the path, for readable tables.
fn problems(lib: &Library) -> Vec<String> {
    let dir = format!("{}/", fixture_dir().display());
    lib.problems.iter().map(|p| p.to_string().replace(&dir, "")).collect()
}

#[test]
fn each_check_reports_its_message_at_the_offending_node() {
    // (files, reports loaded, problems printed)
    let table: &[(&[&str], usize, &[&str])] = &[
        (&["valid-minimal.yaml"], 1, &[]),
        (&["missing-title.yaml"], 0, &["missing-title.yaml:2:1: error: missing required field `title`"]),
        (
            &["bad-date.yaml"],
            0,
            &[
                "bad-date.yaml:2:7: error: date: invalid date `2015-13-40`: expected a real calendar date written YYYY-MM-DD, e.g. 2015-11-10",
            ],
        ),
        (
            &["bad-time.yaml"],
            0,
            &[
                "bad-time.yaml:3:8: error: start: invalid time `9:30`: expected HH:MM on a 24-hour clock, e.g. 09:30 or 14:00",
            ],
        ),
        (&["end-before-start.yaml"], 0, &["end-before-start.yaml:4:6: error: end 13:00 is before start 14:00"]),
        (
            &["duplicate-speaker.yaml"],
            0,
            &[
                "duplicate-speaker.yaml:6:11: error: duplicate speaker id `john-carr`: speaker 1 of this report has it too",
            ],
        ),
        (
            &["unknown-speaker.yaml"],
            0,
            &[
                "unknown-speaker.yaml:11:14: error: quote speaker `barata` is neither the id nor the exact name of a speaker (ids: `carr`)",
            ],
        ),
        (&["empty-quote.yaml"], 0, &["empty-quote.yaml:7:11: error: quote `text` is empty"]),
        (
            &["unknown-key.yaml"],
            0,
            &["unknown-key.yaml:5:5: error: speakers[0]: unknown key `organisaton` (did you mean `organisation`?)"],
        ),
        (
            &["unknown-key-level.yaml"],
            0,
            &["unknown-key-level.yaml:3:1: error: unknown key `speaker` (did you mean `speakers`?)"],
        ),
        (
            &["every-problem.yaml"],
            0,
            &[
                "every-problem.yaml:4:15: error: speakers[0]: unknown key `orgnisation` (did you mean `organisation`?)",
                "every-problem.yaml:4:31: error: speakers[0]: unknown key `modertor` (did you mean `moderator`?)",
                "every-problem.yaml:6:5: error: quotes[0]: missing required field `speaker`",
                "every-problem.yaml:6:5: error: quotes[0]: missing required field `text`",
                "every-problem.yaml:6:6: error: quotes[0]: unknown key `speakr` (did you mean `speaker`?)",
                "every-problem.yaml:6:17: error: quotes[0]: unknown key `txt` (did you mean `text`?)",
                "every-problem.yaml:7:1: error: unknown key `titel` (did you mean `title`?)",
                "every-problem.yaml:8:1: error: unknown key `sumary` (did you mean `summary`?)",
                "every-problem.yaml:11:7: error: date: invalid date `2015-11-31`: expected a real calendar date written YYYY-MM-DD, e.g. 2015-11-10",
                "every-problem.yaml:12:11: error: speakers: invalid type: integer `5`, expected a sequence",
                "every-problem.yaml:13:7: error: tags: invalid type: map, expected a sequence",
            ],
        ),
        (
            &["control-character.yaml"],
            0,
            &[
                "control-character.yaml:4:10: error: control character U+001B in the file: YAML does not allow it (write \\e inside a double-quoted string)",
            ],
        ),
        (&["duplicate-key.yaml"], 0, &["duplicate-key.yaml:3:1: error: duplicate key `title`"]),
        (&["tabs.yaml"], 0, &["tabs.yaml:4:1: error: a tab cannot indent YAML: indent with spaces"]),
        (&["tab-in-text.yaml"], 1, &[]),
        (
            &["wrong-type.yaml"],
            0,
            &["wrong-type.yaml:3:11: error: speakers: invalid type: string \"John Carr\", expected a sequence"],
        ),
        (
            &["not-a-mapping.yaml"],
            0,
            &[
                "not-a-mapping.yaml:1:1: error: invalid type: sequence, expected a report: a mapping with at least `title` and `date`",
            ],
        ),
        (&["empty.yaml"], 0, &["empty.yaml: error: no report in this file (it is empty or only comments)"]),
        (
            &["invalid-utf8.yaml"],
            0,
            &["invalid-utf8.yaml:3:15: error: invalid UTF-8 at byte 42 (0xFF); podium reads UTF-8 only"],
        ),
        (
            &["utf16.yaml"],
            0,
            &[
                "utf16.yaml: error: file is UTF-16 (it starts with a UTF-16 byte-order mark); podium reads UTF-8 only: convert it with `iconv -f UTF-16 -t UTF-8`",
            ],
        ),
        (&["nul.yaml"], 0, &["nul.yaml:1:9: error: NUL byte in file: this looks like a binary file, not YAML"]),
        (
            &["multi.yaml"],
            3,
            &[
                "multi.yaml:12:7: error: date: invalid date `2015-11-99`: expected a real calendar date written YYYY-MM-DD, e.g. 2015-11-10",
            ],
        ),
        (
            &["duplicate-report-a.yaml", "duplicate-report-b.yaml"],
            1,
            &[
                "duplicate-report-b.yaml:2:5: error: duplicate report id `same`: duplicate-report-a.yaml:1:5 has it already; this one is skipped",
            ],
        ),
        (&["escapes.yaml", "bidi.yaml"], 2, &[]),
        // yaml-test-suite Y79Y/007 and Y79Y/009: a list or a mapping as a key, said in the file's terms.
        (
            &["y79y-007.yaml"],
            0,
            &[
                "y79y-007.yaml:1:3: error: unknown key: a key must be plain text, not a list",
                "y79y-007.yaml:2:2: error: a tab cannot indent YAML: indent with spaces",
            ],
        ),
        (
            &["y79y-009.yaml"],
            0,
            &[
                "y79y-009.yaml:1:3: error: unknown key: a key must be plain text, not a mapping",
                "y79y-009.yaml:2:2: error: a tab cannot indent YAML: indent with spaces",
            ],
        ),
        (
            &["key-is-a-list.yaml"],
            0,
            &[
                "key-is-a-list.yaml:5:7: error: speakers[0]: unknown key: a key must be plain text, not a list",
                "key-is-a-list.yaml:6:6: error: a tab cannot indent YAML: indent with spaces",
            ],
        ),
    ];
    let dir = format!("{}/", fixture_dir().display());
    for (files, reports, want) in table {
        let lib = load_fixtures(files);
        let want: Vec<String> = want.iter().map(|w| w.replace("DIR/", &dir)).collect();
        assert_eq!(problems(&lib), want, "problems of {files:?}");
        assert_eq!(lib.reports.len(), *reports, "reports of {files:?}");
    }
}

#[test]
fn one_bad_file_does_not_stop_the_others() {
    let lib = load(&[Input::Path(fixture_dir())], &LoadOptions::default());
    let ids: Vec<&str> = lib.reports.iter().map(|r| r.id.as_str()).collect();
    assert!(ids.contains(&"valid-minimal") && ids.contains(&"escapes") && ids.contains(&"multi-2"), "{ids:?}");
    assert!(lib.problems.len() >= 15, "every bad file reported: {:?}", problems(&lib));
    // Sorted walk: the same order every time.
    let again = load(&[Input::Path(fixture_dir())], &LoadOptions::default());
    assert_eq!(again.reports, lib.reports);
    assert_eq!(again.problems, lib.problems);
}

/// A million duplicate speakers printed a million errors (12 s, 764 MB); a
/// file's problems stop at 100 with a note, and so does the work.
#[test]
fn problems_stop_at_a_hundred_per_file() {
    let dir = tempfile::tempdir().unwrap();
    let table = [
        ("speakers.yaml", format!("title: t\ndate: 2015-11-10\nspeakers:\n{}", "  - name: a\n".repeat(5000))),
        ("documents.yaml", "---\ndate: 2015-11-10\n".repeat(5000)),
        (
            "keys.yaml",
            format!("title: t\ndate: 2015-11-10\n{}", (0..5000).map(|i| format!("k{i}: v\n")).collect::<String>()),
        ),
    ];
    for (name, text) in table {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let lib = load(&[Input::Path(path)], &LoadOptions::default());
        assert_eq!(lib.problems.len(), 101, "{name}");
        let last = lib.problems[100].to_string();
        assert!(last.contains("error: too many problems (over 100); the rest of this file is not checked"), "{last}");
        assert!(!lib.problems[99].message.contains("too many"), "{name}");
    }
}

/// serde_yaml holds a whole document's events in memory (600 MB for a million
/// speakers): a document of more than 100,000 entries is refused before it.
#[test]
fn a_document_of_a_million_entries_is_refused_before_the_parser() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.yaml");
    std::fs::write(&path, format!("title: t\ndate: 2015-11-10\nspeakers:\n{}", "  - name: a\n".repeat(1_000_000)))
        .unwrap();
    let lib = load(&[Input::Path(path)], &LoadOptions::default());
    let problems: Vec<String> = lib.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("huge.yaml:50002:1: error: more than 100000 keys and list items in one document"));
}

/// Issue 13: 25,010 speakers written `- {id: sN, name: "S N"}` were refused
/// as over the entry limit, when the same speakers in block style loaded.
#[test]
fn the_entry_limit_counts_flow_style_as_block_style() {
    let doc = |item: &dyn Fn(usize) -> String| {
        format!("title: t\ndate: 2015-11-10\nspeakers:\n{}", (0..25_010).map(item).collect::<String>())
    };
    let flow = doc(&|i| format!("  - {{id: s{i}, name: \"S {i}\"}}\n"));
    let block = doc(&|i| format!("  - id: s{i}\n    name: \"S {i}\"\n"));
    for text in [flow, block] {
        let out = podium::load::parse_file(Path::new("s.yaml"), "s", text.as_bytes());
        assert!(out.problems.is_empty(), "{:?}", out.problems.first());
        assert_eq!(out.reports[0].report.speakers.len(), 25_010);
    }
}

#[test]
fn multiple_documents_get_numbered_default_ids() {
    let lib = load_fixtures(&["multi.yaml"]);
    let ids: Vec<(&str, usize, usize)> =
        lib.reports.iter().map(|r| (r.id.as_str(), r.origin.document, r.origin.line)).collect();
    assert_eq!(ids, vec![("multi", 0, 1), ("multi-2", 1, 3), ("custom", 2, 6)]);
}

#[test]
fn tabs_in_text_become_spaces() {
    let lib = load_fixtures(&["tab-in-text.yaml"]);
    assert_eq!(lib.reports[0].title, "tab    here and    there");
}

/// Every string a report holds, gathered through its JSON form so no field is missed.
fn all_strings(lib: &Library) -> Vec<String> {
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
            serde_json::Value::Object(o) => o.iter().for_each(|(k, v)| {
                out.push(k.clone());
                walk(v, out)
            }),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(&serde_json::to_value(&lib.reports).unwrap(), &mut out);
    out
}

#[test]
fn escape_sequences_and_bidi_controls_never_survive_loading() {
    let lib = load_fixtures(&["escapes.yaml", "bidi.yaml"]);
    let strings = all_strings(&lib);
    let forbidden = |c: char| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}' | '\u{FEFF}' | '\u{2028}' | '\u{2029}')
    };
    for s in &strings {
        assert!(!s.chars().any(forbidden), "{s:?}");
    }
    let escapes = &lib.reports[0];
    assert_eq!(
        escapes.title,
        "Clipboard ␛]52;c;SGVsbG8=␇ title ␛]0;pwned␇ clear ␛[2J link ␛]8;;http://x␛\\ c1 \u{FFFD}31m"
    );
    assert_eq!(escapes.quotes[0].speaker, "mallory-esc-31m", "quote resolved by its (sanitised) exact name");
    assert_eq!(lib.reports[1].title, "invoice\u{FFFD}fdp.exe");
    assert_eq!(lib.reports[1].speakers[0].name, "Ca\u{FFFD}rr");
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn only_problem(lib: &Library) -> String {
    assert_eq!(lib.problems.len(), 1, "{:?}", lib.problems);
    assert!(lib.reports.is_empty());
    lib.problems[0].to_string()
}

#[test]
fn files_over_the_size_limit_are_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "big.yaml", &vec![b'a'; 2000]);
    let lib = load(&[Input::Path(path.clone())], &LoadOptions { max_file_size: 1000, ..Default::default() });
    let problem = only_problem(&lib);
    assert!(problem.ends_with("big.yaml: error: file is 2.0 KiB (at least), over the 1000 bytes limit for one report file; raise it with --max-file-size"), "{problem}");
    // Raising the limit lets the parser see it (and reject it as not a report).
    let lib = load(&[Input::Path(path)], &LoadOptions { max_file_size: 4000, ..Default::default() });
    assert!(only_problem(&lib).contains("expected a report"));
}

#[test]
fn a_50_mb_single_line_is_refused_by_the_default_limit() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "line.yaml", &vec![b'x'; 50 << 20]);
    let lib = load(&[Input::Path(path)], &LoadOptions::default());
    assert!(only_problem(&lib).contains("file is 50.0 MiB (at least), over the 16.0 MiB limit"));
}

/// The measured serde_yaml hazard: a 100 KB anchored scalar aliased 20,000 times.
#[test]
fn alias_bomb_is_stopped_by_the_text_budget() {
    let mut text = format!("title: bomb\ndate: 2015-11-10\nsummary: x\ntags:\n  - &a \"{}\"\n", "x".repeat(100_000));
    for _ in 0..20_000 {
        text.push_str("  - *a\n");
    }
    assert!(text.len() < 300_000, "the bomb is small: {}", text.len());
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "bomb.yaml", text.as_bytes());
    let lib = load(&[Input::Path(path)], &LoadOptions::default());
    let problem = only_problem(&lib);
    assert!(problem.contains("error: tags["), "{problem}");
    assert!(problem.contains("text budget of this file exceeded"), "{problem}");
}

#[test]
fn honest_aliases_are_fine() {
    let text = "title: &t Shared\ndate: 2015-11-10\nsummary: *t\ntags: [&x a, *x]\n";
    let lib = podium::load::parse_file(Path::new("a.yaml"), "a", text.as_bytes());
    assert!(lib.problems.is_empty(), "{:?}", lib.problems);
    assert_eq!(lib.reports[0].report.summary.as_deref(), Some("Shared"));
}

#[test]
fn deep_nesting_is_rejected_before_parsing() {
    for (name, text) in [
        ("flow.yaml", format!("title: deep\ndate: 2015-11-10\ntags: {}", "[".repeat(100_000))),
        ("top.yaml", "[".repeat(100_000)),
        ("block.yaml", format!("title: deep\ndate: 2015-11-10\ntags:\n{}x\n", "- ".repeat(100_000))),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), name, text.as_bytes());
        let lib = load(&[Input::Path(path)], &LoadOptions::default());
        let problem = only_problem(&lib);
        assert!(problem.contains("error: nesting deeper than 64 levels"), "{name}: {problem}");
    }
}

#[cfg(unix)]
#[test]
fn loops_fifos_and_unreadable_files_are_reported_not_fatal() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "good.yaml", b"title: Good\ndate: 2015-11-10\n");
    std::fs::create_dir(root.join("sub")).unwrap();
    symlink(root, root.join("sub/loop")).unwrap();
    let fifo = root.join("pipe.yaml");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let locked = write(root, "locked.yaml", b"title: Locked\ndate: 2015-11-10\n");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let running_as_root = std::fs::read(&locked).is_ok();

    let lib = load(&[Input::Path(root.to_path_buf())], &LoadOptions::default());
    let all = lib.problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n");
    assert!(lib.reports.iter().any(|r| r.title == "Good"), "{all}");
    assert!(all.contains("symbolic link loop"), "{all}");
    assert!(all.contains("pipe.yaml: error: not a regular file"), "{all}");
    if !running_as_root {
        assert!(all.contains("locked.yaml: error: permission denied"), "{all}");
    }
    // Named directly, a FIFO must not block.
    let lib = load(&[Input::Path(fifo)], &LoadOptions::default());
    assert!(only_problem(&lib).contains("not a regular file"));
}

#[test]
fn cross_field_problems_come_in_file_order_with_each_id_once() {
    let text = "title: t\ndate: 2015-11-10\nstart: '14:00'\nspeakers:\n  - {id: bob, name: Bob}\n  - {id: bob, name: Robert}\nquotes:\n  - {speaker: ann, text: hi}\nend: '13:00'\n";
    let out = podium::load::parse_file(std::path::Path::new("o.yaml"), "o", text.as_bytes());
    let problems: Vec<String> = out.problems.iter().map(|p| p.to_string()).collect();
    let lines: Vec<usize> = out.problems.iter().map(|p| p.pos.unwrap().line).collect();
    assert!(lines.windows(2).all(|w| w[0] <= w[1]), "in file order: {problems:#?}");
    assert_eq!(problems.len(), 3, "{problems:#?}");
    assert!(problems.iter().any(|p| p.contains("(ids: `bob`)")), "{problems:#?}");
}

#[test]
fn a_syntax_error_hides_no_other_document() {
    let text = "title: A\ndate: 2015-01-01\nfoo: 1\n---\ntitle: B\ndate: 2015-01-01\nlocation: [unclosed\n---\ntitle: C\ndate: 2015-01-01\nbar: 2\n---\ntitle: D\ndate: 2015-01-01\nspeakers:\n  - name: x\n   role: y\n---\ntitle: E\ndate: 2015-01-01\n";
    let out = podium::load::parse_file(std::path::Path::new("m.yaml"), "m", text.as_bytes());
    let problems: Vec<String> = out.problems.iter().map(|p| p.to_string()).collect();
    let ids: Vec<&str> = out.reports.iter().map(|r| r.report.id.as_str()).collect();
    assert_eq!(ids, ["m-5"], "{problems:#?}");
    for expected in [
        "m.yaml:3:1: error: unknown key `foo`",
        "m.yaml:8:1: error: did not find expected ',' or ']'",
        "m.yaml:11:1: error: unknown key `bar`",
        "m.yaml:17:4: error: did not find expected '-' indicator",
    ] {
        assert!(problems.iter().any(|p| p == expected), "{expected} in {problems:#?}");
    }
}
