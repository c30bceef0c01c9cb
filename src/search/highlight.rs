//! Which characters of an item's text matched a query, for highlighting.
//! Computed only for the rows on screen (or printed), never for every hit.

use super::engine::MIN_INSIDE;
use super::fold::{find_across, find_consecutive, fold_with_map, for_each_token, joined};
use super::query::{Match, Query};
use super::stem::{has_stem, stem};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// Sorted, distinct character indices into `text` (as displayed).
pub fn positions(text: &str, query: &Query) -> Vec<usize> {
    scored_positions(text, query).1
}

/// How well `text` explains a hit, with [`positions`]: for each term found,
/// how it was found (4 a whole word or as written, 3 a word's start or a
/// compound, 2 inside a word, another form of it or across words, 1
/// scattered letters or a typo) times its length in letters
/// (at most 12), so that "teachers" and "parents" outweigh "and". For choosing
/// which field of a hit to show ([`super::snippet`]).
pub fn scored_positions(text: &str, query: &Query) -> (u32, Vec<usize>) {
    let (folded, map) = fold_with_map(text, true);
    let matcher = SkimMatcherV2::default().ignore_case();
    let mut out: Vec<usize> = Vec::new();
    let mut score = 0;
    for term in query.positive() {
        let (rank, bytes) = term_bytes(&folded, term.folded.as_str(), term.kind, &matcher);
        let letters = term.folded.bytes().filter(u8::is_ascii_alphanumeric).count().min(12) as u32;
        score += rank * letters.max(1);
        out.extend(bytes.into_iter().filter_map(|b| map.get(b)).map(|&c| c as usize));
    }
    out.sort_unstable();
    out.dedup();
    (score, out)
}

/// Where one term lies in folded text (bytes), and how it was found (0: not).
fn term_bytes(folded: &str, t: &str, kind: Match, matcher: &SkimMatcherV2) -> (u32, Vec<usize>) {
    let found = |r: Option<std::ops::Range<usize>>, rank: u32| r.map_or((0, Vec::new()), |r| (rank, r.collect()));
    match kind {
        Match::Prefix | Match::Suffix | Match::Exact => {
            let at = match kind {
                Match::Prefix => folded.find(t),
                Match::Suffix => folded.rfind(t),
                _ => folded.find(t),
            };
            found(at.filter(|_| !t.is_empty()).map(|at| at..at + t.len()), 4)
        }
        Match::Fuzzy if !super::engine::is_word(t) => {
            // Parts as consecutive words, else joined inside a word or
            // compound, as the engine matches them.
            match find_consecutive(folded, t) {
                Some((s, e)) => (4, (s..e).collect()),
                None => found(joined(t).and_then(|j| in_tokens(folded, &j)), 3),
            }
        }
        Match::Fuzzy => {
            // The best word for the term: whole word, prefix, inside, then
            // scattered letters, as the engine scores them.
            let mut best: Option<(u32, usize, Vec<usize>)> = None;
            for (start, w) in super::fold::words(folded) {
                let candidate = if w == t {
                    Some((4, (0..t.len()).collect()))
                } else if w.starts_with(t) {
                    Some((3, (0..t.len()).collect()))
                } else if let Some(i) = w.find(t).filter(|_| t.len() >= MIN_INSIDE) {
                    Some((2, (i..i + t.len()).collect()))
                } else if t.len() >= MIN_INSIDE {
                    matcher.fuzzy_indices(w, t).map(|(_, idx)| (1, idx))
                } else {
                    None
                };
                if let Some((rank, idx)) = candidate
                    && best.as_ref().is_none_or(|b| rank > b.0)
                {
                    best = Some((rank, start, idx));
                }
            }
            let at = |start: usize, idx: Vec<usize>| idx.into_iter().map(|i| start + i).collect::<Vec<_>>();
            match best {
                // Word letters are ASCII after folding: char index = byte offset.
                Some((rank, start, idx)) if rank > 1 => (rank, at(start, idx)),
                // "1370" in "1,370": a compound beats what follows.
                best => {
                    if let Some(b) = in_tokens(folded, t) {
                        return (3, b.collect());
                    }
                    if let Some(b) = other_form(folded, t) {
                        return (2, b.collect());
                    }
                    if let Some(b) = across(folded, t) {
                        return (2, b);
                    }
                    match best {
                        Some((rank, start, idx)) => (rank, at(start, idx)),
                        // A typo: the whole word it was found in.
                        None => super::fold::words(folded)
                            .find(|(_, w)| super::engine::is_typo(w, t))
                            .map_or((0, Vec::new()), |(start, w)| (1, (start..start + w.len()).collect())),
                    }
                }
            }
        }
    }
}

/// The letters a word shares with the term it is another form of
/// ("moderat" of "moderating" for `moderate`), in the first such word.
fn other_form(folded: &str, t: &str) -> Option<std::ops::Range<usize>> {
    let stem = stem(t)?;
    super::fold::words(folded).find(|(_, w)| has_stem(w, &stem)).map(|(start, w)| {
        let shared = w.bytes().zip(t.bytes()).take_while(|(a, b)| a == b).count();
        start..start + shared
    })
}

/// The letters of a term found across words ("sao paulo" for `saopaulo`),
/// without what separates them.
fn across(folded: &str, t: &str) -> Option<Vec<usize>> {
    if t.len() < super::engine::ACROSS_MIN_LEN {
        return None;
    }
    let (s, e) = find_across(folded, t)?;
    Some((s..e).filter(|&b| folded.as_bytes()[b].is_ascii_alphanumeric()).collect())
}

/// Every place in `text` where a term of `query` appears inside a word (or, for
/// `'exact`, `^`, `$` and terms with punctuation, as written): for marking
/// matches in running text, as less marks every match. Unlike [`positions`],
/// scattered letters are never marked, so a long text is not speckled.
pub fn occurrences(text: &str, query: &Query) -> Vec<usize> {
    let (folded, map) = fold_with_map(text, true);
    let mut bytes: Vec<usize> = Vec::new();
    for term in query.positive() {
        let t = term.folded.as_str();
        if t.is_empty() {
            continue;
        }
        if term.kind == Match::Fuzzy && super::engine::is_word(t) {
            let stem = stem(t);
            let before = bytes.len();
            for (start, w) in super::fold::words(&folded) {
                for (i, _) in w.match_indices(t) {
                    bytes.extend(start + i..start + i + t.len());
                }
                // Other forms of the word: the letters they share with it.
                if !w.contains(t) && stem.as_deref().is_some_and(|s| has_stem(w, s)) {
                    let shared = w.bytes().zip(t.bytes()).take_while(|(a, b)| a == b).count();
                    bytes.extend(start..start + shared);
                }
            }
            if bytes.len() == before {
                bytes.extend(across(&folded, t).unwrap_or_default());
            }
        } else {
            for (i, _) in folded.match_indices(t) {
                bytes.extend(i..i + t.len());
            }
        }
    }
    let mut out: Vec<usize> = bytes.into_iter().filter_map(|b| map.get(b)).map(|&c| c as usize).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The bytes of folded text where `joined` (letters and digits only) lies
/// inside a word or a compound of joined words (punctuation between them
/// included).
fn in_tokens(folded: &str, joined: &str) -> Option<std::ops::Range<usize>> {
    if joined.is_empty() {
        return None;
    }
    let mut found = None;
    for_each_token(folded, |start, w, _| {
        if found.is_none()
            && let Some(i) = w.find(joined)
        {
            // Walk the run: the i-th and last letters of the match, in bytes.
            let letters: Vec<usize> =
                (start..folded.len()).filter(|&b| folded.as_bytes()[b].is_ascii_alphanumeric()).take(w.len()).collect();
            found = Some(letters[i]..letters[i + joined.len() - 1] + 1);
        }
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn occurrences_mark_every_whole_match_and_no_scattered_letters() {
        let q = Query::parse("child");
        let text = "Children and a child; c h i l d";
        let at = occurrences(text, &q);
        assert_eq!(at, (0..5).chain(15..20).collect::<Vec<_>>());
        assert!(occurrences("clothing held", &Query::parse("child")).is_empty());
        // Accents folded: positions are characters of the text as shown.
        assert_eq!(occurrences("João Pessoa", &Query::parse("joao")), vec![0, 1, 2, 3]);
        assert_eq!(occurrences("a 'bee' d, bees", &Query::parse("'bee")), vec![3, 4, 5, 11, 12, 13]);
    }

    #[test]
    fn positions_land_on_the_original_characters() {
        let q = Query::parse("arsene");
        assert_eq!(positions("By Arsène Tungali", &q), vec![3, 4, 5, 6, 7, 8]);
        let q = Query::parse("zurich");
        let text = "in Zürich";
        let pos = positions(text, &q);
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(pos.iter().map(|&i| chars[i]).collect::<String>(), "Zürich");
        let q = Query::parse("'4 kids");
        assert_eq!(positions("I have 4 kids", &q), vec![7, 9, 10, 11, 12]);
        assert!(positions("nothing here", &Query::parse("xyz")).is_empty());
    }

    #[test]
    fn positions_are_valid_for_any_script() {
        for text in ["北京 Beijing 東京", "e\u{301}cole ß straße", "👨\u{200D}👩\u{200D}👧 family", ""] {
            let n = text.chars().count();
            for q in ["bei", "e", "ss", "family", "'ole", "^e", "g$"] {
                assert!(positions(text, &Query::parse(q)).iter().all(|&p| p < n), "{text} {q}");
            }
        }
    }
}
