//! The user's JSON input, read as pydantic-core reads it: object keys in their order, numbers as
//! written (so an integer of any size stays exact, as Python's `int` is).

use std::fmt;

#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    /// A number as written; `is_int` when it has no fraction or exponent.
    Number {
        text: String,
        is_int: bool,
    },
    Str(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

/// Why the input is not JSON, with the character where reading stopped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonProblem {
    pub message: String,
    pub column: usize,
}

impl fmt::Display for JsonProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the input is not JSON: {} at character {}", self.message, self.column)
    }
}

/// Reads one JSON document. Duplicate keys in an object are refused: which one pydantic keeps
/// is not something the lab predicts.
pub fn parse(text: &str) -> Result<Json, JsonProblem> {
    let mut reader = Reader { chars: text.chars().collect(), at: 0 };
    reader.space();
    let value = reader.value(0)?;
    reader.space();
    if reader.at < reader.chars.len() {
        return Err(reader.problem("unexpected text after the value"));
    }
    Ok(value)
}

struct Reader {
    chars: Vec<char>,
    at: usize,
}

/// Deeper nesting is refused rather than risk the stack.
const MAX_DEPTH: usize = 64;

impl Reader {
    fn problem(&self, message: &str) -> JsonProblem {
        JsonProblem { message: message.to_owned(), column: self.at + 1 }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t' | '\n' | '\r')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, c: char) -> Result<(), JsonProblem> {
        if self.peek() == Some(c) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.problem(&format!("expected {c:?}")))
        }
    }

    fn word(&mut self, word: &str, value: Json) -> Result<Json, JsonProblem> {
        for c in word.chars() {
            self.eat(c).map_err(|_| self.problem(&format!("expected {word}")))?;
        }
        Ok(value)
    }

    fn value(&mut self, depth: usize) -> Result<Json, JsonProblem> {
        if depth > MAX_DEPTH {
            return Err(self.problem("nested too deeply"));
        }
        match self.peek() {
            Some('n') => self.word("null", Json::Null),
            Some('t') => self.word("true", Json::Bool(true)),
            Some('f') => self.word("false", Json::Bool(false)),
            Some('"') => self.string().map(Json::Str),
            Some('[') => {
                self.at += 1;
                let mut items = Vec::new();
                self.space();
                if self.peek() == Some(']') {
                    self.at += 1;
                    return Ok(Json::Array(items));
                }
                loop {
                    self.space();
                    items.push(self.value(depth + 1)?);
                    self.space();
                    match self.peek() {
                        Some(',') => self.at += 1,
                        Some(']') => {
                            self.at += 1;
                            return Ok(Json::Array(items));
                        }
                        _ => return Err(self.problem("expected ',' or ']'")),
                    }
                }
            }
            Some('{') => {
                self.at += 1;
                let mut entries: Vec<(String, Json)> = Vec::new();
                self.space();
                if self.peek() == Some('}') {
                    self.at += 1;
                    return Ok(Json::Object(entries));
                }
                loop {
                    self.space();
                    let key_at = self.at;
                    let key = self.string()?;
                    if entries.iter().any(|(k, _)| *k == key) {
                        self.at = key_at;
                        return Err(self.problem(&format!("the key {key:?} appears twice")));
                    }
                    self.space();
                    self.eat(':')?;
                    self.space();
                    let value = self.value(depth + 1)?;
                    entries.push((key, value));
                    self.space();
                    match self.peek() {
                        Some(',') => self.at += 1,
                        Some('}') => {
                            self.at += 1;
                            return Ok(Json::Object(entries));
                        }
                        _ => return Err(self.problem("expected ',' or '}'")),
                    }
                }
            }
            Some(c) if c == '-' || c.is_ascii_digit() => self.number(),
            Some(_) => Err(self.problem("expected a value")),
            None => Err(self.problem("expected a value, found the end")),
        }
    }

    fn number(&mut self) -> Result<Json, JsonProblem> {
        let start = self.at;
        let digits = |r: &mut Reader| {
            let from = r.at;
            while r.peek().is_some_and(|c| c.is_ascii_digit()) {
                r.at += 1;
            }
            r.at > from
        };
        if self.peek() == Some('-') {
            self.at += 1;
        }
        if self.peek() == Some('0') {
            self.at += 1;
        } else if !digits(self) {
            return Err(self.problem("expected a digit"));
        }
        let mut is_int = true;
        if self.peek() == Some('.') {
            self.at += 1;
            is_int = false;
            if !digits(self) {
                return Err(self.problem("expected a digit after '.'"));
            }
        }
        if matches!(self.peek(), Some('e' | 'E')) {
            self.at += 1;
            is_int = false;
            if matches!(self.peek(), Some('+' | '-')) {
                self.at += 1;
            }
            if !digits(self) {
                return Err(self.problem("expected a digit in the exponent"));
            }
        }
        Ok(Json::Number { text: self.chars[start..self.at].iter().collect(), is_int })
    }

    fn string(&mut self) -> Result<String, JsonProblem> {
        self.eat('"')?;
        let mut out = String::new();
        loop {
            let Some(c) = self.peek() else { return Err(self.problem("unterminated string")) };
            self.at += 1;
            match c {
                '"' => return Ok(out),
                '\\' => {
                    let Some(escaped) = self.peek() else { return Err(self.problem("unterminated string")) };
                    self.at += 1;
                    match escaped {
                        '"' => out.push('"'),
                        '\\' => out.push('\\'),
                        '/' => out.push('/'),
                        'b' => out.push('\u{8}'),
                        'f' => out.push('\u{c}'),
                        'n' => out.push('\n'),
                        'r' => out.push('\r'),
                        't' => out.push('\t'),
                        'u' => {
                            let first = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&first) {
                                self.eat('\\')?;
                                self.eat('u')?;
                                let second = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&second) {
                                    return Err(self.problem("a lone surrogate"));
                                }
                                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                            } else {
                                first
                            };
                            out.push(char::from_u32(code).ok_or_else(|| self.problem("a lone surrogate"))?);
                        }
                        _ => return Err(self.problem("an unknown escape")),
                    }
                }
                c if (c as u32) < 0x20 => return Err(self.problem("a control character in a string")),
                c => out.push(c),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, JsonProblem> {
        let mut code = 0;
        for _ in 0..4 {
            let digit =
                self.peek().and_then(|c| c.to_digit(16)).ok_or_else(|| self.problem("expected 4 hex digits"))?;
            self.at += 1;
            code = code * 16 + digit;
        }
        Ok(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_text_and_objects_their_order() {
        let value = parse(r#"{"b": 123456789012345678901234567890, "a": [1.5, -0, "x\u00e9"]}"#).unwrap();
        let Json::Object(entries) = value else { panic!() };
        assert_eq!(entries[0].0, "b");
        assert_eq!(entries[0].1, Json::Number { text: "123456789012345678901234567890".into(), is_int: true });
        assert_eq!(
            entries[1].1,
            Json::Array(vec![
                Json::Number { text: "1.5".into(), is_int: false },
                Json::Number { text: "-0".into(), is_int: true },
                Json::Str("xé".into())
            ])
        );
    }

    #[test]
    fn bad_json_says_where() {
        assert_eq!(parse("{\"a\": }").unwrap_err().column, 7);
        assert!(parse("{\"a\": 1, \"a\": 2}").unwrap_err().message.contains("twice"));
        assert!(parse("[1,]").is_err() && parse("01").is_err() && parse("NaN").is_err());
    }
}
