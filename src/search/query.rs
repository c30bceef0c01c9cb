//! The query language users know from fzf: space-separated terms that must
//! all match; `'exact`, `^prefix`, `suffix$`, `!not`; plus field filters
//! `speaker:`, `org:`, `report:`, `tag:`, `date:` (negated as `speaker:!carr`
//! or `!speaker:carr`; a quoted value keeps its spaces: `speaker:"john carr"`).
//! A lone `|` between two terms makes them alternatives, as in fzf:
//! `^core go$ | rb$` is `^core` and (`go$` or `rb$`).

use super::fold::{fold, fold_cased};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// The letters in order, inside one word (or compound: "1370" in
    /// "1,370"); with punctuation inside, its parts as consecutive words.
    Fuzzy,
    /// A substring.
    Exact,
    /// The text starts with it.
    Prefix,
    /// The text ends with it.
    Suffix,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Speaker,
    Org,
    Report,
    Tag,
    Date,
}

impl Field {
    pub const ALL: [(&'static str, Field); 5] = [
        ("speaker", Field::Speaker),
        ("org", Field::Org),
        ("report", Field::Report),
        ("tag", Field::Tag),
        ("date", Field::Date),
    ];
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub kind: Match,
    pub negated: bool,
    /// Any capital letter makes the term case-sensitive (smart case).
    pub case_sensitive: bool,
    /// Folded to lower-case ASCII.
    pub folded: String,
    /// As typed (ASCII-folded but case kept), for case-sensitive matching.
    pub cased: String,
    pub field: Option<Field>,
    /// Terms with the same group are alternatives (joined by `|`); every
    /// group must match. Groups are numbered in order from 0.
    pub group: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub terms: Vec<Term>,
}

impl Query {
    pub fn parse(input: &str) -> Query {
        let mut terms: Vec<Term> = Vec::new();
        // A `|` joins the terms either side of it; at either end, or doubled,
        // it joins nothing (while typing `carr | `, the query is `carr`).
        let mut or_next = false;
        for token in tokens(input) {
            if token == "|" {
                or_next = !terms.is_empty();
                continue;
            }
            if let Some(mut term) = parse_term(token) {
                term.group = match terms.last() {
                    Some(last) if or_next => last.group,
                    Some(last) => last.group + 1,
                    None => 0,
                };
                terms.push(term);
                or_next = false;
            }
        }
        Query { terms }
    }

    /// The terms grouped: each group's alternatives, in order.
    pub fn groups(&self) -> impl Iterator<Item = &[Term]> {
        self.terms.chunk_by(|a, b| a.group == b.group)
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Terms that select text (not field filters, not exclusions).
    pub fn positive(&self) -> impl Iterator<Item = &Term> {
        self.terms.iter().filter(|t| !t.negated && t.field.is_none())
    }
}

/// The field a term filters on, and its value: `speaker:carr`, also
/// `!speaker:carr` (the `!` is left to the caller).
fn split_field(s: &str) -> Option<(Field, &str)> {
    let (name, value) = s.split_once(':')?;
    Field::ALL.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|&(_, f)| (f, value))
}

/// The query's terms: split at white space, except inside a quoted field
/// value (`speaker:"john carr"`; unclosed, it runs to the end, as while typing).
fn tokens(input: &str) -> impl Iterator<Item = &str> {
    let mut rest = input;
    std::iter::from_fn(move || {
        rest = rest.trim_start();
        if rest.is_empty() {
            return None;
        }
        let mut end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let token = &rest[..end];
        if let Some((_, value)) = split_field(token.strip_prefix('!').unwrap_or(token))
            && value.trim_start_matches('!').starts_with('"')
        {
            let open = token.len() - value.trim_start_matches('!').len();
            end = rest[open + 1..].find('"').map_or(rest.len(), |close| open + close + 2);
        }
        let (token, after) = rest.split_at(end);
        rest = after;
        Some(token)
    })
}

fn parse_term(raw: &str) -> Option<Term> {
    let mut s = raw;
    let mut field = None;
    // `!speaker:carr` reads as `speaker:!carr`.
    let mut negated = false;
    if let Some(rest) = s.strip_prefix('!')
        && split_field(rest).is_some()
    {
        negated = true;
        s = rest;
    }
    if let Some((f, value)) = split_field(s) {
        field = Some(f);
        s = value;
    }
    if s.starts_with('!') && s.len() > 1 {
        negated = !negated;
        s = &s[1..];
    }
    if field.is_some()
        && let Some(quoted) = s.strip_prefix('"')
    {
        // A quoted value is taken as written, spaces and all.
        let value = quoted.strip_suffix('"').unwrap_or(quoted);
        if !value.chars().any(char::is_alphanumeric) {
            return None;
        }
        let kind = if negated { Match::Exact } else { Match::Fuzzy };
        let case_sensitive = value.chars().any(char::is_uppercase);
        return Some(Term {
            kind,
            negated,
            case_sensitive,
            folded: fold(value),
            cased: fold_cased(value),
            field,
            group: 0,
        });
    }
    let mut kind = if negated { Match::Exact } else { Match::Fuzzy };
    if let Some(rest) = s.strip_prefix('\'').filter(|r| !r.is_empty()) {
        kind = Match::Exact;
        s = rest;
        // `'word$`: a suffix is exact already (as in fzf).
        if let Some(rest) = s.strip_suffix('$').filter(|r| !r.is_empty()) {
            kind = Match::Suffix;
            s = rest;
        }
    } else if let Some(rest) = s.strip_prefix('^').filter(|r| !r.is_empty()) {
        kind = Match::Prefix;
        s = rest;
    } else if let Some(rest) = s.strip_suffix('$').filter(|r| !r.is_empty()) {
        kind = Match::Suffix;
        s = rest;
    }
    // Punctuation alone (an operator typed before its word) selects nothing
    // useful and would make every item a candidate: it is ignored.
    if !s.chars().any(char::is_alphanumeric) {
        return None;
    }
    // A fuzzy term is made of words: punctuation at its ends ("ngo.",
    // "(carr") is not what the user is after.
    if kind == Match::Fuzzy {
        s = s.trim_matches(|c: char| !c.is_alphanumeric());
    }
    let cased = fold_cased(s);
    let case_sensitive = s.chars().any(char::is_uppercase);
    Some(Term { kind, negated, case_sensitive, folded: fold(s), cased, field, group: 0 })
}

#[cfg(test)]
mod tests {
    use super::*;

    type Parsed = (Match, bool, String, Option<Field>);

    fn t(kind: Match, negated: bool, folded: &str, field: Option<Field>) -> Parsed {
        (kind, negated, folded.to_string(), field)
    }

    #[test]
    fn syntax() {
        let table = [
            ("mother", vec![t(Match::Fuzzy, false, "mother", None)]),
            (
                "'exact ^start end$ !not",
                vec![
                    t(Match::Exact, false, "exact", None),
                    t(Match::Prefix, false, "start", None),
                    t(Match::Suffix, false, "end", None),
                    t(Match::Exact, true, "not", None),
                ],
            ),
            (
                "speaker:carr org:ECPAT date:2015",
                vec![
                    t(Match::Fuzzy, false, "carr", Some(Field::Speaker)),
                    t(Match::Fuzzy, false, "ecpat", Some(Field::Org)),
                    t(Match::Fuzzy, false, "2015", Some(Field::Date)),
                ],
            ),
            (
                "report:'child tag:!safety",
                vec![
                    t(Match::Exact, false, "child", Some(Field::Report)),
                    t(Match::Exact, true, "safety", Some(Field::Tag)),
                ],
            ),
            ("Arsène  joão", vec![t(Match::Fuzzy, false, "arsene", None), t(Match::Fuzzy, false, "joao", None)]),
            // Lone operators and punctuation are ignored, unknown fields are text.
            ("' ^ $ ! -- speaker: foo:bar", vec![t(Match::Fuzzy, false, "foo:bar", None)]),
            // Fuzzy terms lose the punctuation at their ends, not inside;
            // typographic apostrophes and dashes fold to ASCII.
            (
                "(ngo.) o’brien obi‐nwosu",
                vec![
                    t(Match::Fuzzy, false, "ngo", None),
                    t(Match::Fuzzy, false, "o'brien", None),
                    t(Match::Fuzzy, false, "obi-nwosu", None),
                ],
            ),
            (
                "'ngo$ 'ngo. ^ngo$",
                vec![
                    t(Match::Suffix, false, "ngo", None),
                    t(Match::Exact, false, "ngo.", None),
                    t(Match::Prefix, false, "ngo$", None),
                ],
            ),
            ("", vec![]),
            // A negated field filter either way; quoted values keep their spaces.
            (
                "!speaker:carr speaker:!carr !speaker:!carr !tag:x",
                vec![
                    t(Match::Exact, true, "carr", Some(Field::Speaker)),
                    t(Match::Exact, true, "carr", Some(Field::Speaker)),
                    t(Match::Fuzzy, false, "carr", Some(Field::Speaker)),
                    t(Match::Exact, true, "x", Some(Field::Tag)),
                ],
            ),
            (
                "speaker:\"John  Carr\" civil !org:\"ecpat int\" tag:\"open",
                vec![
                    t(Match::Fuzzy, false, "john  carr", Some(Field::Speaker)),
                    t(Match::Fuzzy, false, "civil", None),
                    t(Match::Exact, true, "ecpat int", Some(Field::Org)),
                    t(Match::Fuzzy, false, "open", Some(Field::Tag)),
                ],
            ),
            ("speaker:\"\" \"a b\"", vec![t(Match::Fuzzy, false, "a", None), t(Match::Fuzzy, false, "b", None)]),
        ];
        for (input, want) in table {
            let got: Vec<_> =
                Query::parse(input).terms.into_iter().map(|t| (t.kind, t.negated, t.folded, t.field)).collect();
            assert_eq!(got, want, "{input:?}");
        }
    }

    #[test]
    fn bars_join_alternatives_with_every_operator() {
        let groups = |input: &str| -> Vec<Vec<Parsed>> {
            Query::parse(input)
                .groups()
                .map(|g| g.iter().map(|t| (t.kind, t.negated, t.folded.clone(), t.field)).collect())
                .collect()
        };
        assert_eq!(
            groups("^core go$ | rb$ | 'py"),
            vec![
                vec![t(Match::Prefix, false, "core", None)],
                vec![
                    t(Match::Suffix, false, "go", None),
                    t(Match::Suffix, false, "rb", None),
                    t(Match::Exact, false, "py", None)
                ],
            ]
        );
        assert_eq!(
            groups("speaker:carr | !speaker:shita | !ngo daughters"),
            vec![
                vec![
                    t(Match::Fuzzy, false, "carr", Some(Field::Speaker)),
                    t(Match::Exact, true, "shita", Some(Field::Speaker)),
                    t(Match::Exact, true, "ngo", None)
                ],
                vec![t(Match::Fuzzy, false, "daughters", None)],
            ]
        );
        // Bars at the ends, doubled, or before an ignored term join nothing
        // more than the terms either side; glued to a word, `|` is text.
        for (input, want) in [
            ("| carr |", vec![1]),
            ("carr | | shita", vec![2]),
            ("carr | ^ shita", vec![2]),
            ("carr |shita", vec![1, 1]),
            ("a | b c | d", vec![2, 2]),
            ("speaker:\"a | b\" c", vec![1, 1]),
        ] {
            let sizes: Vec<usize> = Query::parse(input).groups().map(<[Term]>::len).collect();
            assert_eq!(sizes, want, "{input:?}");
        }
        assert_eq!(Query::parse("carr |shita").terms[1].folded, "shita");
    }

    #[test]
    fn smart_case() {
        let q = Query::parse("carr Carr ECPAT");
        let cs: Vec<bool> = q.terms.iter().map(|t| t.case_sensitive).collect();
        assert_eq!(cs, vec![false, true, true]);
        assert_eq!(q.terms[1].cased, "Carr");
    }
}
