//! The names the page offers as handlers, read from the code: what [`crate::predict`] can be
//! asked about, including the names the lab follows through an assignment.

use lab::Code;
use ruff_python_ast::{Expr, Stmt};

use crate::scope::Scope;

/// Top-level functions and classes, the classes' public methods (`C.m`), and names bound at
/// the top level to a lambda, a call (`partial(...)`, `Api()`), an attribute (`Api().get`) or
/// another name, in the order of the code, each once. A definition in the clause of a
/// module-level `if` that runs counts as top-level, on any Python the page predicts for.
pub fn handler_names(code: &Code) -> Vec<String> {
    let mut names = Vec::new();
    for minor in PYTHON_MINORS {
        let scope = Scope::for_python(code.text(), Some(minor));
        let module = scope.module(code);
        names.extend(module.functions.iter().map(|f| f.name.clone()));
        for class in &module.classes {
            names.push(class.name.clone());
            for member in &class.members {
                if matches!(member.kind, pysource::MemberKind::Method(_)) && !member.name.starts_with("__") {
                    names.push(format!("{}.{}", class.name, member.name));
                }
            }
        }
        for stmt in scope.body() {
            let Stmt::Assign(assign) = stmt else { continue };
            let [Expr::Name(target)] = assign.targets.as_slice() else { continue };
            let callable_looking =
                matches!(&*assign.value, Expr::Lambda(_) | Expr::Call(_) | Expr::Attribute(_) | Expr::Name(_));
            if callable_looking && !target.id.starts_with("__") {
                names.push(target.id.to_string());
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    names.retain(|name| seen.insert(name.clone()));
    names
}

/// The CPython versions the page predicts for.
const PYTHON_MINORS: [u8; 4] = [11, 12, 13, lab::PYODIDE_PYTHON_MINOR];

#[cfg(test)]
mod tests {
    #[test]
    fn assignment_bound_handlers_are_offered() {
        let code = lab::Code::parse(
            "import functools\n\ndef f(a):\n    return a\n\nclass Api:\n    def get(self, key):\n        return key\n\n\
             get = Api().get\nsquare = lambda x: x * x\nfixed = functools.partial(f, 1)\nalias = f\nLIMIT = 3\n__all__ = ['f']\n",
        )
        .unwrap();
        assert_eq!(super::handler_names(&code), ["f", "Api", "Api.get", "get", "square", "fixed", "alias"]);
    }

    #[test]
    fn handlers_of_an_if_the_lab_evaluates_are_offered() {
        let code = lab::Code::parse(
            "import sys\n\nif sys.version_info >= (3, 13):\n    def new(a):\n        return a\nelse:\n    def old(a):\n        return a\n\n\
             if __builtins__:\n    def unknown(a):\n        return a\n",
        )
        .unwrap();
        assert_eq!(super::handler_names(&code), ["old", "new"]);
    }
}
