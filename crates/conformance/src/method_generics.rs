//! A method generic in its own type variables (`def parse(self, x: T) -> T`, with a plain
//! `T = TypeVar("T")` at module level) against a Protocol's method, unified the way mypy does
//! before comparing them: each variable gets, from the protocol's signature, lower bounds from
//! the parameters (what a call through the Protocol passes) and upper bounds from the return
//! (what the Protocol promises), and stands for the join of its lower bounds, else its upper
//! bound, else `Never`. The method is then compared with the variables put in. A variable
//! inside a type is matched with the same place of the Protocol's type as mypy's constraint
//! inference does: through the arguments of the same generic (each by its variance in
//! typeshed's stubs), of the ancestor a standard-library class passes them to (`list[T]` is a
//! `Sequence[T]`), of `Callable` parameters (contravariant) and returns, and of the members of
//! a union; a type with nothing in common with the Protocol's (`list[T]` against `int`) gives
//! no bound; a union whose members could take the Protocol's type gives a bound only where one
//! of them can (`T | int` against `int` gives none, as in mypy). The lab declines what it does not
//! follow: a join it does not know (of generic types, with numeric promotions), differing upper
//! bounds (a meet), a returned type with a variable against a union, a member with a variable
//! inside that could take the Protocol's type, variables in `*args`, async or generic Protocol
//! methods. A parameter's type is matched with each member of a union the Protocol passes.
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
    let mentioned = |annotation: &str| variables.iter().any(|v| contains(&crate::types::parse(annotation), v));
    let mut constraints = Vec::new();
    for (index, param) in have_signature.params.iter().enumerate() {
        let Some(annotation) = param.annotation.as_deref().filter(|a| mentioned(a)) else { continue };
        if matches!(param.kind, ParamKind::VarPositional | ParamKind::VarKeyword) {
            let variable = variables.iter().find(|v| contains(&crate::types::parse(annotation), v));
            let variable = variable.map_or(String::new(), |v| (*v).clone());
            return Err(format!("{at} annotates *{} with {variable}, which the lab does not unify", param.name));
        }
        if let Some(wanted) = counterpart(&want_signature.params, param, index) {
            // A call through the Protocol passes the wanted type: the parameter takes it.
            let wanted = wanted.annotation.as_deref().map_or(TypeExpr::Any, crate::types::parse);
            let unifier = Unifier { module, variables, at };
            unifier.infer(&crate::types::parse(annotation), &wanted, Bound::Lower, &mut constraints)?;
        }
    }
    if let Some(returns) = have_signature.returns.as_deref().filter(|r| mentioned(r)) {
        let wanted = want_signature.returns.as_deref().map_or(TypeExpr::Any, crate::types::parse);
        let unifier = Unifier { module, variables, at };
        unifier.infer(&crate::types::parse(returns), &wanted, Bound::Upper, &mut constraints)?;
    }
    let mut solution = Vec::new();
    for variable in variables {
        let bounds = |kind: Bound| -> Vec<&TypeExpr> {
            constraints.iter().filter(|(v, b, _)| v == *variable && *b == kind).map(|(_, _, t)| t).collect()
        };
        let (lower, upper) = (bounds(Bound::Lower), bounds(Bound::Upper));
        // mypy's solution: the join of the lower bounds, else the meet of the upper bounds. Where
        // the join is not below an upper bound, mypy finds no solution and the method does not
        // match; with the join put in, the comparison fails where that bound came from.
        let solved = match (lower.first(), upper.first()) {
            (Some(first), _) => {
                let joined = lower.iter().skip(1).try_fold((*first).clone(), |joined, typ| {
                    join(&joined, typ, module).ok_or_else(|| {
                        format!(
                            "{at} would make {variable} the join of {} and {}, which the lab does not compute",
                            crate::callable::show(&joined),
                            crate::callable::show(typ)
                        )
                    })
                })?;
                joined
            }
            (None, Some(first)) if upper.iter().all(|t| t == first) => (*first).clone(),
            (None, Some(first)) => {
                let other = upper.iter().find(|t| *t != first).map_or(String::new(), |t| crate::callable::show(t));
                return Err(format!(
                    "{at} would make {variable} the meet of {} and {other}, which the lab does not compute",
                    crate::callable::show(first)
                ));
            }
            // mypy's strict solution for a variable without constraints: the empty type.
            (None, None) => TypeExpr::Name("Never".to_owned()),
        };
        solution.push(((*variable).clone(), solved));
    }
    let replace = |name: &str| solution.iter().find(|(v, _)| v == name).map(|(_, t)| t.clone());
    Ok(Function { signature: crate::callable::bind(&have.signature, &replace), ..have.clone() })
}

/// Which side of a type variable a constraint bounds it from: a parameter takes what the
/// Protocol passes (the variable is at least that), a return gives what the Protocol returns (at
/// most that).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Bound {
    Lower,
    Upper,
}

impl Bound {
    fn flipped(self) -> Bound {
        match self {
            Bound::Lower => Bound::Upper,
            Bound::Upper => Bound::Lower,
        }
    }
}

/// mypy's constraint inference (`constraints.py`) for the types the lab knows: a variable in a
/// type is matched with the part of the Protocol's type in the same place.
struct Unifier<'a> {
    module: &'a Module,
    variables: &'a [&'a String],
    at: &'a str,
}

impl Unifier<'_> {
    /// Adds to `out` the constraints that `template` (the class's type, with variables) being
    /// `bound`-bounded by `actual` (the Protocol's) puts on the variables.
    fn infer(
        &self,
        template: &TypeExpr,
        actual: &TypeExpr,
        bound: Bound,
        out: &mut Vec<(String, Bound, TypeExpr)>,
    ) -> Result<(), String> {
        let Some(variable) = self.variables.iter().find(|v| contains(template, v)) else { return Ok(()) };
        let declined = || {
            Err(format!(
                "{} uses {variable} inside {}, which the lab does not unify with {}",
                self.at,
                crate::callable::show(template),
                crate::callable::show(actual)
            ))
        };
        match (template, actual) {
            (TypeExpr::Name(name), _) => {
                out.push((name.clone(), bound, actual.clone()));
                Ok(())
            }
            // A union below the Protocol's type: each of its members is.
            (TypeExpr::Union(members), _) if bound == Bound::Upper => {
                members.iter().try_for_each(|member| self.infer(member, actual, bound, out))
            }
            // Above a union: above each of its members, whose constraints all count (mypy splits
            // the union first, once the template is not a bare variable).
            (_, TypeExpr::Union(actuals)) if bound == Bound::Lower => {
                actuals.iter().try_for_each(|actual| self.infer(template, actual, bound, out))
            }
            // A union above a type that is not one: some member must be above it. mypy
            // (`any_constraints`) infers from the one member that can be (a bare variable can; any
            // other only if the type is below it with its variables erased); where several can,
            // their constraints differ (a variable's against none for a member without one, or
            // two variables'), and mypy infers nothing from the union. A member with a variable
            // inside that can be above the type is matched by rules the lab does not follow.
            (TypeExpr::Union(members), _) if !matches!(actual, TypeExpr::Union(_)) => {
                let erased = |member: &TypeExpr| {
                    crate::callable::substitute(member, &|name| {
                        self.variables.iter().any(|v| *v == name).then_some(TypeExpr::Any)
                    })
                };
                let mut options = Vec::new();
                for member in members {
                    match member {
                        TypeExpr::Name(name) if self.variables.contains(&name) => {
                            options.push(Some(name));
                        }
                        _ if !crate::subtype::is_subtype(actual, &erased(member), self.module) => {}
                        _ if self.variables.iter().any(|v| contains(member, v)) => return declined(),
                        _ => options.push(None),
                    }
                }
                if let [Some(name)] = options.as_slice() {
                    out.push(((*name).clone(), bound, actual.clone()));
                }
                Ok(())
            }
            // object has no arguments to match: every class is one, and none of them more.
            (_, TypeExpr::Name(top)) if top == "object" => Ok(()),
            (TypeExpr::Generic(name, _), TypeExpr::Generic(other, _)) if name == "Callable" && other == "Callable" => {
                let (Some((params, returns)), Some((wanted_params, wanted_returns))) =
                    (crate::types::callable_parts(template), crate::types::callable_parts(actual))
                else {
                    return declined();
                };
                match (params, wanted_params) {
                    (None, _) => {}
                    (Some(params), Some(wanted)) if params.len() == wanted.len() => {
                        for (param, wanted) in params.iter().zip(wanted) {
                            self.infer(param, wanted, bound.flipped(), out)?;
                        }
                    }
                    (Some(_), _) => return declined(),
                }
                self.infer(returns, wanted_returns, bound, out)
            }
            (TypeExpr::Generic(name, _), _) if name == "Callable" && !callable_instance(actual, self.module) => Ok(()),
            (TypeExpr::Generic(name, arguments), TypeExpr::Generic(other, wanted)) if name == other => {
                if let (Some(item), Some(wanted)) =
                    (crate::types::variadic_item(template), crate::types::variadic_item(actual))
                {
                    return self.infer(item, wanted, bound, out);
                }
                let variance = match crate::stdlib::annotation_class(name) {
                    Some((_, class)) if name != "tuple" && class.variance.len() == arguments.len() => &class.variance,
                    _ => return declined(),
                };
                if wanted.len() != arguments.len() {
                    return declined();
                }
                for ((argument, wanted), variance) in arguments.iter().zip(wanted).zip(variance.chars()) {
                    match variance {
                        '+' => self.infer(argument, wanted, bound, out)?,
                        '-' => self.infer(argument, wanted, bound.flipped(), out)?,
                        _ => {
                            self.infer(argument, wanted, bound, out)?;
                            self.infer(argument, wanted, bound.flipped(), out)?;
                        }
                    }
                }
                Ok(())
            }
            (TypeExpr::Generic(name, arguments), TypeExpr::Generic(other, wanted))
                if self.module.class(name).is_none() && self.module.class(other).is_none() =>
            {
                // The subtype seen as its ancestor of the other's class, as mypy maps instances.
                let mapped = match bound {
                    Bound::Upper => as_ancestor(name, arguments, other)
                        .map(|arguments| (TypeExpr::Generic(other.clone(), arguments), actual.clone())),
                    Bound::Lower => as_ancestor(other, wanted, name)
                        .map(|wanted| (template.clone(), TypeExpr::Generic(name.clone(), wanted))),
                };
                match mapped {
                    Some((template, actual)) => self.infer(&template, &actual, bound, out),
                    None if unrelated(name, actual, self.module) => Ok(()),
                    None => declined(),
                }
            }
            (TypeExpr::Generic(name, _), _) if unrelated(name, actual, self.module) => Ok(()),
            _ => declined(),
        }
    }
}

/// Whether `typ` may be callable, so that mypy matches a `Callable` with its `__call__`: None,
/// a standard-library class whose stub has no `__call__`, and a class of the code without
/// `__call__` in its MRO and bases but `object` are not.
fn callable_instance(typ: &TypeExpr, module: &Module) -> bool {
    let name = match typ {
        TypeExpr::None => return false,
        TypeExpr::Name(name) | TypeExpr::Generic(name, _) => name,
        _ => return true,
    };
    if let Some(class) = module.class(name) {
        let mro = module.mro(class);
        let plain = mro.iter().all(|c| !c.is_protocol && c.bases.iter().all(|b| crate::runtime::is_object(b)));
        return !plain || mro.iter().any(|c| c.member("__call__").is_some());
    }
    name == "Callable"
        || crate::stdlib::annotation_class(name)
            .is_none_or(|(_, class)| class.members.contains_key("__call__") || class.getattr)
}

/// The arguments the standard-library class `name`, given `arguments`, passes its ancestor
/// `ancestor` in typeshed's stubs (`list[T]` passes `Sequence` `[T]`); None where `ancestor` is
/// not a generic class of its stub MRO.
fn as_ancestor(name: &str, arguments: &[TypeExpr], ancestor: &str) -> Option<Vec<TypeExpr>> {
    let (_, class) = crate::stdlib::annotation_class(name)?;
    let (_, ancestor) = crate::stdlib::annotation_class(ancestor)?;
    let passed = class.ancestors.get(ancestor.mro.first()?)?;
    if arguments.len() != class.type_params.len() {
        return None;
    }
    let replace = |param: &str| class.type_params.iter().position(|p| p == param).map(|i| arguments[i].clone());
    Some(passed.iter().map(|t| crate::callable::substitute(&crate::types::parse(t), &replace)).collect())
}

/// Whether no instance of the standard-library generic `name` is of type `other` or the other
/// way round: mypy infers nothing from such a pair (and the comparison fails after). Known for a
/// class typeshed declares without Protocol, against None, a standard-library class of the
/// data that is no Protocol either, or a class of the code with no bases but `object`.
fn unrelated(name: &str, other: &TypeExpr, module: &Module) -> bool {
    let Some((_, class)) = crate::stdlib::annotation_class(name).filter(|(_, c)| !c.protocol) else { return false };
    let last = |qualified: &str| qualified.rsplit('.').next().unwrap_or(qualified).to_owned();
    let other = match other {
        TypeExpr::None => return true,
        TypeExpr::Name(other) | TypeExpr::Generic(other, _) => other,
        _ => return false,
    };
    if other == "Callable" {
        // Only a Protocol with `__call__` has something to match with a callable's type.
        return !class.members.contains_key("__call__");
    }
    if let Some(code) = module.class(other) {
        return !code.is_protocol
            && module.mro(code).iter().all(|c| c.bases.iter().all(|b| crate::runtime::is_object(b)));
    }
    match crate::stdlib::annotation_class(other) {
        // A typeshed Protocol (`SupportsIndex`) is matched member by member: not followed.
        Some((_, other_class)) if !other_class.protocol => {
            let theirs: Vec<String> = other_class.mro.iter().map(|m| last(m)).collect();
            let ours: Vec<String> = class.mro.iter().map(|m| last(m)).collect();
            let (name, other) = (last(name), last(other));
            !theirs.contains(&name) && !ours.contains(&other)
        }
        _ => false,
    }
}

/// mypy's join of two lower bounds, where the lab knows it: the same type, Any with anything, None
/// with anything (their union), or two classes of the data that are not generic (an int and a str
/// join to object), without the numeric promotions mypy adds for float and complex.
fn join(a: &TypeExpr, b: &TypeExpr, module: &Module) -> Option<TypeExpr> {
    if a == b {
        return Some(a.clone());
    }
    // Any joins with anything into Any, and None with a type into their union (`int | None`).
    if matches!(a, TypeExpr::Any) || matches!(b, TypeExpr::Any) {
        return Some(TypeExpr::Any);
    }
    if matches!(a, TypeExpr::None) || matches!(b, TypeExpr::None) {
        return Some(TypeExpr::union(vec![a.clone(), b.clone()]));
    }
    let (TypeExpr::Name(a), TypeExpr::Name(b)) = (a, b) else { return None };
    let plain = |name: &str| {
        module.class(name).is_none()
            && !matches!(name, "float" | "complex")
            && crate::stdlib::annotation_class(name).is_some_and(|(_, c)| c.type_params.is_empty() && !c.protocol)
    };
    if !plain(a) || !plain(b) {
        return None;
    }
    let mro = |name: &str| crate::stdlib::annotation_class(name).map_or_else(Vec::new, |(_, c)| c.mro.clone());
    let theirs = mro(b);
    let common = mro(a).into_iter().find(|m| theirs.contains(m))?;
    let common = common.strip_prefix("builtins.").unwrap_or(&common).to_owned();
    plain(&common).then_some(TypeExpr::Name(common))
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
             class Listed:\n    def f(self, x: T, y: str) -> list[T]: ...\n\
             class Either:\n    def f(self, x: T | int, y: str) -> T: ...\n\
             class OrStr:\n    def f(self, x: T | str, y: str) -> T: ...\n\
             class OrList:\n    def f(self, x: T | list[T], y: str) -> T: ...\n\
             class OrFloat:\n    def f(self, x: list[T] | float, y: str) -> T: ...\n\
             class Plain:\n    def f(self, x: int, y: str) -> int: return x\n",
        )
        .unwrap();
        let want = method(&module, "P");
        let solved = |class: &str| solve(&module, class, &method(&module, class), &want);
        let same = solved("Same").unwrap().unwrap();
        assert_eq!(same.signature.params[1].annotation.as_deref(), Some("int"));
        assert_eq!(same.signature.returns.as_deref(), Some("int"));
        assert_eq!(solved("Returned").unwrap().unwrap().signature.returns.as_deref(), Some("object"));
        // int and str join to object, their nearest common class in typeshed's stubs.
        assert_eq!(solved("Joined").unwrap().unwrap().signature.returns.as_deref(), Some("object"));
        // list[T] has nothing in common with int: only the return bounds T.
        assert_eq!(solved("Wrapped").unwrap().unwrap().signature.params[1].annotation.as_deref(), Some("list[object]"));
        assert_eq!(solved("Listed").unwrap().unwrap().signature.returns.as_deref(), Some("list[int]"));
        // int fits both T and int: mypy infers nothing from the union, only the return bounds T.
        assert_eq!(solved("Either").unwrap().unwrap().signature.returns.as_deref(), Some("object"));
        // int fits only T (list[T] erased is list[Any], not above int).
        assert_eq!(solved("OrStr").unwrap().unwrap().signature.returns.as_deref(), Some("int"));
        assert_eq!(solved("OrList").unwrap().unwrap().signature.returns.as_deref(), Some("int"));
        // int fits only float (a promotion): nothing bounds T from the parameter.
        assert_eq!(solved("OrFloat").unwrap().unwrap().signature.returns.as_deref(), Some("object"));
        assert!(solved("Plain").is_none());
    }
}
