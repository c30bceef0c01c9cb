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

/// Both said "no report `X` in the library", as if the path were an id.
#[test]
fn show_on_a_missing_path_or_a_file_without_a_valid_report() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.yaml"), "title: t\ndate: 2015-13-01\n").unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    let table: &[(&str, i32, &[&str])] = &[
        ("/nonexistent-podium.yaml", 2, &["podium: /nonexistent-podium.yaml: no such file or folder"]),
        ("nope.yaml", 2, &["podium: nope.yaml: no such file or folder"]),
        ("sub/", 2, &["podium: sub/: is a folder"]),
        (
            "bad.yaml",
            1,
            &["bad.yaml:2:7: error: date: invalid date `2015-13-01`", "podium: bad.yaml has no valid report"],
        ),
    ];
    for (arg, code, want) in table {
        let o = podium_in(dir.path(), &["show", arg], None);
        assert_eq!(o.status.code(), Some(*code), "{arg}: {}", stderr(&o));
        for w in *want {
            assert!(stderr(&o).contains(w), "{arg}: missing {w:?} in {}", stderr(&o));
        }
        assert!(!stderr(&o).contains("in the library"), "{arg}: {}", stderr(&o));
    }
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
fn search_with_capitals_and_no_hits_says_what_lower_case_finds() {
    let lower = podium(&["search", "teachers", "content", "--limit", "0"]);
    assert_eq!(lower.status.code(), Some(0), "{}", stderr(&lower));
    let n = stdout(&lower).lines().count();
    assert!(n > 0);
    // The count is of every hit, whatever the limit.
    for args in [&["search", "Teachers", "content"][..], &["search", "Teachers", "content", "--limit", "1", "--json"]] {
        let o = podium(args);
        assert_eq!(o.status.code(), Some(1), "no hits exits like grep: {args:?}");
        assert_eq!(stderr(&o), format!("podium: No hits with that capital T; “teachers” finds {n}.\n"), "{args:?}");
    }
    // Lower case finds nothing either: silent, as before.
    let none = podium(&["search", "Xyzzyq", "content"]);
    assert_eq!((none.status.code(), stderr(&none).as_str()), (Some(1), ""));
}

#[test]
fn search_json_has_valid_match_positions() {
    let marked = |hit: &serde_json::Value| -> String {
        let text: Vec<char> = hit["text"].as_str().unwrap().chars().collect();
        hit["positions"].as_array().unwrap().iter().map(|p| text[p.as_u64().unwrap() as usize]).collect()
    };
    let search = |args: &[&str]| -> serde_json::Value {
        let o = podium(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        serde_json::from_str(&stdout(&o)).unwrap()
    };
    // A report prints its title.
    let hits = search(&["search", "child protection", "content", "--kind", "report", "--json"]);
    assert_eq!(hits[0]["text"], "Child online protection through multistakeholder engagement");
    assert_eq!(marked(&hits[0]), "Childprotection");
    // A speaker: name, role and organisation.
    let hits = search(&["search", "carr ecpat", "content", "--kind", "speaker", "--json"]);
    assert!(hits.as_array().unwrap().iter().all(|h| h["kind"] == "speaker"));
    assert_eq!(hits[0]["speaker"], "John Carr");
    assert_eq!(hits[0]["text"], "John Carr · Senior Expert Advisor · ECPAT International");
    assert_eq!(marked(&hits[0]), "CarrECPAT");
    // A quote: its own words, the context apart, the speaker in its own field.
    let hits = search(&["search", "teachers parents", "content", "--kind", "quote", "--json"]);
    let text = hits[0]["text"].as_str().unwrap();
    assert!(text.starts_with("the role of us as civil society") && text.ends_with("impact from them."), "{text}");
    assert!(hits[0]["context"].as_str().unwrap().starts_with("The closing words"), "{}", hits[0]);
    assert_eq!(marked(&hits[0]), "teachersparents");
    // Positions only where the printed text matched: a hit by its speaker's name marks nothing.
    let hits = search(&["search", "carr", "content", "--kind", "quote", "--json"]);
    assert!(!hits[0]["text"].as_str().unwrap().contains("Carr"));
    assert_eq!(hits[0]["positions"], serde_json::json!([]));
}

#[test]
fn search_tsv_text_is_the_quote_not_the_speaker_again() {
    let o = podium(&["search", "teachers parents", "content", "--kind", "quote", "--limit", "1"]);
    assert_eq!(o.status.code(), Some(0));
    let line = stdout(&o);
    let columns: Vec<&str> = line.trim_end().split('\t').collect();
    assert_eq!(columns[1..3], ["igf2015-child-online-protection", "John Carr"]);
    assert!(columns[3].starts_with("the role of us") && columns[3].ends_with("impact from them."), "{line}");
    let o = podium(&["search", "carr", "content", "--kind", "speaker"]);
    assert!(stdout(&o).contains("\tJohn Carr\tJohn Carr · Senior Expert Advisor · ECPAT International\n"), "{o:?}");
    let o = podium(&["search", "child protection", "content", "--kind", "report"]);
    assert_eq!(stdout(&o).split('\t').nth(3), Some("Child online protection through multistakeholder engagement\n"));
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

/// tempfile creates files 0600: an imported report was private, and `--force`
/// made a shared one private too. New files get 0666 less the umask, as a
/// shell redirect gives; replaced files keep their mode.
#[cfg(unix)]
#[test]
fn import_gives_new_files_the_umask_mode_and_keeps_a_replaced_files_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("r.txt"), SEED_TEXT).unwrap();
    let mode = |name: &str| std::fs::metadata(dir.path().join(name)).unwrap().permissions().mode() & 0o777;
    let import_with_umask = |umask: &str, args: &[&str]| {
        let script = format!("umask {umask}; exec \"$0\" \"$@\"");
        let o = Command::new("sh")
            .args(["-c", &script, env!("CARGO_BIN_EXE_podium"), "import", "r.txt"])
            .args(args)
            .current_dir(dir.path())
            .env("XDG_CONFIG_HOME", "/nonexistent-podium-config")
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    };
    for (umask, name, want) in [("002", "a.yaml", 0o664), ("022", "b.yaml", 0o644), ("077", "c.yaml", 0o600)] {
        import_with_umask(umask, &["-o", name]);
        assert_eq!(mode(name), want, "umask {umask}");
    }
    std::fs::write(dir.path().join("shared.yaml"), "old").unwrap();
    std::fs::set_permissions(dir.path().join("shared.yaml"), std::fs::Permissions::from_mode(0o640)).unwrap();
    import_with_umask("077", &["-o", "shared.yaml", "--force"]);
    assert_eq!(mode("shared.yaml"), 0o640);
    assert!(std::fs::read_to_string(dir.path().join("shared.yaml")).unwrap().starts_with("# Imported by"));
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

/// The subcommands `podium --help` lists, but `help`: what completions and the man page must name.
fn subcommands() -> Vec<String> {
    let help = stdout(&podium(&["--help"]));
    let section = help.split("Commands:\n").nth(1).expect("--help has a Commands section");
    let names: Vec<String> = section
        .lines()
        .take_while(|l| l.starts_with("  "))
        .filter(|l| !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(String::from)
        .collect();
    for expected in ["validate", "list", "people", "show", "search", "import", "completions", "man"] {
        assert!(names.iter().any(|n| n == expected), "{expected} in {names:?}");
    }
    names
}

#[test]
fn completions_for_every_shell_name_every_subcommand() {
    use clap::ValueEnum;
    let mut shells: Vec<String> = ["bash", "zsh", "fish"].map(String::from).to_vec();
    for shell in clap_complete::Shell::value_variants() {
        let name = shell.to_possible_value().unwrap().get_name().to_string();
        if !shells.contains(&name) {
            shells.push(name);
        }
    }
    assert!(shells.len() >= 5, "{shells:?}");
    let subcommands = subcommands();
    for shell in &shells {
        let o = podium(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}: {}", stderr(&o));
        assert_eq!(stderr(&o), "", "{shell}");
        let script = stdout(&o);
        for sub in &subcommands {
            assert!(script.contains(sub.as_str()), "{shell} completes {sub}");
        }
        assert!(script.contains("max-file-size") && script.contains("no-watch"), "{shell} completes options");
        // The script for the shell asked for, registered for `podium`.
        let marker = match shell.as_str() {
            "bash" => "complete -F _podium",
            "zsh" => "#compdef podium",
            "fish" => "complete -c podium",
            "elvish" => "edit:completion:arg-completer[podium]",
            "powershell" => "Register-ArgumentCompleter -Native -CommandName 'podium'",
            _ => "podium",
        };
        assert!(script.contains(marker), "{shell} script has {marker:?}");
    }
}

#[test]
fn bash_completion_completes_subcommands_options_and_shells() {
    let complete = |words: &str| -> String {
        let (offered, _) = bash_complete(Path::new(env!("CARGO_MANIFEST_DIR")), words);
        offered.lines().collect::<Vec<_>>().join(" ")
    };
    assert_eq!(complete("podium va"), "validate");
    assert_eq!(complete("podium comp"), "completions");
    assert!(complete("podium search --k").split(' ').any(|w| w == "--kind"));
    let shells = complete("podium completions ''");
    for shell in ["bash", "zsh", "fish"] {
        assert!(shells.split(' ').any(|w| w == shell), "{shell} in {shells}");
    }
}

#[test]
fn man_prints_one_roff_page_with_every_subcommand() {
    let o = podium(&["man"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
    let page = stdout(&o);
    assert!(page.starts_with(".ie") || page.starts_with(".TH"), "{}", &page[..page.len().min(200)]);
    assert!(
        page.contains(&format!("\n.TH PODIUM 1 \"\" \"podium {}\" \"User Commands\"\n", env!("CARGO_PKG_VERSION")))
    );
    assert_eq!(page.matches("\n.TH ").count(), 1, "one page");
    for heading in
        [".SH NAME\npodium \\- A terminal reader", ".SH SYNOPSIS", ".SH OPTIONS", ".SH COMMANDS", ".SH EXAMPLES"]
    {
        assert!(page.contains(heading), "{heading:?}");
    }
    for sub in subcommands() {
        assert!(page.contains(&format!(".SS \"podium {sub}\"\n\\fBpodium {sub}\\fR")), "a section for podium {sub}");
    }
    assert!(page.contains("podium search"));
    // Each subcommand's own options and its examples, one per line.
    assert!(page.contains("\\fB\\-\\-kind\\fR \\fI<KIND>\\fR"));
    assert!(page.contains("\\fB\\-o\\fR, \\fB\\-\\-output\\fR \\fI<FILE>\\fR"));
    assert!(page.contains(
        ".nf\n  podium show igf2015\\-child\\-online\\-protection\n  podium show igf2015\\-child\\-online\\-protection \\-\\-format markdown > report.md\n"
    ));
    // No blank lines: roff would print them.
    assert!(!page.contains("\n\n"));
}

#[test]
fn man_has_keys_exit_status_environment_and_files() {
    let page = stdout(&podium(&["man"]));
    let at = |heading: &str| page.find(&format!("\n.SH {heading}\n")).unwrap_or_else(|| panic!("no {heading}"));
    // In the usual order, before the examples.
    let order = ["COMMANDS", "KEYS", "\"EXIT STATUS\"", "ENVIRONMENT", "FILES", "EXAMPLES"].map(at);
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    let section = |heading: &str| {
        let rest = &page[at(heading)..];
        rest[1..].find("\n.SH ").map_or(rest, |end| &rest[..end + 2]).to_string()
    };
    let keys = section("KEYS");
    // Every binding of the key table, under its group, as the help shows it.
    let map = podium::app::keymap::KeyMap::default();
    for b in map.all() {
        let group = keys.find(&format!("\n.SS {}\n", quoted(b.group))).unwrap_or_else(|| panic!("{}", b.group));
        let entry =
            format!(".TP\n\\fB{}\\fR\n{}\n", roff_escaped(&podium::app::keymap::keys_label(b)), roff_escaped(b.help));
        // Under its group (a binding may be in two groups, as redraw is).
        assert!(keys[group..].contains(&entry), "{entry:?} not under {} in\n{keys}", b.group);
    }
    let status = section("\"EXIT STATUS\"");
    for code in ["0", "1", "2", "130"] {
        assert!(status.contains(&format!(".TP\n\\fB{code}\\fR\n")), "{code}: {status}");
    }
    assert!(status.contains("Ctrl\\-c"), "{status}");
    let env = section("ENVIRONMENT");
    for var in ["PODIUM_CONTENT", "NO_COLOR", "VISUAL, EDITOR", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"] {
        assert!(env.contains(&format!("\\fB{var}\\fR")), "{var}: {env}");
    }
    let files = section("FILES");
    assert!(files.contains("\\fB$XDG_CONFIG_HOME/podium/config.toml\\fR"), "{files}");
    assert!(files.contains("\\fB$XDG_CACHE_HOME/podium\\fR"), "{files}");
}

/// Text as roff writes it: hyphens are escaped so that they print as minus signs, and apostrophes.
fn roff_escaped(text: &str) -> String {
    text.replace('\\', "\\\\").replace('-', "\\-").replace('\'', "\\*(Aq")
}

/// A macro's argument as roff writes it.
fn quoted(arg: &str) -> String {
    if arg.contains(' ') { format!("\"{arg}\"") } else { arg.to_string() }
}

#[test]
fn completions_and_man_read_no_report_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    std::fs::write(dir.path().join("content/bad.yaml"), "title: Bad\ndate: 2015-13-40\n").unwrap();
    for args in [&["man"][..], &["completions", "bash"]] {
        let o = podium_in(dir.path(), args, None);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert_eq!(stderr(&o), "", "{args:?}");
    }
    // The same directory does load for a command that reads the library.
    assert_eq!(podium_in(dir.path(), &["validate"], None).status.code(), Some(1));
}

#[test]
fn unknown_shell_is_a_usage_error() {
    let o = podium(&["completions", "tcsh"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stdout(&o), "");
    let err = stderr(&o);
    assert!(err.contains("invalid value 'tcsh'") && err.contains("bash") && err.contains("fish"), "{err}");
    assert_eq!(podium(&["completions"]).status.code(), Some(2));
    assert_eq!(podium(&["man", "extra"]).status.code(), Some(2));
}

#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    // `podium list | head -1`, with the reader gone before podium writes: no
    // panic from println!, nothing on stderr; grep and cat die of SIGPIPE too.
    use std::os::unix::process::ExitStatusExt;
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    for args in [
        &["man"][..],
        &["completions", "zsh"],
        &["list", "content"],
        &["list", "content", "--json"],
        &["validate", "content"],
        &["show", SEED, "content"],
        &["show", SEED, "content", "--format", "markdown"],
        &["search", "child", "content"],
        &["people", "content"],
        &["show", "person:carr", "content"],
    ] {
        let o = Command::new(env!("CARGO_BIN_EXE_podium"))
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("XDG_CONFIG_HOME", "/nonexistent-podium-config")
            .stdout(writer.try_clone().unwrap())
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        assert!(o.status.code() == Some(0) || o.status.signal() == Some(libc::SIGPIPE), "{args:?}: {:?}", o.status);
        assert_eq!(stderr(&o), "", "{args:?}");
    }
}

#[test]
fn options_for_every_command_go_before_or_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "wrap = 70\n").unwrap();
    let config = config.to_str().unwrap();
    for args in [
        &["--config", config, "list", "content"][..],
        &["list", "content", "--config", config],
        &["--no-cache", "validate", "content"],
        &["--max-file-size", "1M", "list", "content"],
    ] {
        let o = podium(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
    }
}

/// Every command, its output sent to a full disk: an error on stderr and exit 2,
/// never a panic and never a silent success with the output cut short.
#[test]
fn every_command_reports_a_failed_write_to_standard_output() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("skipped: no /dev/full on this system");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("r.txt"), SEED_TEXT).unwrap();
    let r_txt = dir.path().join("r.txt");
    let r_txt = r_txt.to_str().unwrap();
    for args in [
        &["list", "content"][..],
        &["list", "content", "--json"],
        &["show", SEED, "content"],
        &["show", SEED, "content", "--format", "markdown"],
        &["show", SEED, "content", "--format", "json"],
        &["validate", "content"],
        &["people", "content"],
        &["people", "content", "--format", "markdown"],
        &["people", "content", "--format", "json"],
        &["show", "person:John Carr", "content"],
        &["show", "person:John Carr", "content", "--format", "markdown"],
        &["show", "person:John Carr", "content", "--format", "json"],
        &["search", "child", "content"],
        &["search", "child", "content", "--format", "json"],
        &["search", "child", "content", "--format", "markdown"],
        &["config", "--default"],
        &["config", "--path"],
        &["config"],
        &["import", r_txt],
        &["man"],
        &["completions", "bash"],
        &["--help"],
        &["search", "--help"],
        &["--version"],
    ] {
        let o = Command::new(env!("CARGO_BIN_EXE_podium"))
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("XDG_CONFIG_HOME", "/nonexistent-podium-config")
            .stdout(full.try_clone().unwrap())
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        assert_eq!(stderr(&o), "podium: standard output: No space left on device\n", "{args:?}");
        assert_eq!(o.status.code(), Some(2), "{args:?}");
    }
}

/// `podium search … | head -1`: the reader takes one line and goes away.
/// Nothing on stderr, and no failure of podium's own (a command either had
/// written everything already or ends as grep does, by SIGPIPE).
#[test]
fn a_reader_that_stops_after_one_line_leaves_podium_silent() {
    use std::io::BufRead;
    use std::os::unix::process::ExitStatusExt;
    for (args, all_written) in [
        // Small enough for the pipe's buffer: written in full before the reader leaves.
        (&["list", "content"][..], true),
        (&["show", SEED, "content"], true),
        // Far more than a pipe holds: podium is still writing when the reader leaves.
        (&["search", "e", "content", "--limit", "0"], false),
        (&["man"], false),
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_podium"))
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("XDG_CONFIG_HOME", "/nonexistent-podium-config")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        assert!(!line.is_empty(), "{args:?}");
        // The reader is dropped here: the pipe is closed.
        let o = child.wait_with_output().unwrap();
        assert_eq!(stderr(&o), "", "{args:?}");
        if all_written {
            assert_eq!(o.status.code(), Some(0), "{args:?}");
        } else {
            assert!(o.status.code() == Some(0) || o.status.signal() == Some(libc::SIGPIPE), "{args:?}: {:?}", o.status);
        }
    }
}

/// Runs `podium import r.txt ARGS` in `dir` with the size of files it may
/// write limited to one 512-byte block: a disk that fills up while writing.
fn import_onto_a_full_disk(dir: &Path, args: &[&str]) -> Output {
    // SIGXFSZ ignored, so the write fails with EFBIG instead of killing podium.
    Command::new("sh")
        .args(["-c", "trap '' XFSZ; ulimit -f 1; exec \"$0\" \"$@\"", env!("CARGO_BIN_EXE_podium"), "import", "r.txt"])
        .args(args)
        .current_dir(dir)
        .env("XDG_CONFIG_HOME", "/nonexistent-podium-config")
        .output()
        .unwrap()
}

#[test]
fn import_on_a_full_disk_names_the_output_not_the_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("r.txt"), SEED_TEXT).unwrap();
    let o = import_onto_a_full_disk(dir.path(), &["-o", "out.yaml"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o), "podium import: cannot write out.yaml: File too large\n");
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["r.txt"], "no temporary file or partial output left behind");
}

#[test]
fn import_onto_a_folder_says_why_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("r.txt"), SEED_TEXT).unwrap();
    std::fs::create_dir(dir.path().join("out")).unwrap();
    let o = podium_in(dir.path(), &["import", "r.txt", "-o", "out", "--force"], None);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o), "podium import: cannot write out: is a folder\n");
    let o = podium_in(dir.path(), &["import", "r.txt", "-o", "out"], None);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o), "podium import: out exists; add --force to replace it\n");
}

/// A SIGKILL between writing the temporary file and renaming it leaves the
/// temporary file behind: it is named so a user knows what it is, and the next
/// import into that folder removes those older than an hour.
#[test]
fn import_temporaries_are_recognisable_and_stale_ones_are_removed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("r.txt"), SEED_TEXT).unwrap();
    // Killed before the rename, as a SIGKILL would.
    let o = Command::new(env!("CARGO_BIN_EXE_podium"))
        .args(["import", "r.txt", "-o", "out.yaml"])
        .current_dir(dir.path())
        .env("XDG_CONFIG_HOME", "/nonexistent-podium-config")
        .env("PODIUM_TEST_KILL_BEFORE_RENAME", "1")
        .output()
        .unwrap();
    assert_ne!(o.status.code(), Some(0));
    let left: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    let partial: Vec<&String> = left.iter().filter(|n| *n != "r.txt").collect();
    assert_eq!(partial.len(), 1, "{left:?}");
    assert!(partial[0].starts_with(".podium-import-") && partial[0].ends_with(".tmp"), "{left:?}");

    let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    let age = |name: &str| {
        let f = std::fs::File::options().write(true).open(dir.path().join(name)).unwrap();
        f.set_modified(two_hours_ago).unwrap();
    };
    age(partial[0]);
    // A recent one may belong to an import still running; other files are the user's.
    std::fs::write(dir.path().join(".podium-import-recent.tmp"), "x").unwrap();
    for other in [".tmpABC123", ".podium-import-notes.txt", "podium-import-x.tmp"] {
        std::fs::write(dir.path().join(other), "x").unwrap();
        age(other);
    }
    let o = podium_in(dir.path(), &["import", "r.txt", "-o", "out.yaml"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut left: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    left.sort();
    assert_eq!(
        left,
        [
            ".podium-import-notes.txt",
            ".podium-import-recent.tmp",
            ".tmpABC123",
            "out.yaml",
            "podium-import-x.tmp",
            "r.txt"
        ]
    );
}

/// A folder whose only entries are symbolic link loops: nothing was checked,
/// and the summary must not say the errors are in files.
#[cfg(unix)]
#[test]
fn validate_counts_paths_that_could_not_be_read_honestly() {
    let dir = tempfile::tempdir().unwrap();
    let loops = dir.path().join("loopdir");
    std::fs::create_dir(&loops).unwrap();
    std::os::unix::fs::symlink("a", loops.join("b")).unwrap();
    std::os::unix::fs::symlink("b", loops.join("a")).unwrap();
    let o = podium_in(dir.path(), &["validate", "loopdir"], None);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "0 files checked: 0 reports loaded, 2 errors in 2 paths that could not be read\n");
    // With a good file beside them, errors in files and unreadable paths are told apart.
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("content").join(format!("{SEED}.yaml")),
        loops.join("r.yaml"),
    )
    .unwrap();
    std::fs::write(loops.join("bad.yaml"), "title: Bad\ndate: 2015-13-40\n").unwrap();
    let o = podium_in(dir.path(), &["validate", "loopdir"], None);
    let out = stdout(&o);
    assert!(out.starts_with("2 files checked: 1 report loaded, "), "{out}");
    assert!(out.contains(" in 1 file") && out.contains("2 errors in 2 paths that could not be read"), "{out}");
}

/// The `# check:` marks of an imported file: lines whose comment (a `#` after
/// a space, outside a double-quoted string) starts `# check:`. The header's
/// "Check every line marked `# check:`" is an instruction, not a mark.
fn check_marks(yaml: &str) -> usize {
    yaml.lines()
        .filter(|line| {
            let (mut quoted, mut escaped, mut previous) = (false, false, ' ');
            for (at, c) in line.char_indices() {
                match c {
                    _ if escaped => escaped = false,
                    '\\' if quoted => escaped = true,
                    '"' => quoted = !quoted,
                    '#' if !quoted && previous == ' ' => return line[at..].starts_with("# check:"),
                    _ => {}
                }
                previous = c;
            }
            false
        })
        .count()
}

/// The text files of the import fixtures, sorted.
fn import_fixtures() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    let mut texts: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e != "yaml"))
        .collect();
    texts.sort();
    texts
}

/// A quotation no speaker can be found for points at an `unknown` entry that
/// carries a mark of its own: the summary left that mark out (06 said 2 to
/// check and wrote 3).
#[test]
fn import_summary_counts_the_marks_written_in_the_file() {
    let texts = import_fixtures();
    assert!(texts.len() >= 17, "{texts:?}");
    for text in &texts {
        let o = podium_in(dir_of(text), &["import", text.to_str().unwrap()], None);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let said = stderr(&o)
            .trim_end()
            .split("; ")
            .find_map(|part| part.strip_suffix(" to check (marked `# check:`)").map(|n| n.parse::<usize>().unwrap()))
            .unwrap_or_else(|| panic!("{text:?}: {}", stderr(&o)));
        assert_eq!(said, check_marks(&stdout(&o)), "{text:?}\n{}", stdout(&o));
    }
}

fn dir_of(path: &Path) -> &Path {
    path.parent().unwrap()
}

/// Every `# check` in a written file, and only those, is counted: the text of
/// a quotation may say "# check:" too.
#[test]
fn import_many_counts_the_marks_of_each_file_written() {
    let dir = tempfile::tempdir().unwrap();
    let tricky = "Marks\n\n10 Nov 2015\n\nJo Roe, Director at Open Net, opened.\n\n“Write # check: here,” said Roe. Someone replied: “not # check: there”.\n";
    std::fs::write(dir.path().join("tricky.txt"), tricky).unwrap();
    let mut args: Vec<String> = vec!["import".into()];
    args.extend(import_fixtures().iter().map(|p| p.to_str().unwrap().to_string()));
    args.extend(["tricky.txt".into(), "-o".into(), "out/".into()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = podium_in(dir.path(), &args, None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), args.len() - 3 + 1, "one line per input and a total:\n{out}");
    let (mut speakers, mut quotes, mut checks) = (0, 0, 0);
    for line in &lines[..lines.len() - 1] {
        // INPUT → OUT: S speakers, Q quotes, C to check
        let (_, rest) = line.split_once(" → ").unwrap_or_else(|| panic!("{line}"));
        let (written, counts) = rest.rsplit_once(": ").unwrap();
        let n: Vec<usize> = counts.split(", ").map(|c| c.split(' ').next().unwrap().parse().unwrap()).collect();
        let yaml = std::fs::read_to_string(dir.path().join(written)).unwrap();
        assert_eq!(n[2], check_marks(&yaml), "{line}\n{yaml}");
        let report = podium_in(dir.path(), &["show", written, "--format", "json"], None);
        assert_eq!(report.status.code(), Some(0), "{written}: {}", stderr(&report));
        let json = stdout(&report);
        // The unknown speaker's entry is not a speaker found.
        let found = json.matches("\"id\":").count() - 1 - usize::from(json.contains("\"id\": \"unknown\""));
        assert_eq!(n[0], found, "{line}");
        (speakers, quotes, checks) = (speakers + n[0], quotes + n[1], checks + n[2]);
    }
    assert!(lines.iter().any(|l| l.starts_with("tricky.txt → out/marks.yaml: ")), "{out}");
    assert_eq!(
        lines[lines.len() - 1],
        format!("{} inputs imported: {speakers} speakers, {quotes} quotes, {checks} to check", lines.len() - 1)
    );
}

#[test]
fn import_many_goes_on_after_a_failure_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), SEED_TEXT).unwrap();
    std::fs::write(dir.path().join("binary.txt"), b"\x7fELF\x02\x01\x01\0\0\0").unwrap();
    std::fs::write(dir.path().join("c.txt"), "Cables\n\n3 May 2016\n\nAl Roe, Fellow at Data Trust, spoke.\n").unwrap();
    let o = podium_in(dir.path(), &["import", "a.txt", "binary.txt", "missing.txt", "c.txt", "-o", "new/out"], None);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    let errors: Vec<&str> = err.lines().collect();
    assert_eq!(errors.len(), 2, "{err}");
    assert!(errors[0].starts_with("podium import: binary.txt: not a text file"), "{err}");
    assert!(errors[1].starts_with("podium import: missing.txt: "), "{err}");
    assert_eq!(
        stdout(&o),
        "a.txt → new/out/child-online-protection-through-multistakeholder-engagement.yaml: 1 speaker, 1 quote, 0 to check\n\
         c.txt → new/out/cables.yaml: 1 speaker, 0 quotes, 0 to check\n\
         4 inputs: 2 imported, 2 failed; 2 speakers, 1 quote, 0 to check\n"
    );
    let mut written: Vec<String> = std::fs::read_dir(dir.path().join("new/out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    written.sort();
    assert_eq!(written, ["cables.yaml", "child-online-protection-through-multistakeholder-engagement.yaml"]);
    let v = podium_in(dir.path(), &["validate", "new/out"], None);
    assert_eq!(v.status.code(), Some(0), "{}{}", stdout(&v), stderr(&v));
}

/// Several inputs with the same title, into a folder that already holds
/// that name: numbered, nothing overwritten; `--force` replaces the
/// folder's file but never one written earlier in the same run.
#[test]
fn import_many_numbers_names_that_are_taken_and_force_replaces() {
    let dir = tempfile::tempdir().unwrap();
    let same = "Cables\n\n3 May 2016\n\nAl Roe, Fellow at Data Trust, spoke.\n";
    std::fs::write(dir.path().join("a.txt"), same).unwrap();
    std::fs::write(dir.path().join("b.txt"), same).unwrap();
    std::fs::create_dir(dir.path().join("out")).unwrap();
    std::fs::write(dir.path().join("out/cables.yaml"), "precious").unwrap();
    // A folder of that name is never replaced, even with --force.
    std::fs::create_dir(dir.path().join("out/cables-3.yaml")).unwrap();
    let o = podium_in(dir.path(), &["import", "a.txt", "b.txt", "-o", "out"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "a.txt → out/cables-2.yaml: 1 speaker, 0 quotes, 0 to check\n\
         b.txt → out/cables-4.yaml: 1 speaker, 0 quotes, 0 to check\n\
         2 inputs imported: 2 speakers, 0 quotes, 0 to check\n"
    );
    assert_eq!(std::fs::read_to_string(dir.path().join("out/cables.yaml")).unwrap(), "precious");
    let o = podium_in(dir.path(), &["import", "a.txt", "b.txt", "-o", "out", "--force"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "a.txt → out/cables.yaml: 1 speaker, 0 quotes, 0 to check\n\
         b.txt → out/cables-2.yaml: 1 speaker, 0 quotes, 0 to check\n\
         2 inputs imported: 2 speakers, 0 quotes, 0 to check\n"
    );
    assert!(std::fs::read_to_string(dir.path().join("out/cables.yaml")).unwrap().contains("from \"a.txt\""));
    assert!(std::fs::read_to_string(dir.path().join("out/cables-2.yaml")).unwrap().contains("from \"b.txt\""));
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["cables-2.yaml", "cables-3.yaml", "cables-4.yaml", "cables.yaml"], "no temporary file left");
}

#[test]
fn import_many_reads_standard_input_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("c.txt"), "Cables\n\n3 May 2016\n\nAl Roe, Fellow at Data Trust, spoke.\n").unwrap();
    let o = podium_in(dir.path(), &["import", "c.txt", "-", "-o", "out/"], Some(SEED_TEXT.as_bytes()));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "c.txt → out/cables.yaml: 1 speaker, 0 quotes, 0 to check\n\
         standard input → out/child-online-protection-through-multistakeholder-engagement.yaml: 1 speaker, 1 quote, 0 to check\n\
         2 inputs imported: 2 speakers, 1 quote, 0 to check\n"
    );
    let written = std::fs::read_to_string(
        dir.path().join("out/child-online-protection-through-multistakeholder-engagement.yaml"),
    )
    .unwrap();
    assert!(written.contains("from \"-\"") && written.contains("moderator: true"), "{written}");
    // Refused before reading anything (so no input is given: podium would not read it).
    let o = podium_in(dir.path(), &["import", "-", "c.txt", "-", "-o", "out2/"], None);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o), "podium import: `-` (standard input) can be read only once\n");
    assert!(!dir.path().join("out2").exists());
}

#[test]
fn import_many_needs_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), SEED_TEXT).unwrap();
    std::fs::write(dir.path().join("b.txt"), SEED_TEXT).unwrap();
    std::fs::write(dir.path().join("file.yaml"), "precious").unwrap();
    for (out, why) in [
        (None, "several inputs need a folder to write into: add -o DIR/"),
        (Some("file.yaml"), "-o file.yaml: several inputs need a folder, and file.yaml is a file"),
        (Some("new.yaml"), "-o new.yaml: several inputs need a folder; to create one, end its name with /"),
    ] {
        let mut args = vec!["import", "a.txt", "b.txt"];
        args.extend(out.iter().flat_map(|o| ["-o", *o]));
        let o = podium_in(dir.path(), &args, None);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_eq!(stderr(&o), format!("podium import: {why}\n"), "{args:?}");
        assert_eq!(stdout(&o), "");
    }
    assert_eq!(std::fs::read_to_string(dir.path().join("file.yaml")).unwrap(), "precious");
    assert!(!dir.path().join("new.yaml").exists());
}

/// One input and `-o DIR/`: into the folder, as with several; an input with
/// nothing in it to import fails rather than leaving an empty draft behind.
#[test]
fn import_one_into_a_folder_and_nothing_found() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), SEED_TEXT).unwrap();
    std::fs::write(dir.path().join("empty.txt"), "Just a title\n\nand a line of prose.\n").unwrap();
    let o = podium_in(dir.path(), &["import", "a.txt", "-o", "out/"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(dir.path().join("out/child-online-protection-through-multistakeholder-engagement.yaml").is_file());
    let o = podium_in(dir.path(), &["import", "empty.txt", "-o", "out/"], None);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o), "podium import: empty.txt: nothing to import: no speakers or quotes found\n");
    assert_eq!(stdout(&o), "1 input: 0 imported, 1 failed\n");
    assert_eq!(std::fs::read_dir(dir.path().join("out")).unwrap().count(), 1);
}

/// Many inputs onto a full disk: each is reported, none leaves a file, and the
/// exit status says the output could not be written.
#[test]
fn import_many_onto_a_full_disk_leaves_no_partial_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("r.txt"), SEED_TEXT).unwrap();
    let o = import_onto_a_full_disk(dir.path(), &["r.txt", "-o", "out/"]);
    assert_eq!(o.status.code(), Some(2));
    let name = "out/child-online-protection-through-multistakeholder-engagement.yaml";
    assert_eq!(stderr(&o), format!("podium import: r.txt: cannot write {name}: File too large\n").repeat(2));
    assert_eq!(stdout(&o), "2 inputs: 0 imported, 2 failed\n");
    assert_eq!(std::fs::read_dir(dir.path().join("out")).unwrap().count(), 0, "nothing left in the folder");
}

/// Killed before its first rename: the folder holds a recognisable temporary
/// file and no report, whole or partial.
#[test]
fn import_many_killed_before_a_rename_leaves_no_report() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("r.txt"), SEED_TEXT).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_podium"))
        .args(["import", "r.txt", "r.txt", "-o", "out/"])
        .current_dir(dir.path())
        .env("XDG_CONFIG_HOME", "/nonexistent-podium-config")
        .env("PODIUM_TEST_KILL_BEFORE_RENAME", "1")
        .output()
        .unwrap();
    assert_ne!(o.status.code(), Some(0));
    let left: Vec<String> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(left.len(), 1, "{left:?}");
    assert!(left[0].starts_with(".podium-import-") && left[0].ends_with(".tmp"), "{left:?}");
}

/// `-o` naming a stream (a FIFO here; /dev/null is the same kind of thing)
/// writes into it: renaming a file over it would replace the pipe or, run as
/// root, the device node itself.
#[test]
fn import_into_a_fifo_writes_into_it_and_leaves_it_a_fifo() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("out");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("SKIPPED: mkfifo not available");
        return;
    }
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/00-seed.txt");
    for force in [false, true] {
        let mut args = vec!["import", seed.to_str().unwrap(), "-o", fifo.to_str().unwrap()];
        if force {
            args.push("--force");
        }
        // One reader a run, gone before the next: a reader still holding the
        // pipe open would let the next run write to it instead, and leave
        // the next reader waiting for a writer forever.
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
        };
        let o = podium(&args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(), "still a FIFO");
        assert!(reader.join().unwrap().contains("title:"), "the YAML went through the pipe");
    }
}

/// A library where people recur: Vinton Cerf written three ways (middle
/// initial, honorific, capitals), João Pessoa with and without accents and
/// behind "H.E. Ambassador", Anna Cerf (his surname, another person), V. Cerf
/// and Vint Cerf (likely him, not merged without being told), a `person:`
/// that merges a nickname and one that splits a namesake.
fn people_library() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        (
            "a.yaml",
            "title: Internet at 40\ndate: 2015-11-10\nstart: \"10:00\"\nspeakers:\n\
             \x20 - name: Vinton G. Cerf\n    role: Chief Internet Evangelist\n    organisation: Google\n    moderator: true\n\
             \x20 - name: Anna Cerf\n    role: Student\n\
             \x20 - name: João Pessoa\n\
             quotes:\n  - speaker: vinton-g-cerf\n    text: The internet is for everyone.\n\
             \x20 - speaker: anna-cerf\n    text: I agree.\n",
        ),
        (
            "b.yaml",
            "title: Governance | the next decade\ndate: 2019-11-26\nspeakers:\n\
             \x20 - name: Dr. VINTON Cerf\n    role: VP\n    organisation: Google\n\
             \x20 - name: Joao Pessoa\n    organisation: Recife Lab\n\
             \x20 - name: V. Cerf\n\
             \x20 - name: VGC\n    person: Vinton Cerf\n\
             quotes:\n  - speaker: dr-vinton-cerf\n    text: Interoperability matters.\n    context: Closing remarks.\n\
             \x20 - speaker: vgc\n    text: Said as VGC.\n",
        ),
        (
            "c.yaml",
            "title: Identity\ndate: 2017-12-18\nspeakers:\n\
             \x20 - name: H.E. Ambassador João Pessoa\n    role: Ambassador\n\
             \x20 - name: Vint Cerf\n\
             \x20 - name: John Carr\n    organisation: ECPAT\n\
             \x20 - name: John Carr\n    id: other-carr\n    person: John Carr (Leeds)\n",
        ),
    ];
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

/// `--config FILE` with `[people]` aliases: Vint Cerf and V. Cerf are Vinton Cerf.
fn aliases_config(dir: &Path) -> String {
    let path = dir.join("config.toml");
    std::fs::write(&path, "[people]\n\"Vint Cerf\" = \"Vinton Cerf\"\n\"V. Cerf\" = \"Vinton Cerf\"\n").unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn people_lists_everyone_once_however_their_name_is_written() {
    let lib = people_library();
    let o = podium_in(lib.path(), &["people", "."], None);
    assert_eq!((o.status.code(), stderr(&o).as_str()), (Some(0), ""));
    assert_eq!(
        stdout(&o),
        "\
Joao Pessoa        3 sessions  0 quotes  2015-11-10 – 2019-11-26  Recife Lab
Vinton Cerf        2 sessions  3 quotes  2015-11-10 – 2019-11-26  VP · Google
Anna Cerf          1 session   1 quote   2015-11-10               Student
John Carr          1 session   0 quotes  2017-12-18               ECPAT
John Carr (Leeds)  1 session   0 quotes  2017-12-18
V. Cerf            1 session   0 quotes  2019-11-26
Vint Cerf          1 session   0 quotes  2017-12-18
"
    );
    let by_name = stdout(&podium_in(lib.path(), &["people", ".", "--sort", "name"], None));
    let names: Vec<&str> = by_name.lines().map(|l| l.split("  ").next().unwrap()).collect();
    assert_eq!(
        names,
        ["Anna Cerf", "Joao Pessoa", "John Carr", "John Carr (Leeds)", "V. Cerf", "Vint Cerf", "Vinton Cerf"]
    );
}

#[test]
fn people_as_markdown_and_json() {
    let lib = people_library();
    let o = podium_in(lib.path(), &["people", ".", "--format", "markdown"], None);
    assert_eq!(o.status.code(), Some(0));
    let md = stdout(&o);
    let lines: Vec<&str> = md.lines().collect();
    assert_eq!(lines[0], "| Name | Sessions | Quotes | Role · organisation | First | Last |");
    assert_eq!(lines[1], "|---|---:|---:|---|---|---|");
    assert_eq!(lines[3], "| Vinton Cerf | 2 | 3 | VP · Google | 2015-11-10 | 2019-11-26 |");
    assert_eq!(lines[5], "| John Carr | 1 | 0 | ECPAT | 2017-12-18 | 2017-12-18 |");
    assert_eq!(lines.len(), 2 + 7);
    assert_eq!(md, stdout(&podium_in(lib.path(), &["people", ".", "--format", "md"], None)));

    let o = podium_in(lib.path(), &["people", ".", "--format", "json"], None);
    assert_eq!(o.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), 7);
    assert_eq!(
        rows[1],
        serde_json::json!({
            "name": "Vinton Cerf", "key": "vinton cerf", "sessions": 2, "quotes": 3,
            "role": "VP", "organisation": "Google",
            "first_date": "2015-11-10", "last_date": "2019-11-26", "reports": ["b", "a"]
        })
    );
    assert_eq!(rows[0]["reports"], serde_json::json!(["b", "c", "a"]), "newest first");
    assert_eq!(rows[2]["organisation"], serde_json::Value::Null);
}

#[test]
fn people_with_aliases_merges_the_names_the_configuration_gives() {
    let lib = people_library();
    let config = aliases_config(lib.path());
    let o = podium_in(lib.path(), &["people", ".", "--config", &config], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("Joao Pessoa        3 sessions  0 quotes  2015-11-10 – 2019-11-26  Recife Lab\nVinton Cerf        3 sessions  3 quotes  2015-11-10 – 2019-11-26  VP · Google\n"), "{out}");
    assert!(!out.contains("Vint Cerf") && !out.contains("V. Cerf"), "{out}");
    assert!(out.contains("\nAnna Cerf "), "a shared surname stays someone else: {out}");
}

#[test]
fn people_on_an_empty_library_lists_no_one_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("quiet.yaml"), "title: No one spoke\ndate: 2020-01-01\n").unwrap();
    let empty = tempfile::tempdir().unwrap();
    for path in [dir.path(), empty.path()] {
        let path = path.to_str().unwrap();
        for (format, expected) in [("text", ""), ("markdown", ""), ("json", "[]\n")] {
            let o = podium(&["people", path, "--format", format]);
            assert_eq!(o.status.code(), Some(1), "{format}");
            assert_eq!(stdout(&o), expected, "{format}");
        }
    }
    // A file that does not load: its problem on stderr, the others listed, exit 1.
    std::fs::write(dir.path().join("bad.yaml"), "title: x\ndate: 2015-13-40\n").unwrap();
    std::fs::write(dir.path().join("ok.yaml"), "title: T\ndate: 2020-01-01\nspeakers: [{name: Ann Lee}]\n").unwrap();
    let o = podium(&["people", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("bad.yaml:2:7: error: date"), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("Ann Lee  1 session"), "{}", stdout(&o));
}

#[test]
fn show_person_prints_appearances_and_quotes_newest_first() {
    let lib = people_library();
    // Honorific, capitals and a middle initial: still him.
    let o = podium_in(lib.path(), &["show", "person:Prof. vinton G. CERF", "."], None);
    assert_eq!((o.status.code(), stderr(&o).as_str()), (Some(0), ""));
    assert_eq!(
        stdout(&o),
        "\
Vinton Cerf
===========

Sessions: 2
Quotes:   3
Dates:    2015-11-10 – 2019-11-26
Now:      VP · Google
Also as:  Dr. VINTON Cerf, VGC, Vinton G. Cerf

Appearances
-----------
2019-11-26  Governance | the next decade (b)
            as Dr. VINTON Cerf · VP · Google
2019-11-26  Governance | the next decade (b)
            as VGC
2015-11-10  Internet at 40 (a)
            as Vinton G. Cerf · Chief Internet Evangelist · Google · moderator

Quotes
------
“Interoperability matters.”
    — Governance | the next decade, 2019-11-26 (b)
    (Closing remarks.)

“Said as VGC.”
    — Governance | the next decade, 2019-11-26 (b)

“The internet is for everyone.”
    — Internet at 40, 2015-11-10 (a)
"
    );
    let md = stdout(&podium_in(lib.path(), &["show", "person:Vinton Cerf", ".", "--format", "markdown"], None));
    assert!(md.starts_with("# Vinton Cerf\n\n- **Sessions:** 2\n"), "{md}");
    assert!(
        md.contains(
            "\n## Appearances\n\n- 2019-11-26, *Governance | the next decade* (b) — as Dr. VINTON Cerf, VP, Google\n"
        ),
        "{md}"
    );
    assert!(
        md.contains(
            "- 2015-11-10, *Internet at 40* (a) — as Vinton G. Cerf, Chief Internet Evangelist, Google, moderator\n"
        ),
        "{md}"
    );
    assert!(md.contains("\n## Quotes\n\n> Interoperability matters.\n>\n> — Dr. VINTON Cerf, VP, Google, *Governance | the next decade*, 2019-11-26\n\n(Closing remarks.)\n"), "{md}");
    let json: serde_json::Value = serde_json::from_str(&stdout(&podium_in(
        lib.path(),
        &["show", "person:Vinton Cerf", ".", "--format", "json"],
        None,
    )))
    .unwrap();
    assert_eq!(json["person"]["key"], "vinton cerf");
    assert_eq!(json["appearances"].as_array().unwrap().len(), 3);
    assert_eq!(json["appearances"][2]["moderator"], true);
    assert_eq!(json["appearances"][2]["name"], "Vinton G. Cerf");
    assert_eq!(json["quotes"][0]["text"], "Interoperability matters.");
    assert_eq!(json["quotes"][0]["context"], "Closing remarks.");
    assert_eq!(json["quotes"][2]["report"], "a");
}

#[test]
fn show_person_fuzzy_when_unique_else_1_or_2() {
    let lib = people_library();
    // Accents do not count, and a fuzzy name finding one person is that person.
    for name in ["person:João Pessoa", "person:pesoa"] {
        let o = podium_in(lib.path(), &["show", name, "."], None);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        assert!(stdout(&o).starts_with("Joao Pessoa\n===========\n\nSessions: 3\n"), "{name}: {}", stdout(&o));
        assert!(stdout(&o).contains("            as H.E. Ambassador João Pessoa · Ambassador\n"), "{}", stdout(&o));
    }
    let o = podium_in(lib.path(), &["show", "person:Nobody Here", "."], None);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "");
    assert_eq!(stderr(&o), "podium: no person matches `Nobody Here`; `podium people` lists everyone\n");
    let o = podium_in(lib.path(), &["show", "person:carr", "."], None);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stdout(&o), "");
    assert_eq!(
        stderr(&o),
        "podium: 2 people match `carr`; name one of them:\n  John Carr          1 session\n  John Carr (Leeds)  1 session\n"
    );
    let o = podium_in(lib.path(), &["show", "person:", "."], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("person: needs a name"), "{}", stderr(&o));
    // The alias names him too.
    let config = aliases_config(lib.path());
    let o = podium_in(lib.path(), &["show", "person:vint cerf", ".", "--config", &config], None);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).starts_with("Vinton Cerf\n===========\n\nSessions: 3\n"), "{}", stdout(&o));
}

#[test]
fn a_report_whose_id_starts_with_person_is_still_shown() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = "id: \"person:who\"\ntitle: Ids may hold a colon\ndate: 2020-01-01\nspeakers: [{name: Who Else}]\n";
    std::fs::write(dir.path().join("r.yaml"), yaml).unwrap();
    let o = podium_in(dir.path(), &["show", "person:who", "."], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("Ids may hold a colon\n"), "{}", stdout(&o));
    let o = podium_in(dir.path(), &["show", "person:who else", "."], None);
    assert!(stdout(&o).starts_with("Who Else\n"), "{}", stdout(&o));
}

#[test]
fn validate_warns_of_likely_duplicates_with_both_positions() {
    let lib = people_library();
    let o = podium_in(lib.path(), &["validate", "."], None);
    assert_eq!(o.status.code(), Some(0), "warnings do not fail validate: {}", stderr(&o));
    assert_eq!(stdout(&o), "3 files checked: 3 reports loaded, 3 warnings\n");
    let merge = "merge them with person: or [people], or split them with person:";
    assert_eq!(
        stderr(&o),
        format!(
            "./b.yaml:9:11: warning: \"V. Cerf\" may be the same person as \"Vinton G. Cerf\" (./a.yaml:5:11); {merge}\n\
             ./b.yaml:9:11: warning: \"V. Cerf\" may be the same person as \"Vint Cerf\" (./c.yaml:6:11); {merge}\n\
             ./c.yaml:6:11: warning: \"Vint Cerf\" may be the same person as \"Vinton G. Cerf\" (./a.yaml:5:11); {merge}\n"
        )
    );
    let config = aliases_config(lib.path());
    let o = podium_in(lib.path(), &["validate", ".", "--config", &config], None);
    assert_eq!((stderr(&o).as_str(), o.status.code()), ("", Some(0)), "merged by the aliases");
    assert_eq!(stdout(&o), "3 files checked: 3 reports loaded, no problems\n");
    // With an error as well: the status is the error's.
    std::fs::write(lib.path().join("bad.yaml"), "title: x\ndate: 2015-13-40\n").unwrap();
    let o = podium_in(lib.path(), &["validate", "."], None);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "4 files checked: 3 reports loaded, 1 error in 1 file, 3 warnings\n");
}

#[test]
fn search_speaker_finds_a_person_however_written() {
    let lib = people_library();
    let speakers = |args: &[&str]| -> Vec<String> {
        let o = podium_in(lib.path(), args, None);
        let mut v: Vec<String> = stdout(&o).lines().map(|l| l.split('\t').nth(2).unwrap().to_string()).collect();
        v.sort();
        v
    };
    let q = ["search", "speaker:\"Dr Vinton G. Cerf\"", ".", "--kind", "speaker"];
    assert_eq!(speakers(&q), ["Dr. VINTON Cerf", "VGC", "Vinton G. Cerf"]);
    let config = aliases_config(lib.path());
    let q = ["search", "speaker:\"Vint Cerf\"", ".", "--kind", "speaker", "--config", &config];
    assert_eq!(speakers(&q), ["Dr. VINTON Cerf", "V. Cerf", "VGC", "Vint Cerf", "Vinton G. Cerf"]);
    assert_eq!(speakers(&["search", "speaker:carr", ".", "--kind", "speaker"]), ["John Carr", "John Carr"]);
}

#[test]
fn validate_is_quiet_about_people_split_on_purpose() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.yaml"), "title: A\ndate: 2015-01-01\nspeakers: [{name: Vinton Cerf}]\n").unwrap();
    let b = "title: B\ndate: 2016-01-01\nspeakers:\n  - name: V. Cerf\n";
    std::fs::write(dir.path().join("b.yaml"), b).unwrap();
    let o = podium_in(dir.path(), &["validate", "."], None);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stderr(&o).starts_with(
            "./b.yaml:4:11: warning: \"V. Cerf\" may be the same person as \"Vinton Cerf\" (./a.yaml:3:19)"
        ),
        "{}",
        stderr(&o)
    );
    std::fs::write(dir.path().join("b.yaml"), format!("{b}    person: Valerie Cerf\n")).unwrap();
    let o = podium_in(dir.path(), &["validate", "."], None);
    assert_eq!((stderr(&o).as_str(), o.status.code()), ("", Some(0)));
    assert_eq!(stdout(&o), "2 files checked: 2 reports loaded, no problems\n");
    // From standard input the file cannot be read again: the document's first line stands in.
    let o = podium_in(dir.path(), &["validate", "-", "a.yaml"], Some(b.as_bytes()));
    assert!(
        stderr(&o).contains(": warning: \"V. Cerf\" may be the same person as \"Vinton Cerf\" (a.yaml:3:19)"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_mistyped_command_gets_a_suggestion_unless_a_path_has_that_name() {
    let dir = tempfile::tempdir().unwrap();
    for (typed, meant) in [("serch", "search"), ("lsit", "list"), ("valdate", "validate"), ("shwo", "show")] {
        let o = podium_in(dir.path(), &[typed, "teachers"], None);
        assert_eq!(o.status.code(), Some(2), "{typed}");
        assert_eq!(stdout(&o), "", "{typed}");
        let err = stderr(&o);
        assert!(err.contains(&format!("unknown command '{typed}'; did you mean '{meant}'?")), "{typed}: {err}");
        assert!(!err.contains("no such file"), "{typed}: {err}");
    }
    // A word close to no command is still a path that is not there.
    let o = podium_in(dir.path(), &["teachers"], None);
    assert_eq!((o.status.code(), stderr(&o).as_str()), (Some(2), "podium: teachers: no such file or folder\n"));
    // A file (or folder) of that name is read, as any path is.
    std::fs::copy("content/igf2015-child-online-protection.yaml", dir.path().join("serch")).unwrap();
    std::fs::create_dir(dir.path().join("lsit")).unwrap();
    for path in ["serch", "lsit"] {
        let o = podium_in(dir.path(), &[path], None);
        assert!(!stderr(&o).contains("unknown command"), "{path}: {}", stderr(&o));
        assert!(stderr(&o).contains("the reader needs a terminal"), "{path}: {}", stderr(&o));
    }
}

#[test]
fn list_takes_format_text_markdown_and_json() {
    let text = podium(&["list", "content"]);
    let o = podium(&["list", "content", "--format", "text"]);
    assert_eq!((o.status.code(), stdout(&o)), (Some(0), stdout(&text)));
    let json = podium(&["list", "content", "--format", "json"]);
    assert_eq!(json.status.code(), Some(0));
    assert_eq!(stdout(&json), stdout(&podium(&["list", "content", "--json"])), "--json stays --format json");
    let value: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(value[0]["id"], SEED);
    let md = podium(&["list", "content", "--format", "markdown"]);
    assert_eq!(md.status.code(), Some(0), "{}", stderr(&md));
    assert_eq!(
        stdout(&md),
        format!(
            "| Id | Date | Time | Title | Speakers | Quotes |\n|---|---|---|---|---:|---:|\n\
             | {SEED} | 2015-11-10 | 14:00–15:00 | Child online protection through multistakeholder engagement | 4 | 3 |\n"
        )
    );
    assert_eq!(stdout(&podium(&["list", "content", "--format", "md"])), stdout(&md));
    // Text from a file cannot break the table or add Markdown of its own.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a_b.yaml"), "title: \"A | B *bold* [link](x) <b>\"\ndate: 2020-01-01\n").unwrap();
    let o = podium(&["list", dir.path().to_str().unwrap(), "--format", "markdown"]);
    let row = stdout(&o).lines().nth(2).unwrap_or_default().to_string();
    assert_eq!(row, "| a\\_b | 2020-01-01 |  | A \\| B \\*bold\\* \\[link\\](x) \\<b> | 0 | 0 |");
    assert_eq!(podium(&["list", "content", "--format", "yaml"]).status.code(), Some(2));
    assert_eq!(podium(&["list", "content", "--json", "--format", "text"]).status.code(), Some(2));
}

#[test]
fn validate_and_list_say_when_a_folder_has_no_report_files() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let notes = dir.path().join("notes");
    std::fs::create_dir(&notes).unwrap();
    std::fs::write(notes.join("report.txt"), "title: Not a YAML name\n").unwrap();
    for folder in ["empty", "notes"] {
        let message =
            format!("podium: no report files found in {folder} (folders are searched for *.yaml and *.yml)\n");
        for args in [&["validate", folder][..], &["list", folder], &["list", folder, "--format", "markdown"]] {
            let o = podium_in(dir.path(), args, None);
            assert_eq!(o.status.code(), Some(1), "{args:?}: nothing found, as grep");
            assert_eq!(stderr(&o), message, "{args:?}");
            assert_eq!(stdout(&o), "", "{args:?}: no '0 files checked … no problems'");
        }
        // JSON stays JSON for the pipe.
        let o = podium_in(dir.path(), &["list", folder, "--format", "json"], None);
        assert_eq!((o.status.code(), stdout(&o), stderr(&o)), (Some(1), "[]\n".to_string(), message));
    }
    let o = podium_in(dir.path(), &["validate", "empty", "notes"], None);
    assert_eq!(
        stderr(&o),
        "podium: no report files found in empty, notes (folders are searched for *.yaml and *.yml)\n"
    );
    // The default library: an empty ./content.
    std::fs::create_dir(dir.path().join("content")).unwrap();
    let o = podium_in(dir.path(), &["list"], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).starts_with("podium: no report files found in content "), "{}", stderr(&o));
    // A file named on the command line is read whatever its name; a folder with one report is fine.
    let o = podium_in(dir.path(), &["validate", "notes/report.txt"], None);
    assert!(!stderr(&o).contains("no report files"), "{}", stderr(&o));
    std::fs::copy("content/igf2015-child-online-protection.yaml", empty.join("a.yaml")).unwrap();
    let o = podium_in(dir.path(), &["validate", "empty"], None);
    assert_eq!((o.status.code(), stderr(&o).as_str()), (Some(0), ""));
    // The exit status is documented where a user looks.
    for sub in ["validate", "list"] {
        let help = stdout(&podium(&[sub, "--help"]));
        assert!(help.contains("Exit status:") && help.contains("no report files"), "{sub}: {help}");
    }
}

/// `podium __complete ids` with a library of a good and a bad file in `./content`.
fn library_with_a_bad_file() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    std::fs::copy("content/igf2015-child-online-protection.yaml", dir.path().join("content/seed.yaml")).unwrap();
    std::fs::write(dir.path().join("content/bad.yaml"), "title: Bad\ndate: 2015-13-40\n").unwrap();
    std::fs::write(dir.path().join("content/odd.yaml"), "id: \"$(touch pwned) x\"\ntitle: Odd\ndate: 2020-01-01\n")
        .unwrap();
    dir
}

#[test]
fn hidden_complete_prints_report_ids_and_never_a_problem() {
    let dir = library_with_a_bad_file();
    let o = podium_in(dir.path(), &["__complete", "ids"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
    assert_eq!(stdout(&o), format!("$(touch pwned) x\n{SEED}\n"));
    // A broken configuration, or a word it does not know: silent too.
    std::fs::write(dir.path().join("bad.toml"), "theme = 3\n").unwrap();
    let o = podium_in(dir.path(), &["__complete", "ids", "--config", "bad.toml"], None);
    assert_eq!((o.status.code(), stderr(&o).as_str()), (Some(0), ""));
    assert!(stdout(&o).contains(SEED));
    let o = podium_in(dir.path(), &["__complete", "nonsense"], None);
    assert_eq!((o.status.code(), stdout(&o).as_str(), stderr(&o).as_str()), (Some(2), "", ""));
    // Hidden from help, the manual and every completion script's list of commands.
    assert!(!stdout(&podium(&["--help"])).contains("__complete"));
    assert!(!stdout(&podium(&["man"])).contains("__complete"));
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = stdout(&podium(&["completions", shell]));
        let offered = script.lines().filter(|l| l.contains("__complete") && !l.contains("__complete ids"));
        assert_eq!(offered.count(), 0, "{shell}");
    }
}

/// What bash completes for `words` (the last being the word under the cursor), run in `dir` with
/// the generated script, and what it printed on stderr.
fn bash_complete(dir: &Path, words: &str) -> (String, String) {
    let script = stdout(&podium(&["completions", "bash"]));
    let bin = Path::new(env!("CARGO_BIN_EXE_podium")).parent().unwrap().to_str().unwrap().to_string();
    let test = format!(
        "{script}\nCOMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1))\n\
         _podium podium \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"\n\
         printf '%s\\n' \"${{COMPREPLY[@]}}\"\n"
    );
    let mut child = Command::new("bash")
        .args(["--norc", "--noprofile", "-s"])
        .current_dir(dir)
        .env("PATH", format!("{bin}:{}", std::env::var("PATH").unwrap_or_default()))
        .env("XDG_CONFIG_HOME", "/nonexistent-podium-config")
        .env("XDG_CACHE_HOME", std::env::temp_dir().join("podium-test-cache"))
        .env_remove("PODIUM_CONTENT")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("bash runs");
    use std::io::Write;
    child.stdin.take().unwrap().write_all(test.as_bytes()).unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{words}: {}", stderr(&o));
    (stdout(&o), stderr(&o))
}

#[test]
fn bash_completes_show_with_report_ids_and_paths() {
    let dir = library_with_a_bad_file();
    let (out, err) = bash_complete(dir.path(), "podium show ''");
    let offered: Vec<&str> = out.lines().collect();
    assert!(offered.contains(&SEED), "{out}");
    assert!(offered.contains(&"$(touch pwned) x"), "an id is offered as written: {out}");
    assert!(offered.contains(&"content"), "paths too: {out}");
    assert!(!offered.iter().any(|w| w.starts_with('-')), "no options for an empty word: {out}");
    assert_eq!(err, "", "no load problem");
    assert!(!out.contains("error") && !dir.path().join("pwned").exists(), "{out}");
    // Narrowed by what is typed, after options and their values, and only for the report.
    let (out, _) = bash_complete(dir.path(), "podium --config x.toml show --format json igf");
    assert_eq!(out, format!("{SEED}\n"));
    let (out, _) = bash_complete(dir.path(), "podium show --format ''");
    assert_eq!(out.lines().collect::<Vec<_>>(), ["text", "markdown", "json"]);
    let (out, _) = bash_complete(dir.path(), "podium show igf ''");
    assert!(!out.contains(SEED) && out.lines().any(|l| l == "content"), "the PATH after the report: {out}");
    let (out, _) = bash_complete(dir.path(), "podium show --f");
    assert_eq!(out, "--format\n");
    let (out, _) = bash_complete(dir.path(), "podium list ''");
    assert!(!out.contains(SEED), "{out}");
    let (out, _) = bash_complete(dir.path(), "podium __");
    assert_eq!(out.trim(), "", "the hidden command is not offered");
}

#[test]
fn zsh_and_fish_scripts_complete_the_report_from_the_hidden_command() {
    let zsh = stdout(&podium(&["completions", "zsh"]));
    assert!(zsh.contains(":report -- A report id") && zsh.contains(":_podium_reports' \\\n"), "{zsh}");
    assert!(zsh.contains("__complete ids"));
    // The reader's PATHs no longer take the place of the command (`podium show <Tab>` offered the
    // commands again); the first word is a command or a PATH.
    assert!(!zsh.contains("'::paths -- ") && zsh.contains("\":: :_podium_commands_or_paths\" \\\n"), "{zsh}");
    assert!(zsh.contains("case $line[1] in") && !zsh.contains("$line[2]"), "{zsh}");
    let fish = stdout(&podium(&["completions", "fish"]));
    assert!(fish.contains("__complete ids"), "{fish}");
    // fish can be asked what it completes, when it is installed.
    let Ok(o) = Command::new("fish").arg("--version").output() else { return };
    assert!(o.status.success());
    let dir = library_with_a_bad_file();
    let bin = Path::new(env!("CARGO_BIN_EXE_podium")).parent().unwrap().to_str().unwrap().to_string();
    let complete = |line: &str| -> (String, String) {
        let o = Command::new("fish")
            .args(["--no-config", "-c"])
            .arg(format!("{fish}\ncomplete -C '{line}'"))
            .current_dir(dir.path())
            .env("PATH", format!("{bin}:{}", std::env::var("PATH").unwrap_or_default()))
            .env("XDG_CONFIG_HOME", "/nonexistent-podium-config")
            .env("XDG_CACHE_HOME", std::env::temp_dir().join("podium-test-cache"))
            .env_remove("PODIUM_CONTENT")
            .output()
            .unwrap();
        (stdout(&o), stderr(&o))
    };
    let (out, err) = complete("podium show ");
    assert!(out.lines().any(|l| l == SEED), "{out}");
    assert!(out.lines().any(|l| l.starts_with("content/")), "paths too: {out}");
    assert_eq!(err, "");
    assert!(!dir.path().join("pwned").exists());
    let (out, _) = complete("podium show --format json ig");
    assert_eq!(out, format!("{SEED}\n"));
    let (out, _) = complete("podium show igf ");
    assert!(!out.contains(SEED), "{out}");
}

#[test]
fn man_synopsis_names_values_and_nothing_is_hyphenated() {
    let page = stdout(&podium(&["man"]));
    let synopsis = page.split("\n.SH SYNOPSIS\n").nth(1).unwrap().split("\n.SH ").next().unwrap();
    for option in ["\\fB\\-\\-max\\-file\\-size\\fR\\ \\fISIZE\\fR", "\\fB\\-\\-config\\fR\\ \\fIFILE\\fR"] {
        assert!(synopsis.contains(option), "{option} in {synopsis}");
    }
    assert!(page.contains("[\\fB\\-\\-format\\fR\\ \\fIFORMAT\\fR]"), "subcommands' synopses too");
    assert!(page.contains("[\\fB\\-o\\fR|\\fB\\-\\-output\\fR\\ \\fIFILE\\fR]"));
    // Rendered as man does, 80 columns wide: no word broken by hyphenation (groff marks such a
    // break with U+2010) and the synopsis as written.
    let Ok(mut child) = Command::new("groff")
        .args(["-man", "-Tutf8", "-rLL=80n", "-P-cbou"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    else {
        return;
    };
    use std::io::Write;
    child.stdin.take().unwrap().write_all(page.as_bytes()).unwrap();
    let o = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("[--max-file-size SIZE]") && text.contains("[--config FILE]"), "{text}");
    let broken: Vec<&str> = text.lines().filter(|l| l.trim_end().ends_with('\u{2010}')).collect();
    assert!(broken.is_empty(), "hyphenated: {broken:#?}");
    assert!(text.contains("speaker:NAME"), "{text}");
}

#[test]
fn help_says_where_the_library_comes_from_and_readme_the_rust_version() {
    let help = stdout(&podium(&["--help"]));
    let flat = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("$PODIUM_CONTENT (paths separated by ':'), else the configuration's content, else ./content"),
        "{help}"
    );
    let rust = env!("CARGO_PKG_RUST_VERSION");
    assert!(!rust.is_empty(), "Cargo.toml has a rust-version");
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    assert!(readme.contains(&format!("Rust {rust} or later")), "README states Rust {rust}");
}

#[test]
fn search_speaker_and_report_hits_print_the_field_that_matched() {
    let search = |args: &[&str]| -> serde_json::Value {
        let o = podium(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        serde_json::from_str(&stdout(&o)).unwrap()
    };
    let marked = |hit: &serde_json::Value| -> String {
        let text: Vec<char> = hit["text"].as_str().unwrap().chars().collect();
        hit["positions"].as_array().unwrap().iter().map(|p| text[p.as_u64().unwrap() as usize]).collect()
    };
    // The speaker's point with both words, not their name line (where only "and" might be).
    let hits = search(&["search", "teachers and parents", "content", "--kind", "speaker", "--json"]);
    assert_eq!(hits[0]["speaker"], "John Carr");
    assert_eq!(hits[0]["field"], "points[4]");
    let text = hits[0]["text"].as_str().unwrap();
    assert!(text.starts_with("Civil society's role goes beyond") && text.ends_with("possible impact."), "{text}");
    let marked_text = marked(&hits[0]);
    assert!(marked_text.contains("teachers") && marked_text.contains("parents"), "{marked_text}");
    // A name still shows the name line.
    let hits = search(&["search", "carr ecpat", "content", "--kind", "speaker", "--json"]);
    assert_eq!((hits[0]["field"].as_str(), marked(&hits[0]).as_str()), (Some("speaker"), "CarrECPAT"));
    // A report: the sentence of the summary, the tag, the title.
    let hits = search(&["search", "teachers parents", "content", "--kind", "report", "--json"]);
    assert_eq!(hits[0]["field"], "summary");
    let text = hits[0]["text"].as_str().unwrap();
    assert!(text.starts_with("He took this gap") && text.ends_with("greatest possible effect."), "{text}");
    assert_eq!(marked(&hits[0]), "teachersparents");
    let hits = search(&["search", "online abuse", "content", "--kind", "report", "--json"]);
    assert_eq!((hits[0]["field"].as_str(), hits[0]["text"].as_str()), (Some("tags[2]"), Some("online child abuse")));
    let hits = search(&["search", "child protection", "content", "--kind", "report", "--json"]);
    assert_eq!(hits[0]["field"], "title");
    // A quote is its own words.
    let hits = search(&["search", "teachers parents", "content", "--kind", "quote", "--json"]);
    assert_eq!(hits[0]["field"], "text");
    // TSV's TEXT and Markdown say the same.
    let o = podium(&["search", "teachers and parents", "content", "--kind", "speaker", "--limit", "1"]);
    assert!(stdout(&o).contains("\tJohn Carr\tCivil society's role goes beyond"), "{}", stdout(&o));
    let o = podium(&["search", "teachers and parents", "content", "--kind", "speaker", "--format", "markdown"]);
    assert!(stdout(&o).contains("2015-11-10\n  - point 5: Civil society's role goes beyond helping"), "{}", stdout(&o));
}
