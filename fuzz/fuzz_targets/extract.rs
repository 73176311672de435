//! Whole-pipeline fuzz target: any bytes, read as an HTML page, a plain-text scrape
//! or an undeclared-charset text (`RawInput::from_fuzz_bytes`), must extract without
//! panicking, and every document produced must keep the output invariants
//! (`Document::check_invariants`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsextract::pipeline::{Pipeline, RawInput};
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(Pipeline::new)
}

fuzz_target!(|data: &[u8]| {
    let Some(input) = RawInput::from_fuzz_bytes(data) else {
        return;
    };
    if let Ok(doc) = pipeline().extract(input) {
        if let Err(broken) = doc.check_invariants() {
            panic!("invariant broken: {broken}");
        }
    }
});
