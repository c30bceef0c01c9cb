//! Where each pane goes for a terminal size. Pure geometry, shared by the
//! renderer and by the state machine (page sizes, mouse clicks).

use super::state::Pane;
use ratatui::layout::Rect;

/// Below this the reader says the terminal is too small instead of drawing.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
/// From this width the four panes are side by side; below it they are tabs.
pub const WIDE: u16 = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Wide,
    Tabs,
    TooSmall,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub mode: Mode,
    /// Outer rectangles (borders included), in `Pane::ALL` order. In tab
    /// mode they are all the same body rectangle.
    pub panes: [Rect; 4],
    /// The tab bar (tab mode only; empty otherwise).
    pub tabs: Rect,
    pub status: Rect,
}

impl Areas {
    pub fn pane(&self, pane: Pane) -> Rect {
        self.panes[pane.index()]
    }

    /// The rectangle inside a pane's border.
    pub fn inner(&self, pane: Pane) -> Rect {
        inner(self.pane(pane))
    }

    /// The pane under a screen cell, if one is drawn there.
    pub fn pane_at(&self, column: u16, row: u16, focus: Pane) -> Option<Pane> {
        let hit = |r: Rect| column >= r.x && column < r.right() && row >= r.y && row < r.bottom();
        match self.mode {
            Mode::TooSmall => None,
            Mode::Tabs => hit(self.pane(focus)).then_some(focus),
            Mode::Wide => Pane::ALL.into_iter().find(|p| hit(self.pane(*p))),
        }
    }
}

/// A tab's label in the tab bar when every label fits.
pub fn tab_label(pane: Pane) -> String {
    format!(" {} {} ", pane.index() + 1, pane.title())
}

/// The People view's tab, after the panes' (it opens the view).
pub const PEOPLE_TAB: &str = " 5 People ";

/// The tab bar for a width: each tab (`None`: People) and its label, each label
/// followed by a space. When the full labels do not fit, the focused tab keeps
/// its name and the others show their number only, so that none is cut.
pub fn tab_bar(width: u16, focus: Pane) -> Vec<(Option<Pane>, String)> {
    let full: Vec<(Option<Pane>, String)> = Pane::ALL
        .into_iter()
        .map(|p| (Some(p), tab_label(p)))
        .chain(std::iter::once((None, PEOPLE_TAB.to_string())))
        .collect();
    let used: usize = full.iter().map(|(_, l)| l.chars().count() + 1).sum();
    if used <= width as usize {
        return full;
    }
    full.into_iter()
        .map(|(p, label)| match p {
            Some(pane) if pane == focus => (p, label),
            Some(pane) => (p, format!(" {} ", pane.index() + 1)),
            None => (p, " 5 ".to_string()),
        })
        .collect()
}

/// The tab under a column of the tab bar: `Some(None)` is People.
fn tab_under(column: u16, width: u16, focus: Pane) -> Option<Option<Pane>> {
    let mut x = 0usize;
    for (tab, label) in tab_bar(width, focus) {
        let w = label.chars().count();
        if (column as usize) >= x && (column as usize) < x + w {
            return Some(tab);
        }
        x += w + 1;
    }
    None
}

/// Whether a column of the tab bar is on the People tab.
pub fn on_people_tab(column: u16, width: u16, focus: Pane) -> bool {
    tab_under(column, width, focus) == Some(None)
}

/// The pane's tab under a column of the tab bar.
pub fn tab_at(column: u16, width: u16, focus: Pane) -> Option<Pane> {
    tab_under(column, width, focus).flatten()
}

/// The first item of a list shown so that item `selected` is in a view of
/// `height` rows, moving from `offset` as little as possible; items are
/// `item_rows(i)` rows tall (at least one). Walks at most a screen of items.
pub fn fit_offset(offset: usize, selected: usize, height: usize, item_rows: impl Fn(usize) -> usize) -> usize {
    let height = height.max(1);
    if selected <= offset {
        return selected;
    }
    let mut rows = 0;
    for i in offset..=selected {
        rows += item_rows(i).max(1);
        if rows > height {
            break;
        }
    }
    if rows <= height {
        return offset;
    }
    let mut top = selected;
    let mut rows = item_rows(selected).max(1);
    while top > 0 && rows + item_rows(top - 1).max(1) <= height {
        top -= 1;
        rows += item_rows(top).max(1);
    }
    top
}

/// The lowest first item that still fills a view of `height` rows with the
/// last of `len` items at its bottom (0 when they all fit).
pub fn last_offset(len: usize, height: usize, item_rows: impl Fn(usize) -> usize) -> usize {
    match len {
        0 => 0,
        _ => fit_offset(0, len - 1, height, item_rows),
    }
}

/// The item drawn at `row` of a view whose first item is `offset`, if any.
pub fn item_at_row(offset: usize, row: usize, len: usize, item_rows: impl Fn(usize) -> usize) -> Option<usize> {
    let mut top = 0;
    for i in offset..len {
        top += item_rows(i).max(1);
        if row < top {
            return Some(i);
        }
    }
    None
}

/// How many items from `offset` a view of `height` rows shows whole (at least one).
pub fn items_in_view(offset: usize, height: usize, len: usize, item_rows: impl Fn(usize) -> usize) -> usize {
    let mut rows = 0;
    let mut n = 0;
    for i in offset..len {
        rows += item_rows(i).max(1);
        if rows > height {
            break;
        }
        n += 1;
    }
    n.max(1)
}

pub fn inner(r: Rect) -> Rect {
    Rect { x: r.x + 1, y: r.y + 1, width: r.width.saturating_sub(2), height: r.height.saturating_sub(2) }
}

/// Rows each list has to show, so the lists take no more of their column than
/// they need and the pane under each gets the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Needs {
    pub library: usize,
    pub speakers: usize,
}

/// Side by side, each list sits above the pane it drives: the Library above
/// the Session, the Speakers above the Quotes. A list takes the rows it needs
/// (the Library at most half its column, the Speakers at most two fifths), and
/// the pane below takes the rest: a one-report library and four speakers leave
/// the Session and the Quotes most of the screen.
pub fn areas(width: u16, height: u16, needs: Needs) -> Areas {
    let full = Rect::new(0, 0, width, height);
    if width < MIN_WIDTH || height < MIN_HEIGHT {
        return Areas { mode: Mode::TooSmall, panes: [full; 4], tabs: Rect::default(), status: Rect::default() };
    }
    let status = Rect::new(0, height - 1, width, 1);
    if width < WIDE {
        return tabs(width, height);
    }
    let body_h = height - 1;
    let left_w = (width * 2 / 5).max(36);
    let right_w = width - left_w;
    let height_for = |need: usize, most: u16| need.saturating_add(2).clamp(3, most.max(3) as usize) as u16;
    let library_h = height_for(needs.library, body_h / 2);
    let speakers_h = height_for(needs.speakers, body_h * 2 / 5);
    let library = Rect::new(0, 0, left_w, library_h);
    let session = Rect::new(0, library_h, left_w, body_h - library_h);
    let speakers = Rect::new(left_w, 0, right_w, speakers_h);
    let quotes = Rect::new(left_w, speakers_h, right_w, body_h - speakers_h);
    Areas { mode: Mode::Wide, panes: [library, session, speakers, quotes], tabs: Rect::default(), status }
}

/// One pane at a time, under a tab bar: narrow terminals, and a zoomed pane.
/// The size must not be too small (see [`areas`]).
pub fn tabs(width: u16, height: u16) -> Areas {
    let body = Rect::new(0, 1, width, height.saturating_sub(2));
    let status = Rect::new(0, height.saturating_sub(1), width, 1);
    Areas { mode: Mode::Tabs, panes: [body; 4], tabs: Rect::new(0, 0, width, 1), status }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(reports: usize) -> Needs {
        Needs { library: reports, speakers: 4 }
    }

    #[test]
    fn modes_by_size() {
        assert_eq!(areas(120, 40, n(50)).mode, Mode::Wide);
        assert_eq!(areas(80, 24, n(50)).mode, Mode::Tabs);
        assert_eq!(areas(39, 24, n(50)).mode, Mode::TooSmall);
        assert_eq!(areas(80, 9, n(50)).mode, Mode::TooSmall);
        assert_eq!(areas(1, 1, n(50)).mode, Mode::TooSmall);
        assert_eq!(areas(0, 0, n(50)).mode, Mode::TooSmall);
    }

    #[test]
    fn wide_panes_tile_the_screen() {
        for (w, h, reports) in
            [(100, 10, 0), (120, 40, 1), (120, 40, 1000), (300, 100, 5), (u16::MAX, u16::MAX, usize::MAX)]
        {
            let a = areas(w, h, n(reports));
            let cells: u32 = a.panes.iter().map(|r| r.area()).sum::<u32>() + a.status.area();
            assert_eq!(cells, w as u32 * h as u32, "{w}x{h}");
        }
    }

    #[test]
    fn tabs_under_the_mouse() {
        let at = |c| tab_at(c, 80, Pane::Library);
        assert_eq!(at(0), Some(Pane::Library));
        assert_eq!(at(12), Some(Pane::Session));
        assert_eq!(at(40), Some(Pane::Quotes));
        assert_eq!(at(60), None);
        let people = |c| on_people_tab(c, 80, Pane::Library);
        assert!(people(50) && people(57));
        assert!(!people(47) && !people(58));
        // At 40 columns: " 1 Library   2   3   4   5 ".
        assert_eq!(tab_at(13, 40, Pane::Library), Some(Pane::Session));
        assert!(on_people_tab(25, 40, Pane::Library));
    }

    #[test]
    fn lists_take_what_they_need_and_the_pane_below_the_rest() {
        let a = areas(120, 40, Needs { library: 2, speakers: 8 });
        assert_eq!((a.inner(Pane::Library).height, a.inner(Pane::Speakers).height), (2, 8));
        assert_eq!(a.pane(Pane::Session).height, 39 - 4);
        let a = areas(120, 40, Needs { library: 1000, speakers: 1000 });
        assert_eq!((a.pane(Pane::Library).height, a.pane(Pane::Speakers).height), (19, 15));
    }

    #[test]
    fn offsets_for_items_of_several_rows() {
        let two = |_| 2;
        assert_eq!(fit_offset(0, 9, 10, two), 5);
        assert_eq!(fit_offset(5, 3, 10, two), 3);
        assert_eq!(fit_offset(2, 6, 10, two), 2);
        assert_eq!(last_offset(30, 10, two), 25);
        assert_eq!(last_offset(3, 10, two), 0);
        assert_eq!(item_at_row(4, 3, 30, two), Some(5));
        assert_eq!(item_at_row(28, 5, 30, two), None);
        assert_eq!(items_in_view(0, 11, 30, two), 5);
        assert_eq!(fit_offset(0, usize::MAX / 2, 10, |_| 1), usize::MAX / 2 - 9, "a walk of a screen at most");
    }

    #[test]
    fn pane_at_finds_the_pane_under_the_mouse() {
        let a = areas(120, 40, n(50));
        assert_eq!(a.pane_at(1, 1, Pane::Library), Some(Pane::Library));
        assert_eq!(a.pane_at(119, 39 - 2, Pane::Library), Some(Pane::Quotes));
        assert_eq!(a.pane_at(1, 39 - 2, Pane::Library), Some(Pane::Session));
        assert_eq!(a.pane_at(5, 39, Pane::Library), None, "status line");
    }
}
