//! A saved web page → the plain text the prose extractor reads best: the
//! title line, the date line, then the article's headings, paragraphs
//! (blank-line separated) and `• item` lines, and the byline last. Everything
//! around the article (navigation, cookie and newsletter boxes, scripts) is
//! left out, so that none of it becomes a speaker or a summary.
//!
//! Pages are untrusted: the DOM is walked with an explicit stack (a page of
//! 100,000 nested `<div>`s must not overflow ours), and every walk is linear.

use super::ImportError;
use super::header;
use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use scraper::{ElementRef, Html, Node};
use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Deref;

/// scraper's node handle (ego-tree's), named through scraper so that
/// ego-tree need not be a dependency of its own.
type NodeRef<'a> = <ElementRef<'a> as Deref>::Target;

/// Where the charset must be declared, and where a page shows it is one.
const SNIFF: usize = 1024;

/// Whether the bytes start like an HTML page (after a BOM and whitespace),
/// or declare a `<meta>` or `<title>` early on.
pub fn looks_like(bytes: &[u8]) -> bool {
    let head: Cow<[u8]> = match Encoding::for_bom(bytes) {
        // A UTF-16 page: its first characters, as bytes, to look at.
        Some((enc, n)) if enc != UTF_8 => {
            let end = bytes.len().min(n + 2 * SNIFF);
            Cow::Owned(enc.decode_without_bom_handling(&bytes[n..end]).0.into_owned().into_bytes())
        }
        Some((_, n)) => Cow::Borrowed(&bytes[n..bytes.len().min(n + SNIFF)]),
        None => Cow::Borrowed(&bytes[..bytes.len().min(SNIFF)]),
    };
    let lower = head.to_ascii_lowercase();
    let start = lower.iter().position(|b| !b.is_ascii_whitespace()).map_or(&[][..], |i| &lower[i..]);
    [&b"<!doctype html"[..], b"<html", b"<head", b"<body"].iter().any(|p| start.starts_with(p))
        || find(&lower, b"<meta").is_some()
        || find(&lower, b"<title>").is_some()
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The charset the page declares in a `<meta charset>` or `http-equiv`
/// within its first 1024 bytes.
fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let lower = bytes[..bytes.len().min(SNIFF)].to_ascii_lowercase();
    let mut at = 0;
    while let Some(i) = find(&lower[at..], b"<meta") {
        let tag_start = at + i;
        let tag_end = lower[tag_start..].iter().position(|&b| b == b'>').map_or(lower.len(), |e| tag_start + e);
        let tag = &lower[tag_start..tag_end];
        if let Some(c) = find(tag, b"charset=") {
            let value = tag[c + 8..].iter().skip_while(|&&b| b == b'"' || b == b'\'' || b == b' ');
            let label: Vec<u8> = value
                .take_while(|&&b| !matches!(b, b'"' | b'\'' | b';' | b'/') && !b.is_ascii_whitespace())
                .copied()
                .collect();
            if let Some(enc) = Encoding::for_label(&label) {
                // As browsers do: a page read as bytes cannot really be UTF-16.
                return Some(if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE { UTF_8 } else { enc });
            }
        }
        at = tag_end;
    }
    None
}

/// The page's text: BOM, then the declared charset, then UTF-8 if it is
/// valid, else windows-1252 (what unlabelled non-UTF-8 pages mostly are).
fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, ImportError> {
    let (enc, body) = match Encoding::for_bom(bytes) {
        Some((enc, n)) => (enc, &bytes[n..]),
        None => match declared(bytes) {
            Some(enc) => (enc, bytes),
            None if std::str::from_utf8(bytes).is_ok() => (UTF_8, bytes),
            None => (WINDOWS_1252, bytes),
        },
    };
    let text = enc.decode_without_bom_handling(body).0;
    if let Some(at) = text.find('\0') {
        return Err(ImportError::NotText(format!(
            "a NUL character at character {}: this looks like a binary file, not a web page",
            text[..at].chars().count()
        )));
    }
    Ok(text)
}

/// A page's bytes → the text for the extractor.
pub fn to_text(bytes: &[u8], max: usize) -> Result<String, ImportError> {
    if bytes.len() > max {
        return Err(ImportError::TooLarge(bytes.len(), max));
    }
    let page = decode(bytes)?;
    nesting(&page)?;
    let doc = Html::parse_document(&page);
    drop(page);
    Ok(Extract::new(&doc).text())
}

/// How deep tags may nest, as [`nesting`] estimates it. Real pages nest a few
/// dozen deep; browsers stop nesting at 512.
const MAX_DEPTH: usize = 1_000;
/// The most work the parser may do over the nesting: the sum of the depths
/// at which tags start (html5ever scans its stack of open elements on many
/// start tags: 100,000 nested `<div>`s took it 110 s).
const MAX_WORK: usize = 30_000_000;

/// Tags whose end is optional or which never hold others: they do not count
/// towards the depth.
const FLAT: [&str; 33] = [
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "caption",
    "rb", "rt", "rp", "html", "head", "body", "area", "base", "br", "col", "embed", "hr", "img", "input", "link",
    "meta", "source", "track", "wbr",
];
/// Tags whose content is text up to their end tag.
const RAW: [&str; 8] = ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"];

/// Refuses a page nested deeper than [`MAX_DEPTH`], or whose nesting would
/// cost the parser more than [`MAX_WORK`], from a linear scan of its tags that
/// counts every tag left open (so it errs on the side of depth).
fn nesting(page: &str) -> Result<(), ImportError> {
    let b = page.as_bytes();
    let lower = |i: usize, n: usize| b[i..b.len().min(i + n)].to_ascii_lowercase();
    let (mut depth, mut work, mut i) = (0usize, 0usize, 0usize);
    while let Some(lt) = b[i..].iter().position(|&c| c == b'<') {
        i += lt + 1;
        if b[i..].starts_with(b"!--") {
            i = find(&b[i..], b"-->").map_or(b.len(), |e| i + e + 3);
            continue;
        }
        let end_tag = b.get(i) == Some(&b'/');
        let start = i + usize::from(end_tag);
        let name_len = b[start..].iter().take_while(|c| c.is_ascii_alphanumeric()).count();
        if name_len == 0 || !b[start].is_ascii_alphabetic() {
            continue;
        }
        let name = String::from_utf8_lossy(&lower(start, name_len)).into_owned();
        let close = b[start..].iter().position(|&c| c == b'>').map_or(b.len(), |e| start + e);
        i = close;
        if FLAT.contains(&name.as_str()) {
            continue;
        }
        if end_tag {
            depth = depth.saturating_sub(1);
            continue;
        }
        if b[..close].ends_with(b"/") {
            continue;
        }
        if RAW.contains(&name.as_str()) {
            let end = format!("</{name}");
            i = (close..b.len()).find(|&k| b[k] == b'<' && lower(k, end.len()) == end.as_bytes()).unwrap_or(b.len());
            continue;
        }
        depth += 1;
        work += depth;
        if depth > MAX_DEPTH || work > MAX_WORK {
            let what = if depth > MAX_DEPTH {
                format!("tags nested more than {MAX_DEPTH} deep")
            } else {
                "too many tags nested too deep".to_string()
            };
            return Err(ImportError::NotText(format!(
                "{what} (at character {}): not a web page podium can read",
                page[..start].chars().count()
            )));
        }
    }
    Ok(())
}

/// Elements whose content is never the article.
const DROPPED: [&str; 18] = [
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg", "template", "button",
    "select", "textarea", "object", "head", "math", "canvas",
];

/// Words in an id or class that mark a block as boilerplate.
const BOILERPLATE: [&str; 14] = [
    "cookie",
    "consent",
    "newsletter",
    "subscribe",
    "share",
    "social",
    "related",
    "comment",
    "breadcrumb",
    "menu",
    "sidebar",
    "advert",
    "promo",
    "banner",
];

/// Elements that start and end a block of text.
const BLOCKS: [&str; 38] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tr",
    "ul",
];

fn has_word(el: &scraper::node::Element, words: &[&str]) -> bool {
    let id = el.id().unwrap_or("");
    let class = el.attr("class").unwrap_or("");
    [id, class].iter().any(|s| {
        let s = s.to_ascii_lowercase();
        words.iter().any(|w| s.contains(w))
    })
}

/// Whether an element (and all it holds) is left out. `header` is kept inside
/// an article, where it holds the article's title and date.
fn dropped(el: &scraper::node::Element, in_article: bool) -> bool {
    let name = el.name();
    if name == "header" {
        return !in_article;
    }
    if DROPPED.contains(&name) || el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    let style = el.attr("style").unwrap_or("").to_ascii_lowercase().replace(' ', "");
    if style.contains("display:none") || style.contains("visibility:hidden") {
        return true;
    }
    // The page's frame is never boilerplate, whatever its classes say (WordPress
    // gives `<body>` classes such as `has-sidebar` or `comments-open`).
    !matches!(name, "html" | "body" | "main" | "article") && has_word(el, &BOILERPLATE)
}

/// Text with runs of whitespace as one space, trimmed.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of a small subtree, or `None` past `max` bytes or 1,000 nodes:
/// candidates for the date line and the byline are looked at in nested
/// elements, each of which must not cost a walk of all it holds.
fn short_text(node: NodeRef<'_>, max: usize) -> Option<String> {
    let mut s = String::new();
    for (i, d) in node.descendants().enumerate() {
        if i > 1_000 || s.len() > max {
            return None;
        }
        if let Node::Text(t) = d.value() {
            s.push_str(t);
        }
    }
    Some(collapse(&s))
}

/// The text of an element's subtree (ego-tree walks it without recursion).
fn text_of(node: NodeRef<'_>) -> String {
    ElementRef::wrap(node).map(|e| collapse(&e.text().collect::<String>())).unwrap_or_default()
}

struct Extract<'a> {
    root: NodeRef<'a>,
    /// The first `<h1>` outside dropped blocks, and the `<title>`.
    h1: Option<NodeRef<'a>>,
    title: Option<NodeRef<'a>>,
}

impl<'a> Extract<'a> {
    /// Finds the article: the `<article>` with the most text, else `<main>`,
    /// else the element whose own paragraphs hold the most text.
    fn new(doc: &'a Html) -> Self {
        let mut h1 = None;
        let mut title = None;
        let mut main = None;
        let mut articles: HashMap<_, (usize, NodeRef<'a>)> = HashMap::new();
        let mut parents: HashMap<_, (usize, NodeRef<'a>)> = HashMap::new();
        // (node, entering); `open` holds the article and paragraph parent each
        // text node counts for, innermost last.
        let mut stack = vec![(doc.tree.root(), true)];
        let mut open_articles: Vec<NodeRef<'a>> = Vec::new();
        let mut open_paragraphs: Vec<NodeRef<'a>> = Vec::new();
        let mut in_article = 0usize;
        while let Some((node, entering)) = stack.pop() {
            match node.value() {
                Node::Element(el) => {
                    let name = el.name();
                    if !entering {
                        match name {
                            "article" => {
                                open_articles.pop();
                            }
                            "p" => {
                                open_paragraphs.pop();
                            }
                            _ => {}
                        }
                        if matches!(name, "article" | "main") {
                            in_article -= 1;
                        }
                        continue;
                    }
                    if name == "title" && title.is_none() {
                        title = Some(node);
                        continue;
                    }
                    if name != "head" && dropped(el, in_article > 0) {
                        continue;
                    }
                    match name {
                        "h1" if h1.is_none() => h1 = Some(node),
                        "main" if main.is_none() => main = Some(node),
                        "article" => {
                            open_articles.push(node);
                            articles.entry(node.id()).or_insert((0, node));
                        }
                        "p" => {
                            open_paragraphs.push(node.parent().unwrap_or(node));
                        }
                        _ => {}
                    }
                    if matches!(name, "article" | "main") {
                        in_article += 1;
                    }
                    stack.push((node, false));
                    push_children(&mut stack, node);
                }
                Node::Text(t) => {
                    let n = t.trim().len();
                    if let Some(a) = open_articles.last() {
                        articles.entry(a.id()).or_insert((0, *a)).0 += n;
                    }
                    if let Some(p) = open_paragraphs.last() {
                        parents.entry(p.id()).or_insert((0, *p)).0 += n;
                    }
                }
                Node::Document | Node::Fragment => push_children(&mut stack, node),
                _ => {}
            }
        }
        // Ties go to the first in the page: ids grow in document order.
        let best = |m: HashMap<_, (usize, NodeRef<'a>)>| {
            m.into_iter()
                .filter(|(_, (n, _))| *n > 0)
                .max_by_key(|&(id, (n, _))| (n, std::cmp::Reverse(id)))
                .map(|(_, (_, r))| r)
        };
        let root = best(articles)
            .or(main)
            .or_else(|| best(parents))
            .or_else(|| {
                doc.root_element().children().find(|c| c.value().as_element().is_some_and(|e| e.name() == "body"))
            })
            .unwrap_or(doc.tree.root());
        Extract { root, h1, title }
    }

    fn text(self) -> String {
        let mut out = Out::default();
        let root_name = self.root.value().as_element().map(|e| e.name()).unwrap_or("");
        let in_article = matches!(root_name, "article" | "main");
        // The title: the article's `<h1>`, else the page's, else its `<title>`.
        let mut title_node = None;
        let mut date_node = None;
        let mut byline_node = None;
        self.scan(in_article, &mut title_node, &mut date_node, &mut byline_node);
        // An unclosed `<h1>` holds the paragraphs after it: its first block is
        // the title, the others go before the body.
        let (title, rest) = match title_node.or(self.h1) {
            Some(h) => {
                let mut heading = Out::default();
                self.body(h, &mut heading, in_article, &[]);
                match heading.text.split_once("\n\n") {
                    Some((t, rest)) => (t.replace('\n', " "), rest.to_string()),
                    None => (heading.text.replace('\n', " "), String::new()),
                }
            }
            None => (self.title.map(|t| site_suffix_cut(&text_of(t))).unwrap_or_default(), String::new()),
        };
        out.text.push_str(&title);
        if let Some(d) = date_node {
            let el = d.value().as_element();
            let mut date = text_of(d);
            if date.is_empty() {
                date = el.and_then(|e| e.attr("datetime")).map(collapse).unwrap_or_default();
            }
            out.block(&date);
        }
        out.block(&rest);
        let skip = [title_node, date_node, byline_node];
        self.body(self.root, &mut out, in_article, &skip);
        if let Some(b) = byline_node {
            let b = text_of(b);
            let line = if b.starts_with("By ") || b.starts_with("by ") { b } else { format!("By {b}") };
            out.block(&line);
        }
        out.text
    }

    /// Finds, in the article, its `<h1>`, its date line (a `<time>` or an
    /// element with `date` in its class or id, short and with a digit) and its
    /// byline (class `author`/`byline`, or a paragraph `By Name`).
    fn scan(
        &self,
        in_article: bool,
        title: &mut Option<NodeRef<'a>>,
        date: &mut Option<NodeRef<'a>>,
        byline: &mut Option<NodeRef<'a>>,
    ) {
        let mut stack = vec![(self.root, true)];
        while let Some((node, _)) = stack.pop() {
            let Some(el) = node.value().as_element() else {
                if matches!(node.value(), Node::Document | Node::Fragment) {
                    push_children(&mut stack, node);
                }
                continue;
            };
            if node != self.root && dropped(el, in_article) {
                continue;
            }
            let name = el.name();
            if name == "h1" && title.is_none() {
                *title = Some(node);
                continue;
            }
            if date.is_none() && (name == "time" || has_word(el, &["date"])) {
                let t = short_text(node, 200).unwrap_or_default();
                let t = if t.is_empty() { el.attr("datetime").unwrap_or("").to_string() } else { t };
                if t.split_whitespace().count() <= 12 && t.chars().any(|c| c.is_ascii_digit()) {
                    *date = Some(node);
                    continue;
                }
            }
            if byline.is_none() {
                let by_class = has_word(el, &["author", "byline"]) || el.attr("rel") == Some("author");
                if by_class || name == "p" {
                    let t = short_text(node, 200).unwrap_or_default();
                    let named = t.strip_prefix("By ").or_else(|| t.strip_prefix("by "));
                    // A short name; a longer box is the author's biography, left in place.
                    let line = if by_class { format!("By {}", named.unwrap_or(&t)) } else { t.clone() };
                    if (by_class || named.is_some()) && header::authors(&line).is_some() {
                        *byline = Some(node);
                        continue;
                    }
                }
            }
            if title.is_some() && date.is_some() && byline.is_some() {
                return;
            }
            push_children(&mut stack, node);
        }
    }

    /// The text of `root`'s subtree, without the nodes in `skip` (said elsewhere).
    fn body(&self, root: NodeRef<'a>, out: &mut Out, in_article: bool, skip: &[Option<NodeRef<'a>>]) {
        let mut stack = vec![(root, true)];
        while let Some((node, entering)) = stack.pop() {
            match node.value() {
                Node::Text(t) => out.inline(t),
                Node::Element(el) => {
                    let name = el.name();
                    if !entering {
                        match name {
                            "li" => {
                                out.flush();
                                out.in_item -= 1;
                            }
                            "pre" => {
                                out.flush();
                                out.in_pre -= 1;
                            }
                            "td" | "th" => out.space = true,
                            _ if BLOCKS.contains(&name) => out.flush(),
                            _ => {}
                        }
                        continue;
                    }
                    if skip.contains(&Some(node)) || (node != root && dropped(el, in_article)) {
                        continue;
                    }
                    match name {
                        "br" => out.line_break(),
                        "li" => {
                            out.flush();
                            out.in_item += 1;
                        }
                        "pre" => {
                            out.flush();
                            out.in_pre += 1;
                        }
                        "td" | "th" => out.space = true,
                        "img" | "input" | "video" | "audio" | "picture" => continue,
                        _ if BLOCKS.contains(&name) => out.flush(),
                        _ => {}
                    }
                    stack.push((node, false));
                    push_children(&mut stack, node);
                }
                Node::Document | Node::Fragment => push_children(&mut stack, node),
                _ => {}
            }
        }
        out.flush();
    }
}

/// Children pushed last first, so that they pop in document order.
fn push_children<'a>(stack: &mut Vec<(NodeRef<'a>, bool)>, node: NodeRef<'a>) {
    stack.extend(node.children().rev().map(|c| (c, true)));
}

/// `Title | Site` or `Title - Site` → `Title`.
fn site_suffix_cut(title: &str) -> String {
    [" | ", " - ", " – ", " — ", " :: "]
        .iter()
        .filter_map(|sep| title.rfind(sep))
        .max()
        .filter(|&at| at > 0)
        .map_or_else(|| title.to_string(), |at| title[..at].trim().to_string())
}

/// The text being written: finished blocks, and the block being filled.
#[derive(Default)]
struct Out {
    text: String,
    block: String,
    /// A space is owed before the next word.
    space: bool,
    /// Inside a list item / a `<pre>`.
    in_item: usize,
    in_pre: usize,
    /// The last finished block was a list item.
    last_item: bool,
}

impl Out {
    fn inline(&mut self, s: &str) {
        if self.in_pre > 0 {
            self.block.push_str(s);
            return;
        }
        for c in s.chars() {
            if c.is_whitespace() {
                self.space = true;
            } else {
                if self.space && !self.block.is_empty() && !self.block.ends_with('\n') {
                    self.block.push(' ');
                }
                self.space = false;
                self.block.push(c);
            }
        }
    }

    fn line_break(&mut self) {
        if self.in_item > 0 {
            self.space = true;
        } else if !self.block.is_empty() {
            self.block.push('\n');
            self.space = false;
        }
    }

    fn flush(&mut self) {
        let item = self.in_item > 0;
        let block = std::mem::take(&mut self.block);
        self.space = false;
        // Lines trimmed, blank lines (kept only in `<pre>`) one at most.
        let mut joined = String::new();
        let mut blank = false;
        for line in block.lines().map(str::trim) {
            if line.is_empty() {
                blank = !joined.is_empty();
                continue;
            }
            if !joined.is_empty() {
                joined.push_str(if blank { "\n\n" } else { "\n" });
            }
            blank = false;
            joined.push_str(line);
        }
        if joined.is_empty() {
            return;
        }
        if item {
            self.push_sep(true);
            self.text.push_str("• ");
            self.text.push_str(&joined);
        } else {
            self.push_sep(false);
            self.text.push_str(&joined);
        }
        self.last_item = item;
    }

    /// A finished block of its own (title, date, byline).
    fn block(&mut self, s: &str) {
        if !s.is_empty() {
            self.push_sep(false);
            self.text.push_str(s);
            self.last_item = false;
        }
    }

    fn push_sep(&mut self, item: bool) {
        if !self.text.is_empty() {
            self.text.push_str(if item && self.last_item { "\n" } else { "\n\n" });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(page: &str) -> String {
        to_text(page.as_bytes(), 1 << 24).unwrap()
    }

    /// A page in the shape of a saved event report (invented text).
    const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Open maps for cities | Policy Watch</title>
<script>var x = "<p>not text</p>";</script><style>p { color: red }</style></head>
<body class="single has-sidebar comments-open">
<div id="cookie-banner"><p>We use cookies.</p><button>OK</button></div>
<header class="site"><nav><ul><li><a href="/">Home</a></li><li>Events</li></ul></nav></header>
<div class="breadcrumbs"><a href="/">Home</a> &raquo; Events</div>
<main><article class="report">
<h1>Open maps for cities</h1>
<div class="meta"><span class="event-date">3 Mar 2021 10:00h - 11:00h</span> <span class="type">Event report</span></div>
<div class="share-buttons"><a>Share</a></div>
<p>The   session asked who owns
   a city's map.</p>
<h2>Speakers</h2>
<ul><li>Ana Lopes, Director, Mapa Livre</li><li>Bo Berg (City Lab)</li></ul>
<p><strong>Ana Lopes</strong>, Director at Mapa Livre, said: &ldquo;Maps are infrastructure, and cities should own them&rdquo;.<sup>1</sup> She&#39;s sure &amp; clear.<br>A second line.</p>
<p class="byline">By Kim Roe</p>
<p>Closing words.</p>
</article></main>
<aside class="newsletter"><p>Subscribe now</p></aside>
<footer><p>&copy; Policy Watch</p></footer>
<script>track()</script>
</body></html>"#;

    #[test]
    fn the_shape_the_extractor_reads() {
        assert_eq!(
            text(PAGE),
            "Open maps for cities\n\n3 Mar 2021 10:00h - 11:00h\n\nEvent report\n\n\
             The session asked who owns a city's map.\n\nSpeakers\n\n\
             • Ana Lopes, Director, Mapa Livre\n• Bo Berg (City Lab)\n\n\
             Ana Lopes, Director at Mapa Livre, said: “Maps are infrastructure, and cities should own them”.1 She's sure & clear.\nA second line.\n\n\
             Closing words.\n\nBy Kim Roe"
        );
    }

    #[test]
    fn the_page_imports() {
        let d = crate::import::import(PAGE.as_bytes(), 1 << 20).unwrap();
        assert_eq!(d.title, "Open maps for cities");
        assert_eq!(
            (d.date.as_deref(), d.start.as_deref(), d.end.as_deref()),
            (Some("2021-03-03"), Some("10:00"), Some("11:00"))
        );
        assert_eq!(d.kind.as_deref(), Some("Event report"));
        assert_eq!(d.author.as_deref(), Some("Kim Roe"));
        assert_eq!(d.quotes.len(), 1);
        assert_eq!(d.quotes[0].text, "Maps are infrastructure, and cities should own them");
        assert_eq!(d.quotes[0].speaker.map(|s| d.speakers[s].name.as_str()), Some("Ana Lopes"));
    }

    #[test]
    fn windows_1252_declared_or_guessed() {
        let mut page = b"<html><head><meta charset=\"windows-1252\"><title>x</title></head><body><h1>Caf\xE9</h1><p>Ren\xE9 \x93said\x94</p></body></html>".to_vec();
        assert_eq!(to_text(&page, 1 << 20).unwrap(), "Café\n\nRené “said”");
        // http-equiv, ISO-8859-1 (which browsers read as windows-1252).
        let equiv = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"></head><body><p>\xE9t\xE9</p></body></html>";
        assert_eq!(to_text(equiv, 1 << 20).unwrap(), "été");
        // Undeclared and not UTF-8: windows-1252.
        page = b"<!doctype html><p>Ren\xE9</p>".to_vec();
        assert_eq!(to_text(&page, 1 << 20).unwrap(), "René");
        // Undeclared UTF-8 stays UTF-8; a BOM wins over the declaration.
        assert_eq!(text("<!doctype html><p>René</p>"), "René");
        let bom = [&b"\xEF\xBB\xBF<meta charset=windows-1252><p>"[..], "René".as_bytes()].concat();
        assert_eq!(to_text(&bom, 1 << 20).unwrap(), "René");
        let utf16: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("<html><p>Zoë</p>".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert!(looks_like(&utf16));
        assert_eq!(to_text(&utf16, 1 << 20).unwrap(), "Zoë");
    }

    #[test]
    fn entities_br_and_sup() {
        assert_eq!(
            text(
                "<html><body><p>&ldquo;A&rdquo; &#8220;B&#8221; &#x2019; &oslash; &nbsp;x &amp;amp; &bogus; &lt;b&gt;</p></body></html>"
            ),
            "“A” “B” ’ ø x &amp; &bogus; <b>"
        );
        assert_eq!(
            text("<html><p>one<br>two<br/><br>three</p><p>E = mc<sup>2</sup> and H<sub>2</sub>O</p></html>"),
            "one\ntwo\n\nthree\n\nE = mc2 and H2O"
        );
    }

    #[test]
    fn boilerplate_is_dropped() {
        let t = text(PAGE);
        for gone in ["cookies", "Home", "Events", "Share", "Subscribe", "Policy Watch", "not text", "color", "track"] {
            assert!(!t.contains(gone), "{gone} in {t}");
        }
        // Without <article> or <main>: the block holding the most paragraph text.
        let page = "<html><body><div class=\"sidebar\"><p>Popular: a long list of links and more links here</p></div>\
            <div id=\"x\"><h1>Real</h1><p>First paragraph of the report, long enough.</p><p>Second one.</p></div>\
            <div class=\"related-posts\"><p>Related</p></div><div><p>Short</p></div></body></html>";
        assert_eq!(text(page), "Real\n\nFirst paragraph of the report, long enough.\n\nSecond one.");
        // Of several articles, the one with the most text.
        let page = "<html><body><article><h1>Teaser</h1><p>x</p></article><article><h1>Main</h1><p>The long body of the report.</p></article></body></html>";
        assert_eq!(text(page), "Main\n\nThe long body of the report.");
        // Hidden blocks are not read.
        assert_eq!(
            text(
                "<html><main><p>a</p><p hidden>b</p><p style=\"display: none\">c</p><p aria-hidden=\"true\">d</p></main></html>"
            ),
            "a"
        );
    }

    #[test]
    fn the_title() {
        // <h1> first, wherever it is outside the boilerplate.
        assert_eq!(
            text(
                "<html><head><title>T | Site</title></head><body><h1>Heading</h1><main><p>Body.</p></main></body></html>"
            ),
            "Heading\n\nBody."
        );
        // An unclosed <h1> holds what follows it: its first block is the title.
        assert_eq!(text("<html><body><h1>Open maps<p>Body one.<p>Body two."), "Open maps\n\nBody one.\n\nBody two.");
        // Else the <title> without the site's name.
        assert_eq!(
            text("<html><head><title>Session on maps | Site</title></head><body><p>Body.</p></body></html>"),
            "Session on maps\n\nBody."
        );
        assert_eq!(
            text("<html><head><title>Maps - IGF 2018 - Site</title></head><body><p>Body.</p></body></html>"),
            "Maps - IGF 2018\n\nBody."
        );
        assert_eq!(
            text("<html><head><title>Just a title</title></head><body><p>Body.</p></body></html>"),
            "Just a title\n\nBody."
        );
        // A logo's <h1> in the site header is not the title; the article's <header> is kept.
        assert_eq!(
            text(
                "<html><body><header><h1>Site</h1></header><article><header><h1>Real</h1><time datetime=\"2019-11-27\">27 Nov 2019</time></header><p>Body.</p></article></body></html>"
            ),
            "Real\n\n27 Nov 2019\n\nBody."
        );
    }

    #[test]
    fn bylines_go_last() {
        assert_eq!(
            text("<html><article><h1>T</h1><div class=\"author\">Jo Roe</div><p>Body.</p></article></html>"),
            "T\n\nBody.\n\nBy Jo Roe"
        );
        assert_eq!(
            text("<html><article><h1>T</h1><p>By Jo Roe and Al Poe</p><p>Body.</p></article></html>"),
            "T\n\nBody.\n\nBy Jo Roe and Al Poe"
        );
        // A biography box is not a byline, nor a sentence starting with "By".
        let bio = "<html><article><h1>T</h1><p>By the end, all agreed.</p><div class=\"author-bio\">Jo Roe writes about maps, cities and the people who draw them for a living.</div></article></html>";
        assert_eq!(
            text(bio),
            "T\n\nBy the end, all agreed.\n\nJo Roe writes about maps, cities and the people who draw them for a living."
        );
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        let deep = |open: &str, n: usize| format!("<html><body><h1>T</h1>{}<p>deep</p>", open.repeat(n));
        for page in [
            format!("{}{}", deep("<div>", 100_000), "</div>".repeat(100_000)),
            deep("<span class=\"date author\"><b><i>", 30_000),
            deep("<li><ul>", 50_000),
            // Closed as they go, but each reopened by the parser: counted as open.
            deep("<p><b id=x>", 100_000),
        ] {
            assert!(matches!(to_text(page.as_bytes(), 1 << 24), Err(ImportError::NotText(m)) if m.contains("nested")));
        }
        // Within the limit: read, by walks that use no recursion.
        let page = format!("{}{}", deep("<div class=\"x date author\"><section>", 490), "</section></div>".repeat(490));
        assert_eq!(text(&page), "T\n\ndeep");
        // Not counted: tags in comments and scripts, void and optional-end tags, end tags.
        let page = format!(
            "<html><body><!--{0}--><script>{0}</script>{1}{2}<p>ok",
            "<div>".repeat(5_000),
            "<br><img src=x><p>a<li>b<div/>".repeat(5_000),
            "<div></div>".repeat(5_000)
        );
        assert!(text(&page).ends_with("ok"));
        // Wide, not deep, and many: no more work than the budget allows.
        let page = format!("<html><body>{}{}", "<div>".repeat(900), "<span>x</span>".repeat(40_000));
        assert!(matches!(to_text(page.as_bytes(), 1 << 24), Err(ImportError::NotText(m)) if m.contains("too deep")));
    }

    #[test]
    fn floods_and_broken_pages() {
        let t = text(&format!("<html><body><p>{}</p></body></html>", "&amp;&#x1F600;&notin;".repeat(200_000)));
        assert_eq!(t.chars().count(), 600_000);
        assert_eq!(
            text("<html><body><p>unclosed <b>bold <i>and <p>next <table><tr><td>a<td>b"),
            "unclosed bold and\n\nnext\n\na b"
        );
        assert_eq!(text("<html"), "");
        // Binary junk after an HTML start: refused, as a binary file is.
        let junk: Vec<u8> = b"<html>".iter().copied().chain((0..10_000u32).map(|i| (i * 7919 % 251) as u8)).collect();
        assert!(matches!(to_text(&junk, 1 << 20), Err(ImportError::NotText(m)) if m.contains("binary")));
        assert_eq!(to_text(&[b'<'; 300], 100), Err(ImportError::TooLarge(300, 100)));
    }

    #[test]
    fn what_looks_like_html() {
        for yes in [
            "<!DOCTYPE html>",
            "\u{FEFF}  <html>",
            "\n<HEAD>",
            "<body>",
            "x\n<meta charset=utf-8>",
            "Notes\n<title>x</title>",
        ] {
            assert!(looks_like(yes.as_bytes()), "{yes}");
        }
        let late = format!("{}<title>", "x".repeat(2000));
        for no in ["Title\n\n10 Nov 2015", "<b>bold</b> report", "Use <html> tags", late.as_str(), ""] {
            assert!(!looks_like(no.as_bytes()), "{no}");
        }
    }
}
