//! Memory addresses in predicted lines. CPython's default reprs show an object's address
//! (`<__main__.Node object at 0x7f3a2c1b9d50>`, a weak reference's, a finalizer's, a
//! function's), which no model can know; everything else in such a line is exact. The
//! simulation writes [`ADDRESS_HOLE`] where an address goes, and a predicted line agrees with
//! CPython's when its text is equal and each hole stands for `0x` and lowercase hex digits, as
//! CPython's `%p` and `%#x` print them (12 digits on Linux 64-bit, fewer in Pyodide's 32-bit
//! wasm). Two holes promise nothing about each other: the same object's address may show in
//! one line twice and each hole is matched on its own, so a line never claims two addresses
//! are equal or different. The program's own text never holds the hole character (the
//! simulation declines a string literal that does), so a hole is never program text.

/// Stands for one address in a predicted line: a private-use character no program prints.
pub const ADDRESS_HOLE: char = '\u{E000}';

/// Whether CPython's `actual` line is the `predicted` one, each address hole matching `0x`
/// followed by one or more lowercase hex digits.
pub fn line_agrees(predicted: &str, actual: &str) -> bool {
    let parts: Vec<&str> = predicted.split(ADDRESS_HOLE).collect();
    actual.strip_prefix(parts[0]).is_some_and(|rest| holes_agree(&parts[1..], rest))
}

/// `rest` is an address followed by the first of `parts`, then an address and the next, ...
fn holes_agree(parts: &[&str], rest: &str) -> bool {
    let Some((part, more)) = parts.split_first() else { return rest.is_empty() };
    let Some(digits) = rest.strip_prefix("0x") else { return false };
    let hex = digits.find(|c: char| !matches!(c, '0'..='9' | 'a'..='f')).unwrap_or(digits.len());
    // Where the text after a hole starts with a hex digit, the address may end before it.
    (1..=hex).any(|n| digits[n..].strip_prefix(part).is_some_and(|tail| holes_agree(more, tail)))
}

/// A predicted line as people read it: each address hole shown as `0x…`.
pub fn shown_line(predicted: &str) -> String {
    predicted.replace(ADDRESS_HOLE, "0x…")
}

/// Lines agree one for one (as [`line_agrees`]), and there are as many.
pub fn lines_agree(predicted: &[String], actual: &[String]) -> bool {
    predicted.len() == actual.len() && predicted.iter().zip(actual).all(|(p, a)| line_agrees(p, a))
}

/// `actual` begins with lines that agree with every `predicted` line.
pub fn lines_begin_with(actual: &[String], predicted: &[String]) -> bool {
    actual.len() >= predicted.len() && predicted.iter().zip(actual).all(|(p, a)| line_agrees(p, a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holes_match_any_lowercase_hex_address() {
        let predicted = format!("<__main__.Node object at {ADDRESS_HOLE}>");
        assert!(line_agrees(&predicted, "<__main__.Node object at 0x7f3a2c1b9d50>"));
        assert!(line_agrees(&predicted, "<__main__.Node object at 0x17000b0>"));
        assert!(!line_agrees(&predicted, "<__main__.Node object at 0x>"));
        assert!(!line_agrees(&predicted, "<__main__.Node object at 0X7F3A>"));
        assert!(!line_agrees(&predicted, "<__main__.Node object at 7f3a>"));
        assert!(!line_agrees(&predicted, "<__main__.Leaf object at 0x7f3a>"));
        assert!(!line_agrees(&predicted, "<__main__.Node object at 0x7f3a>!"));
    }

    #[test]
    fn two_holes_are_independent() {
        let predicted = format!("<weakref at {ADDRESS_HOLE}; to 'Node' at {ADDRESS_HOLE}>");
        assert!(line_agrees(&predicted, "<weakref at 0x1765058; to 'Node' at 0x17000b0>"));
        assert!(line_agrees(&predicted, "<weakref at 0x17000b0; to 'Node' at 0x17000b0>"));
        let adjacent = format!("{ADDRESS_HOLE}abc");
        assert!(line_agrees(&adjacent, "0x12abc"));
        assert!(!line_agrees(&adjacent, "0xabc"));
    }

    #[test]
    fn lines_without_holes_compare_as_text() {
        assert!(line_agrees("hello", "hello"));
        assert!(!line_agrees("hello", "hello "));
        assert_eq!(shown_line(&format!("[<x at {ADDRESS_HOLE}>]")), "[<x at 0x…>]");
    }
}
