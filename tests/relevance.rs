//! Ranking quality: queries typed the way people remember things (a word or
//! two missing, a typo, no accents, words out of order, part of a word, a
//! field filter, an exact term) against the shipped content, the fictional
//! reports in tests/fixtures/relevance and ~300 generated distractor reports
//! built from the same words. Each case names the quote or speaker it must
//! find: every target must be in the top 5, and at least 90% first.
//!
//! `cargo test --profile test-release --test relevance -- --nocapture` prints the table of
//! every case; a failure shows the table and the top 5 of each query whose
//! target is not first.

use podium::load::{Input, LoadOptions, load, parse_file};
use podium::model::Report;
use podium::search::{Index, Kind, Options, Query, Searcher, item_text};
use std::fmt::Write;
use std::path::Path;
use std::sync::Arc;

/// What a query must find.
#[derive(Debug, Clone, Copy)]
enum Target {
    /// A quote of report `report` whose text contains `text`.
    Quote { report: &'static str, text: &'static str },
    /// A speaker of report `report`, by exact name.
    Speaker { report: &'static str, name: &'static str },
}

use Target::{Quote, Speaker};

struct Case {
    query: &'static str,
    /// How the query differs from the text it is after.
    how: &'static str,
    target: Target,
}

const SEED: &str = "igf2015-child-online-protection";
const BROADBAND: &str = "ex2021-rural-broadband";
const ELECTIONS: &str = "ex2022-ai-elections";
const DATA_AFRICA: &str = "ex2020-data-protection-africa";
const MULTILINGUAL: &str = "ex2019-multilingual-internet";
const CYBER: &str = "ex2023-cybersecurity-capacity";
const YOUTH: &str = "ex2022-youth-participation";
const HARASSMENT: &str = "ex2024-gender-online-harassment";

const fn q(report: &'static str, text: &'static str) -> Target {
    Quote { report, text }
}

const fn s(report: &'static str, name: &'static str) -> Target {
    Speaker { report, name }
}

const fn case(query: &'static str, how: &'static str, target: Target) -> Case {
    Case { query, how, target }
}

fn cases() -> Vec<Case> {
    vec![
        // The examples on the seed report.
        case("mother two daughters", "seed", q(SEED, "mother of two beautiful daughters")),
        case("left country ngo", "seed", q(SEED, "left my country")),
        case("teachers schools parents", "seed", q(SEED, "teachers, schools, parents")),
        case("ecpat", "seed", s(SEED, "John Carr")),
        // A few words of the quote, others missing.
        case("spectrum licence towers", "missing words", q(BROADBAND, "spectrum licence than for the towers")),
        case("who pays the electricity bill", "missing words", q(BROADBAND, "electricity bill")),
        case("trench expensive part", "missing words", q(BROADBAND, "the trench is the expensive part")),
        case("kids homework school bus", "missing words", q(BROADBAND, "homework when the school bus")),
        case("deepfakes cheap edits", "missing words", q(ELECTIONS, "the cheap edits did")),
        case("voice note forwarded whatsapp", "missing words", q(ELECTIONS, "forty WhatsApp groups")),
        case("a poster on the wall", "missing words", q(DATA_AFRICA, "poster on the wall")),
        case("consent forms language paperwork", "missing words", q(DATA_AFRICA, "paperwork")),
        case("mobile money market trader", "missing words", q(DATA_AFRICA, "market trader")),
        case("grandmother email address", "missing words", q(MULTILINGUAL, "grandmother")),
        case("regular expression 1998", "missing words", q(MULTILINGUAL, "regular expression written in")),
        case("printers capacity building headcount", "missing words", q(CYBER, "printers")),
        case("train the trainers at home", "missing words", q(CYBER, "trainers at home")),
        case("tokenism give us the agenda", "missing words", q(YOUTH, "tokenism")),
        case("leaders of tomorrow online today", "missing words", q(YOUTH, "leaders of tomorrow")),
        case("doxxing post three weeks lawyer", "missing words", q(HARASSMENT, "doxxing post")),
        case("helpline two in the morning", "missing words", q(HARASSMENT, "helpline")),
        case("folder of screenshots evidence", "missing words", q(HARASSMENT, "folder of screenshots")),
        // Words out of order.
        case("outrage algorithm editorial choice", "out of order", q(ELECTIONS, "boosts outrage")),
        case("data flows cross border enemy", "out of order", q(DATA_AFRICA, "Cross-border data flows")),
        case("gdp ransomware hospital", "out of order", q(CYBER, "Ransomware gangs")),
        case("month rent visa", "out of order", q(YOUTH, "visa costs")),
        // One typo in a word of five letters or more.
        case("goverment email server", "typo", q(CYBER, "government email server")),
        case("tabletop excercises", "typo", q(CYBER, "Tabletop exercises")),
        case("survivers intent to annoy", "typo", q(HARASSMENT, "intent to annoy")),
        case("labelling ai contnet", "typo", q(ELECTIONS, "Labelling AI content")),
        case("fibre backhual shared", "typo", q(BROADBAND, "backhaul is")),
        case("hidden camera vidoes", "typo", q(HARASSMENT, "Hidden-camera videos")),
        case("universal accetpance arabic", "typo", q(MULTILINGUAL, "universal acceptance is the real bottleneck")),
        case("ransomeware gangs", "typo", q(CYBER, "Ransomware gangs")),
        // No accents.
        case("jose nunez", "no accents", s(BROADBAND, "José Ñúñez")),
        case("soren odegard", "no accents", s(BROADBAND, "Søren Ødegård")),
        case("nguyen thi huong", "no accents", s(ELECTIONS, "Nguyễn Thị Hương")),
        case("bjork gunnarsdottir", "no accents", s(MULTILINGUAL, "Björk Gunnarsdóttir")),
        case("francois lefevre", "no accents", s(ELECTIONS, "François Lefèvre")),
        case("oguz yilmaz", "no accents", s(CYBER, "Oğuz Yılmaz")),
        case("zoe kowalczyk", "no accents", s(ELECTIONS, "Zoë Kowalczyk")),
        case("li mingzhu", "no accents", s(MULTILINGUAL, "Lǐ Míngzhū")),
        case("semisi fonua", "no accents", s(CYBER, "Sēmisi Fonua")),
        case("dvorakova", "no accents", s(YOUTH, "Hana Dvořáková")),
        case("whanau homework", "no accents", q(BROADBAND, "whānau")),
        // Part of a word.
        case("kowalcz", "partial", s(ELECTIONS, "Zoë Kowalczyk")),
        case("gunnars", "partial", s(MULTILINGUAL, "Björk Gunnarsdóttir")),
        case("univ accept arabic", "partial", q(MULTILINGUAL, "Arabic script")),
        case("mentor both ways", "partial", q(YOUTH, "Mentorship works")),
        case("biometr id built faster", "partial", q(DATA_AFRICA, "biometric ID systems")),
        // Field filters.
        case("speaker:thandiwe village", "field", q(BROADBAND, "A village of three hundred")),
        case("speaker:lefevre trust", "field", q(ELECTIONS, "trust problem")),
        case("org:mekong data access", "field", q(ELECTIONS, "data access before the vote")),
        case("tag:idn one line of code", "field", q(MULTILINGUAL, "Most of the bugs")),
        case("date:2024 tamil", "field", q(HARASSMENT, "Tamil or Hinglish")),
        case("report:youth hacked", "field", q(YOUTH, "account hacked")),
        case("org:kalahari", "field only", s(BROADBAND, "Thandiwe Mbeki-Dlamini")),
        // Exact terms.
        case("'ixp local traffic", "exact", q(CYBER, "An IXP in the region")),
        case("'fact-check published", "exact", q(ELECTIONS, "forty WhatsApp groups")),
        case("'tiktok senior", "exact", q(YOUTH, "TikTok")),
        // Who said it and what about.
        case("kwame whatsapp", "speaker + words", q(ELECTIONS, "forty WhatsApp groups")),
        case("carr civil society", "speaker + words", q(SEED, "the role of us as civil society")),
    ]
}

// ---------------------------------------------------------------------------
// The library: shipped content, fictional fixtures, generated distractors.

fn library() -> Vec<Report> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let lib = load(
        &[Input::Path(root.join("content")), Input::Path(root.join("tests/fixtures/relevance"))],
        &LoadOptions::default(),
    );
    assert!(lib.problems.is_empty(), "content and fixtures load cleanly: {:#?}", lib.problems);
    assert!(lib.reports.len() >= 7, "shipped content and relevance fixtures found");
    let mut reports = lib.reports;
    for (i, yaml) in distractors(300).iter().enumerate() {
        let stem = format!("gen-{i:04}");
        let out = parse_file(Path::new(&format!("generated/{stem}.yaml")), &stem, yaml.as_bytes());
        assert!(out.problems.is_empty(), "generated report {stem} loads:\n{yaml}\n{:#?}", out.problems);
        reports.extend(out.reports.into_iter().map(|p| p.report));
    }
    reports
}

/// Content words of internet governance sessions, many of them also in the
/// queries above, so that distractors compete for every term.
const VOCABULARY: &str = "
access accountability address agenda algorithm api account acceptance advertising africa arabic ascii
awareness backhaul bank billion biometric border broadband budget bugs building bus campaign camera capacity
cert chair cheap check children choice civil classmates code commission community connectivity consent
content country court courts cross cybersecurity data daughters deepfakes developers digital disinformation
divide dish domain donors doxxing editorial edits education election elections electricity email encryption
enforcement english evidence exchange exercises expensive expression fact fibre fines flows folder forms
forwarded freedom funding gangs gender government groups harassment headcount helpline homework hospital
hotel identity inclusion infrastructure intent internet ixp journalists kids labelling language languages
law laws lawyer leaders libraries licence local machine market mentorship minister mirror mobile moderation
money morning mother multilingual multistakeholder name network networks ngo online outrage panel paperwork
parents participation platforms policy poster printers privacy problem protection ransomware regular
regulator regulators rent researchers rights rules rural safety satellite school schools screenshots script
security server sites skills slurs society spectrum standards survivors systems tabletop takedown teachers
technician technology threats tiktok today tomorrow towers traffic trader training trainers translation
trench trust universal video videos villages visa voice vote voters wall weeks whatsapp women youth
";

/// Short words that every real text is full of, and that people type too.
const STOPWORDS: &[&str] = &[
    "the", "a", "of", "to", "in", "and", "is", "for", "on", "we", "that", "it", "not", "are", "our", "with", "be",
    "this", "they", "you", "i", "what", "who", "but", "at", "two", "three", "one", "by", "from", "us", "give",
];

const FIRST_NAMES: &[&str] = &[
    "José",
    "Søren",
    "Zoë",
    "François",
    "Fatima",
    "Priya",
    "Kwame",
    "Ana",
    "Hana",
    "Li",
    "Thandiwe",
    "Mateo",
    "Björn",
    "Amara",
    "Olusegun",
    "Ingrid",
    "Kenji",
    "Nadia",
    "Tomás",
    "Wei",
    "Aisha",
    "Lucas",
    "Chen",
    "Mariam",
];

const SURNAMES: &[&str] = &[
    "García",
    "Müller",
    "Nakamura",
    "Haddad",
    "Silva",
    "Johansson",
    "Kowalski",
    "Nguyễn",
    "Patel",
    "Dubois",
    "Ivanova",
    "O'Brien",
    "Zhang",
    "Mensah",
    "Okafor",
    "Lefebvre",
    "Ødegaard",
    "Dlamini",
    "Benali",
    "Quispe",
];

const ROLES: &[&str] = &[
    "Policy Advisor",
    "Researcher",
    "Director",
    "Commissioner",
    "Programme Officer",
    "Senior Fellow",
    "Legal Officer",
    "Network Engineer",
    "Journalist",
    "Coordinator",
];

const TAGS: &[&str] = &[
    "community networks",
    "data protection",
    "youth",
    "gender",
    "cybersecurity",
    "IDN",
    "elections",
    "artificial intelligence",
    "human rights",
    "capacity building",
    "digital divide",
    "privacy",
    "content moderation",
    "multistakeholder",
];

/// xorshift64* (Vigna): deterministic, so every run builds the same library.
/// The multiply matters: plain xorshift64 repeats word pairs far more often
/// than chance, which turns distractors into near-copies of the queries.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 32) as usize
    }

    fn below(&mut self, n: usize) -> usize {
        self.next() % n
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// `n` words, about a third of them stop words, ending with a full stop.
    fn sentence(&mut self, vocabulary: &[&str], n: usize) -> String {
        let mut out = String::new();
        for i in 0..n {
            if i > 0 {
                out.push_str(if self.below(9) == 0 { ", " } else { " " });
            }
            let w = if self.below(3) == 0 { self.pick(STOPWORDS) } else { self.pick(vocabulary) };
            out.push_str(w);
        }
        out.push('.');
        out
    }
}

fn distractors(n: usize) -> Vec<String> {
    let vocabulary: Vec<&str> = VOCABULARY.split_whitespace().collect();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut files = Vec::with_capacity(n);
    for i in 0..n {
        let mut y = String::new();
        let year = 2006 + rng.below(19);
        let (a, b, c) = (rng.pick(&vocabulary), rng.pick(&vocabulary), rng.pick(&vocabulary));
        let _ = writeln!(y, "title: Session {i} – {a} and {b} for {c}");
        let _ = writeln!(y, "event: Generated Forum {year}");
        let _ = writeln!(y, "kind: Workshop");
        let _ = writeln!(y, "date: \"{year}-{:02}-{:02}\"", 1 + rng.below(12), 1 + rng.below(28));
        let hour = 9 + rng.below(8);
        let _ = writeln!(y, "start: \"{hour:02}:00\"\nend: \"{hour:02}:45\"");
        let _ = writeln!(y, "location: Room {}", 1 + rng.below(12));
        let _ = writeln!(y, "author: \"{} {}\"", rng.pick(FIRST_NAMES), rng.pick(SURNAMES));
        let _ = writeln!(y, "tags: [{}, {}]", rng.pick(TAGS), rng.pick(TAGS));
        let _ = writeln!(y, "summary: >-\n  {}", rng.sentence(&vocabulary, 45));
        let speakers = 3 + rng.below(4);
        y.push_str("speakers:\n");
        for k in 0..speakers {
            let _ = writeln!(y, "  - id: s{k}\n    name: \"{} {}\"", rng.pick(FIRST_NAMES), rng.pick(SURNAMES));
            let org = match rng.below(3) {
                0 => format!("{} Institute", capitalised(rng.pick(&vocabulary))),
                1 => format!(
                    "Ministry of {} and {}, Examplia",
                    capitalised(rng.pick(&vocabulary)),
                    rng.pick(&vocabulary)
                ),
                _ => format!("{} {} Network", capitalised(rng.pick(&vocabulary)), rng.pick(&vocabulary)),
            };
            let _ = writeln!(y, "    role: {}\n    organisation: \"{org}\"", rng.pick(ROLES));
            if k == 0 {
                y.push_str("    moderator: true\n");
            }
            let _ = writeln!(
                y,
                "    points:\n      - {}\n      - {}",
                rng.sentence(&vocabulary, 14),
                rng.sentence(&vocabulary, 10)
            );
        }
        y.push_str("quotes:\n");
        for _ in 0..6 + rng.below(7) {
            let words = 10 + rng.below(16);
            let _ = writeln!(
                y,
                "  - speaker: s{}\n    text: >-\n      {}",
                rng.below(speakers),
                rng.sentence(&vocabulary, words)
            );
            if rng.below(3) == 0 {
                let _ = writeln!(y, "    context: {}", rng.sentence(&vocabulary, 8));
            }
        }
        let _ = writeln!(y, "conclusion: {}", rng.sentence(&vocabulary, 20));
        files.push(y);
    }
    files
}

fn capitalised(word: &str) -> String {
    let mut c = word.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

// ---------------------------------------------------------------------------
// Running the cases.

/// The index item a target names; panics when the case names nothing, or
/// something ambiguous, so a typo in a case cannot pass unnoticed.
fn target_item(reports: &[Report], index: &Index, target: Target) -> usize {
    let matches: Vec<usize> = index
        .items
        .iter()
        .enumerate()
        .filter(|(_, it)| {
            let r = &reports[it.report as usize];
            match target {
                Quote { report, text } => {
                    it.kind == Kind::Quote
                        && r.id == report
                        && it.quote.is_some_and(|qi| r.quotes[qi as usize].text.contains(text))
                }
                Speaker { report, name } => {
                    it.kind == Kind::Speaker
                        && r.id == report
                        && it.speaker.is_some_and(|si| r.speakers[si as usize].name == name)
                }
            }
        })
        .map(|(i, _)| i)
        .collect();
    assert_eq!(matches.len(), 1, "{target:?} names exactly one item, found {}", matches.len());
    matches[0]
}

fn describe_target(target: Target) -> String {
    match target {
        Quote { report, text } => format!("quote {report} “{text}”"),
        Speaker { report, name } => format!("speaker {report} {name}"),
    }
}

/// One line per hit: rank, score, kind, report, speaker and the start of its text.
fn describe_hit(reports: &[Report], index: &Index, rank: usize, item: u32, score: u32, target: usize) -> String {
    let it = &index.items[item as usize];
    let r = &reports[it.report as usize];
    let speaker = it.speaker.and_then(|s| r.speakers.get(s as usize)).map_or("", |s| s.name.as_str());
    let (text, _) = item_text(reports, it);
    let start: String = text.chars().take(80).collect();
    let mark = if item as usize == target { "→" } else { " " };
    format!("   {mark}{rank}. {score:>6} {:<7} {:<32} {:<24} {start}", it.kind.name(), r.id, speaker)
}

struct Outcome {
    /// 1-based position in the top 5, if there.
    top5: Option<usize>,
    /// 1-based position among all hits, if matched at all.
    overall: Option<usize>,
    total: usize,
    top: Vec<String>,
}

fn pad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n > width {
        let mut t: String = s.chars().take(width - 1).collect();
        t.push('…');
        t
    } else {
        format!("{s}{}", " ".repeat(width - n))
    }
}

#[test]
fn queries_people_type_find_what_they_remember() {
    let started = std::time::Instant::now();
    let reports = library();
    let index = Arc::new(Index::build(&reports));
    let mut searcher = Searcher::new(Arc::clone(&index));
    let built = started.elapsed();

    let cases = cases();
    assert!(cases.len() >= 36, "the issue asks for at least 30 cases; we keep at least 36");
    let mut outcomes = Vec::with_capacity(cases.len());
    for c in &cases {
        let target = target_item(&reports, &index, c.target);
        let query = Query::parse(c.query);
        let res = searcher.search(&reports, &query, &Options { limit: 5, kind: None, ..Options::default() });
        let top5 = res.hits.iter().position(|h| h.item as usize == target).map(|p| p + 1);
        // Where it is when not in the top 5, to tell "ranked low" from "not matched".
        let overall = match top5 {
            Some(p) => Some(p),
            None => {
                let all =
                    searcher.search(&reports, &query, &Options { limit: usize::MAX, kind: None, ..Options::default() });
                all.hits.iter().position(|h| h.item as usize == target).map(|p| p + 1)
            }
        };
        let top = res
            .hits
            .iter()
            .enumerate()
            .map(|(i, h)| describe_hit(&reports, &index, i + 1, h.item, h.score, target))
            .collect();
        outcomes.push(Outcome { top5, overall, total: res.total, top });
    }
    let elapsed = started.elapsed();

    let mut table = String::new();
    let _ = writeln!(
        table,
        "{:>2}  {} {} {} {:>7} {:>6}",
        "#",
        pad("query", 38),
        pad("kind of slip", 15),
        pad("target", 66),
        "rank",
        "hits"
    );
    for (i, (c, o)) in cases.iter().zip(&outcomes).enumerate() {
        let rank = match (o.top5, o.overall) {
            (Some(p), _) => p.to_string(),
            (None, Some(p)) => format!("{p} ✗"),
            (None, None) => "missing".to_string(),
        };
        let _ = writeln!(
            table,
            "{:>2}  {} {} {} {:>7} {:>6}",
            i + 1,
            pad(c.query, 38),
            pad(c.how, 15),
            pad(&describe_target(c.target), 66),
            rank,
            o.total
        );
    }
    let first = outcomes.iter().filter(|o| o.top5 == Some(1)).count();
    let in_top5 = outcomes.iter().filter(|o| o.top5.is_some()).count();
    let n = cases.len();
    let _ = writeln!(
        table,
        "\n{n} cases: {first} first ({:.1}%), {in_top5} in the top 5 ({:.1}%); {} reports, {} items; \
         index built in {built:.2?}, all searches done in {elapsed:.2?}",
        100.0 * first as f64 / n as f64,
        100.0 * in_top5 as f64 / n as f64,
        reports.len(),
        index.len(),
    );

    let mut details = String::new();
    for (i, (c, o)) in cases.iter().zip(&outcomes).enumerate() {
        if o.top5 != Some(1) {
            let verdict = if o.top5.is_none() { "NOT IN TOP 5" } else { "not first" };
            let _ =
                writeln!(details, "\n{:>2}. {:?} ({}) {verdict}; top 5 of {} hits:", i + 1, c.query, c.how, o.total);
            for line in &o.top {
                let _ = writeln!(details, "{line}");
            }
        }
    }
    println!("{table}{details}");

    let failures: Vec<&str> =
        cases.iter().zip(&outcomes).filter(|(_, o)| o.top5.is_none()).map(|(c, _)| c.query).collect();
    let first_ok = first * 10 >= n * 9;
    assert!(
        failures.is_empty() && first_ok,
        "ranking quality below the bar: {} target(s) not in the top 5 {failures:?}; {first}/{n} first (need 90%)\n\n{table}{details}",
        failures.len(),
    );
}
