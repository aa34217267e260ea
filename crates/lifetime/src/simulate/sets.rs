//! Sets as CPython lays them out. A set's items are its members in the order they were added;
//! the order CPython gives them (iterating, `repr`, `pop`) is its hash table's, which the model
//! follows ([`SetTable`]) while every member the set has held hashes the same in every process:
//! ints, bools, and None from 3.12 (before, None hashes by its address). A string (its hash is
//! randomized per process) or an object (hashed by address) makes the table unknown until
//! `clear()`; the order is then declined wherever it shows.
//!
//! How a set starts matters: `set()`, a comprehension and a display of fewer than three
//! constants (or of any names) add their members one by one; `set(other)` and `s.copy()` are
//! `set_merge`, which copies or reinserts the other's table; a display of three or more
//! constants is compiled to an empty set updated with a frozenset constant (built by adding the
//! members in order and, up to 3.13, rebuilt in that frozenset's order by the compiler's
//! constant cache), and a `for` over a display of constants iterates that frozenset itself.
//! The cache gives equal frozensets the first one compiled, so a frozenset whose layout depends
//! on the order its members were written in is not followed.

use pysource::{Expression, Literal};

use crate::set_table::{int_hash, none_hash, SetTable, Width};
use crate::world::{referents, Val};

use super::{containers::KeyRole, throw, Frame, Outcome, Run, Stop, MAX_ITEMS};

/// A member whose hash the model knows: an int (a bool as its int, which it equals), or None.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Member {
    Int(i64),
    None,
}

/// How the compiler sees one element of a set display.
#[derive(PartialEq)]
enum Element {
    /// A literal: a constant.
    Constant,
    /// An expression of literals the optimizer may or may not fold into a constant.
    Foldable,
    /// Computed when the display runs.
    Runtime,
}

fn element(expr: &Expression) -> Element {
    let parts: Vec<&Expression> = match expr {
        Expression::Literal { .. } => return Element::Constant,
        Expression::Tuple { elements } | Expression::List { elements } | Expression::Set { elements } => {
            elements.iter().collect()
        }
        Expression::BitOr { left, right } | Expression::BinOp { left, right, .. } => vec![left, right],
        Expression::UnaryOp { operand, .. } => vec![operand],
        Expression::BoolOp { values, .. } => values.iter().collect(),
        Expression::Compare { left, comparisons } => {
            std::iter::once(&**left).chain(comparisons.iter().map(|(_, right)| right)).collect()
        }
        _ => return Element::Runtime,
    };
    if parts.iter().all(|part| element(part) != Element::Runtime) {
        Element::Foldable
    } else {
        Element::Runtime
    }
}

/// The value of a literal an int, a bool or None; None for other literals.
fn literal_value(expr: &Expression) -> Option<Val> {
    match expr {
        Expression::Literal { literal: Literal::Int(n) } => Some(Val::Int(*n)),
        Expression::Literal { literal: Literal::Bool(b) } => Some(Val::Bool(*b)),
        Expression::Literal { literal: Literal::None } => Some(Val::None),
        _ => None,
    }
}

impl Run<'_> {
    /// Pyodide's CPython (the page's 3.14) is a 32-bit wasm build: its hashes and table indexes
    /// are 32-bit words.
    fn width(&self) -> Width {
        if self.minor == lab::PYODIDE_PYTHON_MINOR {
            Width::Bits32
        } else {
            Width::Bits64
        }
    }

    /// `value`'s hash and table key, when no process can hash it otherwise.
    fn member(&self, value: &Val) -> Option<(i64, Member)> {
        match value {
            Val::Int(n) => Some((int_hash(*n, self.width()), Member::Int(*n))),
            Val::Bool(b) => Some((i64::from(*b), Member::Int(i64::from(*b)))),
            Val::None if self.minor >= 12 => Some((none_hash(self.width()), Member::None)),
            _ => None,
        }
    }

    /// The member of `set` a table key stands for.
    fn value_of(&self, set: usize, key: &Member) -> Val {
        let items = self.world.objs[set].items.as_deref().unwrap_or_default();
        items.iter().find(|v| self.member(v).is_some_and(|(_, k)| k == *key)).cloned().unwrap_or(Val::None)
    }

    /// A new set's table: empty, 8 slots.
    pub(super) fn new_set_table(&mut self, set: usize) {
        let table = SetTable::new(self.width());
        self.set_tables.insert(set, table);
        self.set_layouts_unknown.remove(&set);
    }

    /// `set.add(value)`: nothing when an equal member is there already.
    pub(super) fn set_add(&mut self, set: usize, value: Val) -> Outcome<()> {
        self.set_insert(set, value).map(|_| ())
    }

    /// Adds `value` to `set`; false when an equal member was there already.
    fn set_insert(&mut self, set: usize, value: Val) -> Outcome<bool> {
        self.hashable(&value, KeyRole::SetElement)?;
        let members = self.world.objs[set].items.clone().unwrap_or_default();
        for member in &members {
            if *member == value || self.equal(member, &value, 0)? {
                return Ok(false);
            }
        }
        if members.len() >= MAX_ITEMS {
            return Err(not_modelled!("sets longer than {MAX_ITEMS} members are not modelled"));
        }
        match (self.member(&value), self.set_tables.get_mut(&set)) {
            (Some((hash, key)), Some(table)) => {
                table.add(hash, key);
            }
            _ => {
                self.set_tables.remove(&set);
            }
        }
        self.world.objs[set].items.get_or_insert_with(Vec::new).push(value);
        Ok(true)
    }

    /// `value` can be looked up in a set: a set (unhashable) is declined, since `in`, `discard`
    /// and `remove` retry with a frozenset of it, which the model does not have.
    pub(super) fn set_lookup_key(&self, value: &Val) -> Outcome<()> {
        if self.container(value, "set").is_some() {
            return Err("looking a set up in a set (CPython retries with a frozenset) is not modelled".into());
        }
        self.hashable(value, KeyRole::Lookup)
    }

    /// Takes `value`'s equal member out of `set` (its slot left a dummy): the member, whose
    /// reference the caller has, or None.
    fn set_take(&mut self, set: usize, value: &Val) -> Outcome<Option<Val>> {
        self.set_lookup_key(value)?;
        let members = self.world.objs[set].items.clone().unwrap_or_default();
        let mut found = None;
        for (index, member) in members.iter().enumerate() {
            if member == value || self.equal(member, value, 0)? {
                found = Some(index);
                break;
            }
        }
        let Some(index) = found else { return Ok(None) };
        let member = self.world.objs[set].items.get_or_insert_with(Vec::new).remove(index);
        match (self.member(&member), self.set_tables.get_mut(&set)) {
            (Some((hash, key)), Some(table)) => {
                table.discard(hash, &key);
            }
            _ => {
                self.set_tables.remove(&set);
            }
        }
        Ok(Some(member))
    }

    /// `discard`, `remove`, `pop`, `clear` and `copy` of `set`; the result is not held yet.
    #[inline(never)]
    pub(super) fn set_method(&mut self, set: usize, qualname: &str, args: &[Val]) -> Outcome<Val> {
        match (qualname, args) {
            ("set.discard", [value]) => {
                let taken = self.set_take(set, value)?;
                self.released(&taken.unwrap_or(Val::None))?;
                Ok(Val::None)
            }
            ("set.remove", [value]) => match self.set_take(set, value)? {
                Some(member) => self.released(&member).map(|()| Val::None),
                None => Err(Stop::Throw("KeyError", Box::new(value.clone()))),
            },
            ("set.pop", []) => {
                let members = self.world.objs[set].items.clone().unwrap_or_default();
                if members.is_empty() {
                    return Err(throw("KeyError", "pop from an empty set"));
                }
                let member = match self.set_tables.get_mut(&set) {
                    Some(table) => {
                        let key = table.pop().unwrap_or(Member::None);
                        self.value_of(set, &key)
                    }
                    None if members.len() == 1 => members[0].clone(),
                    None => return Err(self.unknown_order(set, "popping from")),
                };
                let items = self.world.objs[set].items.get_or_insert_with(Vec::new);
                if let Some(index) = items.iter().position(|v| *v == member) {
                    items.remove(index);
                }
                Ok(member)
            }
            ("set.clear", []) => {
                // The set is empty (8 slots) before it lets go of its members, in slot order.
                let members = match self.set_tables.get(&set) {
                    Some(_) => self.set_order(set, "clearing")?,
                    None => {
                        let members = self.world.objs[set].items.clone().unwrap_or_default();
                        self.container_members(set, members)?
                    }
                };
                self.world.objs[set].items = Some(Vec::new());
                self.new_set_table(set);
                members.iter().try_for_each(|m| self.released(m))?;
                Ok(Val::None)
            }
            ("set.copy", []) => self.set_of(&Val::Obj(set)),
            _ => Err(not_modelled!("`{qualname}` with these arguments is not modelled")),
        }
    }

    /// Why `set`'s order, which `what` (iterating, printing) shows, is not followed.
    fn unknown_order(&self, set: usize, what: &str) -> Stop {
        let members = self.world.objs[set].items.as_deref().unwrap_or_default();
        let why = if members.iter().any(|m| referents(m).is_some()) {
            "objects' memory addresses"
        } else if members.iter().any(|m| matches!(m, Val::Str(_))) {
            "string hashes, which CPython randomizes per process"
        } else if members.contains(&Val::None) && self.minor < 12 {
            "None's hash, its address before 3.12"
        } else if let Some(why) = self.set_layouts_unknown.get(&set) {
            why
        } else {
            "its hash table's history"
        };
        not_modelled!("{what} a set whose order follows {why} is not modelled")
    }

    /// A set's members in its hash table's order, which `what` (iterating, printing) follows.
    pub(super) fn set_order(&self, set: usize, what: &str) -> Outcome<Vec<Val>> {
        let members = self.world.objs[set].items.clone().unwrap_or_default();
        if members.len() <= 1 {
            return Ok(members);
        }
        let Some(table) = self.set_tables.get(&set) else { return Err(self.unknown_order(set, what)) };
        Ok(table.members().iter().map(|key| self.value_of(set, key)).collect())
    }

    /// What a loop over `set` gives next from table slot `position`, and the next position;
    /// None once past the last member.
    pub(super) fn set_next(&self, set: usize, position: usize) -> Outcome<Option<(Val, usize)>> {
        let Some(table) = self.set_tables.get(&set) else {
            return Err(self.unknown_order(set, "iterating over"));
        };
        Ok(table.next_from(position).map(|(key, next)| (self.value_of(set, &key), next)))
    }

    /// Whether loops over `set` follow its table, as CPython's iterator reads it at each step.
    pub(super) fn set_followed(&self, set: usize) -> bool {
        self.set_tables.contains_key(&set)
    }

    /// `set(iterable)`: a new set updated with the iterable: another set's table merged, a
    /// dict's keys added after one resize, anything else added item by item as its iterator
    /// gives them (an item already there is let go of).
    #[inline(never)]
    pub(super) fn set_of(&mut self, iterable: &Val) -> Outcome<Val> {
        let set = self.new_container("set", Vec::new())?;
        if let Some(other) = self.container(iterable, "set") {
            let members = self.world.objs[other].items.clone().unwrap_or_default();
            self.world.objs[set].items = Some(members);
            match self.set_tables.get(&other).cloned() {
                Some(other_table) => {
                    if let Some(table) = self.set_tables.get_mut(&set) {
                        table.merge(&other_table);
                    }
                }
                None => {
                    self.set_tables.remove(&set);
                }
            }
            return Ok(Val::Obj(set));
        }
        if let Some(dict) = self.container(iterable, "dict") {
            let keys: Vec<Val> = self.entries(dict).into_iter().map(|(key, _)| key).collect();
            let members: Option<Vec<(i64, Member)>> = keys.iter().map(|key| self.member(key)).collect();
            match (members, self.set_tables.get_mut(&set)) {
                (Some(members), Some(table)) => table.update_from_dict(members),
                _ => {
                    self.set_tables.remove(&set);
                }
            }
            self.world.objs[set].items = Some(keys);
            return Ok(Val::Obj(set));
        }
        if self.weak_dict(iterable).is_some() || self.weak_dict_generator_of(iterable).is_some() {
            return Err("set() of a weak dictionary or its generator is not modelled".into());
        }
        self.hold(&Val::Obj(set));
        self.world.frames.push(Vec::new());
        let holder = self.world.frames.len() - 1;
        let filled = self.set_fill(set, iterable, holder);
        let iterator = self.world.frames.pop().unwrap_or_default();
        self.let_go(iterator, filled)?;
        self.unhold(&Val::Obj(set));
        Ok(Val::Obj(set))
    }

    fn set_fill(&mut self, set: usize, iterable: &Val, holder: usize) -> Outcome<()> {
        let mut cursor = self.cursor(iterable, holder)?;
        let mut filled = Ok(());
        loop {
            match self.next_item(iterable, &mut cursor) {
                Ok(Some(item)) => {
                    self.hold(&item);
                    let added = self.set_insert(set, item.clone());
                    self.unhold(&item);
                    match added {
                        Ok(true) => {}
                        Ok(false) => self.released(&item)?,
                        Err(stop) => {
                            filled = Err(stop);
                            break;
                        }
                    }
                }
                Ok(None) => break,
                Err(stop) => {
                    filled = Err(stop);
                    break;
                }
            }
        }
        self.keep_cursor(iterable, cursor);
        filled
    }

    /// `{a, b}`: the members go on the stack, then into the set (an equal one already there
    /// stays), kept out of [`Run::evaluate`]'s frame; `iterated`, the display is a `for`'s or a comprehension's iterable. Three or more
    /// constants (any number when iterated) are the compiler's frozenset constant instead.
    #[inline(never)]
    pub(super) fn set_display(&mut self, elements: &[Expression], frame: Frame, iterated: bool) -> Outcome<Val> {
        let kinds: Vec<Element> = elements.iter().map(element).collect();
        let constant = kinds.iter().all(|k| *k == Element::Constant) && (iterated || elements.len() >= 3);
        let mut values = Vec::new();
        for element in elements {
            values.push(self.eval(element, frame)?);
        }
        let set = self.new_container("set", Vec::new())?;
        self.hold(&Val::Obj(set));
        for value in &values {
            self.set_add(set, value.clone())?;
        }
        if kinds.contains(&Element::Foldable) {
            // Whether the optimizer folds it, and so which way the set is built, is not followed.
            self.set_tables.remove(&set);
            self.set_layouts_unknown
                .insert(set, "a display of expressions CPython's optimizer may fold into constants");
        } else if constant && self.set_tables.contains_key(&set) {
            match self.frozenset_constant(&values) {
                Some(frozen) if iterated => {
                    self.set_tables.insert(set, frozen);
                }
                Some(frozen) => {
                    let mut table = SetTable::new(self.width());
                    table.merge(&frozen);
                    self.set_tables.insert(set, table);
                }
                None => {
                    self.set_tables.remove(&set);
                    self.set_layouts_unknown.insert(
                        set,
                        "the frozenset constant CPython's compiler shares between displays of the same members",
                    );
                }
            }
        }
        for value in &values {
            self.drop_temporary(value)?;
        }
        self.unhold(&Val::Obj(set));
        Ok(Val::Obj(set))
    }

    /// The frozenset constant the compiler makes of a display's constant `values`: built by
    /// adding them in order, and up to 3.13 rebuilt in its own order when the constant cache
    /// takes it. The cache gives every display of the same members the first one compiled: None
    /// when another display of them in the module (or one the optimizer may fold into them)
    /// has another layout.
    fn frozenset_constant(&self, values: &[Val]) -> Option<SetTable<Member>> {
        let frozen = self.frozenset_of(values)?;
        if frozen.all_at_home() {
            // Any order of these members gives this table.
            return Some(frozen);
        }
        let members = self.frozenset_members(values)?;
        let displays = self.set_displays.get_or_init(|| self.source.set_displays());
        for elements in displays.as_ref()? {
            let kinds: Vec<Element> = elements.iter().map(element).collect();
            if kinds.contains(&Element::Runtime) {
                continue;
            }
            if kinds.contains(&Element::Foldable) {
                return None;
            }
            let other: Vec<Val> = elements.iter().filter_map(literal_value).collect();
            if other.len() < elements.len() {
                continue;
            }
            let same = self
                .frozenset_members(&other)
                .is_some_and(|m| m.len() == members.len() && m.iter().all(|v| members.contains(v)));
            if same && self.frozenset_of(&other).as_ref() != Some(&frozen) {
                return None;
            }
        }
        Some(frozen)
    }

    /// The members a frozenset of `values` keeps (the first of equal ones), or None when one's
    /// hash is not known.
    fn frozenset_members(&self, values: &[Val]) -> Option<Vec<Val>> {
        let mut kept: Vec<(Member, Val)> = Vec::new();
        for value in values {
            let (_, key) = self.member(value)?;
            if !kept.iter().any(|(k, _)| *k == key) {
                kept.push((key, value.clone()));
            }
        }
        Some(kept.into_iter().map(|(_, v)| v).collect())
    }

    fn frozenset_of(&self, values: &[Val]) -> Option<SetTable<Member>> {
        let keys: Option<Vec<(i64, Member)>> = values.iter().map(|v| self.member(v)).collect();
        let built = SetTable::of(keys?, self.width());
        Some(if self.minor >= 14 { built } else { SetTable::of(built.entries(), self.width()) })
    }

    /// What a `for` or a comprehension iterates over: a display of constants is the compiler's
    /// frozenset constant.
    pub(super) fn iterable(&mut self, expr: &Expression, frame: Frame) -> Outcome<Val> {
        match expr {
            Expression::Set { elements } => self.set_display(elements, frame, true),
            _ => self.eval(expr, frame),
        }
    }
}
