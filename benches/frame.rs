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

/// `reports` reports of six speakers each, drawn from a pool of 1,500 people
/// with changing roles, so that people recur as they do in life.
fn recurring_library(reports: usize) -> podium::load::Library {
    let mut lib = podium::load::Library::default();
    for i in 0..reports {
        let mut y = format!(
            "title: Session {i}\ndate: \"20{:02}-{:02}-{:02}\"\nspeakers:\n",
            10 + i % 15,
            1 + i % 12,
            1 + i % 28
        );
        for k in 0..6 {
            let p = (i * 7 + k * 251) % 1_500;
            y.push_str(&format!("  - {{id: s{k}, name: Person {p} Surname{}, role: Role {}}}\n", p % 97, i % 5));
        }
        y.push_str("quotes:\n");
        for q in 0..20 {
            y.push_str(&format!(
                "  - {{speaker: s{}, text: quote {q} of session {i} {}}}\n",
                q % 6,
                "lorem ipsum ".repeat(5 + q % 10)
            ));
        }
        let out = parse_file(Path::new(&format!("r{i}.yaml")), &format!("r{i}"), y.as_bytes());
        lib.reports.extend(out.reports.into_iter().map(|p| p.report));
    }
    lib
}

fn people(c: &mut Criterion) {
    let lib = recurring_library(5_000);
    c.bench_function("people table, 5,000 reports", |b| {
        b.iter(|| podium::people::People::build(black_box(&lib.reports), &Default::default()))
    });
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut s = State::new(lib, 120, 40);
    update(&mut s, Action::People);
    c.bench_function("People: j + draw 120x40, 5,000 reports", |b| {
        b.iter(|| {
            update(&mut s, Action::Down);
            term.draw(|f| podium::ui::draw(f, black_box(&s))).unwrap();
        })
    });
    update(&mut s, Action::Search);
    c.bench_function("People: a filter keystroke and back, 5,000 reports", |b| {
        b.iter(|| {
            update(&mut s, Action::Input('7'));
            update(&mut s, Action::DeleteChar);
        })
    });
}

criterion_group!(benches, frames, people);
criterion_main!(benches);
