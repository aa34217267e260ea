# The one runner for user code and lab probes. The page's worker
# (python-worker.js) runs every Run through _pp_run, and so do the
# differential suites, in the machine's CPython (crates/cpython-truth) and in
# Pyodide under node (tests/pyodide/run-probes.mjs): what the suites check is
# what the page does.
#
# _pp_run runs code the way `python main.py` would: a fresh __main__
# namespace, tracebacks that start at the user's code, and source lines in
# them. When the code finished (or raised, for a probe that runs the code again
# itself), the lab's probe runs in the same namespace with stdout captured, and
# each line it prints after the marker is a report.
# The page's worker calls its two halves, _pp_exec and _pp_probe, itself: a
# Run pressed before the lab predicted runs at once, and its probe follows.
import sys, traceback, linecache, io, contextlib, time, gc

_PP_MARKER = "__PATTERN_PLAYGROUND__ "
# A traceback shows at most this many of its innermost frames, as CPython's
# own C-level printer did up to 3.12. Formatting every frame of a recursion a
# million deep takes minutes in Pyodide, and the repeats collapse anyway.
_PP_TRACEBACK_FRAMES = 1000


def _pp_print_exception(e):
    """Prints the traceback as the interpreter would; returns its last line."""
    # Drop this runner's own frame so the traceback starts in main.py.
    tb = e.__traceback__.tb_next
    depth, walk = 0, tb
    while walk is not None:
        depth, walk = depth + 1, walk.tb_next
    for _ in range(depth - _PP_TRACEBACK_FRAMES):
        tb = tb.tb_next
    # One report for both: its last line is the printed one (from 3.13 an AttributeError's
    # "Did you mean" depends on the innermost frame, which a line formatted alone lacks).
    report = traceback.TracebackException(type(e), e, tb, compact=True)
    report.print(file=sys.stderr)
    if depth > _PP_TRACEBACK_FRAMES:
        print(f"(The traceback above shows the innermost {_PP_TRACEBACK_FRAMES:,} of {depth:,} frames.)", file=sys.stderr)
    return list(report.format_exception_only())[-1].strip()


def _pp_release(e):
    # Frees a deep traceback innermost first. Dropped at once, a chain of
    # tracebacks and frames is freed recursively, one C call per frame, and a
    # deep one overflows the wasm stack: Pyodide dies with a fatal RangeError.
    seen = set()
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        chain, tb = [], e.__traceback__
        while tb is not None:
            chain.append(tb)
            tb = tb.tb_next
        # By index: a loop variable would keep the innermost frame alive.
        for i in range(len(chain)):
            chain[i].tb_next = None
        e.__traceback__ = None
        while chain:
            chain.pop()
        e = e.__cause__ or e.__context__


class _PPRun:
    """A run of user code whose probe may still come: its namespace and result so far."""

    def __init__(self, namespace, result, elapsed, collecting):
        self.namespace, self.result, self.elapsed = namespace, result, elapsed
        # Whether automatic collection was on before the code ran: the code may turn it off,
        # and the next Run must not inherit that.
        self.collecting = collecting

    @property
    def ok(self):
        return self.result["status"] == "ok"

    @property
    def probe_may_run(self):
        # Code that raised can still be checked by a probe that runs it again (after_error);
        # code that was stopped cannot.
        return self.result["status"] != "interrupted"


def _pp_exec(code):
    """Runs the user's code; the probe (see _pp_probe) may come later, while the page waits
    for the lab's prediction, and nothing else runs in the namespace meanwhile."""
    linecache.cache["main.py"] = (len(code), None, code.splitlines(True), "main.py")
    namespace = {"__name__": "__main__", "__builtins__": __builtins__}
    collecting = gc.isenabled()
    started = time.perf_counter()
    result = {"status": "ok", "error": None, "probe_reports": [], "probe_error": None}
    try:
        exec(compile(code, "main.py", "exec"), namespace)
    except KeyboardInterrupt:
        result["status"] = "interrupted"
        result["error"] = "KeyboardInterrupt"
        print("KeyboardInterrupt: stopped", file=sys.stderr)
    except SystemExit as e:
        if e.code not in (None, 0):
            result["status"] = "error"
            result["error"] = "SystemExit: " + str(e.code)
        if e.code is not None and not isinstance(e.code, int):
            # As the interpreter does: a code that is not an int (a message) goes to stderr.
            print(e.code, file=sys.stderr)
    except BaseException as e:
        result["status"] = "error"
        result["error"] = _pp_print_exception(e)
        _pp_release(e)
    sys.stdout.flush()
    sys.stderr.flush()
    return _PPRun(namespace, result, time.perf_counter() - started, collecting)


def _pp_probe(run, probe, missing=None, after_error=False):
    """Runs the probe in the run's namespace, if the code finished, or, for a probe that runs
    the code again itself (`after_error`), if it raised; `missing` says why there is no probe
    when one was expected. Returns the run's result."""
    result = run.result
    started = time.perf_counter()
    if probe is not None and (run.ok or (after_error and run.probe_may_run)):
        captured = io.StringIO()
        try:
            with contextlib.redirect_stdout(captured):
                exec(compile(probe, "<lab probe>", "exec"), run.namespace)
        except BaseException as e:
            result["probe_error"] = traceback.format_exception_only(type(e), e)[-1].strip()
        for line in captured.getvalue().splitlines():
            if line.startswith(_PP_MARKER):
                result["probe_reports"].append(line[len(_PP_MARKER):])
        if not result["probe_reports"] and result["probe_error"] is None:
            result["probe_error"] = "the lab's probe printed no report"
    elif probe is None and run.probe_may_run and missing is not None:
        result["probe_error"] = missing
    result["elapsed_ms"] = (run.elapsed + time.perf_counter() - started) * 1000
    # The namespace goes now, and with a collection, as at an interpreter's exit: the code's
    # functions hold it in a cycle (their __globals__), so without one its objects would die,
    # and print (__del__, finalizers), at some later Run's automatic collection.
    run.namespace = None
    gc.collect()
    if run.collecting:
        gc.enable()
    return result


def _pp_run(code, probe, after_error=False):
    return _pp_probe(_pp_exec(code), probe, after_error=after_error)
