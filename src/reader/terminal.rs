//! Entering and leaving raw mode and the alternate screen, on every path out:
//! normal quit, error, panic, signals and suspend.

use crossterm::clipboard::CopyToClipboard;
use crossterm::cursor::{Hide, Show};
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{Stdout, stdout};

pub type Term = Terminal<CrosstermBackend<Stdout>>;

pub fn enter(mouse: bool) -> std::io::Result<Term> {
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, Hide)?;
    if mouse {
        execute!(stdout(), EnableMouseCapture)?;
    }
    Terminal::new(CrosstermBackend::new(stdout()))
}

/// Undoes `enter`. Safe to call more than once and from a panic hook.
pub fn leave(mouse: bool) {
    if mouse {
        let _ = execute!(stdout(), DisableMouseCapture);
    }
    let _ = execute!(stdout(), LeaveAlternateScreen, Show);
    let _ = disable_raw_mode();
}

/// Restores the terminal before the panic message is printed, so the message
/// lands on the normal screen where the user can read it.
pub fn install_panic_hook(mouse: bool) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // A worker's panic is caught and reported by the worker (a file that
        // fails to load is a problem, not a crash): only the main thread's
        // panic ends the reader.
        if std::thread::current().name() == Some("main") && !podium::load::is_parser_panic(info) {
            leave(mouse);
            previous(info);
        }
    }));
}

/// Whether a shell can resume us after a stop. A session leader (a terminal
/// emulator's `-e podium`, `ssh host podium`) has none: stopping would freeze it.
pub fn can_suspend() -> bool {
    unsafe { libc::getsid(0) != libc::getpid() }
}

/// Ctrl-Z: give the terminal back, stop, and take it again on `fg`. Returns
/// the signal that ended podium while it was stopped (`kill %1` sends TERM,
/// then CONT while podium is still in the background).
pub fn suspend(mouse: bool) -> std::io::Result<Option<i32>> {
    leave(mouse);
    // SIGSTOP, not SIGTSTP: a self-sent SIGTSTP is ignored when the process
    // group is orphaned, and SIGSTOP cannot be caught or ignored.
    unsafe {
        libc::raise(libc::SIGSTOP);
    }
    // Touching the terminal from the background would stop us again
    // (SIGTTOU): wait to be in the foreground, or to be told to end.
    loop {
        if let Some(sig) = super::events::termination() {
            return Ok(Some(sig));
        }
        if unsafe { libc::tcgetpgrp(libc::STDOUT_FILENO) == libc::getpgrp() } {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, Hide)?;
    if mouse {
        execute!(stdout(), EnableMouseCapture)?;
    }
    Ok(None)
}

/// Clears the screen and makes the next frame draw every cell. Not
/// `Terminal::clear`: that asks the terminal for the cursor position, and on
/// a terminal that has gone away crossterm then waits for the answer forever.
pub fn full_redraw(term: &mut Term) -> std::io::Result<()> {
    execute!(term.backend_mut(), crossterm::terminal::Clear(crossterm::terminal::ClearType::All))?;
    // Both buffers emptied: the next draw compares against nothing.
    term.swap_buffers();
    term.swap_buffers();
    Ok(())
}

/// Clusters of several code points (flags, Devanagari syllables, emoji with
/// joiners or selectors) take another width in some terminals (tmux among them)
/// than ratatui gives them, so a cell ratatui thinks unchanged may still show a
/// piece of one. Whether a drawn frame held any.
pub fn has_clusters(buffer: &ratatui::buffer::Buffer) -> bool {
    buffer.content.iter().any(|cell| cell.symbol().chars().nth(1).is_some())
}

/// The next draw writes every cell, not only the changed ones: leftovers of
/// clusters are overwritten without clearing the screen (which would flicker).
pub fn repaint_all_next(term: &mut Term) {
    // After a draw the previous frame is the other buffer; swapping resets it
    // and makes it current, so it can be filled with a symbol no frame has.
    term.swap_buffers();
    for cell in &mut term.current_buffer_mut().content {
        cell.set_symbol("\u{0}");
    }
    term.swap_buffers();
}

/// `e`: the terminal goes to `$VISUAL` / `$EDITOR` (else `vi`), opened at
/// `line`, and comes back when it exits.
pub fn run_editor(mouse: bool, path: &std::path::Path, line: Option<usize>) -> Result<(), EditorError> {
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| std::env::var("EDITOR").ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "vi".into());
    // "code --wait" and the like: the first word is the program.
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or("vi");
    let mut cmd = std::process::Command::new(program);
    cmd.args(words);
    if let Some(line) = line {
        cmd.arg(format!("+{line}"));
    }
    cmd.arg(path);
    leave(mouse);
    let status = cmd.status();
    let back = (|| -> std::io::Result<()> {
        enable_raw_mode()?;
        execute!(stdout(), EnterAlternateScreen, Hide)?;
        if mouse {
            execute!(stdout(), EnableMouseCapture)?;
        }
        Ok(())
    })();
    back.map_err(|e| EditorError::NotRun(anyhow::anyhow!("cannot take the terminal back: {e}")))?;
    let status = status.map_err(|e| EditorError::NotRun(anyhow::anyhow!("{program}: {e}")))?;
    if !status.success() {
        return Err(EditorError::Exited(status));
    }
    Ok(())
}

pub enum EditorError {
    /// The editor could not be started (or the terminal not taken back).
    NotRun(anyhow::Error),
    /// It ran and exited with an error status; the file may still have been saved.
    Exited(std::process::ExitStatus),
}

/// OSC 52: the terminal (or tmux, or an SSH client's terminal) sets its clipboard.
pub fn copy(text: &str) -> std::io::Result<()> {
    execute!(stdout(), CopyToClipboard::to_clipboard_from(text))
}
