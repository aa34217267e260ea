//! `global` statements anywhere in a function. CPython's symbol table makes a declared name the
//! module's in the whole function, and refuses to compile a program where the name was already
//! a parameter, used or assigned in that scope when the declaration comes (`symtable.c`): a
//! SyntaxError at the declaration, before any of the program runs. The first such declaration
//! in the source is the one reported.

use pysource::{Expression, Literal, Statement, StatementKind};

use super::closures::names_read;
use super::{parameters, Outcome, Run, Stop};

/// What a scope did with its names before a `global` statement.
#[derive(Default)]
struct Seen {
    used: Vec<String>,
    assigned: Vec<String>,
}

impl Run<'_> {
    /// The SyntaxError of a `global` statement that comes too late, as its line and message,
    /// if the program has one.
    pub(super) fn late_global(&self, module: &[Statement]) -> Outcome<Option<(usize, String)>> {
        let mut found = late_global_in(module, &[])?;
        for body in self.bodies {
            if let Some((line, message)) = late_global_in(&body.statements, &parameters(body))? {
                if found.as_ref().is_none_or(|(first, _)| line < *first) {
                    found = Some((line, message));
                }
            }
        }
        Ok(found)
    }
}

/// The names `statements` declare `global`, in their blocks too (not in functions defined in
/// them, which are scopes of their own).
pub(super) fn global_names(statements: &[Statement], names: &mut Vec<String>) {
    pysource::visit_in_blocks(statements, &mut |statement| {
        if let StatementKind::Global { names: declared } = &statement.kind {
            names.extend(declared.iter().cloned());
        }
    });
}

/// The first `global` statement of one scope that names a parameter or a name the scope used or
/// assigned before it; None for a scope without `global` statements.
fn late_global_in(statements: &[Statement], params: &[String]) -> Outcome<Option<(usize, String)>> {
    let mut declared = Vec::new();
    global_names(statements, &mut declared);
    if declared.is_empty() {
        return Ok(None);
    }
    // Declarations before anything else (a docstring aside) come too late only for parameters.
    let leading = statements
        .iter()
        .enumerate()
        .take_while(|(position, statement)| match &statement.kind {
            StatementKind::Global { .. } => true,
            StatementKind::Expr { value: Expression::Literal { literal: Literal::Str(_) } } => *position == 0,
            _ => false,
        })
        .count();
    let mut later = Vec::new();
    global_names(&statements[leading..], &mut later);
    annotated_global(statements, &declared)?;
    if later.is_empty() {
        return scan(&statements[..leading], params, &mut Seen::default());
    }
    scan(statements, params, &mut Seen::default())
}

fn scan(statements: &[Statement], params: &[String], seen: &mut Seen) -> Outcome<Option<(usize, String)>> {
    for statement in statements {
        let found = match &statement.kind {
            StatementKind::Global { names } => {
                // The parameter's message first, then the use's, then the assignment's.
                let message = names.iter().find_map(|name| {
                    if params.contains(name) {
                        Some(format!("name '{name}' is parameter and global"))
                    } else if seen.used.contains(name) {
                        Some(format!("name '{name}' is used prior to global declaration"))
                    } else if seen.assigned.contains(name) {
                        Some(format!("name '{name}' is assigned to before global declaration"))
                    } else {
                        None
                    }
                });
                message.map(|message| (statement.line, message))
            }
            StatementKind::Assign { targets, value } => {
                targets.iter().try_for_each(|t| target(t, seen))?;
                read(value, seen)?;
                None
            }
            StatementKind::AugAssign { target: assigned, value, .. } => {
                target(assigned, seen)?;
                read(value, seen)?;
                None
            }
            StatementKind::Delete { targets } => {
                targets.iter().try_for_each(|t| target(t, seen))?;
                None
            }
            StatementKind::Expr { value } | StatementKind::Return { value: Some(value) } => {
                read(value, seen)?;
                None
            }
            StatementKind::Raise { exception, cause } => {
                exception.iter().chain(cause).try_for_each(|e| read(e, seen))?;
                None
            }
            StatementKind::If { test, body, orelse } | StatementKind::While { test, body, orelse } => {
                read(test, seen)?;
                scan(body, params, seen)?.or(scan(orelse, params, seen)?)
            }
            StatementKind::For { target: assigned, iter, body, orelse } => {
                target(assigned, seen)?;
                read(iter, seen)?;
                scan(body, params, seen)?.or(scan(orelse, params, seen)?)
            }
            StatementKind::With { items, body } => {
                for (context, assigned) in items {
                    read(context, seen)?;
                    assigned.iter().try_for_each(|t| target(t, seen))?;
                }
                scan(body, params, seen)?
            }
            StatementKind::Try { body, handlers, orelse, finalbody, handler_types } => {
                let mut found = scan(body, params, seen)?;
                for ((name, handler), clause) in handlers.iter().zip(handler_types) {
                    if found.is_some() {
                        break;
                    }
                    clause.class.iter().try_for_each(|c| read(c, seen))?;
                    seen.assigned.extend(name.iter().cloned());
                    found = scan(handler, params, seen)?;
                }
                match found {
                    Some(found) => Some(found),
                    None => scan(orelse, params, seen)?.or(scan(finalbody, params, seen)?),
                }
            }
            StatementKind::Return { value: None }
            | StatementKind::Pass
            | StatementKind::Break
            | StatementKind::Continue
            | StatementKind::Nonlocal { .. } => None,
            _ => {
                return Err(not_modelled!(
                    "`{}` in a scope with a `global` statement is not modelled",
                    statement.text.lines().next().unwrap_or_default()
                ))
            }
        };
        if found.is_some() {
            return Ok(found);
        }
    }
    Ok(None)
}

/// The names `expr` reads in this scope (a comprehension's own scope aside).
fn read(expr: &Expression, seen: &mut Seen) -> Outcome<()> {
    names_read(expr, &mut seen.used, false)
}

/// An assignment's target: a name is assigned, an attribute's or an item's object is read.
fn target(expr: &Expression, seen: &mut Seen) -> Outcome<()> {
    match expr {
        Expression::Name { id } => seen.assigned.push(id.clone()),
        Expression::Tuple { elements } | Expression::List { elements } => {
            elements.iter().try_for_each(|e| target(e, seen))?
        }
        other => read(other, seen)?,
    }
    Ok(())
}

/// An annotated assignment to a declared name is a SyntaxError of its own, which the model does
/// not predict (it reads `x: int = 1` as `x = 1`).
fn annotated_global(statements: &[Statement], declared: &[String]) -> Outcome<()> {
    for statement in statements {
        match &statement.kind {
            StatementKind::Assign { targets, .. } => {
                let annotated = targets.iter().any(|t| {
                    matches!(t, Expression::Name { id } if declared.contains(id)
                        && statement.text.strip_prefix(id.as_str()).is_some_and(|rest| rest.trim_start().starts_with(':')))
                });
                if annotated {
                    return Err(not_modelled!(
                        "the annotated `{}` of a name declared `global` (SyntaxError) is not modelled",
                        statement.text.lines().next().unwrap_or_default()
                    ));
                }
            }
            StatementKind::If { body, orelse, .. }
            | StatementKind::While { body, orelse, .. }
            | StatementKind::For { body, orelse, .. } => {
                annotated_global(body, declared)?;
                annotated_global(orelse, declared)?;
            }
            StatementKind::With { body, .. } => annotated_global(body, declared)?,
            StatementKind::Try { body, handlers, orelse, finalbody, .. } => {
                annotated_global(body, declared)?;
                handlers.iter().try_for_each(|(_, handler)| annotated_global(handler, declared))?;
                annotated_global(orelse, declared)?;
                annotated_global(finalbody, declared)?;
            }
            _ => {}
        }
    }
    Ok(())
}
