//! `podium import` against report texts with known answers
//! (tests/fixtures/import/NN-name.txt + NN-name.expect.yaml): every field
//! compared, precision and recall of speakers and quotes reported, and every
//! output checked to load as a valid report.

use podium::import::{import, yaml};
mod expect;

use expect::Expect;
use std::path::Path;

#[derive(Default)]
struct Tally {
    expected: usize,
    found: usize,
    right: usize,
}

impl Tally {
    fn precision(&self) -> f64 {
        if self.found == 0 { 1.0 } else { self.right as f64 / self.found as f64 }
    }
    fn recall(&self) -> f64 {
        if self.expected == 0 { 1.0 } else { self.right as f64 / self.expected as f64 }
    }
}

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn import_corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 13, "the seed and at least 12 more texts");
    let (mut speakers, mut quotes, mut attributed) = (Tally::default(), Tally::default(), Tally::default());
    let (mut fields, mut fields_right) = (0, 0);
    let mut report = Vec::new();
    let mut failures = Vec::new();
    for txt in &cases {
        let name = txt.file_stem().unwrap().to_string_lossy().to_string();
        let expect: Expect =
            serde_yaml::from_str(&std::fs::read_to_string(txt.with_extension("expect.yaml")).unwrap()).unwrap();
        let draft = import(&std::fs::read(txt).unwrap(), 1 << 24).unwrap();

        // The output must load as a valid report.
        let out = yaml::write(&draft, &name);
        let loaded = podium::load::parse_file(Path::new("out.yaml"), &name, out.as_bytes());
        if !loaded.problems.is_empty() {
            failures.push(format!("{name}: output does not validate: {:?}", loaded.problems));
        }

        let mut wrong = Vec::new();
        let header = [
            ("title", Some(expect.title.clone()), Some(draft.title.clone())),
            ("date", Some(expect.date.clone()), draft.date.clone()),
            ("start", expect.start.clone(), draft.start.clone()),
            ("end", expect.end.clone(), draft.end.clone()),
            ("kind", expect.kind.clone(), draft.kind.clone()),
            ("author", expect.author.clone(), draft.author.clone()),
        ];
        for (field, want, got) in header {
            fields += 1;
            if want == got {
                fields_right += 1;
            } else {
                wrong.push(format!("{field}: want {want:?}, got {got:?}"));
            }
        }
        speakers.expected += expect.speakers.len();
        speakers.found += draft.speakers.len();
        for e in &expect.speakers {
            match draft.speakers.iter().find(|s| s.name == e.name) {
                None => wrong.push(format!("speaker missing: {}", e.name)),
                Some(s) => {
                    speakers.right += 1;
                    for (field, want, got) in
                        [("role", &e.role, &s.role), ("organisation", &e.organisation, &s.organisation)]
                    {
                        fields += 1;
                        if want == got {
                            fields_right += 1;
                        } else {
                            wrong.push(format!("{}: {field} want {want:?}, got {got:?}", e.name));
                        }
                    }
                    fields += 1;
                    if e.moderator == s.moderator {
                        fields_right += 1;
                    } else {
                        wrong.push(format!("{}: moderator want {}", e.name, e.moderator));
                    }
                }
            }
        }
        for s in &draft.speakers {
            if !expect.speakers.iter().any(|e| e.name == s.name) {
                wrong.push(format!("extra speaker: {}", s.name));
            }
        }
        quotes.expected += expect.quotes.len();
        quotes.found += draft.quotes.len();
        for e in &expect.quotes {
            match draft.quotes.iter().find(|q| norm(&q.text) == norm(&e.text)) {
                None => wrong.push(format!("quote missing: {:.50}", e.text)),
                Some(q) => {
                    quotes.right += 1;
                    attributed.expected += 1;
                    attributed.found += 1;
                    let who = q.speaker.map_or("unknown", |i| draft.speakers[i].name.as_str());
                    if who == e.speaker {
                        attributed.right += 1;
                    } else {
                        wrong.push(format!("quote “{:.30}…” attributed to {who}, want {}", e.text, e.speaker));
                    }
                }
            }
        }
        for q in &draft.quotes {
            if !expect.quotes.iter().any(|e| norm(&q.text) == norm(&e.text)) {
                wrong.push(format!("extra quote: {:.50}", q.text));
            }
        }
        report.push(format!(
            "{name:<34} {}",
            if wrong.is_empty() {
                "all right".to_string()
            } else {
                wrong.join("\n                                   ")
            }
        ));
        if name.starts_with("00-") && !wrong.is_empty() {
            failures.push(format!("{name}: the seed must be extracted exactly"));
        }
    }
    let summary = format!(
        "speakers: precision {:.0}%, recall {:.0}% ({} expected, {} found, {} right)\nquotes:   precision {:.0}%, recall {:.0}% ({} expected, {} found, {} right)\nattribution of found quotes: {:.0}% right\nheader and speaker fields: {}/{} right",
        100.0 * speakers.precision(),
        100.0 * speakers.recall(),
        speakers.expected,
        speakers.found,
        speakers.right,
        100.0 * quotes.precision(),
        100.0 * quotes.recall(),
        quotes.expected,
        quotes.found,
        quotes.right,
        100.0 * attributed.recall(),
        fields_right,
        fields
    );
    println!("{}\n\n{summary}", report.join("\n"));
    for (what, value, floor) in [
        ("speaker precision", speakers.precision(), 0.85),
        ("speaker recall", speakers.recall(), 0.85),
        ("quote precision", quotes.precision(), 0.85),
        ("quote recall", quotes.recall(), 0.85),
        ("attribution", attributed.recall(), 0.85),
    ] {
        if value < floor {
            failures.push(format!("{what} {:.0}% is under {:.0}%", 100.0 * value, 100.0 * floor));
        }
    }
    assert!(failures.is_empty(), "{}\n\n{}\n\n{summary}", failures.join("\n"), report.join("\n"));
}
