//! Finds every exercise file, `exercises/<page>/<nn>-<slug>.toml` at the top of the repository,
//! and embeds it as JSON: adding a file and rebuilding is all a teacher does. A file that is not
//! TOML stops the build with its path and the parser's message.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

fn main() {
    let root =
        Path::new(&env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR")).join("../../exercises");
    // Cargo scans a directory given here for any change below it, new files included.
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files: Vec<PathBuf> = Vec::new();
    if let Ok(pages) = fs::read_dir(&root) {
        for page in pages.flatten().filter(|e| e.path().is_dir()) {
            for file in fs::read_dir(page.path()).into_iter().flatten().flatten() {
                if file.path().extension().is_some_and(|ext| ext == "toml") {
                    files.push(file.path());
                }
            }
        }
    }
    files.sort();
    let mut generated = String::from("/// Every exercise file: its path under `exercises/`, and its contents as JSON.\npub const FILES: &[(&str, &str)] = &[\n");
    for file in &files {
        let name = file.strip_prefix(&root).expect("found under the root").to_string_lossy().replace('\\', "/");
        let text = fs::read_to_string(file).unwrap_or_else(|e| panic!("exercises/{name}: cannot read it: {e}"));
        let value: toml::Value =
            toml::from_str(&text).unwrap_or_else(|e| panic!("exercises/{name} is not valid TOML: {e}"));
        let json = serde_json::to_string(&value).expect("TOML values are JSON values");
        writeln!(generated, "    ({name:?}, {json:?}),").expect("writing to a String");
    }
    generated.push_str("];\n");
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("exercise_files.rs");
    fs::write(out, generated).expect("OUT_DIR is writable");
}
