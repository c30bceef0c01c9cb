//! Threads that turn terminal input and signals into messages for the loop.

use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind};
use podium::app::Action;
use podium::app::key::{Code, Key};
use podium::load::Library;
use podium::people::People;
use podium::search::{Index, Results};
use signal_hook::consts::signal::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::mpsc::Sender;
use std::time::Duration;

pub enum Msg {
    /// A key: the loop looks it up, since its meaning depends on the mode.
    Key(Key),
    Action(Action),
    Signal(i32),
    /// An index for the library of this generation.
    Index(u64, Arc<Index>),
    Results {
        /// The generation of the library searched.
        library: u64,
        generation: u64,
        query: String,
        results: Arc<Results>,
        /// No hits with capitals: what the query in lower case finds.
        lower_total: Option<usize>,
    },
    /// Files read / total while the library loads (each message of a load
    /// carries the load's number).
    Progress(u64, usize, usize),
    /// The reports loaded so far, while the rest loads.
    Partial(u64, Arc<Library>, Arc<People>),
    /// The whole library, loaded.
    Library(u64, Arc<Library>, Arc<People>),
    /// Files changed on disk, read again as one batch.
    Batch(super::watch::Batch),
    /// Something the watcher cannot follow: the library is read again.
    Lost(super::watch::Lost),
    /// Inside tmux: whether it passes copies on.
    Clipboard(podium::app::clipboard::Clipboard),
}

impl Msg {
    /// The number of the load a loading message comes from (0 for others).
    pub fn load_number(&self) -> u64 {
        match self {
            Msg::Progress(n, ..) | Msg::Partial(n, ..) | Msg::Library(n, ..) => *n,
            _ => 0,
        }
    }
}

pub fn is_termination(sig: i32) -> bool {
    matches!(sig, SIGTERM | SIGHUP | SIGINT | SIGQUIT)
}

/// The termination signal received, if any: the loop may be stopped or
/// waiting in the background when it arrives.
static TERMINATION: AtomicI32 = AtomicI32::new(0);

pub fn termination() -> Option<i32> {
    Some(TERMINATION.load(Ordering::SeqCst)).filter(|&s| s != 0)
}

/// Lets the loop stop the input thread from reading while another program
/// (a suspended shell, an editor) owns the terminal.
pub struct InputHandle {
    paused: Arc<AtomicBool>,
}

impl InputHandle {
    pub fn pause(&self) {
        self.paused.store(true, Ordering::SeqCst);
    }
    pub fn resume(&self) {
        self.paused.store(false, Ordering::SeqCst);
    }
}

pub fn spawn_input(tx: Sender<Msg>) -> InputHandle {
    let paused = Arc::new(AtomicBool::new(false));
    let flag = paused.clone();
    std::thread::spawn(move || {
        loop {
            if flag.load(Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(20));
                continue;
            }
            match event::poll(Duration::from_millis(100)) {
                Ok(false) => continue,
                Ok(true) => {}
                Err(_) => return,
            }
            let Ok(ev) = event::read() else { return };
            if let Some(msg) = to_msg(ev)
                && tx.send(msg).is_err()
            {
                return;
            }
        }
    });
    InputHandle { paused }
}

/// SIGTERM, SIGHUP, SIGINT and SIGQUIT end the loop (so the terminal is
/// restored); SIGTSTP suspends as Ctrl-Z does; SIGCONT forces a full redraw.
pub fn spawn_signals(tx: Sender<Msg>) -> std::io::Result<()> {
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT])?;
    std::thread::spawn(move || {
        for sig in signals.forever() {
            if is_termination(sig) {
                TERMINATION.store(sig, Ordering::SeqCst);
            }
            let msg = if sig == SIGTSTP { Msg::Action(Action::Suspend) } else { Msg::Signal(sig) };
            if tx.send(msg).is_err() {
                return;
            }
        }
    });
    Ok(())
}

fn to_msg(ev: Event) -> Option<Msg> {
    let action = match ev {
        Event::Key(key) if key.kind != KeyEventKind::Release => return to_key(key).map(Msg::Key),
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => Some(Action::Wheel { column: m.column, row: m.row, down: true }),
            MouseEventKind::ScrollUp => Some(Action::Wheel { column: m.column, row: m.row, down: false }),
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column: m.column, row: m.row }),
            _ => None,
        },
        _ => None,
    };
    action.map(Msg::Action)
}

/// The one place terminal keys become the program's keys.
fn to_key(key: KeyEvent) -> Option<Key> {
    let code = match key.code {
        KeyCode::Char(c) => Code::Char(c),
        KeyCode::Up => Code::Up,
        KeyCode::Down => Code::Down,
        KeyCode::Left => Code::Left,
        KeyCode::Right => Code::Right,
        KeyCode::Home => Code::Home,
        KeyCode::End => Code::End,
        KeyCode::PageUp => Code::PageUp,
        KeyCode::PageDown => Code::PageDown,
        KeyCode::Tab => Code::Tab,
        KeyCode::BackTab => Code::BackTab,
        KeyCode::Enter => Code::Enter,
        KeyCode::Esc => Code::Esc,
        KeyCode::Backspace => Code::Backspace,
        KeyCode::F(n) => Code::F(n),
        _ => return None,
    };
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let code = match code {
        // Ctrl-D arrives as 'd' or 'D' depending on the terminal.
        Code::Char(c) if ctrl => Code::Char(c.to_ascii_lowercase()),
        other => other,
    };
    Some(Key { code, ctrl, alt: key.modifiers.contains(KeyModifiers::ALT) })
}
