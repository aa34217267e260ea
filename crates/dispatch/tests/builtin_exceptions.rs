//! The built-in exceptions the dispatch lab reads as having no signature
//! (`dispatch::BUILTIN_EXCEPTIONS`) are, on every Python present and on Pyodide, built-in
//! exception classes without a text signature, whose subclasses `inspect.signature` refuses.

use cpython_truth::Truth;

/// Prints, after the probe marker, the names of `BUILTIN_EXCEPTIONS` for which a plain
/// subclass's signature is refused with "no signature found for builtin type".
fn probe(names: &[&str]) -> String {
    let names = serde_json::to_string(names).unwrap();
    format!(
        r#"import builtins, inspect, json
refused = []
for name in {names}:
    base = getattr(builtins, name, None)
    if not (isinstance(base, type) and issubclass(base, BaseException)):
        continue
    Sub = type("Sub", (base,), {{"__module__": "__main__"}})
    try:
        inspect.signature(Sub)
    except ValueError as error:
        if str(error) == "no signature found for builtin type <class '__main__.Sub'>":
            refused.append(name)
print({marker}, json.dumps(refused))
"#,
        marker = lab::python_string(lab::PROBE_MARKER)
    )
}

#[test]
fn every_listed_exception_has_no_signature_on_every_python() {
    let mut truths = Truth::cpythons("dispatch builtin exceptions");
    truths.extend(Truth::pyodide("dispatch builtin exceptions"));
    for truth in truths {
        let run = truth.run(&[(String::new(), Some(probe(dispatch::BUILTIN_EXCEPTIONS)))]).remove(0);
        let report = run.probe_reports.first().unwrap_or_else(|| panic!("{}: no report {run:?}", truth.name()));
        let refused: Vec<String> = serde_json::from_str(report).unwrap();
        let missing: Vec<&&str> =
            dispatch::BUILTIN_EXCEPTIONS.iter().filter(|n| !refused.iter().any(|r| r == **n)).collect();
        assert!(missing.is_empty(), "{}: {missing:?} have a signature or are not built-in exceptions", truth.name());
    }
}
