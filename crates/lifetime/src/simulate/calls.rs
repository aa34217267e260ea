//! The TypeError of a call whose arguments do not bind to the function's parameters, with
//! CPython's message (`initialize_locals` in `ceval.c`): the keyword arguments are checked in
//! the call's order first (one naming a positional-only parameter, where no `**kwargs` takes
//! it, is reported with all such), then the number of positional arguments, then the missing
//! positional parameters, then the missing keyword-only ones. From 3.13 an unexpected keyword
//! gets a suggestion, the nearest parameter name by CPython's Levenshtein distance
//! (`Python/suggestions.c`).

use pysource::FunctionBody;

use crate::world::{referents, Val};

use super::{throw, Outcome, Run, Stop};

/// What a substitution or a move of one character costs, and a change of its case only.
const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;

/// Longer names (past their common ends) get no suggestion.
const MAX_STRING_SIZE: usize = 40;

impl Run<'_> {
    /// Nothing when `args` (positional, `self` first for a method), after `passed` arguments
    /// passed for it (the new instance `__init__` gets), and `keywords` bind to `body`'s
    /// parameters; else the TypeError CPython raises in the caller. A failing call lets go of
    /// its arguments at points and in an order that differ between versions, so one whose
    /// failure leaves an argument to nobody else is declined.
    fn refuse_binding(
        &self,
        body: &FunctionBody,
        passed: usize,
        args: &[Val],
        keywords: &[(String, Val)],
    ) -> Outcome<()> {
        let names: Vec<&str> = keywords.iter().map(|(name, _)| name.as_str()).collect();
        let Some(message) = binding_error(body, passed + args.len(), &names, self.minor) else { return Ok(()) };
        let values = args.iter().chain(keywords.iter().map(|(_, value)| value));
        if let Some(value) = values.into_iter().find(|value| self.only_the_call_holds(value)) {
            return Err(not_modelled!(
                "the failing call of `{}` (TypeError) letting go of {}, which only the call holds, is not modelled",
                body.qualname,
                self.describe(value)
            ));
        }
        Err(throw("TypeError", &message))
    }

    /// [`Run::refuse_binding`] for a call of `function` (a closure) or a module function; kept
    /// out of [`Run::run_function`], whose stack frame every nested call repeats.
    #[inline(never)]
    pub(super) fn refuse_call_binding(
        &self,
        body: &FunctionBody,
        args: &[Val],
        keywords: &[(String, Val)],
        function: Option<&Val>,
    ) -> Outcome<()> {
        match self.refuse_binding(body, 0, args, keywords) {
            Err(Stop::Throw(..)) if self.renamed_by_wraps(function) => Err(not_modelled!(
                "the TypeError of a call of `{}`, which functools.wraps renamed, is not modelled",
                body.qualname
            )),
            refused => refused,
        }
    }

    /// [`Run::refuse_binding`] for the `__init__` (`init`) of a new instance of `class`, which
    /// the failing call lets go of first: its `__del__` would run, which is declined. Kept out
    /// of [`Run::instantiate_with`], whose stack frame every nested call repeats.
    #[inline(never)]
    pub(super) fn refuse_init_binding(
        &self,
        class: &str,
        init: &str,
        args: &[Val],
        keywords: &[(String, Val)],
    ) -> Outcome<()> {
        let Some(body) = self.body(init) else { return Ok(()) };
        let refused = self.refuse_binding(body, 1, args, keywords);
        if refused.is_err() && self.defines(class, &["__del__"]) {
            return Err(not_modelled!(
                "the `__del__` of a `{class}` whose `__init__` the call's arguments do not fit (TypeError) is not modelled"
            ));
        }
        refused
    }

    /// The TypeError of a call with arguments of `class`, which has no `__init__`. The new
    /// instance goes first, its `__del__` would run, which is declined, and so is an argument
    /// only the call holds.
    #[inline(never)]
    pub(super) fn takes_no_arguments(&self, class: &str, args: &[Val], keywords: &[(String, Val)]) -> Stop {
        let mut values = args.iter().chain(keywords.iter().map(|(_, v)| v));
        if self.defines(class, &["__del__"]) || values.any(|v| self.only_the_call_holds(v)) {
            return not_modelled!("the objects a failing call `{class}(...)` (TypeError) lets go of are not modelled");
        }
        throw("TypeError", &format!("{class}() takes no arguments"))
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

/// CPython's TypeError message for a call of `body` with `given` positional arguments and
/// keyword arguments named `keywords` (in the call's order), or None when they bind.
fn binding_error(body: &FunctionBody, given: usize, keywords: &[&str], minor: u8) -> Option<String> {
    let qualname = &body.qualname;
    let params = &body.params;
    let mut filled = vec![false; params.len()];
    filled.iter_mut().take(given.min(body.positional)).for_each(|f| *f = true);
    for keyword in keywords {
        match params.iter().skip(body.positional_only).position(|p| p == keyword) {
            Some(offset) if filled[body.positional_only + offset] => {
                return Some(format!("{qualname}() got multiple values for argument '{keyword}'"));
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
                    return Some(format!(
                        "{qualname}() got some positional-only arguments passed as keyword arguments: '{}'",
                        passed_by_keyword.join(", ")
                    ));
                }
                let candidates = &params[body.positional_only..];
                let suggestion = if minor >= 13 { suggestion(keyword, candidates) } else { None };
                return Some(match suggestion {
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
        return Some(format!("{qualname}() takes {takes} but {given_text} given"));
    }
    let required = body.positional - defaults;
    let missing: Vec<&String> = (0..required).filter(|i| !filled[*i]).map(|i| &params[i]).collect();
    if !missing.is_empty() {
        return Some(missing_message(qualname, "positional", &missing));
    }
    let missing: Vec<&String> = (body.positional..params.len())
        .filter(|i| !filled[*i] && body.defaults[*i].is_none())
        .map(|i| &params[i])
        .collect();
    if !missing.is_empty() {
        return Some(missing_message(qualname, "keyword-only", &missing));
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

/// The candidate nearest to `name`, if one is near enough (`calculate_suggestions`).
fn suggestion<'c>(name: &str, candidates: &'c [String]) -> Option<&'c str> {
    let mut best: Option<(&str, usize)> = None;
    for candidate in candidates.iter().filter(|c| *c != name) {
        // No more than a third of the characters involved may need to change, and a match
        // already beaten is not taken.
        let mut max_distance = (name.len() + candidate.len() + 3) * MOVE_COST / 6;
        if let Some((_, best_distance)) = best {
            max_distance = max_distance.min(best_distance.saturating_sub(1));
        }
        let distance = levenshtein(name.as_bytes(), candidate.as_bytes(), max_distance);
        if distance <= max_distance && best.is_none_or(|(_, best_distance)| distance < best_distance) {
            best = Some((candidate, distance));
        }
    }
    best.map(|(candidate, _)| candidate)
}

fn substitution_cost(a: u8, b: u8) -> usize {
    if a == b {
        0
    } else if a.eq_ignore_ascii_case(&b) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

/// CPython's `levenshtein_distance` on UTF-8 bytes: past `max_cost` it answers `max_cost + 1`.
fn levenshtein(a: &[u8], b: &[u8], max_cost: usize) -> usize {
    let common_prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[common_prefix..], &b[common_prefix..]);
    let common_suffix = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[..a.len() - common_suffix], &b[..b.len() - common_suffix]);
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max_cost + 1;
    }
    let (a, b) = if b.len() < a.len() { (b, a) } else { (a, b) };
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    // One row of the matrix, updated in place: the cost from b[..0] to a[..=i].
    let mut row: Vec<usize> = (1..=a.len()).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (b_index, &code) in b.iter().enumerate() {
        let mut distance = b_index * MOVE_COST;
        result = distance;
        let mut minimum = usize::MAX;
        for (index, &other) in a.iter().enumerate() {
            let substitute = distance + substitution_cost(code, other);
            distance = row[index];
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            row[index] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost + 1;
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What CPython 3.13 suggests for each (checked there).
    #[test]
    fn suggestions_are_cpythons() {
        let params = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        let cases: [(&str, &[&str], Option<&str>); 10] = [
            ("kk", &["self", "x", "k"], Some("k")),
            ("nmae", &["a", "b"], None),
            ("nmae", &["name"], None),
            ("naem", &["name"], None),
            ("Name", &["self", "name"], Some("name")),
            ("nme", &["name"], Some("name")),
            ("nam", &["name"], Some("name")),
            ("namee", &["name"], Some("name")),
            ("nmes", &["self", "name", "nam", "names"], Some("names")),
            ("c", &["a", "b"], None),
        ];
        for (keyword, candidates, expected) in cases {
            assert_eq!(suggestion(keyword, &params(candidates)), expected, "{keyword} among {candidates:?}");
        }
    }
}
