//! The Python that records what the program prints, exit-time finalizers included.

use lab::{python_string, PROBE_MARKER};

/// The probe for `code`. It runs the program again in a fresh namespace with stdout captured
/// (the page's run has already printed its lines, where the probe cannot read them), with
/// automatic collection off so that only the program's `gc.collect()` calls collect, as the model
/// assumes. Then it reproduces interpreter exit for this run's finalizers only: what
/// `weakref.finalize._exitfunc` does (call every alive finalizer with `atexit=True`, newest
/// first, re-selecting when a callback registers more), without setting its `_shutdown` flag,
/// which would silence finalizers in later runs of the page's long-lived interpreter. Finalizers
/// left (`atexit=False`) are detached: at a real exit they never run either.
pub fn probe(code: &str) -> String {
    let source = python_string(code);
    format!(
        r#"
def _pp_lifetime_probe():
    import contextlib, gc, io, json, traceback, weakref
    registry = weakref.finalize._registry
    gc.collect()
    before = set(registry)
    captured = io.StringIO()
    namespace = {{"__name__": "__main__"}}
    error = None
    collecting = gc.isenabled()
    gc.disable()
    try:
        with contextlib.redirect_stdout(captured):
            try:
                exec(compile({source}, "main.py", "exec"), namespace)
            except Exception as exc:
                error = traceback.format_exception_only(type(exc), exc)[-1].strip()
            while True:
                pending = sorted(
                    (f for f, info in list(registry.items()) if f not in before and info.atexit),
                    key=lambda f: registry[f].index,
                )
                if not pending:
                    break
                try:
                    pending[-1]()
                except Exception:
                    traceback.print_exc()
            for f in [f for f in list(registry) if f not in before]:
                f.detach()
    finally:
        if collecting:
            gc.enable()
    namespace.clear()
    report = {{"lines": captured.getvalue().splitlines(), "error": error}}
    print({marker}, json.dumps(report, ensure_ascii=False))

_pp_lifetime_probe()
del _pp_lifetime_probe
"#,
        marker = python_string(PROBE_MARKER),
    )
}
