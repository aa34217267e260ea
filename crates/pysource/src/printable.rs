//! Which characters CPython's `repr` of a str escapes: those for which `str.isprintable()` is
//! False. Printability follows each CPython's Unicode version, so the table (`printable/table.rs`,
//! generated from every CPython the page predicts for and checked against them by
//! `tests/printable_data.rs`) holds what none of them prints, and apart, what some print and
//! others do not (characters assigned in a later Unicode).

mod table;

use ruff_python_ast as ast;
use ruff_python_ast::visitor::{self, Visitor};
use ruff_text_size::Ranged;
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

/// Where code holds a version-dependent character: written as it is, or as an escape in a string
/// literal (`"\U0001FAE8"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VersionDependentChar {
    pub char: char,
    pub line: usize,
}

impl VersionDependentChar {
    /// Why a model that writes reprs declines this code.
    pub fn reason(&self) -> String {
        format!(
            "line {} holds U+{:04X}, which some CPythons from 3.11 to 3.14 print in a str's repr and others \
             escape (their Unicode versions differ), so the lab predicts nothing for this code",
            self.line, self.char as u32
        )
    }
}

impl crate::Source {
    /// The first version-dependent character of the code, in its text or in the value of a
    /// string literal.
    pub fn version_dependent_char(&self) -> Option<VersionDependentChar> {
        let line = |offset: usize| self.code()[..offset].matches('\n').count() + 1;
        if let Some(c) = version_dependent_char(self.code()) {
            let offset = self.code().find(c).unwrap_or_default();
            return Some(VersionDependentChar { char: c, line: line(offset) });
        }
        let mut literals = Literals::default();
        literals.visit_body(&self.ast.syntax().body);
        literals.found.map(|(c, offset)| VersionDependentChar { char: c, line: line(offset) })
    }
}

/// The first version-dependent character in a string literal's value, with the literal's offset.
#[derive(Default)]
struct Literals {
    found: Option<(char, usize)>,
}

impl Literals {
    fn check(&mut self, value: &str, node: &impl Ranged) {
        if self.found.is_none() {
            self.found = version_dependent_char(value).map(|c| (c, usize::from(node.start())));
        }
    }
}

impl<'a> Visitor<'a> for Literals {
    fn visit_string_literal(&mut self, literal: &'a ast::StringLiteral) {
        self.check(&literal.value, literal);
    }

    fn visit_interpolated_string_element(&mut self, element: &'a ast::InterpolatedStringElement) {
        if let ast::InterpolatedStringElement::Literal(literal) = element {
            self.check(&literal.value, literal);
        }
        visitor::walk_interpolated_string_element(self, element);
    }
}
