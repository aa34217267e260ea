//! Exception classes as handlers: a class of the code whose bases outside the code are built-in
//! exceptions, with no `__init__` or `__new__` of the code's own on the way, gives
//! `inspect.signature` nothing to read, and it raises "ValueError: no signature found for
//! builtin type <class '__main__.Failure'>" before any dispatcher looks at the payload (CPython
//! 3.11 to 3.14 alike). A class that brings its own `__init__` or `__new__`, or anything else
//! that decides how it is called, is left to the rest of the lab, which declines its base.

use ruff_python_ast::{Expr, Stmt};

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
    let plain = depth < 16
        && class.decorator_list.is_empty()
        && class.type_params.is_none()
        && class.arguments.as_ref().is_none_or(|a| a.keywords.is_empty())
        && class.body.iter().all(|stmt| {
            !matches!(stmt, Stmt::If(_) | Stmt::For(_) | Stmt::While(_) | Stmt::With(_) | Stmt::Try(_) | Stmt::Match(_))
                && !CALL_MEMBERS.iter().any(|member| binds(stmt, member))
        });
    if !plain {
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

    #[test]
    fn anything_that_decides_the_call_is_left_to_the_lab() {
        for code in [
            "class H(Exception):\n    def __init__(self, a):\n        pass\n",
            "class B(Exception):\n    def __new__(cls, a):\n        pass\n\nclass H(B):\n    pass\n",
            "class H(Exception):\n    __signature__ = None\n",
            "class H(Exception, metaclass=type):\n    pass\n",
            "@dataclass\nclass H(Exception):\n    a: int = 0\n",
            "class H(Exception):\n    if True:\n        x = 1\n",
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
