//! Writes a synthetic report library for benchmarks and load tests.
//!
//! cargo run --release --example generate -- OUT_DIR REPORTS [QUOTES_PER_REPORT] [SEED]
//!
//! Deterministic for a given seed. Realistic where it matters for speed and
//! ranking: a Zipf-distributed vocabulary of ~40,000 words (a few hundred real
//! ones, the rest made of syllables), accented and non-Latin names, curly
//! quotes, apostrophes and dashes, quotes of 50–400 characters; speakers who
//! recur across reports over ten years (people.rs). Also writes
//! OUT_DIR.quotes.txt with every quote on one line, for `fzf --filter`.
//!
//! tests/people_generated.rs and benches/people.rs use these modules too.

mod library;
mod people;
mod rng;
mod words;

use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: generate OUT_DIR REPORTS [QUOTES_PER_REPORT] [SEED]");
        std::process::exit(2);
    }
    let out = PathBuf::from(&args[1]);
    let reports: usize = args[2].parse().expect("REPORTS is a number");
    let quotes: usize = args.get(3).map_or(50, |q| q.parse().expect("QUOTES_PER_REPORT is a number"));
    let seed: u64 = args.get(4).map_or(library::SEED, |s| s.parse().expect("SEED is a number"));
    library::write(&out, reports, quotes, seed);
}
