//! Exceptions: what a traceback keeps alive, how an escaping exception ends the prediction,
//! and what the model declines rather than guess.

const PRELUDE: &str = "import weakref\n\nclass Res:\n    def __init__(self, name):\n        self.name = name\n        weakref.finalize(self, print, 'closed', name)\n\ndef fail(name):\n    r = Res(name)\n    raise ValueError('cannot ' + name)\n\n";

fn simulate(body: &str) -> lifetime::Simulation {
    lifetime::simulate(&format!("{PRELUDE}{body}")).unwrap()
}

#[test]
fn the_traceback_keeps_the_failed_functions_locals_until_the_handler_ends() {
    let simulation = simulate("try:\n    fail('a')\nexcept ValueError as e:\n    print('caught', e)\nprint('after')\n");
    assert_eq!(simulation.not_modelled, None);
    assert_eq!(simulation.output, ["caught cannot a", "closed a", "after"]);
    let handler = simulation.steps.iter().find(|s| s.text == "except ValueError as e:").expect("the handler's step");
    let res = handler.objects.iter().find(|o| o.label == "Res('a')").expect("Res('a') alive in the handler");
    assert_eq!(res.referrers, ["ValueError('cannot a').__traceback__ (fail's local r)"]);
}

#[test]
fn an_escaping_exception_is_the_error_with_its_line_and_exit_still_runs_the_finalizers() {
    let simulation = simulate("keep = Res('keep')\nfail('x')\nprint('never')\n");
    assert_eq!(simulation.not_modelled, None);
    assert_eq!(simulation.error.as_deref(), Some("ValueError: cannot x"));
    assert_eq!(simulation.error_line, Some(10));
    // The traceback (sys.last_exc) keeps fail's local alive until exit: newest finalizer first.
    assert_eq!(simulation.output, ["closed x", "closed keep"]);
}

#[test]
fn a_builtin_operation_raises_with_cpythons_message() {
    let simulation =
        simulate("items = []\ntry:\n    items.pop()\nexcept IndexError as e:\n    print(e)\nprint(1 / 0)\n");
    assert_eq!(simulation.output, ["pop from empty list"]);
    assert_eq!(simulation.error.as_deref(), Some("ZeroDivisionError: division by zero"));
    assert_eq!(simulation.error_line, Some(17));
}

#[test]
fn an_exception_kept_after_its_handler_keeps_the_frame_and_its_callers_frames() {
    // The traceback holds f's frame object, which takes f's locals when f returns, and links
    // its caller's (`f_back`), which takes g's locals when g returns.
    let simulation = simulate("kept = []\ndef f():\n    own = Res('own')\n    try:\n        fail('k')\n    except ValueError as e:\n        kept.append(e)\n\ndef g():\n    mine = Res('mine')\n    f()\n\ng()\nprint('returned')\nkept.clear()\nprint('end')\n");
    assert_eq!(simulation.not_modelled, None);
    assert_eq!(simulation.output, ["returned", "closed k", "closed own", "closed mine", "end"]);
    let returned = simulation.steps.iter().find(|s| s.text == "print('returned')").expect("the step after the call");
    let referrers = |label: &str| returned.objects.iter().find(|o| o.label == label).map(|o| o.referrers.clone());
    assert_eq!(referrers("Res('k')").unwrap(), ["ValueError('cannot k').__traceback__ (fail's local r)"]);
    assert_eq!(referrers("Res('own')").unwrap(), ["f's frame (local own)"]);
    assert_eq!(referrers("f's frame").unwrap(), ["ValueError('cannot k').__traceback__"]);
    assert_eq!(referrers("Res('mine')").unwrap(), ["g's frame (local mine)"]);
    assert_eq!(referrers("g's frame").unwrap(), ["f's frame.f_back"]);
}

#[test]
fn an_exception_kept_in_its_frames_locals_is_a_cycle_until_gc_collect() {
    let simulation = simulate("import gc\n\ndef f():\n    own = Res('own')\n    try:\n        raise ValueError('x')\n    except ValueError as e:\n        error = e\n    return error\n\nerr = f()\ndel err\ngc.collect()\nprint('end')\n");
    assert_eq!(simulation.not_modelled, None);
    assert_eq!(simulation.output, ["closed own", "end"]);
    let deleted = simulation.steps.iter().find(|s| s.text == "del err").expect("the step of the del");
    let frame = deleted.objects.iter().find(|o| o.label == "f's frame").expect("the frame waits for the collector");
    assert!(frame.in_cycle && frame.waiting_for_gc);
}

#[test]
fn an_exception_raised_again_after_it_outlived_its_handler_is_declined() {
    let simulation = simulate("def f():\n    try:\n        fail('k')\n    except ValueError as e:\n        error = e\n    raise error\n\nf()\n");
    let stop = simulation.not_modelled.expect("the traceback growing from a kept frame is not modelled");
    assert!(stop.reason.contains("raising ValueError('cannot k') again"), "{}", stop.reason);
}

#[test]
fn an_exception_in_a_finalizer_callback_is_ignored_and_the_program_goes_on() {
    // CPython prints "Exception ignored in ..." to stderr; the callback's frame, kept by the
    // traceback, lets go of its local when the exception goes, before the program goes on.
    let simulation = simulate("def bad():\n    local = Res('local')\n    raise ValueError('in callback')\n\nclass T:\n    pass\n\nt = T()\nweakref.finalize(t, bad)\ndel t\nprint('end')\n");
    assert_eq!(simulation.not_modelled, None);
    assert_eq!(simulation.output, ["closed local", "end"]);
    assert_eq!(simulation.error, None);
}

#[test]
fn sys_exit_keeps_only_the_low_byte_of_its_status_and_prints_no_traceback() {
    // POSIX keeps the low byte of a process's status: CPython exits 0 for 256 and 255 for -1,
    // and the page's runner still reports the code.
    for (code, status) in [("256", 0), ("-1", 255), ("3", 3)] {
        let simulation = simulate(&format!("import sys\nsys.exit({code})\n"));
        assert_eq!(simulation.not_modelled, None);
        assert_eq!(simulation.error.as_deref(), Some(format!("SystemExit: {code}").as_str()));
        assert_eq!((simulation.error_line, simulation.exit_status), (None, Some(status)));
    }
    let quiet = simulate("import sys\nsys.exit(False)\n");
    assert_eq!((quiet.error, quiet.exit_status), (None, Some(0)));
}

#[test]
fn an_exception_out_of_a_comprehension_keeps_its_frame_on_3_11_only() {
    // On 3.11 the comprehension's own frame, which the traceback keeps, holds the iterator
    // (and so the list) and the loop variable; from 3.12 the inlined comprehension lets go of
    // them before the handler runs.
    let code = format!(
        "{PRELUDE}def check(r):\n    if r.name == 'b':\n        raise ValueError(r.name)\n    return r\n\ntry:\n    out = [check(r) for r in [Res('a'), Res('b'), Res('c')]]\nexcept ValueError as e:\n    print('caught', e)\nprint('end')\n"
    );
    let source = pysource::Source::parse(&code).unwrap();
    let on_3_11 = lifetime::simulate_on(&source, &source.module(), 11);
    assert_eq!(on_3_11.output, ["caught b", "closed c", "closed a", "closed b", "end"]);
    let handler = on_3_11.steps.iter().find(|s| s.text == "except ValueError as e:").expect("the handler's step");
    let res = handler.objects.iter().find(|o| o.label == "Res('b')").expect("Res('b') alive in the handler");
    assert!(
        res.referrers.contains(&"ValueError('b').__traceback__ (<listcomp>'s local r)".to_owned()),
        "{:?}",
        res.referrers
    );
    for minor in [12, 13, 14] {
        let inlined = lifetime::simulate_on(&source, &source.module(), minor);
        assert_eq!(inlined.output, ["closed c", "closed a", "caught b", "closed b", "end"], "3.{minor}");
    }
}

#[test]
fn an_exception_out_of_a_comprehension_over_a_weak_dictionary_is_declined() {
    // Its iterator is a generator inside weakref.py, which the exception closes (3.12 on) or
    // its traceback keeps (3.11).
    let body = "d = weakref.WeakValueDictionary()\nkeep = Res('a')\nd['a'] = keep\ntry:\n    [fail(k) for k in d]\nexcept ValueError:\n    print('caught')\n";
    let stop = simulate(body).not_modelled.expect("declined");
    assert!(stop.reason.contains("weak dictionary"), "{}", stop.reason);
}
