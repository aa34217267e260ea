//! A finding (panic, slow prediction, hang, crash) and its reproducer on disk:
//! `target/fuzz-findings/<lab>-<n>.py` and `<lab>-<n>.json` (the input, the Python minor, the
//! seed and case number that regenerate it, and what happened).

use std::any::Any;
use std::fs;
use std::path::PathBuf;
use std::sync::OnceLock;

use lab::Lab;
use serde_json::json;

use crate::target::Case;

static FINDINGS_DIR: OnceLock<PathBuf> = OnceLock::new();

/// Where reproducers go; set once from the workspace root.
pub fn set_dir(dir: PathBuf) {
    let _ = FINDINGS_DIR.set(dir);
}

#[derive(Clone, Copy, Debug)]
pub enum Kind {
    Panic,
    Slow,
    Hang,
    Crash,
}

#[derive(Debug)]
pub struct Finding {
    pub lab: String,
    pub kind: Kind,
    pub message: String,
    pub code: String,
    pub input: String,
    pub python_minor: u8,
    pub seed: u64,
    pub index: u64,
}

impl Finding {
    pub fn new<L: Lab>(kind: Kind, message: String, seed: u64, case: &Case<L::Input>) -> Finding {
        Finding {
            lab: L::NAME.into(),
            kind,
            message,
            code: case.code.clone(),
            input: serde_json::to_string(&case.input).unwrap_or_default(),
            python_minor: case.python_minor,
            seed,
            index: case.index,
        }
    }

    /// Writes the reproducer and returns the path of its Python file.
    pub fn write(&self) -> PathBuf {
        let dir = FINDINGS_DIR.get().cloned().unwrap_or_else(|| PathBuf::from("target/fuzz-findings"));
        let _ = fs::create_dir_all(&dir);
        let mut n = 1;
        while dir.join(format!("{}-{n}.py", self.lab)).exists() {
            n += 1;
        }
        let py = dir.join(format!("{}-{n}.py", self.lab));
        let _ = fs::write(&py, &self.code);
        let input: serde_json::Value = serde_json::from_str(&self.input).unwrap_or(serde_json::Value::Null);
        let meta = json!({
            "lab": self.lab,
            "kind": format!("{:?}", self.kind).to_lowercase(),
            "message": self.message,
            "input": input,
            "python_minor": self.python_minor,
            "seed": self.seed,
            "case": self.index,
            "replay": format!("cargo run -p lab-fuzz --profile fuzz -- --lab {} --seed {} --case {}", self.lab, self.seed, self.index),
        });
        let _ = fs::write(py.with_extension("json"), serde_json::to_string_pretty(&meta).unwrap_or_default());
        py
    }

    /// Writes the reproducer and says what was found, on stderr.
    pub fn report(&self) {
        let path = self.write();
        eprintln!(
            "FINDING in lab {}: {:?}: {}\n  input: {}\n  python minor: {}\n  reproducer: {} (+ .json)\n  replay: --lab {} --seed {} --case {}",
            self.lab,
            self.kind,
            self.message,
            truncate(&self.input, 2000),
            self.python_minor,
            path.display(),
            self.lab,
            self.seed,
            self.index
        );
    }
}

fn truncate(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The message and location of a caught panic (recorded by the hook in `main`).
pub fn panic_message(payload: Box<dyn Any + Send>) -> String {
    let text = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(non-string panic payload)".into());
    match crate::watchdog::last_panic_location() {
        Some(location) => format!("panicked at {location}: {text}"),
        None => format!("panicked: {text}"),
    }
}
