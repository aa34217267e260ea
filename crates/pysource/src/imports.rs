//! What a module's top-level `import` statements bind, and what its class statements say
//! besides their bases: the views a model needs to know which library a name comes from.

use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::Ranged;
use serde::{Deserialize, Serialize};

/// One name bound by a top-level import: `from pydantic import Field as F` binds `F` to
/// `pydantic.Field`; `import annotated_types as at` binds `at` to the module `annotated_types`;
/// `import a.b` binds `a` to the module `a`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Import {
    pub line: usize,
    /// The name bound in the module.
    pub bound: String,
    /// The dotted path the name refers to: `pydantic.Field`, or a module such as `annotated_types`.
    pub target: String,
    /// Whether `target` is a module (`import x`) rather than a name imported from one.
    pub is_module: bool,
}

/// What a top-level class statement says besides its bases and members.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassHeader {
    pub name: String,
    pub line: usize,
    /// Keyword arguments of the class statement other than `metaclass`, as written (`total=False`).
    pub keywords: Vec<(String, String)>,
    /// The docstring as written between the quotes, when the body begins with a plain string.
    pub docstring: Option<String>,
}

pub(crate) fn read_imports(code: &str, body: &[Stmt]) -> Vec<Import> {
    body.iter().flat_map(|stmt| bindings(line_of(code, stmt), stmt)).collect()
}

/// What one `import` or `from ... import` statement at `line` binds; nothing for a relative
/// import or any other statement.
pub(crate) fn bindings(line: usize, stmt: &Stmt) -> Vec<Import> {
    match stmt {
        Stmt::Import(import) => import
            .names
            .iter()
            .map(|alias| {
                let dotted = alias.name.id.to_string();
                let (bound, target) = match &alias.asname {
                    Some(asname) => (asname.id.to_string(), dotted),
                    None => {
                        let first = dotted.split('.').next().unwrap_or_default().to_owned();
                        (first.clone(), first)
                    }
                };
                Import { line, bound, target, is_module: true }
            })
            .collect(),
        Stmt::ImportFrom(import) if import.level == 0 => {
            let module = import.module.as_ref().map(|m| m.id.to_string()).unwrap_or_default();
            import
                .names
                .iter()
                .map(|alias| {
                    let name = alias.name.id.to_string();
                    let bound = alias.asname.as_ref().map_or_else(|| name.clone(), |a| a.id.to_string());
                    Import { line, bound, target: format!("{module}.{name}"), is_module: false }
                })
                .collect()
        }
        _ => Vec::new(),
    }
}

pub(crate) fn read_class_headers(code: &str, body: &[Stmt]) -> Vec<ClassHeader> {
    body.iter()
        .filter_map(|stmt| match stmt {
            Stmt::ClassDef(class) => Some(class),
            _ => None,
        })
        .map(|class| ClassHeader {
            name: class.name.id.to_string(),
            line: line_of(code, class),
            keywords: class
                .arguments
                .iter()
                .flat_map(|a| a.keywords.iter())
                .filter_map(|k| {
                    let arg = k.arg.as_ref()?.id.to_string();
                    (arg != "metaclass").then(|| (arg, code[k.value.range()].to_owned()))
                })
                .collect(),
            docstring: class.body.first().and_then(|first| match first {
                Stmt::Expr(ast::StmtExpr { value, .. }) => match &**value {
                    Expr::StringLiteral(s) => Some(s.value.to_str().to_owned()),
                    _ => None,
                },
                _ => None,
            }),
        })
        .collect()
}

fn line_of(code: &str, node: &impl Ranged) -> usize {
    code[..usize::from(node.start())].matches('\n').count() + 1
}

#[cfg(test)]
mod tests {
    use crate::Source;

    #[test]
    fn imports_say_what_each_name_refers_to() {
        let source = Source::parse(
            "import annotated_types as at\nimport os.path\nfrom pydantic import Field as F, BaseModel\nfrom . import x\n",
        )
        .unwrap();
        let seen: Vec<(String, String, bool)> =
            source.imports().into_iter().map(|i| (i.bound, i.target, i.is_module)).collect();
        assert_eq!(
            seen,
            [
                ("at".into(), "annotated_types".into(), true),
                ("os".into(), "os".into(), true),
                ("F".into(), "pydantic.Field".into(), false),
                ("BaseModel".into(), "pydantic.BaseModel".into(), false),
            ]
        );
    }

    #[test]
    fn class_headers_keep_keywords_and_docstrings() {
        let source = Source::parse("class M(TypedDict, total=False):\n    \"\"\"A movie.\"\"\"\n    x: int\n").unwrap();
        let headers = source.class_headers();
        assert_eq!(headers[0].keywords, [("total".to_owned(), "False".to_owned())]);
        assert_eq!(headers[0].docstring.as_deref(), Some("A movie."));
    }
}
