//! mypy's `is_callable_compatible` (mypy/subtypes.py) for protocol members, which mypy checks
//! with `ignore_pos_arg_names=True`: a renamed positional parameter is accepted.

use pysource::{Module, Param, ParamKind, Signature, TypeExpr};

use crate::subtype::is_subtype;

/// mypy's `FormalArgument`: a positional-only parameter has no name, a keyword-only one no position.
#[derive(Clone, Debug, PartialEq)]
struct Formal {
    name: Option<String>,
    pos: Option<usize>,
    typ: TypeExpr,
    required: bool,
}

struct Callable<'s> {
    params: &'s [Param],
}

fn param_type(param: &Param) -> TypeExpr {
    param.annotation.as_deref().map_or(TypeExpr::Any, crate::types::parse)
}

impl Callable<'_> {
    fn star(&self, kind: ParamKind) -> Option<&Param> {
        self.params.iter().find(|p| p.kind == kind)
    }

    fn formal_arguments(&self) -> Vec<Formal> {
        let mut done_with_positional = false;
        let mut formals = Vec::new();
        for (i, param) in self.params.iter().enumerate() {
            match param.kind {
                ParamKind::VarPositional | ParamKind::VarKeyword => {
                    done_with_positional = true;
                    continue;
                }
                ParamKind::KeywordOnly => done_with_positional = true,
                _ => {}
            }
            formals.push(Formal {
                name: (param.kind != ParamKind::PositionalOnly).then(|| param.name.clone()),
                pos: (!done_with_positional).then_some(i),
                typ: param_type(param),
                required: param.default.is_none(),
            });
        }
        formals
    }

    fn by_name(&self, name: Option<&str>) -> Option<Formal> {
        let name = name?;
        let mut seen_star = false;
        for (i, param) in self.params.iter().enumerate() {
            match param.kind {
                ParamKind::VarPositional | ParamKind::VarKeyword => {
                    seen_star = true;
                    continue;
                }
                ParamKind::KeywordOnly => seen_star = true,
                ParamKind::PositionalOnly => continue,
                ParamKind::PositionalOrKeyword => {}
            }
            if param.name == name {
                return Some(Formal {
                    name: Some(name.to_string()),
                    pos: (!seen_star).then_some(i),
                    typ: param_type(param),
                    required: param.default.is_none(),
                });
            }
        }
        self.kwargs_formal(Some(name))
    }

    fn by_position(&self, position: Option<usize>) -> Option<Formal> {
        let position = position?;
        match self.params.get(position) {
            Some(param) if matches!(param.kind, ParamKind::PositionalOnly | ParamKind::PositionalOrKeyword) => {
                Some(Formal {
                    name: (param.kind != ParamKind::PositionalOnly).then(|| param.name.clone()),
                    pos: Some(position),
                    typ: param_type(param),
                    required: param.default.is_none(),
                })
            }
            _ => self.varargs_formal(Some(position)),
        }
    }

    fn varargs_formal(&self, position: Option<usize>) -> Option<Formal> {
        self.star(ParamKind::VarPositional).map(|p| Formal {
            name: None,
            pos: position,
            typ: param_type(p),
            required: false,
        })
    }

    fn kwargs_formal(&self, name: Option<&str>) -> Option<Formal> {
        self.star(ParamKind::VarKeyword).map(|p| Formal {
            name: name.map(str::to_string),
            pos: None,
            typ: param_type(p),
            required: false,
        })
    }

    fn corresponding(&self, model: &Formal) -> Option<Formal> {
        let by_name = self.by_name(model.name.as_deref());
        let by_pos = self.by_position(model.pos);
        match (by_name, by_pos) {
            (None, None) => None,
            (Some(n), Some(p)) if n == p => Some(n),
            (Some(n), Some(p)) if !(n.required || p.required) && p.name.is_none() && n.pos.is_none() => {
                Some(Formal { name: n.name, pos: p.pos, typ: n.typ, required: false })
            }
            (Some(n), _) => Some(n),
            (None, p) => p,
        }
    }

    /// `*args: Any, **kwargs: Any` (or unannotated) at the end accepts anything.
    fn trivial_suffix(&self) -> bool {
        let any = |p: Option<&Param>| p.is_some_and(|p| param_type(p) == TypeExpr::Any);
        any(self.star(ParamKind::VarPositional)) && any(self.star(ParamKind::VarKeyword))
    }
}

/// Why a left argument does not stand in for a right one, or None if it does.
fn args_incompatible(left: &Formal, right: &Formal, module: &Module) -> Option<String> {
    let different = |l: &Option<String>, r: &Option<String>| r.is_some() && l != r;
    if different(&left.name, &right.name) && right.pos.is_none() {
        return Some(format!("it must accept keyword argument '{}'", right.name.as_deref().unwrap_or("")));
    }
    if right.pos.is_some() && left.pos != right.pos {
        return Some(format!("it must accept a positional argument at position {}", right.pos.unwrap_or(0) + 1));
    }
    if !right.required && left.required {
        return Some(format!("{} must be optional (have a default)", describe(left)));
    }
    if !is_subtype(&right.typ, &left.typ, module) {
        return Some(format!("{} must accept {} (parameters are contravariant)", describe(left), show(&right.typ)));
    }
    None
}

fn describe(formal: &Formal) -> String {
    match (&formal.name, formal.pos) {
        (Some(name), _) => format!("parameter '{name}'"),
        (None, Some(pos)) => format!("positional parameter {}", pos + 1),
        (None, None) => "a parameter".to_string(),
    }
}

pub(crate) fn show(typ: &TypeExpr) -> String {
    match typ {
        TypeExpr::Any => "Any".into(),
        TypeExpr::None => "None".into(),
        TypeExpr::Name(name) => name.clone(),
        TypeExpr::Generic(name, args) if name == crate::types::PARAMETERS => {
            format!("[{}]", args.iter().map(show).collect::<Vec<_>>().join(", "))
        }
        TypeExpr::Generic(name, args) if name == "tuple" && args.is_empty() => "tuple[()]".into(),
        TypeExpr::Generic(name, args) => format!("{name}[{}]", args.iter().map(show).collect::<Vec<_>>().join(", ")),
        TypeExpr::Union(members) => members.iter().map(show).collect::<Vec<_>>().join(" | "),
        TypeExpr::Unknown(text) => text.clone(),
    }
}

/// The names `typing.Self` is spelled with once `typing.` is stripped.
const SELF_NAMES: &[&str] = &["Self", "typing_extensions.Self"];

/// `typ` with every name `replace` answers for replaced by its answer, at any depth.
pub(crate) fn substitute(typ: &TypeExpr, replace: &impl Fn(&str) -> Option<TypeExpr>) -> TypeExpr {
    match typ {
        TypeExpr::Name(name) => replace(name).unwrap_or_else(|| typ.clone()),
        TypeExpr::Generic(name, args) => {
            TypeExpr::Generic(name.clone(), args.iter().map(|a| substitute(a, replace)).collect())
        }
        TypeExpr::Union(members) => TypeExpr::Union(members.iter().map(|m| substitute(m, replace)).collect()),
        other => other.clone(),
    }
}

/// An annotation as written, with [`substitute`] applied; the text is kept as written when
/// nothing was replaced.
pub(crate) fn substitute_annotation(annotation: &str, replace: &impl Fn(&str) -> Option<TypeExpr>) -> String {
    let typ = crate::types::parse(annotation);
    let replaced = substitute(&typ, replace);
    if replaced == typ {
        annotation.to_owned()
    } else {
        show(&replaced)
    }
}

/// `typ` with `Self` replaced by `class`.
pub(crate) fn bind_self_type(typ: &TypeExpr, class: &str) -> TypeExpr {
    substitute(typ, &|name| SELF_NAMES.contains(&name).then(|| TypeExpr::Name(class.to_owned())))
}

/// A method's signature with `Self` bound to `class`, as mypy binds it when it checks `class`
/// against a Protocol: in the Protocol's methods and in the class's own alike.
pub(crate) fn bind_self(signature: &Signature, class: &str) -> Signature {
    bind(signature, &|name: &str| SELF_NAMES.contains(&name).then(|| TypeExpr::Name(class.to_owned())))
}

/// A signature with [`substitute_annotation`] applied to every annotation.
pub(crate) fn bind(signature: &Signature, replace: &impl Fn(&str) -> Option<TypeExpr>) -> Signature {
    let bind = |annotation: &Option<String>| annotation.as_deref().map(|a| substitute_annotation(a, replace));
    Signature {
        params: signature.params.iter().map(|p| Param { annotation: bind(&p.annotation), ..p.clone() }).collect(),
        returns: bind(&signature.returns),
    }
}

/// A method's signature as a callable's type: an `async def` returns a coroutine, which mypy
/// types `Coroutine[Any, Any, R]` for the declared `R`.
pub(crate) fn called_signature(function: &pysource::Function) -> Signature {
    let mut signature = function.bound_signature();
    if function.is_async {
        let returns = signature.returns.as_deref().map_or(TypeExpr::Any, crate::types::parse);
        signature.returns =
            Some(show(&TypeExpr::Generic("Coroutine".into(), vec![TypeExpr::Any, TypeExpr::Any, returns])));
    }
    signature
}

/// Whether the class's bound method `left` can be used where the protocol's `right` is expected;
/// `Err` explains the first incompatibility mypy would find.
pub(crate) fn callable_compatible(left: &Signature, right: &Signature, module: &Module) -> Result<(), String> {
    let ret = |s: &Signature| s.returns.as_deref().map_or(TypeExpr::Any, crate::types::parse);
    let (left_ret, right_ret) = (ret(left), ret(right));
    if !is_subtype(&left_ret, &right_ret, module) {
        return Err(format!(
            "returns {} where {} is expected (returns are covariant)",
            show(&left_ret),
            show(&right_ret)
        ));
    }
    let l = Callable { params: &left.params };
    let r = Callable { params: &right.params };
    let trivial_suffix = r.trivial_suffix();
    for (kind, what) in [(ParamKind::VarPositional, "*args"), (ParamKind::VarKeyword, "**kwargs")] {
        if let Some(right_star) = r.star(kind) {
            match l.star(kind) {
                None if !trivial_suffix => return Err(format!("it must accept {what}")),
                Some(left_star) if !is_subtype(&param_type(right_star), &param_type(left_star), module) => {
                    return Err(format!("its {what} must accept {}", show(&param_type(right_star))))
                }
                _ => {}
            }
        }
    }
    for right_arg in r.formal_arguments() {
        let Some(left_arg) = l.corresponding(&right_arg) else {
            return Err(match (&right_arg.name, right_arg.pos) {
                (Some(name), _) => format!("it has no parameter for '{name}'"),
                (None, pos) => format!("it has no parameter at position {}", pos.unwrap_or(0) + 1),
            });
        };
        if let Some(why) = args_incompatible(&left_arg, &right_arg, module) {
            return Err(why);
        }
    }
    if let Some(right_star) = r.star(ParamKind::VarPositional).filter(|_| !trivial_suffix) {
        let right_formal = Formal { name: None, pos: None, typ: param_type(right_star), required: false };
        let start = r.params.iter().position(|p| p.kind == ParamKind::VarPositional).unwrap_or(0);
        for i in start..l.params.len() {
            if !matches!(l.params[i].kind, ParamKind::PositionalOnly | ParamKind::PositionalOrKeyword) {
                break;
            }
            if let Some(left_formal) = l.by_position(Some(i)) {
                if let Some(why) = args_incompatible(&left_formal, &right_formal, module) {
                    return Err(why);
                }
            }
        }
    }
    if let Some(right_star) = r.star(ParamKind::VarKeyword).filter(|_| !trivial_suffix) {
        let right_names: Vec<&str> =
            r.params.iter().filter(|p| p.kind != ParamKind::PositionalOnly).map(|p| p.name.as_str()).collect();
        let right_formal = Formal { name: None, pos: None, typ: param_type(right_star), required: false };
        for param in l.params.iter().filter(|p| {
            matches!(p.kind, ParamKind::PositionalOrKeyword | ParamKind::KeywordOnly)
                && !right_names.contains(&p.name.as_str())
        }) {
            if let Some(left_formal) = l.by_name(Some(&param.name)) {
                if let Some(why) = args_incompatible(&left_formal, &right_formal, module) {
                    return Err(why);
                }
            }
        }
    }
    for left_arg in l.formal_arguments() {
        let covered = r.by_name(left_arg.name.as_deref()).is_some() || r.by_position(left_arg.pos).is_some();
        if left_arg.required && !covered {
            return Err(format!("its required {} has no counterpart in the protocol", describe(&left_arg)));
        }
    }
    Ok(())
}

/// Positional parameters the class renamed (or made positional-only): mypy accepts them for
/// protocols, but callers passing that argument by keyword break.
pub(crate) fn renamed_parameters(left: &Signature, right: &Signature) -> Vec<(String, Option<String>)> {
    right
        .params
        .iter()
        .zip(&left.params)
        .take_while(|(r, l)| {
            matches!(r.kind, ParamKind::PositionalOnly | ParamKind::PositionalOrKeyword)
                && matches!(l.kind, ParamKind::PositionalOnly | ParamKind::PositionalOrKeyword)
        })
        .filter(|(r, l)| {
            r.kind == ParamKind::PositionalOrKeyword && (l.name != r.name || l.kind == ParamKind::PositionalOnly)
        })
        .map(|(r, l)| (r.name.clone(), (l.kind == ParamKind::PositionalOrKeyword).then(|| l.name.clone())))
        .collect()
}
