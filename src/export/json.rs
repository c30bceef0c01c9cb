//! JSON for scripts: whole reports (the model's serde form), search hits
//! with their matched character positions, and people.

use crate::model::Report;
use crate::people::{People, Person};
use crate::search::{Hit, Item, Kind, Query};
use serde::Serialize;

/// One search hit as `podium search --format json` prints it.
#[derive(Debug, Serialize)]
pub struct JsonHit<'a> {
    pub score: u32,
    pub kind: Kind,
    pub report: &'a str,
    pub report_title: &'a str,
    pub date: &'a str,
    /// The speaker's name (quotes and speakers).
    pub speaker: Option<&'a str>,
    /// Index into the report's quotes (quotes only).
    pub quote: Option<u32>,
    /// Where the hit matched: `text` (a quote's words), `speaker` (the
    /// speaker's name · role · organisation), `points[N]`, `title`, `event`,
    /// `location`, `author`, `tags[N]`, `summary` or `conclusion` (see
    /// [`crate::search::snippet`]).
    pub field: String,
    /// That field's text on one line (of a summary or conclusion, the sentence).
    pub text: String,
    /// The quote's context (quotes only).
    pub context: Option<&'a str>,
    /// Character indices into `text` that matched (none if only other fields did, or only filters).
    pub positions: Vec<usize>,
}

/// One report as a pretty-printed JSON object; several as an array.
pub fn reports(chosen: &[&Report]) -> String {
    let value = match chosen {
        [one] => serde_json::to_string_pretty(one),
        _ => serde_json::to_string_pretty(chosen),
    };
    crate::load::sanitize::json(value.unwrap_or_default())
}

/// The records of `hits`, whose `item`s index `items` (from
/// `search::scan::search_once` or an `Index`), which index `reports`. Hits
/// pointing outside them are skipped.
pub fn hit_records<'a>(reports: &'a [Report], items: &[Item], hits: &[Hit], query: &Query) -> Vec<JsonHit<'a>> {
    hits.iter()
        .filter_map(|hit| {
            let item = items.get(hit.item as usize)?;
            let report = reports.get(item.report as usize)?;
            let speaker = item.speaker.and_then(|s| report.speakers.get(s as usize)).map(|s| s.name.as_str());
            let snippet = crate::search::snippet(reports, item, query)?;
            let context = item.quote.and_then(|q| report.quotes.get(q as usize)).and_then(|q| q.context.as_deref());
            Some(JsonHit {
                score: hit.score,
                kind: item.kind,
                report: &report.id,
                report_title: &report.title,
                date: &report.date,
                speaker,
                quote: item.quote,
                field: snippet.field,
                text: snippet.text,
                context,
                positions: snippet.positions,
            })
        })
        .collect()
}

/// [`hit_records`] as a pretty-printed JSON array (`[]` without hits).
pub fn hits(reports: &[Report], items: &[Item], hits: &[Hit], query: &Query) -> String {
    crate::load::sanitize::json(
        serde_json::to_string_pretty(&hit_records(reports, items, hits, query)).unwrap_or_default(),
    )
}

/// One person as `podium people --format json` lists them.
#[derive(Debug, Serialize)]
pub struct JsonPerson<'a> {
    pub name: &'a str,
    /// What identifies them across reports (folded; honorifics and middle initials dropped).
    pub key: &'a str,
    pub sessions: usize,
    pub quotes: usize,
    /// In their newest report.
    pub role: Option<&'a str>,
    pub organisation: Option<&'a str>,
    pub first_date: &'a str,
    pub last_date: &'a str,
    /// The ids of the reports they speak in, newest first.
    pub reports: Vec<&'a str>,
}

/// One appearance of a person, in `podium show person:NAME --format json`.
#[derive(Debug, Serialize)]
pub struct JsonAppearance<'a> {
    pub report: &'a str,
    pub report_title: &'a str,
    pub date: &'a str,
    pub start: Option<&'a str>,
    /// The speaker's id in that report, and their name as written there.
    pub speaker: &'a str,
    pub name: &'a str,
    pub role: Option<&'a str>,
    pub organisation: Option<&'a str>,
    pub moderator: bool,
}

/// One quote of a person, with where it was said.
#[derive(Debug, Serialize)]
pub struct JsonPersonQuote<'a> {
    pub report: &'a str,
    pub report_title: &'a str,
    pub date: &'a str,
    /// Index into the report's quotes.
    pub quote: usize,
    pub text: &'a str,
    pub context: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct JsonPersonWhole<'a> {
    person: JsonPerson<'a>,
    appearances: Vec<JsonAppearance<'a>>,
    quotes: Vec<JsonPersonQuote<'a>>,
}

/// The record of one person.
pub fn person_record<'a>(p: &'a Person, reports: &'a [Report]) -> JsonPerson<'a> {
    let latest = p.latest(reports);
    let (first_date, last_date) = p.dates(reports);
    JsonPerson {
        name: &p.name,
        key: &p.key,
        sessions: p.sessions,
        quotes: p.quotes,
        role: latest.role.as_deref(),
        organisation: latest.organisation.as_deref(),
        first_date,
        last_date,
        reports: super::sessions(p, reports).into_iter().map(|r| r.id.as_str()).collect(),
    }
}

/// The persons of `order` (indices into `people.persons`) as a pretty-printed JSON array.
pub fn people(people: &People, order: &[usize], reports: &[Report]) -> String {
    let rows: Vec<JsonPerson> =
        order.iter().filter_map(|&p| people.persons.get(p)).map(|p| person_record(p, reports)).collect();
    crate::load::sanitize::json(serde_json::to_string_pretty(&rows).unwrap_or_default())
}

/// One person as a pretty-printed JSON object: `person`, their record as
/// `podium people` lists it ([`JsonPerson`]); `appearances`, newest first;
/// and `quotes`, every quote of theirs.
pub fn person(p: &Person, reports: &[Report]) -> String {
    let appearances = p
        .appearances
        .iter()
        .map(|a| {
            let r = &reports[a.report as usize];
            let s = &r.speakers[a.speaker as usize];
            JsonAppearance {
                report: &r.id,
                report_title: &r.title,
                date: &r.date,
                start: r.start.as_deref(),
                speaker: &s.id,
                name: &s.name,
                role: s.role.as_deref(),
                organisation: s.organisation.as_deref(),
                moderator: s.moderator,
            }
        })
        .collect();
    let quotes = p
        .quotes(reports)
        .map(|(ri, qi)| {
            let r = &reports[ri];
            let q = &r.quotes[qi];
            JsonPersonQuote {
                report: &r.id,
                report_title: &r.title,
                date: &r.date,
                quote: qi,
                text: &q.text,
                context: q.context.as_deref(),
            }
        })
        .collect();
    let whole = JsonPersonWhole { person: person_record(p, reports), appearances, quotes };
    crate::load::sanitize::json(serde_json::to_string_pretty(&whole).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::super::sample::{quote, sample, speaker};
    use super::*;
    use crate::search::scan::search_once;
    use crate::search::{Options, Query};

    fn report(title: &str) -> Report {
        sample(title, vec![speaker("ann", "Ann", None, None)], vec![quote("ann", "bell \u{7} rings")])
    }

    #[test]
    fn one_report_is_an_object_several_an_array() {
        let (a, b) = (report("A"), report("B"));
        let one: serde_json::Value = serde_json::from_str(&reports(&[&a])).unwrap();
        assert_eq!(one["title"], "A");
        let two: serde_json::Value = serde_json::from_str(&reports(&[&a, &b])).unwrap();
        assert_eq!(two[1]["title"], "B");
    }

    #[test]
    fn hits_carry_speaker_positions_and_escape_controls() {
        let lib = vec![report("A")];
        let query = Query::parse("rings");
        let (items, results) = search_once(&lib, &query, &Options::default());
        let out = hits(&lib, &items, &results.hits, &query);
        assert!(!out.contains('\u{7}'), "{out}");
        let value: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(value[0]["kind"], "quote");
        assert_eq!(value[0]["speaker"], "Ann");
        // The quote's own words: the speaker has a field of its own.
        assert_eq!(value[0]["text"], "bell \u{7} rings");
        assert_eq!(value[0]["context"], serde_json::Value::Null);
        assert_eq!(value[0]["positions"], serde_json::json!([7, 8, 9, 10, 11]));
        // A hit outside the items is skipped, not a panic.
        assert_eq!(hits(&lib, &items, &[Hit { item: 99, score: 1 }], &query), "[]");
    }
}
