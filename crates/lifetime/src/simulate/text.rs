//! The methods of an ASCII string that make new strings or lists of them: `join`, `split`,
//! `replace`, `strip`/`lstrip`/`rstrip` with characters, `startswith`/`endswith` of a tuple, and
//! `format` with `{}`, `{0}` and `{name}` fields (a field's conversion `!r`/`!s`, and its format
//! spec as `format_spec` applies it; attributes and indexes in a field are declined). `join` of anything but a list or tuple
//! makes a list of the items first (`PySequence_Fast`), which goes once the string is made.

use crate::format_spec::Formatted;
use crate::world::Val;

use super::{number, throw, Outcome, Run, Stop, MAX_ITEMS, MAX_STR_BYTES};

/// `str.isspace()` of the ASCII characters.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c' | '\x1c'..='\x1f')
}

fn too_long(text: &str) -> Outcome<()> {
    if text.len() > MAX_STR_BYTES {
        return Err(not_modelled!("strings longer than {MAX_STR_BYTES} bytes are not modelled"));
    }
    Ok(())
}

/// One field of a format string: where its value comes from, and how it is shown.
enum Field {
    Text(String),
    Auto(Shown),
    Index(usize, Shown),
    Name(String, Shown),
}

/// A field's conversion (`!r` or not) and format spec.
struct Shown {
    repr: bool,
    spec: Option<String>,
}

/// The format string's text and fields, or why it is declined.
fn fields(format: &str) -> Outcome<Vec<Field>> {
    let mut parts = Vec::new();
    let mut text = String::new();
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                text.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                text.push('}');
            }
            '{' => {
                let mut inside = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some('{') | None => return Err("this format string (unbalanced braces) is not modelled".into()),
                        Some(c) => inside.push(c),
                    }
                }
                parts.push(Field::Text(std::mem::take(&mut text)));
                let (inside, spec) = match inside.split_once(':') {
                    Some((head, spec)) => (head.to_owned(), Some(spec.to_owned())),
                    None => (inside, None),
                };
                let (name, repr) = match inside.split_once('!') {
                    Some((name, "r")) => (name.to_owned(), true),
                    Some((name, "s")) => (name.to_owned(), false),
                    Some(_) => return Err("this format field's conversion is not modelled".into()),
                    None => (inside, false),
                };
                if name.contains(['.', '[']) {
                    return Err("format fields with an attribute or an index are not modelled".into());
                }
                let repr = Shown { repr, spec };
                parts.push(if name.is_empty() {
                    Field::Auto(repr)
                } else if let Ok(index) = name.parse::<usize>() {
                    Field::Index(index, repr)
                } else if name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    Field::Name(name, repr)
                } else {
                    return Err("this format field is not modelled".into());
                });
            }
            '}' => return Err("this format string (a single `}`) is not modelled".into()),
            c => text.push(c),
        }
    }
    parts.push(Field::Text(text));
    Ok(parts)
}

impl Run<'_> {
    /// A call of a method of the ASCII string `text` that the free function `str_method` does
    /// not make: None for those.
    pub(super) fn text_method(&mut self, text: &str, method: &str, args: &[Val]) -> Outcome<Option<Val>> {
        let strings = |args: &[Val]| -> Option<Vec<String>> {
            args.iter().map(|a| if let Val::Str(s) = a { Some(s.clone()) } else { None }).collect()
        };
        let result = match (method, args) {
            ("join", [iterable]) => return self.join(text, iterable).map(Some),
            ("format", args) => return self.format(text, args, &[]).map(Some),
            ("split", []) | ("split", [Val::None]) => {
                text.split(is_space).filter(|part| !part.is_empty()).map(|p| Val::Str(p.to_owned())).collect()
            }
            ("split", [Val::Str(separator)]) if separator.is_empty() => {
                return Err(throw("ValueError", "empty separator"))
            }
            ("split", [Val::Str(separator)]) => {
                text.split(separator.as_str()).map(|p| Val::Str(p.to_owned())).collect::<Vec<_>>()
            }
            ("replace", [Val::Str(old), Val::Str(new)]) => {
                let replaced = text.replace(old.as_str(), new);
                too_long(&replaced)?;
                return Ok(Some(Val::Str(replaced)));
            }
            ("replace", [Val::Str(old), Val::Str(new), count]) if number(count).is_some() => {
                let count = number(count).unwrap_or_default();
                let replaced = match usize::try_from(count) {
                    Ok(count) => text.replacen(old.as_str(), new, count),
                    Err(_) => text.replace(old.as_str(), new),
                };
                too_long(&replaced)?;
                return Ok(Some(Val::Str(replaced)));
            }
            ("strip" | "lstrip" | "rstrip", [Val::None]) | ("lstrip" | "rstrip", []) => {
                return Ok(Some(Val::Str(strip(text, method, &is_space))))
            }
            ("strip" | "lstrip" | "rstrip", [Val::Str(chars)]) => {
                return Ok(Some(Val::Str(strip(text, method, &|c| chars.contains(c)))))
            }
            ("startswith" | "endswith", [Val::Obj(tuple)]) if self.container(&args[0], "tuple").is_some() => {
                let items = self.world.objs[*tuple].items.clone().unwrap_or_default();
                let Some(affixes) = strings(&items) else {
                    return Err(not_modelled!("`str.{method}` of a tuple holding other than strings is not modelled"));
                };
                let found = affixes.iter().any(|a| {
                    if method == "startswith" {
                        text.starts_with(a.as_str())
                    } else {
                        text.ends_with(a.as_str())
                    }
                });
                return Ok(Some(Val::Bool(found)));
            }
            _ => return Ok(None),
        };
        if result.len() > MAX_ITEMS {
            return Err(not_modelled!("lists longer than {MAX_ITEMS} items are not modelled"));
        }
        Ok(Some(Val::Obj(self.new_container("list", result)?)))
    }

    /// `separator.join(iterable)`.
    fn join(&mut self, separator: &str, iterable: &Val) -> Outcome<Val> {
        let sequence = ["list", "tuple"].iter().any(|class| self.container(iterable, class).is_some());
        let list = if sequence { iterable.clone() } else { self.list_of(iterable)? };
        if !sequence {
            self.hold(&list);
        }
        let Val::Obj(obj) = list else { unreachable!("a list or tuple") };
        let items = self.world.objs[obj].items.clone().unwrap_or_default();
        let mut joined = String::new();
        let mut failed = None;
        for (index, item) in items.iter().enumerate() {
            match item {
                Val::Str(s) => {
                    if index > 0 {
                        joined.push_str(separator);
                    }
                    joined.push_str(s);
                    too_long(&joined)?;
                }
                other => {
                    let Some(kind) = self.type_name_of(other) else {
                        return Err(not_modelled!("`str.join` of {} is not modelled", self.kind_name(other)));
                    };
                    failed = Some(throw(
                        "TypeError",
                        &format!("sequence item {index}: expected str instance, {kind} found"),
                    ));
                    break;
                }
            }
        }
        if let Some(stop) = failed {
            let stop = self.thrown(stop);
            if !sequence {
                self.drop_temporary(&list)?;
            }
            return Err(stop);
        }
        if !sequence {
            self.drop_temporary(&list)?;
        }
        Ok(Val::Str(joined))
    }

    /// The type name a TypeError gives `value`, where the model knows it.
    fn type_name_of(&self, value: &Val) -> Option<String> {
        Some(match value {
            Val::None => "NoneType".into(),
            Val::Bool(_) => "bool".into(),
            Val::Int(_) => "int".into(),
            Val::Float(_) => "float".into(),
            Val::Obj(obj) => {
                let object = &self.world.objs[*obj];
                let known = object.items.is_some() || self.module.class(&object.class).is_some();
                known.then(|| object.class.clone())?
            }
            _ => return None,
        })
    }

    /// `text.format(*args, **keywords)`: each field's value shown by `str` (or `repr`) in turn.
    pub(super) fn format(&mut self, text: &str, args: &[Val], keywords: &[(String, Val)]) -> Outcome<Val> {
        let mut shown = String::new();
        let (mut automatic, mut manual) = (0, false);
        for field in fields(text)? {
            let (value, repr) = match field {
                Field::Text(text) => {
                    shown.push_str(&text);
                    continue;
                }
                Field::Auto(repr) => {
                    if manual {
                        return Err(throw(
                            "ValueError",
                            "cannot switch from manual field specification to automatic field numbering",
                        ));
                    }
                    automatic += 1;
                    (self.format_argument(args, automatic - 1)?, repr)
                }
                Field::Index(index, repr) => {
                    if automatic > 0 {
                        return Err(throw(
                            "ValueError",
                            "cannot switch from automatic field numbering to manual field specification",
                        ));
                    }
                    manual = true;
                    (self.format_argument(args, index)?, repr)
                }
                Field::Name(name, repr) => match keywords.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => (value.clone(), repr),
                    None => return Err(Stop::Throw("KeyError", Box::new(Val::Str(name)))),
                },
            };
            // An empty spec is `format(value, '')`: the conversion's text as it is.
            let text = match repr.spec.as_deref().filter(|spec| !spec.is_empty()) {
                Some(spec) => self.with_spec(&value, repr.repr, spec)?,
                None if repr.repr => self.repr_of(&value)?,
                None => self.str_of(&value)?,
            };
            shown.push_str(&text);
            too_long(&shown)?;
        }
        Ok(Val::Str(shown))
    }

    /// `format(value, spec)` of an f-string's or a format string's field, after its conversion
    /// (`!r`): ints and strings, as `format_spec` applies it.
    pub(super) fn with_spec(&mut self, value: &Val, repr: bool, spec: &str) -> Outcome<String> {
        let shown = match (value, repr) {
            (_, true) => Formatted::Str(&self.repr_of(value)?).apply(spec),
            (Val::Int(n), false) => Formatted::Int(*n).apply(spec),
            (Val::Str(text), false) => Formatted::Str(text).apply(spec),
            (other, false) => Err(format!("the format spec `{spec}` of {}", self.kind_name(other))),
        };
        shown.map_err(|what| not_modelled!("{what} is not modelled"))
    }

    fn format_argument(&self, args: &[Val], index: usize) -> Outcome<Val> {
        args.get(index).cloned().ok_or_else(|| {
            throw("IndexError", &format!("Replacement index {index} out of range for positional args tuple"))
        })
    }
}

fn strip(text: &str, method: &str, stripped: &dyn Fn(char) -> bool) -> String {
    match method {
        "lstrip" => text.trim_start_matches(stripped),
        "rstrip" => text.trim_end_matches(stripped),
        _ => text.trim_matches(stripped),
    }
    .to_owned()
}
