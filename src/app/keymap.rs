//! The key table: the only place keys become actions. The help overlay and the
//! README list it, so they cannot drift from what the program does.

use super::action::Action;
use super::key::{Code, Key};
use super::state::Pane;

/// A binding of the built-in table.
pub struct DefaultBinding {
    /// The action's name in the configuration file (`[keys]`).
    pub name: &'static str,
    pub keys: &'static [Key],
    pub action: Action,
    pub help: &'static str,
    pub group: &'static str,
}

const fn k(c: char) -> Key {
    Key::char(c)
}
const fn p(code: Code) -> Key {
    Key::plain(code)
}

pub const BINDINGS: &[DefaultBinding] = &[
    DefaultBinding {
        name: "down",
        keys: &[k('j'), p(Code::Down), Key::ctrl('n')],
        action: Action::Down,
        help: "move down / scroll down",
        group: "Move",
    },
    DefaultBinding {
        name: "up",
        keys: &[k('k'), p(Code::Up), Key::ctrl('p')],
        action: Action::Up,
        help: "move up / scroll up",
        group: "Move",
    },
    DefaultBinding {
        name: "top",
        keys: &[k('g'), p(Code::Home)],
        action: Action::Top,
        help: "go to the top",
        group: "Move",
    },
    DefaultBinding {
        name: "bottom",
        keys: &[k('G'), p(Code::End)],
        action: Action::Bottom,
        help: "go to the bottom",
        group: "Move",
    },
    DefaultBinding {
        name: "half_page_down",
        keys: &[Key::ctrl('d'), k('d')],
        action: Action::HalfPageDown,
        help: "half a page down",
        group: "Move",
    },
    DefaultBinding {
        name: "half_page_up",
        keys: &[Key::ctrl('u'), k('u')],
        action: Action::HalfPageUp,
        help: "half a page up",
        group: "Move",
    },
    DefaultBinding {
        name: "page_down",
        keys: &[p(Code::PageDown), k(' '), k('f'), Key::ctrl('f')],
        action: Action::PageDown,
        help: "a page down",
        group: "Move",
    },
    DefaultBinding {
        name: "page_up",
        keys: &[p(Code::PageUp), k('b'), Key::ctrl('b')],
        action: Action::PageUp,
        help: "a page up",
        group: "Move",
    },
    DefaultBinding {
        name: "next_pane",
        keys: &[p(Code::Tab), k('l'), p(Code::Right)],
        action: Action::NextPane,
        help: "next pane",
        group: "Panes",
    },
    DefaultBinding {
        name: "prev_pane",
        keys: &[p(Code::BackTab), k('h'), p(Code::Left)],
        action: Action::PrevPane,
        help: "previous pane",
        group: "Panes",
    },
    DefaultBinding {
        name: "zoom",
        keys: &[k('z')],
        action: Action::Zoom,
        help: "the focused pane full screen (again: all panes)",
        group: "Panes",
    },
    DefaultBinding {
        name: "focus_library",
        keys: &[k('1')],
        action: Action::FocusPane(Pane::Library),
        help: "Library pane",
        group: "Panes",
    },
    DefaultBinding {
        name: "focus_session",
        keys: &[k('2')],
        action: Action::FocusPane(Pane::Session),
        help: "Session pane",
        group: "Panes",
    },
    DefaultBinding {
        name: "focus_speakers",
        keys: &[k('3')],
        action: Action::FocusPane(Pane::Speakers),
        help: "Speakers pane",
        group: "Panes",
    },
    DefaultBinding {
        name: "focus_quotes",
        keys: &[k('4')],
        action: Action::FocusPane(Pane::Quotes),
        help: "Quotes pane",
        group: "Panes",
    },
    DefaultBinding {
        name: "people",
        keys: &[k('P'), k('5')],
        action: Action::People,
        help: "People: everyone who speaks in the library",
        group: "Panes",
    },
    DefaultBinding {
        name: "open",
        keys: &[p(Code::Enter)],
        action: Action::Open,
        help: "open the selected report, speaker or quote",
        group: "Panes",
    },
    DefaultBinding {
        name: "back",
        keys: &[p(Code::Esc)],
        action: Action::Back,
        help: "close the overlay, else clear the speaker selection, else the last search",
        group: "Panes",
    },
    DefaultBinding {
        name: "next_speaker",
        keys: &[k('s')],
        action: Action::NextSpeaker,
        help: "next speaker",
        group: "Jump",
    },
    DefaultBinding {
        name: "prev_speaker",
        keys: &[k('S')],
        action: Action::PrevSpeaker,
        help: "previous speaker",
        group: "Jump",
    },
    DefaultBinding {
        name: "next_quote",
        keys: &[k('J')],
        action: Action::NextQuote,
        help: "next quote",
        group: "Jump",
    },
    DefaultBinding {
        name: "prev_quote",
        keys: &[k('K')],
        action: Action::PrevQuote,
        help: "previous quote",
        group: "Jump",
    },
    DefaultBinding {
        name: "next_report",
        keys: &[k('L'), k(']')],
        action: Action::NextReport,
        help: "next report",
        group: "Jump",
    },
    DefaultBinding {
        name: "prev_report",
        keys: &[k('H'), k('[')],
        action: Action::PrevReport,
        help: "previous report",
        group: "Jump",
    },
    DefaultBinding {
        name: "all_quotes",
        keys: &[k('a')],
        action: Action::AllQuotes,
        help: "all quotes of the report again",
        group: "Jump",
    },
    DefaultBinding {
        name: "speaker_in_people",
        keys: &[k('i')],
        action: Action::SpeakerInPeople,
        help: "the selected speaker in People: every session and quote of theirs",
        group: "People",
    },
    DefaultBinding {
        name: "people_order",
        keys: &[k('o')],
        action: Action::ToggleOrder,
        help: "in People: order by sessions ⇄ by name",
        group: "People",
    },
    DefaultBinding {
        name: "search",
        keys: &[k('/')],
        action: Action::Search,
        help: "search quotes, speakers and reports",
        group: "Search",
    },
    DefaultBinding {
        name: "next_hit",
        keys: &[k('n')],
        action: Action::NextHit,
        help: "next hit of the last search",
        group: "Search",
    },
    DefaultBinding {
        name: "prev_hit",
        keys: &[k('N')],
        action: Action::PrevHit,
        help: "previous hit of the last search",
        group: "Search",
    },
    DefaultBinding {
        name: "jump_back",
        keys: &[Key::ctrl('o')],
        action: Action::JumpBack,
        help: "back to where a jump (search, People) left from",
        group: "Search",
    },
    DefaultBinding {
        name: "edit",
        keys: &[k('e')],
        action: Action::Edit,
        help: "edit the report at the selection in $VISUAL / $EDITOR",
        group: "Other",
    },
    DefaultBinding {
        name: "reload",
        keys: &[k('r')],
        action: Action::Reload,
        help: "read the library again",
        group: "Other",
    },
    DefaultBinding {
        name: "copy",
        keys: &[k('y')],
        action: Action::Copy,
        help: "copy the selected quote and its citation as plain text",
        group: "Other",
    },
    DefaultBinding {
        name: "copy_markdown",
        keys: &[k('Y')],
        action: Action::CopyMarkdown,
        help: "copy the selected quote and its citation as Markdown",
        group: "Other",
    },
    DefaultBinding {
        name: "copy_all",
        keys: &[k('c')],
        action: Action::CopyAll,
        help: "copy as Markdown: the search's hits (while n/N step through them), else the speaker's quotes, else the report's",
        group: "Other",
    },
    DefaultBinding {
        name: "problems",
        keys: &[k('p'), k('!')],
        action: Action::Problems,
        help: "list load problems",
        group: "Other",
    },
    DefaultBinding {
        name: "help",
        keys: &[k('?'), p(Code::F(1))],
        action: Action::Help,
        help: "this help",
        group: "Other",
    },
    DefaultBinding {
        name: "suspend",
        keys: &[Key::ctrl('z')],
        action: Action::Suspend,
        help: "suspend to the shell (fg resumes)",
        group: "Other",
    },
    DefaultBinding {
        name: "redraw",
        keys: &[Key::ctrl('l')],
        action: Action::Redraw,
        help: "draw the screen again",
        group: "Other",
    },
    DefaultBinding {
        name: "quit",
        keys: &[k('q')],
        action: Action::Quit,
        help: "quit (closes an overlay first)",
        group: "Other",
    },
    DefaultBinding {
        name: "force_quit",
        keys: &[Key::ctrl('c')],
        action: Action::ForceQuit,
        help: "quit, always",
        group: "Other",
    },
];

/// Keys of the search prompt; any other plain character is typed.
pub const PROMPT_BINDINGS: &[DefaultBinding] = &[
    DefaultBinding {
        name: "accept",
        keys: &[p(Code::Enter)],
        action: Action::Open,
        help: "jump to the selected hit",
        group: "In the search prompt",
    },
    DefaultBinding {
        name: "cancel",
        keys: &[p(Code::Esc)],
        action: Action::Back,
        help: "cancel: back to where you were (the last search ends too)",
        group: "In the search prompt",
    },
    DefaultBinding {
        name: "next_hit",
        keys: &[p(Code::Down), Key::ctrl('j')],
        action: Action::Down,
        help: "next hit",
        group: "In the search prompt",
    },
    DefaultBinding {
        name: "prev_hit",
        keys: &[p(Code::Up), Key::ctrl('k')],
        action: Action::Up,
        help: "previous hit; on an empty prompt: the last search again",
        group: "In the search prompt",
    },
    // fzf's keys with --history; in People's filter, which keeps none, they move.
    DefaultBinding {
        name: "history_prev",
        keys: &[Key::ctrl('p')],
        action: Action::HistoryPrev,
        help: "an earlier search (kept across runs); in People's filter: up",
        group: "In the search prompt",
    },
    DefaultBinding {
        name: "history_next",
        keys: &[Key::ctrl('n')],
        action: Action::HistoryNext,
        help: "a later search; in People's filter: down",
        group: "In the search prompt",
    },
    DefaultBinding {
        name: "page_down",
        keys: &[p(Code::PageDown)],
        action: Action::PageDown,
        help: "a page of hits down",
        group: "In the search prompt",
    },
    DefaultBinding {
        name: "page_up",
        keys: &[p(Code::PageUp)],
        action: Action::PageUp,
        help: "a page of hits up",
        group: "In the search prompt",
    },
    DefaultBinding {
        name: "delete_char",
        keys: &[p(Code::Backspace)],
        action: Action::DeleteChar,
        help: "delete a character",
        group: "In the search prompt",
    },
    DefaultBinding {
        name: "delete_word",
        keys: &[Key::ctrl('w')],
        action: Action::DeleteWord,
        help: "delete a word",
        group: "In the search prompt",
    },
    DefaultBinding {
        name: "clear_query",
        keys: &[Key::ctrl('u')],
        action: Action::ClearInput,
        help: "clear the query",
        group: "In the search prompt",
    },
    DefaultBinding {
        name: "redraw",
        keys: &[Key::ctrl('l')],
        action: Action::Redraw,
        help: "draw the screen again",
        group: "In the search prompt",
    },
    DefaultBinding {
        name: "force_quit",
        keys: &[Key::ctrl('c')],
        action: Action::ForceQuit,
        help: "quit, always",
        group: "In the search prompt",
    },
];

/// A binding in effect: the built-in one, or its keys as the configuration
/// file set them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub name: &'static str,
    pub keys: Vec<Key>,
    pub action: Action,
    pub help: &'static str,
    pub group: &'static str,
}

impl From<&DefaultBinding> for Binding {
    fn from(d: &DefaultBinding) -> Self {
        Binding { name: d.name, keys: d.keys.to_vec(), action: d.action, help: d.help, group: d.group }
    }
}

/// The two tables in effect: the reader's keys, and the search prompt's.
/// Everything that maps or shows keys (the loop, `?` help, the status line's
/// hints) reads this, so the help always tells the truth.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyMap {
    pub main: Vec<Binding>,
    pub prompt: Vec<Binding>,
}

impl Default for KeyMap {
    fn default() -> Self {
        KeyMap {
            main: BINDINGS.iter().map(Binding::from).collect(),
            prompt: PROMPT_BINDINGS.iter().map(Binding::from).collect(),
        }
    }
}

impl KeyMap {
    /// The action of a key: from the prompt's table while the search prompt
    /// is open (where other characters are typed), else from the main table.
    pub fn action_for(&self, prompt: bool, key: Key) -> Option<Action> {
        if prompt {
            if let Some(b) = self.prompt.iter().find(|b| b.keys.contains(&key)) {
                return Some(b.action);
            }
            return match key {
                Key { code: Code::Char(c), ctrl: false, alt: false } => Some(Action::Input(c)),
                _ => None,
            };
        }
        self.main.iter().find(|b| b.keys.contains(&key)).map(|b| b.action)
    }

    /// The first key of `action`, for hints in the status line and messages.
    pub fn first_key(&self, action: Action) -> String {
        first_key_in(&self.main, action)
    }

    /// The first key of `action` in the search prompt, for its hints.
    pub fn first_prompt_key(&self, action: Action) -> String {
        first_key_in(&self.prompt, action)
    }

    /// Both tables, the reader's first, as the help lists them.
    pub fn all(&self) -> impl Iterator<Item = &Binding> {
        self.main.iter().chain(&self.prompt)
    }
}

fn first_key_in(table: &[Binding], action: Action) -> String {
    table.iter().find(|b| b.action == action).and_then(|b| b.keys.first()).map(|k| k.to_string()).unwrap_or_default()
}

/// `j ↓` — the keys of a binding as the help shows them.
pub fn keys_label(binding: &Binding) -> String {
    binding.keys.iter().map(|k| k.to_string()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn names_are_unique_in_each_table() {
        for table in [BINDINGS, PROMPT_BINDINGS] {
            let mut seen = HashSet::new();
            for b in table {
                assert!(seen.insert(b.name), "{} is named twice", b.name);
            }
        }
    }

    #[test]
    fn no_key_is_bound_twice() {
        for table in [BINDINGS, PROMPT_BINDINGS] {
            let mut seen = HashSet::new();
            for b in table {
                for key in b.keys {
                    assert!(seen.insert(*key), "{key} is bound twice");
                }
            }
        }
    }

    #[test]
    fn conventional_keys() {
        let keys = KeyMap::default();
        let action_for = |prompt, key| keys.action_for(prompt, key);
        assert_eq!(action_for(false, k('j')), Some(Action::Down));
        assert_eq!(action_for(false, Key::ctrl('c')), Some(Action::ForceQuit));
        assert_eq!(action_for(false, p(Code::Esc)), Some(Action::Back));
        assert_eq!(action_for(false, k('x')), None);
        // In the prompt, letters are typed, even those bound to actions outside it.
        assert_eq!(action_for(true, k('q')), Some(Action::Input('q')));
        assert_eq!(action_for(true, k('j')), Some(Action::Input('j')));
        assert_eq!(action_for(true, Key::ctrl('j')), Some(Action::Down));
        // As fzf's with --history: Ctrl-p / Ctrl-n go through earlier queries, the arrows move.
        assert_eq!(action_for(true, Key::ctrl('p')), Some(Action::HistoryPrev));
        assert_eq!(action_for(true, Key::ctrl('n')), Some(Action::HistoryNext));
        assert_eq!(action_for(true, p(Code::Up)), Some(Action::Up));
        assert_eq!(action_for(true, Key::ctrl('c')), Some(Action::ForceQuit));
        assert_eq!(action_for(true, Key::ctrl('x')), None);
        assert_eq!(keys.first_key(Action::Help), "?");
        assert_eq!(keys_label(&keys.main[0]), "j ↓ Ctrl-n");
    }
}
