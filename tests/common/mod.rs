//! Libraries built from YAML text, for the reader's tests.
#![allow(dead_code)]

use podium::load::{Library, Problem, parse_file};
use std::path::Path;

/// A library from YAML documents, each parsed as its own file `NAME.yaml`.
pub fn library(files: &[(&str, &str)]) -> Library {
    let mut lib = Library::default();
    for (name, text) in files {
        let out = parse_file(Path::new(&format!("{name}.yaml")), name, text.as_bytes());
        lib.reports.extend(out.reports.into_iter().map(|p| p.report));
        lib.problems.extend(out.problems);
        lib.files += 1;
    }
    lib
}

pub fn seed() -> Library {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/content/igf2015-child-online-protection.yaml"))
            .unwrap();
    library(&[("igf2015-child-online-protection", &text)])
}

/// A report with `n` quotes spread over three speakers.
pub fn many_quotes(n: usize) -> String {
    let mut y = String::from(
        "title: Ten thousand quotes\ndate: 2020-02-02\nspeakers:\n  - {id: a, name: Ann}\n  - {id: b, name: Bo}\n  - {id: c, name: Cy, points: [only one quote]}\nquotes:\n",
    );
    for i in 0..n {
        let who = if i == n / 2 {
            "c"
        } else if i % 2 == 0 {
            "a"
        } else {
            "b"
        };
        let words = "word ".repeat(5 + i % 40);
        y.push_str(&format!("  - speaker: {who}\n    text: quote {i} {words}\n"));
    }
    y
}

pub fn with_problems() -> Library {
    let mut lib = seed();
    lib.problems.push(Problem::error(
        Path::new("bad/one.yaml"),
        Some(podium::load::Pos::new(3, 7)),
        "date: invalid date `2015-13-40`",
    ));
    lib.problems.push(Problem::error(Path::new("bad/two.yaml"), None, "permission denied"));
    lib
}

/// A byte sink the test can read after the backend wrote to it.
#[derive(Clone, Default)]
pub struct Shared(pub std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl std::io::Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Every ESC starts a CSI sequence that moves the cursor, sets colours or shows
/// or hides the cursor; no OSC, DCS, BEL or C1 control anywhere.
pub fn assert_only_csi_moves_and_sgr(bytes: &[u8]) {
    let text = String::from_utf8(bytes.to_vec()).expect("output is UTF-8");
    assert!(!text.contains('\x07') && !text.contains('\u{9b}') && !text.contains('\u{9d}'), "BEL or C1 in output");
    let mut rest = text.as_str();
    while let Some(i) = rest.find('\x1b') {
        let seq = &rest[i + 1..];
        assert!(seq.starts_with('['), "non-CSI escape: {:?}", &seq[..seq.len().min(20)]);
        let end = seq[1..].find(|c: char| ('@'..='~').contains(&c)).expect("CSI terminated") + 1;
        let params = &seq[1..end];
        let fin = seq[end..].chars().next().unwrap();
        assert!(params.chars().all(|c| c.is_ascii_digit() || c == ';' || c == '?'), "odd CSI params {params:?}");
        // What crossterm writes for ratatui: a cursor move to ROW;COL, colours, the
        // cursor shown or hidden. A file's own `ESC[2J` or bare `ESC[H` fails here.
        let allowed = match fin {
            'H' => params.split(';').count() == 2 && params.split(';').all(|p| !p.is_empty()),
            'm' => true,
            'h' | 'l' => params == "?25",
            _ => false,
        };
        assert!(allowed, "unexpected CSI {params}{fin}");
        rest = &seq[end + 1..];
    }
}

/// Four reports over four years where people recur, as they do in life:
/// Vinton Cerf in three (spelt three ways, changing roles), Anna Cerf once
/// (a surname is not a person), João Pessoa twice (with and without accent).
pub fn recurring() -> Vec<(&'static str, String)> {
    let report = |id: &str, title: &str, date: &str, speakers: &str, quotes: &str| {
        format!("title: \"{title}\"\nid: {id}\ndate: \"{date}\"\nspeakers:\n{speakers}quotes:\n{quotes}")
    };
    vec![
        (
            "igf2015-openness",
            report(
                "igf2015-openness",
                "Openness and the next billion",
                "2015-11-10",
                "  - {id: vc, name: Vinton G. Cerf, role: Chief Internet Evangelist, organisation: Google, moderator: true}\n  - {id: ac, name: Anna Cerf, role: Researcher, organisation: Lund University}\n",
                "  - {speaker: vc, text: The internet is for everyone.}\n  - {speaker: ac, text: Openness has a price that someone pays.}\n",
            ),
        ),
        (
            "igf2017-trust",
            report(
                "igf2017-trust",
                "Trust, security and the public core",
                "2017-12-18",
                "  - {id: jp, name: Joao Pessoa, role: Minister of Communications, organisation: Government of Brazil}\n  - {id: vc, name: VINTON CERF, role: Vice President, organisation: Google}\n",
                "  - {speaker: jp, text: Trust is built in small steps.}\n  - {speaker: vc, text: Security and openness are not enemies.}\n",
            ),
        ),
        (
            "igf2019-fragmentation",
            report(
                "igf2019-fragmentation",
                "Internet fragmentation: the way forward",
                "2019-11-26",
                "  - {id: v, name: Dr. Vinton Cerf, role: Chair, organisation: Internet Society}\n  - {id: j, name: João Pessoa, role: Former minister}\n  - {id: m, name: Mariam Barata}\n",
                "  - {speaker: v, text: Fragmentation would undo fifty years of work.}\n  - {speaker: v, text: We must keep one internet for one world.}\n  - {speaker: j, text: States want sovereignty; users want reach.}\n  - {speaker: m, text: Children need the same internet everywhere.}\n",
            ),
        ),
        (
            "igf2020-children",
            report(
                "igf2020-children",
                "Children's rights online",
                "2020-11-05",
                "  - {id: mb, name: Mariam Barata, role: Director, organisation: Ministry of Communication and Technology, moderator: true}\n",
                "  - {speaker: mb, text: Online safety begins at school.}\n",
            ),
        ),
    ]
}

/// [`recurring`] as a library.
pub fn recurring_library() -> Library {
    let files = recurring();
    let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    library(&refs)
}
