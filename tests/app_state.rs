//! The reader's state machine, driven by actions alone: no terminal.

mod common;

use podium::app::{Action, Effect, Overlay, Pane, State, update};
use podium::load::Library;

fn run(s: &mut State, actions: &[Action]) -> Vec<Effect> {
    actions.iter().filter_map(|a| update(s, *a)).collect()
}

/// Every selection and offset is in range for the current report.
fn assert_consistent(s: &State) {
    let reports = s.library.reports.len();
    assert!(reports == 0 || s.report < reports);
    let Some(r) = s.current() else {
        assert!(s.quote.is_none() && s.speaker.is_none());
        return;
    };
    if let Some(sp) = s.speaker {
        assert!(sp < r.speakers.len());
        assert!(s.visible.iter().all(|&q| r.quotes[q].speaker == r.speakers[sp].id));
    }
    match s.quote {
        Some(q) => assert!(s.visible.contains(&q), "selected quote is shown"),
        None => assert!(s.visible.is_empty()),
    }
    assert!(s.offsets.quotes <= s.visible.len());
    let w = s.quote_wrap_width();
    let top = s.visible.get(s.offsets.quotes).map_or(0, |&q| podium::app::text::quote_height(r, &r.quotes[q], w));
    assert!(s.offsets.quote_row == 0 || s.offsets.quote_row < top, "the top quote keeps a row in view");
}

#[test]
fn empty_library_ignores_every_action() {
    let mut s = State::new(Library::default(), 120, 40);
    let all = [
        Action::Down,
        Action::Up,
        Action::Top,
        Action::Bottom,
        Action::PageDown,
        Action::PageUp,
        Action::HalfPageDown,
        Action::NextPane,
        Action::Open,
        Action::Back,
        Action::NextSpeaker,
        Action::PrevSpeaker,
        Action::NextQuote,
        Action::PrevQuote,
        Action::NextReport,
        Action::PrevReport,
        Action::AllQuotes,
        Action::Copy,
        Action::Click { column: 5, row: 5 },
        Action::Wheel { column: 60, row: 30, down: true },
    ];
    for pane in Pane::ALL {
        s.focus = pane;
        assert_eq!(run(&mut s, &all), vec![]);
        assert_consistent(&s);
    }
    update(&mut s, Action::Copy);
    assert_eq!(s.status.as_deref(), Some("No quote selected: nothing copied."));
}

#[test]
fn selecting_a_speaker_shows_only_their_quotes_and_a_shows_all_again() {
    let mut s = State::new(common::seed(), 120, 40);
    assert_eq!(s.visible.len(), 3);
    run(&mut s, &[Action::NextSpeaker; 4]);
    let r = s.current().unwrap();
    assert_eq!(r.speakers[s.speaker.unwrap()].name, "John Carr");
    assert_eq!(s.visible, vec![2]);
    assert_eq!(s.quote, Some(2));
    assert!(s.speaker_rows[0].plain().starts_with("John Carr · 1 quote"));
    // Showing all quotes again keeps the place: John Carr's quote stays selected.
    update(&mut s, Action::AllQuotes);
    assert_eq!((s.speaker, s.visible.len(), s.quote), (None, 3, Some(2)));
    assert_consistent(&s);
}

#[test]
fn a_speaker_without_quotes_leaves_an_empty_quotes_pane() {
    let mut s = State::new(common::seed(), 120, 40);
    run(&mut s, &[Action::NextSpeaker, Action::NextSpeaker]);
    assert_eq!(s.current().unwrap().speakers[1].name, "Mariam Barata");
    assert_eq!((s.visible.len(), s.quote), (0, None));
    assert_eq!(run(&mut s, &[Action::NextQuote, Action::Copy, Action::Open]), vec![]);
    assert_consistent(&s);
    // Esc clears the speaker selection; a second Esc does nothing (it never quits).
    update(&mut s, Action::Back);
    assert_eq!(s.speaker, None);
    assert_eq!(update(&mut s, Action::Back), None);
}

#[test]
fn report_with_no_speakers_or_quotes() {
    let lib = common::library(&[("bare", "title: Bare\ndate: 2020-01-01\n")]);
    let mut s = State::new(lib, 80, 24);
    for pane in Pane::ALL {
        s.focus = pane;
        run(&mut s, &[Action::Down, Action::Bottom, Action::Open, Action::PageDown]);
        assert_consistent(&s);
    }
    update(&mut s, Action::NextSpeaker);
    assert_eq!(s.status.as_deref(), Some("This report lists no speakers."));
}

#[test]
fn copy_gives_a_citation() {
    let mut s = State::new(common::seed(), 120, 40);
    run(&mut s, &[Action::NextQuote, Action::NextQuote]);
    let effects = run(&mut s, &[Action::Copy]);
    assert_eq!(
        effects,
        vec![Effect::Copy(
            "“the role of us as civil society is not simply to help with the propagation of that information and help ensure that the teachers, schools, parents and so on, are up to speed on these sorts of developments but to make sure that we’re getting the maximum possible impact from them.” — John Carr, Senior Expert Advisor, ECPAT International, Child online protection through multistakeholder engagement, 2015-11-10".into()
        )]
    );
    assert_eq!(s.status.as_deref(), Some("Sent as plain text to the clipboard (OSC 52): the quote by John Carr."));
}

#[test]
fn moving_between_reports_resets_the_speaker_and_keeps_the_library_in_view() {
    let files: Vec<(String, String)> =
        (0..50).map(|i| (format!("r{i:02}"), format!("title: Report {i}\ndate: 2020-01-01\n"))).collect();
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let mut s = State::new(common::library(&refs), 120, 40);
    let rows = s.areas().inner(Pane::Library).height as usize;
    run(&mut s, &[Action::Bottom]);
    assert_eq!(s.report, 49);
    assert_eq!(s.offsets.library, 50 - rows);
    run(&mut s, &[Action::Top, Action::NextReport, Action::NextReport]);
    assert_eq!((s.report, s.offsets.library), (2, 0));
    s.focus = Pane::Quotes;
    run(&mut s, &[Action::PrevReport; 5]);
    assert_eq!(s.report, 0);
    assert_eq!(s.status.as_deref(), Some("Already at the first report."));
}

#[test]
fn ten_thousand_quotes_scroll_with_the_selection_always_visible() {
    let text = common::many_quotes(10_000);
    let mut s = State::new(common::library(&[("big", &text)]), 120, 40);
    s.focus = Pane::Quotes;
    assert_eq!(s.visible.len(), 10_000);
    let visible_after = |s: &State| {
        let pos = s.quote_position().unwrap();
        assert!(pos >= s.offsets.quotes, "selection below the offset");
        let r = s.current().unwrap();
        let w = s.quote_wrap_width();
        let used: usize = s.visible[s.offsets.quotes..=pos]
            .iter()
            .map(|&q| podium::app::text::quote_height(r, &r.quotes[q], w))
            .sum::<usize>()
            - s.offsets.quote_row;
        assert!(used <= s.quotes_view_height() || pos == s.offsets.quotes, "selection fits on screen");
        pos
    };
    update(&mut s, Action::Bottom);
    assert_eq!(visible_after(&s), 9_999);
    update(&mut s, Action::PageUp);
    let after_page = visible_after(&s);
    assert!(after_page < 9_999 && after_page > 9_980, "{after_page}");
    update(&mut s, Action::HalfPageUp);
    assert!(visible_after(&s) < after_page);
    update(&mut s, Action::Top);
    assert_eq!((visible_after(&s), s.offsets.quotes), (0, 0));
    for _ in 0..500 {
        update(&mut s, Action::Down);
        visible_after(&s);
    }
    assert_eq!(s.quote_position(), Some(500));
    // Cy's only quote, in the middle of the report.
    run(&mut s, &[Action::NextSpeaker, Action::NextSpeaker, Action::NextSpeaker]);
    assert_eq!(s.visible, vec![5_000]);
    assert_eq!(s.offsets.quotes, 0);
    assert_consistent(&s);
}

#[test]
fn resizing_keeps_the_selection_in_view() {
    let text = common::many_quotes(300);
    let mut s = State::new(common::library(&[("big", &text)]), 120, 40);
    s.focus = Pane::Quotes;
    run(&mut s, &[Action::Bottom, Action::Resize { width: 80, height: 24 }]);
    assert!(s.offsets.quotes <= 299 && s.quote_position() == Some(299));
    for (w, h) in [(1, 1), (0, 0), (39, 9), (100, 10), (300, 100)] {
        run(&mut s, &[Action::Resize { width: w, height: h }, Action::PageUp, Action::Down]);
        assert_consistent(&s);
    }
}

#[test]
fn overlays_stack_scroll_and_close() {
    let mut s = State::new(common::with_problems(), 120, 24);
    update(&mut s, Action::Help);
    assert_eq!(s.overlay, Some(Overlay::Help { scroll: 0 }));
    run(&mut s, &[Action::Bottom]);
    let Some(Overlay::Help { scroll }) = s.overlay else { panic!() };
    assert!(scroll > 0, "help is longer than the popup at 24 rows");
    // Keys meant for the panes do nothing under an overlay.
    run(&mut s, &[Action::NextSpeaker, Action::NextReport]);
    assert_eq!(s.speaker, None);
    assert_eq!(update(&mut s, Action::Quit), None, "q closes the overlay first");
    assert_eq!(s.overlay, None);
    update(&mut s, Action::Problems);
    assert_eq!(s.overlay, Some(Overlay::Problems { scroll: 0, selected: 0 }));
    update(&mut s, Action::Back);
    assert_eq!(s.overlay, None);
    assert_eq!(update(&mut s, Action::Quit), Some(Effect::Quit));
    assert_eq!(update(&mut s, Action::ForceQuit), Some(Effect::Interrupted));
}

#[test]
fn enter_opens_what_is_selected() {
    let mut s = State::new(common::seed(), 120, 40);
    update(&mut s, Action::Open);
    assert_eq!(s.focus, Pane::Session, "Enter on a report reads it");
    update(&mut s, Action::FocusPane(Pane::Speakers));
    update(&mut s, Action::Open);
    assert_eq!(s.speaker, Some(0), "Enter with no speaker selects the first");
    update(&mut s, Action::Open);
    assert_eq!(s.overlay, Some(Overlay::Speaker { scroll: 0 }));
    update(&mut s, Action::Back);
    update(&mut s, Action::FocusPane(Pane::Quotes));
    update(&mut s, Action::Open);
    assert_eq!(s.overlay, Some(Overlay::Quote { scroll: 0 }));
    assert!(matches!(update(&mut s, Action::Copy), Some(Effect::Copy(_))), "y copies from the quote overlay");
}

#[test]
fn problems_key_without_problems_says_so() {
    let mut s = State::new(common::seed(), 120, 40);
    update(&mut s, Action::Problems);
    assert_eq!(s.overlay, None);
    assert_eq!(s.status.as_deref(), Some("No load problems: every file loaded."));
}

#[test]
fn mouse_clicks_focus_and_select() {
    let mut s = State::new(common::seed(), 120, 40);
    let speakers = s.areas().inner(Pane::Speakers);
    // Speakers may take more than a row each: the fourth starts lower down.
    let fourth = s.speakers_starts[3] as u16;
    update(&mut s, Action::Click { column: speakers.x + 3, row: speakers.y + fourth });
    assert_eq!((s.focus, s.speaker), (Pane::Speakers, Some(3)));
    update(&mut s, Action::AllQuotes);
    let quotes = s.areas().inner(Pane::Quotes);
    // The first quote takes five rows (text ×2, speaker, context ×2) and a blank.
    update(&mut s, Action::Click { column: quotes.x + 5, row: quotes.y + 7 });
    assert_eq!((s.focus, s.quote), (Pane::Quotes, Some(1)));
}

#[test]
fn top_and_bottom_from_no_speaker_go_where_they_say() {
    let mut s = State::new(common::seed(), 120, 40);
    s.focus = Pane::Speakers;
    update(&mut s, Action::Bottom);
    assert_eq!(s.speaker, Some(3));
    update(&mut s, Action::Back);
    update(&mut s, Action::Top);
    assert_eq!(s.speaker, Some(0));
    update(&mut s, Action::Back);
    update(&mut s, Action::Up);
    assert_eq!(s.speaker, Some(3), "up from nothing: the last");
    update(&mut s, Action::Back);
    update(&mut s, Action::Down);
    assert_eq!(s.speaker, Some(0), "down from nothing: the first");
}

#[test]
fn too_small_a_terminal_only_quits() {
    let mut s = State::new(common::seed(), 39, 9);
    assert_eq!(run(&mut s, &[Action::Help, Action::NextSpeaker, Action::Down, Action::Open]), vec![]);
    assert_eq!((s.overlay, s.speaker), (None, None), "nothing changed unseen");
    assert_eq!(update(&mut s, Action::Quit), Some(Effect::Quit));
}

#[test]
fn clicking_a_tab_focuses_its_pane() {
    let mut s = State::new(common::seed(), 80, 24);
    update(&mut s, Action::Click { column: 27, row: 0 });
    assert_eq!(s.focus, Pane::Speakers);
}

#[test]
fn next_and_previous_quote_say_when_at_the_end() {
    let mut s = State::new(common::seed(), 120, 40);
    run(&mut s, &[Action::NextQuote, Action::NextQuote, Action::NextQuote]);
    assert_eq!(s.quote, Some(2));
    assert_eq!(s.status.as_deref(), Some("Already at the last quote."));
}

#[test]
fn a_new_library_keeps_the_readers_place_by_id() {
    use podium::model::Report;
    use std::sync::Arc;
    let two = |first_title: &str| {
        let a = format!("id: a\ntitle: {first_title}\ndate: 2020-01-01\n");
        let b = "id: b\ntitle: B\ndate: 2020-01-02\nspeakers:\n  - {id: x, name: X}\n  - {id: y, name: Y}\nquotes:\n  - {speaker: x, text: one}\n  - {speaker: y, text: two}\n  - {speaker: y, text: three}\n";
        common::library(&[("a", &a), ("b", b)])
    };
    let mut s = State::new(two("A"), 120, 40);
    run(
        &mut s,
        &[
            Action::NextReport,
            Action::FocusPane(Pane::Speakers),
            Action::NextSpeaker,
            Action::NextSpeaker,
            Action::NextQuote,
        ],
    );
    let place = |s: &State| {
        let r: &Report = s.current().unwrap();
        (r.id.clone(), r.speakers[s.speaker.unwrap()].id.clone(), r.quotes[s.quote.unwrap()].text.clone(), s.focus)
    };
    assert_eq!(place(&s), ("b".into(), "y".into(), "three".into(), Pane::Speakers));
    // A report is added before the current one and the first is retitled:
    // positions change, the place does not.
    let mut lib = two("A again");
    let extra = common::library(&[("c", "id: c\ntitle: C\ndate: 2019-12-31\n")]);
    lib.reports.insert(0, extra.reports[0].clone());
    s.replace_library(Arc::new(lib));
    assert_eq!(s.report, 2);
    assert_eq!(place(&s), ("b".into(), "y".into(), "three".into(), Pane::Speakers));
    assert!(s.index.is_none(), "the old index is dropped");
    // The current report disappears: the reader stays at the same position.
    let only_a = common::library(&[("a", "id: a\ntitle: A\ndate: 2020-01-01\n")]);
    s.replace_library(Arc::new(only_a));
    assert_eq!(s.current().unwrap().id, "a");
}

#[test]
fn edit_points_the_editor_at_the_selection() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("seed.yaml");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/content/igf2015-child-online-protection.yaml"), &path).unwrap();
    let lib = podium::load::load(&[podium::load::Input::Path(path.clone())], &Default::default());
    let mut s = State::new(lib, 120, 40);
    run(&mut s, &[Action::FocusPane(Pane::Quotes), Action::NextQuote, Action::NextQuote]);
    let Some(Effect::Edit { path: p, document, node }) = update(&mut s, Action::Edit) else { panic!("an edit effect") };
    assert_eq!((p.as_path(), document, node.as_str()), (path.as_path(), 0, "quotes[2]"));
    let line = podium::load::line_of(&path, document, &node).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.lines().nth(line - 1).unwrap().trim(), "- speaker: john-carr");
    // The built-in report has no file to edit.
    let mut s = State::new(podium::load::load(&[podium::load::BUILT_IN], &Default::default()), 120, 40);
    assert_eq!(update(&mut s, Action::Edit), None);
    assert!(s.status.as_deref().unwrap().contains("not in a file you can edit"));
}

#[test]
fn search_works_over_the_reports_loaded_so_far() {
    use podium::search::{Index, Options, Query, Searcher};
    use std::sync::Arc;
    let mut s = State::new(Library::default(), 120, 40);
    s.loading = Some((0, 10));
    // The first reports arrive while the rest loads.
    s.replace_library(Arc::new(common::seed()));
    assert_eq!(s.current().unwrap().id, "igf2015-child-online-protection");
    assert!(update(&mut s, Action::Search).is_none());
    assert!(s.search.is_some(), "the prompt opens while loading");
    // With no index yet, typing still asks the worker (which builds one).
    let Some(Effect::Search { generation, query }) = update(&mut s, Action::Input('e')) else {
        panic!("a search effect")
    };
    let index = Arc::new(Index::build(&s.library.reports));
    let mut searcher = Searcher::new(Arc::clone(&index));
    let results = Arc::new(searcher.search(&s.library.reports, &Query::parse(&query), &Options::default()));
    // An answer for an older library is dropped: its hits point elsewhere.
    let old = s.library_generation - 1;
    podium::app::search::on_index(&mut s, Arc::clone(&index));
    podium::app::search::on_results(&mut s, old, generation, query.clone(), Arc::clone(&results));
    assert!(s.search.as_ref().unwrap().results.is_none());
    let library = s.library_generation;
    podium::app::search::on_results(&mut s, library, generation, query, results);
    assert!(s.search.as_ref().unwrap().results.as_ref().is_some_and(|r| !r.hits.is_empty()));
    // More reports arrive: the results belong to the old library and go;
    // the open prompt's query is asked again.
    s.replace_library(Arc::new(common::seed()));
    assert!(s.search.as_ref().unwrap().results.is_none() && s.index.is_none());
    assert!(matches!(podium::app::search::requery(&mut s), Some(Effect::Search { query, .. }) if query == "e"));
}

#[test]
fn capital_y_copies_quotes_or_hits_as_markdown() {
    use podium::search::{Index, Options, Query, Searcher};
    use std::sync::Arc;
    let mut s = State::new(common::seed(), 120, 40);
    // No speaker: every quote of the report.
    let Some(Effect::Copy(all)) = update(&mut s, Action::CopyAll) else { panic!("a copy") };
    assert_eq!(all.matches("\n> — ").count(), 3, "{all}");
    assert!(s.status.as_deref().unwrap().contains("3 quotes of this report"));
    // John Carr, the fourth speaker: his quote alone.
    run(&mut s, &[Action::NextSpeaker, Action::NextSpeaker, Action::NextSpeaker, Action::NextSpeaker]);
    let Some(Effect::Copy(his)) = update(&mut s, Action::CopyAll) else { panic!("a copy") };
    assert!(his.starts_with("> "), "{his}");
    assert_eq!(his.matches("— John Carr").count(), 1, "{his}");
    assert!(s.status.as_deref().unwrap().contains("of John Carr"));
    // A speaker without quotes: nothing.
    run(&mut s, &[Action::PrevSpeaker, Action::PrevSpeaker]);
    assert_eq!(update(&mut s, Action::CopyAll), None);
    assert!(s.status.as_deref().unwrap().starts_with("No quotes by Mariam Barata"));
    // After a search, its hits.
    let index = Arc::new(Index::build(&s.library.reports));
    podium::app::search::on_index(&mut s, Arc::clone(&index));
    let mut searcher = Searcher::new(index);
    update(&mut s, Action::Search);
    for c in "ecpat".chars() {
        if let Some(Effect::Search { generation, query }) = update(&mut s, Action::Input(c)) {
            let r = searcher.search(&s.library.reports, &Query::parse(&query), &Options::default());
            let library = s.library_generation;
            podium::app::search::on_results(&mut s, library, generation, query, Arc::new(r));
        }
    }
    update(&mut s, Action::Open);
    let Some(Effect::Copy(hits)) = update(&mut s, Action::CopyAll) else { panic!("a copy") };
    assert!(hits.contains("John Carr") && hits.contains("ECPAT"), "{hits}");
    assert!(s.status.as_deref().unwrap().contains("for “ecpat”"), "{:?}", s.status);
}

#[test]
fn an_answer_for_an_earlier_input_never_replaces_cached_results_for_the_current_one() {
    use podium::search::{Index, Options, Query, Searcher};
    use std::sync::Arc;
    let mut s = State::new(common::seed(), 120, 40);
    let index = Arc::new(Index::build(&s.library.reports));
    podium::app::search::on_index(&mut s, Arc::clone(&index));
    let mut searcher = Searcher::new(index);
    let mut answer = |s: &mut State, generation: u64, query: String| {
        let r = searcher.search(&s.library.reports, &Query::parse(&query), &Options::default());
        let library = s.library_generation;
        podium::app::search::on_results(s, library, generation, query, Arc::new(r));
    };
    // "mother" answered once, then cleared.
    update(&mut s, Action::Search);
    let mut last = None;
    for c in "mother".chars() {
        last = update(&mut s, Action::Input(c));
    }
    let Some(Effect::Search { generation, query }) = last else { panic!("a search") };
    answer(&mut s, generation, query);
    update(&mut s, Action::ClearInput);
    // Typed again fast: "mothe" is asked, "mother" comes from the cache, then the
    // worker's answer for "mothe" arrives late.
    let mut pending = None;
    for c in "mother".chars() {
        if let Some(Effect::Search { generation, query }) = update(&mut s, Action::Input(c)) {
            pending = Some((generation, query));
        }
    }
    let (generation, query) = pending.expect("uncached prefixes were asked");
    assert_eq!(query, "mothe");
    answer(&mut s, generation, query);
    let p = s.search.as_ref().unwrap();
    assert_eq!(p.results_for, "mother", "the cached results for what is typed stay");
    update(&mut s, Action::Open);
    assert_eq!(s.last_search.as_ref().map(|l| l.query.as_str()), Some("mother"));
}

#[test]
fn a_library_whose_every_file_failed_opens_on_its_problems() {
    let mut lib = common::with_problems();
    lib.reports.clear();
    let mut s = State::new(lib, 120, 40);
    podium::app::on_loaded(&mut s);
    assert!(matches!(s.overlay, Some(Overlay::Problems { .. })), "{:?}", s.overlay);
    // With reports, or with only warnings, the reader opens as usual.
    let mut s = State::new(common::with_problems(), 120, 40);
    podium::app::on_loaded(&mut s);
    assert_eq!(s.overlay, None);
}

/// A library folder moved away opens on its problem; put back, with no
/// problem left, the empty list closes and keys act on the reader again.
#[test]
fn the_problems_list_closes_when_no_problem_is_left() {
    let mut empty = common::with_problems();
    empty.reports.clear();
    let mut s = State::new(empty, 120, 40);
    podium::app::on_loaded(&mut s);
    assert!(matches!(s.overlay, Some(Overlay::Problems { .. })));
    s.replace_library(std::sync::Arc::new(common::seed()));
    podium::app::on_loaded(&mut s);
    assert_eq!(s.overlay, None);
    assert_eq!(update(&mut s, Action::Quit), Some(Effect::Quit), "q quits at once");
}

#[test]
fn ctrl_l_asks_for_a_full_redraw_from_anywhere() {
    let mut s = State::new(common::seed(), 120, 40);
    let key = |s: &State, prompt| s.keys.action_for(prompt, podium::app::key::Key::ctrl('l'));
    assert_eq!(key(&s, false), Some(Action::Redraw));
    assert_eq!(update(&mut s, Action::Redraw), Some(Effect::Redraw));
    update(&mut s, Action::Search);
    assert_eq!(key(&s, true), Some(Action::Redraw));
    assert_eq!(update(&mut s, Action::Redraw), Some(Effect::Redraw));
    assert!(s.search.is_some(), "the prompt stays open");
}

#[test]
fn a_quote_taller_than_the_pane_is_read_row_by_row() {
    // One quote of 900 words between two short ones.
    let long = format!("{} END_OF_LONG_QUOTE", "word ".repeat(900).trim_end());
    let yaml = format!(
        "title: Long\ndate: 2020-01-01\nspeakers:\n  - {{id: a, name: Alice}}\nquotes:\n  - {{speaker: a, text: first}}\n  - {{speaker: a, text: \"{long}\"}}\n  - {{speaker: a, text: third}}\n"
    );
    let mut s = State::new(common::library(&[("long", &yaml)]), 120, 40);
    s.focus = Pane::Quotes;
    let r = s.current().unwrap().clone();
    let w = s.quote_wrap_width();
    let tall = podium::app::text::quote_height(&r, &r.quotes[1], w);
    let view = s.quotes_view_height();
    assert!(tall > view + 5, "{tall} rows in a view of {view}");
    update(&mut s, Action::Down);
    assert_eq!(s.quote, Some(1));
    // j scrolls through it, a row at a time, until its end is on screen...
    let mut scrolled = 0;
    while s.quote == Some(1) {
        update(&mut s, Action::Down);
        assert_consistent(&s);
        scrolled += 1;
        assert!(scrolled <= tall, "never left the tall quote");
    }
    assert_eq!(scrolled, tall - view + 1, "one j per hidden row, then one to move on");
    assert_eq!(s.quote, Some(2));
    // ... and k back to its start, then the quote before.
    update(&mut s, Action::Up);
    assert_eq!(s.quote, Some(1));
    let mut back = 0;
    while s.quote == Some(1) {
        update(&mut s, Action::Up);
        back += 1;
        assert!(back <= tall + 1);
    }
    assert_eq!(s.quote, Some(0));
    assert_eq!((s.offsets.quotes, s.offsets.quote_row), (0, 0));
}

#[test]
fn pages_scroll_the_quotes_by_rows() {
    let text = common::many_quotes(1_000);
    let mut s = State::new(common::library(&[("big", &text)]), 120, 40);
    s.focus = Pane::Quotes;
    let r = s.current().unwrap().clone();
    let w = s.quote_wrap_width();
    let view = s.quotes_view_height();
    // Rows above the view's top.
    let scrolled = |s: &State| -> usize {
        s.visible[..s.offsets.quotes]
            .iter()
            .map(|&q| podium::app::text::quote_height(&r, &r.quotes[q], w))
            .sum::<usize>()
            + s.offsets.quote_row
    };
    update(&mut s, Action::HalfPageDown);
    assert_eq!(scrolled(&s), view / 2);
    assert_consistent(&s);
    update(&mut s, Action::PageDown);
    assert_eq!(scrolled(&s), view / 2 + view);
    let pos = s.quote_position().unwrap();
    assert!(pos >= s.offsets.quotes, "the selection followed the view");
    update(&mut s, Action::PageUp);
    update(&mut s, Action::HalfPageUp);
    assert_eq!(scrolled(&s), 0);
    assert_consistent(&s);
    // The bottom stops with the last quote's end at the view's bottom.
    for _ in 0..2_000 {
        update(&mut s, Action::PageDown);
    }
    let total: usize = s.visible.iter().map(|&q| podium::app::text::quote_height(&r, &r.quotes[q], w)).sum();
    assert_eq!(scrolled(&s), total - view);
    assert_eq!(s.quote_position(), Some(999));
}

#[test]
fn the_last_search_survives_a_reload_and_runs_again_on_the_new_index() {
    use podium::search::{Index, Options, Query, Searcher};
    use std::sync::Arc;
    let mut s = State::new(common::seed(), 120, 40);
    let search = |s: &mut State, generation: u64, query: String| {
        let index = Arc::clone(s.index.as_ref().unwrap());
        let r = Searcher::new(index).search(&s.library.reports, &Query::parse(&query), &Options::default());
        let library = s.library_generation;
        podium::app::search::on_results(s, library, generation, query, Arc::new(r));
    };
    let index = Arc::new(Index::build(&s.library.reports));
    podium::app::search::on_index(&mut s, index);
    update(&mut s, Action::Search);
    for c in "child".chars() {
        if let Some(Effect::Search { generation, query }) = update(&mut s, Action::Input(c)) {
            search(&mut s, generation, query);
        }
    }
    update(&mut s, Action::Open);
    update(&mut s, Action::NextHit);
    let before = s.last_search.as_ref().map(|l| (l.current, l.results.hits.len())).unwrap();
    assert!(before.1 > 1, "{before:?}");
    // A file changed: the same library again, as the watcher would send it.
    let library = Arc::clone(&s.library);
    s.replace_library(Arc::new((*library).clone()));
    assert!(s.last_search.as_ref().is_some_and(|l| l.stale), "kept, to run again");
    // Y copies no hit of the old index: the report's quotes instead.
    assert!(matches!(update(&mut s, Action::CopyAll), Some(Effect::Copy(_))));
    assert!(!s.status.as_deref().unwrap().contains("hits for"), "{:?}", s.status);
    let index = Arc::new(Index::build(&s.library.reports));
    let Some(Effect::Search { generation, query }) = podium::app::search::on_index(&mut s, index) else {
        panic!("the last search is run again")
    };
    assert_eq!(query, "child");
    search(&mut s, generation, query);
    let after = s.last_search.as_ref().map(|l| (l.current, l.results.hits.len(), l.stale)).unwrap();
    assert_eq!(after, (before.0, before.1, false), "n / N go on from the same hit");
    update(&mut s, Action::NextHit);
    assert_eq!(s.last_search.as_ref().unwrap().current, (before.0 + 1) % before.1);
}

#[test]
fn a_load_problem_is_chosen_and_opened_in_the_editor_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = common::seed();
    for i in 0..30 {
        let path = dir.path().join(format!("bad{i:02}.yaml"));
        std::fs::write(&path, "title: t\ndate: nope\n").unwrap();
        lib.problems.push(podium::load::Problem::error(&path, Some(podium::load::Pos::new(2, 7)), "date: invalid"));
    }
    lib.problems.push(podium::load::Problem::error(std::path::Path::new("gone/x.yaml"), None, "no such file"));
    let mut s = State::new(lib, 80, 24);
    update(&mut s, Action::Problems);
    run(&mut s, &[Action::Down, Action::Down, Action::Down]);
    let Some(Overlay::Problems { selected, scroll }) = s.overlay else { panic!("{:?}", s.overlay) };
    assert_eq!(selected, 3);
    // The selected problem is on screen however far down it is.
    update(&mut s, Action::Bottom);
    let Some(Overlay::Problems { selected, scroll: bottom }) = s.overlay else { panic!() };
    assert_eq!(selected, 30);
    assert!(bottom > scroll, "scrolled to show the last problem");
    update(&mut s, Action::Top);
    update(&mut s, Action::Down);
    assert_eq!(
        update(&mut s, Action::Open),
        Some(Effect::EditLine { path: dir.path().join("bad01.yaml"), line: Some(2) })
    );
    assert_eq!(update(&mut s, Action::Edit).map(|e| matches!(e, Effect::EditLine { .. })), Some(true));
    // A problem without a file to open says so and opens nothing.
    update(&mut s, Action::Bottom);
    assert_eq!(update(&mut s, Action::Open), None);
    assert!(s.status.as_deref().is_some_and(|m| m.contains("gone/x.yaml is not a file")), "{:?}", s.status);
}

#[test]
fn a_report_hit_scrolls_the_session_to_its_match() {
    use podium::search::{Index, Kind, Options, Query, Searcher};
    use std::sync::Arc;
    let mut s = State::new(common::seed(), 120, 40);
    let index = Arc::new(Index::build(&s.library.reports));
    podium::app::search::on_index(&mut s, Arc::clone(&index));
    let mut searcher = Searcher::new(Arc::clone(&index));
    update(&mut s, Action::Search);
    for c in "broad agreement".chars() {
        if let Some(Effect::Search { generation, query }) = update(&mut s, Action::Input(c)) {
            let r = searcher.search(&s.library.reports, &Query::parse(&query), &Options::default());
            let library = s.library_generation;
            podium::app::search::on_results(&mut s, library, generation, query, Arc::new(r));
        }
    }
    let results = s.search.as_ref().unwrap().results.clone().unwrap();
    let report_hit = results.hits.iter().position(|h| index.items[h.item as usize].kind == Kind::Report).unwrap();
    for _ in 0..report_hit {
        update(&mut s, Action::Down);
    }
    update(&mut s, Action::Open);
    assert_eq!(s.focus, Pane::Session);
    assert!(s.offsets.session > 0, "scrolled down to the conclusion");
    let view = s.areas().inner(Pane::Session).height as usize;
    let shown: String = s.session_rows.iter().skip(s.offsets.session).take(view).map(|r| r.plain() + "\n").collect();
    // The phrase may be wrapped over two rows.
    assert!(shown.split_whitespace().collect::<Vec<_>>().join(" ").contains("broad agreement"), "{shown}");
}

#[test]
fn the_last_search_is_marked_in_the_session_pane() {
    let mut s = State::new(common::seed(), 120, 40);
    search_for(&mut s, "multistakeholder");
    update(&mut s, Action::Open);
    let (found, marked) = matches_styled_apart(&s, Pane::Session, "multistakeholder");
    assert_eq!(marked, found, "every match is styled apart");
    assert!(found > 0, "the title's match is on screen");
}

#[test]
fn each_report_keeps_its_place_and_ctrl_o_returns_from_a_search_jump() {
    let second = "title: Second\ndate: 2021-01-01\nspeakers:\n  - {id: a, name: Ann}\nquotes:\n  - {speaker: a, text: one child}\n";
    let mut lib = common::seed();
    lib.reports.extend(common::library(&[("second", second)]).reports);
    let mut s = State::new(lib, 120, 40);
    // In the seed: John Carr selected, the Session pane scrolled.
    run(&mut s, &[Action::FocusPane(Pane::Speakers), Action::Bottom]);
    let carr = s.speaker;
    s.focus = Pane::Session;
    run(&mut s, &[Action::Down, Action::Down]);
    let scrolled = s.offsets.session;
    assert!(carr.is_some() && scrolled == 2);
    // To the other report and back: the place is as it was.
    run(&mut s, &[Action::NextReport]);
    assert_eq!((s.report, s.speaker), (1, None), "a report not seen before opens at its top");
    run(&mut s, &[Action::PrevReport]);
    assert_eq!((s.report, s.speaker, s.offsets.session), (0, carr, scrolled));
    // A search jump to the other report; Ctrl-o comes back.
    let before = (s.report, s.speaker, s.quote, s.focus);
    search_for(&mut s, "ann");
    update(&mut s, Action::Open);
    assert_eq!(s.report, 1, "jumped to Ann's report");
    assert_consistent(&s);
    update(&mut s, Action::JumpBack);
    assert_eq!((s.report, s.speaker, s.quote, s.focus), before);
    update(&mut s, Action::JumpBack);
    assert_eq!(s.status.as_deref(), Some("No earlier place to go back to."));
}

#[test]
fn z_gives_the_focused_pane_the_whole_screen_and_back() {
    let mut s = State::new(common::seed(), 120, 40);
    s.focus = Pane::Session;
    let before = s.areas().inner(Pane::Session);
    let rows = s.session_rows.len();
    update(&mut s, Action::Zoom);
    let zoomed = s.areas().inner(Pane::Session);
    assert_eq!(s.areas().mode, podium::app::layout::Mode::Tabs);
    assert!(zoomed.width == 118 && zoomed.height > before.height, "{before:?} → {zoomed:?}");
    assert!(s.session_rows.len() < rows, "text rewrapped to the wider pane");
    // Moving between panes stays zoomed; z again shows them all.
    update(&mut s, Action::NextPane);
    assert_eq!(s.areas().mode, podium::app::layout::Mode::Tabs);
    update(&mut s, Action::Zoom);
    assert_eq!(s.areas().mode, podium::app::layout::Mode::Wide);
    assert_eq!(s.session_rows.len(), rows);
    assert_consistent(&s);
}

#[test]
fn jump_keys_say_when_there_is_nowhere_to_go_from_any_pane() {
    let mut s = State::new(common::seed(), 120, 40);
    s.focus = Pane::Library;
    update(&mut s, Action::NextReport);
    assert_eq!(s.status.as_deref(), Some("Already at the last report."));
    run(&mut s, &[Action::FocusPane(Pane::Speakers), Action::Bottom]);
    update(&mut s, Action::NextSpeaker);
    assert_eq!(s.status.as_deref(), Some("Already at the last speaker."));
    update(&mut s, Action::Top);
    update(&mut s, Action::PrevSpeaker);
    assert_eq!(s.status.as_deref(), Some("Already at the first speaker."));
    // j at an end stays quiet, as in less.
    update(&mut s, Action::Up);
    assert_eq!(s.status, None);
}

/// Types `query` into a fresh prompt and answers it as the worker would.
fn search_for(s: &mut State, query: &str) {
    use podium::search::{Index, Options, Query, Searcher};
    use std::sync::Arc;
    if s.index.is_none() {
        let index = Arc::new(Index::build(&s.library.reports));
        podium::app::search::on_index(s, index);
    }
    update(s, Action::Search);
    assert_eq!(s.search.as_ref().unwrap().input, "", "the prompt opens empty");
    let mut last = None;
    for c in query.chars() {
        last = update(s, Action::Input(c)).or(last);
    }
    if let Some(Effect::Search { generation, query }) = last {
        let index = Arc::clone(s.index.as_ref().unwrap());
        let r = Searcher::new(index).search(&s.library.reports, &Query::parse(&query), &Options::default());
        let library = s.library_generation;
        podium::app::search::on_results(s, library, generation, query, std::sync::Arc::new(r));
    }
}

#[test]
fn a_match_deep_in_a_tall_quote_is_brought_into_view() {
    let long = format!("{} DEEPWORD end", "word ".repeat(900).trim_end());
    let yaml = format!(
        "title: Long\ndate: 2020-01-01\nspeakers:\n  - {{id: a, name: Alice}}\nquotes:\n  - {{speaker: a, text: first}}\n  - {{speaker: a, text: \"{long}\"}}\n"
    );
    let mut s = State::new(common::library(&[("long", &yaml)]), 120, 40);
    search_for(&mut s, "deepword");
    update(&mut s, Action::Open);
    assert_eq!(s.quote, Some(1));
    let r = s.current().unwrap().clone();
    let rows = podium::app::text::quote_rows(&r, &r.quotes[1], s.quote_wrap_width());
    let at = rows.iter().position(|row| row.plain().contains("DEEPWORD")).unwrap();
    assert_eq!(s.offsets.quotes, 1);
    let view = s.quotes_view_height();
    assert!(s.offsets.quote_row <= at && at < s.offsets.quote_row + view, "row {at} in view: {:?}", s.offsets);
    // The last quote's end is not scrolled above the bottom of the view.
    let below: usize = rows.len() - s.offsets.quote_row;
    assert!(below >= view, "{below} rows from the top to the end, in a view of {view}");
    assert_consistent(&s);
}

#[test]
fn ctrl_o_restores_the_hit_and_a_removed_report_passes_on_no_quote() {
    let text = common::many_quotes(40);
    let mut s =
        State::new(common::library(&[("big", &text), ("zz", "title: Z\ndate: 2021-01-01\nquotes: []\n")]), 120, 40);
    search_for(&mut s, "quote");
    update(&mut s, Action::Open);
    run(&mut s, &[Action::NextHit, Action::NextHit]);
    let third = s.last_search.as_ref().unwrap().current;
    assert_eq!(third, 2);
    update(&mut s, Action::JumpBack);
    assert_eq!(s.last_search.as_ref().unwrap().current, 1, "the hit that was current there");
    update(&mut s, Action::NextHit);
    assert_eq!(s.last_search.as_ref().unwrap().current, 2);
    // The report on screen disappears: the next one opens at its own place.
    s.focus = Pane::Quotes;
    run(&mut s, &[Action::Bottom]);
    let mut lib = (*s.library).clone();
    lib.reports.remove(s.report);
    s.replace_library(std::sync::Arc::new(lib));
    assert_eq!(s.current().map(|r| r.id.as_str()), Some("zz"));
    assert_eq!(s.quote, None, "no quote index carried over from the removed report");
    assert_consistent(&s);
}

#[test]
fn the_last_search_is_marked_in_a_quote_s_context_too() {
    let mut s = State::new(common::seed(), 120, 40);
    search_for(&mut s, "contribution");
    update(&mut s, Action::Open);
    let (_, marked) = matches_styled_apart(&s, Pane::Quotes, "contribution");
    assert!(marked > 0, "the context's match is styled apart");
}

#[test]
fn a_search_jump_puts_the_quote_at_the_top_as_less_does() {
    let text = common::many_quotes(1_000);
    let mut s = State::new(common::library(&[("big", &text)]), 120, 40);
    search_for(&mut s, "'quote 500 ");
    update(&mut s, Action::Open);
    let pos = s.quote_position().unwrap();
    assert_eq!(s.visible[pos], 500);
    assert_eq!((s.offsets.quotes, s.offsets.quote_row), (pos, 0), "the hit on the first line");
    // Near the end the view stops at the last quote rather than leave the rest empty.
    search_for(&mut s, "'quote 999 ");
    update(&mut s, Action::Open);
    assert!(s.offsets.quotes < 999);
    assert_consistent(&s);
    // The jump selected the quote's speaker; `a` shows every quote again, on the same one.
    let quote = s.quote;
    update(&mut s, Action::AllQuotes);
    assert_eq!((s.speaker, s.quote, s.visible.len()), (None, quote, 1_000));
    update(&mut s, Action::AllQuotes);
    assert_eq!(s.status.as_deref(), Some("All quotes are shown already."));
}

/// In `pane` of the drawn screen: how many rows show `word` (any case), and in how
/// many of those its first letter is styled apart from the cell before it.
fn matches_styled_apart(s: &State, pane: Pane, word: &str) -> (usize, usize) {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(s.width, s.height)).unwrap();
    t.draw(|f| podium::ui::draw(f, s)).unwrap();
    let b = t.backend().buffer();
    let area = s.areas().inner(pane);
    let (mut found, mut marked) = (0, 0);
    for y in area.y..area.bottom() {
        let row: String = (area.x..area.right()).map(|x| b[(x, y)].symbol().to_string()).collect();
        if let Some(i) = row.to_lowercase().find(word) {
            let x = area.x + row[..i].chars().count() as u16;
            found += 1;
            marked += usize::from(b[(x, y)].style() != b[(x - 1, y)].style());
        }
    }
    (found, marked)
}

/// The drawn screen's last row: the status line.
fn status_line(s: &State) -> String {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(s.width, s.height)).unwrap();
    t.draw(|f| podium::ui::draw(f, s)).unwrap();
    let b = t.backend().buffer();
    (0..s.width).map(|x| b[(x, s.height - 1)].symbol().to_string()).collect()
}

#[test]
fn a_search_jump_selects_the_hits_speaker_and_s_goes_on_from_there() {
    let mut s = State::new(common::seed(), 120, 40);
    search_for(&mut s, "teachers parents");
    update(&mut s, Action::Open);
    let name = |s: &State| s.speaker.map(|sp| s.current().unwrap().speakers[sp].name.clone());
    assert_eq!((name(&s).as_deref(), s.quote), (Some("John Carr"), Some(2)), "report, speaker and quote selected");
    assert_eq!(s.focus, Pane::Quotes);
    assert_consistent(&s);
    // S goes on from John Carr (the fourth speaker), not from the end of the list.
    update(&mut s, Action::PrevSpeaker);
    assert_eq!(name(&s).as_deref(), Some("Saidalavi Mohamed"));
    // All quotes again, on John Carr's: s and S start from the quote's speaker.
    run(&mut s, &[Action::NextSpeaker, Action::AllQuotes]);
    assert_eq!((s.speaker, s.quote), (None, Some(2)));
    update(&mut s, Action::PrevSpeaker);
    assert_eq!(name(&s).as_deref(), Some("John Carr"), "the speaker of the quote being read");
    update(&mut s, Action::PrevSpeaker);
    assert_eq!(name(&s).as_deref(), Some("Saidalavi Mohamed"));
    assert_consistent(&s);
}

#[test]
fn a_cancelled_search_leaves_no_hit_state_and_capital_y_copies_what_is_shown() {
    let mut s = State::new(common::seed(), 120, 40);
    search_for(&mut s, "teachers parents");
    update(&mut s, Action::Open);
    assert!(status_line(&s).contains("Hit 1/"), "{}", status_line(&s));
    // Later searches, each cancelled with Esc.
    for query in ["ecpat", "mother", "kids"] {
        search_for(&mut s, query);
        update(&mut s, Action::Back);
    }
    assert!(s.last_search.is_none());
    let shown = status_line(&s);
    assert!(!shown.contains("Hit "), "{shown}");
    assert_eq!(update(&mut s, Action::NextHit), None);
    assert!(s.status.as_deref().unwrap().starts_with("No search yet"), "{:?}", s.status);
    // Y copies what the screen shows: the quotes of the speaker selected by the jump.
    let Some(Effect::Copy(copied)) = update(&mut s, Action::CopyAll) else { panic!("a copy") };
    assert!(s.status.as_deref().unwrap().contains("of John Carr"), "{:?}", s.status);
    assert!(!copied.contains("hits"), "{copied}");
    // Enter on a query without hits ends the last search too, as vim's n then looks for the new pattern.
    search_for(&mut s, "ecpat");
    update(&mut s, Action::Open);
    assert!(s.last_search.is_some());
    search_for(&mut s, "xqzxqz");
    update(&mut s, Action::Open);
    assert_eq!(s.status.as_deref(), Some("No hits for “xqzxqz”."));
    assert!(s.last_search.is_none() && !status_line(&s).contains("Hit "));
}

#[test]
fn a_query_with_capitals_and_no_hits_says_what_the_same_in_lower_case_finds() {
    use podium::app::search::{on_index, on_results_with_hint};
    use podium::search::{Index, Options, Query, Searcher};
    use std::sync::Arc;
    let mut s = State::new(common::seed(), 120, 40);
    let index = Arc::new(Index::build(&s.library.reports));
    on_index(&mut s, Arc::clone(&index));
    let mut searcher = Searcher::new(index);
    let all = Options { limit: usize::MAX, ..Options::default() };
    let lower = searcher.search(&s.library.reports, &Query::parse("teachers"), &all).total;
    assert!(lower > 0, "the seed has teachers");
    // The worker's answer: no hits, and what lower case finds.
    let mut answer = |s: &mut State, effect: Option<Effect>, lower_total: Option<usize>| {
        let Some(Effect::Search { generation, query }) = effect else { panic!("a search: {effect:?}") };
        let r = searcher.search(&s.library.reports, &Query::parse(&query), &Options::default());
        assert!(r.hits.is_empty(), "{query}");
        let library = s.library_generation;
        on_results_with_hint(s, library, generation, query, Arc::new(r), lower_total);
    };
    update(&mut s, Action::Search);
    let mut last = None;
    for c in "Teachers".chars() {
        last = update(&mut s, Action::Input(c)).or(last);
    }
    answer(&mut s, last, Some(lower));
    let hint = format!("No hits with that capital T; “teachers” finds {lower}.");
    assert!(screen(&s).contains(&hint), "the popup says so:\n{}", screen(&s));
    // Backspace and back: the cached answer keeps its hint.
    let effect = update(&mut s, Action::DeleteChar);
    assert!(matches!(effect, Some(Effect::Search { .. })));
    assert_eq!(update(&mut s, Action::Input('s')), None, "answered from the cache");
    assert!(screen(&s).contains(&hint), "{}", screen(&s));
    update(&mut s, Action::Open);
    assert_eq!(s.status.as_deref(), Some(hint.as_str()));
    assert!(status_line(&s).contains(&hint), "{}", status_line(&s));
    // Enter before the answer for what is typed now: the hint of an earlier
    // input (shown until then) is not given for it.
    update(&mut s, Action::Search);
    for c in "Teachers".chars() {
        update(&mut s, Action::Input(c));
    }
    assert!(matches!(update(&mut s, Action::Input('Q')), Some(Effect::Search { .. })));
    assert_eq!(s.search.as_ref().unwrap().results_for, "Teachers");
    update(&mut s, Action::Open);
    assert_eq!(s.status.as_deref(), Some("No hits for “TeachersQ”."));
}

/// The reader's search worker: the best `HIT_LIMIT` hits at each keystroke,
/// every hit when the app asks for them all.
fn worker(s: &mut State, effect: Option<Effect>) {
    use podium::app::search::HIT_LIMIT;
    use podium::search::{Options, Query, Searcher};
    let (generation, query, limit) = match effect {
        Some(Effect::Search { generation, query }) => (generation, query, HIT_LIMIT),
        Some(Effect::RankAll { generation, query }) => (generation, query, usize::MAX),
        _ => return,
    };
    let index = std::sync::Arc::clone(s.index.as_ref().unwrap());
    let r = Searcher::new(index).search(
        &s.library.reports,
        &Query::parse(&query),
        &Options { limit, kind: None, ..Options::default() },
    );
    let library = s.library_generation;
    podium::app::search::on_results(s, library, generation, query, std::sync::Arc::new(r));
}

fn type_query(s: &mut State, query: &str) {
    update(s, Action::Search);
    for c in query.chars() {
        let effect = update(s, Action::Input(c));
        worker(s, effect);
    }
}

#[test]
fn n_and_the_result_list_reach_every_hit_beyond_the_first_thousand() {
    let mut s = State::new(common::library(&[("big", &common::many_quotes(1_500))]), 120, 40);
    let index = std::sync::Arc::new(podium::search::Index::build(&s.library.reports));
    podium::app::search::on_index(&mut s, index);
    type_query(&mut s, "'quote");
    let total = s.search.as_ref().unwrap().results.as_ref().unwrap().total;
    assert!(total > 1_500, "{total}");
    update(&mut s, Action::Open);
    assert!(status_line(&s).contains(&format!("Hit 1/{total}")), "{}", status_line(&s));
    // N from the first hit wraps to the very last, ranked when asked for.
    let effect = update(&mut s, Action::PrevHit);
    worker(&mut s, effect);
    assert_eq!(s.last_search.as_ref().unwrap().current, total - 1);
    assert!(status_line(&s).contains(&format!("Hit {total}/{total}")), "{}", status_line(&s));
    assert_consistent(&s);
    // n past the thousandth hit of a search ranked at first only that far.
    type_query(&mut s, "quote");
    update(&mut s, Action::Open);
    let last = s.last_search.as_mut().unwrap();
    assert_eq!(last.results.hits.len(), podium::app::search::HIT_LIMIT, "ranked lazily");
    last.current = podium::app::search::HIT_LIMIT - 1;
    let effect = update(&mut s, Action::NextHit);
    worker(&mut s, effect);
    assert_eq!(s.last_search.as_ref().unwrap().current, podium::app::search::HIT_LIMIT);
    let seen = s.quote;
    update(&mut s, Action::NextHit);
    assert_eq!(s.last_search.as_ref().unwrap().current, podium::app::search::HIT_LIMIT + 1);
    assert_ne!(s.quote, seen, "each step goes to another hit");
    // The popup's list goes past the thousandth hit too.
    type_query(&mut s, "quot");
    for _ in 0..2_000 {
        let effect = update(&mut s, Action::PageDown);
        worker(&mut s, effect);
    }
    let p = s.search.as_ref().unwrap();
    let hits = p.results.as_ref().unwrap().hits.len();
    assert_eq!((p.selected, hits), (hits - 1, p.results.as_ref().unwrap().total));
    assert!(hits > 1_500);
}

/// The drawn screen, as text.
fn screen(s: &State) -> String {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(s.width, s.height)).unwrap();
    t.draw(|f| podium::ui::draw(f, s)).unwrap();
    let b = t.backend().buffer();
    (0..s.height).map(|y| (0..s.width).map(|x| b[(x, y)].symbol().to_string()).collect::<String>() + "\n").collect()
}

#[test]
fn the_prompt_offers_the_last_search_and_recalls_earlier_ones() {
    let mut s = State::new(common::seed(), 120, 40);
    let index = std::sync::Arc::new(podium::search::Index::build(&s.library.reports));
    podium::app::search::on_index(&mut s, index);
    s.history = vec!["ecpat".into(), "teachers parents".into()];
    update(&mut s, Action::Search);
    let input = |s: &State| s.search.as_ref().unwrap().input.clone();
    assert_eq!(input(&s), "", "the prompt opens empty");
    assert!(screen(&s).contains("teachers parents  ↑ for this search again"), "{}", screen(&s));
    // ↑ on the empty prompt takes the offer; then it moves in the hits again.
    let effect = update(&mut s, Action::Up);
    assert_eq!(input(&s), "teachers parents");
    worker(&mut s, effect);
    assert!(s.search.as_ref().unwrap().results.as_ref().is_some_and(|r| !r.hits.is_empty()));
    update(&mut s, Action::Up);
    assert_eq!(input(&s), "teachers parents");
    // Ctrl-p / Ctrl-n go through the history; past the newest, what was typed before.
    let ctrl = |c| s.keys.action_for(true, podium::app::key::Key::ctrl(c)).unwrap();
    let (earlier, later) = (ctrl('p'), ctrl('n'));
    run(&mut s, &[earlier]);
    assert_eq!(input(&s), "ecpat");
    run(&mut s, &[earlier]);
    assert_eq!(input(&s), "ecpat", "the oldest");
    run(&mut s, &[later, later]);
    assert_eq!(input(&s), "");
    run(&mut s, &[Action::Input('k'), earlier]);
    assert_eq!(input(&s), "teachers parents");
    run(&mut s, &[later]);
    assert_eq!(input(&s), "k", "the line being typed comes back");
    // Enter keeps the query, newest last and once, and asks the loop to save it.
    run(&mut s, &[Action::ClearInput, earlier, earlier]);
    assert_eq!(input(&s), "ecpat");
    assert_eq!(update(&mut s, Action::Open), Some(Effect::Remember("ecpat".into())));
    assert_eq!(s.history, ["teachers parents", "ecpat"]);
    // Esc keeps nothing.
    update(&mut s, Action::Search);
    run(&mut s, &[Action::Input('z'), Action::Back]);
    assert_eq!(s.history, ["teachers parents", "ecpat"]);
}

/// A report whose speakers each need two rows at 80 columns: a long role and organisation.
fn long_speakers(n: usize) -> String {
    let mut y = String::from("title: Many speakers\ndate: 2020-01-01\nspeakers:\n");
    for i in 0..n {
        y.push_str(&format!(
            "  - {{id: s{i}, name: Speaker {i}, role: Director General of Many Things, organisation: Ministry of Long Organisation Names {i}}}\n"
        ));
    }
    y
}

#[test]
fn below_100_columns_the_jump_keys_switch_to_the_tab_that_shows_them() {
    let mut s = State::new(common::seed(), 80, 24);
    for (from, action, to) in [
        (Pane::Library, Action::NextSpeaker, Pane::Speakers),
        (Pane::Session, Action::PrevSpeaker, Pane::Speakers),
        (Pane::Library, Action::NextQuote, Pane::Quotes),
        (Pane::Speakers, Action::PrevQuote, Pane::Quotes),
        // The Quotes tab shows the speaker's quotes: it is where `s` shows too.
        (Pane::Quotes, Action::NextSpeaker, Pane::Quotes),
        // Every tab shows the report: L/H leave the focus where it is.
        (Pane::Session, Action::NextReport, Pane::Session),
    ] {
        s.focus = from;
        update(&mut s, action);
        assert_eq!(s.focus, to, "{action:?} from {from:?}");
    }
    // Side by side the change shows wherever the focus is; zoomed, as on tabs.
    let mut s = State::new(common::seed(), 120, 40);
    update(&mut s, Action::NextSpeaker);
    assert_eq!((s.focus, s.speaker), (Pane::Library, Some(0)));
    update(&mut s, Action::Zoom);
    update(&mut s, Action::NextQuote);
    assert_eq!(s.focus, Pane::Quotes);
}

#[test]
fn speakers_on_two_rows_scroll_page_and_take_clicks_by_rows() {
    let yaml = long_speakers(30);
    let mut s = State::new(common::library(&[("m", &yaml)]), 80, 24);
    s.focus = Pane::Speakers;
    let view = s.areas().inner(Pane::Speakers);
    let fit = view.height as usize / 2;
    update(&mut s, Action::Bottom);
    assert_eq!(s.speaker, Some(29));
    assert_eq!(s.offsets.speakers, 30 - fit, "the last speaker's two rows at the bottom");
    update(&mut s, Action::Top);
    assert_eq!(s.offsets.speakers, 0);
    update(&mut s, Action::PageDown);
    assert_eq!(s.speaker, Some(fit), "a page: the speakers a screen holds");
    assert!(s.offsets.speakers > 0 && s.offsets.speakers <= fit);
    update(&mut s, Action::Up);
    let top = s.offsets.speakers;
    // The second row of the second speaker in view.
    update(&mut s, Action::Click { column: view.x + 3, row: view.y + 3 });
    assert_eq!(s.speaker, Some(top + 1));
    update(&mut s, Action::Click { column: view.x + 3, row: view.y });
    assert_eq!(s.speaker, Some(top));
    assert_consistent(&s);
}

#[test]
fn long_titles_take_two_rows_in_the_library_and_scroll_by_them() {
    let files: Vec<(String, String)> = (0..40)
        .map(|i| {
            let title = format!("Report {i} on the long and winding governance of everything that connects us all");
            (format!("r{i:02}"), format!("title: {title}\ndate: 2020-01-01\n"))
        })
        .collect();
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let mut s = State::new(common::library(&refs), 80, 24);
    let view = s.areas().inner(Pane::Library);
    let fit = view.height as usize / 2;
    update(&mut s, Action::Bottom);
    assert_eq!((s.report, s.offsets.library), (39, 40 - fit));
    update(&mut s, Action::Top);
    update(&mut s, Action::PageDown);
    assert_eq!(s.report, fit);
    update(&mut s, Action::Click { column: view.x + 5, row: view.y + 1 });
    assert_eq!(s.report, s.offsets.library, "the title's second row is the same report");
}

#[test]
fn the_panes_share_the_height_by_what_they_have_to_show() {
    let s = State::new(common::seed(), 120, 40);
    let a = s.areas();
    // Four speakers, two rows each at most: the pane is no taller than that.
    let speakers = a.inner(Pane::Speakers).height;
    assert!(speakers as usize == s.speakers_list.len() && (4..=12).contains(&speakers), "{speakers}");
    assert!(a.inner(Pane::Session).height >= 30, "{:?}", a.inner(Pane::Session));
    assert!(a.inner(Pane::Library).height <= 3, "one report: {:?}", a.inner(Pane::Library));
    // A long library gets at most half its column; speakers share theirs with the quotes.
    let yaml = long_speakers(40);
    let files: Vec<(String, String)> = (0..200)
        .map(|i| (format!("r{i:03}"), if i == 0 { yaml.clone() } else { format!("title: R{i}\ndate: 2020-01-01\n") }))
        .collect();
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let s = State::new(common::library(&refs), 120, 40);
    let a = s.areas();
    assert!(a.pane(Pane::Library).height <= 20 && a.pane(Pane::Session).height >= 19, "{a:?}");
    assert!(a.pane(Pane::Quotes).height >= 20, "{a:?}");
}

#[test]
fn tabs_at_40_columns_are_all_there_and_clickable() {
    let mut s = State::new(common::seed(), 40, 10);
    let bar = podium::app::layout::tab_bar(s.width, s.focus);
    assert!(bar.iter().map(|(_, l)| l.chars().count() + 1).sum::<usize>() <= 40, "{bar:?}");
    for (pane, n) in [(Pane::Session, '2'), (Pane::Quotes, '4')] {
        let x: usize = bar.iter().take_while(|(p, _)| *p != Some(pane)).map(|(_, l)| l.chars().count() + 1).sum();
        assert!(bar.iter().any(|(p, l)| *p == Some(pane) && l.contains(n)));
        update(&mut s, Action::Click { column: x as u16 + 1, row: 0 });
        assert_eq!(s.focus, pane);
    }
}

#[test]
fn y_copies_the_quote_as_plain_text_and_shift_y_as_markdown() {
    use podium::app::key::Key;
    let keys = podium::app::keymap::KeyMap::default();
    assert_eq!(keys.action_for(false, Key::char('y')), Some(Action::Copy));
    assert_eq!(keys.action_for(false, Key::char('Y')), Some(Action::CopyMarkdown));
    assert_eq!(keys.action_for(false, Key::char('c')), Some(Action::CopyAll));
    let mut s = State::new(common::seed(), 120, 40);
    run(&mut s, &[Action::NextQuote, Action::NextQuote]);
    let Some(Effect::Copy(plain)) = update(&mut s, Action::Copy) else { panic!("a copy") };
    assert!(plain.starts_with("“the role of us as civil society"), "{plain}");
    assert!(
        plain.ends_with(
            "impact from them.” — John Carr, Senior Expert Advisor, ECPAT International, \
             Child online protection through multistakeholder engagement, 2015-11-10"
        ),
        "{plain}"
    );
    assert!(!plain.contains(['*', '>', '\\']), "no Markdown in plain text: {plain}");
    assert_eq!(s.status.as_deref(), Some("Sent as plain text to the clipboard (OSC 52): the quote by John Carr."));
    let Some(Effect::Copy(markdown)) = update(&mut s, Action::CopyMarkdown) else { panic!("a copy") };
    let r = &s.library.reports[0];
    assert_eq!(markdown, podium::export::markdown::citation(r, &r.quotes[2]));
    assert!(markdown.starts_with("> the role of us") && markdown.contains("*Child online protection"), "{markdown}");
    assert_eq!(s.status.as_deref(), Some("Sent as Markdown to the clipboard (OSC 52): the quote by John Carr."));
    // The same from the quote's overlay; nothing selected, nothing copied.
    update(&mut s, Action::Open);
    assert!(matches!(update(&mut s, Action::CopyMarkdown), Some(Effect::Copy(m)) if m == markdown));
    let mut bare = State::new(common::library(&[("bare", "title: Bare\ndate: 2020-01-01\n")]), 120, 40);
    assert_eq!(update(&mut bare, Action::CopyMarkdown), None);
    assert_eq!(bare.status.as_deref(), Some("No quote selected: nothing copied."));
}

#[test]
fn under_tmux_that_drops_osc52_a_copy_says_how_to_fix_it() {
    use podium::app::clipboard::Clipboard;
    let mut s = State::new(common::seed(), 120, 40);
    run(&mut s, &[Action::NextQuote]);
    let fix =
        |setting: &str| format!("Not copied: tmux needs `set -g set-clipboard on` in ~/.tmux.conf (it is {setting}).");
    // tmux's default drops what programs send; so does `off`.
    for setting in ["external", "off"] {
        s.clipboard = Clipboard::new(true, Some(&format!("{setting}\n")));
        assert!(matches!(update(&mut s, Action::Copy), Some(Effect::Copy(_))), "sent anyway: it costs nothing");
        assert_eq!(s.status.as_deref(), Some(fix(setting).as_str()));
        update(&mut s, Action::CopyMarkdown);
        assert_eq!(s.status.as_deref(), Some(fix(setting).as_str()));
    }
    // tmux passes it on, or podium is not in tmux, or tmux did not say: "sent", as
    // much as can be known (the terminal's own support cannot be).
    for clipboard in [Clipboard::new(true, Some("on\n")), Clipboard::new(false, None), Clipboard::new(true, None)] {
        s.clipboard = clipboard;
        update(&mut s, Action::Copy);
        assert_eq!(
            s.status.as_deref(),
            Some("Sent as plain text to the clipboard (OSC 52): the quote by Saidalavi Mohamed.")
        );
    }
    // Not in tmux, whatever an inherited answer says; an unknown answer is not a warning.
    assert_eq!(Clipboard::new(false, Some("external")), Clipboard::Terminal);
    assert_eq!(Clipboard::new(true, Some("\u{1b}[31mweird")), Clipboard::Terminal);
}
