//! A method generic in its own type variables (`def parse(self, x: T) -> T`, with a plain
//! `T = TypeVar("T")` at module level) against a Protocol's method, unified the way mypy does
//! before comparing them: each variable gets, from the protocol's signature, the type of the
//! parameters it annotates (lower bounds) and of the return it annotates (its upper bound), and
//! stands for its lower bound, else its upper bound. The method is then compared with the
//! variables put in. Only variables that annotate a parameter or the return as a whole, in
//! a plain `def` against a plain `def`, are read this way; the lab declines the others (mixed
//! lower bounds, which mypy joins, a variable nothing constrains, a variable inside a type).

use pysource::{Function, Module, Param, ParamKind, TypeExpr};

/// `have` (a method of the class `owner`) with its type variables solved against `want` (the
/// Protocol's), or why the lab cannot solve them; None when `have` uses none.
pub(crate) fn solve(
    module: &Module,
    owner: &str,
    have: &Function,
    want: &Function,
) -> Option<Result<Function, String>> {
    let variables: Vec<&String> = module.type_variables.iter().filter(|v| mentions(have, v)).collect();
    if variables.is_empty() || have.type_params.is_some() {
        return None;
    }
    Some(unify(module, &format!("{owner}.{} (line {})", have.name, have.line), have, want, &variables))
}

/// [`solve`] for `have`, written `at`, generic in `variables`.
fn unify(
    module: &Module,
    at: &str,
    have: &Function,
    want: &Function,
    variables: &[&String],
) -> Result<Function, String> {
    if have.is_async || want.is_async || want.type_params.is_some() {
        return Err(format!("{at} is generic in {}, and the lab unifies only plain defs", variables[0]));
    }
    if let Some(variable) = module.type_variables.iter().find(|v| mentions(want, v)) {
        return Err(format!("{at} is generic, and the Protocol's {} is generic in {variable} too", want.name));
    }
    let (have_signature, want_signature) = (have.bound_signature(), want.bound_signature());
    let bare = |annotation: Option<&str>| -> Result<Option<String>, String> {
        let Some(annotation) = annotation else { return Ok(None) };
        match crate::types::parse(annotation) {
            TypeExpr::Name(name) if variables.iter().any(|v| **v == name) => Ok(Some(name)),
            typ => match variables.iter().find(|v| contains(&typ, v)) {
                Some(variable) => {
                    Err(format!("{at} uses {variable} inside {annotation}, which the lab does not unify"))
                }
                None => Ok(None),
            },
        }
    };
    let mut lower: Vec<(String, TypeExpr)> = Vec::new();
    for (index, param) in have_signature.params.iter().enumerate() {
        let Some(variable) = bare(param.annotation.as_deref())? else { continue };
        if matches!(param.kind, ParamKind::VarPositional | ParamKind::VarKeyword) {
            return Err(format!("{at} annotates *{} with {variable}, which the lab does not unify", param.name));
        }
        if let Some(wanted) = counterpart(&want_signature.params, param, index) {
            lower.push((variable, wanted.annotation.as_deref().map_or(TypeExpr::Any, crate::types::parse)));
        }
    }
    let upper = bare(have_signature.returns.as_deref())?
        .map(|variable| (variable, want_signature.returns.as_deref().map_or(TypeExpr::Any, crate::types::parse)));
    let mut solution = Vec::new();
    for variable in variables {
        let bounds: Vec<&TypeExpr> = lower.iter().filter(|(v, _)| v == *variable).map(|(_, t)| t).collect();
        let solved = match (bounds.first(), &upper) {
            (Some(first), _) if bounds.iter().all(|t| t == first) => (*first).clone(),
            (Some(first), _) => {
                let other = bounds.iter().find(|t| *t != first).map_or(String::new(), |t| crate::callable::show(t));
                return Err(format!(
                    "{at} would make {variable} the join of {} and {other}, which the lab does not compute",
                    crate::callable::show(first)
                ));
            }
            (None, Some((v, typ))) if v == *variable => typ.clone(),
            (None, _) => {
                return Err(format!(
                    "{at} is generic in {variable}, which nothing in the Protocol's {} constrains",
                    want.name
                ));
            }
        };
        solution.push(((*variable).clone(), solved));
    }
    let replace = |name: &str| solution.iter().find(|(v, _)| v == name).map(|(_, t)| t.clone());
    Ok(Function { signature: crate::callable::bind(&have.signature, &replace), ..have.clone() })
}

/// The Protocol's parameter that a call through it passes to `param` (the `index`th of the
/// class's method, `self` left out): the one at the same position, or of the same name for a
/// keyword-only one.
fn counterpart<'p>(wanted: &'p [Param], param: &Param, index: usize) -> Option<&'p Param> {
    let positional = |p: &Param| matches!(p.kind, ParamKind::PositionalOnly | ParamKind::PositionalOrKeyword);
    match param.kind {
        ParamKind::PositionalOnly => wanted.get(index).filter(|p| positional(p)),
        ParamKind::PositionalOrKeyword => wanted
            .get(index)
            .filter(|p| positional(p))
            .or_else(|| wanted.iter().find(|p| p.kind == ParamKind::KeywordOnly && p.name == param.name)),
        ParamKind::KeywordOnly => wanted.iter().find(|p| p.kind == ParamKind::KeywordOnly && p.name == param.name),
        ParamKind::VarPositional | ParamKind::VarKeyword => None,
    }
}

/// Whether an annotation of `function` names `variable`.
fn mentions(function: &Function, variable: &str) -> bool {
    let signature = &function.signature;
    signature
        .params
        .iter()
        .filter_map(|p| p.annotation.as_deref())
        .chain(signature.returns.as_deref())
        .any(|annotation| contains(&crate::types::parse(annotation), variable))
}

/// Whether `typ` names `variable` anywhere.
fn contains(typ: &TypeExpr, variable: &str) -> bool {
    match typ {
        TypeExpr::Name(name) => name == variable,
        TypeExpr::Generic(name, arguments) => name == variable || arguments.iter().any(|a| contains(a, variable)),
        TypeExpr::Union(members) => members.iter().any(|m| contains(m, variable)),
        TypeExpr::Unknown(text) => text.split(|c: char| !(c.is_alphanumeric() || c == '_')).any(|w| w == variable),
        TypeExpr::Any | TypeExpr::None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn method(module: &Module, class: &str) -> Function {
        match &module.class(class).unwrap().members[0].kind {
            pysource::MemberKind::Method(function) => function.clone(),
            other => panic!("not a method: {other:?}"),
        }
    }

    #[test]
    fn type_variables_stand_for_what_the_protocol_passes_or_returns() {
        let module = pysource::parse(
            "from typing import Protocol, TypeVar\nT = TypeVar(\"T\")\n\
             class P(Protocol):\n    def f(self, x: int, y: str) -> object: ...\n\
             class Same:\n    def f(self, x: T, y: str) -> T: return x\n\
             class Joined:\n    def f(self, x: T, y: T) -> T: return x\n\
             class Returned:\n    def f(self, x: int, y: str) -> T: ...\n\
             class Wrapped:\n    def f(self, x: list[T], y: str) -> T: ...\n\
             class Plain:\n    def f(self, x: int, y: str) -> int: return x\n",
        )
        .unwrap();
        let want = method(&module, "P");
        let solved = |class: &str| solve(&module, class, &method(&module, class), &want);
        let same = solved("Same").unwrap().unwrap();
        assert_eq!(same.signature.params[1].annotation.as_deref(), Some("int"));
        assert_eq!(same.signature.returns.as_deref(), Some("int"));
        assert_eq!(solved("Returned").unwrap().unwrap().signature.returns.as_deref(), Some("object"));
        assert!(solved("Joined").unwrap().unwrap_err().contains("join of int and str"));
        assert!(solved("Wrapped").unwrap().unwrap_err().contains("inside list[T]"));
        assert!(solved("Plain").is_none());
    }
}
