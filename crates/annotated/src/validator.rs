//! Which validator the lab's call goes through: the user's `check` (the page's validator), when
//! it is the example's `check` the model follows; a `check` the model does not follow; or, when
//! the code has no `check`, the lab's own pipeline ([`crate::REFERENCE_PIPELINE`]).
//!
//! Recognition reads Ruff's syntax tree, never the text: the module's last binding of `check`
//! must be an unconditional top-level `def` whose header is the example's and whose body, the
//! docstring left out, is the example's statement for statement
//! ([`ruff_python_ast::comparable::ComparableStmt`], which ignores positions, comments, blank
//! lines, parentheses and quote styles). Locals may be renamed: both bodies are compared with
//! every name that is not one of the example's parameters or globals replaced by its order of
//! first use, so a rename is accepted exactly when it maps the example's locals one to one onto
//! the user's, in the same scopes, and touches none of the globals the check reads. Everything
//! else (another message, another parameter name, one statement more) is a different check.
//!
//! A recognized check still reads names from the user's module: `get_type_hints`, the classes
//! `MinLen`, `Between` and `Secret`, and the builtins it calls. [`Recognition::unmodelled`] says
//! why the model cannot follow them when the module binds them otherwise than the example does.

use std::cell::RefCell;
use std::collections::HashMap;

use ruff_python_ast::comparable::ComparableStmt;
use ruff_python_ast::name::Name;
use ruff_python_ast::visitor::transformer::{walk_expr, Transformer};
use ruff_python_ast::{self as ast, ExceptHandler, Expr, Stmt};
use ruff_text_size::Ranged;
use serde::{Deserialize, Serialize};

/// The example's `check`, as `src/examples/annotated.py` defines it: the validator the model
/// predicts when the page's code defines it (a test holds the example to this text).
pub const EXAMPLE_CHECK: &str = r#"def check(func, **values):
    """Reads the metadata that Python itself ignores, and enforces it."""
    hints = get_type_hints(func, include_extras=True)
    for field, value in values.items():
        hint = hints[field]
        base, extras = hint.__origin__, hint.__metadata__
        shown = "***" if any(isinstance(m, Secret) for m in extras) else repr(value)
        if not isinstance(value, base):
            print(f"{field}={shown}: expected {base.__name__}")
            continue
        for rule in extras:
            if isinstance(rule, MinLen) and len(value) < rule.n:
                print(f"{field}={shown}: shorter than {rule.n}")
            elif isinstance(rule, Between) and not rule.low <= value <= rule.high:
                print(f"{field}={shown}: outside {rule.low}..{rule.high}")
"#;

/// The example's parameters and the globals its `check` reads: a rename may not touch them.
const FIXED_NAMES: [&str; 11] =
    ["func", "values", "get_type_hints", "isinstance", "any", "repr", "print", "len", "Secret", "MinLen", "Between"];

/// The builtins the example's `check` calls: the module must leave them alone.
const BUILTINS: [&str; 5] = ["isinstance", "any", "repr", "print", "len"];

/// The classes the example's `check` tests metadata against with `isinstance`.
pub const RULE_CLASSES: [&str; 3] = ["MinLen", "Between", "Secret"];

/// Which validator the lab's call goes through, and whether the model follows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ValidatorSource {
    /// The code's `check` (its `def` at `line`) is the example's: the probe calls it and the
    /// model predicts what it prints.
    Page { line: usize },
    /// The code binds a `check` (at `line`) the model does not follow, for the reason `why`:
    /// the probe calls it and CPython's result is shown without a verdict.
    Unrecognized { line: usize, why: String },
    /// The code has no `check`: the probe runs the lab's own pipeline, which the page shows.
    Lab,
}

impl ValidatorSource {
    /// Whether the probe calls the user's `check` (rather than the lab's own pipeline).
    pub fn runs_users_check(&self) -> bool {
        !matches!(self, ValidatorSource::Lab)
    }

    /// Why the model does not judge the check's messages, for [`ValidatorSource::Unrecognized`].
    pub fn not_judged(&self) -> Option<String> {
        match self {
            ValidatorSource::Unrecognized { line, why } => {
                Some(format!("your check (line {line}) is not the one the lab models: {why}"))
            }
            _ => None,
        }
    }
}

/// The validator, and what the module binds around a recognized `check`.
#[derive(Clone, Debug, PartialEq)]
pub struct Recognition {
    pub source: ValidatorSource,
    /// For [`ValidatorSource::Page`]: why the model cannot follow the check in this module (a
    /// name it reads is bound otherwise than in the example).
    pub unmodelled: Option<String>,
    /// For [`ValidatorSource::Page`]: the module never binds `get_type_hints`, so the check's
    /// first line raises `NameError`.
    pub no_get_type_hints: bool,
}

/// Which validator `code` (a module that parses) gives the lab.
pub fn recognize(code: &str) -> Recognition {
    let lab = Recognition { source: ValidatorSource::Lab, unmodelled: None, no_get_type_hints: false };
    // Without the identifier anywhere there is no binding of it: skip the second parse.
    if !code.contains("check") {
        return lab;
    }
    let Ok(parsed) = ruff_python_parser::parse_module(code) else {
        return Recognition {
            source: ValidatorSource::Unrecognized { line: 1, why: "the code does not parse".into() },
            ..lab
        };
    };
    let lines = Lines(code);
    let mut bindings = Vec::new();
    collect_bindings(&parsed.syntax().body, false, &lines, &mut bindings);
    let last = |name: &str| bindings.iter().rev().find(|b| b.name == name || b.name == "*");
    let Some(binding) = last("check") else { return lab };
    let def = match binding.def {
        Some(def) if !binding.conditional => def,
        _ => {
            let why =
                format!("`check` is bound at line {} by {}, not by a def the lab can read", binding.line, binding.what);
            return Recognition { source: ValidatorSource::Unrecognized { line: binding.line, why }, ..lab };
        }
    };
    let def_line = lines.line(def.name.start());
    if let Some(why) = difference(def, &lines) {
        return Recognition { source: ValidatorSource::Unrecognized { line: def_line, why }, ..lab };
    }

    let mut unmodelled = None;
    let mut no_get_type_hints = false;
    match last("get_type_hints") {
        None => no_get_type_hints = true,
        Some(b) if b.what == "from typing import get_type_hints" && !b.conditional => {}
        Some(b) => {
            unmodelled = Some(format!(
                "your check calls `get_type_hints`, which line {} binds by {}, not `from typing import get_type_hints`",
                b.line, b.what
            ))
        }
    }
    for class in RULE_CLASSES {
        let all: Vec<&Binding> = bindings.iter().filter(|b| b.name == class || b.name == "*").collect();
        let problem = match all.as_slice() {
            [] => Some(format!("your check tests metadata with isinstance(…, {class}), and your code defines no `{class}`")),
            [only] if only.what == "a class" && !only.conditional => None,
            [only] => Some(format!("your check tests metadata against `{class}`, which line {} binds by {}", only.line, only.what)),
            [_, again, ..] => Some(format!(
                "your check tests metadata against `{class}`, which is bound again at line {}: the lab cannot tell which class each metadata object has",
                again.line
            )),
        };
        if unmodelled.is_none() {
            unmodelled = problem;
        }
    }
    for builtin in BUILTINS {
        if let Some(b) = last(builtin) {
            if unmodelled.is_none() {
                unmodelled = Some(format!(
                    "your check calls `{builtin}`, which line {} binds by {}, instead of the builtin",
                    b.line, b.what
                ));
            }
        }
    }
    Recognition { source: ValidatorSource::Page { line: def_line }, unmodelled, no_get_type_hints }
}

/// 1-based lines of a text.
struct Lines<'a>(&'a str);

impl Lines<'_> {
    fn line(&self, offset: ruff_text_size::TextSize) -> usize {
        let offset = usize::from(offset).min(self.0.len());
        self.0[..offset].matches('\n').count() + 1
    }

    /// The first line of `node`'s text, trimmed.
    fn first_line(&self, node: &impl Ranged) -> String {
        self.0[node.range()].lines().next().unwrap_or_default().trim().to_owned()
    }
}

/// One module-level binding of a name, in source order.
struct Binding<'a> {
    /// The name bound, or `*` for a star import (which may bind any name).
    name: String,
    line: usize,
    /// How: `a def`, `a class`, `an assignment`, `from typing import get_type_hints`, ...
    what: String,
    /// Inside an `if`, loop, `with`, `try` or `match` block of the module.
    conditional: bool,
    /// The `def`, for a top-level function definition.
    def: Option<&'a ast::StmtFunctionDef>,
}

/// The module-level bindings of `body`, in source order: definitions, assignment and loop
/// targets, imports, `with ... as`, `except ... as` and `del`. Names bound inside expressions
/// (`:=`) or behind the syntax's back (`globals()[...] = ...`, `exec`) are not seen.
fn collect_bindings<'a>(body: &'a [Stmt], conditional: bool, lines: &Lines, out: &mut Vec<Binding<'a>>) {
    for stmt in body {
        let line = lines.line(stmt.start());
        let mut bind =
            |name: &str, what: String| out.push(Binding { name: name.to_owned(), line, what, conditional, def: None });
        match stmt {
            Stmt::FunctionDef(def) => {
                out.push(Binding {
                    name: def.name.to_string(),
                    line: lines.line(def.name.start()),
                    what: "a def".into(),
                    conditional,
                    def: Some(def),
                });
            }
            Stmt::ClassDef(class) => {
                // A base or a metaclass may change what isinstance answers for the class.
                let plain = class.arguments.as_deref().is_none_or(|arguments| {
                    arguments.keywords.is_empty()
                        && arguments.args.iter().all(|base| matches!(base, Expr::Name(n) if n.id.as_str() == "object"))
                });
                let what = if plain { "a class" } else { "a class with a base or a metaclass" };
                bind(class.name.as_str(), what.into())
            }
            Stmt::Assign(assign) => {
                for target in &assign.targets {
                    target_names(target, &mut |name| bind(name, "an assignment".into()));
                }
            }
            Stmt::AnnAssign(assign) if assign.value.is_some() => {
                target_names(&assign.target, &mut |name| bind(name, "an assignment".into()))
            }
            Stmt::AugAssign(assign) => target_names(&assign.target, &mut |name| bind(name, "an assignment".into())),
            Stmt::TypeAlias(alias) => target_names(&alias.name, &mut |name| bind(name, "a type alias".into())),
            Stmt::Delete(delete) => {
                for target in &delete.targets {
                    target_names(target, &mut |name| bind(name, "`del`".into()));
                }
            }
            Stmt::Import(import) => {
                for alias in &import.names {
                    let name = alias.asname.as_ref().unwrap_or(&alias.name).as_str();
                    let name = name.split('.').next().unwrap_or(name);
                    bind(name, format!("`{}`", lines.first_line(stmt)));
                }
            }
            Stmt::ImportFrom(import) => {
                let module = import.module.as_ref().map_or("", |m| m.as_str());
                for alias in &import.names {
                    let what = if import.level == 0
                        && module == "typing"
                        && alias.asname.as_ref().is_none_or(|a| a.as_str() == alias.name.as_str())
                    {
                        format!("from typing import {}", alias.name.as_str())
                    } else {
                        format!("`{}`", lines.first_line(stmt))
                    };
                    bind(alias.asname.as_ref().unwrap_or(&alias.name).as_str(), what);
                }
            }
            Stmt::For(for_) => {
                target_names(&for_.target, &mut |name| bind(name, "a for loop".into()));
                collect_bindings(&for_.body, true, lines, out);
                collect_bindings(&for_.orelse, true, lines, out);
            }
            Stmt::While(while_) => {
                collect_bindings(&while_.body, true, lines, out);
                collect_bindings(&while_.orelse, true, lines, out);
            }
            Stmt::If(if_) => {
                collect_bindings(&if_.body, true, lines, out);
                for clause in &if_.elif_else_clauses {
                    collect_bindings(&clause.body, true, lines, out);
                }
            }
            Stmt::With(with) => {
                for item in &with.items {
                    if let Some(vars) = &item.optional_vars {
                        target_names(vars, &mut |name| bind(name, "`with ... as`".into()));
                    }
                }
                collect_bindings(&with.body, true, lines, out);
            }
            Stmt::Try(try_) => {
                collect_bindings(&try_.body, true, lines, out);
                for handler in &try_.handlers {
                    let ExceptHandler::ExceptHandler(handler) = handler;
                    if let Some(name) = &handler.name {
                        out.push(Binding {
                            name: name.to_string(),
                            line: lines.line(name.start()),
                            what: "`except ... as`".into(),
                            conditional: true,
                            def: None,
                        });
                    }
                    collect_bindings(&handler.body, true, lines, out);
                }
                collect_bindings(&try_.orelse, true, lines, out);
                collect_bindings(&try_.finalbody, true, lines, out);
            }
            Stmt::Match(match_) => {
                for case in &match_.cases {
                    collect_bindings(&case.body, true, lines, out);
                }
            }
            _ => {}
        }
    }
}

/// The names an assignment target binds.
fn target_names(target: &Expr, bind: &mut dyn FnMut(&str)) {
    match target {
        Expr::Name(name) => bind(name.id.as_str()),
        Expr::Tuple(tuple) => tuple.elts.iter().for_each(|e| target_names(e, bind)),
        Expr::List(list) => list.elts.iter().for_each(|e| target_names(e, bind)),
        Expr::Starred(starred) => target_names(&starred.value, bind),
        _ => {}
    }
}

/// Why the user's `def check` is not the example's, or None when it is.
fn difference(def: &ast::StmtFunctionDef, lines: &Lines) -> Option<String> {
    let example = ruff_python_parser::parse_module(EXAMPLE_CHECK).expect("the example's check parses");
    let Some(Stmt::FunctionDef(example)) = example.syntax().body.first() else {
        unreachable!("the example's check is a def")
    };
    let example_lines = Lines(EXAMPLE_CHECK);

    let header = |def: &ast::StmtFunctionDef| {
        let mut header = def.clone();
        header.body.clear();
        Stmt::FunctionDef(header)
    };
    let (theirs, ours) = (header(def), header(example));
    if ComparableStmt::from(&theirs) != ComparableStmt::from(&ours) {
        let line = lines.line(def.name.start());
        return Some(format!("line {line} is not the example's `{}`", example_lines.first_line(example)));
    }

    let (theirs, ours) = (canonical_body(def), canonical_body(example));
    let same = theirs.len() == ours.len()
        && theirs.iter().zip(&ours).all(|(a, b)| ComparableStmt::from(a) == ComparableStmt::from(b));
    if same {
        return None;
    }
    let (mut flat_theirs, mut flat_ours) = (Vec::new(), Vec::new());
    flatten(&theirs, 0, 0, &mut flat_theirs);
    flatten(&ours, 0, 0, &mut flat_ours);
    for index in 0..flat_theirs.len().max(flat_ours.len()) {
        match (flat_theirs.get(index), flat_ours.get(index)) {
            (Some(a), Some(b)) => {
                if (a.0, a.1) != (b.0, b.1)
                    || ComparableStmt::from(&shallow(a.2)) != ComparableStmt::from(&shallow(b.2))
                {
                    return Some(format!(
                        "line {} is not the example's, which has `{}` there",
                        lines.line(a.2.start()),
                        example_lines.first_line(b.2)
                    ));
                }
            }
            (Some(a), None) => {
                return Some(format!("line {} is more than the example's check has", lines.line(a.2.start())))
            }
            (None, Some(b)) => {
                let end = flat_theirs.last().map_or(lines.line(def.name.start()), |a| lines.line(a.2.start()));
                return Some(format!(
                    "your check stops after line {end}, where the example's goes on with `{}`",
                    example_lines.first_line(b.2)
                ));
            }
            (None, None) => unreachable!(),
        }
    }
    Some("its statements are not the example's".into())
}

/// The body without its docstring, every local name replaced by its order of first use.
fn canonical_body(def: &ast::StmtFunctionDef) -> Vec<Stmt> {
    let mut body: Vec<Stmt> = def.body.iter().cloned().collect();
    if let Some(Stmt::Expr(expr)) = body.first() {
        if matches!(*expr.value, Expr::StringLiteral(_)) {
            body.remove(0);
        }
    }
    let canon = Canonical::default();
    for stmt in &mut body {
        canon.visit_stmt(stmt);
    }
    body
}

/// Renames every name outside [`FIXED_NAMES`] to `local N`, N its order of first use (a name
/// no Python code can spell, so it never meets one of the user's).
#[derive(Default)]
struct Canonical {
    names: RefCell<HashMap<String, Name>>,
}

impl Transformer for Canonical {
    fn visit_expr(&self, expr: &mut Expr) {
        if let Expr::Name(name) = expr {
            if !FIXED_NAMES.contains(&name.id.as_str()) {
                let mut names = self.names.borrow_mut();
                let next = names.len();
                name.id =
                    names.entry(name.id.to_string()).or_insert_with(|| Name::new(format!("local {next}"))).clone();
            }
        }
        walk_expr(self, expr);
    }
}

/// Every statement of `body` and of the blocks inside it, in source order, with its depth and
/// which block of its parent it is in.
fn flatten<'a>(body: &'a [Stmt], depth: usize, block: usize, out: &mut Vec<(usize, usize, &'a Stmt)>) {
    for stmt in body {
        out.push((depth, block, stmt));
        for (index, child) in blocks(stmt).into_iter().enumerate() {
            flatten(child, depth + 1, index, out);
        }
    }
}

/// The blocks of statements inside a compound statement.
fn blocks(stmt: &Stmt) -> Vec<&[Stmt]> {
    match stmt {
        Stmt::For(s) => vec![&s.body, &s.orelse],
        Stmt::While(s) => vec![&s.body, &s.orelse],
        Stmt::If(s) => std::iter::once(&s.body[..]).chain(s.elif_else_clauses.iter().map(|c| &c.body[..])).collect(),
        Stmt::With(s) => vec![&s.body],
        Stmt::FunctionDef(s) => vec![&s.body],
        Stmt::ClassDef(s) => vec![&s.body],
        Stmt::Try(s) => std::iter::once(&s.body[..])
            .chain(s.handlers.iter().map(|ExceptHandler::ExceptHandler(h)| &h.body[..]))
            .chain([&s.orelse[..], &s.finalbody[..]])
            .collect(),
        Stmt::Match(s) => s.cases.iter().map(|c| &c.body[..]).collect(),
        _ => Vec::new(),
    }
}

/// The statement without the blocks inside it: its own line, for locating a difference.
fn shallow(stmt: &Stmt) -> Stmt {
    let mut stmt = stmt.clone();
    match &mut stmt {
        Stmt::For(s) => {
            s.body.clear();
            s.orelse.clear();
        }
        Stmt::While(s) => {
            s.body.clear();
            s.orelse.clear();
        }
        Stmt::If(s) => {
            s.body.clear();
            s.elif_else_clauses.iter_mut().for_each(|c| c.body.clear());
        }
        Stmt::With(s) => s.body.clear(),
        Stmt::FunctionDef(s) => s.body.clear(),
        Stmt::ClassDef(s) => s.body.clear(),
        Stmt::Try(s) => {
            s.body.clear();
            s.handlers.iter_mut().for_each(|ExceptHandler::ExceptHandler(h)| h.body.clear());
            s.orelse.clear();
            s.finalbody.clear();
        }
        Stmt::Match(s) => s.cases.iter_mut().for_each(|c| c.body.clear()),
        _ => {}
    }
    stmt
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = include_str!("../../../src/examples/annotated.py");

    /// The page's example with its `check` replaced by `check`.
    fn example_with(check: &str) -> String {
        assert!(EXAMPLE.contains(EXAMPLE_CHECK.trim_end()), "the example's check is EXAMPLE_CHECK");
        EXAMPLE.replace(EXAMPLE_CHECK.trim_end(), check.trim_end())
    }

    fn edited(from: &str, to: &str) -> String {
        assert!(EXAMPLE_CHECK.contains(from), "{from}");
        example_with(&EXAMPLE_CHECK.replace(from, to))
    }

    /// The line of a statement appended to the example after a blank line.
    fn after_the_example() -> usize {
        EXAMPLE.lines().count() + 2
    }

    fn source(code: &str) -> ValidatorSource {
        recognize(code).source
    }

    fn why(code: &str) -> String {
        match source(code) {
            ValidatorSource::Unrecognized { why, .. } => why,
            other => panic!("recognized: {other:?}"),
        }
    }

    #[test]
    fn the_page_example_is_recognized() {
        let recognition = recognize(EXAMPLE);
        assert_eq!(recognition.source, ValidatorSource::Page { line: 29 });
        assert_eq!((recognition.unmodelled, recognition.no_get_type_hints), (None, false));
    }

    #[test]
    fn comments_docstring_blank_lines_and_spelling_are_accepted() {
        let reworded = EXAMPLE_CHECK
            .replace("    \"\"\"Reads the metadata that Python itself ignores, and enforces it.\"\"\"\n", "")
            .replace("    hints = ", "    # read the hints\n\n    hints = ")
            .replace("\"***\"", "'***'")
            .replace("if not isinstance(value, base):", "if not (isinstance(value, base)):  # wrong type")
            .replace("        for rule in extras:", "\n        for rule in extras:");
        assert_ne!(reworded, EXAMPLE_CHECK);
        assert_eq!(source(&example_with(&reworded)), ValidatorSource::Page { line: 29 });
        let documented =
            EXAMPLE_CHECK.replace("Reads the metadata", "My docstring, not the example's; reads the metadata");
        assert!(matches!(source(&example_with(&documented)), ValidatorSource::Page { .. }));
    }

    #[test]
    fn locals_renamed_one_to_one_are_accepted() {
        let renamed = EXAMPLE_CHECK
            .replace("hints = ", "table = ")
            .replace("hints[field]", "table[field]")
            .replace("(m, Secret) for m in", "(meta, Secret) for meta in")
            .replace("rule", "r");
        assert!(matches!(source(&example_with(&renamed)), ValidatorSource::Page { .. }));
    }

    #[test]
    fn renames_that_change_meaning_are_rejected() {
        // Two locals made one: the comprehension's `m` becomes the loop's `value`.
        let merged = edited("(m, Secret) for m in", "(value, Secret) for value in");
        assert!(why(&merged).starts_with("line 35 is not the example's"), "{}", why(&merged));
        // A local named like a global the check reads.
        assert!(why(&edited("shown", "repr")).starts_with("line 35 is not the example's"));
        // A parameter: `check(func, **values)` would meet a value named `f` instead.
        assert_eq!(
            why(&edited("def check(func,", "def check(f,")),
            "line 29 is not the example's `def check(func, **values):`"
        );
    }

    #[test]
    fn other_code_is_rejected_with_the_line_that_differs() {
        let message = edited(": expected {base.__name__}", ": wanted {base.__name__}");
        assert_eq!(
            source(&message),
            ValidatorSource::Unrecognized {
                line: 29,
                why: "line 37 is not the example's, which has `print(f\"{field}={shown}: expected {base.__name__}\")` there".into()
            }
        );
        let louder =
            edited("        hint = hints[field]\n", "        print(field, value)\n        hint = hints[field]\n");
        assert_eq!(why(&louder), "line 33 is not the example's, which has `hint = hints[field]` there");
        let shorter = edited(
            "\n            elif isinstance(rule, Between) and not rule.low <= value <= rule.high:\n                print(f\"{field}={shown}: outside {rule.low}..{rule.high}\")",
            "",
        );
        assert_eq!(
            why(&shorter),
            "line 40 is not the example's, which has `if isinstance(rule, MinLen) and len(value) < rule.n:` there"
        );
        let longer = format!("{}\n    return None\n", EXAMPLE_CHECK.trim_end());
        assert_eq!(why(&example_with(&longer)), "line 44 is more than the example's check has");
        let decorated = example_with(&format!("@staticmethod\n{EXAMPLE_CHECK}"));
        assert!(why(&decorated).starts_with("line 30 is not the example's `def check"));
    }

    #[test]
    fn the_last_binding_of_check_decides() {
        let twice = format!("def check(func, **values):\n    pass\n\n\n{EXAMPLE}");
        assert_eq!(source(&twice), ValidatorSource::Page { line: 33 });
        let rebound = format!("{EXAMPLE}\ncheck = print\n");
        let after = after_the_example();
        assert_eq!(
            source(&rebound),
            ValidatorSource::Unrecognized {
                line: after,
                why: format!("`check` is bound at line {after} by an assignment, not by a def the lab can read")
            }
        );
        let conditional = example_with(&format!("if True:\n{}", lab::indent(EXAMPLE_CHECK)));
        assert!(why(&conditional).starts_with("`check` is bound at line 30 by a def"));
        let imported = format!("{EXAMPLE}\nfrom somewhere import *\n");
        assert!(why(&imported).contains("`from somewhere import *`"));
    }

    #[test]
    fn without_check_the_lab_runs_its_own() {
        let without = example_with("").replace("check(sign_up, name=\"al\", age=-4, password=\"hunter2\")", "");
        assert_eq!(source(&without), ValidatorSource::Lab);
        assert_eq!(source("def validate(func, **values):\n    pass\n# no check here\n"), ValidatorSource::Lab);
        assert_eq!(source("x = 1\n"), ValidatorSource::Lab);
    }

    #[test]
    fn the_names_the_check_reads_must_be_the_examples() {
        let unimported =
            EXAMPLE.replace("from typing import Annotated, get_type_hints", "from typing import Annotated");
        let recognition = recognize(&unimported);
        assert_eq!(
            (recognition.source, recognition.unmodelled, recognition.no_get_type_hints),
            (ValidatorSource::Page { line: 29 }, None, true)
        );

        let aliased = EXAMPLE.replace(
            "from typing import Annotated, get_type_hints",
            "import typing\nfrom typing import Annotated\nget_type_hints = typing.get_type_hints",
        );
        assert!(recognize(&aliased)
            .unmodelled
            .unwrap()
            .contains("`get_type_hints`, which line 4 binds by an assignment"));

        let after = after_the_example();
        let shadowed = format!("{EXAMPLE}\nlen = 3\n");
        assert!(recognize(&shadowed).unmodelled.unwrap().contains(&format!("`len`, which line {after} binds")));

        let based = EXAMPLE.replace("class Secret:", "class Secret(Exception):");
        assert!(recognize(&based).unmodelled.unwrap().contains("`Secret`, which line 16 binds by a class with a base"));
        let plain = EXAMPLE.replace("class Secret:", "class Secret(object):");
        assert_eq!(recognize(&plain).unmodelled, None);

        let again = format!("{EXAMPLE}\nclass Secret:\n    pass\n");
        assert!(recognize(&again)
            .unmodelled
            .unwrap()
            .contains(&format!("`Secret`, which is bound again at line {after}")));

        let missing = EXAMPLE.replace("class Secret:\n    \"\"\"Marks a value that must never be logged.\"\"\"\n", "");
        assert!(recognize(&missing).unmodelled.unwrap().contains("defines no `Secret`"));
    }

    #[test]
    fn fixed_names_are_the_examples_parameters_and_globals() {
        // Every name the example's check reads without assigning it is fixed, and no local is.
        let parsed = ruff_python_parser::parse_module(EXAMPLE_CHECK).unwrap();
        let Some(Stmt::FunctionDef(def)) = parsed.syntax().body.first() else { unreachable!() };
        let canonical = canonical_body(def);
        let text = format!("{:?}", canonical.iter().map(ComparableStmt::from).collect::<Vec<_>>());
        for fixed in FIXED_NAMES.iter().filter(|n| !["func", "values"].contains(n)) {
            assert!(text.contains(&format!("\"{fixed}\"")), "{fixed} is read by the example");
        }
        let locals = Canonical::default();
        let mut body: Vec<Stmt> = def.body.iter().cloned().collect();
        body.iter_mut().for_each(|s| locals.visit_stmt(s));
        let mut renamed: Vec<String> = locals.names.into_inner().into_keys().collect();
        renamed.sort();
        assert_eq!(renamed, ["base", "extras", "field", "hint", "hints", "m", "rule", "shown", "value"]);
    }
}
