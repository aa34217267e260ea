//! The facts the dispatch lab holds about the built-in bases it follows
//! (`dispatch::BUILTIN_BASES`) are, on every Python present and on Pyodide, what the interpreter
//! does: the signature `inspect.signature` reports for a plain subclass (or its ValueError), and
//! whether the built-in `__new__` takes any arguments without reading them.

use cpython_truth::Truth;

/// Prints, after the probe marker, `[name, signature or null, new takes any arguments]` for each
/// built-in base.
fn probe(names: &[&str]) -> String {
    let names = serde_json::to_string(names).unwrap();
    format!(
        r#"import builtins, inspect, json
facts = []
for name in {names}:
    base = getattr(builtins, name)
    Sub = type("Sub", (base,), {{"__module__": "__main__"}})
    try:
        signature = str(inspect.signature(Sub))
    except ValueError as error:
        assert str(error) == "no signature found for builtin type <class '__main__.Sub'>", error
        signature = None
    try:
        base.__new__(Sub, [1], 2, key=3)
        takes_any = True
    except TypeError:
        takes_any = False
    facts.append([name, signature, takes_any])
print({marker}, json.dumps(facts))
"#,
        marker = lab::python_string(lab::PROBE_MARKER)
    )
}

#[test]
fn every_builtin_base_behaves_as_the_lab_holds_on_every_python() {
    let mut truths = Truth::cpythons("dispatch builtin bases");
    truths.extend(Truth::pyodide("dispatch builtin bases"));
    let names: Vec<&str> = dispatch::BUILTIN_BASES.iter().map(|b| b.name).collect();
    let held: Vec<(String, Option<String>, bool)> = dispatch::BUILTIN_BASES
        .iter()
        .map(|b| (b.name.to_string(), b.subclass_signature.map(str::to_string), b.new_takes_any_arguments))
        .collect();
    for truth in truths {
        let run = truth.run(&[(String::new(), Some(probe(&names)))]).remove(0);
        let report = run.probe_reports.first().unwrap_or_else(|| panic!("{}: no report {run:?}", truth.name()));
        let facts: Vec<(String, Option<String>, bool)> = serde_json::from_str(report).unwrap();
        assert_eq!(facts, held, "{}", truth.name());
    }
}
