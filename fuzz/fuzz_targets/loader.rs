//! The YAML loader: any bytes in, reports or problems out; never a panic, a
//! hang or a blow-up (run with -rss_limit_mb=2048 -timeout=5).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let out = podium::load::parse_file(Path::new("fuzz.yaml"), "fuzz", data);
    for p in &out.problems {
        // Every message is printable.
        assert!(!p.to_string().chars().any(|c| c.is_control()));
    }
});
