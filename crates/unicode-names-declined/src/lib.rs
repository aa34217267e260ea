//! Stands in for the `unicode_names2` crate, which Ruff's parser uses for one thing: resolving
//! the `\N{NAME}` escapes of string literals. The real crate's name table is a third of the
//! app's download, for an escape workshop code hardly ever uses. This one knows no names, so
//! the parser reports such an escape as a `UnicodeError`, which `pysource` turns into the labs
//! declining the code (CPython still runs it): never a guessed character.

/// The character named `name`: never known here.
pub fn character(_name: &str) -> Option<char> {
    None
}
