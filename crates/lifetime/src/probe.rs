//! The Python that records what the program prints, exit-time finalizers included.

use lab::{python_string, PROBE_MARKER};

/// The probe for `code`. It runs the program again in a fresh namespace with stdout captured
/// (the page's run has already printed its lines, where the probe cannot read them), with
/// automatic collection off so that only the program's `gc.collect()` calls collect, as the model
/// assumes (the program's `gc.disable()` and `gc.isenabled()` see the state a fresh interpreter
/// would have, and its `gc.enable()` turns automatic collection on), and with `atexit.register`/`unregister` recording this run's handlers instead of
/// handing them to the page's interpreter (which never exits); `weakref.finalize` registers its
/// hook there again at this run's first finalizer, as in a fresh interpreter. Then it reproduces
/// interpreter exit (after an exception too, which it keeps until the teardown, as `sys` does,
/// so that the page can check programs that raise): the handlers, newest first (kept, with their arguments, until all have
/// run, as `atexit` keeps them), and for the finalizers' hook what
/// `weakref.finalize._exitfunc` does for this run's finalizers only (call every alive finalizer
/// with `atexit=True`, newest first, re-selecting when a callback registers more). Its
/// `_shutdown` flag is set only for the teardown and put back after it, since it would silence
/// finalizers in later runs of the page's long-lived interpreter. Then the teardown: a
/// collection of the garbage that waited (as `Py_FinalizeEx` starts with unless the program
/// left automatic collection off; a finalizer it reaches after the hook ran calls nothing, as
/// at a real exit), and one of the program's
/// globals, which a real exit leaves to the collector with every object the program made: the finalizers left (`atexit=False`) are
/// detached, their arguments kept among the globals, since at a real exit they never run
/// either, their registry being garbage too. A second collection takes what a finalizer left
/// during that one (where a real exit would leave it: the model declines such programs), so
/// that nothing of this run shows in the next.
pub fn probe(code: &str) -> String {
    let source = python_string(code);
    format!(
        r#"
def _pp_lifetime_probe():
    import atexit, contextlib, gc, io, json, sys, traceback, weakref
    registry = weakref.finalize._registry
    # What earlier runs left to the collector goes first, with what its finalizers leave (a
    # collection whose finalizers store new objects frees nothing and reports 0: the next does).
    for _ in range(3):
        gc.collect()
    before = set(registry)
    captured = io.StringIO()
    namespace = {{"__name__": "__main__"}}
    error = None
    escaped = None
    collecting = gc.isenabled()
    real_gc = gc.disable, gc.enable, gc.isenabled
    program_collects = [True]

    def disable():
        program_collects[0] = False
        real_gc[0]()

    def enable():
        program_collects[0] = True
        real_gc[1]()

    def isenabled():
        return program_collects[0]
    handlers = []
    real_atexit = atexit.register, atexit.unregister
    hooked = weakref.finalize._registered_with_atexit
    shut_down = weakref.finalize._shutdown
    hook_ran = False

    def register(func, *args, **kwargs):
        handlers.append((func, args, kwargs))
        return func

    def unregister(func):
        handlers[:] = [h for h in handlers if h[0] != func]

    def finalizers_at_exit():
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

    gc.disable()
    gc.disable, gc.enable, gc.isenabled = disable, enable, isenabled
    atexit.register, atexit.unregister = register, unregister
    weakref.finalize._registered_with_atexit = False
    try:
        with contextlib.redirect_stdout(captured):
            try:
                exec(compile({source}, "main.py", "exec"), namespace)
            except SystemExit as exc:
                # As the page's runner says it: a code of None or 0 is no error.
                if exc.code not in (None, 0):
                    error = "SystemExit: " + str(exc.code)
            except Exception as exc:
                # The last line the interpreter prints: 3.11's traceback module has no "Did
                # you mean", which its own printer adds.
                printed = io.StringIO()
                with contextlib.redirect_stderr(printed):
                    sys.__excepthook__(type(exc), exc, exc.__traceback__)
                error = printed.getvalue().splitlines()[-1]
                # Kept until the teardown, as `sys.last_exc` keeps it at a real exit.
                escaped = exc
            called = []
            while handlers:
                func, args, kwargs = handlers.pop()
                called.append((func, args, kwargs))
                if func == weakref.finalize._exitfunc:
                    finalizers_at_exit()
                    hook_ran = True
                else:
                    try:
                        func(*args, **kwargs)
                    except Exception:
                        traceback.print_exc()
                del func, args, kwargs
            called.clear()
            weakref.finalize._shutdown = shut_down or hook_ran
            real_gc[0]()
            if program_collects[0]:
                gc.collect()
            if escaped is not None:
                # The exception goes, then its traceback, innermost frame first, as when
                # finalize_modules sets sys.last_value, then sys.last_traceback, to None.
                escaped_traceback = escaped.__traceback__
                escaped = None
                escaped_traceback = None
            left = [f.detach() for f in list(registry) if f not in before]
            namespace[object()] = left
            del left, namespace
            gc.collect()
            gc.collect()
    finally:
        atexit.register, atexit.unregister = real_atexit
        weakref.finalize._registered_with_atexit = hooked
        weakref.finalize._shutdown = shut_down
        gc.disable, gc.enable, gc.isenabled = real_gc
        if collecting:
            gc.enable()
        else:
            gc.disable()
    report = {{"lines": captured.getvalue().splitlines(), "error": error}}
    print({marker}, json.dumps(report, ensure_ascii=False))

_pp_lifetime_probe()
del _pp_lifetime_probe
"#,
        marker = python_string(PROBE_MARKER),
    )
}
