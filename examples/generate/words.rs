//! Words, names, organisations and roles the generator draws from, and the
//! Zipf-distributed vocabulary of quotes.

use crate::rng::Rng;
use std::fmt::Write as _;

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
pub const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ne", "ru", "ta", "vi", "so", "de", "pa", "ri", "ton", "bel", "mar", "gen", "dis", "pro", "com",
    "tri", "val", "zen", "qui", "lux", "ter", "nov", "sal", "pen", "dor", "fin", "gal",
];
pub const GIVEN: &[&str] = &[
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
pub const FAMILY: &[&str] = &[
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
pub const ORGS: &[&str] = &[
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
pub const ROLES: &[&str] = &[
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

/// More first names for the population of recurring speakers (only `GIVEN` before it): more initials, so
/// that fewer people share a surname and a first initial than two lists of 30 would make.
pub const MORE_GIVEN: &[&str] = &[
    "Bertrand", "Rashida", "Emeka", "Yuki", "Hélène", "Rafael", "Esther", "Kwame", "Ulla", "Vikram", "Renée", "Ximena",
    "Yaw", "Quentin", "Éric", "Gabriela", "Hamid", "Inés", "Kofi", "Olga", "Pavel", "Rosa", "Sipho", "Valeria",
    "Wanjiru", "Yasmin", "Zaid", "Ünal", "Dagny", "Efua",
];
/// Roles of those addressed as "H.E." (ministers and diplomats).
pub const OFFICIAL_ROLES: &[&str] =
    &["Minister of Communications", "Ambassador", "Permanent Representative", "Deputy Minister", "Secretary of State"];
/// Honorifics some people are introduced with, each with its weight in 100.
pub const TITLES: &[(&str, usize)] = &[("Dr.", 12), ("Prof.", 4), ("H.E.", 4), ("Ms", 3), ("Mr.", 3)];

/// Words ranked by frequency, and the cumulative Zipf weights to draw them.
pub struct Vocabulary {
    words: Vec<String>,
    cumulative: Vec<f64>,
}

impl Vocabulary {
    pub fn new(rng: &mut Rng) -> Self {
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

    pub fn word(&self, rng: &mut Rng) -> &str {
        let total = *self.cumulative.last().unwrap_or(&1.0);
        let x = (rng.next() >> 11) as f64 / (1u64 << 53) as f64 * total;
        let i = self.cumulative.partition_point(|&c| c < x).min(self.words.len() - 1);
        &self.words[i]
    }

    /// A sentence of about `chars` characters, with the punctuation reporters use.
    pub fn sentence(&self, rng: &mut Rng, chars: usize) -> String {
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
