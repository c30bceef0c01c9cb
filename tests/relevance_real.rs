//! Ranking quality on a library shaped like real ones (issue 17): 60-odd made-up
//! reports in tests/fixtures/relevance-real (event reports, transcripts, wiki
//! sessions, news; the same people across ten years) and the shipped content,
//! searched with queries typed the way people type them (wrong word forms,
//! typos, a name and a topic, OR, filters, `!`, `'`, `^`, `$`, words run
//! together). Each query names the hit that must come first and those that
//! must be in the top 5; queries.toml is the tuned set, heldout.toml the set
//! written first and never tuned against, reported apart.
//!
//! `cargo test --profile test-release --test relevance_real -- --nocapture`
//! prints top-1, top-5 and MRR, a line per query and the top 5 of each miss.
//! A broken suite (a target that names nothing, a query that parses to nothing,
//! too few reports or queries) always fails; the thresholds only when ENFORCE.

use podium::load::{Input, LoadOptions, load};
use podium::model::Report;
use podium::search::{Index, Kind, Options, Query, Searcher, item_text};
use serde::Deserialize;
use std::collections::HashSet;
use std::fmt::Write;
use std::path::Path;
use std::sync::Arc;

/// The bars hold since the engine learned word stems, `|`, the typo rules and
/// matches across words (issue 17); before, top-1 was 82.9% and top-5 86.9%
/// (BENCHMARKS.md). Off only to measure an engine that misses on purpose.
const ENFORCE: bool = true;
/// The bars, in per cent of all queries.
const MIN_TOP1: f64 = 85.0;
const MIN_TOP5: f64 = 97.0;

const MIN_REPORTS: usize = 60;
const MIN_QUERIES: usize = 100;
const MIN_HELD_OUT: usize = 25;

const FIXTURES: &str = "tests/fixtures/relevance-real";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QueryFile {
    query: Vec<Case>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    /// As typed.
    q: String,
    /// How it differs from the text it is after.
    how: String,
    first: Target,
    #[serde(default)]
    top5: Vec<Target>,
    #[serde(skip)]
    held_out: bool,
}

/// A quote (`quote` = report id, `text` = a fragment of it), a speaker
/// (`speaker` = report id, `name` = exact name) or a report (`report` = id).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Target {
    quote: Option<String>,
    text: Option<String>,
    speaker: Option<String>,
    name: Option<String>,
    report: Option<String>,
}

impl Target {
    fn describe(&self) -> String {
        match (&self.quote, &self.text, &self.speaker, &self.name, &self.report) {
            (Some(r), Some(t), None, None, None) => format!("quote {r} “{t}”"),
            (None, None, Some(r), Some(n), None) => format!("speaker {r} {n}"),
            (None, None, None, None, Some(r)) => format!("report {r}"),
            _ => format!("{self:?}"),
        }
    }

    /// The one index item this names, or why it names none.
    fn resolve(&self, reports: &[Report], index: &Index) -> Result<usize, String> {
        let matches: Vec<usize> = match (&self.quote, &self.text, &self.speaker, &self.name, &self.report) {
            (Some(report), Some(text), None, None, None) => find(reports, index, Kind::Quote, report, |r, it| {
                it.quote.is_some_and(|qi| r.quotes[qi as usize].text.contains(text.as_str()))
            }),
            (None, None, Some(report), Some(name), None) => find(reports, index, Kind::Speaker, report, |r, it| {
                it.speaker.is_some_and(|si| r.speakers[si as usize].name == *name)
            }),
            (None, None, None, None, Some(report)) => find(reports, index, Kind::Report, report, |_, _| true),
            _ => return Err("a target is quote+text, speaker+name or report alone".into()),
        };
        match matches[..] {
            [one] => Ok(one),
            _ => Err(format!("names {} items, not one", matches.len())),
        }
    }
}

fn find(
    reports: &[Report],
    index: &Index,
    kind: Kind,
    report: &str,
    pick: impl Fn(&Report, &podium::search::Item) -> bool,
) -> Vec<usize> {
    index
        .items
        .iter()
        .enumerate()
        .filter(|(_, it)| {
            let r = &reports[it.report as usize];
            it.kind == kind && r.id == report && pick(r, it)
        })
        .map(|(i, _)| i)
        .collect()
}

fn read_cases(root: &Path, file: &str, held_out: bool, errors: &mut Vec<String>) -> Vec<Case> {
    let path = root.join(FIXTURES).join(file);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            errors.push(format!("{}: {e}", path.display()));
            return Vec::new();
        }
    };
    match toml::from_str::<QueryFile>(&text) {
        Ok(f) => f.query.into_iter().map(|c| Case { held_out, ..c }).collect(),
        Err(e) => {
            errors.push(format!("{}: {e}", path.display()));
            Vec::new()
        }
    }
}

/// Shipped content plus the made-up library, and how many reports the latter holds.
fn library(root: &Path) -> (Vec<Report>, usize) {
    let made_up = load(&[Input::Path(root.join(FIXTURES))], &LoadOptions::default());
    assert!(made_up.problems.is_empty(), "{FIXTURES} loads cleanly: {:#?}", made_up.problems);
    let lib = load(&[Input::Path(root.join("content")), Input::Path(root.join(FIXTURES))], &LoadOptions::default());
    assert!(lib.problems.is_empty(), "content and {FIXTURES} load cleanly: {:#?}", lib.problems);
    (lib.reports, made_up.reports.len())
}

struct Outcome {
    /// 1-based rank of `first` among the hits (default limit), if there.
    rank: Option<usize>,
    /// Every `top5` target is in the top 5.
    others_in_top5: bool,
    total: usize,
    top: Vec<String>,
}

impl Outcome {
    fn top1(&self) -> bool {
        self.rank == Some(1)
    }

    fn top5(&self) -> bool {
        self.rank.is_some_and(|r| r <= 5) && self.others_in_top5
    }

    fn reciprocal(&self) -> f64 {
        self.rank.map_or(0.0, |r| 1.0 / r as f64)
    }
}

fn describe_hit(reports: &[Report], index: &Index, rank: usize, item: u32, score: u32, marks: &[usize]) -> String {
    let it = &index.items[item as usize];
    let r = &reports[it.report as usize];
    let speaker = it.speaker.and_then(|s| r.speakers.get(s as usize)).map_or("", |s| s.name.as_str());
    let (text, _) = item_text(reports, it);
    let start: String = text.chars().take(70).collect();
    let mark = match marks.iter().position(|&m| m == item as usize) {
        Some(0) => "→",
        Some(_) => "+",
        None => " ",
    };
    format!("   {mark}{rank}. {score:>6} {:<7} {:<40} {:<22} {start}", it.kind.name(), r.id, speaker)
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

#[derive(Default)]
struct Score {
    n: usize,
    top1: usize,
    top5: usize,
    mrr: f64,
}

impl Score {
    fn add(&mut self, o: &Outcome) {
        self.n += 1;
        self.top1 += usize::from(o.top1());
        self.top5 += usize::from(o.top5());
        self.mrr += o.reciprocal();
    }

    fn pct(&self, k: usize) -> f64 {
        if self.n == 0 { 0.0 } else { 100.0 * k as f64 / self.n as f64 }
    }

    fn line(&self, name: &str) -> String {
        format!(
            "{name:<10} {:>4} queries   top-1 {:>3} ({:>5.1}%)   top-5 {:>3} ({:>5.1}%)   MRR {:.3}",
            self.n,
            self.top1,
            self.pct(self.top1),
            self.top5,
            self.pct(self.top5),
            if self.n == 0 { 0.0 } else { self.mrr / self.n as f64 },
        )
    }
}

#[test]
fn queries_on_a_real_shaped_library() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let started = std::time::Instant::now();
    let (reports, made_up) = library(root);
    let index = Arc::new(Index::build(&reports));
    let mut searcher = Searcher::new(Arc::clone(&index));

    // The suite itself must be sound before any number means anything.
    let mut errors = Vec::new();
    let mut cases = read_cases(root, "heldout.toml", true, &mut errors);
    let held_out = cases.len();
    cases.extend(read_cases(root, "queries.toml", false, &mut errors));
    if made_up < MIN_REPORTS {
        errors.push(format!("{made_up} reports in {FIXTURES}, need at least {MIN_REPORTS}"));
    }
    if cases.len() < MIN_QUERIES {
        errors.push(format!("{} queries, need at least {MIN_QUERIES}", cases.len()));
    }
    if held_out < MIN_HELD_OUT {
        errors.push(format!("{held_out} held-out queries, need at least {MIN_HELD_OUT}"));
    }
    let mut seen = HashSet::new();
    let mut targets = Vec::with_capacity(cases.len());
    for c in &cases {
        let at = format!("query {:?}", c.q);
        if !seen.insert(c.q.as_str()) {
            errors.push(format!("{at}: written twice"));
        }
        if Query::parse(&c.q).is_empty() {
            errors.push(format!("{at}: parses to no term"));
        }
        if c.how.trim().is_empty() {
            errors.push(format!("{at}: says nothing in `how`"));
        }
        let mut items = Vec::new();
        for t in std::iter::once(&c.first).chain(&c.top5) {
            match t.resolve(&reports, &index) {
                Ok(i) if items.contains(&i) => errors.push(format!("{at}: {} is named twice", t.describe())),
                Ok(i) => items.push(i),
                Err(e) => errors.push(format!("{at}: {} {e}", t.describe())),
            }
        }
        if c.top5.len() > 4 {
            errors.push(format!("{at}: more than 4 other targets cannot all be in a top 5"));
        }
        targets.push(items);
    }
    assert!(errors.is_empty(), "the relevance suite is broken:\n{}", errors.join("\n"));

    let opts = Options::default();
    let mut outcomes = Vec::with_capacity(cases.len());
    for (c, items) in cases.iter().zip(&targets) {
        let res = searcher.search(&reports, &Query::parse(&c.q), &opts);
        let position = |item: usize| res.hits.iter().position(|h| h.item as usize == item).map(|p| p + 1);
        let rank = position(items[0]);
        let others_in_top5 = items[1..].iter().all(|&i| position(i).is_some_and(|p| p <= 5));
        let top = res
            .hits
            .iter()
            .take(5)
            .enumerate()
            .map(|(i, h)| describe_hit(&reports, &index, i + 1, h.item, h.score, items))
            .collect();
        outcomes.push(Outcome { rank, others_in_top5, total: res.total, top });
    }
    let elapsed = started.elapsed();

    let (mut all, mut tuned, mut held) = (Score::default(), Score::default(), Score::default());
    let mut table = String::new();
    let _ = writeln!(
        table,
        "{:>3} set {} {} {} {:>6} {:>5} {:>5}",
        "#",
        pad("query", 42),
        pad("how", 34),
        pad("first", 60),
        "rank",
        "top5",
        "hits"
    );
    for (i, (c, o)) in cases.iter().zip(&outcomes).enumerate() {
        all.add(o);
        if c.held_out {
            held.add(o)
        } else {
            tuned.add(o)
        }
        let rank = o.rank.map_or("-".to_string(), |r| r.to_string());
        let _ = writeln!(
            table,
            "{:>3} {}   {} {} {} {:>6} {:>5} {:>5}",
            i + 1,
            if c.held_out { "H" } else { "T" },
            pad(&c.q, 42),
            pad(&c.how, 34),
            pad(&c.first.describe(), 60),
            rank,
            if o.top5() { "ok" } else { "✗" },
            o.total
        );
    }
    let summary = format!(
        "\n{}\n{}\n{}\n{} reports ({made_up} made up), {} items; built and searched in {elapsed:.2?}\n",
        all.line("all"),
        tuned.line("tuned"),
        held.line("held-out"),
        reports.len(),
        index.len(),
    );

    let mut details = String::new();
    for (i, (c, o)) in cases.iter().zip(&outcomes).enumerate() {
        if !(o.top1() && o.top5()) {
            let verdict = match o.rank {
                None => "first target not found".to_string(),
                Some(r) if r > 5 => format!("first target at {r}"),
                Some(r) if !o.others_in_top5 => format!("first target at {r}; another target not in the top 5"),
                Some(r) => format!("first target at {r}"),
            };
            let _ = writeln!(
                details,
                "\n{:>3}. {:?} ({}) {verdict}; want {}; top 5 of {} hits (→ first, + other targets):",
                i + 1,
                c.q,
                c.how,
                c.first.describe(),
                o.total
            );
            for line in &o.top {
                let _ = writeln!(details, "{line}");
            }
        }
    }
    println!("{table}{summary}{details}");

    if ENFORCE {
        assert!(
            all.pct(all.top1) >= MIN_TOP1 && all.pct(all.top5) >= MIN_TOP5,
            "ranking quality below the bar (top-1 ≥ {MIN_TOP1}%, top-5 ≥ {MIN_TOP5}%):\n{summary}{details}"
        );
    }
}
