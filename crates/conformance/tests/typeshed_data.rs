//! `data/typeshed.json` is what `data/extract_typeshed.py` extracts from the typeshed that the
//! differential test's mypy ships, for each Python 3.11 to 3.14: regenerating it must give the
//! same file. Needs the venv of
//! tests/setup-mypy.sh; PLAYGROUND_SKIP_PYTHON=1 skips the test.

use std::path::PathBuf;
use std::process::Command;

#[test]
fn the_typeshed_data_regenerates_identically() {
    if std::env::var("PLAYGROUND_SKIP_PYTHON").as_deref() == Ok("1") {
        eprintln!("PLAYGROUND_SKIP_PYTHON=1: the typeshed data is not regenerated");
        return;
    }
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let venv =
        std::env::var("PLAYGROUND_VENV").map(PathBuf::from).unwrap_or_else(|_| manifest.join("../../target/py-venv"));
    let python = venv.join("bin/python");
    assert!(python.exists(), "no python at {}: run crates/conformance/tests/setup-mypy.sh", python.display());
    let output = Command::new(python).arg(manifest.join("data/extract_typeshed.py")).output().expect("python runs");
    assert!(output.status.success(), "the extraction failed:\n{}", String::from_utf8_lossy(&output.stderr));
    let committed = std::fs::read_to_string(manifest.join("data/typeshed.json")).unwrap();
    assert!(
        String::from_utf8_lossy(&output.stdout) == committed,
        "data/typeshed.json is stale: regenerate it with target/py-venv/bin/python \
         crates/conformance/data/extract_typeshed.py > crates/conformance/data/typeshed.json"
    );
}
