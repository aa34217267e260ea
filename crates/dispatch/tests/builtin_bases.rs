//! The facts the dispatch lab holds about the built-in bases it follows
//! (`dispatch::BUILTIN_BASES`) are, on every Python present and on Pyodide, what the interpreter
//! does: the signature `inspect.signature` reports for a plain subclass (or its ValueError),
//! whether the built-in `__new__` takes any arguments without reading them, and for one that
//! reads them, the keywords it takes and its TypeError for the first one it does not.

use cpython_truth::Truth;

/// Prints, after the probe marker, `[name, signature or null, new takes any arguments, the
/// TypeError of `__new__(Sub, zz=1, aa=2, ...)` with as many keywords as it takes arguments, or
/// null, the keywords of `keywords` it does not refuse
/// as unexpected]` for each built-in base.
fn probe(names: &[&str], keywords: &[&[&str]], arguments: &[usize]) -> String {
    let names = serde_json::to_string(names).unwrap();
    let arguments = serde_json::to_string(arguments).unwrap();
    let keywords = serde_json::to_string(keywords).unwrap();
    format!(
        r#"import builtins, inspect, json
facts = []
for name, keywords, arguments in zip({names}, {keywords}, {arguments}):
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
    unexpected, taken = None, []
    if not takes_any:
        try:
            base.__new__(Sub, **{{key: 1 for key in ["zz", "aa", "bb"][:arguments]}})
        except TypeError as error:
            unexpected = f"TypeError: {{error}}"
        for keyword in keywords:
            try:
                base.__new__(Sub, **{{keyword: "10"}})
                taken.append(keyword)
            except (TypeError, ValueError) as error:
                if keyword not in str(error) or "argument" not in str(error):
                    taken.append(keyword)
    facts.append([name, signature, takes_any, unexpected, taken])
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
    let keywords: Vec<&[&str]> = dispatch::BUILTIN_BASES.iter().map(|b| b.new_keywords).collect();
    let arguments: Vec<usize> = dispatch::BUILTIN_BASES.iter().map(|b| b.new_arguments).collect();
    for truth in truths {
        type Facts = (String, Option<String>, bool, Option<String>, Vec<String>);
        let held: Vec<Facts> = dispatch::BUILTIN_BASES
            .iter()
            .map(|b| {
                let unexpected = (!b.new_takes_any_arguments).then(|| b.unexpected_keyword("zz", truth.minor()));
                let taken = b.new_keywords.iter().map(|k| k.to_string()).collect();
                (
                    b.name.to_string(),
                    b.subclass_signature.map(str::to_string),
                    b.new_takes_any_arguments,
                    unexpected,
                    taken,
                )
            })
            .collect();
        let run = truth.run(&[(String::new(), Some(probe(&names, &keywords, &arguments)))]).remove(0);
        let report = run.probe_reports.first().unwrap_or_else(|| panic!("{}: no report {run:?}", truth.name()));
        let facts: Vec<Facts> = serde_json::from_str(report).unwrap();
        assert_eq!(facts, held, "{}", truth.name());
    }
}
