//! What `?` says on top of the key list while People is open: the same keys
//! mean other things there.

use crate::app::action::Action;
use crate::app::keymap::KeyMap;
use crate::app::text::{Row, Tone, wrap};
use unicode_width::UnicodeWidthStr;

pub fn rows(keys: &KeyMap, width: usize) -> Vec<Row> {
    // The first key of each action: the full lists follow below.
    let main = |actions: &[Action]| -> String {
        actions.iter().map(|a| keys.first_key(*a)).filter(|k| !k.is_empty()).collect::<Vec<_>>().join(" ")
    };
    let prompt = |a: Action| keys.first_prompt_key(a);
    let lines = [
        (main(&[Action::Down, Action::Up, Action::Top, Action::Bottom]), "move in the list, the appearances or the quotes (pages too)".to_string()),
        (main(&[Action::NextPane, Action::PrevPane]), "the list → appearances → quotes".into()),
        (
            main(&[Action::Search]),
            format!("filter by name as you type ({} keeps the filter, {} clears it)", prompt(Action::Open), prompt(Action::Back)),
        ),
        (main(&[Action::ToggleOrder]), "order by sessions ⇄ by name".into()),
        (main(&[Action::Open]), "a person: their appearances and quotes; an appearance or a quote: that report, with the speaker and the quote selected".into()),
        (main(&[Action::JumpBack]), "after such a jump: back to People as it was".into()),
        (main(&[Action::Copy, Action::CopyMarkdown]), "copy the selected quote and its citation: as plain text / as Markdown".into()),
        (main(&[Action::Back]), "back to the panes (People keeps its place)".into()),
        (main(&[Action::SpeakerInPeople]), "outside People: the selected speaker here".into()),
    ];
    let left = lines.iter().map(|(k, _)| k.width()).max().unwrap_or(0) + 2;
    let mut rows = vec![Row::one(Tone::Heading, "In People")];
    for (k, what) in lines {
        for (i, line) in wrap(&what, width.saturating_sub(left).max(1)).into_iter().enumerate() {
            let lead =
                if i == 0 { format!("{k}{}", " ".repeat(left.saturating_sub(k.width()))) } else { " ".repeat(left) };
            rows.push(Row(vec![(Tone::Key, lead), (Tone::Body, line)]));
        }
    }
    rows.push(Row::blank());
    rows
}
