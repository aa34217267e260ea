//! Syntax newer than a CPython version, as Ruff's parser finds it for that version.

#[test]
fn syntax_newer_than_a_version_is_found_for_that_version_only() {
    let source = pysource::Source::parse("try:\n    pass\nexcept KeyError, ValueError:\n    pass\n").unwrap();
    let (line, message) = source.newer_syntax(13).expect("3.13 has no unparenthesized except");
    assert_eq!(line, 3);
    assert!(message.contains("3.14"), "{message}");
    assert_eq!(source.newer_syntax(14), None);
    let generic = pysource::Source::parse("def first[T](items: list[T]) -> T:\n    return items[0]\n").unwrap();
    assert_eq!(generic.newer_syntax(11).map(|(line, _)| line), Some(1));
    assert_eq!(generic.newer_syntax(12), None);
}
