//! Exception classes as handlers: classes of the code whose bases outside the code are built-in
//! exceptions.
//!
//! With no `__init__` or `__new__` of the code's own on the way, `inspect.signature` has nothing
//! to read on a built-in exception, and it raises "ValueError: no signature found for builtin
//! type <class '__main__.Failure'>" before any dispatcher looks at the payload (CPython 3.11 to
//! 3.14 alike).
//!
//! With one, `inspect.signature` walks the MRO (3.11 to 3.14 alike) to the first class that
//! defines a Python `__new__` or `__init__` (`__new__` first within a class) and reports it
//! without its receiver; a built-in's are not "user defined". The call runs `__new__` then
//! `__init__` with the same arguments: a built-in `__new__` keeps the positional arguments as
//! `args` and ignores keywords, except `OSError`'s, which defers to an `__init__` of the code, and
//! `BaseExceptionGroup`'s, which needs exactly two (declined). A `__new__` of the code is followed
//! when its body only returns `super().__new__(cls, ...)` with plain arguments; the built-in
//! `__init__` that then runs refuses keywords ("TypeError: Failure() takes no keyword
//! arguments"), except `OSError`'s (a no-op then); the built-ins whose `__init__` reads its
//! arguments (`ImportError`, `NameError`, `SyntaxError`, the Unicode errors...) are declined
//! there. An `__init__` of the code whose first statement hands its `**` parameter to
//! `BaseException.__init__` (`super().__init__(message, **details)`) meets the same refusal
//! whenever that parameter collected anything. [`hierarchy`] checks what the lab needs of the
//! classes on the way.

use ruff_python_ast::{self as ast, Expr, Stmt};

use pysource::{Class, Module};

use crate::recognize::binds;
use crate::scope::{Binding, Scope};

/// The built-in exceptions without a text signature on CPython 3.11, 3.12, 3.13 and Pyodide's
/// 3.14 alike: what `[n for n in dir(builtins) if isinstance(getattr(builtins, n), type) and
/// issubclass(getattr(builtins, n), BaseException) and getattr(builtins, n).__text_signature__
/// is None]` gives on all four (`tests/builtin_exceptions.rs` checks it on every Python present).
pub const BUILTIN_EXCEPTIONS: &[&str] = &[
    "ArithmeticError",
    "AssertionError",
    "AttributeError",
    "BaseException",
    "BaseExceptionGroup",
    "BlockingIOError",
    "BrokenPipeError",
    "BufferError",
    "BytesWarning",
    "ChildProcessError",
    "ConnectionAbortedError",
    "ConnectionError",
    "ConnectionRefusedError",
    "ConnectionResetError",
    "DeprecationWarning",
    "EOFError",
    "EncodingWarning",
    "EnvironmentError",
    "Exception",
    "ExceptionGroup",
    "FileExistsError",
    "FileNotFoundError",
    "FloatingPointError",
    "FutureWarning",
    "GeneratorExit",
    "IOError",
    "ImportError",
    "ImportWarning",
    "IndentationError",
    "IndexError",
    "InterruptedError",
    "IsADirectoryError",
    "KeyError",
    "KeyboardInterrupt",
    "LookupError",
    "MemoryError",
    "ModuleNotFoundError",
    "NameError",
    "NotADirectoryError",
    "NotImplementedError",
    "OSError",
    "OverflowError",
    "PendingDeprecationWarning",
    "PermissionError",
    "ProcessLookupError",
    "RecursionError",
    "ReferenceError",
    "ResourceWarning",
    "RuntimeError",
    "RuntimeWarning",
    "StopAsyncIteration",
    "StopIteration",
    "SyntaxError",
    "SyntaxWarning",
    "SystemError",
    "SystemExit",
    "TabError",
    "TimeoutError",
    "TypeError",
    "UnboundLocalError",
    "UnicodeDecodeError",
    "UnicodeEncodeError",
    "UnicodeError",
    "UnicodeTranslateError",
    "UnicodeWarning",
    "UserWarning",
    "ValueError",
    "Warning",
    "ZeroDivisionError",
];

/// The names in a class body that decide what calling the class does or what
/// `inspect.signature` reads.
const CALL_MEMBERS: [&str; 5] = ["__init__", "__new__", "__signature__", "__text_signature__", "__init_subclass__"];

/// Whether a class statement brings nothing that decides how the class is called: no decorator,
/// type parameter, class keyword (`metaclass=`), block in its body, nor any of `CALL_MEMBERS`.
pub(crate) fn brings_nothing_to_calls(class: &ast::StmtClassDef) -> bool {
    class.decorator_list.is_empty()
        && class.type_params.is_none()
        && class.arguments.as_ref().is_none_or(|a| a.keywords.is_empty())
        && class.body.iter().all(|stmt| {
            !matches!(stmt, Stmt::If(_) | Stmt::For(_) | Stmt::While(_) | Stmt::With(_) | Stmt::Try(_) | Stmt::Match(_))
                && !CALL_MEMBERS.iter().any(|member| binds(stmt, member))
        })
}

/// The error `inspect.signature(handler)` raises when `handler` names such an exception class.
pub(crate) fn signature_error(scope: &Scope, handler: &str) -> Option<String> {
    (reaches_builtin_exception(scope, handler, 0) == Some(true))
        .then(|| format!("ValueError: no signature found for builtin type <class '__main__.{handler}'>"))
}

/// For a top-level class of the code that brings nothing deciding how it is called (and whose
/// classes of the code among its bases bring nothing either): whether a built-in exception is
/// among its bases outside the code, all of which must be built-in exceptions or `object`.
/// `None` for anything else.
fn reaches_builtin_exception(scope: &Scope, name: &str, depth: usize) -> Option<bool> {
    let Ok(Some(Binding::Class(class))) = scope.binding(name) else { return None };
    if !(depth < 16 && brings_nothing_to_calls(class)) {
        return None;
    }
    let mut reached = false;
    for base in class.arguments.iter().flat_map(|a| a.args.iter()) {
        let Expr::Name(base) = base else { return None };
        let base = base.id.as_str();
        match scope.binding(base) {
            Ok(None) if base == "object" => {}
            Ok(None) if BUILTIN_EXCEPTIONS.contains(&base) => reached = true,
            Ok(Some(Binding::Class(_))) => reached |= reaches_builtin_exception(scope, base, depth + 1)?,
            _ => return None,
        }
    }
    Some(reached)
}

/// How a built-in exception's own `__new__` and `__init__` take the arguments of a call that
/// reaches them (what `tests/corpus/exceptions.py` shows on CPython 3.11 to 3.13 and Pyodide).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BuiltinKind {
    /// `BaseException.__new__` takes anything; `BaseException.__init__` refuses keywords.
    Plain,
    /// `OSError.__new__` leaves the arguments to an `__init__` of the code, and `OSError.__init__`
    /// leaves them to a `__new__` of the code (which then parses at most five positional ones).
    Os,
    /// An `__init__` that reads its arguments (names, counts, types): not followed.
    ReadsArguments,
    /// `BaseExceptionGroup.__new__` takes exactly a message and a sequence: not followed.
    Group,
}

impl BuiltinKind {
    fn of(name: &str) -> BuiltinKind {
        match name {
            "BaseExceptionGroup" | "ExceptionGroup" => BuiltinKind::Group,
            // BlockingIOError's __init__ converts a third argument to an integer.
            "AttributeError"
            | "ImportError"
            | "ModuleNotFoundError"
            | "NameError"
            | "UnboundLocalError"
            | "UnicodeDecodeError"
            | "UnicodeEncodeError"
            | "UnicodeTranslateError"
            | "SyntaxError"
            | "IndentationError"
            | "TabError"
            | "BlockingIOError" => BuiltinKind::ReadsArguments,
            "OSError"
            | "EnvironmentError"
            | "IOError"
            | "BrokenPipeError"
            | "ChildProcessError"
            | "ConnectionError"
            | "ConnectionAbortedError"
            | "ConnectionRefusedError"
            | "ConnectionResetError"
            | "FileExistsError"
            | "FileNotFoundError"
            | "InterruptedError"
            | "IsADirectoryError"
            | "NotADirectoryError"
            | "PermissionError"
            | "ProcessLookupError"
            | "TimeoutError" => BuiltinKind::Os,
            _ => BuiltinKind::Plain,
        }
    }
}

/// Whether `name` is `OSError`, an alias of it or one of its subclasses, whose `__str__` is
/// OSError's.
pub(crate) fn is_os_error(name: &str) -> bool {
    name == "BlockingIOError" || BuiltinKind::of(name) == BuiltinKind::Os
}

/// For a class of the code that reaches built-in exceptions: the one the call's built-in
/// `__new__` and `__init__` come from, and how they take the call's arguments.
pub(crate) struct Hierarchy {
    pub builtin: String,
    pub kind: BuiltinKind,
}

/// Whether `name` is a built-in exception the code does not rebind.
pub(crate) fn is_builtin_exception(scope: &Scope, name: &str) -> bool {
    BUILTIN_EXCEPTIONS.contains(&name) && matches!(scope.binding(name), Ok(None))
}

/// The built-in exception `class` reaches through its bases (None if it reaches none), when the
/// lab can tell which built-in `__new__` and `__init__` a call meets after the code's own: every
/// class of the code lists its bases of the code before its built-in ones (so that every class
/// of the code comes before every built-in in the MRO), and the built-in bases all take
/// arguments alike.
pub(crate) fn hierarchy(module: &Module, scope: &Scope, class: &Class) -> Result<Option<Hierarchy>, String> {
    let mut found: Option<Hierarchy> = None;
    for owner in module.mro(class) {
        let mut builtin_before: Option<&str> = None;
        for base in owner.base_names() {
            if is_builtin_exception(scope, base) {
                builtin_before.get_or_insert(base);
                let kind = BuiltinKind::of(base);
                match &found {
                    Some(other) if other.kind != kind => {
                        return Err(format!(
                            "{}'s built-in bases {} and {base} take a call's arguments differently, and the lab does not follow which one wins",
                            class.name, other.builtin
                        ))
                    }
                    Some(_) => {}
                    None => found = Some(Hierarchy { builtin: base.to_string(), kind }),
                }
            } else if let Some(builtin) = builtin_before.filter(|_| module.class(base).is_some()) {
                return Err(format!(
                    "{} lists the built-in base {builtin} before {base}, so a built-in __new__ or __init__ may come first in the MRO; the lab does not follow it",
                    owner.name
                ));
            }
        }
    }
    Ok(found)
}

/// A `__new__` whose body is only `return super().__new__(cls, ...)` (after a docstring) with
/// names, `*name`s and literals as arguments: it returns an instance of the class without raising,
/// given a built-in `__new__` after it. The refusal names what else it does.
pub(crate) fn forwards_to_builtin_new(scope: &Scope, def: &ast::StmtFunctionDef) -> Result<(), String> {
    let forwards = match after_docstring(def) {
        [Stmt::Return(ast::StmtReturn { value: Some(value), .. })] => super_call(scope, value, "__new__")
            .is_some_and(|call| {
                let receiver = def.parameters.posonlyargs.iter().chain(&def.parameters.args).next();
                let is_receiver = |expr: &Expr| {
                    matches!((expr, receiver), (Expr::Name(n), Some(r)) if n.id.as_str() == r.parameter.name.id.as_str())
                };
                call.arguments.keywords.is_empty()
                    && call.arguments.args.first().is_some_and(is_receiver)
                    && call.arguments.args.iter().skip(1).all(|arg| plain_argument(def, arg))
            }),
        _ => false,
    };
    if forwards {
        Ok(())
    } else {
        Err(format!(
            "{} (line {}) does more than `return super().__new__(cls, ...)` with plain arguments, and the lab does not follow what it returns",
            def.name.id,
            scope.line(def)
        ))
    }
}

/// For an `__init__` whose first statement (after a docstring) is `super().__init__(...,
/// **name)` with plain arguments, `name` being its `**` parameter: `name`. When a built-in
/// `BaseException.__init__` comes next, that statement raises as soon as `name` holds anything.
pub(crate) fn forwards_keywords(scope: &Scope, def: &ast::StmtFunctionDef) -> Option<String> {
    let [Stmt::Expr(first), ..] = after_docstring(def) else { return None };
    let call = super_call(scope, &first.value, "__init__")?;
    let collected = def.parameters.kwarg.as_ref()?.name.id.as_str();
    let forwards = call.arguments.args.iter().all(|arg| plain_argument(def, arg))
        && matches!(
            call.arguments.keywords.as_ref(),
            [ast::Keyword { arg: None, value: Expr::Name(name), .. }] if name.id.as_str() == collected
        );
    forwards.then(|| collected.to_string())
}

fn after_docstring(def: &ast::StmtFunctionDef) -> &[Stmt] {
    match def.body.as_slice() {
        [Stmt::Expr(docstring), rest @ ..] if docstring.value.is_string_literal_expr() => rest,
        body => body,
    }
}

/// `expr` as `super().method(...)`, with `super` the built-in.
fn super_call<'e>(scope: &Scope, expr: &'e Expr, method: &str) -> Option<&'e ast::ExprCall> {
    let Expr::Call(call) = expr else { return None };
    let Expr::Attribute(attribute) = &*call.func else { return None };
    let Expr::Call(sup) = &*attribute.value else { return None };
    let bare_super = matches!(&*sup.func, Expr::Name(n) if n.id.as_str() == "super")
        && sup.arguments.args.is_empty()
        && sup.arguments.keywords.is_empty()
        && matches!(scope.binding("super"), Ok(None));
    (bare_super && attribute.attr.id.as_str() == method).then_some(call)
}

/// An argument whose evaluation cannot raise: a parameter of `def`, a literal, or `*args` of
/// its own `*` parameter.
fn plain_argument(def: &ast::StmtFunctionDef, expr: &Expr) -> bool {
    let parameters = &def.parameters;
    match expr {
        Expr::Name(name) => parameters
            .posonlyargs
            .iter()
            .chain(&parameters.args)
            .chain(&parameters.kwonlyargs)
            .any(|p| p.parameter.name.id.as_str() == name.id.as_str()),
        Expr::NumberLiteral(_) | Expr::StringLiteral(_) | Expr::BooleanLiteral(_) | Expr::NoneLiteral(_) => true,
        Expr::Starred(starred) => matches!(
            (&*starred.value, &parameters.vararg),
            (Expr::Name(name), Some(vararg)) if name.id.as_str() == vararg.name.id.as_str()
        ),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(code: &str, handler: &str) -> Option<String> {
        signature_error(&Scope::new(code), handler)
    }

    #[test]
    fn an_exception_class_without_its_own_init_has_no_signature() {
        let code = "class Failure(Exception):\n    def greet(self):\n        pass\n\nclass Child(Failure, KeyError):\n    code = 3\n";
        assert_eq!(
            error(code, "Failure").as_deref(),
            Some("ValueError: no signature found for builtin type <class '__main__.Failure'>")
        );
        assert_eq!(
            error(code, "Child").as_deref(),
            Some("ValueError: no signature found for builtin type <class '__main__.Child'>")
        );
    }

    fn hierarchy_of(code: &str, handler: &str) -> Result<Option<(String, BuiltinKind)>, String> {
        let scope = Scope::new(code);
        let module = pysource::parse(code).unwrap();
        let class = module.class(handler).unwrap();
        Ok(hierarchy(&module, &scope, class)?.map(|h| (h.builtin, h.kind)))
    }

    #[test]
    fn the_builtin_a_class_reaches_decides_how_the_call_is_taken() {
        let code = "class A(Exception):\n    pass\n\nclass B(A, KeyError):\n    pass\n\nclass C(PermissionError):\n    pass\n\nclass D:\n    pass\n";
        assert_eq!(hierarchy_of(code, "B"), Ok(Some(("KeyError".into(), BuiltinKind::Plain))));
        assert_eq!(hierarchy_of(code, "C"), Ok(Some(("PermissionError".into(), BuiltinKind::Os))));
        assert_eq!(hierarchy_of(code, "D"), Ok(None));
        let mixed = "class A(OSError):\n    pass\n\nclass B(A, KeyError):\n    pass\n";
        assert!(hierarchy_of(mixed, "B").unwrap_err().contains("take a call's arguments differently"));
        let builtin_first = "class A(Exception):\n    pass\n\nclass B(KeyError, A):\n    pass\n";
        assert!(hierarchy_of(builtin_first, "B").unwrap_err().contains("lists the built-in base KeyError before A"));
        let rebound = "KeyError = dict\n\nclass B(KeyError):\n    pass\n";
        assert_eq!(hierarchy_of(rebound, "B"), Ok(None));
    }

    #[test]
    fn only_a_new_that_returns_the_builtin_new_is_followed() {
        let forwards = |body: &str| {
            let code = format!("class H(Exception):\n    def __new__(cls, a, *args, b=0, **kw):\n{body}");
            let scope = Scope::new(&code);
            let Some(Stmt::ClassDef(class)) = scope.body().first() else { panic!() };
            let Stmt::FunctionDef(new) = &class.body[0] else { panic!() };
            forwards_to_builtin_new(&scope, new).is_ok()
        };
        assert!(forwards("        return super().__new__(cls)\n"));
        assert!(forwards("        \"Doc.\"\n        return super().__new__(cls, a, *args, b, 'x', 1, None)\n"));
        for refused in [
            "        return super().__new__(cls, *a)\n",
            "        return super().__new__(cls, a, **kw)\n",
            "        return super().__new__(cls, missing)\n",
            "        return super().__new__(a)\n",
            "        return super(H, cls).__new__(cls)\n",
            "        return Exception.__new__(cls)\n",
            "        return super().__new__(cls, len(a))\n",
            "        print(a)\n        return super().__new__(cls)\n",
            "        return ValueError(a)\n",
        ] {
            assert!(!forwards(refused), "{refused}");
        }
    }

    #[test]
    fn an_init_handing_its_keywords_to_the_builtin_is_recognized() {
        let collected = |body: &str| {
            let code = format!("class H(Exception):\n    def __init__(self, a, *args, **kw):\n{body}");
            let scope = Scope::new(&code);
            let Some(Stmt::ClassDef(class)) = scope.body().first() else { panic!() };
            let Stmt::FunctionDef(init) = &class.body[0] else { panic!() };
            forwards_keywords(&scope, init)
        };
        assert_eq!(collected("        super().__init__(a, *args, **kw)\n        self.a = a\n").as_deref(), Some("kw"));
        assert_eq!(collected("        \"Doc.\"\n        super().__init__(**kw)\n").as_deref(), Some("kw"));
        for other in [
            "        super().__init__(a)\n",
            "        self.a = a\n        super().__init__(**kw)\n",
            "        super().__init__(a, **args)\n",
            "        super().__init__(a, b=1, **kw)\n",
            "        super().__init__(str(a), **kw)\n",
            "        Exception.__init__(self, **kw)\n",
        ] {
            assert_eq!(collected(other), None, "{other}");
        }
    }

    #[test]
    fn anything_that_decides_the_call_is_left_to_the_lab() {
        for code in [
            "class H(Exception):\n    def __init__(self, a):\n        pass\n",
            "class B(Exception):\n    def __new__(cls, a):\n        pass\n\nclass H(B):\n    pass\n",
            "class H(Exception):\n    __signature__ = None\n",
            "class H(Exception, metaclass=type):\n    pass\n",
            "@dataclass\nclass H(Exception):\n    a: int = 0\n",
            "import os\nclass H(Exception):\n    if os.environ:\n        x = 1\n",
            "class H(dict):\n    pass\n",
            "class H:\n    pass\n",
            "from errors import Exception\nclass H(Exception):\n    pass\n",
            "ValueError = KeyError\nclass H(ValueError):\n    pass\n",
            "import builtins\nclass H(builtins.Exception):\n    pass\n",
            "class H(Exception):\n    pass\n\nH.__init__ = lambda self, a: None\n",
        ] {
            assert_eq!(error(code, "H"), None, "{code}");
        }
    }
}
