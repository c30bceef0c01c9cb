//! Per-keystroke search latency on a large library, as the reader sees it:
//! each query typed one character at a time into one `Searcher` (so its
//! caches work as they do while typing), plus drawing the results popup.
//!
//! PODIUM_BENCH_LIBRARY=/path/to/library cargo bench --bench search
//! (PODIUM_BENCH_QUERIES="a|co" types only those queries and skips the reloads unless
//! PODIUM_BENCH_RELOADS=1; PODIUM_BENCH_SLOW=MS prints each keystroke that took MS or more.)
//! (scripts/bench-search.sh generates the library and runs this.)

use podium::app::{Action, State, update};
use podium::load::{Input, LoadOptions, load};
use podium::search::{Index, Options, Query, Searcher};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The query set of ../shared/notes/performance.md, plus typical reader queries.
const QUERIES: &[&str] = &[
    "chld",
    "onlin prot",
    "multistakeholder",
    "abuse imag",
    "indonesia",
    "xqz",
    "a",
    "co",
    "civil society teachers",
    "Arsène",
    "goverment",
    "speaker:carr",
    "'human rights",
    "children online protection",
    // Issue 17: other forms, alternatives, a term across words, a typo.
    "privilege moderate session",
    "carr | shita",
    "saopaulo",
    "teachres",
];

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let Some(path) = std::env::var_os("PODIUM_BENCH_LIBRARY") else {
        eprintln!("set PODIUM_BENCH_LIBRARY to a library folder (scripts/bench-search.sh makes one)");
        return;
    };
    let t = Instant::now();
    let lib = load(&[Input::Path(path.into())], &LoadOptions::default());
    let quotes: usize = lib.reports.iter().map(|r| r.quotes.len()).sum();
    println!("library: {} reports, {quotes} quotes, loaded in {:?}", lib.reports.len(), t.elapsed());
    let t = Instant::now();
    let index = Arc::new(Index::build(&lib.reports));
    println!(
        "index: {} items, {} words, built in {:?}, ~{} MB",
        index.len(),
        index.vocabulary_len(),
        t.elapsed(),
        index.heap_bytes() >> 20
    );

    // A live reload: 1 and 100 files changed (here one report each), the
    // index brought up to date against built again; medians of 5.
    let median = |f: &dyn Fn() -> Duration| {
        let mut v: Vec<Duration> = (0..5).map(|_| f()).collect();
        v.sort();
        v[2]
    };
    // Only some queries: to profile them, without the reloads.
    let only = std::env::var("PODIUM_BENCH_QUERIES").ok();
    for changed in [1, 100].into_iter().filter(|_| only.is_none() || std::env::var_os("PODIUM_BENCH_RELOADS").is_some())
    {
        let mut new = lib.reports.clone();
        for k in 0..changed.min(new.len()) {
            let r = &mut new[k * 7 % lib.reports.len()];
            r.title.push_str(" (revised)");
            if let Some(q) = r.quotes.first_mut() {
                q.text.push_str(" revisedword");
            }
        }
        let build = median(&|| {
            let t = Instant::now();
            std::hint::black_box(Index::build(&new).len());
            t.elapsed()
        });
        let updated = median(&|| {
            let t = Instant::now();
            std::hint::black_box(index.updated(&lib.reports, &new, || false).map(|i| i.len()));
            t.elapsed()
        });
        println!(
            "index after {changed} changed report(s): updated in {updated:?}, built again in {build:?} ({:.1}× faster)",
            build.as_secs_f64() / updated.as_secs_f64()
        );
    }

    let queries: Vec<&str> = match &only {
        Some(list) => list.split('|').collect(),
        None => QUERIES.to_vec(),
    };
    // PODIUM_BENCH_SLOW=MS prints each keystroke that took MS or more.
    let slow: Option<f64> = std::env::var("PODIUM_BENCH_SLOW").ok().and_then(|v| v.parse().ok());
    let mut keystrokes = Vec::new();
    let mut full_queries = Vec::new();
    let options = Options { limit: podium::app::search::HIT_LIMIT, kind: None, ..Options::default() };
    for round in 0..5 {
        // A fresh searcher per round: nothing cached from the round before.
        let mut searcher = Searcher::new(Arc::clone(&index));
        for q in &queries {
            let chars: Vec<char> = q.chars().collect();
            for n in 1..=chars.len() {
                let typed: String = chars[..n].iter().collect();
                let t = Instant::now();
                let r = searcher.search(&lib.reports, &Query::parse(&typed), &options);
                let took = t.elapsed();
                std::hint::black_box(r.total);
                if round > 0 {
                    keystrokes.push(took);
                    if slow.is_some_and(|ms| took.as_secs_f64() * 1e3 >= ms) {
                        println!("  slow keystroke: {typed:?} {took:?}");
                    }
                }
            }
            // The whole query at once, with nothing cached: the complete ranking.
            let mut cold = Searcher::new(Arc::clone(&index));
            let t = Instant::now();
            std::hint::black_box(cold.search(&lib.reports, &Query::parse(q), &options).total);
            if round > 0 {
                full_queries.push((q, t.elapsed()));
            }
        }
    }
    keystrokes.sort();
    println!(
        "per keystroke ({} samples): p50 {:?}  p90 {:?}  p99 {:?}  max {:?}",
        keystrokes.len(),
        percentile(&keystrokes, 0.5),
        percentile(&keystrokes, 0.9),
        percentile(&keystrokes, 0.99),
        keystrokes.last().unwrap()
    );
    let mut fulls: Vec<Duration> = full_queries.iter().map(|(_, d)| *d).collect();
    fulls.sort();
    println!(
        "complete ranking, cold, whole query: median {:?}  max {:?}",
        percentile(&fulls, 0.5),
        fulls.last().unwrap()
    );
    for q in &queries {
        let mut ds: Vec<Duration> = full_queries.iter().filter(|(x, _)| *x == q).map(|(_, d)| *d).collect();
        ds.sort();
        println!("  {q:<28} median {:?}", percentile(&ds, 0.5));
    }

    // Keystroke to frame: the search plus drawing the popup with its results.
    let mut state = State::new(lib, 120, 40);
    podium::app::search::on_index(&mut state, Arc::clone(&index));
    let mut searcher = Searcher::new(Arc::clone(&index));
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    update(&mut state, Action::Search);
    let mut frames = Vec::new();
    for c in "civil society teachers".chars() {
        let t = Instant::now();
        if let Some(podium::app::Effect::Search { generation, query }) = update(&mut state, Action::Input(c)) {
            let r = searcher.search(&state.library.reports, &Query::parse(&query), &options);
            let library = state.library_generation;
            podium::app::search::on_results(&mut state, library, generation, query, Arc::new(r));
        }
        term.draw(|f| podium::ui::draw(f, &state)).unwrap();
        frames.push(t.elapsed());
    }
    frames.sort();
    println!(
        "keystroke → results drawn (120x40): p50 {:?}  max {:?}",
        percentile(&frames, 0.5),
        frames.last().unwrap()
    );
}
