//! Finds where a node of a parsed document sits in the file. serde_yaml only
//! positions errors raised while it deserialises; checks that look across
//! fields (end before start, duplicate ids, unknown speakers) run afterwards,
//! so their positions come from a second, event-level pass over the text.
//! It runs only for files that have such a problem.

use super::problem::Pos;
use std::collections::{HashMap, HashSet};
use std::fmt::Write;
use yaml_rust2::parser::{Event, Parser};

/// A node path inside one document, e.g. `speakers[2].id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodePath(pub String);

impl NodePath {
    pub fn root() -> Self {
        NodePath(String::new())
    }
    pub fn key(&self, key: &str) -> Self {
        if self.0.is_empty() { NodePath(key.to_string()) } else { NodePath(format!("{}.{key}", self.0)) }
    }
    pub fn index(&self, i: usize) -> Self {
        NodePath(format!("{}[{i}]", self.0))
    }
    /// The path one step up (`speakers[2].id` → `speakers[2]` → `speakers` → root).
    fn parent(&self) -> Option<Self> {
        if self.0.is_empty() {
            return None;
        }
        let cut = self.0.rfind(['.', '[']).unwrap_or(0);
        Some(NodePath(self.0[..cut].to_string()))
    }
}

enum Frame {
    Map { key: Option<String>, expecting_key: bool },
    Seq { index: usize },
}

/// Positions of the given nodes of document `doc` (0-based); a node that does
/// not exist (an `id` left to its default) gets its nearest ancestor's position.
pub fn locate(text: &str, doc: usize, paths: &[NodePath]) -> Vec<Option<Pos>> {
    let mut wanted = HashSet::new();
    for p in paths {
        let mut at = Some(p.clone());
        while let Some(path) = at {
            at = path.parent();
            wanted.insert(path.0);
        }
    }
    let found = positions(text, doc, &wanted);
    paths
        .iter()
        .map(|p| {
            let mut at = Some(p.clone());
            while let Some(path) = at {
                if let Some(pos) = found.get(path.0.as_str()) {
                    return Some(*pos);
                }
                at = path.parent();
            }
            None
        })
        .collect()
}

/// Position of the second occurrence of `key` in any mapping of document `doc`.
pub fn find_duplicate_key(text: &str, doc: usize, key: &str) -> Option<Pos> {
    let mut seen = HashSet::new();
    let mut found = None;
    walk(text, doc, |event| {
        if let Node::Key { map, key: k, pos } = event
            && k == key
            && !seen.insert(map.to_string())
            && found.is_none()
        {
            found = Some(pos);
        }
    });
    found
}

fn positions(text: &str, doc: usize, wanted: &HashSet<String>) -> HashMap<String, Pos> {
    let mut found = HashMap::new();
    walk(text, doc, |event| {
        if let Node::Value { path, pos } = event
            && wanted.contains(path)
        {
            found.entry(path.to_string()).or_insert(pos);
        }
    });
    found
}

enum Node<'a> {
    /// A mapping key (`map` is the mapping's path).
    Key {
        map: &'a str,
        key: &'a str,
        pos: Pos,
    },
    Value {
        path: &'a str,
        pos: Pos,
    },
}

/// Calls `on` for every key and value node of document `doc`, in file order.
fn walk(text: &str, doc: usize, mut on: impl FnMut(Node)) {
    let mut parser = Parser::new_from_str(text);
    let mut docs_seen = 0usize;
    let mut frames: Vec<Frame> = Vec::new();
    while let Ok((event, mark)) = parser.next_token() {
        let in_doc = docs_seen == doc + 1;
        match event {
            Event::StreamEnd => break,
            Event::DocumentStart => {
                if in_doc {
                    break;
                }
                docs_seen += 1;
                frames.clear();
                continue;
            }
            Event::DocumentEnd | Event::Nothing | Event::StreamStart => continue,
            _ if !in_doc => continue,
            _ => {}
        }
        let pos = Pos::new(mark.line(), mark.col() + 1);
        if matches!(event, Event::SequenceEnd | Event::MappingEnd) {
            frames.pop();
            advance(&mut frames);
            continue;
        }
        let expecting_key = matches!(frames.last(), Some(Frame::Map { expecting_key: true, .. }));
        // A key belongs to its mapping, whose path leaves out the key being read.
        let path = current_path(if expecting_key { &frames[..frames.len() - 1] } else { &frames });
        if let Some(Frame::Map { key, expecting_key: expecting @ true }) = frames.last_mut() {
            *key = match &event {
                Event::Scalar(k, ..) => Some(k.clone()),
                _ => None,
            };
            *expecting = false;
            if let Event::Scalar(k, ..) = &event {
                on(Node::Key { map: &path, key: k, pos });
            }
            if matches!(event, Event::Scalar(..) | Event::Alias(_)) {
                continue;
            }
            // A complex key: its contents are walked but never match a wanted path.
        } else {
            on(Node::Value { path: &path, pos });
        }
        match event {
            Event::SequenceStart(..) => frames.push(Frame::Seq { index: 0 }),
            Event::MappingStart(..) => frames.push(Frame::Map { key: None, expecting_key: true }),
            _ => advance(&mut frames),
        }
    }
}

fn advance(frames: &mut [Frame]) {
    match frames.last_mut() {
        Some(Frame::Seq { index }) => *index += 1,
        Some(Frame::Map { expecting_key, .. }) => *expecting_key = true,
        None => {}
    }
}

fn current_path(frames: &[Frame]) -> String {
    let mut path = String::new();
    for frame in frames {
        match frame {
            Frame::Map { key: Some(k), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Frame::Map { key: None, .. } => path.push_str(".?"),
            Frame::Seq { index } => {
                let _ = write!(path, "[{index}]");
            }
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_nodes_and_falls_back_to_ancestors() {
        let text = "title: T\ndate: 2015-01-01\nspeakers:\n  - name: A\n    id: a\n  - name: B\nquotes: [{speaker: zed, text: hi}]\n---\ntitle: Second\nend: '10:00'\n";
        let root = NodePath::root();
        let paths = [
            root.key("speakers").index(0).key("id"),
            root.key("speakers").index(1).key("id"),
            root.key("quotes").index(0).key("speaker"),
            root.key("date"),
        ];
        let got = locate(text, 0, &paths);
        assert_eq!(got[0], Some(Pos::new(5, 9)));
        assert_eq!(got[1].map(|p| p.line), Some(6), "missing id → the speaker's mapping");
        assert_eq!(got[2], Some(Pos::new(7, 20)));
        assert_eq!(got[3], Some(Pos::new(2, 7)));
        let second = locate(text, 1, &[root.key("end")]);
        assert_eq!(second[0], Some(Pos::new(10, 6)));
    }
}
