//! `podium config --default`: the default configuration as a commented file,
//! generated from the tables the program uses, so it cannot drift from them.

use super::keys;
use crate::app::keymap::{Binding, KeyMap};
use crate::ui::theme::Palette;
use ratatui::style::Color;
use std::fmt::Write;

const HEAD: &str = r#"# podium configuration: $XDG_CONFIG_HOME/podium/config.toml (else ~/.config/podium/config.toml),
# or the file given with --config FILE. Every setting shown is the default: uncomment a line to change it.
# A mistake stops podium with its line and column; nothing is guessed.

# Report files and folders to read when podium is given none and $PODIUM_CONTENT is unset.
# Relative paths are relative to this file; ~/ is your home folder. E.g. ["~/reports", "/srv/igf"].
# content = []

# Colours for a "dark" or a "light" terminal background; [colors] below changes single elements.
# theme = "dark"

# Capture the mouse: the wheel scrolls, a click selects (--mouse turns it on too, --no-mouse off).
# mouse = false

# Wrap report text at most this many columns wide (20 to 1000); 0: as wide as the pane.
# wrap = 0
"#;

pub fn default_text() -> String {
    let mut out = String::from(HEAD);
    out.push_str(
        "\n[colors]\n# A name (cyan, light-blue, dark-gray…), #rrggbb, 0–255, or \"default\" (the terminal's own).\n",
    );
    let mut palette = Palette::dark();
    for element in Palette::ELEMENTS {
        let color = palette.element_mut(element).and_then(|c| *c);
        let _ = writeln!(out, "# {element} = \"{}\"", color.map_or("default".into(), color_name));
    }
    let keys = KeyMap::default();
    out.push_str(
        "\n[keys]\n# Any action to one key or a list: \"j\", \"J\", \"ctrl-d\", \"alt-x\", \"pgdn\", \"shift-tab\", \"f1\", \"space\"…\n\
         # A key bound to two actions is an error (rebind the other action too); [] unbinds. Ctrl-c always quits.\n",
    );
    table(&mut out, &keys.main);
    out.push_str("\n[search_keys]\n# Plain characters are typed into the query; these are the prompt's other keys.\n");
    table(&mut out, &keys.prompt);
    out.push_str(PEOPLE);
    out
}

const PEOPLE: &str = r#"
[people]
# Other names of one person: "alias" = "name". People, `podium people`, `podium show person:NAME` and
# `speaker:` in search take them as one. Names already match without case, accents, honorifics (Dr,
# H.E., Ambassador…) and middle initials; `person:` on a speaker in a report file merges or splits too.
# "Vint Cerf" = "Vinton Cerf"
"#;

fn table(out: &mut String, bindings: &[Binding]) {
    let mut group = "";
    for b in bindings {
        if b.group != group {
            group = b.group;
            // The prompt's table is one group, named by its section already.
            if !group.starts_with("In the search prompt") {
                let _ = writeln!(out, "# {group}");
            }
        }
        let list: Vec<String> = b.keys.iter().map(|&k| format!("\"{}\"", keys::name(k))).collect();
        let setting = format!("{} = [{}]", b.name, list.join(", "));
        let _ = writeln!(out, "# {setting:<44} # {}", b.help);
    }
}

/// `Cyan` → `cyan`, `LightBlue` → `light-blue`, `Indexed(130)` → `130`.
fn color_name(color: Color) -> String {
    match color {
        Color::Indexed(n) => n.to_string(),
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        named => {
            let mut out = String::new();
            for (i, c) in format!("{named:?}").chars().enumerate() {
                if c.is_ascii_uppercase() && i > 0 {
                    out.push('-');
                }
                out.push(c.to_ascii_lowercase());
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Config, parse};
    use std::path::Path;

    #[test]
    fn the_default_file_uncommented_is_the_default_configuration() {
        let text = default_text();
        assert!(parse(&text, Path::new("config.toml")).is_ok_and(|c| c == Config::default()), "as printed");
        // Every setting line, uncommented: still exactly the defaults.
        let uncommented: String = text
            .lines()
            .map(|l| match l.strip_prefix("# ") {
                Some(rest)
                    if rest
                        .split_once(" = ")
                        .is_some_and(|(k, _)| k.chars().all(|c| c.is_ascii_lowercase() || c == '_')) =>
                {
                    rest
                }
                _ => l,
            })
            .collect::<Vec<_>>()
            .join("\n");
        assert!(uncommented.contains("\ndown = [\"j\", \"down\", \"ctrl-n\"]"), "{uncommented}");
        assert!(text.contains("\n[people]\n"), "{text}");
        let parsed = parse(&uncommented, Path::new("config.toml")).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(parsed, Config::default());
        // The example alias, uncommented, is one.
        let example = text.replace("# \"Vint Cerf\" = \"Vinton Cerf\"", "\"Vint Cerf\" = \"Vinton Cerf\"");
        let parsed = parse(&example, Path::new("config.toml")).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(parsed.people, crate::people::Aliases::new([("Vint Cerf", "Vinton Cerf")]));
    }
}
