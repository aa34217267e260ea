//! Graded exercises for the pattern pages, as data.
//!
//! Each exercise is a file, `exercises/<page>/<nn>-<slug>.toml` at the top of the repository,
//! which the build embeds ([`all`]); a teacher adds one without touching Rust. A file gives the
//! task, the hints, a starter and a solution (code and lab inputs), the goals, and the facts
//! CPython must confirm. A goal is a small predicate over the lab's prediction as JSON
//! ([`goal`]); confirming is a predicate over the lab's [`lab::Comparison`] after a Run
//! ([`grade`]). An exercise is solved only when both hold.
//!
//! Nothing here knows about the web or about any one lab: predictions come in as JSON values,
//! comparisons as the lab contract's plain data.

pub mod goal;
pub mod grade;

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;

pub use goal::{Condition, Goal, Path};
pub use grade::{grade, Feedback, Grade};

mod files {
    include!(concat!(env!("OUT_DIR"), "/exercise_files.rs"));
}

/// The pages that have exercises: the directory names under `exercises/`.
pub const PAGES: [&str; 5] = ["protocol", "annotated", "freeze", "dispatch", "finalize"];

/// How hard an exercise is; a page lists its exercises from easy to tricky.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Easy,
    Medium,
    Tricky,
}

impl Level {
    pub fn word(self) -> &'static str {
        match self {
            Level::Easy => "easy",
            Level::Medium => "medium",
            Level::Tricky => "tricky",
        }
    }
}

/// Code and lab inputs: what "Start exercise" loads, or what solves it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attempt {
    /// The editor's code; None leaves the editor as it is (the freeze lab reads no code).
    #[serde(default)]
    pub code: Option<String>,
    /// The lab's inputs, as the page's URL keeps them (`handler`, `payload`, `heap`, ...).
    #[serde(default)]
    pub fields: BTreeMap<String, String>,
}

/// One exercise, read and checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Exercise {
    /// `page/nn-slug`, from the file's path: the key its progress is kept under.
    pub id: String,
    pub page: String,
    pub title: String,
    pub level: Level,
    /// The task, in plain words.
    pub task: String,
    /// Revealed one at a time.
    pub hints: Vec<String>,
    pub starter: Attempt,
    /// The starter's inputs with the solution's own on top.
    pub solution: Attempt,
    /// What the lab's prediction must show.
    pub goals: Vec<Goal>,
    /// The subjects of the facts CPython must agree with after a Run (`*` matches any text).
    pub confirm: Vec<String>,
}

/// An exercise file as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExerciseFile {
    title: String,
    level: Level,
    task: String,
    hints: Vec<String>,
    starter: Attempt,
    solution: Attempt,
    goal: Vec<goal::GoalFile>,
    confirm: Vec<String>,
}

/// An exercise file that cannot be used, with what is wrong in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileError {
    pub file: String,
    pub message: String,
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "exercises/{}: {}", self.file, self.message)
    }
}

impl std::error::Error for FileError {}

/// Reads one exercise file, given as JSON (the build converts the TOML), named by its path
/// under `exercises/`.
pub fn parse(file: &str, json: &str) -> Result<Exercise, FileError> {
    let error = |message: String| FileError { file: file.to_owned(), message };
    let (page, name) = file.split_once('/').ok_or_else(|| error("must be in a page's directory".into()))?;
    if !PAGES.contains(&page) {
        return Err(error(format!("`{page}` is not a page; the pages are {}", PAGES.join(", "))));
    }
    let stem = name.strip_suffix(".toml").unwrap_or(name);
    let raw: ExerciseFile = serde_json::from_str(json).map_err(|e| error(e.to_string()))?;
    if raw.hints.is_empty() {
        return Err(error("needs at least one hint".into()));
    }
    if raw.goal.is_empty() {
        return Err(error("needs at least one [[goal]]".into()));
    }
    if raw.confirm.is_empty() {
        return Err(error("needs at least one fact in `confirm` for CPython to agree with".into()));
    }
    if raw.starter.code.is_some() != raw.solution.code.is_some() {
        return Err(error("the starter and the solution must both have code, or neither".into()));
    }
    let goals = raw
        .goal
        .into_iter()
        .enumerate()
        .map(|(i, g)| g.check().map_err(|message| error(format!("goal {}: {message}", i + 1))))
        .collect::<Result<Vec<_>, _>>()?;
    let mut fields = raw.starter.fields.clone();
    fields.extend(raw.solution.fields);
    Ok(Exercise {
        id: format!("{page}/{stem}"),
        page: page.to_owned(),
        title: raw.title,
        level: raw.level,
        task: raw.task,
        hints: raw.hints,
        starter: raw.starter,
        solution: Attempt { code: raw.solution.code, fields },
        goals,
        confirm: raw.confirm,
    })
}

/// Every embedded exercise file, read; the files that cannot be used come back as errors.
pub fn load() -> Vec<Result<Exercise, FileError>> {
    files::FILES.iter().map(|(file, json)| parse(file, json)).collect()
}

/// The exercises of `page` that read, in file order (from easy to tricky).
pub fn for_page(page: &str) -> Vec<Exercise> {
    load().into_iter().filter_map(Result::ok).filter(|e| e.page == page).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"{
        "title": "t", "level": "easy", "task": "do it", "hints": ["h"],
        "starter": {"code": "x = 1", "fields": {"handler": "f"}},
        "solution": {"code": "x = 2"},
        "goal": [{"at": "output[0]", "is": "2", "says": "print 2"}],
        "confirm": ["output line 1"]
    }"#;

    #[test]
    fn a_file_is_named_by_its_page_and_path() {
        let exercise = parse("dispatch/01-first.toml", MINIMAL).unwrap();
        assert_eq!((exercise.id.as_str(), exercise.page.as_str()), ("dispatch/01-first", "dispatch"));
        // The solution keeps the starter's inputs it does not override.
        assert_eq!(exercise.solution.fields.get("handler").map(String::as_str), Some("f"));
        assert_eq!(exercise.goals.len(), 1);
    }

    #[test]
    fn bad_files_say_what_is_wrong() {
        let err = parse("nowhere/01.toml", MINIMAL).unwrap_err();
        assert!(err.message.contains("not a page"), "{err}");
        let err = parse("protocol/01.toml", &MINIMAL.replace(r#""hints": ["h"]"#, r#""hints": []"#)).unwrap_err();
        assert!(err.message.contains("at least one hint"), "{err}");
        let err =
            parse("protocol/01.toml", &MINIMAL.replace(r#""is": "2""#, r#""is": "2", "lacks": "3""#)).unwrap_err();
        assert_eq!(err.to_string(), "exercises/protocol/01.toml: goal 1: give exactly one condition (is, is_not, contains, lacks, count, at_least, at_most), not 2");
        let err = parse("protocol/01.toml", &MINIMAL.replace("output[0]", "output[0")).unwrap_err();
        assert!(err.message.contains("goal 1: `output[0`"), "{err}");
        let err = parse("protocol/01.toml", &MINIMAL.replace(r#""level": "easy""#, r#""level": "hard""#)).unwrap_err();
        assert!(err.message.contains("unknown variant `hard`"), "{err}");
        let err = parse("protocol/01.toml", &MINIMAL.replace(r#""code": "x = 2""#, r#""fields": {}"#)).unwrap_err();
        assert!(err.message.contains("both have code"), "{err}");
    }
}
