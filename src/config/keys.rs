//! Key names as the configuration file writes them (`j`, `ctrl-d`, `pgdn`,
//! `shift-tab`, `f1`, `space`) and back.

use crate::app::key::{Code, Key};

/// Named keys; the first name of each is the one written back.
const NAMED: &[(&[&str], Code)] = &[
    (&["up"], Code::Up),
    (&["down"], Code::Down),
    (&["left"], Code::Left),
    (&["right"], Code::Right),
    (&["home"], Code::Home),
    (&["end"], Code::End),
    (&["pgup", "pageup", "page_up", "page-up"], Code::PageUp),
    (&["pgdn", "pagedown", "page_down", "page-down"], Code::PageDown),
    (&["tab"], Code::Tab),
    (&["backtab", "shift-tab"], Code::BackTab),
    (&["enter", "return"], Code::Enter),
    (&["esc", "escape"], Code::Esc),
    (&["backspace", "bs"], Code::Backspace),
    (&["space"], Code::Char(' ')),
];

/// Parses `ctrl-d`, `C-d`, `alt-x`, `M-x`, `J`, `shift-j`, `pgdn`, `f5`…
pub fn parse(name: &str) -> Result<Key, String> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        // `" "` meant the space bar, but surrounding blanks are trimmed from every name.
        return Err(match name.escape_debug().to_string() {
            shown if shown.is_empty() => "an empty key name".into(),
            shown => format!("unknown key `{shown}` (write \"space\" for the space bar)"),
        });
    }
    let (mut ctrl, mut alt, mut shift) = (false, false, false);
    let mut rest = trimmed;
    // A modifier is a prefix ending in '-' or '+' with something after it.
    while let Some(at) = rest.find(['-', '+']).filter(|&i| i > 0 && i + 1 < rest.len()) {
        match rest[..at].to_ascii_lowercase().as_str() {
            "ctrl" | "control" | "c" => ctrl = true,
            "alt" | "meta" | "m" | "a" => alt = true,
            "shift" | "s" => shift = true,
            _ => break,
        }
        rest = &rest[at + 1..];
    }
    let mut chars = rest.chars();
    let refuse_shift = || Err(format!("`{trimmed}`: shift only goes with a letter, alone, or with tab"));
    let code = match (chars.next(), chars.next()) {
        // Terminals send Ctrl with a letter the same with or without Shift.
        (Some(_), None) if shift && (ctrl || alt) => return refuse_shift(),
        (Some(c), None) if !c.is_control() => Code::Char(if shift { upper(c) } else { c }),
        _ => {
            let lower = rest.to_ascii_lowercase();
            if let Some((_, code)) = NAMED.iter().find(|(names, _)| names.contains(&lower.as_str())) {
                match (*code, shift) {
                    (Code::Tab, true) => Code::BackTab,
                    (_, true) => return refuse_shift(),
                    (code, false) => code,
                }
            } else if let Some(n) =
                lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()).filter(|n| (1..=24).contains(n))
            {
                if shift {
                    return refuse_shift();
                }
                Code::F(n)
            } else {
                return Err(format!(
                    "unknown key `{trimmed}` (a character, or ctrl-/alt- with one, or up down left right home end pgup pgdn tab shift-tab enter esc backspace space f1…f24)"
                ));
            }
        }
    };
    let code = match code {
        // The terminal reports Ctrl with a letter in lower case.
        Code::Char(c) if ctrl => Code::Char(c.to_ascii_lowercase()),
        other => other,
    };
    Ok(Key { code, ctrl, alt })
}

fn upper(c: char) -> char {
    c.to_uppercase().next().filter(|_| c.to_uppercase().count() == 1).unwrap_or(c)
}

/// The name [`parse`] reads back to `key`.
pub fn name(key: Key) -> String {
    let mut out = String::new();
    if key.ctrl {
        out.push_str("ctrl-");
    }
    if key.alt {
        out.push_str("alt-");
    }
    match key.code {
        Code::Char(c) => match NAMED.iter().find(|(_, code)| *code == key.code) {
            Some((names, _)) => out.push_str(names[0]),
            None => out.push(c),
        },
        Code::F(n) => out.push_str(&format!("f{n}")),
        code => out.push_str(NAMED.iter().find(|(_, c)| *c == code).map_or("?", |(names, _)| names[0])),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keymap::KeyMap;

    #[test]
    fn names_people_write() {
        let cases: &[(&str, Key)] = &[
            ("j", Key::char('j')),
            ("J", Key::char('J')),
            ("shift-j", Key::char('J')),
            ("?", Key::char('?')),
            ("-", Key::char('-')),
            ("+", Key::char('+')),
            ("ctrl-d", Key::ctrl('d')),
            ("Ctrl-D", Key::ctrl('d')),
            ("C-d", Key::ctrl('d')),
            ("ctrl+d", Key::ctrl('d')),
            ("alt-x", Key { code: Code::Char('x'), ctrl: false, alt: true }),
            ("M-x", Key { code: Code::Char('x'), ctrl: false, alt: true }),
            ("space", Key::char(' ')),
            ("pgdn", Key::plain(Code::PageDown)),
            ("PageUp", Key::plain(Code::PageUp)),
            ("shift-tab", Key::plain(Code::BackTab)),
            ("Enter", Key::plain(Code::Enter)),
            ("escape", Key::plain(Code::Esc)),
            ("f1", Key::plain(Code::F(1))),
            ("F12", Key::plain(Code::F(12))),
            ("é", Key::char('é')),
        ];
        for (text, key) in cases {
            assert_eq!(parse(text).as_ref(), Ok(key), "{text}");
        }
        for bad in [
            "",
            "ctrl-",
            "hyper-x",
            "f0",
            "f99",
            "jk",
            "\u{1b}",
            "ctrl-pgdnx",
            "shift-down",
            "ctrl-shift-j",
            "shift-f1",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn every_default_key_reads_back_from_its_name() {
        for b in KeyMap::default().all() {
            for &key in &b.keys {
                assert_eq!(parse(&name(key)), Ok(key), "{} ({})", name(key), b.name);
            }
        }
    }
}
