use super::state::Pane;

/// Everything the user (or the terminal) can ask of the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Down,
    Up,
    Top,
    Bottom,
    HalfPageDown,
    HalfPageUp,
    PageDown,
    PageUp,
    NextPane,
    PrevPane,
    /// `z`: the focused pane full screen, or back to all panes.
    Zoom,
    FocusPane(Pane),
    /// Enter: open what is selected.
    Open,
    /// Esc: close the top overlay, else clear the speaker selection. Never quits.
    Back,
    NextSpeaker,
    PrevSpeaker,
    NextQuote,
    PrevQuote,
    NextReport,
    PrevReport,
    /// Show every quote of the report again (clears the speaker selection).
    AllQuotes,
    /// `y`: the selected quote and its citation as plain text.
    Copy,
    /// `Y`: the same as Markdown (a block quote and its citation).
    CopyMarkdown,
    /// `c`: the search's hits, or the speaker's (or report's) quotes, as Markdown.
    CopyAll,
    Help,
    Problems,
    /// `q`: closes an overlay if one is open, else quits.
    Quit,
    /// Ctrl-c: quits from anywhere.
    ForceQuit,
    Suspend,
    /// Ctrl-l: draw the whole screen again, as less and vim do.
    Redraw,
    /// `/`: open the search prompt.
    Search,
    /// `r`: read the library again.
    Reload,
    /// `e`: open the current report in the user's editor.
    Edit,
    /// `n` / `N`: the next / previous hit of the last search.
    NextHit,
    PrevHit,
    /// Ctrl-o: back to the place a jump (search, People) left, as in vim.
    JumpBack,
    /// `P` / `5`: the People view, where it was left.
    People,
    /// `i`: the selected speaker in the People view.
    SpeakerInPeople,
    /// `o` in People: order by sessions ⇄ by name.
    ToggleOrder,
    /// In the search prompt: an earlier / a later query of the history.
    HistoryPrev,
    HistoryNext,
    /// In the prompt: type a character, delete one, a word, or everything.
    Input(char),
    DeleteChar,
    DeleteWord,
    ClearInput,
    Resize {
        width: u16,
        height: u16,
    },
    Click {
        column: u16,
        row: u16,
    },
    Wheel {
        column: u16,
        row: u16,
        down: bool,
    },
}

/// Work the event loop carries out for the state machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Quit,
    /// Ctrl-c: quit with the status of an interrupted program (130), as fzf does.
    Interrupted,
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
    /// Restore the terminal, stop the process, and take the terminal back on resume.
    Suspend,
    /// Clear the terminal and draw every cell again: some graphemes (flags, Devanagari
    /// clusters) take another width in the terminal than ratatui gives them.
    Redraw,
    /// Run this query on the search worker; its results come back tagged
    /// with the generation.
    Search {
        generation: u64,
        query: String,
    },
    /// [`Effect::Search`] with every hit ranked, not only the best
    /// [`HIT_LIMIT`](super::search::HIT_LIMIT): asked when stepping or scrolling
    /// reaches the last hit ranked so far.
    RankAll {
        generation: u64,
        query: String,
    },
    /// Add this query to the search history kept across runs (the loop writes
    /// the file; `State::history` has it already).
    Remember(String),
    /// Read every file again.
    Reload,
    /// Open this file in `$VISUAL` / `$EDITOR` near the given node of the
    /// given YAML document (e.g. `quotes[2]`), then read it again.
    Edit {
        path: std::path::PathBuf,
        document: usize,
        node: String,
    },
    /// Open this file in the editor at this line (a load problem's), then read it again.
    EditLine {
        path: std::path::PathBuf,
        line: Option<usize>,
    },
}
