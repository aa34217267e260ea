//! `__slots__`: the names whose descriptors a class gets, read from the literal value of each
//! class's `__slots__` in the module MRO, and whether its instances still have a `__dict__`.

use pysource::{Class, Expression, Literal, MemberKind, Module};

/// What `__slots__` makes of a class and its instances.
#[derive(Debug, PartialEq)]
pub(crate) enum Slots {
    /// No class of the MRO declares `__slots__`.
    Absent,
    /// Each name has a slot descriptor on its class. Without a `__dict__` (every class of the MRO
    /// declares slots, none lists `__dict__`), an instance can hold no other attribute.
    Names { names: Vec<String>, has_dict: bool },
    /// A `__slots__` value that is not a string or a tuple or list of strings: why.
    Unreadable(String),
}

impl Slots {
    pub(crate) fn contains(&self, name: &str) -> bool {
        matches!(self, Slots::Names { names, .. } if names.iter().any(|n| n == name))
    }
}

pub(crate) fn slots(module: &Module, class: &Class) -> Slots {
    let mut names = Vec::new();
    let mut has_dict = false;
    let mut any = false;
    for owner in module.mro(class) {
        let value = match owner.member("__slots__").map(|m| &m.kind) {
            Some(MemberKind::Attribute(attribute)) => attribute.class_value.as_deref(),
            Some(_) => return Slots::Unreadable(format!("{}.__slots__ is not a plain value", owner.name)),
            None => {
                has_dict = true;
                continue;
            }
        };
        any = true;
        let Some(own) = value.and_then(literal_names) else {
            return Slots::Unreadable(format!(
                "{}.__slots__ = {} is not a string or a tuple or list of strings",
                owner.name,
                value.unwrap_or("(no value)")
            ));
        };
        has_dict |= own.iter().any(|n| n == "__dict__");
        names.extend(own);
    }
    if any {
        Slots::Names { names, has_dict }
    } else {
        Slots::Absent
    }
}

fn literal_names(value: &str) -> Option<Vec<String>> {
    let string = |e: &Expression| match e {
        Expression::Literal { literal: Literal::Str(s) } => Some(s.clone()),
        _ => None,
    };
    match pysource::expression(value)? {
        Expression::Tuple { elements } | Expression::List { elements } => elements.iter().map(string).collect(),
        single => string(&single).map(|s| vec![s]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(code: &str, class: &str) -> Slots {
        let module = pysource::parse(code).unwrap();
        slots(&module, module.class(class).unwrap())
    }

    #[test]
    fn names_come_from_every_class_of_the_mro() {
        let code = "class A:\n    __slots__ = ('x',)\n\nclass B(A):\n    __slots__ = ['y', 'z']\n\nclass C(B):\n    __slots__ = 'w'\n";
        assert_eq!(
            read(code, "C"),
            Slots::Names { names: vec!["w".into(), "y".into(), "z".into(), "x".into()], has_dict: false }
        );
        let code = "class A:\n    pass\n\nclass B(A):\n    __slots__ = ('x',)\n";
        assert_eq!(read(code, "B"), Slots::Names { names: vec!["x".into()], has_dict: true }, "A has no slots");
        let code = "class A:\n    __slots__ = ('x', '__dict__')\n";
        assert!(matches!(read(code, "A"), Slots::Names { has_dict: true, .. }));
        assert_eq!(read("class A:\n    pass\n", "A"), Slots::Absent);
        let code = "NAMES = ('x',)\n\nclass A:\n    __slots__ = NAMES\n";
        assert!(matches!(read(code, "A"), Slots::Unreadable(why) if why.contains("A.__slots__ = NAMES")));
    }
}
