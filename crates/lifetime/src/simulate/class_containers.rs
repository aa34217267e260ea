//! Class attributes bound to a list, tuple, dict or set display (`registry = []`, the shared
//! registry pattern) or to a name (`handler = on_event`, `default = DEFAULT`). The class
//! statement evaluates each once, at module scope (its names are the module's: one naming
//! something the class body binds is declined), and the class holds the value, as
//! `world.class_members` under `C.attr`, until the program rebinds or deletes it
//! (`class_attributes.rs`); an instance without an attribute of its own by that name, a
//! subclass and the class itself all read that one object. The class lives until the
//! interpreter's last collection, where what it holds is garbage with the globals: an object
//! whose end shows runs it there like theirs (`teardown`), two or more only where their
//! order is certain (`automatic_gc`).

use pysource::{Class, Expression, MemberKind, Statement, StatementKind};

use crate::world::referents;

use super::{literal_text, Outcome, Run, Stop};

impl Run<'_> {
    /// Evaluates the container displays and names `class`'s body binds, in the body's order,
    /// and gives them to the class.
    pub(super) fn class_containers_made(&mut self, class: &Class) -> Outcome<()> {
        for member in &class.members {
            let MemberKind::Attribute(attribute) = &member.kind else { continue };
            let Some(text) = attribute.class_value.as_deref() else { continue };
            let Some(display) = evaluated_binding(text) else { continue };
            let qualname = format!("{}.{}", class.name, member.name);
            if self.redefined.contains(&class.name) {
                return Err(not_modelled!(
                    "the class attribute `{qualname} = {text}` of a class defined more than once is not modelled"
                ));
            }
            let mut names = Vec::new();
            display_names(&display, &mut names);
            if let Some(name) = names.iter().find(|n| class.members.iter().any(|m| &m.name == *n)) {
                return Err(not_modelled!(
                    "the class attribute `{qualname} = {text}`, whose `{name}` is the class body's own, is not modelled"
                ));
            }
            let value = self.with_temporaries(|run| {
                let value = run.eval(&display, None)?;
                if let Some(obj) = referents(&value).filter(|_| matches!(display, Expression::Name { .. })) {
                    let class_of = run.world.objs[obj].class.clone();
                    if run.defines(&class_of, &["__set_name__"]) {
                        return Err(not_modelled!(
                            "the class attribute `{qualname} = {text}`, a `{class_of}` whose __set_name__ the class statement calls, is not modelled"
                        ));
                    }
                }
                run.world.class_members.push((qualname.clone(), value.clone()));
                run.drop_temporary(&value)?;
                Ok(value)
            });
            match value {
                Ok(_) => {}
                Err(Stop::NotModelled(reason)) => return Err(Stop::NotModelled(reason)),
                Err(_) => {
                    return Err(not_modelled!(
                        "an exception evaluating the class attribute `{qualname} = {text}` is not modelled"
                    ))
                }
            }
        }
        Ok(())
    }
}

/// The list, tuple, dict or set display or the name a class attribute's text is, when it is
/// not a literal.
fn evaluated_binding(text: &str) -> Option<Expression> {
    if literal_text(text).is_some() {
        return None;
    }
    match pysource::statements(text).ok()?.as_slice() {
        [Statement { kind: StatementKind::Expr { value }, .. }]
            if matches!(
                value,
                Expression::List { .. }
                    | Expression::Tuple { .. }
                    | Expression::Dict { .. }
                    | Expression::Set { .. }
                    | Expression::Name { .. }
            ) =>
        {
            Some(value.clone())
        }
        _ => None,
    }
}

/// The names a display (of literals, names and displays) evaluates.
fn display_names<'e>(display: &'e Expression, names: &mut Vec<&'e str>) {
    match display {
        Expression::Name { id } => names.push(id),
        Expression::List { elements } | Expression::Tuple { elements } | Expression::Set { elements } => {
            elements.iter().for_each(|e| display_names(e, names))
        }
        Expression::Dict { items } => items.iter().for_each(|(key, value)| {
            display_names(key, names);
            display_names(value, names);
        }),
        _ => {}
    }
}
