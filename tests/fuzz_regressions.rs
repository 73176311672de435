//! Replays, on stable Rust, the inputs kept in `tests/fixtures/fuzz/`: inputs the fuzz
//! target (`fuzz/fuzz_targets/extract.rs`, run with `cargo fuzz run -s none extract`)
//! once crashed on, and hostile seeds. Each file is read exactly as the fuzz target
//! reads its bytes (`RawInput::from_fuzz_bytes`): extraction must not panic and every
//! document must keep the output invariants.

use newsextract::pipeline::{Pipeline, RawInput};

#[test]
fn fuzz_inputs_extract_and_keep_the_invariants() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/fuzz");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("reading {dir}: {e}"))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_none_or(|x| x != "md"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 5,
        "expected the fuzz inputs in {dir}, found {files:?}"
    );
    let pipeline = Pipeline::new();
    for path in files {
        let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let Some(input) = RawInput::from_fuzz_bytes(&data) else {
            continue;
        };
        if let Ok(doc) = pipeline.extract(input) {
            if let Err(broken) = doc.check_invariants() {
                panic!("{}: {broken}", path.display());
            }
        }
    }
}
