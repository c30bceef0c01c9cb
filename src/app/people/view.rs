//! The People view's own state: what is listed, in which order, who is
//! selected (by identity key, so a reload finds them again) and where each
//! part is scrolled. Plain data over a [`People`] table; no `State` here.

use crate::model::Report;
use crate::people::People;

/// The three parts of the view, in the order Tab visits them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Part {
    #[default]
    List,
    Appearances,
    Quotes,
}

impl Part {
    pub const ALL: [Part; 3] = [Part::List, Part::Appearances, Part::Quotes];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn title(self) -> &'static str {
        match self {
            Part::List => "People",
            Part::Appearances => "Appearances",
            Part::Quotes => "Quotes",
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Order {
    /// Most sessions first, then by name (the table's own order).
    #[default]
    Sessions,
    Name,
}

impl Order {
    pub fn label(self) -> &'static str {
        match self {
            Order::Sessions => "by sessions",
            Order::Name => "by name",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PeopleView {
    /// The view is on screen (it keeps its place while closed).
    pub open: bool,
    pub order: Order,
    pub filter: String,
    /// The filter prompt is open: keys type into `filter`.
    pub typing: bool,
    /// Indices into `People::persons`, as listed.
    pub visible: Vec<usize>,
    /// The selected person's key: it identifies them across reloads.
    pub key: Option<String>,
    /// The selected person's position in `visible`.
    pub selected: usize,
    pub part: Part,
    /// First row shown of the list.
    pub list_offset: usize,
    /// The selected appearance (newest first) and the first one shown.
    pub appearance: usize,
    pub appearance_offset: usize,
    /// The selected person's quotes as `(report, quote)`, newest report first:
    /// kept so that a frame never walks every report they speak in.
    pub quotes: Vec<(usize, usize)>,
    /// The selected quote (index into `quotes`) and the first one shown.
    pub quote: usize,
    pub quote_offset: usize,
}

impl PeopleView {
    /// The selected person: an index into `People::persons`.
    pub fn person(&self) -> Option<usize> {
        self.visible.get(self.selected).copied()
    }

    /// Lists the people again (new table, filter or order), keeping the
    /// selected person when they are still listed; else the first one.
    pub fn relist(&mut self, people: &People, reports: &[Report]) {
        let among: Vec<usize> = match self.order {
            Order::Sessions => (0..people.len()).collect(),
            Order::Name => people.by_name(),
        };
        self.visible = people.filter(&self.filter, &among);
        let found = self.key.as_ref().and_then(|k| self.visible.iter().position(|&p| &people.persons[p].key == k));
        self.select(people, reports, found.unwrap_or(0), found.is_some());
    }

    /// Selects the person at `position` of the list (clamped). `same`: it is
    /// the person selected before, whose detail keeps its place.
    pub fn select(&mut self, people: &People, reports: &[Report], position: usize, same: bool) {
        self.selected = position.min(self.visible.len().saturating_sub(1));
        let person = self.person().and_then(|p| people.persons.get(p));
        self.key = person.map(|p| p.key.clone());
        self.quotes = person.map(|p| p.quotes(reports).collect()).unwrap_or_default();
        let appearances = person.map_or(0, |p| p.appearances.len());
        if same {
            self.appearance = self.appearance.min(appearances.saturating_sub(1));
            self.quote = self.quote.min(self.quotes.len().saturating_sub(1));
            self.appearance_offset = self.appearance_offset.min(self.appearance);
            self.quote_offset = self.quote_offset.min(self.quote);
        } else {
            (self.appearance, self.appearance_offset, self.quote, self.quote_offset) = (0, 0, 0, 0);
        }
    }

    /// What a jump back (Ctrl-o) needs to show the view as it was: all but
    /// the lists, which are rebuilt from the table then in effect.
    pub fn snapshot(&self) -> PeopleView {
        PeopleView { visible: Vec::new(), quotes: Vec::new(), typing: false, open: true, ..self.clone() }
    }
}
