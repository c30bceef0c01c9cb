//! EuroDIG-style wiki session pages as text: a title, the wiki's boilerplate,
//! a header `21 June 2022 | 10:30 - 11:30 CEST | Room 2 | …`, sections of
//! people as `Name, Role, Organisation` bullets, messages, and sometimes a
//! transcript read by `transcript.rs`.

use super::{Draft, DraftSpeaker, header, transcript};
use std::collections::HashMap;

/// What a section of the page holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Summary,
    Speakers,
    Moderators,
    RemoteModerators,
    /// People who are not speakers unless they have a turn (focal points, organisers).
    Team,
    Reporters,
    Messages,
    Transcript,
    Other,
}

/// A line as a section heading ("Key Participants (for workshop)", "Moderators").
fn heading(line: &str) -> Option<Section> {
    let t = line.trim().trim_end_matches(':');
    let t = t.split(" (").next().unwrap_or(t).trim().to_lowercase();
    Some(match t.as_str() {
        "session teaser" | "teaser" | "session description" | "description" => Section::Summary,
        "key participants" | "speakers" | "panelists" | "panellists" | "key speakers" | "presenters"
        | "participants" => Section::Speakers,
        "moderator" | "moderators" | "co-moderators" | "moderator(s)" => Section::Moderators,
        "remote moderator" | "remote moderators" | "online moderator" | "online moderators" => {
            Section::RemoteModerators
        }
        "focal point" | "focal points" | "organising team" | "organizing team" | "org team" | "organisers"
        | "organizers" => Section::Team,
        "reporter" | "reporters" | "rapporteur" | "rapporteurs" => Section::Reporters,
        "messages" | "key messages" => Section::Messages,
        "transcript" => Section::Transcript,
        "people"
        | "format"
        | "video record"
        | "further reading"
        | "links"
        | "session format"
        | "background"
        | "current discussion, conference calls, schedules and minutes" => Section::Other,
        _ => return None,
    })
}

const BOILERPLATE: [&str; 4] =
    ["From EuroDIG Wiki", "Jump to navigation", "Jump to search", "Jump to navigation Jump to search"];

/// A wiki page: the wiki's own line, or the sections only these pages have
/// (focal point, reporter, key participants) with a `date | time | room`
/// header. Headings like "Speakers" and "Moderator" alone are common in
/// event reports too, whose prose must not be read as a list of people.
pub fn detect(text: &str) -> bool {
    let (mut people, mut own, mut header) = (0, false, false);
    for line in text.lines().take(400) {
        let t = line.trim();
        if t == "From EuroDIG Wiki" {
            return true;
        }
        header |= t.contains('|') && header::date(t).is_some();
        match heading(t) {
            Some(Section::Team | Section::Reporters) => {
                own = true;
                people += 1;
            }
            Some(Section::Speakers | Section::Moderators | Section::RemoteModerators) => {
                own |= t.to_lowercase().starts_with("key participants");
                people += 1;
            }
            _ => {}
        }
    }
    people >= 2 && own && header
}

/// A bullet's text: `• item`, `* item`, `- item`.
fn bullet(line: &str) -> Option<&str> {
    let t = line.trim();
    ["• ", "* ", "- ", "· ", "– "].iter().find_map(|b| t.strip_prefix(b)).map(str::trim)
}

/// Words of job titles.
const ROLE_WORDS: [&str; 34] = [
    "officer",
    "manager",
    "advisor",
    "adviser",
    "director",
    "secretary",
    "chief",
    "executive",
    "head",
    "president",
    "coordinator",
    "researcher",
    "fellow",
    "member",
    "expert",
    "analyst",
    "consultant",
    "professor",
    "minister",
    "ambassador",
    "engineer",
    "chair",
    "founder",
    "journalist",
    "student",
    "lead",
    "editor",
    "lawyer",
    "counsel",
    "lecturer",
    "specialist",
    "architect",
    "representative",
    "moderator",
];
/// Words of organisations' names.
const ORG_WORDS: [&str; 33] = [
    "team",
    "secretariat",
    "committee",
    "ministry",
    "university",
    "foundation",
    "institute",
    "association",
    "society",
    "council",
    "commission",
    "agency",
    "organisation",
    "organization",
    "network",
    "networks",
    "centre",
    "center",
    "union",
    "trust",
    "bureau",
    "forum",
    "platform",
    "igf",
    "city",
    "cooperation",
    "office",
    "group",
    "inc",
    "ltd",
    "company",
    "school",
    "college",
];

fn has(part: &str, words: &[&str]) -> bool {
    part.split(|c: char| !c.is_alphanumeric()).any(|w| words.contains(&w.to_lowercase().as_str()))
}

const HONORIFICS: [&str; 8] = ["Mr", "Ms", "Mrs", "Dr", "Prof", "H.E.", "Mx", "Sir"];

/// Whether a text is a person's name: 1–5 capitalised words (particles between).
fn is_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 5
        && words[0].chars().next().is_some_and(char::is_uppercase)
        && words.iter().all(|w| {
            w.chars().all(|c| c.is_alphabetic() || "-'’.".contains(c))
                && (w.chars().next().is_some_and(char::is_uppercase)
                    || ["van", "von", "der", "den", "de", "da", "di", "du", "del", "dos", "la", "le", "bin", "al"]
                        .contains(w))
        })
        && !has(s, &ORG_WORDS)
        && !has(s, &ROLE_WORDS)
}

/// A person from a bullet or a `Moderator: …` line: `Name, Role, Organisation`
/// in either order, `Name (Organisation)`, or a name alone.
fn person(item: &str) -> Option<DraftSpeaker> {
    let item = item.trim().trim_end_matches(['.', ';']);
    let (head, bracket) = match item.split_once(" (") {
        Some((h, b)) if !h.contains(',') => (h, b.split(')').next()),
        _ => (item, None),
    };
    let mut parts = head.split(',').map(str::trim).filter(|p| !p.is_empty());
    let mut name = parts.next()?.to_string();
    loop {
        let first = name.split_whitespace().next().unwrap_or("");
        if HONORIFICS.contains(&first.trim_end_matches('.')) && name.split_whitespace().count() > 2 {
            name = name[first.len()..].trim().to_string();
        } else {
            break;
        }
    }
    if !is_name(&name) || name.split_whitespace().count() < 2 {
        return None;
    }
    let rest: Vec<&str> = parts.chain(bracket).collect();
    let mut s = DraftSpeaker { name, ..Default::default() };
    let roles: Vec<usize> =
        (0..rest.len()).filter(|&i| has(rest[i], &ROLE_WORDS) && !has(rest[i], &ORG_WORDS)).collect();
    match (rest.len(), roles.as_slice()) {
        (0, _) => {}
        (_, [r]) => {
            s.role = Some(rest[*r].to_string());
            let orgs: Vec<&str> = rest.iter().enumerate().filter(|(i, _)| i != r).map(|(_, p)| *p).collect();
            s.organisation = (!orgs.is_empty()).then(|| orgs.join(", "));
        }
        (1, _) => {
            if has(rest[0], &ROLE_WORDS) && !has(rest[0], &ORG_WORDS) {
                s.role = Some(rest[0].to_string());
            } else {
                s.organisation = Some(rest[0].to_string());
            }
        }
        _ => {
            // Unclear: the usual order, marked.
            s.role = Some(rest[0].to_string());
            s.organisation = Some(rest[1..].join(", "));
            s.check = Some("role and organisation may be swapped".into());
        }
    }
    Some(s)
}

/// People of the page by name, in order: a name listed again (a focal point
/// who is also in the organising team) adds what it says to the first.
#[derive(Default)]
struct People {
    list: Vec<DraftSpeaker>,
    index: HashMap<String, usize>,
}

impl People {
    fn merge(&mut self, p: DraftSpeaker) {
        if let Some(&i) = self.index.get(&p.name) {
            let s = &mut self.list[i];
            s.role = s.role.take().or(p.role);
            s.organisation = s.organisation.take().or(p.organisation);
            s.moderator |= p.moderator;
            return;
        }
        self.index.insert(p.name.clone(), self.list.len());
        self.list.push(p);
    }
}

/// Who the page lists, by what they do.
#[derive(Default)]
struct Listed {
    speakers: People,
    /// Not speakers unless they have a turn.
    team: People,
    reporters: Vec<String>,
    remote: Option<String>,
}

pub fn extract(text: &str) -> Draft {
    let mut draft = Draft::default();
    // The wiki's footer ends the page.
    let lines: Vec<&str> = text.lines().take_while(|l| !l.trim_start().starts_with("Retrieved from \"")).collect();
    let mut section = Section::Other;
    let mut header_seen = false;
    let mut summary: Vec<String> = Vec::new();
    let mut messages: Vec<String> = Vec::new();
    let mut listed = Listed::default();
    let mut transcript_at = None;
    let mut para = String::new();
    let flush = |para: &mut String, section: Section, summary: &mut Vec<String>| {
        if section == Section::Summary && !para.is_empty() {
            summary.push(std::mem::take(para));
        }
        para.clear();
    };
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        if t.is_empty() {
            flush(&mut para, section, &mut summary);
            continue;
        }
        if BOILERPLATE.contains(&t) {
            continue;
        }
        if draft.title.is_empty() {
            draft.title = t.to_string();
            continue;
        }
        if !header_seen
            && t.contains('|')
            && let Some(d) = header::date(t)
        {
            draft.date = Some(d);
            let (s, e) = header::times(t);
            (draft.start, draft.end) = (s, e);
            header_seen = true;
            continue;
        }
        if let Some(s) = heading(t) {
            flush(&mut para, section, &mut summary);
            section = s;
            if s == Section::Transcript {
                transcript_at = Some(i + 1);
                break;
            }
            continue;
        }
        // "Moderator: Name, Role, Org" on one line.
        if let Some((h, rest)) = t.split_once(':')
            && let Some(
                s @ (Section::Speakers
                | Section::Moderators
                | Section::RemoteModerators
                | Section::Team
                | Section::Reporters),
            ) = heading(h)
        {
            section = s;
            for item in rest.split(';') {
                take_person(item, s, &mut listed);
            }
            continue;
        }
        match (section, bullet(t)) {
            (Section::Messages, Some(item)) => messages.push(item.to_string()),
            (Section::Summary, _) => {
                if !para.is_empty() {
                    para.push(' ');
                }
                para.push_str(t);
            }
            (
                Section::Speakers
                | Section::Moderators
                | Section::RemoteModerators
                | Section::Team
                | Section::Reporters,
                Some(item),
            ) => take_person(item, section, &mut listed),
            // Explanations under a heading, and headings not known: never people.
            _ => {}
        }
    }
    flush(&mut para, section, &mut summary);
    if !summary.is_empty() {
        draft.summary = Some(summary.join("\n\n"));
    }
    if !messages.is_empty() {
        draft.conclusion = Some(messages.join("\n"));
    }
    if !listed.reporters.is_empty() {
        draft.author = Some(listed.reporters.join(", "));
    }
    draft.speakers = listed.speakers.list;
    if let Some(at) = transcript_at {
        transcript::add_turns(&lines[at..], &mut draft, &listed.team.list, listed.remote.as_deref());
    }
    draft
}

fn take_person(item: &str, section: Section, listed: &mut Listed) {
    let Some(mut p) = person(item) else { return };
    match section {
        Section::Speakers => listed.speakers.merge(p),
        Section::Moderators => {
            p.moderator = true;
            listed.speakers.merge(p);
        }
        Section::RemoteModerators => {
            listed.remote.get_or_insert_with(|| p.name.clone());
            listed.team.merge(p);
        }
        Section::Reporters => {
            // Bounded, so that looking for the name again stays cheap.
            if listed.reporters.len() < MAX_AUTHORS && !listed.reporters.contains(&p.name) {
                listed.reporters.push(p.name.clone());
            }
            listed.team.merge(p);
        }
        _ => listed.team.merge(p),
    }
}

/// Authors named in the `author` field at most (a page of a thousand reporter bullets is not a byline).
const MAX_AUTHORS: usize = 8;

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(s: &DraftSpeaker) -> (&str, Option<&str>, Option<&str>) {
        (s.name.as_str(), s.role.as_deref(), s.organisation.as_deref())
    }

    #[test]
    fn people_bullets() {
        for (item, want) in [
            (
                "Oksana Melnyk, Chief Information Security Officer, Dnipro Digital Services Agency",
                Some((
                    "Oksana Melnyk",
                    Some("Chief Information Security Officer"),
                    Some("Dnipro Digital Services Agency"),
                )),
            ),
            (
                "Søren Vestergaard, Fjordline Networks, Chief Technology Officer",
                Some(("Søren Vestergaard", Some("Chief Technology Officer"), Some("Fjordline Networks"))),
            ),
            ("Chidi Eze, Geneva Internet Platform", Some(("Chidi Eze", None, Some("Geneva Internet Platform")))),
            (
                "Farida Yusupova, Independent Consultant",
                Some(("Farida Yusupova", Some("Independent Consultant"), None)),
            ),
            ("Beatriz Nogueira", Some(("Beatriz Nogueira", None, None))),
            ("Jan van der Berg", Some(("Jan van der Berg", None, None))),
            (
                "Dr. Lina Sørbø (Bergen Centre for Network Studies)",
                Some(("Lina Sørbø", None, Some("Bergen Centre for Network Studies"))),
            ),
            ("Key Participants are experts willing to provide their knowledge.", None),
            ("Trained remote moderators will be assigned on the spot.", None),
            ("Organising Team", None),
        ] {
            assert_eq!(person(item).as_ref().map(fields), want, "{item}");
        }
    }

    #[test]
    fn detection() {
        let page = "Title\n\n21 June 2022 | 10:30 - 11:30 CEST | Room 2\n\nKey Participants\n\n  • A B\n\nReporter\n\n  • C D\n";
        assert!(detect(page));
        assert!(!detect(&page.replace(" | ", " ")));
        // An event report with a list of speakers is prose.
        assert!(!detect("Panel\n\n10 Nov 2015 | 14:00\n\nSpeakers\n\n• A B\n\nModerator\n\n• C D\n"));
    }

    #[test]
    fn header_and_sections() {
        let page = "Data retention – WS 04 2022\n\nFrom EuroDIG Wiki\nJump to navigation Jump to search\n\n21 June 2022 | 10:30 - 11:30 CEST | Room 2 | Video recording\n\nSession teaser\n\nCourts have ruled.\n\nPeople\n\nKey Participants (for workshop)\n\nKey Participants are experts willing to provide their knowledge.\n\n  • Zoë Lambrecht, Policy Officer, Brussels Digital Rights Bureau\n\nFocal Point\n\n  • Dario Pellegrini, Policy Analyst, Osservatorio Reti Aperte\n\nModerator: Ingrid Halvorsen, Director of Digital Policy, Nordlys Regulatory Forum\n\nReporter\n\n  • Lina Sørbø\n\nMessages\n\n  • Retention is over.\n\nRetrieved from \"https://wiki\"\nCategories: Sessions\n";
        assert!(detect(page));
        let d = extract(page);
        assert_eq!(d.title, "Data retention – WS 04 2022");
        assert_eq!(
            (d.date.as_deref(), d.start.as_deref(), d.end.as_deref()),
            (Some("2022-06-21"), Some("10:30"), Some("11:30"))
        );
        assert_eq!(d.author.as_deref(), Some("Lina Sørbø"));
        assert_eq!(d.summary.as_deref(), Some("Courts have ruled."));
        assert_eq!(d.conclusion.as_deref(), Some("Retention is over."));
        let names: Vec<(&str, bool)> = d.speakers.iter().map(|s| (s.name.as_str(), s.moderator)).collect();
        assert_eq!(names, [("Zoë Lambrecht", false), ("Ingrid Halvorsen", true)]);
    }

    #[test]
    fn transcript_section_matches_listed_people() {
        let page = "T\n\nFrom EuroDIG Wiki\n\n19 June 2023 | 11:00 - 12:30 EEST | Hall\n\nKey Participants\n\n  • Amara Okonkwo-Diallo, Executive Director, Open Spectrum Africa\n\nModerator\n\n  • Ingrid Halvorsen, Director of Digital Policy, Nordlys Regulatory Forum\n\nFocal Point\n\n  • Małgorzata Wiśniewska, Professor, Wrocław Institute of Technology Law\n\nRemote Moderator\n\n  • Chidi Eze, Geneva Internet Platform\n\nTranscript\n\nProvided by: Caption First, Inc.\n\n>> MODERATOR: Welcome.\n>> PROFESSOR WIŚNIEWSKA: Thanks.\n>> REMOTE MODERATOR: A question online.\n>> AMARA OKONKWO-DIALLO: Yes.\n>> Thank you.\n";
        let d = extract(page);
        let got: Vec<_> = d.speakers.iter().map(fields).collect();
        assert_eq!(
            got,
            [
                ("Amara Okonkwo-Diallo", Some("Executive Director"), Some("Open Spectrum Africa")),
                ("Ingrid Halvorsen", Some("Director of Digital Policy"), Some("Nordlys Regulatory Forum")),
                ("Małgorzata Wiśniewska", Some("Professor"), Some("Wrocław Institute of Technology Law")),
                ("Chidi Eze", None, Some("Geneva Internet Platform")),
                ("Participant", None, None),
            ]
        );
        let by: Vec<usize> = d.quotes.iter().map(|q| q.speaker.unwrap()).collect();
        assert_eq!(by, [1, 2, 3, 0, 4]);
    }
}
