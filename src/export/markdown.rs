//! Markdown to paste into a document: quotes with their citation, whole
//! reports, search hits, people.
//!
//! Report text is plain text, not Markdown, so it is escaped to render as
//! written: `\`, `` ` ``, `*`, `_`, `[`, `]`, `<` and `~` get a backslash
//! everywhere (no emphasis, code, link, image, HTML or strike-through can come
//! from a file, so neither can a `javascript:` link), and so does an `&` that
//! would start a character reference (`&#x202E;` would otherwise render as the
//! bidi override the loader removed). A paragraph that would open a block
//! (`#`, `>`, `-`, `+`, `1.`, `1)`) has its marker escaped too, so a file cannot
//! add headings or lists to the document. Blank lines separate paragraphs; the
//! line breaks inside one are folded into spaces, as `podium show` does.

use super::without_controls;
use crate::model::{Quote, Report, Speaker};
use crate::people::{People, Person};
use crate::search::{Hit, Item, Kind, Query};

/// A quote as a Markdown block quote followed by its citation line, e.g.
///
/// ```text
/// > I am a mother of two daughters…
/// >
/// > — Laksmi Shita, Program Development Manager, HIVOS Southeast Asia, *Child online protection…*, 2015-11-10
/// ```
///
/// Every paragraph of the quote stays inside the block quote. The speaker is
/// looked up by id (the id itself stands in when there is no such speaker); a
/// missing role or organisation is left out. Ends with a line feed.
pub fn citation(report: &Report, quote: &Quote) -> String {
    let mut out = String::new();
    for paragraph in paragraphs(&quote.text) {
        out.push_str("> ");
        out.push_str(&paragraph);
        out.push_str("\n>\n");
    }
    out.push_str("> — ");
    out.push_str(&cite(report, quote));
    out.push('\n');
    out
}

/// The quotes of `report` at these indices (into `report.quotes`; others are
/// skipped), each as a [`citation`], separated by a blank line.
pub fn quotes(report: &Report, indices: &[usize]) -> String {
    let blocks: Vec<String> =
        indices.iter().filter_map(|&i| report.quotes.get(i)).map(|q| citation(report, q)).collect();
    blocks.join("\n")
}

/// The whole report: `# Title`, a list of its metadata, then Summary, Speakers
/// (name, moderator, role and organisation, points), Quotes (as citations,
/// each followed by its context) and Conclusion; absent fields and empty
/// sections are left out.
pub fn report(r: &Report) -> String {
    let mut out = format!("# {}\n", heading(&r.title));
    let when = match r.time_range().as_str() {
        "" => inline(&r.date),
        t => inline(&format!("{}, {t}", r.date)),
    };
    let tags = inline(&r.tags.join(", "));
    let fields: [(&str, Option<String>); 7] = [
        ("Event", r.event.as_deref().map(inline)),
        ("Kind", r.kind.as_deref().map(inline)),
        ("Date", Some(when)),
        ("Location", r.location.as_deref().map(inline)),
        ("Author", r.author.as_deref().map(inline)),
        ("Source", r.source.as_deref().map(link_or_text)),
        ("Tags", Some(tags)),
    ];
    let mut first = true;
    for (label, value) in fields {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            if std::mem::take(&mut first) {
                out.push('\n');
            }
            out.push_str(&format!("- **{label}:** {v}\n"));
        }
    }
    if let Some(summary) = &r.summary {
        section(&mut out, "Summary", &paragraphs(summary).join("\n\n"));
    }
    let speakers: Vec<String> = r.speakers.iter().map(speaker).collect();
    section(&mut out, "Speakers", &speakers.join("\n\n"));
    let quotes: Vec<String> = r.quotes.iter().map(|q| quote_block(r, q)).collect();
    section(&mut out, "Quotes", &quotes.join("\n\n"));
    if let Some(conclusion) = &r.conclusion {
        section(&mut out, "Conclusion", &paragraphs(conclusion).join("\n\n"));
    }
    out
}

/// Search hits, best first, for `podium search --format markdown` and the
/// reader's copy of a search: `hits` index `items` (from
/// `search::scan::search_once`, or an `Index`'s `items`), whose `report`s
/// index `reports`. A quote hit is its [`citation`]; a speaker hit
/// `- **Name**, role, organisation — *Report title*, date`; a report hit
/// `- *Title*, date (id)`; either followed, when another field matched than
/// the one that names it, by that field as a nested item (`  - point 5: …`,
/// `  - summary: …` the sentence, `  - tag: …`; see [`crate::search::snippet`]).
/// Consecutive speaker and report hits form one list; hits that point nowhere
/// are skipped. Empty without hits.
pub fn hits(reports: &[Report], items: &[Item], hits: &[Hit], query: &Query) -> String {
    let mut out = String::new();
    let mut after_list_item = false;
    for hit in hits {
        let Some(item) = items.get(hit.item as usize) else { continue };
        let Some(r) = reports.get(item.report as usize) else { continue };
        let (block, list_item) = match item.kind {
            Kind::Quote => match item.quote.and_then(|q| r.quotes.get(q as usize)) {
                Some(q) => (citation(r, q), false),
                None => continue,
            },
            Kind::Speaker => match item.speaker.and_then(|s| r.speakers.get(s as usize)) {
                Some(s) => {
                    let who = std::iter::once(format!("**{}**", inline(&s.name))).chain(affiliation(s));
                    (format!("- {} — {}\n", who.collect::<Vec<_>>().join(", "), title_and_date(r)), true)
                }
                None => continue,
            },
            Kind::Report => (format!("- {} ({})\n", title_and_date(r), inline(&r.id)), true),
        };
        let mut block = block;
        if list_item
            && let Some(snippet) = crate::search::snippet(reports, item, query)
            && let Some(label) = snippet.label()
        {
            block.push_str(&format!("  - {label}: {}\n", inline(&snippet.text)));
        }
        // A blank line between blocks; list items after list items stay one list.
        let same_list = list_item && after_list_item;
        if !out.is_empty() && !same_list {
            out.push('\n');
        }
        out.push_str(&block);
        after_list_item = list_item;
    }
    out
}

/// The people table as a Markdown table, a row per person of `order`
/// (indices into `people.persons`): name, sessions, quotes, the role and
/// organisation of their newest report, first and last date. Ends with a line
/// feed; empty when `order` is.
pub fn people(people: &People, order: &[usize], reports: &[Report]) -> String {
    if order.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "| Name | Sessions | Quotes | Role · organisation | First | Last |\n|---|---:|---:|---|---|---|\n",
    );
    for p in order.iter().filter_map(|&p| people.persons.get(p)) {
        let (first, last) = p.dates(reports);
        let now: Vec<String> = affiliation(p.latest(reports)).collect();
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            cell(&inline(&p.name)),
            p.sessions,
            p.quotes,
            cell(&now.join(" · ")),
            cell(&inline(first)),
            cell(&inline(last)),
        ));
    }
    out
}

/// One person: `# Name`, their counts, dates, role and organisation now and
/// other spellings of their name as a list; `## Appearances`, newest first
/// (`- date, *Title* (id) — as written, role, organisation, moderator`); and
/// `## Quotes`, each a [`citation`] of the report it was said in.
pub fn person(p: &Person, reports: &[Report]) -> String {
    let mut out = format!("# {}\n\n", heading(&p.name));
    let dates = match p.dates(reports) {
        (first, last) if first == last => inline(first),
        (first, last) => format!("{} – {}", inline(first), inline(last)),
    };
    let now: Vec<String> = affiliation(p.latest(reports)).collect();
    let spellings: Vec<String> = super::other_spellings(p, reports).into_iter().map(inline).collect();
    let fields = [
        ("Sessions", p.sessions.to_string()),
        ("Quotes", p.quotes.to_string()),
        ("Dates", dates),
        ("Now", now.join(", ")),
        ("Also as", spellings.join(", ")),
    ];
    for (label, value) in fields.iter().filter(|(_, v)| !v.is_empty()) {
        out.push_str(&format!("- **{label}:** {value}\n"));
    }
    let appearances: Vec<String> = p
        .appearances
        .iter()
        .map(|a| {
            let r = &reports[a.report as usize];
            let s = &r.speakers[a.speaker as usize];
            let mut there: Vec<String> = Vec::new();
            if s.name != p.name {
                there.push(format!("as {}", inline(&s.name)));
            }
            there.extend(affiliation(s));
            if s.moderator {
                there.push("moderator".into());
            }
            let what = if there.is_empty() { String::new() } else { format!(" — {}", there.join(", ")) };
            format!("- {} ({}){what}", title_and_date_first(r), inline(&r.id))
        })
        .collect();
    section(&mut out, "Appearances", &appearances.join("\n"));
    let quotes: Vec<String> =
        p.quotes(reports).map(|(ri, qi)| quote_block(&reports[ri], &reports[ri].quotes[qi])).collect();
    section(&mut out, "Quotes", &quotes.join("\n\n"));
    out
}

/// A quote's citation and, below it, its context in parentheses.
fn quote_block(r: &Report, q: &Quote) -> String {
    let mut block = citation(r, q);
    if let Some(context) = q.context.as_deref().map(inline).filter(|c| !c.is_empty()) {
        block.push_str(&format!("\n({context})\n"));
    }
    block.trim_end().to_string()
}

/// `date, *Title*`: an appearance, listed by date.
fn title_and_date_first(r: &Report) -> String {
    let title = inline(&r.title);
    let title = if title.is_empty() { None } else { Some(format!("*{title}*")) };
    [Some(inline(&r.date)).filter(|d| !d.is_empty()), title].into_iter().flatten().collect::<Vec<_>>().join(", ")
}

/// Escaped text in a table cell: a `|` would end the cell.
fn cell(escaped: &str) -> String {
    escaped.replace('|', "\\|")
}

/// `Name, Role, Organisation, *Title*, date`.
fn cite(r: &Report, quote: &Quote) -> String {
    let mut parts: Vec<String> = Vec::new();
    match r.speaker(&quote.speaker) {
        Some(s) => {
            parts.push(inline(&s.name));
            parts.extend(affiliation(s));
        }
        None => parts.push(inline(&quote.speaker)),
    }
    parts.push(title_and_date(r));
    parts.retain(|p| !p.is_empty());
    parts.join(", ")
}

/// `*Title*, date`.
fn title_and_date(r: &Report) -> String {
    let title = inline(&r.title);
    let title = if title.is_empty() { None } else { Some(format!("*{title}*")) };
    [title, Some(inline(&r.date)).filter(|d| !d.is_empty())].into_iter().flatten().collect::<Vec<_>>().join(", ")
}

/// Role and organisation, escaped, the missing ones left out.
fn affiliation(s: &Speaker) -> impl Iterator<Item = String> + '_ {
    [s.role.as_deref(), s.organisation.as_deref()].into_iter().flatten().map(inline).filter(|p| !p.is_empty())
}

/// One speaker under `## Speakers`.
fn speaker(s: &Speaker) -> String {
    let moderator = if s.moderator { " (moderator)" } else { "" };
    let mut out = format!("### {}{moderator}\n", heading(&s.name));
    let affiliation: Vec<String> = affiliation(s).collect();
    if !affiliation.is_empty() {
        // A paragraph of its own: a role such as "# …" or "- …" must not become a block.
        out.push_str(&format!("\n{}\n", block(affiliation.join(", "))));
    }
    let points: Vec<String> = s
        .points
        .iter()
        .map(|p| paragraphs(p))
        .filter(|p| !p.is_empty())
        .map(|p| format!("- {}", p.join("\n\n  ")))
        .collect();
    if !points.is_empty() {
        out.push('\n');
        out.push_str(&points.join("\n"));
        out.push('\n');
    }
    out.trim_end().to_string()
}

/// `\n## Name\n\nbody\n`, or nothing when the body is empty.
fn section(out: &mut String, name: &str, body: &str) {
    if !body.is_empty() {
        out.push_str(&format!("\n## {name}\n\n{body}\n"));
    }
}

/// The paragraphs of a text (blank lines separate them), each on one line,
/// escaped, with any block marker at its start escaped.
fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut lines: Vec<&str> = Vec::new();
    for line in text.lines().chain([""]) {
        if line.trim().is_empty() {
            if !lines.is_empty() {
                out.push(block(inline(&lines.join(" "))));
                lines.clear();
            }
        } else {
            lines.push(line);
        }
    }
    out
}

/// One-line text: white space folded into single spaces, Markdown escaped.
fn inline(text: &str) -> String {
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(folded.len());
    for (i, c) in folded.char_indices() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '&' if starts_reference(&folded[i + 1..]) => out.push_str("\\&"),
            c => out.push(c),
        }
    }
    without_controls(out)
}

/// Whether `&` followed by `rest` could be a character reference (`&amp;`, `&#8238;`, `&#x202E;`).
fn starts_reference(rest: &str) -> bool {
    rest.find(';').is_some_and(|end| {
        let name = &rest[..end];
        (1..=32).contains(&name.len()) && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'#')
    })
}

/// Escapes what would make an escaped one-line paragraph a heading, block
/// quote, list item or thematic break (`*`, `_`, `` ` ``, `~` and `<` are
/// escaped already).
fn block(text: String) -> String {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if text.starts_with(['#', '>', '-', '+']) {
        format!("\\{text}")
    } else if (1..=9).contains(&digits) && matches!(text.as_bytes().get(digits), Some(b'.' | b')')) {
        format!("{}\\{}", &text[..digits], &text[digits..])
    } else {
        text
    }
}

/// Heading text: escaped, and a closing run of `#` kept as text.
fn heading(text: &str) -> String {
    let text = inline(text);
    let run = text.len() - text.trim_end_matches('#').len();
    if run == 0 { text } else { format!("{}\\{}", &text[..text.len() - run], &text[text.len() - run..]) }
}

/// An `http(s)` address as an autolink; anything else as text.
fn link_or_text(source: &str) -> String {
    let source = source.trim();
    let is_url = (source.starts_with("https://") || source.starts_with("http://"))
        && !source.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '`'));
    if is_url { format!("<{source}>") } else { inline(source) }
}

#[cfg(test)]
mod tests {
    use super::super::sample::{quote, sample, speaker};
    use super::*;
    use crate::search::scan::search_once;
    use crate::search::{Options, Query};

    fn ann() -> Speaker {
        speaker("ann", "Ann Lee", Some("Director"), Some("ECPAT"))
    }

    #[test]
    fn citation_cites_speaker_role_organisation_title_and_date() {
        let r = sample("Child online protection", vec![ann()], vec![quote("ann", "I am a mother\nof two daughters.")]);
        assert_eq!(
            citation(&r, &r.quotes[0]),
            "> I am a mother of two daughters.\n>\n> — Ann Lee, Director, ECPAT, *Child online protection*, 2015-11-10\n"
        );
    }

    #[test]
    fn multi_paragraph_quotes_stay_inside_the_block_quote() {
        let text = "First paragraph,\nstill the first.\n\n  \nSecond one.\n\nThird.\n";
        let r = sample("T", vec![ann()], vec![quote("ann", text)]);
        let out = citation(&r, &r.quotes[0]);
        assert_eq!(
            out,
            "> First paragraph, still the first.\n>\n> Second one.\n>\n> Third.\n>\n> — Ann Lee, Director, ECPAT, *T*, 2015-11-10\n"
        );
        assert!(out.lines().all(|l| l == ">" || l.starts_with("> ")), "{out}");
    }

    #[test]
    fn emphasis_characters_in_titles_are_escaped() {
        let r = sample("snake_case *bold* and \\ back`tick`", vec![ann()], vec![quote("ann", "Hi")]);
        let out = citation(&r, &r.quotes[0]);
        assert!(out.contains(", *snake\\_case \\*bold\\* and \\\\ back\\`tick\\`*, 2015-11-10"), "{out}");
        assert!(report(&r).starts_with("# snake\\_case \\*bold\\* and \\\\ back\\`tick\\`\n"), "{}", report(&r));
    }

    #[test]
    fn missing_role_or_organisation_is_left_out() {
        let speakers = vec![
            speaker("a", "Ann", None, None),
            speaker("b", "Bo", Some("Chair"), None),
            speaker("c", "Cy", None, Some("IGF")),
        ];
        let quotes = vec![quote("a", "x"), quote("b", "y"), quote("c", "z"), quote("nobody", "w")];
        let r = sample("T", speakers, quotes);
        let cites: Vec<String> = r.quotes.iter().map(|q| citation(&r, q).lines().last().unwrap().to_string()).collect();
        assert_eq!(
            cites,
            [
                "> — Ann, *T*, 2015-11-10",
                "> — Bo, Chair, *T*, 2015-11-10",
                "> — Cy, IGF, *T*, 2015-11-10",
                "> — nobody, *T*, 2015-11-10"
            ]
        );
        let out = report(&r);
        assert!(out.contains("### Ann\n\n### Bo\n\nChair\n\n### Cy\n\nIGF\n\n## Quotes"), "{out}");
    }

    #[test]
    fn hostile_text_cannot_add_blocks_links_html_or_references() {
        let text = "innocent\n\n# heading\n\n- item\n\n1. one\n\n> nested\n\n[click](javascript:alert(1)) \
                    <script>x</script> &#x202E; AT&T \u{1b}]52;c;x\u{7}";
        let mut r = sample("T](javascript:x) <b>", vec![ann()], vec![quote("ann", text)]);
        r.summary = Some(text.into());
        r.speakers[0].points = vec![text.into()];
        let quoted = citation(&r, &r.quotes[0]);
        let whole = report(&r);
        for out in [&quoted, &whole] {
            assert!(!out.replace("\\](", "").contains("]("), "no link: {out}");
            assert!(!out.contains(" <") && !out.contains(" &#"), "no HTML, no reference: {out}");
            assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
            assert!(out.contains("\\[click\\](javascript:alert(1)) \\<script>x\\</script> \\&#x202E; AT&T"), "{out}");
            assert!(out.contains("\\# heading") && out.contains("\\- item") && out.contains("1\\. one"), "{out}");
            assert!(out.contains("\\> nested"), "{out}");
        }
        assert!(quoted.lines().all(|l| l == ">" || l.starts_with("> ")), "{quoted}");
        assert!(!quoted.lines().any(|l| l.trim_start_matches(['>', ' ']).starts_with(['#', '-', '<', '['])));
        let headings: Vec<&str> = whole.lines().filter(|l| l.starts_with('#')).collect();
        assert_eq!(headings, ["# T\\](javascript:x) \\<b>", "## Summary", "## Speakers", "### Ann Lee", "## Quotes"]);
        assert!(whole.contains("- innocent\n\n  \\# heading\n\n  \\- item"), "points stay in their item: {whole}");
    }

    #[test]
    fn a_role_or_organisation_cannot_start_a_block() {
        for role in ["# Injected heading", "- item", "> quote", "1. one", "---"] {
            let r = sample("T", vec![speaker("x", "X", Some(role), Some("Org"))], vec![]);
            let whole = report(&r);
            let line = whole.lines().find(|l| l.contains("Org")).unwrap();
            assert!(line.starts_with('\\') || line.starts_with("1\\."), "{role}: {line}");
        }
    }

    #[test]
    fn a_closing_hash_run_stays_in_the_heading() {
        let r = sample("Issue #", vec![], vec![]);
        assert!(report(&r).starts_with("# Issue \\#\n"), "{}", report(&r));
        assert_eq!(heading("C# ##"), "C# \\##");
    }

    #[test]
    fn report_lists_present_metadata_and_sections_only() {
        let mut r = sample("T", vec![Speaker { moderator: true, points: vec!["p1".into()], ..ann() }], vec![]);
        r.start = Some("14:00".into());
        r.source = Some("https://example.org/a_b".into());
        r.tags = vec!["x".into(), "y_z".into()];
        r.conclusion = Some("Done.".into());
        r.quotes = vec![Quote { context: Some("Opening.".into()), ..quote("ann", "Hi") }];
        assert_eq!(
            report(&r),
            "# T\n\n- **Date:** 2015-11-10, 14:00\n- **Source:** <https://example.org/a_b>\n- **Tags:** x, y\\_z\n\
             \n## Speakers\n\n### Ann Lee (moderator)\n\nDirector, ECPAT\n\n- p1\n\
             \n## Quotes\n\n> Hi\n>\n> — Ann Lee, Director, ECPAT, *T*, 2015-11-10\n\n(Opening.)\n\
             \n## Conclusion\n\nDone.\n"
        );
        r.source = Some("javascript:alert(1)".into());
        assert!(report(&r).contains("- **Source:** javascript:alert(1)\n"));
    }

    #[test]
    fn quotes_join_citations_by_a_blank_line_and_skip_missing_indices() {
        let r = sample("T", vec![ann()], vec![quote("ann", "One"), quote("ann", "Two")]);
        assert_eq!(
            quotes(&r, &[1, 7, 0]),
            "> Two\n>\n> — Ann Lee, Director, ECPAT, *T*, 2015-11-10\n\n> One\n>\n> — Ann Lee, Director, ECPAT, *T*, 2015-11-10\n"
        );
        assert_eq!(quotes(&r, &[]), "");
    }

    #[test]
    fn people_cells_cannot_break_the_table_or_add_markup() {
        use crate::people::{Aliases, People};
        let r = sample("T", vec![speaker("x", "A | B *C*", Some("Head\nof | [x](javascript:y)"), None)], vec![]);
        let people = People::build(std::slice::from_ref(&r), &Aliases::default());
        let out = super::people(&people, &[0], std::slice::from_ref(&r));
        assert_eq!(
            out.lines().nth(2),
            Some("| A \\| B \\*C\\* | 1 | 0 | Head of \\| \\[x\\](javascript:y) | 2015-11-10 | 2015-11-10 |")
        );
        assert_eq!(super::people(&people, &[], std::slice::from_ref(&r)), "");
    }

    #[test]
    fn hits_render_each_kind() {
        let lib = vec![sample(
            "Zebra talk",
            vec![ann(), speaker("bo", "Bo Zebra", None, None)],
            vec![quote("ann", "zebra crossing")],
        )];
        let query = Query::parse("zebra");
        let (items, results) = search_once(&lib, &query, &Options::default());
        let hit = |kind| *results.hits.iter().find(|h| items[h.item as usize].kind == kind).unwrap();
        let (report_hit, speaker_hit, quote_hit) = (hit(Kind::Report), hit(Kind::Speaker), hit(Kind::Quote));
        assert_eq!(
            hits(&lib, &items, &[report_hit, speaker_hit, quote_hit, Hit { item: 99, score: 0 }, report_hit], &query),
            "- *Zebra talk*, 2015-11-10 (talk)\n- **Bo Zebra** — *Zebra talk*, 2015-11-10\n\
             \n> zebra crossing\n>\n> — Ann Lee, Director, ECPAT, *Zebra talk*, 2015-11-10\n\
             \n- *Zebra talk*, 2015-11-10 (talk)\n"
        );
        let ann_hit = Hit {
            item: items.iter().position(|i| i.kind == Kind::Speaker && i.speaker == Some(0)).unwrap() as u32,
            score: 0,
        };
        assert_eq!(
            hits(&lib, &items, &[ann_hit], &query),
            "- **Ann Lee**, Director, ECPAT — *Zebra talk*, 2015-11-10\n"
        );
        // A speaker found by a point: the point, escaped, as a nested item.
        let mut lib = lib;
        lib[0].speakers[0].points = vec!["Zebras *cross* here".into()];
        assert_eq!(
            hits(&lib, &items, &[ann_hit], &Query::parse("zebras cross")),
            "- **Ann Lee**, Director, ECPAT — *Zebra talk*, 2015-11-10\n  - point 1: Zebras \\*cross\\* here\n"
        );
        assert_eq!(hits(&lib, &items, &[], &query), "");
    }
}
