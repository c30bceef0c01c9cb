//! People: everyone who speaks in the library, matched across reports.
//!
//! A speaker is the same person as another when their names reduce to the same
//! key ([`crate::search::name::person_key`]), after a `person:` in the file and
//! the configuration's aliases have had their say. Pure data: built from
//! `&[Report]`, no I/O.

mod duplicates;
mod table;

// Aliases live in `search`, whose `speaker:` filter applies them too.
pub use crate::search::aliases::Aliases;
pub use duplicates::{Duplicate, likely_duplicates};
pub use table::{Appearance, Lookup, People, Person};
