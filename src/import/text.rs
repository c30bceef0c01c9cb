//! Paragraphs, sentences and quotations of a plain-text report.

/// A quotation found in a paragraph: byte range of the whole (marks
/// included) and of the text inside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub outer: (usize, usize),
    pub inner: (usize, usize),
}

/// A paragraph: lines joined by spaces; `item` when it is a bulleted line
/// (its bullet taken off).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub text: String,
    pub item: bool,
}

/// The bullet opening a list item ("• ", "- ", "* ", "· "), if any: its length.
fn bullet(line: &str) -> Option<usize> {
    let c = line.chars().next()?;
    (matches!(c, '•' | '-' | '*' | '·' | '‣' | '▪' | '◦') && line[c.len_utf8()..].starts_with(' '))
        .then(|| c.len_utf8())
}

/// Paragraphs: blocks separated by blank lines, lines joined by spaces; each
/// bulleted line is a paragraph of its own.
pub fn paragraphs(text: &str) -> Vec<Paragraph> {
    let mut out = Vec::new();
    for block in text.split("\n\n") {
        let mut current: Vec<&str> = Vec::new();
        let mut item = false;
        for line in block.lines() {
            let t = line.trim_start();
            if let Some(n) = bullet(t) {
                push(&mut out, &current, item);
                current.clear();
                current.push(&t[n..]);
                item = true;
            } else {
                current.push(line);
            }
        }
        push(&mut out, &current, item);
    }
    out
}

fn push(out: &mut Vec<Paragraph>, lines: &[&str], item: bool) {
    let text = lines.iter().flat_map(|l| l.split_whitespace()).collect::<Vec<_>>().join(" ");
    if !text.is_empty() {
        out.push(Paragraph { text, item });
    }
}

const ABBREVIATIONS: [&str; 9] = ["Mr.", "Ms.", "Mrs.", "Dr.", "Prof.", "St.", "e.g.", "i.e.", "H.E."];

/// Byte ranges of the sentences of a paragraph. A sentence ends at `.`, `!`
/// or `?` (closing quotes included) before a space and a capital or an
/// opening quote, except after common abbreviations and initials.
pub fn sentences(p: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = p.char_indices().collect();
    // Where the current word starts, kept as we go: searching back for it at
    // each mark was quadratic in a long word of full stops.
    let mut word_start = 0;
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if c == ' ' {
            word_start = at + 1;
        }
        if matches!(c, '.' | '!' | '?') {
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j].1, '”' | '’' | '"' | '\'' | ')') {
                j += 1;
            }
            let next = chars.get(j + 1).map(|&(_, c)| c);
            let at_space = chars.get(j).is_some_and(|&(_, c)| c == ' ');
            let word = &p[word_start..at + 1];
            // Counted only at the end of a word (one mark per word), not at every mark.
            let initial = || word.chars().filter(|c| c.is_alphabetic()).count() == 1;
            if at_space
                && next.is_some_and(|n| n.is_uppercase() || matches!(n, '“' | '‘' | '"' | '\''))
                && !ABBREVIATIONS.contains(&word)
                && !initial()
            {
                let end = chars.get(j).map_or(p.len(), |&(b, _)| b);
                out.push((start, end));
                start = end + 1;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    if start < p.len() {
        out.push((start, p.len()));
    }
    out
}

const MAX_QUOTE_CHARS: usize = 5_000;

/// Quotations in “ ”, ‘ ’, " " or ' ' marks. An apostrophe inside a word
/// (we’re, don't) neither opens nor closes one.
pub fn quotations(p: &str) -> Vec<Span> {
    let chars: Vec<(usize, char)> = p.char_indices().collect();
    let letter = |k: usize| chars.get(k).is_some_and(|&(_, c)| c.is_alphanumeric());
    // For each closing mark, where the next one that closes is, from each
    // position: one pass instead of a scan of up to MAX_QUOTE_CHARS for every
    // opening mark (a text of opening marks only was slow).
    let closes = |close: char| {
        let mut next = vec![usize::MAX; chars.len() + 1];
        for j in (0..chars.len()).rev() {
            let (_, d) = chars[j];
            let ends = d == close
                && match close {
                    // A closing single mark is followed by no letter (we’re is not a close).
                    '’' | '\'' => !letter(j + 1),
                    _ => true,
                };
            next[j] = if ends { j } else { next[j + 1] };
        }
        next
    };
    let mut next_close: [Option<Vec<usize>>; 4] = [None, None, None, None];
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (open_at, c) = chars[i];
        let close: Option<char> = match c {
            '“' => Some('”'),
            '‘' if !(i > 0 && letter(i - 1)) => Some('’'),
            '"' if i == 0 || !letter(i - 1) => Some('"'),
            '\'' if (i == 0 || !letter(i - 1)) && letter(i + 1) => Some('\''),
            _ => None,
        };
        let Some(close) = close else {
            i += 1;
            continue;
        };
        // No quotation runs for pages: an opening mark with no close near it
        // is not one (and scanning to the end for each would be quadratic).
        let limit = (i + MAX_QUOTE_CHARS).min(chars.len());
        let k = match close {
            '”' => 0,
            '’' => 1,
            '"' => 2,
            _ => 3,
        };
        let next = next_close[k].get_or_insert_with(|| closes(close));
        let found = Some(next[i + 1]).filter(|&j| j < limit);
        match found {
            Some(j) if j > i + 1 => {
                let inner_start = open_at + c.len_utf8();
                let close_at = chars[j].0;
                out.push(Span { outer: (open_at, close_at + close.len_utf8()), inner: (inner_start, close_at) });
                i = j + 1;
            }
            _ => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_with_apostrophes_inside() {
        let p = "Carr said that ‘the role of us… we’re getting the maximum possible impact from them.’ Then “I have 4 kids, that’s why”. And 'plain single' and \"plain double\" but not don't.";
        let q: Vec<&str> = quotations(p).iter().map(|s| &p[s.inner.0..s.inner.1]).collect();
        assert_eq!(
            q,
            vec![
                "the role of us… we’re getting the maximum possible impact from them.",
                "I have 4 kids, that’s why",
                "plain single",
                "plain double"
            ]
        );
    }

    #[test]
    fn bulleted_lines_are_paragraphs_of_their_own() {
        let ps =
            paragraphs("Speakers:\n• Ann Lee – Director, Acme\n  - Bo Kim (Beta)\nwho joined late\n\nThe end.\n* A\n");
        let got: Vec<(&str, bool)> = ps.iter().map(|p| (p.text.as_str(), p.item)).collect();
        assert_eq!(
            got,
            [
                ("Speakers:", false),
                ("Ann Lee – Director, Acme", true),
                ("Bo Kim (Beta) who joined late", true),
                ("The end.", false),
                ("A", true)
            ]
        );
        // A dash inside a line, or a bullet without a space after it, is no list.
        let ps = paragraphs("-5 degrees\nA - B");
        assert_eq!(ps.iter().map(|p| p.item).collect::<Vec<_>>(), [false]);
    }

    #[test]
    fn sentence_splitting() {
        let p = "Dr. Ana Lima spoke first. She said: “We must act.” Then J. R. Smith answered? Yes.";
        let s: Vec<&str> = sentences(p).iter().map(|&(a, b)| &p[a..b]).collect();
        assert_eq!(
            s,
            vec!["Dr. Ana Lima spoke first.", "She said: “We must act.”", "Then J. R. Smith answered?", "Yes."]
        );
    }
}
