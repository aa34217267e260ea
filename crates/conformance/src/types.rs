//! Annotations as the lab's rules read them: [`TypeExpr::parse`], except that a `Callable` keeps
//! its parameter list, which `TypeExpr` has no form for. `Callable[[A, B], R]` is read as
//! `Generic("Callable", [Generic(PARAMETERS, [A, B]), R])` and `Callable[..., R]` as
//! `Generic("Callable", [Name("..."), R])`, at any depth, and `tuple[X, ...]` as
//! `Generic("tuple", [X, Name("...")])`, and the empty tuple `tuple[()]` as `Generic("tuple", [])`;
//! [`crate::callable::show`] writes them back as Python.
//! `Literal[...]` is the union of one `Generic("Literal", [Name(value)])` per value (a bool, an
//! int or a string, written as Python writes it; `None` is None), as mypy reads it.

use pysource::{Expression, Literal, TypeExpr};

/// The name of the parameter list of a `Callable` read by [`parse`]: no type is named so.
pub(crate) const PARAMETERS: &str = "[parameters]";

/// How a `Callable` with any parameters (`Callable[..., R]`) writes its parameter list, and a
/// tuple of any length (`tuple[X, ...]`) its length.
pub(crate) const ANY_PARAMETERS: &str = "...";

/// The name of a literal type read by [`parse`].
pub(crate) const LITERAL: &str = "Literal";

/// An annotation's type (see the module documentation).
pub(crate) fn parse(annotation: &str) -> TypeExpr {
    if !["Callable", "...", LITERAL, "()"].iter().any(|special| annotation.contains(special)) {
        return TypeExpr::parse(annotation);
    }
    thread_local! {
        /// Every pair asks again for the same annotations: each is read once.
        static READ: std::cell::RefCell<std::collections::HashMap<String, TypeExpr>> =
            std::cell::RefCell::new(std::collections::HashMap::new());
    }
    if let Some(known) = READ.with(|read| read.borrow().get(annotation).cloned()) {
        return known;
    }
    let typ = pysource::expression(annotation)
        .map_or_else(|| TypeExpr::Unknown(annotation.to_owned()), |e| read(&e, annotation, 0));
    READ.with(|cache| {
        let mut cache = cache.borrow_mut();
        // Bounded like pysource's parsed annotations: a long session keeps its memory flat.
        if cache.len() >= 512 {
            cache.clear();
        }
        cache.insert(annotation.to_owned(), typ.clone());
    });
    typ
}

fn read(expression: &Expression, text: &str, depth: usize) -> TypeExpr {
    let unknown = || TypeExpr::Unknown(text.to_owned());
    match expression {
        Expression::Literal { literal: Literal::None } => TypeExpr::None,
        // A forward reference: the string's own text, read again (as `TypeExpr::parse` does).
        Expression::Literal { literal: Literal::Str(inner) } if depth < 4 => {
            pysource::expression(inner).map_or_else(unknown, |e| read(&e, text, depth + 1))
        }
        Expression::Name { .. } | Expression::Attribute { .. } => match dotted(expression) {
            Some(name) if name == "Any" => TypeExpr::Any,
            Some(name) => TypeExpr::Name(name),
            None => unknown(),
        },
        Expression::BitOr { left, right } => TypeExpr::union(vec![read(left, text, depth), read(right, text, depth)]),
        Expression::Subscript { value, elements } => {
            let Some(name) = dotted(value) else { return unknown() };
            if name == LITERAL {
                return elements
                    .iter()
                    .map(|element| literal(element, text, depth))
                    .collect::<Option<Vec<_>>>()
                    .map_or_else(unknown, TypeExpr::union);
            }
            if name == "tuple" && matches!(elements.as_slice(), [Expression::Tuple { elements }] if elements.is_empty())
            {
                return TypeExpr::Generic(name, Vec::new());
            }
            if name == "Callable" {
                return match elements.as_slice() {
                    [Expression::List { elements: params }, returns] => TypeExpr::Generic(
                        name,
                        vec![
                            TypeExpr::Generic(PARAMETERS.into(), params.iter().map(|p| read(p, text, depth)).collect()),
                            read(returns, text, depth),
                        ],
                    ),
                    [Expression::Literal { literal: Literal::Ellipsis }, returns] => {
                        TypeExpr::Generic(name, vec![TypeExpr::Name(ANY_PARAMETERS.into()), read(returns, text, depth)])
                    }
                    _ => unknown(),
                };
            }
            if let [item, Expression::Literal { literal: Literal::Ellipsis }] = elements.as_slice() {
                return match name.as_str() {
                    "tuple" => {
                        TypeExpr::Generic(name, vec![read(item, text, depth), TypeExpr::Name(ANY_PARAMETERS.into())])
                    }
                    _ => unknown(),
                };
            }
            let args: Vec<TypeExpr> = elements.iter().map(|e| read(e, text, depth)).collect();
            match name.as_str() {
                "Optional" => TypeExpr::union(args.into_iter().chain([TypeExpr::None]).collect()),
                "Union" => TypeExpr::union(args),
                "ClassVar" | "Final" | "Annotated" => args.into_iter().next().unwrap_or(TypeExpr::Any),
                _ => TypeExpr::Generic(name, args),
            }
        }
        _ => unknown(),
    }
}

/// One value of `Literal[...]`: a bool, an int, a string, None, or a `Literal[...]` again.
fn literal(element: &Expression, text: &str, depth: usize) -> Option<TypeExpr> {
    let value = match element {
        Expression::Literal { literal: Literal::Bool(value) } => if *value { "True" } else { "False" }.to_owned(),
        Expression::Literal { literal: Literal::Int(value) } => value.to_string(),
        Expression::Literal { literal: Literal::Str(value) } => pysource::str_repr(value),
        Expression::Literal { literal: Literal::None } => return Some(TypeExpr::None),
        Expression::Subscript { value, .. } if dotted(value).as_deref() == Some(LITERAL) => {
            return Some(read(element, text, depth)).filter(|t| !matches!(t, TypeExpr::Unknown(_)));
        }
        _ => return None,
    };
    Some(TypeExpr::Generic(LITERAL.into(), vec![TypeExpr::Name(value)]))
}

/// The class of the value of a literal type read by [`parse`] (`bool`, `int` or `str`).
pub(crate) fn literal_class(typ: &TypeExpr) -> Option<&'static str> {
    let TypeExpr::Generic(name, args) = typ else { return None };
    let [TypeExpr::Name(value)] = args.as_slice() else { return None };
    if name != LITERAL {
        return None;
    }
    Some(match value.as_str() {
        "True" | "False" => "bool",
        value if value.starts_with(['\'', '"']) => "str",
        _ => "int",
    })
}

/// A dotted name as `TypeExpr::parse` spells it: `typing.` and the like stripped, `List` is `list`.
fn dotted(expression: &Expression) -> Option<String> {
    let name = match expression {
        Expression::Name { id } => id.clone(),
        Expression::Attribute { value, attr } => format!("{}.{attr}", dotted(value)?),
        _ => return None,
    };
    let name = ["typing.", "typing_extensions.", "builtins.", "collections.abc."]
        .iter()
        .find_map(|prefix| name.strip_prefix(prefix))
        .map_or(name.clone(), str::to_owned);
    Some(match name.as_str() {
        "List" | "Dict" | "Set" | "FrozenSet" | "Tuple" | "Type" => name.to_lowercase(),
        _ => name,
    })
}

/// `Callable[[P...], R]` read by [`parse`]: its parameter types (None for `...`) and its return.
pub(crate) fn callable_parts(typ: &TypeExpr) -> Option<(Option<&[TypeExpr]>, &TypeExpr)> {
    let TypeExpr::Generic(name, args) = typ else { return None };
    match (name.as_str(), args.as_slice()) {
        ("Callable", [TypeExpr::Generic(list, params), returns]) if list == PARAMETERS => Some((Some(params), returns)),
        ("Callable", [TypeExpr::Name(any), returns]) if any == ANY_PARAMETERS => Some((None, returns)),
        _ => None,
    }
}

/// The item type of `tuple[X, ...]` read by [`parse`].
pub(crate) fn variadic_item(typ: &TypeExpr) -> Option<&TypeExpr> {
    match typ {
        TypeExpr::Generic(name, args) if name == "tuple" => match args.as_slice() {
            [item, TypeExpr::Name(any)] if any == ANY_PARAMETERS => Some(item),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn callables_keep_their_parameters_at_any_depth() {
        let name = |n: &str| TypeExpr::Name(n.to_owned());
        let inner = TypeExpr::Generic(
            "Callable".into(),
            vec![TypeExpr::Generic(PARAMETERS.into(), vec![name("int")]), name("str")],
        );
        let outer = parse("typing.Callable[[Callable[[int], str]], None]");
        assert_eq!(
            outer,
            TypeExpr::Generic(
                "Callable".into(),
                vec![TypeExpr::Generic(PARAMETERS.into(), vec![inner]), TypeExpr::None]
            )
        );
        assert_eq!(crate::callable::show(&outer), "Callable[[Callable[[int], str]], None]");
        let (params, returns) = callable_parts(&outer).unwrap();
        assert_eq!((params.map(<[TypeExpr]>::len), returns), (Some(1), &TypeExpr::None));
        let any = parse("Callable[..., 'Optional[int]']");
        assert_eq!(callable_parts(&any), Some((None, &TypeExpr::union(vec![name("int"), TypeExpr::None]))));
        assert_eq!(crate::callable::show(&any), "Callable[..., int | None]");
        assert_eq!(parse("List[int] | None"), TypeExpr::parse("List[int] | None"));
        assert_eq!(parse("Callable[int]"), TypeExpr::Unknown("Callable[int]".into()), "not a callable type");
        let tuple = parse("Tuple[int, ...]");
        assert_eq!(variadic_item(&tuple), Some(&name("int")));
        assert_eq!(crate::callable::show(&tuple), "tuple[int, ...]");
        let empty = parse("tuple[()]");
        assert_eq!(empty, TypeExpr::Generic("tuple".into(), Vec::new()));
        assert_eq!(crate::callable::show(&empty), "tuple[()]");
    }

    #[test]
    fn literals_are_a_union_of_their_values() {
        let value = |v: &str| TypeExpr::Generic(LITERAL.into(), vec![TypeExpr::Name(v.to_owned())]);
        assert_eq!(parse("Literal[True]"), value("True"));
        assert_eq!(crate::callable::show(&parse("typing.Literal[True]")), "Literal[True]");
        assert_eq!(
            parse("Literal[1, -2, 'a', None]"),
            TypeExpr::Union(vec![value("1"), value("-2"), value("'a'"), TypeExpr::None])
        );
        assert_eq!(
            parse("Literal[Literal[\"it's\"], False]"),
            TypeExpr::union(vec![value("\"it's\""), value("False")])
        );
        assert_eq!(parse("Literal['a'] | int"), TypeExpr::union(vec![value("'a'"), TypeExpr::Name("int".into())]));
        assert_eq!(literal_class(&value("True")), Some("bool"));
        assert_eq!(literal_class(&value("-2")), Some("int"));
        assert_eq!(literal_class(&value("'a'")), Some("str"));
        assert_eq!(parse("Literal[1.5]"), TypeExpr::Unknown("Literal[1.5]".into()), "not a literal type");
        assert_eq!(parse("Literal[Color.RED]"), TypeExpr::Unknown("Literal[Color.RED]".into()), "enums are not read");
    }
}
