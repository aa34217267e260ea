//! CPython's "Did you mean" at the end of an escaping AttributeError of a missing attribute: the
//! traceback's last line ends with ". Did you mean: 'name'?" where a name of `dir()` of the
//! instance is near the missing one (`lab::suggest`, CPython's `calculate_suggestions`). Up to
//! 3.12 the interpreter's own printer asks over every name; from 3.13 the traceback module
//! leaves out the names starting with `_` unless the missing name starts with one or the
//! traceback's innermost frame binds `self` to the instance: the frame it was raised in, whose
//! `f_locals` are its locals as it ended (the module's globals at module level). Where the model
//! did not keep that frame's locals, or `self` is in a cell, and hiding changes the answer, it
//! declines.
//!
//! `dir()` of an instance is its dict's keys, the names in the dicts of the classes of its MRO
//! and `object`'s, sorted. The names CPython puts there itself (`object`'s, and a class
//! statement's `__module__`, `__dict__`, ...) are each CPython's own (`data/dir_names.json`,
//! checked by `tests/dir_names.rs`); the program's are its class bodies' bindings as the program
//! left them. A class whose dict holds what the model does not list (annotations, a dataclass's
//! generated methods, a foreign base's or metaclass's names, a class decorator's) is declined.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use pysource::MemberKind;
use serde::Deserialize;

use crate::world::{ExceptionState, RaisedIn, Val};

use super::{Outcome, Run, Stop};

/// The first version whose traceback module hides the names starting with `_`.
const HIDES_UNDERSCORED_FROM: u8 = 13;

/// CPython offers no suggestion among `MAX_CANDIDATE_ITEMS` (750) names or more: near it, the
/// model declines.
const MOST_CANDIDATES: usize = 740;

/// The names of one version's `dir()` that the program does not bind (`data/dir_names.json`).
#[derive(Deserialize)]
struct DirNames {
    /// `object.__dict__`'s keys.
    object: Vec<String>,
    /// What a class statement puts in the dict of a class deriving from `object` alone.
    class: Vec<String>,
}

/// A suggestion as the reason of a decline names it.
fn suggested(name: Option<&str>) -> String {
    name.map_or("nothing".to_owned(), |n| format!("`{n}`"))
}

fn dir_names(minor: u8) -> Option<&'static DirNames> {
    static DATA: OnceLock<BTreeMap<String, DirNames>> = OnceLock::new();
    let data = DATA.get_or_init(|| serde_json::from_str(include_str!("../../data/dir_names.json")).unwrap_or_default());
    data.get(&format!("3.{minor}"))
}

impl Run<'_> {
    /// What CPython appends to the last line of the escaping `exception`'s traceback: ". Did you
    /// mean: 'name'?" for an AttributeError of a missing attribute with a near name, else "".
    pub(super) fn did_you_mean(&self, exception: usize) -> Outcome<String> {
        let Some(state) = self.world.objs[exception].exception.as_deref() else { return Ok(String::new()) };
        let Some((value, name)) = &state.missing else { return Ok(String::new()) };
        let Val::Obj(obj) = value else {
            return Err(not_modelled!("\"Did you mean\" for an AttributeError of something but an instance"));
        };
        let names = self.instance_dir(*obj)?;
        if names.len() >= MOST_CANDIDATES {
            return Err(not_modelled!(
                "\"Did you mean\" among the {} names of dir() of a `{}` (CPython's limit is 750)",
                names.len(),
                self.world.objs[*obj].class
            ));
        }
        let every = lab::suggest(name, names.iter().map(String::as_str));
        let shown = lab::suggest(name, names.iter().map(String::as_str).filter(|n| !n.starts_with('_')));
        if self.minor < HIDES_UNDERSCORED_FROM || name.starts_with('_') || shown == every {
            return Ok(Self::did_you_mean_line(every));
        }
        let innermost_binds_it = match &state.raised_in {
            RaisedIn::Module => Some(self.world.global("self") == Some(value)),
            RaisedIn::Function(qualname) => self.frame_binds_self(state, qualname, value)?,
            RaisedIn::Comprehension => None,
        };
        match innermost_binds_it {
            Some(true) => Ok(Self::did_you_mean_line(every)),
            Some(false) => Ok(Self::did_you_mean_line(shown)),
            None => Err(not_modelled!(
                "\"Did you mean\" for `.{name}` where the model does not know whether the traceback's innermost frame binds `self` to the instance (from 3.13 it suggests {} if so, else {})",
                suggested(every),
                suggested(shown)
            )),
        }
    }

    fn did_you_mean_line(suggestion: Option<&str>) -> String {
        suggestion.map(|s| format!(". Did you mean: '{s}'?")).unwrap_or_default()
    }

    /// Whether the frame of `qualname` the exception was raised in, the traceback's innermost,
    /// binds `self` to `value` as it ended (the frame's `f_locals`); None where the model did not
    /// keep that frame's locals with the exception, or keeps `self` in a cell.
    fn frame_binds_self(&self, state: &ExceptionState, qualname: &str, value: &Val) -> Outcome<Option<bool>> {
        let Some((function, locals)) = state.frames.first() else { return Ok(None) };
        if *function != super::public_qualname(qualname) || state.frames_to.is_some() || state.frame.is_some() {
            return Ok(None);
        }
        if self.cell_variables(qualname)?.iter().any(|cell| cell == "self") {
            return Ok(None);
        }
        Ok(Some(locals.iter().any(|(local, bound)| local == "self" && bound == value)))
    }

    /// `dir()` of the instance `obj` of one of the program's classes, sorted: its dict's keys,
    /// its classes' dicts' and `object`'s.
    fn instance_dir(&self, obj: usize) -> Outcome<Vec<String>> {
        let class = &self.world.objs[obj].class;
        let declined = |why: String| Err(not_modelled!("\"Did you mean\" among dir() of a `{class}` ({why})"));
        let Some(known) = dir_names(self.minor) else {
            return declined(format!("the names CPython 3.{} puts there itself are not known", self.minor));
        };
        let Some(model) = self.module.class(class) else { return declined("not a class of the program".into()) };
        let mut names: Vec<String> = known.object.iter().chain(&known.class).cloned().collect();
        names.extend(self.world.objs[obj].attrs.iter().map(|(name, _)| name.clone()));
        for owner in self.module.mro(model) {
            let name = &owner.name;
            if let Some(base) = owner.base_names().find(|b| *b != "object" && self.module.class(b).is_none()) {
                return declined(format!("`{name}` derives from `{base}`, whose names are not listed"));
            }
            if let Some(meta) = &owner.metaclass {
                return declined(format!("`{name}` has the metaclass `{meta}`"));
            }
            if !owner.decorators.is_empty() || self.dataclasses.iter().any(|d| d.name == *name) {
                return declined(format!("`{name}` is decorated, and may hold what its decorator adds"));
            }
            if owner.type_params.is_some() || self.redefined.contains(name) {
                return declined(format!("`{name}` is generic or defined more than once"));
            }
            for member in &owner.members {
                let qualname = format!("{name}.{}", member.name);
                if matches!(member.name.as_str(), "__dir__" | "__class__" | "__dict__" | "__qualname__") {
                    return declined(format!("`{qualname}` is defined, which dir() reads or type() takes out"));
                }
                match &member.kind {
                    MemberKind::Method(_) | MemberKind::Property { .. } => names.push(member.name.clone()),
                    MemberKind::Attribute(attribute) if attribute.annotation.is_some() => {
                        return declined(format!(
                            "`{qualname}` is annotated: its class's dict holds annotations by version"
                        ));
                    }
                    MemberKind::Attribute(attribute) => {
                        if attribute.class_value.is_some() && !self.deleted_class_attributes.contains(&qualname) {
                            names.push(member.name.clone());
                        }
                    }
                }
            }
            let prefix = format!("{name}.");
            names.extend(
                self.world
                    .class_members
                    .iter()
                    .filter_map(|(qualname, _)| qualname.strip_prefix(&prefix))
                    .filter(|attr| !attr.contains('.'))
                    .map(str::to_owned),
            );
        }
        names.sort();
        names.dedup();
        Ok(names)
    }
}
