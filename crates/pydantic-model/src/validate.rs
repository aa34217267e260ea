//! Validation of a JSON input as pydantic-core does it (`validate_json`, lax or strict): every
//! error with its location, type and message, in pydantic's order.

use serde::{Deserialize, Serialize};

use crate::json::Json;
use crate::messages::{message, plural};
use crate::number::{BigInt, Num};
use crate::read::{ClassKind, Const, Constraints, Decline, Extra, FieldDef, FieldDefault, Kind, Node, World};

/// One step of an error's location: a field or key, or an index.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum LocItem {
    Index(usize),
    Key(String),
}

/// One error as `ValidationError.errors()` gives it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorItem {
    pub loc: Vec<LocItem>,
    #[serde(rename = "type")]
    pub kind: String,
    pub msg: String,
}

impl ErrorItem {
    /// One line: `('age',) greater_than: Input should be greater than 0`, given the location as
    /// Python prints the tuple ([`loc_text`], which the prediction holds for the page).
    pub fn line(&self, loc_text: &str) -> String {
        format!("{loc_text} {}: {}", self.kind, self.msg)
    }
}

/// A location as Python prints the tuple: `('tags', 0)`, `('age',)`, `()`.
pub fn loc_text(loc: &[LocItem]) -> String {
    let items: Vec<String> = loc
        .iter()
        .map(|item| match item {
            LocItem::Index(i) => i.to_string(),
            LocItem::Key(k) => pysource::str_repr(k),
        })
        .collect();
    match items.len() {
        1 => format!("({},)", items[0]),
        _ => format!("({})", items.join(", ")),
    }
}

pub struct Validator<'w> {
    pub world: &'w World,
    pub strict: bool,
    pub errors: Vec<ErrorItem>,
    loc: Vec<LocItem>,
    line: usize,
}

type Done = Result<(), Decline>;

impl<'w> Validator<'w> {
    pub fn new(world: &'w World, strict: bool) -> Validator<'w> {
        Validator { world, strict, errors: Vec::new(), loc: Vec::new(), line: 0 }
    }

    fn error(&mut self, kind: &str, context: &[(&str, String)]) {
        self.errors.push(ErrorItem { loc: self.loc.clone(), kind: kind.to_owned(), msg: message(kind, context) });
    }

    fn declined(&self, why: impl Into<String>) -> Decline {
        Decline { line: self.line, what: format!("the input at {}", loc_text(&self.loc)), why: why.into() }
    }

    fn at<T>(&mut self, item: LocItem, run: impl FnOnce(&mut Self) -> T) -> T {
        self.loc.push(item);
        let out = run(self);
        self.loc.pop();
        out
    }

    /// The fields of a class or a `validate_call` function's parameters against an object.
    pub fn fields(&mut self, fields: &[FieldDef], value: &Json, extra: Extra, strict: bool, arguments: bool) -> Done {
        let Json::Object(entries) = value else { unreachable!("fields are validated against objects") };
        for field in fields {
            self.line = field.line;
            match entries.iter().find(|(k, _)| *k == field.key) {
                Some((_, item)) => {
                    let node = &field.node;
                    self.at(LocItem::Key(field.key.clone()), |v| v.node(node, item, strict))?;
                }
                None if field.default == FieldDefault::Required => {
                    let kind = if arguments { "missing_argument" } else { "missing" };
                    self.at(LocItem::Key(field.key.clone()), |v| v.error(kind, &[]));
                }
                None => {}
            }
        }
        for (key, _) in entries {
            if extra == Extra::Forbid && !fields.iter().any(|f| f.key == *key) {
                let kind = if arguments { "unexpected_keyword_argument" } else { "extra_forbidden" };
                self.at(LocItem::Key(key.clone()), |v| v.error(kind, &[]));
            }
        }
        Ok(())
    }

    pub fn class(&mut self, name: &str, value: &Json, strict: bool) -> Done {
        let class = self.world.class(name);
        let strict = strict || class.strict;
        match (value, class.kind) {
            (Json::Object(_), _) => self.fields(&class.fields, value, class.extra, strict, false),
            (Json::Array(_), ClassKind::PydanticDataclass | ClassKind::StdlibDataclass) => {
                Err(self.declined("a dataclass given an array is not modelled"))
            }
            (_, kind) => {
                let (error, context) = match kind {
                    ClassKind::BaseModel => ("model_type", vec![("class_name", name.to_owned())]),
                    ClassKind::PydanticDataclass | ClassKind::StdlibDataclass => {
                        ("dataclass_type", vec![("class_name", name.to_owned())])
                    }
                    ClassKind::TypedDict => ("dict_type", Vec::new()),
                };
                self.error(error, &context);
                Ok(())
            }
        }
    }

    pub fn node(&mut self, node: &Node, value: &Json, strict: bool) -> Done {
        let strict = strict || node.c.strict == Some(true);
        match &node.kind {
            Kind::Any => Ok(()),
            Kind::Int => self.int(&node.c, value, strict),
            Kind::Float => self.float(&node.c, value, strict),
            Kind::Str => self.string(&node.c, value),
            Kind::Bool => {
                self.bool(value, strict);
                Ok(())
            }
            Kind::NoneType => {
                if *value != Json::Null {
                    self.error("none_required", &[]);
                }
                Ok(())
            }
            Kind::List(item) => self.sequence(&node.c, value, item, strict, "list_type", "List"),
            Kind::Set(item) => self.sequence(&node.c, value, item, strict, "set_type", "Set"),
            Kind::TupleOf(item) => self.sequence(&node.c, value, item, strict, "tuple_type", "Tuple"),
            Kind::Tuple(items) => {
                let Json::Array(values) = value else {
                    self.error("tuple_type", &[]);
                    return Ok(());
                };
                if values.len() > items.len() {
                    self.too_long("Tuple", items.len(), values.len());
                    return Ok(());
                }
                for (index, item) in items.iter().enumerate() {
                    match values.get(index) {
                        Some(value) => self.at(LocItem::Index(index), |v| v.node(item, value, strict))?,
                        None => self.at(LocItem::Index(index), |v| v.error("missing", &[])),
                    }
                }
                Ok(())
            }
            Kind::Dict(key, item) => {
                let Json::Object(entries) = value else {
                    self.error("dict_type", &[]);
                    return Ok(());
                };
                if node.c.min_length.is_some() || node.c.max_length.is_some() {
                    return Err(self.declined("length constraints on a dict are not modelled"));
                }
                for (name, value) in entries {
                    if key.kind == Kind::Int {
                        if strict {
                            return Err(self.declined("int keys of a dict in strict mode are not modelled"));
                        }
                        self.at(LocItem::Key(name.clone()), |v| {
                            v.at(LocItem::Key("[key]".into()), |v| {
                                v.int(&Constraints::default(), &Json::Str(name.clone()), false)
                            })
                        })?;
                    }
                    self.at(LocItem::Key(name.clone()), |v| v.node(item, value, strict))?;
                }
                Ok(())
            }
            Kind::Nullable(inner) => {
                if *value == Json::Null {
                    Ok(())
                } else {
                    self.node(inner, value, strict)
                }
            }
            Kind::Union(members) => {
                let mut tagged = Vec::new();
                for member in members {
                    let Some(tag) = member.union_tag() else {
                        return Err(self.declined("a union member pydantic tags in ways the lab does not model"));
                    };
                    let mut trial = Validator {
                        world: self.world,
                        strict: self.strict,
                        errors: Vec::new(),
                        loc: Vec::new(),
                        line: self.line,
                    };
                    trial.node(member, value, strict)?;
                    if trial.errors.is_empty() {
                        return Ok(());
                    }
                    tagged.push((tag, trial.errors));
                }
                for (tag, errors) in tagged {
                    for error in errors {
                        let mut loc = self.loc.clone();
                        loc.push(LocItem::Key(tag.clone()));
                        loc.extend(error.loc);
                        self.errors.push(ErrorItem { loc, ..error });
                    }
                }
                Ok(())
            }
            Kind::Literal(values) => self.choice(values, value, "literal_error"),
            Kind::Enum(name) => {
                let values = self.world.enumeration(name).values.clone();
                self.choice(&values, value, "enum")
            }
            Kind::Class(name) => self.class(name, value, strict),
        }
    }

    /// A `Literal` or an enum: the input must equal one of the values, type for type.
    fn choice(&mut self, values: &[Const], value: &Json, error: &str) -> Done {
        let matched = values.iter().any(|expected| match (expected, value) {
            (Const::Int(n), Json::Number { text, is_int: true }) => BigInt::parse(text).as_ref() == Some(n),
            (Const::Str(s), Json::Str(t)) => s == t,
            (Const::Bool(b), Json::Bool(c)) => b == c,
            (Const::None, Json::Null) => true,
            _ => false,
        });
        if matched {
            return Ok(());
        }
        if matches!(value, Json::Number { is_int: false, .. }) && values.iter().any(|v| matches!(v, Const::Int(_))) {
            return Err(self.declined("a float input against int choices is not modelled"));
        }
        let reprs: Vec<String> = values.iter().map(Const::repr).collect();
        let expected = match reprs.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
            None => String::new(),
        };
        self.error(error, &[("expected", expected)]);
        Ok(())
    }

    fn sequence(
        &mut self,
        c: &Constraints,
        value: &Json,
        item: &Node,
        strict: bool,
        type_error: &str,
        field_type: &str,
    ) -> Done {
        let Json::Array(values) = value else {
            self.error(type_error, &[]);
            return Ok(());
        };
        if let Some(max) = c.max_length {
            if values.len() > max {
                self.too_long(field_type, max, values.len());
                return Ok(());
            }
        }
        let before = self.errors.len();
        for (index, value) in values.iter().enumerate() {
            self.at(LocItem::Index(index), |v| v.node(item, value, strict))?;
        }
        if self.errors.len() > before {
            return Ok(());
        }
        if let Some(min) = c.min_length {
            if values.len() < min {
                self.error(
                    "too_short",
                    &[
                        ("field_type", field_type.to_owned()),
                        ("min_length", min.to_string()),
                        ("expected_plural", plural(min)),
                        ("actual_length", values.len().to_string()),
                    ],
                );
            }
        }
        Ok(())
    }

    fn too_long(&mut self, field_type: &str, max: usize, actual: usize) {
        self.error(
            "too_long",
            &[
                ("field_type", field_type.to_owned()),
                ("max_length", max.to_string()),
                ("expected_plural", plural(max)),
                ("actual_length", actual.to_string()),
            ],
        );
    }

    fn int(&mut self, c: &Constraints, value: &Json, strict: bool) -> Done {
        let number = match value {
            Json::Number { text, is_int: true } => BigInt::parse(text).expect("JSON integers are digits"),
            Json::Number { text, is_int: false } if !strict => {
                let float: f64 = text.parse().expect("JSON numbers parse");
                if float.fract() != 0.0 || !float.is_finite() {
                    self.error("int_from_float", &[]);
                    return Ok(());
                }
                // pydantic-core takes a whole float into an i64: from 2**63 on, either side, it
                // is too large.
                if float.abs() >= 9_223_372_036_854_775_808.0 {
                    self.error("int_parsing_size", &[]);
                    return Ok(());
                }
                // The float's exact value, as Python's int(float) gives it.
                BigInt::parse(&format!("{float:.0}")).expect("a whole float is digits")
            }
            Json::Str(text) if !strict => match int_from_str(text) {
                Some(number) => number,
                None => {
                    self.error("int_parsing", &[]);
                    return Ok(());
                }
            },
            Json::Bool(b) if !strict => BigInt::from_i64(i64::from(*b)),
            _ => {
                self.error("int_type", &[]);
                return Ok(());
            }
        };
        let as_int = |n: &Num| match n {
            Num::Int(i) => i.clone(),
            Num::Float(_) => unreachable!("int bounds are ints (float bounds are declined)"),
        };
        if let Some(multiple) = &c.multiple_of {
            if number.is_multiple_of(&as_int(multiple)) == Some(false) {
                self.error("multiple_of", &[("multiple_of", multiple.message_text())]);
                return Ok(());
            }
            if number.is_multiple_of(&as_int(multiple)).is_none() {
                return Err(self.declined("a multiple_of beyond 2**128 is not modelled"));
            }
        }
        self.bounds(c, |bound| number.cmp(&as_int(bound)));
        Ok(())
    }

    /// The bounds in pydantic-core's order, the first one broken reported: le, lt, ge, gt.
    fn bounds(&mut self, c: &Constraints, compare: impl Fn(&Num) -> std::cmp::Ordering) {
        use std::cmp::Ordering::*;
        let checks: [(&Option<Num>, &str, &str, &[std::cmp::Ordering]); 4] = [
            (&c.le, "less_than_equal", "le", &[Less, Equal]),
            (&c.lt, "less_than", "lt", &[Less]),
            (&c.ge, "greater_than_equal", "ge", &[Greater, Equal]),
            (&c.gt, "greater_than", "gt", &[Greater]),
        ];
        for (bound, error, name, allowed) in checks {
            if let Some(bound) = bound {
                if !allowed.contains(&compare(bound)) {
                    self.error(error, &[(name, bound.message_text())]);
                    return;
                }
            }
        }
    }

    fn float(&mut self, c: &Constraints, value: &Json, strict: bool) -> Done {
        let number: f64 = match value {
            Json::Number { text, .. } => text.parse().expect("JSON numbers parse"),
            Json::Str(text) if !strict => match float_from_str(text) {
                Some(f) => f,
                None => {
                    self.error("float_parsing", &[]);
                    return Ok(());
                }
            },
            Json::Bool(b) if !strict => f64::from(u8::from(*b)),
            _ => {
                self.error("float_type", &[]);
                return Ok(());
            }
        };
        if let Some(multiple) = &c.multiple_of {
            let m = multiple.to_f64();
            let remainder = number % m;
            let threshold = m.abs() / 1e9;
            if remainder.abs() > threshold && (remainder.abs() - m.abs()).abs() > threshold {
                self.error("multiple_of", &[("multiple_of", multiple.message_text())]);
                return Ok(());
            }
        }
        if number.is_nan() && [&c.gt, &c.ge, &c.lt, &c.le].iter().any(|b| b.is_some()) {
            return Err(self.declined("nan against a bound is not modelled"));
        }
        self.bounds(c, |bound| number.partial_cmp(&bound.to_f64()).expect("not nan"));
        Ok(())
    }

    fn string(&mut self, c: &Constraints, value: &Json) -> Done {
        let Json::Str(text) = value else {
            self.error("string_type", &[]);
            return Ok(());
        };
        let mut text: String = if c.strip_whitespace { text.trim().to_owned() } else { text.clone() };
        let length = text.chars().count();
        if let Some(min) = c.min_length {
            if length < min {
                self.error("string_too_short", &[("min_length", min.to_string()), ("expected_plural", plural(min))]);
                return Ok(());
            }
        }
        if let Some(max) = c.max_length {
            if length > max {
                self.error("string_too_long", &[("max_length", max.to_string()), ("expected_plural", plural(max))]);
                return Ok(());
            }
        }
        if let Some(pattern) = &c.pattern {
            let regex = regex_lite::Regex::new(pattern).expect("patterns are checked when read");
            if !regex.is_match(&text) {
                self.error("string_pattern_mismatch", &[("pattern", pattern.clone())]);
                return Ok(());
            }
        }
        if c.to_lower {
            text = text.to_lowercase();
        }
        if c.to_upper {
            text = text.to_uppercase();
        }
        for predicate in &c.predicates {
            if !text.is_ascii() {
                return Err(self.declined(format!("{predicate} of text beyond ASCII is not modelled")));
            }
            let holds = match predicate.as_str() {
                "str.islower" => {
                    text.chars().any(|c| c.is_ascii_lowercase()) && !text.chars().any(|c| c.is_ascii_uppercase())
                }
                "str.isupper" => {
                    text.chars().any(|c| c.is_ascii_uppercase()) && !text.chars().any(|c| c.is_ascii_lowercase())
                }
                "str.isdigit" => !text.is_empty() && text.chars().all(|c| c.is_ascii_digit()),
                "str.isalpha" => !text.is_empty() && text.chars().all(|c| c.is_ascii_alphabetic()),
                "str.isalnum" => !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric()),
                "str.isascii" => true,
                other => return Err(self.declined(format!("the predicate {other} is not modelled"))),
            };
            if !holds {
                self.error("predicate_failed", &[("predicate", pysource::str_repr(predicate))]);
                return Ok(());
            }
        }
        Ok(())
    }

    fn bool(&mut self, value: &Json, strict: bool) {
        let ok = match value {
            Json::Bool(_) => true,
            _ if strict => false,
            // An int other than 0 or 1 cannot be interpreted; a float other than 0.0 or 1.0 is
            // not a boolean's type at all.
            Json::Number { text, is_int } => {
                if matches!(text.parse::<f64>(), Ok(f) if f == 0.0 || f == 1.0) {
                    true
                } else if *is_int {
                    self.error("bool_parsing", &[]);
                    return;
                } else {
                    false
                }
            }
            Json::Str(text) => {
                let known = ["0", "off", "f", "false", "n", "no", "1", "on", "t", "true", "y", "yes"];
                if !known.contains(&text.to_lowercase().as_str()) {
                    self.error("bool_parsing", &[]);
                    return;
                }
                true
            }
            _ => false,
        };
        if !ok {
            self.error("bool_type", &[]);
        }
    }
}

/// pydantic-core's lax str → int: surrounding whitespace, a sign, underscores between digits,
/// and a fraction of zeros are allowed.
fn int_from_str(text: &str) -> Option<BigInt> {
    let text = text.trim();
    let (sign, body) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.strip_prefix('+').unwrap_or(text)),
    };
    let (whole, fraction) = body.split_once('.').unwrap_or((body, ""));
    if !fraction.bytes().all(|b| b == b'0') || (body.contains('.') && fraction.is_empty()) {
        return None;
    }
    BigInt::parse(&format!("{sign}{}", digits_without_underscores(whole)?))
}

/// Digits with underscores only between digits, as Python's `int()` and `float()` allow.
fn digits_without_underscores(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'_'
            && !(i > 0 && i + 1 < bytes.len() && bytes[i - 1].is_ascii_digit() && bytes[i + 1].is_ascii_digit())
        {
            return None;
        }
    }
    Some(text.replace('_', ""))
}

/// pydantic-core's lax str → float, as Python's `float()` reads text.
fn float_from_str(text: &str) -> Option<f64> {
    let text = text.trim();
    let lower = text.to_ascii_lowercase();
    let unsigned = lower.trim_start_matches(['+', '-']);
    if lower.len() - unsigned.len() > 1 {
        return None;
    }
    if ["inf", "infinity", "nan"].contains(&unsigned) {
        return lower.parse().ok();
    }
    if !unsigned.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'_' | b'+' | b'-')) {
        return None;
    }
    digits_without_underscores(&lower)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lax_text_reads_as_python_would() {
        assert_eq!(int_from_str(" 1_000 ").unwrap().to_string(), "1000");
        assert_eq!(int_from_str("-01.00").unwrap().to_string(), "-1");
        assert!(int_from_str("1e3").is_none() && int_from_str("1.5").is_none() && int_from_str("1__0").is_none());
        assert_eq!(float_from_str(" 1_0.5 "), Some(10.5));
        assert_eq!(float_from_str("-inf"), Some(f64::NEG_INFINITY));
        assert!(float_from_str("abc").is_none() && float_from_str("--1").is_none());
    }

    #[test]
    fn locations_read_as_python_tuples() {
        assert_eq!(loc_text(&[LocItem::Key("a".into()), LocItem::Index(0)]), "('a', 0)");
        assert_eq!(loc_text(&[LocItem::Key("a\u{200b}".into())]), "('a\\u200b',)");
    }
}
