//! What the engine reads report text through: the loaded reports, or the
//! reports kept in a stored index (`index::stored`), read back one at a time
//! when a search needs their text, so that a search from the command line
//! reads only the few reports it ranks or prints.

use crate::model::Report;

pub trait Reports: Sync {
    /// How many reports there are.
    fn count(&self) -> usize;

    /// Report `r`, whole.
    fn report(&self, r: usize) -> &Report;

    /// Report `r` without its quotes perhaps (speakers, title, tags,
    /// summary…): all that items other than quotes and field filters read.
    fn outline(&self, r: usize) -> &Report {
        self.report(r)
    }

    /// Called before every outline is read, so that a source that has to
    /// decode them can do so on every core at once.
    fn prepare_outlines(&self) {}
}

impl Reports for [Report] {
    fn count(&self) -> usize {
        self.len()
    }

    fn report(&self, r: usize) -> &Report {
        &self[r]
    }
}

impl Reports for Vec<Report> {
    fn count(&self) -> usize {
        self.len()
    }

    fn report(&self, r: usize) -> &Report {
        &self[r]
    }
}
