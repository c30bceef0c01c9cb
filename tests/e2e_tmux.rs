//! The reader as a user meets it: the real binary in a real terminal (tmux),
//! driven by keys and signals, checked by what is on the screen.
//!
//! Each test runs its own tmux server on a socket in a temporary folder, so
//! the tests run in parallel and never see or touch a user's tmux. The pane
//! runs an interactive bash, because suspend (Ctrl-Z, `fg`) needs job control
//! and the terminal settings are checked with `stty` before and after.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};
use tempfile::TempDir;

const TITLE: &str = "Child online protection through multistakeholder engagement";
const SPEAKERS: [&str; 4] = ["Laksmi Shita", "Mariam Barata", "Saidalavi Mohamed", "John Carr"];
const CARR_QUOTE: &str = "the role of us as civil society";
const LAKSMI_QUOTE: &str = "I am privileged to be moderating";
const PROMPT: &str = "e2e$";
/// Generous: a loaded CI machine may take a while to start a shell or a frame.
const TIMEOUT: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(50);

/// What the pane shows, and whether the program in it holds the alternate screen.
struct Screen {
    text: String,
    alternate: bool,
}

impl Screen {
    fn has(&self, s: &str) -> bool {
        self.text.contains(s)
    }

    /// The shell is waiting for a command: its prompt is the last line written.
    fn at_prompt(&self) -> bool {
        self.text.lines().rev().find(|l| !l.trim().is_empty()).is_some_and(|l| l.trim() == PROMPT)
    }

    fn reader_shown(&self) -> bool {
        // Side by side the title is wrapped in its column: its start is enough.
        self.alternate && self.has(&TITLE[..23])
    }
}

/// A private tmux server with one session ("e2e"), killed when dropped, so a
/// failing test leaves no server or process behind.
struct Tmux {
    dir: TempDir,
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.command().arg("kill-server").output();
    }
}

impl Tmux {
    /// None (after saying so loudly) when tmux is missing outside CI.
    fn start(width: u16, height: u16) -> Option<Tmux> {
        if !tmux_installed() {
            if std::env::var("CI").as_deref() == Ok("true") {
                panic!("tmux is not installed, and CI=true: the end-to-end tests in tests/e2e_tmux.rs must run in CI");
            }
            // Straight to the process's stderr: the test harness swallows eprintln! of passing tests.
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED: tmux not installed; the end-to-end reader tests in tests/e2e_tmux.rs did not run"
            );
            return None;
        }
        let tmux = Tmux { dir: tempfile::tempdir().expect("temporary folder") };
        // No rc files and no history file: the shell must behave the same on
        // every machine and leave nothing in the user's home.
        // Nor may the user's podium configuration.
        let config_home = tmux.dir.path().join("config");
        let shell = format!(
            "env -u PODIUM_CONTENT -u NO_COLOR TERM=xterm-256color HISTFILE=/dev/null PS1='{PROMPT} ' \
             XDG_CONFIG_HOME={} XDG_CACHE_HOME={} XDG_STATE_HOME={} bash --norc --noprofile -i",
            quote(&config_home),
            quote(&tmux.dir.path().join("cache")),
            quote(&tmux.dir.path().join("state"))
        );
        let (w, h) = (width.to_string(), height.to_string());
        tmux.run(&["new-session", "-d", "-s", "e2e", "-x", &w, "-y", &h, &shell]);
        tmux.wait_for("the shell prompt", Screen::at_prompt);
        Some(tmux)
    }

    fn command(&self) -> Command {
        let mut cmd = Command::new("tmux");
        // -f /dev/null: a user's tmux.conf must not change what the pane shows.
        cmd.arg("-S").arg(self.dir.path().join("sock")).args(["-f", "/dev/null"]);
        // Inside a user's tmux these would point the client at that server.
        cmd.env_remove("TMUX").env_remove("TMUX_PANE").env_remove("PODIUM_CONTENT").env_remove("NO_COLOR");
        cmd
    }

    fn run(&self, args: &[&str]) -> Output {
        let out = self.command().args(args).output().expect("tmux runs");
        assert!(out.status.success(), "tmux {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        out
    }

    fn screen(&self) -> Screen {
        let text = String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "e2e"]).stdout).into_owned();
        let alternate = self.run(&["display", "-p", "-t", "e2e", "#{alternate_on}"]).stdout.starts_with(b"1");
        Screen { text, alternate }
    }

    /// Polls the pane until `done` holds; on timeout fails with what was on it.
    fn wait_for(&self, what: &str, done: impl Fn(&Screen) -> bool) -> Screen {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if done(&screen) {
                return screen;
            }
            if start.elapsed() > TIMEOUT {
                panic!(
                    "timed out after {TIMEOUT:?} waiting for {what}; alternate_on={}, screen:\n{}",
                    screen.alternate as u8, screen.text
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// Sends tmux key names (`j`, `?`, `C-z`). Never Escape: see `escape`.
    fn keys(&self, keys: &[&str]) {
        assert!(!keys.contains(&"Escape"), "send Escape with `escape`");
        let mut args = vec!["send-keys", "-t", "e2e", "--"];
        args.extend(keys);
        self.run(&args);
    }

    /// Escape goes alone and its effect is awaited, because crossterm reads an
    /// ESC followed closely by another byte as an Alt key.
    fn escape(&self, what: &str, done: impl Fn(&Screen) -> bool) -> Screen {
        self.run(&["send-keys", "-t", "e2e", "Escape"]);
        self.wait_for(what, done)
    }

    /// Types a command line into the shell and presses Enter.
    fn type_line(&self, line: &str) {
        self.run(&["send-keys", "-t", "e2e", "-l", "--", line]);
        self.run(&["send-keys", "-t", "e2e", "Enter"]);
    }

    fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// A `library` folder in the test's folder; with `seed.yaml` in it when
    /// `with_seed`. Returns the folder and the seed's text.
    fn library(&self, with_seed: bool) -> (PathBuf, String) {
        let lib = self.file("library");
        std::fs::create_dir_all(&lib).unwrap();
        let seed = seed_text();
        if with_seed {
            std::fs::write(lib.join("seed.yaml"), &seed).unwrap();
        }
        (lib, seed)
    }

    /// The shell command that runs the reader on the shipped content. The
    /// subshell writes its pid and then becomes podium, so the pid is podium's.
    fn reader_command(&self) -> String {
        format!(
            "cd {} && (echo $BASHPID > {}; exec {} content)",
            quote(Path::new(env!("CARGO_MANIFEST_DIR"))),
            quote(&self.file("pid")),
            quote(Path::new(env!("CARGO_BIN_EXE_podium")))
        )
    }

    /// Runs `stty -g` in the shell and returns its output.
    fn stty(&self, name: &str) -> String {
        self.type_line(&format!("stty -g > {}", quote(&self.file(name))));
        wait_for_file(&self.file(name))
    }
}

/// The shipped report's YAML, to copy and change.
fn seed_text() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("content/igf2015-child-online-protection.yaml"))
        .unwrap()
}

/// The release binary under test, quoted for the shell.
fn podium_bin() -> String {
    quote(Path::new(env!("CARGO_BIN_EXE_podium")))
}

fn tmux_installed() -> bool {
    Command::new("tmux").arg("-V").output().is_ok_and(|o| o.status.success())
}

/// A path as one shell word.
fn quote(path: &Path) -> String {
    format!("'{}'", path.to_str().expect("UTF-8 path").replace('\'', r"'\''"))
}

/// The file's text once it has been written completely (a full last line).
fn wait_for_file(path: &Path) -> String {
    let start = Instant::now();
    loop {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        if text.ends_with('\n') {
            return text;
        }
        assert!(start.elapsed() < TIMEOUT, "timed out waiting for {}", path.display());
        std::thread::sleep(POLL);
    }
}

#[test]
fn wide_screen_speakers_quote_help_and_quit() {
    let Some(t) = Tmux::start(120, 40) else { return };
    t.type_line(&format!("{}; echo EXIT=$?", t.reader_command()));
    let screen = t.wait_for("the seed report and its speakers", |s| s.reader_shown() && s.has("John Carr"));
    for name in SPEAKERS {
        assert!(screen.has(name), "speaker {name} missing:\n{}", screen.text);
    }

    // Speakers pane, then four steps down: nothing selected → Laksmi → … → John Carr.
    t.keys(&["3", "j", "j", "j", "j"]);
    let screen = t.wait_for("John Carr's quotes", |s| s.has("Quotes by John Carr") && s.has(CARR_QUOTE));
    assert!(!screen.has(LAKSMI_QUOTE), "other speakers' quotes are filtered out:\n{}", screen.text);

    t.keys(&["?"]);
    t.wait_for("the help overlay", |s| s.has(" Keys ") && s.has("next speaker"));
    // Escape closes the overlay only: the speaker stays selected.
    t.escape("the help to close", |s| !s.has("next speaker") && s.has("Quotes by John Carr"));

    t.keys(&["q"]);
    t.wait_for("the shell after q", |s| !s.alternate && s.has("EXIT=0") && s.at_prompt());
}

#[test]
fn small_screen_uses_readable_tabs() {
    let Some(t) = Tmux::start(80, 24) else { return };
    t.type_line(&format!("{}; echo EXIT=$?", t.reader_command()));
    let screen = t.wait_for("the reader in tab mode", |s| s.reader_shown());
    let lines: Vec<&str> = screen.text.lines().collect();
    let tabs = lines[0];
    let positions: Vec<Option<usize>> =
        ["1 Library", "2 Session", "3 Speakers", "4 Quotes"].iter().map(|tab| tabs.find(tab)).collect();
    assert!(
        positions.iter().all(Option::is_some) && positions.is_sorted(),
        "the top line is the tab bar, in order:\n{}",
        screen.text
    );
    let status = lines.iter().rev().find(|l| !l.trim().is_empty()).unwrap();
    assert!(
        status.contains("R 1/1") && status.contains("? help") && status.contains("q quit"),
        "the bottom line says where we are and how to get help and out:\n{}",
        screen.text
    );

    // Each tab shows its pane's content, unclipped at this width.
    t.keys(&["2"]);
    t.wait_for("the Session tab", |s| s.has(TITLE) && s.has("João Pessoa"));
    t.keys(&["3"]);
    t.wait_for("the Speakers tab", |s| s.has("3 Speakers (4)") && SPEAKERS.iter().all(|n| s.has(n)));
    t.keys(&["4"]);
    t.wait_for("the Quotes tab", |s| s.has("4 Quotes (3)") && s.has(LAKSMI_QUOTE) && s.has(CARR_QUOTE));

    t.keys(&["q"]);
    t.wait_for("the shell after q", |s| !s.alternate && s.has("EXIT=0") && s.at_prompt());
}

/// SIGTERM (143) and SIGHUP (129) both leave the terminal as it was.
#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    for (signal, code) in [(libc::SIGTERM, 143), (libc::SIGHUP, 129)] {
        let Some(t) = Tmux::start(120, 40) else { return };
        let before = t.stty("stty-before");
        t.type_line(&format!("{}; echo EXIT=$?", t.reader_command()));
        t.wait_for("the reader", Screen::reader_shown);

        let pid: libc::pid_t = wait_for_file(&t.file("pid")).trim().parse().expect("a pid");
        // SAFETY: kill(2) only sends a signal; the pid is the podium this test started.
        assert_eq!(unsafe { libc::kill(pid, signal) }, 0, "kill -{signal} {pid}");

        // 128 + the signal, as shells report a death by signal.
        let exit = format!("EXIT={code}");
        t.wait_for("the shell after the signal", |s| !s.alternate && s.has(&exit) && s.at_prompt());
        assert_eq!(t.stty("stty-after"), before, "terminal settings after signal {signal}");
    }
}

/// A panic inside the reader (a hook of the test build) restores the
/// terminal first and then prints its message where the user can read it.
#[test]
fn a_panic_restores_the_terminal_and_prints_the_message() {
    let Some(t) = Tmux::start(120, 40) else { return };
    let before = t.stty("stty-before");
    t.type_line(&format!("export PODIUM_TEST_PANIC=1; {}; echo EXIT=$?", t.reader_command()));
    t.wait_for("the reader", Screen::reader_shown);
    t.keys(&["j"]);
    let screen = t.wait_for("the shell after the panic", |s| !s.alternate && s.has("EXIT=101") && s.at_prompt());
    assert!(screen.has("test panic on demand"), "the panic message is shown:\n{}", screen.text);
    assert_eq!(t.stty("stty-after"), before, "terminal settings after a panic");
}

#[test]
fn ctrl_z_suspends_and_fg_resumes() {
    let Some(t) = Tmux::start(120, 40) else { return };
    let before = t.stty("stty-before");
    // No `; echo` after it: bash would run that as soon as the job stops.
    t.type_line(&t.reader_command());
    t.wait_for("the reader", Screen::reader_shown);

    t.keys(&["C-z"]);
    t.wait_for("the shell after Ctrl-Z", |s| !s.alternate && s.has("Stopped") && s.at_prompt());
    assert_eq!(t.stty("stty-suspended"), before, "terminal settings while suspended");

    t.type_line("fg");
    t.wait_for("the reader after fg", |s| s.reader_shown() && s.has("Report 1/1"));
    // Keys work again after the resume.
    t.keys(&["s"]);
    t.wait_for("the first speaker selected", |s| s.has("Quotes by Laksmi Shita"));

    t.keys(&["q"]);
    t.wait_for("the shell after q", |s| !s.alternate && s.at_prompt());
    t.type_line("echo STATUS=$?");
    t.wait_for("the exit status", |s| s.has("STATUS=0"));
    assert_eq!(t.stty("stty-after"), before, "terminal settings after suspend, resume and quit");
}

#[test]
fn search_types_a_query_and_enter_selects_the_hit() {
    let Some(t) = Tmux::start(120, 40) else { return };
    t.type_line(&format!("{}; echo EXIT=$?", t.reader_command()));
    t.wait_for("the reader", |s| s.reader_shown());
    t.keys(&["/"]);
    t.wait_for("the search prompt", |s| s.has("Type to search"));
    // Typed as the user would, one key at a time; j, k and q are text here.
    for c in ["t", "e", "a", "c", "h", "e", "r", "s", "Space", "p", "a", "r"] {
        t.keys(&[c]);
    }
    t.wait_for("ranked hits for the query", |s| {
        s.has("/ teachers par") && s.has("3 hits") && s.has("quote · John Carr")
    });
    t.keys(&["Enter"]);
    let screen = t.wait_for("the hit selected in its report", |s| {
        s.has("Hit 1/3") && s.has("· Quotes") && s.has(CARR_QUOTE) && !s.has("/ teachers par")
    });
    // The selected quote carries the selection mark.
    assert!(screen.text.lines().any(|l| l.contains("▌ “the role of us")), "{}", screen.text);
    t.keys(&["n"]);
    t.wait_for("the next hit", |s| s.has("Hit 2/3"));
    t.keys(&["q"]);
    t.wait_for("the shell after q", |s| !s.alternate && s.has("EXIT=0"));
}

#[test]
fn editing_a_report_while_reading_shows_the_change() {
    let Some(t) = Tmux::start(120, 40) else { return };
    let (lib, seed) = t.library(true);
    let file = lib.join("seed.yaml");
    t.type_line(&format!("{} {}; echo EXIT=$?", podium_bin(), quote(&lib)));
    t.wait_for("the reader", |s| s.reader_shown());
    t.keys(&["3", "s", "s", "s", "s"]);
    t.wait_for("John Carr selected", |s| s.has("Quotes by John Carr"));

    // A reporter fixes a role in another program; the reader follows, in place.
    std::fs::write(&file, seed.replace("role: Senior Expert Advisor", "role: Principal Advisor")).unwrap();
    t.wait_for("the new role, John Carr still selected", |s| {
        s.has("Principal Advisor") && s.has("Quotes by John Carr")
    });

    // Half-way through an edit the file is invalid: the last good version stays.
    std::fs::write(&file, seed.replace("date: \"2015-11-10\"", "date: \"2015-11-\"")).unwrap();
    t.wait_for("the problem in the status line", |s| {
        s.has("1 problem (p lists them); its last good") && s.has("Principal Advisor")
    });
    std::fs::write(&file, seed.clone()).unwrap();
    t.wait_for("fixed: the problem gone", |s| {
        s.has("Reloaded") && s.has("Senior Expert Advisor") && !s.has("load problem")
    });
    t.keys(&["q"]);
    t.wait_for("the shell after q", |s| !s.alternate && s.has("EXIT=0"));
}

#[test]
fn without_a_watcher_r_reads_the_library_again() {
    let Some(t) = Tmux::start(120, 40) else { return };
    let (lib, seed) = t.library(true);
    // The system's watch limit reached (simulated: test builds only).
    let podium = podium_bin();
    t.type_line(&format!("PODIUM_TEST_WATCH_LIMIT=1 {podium} {}; echo EXIT=$?", quote(&lib)));
    t.wait_for("the fallback message", |s| s.reader_shown() && s.has("Live reload is off") && s.has("press r"));
    let second = seed
        .replace("title: ", "title: Second look at ")
        .replace("id: igf2015-child-online-protection", "id: second-look")
        .replace("date: \"2015-11-10\"", "date: \"2016-01-01\"");
    std::fs::write(lib.join("second.yaml"), second).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(700));
    assert!(t.screen().has("Report 1/1"), "nothing is watched:\n{}", t.screen().text);
    t.keys(&["r"]);
    t.wait_for("both reports after r", |s| s.has("Report 1/2") && s.has("Second look at"));
    t.keys(&["q"]);
    t.wait_for("the shell after q", |s| !s.alternate && s.has("EXIT=0"));
}

#[test]
fn a_large_library_is_readable_and_searchable_while_it_loads() {
    let Some(t) = Tmux::start(120, 40) else { return };
    // Many small files, with big ones read last to keep loading going.
    let (lib, seed) = t.library(false);
    let copy = |title: &str, id: &str| {
        seed.replace("title: ", &format!("title: {title} "))
            .replace("id: igf2015-child-online-protection", &format!("id: {id}"))
    };
    for i in 0..400 {
        std::fs::write(lib.join(format!("a{i:03}.yaml")), copy(&format!("Copy {i} of"), &format!("copy-{i}"))).unwrap();
    }
    for f in 0..10 {
        let docs: Vec<String> = (0..1200).map(|i| copy(&format!("Slow {f}-{i}"), &format!("slow-{f}-{i}"))).collect();
        std::fs::write(lib.join(format!("z{f}.yaml")), docs.join("\n---\n")).unwrap();
    }
    let podium = podium_bin();
    t.type_line(&format!("{podium} --no-watch {}; echo EXIT=$?", quote(&lib)));
    let screen = t.wait_for("reports while loading", |s| s.has("Loading") && s.has("Copy "));
    assert!(screen.alternate);
    t.keys(&["/"]);
    t.run(&["send-keys", "-t", "e2e", "-l", "teachers"]);
    let screen = t.wait_for("hits over what has loaded", |s| s.has("hits") && s.has("John Carr"));
    assert!(screen.has("loading") || screen.has("Report 1/"), "{}", screen.text);
    t.escape("the prompt closed", |s| !s.has("hits"));
    t.wait_for("everything loaded", |s| s.has("/12400 ") && !s.has("Loading"));
    t.keys(&["q"]);
    t.wait_for("the shell after q", |s| !s.alternate && s.has("EXIT=0"));
}

#[test]
fn keys_remapped_in_a_configuration_file() {
    let Some(t) = Tmux::start(120, 40) else { return };
    let config = t.file("remapped.toml");
    std::fs::write(&config, "[keys]\nnext_speaker = \"w\"\nquit = [\"x\"]\n").unwrap();
    let podium = podium_bin();
    let content = quote(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"));
    t.type_line(&format!("{podium} --config {} {content}; echo EXIT=$?", quote(&config)));
    t.wait_for("the reader", Screen::reader_shown);
    // The help and the status line show the keys in effect.
    t.keys(&["?"]);
    let help = t.wait_for("the help", |s| s.has("next speaker"));
    assert!(help.text.lines().any(|l| l.contains(" w ") && l.contains("next speaker")), "{}", help.text);
    t.escape("the help closed", |s| !s.has("next speaker"));
    assert!(t.screen().has("x quit"), "the status line's hint:\n{}", t.screen().text);
    t.keys(&["w"]);
    t.wait_for("w selects the first speaker", |s| s.has("Quotes by Laksmi Shita"));
    // s and q are free now: nothing happens.
    t.keys(&["s", "q"]);
    std::thread::sleep(std::time::Duration::from_millis(300));
    let screen = t.screen();
    assert!(screen.alternate && screen.has("Quotes by Laksmi Shita"), "{}", screen.text);
    t.keys(&["x"]);
    t.wait_for("the shell after x", |s| !s.alternate && s.has("EXIT=0"));

    // A conflict stops podium before it takes the terminal, with the line.
    std::fs::write(&config, "[keys]\n\nnext_speaker = \"j\"\n").unwrap();
    t.type_line(&format!("{podium} --config {} {content}; echo EXIT=$?", quote(&config)));
    let screen = t.wait_for("the error", |s| s.has("EXIT=2"));
    assert!(screen.has("remapped.toml:3:16: error: [keys] `j` is bound to both"), "{}", screen.text);
    assert!(!screen.alternate);
}

#[test]
fn a_library_given_by_a_relative_path_reloads_in_place() {
    let Some(t) = Tmux::start(120, 40) else { return };
    let (lib, seed) = t.library(true);
    let file = lib.join("seed.yaml");
    let podium = podium_bin();
    t.type_line(&format!("cd {} && {podium} library; echo EXIT=$?", quote(t.dir.path())));
    t.wait_for("the reader", |s| s.reader_shown() && s.has("Report 1/1"));
    // Reading the files is not a change: nothing is reloaded at start.
    std::thread::sleep(std::time::Duration::from_millis(600));
    let screen = t.screen();
    assert!(!screen.has("Reloaded") && !screen.has("⚠"), "{}", screen.text);
    // The watcher reports absolute paths; the file must be replaced, not doubled.
    std::fs::write(&file, seed.replace("role: Senior Expert Advisor", "role: Principal Advisor")).unwrap();
    let screen = t.wait_for("the change", |s| s.has("Reloaded library/seed.yaml"));
    assert!(screen.has("Report 1/1") && !screen.has("⚠"), "{}", screen.text);
    t.keys(&["q"]);
    t.wait_for("the shell after q", |s| !s.alternate && s.has("EXIT=0"));
}

/// Flags and Devanagari syllables are wider or narrower in tmux than ratatui
/// thinks; a frame that showed them is followed by one that rewrites every
/// cell, so nothing of them is left where the screen has since changed.
#[test]
fn clusters_leave_nothing_behind() {
    let Some(t) = Tmux::start(120, 40) else { return };
    let (lib, _) = t.library(true);
    std::fs::write(
        lib.join("intl.yaml"),
        "title: Flags\ndate: \"2024-01-01\"\nspeakers:\n  - name: Zoe\n    organisation: \"Flags 🇧🇷🇯🇵\"\nquotes:\n  - speaker: Zoe\n    text: \"flags 🇺🇸🇬🇧 and a Devanagari word नमस्ते in a quote\"\n",
    )
    .unwrap();
    t.type_line(&format!("{} {}; echo EXIT=$?", podium_bin(), quote(&lib)));
    t.wait_for("the reader", Screen::reader_shown);
    // "a" lists the flags among its hits; "an" moves them to other rows.
    t.keys(&["/", "a"]);
    t.wait_for("hits for a", |s| s.has("flags"));
    t.keys(&["n"]);
    std::thread::sleep(std::time::Duration::from_millis(400));
    let screen = t.screen();
    let regional = |c: char| ('\u{1F1E6}'..='\u{1F1FF}').contains(&c);
    for line in screen.text.lines().filter(|l| l.chars().any(regional)) {
        assert!(line.to_lowercase().contains("flags"), "a piece of a flag left behind:\n{}", screen.text);
    }
    t.keys(&["C-c"]);
    t.wait_for("the shell", |s| !s.alternate);
}

/// The seed's YAML as another report (`id`, title and file of its own).
fn copy_of(seed: &str, n: usize, version: &str) -> String {
    seed.replace("title: ", &format!("title: {version} copy {n} of "))
        .replace("id: igf2015-child-online-protection", &format!("id: copy-{n}"))
}

/// A folder copied in and then every file rewritten (as `git checkout`
/// does): each burst settles as one reload, and keys work throughout.
#[test]
fn a_storm_of_changed_files_settles_and_keys_still_work() {
    let Some(t) = Tmux::start(120, 40) else { return };
    let (lib, seed) = t.library(true);
    for n in 0..200 {
        std::fs::write(lib.join(format!("c{n:04}.yaml")), copy_of(&seed, n, "First")).unwrap();
    }
    t.type_line(&format!("{} {}; echo EXIT=$?", podium_bin(), quote(&lib)));
    t.wait_for("the reader", |s| s.alternate && s.has("Report 1/201"));
    for n in 200..1200 {
        std::fs::write(lib.join(format!("c{n:04}.yaml")), copy_of(&seed, n, "First")).unwrap();
    }
    let screen = t.wait_for("1,000 new files in", |s| s.has("Report 1/1201"));
    assert!(screen.has("changed files"), "one status for the batch:\n{}", screen.text);
    t.keys(&["G"]);
    t.wait_for("G reaches the last report", |s| s.has("Report 1201/1201"));
    // Every file rewritten, and q pressed while it happens.
    for n in 0..1200 {
        std::fs::write(lib.join(format!("c{n:04}.yaml")), copy_of(&seed, n, "Second")).unwrap();
    }
    t.keys(&["q"]);
    t.wait_for("the shell after q, during the storm", |s| !s.alternate && s.has("EXIT=0"));
}

/// A folder moved inside the library and then the library's root itself:
/// no report is listed from a path that is gone.
#[test]
fn moved_folders_and_a_moved_root_are_followed() {
    let Some(t) = Tmux::start(120, 40) else { return };
    let (lib, seed) = t.library(true);
    let sub = lib.join("2015");
    std::fs::create_dir_all(&sub).unwrap();
    for n in 0..3 {
        std::fs::write(sub.join(format!("c{n}.yaml")), copy_of(&seed, n, "Old")).unwrap();
    }
    t.type_line(&format!("{} {}; echo EXIT=$?", podium_bin(), quote(&lib)));
    t.wait_for("the reader", |s| s.alternate && s.has("Report 1/4"));
    std::fs::rename(&sub, lib.join("2016")).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    std::fs::write(lib.join("2016/c0.yaml"), copy_of(&seed, 0, "Edited")).unwrap();
    t.keys(&["G"]);
    let screen =
        t.wait_for("the edit in the moved folder, no old copy", |s| s.has("Report 4/4") && s.has("Edited copy 0"));
    assert!(!screen.has("Old copy 0"), "{}", screen.text);
    // The root moved away: said so, and nothing left from the vanished paths.
    let moved = t.file("library-moved");
    std::fs::rename(&lib, &moved).unwrap();
    let screen = t.wait_for("the root's move said", |s| s.has("was moved or deleted") && s.has("Library read again"));
    assert!(!screen.has("Report 1/"), "{}", screen.text);
    // Put back: read again (the watch made afresh may also report its files).
    std::fs::rename(&moved, &lib).unwrap();
    t.wait_for("the root back", |s| (s.has("is back") || s.has("Reloaded")) && s.has("Report 1/4"));
    t.keys(&["q"]);
    t.wait_for("the shell after q", |s| !s.alternate && s.has("EXIT=0"));
}

#[test]
fn people_across_a_library_jump_to_a_quote_and_back() {
    let Some(t) = Tmux::start(120, 40) else { return };
    let (lib, _) = t.library(true);
    for (name, text) in common::recurring() {
        std::fs::write(lib.join(format!("{name}.yaml")), text).unwrap();
    }
    t.type_line(&format!("{} {}; echo EXIT=$?", podium_bin(), quote(&lib)));
    t.wait_for("the reader", |s| s.alternate && s.has("Library (5)"));

    t.keys(&["P"]);
    // Mariam Barata speaks in the seed report too: three sessions, first by name among the three-session people.
    t.wait_for("People, most sessions first", |s| s.has("People — 7 · by sessions") && s.has("▶ Mariam Barata"));
    // The filter, typed one key at a time: j and q are text here.
    t.keys(&["/"]);
    for c in ["b", "a", "r", "a", "t"] {
        t.keys(&[c]);
    }
    t.wait_for("the filtered list", |s| s.has("1 of 7") && s.has("filter: barat") && !s.has("Vinton"));
    t.keys(&["Enter"]);
    // Enter on the person: their detail; Tab: their quotes; j: the second (older) one.
    t.keys(&["Enter"]);
    t.wait_for("Mariam Barata's appearances", |s| s.has("Appearances of Mariam Barata (3)"));
    t.keys(&["Tab", "j"]);
    t.wait_for("her second quote selected", |s| s.has("▌ “Children need the same internet"));
    t.keys(&["Enter"]);
    let screen = t.wait_for("the quote in its report, her selected", |s| {
        s.has("Quotes by Mariam Barata") && s.has("Internet fragmentation") && !s.has("Appearances of")
    });
    assert!(screen.text.lines().any(|l| l.contains("▌ “Children need the same internet")), "{}", screen.text);

    t.keys(&["C-o"]);
    t.wait_for("People again, as it was", |s| {
        s.has("filter: barat") && s.has("▌ “Children need the same internet") && s.has("Quotes of Mariam Barata")
    });
    t.keys(&["q"]);
    t.wait_for("the shell after q", |s| !s.alternate && s.has("EXIT=0"));
}

#[test]
fn a_search_is_recalled_after_a_restart() {
    let Some(t) = Tmux::start(120, 40) else { return };
    t.type_line(&format!("{}; echo FIRST=$?", t.reader_command()));
    t.wait_for("the reader", |s| s.reader_shown());
    t.keys(&["/"]);
    t.wait_for("an empty prompt, with nothing to offer yet", |s| s.has("Type to search") && !s.has("search again"));
    for c in ["e", "c", "p", "a", "t"] {
        t.keys(&[c]);
    }
    t.wait_for("hits for the query", |s| s.has("/ ecpat") && s.has("speaker · John Carr"));
    t.keys(&["Enter"]);
    t.wait_for("the jump", |s| s.has("Hit 1/") && !s.has("/ ecpat"));
    t.keys(&["q"]);
    t.wait_for("the shell after q", |s| !s.alternate && s.has("FIRST=0") && s.at_prompt());
    assert_eq!(wait_for_file(&t.file("state/podium/history")), "ecpat\n");

    // A new run: the prompt offers the last search, and ↑ takes it.
    t.type_line(&format!("{}; echo SECOND=$?", t.reader_command()));
    t.wait_for("the reader again", |s| s.reader_shown());
    t.keys(&["/"]);
    t.wait_for("the last search offered", |s| s.has("/ ▏ecpat  ↑ for this search again"));
    t.keys(&["Up"]);
    t.wait_for("the query recalled and searched", |s| s.has("/ ecpat▏") && s.has("speaker · John Carr"));
    t.keys(&["Enter"]);
    t.wait_for("the jump", |s| s.has("Hit 1/") && !s.has("/ ecpat"));
    t.keys(&["q"]);
    t.wait_for("the shell after q", |s| !s.alternate && s.has("SECOND=0") && s.at_prompt());
}

#[test]
fn a_copy_under_tmux_default_says_how_to_fix_it_and_with_the_fix_arrives() {
    let Some(t) = Tmux::start(120, 40) else { return };
    // tmux's default `set-clipboard external` drops what programs send.
    t.type_line(&t.reader_command());
    t.wait_for("the reader", |s| s.reader_shown());
    t.keys(&["J", "y"]);
    t.wait_for("the fix in the status line", |s| {
        s.has("Not copied: tmux needs `set -g set-clipboard on` in ~/.tmux.conf (it is external).")
    });
    t.keys(&["q"]);
    t.wait_for("the shell", |s| !s.alternate && s.at_prompt());
    // With the fix, y's plain text and Y's Markdown reach tmux's buffer.
    t.run(&["set", "-g", "set-clipboard", "on"]);
    t.type_line(&t.reader_command());
    t.wait_for("the reader", |s| s.reader_shown());
    let buffer = || String::from_utf8_lossy(&t.command().arg("show-buffer").output().unwrap().stdout).into_owned();
    t.keys(&["J", "J", "y"]);
    t.wait_for("sent", |s| s.has("Sent as plain text to the clipboard (OSC 52): the quote by John Carr."));
    let start = Instant::now();
    while !buffer().starts_with("“the role of us") && start.elapsed() < TIMEOUT {
        std::thread::sleep(POLL);
    }
    assert!(buffer().ends_with(&format!("ECPAT International, {TITLE}, 2015-11-10")), "{}", buffer());
    t.keys(&["Y"]);
    t.wait_for("sent", |s| s.has("Sent as Markdown to the clipboard (OSC 52): the quote by John Carr."));
    let start = Instant::now();
    while !buffer().starts_with("> the role of us") && start.elapsed() < TIMEOUT {
        std::thread::sleep(POLL);
    }
    assert!(
        buffer().contains(&format!("— John Carr, Senior Expert Advisor, ECPAT International, *{TITLE}*")),
        "{}",
        buffer()
    );
    t.keys(&["q"]);
}

#[test]
fn the_reader_keeps_the_index_it_builds_for_the_command_line() {
    let Some(t) = Tmux::start(120, 40) else { return };
    t.type_line(&format!("{}; echo FIRST=$?", t.reader_command()));
    t.wait_for("the reader", |s| s.reader_shown());
    t.keys(&["/"]);
    // `joaopessoa` runs across the two words of "João Pessoa".
    for c in ["j", "o", "a", "o", "p", "e", "s", "s", "o", "a"] {
        t.keys(&[c]);
    }
    t.wait_for("a hit across two words", |s| s.has("/ joaopessoa") && s.has("location: João Pessoa"));
    t.escape("the search closed", |s| !s.has("/ joaopessoa"));
    t.keys(&["q"]);
    t.wait_for("the shell after q", |s| !s.alternate && s.has("FIRST=0") && s.at_prompt());
    // The index the reader stored is the one `podium index --check` expects.
    let index_dir = t.file("cache/podium/index");
    let start = Instant::now();
    // The kept file itself, not the saver's temporary file renamed over it when written whole.
    let kept = || {
        std::fs::read_dir(&index_dir)
            .map_or(0, |d| d.flatten().filter(|e| e.path().extension().is_some_and(|x| x == "idx")).count())
    };
    while kept() == 0 && start.elapsed() < TIMEOUT {
        std::thread::sleep(POLL);
    }
    let check = Command::new(env!("CARGO_BIN_EXE_podium"))
        .args(["index", "content", "--check"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("XDG_CACHE_HOME", t.file("cache"))
        .env("XDG_CONFIG_HOME", t.file("config"))
        .env_remove("PODIUM_CONTENT")
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&check.stdout);
    assert!(check.status.success() && out.starts_with("up to date: 8 items"), "{out}");
}
