//! Where code spells given words as identifiers, and whether a function body yields: for models
//! that must be sure nothing in the code can reach an object (a function's shared default) or
//! that a call runs the body at once.

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, Pattern, Stmt};
use ruff_text_size::{Ranged, TextSize};

/// One place the code spells a word ([`mentions`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub word: String,
    /// The 1-based line of the node that spells it.
    pub line: usize,
}

/// Every place in `body` (statements of `code`, nested scopes included) that spells one of
/// `words`: as a name, an attribute, a `def`/`class`/parameter/`global`/`except ... as` name, an
/// imported module or name (each dotted part) or its alias, a keyword argument, a pattern's
/// capture, or a whole string literal. In source order.
pub fn mentions(code: &str, body: &[Stmt], words: &[&str]) -> Vec<Mention> {
    let mut finder = Finder { code, words, found: Vec::new() };
    finder.visit_body(body);
    finder.found
}

/// Whether the body of `def` (not of the functions, lambdas or classes in it) has a `yield`,
/// `yield from` or `await`, so that calling it makes a generator or coroutine without running it.
pub fn yields(def: &ast::StmtFunctionDef) -> bool {
    let mut finder = Yields { found: false };
    finder.visit_body(&def.body);
    finder.found
}

struct Finder<'c, 'w> {
    code: &'c str,
    words: &'w [&'w str],
    found: Vec<Mention>,
}

impl Finder<'_, '_> {
    fn check(&mut self, word: &str, at: TextSize) {
        if self.words.contains(&word) {
            let line = self.code[..usize::from(at).min(self.code.len())].matches('\n').count() + 1;
            self.found.push(Mention { word: word.to_owned(), line });
        }
    }
}

impl<'a> Visitor<'a> for Finder<'_, '_> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        let at = stmt.start();
        match stmt {
            Stmt::FunctionDef(def) => self.check(&def.name.id, at),
            Stmt::ClassDef(class) => self.check(&class.name.id, at),
            Stmt::Global(ast::StmtGlobal { names, .. }) | Stmt::Nonlocal(ast::StmtNonlocal { names, .. }) => {
                names.iter().for_each(|name| self.check(&name.id, at))
            }
            Stmt::ImportFrom(import) => {
                for part in import.module.iter().flat_map(|m| m.id.split('.')) {
                    self.check(part, at);
                }
            }
            _ => {}
        }
        visitor::walk_stmt(self, stmt);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Name(name) => self.check(&name.id, expr.start()),
            Expr::Attribute(attribute) => self.check(&attribute.attr.id, expr.start()),
            Expr::StringLiteral(string) => self.check(string.value.to_str(), expr.start()),
            _ => {}
        }
        visitor::walk_expr(self, expr);
    }

    fn visit_parameter(&mut self, parameter: &'a ast::Parameter) {
        self.check(&parameter.name.id, parameter.start());
        visitor::walk_parameter(self, parameter);
    }

    fn visit_keyword(&mut self, keyword: &'a ast::Keyword) {
        if let Some(arg) = &keyword.arg {
            self.check(&arg.id, keyword.start());
        }
        visitor::walk_keyword(self, keyword);
    }

    fn visit_alias(&mut self, alias: &'a ast::Alias) {
        for part in alias.name.id.split('.') {
            self.check(part, alias.start());
        }
        if let Some(asname) = &alias.asname {
            self.check(&asname.id, alias.start());
        }
        visitor::walk_alias(self, alias);
    }

    fn visit_except_handler(&mut self, handler: &'a ast::ExceptHandler) {
        let ast::ExceptHandler::ExceptHandler(clause) = handler;
        if let Some(name) = &clause.name {
            self.check(&name.id, clause.start());
        }
        visitor::walk_except_handler(self, handler);
    }

    fn visit_pattern(&mut self, pattern: &'a Pattern) {
        let captured = match pattern {
            Pattern::MatchAs(p) => p.name.as_ref(),
            Pattern::MatchStar(p) => p.name.as_ref(),
            Pattern::MatchMapping(p) => p.rest.as_ref(),
            _ => None,
        };
        if let Some(name) = captured {
            self.check(&name.id, pattern.start());
        }
        visitor::walk_pattern(self, pattern);
    }
}

struct Yields {
    found: bool,
}

impl<'a> Visitor<'a> for Yields {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            // A nested scope's yield makes that scope a generator, not this one; its decorators
            // and defaults still run here.
            Stmt::FunctionDef(def) => {
                def.decorator_list.iter().for_each(|d| self.visit_expr(&d.expression));
                def.parameters.iter_non_variadic_params().filter_map(|p| p.default.as_deref()).for_each(|d| {
                    self.visit_expr(d);
                });
            }
            Stmt::ClassDef(class) => {
                class.decorator_list.iter().for_each(|d| self.visit_expr(&d.expression));
                class.arguments.iter().for_each(|a| self.visit_arguments(a));
            }
            _ => visitor::walk_stmt(self, stmt),
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Yield(_) | Expr::YieldFrom(_) | Expr::Await(_) => self.found = true,
            Expr::Lambda(lambda) => {
                for default in lambda.parameters.iter().flat_map(|p| p.iter_non_variadic_params()) {
                    if let Some(default) = default.default.as_deref() {
                        self.visit_expr(default);
                    }
                }
            }
            _ => visitor::walk_expr(self, expr),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(code: &str) -> ruff_python_parser::Parsed<ast::ModModule> {
        ruff_python_parser::parse_module(code).unwrap()
    }

    fn lines(code: &str, words: &[&str]) -> Vec<(String, usize)> {
        let parsed = parsed(code);
        mentions(code, &parsed.syntax().body, words).into_iter().map(|m| (m.word, m.line)).collect()
    }

    #[test]
    fn every_way_of_spelling_a_word_is_found_with_its_line() {
        let code = "def f(a, b=[]):\n    return a\n\nf.__defaults__[0].append(1)\nx = getattr(f, '__defaults__')\nfrom inspect import currentframe as cf\nimport sys\nsys._getframe(1)\ng(b=1)\ndef h():\n    lambda b: b\n";
        assert_eq!(
            lines(code, &["b", "__defaults__", "currentframe", "_getframe"]),
            vec![
                ("b".to_string(), 1),
                ("__defaults__".to_string(), 4),
                ("__defaults__".to_string(), 5),
                ("currentframe".to_string(), 6),
                ("_getframe".to_string(), 8),
                ("b".to_string(), 9),
                ("b".to_string(), 11),
                ("b".to_string(), 11),
            ]
        );
    }

    #[test]
    fn a_word_inside_a_longer_name_or_string_is_not_a_mention() {
        let code = "bb = 'b c'\nprint(bb.abc, f'{bb}')\ntry:\n    pass\nexcept E as b:\n    pass\nmatch x:\n    case {**b}:\n        pass\n";
        assert_eq!(lines(code, &["b"]), vec![("b".to_string(), 5), ("b".to_string(), 8)]);
    }

    #[test]
    fn only_the_functions_own_yield_makes_it_a_generator() {
        let def = |code: &str| -> bool {
            let parsed = parsed(code);
            let Stmt::FunctionDef(def) = &parsed.syntax().body[0] else { panic!("{code}") };
            yields(def)
        };
        assert!(def("def f(a):\n    raise ValueError(a)\n    yield a\n"));
        assert!(def("def f(a):\n    def g(x=(yield)):\n        pass\n"));
        assert!(!def("def f(a):\n    raise ValueError(a)\n"));
        assert!(!def("def f(a):\n    def g():\n        yield a\n    return lambda: (yield)\n"));
        assert!(!def("def f(a):\n    class C:\n        def m(self):\n            yield 1\n"));
    }
}
