use std::cell::RefCell;
use std::collections::HashMap;

use ruff_python_ast::{Expr, Operator};
use serde::{Deserialize, Serialize};

/// Distinct annotations kept parsed. The labs compare the same few annotations for every
/// (class, protocol) pair on every keystroke; the bound keeps a long session's memory flat.
const PARSED_ANNOTATIONS_KEPT: usize = 512;

thread_local! {
    static PARSED_ANNOTATIONS: RefCell<HashMap<String, TypeExpr>> = RefCell::new(HashMap::new());
}

/// An annotation read as a type: enough structure for the labs' subtype rules.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "detail", rename_all = "snake_case")]
pub enum TypeExpr {
    Any,
    None,
    /// A (possibly dotted) name; `typing.`/`builtins.` prefixes removed, bare generics get no args.
    Name(String),
    Generic(String, Vec<TypeExpr>),
    Union(Vec<TypeExpr>),
    /// Anything else (literals, calls, ...), kept as written.
    Unknown(String),
}

impl TypeExpr {
    /// Reads annotation source text (as stored in the model); string annotations are unquoted.
    pub fn parse(annotation: &str) -> TypeExpr {
        if let Some(known) = PARSED_ANNOTATIONS.with(|cache| cache.borrow().get(annotation).cloned()) {
            return known;
        }
        let parsed = Self::parse_uncached(annotation);
        PARSED_ANNOTATIONS.with(|cache| {
            let mut cache = cache.borrow_mut();
            if cache.len() >= PARSED_ANNOTATIONS_KEPT {
                cache.clear();
            }
            cache.insert(annotation.to_string(), parsed.clone());
        });
        parsed
    }

    fn parse_uncached(annotation: &str) -> TypeExpr {
        match ruff_python_parser::parse_expression(annotation.trim()) {
            Ok(parsed) => Self::from_expr(&parsed.syntax().body, annotation, 0),
            Err(_) => TypeExpr::Unknown(annotation.to_string()),
        }
    }

    fn from_expr(expr: &Expr, text: &str, depth: usize) -> TypeExpr {
        let unknown = || TypeExpr::Unknown(text.to_string());
        match expr {
            Expr::NoneLiteral(_) => TypeExpr::None,
            Expr::StringLiteral(literal) if depth < 4 => {
                match ruff_python_parser::parse_expression(literal.value.to_str().trim()) {
                    Ok(parsed) => Self::from_expr(&parsed.syntax().body, text, depth + 1),
                    Err(_) => unknown(),
                }
            }
            Expr::Name(_) | Expr::Attribute(_) => match dotted(expr) {
                Some(name) if name == "Any" => TypeExpr::Any,
                Some(name) => TypeExpr::Name(name),
                None => unknown(),
            },
            Expr::BinOp(binop) if binop.op == Operator::BitOr => TypeExpr::union(vec![
                Self::from_expr(&binop.left, text, depth),
                Self::from_expr(&binop.right, text, depth),
            ]),
            Expr::Subscript(subscript) => {
                let Some(name) = dotted(&subscript.value) else { return unknown() };
                let args: Vec<TypeExpr> = match &*subscript.slice {
                    Expr::Tuple(tuple) => tuple.elts.iter().map(|e| Self::from_expr(e, text, depth)).collect(),
                    other => vec![Self::from_expr(other, text, depth)],
                };
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

    /// The union of `members`, nested unions flattened and repeats dropped; one member alone
    /// is itself.
    pub fn union(members: Vec<TypeExpr>) -> TypeExpr {
        let mut flat = Vec::new();
        for member in members {
            match member {
                TypeExpr::Union(inner) => flat.extend(inner),
                other if !flat.contains(&other) => flat.push(other),
                _ => {}
            }
        }
        if flat.len() == 1 {
            flat.remove(0)
        } else {
            TypeExpr::Union(flat)
        }
    }
}

fn dotted(expr: &Expr) -> Option<String> {
    let name = match expr {
        Expr::Name(name) => name.id.to_string(),
        Expr::Attribute(attribute) => format!("{}.{}", dotted(&attribute.value)?, attribute.attr.id),
        _ => return None,
    };
    let short = ["typing.", "typing_extensions.", "builtins.", "collections.abc."]
        .iter()
        .find_map(|prefix| name.strip_prefix(prefix))
        .map(str::to_string);
    // `List[int]` and `list[int]` are the same type.
    let name = short.unwrap_or(name);
    Some(match name.as_str() {
        "List" | "Dict" | "Set" | "FrozenSet" | "Tuple" | "Type" => name.to_lowercase(),
        _ => name,
    })
}
