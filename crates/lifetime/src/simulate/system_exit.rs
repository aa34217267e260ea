//! `sys.exit()` and `SystemExit`. `sys.exit(code)` raises `SystemExit(code)` from C (no frame
//! of its own; `sys.exit()` and `sys.exit(None)` make one without arguments), which unwinds
//! like any exception: `finally` clauses and `__exit__` methods run, `except Exception` lets it
//! pass. When it ends the module, CPython prints no traceback: `_Py_HandleSystemExit` reads its
//! `code` (None: status 0; an int: that status; anything else is printed to stderr, status 1),
//! lets go of the exception and its traceback, and only then exits (`Py_Exit`): the atexit
//! handlers run after what the traceback's frames kept has gone, and `sys.last_exc` is never
//! set.

use pysource::Expression;

use crate::world::Val;

use super::{Outcome, Run, Stop};

/// `SystemExit.code`: its one argument, None without arguments.
pub(super) fn code(args: &[Val]) -> Outcome<Val> {
    match args {
        [] => Ok(Val::None),
        [code] => Ok(code.clone()),
        _ => Err(not_modelled!("a SystemExit with several arguments is not modelled")),
    }
}

/// How a `SystemExit` ends the program.
pub(super) struct Exit {
    /// What the page's runner reports, `SystemExit: <code>`; None when the code is None or 0
    /// (a `sys.exit()` with status 0 is not an error).
    pub(super) error: Option<String>,
    /// The process's exit status: an int code modulo 256 (POSIX keeps its low byte), 1 for a
    /// code printed to stderr.
    pub(super) status: i32,
}

impl Run<'_> {
    /// `sys.exit(...)`: raises `SystemExit` with the code as its argument.
    pub(super) fn sys_exit(
        &mut self,
        args: &[Expression],
        keywords: &[(String, Expression)],
        frame: super::Frame,
    ) -> Outcome<Val> {
        if !keywords.is_empty() || args.len() > 1 {
            return Err(not_modelled!("`sys.exit` with these arguments (a TypeError) is not modelled"));
        }
        let code = match args.first() {
            Some(arg) => self.eval(arg, frame)?,
            None => Val::None,
        };
        let argument = match code {
            Val::None => Vec::new(),
            Val::Int(n) if i32::try_from(n).is_ok() => vec![code],
            Val::Bool(_) | Val::Str(_) => vec![code],
            other => return Err(not_modelled!("`sys.exit` of {} is not modelled", self.kind_name(&other))),
        };
        let exception = self.new_exception("SystemExit", argument)?;
        self.hold(&Val::Obj(exception));
        self.raise(exception)?;
        Err(Stop::Raised(exception))
    }

    /// Whether `exception` is a `SystemExit` (or derives from it).
    pub(super) fn is_system_exit(&self, exception: usize) -> Outcome<bool> {
        self.catches(exception, &Val::Class("SystemExit".to_owned()))
    }

    /// The `SystemExit` that ended the module, as `_Py_HandleSystemExit` handles it. On 3.11
    /// it holds the exception and the traceback apart (`PyErr_Fetch`): the exception goes
    /// first, then the traceback with the frames it kept. From 3.12 the exception alone holds
    /// its traceback and lets go of it when it goes, between its arguments and its context.
    pub(super) fn system_exit(&mut self, exception: usize) -> Outcome<Exit> {
        let code = code(&self.exception_args(exception))?;
        let label = self.world.objs[exception].label.clone();
        let exit = match &code {
            Val::None | Val::Bool(false) | Val::Int(0) => Exit { error: None, status: 0 },
            Val::Bool(true) => Exit { error: Some("SystemExit: True".to_owned()), status: 1 },
            Val::Int(n) => Exit { error: Some(format!("SystemExit: {n}")), status: n.rem_euclid(256) as i32 },
            Val::Str(text) => Exit { error: Some(format!("SystemExit: {text}")), status: 1 },
            other => return Err(not_modelled!("a SystemExit whose code is {} is not modelled", self.kind_name(other))),
        };
        self.events.push(format!("{label} ends the program: it exits with status {}, no traceback", exit.status));
        if self.minor == 11 {
            self.exception_and_traceback_released("_Py_HandleSystemExit lets go of the exception")?;
        } else {
            self.drop_exception(exception)?;
        }
        self.record(Some(self.at.0), self.at.1.clone());
        Ok(exit)
    }
}
