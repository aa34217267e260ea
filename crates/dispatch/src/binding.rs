use pysource::{MemberKind, Module, Param, ParamKind, Signature};
use serde_json::{Map, Value};

use crate::convert::convert;
use crate::exceptions::{self, BuiltinKind};
use crate::pyrepr::{dict_repr, float_repr, tuple_repr, value_repr, PyValue};
use crate::scope::{Binding, Scope};
use crate::{dataclass, decorators, namedtuple};
use crate::{
    BodyReading, DispatchError, DispatchPrediction, Dispatcher, DispatcherSource, KeyWiring, Outcome, ParamSource,
    ParamWiring, Route, Wiring,
};
use lab::{Code, PYODIDE_PYTHON_MINOR};
use pysource::str_repr;
use ruff_python_ast::{self as ast, Expr};

/// Predicts the dispatch as Pyodide's CPython (the one the page runs) would do it.
pub fn predict(
    code: &Code,
    handler: &str,
    payload: &Value,
    dispatcher: Dispatcher,
) -> Result<DispatchPrediction, DispatchError> {
    predict_on(code, handler, payload, dispatcher, PYODIDE_PYTHON_MINOR)
}

/// Predicts the dispatch for CPython 3.`python_minor`: from 3.13 on, an unexpected keyword
/// argument error may end with `. Did you mean '...'?`. The lab's own dispatcher runs
/// ([`DispatcherSource::Lab`]); values are shown as Python shows them, within 64-bit integers
/// (see [`predict_payload`] for the payload as typed).
pub fn predict_on(
    code: &Code,
    handler: &str,
    payload: &Value,
    dispatcher: Dispatcher,
    python_minor: u8,
) -> Result<DispatchPrediction, DispatchError> {
    let scope = Scope::for_python(code.text(), Some(python_minor));
    predict_with(code, &scope, handler, payload, None, dispatcher, python_minor, DispatcherSource::Lab)
}

/// Predicts the dispatch of the payload as typed (`payload_json`, read as Python's `json.loads`
/// reads it: integers of any size, keys in order) by the dispatcher `source` names.
pub fn predict_payload(
    code: &Code,
    handler: &str,
    payload_json: &str,
    dispatcher: Dispatcher,
    python_minor: u8,
    source: DispatcherSource,
) -> Result<DispatchPrediction, DispatchError> {
    predict_in(
        code,
        &Scope::for_python(code.text(), Some(python_minor)),
        handler,
        payload_json,
        dispatcher,
        python_minor,
        source,
    )
}

/// [`predict_payload`] with the code's statements parsed already.
pub(crate) fn predict_in(
    code: &Code,
    scope: &Scope,
    handler: &str,
    payload_json: &str,
    dispatcher: Dispatcher,
    python_minor: u8,
    source: DispatcherSource,
) -> Result<DispatchPrediction, DispatchError> {
    let payload: Value = serde_json::from_str(payload_json).map_err(|_| DispatchError::PayloadNotObject)?;
    let python = crate::pyrepr::loads(payload_json).ok();
    predict_with(code, scope, handler, &payload, python.as_ref(), dispatcher, python_minor, source)
}

/// Whether the dispatcher predicted is the user's `return handler(**payload)`.
fn passes_every_key(code: &Code, scope: &Scope, source: &DispatcherSource) -> bool {
    matches!(source, DispatcherSource::Page { .. })
        && matches!(
            crate::recognize::recognize_in(code.text(), scope.body()),
            crate::recognize::Recognition::PassesAll { .. }
        )
}

#[allow(clippy::too_many_arguments)]
fn predict_with(
    code: &Code,
    scope: &Scope,
    handler: &str,
    payload: &Value,
    python: Option<&PyValue>,
    dispatcher: Dispatcher,
    python_minor: u8,
    dispatcher_source: DispatcherSource,
) -> Result<DispatchPrediction, DispatchError> {
    let Value::Object(payload) = payload else { return Err(DispatchError::PayloadNotObject) };
    let signature_error = crate::typeddict::signature_error(scope, handler)
        .or_else(|| crate::exceptions::signature_error(scope, handler))
        .or_else(|| crate::builtin_bases::signature_error(scope, handler))
        .or_else(|| crate::signatures::signature_error(code, scope, handler))
        .or_else(|| named_tuple_instance_error(scope, handler, python_minor))
        .or_else(|| group_method_error(code, scope, handler));
    if let Some(error) = signature_error {
        // Every dispatcher asks for the signature first, and the question itself raises.
        return Ok(DispatchPrediction {
            outcome: Outcome::Error,
            error: Some(error),
            arguments: None,
            defaulted: Vec::new(),
            dropped: Vec::new(),
            qualname: handler.to_owned(),
            wiring: Wiring { keys: Vec::new(), params: Vec::new() },
            dispatcher_source,
            call: None,
            body: BodyReading::Unread,
        });
    }
    let target = resolve(code, scope, handler)?;
    let values = Values { payload, python };
    let call = match dispatcher {
        Dispatcher::Naive => naive_call(&target.signature, &values, passes_every_key(code, scope, &dispatcher_source)),
        Dispatcher::Strict => strict_call(&target.signature, &values),
    };
    let call_text = call.refusal.is_none().then(|| call_text(handler, &call));
    let mut wiring = Wiring { keys: call.keys, params: Vec::new() };
    let dropped = sorted(wiring.keys.iter().filter(|k| k.route == Route::Dropped).map(|k| k.key.clone()));
    // A cache hashes the call's arguments, positional ones first, before the function binds
    // them: the first list or dict raises TypeError there.
    let hash_error = target.hashes_arguments.then_some(()).and_then(|_| {
        let (_, value, _) =
            call.positional.iter().chain(&call.keywords).find(|(_, value, _)| value.is_array() || value.is_object())?;
        let kind = if value.is_array() { "list" } else { "dict" };
        Some(format!("TypeError: unhashable type: '{kind}'"))
    });
    if let (Some(builtin), None) = (target.builtin_new, &call.refusal) {
        let taken = call.keywords.iter().find(|(name, _, _)| builtin.new_keywords.contains(&name.as_str()));
        let too_many = call.keywords.len() > builtin.new_arguments;
        if !call.positional.is_empty() || taken.is_some() || too_many {
            let what = match taken {
                Some((name, _, _)) => format!("the keyword {name}="),
                None if too_many => format!(
                    "{} keywords, more than the {} arguments it takes,",
                    call.keywords.len(),
                    builtin.new_arguments
                ),
                None => "positional arguments".into(),
            };
            return Err(DispatchError::Unsupported(format!(
                "{handler} reaches the built-in base {0}, whose __new__ reads {what} before __init__ runs; the lab does not follow {0}.__new__ there",
                builtin.name
            )));
        }
    }
    // A built-in `__new__` that reads the arguments refuses a keyword it does not take first.
    let builtin_new_error = target.builtin_new.and_then(|builtin| {
        let (name, _, _) = call.keywords.first()?;
        Some(builtin.unexpected_keyword(name, python_minor))
    });
    // BaseExceptionGroup.__new__ parses exactly two positional arguments (a message and a
    // sequence of exceptions), keywords ignored, before any `__init__` runs.
    let group_error = match (target.group_new, &call.refusal, call.positional.len()) {
        (true, None, 2) => {
            return Err(DispatchError::Unsupported(format!(
                "{handler} reaches the built-in BaseExceptionGroup, whose __new__ checks the two positional arguments passed as a message and a sequence of exceptions; the lab does not follow it"
            )))
        }
        (true, None, given) => {
            Some(format!("TypeError: BaseExceptionGroup.__new__() takes exactly 2 arguments ({given} given)"))
        }
        _ => None,
    };
    let failure = match call.refusal {
        Some(refusal) => Some(refusal),
        None if group_error.is_some() => group_error,
        None => {
            // A class's `__new__` of the code binds the same arguments before its `__init__`.
            let before = target
                .before
                .as_deref()
                .and_then(|new| bind(new, &call.positional, &call.keywords, python_minor, &mut Vec::new()).err());
            let own = bind(&target, &call.positional, &call.keywords, python_minor, &mut wiring.params).err();
            hash_error
                .or(builtin_new_error)
                .or(before)
                .or(own)
                .or_else(|| {
                    let inner = target.then.as_deref()?;
                    bind(inner, &call.positional, &call.keywords, python_minor, &mut Vec::new()).err()
                })
                .or_else(|| {
                    let class = target.refuses_keywords.as_deref().filter(|_| !call.keywords.is_empty())?;
                    Some(format!("TypeError: {class}() takes no keyword arguments"))
                })
        }
    };
    // An `__init__` that first hands what its `**` parameter collected to BaseException.__init__.
    let failure = failure.or_else(|| {
        let (param, class) = target.forwards_collected.as_ref()?;
        let collected = wiring.params.iter().find(|p| &p.name == param)?;
        matches!(&collected.value, Some(Value::Object(extra)) if !extra.is_empty())
            .then(|| format!("TypeError: {class}() takes no keyword arguments"))
    });
    // A default that names a plain enum's member hands the handler that member.
    for param in wiring.params.iter_mut().filter(|p| p.source == ParamSource::Default && p.repr.is_none()) {
        param.repr = param
            .default
            .as_deref()
            .and_then(|default| crate::enums::member_repr(scope, default).or_else(|| length_repr(scope, default)));
        // A list or dict display: one object made by the `def`, shared by every call.
        let display =
            param.default.as_deref().and_then(|d| crate::bodies::display_default(scope, handler, &param.name, d));
        match display {
            Some(Ok(repr)) if param.repr.is_none() => param.repr = Some(repr),
            Some(Err(why)) if param.repr.is_none() => param.unknown = Some(why),
            _ => {}
        }
    }
    if target.preset.is_some() {
        // A partial's signature may leave out `*args` of the function's: the call never fills it.
        wiring.params.retain(|p| target.signature.param(&p.name).is_some());
    }
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
                dispatcher_source,
                call: call_text,
                body: BodyReading::Unread,
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
    let body = crate::bodies::read_body(code, scope, handler, &wiring.params);
    let (outcome, error) = match &body {
        BodyReading::Raises { error, .. } => (Outcome::Error, Some(error.clone())),
        _ => (outcome, None),
    };
    Ok(DispatchPrediction {
        outcome,
        error,
        arguments,
        defaulted,
        dropped,
        qualname: target.qualname,
        wiring,
        dispatcher_source,
        call: call_text,
        body,
    })
}

/// The callable the dispatcher inspects and calls.
struct Target {
    /// The name CPython puts in binding errors (`__qualname__` of the function that binds).
    qualname: String,
    /// The signature `inspect.signature` reports: receivers already bound.
    signature: Signature,
    /// The function's own signature, receiver included: CPython draws its suggestions from it.
    code_signature: Signature,
    /// Parameters whose default is a dataclass field's `default_factory`: the generated
    /// `__init__` receives the sentinel `<factory>` and calls the factory in its body.
    factories: Vec<String>,
    /// A cache decorator (`@functools.cache`) hashes the arguments before the function binds.
    hashes_arguments: bool,
    /// For a signature `inspect.signature` reports that is not the code's less its receivers:
    /// how many of the code's first parameters are filled before the call, like a receiver (a
    /// `functools.partial`'s positional arguments; none for a function's own `__signature__`).
    /// The wiring then shows only the parameters that signature names.
    preset: Option<usize>,
    /// A wrapper's target: the wrapper (this target) binds anything, then passes the call on
    /// unchanged to this one, whose binding errors are the call's. For a class, the `__init__`
    /// that runs after the `__new__` whose signature is reported.
    then: Option<Box<Target>>,
    /// For a class, the `__new__` of the code that binds the same arguments before the
    /// `__init__` whose signature is reported.
    before: Option<Box<Target>>,
    /// For an exception class, the class named by the built-in `__init__` that runs after its
    /// `__new__` and refuses keywords.
    refuses_keywords: Option<String>,
    /// For an exception class's `__init__` that first passes its `**` parameter on to the
    /// built-in `BaseException.__init__`: that parameter, and the class the refusal names when
    /// it collected anything.
    forwards_collected: Option<(String, String)>,
    /// For a class on a built-in base whose `__new__` reads the call's arguments (`str`,
    /// `int`): that base, whose `__new__` runs before the `__init__`.
    builtin_new: Option<&'static crate::builtin_bases::BuiltinBase>,
    /// A `functools.partial`'s positional arguments beyond the function's positional
    /// parameters (their source text): the function's `*args` starts with them.
    spilled: Vec<String>,
    /// A `functools.partial`'s keywords for no parameter that takes them (name, source text):
    /// the function's `**kwargs` starts with them, and the call's own keywords of the same
    /// name replace them in place (`{**partial.keywords, **kwargs}`).
    preset_extra: Vec<(String, String)>,
    /// For a class reaching `ExceptionGroup` or `BaseExceptionGroup` without a `__new__` of the
    /// code: the built-in `BaseExceptionGroup.__new__` runs first and takes exactly two
    /// positional arguments, whatever keywords come.
    group_new: bool,
}

impl Target {
    /// A function's binding with nothing around it: no factories, cache, preset parameters,
    /// `__new__`/`__init__` pair or built-in `__init__`.
    fn new(qualname: String, signature: Signature, code_signature: Signature) -> Target {
        Target {
            qualname,
            signature,
            code_signature,
            factories: Vec::new(),
            hashes_arguments: false,
            preset: None,
            then: None,
            before: None,
            refuses_keywords: None,
            forwards_collected: None,
            builtin_new: None,
            spilled: Vec::new(),
            preset_extra: Vec::new(),
            group_new: false,
        }
    }
}

fn resolve(code: &Code, scope: &Scope, handler: &str) -> Result<Target, DispatchError> {
    let module = scope.module(code);
    let module = &*module;
    let unknown = || DispatchError::UnknownHandler(handler.to_string());
    let (root, attribute) = match handler.split_once('.') {
        Some((root, attribute)) => (root, Some(attribute)),
        None => (handler, None),
    };
    let binding = scope.binding(root).map_err(DispatchError::Unsupported)?.ok_or_else(unknown)?;
    match (binding, attribute) {
        (Binding::Function(def), None) => function_target(module, scope, root, def),
        (Binding::Class(def), Some(attribute)) if namedtuple::class(scope, def).is_some() => {
            named_tuple_attribute(module, handler, root, attribute)
        }
        (Binding::Assign { value, .. }, Some(attribute)) if namedtuple::call(scope, value).is_some() => {
            named_tuple_attribute(module, handler, root, attribute)
        }
        (Binding::Class(_), Some(method)) => {
            let class = module.class(root).ok_or_else(unknown)?;
            check_hierarchy(module, scope, class, true)?;
            let hierarchy = exceptions::hierarchy(module, scope, class).map_err(DispatchError::Unsupported)?;
            let builtin = crate::builtin_bases::reached(module, scope, class).map_err(DispatchError::Unsupported)?;
            let found = match (module.lookup(class, method), &hierarchy) {
                (Some(found), _) => found,
                (None, None) if builtin.is_some() => {
                    return Err(DispatchError::Unsupported(format!(
                    "{root} has no method {method} of the code's own; one of the built-in {}'s would not be followed",
                    builtin.map(|b| b.name).unwrap_or_default()
                )))
                }
                (None, Some(hierarchy)) => {
                    return Err(DispatchError::Unsupported(format!(
                        "{root} has no method {method} of the code's own; one of the built-in {} would not be followed",
                        hierarchy.builtin
                    )))
                }
                (None, None) => return Err(unknown()),
            };
            let MemberKind::Method(function) = &found.member.kind else {
                return Err(DispatchError::Unsupported(format!("{handler} is not a method")));
            };
            check_plain(function, &["staticmethod", "classmethod"])?;
            if !function.is_staticmethod && !function.is_classmethod {
                // Without a `__new__` of the code, [`group_method_error`] predicted the call.
                if let Some(hierarchy) = hierarchy.as_ref().filter(|h| h.kind == BuiltinKind::Group) {
                    return Err(group_refusal(class, hierarchy));
                }
                if let Some(new) = module.lookup(class, "__new__") {
                    return Err(DispatchError::Unsupported(format!(
                        "{root} defines __new__ (in {}), and the lab takes {handler} from an instance made with {root}.__new__({root}) without following it",
                        new.owner.name
                    )));
                }
            }
            Ok(Target::new(
                scope.qualname(&found.owner.name, &function.name),
                function.bound_signature(),
                function.signature.clone(),
            ))
        }
        (Binding::Class(def), None) => {
            if let Some(named) = namedtuple::class(scope, def) {
                return Ok(named_tuple_target(named.map_err(DispatchError::Unsupported)?));
            }
            let class = module.class(root).ok_or_else(unknown)?;
            // `C.__signature__` is found through the MRO: a base's class attribute is C's.
            let signature_def =
                signature_owner(module, scope, class).map_or(Ok(def), |owner| class_def(scope, owner))?;
            let declared =
                crate::signatures::class_declared(module, scope, signature_def).map_err(DispatchError::Unsupported)?;
            check_hierarchy_reading(module, scope, class, true, true)?;
            if let crate::signatures::Declared::Signature(declared) = declared {
                return class_with_signature(module, scope, class, declared);
            }
            if let crate::signatures::Declared::Raises(error) = declared {
                return Err(DispatchError::Unsupported(format!(
                    "inspect.signature({root}) raises {error}, which the lab does not predict for a class"
                )));
            }
            if let Some(hierarchy) = exceptions::hierarchy(module, scope, class).map_err(DispatchError::Unsupported)? {
                return exception_target(module, scope, class, &hierarchy);
            }
            if let Some(new) = module.lookup(class, "__new__") {
                return Err(DispatchError::Unsupported(format!(
                    "{handler} defines __new__ (in {}), which the lab does not follow",
                    new.owner.name
                )));
            }
            let builtin = crate::builtin_bases::reached(module, scope, class).map_err(DispatchError::Unsupported)?;
            // A built-in `__new__` that reads the call's arguments runs before the `__init__`.
            let builtin_new = builtin.filter(|b| !b.new_takes_any_arguments);
            // The first class in the MRO with an `__init__`: written in its body, or generated by
            // `@dataclass` (which never replaces one written in the body).
            for owner in module.mro(class) {
                if let Some(member) = owner.member("__init__") {
                    let MemberKind::Method(init) = &member.kind else {
                        return Err(DispatchError::Unsupported(format!("{}.__init__ is not a method", owner.name)));
                    };
                    check_plain(init, &[])?;
                    return Ok(Target {
                        builtin_new,
                        ..Target::new(
                            scope.qualname(&owner.name, "__init__"),
                            init.bound_signature(),
                            init.signature.clone(),
                        )
                    });
                }
                let def = class_def(scope, &owner.name)?;
                if let Some(options) = dataclass_options(scope, def)? {
                    if options.init {
                        let fields = dataclass_fields(module, scope, owner, options)?;
                        return Ok(Target { builtin_new, ..generated_init(owner, &fields)? });
                    }
                }
            }
            if let Some(builtin) = builtin {
                let reported = match builtin.subclass_signature {
                    Some(signature) => format!("the built-in's own {signature}"),
                    None => "no signature (ValueError), unless a class on the way decides the call".into(),
                };
                return Err(DispatchError::Unsupported(format!(
                    "{handler} takes its __init__ from the built-in base {}: inspect.signature reports {reported}, and the lab does not follow the built-in's call",
                    builtin.name
                )));
            }
            // `object.__init__`: inspect.signature reports `()`, and the dispatcher never passes keys.
            Ok(Target::new(class.name.clone(), Signature::default(), Signature::default()))
        }
        (Binding::Assign { stmt, value }, None) => assigned(module, scope, root, stmt, value),
        (Binding::Assign { stmt, .. }, Some(_)) => Err(DispatchError::Unsupported(format!(
            "{root} is bound at line {} by {}, and the lab follows attributes of classes only",
            scope.line(stmt),
            scope.quote(stmt)
        ))),
        (Binding::Function(_), Some(_)) => Err(unknown()),
    }
}

/// An exception class of the code with a `__new__` or `__init__` of its own, called as
/// [`crate::exceptions`] describes: the target is the method whose signature `inspect.signature`
/// reports, with the other one bound before or after it.
fn exception_target(
    module: &Module,
    scope: &Scope,
    class: &pysource::Class,
    hierarchy: &exceptions::Hierarchy,
) -> Result<Target, DispatchError> {
    fn refuse<T>(why: String) -> Result<T, DispatchError> {
        Err(DispatchError::Unsupported(why))
    }
    let mro = module.mro(class);
    for owner in &mro {
        if dataclass_options(scope, class_def(scope, &owner.name)?)?.is_some() {
            return refuse(format!(
                "{} is a dataclass on the way to the built-in exception {}, which the lab does not follow",
                owner.name, hierarchy.builtin
            ));
        }
    }
    // The first class in the MRO that defines the method, its place, and the method.
    let defined = |name: &str| -> Result<Option<(usize, Target)>, DispatchError> {
        let Some((index, owner, member)) =
            mro.iter().enumerate().find_map(|(index, owner)| Some((index, *owner, owner.member(name)?)))
        else {
            return Ok(None);
        };
        let MemberKind::Method(function) = &member.kind else {
            return refuse(format!("{}.{name} is not a method", owner.name));
        };
        check_plain(function, &[])?;
        let receiver = function.signature.params.first();
        if !receiver.is_some_and(|p| matches!(p.kind, ParamKind::PositionalOnly | ParamKind::PositionalOrKeyword)) {
            return refuse(format!(
                "{}.{name} (line {}) takes no positional parameter for its receiver, which the lab does not follow",
                owner.name, function.line
            ));
        }
        Ok(Some((
            index,
            Target::new(scope.qualname(&owner.name, name), function.bound_signature(), function.signature.clone()),
        )))
    };
    let (new, init) = (defined("__new__")?, defined("__init__")?);
    if hierarchy.kind == BuiltinKind::Group {
        return match (new, init) {
            (None, Some((_, init))) => Ok(Target { group_new: true, ..init }),
            _ => Err(group_refusal(class, hierarchy)),
        };
    }
    if let Some((index, _)) = &new {
        // `super().__new__(cls, ...)` must reach the built-in's, which returns an instance.
        let owner = mro[*index];
        if let Some(later) = mro[index + 1..].iter().find(|o| o.member("__new__").is_some()) {
            return refuse(format!(
                "{}.__new__ passes the call on to {}.__new__, which the lab does not follow",
                owner.name, later.name
            ));
        }
        if hierarchy.kind == BuiltinKind::ReadsArguments {
            return refuse(format!(
                "{} defines __new__ (in {}) and its built-in base {} reads the arguments in its own __new__ or __init__, which the lab does not follow",
                class.name, owner.name, hierarchy.builtin
            ));
        }
        let def = class_def(scope, &owner.name)?;
        let new_def = def.body.iter().rev().find_map(|stmt| match stmt {
            ast::Stmt::FunctionDef(function) if function.name.id.as_str() == "__new__" => Some(function),
            _ => None,
        });
        let Some(new_def) = new_def else {
            return refuse(format!("{}.__new__ is not a method", owner.name));
        };
        exceptions::forwards_to_builtin_new(scope, new_def).map_err(DispatchError::Unsupported)?;
    }
    // The `__new__` is reported, and an `__init__` of the code or the built-in's runs after it.
    let reported_new = |mut new: Target, init: Option<Target>| {
        match (init, hierarchy.kind) {
            (Some(init), _) => new.then = Some(Box::new(init)),
            (None, BuiltinKind::Os) => {}
            (None, _) => new.refuses_keywords = Some(class.name.clone()),
        }
        Ok(new)
    };
    match (new, init) {
        (None, None) => refuse(format!(
            "{} reaches the built-in exception {} with neither __new__ nor __init__ of the code's own, and something else in its classes decides how it is called; the lab does not follow it",
            class.name, hierarchy.builtin
        )),
        (Some((new_index, new)), Some((init_index, init))) if new_index <= init_index => reported_new(new, Some(init)),
        (Some((_, new)), None) => reported_new(new, None),
        // The `__init__` is reported: its class comes before the `__new__`'s in the MRO.
        (new, Some((init_index, mut init))) => {
            init.before = new.map(|(_, new)| Box::new(new));
            // `super().__init__` reaches the built-in's when no class after the owner has one.
            let owner = mro[init_index];
            let builtin_next = mro[init_index + 1..].iter().all(|o| o.member("__init__").is_none());
            if hierarchy.kind == BuiltinKind::Plain && builtin_next {
                let def = class_def(scope, &owner.name)?;
                let init_def = def.body.iter().rev().find_map(|stmt| match stmt {
                    ast::Stmt::FunctionDef(function) if function.name.id.as_str() == "__init__" => Some(function),
                    _ => None,
                });
                if let Some(collected) = init_def.and_then(|d| exceptions::forwards_keywords(scope, d)) {
                    init.forwards_collected = Some((collected, class.name.clone()));
                }
            }
            Ok(init)
        }
    }
}

/// For `Class.method` with `Class` reaching an exception group without a `__new__` of the code,
/// and `method` its own plain method: the instance the method is taken from, made by
/// `Class.__new__(Class)`, fails in the built-in `BaseExceptionGroup.__new__`, which takes
/// exactly two positional arguments.
fn group_method_error(code: &Code, scope: &Scope, handler: &str) -> Option<String> {
    let (root, method) = handler.split_once('.')?;
    let Ok(Some(Binding::Class(_))) = scope.binding(root) else { return None };
    let module = scope.module(code);
    let class = module.class(root)?;
    check_hierarchy(&module, scope, class, true).ok()?;
    let hierarchy = exceptions::hierarchy(&module, scope, class).ok()??;
    let found = module.lookup(class, method)?;
    let MemberKind::Method(function) = &found.member.kind else { return None };
    let plain = !function.is_staticmethod && !function.is_classmethod && check_plain(function, &[]).is_ok();
    (hierarchy.kind == BuiltinKind::Group && plain && module.lookup(class, "__new__").is_none())
        .then(|| "TypeError: BaseExceptionGroup.__new__() takes exactly 2 arguments (0 given)".to_string())
}

/// A class reaching an exception group with a `__new__` of the code, whose call of the built-in
/// `__new__` checks the message and the exceptions it passes.
fn group_refusal(class: &pysource::Class, hierarchy: &exceptions::Hierarchy) -> DispatchError {
    DispatchError::Unsupported(format!(
        "{} reaches the built-in {} with a __new__ of the code, whose call of BaseExceptionGroup.__new__ checks a message and a sequence of exceptions; the lab does not follow it",
        class.name, hierarchy.builtin
    ))
}

/// A top-level function, through the decorators the model follows.
fn function_target(
    module: &Module,
    scope: &Scope,
    name: &str,
    def: &ast::StmtFunctionDef,
) -> Result<Target, DispatchError> {
    let function = module.function(name).ok_or_else(|| DispatchError::UnknownHandler(name.to_string()))?;
    // A `__signature__` set after the `def` is the outermost object's: through wrappers made
    // with functools.wraps, which pass the call on unchanged, the function's own parameters bind.
    let forwarders_only = def
        .decorator_list
        .iter()
        .all(|d| matches!(decorators::follow(scope, name, d), Ok(decorators::Followed::Forwarder)));
    match crate::signatures::declared(module, scope, name).map_err(DispatchError::Unsupported)? {
        crate::signatures::Declared::Own => {}
        crate::signatures::Declared::Signature(_) if !forwarders_only => {
            return Err(DispatchError::Unsupported(format!(
                "{name} is decorated and sets __signature__: which object holds it, and what the call reaches, the lab does not follow"
            )))
        }
        crate::signatures::Declared::Raises(error) => {
            return Err(DispatchError::Unsupported(format!(
                "inspect.signature({name}) raises {error}, and the lab does not follow what reads {name}'s signature here"
            )))
        }
        crate::signatures::Declared::Signature(declared) => {
            check_plain(&pysource::Function { decorators: Vec::new(), ..function.clone() }, &[])?;
            // The declared signature picks the keys; the function's own parameters bind them.
            return Ok(Target {
                preset: Some(0),
                ..Target::new(function.name.clone(), declared, function.signature.clone())
            });
        }
    }
    let mut hashes_arguments = false;
    let mut wrapper: Option<(String, String, usize)> = None;
    for decorator in def.decorator_list.iter().rev() {
        match decorators::follow(scope, name, decorator).map_err(DispatchError::Unsupported)? {
            decorators::Followed::Forwarder => {}
            decorators::Followed::Cache => hashes_arguments = true,
            decorators::Followed::Plain { .. } if wrapper.is_some() => {
                return Err(DispatchError::Unsupported(format!(
                    "{name} has two wrappers without functools.wraps (line {}), which the lab does not follow",
                    scope.line(decorator)
                )))
            }
            decorators::Followed::Plain { args, kwargs } => wrapper = Some((args, kwargs, scope.line(decorator))),
        }
    }
    let plain = pysource::Function { decorators: Vec::new(), ..function.clone() };
    check_plain(&plain, &[])?;
    let target = Target {
        hashes_arguments,
        ..Target::new(function.name.clone(), function.signature.clone(), function.signature.clone())
    };
    let Some((args, kwargs, _)) = wrapper else { return Ok(target) };
    // The wrapper takes anything; what it passes on binds as the function's own.
    let bare = |name: String, kind| Param { name, kind, default: None, annotation: None };
    let signature = Signature {
        params: vec![bare(args, ParamKind::VarPositional), bare(kwargs, ParamKind::VarKeyword)],
        returns: None,
    };
    let wrapping = Target::new(target.qualname.clone(), signature.clone(), signature);
    Ok(Target { hashes_arguments: target.hashes_arguments, then: Some(Box::new(target)), ..wrapping })
}

/// `functools.partial(f, *args, **keywords)` of a top-level function `f` of the code: the
/// positional arguments fill `f`'s first parameters (which leave the signature), and each
/// keyword becomes its parameter's default, turning it and every parameter after it keyword-only
/// as `inspect.signature` reports a partial. Positional arguments beyond `f`'s positional
/// parameters start its `*args`, and keywords for no parameter that takes them start its
/// `**kwargs`: `inspect.signature` keeps both parameters as they are. Declined: arguments
/// `inspect.signature` refuses, raising a ValueError that shows the partial's repr and so an
/// address (more positional arguments than a function without `*args` takes, a keyword for no
/// parameter of a function without `**kwargs`, for a positional-only parameter or for one filled
/// positionally), and `*`/`**` unpacking.
fn partial_target(module: &Module, scope: &Scope, call: &ast::ExprCall, line: usize) -> Result<Target, DispatchError> {
    let refuse = |what: &str| {
        Err(DispatchError::Unsupported(format!(
            "{} (line {line}) {what}, which the lab does not follow",
            scope.quote(call)
        )))
    };
    let Some((Expr::Name(func), presets)) = call.arguments.args.split_first() else {
        return refuse("does not name a function first");
    };
    let Ok(Some(Binding::Function(def))) = scope.binding(func.id.as_str()) else {
        return refuse("is not a partial of a top-level function");
    };
    if !scope.bound_once(func.id.as_str()) {
        return refuse(&format!("is a partial of {}, which is bound more than once", func.id));
    }
    let base = function_target(module, scope, func.id.as_str(), def)?;
    if base.then.is_some() {
        return refuse(&format!("is a partial of {}, whose wrapper is not made with functools.wraps", func.id));
    }
    if presets.iter().any(|p| matches!(p, Expr::Starred(_))) || call.arguments.keywords.iter().any(|k| k.arg.is_none())
    {
        return refuse("unpacks arguments");
    }
    let params = &base.code_signature.params;
    let positional = params
        .iter()
        .take_while(|p| matches!(p.kind, ParamKind::PositionalOnly | ParamKind::PositionalOrKeyword))
        .count();
    let has = |kind| params.iter().any(|p| p.kind == kind);
    if presets.len() > positional && !has(ParamKind::VarPositional) {
        return refuse("passes more positional arguments than the function takes, so it has no signature");
    }
    let filled = presets.len().min(positional);
    let spilled = presets[filled..].iter().map(|p| scope.text(p).to_string()).collect();
    let mut code_params = params.clone();
    let mut preset_extra = Vec::new();
    for keyword in &call.arguments.keywords {
        let name = keyword.arg.as_ref().map(|a| a.id.as_str()).unwrap_or_default();
        let value = scope.text(&keyword.value).to_string();
        match params.iter().position(|p| p.name == name) {
            Some(index)
                if index >= filled
                    && matches!(params[index].kind, ParamKind::PositionalOrKeyword | ParamKind::KeywordOnly) =>
            {
                code_params[index].default = Some(value);
            }
            Some(index) if matches!(params[index].kind, ParamKind::PositionalOrKeyword | ParamKind::KeywordOnly) => {
                return refuse(&format!("passes {name}= for a parameter it fills positionally, so it has no signature"))
            }
            Some(index) if params[index].kind == ParamKind::PositionalOnly => {
                return refuse(&format!("passes {name}= for a positional-only parameter, so it has no signature"))
            }
            _ if has(ParamKind::VarKeyword) => preset_extra.push((name.to_string(), value)),
            _ => return refuse(&format!("passes {name}= for no parameter it can take, so it has no signature")),
        }
    }
    let (mut kept, mut moved): (Vec<Param>, Vec<Param>) = (Vec::new(), Vec::new());
    let mut keyword_only = false;
    for param in code_params.iter().skip(filled) {
        let preset =
            call.arguments.keywords.iter().any(|k| k.arg.as_ref().is_some_and(|a| a.id.as_str() == param.name));
        if preset && param.kind == ParamKind::PositionalOrKeyword {
            keyword_only = true;
        }
        if !keyword_only {
            kept.push(param.clone());
            continue;
        }
        match param.kind {
            ParamKind::PositionalOrKeyword => moved.push(Param { kind: ParamKind::KeywordOnly, ..param.clone() }),
            ParamKind::VarPositional => {}
            _ => moved.push(param.clone()),
        }
    }
    kept.extend(moved);
    Ok(Target {
        hashes_arguments: base.hashes_arguments,
        preset: Some(filled),
        spilled,
        preset_extra,
        ..Target::new(
            base.qualname,
            Signature { params: kept, returns: base.code_signature.returns.clone() },
            Signature { params: code_params, returns: base.code_signature.returns.clone() },
        )
    })
}

/// A handler bound by `name = value` at the top level: a named tuple type, a lambda, a method
/// taken from a class or an instance (`Api().get`, `api.get` with `api = Api()`), or an
/// instance whose class defines `__call__`.
fn assigned(
    module: &Module,
    scope: &Scope,
    name: &str,
    stmt: &ast::Stmt,
    value: &Expr,
) -> Result<Target, DispatchError> {
    let refuse = |what: &str| {
        Err(DispatchError::Unsupported(format!(
            "{name} is bound at line {} by {}, {what}",
            scope.line(stmt),
            scope.quote(stmt)
        )))
    };
    if let Some(named) = namedtuple::call(scope, value) {
        return Ok(named_tuple_target(named.map_err(DispatchError::Unsupported)?));
    }
    if let Expr::Call(call) = value {
        if scope.refers_to(&call.func, "functools", "partial") {
            return partial_target(module, scope, call, scope.line(stmt));
        }
    }
    match value {
        Expr::Lambda(lambda) => {
            let signature = match &lambda.parameters {
                Some(parameters) => signature_of(scope, parameters),
                None => Signature::default(),
            };
            Ok(Target::new("<lambda>".into(), signature.clone(), signature))
        }
        Expr::Attribute(attribute) => {
            let method = attribute.attr.id.as_str();
            let (class, through_instance) = match &*attribute.value {
                Expr::Name(class) if matches!(scope.binding(class.id.as_str()), Ok(Some(Binding::Class(_)))) => {
                    (followed_class(module, scope, class.id.as_str())?, false)
                }
                instance => match instance_of(module, scope, instance)? {
                    Some(class) => (class, true),
                    None => return refuse("and the lab follows methods of classes and instances of the code only"),
                },
            };
            if through_instance {
                if let Some(target) = instance_attribute(module, scope, class, method)? {
                    return Ok(target);
                }
            }
            let found = module.lookup(class, method).ok_or_else(|| {
                DispatchError::Unsupported(format!("{} has no method {method} the lab can find", class.name))
            })?;
            let MemberKind::Method(function) = &found.member.kind else {
                return Err(DispatchError::Unsupported(format!("{}.{method} is not a method", class.name)));
            };
            check_plain(function, &["staticmethod", "classmethod"])?;
            let signature = if through_instance || function.is_classmethod {
                function.bound_signature()
            } else {
                function.signature.clone()
            };
            Ok(Target::new(scope.qualname(&found.owner.name, &function.name), signature, function.signature.clone()))
        }
        Expr::Call(_) | Expr::Name(_) => {
            let Some(class) = instance_of(module, scope, value)? else {
                return refuse("a call the lab does not follow");
            };
            let Some(found) = module.lookup(class, "__call__") else {
                return refuse(&format!("an instance of {}, which defines no __call__", class.name));
            };
            let MemberKind::Method(call) = &found.member.kind else {
                return Err(DispatchError::Unsupported(format!("{}.__call__ is not a method", found.owner.name)));
            };
            check_plain(call, &[])?;
            check_not_shadowed(module, scope, class, "__call__", None)?;
            Ok(Target::new(format!("{}.__call__", found.owner.name), call.bound_signature(), call.signature.clone()))
        }
        _ => refuse("which the lab does not follow"),
    }
}

/// The class `name`, when every class its instances' attributes come from is followed.
fn followed_class<'m>(module: &'m Module, scope: &Scope, name: &str) -> Result<&'m pysource::Class, DispatchError> {
    if !scope.bound_once(name) {
        return Err(DispatchError::Unsupported(format!(
            "{name} is bound more than once at the top level, so which one is used depends on the order; the lab does not follow it"
        )));
    }
    let class =
        module.class(name).ok_or_else(|| DispatchError::Unsupported(format!("{name} is not a class the lab reads")))?;
    check_hierarchy(module, scope, class, false)?;
    Ok(class)
}

/// The class of `expr` when it is `C()` (any arguments) or a name bound to that at the top
/// level, with `C` a class of the code the lab follows and without `__new__`.
fn instance_of<'m>(
    module: &'m Module,
    scope: &Scope,
    expr: &Expr,
) -> Result<Option<&'m pysource::Class>, DispatchError> {
    let expr = match expr {
        Expr::Name(name) if !scope.bound_once(name.id.as_str()) => return Ok(None),
        Expr::Name(name) => match scope.binding(name.id.as_str()).map_err(DispatchError::Unsupported)? {
            Some(Binding::Assign { value, .. }) => value,
            _ => return Ok(None),
        },
        other => other,
    };
    let Expr::Call(call) = expr else { return Ok(None) };
    let Expr::Name(class) = &*call.func else { return Ok(None) };
    match scope.binding(class.id.as_str()) {
        Ok(Some(Binding::Class(_))) => {}
        // What keeps the class from being followed is what the refusal names.
        Err(why) => return Err(DispatchError::Unsupported(why)),
        Ok(_) => return Ok(None),
    }
    let class = followed_class(module, scope, class.id.as_str())?;
    if let Some(new) = module.lookup(class, "__new__") {
        return Err(DispatchError::Unsupported(format!(
            "{} defines __new__ (in {}), which may make something else than an instance; the lab does not follow it",
            class.name, new.owner.name
        )));
    }
    Ok(Some(class))
}

/// The attribute `name` an instance of `class` gets in its `__init__`, which hides the class's
/// method of that name: the target of `self.name = value` at the top level of the `__init__`
/// that runs (one of the code's, not patched), after only assignments and expression
/// statements, when `value` is a lambda, a top-level function or a plain method of the
/// instance (`self.other`). Anything else in the MRO that might give instances the attribute is
/// declined ([`check_not_shadowed`]); no such assignment is `None`.
fn instance_attribute(
    module: &Module,
    scope: &Scope,
    class: &pysource::Class,
    name: &str,
) -> Result<Option<Target>, DispatchError> {
    let Some(init) = module.lookup(class, "__init__") else {
        check_not_shadowed(module, scope, class, name, None)?;
        return Ok(None);
    };
    let owner = init.owner.name.as_str();
    let assignment = (scope.qualname(owner, "__init__") == format!("{owner}.__init__"))
        .then(|| init_assignment(scope, owner, name))
        .transpose()?
        .flatten();
    check_not_shadowed(module, scope, class, name, assignment.map(|(stmt, _, _)| stmt))?;
    let Some((stmt, value, init_def)) = assignment else { return Ok(None) };
    let refuse = |what: &str| {
        Err(DispatchError::Unsupported(format!(
            "{owner}.__init__ sets the instance attribute {name} (line {}) to `{}`, {what}, which the lab does not follow",
            scope.line(stmt),
            scope.text(value)
        )))
    };
    let receiver = init_def.parameters.posonlyargs.iter().chain(&init_def.parameters.args).next();
    let receiver = receiver.map(|p| p.parameter.name.id.as_str()).unwrap_or_default();
    match value {
        Expr::Lambda(lambda) => {
            let signature = match &lambda.parameters {
                Some(parameters) => signature_of(scope, parameters),
                None => Signature::default(),
            };
            Ok(Some(Target::new(format!("{owner}.__init__.<locals>.<lambda>"), signature.clone(), signature)))
        }
        Expr::Name(function) => {
            let function = function.id.as_str();
            let local = init_def.parameters.iter().any(|p| p.name().id.as_str() == function)
                || init_def.body.iter().any(|s| crate::recognize::binds(s, function));
            match scope.binding(function).map_err(DispatchError::Unsupported)? {
                Some(Binding::Function(def)) if !local && scope.bound_once(function) => {
                    Ok(Some(function_target(module, scope, function, def)?))
                }
                _ => refuse("a name that is not a top-level function bound once"),
            }
        }
        Expr::Attribute(attribute)
            if matches!(&*attribute.value, Expr::Name(n) if n.id.as_str() == receiver) && !receiver.is_empty() =>
        {
            let other = attribute.attr.id.as_str();
            let Some(found) = module.lookup(class, other) else { return refuse("a method the lab cannot find") };
            let MemberKind::Method(function) = &found.member.kind else { return refuse("not a method") };
            if function.is_classmethod || function.is_staticmethod || other == name {
                return refuse("not a plain method");
            }
            check_plain(function, &[])?;
            check_not_shadowed(module, scope, class, other, None)?;
            Ok(Some(Target::new(
                scope.qualname(&found.owner.name, &function.name),
                function.bound_signature(),
                function.signature.clone(),
            )))
        }
        _ => refuse("an expression"),
    }
}

/// `self.name = value` at the top level of `owner`'s `__init__` (the last one its body defines),
/// after only assignments and expression statements: the statement, the value and `__init__`.
fn init_assignment<'s>(
    scope: &'s Scope,
    owner: &str,
    name: &str,
) -> Result<Option<(&'s ast::StmtAssign, &'s Expr, &'s ast::StmtFunctionDef)>, DispatchError> {
    let def = class_def(scope, owner)?;
    let init = def.body.iter().rev().find_map(|stmt| match stmt {
        ast::Stmt::FunctionDef(init) if init.name.id.as_str() == "__init__" => Some(init),
        _ => None,
    });
    let Some(init) = init.filter(|init| init.decorator_list.is_empty() && !init.is_async) else { return Ok(None) };
    let Some(receiver) = init.parameters.posonlyargs.iter().chain(&init.parameters.args).next() else {
        return Ok(None);
    };
    for stmt in &init.body {
        match stmt {
            ast::Stmt::Assign(assign) => {
                let [Expr::Attribute(target)] = assign.targets.as_slice() else { continue };
                let on_receiver =
                    matches!(&*target.value, Expr::Name(n) if n.id.as_str() == receiver.parameter.name.id.as_str());
                if on_receiver && target.attr.id.as_str() == name {
                    return Ok(Some((assign, &assign.value, init)));
                }
            }
            ast::Stmt::AnnAssign(_) | ast::Stmt::Expr(_) => {}
            _ => return Ok(None),
        }
    }
    Ok(None)
}

/// An instance attribute, `__getattr__` or `__slots__` may hide the method found on the class:
/// declined when any class in the MRO has code that might, beyond the `__init__` assignment
/// `followed` that [`instance_attribute`] reads.
fn check_not_shadowed(
    module: &Module,
    scope: &Scope,
    class: &pysource::Class,
    method: &str,
    followed: Option<&ast::StmtAssign>,
) -> Result<(), DispatchError> {
    for owner in module.mro(class) {
        let def = class_def(scope, &owner.name)?;
        let mut text = scope.text(def).to_string();
        if let Some(followed) = followed.filter(|f| def.range.contains_range(f.range)) {
            text = text.replacen(scope.text(followed), "", 1);
        }
        let suspicious =
            [format!(".{method} ="), format!(".{method}:"), "setattr(".into(), "__getattr".into(), "__dict__".into()];
        if let Some(found) = suspicious.iter().find(|s| text.contains(s.as_str())) {
            return Err(DispatchError::Unsupported(format!(
                "{} (line {}) has `{found}`, which may give its instances an attribute {method} of their own; the lab does not follow it",
                owner.name,
                scope.line(def)
            )));
        }
    }
    Ok(())
}

/// A lambda's parameters, as `inspect.signature` reports them (defaults as written).
pub(crate) fn signature_of(scope: &Scope, parameters: &ast::Parameters) -> Signature {
    let with_default = |p: &ast::ParameterWithDefault, kind| Param {
        name: p.parameter.name.id.to_string(),
        kind,
        default: p.default.as_ref().map(|d| scope.text(&**d).to_string()),
        annotation: None,
    };
    let bare = |p: &ast::Parameter, kind| Param { name: p.name.id.to_string(), kind, default: None, annotation: None };
    let mut params: Vec<Param> = Vec::new();
    params.extend(parameters.posonlyargs.iter().map(|p| with_default(p, ParamKind::PositionalOnly)));
    params.extend(parameters.args.iter().map(|p| with_default(p, ParamKind::PositionalOrKeyword)));
    params.extend(parameters.vararg.iter().map(|p| bare(p, ParamKind::VarPositional)));
    params.extend(parameters.kwonlyargs.iter().map(|p| with_default(p, ParamKind::KeywordOnly)));
    params.extend(parameters.kwarg.iter().map(|p| bare(p, ParamKind::VarKeyword)));
    Signature { params, returns: None }
}

/// Every class the call or attribute lookup goes through must be a plain class statement of the
/// code, bound once at the top level, or a `@dataclass` one the model follows: see
/// [`Scope::class_refusal`] and [`crate::dataclass`].
/// With `builtin_exceptions`, a base may be a built-in exception too (see [`crate::exceptions`]).
fn check_hierarchy(
    module: &Module,
    scope: &Scope,
    class: &pysource::Class,
    builtin_exceptions: bool,
) -> Result<(), DispatchError> {
    check_hierarchy_reading(module, scope, class, builtin_exceptions, false)
}

/// [`check_hierarchy`], with the class's own `__signature__` read by the caller when
/// `signature_read`.
/// The first class in `class`'s MRO whose body sets `__signature__`: attribute lookup finds
/// its value for `class` too.
fn signature_owner<'m>(module: &'m Module, scope: &Scope, class: &'m pysource::Class) -> Option<&'m str> {
    module
        .mro(class)
        .into_iter()
        .map(|owner| owner.name.as_str())
        .find(|owner| class_def(scope, owner).is_ok_and(|def| crate::signatures::class_assignment(def).is_some()))
}

fn check_hierarchy_reading(
    module: &Module,
    scope: &Scope,
    class: &pysource::Class,
    builtin_exceptions: bool,
    signature_read: bool,
) -> Result<(), DispatchError> {
    for owner in module.mro(class) {
        // A base is the class its name is bound to when the class statement runs.
        if owner.name != class.name && !scope.bound_once(&owner.name) {
            return Err(DispatchError::Unsupported(format!(
                "{}'s base {} is bound more than once at the top level, so which one it is depends on the order; the lab does not follow it",
                class.name, owner.name
            )));
        }
        let def = class_def(scope, &owner.name)?;
        let is_defined = |name: &str| {
            module.class(name).is_some()
                || (builtin_exceptions && exceptions::is_builtin_exception(scope, name))
                || crate::builtin_bases::builtin_base(scope, name).is_some()
        };
        let followed = |decorator: &Expr| matches!(dataclass::options(scope, decorator), Some(Ok(_)));
        if let Some(options) = dataclass_options(scope, def)? {
            // dataclasses reads every field when the class is made, whatever `init` says.
            dataclass_fields(module, scope, owner, options)?;
        }
        // Every class's own `__signature__` is read: the first in the MRO, or shadowed by it.
        if let Some(why) = scope.class_refusal(def, followed, is_defined, signature_read) {
            return Err(DispatchError::Unsupported(why));
        }
    }
    Ok(())
}

/// The class statement `name` is bound to when the probe runs.
fn class_def<'s>(scope: &'s Scope, name: &str) -> Result<&'s ast::StmtClassDef, DispatchError> {
    match scope.binding(name).map_err(DispatchError::Unsupported)? {
        Some(Binding::Class(def)) => Ok(def),
        _ => Err(DispatchError::Unsupported(format!("{name} is not bound to its class statement when the probe runs"))),
    }
}

/// The options of the class's `@dataclass` decorator, if it has one.
fn dataclass_options(scope: &Scope, def: &ast::StmtClassDef) -> Result<Option<dataclass::Options>, DispatchError> {
    let mut found = None;
    for decorator in &def.decorator_list {
        match dataclass::options(scope, &decorator.expression) {
            Some(Ok(options)) if found.is_none() => found = Some(options),
            Some(Ok(_)) => {
                return Err(DispatchError::Unsupported(format!(
                    "{} is decorated with @dataclass twice (line {}), which the lab does not follow",
                    def.name.id,
                    scope.line(decorator)
                )))
            }
            Some(Err(why)) => return Err(DispatchError::Unsupported(why)),
            None => {}
        }
    }
    Ok(found)
}

/// The fields dataclasses collects for the dataclass `class`: `__dataclass_fields__` of each
/// class in its MRO, from `object`'s end (a class that is not a dataclass lends its nearest
/// dataclass's, as `getattr` finds them), then its own; a field defined again keeps its place.
fn dataclass_fields(
    module: &Module,
    scope: &Scope,
    class: &pysource::Class,
    options: dataclass::Options,
) -> Result<Vec<dataclass::Field>, DispatchError> {
    // Each class's fields are read once per prediction: a deep hierarchy asks for them again
    // from every subclass.
    if let Some(fields) = scope.dataclass_fields.borrow().get(&class.name) {
        return Ok(fields.clone());
    }
    let fields = collect_dataclass_fields(module, scope, class, options)?;
    scope.dataclass_fields.borrow_mut().insert(class.name.clone(), fields.clone());
    Ok(fields)
}

fn collect_dataclass_fields(
    module: &Module,
    scope: &Scope,
    class: &pysource::Class,
    options: dataclass::Options,
) -> Result<Vec<dataclass::Field>, DispatchError> {
    let mut fields: Vec<dataclass::Field> = Vec::new();
    let merge = |fields: &mut Vec<dataclass::Field>, more: Vec<dataclass::Field>| {
        for field in more {
            match fields.iter_mut().find(|f| f.name == field.name) {
                Some(existing) => *existing = field,
                None => fields.push(field),
            }
        }
    };
    let mut frozen_bases: Vec<(String, bool)> = Vec::new();
    for base in module.mro(class).into_iter().skip(1).rev() {
        for nearest in module.mro(base) {
            if let Some(base_options) = dataclass_options(scope, class_def(scope, &nearest.name)?)? {
                merge(&mut fields, dataclass_fields(module, scope, nearest, base_options)?);
                frozen_bases.push((nearest.name.clone(), base_options.frozen));
                break;
            }
        }
    }
    if let Some((base, frozen)) = frozen_bases.iter().find(|(_, frozen)| *frozen != options.frozen) {
        let (this, that) = if *frozen { ("non-frozen", "frozen") } else { ("frozen", "non-frozen") };
        return Err(DispatchError::Unsupported(format!(
            "{} is a {this} dataclass with the {that} dataclass {base} as a base, and dataclasses raises TypeError when the class is made",
            class.name
        )));
    }
    let own =
        dataclass::own_fields(scope, class_def(scope, &class.name)?, options).map_err(DispatchError::Unsupported)?;
    merge(&mut fields, own);
    if options.init {
        let mut seen_default = false;
        for field in fields.iter().filter(|f| f.init && !f.kw_only) {
            if field.default.is_some() {
                seen_default = true;
            } else if seen_default {
                return Err(DispatchError::Unsupported(format!(
                    "in {}, the field {} without a default follows one with a default, and dataclasses raises TypeError when the class is made",
                    class.name, field.name
                )));
            }
        }
    }
    Ok(fields)
}

/// A named tuple type is called through its generated `__new__(_cls, ...)`.
/// A class whose body sets `__signature__` to one the lab reads: the declared signature picks
/// the keys, and the `__init__` written in the code (the first in the MRO) binds them after
/// `self`. Declined for an exception class, a `__new__` of the code's, or no such `__init__`.
fn class_with_signature(
    module: &Module,
    scope: &Scope,
    class: &pysource::Class,
    declared: Signature,
) -> Result<Target, DispatchError> {
    let refuse = |what: &str| {
        Err(DispatchError::Unsupported(format!(
            "{} sets __signature__, and {what}; the lab reads a class's __signature__ only with an __init__ written in the code",
            class.name
        )))
    };
    if let Some(hierarchy) = exceptions::hierarchy(module, scope, class).map_err(DispatchError::Unsupported)? {
        // The declared signature picks the keys; the exception's call binds them as it would.
        let target = exception_target(module, scope, class, &hierarchy)?;
        return Ok(Target { signature: declared, preset: Some(1), ..target });
    }
    if module.lookup(class, "__new__").is_some() {
        return refuse("it has a __new__ of the code's");
    }
    for owner in module.mro(class) {
        if let Some(member) = owner.member("__init__") {
            let MemberKind::Method(init) = &member.kind else { return refuse("its __init__ is not a method") };
            check_plain(init, &[])?;
            if init.signature.params.first().is_none_or(|p| p.kind == ParamKind::VarPositional) {
                return refuse("its __init__ takes no self parameter");
            }
            return Ok(Target {
                preset: Some(1),
                ..Target::new(scope.qualname(&owner.name, "__init__"), declared, init.signature.clone())
            });
        }
        if dataclass_options(scope, class_def(scope, &owner.name)?)?.is_some() {
            return refuse("a dataclass may generate its __init__");
        }
    }
    refuse("no class in its MRO has an __init__")
}

/// The named tuple `root` is bound to, as the code makes it.
fn named_tuple_of(scope: &Scope, root: &str) -> Option<Result<namedtuple::NamedTuple, String>> {
    match scope.binding(root) {
        Ok(Some(Binding::Class(def))) => namedtuple::class(scope, def),
        Ok(Some(Binding::Assign { value, .. })) => namedtuple::call(scope, value),
        _ => None,
    }
}

/// A field or a plain method of a named tuple of the code, used as a handler (`N.x`): the
/// probe takes it from an instance made with `N.__new__(N)`, which raises as calling `N()` does
/// when a field has no default. With every field defaulted, a field's value is its default,
/// and `inspect.signature` of a value that is not callable raises TypeError.
fn named_tuple_instance_error(scope: &Scope, handler: &str, python_minor: u8) -> Option<String> {
    let (root, attribute) = handler.split_once('.')?;
    let named = named_tuple_of(scope, root)?.ok()?;
    let field = named.fields.iter().find(|(name, _, _)| name == attribute).cloned();
    let plain_method = match scope.binding(root) {
        Ok(Some(Binding::Class(def))) => def.body.iter().any(|stmt| {
            matches!(stmt, ast::Stmt::FunctionDef(method) if method.name.id.as_str() == attribute && method.decorator_list.is_empty())
        }),
        _ => false,
    };
    if field.is_none() && !plain_method {
        return None;
    }
    if let Err(error) = bind(&named_tuple_target(named), &[], &[], python_minor, &mut Vec::new()) {
        return Some(error);
    }
    let (_, _, Some(default)) = field? else { return None };
    default_repr(&default).map(|repr| format!("TypeError: {repr} is not a callable object"))
}

/// `N.attribute` of the named tuple `N` when [`named_tuple_instance_error`] predicts no error:
/// a method of the class statement, bound to the instance; anything else is declined.
fn named_tuple_attribute(module: &Module, handler: &str, root: &str, attribute: &str) -> Result<Target, DispatchError> {
    let method = module.class(root).and_then(|class| class.member(attribute)).and_then(|member| match &member.kind {
        MemberKind::Method(function) if function.decorators.is_empty() => Some(function),
        _ => None,
    });
    let Some(function) = method else {
        return Err(DispatchError::Unsupported(format!(
            "{handler} is not a plain method of the named tuple {root}, nor a field whose default the lab reads; what tuple and the generated class give it is not followed"
        )));
    };
    check_plain(function, &[])?;
    Ok(Target::new(format!("{root}.{attribute}"), function.bound_signature(), function.signature.clone()))
}

fn named_tuple_target(named: namedtuple::NamedTuple) -> Target {
    let (signature, code_signature) = named.signatures();
    Target::new(format!("{}.__new__", named.typename), signature, code_signature)
}

/// The `__init__` `@dataclass` generates for `owner` from its fields: `self`, the fields it
/// initializes in order, then the keyword-only ones after a `*`.
fn generated_init(owner: &pysource::Class, fields: &[dataclass::Field]) -> Result<Target, DispatchError> {
    let init: Vec<&dataclass::Field> = fields.iter().filter(|f| f.init).collect();
    if init.iter().any(|f| f.name == "self") {
        return Err(DispatchError::Unsupported(format!(
            "{} has a field named self, and the generated __init__ then names its receiver otherwise; the lab does not follow it",
            owner.name
        )));
    }
    let param = |field: &dataclass::Field, kind| Param {
        name: field.name.clone(),
        kind,
        default: field.default.as_ref().map(|d| match d {
            dataclass::Default::Value(text) => text.clone(),
            dataclass::Default::Factory => "<factory>".to_string(),
        }),
        annotation: Some(field.annotation.clone()),
    };
    let mut params: Vec<Param> =
        init.iter().filter(|f| !f.kw_only).map(|f| param(f, ParamKind::PositionalOrKeyword)).collect();
    params.extend(init.iter().filter(|f| f.kw_only).map(|f| param(f, ParamKind::KeywordOnly)));
    let signature = Signature { params, returns: Some("None".into()) };
    let mut code_signature = signature.clone();
    code_signature.params.insert(
        0,
        Param { name: "self".into(), kind: ParamKind::PositionalOrKeyword, default: None, annotation: None },
    );
    let factories =
        init.iter().filter(|f| f.default == Some(dataclass::Default::Factory)).map(|f| f.name.clone()).collect();
    Ok(Target { factories, ..Target::new(format!("{}.__init__", owner.name), signature, code_signature) })
}

fn check_plain(function: &pysource::Function, allowed: &[&str]) -> Result<(), DispatchError> {
    if function.is_async {
        return Err(DispatchError::Unsupported(format!("{} (line {}) is async", function.name, function.line)));
    }
    match function.decorators.iter().find(|d| !allowed.contains(&d.as_str())) {
        Some(decorator) => Err(DispatchError::Unsupported(format!(
            "{} (line {}) is decorated with @{decorator}, which may replace it or change its signature; the lab does not follow that decorator",
            function.name, function.line
        ))),
        None => Ok(()),
    }
}

/// A value handed to the call: the name it is passed for, the value, and its Python repr.
type Passed = (String, Value, String);

/// What the dispatcher hands to the call, or why it refused to call.
struct Call {
    positional: Vec<Passed>,
    keywords: Vec<Passed>,
    keys: Vec<KeyWiring>,
    refusal: Option<String>,
}

/// The payload, and Python's reading of it where the model has the text.
struct Values<'p> {
    payload: &'p Map<String, Value>,
    python: Option<&'p PyValue>,
}

impl Values<'_> {
    /// The repr of the payload's value for `key`, as `json.loads` made it.
    fn repr(&self, key: &str) -> String {
        match self.python.and_then(|p| p.get(key)) {
            Some(value) => value.repr(),
            None => self.payload.get(key).map(value_repr).unwrap_or_default(),
        }
    }

    /// The key's value is an integer serde_json could only hold as a float.
    fn big_int(&self, key: &str) -> bool {
        matches!(self.python.and_then(|p| p.get(key)), Some(PyValue::Int(_)))
            && self.payload.get(key).is_some_and(Value::is_f64)
    }
}

/// The call as Python would read it: `create_user(user_id=7, name='ada')`. Keywords that are not
/// identifiers go in a trailing `**{...}`.
fn call_text(handler: &str, call: &Call) -> String {
    let mut arguments: Vec<String> = call.positional.iter().map(|(_, _, repr)| repr.clone()).collect();
    let (named, other): (Vec<&Passed>, Vec<&Passed>) = call.keywords.iter().partition(|(k, _, _)| is_identifier(k));
    arguments.extend(named.iter().map(|(k, _, repr)| format!("{k}={repr}")));
    if !other.is_empty() {
        arguments.push(format!("**{}", dict_repr(other.iter().map(|(k, _, repr)| (k.as_str(), repr.clone())))));
    }
    format!("{handler}({})", arguments.join(", "))
}

pub(crate) fn is_identifier(name: &str) -> bool {
    const KEYWORDS: &[&str] = &[
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
        "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ];
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c == '_' || c.is_alphabetic())
        && chars.all(|c| c == '_' || c.is_alphanumeric())
        && !KEYWORDS.contains(&name)
}

/// The repr of what a parameter receives from its default: literals, and tuples of them.
fn default_repr(default: &str) -> Option<String> {
    expression_repr(&pysource::expression(default)?)
}

/// What a default `len(...)` of a literal string or tuple evaluates to, `len` being the built-in.
fn length_repr(scope: &Scope, default: &str) -> Option<String> {
    let pysource::Expression::Call { func, args, keywords } = pysource::expression(default)? else { return None };
    let is_len = matches!(&*func, pysource::Expression::Name { id } if id == "len");
    if !is_len || !keywords.is_empty() || !matches!(scope.binding("len"), Ok(None)) {
        return None;
    }
    let [argument] = args.as_slice() else { return None };
    expression_repr(argument)?;
    let length = match argument {
        // A str's length counts code points.
        pysource::Expression::Literal { literal: pysource::Literal::Str(text) } => text.chars().count(),
        pysource::Expression::Tuple { elements } => elements.len(),
        _ => return None,
    };
    Some(length.to_string())
}

/// The value of a literal's source text as the payload would carry it (a literal's item of
/// `*args` or `**kwargs` given by a partial); a string for any other expression, whose repr is
/// unknown and so never compared.
fn literal_value(text: &str) -> Value {
    match pysource::expression(text) {
        Some(pysource::Expression::Literal { literal }) => match literal {
            pysource::Literal::Int(i) => Value::from(i),
            pysource::Literal::Float(f) => Value::from(f),
            pysource::Literal::Str(s) => Value::String(s),
            pysource::Literal::Bool(b) => Value::Bool(b),
            pysource::Literal::None => Value::Null,
            pysource::Literal::Ellipsis => Value::String(text.to_string()),
        },
        _ => Value::String(text.to_string()),
    }
}

pub(crate) fn expression_repr(expression: &pysource::Expression) -> Option<String> {
    let literal = match expression {
        pysource::Expression::Literal { literal } => literal.clone(),
        pysource::Expression::Tuple { elements } => {
            let items = elements.iter().map(expression_repr).collect::<Option<Vec<String>>>()?;
            return Some(tuple_repr(&items));
        }
        _ => return None,
    };
    Some(match literal {
        pysource::Literal::Int(i) => i.to_string(),
        pysource::Literal::Float(f) => float_repr(f),
        pysource::Literal::Str(s) => str_repr(&s),
        pysource::Literal::Bool(true) => "True".into(),
        pysource::Literal::Bool(false) => "False".into(),
        pysource::Literal::None => "None".into(),
        pysource::Literal::Ellipsis => "Ellipsis".into(),
    })
}

/// The naive filter's call, or with `every_key` the call `handler(**payload)`.
fn naive_call(signature: &Signature, values: &Values, every_key: bool) -> Call {
    let payload = values.payload;
    let mut call = Call { positional: Vec::new(), keywords: Vec::new(), keys: Vec::new(), refusal: None };
    for (key, value) in payload {
        let var_keyword = signature.var_keyword();
        let (route, param) = match (signature.param(key), var_keyword) {
            (None, Some(var_keyword)) if every_key => (Route::ExtraKeyword, Some(var_keyword.name.clone())),
            (None, None) if every_key => (Route::Keyword, None),
            (None, _) => (Route::Dropped, None),
            (Some(param), _) if matches!(param.kind, ParamKind::PositionalOrKeyword | ParamKind::KeywordOnly) => {
                (Route::Keyword, Some(param.name.clone()))
            }
            // Named like a positional-only or variadic parameter: the keyword lands in **kwargs.
            (Some(_), Some(var_keyword)) => (Route::ExtraKeyword, Some(var_keyword.name.clone())),
            (Some(param), None) => (Route::Keyword, Some(param.name.clone())),
        };
        if route != Route::Dropped {
            call.keywords.push((key.clone(), value.clone(), values.repr(key)));
        }
        call.keys.push(KeyWiring { key: key.clone(), route, param });
    }
    call
}

fn strict_call(signature: &Signature, values: &Values) -> Call {
    let payload = values.payload;
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
        let original = value;
        let big_int = values.big_int(&param.name);
        let (value, repr) = match convert(param.annotation.as_deref(), value, big_int) {
            // A value passed as it came keeps the payload's repr; a converted one is shown as converted.
            Ok(value) if value == *original && !crate::convert::converts_to_float(param.annotation.as_deref()) => {
                (value, values.repr(&param.name))
            }
            Ok(value) => {
                let repr = value_repr(&value);
                (value, repr)
            }
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
            call.positional.push((param.name.clone(), value, repr));
        } else {
            call.keywords.push((param.name.clone(), value, repr));
        }
    }
    for key in payload.keys() {
        let wiring = match named(key) {
            Some(param) if param.kind == ParamKind::PositionalOnly => {
                KeyWiring { key: key.clone(), route: Route::Positional, param: Some(param.name.clone()) }
            }
            Some(param) => KeyWiring { key: key.clone(), route: Route::Keyword, param: Some(param.name.clone()) },
            None => {
                call.keywords.push((key.clone(), payload[key].clone(), values.repr(key)));
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
    positional: &[Passed],
    keywords: &[Passed],
    python_minor: u8,
    wiring: &mut Vec<ParamWiring>,
) -> Result<(), String> {
    // Bind against the function's own parameters: a bound receiver (`self`, `cls`) is already
    // filled, so a `self=` keyword collides with it ("got multiple values").
    let params = &target.code_signature.params;
    let receivers = target.preset.unwrap_or_else(|| params.len() - target.signature.params.len());
    let qualname = &target.qualname;
    let mut values: Vec<Option<(Value, String)>> = vec![None; params.len()];
    for slot in values.iter_mut().take(receivers) {
        *slot = Some((Value::Null, String::new()));
    }
    for (slot, (_, value, repr)) in values.iter_mut().skip(receivers).zip(positional) {
        *slot = Some((value.clone(), repr.clone()));
    }
    let var_keyword = params.iter().position(|p| p.kind == ParamKind::VarKeyword);
    let keyword_able = |p: &Param| matches!(p.kind, ParamKind::PositionalOrKeyword | ParamKind::KeywordOnly);
    // A partial's keywords for no parameter come first; the call's own replace them in place.
    let mut extra = Map::new();
    let mut extra_reprs: Vec<(&str, Option<String>)> = Vec::new();
    for (name, text) in &target.preset_extra {
        extra.insert(name.clone(), literal_value(text));
        extra_reprs.push((name, default_repr(text)));
    }
    for (name, value, repr) in keywords {
        if let Some(index) = params.iter().position(|p| keyword_able(p) && &p.name == name) {
            if values[index].is_some() {
                return Err(format!("TypeError: {qualname}() got multiple values for argument '{name}'"));
            }
            values[index] = Some((value.clone(), repr.clone()));
            continue;
        }
        if var_keyword.is_some() {
            extra.insert(name.clone(), value.clone());
            match extra_reprs.iter_mut().find(|(preset, _)| preset == name) {
                Some((_, preset)) => *preset = Some(repr.clone()),
                None => extra_reprs.push((name, Some(repr.clone()))),
            }
            continue;
        }
        let conflicts: Vec<&str> = params
            .iter()
            .filter(|p| p.kind == ParamKind::PositionalOnly && keywords.iter().any(|(k, _, _)| k == &p.name))
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
            let candidates = params
                .iter()
                .filter(|p| !is_variadic(p) && p.kind != ParamKind::PositionalOnly)
                .map(|p| p.name.as_str());
            if let Some(suggestion) = lab::suggest(name, candidates) {
                message.push_str(&format!(". Did you mean '{suggestion}'?"));
            }
        }
        return Err(message);
    }
    // The wiring is shown for a failing call too: which parameters are missing is the point.
    wiring.extend(params.iter().zip(&values).skip(receivers).map(|(param, value)| {
        let (source, value, repr) = match (param.kind, value) {
            (ParamKind::VarPositional, _) => {
                let items = target.spilled.iter().map(|text| literal_value(text)).collect();
                let reprs = target.spilled.iter().map(|text| default_repr(text)).collect::<Option<Vec<_>>>();
                (ParamSource::Collected, Some(Value::Array(items)), reprs.map(|r| tuple_repr(&r)))
            }
            (ParamKind::VarKeyword, _) => (
                ParamSource::Collected,
                Some(Value::Object(extra.clone())),
                extra_reprs
                    .iter()
                    .map(|(k, r)| Some((*k, r.clone()?)))
                    .collect::<Option<Vec<_>>>()
                    .map(|items| dict_repr(items.into_iter())),
            ),
            (_, Some((value, repr))) => (ParamSource::Payload, Some(value.clone()), Some(repr.clone())),
            (_, None) => match &param.default {
                Some(_) if target.factories.contains(&param.name) => {
                    (ParamSource::Default, None, Some("<factory>".to_string()))
                }
                Some(default) => (ParamSource::Default, None, default_repr(default)),
                None => (ParamSource::Missing, None, None),
            },
        };
        ParamWiring {
            name: param.name.clone(),
            kind: param.kind,
            source,
            value,
            default: param.default.clone(),
            repr,
            unknown: None,
        }
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
