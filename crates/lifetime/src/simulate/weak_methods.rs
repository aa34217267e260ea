//! `weakref.WeakMethod(obj.method, callback=None)` as `weakref.py` builds it: a weak reference
//! to the bound method's object (a subclass of `ref`, so never the object's basic reference),
//! with the method's function kept by a weak reference of its own. Calling it binds the
//! function to the object again, a new bound method, or gives None once the object died; the
//! callback, held by the closure the reference calls, gets the WeakMethod once, when the object
//! dies. Only a plain method of one of the program's classes is followed: the function then
//! lives as long as its class, longer than any instance.

use crate::world::{Obj, Val, WeakRef};

use super::{Outcome, Run, Stop};

impl Run<'_> {
    /// `weakref.WeakMethod(method)` or `weakref.WeakMethod(method, callback)`, held by nobody yet.
    pub(super) fn weak_method(&mut self, values: &[Val]) -> Outcome<Val> {
        let (target, method, callback) = match values {
            [Val::Bound(target, method)] => (*target, method, None),
            [Val::Bound(target, method), callback] if self.weak_callback(callback).is_some() => {
                (*target, method, self.weak_callback(callback).flatten())
            }
            [Val::Bound(..), _] => {
                return Err(not_modelled!(
                "a weakref.WeakMethod callback other than one of the program's functions or closures is not modelled"
            ))
            }
            _ => {
                return Err(not_modelled!(
                    "weakref.WeakMethod of something other than a bound method (TypeError) is not modelled"
                ))
            }
        };
        let object = &self.world.objs[target];
        if object.items.is_some() || object.exception.is_some() || object.weak.is_some() || !self.plain_method(method) {
            return Err(not_modelled!("weakref.WeakMethod of `{method}` is not modelled"));
        }
        self.weakly_referable_instance(target)?;
        let seq = self.world.weak_made;
        self.world.weak_made += 1;
        let label = format!("WeakMethod to {method} of {}", object.label);
        let weak = WeakRef { target, callback, cleared: false, seq, entry_of: None, method: Some(method.clone()) };
        let reference = self.new_object(Obj { weak: Some(weak), ..Obj::new(WEAK_METHOD, label, Vec::new()) })?;
        Ok(Val::Obj(reference))
    }
}

/// The class of a `weakref.WeakMethod`.
pub(super) const WEAK_METHOD: &str = "WeakMethod";
