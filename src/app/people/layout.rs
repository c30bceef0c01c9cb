//! Where the People view's parts go, the rows of its detail, and scrolling
//! that keeps each selection on screen. Shared by `update` and the renderer.

use super::view::{Part, PeopleView};
use crate::app::layout::{MIN_HEIGHT, MIN_WIDTH, Mode, WIDE, inner};
use crate::app::text::{Row, Tone, truncate, wrap};
use crate::model::Report;
use crate::people::{Appearance, People};
use ratatui::layout::Rect;

/// Rows of one appearance in the detail: the report, then the role there.
pub const APPEARANCE_ROWS: usize = 2;
/// A long quote is cut to this many rows in the list; Enter shows it whole.
pub const MAX_QUOTE_ROWS: usize = 6;
/// Columns left of each detail row for the selection mark.
pub const GUTTER: usize = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub mode: Mode,
    /// Outer rectangles (borders included), in `Part::ALL` order; one body
    /// rectangle for all three in tab mode.
    pub parts: [Rect; 3],
    /// The tab bar (tab mode only).
    pub tabs: Rect,
    pub status: Rect,
}

impl Areas {
    pub fn part(&self, part: Part) -> Rect {
        self.parts[part.index()]
    }

    /// Rows of content inside a part: the list has a header row.
    pub fn view_rows(&self, part: Part) -> usize {
        let h = inner(self.part(part)).height as usize;
        if part == Part::List { h.saturating_sub(1) } else { h }
    }

    /// The width detail text wraps to.
    pub fn text_width(&self, part: Part) -> usize {
        (inner(self.part(part)).width as usize).saturating_sub(GUTTER).max(1)
    }
}

/// Wide: the list left, the selected person's appearances and quotes right,
/// the appearances taking what they need up to two fifths. Narrow: one part at
/// a time under a tab bar, as the panes are.
pub fn areas(width: u16, height: u16, appearances: usize) -> Areas {
    let full = Rect::new(0, 0, width, height);
    if width < MIN_WIDTH || height < MIN_HEIGHT {
        return Areas { mode: Mode::TooSmall, parts: [full; 3], tabs: Rect::default(), status: Rect::default() };
    }
    let status = Rect::new(0, height - 1, width, 1);
    if width < WIDE {
        let body = Rect::new(0, 1, width, height - 2);
        return Areas { mode: Mode::Tabs, parts: [body; 3], tabs: Rect::new(0, 0, width, 1), status };
    }
    let body_h = height - 1;
    let list_w = width * 3 / 5;
    let detail_w = width - list_w;
    let need = appearances.saturating_mul(APPEARANCE_ROWS).saturating_add(2).max(4);
    let apps_h = need.min((body_h * 2 / 5).max(4) as usize) as u16;
    let list = Rect::new(0, 0, list_w, body_h);
    let apps = Rect::new(list_w, 0, detail_w, apps_h);
    let quotes = Rect::new(list_w, apps_h, detail_w, body_h - apps_h);
    Areas { mode: Mode::Wide, parts: [list, apps, quotes], tabs: Rect::default(), status }
}

/// The areas for the view's selected person.
pub fn areas_for(view: &PeopleView, people: &People, width: u16, height: u16) -> Areas {
    let n = view.person().and_then(|p| people.persons.get(p)).map_or(0, |p| p.appearances.len());
    areas(width, height, n)
}

/// An appearance: the date and report title, then the role and organisation
/// the person had there, and whether they moderated.
pub fn appearance_rows(reports: &[Report], a: Appearance, width: usize) -> [Row; 2] {
    let Some(r) = reports.get(a.report as usize) else { return [Row::blank(), Row::blank()] };
    let title = truncate(&r.title.replace('\n', " "), width.saturating_sub(11));
    let first = Row(vec![(Tone::Dim, format!("{} ", r.date)), (Tone::Body, title)]);
    let Some(sp) = r.speakers.get(a.speaker as usize) else { return [first, Row::blank()] };
    let aff = crate::app::text::affiliation(sp).replace('\n', " ");
    let star = if sp.moderator { "★ moderator" } else { "" };
    let sep = if !aff.is_empty() && sp.moderator { " · " } else { "" };
    let room = width.saturating_sub(11 + star.chars().count() + sep.chars().count());
    let mut second = vec![(Tone::Dim, format!("{:11}{}{sep}", "", truncate(&aff, room)))];
    if sp.moderator {
        second.push((Tone::Key, star.to_string()));
    }
    [first, Row(second)]
}

/// A quote in the detail: its report's date and title, the quote cut to
/// [`MAX_QUOTE_ROWS`], and a blank row after it.
pub fn quote_rows(reports: &[Report], (r, q): (usize, usize), width: usize) -> Vec<Row> {
    let Some(report) = reports.get(r) else { return Vec::new() };
    let Some(quote) = report.quotes.get(q) else { return Vec::new() };
    let head = format!("{} · {}", report.date, report.title.replace('\n', " "));
    let mut rows = vec![Row::one(Tone::Dim, truncate(&head, width))];
    let mut lines = wrap(&format!("“{}”", quote.text), width);
    if lines.len() > MAX_QUOTE_ROWS {
        lines.truncate(MAX_QUOTE_ROWS);
        let last = lines.pop().unwrap_or_default();
        lines.push(truncate(&format!("{last} …"), width));
    }
    rows.extend(lines.into_iter().map(|l| Row::one(Tone::Quote, l)));
    rows.push(Row::blank());
    rows
}

fn quote_height(reports: &[Report], item: (usize, usize), width: usize) -> usize {
    quote_rows(reports, item, width).len().max(1)
}

/// Scrolls each part so its selection is on screen. Walks at most a screen
/// of quotes.
pub fn keep_visible(view: &mut PeopleView, people: &People, reports: &[Report], width: u16, height: u16) {
    let a = areas_for(view, people, width, height);
    if a.mode == Mode::TooSmall {
        return;
    }
    fit(&mut view.list_offset, view.selected, a.view_rows(Part::List));
    fit(&mut view.appearance_offset, view.appearance, a.view_rows(Part::Appearances) / APPEARANCE_ROWS);
    let h = a.view_rows(Part::Quotes).max(1);
    let w = a.text_width(Part::Quotes);
    if view.quote < view.quote_offset {
        view.quote_offset = view.quote;
    } else {
        // The first quote from which the selected one still ends on screen.
        let mut used = 0;
        let mut top = view.quote;
        for i in (view.quote_offset..=view.quote).rev() {
            used += view.quotes.get(i).map_or(1, |&item| quote_height(reports, item, w));
            if used > h && i < view.quote {
                break;
            }
            top = i;
        }
        view.quote_offset = top;
    }
}

fn fit(offset: &mut usize, selected: usize, height: usize) {
    let height = height.max(1);
    if selected < *offset {
        *offset = selected;
    } else if selected >= *offset + height {
        *offset = selected + 1 - height;
    }
}
