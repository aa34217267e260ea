//! Generator expressions read back from their text, and as the generator functions CPython
//! compiles them to, under CPython's qualified names.

use pysource::{generator_expression, Expression, Source, StatementKind};

#[test]
fn a_generator_expression_is_a_generator_function_of_its_first_iterator() {
    let code = "total = sum(x.n for x in items if x.n)\n\ndef outer(rows):\n    return list(sum(y for y in row) for row in rows)\n";
    let found = Source::parse(code).unwrap().generator_expressions();
    let named: Vec<(&str, &str)> = found.iter().map(|g| (g.text.as_str(), g.body.qualname.as_str())).collect();
    assert_eq!(
        named,
        [
            ("x.n for x in items if x.n", "<genexpr>"),
            ("sum(y for y in row) for row in rows", "outer.<locals>.<genexpr>"),
            ("y for y in row", "outer.<locals>.<genexpr>.<locals>.<genexpr>"),
        ]
    );
    assert_eq!(found[0].iterable, Expression::Name { id: "items".into() });
    let first = &found[0].body;
    assert_eq!(first.params, [".0"]);
    let [looped] = first.statements.as_slice() else { panic!("one `for`") };
    assert_eq!((looped.line, looped.text.as_str()), (1, "for x in .0:"));
    let StatementKind::For { iter, body, .. } = &looped.kind else { panic!("a `for`") };
    assert_eq!(*iter, Expression::Name { id: ".0".into() });
    let [condition] = body.as_slice() else { panic!("one `if`") };
    let StatementKind::If { body, .. } = &condition.kind else { panic!("an `if`") };
    assert_eq!(body[0].text, "yield x.n");
}

#[test]
fn a_generator_expressions_text_reads_back_as_its_parts() {
    let parts = generator_expression("x for x in a for y in x").expect("a generator expression");
    assert_eq!(parts.element, Expression::Name { id: "x".into() });
    assert_eq!(parts.generators.len(), 2);
    assert!(generator_expression("(x for x in a)").is_some());
    assert!(generator_expression("[x for x in a]").is_none());
    assert!(generator_expression("f(x)").is_none());
}
