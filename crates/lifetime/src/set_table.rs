//! CPython's set hash table (`Objects/setobject.c`, whose probing and resizing are the same from
//! 3.11 to 3.14), for members whose hashes do not depend on the process: which slot each member
//! sits in, and so the order iteration, `repr` and `pop` give them.
//!
//! A table starts with 8 slots (`PySet_MINSIZE`). A lookup starts at `hash & mask` and looks at
//! that slot and the next `LINEAR_PROBES` (9) ones when they fit before the table's end, then
//! jumps to `(i * 5 + 1 + perturb) & mask`, `perturb` being the hash as an unsigned word shifted
//! right by 5 at each jump. A deleted member leaves a dummy, which a later insertion takes over
//! (the last one its probe passed) when the member is new. `fill` counts members and dummies;
//! when an insertion into an empty slot makes `fill * 5 >= mask * 3`, the table is rebuilt with
//! the smallest power of two above `used * 4` (`used * 2` past 50,000) slots, dummies dropped,
//! the members reinserted in slot order. `set_merge` (a set built from or updated with another)
//! resizes once up front, copies the other table slot for slot when it is empty and of the same
//! size without dummies, and otherwise reinserts in the other's slot order. `pop` walks from a
//! `finger` left after the slot it last took.
//!
//! Pure data: hashes and keys in, slots out; the caller says which values are equal (`K: Eq`,
//! with equal keys only for equal hashes) and what a value's hash is ([`int_hash`]).

/// The word CPython's hashes and indexes are: 64 bits on the machine's CPythons, 32 on Pyodide's
/// wasm32 build.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Width {
    Bits64,
    Bits32,
}

const MIN_SIZE: usize = 8;
const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;

/// `hash(n)` for an int: `n` modulo the Mersenne prime `2**61 - 1` (`2**31 - 1` on a 32-bit
/// build), keeping its sign; -1, CPython's error value, becomes -2.
pub fn int_hash(n: i64, width: Width) -> i64 {
    let modulus: u64 = match width {
        Width::Bits64 => (1 << 61) - 1,
        Width::Bits32 => (1 << 31) - 1,
    };
    let magnitude = i64::try_from(n.unsigned_abs() % modulus).unwrap_or_default();
    match if n < 0 { -magnitude } else { magnitude } {
        -1 => -2,
        hash => hash,
    }
}

/// `hash(None)` from 3.12 (a constant, `0xFCA86420`, as the word's signed integer); before, it
/// was the object's address.
pub fn none_hash(width: Width) -> i64 {
    match width {
        Width::Bits64 => 0xFCA8_6420,
        Width::Bits32 => i64::from(0xFCA8_6420_u32 as i32),
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Slot<K> {
    Empty,
    /// A deleted member's slot (hash -1 in CPython).
    Dummy,
    Active(i64, K),
}

/// One set's table.
#[derive(Clone, Debug, PartialEq)]
pub struct SetTable<K> {
    slots: Vec<Slot<K>>,
    /// Slots not empty: members and dummies.
    fill: usize,
    /// Members.
    used: usize,
    /// Where `pop` starts looking.
    finger: usize,
    width: Width,
}

/// Where a probe goes: the slot it starts at, then its jumps.
struct Probe {
    index: usize,
    perturb: u64,
    mask: usize,
}

impl Probe {
    fn new(hash: i64, mask: usize, width: Width) -> Probe {
        // The hash as an unsigned word (`size_t`).
        let perturb = match width {
            Width::Bits64 => hash as u64,
            Width::Bits32 => u64::from(hash as u32),
        };
        Probe { index: (perturb as usize) & mask, perturb, mask }
    }

    /// The slots looked at from `index` before the next jump: `index` and the next
    /// `LINEAR_PROBES` when they fit before the table's end.
    fn run(&self) -> std::ops::RangeInclusive<usize> {
        let probes = if self.index + LINEAR_PROBES <= self.mask { LINEAR_PROBES } else { 0 };
        self.index..=self.index + probes
    }

    fn jump(&mut self) {
        self.perturb >>= PERTURB_SHIFT;
        // Modulo the word: the mask keeps only bits a wrap would not change.
        let next = (self.index as u64).wrapping_mul(5).wrapping_add(1).wrapping_add(self.perturb);
        self.index = (next as usize) & self.mask;
    }
}

impl<K: Clone + Eq> SetTable<K> {
    /// An empty set: 8 slots.
    pub fn new(width: Width) -> SetTable<K> {
        SetTable { slots: vec![Slot::Empty; MIN_SIZE], fill: 0, used: 0, finger: 0, width }
    }

    /// `frozenset(keys)` or a set filled by adding each in turn.
    pub fn of(keys: impl IntoIterator<Item = (i64, K)>, width: Width) -> SetTable<K> {
        let mut table = SetTable::new(width);
        for (hash, key) in keys {
            table.add(hash, key);
        }
        table
    }

    pub fn len(&self) -> usize {
        self.used
    }

    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    /// The slot holding a member equal to `key`, or None.
    fn find(&self, hash: i64, key: &K) -> Option<usize> {
        let mut probe = Probe::new(hash, self.mask(), self.width);
        loop {
            for i in probe.run() {
                match &self.slots[i] {
                    Slot::Empty => return None,
                    Slot::Active(h, k) if *h == hash && k == key => return Some(i),
                    _ => {}
                }
            }
            probe.jump();
        }
    }

    pub fn contains(&self, hash: i64, key: &K) -> bool {
        self.find(hash, key).is_some()
    }

    /// `set_add_entry`: false when an equal member is there already.
    pub fn add(&mut self, hash: i64, key: K) -> bool {
        let mut probe = Probe::new(hash, self.mask(), self.width);
        let mut dummy = None;
        let empty = 'search: loop {
            for i in probe.run() {
                match &self.slots[i] {
                    Slot::Empty => break 'search i,
                    Slot::Active(h, k) if *h == hash && *k == key => return false,
                    Slot::Dummy => dummy = Some(i),
                    Slot::Active(..) => {}
                }
            }
            probe.jump();
        };
        self.used += 1;
        if let Some(dummy) = dummy {
            self.slots[dummy] = Slot::Active(hash, key);
            return true;
        }
        self.slots[empty] = Slot::Active(hash, key);
        self.fill += 1;
        if self.fill * 5 >= self.mask() * 3 {
            self.resize(if self.used > 50_000 { self.used * 2 } else { self.used * 4 });
        }
        true
    }

    /// `set_insert_clean`: a member known to be absent, into a table without dummies.
    fn insert_clean(slots: &mut [Slot<K>], hash: i64, key: K, width: Width) {
        let mut probe = Probe::new(hash, slots.len() - 1, width);
        loop {
            // Unlike a lookup, the linear probes follow the first slot only when it fits.
            if let Some(i) = probe.run().find(|i| slots[*i] == Slot::Empty) {
                slots[i] = Slot::Active(hash, key);
                return;
            }
            probe.jump();
        }
    }

    /// `set_table_resize`: the smallest table above `min_used` slots, members reinserted in
    /// slot order; a small table without dummies stays as it is.
    fn resize(&mut self, min_used: usize) {
        let mut size = MIN_SIZE;
        while size <= min_used {
            size <<= 1;
        }
        if size == MIN_SIZE && self.slots.len() == MIN_SIZE && self.fill == self.used {
            return;
        }
        let old = std::mem::replace(&mut self.slots, vec![Slot::Empty; size]);
        self.fill = self.used;
        for slot in old {
            if let Slot::Active(hash, key) = slot {
                Self::insert_clean(&mut self.slots, hash, key, self.width);
            }
        }
    }

    /// `set_discard_entry`: the member equal to `key`, taken out (its slot becomes a dummy).
    pub fn discard(&mut self, hash: i64, key: &K) -> Option<K> {
        let i = self.find(hash, key)?;
        self.used -= 1;
        match std::mem::replace(&mut self.slots[i], Slot::Dummy) {
            Slot::Active(_, member) => Some(member),
            _ => None,
        }
    }

    /// `set.pop()`: the first member from the finger on (wrapping around), or None when empty.
    pub fn pop(&mut self) -> Option<K> {
        if self.used == 0 {
            return None;
        }
        let mut i = self.finger & self.mask();
        while !matches!(self.slots[i], Slot::Active(..)) {
            i = (i + 1) & self.mask();
        }
        self.used -= 1;
        self.finger = i + 1;
        match std::mem::replace(&mut self.slots[i], Slot::Dummy) {
            Slot::Active(_, member) => Some(member),
            _ => None,
        }
    }

    /// `set.clear()`: back to 8 empty slots (the finger stays); the members it held, in slot
    /// order, which is the order it lets go of them.
    pub fn clear(&mut self) -> Vec<K> {
        let members = self.members();
        self.slots = vec![Slot::Empty; MIN_SIZE];
        self.fill = 0;
        self.used = 0;
        members
    }

    /// The members in slot order: iteration's, `repr`'s and deallocation's order.
    pub fn members(&self) -> Vec<K> {
        self.slots
            .iter()
            .filter_map(|slot| match slot {
                Slot::Active(_, key) => Some(key.clone()),
                _ => None,
            })
            .collect()
    }

    /// What a set iterator at slot `position` gives next, and its next position.
    pub fn next_from(&self, position: usize) -> Option<(K, usize)> {
        self.slots.iter().enumerate().skip(position).find_map(|(i, slot)| match slot {
            Slot::Active(_, key) => Some((key.clone(), i + 1)),
            _ => None,
        })
    }

    /// Every member sits in the slot its hash starts at: a table built by adding the same
    /// members in any order, without deletions, is this one.
    pub fn all_at_home(&self) -> bool {
        let mask = self.mask();
        self.slots.iter().enumerate().all(|(i, slot)| match slot {
            Slot::Active(hash, _) => Probe::new(*hash, mask, self.width).index == i,
            _ => true,
        })
    }

    /// The members with their hashes, in slot order.
    pub fn entries(&self) -> impl Iterator<Item = (i64, K)> + '_ {
        self.slots.iter().filter_map(|slot| match slot {
            Slot::Active(hash, key) => Some((*hash, key.clone())),
            _ => None,
        })
    }

    /// `set_merge`: `self.update(other)` for another set (`set(other)` and `other.copy()` start
    /// from an empty set).
    pub fn merge(&mut self, other: &SetTable<K>) {
        if other.used == 0 {
            return;
        }
        if (self.fill + other.used) * 5 >= self.mask() * 3 {
            self.resize((self.used + other.used) * 2);
        }
        if self.fill == 0 && self.mask() == other.mask() && other.fill == other.used {
            self.slots.clone_from(&other.slots);
            self.fill = other.fill;
            self.used = other.used;
            return;
        }
        if self.fill == 0 {
            self.fill = other.used;
            self.used = other.used;
            for (hash, key) in other.entries() {
                Self::insert_clean(&mut self.slots, hash, key, self.width);
            }
            return;
        }
        for (hash, key) in other.entries() {
            self.add(hash, key);
        }
    }

    /// `self.update(d)` for a dict of `count` keys (each key's hash as the dict keeps it, in the
    /// dict's order): one resize up front, then each key added.
    pub fn update_from_dict(&mut self, keys: Vec<(i64, K)>) {
        if (self.fill + keys.len()) * 5 >= self.mask() * 3 {
            self.resize((self.used + keys.len()) * 2);
        }
        for (hash, key) in keys {
            self.add(hash, key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ints(values: &[i64]) -> SetTable<i64> {
        SetTable::of(values.iter().map(|v| (int_hash(*v, Width::Bits64), *v)), Width::Bits64)
    }

    #[test]
    fn colliding_ints_probe_then_resize() {
        // 1, 9, 17, 25 and 33 all start at slot 1 of 8; the fifth resizes the table to 32.
        assert_eq!(ints(&[1, 9, 17, 25, 33]).members(), vec![1, 33, 9, 17, 25]);
    }

    #[test]
    fn hashes_keep_their_sign_and_avoid_minus_one() {
        assert_eq!(int_hash(-1, Width::Bits64), -2);
        assert_eq!(int_hash((1 << 61) - 1, Width::Bits64), 0);
        assert_eq!(int_hash(-(1 << 31), Width::Bits32), -2);
        assert_eq!(none_hash(Width::Bits32), -56_073_184);
    }
}
