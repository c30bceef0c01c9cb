//! The values field filters compare, folded once per library: `speaker:c`
//! asks every speaker of a million-quote library at each keystroke, and
//! folding their names again each time was most of that keystroke.

use super::fold::fold_into;
use super::query::Field;
use super::reports::Reports;
use rayon::prelude::*;

/// For one field, per report, per entry (the report itself, or each of its
/// speakers), the folded values a filter on that field compares:
/// title and id (`report:`), tags (`tag:`), date (`date:`); a speaker's
/// name, id and `person:` (empty when it has none) (`speaker:`), its
/// organisation (`org:`). All in one text: a million quotes have ~10⁵
/// speakers, too many for an allocation per value.
pub(super) struct FoldedFields {
    pub field: Field,
    text: String,
    /// Where each value ends in `text`.
    ends: Vec<u32>,
    /// Per entry, its first value in `ends` (one more than the entries).
    entries: Vec<u32>,
    /// Per report, its first entry (one more than the reports).
    reports: Vec<u32>,
}

impl FoldedFields {
    pub fn new<R: Reports + ?Sized>(reports: &R, field: Field) -> FoldedFields {
        reports.prepare_fields();
        // Per report, its values in order, each entry's count of values.
        let per_report: Vec<(String, Vec<u32>, Vec<u32>)> = (0..reports.count())
            .into_par_iter()
            .map(|r| {
                let r = reports.fields(r);
                let (mut text, mut ends, mut counts) = (String::new(), Vec::new(), Vec::new());
                let mut entry = |values: &[&str]| {
                    for v in values {
                        fold_into(&mut text, v);
                        ends.push(text.len() as u32);
                    }
                    counts.push(values.len() as u32);
                };
                match field {
                    Field::Report => entry(&[&r.title, &r.id]),
                    Field::Tag => entry(&r.tags.iter().map(|t| t.as_str()).collect::<Vec<_>>()),
                    Field::Date => entry(&[&r.date]),
                    Field::Speaker => {
                        for s in &r.speakers {
                            entry(&[&s.name, &s.id, s.person.as_deref().unwrap_or("")]);
                        }
                    }
                    Field::Org => {
                        for s in &r.speakers {
                            entry(&[s.organisation.as_deref().unwrap_or("")]);
                        }
                    }
                }
                (text, ends, counts)
            })
            .collect();
        let mut f = FoldedFields { field, text: String::new(), ends: Vec::new(), entries: vec![], reports: vec![] };
        for (text, ends, counts) in per_report {
            f.reports.push(f.entries.len() as u32);
            let base = f.text.len() as u32;
            f.text.push_str(&text);
            let mut value = f.ends.len() as u32;
            f.ends.extend(ends.iter().map(|e| base + e));
            for c in counts {
                f.entries.push(value);
                value += c;
            }
        }
        f.reports.push(f.entries.len() as u32);
        f.entries.push(f.ends.len() as u32);
        f
    }

    /// The values of report `r` (`entry` 0) or of its speaker `entry`;
    /// none for a report or speaker the library does not have.
    pub fn of(&self, r: usize, entry: usize) -> impl Iterator<Item = &str> + '_ {
        let e = match (self.reports.get(r), self.reports.get(r + 1)) {
            (Some(&a), Some(&b)) if (entry as u32) < b - a => Some(a as usize + entry),
            _ => None,
        };
        let values = e.map_or(0..0, |e| self.entries[e] as usize..self.entries[e + 1] as usize);
        values.map(|v| {
            let start = if v == 0 { 0 } else { self.ends[v - 1] as usize };
            &self.text[start..self.ends[v] as usize]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::fold::fold;

    #[test]
    fn values_are_folded_per_report_and_speaker() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/content/igf2015-child-online-protection.yaml"
        ))
        .unwrap();
        let out = crate::load::parse_file(std::path::Path::new("s.yaml"), "s", text.as_bytes());
        let reports: Vec<_> = out.reports.into_iter().map(|p| p.report).collect();
        let r = &reports[0];
        let speakers = FoldedFields::new(&reports[..], Field::Speaker);
        assert!(r.speakers.len() > 1);
        for (k, s) in r.speakers.iter().enumerate() {
            let values: Vec<&str> = speakers.of(0, k).collect();
            assert_eq!(values, [fold(&s.name), fold(&s.id), fold(s.person.as_deref().unwrap_or(""))]);
        }
        assert_eq!(speakers.of(0, r.speakers.len()).count(), 0);
        assert_eq!(speakers.of(1, 0).count(), 0);
        let titles = FoldedFields::new(&reports[..], Field::Report);
        assert_eq!(titles.of(0, 0).collect::<Vec<_>>(), [fold(&r.title), fold(&r.id)]);
        assert!(titles.of(0, 0).all(|t| !t.bytes().any(|b| b.is_ascii_uppercase())));
        let tags = FoldedFields::new(&reports[..], Field::Tag);
        assert_eq!(tags.of(0, 0).collect::<Vec<_>>(), r.tags.iter().map(|t| fold(t)).collect::<Vec<_>>());
    }
}
