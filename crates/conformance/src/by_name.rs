//! The `setattr(...)` statements in the methods of a class: the writes by name that the run of
//! `C()` follows where it reaches them (`init_runs.rs`), so that only a run the lab does not
//! follow leaves them unknown. Any other write by name (`vars`, `__dict__`, `__setattr__`, a
//! `setattr` in a nested function or inside another expression) stays one the lab cannot read.

use std::collections::HashSet;

use pysource::{visit_in_blocks, Expression, StatementKind};

use crate::values::MethodBodies;

/// The lines of the statements `setattr(...)` in the bodies of `class`'s methods, in any block
/// of them (not in the functions they nest).
pub(crate) fn setattr_statements(methods: &MethodBodies, class: &str) -> HashSet<usize> {
    let mut lines = HashSet::new();
    for body in methods.of_class(class) {
        visit_in_blocks(&body.statements, &mut |statement| {
            if matches!(&statement.kind, StatementKind::Expr { value: Expression::Call { func, .. } }
                if matches!(&**func, Expression::Name { id } if id == "setattr"))
            {
                lines.insert(statement.line);
            }
        });
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setattr_statements_of_methods_are_found_in_blocks_but_not_in_nested_functions() {
        let code = "class C:\n    def __init__(self, ready=True):\n        setattr(self, 'a', 1)\n        \
                    if ready:\n            for name in ('b', 'c'):\n                setattr(self, name, None)\n        \
                    x = setattr(self, 'd', 1)\n        def later():\n            setattr(self, 'e', 1)\n\n    \
                    def configure(self):\n        setattr(self, 'f', 2)\n        vars(self)['g'] = 1\n";
        let source = pysource::Source::parse(code).unwrap();
        let methods = crate::values::method_bodies(Some(&source));
        let mut lines: Vec<usize> = setattr_statements(&methods, "C").into_iter().collect();
        lines.sort_unstable();
        assert_eq!(lines, [3, 6, 12]);
    }
}
