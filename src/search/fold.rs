//! Folding text for matching: lower-case ASCII, so "Arsène" matches "arsene"
//! and "João Pessoa" matches "joao pessoa"; typographic apostrophes and dashes
//! become `'` and `-`, so "we’re" matches "we're".

/// Appends the folded form of `c` to `out`. ASCII passes through; anything
/// else is transliterated (deunicode), falling back to the lower-cased char.
fn push_folded(out: &mut String, c: char, lower: bool) {
    if c.is_ascii() {
        out.push(if lower { c.to_ascii_lowercase() } else { c });
        return;
    }
    // One ASCII character each, whatever deunicode makes of them ("—" is
    // "--" there): a word joined by any of them is the same compound.
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' => return out.push('\''),
        '\u{2010}'..='\u{2015}' | '\u{2212}' => return out.push('-'),
        _ => {}
    }
    match deunicode::deunicode_char(c) {
        Some(s) if !s.is_empty() => {
            if lower {
                out.extend(s.chars().map(|c| c.to_ascii_lowercase()));
            } else {
                out.push_str(s);
            }
        }
        // Characters with no transliteration (and zero-width marks that
        // deunicode maps to nothing) keep no trace in the folded text.
        Some(_) => {}
        None => {
            if lower {
                out.extend(c.to_lowercase());
            } else {
                out.push(c);
            }
        }
    }
}

/// Lower-case ASCII-folded text.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(&mut out, text);
    out
}

/// Appends lower-case ASCII-folded text to `out`.
pub fn fold_into(out: &mut String, text: &str) {
    if text.is_ascii() {
        let start = out.len();
        out.push_str(text);
        out[start..].make_ascii_lowercase();
        return;
    }
    for c in text.chars() {
        push_folded(out, c, true);
    }
}

/// ASCII-folded text keeping case (for case-sensitive terms and the cased
/// vocabulary).
pub fn fold_cased(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_folded(&mut out, c, false);
    }
    out
}

/// ASCII-folded text keeping case (for case-sensitive terms), with, for each
/// byte of the folded text, the index of the original character it came from.
pub fn fold_with_map(text: &str, lower: bool) -> (String, Vec<u32>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        let before = out.len();
        push_folded(&mut out, c, lower);
        map.extend(std::iter::repeat_n(i as u32, out.len() - before));
    }
    (out, map)
}

/// Words of folded text: maximal runs of ASCII letters and digits, with their
/// byte offsets.
pub fn words(folded: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = folded.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() && !bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        if i >= bytes.len() {
            return None;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        Some((start, &folded[start..i]))
    })
}

/// Whether the bytes between two words join them into a compound: exactly
/// one punctuation character ("multi-stakeholder", "1,370", "e-mail"), except
/// an apostrophe: "we're", "we'll" and "it's" joined would be other words.
fn joins(gap: &[u8]) -> bool {
    matches!(gap, [b] if b.is_ascii_punctuation() && *b != b'\'')
}

/// The letters and digits of a term with punctuation inside, joined, as a
/// compound would spell them (`multi-stakeholder` → "multistakeholder"); none
/// for an apostrophe, which does not join.
pub fn joined(term: &str) -> Option<String> {
    (!term.contains('\'')).then(|| parts(term).collect::<String>()).filter(|j| !j.is_empty())
}

/// Calls `f(start, token, compound)` for each word of folded text (as
/// [`words`]) and, after the last word of each run of words joined by single
/// punctuation characters, for the run's letters and digits joined
/// ("multistakeholder", "1370", "were"), starting where the run starts. A term
/// without punctuation can then match text that has some.
pub fn for_each_token(folded: &str, mut f: impl FnMut(usize, &str, bool)) {
    let bytes = folded.as_bytes();
    // The run so far: its start, and its joined letters once it has two words.
    let mut run_start = 0;
    let mut prev_end = usize::MAX;
    let mut joined = String::new();
    let mut run_words = 0;
    for (at, w) in words(folded) {
        if prev_end != usize::MAX && joins(&bytes[prev_end..at]) {
            if run_words == 1 {
                joined.clear();
                joined.push_str(&folded[run_start..prev_end]);
            }
            joined.push_str(w);
            run_words += 1;
        } else {
            if run_words > 1 {
                f(run_start, &joined, true);
            }
            run_start = at;
            run_words = 1;
        }
        f(at, w, false);
        prev_end = at + w.len();
    }
    if run_words > 1 {
        f(run_start, &joined, true);
    }
}

/// The letters and digits of a term split at its punctuation: `obi-nwosu` →
/// ["obi", "nwosu"].
pub fn parts(term: &str) -> impl Iterator<Item = &str> {
    term.split(|c: char| !c.is_ascii_alphanumeric()).filter(|p| !p.is_empty())
}

/// Whether folded text has a term's parts as consecutive words (the first
/// ending the term's first word, the last starting its last), whatever
/// separates them: `obi-nwosu` matches "Obi-Nwosu" and "Obi Nwosu". Returns
/// the byte range matched.
pub fn find_consecutive(folded: &str, term: &str) -> Option<(usize, usize)> {
    let parts: Vec<&str> = parts(term).collect();
    let (first, last) = (*parts.first()?, *parts.last()?);
    let ws: Vec<(usize, &str)> = words(folded).collect();
    ws.windows(parts.len()).find_map(|win| {
        let k = parts.len();
        let ok = if k == 1 {
            win[0].1.contains(first)
        } else {
            win[0].1.ends_with(first)
                && win[k - 1].1.starts_with(last)
                && win[1..k - 1].iter().zip(&parts[1..k - 1]).all(|((_, w), p)| w == p)
        };
        ok.then(|| {
            let (s, w0) = win[0];
            let (e, wk) = win[k - 1];
            let start = if k == 1 { s + w0.find(first).unwrap_or(0) } else { s + w0.len() - first.len() };
            let end = if k == 1 { start + first.len() } else { e + last.len() };
            debug_assert!(wk.len() >= last.len());
            (start, end)
        })
    })
}

/// The fewest letters of a word's start that end a term across words (fewer
/// must be the whole word): `saopau` finds "São Paulo", and `multis` does not
/// find every "multi" followed by a word in s, which would be most of them.
pub const ACROSS_MIN_START: usize = 3;

/// The fewest letters of each word a term runs through (all but the last): a
/// letter alone ("a", "s" of "it's") would let almost any term run across
/// almost any text.
pub const ACROSS_MIN_PIECE: usize = 2;

/// Where a term of letters and digits runs across consecutive words of
/// [`ACROSS_MIN_PIECE`] letters or more: whole words, then the start of one
/// more ([`ACROSS_MIN_START`] letters or all of it), at least two words in all ("saopaulo" in "sao paulo", "were" in
/// "we're"), as fzf finds letters across a space. Returns the byte range
/// matched, the first such run.
pub fn find_across(folded: &str, t: &str) -> Option<(usize, usize)> {
    let first = *t.as_bytes().first()?;
    for (start, w) in words(folded) {
        // Most words cannot start the term: one byte says so.
        if w.as_bytes()[0] != first || w.len() < ACROSS_MIN_PIECE || w.len() >= t.len() || !t.starts_with(w) {
            continue;
        }
        let mut rest = &t[w.len()..];
        let after = start + w.len();
        for (at, w) in words(&folded[after..]) {
            let at = after + at;
            if rest.len() <= w.len() {
                // The last word: its start, or all of it; a single letter only
                // after an apostrophe ("dont" ends at the "t" of "don't", but
                // `cana` is not "can a").
                let whole = rest.len() == w.len() && (w.len() >= ACROSS_MIN_PIECE || folded[..at].ends_with('\''));
                if w.starts_with(rest) && (rest.len() >= ACROSS_MIN_START || whole) {
                    return Some((start, at + rest.len()));
                }
                break;
            }
            if w.len() < ACROSS_MIN_PIECE {
                break;
            }
            match rest.strip_prefix(w) {
                Some(r) => rest = r,
                None => break,
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding() {
        assert_eq!(fold("Arsène Tungali"), "arsene tungali");
        assert_eq!(fold("João Pessoa"), "joao pessoa");
        assert_eq!(fold("Zürich – “quoted”"), "zurich - \"quoted\"");
        assert_eq!(fold("e\u{301}cole"), "ecole");
        let (f, map) = fold_with_map("Zü x", false);
        assert_eq!(f, "Zu x");
        assert_eq!(map, vec![0, 1, 2, 3]);
        let (f, map) = fold_with_map("ß!", true);
        assert_eq!(f, "ss!");
        assert_eq!(map, vec![0, 0, 1]);
        assert_eq!(fold("We’re ‘multi‐stakeholder’ — 1–2"), "we're 'multi-stakeholder' - 1-2");
    }

    #[test]
    fn tokens_add_joined_compounds() {
        let mut got = Vec::new();
        for_each_token("we're multi-stake-holder, 1,370 and a - b", |at, w, c| got.push((at, w.to_string(), c)));
        let compounds: Vec<_> = got.iter().filter(|t| t.2).map(|t| (t.0, t.1.as_str())).collect();
        assert_eq!(compounds, vec![(6, "multistakeholder"), (26, "1370")]);
        assert_eq!(joined("e-mail"), Some("email".into()));
        assert_eq!(joined("we're"), None);
        assert_eq!(got.iter().filter(|t| !t.2).count(), words("we're multi-stake-holder, 1,370 and a - b").count());
    }

    #[test]
    fn consecutive_parts() {
        let text = "dr obi-nwosu said: we're 1,370 strong";
        let at = |t: &str| find_consecutive(text, t).map(|(s, e)| &text[s..e]);
        assert_eq!(at("obi-nwosu"), Some("obi-nwosu"));
        assert_eq!(at("bi nwo"), Some("bi-nwo"));
        assert_eq!(at("we're"), Some("we're"));
        assert_eq!(at("said-we"), Some("said: we"));
        assert_eq!(at("1,370"), Some("1,370"));
        assert_eq!(at("obi-said"), None);
        assert_eq!(at("-"), None);
    }

    #[test]
    fn terms_across_words() {
        let text = "in sao paulo, we're 4 kids at the new york city hall";
        let at = |t: &str| find_across(text, t).map(|(s, e)| &text[s..e]);
        assert_eq!(at("saopaulo"), Some("sao paulo"));
        assert_eq!(at("saopau"), Some("sao pau"));
        // A start of fewer than three letters must be the whole word.
        assert_eq!(at("saopa"), None);
        assert_eq!(at("werekids"), None, "not across the 4");
        assert_eq!(at("were"), Some("we're"));
        assert_eq!(at("newyorkcity"), Some("new york city"));
        // Words of one letter are not run through (nearly every text has
        // some), but may end the term.
        assert_eq!(at("4kids"), None);
        assert_eq!(find_across("i don't know", "dont"), Some((2, 7)));
        assert_eq!(find_across("we can a lot", "cana"), None);
        // Inside one word is not across; the first piece is a whole word.
        assert_eq!(at("paul"), None);
        assert_eq!(at("aopaulo"), None);
        assert_eq!(at("saopauloo"), None);
        assert_eq!(at(""), None);
        assert_eq!(find_across("", "ab"), None);
    }

    #[test]
    fn word_runs() {
        let w: Vec<_> = words("we're 4 kids--ok").collect();
        assert_eq!(w, vec![(0, "we"), (3, "re"), (6, "4"), (8, "kids"), (14, "ok")]);
    }
}
