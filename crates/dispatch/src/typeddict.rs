//! `TypedDict` classes as handlers: such a class is a `dict` at runtime, and
//! `inspect.signature` finds no signature for it: "ValueError: no signature found for builtin
//! type <class 'dict'>", before any dispatcher looks at the payload. A class counts when its
//! bases are `TypedDict` from `typing` (or `typing_extensions`), or classes of the code that are
//! TypedDicts themselves.

use ruff_python_ast::Expr;

use crate::scope::{Binding, Scope};

/// The error `inspect.signature(handler)` raises when `handler` names a TypedDict class.
pub(crate) fn signature_error(scope: &Scope, handler: &str) -> Option<String> {
    is_typed_dict(scope, handler, 0)
        .then(|| "ValueError: no signature found for builtin type <class 'dict'>".to_owned())
}

fn is_typed_dict(scope: &Scope, name: &str, depth: usize) -> bool {
    let Ok(Some(Binding::Class(class))) = scope.binding(name) else { return false };
    let Some(arguments) = &class.arguments else { return false };
    depth < 16
        && !arguments.args.is_empty()
        && arguments.args.iter().all(|base| match base {
            Expr::Name(base) => {
                let typing = scope.imported(base.id.as_str()).is_some_and(|(module, imported)| {
                    matches!(module.as_str(), "typing" | "typing_extensions") && imported.as_deref() == Some("TypedDict")
                });
                typing || is_typed_dict(scope, base.id.as_str(), depth + 1)
            }
            Expr::Attribute(base) => {
                base.attr.id.as_str() == "TypedDict"
                    && matches!(&*base.value, Expr::Name(module) if scope.imported(module.id.as_str())
                        .is_some_and(|(m, alias)| alias.is_none() && matches!(m.as_str(), "typing" | "typing_extensions")))
            }
            _ => false,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_dicts_and_their_subclasses_have_no_signature() {
        let code = "import typing\nfrom typing import TypedDict\n\nclass Movie(TypedDict):\n    title: str\n\n\
                    class Rated(Movie, total=False):\n    stars: int\n\nclass Book(typing.TypedDict):\n    isbn: str\n\n\
                    class Plain:\n    pass\n";
        let scope = Scope::new(code);
        for name in ["Movie", "Rated", "Book"] {
            assert!(signature_error(&scope, name).is_some_and(|e| e.contains("<class 'dict'>")), "{name}");
        }
        assert_eq!(signature_error(&scope, "Plain"), None);
        let shadowed = Scope::new("class TypedDict:\n    pass\n\nclass Movie(TypedDict):\n    title: str\n");
        assert_eq!(signature_error(&shadowed, "Movie"), None, "not typing's");
    }
}
