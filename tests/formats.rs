//! `show --format`, `search --format` and `people --format` on the shipped
//! report, as a user runs them: stdout compared with reviewed snapshots (tests/snapshots/formats__*),
//! and no format lets a hostile file's escape sequences through.

use std::process::{Command, Output};

const SEED: &str = "content/igf2015-child-online-protection.yaml";

fn podium(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_podium"))
        .env("XDG_CACHE_HOME", std::env::temp_dir().join("podium-test-cache"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("PODIUM_CONTENT")
        .output()
        .expect("podium runs")
}

/// Stdout of a run that must succeed with nothing on stderr.
fn stdout_of(args: &[&str]) -> String {
    let o = podium(args);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!((o.status.code(), stderr.as_ref()), (Some(0), ""), "{args:?}");
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn show_markdown() {
    insta::assert_snapshot!(stdout_of(&["show", SEED, "--format", "markdown"]));
}

#[test]
fn show_json() {
    let out = stdout_of(&["show", SEED, "--format", "json"]);
    // `--json` is the same, and today's output.
    assert_eq!(stdout_of(&["show", SEED, "--json"]), out);
    insta::assert_snapshot!(out);
}

#[test]
fn search_markdown() {
    // Every kind of hit: reports, speakers and quotes.
    insta::assert_snapshot!(stdout_of(&["search", "civil society", SEED, "--format", "markdown"]));
}

#[test]
fn search_json() {
    let out = stdout_of(&["search", "civil society", SEED, "--format", "json"]);
    assert_eq!(stdout_of(&["search", "civil society", SEED, "--json"]), out);
    insta::assert_snapshot!(out);
}

#[test]
fn default_formats_are_text_and_tsv() {
    assert_eq!(stdout_of(&["show", SEED]), stdout_of(&["show", SEED, "--format", "text"]));
    let tsv = stdout_of(&["search", "civil society", SEED]);
    assert_eq!(stdout_of(&["search", "civil society", SEED, "--format", "tsv"]), tsv);
    assert!(tsv.lines().all(|l| l.split('\t').count() == 4), "{tsv}");
    assert_eq!(stdout_of(&["show", SEED, "--format", "md"]), stdout_of(&["show", SEED, "--format", "markdown"]));
}

#[test]
fn json_conflicts_with_format_and_no_hits_exit_1() {
    for args in [&["show", SEED, "--json", "--format", "text"][..], &["search", "x", SEED, "--json", "--format", "tsv"]]
    {
        let o = podium(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&o.stderr).contains("cannot be used with"), "{args:?}");
    }
    assert_eq!(podium(&["show", SEED, "--format", "yaml"]).status.code(), Some(2));
    for format in ["tsv", "json", "markdown"] {
        let o = podium(&["search", "xyzzyq", SEED, "--format", format]);
        assert_eq!(o.status.code(), Some(1), "{format}");
        let expected = if format == "json" { "[]\n" } else { "" };
        assert_eq!(String::from_utf8_lossy(&o.stdout), expected, "{format}");
    }
}

#[test]
fn no_format_carries_an_escape_sequence_from_a_file() {
    let mut runs: Vec<Vec<&str>> = Vec::new();
    for file in ["tests/fixtures/load/escapes.yaml", "tests/fixtures/load/bidi.yaml"] {
        for format in ["text", "markdown", "json"] {
            runs.push(vec!["show", file, "--format", format]);
        }
        for format in ["text", "markdown", "json"] {
            runs.push(vec!["people", file, "--format", format]);
            for person in ["person:mallory", "person:carr", "person:isolate"] {
                runs.push(vec!["show", person, file, "--format", format]);
            }
        }
        runs.push(vec!["validate", file]);
        for format in ["tsv", "markdown", "json"] {
            for query in ["title", "mallory", "bell", "isolate", "invoice"] {
                runs.push(vec!["search", query, file, "--format", format]);
            }
        }
    }
    let mut printed = 0;
    for args in &runs {
        let o = podium(args);
        printed += o.stdout.len();
        for (name, bytes) in [("stdout", &o.stdout), ("stderr", &o.stderr)] {
            let text = String::from_utf8_lossy(bytes);
            assert!(
                !text.chars().any(|c| (c.is_control() && !matches!(c, '\n' | '\t'))
                    || matches!(c, '\u{202E}' | '\u{2066}' | '\u{200B}')),
                "{args:?} {name}: {text:?}"
            );
        }
    }
    assert!(printed > 1000, "the hostile files were shown and found");
}

#[test]
fn people_markdown_and_json() {
    insta::assert_snapshot!("people_markdown", stdout_of(&["people", SEED, "--format", "markdown"]));
    insta::assert_snapshot!("people_json", stdout_of(&["people", SEED, "--format", "json"]));
    assert_eq!(stdout_of(&["people", SEED, "--format", "md"]), stdout_of(&["people", SEED, "--format", "markdown"]));
    assert_eq!(stdout_of(&["people", SEED]), stdout_of(&["people", SEED, "--format", "text"]));
}

#[test]
fn show_person_markdown_and_json() {
    let person = "person:John Carr";
    insta::assert_snapshot!("show_person_markdown", stdout_of(&["show", person, SEED, "--format", "markdown"]));
    insta::assert_snapshot!("show_person_json", stdout_of(&["show", person, SEED, "--format", "json"]));
    assert_eq!(stdout_of(&["show", person, SEED, "--json"]), stdout_of(&["show", person, SEED, "--format", "json"]));
}
