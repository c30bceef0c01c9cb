//! Scrolling the Quotes pane by rows. The selection moves by whole quotes, but a
//! quote taller than the pane must still be readable there: `j` / `k` scroll
//! through it before moving on, and pages scroll by rows, as in less and vim.
//! The view's top is a quote (`offsets.quotes`, an index into `visible`) and the
//! rows of it scrolled away (`offsets.quote_row`).
//!
//! Every walk here is bounded by the pane's height, never by the report's
//! length, so a 10,000-quote report scrolls as fast as a short one.

use super::state::State;
use super::text;

fn height(s: &State, pos: usize) -> usize {
    let (Some(r), Some(&q)) = (s.current(), s.visible.get(pos)) else { return 0 };
    text::quote_height(r, &r.quotes[q], s.quote_wrap_width())
}

/// Row of the view where the quote at `pos` starts (negative: above the top),
/// or `None` when it starts below the view.
fn top_row(s: &State, pos: usize) -> Option<isize> {
    let view = s.quotes_view_height();
    let mut row = -(s.offsets.quote_row as isize);
    for p in s.offsets.quotes..pos {
        row += height(s, p) as isize;
        if row >= view as isize {
            return None;
        }
    }
    (pos >= s.offsets.quotes).then_some(row).or(Some(isize::MIN))
}

/// `j` in the Quotes pane: scroll one row while the selected quote runs on below
/// the view, else select the next quote.
pub fn down(s: &mut State) -> bool {
    let Some(pos) = s.quote_position() else { return false };
    let view = s.quotes_view_height() as isize;
    match top_row(s, pos) {
        Some(top) if top + height(s, pos) as isize > view && view > 0 => {
            scroll(s, 1);
            true
        }
        _ => false,
    }
}

/// `k` in the Quotes pane: scroll one row while the selected quote's start is
/// above the view, else select the previous quote.
pub fn up(s: &mut State) -> bool {
    let Some(pos) = s.quote_position() else { return false };
    if pos == s.offsets.quotes && s.offsets.quote_row > 0 {
        s.offsets.quote_row -= 1;
        return true;
    }
    false
}

/// Scrolls the view by `rows` (down when positive), no further than the end,
/// then selects a quote in view if the selection left it.
pub fn page(s: &mut State, rows: isize) {
    if s.visible.is_empty() {
        return;
    }
    scroll(s, rows);
    // At either end the selection goes to the end, as vim's cursor does.
    let top = (s.offsets.quotes, s.offsets.quote_row);
    if rows > 0 && top == last_top(s) {
        s.quote = s.visible.last().copied();
        return;
    }
    if rows < 0 && top == (0, 0) {
        s.quote = s.visible.first().copied();
        return;
    }
    let Some(pos) = s.quote_position() else { return };
    let view = s.quotes_view_height() as isize;
    match top_row(s, pos) {
        // Scrolled past the selection's start: the first quote starting in view.
        Some(top) if top < 0 => {
            let first = s.offsets.quotes + usize::from(s.offsets.quote_row > 0);
            let first = if first < s.visible.len() && top_row(s, first).is_some_and(|t| t < view) {
                first
            } else {
                s.offsets.quotes
            };
            s.quote = Some(s.visible[first]);
        }
        // The selection is below the view: the last quote wholly in it (else the top one).
        None => {
            let mut last = s.offsets.quotes;
            let ends_in_view = |p: usize| top_row(s, p).is_some_and(|t| t + height(s, p) as isize <= view);
            while last + 1 < s.visible.len() && ends_in_view(last + 1) {
                last += 1;
            }
            s.quote = Some(s.visible[last]);
        }
        Some(_) => {}
    }
}

/// Moves the view's top by `rows`, clamped so that the last quote's end is at
/// most at the bottom of the view.
fn scroll(s: &mut State, rows: isize) {
    let (mut top, mut row) = (s.offsets.quotes, s.offsets.quote_row);
    if rows < 0 {
        let mut left = rows.unsigned_abs();
        while left > 0 {
            if row >= left {
                row -= left;
                break;
            }
            left -= row;
            if top == 0 {
                row = 0;
                break;
            }
            top -= 1;
            row = height(s, top);
        }
    } else {
        let (max_top, max_row) = last_top(s);
        let mut left = rows as usize;
        while left > 0 && (top, row) < (max_top, max_row) {
            let rest = height(s, top) - row;
            if left < rest {
                row += left;
                break;
            }
            left -= rest;
            top += 1;
            row = 0;
        }
        if (top, row) > (max_top, max_row) {
            (top, row) = (max_top, max_row);
        }
    }
    s.offsets.quotes = top;
    s.offsets.quote_row = row;
}

/// The lowest the view's top goes: the last quote's end at the view's bottom.
fn last_top(s: &State) -> (usize, usize) {
    let view = s.quotes_view_height();
    let mut used = 0;
    let mut pos = s.visible.len();
    while pos > 0 {
        let h = height(s, pos - 1);
        if used + h > view {
            // A view of no rows still keeps a row of the top quote "in" it.
            return (pos - 1, (used + h - view).min(h - 1));
        }
        used += h;
        pos -= 1;
    }
    (0, 0)
}

/// Puts the selected quote at the top of the view (a search jump, as less
/// puts a match on its first line), as far as the end of the list allows.
pub fn to_top(s: &mut State) {
    let Some(pos) = s.quote_position() else { return };
    s.offsets.quotes = pos;
    s.offsets.quote_row = 0;
    let (max_top, max_row) = last_top(s);
    if (pos, 0) > (max_top, max_row) {
        (s.offsets.quotes, s.offsets.quote_row) = (max_top, max_row);
    }
}

/// Brings row `row` of the selected quote (a search match deep in a tall one)
/// into view, a little below the top, if it is not already.
pub fn reveal_row(s: &mut State, row: usize) {
    let Some(pos) = s.quote_position() else { return };
    let view = s.quotes_view_height() as isize;
    let Some(top) = top_row(s, pos) else { return };
    let at = top + row as isize;
    if at >= 0 && at < view {
        return;
    }
    s.offsets.quotes = pos;
    s.offsets.quote_row = row.saturating_sub(2).min(height(s, pos).saturating_sub(1));
    // Not past the end: the last rows of the report stay at the bottom of the view.
    let (max_top, max_row) = last_top(s);
    if (s.offsets.quotes, s.offsets.quote_row) > (max_top, max_row) {
        (s.offsets.quotes, s.offsets.quote_row) = (max_top, max_row);
    }
}

/// Scrolls as little as possible so that the selected quote is on screen: its
/// start when it is above the view, its end when below (its start, if it is
/// taller than the view). Walks back from the selection only as far as one view.
pub fn keep_visible(s: &mut State) {
    let Some(pos) = s.quote_position() else {
        s.offsets.quotes = 0;
        s.offsets.quote_row = 0;
        return;
    };
    if pos < s.offsets.quotes {
        s.offsets.quotes = pos;
        s.offsets.quote_row = 0;
        return;
    }
    // A resize may have made the top quote shorter than the rows scrolled off it.
    s.offsets.quote_row = s.offsets.quote_row.min(height(s, s.offsets.quotes).saturating_sub(1));
    let view = s.quotes_view_height();
    if pos == s.offsets.quotes {
        return;
    }
    let mut used = height(s, pos);
    if used > view {
        s.offsets.quotes = pos;
        s.offsets.quote_row = 0;
        return;
    }
    let mut first = pos;
    while first > s.offsets.quotes {
        let shown = if first - 1 == s.offsets.quotes { s.offsets.quote_row } else { 0 };
        let h = height(s, first - 1) - shown;
        if used + h > view {
            // Only the end of the quote above fits: the rows that do.
            s.offsets.quotes = first - 1;
            s.offsets.quote_row = height(s, first - 1) - (view - used);
            if s.offsets.quote_row == height(s, first - 1) {
                s.offsets.quotes = first;
                s.offsets.quote_row = 0;
            }
            return;
        }
        used += h;
        first -= 1;
    }
}
