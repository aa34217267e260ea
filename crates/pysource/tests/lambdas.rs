//! `Source::lambdas`: every lambda in a module, as the function CPython compiles it to, under
//! CPython's qualified name.

use pysource::{Expression, Source, StatementKind};

#[test]
fn each_lambda_is_a_function_returning_its_expression_named_by_its_scope() {
    let code = "f = lambda x, y=1: x + y\n\ndef outer(n):\n    return lambda: n\n\nclass C:\n    key = lambda self: (lambda: self)\n";
    let lambdas = Source::parse(code).unwrap().lambdas();
    let named: Vec<(&str, &str)> = lambdas.iter().map(|(text, body)| (text.as_str(), body.qualname.as_str())).collect();
    assert_eq!(
        named,
        [
            ("lambda x, y=1: x + y", "<lambda>"),
            ("lambda: n", "outer.<locals>.<lambda>"),
            ("lambda self: (lambda: self)", "C.<lambda>"),
            ("lambda: self", "C.<lambda>.<locals>.<lambda>"),
        ]
    );
    let (_, first) = &lambdas[0];
    assert_eq!(first.params, ["x", "y"]);
    assert_eq!(first.defaults.len(), 2);
    assert_eq!(first.statements.len(), 1);
    assert_eq!(first.statements[0].line, 1);
    assert!(matches!(&first.statements[0].kind, StatementKind::Return { value: Some(Expression::BinOp { .. }) }));
}
