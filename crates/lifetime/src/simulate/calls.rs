//! The TypeError of a call whose arguments do not bind to the function's parameters, with
//! CPython's message (`initialize_locals` in `ceval.c`): the keyword arguments are checked in
//! the call's order first (one naming a positional-only parameter, where no `**kwargs` takes
//! it, is reported with all such), then the number of positional arguments, then the missing
//! positional parameters, then the missing keyword-only ones. From 3.13 an unexpected keyword
//! gets a suggestion, the nearest parameter name by CPython's Levenshtein distance
//! (`Python/suggestions.c`, in [`lab::suggest`]).

use pysource::FunctionBody;

use crate::world::{referents, Val};

use super::{throw, Outcome, Run, Stop};

impl Run<'_> {
    /// Nothing when `args` (positional, `self` first for a method) and `keywords` bind to the
    /// parameters of `body`, a function or method called directly; else CPython's TypeError,
    /// raised in the caller once the failed call let go of its arguments as `initialize_locals`
    /// and the frame's clearing do: the surplus positional arguments, then the keyword
    /// arguments from the one that failed on, then the parameters filled, in their order (the
    /// reverse from 3.14), then the function (a closure only the call holds). A function with `*args` or `**kwargs` whose failure frees an
    /// argument, or one `functools.wraps` renamed, is declined. Kept out of
    /// [`Run::run_function`], whose stack frame every nested call repeats.
    #[inline(never)]
    pub(super) fn refuse_call_binding(
        &mut self,
        body: &FunctionBody,
        args: &[Val],
        keywords: &[(String, Val)],
        function: Option<&Val>,
    ) -> Outcome<()> {
        let names: Vec<&str> = keywords.iter().map(|(name, _)| name.as_str()).collect();
        let Some(refusal) = binding_error(body, args.len(), &names, self.minor) else { return Ok(()) };
        if self.renamed_by_wraps(function) {
            return Err(not_modelled!(
                "the TypeError of a call of `{}`, which functools.wraps renamed, is not modelled",
                body.qualname
            ));
        }
        let everything = args.iter().chain(keywords.iter().map(|(_, value)| value)).chain(function);
        let dying = everything.into_iter().find(|value| self.only_the_call_holds(value));
        // The frame lets go of the function after the arguments.
        let dying_function = function.filter(|f| self.only_the_call_holds(f)).cloned();
        if let Some(value) = dying {
            if body.varargs.is_some() || body.kwargs.is_some() {
                return Err(not_modelled!(
                    "the failing call of `{}` (TypeError) letting go of {}, which only the call holds, is not modelled",
                    body.qualname,
                    self.describe(value)
                ));
            }
        }
        let failed = refusal.failed_keyword.unwrap_or(keywords.len());
        let mut order: Vec<Val> = args.iter().skip(body.positional).cloned().collect();
        order.extend(keywords[failed..].iter().map(|(_, value)| value.clone()));
        let mut slots: Vec<Option<Val>> = vec![None; body.params.len()];
        for (slot, arg) in slots.iter_mut().zip(args.iter().take(body.positional)) {
            *slot = Some(arg.clone());
        }
        for (name, value) in &keywords[..failed] {
            if let Some(index) = body.params.iter().skip(body.positional_only).position(|p| p == name) {
                slots[body.positional_only + index] = Some(value.clone());
            }
        }
        let mut frame: Vec<Val> = slots.into_iter().flatten().collect();
        if self.minor >= 14 {
            frame.reverse();
        }
        order.extend(frame);
        if let Some(function) = dying_function {
            self.unhold(&function);
            order.push(function);
        }
        self.release_in_turn(order.into_iter().map(|value| (String::new(), value)).collect())?;
        Err(throw("TypeError", &refusal.message))
    }

    /// Nothing when `args` and `keywords` bind to the parameters of `init`, the `__init__` of
    /// a new instance of `class`, after the instance; else CPython's TypeError, raised once the
    /// call let go of the instance (whose `__del__` is declined), then of the arguments on the
    /// caller's stack, first to last (last to first from 3.14). Kept out of
    /// [`Run::instantiate_with`], whose stack frame every nested call repeats.
    #[inline(never)]
    pub(super) fn refuse_init_binding(
        &mut self,
        class: &str,
        instance: &Val,
        init: &str,
        args: &[Val],
        keywords: &[(String, Val)],
    ) -> Outcome<()> {
        let Some(body) = self.body(init) else { return Ok(()) };
        let names: Vec<&str> = keywords.iter().map(|(name, _)| name.as_str()).collect();
        let Some(refusal) = binding_error(body, 1 + args.len(), &names, self.minor) else { return Ok(()) };
        Err(self.failed_instantiation(class, instance, args, keywords, &refusal.message))
    }

    /// The TypeError of a call with arguments of `class`, which has no `__init__`, once the
    /// call let go of the new instance and its arguments.
    #[inline(never)]
    pub(super) fn takes_no_arguments(
        &mut self,
        class: &str,
        instance: &Val,
        args: &[Val],
        keywords: &[(String, Val)],
    ) -> Stop {
        self.failed_instantiation(class, instance, args, keywords, &format!("{class}() takes no arguments"))
    }

    fn failed_instantiation(
        &mut self,
        class: &str,
        instance: &Val,
        args: &[Val],
        keywords: &[(String, Val)],
        message: &str,
    ) -> Stop {
        if self.defines(class, &["__del__"]) {
            return not_modelled!(
                "the `__del__` of a `{class}` whose `__init__` the call's arguments do not fit (TypeError) is not modelled"
            );
        }
        let mut order: Vec<Val> = args.iter().chain(keywords.iter().map(|(_, value)| value)).cloned().collect();
        if self.minor >= 14 {
            order.reverse();
        }
        order.insert(0, instance.clone());
        order.iter().for_each(|value| self.unhold(value));
        match self.release_in_turn(order.into_iter().map(|value| (String::new(), value)).collect()) {
            Ok(()) => throw("TypeError", message),
            Err(stop) => stop,
        }
    }

    /// Nothing but the running statement's stack holds `value`'s object.
    pub(super) fn only_the_call_holds(&self, value: &Val) -> bool {
        let Some(obj) = referents(value) else { return false };
        let holders = self.world.all_holders();
        let on_stack = self
            .world
            .frames
            .last()
            .map_or(0, |frame| frame.iter().filter(|(n, v)| n.is_empty() && referents(v) == Some(obj)).count());
        holders[obj].len() <= on_stack
    }
}

/// Why a call does not bind: CPython's message, and the keyword argument that failed, if one did.
struct Refusal {
    message: String,
    failed_keyword: Option<usize>,
}

/// Why a call of `body` with `given` positional arguments and keyword arguments named
/// `keywords` (in the call's order) does not bind, or None when it does.
fn binding_error(body: &FunctionBody, given: usize, keywords: &[&str], minor: u8) -> Option<Refusal> {
    let qualname = &*super::public_qualname(&body.qualname);
    let params = &body.params;
    let mut filled = vec![false; params.len()];
    filled.iter_mut().take(given.min(body.positional)).for_each(|f| *f = true);
    for (position, keyword) in keywords.iter().enumerate() {
        let failed = |message: String| Some(Refusal { message, failed_keyword: Some(position) });
        match params.iter().skip(body.positional_only).position(|p| p == keyword) {
            Some(offset) if filled[body.positional_only + offset] => {
                return failed(format!("{qualname}() got multiple values for argument '{keyword}'"));
            }
            Some(offset) => filled[body.positional_only + offset] = true,
            None if body.kwargs.is_some() => {}
            None => {
                let passed_by_keyword: Vec<&str> = params[..body.positional_only]
                    .iter()
                    .map(String::as_str)
                    .filter(|p| keywords.contains(p))
                    .collect();
                if !passed_by_keyword.is_empty() {
                    return failed(format!(
                        "{qualname}() got some positional-only arguments passed as keyword arguments: '{}'",
                        passed_by_keyword.join(", ")
                    ));
                }
                let candidates = &params[body.positional_only..];
                let suggestion =
                    if minor >= 13 { lab::suggest(keyword, candidates.iter().map(String::as_str)) } else { None };
                return failed(match suggestion {
                    Some(near) => {
                        format!("{qualname}() got an unexpected keyword argument '{keyword}'. Did you mean '{near}'?")
                    }
                    None => format!("{qualname}() got an unexpected keyword argument '{keyword}'"),
                });
            }
        }
    }
    let defaults = body.defaults[..body.positional].iter().filter(|d| d.is_some()).count();
    if given > body.positional && body.varargs.is_none() {
        let takes = match defaults {
            0 => format!("{} positional argument{}", body.positional, plural(body.positional)),
            _ => format!("from {} to {} positional arguments", body.positional - defaults, body.positional),
        };
        let keyword_only = filled[body.positional..].iter().filter(|f| **f).count();
        let given_text = match keyword_only {
            0 => format!("{given} {}", if given == 1 { "was" } else { "were" }),
            _ => format!(
                "{given} positional argument{} (and {keyword_only} keyword-only argument{}) were",
                plural(given),
                plural(keyword_only)
            ),
        };
        return Some(Refusal {
            message: format!("{qualname}() takes {takes} but {given_text} given"),
            failed_keyword: None,
        });
    }
    let required = body.positional - defaults;
    let missing: Vec<&String> = (0..required).filter(|i| !filled[*i]).map(|i| &params[i]).collect();
    if !missing.is_empty() {
        return Some(Refusal { message: missing_message(qualname, "positional", &missing), failed_keyword: None });
    }
    let missing: Vec<&String> = (body.positional..params.len())
        .filter(|i| !filled[*i] && body.defaults[*i].is_none())
        .map(|i| &params[i])
        .collect();
    if !missing.is_empty() {
        return Some(Refusal { message: missing_message(qualname, "keyword-only", &missing), failed_keyword: None });
    }
    None
}

fn plural(count: usize) -> &'static str {
    if count == 1 {
        ""
    } else {
        "s"
    }
}

/// `f() missing 2 required positional arguments: 'a' and 'b'` (`format_missing`).
fn missing_message(qualname: &str, kind: &str, names: &[&String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    let listed = match quoted.as_slice() {
        [one] => one.clone(),
        [first, second] => format!("{first} and {second}"),
        [head @ .., last] => format!("{}, and {last}", head.join(", ")),
        [] => String::new(),
    };
    format!("{qualname}() missing {} required {kind} argument{}: {listed}", names.len(), plural(names.len()))
}
