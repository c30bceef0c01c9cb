//! Writes a synthetic report library for benchmarks and load tests.
//!
//! cargo run --release --example generate -- OUT_DIR REPORTS [QUOTES_PER_REPORT]
//!
//! Deterministic (a fixed-seed generator), so every run measures the same files.

use std::fmt::Write;
use std::path::PathBuf;

const WORDS: &[&str] = &[
    "child",
    "online",
    "protection",
    "safety",
    "internet",
    "governance",
    "multistakeholder",
    "civil",
    "society",
    "teachers",
    "parents",
    "schools",
    "privacy",
    "identity",
    "theft",
    "abuse",
    "images",
    "law",
    "enforcement",
    "policy",
    "makers",
    "roadmap",
    "capacity",
    "building",
    "workshop",
    "training",
    "access",
    "infrastructure",
    "broadband",
    "rights",
    "freedom",
    "expression",
    "security",
    "cyber",
    "crime",
    "data",
    "protection",
    "trust",
    "développement",
    "société",
    "Zürich",
    "São",
    "Paulo",
    "João",
    "Pessoa",
    "Arsène",
    "government",
    "industry",
    "standards",
    "network",
    "neutrality",
    "content",
    "platforms",
    "youth",
    "education",
    "inclusion",
    "gender",
    "digital",
    "divide",
    "connectivity",
    "community",
    "regulation",
    "ethics",
    "artificial",
    "intelligence",
];
const NAMES: &[&str] = &[
    "Laksmi",
    "Mariam",
    "Saidalavi",
    "John",
    "Arsène",
    "Zoë",
    "Wei",
    "Amara",
    "Olusegun",
    "Ingrid",
    "Mateo",
    "Priya",
    "Kenji",
    "Fatima",
    "Lucas",
    "Nadia",
    "Björn",
    "Chen",
    "Aisha",
    "Tomás",
];
const SURNAMES: &[&str] = &[
    "Shita",
    "Barata",
    "Mohamed",
    "Carr",
    "Tungali",
    "Okafor",
    "Müller",
    "Nakamura",
    "Haddad",
    "Silva",
    "Johansson",
    "Kowalski",
    "Nguyen",
    "Patel",
    "García",
    "Dubois",
    "Ivanova",
    "O'Brien",
    "Zhang",
    "Mensah",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next() % items.len()]
    }
    fn sentence(&mut self, words: usize) -> String {
        (0..words).map(|_| self.pick(WORDS)).collect::<Vec<_>>().join(" ")
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: generate OUT_DIR REPORTS [QUOTES_PER_REPORT]");
        std::process::exit(2);
    }
    let out = PathBuf::from(&args[1]);
    let reports: usize = args[2].parse().expect("REPORTS is a number");
    let quotes: usize = args.get(3).map_or(50, |q| q.parse().expect("QUOTES_PER_REPORT is a number"));
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for i in 0..reports {
        // 100 reports per folder, as a conference archive would be split.
        let dir = out.join(format!("{:03}", i / 100));
        std::fs::create_dir_all(&dir).expect("create output folder");
        let mut y = String::new();
        let _ = writeln!(y, "title: Session {i} on {}", rng.sentence(4));
        let _ = writeln!(y, "event: Generated Forum {}", 2000 + i % 25);
        let _ = writeln!(y, "kind: Workshop");
        let _ = writeln!(y, "date: \"{}-{:02}-{:02}\"", 2000 + i % 25, 1 + i % 12, 1 + i % 28);
        let _ = writeln!(y, "start: \"{:02}:00\"\nend: \"{:02}:30\"", 9 + i % 8, 10 + i % 8);
        let _ = writeln!(y, "tags: [{}, {}]", rng.pick(WORDS), rng.pick(WORDS));
        let _ = writeln!(y, "summary: >-\n  {}", rng.sentence(60));
        let speakers = 4 + i % 4;
        y.push_str("speakers:\n");
        for s in 0..speakers {
            let _ = writeln!(y, "  - id: s{s}\n    name: {} {}", rng.pick(NAMES), rng.pick(SURNAMES));
            let _ = writeln!(y, "    role: {}\n    organisation: {} Institute", rng.sentence(2), rng.pick(WORDS),);
            let _ = writeln!(y, "    points:\n      - {}\n      - {}", rng.sentence(15), rng.sentence(12));
        }
        y.push_str("quotes:\n");
        for _ in 0..quotes {
            let _ = writeln!(y, "  - speaker: s{}\n    text: >-\n      {}", rng.next() % speakers, rng.sentence(22));
            if rng.next().is_multiple_of(3) {
                let _ = writeln!(y, "    context: {}", rng.sentence(8));
            }
        }
        let _ = writeln!(y, "conclusion: {}", rng.sentence(20));
        std::fs::write(dir.join(format!("report-{i:05}.yaml")), y).expect("write report");
    }
}
