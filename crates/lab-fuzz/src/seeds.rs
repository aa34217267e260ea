//! The seeds, read at run time from the workspace: every `crates/*/tests/corpus/*.py`, the code,
//! names and JSON values of every `crates/*/tests/cases.json`, and `src/examples/*.py`.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// What the mutators start from.
#[derive(Debug, Default)]
pub struct Seeds {
    /// Whole Python programs.
    pub code: Vec<String>,
    /// Handler and function names the suites use (`C.m`, `café`, ...).
    pub names: Vec<String>,
    /// JSON payloads and values the suites use, as text.
    pub json: Vec<String>,
    /// Every line of every program, for splicing.
    pub lines: Vec<String>,
}

impl Seeds {
    pub fn load(root: &Path) -> Seeds {
        let mut seeds = Seeds::default();
        for crate_dir in sorted_dir(&root.join("crates")) {
            let corpus = crate_dir.join("tests").join("corpus");
            for file in sorted_dir(&corpus) {
                if file.extension().is_some_and(|e| e == "py") {
                    if let Ok(text) = fs::read_to_string(&file) {
                        seeds.code.push(text);
                    }
                }
            }
            if let Ok(text) = fs::read_to_string(crate_dir.join("tests").join("cases.json")) {
                if let Ok(cases) = serde_json::from_str::<Value>(&text) {
                    seeds.walk_cases(&cases, &corpus);
                }
            }
        }
        for file in sorted_dir(&root.join("src").join("examples")) {
            if file.extension().is_some_and(|e| e == "py") {
                if let Ok(text) = fs::read_to_string(&file) {
                    seeds.code.push(text);
                }
            }
        }
        seeds.finish();
        seeds
    }

    /// Seeds from literal programs, for the unit tests.
    #[cfg(test)]
    pub fn from_code(code: &[&str]) -> Seeds {
        let mut seeds = Seeds { code: code.iter().map(|c| c.to_string()).collect(), ..Seeds::default() };
        seeds.finish();
        seeds
    }

    fn finish(&mut self) {
        if self.code.is_empty() {
            self.code.push("class C:\n    def m(self, x: int = 0) -> int:\n        return x\n".into());
        }
        if self.json.is_empty() {
            self.json.push(r#"{"a": 1, "b": "two"}"#.into());
        }
        self.lines = self.code.iter().flat_map(|c| c.lines().map(str::to_owned)).collect();
        self.names.sort();
        self.names.dedup();
    }

    /// Code (`body`, `code`, `source`, after the `prelude` file when there is one), names
    /// (`handlers`, `function`, ...) and JSON (`payloads`, `values`, ...) anywhere in a cases file.
    fn walk_cases(&mut self, value: &Value, corpus: &Path) {
        match value {
            Value::Array(items) => items.iter().for_each(|v| self.walk_cases(v, corpus)),
            Value::Object(map) => {
                for (key, v) in map {
                    match (key.as_str(), v) {
                        ("body" | "code" | "source", Value::String(body)) => {
                            let prelude = map
                                .get("prelude")
                                .and_then(Value::as_str)
                                .and_then(|p| fs::read_to_string(corpus.join(p)).ok())
                                .unwrap_or_default();
                            self.code.push(format!("{prelude}\n{body}\n"));
                        }
                        ("handler" | "handlers" | "function" | "functions", _) => collect_strings(v, &mut self.names),
                        ("payload" | "payloads" | "values" | "value", Value::Array(items)) => {
                            self.json.extend(items.iter().map(json_text))
                        }
                        ("payload" | "payloads" | "values" | "value", v) => self.json.push(json_text(v)),
                        _ => self.walk_cases(v, corpus),
                    }
                }
            }
            _ => {}
        }
    }
}

/// A JSON seed as text: a string is taken to be JSON already (a payload as typed).
fn json_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        v => v.to_string(),
    }
}

fn collect_strings(value: &Value, into: &mut Vec<String>) {
    match value {
        Value::String(s) => into.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| collect_strings(v, into)),
        _ => {}
    }
}

fn sorted_dir(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> =
        fs::read_dir(dir).map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
    entries.sort();
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workspace_seeds_are_found() {
        let seeds = Seeds::load(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")));
        // Eleven corpus files, five examples, and the lifetime cases' programs.
        assert!(seeds.code.len() >= 16, "{} programs", seeds.code.len());
        assert!(seeds.names.iter().any(|n| n == "sign_up"), "{:?}", seeds.names);
        assert!(seeds.json.iter().any(|j| j.contains("hunter2")));
        assert!(seeds.lines.len() > 100);
    }
}
