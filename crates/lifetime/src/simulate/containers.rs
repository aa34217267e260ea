//! Dicts and sets as CPython keeps them. A dict's items hold each key followed by its value,
//! in insertion order (CPython's entries), so it lets go of them key then value, first entry to
//! last. A set's items are its members in the order they were added; the order its hash table
//! gives them is `sets.rs`'s.

use crate::world::{referents, Holder, Obj, Val};

use super::{throw, Outcome, Run, Stop, MAX_ITEMS};

/// What a loop's iterator keeps besides the iterable, as it walks it.
pub(super) struct Cursor {
    index: usize,
    /// A string's characters.
    chars: Vec<char>,
    /// The keys of the dict walked, when the loop began: a dict that changes size under its
    /// iterator raises RuntimeError at the next step, and one that changes keys without
    /// changing size is walked by entry slots the model does not keep.
    keys: Option<Vec<Val>>,
    /// The tuple a dict's `items()` iterator gives again while nobody else holds it (CPython's
    /// `di_result`); the loop's holder frame keeps its reference.
    result: Option<usize>,
    /// The members of a set, in its hash table's order.
    members: Option<Vec<Val>>,
    /// The slot a loop over a set whose table the model follows looks at next (past the table
    /// once exhausted), and the set's size when the loop began.
    set_slot: Option<(usize, usize)>,
    /// The cursors of the iterators an `enumerate` or `zip` object holds, by argument position.
    inner: Vec<Cursor>,
    /// The generator an instance's or a weak dictionary's `__iter__` returned, which the loop
    /// walks.
    generator: Option<Val>,
}

/// What a key is hashed for, which 3.14's TypeError for an unhashable one names.
#[derive(Clone, Copy)]
pub(super) enum KeyRole {
    DictKey,
    SetElement,
    /// Looking it up (`in`, `[]`, `get`, `pop`, `del`).
    Lookup,
}

impl Run<'_> {
    /// The dict or set `value` is, by class, or None.
    pub(super) fn container(&self, value: &Val, class: &str) -> Option<usize> {
        match value {
            Val::Obj(obj) if self.world.objs[*obj].items.is_some() && self.world.objs[*obj].class == class => {
                Some(*obj)
            }
            _ => None,
        }
    }

    /// A dict's (key, value) entries in order.
    pub(super) fn entries(&self, dict: usize) -> Vec<(Val, Val)> {
        let items = self.world.objs[dict].items.as_deref().unwrap_or_default();
        items.chunks(2).map(|pair| (pair[0].clone(), pair[1].clone())).collect()
    }

    /// `hash(key)` succeeds, as far as the model knows hashing; unhashable containers raise
    /// TypeError as CPython does (3.14 says what the key was for when a dict or set stores it).
    pub(super) fn hashable(&self, key: &Val, role: KeyRole) -> Outcome<()> {
        self.hashable_within(key, role, 0, None)
    }

    /// `key` hashes, inside `outer` (the key's own class) at `depth` past 0.
    fn hashable_within(&self, key: &Val, role: KeyRole, depth: usize, outer: Option<&str>) -> Outcome<()> {
        super::addresses::unread(key, "hashing")?;
        let unhashable = |class: &str| {
            if self.minor < 14 {
                return Ok(throw("TypeError", &format!("unhashable type: '{class}'")));
            }
            // 3.14 names the key's class, and the class that cannot hash inside it.
            let key_class = outer.unwrap_or(class);
            match role {
                KeyRole::DictKey => Ok(throw(
                    "TypeError",
                    &format!("cannot use '{key_class}' as a dict key (unhashable type: '{class}')"),
                )),
                KeyRole::SetElement => Ok(throw(
                    "TypeError",
                    &format!("cannot use '{key_class}' as a set element (unhashable type: '{class}')"),
                )),
                _ => Err(not_modelled!("the TypeError of an unhashable `{class}` here is not modelled on 3.14")),
            }
        };
        match key {
            Val::None | Val::Bool(_) | Val::Int(_) | Val::Float(_) | Val::Str(_) | Val::Class(_) | Val::Func(_) => {
                Ok(())
            }
            Val::Obj(obj) => {
                let object = &self.world.objs[*obj];
                match (object.class.as_str(), &object.items) {
                    (class @ ("list" | "dict" | "set"), Some(_)) => Err(unhashable(class)?),
                    (class, Some(items)) if depth < 16 => items
                        .iter()
                        .try_for_each(|item| self.hashable_within(item, role, depth + 1, Some(outer.unwrap_or(class)))),
                    (_, Some(_)) => Err("hashing tuples nested this deep is not modelled".into()),
                    _ if object.weak.is_some() => {
                        Err("a weakref.ref as a key (it hashes as its target) is not modelled".into())
                    }
                    (class, None) if self.field_hashed(key) => {
                        if depth >= 16 {
                            return Err("hashing dataclasses nested this deep is not modelled".into());
                        }
                        let fields = self.hashed_fields(key)?.unwrap_or_default();
                        let outer = Some(outer.unwrap_or(class));
                        fields.iter().try_for_each(|field| self.hashable_within(field, role, depth + 1, outer))
                    }
                    (_, None) if self.unhashable_dataclass(key).is_some() => {
                        Err(unhashable(self.unhashable_dataclass(key).unwrap_or_default())?)
                    }
                    (class, None) if self.defines(class, &["__hash__", "__eq__"]) => {
                        Err(not_modelled!("a `{class}` as a key (it defines __hash__ or __eq__) is not modelled"))
                    }
                    _ => Ok(()),
                }
            }
            other => Err(not_modelled!("{} as a key is not modelled", self.kind_name(other))),
        }
    }

    /// The entry of `dict` whose key equals `key`, by number.
    pub(super) fn dict_find(&self, dict: usize, key: &Val) -> Outcome<Option<usize>> {
        self.hashable(key, KeyRole::Lookup)?;
        for (index, (existing, _)) in self.entries(dict).iter().enumerate() {
            if existing == key || self.equal(existing, key, 0)? {
                return Ok(Some(index));
            }
        }
        Ok(None)
    }

    /// `dict[key] = value`: a new key goes last; an existing key keeps its place (and its key
    /// object) and lets go of its old value after taking the new one.
    pub(super) fn dict_set(&mut self, dict: usize, key: Val, value: Val) -> Outcome<()> {
        self.hashable(&key, KeyRole::DictKey)?;
        match self.dict_find(dict, &key)? {
            Some(index) => {
                let items = self.world.objs[dict].items.get_or_insert_with(Vec::new);
                let old = std::mem::replace(&mut items[2 * index + 1], value);
                self.released(&old)
            }
            None => {
                let items = self.world.objs[dict].items.get_or_insert_with(Vec::new);
                if items.len() >= MAX_ITEMS {
                    return Err(not_modelled!("dicts longer than {} entries are not modelled", MAX_ITEMS / 2));
                }
                items.push(key);
                items.push(value);
                Ok(())
            }
        }
    }

    /// Takes entry `index` out of `dict`: its key and value, whose references the caller has.
    fn dict_remove(&mut self, dict: usize, index: usize) -> (Val, Val) {
        let items = self.world.objs[dict].items.get_or_insert_with(Vec::new);
        let pair: Vec<Val> = items.drain(2 * index..2 * index + 2).collect();
        (pair[0].clone(), pair[1].clone())
    }

    /// `del dict[key]`: the entry goes, its key released before its value.
    pub(super) fn dict_delete(&mut self, dict: usize, key: &Val) -> Outcome<()> {
        let Some(index) = self.dict_find(dict, key)? else {
            return Err(Stop::Throw("KeyError", Box::new(key.clone())));
        };
        let (old_key, old_value) = self.dict_remove(dict, index);
        self.released(&old_key)?;
        self.released(&old_value)
    }

    /// `dict[key]`: the value, or KeyError with the key.
    pub(super) fn dict_item(&self, dict: usize, key: &Val) -> Outcome<Val> {
        match self.dict_find(dict, key)? {
            Some(index) => Ok(self.entries(dict)[index].1.clone()),
            None => Err(Stop::Throw("KeyError", Box::new(key.clone()))),
        }
    }

    /// A method of a dict or a set, called; the result comes back held as a temporary.
    pub(super) fn container_method(&mut self, obj: usize, qualname: &str, args: Vec<Val>) -> Outcome<Val> {
        let result = match (qualname, args.as_slice()) {
            ("dict.get", [key]) => self.dict_find(obj, key)?.map_or(Val::None, |i| self.entries(obj)[i].1.clone()),
            ("dict.get", [key, default]) => {
                self.dict_find(obj, key)?.map_or_else(|| default.clone(), |i| self.entries(obj)[i].1.clone())
            }
            ("dict.pop", [key]) | ("dict.pop", [key, _]) => match self.dict_find(obj, key)? {
                Some(index) => {
                    // The dict's reference to the value becomes the caller's; the key goes.
                    let (old_key, value) = self.dict_remove(obj, index);
                    self.hold(&value);
                    self.released(&old_key)?;
                    return Ok(value);
                }
                None if args.len() == 2 => args[1].clone(),
                None => return Err(Stop::Throw("KeyError", Box::new(key.clone()))),
            },
            ("dict.clear", []) => {
                // The dict is empty before its entries are let go of, key then value.
                let items = std::mem::take(self.world.objs[obj].items.get_or_insert_with(Vec::new));
                items.iter().try_for_each(|v| self.released(v))?;
                Val::None
            }
            ("dict.keys", []) => Val::View(obj, "keys"),
            ("dict.values", []) => Val::View(obj, "values"),
            ("dict.items", []) => Val::View(obj, "items"),
            ("set.add", [value]) => {
                self.set_add(obj, value.clone())?;
                Val::None
            }
            (method, _) if method.starts_with("set.") => self.set_method(obj, qualname, &args)?,
            _ => return Err(not_modelled!("`{qualname}` with these arguments is not modelled")),
        };
        self.hold(&result);
        Ok(result)
    }

    /// The cursor of a loop over `iterable`; a dict's `items()` gets the tuple its iterator
    /// reuses, held in the loop's `holder` frame.
    pub(super) fn cursor(&mut self, iterable: &Val, holder: usize) -> Outcome<Cursor> {
        let mut cursor = Cursor {
            index: 0,
            chars: Vec::new(),
            keys: None,
            result: None,
            members: None,
            set_slot: None,
            inner: Vec::new(),
            generator: None,
        };
        match iterable {
            Val::Str(s) => {
                super::addresses::unread(iterable, "iterating over")?;
                cursor.chars = s.chars().collect();
            }
            Val::Obj(obj) if self.world.objs[*obj].class == "dict" => {
                cursor.keys = Some(self.entries(*obj).into_iter().map(|(k, _)| k).collect());
            }
            weak if self.weak_dict(weak).is_some() => {
                // `__iter__` is `keys`: GET_ITER makes that generator (its frame's `self` keeps
                // the dictionary).
                let (weak_dict, _) = self.weak_dict(weak).unwrap_or_default();
                let generator = self.weak_dict_generator(weak_dict, "keys")?;
                self.iterator_held(iterable, &generator, holder)?;
                cursor.generator = Some(generator);
            }
            Val::Obj(obj) if self.world.objs[*obj].class == "set" && self.set_followed(*obj) => {
                cursor.set_slot = Some((0, self.world.objs[*obj].items.as_ref().map_or(0, Vec::len)));
            }
            Val::Obj(obj) if self.world.objs[*obj].class == "set" => {
                cursor.members = Some(self.set_order(*obj, "iterating over")?);
            }
            pairing if self.pairing(pairing).is_some() => {
                let (obj, count) = self.pairing(pairing).unwrap_or_default();
                if let Some(kept) = self.kept_cursors.iter().position(|(o, _)| *o == obj) {
                    // An earlier loop left it part way: its iterators go on from there.
                    return Ok(self.kept_cursors.remove(kept).1);
                }
                for position in 1..=count {
                    let iterable = self.pairing_iterator(obj, position);
                    let inner = self.cursor(&iterable, holder)?;
                    cursor.inner.push(inner);
                }
            }
            Val::View(dict, kind) => {
                cursor.keys = Some(self.entries(*dict).into_iter().map(|(k, _)| k).collect());
                if *kind == "items" {
                    let result = self.new_container("tuple", vec![Val::None, Val::None])?;
                    self.world.frames[holder].push((String::new(), Val::Obj(result)));
                    cursor.result = Some(result);
                }
            }
            Val::Obj(obj) if self.world.objs[*obj].items.is_none() && self.generator_of(iterable).is_none() => {
                // `iter(obj)`: its class's `__iter__`, a generator function, makes the iterator
                // the loop holds (its generator's `self` keeps the instance).
                cursor.generator = self.instance_iterator(*obj)?;
                if let Some(generator) = &cursor.generator {
                    self.unhold(generator);
                    self.iterator_held(iterable, generator, holder)?;
                }
            }
            _ => {}
        }
        Ok(cursor)
    }

    /// GET_ITER's `iterator` goes into the `holder` of the loop or call walking `iterable`; a
    /// loop's holder lets go of the iterable then (the iterator keeps what it needs of it), a
    /// call's argument holds it until the call returns.
    fn iterator_held(&mut self, iterable: &Val, iterator: &Val, holder: usize) -> Outcome<()> {
        let frame = &mut self.world.frames[holder];
        let by_loop = frame.iter().position(|(name, value)| name.is_empty() && value == iterable);
        frame.push((String::new(), iterator.clone()));
        if let Some(at) = by_loop {
            frame.remove(at);
            self.released(iterable)?;
        }
        Ok(())
    }

    /// Keeps the cursor of a loop over an `enumerate` or `zip` object that outlives the loop,
    /// for the next loop over it: the object is its own iterator.
    pub(super) fn keep_cursor(&mut self, iterable: &Val, cursor: Cursor) {
        if let Some((obj, _)) = self.pairing(iterable) {
            if !self.world.objs[obj].freed {
                self.kept_cursors.push((obj, cursor));
            }
        }
    }

    /// The next item of what a loop iterates over, if any is left: held by nobody yet, except
    /// a new tuple of `items()`, which the caller takes over.
    pub(super) fn next_item(&mut self, iterable: &Val, cursor: &mut Cursor) -> Outcome<Option<Val>> {
        if let Some(iterator) = self.sequence_iterator(cursor.generator.as_ref().unwrap_or(iterable)) {
            return self.sequence_iterator_next(iterator);
        }
        if let Some(g) = self.weak_dict_generator_of(cursor.generator.as_ref().unwrap_or(iterable)) {
            return self.weak_dict_generator_next(g);
        }
        let generator = self.generator_of(cursor.generator.as_ref().unwrap_or(iterable));
        if let Some(generator) = generator {
            let item = self.generator_next(generator)?;
            item.iter().for_each(|item| self.unhold(item));
            return Ok(item);
        }
        let index = cursor.index;
        cursor.index += 1;
        if let Some((obj, _)) = self.pairing(iterable) {
            return self.next_pair(obj, index, cursor);
        }
        let dict = match iterable {
            Val::View(dict, _) => Some(*dict),
            Val::Obj(obj) if self.world.objs[*obj].class == "dict" => Some(*obj),
            _ => None,
        };
        if let (Some(dict), Some(keys)) = (dict, &cursor.keys) {
            let entries = self.entries(dict);
            if entries.len() != keys.len() {
                // The iterator checks the size at every step, before it looks for an entry.
                return Err(throw("RuntimeError", "dictionary changed size during iteration"));
            }
            if entries.iter().zip(keys).any(|((now, _), then)| now != then) {
                return Err("a dict changing its keys while a loop iterates over it is not modelled".into());
            }
            let Some((key, value)) = entries.get(index).cloned() else { return Ok(None) };
            return Ok(Some(match iterable {
                Val::View(_, "values") => value,
                Val::View(_, "items") => self.items_tuple(cursor.result, key, value)?,
                _ => key,
            }));
        }
        if let (Some((slot, size)), Val::Obj(set)) = (cursor.set_slot, iterable) {
            if slot == usize::MAX {
                return Ok(None);
            }
            if self.world.objs[*set].items.as_ref().map_or(0, Vec::len) != size {
                return Err(throw("RuntimeError", "Set changed size during iteration"));
            }
            // The iterator reads the table as it is now, from where it stopped.
            return Ok(match self.set_next(*set, slot)? {
                Some((member, next)) => {
                    cursor.set_slot = Some((next, size));
                    Some(member)
                }
                None => {
                    cursor.set_slot = Some((usize::MAX, size));
                    None
                }
            });
        }
        if let (Some(members), Val::Obj(set)) = (&cursor.members, iterable) {
            let now = self.world.objs[*set].items.as_deref().unwrap_or_default();
            if now.len() != members.len() {
                return Err(throw("RuntimeError", "Set changed size during iteration"));
            }
            if now != members.as_slice() {
                // The iterator goes on from its slot in a table the model does not know.
                return Err("a set changing its members while a loop iterates over it is not modelled".into());
            }
            return Ok(members.get(index).cloned());
        }
        Ok(match iterable {
            Val::Str(_) => cursor.chars.get(index).map(|c| Val::Str(c.to_string())),
            Val::Range(start, stop, step) => {
                let value =
                    i64::try_from(index).ok().and_then(|i| i.checked_mul(*step)).and_then(|d| start.checked_add(d));
                value.filter(|v| if *step > 0 { v < stop } else { v > stop }).map(Val::Int)
            }
            Val::Obj(obj) if self.world.objs[*obj].items.is_some() => {
                self.world.objs[*obj].items.as_ref().and_then(|items| items.get(index)).cloned()
            }
            _ => return Err(not_modelled!("iterating over {} is not modelled", self.kind_name(iterable))),
        })
    }

    /// `list(iterable)`: a new list, each item appended as the iterator gives it; the iterator
    /// goes before the call returns.
    pub(super) fn list_of(&mut self, iterable: &Val) -> Outcome<Val> {
        self.sequence_of("list", iterable)
    }

    /// `list(iterable)`, or `tuple(iterable)` of anything but a tuple (which returns the tuple
    /// itself): the new sequence is made first, then filled as the iterator gives the items.
    pub(super) fn sequence_of(&mut self, class: &str, iterable: &Val) -> Outcome<Val> {
        if let Val::Obj(obj) = iterable {
            let kind = &self.world.objs[*obj].class;
            if self.module.class(kind).is_some() && self.defines(kind, &["__len__", "__length_hint__"]) {
                // Called after `__iter__`, for a guess at the length.
                return Err(not_modelled!(
                    "{class}() of a `{kind}` with `__len__` or `__length_hint__` is not modelled"
                ));
            }
        }
        let list = self.new_container(class, Vec::new())?;
        self.hold(&Val::Obj(list));
        self.world.frames.push(Vec::new());
        let holder = self.world.frames.len() - 1;
        let filled = self.fill(list, iterable, holder);
        let iterator = self.world.frames.pop().unwrap_or_default();
        self.let_go(iterator, filled)?;
        self.unhold(&Val::Obj(list));
        Ok(Val::Obj(list))
    }

    fn fill(&mut self, list: usize, iterable: &Val, holder: usize) -> Outcome<()> {
        let mut cursor = self.cursor(iterable, holder)?;
        let filled = self.fill_from(list, iterable, &mut cursor);
        self.keep_cursor(iterable, cursor);
        filled
    }

    fn fill_from(&mut self, list: usize, iterable: &Val, cursor: &mut Cursor) -> Outcome<()> {
        while let Some(item) = self.next_item(iterable, cursor)? {
            let sequence = &mut self.world.objs[list];
            let items = sequence.items.get_or_insert_with(Vec::new);
            if items.len() >= MAX_ITEMS {
                return Err(not_modelled!("{}s longer than {MAX_ITEMS} items are not modelled", sequence.class));
            }
            items.push(item);
        }
        Ok(())
    }

    /// The `(key, value)` tuple `items()` gives: the iterator's own tuple again while only the
    /// iterator holds it (its old key, then its old value, let go of), else a new one.
    fn items_tuple(&mut self, reused: Option<usize>, key: Val, value: Val) -> Outcome<Val> {
        if let Some(result) = reused {
            if self.world.all_holders()[result].len() == 1 {
                let old = self.world.objs[result].items.replace(vec![key, value]);
                old.unwrap_or_default().iter().try_for_each(|v| self.released(v))?;
                return Ok(Val::Obj(result));
            }
        }
        Ok(Val::Obj(self.new_container("tuple", vec![key, value])?))
    }

    /// How a freed dict or set lets go of its members: a dict key then value, entry by entry;
    /// a set in its table's order, which matters (and is declined) only when it holds more
    /// than one object.
    pub(super) fn container_members(&self, obj: usize, items: Vec<Val>) -> Outcome<Vec<Val>> {
        if self.world.objs[obj].class == "set" && items.iter().filter(|v| referents(v).is_some()).count() > 1 {
            return Err(not_modelled!(
                "freeing {}, whose objects go in the order of their memory addresses, is not modelled",
                self.world.objs[obj].label
            ));
        }
        Ok(items)
    }

    /// `repr` of a dict, a set or a dict view, its members' reprs given by `repr`.
    pub(super) fn container_repr(
        &mut self,
        value: &Val,
        mut repr: impl FnMut(&mut Self, &Val) -> Outcome<String>,
    ) -> Outcome<Option<String>> {
        let (obj, view) = match value {
            Val::View(dict, kind) => (*dict, Some(*kind)),
            Val::Obj(obj) if matches!(self.world.objs[*obj].class.as_str(), "dict" | "set") => (*obj, None),
            _ => return Ok(None),
        };
        if self.world.objs[obj].class == "set" {
            let members = self.set_order(obj, "printing")?;
            if members.is_empty() {
                return Ok(Some("set()".into()));
            }
            let shown = members.iter().map(|m| repr(self, m)).collect::<Outcome<Vec<_>>>()?;
            return Ok(Some(format!("{{{}}}", shown.join(", "))));
        }
        let mut shown = Vec::new();
        for (key, value) in self.entries(obj) {
            shown.push(match view {
                None => format!("{}: {}", repr(self, &key)?, repr(self, &value)?),
                Some("keys") => repr(self, &key)?,
                Some("values") => repr(self, &value)?,
                Some(_) => format!("({}, {})", repr(self, &key)?, repr(self, &value)?),
            });
        }
        let shown = shown.join(", ");
        Ok(Some(match view {
            None => format!("{{{shown}}}"),
            Some(kind) => format!("dict_{kind}([{shown}])"),
        }))
    }

    /// `left == right` for dicts (the same keys with equal values, in any order) and sets (the
    /// same members); None when neither is one.
    pub(super) fn container_equal(&self, left: &Val, right: &Val, depth: usize) -> Outcome<Option<bool>> {
        let class = |v: &Val| match v {
            Val::Obj(obj) if self.world.objs[*obj].items.is_some() => Some(self.world.objs[*obj].class.as_str()),
            _ => None,
        };
        let (Some(a), Some(b)) = (class(left), class(right)) else { return Ok(None) };
        if !matches!(a, "dict" | "set") && !matches!(b, "dict" | "set") {
            return Ok(None);
        }
        let (Val::Obj(x), Val::Obj(y)) = (left, right) else { return Ok(None) };
        if a != b {
            return Ok(Some(false));
        }
        if a == "set" {
            let (p, q) = (self.world.objs[*x].items.clone(), self.world.objs[*y].items.clone());
            let (p, q) = (p.unwrap_or_default(), q.unwrap_or_default());
            if p.len() != q.len() {
                return Ok(Some(false));
            }
            for member in &p {
                let mut found = false;
                for other in &q {
                    if self.equal(member, other, depth + 1)? {
                        found = true;
                        break;
                    }
                }
                if !found {
                    return Ok(Some(false));
                }
            }
            return Ok(Some(true));
        }
        let (p, q) = (self.entries(*x), self.entries(*y));
        if p.len() != q.len() {
            return Ok(Some(false));
        }
        for (key, value) in &p {
            match self.dict_find(*y, key)? {
                Some(index) if self.equal(value, &q[index].1, depth + 1)? => {}
                _ => return Ok(Some(false)),
            }
        }
        Ok(Some(true))
    }
}

/// The iterables `enumerate` and `zip` are followed over: their iterators hold nothing but the
/// sequence, and let go of it when exhausted; a generator, its own iterator, which the object
/// holds until it goes (a generator left suspended is closed then); or a new `enumerate` or
/// `zip` object, which only the call's arguments hold (it is its own iterator, and holds its
/// own until it goes).
fn pairable(run: &Run, value: &Val) -> bool {
    match value {
        generator if run.generator_of(generator).is_some() => true,
        iterator if run.sequence_iterator(iterator).is_some() => true,
        pairing if run.pairing(pairing).is_some() => {
            let obj = run.pairing(pairing).unwrap_or_default().0;
            let named = run.world.frames.iter().flatten().any(|(n, v)| !n.is_empty() && *v == Val::Obj(obj));
            !named
                && !run.kept_cursors.iter().any(|(o, _)| *o == obj)
                && run.world.all_holders()[obj].iter().all(|h| matches!(h, Holder::Frame))
        }
        Val::Str(_) | Val::Range(..) | Val::View(_, "keys" | "values") => true,
        Val::Obj(obj) => {
            matches!(run.world.objs[*obj].class.as_str(), "list" | "tuple" | "dict")
                && run.world.objs[*obj].items.is_some()
        }
        _ => false,
    }
}

impl Run<'_> {
    /// `enumerate(iterable[, start])` or `zip(*iterables)`: an object holding an iterator of
    /// each iterable and the result tuple it gives again while nobody else holds it (first
    /// `(None, ...)`). It lets go of them as CPython's deallocation does: a zip's iterators
    /// (a tuple) last to first, then the result. Its attributes are kept in that order.
    pub(super) fn new_pairing(&mut self, class: &'static str, args: &[Val]) -> Outcome<Val> {
        let (iterables, start) = match (class, args) {
            ("enumerate", [iterable]) => (vec![iterable.clone()], 0),
            ("enumerate", [iterable, Val::Int(start)]) => (vec![iterable.clone()], *start),
            ("zip", iterables) if !iterables.is_empty() => (iterables.to_vec(), 0),
            _ => return Err(not_modelled!("`{class}` with these arguments is not modelled")),
        };
        // `iter()` of each iterable first: an instance's `__iter__` makes a generator, which the
        // object holds (the call's argument holds the instance).
        let mut made = Vec::new();
        let mut iterables = iterables;
        for iterable in &mut iterables {
            if let Val::Obj(obj) = *iterable {
                if self.module.class(&self.world.objs[obj].class).is_some() && self.pairing(iterable).is_none() {
                    if let Some(generator) = self.instance_iterator(obj)? {
                        made.push(generator.clone());
                        *iterable = generator;
                    }
                }
            }
        }
        let pairing = self.pairing_of(class, iterables, start);
        made.iter().for_each(|generator| self.unhold(generator));
        pairing
    }

    fn pairing_of(&mut self, class: &'static str, iterables: Vec<Val>, start: i64) -> Outcome<Val> {
        if let Some(other) = iterables.iter().find(|i| !pairable(self, i)) {
            return Err(not_modelled!("`{class}` over {} is not modelled", self.kind_name(other)));
        }
        let width = if class == "enumerate" { 2 } else { iterables.len() };
        let result = self.new_container("tuple", vec![Val::None; width])?;
        self.hold(&Val::Obj(result));
        let number = self.world.objs.iter().filter(|o| o.class == class && o.items.is_none()).count() + 1;
        let mut attrs: Vec<(String, Val)> =
            iterables.into_iter().enumerate().map(|(i, v)| (format!("iterator {}", i + 1), v)).collect();
        if class == "zip" {
            attrs.reverse();
        }
        attrs.push(("result".into(), Val::Obj(result)));
        if class == "enumerate" {
            attrs.push(("start".into(), Val::Int(start)));
        }
        let obj = self.new_object(Obj::new(class, format!("{class} object #{number}"), attrs))?;
        self.unhold(&Val::Obj(result));
        Ok(Val::Obj(obj))
    }

    /// An `enumerate` or `zip` object (not a class of the module's), and how many iterators it
    /// holds.
    pub(super) fn pairing(&self, value: &Val) -> Option<(usize, usize)> {
        let Val::Obj(obj) = value else { return None };
        let object = &self.world.objs[*obj];
        let class = object.class.as_str();
        if !matches!(class, "enumerate" | "zip") || object.items.is_some() || self.module.class(class).is_some() {
            return None;
        }
        Some((*obj, object.attrs.iter().filter(|(n, _)| n.starts_with("iterator ")).count()))
    }

    fn pairing_iterator(&self, obj: usize, position: usize) -> Val {
        let name = format!("iterator {position}");
        self.world.objs[obj].attrs.iter().find(|(n, _)| *n == name).map_or(Val::None, |(_, v)| v.clone())
    }

    fn pairing_attr(&mut self, obj: usize, name: &str) -> Option<&mut Val> {
        self.world.objs[obj].attrs.iter_mut().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// The next item of an `enumerate` (`(index, item)`) or `zip` object, as CPython makes it:
    /// each iterator is asked in turn; an exhausted one lets go of its sequence and the pairing
    /// ends. While only the object holds its result tuple, that tuple is refilled (a zip lets go
    /// of each old item as it puts the new one in; enumerate of the old index, then the old
    /// item); otherwise a zip makes a new tuple before it asks the iterators (one left half
    /// filled goes, its items last to first), and enumerate one for the item it got.
    fn next_pair(&mut self, obj: usize, index: usize, cursor: &mut Cursor) -> Outcome<Option<Val>> {
        let result = match self.pairing_attr(obj, "result") {
            Some(Val::Obj(result)) => *result,
            _ => return Err("an enumerate or zip object without its result tuple".into()),
        };
        let reuse = self.world.all_holders()[result].len() == 1;
        let enumerate = self.world.objs[obj].class == "enumerate";
        let fresh = match (enumerate, reuse) {
            (false, false) => {
                let fresh = Val::Obj(self.new_container("tuple", Vec::new())?);
                self.hold(&fresh);
                Some(fresh)
            }
            _ => None,
        };
        let filled = self.fill_pair(obj, index, cursor, result, reuse, fresh.as_ref());
        let Some(fresh) = fresh else { return filled };
        self.unhold(&fresh);
        match filled? {
            Some(_) => Ok(Some(fresh)),
            None => self.released(&fresh).map(|()| None),
        }
    }

    /// Asks each iterator of the pairing `obj` for its item, into its `result` tuple (`reuse`)
    /// or the `fresh` tuple a zip made; the item or None (exhausted).
    fn fill_pair(
        &mut self,
        obj: usize,
        index: usize,
        cursor: &mut Cursor,
        result: usize,
        reuse: bool,
        fresh: Option<&Val>,
    ) -> Outcome<Option<Val>> {
        for (position, inner) in cursor.inner.iter_mut().enumerate() {
            let iterable = self.pairing_iterator(obj, position + 1);
            let item = match iterable {
                // Its iterator ran out in an earlier loop, and let go of its sequence then.
                Val::None => None,
                _ => self.next_item(&iterable, inner)?,
            };
            let Some(item) = item else {
                // A sequence's iterator lets go of it when exhausted; a zip or enumerate object
                // or a generator (each its own iterator) stays.
                let own_iterator = self.pairing(&iterable).is_some()
                    || self.generator_of(&iterable).is_some()
                    || self.sequence_iterator(&iterable).is_some();
                if iterable != Val::None && !own_iterator {
                    if let Some(held) = self.pairing_attr(obj, &format!("iterator {}", position + 1)) {
                        *held = Val::None;
                    }
                    self.released(&iterable)?;
                }
                return Ok(None);
            };
            if let Some(Val::Obj(fresh)) = fresh {
                self.world.objs[*fresh].items.get_or_insert_with(Vec::new).push(item);
            } else if self.world.objs[obj].class == "enumerate" {
                let start = match self.pairing_attr(obj, "start") {
                    Some(Val::Int(start)) => *start,
                    _ => 0,
                };
                let number = i64::try_from(index).ok().and_then(|i| i.checked_add(start));
                let number = number.ok_or("an enumerate index this large is not modelled")?;
                // The item is the call's own while a new tuple is made for it. Enumerate looks
                // at its result tuple's count after it got the item (zip, before).
                self.hold(&item);
                let pair = self.items_tuple(Some(result), Val::Int(number), item.clone());
                self.unhold(&item);
                return pair.map(Some);
            } else if reuse {
                let old =
                    self.world.objs[result].items.as_mut().map(|items| std::mem::replace(&mut items[position], item));
                self.released(&old.unwrap_or(Val::None))?;
            }
        }
        Ok(Some(Val::Obj(result)))
    }
}
