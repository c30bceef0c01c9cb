//! Search through the library API: syntax, filters, folding, highlighting and
//! the reader's search state machine.

mod common;

use podium::app::{Action, Effect, Pane, State, update};
use podium::search::{Index, Kind, Options, Query, Results, Searcher, highlight, item_text};
use std::sync::Arc;

const EXTRA: &str = r#"
title: Zürich — São Paulo exchange
id: exchange
date: 2016-03-04
tags: [safety, "open data"]
speakers:
  - {id: zoe, name: Zoë Kowalczyk, role: Researcher, organisation: "Université de Genève"}
  - {id: jose, name: José Ñúñez, organisation: ECPAT Brasil}
quotes:
  - {speaker: zoe, text: "Open data is a public good – for everyone’s schools.", context: opening remarks}
  - {speaker: jose, text: "Nós precisamos de dados abertos em São Paulo.", context: in Portuguese}
  - {speaker: jose, text: "Children online need protection by design."}
"#;

fn library() -> podium::load::Library {
    let seed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/content/igf2015-child-online-protection.yaml"))
            .unwrap();
    common::library(&[("igf2015-child-online-protection", &seed), ("exchange", EXTRA)])
}

struct Fixture {
    lib: podium::load::Library,
    index: Arc<Index>,
    searcher: Searcher,
}

impl Fixture {
    fn new() -> Self {
        let lib = library();
        let index = Arc::new(Index::build(&lib.reports));
        Fixture { searcher: Searcher::new(Arc::clone(&index)), lib, index }
    }

    fn run(&mut self, q: &str) -> Results {
        self.searcher.search(&self.lib.reports, &Query::parse(q), &Options::default())
    }

    /// Each hit as `kind:report:first words of its text`.
    fn hits(&mut self, q: &str) -> Vec<String> {
        let r = self.run(q);
        r.hits
            .iter()
            .map(|h| {
                let it = &self.index.items[h.item as usize];
                let (text, _) = item_text(&self.lib.reports, it);
                let head: String = text.chars().take(20).collect();
                format!("{}:{}:{head}", it.kind.name(), self.lib.reports[it.report as usize].id)
            })
            .collect()
    }

    fn first(&mut self, q: &str) -> String {
        self.hits(q).into_iter().next().unwrap_or_else(|| panic!("no hit for {q:?}"))
    }
}

#[test]
fn the_seed_examples_come_first() {
    let mut f = Fixture::new();
    f.lib = common::seed();
    f.index = Arc::new(Index::build(&f.lib.reports));
    f.searcher = Searcher::new(Arc::clone(&f.index));
    assert_eq!(f.first("mother two daughters"), "quote:igf2015-child-online-protection:I am privileged to b");
    assert_eq!(f.first("left country ngo"), "quote:igf2015-child-online-protection:I have 4 kids and I ");
    assert_eq!(f.first("teachers schools parents"), "quote:igf2015-child-online-protection:the role of us as ci");
    assert_eq!(f.first("ecpat"), "speaker:igf2015-child-online-protection:John Carr · Senior E");
}

#[test]
fn accents_fold_both_ways() {
    let mut f = Fixture::new();
    assert_eq!(f.first("arsene"), "report:igf2015-child-online-protection:Child online protect");
    assert_eq!(f.first("joao pessoa"), "report:igf2015-child-online-protection:Child online protect");
    assert_eq!(f.first("zurich"), "report:exchange:Zürich — São Paulo e");
    assert_eq!(f.first("Zürich"), "report:exchange:Zürich — São Paulo e");
    assert_eq!(f.first("nunez"), "speaker:exchange:José Ñúñez · ECPAT B");
    assert_eq!(f.first("universite geneve"), "speaker:exchange:Zoë Kowalczyk · Rese");
}

#[test]
fn query_operators() {
    let mut f = Fixture::new();
    // Exact substring across a word boundary.
    assert_eq!(f.hits("'4 kids"), vec!["quote:igf2015-child-online-protection:I have 4 kids and I "]);
    // Prefix and suffix look at the item's own text (a quote's, not its context).
    assert_eq!(f.first("^the role"), "quote:igf2015-child-online-protection:the role of us as ci");
    assert_eq!(f.hits("design$"), vec!["quote:exchange:Children online need"]);
    assert!(f.hits("remarks$").is_empty(), "context is not the end of the quote");
    // Exclusion.
    let with = f.run("children").total;
    let without = f.run("children !design").total;
    assert_eq!(with, without + 1);
    // Smart case: capitals must match as typed.
    assert!(!f.hits("Nós").is_empty());
    assert!(f.hits("NÓS").is_empty());
    assert_eq!(f.run("carr").total, f.run("Carr").total);
    // A typo in a long word.
    assert_eq!(f.first("protecton design"), "quote:exchange:Children online need");
}

#[test]
fn field_filters() {
    let mut f = Fixture::new();
    let kinds = |f: &mut Fixture, q: &str| {
        f.hits(q).into_iter().map(|h| h.split(':').next().unwrap().to_string()).collect::<Vec<_>>()
    };
    assert_eq!(
        f.hits("speaker:carr civil"),
        vec![
            "quote:igf2015-child-online-protection:the role of us as ci",
            "speaker:igf2015-child-online-protection:John Carr · Senior E"
        ]
    );
    assert_eq!(kinds(&mut f, "org:ecpat children"), vec!["quote"], "José (ECPAT Brasil) said it");
    assert!(f.hits("report:exchange mother").is_empty());
    assert_eq!(f.hits("tag:open public"), vec!["quote:exchange:Open data is a publi"]);
    assert!(f.hits("tag:safety design").len() == 1, "both reports are tagged safety; one quote says design");
    assert!(f.hits("date:2015 dados").is_empty());
    assert_eq!(f.hits("date:2016 dados").len(), 1);
    assert_eq!(f.run("date:2016-03 data").total, f.run("report:exchange data").total);
    assert!(f.hits("speaker:!jose data").iter().all(|h| !h.contains("Nós")));
    // The `!` before the field name negates it too.
    assert_eq!(f.hits("!speaker:jose data"), f.hits("speaker:!jose data"));
    assert!(!f.hits("dados").is_empty() && f.hits("!speaker:jose dados").len() < f.hits("dados").len());
    assert!(f.hits("!speaker:carr").iter().filter(|h| !h.starts_with("report:")).all(|h| !h.contains("John Carr")));
    // A report has no speaker to exclude: `!speaker:` keeps it, `speaker:` drops it.
    assert!(f.hits("!speaker:carr teachers").iter().any(|h| h.starts_with("report:")));
    assert!(!f.hits("speaker:carr teachers").iter().any(|h| h.starts_with("report:")));
    // A quoted value keeps its spaces.
    assert_eq!(f.hits("speaker:\"john carr\" civil"), f.hits("speaker:carr civil"));
    assert_eq!(kinds(&mut f, "speaker:\"jose nunez\""), vec!["speaker", "quote", "quote"]);
    assert!(f.hits("speaker:\"carr john\"").is_empty());
    assert_eq!(f.hits("org:\"ecpat brasil\" children"), f.hits("org:brasil children"));
}

#[test]
fn zero_results() {
    let mut f = Fixture::new();
    for q in ["xyzzyq", "daughters !daughters", "speaker:nobody", "'no such phrase'", ""] {
        let r = f.run(q);
        assert_eq!((r.total, r.hits.len()), (0, 0), "{q}");
    }
}

#[test]
fn kinds_and_limits() {
    let mut f = Fixture::new();
    let quotes = f.searcher.search(
        &f.lib.reports,
        &Query::parse("children"),
        &Options { limit: 1, kind: Some(Kind::Quote), ..Options::default() },
    );
    assert_eq!(quotes.hits.len(), 1);
    assert!(quotes.total >= 1);
    assert!(quotes.hits.iter().all(|h| f.index.items[h.item as usize].kind == Kind::Quote));
}

/// Each (text, query, the characters that must be highlighted).
fn assert_highlights(cases: &[(&str, &str, &str)]) {
    for &(text, q, want) in cases {
        let pos = highlight::positions(text, &Query::parse(q));
        let chars: Vec<char> = text.chars().collect();
        assert!(pos.iter().all(|&p| p < chars.len()), "{text} {q}");
        let got: String = pos.iter().map(|&p| chars[p]).collect();
        assert_eq!(got, want, "{text} / {q}");
    }
}

#[test]
fn highlight_positions_on_non_ascii_text() {
    let cases = [
        ("Zoë Kowalczyk", "zoe", "Zoë"),
        ("José Ñúñez · ECPAT Brasil", "nunez", "Ñúñez"),
        ("Nós precisamos de dados abertos em São Paulo.", "sao", "São"),
        ("everyone’s schools", "'everyone's", "everyone’s"),
        ("北京 meeting", "meeting", "meeting"),
    ];
    assert_highlights(&cases);
}

#[test]
fn typing_appends_reuse_the_words_of_the_shorter_term() {
    let mut f = Fixture::new();
    let mut last = usize::MAX;
    for q in ["p", "pr", "pro", "prot", "prote", "protec", "protect"] {
        let total = f.run(q).total;
        // Three letters may also match inside words, five with a typo.
        assert!(total <= last || q.len() == 3 || q.len() == 5, "{q}: {total} after {last}");
        last = total;
    }
    assert!(f.run("protect").total >= 2, "{:?}", f.hits("protect"));
}

#[test]
fn a_letter_or_two_match_word_starts_and_three_match_inside_words_too() {
    let mut f = Fixture::new();
    let words_of = |f: &mut Fixture, q: &str| -> Vec<Vec<String>> {
        let r = f.run(q);
        (r.hits.iter())
            .map(|h| {
                let (text, _) = item_text(&f.lib.reports, &f.index.items[h.item as usize]);
                let folded = podium::search::fold::fold(&text);
                podium::search::fold::words(&folded).map(|(_, w)| w.to_string()).collect()
            })
            .collect()
    };
    for q in ["o", "pr", "ch"] {
        let hits = words_of(&mut f, q);
        assert!(!hits.is_empty(), "{q}");
        for words in &hits {
            assert!(words.iter().any(|w| w.starts_with(q)), "{q}: a hit without a word starting so: {words:?}");
        }
        // Asked for exactly, the letters count anywhere in a word.
        assert!(f.run(&format!("'{q}")).total > f.run(q).total, "'{q}");
    }
    // "rot" is inside "protection"; no word starts with it.
    let inside = words_of(&mut f, "rot");
    assert!(inside.iter().any(|ws| ws.iter().any(|w| w.contains("protect"))), "rot: {inside:?}");
    // Typed a letter at a time, a term ends where it would typed at once:
    // the words of "ro" (starts only) cannot narrow "rot" (inside too).
    let lib = library();
    for whole in ["rotect", "child", "onlin", "chld"] {
        let index = Arc::new(Index::build(&lib.reports));
        let mut typing = Searcher::new(Arc::clone(&index));
        for n in 1..=whole.len() {
            let q = Query::parse(&whole[..n]);
            let typed = typing.search(&lib.reports, &q, &Options::default());
            let cold = Searcher::new(Arc::clone(&index)).search(&lib.reports, &q, &Options::default());
            assert_eq!(typed.hits, cold.hits, "{}", &whole[..n]);
            assert_eq!(typed.total, cold.total, "{}", &whole[..n]);
            // And the one-shot scan agrees on every prefix.
            both_ways(&lib, &whole[..n]);
        }
    }
}

/// Runs a query through the index and the one-shot scan: the same hits (the
/// index's total may count items smart case drops), as `kind:first words`.
fn both_ways(lib: &podium::load::Library, q: &str) -> Vec<String> {
    let index = Arc::new(Index::build(&lib.reports));
    let query = Query::parse(q);
    let indexed = Searcher::new(Arc::clone(&index)).search(&lib.reports, &query, &Options::default());
    let (_, scanned) = podium::search::scan::search_once(&lib.reports, &query, &Options::default());
    assert_eq!(scanned.hits, indexed.hits, "{q}: the scan and the index disagree");
    if !query.positive().any(|t| t.case_sensitive) {
        assert_eq!(scanned.total, indexed.total, "{q}: total");
    }
    indexed
        .hits
        .iter()
        .map(|h| {
            let it = &index.items[h.item as usize];
            let text: String = item_text(&lib.reports, it).0.chars().take(20).collect();
            format!("{}:{text}", it.kind.name())
        })
        .collect()
}

#[test]
fn anchors_and_smart_case_look_at_the_item_s_own_text_for_every_kind() {
    let lib = library();
    let ngo = "quote:I have 4 kids and I ";
    for q in ["NGO$", "ngo$", "'NGO$", "'ngo$", "an NGO$", "kids NGO$", "NGO"] {
        assert_eq!(both_ways(&lib, q).first().map(String::as_str), Some(ngo), "{q}");
    }
    for q in ["Ngo$", "NGOs$", "^NGO", "^i Have"] {
        assert!(!both_ways(&lib, q).contains(&ngo.to_string()), "{q}");
    }
    // Speakers (name · role · organisation) and reports (title · …) too.
    assert_eq!(both_ways(&lib, "Brasil$"), vec!["speaker:José Ñúñez · ECPAT B"]);
    assert_eq!(both_ways(&lib, "^José"), vec!["speaker:José Ñúñez · ECPAT B"]);
    assert!(both_ways(&lib, "^JOSÉ").is_empty());
    assert_eq!(both_ways(&lib, "^Zürich"), vec!["report:Zürich — São Paulo e"]);
    assert_eq!(both_ways(&lib, "^The role"), Vec::<String>::new(), "the quote starts with a small t");
    assert_eq!(both_ways(&lib, "^the role").first().map(String::as_str), Some("quote:the role of us as ci"));
    assert_eq!(both_ways(&lib, "'Open data$"), Vec::<String>::new(), "not the end");
}

const PUNCTUATED: &str = r#"
title: Names, numbers and contractions
id: punct
date: 2021-05-06
speakers:
  - {id: obi, name: Chukwuemeka Obi-Nwosu, organisation: Lagos Data Lab}
  - {id: ami, name: Aminata Traoré‐Sy}
  - {id: ob, name: Siobhan O’Brien}
quotes:
  - {speaker: obi, text: "We’re told a multi-stakeholder model works; that's why 1,370 people wrote e-mail."}
  - {speaker: ami, text: "About 60,000 replies came back — a multistakeholder record."}
  - {speaker: ob, text: "Were the numbers right? Nobody checked them."}
"#;

#[test]
fn terms_with_punctuation_match_consecutive_words_and_compounds() {
    let lib = common::library(&[("punct", PUNCTUATED)]);
    let quote = "quote:We’re told a multi-s";
    let sixty = "quote:About 60,000 replies";
    let cases: &[(&str, &[&str])] = &[
        ("obi-nwosu", &["speaker:Chukwuemeka Obi-Nwos", quote]),
        ("Obi-Nwosu", &["speaker:Chukwuemeka Obi-Nwos", quote]),
        ("obi nwosu", &["speaker:Chukwuemeka Obi-Nwos", quote]),
        ("traoré-sy", &["speaker:Aminata Traoré‐Sy", sixty]),
        ("traore–sy", &["speaker:Aminata Traoré‐Sy", sixty]),
        ("o'brien", &["speaker:Siobhan O’Brien", "quote:Were the numbers rig"]),
        ("o’brien", &["speaker:Siobhan O’Brien", "quote:Were the numbers rig"]),
        ("we're", &[quote]),
        ("we’re", &[quote]),
        ("that's why", &[quote]),
        ("1,370", &[quote]),
        ("1370", &[quote]),
        ("60,000", &[sixty]),
        ("60000", &[sixty]),
        ("e-mail", &[quote]),
        ("email", &[quote]),
        ("'e-mail", &[quote]),
        ("model works;", &[quote]),
        ("(1370)", &[quote]),
    ];
    for (q, want) in cases {
        assert_eq!(both_ways(&lib, q), *want, "{q}");
    }
    // Joined both ways: with and without the hyphen.
    let mut multi = both_ways(&lib, "multi-stakeholder");
    multi.sort();
    assert_eq!(multi, [sixty, quote]);
    let mut multi = both_ways(&lib, "multistakeholder");
    multi.sort();
    assert_eq!(multi, [sixty, quote]);
    // An apostrophe does not join words into one: "were" finds "we’re" only
    // across the two words, below the item that has the word "Were".
    assert_eq!(both_ways(&lib, "were"), ["quote:Were the numbers rig", "quote:We’re told a multi-s"]);
    assert_eq!(both_ways(&lib, "'were"), ["quote:Were the numbers rig"]);
    // Parts must be consecutive words, in order.
    assert!(both_ways(&lib, "obi-lagos").is_empty());
    assert!(both_ways(&lib, "nwosu-obi").is_empty());
    // Excluded as typed.
    assert_eq!(both_ways(&lib, "'told !e-mail"), Vec::<String>::new());
}

#[test]
fn highlights_of_terms_with_punctuation() {
    let cases = [
        ("Chukwuemeka Obi-Nwosu", "obi-nwosu", "Obi-Nwosu"),
        ("Chukwuemeka Obi-Nwosu", "bi-nw", "bi-Nw"),
        ("Aminata Traoré‐Sy", "traore-sy", "Traoré‐Sy"),
        ("Siobhan O’Brien", "o'brien", "O’Brien"),
        ("that’s why 1,370 came", "that's", "that’s"),
        ("that’s why 1,370 came", "1370", "1,370"),
        ("that’s why 1,370 came", "370", "370"),
        ("a multi-stakeholder model", "multistake", "multi-stake"),
        ("a multistakeholder model", "multi-stakeholder", "multistakeholder"),
        ("wrote e-mail.", "email", "e-mail"),
    ];
    assert_highlights(&cases);
}

// ----- the reader's search, as a state machine -----

fn reader() -> (State, Arc<Index>, Searcher) {
    let mut s = State::new(library(), 120, 40);
    let index = Arc::new(Index::build(&s.library.reports));
    podium::app::search::on_index(&mut s, Arc::clone(&index));
    let searcher = Searcher::new(Arc::clone(&index));
    (s, index, searcher)
}

/// Carries out a Search effect the way the worker does.
fn answer(s: &mut State, searcher: &mut Searcher, effect: Option<Effect>) {
    if let Some(Effect::Search { generation, query }) = effect {
        let results = searcher.search(&s.library.reports, &Query::parse(&query), &Options::default());
        podium::app::search::on_results(s, s.library_generation, generation, query, Arc::new(results));
    }
}

fn type_text(s: &mut State, searcher: &mut Searcher, text: &str) {
    for c in text.chars() {
        let e = update(s, Action::Input(c));
        answer(s, searcher, e);
    }
}

#[test]
fn typing_sends_newer_generations_and_stale_results_are_not_shown() {
    let (mut s, _, mut searcher) = reader();
    update(&mut s, Action::Search);
    let e1 = update(&mut s, Action::Input('m'));
    let e2 = update(&mut s, Action::Input('o'));
    let (Some(Effect::Search { generation: g1, .. }), Some(Effect::Search { generation: g2, query })) =
        (e1.clone(), e2)
    else {
        panic!("each keystroke asks the worker")
    };
    assert!(g2 > g1);
    assert_eq!(query, "mo");
    // The answer to "mo" arrives, then the stale answer to "m": "mo" stays.
    answer(&mut s, &mut searcher, Some(Effect::Search { generation: g2, query: "mo".into() }));
    answer(&mut s, &mut searcher, e1);
    assert_eq!(s.search.as_ref().unwrap().results_for, "mo");
}

#[test]
fn backspace_shows_earlier_results_at_once() {
    let (mut s, _, mut searcher) = reader();
    update(&mut s, Action::Search);
    type_text(&mut s, &mut searcher, "moth");
    let effect = update(&mut s, Action::DeleteChar);
    assert_eq!(effect, None, "no new search: the cache answers");
    assert_eq!(s.search.as_ref().unwrap().results_for, "mot");
}

#[test]
fn enter_jumps_to_the_hit_and_n_steps_on() {
    let (mut s, _, mut searcher) = reader();
    update(&mut s, Action::Search);
    type_text(&mut s, &mut searcher, "teachers parents");
    update(&mut s, Action::Open);
    assert!(s.search.is_none());
    let r = s.current().unwrap();
    assert_eq!(r.id, "igf2015-child-online-protection");
    assert_eq!(s.focus, Pane::Quotes);
    assert_eq!(r.quotes[s.quote.unwrap()].speaker, "john-carr");
    let hits = s.last_search.as_ref().unwrap().results.hits.len();
    assert!(hits >= 2);
    update(&mut s, Action::NextHit);
    assert_eq!(s.last_search.as_ref().unwrap().current, 1);
    for _ in 1..hits {
        update(&mut s, Action::NextHit);
    }
    assert_eq!(s.last_search.as_ref().unwrap().current, 0);
    assert_eq!(s.status.as_deref(), Some("Search wrapped to the top."));
    update(&mut s, Action::PrevHit);
    assert_eq!(s.last_search.as_ref().unwrap().current, hits - 1);
}

#[test]
fn esc_returns_to_where_the_user_was() {
    let (mut s, _, mut searcher) = reader();
    update(&mut s, Action::NextReport);
    update(&mut s, Action::FocusPane(Pane::Speakers));
    update(&mut s, Action::NextSpeaker);
    let before = (s.report, s.speaker, s.quote, s.focus);
    update(&mut s, Action::Search);
    type_text(&mut s, &mut searcher, "mother");
    update(&mut s, Action::Down);
    update(&mut s, Action::Back);
    assert!(s.search.is_none());
    assert_eq!((s.report, s.speaker, s.quote, s.focus), before);
    assert!(s.last_search.is_none());
}

#[test]
fn keys_typed_in_the_prompt_are_text() {
    let (mut s, _, mut searcher) = reader();
    update(&mut s, Action::Search);
    type_text(&mut s, &mut searcher, "q jk");
    assert_eq!(s.search.as_ref().unwrap().input, "q jk");
    update(&mut s, Action::DeleteWord);
    assert_eq!(s.search.as_ref().unwrap().input, "q ");
    update(&mut s, Action::ClearInput);
    assert_eq!(s.search.as_ref().unwrap().input, "");
}

#[test]
fn a_query_typed_before_the_index_is_ready_runs_when_it_is() {
    let mut s = State::new(library(), 120, 40);
    update(&mut s, Action::Search);
    // Sent at once: the worker builds the index first.
    assert!(matches!(update(&mut s, Action::Input('m')), Some(Effect::Search { ref query, .. }) if query == "m"));
    let index = Arc::new(Index::build(&s.library.reports));
    let effect = podium::app::search::on_index(&mut s, index);
    assert!(matches!(effect, Some(Effect::Search { ref query, .. }) if query == "m"));
}

#[test]
fn the_one_shot_scan_ranks_as_the_index_does() {
    let mut f = Fixture::new();
    for q in [
        "mother two daughters",
        "left country ngo",
        "ecpat",
        "arsene",
        "zurich",
        "'4 kids",
        "^the role",
        "design$",
        "children !design",
        "Nós",
        "protecton design",
        "speaker:carr civil",
        "tag:open public",
        "date:2016",
        "xyzzyq",
        "co",
        "a",
        "online prot",
    ] {
        let query = Query::parse(q);
        let indexed = f.searcher.search(&f.lib.reports, &query, &Options::default());
        let (items, scanned) = podium::search::scan::search_once(&f.lib.reports, &query, &Options::default());
        assert_eq!(items, f.index.items, "same items, same order");
        assert_eq!(scanned.total, indexed.total, "{q}: total");
        assert_eq!(scanned.hits, indexed.hits, "{q}: hits");
    }
}

/// `speaker:` finds a person however a report writes them: honorifics, middle
/// initials, accents and the configuration's aliases do not count, a part of a
/// name still matches by substring, and a shared surname is not the person.
#[test]
fn speaker_filter_finds_a_person_by_identity() {
    let a = "title: A\ndate: 2015-11-10\nspeakers:\n  - {id: vc, name: Vinton G. Cerf}\n  - {id: ac, name: Anna Cerf}\n\
             quotes:\n  - {speaker: vc, text: everyone online}\n  - {speaker: ac, text: agreed online}\n";
    let b = "title: B\ndate: 2019-11-26\nspeakers:\n  - {id: v, name: Dr. VINTON Cerf}\n  - {id: j, name: João Pessoa}\n\
             \x20 - {id: x, name: Vint Cerf}\n  - {id: p, name: VGC, person: Vinton Cerf}\n";
    let lib = common::library(&[("a", a), ("b", b)]);
    let index = Arc::new(Index::build(&lib.reports));
    let run = |q: &str, aliases: &podium::search::Aliases| -> Vec<String> {
        let query = Query::parse(q);
        let opts = Options { limit: 100, kind: Some(Kind::Speaker), aliases: Arc::new(aliases.clone()) };
        let indexed = Searcher::new(Arc::clone(&index)).search(&lib.reports, &query, &opts);
        let (_, scanned) = podium::search::scan::search_once(&lib.reports, &query, &opts);
        assert_eq!(scanned.hits, indexed.hits, "{q}: the scan and the index disagree");
        let mut names: Vec<String> = indexed
            .hits
            .iter()
            .map(|h| {
                let it = &index.items[h.item as usize];
                lib.reports[it.report as usize].speakers[it.speaker.unwrap() as usize].name.clone()
            })
            .collect();
        names.sort();
        names
    };
    let none = podium::search::Aliases::default();
    let vinton = ["Dr. VINTON Cerf", "VGC", "Vinton G. Cerf"];
    assert_eq!(run(r#"speaker:"Dr Vinton G. Cerf""#, &none), vinton);
    assert_eq!(run(r#"speaker:"H.E. vinton cerf""#, &none), vinton);
    assert_eq!(run(r#"speaker:"Vint Cerf""#, &none), ["Vint Cerf"], "no alias: another name");
    let aliases = podium::search::Aliases::new([("Vint Cerf", "Vinton Cerf")]);
    assert_eq!(run(r#"speaker:"Vint Cerf""#, &aliases), ["Dr. VINTON Cerf", "VGC", "Vint Cerf", "Vinton G. Cerf"]);
    // VGC is Vinton Cerf by `person:`.
    assert_eq!(run("speaker:cerf", &none), ["Anna Cerf", "Dr. VINTON Cerf", "VGC", "Vint Cerf", "Vinton G. Cerf"]);
    assert_eq!(run("speaker:joao", &none), ["João Pessoa"]);
    assert_eq!(run(r#"speaker:"Anna Cerf""#, &none), ["Anna Cerf"], "a shared surname is someone else");
    let not_vinton = run(r#"!speaker:"Dr Vinton Cerf""#, &none);
    assert_eq!(not_vinton, ["Anna Cerf", "João Pessoa", "Vint Cerf"]);
    // Quotes follow their speaker.
    let query = Query::parse(r#"speaker:"Vinton Cerf" online"#);
    let (items, found) = podium::search::scan::search_once(&lib.reports, &query, &Options::default());
    let quotes: Vec<u32> = found.hits.iter().filter_map(|h| items[h.item as usize].quote).collect();
    assert_eq!(quotes, [0]);
}

/// The reader ranks the best `HIT_LIMIT` hits as you type and every hit only
/// when stepping reaches the last of them: the whole ranking must begin with
/// the short one, or `n` would skip or repeat hits at the seam.
#[test]
fn every_hit_ranked_begins_with_the_best_ranked_alone() {
    use podium::app::search::HIT_LIMIT;
    // Smart case checks the hits it returns only: a third of these have "Alpha".
    let mut cased = String::from("title: Cased\ndate: 2020-02-02\nspeakers: [{id: a, name: Ann}]\nquotes:\n");
    for i in 0..3_600 {
        let alpha = if i % 3 == 0 { "Alpha" } else { "alpha" };
        cased.push_str(&format!("  - {{speaker: a, text: \"{alpha} beta {i}\"}}\n"));
    }
    let lib = common::library(&[("big", &common::many_quotes(2_500)), ("cased", &cased)]);
    let index = Arc::new(Index::build(&lib.reports));
    for q in ["quote", "word quote", "quote 1", "Alpha", "Alpha beta", "'word", "wrd"] {
        let query = Query::parse(q);
        let best = Searcher::new(Arc::clone(&index)).search(
            &lib.reports,
            &query,
            &Options { limit: HIT_LIMIT, kind: None, ..Options::default() },
        );
        let all = Searcher::new(Arc::clone(&index)).search(
            &lib.reports,
            &query,
            &Options { limit: usize::MAX, kind: None, ..Options::default() },
        );
        assert!(all.hits.len() >= all.total, "{q}: every hit, {} of {}", all.hits.len(), all.total);
        assert_eq!(all.hits[..best.hits.len()], best.hits[..], "{q}");
        // What the reader takes for "all ranked already" (no more to ask for) is.
        if podium::app::search::complete(&best) {
            assert_eq!(all.hits.len(), best.hits.len(), "{q}");
        } else {
            assert!(all.hits.len() > best.hits.len(), "{q}: {} hits", all.hits.len());
        }
        if q.starts_with("Alpha") {
            assert_eq!(all.hits.len(), 1_200, "{q}: only the capitalised");
        }
    }
}

#[test]
fn every_hit_shown_has_a_snippet_with_valid_positions_in_the_field_that_matched() {
    let mut f = Fixture::new();
    for q in
        ["teachers and parents", "open data", "ecpat", "zürich", "'4 kids", "1370", "multi-stakeholder", "tag:safety"]
    {
        let query = Query::parse(q);
        for h in f.run(q).hits {
            let item = &f.index.items[h.item as usize];
            let s = podium::search::snippet(&f.lib.reports, item, &query).unwrap();
            let n = s.text.chars().count();
            assert!(s.positions.iter().all(|&p| p < n) && s.positions.windows(2).all(|w| w[0] < w[1]), "{q}: {s:?}");
            assert_eq!(s.positions, highlight::positions(&s.text, &query), "{q}");
            assert!(!s.text.contains('\n'), "{q}: {s:?}");
        }
    }
    // "open data" in the exchange report: its tag, not the title that has neither word whole.
    let query = Query::parse("open data");
    let report = f.index.items.iter().find(|i| i.kind == Kind::Report && i.report == 1).unwrap();
    let s = podium::search::snippet(&f.lib.reports, report, &query).unwrap();
    assert_eq!((s.field.as_str(), s.text.as_str(), s.label().as_deref()), ("tags[1]", "open data", Some("tag")));
}
