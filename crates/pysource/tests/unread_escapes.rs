//! `\N{...}` escapes: the parser is built without Unicode's name table, so such code is not
//! read, and says so, rather than passing as a syntax error or as some guessed character.

#[test]
fn a_named_escape_is_declined_where_it_is() {
    let error = pysource::Source::parse("x = 1\nprint(\"\\N{BULLET} item\")\n").unwrap_err();
    assert!(error.unread, "{error:?}");
    assert_eq!((error.line, error.column), (2, 11), "at the name");
    assert!(error.message.contains("do not read \\N{...} escapes"), "{}", error.message);
}

#[test]
fn a_real_syntax_error_is_still_one() {
    let error = pysource::Source::parse("def f(:\n    pass\n").unwrap_err();
    assert!(!error.unread);
}
