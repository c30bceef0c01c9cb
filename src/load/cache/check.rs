//! The checksum catches damage, not someone who can write the cache folder
//! (a valid checksum is easy to make). So an entry is also held to what the
//! loader guarantees of every outcome it makes, and one that breaks any of it
//! is a miss: text from the cache reaches the terminal only if it is text the
//! sanitiser could have produced.

use crate::load::document::FileOutcome;
use crate::load::problem::Problem;
use crate::load::sanitize::sanitize;
use crate::load::{is_date, is_time};
use crate::model::{Origin, Quote, Report, Speaker};
use std::path::Path;

/// Whether `outcome`, cached for the file named `given`, could have come from
/// the loader: every string a fixed point of the sanitiser, dates and times
/// valid, quotes naming a speaker of their report, every path the file's.
pub fn plausible(outcome: &FileOutcome, given: &Path) -> bool {
    outcome.reports.iter().all(|parsed| report(&parsed.report, given))
        && outcome.problems.iter().all(|p| problem(p, given))
}

fn report(report: &Report, given: &Path) -> bool {
    // No `..`: a field added to the model must be added here.
    let Report {
        id,
        title,
        event,
        kind,
        date,
        start,
        end,
        location,
        author,
        source,
        tags,
        summary,
        conclusion,
        speakers,
        quotes,
        origin: Origin { path, document: _, line: _ },
    } = report;
    let optional = [event, kind, location, author, source, summary, conclusion];
    clean(id)
        && clean(title)
        && is_date(date)
        && start.iter().chain(end).all(|t| is_time(t))
        && optional.into_iter().flatten().all(|s| clean(s))
        && tags.iter().all(|t| clean(t))
        && speakers.iter().all(speaker)
        && quotes.iter().all(|q| quote(q, report))
        && path == given
}

fn speaker(speaker: &Speaker) -> bool {
    let Speaker { id, name, role, organisation, moderator: _, points, person } = speaker;
    clean(id)
        && clean(name)
        && role.iter().chain(organisation).chain(person).all(|s| clean(s))
        && points.iter().all(|p| clean(p))
}

fn quote(quote: &Quote, report: &Report) -> bool {
    let Quote { speaker, text, context } = quote;
    report.speaker(speaker).is_some() && clean(text) && context.as_deref().is_none_or(clean)
}

fn problem(problem: &Problem, given: &Path) -> bool {
    // A message is made one line, sanitised and bounded: making it again
    // changes nothing.
    problem.path == given && Problem::error(given, problem.pos, &problem.message).message == problem.message
}

/// The sanitiser's output is its own fixed point, and only its output is.
fn clean(text: &str) -> bool {
    !suspect(text.as_bytes()) || sanitize(text) == text
}

/// Whether `text` may hold a character the sanitiser replaces, found on its
/// UTF-8 bytes: the sanitiser's own walk decodes every character, which
/// doubled the CPU time of a warm-cache load. Chunks of 16 bytes are first
/// tested branch-free (vectorised) for a byte that can start such a
/// character; only flagged chunks are looked at closely.
fn suspect(text: &[u8]) -> bool {
    // The first byte of one of them: C0 controls but newline, DEL, C2 (C1
    // controls, soft hyphen), D8 (U+061C), E1 (U+180E), E2 (U+200B-U+206F,
    // but also curly quotes and dashes), EF (U+FEFF, U+FFF9-U+FFFB).
    let lead =
        |b: u8| (b < 0x20 && b != b'\n') || b == 0x7f || b == 0xc2 || b == 0xd8 || b == 0xe1 || b == 0xe2 || b == 0xef;
    let mut start = 0;
    for chunk in text.chunks(16) {
        if chunk.iter().fold(false, |any, &b| any | lead(b)) {
            // Up to three bytes past the chunk: a character may straddle its end.
            let end = (start + chunk.len() + 3).min(text.len());
            let mut leads = (start..start + chunk.len()).filter(|&i| lead(text[i]));
            if leads.any(|i| replaced_at(&text[i..end])) {
                return true;
            }
        }
        start += chunk.len();
    }
    false
}

/// Whether the character starting `bytes` (valid UTF-8, at a lead byte) is
/// one the sanitiser replaces.
fn replaced_at(bytes: &[u8]) -> bool {
    match *bytes {
        [b, ..] if (b < 0x20 && b != b'\n') || b == 0x7f => true,
        // U+0080-U+009F, U+00AD
        [0xc2, c, ..] => (0x80..=0x9f).contains(&c) || c == 0xad,
        [0xd8, 0x9c, ..] | [0xe1, 0xa0, 0x8e, ..] | [0xef, 0xbb, 0xbf, ..] => true,
        // U+200B-U+200F, U+2028-U+202E, U+2060-U+206F
        [0xe2, 0x80, c, ..] => (0x8b..=0x8f).contains(&c) || (0xa8..=0xae).contains(&c),
        [0xe2, 0x81, c, ..] => (0xa0..=0xaf).contains(&c),
        // U+FFF9-U+FFFB
        [0xef, 0xbf, c, ..] => (0xb9..=0xbb).contains(&c),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_the_sanitiser_replaces_is_suspect() {
        // The byte test must not miss one: each alone, and each straddling a chunk's end.
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let alone = c.to_string();
            let straddling = format!("{}{c}x", "a".repeat(15));
            for text in [&alone, &straddling] {
                if sanitize(text) != text.as_str() {
                    assert!(suspect(text.as_bytes()), "{:?}", c);
                }
            }
        }
        assert!(!suspect("Arsène, “quoted” – 北京 👍\nnext line".as_bytes()));
    }

    #[test]
    fn only_the_sanitisers_output_is_clean() {
        for text in ["", "plain\nlines", "Arsène, 北京, 👍", "👨\u{200D}👩", "می\u{200C}خواهم", "␛[2J", "\u{FFFD}"]
        {
            assert!(clean(text), "{text:?}");
        }
        for text in
            ["\x1b[2J", "a\tb", "a\r\nb", "\u{9b}", "\u{7f}", "\u{202E}", "Ca\u{200D}rr", "\u{200B}", "\u{FEFF}"]
        {
            assert!(!clean(text), "{text:?}");
            assert!(clean(&sanitize(text)), "{text:?} sanitised");
        }
    }
}
