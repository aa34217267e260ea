//! Attributes set where the class statements do not show them, which the runtime verdicts
//! follow (and `__slots__` named by a module-level name, read from its display): those an
//! `__init__` sets by name at its top level (`setattr(self, "size", 1)`, which mypy does not
//! read), through a helper method it calls, or in the clause of an `if` on a parameter's default
//! that `C()` runs; and those the module's top level sets or deletes on one of its classes after
//! the class statement: `C.close = None`, `del C.close`, `setattr(C, "close", f)`,
//! `delattr(C, "close")`.
//! CPython runs them before the probe asks `isinstance`, so the runtime verdicts are those of the
//! classes as patched; mypy applies none of them to the class (it reports those it rejects), so
//! the static verdicts are those of the class statements.
//!
//! The lab follows such a statement, at the top level, in the clause an `if` on a literal or a
//! module constant runs, or in the body of a function or classmethod the top level calls without
//! arguments that only patches, only where its effect is plain: on a class of the module
//! bound once by its class statement, before it, without decorators, Protocol-ness or bases from
//! elsewhere (whose machinery, dataclass fields or protocol members, reads the class body once);
//! on a name without dunders; assigning a literal, a name or an expression kept as written
//! (a lambda), or deleting what the class body defines by a value or a `def`. Any other change of a class's
//! attributes, anywhere in the module, leaves its runtime verdicts declined (`declines.rs`).

use std::collections::HashSet;

use pysource::{
    Attribute, Expression, FunctionBody, Literal, Member, MemberKind, Module, ModuleConstant, Source, Statement,
    StatementKind,
};

/// One change the lab follows: `value` None deletes the attribute.
struct Patch {
    class: String,
    attribute: String,
    value: Option<String>,
}

/// The module as CPython has it when the probe runs, after the `setattr`s of `__init__`s and
/// the top-level patches it follows, and the lines of those (and of the statements it knows do
/// not run).
pub(crate) fn apply(module: &Module, source: &Source) -> (Module, HashSet<usize>) {
    let statements = source.statements();
    let mut patcher = Patcher {
        original: module,
        source,
        module: module.clone(),
        followed: HashSet::new(),
        statements: &statements,
        bodies: source.function_bodies(),
        constants: source.module_constants(),
    };
    patcher.followed = init_setattrs(&mut patcher.module, &patcher.bodies);
    init_helpers(&mut patcher.module, &patcher.bodies);
    let skipped = init_flags(&mut patcher.module, &patcher.bodies);
    patcher.followed.extend(skipped);
    slots_by_name(&mut patcher.module, source);
    patcher.run(&statements);
    (patcher.module, patcher.followed)
}

/// Runs the module's top-level statements as far as they patch its classes.
struct Patcher<'s> {
    original: &'s Module,
    source: &'s Source,
    module: Module,
    followed: HashSet<usize>,
    /// The module's top-level statements.
    statements: &'s [Statement],
    bodies: Vec<FunctionBody>,
    constants: Vec<ModuleConstant>,
}

impl Patcher<'_> {
    /// Follows each patch of `statements`, the clause an `if` on a literal or a module constant
    /// runs (the other runs nothing), and the body of a call, without arguments, of a top-level
    /// function or of a class's classmethod whose body only patches.
    fn run(&mut self, statements: &[Statement]) {
        for statement in statements {
            if let Some(patch) = patch(statement) {
                self.patch(patch, statement.line, statement.line);
                continue;
            }
            match &statement.kind {
                StatementKind::If { test, body, orelse } => {
                    let Some(holds) = self.holds(test, statement.line) else { continue };
                    let (taken, other) = if holds { (body, orelse) } else { (orelse, body) };
                    self.followed.extend(lines(other));
                    self.run(taken);
                }
                StatementKind::Expr { value: Expression::Call { func, args, keywords } }
                    if args.is_empty() && keywords.is_empty() =>
                {
                    for (patch, line) in self.called_patches(func) {
                        self.patch(patch, line, statement.line);
                    }
                }
                _ => {}
            }
        }
    }

    /// Whether an `if` test at `line` holds: a literal, or a module constant bound before it.
    fn holds(&self, test: &Expression, line: usize) -> Option<bool> {
        match test {
            Expression::Literal { literal } => Some(literal.truth()),
            Expression::Name { id } => {
                self.constants.iter().find(|c| c.name == *id && c.line < line).map(|c| c.value.truth())
            }
            _ => None,
        }
    }

    /// The patches, with their lines, that calling `func` makes: a top-level function, or a
    /// classmethod of a class (`cls.a = v` patches the class), whose body holds only patches.
    fn called_patches(&self, func: &Expression) -> Vec<(Patch, usize)> {
        let (qualname, receiver_class) = match func {
            Expression::Name { id } if self.original.functions.iter().any(|f| f.name == *id) => (id.clone(), None),
            Expression::Attribute { value, attr } => {
                let Expression::Name { id: class } = &**value else { return Vec::new() };
                let classmethod = self.original.class(class).and_then(|c| c.member(attr)).is_some_and(
                    |m| matches!(&m.kind, MemberKind::Method(f) if f.is_classmethod && f.decorators.len() == 1),
                );
                // Called through a subclass, `cls` would be that class: the lab follows a
                // classmethod of a class nothing inherits from.
                let inherited =
                    self.original.classes.iter().any(|c| c.name != *class && self.original.inherits(c, class));
                if !classmethod || inherited {
                    return Vec::new();
                }
                (format!("{class}.{attr}"), Some(class.clone()))
            }
            _ => return Vec::new(),
        };
        let name = qualname.split('.').next().unwrap_or_default();
        if self.statements.iter().any(|s| binds(s, name)) || self.original.imports.contains_key(name) {
            return Vec::new();
        }
        let Some(body) = self.bodies.iter().find(|b| b.qualname == qualname) else { return Vec::new() };
        let mut patches = Vec::new();
        for statement in &body.statements {
            match (&statement.kind, patch(statement)) {
                (StatementKind::Pass, _) => {}
                (StatementKind::Expr { value: Expression::Literal { literal: Literal::Str(_) } }, _) => {}
                (_, Some(mut patch)) => {
                    // `cls` is the class the classmethod is called on; a function's names are
                    // the module's where it binds none of its own.
                    match &receiver_class {
                        Some(class) if body.params.first() == Some(&patch.class) => patch.class = class.clone(),
                        Some(_) => return Vec::new(),
                        None if body.params.contains(&patch.class) => return Vec::new(),
                        None => {}
                    }
                    patches.push((patch, statement.line));
                }
                _ => return Vec::new(),
            }
        }
        patches
    }

    /// Applies `patch`, made at `line` when the statement at `at` runs, where the lab follows it.
    fn patch(&mut self, patch: Patch, line: usize, at: usize) {
        let module = self.original;
        let rebound =
            self.statements.iter().any(|s| binds(s, &patch.class)) || module.imports.contains_key(&patch.class);
        let Some(class) = self.module.classes.iter_mut().find(|c| c.name == patch.class) else { return };
        let plain_class = !class.is_protocol
            && class.decorators.is_empty()
            && class.line < at
            && class.bases.iter().all(|base| module.classes.iter().any(|c| c.name == *base));
        if rebound || !plain_class || patch.attribute.starts_with("__") {
            return;
        }
        let own = class.members.iter().position(|m| m.name == patch.attribute);
        // An annotation stays: the class's `__annotations__` keep it, which only mypy reads.
        let annotation = own.and_then(|i| match &class.members[i].kind {
            MemberKind::Attribute(attribute) => attribute.annotation.clone(),
            _ => None,
        });
        match (patch.value, own) {
            (Some(value), _) => {
                let kind = match plain_function(module, self.source, &value, line, at) {
                    Some(mut function) => {
                        function.name = patch.attribute.clone();
                        MemberKind::Method(function)
                    }
                    None => MemberKind::Attribute(Attribute {
                        annotation,
                        class_value: Some(value),
                        line,
                        ..Attribute::default()
                    }),
                };
                let member = Member { name: patch.attribute, owner: class.name.clone(), kind };
                match own {
                    Some(i) => class.members[i] = member,
                    None => class.members.push(member),
                }
            }
            // Deleting what the class body does not define raises AttributeError.
            (None, Some(i)) if defined_by_class_body(&class.members[i]) => {
                class.members.remove(i);
            }
            (None, _) => return,
        }
        self.followed.insert(line);
    }
}

/// The function `value` names where a top-level statement at `line` sets a class attribute to
/// it: a top-level `def` before that line, undecorated, whose name the module binds nowhere else.
/// A function set on a class becomes a method of its instances, as a `def` in the class body.
/// In a called function's body the name may be a local: not read.
fn plain_function(module: &Module, source: &Source, value: &str, line: usize, at: usize) -> Option<pysource::Function> {
    let function = module.functions.iter().find(|f| f.name == value)?;
    let plain = line == at && function.line < line && function.decorators.is_empty() && source.binds_once(value);
    plain.then(|| function.clone())
}

/// Reads each `self.method()` at the top level of a class's `__init__`, where `method` is an
/// undecorated method of that class that no class of the module overrides, whose body only sets
/// attributes of `self` to values other than None without calls (`self.size = 0`), as the
/// `__init__` setting those attributes itself.
fn init_helpers(module: &mut Module, bodies: &[FunctionBody]) {
    post_inits(module, bodies);
    for init in bodies {
        let Some(class_name) = init.qualname.strip_suffix(".__init__").filter(|c| !c.contains('.')) else {
            continue;
        };
        // A Protocol's members are what its class body declares, whatever its `__init__` sets.
        if module.class(class_name).is_none_or(|class| class.is_protocol) {
            continue;
        }
        let Some(receiver) = init.params.first() else { continue };
        let mut set = Vec::new();
        for statement in &init.statements {
            let StatementKind::Expr { value: Expression::Call { func, args, keywords } } = &statement.kind else {
                continue;
            };
            let (Expression::Attribute { value, attr: method }, true) =
                (&**func, args.is_empty() && keywords.is_empty())
            else {
                continue;
            };
            if !matches!(&**value, Expression::Name { id } if id == receiver) {
                continue;
            }
            let Some(class) = module.class(class_name) else { continue };
            let own =
                matches!(class.member(method).map(|m| &m.kind), Some(MemberKind::Method(f)) if f.decorators.is_empty());
            let overridden = module
                .classes
                .iter()
                .any(|c| c.name != class_name && c.member(method).is_some() && module.inherits(c, class_name));
            let Some(body) = bodies.iter().find(|b| b.qualname == format!("{class_name}.{method}")) else { continue };
            let Some(helper_receiver) = body.params.first().filter(|_| body.params.len() == 1) else { continue };
            if !own || overridden {
                continue;
            }
            let sets: Option<Vec<String>> = body
                .statements
                .iter()
                .filter_map(|s| match &s.kind {
                    StatementKind::Pass => None,
                    StatementKind::Expr { value: Expression::Literal { literal: Literal::Str(_) } } => None,
                    StatementKind::Assign { targets, value } => Some(match (targets.as_slice(), value) {
                        ([Expression::Attribute { value: target, attr }], Expression::Literal { literal })
                            if *literal != Literal::None
                                && matches!(&**target, Expression::Name { id } if id == helper_receiver) =>
                        {
                            Some(attr.clone())
                        }
                        _ => None,
                    }),
                    _ => Some(None),
                })
                .collect();
            set.extend(sets.into_iter().flatten());
        }
        let Some(class) = module.classes.iter_mut().find(|c| c.name == class_name) else { continue };
        for name in set {
            set_in_init(class, name);
        }
    }
}

/// Reads the `__post_init__` of a dataclass whose generated `__init__` calls it (one the lab
/// models, not frozen, without an `__init__` of its own, that no class inherits from), where its
/// body only sets attributes of self to literals other than None, as that `__init__` setting them.
fn post_inits(module: &mut Module, bodies: &[FunctionBody]) {
    for body in bodies {
        let Some(class_name) = body.qualname.strip_suffix(".__post_init__").filter(|c| !c.contains('.')) else {
            continue;
        };
        let Some(class) = module.class(class_name) else { continue };
        let generated =
            matches!(class.decorators.as_slice(), [decorator] if crate::dataclasses::calls_post_init(decorator));
        let inherited = module.classes.iter().any(|c| c.name != class_name && module.inherits(c, class_name));
        let plain = matches!(class.member("__post_init__").map(|m| &m.kind), Some(MemberKind::Method(f)) if f.decorators.is_empty());
        let (Some(receiver), 1) = (body.params.first(), body.params.len()) else { continue };
        if !generated || inherited || !plain || class.member("__init__").is_some() || class.is_protocol {
            continue;
        }
        let Some(set) = body.statements.iter().map(|s| literal_write(s, receiver)).collect::<Option<Vec<_>>>() else {
            continue;
        };
        let class = module.classes.iter_mut().find(|c| c.name == class_name).expect("the class is in the module");
        for name in set.into_iter().flatten() {
            set_in_init(class, name);
        }
    }
}

/// Marks `name` as an attribute `class`'s `__init__` sets.
fn set_in_init(class: &mut pysource::Class, name: String) {
    match class.members.iter_mut().find(|m| m.name == name) {
        Some(Member { kind: MemberKind::Attribute(attribute), .. }) => attribute.assigned_in_init = true,
        Some(_) => {}
        None => class.members.push(Member {
            name,
            owner: class.name.clone(),
            kind: MemberKind::Attribute(Attribute { assigned_in_init: true, ..Attribute::default() }),
        }),
    }
}

/// Reads an `if flag:` (with an `else` or not) at the top level of a class's `__init__` whose
/// parameters all have defaults, where `flag` is one of them with a literal default and only
/// attribute assignments come before the `if`: `C()` passes nothing, so the clause the default's
/// truth picks runs. Where that clause only sets attributes of self to literals other than None,
/// they are set as by the `__init__` itself, and the other clause runs nothing: the lines of its
/// statements are returned. Only for a class no class of the module inherits from, whose
/// `__init__` only `C()` runs.
fn init_flags(module: &mut Module, bodies: &[FunctionBody]) -> HashSet<usize> {
    let mut skipped = HashSet::new();
    for init in bodies {
        let Some(class_name) = init.qualname.strip_suffix(".__init__").filter(|c| !c.contains('.')) else {
            continue;
        };
        // A Protocol's members are what its class body declares, whatever its `__init__` sets.
        if module.class(class_name).is_none_or(|class| class.is_protocol) {
            continue;
        }
        let Some((receiver, params)) = init.params.split_first() else { continue };
        let inherited = module.classes.iter().any(|c| c.name != class_name && module.inherits(c, class_name));
        let all_defaults = init.defaults.len() == init.params.len() && init.defaults[1..].iter().all(Option::is_some);
        let Some(class) = module.class(class_name) else { continue };
        if inherited || !all_defaults || class.member("__new__").is_some() {
            continue;
        }
        for statement in &init.statements {
            let StatementKind::If { test: Expression::Name { id: flag }, body, orelse } = &statement.kind else {
                // Only what cannot bind the parameter again may come first.
                let sets_attributes = match &statement.kind {
                    StatementKind::Assign { targets, .. } => {
                        targets.iter().all(|t| matches!(t, Expression::Attribute { .. }))
                    }
                    StatementKind::Pass => true,
                    _ => false,
                };
                if sets_attributes {
                    continue;
                }
                break;
            };
            let Some(index) = params.iter().position(|p| p == flag) else { break };
            let Some(Expression::Literal { literal }) = &init.defaults[index + 1] else { break };
            let (taken, other) = if literal.truth() { (body, orelse) } else { (orelse, body) };
            let Some(set) = taken.iter().map(|s| literal_write(s, receiver)).collect::<Option<Vec<_>>>() else { break };
            let class = module.classes.iter_mut().find(|c| c.name == class_name).expect("the class is in the module");
            for name in set.into_iter().flatten() {
                set_in_init(class, name);
            }
            skipped.extend(lines(other));
            break;
        }
    }
    skipped
}

/// For a statement that only sets an attribute of `receiver` to a literal other than None, the
/// attribute; None (outer) for any other statement but `pass` and docstrings (Some(None)).
fn literal_write(statement: &Statement, receiver: &str) -> Option<Option<String>> {
    match &statement.kind {
        StatementKind::Pass | StatementKind::Expr { value: Expression::Literal { literal: Literal::Str(_) } } => {
            Some(None)
        }
        StatementKind::Assign { targets, value: Expression::Literal { literal } } if *literal != Literal::None => {
            match targets.as_slice() {
                [Expression::Attribute { value, attr }] if matches!(&**value, Expression::Name { id } if id == receiver) => {
                    Some(Some(attr.clone()))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// The lines of `statements` and of those nested in them.
fn lines(statements: &[Statement]) -> Vec<usize> {
    let mut lines = Vec::new();
    pysource::visit_in_blocks(statements, &mut |statement| lines.push(statement.line));
    lines
}

/// Gives a class's `__slots__ = NAMES` the display a module-level `NAMES` is bound to once,
/// before the class statement, where nothing changes its items: the object CPython reads the
/// slots from.
fn slots_by_name(module: &mut Module, source: &Source) {
    let displays = source.module_displays();
    for class in &mut module.classes {
        let class_line = class.line;
        let Some(Member { kind: MemberKind::Attribute(attribute), .. }) =
            class.members.iter_mut().find(|m| m.name == "__slots__")
        else {
            continue;
        };
        let Some(value) = attribute.class_value.as_deref().map(str::trim) else { continue };
        if let Some((_, _, display)) = displays.iter().find(|(name, line, _)| name == value && *line < class_line) {
            attribute.class_value = Some(display.clone());
        }
    }
}

/// Reads each `setattr(self, "name", literal)` at the top level of a class's `__init__` as the
/// `self.name = literal` it does at runtime, where `setattr` is the builtin, the name no dunder
/// nor a method or property of the class, and the value not None (which a runtime_checkable
/// Protocol reads as a method's absence); returns their lines.
fn init_setattrs(module: &mut Module, bodies: &[FunctionBody]) -> HashSet<usize> {
    let mut followed = HashSet::new();
    let rebound = module.imports.contains_key("setattr") || module.functions.iter().any(|f| f.name == "setattr");
    if rebound {
        return followed;
    }
    for body in bodies {
        let Some(class_name) = body.qualname.strip_suffix(".__init__").filter(|c| !c.contains('.')) else {
            continue;
        };
        // A Protocol's members are what its class body declares, whatever its `__init__` sets.
        if module.class(class_name).is_none_or(|class| class.is_protocol) {
            continue;
        }
        let Some(receiver) = body.params.first() else { continue };
        if body.params.iter().any(|p| p == "setattr") {
            continue;
        }
        for statement in &body.statements {
            let StatementKind::Expr { value: Expression::Call { func, args, keywords } } = &statement.kind else {
                continue;
            };
            let (
                Expression::Name { id: function },
                [Expression::Name { id: object }, Expression::Literal { literal: Literal::Str(name) }, Expression::Literal { literal: value }],
                true,
            ) = (&**func, args.as_slice(), keywords.is_empty())
            else {
                continue;
            };
            if function != "setattr" || object != receiver || *value == Literal::None || name.starts_with("__") {
                continue;
            }
            let Some(class) = module.classes.iter_mut().find(|c| c.name == class_name) else { continue };
            match class.members.iter_mut().find(|m| m.name == *name) {
                Some(Member { kind: MemberKind::Attribute(attribute), .. }) => attribute.assigned_in_init = true,
                Some(_) => continue,
                None => class.members.push(Member {
                    name: name.clone(),
                    owner: class.name.clone(),
                    kind: MemberKind::Attribute(Attribute {
                        assigned_in_init: true,
                        line: statement.line,
                        ..Attribute::default()
                    }),
                }),
            }
            followed.insert(statement.line);
        }
    }
    followed
}

/// The change a top-level statement makes to `Name.attribute`, where it is one the lab reads.
fn patch(statement: &Statement) -> Option<Patch> {
    let class_attribute = |target: &Expression| match target {
        Expression::Attribute { value, attr } => match &**value {
            Expression::Name { id } => Some((id.clone(), attr.clone())),
            _ => None,
        },
        _ => None,
    };
    let named = |args: &[Expression]| match args {
        [Expression::Name { id }, Expression::Literal { literal: Literal::Str(attribute) }, rest @ ..] => {
            Some((id.clone(), attribute.clone(), rest.to_vec()))
        }
        _ => None,
    };
    let ((class, attribute), value) = match &statement.kind {
        StatementKind::Assign { targets, value } => {
            let [target] = targets.as_slice() else { return None };
            (class_attribute(target)?, Some(written(value)?))
        }
        StatementKind::Delete { targets } => {
            let [target] = targets.as_slice() else { return None };
            (class_attribute(target)?, None)
        }
        StatementKind::Expr { value: Expression::Call { func, args, keywords } } if keywords.is_empty() => {
            let (class, attribute, rest) = named(args)?;
            match (&**func, rest.as_slice()) {
                (Expression::Name { id }, [value]) if id == "setattr" => ((class, attribute), Some(written(value)?)),
                (Expression::Name { id }, []) if id == "delattr" => ((class, attribute), None),
                _ => return None,
            }
        }
        _ => return None,
    };
    Some(Patch { class, attribute, value })
}

/// A value as the lab's class attributes hold it (as written): a literal, a (dotted) name, or an
/// expression the reader keeps as written.
fn written(value: &Expression) -> Option<String> {
    match value {
        Expression::Literal { literal } => Some(match literal {
            Literal::None => "None".to_owned(),
            Literal::Bool(b) => if *b { "True" } else { "False" }.to_owned(),
            Literal::Int(i) => i.to_string(),
            Literal::Float(f) => pysource::float_repr(*f),
            Literal::Str(s) => pysource::str_repr(s),
            Literal::Ellipsis => "...".to_owned(),
        }),
        Expression::Other { text } => Some(text.clone()),
        other => other.dotted(),
    }
}

/// Whether a top-level statement binds `name` (other than by its class statement).
fn binds(statement: &Statement, name: &str) -> bool {
    let is_name = |target: &Expression| matches!(target, Expression::Name { id } if id == name);
    match &statement.kind {
        StatementKind::Assign { targets, .. } | StatementKind::Delete { targets } => targets.iter().any(is_name),
        StatementKind::AugAssign { target, .. } => is_name(target),
        _ => false,
    }
}

/// A member the class body defines by a value or a `def`, which `del` removes.
fn defined_by_class_body(member: &Member) -> bool {
    match &member.kind {
        MemberKind::Attribute(attribute) => attribute.class_value.is_some(),
        MemberKind::Method(_) | MemberKind::Property { .. } => true,
    }
}
