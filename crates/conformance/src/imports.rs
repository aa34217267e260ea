//! Bases spelled from the module they were imported from: after `from abc import ABC`, a class
//! `C(ABC)` has the base `abc.ABC`, which the typeshed data and the rules know. `typing`'s
//! aliases of the `collections.abc` classes (`typing.Sized`) are spelled as the class they
//! alias, as they are at runtime and in typeshed. A name the code defines or binds again keeps
//! its spelling, and so does anything not imported.

use std::borrow::Cow;

use pysource::Module;

/// `module` with every imported base spelled from its module; `module` itself when none is.
pub(crate) fn spell_bases(module: &Module) -> Cow<'_, Module> {
    let spelled = |base: &str| -> Option<String> {
        let (name, subscript) = base.split_once('[').map_or((base, None), |(n, s)| (n, Some(s)));
        let name = name.trim();
        let head = name.split('.').next().unwrap_or(name);
        if module.class(head).is_some() {
            return None;
        }
        let path = module.imported(name)?;
        let path = typing_alias(&path).unwrap_or(path);
        if path == name {
            return None;
        }
        Some(match subscript {
            Some(subscript) => format!("{path}[{subscript}"),
            None => path,
        })
    };
    if !module.classes.iter().flat_map(|c| &c.bases).any(|b| spelled(b).is_some()) {
        return Cow::Borrowed(module);
    }
    let mut rewritten = module.clone();
    for class in &mut rewritten.classes {
        for base in &mut class.bases {
            if let Some(path) = spelled(base) {
                *base = path;
            }
        }
    }
    Cow::Owned(rewritten)
}

/// `typing.X` as the `collections.abc` class it aliases, when the typeshed data has that class.
fn typing_alias(path: &str) -> Option<String> {
    let name = path.strip_prefix("typing.")?;
    let aliased = format!("collections.abc.{name}");
    crate::stdlib::class(&aliased).map(|_| aliased)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bases(code: &str) -> Vec<Vec<String>> {
        let module = pysource::parse(code).unwrap();
        spell_bases(&module).classes.iter().map(|c| c.bases.clone()).collect()
    }

    #[test]
    fn imported_bases_are_spelled_from_their_module() {
        let code = "from abc import ABC\nfrom typing import Sized, Protocol as P\nimport collections.abc as cabc\n\
                    class A(ABC): pass\nclass S(Sized): pass\nclass Q(P): pass\nclass M(cabc.Mapping[str, int]): pass\n";
        assert_eq!(
            bases(code),
            [
                vec!["abc.ABC"],
                vec!["collections.abc.Sized"],
                vec!["typing.Protocol"],
                vec!["collections.abc.Mapping[str, int]"]
            ]
        );
    }

    #[test]
    fn a_name_bound_again_or_defined_here_keeps_its_spelling() {
        let code = "from abc import ABC\nABC = object\nclass A(ABC): pass\n";
        assert_eq!(bases(code), [vec!["ABC"]]);
        let code = "from abc import ABC\nclass Base: pass\nclass A(Base): pass\n";
        assert_eq!(bases(code), [Vec::<String>::new(), vec!["Base".to_owned()]]);
        let code = "try:\n    from abc import ABC\nexcept ImportError:\n    ABC = object\nclass A(ABC): pass\n";
        assert_eq!(bases(code), [vec!["ABC"]]);
    }
}
