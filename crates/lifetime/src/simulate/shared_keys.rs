//! The order an instance of the program's classes keeps its attributes in, which is the order
//! it lets go of them when it is freed. CPython stores them as values beside the object, indexed
//! by its class's shared keys (`ht_cached_keys`): a name gets its index when the first instance
//! of the class sets it, and keeps it for every instance, whatever order another instance sets
//! its attributes in, and after `del`. Freeing an instance walks the values by index. From 3.14
//! the shared keys start with the class's `__static_attributes__` (sorted), then take the other
//! names as they come. They hold 30 names at most; past that an instance keeps a dict of its own,
//! which the model does not follow.

use crate::world::Val;

use super::{Outcome, Run, Stop};

/// `SHARED_KEYS_MAX_SIZE`.
const SHARED_KEYS_MAX: usize = 30;

/// What the model's key for a private name stored mangled starts with: no static name can.
const MANGLED: &str = "mangled ";

impl Run<'_> {
    /// After `obj` took a new attribute `attr`: its class's shared keys get the name if they lack
    /// it, and the instance's attributes stay in the keys' order.
    pub(super) fn attribute_added(&mut self, obj: usize, attr: &str) -> Outcome<()> {
        let object = &self.world.objs[obj];
        let class = object.class.clone();
        if object.items.is_some() || object.exception.is_some() || object.weak.is_some() {
            return Ok(());
        }
        if self.module.class(&class).is_none() || self.dataclass_of(&Val::Obj(obj)).is_some_and(|c| c.slots) {
            return Ok(());
        }
        let minor = self.minor;
        // From 3.14 the keys start with `__static_attributes__`, which holds a private name as
        // written (`__x`), while the instance stores it mangled (`_C__x`): a key of its own,
        // placed when first set like any name outside the static ones.
        let key = |name: &str| match minor {
            14.. if name.starts_with("__") && !name.ends_with("__") => format!("{MANGLED}{name}"),
            _ => name.to_owned(),
        };
        let attr_key = key(attr);
        let statics = &self.static_attributes;
        let keys = self.shared_keys.entry(class.clone()).or_insert_with(|| match minor {
            14.. => statics.get(&class).into_iter().flatten().take(SHARED_KEYS_MAX).cloned().collect(),
            _ => Vec::new(),
        });
        if !keys.contains(&attr_key) {
            if keys.len() >= SHARED_KEYS_MAX {
                return Err(not_modelled!(
                    "more than {SHARED_KEYS_MAX} attribute names on instances of `{class}` (past them an instance keeps a dict of its own) are not modelled"
                ));
            }
            keys.push(attr_key);
        }
        let keys = keys.clone();
        let index = |name: &str| keys.iter().position(|k| *k == key(name)).unwrap_or(usize::MAX);
        self.world.objs[obj].attrs.sort_by_key(|(name, _)| index(name));
        Ok(())
    }
}
