//! Overlays (help, problems, speaker, quote): their size and their content,
//! shared by the renderer and by scrolling.

use super::state::{Overlay, State};
use super::text::{self, Row};
use ratatui::layout::Rect;

/// The popup rectangle for an overlay with `rows` rows of content.
pub fn area(width: u16, height: u16, rows: usize) -> Rect {
    let w = width.saturating_sub(4).min(96);
    let h = (rows as u16).saturating_add(2).min(height.saturating_sub(2));
    Rect::new((width - w.min(width)) / 2, (height - h.min(height)) / 2, w, h)
}

/// Content width inside the popup's border and padding.
pub fn content_width(width: u16) -> usize {
    width.saturating_sub(4).min(96).saturating_sub(4) as usize
}

/// The search popup covers the panes; each hit takes two rows below the
/// prompt and its rule.
pub fn search_area(width: u16, height: u16) -> Rect {
    area(width, height, usize::MAX)
}

pub fn search_view_hits(width: u16, height: u16) -> usize {
    (search_area(width, height).height.saturating_sub(4) / 2) as usize
}

pub fn title(overlay: Overlay) -> &'static str {
    match overlay {
        Overlay::Help { .. } => "Keys",
        Overlay::Problems { .. } => "Load problems",
        Overlay::Speaker { .. } => "Speaker",
        Overlay::Quote { .. } => "Quote",
    }
}

pub fn rows(s: &State, overlay: Overlay) -> Vec<Row> {
    let width = content_width(s.width);
    match overlay {
        Overlay::Help { .. } if s.people_view.open => {
            let mut rows = super::people::help::rows(&s.keys, width);
            rows.extend(text::help_rows(&s.keys, width));
            rows
        }
        Overlay::Help { .. } => text::help_rows(&s.keys, width),
        Overlay::Problems { selected, .. } => text::problem_rows(&s.library.problems, width, selected).0,
        Overlay::Speaker { .. } => match (s.current(), s.speaker) {
            (Some(r), Some(i)) => r
                .speakers
                .get(i)
                .map(|sp| text::speaker_rows(sp, s.counts.get(i).copied().unwrap_or(0), width))
                .unwrap_or_default(),
            _ => Vec::new(),
        },
        Overlay::Quote { .. } => match (s.current(), s.quote) {
            (Some(r), Some(q)) => r.quotes.get(q).map(|q| text::quote_detail_rows(r, q, width)).unwrap_or_default(),
            _ => Vec::new(),
        },
    }
}

pub fn scroll(overlay: Overlay) -> usize {
    match overlay {
        Overlay::Help { scroll }
        | Overlay::Problems { scroll, .. }
        | Overlay::Speaker { scroll }
        | Overlay::Quote { scroll } => scroll,
    }
}

pub fn with_scroll(overlay: Overlay, scroll: usize) -> Overlay {
    match overlay {
        Overlay::Help { .. } => Overlay::Help { scroll },
        Overlay::Problems { selected, .. } => Overlay::Problems { scroll, selected },
        Overlay::Speaker { .. } => Overlay::Speaker { scroll },
        Overlay::Quote { .. } => Overlay::Quote { scroll },
    }
}
