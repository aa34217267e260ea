//! The simulation stops, and says where and why, at the first statement it cannot follow.

#[test]
fn a_with_statement_stops_the_simulation_at_its_line() {
    let code = "import weakref\nclass T:\n    def __init__(self):\n        self.f = weakref.finalize(self, print, 'bye')\n\nt = T()\nprint('before')\nwith open('f') as f:\n    print(i)\nprint('after')\n";
    let simulation = lifetime::simulate(code).unwrap();
    let stop = simulation.not_modelled.expect("`with` is not modelled");
    assert_eq!(stop.line, 8);
    assert_eq!(simulation.output, ["before"]);
}

#[test]
fn a_stop_inside_a_module_level_block_names_the_inner_line() {
    let code = "for i in range(3):\n    print(i)\n    if i == 1:\n        assert i == 1\n";
    let simulation = lifetime::simulate(code).unwrap();
    let stop = simulation.not_modelled.expect("`assert` is not modelled");
    assert_eq!((stop.line, stop.text.as_str()), (4, "assert i == 1"));
    assert_eq!(simulation.output, ["0", "1"]);
}

#[test]
fn a_line_not_finished_when_the_simulation_stops_is_not_predicted() {
    // CPython goes on to finish the line, so the model's part of it would disagree.
    let code = "print('a')\nprint('b', end='')\nwith open('f') as f:\n    pass\n";
    let simulation = lifetime::simulate(code).unwrap();
    assert!(simulation.not_modelled.is_some());
    assert_eq!(simulation.output, ["a"]);
}

#[test]
fn reading_a_local_before_it_is_bound_is_not_guessed() {
    // CPython raises UnboundLocalError; the model must not read the global instead.
    let code = "def f():\n    print(x)\n    x = 1\n\nx = 0\nf()\n";
    let stop = lifetime::simulate(code).unwrap().not_modelled.expect("UnboundLocalError is not modelled");
    assert_eq!(stop.line, 6);
    assert!(stop.reason.contains("UnboundLocalError"), "{}", stop.reason);
}

#[test]
fn an_endless_loop_stops_the_simulation() {
    let code = "import weakref\nclass T:\n    pass\n\nt = T()\nn = 0\nwhile True:\n    n += 1\n";
    let simulation = lifetime::simulate(code).unwrap();
    let stop = simulation.not_modelled.expect("the endless loop is not modelled");
    assert_eq!(stop.line, 8);
    assert!(stop.reason.contains("loop iterations"), "{}", stop.reason);
}

#[test]
fn a_list_that_grows_for_ever_stops_the_simulation() {
    let code = "import weakref\nclass T:\n    pass\n\nkeep = []\nwhile True:\n    keep.append(T())\n";
    let stop = lifetime::simulate(code).unwrap().not_modelled.expect("the growing list is not modelled");
    assert_eq!(stop.line, 7);
    assert!(stop.reason.contains("objects"), "{}", stop.reason);
}

#[test]
fn a_printed_address_is_a_hole_never_digits() {
    let code = "import weakref\nclass T:\n    pass\n\nt = T()\nprint(t, [t])\n";
    let simulation = lifetime::simulate(code).unwrap();
    assert_eq!(simulation.not_modelled, None);
    let hole = lifetime::ADDRESS_HOLE;
    assert_eq!(simulation.output, [format!("<__main__.T object at {hole}> [<__main__.T object at {hole}>]")]);
    assert_eq!(lifetime::shown_line(&simulation.output[0]), "<__main__.T object at 0x…> [<__main__.T object at 0x…>]");
}

#[test]
fn a_kept_repr_prints_with_its_address_but_is_never_read() {
    // The string keeps a hole where the address goes: printing it is exact, while `len(s)`
    // would depend on the address's digits.
    let code = "class T:\n    pass\n\nt = T()\ns = repr(t)\nprint(s)\nprint(len(s))\n";
    let simulation = lifetime::simulate(code).unwrap();
    assert_eq!(simulation.output.len(), 1);
    assert!(lifetime::line_agrees(&simulation.output[0], "<__main__.T object at 0x7f3a2c1b9d50>"));
    let stop = simulation.not_modelled.expect("the length of a kept repr depends on its address");
    assert_eq!(stop.line, 7);
    assert!(stop.reason.contains("length") && stop.reason.contains("memory address"), "{}", stop.reason);
}

#[test]
fn the_hole_character_in_the_program_is_not_modelled() {
    let code = "print('at \\ue000')\n";
    let stop = lifetime::simulate(code).unwrap().not_modelled.expect("the reserved character is declined");
    assert_eq!(stop.line, 1);
    assert!(stop.reason.contains("U+E000"), "{}", stop.reason);
}

#[test]
fn a_bound_method_callback_pins_its_object_until_exit() {
    let code = "import gc, weakref\nclass P:\n    def __init__(self):\n        self.f = weakref.finalize(self, self.close)\n    def close(self):\n        print('closed')\n\np = P()\ndel p\ngc.collect()\nprint('end')\n";
    let simulation = lifetime::simulate(code).unwrap();
    assert_eq!(simulation.output, ["end", "closed"]);
    let after_gc = &simulation.steps[2];
    assert!(after_gc.objects[0].pinned_by_finalizer);
    assert_eq!(after_gc.objects[0].referrers, ["the finalizer of P()"]);
}

#[test]
fn unbounded_recursion_stops_the_simulation_instead_of_the_model() {
    // Found by lab-fuzz: an `__init__` that makes another instance of its class recursed until
    // the model's own stack overflowed.
    let code = "import weakref\nclass T:\n    def __init__(self, name):\n        a = T('a')\n        self.f = weakref.finalize(self, print, name)\n\nprint('before')\na = T('a')\nprint('after')\n";
    let simulation = lifetime::simulate(code).unwrap();
    let stop = simulation.not_modelled.expect("the recursion is not modelled");
    assert_eq!(stop.line, 8);
    assert!(stop.reason.contains("nested"), "{}", stop.reason);
    assert_eq!(simulation.output, ["before"]);
}

#[test]
fn a_finalizer_that_registers_another_at_exit_stops_the_simulation_instead_of_looping() {
    // Found by lab-fuzz: the exit hook runs finalizers registered while it runs, so a callback
    // that registers a new finalizer loops for ever in CPython, and looped the model.
    let code = "import weakref\nclass P:\n    def __init__(self):\n        self.f = weakref.finalize(self, self.close)\n    def close(self):\n        print('closing')\n        self.f = weakref.finalize(self, self.close)\n\np = P()\nprint('end')\n";
    let simulation = lifetime::simulate(code).unwrap();
    let stop = simulation.not_modelled.expect("the endless exit is not modelled");
    assert_eq!(stop.text, "interpreter exit");
    assert!(stop.reason.contains("registered by the exit hook"), "{}", stop.reason);
    assert_eq!(simulation.output.first().map(String::as_str), Some("end"));
}

#[test]
fn a_string_that_doubles_at_every_call_stops_the_simulation_instead_of_growing() {
    // Found by lab-fuzz: each call's repr escapes the last one's backslashes, so the string
    // doubled at every level of the recursion, 64 levels deep.
    let code = "def shout(name):\n    shout(f\"cleanup {name!r}\")\n\nprint('before')\nshout('x')\n";
    let simulation = lifetime::simulate(code).unwrap();
    let stop = simulation.not_modelled.expect("the string's growth is not modelled");
    assert_eq!(stop.line, 5);
    assert!(stop.reason.contains("strings longer than"), "{}", stop.reason);
    assert_eq!(simulation.output, ["before"]);
}

#[test]
fn a_comprehension_reading_a_functions_local_is_declined_on_3_11_only() {
    // On 3.11 the comprehension is a function of its own: the local it reads becomes a cell,
    // which moves it to the end of the order in which the frame lets go of its locals.
    let code = "def f(n):\n    prefix = 'x'\n    return [prefix + str(i) for i in range(n)]\n\nprint(f(2))\n";
    let source = pysource::Source::parse(code).unwrap();
    let on_3_11 = lifetime::simulate_on(&source, &source.module(), 11);
    let stop = on_3_11.not_modelled.expect("a cell on 3.11 is not modelled");
    assert!(stop.reason.contains("comprehension"), "{}", stop.reason);
    let on_3_14 = lifetime::simulate_on(&source, &source.module(), 14);
    assert_eq!(on_3_14.not_modelled, None);
    assert_eq!(on_3_14.output, ["['x0', 'x1']"]);
}

#[test]
fn sorting_by_a_lt_that_prints_is_declined() {
    // How often CPython's sort calls __lt__, and on which pairs, changed in 3.13.
    let code = "class Loud:\n    def __init__(self, n):\n        self.n = n\n\n    def __lt__(self, other):\n        print('comparing', self.n, other.n)\n        return self.n < other.n\n\nprint('start')\nprint([x.n for x in sorted([Loud(2), Loud(1), Loud(3)])])\n";
    let simulation = lifetime::simulate(code).unwrap();
    let stop = simulation.not_modelled.expect("a __lt__ that prints is not modelled");
    assert_eq!(stop.line, 10);
    assert!(stop.reason.contains("Loud.__lt__"), "{}", stop.reason);
    assert_eq!(simulation.output, ["start"]);
}

#[test]
fn an_argument_only_a_class_call_holds_is_declined_from_3_13() {
    // A specialized call (from its second run) hands the arguments to __init__'s frame: on 3.13
    // `arg` then goes before `local`, on the first run after it.
    let code = "import weakref\nclass R:\n    def __init__(self, name):\n        self.f = weakref.finalize(self, print, 'released', name)\n\nclass Box:\n    def __init__(self, tmp):\n        local = R('local')\n\nfor i in range(2):\n    Box(R('arg'))\n";
    let source = pysource::Source::parse(code).unwrap();
    let on_3_11 = lifetime::simulate_on(&source, &source.module(), 11);
    assert_eq!(on_3_11.not_modelled, None);
    assert_eq!(on_3_11.output, ["released local", "released arg", "released local", "released arg"]);
    assert_declined_on(code, &[13, 14], 11, "specialization");
}

#[test]
fn an_argument_deleted_by_an_init_that_raises_is_declined_from_3_13() {
    // Unspecialized, the call keeps the argument until the exception leaves it; specialized
    // (from the second run), `del` in `__init__` frees it at once.
    let code = "import weakref\nclass R:\n    def __init__(self, name):\n        self.f = weakref.finalize(self, print, 'released', name)\n\nclass Box:\n    def __init__(self, tag):\n        del tag\n        print('deleted')\n        raise ValueError('no')\n\nfor i in range(2):\n    try:\n        Box(R(str(i)))\n    except ValueError:\n        print('caught')\n";
    let source = pysource::Source::parse(code).unwrap();
    let on_3_12 = lifetime::simulate_on(&source, &source.module(), 12);
    assert_eq!(on_3_12.not_modelled, None);
    assert_eq!(on_3_12.output, ["deleted", "released 0", "caught", "deleted", "released 1", "caught"]);
    assert_declined_on(code, &[13, 14], 14, "specialization");
}

#[test]
fn a_class_used_before_its_statement_ran_is_not_guessed() {
    // CPython raises NameError: the class does not exist yet.
    let code = "print('before')\nr = Later()\nclass Later:\n    pass\n";
    let simulation = lifetime::simulate(code).unwrap();
    let stop = simulation.not_modelled.expect("NameError is not modelled");
    assert_eq!(stop.line, 2);
    assert!(stop.reason.contains("NameError"), "{}", stop.reason);
    assert_eq!(simulation.output, ["before"]);
}

#[test]
fn an_expression_nested_hundreds_deep_stops_the_simulation_instead_of_the_stack() {
    // Found by lab-fuzz: `f(f(f(...)))` thousands deep overflowed the model's stack. Brackets
    // over 200 deep are CPython's SyntaxError now, and pysource reads no expression nested over
    // 300 deep; a sum of 250 terms nests 250 deep without a bracket.
    let code = format!("def f(x):\n    return x\n\nprint('before')\nx = {}1\n", "f(1) + ".repeat(250));
    let handle = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || lifetime::simulate(&code).map(|s| (s.not_modelled, s.output)))
        .unwrap();
    let (stop, output) = handle.join().unwrap().unwrap();
    let stop = stop.expect("the nesting is not modelled");
    assert_eq!(stop.line, 5);
    assert!(stop.reason.contains("nested"), "{}", stop.reason);
    assert_eq!(output, ["before"]);
}

#[test]
fn an_allocation_while_a_cycle_with_del_waits_for_the_collector_is_declined() {
    // CPython's automatic collection may start at any allocation (its count starts where
    // start-up left it), and would run the `__del__` there instead of at gc.collect().
    let code = "import gc\nclass Node:\n    def __del__(self):\n        print('del')\n\na = Node()\na.me = a\ndel a\nprint('waiting')\nkeep = [[i] for i in range(900)]\ngc.collect()\n";
    let simulation = lifetime::simulate(code).unwrap();
    let stop = simulation.not_modelled.expect("the automatic collection is not guessed");
    assert_eq!(stop.line, 10);
    assert!(stop.reason.contains("waits for the collector"), "{}", stop.reason);
    assert_eq!(simulation.output, ["waiting"]);
}

#[test]
fn allocations_while_cycles_without_finalizers_wait_are_followed_quickly() {
    // Nothing anyone could see happens when such cycles are collected, whenever that is.
    let code = "import gc\nclass Plain:\n    pass\n\nfor i in range(300):\n    p = Plain()\n    p.me = p\ndel p\nkeep = [Plain() for i in range(300)]\nprint(len(keep))\n";
    let simulation = lifetime::simulate(code).unwrap();
    assert_eq!(simulation.not_modelled, None);
    assert_eq!(simulation.output, ["300"]);
}

#[test]
fn a_nonlocal_without_a_binding_declines_the_whole_program() {
    // It is a SyntaxError: CPython runs none of the program, so nothing before it is predicted.
    let code = "print('before')\ndef f():\n    nonlocal x\n    x = 1\n\nprint('after')\n";
    let simulation = lifetime::simulate(code).unwrap();
    let stop = simulation.not_modelled.expect("the SyntaxError is not modelled");
    assert!(stop.reason.contains("SyntaxError"), "{}", stop.reason);
    assert!(simulation.output.is_empty());
}

#[test]
fn a_decorator_the_model_cannot_call_is_named() {
    // A decorator of the program's is a call at the `def`; `print` would show an address.
    let code = "def deco(f):\n    return f\n\ndef outer():\n    @deco\n    def inner():\n        return 1\n    @print\n    def shown():\n        return 2\n    return inner()\n\nprint(outer())\n";
    let stop = lifetime::simulate(code).unwrap().not_modelled.expect("`@print` is not modelled");
    assert_eq!(stop.line, 13);
    assert!(stop.reason.contains("the decorator `print`"), "{}", stop.reason);
}

#[test]
fn a_nested_function_defined_twice_is_not_guessed() {
    // The model reads one body per qualified name; CPython runs the one whose `def` ran last.
    let code = "def f(flag):\n    if flag:\n        def g():\n            return 1\n    else:\n        def g():\n            return 2\n    return g()\n\nprint(f(True))\n";
    let stop = lifetime::simulate(code).unwrap().not_modelled.expect("the second body is not guessed");
    assert!(stop.reason.contains("defined more than once"), "{}", stop.reason);
}

#[test]
fn dataclass_options_the_model_does_not_follow_stop_it_at_the_class_by_name() {
    let declined = [
        ("@dataclass(unsafe_hash=True)", "", "dataclass(unsafe_hash=True)"),
        ("@dataclass(order=True, eq=False)", "", "(ValueError)"),
        ("@dataclass(order=True)", "    def __lt__(self, other):\n        return True\n", "defines __lt__"),
        ("@dataclass", "    seen: int = field(default=0, hash=False)\n", "field() with other than default,"),
        ("@dataclass", "    seen: int = field(default=0, default_factory=int)\n", "both default and default_factory"),
        ("@dataclass", "    seen: int = field(default=[])\n", "a default that is not a literal"),
        ("@dataclass", "    items: list = field(default_factory=lambda: [])\n", "a factory other than"),
        ("@dataclass", "    def __eq__(self, other):\n        return True\n", "defines __eq__"),
    ];
    for (decorator, extra, reason) in declined {
        let code = format!(
            "from dataclasses import dataclass, field\n\nprint('start')\n{decorator}\nclass Item:\n    name: str\n{extra}\nprint(Item('a'))\n"
        );
        let simulation = lifetime::simulate(&code).unwrap();
        let stop = simulation.not_modelled.unwrap_or_else(|| panic!("{decorator} {extra:?} is not modelled"));
        assert_eq!((stop.line, stop.text.as_str()), (4, decorator), "{code}");
        assert!(stop.reason.contains(reason) && stop.reason.contains("`Item"), "{}", stop.reason);
        assert_eq!(simulation.output, ["start"]);
    }
}

#[test]
fn a_decorator_named_dataclass_that_is_not_the_module_s_is_not_followed() {
    let code = "def dataclass(cls):\n    return cls\n\n@dataclass\nclass Item:\n    name: str\n\nprint(Item('a'))\n";
    let stop = lifetime::simulate(code).unwrap().not_modelled.expect("a class decorator of the program's");
    assert_eq!(stop.line, 4);
    assert!(stop.reason.contains("decorated class `Item`"), "{}", stop.reason);
}

/// A dataclass's instance keeps its attributes in its class's shared keys: up to 3.13 in the
/// order they were first set, from 3.14 the names its methods store through `self` first
/// (`__static_attributes__`, sorted): `middle`, which `__post_init__` sets, goes first there.
#[test]
fn a_dataclass_attribute_its_post_init_adds_goes_first_from_3_14() {
    let code = "from dataclasses import dataclass, field\n\nclass Noisy:\n    def __init__(self, name):\n        self.name = name\n    def __del__(self):\n        print('del', self.name)\n\n@dataclass\nclass Holder:\n    first: Noisy\n    middle: object = field(init=False, default=None)\n\n    def __post_init__(self):\n        self.middle = Noisy('middle')\n\nh = Holder(Noisy('first'))\ndel h\nprint('end')\n";
    let source = pysource::Source::parse(code).unwrap();
    let on_3_13 = lifetime::simulate_on(&source, &source.module(), 13);
    assert!(on_3_13.not_modelled.is_none(), "{:?}", on_3_13.not_modelled);
    assert_eq!(on_3_13.output, ["del first", "del middle", "end"]);
    let on_3_14 = lifetime::simulate_on(&source, &source.module(), 14);
    assert!(on_3_14.not_modelled.is_none(), "{:?}", on_3_14.not_modelled);
    assert_eq!(on_3_14.output, ["del middle", "del first", "end"]);
}

#[test]
fn lambdas_nested_too_deep_stop_the_simulation_before_it_starts() {
    // Found by lab-fuzz: each lambda's text holds all those inside it, so reading every one of a
    // chain of thousands took quadratic time; pysource reads them only so deep (and no
    // expression nested over 300 deep).
    let chain = format!("{}1", "lambda: ".repeat(250));
    let simulation = lifetime::simulate(&format!("print('first')\nx = {chain}\n")).unwrap();
    let stop = simulation.not_modelled.expect("deeply nested lambdas are not modelled");
    assert!(stop.reason.contains("lambdas nested more than 7 deep"), "{}", stop.reason);
    assert!(simulation.output.is_empty());
    let shallow = lifetime::simulate("make = lambda: lambda: 'inner'\nprint(make()())\n").unwrap();
    assert_eq!(shallow.not_modelled, None);
    assert_eq!(shallow.output, ["inner"]);
}

#[test]
fn the_repr_of_a_str_printed_by_some_versions_only_is_not_guessed() {
    // U+1FAE8 (Unicode 15.0) is escaped by 3.11's repr and printed by 3.12's; U+200B by none.
    let code = "print(repr('a\\u200b'))\nprint(repr('\\U0001FAE8'))\n";
    let simulation = lifetime::simulate(code).unwrap();
    let stop = simulation.not_modelled.expect("the repr depends on the version");
    assert_eq!(stop.line, 2);
    assert!(stop.reason.contains("U+1FAE8"), "{}", stop.reason);
    assert_eq!(simulation.output, ["'a\\u200b'"]);
}

#[test]
fn set_orders_that_follow_the_process_or_the_compiler_are_declined() {
    let declined = |code: &str, minor: u8| {
        let source = pysource::Source::parse(code).unwrap();
        let simulation = lifetime::simulate_on(&source, &source.module(), minor);
        simulation.not_modelled.expect("the set's order is declined").reason
    };
    let strings = declined("s = {'a', 'b'}\nprint(s)\n", 13);
    assert!(strings.contains("string hashes"), "{strings}");
    let none = declined("s = {None, 1}\nfor x in s:\n    print(x)\n", 11);
    assert!(none.contains("None's hash, its address before 3.12"), "{none}");
    // Both displays get the frozenset constant compiled first, whose layout depends on the order
    // its colliding members were written in.
    let shared = declined("a = {1, 9, 17, 25, 33}\nb = {33, 25, 17, 9, 1}\nprint(b)\n", 12);
    assert!(shared.contains("frozenset constant"), "{shared}");
    let folded = declined("s = {1, 9, 17, 8 + 1}\nprint(s)\n", 13);
    assert!(folded.contains("fold into constants"), "{folded}");
    let set_key = declined("print({1} in {1, 2})\n", 13);
    assert!(set_key.contains("retries with a frozenset"), "{set_key}");
    let changed = declined("s = {'a'}\nfor x in s:\n    s.discard(x)\n    s.add('b')\n", 13);
    assert!(changed.contains("changing its members while a loop"), "{changed}");
    // A lone member pops whatever the table; a string's table is known again after clear().
    let source =
        pysource::Source::parse("s = {'a'}\nprint(s.pop())\ns.add('b')\ns.clear()\ns.add(9)\ns.add(1)\nprint(s)\n")
            .unwrap();
    let simulation = lifetime::simulate_on(&source, &source.module(), 13);
    assert_eq!(simulation.not_modelled, None);
    assert_eq!(simulation.output, ["a", "{9, 1}"]);
}

#[test]
fn a_kept_traceback_of_an_exception_that_leaves_two_functions_is_not_guessed() {
    // `__exit__` keeps the traceback, which holds `work`'s frame, and lets the exception go on.
    // Leaving `work`, the frame object takes its locals and makes `main`'s its `f_back`;
    // leaving `main` too, the exception's traceback would hold `main`'s frame object as well,
    // and the model keeps a frame object in one place only. (Caught in `main`, the corpus
    // follows it.)
    let code = "class Item:\n    def __init__(self, name):\n        self.name = name\n    def __del__(self):\n        print('del', self.name)\n\nclass Recorder:\n    def __enter__(self):\n        return self\n    def __exit__(self, kind, exc, tb):\n        self.tb = tb\n\ndef work(rec):\n    item = Item('local')\n    with rec:\n        raise ValueError('x')\n\ndef main(rec):\n    work(rec)\n\nrec = Recorder()\ntry:\n    main(rec)\nexcept ValueError:\n    print('caught')\n";
    let stop = lifetime::simulate(code).unwrap().not_modelled.expect("a frame object two tracebacks hold is declined");
    assert_eq!(stop.line, 23);
    assert!(
        stop.reason.contains("main's frame, which a kept traceback holds, left by an exception"),
        "{}",
        stop.reason
    );
}

#[test]
fn setting_an_attribute_of_an_object_without_a_dict_is_not_guessed() {
    // A generator and a weak reference have no instance dict: CPython raises AttributeError
    // (from 3.13 adding "and no __dict__ for setting new attributes"), the model once stored it.
    for (made, what) in [
        ("def gen():\n    yield 1\n\nthing = gen()\n", "generator"),
        ("import weakref\n\nclass C:\n    pass\n\nc = C()\nthing = weakref.ref(c)\n", "weakref"),
    ] {
        let code = format!(
            "{made}try:\n    thing.x = 1\n    print('set')\nexcept AttributeError:\n    print('AttributeError')\n"
        );
        let simulation = lifetime::simulate(&code).unwrap();
        let stop = simulation.not_modelled.unwrap_or_else(|| panic!("{code}: {:?}", simulation.output));
        assert!(stop.reason.contains(&format!("setting `.x` of a `{what}`")), "{}", stop.reason);
        assert!(simulation.output.is_empty(), "{:?}", simulation.output);
    }
}

#[test]
fn setting_an_instances_class_or_dict_is_not_guessed() {
    // `__class__` and `__dict__` are the type's descriptors: the first changes which methods
    // run (here `B.__del__`), the second replaces every attribute at once.
    for statement in ["a.__class__ = B", "a.__dict__ = {}"] {
        let code = format!(
            "class A:\n    def __del__(self):\n        print('A')\n\nclass B:\n    def __del__(self):\n        print('B')\n\na = A()\n{statement}\ndel a\n"
        );
        let stop = lifetime::simulate(&code).unwrap().not_modelled.expect("declined");
        assert_eq!(stop.line, 10, "{code}");
        assert!(stop.reason.contains("of an instance is not modelled"), "{}", stop.reason);
    }
}

#[test]
fn a_module_used_before_its_import_is_not_taken_for_it() {
    // CPython raises NameError at `gc.collect()`: the program had not imported gc yet.
    let simulation = lifetime::simulate("print('a')\ngc.collect()\nimport gc\nprint('b')\n").unwrap();
    let stop = simulation.not_modelled.expect("a NameError the model does not follow");
    assert_eq!(stop.line, 2);
    assert!(stop.reason.contains("before an `import gc` ran"), "{}", stop.reason);
    assert_eq!(simulation.output, ["a"]);
}

#[test]
fn hasattr_on_a_class_while_garbage_waits_is_declined_on_3_11_only() {
    // On 3.11 `type_getattro` makes the AttributeError that hasattr() then clears: an
    // allocation CPython's automatic collection may follow. From 3.12 none is made; on an
    // instance, none in any version.
    let code = "class Node:\n    def __del__(self):\n        print('del node')\n\nclass Config:\n    pass\n\nn = Node()\na = Node()\na.me = a\ndel a\nprint(hasattr(n, 'debug'))\nprint(hasattr(Config, 'debug'))\n";
    let source = pysource::Source::parse(code).unwrap();
    let on_3_11 = lifetime::simulate_on(&source, &source.module(), 11);
    let stop = on_3_11.not_modelled.expect("an allocation on 3.11");
    assert_eq!(stop.line, 13);
    assert!(stop.reason.contains("waits for the collector"), "{}", stop.reason);
    assert_eq!(on_3_11.output, ["False"]);
    for minor in [12, 13, 14] {
        let simulation = lifetime::simulate_on(&source, &source.module(), minor);
        assert_eq!(simulation.output[..2], ["False", "False"], "3.{minor}");
    }
}

#[test]
fn super_in_a_comprehension_is_declined() {
    // On 3.11 the comprehension is a function of its own, whose first argument is the
    // iterator: TypeError. From 3.12 it is inlined into the method, and works.
    let code = "class Base:\n    def total(self):\n        return 1\n\nclass Child(Base):\n    def totals(self):\n        return [super().total() for _ in range(2)]\n\nprint('start')\nprint(Child().totals())\n";
    let source = pysource::Source::parse(code).unwrap();
    for minor in [11, 12, 13, 14] {
        let simulation = lifetime::simulate_on(&source, &source.module(), minor);
        let stop = simulation.not_modelled.expect("super() in a comprehension");
        assert!(stop.reason.contains("comprehension"), "{}", stop.reason);
        assert_eq!(simulation.output, ["start"]);
    }
}

#[test]
fn sums_of_floats_and_format_specs_are_not_guessed() {
    // From 3.12 `sum` of floats adds with compensation (Neumaier's), which the model does not follow.
    let code = "print(sum([1, 2]))\nprint(sum([0.1, 0.2, 0.3]))\n";
    let simulation = lifetime::simulate(code).unwrap();
    let stop = simulation.not_modelled.expect("sum of floats is not modelled");
    assert_eq!((stop.line, simulation.output), (2, vec!["3".to_owned()]));
    let code = "print('{:.2f}'.format(0.5))\n";
    let stop = lifetime::simulate(code).unwrap().not_modelled.expect("format specs are not modelled");
    assert!(stop.reason.contains("format spec"), "{}", stop.reason);
}

#[test]
fn a_reversed_list_walked_to_its_start_keeps_its_list_from_3_13() {
    // `listreviter_next` lets go of the list past its first item before 3.13, and from 3.13
    // only when the iterator goes.
    let code = "class B:\n    def __del__(self):\n        print('freed')\n\nit = reversed([B()])\nfor b in it:\n    pass\ndel b\nprint('walked')\nit = None\nprint('end')\n";
    let source = pysource::Source::parse(code).unwrap();
    let on_3_12 = lifetime::simulate_on(&source, &source.module(), 12);
    assert_eq!(on_3_12.output, ["freed", "walked", "end"]);
    let on_3_13 = lifetime::simulate_on(&source, &source.module(), 13);
    assert_eq!(on_3_13.output, ["walked", "freed", "end"]);
}

#[test]
fn self_in_a_cell_of_the_frame_an_attribute_error_leaves_is_declined_from_3_13() {
    // From 3.13 the traceback offers `_port` only if the innermost frame's `self` is the
    // instance; a lambda makes `self` a cell, whose content the model does not read there.
    let code = "class Conn:\n    def __init__(self):\n        self._port = 1\n\n    def read(self):\n        get = lambda: self\n        return self.port\n\nConn().read()\n";
    let source = pysource::Source::parse(code).unwrap();
    for minor in [11, 12] {
        let simulation = lifetime::simulate_on(&source, &source.module(), minor);
        assert_eq!(simulation.not_modelled, None);
        assert_eq!(
            simulation.error.as_deref(),
            Some("AttributeError: 'Conn' object has no attribute 'port'. Did you mean: '_port'?")
        );
    }
    for minor in [13, 14] {
        let stop = lifetime::simulate_on(&source, &source.module(), minor).not_modelled.expect("a cell");
        assert_eq!(stop.line, 9);
        assert!(stop.reason.contains("binds `self`"), "{}", stop.reason);
    }
}

#[test]
fn a_property_the_class_binds_otherwise_is_declined_at_the_class_statement() {
    // `@Base.x.setter` in a subclass makes a property of the base's getter; two setters in one
    // body share a key; a function defined in a setter shares the getter's qualified name;
    // `property()` of a lambda, or of a method defined after it (a NameError), or given a
    // docstring that is not a string.
    let property = "    @property\n    def x(self):\n        return self._x\n\n";
    let get = "    def get_x(self):\n        return self._x\n\n";
    let cases = [
        ("class C:\n    x = property(lambda self: 1)\n".to_owned(), "the getter of the property `C.x = property(...)`"),
        (format!("class C:\n    x = property(get_x)\n{get}"), "the getter of the property `C.x = property(...)`"),
        (format!("class C:\n{get}    x = property(get_x, doc=1)\n"), "the docstring of the property `C.x"),
        (format!("class C:\n{get}    x = property(get_x, fget=get_x)\n"), "`property()` given `fget` twice"),
        (
            format!("class B:\n{property}class C(B):\n    @B.x.setter\n    def x(self, v):\n        self._x = v\n"),
            "`C.x`, a setter of a property its class body does not define",
        ),
        (
            format!("class C:\n{property}    @x.setter\n    def x(self, v):\n        pass\n\n    @x.setter\n    def x(self, v):\n        self._x = v\n"),
            "the setter `C.x` defined more than once",
        ),
        (
            format!("class C:\n{property}    @x.setter\n    def x(self, v):\n        def check():\n            return v\n        self._x = check()\n"),
            "a function defined in the getter, setter or deleter of the property `C.x`",
        ),
    ];
    for (class, reason) in cases {
        let code = format!("print('before')\n{class}\nc = C()\nc.x = 1\nprint(c.x)\n");
        let simulation = lifetime::simulate(&code).unwrap();
        let stop = simulation.not_modelled.unwrap_or_else(|| panic!("{code}"));
        assert_eq!(simulation.output, ["before"]);
        assert!(stop.text.starts_with("class "), "{}", stop.text);
        assert!(stop.reason.contains(reason), "{}", stop.reason);
    }
}

#[test]
fn a_program_that_binds_property_itself_is_declined_at_the_class_statement() {
    // With `def property(f): return f`, `C().x` is a bound method: CPython prints its repr,
    // where the builtin would have run the getter. So for `staticmethod` and a class body's own
    // `property = ...` before a `property()` call.
    let cases = [
        "def property(f):\n    return f\n\nclass C:\n    @property\n    def x(self):\n        return 1\n",
        "def staticmethod(f):\n    return f\n\nclass C:\n    @staticmethod\n    def x():\n        return 1\n",
        "class C:\n    property = 3\n\n    def get(self):\n        return 1\n\n    x = property(get)\n",
    ];
    for class in cases {
        let code = format!("print('before')\n{class}\nprint(C().x)\n");
        let simulation = lifetime::simulate(&code).unwrap();
        let stop = simulation.not_modelled.unwrap_or_else(|| panic!("{code}"));
        assert_eq!(simulation.output, ["before"]);
        assert!(stop.reason.contains("where the program binds that name itself"), "{}", stop.reason);
    }
}

#[test]
fn a_method_defined_twice_in_a_class_body_is_declined() {
    // The class binds the last `def`; both bodies have the qualified name `C.f`.
    let code = "class C:\n    def f(self):\n        return 1\n\n    def f(self):\n        return 2\n\nprint(C().f())\n";
    let stop = lifetime::simulate(code).unwrap().not_modelled.expect("two bodies of `C.f`");
    assert_eq!(stop.line, 1);
    assert!(stop.reason.contains("the method `C.f` defined more than once"), "{}", stop.reason);
}

#[test]
fn a_slice_assignment_between_temporaries_is_declined_before_3_14() {
    // STORE_SUBSCR lets go of the value, then of the list, up to 3.13; 3.14 of the list first.
    let code = "class Item:\n    def __init__(self, n):\n        self.n = n\n\n    def __del__(self):\n        print('del', self.n)\n\ndef fresh():\n    return [Item(0), Item(1), Item(2)]\n\nfresh()[::2] = [Item(5), Item(6)]\nprint('end')\n";
    assert_declined_on(code, &[11, 12, 13], 11, "before 3.14");
    let source = pysource::Source::parse(code).unwrap();
    let on_3_14 = lifetime::simulate_on(&source, &source.module(), 14);
    assert_eq!(on_3_14.output, ["del 0", "del 2", "del 1", "del 6", "del 5", "end"]);
}

#[test]
fn appending_a_dying_object_to_a_dying_list_is_declined_before_3_14() {
    // Before 3.14 the unspecialized call lets go of the list (and so of `a`) before its
    // argument; the specialized CALL_LIST_APPEND moves the argument into the list, which then
    // lets go of `b` first. From 3.14 both let go of the argument first.
    let code = "class N:\n    def __init__(self, tag):\n        self.tag = tag\n\n    def __del__(self):\n        print('del', self.tag)\n\nfor i in range(2):\n    [N('a' + str(i))].append(N('b' + str(i)))\n";
    assert_declined_on(code, &[11, 12, 13], 9, "specialization");
    let source = pysource::Source::parse(code).unwrap();
    let on_3_14 = lifetime::simulate_on(&source, &source.module(), 14);
    assert_eq!(on_3_14.not_modelled, None);
    assert_eq!(on_3_14.output, ["del b0", "del a0", "del b1", "del a1"]);
}

#[test]
fn syntax_the_chosen_python_does_not_have_is_declined_there() {
    // `except A, B:` without brackets is new in 3.14: a SyntaxError before, where nothing runs.
    let code = "print('start')\ntry:\n    {}['k']\nexcept KeyError, ValueError:\n    print('caught')\n";
    let source = pysource::Source::parse(code).unwrap();
    for minor in [11, 12, 13] {
        let simulation = lifetime::simulate_on(&source, &source.module(), minor);
        assert_eq!(simulation.output, Vec::<String>::new());
        let stop = simulation.not_modelled.expect("a SyntaxError before 3.14");
        assert!(stop.reason.contains("line 4 is a SyntaxError"), "{}", stop.reason);
    }
    let on_3_14 = lifetime::simulate_on(&source, &source.module(), 14);
    assert_eq!(on_3_14.not_modelled, None);
    assert_eq!(on_3_14.output, ["start", "caught"]);
}

/// The lab stops at `line` of `code` on each of `minors` (3.`minor`), saying `reason`.
fn assert_declined_on(code: &str, minors: &[u8], line: usize, reason: &str) {
    let source = pysource::Source::parse(code).unwrap();
    for &minor in minors {
        let stop = lifetime::simulate_on(&source, &source.module(), minor)
            .not_modelled
            .unwrap_or_else(|| panic!("3.{minor}: not declined"));
        assert_eq!(stop.line, line, "3.{minor}");
        assert!(stop.reason.contains(reason), "3.{minor}: {}", stop.reason);
    }
}
