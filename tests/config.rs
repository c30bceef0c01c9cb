//! The configuration file: defaults, themes, remapped keys (used by the state
//! machine and shown by the help), and errors with their positions.

use podium::app::key::{Code, Key};
use podium::app::{Action, Effect, Overlay, State, update};
use podium::config::{self, Config};
use podium::ui::theme::Palette;
use ratatui::style::Color;
use std::path::Path;
use std::sync::Arc;

fn parse(text: &str) -> Result<Config, Vec<String>> {
    config::parse(text, Path::new("config.toml")).map_err(|ps| ps.iter().map(ToString::to_string).collect())
}

#[test]
fn a_missing_file_means_the_defaults_but_a_named_one_must_exist() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("podium/config.toml");
    assert_eq!(config::load(None, Some(&missing)), Ok(Config::default()));
    assert_eq!(config::load(None, None), Ok(Config::default()));
    let err = config::load(Some(&missing), None).unwrap_err();
    assert!(err[0].to_string().ends_with("config.toml: error: no such file or folder"), "{}", err[0]);
    // An empty file is a valid one.
    std::fs::write(dir.path().join("empty.toml"), "").unwrap();
    assert_eq!(config::load(Some(&dir.path().join("empty.toml")), None), Ok(Config::default()));
}

#[test]
fn the_default_path_follows_xdg() {
    let p = |xdg: Option<&str>, home: Option<&str>| {
        config::default_path(xdg.map(AsRef::as_ref), home.map(AsRef::as_ref)).map(|p| p.display().to_string())
    };
    assert_eq!(p(Some("/x/cfg"), Some("/home/u")).as_deref(), Some("/x/cfg/podium/config.toml"));
    assert_eq!(p(None, Some("/home/u")).as_deref(), Some("/home/u/.config/podium/config.toml"));
    assert_eq!(p(Some("relative"), Some("/home/u")).as_deref(), Some("/home/u/.config/podium/config.toml"));
    assert_eq!(p(None, None), None);
}

#[test]
fn a_custom_theme() {
    let c =
        parse("theme = \"light\"\n[colors]\nspeaker = \"#ff8800\"\nmatched = \"208\"\nerror = \"default\"\n").unwrap();
    let mut expected = Palette::light();
    expected.speaker = Some(Color::Rgb(0xff, 0x88, 0x00));
    expected.matched = Some(Color::Indexed(208));
    expected.error = None;
    assert_eq!(c.palette, expected);
    assert_ne!(Palette::light(), Palette::dark());
}

#[test]
fn settings_mouse_wrap_and_content() {
    let c = parse("mouse = true\nwrap = 72\ncontent = [\"reports\", \"/srv/igf\"]\n").unwrap();
    assert!(c.mouse);
    assert_eq!(c.wrap, Some(72));
    assert_eq!(c.content, vec![Path::new("reports").to_path_buf(), Path::new("/srv/igf").to_path_buf()]);
    assert_eq!(parse("wrap = 0").unwrap().wrap, None);
    // Relative to the configuration file's folder.
    let c = config::parse("content = \"talks\"", Path::new("/etc/podium/config.toml")).unwrap();
    assert_eq!(c.content, vec![Path::new("/etc/podium/talks").to_path_buf()]);
}

#[test]
fn a_remapped_key_drives_the_state_machine_and_the_help() {
    // x quits, q moves to the next speaker, and the help shows it.
    let c = parse("[keys]\nquit = \"x\"\nnext_speaker = [\"q\", \"ctrl-s\"]\n").unwrap();
    let lib = podium::load::load(&[podium::load::BUILT_IN], &Default::default());
    let mut s = State::new(lib, 120, 40);
    s.keys = Arc::new(c.keys);
    let act = |s: &State, key: Key| s.keys.action_for(false, key);
    assert_eq!(act(&s, Key::char('q')), Some(Action::NextSpeaker));
    assert_eq!(act(&s, Key::ctrl('s')), Some(Action::NextSpeaker));
    assert_eq!(act(&s, Key::char('s')), None, "the old key is free");
    assert_eq!(act(&s, Key::char('x')), Some(Action::Quit));
    assert_eq!(act(&s, Key::ctrl('c')), Some(Action::ForceQuit), "Ctrl-c always quits");
    let a = act(&s, Key::char('q')).unwrap();
    update(&mut s, a);
    assert_eq!(s.speaker, Some(0), "q selected the first speaker");
    let x = act(&s, Key::char('x')).unwrap();
    assert_eq!(update(&mut s, x), Some(Effect::Quit));
    // The help and the status line's hints come from the same table.
    s.overlay = Some(Overlay::Help { scroll: 0 });
    let help: String = podium::app::overlay::rows(&s, Overlay::Help { scroll: 0 })
        .iter()
        .map(|r| r.0.iter().map(|(_, t)| t.as_str()).collect::<String>() + "\n")
        .collect();
    assert!(help.contains("q Ctrl-s") && help.contains("next speaker"), "{help}");
    assert!(help.lines().any(|l| l.starts_with("x ") && l.contains("quit (closes")), "{help}");
    assert_eq!(s.keys.first_key(Action::Quit), "x");
}

#[test]
fn search_prompt_keys_can_be_remapped_but_not_to_typed_characters() {
    let c = parse("[search_keys]\nnext_hit = [\"down\", \"tab\"]\n").unwrap();
    assert_eq!(c.keys.action_for(true, Key::plain(Code::Tab)), Some(Action::Down));
    assert_eq!(c.keys.action_for(true, Key::ctrl('j')), None);
    let err = parse("[search_keys]\nnext_hit = \"j\"\n").unwrap_err();
    assert_eq!(
        err,
        vec![
            "config.toml:2:12: error: [search_keys] next_hit = `j`: a plain character could not be typed in the query"
        ]
    );
}

#[test]
fn conflicts_are_reported_at_the_line_that_made_them() {
    // j is down's by default.
    let err = parse("[keys]\n\nnext_speaker = \"j\"\n").unwrap_err();
    assert_eq!(
        err,
        vec![
            "config.toml:3:16: error: [keys] `j` is bound to both `next_speaker` and `down` (its default); give `down` other keys"
        ]
    );
    // Both set in the file: the later line is blamed, at the key itself.
    let err = parse("[keys]\nhelp = \"x\"\nquit = [\"q\", \"x\"]\n").unwrap_err();
    assert_eq!(err.len(), 1);
    assert!(
        err[0].starts_with(
            "config.toml:3:14: error: [keys] `x` is bound to both `quit` and `help` (also set in this file)"
        ),
        "{}",
        err[0]
    );
    // Moving the default away resolves it.
    assert!(parse("[keys]\nnext_speaker = \"j\"\ndown = [\"down\"]\n").is_ok());
    // Ctrl-c cannot be taken from quitting.
    let err = parse("[keys]\nhelp = \"ctrl-c\"\n").unwrap_err();
    assert_eq!(err, vec!["config.toml:2:8: error: [keys] `ctrl-c` always quits: it cannot be bound to `help`"]);
    // Even when force_quit is given other keys.
    let err = parse("[keys]\nforce_quit = \"Q\"\nquit = \"ctrl-c\"\n").unwrap_err();
    assert_eq!(err, vec!["config.toml:3:8: error: [keys] `ctrl-c` always quits: it cannot be bound to `quit`"]);
}

#[test]
fn mistakes_get_positions_and_hints() {
    let cases: &[(&str, &str)] = &[
        ("theme = \"dark\"\nthme = 1\n", "config.toml:2:1: error: unknown setting `thme` (did you mean `theme`?)"),
        ("[colour]\nspeaker = \"red\"\n", "config.toml:1:1: error: unknown setting `colour` (did you mean `colors`?)"),
        ("theme = \"dark\n", "config.toml:1:"),
        ("[keys]\nqiut = \"x\"\n", "config.toml:2:1: error: [keys]: unknown action `qiut` (did you mean `quit`?)"),
        ("[keys]\nquit = \"hyper-x\"\n", "config.toml:2:8: error: unknown key `hyper-x`"),
        ("theme = \"sepia\"\n", "config.toml:1:9: error: unknown theme `sepia`: `dark` or `light`"),
        (
            "[colors]\nspeeker = \"red\"\n",
            "config.toml:2:1: error: unknown colour element `speeker` (did you mean `speaker`?)",
        ),
        ("[colors]\nspeaker = \"reddish\"\n", "config.toml:2:11: error: unknown colour `reddish`"),
        ("wrap = 5\n", "config.toml:1:8: error: wrap must be a number from 20 to 1000 (or 0: as wide as the pane)"),
        ("mouse = \"yes\"\n", "config.toml:1:9: error: mouse must be true or false"),
    ];
    for (text, expected) in cases {
        let err = parse(text).unwrap_err();
        assert!(err[0].starts_with(expected), "{text:?}: got {err:?}, expected {expected}");
    }
    // Every mistake at once, not only the first, unknown settings included.
    let err = parse("theme = \"sepia\"\nwrap = 5\n").unwrap_err();
    assert_eq!(err.len(), 2, "{err:?}");
    let err = parse("them = \"dark\"\nwrap = 5\n[extra]\na = 1\n").unwrap_err();
    assert_eq!(err.len(), 3, "{err:?}");
    assert!(
        err[0].starts_with("config.toml:1:1: error: unknown setting `them`") && err[2].contains("`extra`"),
        "{err:?}"
    );
}

#[test]
fn values_of_the_wrong_type_get_plain_messages_at_their_position() {
    let cases: &[(&str, &str)] = &[
        ("content = [\"a\", 1]\n", "config.toml:1:17: error: content: expected a path or a list of paths"),
        ("content = true\n", "config.toml:1:11: error: content: expected a path or a list of paths"),
        ("[keys]\ndown = {a=1}\n", "config.toml:2:8: error: [keys] down: expected a key name or a list of key names"),
        (
            "[keys]\ndown = [\"j\", [\"k\"]]\n",
            "config.toml:2:14: error: [keys] down: expected a key name or a list of key names",
        ),
        (
            "wrap = 99999999999999999999\n",
            "config.toml:1:8: error: wrap must be a number from 20 to 1000 (or 0: as wide as the pane)",
        ),
        ("wrap = \"72\"\n", "config.toml:1:8: error: wrap must be a number from 20 to 1000"),
        ("wrap = -3\n", "config.toml:1:8: error: wrap must be a number from 20 to 1000"),
        ("theme = 1\n", "config.toml:1:9: error: theme must be \"dark\" or \"light\""),
        ("[colors]\nborder = -1\n", "config.toml:2:10: error: unknown colour `-1`: a name"),
        ("[colors]\nborder = 256\n", "config.toml:2:10: error: unknown colour `256`: a name"),
        ("[colors]\nborder = 1.5\n", "config.toml:2:10: error: border: expected a name"),
        ("[keys]\ndown = [\" \"]\n", "config.toml:2:9: error: unknown key ` ` (write \"space\" for the space bar)"),
        ("[keys]\ndown = \"\"\n", "config.toml:2:8: error: an empty key name"),
    ];
    for (text, expected) in cases {
        let err = parse(text).err().unwrap_or_else(|| panic!("{text:?} was accepted"));
        assert!(err.len() == 1 && err[0].starts_with(expected), "{text:?}: got {err:?}, expected {expected}");
        assert!(!err[0].contains("enum") && !err[0].contains("i128") && !err[0].contains("i64"), "{err:?}");
    }
}

#[test]
fn a_bare_number_is_an_indexed_colour_as_the_template_says() {
    let c = parse("[colors]\nmatched = 208\nspeaker = 0\nborder = 255\n").unwrap();
    assert_eq!(c.palette.matched, Some(Color::Indexed(208)));
    assert_eq!(c.palette.speaker, Some(Color::Indexed(0)));
    assert_eq!(c.palette.border, Some(Color::Indexed(255)));
}

#[test]
fn every_mistake_is_reported_at_once_in_the_files_order() {
    // Checked in another order (colours, then keys, then conflicts): reported by line and column.
    let text = "[colors]\nborder = -1\nspeaker = true\nmatched = \"reddish\"\n\
                [keys]\nhelp = \"hyper-x\"\nquit = 5\n\
                [search_keys]\nnext_hit = \"j\"\n";
    let err = parse(text).unwrap_err();
    let lines: Vec<&str> = err.iter().map(|e| e.split(": error").next().unwrap()).collect();
    assert_eq!(
        lines,
        [
            "config.toml:2:10",
            "config.toml:3:11",
            "config.toml:4:11",
            "config.toml:6:8",
            "config.toml:7:8",
            "config.toml:9:12"
        ],
        "{err:#?}"
    );
    // Settings before tables, wherever the checks run.
    let err = parse("wrap = 5\ntheme = \"sepia\"\nmouse = 1\n[keys]\nnext_speaker = \"j\"\n").unwrap_err();
    let lines: Vec<&str> = err.iter().map(|e| e.split(": error").next().unwrap()).collect();
    assert_eq!(lines, ["config.toml:1:8", "config.toml:2:9", "config.toml:3:9", "config.toml:5:16"], "{err:#?}");
}

#[test]
fn a_conflict_in_a_multi_line_list_points_at_the_key() {
    let err = parse("[keys]\nquit = [\n  \"q\",\n  \"j\",\n]\n").unwrap_err();
    assert_eq!(err.len(), 1, "{err:?}");
    assert!(err[0].starts_with("config.toml:4:3: error: [keys] `j` is bound to both `quit` and `down`"), "{err:?}");
    // A bad key in such a list too.
    let err = parse("[keys]\nquit = [\n  \"q\",\n  \"hyper-x\",\n]\n").unwrap_err();
    assert!(err[0].starts_with("config.toml:4:3: error: unknown key `hyper-x`"), "{err:?}");
}

#[test]
fn hostile_configuration_files_are_refused_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let big = write("big.toml", &vec![b'#'; 2 << 20]);
    assert!(config::load(Some(&big), None).unwrap_err()[0].to_string().contains("limit"));
    let binary = write("bin.toml", b"\xff\xfe\x00junk");
    assert!(config::load(Some(&binary), None).unwrap_err()[0].to_string().contains("not UTF-8"));
    // Escape sequences in a value never reach the message raw.
    let esc = write("esc.toml", "theme = \"\u{1b}]0;pwned\u{7}\"\n".as_bytes());
    let msg = config::load(Some(&esc), None).unwrap_err()[0].to_string();
    assert!(!msg.chars().any(|c| c.is_control()), "{msg:?}");
    // Deep nesting: an error, quickly, not a stack overflow.
    let deep = write("deep.toml", format!("x = {}{}\n", "[".repeat(100_000), "]".repeat(100_000)).as_bytes());
    assert!(config::load(Some(&deep), None).is_err());
}

// ----- the command line -----

fn podium(args: &[&str], config_home: &Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_podium"))
        .env("XDG_CACHE_HOME", std::env::temp_dir().join("podium-test-cache"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("PODIUM_CONTENT")
        .env("XDG_CONFIG_HOME", config_home)
        .output()
        .unwrap()
}

#[test]
fn config_command_prints_checks_and_locates() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let out = podium(&["config", "--default"], home);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(parse(&text).unwrap(), Config::default(), "the printed default is valid and is the default");
    assert!(!text.contains("# In the search prompt\n"), "the prompt's section is not headed twice:\n{text}");
    // Uncommented, every setting line is the default too: src/config/template.rs tests that.

    let out = podium(&["config", "--path"], home);
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), home.join("podium/config.toml").display().to_string());
    let out = podium(&["config"], home);
    assert!(out.status.success() && String::from_utf8_lossy(&out.stdout).contains("not found; the defaults"));

    // The default file, once written, is read: here its content setting.
    std::fs::create_dir_all(home.join("podium")).unwrap();
    let reports = home.join("reports");
    std::fs::create_dir(&reports).unwrap();
    std::fs::write(reports.join("one.yaml"), "title: Configured\ndate: 2021-01-01\n").unwrap();
    std::fs::write(home.join("podium/config.toml"), "content = \"../reports\"\n").unwrap();
    let out = podium(&["list"], home);
    assert!(String::from_utf8_lossy(&out.stdout).contains("Configured"), "{out:?}");
    let out = podium(&["config"], home);
    assert!(out.status.success() && String::from_utf8_lossy(&out.stdout).ends_with(": ok\n"));

    // A broken one: every command refuses, with the position; `config` lists the problems.
    std::fs::write(home.join("podium/config.toml"), "wrap = 5\n").unwrap();
    let out = podium(&["list"], home);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("podium/config.toml:1:8: error: wrap must be a number"), "{err}");
    let out = podium(&["config"], home);
    assert_eq!(out.status.code(), Some(1));
    // But --default still works, to start again from.
    assert!(podium(&["config", "--default"], home).status.success());
    // --config names another file, which must exist.
    let out = podium(&["--config", "/nonexistent/podium.toml", "list"], home);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/podium.toml: error: no such file"));
}

#[test]
fn the_palette_and_the_wrap_width_reach_the_screen() {
    use ratatui::{Terminal, backend::TestBackend};
    use unicode_width::UnicodeWidthStr;
    let lib = podium::load::load(&[podium::load::BUILT_IN], &Default::default());
    let mut s = State::new(lib, 120, 40);
    // The focused pane's border (the Library's, top left) takes the palette's colour.
    let border_fg = |palette: Palette, s: &State| {
        let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
        term.draw(|f| podium::ui::draw_in(f, s, palette)).unwrap();
        let buffer = term.backend().buffer().clone();
        assert_eq!(buffer[(0, 0)].symbol(), "┏");
        buffer[(0, 0)].fg
    };
    assert_eq!(border_fg(Palette::dark(), &s), Color::Cyan);
    assert_eq!(border_fg(Palette::light(), &s), Color::Blue);
    s.color = false;
    assert_eq!(border_fg(Palette::light(), &s), Color::Reset, "--no-color wins over any theme");

    let widest =
        |s: &State| s.session_rows.iter().map(|r| r.0.iter().map(|(_, t)| t.width()).sum::<usize>()).max().unwrap();
    let wide = widest(&s);
    s.wrap = Some(40);
    s.rewrap();
    assert!(wide > 40 && widest(&s) <= 40, "{wide} then {}", widest(&s));
    assert!(s.quote_wrap_width() <= 40);
}

#[test]
fn the_readme_example_is_a_valid_configuration() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let block = readme.split("```toml\n").nth(1).and_then(|b| b.split("```").next()).expect("a toml block in README");
    let c = parse(block).unwrap_or_else(|e| panic!("README's example: {e:?}"));
    assert_eq!(c.keys.action_for(false, Key::ctrl('n')), Some(Action::NextQuote));
    assert_eq!(c.palette.speaker, Some(Color::Rgb(0xb3, 0x59, 0x00)));
}

#[test]
fn every_hint_on_screen_names_the_keys_in_effect() {
    let c = parse(
        "[keys]\nback = \"ctrl-g\"\ndown = \"ctrl-e\"\nup = \"ctrl-y\"\nnext_hit = \"ctrl-j\"\nprev_hit = \"ctrl-k\"\nsearch = \"F\"\n\
         [search_keys]\naccept = \"tab\"\ncancel = \"ctrl-g\"\n",
    )
    .unwrap();
    let lib = podium::load::load(&[podium::load::BUILT_IN], &Default::default());
    let mut s = State::new(lib, 80, 24);
    s.keys = Arc::new(c.keys);
    let text = |s: &State| {
        let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(s.width, s.height)).unwrap();
        t.draw(|f| podium::ui::draw(f, s)).unwrap();
        let buffer = t.backend().buffer().clone();
        let rows: Vec<String> = (0..s.height)
            .map(|y| (0..s.width).map(|x| buffer[(x, y)].symbol().to_string()).collect::<String>())
            .collect();
        rows.join("\n")
    };
    update(&mut s, Action::Help);
    let help = text(&s);
    assert!(help.contains("↓ more · Ctrl-g close · Ctrl-e/Ctrl-y scroll"), "{help}");
    update(&mut s, Action::Back);
    let index = Arc::new(podium::search::Index::build(&s.library.reports));
    podium::app::search::on_index(&mut s, index);
    update(&mut s, Action::Search);
    let prompt = text(&s);
    assert!(prompt.contains("Tab jump · ↑/↓ choose · Ctrl-g cancel"), "{prompt}");
    assert!(prompt.contains("Ctrl-j / Ctrl-k after Tab: next / previous hit"), "{prompt}");
    update(&mut s, Action::Back);
    update(&mut s, Action::NextHit);
    assert_eq!(s.status.as_deref(), Some("No search yet: press F to search."));
}

#[test]
fn the_help_explains_the_query_syntax() {
    let lib = podium::load::load(&[podium::load::BUILT_IN], &Default::default());
    let s = State::new(lib, 120, 40);
    let help: String = podium::app::overlay::rows(&s, Overlay::Help { scroll: 0 })
        .iter()
        .map(|r| r.0.iter().map(|(_, t)| t.as_str()).collect::<String>() + "\n")
        .collect();
    for syntax in ["'exact", "^start", "end$", "!not", "speaker:carr", "date:2015-11"] {
        assert!(help.contains(syntax), "{syntax} missing from\n{help}");
    }
}

#[test]
fn people_aliases_must_be_names_as_text() {
    let c = parse("[people]\n\"Vint Cerf\" = \"Vinton Cerf\"\n\"Dr. V. G. Cerf\" = \"Vinton Cerf\"\n").unwrap();
    assert_eq!(c.people, podium::people::Aliases::new([("Vint Cerf", "Vinton Cerf"), ("V Cerf", "Vinton Cerf")]));
    assert!(!c.people.is_empty());
    for (text, expected) in [
        (
            "[people]\n\"Vint Cerf\" = 1\n",
            "config.toml:2:15: error: [people] \"Vint Cerf\": expected the person's name, as text",
        ),
        (
            "[people]\n\"Vint Cerf\" = true\n",
            "config.toml:2:15: error: [people] \"Vint Cerf\": expected the person's name, as text",
        ),
        (
            "[people]\n\"Vint Cerf\" = [\"Vinton Cerf\"]\n",
            "config.toml:2:15: error: [people] \"Vint Cerf\": expected the person's name, as text",
        ),
        (
            "[people]\n\"Vint Cerf\" = \"  \"\n",
            "config.toml:2:15: error: [people] \"Vint Cerf\": expected the person's name, as text",
        ),
        (
            "[people]\nx = {name = \"y\"}\n",
            "config.toml:2:5: error: [people] \"x\": expected the person's name, as text",
        ),
    ] {
        assert_eq!(parse(text).unwrap_err(), vec![expected.to_string()], "{text}");
    }
    // Every mistake of the table, not only the first.
    let err = parse("[people]\na = 1\nb = \"B\"\nc = false\n").unwrap_err();
    assert_eq!(err.len(), 2, "{err:?}");
    assert!(err[0].starts_with("config.toml:2:5:") && err[1].starts_with("config.toml:4:5:"), "{err:?}");
    // `people` as something other than a table.
    let err = parse("people = \"Vint Cerf\"\n").unwrap_err();
    assert_eq!(err.len(), 1, "{err:?}");
    assert!(err[0].starts_with("config.toml:1:10: error:"), "{err:?}");
}
