//! Standard-library classes as typeshed declares them (`data/typeshed.json`, extracted from the
//! stubs mypy ships by `data/extract_typeshed.py`): which members a class inherits from them.
//! The lab knows their names, not their behaviour: a member found there is declined, a member
//! found nowhere is missing for mypy as for the lab.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub(crate) struct StdClass {
    /// Every member of the class and its stub bases: name -> signature as written in the stub.
    pub members: BTreeMap<String, String>,
    /// Members declared under an `if` the extraction does not evaluate.
    pub conditional: BTreeMap<String, String>,
    /// A stub class answers any name through `__getattr__`.
    pub getattr: bool,
}

#[derive(Debug, Deserialize)]
struct Data {
    classes: BTreeMap<String, StdClass>,
}

fn data() -> &'static Data {
    static DATA: OnceLock<Data> = OnceLock::new();
    DATA.get_or_init(|| {
        serde_json::from_str(include_str!("../data/typeshed.json")).unwrap_or(Data { classes: BTreeMap::new() })
    })
}

/// The standard-library class a base expression names (`dict[str, int]` names `dict`), if the
/// data has it. Only the spellings in the data count: an imported bare name may be anything.
pub(crate) fn class(base: &str) -> Option<(&'static str, &'static StdClass)> {
    let name = base.split('[').next().unwrap_or(base).trim();
    let name = name.strip_prefix("builtins.").unwrap_or(name);
    data().classes.get_key_value(name).map(|(k, v)| (k.as_str(), v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_reads_and_names_inherited_members() {
        let (name, buffer) = class("io.StringIO").unwrap();
        assert_eq!(name, "io.StringIO");
        assert_eq!(buffer.members["write"], "def write(self, s: str, /) -> int");
        assert!(class("dict[str, int]").unwrap().1.members.contains_key("keys"));
        assert!(!class("Exception").unwrap().1.members.contains_key("write"));
        assert!(class("StringIO").is_none(), "a bare imported name is not resolved");
    }
}
