//! Small reports for the export tests.

use crate::model::{Origin, Quote, Report, Speaker};

pub fn speaker(id: &str, name: &str, role: Option<&str>, organisation: Option<&str>) -> Speaker {
    Speaker {
        id: id.into(),
        name: name.into(),
        role: role.map(Into::into),
        organisation: organisation.map(Into::into),
        moderator: false,
        points: vec![],
        person: None,
    }
}

pub fn quote(speaker: &str, text: &str) -> Quote {
    Quote { speaker: speaker.into(), text: text.into(), context: None }
}

/// A report `talk` of 2015-11-10 with only a title, speakers and quotes.
pub fn sample(title: &str, speakers: Vec<Speaker>, quotes: Vec<Quote>) -> Report {
    Report {
        id: "talk".into(),
        title: title.into(),
        event: None,
        kind: None,
        date: "2015-11-10".into(),
        start: None,
        end: None,
        location: None,
        author: None,
        source: None,
        tags: vec![],
        summary: None,
        conclusion: None,
        speakers,
        quotes,
        origin: Origin { path: "talk.yaml".into(), document: 0, line: 1 },
    }
}
