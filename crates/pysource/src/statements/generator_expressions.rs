//! Generator expressions, which [`Expression::Other`] keeps as written, read back: their parts
//! ([`generator_expression`]), and each one in the module as the generator function CPython
//! compiles it to ([`read_generator_expressions`]): one parameter, `.0`, the first iterable's
//! iterator (the iterable is evaluated where the expression is), and a body of nested `for`
//! loops over `.0` and the other iterables, an `if` for each condition, and one `yield` of the
//! element, every statement at the expression's line.

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::Ranged;

use super::{
    ExprReader, Expression, FunctionBody, Generator, ScopedWalk, Statement, StatementKind, MAX_LAMBDA_NESTING,
};

/// The name CPython gives a generator expression's function, and its one parameter.
pub const GENERATOR_EXPRESSION: &str = "<genexpr>";
const ITERATOR: &str = ".0";

/// A generator expression's parts: what it yields, and its `for` clauses in order.
#[derive(Clone, Debug, PartialEq)]
pub struct GeneratorParts {
    pub element: Expression,
    pub generators: Vec<Generator>,
}

/// Reads `text`, an expression kept as written, as a generator expression (not async); None
/// for anything else.
pub fn generator_expression(text: &str) -> Option<GeneratorParts> {
    // A call's one argument is written without its own brackets.
    let bracketed = format!("({})", text.trim());
    let parsed = ruff_python_parser::parse_expression(&bracketed).ok()?;
    let Expr::Generator(generator) = &*parsed.syntax().body else { return None };
    if generator.generators.iter().any(|g| g.is_async) {
        return None;
    }
    let reader = ExprReader::new(&bracketed);
    Some(GeneratorParts { element: reader.expr(&generator.elt), generators: reader.generators(&generator.generators) })
}

/// A generator expression in the module, as the generator function it compiles to.
#[derive(Clone, Debug, PartialEq)]
pub struct GeneratorExpression {
    /// Its text as written (how an [`Expression::Other`] that is one finds it).
    pub text: String,
    /// Its first iterable, evaluated where the expression is: the function is called with its
    /// iterator.
    pub iterable: Expression,
    pub body: FunctionBody,
}

/// Every generator expression in the module (not async), outer ones before those they hold, as
/// the generator function it compiles to, under CPython's qualified name: `<genexpr>` in the
/// module, `f.<locals>.<genexpr>` in a function, lambda or generator expression `f`,
/// `C.<genexpr>` in the body of a class `C` (a comprehension's own scope is not counted, as
/// for lambdas). Those nested in more than [`MAX_LAMBDA_NESTING`] lambdas and generator
/// expressions are left out: each one's text holds all those inside it.
pub(crate) fn read_generator_expressions(code: &str, body: &[Stmt]) -> Vec<GeneratorExpression> {
    struct Found<'r, 'src> {
        reader: &'r ExprReader<'src>,
        scopes: Vec<(String, bool)>,
        found: Vec<GeneratorExpression>,
    }
    impl<'a> ScopedWalk<'a> for Found<'_, '_> {
        fn scopes(&mut self) -> &mut Vec<(String, bool)> {
            &mut self.scopes
        }
    }
    impl<'a> Visitor<'a> for Found<'_, '_> {
        fn visit_stmt(&mut self, stmt: &'a Stmt) {
            self.walk_scoped_stmt(stmt);
        }

        fn visit_expr(&mut self, expr: &'a Expr) {
            let nested = self.scopes.iter().filter(|(s, _)| s.ends_with('>')).count();
            if nested >= MAX_LAMBDA_NESTING {
                return;
            }
            let (name, inner): (&str, Vec<&Expr>) = match expr {
                Expr::Lambda(lambda) => {
                    lambda.parameters.iter().for_each(|p| self.visit_parameters(p));
                    ("<lambda>", vec![&lambda.body])
                }
                Expr::Generator(generator) if generator.generators.iter().all(|g| !g.is_async) => {
                    let Some((first, _)) = generator.generators.split_first() else { return };
                    // The first iterable is evaluated where the expression is.
                    self.visit_expr(&first.iter);
                    let qualname = self.qualname_in_scope(GENERATOR_EXPRESSION);
                    self.found.push(GeneratorExpression {
                        text: self.reader.code[generator.range()].to_string(),
                        iterable: self.reader.expr(&first.iter),
                        body: self.reader.generator_body(qualname, generator),
                    });
                    let rest = generator.generators.iter().enumerate().flat_map(|(index, g)| {
                        let iter = (index > 0).then_some(&g.iter);
                        std::iter::once(&g.target).chain(iter).chain(&g.ifs)
                    });
                    (GENERATOR_EXPRESSION, rest.chain(std::iter::once(&*generator.elt)).collect())
                }
                _ => return visitor::walk_expr(self, expr),
            };
            let qualname = self.qualname_in_scope(name);
            self.scopes.push((qualname, true));
            inner.into_iter().for_each(|e| self.visit_expr(e));
            self.scopes.pop();
        }
    }
    let reader = ExprReader::new(code);
    let mut found = Found { reader: &reader, scopes: Vec::new(), found: Vec::new() };
    found.visit_body(body);
    found.found
}

impl ExprReader<'_> {
    /// The generator function `generator` compiles to.
    fn generator_body(&self, qualname: String, generator: &ast::ExprGenerator) -> FunctionBody {
        let line = self.line_of(generator.range());
        let at = |text: String, kind| Statement { line, text, kind };
        let yielded = format!("yield {}", &self.code[generator.elt.range()]);
        let mut block = vec![at(yielded.clone(), StatementKind::Expr { value: Expression::Other { text: yielded } })];
        for (index, clause) in generator.generators.iter().enumerate().rev() {
            for condition in clause.ifs.iter().rev() {
                let kind = StatementKind::If { test: self.expr(condition), body: block, orelse: Vec::new() };
                block = vec![at(format!("if {}:", &self.code[condition.range()]), kind)];
            }
            let (iter, iter_text) = match index {
                0 => (Expression::Name { id: ITERATOR.to_owned() }, ITERATOR.to_owned()),
                _ => (self.expr(&clause.iter), self.code[clause.iter.range()].to_string()),
            };
            let text = format!("for {} in {iter_text}:", &self.code[clause.target.range()]);
            let kind = StatementKind::For { target: self.expr(&clause.target), iter, body: block, orelse: Vec::new() };
            block = vec![at(text, kind)];
        }
        FunctionBody {
            qualname,
            params: vec![ITERATOR.to_owned()],
            statements: block,
            defaults: vec![None],
            positional: 1,
            positional_only: 1,
            varargs: None,
            kwargs: None,
            accessor: None,
        }
    }
}
