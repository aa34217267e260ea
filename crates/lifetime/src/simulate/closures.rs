//! Closures as CPython builds them: a local of a function that a function defined in it reads
//! (or declares `nonlocal`) is a cell variable, kept in a cell object the frame and each
//! closure share; a `def` inside a function makes a function object whose closure holds those
//! cells. The frame numbers its cell variables after its other locals, and its free variables
//! after those, each group in alphabetical order, which is the order it lets go of them in.

use pysource::{Expression, FStringPart, FunctionBody, Statement, StatementKind};

use crate::world::{Obj, Val};

use super::{assigned_names, parameters, Frame, Outcome, Run, Stop};

/// The separator of a nested function's qualified name.
const LOCALS: &str = ".<locals>.";

impl<'m> Run<'m> {
    fn body_of(&self, qualname: &str) -> Outcome<&'m FunctionBody> {
        self.body(qualname).ok_or_else(|| not_modelled!("`{qualname}` is not modelled"))
    }

    /// The names a function declares `nonlocal`.
    pub(super) fn nonlocals(statements: &[Statement], names: &mut Vec<String>) {
        for statement in statements {
            match &statement.kind {
                StatementKind::Nonlocal { names: declared } => names.extend(declared.iter().cloned()),
                StatementKind::If { body, orelse, .. }
                | StatementKind::For { body, orelse, .. }
                | StatementKind::While { body, orelse, .. } => {
                    Self::nonlocals(body, names);
                    Self::nonlocals(orelse, names);
                }
                StatementKind::With { body, .. } => Self::nonlocals(body, names),
                StatementKind::Try { body, handlers, orelse, finalbody, .. } => {
                    Self::nonlocals(body, names);
                    handlers.iter().for_each(|(_, handler)| Self::nonlocals(handler, names));
                    Self::nonlocals(orelse, names);
                    Self::nonlocals(finalbody, names);
                }
                _ => {}
            }
        }
    }

    /// A function's own locals: its parameters and the names it binds, less those it declares
    /// `nonlocal`.
    fn own_locals(body: &FunctionBody) -> Vec<String> {
        let mut names = parameters(body);
        assigned_names(&body.statements, &mut names);
        let mut declared = Vec::new();
        Self::nonlocals(&body.statements, &mut declared);
        let mut own = Vec::new();
        for name in names {
            if !declared.contains(&name) && !own.contains(&name) {
                own.push(name);
            }
        }
        own
    }

    /// The functions defined directly in `qualname`.
    fn nested_functions(&self, qualname: &str) -> Vec<&FunctionBody> {
        let prefix = format!("{qualname}{LOCALS}");
        self.bodies
            .iter()
            .filter(|b| b.qualname.strip_prefix(&prefix).is_some_and(|rest| !rest.contains(LOCALS)))
            .collect()
    }

    /// The locals of the functions `qualname` is defined in, at every level.
    fn enclosing_locals(&self, qualname: &str) -> Outcome<Vec<String>> {
        let mut names = Vec::new();
        let mut scope = qualname.rsplit_once(LOCALS).map(|(outer, _)| outer);
        while let Some(outer) = scope {
            names.extend(Self::own_locals(self.body_of(outer)?));
            scope = outer.rsplit_once(LOCALS).map(|(around, _)| around);
        }
        Ok(names)
    }

    /// The free variables of the nested function `qualname`, in alphabetical order: the names
    /// it reads or declares `nonlocal`, or that a function defined in it takes from further
    /// out, that are locals of a function it is defined in (at any level).
    pub(super) fn free_variables(&self, qualname: &str) -> Outcome<Vec<String>> {
        if !qualname.contains(LOCALS) {
            return Ok(Vec::new());
        }
        let body = self.body_of(qualname)?;
        let mut used = Vec::new();
        statements_read(&body.statements, &mut used)?;
        Self::nonlocals(&body.statements, &mut used);
        let nested: Vec<String> = self.nested_functions(qualname).iter().map(|b| b.qualname.clone()).collect();
        for inner in nested {
            used.extend(self.free_variables(&inner)?);
        }
        let own = Self::own_locals(body);
        let enclosing = self.enclosing_locals(qualname)?;
        let mut declared = Vec::new();
        Self::nonlocals(&body.statements, &mut declared);
        if let Some(name) = declared.iter().find(|n| !enclosing.contains(n)) {
            return Err(not_modelled!(
                "`nonlocal {name}` with no binding around `{qualname}` (SyntaxError) is not modelled"
            ));
        }
        let mut free: Vec<String> = Vec::new();
        for name in used {
            if !own.contains(&name) && enclosing.contains(&name) && !free.contains(&name) {
                free.push(name);
            }
        }
        free.sort();
        Ok(free)
    }

    /// Why a `nonlocal` statement does not compile, if one does not: outside a nested function,
    /// or naming no local of the functions around it.
    pub(super) fn nonlocal_problem(&self) -> Option<String> {
        for body in self.bodies {
            let mut declared = Vec::new();
            Self::nonlocals(&body.statements, &mut declared);
            if declared.is_empty() {
                continue;
            }
            let bound = self.enclosing_locals(&body.qualname).unwrap_or_default();
            if let Some(name) = declared.iter().find(|n| !bound.contains(n)) {
                return Some(format!(
                    "`nonlocal {name}` in `{}` with no binding around it (SyntaxError) is not modelled",
                    body.qualname
                ));
            }
            if let Some(name) = declared.iter().find(|n| parameters(body).contains(n)) {
                return Some(format!("`nonlocal {name}` of a parameter (SyntaxError) is not modelled"));
            }
        }
        None
    }

    /// The cell variables of the function `qualname`, in alphabetical order: its locals that a
    /// function defined in it reads (or one defined in that, at any depth).
    pub(super) fn cell_variables(&self, qualname: &str) -> Outcome<Vec<String>> {
        let mut cells: Vec<String> = Vec::new();
        let nested: Vec<String> = self.nested_functions(qualname).iter().map(|b| b.qualname.clone()).collect();
        if nested.is_empty() {
            return Ok(cells);
        }
        let own = Self::own_locals(self.body_of(qualname)?);
        for inner in nested {
            for name in self.free_variables(&inner)? {
                if own.contains(&name) && !cells.contains(&name) {
                    cells.push(name);
                }
            }
        }
        cells.sort();
        Ok(cells)
    }

    /// A new cell holding `contents` (empty for None), held by nobody yet.
    pub(super) fn new_cell(&mut self, name: &str, contents: Option<Val>) -> Outcome<Val> {
        let cell = self.new_object(Obj::new(
            "cell",
            format!("cell {name}"),
            contents.into_iter().map(|v| ("cell_contents".to_owned(), v)).collect(),
        ))?;
        Ok(Val::Obj(cell))
    }

    /// The cell `value` is, if it is one.
    pub(super) fn cell(&self, value: &Val) -> Option<usize> {
        match value {
            Val::Obj(obj) if self.world.objs[*obj].class == "cell" && self.world.objs[*obj].items.is_none() => {
                Some(*obj)
            }
            _ => None,
        }
    }

    /// Sets what a cell holds (None empties it), letting go of what it held.
    pub(super) fn set_cell(&mut self, cell: usize, contents: Option<Val>) -> Outcome<bool> {
        let attrs = &mut self.world.objs[cell].attrs;
        let old = attrs.iter().position(|(n, _)| n == "cell_contents").map(|i| attrs.remove(i).1);
        if let Some(value) = contents {
            attrs.push(("cell_contents".to_owned(), value));
        }
        let had = old.is_some();
        if let Some(old) = old {
            self.released(&old)?;
        }
        Ok(had)
    }

    /// What a cell holds.
    pub(super) fn cell_contents(&self, cell: usize, name: &str) -> Outcome<Val> {
        match self.world.objs[cell].attrs.iter().find(|(n, _)| n == "cell_contents") {
            Some((_, value)) => Ok(value.clone()),
            None => Err(not_modelled!("`{name}` read before it is bound (NameError) is not modelled")),
        }
    }

    /// `def name` inside the running function: a function object whose closure holds the cells
    /// of its free variables, bound to `name`.
    pub(super) fn define_closure(&mut self, name: &str, frame: Frame) -> Outcome<()> {
        let function = self.make_closure(name, frame)?;
        self.assign(&Expression::Name { id: name.to_owned() }, function.clone(), frame)?;
        self.drop_temporary(&function)
    }

    /// The function object a nested `def` of `name` makes, held as a temporary.
    pub(super) fn make_closure(&mut self, name: &str, frame: Frame) -> Outcome<Val> {
        let Some(index) = frame else { return Err("a nested `def` outside a function".into()) };
        let outer = self
            .locals
            .iter()
            .rev()
            .find(|(f, ..)| *f == index)
            .map(|(_, _, _, qualname)| qualname.clone())
            .ok_or("a nested `def` in a comprehension is not modelled")?;
        let qualname = format!("{outer}{LOCALS}{name}");
        if self.bodies.iter().filter(|b| b.qualname == qualname).count() > 1 {
            // The model reads one body per name.
            return Err(not_modelled!("`{qualname}` defined more than once is not modelled"));
        }
        let body = self.body_of(&qualname)?;
        // Its defaults are evaluated first, in this scope; the function holds them first.
        let defaults = self.defaults(body, frame)?;
        // The stack holds them until the function object takes them.
        if let Some(defaults) = &defaults {
            self.hold(defaults);
        }
        let mut closure: Vec<(String, Val)> = defaults.iter().map(|d| ("__defaults__".to_owned(), d.clone())).collect();
        let free = self.free_variables(&qualname)?;
        for variable in &free {
            let cell = self.world.frames[index].iter().find(|(n, _)| n == variable).map(|(_, v)| v.clone());
            match cell.filter(|c| self.cell(c).is_some()) {
                Some(cell) => closure.push((format!("__closure__ ({variable})"), cell)),
                None => return Err(not_modelled!("the closure of `{qualname}` over `{variable}` is not modelled")),
            }
        }
        // The closure is a tuple, which lets go of its cells last to first.
        closure[defaults.iter().count()..].reverse();
        closure.push(("__qualname__".to_owned(), Val::Str(qualname.clone())));
        let function = self.new_object(Obj::new("function", format!("function {qualname}"), closure))?;
        if let Some(defaults) = &defaults {
            self.unhold(defaults);
        }
        self.hold(&Val::Obj(function));
        Ok(Val::Obj(function))
    }

    /// The defaults tuple of the function object `value`, if its defaults are not all literals.
    pub(super) fn closure_defaults(&self, value: &Val) -> Option<Val> {
        let Val::Obj(obj) = value else { return None };
        self.world.objs[*obj].attrs.iter().find(|(attr, _)| attr == "__defaults__").map(|(_, v)| v.clone())
    }

    /// The function object `value` is: its qualified name and its closure's cells by variable.
    pub(super) fn closure_of(&self, value: &Val) -> Option<(String, Vec<(String, Val)>)> {
        let Val::Obj(obj) = value else { return None };
        let object = &self.world.objs[*obj];
        if object.class != "function" || object.items.is_some() {
            return None;
        }
        let mut qualname = None;
        let mut cells = Vec::new();
        for (attr, value) in &object.attrs {
            match attr.strip_prefix("__closure__ (").and_then(|rest| rest.strip_suffix(')')) {
                Some(variable) => cells.push((variable.to_owned(), value.clone())),
                None if attr == "__qualname__" => {
                    if let Val::Str(name) = value {
                        qualname = Some(name.clone());
                    }
                }
                None => {}
            }
        }
        qualname.map(|q| (q, cells))
    }
}

/// The names `statements` read, into `names`; code the model does not read is declined, since
/// a name it hides could make a variable a cell.
fn statements_read(statements: &[Statement], names: &mut Vec<String>) -> Outcome<()> {
    for statement in statements {
        match &statement.kind {
            StatementKind::Assign { targets, value } => {
                targets.iter().try_for_each(|t| expression_read(t, names))?;
                expression_read(value, names)?;
            }
            StatementKind::AugAssign { target, value, .. } => {
                expression_read(target, names)?;
                expression_read(value, names)?;
            }
            StatementKind::Delete { targets } => targets.iter().try_for_each(|t| expression_read(t, names))?,
            StatementKind::Expr { value } => expression_read(value, names)?,
            StatementKind::Return { value } => value.iter().try_for_each(|v| expression_read(v, names))?,
            StatementKind::If { test, body, orelse } | StatementKind::While { test, body, orelse } => {
                expression_read(test, names)?;
                statements_read(body, names)?;
                statements_read(orelse, names)?;
            }
            StatementKind::For { target, iter, body, orelse } => {
                expression_read(target, names)?;
                expression_read(iter, names)?;
                statements_read(body, names)?;
                statements_read(orelse, names)?;
            }
            StatementKind::With { items, body } => {
                for (context, target) in items {
                    expression_read(context, names)?;
                    target.iter().try_for_each(|t| expression_read(t, names))?;
                }
                statements_read(body, names)?;
            }
            StatementKind::Try { body, handlers, orelse, finalbody, handler_types } => {
                statements_read(body, names)?;
                for clause in handler_types {
                    clause.class.iter().try_for_each(|c| expression_read(c, names))?;
                }
                handlers.iter().try_for_each(|(_, handler)| statements_read(handler, names))?;
                statements_read(orelse, names)?;
                statements_read(finalbody, names)?;
            }
            StatementKind::Raise { exception, cause } => {
                exception.iter().chain(cause).try_for_each(|e| expression_read(e, names))?;
            }
            StatementKind::Break | StatementKind::Continue | StatementKind::Pass | StatementKind::Nonlocal { .. } => {}
            // What a nested `def` reads is its own function's (its free variables); its
            // decorators are read here.
            StatementKind::Definition { decorators, .. } => {
                decorators.iter().try_for_each(|d| expression_read(d, names))?;
            }
            _ => {
                return Err(not_modelled!(
                    "a nested function with `{}` is not modelled",
                    statement.text.lines().next().unwrap_or_default()
                ))
            }
        }
    }
    Ok(())
}

fn expression_read(expr: &Expression, names: &mut Vec<String>) -> Outcome<()> {
    names_read(expr, names, true)
}

/// The names `expr` reads in its own scope, into `names`; with `inner`, also those its
/// comprehensions read in theirs (less their own variables).
pub(super) fn names_read(expr: &Expression, names: &mut Vec<String>, inner: bool) -> Outcome<()> {
    match expr {
        Expression::Name { id } => names.push(id.clone()),
        Expression::Literal { .. } => {}
        Expression::Attribute { value, .. } => names_read(value, names, inner)?,
        Expression::Call { func, args, keywords } => {
            names_read(func, names, inner)?;
            args.iter().chain(keywords.iter().map(|(_, v)| v)).try_for_each(|a| names_read(a, names, inner))?;
        }
        Expression::Subscript { value, elements } => {
            names_read(value, names, inner)?;
            elements.iter().try_for_each(|e| names_read(e, names, inner))?;
        }
        Expression::Tuple { elements } | Expression::List { elements } | Expression::Set { elements } => {
            elements.iter().try_for_each(|e| names_read(e, names, inner))?
        }
        Expression::FString { parts } => {
            for part in parts {
                if let FStringPart::Field { value, .. } = part {
                    names_read(value, names, inner)?;
                }
            }
        }
        Expression::BitOr { left, right } | Expression::BinOp { left, right, .. } => {
            names_read(left, names, inner)?;
            names_read(right, names, inner)?;
        }
        Expression::UnaryOp { operand, .. } => names_read(operand, names, inner)?,
        Expression::BoolOp { values, .. } => values.iter().try_for_each(|v| names_read(v, names, inner))?,
        Expression::Compare { left, comparisons } => {
            names_read(left, names, inner)?;
            comparisons.iter().try_for_each(|(_, right)| names_read(right, names, inner))?;
        }
        Expression::Dict { items } => {
            for (key, value) in items {
                names_read(key, names, inner)?;
                names_read(value, names, inner)?;
            }
        }
        Expression::ListComp { element, generators } | Expression::SetComp { element, generators } => {
            comprehension_read(&[element], generators, names, inner)?
        }
        Expression::DictComp { key, value, generators } => comprehension_read(&[key, value], generators, names, inner)?,
        // A lambda's reads are its own function's, which the walk of nested functions reads.
        Expression::Other { text } if is_lambda(text) => {}
        // Each of these parses the text (which holds every expression nested in it), so each is
        // tried once, the most nested kind first: a chain of conditionals is read in one parse
        // per level.
        Expression::Other { text } => {
            if let Some(choice) = pysource::conditional(text) {
                // A conditional expression reads its three parts.
                [&choice.test, &choice.body, &choice.orelse]
                    .into_iter()
                    .try_for_each(|e| names_read(e, names, inner))?;
            } else if let Some(call) = pysource::starred_call(text) {
                // A call with `*iterable` arguments.
                names_read(&call.func, names, inner)?;
                let keywords = call.keywords.iter().map(|(_, v)| v).chain(&call.mappings);
                call.args.iter().map(|(_, a)| a).chain(keywords).try_for_each(|a| names_read(a, names, inner))?;
            } else if let Some(parts) = pysource::generator_expression(text) {
                // A generator expression's function reads the rest where a comprehension would.
                comprehension_read(&[&parts.element], &parts.generators, names, inner)?;
            } else {
                // A `yield` reads what it yields.
                match super::generators::yielded_expression(text) {
                    Ok(Some(value)) => names_read(&value, names, inner)?,
                    Ok(None) => {}
                    Err(_) => return Err(not_modelled!("a nested function with `{text}` is not modelled")),
                }
            }
        }
    }
    Ok(())
}

/// What a comprehension reads from the scope around it: its first iterable, and the rest less
/// its own variables.
fn comprehension_read(
    elements: &[&Expression],
    generators: &[pysource::Generator],
    names: &mut Vec<String>,
    with_inner: bool,
) -> Outcome<()> {
    let mut own = Vec::new();
    let mut inner = Vec::new();
    for (index, generator) in generators.iter().enumerate() {
        let mut targets = Vec::new();
        names_read(&generator.target, &mut targets, with_inner)?;
        if index == 0 {
            names_read(&generator.iter, names, with_inner)?;
        } else {
            names_read(&generator.iter, &mut inner, with_inner)?;
        }
        generator.ifs.iter().try_for_each(|i| names_read(i, &mut inner, with_inner))?;
        own.extend(targets);
    }
    elements.iter().try_for_each(|e| names_read(e, &mut inner, with_inner))?;
    if with_inner {
        names.extend(inner.into_iter().filter(|n| !own.contains(n)));
    }
    Ok(())
}

/// Whether `text`, an expression the statement reader keeps as written, is a lambda.
fn is_lambda(text: &str) -> bool {
    pysource::Source::parse(text).is_ok_and(|source| source.lambdas().first().is_some_and(|(whole, _)| whole == text))
}
