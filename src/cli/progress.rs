//! Progress of long commands on standard error, as a bar on one line that is
//! cleared before anything else is printed. Shown only on a terminal, and
//! only once the work has taken half a second: quick commands stay quiet.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

const QUIET_FOR: Duration = Duration::from_millis(500);
const EVERY: Duration = Duration::from_millis(100);
const WIDTH: usize = 24;

pub struct Progress {
    tty: bool,
    start: Instant,
    last: Mutex<Option<Instant>>,
    shown: AtomicBool,
}

impl Progress {
    pub fn on_stderr() -> Self {
        Progress {
            tty: std::io::stderr().is_terminal(),
            start: Instant::now(),
            last: Mutex::new(None),
            shown: false.into(),
        }
    }

    /// `what` (`files`, `blocks`): `done` of `total`, as a bar.
    pub fn step(&self, label: &str, done: usize, total: usize, what: &str) {
        if self.due(done == total) {
            self.draw(&line(label, done, total, what));
        }
    }

    /// A phase without steps to count.
    pub fn phase(&self, text: &str) {
        if self.due(true) {
            self.draw(text);
        }
    }

    /// Clears the line, if anything was shown.
    pub fn clear(&self) {
        if self.shown.swap(false, Ordering::Relaxed) {
            let _ = write!(std::io::stderr(), "\r\x1b[2K");
        }
    }

    fn due(&self, last_step: bool) -> bool {
        if !self.tty || self.start.elapsed() < QUIET_FOR {
            return false;
        }
        let Ok(mut last) = self.last.lock() else { return false };
        if last_step || last.is_none_or(|t| t.elapsed() >= EVERY) {
            *last = Some(Instant::now());
            return true;
        }
        false
    }

    fn draw(&self, text: &str) {
        self.shown.store(true, Ordering::Relaxed);
        let _ = write!(std::io::stderr(), "\r\x1b[2K{text}");
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.clear();
    }
}

/// `Loading   [#########...............]  38%  7600/20000 files`.
fn line(label: &str, done: usize, total: usize, what: &str) -> String {
    let done = done.min(total);
    let filled = (done * WIDTH).checked_div(total).unwrap_or(WIDTH);
    let percent = (done * 100).checked_div(total).unwrap_or(100);
    format!("{label:<11} [{}{}] {percent:>3}%  {done}/{total} {what}", "#".repeat(filled), ".".repeat(WIDTH - filled))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_fills_with_the_work_done() {
        assert_eq!(line("Loading", 0, 4, "files"), format!("Loading     [{}]   0%  0/4 files", ".".repeat(24)));
        assert_eq!(
            line("Loading", 1, 4, "files"),
            format!("Loading     [{}{}]  25%  1/4 files", "#".repeat(6), ".".repeat(18))
        );
        assert_eq!(line("Writing", 9, 4, "blocks"), format!("Writing     [{}] 100%  4/4 blocks", "#".repeat(24)));
        assert_eq!(line("Loading", 0, 0, "files"), format!("Loading     [{}] 100%  0/0 files", "#".repeat(24)));
    }
}
