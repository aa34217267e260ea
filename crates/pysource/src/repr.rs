//! Python's `repr` of literal values, for models that predict what a program prints.

use crate::printable::unprintable;

/// Python's `repr` of a float: the shortest round-tripping digits, exponent below 1e-4 and from 1e16.
pub fn float_repr(f: f64) -> String {
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    // Rust's Debug switches to exponent notation at the same magnitudes Python does.
    let text = format!("{f:?}");
    match text.split_once('e') {
        Some((mantissa, exponent)) => {
            let (sign, digits) = exponent.strip_prefix('-').map_or(("+", exponent), |d| ("-", d));
            format!("{mantissa}e{sign}{digits:0>2}")
        }
        None => text,
    }
}

/// Python's `repr` of a str: single quotes unless only double quotes avoid escaping, and every
/// character `str.isprintable()` rejects escaped. A character whose printability differs between
/// the CPythons the page predicts for is written as it is: a model declines strings holding one
/// ([`crate::version_dependent_char`]) before it writes their repr.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::from(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if unprintable(c) => out.push_str(&escape(c)),
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// CPython's escape of a character it does not print: the shortest of `\xNN`, `\uNNNN` and
/// `\UNNNNNNNN`.
fn escape(c: char) -> String {
    match c as u32 {
        code @ ..=0xff => format!("\\x{code:02x}"),
        code @ ..=0xffff => format!("\\u{code:04x}"),
        code => format!("\\U{code:08x}"),
    }
}
