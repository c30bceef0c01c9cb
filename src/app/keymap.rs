//! The key table: the only place keys become actions. The help overlay and the
//! README list it, so they cannot drift from what the program does.

use super::action::Action;
use super::key::{Code, Key};
use super::state::Pane;

pub struct Binding {
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

pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: &[k('j'), p(Code::Down), Key::ctrl('n')],
        action: Action::Down,
        help: "move down / scroll down",
        group: "Move",
    },
    Binding {
        keys: &[k('k'), p(Code::Up), Key::ctrl('p')],
        action: Action::Up,
        help: "move up / scroll up",
        group: "Move",
    },
    Binding { keys: &[k('g'), p(Code::Home)], action: Action::Top, help: "go to the top", group: "Move" },
    Binding { keys: &[k('G'), p(Code::End)], action: Action::Bottom, help: "go to the bottom", group: "Move" },
    Binding { keys: &[Key::ctrl('d'), k('d')], action: Action::HalfPageDown, help: "half a page down", group: "Move" },
    Binding { keys: &[Key::ctrl('u'), k('u')], action: Action::HalfPageUp, help: "half a page up", group: "Move" },
    Binding {
        keys: &[p(Code::PageDown), k(' '), k('f'), Key::ctrl('f')],
        action: Action::PageDown,
        help: "a page down",
        group: "Move",
    },
    Binding {
        keys: &[p(Code::PageUp), k('b'), Key::ctrl('b')],
        action: Action::PageUp,
        help: "a page up",
        group: "Move",
    },
    Binding {
        keys: &[p(Code::Tab), k('l'), p(Code::Right)],
        action: Action::NextPane,
        help: "next pane",
        group: "Panes",
    },
    Binding {
        keys: &[p(Code::BackTab), k('h'), p(Code::Left)],
        action: Action::PrevPane,
        help: "previous pane",
        group: "Panes",
    },
    Binding { keys: &[k('1')], action: Action::FocusPane(Pane::Library), help: "Library pane", group: "Panes" },
    Binding { keys: &[k('2')], action: Action::FocusPane(Pane::Session), help: "Session pane", group: "Panes" },
    Binding { keys: &[k('3')], action: Action::FocusPane(Pane::Speakers), help: "Speakers pane", group: "Panes" },
    Binding { keys: &[k('4')], action: Action::FocusPane(Pane::Quotes), help: "Quotes pane", group: "Panes" },
    Binding {
        keys: &[p(Code::Enter)],
        action: Action::Open,
        help: "open the selected report, speaker or quote",
        group: "Panes",
    },
    Binding {
        keys: &[p(Code::Esc)],
        action: Action::Back,
        help: "close the overlay, or clear the speaker selection",
        group: "Panes",
    },
    Binding { keys: &[k('s')], action: Action::NextSpeaker, help: "next speaker", group: "Jump" },
    Binding { keys: &[k('S')], action: Action::PrevSpeaker, help: "previous speaker", group: "Jump" },
    Binding { keys: &[k('J')], action: Action::NextQuote, help: "next quote", group: "Jump" },
    Binding { keys: &[k('K')], action: Action::PrevQuote, help: "previous quote", group: "Jump" },
    Binding { keys: &[k('L'), k(']')], action: Action::NextReport, help: "next report", group: "Jump" },
    Binding { keys: &[k('H'), k('[')], action: Action::PrevReport, help: "previous report", group: "Jump" },
    Binding { keys: &[k('a')], action: Action::AllQuotes, help: "all quotes of the report again", group: "Jump" },
    Binding { keys: &[k('/')], action: Action::Search, help: "search quotes, speakers and reports", group: "Search" },
    Binding { keys: &[k('n')], action: Action::NextHit, help: "next hit of the last search", group: "Search" },
    Binding { keys: &[k('N')], action: Action::PrevHit, help: "previous hit of the last search", group: "Search" },
    Binding {
        keys: &[k('e')],
        action: Action::Edit,
        help: "edit the report at the selection in $VISUAL / $EDITOR",
        group: "Other",
    },
    Binding { keys: &[k('r')], action: Action::Reload, help: "read the library again", group: "Other" },
    Binding { keys: &[k('y')], action: Action::Copy, help: "copy the selected quote as a citation", group: "Other" },
    Binding { keys: &[k('p'), k('!')], action: Action::Problems, help: "list load problems", group: "Other" },
    Binding { keys: &[k('?'), p(Code::F(1))], action: Action::Help, help: "this help", group: "Other" },
    Binding {
        keys: &[Key::ctrl('z')],
        action: Action::Suspend,
        help: "suspend to the shell (fg resumes)",
        group: "Other",
    },
    Binding { keys: &[k('q')], action: Action::Quit, help: "quit (closes an overlay first)", group: "Other" },
    Binding { keys: &[Key::ctrl('c')], action: Action::ForceQuit, help: "quit, always", group: "Other" },
];

/// Keys of the search prompt; any other plain character is typed.
pub const PROMPT_BINDINGS: &[Binding] = &[
    Binding {
        keys: &[p(Code::Enter)],
        action: Action::Open,
        help: "jump to the selected hit",
        group: "In the search prompt",
    },
    Binding {
        keys: &[p(Code::Esc)],
        action: Action::Back,
        help: "cancel: back to where you were",
        group: "In the search prompt",
    },
    Binding {
        keys: &[p(Code::Down), Key::ctrl('n'), Key::ctrl('j')],
        action: Action::Down,
        help: "next hit",
        group: "In the search prompt",
    },
    Binding {
        keys: &[p(Code::Up), Key::ctrl('p'), Key::ctrl('k')],
        action: Action::Up,
        help: "previous hit",
        group: "In the search prompt",
    },
    Binding {
        keys: &[p(Code::PageDown)],
        action: Action::PageDown,
        help: "a page of hits down",
        group: "In the search prompt",
    },
    Binding {
        keys: &[p(Code::PageUp)],
        action: Action::PageUp,
        help: "a page of hits up",
        group: "In the search prompt",
    },
    Binding {
        keys: &[p(Code::Backspace)],
        action: Action::DeleteChar,
        help: "delete a character",
        group: "In the search prompt",
    },
    Binding {
        keys: &[Key::ctrl('w')],
        action: Action::DeleteWord,
        help: "delete a word",
        group: "In the search prompt",
    },
    Binding {
        keys: &[Key::ctrl('u')],
        action: Action::ClearInput,
        help: "clear the query",
        group: "In the search prompt",
    },
    Binding { keys: &[Key::ctrl('c')], action: Action::ForceQuit, help: "quit, always", group: "In the search prompt" },
];

/// The action of a key: from the prompt's table while the search prompt is
/// open (where other characters are typed), else from the main table.
pub fn action_for(prompt: bool, key: Key) -> Option<Action> {
    if prompt {
        if let Some(b) = PROMPT_BINDINGS.iter().find(|b| b.keys.contains(&key)) {
            return Some(b.action);
        }
        return match key {
            Key { code: Code::Char(c), ctrl: false, alt: false } => Some(Action::Input(c)),
            _ => None,
        };
    }
    BINDINGS.iter().find(|b| b.keys.contains(&key)).map(|b| b.action)
}

/// `j ↓` — the keys of a binding as the help shows them.
pub fn keys_label(binding: &Binding) -> String {
    binding.keys.iter().map(|k| k.to_string()).collect::<Vec<_>>().join(" ")
}

/// The keys of the first binding for `action`, for hints in the status line.
pub fn first_key(action: Action) -> String {
    BINDINGS.iter().find(|b| b.action == action).and_then(|b| b.keys.first()).map(|k| k.to_string()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

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
        assert_eq!(action_for(false, k('j')), Some(Action::Down));
        assert_eq!(action_for(false, Key::ctrl('c')), Some(Action::ForceQuit));
        assert_eq!(action_for(false, p(Code::Esc)), Some(Action::Back));
        assert_eq!(action_for(false, k('x')), None);
        // In the prompt, letters are typed, even those bound to actions outside it.
        assert_eq!(action_for(true, k('q')), Some(Action::Input('q')));
        assert_eq!(action_for(true, k('j')), Some(Action::Input('j')));
        assert_eq!(action_for(true, Key::ctrl('n')), Some(Action::Down));
        assert_eq!(action_for(true, Key::ctrl('c')), Some(Action::ForceQuit));
        assert_eq!(action_for(true, Key::ctrl('x')), None);
        assert_eq!(first_key(Action::Help), "?");
        assert_eq!(keys_label(&BINDINGS[0]), "j ↓ Ctrl-n");
    }
}
