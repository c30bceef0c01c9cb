//! What a copy says in the status line. OSC 52 has no reply, so the reader
//! cannot know that the text arrived (the terminal may not support it, tmux
//! may not pass it on with `allow-passthrough`…), and says "sent". The one
//! thing it can know is that tmux, at its default `set-clipboard external`
//! (or `off`), drops what programs send: the reader asks tmux once, off the
//! loop, and a copy then says so, with the fix.

/// Where OSC 52 goes, as far as the reader learnt at start-up.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Clipboard {
    /// Not inside tmux, or tmux did not answer (yet), or answered something
    /// unknown: the terminal decides, unseen.
    #[default]
    Terminal,
    /// Inside tmux, whose `set-clipboard` is this.
    Tmux(TmuxClipboard),
}

/// tmux's `set-clipboard` option.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TmuxClipboard {
    /// Programs' OSC 52 sets tmux's buffer and goes on to the terminal.
    On,
    /// tmux's default: only tmux's own copies reach the terminal; programs' are dropped.
    External,
    /// Nothing reaches the terminal.
    Off,
}

impl Clipboard {
    /// From whether `$TMUX` is set (podium runs inside tmux) and what
    /// `tmux show -gv set-clipboard` printed (`None`: no answer).
    pub fn new(in_tmux: bool, set_clipboard: Option<&str>) -> Clipboard {
        let setting = match set_clipboard.map(str::trim) {
            Some("on") => TmuxClipboard::On,
            Some("external") => TmuxClipboard::External,
            Some("off") => TmuxClipboard::Off,
            _ => return Clipboard::Terminal,
        };
        if in_tmux { Clipboard::Tmux(setting) } else { Clipboard::Terminal }
    }

    /// The status line after sending `what` ("the quote by Ann Lee") `how`
    /// ("as plain text"): that it was sent, or, when tmux drops it, the
    /// one-line fix; what tells `y` from `Y` first, so that a narrow status
    /// line still shows it.
    pub fn sent(self, what: &str, how: &str) -> String {
        let setting = match self {
            Clipboard::Tmux(TmuxClipboard::External) => "external",
            Clipboard::Tmux(TmuxClipboard::Off) => "off",
            Clipboard::Tmux(TmuxClipboard::On) | Clipboard::Terminal => {
                return format!("Sent {how} to the clipboard (OSC 52): {what}.");
            }
        };
        format!("Not copied: tmux needs `set -g set-clipboard on` in ~/.tmux.conf (it is {setting}).")
    }
}
