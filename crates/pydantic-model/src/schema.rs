//! The JSON Schema pydantic generates for validation (`model_json_schema()`,
//! `TypeAdapter(...).json_schema()`): keys sorted as pydantic sorts them, properties in field
//! order, classes and enums under `$defs`.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use crate::read::{ClassDef, Const, Constraints, Decline, Extra, FieldDef, FieldDefault, Kind, Node, World};

pub struct SchemaWriter<'w> {
    world: &'w World,
    pub defs: BTreeMap<String, Value>,
}

type Written = Result<Value, Decline>;

impl<'w> SchemaWriter<'w> {
    pub fn new(world: &'w World) -> SchemaWriter<'w> {
        SchemaWriter { world, defs: BTreeMap::new() }
    }

    /// The schema of a class target: the class itself at the top, what it refers to in `$defs`.
    pub fn top_class(&mut self, name: &str) -> Written {
        let mut schema = self.class(self.world.class(name))?;
        self.defs.remove(name);
        self.add_defs(&mut schema);
        Ok(sorted(schema, false))
    }

    /// The schema of a `validate_call` function's arguments.
    pub fn top_function(&mut self, params: &[FieldDef]) -> Written {
        let mut schema = self.object(params)?;
        schema.insert("additionalProperties".into(), false.into());
        let mut schema = Value::Object(schema);
        self.add_defs(&mut schema);
        Ok(sorted(schema, false))
    }

    fn add_defs(&mut self, schema: &mut Value) {
        if !self.defs.is_empty() {
            let defs: Map<String, Value> = std::mem::take(&mut self.defs).into_iter().collect();
            schema["$defs"] = Value::Object(defs);
        }
    }

    fn object(&mut self, fields: &[FieldDef]) -> Result<Map<String, Value>, Decline> {
        let mut properties = Map::new();
        let mut required = Vec::new();
        for field in fields {
            properties.insert(field.key.clone(), self.field(field)?);
            if field.default == FieldDefault::Required {
                required.push(Value::String(field.key.clone()));
            }
        }
        let mut schema = Map::new();
        schema.insert("properties".into(), properties.into());
        if !required.is_empty() {
            schema.insert("required".into(), required.into());
        }
        schema.insert("type".into(), "object".into());
        Ok(schema)
    }

    fn class(&mut self, class: &ClassDef) -> Written {
        let mut schema = self.object(&class.fields)?;
        schema.insert("title".into(), class.name.clone().into());
        match class.extra {
            Extra::Forbid => {
                schema.insert("additionalProperties".into(), false.into());
            }
            Extra::Allow => {
                schema.insert("additionalProperties".into(), true.into());
            }
            Extra::Ignore => {}
        }
        if let Some(description) = &class.description {
            schema.insert("description".into(), description.clone().into());
        }
        Ok(Value::Object(schema))
    }

    fn field(&mut self, field: &FieldDef) -> Written {
        let mut schema = self.node(&field.node, field.line)?;
        let Value::Object(map) = &mut schema else { unreachable!("schemas are objects") };
        if titled(&field.node) {
            let title = match &field.title {
                Some(title) => title.clone(),
                None => title_from_name(&field.key).ok_or_else(|| Decline {
                    line: field.line,
                    what: format!("the title of {}", field.key),
                    why: "a field name beyond ASCII (Python's str.title) is not modelled".into(),
                })?,
            };
            map.insert("title".into(), title.into());
        } else if let Some(title) = &field.title {
            map.insert("title".into(), title.clone().into());
        }
        if let Some(description) = &field.description {
            map.insert("description".into(), description.clone().into());
        }
        if let FieldDefault::Value(value) = &field.default {
            let json = value.to_json().ok_or_else(|| Decline {
                line: field.line,
                what: format!("the default of {}", field.key),
                why: "a default pydantic cannot write as JSON is not modelled".into(),
            })?;
            map.insert("default".into(), json);
        }
        Ok(schema)
    }

    fn node(&mut self, node: &Node, line: usize) -> Written {
        let mut schema = match &node.kind {
            Kind::Any => json!({}),
            Kind::Int => json!({"type": "integer"}),
            Kind::Float => json!({"type": "number"}),
            Kind::Str => json!({"type": "string"}),
            Kind::Bool => json!({"type": "boolean"}),
            Kind::NoneType => json!({"type": "null"}),
            Kind::List(item) | Kind::TupleOf(item) => json!({"items": self.node(item, line)?, "type": "array"}),
            Kind::Set(item) => json!({"items": self.node(item, line)?, "type": "array", "uniqueItems": true}),
            Kind::Tuple(items) => {
                let prefix = items.iter().map(|i| self.node(i, line)).collect::<Result<Vec<_>, _>>()?;
                json!({"maxItems": items.len(), "minItems": items.len(), "prefixItems": prefix, "type": "array"})
            }
            // JSON object keys are strings, so pydantic's schema says nothing of an int key type.
            Kind::Dict(_, value) => json!({"additionalProperties": self.node(value, line)?, "type": "object"}),
            Kind::Nullable(inner) => {
                // A union's members and null side by side, as pydantic flattens them.
                let mut members = match &inner.kind {
                    Kind::Union(members) if inner.c == Constraints::default() => {
                        members.iter().map(|m| self.node(m, line)).collect::<Result<Vec<_>, _>>()?
                    }
                    _ => vec![self.node(inner, line)?],
                };
                members.push(json!({"type": "null"}));
                json!({ "anyOf": members })
            }
            Kind::Union(members) => {
                json!({"anyOf": members.iter().map(|m| self.node(m, line)).collect::<Result<Vec<_>, _>>()?})
            }
            Kind::Literal(values) => choices(values, line)?,
            Kind::Enum(name) => {
                let definition = self.world.enumeration(name);
                let mut schema = choices(&definition.values, line)?;
                if definition.values.len() == 1 {
                    let value = schema["const"].take();
                    schema.as_object_mut().expect("an object").remove("const");
                    schema["enum"] = json!([value]);
                }
                schema["title"] = name.clone().into();
                if let Some(description) = &definition.description {
                    schema["description"] = description.clone().into();
                }
                self.defs.insert(name.clone(), schema);
                json!({"$ref": format!("#/$defs/{name}")})
            }
            Kind::Class(name) => {
                if !self.defs.contains_key(name) {
                    let schema = self.class(self.world.class(name))?;
                    self.defs.insert(name.clone(), schema);
                }
                json!({"$ref": format!("#/$defs/{name}")})
            }
        };
        constraints(&mut schema, &node.c, &node.kind, line)?;
        Ok(schema)
    }
}

/// The keys in pydantic's order: sorted, except a `properties` map, which keeps the fields'
/// order (where serde_json keeps insertion order; elsewhere maps are sorted anyway).
fn sorted(value: Value, properties: bool) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            if !properties {
                entries.sort_by(|a, b| a.0.cmp(&b.0));
            }
            Value::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| {
                        let v = sorted(v, k == "properties" && !properties);
                        (k, v)
                    })
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.into_iter().map(|v| sorted(v, false)).collect()),
        other => other,
    }
}

/// Whether pydantic gives the field a title: not when its type is a class or enum (a `$ref`),
/// even behind a default or `None`.
fn titled(node: &Node) -> bool {
    match &node.kind {
        Kind::Class(_) | Kind::Enum(_) => false,
        Kind::Nullable(inner) => titled(inner),
        _ => true,
    }
}

/// `Literal[...]` and enum values: `const` for one, `enum` for several, with the JSON type when
/// they share one.
fn choices(values: &[Const], line: usize) -> Written {
    let json: Vec<Value> = values
        .iter()
        .map(|v| {
            v.to_json().ok_or_else(|| Decline {
                line,
                what: v.repr(),
                why: "a value too large for the lab's JSON".into(),
            })
        })
        .collect::<Result<_, _>>()?;
    let kind = |v: &Const| match v {
        Const::Int(_) => "integer",
        Const::Str(_) => "string",
        Const::Bool(_) => "boolean",
        Const::None => "null",
        _ => "?",
    };
    let mut schema = if json.len() == 1 { json!({"const": json[0]}) } else { json!({"enum": json}) };
    let first = kind(&values[0]);
    if values.iter().all(|v| kind(v) == first) {
        schema["type"] = first.into();
    }
    Ok(schema)
}

fn constraints(schema: &mut Value, c: &Constraints, kind: &Kind, line: usize) -> Result<(), Decline> {
    let number = |n: &crate::number::Num| {
        n.to_json().ok_or_else(|| Decline {
            line,
            what: n.message_text(),
            why: "a bound too large for the lab's JSON".into(),
        })
    };
    for (key, bound) in [
        ("exclusiveMinimum", &c.gt),
        ("minimum", &c.ge),
        ("exclusiveMaximum", &c.lt),
        ("maximum", &c.le),
        ("multipleOf", &c.multiple_of),
    ] {
        if let Some(bound) = bound {
            schema[key] = number(bound)?;
        }
    }
    let (min, max) = match kind {
        Kind::Str => ("minLength", "maxLength"),
        Kind::Dict(..) => ("minProperties", "maxProperties"),
        _ => ("minItems", "maxItems"),
    };
    if let Some(n) = c.min_length {
        schema[min] = n.into();
    }
    if let Some(n) = c.max_length {
        schema[max] = n.into();
    }
    if let Some(pattern) = &c.pattern {
        schema["pattern"] = pattern.clone().into();
    }
    Ok(())
}

/// pydantic's title for a field: `name.title().replace('_', ' ').strip()` (ASCII names only;
/// Python's notion of cased letters beyond ASCII is not modelled).
pub fn title_from_name(name: &str) -> Option<String> {
    if !name.is_ascii() {
        return None;
    }
    let mut out = String::new();
    let mut previous_cased = false;
    for c in name.chars() {
        if c.is_ascii_alphabetic() {
            out.push(if previous_cased { c.to_ascii_lowercase() } else { c.to_ascii_uppercase() });
            previous_cased = true;
        } else {
            out.push(if c == '_' { ' ' } else { c });
            previous_cased = false;
        }
    }
    Some(out.trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::title_from_name;

    #[test]
    fn titles_are_pythons_title_case() {
        assert_eq!(title_from_name("user_id").unwrap(), "User Id");
        assert_eq!(title_from_name("userID").unwrap(), "Userid");
        assert_eq!(title_from_name("_x2y").unwrap(), "X2Y");
        assert_eq!(title_from_name("é"), None);
    }
}
