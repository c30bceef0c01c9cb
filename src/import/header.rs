//! The lines around the prose: date and times, the kind of report, the authors.

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month(word: &str) -> Option<u32> {
    let w = word.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS.iter().position(|m| m.starts_with(&w) && (w.len() == 3 || *m == w || (w == "sept"))).map(|i| i as u32 + 1)
}

/// `YYYY-MM-DD` from "10 Nov 2015", "15 September 2009", "November 26, 2015" or "2015-11-10".
pub fn date(line: &str) -> Option<String> {
    let words: Vec<&str> =
        line.split(|c: char| c.is_whitespace() || c == ',' || c == '|').filter(|w| !w.is_empty()).collect();
    for (i, w) in words.iter().enumerate() {
        if w.len() == 10 && crate::load::is_date(w) {
            return Some(w.to_string());
        }
        let Some(m) = month(w) else { continue };
        let num = |s: Option<&&str>| {
            s.and_then(|s| s.trim_end_matches(|c: char| !c.is_ascii_digit()).trim_end_matches("th").parse::<u32>().ok())
        };
        let year = |s: Option<&&str>| s.and_then(|s| s.parse::<u32>().ok()).filter(|y| (1900..2200).contains(y));
        // "10 Nov 2015" or "November 26 2015"
        let (d, y) = match (
            i.checked_sub(1).and_then(|j| num(words.get(j))),
            year(words.get(i + 1)),
            num(words.get(i + 1)),
            year(words.get(i + 2)),
        ) {
            (Some(d), Some(y), _, _) => (d, y),
            (_, _, Some(d), Some(y)) => (d, y),
            _ => continue,
        };
        let iso = format!("{y:04}-{m:02}-{d:02}");
        if crate::load::is_date(&iso) {
            return Some(iso);
        }
    }
    None
}

/// The first two times of day in a line: "14:00h - 15:00h", "16:15-17:15", "9.30–11.00".
pub fn times(line: &str) -> (Option<String>, Option<String>) {
    let b = line.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < b.len() && found.len() < 2 {
        if b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_digit()) {
            let mut j = i;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            if j - i <= 2
                && j + 2 < b.len()
                && (b[j] == b':' || b[j] == b'.' || b[j] == b'h')
                && b[j + 1].is_ascii_digit()
                && b[j + 2].is_ascii_digit()
                && (j + 3 == b.len() || !b[j + 3].is_ascii_digit())
            {
                let h: u32 = line[i..j].parse().unwrap_or(99);
                let m: u32 = line[j + 1..j + 3].parse().unwrap_or(99);
                if h < 24 && m < 60 {
                    found.push(format!("{h:02}:{m:02}"));
                }
                i = j + 3;
                continue;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    (found.first().cloned(), found.get(1).cloned())
}

/// Authors from a closing "By NAME", "By A and B", "By A, B and C".
pub fn authors(line: &str) -> Option<String> {
    let rest = line.trim().strip_prefix("By ").or_else(|| line.trim().strip_prefix("by "))?;
    if rest.split_whitespace().count() > 12 || rest.ends_with('.') && rest.split_whitespace().count() > 6 {
        return None;
    }
    let names: Vec<String> = rest
        .split(&[',', '&'][..])
        .flat_map(|p| p.split(" and "))
        .map(|n| n.trim().trim_end_matches('.').to_string())
        .filter(|n| !n.is_empty())
        .collect();
    let all_names = names
        .iter()
        .all(|n| n.split_whitespace().all(|w| w.chars().next().is_some_and(char::is_uppercase) || w.len() <= 3));
    (all_names && !names.is_empty()).then(|| names.join(", "))
}

/// A news dateline opening a paragraph: "GENEVA, 14 May 2025 —", "NEW YORK,
/// 6 June 2023 (UN Information Service) –". Returns the date and the byte
/// offset where the prose after the dash starts.
pub fn dateline(line: &str) -> Option<(String, usize)> {
    let first = line.split([',', ' ']).next()?;
    if first.chars().filter(|c| c.is_alphabetic()).count() < 2 || first.chars().any(char::is_lowercase) {
        return None;
    }
    // The dash is near the start: a dateline is a place, a date and a source at most.
    let (at, dash) = line
        .char_indices()
        .take(120)
        .find(|&(_, c)| matches!(c, '—' | '–' | '-'))
        .filter(|&(at, c)| c != '-' || (line[..at].ends_with(' ') && line[at + 1..].starts_with(' ')))?;
    let head = &line[..at];
    if !head.contains(',') {
        return None;
    }
    let d = date(head)?;
    Some((d, at + dash.len_utf8()))
}

/// Lines that close a press release and are no part of the report: contacts and end marks.
pub fn closing(line: &str) -> bool {
    let t = line.trim();
    let lower = t.to_lowercase();
    ["for more information", "for further information", "media contact", "press contact", "contact:", "media enquiries"]
        .iter()
        .any(|p| lower.starts_with(p))
        || (!t.is_empty() && t.chars().all(|c| matches!(c, '#' | '*' | '-' | ' ')))
        || matches!(lower.as_str(), "-ends-" | "ends" | "end")
}

/// A short line naming the kind of report ("Event report", "Workshop").
pub fn kind(line: &str) -> Option<String> {
    let t = line.trim();
    let words = t.split_whitespace().count();
    let looks = (1..=4).contains(&words)
        && !t.ends_with(['.', ':'])
        && t.chars().next().is_some_and(char::is_uppercase)
        && date(t).is_none()
        && times(t).0.is_none();
    looks.then(|| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times() {
        assert_eq!(date("10 Nov 2015 14:00h - 15:00h").as_deref(), Some("2015-11-10"));
        assert_eq!(date("15 September 2009 | 16:15-17:15").as_deref(), Some("2009-09-15"));
        assert_eq!(date("26 November 2015").as_deref(), Some("2015-11-26"));
        assert_eq!(date("November 26, 2015").as_deref(), Some("2015-11-26"));
        assert_eq!(date("2015-11-10").as_deref(), Some("2015-11-10"));
        assert_eq!(date("Event report"), None);
        assert_eq!(date("31 February 2015"), None);
        assert_eq!(times("10 Nov 2015 14:00h - 15:00h"), (Some("14:00".into()), Some("15:00".into())));
        assert_eq!(times("15 September 2009 | 16:15-17:15"), (Some("16:15".into()), Some("17:15".into())));
        assert_eq!(times("26 November 2015"), (None, None));
        assert_eq!(times("9.30–11.00"), (Some("09:30".into()), Some("11:00".into())));
    }

    #[test]
    fn datelines_and_closing_lines() {
        let table: [(&str, Option<(&str, &str)>); 6] = [
            ("GENEVA, 14 May 2025 — Billions set aside", Some(("2025-05-14", "Billions set aside"))),
            (
                "NEW YORK, 6 June 2023 (UN Information Service) — Technology companies",
                Some(("2023-06-06", "Technology companies")),
            ),
            ("OSLO, 3 September 2024 - Network operators", Some(("2024-09-03", "Network operators"))),
            // No year: no date to give.
            ("NEW YORK, 3 June (UN News) – The panel", None),
            ("Geneva hosted a panel on 14 May 2025 — a good one", None),
            ("The Kansai-based operator, 14 May 2025", None),
        ];
        for (line, want) in table {
            let got = dateline(line).map(|(d, at)| (d, line[at..].trim().to_string()));
            assert_eq!(got, want.map(|(d, r)| (d.to_string(), r.to_string())), "{line}");
        }
        for line in ["For more information, contact the press office.", "Media contact: a@b.org", "###", "* *** *"] {
            assert!(closing(line), "{line}");
        }
        for line in ["Contacts between operators grew.", "The end of an era"] {
            assert!(!closing(line), "{line}");
        }
    }

    #[test]
    fn authors_and_kinds() {
        assert_eq!(authors("By Arsène Tungali").as_deref(), Some("Arsène Tungali"));
        assert_eq!(authors("By Ana Lima and Tom Berg").as_deref(), Some("Ana Lima, Tom Berg"));
        assert_eq!(authors("By A. Bee, Cee Dee and Eff Gee").as_deref(), Some("A. Bee, Cee Dee, Eff Gee"));
        assert_eq!(authors("by the way, this is a sentence that goes on."), None);
        assert_eq!(kind("Event report").as_deref(), Some("Event report"));
        assert_eq!(kind("The workshop brought together speakers."), None);
        // A heading of a list is not the kind of report.
        assert_eq!(kind("Speakers:"), None);
    }
}
