//! `update`: the reader's behaviour, one action at a time.

use super::action::{Action, Effect};
use super::layout::{self, Mode};
use super::overlay;
use super::people;
use super::quote_scroll;
use super::search;
use super::state::{Overlay, Pane, State};
use super::text;

pub fn update(s: &mut State, action: Action) -> Option<Effect> {
    match action {
        Action::ForceQuit => return Some(Effect::Interrupted),
        Action::Suspend => return Some(Effect::Suspend),
        Action::Redraw => return Some(Effect::Redraw),
        Action::Resize { width, height } => {
            s.width = width;
            s.height = height;
            s.rewrap();
            keep_visible(s);
            people::update::keep_visible(s);
            return None;
        }
        _ => {}
    }
    if s.areas().mode == Mode::TooSmall {
        // Nothing can be seen, so nothing may change unseen; q always quits.
        return matches!(action, Action::Quit).then_some(Effect::Quit);
    }
    if !matches!(action, Action::Wheel { .. }) {
        s.status = None;
    }
    if s.search.is_some() {
        return prompt_update(s, action);
    }
    if let Some(o) = s.overlay {
        return overlay_update(s, o, action);
    }
    if s.people_view.open {
        // People's filter keeps no history: Ctrl-p / Ctrl-n move there, as in fzf without --history.
        let action = match action {
            Action::HistoryPrev => Action::Up,
            Action::HistoryNext => Action::Down,
            a => a,
        };
        return people::update::update(s, action);
    }
    match action {
        Action::Quit => return Some(Effect::Quit),
        Action::Help => s.overlay = Some(Overlay::Help { scroll: 0 }),
        Action::Problems => open_problems(s),
        Action::Down if s.focus == Pane::Quotes && quote_scroll::down(s) => {}
        Action::Up if s.focus == Pane::Quotes && quote_scroll::up(s) => {}
        Action::Down => step(s, s.focus, 1),
        Action::Up => step(s, s.focus, -1),
        Action::Top => step(s, s.focus, isize::MIN / 2),
        Action::Bottom => step(s, s.focus, isize::MAX / 2),
        Action::HalfPageDown => page_by(s, (page(s, s.focus) / 2).max(1) as isize),
        Action::HalfPageUp => page_by(s, -((page(s, s.focus) / 2).max(1) as isize)),
        Action::PageDown => page_by(s, page(s, s.focus) as isize),
        Action::PageUp => page_by(s, -(page(s, s.focus) as isize)),
        Action::NextPane => s.focus = Pane::ALL[(s.focus.index() + 1) % 4],
        Action::PrevPane => s.focus = Pane::ALL[(s.focus.index() + 3) % 4],
        Action::FocusPane(p) => s.focus = p,
        Action::Zoom if s.width < layout::WIDE => {
            s.status = Some(format!("Below {} columns each pane has the whole width already.", layout::WIDE));
        }
        Action::Zoom => {
            s.zoomed = !s.zoomed;
            s.rewrap();
            keep_visible(s);
        }
        Action::Open => open(s),
        Action::Back => {
            if s.speaker.is_some() {
                select_speaker(s, None);
            } else if s.last_search.take().is_some() {
                s.status = Some("Search cleared.".into());
            }
        }
        Action::Search => search::open(s),
        Action::Reload => return Some(Effect::Reload),
        Action::Edit => return edit(s),
        Action::JumpBack => people::update::back(s),
        Action::People => people::update::open(s),
        Action::SpeakerInPeople => people::update::open_on_speaker(s),
        Action::ToggleOrder => {
            s.status = Some(format!(
                "{} orders People: press {} first.",
                s.keys.first_key(Action::ToggleOrder),
                s.keys.first_key(Action::People)
            ));
        }
        Action::NextHit => return search::step(s, true),
        Action::PrevHit => return search::step(s, false),
        Action::Input(_)
        | Action::DeleteChar
        | Action::DeleteWord
        | Action::ClearInput
        | Action::HistoryPrev
        | Action::HistoryNext => {}
        Action::NextSpeaker => jump_to_next(s, Pane::Speakers, 1),
        Action::PrevSpeaker => jump_to_next(s, Pane::Speakers, -1),
        Action::NextQuote => jump_to_next(s, Pane::Quotes, 1),
        Action::PrevQuote => jump_to_next(s, Pane::Quotes, -1),
        Action::NextReport => jump_to_next(s, Pane::Library, 1),
        Action::PrevReport => jump_to_next(s, Pane::Library, -1),
        Action::AllQuotes if s.speaker.is_none() => s.status = Some("All quotes are shown already.".into()),
        Action::AllQuotes => select_speaker(s, None),
        Action::Copy => return copy(s, false),
        Action::CopyMarkdown => return copy(s, true),
        Action::CopyAll => return copy_all(s),
        Action::Click { column, row } => click(s, column, row),
        Action::Wheel { column, row, down } => {
            if let Some(p) = s.areas().pane_at(column, row, s.focus) {
                s.focus = p;
                page_by(s, if down { 3 } else { -3 });
            }
        }
        Action::ForceQuit | Action::Suspend | Action::Redraw | Action::Resize { .. } => {}
    }
    None
}

/// The whole library is in: one whose every file failed opens on its problems.
pub fn on_loaded(s: &mut State) {
    if s.library.reports.is_empty() && s.library.errors() > 0 && s.overlay.is_none() && s.search.is_none() {
        open_problems(s);
    }
}

fn prompt_update(s: &mut State, action: Action) -> Option<Effect> {
    let view = overlay::search_view_hits(s.width, s.height);
    let p = s.search.as_mut()?;
    match action {
        Action::Input(c) => p.input.push(c),
        Action::DeleteChar => {
            p.input.pop();
        }
        Action::DeleteWord => {
            let keep = p.input.trim_end().rfind(' ').map_or(0, |i| i + 1);
            p.input.truncate(keep);
        }
        Action::ClearInput => p.input.clear(),
        // On an empty prompt there is no list to move in: ↑ recalls, as in a shell.
        Action::Up if p.input.is_empty() => return search::recall(s, true),
        Action::HistoryPrev => return search::recall(s, true),
        Action::HistoryNext => return search::recall(s, false),
        Action::Down => return search::move_selection(s, 1, view),
        Action::Up => return search::move_selection(s, -1, view),
        Action::PageDown | Action::HalfPageDown => return search::move_selection(s, view as isize, view),
        Action::PageUp | Action::HalfPageUp => return search::move_selection(s, -(view as isize), view),
        Action::Wheel { down, .. } => return search::move_selection(s, if down { 3 } else { -3 }, view),
        Action::Open => return search::accept(s),
        Action::Back => {
            search::cancel(s);
            return None;
        }
        _ => return None,
    }
    search::input_changed(s)
}

fn overlay_update(s: &mut State, o: Overlay, action: Action) -> Option<Effect> {
    if let Overlay::Problems { selected, .. } = o
        && let Some(effect) = problems_update(s, selected, action)
    {
        return effect;
    }
    let rows = overlay::rows(s, o).len();
    let view = overlay::area(s.width, s.height, rows).height.saturating_sub(2) as usize;
    let max = rows.saturating_sub(view);
    let scroll = overlay::scroll(o);
    let to = |n: isize| Some(overlay::with_scroll(o, scroll.saturating_add_signed(n).min(max)));
    let half = (view / 2).max(1) as isize;
    s.overlay = match action {
        Action::Back | Action::Quit => None,
        Action::Help if matches!(o, Overlay::Help { .. }) => None,
        Action::Problems if matches!(o, Overlay::Problems { .. }) => None,
        Action::Help => Some(Overlay::Help { scroll: 0 }),
        Action::Down => to(1),
        Action::Up => to(-1),
        Action::Top => to(isize::MIN / 2),
        Action::Bottom => to(isize::MAX / 2),
        Action::HalfPageDown => to(half),
        Action::HalfPageUp => to(-half),
        Action::PageDown => to(view.max(1) as isize),
        Action::PageUp => to(-(view.max(1) as isize)),
        Action::Wheel { down, .. } => to(if down { 3 } else { -3 }),
        Action::Copy if matches!(o, Overlay::Quote { .. }) => return copy(s, false),
        Action::CopyMarkdown if matches!(o, Overlay::Quote { .. }) => return copy(s, true),
        _ => Some(o),
    };
    None
}

/// The problems list is a list to choose from: moving keys move the selection,
/// Enter or `e` open the problem's file at its line. `None`: not handled here.
fn problems_update(s: &mut State, selected: usize, action: Action) -> Option<Option<Effect>> {
    let n = s.library.problems.len();
    let (rows, starts) = text::problem_rows(&s.library.problems, overlay::content_width(s.width), selected);
    let view = (overlay::area(s.width, s.height, rows.len()).height.saturating_sub(2) as usize).max(1);
    // A problem takes about three rows.
    let page = (view / 3).max(1) as isize;
    let to = match action {
        Action::Down | Action::Wheel { down: true, .. } => selected as isize + 1,
        Action::Up | Action::Wheel { down: false, .. } => selected as isize - 1,
        Action::HalfPageDown => selected as isize + (page / 2).max(1),
        Action::HalfPageUp => selected as isize - (page / 2).max(1),
        Action::PageDown => selected as isize + page,
        Action::PageUp => selected as isize - page,
        Action::Top => 0,
        Action::Bottom => n as isize - 1,
        Action::Open | Action::Edit => return Some(edit_problem(s, selected)),
        _ => return None,
    };
    let selected = to.clamp(0, n.saturating_sub(1) as isize) as usize;
    // The selected problem's rows on screen, its first row if it is taller.
    let (start, end) =
        (starts.get(selected).copied().unwrap_or(0), starts.get(selected + 1).copied().unwrap_or(rows.len()));
    let mut scroll = overlay::scroll(s.overlay?);
    if end > scroll + view {
        scroll = end - view;
    }
    scroll = scroll.min(start).min(rows.len().saturating_sub(view));
    s.overlay = Some(Overlay::Problems { scroll, selected });
    Some(None)
}

fn edit_problem(s: &mut State, selected: usize) -> Option<Effect> {
    let p = s.library.problems.get(selected)?;
    if !p.path.is_file() {
        let shown = crate::load::sanitize::path(&p.path);
        s.status = Some(format!("{shown} is not a file that can be edited."));
        return None;
    }
    Some(Effect::EditLine { path: p.path.clone(), line: p.pos.map(|pos| pos.line) })
}

/// The selected quote or speaker, else the report itself, in the editor.
fn edit(s: &mut State) -> Option<Effect> {
    let r = s.current()?;
    if !r.origin.path.exists() {
        s.status = Some("This report is not in a file you can edit (built in, or read from standard input).".into());
        return None;
    }
    let node = match (s.focus, s.quote, s.speaker) {
        (Pane::Quotes, Some(q), _) => format!("quotes[{q}]"),
        (Pane::Speakers | Pane::Quotes, _, Some(sp)) => format!("speakers[{sp}]"),
        _ => String::new(),
    };
    Some(Effect::Edit { path: r.origin.path.clone(), document: r.origin.document, node })
}

fn open_problems(s: &mut State) {
    if s.library.problems.is_empty() {
        s.status = Some("No load problems: every file loaded.".into());
    } else {
        s.overlay = Some(Overlay::Problems { scroll: 0, selected: 0 });
    }
}

fn open(s: &mut State) {
    match s.focus {
        Pane::Library => s.focus = Pane::Session,
        Pane::Session => {}
        Pane::Speakers if s.speaker.is_some() => s.overlay = Some(Overlay::Speaker { scroll: 0 }),
        Pane::Speakers => step(s, Pane::Speakers, 1),
        Pane::Quotes if s.quote.is_some() => s.overlay = Some(Overlay::Quote { scroll: 0 }),
        Pane::Quotes => {}
    }
}

/// `y` / `Y`: the selected quote and its citation as plain text / as Markdown.
fn copy(s: &mut State, markdown: bool) -> Option<Effect> {
    let (Some(r), Some(q)) = (s.current(), s.quote) else {
        s.status = Some("No quote selected: nothing copied.".into());
        return None;
    };
    let quote = &r.quotes[q];
    let (copied, how) = if markdown {
        (crate::export::markdown::citation(r, quote), "as Markdown")
    } else {
        (crate::export::text::citation(r, quote), "as plain text")
    };
    // OSC 52 has no reply: say what was sent, not that it arrived.
    s.status = Some(s.clipboard.sent(&format!("the quote by {}", text::speaker_name(r, quote)), how));
    Some(Effect::Copy(copied))
}

/// Hits copied by `c` at most: terminals cap what OSC 52 may carry.
const MAX_COPIED_HITS: usize = 100;

/// `c`: the search's hits, else the selected speaker's quotes, else every
/// quote of the report, as Markdown citations.
fn copy_all(s: &mut State) -> Option<Effect> {
    if let (Some(last), Some(index)) = (s.last_search.as_ref().filter(|l| !l.stale), &s.index) {
        let hits = &last.results.hits[..last.results.hits.len().min(MAX_COPIED_HITS)];
        let query = crate::search::Query::parse(&last.query);
        let markdown = crate::export::markdown::hits(&s.library.reports, &index.items, hits, &query);
        let total = last.results.total.max(last.results.hits.len());
        let of = if hits.len() < total {
            format!("the first {} of {total} hits", hits.len())
        } else {
            format!("{} hit{}", hits.len(), if hits.len() == 1 { "" } else { "s" })
        };
        s.status = Some(s.clipboard.sent(&format!("{of} for “{}”", last.query), "as Markdown"));
        return Some(Effect::Copy(markdown));
    }
    let r = s.current()?;
    let whose = match s.speaker.and_then(|i| r.speakers.get(i)) {
        Some(sp) => sp.name.clone(),
        None => "this report".to_string(),
    };
    if s.visible.is_empty() {
        s.status = Some(format!("No quotes by {whose}: nothing copied."));
        return None;
    }
    let markdown = crate::export::markdown::quotes(r, &s.visible);
    let n = s.visible.len();
    let what = format!("{n} quote{} of {whose}", if n == 1 { "" } else { "s" });
    s.status = Some(s.clipboard.sent(&what, "as Markdown"));
    Some(Effect::Copy(markdown))
}

/// The jump keys (s/S, J/K, L/H) move in their pane from anywhere, and say so
/// when there is nowhere to go: unlike j/k, they are pressed to get somewhere.
fn jump_to_next(s: &mut State, pane: Pane, delta: isize) {
    let before = (s.report, s.speaker, s.quote);
    // One pane at a time: go where the change shows. Every tab shows which
    // report is open, and the Quotes tab which speaker's quotes.
    if s.areas().mode == Mode::Tabs {
        match (pane, s.focus) {
            (Pane::Speakers, Pane::Library | Pane::Session) => s.focus = Pane::Speakers,
            (Pane::Quotes, _) => s.focus = Pane::Quotes,
            _ => {}
        }
    }
    if pane == Pane::Speakers && s.speaker.is_none() && s.focus == Pane::Quotes {
        // Reading a quote: `s` / `S` start from its speaker (the cursor is there).
        let of_quote = s.current().and_then(|r| {
            let q = r.quotes.get(s.quote?)?;
            r.speakers.iter().position(|sp| sp.id == q.speaker)
        });
        if of_quote.is_some() {
            select_speaker(s, of_quote);
            return;
        }
    }
    step(s, pane, delta);
    let (what, count) = match pane {
        Pane::Library => ("report", s.library.reports.len()),
        Pane::Speakers => ("speaker", s.current().map_or(0, |r| r.speakers.len())),
        _ => ("quote", s.visible.len()),
    };
    if (s.report, s.speaker, s.quote) == before && count > 0 && s.status.is_none() {
        let end = if delta > 0 { "last" } else { "first" };
        s.status = Some(format!("Already at the {end} {what}."));
    }
}

/// Moves the selection (or the scroll, for the Session pane) of `pane` by
/// `delta`, clamped to its ends, and keeps it in view.
fn step(s: &mut State, pane: Pane, delta: isize) {
    let moved = |cur: usize, len: usize| cur.saturating_add_signed(delta).min(len.saturating_sub(1));
    match pane {
        Pane::Library => {
            let len = s.library.reports.len();
            let to = moved(s.report, len);
            if to != s.report {
                s.open_report(to);
            }
        }
        Pane::Session => {
            let max = s.session_rows.len().saturating_sub(s.areas().inner(Pane::Session).height as usize);
            s.offsets.session = s.offsets.session.saturating_add_signed(delta).min(max);
        }
        Pane::Speakers => {
            let len = s.current().map_or(0, |r| r.speakers.len());
            if len == 0 {
                s.status = Some("This report lists no speakers.".into());
                return;
            }
            // With no speaker selected the cursor sits just before the first
            // (moving down) or just after the last (moving up).
            let to = match s.speaker {
                None if delta > 0 => (delta as usize - 1).min(len - 1),
                None => len.saturating_sub(delta.unsigned_abs().max(1)),
                Some(cur) => moved(cur, len),
            };
            select_speaker(s, Some(to));
        }
        Pane::Quotes => {
            if s.visible.is_empty() {
                s.status = Some("No quotes here.".into());
                return;
            }
            let pos = s.quote_position().unwrap_or(0);
            let to = moved(pos, s.visible.len());
            s.quote = Some(s.visible[to]);
        }
    }
    keep_visible(s);
}

fn select_speaker(s: &mut State, speaker: Option<usize>) {
    if s.speaker == speaker {
        return;
    }
    s.speaker = speaker;
    s.refilter();
    keep_visible(s);
}

/// How far a page moves in `pane`: rows, or in a list the items a view shows.
fn page(s: &State, pane: Pane) -> usize {
    match pane {
        Pane::Quotes => s.quotes_view_height().max(1),
        Pane::Session => (s.areas().inner(pane).height as usize).max(1),
        Pane::Library | Pane::Speakers => s.list_page(pane),
    }
}

/// Pages and the wheel: the Quotes pane scrolls by rows, the others step.
fn page_by(s: &mut State, delta: isize) {
    match s.focus {
        Pane::Quotes => quote_scroll::page(s, delta),
        pane => step(s, pane, delta),
    }
}

/// Scrolls every pane so its selection is on screen. Walks only the quotes
/// between the old offset and the selection, never the whole report.
pub(crate) fn keep_visible(s: &mut State) {
    let areas = s.areas();
    s.keep_lists_visible();
    let session_max = s.session_rows.len().saturating_sub(areas.inner(Pane::Session).height as usize);
    s.offsets.session = s.offsets.session.min(session_max);

    quote_scroll::keep_visible(s);
}

fn click(s: &mut State, column: u16, row: u16) {
    let areas = s.areas();
    if areas.mode == Mode::Tabs && row == areas.tabs.y {
        if let Some(p) = layout::tab_at(column, s.width, s.focus) {
            s.focus = p;
        } else if layout::on_people_tab(column, s.width, s.focus) {
            people::update::open(s);
        }
        return;
    }
    let Some(pane) = areas.pane_at(column, row, s.focus) else { return };
    s.focus = pane;
    let inner = areas.inner(pane);
    if row < inner.y || row >= inner.bottom() {
        return;
    }
    let line = (row - inner.y) as usize;
    match pane {
        Pane::Library => {
            if let Some(i) = s.list_item_at(pane, line).filter(|&i| i != s.report) {
                s.open_report(i);
            }
        }
        Pane::Speakers => {
            if let Some(i) = s.list_item_at(pane, line) {
                select_speaker(s, Some(i));
            }
        }
        Pane::Quotes => {
            let Some(r) = s.current() else { return };
            let w = s.quote_wrap_width();
            let mut top = s.speaker_head_height();
            if line < top {
                return;
            }
            for (p, &q) in s.visible.iter().enumerate().skip(s.offsets.quotes) {
                top += text::quote_height(r, &r.quotes[q], w);
                if p == s.offsets.quotes {
                    top = top.saturating_sub(s.offsets.quote_row);
                }
                if line < top {
                    s.quote = Some(s.visible[p]);
                    break;
                }
            }
        }
        Pane::Session => {}
    }
    keep_visible(s);
}
