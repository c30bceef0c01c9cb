//! Time to draw one frame of the reader into a TestBackend: the 10,000-quote
//! report (top and bottom), a 5,000-word summary, and moving one quote down.
//!
//! cargo bench --bench frame

use criterion::{Criterion, criterion_group, criterion_main};
use podium::app::{Action, Pane, State, update};
use podium::load::parse_file;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use std::path::Path;

fn big_report(quotes: usize, summary_words: usize) -> podium::load::Library {
    let mut y = format!(
        "title: Ten thousand quotes\ndate: 2020-02-02\nsummary: {}\nspeakers:\n  - {{id: a, name: Ann, points: [one, two]}}\n  - {{id: b, name: Bo}}\nquotes:\n",
        "word ".repeat(summary_words)
    );
    for i in 0..quotes {
        let who = if i % 2 == 0 { "a" } else { "b" };
        y.push_str(&format!("  - speaker: {who}\n    text: quote {i} {}\n", "lorem ipsum dolor ".repeat(3 + i % 12)));
    }
    let out = parse_file(Path::new("big.yaml"), "big", y.as_bytes());
    assert!(out.problems.is_empty());
    podium::load::Library { reports: out.reports.into_iter().map(|p| p.report).collect(), ..Default::default() }
}

fn frames(c: &mut Criterion) {
    let lib = big_report(10_000, 5_000);
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();

    let mut s = State::new(lib.clone(), 120, 40);
    c.bench_function("draw 120x40, 10k quotes, top", |b| {
        b.iter(|| {
            term.draw(|f| podium::ui::draw(f, black_box(&s))).unwrap();
        })
    });

    update(&mut s, Action::FocusPane(Pane::Quotes));
    update(&mut s, Action::Bottom);
    c.bench_function("draw 120x40, 10k quotes, bottom", |b| {
        b.iter(|| {
            term.draw(|f| podium::ui::draw(f, black_box(&s))).unwrap();
        })
    });

    c.bench_function("j + draw, 10k quotes", |b| {
        b.iter(|| {
            update(&mut s, Action::Up);
            term.draw(|f| podium::ui::draw(f, black_box(&s))).unwrap();
        })
    });

    let mut s = State::new(lib, 120, 40);
    update(&mut s, Action::FocusPane(Pane::Session));
    update(&mut s, Action::Bottom);
    c.bench_function("draw 120x40, 5,000-word summary scrolled to the end", |b| {
        b.iter(|| {
            term.draw(|f| podium::ui::draw(f, black_box(&s))).unwrap();
        })
    });
}

criterion_group!(benches, frames);
criterion_main!(benches);
