//! `lifetime::set_table` against CPython's own sets: random sequences of `add`, `discard`,
//! `pop`, `clear`, `set(s)`, `update` (from a set and from a dict) over ints chosen to collide
//! (multiples of table sizes, negatives, values past 2**31 and 2**61), bools and None (3.12 on),
//! the order `list(s)` gives after each step compared with every CPython on the machine (one
//! batch each) and Pyodide's 32-bit 3.14. Then the whole model on random programs of displays,
//! comprehensions and `for` loops over them. PLAYGROUND_SKIP_PYTHON=1 skips.

use cpython_truth::Truth;
use lifetime::set_table::{int_hash, none_hash, SetTable, Width};

const PROGRAMS: usize = 150;
const STEPS: usize = 40;

/// A member: its int value (a bool's 0 or 1), None for None; equal by value as in Python.
#[derive(Clone, Debug)]
struct Key {
    value: Option<i64>,
    repr: String,
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        self.value == other.value
    }
}

impl Eq for Key {}

/// A small deterministic generator (64-bit LCG), so every run tests the same programs.
struct Random(u64);

impl Random {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }

    fn key(&mut self, with_none: bool) -> Key {
        let small = self.below(12) as i64;
        let value = match self.below(10) {
            0 => small,
            1 => 8 * small + self.below(3) as i64,
            2 => 32 * small,
            3 => -small - 1,
            4 => (1 << 61) - 1 + small - 6,
            5 => (1 << 31) - 1 + small - 6,
            6 => -(1 << 31) - small,
            7 if with_none => return Key { value: None, repr: "None".into() },
            8 => {
                let flag = self.below(2) == 1;
                return Key { value: Some(i64::from(flag)), repr: if flag { "True" } else { "False" }.into() };
            }
            _ => 64 * small + 1,
        };
        Key { value: Some(value), repr: value.to_string() }
    }
}

fn hash(key: &Key, width: Width) -> i64 {
    key.value.map_or(none_hash(width), |v| int_hash(v, width))
}

fn shown(table: &SetTable<Key>) -> String {
    format!("[{}]", table.members().iter().map(|k| k.repr.as_str()).collect::<Vec<_>>().join(", "))
}

/// One program: its code, and what the model says `list(s)` (or a popped member) is at each
/// recorded step.
fn program(seed: u64, width: Width, with_none: bool) -> (String, Vec<String>) {
    let mut random = Random(seed);
    let mut table = SetTable::new(width);
    let mut code = vec!["_out = []".to_owned(), "s = set()".to_owned()];
    let mut expected = Vec::new();
    for _ in 0..STEPS {
        match random.below(20) {
            0..=8 => {
                let key = random.key(with_none);
                code.push(format!("s.add({})", key.repr));
                table.add(hash(&key, width), key);
            }
            9..=12 => {
                let key = random.key(with_none);
                code.push(format!("s.discard({})", key.repr));
                table.discard(hash(&key, width), &key);
            }
            13 | 14 if !table.is_empty() => {
                code.push("_out.append(repr(s.pop()))".into());
                expected.push(table.pop().map(|k| k.repr).unwrap_or_default());
            }
            15 => {
                code.push("s = set(s)".into());
                let mut copy = SetTable::new(width);
                copy.merge(&table);
                table = copy;
            }
            16 => {
                let keys: Vec<Key> = (0..random.below(6)).map(|_| random.key(with_none)).collect();
                let reprs: Vec<&str> = keys.iter().map(|k| k.repr.as_str()).collect();
                code.push(format!("t = set()\nfor k in [{}]: t.add(k)\ns.update(t)", reprs.join(", ")));
                let other = SetTable::of(keys.into_iter().map(|k| (hash(&k, width), k)), width);
                table.merge(&other);
            }
            17 => {
                let keys: Vec<Key> = (0..random.below(8)).map(|_| random.key(with_none)).collect();
                let reprs: Vec<&str> = keys.iter().map(|k| k.repr.as_str()).collect();
                code.push(format!("s.update(dict.fromkeys([{}]))", reprs.join(", ")));
                let mut distinct: Vec<Key> = Vec::new();
                for key in keys {
                    if !distinct.contains(&key) {
                        distinct.push(key);
                    }
                }
                table.update_from_dict(distinct.into_iter().map(|k| (hash(&k, width), k)).collect());
            }
            18 if random.below(4) == 0 => {
                code.push("s.clear()".into());
                table.clear();
            }
            _ => {}
        }
        code.push("_out.append(repr(list(s)))".into());
        expected.push(shown(&table));
    }
    (code.join("\n") + "\n", expected)
}

fn agrees_with(truth: &Truth) {
    let width = if truth.minor() == lab::PYODIDE_PYTHON_MINOR { Width::Bits32 } else { Width::Bits64 };
    let with_none = truth.minor() >= 12;
    let programs: Vec<(String, Vec<String>)> =
        (0..PROGRAMS as u64).map(|seed| program(seed * 7919 + 1, width, with_none)).collect();
    let probe = "import json\nprint('__PATTERN_PLAYGROUND__ ' + json.dumps(_out))\n".to_owned();
    let runs: Vec<(String, Option<String>)> =
        programs.iter().map(|(code, _)| (code.clone(), Some(probe.clone()))).collect();
    let results = truth.run(&runs);
    let mut problems = Vec::new();
    for ((code, expected), result) in programs.iter().zip(&results) {
        let report = result.probe_reports.first().unwrap_or_else(|| panic!("{}: no report: {result:?}", truth.name()));
        let actual: Vec<String> = serde_json::from_str(report.trim()).expect("the probe's JSON");
        if let Some(step) = actual.iter().zip(expected).position(|(a, e)| a != e) {
            problems.push(format!("{code}\n  step {step}: CPython {} model {}", actual[step], expected[step]));
        }
        assert_eq!(actual.len(), expected.len(), "{}: every step recorded", truth.name());
    }
    assert!(problems.is_empty(), "{}: {} programs disagree:\n{}", truth.name(), problems.len(), problems.join("\n"));
}

#[test]
fn set_orders_agree_with_cpython() {
    for truth in Truth::cpythons("set table") {
        agrees_with(&truth);
    }
}

#[test]
fn set_orders_agree_with_pyodide() {
    let Some(truth) = Truth::pyodide("Pyodide set table") else { return };
    agrees_with(&truth);
}

/// A random program of set displays (constants, names, both; colliding members written in
/// random orders), comprehensions, `set(list)`, `for` over displays and `pop`, printing each set:
/// the whole model (how each set starts, the compiler's frozenset constants) against CPython.
fn display_program(seed: u64) -> String {
    let mut random = Random(seed);
    let member = |random: &mut Random| -> String {
        match random.below(4) {
            0 => (8 * random.below(6)).to_string(),
            1 => (32 * random.below(4) + random.below(2)).to_string(),
            2 => format!("-{}", random.below(9) + 1),
            _ => random.below(20).to_string(),
        }
    };
    let mut lines = vec!["n = 9".to_owned()];
    for _ in 0..6 {
        let count = 1 + random.below(7);
        let members: Vec<String> = (0..count).map(|_| member(&mut random)).collect();
        let shown = members.join(", ");
        lines.push(match random.below(7) {
            0 => format!("print({{{shown}}})"),
            1 => format!("print({{n, {shown}}})"),
            2 => format!("for x in {{{shown}}}:\n    print(x)"),
            3 => format!("print([x for x in {{{shown}}}])"),
            4 => format!("print(set([{shown}]))"),
            5 => format!("print({{x * 8 for x in [{shown}]}})"),
            _ => format!("s = {{{shown}}}\nprint(s.pop(), s)"),
        });
    }
    lines.join("\n") + "\n"
}

fn model_agrees_with(truth: &Truth) {
    let programs: Vec<String> = (0..100).map(|seed| display_program(seed * 104_729 + 3)).collect();
    let runs: Vec<(String, Option<String>)> =
        programs.iter().map(|code| (code.clone(), Some(lifetime::probe(code)))).collect();
    let results = truth.run(&runs);
    let (mut checked, mut declined, mut problems) = (0, 0, Vec::new());
    for (code, result) in programs.iter().zip(&results) {
        let source = pysource::Source::parse(code).unwrap();
        let simulation = lifetime::simulate_on(&source, &source.module(), truth.minor());
        let report = result.probe_reports.first().map_or("", String::as_str);
        let comparison = lifetime::compare(&simulation, report);
        checked += comparison.checked();
        declined += comparison.declined();
        if comparison.disagreed() > 0 {
            problems.push(format!("{code}{:?}", simulation.output));
        }
    }
    assert!(problems.is_empty(), "{}: {} programs disagree:\n{}", truth.name(), problems.len(), problems.join("\n"));
    // Most orders are followed: only frozenset constants another display shares are declined.
    eprintln!("{}: {checked} checked, {declined} declined", truth.name());
    assert!(checked > 4 * declined, "{}: {checked} checked, {declined} declined", truth.name());
}

#[test]
fn displays_and_comprehensions_agree_with_cpython() {
    for truth in Truth::cpythons("set displays") {
        model_agrees_with(&truth);
    }
}

#[test]
fn displays_and_comprehensions_agree_with_pyodide() {
    let Some(truth) = Truth::pyodide("Pyodide set displays") else { return };
    model_agrees_with(&truth);
}
