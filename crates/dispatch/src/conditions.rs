//! Module-level `if` statements, and those in a top-level class body, whose condition CPython
//! evaluates the same way on every run of the chosen Python: `True` and `False`,
//! `typing.TYPE_CHECKING` (False when the code runs), `__name__ == "__main__"` and `__debug__`
//! (as the runner runs the code), `len()` of a literal, comparisons of `sys.version_info` with
//! the chosen minor version, and names bound once, before the `if`, to a literal or such a
//! `len()` (in a class body, the class body's own names first). The clause
//! such a statement runs is read as top-level statements, or as the class body's (as CPython
//! runs them); any other condition leaves the `if` a block the lab names and declines.

use ruff_python_ast::{self as ast, CmpOp, Expr, Number, Stmt, UnaryOp};
use ruff_text_size::{Ranged, TextSize};

use crate::recognize::{binds, nested_binds};

/// What the conditions may read: the module's own statements and the Python they run on.
pub(crate) struct Conditions<'a> {
    pub(crate) raw: &'a [Stmt],
    /// The chosen CPython's minor version; None when no version is chosen (a version's
    /// comparison is then not evaluated).
    pub(crate) python_minor: Option<u8>,
    /// Some code may rebind top-level names unseen (`global`, `globals()`, `vars()`, `exec`).
    pub(crate) rebound_unseen: &'a dyn Fn(&str) -> bool,
    /// For the statements of a class body (`raw`), the module's: a name the class body does not
    /// bind is the module's.
    pub(crate) enclosing: Option<&'a Conditions<'a>>,
}

/// A value a condition may compute.
#[derive(Clone, Debug, PartialEq)]
enum Value {
    Bool(bool),
    None,
    Int(i64),
    Str(String),
    Tuple(Vec<i64>),
    /// `sys.version_info`: `(3, minor, micro, releaselevel, serial)`, micro and after unknown.
    VersionInfo(u8),
}

impl Value {
    fn truthy(&self) -> bool {
        match self {
            Value::Bool(b) => *b,
            Value::None => false,
            Value::Int(i) => *i != 0,
            Value::Str(text) => !text.is_empty(),
            Value::Tuple(items) => !items.is_empty(),
            Value::VersionInfo(_) => true,
        }
    }
}

impl Conditions<'_> {
    /// The module's statements with each `if` whose conditions the lab evaluates replaced by the
    /// statements of the clause that runs (nested `if`s alike); None when there is none.
    pub(crate) fn flatten(&self) -> Option<Vec<Stmt>> {
        let mut out = Vec::new();
        let mut resolved = false;
        self.expand(self.raw, &mut out, &mut resolved);
        resolved.then_some(out)
    }

    fn expand(&self, stmts: &[Stmt], out: &mut Vec<Stmt>, resolved: &mut bool) {
        for stmt in stmts {
            match stmt {
                Stmt::If(if_stmt) => {
                    if let Ok(clause) = self.taken(if_stmt) {
                        *resolved = true;
                        self.expand(clause, out, resolved);
                        continue;
                    }
                }
                Stmt::ClassDef(class) => {
                    let mut body = Vec::new();
                    let mut class_resolved = false;
                    self.expand_class(class, &class.body, &mut body, &mut class_resolved);
                    if class_resolved {
                        *resolved = true;
                        out.push(Stmt::ClassDef(ast::StmtClassDef { body: body.into(), ..class.clone() }));
                        continue;
                    }
                }
                _ => {}
            }
            out.push(stmt.clone());
        }
    }

    /// `expand` for the statements of a class body: an `if` there runs when the class statement
    /// does, and its clause's statements are the class's.
    fn expand_class(&self, class: &ast::StmtClassDef, stmts: &[Stmt], out: &mut Vec<Stmt>, resolved: &mut bool) {
        for stmt in stmts {
            if let Stmt::If(if_stmt) = stmt {
                if let Ok(clause) = self.taken_in_class(class, if_stmt) {
                    *resolved = true;
                    self.expand_class(class, clause, out, resolved);
                    continue;
                }
            }
            out.push(stmt.clone());
        }
    }

    /// `taken` for an `if` in the body of `class`: a name the class body binds is the class's
    /// own there, read as a module's name is (bound once, before the `if`, to a literal).
    pub(crate) fn taken_in_class<'s>(
        &self,
        class: &'s ast::StmtClassDef,
        if_stmt: &'s ast::StmtIf,
    ) -> Result<&'s [Stmt], &'s Expr> {
        let class_body = Conditions {
            raw: &class.body,
            python_minor: self.python_minor,
            rebound_unseen: &|_| false,
            enclosing: Some(self),
        };
        class_body.taken(if_stmt)
    }

    /// The statements of the clause that runs (none when no clause does), or the first
    /// condition the lab does not evaluate.
    pub(crate) fn taken<'s>(&self, if_stmt: &'s ast::StmtIf) -> Result<&'s [Stmt], &'s Expr> {
        let at = if_stmt.start();
        if self.eval(&if_stmt.test, at).ok_or(&*if_stmt.test)?.truthy() {
            return Ok(&if_stmt.body);
        }
        for clause in &if_stmt.elif_else_clauses {
            match &clause.test {
                None => return Ok(&clause.body),
                Some(test) => {
                    if self.eval(test, at).ok_or(test)?.truthy() {
                        return Ok(&clause.body);
                    }
                }
            }
        }
        Ok(&[])
    }

    fn eval(&self, expr: &Expr, at: TextSize) -> Option<Value> {
        match expr {
            Expr::BooleanLiteral(b) => Some(Value::Bool(b.value)),
            Expr::NoneLiteral(_) => Some(Value::None),
            Expr::NumberLiteral(n) => match &n.value {
                Number::Int(i) => i.as_i64().map(Value::Int),
                _ => None,
            },
            Expr::StringLiteral(s) => Some(Value::Str(s.value.to_str().to_string())),
            Expr::Call(call) => self.length(call, at),
            Expr::Tuple(tuple) => {
                let items = tuple.elts.iter().map(|e| match self.eval(e, at)? {
                    Value::Int(i) => Some(i),
                    _ => None,
                });
                items.collect::<Option<Vec<i64>>>().map(Value::Tuple)
            }
            Expr::Name(name) => self.name(name.id.as_str(), at),
            Expr::Attribute(attribute) => {
                let attr = attribute.attr.id.as_str();
                if let Expr::Name(module) = &*attribute.value {
                    match (self.import(module.id.as_str(), at), attr) {
                        (Some((m, None)), "TYPE_CHECKING") if m == "typing" => return Some(Value::Bool(false)),
                        (Some((m, None)), "version_info") if m == "sys" => {
                            return self.python_minor.map(Value::VersionInfo)
                        }
                        _ => {}
                    }
                }
                match (self.eval(&attribute.value, at)?, attr) {
                    (Value::VersionInfo(_), "major") => Some(Value::Int(3)),
                    (Value::VersionInfo(minor), "minor") => Some(Value::Int(i64::from(minor))),
                    _ => None,
                }
            }
            Expr::Subscript(subscript) => {
                let Value::VersionInfo(minor) = self.eval(&subscript.value, at)? else { return None };
                let known = [3, i64::from(minor)];
                match &*subscript.slice {
                    Expr::Slice(slice) if slice.lower.is_none() && slice.step.is_none() => {
                        let Value::Int(upper) = self.eval(slice.upper.as_deref()?, at)? else { return None };
                        let upper = usize::try_from(upper).ok().filter(|u| (1..=2).contains(u))?;
                        Some(Value::Tuple(known[..upper].to_vec()))
                    }
                    index => match self.eval(index, at)? {
                        Value::Int(i) => usize::try_from(i).ok().and_then(|i| known.get(i)).map(|v| Value::Int(*v)),
                        _ => None,
                    },
                }
            }
            Expr::UnaryOp(unary) if unary.op == UnaryOp::Not => {
                Some(Value::Bool(!self.eval(&unary.operand, at)?.truthy()))
            }
            Expr::BoolOp(bool_op) => {
                // Python stops at the first operand that decides: the ones after are not evaluated.
                let mut last = None;
                for value in &bool_op.values {
                    let value = self.eval(value, at)?;
                    let decides = value.truthy() == (bool_op.op == ast::BoolOp::Or);
                    last = Some(value);
                    if decides {
                        break;
                    }
                }
                last
            }
            Expr::Compare(compare) => {
                let mut left = self.eval(&compare.left, at)?;
                for (op, right) in compare.ops.iter().zip(compare.comparators.iter()) {
                    let right = self.eval(right, at)?;
                    if !holds(&left, *op, &right)? {
                        return Some(Value::Bool(false));
                    }
                    left = right;
                }
                Some(Value::Bool(true))
            }
            _ => None,
        }
    }

    /// `len()` of a string or a tuple of integers, with `len` the built-in.
    fn length(&self, call: &ast::ExprCall, at: TextSize) -> Option<Value> {
        let Expr::Name(func) = &*call.func else { return None };
        let [argument] = &call.arguments.args[..] else { return None };
        if func.id.as_str() != "len" || !call.arguments.keywords.is_empty() || self.bound_anywhere("len") {
            return None;
        }
        let length = match self.eval(argument, at)? {
            Value::Str(text) => text.chars().count(),
            Value::Tuple(items) => items.len(),
            _ => return None,
        };
        i64::try_from(length).ok().map(Value::Int)
    }

    /// These statements (a class body's, for an enclosed one) bind `name`, in a block too.
    fn binds_here(&self, name: &str) -> bool {
        self.raw.iter().any(|s| binds(s, name) || nested_binds(s, name))
    }

    /// The code binds `name` somewhere at the top level or in a block, or may rebind it unseen.
    fn bound_anywhere(&self, name: &str) -> bool {
        (self.rebound_unseen)(name) || self.binds_here(name) || self.enclosing.is_some_and(|e| e.bound_anywhere(name))
    }

    /// A name's value at `at`: `TYPE_CHECKING` or `version_info` imported before, a name bound
    /// once, before, to a literal, or one the runner sets: `__name__` is `'__main__'` (the
    /// runner's namespace, as `python main.py` has it), and `__debug__` is True (no `-O`).
    fn name(&self, name: &str, at: TextSize) -> Option<Value> {
        if let Some(enclosing) = self.enclosing.filter(|_| !self.binds_here(name)) {
            return enclosing.name(name, at);
        }
        match name {
            "__name__" if !self.bound_anywhere(name) => return Some(Value::Str("__main__".into())),
            "__debug__" => return Some(Value::Bool(true)),
            _ => {}
        }
        match self.import(name, at) {
            Some((module, Some(attr))) if module == "typing" && attr == "TYPE_CHECKING" => {
                return Some(Value::Bool(false))
            }
            Some((module, Some(attr))) if module == "sys" && attr == "version_info" => {
                return self.python_minor.map(Value::VersionInfo)
            }
            Some(_) => return None,
            None => {}
        }
        let Stmt::Assign(assign) = self.bound_once_before(name, at)? else { return None };
        let [Expr::Name(_)] = assign.targets.as_slice() else { return None };
        match &*assign.value {
            Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::NumberLiteral(_)
            | Expr::StringLiteral(_)
            | Expr::Call(_) => self.eval(&assign.value, at),
            _ => None,
        }
    }

    /// The one top-level statement that binds `name`, when it ends before `at` and nothing else
    /// binds it, at the top level or in a block.
    fn bound_once_before(&self, name: &str, at: TextSize) -> Option<&Stmt> {
        if (self.rebound_unseen)(name) || self.raw.iter().any(|s| nested_binds(s, name)) {
            return None;
        }
        let mut binding = self.raw.iter().filter(|s| binds(s, name));
        let stmt = binding.next()?;
        (binding.next().is_none() && stmt.end() <= at).then_some(stmt)
    }

    /// What the import binding `name` once, before `at`, imports: `(module, Some(name))` for
    /// `from module import name`, `(module, None)` for `import module`.
    fn import(&self, name: &str, at: TextSize) -> Option<(String, Option<String>)> {
        if let Some(enclosing) = self.enclosing.filter(|_| !self.binds_here(name)) {
            return enclosing.import(name, at);
        }
        let bound = |alias: &&ast::Alias| alias.asname.as_ref().unwrap_or(&alias.name).id.as_str() == name;
        match self.bound_once_before(name, at)? {
            Stmt::ImportFrom(import) if import.level == 0 => {
                let alias = import.names.iter().find(bound)?;
                Some((import.module.as_ref()?.id.to_string(), Some(alias.name.id.to_string())))
            }
            Stmt::Import(import) => {
                let alias = import.names.iter().find(bound)?;
                (!alias.name.id.as_str().contains('.')).then(|| (alias.name.id.to_string(), None))
            }
            _ => None,
        }
    }
}

/// Whether `left op right` holds; None when the lab does not know.
fn holds(left: &Value, op: CmpOp, right: &Value) -> Option<bool> {
    use std::cmp::Ordering;
    let ordering = match (left, right) {
        (Value::Int(a), Value::Int(b)) => a.cmp(b),
        (Value::Tuple(a), Value::Tuple(b)) => a.cmp(b),
        (Value::VersionInfo(minor), Value::Tuple(t)) => version_ordering(*minor, t)?,
        (Value::Tuple(t), Value::VersionInfo(minor)) => version_ordering(*minor, t)?.reverse(),
        (Value::Str(a), Value::Str(b)) if matches!(op, CmpOp::Eq | CmpOp::NotEq) => a.cmp(b),
        _ => return None,
    };
    Some(match op {
        CmpOp::Lt => ordering == Ordering::Less,
        CmpOp::LtE => ordering != Ordering::Greater,
        CmpOp::Gt => ordering == Ordering::Greater,
        CmpOp::GtE => ordering != Ordering::Less,
        CmpOp::Eq => ordering == Ordering::Equal,
        CmpOp::NotEq => ordering != Ordering::Equal,
        _ => return None,
    })
}

/// `sys.version_info` (3, minor, micro, ...) against a tuple of integers, compared item by
/// item; None when the micro version would decide.
fn version_ordering(minor: u8, tuple: &[i64]) -> Option<std::cmp::Ordering> {
    let known = [3, i64::from(minor)];
    for (index, item) in tuple.iter().enumerate() {
        let Some(own) = known.get(index) else {
            // The micro version is at least 0, and version_info goes on after it.
            return (index == 2 && *item == 0 && tuple.len() == 3).then_some(std::cmp::Ordering::Greater);
        };
        if own != item {
            return Some(own.cmp(item));
        }
    }
    // Equal so far, and version_info is the longer tuple.
    Some(std::cmp::Ordering::Greater)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flat(code: &str, minor: u8) -> Option<Vec<String>> {
        let parsed = ruff_python_parser::parse_module(code).unwrap();
        let conditions = Conditions {
            raw: &parsed.syntax().body,
            python_minor: Some(minor),
            rebound_unseen: &|_| false,
            enclosing: None,
        };
        conditions.flatten().map(|body| body.iter().map(|s| code[s.range()].to_string()).collect())
    }

    #[test]
    fn version_comparisons_follow_the_chosen_minor() {
        let code = "import sys\nif sys.version_info >= (3, 12):\n    a = 1\nelse:\n    b = 2\n";
        assert_eq!(flat(code, 11).unwrap(), ["import sys", "b = 2"]);
        assert_eq!(flat(code, 12).unwrap(), ["import sys", "a = 1"]);
        let micro = "import sys\nif sys.version_info >= (3, 12, 1):\n    a = 1\n";
        assert_eq!(flat(micro, 12), None, "the micro version decides");
        assert_eq!(flat(micro, 13).unwrap(), ["import sys", "a = 1"]);
        let zero = "import sys\nif sys.version_info >= (3, 12, 0):\n    a = 1\n";
        assert_eq!(flat(zero, 12).unwrap(), ["import sys", "a = 1"]);
        let sliced =
            "from sys import version_info\nif version_info[:2] == (3, 13) or version_info.minor > 13:\n    a = 1\n";
        assert_eq!(flat(sliced, 12).unwrap(), ["from sys import version_info"]);
        assert_eq!(flat(sliced, 14).unwrap(), ["from sys import version_info", "a = 1"]);
    }

    #[test]
    fn only_names_bound_once_before_to_a_literal_are_constants() {
        assert_eq!(flat("DEBUG = 0\nif not DEBUG:\n    a = 1\n", 12).unwrap(), ["DEBUG = 0", "a = 1"]);
        assert_eq!(flat("if DEBUG:\n    a = 1\nDEBUG = 0\n", 12), None, "bound after the if");
        assert_eq!(flat("DEBUG = 0\nDEBUG += 1\nif DEBUG:\n    a = 1\n", 12), None, "bound twice");
        assert_eq!(flat("DEBUG = f()\nif DEBUG:\n    a = 1\n", 12), None, "not a literal");
        assert_eq!(flat("if TYPE_CHECKING:\n    a = 1\n", 12), None, "TYPE_CHECKING not imported");
        let typing = "import typing\nif typing.TYPE_CHECKING:\n    a = 1\nelif True:\n    b = 1\n";
        assert_eq!(flat(typing, 12).unwrap(), ["import typing", "b = 1"]);
    }
}
