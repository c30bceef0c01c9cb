//! Inside tmux, its `set-clipboard` option, asked once on a thread of its own
//! so that the loop never waits for tmux: at tmux's default (`external`) the
//! reader's copies (OSC 52) never reach the clipboard, and a copy says so
//! (the words are `podium::app::clipboard`'s).

use super::events::Msg;
use podium::app::clipboard::Clipboard;
use std::io::Read;
use std::process::{Command, Stdio};
use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

/// A tmux server that does not answer within this is taken as no answer.
const TIMEOUT: Duration = Duration::from_secs(2);

/// Asks tmux, when podium runs inside it (`$TMUX`), and sends the answer.
pub fn ask_tmux(tx: Sender<Msg>) {
    if std::env::var_os("TMUX").is_none_or(|v| v.is_empty()) {
        return;
    }
    let _ = std::thread::Builder::new().name("tmux-clipboard".into()).spawn(move || {
        let answer = tmux_option("set-clipboard");
        let _ = tx.send(Msg::Clipboard(Clipboard::new(true, answer.as_deref())));
    });
}

/// `tmux show-options -gv NAME`: the global value, `None` if tmux fails or is slow.
fn tmux_option(name: &str) -> Option<String> {
    let mut child = Command::new("tmux")
        .args(["show-options", "-gv", name])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => break,
            Ok(None) if start.elapsed() < TIMEOUT => std::thread::sleep(Duration::from_millis(5)),
            Ok(Some(_)) => return None,
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    }
    // A word is expected; more is not read.
    let mut out = String::new();
    child.stdout.take()?.take(64).read_to_string(&mut out).ok()?;
    Some(out)
}
