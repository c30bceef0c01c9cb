//! Smart case explained: a query with capitals that finds nothing, while the
//! same query in lower case would, says so ("No hits with that capital T;
//! “teachers” finds 12."). The search worker and `podium search` run the
//! lower-cased query; the wording is here, for the popup, the status line and
//! the command line alike.

use crate::search::Query;

/// The query in lower case, when smart case makes any of its terms match case:
/// what to run when it finds nothing.
pub fn lowered(query: &str) -> Option<String> {
    is_cased(query).then(|| query.to_lowercase())
}

/// What a search for `query` without hits says. `lower_total`: the hits of
/// [`lowered`]`(query)`, when it was run.
pub fn no_hits(query: &str, lower_total: Option<usize>) -> String {
    if let Some((n, lower)) = lower_total.filter(|&n| n > 0).zip(lowered(query)) {
        let named = match capitals(query).as_slice() {
            [] => None,
            [one] => Some(format!("that capital {one}")),
            several => {
                let list: Vec<String> = several.iter().map(char::to_string).collect();
                Some(format!("those capitals {}", list.join(", ")))
            }
        };
        if let Some(named) = named {
            return format!("No hits with {named}; “{lower}” finds {n}.");
        }
    }
    format!("No hits for “{query}”.")
}

fn is_cased(query: &str) -> bool {
    Query::parse(query).terms.iter().any(|t| t.case_sensitive)
}

/// The capitals that make `query` match case, each once, in the order typed.
/// A field's name matches any case (`Speaker:carr`), so a word's part before
/// its colon counts only if it still matches case with the rest lowered, and
/// the rest only if it does with the part before lowered. One parse per word
/// or two: the popup calls this at every frame.
fn capitals(query: &str) -> Vec<char> {
    let mut out = Vec::new();
    let mut add = |part: &str| {
        for c in part.chars().filter(|c| c.is_uppercase()) {
            if !out.contains(&c) {
                out.push(c);
            }
        }
    };
    for word in query.split_whitespace().filter(|w| w.chars().any(char::is_uppercase)) {
        match word.split_once(':') {
            Some((name, value)) => {
                if is_cased(&format!("{name}:{}", value.to_lowercase())) {
                    add(name);
                }
                if is_cased(&format!("{}:{value}", name.to_lowercase())) {
                    add(value);
                }
            }
            None if is_cased(word) => add(word),
            None => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{lowered, no_hits};

    #[test]
    fn names_the_capitals_that_made_a_query_match_case() {
        assert_eq!(no_hits("Teachers", Some(12)), "No hits with that capital T; “teachers” finds 12.");
        assert_eq!(no_hits("parents Teachers", Some(1)), "No hits with that capital T; “parents teachers” finds 1.");
        assert_eq!(
            no_hits("TeaChers Carr", Some(3)),
            "No hits with those capitals T, C; “teachers carr” finds 3.",
            "each capital once, in the order typed"
        );
        assert_eq!(no_hits("TT", Some(2)), "No hits with that capital T; “tt” finds 2.");
        // A field's name matches any case: only its value's capitals count.
        assert_eq!(no_hits("Speaker:Carr", Some(4)), "No hits with that capital C; “speaker:carr” finds 4.");
        assert_eq!(
            no_hits("speaker:\"John Carr\"", Some(4)),
            "No hits with those capitals J, C; “speaker:\"john carr\"” finds 4."
        );
        // Not a field: the capitals before the colon count too.
        assert_eq!(no_hits("Foo:Bar", Some(1)), "No hits with those capitals F, B; “foo:bar” finds 1.");
    }

    #[test]
    fn without_lower_case_hits_it_is_the_plain_message() {
        assert_eq!(no_hits("Teachers", Some(0)), "No hits for “Teachers”.");
        assert_eq!(no_hits("Teachers", None), "No hits for “Teachers”.");
        assert_eq!(no_hits("xqzxqz", None), "No hits for “xqzxqz”.");
        // Capitals only in a field's name: nothing matched case, lower case finds the same.
        assert_eq!(no_hits("Speaker:carr", Some(4)), "No hits for “Speaker:carr”.");
    }

    #[test]
    fn only_a_query_that_matches_case_is_lowered() {
        assert_eq!(lowered("Teachers parents").as_deref(), Some("teachers parents"));
        assert_eq!(lowered("speaker:Carr").as_deref(), Some("speaker:carr"));
        assert_eq!(lowered("teachers"), None);
        assert_eq!(lowered("Speaker:carr"), None);
        assert_eq!(lowered("!"), None);
    }
}
