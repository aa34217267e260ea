use pysource::{MemberKind, Module, Param, ParamKind, Signature};
use serde_json::{Map, Value};

use crate::convert::convert;
use crate::suggestions::suggest;
use crate::{
    DispatchError, DispatchPrediction, Dispatcher, KeyWiring, Outcome, ParamSource, ParamWiring, Route, Wiring,
};
use lab::PYODIDE_PYTHON_MINOR;

/// Predicts the dispatch as Pyodide's CPython (the one the page runs) would do it.
pub fn predict(
    module: &Module,
    handler: &str,
    payload: &Value,
    dispatcher: Dispatcher,
) -> Result<DispatchPrediction, DispatchError> {
    predict_on(module, handler, payload, dispatcher, PYODIDE_PYTHON_MINOR)
}

/// Predicts the dispatch for CPython 3.`python_minor`: from 3.13 on, an unexpected keyword
/// argument error may end with `. Did you mean '...'?`.
pub fn predict_on(
    module: &Module,
    handler: &str,
    payload: &Value,
    dispatcher: Dispatcher,
    python_minor: u8,
) -> Result<DispatchPrediction, DispatchError> {
    let Value::Object(payload) = payload else { return Err(DispatchError::PayloadNotObject) };
    let target = resolve(module, handler)?;
    let call = match dispatcher {
        Dispatcher::Naive => naive_call(&target.signature, payload),
        Dispatcher::Strict => strict_call(&target.signature, payload),
    };
    let mut wiring = Wiring { keys: call.keys, params: Vec::new() };
    let dropped = sorted(wiring.keys.iter().filter(|k| k.route == Route::Dropped).map(|k| k.key.clone()));
    let failure = match call.refusal {
        Some(refusal) => Some(refusal),
        None => bind(&target, &call.positional, &call.keywords, python_minor, &mut wiring.params).err(),
    };
    let (outcome, arguments, defaulted) = match failure {
        Some(error) => {
            return Ok(DispatchPrediction {
                outcome: Outcome::Error,
                error: Some(error),
                arguments: None,
                defaulted: Vec::new(),
                dropped,
                qualname: target.qualname,
                wiring,
            })
        }
        None => {
            let arguments =
                wiring.params.iter().filter_map(|p| Some((p.name.clone(), p.value.clone()?))).collect::<Map<_, _>>();
            let defaulted =
                sorted(wiring.params.iter().filter(|p| p.source == ParamSource::Default).map(|p| p.name.clone()));
            (Outcome::Ok, Some(arguments), defaulted)
        }
    };
    Ok(DispatchPrediction { outcome, error: None, arguments, defaulted, dropped, qualname: target.qualname, wiring })
}

/// The callable the dispatcher inspects and calls.
struct Target {
    /// The name CPython puts in binding errors (`__qualname__` of the function that binds).
    qualname: String,
    /// The signature `inspect.signature` reports: receivers already bound.
    signature: Signature,
    /// The function's own signature, receiver included: CPython draws its suggestions from it.
    code_signature: Signature,
}

fn resolve(module: &Module, handler: &str) -> Result<Target, DispatchError> {
    let unknown = || DispatchError::UnknownHandler(handler.to_string());
    if let Some((class_name, method)) = handler.split_once('.') {
        let class = module.class(class_name).ok_or_else(unknown)?;
        let found = module.lookup(class, method).ok_or_else(unknown)?;
        let MemberKind::Method(function) = &found.member.kind else {
            return Err(DispatchError::Unsupported(format!("{handler} is not a method")));
        };
        check_plain(function, &["staticmethod", "classmethod"])?;
        return Ok(Target {
            qualname: format!("{}.{}", found.owner.name, function.name),
            signature: function.bound_signature(),
            code_signature: function.signature.clone(),
        });
    }
    if let Some(function) = module.function(handler) {
        check_plain(function, &[])?;
        return Ok(Target {
            qualname: function.name.clone(),
            signature: function.signature.clone(),
            code_signature: function.signature.clone(),
        });
    }
    let class = module.class(handler).ok_or_else(unknown)?;
    if module.lookup(class, "__new__").is_some() {
        return Err(DispatchError::Unsupported(format!("{handler} defines __new__")));
    }
    match module.lookup(class, "__init__") {
        Some(found) => {
            let MemberKind::Method(init) = &found.member.kind else {
                return Err(DispatchError::Unsupported(format!("{handler}.__init__ is not a method")));
            };
            check_plain(init, &[])?;
            Ok(Target {
                qualname: format!("{}.__init__", found.owner.name),
                signature: init.bound_signature(),
                code_signature: init.signature.clone(),
            })
        }
        // `object.__init__`: inspect.signature reports `()`, and the dispatcher never passes keys.
        None => Ok(Target {
            qualname: class.name.clone(),
            signature: Signature::default(),
            code_signature: Signature::default(),
        }),
    }
}

fn check_plain(function: &pysource::Function, allowed: &[&str]) -> Result<(), DispatchError> {
    if function.is_async {
        return Err(DispatchError::Unsupported(format!("{} is async", function.name)));
    }
    match function.decorators.iter().find(|d| !allowed.contains(&d.as_str())) {
        Some(decorator) => Err(DispatchError::Unsupported(format!(
            "{} is decorated with @{decorator}, which may change its signature",
            function.name
        ))),
        None => Ok(()),
    }
}

/// What the dispatcher hands to the call, or why it refused to call.
struct Call {
    positional: Vec<(String, Value)>,
    keywords: Vec<(String, Value)>,
    keys: Vec<KeyWiring>,
    refusal: Option<String>,
}

fn naive_call(signature: &Signature, payload: &Map<String, Value>) -> Call {
    let mut call = Call { positional: Vec::new(), keywords: Vec::new(), keys: Vec::new(), refusal: None };
    for (key, value) in payload {
        let var_keyword = signature.var_keyword();
        let (route, param) = match (signature.param(key), var_keyword) {
            (None, _) => (Route::Dropped, None),
            (Some(param), _) if matches!(param.kind, ParamKind::PositionalOrKeyword | ParamKind::KeywordOnly) => {
                (Route::Keyword, Some(param.name.clone()))
            }
            // Named like a positional-only or variadic parameter: the keyword lands in **kwargs.
            (Some(_), Some(var_keyword)) => (Route::ExtraKeyword, Some(var_keyword.name.clone())),
            (Some(param), None) => (Route::Keyword, Some(param.name.clone())),
        };
        if route != Route::Dropped {
            call.keywords.push((key.clone(), value.clone()));
        }
        call.keys.push(KeyWiring { key: key.clone(), route, param });
    }
    call
}

fn strict_call(signature: &Signature, payload: &Map<String, Value>) -> Call {
    let mut call = Call { positional: Vec::new(), keywords: Vec::new(), keys: Vec::new(), refusal: None };
    let var_keyword = signature.var_keyword();
    let named = |key: &str| signature.param(key).filter(|p| !is_variadic(p));
    let unknown = sorted(payload.keys().filter(|k| named(k).is_none() && var_keyword.is_none()).cloned());
    if !unknown.is_empty() {
        call.keys = payload
            .keys()
            .map(|key| match named(key) {
                Some(param) => KeyWiring { key: key.clone(), route: Route::Keyword, param: Some(param.name.clone()) },
                None => KeyWiring { key: key.clone(), route: Route::Rejected, param: None },
            })
            .collect();
        call.refusal = Some(format!("DispatchError: unknown payload keys {}", json_text(&unknown)));
        return call;
    }
    let mut gap: Option<&str> = None;
    for param in signature.params.iter().filter(|p| !is_variadic(p)) {
        let Some(value) = payload.get(&param.name) else {
            if param.kind == ParamKind::PositionalOnly {
                gap.get_or_insert(&param.name);
            }
            continue;
        };
        let value = match convert(param.annotation.as_deref(), value) {
            Ok(value) => value,
            Err(message) => {
                call.refusal = Some(format!("DispatchError: payload key {} {message}", json_text(&param.name)));
                break;
            }
        };
        if param.kind == ParamKind::PositionalOnly {
            if let Some(missing) = gap {
                call.refusal = Some(format!(
                    "DispatchError: positional-only parameter {} needs {} before it",
                    json_text(&param.name),
                    json_text(missing)
                ));
                break;
            }
            call.positional.push((param.name.clone(), value));
        } else {
            call.keywords.push((param.name.clone(), value));
        }
    }
    for key in payload.keys() {
        let wiring = match named(key) {
            Some(param) if param.kind == ParamKind::PositionalOnly => {
                KeyWiring { key: key.clone(), route: Route::Positional, param: Some(param.name.clone()) }
            }
            Some(param) => KeyWiring { key: key.clone(), route: Route::Keyword, param: Some(param.name.clone()) },
            None => {
                call.keywords.push((key.clone(), payload[key].clone()));
                KeyWiring { key: key.clone(), route: Route::ExtraKeyword, param: var_keyword.map(|p| p.name.clone()) }
            }
        };
        call.keys.push(wiring);
    }
    call
}

/// Binds the call as CPython's `initialize_locals` does, returning its TypeError line on failure.
/// The order of checks matters: keywords first (unknown / positional-only conflicts), then
/// missing positional parameters, then missing keyword-only ones.
fn bind(
    target: &Target,
    positional: &[(String, Value)],
    keywords: &[(String, Value)],
    python_minor: u8,
    wiring: &mut Vec<ParamWiring>,
) -> Result<(), String> {
    // Bind against the function's own parameters: a bound receiver (`self`, `cls`) is already
    // filled, so a `self=` keyword collides with it ("got multiple values").
    let params = &target.code_signature.params;
    let receivers = params.len() - target.signature.params.len();
    let qualname = &target.qualname;
    let mut values: Vec<Option<Value>> = vec![None; params.len()];
    for slot in values.iter_mut().take(receivers) {
        *slot = Some(Value::Null);
    }
    for (slot, (_, value)) in values.iter_mut().skip(receivers).zip(positional) {
        *slot = Some(value.clone());
    }
    let var_keyword = params.iter().position(|p| p.kind == ParamKind::VarKeyword);
    let keyword_able = |p: &Param| matches!(p.kind, ParamKind::PositionalOrKeyword | ParamKind::KeywordOnly);
    let mut extra = Map::new();
    for (name, value) in keywords {
        if let Some(index) = params.iter().position(|p| keyword_able(p) && &p.name == name) {
            if values[index].is_some() {
                return Err(format!("TypeError: {qualname}() got multiple values for argument '{name}'"));
            }
            values[index] = Some(value.clone());
            continue;
        }
        if var_keyword.is_some() {
            extra.insert(name.clone(), value.clone());
            continue;
        }
        let conflicts: Vec<&str> = params
            .iter()
            .filter(|p| p.kind == ParamKind::PositionalOnly && keywords.iter().any(|(k, _)| k == &p.name))
            .map(|p| p.name.as_str())
            .collect();
        if !conflicts.is_empty() {
            return Err(format!(
                "TypeError: {qualname}() got some positional-only arguments passed as keyword arguments: '{}'",
                conflicts.join(", ")
            ));
        }
        let mut message = format!("TypeError: {qualname}() got an unexpected keyword argument '{name}'");
        if python_minor >= 13 {
            let candidates: Vec<&str> = params
                .iter()
                .filter(|p| !is_variadic(p) && p.kind != ParamKind::PositionalOnly)
                .map(|p| p.name.as_str())
                .collect();
            if let Some(suggestion) = suggest(name, &candidates) {
                message.push_str(&format!(". Did you mean '{suggestion}'?"));
            }
        }
        return Err(message);
    }
    // The wiring is shown for a failing call too: which parameters are missing is the point.
    wiring.extend(params.iter().zip(&values).skip(receivers).map(|(param, value)| {
        let (source, value) = match (param.kind, value) {
            (ParamKind::VarPositional, _) => (ParamSource::Collected, Some(Value::Array(Vec::new()))),
            (ParamKind::VarKeyword, _) => (ParamSource::Collected, Some(Value::Object(extra.clone()))),
            (_, Some(value)) => (ParamSource::Payload, Some(value.clone())),
            (_, None) if param.default.is_some() => (ParamSource::Default, None),
            (_, None) => (ParamSource::Missing, None),
        };
        ParamWiring { name: param.name.clone(), kind: param.kind, source, value, default: param.default.clone() }
    }));
    let positional_params =
        params.iter().take_while(|p| matches!(p.kind, ParamKind::PositionalOnly | ParamKind::PositionalOrKeyword));
    let missing: Vec<&str> = positional_params
        .zip(&values)
        .filter(|(p, v)| p.default.is_none() && v.is_none())
        .map(|(p, _)| p.name.as_str())
        .collect();
    if !missing.is_empty() {
        return Err(missing_message(qualname, "positional", &missing));
    }
    let missing: Vec<&str> = params
        .iter()
        .zip(&values)
        .filter(|(p, v)| p.kind == ParamKind::KeywordOnly && p.default.is_none() && v.is_none())
        .map(|(p, _)| p.name.as_str())
        .collect();
    if !missing.is_empty() {
        return Err(missing_message(qualname, "keyword-only", &missing));
    }
    Ok(())
}

/// CPython's `missing_arguments`: `'a'`, `'a' and 'b'`, `'a', 'b', and 'c'`.
fn missing_message(qualname: &str, kind: &str, names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    let list = match quoted.as_slice() {
        [one] => one.clone(),
        [first, second] => format!("{first} and {second}"),
        [init @ .., last] => format!("{}, and {last}", init.join(", ")),
        [] => String::new(),
    };
    let plural = if names.len() == 1 { "" } else { "s" };
    format!("TypeError: {qualname}() missing {} required {kind} argument{plural}: {list}", names.len())
}

fn is_variadic(param: &Param) -> bool {
    matches!(param.kind, ParamKind::VarPositional | ParamKind::VarKeyword)
}

fn sorted(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut items: Vec<String> = items.collect();
    items.sort();
    items
}

/// JSON text with Python's `json.dumps(..., ensure_ascii=False, separators=(",", ":"))` spacing.
fn json_text<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}
