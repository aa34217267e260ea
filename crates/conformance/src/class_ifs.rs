//! The `if` statements of class bodies, read as mypy and as CPython read them.
//!
//! mypy decides before type checking which blocks are unreachable (its `reachability.py`): a
//! comparison of `sys.version_info` with a tuple holds or not for the Python version it checks
//! for, `TYPE_CHECKING` always holds for it (and so skips the `else`), `not` inverts either, and
//! `and`/`or` combine them by its rules. Any other condition (`True`, a flag, a call) is unknown
//! to that pass: every clause's definitions count, so a member defined only under `if False:`
//! is still a member for mypy.
//! CPython runs the one clause whose condition holds, which the lab knows only for the
//! constants: `True`, `False`, `TYPE_CHECKING` (False at runtime) and `sys.version_info`
//! comparisons with the running version, and `not`, `and` and `or` of them as far as Python
//! evaluates them. Anything else leaves the `if` unread, and its class declined, for that check.

use std::cell::RefCell;
use std::collections::HashMap;

use pysource::{ClassIfClause, Expression, Literal, Module, Source};

/// A module read with its class bodies' `if`s chosen, and why the lab left unread those it
/// did, by the line of their clause.
pub(crate) struct ClassIfs {
    pub module: Module,
    pub unread: HashMap<usize, String>,
}

/// The module as mypy reads it when checking for Python 3.`python_minor`.
pub(crate) fn static_module(source: &Source, python_minor: u8) -> ClassIfs {
    read(source, |test, text| match static_clause(test, python_minor) {
        ClassIfClause::Unread => {
            Err(format!("tests `{text}`, which mypy evaluates by rules of its own that the lab does not follow"))
        }
        clause => Ok(clause),
    })
}

/// The module as CPython 3.`python_minor` runs it.
pub(crate) fn runtime_module(source: &Source, python_minor: u8) -> ClassIfs {
    let imports = imported(source);
    read(source, |test, text| match holds(test, python_minor, &imports) {
        Some(true) => Ok(ClassIfClause::Taken),
        Some(false) => Ok(ClassIfClause::Skipped),
        None => Err(format!("runs its body only if `{text}` holds, which the lab does not evaluate")),
    })
}

/// Reads the module with each clause chosen by `choose`, or left unread for the reason it gives.
fn read(source: &Source, choose: impl Fn(&Expression, &str) -> Result<ClassIfClause, String>) -> ClassIfs {
    let unread = RefCell::new(HashMap::new());
    let module = source.module_reading_class_ifs(&|text, line| {
        let clause = pysource::expression(text)
            .ok_or_else(|| format!("tests `{text}`, which the lab does not read"))
            .and_then(|test| choose(&test, text));
        // A clause read yet left unread by the reader redefines a name of its class.
        let reason = clause.clone().err().unwrap_or_else(|| {
            "defines a name of its class again: the lab does not read which definition counts".to_owned()
        });
        unread.borrow_mut().insert(line, reason);
        clause.unwrap_or(ClassIfClause::Unread)
    });
    ClassIfs { module, unread: unread.into_inner() }
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
        Expression::Compare { .. } => match version_comparison(test, (3, python_minor), |name| name == "sys") {
            Some(true) => ClassIfClause::Taken,
            Some(false) => ClassIfClause::Skipped,
            // `sys.platform` and other comparisons mypy evaluates are not followed.
            None if mentions_sys(test) => ClassIfClause::Unread,
            None => ClassIfClause::Either,
        },
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

/// Whether `test` holds on CPython 3.`python_minor`, where the lab knows: None otherwise.
fn holds(test: &Expression, python_minor: u8, imports: &[(String, String)]) -> Option<bool> {
    let names = |name: &str, target: &str| imports.iter().any(|(bound, to)| bound == name && to == target);
    match test {
        Expression::Literal { literal: Literal::Bool(value) } => Some(*value),
        Expression::UnaryOp { op, operand } if op == "not" => holds(operand, python_minor, imports).map(|v| !v),
        Expression::Name { id } if names(id, "typing.TYPE_CHECKING") => Some(false),
        Expression::Attribute { value, attr } if attr == "TYPE_CHECKING" => {
            matches!(&**value, Expression::Name { id } if names(id, "typing")).then_some(false)
        }
        Expression::Compare { .. } => runtime_version_comparison(test, python_minor, imports),
        // Python stops at the first operand that decides: the ones after it are not evaluated.
        Expression::BoolOp { op, values } if op == "and" || op == "or" => {
            let decides = op == "or";
            for value in values {
                if holds(value, python_minor, imports)? == decides {
                    return Some(decides);
                }
            }
            Some(!decides)
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

/// Whether a comparison reads an attribute of `sys` (mypy evaluates `sys.platform` and
/// `sys.version_info[...]` comparisons too).
fn mentions_sys(test: &Expression) -> bool {
    match test {
        Expression::Attribute { value, .. } => {
            matches!(&**value, Expression::Name { id } if id == "sys") || mentions_sys(value)
        }
        Expression::Subscript { value, elements } => mentions_sys(value) || elements.iter().any(mentions_sys),
        Expression::Compare { left, comparisons } => {
            mentions_sys(left) || comparisons.iter().any(|(_, right)| mentions_sys(right))
        }
        _ => false,
    }
}
