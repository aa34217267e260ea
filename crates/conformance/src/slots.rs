//! `__slots__`: the names whose descriptors a class gets, read from the literal value of each
//! class's `__slots__` in the module MRO, and whether its instances still have a `__dict__`; and
//! the AttributeError that setting a name no slot lists raises on an instance without one.

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
            if let Some(Expression::Name { id }) = value.and_then(pysource::expression) {
                return Slots::Unreadable(format!(
                    "{}.__slots__ = {id}, which is not a display bound once before the class statement that \
                     nothing changes (a list named nowhere else)",
                    owner.name
                ));
            }
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

/// How setting `.name` on an instance of `class` goes where `__slots__` are concerned: None
/// where they do not refuse it (the instance has a `__dict__`, or a slot of that name); else the
/// last traceback line of the AttributeError CPython 3.`python_minor` raises, or why the lab
/// cannot write it.
pub(crate) fn refused_write(
    module: &Module,
    class: &Class,
    name: &str,
    python_minor: u8,
) -> Option<Result<String, String>> {
    let Slots::Names { names, has_dict: false } = slots(module, class) else { return None };
    if names.iter().any(|n| n == name) {
        return None;
    }
    let unfollowed = |why: String| Some(Err(format!("sets .{name}, which no __slots__ lists, and {why}")));
    let mro = module.mro(class);
    // A name of the class (a class attribute, a method, a property) takes the write over or
    // refuses it with another message ("... is read-only").
    let class_level = |member: &pysource::Member| match &member.kind {
        MemberKind::Attribute(attribute) => attribute.class_value.is_some(),
        _ => true,
    };
    if let Some(owner) = mro.iter().find(|c| c.member("__setattr__").is_some()) {
        return unfollowed(format!("{} defines __setattr__, which the lab does not follow", owner.name));
    }
    if let Some(owner) = mro.iter().find(|c| c.member(name).is_some_and(class_level)) {
        return unfollowed(format!("{}.{name} is a name of the class, which the lab does not follow", owner.name));
    }
    // A private name is mangled; CPython 3.13+ suggests underscored names for an underscored one.
    if name.starts_with('_') || !name.is_ascii() {
        return unfollowed("the lab does not write the error for such a name".to_owned());
    }
    let mut error = format!("AttributeError: '{}' object has no attribute '{name}'", class.name);
    if python_minor >= 13 {
        error.push_str(" and no __dict__ for setting new attributes");
        // `traceback` suggests the nearest public name of `dir(instance)`: the names the class
        // bodies bind (every member here, a superset), the slots among them.
        if let Some(owner) = mro.iter().find(|c| !c.unread_statements.is_empty() || c.member("__dir__").is_some()) {
            return unfollowed(format!("{}'s body has what the lab does not read or defines __dir__", owner.name));
        }
        let candidates: Vec<&str> = mro
            .iter()
            .flat_map(|c| c.members.iter().map(|m| m.name.as_str()))
            .chain(names.iter().map(String::as_str))
            .filter(|n| !n.starts_with('_'))
            .collect();
        if let Some(near) = lab::suggest(name, candidates) {
            return unfollowed(format!("CPython may suggest '{near}' in its message, which the lab does not write"));
        }
    }
    Some(Ok(error))
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

    #[test]
    fn setting_a_name_no_slot_lists_raises_attribute_error_worded_by_version() {
        let refused = |code: &str, name: &str, minor: u8| {
            let module = pysource::parse(code).unwrap();
            refused_write(&module, module.class("C").unwrap(), name, minor)
        };
        let code = "class C:\n    __slots__ = ('size',)\n";
        assert_eq!(refused(code, "size", 11), None);
        assert_eq!(refused(code, "name", 12), Some(Ok("AttributeError: 'C' object has no attribute 'name'".into())));
        assert_eq!(
            refused(code, "name", 13),
            Some(Ok(
                "AttributeError: 'C' object has no attribute 'name' and no __dict__ for setting new attributes".into()
            ))
        );
        // 3.13+ suggests 'size' for 'sizes'; 3.12 does not.
        assert!(matches!(refused(code, "sizes", 13), Some(Err(why)) if why.contains("suggest 'size'")));
        assert!(matches!(refused(code, "sizes", 12), Some(Ok(_))));
        assert!(matches!(refused(code, "__hidden", 11), Some(Err(_))), "mangled");
        let unslotted_base = "class B:\n    pass\n\nclass C(B):\n    __slots__ = ()\n";
        assert_eq!(refused(unslotted_base, "name", 13), None, "B gives instances a __dict__");
        let with_dict = "class C:\n    __slots__ = ('__dict__',)\n";
        assert_eq!(refused(with_dict, "name", 13), None);
        let class_attribute = "class C:\n    __slots__ = ()\n    name = 'x'\n";
        assert!(matches!(refused(class_attribute, "name", 11), Some(Err(why)) if why.contains("C.name")));
    }
}
