//! A class attribute set to a constant of the module (`close = NOTHING`, where the module binds
//! `NOTHING = None` once, to a literal, before the class) is read as that literal written in its
//! place: CPython gives the attribute that object, and mypy the constant's type, which for an
//! unannotated constant is the one it infers from the literal, as for the literal itself. An
//! annotated constant (`LEVEL: float = 1`) stands for its value only in an attribute annotated
//! itself, whose type its own annotation gives.

use std::borrow::Cow;

use pysource::{MemberKind, Module, ModuleConstant};

/// The module with each class attribute set to a constant given the constant's literal.
pub(crate) fn substitute<'m>(module: &'m Module, constants: &[ModuleConstant]) -> Cow<'m, Module> {
    if constants.is_empty() {
        return Cow::Borrowed(module);
    }
    let mut substituted = module.clone();
    let mut changed = false;
    for class in &mut substituted.classes {
        let class_line = class.line;
        for member in &mut class.members {
            let MemberKind::Attribute(attribute) = &mut member.kind else { continue };
            let Some(value) = attribute.class_value.as_deref().map(str::trim) else { continue };
            let Some(constant) = constants.iter().find(|c| c.name == value && c.line < class_line) else {
                continue;
            };
            if constant.annotation.is_none() || attribute.annotation.is_some() {
                attribute.class_value = Some(constant.text.clone());
                changed = true;
            }
        }
    }
    if changed {
        Cow::Owned(substituted)
    } else {
        Cow::Borrowed(module)
    }
}
