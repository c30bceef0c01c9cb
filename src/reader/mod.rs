//! The interactive reader: takes the terminal, runs the event loop, and gives
//! the terminal back exactly as it was, whatever happens.

mod events;
mod terminal;

use anyhow::{Context, Result};
use events::Msg;
use podium::app::{self, Action, Effect, State, keymap};
use podium::load::Library;
use std::io::IsTerminal;
use std::sync::{Arc, mpsc};

pub struct Options {
    pub color: bool,
    pub mouse: bool,
}

/// Runs the reader until the user quits; returns the process exit status
/// (128 + the signal number when a signal ended it, as shells do).
pub fn run(library: Library, opts: Options) -> Result<u8> {
    // Standard input may be a pipe (`podium -`): keys then come from /dev/tty.
    if !std::io::stdout().is_terminal() {
        anyhow::bail!("the reader needs a terminal; use `podium list` or `podium show ID` in pipes and scripts");
    }
    terminal::install_panic_hook(opts.mouse);
    let mut term = terminal::enter(opts.mouse).context("cannot set up the terminal")?;
    let result = event_loop(&mut term, library, &opts);
    terminal::leave(opts.mouse);
    result
}

fn event_loop(term: &mut terminal::Term, library: Library, opts: &Options) -> Result<u8> {
    let size = term.size()?;
    let mut state = State::new(library, size.width, size.height);
    state.color = opts.color;
    state.mouse = opts.mouse;
    let (tx, rx) = mpsc::channel();
    let input = events::spawn_input(tx.clone());
    events::spawn_signals(tx.clone())?;
    let search = events::spawn_search(Arc::clone(&state.library), tx);
    loop {
        term.draw(|frame| podium::ui::draw(frame, &state))?;
        // Handle everything already waiting before drawing again, so a burst of
        // keys (a held j) costs one frame, not one per key.
        let mut msg = rx.recv()?;
        loop {
            let action = match msg {
                Msg::Key(key) => keymap::action_for(state.search.is_some(), key),
                Msg::Action(a) => Some(a),
                Msg::Index(index) => {
                    if let Some(Effect::Search { generation, query }) = app::search::on_index(&mut state, index) {
                        let _ = search.send((generation, query));
                    }
                    None
                }
                Msg::Results { generation, query, results } => {
                    app::search::on_results(&mut state, generation, query, results);
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
                let had_overlay = state.overlay.is_some();
                let effect = app::update(&mut state, action);
                if had_overlay && state.overlay.is_none() {
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
                    Some(Effect::Search { generation, query }) => {
                        let _ = search.send((generation, query));
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
