//! Runs the program statement by statement on the simulated heap and records the timeline.

use lab::{Check, Comparison, Verdict};
use pysource::{Expression, FStringPart, FunctionBody, Literal, MemberKind, Module, Source, Statement, StatementKind};
use serde::{Deserialize, Serialize};

use crate::world::{referents, Fin, Holder, Obj, Val, World};

/// One object as it stands after a step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ObjectView {
    pub label: String,
    pub refcount: usize,
    /// Who refers to it: `a`, `b.self_ref`, `its finalizer's callback`, ...
    pub referrers: Vec<String>,
    /// Its finalizer's state, if it has one: alive, and whether it runs at exit.
    pub finalizer_alive: Option<bool>,
    /// Nothing reachable refers to it: only `gc.collect()` will free it.
    pub waiting_for_gc: bool,
    /// Its finalizer's callback or arguments refer to it, so it lives until exit.
    pub pinned_by_finalizer: bool,
}

/// One statement of the program (or the interpreter's exit) and what it did.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Step {
    /// None for the interpreter's exit.
    pub line: Option<usize>,
    pub text: String,
    pub events: Vec<String>,
    pub printed: Vec<String>,
    pub objects: Vec<ObjectView>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NotModelled {
    pub line: usize,
    pub text: String,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Simulation {
    pub steps: Vec<Step>,
    /// Every line the program prints, in order, exit included (when the simulation got there).
    pub output: Vec<String>,
    /// Where the simulation stopped; `output` is then only what comes before.
    pub not_modelled: Option<NotModelled>,
}

/// Holds the predicted lines against the probe's report, line by line, and the way the program
/// ends. Where the simulation stopped early, CPython's further lines are declined facts.
pub fn compare(simulation: &Simulation, report: &str) -> Comparison {
    let report: serde_json::Value = match serde_json::from_str(report) {
        Ok(report) => report,
        Err(error) => return Comparison::unreadable(format!("the probe's report is not JSON: {error}")),
    };
    let Some(actual) = report["lines"].as_array() else {
        return Comparison::unreadable("the probe's report has no lines");
    };
    let actual: Vec<String> = actual.iter().map(|l| l.as_str().unwrap_or_default().to_owned()).collect();
    let mut checks: Vec<Check> = Vec::new();
    for i in 0..simulation.output.len().max(actual.len()) {
        let subject = format!("output line {}", i + 1);
        let seen = actual.get(i).cloned();
        match (&simulation.not_modelled, simulation.output.get(i)) {
            (_, Some(predicted)) => checks.push(Check::compared(subject, predicted.clone(), seen)),
            (Some(stop), None) => checks.push(Check::declined(subject, stop_reason(stop), seen)),
            (None, None) => checks.push(Check {
                subject,
                predicted: Some("(no line)".into()),
                actual: seen,
                verdict: Verdict::Disagreed,
            }),
        }
    }
    let error = report["error"].as_str().map_or_else(|| "none".to_owned(), str::to_owned);
    checks.push(match &simulation.not_modelled {
        None => Check::compared("how the program ends", "none", Some(error)),
        Some(stop) => Check::declined("how the program ends", stop_reason(stop), Some(error)),
    });
    Comparison { checks, problem: None }
}

fn stop_reason(stop: &NotModelled) -> String {
    format!("the lab stopped at line {} ({})", stop.line, stop.reason)
}

type Outcome<T> = Result<T, String>;

/// Simulates `code`; a syntax error is the only failure.
pub fn simulate(code: &str) -> Result<Simulation, pysource::SyntaxError> {
    let source = Source::parse(code)?;
    Ok(simulate_parsed(&source, &source.module()))
}

/// Simulates code already parsed, with `module` read from `source` (the page has both).
pub fn simulate_parsed(source: &Source, module: &Module) -> Simulation {
    let statements = source.statements();
    let bodies = source.function_bodies();
    let mut run = Run { module, bodies: &bodies, world: World::default(), events: Vec::new(), printed: Vec::new() };
    let mut simulation = Simulation { steps: Vec::new(), output: Vec::new(), not_modelled: None };
    for statement in &statements {
        if matches!(statement.kind, StatementKind::Import | StatementKind::Definition { .. }) {
            continue;
        }
        run.world.frames.push(Vec::new());
        let result = run.statement(statement);
        let temporaries = run.world.frames.pop().unwrap_or_default();
        let result = result.and_then(|()| temporaries.iter().try_for_each(|(_, v)| run.released(v)));
        if let Err(reason) = result {
            simulation.output.append(&mut run.printed);
            simulation.not_modelled = Some(NotModelled { line: statement.line, text: statement.text.clone(), reason });
            return simulation;
        }
        simulation.steps.push(run.step(Some(statement.line), statement.text.clone(), &mut simulation.output));
    }
    let exit = run.exit();
    let step = run.step(None, "interpreter exit".into(), &mut simulation.output);
    simulation.steps.push(step);
    if let Err(reason) = exit {
        simulation.not_modelled = Some(NotModelled {
            line: statements.last().map_or(1, |s| s.line),
            text: "interpreter exit".into(),
            reason,
        });
    }
    simulation
}

struct Run<'m> {
    module: &'m Module,
    bodies: &'m [FunctionBody],
    world: World,
    events: Vec<String>,
    printed: Vec<String>,
}

/// How deep calls may nest before the simulation stops (recursion is not modelled).
const MAX_CALL_DEPTH: usize = 64;

/// How many finalizers the exit hook's callbacks may register before the simulation stops.
const MAX_EXIT_REGISTRATIONS: usize = 100;

/// The longest string an f-string may build before the simulation stops.
const MAX_STR_BYTES: usize = 1 << 20;

/// The running function's frame, an index into `World::frames`; None at module level.
type Frame = Option<usize>;

impl Run<'_> {
    fn step(&mut self, line: Option<usize>, text: String, output: &mut Vec<String>) -> Step {
        output.extend(self.printed.iter().cloned());
        let waiting = self.world.unreachable();
        let objects = (0..self.world.objs.len())
            .filter(|i| !self.world.objs[*i].freed)
            .map(|i| {
                let holders = self.world.holders(i);
                ObjectView {
                    label: self.world.objs[i].label.clone(),
                    refcount: holders.len(),
                    referrers: holders.iter().map(|h| self.holder_name(h)).collect(),
                    finalizer_alive: self.world.fins.iter().rev().find(|f| f.owner == i).map(|f| f.alive),
                    waiting_for_gc: waiting.contains(&i),
                    pinned_by_finalizer: holders
                        .iter()
                        .any(|h| matches!(h, Holder::Finalizer(f) if self.world.fins[*f].owner == i)),
                }
            })
            .collect();
        Step {
            line,
            text,
            events: std::mem::take(&mut self.events),
            printed: std::mem::take(&mut self.printed),
            objects,
        }
    }

    fn holder_name(&self, holder: &Holder) -> String {
        match holder {
            Holder::Global(name) => name.clone(),
            Holder::Attr(obj, attr) => format!("{}.{attr}", self.world.objs[*obj].label),
            Holder::Finalizer(fin) => {
                format!("the finalizer of {}", self.world.objs[self.world.fins[*fin].owner].label)
            }
            Holder::Frame => "a temporary".into(),
        }
    }

    fn statement(&mut self, statement: &Statement) -> Outcome<()> {
        match &statement.kind {
            StatementKind::Assign { targets, value } => {
                let value = self.eval(value, None)?;
                self.hold(&value);
                for target in targets {
                    self.assign(target, value.clone(), None)?;
                }
                Ok(())
            }
            StatementKind::Delete { targets } => targets.iter().try_for_each(|t| self.delete(t)),
            StatementKind::Expr { value } => {
                let value = self.eval(value, None)?;
                self.hold(&value);
                Ok(())
            }
            _ if statement.text.trim() == "pass" => Ok(()),
            _ => Err("this kind of statement is not modelled".into()),
        }
    }

    /// Keeps a value alive until the end of the statement, as the interpreter's stack does.
    fn hold(&mut self, value: &Val) {
        if let Some(frame) = self.world.frames.last_mut() {
            frame.push((String::new(), value.clone()));
        }
    }

    fn assign(&mut self, target: &Expression, value: Val, frame: Frame) -> Outcome<()> {
        match target {
            Expression::Name { id } => {
                let slot = match frame {
                    Some(f) => &mut self.world.frames[f],
                    None => &mut self.world.globals,
                };
                let old = match slot.iter_mut().find(|(n, _)| n == id) {
                    Some((_, v)) => Some(std::mem::replace(v, value)),
                    None => {
                        slot.push((id.clone(), value));
                        None
                    }
                };
                if let Some(old) = old {
                    self.released(&old)?;
                }
                Ok(())
            }
            Expression::Attribute { value: base, attr } => match self.eval(base, frame)? {
                Val::Obj(obj) => {
                    let attrs = &mut self.world.objs[obj].attrs;
                    let old = match attrs.iter_mut().find(|(n, _)| n == attr) {
                        Some((_, v)) => Some(std::mem::replace(v, value)),
                        None => {
                            attrs.push((attr.clone(), value));
                            None
                        }
                    };
                    if let Some(old) = old {
                        self.released(&old)?;
                    }
                    Ok(())
                }
                Val::Fin(fin) if attr == "atexit" => {
                    let Val::Bool(flag) = value else { return Err("atexit set to a non-bool is not modelled".into()) };
                    self.world.fins[fin].atexit = flag;
                    Ok(())
                }
                _ => Err(format!("setting `.{attr}` on that is not modelled")),
            },
            _ => Err("this assignment target is not modelled".into()),
        }
    }

    fn delete(&mut self, target: &Expression) -> Outcome<()> {
        match target {
            Expression::Name { id } => {
                let index = self
                    .world
                    .globals
                    .iter()
                    .position(|(n, _)| n == id)
                    .ok_or_else(|| format!("NameError: name '{id}' is not defined"))?;
                let (_, old) = self.world.globals.remove(index);
                self.released(&old)
            }
            Expression::Attribute { value, attr } => match self.eval(value, None)? {
                Val::Obj(obj) => {
                    let attrs = &mut self.world.objs[obj].attrs;
                    let index =
                        attrs.iter().position(|(n, _)| n == attr).ok_or_else(|| format!("AttributeError: {attr}"))?;
                    let (_, old) = attrs.remove(index);
                    self.released(&old)
                }
                _ => Err("deleting that attribute is not modelled".into()),
            },
            _ => Err("this del target is not modelled".into()),
        }
    }

    /// A reference to `value` went away: free what nothing refers to any more.
    fn released(&mut self, value: &Val) -> Outcome<()> {
        let Some(obj) = referents(value) else { return Ok(()) };
        if self.world.objs[obj].freed || !self.world.holders(obj).is_empty() {
            return Ok(());
        }
        let label = self.world.objs[obj].label.clone();
        self.events.push(format!("{label}: refcount 0, freed"));
        // Deallocation clears weak references first (their callbacks run, newest first), then
        // the instance's attributes.
        for fin in (0..self.world.fins.len()).rev() {
            if self.world.fins[fin].owner == obj && self.world.fins[fin].alive {
                self.fire(fin, "the object was freed")?;
            }
        }
        self.world.objs[obj].freed = true;
        let attrs = std::mem::take(&mut self.world.objs[obj].attrs);
        attrs.iter().try_for_each(|(_, v)| self.released(v))
    }

    /// Calls a finalizer: its callback runs once, then it lets go of the callback and arguments.
    fn fire(&mut self, fin: usize, why: &str) -> Outcome<Val> {
        let label = self.world.objs[self.world.fins[fin].owner].label.clone();
        if !self.world.fins[fin].alive {
            self.events.push(format!("the finalizer of {label} is dead: nothing runs"));
            return Ok(Val::None);
        }
        self.world.fins[fin].alive = false;
        self.events.push(format!("the finalizer of {label} runs ({why})"));
        let Fin { func, args, .. } = &self.world.fins[fin];
        let (func, args) = (func.clone(), args.clone());
        // The finalizer lets go of them only when the callback returns.
        self.world
            .frames
            .push(std::iter::once(func.clone()).chain(args.iter().cloned()).map(|v| (String::new(), v)).collect());
        let result = self.call(&func, args.clone());
        self.world.frames.pop();
        let result = result?;
        std::iter::once(&func).chain(&args).try_for_each(|v| self.released(v))?;
        Ok(result)
    }

    fn collect(&mut self) -> Outcome<()> {
        let unreachable = self.world.unreachable();
        if unreachable.is_empty() {
            self.events.push("gc.collect() finds nothing unreachable".into());
            return Ok(());
        }
        let labels: Vec<String> = unreachable.iter().map(|i| self.world.objs[*i].label.clone()).collect();
        self.events.push(format!("gc.collect() frees the unreachable {}", labels.join(", ")));
        for &obj in &unreachable {
            for fin in (0..self.world.fins.len()).rev() {
                if self.world.fins[fin].owner == obj && self.world.fins[fin].alive {
                    self.fire(fin, "collected by gc.collect()")?;
                }
            }
        }
        let mut dropped = Vec::new();
        for &obj in &unreachable {
            self.world.objs[obj].freed = true;
            dropped.extend(std::mem::take(&mut self.world.objs[obj].attrs).into_iter().map(|(_, v)| v));
        }
        dropped.iter().try_for_each(|v| self.released(v))
    }

    /// `weakref.finalize`'s atexit hook: alive finalizers with atexit=True, newest first.
    fn exit(&mut self) -> Outcome<()> {
        let registered_before = self.world.fins.len();
        while let Some(fin) =
            (0..self.world.fins.len()).rev().find(|f| self.world.fins[*f].alive && self.world.fins[*f].atexit)
        {
            if self.world.fins.len() - registered_before > MAX_EXIT_REGISTRATIONS {
                // The hook picks up finalizers registered while it runs: callbacks that register
                // new ones keep CPython's exit running for ever, and the model with it.
                return Err(format!(
                    "more than {MAX_EXIT_REGISTRATIONS} finalizers registered by the exit hook's own callbacks are not modelled"
                ));
            }
            self.fire(fin, "at interpreter exit")?;
        }
        for fin in self.world.fins.iter().filter(|f| f.alive) {
            self.events
                .push(format!("the finalizer of {} never runs (atexit=False)", self.world.objs[fin.owner].label));
        }
        Ok(())
    }

    fn eval(&mut self, expr: &Expression, frame: Frame) -> Outcome<Val> {
        match expr {
            Expression::Literal { literal } => Ok(match literal {
                Literal::Int(i) => Val::Int(*i),
                Literal::Float(f) => Val::Float(*f),
                Literal::Str(s) => Val::Str(s.clone()),
                Literal::Bool(b) => Val::Bool(*b),
                Literal::None => Val::None,
                Literal::Ellipsis => return Err("Ellipsis is not modelled".into()),
            }),
            Expression::FString { parts } => {
                let mut text = String::new();
                for part in parts {
                    match part {
                        FStringPart::Text { text: t } => text.push_str(t),
                        FStringPart::Field { value, repr } => {
                            let value = self.eval(value, frame)?;
                            text.push_str(&if *repr { repr_of(&value)? } else { str_of(&value)? });
                        }
                    }
                    if text.len() > MAX_STR_BYTES {
                        // A repr inside an f-string can double a string's length (its
                        // backslashes) at every level of a recursion: stop before the model's
                        // time and memory go.
                        return Err(format!("strings longer than {MAX_STR_BYTES} bytes are not modelled"));
                    }
                }
                Ok(Val::Str(text))
            }
            Expression::Name { id } => {
                let local = frame.and_then(|f| self.world.frames[f].iter().find(|(n, _)| n == id));
                if let Some(val) = local.map(|(_, v)| v.clone()) {
                    return Ok(val);
                }
                if let Some(val) = self.world.global(id) {
                    return Ok(val.clone());
                }
                if self.module.class(id).is_some() {
                    return Ok(Val::Class(id.clone()));
                }
                if self.module.function(id).is_some() {
                    return Ok(Val::Func(id.clone()));
                }
                match id.as_str() {
                    "print" => Ok(Val::Print),
                    _ => Err(format!("the name `{id}` is not modelled")),
                }
            }
            Expression::Attribute { value, attr } => {
                let base = self.eval(value, frame)?;
                self.attribute(&base, attr)
            }
            Expression::Call { func, args, keywords } => {
                if !keywords.is_empty() {
                    return Err("keyword arguments are not modelled".into());
                }
                match func.dotted().as_deref() {
                    Some("gc.collect") => {
                        if !args.is_empty() {
                            return Err("gc.collect(generation) is not modelled".into());
                        }
                        self.collect()?;
                        return Ok(Val::Opaque("the number gc.collect() returns"));
                    }
                    Some("weakref.finalize") => {
                        let mut values = Vec::new();
                        for arg in args {
                            values.push(self.eval(arg, frame)?);
                        }
                        let Some((Val::Obj(owner), rest)) = values.split_first().map(|(o, r)| (o.clone(), r)) else {
                            return Err("weakref.finalize of something other than an instance is not modelled".into());
                        };
                        let Some((func, args)) = rest.split_first() else {
                            return Err("weakref.finalize needs a callback".into());
                        };
                        self.world.fins.push(Fin {
                            owner,
                            func: func.clone(),
                            args: args.to_vec(),
                            alive: true,
                            atexit: true,
                        });
                        self.events.push(format!("a finalizer now watches {}", self.world.objs[owner].label));
                        return Ok(Val::Fin(self.world.fins.len() - 1));
                    }
                    _ => {}
                }
                let func = self.eval(func, frame)?;
                self.hold(&func);
                let mut values = Vec::new();
                for arg in args {
                    let value = self.eval(arg, frame)?;
                    self.hold(&value);
                    values.push(value);
                }
                self.call(&func, values)
            }
            _ => Err("this expression is not modelled".into()),
        }
    }

    fn attribute(&mut self, base: &Val, attr: &str) -> Outcome<Val> {
        match base {
            Val::Obj(obj) => {
                if let Some((_, val)) = self.world.objs[*obj].attrs.iter().find(|(n, _)| n == attr) {
                    return Ok(val.clone());
                }
                let class = self.world.objs[*obj].class.clone();
                let member = self
                    .module
                    .class(&class)
                    .and_then(|c| self.module.members_of(c).into_iter().find(|m| m.member.name == attr));
                match member.map(|m| (&m.member.kind, m.owner.name.clone())) {
                    Some((MemberKind::Method(_), owner)) => Ok(Val::Bound(*obj, format!("{owner}.{attr}"))),
                    Some((MemberKind::Property { .. }, owner)) => {
                        self.run_body(&format!("{owner}.{attr}"), vec![Val::Obj(*obj)])
                    }
                    _ => Err(format!("AttributeError: '{class}' object has no attribute '{attr}'")),
                }
            }
            Val::Fin(fin) => match attr {
                "alive" => Ok(Val::Bool(self.world.fins[*fin].alive)),
                "atexit" => Ok(Val::Bool(self.world.fins[*fin].atexit)),
                _ => Err(format!("finalize.{attr} is not modelled")),
            },
            _ => Err(format!("`.{attr}` on this value is not modelled")),
        }
    }

    fn call(&mut self, func: &Val, args: Vec<Val>) -> Outcome<Val> {
        match func {
            Val::Print => {
                let shown = args.iter().map(str_of).collect::<Outcome<Vec<_>>>()?;
                let text = shown.join(" ");
                self.printed.extend(text.split('\n').map(str::to_owned));
                Ok(Val::None)
            }
            Val::Fin(fin) => self.fire(*fin, "called"),
            Val::Bound(obj, qualname) => {
                let mut all = vec![Val::Obj(*obj)];
                all.extend(args);
                self.run_body(qualname, all)
            }
            Val::Func(name) => self.run_body(name, args),
            Val::Class(name) => self.instantiate(name, args),
            _ => Err("calling this value is not modelled".into()),
        }
    }

    fn instantiate(&mut self, class: &str, args: Vec<Val>) -> Outcome<Val> {
        let model = self.module.class(class).ok_or_else(|| format!("the class `{class}` is not modelled"))?;
        let members = self.module.members_of(model);
        if members.iter().any(|m| m.member.name == "__del__") {
            return Err(format!("{class} defines __del__, which is not modelled"));
        }
        let shown = args.iter().map(repr_of).collect::<Outcome<Vec<_>>>()?.join(", ");
        let mut label = format!("{class}({shown})");
        let twins =
            self.world.objs.iter().filter(|o| o.label == label || o.label.starts_with(&format!("{label} #"))).count();
        if twins > 0 {
            label = format!("{label} #{}", twins + 1);
        }
        self.world.objs.push(Obj { class: class.to_owned(), label: label.clone(), attrs: Vec::new(), freed: false });
        let obj = self.world.objs.len() - 1;
        // The new object lives on the caller's stack until it is bound or dropped.
        self.hold(&Val::Obj(obj));
        self.events.push(format!("{label} created"));
        let init = members.iter().find(|m| m.member.name == "__init__").map(|m| format!("{}.__init__", m.owner.name));
        match init {
            Some(init) => {
                let mut all = vec![Val::Obj(obj)];
                all.extend(args);
                self.run_body(&init, all)?;
            }
            None if !args.is_empty() => return Err(format!("TypeError: {class}() takes no arguments")),
            None => {}
        }
        Ok(Val::Obj(obj))
    }

    /// Runs a function or method body with `args` bound to its parameters; returns its value.
    fn run_body(&mut self, qualname: &str, args: Vec<Val>) -> Outcome<Val> {
        let body = self
            .bodies
            .iter()
            .find(|b| b.qualname == qualname)
            .ok_or_else(|| format!("`{qualname}` is not modelled"))?;
        if self.world.frames.len() > MAX_CALL_DEPTH {
            // CPython would go on to its recursion limit and raise RecursionError; following
            // it that far would take the model's own stack and time (the page's is small).
            return Err(format!("calls nested more than {MAX_CALL_DEPTH} deep (as in `{qualname}`) are not modelled"));
        }
        if body.params.len() != args.len() {
            return Err(format!("calling `{qualname}` with {} arguments is not modelled", args.len()));
        }
        self.world.frames.push(body.params.iter().cloned().zip(args).collect());
        let frame = self.world.frames.len() - 1;
        let result = self.run_statements(&body.statements, frame);
        let locals = self.world.frames.pop().unwrap_or_default();
        let result = result?;
        // The caller holds the result; the frame's locals go when it returns.
        self.hold(&result);
        locals.iter().try_for_each(|(_, v)| self.released(v))?;
        Ok(result)
    }

    fn run_statements(&mut self, statements: &[Statement], frame: usize) -> Outcome<Val> {
        for (index, statement) in statements.iter().enumerate() {
            match &statement.kind {
                // A docstring.
                StatementKind::Expr { value: Expression::Literal { literal: Literal::Str(_) } } if index == 0 => {}
                StatementKind::Expr { value } => {
                    let value = self.eval(value, Some(frame))?;
                    self.hold(&value);
                }
                StatementKind::Assign { targets, value } => {
                    let value = self.eval(value, Some(frame))?;
                    for target in targets {
                        self.assign(target, value.clone(), Some(frame))?;
                    }
                }
                StatementKind::Return { value } => {
                    return match value {
                        Some(value) => self.eval(value, Some(frame)),
                        None => Ok(Val::None),
                    };
                }
                _ if statement.text.trim() == "pass" => {}
                _ => {
                    return Err(format!(
                        "`{}` inside a function is not modelled",
                        statement.text.lines().next().unwrap_or_default()
                    ))
                }
            }
        }
        Ok(Val::None)
    }
}

/// `str(value)`.
fn str_of(value: &Val) -> Outcome<String> {
    match value {
        Val::Str(s) => Ok(s.clone()),
        other => repr_of(other),
    }
}

/// `repr(value)`, for the values whose repr has no address in it.
fn repr_of(value: &Val) -> Outcome<String> {
    Ok(match value {
        Val::None => "None".into(),
        Val::Bool(true) => "True".into(),
        Val::Bool(false) => "False".into(),
        Val::Int(i) => i.to_string(),
        Val::Float(f) => pysource::float_repr(*f),
        Val::Str(s) => pysource::str_repr(s),
        Val::Opaque(what) => return Err(format!("printing {what} is not modelled")),
        _ => return Err("printing an object's repr (it shows a memory address) is not modelled".into()),
    })
}
