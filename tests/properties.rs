//! Property tests: random libraries (empty ones, reports without speakers or
//! quotes, huge and tiny texts, any Unicode), random sequences of actions at
//! random terminal sizes. The state machine and the renderer never panic,
//! every selection stays in range, and every match position is a character
//! of its text.

use podium::app::{Action, Pane, State, update};
use podium::load::{Library, sanitize::sanitize};
use podium::model::{Origin, Quote, Report, Speaker};
use podium::search::{Index, Options, Query, Searcher, highlight, item_text, scan};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;

/// Any text, as the loader would hand it on (sanitised), sometimes long.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => any::<String>(),
        2 => "[a-zA-Z àéîõüß北京👍 \n“”‘’'\"-]{0,60}",
        2 => "([a-zA-Z]{1,3}[-'’,.– ]){0,12}",
        1 => "[a-z ]{200,3000}",
    ]
    .prop_map(|s| sanitize(&s).into_owned())
}

fn report(i: usize) -> impl Strategy<Value = Report> {
    (
        text(),
        prop::collection::vec((text(), proptest::option::of(text()), any::<bool>()), 0..5),
        prop::collection::vec((0usize..6, text(), proptest::option::of(text())), 0..25),
        proptest::option::of(text()),
    )
        .prop_map(move |(title, speakers, quotes, summary)| {
            let speakers: Vec<Speaker> = speakers
                .into_iter()
                .enumerate()
                .map(|(k, (name, role, moderator))| Speaker {
                    id: format!("s{k}"),
                    name,
                    role,
                    organisation: None,
                    moderator,
                    points: vec![],
                    person: None,
                })
                .collect();
            let quotes = quotes
                .into_iter()
                .map(|(s, text, context)| Quote { speaker: format!("s{s}"), text, context })
                .collect();
            Report {
                id: format!("r{i}"),
                title,
                event: None,
                kind: None,
                date: format!("2020-01-{:02}", 1 + i % 28),
                start: None,
                end: None,
                location: None,
                author: None,
                source: None,
                tags: vec![],
                summary,
                conclusion: None,
                speakers,
                quotes,
                origin: Origin { path: format!("r{i}.yaml").into(), document: 0, line: 1 },
            }
        })
}

fn library() -> impl Strategy<Value = Library> {
    (0usize..4).prop_flat_map(|n| {
        let reports: Vec<_> = (0..n).map(report).collect();
        reports.prop_map(|reports| Library { reports, ..Library::default() })
    })
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        Just(Action::Down),
        Just(Action::Up),
        Just(Action::Top),
        Just(Action::Bottom),
        Just(Action::HalfPageDown),
        Just(Action::HalfPageUp),
        Just(Action::PageDown),
        Just(Action::PageUp),
        Just(Action::NextPane),
        Just(Action::PrevPane),
        Just(Action::Open),
        Just(Action::Back),
        Just(Action::NextSpeaker),
        Just(Action::PrevSpeaker),
        Just(Action::NextQuote),
        Just(Action::PrevQuote),
        Just(Action::NextReport),
        Just(Action::PrevReport),
        Just(Action::AllQuotes),
        Just(Action::Copy),
        Just(Action::Help),
        Just(Action::Problems),
        Just(Action::Search),
        Just(Action::NextHit),
        Just(Action::PrevHit),
        Just(Action::JumpBack),
        Just(Action::Zoom),
        Just(Action::DeleteChar),
        Just(Action::DeleteWord),
        Just(Action::ClearInput),
        Just(Action::Edit),
        Just(Action::FocusPane(Pane::Library)),
        Just(Action::FocusPane(Pane::Quotes)),
        any::<char>().prop_map(Action::Input),
        (0u16..300, 0u16..120).prop_map(|(width, height)| Action::Resize { width, height }),
        (0u16..300, 0u16..120).prop_map(|(column, row)| Action::Click { column, row }),
        (0u16..300, 0u16..120, any::<bool>()).prop_map(|(column, row, down)| Action::Wheel { column, row, down }),
    ]
}

fn assert_in_range(s: &State) {
    let n = s.library.reports.len();
    assert!(n == 0 || s.report < n);
    if let Some(r) = s.current() {
        assert!(s.speaker.is_none_or(|sp| sp < r.speakers.len()));
        assert!(s.quote.is_none_or(|q| q < r.quotes.len() && s.visible.contains(&q)));
        assert!(s.visible.iter().all(|&q| q < r.quotes.len()));
        assert!(s.offsets.quotes <= s.visible.len());
        let w = s.quote_wrap_width();
        let top = s.visible.get(s.offsets.quotes).map_or(0, |&q| podium::app::text::quote_height(r, &r.quotes[q], w));
        assert!(s.offsets.quote_row == 0 || s.offsets.quote_row < top, "the top quote keeps a row in view");
    } else {
        assert!(s.quote.is_none() && s.speaker.is_none());
    }
    if let Some(p) = &s.search {
        let hits = p.results.as_ref().map_or(0, |r| r.hits.len());
        assert!(hits == 0 || p.selected < hits);
    }
}

proptest! {
    // 64 cases in the test suite; PROPTEST_CASES=5000 for a longer hunt.
    #![proptest_config(ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(64), ..ProptestConfig::default() })]

    #[test]
    fn the_reader_never_panics_and_keeps_selections_in_range(
        lib in library(),
        (w, h) in (0u16..250, 0u16..90),
        actions in prop::collection::vec(action(), 0..60),
    ) {
        let mut s = State::new(lib, w, h);
        let index = Arc::new(Index::build(&s.library.reports));
        podium::app::search::on_index(&mut s, Arc::clone(&index));
        let mut searcher = Searcher::new(index);
        let mut term = Terminal::new(TestBackend::new(w.max(1), h.max(1))).unwrap();
        for a in actions {
            if let Action::Resize { width, height } = a {
                term.backend_mut().resize(width.max(1), height.max(1));
            }
            if let Some(podium::app::Effect::Search { generation, query }) = update(&mut s, a) {
                let r = searcher.search(&s.library.reports, &Query::parse(&query), &Options::default());
                let library = s.library_generation;
                podium::app::search::on_results(&mut s, library, generation, query, Arc::new(r));
            }
            assert_in_range(&s);
            term.draw(|f| podium::ui::draw(f, &s)).unwrap();
        }
    }

    #[test]
    fn a_stored_library_spliced_with_changed_files_answers_as_a_fresh_index(
        (old, new, added) in (1usize..5).prop_flat_map(|n| (
            (0..n).map(report).collect::<Vec<_>>(),
            // Per file: kept (None), or its new version (Some(None): removed).
            (0..n).map(|i| prop_oneof![
                2 => Just(None),
                1 => Just(Some(None)),
                2 => report(i).prop_map(|r| Some(Some(r))),
            ]).collect::<Vec<_>>(),
            proptest::option::of(report(n)),
        )),
        query in prop_oneof![
            "[a-z]{1,6}( [a-z]{1,5}){0,2}",
            "[!'^]?[a-zA-Z]{1,4}[$]?( -?[a-z]{2,5})?",
            "(speaker:|!tag:)?[a-zA-Z]{1,6} \\| [a-z]{2,6}",
        ],
    ) {
        use podium::load::stamp::FileStamp;
        use podium::load::{FileOutcome, Parsed, Pos};
        use podium::search::index::{manifest::Manifest, splice, store};
        use std::path::{Path, PathBuf};
        // One report per file, the files walked in name order; a library is
        // its files' reports sorted by date (ties in walk order), as a load sorts.
        let sorted = |mut reports: Vec<Report>| {
            reports.sort_by(|a, b| (&a.date, &a.start).cmp(&(&b.date, &b.start)));
            reports
        };
        let stamp = |i: usize, version: i128| FileStamp { len: 1, modified_ns: version, changed_ns: version, inode: i as u64 };
        let file = |i: usize| PathBuf::from(format!("r{i}.yaml"));
        let before: Vec<(PathBuf, FileStamp)> = (0..old.len()).map(|i| (file(i), stamp(i, 1))).collect();
        let stored_reports = sorted(old.clone());
        let manifest = Manifest::new("test", &before, &stored_reports).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lib.idx");
        let keys = store::Keys { content: 1, files: 1 };
        let built = Index::build(&stored_reports);
        store::save_with(&path, keys, &built, &stored_reports, &[], Some(&manifest), &|_, _| {}, &|| false).unwrap();

        let mut now = Vec::new();
        let mut current: Vec<Report> = Vec::new();
        let mut changed: std::collections::HashMap<PathBuf, Report> = Default::default();
        for (i, version) in new.iter().enumerate() {
            match version {
                None => {
                    now.push((file(i), stamp(i, 1)));
                    current.push(old[i].clone());
                }
                Some(None) => {}
                Some(Some(r)) => {
                    now.push((file(i), stamp(i, 2)));
                    current.push(r.clone());
                    changed.insert(file(i), r.clone());
                }
            }
        }
        if let Some(r) = &added {
            now.push((file(old.len()), stamp(old.len(), 2)));
            current.push(r.clone());
            changed.insert(file(old.len()), r.clone());
        }
        let read = |p: &Path| {
            let report = changed.get(p)?.clone();
            Some(FileOutcome { reports: vec![Parsed { report, id_pos: Pos::new(1, 1), explicit_id: true }], problems: vec![] })
        };
        let opened = store::open_stamped(&path).unwrap();
        let library = splice::splice(opened, &manifest, "test", &now, read).expect("a few files changed");
        prop_assert_eq!(library.files_read, changed.len());

        let fresh_reports = sorted(current);
        let fresh = Arc::new(Index::build(&fresh_reports));
        let spliced = Arc::new(library.index);
        let q = Query::parse(&query);
        let opts = Options { limit: 50, kind: None, ..Options::default() };
        let expected = Searcher::new(Arc::clone(&fresh)).search(&fresh_reports, &q, &opts);
        let got = Searcher::new(Arc::clone(&spliced)).search(&library.reports, &q, &opts);
        // The same hits, by what they are (item numbers differ), in the same order.
        use podium::search::Reports as _;
        let what = |reports: &dyn Fn(u32) -> String, index: &Index, hits: &[podium::search::engine::Hit]| {
            hits.iter()
                .map(|h| {
                    let it = index.items[h.item as usize];
                    (reports(it.report), it.kind, it.speaker, it.quote, h.score)
                })
                .collect::<Vec<_>>()
        };
        let fresh_id = |r: u32| fresh_reports[r as usize].id.clone();
        let spliced_id = |r: u32| library.reports.report(r as usize).id.clone();
        prop_assert_eq!(what(&fresh_id, &fresh, &expected.hits), what(&spliced_id, &spliced, &got.hits));
        if !q.positive().any(|t| t.case_sensitive) {
            prop_assert_eq!(expected.total, got.total);
        }
    }

    #[test]
    fn match_positions_are_characters_of_the_text_and_scan_agrees_with_the_stored_index(
        lib in library(),
        query in prop_oneof![
            "[a-z]{1,6}( [a-z]{1,5}){0,2}",
            "[!'^]?[a-zàé北]{1,4}[$]?",
            "[!'^]?[a-zA-Z]{1,3}[-'’,.–][a-zA-Z]{1,3}[$]?( [A-Za-z]{1,3}[$]?)?",
            // Alternatives, with operators, filters and capitals on either side.
            "([!'^]|speaker:|!tag:)?[a-zA-Z]{1,6}[$]? \\| [!'^]?[a-zA-Z]{2,6}[$]?( [a-z]{4,9})?",
            any::<String>(),
        ],
    ) {
        let q = Query::parse(&query);
        // The index as the reader and `podium search` find it on disk: stored
        // and read back, it answers as the scan does.
        // Searched through the reports read back from the file, as `podium
        // search` does, not the loaded ones.
        use podium::search::index::store;
        let built = Index::build(&lib.reports);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lib.idx");
        let keys = store::Keys { content: store::library_key(&lib.reports, "test"), files: 1 };
        store::save(&path, keys, &built, &lib.reports, &[]).unwrap();
        let stored = store::open(&path, 1).unwrap();
        let index = Arc::new(stored.index);
        let mut searcher = Searcher::new(Arc::clone(&index));
        let opts = Options { limit: 50, kind: None, ..Options::default() };
        let indexed = searcher.search(&stored.reports, &q, &opts);
        prop_assert!(!stored.reports.damaged());
        let (items, scanned) = scan::search_once(&lib.reports, &q, &opts);
        prop_assert_eq!(&items, &index.items);
        // With a capital in the query the index checks case exactly only for
        // the hits it shows (its total is an upper bound); the hits agree.
        if !q.positive().any(|t| t.case_sensitive) {
            prop_assert_eq!(scanned.total, indexed.total);
        }
        prop_assert_eq!(&scanned.hits, &indexed.hits);
        for hit in &indexed.hits {
            let (text, _) = item_text(&lib.reports, &index.items[hit.item as usize]);
            let n = text.chars().count();
            let positions = highlight::positions(&text, &q);
            prop_assert!(positions.iter().all(|&p| p < n), "{:?} in {:?}", positions, text);
            prop_assert!(positions.windows(2).all(|w| w[0] < w[1]));
            // And in the text `podium search` prints, which the JSON's positions index.
            let shown = podium::export::hit_text(&lib.reports, &index.items[hit.item as usize]).unwrap();
            let n = shown.chars().count();
            let positions = highlight::positions(&shown, &q);
            prop_assert!(positions.iter().all(|&p| p < n), "{:?} in {:?}", positions, shown);
            prop_assert!(positions.windows(2).all(|w| w[0] < w[1]));
        }
    }
}
