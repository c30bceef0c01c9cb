//! JSON for scripts: whole reports (the model's serde form) and search hits
//! with their matched character positions.

use crate::model::Report;
use crate::search::{Hit, Item, Kind, Query, highlight};
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
    /// The quote's text, the speaker's `Name · Role · Organisation`, or the report's title ([`super::hit_text`]).
    pub text: String,
    /// The quote's context (quotes only).
    pub context: Option<&'a str>,
    /// Character indices into `text` that matched (none if only other fields did).
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
            let text = super::hit_text(reports, item)?;
            let positions = highlight::positions(&text, query);
            let context = item.quote.and_then(|q| report.quotes.get(q as usize)).and_then(|q| q.context.as_deref());
            Some(JsonHit {
                score: hit.score,
                kind: item.kind,
                report: &report.id,
                report_title: &report.title,
                date: &report.date,
                speaker,
                quote: item.quote,
                text,
                context,
                positions,
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
