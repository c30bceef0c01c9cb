//! The gallery of hostile files (tests/fixtures/hostile/, plus files too big
//! or too strange to keep in the repository, made here): each gets its
//! message, every command finishes on all of them with grep's exit codes,
//! and nothing from a file reaches the terminal as a control sequence,
//! from the commands or from the reader's renderer.

mod common;

use podium::load::{Input, LoadOptions, load};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn gallery() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile")
}

/// The committed files plus the generated ones, in a temporary copy.
fn full_gallery() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(gallery()).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    let d = dir.path();
    let mut bomb = format!("title: bomb\ndate: 2015-11-10\ntags:\n  - &a \"{}\"\n", "x".repeat(100_000));
    bomb.push_str(&"  - *a\n".repeat(20_000));
    std::fs::write(d.join("alias-bomb.yaml"), bomb).unwrap();
    std::fs::write(
        d.join("deep-nesting.yaml"),
        format!("title: deep\ndate: 2015-11-10\ntags: {}", "[".repeat(100_000)),
    )
    .unwrap();
    std::fs::write(d.join("one-line-50mb.yaml"), vec![b'x'; 50 << 20]).unwrap();
    // For the importer: 200,000 paragraphs (11 MB), then 7,000 quotes in one paragraph; each
    // took minutes while some step of the import was quadratic (the command fails after 60 s).
    let mut text = String::from("Title\n\n26 November 2015\n\n");
    text.extend((0..200_000).map(|i| format!("Plain paragraph {i} here.\n\n")));
    std::fs::write(d.join("many-paragraphs.txt"), text).unwrap();
    let mut text = String::from("Title\n\n26 November 2015\n\nJane Roe, Director at Acme, spoke.");
    text.push_str(&" “quote x,” said Roe.".repeat(7_000));
    std::fs::write(d.join("many-quotes-one-paragraph.txt"), text).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::{PermissionsExt, symlink};
        std::fs::create_dir(d.join("loop")).unwrap();
        symlink(d, d.join("loop/back")).unwrap();
        assert!(Command::new("mkfifo").arg(d.join("fifo.yaml")).status().unwrap().success());
        let locked = d.join("unreadable.yaml");
        std::fs::write(&locked, "title: locked\ndate: 2015-11-10\n").unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    }
    dir
}

#[test]
fn each_file_gets_its_message() {
    let table: &[(&str, usize, &str)] = &[
        ("osc52-clipboard.yaml", 1, ""),
        ("osc0-title.yaml", 1, ""),
        ("csi-clear.yaml", 1, ""),
        ("osc8-link.yaml", 1, ""),
        ("c1-csi.yaml", 1, ""),
        ("bidi-zero-width.yaml", 1, ""),
        ("invalid-utf8.yaml", 0, "invalid-utf8.yaml:3:13: error: invalid UTF-8 at byte 39 (0xE9)"),
        ("utf16-bom.yaml", 0, "utf16-bom.yaml: error: file is UTF-16"),
        ("nul-bytes.yaml", 0, "nul-bytes.yaml:1:11: error: NUL byte in file"),
        ("alias-billion-laughs.yaml", 1, ""),
        ("parser-panic.yaml", 0, "parser-panic.yaml: error: the YAML parser failed on this file"),
        (
            "raw-control.yaml",
            0,
            "raw-control.yaml:4:13: error: control character U+001B in the file: YAML does not allow it (write \\e inside a double-quoted string) (and 1 more in this file)",
        ),
        (
            "alias-hidden-in-plain-text.yaml",
            0,
            "alias-hidden-in-plain-text.yaml:9:33: error: alias to an anchor that is not defined",
        ),
        (
            "alias-to-no-anchor.yaml",
            0,
            "alias-to-no-anchor.yaml:1:3: error: alias `*1` refers to no anchor `&1` defined before it",
        ),
    ];
    for (name, reports, message) in table {
        let lib = load(&[Input::Path(gallery().join(name))], &LoadOptions::default());
        assert_eq!(lib.reports.len(), *reports, "{name}");
        let problems: Vec<String> = lib.problems.iter().map(|p| p.to_string()).collect();
        if message.is_empty() {
            assert!(problems.is_empty(), "{name}: {problems:?}");
        } else {
            assert!(problems.len() == 1 && problems[0].contains(message), "{name}: {problems:?}");
        }
    }
}

fn no_control_sequences(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let bad = text.chars().find(|&c| {
        (c.is_control() && c != '\n' && c != '\t') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    });
    assert!(bad.is_none(), "{what}: {bad:?} in output");
}

/// Runs podium to the end (or fails after 60 s: nothing may hang). The
/// pipes are drained on threads, so a large output cannot block the child.
fn podium(dir: &Path, args: &[&str]) -> (i32, Vec<u8>, Vec<u8>) {
    use std::io::Read;
    let mut child = Command::new(env!("CARGO_BIN_EXE_podium"))
        .env("XDG_CACHE_HOME", std::env::temp_dir().join("podium-test-cache"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("podium {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    (status.code().unwrap_or(-1), out.join().unwrap(), err.join().unwrap())
}

#[test]
fn every_command_finishes_on_every_file_and_prints_no_control_sequence() {
    let dir = full_gallery();
    let d = dir.path();
    let mut runs: Vec<Vec<String>> = vec![
        vec!["validate".into(), ".".into()],
        vec!["list".into(), ".".into()],
        vec!["list".into(), ".".into(), "--json".into()],
        vec!["search".into(), "title".into(), ".".into()],
        vec!["search".into(), "screen".into(), ".".into(), "--json".into()],
        vec!["search".into(), "screen".into(), ".".into(), "--format".into(), "markdown".into()],
    ];
    for e in std::fs::read_dir(d).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().to_string();
        if name == "loop" {
            continue;
        }
        runs.push(vec!["validate".into(), name.clone()]);
        runs.push(vec!["show".into(), name.clone()]);
        runs.push(vec!["show".into(), name.clone(), "--json".into()]);
        runs.push(vec!["show".into(), name.clone(), "--format".into(), "markdown".into()]);
        runs.push(vec!["import".into(), name.clone()]);
    }
    for args in &runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, out, err) = podium(d, &args);
        assert!((0..=2).contains(&code), "{args:?} exited {code}: {}", String::from_utf8_lossy(&err));
        no_control_sequences(&format!("{args:?} stdout"), &out);
        no_control_sequences(&format!("{args:?} stderr"), &err);
    }
    // The whole gallery at once: every bad file reported, the rest loaded.
    let (code, out, err) = podium(d, &["validate", "."]);
    assert_eq!(code, 1);
    let err = String::from_utf8_lossy(&err);
    for expected in [
        "alias-bomb.yaml:",
        "text budget",
        "deep-nesting.yaml:",
        "nesting deeper than 64",
        "one-line-50mb.yaml: error: file is 50.0 MiB",
        "fifo.yaml: error: not a regular file",
        "symbolic link loop",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in\n{err}");
    }
    // The seven harmless-looking ones load (and the unreadable one too when the tests run as root).
    let out = String::from_utf8_lossy(&out);
    let loaded: usize =
        out.split(" reports loaded").next().and_then(|h| h.rsplit(' ').next()).and_then(|n| n.parse().ok()).unwrap();
    assert!((7..=8).contains(&loaded), "{out}");
}

/// File names are as untrusted as file contents: a report without an `id`
/// takes its file's stem, and paths are printed by most commands.
#[test]
fn a_file_name_sends_no_control_sequence_either() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let names = ["x\x1b]0;PWNED\x07\x1b[2J", "evil\u{202E}lmth", "two\nlines", "c1\u{9b}31m"];
    for name in names {
        std::fs::write(d.join(format!("{name}.yaml")), "title: clear screen\ndate: 2015-11-10\n").unwrap();
    }
    // Two files with the same stem in two folders get ids made from the folder.
    std::fs::create_dir(d.join("\x1b[31mred")).unwrap();
    std::fs::write(d.join("\x1b[31mred").join(format!("{}.yaml", names[0])), "title: again\ndate: 2015-11-10\n")
        .unwrap();
    for args in [
        &["validate", "."][..],
        &["list", "."],
        &["list", ".", "--json"],
        &["search", "clear", "."],
        &["search", "clear", ".", "--format", "json"],
        &["search", "clear", ".", "--format", "markdown"],
        &["show", "evil\u{FFFD}lmth", ".", "--format", "text"],
        &["show", "evil\u{FFFD}lmth", ".", "--format", "markdown"],
        &["show", "evil\u{FFFD}lmth", ".", "--format", "json"],
    ] {
        let (code, out, err) = podium(d, args);
        // validate and list exit 1 for the duplicate ids; show finds the report by its cleaned id.
        let want: &[i32] = if args[0] == "show" || args[0] == "search" { &[0] } else { &[0, 1] };
        assert!(want.contains(&code), "{args:?} exited {code}: {}", String::from_utf8_lossy(&err));
        no_control_sequences(&format!("{args:?} stdout"), &out);
        no_control_sequences(&format!("{args:?} stderr"), &err);
        // JSON keeps the data: an escape stays an escape once parsed, yet
        // `\u001b` printed raw by a careless `jq -r` is the reader's choice.
        let out = String::from_utf8_lossy(&out);
        assert!(!out.contains("\u{202E}") && !out.contains("two\nlines"), "{args:?}: {out}");
    }
    let lib = load(&[Input::Path(d.to_path_buf())], &LoadOptions::default());
    assert_eq!(lib.reports.len(), 5, "{:?}", lib.problems);
    for r in &lib.reports {
        assert!(!r.id.chars().any(|c| c.is_control() || c == '\u{202E}'), "id {:?}", r.id);
    }
}

#[test]
fn the_reader_draws_hostile_reports_with_only_its_own_escape_sequences() {
    use podium::app::{Action, Pane, State, update};
    use ratatui::backend::CrosstermBackend;
    use ratatui::layout::Rect;
    use ratatui::{Terminal, TerminalOptions, Viewport};
    let dir = full_gallery();
    let lib = load(&[Input::Path(dir.path().to_path_buf())], &LoadOptions::default());
    assert!(lib.reports.len() >= 7);
    for (w, h) in [(120, 40), (80, 24)] {
        let mut s = State::new(lib.clone(), w, h);
        for report in 0..s.library.reports.len() {
            s.open_report(report);
            for actions in [
                &[][..],
                &[Action::FocusPane(Pane::Speakers), Action::NextSpeaker],
                &[Action::FocusPane(Pane::Quotes), Action::Open],
                &[Action::Back, Action::Problems],
            ] {
                for a in actions {
                    update(&mut s, *a);
                }
                let out = common::Shared::default();
                let options = TerminalOptions { viewport: Viewport::Fixed(Rect::new(0, 0, w, h)) };
                let mut t = Terminal::with_options(CrosstermBackend::new(out.clone()), options).unwrap();
                t.draw(|f| podium::ui::draw(f, &s)).unwrap();
                common::assert_only_csi_moves_and_sgr(&out.0.borrow());
                update(&mut s, Action::Back);
            }
        }
    }
}

/// 150,000 tiny documents in one 6 MB file: each report's id position was
/// found by scanning from the top of the file, which took over a minute here
/// (quadratic); now each scan starts at its own document.
#[test]
fn a_file_of_many_documents_loads_with_the_right_positions() {
    let dir = tempfile::tempdir().unwrap();
    let docs: Vec<String> = (0..150_000).map(|i| format!("id: r{i}\ntitle: t\ndate: 2020-01-01")).collect();
    let mut text = docs.join("\n---\n");
    // The last document's id is taken: the problem points at its own line.
    text.push_str("\n---\nid: r7\ntitle: again\ndate: 2020-01-01\n");
    let path = dir.path().join("many.yaml");
    std::fs::write(&path, &text).unwrap();
    let lib = load(&[Input::Path(path)], &LoadOptions::default());
    assert_eq!(lib.reports.len(), 150_000);
    let last_line = text.lines().count() - 2;
    assert_eq!(lib.problems.len(), 1);
    let message = lib.problems[0].to_string();
    assert!(message.contains(&format!("many.yaml:{last_line}:5: error: duplicate report id `r7`")), "{message}");
}

/// The same with a problem in every document: each problem's position was
/// found by walking the file from its top (over two minutes for this 1.6 MB).
/// Problems now stop at 100 per file; a broken last document is still found
/// at its own line.
#[test]
fn a_file_of_many_broken_documents_gets_every_position() {
    let dir = tempfile::tempdir().unwrap();
    let doc = "title: t\ndate: 2020-01-01\nquotes:\n  - {speaker: nobody, text: hi}";
    let text = vec![doc; 20_000].join("\n---\n");
    let path = dir.path().join("broken.yaml");
    std::fs::write(&path, &text).unwrap();
    let lib = load(&[Input::Path(path.clone())], &LoadOptions::default());
    // 100 problems, then a note that the rest of the file is not checked.
    assert_eq!(lib.problems.len(), 101);
    let message = lib.problems[99].to_string();
    assert!(message.contains("broken.yaml:499:15: error: quote speaker `nobody`"), "{message}");
    assert!(lib.problems[100].message.starts_with("too many problems"));
    // Only the last document broken: its problem is found where it is, quickly.
    let good = "title: t\ndate: 2020-01-01";
    let mut docs = vec![good; 19_999];
    docs.push(doc);
    let text = docs.join("\n---\n");
    std::fs::write(&path, &text).unwrap();
    let lib = load(&[Input::Path(path)], &LoadOptions::default());
    let last_line = text.lines().count();
    let message = lib.problems[0].to_string();
    assert!(message.contains(&format!("broken.yaml:{last_line}:15: error: quote speaker `nobody`")), "{message}");
}

/// A `%YAML` directive before the first `---` belongs to that document: the
/// documents' start lines (and so every position found from them) stay right.
#[test]
fn a_directive_does_not_shift_the_documents() {
    let dir = tempfile::tempdir().unwrap();
    let text = "%YAML 1.2\n---\ntitle: a\ndate: 2020-01-01\n---\ntitle: b\ndate: 2020-01-01\ntitle: again\n";
    let path = dir.path().join("directive.yaml");
    std::fs::write(&path, text).unwrap();
    let lib = load(&[Input::Path(path)], &LoadOptions::default());
    let message = lib.problems[0].to_string();
    assert!(message.contains("directive.yaml:8:1: error: duplicate"), "{message}");
}

/// Issue 13: with `--max-file-size 3G`, a 2 GB sparse file was read whole
/// (19 s, 2.1 GB) before its NUL at 1:1 was reported. Files are checked piece
/// by piece as they are read: this one is refused after its first MiB.
#[test]
fn a_huge_file_with_a_nul_at_its_start_is_refused_after_one_piece() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sparse.yaml");
    // Sparse on most filesystems: no disk is used.
    std::fs::File::create(&path).unwrap().set_len(2 << 30).unwrap();
    let lib = load(&[Input::Path(path)], &LoadOptions { max_file_size: 3 << 30, ..Default::default() });
    let problems: Vec<String> = lib.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].ends_with("sparse.yaml:1:1: error: NUL byte in file: this looks like a binary file, not YAML"),
        "{problems:?}"
    );
    assert_eq!(lib.bytes, 1 << 20, "only the first piece is read");
}

/// Past the first piece, problems keep their line and column, and a file
/// with none loads as it did when it was read at once.
#[test]
fn problems_past_the_first_piece_keep_their_position() {
    let dir = tempfile::tempdir().unwrap();
    // Two-byte characters from an odd offset: one straddles the end of the first MiB.
    let clean = format!("title: {}\ndate: 2015-11-10\n", "é".repeat(600_000));
    let path = dir.path().join("long.yaml");
    std::fs::write(&path, &clean).unwrap();
    let lib = load(&[Input::Path(path.clone())], &LoadOptions::default());
    assert!(lib.problems.is_empty(), "{:?}", lib.problems);
    assert_eq!(lib.reports[0].title.chars().count(), 600_000);
    for (tail, want) in [
        (&b"x: \x1b\n"[..], "long.yaml:3:4: error: control character U+001B in the file"),
        (b"x: \0\n", "long.yaml:3:4: error: NUL byte in file"),
        (b"x: \xFF\n", "long.yaml:3:4: error: invalid UTF-8 at byte 1200028 (0xFF)"),
    ] {
        std::fs::write(&path, [clean.as_bytes(), tail].concat()).unwrap();
        let lib = load(&[Input::Path(path.clone())], &LoadOptions::default());
        let problems: Vec<String> = lib.problems.iter().map(|p| p.to_string()).collect();
        assert!(problems.len() == 1 && problems[0].contains(want), "{want}: {problems:?}");
    }
}
