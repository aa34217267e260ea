//! Which characters CPython's `repr` of a str escapes: those for which `str.isprintable()` is
//! False. Printability follows each CPython's Unicode version, so the table (`printable/table.rs`,
//! generated from every CPython the page predicts for and checked against them by
//! `tests/printable_data.rs`) holds what none of them prints, and apart, what some print and
//! others do not (characters assigned in a later Unicode).

mod table;

use table::{UNPRINTABLE, VERSION_DEPENDENT};

/// True when no CPython from 3.11 to 3.14 prints `c` as it is in a str's repr.
pub(crate) fn unprintable(c: char) -> bool {
    within(UNPRINTABLE, c)
}

/// The first character of `s` that one CPython from 3.11 to 3.14 prints in a str's repr and
/// another escapes: what a model that does not follow Unicode versions must decline.
pub fn version_dependent_char(s: &str) -> Option<char> {
    s.chars().find(|&c| within(VERSION_DEPENDENT, c))
}

/// Whether `c` is in one of `ranges`, sorted and disjoint inclusive code point ranges.
fn within(ranges: &[(u32, u32)], c: char) -> bool {
    let code = c as u32;
    let after = ranges.partition_point(|&(first, _)| first <= code);
    after > 0 && code <= ranges[after - 1].1
}
