//! JSON for the labs' inputs and for the reports `compare` reads: random values (deep, huge,
//! unicode, not objects), values mutated as trees and as text, and garbage reports.

use serde_json::{Map, Number, Value};

use crate::rng::Rng;

const STRINGS: &[&str] = &[
    "",
    "0",
    "12",
    "-7",
    "0012",
    "1_000",
    " 7 ",
    "1e3",
    "3.5",
    "inf",
    "-inf",
    "nan",
    "NaN",
    "true",
    "True",
    "false",
    "no",
    "yes",
    "None",
    "null",
    "ada",
    "hunter2",
    "***",
    "é",
    "naïve",
    "🦀",
    "\u{0}",
    "\n",
    "\"",
    "'",
    "\\",
    "\u{202e}",
    "a\"b'c\n",
    "__init__",
    "self",
    "args",
    "kwargs",
    "99999999999999999999",
    "0x10",
    "+5",
    "٣",
];

/// Numbers JSON can carry and Python cares about: bounds of i64/u64, floats at the edges.
fn number(rng: &mut Rng) -> Value {
    match rng.below(10) {
        0 => Value::from(i64::MIN),
        1 => Value::from(u64::MAX),
        2 => Value::from(i64::MAX),
        3 => Number::from_f64(*rng.pick(&[1e308, -1e308, 5e-324, -0.0, 0.1, 1.5, 1e16, 2.5e-10]))
            .map_or(Value::Null, Value::Number),
        4 => Value::from(rng.next() as i64),
        _ => Value::from(rng.range(0, 300) as i64 - 100),
    }
}

fn string(rng: &mut Rng) -> String {
    match rng.below(6) {
        0 => {
            let len = rng.skewed(2000);
            (0..len).map(|_| char::from_u32(rng.next() as u32 % 0x11_0000).unwrap_or('?')).collect()
        }
        1 => "x".repeat(rng.skewed(4000)),
        _ => rng.pick(STRINGS).to_string(),
    }
}

/// A random JSON value; `keys` are preferred as object keys (the handler's parameters).
pub fn value(rng: &mut Rng, depth: usize, keys: &[String]) -> Value {
    let leaf = depth == 0 || rng.one_in(3);
    match if leaf { rng.below(5) } else { rng.below(7) } {
        0 => Value::Null,
        1 => Value::Bool(rng.one_in(2)),
        2 => number(rng),
        3 | 4 => Value::String(string(rng)),
        5 => Value::Array((0..rng.skewed(12)).map(|_| value(rng, depth - 1, keys)).collect()),
        _ => Value::Object(object(rng, depth - 1, keys)),
    }
}

pub fn object(rng: &mut Rng, depth: usize, keys: &[String]) -> Map<String, Value> {
    let mut map = Map::new();
    for _ in 0..rng.skewed(16) {
        let key = if !keys.is_empty() && !rng.one_in(4) { rng.pick(keys).clone() } else { string(rng) };
        map.insert(key, value(rng, depth, keys));
    }
    map
}

/// A payload as typed: an object of the parameters' names most of the time; now and then
/// something that is not an object, or not JSON, or a seed mutated.
pub fn payload(rng: &mut Rng, keys: &[String], seeds: &[String]) -> String {
    let text = match rng.below(14) {
        0..=6 => {
            let depth = rng.skewed(6);
            Value::Object(object(rng, depth, keys)).to_string()
        }
        7 | 8 => rng.pick::<String>(seeds).clone(),
        9 => {
            let depth = rng.skewed(6);
            value(rng, depth, keys).to_string()
        }
        10 => deep(rng),
        11 => odd_text(rng),
        _ => {
            let mut v: Value = serde_json::from_str(rng.pick::<String>(seeds)).unwrap_or(Value::Null);
            for _ in 0..rng.range(1, 4) {
                mutate_value(rng, &mut v, keys);
            }
            v.to_string()
        }
    };
    if rng.one_in(8) {
        mutate_text(rng, text)
    } else {
        text
    }
}

/// Nesting past serde_json's recursion limit, or just under it.
fn deep(rng: &mut Rng) -> String {
    let depth = *rng.pick(&[100, 127, 128, 129, 500, 5000]);
    match rng.below(3) {
        0 => format!("{}1{}", "[".repeat(depth), "]".repeat(depth)),
        1 => format!("{}1{}", "{\"a\": ".repeat(depth), "}".repeat(depth)),
        _ => format!("{{\"a\": {}{}}}", "[".repeat(depth), "]".repeat(depth)),
    }
}

/// JSON text no `Value` serializes: huge numbers, duplicate keys, non-JSON literals.
fn odd_text(rng: &mut Rng) -> String {
    rng.pick(&[
        "{\"a\": 1e400}",
        "{\"a\": -1e400, \"b\": 123456789012345678901234567890}",
        "{\"a\": 1, \"a\": 2}",
        "{\"a\": NaN}",
        "{\"a\": Infinity}",
        "{'a': 1}",
        "{\"a\": 1,}",
        "\u{feff}{\"a\": 1}",
        "{\"\\ud800\": 1}",
        "{\"a\": \"\\ud83e\\udd80\"}",
        "{\"\": null}",
        "  {\"a\" :1 }  ",
        "[]",
        "\"a\"",
        "null",
        "",
        "{",
        "1",
        "-0",
        "{\"a\": 1} {\"b\": 2}",
    ])
    .to_string()
}

/// One change to a value: a leaf replaced, a key dropped or added, a type changed.
pub fn mutate_value(rng: &mut Rng, v: &mut Value, keys: &[String]) {
    match v {
        Value::Object(map) if !map.is_empty() && !rng.one_in(4) => {
            let key = map.keys().nth(rng.below(map.len())).cloned().unwrap_or_default();
            match rng.below(4) {
                0 => {
                    map.remove(&key);
                }
                1 => {
                    map.insert(string(rng), value(rng, 2, keys));
                }
                _ => {
                    if let Some(child) = map.get_mut(&key) {
                        mutate_value(rng, child, keys);
                    }
                }
            }
        }
        Value::Array(items) if !items.is_empty() && !rng.one_in(4) => match rng.below(4) {
            0 => {
                items.remove(rng.below(items.len()));
            }
            1 => {
                let copy = items[rng.below(items.len())].clone();
                items.push(copy);
            }
            _ => {
                let i = rng.below(items.len());
                mutate_value(rng, &mut items[i], keys);
            }
        },
        _ => *v = wrong_type(rng, v, keys),
    }
}

/// A value of another type than `v`.
fn wrong_type(rng: &mut Rng, v: &Value, keys: &[String]) -> Value {
    for _ in 0..8 {
        let other = value(rng, 2, keys);
        if std::mem::discriminant(&other) != std::mem::discriminant(v) {
            return other;
        }
    }
    Value::Null
}

/// Text-level damage: truncated, a bracket or quote inserted, a run deleted.
pub fn mutate_text(rng: &mut Rng, mut text: String) -> String {
    let at = boundary(&text, rng.below(text.len() + 1));
    match rng.below(4) {
        0 => text.truncate(at),
        1 => text.insert_str(at, rng.pick::<&str>(&["{", "}", "[", "]", "\"", ",", ":", "\\", "\\u", "1e999"])),
        2 => {
            let end = boundary(&text, (at + rng.skewed(16)).min(text.len()));
            text.replace_range(at..end, "");
        }
        _ => {
            let end = boundary(&text, (at + rng.skewed(64)).min(text.len()));
            let copy = text[at..end].to_owned();
            text.insert_str(at, &copy);
        }
    }
    text
}

/// The reports `compare` is given for one prediction: the real-looking one, it mutated, and
/// garbage (random JSON, truncated JSON, wrong types, not JSON at all).
pub fn reports(rng: &mut Rng, real: Value) -> Vec<String> {
    let text = real.to_string();
    let mut mutated = real.clone();
    for _ in 0..rng.range(1, 6) {
        mutate_value(rng, &mut mutated, &[]);
    }
    let mut retyped = real.clone();
    if let Value::Object(map) = &mut retyped {
        for v in map.values_mut() {
            if rng.one_in(2) {
                *v = wrong_type(rng, v, &[]);
            }
        }
    }
    let cut = boundary(&text, rng.below(text.len() + 1));
    let depth = rng.skewed(5);
    let random = value(rng, depth, &[]);
    vec![
        text.clone(),
        mutated.to_string(),
        retyped.to_string(),
        text[..cut].to_owned(),
        mutate_text(rng, text.clone()),
        random.to_string(),
        odd_text(rng),
        deep(rng),
    ]
}

fn boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_are_deterministic_for_a_seed() {
        let keys = vec!["a".to_owned(), "b".to_owned()];
        let seeds = vec![r#"{"a": 1}"#.to_owned()];
        for i in 0..300 {
            let a = payload(&mut Rng::for_case(5, "dispatch", i), &keys, &seeds);
            let b = payload(&mut Rng::for_case(5, "dispatch", i), &keys, &seeds);
            assert_eq!(a, b);
        }
    }

    #[test]
    fn payloads_include_objects_non_objects_and_non_json() {
        let keys = vec!["a".to_owned()];
        let seeds = vec![r#"{"a": 1}"#.to_owned()];
        let (mut objects, mut others, mut invalid) = (0, 0, 0);
        for i in 0..500 {
            match serde_json::from_str::<Value>(&payload(&mut Rng::for_case(1, "d", i), &keys, &seeds)) {
                Ok(Value::Object(_)) => objects += 1,
                Ok(_) => others += 1,
                Err(_) => invalid += 1,
            }
        }
        assert!(objects > 100 && others > 10 && invalid > 10, "{objects} {others} {invalid}");
    }

    #[test]
    fn reports_start_with_the_real_one() {
        let real = serde_json::json!({"lines": ["a"], "error": null});
        let reports = reports(&mut Rng::new(3), real.clone());
        assert_eq!(reports[0], real.to_string());
        assert!(reports.len() >= 6);
    }
}
