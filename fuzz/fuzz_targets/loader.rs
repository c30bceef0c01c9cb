//! The YAML loader: any bytes in, reports or problems out; never a panic that
//! escapes, a hang or a blow-up (run with -rss_limit_mb=2048 -timeout=5).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::Once;

fuzz_target!(|data: &[u8]| {
    // serde_yaml 0.9 panics on some malformed files; the loader catches those
    // panics and reports the file. libFuzzer's hook would abort on them even
    // when caught, so they are let through to the loader's catch; any other
    // panic still aborts and is a finding.
    static HOOK: Once = Once::new();
    HOOK.call_once(podium::load::quiet_parser_panics);
    let out = podium::load::parse_file(Path::new("fuzz.yaml"), "fuzz", data);
    for p in &out.problems {
        // Every message is printable.
        assert!(!p.to_string().chars().any(|c| c.is_control()));
    }
});
