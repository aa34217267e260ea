//! The types mypy gives values that methods set attributes to, beyond a literal or a parameter
//! (`inferred.rs`): a binary operator on typed operands by the left operand's typeshed dunder
//! (`self.start + 1` is what `int.__add__` returns), a method of a builtin called on a typed
//! value (`b"name".decode()` is what `bytes.decode` returns), `self.attr` by the attribute's
//! declared type, a module constant by its annotation or literal, and, following the method's body to the write, the names it binds: its
//! parameters by their annotations, narrowed by `name = value` and by `if name is None:` /
//! `is not None` blocks (their branches joined as mypy joins them), and tuple unpacking into
//! attributes (`self.a, self.b = pair` with `pair: tuple[int, str]`). Anything else is an error
//! naming what the lab does not type, which the callers turn into a decline.

use std::collections::HashMap;

use pysource::{
    AttributeWrite, Class, Expression, FunctionBody, Literal, MemberKind, Module, ModuleConstant, ParamKind, Source,
    Statement, StatementKind, TypeExpr,
};

use crate::callable::show;
use crate::inferred::{plain_builtin, union_of, without_none};
use crate::subtype::is_subtype;

/// The bodies of the methods of the code's top-level classes, by `Class.method`, and the
/// module's names bound once to a literal, which their bodies may read.
#[derive(Default)]
pub(crate) struct MethodBodies {
    methods: HashMap<String, FunctionBody>,
    constants: Vec<ModuleConstant>,
    /// How many times the module binds each name (`Source::binding_counts`).
    bindings: HashMap<String, usize>,
}

impl MethodBodies {
    pub(crate) fn get(&self, qualname: &str) -> Option<&FunctionBody> {
        self.methods.get(qualname)
    }

    pub(crate) fn contains_key(&self, qualname: &str) -> bool {
        self.methods.contains_key(qualname)
    }

    /// The bodies of `class`'s methods.
    pub(crate) fn of_class<'a>(&'a self, class: &'a str) -> impl Iterator<Item = &'a FunctionBody> {
        self.methods.values().filter(move |body| body.qualname.split_once('.').is_some_and(|(owner, _)| owner == class))
    }

    /// The module's names bound once to a literal.
    pub(crate) fn constants(&self) -> &[ModuleConstant] {
        &self.constants
    }

    /// How many times the module may bind `name` (a star import may bind any name).
    pub(crate) fn bindings(&self, name: &str) -> usize {
        let count = |name: &str| self.bindings.get(name).copied().unwrap_or(0);
        count(name) + count("*")
    }

    /// The type mypy declares the module constant `name` with: its annotation, else its
    /// literal's type (None for a `Final` one, whose literal type the lab does not model, and
    /// for None, which mypy may complete from elsewhere).
    fn constant_type(&self, name: &str) -> Option<TypeExpr> {
        let constant = self.constants.iter().find(|c| c.name == name)?;
        match &constant.annotation {
            Some(annotation) if annotation.split('[').next().is_some_and(|head| head.trim().ends_with("Final")) => None,
            Some(annotation) => Some(crate::types::parse(annotation)),
            None => crate::inferred::literal_type(&Expression::Literal { literal: constant.value.clone() })
                .map(|typ| crate::types::parse(&typ)),
        }
    }
}

/// [`MethodBodies`] of `source` (none without it).
pub(crate) fn method_bodies(source: Option<&Source>) -> MethodBodies {
    let Some(source) = source else { return MethodBodies::default() };
    let methods = source
        .function_bodies()
        .into_iter()
        .filter(|body| body.qualname.matches('.').count() == 1)
        .map(|body| (body.qualname.clone(), body))
        .collect();
    MethodBodies { methods, constants: source.module_constants(), bindings: source.binding_counts() }
}

/// How deep `self.a` may lead through the writes of other attributes (`self.b = self.c + 1`).
const MAX_DEPTH: usize = 4;

/// The binary operators and the dunder method mypy types each by.
const OPERATORS: &[(&str, &str)] = &[
    ("+", "add"),
    ("-", "sub"),
    ("*", "mul"),
    ("/", "truediv"),
    ("//", "floordiv"),
    ("%", "mod"),
    ("**", "pow"),
    ("@", "matmul"),
    ("<<", "lshift"),
    (">>", "rshift"),
    ("&", "and"),
    ("^", "xor"),
    ("|", "or"),
];

/// Types the expressions of one method's body where a write of an attribute happens.
pub(crate) struct Typer<'a> {
    pub module: &'a Module,
    pub class: &'a Class,
    /// The method's first parameter, through which `receiver.attr` reads the class's attributes;
    /// None where they are not read (a write in a block, where mypy may have narrowed them).
    pub receiver: Option<String>,
    /// The method writing, and the line of the write: an attribute it sets before that line is
    /// narrowed by mypy to what was set, which the lab does not follow.
    pub method: &'a str,
    pub line: usize,
    /// The types of the names of the body at the write, or why the lab does not know them.
    pub names: HashMap<String, Result<TypeExpr, String>>,
    pub bodies: &'a MethodBodies,
    pub depth: usize,
    /// An `if` before the write that tests the receiver (`if isinstance(self.x, int):`), by
    /// which mypy may narrow its attributes: they are not read after it.
    pub receiver_tested: Option<String>,
}

impl<'a> Typer<'a> {
    /// A typer for the write `write` of `class`, with no names known but the receiver.
    pub(crate) fn for_write(
        module: &'a Module,
        class: &'a Class,
        write: &'a AttributeWrite,
        bodies: &'a MethodBodies,
        depth: usize,
    ) -> Typer<'a> {
        let receiver = match class.member(&write.method).map(|m| &m.kind) {
            Some(MemberKind::Method(method)) if !method.is_staticmethod && !method.is_classmethod => {
                method.signature.params.first().map(|p| p.name.clone())
            }
            _ => None,
        };
        Typer {
            module,
            class,
            receiver: receiver.filter(|_| write.top_level),
            method: &write.method,
            line: write.line,
            names: HashMap::new(),
            bodies,
            depth,
            receiver_tested: None,
        }
    }

    /// The type mypy gives `value`, or why the lab does not know it.
    pub(crate) fn typed(&self, value: &Expression) -> Result<TypeExpr, String> {
        let unknown = || format!("it does not infer the type of {}", text(value));
        match value {
            Expression::Name { id } => match self.names.get(id) {
                Some(typ) => typ.clone(),
                None => self.bodies.constant_type(id).ok_or_else(unknown),
            },
            Expression::Attribute { value: owner, attr } => match &**owner {
                Expression::Name { id } if Some(id) == self.receiver.as_ref() && !self.names.contains_key(id) => {
                    self.attribute(attr)
                }
                _ => Err(unknown()),
            },
            Expression::BinOp { op, left, right } => self.operator(op, left, right),
            Expression::BitOr { left, right } => self.operator("|", left, right),
            Expression::Call { func, .. } => match &**func {
                Expression::Attribute { value: receiver, attr } => self.method_call(receiver, attr),
                Expression::Name { id } => {
                    let builtin = matches!(id.as_str(), "int" | "str" | "float" | "bool" | "bytes")
                        && self.module.class(id).is_none()
                        && self.module.functions.iter().all(|f| f.name != *id)
                        && !self.module.imports.contains_key(id)
                        && !self.names.contains_key(id);
                    // A plain class of the code makes an instance of it.
                    let plain = !self.names.contains_key(id)
                        && self.module.class(id).is_some_and(|c| {
                            self.module.mro(c).iter().all(|c| {
                                !c.is_protocol
                                    && c.metaclass.is_none()
                                    && c.bases.iter().all(|b| crate::runtime::is_object(b))
                                    && c.member("__new__").is_none()
                            })
                        });
                    // `str(x)` is a str whatever x is: the arguments do not change the type.
                    if builtin || plain {
                        Ok(TypeExpr::Name(id.clone()))
                    } else {
                        Err(unknown())
                    }
                }
                _ => Err(unknown()),
            },
            Expression::Other { text } if bytes_literal(text) => Ok(TypeExpr::Name("bytes".to_owned())),
            other => crate::inferred::literal_type(other).map(|t| crate::types::parse(&t)).ok_or_else(unknown),
        }
    }

    /// The declared type of the class's attribute `name`, read through the receiver.
    fn attribute(&self, name: &str) -> Result<TypeExpr, String> {
        if let Some(test) = &self.receiver_tested {
            return Err(format!("mypy may narrow self.{name} by `if {test}`, which the lab does not follow"));
        }
        let earlier = self.class.attribute_writes.iter().find(|w| w.name == name && w.method == self.method);
        if let Some(write) = earlier.filter(|w| w.line < self.line) {
            return Err(format!(
                "mypy narrows self.{name} to what {} sets it to at line {}, which the lab does not follow",
                self.method, write.line
            ));
        }
        if self.depth >= MAX_DEPTH {
            return Err(format!("self.{name} is set from other attributes deeper than the lab follows"));
        }
        let declared = |owner: &Class| -> Result<TypeExpr, String> {
            let write = crate::inferred::first_writes(owner)
                .into_iter()
                .find(|w| w.name == name)
                .ok_or_else(|| format!("it does not type self.{name}"))?;
            crate::inferred::written_type_within(self.module, owner, write, self.bodies, self.depth + 1)
                .map(|t| crate::types::parse(&t))
        };
        match self.module.lookup(self.class, name) {
            Some(found) => match &found.member.kind {
                MemberKind::Attribute(attribute) => match (&attribute.annotation, &attribute.class_value) {
                    (Some(annotation), _) => Ok(crate::types::parse(annotation)),
                    (None, Some(_)) => match crate::statics::attribute_type(attribute) {
                        TypeExpr::Any => Err(format!("it does not type self.{name}")),
                        typ => Ok(typ),
                    },
                    (None, None) => declared(found.owner),
                },
                _ => Err(format!("self.{name} is not a data attribute the lab types")),
            },
            None => match self
                .module
                .mro(self.class)
                .into_iter()
                .find(|c| c.attribute_writes.iter().any(|w| w.name == name))
            {
                Some(owner) => declared(owner),
                None => Err(format!("it does not type self.{name}")),
            },
        }
    }

    /// `left op right` as mypy types it: by the left operand's dunder method in typeshed, for
    /// operands of builtin classes.
    fn operator(&self, op: &str, left: &Expression, right: &Expression) -> Result<TypeExpr, String> {
        let (l, r) = (self.typed(left)?, self.typed(right)?);
        let Some((_, dunder)) = OPERATORS.iter().find(|(o, _)| *o == op) else {
            return Err(format!("it does not type the operator {op}"));
        };
        let (method, reflected) = (format!("__{dunder}__"), format!("__r{dunder}__"));
        if l == TypeExpr::Any {
            return Ok(TypeExpr::Any);
        }
        if r == TypeExpr::Any {
            return Err(format!("it does not type {} {op} ... with a right operand of type Any", text(left)));
        }
        let builtin = |t: &TypeExpr| match t {
            TypeExpr::Name(c) if self.module.class(c).is_none() && crate::stdlib::class(c).is_some() => Some(c.clone()),
            _ => None,
        };
        let Some(left_class) = builtin(&l) else {
            return Err(format!("it does not type {} {op} ... with a left operand of type {}", text(left), show(&l)));
        };
        // mypy asks the left operand's method, then the right one's reflected method (`1 + 1.5` is
        // float.__radd__'s); the other way round when the right operand's type is a subtype of
        // the left's of another class (`1.5 * 2` asks int.__rmul__ first, which takes no float).
        let mut variants = vec![(left_class.clone(), method.clone(), r.clone())];
        let right_class = builtin(&r);
        if let Some(right_class) = &right_class {
            let reflected_variant = (right_class.clone(), reflected.clone(), l.clone());
            if *right_class != left_class && is_subtype(&r, &l, self.module) {
                variants.insert(0, reflected_variant);
            } else {
                variants.push(reflected_variant);
            }
        }
        for (class, method, operand) in &variants {
            let declares = crate::stdlib::class(class).is_some_and(|(_, std)| std.members.contains_key(method));
            if !declares && (class != &left_class || right_class.is_some()) {
                continue;
            }
            if let Some(returns) = self.dunder(class, method, operand)? {
                return Ok(returns);
            }
        }
        Err(match right_class {
            Some(right_class) => {
                format!("neither {left_class}.{method} nor {right_class}.{reflected} takes the other operand")
            }
            None => {
                format!("{left_class}.{method} does not take {}, whose {reflected} the lab does not read", show(&r))
            }
        })
    }

    /// What typeshed's `class.method(operand)` returns, a plain def of one operand; None when it
    /// does not take `operand`.
    fn dunder(&self, class: &str, method: &str, operand: &TypeExpr) -> Result<Option<TypeExpr>, String> {
        let signature = crate::stdlib::stub_class(class, method)
            .and_then(|stub| match stub.member(method).map(|m| m.kind.clone()) {
                Some(MemberKind::Method(function)) => Some(function.signature),
                _ => None,
            })
            .ok_or_else(|| format!("typeshed's {class}.{method} is not a plain def the lab reads"))?;
        let [_, parameter] = signature.params.as_slice() else {
            return Err(format!("typeshed's {class}.{method} does not take one operand"));
        };
        let accepts = parameter.annotation.as_deref().map_or(TypeExpr::Any, crate::types::parse);
        if !is_subtype(operand, &accepts, self.module) {
            return Ok(None);
        }
        let returns = crate::types::parse(signature.returns.as_deref().unwrap_or("Any"));
        if plain_builtin(&returns) {
            Ok(Some(returns))
        } else {
            Err(format!("typeshed's {class}.{method} returns {}, which the lab does not model", show(&returns)))
        }
    }

    /// `receiver.attr(...)` for a receiver of a builtin class: what its stub's plain def returns.
    fn method_call(&self, receiver: &Expression, attr: &str) -> Result<TypeExpr, String> {
        if matches!(receiver, Expression::Name { id } if Some(id) == self.receiver.as_ref()) {
            return self.own_method_call(attr);
        }
        let typ = self.typed(receiver)?;
        let TypeExpr::Name(class) = &typ else {
            return Err(format!("it does not type a call of {attr} on {}", show(&typ)));
        };
        if self.module.class(class).is_some() {
            return Err(format!("it does not type calls of {class}.{attr}"));
        }
        let stub = crate::stdlib::stub_class(class, attr)
            .ok_or_else(|| format!("typeshed's {class}.{attr} is not a plain def the lab reads"))?;
        let Some(MemberKind::Method(method)) = stub.member(attr).map(|m| &m.kind) else {
            return Err(format!("typeshed's {class}.{attr} is not a method"));
        };
        let returns = crate::types::parse(method.signature.returns.as_deref().unwrap_or("Any"));
        if plain_builtin(&returns) {
            Ok(returns)
        } else {
            Err(format!("typeshed's {class}.{attr} returns {}, which the lab does not model", show(&returns)))
        }
    }
}

impl Typer<'_> {
    /// `self.attr(...)`: what the class's plain method `attr` is annotated to return, when that
    /// is a builtin type (a decorated or generic method, or one returning anything else, is not
    /// read).
    fn own_method_call(&self, attr: &str) -> Result<TypeExpr, String> {
        let unread = || format!("it does not type the call of self.{attr}");
        let found = self.module.lookup(self.class, attr).ok_or_else(unread)?;
        let MemberKind::Method(method) = &found.member.kind else { return Err(unread()) };
        if !method.decorators.is_empty() || method.type_params.is_some() || method.is_async || method.overloaded {
            return Err(format!(
                "{}.{attr} is decorated, generic or async: the lab does not type calls of it",
                found.owner.name
            ));
        }
        let returns = crate::types::parse(method.signature.returns.as_deref().ok_or_else(unread)?);
        if plain_builtin(&returns) {
            Ok(returns)
        } else {
            Err(format!(
                "{}.{attr} returns {}, which the lab does not type a call of",
                found.owner.name,
                show(&returns)
            ))
        }
    }
}

/// The type of the value the write `write` of `class` sets (an expression, or one `pysource`
/// leaves unread), followed through its method's body: a write at the top level of the body,
/// after statements that bind names only by `name = value` and in `if` blocks.
pub(crate) fn followed_write_type(
    module: &Module,
    class: &Class,
    write: &AttributeWrite,
    bodies: &MethodBodies,
    depth: usize,
) -> Result<TypeExpr, String> {
    let unread = || "it does not read the value it is set to".to_owned();
    let body = bodies.get(&format!("{}.{}", class.name, write.method)).ok_or_else(unread)?;
    let Some(MemberKind::Method(method)) = class.member(&write.method).map(|m| &m.kind) else { return Err(unread()) };
    if !write.top_level {
        return Err(unread());
    }
    let mut typer = Typer::for_write(module, class, write, bodies, depth);
    let mut declared: HashMap<String, TypeExpr> = HashMap::new();
    for param in &method.signature.params {
        let typ = match param.kind {
            ParamKind::VarPositional | ParamKind::VarKeyword => {
                Err(format!("it does not type *{}: the lab types only plain parameters", param.name))
            }
            _ => Ok(param.annotation.as_deref().map_or(TypeExpr::Any, crate::types::parse)),
        };
        if let Ok(typ) = &typ {
            declared.insert(param.name.clone(), typ.clone());
        }
        typer.names.insert(param.name.clone(), typ);
    }
    // The receiver reads attributes; it is not a value of its own here.
    if let Some(receiver) = &typer.receiver {
        typer.names.remove(receiver);
    }
    let before: Vec<&Statement> = body.statements.iter().filter(|s| s.line < write.line).collect();
    let at = body.statements.iter().find(|s| s.line == write.line).ok_or_else(unread)?;
    if !follow(&mut typer, &mut declared, &before)? {
        return Err(format!("{} returns before line {}", write.method, write.line));
    }
    let StatementKind::Assign { targets, value } = &at.kind else { return Err(unread()) };
    let receiver = typer.receiver.clone().ok_or_else(unread)?;
    let is_write = |target: &Expression| {
        matches!(target, Expression::Attribute { value, attr } if attr == &write.name
            && matches!(&**value, Expression::Name { id } if *id == receiver))
    };
    for target in targets {
        if is_write(target) {
            return typer.typed(value);
        }
        let Expression::Tuple { elements } = target else { continue };
        let Some(index) = elements.iter().position(is_write) else { continue };
        let typ = typer.typed(value)?;
        if let Some(item) = crate::types::variadic_item(&typ) {
            return Ok(item.clone());
        }
        return match &typ {
            TypeExpr::Generic(name, items)
                if name == "tuple" && crate::types::variadic_item(&typ).is_none() && items.len() == elements.len() =>
            {
                Ok(items[index].clone())
            }
            _ => Err(format!("it does not unpack {} into {} targets", show(&typ), elements.len())),
        };
    }
    Err(unread())
}

/// Whether the method writing `write` has, at the top level before it, an `assert` or a
/// statement the reader keeps as a whole, which may narrow what the write stores.
pub(crate) fn statement_kept_whole_before(class: &Class, write: &AttributeWrite, bodies: &MethodBodies) -> bool {
    bodies.get(&format!("{}.{}", class.name, write.method)).is_some_and(|body| {
        body.statements
            .iter()
            .any(|s| s.line < write.line && matches!(s.kind, StatementKind::Other | StatementKind::Assert { .. }))
    })
}

/// Follows `statements` (a body up to a write, or a branch of an `if` in it), binding the names
/// they bind in `typer`; false when they always return or raise (what follows does not run).
fn follow(
    typer: &mut Typer,
    declared: &mut HashMap<String, TypeExpr>,
    statements: &[&Statement],
) -> Result<bool, String> {
    for statement in statements {
        match &statement.kind {
            // An expression the reader keeps as written may bind a name (`(n := 1)`).
            StatementKind::Expr { value: Expression::Other { text } } => {
                return Err(format!(
                    "{} runs `{text}` at line {}, which the lab does not follow",
                    typer.method, statement.line
                ))
            }
            StatementKind::Pass | StatementKind::Expr { .. } => {}
            StatementKind::Return { .. } | StatementKind::Raise { .. } => return Ok(false),
            StatementKind::Assign { targets, value } => {
                for target in targets {
                    match target {
                        Expression::Name { id } => {
                            let typ = typer.typed(value).and_then(|typ| bind(typer.module, declared, id, typ, value));
                            typer.names.insert(id.clone(), typ);
                        }
                        Expression::Attribute { .. } | Expression::Subscript { .. } => {}
                        other => {
                            for name in bound_names(other) {
                                let why = format!("it does not type {name}, unpacked at line {}", statement.line);
                                typer.names.insert(name, Err(why));
                            }
                        }
                    }
                }
            }
            StatementKind::AugAssign { target, .. } => {
                if let Expression::Name { id } = target {
                    let why = format!("it does not follow {} at line {}", statement.text.trim(), statement.line);
                    typer.names.insert(id.clone(), Err(why));
                }
            }
            StatementKind::If { test, body, orelse } => {
                let (body_narrowing, else_narrowing) = narrowing(typer, test);
                let mut branches = Vec::new();
                for (branch, narrowed) in [(body, body_narrowing), (orelse, else_narrowing)] {
                    let mut names = typer.names.clone();
                    let reachable = match narrowed {
                        Some((name, Some(typ))) => {
                            names.insert(name, Ok(typ));
                            true
                        }
                        // `name is None` where name cannot be None: mypy skips the branch.
                        Some((_, None)) => false,
                        None => true,
                    };
                    if !reachable {
                        continue;
                    }
                    let mut branch_typer = Typer {
                        names,
                        receiver: typer.receiver.clone(),
                        receiver_tested: typer.receiver_tested.clone(),
                        ..*typer
                    };
                    let branch: Vec<&Statement> = branch.iter().collect();
                    if follow(&mut branch_typer, declared, &branch)? {
                        branches.push(branch_typer.names);
                    }
                }
                if branches.is_empty() {
                    return Ok(false);
                }
                typer.names = join(typer.module, &branches);
            }
            _ => {
                return Err(format!(
                    "{} runs `{}` at line {} before it, which the lab does not follow",
                    typer.method,
                    statement.text.lines().next().unwrap_or_default().trim(),
                    statement.line
                ))
            }
        }
    }
    Ok(true)
}

/// The type `name` has after `name = value` of type `typ`: a name declared before (a parameter,
/// or by its first assignment) is narrowed to what its declaration admits, Any stays Any; a new
/// name is declared by it (a bare None makes a partial type, which the lab does not follow).
fn bind(
    module: &Module,
    declared: &mut HashMap<String, TypeExpr>,
    name: &str,
    typ: TypeExpr,
    value: &Expression,
) -> Result<TypeExpr, String> {
    match declared.get(name) {
        Some(TypeExpr::Any) => Ok(TypeExpr::Any),
        Some(declaration) if is_subtype(&typ, declaration, module) => Ok(typ),
        Some(declaration) => Err(format!(
            "{name} is bound to {}, which its declared type {} does not admit",
            text(value),
            show(declaration)
        )),
        None if typ == TypeExpr::None => Err(format!("{name} is first bound to None, which mypy completes later")),
        None => {
            declared.insert(name.to_owned(), typ.clone());
            Ok(typ)
        }
    }
}

/// What `if test:` narrows in its body and in its `else`: `name is None` (or `is not None`)
/// gives `name` None in one and its type but None in the other, where None means the branch
/// cannot run. Any other test leaves the names it mentions unknown in both, as mypy may narrow
/// them in ways the lab does not follow.
fn narrowing(typer: &mut Typer, test: &Expression) -> (Narrowed, Narrowed) {
    if let Expression::Compare { left, comparisons } = test {
        if let (Expression::Name { id }, [(op, Expression::Literal { literal: Literal::None })]) =
            (&**left, comparisons.as_slice())
        {
            if let Some(Ok(current)) = typer.names.get(id) {
                let current = current.clone();
                let is_none = match current {
                    TypeExpr::Any => Some(TypeExpr::None),
                    _ => without_none(&current).len().ne(&member_count(&current)).then_some(TypeExpr::None),
                };
                let not_none = match without_none(&current).as_slice() {
                    [] => None,
                    [one] => Some(one.clone()),
                    many => Some(TypeExpr::Union(many.to_vec())),
                };
                let not_none = if current == TypeExpr::Any { Some(TypeExpr::Any) } else { not_none };
                let (yes, no) = (Some((id.clone(), is_none)), Some((id.clone(), not_none)));
                match op.as_str() {
                    "is" => return (yes, no),
                    "is not" => return (no, yes),
                    _ => {}
                }
            }
        }
    }
    for name in mentioned_names(test) {
        if typer.receiver.as_ref() == Some(&name) {
            typer.receiver_tested = Some(text(test));
        }
        if typer.names.contains_key(&name) {
            let why = format!("mypy may narrow {name} by `if {}`, which the lab does not follow", text(test));
            typer.names.insert(name, Err(why));
        }
    }
    (None, None)
}

/// A name an `if` narrows in one of its clauses, and its type there (None where it cannot be
/// that, and the clause does not run).
type Narrowed = Option<(String, Option<TypeExpr>)>;

/// How many members `typ` has as a union (1 when it is none).
fn member_count(typ: &TypeExpr) -> usize {
    match typ {
        TypeExpr::Union(members) => members.len(),
        _ => 1,
    }
}

/// The names after the branches that run on to the next statement: a name each gives one type
/// keeps it, and mypy joins different types into their union (which the lab builds only when no
/// member is a subtype of another).
fn join(
    module: &Module,
    branches: &[HashMap<String, Result<TypeExpr, String>>],
) -> HashMap<String, Result<TypeExpr, String>> {
    let mut joined = HashMap::new();
    let names: std::collections::BTreeSet<&String> = branches.iter().flat_map(|b| b.keys()).collect();
    for name in names {
        let mut typ: Option<Result<TypeExpr, String>> = None;
        for branch in branches {
            let here = branch
                .get(name)
                .cloned()
                .unwrap_or_else(|| Err(format!("{name} is bound in only some branches of an `if`")));
            typ = Some(match (typ, here) {
                (None, here) => here,
                (Some(Err(why)), _) | (Some(Ok(_)), Err(why)) => Err(why),
                (Some(Ok(a)), Ok(b)) if a == b => Ok(a),
                (Some(Ok(a)), Ok(b)) => {
                    let members = match a {
                        TypeExpr::Union(members) => members,
                        other => vec![other],
                    };
                    union_of(module, members, b).ok_or_else(|| {
                        format!("{name} has types in the branches of an `if` whose join the lab does not simplify")
                    })
                }
            });
        }
        if let Some(typ) = typ {
            joined.insert(name.clone(), typ);
        }
    }
    joined
}

/// The names a target of an assignment binds (`a, (b, c)`).
fn bound_names(target: &Expression) -> Vec<String> {
    match target {
        Expression::Name { id } => vec![id.clone()],
        Expression::Tuple { elements } | Expression::List { elements } => {
            elements.iter().flat_map(bound_names).collect()
        }
        _ => Vec::new(),
    }
}

/// The plain names an expression reads (not those of nested comprehensions' own targets).
fn mentioned_names(expression: &Expression) -> Vec<String> {
    let mut names = Vec::new();
    let mut pending = vec![expression];
    while let Some(at) = pending.pop() {
        match at {
            Expression::Name { id } => names.push(id.clone()),
            Expression::Attribute { value, .. } => pending.push(value),
            Expression::Call { func, args, keywords } => {
                pending.push(func);
                pending.extend(args);
                pending.extend(keywords.iter().map(|(_, k)| k));
            }
            Expression::Subscript { value, elements } => {
                pending.push(value);
                pending.extend(elements);
            }
            Expression::Tuple { elements } | Expression::List { elements } | Expression::Set { elements } => {
                pending.extend(elements)
            }
            Expression::BitOr { left, right } | Expression::BinOp { left, right, .. } => {
                pending.push(left);
                pending.push(right);
            }
            Expression::UnaryOp { operand, .. } => pending.push(operand),
            Expression::BoolOp { values, .. } => pending.extend(values),
            Expression::Compare { left, comparisons } => {
                pending.push(left);
                pending.extend(comparisons.iter().map(|(_, c)| c));
            }
            Expression::Dict { items } => {
                for (k, v) in items {
                    pending.push(k);
                    pending.push(v);
                }
            }
            _ => {}
        }
    }
    names
}

/// `b"..."` (any prefix with b, any quotes), which the expression reader keeps as written.
pub(crate) fn bytes_literal(text: &str) -> bool {
    let prefix: String = text.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    ["b", "rb", "br"].iter().any(|p| prefix.eq_ignore_ascii_case(p)) && text[prefix.len()..].starts_with(['"', '\''])
}

/// An expression as source text, for reasons (what the lab does not render is `...`).
fn text(expression: &Expression) -> String {
    match expression {
        Expression::Name { id } => id.clone(),
        Expression::Attribute { value, attr } => format!("{}.{attr}", text(value)),
        Expression::Literal { literal } => match literal {
            Literal::Int(i) => i.to_string(),
            Literal::Float(f) => pysource::float_repr(*f),
            Literal::Str(s) => pysource::str_repr(s),
            Literal::Bool(b) => if *b { "True" } else { "False" }.to_owned(),
            Literal::None => "None".to_owned(),
            Literal::Ellipsis => "...".to_owned(),
        },
        Expression::BinOp { op, left, right } => format!("{} {op} {}", text(left), text(right)),
        Expression::BitOr { left, right } => format!("{} | {}", text(left), text(right)),
        Expression::Call { func, args, .. } => {
            let args: Vec<String> = args.iter().map(text).collect();
            format!("{}({})", text(func), args.join(", "))
        }
        Expression::UnaryOp { op, operand } if op == "not" => format!("not {}", text(operand)),
        Expression::UnaryOp { op, operand } => format!("{op}{}", text(operand)),
        Expression::Compare { left, comparisons } => {
            let rest: Vec<String> = comparisons.iter().map(|(op, right)| format!("{op} {}", text(right))).collect();
            format!("{} {}", text(left), rest.join(" "))
        }
        Expression::Other { text } => text.clone(),
        _ => "...".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The type the lab gives each first write of `class` in `code`, by attribute.
    fn written(code: &str, class: &str) -> Vec<(String, Result<String, String>)> {
        let source = Source::parse(code).unwrap();
        let module = source.module();
        let bodies = method_bodies(Some(&source));
        crate::stdlib::with_stubs_for(13, || {
            let class = module.class(class).unwrap();
            crate::inferred::first_writes(class)
                .into_iter()
                .map(|w| (w.name.clone(), crate::inferred::written_type(&module, class, w, &bodies)))
                .collect()
        })
    }

    #[test]
    fn operators_are_typed_by_typeshed_dunders_and_their_reflections() {
        let code = "class C:\n    def __init__(self, start: int) -> None:\n        self.start = start\n        \
                    self.ratio = 1 + 1.5\n        self.half = start / 2\n        self.scaled = 1.5 * 2\n\n    \
                    def grow(self) -> None:\n        self.size = self.start // 2\n";
        let types: Vec<(String, String)> =
            written(code, "C").into_iter().map(|(name, typ)| (name, typ.unwrap())).collect();
        let expected = [("start", "int"), ("ratio", "float"), ("half", "float"), ("scaled", "float"), ("size", "int")];
        assert_eq!(types, expected.map(|(n, t)| (n.to_owned(), t.to_owned())));
    }

    #[test]
    fn the_body_is_followed_to_the_write() {
        let code =
            "class C:\n    def __init__(self, pair: tuple[int, str], count: int | None = None) -> None:\n        \
                    if count is None:\n            count = 0\n        else:\n            count = count + 1\n        \
                    self.count = count\n        self.size, self.name = pair\n        self.text = b'x'.decode()\n";
        let types: Vec<(String, String)> =
            written(code, "C").into_iter().map(|(name, typ)| (name, typ.unwrap())).collect();
        let expected = [("count", "int"), ("size", "int"), ("name", "str"), ("text", "str")];
        assert_eq!(types, expected.map(|(n, t)| (n.to_owned(), t.to_owned())));
    }

    #[test]
    fn what_the_lab_does_not_follow_is_named() {
        let code = "from typing import Any\nclass C:\n    def __init__(self, other: Any, count: int | None) -> None:\n        \
                    self.total = 1 + other\n        if count:\n            count = 1\n        self.count = count\n";
        let reasons: Vec<String> = written(code, "C").into_iter().map(|(_, typ)| typ.unwrap_err()).collect();
        assert!(reasons[0].contains("right operand of type Any"), "{}", reasons[0]);
        assert!(reasons[1].contains("mypy may narrow count by `if count`"), "{}", reasons[1]);
    }
}
