//! Attributes that methods set without a class-level declaration, typed the way mypy infers them
//! from their first assignment (`pysource`'s `Class::attribute_writes`, in any method, block and
//! nested function): its annotation (`self.x: T = ...`), Any in a function without annotations
//! (mypy does not check its body), a parameter's annotation (Any without one) or, for a parameter
//! the body binds again first, the type mypy narrows it to, or a literal's type (`[1]` is
//! `list[int]`, `None` is None unless the same method sets it again). An attribute `__init__`
//! sets at its top level is then read as if it had that annotation; one only other methods (or
//! `__init__`'s blocks) set becomes an attribute of the class with it, which has no value until
//! such a method runs. Operators, calls of builtins' methods, `self.attr`, tuple unpacking and
//! names the method binds in `if` blocks are typed by following the body (`values.rs`); any
//! other value is left untyped, and declined (`declines.rs`).

use std::borrow::Cow;
use std::collections::HashMap;

use pysource::{
    Attribute, AttributeWrite, Class, Expression, Literal, Member, MemberKind, Module, Rebinding, TypeExpr,
    WrittenValue,
};

use crate::callable::show;
use crate::values::{MethodBodies, Typer};

/// `module` with the attributes of its classes typed and added from their methods' writes;
/// `module` itself when there is nothing to add.
pub(crate) fn annotate_written_attributes<'m>(module: &'m Module, bodies: &MethodBodies) -> Cow<'m, Module> {
    let additions: Vec<Vec<(String, Attribute)>> =
        module.classes.iter().map(|c| additions(module, c, bodies)).collect();
    if additions.iter().all(Vec::is_empty) {
        return Cow::Borrowed(module);
    }
    let mut rewritten = module.clone();
    for (class, added) in rewritten.classes.iter_mut().zip(additions) {
        for (name, attribute) in added {
            match class.members.iter_mut().find(|m| m.name == name) {
                Some(member) => member.kind = MemberKind::Attribute(attribute),
                None => class.members.push(Member {
                    name,
                    owner: class.name.clone(),
                    kind: MemberKind::Attribute(attribute),
                }),
            }
        }
    }
    Cow::Owned(rewritten)
}

/// The attributes of `class` to type or add, with their new model.
fn additions(module: &Module, class: &Class, bodies: &MethodBodies) -> Vec<(String, Attribute)> {
    // A NamedTuple's instances have no `__dict__`, and a TypedDict's are dicts: their methods set
    // no attributes.
    let tuple_or_dict = || {
        module
            .mro(class)
            .iter()
            .flat_map(|c| c.bases.iter())
            .any(|b| matches!(b.as_str(), "typing.NamedTuple" | "typing._TypedDict"))
    };
    if class.is_protocol || tuple_or_dict() {
        return Vec::new();
    }
    let mut added = Vec::new();
    for write in first_writes(class) {
        let typed = written_type(module, class, write, bodies).ok();
        match class.member(&write.name).map(|m| &m.kind) {
            // Set at `__init__`'s top level without an annotation: typed by the first write.
            Some(MemberKind::Attribute(attribute))
                if attribute.annotation.is_none() && attribute.class_value.is_none() =>
            {
                if let Some(annotation) = typed {
                    added.push((write.name.clone(), Attribute { annotation: Some(annotation), ..attribute.clone() }));
                }
            }
            Some(_) => {}
            None if inherited(module, class, &write.name) => {}
            None => {
                if let Some(annotation) = typed {
                    let attribute =
                        Attribute { annotation: Some(annotation), line: write.line, ..Attribute::default() };
                    added.push((write.name.clone(), attribute));
                }
            }
        }
    }
    added
}

/// The first write of each attribute name `class`'s methods set, in source order.
pub(crate) fn first_writes(class: &Class) -> Vec<&AttributeWrite> {
    let mut firsts: Vec<&AttributeWrite> = Vec::new();
    for write in &class.attribute_writes {
        if firsts.iter().all(|w| w.name != write.name) {
            firsts.push(write);
        }
    }
    firsts
}

/// Whether a base of `class` declares or sets `name`, or a standard-library base of its MRO
/// declares it in typeshed: then `class`'s methods assign an inherited attribute.
pub(crate) fn inherited(module: &Module, class: &Class, name: &str) -> bool {
    let mro = module.mro(class);
    mro.iter().skip(1).any(|base| base.member(name).is_some() || base.attribute_writes.iter().any(|w| w.name == name))
        || mro
            .iter()
            .flat_map(|c| c.bases.iter())
            .filter_map(|base| crate::stdlib::class(base))
            .any(|(_, std)| std.members.contains_key(name) || std.conditional.contains_key(name) || std.getattr)
}

/// The annotation mypy gives the attribute `write` (its first assignment in `class`) sets, or why
/// the lab cannot tell; `bodies` are the methods' bodies, which values beyond a literal or a
/// parameter are followed through (`values.rs`).
pub(crate) fn written_type(
    module: &Module,
    class: &Class,
    write: &AttributeWrite,
    bodies: &MethodBodies,
) -> Result<String, String> {
    written_type_within(module, class, write, bodies, 0)
}

/// [`written_type`], `depth` writes deep in reading `self.a` from the write of `.a`.
pub(crate) fn written_type_within(
    module: &Module,
    class: &Class,
    write: &AttributeWrite,
    bodies: &MethodBodies,
    depth: usize,
) -> Result<String, String> {
    if let Some(annotation) = &write.annotation {
        return Ok(annotation.clone());
    }
    if write.untyped_method {
        return Ok("Any".to_owned());
    }
    match &write.value {
        // mypy narrows a parameter by what the body does before (`if name is None: return`):
        // followed where the lab can, else its annotation.
        WrittenValue::Parameter { annotation, .. } => {
            let followed = write.top_level && bodies.contains_key(&format!("{}.{}", class.name, write.method));
            match followed.then(|| crate::values::followed_write_type(module, class, write, bodies, depth)) {
                Some(Ok(typ)) => Ok(show(&typ)),
                // An `assert` (or another statement the reader keeps as a whole) may narrow it.
                Some(Err(why)) if crate::values::statement_kept_whole_before(class, write, bodies) => Err(why),
                _ => Ok(annotation.clone().unwrap_or_else(|| "Any".to_owned())),
            }
        }
        WrittenValue::Expression { text } => {
            let expression = pysource::expression(text).ok_or_else(|| format!("it does not read {text}"))?;
            if matches!(expression, Expression::Literal { literal: Literal::None }) {
                // mypy widens None by a later assignment in the same method only.
                let widened = class
                    .attribute_writes
                    .iter()
                    .any(|w| w.name == write.name && w.method == write.method && w.line > write.line);
                return if widened {
                    Err(format!("it is first set to None, which {} widens by a later assignment", write.method))
                } else {
                    Ok("None".to_owned())
                };
            }
            match literal_type(&expression) {
                Some(typ) => Ok(typ),
                // At the top level of a method, the names of its body (its parameters, ...) are
                // typed by following it.
                None if write.top_level && bodies.contains_key(&format!("{}.{}", class.name, write.method)) => {
                    crate::values::followed_write_type(module, class, write, bodies, depth).map(|t| show(&t))
                }
                None => Typer::for_write(module, class, write, bodies, depth).typed(&expression).map(|t| show(&t)),
            }
        }
        WrittenValue::Rebound { name, annotation, values } => {
            let typer = Typer::for_write(module, class, write, bodies, depth);
            narrowed(&typer, name, annotation.as_deref(), values)
        }
        WrittenValue::Unread => {
            crate::values::followed_write_type(module, class, write, bodies, depth).map(|t| show(&t))
        }
    }
}

/// The type of the parameter `name`, declared `annotation`, after the body binds it to each of
/// `values` in turn: mypy narrows a declared type to the type of what is assigned, which the
/// declaration must admit (`x: int | None` then `x = x or 0` is an int; `x: float` then `x = 1`
/// an int); after `if x is None: x = value`, it is what it was but None, or the value's type.
fn narrowed(typer: &Typer, name: &str, annotation: Option<&str>, values: &[Rebinding]) -> Result<String, String> {
    let module = typer.module;
    // A parameter without annotation is Any, and mypy does not narrow Any by an assignment.
    let Some(annotation) = annotation else { return Ok("Any".to_owned()) };
    let declared = crate::types::parse(annotation);
    // Nor an explicit Any.
    if declared == TypeExpr::Any {
        return Ok("Any".to_owned());
    }
    let mut current = declared.clone();
    for Rebinding { value: text, if_none } in values {
        let typ = pysource::expression(text)
            .and_then(|value| value_type(typer, &value, name, &current))
            .ok_or_else(|| format!("{name} is bound again to {text}, whose type the lab does not infer"))?;
        if !crate::subtype::is_subtype(&typ, &declared, module) {
            return Err(format!("{name} is bound again to {text}, which its annotation {annotation} does not admit"));
        }
        current = match if_none {
            // After `if name is None: name = value`: what it was but None, or the value's type.
            true => union_of(module, without_none(&current), typ).ok_or_else(|| {
                format!("{name} is bound again to {text} when None, and the lab does not simplify the union mypy makes")
            })?,
            false => typ,
        };
    }
    Ok(crate::callable::show(&current))
}

/// The members of `typ` (itself when it is no union) but None.
pub(crate) fn without_none(typ: &TypeExpr) -> Vec<TypeExpr> {
    match typ {
        TypeExpr::Union(members) => members.iter().filter(|m| **m != TypeExpr::None).cloned().collect(),
        TypeExpr::None => Vec::new(),
        other => vec![other.clone()],
    }
}

/// The union of `members` and `typ`, each once; None where some member is a subtype of another,
/// which mypy simplifies by rules the lab does not follow.
pub(crate) fn union_of(module: &Module, mut members: Vec<TypeExpr>, typ: TypeExpr) -> Option<TypeExpr> {
    let added = match typ {
        TypeExpr::Union(added) => added,
        other => vec![other],
    };
    for member in added {
        if !members.contains(&member) {
            members.push(member);
        }
    }
    let related = members
        .iter()
        .enumerate()
        .any(|(i, a)| members.iter().enumerate().any(|(j, b)| i != j && crate::subtype::is_subtype(a, b, module)));
    match members.len() {
        1 => members.pop(),
        _ if related => None,
        _ => Some(TypeExpr::Union(members)),
    }
}

/// Whether `typ` names only builtin scalars, None and builtin containers of them.
pub(crate) fn plain_builtin(typ: &TypeExpr) -> bool {
    match typ {
        TypeExpr::None => true,
        TypeExpr::Name(name) => matches!(name.as_str(), "int" | "str" | "bytes" | "float" | "bool"),
        TypeExpr::Generic(name, arguments) => {
            matches!(name.as_str(), "list" | "dict" | "set" | "tuple") && arguments.iter().all(plain_builtin)
        }
        TypeExpr::Union(members) => members.iter().all(plain_builtin),
        TypeExpr::Any | TypeExpr::Unknown(_) => false,
    }
}

/// The type mypy gives `value` where the parameter `name` has the type `current`: a literal or
/// display ([`literal_type`]), `name` itself, `name or <value>` (its truthy types, without None,
/// and the other's), a call of a method of `name`'s standard-library class that its stub
/// declares as a plain def returning builtins (`name.strip()`), or a call of a builtin scalar
/// class or a plain class of the code (its instance), or what [`Typer::typed`] types (operators,
/// methods of builtins called on literals). None for anything else.
fn value_type(typer: &Typer, value: &Expression, name: &str, current: &TypeExpr) -> Option<TypeExpr> {
    let module = typer.module;
    let typed = || {
        let names = HashMap::from([(name.to_owned(), Ok(current.clone()))]);
        let receiver_tested = typer.receiver_tested.clone();
        Typer { names, receiver: typer.receiver.clone(), receiver_tested, ..*typer }.typed(value).ok()
    };
    match value {
        Expression::Name { id } if id == name => Some(current.clone()),
        Expression::BoolOp { op, values } if op == "or" => {
            let [Expression::Name { id }, other] = values.as_slice() else { return None };
            if id != name {
                return None;
            }
            let truthy = without_none(current);
            // mypy keeps only `Literal[True]` of a bool, which the lab does not model.
            if truthy.iter().any(|m| matches!(m, TypeExpr::Name(n) if n == "bool")) {
                return None;
            }
            union_of(module, truthy, value_type(typer, other, name, current)?)
        }
        Expression::Call { func, .. } if matches!(&**func, Expression::Attribute { .. }) => {
            let Expression::Attribute { value, attr } = &**func else { return None };
            let (Expression::Name { id }, TypeExpr::Name(class)) = (&**value, current) else { return typed() };
            if id != name || module.class(class).is_some() {
                return typed();
            }
            // A plain def of the stub whose return names only builtin scalars and containers.
            let stub = crate::stdlib::stub_class(class, attr)?;
            let MemberKind::Method(method) = &stub.member(attr)?.kind else { return None };
            let returns = crate::types::parse(method.signature.returns.as_deref()?);
            plain_builtin(&returns).then_some(returns)
        }
        Expression::Call { func, .. } => {
            let Expression::Name { id: class } = &**func else { return None };
            let builtin = matches!(class.as_str(), "int" | "str" | "float" | "bool" | "bytes")
                && module.class(class).is_none()
                && module.functions.iter().all(|f| f.name != *class)
                && !module.imports.contains_key(class);
            let plain = module.class(class).is_some_and(|c| {
                module.mro(c).iter().all(|c| {
                    !c.is_protocol
                        && c.metaclass.is_none()
                        && c.bases.iter().all(|b| crate::runtime::is_object(b))
                        && c.member("__new__").is_none()
                })
            });
            (builtin || plain).then(|| TypeExpr::Name(class.clone()))
        }
        other => element_type(other).map(|typ| crate::types::parse(&typ)).or_else(typed),
    }
}

/// The type mypy infers for a literal, or a list, set, dict or tuple display of them whose
/// elements (keys, values) all have one type: `[1]` is `list[int]`, `(1, "a")` is
/// `tuple[int, str]`. None for anything else (an empty display, mixed types, names, calls).
pub(crate) fn literal_type(expression: &Expression) -> Option<String> {
    let same = |elements: &[&Expression]| -> Option<String> {
        let mut types = elements.iter().map(|e| element_type(e));
        let first = types.next()??;
        types.all(|t| t.as_deref() == Some(first.as_str())).then_some(first)
    };
    match expression {
        Expression::Literal { literal: Literal::None } => None,
        Expression::List { elements } => Some(format!("list[{}]", same(&elements.iter().collect::<Vec<_>>())?)),
        Expression::Set { elements } => Some(format!("set[{}]", same(&elements.iter().collect::<Vec<_>>())?)),
        Expression::Dict { items } => {
            let keys: Vec<&Expression> = items.iter().map(|(k, _)| k).collect();
            let values: Vec<&Expression> = items.iter().map(|(_, v)| v).collect();
            Some(format!("dict[{}, {}]", same(&keys)?, same(&values)?))
        }
        Expression::Tuple { elements } if !elements.is_empty() => {
            let types: Option<Vec<String>> = elements.iter().map(element_type).collect();
            Some(format!("tuple[{}]", types?.join(", ")))
        }
        Expression::Literal { .. } => element_type(expression),
        _ => None,
    }
}

/// [`literal_type`] for an element of a display, where `None` is the type None.
fn element_type(expression: &Expression) -> Option<String> {
    match expression {
        Expression::Literal { literal } => match literal {
            Literal::Int(_) => Some("int".to_owned()),
            Literal::Float(_) => Some("float".to_owned()),
            Literal::Str(_) => Some("str".to_owned()),
            Literal::Bool(_) => Some("bool".to_owned()),
            Literal::None => Some("None".to_owned()),
            Literal::Ellipsis => None,
        },
        display => literal_type(display),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> Option<String> {
        literal_type(&pysource::expression(text).unwrap())
    }

    #[test]
    fn literals_and_displays_are_typed_as_mypy_infers_them() {
        assert_eq!(typed("3").as_deref(), Some("int"));
        assert_eq!(typed("-3").as_deref(), Some("int"));
        assert_eq!(typed("1.5").as_deref(), Some("float"));
        assert_eq!(typed("'s'").as_deref(), Some("str"));
        assert_eq!(typed("True").as_deref(), Some("bool"));
        assert_eq!(typed("[1]").as_deref(), Some("list[int]"));
        assert_eq!(typed("[[1], [2]]").as_deref(), Some("list[list[int]]"));
        assert_eq!(typed("[None]").as_deref(), Some("list[None]"));
        assert_eq!(typed("{1}").as_deref(), Some("set[int]"));
        assert_eq!(typed("{'a': 1}").as_deref(), Some("dict[str, int]"));
        assert_eq!(typed("(1, 'a')").as_deref(), Some("tuple[int, str]"));
        for unknown in ["None", "[]", "{}", "()", "[1, 'a']", "[1, True]", "x", "f()", "b'x'", "..."] {
            assert_eq!(typed(unknown), None, "{unknown}");
        }
    }
}
