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

/// A tab's label in the tab bar; the bar is these labels, each followed by a space.
pub fn tab_label(pane: Pane) -> String {
    format!(" {} {} ", pane.index() + 1, pane.title())
}

/// The People view's tab, after the panes' (it opens the view).
pub const PEOPLE_TAB: &str = " 5 People ";

/// Whether a column of the tab bar is on the People tab.
pub fn on_people_tab(column: u16) -> bool {
    let start: usize = Pane::ALL.iter().map(|&p| tab_label(p).chars().count() + 1).sum();
    (start..start + PEOPLE_TAB.chars().count()).contains(&(column as usize))
}

/// The tab under a column of the tab bar.
pub fn tab_at(column: u16) -> Option<Pane> {
    let mut x = 0usize;
    for pane in Pane::ALL {
        let w = tab_label(pane).chars().count();
        if (column as usize) < x + w {
            return Some(pane);
        }
        x += w + 1;
    }
    None
}

pub fn inner(r: Rect) -> Rect {
    Rect { x: r.x + 1, y: r.y + 1, width: r.width.saturating_sub(2), height: r.height.saturating_sub(2) }
}

/// `reports` sizes the Library pane: a short library leaves the room to the
/// Speakers pane below it.
pub fn areas(width: u16, height: u16, reports: usize) -> Areas {
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
    let top_h = body_h * 2 / 5;
    let library_h = (reports.saturating_add(2)).clamp(4, top_h.max(4) as usize) as u16;
    let library = Rect::new(0, 0, left_w, library_h);
    let speakers = Rect::new(0, library_h, left_w, body_h - library_h);
    let session = Rect::new(left_w, 0, right_w, top_h);
    let quotes = Rect::new(left_w, top_h, right_w, body_h - top_h);
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

    #[test]
    fn modes_by_size() {
        assert_eq!(areas(120, 40, 50).mode, Mode::Wide);
        assert_eq!(areas(80, 24, 50).mode, Mode::Tabs);
        assert_eq!(areas(39, 24, 50).mode, Mode::TooSmall);
        assert_eq!(areas(80, 9, 50).mode, Mode::TooSmall);
        assert_eq!(areas(1, 1, 50).mode, Mode::TooSmall);
        assert_eq!(areas(0, 0, 50).mode, Mode::TooSmall);
    }

    #[test]
    fn wide_panes_tile_the_screen() {
        for (w, h, n) in [(100, 10, 0), (120, 40, 1), (120, 40, 1000), (300, 100, 5), (u16::MAX, u16::MAX, usize::MAX)]
        {
            let a = areas(w, h, n);
            let cells: u32 = a.panes.iter().map(|r| r.area()).sum::<u32>() + a.status.area();
            assert_eq!(cells, w as u32 * h as u32, "{w}x{h}");
        }
    }

    #[test]
    fn tabs_under_the_mouse() {
        assert_eq!(tab_at(0), Some(Pane::Library));
        assert_eq!(tab_at(12), Some(Pane::Session));
        assert_eq!(tab_at(40), Some(Pane::Quotes));
        assert_eq!(tab_at(60), None);
        assert!(on_people_tab(50) && on_people_tab(57));
        assert!(!on_people_tab(47) && !on_people_tab(58));
    }

    #[test]
    fn pane_at_finds_the_pane_under_the_mouse() {
        let a = areas(120, 40, 50);
        assert_eq!(a.pane_at(1, 1, Pane::Library), Some(Pane::Library));
        assert_eq!(a.pane_at(119, 39 - 2, Pane::Library), Some(Pane::Quotes));
        assert_eq!(a.pane_at(5, 39, Pane::Library), None, "status line");
    }
}
