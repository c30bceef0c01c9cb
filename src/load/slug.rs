/// The default id of a speaker: the name folded to ASCII, lower case, with each
/// run of other characters turned into one `-` ("Arsène Tungali" → "arsene-tungali").
pub fn slug(name: &str) -> String {
    let folded = deunicode::deunicode(name).to_lowercase();
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn slugs() {
        for (name, want) in [
            ("Arsène Tungali", "arsene-tungali"),
            ("John Carr", "john-carr"),
            ("  Dr. Mariam  Barata, PhD ", "dr-mariam-barata-phd"),
            ("João Pessoa", "joao-pessoa"),
            ("!!!", ""),
            ("O'Brien", "o-brien"),
        ] {
            assert_eq!(slug(name), want, "{name}");
        }
    }
}
