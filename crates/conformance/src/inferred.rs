//! Attributes that `__init__` sets without an annotation, typed the way mypy infers them from
//! their first assignment (`pysource`'s `Attribute::init_value`): a parameter's annotation, or
//! the type of a literal. The attribute is then read as if it had that annotation. `None`, an
//! unannotated parameter and any other value are left untyped, and declined.

use std::borrow::Cow;

use pysource::{Attribute, Class, MemberKind, Module, ParamKind, TypeExpr};

/// `module` with every inferable `__init__` attribute annotated; `module` itself when none is.
pub(crate) fn annotate_init_attributes(module: &Module) -> Cow<'_, Module> {
    let inferable = |class: &Class| {
        class.members.iter().any(|m| matches!(&m.kind, MemberKind::Attribute(a) if inferred(class, a).is_some()))
    };
    if !module.classes.iter().any(inferable) {
        return Cow::Borrowed(module);
    }
    let mut rewritten = module.clone();
    for class in &mut rewritten.classes {
        let types: Vec<(usize, String)> = class
            .members
            .iter()
            .enumerate()
            .filter_map(|(i, m)| match &m.kind {
                MemberKind::Attribute(a) => inferred(class, a).map(|t| (i, t)),
                _ => None,
            })
            .collect();
        for (index, annotation) in types {
            if let MemberKind::Attribute(attribute) = &mut class.members[index].kind {
                attribute.annotation = Some(annotation);
            }
        }
    }
    Cow::Owned(rewritten)
}

/// The annotation mypy gives `attribute` of `class` from `__init__`'s first assignment, if the
/// lab knows it.
fn inferred(class: &Class, attribute: &Attribute) -> Option<String> {
    if attribute.annotation.is_some() || attribute.class_value.is_some() || !attribute.assigned_in_init {
        return None;
    }
    let value = attribute.init_value.as_deref()?;
    let init = class.members.iter().find_map(|m| match &m.kind {
        MemberKind::Method(f) if m.name == "__init__" => Some(f),
        _ => None,
    })?;
    if let Some(param) = init.signature.params.iter().find(|p| p.name == value) {
        let plain =
            matches!(param.kind, ParamKind::PositionalOnly | ParamKind::PositionalOrKeyword | ParamKind::KeywordOnly);
        return param.annotation.clone().filter(|_| plain);
    }
    let literal = Attribute { class_value: Some(value.to_owned()), ..Attribute::default() };
    match crate::statics::attribute_type(&literal) {
        TypeExpr::Name(name) => Some(name),
        _ => None,
    }
}
