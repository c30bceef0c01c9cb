//! Loader → reader → screen: any bytes, loaded as a report file, drawn at a
//! few sizes after a few moves into ratatui's TestBackend. Nothing may panic,
//! and no cell may hold a control character (one would reach the terminal).
#![no_main]

use libfuzzer_sys::fuzz_target;
use podium::app::{Action, Pane, State, update};
use podium::load::Library;
use ratatui::{Terminal, backend::TestBackend};
use std::path::Path;
use std::sync::{Arc, Once};

const SIZES: [(u16, u16); 4] = [(120, 40), (80, 24), (45, 12), (1, 1)];
const MOVES: [Action; 10] = [
    Action::Down,
    Action::Bottom,
    Action::NextSpeaker,
    Action::NextQuote,
    Action::FocusPane(Pane::Session),
    Action::PageDown,
    Action::FocusPane(Pane::Quotes),
    Action::Open,
    Action::Help,
    Action::Problems,
];

fuzz_target!(|data: &[u8]| {
    // As in the loader target: serde_yaml's own panics are caught by the loader.
    static HOOK: Once = Once::new();
    HOOK.call_once(podium::load::quiet_parser_panics);
    let out = podium::load::parse_file(Path::new("fuzz.yaml"), "fuzz", data);
    let library = Library {
        reports: out.reports.into_iter().map(|p| p.report).collect(),
        problems: out.problems,
        files: 1,
        bytes: data.len() as u64,
    };
    let library = Arc::new(library);
    for (w, h) in SIZES {
        let mut s = State::new(Library::default(), w, h);
        s.replace_library(Arc::clone(&library));
        let mut term = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
        for step in 0..=MOVES.len() {
            term.draw(|f| podium::ui::draw(f, &s)).expect("drawing into memory");
            for cell in term.backend().buffer().content() {
                assert!(!cell.symbol().chars().any(char::is_control), "a control character on screen");
            }
            if let Some(&a) = MOVES.get(step) {
                update(&mut s, a);
            }
        }
    }
});
