//! The People view's state machine, driven by actions alone: opening it,
//! filtering, ordering, selecting, jumping to a report and coming back.

mod common;

use podium::app::people::{Order, Part};
use podium::app::{Action, Effect, Pane, State, update};
use std::sync::Arc;

fn run(s: &mut State, actions: &[Action]) -> Vec<Effect> {
    actions.iter().filter_map(|a| update(s, *a)).collect()
}

fn state() -> State {
    State::new(common::recurring_library(), 120, 40)
}

fn typed(s: &mut State, text: &str) {
    for c in text.chars() {
        update(s, Action::Input(c));
    }
}

/// The selected person's name.
fn selected(s: &State) -> String {
    let p = s.people_view.person().expect("someone is selected");
    s.people.persons[p].name.clone()
}

fn listed(s: &State) -> Vec<String> {
    s.people_view.visible.iter().map(|&p| s.people.persons[p].name.clone()).collect()
}

#[test]
fn people_opens_by_sessions_and_keeps_its_place() {
    let mut s = state();
    assert!(!s.people_view.open);
    run(&mut s, &[Action::People]);
    assert!(s.people_view.open);
    // Ties (two sessions each) by name.
    assert_eq!(listed(&s), ["Dr. Vinton Cerf", "João Pessoa", "Mariam Barata", "Anna Cerf"]);
    assert_eq!(s.people.persons[s.people_view.visible[0]].sessions, 3);
    run(&mut s, &[Action::Down]);
    assert_eq!(selected(&s), "João Pessoa");
    // Esc: back to the panes, as they were; People again: where it was left.
    run(&mut s, &[Action::Back]);
    assert!(!s.people_view.open);
    assert_eq!((s.report, s.focus), (0, Pane::Library));
    run(&mut s, &[Action::People]);
    assert_eq!(selected(&s), "João Pessoa");
    // q quits from People, as from everywhere.
    assert_eq!(run(&mut s, &[Action::Quit]), [Effect::Quit]);
}

#[test]
fn the_filter_narrows_as_you_type_enter_keeps_it_esc_clears_it() {
    let mut s = state();
    run(&mut s, &[Action::People, Action::Search]);
    assert!(s.typing(), "keys go to the filter prompt");
    typed(&mut s, "cerf");
    assert_eq!(listed(&s), ["Dr. Vinton Cerf", "Anna Cerf"]);
    // Moving keys of the prompt table move in the list while typing.
    run(&mut s, &[Action::Down]);
    assert_eq!(selected(&s), "Anna Cerf");
    run(&mut s, &[Action::Open]);
    assert!(!s.typing());
    assert_eq!(listed(&s).len(), 2, "Enter keeps the filter");
    assert_eq!(selected(&s), "Anna Cerf");
    assert_eq!(
        podium::app::people::update::title(&s.people_view, s.people.len()),
        "People — 2 of 4 · by sessions · filter: cerf"
    );

    // Accents are folded, as search folds them.
    run(&mut s, &[Action::Search, Action::ClearInput]);
    typed(&mut s, "joao");
    assert_eq!(listed(&s), ["João Pessoa"]);
    run(&mut s, &[Action::Back]);
    assert!(!s.typing() && s.people_view.open, "Esc closes the prompt only");
    assert_eq!(s.people_view.filter, "", "and clears the filter");
    assert_eq!(listed(&s).len(), 4);
    assert_eq!(selected(&s), "João Pessoa", "the person stays selected");

    // Nobody matches: an empty list, and nothing breaks.
    run(&mut s, &[Action::Search]);
    typed(&mut s, "zzzz");
    assert!(s.people_view.visible.is_empty());
    run(&mut s, &[Action::Down, Action::Open, Action::Open, Action::Down, Action::Open]);
    assert!(s.people_view.open);
}

#[test]
fn o_orders_by_name_and_back_keeping_the_person() {
    let mut s = state();
    run(&mut s, &[Action::People, Action::Down, Action::Down]);
    assert_eq!(selected(&s), "Mariam Barata");
    run(&mut s, &[Action::ToggleOrder]);
    assert_eq!(s.people_view.order, Order::Name);
    // By the identity key: honorifics do not count.
    assert_eq!(listed(&s), ["Anna Cerf", "João Pessoa", "Mariam Barata", "Dr. Vinton Cerf"]);
    assert_eq!(selected(&s), "Mariam Barata");
    run(&mut s, &[Action::ToggleOrder]);
    assert_eq!(s.people_view.order, Order::Sessions);
    assert_eq!(selected(&s), "Mariam Barata");
    // Outside People, o says what it is for.
    run(&mut s, &[Action::Back, Action::ToggleOrder]);
    assert!(s.status.as_deref().is_some_and(|m| m.contains("People")));
}

#[test]
fn enter_on_a_quote_jumps_there_with_speaker_and_quote_selected_and_ctrl_o_comes_back() {
    let mut s = state();
    run(&mut s, &[Action::People]);
    assert_eq!(selected(&s), "Dr. Vinton Cerf");
    // Enter on a person: their detail. Then Tab to the quotes, the second one.
    run(&mut s, &[Action::Open]);
    assert_eq!(s.people_view.part, Part::Appearances);
    run(&mut s, &[Action::NextPane, Action::Down]);
    assert_eq!(s.people_view.part, Part::Quotes);
    let (r, q) = s.people_view.quotes[1];
    assert_eq!(s.library.reports[r].quotes[q].text, "We must keep one internet for one world.");
    run(&mut s, &[Action::Open]);
    assert!(!s.people_view.open);
    let report = s.current().unwrap();
    assert_eq!(report.id, "igf2019-fragmentation");
    assert_eq!(report.speakers[s.speaker.unwrap()].name, "Dr. Vinton Cerf");
    assert_eq!(report.quotes[s.quote.unwrap()].text, "We must keep one internet for one world.");
    assert_eq!(s.focus, Pane::Quotes);

    // Ctrl-o: People as it was, on the same quote.
    run(&mut s, &[Action::JumpBack]);
    assert!(s.people_view.open);
    assert_eq!(selected(&s), "Dr. Vinton Cerf");
    assert_eq!((s.people_view.part, s.people_view.quote), (Part::Quotes, 1));
    // And the panes under it are where they were before the jump.
    run(&mut s, &[Action::Back]);
    assert_eq!(s.current().unwrap().id, "igf2015-openness");
}

#[test]
fn enter_on_an_appearance_selects_the_speaker_there() {
    let mut s = state();
    run(&mut s, &[Action::People, Action::Open, Action::Down]);
    run(&mut s, &[Action::Open]);
    let report = s.current().unwrap();
    assert_eq!(report.id, "igf2017-trust", "the second appearance, newest first");
    assert_eq!(report.speakers[s.speaker.unwrap()].name, "VINTON CERF");
    assert_eq!(s.focus, Pane::Speakers);
    assert!(s.visible.iter().all(|&q| report.quotes[q].speaker == "vc"), "their quotes only");
}

#[test]
fn i_opens_the_selected_speaker_in_people() {
    let mut s = state();
    // Without a speaker selected, it says how to select one.
    run(&mut s, &[Action::SpeakerInPeople]);
    assert!(!s.people_view.open);
    assert!(s.status.is_some());
    // Anna Cerf, the second speaker of the first report.
    run(&mut s, &[Action::FocusPane(Pane::Speakers), Action::Down, Action::Down]);
    // A filter that hides her gives way.
    run(&mut s, &[Action::People, Action::Search]);
    typed(&mut s, "pessoa");
    run(&mut s, &[Action::Open, Action::Back, Action::SpeakerInPeople]);
    assert!(s.people_view.open);
    assert_eq!(selected(&s), "Anna Cerf");
    assert_eq!(s.people_view.filter, "");
    // From the Quotes pane, the selected quote's speaker.
    run(&mut s, &[Action::Back, Action::AllQuotes, Action::FocusPane(Pane::Quotes), Action::Top]);
    run(&mut s, &[Action::SpeakerInPeople]);
    assert_eq!(selected(&s), "Dr. Vinton Cerf");
}

#[test]
fn people_keeps_its_person_across_a_reload() {
    let mut s = state();
    run(&mut s, &[Action::People, Action::Down]);
    assert_eq!(selected(&s), "João Pessoa");
    run(&mut s, &[Action::NextPane, Action::Down]);
    // The library read again, reordered, with a report more for João.
    let mut files = common::recurring();
    files.reverse();
    files.push((
        "igf2021-more",
        "title: More\nid: igf2021-more\ndate: \"2021-12-06\"\nspeakers:\n  - {id: j, name: Joao PESSOA}\nquotes:\n  - {speaker: j, text: Again.}\n"
            .to_string(),
    ));
    let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    s.replace_library(Arc::new(common::library(&refs)));
    assert!(s.people_view.open);
    assert_eq!(selected(&s), "Joao PESSOA", "named as the newest report writes it");
    let p = &s.people.persons[s.people_view.person().unwrap()];
    assert_eq!(p.sessions, 3);
    assert_eq!(s.people_view.part, Part::Appearances);
    assert_eq!(s.people_view.appearance, 1, "the detail keeps its row");
    // A Ctrl-o place whose People person vanished opens People on someone else, without panicking.
    s.replace_library(Arc::new(podium::load::Library::default()));
    assert!(s.people_view.visible.is_empty());
    run(&mut s, &[Action::Down, Action::Open, Action::NextPane, Action::Open, Action::JumpBack]);
}

#[test]
fn the_speakers_pane_knows_each_persons_sessions() {
    let s = state();
    let p = s.people.person_of(0, 0).unwrap();
    assert_eq!(s.people.persons[p].sessions, 3);
}

#[test]
fn aliases_from_the_configuration_merge_people() {
    let mut s = state();
    s.set_aliases(Arc::new(podium::people::Aliases::new([("Anna Cerf", "Vinton Cerf")])));
    run(&mut s, &[Action::People]);
    assert_eq!(listed(&s).len(), 3);
    let p = &s.people.persons[s.people_view.visible[0]];
    assert_eq!(p.appearances.len(), 4);
}

#[test]
fn every_action_in_people_keeps_the_state_consistent() {
    use Action::*;
    let all = [
        Down,
        Up,
        Top,
        Bottom,
        PageDown,
        PageUp,
        HalfPageDown,
        HalfPageUp,
        NextPane,
        PrevPane,
        Open,
        ToggleOrder,
        Copy,
        Wheel { column: 1, row: 1, down: true },
        Click { column: 3, row: 3 },
        Zoom,
        NextSpeaker,
        NextHit,
    ];
    for (w, h) in [(120, 40), (80, 24), (40, 10)] {
        let mut s = State::new(common::recurring_library(), w, h);
        for first in all {
            for second in all {
                run(&mut s, &[People, first, second]);
                let v = &s.people_view;
                assert!(v.visible.is_empty() || v.selected < v.visible.len());
                assert!(v.list_offset <= v.selected.max(v.list_offset));
                assert!(v.quotes.is_empty() || v.quote < v.quotes.len());
                if s.people_view.open {
                    run(&mut s, &[Back]);
                }
            }
        }
    }
}

#[test]
fn the_mouse_selects_people_and_parts() {
    let mut s = state();
    run(&mut s, &[Action::People]);
    // Row 0 is the border, row 1 the column heads: row 4 is the third person.
    run(&mut s, &[Action::Click { column: 5, row: 4 }]);
    assert_eq!(selected(&s), "Mariam Barata");
    // On the right, below the appearances: her quotes.
    run(&mut s, &[Action::Click { column: 100, row: 38 }]);
    assert_eq!(s.people_view.part, Part::Quotes);
    let mut s = State::new(common::recurring_library(), 80, 24);
    run(&mut s, &[Action::People, Action::Click { column: 28, row: 0 }]);
    assert_eq!(s.people_view.part, Part::Quotes, "the Quotes tab");
    run(&mut s, &[Action::Click { column: 14, row: 0 }]);
    assert_eq!(s.people_view.part, Part::Appearances);
}

#[test]
fn y_in_people_copies_plain_text_and_capital_y_markdown() {
    let mut s = state();
    run(&mut s, &[Action::People, Action::Open, Action::NextPane, Action::Down]);
    let plain = run(&mut s, &[Action::Copy]);
    let [Effect::Copy(plain)] = plain.as_slice() else { panic!("{plain:?}") };
    assert!(plain.starts_with("“We must keep one internet for one world.” — Dr. Vinton Cerf"), "{plain}");
    assert!(!plain.contains('*'), "plain text: {plain}");
    assert!(s.status.as_deref().is_some_and(|m| m.contains("plain text")), "{:?}", s.status);
    let md = run(&mut s, &[Action::CopyMarkdown]);
    let [Effect::Copy(md)] = md.as_slice() else { panic!("{md:?}") };
    assert!(md.contains("> We must keep one internet for one world."), "{md}");
    assert!(s.status.as_deref().is_some_and(|m| m.contains("Markdown")), "{:?}", s.status);
}
