//! The program's imports, as they run: `import gc`, `import weakref as wr`, `from weakref import
//! finalize` and `from atexit import register as on_exit` each bind a name from the statement on
//! (in a block too, once the statement ran), and a call through that name is the library's:
//! `wr.finalize(...)` and `finalize(...)` are `weakref.finalize(...)`. A name the program binds
//! to something else (a global, a function's local, a definition) is not the import's any more.
//!
//! A program imports only what the lab lets it (`IMPORTABLE`); at any other import the lab
//! stops, since importing may run code (`import this` prints) or raise (a misspelt name raises
//! ImportError at that line, a missing module ModuleNotFoundError).

use pysource::Import;

use super::{Frame, Outcome, Run, Stop};
use crate::world::Val;

/// The modules whose functions the model follows, once the program imported them.
pub(super) const FOLLOWED_MODULES: [&str; 7] =
    ["gc", "weakref", "sys", "atexit", "functools", "contextlib", "dataclasses"];

/// What a program may import, each by what it names: a module (`import gc`, `import abc as a`)
/// or a name in one (`from weakref import finalize`). Besides the followed modules and the
/// names the model follows in them, modules that import quietly, whose names the model reads
/// where it can (`abc.ABC` as a base, `typing.ClassVar` in a dataclass) and declines elsewhere.
/// `tests/imports.rs` imports each of them in every CPython.
pub const IMPORTABLE: [&str; 31] = [
    "gc",
    "gc.collect",
    "gc.disable",
    "gc.enable",
    "gc.isenabled",
    "weakref",
    "weakref.ref",
    "weakref.finalize",
    "weakref.WeakValueDictionary",
    "weakref.WeakKeyDictionary",
    "weakref.WeakMethod",
    "sys",
    "sys.exit",
    "atexit",
    "atexit.register",
    "atexit.unregister",
    "functools",
    "functools.wraps",
    "contextlib",
    "contextlib.contextmanager",
    "dataclasses",
    "dataclasses.dataclass",
    "dataclasses.field",
    "dataclasses.KW_ONLY",
    "dataclasses.InitVar",
    "dataclasses.FrozenInstanceError",
    "abc",
    "abc.ABC",
    "typing",
    "typing.ClassVar",
    "enum",
];

impl Run<'_> {
    /// A module-level import statement: its names are bound from here on.
    pub(super) fn import_statement(&mut self, bindings: &[Import]) -> Outcome<()> {
        for Import { bound, target, is_module, .. } in bindings {
            if !IMPORTABLE.contains(&target.as_str()) {
                let statement = if *is_module {
                    format!("import {target}")
                } else {
                    let (module, name) = target.rsplit_once('.').unwrap_or_default();
                    format!("from {module} import {name}")
                };
                return Err(not_modelled!(
                    "`{statement}` is not modelled (the lab follows {} and what it uses of them)",
                    FOLLOWED_MODULES.join(", ")
                ));
            }
            self.imported.retain(|(name, _)| name != bound);
            self.imported.push((bound.clone(), target.clone()));
        }
        Ok(())
    }

    /// The library's name for `expression` (a dotted name) where its first name is bound by an
    /// import that ran and not bound to anything else in `frame`'s scope: `wr.finalize` after
    /// `import weakref as wr` is `weakref.finalize`.
    pub(super) fn imported_name(&self, expression: &pysource::Expression, frame: Frame) -> Option<String> {
        let dotted = expression.dotted()?;
        let (head, rest) = dotted.split_once('.').map_or((dotted.as_str(), None), |(h, r)| (h, Some(r)));
        let (_, target) = self.imported.iter().find(|(bound, _)| bound == head)?;
        if self.binds(head, frame) {
            return None;
        }
        Some(match rest {
            Some(rest) => format!("{target}.{rest}"),
            None => target.clone(),
        })
    }

    /// `value` of `value.attr`, evaluated. Kept out of `eval` and `call_with`, whose stack
    /// frames every nested call repeats (`MAX_CALL_DEPTH`).
    #[inline(never)]
    pub(super) fn attribute_base(&mut self, value: &pysource::Expression, attr: &str, frame: Frame) -> Outcome<Val> {
        self.eval(value, frame).map_err(|stop| self.module_attribute_stop(stop, value, attr, frame))
    }

    /// What stops the lab at `value.attr` where `value`, a module the program imported, stopped
    /// it: the module's name is no value of the model, so the name the program reached for
    /// (`weakref.WeakMethod`) is what it does not follow.
    fn module_attribute_stop(&self, stop: Stop, value: &pysource::Expression, attr: &str, frame: Frame) -> Stop {
        match (&stop, self.imported_name(value, frame)) {
            (Stop::NotModelled(_), Some(module)) => not_modelled!("`{module}.{attr}` is not modelled"),
            _ => stop,
        }
    }

    /// Whether the program binds `id` itself where `frame` reads it: a local of the function (set
    /// or not yet), of a comprehension or its enclosing scopes, a global, or a definition.
    pub(super) fn binds(&self, id: &str, frame: Frame) -> bool {
        if let Some(f) = frame {
            if self.world.frames[f].iter().any(|(name, _)| name == id) {
                return true;
            }
            if let Some(&(_, enclosing)) = self.scopes.iter().rev().find(|(scope, _)| *scope == f) {
                return self.binds(id, enclosing);
            }
            let local = self.locals.iter().rev().find(|(index, ..)| *index == f);
            if local.is_some_and(|(_, names, ..)| names.iter().any(|n| n == id)) {
                return true;
            }
        }
        self.world.global(id).is_some() || self.defined.iter().any(|n| n == id)
    }
}
