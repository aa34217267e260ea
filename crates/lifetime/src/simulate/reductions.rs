//! `min`, `max`, `sum`, `any` and `all`: built-ins that walk an iterable to one value, as
//! `bltinmodule.c` does. Each holds the item it is looking at (and `min`/`max` the best so far
//! and its key) and lets go of them in CPython's order: a better item replaces the best's key,
//! then the best; a worse one goes, then its key. `any` and `all` stop at the first item that
//! decides, leaving a generator suspended (the call's argument holds it until the call
//! returns). The iterator's own references live in a frame of their own, let go of before the
//! call returns; the results come back held as temporaries.

use crate::world::Val;

use super::{number, throw, Outcome, Run, Stop};

/// The name of a value's type in CPython's TypeErrors, for the values compared here.
fn type_name(value: &Val) -> Option<&'static str> {
    Some(match value {
        Val::Int(_) => "int",
        Val::Bool(_) => "bool",
        Val::Float(_) => "float",
        Val::Str(_) => "str",
        _ => return None,
    })
}

impl Run<'_> {
    /// `min(...)` or `max(...)`: of one iterable, or of several arguments; `key=` any callable
    /// the model calls, `default=` with one iterable.
    pub(super) fn min_max(&mut self, name: &'static str, args: &[Val], options: &[(String, Val)]) -> Outcome<Val> {
        let (mut key, mut default) = (None, None);
        for (option, value) in options {
            match option.as_str() {
                "key" if *value != Val::None => key = Some(value.clone()),
                "key" => {}
                "default" => default = Some(value.clone()),
                _ => return Err(not_modelled!("{name}()'s keyword `{option}` (a TypeError) is not modelled")),
            }
        }
        if args.is_empty() {
            return Err(throw("TypeError", &format!("{name} expected at least 1 argument, got 0")));
        }
        if args.len() > 1 && default.is_some() {
            return Err(throw(
                "TypeError",
                &format!("Cannot specify a default for {name}() with multiple positional arguments"),
            ));
        }
        let op = if name == "min" { "<" } else { ">" };
        self.world.frames.push(Vec::new());
        let walked = self.best_of(op, args, key.as_ref());
        let mut iterator = self.world.frames.pop().unwrap_or_default();
        if let Ok(Some(best)) = &walked {
            // The result goes to the caller: the iterator's frame no longer holds it.
            if let Some(at) = iterator.iter().rposition(|(n, v)| n.is_empty() && v == best) {
                iterator.remove(at);
            }
        }
        let result = match (self.let_go(iterator, walked)?, default) {
            (Some(best), _) => best,
            (None, Some(default)) => default,
            (None, None) if self.minor >= 12 => {
                return Err(throw("ValueError", &format!("{name}() iterable argument is empty")))
            }
            (None, None) => return Err(throw("ValueError", &format!("{name}() arg is an empty sequence"))),
        };
        self.hold(&result);
        Ok(result)
    }

    /// The best item, walking `args` as `min_max` does with the iterator's frame on top: it
    /// holds the best item when this returns.
    fn best_of(&mut self, op: &str, args: &[Val], key: Option<&Val>) -> Outcome<Option<Val>> {
        let holder = self.world.frames.len() - 1;
        let single = if let [iterable] = args { Some(iterable) } else { None };
        let mut cursor = match single {
            Some(iterable) => Some(self.cursor(iterable, holder)?),
            None => None,
        };
        let mut best: Option<(Val, Val)> = None;
        let mut index = 0;
        loop {
            let item = match (single, cursor.as_mut()) {
                (Some(iterable), Some(cursor)) => self.next_item(iterable, cursor)?,
                _ => args.get(index).cloned(),
            };
            index += 1;
            let Some(item) = item else { break };
            self.hold(&item);
            let value = match key {
                Some(key) => match self.call(key, vec![item.clone()]) {
                    Ok(value) => value,
                    Err(stop) => return self.best_failed(stop, &[item], best),
                },
                None => {
                    self.hold(&item);
                    item.clone()
                }
            };
            let Some((best_item, best_value)) = best.take() else {
                best = Some((item, value));
                continue;
            };
            match self.ordered(op, &value, &best_value) {
                Ok(true) => {
                    self.drop_temporary(&best_value)?;
                    self.drop_temporary(&best_item)?;
                    best = Some((item, value));
                }
                Ok(false) => {
                    self.drop_temporary(&item)?;
                    self.drop_temporary(&value)?;
                    best = Some((best_item, best_value));
                }
                Err(stop) => return self.best_failed(stop, &[value, item], Some((best_item, best_value))),
            }
        }
        let Some((item, value)) = best else { return Ok(None) };
        self.drop_temporary(&value)?;
        Ok(Some(item))
    }

    /// What `min`/`max` lets go of when an exception stops it, the exception made first: what
    /// it was looking at, then the best's key and the best.
    fn best_failed(&mut self, stop: Stop, looking_at: &[Val], best: Option<(Val, Val)>) -> Outcome<Option<Val>> {
        let stop = self.thrown(stop);
        if !matches!(stop, Stop::Raised(_)) {
            return Err(stop);
        }
        for value in looking_at {
            self.drop_temporary(value)?;
        }
        if let Some((item, value)) = best {
            self.drop_temporary(&value)?;
            self.drop_temporary(&item)?;
        }
        Err(stop)
    }

    /// `value op best` (`<` or `>`) as `PyObject_RichCompareBool` answers it, with CPython's
    /// TypeError between a string and a number.
    fn ordered(&mut self, op: &str, value: &Val, best: &Val) -> Outcome<bool> {
        if let (Some(left), Some(right)) = (type_name(value), type_name(best)) {
            if (left == "str") != (right == "str") {
                return Err(throw(
                    "TypeError",
                    &format!("'{op}' not supported between instances of '{left}' and '{right}'"),
                ));
            }
        }
        self.compare(op, value, best)
    }

    /// `sum(iterable, start)` of ints (and bools), CPython's fast path: each item goes as soon
    /// as it is added.
    pub(super) fn sum(&mut self, args: &[Val], options: &[(String, Val)]) -> Outcome<Val> {
        let (iterable, start) = match (args, options) {
            ([iterable], []) => (iterable, Val::Int(0)),
            ([iterable, start], []) => (iterable, start.clone()),
            ([iterable], [(name, start)]) if name == "start" => (iterable, start.clone()),
            _ => return Err("sum() with these arguments is not modelled".into()),
        };
        if matches!(start, Val::Str(_)) {
            return Err(throw("TypeError", "sum() can't sum strings [use ''.join(seq) instead]"));
        }
        let Some(mut total) = number(&start).filter(|_| !matches!(start, Val::Float(_))) else {
            return Err(not_modelled!("sum() starting from {} is not modelled", self.kind_name(&start)));
        };
        self.walk(iterable, |run, item| {
            let added = match &item {
                Val::Int(_) | Val::Bool(_) => number(&item).and_then(|n| total.checked_add(n)),
                Val::Str(_) => {
                    let error = throw("TypeError", "unsupported operand type(s) for +: 'int' and 'str'");
                    let stop = run.thrown(error);
                    run.drop_temporary(&item)?;
                    return Err(stop);
                }
                _ => None,
            };
            let Some(added) = added else {
                return Err(not_modelled!("sum() of {} is not modelled", run.kind_name(&item)));
            };
            total = added;
            run.drop_temporary(&item)?;
            Ok(None)
        })?;
        let result = Val::Int(total);
        self.hold(&result);
        Ok(result)
    }

    /// `any(iterable)` or `all(iterable)`: each item goes once its truth is known; the walk
    /// stops at the first that decides.
    pub(super) fn any_all(&mut self, name: &str, iterable: &Val) -> Outcome<Val> {
        let deciding = name == "any";
        let decided = self.walk(iterable, |run, item| {
            let truth = run.truth(&item)?;
            run.drop_temporary(&item)?;
            Ok((truth == deciding).then_some(Val::Bool(deciding)))
        })?;
        let result = decided.unwrap_or(Val::Bool(!deciding));
        self.hold(&result);
        Ok(result)
    }

    /// Walks `iterable` through an iterator of its own, which goes when the walk ends: `visit`
    /// gets each item, held as a temporary it lets go of, and may end the walk with a result.
    fn walk(
        &mut self,
        iterable: &Val,
        mut visit: impl FnMut(&mut Self, Val) -> Outcome<Option<Val>>,
    ) -> Outcome<Option<Val>> {
        self.world.frames.push(Vec::new());
        let holder = self.world.frames.len() - 1;
        let walked = (|| -> Outcome<Option<Val>> {
            let mut cursor = self.cursor(iterable, holder)?;
            while let Some(item) = self.next_item(iterable, &mut cursor)? {
                self.hold(&item);
                if let Some(result) = visit(self, item)? {
                    return Ok(Some(result));
                }
            }
            Ok(None)
        })();
        let iterator = self.world.frames.pop().unwrap_or_default();
        self.let_go(iterator, walked)
    }

    /// `abs(x)` and `divmod(a, b)` of ints; `divmod` makes a new tuple.
    pub(super) fn arithmetic(&mut self, name: &str, args: &[Val]) -> Outcome<Val> {
        let ints: Option<Vec<i64>> =
            args.iter().map(|a| if matches!(a, Val::Float(_)) { None } else { number(a) }).collect();
        let result = match (name, args, ints.as_deref()) {
            ("abs", [Val::Float(f)], _) => Val::Float(f.abs()),
            ("abs", _, Some([i])) => Val::Int(i.checked_abs().ok_or("integers beyond 64 bits are not modelled")?),
            ("abs", [value], None) if type_name(value) == Some("str") => {
                return Err(throw("TypeError", "bad operand type for abs(): 'str'"))
            }
            ("divmod", _, Some([_, 0])) => {
                return Err(not_modelled!("divmod() by zero (ZeroDivisionError) is not modelled"))
            }
            ("divmod", [a, b], Some([_, _])) => {
                let quotient = self.binary("//", a, b)?;
                let remainder = self.binary("%", a, b)?;
                Val::Obj(self.new_container("tuple", vec![quotient, remainder])?)
            }
            _ => return Err(not_modelled!("`{name}` with these arguments is not modelled")),
        };
        self.hold(&result);
        Ok(result)
    }
}
