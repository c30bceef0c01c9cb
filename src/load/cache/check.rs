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
    let Speaker { id, name, role, organisation, moderator: _, points } = speaker;
    clean(id) && clean(name) && role.iter().chain(organisation).all(|s| clean(s)) && points.iter().all(|p| clean(p))
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
    // Most text is printable ASCII: checked bytewise, which is much faster
    // than the sanitiser's character walk.
    text.bytes().all(|b| b == b'\n' || (0x20..0x7f).contains(&b)) || sanitize(text) == text
}

#[cfg(test)]
mod tests {
    use super::*;

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
