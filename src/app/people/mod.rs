//! The People view: everyone who speaks in the library, and what each has
//! said where. Its state (`view`), geometry (`layout`) and behaviour
//! (`update`) apart from the panes', which only open it.

pub mod help;
pub mod layout;
pub mod update;
pub mod view;

pub use view::{Order, Part, PeopleView};
