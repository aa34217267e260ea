//! Generators and `contextlib.contextmanager` in the timeline and graph, and what the model
//! declines about them, by what and where. The differential corpus (`generators.json`,
//! `generators_escaping.json`) holds their predictions against CPython and Pyodide.

const PRELUDE: &str = "import weakref\nfrom contextlib import contextmanager\n\nclass Node:\n    def __init__(self, name):\n        self.name = name\n        weakref.finalize(self, print, 'freed', name)\n\n";

fn simulate(body: &str) -> lifetime::Simulation {
    lifetime::simulate(&format!("{PRELUDE}{body}")).unwrap()
}

#[test]
fn a_suspended_generator_keeps_its_local_alive_in_the_graph() {
    let simulation = simulate(
        "def gen():\n    n = Node('local')\n    yield 1\n    yield 2\n\ng = gen()\nprint(next(g))\ndel g\nprint('end')\n",
    );
    assert_eq!(simulation.not_modelled, None);
    assert_eq!(simulation.output, ["1", "freed local", "end"]);
    let after_next = simulation.steps.iter().find(|s| s.text == "print(next(g))").expect("the step of next(g)");
    let node = after_next.objects.iter().find(|o| o.class == "Node").expect("the local is alive");
    assert_eq!(node.referrers, ["generator gen()'s local n"]);
    let generator = after_next.objects.iter().find(|o| o.class == "generator").expect("the generator is alive");
    assert_eq!(generator.referrers, ["g"]);
    let after_del = simulation.steps.iter().find(|s| s.text == "del g").expect("the step of del g");
    assert!(after_del.objects.iter().all(|o| o.class != "Node" && o.class != "generator"));
    // From 3.13 no GeneratorExit is thrown in where no `try` or `with` is around the yield.
    assert!(after_del.events.iter().any(|e| e.contains("no `try` or `with`")), "{:?}", after_del.events);
    let code = format!("{PRELUDE}def gen():\n    n = Node('local')\n    yield 1\n\ng = gen()\nnext(g)\ndel g\n");
    let source = pysource::Source::parse(&code).unwrap();
    let on_3_12 = lifetime::simulate_on(&source, &source.module(), 12);
    let after_del = on_3_12.steps.iter().find(|s| s.text == "del g").expect("the step of del g");
    assert!(after_del.events.iter().any(|e| e.contains("GeneratorExit")), "{:?}", after_del.events);
}

#[test]
fn closing_a_generator_with_no_try_around_its_yield_lets_go_of_its_locals_first_from_3_13() {
    // Up to 3.12 GeneratorExit unwinds the loop's iterator, then the frame's locals go; 3.13
    // lets go of the locals, then of the iterator; 3.14 of the iterator, then the locals last
    // to first.
    let code = "class Item:\n    def __init__(self, n):\n        self.n = n\n\n    def __del__(self):\n        print('del', self.n)\n\ndef walk(items):\n    for x in items:\n        yield x.n\n\ngen = walk([Item(1), Item(2), Item(3)])\nprint(next(gen), next(gen))\ndel gen\n";
    let source = pysource::Source::parse(code).unwrap();
    for (minor, freed) in [
        (11, ["del 3", "del 1", "del 2"]),
        (12, ["del 3", "del 1", "del 2"]),
        (13, ["del 3", "del 2", "del 1"]),
        (14, ["del 3", "del 2", "del 1"]),
    ] {
        let simulation = lifetime::simulate_on(&source, &source.module(), minor);
        assert_eq!(simulation.output[1..], freed, "3.{minor}");
    }
}

#[test]
fn a_with_on_a_contextmanager_runs_its_generator_around_the_body() {
    let simulation = simulate(
        "@contextmanager\ndef held(name):\n    n = Node(name)\n    try:\n        yield n\n    finally:\n        print('finally', name)\n\nwith held('m') as m:\n    print('body', m.name)\ndel m\nprint('end')\n",
    );
    assert_eq!(simulation.not_modelled, None);
    assert_eq!(simulation.output, ["body m", "finally m", "freed m", "end"]);
}

#[test]
fn yield_from_is_declined_by_its_text_and_line() {
    let simulation =
        simulate("def inner():\n    yield 1\n\ndef outer():\n    yield from inner()\n\nprint(list(outer()))\n");
    let stop = simulation.not_modelled.expect("yield from is not modelled");
    assert!(stop.reason.contains("`yield from inner()`"), "{}", stop.reason);
    assert!(stop.reason.contains("line 13"), "{}", stop.reason);
}

#[test]
fn a_yield_inside_an_expression_is_declined_by_its_statement() {
    let simulation = simulate("def gen():\n    print((yield 1))\n\nprint(next(gen()))\n");
    let stop = simulation.not_modelled.expect("a yield in an expression is not modelled");
    assert!(stop.reason.contains("`print((yield 1))`"), "{}", stop.reason);
    assert!(stop.reason.contains("line 10"), "{}", stop.reason);
}

#[test]
fn a_generator_expression_is_a_generator_and_one_over_a_dict_is_declined() {
    let simulation = simulate("squares = (x * x for x in range(3))\nprint(list(squares))\n");
    assert_eq!(simulation.not_modelled, None);
    assert_eq!(simulation.output, ["[0, 1, 4]"]);
    let made = simulation.steps.iter().find(|s| s.text.starts_with("squares =")).expect("the step");
    let generator = made.objects.iter().find(|o| o.class == "generator").expect("the generator");
    assert_eq!(generator.label, "generator <genexpr>()");
    let simulation = simulate("d = {'a': 1}\nprint(sum(1 for k in d))\n");
    let stop = simulation.not_modelled.expect("a generator expression over a dict is not modelled");
    assert!(stop.reason.contains("over a `dict`"), "{}", stop.reason);
    assert_eq!(stop.line, 10);
}

#[test]
fn the_teardown_closes_one_suspended_generator_and_declines_two() {
    let gen = "def gen(name):\n    try:\n        yield 1\n    finally:\n        print('finally', name)\n\n";
    let one = simulate(&format!("{gen}g = gen('g')\nnext(g)\nprint('end')\n"));
    assert_eq!(one.not_modelled, None);
    assert_eq!(one.output, ["end", "finally g"]);
    let exit = one.steps.last().expect("the exit step");
    assert_eq!(exit.text, "interpreter exit");
    assert!(exit.events.iter().any(|e| e.contains("closes generator gen()")), "{:?}", exit.events);

    let two = simulate(&format!("{gen}a = gen('a')\nnext(a)\nb = gen('b')\nnext(b)\nprint('end')\n"));
    let stop = two.not_modelled.expect("the order of two closes is not modelled");
    assert_eq!(stop.text, "interpreter exit");
    assert!(stop.reason.contains("generator gen(), generator gen()"), "{}", stop.reason);
    assert_eq!(two.output, ["end"]);
}
