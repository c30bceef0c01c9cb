//! Whole screens drawn into ratatui's TestBackend at fixed sizes, compared with
//! reviewed snapshots (tests/snapshots/); review changes with `cargo insta review`.

mod common;

use podium::app::{Action, Pane, State, update};
use podium::load::Library;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};

fn screen(s: &State) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(s.width, s.height)).unwrap();
    t.draw(|f| podium::ui::draw(f, s)).unwrap();
    t
}

fn state(lib: Library, w: u16, h: u16, actions: &[Action]) -> State {
    let mut s = State::new(lib, w, h);
    for a in actions {
        update(&mut s, *a);
    }
    s
}

#[test]
fn seed_wide() {
    insta::assert_snapshot!(screen(&state(common::seed(), 120, 40, &[])).backend());
}

#[test]
fn seed_wide_with_speaker_selected() {
    let s = state(
        common::seed(),
        120,
        40,
        &[Action::FocusPane(Pane::Speakers), Action::Down, Action::Down, Action::Down, Action::Down],
    );
    insta::assert_snapshot!(screen(&s).backend());
}

#[test]
fn seed_tabs_80x24() {
    insta::assert_snapshot!(screen(&state(common::seed(), 80, 24, &[])).backend());
}

#[test]
fn seed_tabs_80x24_quotes() {
    let s = state(common::seed(), 80, 24, &[Action::FocusPane(Pane::Quotes), Action::NextQuote]);
    insta::assert_snapshot!(screen(&s).backend());
}

#[test]
fn help_overlay() {
    insta::assert_snapshot!(screen(&state(common::seed(), 120, 40, &[Action::Help])).backend());
}

#[test]
fn help_overlay_80x24() {
    insta::assert_snapshot!(screen(&state(common::seed(), 80, 24, &[Action::Help])).backend());
}

#[test]
fn problems_overlay() {
    insta::assert_snapshot!(screen(&state(common::with_problems(), 120, 40, &[Action::Problems])).backend());
}

#[test]
fn every_file_failed() {
    let mut lib = common::with_problems();
    lib.reports.clear();
    insta::assert_snapshot!(screen(&state(lib, 80, 24, &[])).backend());
}

#[test]
fn quote_overlay() {
    let s = state(common::seed(), 120, 40, &[Action::FocusPane(Pane::Quotes), Action::NextQuote, Action::Open]);
    insta::assert_snapshot!(screen(&s).backend());
}

#[test]
fn too_small() {
    insta::assert_snapshot!(screen(&state(common::seed(), 30, 8, &[])).backend());
}

#[test]
fn every_size_draws_without_panic() {
    let text = common::many_quotes(200);
    for (w, h) in [(1, 1), (0, 0), (2, 50), (200, 1), (39, 10), (40, 10), (99, 12), (100, 10), (250, 80)] {
        for lib in [common::seed(), Library::default(), common::library(&[("big", &text)])] {
            let mut s = state(lib, w, h, &[]);
            for a in [Action::Help, Action::Back, Action::FocusPane(Pane::Quotes), Action::Bottom, Action::Open] {
                update(&mut s, a);
                screen(&s);
            }
        }
    }
}

#[test]
fn scripts_of_the_world_keep_their_widths() {
    let yaml = "title: 北京 – São Paulo – 👍🏽 – e\u{301}cole\ndate: 2020-01-01\nspeakers:\n  - {id: a, name: Arsène Ñúñez 李小龍 🎤}\nquotes:\n  - {speaker: a, text: \"東京で会いましょう. Привет. مرحبا. 👨‍👩‍👧 family.\"}\n";
    let s = state(common::library(&[("w", yaml)]), 120, 40, &[Action::NextSpeaker]);
    insta::assert_snapshot!(screen(&s).backend());
}

#[test]
fn hostile_text_is_drawn_as_placeholders() {
    let lib = podium::load::load(
        &[podium::load::Input::Path(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/load/escapes.yaml").into())],
        &Default::default(),
    );
    let s = state(lib, 120, 40, &[Action::NextSpeaker]);
    let t = screen(&s);
    for cell in t.backend().buffer().content() {
        assert!(!cell.symbol().chars().any(|c| c.is_control()), "{:?}", cell.symbol());
    }
    let text: String = t.backend().buffer().content().iter().map(|c| c.symbol()).collect();
    assert!(text.contains("␛]52;c;SGVsbG8=␇"));
}

#[test]
fn no_color_keeps_selection_visible() {
    let mut s = state(common::seed(), 120, 40, &[Action::NextSpeaker]);
    s.color = false;
    let t = screen(&s);
    let buf = t.backend().buffer();
    for cell in buf.content() {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "no colour at all: {cell:?}");
    }
    let reversed = buf.content().iter().filter(|c| c.modifier.contains(Modifier::REVERSED)).count();
    assert!(reversed > 0, "selection shown in reverse video");
    let text: String = buf.content().iter().map(|c| c.symbol()).collect();
    assert!(text.contains("▶ Laksmi Shita"), "selection marked");
    s.color = true;
    assert!(screen(&s).backend().buffer().content().iter().any(|c| c.fg != Color::Reset), "colour when allowed");
}

#[test]
fn only_the_renderers_own_escape_sequences_reach_the_terminal() {
    use ratatui::backend::CrosstermBackend;
    use ratatui::layout::Rect;
    use ratatui::{TerminalOptions, Viewport};
    let lib = podium::load::load(
        &[podium::load::Input::Path(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/load").into())],
        &Default::default(),
    );
    for actions in [&[][..], &[Action::NextSpeaker, Action::FocusPane(Pane::Quotes)], &[Action::Problems]] {
        let mut s = state(lib.clone(), 120, 40, actions);
        for report in 0..s.library.reports.len() {
            s.open_report(report);
            let options = TerminalOptions { viewport: Viewport::Fixed(Rect::new(0, 0, 120, 40)) };
            let out = common::Shared::default();
            let mut t = Terminal::with_options(CrosstermBackend::new(out.clone()), options).unwrap();
            t.draw(|f| podium::ui::draw(f, &s)).unwrap();
            let bytes = out.0.borrow().clone();
            assert!(bytes.len() > 1000, "something was drawn");
            common::assert_only_csi_moves_and_sgr(&bytes);
        }
    }
}

#[test]
fn search_popup_with_results() {
    use podium::search::{Index, Options, Query, Searcher};
    use std::sync::Arc;
    let mut s = State::new(common::seed(), 120, 40);
    let index = Arc::new(Index::build(&s.library.reports));
    podium::app::search::on_index(&mut s, Arc::clone(&index));
    let mut searcher = Searcher::new(index);
    update(&mut s, Action::Search);
    for c in "teachers par".chars() {
        if let Some(podium::app::Effect::Search { generation, query }) = update(&mut s, Action::Input(c)) {
            let r = searcher.search(&s.library.reports, &Query::parse(&query), &Options::default());
            let library = s.library_generation;
            podium::app::search::on_results(&mut s, library, generation, query, Arc::new(r));
        }
    }
    update(&mut s, Action::Down);
    insta::assert_snapshot!(screen(&s).backend());
    update(&mut s, Action::Open);
    insta::assert_snapshot!("search_hit_selected", screen(&s).backend());
}

/// The status line's last row, as text.
fn status_line(s: &State) -> String {
    let t = screen(s);
    let buffer = t.backend().buffer();
    (0..s.width).map(|x| buffer[(x, s.height - 1)].symbol().to_string()).collect()
}

#[test]
fn the_status_line_counts_errors_and_warnings_apart_and_shows_loading_progress() {
    let mut lib = common::with_problems();
    lib.problems.push(podium::load::Problem::warning(
        std::path::Path::new("b/a.yaml"),
        None,
        "id `a` (from the file name) is taken",
    ));
    let s = state(lib, 120, 40, &[]);
    assert!(status_line(&s).contains("⚠ 2 errors, 1 warning (p)"), "{}", status_line(&s));
    let mut only_warnings = common::seed();
    only_warnings.problems.push(podium::load::Problem::warning(std::path::Path::new("a.yaml"), None, "w"));
    let s = state(only_warnings, 120, 40, &[]);
    assert!(status_line(&s).contains("⚠ 1 warning (p)"), "{}", status_line(&s));
    let mut s = state(common::seed(), 120, 40, &[]);
    s.loading = Some((5, 10));
    assert!(status_line(&s).starts_with("Loading ▕█████     ▏ 5/10 files · 1 report · "), "{}", status_line(&s));
}

/// People on the recurring library: Vinton Cerf selected, his quotes focused.
fn people_state(w: u16, h: u16) -> State {
    state(common::recurring_library(), w, h, &[Action::People, Action::Open, Action::NextPane, Action::Down])
}

#[test]
fn people_wide() {
    insta::assert_snapshot!(screen(&people_state(120, 40)).backend());
}

#[test]
fn people_narrow_80x24_list() {
    let s = state(common::recurring_library(), 80, 24, &[Action::People, Action::Down]);
    insta::assert_snapshot!(screen(&s).backend());
}

#[test]
fn people_narrow_80x24_quotes() {
    insta::assert_snapshot!(screen(&people_state(80, 24)).backend());
}

#[test]
fn people_filter_prompt_and_help() {
    let mut s = state(common::recurring_library(), 120, 40, &[Action::People, Action::Search]);
    for c in "cerf".chars() {
        update(&mut s, Action::Input(c));
    }
    insta::assert_snapshot!("people_filter_prompt", screen(&s).backend());
    update(&mut s, Action::Open);
    update(&mut s, Action::Help);
    let text: String = screen(&s).backend().buffer().content().iter().map(|c| c.symbol()).collect();
    assert!(text.contains("In People") && text.contains("order by sessions ⇄ by name"), "help tells People's keys");
}

#[test]
fn people_without_colour_keeps_its_selections_visible() {
    for (w, h) in [(120, 40), (80, 24)] {
        let mut s = people_state(w, h);
        s.color = false;
        let t = screen(&s);
        let buf = t.backend().buffer();
        for cell in buf.content() {
            assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "no colour at all: {cell:?}");
        }
        assert!(buf.content().iter().any(|c| c.modifier.contains(Modifier::REVERSED)), "selection in reverse video");
        let text: String = buf.content().iter().map(|c| c.symbol()).collect();
        assert!(text.contains("▌ “We must keep one internet"), "the selected quote marked at {w}x{h}");
        if w >= 100 {
            assert!(text.contains("▶ Dr. Vinton Cerf"), "the selected person marked");
        }
    }
}

#[test]
fn the_speakers_pane_counts_other_sessions() {
    // The third report: Vinton Cerf has two other sessions, João Pessoa one.
    let s = state(common::recurring_library(), 120, 40, &[Action::NextReport, Action::NextReport]);
    let text: String = screen(&s).backend().buffer().content().iter().map(|c| c.symbol()).collect();
    assert!(text.contains("Dr. Vinton Cerf (2) +2"), "{text}");
    assert!(text.contains("João Pessoa (1) +1 session · Former minister"));
    // Mariam Barata's other session is in the fourth report; Anna Cerf has none.
    let s = state(common::recurring_library(), 120, 40, &[]);
    let text: String = screen(&s).backend().buffer().content().iter().map(|c| c.symbol()).collect();
    assert!(!text.contains("Anna Cerf (1) +"), "one session: no count");
}

#[test]
fn people_draws_at_every_size_without_panic() {
    for w in [40u16, 41, 60, 80, 99, 100, 101, 140, 250] {
        for h in [10u16, 11, 15, 24, 40, 60] {
            let s = state(
                common::recurring_library(),
                w,
                h,
                &[Action::People, Action::Open, Action::NextPane, Action::Bottom],
            );
            screen(&s);
        }
    }
}

/// The screen's text, row by row.
fn rows(s: &State) -> Vec<String> {
    let t = screen(s);
    let buffer = t.backend().buffer();
    (0..s.height).map(|y| (0..s.width).map(|x| buffer[(x, y)].symbol().to_string()).collect()).collect()
}

#[test]
fn seed_tabs_80x24_speakers() {
    let s = state(common::seed(), 80, 24, &[Action::FocusPane(Pane::Speakers)]);
    insta::assert_snapshot!(screen(&s).backend());
}

#[test]
fn every_role_and_organisation_is_shown_in_full() {
    for (w, h) in [(120, 40), (80, 24), (100, 10)] {
        let s = state(common::seed(), w, h, &[Action::FocusPane(Pane::Speakers)]);
        let a = s.areas();
        let pane = |p: Pane| {
            let r = a.inner(p);
            let text: String = rows(&s)[r.y as usize..r.bottom() as usize]
                .iter()
                .map(|row| row.chars().skip(r.x as usize).take(r.width as usize).collect::<String>() + " ")
                .collect();
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        let text = pane(Pane::Speakers);
        for aff in [
            "Program Development Manager, HIVOS Southeast Asia",
            "Director General Secretary, Indonesian Ministry of Communication and Technology",
            "Chief Executive Officer, Developing Internet Safe Community Foundation",
        ] {
            if h >= 24 {
                assert!(text.contains(aff), "{w}x{h}: {aff}\n{text}");
            }
        }
        if w >= 100 && h >= 24 {
            let title = "Child online protection through multistakeholder engagement";
            assert!(pane(Pane::Library).contains(title), "{w}x{h}: {}", pane(Pane::Library));
        }
    }
}

#[test]
fn the_tab_bar_fits_40_columns() {
    let s = state(common::seed(), 40, 10, &[]);
    let bar = rows(&s)[0].clone();
    assert!(bar.contains(" 1 Library ") && bar.trim_end().ends_with('5'), "{bar:?}");
    for n in ["2", "3", "4"] {
        assert!(bar.contains(&format!(" {n} ")), "{bar:?}");
    }
}

#[test]
fn z_below_100_columns_says_so_in_full() {
    let s = state(common::seed(), 80, 24, &[Action::Zoom]);
    let line = status_line(&s);
    assert!(line.contains("Below 100 columns each pane has the whole width already."), "{line}");
}

#[test]
fn reports_of_the_same_title_and_date_are_told_apart() {
    let a = "title: Opening session\ndate: 2020-01-01\nevent: IGF\n";
    let b = "title: Opening session\ndate: 2020-01-01\nevent: EuroDIG\n";
    let c = "title: Closing session\ndate: 2020-01-01\nevent: EuroDIG\n";
    let s = state(common::library(&[("a", a), ("b", b), ("c", c)]), 120, 40, &[]);
    let text = rows(&s).join("\n");
    assert!(text.contains("Opening session · IGF") && text.contains("Opening session · EuroDIG"), "{text}");
    assert!(!text.contains("Closing session ·"), "a title of its own needs nothing more");
}

#[test]
fn a_long_source_address_breaks_where_an_address_can() {
    let url = "https://www.intgovforum.org/multilingual/content/igf-2015-workshop-no-23-child-online-protection-through-multistakeholder-engagement?from=list&page=2";
    let yaml = format!("title: T\ndate: 2020-01-01\nsource: Report by the organisers at {url}\n");
    let lib = common::library(&[("t", &yaml)]);
    let r = &lib.reports[0];
    for width in [30, 46, 70] {
        let rows = podium::app::text::session_rows(r, width);
        let at = rows.iter().position(|r| r.plain().starts_with("Source")).unwrap();
        let lines: Vec<String> = rows[at..]
            .iter()
            .enumerate()
            .take_while(|(i, r)| r.0.len() == 2 && (*i == 0 || r.0[0].1.trim().is_empty()))
            .map(|(_, r)| r.0[1].1.clone())
            .collect();
        let start = lines.iter().position(|l| l.starts_with("https://")).expect("the address starts a line");
        let mut joined = String::new();
        for (i, l) in lines[start..].iter().enumerate() {
            assert!(l.chars().count() <= width - 8, "{l}");
            joined.push_str(l.trim_end());
            if joined.len() < url.len() {
                assert!(l.trim_end().ends_with(['/', '-', '?', '&', '=', '.', '_']), "{width}: row {i} {l:?}");
            }
        }
        assert!(joined.starts_with(url), "{joined}");
    }
}

#[test]
fn a_context_that_only_repeats_the_attribution_is_not_shown() {
    let yaml = "title: T\ndate: 2020-01-01\nspeakers:\n  - {id: m, name: Kwame Mensah}\nquotes:\n  - {speaker: m, text: We need roads first., context: said Mensah.}\n  - {speaker: m, text: And then schools., context: 'Mensah said, closing the panel.'}\n";
    let s = state(common::library(&[("t", yaml)]), 120, 40, &[]);
    let text = rows(&s).join("\n");
    assert!(!text.contains("said Mensah."), "{text}");
    assert!(text.contains("Mensah said, closing the panel."), "{text}");
    let s = state(common::library(&[("t", yaml)]), 120, 40, &[Action::FocusPane(Pane::Quotes), Action::Open]);
    assert!(!rows(&s).join("\n").contains("said Mensah."));
}
