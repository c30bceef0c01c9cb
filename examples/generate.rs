//! Writes a synthetic report library for benchmarks and load tests.
//!
//! cargo run --release --example generate -- OUT_DIR REPORTS [QUOTES_PER_REPORT] [SEED]
//!
//! Deterministic for a given seed. Realistic where it matters for speed and
//! ranking: a Zipf-distributed vocabulary of ~40,000 words (a few hundred real
//! ones, the rest made of syllables), accented and non-Latin names, curly
//! quotes, apostrophes and dashes, quotes of 50–400 characters. Also writes
//! OUT_DIR.quotes.txt with every quote on one line, for `fzf --filter`.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;

const REAL_WORDS: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "is",
    "that",
    "for",
    "we",
    "it",
    "on",
    "with",
    "as",
    "this",
    "are",
    "be",
    "our",
    "not",
    "but",
    "have",
    "they",
    "their",
    "from",
    "by",
    "at",
    "all",
    "more",
    "can",
    "must",
    "need",
    "should",
    "people",
    "children",
    "online",
    "internet",
    "governance",
    "protection",
    "safety",
    "access",
    "rights",
    "data",
    "privacy",
    "security",
    "policy",
    "government",
    "governments",
    "civil",
    "society",
    "private",
    "sector",
    "industry",
    "multistakeholder",
    "stakeholders",
    "community",
    "communities",
    "digital",
    "divide",
    "connectivity",
    "broadband",
    "rural",
    "infrastructure",
    "teachers",
    "parents",
    "schools",
    "education",
    "youth",
    "women",
    "gender",
    "inclusion",
    "freedom",
    "expression",
    "content",
    "platforms",
    "regulation",
    "law",
    "enforcement",
    "cybercrime",
    "abuse",
    "images",
    "trust",
    "standards",
    "network",
    "neutrality",
    "artificial",
    "intelligence",
    "algorithms",
    "elections",
    "misinformation",
    "journalists",
    "languages",
    "multilingual",
    "domain",
    "names",
    "capacity",
    "building",
    "development",
    "sustainable",
    "economy",
    "small",
    "businesses",
    "innovation",
    "research",
    "universities",
    "cooperation",
    "international",
    "regional",
    "national",
    "local",
    "framework",
    "roadmap",
    "strategy",
    "approach",
    "challenges",
    "opportunities",
    "responsibility",
    "accountability",
    "transparency",
    "human",
    "dignity",
    "mobile",
    "phones",
    "affordable",
    "devices",
    "spectrum",
    "satellite",
    "cables",
    "energy",
    "climate",
    "health",
    "telemedicine",
    "identity",
    "theft",
    "surveillance",
    "encryption",
    "cybersecurity",
    "incident",
    "response",
    "teams",
    "skills",
    "training",
    "workshop",
    "session",
    "panel",
    "question",
    "answer",
    "example",
    "million",
    "billion",
    "percent",
    "years",
    "today",
    "tomorrow",
    "future",
    "together",
    "collective",
    "action",
];
const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ne", "ru", "ta", "vi", "so", "de", "pa", "ri", "ton", "bel", "mar", "gen", "dis", "pro", "com",
    "tri", "val", "zen", "qui", "lux", "ter", "nov", "sal", "pen", "dor", "fin", "gal",
];
const GIVEN: &[&str] = &[
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
    "Aïsha",
    "Tomás",
    "José",
    "Søren",
    "Thandiwe",
    "Hương",
    "François",
    "Małgorzata",
    "Dmitrij",
    "Léa",
    "Nuño",
    "Gülşen",
];
const FAMILY: &[&str] = &[
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
    "Kowalczyk",
    "Nguyễn",
    "Patel",
    "García",
    "Dubois",
    "Ivanova",
    "O’Brien",
    "Zhang",
    "Mensah",
    "Ñúñez",
    "Ødegård",
    "Mbeki-Dlamini",
    "Lefèvre",
    "Gunnarsdóttir",
    "Çelik",
    "Wiśniewska",
    "Tanaka",
    "Achterberg",
    "da Costa",
];
const ORGS: &[&str] = &[
    "ECPAT International",
    "Ministry of Communication and Information Technology",
    "Internet Society",
    "University of São Paulo",
    "Access Now",
    "ICANN",
    "UNESCO",
    "Digital Rights Foundation, Lahore",
    "Association for Progressive Communications",
    "Électricité Numérique SA",
    "Mozilla Foundation",
    "African Union Commission",
    "Global Partners Digital",
    "Research ICT Africa",
    "Tech for Good – Nairobi",
];
const ROLES: &[&str] = &[
    "Director",
    "Policy Advisor",
    "Senior Expert Advisor",
    "Programme Manager",
    "Professor",
    "Researcher",
    "Chief Executive Officer",
    "Head of Public Policy",
    "Youth Ambassador",
    "Member of Parliament",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Words ranked by frequency, and the cumulative Zipf weights to draw them.
struct Vocabulary {
    words: Vec<String>,
    cumulative: Vec<f64>,
}

impl Vocabulary {
    fn new(rng: &mut Rng) -> Self {
        let mut words: Vec<String> = REAL_WORDS.iter().map(|w| w.to_string()).collect();
        while words.len() < 40_000 {
            let n = 2 + rng.below(3);
            words.push((0..n).map(|_| rng.pick(SYLLABLES)).collect());
        }
        let mut total = 0.0;
        let cumulative = (1..=words.len())
            .map(|rank| {
                total += 1.0 / rank as f64;
                total
            })
            .collect();
        Vocabulary { words, cumulative }
    }

    fn word(&self, rng: &mut Rng) -> &str {
        let total = *self.cumulative.last().unwrap_or(&1.0);
        let x = (rng.next() >> 11) as f64 / (1u64 << 53) as f64 * total;
        let i = self.cumulative.partition_point(|&c| c < x).min(self.words.len() - 1);
        &self.words[i]
    }

    /// A sentence of about `chars` characters, with the punctuation reporters use.
    fn sentence(&self, rng: &mut Rng, chars: usize) -> String {
        let mut s = String::new();
        while s.chars().count() < chars {
            if !s.is_empty() {
                s.push_str(match rng.below(30) {
                    0 => " – ",
                    1 => ", ",
                    2 => " — ",
                    _ => " ",
                });
            }
            let w = self.word(rng);
            if rng.below(40) == 0 {
                let _ = write!(s, "“{w}”");
            } else if rng.below(60) == 0 {
                let _ = write!(s, "{w}’s");
            } else {
                s.push_str(w);
            }
        }
        let mut c = s.chars();
        match c.next() {
            Some(first) => first.to_uppercase().collect::<String>() + c.as_str() + ".",
            None => s,
        }
    }
}

/// YAML double-quoted scalar.
fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: generate OUT_DIR REPORTS [QUOTES_PER_REPORT] [SEED]");
        std::process::exit(2);
    }
    let out = PathBuf::from(&args[1]);
    let reports: usize = args[2].parse().expect("REPORTS is a number");
    let quotes: usize = args.get(3).map_or(50, |q| q.parse().expect("QUOTES_PER_REPORT is a number"));
    let seed: u64 = args.get(4).map_or(0x9E37_79B9_7F4A_7C15, |s| s.parse().expect("SEED is a number")) | 1;
    let mut rng = Rng(seed);
    let vocab = Vocabulary::new(&mut rng);
    let mut lines = std::io::BufWriter::new(
        std::fs::File::create(out.with_extension("quotes.txt")).expect("create the one-quote-per-line file"),
    );
    for i in 0..reports {
        // 100 reports per folder, as a conference archive would be split.
        let dir = out.join(format!("{:03}", i / 100));
        std::fs::create_dir_all(&dir).expect("create output folder");
        let mut y = String::new();
        let _ = writeln!(y, "title: {}", q(vocab.sentence(&mut rng, 40).trim_end_matches('.')));
        let _ = writeln!(y, "event: Generated Forum {}", 2000 + i % 25);
        let _ = writeln!(y, "kind: Workshop");
        let _ = writeln!(y, "date: \"{}-{:02}-{:02}\"", 2000 + i % 25, 1 + i % 12, 1 + i % 28);
        let _ = writeln!(y, "start: \"{:02}:00\"\nend: \"{:02}:30\"", 9 + i % 8, 10 + i % 8);
        let _ = writeln!(y, "tags: [{}, {}]", q(vocab.word(&mut rng)), q(vocab.word(&mut rng)));
        let _ = writeln!(y, "summary: {}", q(&vocab.sentence(&mut rng, 400)));
        let speakers = 4 + i % 4;
        y.push_str("speakers:\n");
        for s in 0..speakers {
            let name = format!("{} {}", rng.pick(GIVEN), rng.pick(FAMILY));
            let _ = writeln!(y, "  - id: s{s}\n    name: {}", q(&name));
            let _ = writeln!(y, "    role: {}\n    organisation: {}", q(rng.pick(ROLES)), q(rng.pick(ORGS)));
            let p1 = vocab.sentence(&mut rng, 120);
            let p2 = vocab.sentence(&mut rng, 90);
            let _ = writeln!(y, "    points:\n      - {}\n      - {}", q(&p1), q(&p2));
        }
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
}
