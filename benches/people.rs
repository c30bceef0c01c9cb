//! The People table on a generated library of 5,000 reports whose speakers recur (examples/generate):
//! building it after loading, filtering it per keystroke (each query typed one character at a time, each
//! prefix filtering the whole table, as the reader does), the likely duplicates `podium validate` lists,
//! and, as a yardstick on the same library, building the search index.
//!
//! cargo bench --bench people            (generates 5,000 reports of 50 quotes in a temporary folder)
//! PODIUM_BENCH_LIBRARY=DIR cargo bench --bench people    (any library instead)

#[allow(dead_code)]
#[path = "../examples/generate/library.rs"]
mod library;
#[allow(dead_code)]
#[path = "../examples/generate/people.rs"]
mod people;
#[allow(dead_code)]
#[path = "../examples/generate/rng.rs"]
mod rng;
#[allow(dead_code)]
#[path = "../examples/generate/words.rs"]
mod words;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use podium::load::{Input, LoadOptions, load};
use podium::people::{Aliases, People, likely_duplicates};
use podium::search::Index;
use std::hint::black_box;
use std::time::{Duration, Instant};

const REPORTS: usize = 5_000;

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = match std::env::var_os("PODIUM_BENCH_LIBRARY") {
        Some(p) => p.into(),
        None => {
            let out = dir.path().join("lib");
            library::write(&out, REPORTS, 50, library::SEED);
            out
        }
    };
    let t = Instant::now();
    let lib = load(&[Input::Path(path)], &LoadOptions::default());
    let reports = lib.reports;
    let entries: usize = reports.iter().map(|r| r.speakers.len()).sum();
    let quotes: usize = reports.iter().map(|r| r.quotes.len()).sum();
    let aliases = Aliases::default();
    let table = People::build(&reports, &aliases);
    let ones = table.persons.iter().filter(|p| p.sessions <= 2).count();
    let dozens = table.persons.iter().filter(|p| p.sessions >= 24).count();
    println!(
        "library: {} reports, {quotes} quotes, {entries} speaker entries, {} persons (most sessions {}, {:.0}% at \
         one or two, {dozens} at 24 or more), {} likely duplicate pairs; loaded in {:?}",
        reports.len(),
        table.len(),
        table.persons.first().map_or(0, |p| p.sessions),
        100.0 * ones as f64 / table.len().max(1) as f64,
        likely_duplicates(&table).len(),
        t.elapsed(),
    );

    let mut g = c.benchmark_group("people");
    g.warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(3)).sample_size(20);
    g.bench_function("build", |b| b.iter(|| black_box(People::build(black_box(&reports), &aliases))));
    g.bench_function("likely_duplicates", |b| b.iter(|| black_box(likely_duplicates(black_box(&table)))));
    g.bench_function("by_name", |b| b.iter(|| black_box(table.by_name())));

    // Keystrokes: a surname no one has, then the most recurring person's name as written.
    let all: Vec<usize> = (0..table.len()).collect();
    let name = table.persons.first().map_or("Mariam Shita".to_string(), |p| p.name.clone());
    let mut typed: Vec<String> = (1..="cerf".len()).map(|n| "cerf"[..n].to_string()).collect();
    let chars: Vec<char> = name.chars().collect();
    typed.extend((1..=chars.len()).map(|n| chars[..n].iter().collect::<String>()));
    g.measurement_time(Duration::from_secs(1)).warm_up_time(Duration::from_millis(300));
    for q in &typed {
        g.bench_with_input(BenchmarkId::new("filter", q), q, |b, q| {
            b.iter(|| black_box(table.filter(black_box(q), &all)))
        });
    }
    g.finish();

    let mut g = c.benchmark_group("yardstick");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    g.bench_function("search index build", |b| b.iter(|| black_box(Index::build(black_box(&reports)).len())));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
