//! The importer: any bytes in, a draft or a clear error out, and the draft
//! written as YAML always loads.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // As in the loader target: serde_yaml's own panics are caught and reported by the loader.
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(podium::load::quiet_parser_panics);
    if let Ok(draft) = podium::import::import(data, 1 << 20) {
        let yaml = podium::import::yaml::write(&draft, "fuzz");
        let out = podium::load::parse_file(std::path::Path::new("out.yaml"), "out", yaml.as_bytes());
        assert!(out.problems.iter().all(|p| !p.is_error()) || draft.title.trim().is_empty(), "{:?}", out.problems);
    }
});
