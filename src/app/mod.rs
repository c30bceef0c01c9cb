//! The reader's state machine: actions in, state and effects out. No I/O and
//! no terminal here, so every behaviour can be tested headless.

pub mod action;
pub mod case_hint;
pub mod clipboard;
pub mod key;
pub mod keymap;
pub mod layout;
pub mod overlay;
pub mod people;
pub(crate) mod quote_scroll;
pub mod search;
pub mod state;
pub mod text;
mod update;

pub use action::{Action, Effect};
pub use state::{Overlay, Pane, State};
pub use update::{on_loaded, update};
