//! The interactive reader: takes the terminal, runs the event loop, and gives
//! the terminal back exactly as it was, whatever happens.

mod background;
mod clipboard;
mod events;
mod history;
mod terminal;
mod watch;

use anyhow::{Context, Result};
use events::Msg;
use podium::app::{self, Action, Effect, State};
use podium::load::{Input, Library, LoadOptions};
use std::io::IsTerminal;
use std::sync::{Arc, mpsc};

pub struct Options {
    pub color: bool,
    pub mouse: bool,
    pub watch: bool,
    pub palette: podium::ui::theme::Palette,
    pub keys: podium::app::keymap::KeyMap,
    /// The widest report text is wrapped.
    pub wrap: Option<usize>,
    /// The configuration's `[people]`: other names of one person.
    pub people: podium::people::Aliases,
}

/// Runs the reader until the user quits; returns the process exit status
/// (128 + the signal number when a signal ended it, as shells do).
pub fn run(inputs: Vec<Input>, load: LoadOptions, opts: Options) -> Result<u8> {
    // Standard input may be a pipe (`podium -`): keys then come from /dev/tty.
    if !std::io::stdout().is_terminal() {
        anyhow::bail!("the reader needs a terminal; use `podium list` or `podium show ID` in pipes and scripts");
    }
    // Standard input is read before the terminal is taken: it may be the data.
    let inputs = background::read_stdin_first(inputs, &load);
    terminal::install_panic_hook(opts.mouse);
    let mut term = terminal::enter(opts.mouse).context("cannot set up the terminal")?;
    let result = event_loop(&mut term, inputs, load, &opts);
    terminal::leave(opts.mouse);
    result
}

fn event_loop(term: &mut terminal::Term, inputs: Vec<Input>, load: LoadOptions, opts: &Options) -> Result<u8> {
    let size = term.size()?;
    // The first frame comes at once: the library loads on worker threads.
    let mut state = State::new(Library::default(), size.width, size.height);
    state.loading = Some((0, 0));
    state.color = opts.color;
    state.mouse = opts.mouse;
    state.keys = Arc::new(opts.keys.clone());
    state.wrap = opts.wrap;
    let aliases = Arc::new(opts.people.clone());
    state.set_aliases(Arc::clone(&aliases));
    let history_file =
        history::path(std::env::var_os("XDG_STATE_HOME").as_deref(), std::env::var_os("HOME").as_deref());
    state.history = history_file.as_deref().map(history::load).unwrap_or_default();
    // Said once: a history that cannot be saved should not nag at every search.
    let mut history_failed = false;
    // The layout's text was wrapped before the width limit was known.
    state.rewrap();
    let (tx, rx) = mpsc::channel();
    let input = events::spawn_input(tx.clone());
    events::spawn_signals(tx.clone())?;
    clipboard::ask_tmux(tx.clone());
    let stored = load
        .cache
        .and_then(|dir| podium::search::index::store::path_for_inputs(dir, &inputs))
        .map(|path| background::Kept { path, inputs: inputs.clone(), load });
    let prepared = background::Prepared::default();
    let search = background::spawn_search(tx.clone(), Arc::clone(&aliases), stored.clone(), prepared.clone());
    let loader = background::Loader::new(inputs.clone(), load, Arc::clone(&aliases), tx.clone(), stored, prepared);
    // The library on screen, for the watcher to apply changes to.
    let shown = watch::Shown::new(aliases);
    loader.load_all(true);
    // Watching starts after the first frame: registering a large tree takes tens of ms.
    let mut watch_pending = opts.watch;
    // `r` was pressed: say so when the new library is in.
    let mut reloading: Option<String> = None;
    let mut _watcher = None;
    let timing = Timing::from_env();
    loop {
        let drawn = term.draw(|frame| podium::ui::draw_in(frame, &state, opts.palette))?;
        if terminal::has_clusters(drawn.buffer) {
            terminal::repaint_all_next(term);
        }
        timing.mark("first_frame_ms");
        if std::mem::take(&mut watch_pending) {
            match watch::watch(&inputs, load, shown.clone(), tx.clone()) {
                Ok(watcher) => {
                    _watcher = Some(watcher);
                    timing.mark("watching_ms");
                }
                Err(e) => {
                    let reload = state.keys.first_key(podium::app::Action::Reload);
                    state.status = Some(format!("Live reload is off: press {reload} to read the library again ({e})."));
                    continue;
                }
            }
        }
        // Handle everything already waiting before drawing again, so a burst of
        // keys (a held j) costs one frame, not one per key.
        let mut msg = rx.recv()?;
        loop {
            let action = match msg {
                Msg::Key(key) => {
                    // The end-to-end test of the panic path: a panic on a key press.
                    #[cfg(feature = "test-hooks")]
                    if std::env::var_os("PODIUM_TEST_PANIC").is_some() {
                        panic!("test panic on demand (PODIUM_TEST_PANIC)");
                    }
                    state.keys.action_for(state.typing(), key)
                }
                Msg::Action(a) => Some(a),
                Msg::Progress(..) | Msg::Partial(..) | Msg::Library(..) if !loader.is_latest(msg.load_number()) => None,
                Msg::Progress(_, done, total) => {
                    if state.loading.is_some() {
                        state.loading = Some((done, total));
                    }
                    None
                }
                Msg::Partial(_, library, people) => {
                    timing.mark("first_reports_ms");
                    if state.loading.is_some() {
                        show(&mut state, library, Some(people), &search, &shown);
                    }
                    None
                }
                Msg::Library(_, library, people) => {
                    timing.mark("loaded_ms");
                    state.loading = None;
                    show(&mut state, library, Some(people), &search, &shown);
                    app::on_loaded(&mut state);
                    if let Some(why) = reloading.take() {
                        let (n, errors) = (state.library.reports.len(), state.library.errors());
                        let plural = |n: usize| if n == 1 { "" } else { "s" };
                        state.status = Some(format!(
                            "{why}Library read again: {n} report{}, {errors} problem{}.",
                            plural(n),
                            plural(errors)
                        ));
                    }
                    None
                }
                Msg::Batch(batch) => {
                    let before = Arc::clone(&state.library);
                    let problems_key = state.keys.first_key(Action::Problems);
                    let paths = batch.paths();
                    let (library, people) = batch.library_for(&before);
                    show(&mut state, library, people, &search, &shown);
                    if let Some(status) = watch::describe(&before, &state.library, &paths, &problems_key) {
                        state.status = Some(status);
                    }
                    None
                }
                Msg::Lost(lost) => {
                    let (shown_path, what) = match &lost {
                        watch::Lost::Root(p) => (podium::load::sanitize::path(p), "was moved or deleted"),
                        watch::Lost::RootBack(p) => (podium::load::sanitize::path(p), "is back"),
                        watch::Lost::Overflow => (String::new(), ""),
                    };
                    state.status = Some(match lost {
                        watch::Lost::Overflow => {
                            "Too many changes at once for the watcher to follow: reading the library again…".into()
                        }
                        _ => format!("{shown_path} {what}: reading the library again…"),
                    });
                    // Reports from paths that no longer exist must not stay
                    // listed while the library is read again.
                    if let watch::Lost::Root(p) = &lost {
                        let base = Arc::clone(&state.library);
                        let library = Arc::new(base.with_files(vec![(p.clone(), None)]));
                        show(&mut state, library, None, &search, &shown);
                    }
                    reloading = Some(format!("{shown_path} {what}: "));
                    loader.load_all(false);
                    None
                }
                Msg::Index(generation, index) => {
                    if state.loading.is_none() && generation == state.library_generation {
                        timing.mark("indexed_ms");
                    }
                    if generation == state.library_generation {
                        match app::search::on_index(&mut state, index) {
                            Some(Effect::Search { generation, query }) => search.query(generation, query),
                            Some(Effect::RankAll { generation, query }) => search.query_all(generation, query),
                            _ => {}
                        }
                    }
                    None
                }
                Msg::Results { library, generation, query, results, lower_total } => {
                    app::search::on_results_with_hint(&mut state, library, generation, query, results, lower_total);
                    None
                }
                Msg::Clipboard(clipboard) => {
                    state.clipboard = clipboard;
                    None
                }
                Msg::Signal(sig) if events::is_termination(sig) => return Ok(128 + sig as u8),
                Msg::Signal(_) => {
                    // Resumed after an outside stop: the screen may hold anything.
                    terminal::full_redraw(term)?;
                    None
                }
            };
            if let Some(action) = action {
                let had_popup = state.overlay.is_some() || state.search.is_some();
                let effect = app::update(&mut state, action);
                if had_popup && state.overlay.is_none() && state.search.is_none() {
                    // Some graphemes (flags, Thai and Devanagari clusters) are
                    // wider or narrower in the terminal than ratatui thinks; a
                    // full redraw clears what a closed popup leaves behind.
                    terminal::full_redraw(term)?;
                }
                match effect {
                    None => {}
                    Some(Effect::Quit) => return Ok(0),
                    Some(Effect::Interrupted) => return Ok(130),
                    Some(Effect::Copy(text)) => terminal::copy(&text)?,
                    Some(Effect::Redraw) => terminal::full_redraw(term)?,
                    Some(Effect::Search { generation, query }) => {
                        search.query(generation, query);
                    }
                    Some(Effect::RankAll { generation, query }) => search.query_all(generation, query),
                    Some(Effect::Remember(query)) => {
                        let saved = history_file.as_deref().map(|path| history::add(path, &query));
                        if let Some(Err(e)) = saved
                            && !std::mem::replace(&mut history_failed, true)
                            && state.status.is_none()
                        {
                            state.status = Some(format!("The search history cannot be saved: {e}."));
                        }
                    }
                    Some(Effect::Reload) => {
                        reloading = Some(String::new());
                        state.status = Some("Reading the library again…".into());
                        loader.load_all(false);
                    }
                    Some(Effect::Edit { path, document, node }) => {
                        let line = podium::load::line_of(&path, document, &node);
                        edit(term, &input, &loader, &mut state, opts, path, line)?;
                    }
                    Some(Effect::EditLine { path, line }) => {
                        // The problems list stays open, to go on to the next problem.
                        edit(term, &input, &loader, &mut state, opts, path, line)?;
                    }
                    Some(Effect::Suspend) if !terminal::can_suspend() => {
                        state.status = Some("Cannot suspend: no shell with job control started podium.".into());
                    }
                    Some(Effect::Suspend) => {
                        input.pause();
                        if let Some(sig) = terminal::suspend(opts.mouse)? {
                            return Ok(128 + sig as u8);
                        }
                        input.resume();
                        terminal::full_redraw(term)?;
                        let size = term.size()?;
                        app::update(&mut state, Action::Resize { width: size.width, height: size.height });
                    }
                }
            }
            match rx.try_recv() {
                Ok(next) => msg = next,
                Err(_) => break,
            }
        }
    }
}

/// `e`: the editor takes the terminal; the file is read again when it exits,
/// even with an error status (`:cq`), since it may have been saved before.
fn edit(
    term: &mut terminal::Term,
    input: &events::InputHandle,
    loader: &background::Loader,
    state: &mut State,
    opts: &Options,
    path: std::path::PathBuf,
    line: Option<usize>,
) -> Result<()> {
    input.pause();
    let outcome = terminal::run_editor(opts.mouse, &path, line);
    input.resume();
    terminal::full_redraw(term)?;
    match outcome {
        Ok(()) => {}
        Err(terminal::EditorError::Exited(status)) => state.status = Some(format!("The editor exited with {status}.")),
        Err(terminal::EditorError::NotRun(e)) => {
            state.status = Some(format!("Could not run the editor: {e:#}"));
            return Ok(());
        }
    }
    loader.reload_file(path, Arc::clone(&state.library));
    Ok(())
}

/// A new library on screen, and to the search worker for a new index.
/// `people`: its people table, built with it off the UI thread (`None`, in
/// the rare cases where the loop makes the library itself: built now).
fn show(
    state: &mut State,
    library: Arc<Library>,
    people: Option<Arc<podium::people::People>>,
    search: &background::SearchWorker,
    shown: &watch::Shown,
) {
    match people {
        Some(people) => state.replace_library_with(Arc::clone(&library), people),
        None => state.replace_library(Arc::clone(&library)),
    }
    shown.set(&library);
    // While loading, a library is indexed only if someone searches it.
    search.library(state.library_generation, library, state.loading.is_none());
    if let Some(Effect::Search { generation, query }) = app::search::requery(state) {
        search.query(generation, query);
    }
}

/// For the start-up benchmark (scripts/bench-startup.sh): with
/// `PODIUM_TIMING=FILE`, the first time each milestone is reached, its time
/// since start is appended to FILE.
struct Timing {
    file: Option<std::path::PathBuf>,
    start: std::time::Instant,
    seen: std::cell::RefCell<Vec<&'static str>>,
}

impl Timing {
    fn from_env() -> Self {
        Timing {
            file: std::env::var_os("PODIUM_TIMING").map(Into::into),
            start: crate::START.get().copied().unwrap_or_else(std::time::Instant::now),
            seen: Default::default(),
        }
    }

    fn mark(&self, what: &'static str) {
        let Some(file) = &self.file else { return };
        if self.seen.borrow().contains(&what) {
            return;
        }
        self.seen.borrow_mut().push(what);
        use std::io::Write;
        if let Ok(mut f) = std::fs::OpenOptions::new().create(true).append(true).open(file) {
            let _ = writeln!(f, "{what} {:.1}", self.start.elapsed().as_secs_f64() * 1000.0);
        }
    }
}
