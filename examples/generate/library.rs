//! The library itself: one YAML file per report, 100 to a folder, and
//! OUT_DIR.quotes.txt.

use crate::people::{FIRST_YEAR, Population, YEARS};
use crate::rng::Rng;
use crate::words::Vocabulary;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

/// The seed when none is given.
pub const SEED: u64 = 0x9E37_79B9_7F4A_7C15;

/// Speakers in report `i`: 4 to 7.
pub fn speakers_in(i: usize) -> usize {
    4 + i % 4
}

/// YAML double-quoted scalar.
fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Writes `reports` reports of `quotes` quotes each under `out`, and returns the population that speaks in
/// them with, for each report, its speakers' persons (indices into `persons`) in the file's order.
pub fn write(out: &Path, reports: usize, quotes: usize, seed: u64) -> (Population, Vec<Vec<usize>>) {
    let seed = seed | 1;
    let mut rng = Rng(seed);
    let vocab = Vocabulary::new(&mut rng);
    // The people draw from their own numbers, so that every text (titles, summaries, points, quotes) is what
    // the same seed gave before people recurred, and search benchmarks stay comparable across that change.
    let entries = (0..reports).map(speakers_in).sum();
    let mut population = Population::new(seed, entries, reports);
    let mut casts = Vec::with_capacity(reports);
    let mut lines = std::io::BufWriter::new(
        std::fs::File::create(out.with_extension("quotes.txt")).expect("create the one-quote-per-line file"),
    );
    for i in 0..reports {
        // 100 reports per folder, as a conference archive would be split.
        let dir = out.join(format!("{:03}", i / 100));
        std::fs::create_dir_all(&dir).expect("create output folder");
        let year = FIRST_YEAR + (i % YEARS as usize) as u16;
        let mut y = String::new();
        let _ = writeln!(y, "title: {}", q(vocab.sentence(&mut rng, 40).trim_end_matches('.')));
        let _ = writeln!(y, "event: Generated Forum {year}");
        let _ = writeln!(y, "kind: Workshop");
        let _ = writeln!(y, "date: \"{year}-{:02}-{:02}\"", 1 + i % 12, 1 + i % 28);
        let _ = writeln!(y, "start: \"{:02}:00\"\nend: \"{:02}:30\"", 9 + i % 8, 10 + i % 8);
        let _ = writeln!(y, "tags: [{}, {}]", q(vocab.word(&mut rng)), q(vocab.word(&mut rng)));
        let _ = writeln!(y, "summary: {}", q(&vocab.sentence(&mut rng, 400)));
        let speakers = speakers_in(i);
        let cast = population.cast(speakers);
        y.push_str("speakers:\n");
        for (s, &person) in cast.iter().enumerate() {
            // The four numbers names, roles and organisations took before they came from `population`.
            for _ in 0..4 {
                rng.next();
            }
            let name = population.written(person);
            let stage = population.persons[person].stage(year);
            let _ = writeln!(y, "  - id: s{s}\n    name: {}", q(&name));
            let _ = writeln!(y, "    role: {}\n    organisation: {}", q(stage.role), q(stage.organisation));
            if s == 0 {
                y.push_str("    moderator: true\n");
            }
            let p1 = vocab.sentence(&mut rng, 120);
            let p2 = vocab.sentence(&mut rng, 90);
            let _ = writeln!(y, "    points:\n      - {}\n      - {}", q(&p1), q(&p2));
        }
        casts.push(cast);
        y.push_str("quotes:\n");
        for _ in 0..quotes {
            let len = 50 + rng.below(351);
            let text = vocab.sentence(&mut rng, len);
            let _ = writeln!(y, "  - speaker: s{}\n    text: {}", rng.below(speakers), q(&text));
            if rng.below(3) == 0 {
                let _ = writeln!(y, "    context: {}", q(&vocab.sentence(&mut rng, 60)));
            }
            let _ = writeln!(lines, "{text}");
        }
        std::fs::write(dir.join(format!("report-{i:05}.yaml")), y).expect("write report");
    }
    (population, casts)
}
