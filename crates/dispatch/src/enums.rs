//! `Enum` members as default values: for `def paint(shade: Color = Color.RED)` a dispatcher
//! that leaves `shade` to its default hands the handler the member, whose repr is
//! `<Color.RED: 'red'>`. Only plain enums are read: a top-level class whose one base is `Enum`,
//! `IntEnum` (int values), `StrEnum` (str values), or `Flag` and `IntFlag` of non-negative
//! values whose single bits are distinct (only a single bit's member is given a repr: a
//! combination's differs between versions), from `enum`, with no decorator or class keyword,
//! whose body assigns int or str literals to public names (a docstring and `pass` aside). A later name with an earlier value is an alias of
//! the earlier member, as `enum` makes it. Anything else gives no repr, and the fact is declined.

use ruff_python_ast::{self as ast, Expr, Stmt};

use crate::scope::{Binding, Scope};
use pysource::str_repr;

/// The repr of the member a default expression (`Color.RED`) names, when it names one of a
/// plain enum's members.
pub(crate) fn member_repr(scope: &Scope, default: &str) -> Option<String> {
    let pysource::Expression::Attribute { value, attr } = pysource::expression(default)? else { return None };
    let pysource::Expression::Name { id: class_name } = *value else { return None };
    let Ok(Some(Binding::Class(class))) = scope.binding(&class_name) else { return None };
    let kind = plain_enum(scope, class)?;
    let mut members: Vec<(&str, pysource::Literal)> = Vec::new();
    for stmt in &class.body {
        match stmt {
            Stmt::Pass(_) => {}
            Stmt::Expr(expr) if expr.value.is_string_literal_expr() => {}
            Stmt::Assign(assign) => {
                let [Expr::Name(name)] = assign.targets.as_slice() else { return None };
                if name.id.starts_with('_') {
                    return None;
                }
                let literal = match (kind, pysource::expression(scope.text(&*assign.value))?) {
                    (
                        "Enum" | "IntEnum",
                        pysource::Expression::Literal { literal: literal @ pysource::Literal::Int(_) },
                    ) => literal,
                    (
                        "Enum" | "StrEnum",
                        pysource::Expression::Literal { literal: literal @ pysource::Literal::Str(_) },
                    ) => literal,
                    (
                        "Flag" | "IntFlag",
                        pysource::Expression::Literal { literal: literal @ pysource::Literal::Int(value) },
                    ) if value >= 0 => literal,
                    _ => return None,
                };
                // A flag's repeated bit is an alias too, but a combination is not: bits stay distinct.
                if kind.ends_with("Flag") && is_single_bit(&literal) && members.iter().any(|(_, v)| *v == literal) {
                    return None;
                }
                members.push((name.id.as_str(), literal));
            }
            _ => return None,
        }
    }
    let (_, value) = members.iter().find(|(name, _)| *name == attr)?;
    if kind.ends_with("Flag") && !is_single_bit(value) {
        return None;
    }
    let (canonical, _) = members.iter().find(|(_, v)| v == value)?;
    let value_repr = match value {
        pysource::Literal::Int(i) => i.to_string(),
        pysource::Literal::Str(s) => str_repr(s),
        _ => return None,
    };
    Some(format!("<{class_name}.{canonical}: {value_repr}>"))
}

fn is_single_bit(literal: &pysource::Literal) -> bool {
    matches!(literal, pysource::Literal::Int(value) if *value > 0 && value.count_ones() == 1)
}

/// Which of `Enum`, `IntEnum`, `StrEnum`, `Flag` and `IntFlag` (imported from `enum`) the class's
/// one base is.
fn plain_enum(scope: &Scope, class: &ast::StmtClassDef) -> Option<&'static str> {
    const KINDS: [&str; 5] = ["Enum", "IntEnum", "StrEnum", "Flag", "IntFlag"];
    let arguments = class.arguments.as_ref()?;
    if !class.decorator_list.is_empty() || class.type_params.is_some() || !arguments.keywords.is_empty() {
        return None;
    }
    match arguments.args.as_ref() {
        [Expr::Name(base)] => {
            let (module, name) = scope.imported(base.id.as_str())?;
            KINDS.into_iter().find(|kind| module == "enum" && name.as_deref() == Some(*kind))
        }
        [Expr::Attribute(base)] => {
            let Expr::Name(module) = &*base.value else { return None };
            (scope.imported(module.id.as_str())? == ("enum".to_owned(), None))
                .then(|| KINDS.into_iter().find(|kind| base.attr.id.as_str() == *kind))?
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repr(code: &str, default: &str) -> Option<String> {
        member_repr(&Scope::new(code), default)
    }

    #[test]
    fn a_plain_enums_member_has_its_repr() {
        let code =
            "import enum\nfrom enum import Enum\n\nclass Color(Enum):\n    \"\"\"Shades.\"\"\"\n    RED = 'red'\n    \
                    CRIMSON = 'red'\n    BLUE = 2\n\nclass Size(enum.Enum):\n    S = 1\n";
        assert_eq!(repr(code, "Color.RED").as_deref(), Some("<Color.RED: 'red'>"));
        assert_eq!(repr(code, "Color.CRIMSON").as_deref(), Some("<Color.RED: 'red'>"), "an alias");
        assert_eq!(repr(code, "Color.BLUE").as_deref(), Some("<Color.BLUE: 2>"));
        assert_eq!(repr(code, "Size.S").as_deref(), Some("<Size.S: 1>"));
        assert_eq!(repr(code, "Color.GREEN"), None);
        let int_enum =
            "from enum import IntEnum, StrEnum\n\nclass P(IntEnum):\n    N = 0\n\nclass S(StrEnum):\n    A = 'a'\n";
        assert_eq!(repr(int_enum, "P.N").as_deref(), Some("<P.N: 0>"));
        assert_eq!(repr(int_enum, "S.A").as_deref(), Some("<S.A: 'a'>"));
        let flags =
            "from enum import Flag, IntFlag\n\nclass F(Flag):\n    R = 4\n    W = 2\n\nclass I(IntFlag):\n    X = 1\n";
        assert_eq!(repr(flags, "F.W").as_deref(), Some("<F.W: 2>"));
        assert_eq!(repr(flags, "I.X").as_deref(), Some("<I.X: 1>"));
        let combined = "from enum import Flag\n\nclass C(Flag):\n    AB = 3\n    A = 1\n    B = 2\n    NONE = 0\n";
        assert_eq!(repr(combined, "C.A").as_deref(), Some("<C.A: 1>"), "a single bit beside a combination");
    }

    #[test]
    fn anything_else_gives_no_repr() {
        let with_method =
            "from enum import Enum\n\nclass C(Enum):\n    A = 1\n    def __repr__(self):\n        return 'a'\n";
        assert_eq!(repr(with_method, "C.A"), None);
        let int_enum = "from enum import IntEnum\n\nclass C(IntEnum):\n    A = 'a'\n";
        assert_eq!(repr(int_enum, "C.A"), None, "an IntEnum of str values");
        let combined = "from enum import Flag\n\nclass C(Flag):\n    AB = 3\n    A = 1\n    B = 2\n    NONE = 0\n";
        assert_eq!(repr(combined, "C.AB"), None, "a combination");
        assert_eq!(repr(combined, "C.NONE"), None, "no bit");
        let negative = "from enum import IntFlag\n\nclass C(IntFlag):\n    A = 1\n    ALL = -1\n";
        assert_eq!(repr(negative, "C.A"), None, "a negative value");
        let auto = "from enum import Enum, auto\n\nclass C(Enum):\n    A = auto()\n";
        assert_eq!(repr(auto, "C.A"), None);
        let not_enum = "class Enum:\n    pass\n\nclass C(Enum):\n    A = 1\n";
        assert_eq!(repr(not_enum, "C.A"), None);
    }
}
