//! The per-lab parts of the targets: each lab's input generator and its probe's report shape.

use serde_json::{json, Map, Value};

use crate::json;
use crate::python::Names;
use crate::rng::Rng;
use crate::seeds::Seeds;
use crate::target::Target;

/// A handler or function name: mostly one from the code, else a suite's name or garbage.
fn name(rng: &mut Rng, names: &Names, seeds: &Seeds) -> String {
    match rng.below(10) {
        0..=5 if !names.handlers.is_empty() => rng.pick(&names.handlers).clone(),
        6 if !seeds.names.is_empty() => rng.pick(&seeds.names).clone(),
        7 if !names.handlers.is_empty() => {
            // A name from the code, damaged: a dot too many, a suffix, a missing class.
            let n = rng.pick(&names.handlers).clone();
            match rng.below(4) {
                0 => format!("{n}.{n}"),
                1 => format!("{n}x"),
                2 => n.rsplit('.').next().unwrap_or_default().to_owned(),
                _ => format!(".{n}"),
            }
        }
        _ => rng
            .pick(&[
                "",
                ".",
                "..",
                "a.b.c",
                "C.",
                ".m",
                "café",
                "__init__",
                "C.__init__",
                "C.__new__",
                "1",
                " f",
                "f ",
                "é".repeat(300).as_str(),
            ])
            .to_string(),
    }
}

/// Keys for a payload: the code's parameter names, now and then with oddities.
fn keys(rng: &mut Rng, names: &Names) -> Vec<String> {
    let mut keys = names.params.clone();
    if rng.one_in(3) {
        keys.extend(["args", "kwargs", "self", "", "__class__", "naïve"].map(String::from));
    }
    keys
}

fn strings(value: &Value) -> Vec<Value> {
    value.as_array().cloned().unwrap_or_default()
}

fn maybe_error(rng: &mut Rng, predicted: &Value) -> Value {
    match rng.below(4) {
        0 => Value::Null,
        1 => json!("TypeError: f() got an unexpected keyword argument 'x'"),
        _ => predicted.clone(),
    }
}

pub struct Protocol;

impl Target for Protocol {
    type L = conformance::ProtocolLab;

    fn input(_: &mut Rng, _: &Names, _: &Seeds) {}

    fn report(rng: &mut Rng, prediction: &conformance::ConformanceReport) -> Value {
        let entries: Vec<Value> = prediction
            .entries
            .iter()
            .map(|e| {
                let predicted = serde_json::to_value(&e.runtime).unwrap_or(Value::Null);
                let runtime = match rng.below(6) {
                    0 => json!(true),
                    1 => json!(false),
                    2 => json!("TypeError"),
                    3 => json!("error: AttributeError: 'C' object has no attribute 'x'"),
                    _ => predicted,
                };
                json!({"class": e.class, "protocol": e.protocol, "instance": e.instance, "runtime": runtime})
            })
            .collect();
        json!({ "entries": entries })
    }
}

pub struct Dispatch;

#[allow(clippy::needless_update)] // `..Default::default()`: the input may gain fields.
impl Target for Dispatch {
    type L = dispatch::DispatchLab;

    fn input(rng: &mut Rng, names: &Names, seeds: &Seeds) -> dispatch::DispatchInput {
        let keys = keys(rng, names);
        dispatch::DispatchInput {
            handler: name(rng, names, seeds),
            payload: json::payload(rng, &keys, &seeds.json),
            dispatcher: if rng.one_in(2) { dispatch::Dispatcher::Naive } else { dispatch::Dispatcher::Strict },
            ..Default::default()
        }
    }

    fn report(rng: &mut Rng, prediction: &dispatch::DispatchPrediction) -> Value {
        let p = serde_json::to_value(prediction).unwrap_or(Value::Null);
        let outcome =
            if rng.one_in(5) { json!(if p["outcome"] == "ok" { "error" } else { "ok" }) } else { p["outcome"].clone() };
        json!({
            "outcome": outcome,
            "error": maybe_error(rng, &p["error"]),
            "arguments": p["arguments"],
            "defaulted": p["defaulted"],
            "dropped": p["dropped"],
        })
    }
}

pub struct Annotated;

#[allow(clippy::needless_update)]
impl Target for Annotated {
    type L = annotated::AnnotatedLab;

    fn input(rng: &mut Rng, names: &Names, seeds: &Seeds) -> annotated::AnnotatedInput {
        let keys = keys(rng, names);
        annotated::AnnotatedInput {
            function: if rng.one_in(5) {
                name(rng, names, seeds)
            } else {
                // The lab validates top-level functions: mostly one of those.
                if names.functions.is_empty() {
                    name(rng, names, seeds)
                } else {
                    rng.pick(&names.functions).clone()
                }
            },
            values: json::payload(rng, &keys, &seeds.json),
            ..Default::default()
        }
    }

    fn report(rng: &mut Rng, prediction: &annotated::Prediction) -> Value {
        let mut params = Map::new();
        for p in &prediction.params {
            let pv = serde_json::to_value(p).unwrap_or(Value::Null);
            let hint = |rng: &mut Rng, predicted: &Value| match (rng.below(4), predicted) {
                (0, _) => Value::Null,
                (1, _) => json!("typing.Annotated[int, <__main__.Between object at 0x…>]"),
                (_, Value::String(s)) => json!(s),
                (_, Value::Object(o)) => o.values().find(|v| v.is_string()).cloned().unwrap_or(Value::Null),
                _ => json!(p.annotation),
            };
            let entry = json!({
                "hint": hint(rng, &pv["hint"]),
                "hint_extras": hint(rng, &pv["hint_extras"]),
                "messages": strings(&pv["messages"]),
            });
            params.insert(p.name.clone(), entry);
        }
        json!({
            "params": params,
            "messages": prediction.messages,
            "error": maybe_error(rng, &json!(prediction.error)),
        })
    }
}

pub struct Finalize;

impl Target for Finalize {
    type L = lifetime::FinalizeLab;

    fn input(_: &mut Rng, _: &Names, _: &Seeds) {}

    fn report(rng: &mut Rng, prediction: &lifetime::Simulation) -> Value {
        // CPython prints an address where the prediction has a hole.
        let mut lines: Vec<String> =
            prediction.output.iter().map(|line| line.replace(lifetime::ADDRESS_HOLE, "0x7f3a2c1b9d50")).collect();
        if rng.one_in(3) {
            lines.push("extra".into());
        }
        let error = if rng.one_in(4) { json!("NameError: name 'a' is not defined") } else { Value::Null };
        json!({ "lines": lines, "error": error })
    }
}

pub struct Freeze;

#[allow(clippy::needless_update)]
impl Target for Freeze {
    type L = cow::FreezeLab;

    /// Heap sizes and worker counts from 0 to `u32::MAX`, up to a few dozen workloads, and read
    /// fractions in and out of (0, 1], NaN and infinities included.
    fn input(rng: &mut Rng, _: &Names, _: &Seeds) -> cow::FreezeInput {
        let count = |rng: &mut Rng| match rng.below(8) {
            0 => 0,
            1 => u32::MAX,
            2 => rng.next() as u32,
            3 => 1 << rng.below(32),
            _ => rng.range(1, 2000) as u32,
        };
        let heap_mb = count(rng);
        let workers = count(rng);
        let workloads = (0..rng.skewed(40))
            .map(|_| {
                let reads = match rng.below(4) {
                    0 => cow::Reads::None,
                    1 => cow::Reads::All,
                    _ => cow::Reads::Fraction(match rng.below(4) {
                        0 => *rng.pick(&[
                            0.0,
                            -0.0,
                            -1.0,
                            1.0,
                            1.5,
                            1e-300,
                            f64::MIN_POSITIVE,
                            f64::NAN,
                            f64::INFINITY,
                            -f64::INFINITY,
                        ]),
                        _ => (rng.next() >> 11) as f64 / (1u64 << 53) as f64,
                    }),
                };
                cow::Workload { requests: rng.one_in(2), reads }
            })
            .collect();
        let workloads = if rng.one_in(10) { Vec::new() } else { workloads };
        cow::FreezeInput { heap_mb, workers, workloads, ..Default::default() }
    }

    fn report(_: &mut Rng, prediction: &cow::FreezeReport) -> Value {
        serde_json::from_str(&prediction.to_json()).unwrap_or(Value::Null)
    }
}
