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

    /// Report `r` with at least what field filters read: its id, title, date
    /// and tags, and each speaker's id, name, person and organisation.
    fn fields(&self, r: usize) -> &Report {
        self.outline(r)
    }

    /// As [`Reports::prepare_outlines`], before every report's fields are read.
    fn prepare_fields(&self) {
        self.prepare_outlines()
    }
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
