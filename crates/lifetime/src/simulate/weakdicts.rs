//! `weakref.WeakValueDictionary` and `weakref.WeakKeyDictionary` as `weakref.py` builds them: an
//! object whose `data` dict holds, for a WeakValueDictionary, each key with a `KeyedRef` (a weak
//! reference to the value, with a callback, holding the key too), and for a WeakKeyDictionary
//! a weak reference to each key (with a callback) with its value. When a referent dies, its
//! reference's callback takes the entry out of `data`: the key goes, then what the entry held.

use crate::world::{Obj, Val, WeakRef};

use super::containers::KeyRole;
use super::weak_dict_generators::WEAK_DICT_GENERATORS;
use super::{Outcome, Run, Stop};

/// The two weak dictionaries' classes.
pub(super) const WEAK_VALUES: &str = "WeakValueDictionary";
pub(super) const WEAK_KEYS: &str = "WeakKeyDictionary";

impl Run<'_> {
    /// The weak dictionary `value` is, with its `data` dict.
    pub(super) fn weak_dict(&self, value: &Val) -> Option<(usize, usize)> {
        let Val::Obj(obj) = value else { return None };
        let object = &self.world.objs[*obj];
        if object.freed || !matches!(object.class.as_str(), WEAK_VALUES | WEAK_KEYS) || object.items.is_some() {
            return None;
        }
        match object.attrs.iter().find(|(name, _)| name == "data") {
            Some((_, Val::Obj(data))) => Some((*obj, *data)),
            _ => None,
        }
    }

    /// `weakref.WeakValueDictionary()` or `weakref.WeakKeyDictionary()`, empty.
    pub(super) fn new_weak_dict(&mut self, class: &'static str, args: &[Val]) -> Outcome<Val> {
        if !args.is_empty() {
            return Err(not_modelled!("weakref.{class} with arguments is not modelled"));
        }
        let number = self.world.objs.iter().filter(|o| o.class == class).count() + 1;
        let label = format!("{class} #{number}");
        let data = self.new_container("dict", Vec::new())?;
        self.hold(&Val::Obj(data));
        let obj = self.new_object(Obj::new(class, label, vec![("data".to_owned(), Val::Obj(data))]))?;
        self.unhold(&Val::Obj(data));
        Ok(Val::Obj(obj))
    }

    /// Declines what cannot be weakly referred to, or hashed as the model knows it.
    fn weakly_referable(&self, value: &Val, role: &str) -> Outcome<usize> {
        match value {
            Val::Obj(obj) => {
                let object = &self.world.objs[*obj];
                if object.items.is_some() || object.exception.is_some() || object.weak.is_some() {
                    return Err(not_modelled!("a `{}` as a weak dictionary's {role} is not modelled", object.class));
                }
                if matches!(object.class.as_str(), WEAK_VALUES | WEAK_KEYS) {
                    return Err(not_modelled!("a weak dictionary as a weak dictionary's {role} is not modelled"));
                }
                self.weakly_referable_instance(*obj)?;
                if role == "key" && self.unhashable_dataclass(value).is_some() {
                    return Err(not_modelled!(
                        "a `{}` as a weak dictionary's key (a dataclass's instance is unhashable) is not modelled",
                        object.class
                    ));
                }
                if role == "key" && self.field_hashed(value) && self.hashable(value, KeyRole::Lookup).is_err() {
                    return Err(not_modelled!(
                        "a `{}` as a weak dictionary's key (with fields that do not hash) is not modelled",
                        object.class
                    ));
                }
                if role == "key" && self.defines(&object.class, &["__hash__", "__eq__"]) {
                    return Err(not_modelled!(
                        "a `{}` as a weak dictionary's key (it defines __hash__ or __eq__) is not modelled",
                        object.class
                    ));
                }
                Ok(*obj)
            }
            other => Err(not_modelled!(
                "{} as a weak dictionary's {role} (TypeError: cannot create weak reference) is not modelled",
                self.kind_name(other)
            )),
        }
    }

    /// A new weak reference to `target` whose callback takes an entry out of `weak_dict`;
    /// held by nobody yet.
    fn entry_reference(&mut self, target: usize, weak_dict: usize, key: Option<Val>) -> Outcome<usize> {
        let seq = self.world.weak_made;
        self.world.weak_made += 1;
        let kind = if key.is_some() { "KeyedRef" } else { "weakref" };
        let label = format!("{kind} to {}", self.world.objs[target].label);
        let reference = self.new_object(Obj {
            weak: Some(WeakRef {
                target,
                callback: Some(Val::Opaque("a weak dictionary's remove callback")),
                cleared: false,
                seq,
                entry_of: Some(weak_dict),
                method: None,
            }),
            ..Obj::new("weakref", label, key.into_iter().map(|k| ("key".to_owned(), k)).collect())
        })?;
        Ok(reference)
    }

    /// The entry of a weak dictionary's `data` for `key`, by number: a WeakKeyDictionary's
    /// keys are weak references, found by the object they refer to.
    fn weak_entry(&self, weak_dict: usize, data: usize, key: &Val) -> Outcome<Option<usize>> {
        if self.world.objs[weak_dict].class == WEAK_VALUES {
            return self.dict_find(data, key);
        }
        let target = self.weakly_referable(key, "key")?;
        // `ref(key)` for the lookup: a weak reference made and let go of.
        self.no_waiting_garbage()?;
        // A reference to an instance that hashes by its fields equals one to an equal instance.
        let by_fields = self.field_hashed(key);
        for (index, (reference, _)) in self.entries(data).iter().enumerate() {
            let Val::Obj(r) = reference else { continue };
            let Some(weak) = self.world.objs[*r].weak.as_ref().filter(|w| !w.cleared) else { continue };
            let same_class = self.world.objs[weak.target].class == self.world.objs[target].class;
            if weak.target == target || (by_fields && same_class && self.equal(&Val::Obj(weak.target), key, 0)?) {
                return Ok(Some(index));
            }
        }
        Ok(None)
    }

    /// `weak_dict[key]`: the value, or KeyError.
    pub(super) fn weak_dict_item(&self, weak_dict: usize, data: usize, key: &Val) -> Outcome<Val> {
        self.weak_dict_lookup(weak_dict, data, key)?.ok_or_else(|| self.missing_key(weak_dict, key))
    }

    /// The KeyError of a key `weak_dict` has no entry for. A WeakKeyDictionary's carries
    /// `ref(key)`, the weak reference it looked up with: it shows another repr, and unlike
    /// the key it keeps nothing alive.
    fn missing_key(&self, weak_dict: usize, key: &Val) -> Stop {
        if self.world.objs[weak_dict].class == WEAK_KEYS {
            return Stop::from(
                "the KeyError of a WeakKeyDictionary (it holds a weak reference to the key) is not modelled",
            );
        }
        Stop::Throw("KeyError", Box::new(key.clone()))
    }

    /// The value `weak_dict` has for `key`, or None where it has no entry.
    pub(super) fn weak_dict_lookup(&self, weak_dict: usize, data: usize, key: &Val) -> Outcome<Option<Val>> {
        let Some(index) = self.weak_entry(weak_dict, data, key)? else { return Ok(None) };
        let (_, held) = self.entries(data)[index].clone();
        if self.world.objs[weak_dict].class == WEAK_KEYS {
            return Ok(Some(held));
        }
        match &held {
            Val::Obj(reference) => match &self.world.objs[*reference].weak {
                Some(WeakRef { cleared: false, target, .. }) => Ok(Some(Val::Obj(*target))),
                _ => Err("a weak dictionary's entry whose value is dead is not modelled".into()),
            },
            _ => Err("a weak dictionary's entry without a weak reference".into()),
        }
    }

    /// `weak_dict[key] = value`: the new weak reference goes in (an existing entry keeps its
    /// key and lets go of what it held).
    pub(super) fn weak_dict_set(&mut self, weak_dict: usize, data: usize, key: Val, value: Val) -> Outcome<()> {
        self.not_iterated(weak_dict, "changing")?;
        if self.world.objs[weak_dict].class == WEAK_VALUES {
            let target = self.weakly_referable(&value, "value")?;
            self.hashable(&key, super::containers::KeyRole::DictKey)?;
            let reference = self.entry_reference(target, weak_dict, Some(key.clone()))?;
            self.hold(&Val::Obj(reference));
            let result = self.dict_set(data, key, Val::Obj(reference));
            self.drop_temporary(&Val::Obj(reference))?;
            return result;
        }
        let target = self.weakly_referable(&key, "key")?;
        match self.weak_entry(weak_dict, data, &key)? {
            Some(index) => {
                // The lookup's reference equals the stored one, which stays; the new goes.
                self.no_waiting_garbage()?;
                let items = self.world.objs[data].items.get_or_insert_with(Vec::new);
                let old = std::mem::replace(&mut items[2 * index + 1], value);
                self.released(&old)
            }
            None => {
                let reference = self.entry_reference(target, weak_dict, None)?;
                let items = self.world.objs[data].items.get_or_insert_with(Vec::new);
                items.push(Val::Obj(reference));
                items.push(value);
                Ok(())
            }
        }
    }

    /// `del weak_dict[key]`: the entry's key goes, then what it held.
    pub(super) fn weak_dict_delete(&mut self, weak_dict: usize, data: usize, key: &Val) -> Outcome<()> {
        self.not_iterated(weak_dict, "changing")?;
        let Some(index) = self.weak_entry(weak_dict, data, key)? else { return Err(self.missing_key(weak_dict, key)) };
        self.remove_entry(data, index)
    }

    fn remove_entry(&mut self, data: usize, index: usize) -> Outcome<()> {
        let items = self.world.objs[data].items.get_or_insert_with(Vec::new);
        let pair: Vec<Val> = items.drain(2 * index..2 * index + 2).collect();
        pair.iter().try_for_each(|v| self.released(v))
    }

    /// The callback of `reference`, a weak dictionary's, as its referent died: if the
    /// dictionary is alive, its entry goes.
    pub(super) fn weak_dict_removal(&mut self, reference: usize, weak_dict: usize) -> Outcome<()> {
        let Some((_, data)) = self.weak_dict(&Val::Obj(weak_dict)) else { return Ok(()) };
        if self.world.objs[weak_dict].dying {
            return Ok(());
        }
        let position = self
            .entries(data)
            .iter()
            .position(|(key, value)| *key == Val::Obj(reference) || *value == Val::Obj(reference));
        let Some(index) = position else { return Ok(()) };
        self.not_iterated(weak_dict, "an entry dying in")?;
        let label = self.world.objs[weak_dict].label.clone();
        self.events.push(format!("{label} lets go of the entry of {}", self.world.objs[reference].label));
        self.remove_entry(data, index)
    }

    /// Declines `what` a weak dictionary a loop iterates over: its removals wait for the
    /// loop's end, and a change of its size raises RuntimeError.
    fn not_iterated(&self, weak_dict: usize, what: &str) -> Outcome<()> {
        if self.weak_iterating.contains(&weak_dict) {
            return Err(not_modelled!(
                "{what} {} while a loop iterates over it is not modelled",
                self.world.objs[weak_dict].label
            ));
        }
        Ok(())
    }

    /// A method of a weak dictionary, called; the result comes back held as a temporary.
    pub(super) fn weak_dict_method(&mut self, weak_dict: usize, qualname: &str, args: Vec<Val>) -> Outcome<Val> {
        let Some((_, data)) = self.weak_dict(&Val::Obj(weak_dict)) else {
            return Err("a method of a freed weak dictionary".into());
        };
        let method = qualname.rsplit('.').next().unwrap_or_default();
        let result = match (method, args.as_slice()) {
            ("get", [key]) | ("get", [key, _]) => match self.weak_dict_lookup(weak_dict, data, key) {
                Ok(Some(value)) => value,
                Ok(None) | Err(Stop::Throw(..)) => args.get(1).cloned().unwrap_or(Val::None),
                Err(stop) => return Err(stop),
            },
            (_, []) if WEAK_DICT_GENERATORS.contains(&method) => self.weak_dict_generator(weak_dict, method)?,
            _ => return Err(not_modelled!("`{qualname}` with these arguments is not modelled")),
        };
        self.hold(&result);
        Ok(result)
    }

    /// `len(weak_dict)`: its live entries (one whose referent died is gone already).
    pub(super) fn weak_dict_len(&self, data: usize) -> usize {
        self.entries(data).len()
    }
}
