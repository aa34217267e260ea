//! Conditional expressions, which the statement model keeps as written, read back in parts.

use pysource::{conditional, Expression};

#[test]
fn a_conditional_reads_as_its_test_and_branches() {
    let choice = conditional("'Dear ' + name if polite else name").expect("a conditional expression");
    assert_eq!(choice.test, Expression::Name { id: "polite".to_owned() });
    assert!(matches!(choice.body, Expression::BinOp { ref op, .. } if op == "+"));
    assert_eq!(choice.orelse, Expression::Name { id: "name".to_owned() });
}

#[test]
fn a_nested_conditional_is_the_else_branch() {
    let choice = conditional("'a' if x else 'b' if y else 'c'").expect("a conditional expression");
    assert_eq!(choice.test, Expression::Name { id: "x".to_owned() });
    let Expression::Other { text } = &choice.orelse else { panic!("{:?}", choice.orelse) };
    assert!(conditional(text).is_some(), "{text}");
}

#[test]
fn other_expressions_are_not_conditionals() {
    assert_eq!(conditional("f(x)"), None);
    assert_eq!(conditional("x if"), None);
}
