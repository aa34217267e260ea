//! The freeze lab: a copy-on-write page simulator next to reports measured
//! with real CPython by the `playground freeze` companion.

use std::collections::BTreeMap;

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FreezeLabProps {
    pub fields: BTreeMap<String, String>,
    pub on_field: Callback<(String, String)>,
}

#[function_component(FreezeLab)]
pub fn freeze_lab(props: &FreezeLabProps) -> Html {
    let _ = props;
    html! {}
}
