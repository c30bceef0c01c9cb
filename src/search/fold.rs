//! Folding text for matching: lower-case ASCII, so "Arsène" matches "arsene"
//! and "João Pessoa" matches "joao pessoa".

/// Appends the folded form of `c` to `out`. ASCII passes through; anything
/// else is transliterated (deunicode), falling back to the lower-cased char.
fn push_folded(out: &mut String, c: char, lower: bool) {
    if c.is_ascii() {
        out.push(if lower { c.to_ascii_lowercase() } else { c });
        return;
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
    for c in text.chars() {
        push_folded(&mut out, c, true);
    }
    out
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
    }

    #[test]
    fn word_runs() {
        let w: Vec<_> = words("we're 4 kids--ok").collect();
        assert_eq!(w, vec![(0, "we"), (3, "re"), (6, "4"), (8, "kids"), (14, "ok")]);
    }
}
