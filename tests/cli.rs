//! The commands as a user runs them: output, stderr and exit codes.

use std::path::Path;
use std::process::{Command, Output, Stdio};

fn podium(args: &[&str]) -> Output {
    podium_in(Path::new(env!("CARGO_MANIFEST_DIR")), args, None)
}

fn podium_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_podium"));
    // Parsed files are cached outside the user's own cache.
    cmd.env("XDG_CACHE_HOME", std::env::temp_dir().join("podium-test-cache"));
    // A user's own configuration must not change what the tests see.
    cmd.args(args).current_dir(dir).env_remove("PODIUM_CONTENT").env("XDG_CONFIG_HOME", "/nonexistent-podium-config");
    cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("podium runs");
    {
        use std::io::Write;
        let mut input = child.stdin.take().unwrap();
        if let Some(bytes) = stdin {
            input.write_all(bytes).unwrap();
        }
    }
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

const SEED: &str = "igf2015-child-online-protection";

#[test]
fn validate_content_succeeds() {
    let o = podium(&["validate", "content"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "1 file checked: 1 report loaded, no problems\n");
    assert_eq!(stderr(&o), "");
}

#[test]
fn validate_reports_problems_gcc_style_and_exits_1() {
    let o = podium(&["validate", "tests/fixtures/load/bad-date.yaml", "tests/fixtures/load/valid-minimal.yaml"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with("tests/fixtures/load/bad-date.yaml:2:7: error: date: invalid date `2015-13-40`"),
        "{}",
        stderr(&o)
    );
    assert_eq!(stdout(&o), "2 files checked: 1 report loaded, 1 error in 1 file\n");
}

#[test]
fn missing_path_is_an_io_error() {
    let o = podium(&["validate", "no/such/dir"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o), "podium: no/such/dir: no such file or folder\n");
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    assert_eq!(podium(&["validate", "--bogus"]).status.code(), Some(2));
    assert_eq!(podium(&["list", "--max-file-size", "lots"]).status.code(), Some(2));
    let help = podium(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(stdout(&help).contains("Examples:"));
    for sub in ["validate", "list", "show"] {
        let o = podium(&[sub, "--help"]);
        assert!(stdout(&o).contains("Examples:\n  podium"), "{sub} help has an example");
    }
    let version = podium(&["--version"]);
    assert_eq!(stdout(&version), format!("podium {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn list_shows_the_seed_report() {
    let o = podium(&["list", "content"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        format!(
            "{SEED}  2015-11-10  14:00–15:00  Child online protection through multistakeholder engagement  (4 speakers, 3 quotes)\n"
        )
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&podium(&["list", "content", "--json"]))).unwrap();
    assert_eq!(json[0]["id"], SEED);
    assert_eq!(json[0]["speakers"], 4);
    assert_eq!(json[0]["quotes"], 3);
}

#[test]
fn show_prints_metadata_speakers_points_and_quotes() {
    let o = podium(&["show", SEED]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    for needle in [
        "Child online protection through multistakeholder engagement\n====",
        "Date:     2015-11-10, 14:00–15:00",
        "Author:   Arsène Tungali",
        "Laksmi Shita (moderator)\n  Program Development Manager, HIVOS Southeast Asia",
        "John Carr\n  Senior Expert Advisor, ECPAT International",
        "  • Gave an overview of online child abuse in the United Kingdom.",
        "“I am privileged to be moderating this session because I am a mother of two\n beautiful daughters.”\n    — Laksmi Shita",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in\n{text}");
    }
    let json: serde_json::Value = serde_json::from_str(&stdout(&podium(&["show", SEED, "--json"]))).unwrap();
    assert_eq!(json["speakers"][3]["organisation"], "ECPAT International");
    assert_eq!(json["quotes"][2]["speaker"], "john-carr");
}

#[test]
fn show_by_path_and_unknown_id() {
    let o = podium(&["show", "content/igf2015-child-online-protection.yaml"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("Quotes\n------"));
    let o = podium(&["show", "igf2015-child-online"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("did you mean `igf2015-child-online-protection`?"), "{}", stderr(&o));
}

#[test]
fn without_paths_the_built_in_report_is_used_anywhere() {
    let dir = tempfile::tempdir().unwrap();
    let o = podium_in(dir.path(), &["list"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with(SEED));
    // $PODIUM_CONTENT wins over the built-in report.
    std::fs::write(dir.path().join("mine.yaml"), "title: Mine\ndate: 2020-01-01\n").unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_podium"))
        .env("XDG_CACHE_HOME", std::env::temp_dir().join("podium-test-cache"))
        .arg("list")
        .env("PODIUM_CONTENT", dir.path())
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("mine  2020-01-01"));
}

#[test]
fn dash_reads_standard_input() {
    let o = podium_in(Path::new("."), &["validate", "-"], Some(b"title: Piped\ndate: 2020-01-01\n"));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = podium_in(Path::new("."), &["validate", "-"], Some(b"title: Piped\ndate: 2020-01-41\n"));
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).starts_with("<stdin>:2:7: error:"), "{}", stderr(&o));
    let o = podium_in(Path::new("."), &["show", "-"], Some(b"title: Piped\ndate: 2020-01-01\n"));
    assert!(stdout(&o).starts_with("Piped\n====="));
}

#[test]
fn no_output_carries_an_escape_sequence_from_a_file() {
    for args in [
        &["validate", "tests/fixtures/load"][..],
        &["list", "tests/fixtures/load"],
        &["list", "tests/fixtures/load", "--json"],
        &["show", "tests/fixtures/load/escapes.yaml"],
        &["show", "tests/fixtures/load/escapes.yaml", "--json"],
        &["show", "tests/fixtures/load/bidi.yaml"],
    ] {
        let o = podium(args);
        for (name, bytes) in [("stdout", &o.stdout), ("stderr", &o.stderr)] {
            let text = String::from_utf8_lossy(bytes);
            assert!(
                !text.contains('\x1b')
                    && !text.contains('\x07')
                    && !text.contains('\u{9b}')
                    && !text.contains('\u{202E}'),
                "{args:?} {name}: {text}"
            );
        }
    }
}

#[test]
fn search_prints_ranked_tsv_and_exits_like_grep() {
    let o = podium(&["search", "mother two daughters", "content", "--limit", "2"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let first: Vec<&str> = out.lines().next().unwrap().split('\t').collect();
    assert_eq!(first.len(), 4);
    assert!(first[0].parse::<u32>().is_ok());
    assert_eq!(&first[1..3], &[SEED, "Laksmi Shita"]);
    assert!(first[3].starts_with("I am privileged to be moderating this session"));
    assert_eq!(out.lines().count(), 2);
    let scores: Vec<u32> = out.lines().map(|l| l.split('\t').next().unwrap().parse().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "best first");

    let none = podium(&["search", "xyzzyq", "content"]);
    assert_eq!((none.status.code(), stdout(&none).as_str()), (Some(1), ""));
    let empty = podium(&["search", "  ", "content"]);
    assert_eq!(empty.status.code(), Some(2));
    let missing = podium(&["search", "x", "no/such/dir"]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn search_json_has_valid_match_positions() {
    let o = podium(&["search", "arsene joao", "content", "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let hits: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let hit = &hits[0];
    assert_eq!(hit["kind"], "report");
    let text: Vec<char> = hit["text"].as_str().unwrap().chars().collect();
    let marked: String =
        hit["positions"].as_array().unwrap().iter().map(|p| text[p.as_u64().unwrap() as usize]).collect();
    assert_eq!(marked, "JoãoArsène");
    let speakers = podium(&["search", "ecpat", "content", "--kind", "speaker", "--json"]);
    let hits: serde_json::Value = serde_json::from_str(&stdout(&speakers)).unwrap();
    assert!(hits.as_array().unwrap().iter().all(|h| h["kind"] == "speaker"));
    assert_eq!(hits[0]["speaker"], "John Carr");
}

const SEED_TEXT: &str = "Child online protection through multistakeholder engagement\n\n10 Nov 2015 14:00h - 15:00h\n\nEvent report\n\nThe moderator, Laksmi Shita, Program Development Manager at HIVOS Southeast Asia, started by explaining one of the reasons why she was here: “I am privileged to be moderating this session because I am a mother of two beautiful daughters.”\n\nBy Arsène Tungali\n";

#[test]
fn import_writes_a_report_that_validates() {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("r.txt");
    std::fs::write(&txt, SEED_TEXT).unwrap();
    let o = podium_in(dir.path(), &["import", "r.txt"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("1 speaker, 1 quote; 0 to check"), "{}", stderr(&o));
    let yaml = stdout(&o);
    assert!(yaml.contains("moderator: true") && yaml.contains("date: \"2015-11-10\""), "{yaml}");
    // Piped straight into validate.
    let v = podium_in(dir.path(), &["validate", "-"], Some(yaml.as_bytes()));
    assert_eq!(v.status.code(), Some(0), "{}{}", stdout(&v), stderr(&v));
    // From standard input too.
    let o = podium_in(dir.path(), &["import", "-"], Some(SEED_TEXT.as_bytes()));
    assert_eq!(stdout(&o), yaml.replace("from \"r.txt\"", "from \"-\""));
}

#[test]
fn import_never_overwrites_without_force() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("r.txt"), SEED_TEXT).unwrap();
    std::fs::write(dir.path().join("out.yaml"), "precious").unwrap();
    let o = podium_in(dir.path(), &["import", "r.txt", "-o", "out.yaml"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("out.yaml exists; add --force"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(dir.path().join("out.yaml")).unwrap(), "precious");
    let o = podium_in(dir.path(), &["import", "r.txt", "-o", "out.yaml", "--force"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(std::fs::read_to_string(dir.path().join("out.yaml")).unwrap().starts_with("# Imported by"));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 2, "no temporary file left behind: {leftovers:?}");
}

#[test]
fn import_refuses_what_is_not_text() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("empty.txt", Vec::new()),
        ("binary.txt", b"\x7fELF\x02\x01\x01\0\0\0".to_vec()),
        ("latin1.txt", b"caf\xe9 au lait".to_vec()),
        ("one-line.txt", vec![b'x'; 300_000]),
    ] {
        std::fs::write(dir.path().join(name), &bytes).unwrap();
        let o = podium_in(dir.path(), &["import", name], None);
        assert_eq!(o.status.code(), Some(2), "{name}");
        assert!(stderr(&o).starts_with(&format!("podium import: {name}: ")), "{name}: {}", stderr(&o));
        assert_eq!(stdout(&o), "");
    }
    let big = dir.path().join("big.txt");
    std::fs::write(&big, vec![b'a'; 2_000_000]).unwrap();
    let o = podium_in(dir.path(), &["import", "big.txt", "--max-file-size", "1M"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("over the 1.0 MiB limit"), "{}", stderr(&o));
}
