//! The People view's behaviour: keys while it is open, opening it (on a
//! person), jumping from it to a report and back.

use super::layout::{self, APPEARANCE_ROWS};
use super::view::{Order, Part, PeopleView};
use crate::app::action::{Action, Effect};
use crate::app::search;
use crate::app::state::{Pane, State};

/// `P` / `5`: People, where it was left.
pub fn open(s: &mut State) {
    let v = &mut s.people_view;
    v.open = true;
    v.typing = false;
    relist(s);
}

/// `i`: People on the selected speaker (or the selected quote's speaker in the
/// Quotes pane).
pub fn open_on_speaker(s: &mut State) {
    let speaker = s.speaker.or_else(|| {
        let r = s.current()?;
        let q = r.quotes.get(s.quote.filter(|_| s.focus == Pane::Quotes)?)?;
        r.speakers.iter().position(|sp| sp.id == q.speaker)
    });
    let Some(person) = speaker.and_then(|sp| s.people.person_of(s.report, sp)) else {
        s.status = Some(format!(
            "Select a speaker first ({} then {}), or press {} for everyone.",
            s.keys.first_key(Action::FocusPane(Pane::Speakers)),
            s.keys.first_key(Action::Down),
            s.keys.first_key(Action::People)
        ));
        return;
    };
    let key = s.people.persons[person].key.clone();
    let v = &mut s.people_view;
    v.open = true;
    v.typing = false;
    v.part = Part::List;
    if v.key.as_ref() != Some(&key) {
        v.key = Some(key.clone());
        (v.appearance, v.quote) = (0, 0);
    }
    relist(s);
    if s.people_view.person() != Some(person) {
        // The filter hides them: it gives way.
        s.people_view.filter.clear();
        s.people_view.key = Some(key);
        relist(s);
    }
}

/// One action while People is open (overlays are handled before).
pub fn update(s: &mut State, action: Action) -> Option<Effect> {
    if s.people_view.typing {
        prompt(s, action);
        return None;
    }
    match action {
        Action::Quit => return Some(Effect::Quit),
        Action::Reload => return Some(Effect::Reload),
        Action::Help => s.overlay = Some(crate::app::Overlay::Help { scroll: 0 }),
        Action::Back => s.people_view.open = false,
        Action::FocusPane(p) => {
            s.people_view.open = false;
            s.focus = p;
        }
        Action::Search => {
            s.people_view.typing = true;
            s.people_view.part = Part::List;
        }
        Action::ToggleOrder => {
            let v = &mut s.people_view;
            v.order = if v.order == Order::Sessions { Order::Name } else { Order::Sessions };
            relist(s);
        }
        Action::NextPane => cycle(s, 1),
        Action::PrevPane => cycle(s, 2),
        Action::Down => step(s, 1),
        Action::Up => step(s, -1),
        Action::Top => step(s, isize::MIN / 2),
        Action::Bottom => step(s, isize::MAX / 2),
        Action::HalfPageDown => step(s, (page(s) / 2).max(1) as isize),
        Action::HalfPageUp => step(s, -((page(s) / 2).max(1) as isize)),
        Action::PageDown => step(s, page(s) as isize),
        Action::PageUp => step(s, -(page(s) as isize)),
        Action::Wheel { down, .. } => step(s, if down { 3 } else { -3 }),
        Action::Open => open_selected(s),
        Action::JumpBack => back(s),
        Action::Problems => {
            if s.library.problems.is_empty() {
                s.status = Some("No load problems: every file loaded.".into());
            } else {
                s.overlay = Some(crate::app::Overlay::Problems { scroll: 0, selected: 0 });
            }
        }
        Action::Copy => return copy(s, false),
        Action::CopyMarkdown => return copy(s, true),
        Action::Click { column, row } => click(s, column, row),
        _ => {}
    }
    None
}

/// The mouse: a part focused, a row selected; in tab mode a tab chosen.
fn click(s: &mut State, column: u16, row: u16) {
    let a = layout::areas_for(&s.people_view, &s.people, s.width, s.height);
    let hit = |r: ratatui::layout::Rect| column >= r.x && column < r.right() && row >= r.y && row < r.bottom();
    if a.mode == crate::app::layout::Mode::Tabs && row == a.tabs.y {
        // The tabs as drawn: " 5 People ", " Appearances ", " Quotes ", a space after each.
        let mut x = 0;
        for part in Part::ALL {
            let w = part.title().len() + if part == Part::List { 4 } else { 2 };
            if (x..x + w).contains(&(column as usize)) {
                s.people_view.part = part;
            }
            x += w + 1;
        }
        return;
    }
    let Some(part) = Part::ALL
        .into_iter()
        .find(|&p| hit(a.part(p)) && (a.mode == crate::app::layout::Mode::Wide || p == s.people_view.part))
    else {
        return;
    };
    s.people_view.part = part;
    let inner = crate::app::layout::inner(a.part(part));
    if row < inner.y || row >= inner.bottom() {
        return;
    }
    let line = (row - inner.y) as usize;
    let v = &mut s.people_view;
    match part {
        Part::List if line > 0 => {
            let to = v.list_offset + line - 1;
            if to < v.visible.len() && to != v.selected {
                v.select(&s.people, &s.library.reports, to, false);
            }
        }
        Part::List => {}
        Part::Appearances => {
            let n = v.person().and_then(|p| s.people.persons.get(p)).map_or(0, |p| p.appearances.len());
            let to = v.appearance_offset + line / APPEARANCE_ROWS;
            if to < n {
                v.appearance = to;
            }
        }
        Part::Quotes => {
            let width = a.text_width(Part::Quotes);
            let mut top = 0;
            for (i, &item) in v.quotes.iter().enumerate().skip(v.quote_offset) {
                top += layout::quote_rows(&s.library.reports, item, width).len();
                if line < top {
                    v.quote = i;
                    break;
                }
            }
        }
    }
    keep_visible(s);
}

/// Ctrl-o: back to the place the last jump left from, People as it was when
/// the jump left from People.
pub fn back(s: &mut State) {
    let Some(place) = search::jump_back(s) else { return };
    match place.people {
        Some(view) => {
            s.people_view = *view;
            relist(s);
        }
        None => s.people_view.open = false,
    }
}

/// The filter prompt: keys of the search prompt's table; the list follows
/// each keystroke, best match first.
fn prompt(s: &mut State, action: Action) {
    let v = &mut s.people_view;
    match action {
        Action::Input(c) => v.filter.push(c),
        Action::DeleteChar => {
            v.filter.pop();
        }
        Action::DeleteWord => {
            let keep = v.filter.trim_end().rfind(' ').map_or(0, |i| i + 1);
            v.filter.truncate(keep);
        }
        Action::ClearInput => v.filter.clear(),
        Action::Open => {
            v.typing = false;
            return;
        }
        Action::Back => {
            v.typing = false;
            v.filter.clear();
            relist(s);
            return;
        }
        Action::Down => return step(s, 1),
        Action::Up => return step(s, -1),
        Action::PageDown | Action::HalfPageDown => return step(s, page(s) as isize),
        Action::PageUp | Action::HalfPageUp => return step(s, -(page(s) as isize)),
        _ => return,
    }
    // As in fzf: typing puts the best match on top, selected.
    s.people_view.key = None;
    relist(s);
}

/// The list built again from the table, filter and order in effect.
pub fn relist(s: &mut State) {
    s.people_view.relist(&s.people, &s.library.reports);
    keep_visible(s);
}

pub fn keep_visible(s: &mut State) {
    layout::keep_visible(&mut s.people_view, &s.people, &s.library.reports, s.width, s.height);
}

fn cycle(s: &mut State, by: usize) {
    let v = &mut s.people_view;
    v.part = Part::ALL[(v.part.index() + by) % Part::ALL.len()];
}

fn page(s: &State) -> usize {
    let a = layout::areas_for(&s.people_view, &s.people, s.width, s.height);
    let rows = a.view_rows(s.people_view.part).max(1);
    match s.people_view.part {
        Part::List => rows,
        Part::Appearances => (rows / APPEARANCE_ROWS).max(1),
        // Quotes take a few rows each.
        Part::Quotes => (rows / 4).max(1),
    }
}

fn step(s: &mut State, delta: isize) {
    let moved = |cur: usize, len: usize| cur.saturating_add_signed(delta).min(len.saturating_sub(1));
    let v = &mut s.people_view;
    match v.part {
        Part::List => {
            let to = moved(v.selected, v.visible.len());
            if to != v.selected {
                v.select(&s.people, &s.library.reports, to, false);
            }
        }
        Part::Appearances => {
            let n = v.person().and_then(|p| s.people.persons.get(p)).map_or(0, |p| p.appearances.len());
            v.appearance = moved(v.appearance, n);
        }
        Part::Quotes => v.quote = moved(v.quote, v.quotes.len()),
    }
    keep_visible(s);
}

/// Enter: on a person, their detail; on an appearance or a quote, its report.
fn open_selected(s: &mut State) {
    let v = &s.people_view;
    let Some(person) = v.person().and_then(|p| s.people.persons.get(p)) else { return };
    match v.part {
        Part::List => s.people_view.part = Part::Appearances,
        Part::Appearances => {
            let Some(a) = person.appearances.get(v.appearance).copied() else { return };
            jump(s, a.report as usize, a.speaker as usize, None);
        }
        Part::Quotes => {
            let Some(&(r, q)) = v.quotes.get(v.quote) else { return };
            let Some(report) = s.library.reports.get(r) else { return };
            let Some(speaker) =
                report.quotes.get(q).and_then(|q| report.speakers.iter().position(|sp| sp.id == q.speaker))
            else {
                return;
            };
            jump(s, r, speaker, Some(q));
        }
    }
}

/// To a report with the speaker (and the quote) selected; Ctrl-o comes back.
fn jump(s: &mut State, report: usize, speaker: usize, quote: Option<usize>) {
    let mut place = s.here();
    place.people = Some(Box::new(s.people_view.snapshot()));
    search::remember_jump(s, place);
    s.people_view.open = false;
    s.open_report(report);
    s.speaker = Some(speaker);
    s.refilter();
    match quote {
        Some(q) => {
            s.quote = Some(q);
            s.focus = Pane::Quotes;
        }
        None => s.focus = Pane::Speakers,
    }
    crate::app::update::keep_visible(s);
    if quote.is_some() {
        crate::app::quote_scroll::to_top(s);
    }
}

/// `y` / `Y` on a quote of the detail: it and its citation, as plain text / as Markdown.
fn copy(s: &mut State, markdown: bool) -> Option<Effect> {
    let v = &s.people_view;
    let item = (v.part == Part::Quotes).then(|| v.quotes.get(v.quote)).flatten();
    let found = item.and_then(|&(ri, qi)| {
        let r = s.library.reports.get(ri)?;
        Some((r, r.quotes.get(qi)?))
    });
    let Some((r, q)) = found else {
        s.status = Some("No quote selected: nothing copied (Tab to the quotes first).".into());
        return None;
    };
    let (copied, how) = if markdown {
        (crate::export::markdown::citation(r, q), "as Markdown")
    } else {
        (crate::export::text::citation(r, q), "as plain text")
    };
    s.status = Some(s.clipboard.sent(&format!("the quote by {}", crate::app::text::speaker_name(r, q)), how));
    Some(Effect::Copy(copied))
}

/// The view as it is, for tests and the renderer's title.
pub fn title(v: &PeopleView, total: usize) -> String {
    let shown = if v.filter.is_empty() { total.to_string() } else { format!("{} of {total}", v.visible.len()) };
    let filter = if v.filter.is_empty() { String::new() } else { format!(" · filter: {}", v.filter) };
    format!("People — {shown} · {}{filter}", v.order.label())
}
