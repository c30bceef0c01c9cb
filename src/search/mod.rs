//! Search: the index, the query language and the engine. No terminal here.

mod accumulate;
pub mod aliases;
pub mod engine;
mod fields;
pub mod fold;
pub mod highlight;
pub mod index;
pub mod name;
pub mod query;
pub mod reports;
pub mod scan;
pub mod snippet;
pub mod stem;

pub use aliases::Aliases;
pub use engine::{Hit, Options, Results, Searcher};
pub use index::{Index, Item, Kind, item_text};
pub use query::Query;
pub use reports::Reports;
pub use snippet::{Snippet, snippet};
