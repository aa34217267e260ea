//! A model of Python source code: classes, protocols, functions and their signatures.
//!
//! [`parse`] turns one Python module into plain, serializable data with Ruff's parser, and
//! [`Source`] parses once for callers that read several views of the same code: the labs
//! reason about this model instead of walking syntax trees themselves. Source text (annotations,
//! defaults, bases, decorators) is kept exactly as written, sliced out of the code by range.

mod changes;
mod imports;
mod mentions;
mod model;
mod mro;
mod printable;
mod repr;
mod statements;
mod static_attributes;
mod types;

pub use changes::{AttributeChanges, ClassBodyWrites, NamedWrite};
pub use imports::{ClassHeader, Import};
pub use mentions::{mentions, yields, Mention};
pub use model::{
    Attribute, AttributeWrite, Class, Function, InheritedMember, Member, MemberKind, Module, Param, ParamKind,
    Rebinding, Signature, SyntaxError, WrittenValue,
};
pub use printable::{version_dependent_char, VersionDependentChar};
pub use repr::{float_repr, str_repr};
pub use statements::{
    conditional, expression, generator_expression, slice, starred_call, visit_in_blocks, Accessor, Conditional,
    ExceptClause, Expression, FStringPart, FunctionBody, Generator, GeneratorExpression, GeneratorParts, Literal,
    Slice, StarredCall, Statement, StatementKind, GENERATOR_EXPRESSION, MAX_LAMBDA_NESTING,
};
pub use types::TypeExpr;

use std::collections::HashMap;

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_python_parser::{LexicalErrorType, ParseErrorType};
use ruff_text_size::{Ranged, TextSize};

/// A module parsed once by Ruff's parser, read in each of the views the models need. Parsing
/// is most of the cost; each view is a walk over the same tree.
#[derive(Debug)]
pub struct Source {
    code: String,
    ast: ruff_python_parser::Parsed<ast::ModModule>,
}

impl Source {
    pub fn parse(code: &str) -> Result<Source, SyntaxError> {
        let ast = ruff_python_parser::parse_module(code).map_err(|error| {
            let unread = matches!(error.error, ParseErrorType::Lexical(LexicalErrorType::UnicodeError));
            let message = if unread {
                "the labs do not read \\N{...} escapes, so they predict nothing for this code; Run still runs it"
                    .to_owned()
            } else {
                error.error.to_string()
            };
            SyntaxError { unread, ..syntax_error(code, error.location.start(), message) }
        })?;
        if let Some(offset) = too_deeply_nested(code, &ast) {
            return Err(syntax_error(code, offset, "too many nested parentheses".to_owned()));
        }
        if let Some(offset) = too_many_indentation_levels(&ast) {
            return Err(syntax_error(code, offset, "too many levels of indentation".to_owned()));
        }
        if let Some(offset) = nested_too_deep_to_read(code, &ast) {
            let message = format!(
                "the labs do not read expressions nested more than {MAX_READ_DEPTH} deep, so they predict nothing for this code; Run still runs it"
            );
            return Err(SyntaxError { unread: true, ..syntax_error(code, offset, message) });
        }
        Ok(Source { code: code.to_owned(), ast })
    }

    pub fn code(&self) -> &str {
        &self.code
    }

    /// The module's classes and top-level functions. An `if` in a class body is not read: its
    /// line is one of the class's `unread_statements`.
    pub fn module(&self) -> Module {
        self.module_of(&self.ast.syntax().body)
    }

    /// [`Source::module`], reading `body` as the module's top-level statements: statements of
    /// this same code (Ruff's tree of it), chosen by a caller that knows which module-level `if`
    /// clauses run and reads their statements as top-level ones.
    pub fn module_of(&self, body: &[Stmt]) -> Module {
        let reader = Reader {
            code: &self.code,
            class_ifs: None,
            modules: None,
            reading: ClassBodyReading::Python,
            unread_blocks: Default::default(),
            sequences: HashMap::new(),
        };
        self.read_module(&reader, body)
    }

    /// [`Source::module`], reading each clause of an `if` (or `elif`) in a class body as
    /// `choose` says for its condition's text and line (see [`ClassIfClause`]); the `else`
    /// clause is read when no clause before it was taken. A name the class defined before a
    /// clause and defines again in it keeps the definition `reading` says ([`ClassBodyReading`]);
    /// where that is a property, the `if` is left unread, at the clause's line.
    /// `for` and `try` statements of a class body are read too, as far as `reading` tells what
    /// they define: see [`ClassBodyReading`]. Those it does not are left unread, and returned
    /// with their lines and why, each reason a phrase such as "a `for` at line 3 over `names`, ...".
    pub fn module_reading_class_ifs(
        &self,
        choose: &ChooseClassIf<'_>,
        reading: ClassBodyReading,
    ) -> (Module, Vec<(usize, String)>) {
        self.module_reading_class_bodies(choose, reading, None)
    }

    /// [`Source::module_reading_class_ifs`], where for a `Python` reading `modules` tells which
    /// modules import: a `try` whose body only imports besides statements that cannot raise
    /// runs as the imports go (see [`ImportsModule`]).
    pub fn module_reading_class_bodies(
        &self,
        choose: &ChooseClassIf<'_>,
        reading: ClassBodyReading,
        modules: Option<&ImportsModule<'_>>,
    ) -> (Module, Vec<(usize, String)>) {
        let reader = Reader {
            code: &self.code,
            class_ifs: Some(choose),
            modules,
            reading,
            unread_blocks: Default::default(),
            sequences: self.sequences(),
        };
        let module = self.read_module(&reader, &self.ast.syntax().body);
        (module, reader.unread_blocks.into_inner())
    }

    fn read_module(&self, reader: &Reader, body: &[Stmt]) -> Module {
        let mut module = Module::default();
        for stmt in body {
            match stmt {
                Stmt::ClassDef(class) => {
                    let class = reader.class(class);
                    // A redefinition replaces the earlier class, as rebinding the name does in Python.
                    module.classes.retain(|c| c.name != class.name);
                    module.classes.push(class);
                }
                Stmt::FunctionDef(function) => {
                    let function = reader.function(function);
                    module.functions.retain(|f| f.name != function.name);
                    module.functions.push(function);
                }
                _ => {}
            }
        }
        for import in imports::read_imports(&self.code, body) {
            module.imports.insert(import.bound, import.target);
        }
        // A name bound again at top level may no longer be the import: it is not resolved.
        // Imports and bindings inside blocks are not followed: the names they bind are left
        // unresolved.
        let bindings: Vec<&str> = body.iter().flat_map(top_level_bindings).collect();
        for name in &bindings {
            module.imports.remove(*name);
        }
        for stmt in body {
            let Stmt::Assign(assign) = stmt else { continue };
            let ([Expr::Name(target)], Expr::Call(call)) = (assign.targets.as_slice(), &*assign.value) else {
                continue;
            };
            let callee = reader.text(&*call.func);
            let callee = module.imports.get(&callee).cloned().unwrap_or(callee);
            let plain = matches!(callee.as_str(), "typing.TypeVar" | "typing_extensions.TypeVar")
                && call.arguments.keywords.is_empty()
                && matches!(call.arguments.args.as_ref(), [Expr::StringLiteral(name)] if name.value.to_str() == target.id.as_str());
            if plain && bindings.iter().filter(|name| **name == target.id.as_str()).count() == 1 {
                module.type_variables.push(target.id.to_string());
            }
        }
        module
    }

    /// The module's top-level statements, in order.
    pub fn statements(&self) -> Vec<Statement> {
        statements::read_statements(&self.code, &self.ast.syntax().body)
    }

    /// The bodies of the module's top-level functions and of its classes' methods, in order.
    pub fn function_bodies(&self) -> Vec<FunctionBody> {
        statements::read_function_bodies(&self.code, &self.ast.syntax().body)
    }

    /// Every set display in the module, nested scopes included, as its elements in source
    /// order (None for code nested too deep to walk): the compiler makes equal displays of
    /// constants share one frozenset constant.
    pub fn set_displays(&self) -> Option<Vec<Vec<Expression>>> {
        statements::read_set_displays(&self.code, &self.ast.syntax().body)
    }

    /// Every `lambda` in the module, with its text, as the function it compiles to.
    pub fn lambdas(&self) -> Vec<(String, FunctionBody)> {
        statements::read_lambdas(&self.code, &self.ast.syntax().body)
    }

    /// Every generator expression in the module, with its text and first iterable, as the
    /// generator function it compiles to.
    pub fn generator_expressions(&self) -> Vec<GeneratorExpression> {
        statements::read_generator_expressions(&self.code, &self.ast.syntax().body)
    }

    /// The first syntax of this code that CPython 3.`minor` does not have (`except A, B:`
    /// before 3.14, `type` statements before 3.12), as Ruff's parser finds it for that
    /// version: its 1-based line and what it is. None where 3.`minor` reads all of it.
    pub fn newer_syntax(&self, minor: u8) -> Option<(usize, String)> {
        let version = ruff_python_ast::PythonVersion { major: 3, minor };
        let options =
            ruff_python_parser::ParseOptions::from(ruff_python_parser::Mode::Module).with_target_version(version);
        let parsed = ruff_python_parser::parse_unchecked(&self.code, options);
        let error = parsed.unsupported_syntax_errors().first()?;
        let line = self.code[..usize::from(error.range.start())].matches('\n').count() + 1;
        Some((line, error.to_string()))
    }

    /// The names the module's top-level imports bind, in order.
    pub fn imports(&self) -> Vec<Import> {
        imports::read_imports(&self.code, &self.ast.syntax().body)
    }

    /// Each top-level class's `__static_attributes__`: the names its body stores through
    /// `self.X`, sorted.
    pub fn static_attributes(&self) -> std::collections::BTreeMap<String, Vec<String>> {
        static_attributes::read_static_attributes(&self.ast.syntax().body)
    }

    /// What the code does to attributes besides what class statements define: which names'
    /// objects it changes anywhere, and what each class statement's body writes.
    pub fn attribute_changes(&self) -> AttributeChanges {
        changes::read_attribute_changes(&self.code, &self.ast.syntax().body)
    }

    /// Whether the module binds `name` exactly once, anywhere (over-approximated as for
    /// [`Source::module_constants`]: a binding in any scope, `global` and imports count).
    pub fn binds_once(&self, name: &str) -> bool {
        let mut bound = BoundNames::default();
        bound.visit_body(&self.ast.syntax().body);
        bound.names.iter().filter(|n| **n == name).count() == 1
    }

    /// How many times the module binds each name it binds, anywhere (over-approximated as for
    /// [`Source::binds_once`]); a star import counts as binding `*`.
    pub fn binding_counts(&self) -> HashMap<String, usize> {
        let mut bound = BoundNames::default();
        bound.visit_body(&self.ast.syntax().body);
        let mut counts = HashMap::new();
        for name in bound.names {
            *counts.entry(name.to_owned()).or_insert(0) += 1;
        }
        counts
    }

    /// The names bound once in the whole module, by a top-level `NAME = literal` (or
    /// `NAME: T = literal`): no other statement, function, class body or comprehension binds,
    /// deletes or declares them `global`, so from that line on they hold that value.
    pub fn module_constants(&self) -> Vec<ModuleConstant> {
        let mut bound = BoundNames::default();
        bound.visit_body(&self.ast.syntax().body);
        let reader = Reader {
            code: &self.code,
            class_ifs: None,
            modules: None,
            reading: ClassBodyReading::Python,
            unread_blocks: Default::default(),
            sequences: HashMap::new(),
        };
        self.ast
            .syntax()
            .body
            .iter()
            .filter_map(|stmt| {
                let (target, value, annotation) = match stmt {
                    Stmt::Assign(assign) => match assign.targets.as_slice() {
                        [target] => (target, &*assign.value, None),
                        _ => return None,
                    },
                    Stmt::AnnAssign(assign) => {
                        (&*assign.target, assign.value.as_deref()?, Some(reader.text(&*assign.annotation)))
                    }
                    _ => return None,
                };
                let Expr::Name(name) = target else { return None };
                if bound.names.iter().filter(|n| **n == name.id.as_str()).count() != 1 {
                    return None;
                }
                let text = reader.text(value);
                let Some(Expression::Literal { literal }) = expression(&text) else { return None };
                Some(ModuleConstant {
                    name: name.id.to_string(),
                    line: reader.line(stmt),
                    value: literal,
                    text,
                    annotation,
                })
            })
            .collect()
    }

    /// `(name, line, display as written)` of the module-level names bound once to a tuple, list
    /// or dict display whose items nothing changes ([`Source::sequences`]).
    pub fn module_displays(&self) -> Vec<(String, usize, String)> {
        let reader = Reader {
            code: &self.code,
            class_ifs: None,
            modules: None,
            reading: ClassBodyReading::Python,
            unread_blocks: Default::default(),
            sequences: HashMap::new(),
        };
        let mut displays: Vec<(String, usize, String)> = self
            .sequences()
            .into_iter()
            .filter_map(|(name, steps)| match steps.as_slice() {
                [SequenceStep::Bound(_, value)] => Some((name.to_owned(), reader.line(*value), reader.text(*value))),
                _ => None,
            })
            .collect();
        displays.sort();
        displays
    }

    /// The module-level names bound only by top-level `NAME = display` statements (a tuple,
    /// list or dict), with those and the top-level `NAME.append(item)` statements of a list, in
    /// order ([`SequenceStep`]). A list or dict counts only where the module mentions the name
    /// nowhere else but in those appends and as what a `for` loops over (or its `.keys()`,
    /// `.values()` or `.items()`): nothing else changes its items; or, a list bound once, where
    /// its one mention is as a class body's `__slots__ = NAME`, which nothing runs before.
    fn sequences(&self) -> HashMap<&str, Vec<SequenceStep<'_>>> {
        let body = &self.ast.syntax().body;
        let mut bound = BoundNames::default();
        bound.visit_body(body);
        let mut uses = NameUses::default();
        uses.visit_body(body);
        let mut steps: HashMap<&str, Vec<SequenceStep>> = HashMap::new();
        for stmt in body {
            match stmt {
                Stmt::Assign(assign) => {
                    let [Expr::Name(name)] = assign.targets.as_slice() else { continue };
                    let step = SequenceStep::Bound(stmt.end(), &assign.value);
                    steps.entry(name.id.as_str()).or_default().push(step);
                }
                Stmt::Expr(ast::StmtExpr { value, .. }) => {
                    let Expr::Call(call) = &**value else { continue };
                    let Expr::Attribute(attribute) = &*call.func else { continue };
                    let (Expr::Name(name), [item], true) =
                        (&*attribute.value, &*call.arguments.args, call.arguments.keywords.is_empty())
                    else {
                        continue;
                    };
                    if attribute.attr.id.as_str() == "append" {
                        steps.entry(name.id.as_str()).or_default().push(SequenceStep::Appended(stmt.end(), item));
                    }
                }
                _ => {}
            }
        }
        steps.retain(|name, steps| {
            let displays: Vec<&Expr> = steps
                .iter()
                .filter_map(|step| match step {
                    SequenceStep::Bound(_, value) => Some(*value),
                    SequenceStep::Appended(..) => None,
                })
                .collect();
            let appends = steps.len() - displays.len();
            let bound_only_so = bound.names.iter().filter(|n| *n == name).count() == displays.len();
            let tuples = displays.iter().all(|d| d.is_tuple_expr());
            let displays_only = displays.iter().all(|d| matches!(d, Expr::Tuple(_) | Expr::List(_) | Expr::Dict(_)));
            let lists = displays.iter().all(|d| d.is_list_expr());
            let looped_over = uses.looped_over.get(name).copied().unwrap_or_default();
            let all_uses = uses.all.get(name).copied().unwrap_or_default();
            // A class statement reads its `__slots__` as it runs; what `C.__slots__` may do to the
            // list later no longer changes them.
            let slots_only = lists
                && displays.len() == 1
                && appends == 0
                && all_uses == 1
                && uses.slots_values.get(name) == Some(&1);
            let unchanged = (tuples && appends == 0)
                || ((appends == 0 || lists) && all_uses == looped_over + appends)
                || slots_only;
            bound_only_so && displays_only && unchanged
        });
        steps
    }

    /// The keywords and docstring of each top-level class statement, in order.
    pub fn class_headers(&self) -> Vec<ClassHeader> {
        imports::read_class_headers(&self.code, &self.ast.syntax().body)
    }
}

/// A module-level name bound once, to a literal ([`Source::module_constants`]).
#[derive(Clone, Debug, PartialEq)]
pub struct ModuleConstant {
    pub name: String,
    /// The line of the assignment, from which on the name holds `value`.
    pub line: usize,
    pub value: Literal,
    /// The value as written.
    pub text: String,
    /// The name's annotation (`LEVEL: int = 0`), if it has one.
    pub annotation: Option<String>,
}

/// Parses `code` as a Python module and models its classes and top-level functions.
pub fn parse(code: &str) -> Result<Module, SyntaxError> {
    Source::parse(code).map(|source| source.module())
}

/// The module's top-level statements, in order.
pub fn statements(code: &str) -> Result<Vec<Statement>, SyntaxError> {
    Source::parse(code).map(|source| source.statements())
}

/// The bodies of the module's top-level functions and of its classes' methods, in order.
pub fn function_bodies(code: &str) -> Result<Vec<FunctionBody>, SyntaxError> {
    Source::parse(code).map(|source| source.function_bodies())
}

/// How often each name is read anywhere in a module, how often as all of what a `for`
/// loops over (or with `.keys()`, `.values()` or `.items()` called on it), and how often as all
/// of a class body's `__slots__ = NAME`.
#[derive(Default)]
struct NameUses<'a> {
    all: HashMap<&'a str, usize>,
    looped_over: HashMap<&'a str, usize>,
    slots_values: HashMap<&'a str, usize>,
}

impl<'a> Visitor<'a> for NameUses<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if let Stmt::ClassDef(class) = stmt {
            for statement in &class.body {
                let Stmt::Assign(assign) = statement else { continue };
                if let ([Expr::Name(target)], Expr::Name(value)) = (assign.targets.as_slice(), &*assign.value) {
                    if target.id.as_str() == "__slots__" {
                        *self.slots_values.entry(value.id.as_str()).or_default() += 1;
                    }
                }
            }
        }
        if let Stmt::For(ast::StmtFor { iter, .. }) = stmt {
            let looped = match &**iter {
                Expr::Call(call) if call.arguments.is_empty() => match &*call.func {
                    Expr::Attribute(attribute) if matches!(attribute.attr.id.as_str(), "keys" | "values" | "items") => {
                        &*attribute.value
                    }
                    _ => &**iter,
                },
                other => other,
            };
            if let Expr::Name(name) = looped {
                *self.looped_over.entry(name.id.as_str()).or_default() += 1;
            }
        }
        visitor::walk_stmt(self, stmt);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if let Expr::Name(name) = expr {
            if name.ctx.is_load() {
                *self.all.entry(name.id.as_str()).or_default() += 1;
            }
        }
        visitor::walk_expr(self, expr);
    }
}

/// Every name a function body may bind, in any block (over-approximated: comprehension targets
/// and nested scopes' names count too).
#[derive(Default)]
struct BoundNames<'a> {
    names: Vec<&'a str>,
}

impl<'a> Visitor<'a> for BoundNames<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::FunctionDef(function) => self.names.push(function.name.as_str()),
            Stmt::ClassDef(class) => self.names.push(class.name.as_str()),
            Stmt::Import(import) => self.names.extend(import.names.iter().map(|a| {
                a.asname.as_ref().map_or_else(|| a.name.split('.').next().unwrap_or_default(), |n| n.as_str())
            })),
            Stmt::ImportFrom(import) => {
                self.names.extend(import.names.iter().map(|a| a.asname.as_ref().unwrap_or(&a.name).as_str()))
            }
            Stmt::Global(ast::StmtGlobal { names, .. }) | Stmt::Nonlocal(ast::StmtNonlocal { names, .. }) => {
                self.names.extend(names.iter().map(|n| n.as_str()))
            }
            _ => {}
        }
        visitor::walk_stmt(self, stmt);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if let Expr::Name(name) = expr {
            if !name.ctx.is_load() {
                self.names.push(name.id.as_str());
            }
        }
        visitor::walk_expr(self, expr);
    }

    fn visit_pattern(&mut self, pattern: &'a ast::Pattern) {
        let captured = match pattern {
            ast::Pattern::MatchAs(ast::PatternMatchAs { name, .. })
            | ast::Pattern::MatchStar(ast::PatternMatchStar { name, .. }) => name.as_ref(),
            ast::Pattern::MatchMapping(ast::PatternMatchMapping { rest, .. }) => rest.as_ref(),
            _ => None,
        };
        self.names.extend(captured.map(|n| n.as_str()));
        visitor::walk_pattern(self, pattern);
    }

    fn visit_except_handler(&mut self, handler: &'a ast::ExceptHandler) {
        let ast::ExceptHandler::ExceptHandler(handler_node) = handler;
        if let Some(name) = &handler_node.name {
            self.names.push(name.as_str());
        }
        visitor::walk_except_handler(self, handler);
    }
}

/// `name = value`'s name and value.
fn plain_assign(stmt: &Stmt) -> Option<(&str, &Expr)> {
    match stmt {
        Stmt::Assign(assign) => match assign.targets.as_slice() {
            [Expr::Name(name)] => Some((name.id.as_str(), &*assign.value)),
            _ => None,
        },
        _ => None,
    }
}

/// The names a top-level statement binds other than by an import (a top-level import binds what
/// `imports` resolves).
fn top_level_bindings(stmt: &Stmt) -> Vec<&str> {
    match stmt {
        Stmt::ClassDef(class) => vec![class.name.as_str()],
        Stmt::FunctionDef(function) => vec![function.name.as_str()],
        Stmt::Assign(assign) => assign.targets.iter().flat_map(bound_names).collect(),
        Stmt::AnnAssign(assign) => bound_names(&assign.target),
        Stmt::AugAssign(assign) => bound_names(&assign.target),
        Stmt::For(for_stmt) => bound_names(&for_stmt.target),
        _ => Vec::new(),
    }
}

/// The plain names an assignment target binds (`a`, `a, b`, `[a, *b]`).
fn bound_names(target: &Expr) -> Vec<&str> {
    match target {
        Expr::Name(name) => vec![name.id.as_str()],
        Expr::Tuple(tuple) => tuple.elts.iter().flat_map(bound_names).collect(),
        Expr::List(list) => list.elts.iter().flat_map(bound_names).collect(),
        Expr::Starred(starred) => bound_names(&starred.value),
        _ => vec![],
    }
}

/// How deep CPython's tokenizer lets brackets nest (`MAXLEVEL`): the bracket that opens level
/// 201 is a SyntaxError, which Ruff's parser does not raise.
const MAX_BRACKET_DEPTH: usize = 200;

/// Where the first bracket deeper than [`MAX_BRACKET_DEPTH`] opens, if one does. The brackets of
/// f-strings' replacement fields count, as in CPython 3.12 and later, whose tokenizer reads
/// them with the rest (3.11 compiles each field apart, from level 0; only such code, nested
/// over 200 deep, tells the two apart).
fn too_deeply_nested(code: &str, ast: &ruff_python_parser::Parsed<ast::ModModule>) -> Option<TextSize> {
    use ruff_python_ast::token::TokenKind;
    // Fewer opening brackets than the limit cannot go deeper than it: most code skips the walk.
    if code.bytes().filter(|b| matches!(b, b'(' | b'[' | b'{')).count() <= MAX_BRACKET_DEPTH {
        return None;
    }
    let mut depth = 0usize;
    for token in ast.tokens().iter() {
        match token.kind() {
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => {
                depth += 1;
                if depth > MAX_BRACKET_DEPTH {
                    return Some(token.start());
                }
            }
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// How many levels of indentation CPython's tokenizer keeps (`MAXINDENT`): a block at the
/// hundredth level is its IndentationError "too many levels of indentation".
const MAX_INDENT_LEVELS: usize = 100;

/// Where the indentation goes [`MAX_INDENT_LEVELS`] deep, which Ruff's parser reads and
/// CPython refuses, at the start of that line as CPython reports it.
fn too_many_indentation_levels(ast: &ruff_python_parser::Parsed<ast::ModModule>) -> Option<TextSize> {
    use ruff_python_ast::token::TokenKind;
    let mut levels = 0usize;
    for token in ast.tokens().iter() {
        match token.kind() {
            TokenKind::Indent => {
                levels += 1;
                if levels >= MAX_INDENT_LEVELS {
                    return Some(token.start());
                }
            }
            TokenKind::Dedent => levels = levels.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// How deep expressions may nest for the labs to read the code. Chains nest without brackets
/// (`a.b.c...`, `f()()...`, `1+1+...`, `-(-...)`), so CPython's limit of 200 brackets does not
/// bound them, and every walk over the tree recurses once per level: one 20,000 deep overflows
/// the stack (the labs' worker's is small). CPython compiles such code up to a depth that
/// differs between versions (about 3,000 on 3.11 and 3.12, more on 3.13) and the models
/// decline expressions nested more than 200 deep anyway.
const MAX_READ_DEPTH: usize = 300;

/// Where an expression nests more than [`MAX_READ_DEPTH`] deep, found by a walk that goes no
/// deeper than that.
fn nested_too_deep_to_read(code: &str, ast: &ruff_python_parser::Parsed<ast::ModModule>) -> Option<TextSize> {
    // Each level of nesting takes at least one character.
    if code.len() <= MAX_READ_DEPTH {
        return None;
    }
    struct Depth {
        depth: usize,
        found: Option<TextSize>,
    }
    impl<'a> Visitor<'a> for Depth {
        fn visit_expr(&mut self, expr: &'a Expr) {
            if self.found.is_some() {
                return;
            }
            if self.depth == MAX_READ_DEPTH {
                self.found = Some(expr.start());
                return;
            }
            self.depth += 1;
            visitor::walk_expr(self, expr);
            self.depth -= 1;
        }
    }
    let mut walk = Depth { depth: 0, found: None };
    walk.visit_body(&ast.syntax().body);
    walk.found
}

fn syntax_error(code: &str, offset: TextSize, message: String) -> SyntaxError {
    let offset = (usize::from(offset)).min(code.len());
    let before = &code[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    SyntaxError {
        line: before.matches('\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
        message,
        unread: false,
    }
}

/// What [`Source::module_reading_class_ifs`] asks of each class-body `if` or `elif` clause: how
/// to read it, given its condition's text and line.
pub type ChooseClassIf<'a> = dyn Fn(&str, usize) -> ClassIfClause + 'a;

/// What [`Source::module_reading_class_bodies`] asks of a top-level module name (`os`, no dots)
/// a class body's `try` imports: `Ok(true)` where `import name` succeeds on the Python the reading
/// is for, `Ok(false)` where it raises ImportError, and why not where that is not known.
pub type ImportsModule<'a> = dyn Fn(&str) -> Result<bool, String> + 'a;

/// How [`Source::module_reading_class_ifs`] reads one `if` or `elif` clause of a class body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClassIfClause {
    /// The condition holds: the clause's body is read and the clauses after it are not.
    Taken,
    /// The condition does not hold: the body is skipped and the next clause is considered.
    Skipped,
    /// Either may happen, and both count: the body is read and so are the clauses after it.
    Either,
    /// The reader cannot tell: the whole `if` is unread, the clause's line one of the class's
    /// `unread_statements`.
    Unread,
}

/// Whose reading of a class body's blocks [`Source::module_reading_class_ifs`] gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClassBodyReading {
    /// mypy's semantic analysis: every block it does not find unreachable counts, and a name
    /// defined again, in a block or not, keeps its first definition (mypy reports the others),
    /// a bare `name = None` completed by the next assignment. A `for` counts its body and
    /// `else`, a `try` all of its clauses.
    Mypy,
    /// What Python runs, in order: a later definition replaces an earlier one. A `for` runs its
    /// body at least once and then its `else`; a `try` whose body cannot raise runs it, its
    /// `else` and its `finally`, and no handler.
    Python,
}

struct Reader<'src> {
    code: &'src str,
    class_ifs: Option<&'src ChooseClassIf<'src>>,
    /// Whether a standard-library module imports on the Python a `Python` reading is for.
    modules: Option<&'src ImportsModule<'src>>,
    reading: ClassBodyReading,
    /// The `for` and `try` statements of class bodies left unread, by line, with why.
    unread_blocks: std::cell::RefCell<Vec<(usize, String)>>,
    /// What a class body's `for` may loop over by name ([`Source::sequences`]).
    sequences: HashMap<&'src str, Vec<SequenceStep<'src>>>,
}

/// A top-level statement giving a module-level sequence its items ([`Source::sequences`]), with
/// the end of the statement, from which on it holds them.
#[derive(Clone, Copy)]
enum SequenceStep<'a> {
    /// `NAME = display`.
    Bound(TextSize, &'a Expr),
    /// `NAME.append(item)`.
    Appended(TextSize, &'a Expr),
}

impl Reader<'_> {
    fn text(&self, node: &impl Ranged) -> String {
        self.code[node.range()].to_string()
    }

    fn line(&self, node: &impl Ranged) -> usize {
        self.code[..usize::from(node.start())].matches('\n').count() + 1
    }

    fn class(&self, class: &ast::StmtClassDef) -> Class {
        let mut bases = Vec::new();
        let mut metaclass = None;
        if let Some(arguments) = &class.arguments {
            bases.extend(arguments.args.iter().map(|base| self.text(base)));
            for keyword in &arguments.keywords {
                if keyword.arg.as_ref().is_some_and(|arg| arg.id.as_str() == "metaclass") {
                    metaclass = Some(self.text(&keyword.value));
                }
            }
        }
        let decorators: Vec<String> = class.decorator_list.iter().map(|d| self.text(&d.expression)).collect();
        let base_exprs = class.arguments.iter().flat_map(|a| a.args.iter());
        let is_protocol = base_exprs.clone().any(|base| {
            let base = match base {
                Expr::Subscript(subscript) => &*subscript.value,
                other => other,
            };
            is_typing_name(&self.text(base), "Protocol")
        });
        let is_abc = base_exprs.clone().any(|base| matches!(self.text(base).as_str(), "ABC" | "abc.ABC"))
            || metaclass.as_deref().is_some_and(|m| matches!(m, "ABCMeta" | "abc.ABCMeta"));
        let is_runtime_checkable = decorators.iter().any(|d| is_typing_name(d, "runtime_checkable"));
        let mut model = Class {
            name: class.name.id.to_string(),
            line: self.line(&class.name),
            bases,
            metaclass,
            decorators,
            is_protocol,
            is_runtime_checkable,
            is_abc,
            type_params: class.type_params.as_ref().map(|t| self.text(&**t)),
            unread_statements: Vec::new(),
            members: Vec::new(),
            attribute_writes: Vec::new(),
        };
        for stmt in &class.body {
            self.class_statement(&mut model, stmt);
        }
        model
    }

    /// Reads one statement of a class body. For mypy, a name the class body defined before (by
    /// a value or a `def`) and defines again keeps its first definition, as in a block
    /// ([`Reader::keeps_definitions`]); mypy reports the others.
    fn class_statement(&self, class: &mut Class, stmt: &Stmt) {
        let names = names_defined(stmt);
        if self.reading != ClassBodyReading::Mypy || names.is_empty() {
            return self.read_class_statement(class, stmt);
        }
        let before = class.clone();
        let defined: Vec<Member> = class
            .members
            .iter()
            .filter(|m| names.contains(&m.name.as_str()) && defined_by_class_body(m))
            .cloned()
            .collect();
        self.read_class_statement(class, stmt);
        if !self.keeps_definitions(class, &defined) {
            *class = before;
            let line = self.line(stmt);
            class.unread_statements.push(line);
            self.unread_blocks.borrow_mut().push((line, format!("a statement at line {line} {AGAIN}")));
        }
    }

    fn read_class_statement(&self, class: &mut Class, stmt: &Stmt) {
        match stmt {
            Stmt::FunctionDef(def) => {
                let mut function = self.function(def);
                if !function.is_staticmethod && !function.is_classmethod {
                    self.method_writes(class, def, &function.name);
                }
                function.overloaded |= class
                    .members
                    .iter()
                    .any(|m| m.name == function.name && matches!(&m.kind, MemberKind::Method(f) if f.overloaded));
                if let Some((property, accessor)) = function.accessor_decorator() {
                    // `@x.setter` makes a copy of the property `x` with the new function, bound
                    // to the def's name: `x` itself changes only where that name is `x`.
                    let found = class.members.iter().find(|m| m.name == property);
                    if let Some(Member { kind: MemberKind::Property { getter, setter, deleter }, .. }) = found {
                        let (mut setter, mut deleter) = (setter.clone(), deleter.clone());
                        let slot = match accessor {
                            Accessor::Setter => &mut setter,
                            Accessor::Deleter => &mut deleter,
                        };
                        let name = function.name.clone();
                        *slot = Some(Box::new(function));
                        let kind = MemberKind::Property { getter: getter.clone(), setter, deleter };
                        class.set_member(Member { name, owner: class.name.clone(), kind });
                    }
                    return;
                }
                if function.name == "__init__" {
                    self.init_attributes(class, def);
                }
                let kind = if function.is_property {
                    MemberKind::Property { getter: function, setter: None, deleter: None }
                } else {
                    MemberKind::Method(function)
                };
                let name = def.name.id.to_string();
                class.set_member(Member { name, owner: class.name.clone(), kind });
            }
            Stmt::AnnAssign(assign) if !assign.target.is_name_expr() => {
                class.unread_statements.push(self.line(stmt));
            }
            Stmt::AnnAssign(assign) => {
                if let Expr::Name(target) = &*assign.target {
                    let annotation = self.text(&*assign.annotation);
                    let class_var = is_class_var(&assign.annotation, &annotation);
                    let value = assign.value.as_ref().map(|v| self.text(&**v));
                    let line = self.line(stmt);
                    class.set_attribute(target.id.as_str(), false, |attribute| {
                        attribute.line = line;
                        attribute.annotation = Some(annotation);
                        attribute.class_var = class_var;
                        attribute.class_value = value.or(attribute.class_value.take());
                    });
                }
            }
            Stmt::Assign(assign) if !assign.targets.iter().all(Expr::is_name_expr) => {
                class.unread_statements.push(self.line(stmt));
            }
            Stmt::Assign(assign) => {
                let value = self.text(&*assign.value);
                let line = self.line(stmt);
                for target in &assign.targets {
                    if let Expr::Name(target) = target {
                        class.set_attribute(target.id.as_str(), false, |attribute| {
                            if attribute.annotation.is_none() || attribute.line == 0 {
                                attribute.line = line;
                            }
                            attribute.class_value = Some(value.clone());
                        });
                    }
                }
            }
            // An import binds its names as class attributes, each holding a module or what it
            // imports: their value is the statement, which the reader does not evaluate. Read
            // where the class body's blocks are, as they may import.
            Stmt::Import(_) | Stmt::ImportFrom(_) if self.class_ifs.is_some() => {
                let value = self.text(stmt);
                let line = self.line(stmt);
                for name in imported_names(stmt) {
                    class.set_attribute(name, false, |attribute| {
                        if attribute.annotation.is_none() || attribute.line == 0 {
                            attribute.line = line;
                        }
                        attribute.class_value = Some(value.clone());
                    });
                }
            }
            Stmt::If(stmt) if self.class_ifs.is_some() => self.class_if(class, stmt),
            Stmt::For(stmt) if self.class_ifs.is_some() => self.class_for(class, stmt),
            Stmt::Try(stmt) if self.class_ifs.is_some() => self.class_try(class, stmt),
            // Docstrings, `...` and `pass` define nothing.
            other if is_trivial_statement(other) => {}
            other => class.unread_statements.push(self.line(other)),
        }
    }

    /// Reads the clauses of a class body's `if` that `class_ifs` chooses, in order, as if their
    /// statements were the class body's; an unread clause, or a property defined again, leaves
    /// the whole `if` unread, with the class as it was before it.
    fn class_if(&self, class: &mut Class, stmt: &ast::StmtIf) {
        let Some(choose) = self.class_ifs else { return };
        let before = class.clone();
        let clauses = std::iter::once((Some(&*stmt.test), &stmt.body, self.line(stmt)))
            .chain(stmt.elif_else_clauses.iter().map(|c| (c.test.as_ref(), &c.body, self.line(c))));
        for (test, body, line) in clauses {
            let clause = test.map_or(ClassIfClause::Taken, |test| choose(&self.text(test), line));
            if clause == ClassIfClause::Skipped {
                continue;
            }
            if clause == ClassIfClause::Unread || !self.read_block(class, body) {
                *class = before;
                class.unread_statements.push(line);
                return;
            }
            if clause == ClassIfClause::Taken {
                return;
            }
        }
    }

    /// Reads a `for` whose items the reader knows ([`Reader::loop_items`]), into a name or a
    /// tuple of names, whose body has no `break` or `continue`: Python runs the body once per
    /// item and then the `else`, and mypy counts both whatever the items; each loop variable is a
    /// class attribute of its items' one type, holding the last item's (where the loop runs).
    /// Any other `for` is unread.
    fn class_for(&self, class: &mut Class, stmt: &ast::StmtFor) {
        let line = self.line(stmt);
        if let Err(reason) = self.read_for(class, stmt, line) {
            class.unread_statements.push(line);
            self.unread_blocks.borrow_mut().push((line, format!("a `for` at line {line} {reason}")));
        }
    }

    fn read_for(&self, class: &mut Class, stmt: &ast::StmtFor, line: usize) -> Result<(), String> {
        let targets: Vec<&str> = match &*stmt.target {
            Expr::Name(name) => vec![name.id.as_str()],
            Expr::Tuple(tuple) if tuple.elts.iter().all(Expr::is_name_expr) => {
                tuple.elts.iter().filter_map(|e| e.as_name_expr()).map(|n| n.id.as_str()).collect()
            }
            _ => Vec::new(),
        };
        let items = (!targets.is_empty() && !stmt.is_async)
            .then(|| self.loop_items(&stmt.iter, stmt.target.is_tuple_expr().then_some(targets.len()), stmt))
            .flatten();
        let Some(items) = items else {
            return Err(format!(
                "over `{}`, which the lab does not follow (it reads a loop into names over `range` of \
                 integers, or a tuple, list or dict display of literals, written there or bound before to a \
                 module-level name and appended to; for mypy, a first binding that is not empty, and a tuple \
                 of several types other than numbers of several kinds): how often its body runs is not read",
                self.text(&*stmt.iter)
            ));
        };
        if jumps(&stmt.body) {
            return Err("whose body has `break` or `continue`, which the lab does not follow".to_owned());
        }
        let before = class.clone();
        let earlier = class.members.clone();
        // mypy counts the body whether or not the loop runs; Python binds the names only if it does.
        let runs = items.count > 0 || self.reading == ClassBodyReading::Mypy;
        if runs {
            let mypy_types = items.mypy_types.unwrap_or_default();
            for (index, (target, value)) in targets.iter().zip(items.last).enumerate() {
                class.set_attribute(target, false, |attribute| {
                    if attribute.annotation.is_none() || attribute.line == 0 {
                        attribute.line = line;
                    }
                    if let Some(typ) = mypy_types.get(index) {
                        attribute.annotation = Some(typ.clone());
                    }
                    attribute.class_value = Some(value);
                });
            }
        }
        let read = self.keeps_definitions(class, &earlier)
            && (!runs || self.read_block(class, &stmt.body))
            && self.read_block(class, &stmt.orelse);
        if !read {
            *class = before;
            return Err(AGAIN.to_owned());
        }
        Ok(())
    }

    /// The items of a `for`'s `iter`, where the reader knows them: `range(...)` of integer
    /// literals; a display of literals (a tuple or a list, or of tuples of `width` literals when
    /// the target is a tuple of that many names); a dict display with distinct string keys, its
    /// `.keys()`, `.values()` or `.items()`; or a module-level name bound before `stmt` to such a
    /// display ([`Source::sequences`]), or those methods of it: Python loops over its last
    /// binding before `stmt` with the items appended since, mypy types the items by its first
    /// binding ([`item_type`]: a tuple's of several types by their union, a list's or dict's by
    /// their join). Python's display must not be empty, nor mypy's (it types an empty one
    /// otherwise).
    fn loop_items(&self, iter: &Expr, width: Option<usize>, stmt: &ast::StmtFor) -> Option<LoopItems> {
        if let (Some(range), None) = (range_items(iter), width) {
            return Some(range);
        }
        let (display, method) = match iter {
            Expr::Call(call) if call.arguments.is_empty() => match &*call.func {
                Expr::Attribute(attribute) => (&*attribute.value, Some(attribute.attr.id.as_str())),
                _ => return None,
            },
            other => (other, None),
        };
        let rows_of = |display, appended: &[_]| display_rows(display, appended, method, width);
        // Python loops over the items the name holds at the `for`; mypy types them by the
        // display of its first binding, whatever is bound or appended later.
        let (rows, declared_display) = match display {
            Expr::Name(name) => {
                let steps = self.sequences.get(name.id.as_str())?;
                let before = steps.iter().filter(|step| step.end() <= stmt.start()).count();
                let bound = steps[..before].iter().rposition(|step| matches!(step, SequenceStep::Bound(..)))?;
                let SequenceStep::Bound(_, display) = steps[bound] else { return None };
                let appended: Vec<&Expr> = steps[bound + 1..before].iter().map(|step| step.expr()).collect();
                let first = steps.iter().find_map(|step| match step {
                    SequenceStep::Bound(_, display) => Some(*display),
                    SequenceStep::Appended(..) => None,
                })?;
                (rows_of(display, &appended)?, first)
            }
            other => (rows_of(other, &[])?, other),
        };
        // Only literals are read.
        if rows.iter().flatten().any(|e| literal_type(e).is_none()) {
            return None;
        }
        let last: Vec<String> = rows.last()?.iter().map(|e| self.text(*e)).collect();
        let count = rows.len();
        if self.reading == ClassBodyReading::Python {
            return Some(LoopItems { count, last, mypy_types: None });
        }
        // mypy types an empty display otherwise.
        let declared_rows = rows_of(declared_display, &[]).filter(|rows| !rows.is_empty())?;
        if declared_rows.iter().flatten().any(|e| literal_type(e).is_none()) {
            return None;
        }
        let columns = declared_rows.first()?.len();
        let types: Vec<String> = (0..columns)
            .map(|i| {
                let column: Vec<&str> = declared_rows.iter().filter_map(|row| literal_type(row.get(i)?)).collect();
                item_type(&column, declared_display.is_tuple_expr() && method.is_none(), width.is_some())
            })
            .collect::<Option<_>>()?;
        // The last item's literal shows its type unless mypy declares another.
        let shown = rows.last()?.iter().zip(&types).all(|(e, t)| literal_type(e) == Some(t.as_str()));
        let mypy_types = (!shown).then_some(types);
        Some(LoopItems { count, last, mypy_types })
    }

    /// Reads a `try` (not `try*`) whose handlers bind no name: for mypy every clause, for Python
    /// the body, `else` and `finally` where no statement of the body can raise
    /// ([`cannot_raise`]). Any other `try` is unread.
    fn class_try(&self, class: &mut Class, stmt: &ast::StmtTry) {
        let line = self.line(stmt);
        let binds = stmt.handlers.iter().any(|handler| {
            let ast::ExceptHandler::ExceptHandler(handler) = handler;
            handler.name.is_some()
        });
        let handlers = stmt.handlers.iter().map(|handler| {
            let ast::ExceptHandler::ExceptHandler(handler) = handler;
            handler.body.as_slice()
        });
        let blocks: Result<Vec<&[Stmt]>, String> = match self.reading {
            ClassBodyReading::Mypy => Ok(std::iter::once(stmt.body.as_slice())
                .chain(handlers)
                .chain([stmt.orelse.as_slice(), stmt.finalbody.as_slice()])
                .collect()),
            ClassBodyReading::Python => self.run_try_blocks(stmt),
        };
        let before = class.clone();
        let reason = if stmt.is_star {
            Some("that is a `try*`, which the lab does not read".to_owned())
        } else if binds {
            Some("whose handler binds a name with `as`, which the lab does not read".to_owned())
        } else {
            match blocks {
                Err(why) => Some(why),
                Ok(blocks) if !blocks.iter().all(|block| self.read_block(class, block)) => Some(AGAIN.to_owned()),
                Ok(_) => None,
            }
        };
        if let Some(reason) = reason {
            *class = before;
            class.unread_statements.push(line);
            self.unread_blocks.borrow_mut().push((line, format!("a `try` at line {line} {reason}")));
        }
    }

    /// The blocks of a `try` CPython runs, in order: where no statement of the body can raise
    /// ([`cannot_raise`]) but imports, and `self.modules` tells how each import goes, the body,
    /// `else` and `finally`, or the body up to the import that raises ImportError, the first
    /// handler, which must catch it, and `finally`. Why the `try` is not read otherwise.
    fn run_try_blocks<'s>(&self, stmt: &'s ast::StmtTry) -> Result<Vec<&'s [Stmt]>, String> {
        for (i, statement) in stmt.body.iter().enumerate() {
            if cannot_raise(statement) {
                continue;
            }
            if !matches!(statement, Stmt::Import(_) | Stmt::ImportFrom(_)) {
                return Err("whose body may raise (the lab knows only `pass`, `name = literal`, plain `def`s and \
                            imports of the standard library not to): which of its clauses run is not read"
                    .to_owned());
            }
            let imports = self.imports(statement).map_err(|why| {
                format!(
                    "whose body runs `{}` (line {}): {why}, so which of its clauses run is not read",
                    self.text(statement),
                    self.line(statement)
                )
            })?;
            if !imports {
                return Ok(vec![&stmt.body[..i], self.import_error_handler(stmt)?, &stmt.finalbody]);
            }
        }
        Ok(vec![&stmt.body, &stmt.orelse, &stmt.finalbody])
    }

    /// Whether an `import` or `from ... import` statement succeeds (false: it raises
    /// ImportError), as `self.modules` tells of the top-level module it names; why not where
    /// that does not tell.
    fn imports(&self, statement: &Stmt) -> Result<bool, String> {
        let Some(modules) = self.modules else {
            return Err("whether it raises ImportError depends on the modules the Python running it has, which the \
                        lab does not list"
                .to_owned());
        };
        let top = |name: &str| name.split('.').next().unwrap_or_default().to_owned();
        match statement {
            Stmt::Import(import) => {
                for (k, alias) in import.names.iter().enumerate() {
                    let name = alias.name.as_str();
                    match modules(&top(name))? {
                        false if k == 0 => return Ok(false),
                        false => {
                            return Err(format!(
                                "`{name}` raises ImportError after the modules before it are bound, which the lab does \
                                 not read"
                            ))
                        }
                        true if name.contains('.') => {
                            return Err(format!(
                                "whether `{name}` imports depends on the submodules `{}` has, which the lab does not \
                                 list",
                                top(name)
                            ))
                        }
                        true => {}
                    }
                }
                Ok(true)
            }
            Stmt::ImportFrom(import) => {
                let module =
                    import.module.as_ref().map(|m| m.as_str()).filter(|_| import.level == 0).ok_or_else(|| {
                        "a relative import raises ImportError or not by the package it runs in, which the lab does not \
                     know"
                            .to_owned()
                    })?;
                if !modules(&top(module))? {
                    return Ok(false);
                }
                Err(format!(
                    "whether it raises ImportError depends on the names `{module}` has, which the lab does not list"
                ))
            }
            _ => Err("it is not an import".to_owned()),
        }
    }

    /// The body of a `try`'s first handler, where it catches ImportError (bare, or naming
    /// `ImportError`, `ModuleNotFoundError`, `Exception` or `BaseException`, alone or in a tuple).
    fn import_error_handler<'s>(&self, stmt: &'s ast::StmtTry) -> Result<&'s [Stmt], String> {
        let catches = |expr: &Expr| {
            matches!(expr, Expr::Name(name)
                if matches!(name.id.as_str(), "ImportError" | "ModuleNotFoundError" | "Exception" | "BaseException"))
        };
        let Some(ast::ExceptHandler::ExceptHandler(handler)) = stmt.handlers.first() else {
            return Err(
                "whose body raises ImportError, which no handler catches: the class statement raises".to_owned()
            );
        };
        let caught = match handler.type_.as_deref() {
            None => true,
            Some(Expr::Tuple(tuple)) => tuple.elts.iter().any(catches),
            Some(other) => catches(other),
        };
        if caught {
            Ok(&handler.body)
        } else {
            Err(format!(
                "whose body raises ImportError, and its first handler (line {}) catches `{}`, which the lab does not \
                 compare with ImportError",
                self.line(handler),
                handler.type_.as_deref().map(|t| self.text(t)).unwrap_or_default()
            ))
        }
    }

    /// Reads `body` as statements of the class body, each name keeping the definition
    /// `self.reading` says; false where a property is defined again, whose definitions the
    /// reader does not combine.
    fn read_block(&self, class: &mut Class, body: &[Stmt]) -> bool {
        let earlier = class.members.clone();
        for statement in body {
            self.class_statement(class, statement);
        }
        self.keeps_definitions(class, &earlier)
    }

    /// For mypy, puts back the `earlier` definition of each name defined again since, or, where
    /// the first is a bare `name = None`, completes its type from the next ([`complete_partial_none`]);
    /// false where either is a property, or a `None` the lab cannot complete.
    fn keeps_definitions(&self, class: &mut Class, earlier: &[Member]) -> bool {
        for member in &mut class.members {
            let Some(first) = earlier.iter().find(|e| e.name == member.name && *e != member) else { continue };
            let is_property = |m: &Member| matches!(m.kind, MemberKind::Property { .. });
            if is_property(first) || is_property(member) {
                return false;
            }
            if self.reading == ClassBodyReading::Mypy && is_partial_none(first) {
                match complete_partial_none(first, member) {
                    Some(completed) => *member = completed,
                    None => return false,
                }
                continue;
            }
            if self.reading == ClassBodyReading::Mypy {
                *member = first.clone();
            }
        }
        true
    }

    /// Records every `self.x = ...` and `self.x: T = ...` of a method's body, in any block and
    /// in the functions nested in it that do not bind `self` themselves, as [`AttributeWrite`]s.
    fn method_writes(&self, class: &mut Class, def: &ast::StmtFunctionDef, method: &str) {
        let Some(receiver) = def.parameters.posonlyargs.iter().chain(&def.parameters.args).next() else {
            return;
        };
        let mut writes = Vec::new();
        self.scope_writes(def, receiver.parameter.name.id.as_str(), method, true, &mut writes);
        writes.sort_by_key(|w| w.line);
        class.attribute_writes.extend(writes);
    }

    /// The writes through `receiver` in the body of `scope`, a method (`in_method`) or a function
    /// nested in one. A value is read in `scope`: its parameters, its annotations.
    fn scope_writes(
        &self,
        scope: &ast::StmtFunctionDef,
        receiver: &str,
        method: &str,
        in_method: bool,
        writes: &mut Vec<AttributeWrite>,
    ) {
        let mut rebound = BoundNames::default();
        rebound.visit_body(&scope.body);
        // After `self = ...`, `self.x = ...` may set another object's attribute.
        if rebound.names.contains(&receiver) {
            return;
        }
        let parameters = &scope.parameters;
        let untyped_method = scope.returns.is_none() && parameters.iter().all(|p| p.annotation().is_none());
        let value_of = |value: &Expr| match value {
            Expr::Name(name) if !rebound.names.contains(&name.id.as_str()) => {
                match parameters.iter_non_variadic_params().find(|p| p.parameter.name.id == name.id) {
                    Some(param) => WrittenValue::Parameter {
                        name: name.id.to_string(),
                        annotation: param.parameter.annotation.as_ref().map(|a| self.text(&**a)),
                    },
                    None if parameters.vararg.iter().chain(&parameters.kwarg).any(|p| p.name.id == name.id) => {
                        WrittenValue::Unread
                    }
                    None => WrittenValue::Expression { text: self.text(value) },
                }
            }
            Expr::Name(_) => WrittenValue::Unread,
            other => WrittenValue::Expression { text: self.text(other) },
        };
        // `name = value` statements at the top level of the body, or alone in an
        // `if name is None:` there: (line, name, value, under that `if`).
        let top_assigns: Vec<(usize, &str, &Expr, bool)> = scope
            .body
            .iter()
            .filter_map(|stmt| match stmt {
                Stmt::If(guard) if guard.elif_else_clauses.is_empty() => {
                    let [only] = guard.body.as_slice() else { return None };
                    let (name, value) = plain_assign(only)?;
                    let Expr::Compare(test) = &*guard.test else { return None };
                    let is_none = matches!(&*test.left, Expr::Name(tested) if tested.id.as_str() == name)
                        && matches!(test.ops.as_ref(), [ast::CmpOp::Is])
                        && matches!(test.comparators.as_ref(), [Expr::NoneLiteral(_)]);
                    is_none.then(|| (self.line(stmt), name, value, true))
                }
                _ => plain_assign(stmt).map(|(name, value)| (self.line(stmt), name, value, false)),
            })
            .collect();
        // A parameter written at the top level at `line` that only such statements bind again.
        let rebound_parameter = |value: &Expr, line: usize| -> Option<WrittenValue> {
            let Expr::Name(name) = value else { return None };
            let name = name.id.as_str();
            let param = parameters.iter_non_variadic_params().find(|p| p.parameter.name.id.as_str() == name)?;
            let assigns: Vec<&(usize, &str, &Expr, bool)> =
                top_assigns.iter().filter(|(_, n, ..)| *n == name).collect();
            let binds = rebound.names.iter().filter(|n| **n == name).count();
            if binds == 0 || binds != assigns.len() {
                return None;
            }
            let annotation = param.parameter.annotation.as_ref().map(|a| self.text(&**a));
            let values: Vec<Rebinding> = assigns
                .iter()
                .filter(|(at, ..)| *at < line)
                .map(|(_, _, value, if_none)| Rebinding { value: self.text(*value), if_none: *if_none })
                .collect();
            Some(match values.is_empty() {
                true => WrittenValue::Parameter { name: name.to_owned(), annotation },
                false => WrittenValue::Rebound { name: name.to_owned(), annotation, values },
            })
        };
        let mut nested = Vec::new();
        let mut pending: Vec<(&[Stmt], bool)> = vec![(&scope.body, in_method)];
        while let Some((body, top_level)) = pending.pop() {
            for stmt in body {
                let mut write = |target: &Expr, annotation: Option<String>, value: WrittenValue| {
                    if let Expr::Attribute(attribute) = target {
                        if matches!(&*attribute.value, Expr::Name(owner) if owner.id.as_str() == receiver) {
                            writes.push(AttributeWrite {
                                name: attribute.attr.id.to_string(),
                                method: method.to_owned(),
                                line: self.line(target),
                                top_level,
                                untyped_method,
                                annotation,
                                value,
                            });
                        }
                    }
                };
                match stmt {
                    Stmt::Assign(assign) => {
                        for target in &assign.targets {
                            match target {
                                Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                                    // `self.a, self.b = 1, "x"` sets each from its own value.
                                    let values = match &*assign.value {
                                        Expr::Tuple(ast::ExprTuple { elts: values, .. })
                                        | Expr::List(ast::ExprList { elts: values, .. })
                                            if values.len() == elts.len()
                                                && !values.iter().chain(elts).any(Expr::is_starred_expr) =>
                                        {
                                            Some(values)
                                        }
                                        _ => None,
                                    };
                                    for (index, element) in elts.iter().enumerate() {
                                        let value = values.map_or(WrittenValue::Unread, |v| value_of(&v[index]));
                                        write(element, None, value);
                                    }
                                }
                                _ => {
                                    let rebound = rebound_parameter(&assign.value, self.line(stmt));
                                    let value =
                                        rebound.filter(|_| top_level).unwrap_or_else(|| value_of(&assign.value));
                                    write(target, None, value);
                                }
                            }
                        }
                    }
                    Stmt::AnnAssign(assign) => write(
                        &assign.target,
                        Some(self.text(&*assign.annotation)),
                        assign.value.as_deref().map_or(WrittenValue::Unread, value_of),
                    ),
                    Stmt::For(stmt) => {
                        write(&stmt.target, None, WrittenValue::Unread);
                        pending.push((&stmt.body, false));
                        pending.push((&stmt.orelse, false));
                    }
                    Stmt::With(stmt) => {
                        for item in &stmt.items {
                            if let Some(target) = &item.optional_vars {
                                write(target, None, WrittenValue::Unread);
                            }
                        }
                        pending.push((&stmt.body, false));
                    }
                    Stmt::If(stmt) => {
                        pending.push((&stmt.body, false));
                        pending.extend(stmt.elif_else_clauses.iter().map(|c| (c.body.as_slice(), false)));
                    }
                    Stmt::While(stmt) => {
                        pending.push((&stmt.body, false));
                        pending.push((&stmt.orelse, false));
                    }
                    Stmt::Try(stmt) => {
                        pending.push((&stmt.body, false));
                        for ast::ExceptHandler::ExceptHandler(handler) in &stmt.handlers {
                            pending.push((&handler.body, false));
                        }
                        pending.push((&stmt.orelse, false));
                        pending.push((&stmt.finalbody, false));
                    }
                    Stmt::Match(stmt) => pending.extend(stmt.cases.iter().map(|c| (c.body.as_slice(), false))),
                    Stmt::FunctionDef(function) => nested.push(function),
                    _ => {}
                }
            }
        }
        for function in nested {
            if function.parameters.iter().all(|p| p.name().id.as_str() != receiver) {
                self.scope_writes(function, receiver, method, false, writes);
            }
        }
    }

    /// Records `self.x = ...` and `self.x: T = ...` found directly in `__init__`'s body;
    /// assignments nested in `if`/`for`/`try` are left out because they may not run.
    fn init_attributes(&self, class: &mut Class, init: &ast::StmtFunctionDef) {
        let Some(receiver) = init.parameters.posonlyargs.iter().chain(&init.parameters.args).next() else {
            return;
        };
        let receiver = receiver.parameter.name.id.as_str();
        for stmt in &init.body {
            let (targets, annotation): (Vec<&Expr>, Option<String>) = match stmt {
                Stmt::Assign(assign) => (assign.targets.iter().collect(), None),
                Stmt::AnnAssign(assign) if assign.value.is_some() => {
                    (vec![&*assign.target], Some(self.text(&*assign.annotation)))
                }
                _ => continue,
            };
            for target in targets {
                let Expr::Attribute(attribute) = target else { continue };
                let Expr::Name(owner) = &*attribute.value else { continue };
                if owner.id.as_str() != receiver {
                    continue;
                }
                let line = self.line(target);
                class.set_attribute(attribute.attr.id.as_str(), true, |model| {
                    if model.line == 0 {
                        model.line = line;
                    }
                    model.assigned_in_init = true;
                    if model.annotation.is_none() {
                        model.annotation = annotation.clone();
                    }
                });
            }
        }
    }

    fn function(&self, def: &ast::StmtFunctionDef) -> Function {
        let decorators: Vec<String> = def.decorator_list.iter().map(|d| self.text(&d.expression)).collect();
        let has = |name: &str| decorators.iter().any(|d| d == name || d.ends_with(&format!(".{name}")));
        Function {
            name: def.name.id.to_string(),
            line: self.line(&def.name),
            is_async: def.is_async,
            is_staticmethod: has("staticmethod"),
            is_classmethod: has("classmethod"),
            is_property: decorators.iter().any(|d| d == "property" || d == "builtins.property"),
            is_abstract: has("abstractmethod"),
            is_stub: def.body.iter().all(is_trivial_statement),
            type_params: def.type_params.as_ref().map(|t| self.text(&**t)),
            overloaded: decorators.iter().any(|d| is_typing_name(d, "overload")),
            signature: self.signature(def),
            decorators,
        }
    }

    fn signature(&self, def: &ast::StmtFunctionDef) -> Signature {
        let parameters = &def.parameters;
        let mut params = Vec::new();
        let mut push = |p: &ast::Parameter, default: Option<&Expr>, kind: ParamKind| {
            params.push(Param {
                name: p.name.id.to_string(),
                kind,
                default: default.map(|d| self.text(d)),
                annotation: p.annotation.as_ref().map(|a| self.text(&**a)),
            });
        };
        for p in &parameters.posonlyargs {
            push(&p.parameter, p.default.as_deref(), ParamKind::PositionalOnly);
        }
        for p in &parameters.args {
            push(&p.parameter, p.default.as_deref(), ParamKind::PositionalOrKeyword);
        }
        if let Some(p) = &parameters.vararg {
            push(p, None, ParamKind::VarPositional);
        }
        for p in &parameters.kwonlyargs {
            push(&p.parameter, p.default.as_deref(), ParamKind::KeywordOnly);
        }
        if let Some(p) = &parameters.kwarg {
            push(p, None, ParamKind::VarKeyword);
        }
        Signature { params, returns: def.returns.as_ref().map(|r| self.text(&**r)) }
    }
}

/// `Protocol`, `typing.Protocol` and `typing_extensions.Protocol` all name the same thing.
fn is_typing_name(text: &str, name: &str) -> bool {
    text == name || text.strip_prefix("typing.") == Some(name) || text.strip_prefix("typing_extensions.") == Some(name)
}

fn is_class_var(annotation: &Expr, text: &str) -> bool {
    match annotation {
        Expr::Subscript(subscript) => is_class_var(&subscript.value, text),
        Expr::Name(_) | Expr::Attribute(_) => {
            let head = text.split('[').next().unwrap_or(text);
            is_typing_name(head, "ClassVar")
        }
        _ => false,
    }
}

/// Why a block of a class body that defines a property again is left unread.
const AGAIN: &str = "that defines a property of its class again, or a name first set to a bare `None` to a value the \
                     lab does not type: the lab does not read which definition counts";

/// The names a class-body statement defines, which it may define again: those of an assignment
/// to names, of an annotated one with a value, of an import, or of a `def` other than an overload or a
/// property's setter or deleter under the property's name (which the reader folds into the
/// definitions before them).
fn names_defined(stmt: &Stmt) -> Vec<&str> {
    fn name(expr: &Expr) -> Option<&str> {
        match expr {
            Expr::Name(name) => Some(name.id.as_str()),
            _ => None,
        }
    }
    match stmt {
        Stmt::Assign(assign) => assign.targets.iter().filter_map(name).collect(),
        Stmt::AnnAssign(assign) if assign.value.is_some() => name(&assign.target).into_iter().collect(),
        Stmt::Import(_) | Stmt::ImportFrom(_) => imported_names(stmt),
        Stmt::FunctionDef(def) => {
            let folded = def.decorator_list.iter().any(|d| match &d.expression {
                Expr::Attribute(attribute) if matches!(attribute.attr.id.as_str(), "setter" | "deleter") => {
                    name(&attribute.value) == Some(def.name.id.as_str())
                }
                Expr::Attribute(attribute) => attribute.attr.id.as_str() == "overload",
                other => name(other) == Some("overload"),
            });
            if folded {
                Vec::new()
            } else {
                vec![def.name.id.as_str()]
            }
        }
        _ => Vec::new(),
    }
}

/// A member the class body defined by a value or a `def` (not an overload), not only declared
/// (`x: int`) or set in `__init__`: one that a later definition defines again.
fn defined_by_class_body(member: &Member) -> bool {
    match &member.kind {
        MemberKind::Attribute(attribute) => attribute.class_value.is_some(),
        MemberKind::Method(function) => !function.overloaded,
        MemberKind::Property { .. } => true,
    }
}

/// A bare `name = None` in a class body: mypy gives the name a partial type, which the next
/// assignment in the class body completes.
fn is_partial_none(member: &Member) -> bool {
    matches!(&member.kind, MemberKind::Attribute(a) if a.annotation.is_none() && a.class_value.as_deref() == Some("None"))
}

/// mypy's reading of `first`, a bare `name = None`, bound again as `later`: where `later`
/// assigns a literal of type `T` (or a builtin scalar class `T` called on literals, `str(1)`),
/// the name is `T | None` from the first line on, holding the
/// later value (mypy reports any assignment after that which is not a `T | None`); the
/// completed attribute keeps the first line, which tells it from a name bound again. A `def`,
/// an annotated assignment or `None` again leaves it `None`. None where `later` assigns a value
/// the lab does not type.
fn complete_partial_none(first: &Member, later: &Member) -> Option<Member> {
    let MemberKind::Attribute(first_attribute) = &first.kind else { return None };
    // A `def` after it is a redefinition too.
    let MemberKind::Attribute(attribute) = &later.kind else { return Some(first.clone()) };
    if attribute.line == first_attribute.line && attribute.annotation.is_some() {
        return Some(later.clone());
    }
    if attribute.annotation.is_some() {
        // An annotated assignment after it is a redefinition, which mypy reports, keeping `None`.
        return Some(first.clone());
    }
    let typ = match expression(attribute.class_value.as_deref()?)? {
        // `None` again leaves it partial: at the end of the class body, mypy makes it `None`.
        Expression::Literal { literal: Literal::None } => return Some(first.clone()),
        Expression::Literal { literal: Literal::Int(_) } => "int",
        Expression::Literal { literal: Literal::Float(_) } => "float",
        Expression::Literal { literal: Literal::Str(_) } => "str",
        Expression::Literal { literal: Literal::Bool(_) } => "bool",
        // A builtin scalar class called on literals makes an instance of it (`str(1)`).
        Expression::Call { func, args, keywords }
            if keywords.is_empty() && args.iter().all(|a| matches!(a, Expression::Literal { .. })) =>
        {
            match &*func {
                Expression::Name { id } => BUILTIN_SCALARS.iter().find(|b| **b == id.as_str())?,
                _ => return None,
            }
        }
        _ => return None,
    };
    let completed =
        Attribute { annotation: Some(format!("{typ} | None")), line: first_attribute.line, ..attribute.clone() };
    Some(Member { kind: MemberKind::Attribute(completed), ..later.clone() })
}

/// The builtin scalar classes, whose call on literals makes an instance of them.
const BUILTIN_SCALARS: &[&str] = &["int", "str", "float", "bool", "bytes"];

/// The builtin type a literal has, for the ones a `for` of a class body is read over.
fn literal_type(expr: &Expr) -> Option<&'static str> {
    match expr {
        Expr::StringLiteral(_) => Some("str"),
        Expr::BytesLiteral(_) => Some("bytes"),
        Expr::BooleanLiteral(_) => Some("bool"),
        Expr::NumberLiteral(number) => match number.value {
            ast::Number::Int(_) => Some("int"),
            ast::Number::Float(_) => Some("float"),
            ast::Number::Complex { .. } => None,
        },
        _ => None,
    }
}

/// The names an `import` or `from ... import` statement binds (`import a.b` binds `a`).
fn imported_names(stmt: &Stmt) -> Vec<&str> {
    match stmt {
        Stmt::Import(import) => import
            .names
            .iter()
            .map(|a| a.asname.as_ref().map_or_else(|| a.name.split('.').next().unwrap_or_default(), |n| n.as_str()))
            .collect(),
        Stmt::ImportFrom(import) => {
            import.names.iter().map(|a| a.asname.as_ref().unwrap_or(&a.name).as_str()).collect()
        }
        _ => Vec::new(),
    }
}

/// What a class body's `for` runs over, as [`Reader::loop_items`] reads it: how many items, and
/// for each loop variable the last one as written (for `range`, where it is empty, its start:
/// only its type counts, to mypy).
struct LoopItems {
    count: usize,
    last: Vec<String>,
    /// The type mypy gives each loop variable, where the last item's literal does not show it
    /// (items of several types, or another type in the name's first binding).
    mypy_types: Option<Vec<String>>,
}

impl<'a> SequenceStep<'a> {
    fn end(&self) -> TextSize {
        match self {
            SequenceStep::Bound(end, _) | SequenceStep::Appended(end, _) => *end,
        }
    }

    fn expr(&self) -> &'a Expr {
        match self {
            SequenceStep::Bound(_, expr) | SequenceStep::Appended(_, expr) => expr,
        }
    }
}

/// The type mypy gives the items of one position of a display whose literals there have
/// `types`: their one type; for a tuple (`tuple`) their union (a `for` into one name only), for
/// a list or dict their join (`object`, or the widest number). None where the lab does not
/// follow mypy's rules: a union mixing numbers (`int | float`), which mypy keeps as written.
fn item_type(types: &[&str], tuple: bool, unpacked: bool) -> Option<String> {
    let mut distinct: Vec<&str> = Vec::new();
    for typ in types {
        if !distinct.contains(typ) {
            distinct.push(typ);
        }
    }
    let numbers = distinct.iter().filter(|t| matches!(**t, "int" | "float" | "bool")).count();
    let joined = match distinct.as_slice() {
        [] => return None,
        [one] => one,
        _ if unpacked => return None,
        _ if tuple && numbers <= 1 => return Some(distinct.join(" | ")),
        _ if tuple => return None,
        _ if numbers == distinct.len() && distinct.contains(&"float") => "float",
        _ if numbers == distinct.len() => "int",
        _ => "object",
    };
    Some(joined.to_owned())
}

/// The rows a `for` over `display` (or its `method`, `.keys()` ...) with `appended` items added
/// to it goes through: one literal each, or `width` of them where the target is a tuple.
fn display_rows<'e>(
    display: &'e Expr,
    appended: &[&'e Expr],
    method: Option<&str>,
    width: Option<usize>,
) -> Option<Vec<Vec<&'e Expr>>> {
    if !appended.is_empty() && (!display.is_list_expr() || method.is_some()) {
        return None;
    }
    let mut rows: Vec<Vec<&Expr>> = match (dict_rows(display, method)?, width) {
        (DictRows::Items(pairs), Some(2)) => pairs,
        (DictRows::Items(_), _) => return None,
        (DictRows::Values(values), Some(width)) => {
            values.into_iter().map(|v| tuple_elements(v, width)).collect::<Option<_>>()?
        }
        (DictRows::Values(values), None) => values.into_iter().map(|v| vec![v]).collect(),
    };
    for item in appended {
        rows.push(match width {
            Some(width) => tuple_elements(item, width)?,
            None => vec![*item],
        });
    }
    Some(rows)
}

/// The items of `range(stop)`, `range(start, stop)` or `range(start, stop, step)` of integer
/// literals (negative ones too); None for any other expression, or a zero step.
fn range_items(iter: &Expr) -> Option<LoopItems> {
    let Expr::Call(call) = iter else { return None };
    if !matches!(&*call.func, Expr::Name(name) if name.id.as_str() == "range") || !call.arguments.keywords.is_empty() {
        return None;
    }
    let int = |expr: &Expr| match expr {
        Expr::NumberLiteral(ast::ExprNumberLiteral { value: ast::Number::Int(int), .. }) => int.as_i64(),
        Expr::UnaryOp(ast::ExprUnaryOp { op: ast::UnaryOp::USub, operand, .. }) => match &**operand {
            Expr::NumberLiteral(ast::ExprNumberLiteral { value: ast::Number::Int(int), .. }) => {
                int.as_i64().map(|i| -i)
            }
            _ => None,
        },
        _ => None,
    };
    let args: Vec<i64> = call.arguments.args.iter().map(int).collect::<Option<_>>()?;
    let (start, stop, step) = match args.as_slice() {
        [stop] => (0, *stop, 1),
        [start, stop] => (*start, *stop, 1),
        [start, stop, step] if *step != 0 => (*start, *stop, *step),
        _ => return None,
    };
    // The items are start, start + step, ... short of stop: as many as the strides that fit.
    let (start, stop, step) = (i128::from(start), i128::from(stop), i128::from(step));
    let (distance, stride) = if step > 0 { (stop - start, step) } else { (start - stop, -step) };
    let count = if distance > 0 { (distance + stride - 1) / stride } else { 0 };
    let last = if count == 0 { start } else { start + (count - 1) * step };
    let count = usize::try_from(count).ok()?;
    Some(LoopItems { count, last: vec![last.to_string()], mypy_types: None })
}

/// What a `for` gets from a display: its values, or (from a dict's `.items()`) key-value pairs.
enum DictRows<'e> {
    Values(Vec<&'e Expr>),
    Items(Vec<Vec<&'e Expr>>),
}

/// The items of a tuple or list display, or of a dict display: its keys, or, with `method`
/// called on it, those of its `.keys()`, `.values()` or `.items()`. None for anything else, a
/// dict with a key that is not a string literal, or the same string twice (which keeps one item).
fn dict_rows<'e>(display: &'e Expr, method: Option<&str>) -> Option<DictRows<'e>> {
    let (dict, method) = match (display, method) {
        (Expr::Tuple(tuple), None) => return Some(DictRows::Values(tuple.elts.iter().collect())),
        (Expr::List(list), None) => return Some(DictRows::Values(list.elts.iter().collect())),
        (Expr::Dict(dict), method) => (dict, method.unwrap_or("keys")),
        _ => return None,
    };
    let mut keys = Vec::new();
    let mut pairs = Vec::new();
    for item in &dict.items {
        let Some(Expr::StringLiteral(key)) = &item.key else { return None };
        let key_text = key.value.to_str();
        if keys.contains(&key_text) {
            return None;
        }
        keys.push(key_text);
        pairs.push((item.key.as_ref()?, &item.value));
    }
    match method {
        "keys" => Some(DictRows::Values(pairs.into_iter().map(|(k, _)| k).collect())),
        "values" => Some(DictRows::Values(pairs.into_iter().map(|(_, v)| v).collect())),
        "items" => Some(DictRows::Items(pairs.into_iter().map(|(k, v)| vec![k, v]).collect())),
        _ => None,
    }
}

/// The elements of a tuple display of `width` elements.
fn tuple_elements(expr: &Expr, width: usize) -> Option<Vec<&Expr>> {
    match expr {
        Expr::Tuple(tuple) if tuple.elts.len() == width => Some(tuple.elts.iter().collect()),
        _ => None,
    }
}

/// Whether `body` has a `break` or `continue`, outside the loops and functions nested in it.
fn jumps(body: &[Stmt]) -> bool {
    body.iter().any(|stmt| match stmt {
        Stmt::Break(_) | Stmt::Continue(_) => true,
        Stmt::If(s) => jumps(&s.body) || s.elif_else_clauses.iter().any(|c| jumps(&c.body)),
        Stmt::With(s) => jumps(&s.body),
        Stmt::Try(s) => {
            jumps(&s.body)
                || jumps(&s.orelse)
                || jumps(&s.finalbody)
                || s.handlers.iter().any(|h| {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    jumps(&h.body)
                })
        }
        Stmt::Match(s) => s.cases.iter().any(|c| jumps(&c.body)),
        _ => false,
    })
}

/// Whether running a statement of a class body can raise no exception: `pass`, a docstring,
/// `name = literal`, or an undecorated `def` whose defaults are literals and whose annotations
/// are `None`, strings or builtin type names, which exist wherever they are evaluated.
fn cannot_raise(stmt: &Stmt) -> bool {
    let literal = |expr: &Expr| {
        matches!(
            expr,
            Expr::StringLiteral(_)
                | Expr::NumberLiteral(_)
                | Expr::BooleanLiteral(_)
                | Expr::NoneLiteral(_)
                | Expr::EllipsisLiteral(_)
        )
    };
    let annotation = |expr: &Expr| match expr {
        Expr::NoneLiteral(_) | Expr::StringLiteral(_) => true,
        Expr::Name(name) => {
            matches!(name.id.as_str(), "int" | "float" | "complex" | "str" | "bytes" | "bool" | "object")
        }
        _ => false,
    };
    match stmt {
        Stmt::Assign(assign) => assign.targets.iter().all(Expr::is_name_expr) && literal(&assign.value),
        Stmt::FunctionDef(def) => {
            def.decorator_list.is_empty()
                && def.type_params.is_none()
                && def.returns.as_deref().is_none_or(annotation)
                && def
                    .parameters
                    .iter()
                    .all(|p| p.annotation().is_none_or(annotation) && p.default().is_none_or(literal))
        }
        other => is_trivial_statement(other),
    }
}

fn is_trivial_statement(stmt: &Stmt) -> bool {
    match stmt {
        Stmt::Pass(_) => true,
        Stmt::Expr(expr) => expr.value.is_ellipsis_literal_expr() || expr.value.is_string_literal_expr(),
        _ => false,
    }
}
