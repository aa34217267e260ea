//! Every import the finalize lab lets a program make (`lifetime::IMPORTABLE`) succeeds
//! on every CPython the machine has and on Pyodide (CPython 3.14), through the page's runner: the
//! lab follows the lines after it. Needs `npm ci` for Pyodide; PLAYGROUND_SKIP_PYTHON=1 skips.

use cpython_truth::Truth;

/// One statement per importable name: `import gc`, `from weakref import finalize`.
fn imports() -> String {
    lifetime::IMPORTABLE
        .iter()
        .map(|target| match target.rsplit_once('.') {
            Some((module, name)) => format!("from {module} import {name}\n"),
            None => format!("import {target}\n"),
        })
        .collect()
}

fn import_everything(truth: &Truth) {
    let probe = format!("print({:?})", format!("{} imported", lab::PROBE_MARKER));
    let run = truth.run(&[(imports(), Some(probe))]).remove(0);
    assert_eq!(
        (run.status.as_str(), run.error.as_deref(), run.probe_reports.as_slice()),
        ("ok", None, ["imported".to_owned()].as_slice()),
        "{}: importing what the lab follows",
        truth.name()
    );
}

#[test]
fn every_importable_name_imports_on_every_cpython() {
    for truth in Truth::cpythons("lifetime imports") {
        import_everything(&truth);
    }
}

#[test]
fn every_importable_name_imports_on_pyodide() {
    if let Some(truth) = Truth::pyodide("Pyodide lifetime imports") {
        import_everything(&truth);
    }
}
