//! Everything the reader shows, and the caches derived from it.

use super::keymap::KeyMap;
use super::layout::{self, Areas};
use super::people::{self, PeopleView};
use super::search::{LastSearch, Place, Prompt, ResultsCache};
use super::text::{self, Row};
use crate::load::Library;
use crate::model::Report;
use crate::people::{Aliases, People};
use crate::search::Index;
use std::collections::HashMap;
use std::sync::Arc;

/// Columns left of each quote for the selection mark.
pub const QUOTE_GUTTER: usize = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Library,
    Session,
    Speakers,
    Quotes,
}

impl Pane {
    pub const ALL: [Pane; 4] = [Pane::Library, Pane::Session, Pane::Speakers, Pane::Quotes];

    pub fn index(self) -> usize {
        self as usize
    }
    pub fn title(self) -> &'static str {
        match self {
            Pane::Library => "Library",
            Pane::Session => "Session",
            Pane::Speakers => "Speakers",
            Pane::Quotes => "Quotes",
        }
    }
}

/// Overlays stack on top of the panes; each keeps its own scroll.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    /// `selected`: the problem Enter or `e` opens in the editor.
    Problems {
        scroll: usize,
        selected: usize,
    },
    Speaker {
        scroll: usize,
    },
    Quote {
        scroll: usize,
    },
}

/// First visible row (or item) of each pane.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Offsets {
    pub library: usize,
    pub session: usize,
    pub speakers: usize,
    /// Index into `State::visible`.
    pub quotes: usize,
    /// Rows of that first quote scrolled away (a quote taller than the pane).
    pub quote_row: usize,
}

#[derive(Debug, Clone)]
pub struct State {
    /// Shared with the search worker, which reads the reports' text.
    pub library: Arc<Library>,
    /// Index of the current report in `library.reports`.
    pub report: usize,
    pub focus: Pane,
    /// The selected speaker of the current report; it filters the quotes.
    pub speaker: Option<usize>,
    /// The selected quote: an index into the current report's quotes.
    pub quote: Option<usize>,
    pub offsets: Offsets,
    pub overlay: Option<Overlay>,
    pub width: u16,
    pub height: u16,
    /// A one-off message for the status line (copied, nothing to copy…).
    pub status: Option<String>,
    /// Whether tmux passes copies on (OSC 52), as the reader learnt it: a copy's message depends on it.
    pub clipboard: super::clipboard::Clipboard,
    pub color: bool,
    pub mouse: bool,
    /// Files read / total while the library loads; `None` once loaded.
    pub loading: Option<(usize, usize)>,
    /// Tags each library the reader shows, so an index built for an older one
    /// is dropped.
    pub library_generation: u64,
    // Derived from the above, rebuilt when the report, speaker or size changes,
    // so that drawing a frame never scans a whole report.
    /// Quote indices shown in the Quotes pane, in order.
    pub visible: Vec<usize>,
    /// Quotes per speaker of the current report.
    pub counts: Vec<usize>,
    /// The Session pane, wrapped to its width.
    pub session_rows: Vec<Row>,
    /// The head of the Quotes pane (selected speaker), wrapped to its width.
    pub speaker_rows: Vec<Row>,
    /// The Speakers pane's items (one or more rows each), wrapped to its width,
    /// and the row where each speaker starts.
    pub speakers_list: Vec<Row>,
    pub speakers_starts: Vec<usize>,
    /// Rows the Library's items take, counted no further than a screen: all the
    /// layout needs to know, without wrapping every title of a long library.
    pub library_need: usize,
    /// Per report, what tells it apart from others of the same title and date.
    pub library_tags: Vec<Option<String>>,
    /// The search prompt, while it is open.
    pub search: Option<Prompt>,
    /// The search whose hits `n` / `N` step through.
    pub last_search: Option<LastSearch>,
    /// Built by the search worker; `None` until it is ready.
    pub index: Option<Arc<Index>>,
    /// Tags each query sent to the worker; results for older ones are dropped.
    pub generation: u64,
    /// Results of recent queries, so Backspace shows earlier ones at once.
    pub cache: ResultsCache,
    /// The key bindings in effect (built in, or from the configuration).
    pub keys: Arc<KeyMap>,
    /// The widest that report text is wrapped (the configuration's `wrap`);
    /// `None`: the pane's width.
    pub wrap: Option<usize>,
    /// Where the reader was in each report left, by id: coming back to a report
    /// finds its speaker, quote and scroll as they were.
    pub places: HashMap<String, Place>,
    /// Places left by a search jump, newest last: Ctrl-o goes back, as in vim.
    pub jumps: Vec<Place>,
    /// `z`: the focused pane has the whole screen.
    pub zoomed: bool,
    /// Everyone who speaks in the library, rebuilt with each library.
    pub people: Arc<People>,
    /// The configuration's `[people]`: other names of one person.
    pub aliases: Arc<Aliases>,
    /// The People view: open or not, and where it is.
    pub people_view: PeopleView,
    /// Queries searched, the newest last (kept across runs by the reader).
    pub history: Vec<String>,
}

impl State {
    pub fn new(library: Library, width: u16, height: u16) -> Self {
        let aliases = Arc::new(Aliases::default());
        let people = Arc::new(People::build(&library.reports, &aliases));
        let library_tags = text::distinctions(&library.reports);
        let mut s = State {
            library_tags,
            speakers_list: Vec::new(),
            speakers_starts: Vec::new(),
            library_need: 0,
            library: Arc::new(library),
            people,
            aliases,
            people_view: PeopleView::default(),
            history: Vec::new(),
            search: None,
            loading: None,
            library_generation: 0,
            last_search: None,
            index: None,
            generation: 0,
            cache: ResultsCache::default(),
            keys: Arc::default(),
            wrap: None,
            places: HashMap::new(),
            jumps: Vec::new(),
            zoomed: false,
            report: 0,
            focus: Pane::Library,
            speaker: None,
            quote: None,
            offsets: Offsets::default(),
            overlay: None,
            width,
            height,
            status: None,
            clipboard: Default::default(),
            color: true,
            mouse: false,
            visible: Vec::new(),
            counts: Vec::new(),
            session_rows: Vec::new(),
            speaker_rows: Vec::new(),
        };
        s.open_report(0);
        s.people_view.relist(&s.people, &s.library.reports);
        s
    }

    /// Keys typed go into a prompt: the search's, or People's filter.
    pub fn typing(&self) -> bool {
        self.search.is_some() || (self.people_view.open && self.people_view.typing)
    }

    /// New aliases (the configuration's): the people table again.
    pub fn set_aliases(&mut self, aliases: Arc<Aliases>) {
        self.aliases = aliases;
        let people = Arc::new(People::build(&self.library.reports, &self.aliases));
        self.set_people(people);
    }

    /// A people table built for the library shown (by the reader off the UI
    /// thread, or by `replace_library`); the People view keeps its person.
    pub fn set_people(&mut self, people: Arc<People>) {
        self.people = people;
        // The Speakers pane counts each speaker's other sessions.
        self.rewrap_speakers();
        super::update::keep_visible(self);
        people::update::relist(self);
    }

    pub fn current(&self) -> Option<&Report> {
        self.library.reports.get(self.report)
    }

    pub fn areas(&self) -> Areas {
        let needs = layout::Needs { library: self.library_need, speakers: self.speakers_list.len().max(1) };
        match layout::areas(self.width, self.height, needs) {
            // Zoomed: the focused pane takes the screen, as tabs do on narrow ones.
            a if self.zoomed && a.mode == layout::Mode::Wide => layout::tabs(self.width, self.height),
            a => a,
        }
    }

    /// Rows of the Quotes pane given to the speaker head: all it needs, as
    /// long as the quotes keep what they need up to half the pane.
    pub fn speaker_head_height(&self) -> usize {
        let (Some(r), Some(_)) = (self.current(), self.speaker) else { return 0 };
        let h = self.areas().inner(Pane::Quotes).height as usize;
        let width = self.quote_wrap_width();
        let mut quotes_need = 0;
        for &q in &self.visible {
            if quotes_need >= h / 2 {
                break;
            }
            quotes_need += text::quote_height(r, &r.quotes[q], width);
        }
        let quotes_keep = quotes_need.min(h / 2).max(1);
        self.speaker_rows.len().min(h.saturating_sub(quotes_keep))
    }

    /// Rows of the Quotes pane left for quotes.
    pub fn quotes_view_height(&self) -> usize {
        let h = self.areas().inner(Pane::Quotes).height as usize;
        h.saturating_sub(self.speaker_head_height())
    }

    pub fn pane_width(&self, pane: Pane) -> usize {
        self.areas().inner(pane).width as usize
    }

    /// The width report text wraps to in a pane: the pane's, or less when the
    /// configuration asks for shorter lines.
    pub fn text_width(&self, pane: Pane) -> usize {
        let width = self.pane_width(pane);
        self.wrap.map_or(width, |w| width.min(w.max(1)))
    }

    /// Quotes wrap inside a two-column gutter that marks the selected one.
    pub fn quote_wrap_width(&self) -> usize {
        self.text_width(Pane::Quotes).saturating_sub(QUOTE_GUTTER)
    }

    /// Position of the selected quote among the visible ones.
    pub fn quote_position(&self) -> Option<usize> {
        let q = self.quote?;
        self.visible.iter().position(|&i| i == q)
    }

    /// Shows a new version of the library (loaded, reloaded, a file edited),
    /// keeping the reader's place: the same report, speaker and quote when
    /// they still exist, matched by id (and the quote by its text).
    pub fn replace_library(&mut self, library: Arc<Library>) {
        let people = Arc::new(People::build(&library.reports, &self.aliases));
        self.replace_library_with(library, people);
    }

    /// [`State::replace_library`] with its people table built already.
    pub fn replace_library_with(&mut self, library: Arc<Library>, people: Arc<People>) {
        self.replace_panes_library(library);
        self.set_people(people);
    }

    fn replace_panes_library(&mut self, library: Arc<Library>) {
        let report_id = self.current().map(|r| r.id.clone());
        let speaker_id = self.current().zip(self.speaker).and_then(|(r, s)| r.speakers.get(s)).map(|s| s.id.clone());
        let quote = self.current().zip(self.quote).and_then(|(r, q)| r.quotes.get(q)).map(|q| q.text.clone());
        let (old_report, old_quote, focus, offsets) = (self.report, self.quote, self.focus, self.offsets);
        if let Some(last) = self.last_search.as_mut() {
            last.mark_stale(self.index.as_deref(), &self.library.reports);
        }
        self.library = library;
        self.library_tags = text::distinctions(&self.library.reports);
        self.library_generation += 1;
        // The index and every result belong to the old library.
        self.index = None;
        self.cache.clear();
        self.generation += 1;
        if let Some(p) = self.search.as_mut() {
            p.results = None;
        }
        // The problems list may have grown shorter (a file fixed), or gone
        // (a moved library put back): an empty list closes.
        if let Some(Overlay::Problems { selected, .. }) = self.overlay {
            let selected = selected.min(self.library.problems.len().saturating_sub(1));
            self.overlay = (!self.library.problems.is_empty()).then_some(Overlay::Problems { scroll: 0, selected });
        }
        let same = report_id.as_ref().and_then(|id| self.library.reports.iter().position(|r| &r.id == id));
        let Some(report) = same else {
            // The report is gone: its neighbour, where the reader last left it.
            self.switch_report(old_report.min(self.library.reports.len().saturating_sub(1)));
            if let Some(place) = self.current().and_then(|r| self.places.get(&r.id)).cloned() {
                self.restore_within(&place);
            }
            self.focus = focus;
            return;
        };
        self.switch_report(report);
        if let Some(r) = self.current() {
            let speaker = speaker_id.and_then(|id| r.speakers.iter().position(|s| s.id == id));
            let quote = quote
                .and_then(|t| r.quotes.iter().position(|q| q.text == t))
                .or(old_quote.filter(|&q| q < r.quotes.len()));
            self.speaker = speaker;
            self.refilter();
            if let Some(q) = quote.filter(|q| self.visible.contains(q)) {
                self.quote = Some(q);
            }
        }
        self.focus = focus;
        self.offsets.library = offsets.library;
        self.offsets.session = offsets.session;
        self.offsets.speakers = offsets.speakers;
        self.offsets.quotes = offsets.quotes;
        self.offsets.quote_row = offsets.quote_row;
        super::update::keep_visible(self);
    }

    /// Where the reader is now.
    pub fn here(&self) -> Place {
        Place {
            report: self.report,
            id: self.current().map(|r| r.id.clone()),
            hit: self.last_search.as_ref().map(|l| l.current),
            speaker: self.speaker,
            quote: self.quote,
            focus: self.focus,
            offsets: self.offsets,
            people: None,
        }
    }

    /// Goes back to `place`: its report, speaker, quote, focus and scroll, as far
    /// as they still exist.
    /// Returns false, changing nothing, when the place's report is gone.
    pub fn restore(&mut self, place: &Place) -> bool {
        // By id: the library may have changed since (a reload reorders it).
        let report = match &place.id {
            Some(id) => match self.library.reports.iter().position(|r| &r.id == id) {
                Some(i) => i,
                None => return false,
            },
            None => place.report,
        };
        if report != self.report {
            self.open_report(report);
        }
        self.restore_within(place);
        self.focus = place.focus;
        true
    }

    fn restore_within(&mut self, place: &Place) {
        let Some(r) = self.current() else { return };
        self.speaker = place.speaker.filter(|&sp| sp < r.speakers.len());
        self.refilter();
        if let Some(q) = place.quote.filter(|q| self.visible.contains(q)) {
            self.quote = Some(q);
        }
        let library = self.offsets.library;
        self.offsets = Offsets { library, ..place.offsets };
        super::update::keep_visible(self);
    }

    /// Switches to report `index` (clamped), where the reader last left it (else
    /// at its top), remembering the place in the report it leaves.
    pub fn open_report(&mut self, index: usize) {
        if let Some(id) = self.current().map(|r| r.id.clone())
            && index != self.report
        {
            self.places.insert(id, self.here());
        }
        self.switch_report(index);
        if let Some(place) = self.current().and_then(|r| self.places.get(&r.id)).cloned() {
            self.restore_within(&place);
        }
    }

    /// Switches to report `index` (clamped), at its top.
    fn switch_report(&mut self, index: usize) {
        let count = self.library.reports.len();
        self.report = index.min(count.saturating_sub(1));
        self.speaker = None;
        self.offsets = Offsets { library: self.offsets.library, ..Offsets::default() };
        self.counts = match self.current() {
            Some(r) => r.speakers.iter().map(|s| r.quotes_by(&s.id).count()).collect(),
            None => Vec::new(),
        };
        self.refilter();
        self.quote = self.visible.first().copied();
        self.rewrap();
    }

    /// Rebuilds the visible quote list after the speaker selection changed,
    /// keeping the selected quote when it is still shown.
    pub fn refilter(&mut self) {
        let Some(r) = self.library.reports.get(self.report) else {
            self.visible.clear();
            return;
        };
        self.visible = match self.speaker.and_then(|i| r.speakers.get(i)) {
            Some(s) => r.quotes.iter().enumerate().filter(|(_, q)| q.speaker == s.id).map(|(i, _)| i).collect(),
            None => (0..r.quotes.len()).collect(),
        };
        if self.quote_position().is_none() {
            self.quote = self.visible.first().copied();
        }
        self.offsets.quotes = 0;
        self.offsets.quote_row = 0;
        self.rewrap_speaker();
    }

    /// Rewraps the cached text after a report change or a resize.
    pub fn rewrap(&mut self) {
        let width = self.text_width(Pane::Session);
        self.session_rows = self.current().map(|r| text::session_rows(r, width)).unwrap_or_default();
        self.rewrap_speaker();
        self.rewrap_speakers();
        self.library_need = self.count_library_rows();
    }

    /// Rows the Library's items take, up to the screen's height.
    fn count_library_rows(&self) -> usize {
        if self.library.reports.is_empty() {
            // The message that says why: two rows at most in a narrow column.
            return 2;
        }
        let mut rows = 0;
        for i in 0..self.library.reports.len() {
            rows += self.library_item_rows(i).len();
            if rows > self.height as usize {
                break;
            }
        }
        rows
    }

    /// Columns a list's item has: the pane's, less the selection mark.
    fn list_width(&self, pane: Pane) -> usize {
        self.pane_width(pane).saturating_sub(2)
    }

    /// Report `i` as the Library shows it.
    pub fn library_item_rows(&self, i: usize) -> Vec<Row> {
        let Some(r) = self.library.reports.get(i) else { return Vec::new() };
        let tag = self.library_tags.get(i).and_then(|t| t.as_deref());
        text::library_item_rows(r, tag, self.list_width(Pane::Library))
    }

    /// How many other sessions the current report's speaker `i` has in the library.
    pub fn other_sessions(&self, i: usize) -> Option<usize> {
        let p = self.people.persons.get(self.people.person_of(self.report, i)?)?;
        (p.sessions > 1).then(|| p.sessions - 1)
    }

    fn rewrap_speakers(&mut self) {
        let width = self.list_width(Pane::Speakers);
        let mut rows = Vec::new();
        let mut starts = Vec::new();
        if let Some(r) = self.current() {
            for (i, sp) in r.speakers.iter().enumerate() {
                starts.push(rows.len());
                let count = self.counts.get(i).copied().unwrap_or(0);
                rows.extend(text::speaker_item_rows(sp, count, self.other_sessions(i), width));
            }
        }
        self.speakers_list = rows;
        self.speakers_starts = starts;
    }

    /// Rows item `i` of a list pane (Library or Speakers) takes.
    pub fn item_rows(&self, pane: Pane, i: usize) -> usize {
        match pane {
            Pane::Library => self.library_item_rows(i).len(),
            _ => {
                let start = self.speakers_starts.get(i).copied().unwrap_or(0);
                let end = self.speakers_starts.get(i + 1).copied().unwrap_or(self.speakers_list.len());
                end.saturating_sub(start)
            }
        }
    }

    fn list_len(&self, pane: Pane) -> usize {
        match pane {
            Pane::Library => self.library.reports.len(),
            _ => self.speakers_starts.len(),
        }
    }

    fn list_offset(&self, pane: Pane) -> usize {
        if pane == Pane::Library { self.offsets.library } else { self.offsets.speakers }
    }

    /// A page in a list: the items its view shows from where it starts.
    pub fn list_page(&self, pane: Pane) -> usize {
        let height = self.areas().inner(pane).height as usize;
        layout::items_in_view(self.list_offset(pane), height, self.list_len(pane), |i| self.item_rows(pane, i))
    }

    /// The list item drawn at `row` of the pane's view.
    pub fn list_item_at(&self, pane: Pane, row: usize) -> Option<usize> {
        layout::item_at_row(self.list_offset(pane), row, self.list_len(pane), |i| self.item_rows(pane, i))
    }

    /// Scrolls the Library and the Speakers so their selection is in view,
    /// counting the rows each item takes, and with no blank rows at the end
    /// that could show items.
    pub fn keep_lists_visible(&mut self) {
        let areas = self.areas();
        for pane in [Pane::Library, Pane::Speakers] {
            let height = areas.inner(pane).height as usize;
            let rows = |i| self.item_rows(pane, i);
            let mut offset = self.list_offset(pane);
            let selected = if pane == Pane::Library { Some(self.report) } else { self.speaker };
            if let Some(sel) = selected {
                offset = layout::fit_offset(offset, sel, height, rows);
            }
            offset = offset.min(layout::last_offset(self.list_len(pane), height, rows));
            match pane {
                Pane::Library => self.offsets.library = offset,
                _ => self.offsets.speakers = offset,
            }
        }
    }

    fn rewrap_speaker(&mut self) {
        let width = self.text_width(Pane::Quotes);
        self.speaker_rows = match (self.current(), self.speaker) {
            (Some(r), Some(i)) => match r.speakers.get(i) {
                Some(s) => text::speaker_rows(s, self.counts.get(i).copied().unwrap_or(0), width),
                None => Vec::new(),
            },
            _ => Vec::new(),
        };
    }
}
