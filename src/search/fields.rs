//! The values field filters compare, folded once per library: `speaker:c`
//! asks every speaker of a million-quote library at each keystroke, and
//! folding their names again each time was most of that keystroke.

use super::fold::fold;
use super::query::Field;
use super::reports::Reports;
use rayon::prelude::*;

/// For one field, per report, per entry (the report itself, or each of its
/// speakers), the folded values a filter on that field compares:
/// title and id (`report:`), tags (`tag:`), date (`date:`); a speaker's
/// name, id and `person:` (empty when it has none) (`speaker:`), its
/// organisation (`org:`).
pub(super) struct FoldedFields {
    pub field: Field,
    values: Vec<Vec<Vec<Box<str>>>>,
}

impl FoldedFields {
    pub fn new<R: Reports + ?Sized>(reports: &R, field: Field) -> FoldedFields {
        reports.prepare_fields();
        let folded = |s: &str| fold(s).into_boxed_str();
        let values = (0..reports.count())
            .into_par_iter()
            .map(|r| {
                let r = reports.fields(r);
                match field {
                    Field::Report => vec![vec![folded(&r.title), folded(&r.id)]],
                    Field::Tag => vec![r.tags.iter().map(|t| folded(t)).collect()],
                    Field::Date => vec![vec![folded(&r.date)]],
                    Field::Speaker => (r.speakers.iter())
                        .map(|s| vec![folded(&s.name), folded(&s.id), folded(s.person.as_deref().unwrap_or(""))])
                        .collect(),
                    Field::Org => {
                        r.speakers.iter().map(|s| vec![folded(s.organisation.as_deref().unwrap_or(""))]).collect()
                    }
                }
            })
            .collect();
        FoldedFields { field, values }
    }

    /// The values of report `r` (`entry` 0) or of its speaker `entry`;
    /// none for a report or speaker the library does not have.
    pub fn of(&self, r: usize, entry: usize) -> &[Box<str>] {
        self.values.get(r).and_then(|e| e.get(entry)).map_or(&[], |v| &v[..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        for (k, s) in r.speakers.iter().enumerate() {
            assert_eq!(&*speakers.of(0, k)[0], fold(&s.name));
            assert_eq!(&*speakers.of(0, k)[1], fold(&s.id));
        }
        assert!(speakers.of(0, r.speakers.len()).is_empty());
        assert!(speakers.of(1, 0).is_empty());
        let titles = FoldedFields::new(&reports[..], Field::Report);
        assert_eq!(&*titles.of(0, 0)[0], fold(&r.title));
        assert!(titles.of(0, 0)[0].bytes().all(|b| !b.is_ascii_uppercase()));
    }
}
