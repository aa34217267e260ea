//! Module-level statements and the expressions in them, for models that follow what a module does
//! at import time (aliases like `Username = Annotated[str, MinLen(3)]`, `del x`, `gc.collect()`).
//! Only the shapes those models reason about get their own variants; anything else is kept as
//! written in `Other`, so a model can say it does not simulate it.

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, Number, Stmt, UnaryOp};
use ruff_text_size::Ranged;
use serde::{Deserialize, Serialize};

mod generator_expressions;

pub(crate) use generator_expressions::read_generator_expressions;
pub use generator_expressions::{generator_expression, GeneratorExpression, GeneratorParts, GENERATOR_EXPRESSION};

/// A Python literal as the interpreter would hold it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Literal {
    Int(i64),
    Float(f64),
    Str(String),
    Bool(bool),
    None,
    Ellipsis,
}

impl Literal {
    /// Python's truth value of the literal (`bool(value)`).
    pub fn truth(&self) -> bool {
        match self {
            Literal::None => false,
            Literal::Bool(b) => *b,
            Literal::Int(i) => *i != 0,
            Literal::Float(f) => *f != 0.0,
            Literal::Str(s) => !s.is_empty(),
            Literal::Ellipsis => true,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Expression {
    Name {
        id: String,
    },
    Attribute {
        value: Box<Expression>,
        attr: String,
    },
    Call {
        func: Box<Expression>,
        args: Vec<Expression>,
        keywords: Vec<(String, Expression)>,
    },
    /// `value[a, b]`: a tuple slice is split into its elements.
    Subscript {
        value: Box<Expression>,
        elements: Vec<Expression>,
    },
    Literal {
        literal: Literal,
    },
    Tuple {
        elements: Vec<Expression>,
    },
    /// An f-string: its text and `{value}`/`{value!r}` fields in order.
    FString {
        parts: Vec<FStringPart>,
    },
    /// `a | b`, which annotations use for unions.
    BitOr {
        left: Box<Expression>,
        right: Box<Expression>,
    },
    /// Any other binary operator (`+`, `-`, `*`, `/`, `//`, `%`, `**`, ...), `op` as written.
    BinOp {
        op: String,
        left: Box<Expression>,
        right: Box<Expression>,
    },
    /// `not x`, `-x`, `+x`, `~x` (a negative number literal stays a literal).
    UnaryOp {
        op: String,
        operand: Box<Expression>,
    },
    /// `a and b and c`, `a or b`: `op` is `and` or `or`.
    BoolOp {
        op: String,
        values: Vec<Expression>,
    },
    /// `a < b <= c`: the left operand, then each operator (`==`, `is not`, `not in`, ...) with
    /// its right operand.
    Compare {
        left: Box<Expression>,
        comparisons: Vec<(String, Expression)>,
    },
    /// `[a, b]` (without starred elements).
    List {
        elements: Vec<Expression>,
    },
    /// `{k: v, ...}` (without `**` unpacking).
    Dict {
        items: Vec<(Expression, Expression)>,
    },
    /// `{a, b}` (without starred elements).
    Set {
        elements: Vec<Expression>,
    },
    /// `[element for target in iter if cond ...]` (not async).
    ListComp {
        element: Box<Expression>,
        generators: Vec<Generator>,
    },
    /// `{element for target in iter if cond ...}` (not async).
    SetComp {
        element: Box<Expression>,
        generators: Vec<Generator>,
    },
    /// `{key: value for target in iter if cond ...}` (not async).
    DictComp {
        key: Box<Expression>,
        value: Box<Expression>,
        generators: Vec<Generator>,
    },
    /// Anything else (f-strings, lambdas, `**kwargs` calls, ...), as written.
    Other {
        text: String,
    },
}

/// One `for target in iter if cond` clause of a comprehension.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Generator {
    pub target: Expression,
    pub iter: Expression,
    pub ifs: Vec<Expression>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FStringPart {
    Text {
        text: String,
    },
    /// `{value}` (`repr: false`, formatted with `str`) or `{value!r}`, and its format spec
    /// (`{value:>4}`), when one is written without fields of its own.
    Field {
        value: Expression,
        repr: bool,
        spec: Option<String>,
    },
}

impl Expression {
    /// The dotted name this expression spells (`gc.collect`), if it is one.
    pub fn dotted(&self) -> Option<String> {
        // Walked, not recursed with a format! per level: that copied a chain of n attributes
        // n times over (lab-fuzz found a 4000-deep `a.a.a...` taking 140 ms).
        let mut attrs = Vec::new();
        let mut at = self;
        loop {
            match at {
                Expression::Attribute { value, attr } => {
                    attrs.push(attr.as_str());
                    at = value;
                }
                Expression::Name { id } => {
                    attrs.push(id.as_str());
                    attrs.reverse();
                    return Some(attrs.join("."));
                }
                _ => return None,
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StatementKind {
    /// `a = b = value`; annotated assignments with a value count too.
    Assign {
        targets: Vec<Expression>,
        value: Expression,
    },
    Delete {
        targets: Vec<Expression>,
    },
    Expr {
        value: Expression,
    },
    Return {
        value: Option<Expression>,
    },
    /// `a += value` and the other augmented assignments: `op` is the operator without `=`.
    AugAssign {
        target: Expression,
        op: String,
        value: Expression,
    },
    /// `if`; an `elif` is an `If` alone in `orelse`, with the `elif` clause's line and text.
    If {
        test: Expression,
        body: Vec<Statement>,
        orelse: Vec<Statement>,
    },
    /// `for target in iter:` (not `async for`).
    For {
        target: Expression,
        iter: Expression,
        body: Vec<Statement>,
        orelse: Vec<Statement>,
    },
    While {
        test: Expression,
        body: Vec<Statement>,
        orelse: Vec<Statement>,
    },
    /// `with context as target, ...:` (not `async with`): each item's context expression and
    /// optional target, in order.
    With {
        items: Vec<(Expression, Option<Expression>)>,
        body: Vec<Statement>,
    },
    /// `try:` (not `try*`): the body, each `except` clause's bound name (`as e`) and body, the
    /// `else` and the `finally` clauses.
    Try {
        body: Vec<Statement>,
        handlers: Vec<(Option<String>, Vec<Statement>)>,
        orelse: Vec<Statement>,
        finalbody: Vec<Statement>,
        /// Each `except` clause's header, in the order of `handlers`.
        handler_types: Vec<ExceptClause>,
    },
    /// `raise`, `raise exception` or `raise exception from cause`.
    Raise {
        exception: Option<Expression>,
        cause: Option<Expression>,
    },
    /// `assert test` or `assert test, msg`.
    Assert {
        test: Expression,
        msg: Option<Expression>,
    },
    Break,
    Continue,
    Pass,
    /// `import` and `from ... import`: what it binds (`from m import *` as the name `*`;
    /// nothing for a relative import).
    Import {
        bindings: Vec<crate::Import>,
    },
    /// A `def` or `class`, which binds `name`: its decorators first to last.
    Definition {
        name: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        decorators: Vec<Expression>,
    },
    /// `nonlocal a, b`.
    Nonlocal {
        names: Vec<String>,
    },
    /// `global a, b`.
    Global {
        names: Vec<String>,
    },
    Other,
}

/// The header of an `except` clause.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExceptClause {
    /// What it catches (`ValueError`, `(KeyError, IndexError)`); None for a bare `except:`.
    pub class: Option<Expression>,
    pub line: usize,
    /// Its first line as written.
    pub header: String,
}

/// One top-level statement with its 1-based line and its source text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    pub line: usize,
    pub text: String,
    pub kind: StatementKind,
}

impl Statement {
    /// The blocks this statement holds, in source order: an `if`'s or a loop's body and `else`,
    /// a `with`'s body, a `try`'s body, handlers, `else` and `finally`. A function or class it
    /// defines is a scope of its own, not a block.
    pub fn blocks(&self) -> Vec<&[Statement]> {
        match &self.kind {
            StatementKind::If { body, orelse, .. }
            | StatementKind::For { body, orelse, .. }
            | StatementKind::While { body, orelse, .. } => vec![body, orelse],
            StatementKind::With { body, .. } => vec![body],
            StatementKind::Try { body, handlers, orelse, finalbody, .. } => std::iter::once(body.as_slice())
                .chain(handlers.iter().map(|(_, handler)| handler.as_slice()))
                .chain([orelse.as_slice(), finalbody.as_slice()])
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// Calls `visit` on each of `statements` and, depth first, on the statements of the blocks
/// they hold ([`Statement::blocks`]).
pub fn visit_in_blocks<'a>(statements: &'a [Statement], visit: &mut impl FnMut(&'a Statement)) {
    for statement in statements {
        visit(statement);
        for block in statement.blocks() {
            visit_in_blocks(block, visit);
        }
    }
}

pub(crate) fn read_statements(code: &str, body: &[ast::Stmt]) -> Vec<Statement> {
    ExprReader::new(code).statements(body)
}

/// The body of a top-level function (`name`), of a method (`Class.name`), or of a function
/// defined in one of those (`name.<locals>.inner`, as CPython's `__qualname__`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FunctionBody {
    pub qualname: String,
    /// Parameter names in order, `self` included.
    pub params: Vec<String>,
    pub statements: Vec<Statement>,
    /// Each parameter's default, in the order of `params`.
    #[serde(default)]
    pub defaults: Vec<Option<Expression>>,
    /// How many of `params` can be passed by position (the rest are keyword-only).
    #[serde(default)]
    pub positional: usize,
    /// How many of `params` can only be passed by position (those before a `/`).
    #[serde(default)]
    pub positional_only: usize,
    /// The name of its `*args` parameter, which is not among `params`.
    #[serde(default)]
    pub varargs: Option<String>,
    /// The name of its `**kwargs` parameter, which is not among `params`.
    #[serde(default)]
    pub kwargs: Option<String>,
    /// A method a property's `@name.setter` or `@name.deleter` decorates: its qualified name is
    /// the getter's too.
    #[serde(default)]
    pub accessor: Option<Accessor>,
}

/// What a method decorated with a property's `.setter` or `.deleter` is to the property.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Accessor {
    Setter,
    Deleter,
}

impl Accessor {
    /// The accessor `decorator` (as written, `@name.setter`'s `name.setter`) makes of a method.
    pub fn of_decorator(decorator: &str) -> Option<(&str, Accessor)> {
        match decorator.rsplit_once('.')? {
            (property, "setter") => Some((property, Accessor::Setter)),
            (property, "deleter") => Some((property, Accessor::Deleter)),
            _ => None,
        }
    }
}

pub(crate) fn read_function_bodies(code: &str, body: &[ast::Stmt]) -> Vec<FunctionBody> {
    let reader = ExprReader::new(code);
    let mut bodies = Vec::new();
    for stmt in body {
        match stmt {
            ast::Stmt::FunctionDef(def) => reader.body_and_nested(def.name.id.to_string(), def, &mut bodies),
            ast::Stmt::ClassDef(class) => {
                for member in &class.body {
                    if let ast::Stmt::FunctionDef(def) = member {
                        let method = bodies.len();
                        reader.body_and_nested(format!("{}.{}", class.name.id, def.name.id), def, &mut bodies);
                        bodies[method].accessor = def
                            .decorator_list
                            .iter()
                            .find_map(|d| Accessor::of_decorator(&code[d.expression.range()]))
                            .map(|(_, accessor)| accessor);
                    }
                }
            }
            _ => {}
        }
    }
    bodies
}

/// How deep [`read_lambdas`] reads lambdas in lambdas.
pub const MAX_LAMBDA_NESTING: usize = 8;

/// A walk of the module that knows the scope it is in, for CPython's qualified names: a
/// `def` or class statement is a scope of its own.
pub(crate) trait ScopedWalk<'a>: Visitor<'a> {
    /// The scopes the walk is in, innermost last: each one's qualified name, and whether it is a
    /// function's (or a class body's).
    fn scopes(&mut self) -> &mut Vec<(String, bool)>;

    /// The qualified name CPython gives `name` defined in the innermost scope.
    fn qualname_in_scope(&mut self, name: &str) -> String {
        match self.scopes().last() {
            None => name.to_owned(),
            Some((outer, true)) => format!("{outer}.<locals>.{name}"),
            Some((outer, false)) => format!("{outer}.{name}"),
        }
    }

    /// Walks `stmt`: a `def` or class statement's decorators, defaults, annotations and bases
    /// where it is defined (they are evaluated there), its body in its own scope.
    fn walk_scoped_stmt(&mut self, stmt: &'a Stmt) {
        let (name, body, function) = match stmt {
            Stmt::FunctionDef(def) => {
                def.decorator_list.iter().for_each(|d| self.visit_decorator(d));
                self.visit_parameters(&def.parameters);
                def.returns.iter().for_each(|r| self.visit_annotation(r));
                (&def.name.id, &def.body, true)
            }
            Stmt::ClassDef(class) => {
                class.decorator_list.iter().for_each(|d| self.visit_decorator(d));
                class.arguments.iter().for_each(|a| self.visit_arguments(a));
                (&class.name.id, &class.body, false)
            }
            _ => return visitor::walk_stmt(self, stmt),
        };
        let qualname = self.qualname_in_scope(name);
        self.scopes().push((qualname, function));
        self.visit_body(body);
        self.scopes().pop();
    }
}

/// Every `lambda` in the module, with its text as written (how an [`Expression::Other`] that is
/// one finds it), as the function CPython compiles it to, under CPython's qualified name:
/// `<lambda>` in the module, `f.<locals>.<lambda>` in a function or lambda `f`, `C.<lambda>` in
/// the body of a class `C` (a comprehension's own scope is not counted). Lambdas nested in more
/// than [`MAX_LAMBDA_NESTING`] others are left out: each one's text holds all those inside it.
pub(crate) fn read_lambdas(code: &str, body: &[ast::Stmt]) -> Vec<(String, FunctionBody)> {
    struct Lambdas<'r, 'src> {
        reader: &'r ExprReader<'src>,
        scopes: Vec<(String, bool)>,
        found: Vec<(String, FunctionBody)>,
    }
    impl<'a> ScopedWalk<'a> for Lambdas<'_, '_> {
        fn scopes(&mut self) -> &mut Vec<(String, bool)> {
            &mut self.scopes
        }
    }
    impl<'a> Visitor<'a> for Lambdas<'_, '_> {
        fn visit_stmt(&mut self, stmt: &'a Stmt) {
            self.walk_scoped_stmt(stmt);
        }

        fn visit_expr(&mut self, expr: &'a Expr) {
            let Expr::Lambda(lambda) = expr else { return visitor::walk_expr(self, expr) };
            if self.scopes.iter().filter(|(scope, _)| scope.ends_with("<lambda>")).count() >= MAX_LAMBDA_NESTING {
                return;
            }
            lambda.parameters.iter().for_each(|p| self.visit_parameters(p));
            let qualname = self.qualname_in_scope("<lambda>");
            let text = self.reader.code[lambda.range()].to_string();
            self.found.push((text, self.reader.lambda_body(qualname.clone(), lambda)));
            self.scopes.push((qualname, true));
            self.visit_expr(&lambda.body);
            self.scopes.pop();
        }
    }
    let reader = ExprReader::new(code);
    let mut lambdas = Lambdas { reader: &reader, scopes: Vec::new(), found: Vec::new() };
    lambdas.visit_body(body);
    lambdas.found
}

/// The `def` statements in `body` and in its blocks (not in nested functions or classes).
fn nested_defs<'a>(body: &'a [ast::Stmt], defs: &mut Vec<&'a ast::StmtFunctionDef>) {
    for stmt in body {
        match stmt {
            ast::Stmt::FunctionDef(def) => defs.push(def),
            ast::Stmt::If(s) => {
                nested_defs(&s.body, defs);
                s.elif_else_clauses.iter().for_each(|c| nested_defs(&c.body, defs));
            }
            ast::Stmt::For(s) => {
                nested_defs(&s.body, defs);
                nested_defs(&s.orelse, defs);
            }
            ast::Stmt::While(s) => {
                nested_defs(&s.body, defs);
                nested_defs(&s.orelse, defs);
            }
            ast::Stmt::With(s) => nested_defs(&s.body, defs),
            ast::Stmt::Try(s) => {
                nested_defs(&s.body, defs);
                for ast::ExceptHandler::ExceptHandler(handler) in &s.handlers {
                    nested_defs(&handler.body, defs);
                }
                nested_defs(&s.orelse, defs);
                nested_defs(&s.finalbody, defs);
            }
            _ => {}
        }
    }
}

/// Reads one expression given as source text, e.g. an annotation stored in the model.
pub fn expression(text: &str) -> Option<Expression> {
    let parsed = ruff_python_parser::parse_expression(text.trim()).ok()?;
    Some(ExprReader::new(text.trim()).expr(&parsed.syntax().body))
}

/// Every set display in `body` (nested scopes included), each as its elements, in source order;
/// None for code nested deeper than the walk goes (100 expressions).
pub(crate) fn read_set_displays(code: &str, body: &[ast::Stmt]) -> Option<Vec<Vec<Expression>>> {
    use ruff_python_ast::visitor::{self, Visitor};
    struct Displays<'r, 'src> {
        reader: &'r ExprReader<'src>,
        found: Vec<Vec<Expression>>,
        depth: usize,
        too_deep: bool,
    }
    impl<'a> Visitor<'a> for Displays<'_, '_> {
        fn visit_expr(&mut self, expr: &'a ast::Expr) {
            if self.depth >= 100 {
                self.too_deep = true;
                return;
            }
            if let ast::Expr::Set(set) = expr {
                self.found.push(set.elts.iter().map(|e| self.reader.expr(e)).collect());
            }
            self.depth += 1;
            visitor::walk_expr(self, expr);
            self.depth -= 1;
        }
    }
    let reader = ExprReader::new(code);
    let mut displays = Displays { reader: &reader, found: Vec::new(), depth: 0, too_deep: false };
    displays.visit_body(body);
    (!displays.too_deep).then_some(displays.found)
}

/// A call with `*iterable` arguments, which [`Expression`] leaves as `Other`: what it calls,
/// its positional arguments in order, its keywords, and its `**mapping` arguments (after
/// every keyword).
#[derive(Clone, Debug, PartialEq)]
pub struct StarredCall {
    pub func: Expression,
    /// Each positional argument: true for `*iterable`, then what it unpacks.
    pub args: Vec<(bool, Expression)>,
    pub keywords: Vec<(String, Expression)>,
    /// Each `**mapping`, in order.
    pub mappings: Vec<Expression>,
}

/// Reads `text` as a call with `*iterable` arguments; None for any other expression, and for
/// a call with a keyword after a `**mapping` (CPython builds its keyword dict in parts).
pub fn starred_call(text: &str) -> Option<StarredCall> {
    let text = text.trim();
    let parsed = ruff_python_parser::parse_expression(text).ok()?;
    let ast::Expr::Call(call) = &*parsed.syntax().body else { return None };
    if !call.arguments.args.iter().any(|a| a.is_starred_expr()) {
        return None;
    }
    let reader = ExprReader::new(text);
    let mut keywords = Vec::new();
    let mut mappings = Vec::new();
    for keyword in &call.arguments.keywords {
        match &keyword.arg {
            Some(name) if mappings.is_empty() => keywords.push((name.id.to_string(), reader.expr(&keyword.value))),
            Some(_) => return None,
            None => mappings.push(reader.expr(&keyword.value)),
        }
    }
    let args = call
        .arguments
        .args
        .iter()
        .map(|arg| match arg {
            ast::Expr::Starred(starred) => (true, reader.expr(&starred.value)),
            other => (false, reader.expr(other)),
        })
        .collect();
    Some(StarredCall { func: reader.expr(&call.func), args, keywords, mappings })
}

/// A conditional expression, `body if test else orelse`, which [`Expression::Other`] keeps as
/// written: CPython evaluates `test`, lets go of it, then evaluates one of the other two.
#[derive(Clone, Debug, PartialEq)]
pub struct Conditional {
    pub test: Expression,
    pub body: Expression,
    pub orelse: Expression,
}

/// Reads `text` as a conditional expression; None for any other expression.
pub fn conditional(text: &str) -> Option<Conditional> {
    let text = text.trim();
    let parsed = ruff_python_parser::parse_expression(text).ok()?;
    let ast::Expr::If(conditional) = &*parsed.syntax().body else { return None };
    let reader = ExprReader::new(text);
    Some(Conditional {
        test: reader.expr(&conditional.test),
        body: reader.expr(&conditional.body),
        orelse: reader.expr(&conditional.orelse),
    })
}

/// A slice written in a subscript, `lower:upper:step`, which [`Expression::Subscript`] keeps as
/// written: each part is None where it is left out.
#[derive(Clone, Debug, PartialEq)]
pub struct Slice {
    pub lower: Option<Expression>,
    pub upper: Option<Expression>,
    pub step: Option<Expression>,
}

/// Reads `text`, one element of a subscript, as a slice; None for anything else.
pub fn slice(text: &str) -> Option<Slice> {
    let subscript = format!("_[{}]", text.trim());
    let parsed = ruff_python_parser::parse_expression(&subscript).ok()?;
    let ast::Expr::Subscript(subscript_expr) = &*parsed.syntax().body else { return None };
    let ast::Expr::Slice(slice) = &*subscript_expr.slice else { return None };
    let reader = ExprReader::new(&subscript);
    let part = |part: &Option<Box<ast::Expr>>| part.as_ref().map(|e| reader.expr(e));
    Some(Slice { lower: part(&slice.lower), upper: part(&slice.upper), step: part(&slice.step) })
}

struct ExprReader<'src> {
    code: &'src str,
    /// Where each newline is, to number lines without counting from the start every time.
    newlines: Vec<usize>,
}

impl<'src> ExprReader<'src> {
    fn new(code: &'src str) -> Self {
        ExprReader { code, newlines: code.match_indices('\n').map(|(at, _)| at).collect() }
    }
}

impl ExprReader<'_> {
    /// The body of `def` and those of the functions defined in it, nested as deep as they go.
    fn body_and_nested(&self, qualname: String, def: &ast::StmtFunctionDef, bodies: &mut Vec<FunctionBody>) {
        let mut defs = Vec::new();
        nested_defs(&def.body, &mut defs);
        bodies.push(self.body(qualname.clone(), def));
        for nested in defs {
            self.body_and_nested(format!("{qualname}.<locals>.{}", nested.name.id), nested, bodies);
        }
    }

    fn body(&self, qualname: String, def: &ast::StmtFunctionDef) -> FunctionBody {
        self.function(qualname, &def.parameters, self.statements(&def.body))
    }

    /// A `lambda` as the function CPython compiles it to: one statement returning its
    /// expression, at the expression's line.
    fn lambda_body(&self, qualname: String, lambda: &ast::ExprLambda) -> FunctionBody {
        let returned = Statement {
            line: self.line_of(lambda.body.range()),
            text: self.code[lambda.range()].to_string(),
            kind: StatementKind::Return { value: Some(self.expr(&lambda.body)) },
        };
        let none = ast::Parameters::default();
        self.function(qualname, lambda.parameters.as_deref().unwrap_or(&none), vec![returned])
    }

    fn function(&self, qualname: String, parameters: &ast::Parameters, statements: Vec<Statement>) -> FunctionBody {
        let all = || parameters.posonlyargs.iter().chain(&parameters.args).chain(&parameters.kwonlyargs);
        let params = all().map(|p| p.parameter.name.id.to_string()).collect();
        let defaults = all().map(|p| p.default.as_ref().map(|d| self.expr(d))).collect();
        FunctionBody {
            qualname,
            params,
            statements,
            defaults,
            positional: parameters.posonlyargs.len() + parameters.args.len(),
            positional_only: parameters.posonlyargs.len(),
            varargs: parameters.vararg.as_ref().map(|p| p.name.id.to_string()),
            kwargs: parameters.kwarg.as_ref().map(|p| p.name.id.to_string()),
            accessor: None,
        }
    }

    fn statements(&self, body: &[ast::Stmt]) -> Vec<Statement> {
        body.iter().map(|stmt| self.located(stmt.range(), self.statement(stmt))).collect()
    }

    fn located(&self, range: ruff_text_size::TextRange, kind: StatementKind) -> Statement {
        Statement { line: self.line_of(range), text: self.code[range].to_string(), kind }
    }

    /// The 1-based line where `range` starts.
    fn line_of(&self, range: ruff_text_size::TextRange) -> usize {
        self.newlines.partition_point(|&at| at < usize::from(range.start())) + 1
    }

    /// The `elif`/`else` clauses from `clauses` on, as an `if` statement's `orelse`.
    fn orelse(&self, clauses: &[ast::ElifElseClause]) -> Vec<Statement> {
        match clauses.split_first() {
            None => Vec::new(),
            Some((clause, rest)) => match &clause.test {
                None => self.statements(&clause.body),
                Some(test) => vec![self.located(
                    clause.range(),
                    StatementKind::If {
                        test: self.expr(test),
                        body: self.statements(&clause.body),
                        orelse: self.orelse(rest),
                    },
                )],
            },
        }
    }

    fn statement(&self, stmt: &ast::Stmt) -> StatementKind {
        match stmt {
            ast::Stmt::Assign(assign) => StatementKind::Assign {
                targets: assign.targets.iter().map(|t| self.expr(t)).collect(),
                value: self.expr(&assign.value),
            },
            ast::Stmt::AnnAssign(assign) => match &assign.value {
                Some(value) => {
                    StatementKind::Assign { targets: vec![self.expr(&assign.target)], value: self.expr(value) }
                }
                None => StatementKind::Other,
            },
            ast::Stmt::Delete(delete) => {
                StatementKind::Delete { targets: delete.targets.iter().map(|t| self.expr(t)).collect() }
            }
            ast::Stmt::Expr(expr) => StatementKind::Expr { value: self.expr(&expr.value) },
            ast::Stmt::Return(ret) => StatementKind::Return { value: ret.value.as_ref().map(|v| self.expr(v)) },
            ast::Stmt::AugAssign(aug) => StatementKind::AugAssign {
                target: self.expr(&aug.target),
                op: aug.op.as_str().to_owned(),
                value: self.expr(&aug.value),
            },
            ast::Stmt::If(stmt) => StatementKind::If {
                test: self.expr(&stmt.test),
                body: self.statements(&stmt.body),
                orelse: self.orelse(&stmt.elif_else_clauses),
            },
            ast::Stmt::For(stmt) if !stmt.is_async => StatementKind::For {
                target: self.expr(&stmt.target),
                iter: self.expr(&stmt.iter),
                body: self.statements(&stmt.body),
                orelse: self.statements(&stmt.orelse),
            },
            ast::Stmt::While(stmt) => StatementKind::While {
                test: self.expr(&stmt.test),
                body: self.statements(&stmt.body),
                orelse: self.statements(&stmt.orelse),
            },
            ast::Stmt::With(stmt) if !stmt.is_async => StatementKind::With {
                items: stmt
                    .items
                    .iter()
                    .map(|item| {
                        (self.expr(&item.context_expr), item.optional_vars.as_ref().map(|target| self.expr(target)))
                    })
                    .collect(),
                body: self.statements(&stmt.body),
            },
            ast::Stmt::Try(stmt) if !stmt.is_star => StatementKind::Try {
                body: self.statements(&stmt.body),
                handlers: stmt
                    .handlers
                    .iter()
                    .map(|ast::ExceptHandler::ExceptHandler(handler)| {
                        (handler.name.as_ref().map(|n| n.id.to_string()), self.statements(&handler.body))
                    })
                    .collect(),
                orelse: self.statements(&stmt.orelse),
                finalbody: self.statements(&stmt.finalbody),
                handler_types: stmt
                    .handlers
                    .iter()
                    .map(|ast::ExceptHandler::ExceptHandler(handler)| ExceptClause {
                        class: handler.type_.as_ref().map(|t| self.expr(t)),
                        line: self.line_of(handler.range()),
                        header: self.code[handler.range()].lines().next().unwrap_or_default().to_owned(),
                    })
                    .collect(),
            },
            ast::Stmt::Raise(raise) => StatementKind::Raise {
                exception: raise.exc.as_ref().map(|e| self.expr(e)),
                cause: raise.cause.as_ref().map(|c| self.expr(c)),
            },
            ast::Stmt::Assert(assert) => {
                StatementKind::Assert { test: self.expr(&assert.test), msg: assert.msg.as_ref().map(|m| self.expr(m)) }
            }
            ast::Stmt::Break(_) => StatementKind::Break,
            ast::Stmt::Continue(_) => StatementKind::Continue,
            ast::Stmt::Pass(_) => StatementKind::Pass,
            ast::Stmt::Import(_) | ast::Stmt::ImportFrom(_) => {
                StatementKind::Import { bindings: crate::imports::bindings(self.line_of(stmt.range()), stmt) }
            }
            ast::Stmt::FunctionDef(def) => StatementKind::Definition {
                name: def.name.id.to_string(),
                decorators: def.decorator_list.iter().map(|d| self.expr(&d.expression)).collect(),
            },
            ast::Stmt::ClassDef(class) => StatementKind::Definition {
                name: class.name.id.to_string(),
                decorators: class.decorator_list.iter().map(|d| self.expr(&d.expression)).collect(),
            },
            ast::Stmt::Nonlocal(nonlocal) => {
                StatementKind::Nonlocal { names: nonlocal.names.iter().map(|n| n.id.to_string()).collect() }
            }
            ast::Stmt::Global(global) => {
                StatementKind::Global { names: global.names.iter().map(|n| n.id.to_string()).collect() }
            }
            _ => StatementKind::Other,
        }
    }

    fn expr(&self, expr: &ast::Expr) -> Expression {
        let other = || Expression::Other { text: self.code[expr.range()].to_string() };
        let literal = |literal| Expression::Literal { literal };
        match expr {
            ast::Expr::Name(name) => Expression::Name { id: name.id.to_string() },
            ast::Expr::Attribute(attribute) => Expression::Attribute {
                value: Box::new(self.expr(&attribute.value)),
                attr: attribute.attr.id.to_string(),
            },
            ast::Expr::Call(call) => {
                let mut keywords = Vec::new();
                for keyword in &call.arguments.keywords {
                    // `f(**kwargs)` passes names the model cannot know.
                    let Some(arg) = &keyword.arg else { return other() };
                    keywords.push((arg.id.to_string(), self.expr(&keyword.value)));
                }
                if call.arguments.args.iter().any(|a| a.is_starred_expr()) {
                    return other();
                }
                Expression::Call {
                    func: Box::new(self.expr(&call.func)),
                    args: call.arguments.args.iter().map(|a| self.expr(a)).collect(),
                    keywords,
                }
            }
            ast::Expr::Subscript(subscript) => {
                let elements = match &*subscript.slice {
                    ast::Expr::Tuple(tuple) => tuple.elts.iter().map(|e| self.expr(e)).collect(),
                    slice => vec![self.expr(slice)],
                };
                Expression::Subscript { value: Box::new(self.expr(&subscript.value)), elements }
            }
            ast::Expr::Tuple(tuple) => {
                Expression::Tuple { elements: tuple.elts.iter().map(|e| self.expr(e)).collect() }
            }
            ast::Expr::List(list) if !list.elts.iter().any(|e| e.is_starred_expr()) => {
                Expression::List { elements: list.elts.iter().map(|e| self.expr(e)).collect() }
            }
            ast::Expr::Dict(dict) if dict.items.iter().all(|item| item.key.is_some()) => Expression::Dict {
                items: dict
                    .items
                    .iter()
                    .filter_map(|item| Some((self.expr(item.key.as_ref()?), self.expr(&item.value))))
                    .collect(),
            },
            ast::Expr::BinOp(binop) if binop.op != ast::Operator::BitOr => Expression::BinOp {
                op: binop.op.as_str().to_owned(),
                left: Box::new(self.expr(&binop.left)),
                right: Box::new(self.expr(&binop.right)),
            },
            ast::Expr::Set(set) if !set.elts.iter().any(|e| e.is_starred_expr()) => {
                Expression::Set { elements: set.elts.iter().map(|e| self.expr(e)).collect() }
            }
            ast::Expr::ListComp(comp) if comp.generators.iter().all(|g| !g.is_async) => Expression::ListComp {
                element: Box::new(self.expr(&comp.elt)),
                generators: self.generators(&comp.generators),
            },
            ast::Expr::SetComp(comp) if comp.generators.iter().all(|g| !g.is_async) => Expression::SetComp {
                element: Box::new(self.expr(&comp.elt)),
                generators: self.generators(&comp.generators),
            },
            ast::Expr::DictComp(comp) if comp.generators.iter().all(|g| !g.is_async) => Expression::DictComp {
                key: Box::new(comp.key.as_deref().map_or_else(other, |k| self.expr(k))),
                value: Box::new(self.expr(&comp.value)),
                generators: self.generators(&comp.generators),
            },
            ast::Expr::BoolOp(boolop) => Expression::BoolOp {
                op: boolop.op.as_str().to_owned(),
                values: boolop.values.iter().map(|v| self.expr(v)).collect(),
            },
            ast::Expr::Compare(compare) => Expression::Compare {
                left: Box::new(self.expr(&compare.left)),
                comparisons: compare
                    .ops
                    .iter()
                    .zip(compare.comparators.iter())
                    .map(|(op, right)| (op.as_str().to_owned(), self.expr(right)))
                    .collect(),
            },
            ast::Expr::BinOp(binop) if binop.op == ast::Operator::BitOr => {
                Expression::BitOr { left: Box::new(self.expr(&binop.left)), right: Box::new(self.expr(&binop.right)) }
            }
            ast::Expr::FString(fstring) => self.fstring(&fstring.value).unwrap_or_else(other),
            ast::Expr::StringLiteral(string) => literal(Literal::Str(string.value.to_str().to_string())),
            ast::Expr::BooleanLiteral(boolean) => literal(Literal::Bool(boolean.value)),
            ast::Expr::NoneLiteral(_) => literal(Literal::None),
            ast::Expr::EllipsisLiteral(_) => literal(Literal::Ellipsis),
            ast::Expr::NumberLiteral(number) => number_literal(&number.value, false).map_or_else(other, literal),
            ast::Expr::UnaryOp(unary) => match (&*unary.operand, unary.op) {
                (ast::Expr::NumberLiteral(number), UnaryOp::USub) => {
                    number_literal(&number.value, true).map_or_else(other, literal)
                }
                (operand, op) => {
                    Expression::UnaryOp { op: op.as_str().to_owned(), operand: Box::new(self.expr(operand)) }
                }
            },
            _ => other(),
        }
    }
}

impl ExprReader<'_> {
    fn generators(&self, generators: &[ast::Comprehension]) -> Vec<Generator> {
        generators
            .iter()
            .map(|g| Generator {
                target: self.expr(&g.target),
                iter: self.expr(&g.iter),
                ifs: g.ifs.iter().map(|i| self.expr(i)).collect(),
            })
            .collect()
    }

    /// None for format specs with fields of their own (`{x:{width}}`) and `!a`, which the
    /// models do not format. A self-documenting field (`{x=}`, `{ x = }`) is its text as
    /// written, then the value: by `repr` unless a conversion or a format spec is given, as
    /// CPython's compiler makes it.
    fn fstring(&self, value: &ast::FStringValue) -> Option<Expression> {
        let mut parts = Vec::new();
        for part in value.iter() {
            match part {
                ast::FStringPart::Literal(literal) => parts.push(FStringPart::Text { text: literal.value.to_string() }),
                ast::FStringPart::FString(fstring) => {
                    for element in fstring.elements.iter() {
                        match element {
                            ast::InterpolatedStringElement::Literal(literal) => {
                                parts.push(FStringPart::Text { text: literal.value.to_string() })
                            }
                            ast::InterpolatedStringElement::Interpolation(field) => {
                                if let Some(debug) = &field.debug_text {
                                    parts.push(FStringPart::Text { text: debug.as_str().to_owned() });
                                }
                                let spec = match &field.format_spec {
                                    None => None,
                                    Some(spec) => {
                                        let mut text = String::new();
                                        for element in spec.elements.iter() {
                                            match element {
                                                ast::InterpolatedStringElement::Literal(literal) => {
                                                    text.push_str(&literal.value)
                                                }
                                                ast::InterpolatedStringElement::Interpolation(_) => return None,
                                            }
                                        }
                                        Some(text)
                                    }
                                };
                                let repr = match field.conversion {
                                    ast::ConversionFlag::None => field.debug_text.is_some() && spec.is_none(),
                                    ast::ConversionFlag::Str => false,
                                    ast::ConversionFlag::Repr => true,
                                    ast::ConversionFlag::Ascii => return None,
                                };
                                parts.push(FStringPart::Field { value: self.expr(&field.expression), repr, spec });
                            }
                        }
                    }
                }
            }
        }
        Some(Expression::FString { parts })
    }
}

fn number_literal(number: &Number, negate: bool) -> Option<Literal> {
    match number {
        Number::Int(int) => int.as_i64().map(|i| Literal::Int(if negate { -i } else { i })),
        Number::Float(float) => Some(Literal::Float(if negate { -float } else { *float })),
        Number::Complex { .. } => None,
    }
}
