//! Differential test against Pyodide (CPython 3.14, the interpreter the page runs): every corpus
//! file runs with its `runtime_probe` in Pyodide under node (tests/pyodide/run-probes.mjs, one
//! process for the whole corpus), and the model's runtime verdict for 3.14 (`check_on`) and its
//! instance must agree with it on every (class, protocol) pair. Needs `npm ci`; PLAYGROUND_SKIP_PYTHON=1 skips the test.

use serde_json::Value;

mod common;
use common::corpus;

#[path = "../../../tests/pyodide/run_probes.rs"]
mod run_probes;
use run_probes::{run_in_pyodide, skipped, ProbeCase};

#[test]
fn runtime_verdicts_agree_with_pyodide_on_the_corpus() {
    if skipped("Pyodide conformance test") {
        return;
    }
    let files: Vec<_> = corpus()
        .into_iter()
        .map(|(name, code)| {
            let module = pysource::parse(&code).unwrap_or_else(|e| panic!("{name}: {e:?}"));
            let report = conformance::check_on(&module, conformance::PYODIDE_PYTHON_MINOR);
            (name, code, report)
        })
        .collect();
    let cases: Vec<ProbeCase> = files
        .iter()
        .map(|(name, code, report)| ProbeCase {
            id: name.clone(),
            code: code.clone(),
            probe: conformance::runtime_probe(report),
        })
        .collect();
    let results = run_in_pyodide(&cases);

    let mut pairs = 0;
    let mut disagreements = Vec::new();
    for (name, _, report) in &files {
        let probe_json = match &results[name] {
            Ok(json) => json,
            Err(error) => {
                disagreements.push(format!("{name}: the probe failed in Pyodide: {error}"));
                continue;
            }
        };
        let observed: Value = serde_json::from_str(probe_json).unwrap();
        for (entry, agreement) in report.entries.iter().zip(conformance::compare(report, probe_json)) {
            pairs += 1;
            let instance = observed["entries"]
                .as_array()
                .and_then(|entries| {
                    entries
                        .iter()
                        .find(|o| o["class"] == entry.class.as_str() && o["protocol"] == entry.protocol.as_str())
                })
                .map(|o| o["instance"].clone())
                .unwrap_or(Value::Null);
            if !agreement.agrees || instance != entry.instance.as_str() {
                let reasons: Vec<&str> = entry.reasons.iter().map(|r| r.message.as_str()).collect();
                disagreements.push(format!(
                    "{name}: {} vs {}\n  model:   runtime={} instance={}\n  pyodide: runtime={} instance={instance}\n  reasons: {reasons:?}",
                    entry.class,
                    entry.protocol,
                    serde_json::to_value(entry.runtime).unwrap(),
                    entry.instance,
                    agreement.actual
                ));
            }
        }
    }
    assert!(pairs >= 60, "the corpus must keep at least 60 pairs, has {pairs}");
    assert!(
        disagreements.is_empty(),
        "{} of {pairs} pairs disagree with Pyodide (CPython 3.14):\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
    eprintln!("{pairs} conformance pairs agree with Pyodide (CPython 3.14)");
}
