//! `data/error_messages.json` is pydantic-core's own list of error message templates: the export
//! script run again on the venv's pydantic (tests/setup-pydantic.sh) must give the checked-in
//! file byte for byte. PLAYGROUND_SKIP_PYTHON=1 skips.

use std::path::{Path, PathBuf};
use std::process::Command;

#[test]
fn error_messages_are_pydantic_cores() {
    if std::env::var("PLAYGROUND_SKIP_PYTHON").as_deref() == Ok("1") {
        eprintln!("PLAYGROUND_SKIP_PYTHON=1: the error message check is skipped");
        return;
    }
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let venv =
        std::env::var("PLAYGROUND_VENV").map(PathBuf::from).unwrap_or_else(|_| crate_dir.join("../../target/py-venv"));
    let python = venv.join("bin/python");
    assert!(python.exists(), "no venv at {}: run crates/pydantic-model/tests/setup-pydantic.sh", venv.display());
    let run = Command::new(&python).arg(crate_dir.join("scripts/export-error-messages.py")).output().unwrap();
    assert!(run.status.success(), "the export failed:\n{}", String::from_utf8_lossy(&run.stderr));
    let exported = String::from_utf8(run.stdout).unwrap();
    assert_eq!(
        exported,
        pydantic_model::ERROR_MESSAGES_JSON,
        "data/error_messages.json differs from the installed pydantic-core's: regenerate it with \
         `target/py-venv/bin/python crates/pydantic-model/scripts/export-error-messages.py > crates/pydantic-model/data/error_messages.json`"
    );
    let data: serde_json::Value = serde_json::from_str(&exported).unwrap();
    assert_eq!(data["pydantic"], "2.14.4");
    assert_eq!(data["pydantic_core"], "2.50.5");
    assert!(data["templates"].as_object().unwrap().len() > 100);
}
