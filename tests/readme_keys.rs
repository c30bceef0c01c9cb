//! README's key table is the program's key table: every binding, with the
//! same keys and words, so the two cannot drift.

use podium::app::keymap::{KeyMap, keys_label};

#[test]
fn readme_lists_every_binding() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let mut missing = Vec::new();
    let mut table = Vec::new();
    let keys = KeyMap::default();
    for b in keys.all() {
        let keys = keys_label(b).split(' ').map(|k| format!("`{k}`")).collect::<Vec<_>>().join(" ");
        let row = format!("| {keys} | {} |", b.help);
        if !readme.contains(&row) {
            missing.push(row.clone());
        }
        table.push(row);
    }
    assert!(
        missing.is_empty(),
        "README.md lacks these rows of the key table:\n{}\n\nThe whole table:\n{}",
        missing.join("\n"),
        table.join("\n")
    );
}
