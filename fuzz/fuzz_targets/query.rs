//! The search query parser and engine on the seed report: any query runs,
//! and every match position is a character of its text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use podium::search::{highlight, item_text, Index, Options, Query, Searcher};
use std::sync::{Arc, OnceLock};

fn library() -> &'static (podium::load::Library, Arc<Index>) {
    static LIB: OnceLock<(podium::load::Library, Arc<Index>)> = OnceLock::new();
    LIB.get_or_init(|| {
        let lib = podium::load::load(&[podium::load::BUILT_IN], &Default::default());
        let index = Arc::new(Index::build(&lib.reports));
        (lib, index)
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (lib, index) = library();
    let query = Query::parse(text);
    let results = Searcher::new(Arc::clone(index)).search(&lib.reports, &query, &Options::default());
    for hit in &results.hits {
        let (t, _) = item_text(&lib.reports, &index.items[hit.item as usize]);
        let n = t.chars().count();
        assert!(highlight::positions(&t, &query).iter().all(|&p| p < n));
    }
});
