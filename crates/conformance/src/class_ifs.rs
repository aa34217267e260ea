//! The `if` statements of class bodies, read as mypy and as CPython read them.
//!
//! mypy decides before type checking which blocks are unreachable (its `reachability.py`): a
//! comparison of `sys.version_info` with a tuple holds or not for the Python version it checks
//! for, a test of `sys.platform` (`==`/`!=` a string, `in`/`not in` strings,
//! `.startswith(a string)`, `sys.platform` first) for the platform it checks for
//! ([`crate::mypy_platform`]), `TYPE_CHECKING` always holds for it (and so skips the `else`),
//! `not` inverts either, and `and`/`or` combine them by its rules. Any other condition (`True`,
//! a constant of the program, a call) is unknown to that pass: every clause's definitions count,
//! so a member defined only under `if False:` is still a member for mypy.
//! CPython runs the one clause whose condition holds, which the lab knows for the constants
//! (`True`, `False`, other literals, `TYPE_CHECKING`, False at runtime, and a name the module
//! binds once, to a literal, before the class), `sys.version_info` comparisons with the running
//! version, tests of its `sys.platform` ([`runtime_platform`]), and `not`, `and` and `or` of them
//! as far as Python evaluates them. Anything else leaves the `if` unread, and its class declined,
//! for that check.
//! A name a clause defines again keeps its first definition for mypy (which reports the others)
//! and its last for CPython; `for` and `try` statements are read as each runs them
//! ([`pysource::ClassBodyReading`]).

use std::cell::RefCell;
use std::collections::HashMap;

use pysource::{ClassBodyReading, ClassIfClause, Expression, Literal, Module, Source, StatementKind};

/// A module read with its class bodies' `if`s chosen, and why the lab left unread the `if`
/// clauses, `for`s and `try`s it did, by line: a phrase naming the statement ("an `if` at line
/// 3 that ...").
pub(crate) struct ClassIfs {
    pub module: Module,
    pub unread: HashMap<usize, String>,
}

/// The module as mypy reads it when checking for Python 3.`python_minor`.
pub(crate) fn static_module(source: &Source, python_minor: u8) -> ClassIfs {
    read(source, ClassBodyReading::Mypy, None, |test, text, _| match static_clause(test, python_minor) {
        ClassIfClause::Unread => {
            Err(format!("tests `{text}`, which mypy evaluates by rules of its own that the lab does not follow"))
        }
        clause => Ok(clause),
    })
}

/// The module as CPython 3.`python_minor` runs it.
pub(crate) fn runtime_module(source: &Source, python_minor: u8) -> ClassIfs {
    let runtime = Runtime {
        python_minor,
        platform: runtime_platform(python_minor),
        imports: imported(source),
        constants: source.module_constants(),
    };
    let from_command_line = runtime.command_line_names(source);
    let modules = |name: &str| crate::modules::imports(name, python_minor);
    read(source, ClassBodyReading::Python, Some(&modules), |test, text, line| match runtime.holds(test, line) {
        Some(true) => Ok(ClassIfClause::Taken),
        Some(false) => Ok(ClassIfClause::Skipped),
        None => {
            let reads_argv = |expr: &Expression| {
                let bound_from_argv = match expr {
                    Expression::Name { id } => from_command_line.iter().find(|(name, _)| name == id),
                    _ => None,
                };
                match bound_from_argv {
                    Some((name, at)) => Some(format!("`{name}` (line {at}) reads `sys.argv`")),
                    None => runtime.reads_argv(expr).then(|| "it reads `sys.argv`".to_owned()),
                }
            };
            match find_subexpression(test, &reads_argv) {
                Some(why) => Err(format!(
                    "runs its body only if `{text}` holds, and {why}: the command line the code runs with decides it, \
                     which no reading of the code can know"
                )),
                None => Err(format!("runs its body only if `{text}` holds, which the lab does not evaluate")),
            }
        }
    })
}

/// The first answer `found` gives for `expr` or an expression inside it (operands, arguments,
/// elements), outermost first.
fn find_subexpression<T>(expr: &Expression, found: &impl Fn(&Expression) -> Option<T>) -> Option<T> {
    if let Some(answer) = found(expr) {
        return Some(answer);
    }
    let inner: Vec<&Expression> = match expr {
        Expression::Attribute { value, .. } => vec![value],
        Expression::Call { func, args, keywords } => {
            std::iter::once(&**func).chain(args).chain(keywords.iter().map(|(_, v)| v)).collect()
        }
        Expression::Subscript { value, elements } => std::iter::once(&**value).chain(elements).collect(),
        Expression::Tuple { elements } | Expression::List { elements } | Expression::Set { elements } => {
            elements.iter().collect()
        }
        Expression::BitOr { left, right } | Expression::BinOp { left, right, .. } => vec![left, right],
        Expression::UnaryOp { operand, .. } => vec![operand],
        Expression::BoolOp { values, .. } => values.iter().collect(),
        Expression::Compare { left, comparisons } => {
            std::iter::once(&**left).chain(comparisons.iter().map(|(_, right)| right)).collect()
        }
        _ => Vec::new(),
    };
    inner.into_iter().find_map(|e| find_subexpression(e, found))
}

/// `sys.platform` on CPython 3.`python_minor`: the page's Python is Pyodide's, built for
/// Emscripten; the other versions are those the companion and the tests run, on Linux.
pub(crate) fn runtime_platform(python_minor: u8) -> &'static str {
    if python_minor == lab::PYODIDE_PYTHON_MINOR {
        "emscripten"
    } else {
        "linux"
    }
}

/// Reads the module with each clause chosen by `choose`, or left unread for the reason it gives;
/// `modules` tells which modules import, for a `try` that imports.
fn read(
    source: &Source,
    reading: ClassBodyReading,
    modules: Option<&pysource::ImportsModule<'_>>,
    choose: impl Fn(&Expression, &str, usize) -> Result<ClassIfClause, String>,
) -> ClassIfs {
    let unread = RefCell::new(HashMap::new());
    let (module, unread_blocks) = source.module_reading_class_bodies(
        &|text, line| {
            let clause = pysource::expression(text)
                .ok_or_else(|| format!("tests `{text}`, which the lab does not read"))
                .and_then(|test| choose(&test, text, line));
            // A clause read yet left unread by the reader defines a property of its class again,
            // or a name first set to a bare `None` to a value it does not type.
            let reason = clause.clone().err().unwrap_or_else(|| {
                "defines a property of its class again, or a name first set to a bare `None` to a value the lab \
                 does not type: the lab does not read which definition counts"
                    .to_owned()
            });
            unread.borrow_mut().insert(line, format!("an `if` at line {line} that {reason}"));
            clause.unwrap_or(ClassIfClause::Unread)
        },
        reading,
        modules,
    );
    let mut unread = unread.into_inner();
    unread.extend(unread_blocks);
    ClassIfs { module, unread }
}

/// `(bound name, what it names)` of the module's top-level imports.
fn imported(source: &Source) -> Vec<(String, String)> {
    source.imports().into_iter().map(|import| (import.bound, import.target)).collect()
}

/// How mypy's reachability pass reads a clause: by names, not by what they are bound to
/// (`TYPE_CHECKING` and `x.TYPE_CHECKING` alike; `sys.version_info` spelled so).
fn static_clause(test: &Expression, python_minor: u8) -> ClassIfClause {
    if let Expression::Name { id: name } | Expression::Attribute { attr: name, .. } = test {
        if let Some(clause) = known_name(name) {
            return clause;
        }
    }
    match test {
        Expression::UnaryOp { op, operand } if op == "not" => match static_clause(operand, python_minor) {
            ClassIfClause::Taken => ClassIfClause::Skipped,
            ClassIfClause::Skipped => ClassIfClause::Taken,
            other => other,
        },
        // As mypy combines its truth values: for `or`, one true operand makes it true, all false
        // false; for `and` the other way round; anything else is unknown to it (so
        // `FLAG or TYPE_CHECKING` is true). An operand the lab does not follow leaves it unread
        // unless another decides.
        Expression::BoolOp { op, values } if op == "and" || op == "or" => {
            let (decides, passes) = match op.as_str() {
                "or" => (ClassIfClause::Taken, ClassIfClause::Skipped),
                _ => (ClassIfClause::Skipped, ClassIfClause::Taken),
            };
            let operands: Vec<ClassIfClause> = values.iter().map(|v| static_clause(v, python_minor)).collect();
            if operands.contains(&decides) {
                decides
            } else if operands.contains(&ClassIfClause::Unread) {
                ClassIfClause::Unread
            } else if operands.iter().all(|o| *o == passes) {
                passes
            } else {
                ClassIfClause::Either
            }
        }
        Expression::Compare { .. } | Expression::Call { .. } => {
            let version = version_comparison(test, (3, python_minor), |name| name == "sys");
            match version.or_else(|| static_platform_test(test, crate::mypy_platform())) {
                Some(true) => ClassIfClause::Taken,
                Some(false) => ClassIfClause::Skipped,
                // The other comparisons of `sys.version_info` mypy evaluates are not followed.
                None if mentions_version_info(test) => ClassIfClause::Unread,
                None => ClassIfClause::Either,
            }
        }
        _ => ClassIfClause::Either,
    }
}

/// The names mypy's reachability pass knows, whatever they are bound to.
fn known_name(name: &str) -> Option<ClassIfClause> {
    match name {
        "TYPE_CHECKING" | "MYPY" | "PY3" => Some(ClassIfClause::Taken),
        "PY2" => Some(ClassIfClause::Skipped),
        _ => None,
    }
}

/// What CPython 3.`python_minor` knows when it runs a class body's `if`.
struct Runtime {
    python_minor: u8,
    platform: &'static str,
    /// `(bound name, what it names)` of the module's top-level imports.
    imports: Vec<(String, String)>,
    constants: Vec<pysource::ModuleConstant>,
}

impl Runtime {
    fn imports(&self, name: &str, target: &str) -> bool {
        self.imports.iter().any(|(bound, to)| bound == name && to == target)
    }

    /// Whether `expr` is `sys.argv` (the module's `sys` or `argv` imported from it).
    fn reads_argv(&self, expr: &Expression) -> bool {
        match expr {
            Expression::Attribute { value, attr } if attr == "argv" => {
                matches!(&**value, Expression::Name { id } if self.imports(id, "sys"))
            }
            Expression::Name { id } => self.imports(id, "sys.argv"),
            _ => false,
        }
    }

    /// `(name, line)` of the module-level names a top-level assignment binds to a value that
    /// reads `sys.argv`.
    fn command_line_names(&self, source: &Source) -> Vec<(String, usize)> {
        let reads = |expr: &Expression| self.reads_argv(expr).then_some(());
        source
            .statements()
            .into_iter()
            .filter_map(|statement| match statement.kind {
                StatementKind::Assign { targets, value } if find_subexpression(&value, &reads).is_some() => {
                    Some((targets, statement.line))
                }
                _ => None,
            })
            .flat_map(|(targets, line)| {
                targets.into_iter().filter_map(move |target| match target {
                    Expression::Name { id } => Some((id, line)),
                    _ => None,
                })
            })
            .collect()
    }

    /// Whether `test`, in a clause at `line`, holds, where the lab knows: None otherwise.
    fn holds(&self, test: &Expression, line: usize) -> Option<bool> {
        match test {
            Expression::Literal { literal } => Some(literal.truth()),
            Expression::UnaryOp { op, operand } if op == "not" => self.holds(operand, line).map(|v| !v),
            Expression::Name { id } if self.imports(id, "typing.TYPE_CHECKING") => Some(false),
            // A constant the module binds once, before the class statement that runs this body.
            Expression::Name { id } => {
                let constant = self.constants.iter().find(|c| c.name == *id && c.line < line)?;
                Some(constant.value.truth())
            }
            Expression::Attribute { value, attr } if attr == "TYPE_CHECKING" => {
                matches!(&**value, Expression::Name { id } if self.imports(id, "typing")).then_some(false)
            }
            Expression::Compare { .. } => {
                runtime_version_comparison(test, self.python_minor, &self.imports).or_else(|| self.platform_test(test))
            }
            Expression::Call { .. } => self.platform_test(test),
            // Python stops at the first operand that decides: the ones after it are not evaluated.
            Expression::BoolOp { op, values } if op == "and" || op == "or" => {
                let decides = op == "or";
                for value in values {
                    if self.holds(value, line)? == decides {
                        return Some(decides);
                    }
                }
                Some(!decides)
            }
            _ => None,
        }
    }

    /// `sys.platform` (or `platform` from `from sys import platform`) compared with a string
    /// (`==`, `!=`, either side), tested for membership in a tuple, list or set of strings, or
    /// asked `.startswith(...)` a string or a tuple of strings.
    fn platform_test(&self, test: &Expression) -> Option<bool> {
        let is_platform = |e: &Expression| match e {
            Expression::Attribute { value, attr } => {
                attr == "platform" && matches!(&**value, Expression::Name { id } if self.imports(id, "sys"))
            }
            Expression::Name { id } => self.imports(id, "sys.platform"),
            _ => false,
        };
        let platform = self.platform;
        match test {
            Expression::Compare { left, comparisons } => {
                let [(op, right)] = comparisons.as_slice() else { return None };
                let (other, platform_left) = if is_platform(left) {
                    (right, true)
                } else if is_platform(right) {
                    (&**left, false)
                } else {
                    return None;
                };
                match (op.as_str(), other) {
                    ("==", Expression::Literal { literal: Literal::Str(s) }) => Some(platform == s),
                    ("!=", Expression::Literal { literal: Literal::Str(s) }) => Some(platform != s),
                    ("in", items) if platform_left => strings(items).map(|items| items.contains(&platform)),
                    ("not in", items) if platform_left => strings(items).map(|items| !items.contains(&platform)),
                    _ => None,
                }
            }
            Expression::Call { func, args, keywords } => {
                let Expression::Attribute { value, attr } = &**func else { return None };
                let ([prefix], true, true) = (args.as_slice(), keywords.is_empty(), attr == "startswith") else {
                    return None;
                };
                if !is_platform(value) {
                    return None;
                }
                match prefix {
                    Expression::Literal { literal: Literal::Str(s) } => Some(platform.starts_with(s.as_str())),
                    Expression::Tuple { .. } => strings(prefix).map(|p| p.iter().any(|s| platform.starts_with(s))),
                    _ => None,
                }
            }
            _ => None,
        }
    }
}

/// The strings of a tuple, list or set of string literals.
fn strings(items: &Expression) -> Option<Vec<&str>> {
    let (Expression::Tuple { elements } | Expression::List { elements } | Expression::Set { elements }) = items else {
        return None;
    };
    elements
        .iter()
        .map(|e| match e {
            Expression::Literal { literal: Literal::Str(s) } => Some(s.as_str()),
            _ => None,
        })
        .collect()
}

/// A test of `sys.platform` as mypy's reachability pass evaluates it for `platform`: a single
/// comparison with `sys.platform` on the left, `==`/`!=` a string or `in`/`not in` a tuple, list
/// or set of strings, or `sys.platform.startswith(...)` one string. None where mypy does not
/// evaluate it (the string first, a chained comparison, a tuple of prefixes).
fn static_platform_test(test: &Expression, platform: &str) -> Option<bool> {
    let is_platform = |e: &Expression| {
        matches!(e, Expression::Attribute { value, attr }
            if attr == "platform" && matches!(&**value, Expression::Name { id } if id == "sys"))
    };
    match test {
        Expression::Compare { left, comparisons } if is_platform(left) => {
            let [(op, right)] = comparisons.as_slice() else { return None };
            match (op.as_str(), right) {
                ("==", Expression::Literal { literal: Literal::Str(s) }) => Some(platform == s),
                ("!=", Expression::Literal { literal: Literal::Str(s) }) => Some(platform != s),
                ("in", items) => strings(items).map(|items| items.contains(&platform)),
                ("not in", items) => strings(items).map(|items| !items.contains(&platform)),
                _ => None,
            }
        }
        // mypy counts keyword arguments among a call's arguments, whatever their name.
        Expression::Call { func, args, keywords } => {
            let Expression::Attribute { value, attr } = &**func else { return None };
            let mut arguments = args.iter().chain(keywords.iter().map(|(_, v)| v));
            let (Some(Expression::Literal { literal: Literal::Str(prefix) }), None) =
                (arguments.next(), arguments.next())
            else {
                return None;
            };
            (attr == "startswith" && is_platform(value)).then(|| platform.starts_with(prefix.as_str()))
        }
        _ => None,
    }
}

/// `sys.version_info OP (3, N)` (or the tuple first) as mypy evaluates it: the version it checks
/// for is the pair `version`. None for any other comparison.
fn version_comparison(test: &Expression, version: (u8, u8), is_sys: impl Fn(&str) -> bool) -> Option<bool> {
    let (op, tuple, flipped) = version_operands(test, &is_sys)?;
    let ordering = version.cmp(&tuple);
    let ordering = if flipped { ordering.reverse() } else { ordering };
    compare(op, ordering)
}

/// The runtime's `sys.version_info` is `(3, minor, micro, releaselevel, serial)`: equal in its
/// first two items to `(3, minor)` and then longer, so greater.
fn runtime_version_comparison(test: &Expression, python_minor: u8, imports: &[(String, String)]) -> Option<bool> {
    let is_sys = |name: &str| imports.iter().any(|(bound, to)| bound == name && to == "sys");
    let (op, tuple, flipped) = version_operands(test, &is_sys)?;
    let ordering = (3, python_minor).cmp(&tuple).then(std::cmp::Ordering::Greater);
    let ordering = if flipped { ordering.reverse() } else { ordering };
    compare(op, ordering)
}

/// `(operator, (3, N), whether the tuple is on the left)` of a single comparison of
/// `sys.version_info` with a pair of int literals.
fn version_operands<'e>(test: &'e Expression, is_sys: &impl Fn(&str) -> bool) -> Option<(&'e str, (u8, u8), bool)> {
    let Expression::Compare { left, comparisons } = test else { return None };
    let [(op, right)] = comparisons.as_slice() else { return None };
    let is_version = |e: &Expression| {
        matches!(e, Expression::Attribute { value, attr }
            if attr == "version_info" && matches!(&**value, Expression::Name { id } if is_sys(id)))
    };
    let pair = |e: &Expression| match e {
        Expression::Tuple { elements } => match elements.as_slice() {
            [Expression::Literal { literal: Literal::Int(major) }, Expression::Literal { literal: Literal::Int(minor) }] => {
                Some((u8::try_from(*major).ok()?, u8::try_from(*minor).ok()?))
            }
            _ => None,
        },
        _ => None,
    };
    if is_version(left) {
        Some((op.as_str(), pair(right)?, false))
    } else if is_version(right) {
        Some((op.as_str(), pair(left)?, true))
    } else {
        None
    }
}

fn compare(op: &str, ordering: std::cmp::Ordering) -> Option<bool> {
    use std::cmp::Ordering::*;
    Some(match op {
        "<" => ordering == Less,
        "<=" => ordering != Greater,
        ">" => ordering == Greater,
        ">=" => ordering != Less,
        "==" => ordering == Equal,
        "!=" => ordering != Equal,
        _ => return None,
    })
}

/// Whether a comparison reads `sys.version_info`, which mypy evaluates in forms the lab does not
/// follow (`sys.version_info[0] >= 3`, `sys.version_info[:2] >= (3, 12)`).
fn mentions_version_info(test: &Expression) -> bool {
    match test {
        Expression::Attribute { value, attr } => {
            (attr == "version_info" && matches!(&**value, Expression::Name { id } if id == "sys"))
                || mentions_version_info(value)
        }
        Expression::Subscript { value, elements } => {
            mentions_version_info(value) || elements.iter().any(mentions_version_info)
        }
        Expression::Compare { left, comparisons } => {
            mentions_version_info(left) || comparisons.iter().any(|(_, right)| mentions_version_info(right))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::{Check, RuntimeVerdict};

    #[test]
    fn a_runtime_verdict_the_command_line_decides_is_declined_as_such_and_the_static_one_given() {
        let code = "import sys\nfrom typing import Protocol, runtime_checkable\n\nFLAG = len(sys.argv) > 5\n\n\
                    @runtime_checkable\nclass HasSize(Protocol):\n    size: int\n\nclass Flagged:\n    if FLAG:\n        \
                    size = 1\n";
        let report = crate::check_code(&lab::Code::parse(code).unwrap(), 13);
        let entry = &report.entries[0];
        // mypy counts the `if` body whatever the condition: `size` is an int attribute.
        assert_eq!(entry.static_ok, Some(true), "{entry:?}");
        let reason = entry.declined(Check::Runtime).expect("the runtime verdict is declined");
        assert!(reason.contains("`FLAG` (line 4) reads `sys.argv`: the command line"), "{reason}");
    }

    #[test]
    fn a_try_that_imports_runs_as_each_pythons_imports_go() {
        let code =
            "from typing import Protocol, runtime_checkable\n\n@runtime_checkable\nclass Closer(Protocol):\n    \
                    def close(self) -> None: ...\n\nclass TryCurses:\n    try:\n        import curses\n    \
                    except ImportError:\n        def close(self) -> None: pass\n";
        let code = lab::Code::parse(code).unwrap();
        // CPython on Linux has curses; Pyodide does not, and runs the handler.
        let runtime = |minor| crate::check_code(&code, minor).entries[0].runtime.clone();
        assert_eq!(runtime(13), Some(RuntimeVerdict::Matches(false)));
        assert_eq!(runtime(14), Some(RuntimeVerdict::Matches(true)));
        let outside = lab::Code::parse(&code.source().code().replace("curses", "yaml")).unwrap();
        let entry = &crate::check_code(&outside, 13).entries[0];
        let reason = entry.declined(Check::Runtime).expect("a module outside the standard library is declined");
        assert!(reason.contains("`yaml` is not a module of Python 3.13's standard library"), "{reason}");
    }
}
