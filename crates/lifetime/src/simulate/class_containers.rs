//! Class attributes bound to a list, tuple, dict or set display (`registry = []`, the shared
//! registry pattern) or to a name (`handler = on_event`, `default = DEFAULT`). The class
//! statement evaluates each once, at module scope (its names are the module's: one naming
//! something the class body binds is declined), and the class holds the value, as
//! `world.class_members` under `C.attr`, until the program rebinds or deletes it
//! (`class_attributes.rs`); an instance without an attribute of its own by that name, a
//! subclass and the class itself all read that one object. The class lives until the
//! interpreter's last collection, where what it holds goes in an order the model does not
//! follow: an object reached from a class attribute whose end shows is declined there.

use pysource::{Class, Expression, MemberKind, Statement, StatementKind};

use crate::world::{referents, Val};

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

    /// At the interpreter's last collection, the classes and what their attributes hold are
    /// garbage with everything else, cleared in an order the model does not follow: declined
    /// when a class attribute reaches an object whose end shows.
    pub(super) fn class_containers_at_exit(&self) -> Outcome<()> {
        for (qualname, value) in &self.world.class_members {
            let mut showing = self.showing_from(std::slice::from_ref(value));
            showing.extend(self.generators_closing_from(value));
            if !showing.is_empty() {
                return Err(not_modelled!(
                    "{}, held by the class attribute `{qualname}` at interpreter exit (the class goes in the last collection, in an order the model does not follow), is not modelled",
                    showing.join(", ")
                ));
            }
        }
        Ok(())
    }

    /// The suspended generators reached from `value` whose closing runs code.
    fn generators_closing_from(&self, value: &Val) -> Vec<String> {
        let mut found = Vec::new();
        let mut seen = vec![false; self.world.objs.len()];
        let mut stack = vec![value.clone()];
        while let Some(value) = stack.pop() {
            let Some(obj) = referents(&value) else { continue };
            if seen[obj] || self.world.objs[obj].freed {
                continue;
            }
            seen[obj] = true;
            if self.closing_runs_code(obj) {
                found.push(self.world.objs[obj].label.clone());
            }
            let object = &self.world.objs[obj];
            stack.extend(object.attrs.iter().map(|(_, v)| v.clone()));
            stack.extend(object.items.iter().flatten().cloned());
        }
        found
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
