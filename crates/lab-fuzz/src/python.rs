//! Python for the labs: seeds mutated at line, token and character level, programs generated in
//! the shapes the labs model (Protocols, signatures, `Annotated` hints, `weakref.finalize`), and
//! pure random text. Every case is at most [`MAX_BYTES`].

use crate::rng::Rng;
use crate::seeds::Seeds;

/// The largest input the contract promises 50 ms for.
pub const MAX_BYTES: usize = 20 * 1024;

const KEYWORDS: &[&str] = &[
    "False",
    "None",
    "True",
    "and",
    "as",
    "assert",
    "async",
    "await",
    "break",
    "class",
    "continue",
    "def",
    "del",
    "elif",
    "else",
    "except",
    "finally",
    "for",
    "from",
    "global",
    "if",
    "import",
    "in",
    "is",
    "lambda",
    "nonlocal",
    "not",
    "or",
    "pass",
    "raise",
    "return",
    "try",
    "while",
    "with",
    "yield",
    "match",
    "case",
    "type",
    "_",
    "self",
    "cls",
    "super",
    "print",
    "weakref",
    "gc",
    "finalize",
    "Protocol",
    "Annotated",
    "runtime_checkable",
];

const PUNCT: &[&str] = &[
    "(", ")", "[", "]", "{", "}", ":", ",", ".", ";", "=", "==", "->", "*", "**", "/", "//", "@", "|", "&", "~", "^",
    "%", "+", "-", "<", ">", ":=", "...", "'", "\"", "\"\"\"", "'''", "#", "\\", "!", "f'", "b'", "r'", "\n", "\t",
    " ",
];

/// Unicode and odd identifiers: NFKC-equivalent forms, non-ASCII letters, a very long name.
const ODD_NAMES: &[&str] = &[
    "café",
    "naïve",
    "größe",
    "ℌello",
    "ｆｕｌｌ",
    "ﬁle",
    "Ω",
    "名前",
    "𝔘𝔫𝔦",
    "_",
    "__",
    "__init__",
    "__new__",
    "__getattr__",
    "__call__",
    "__del__",
    "__slots__",
    "__class_getitem__",
    "self",
    "cls",
    "args",
    "kwargs",
];

const ODD_TEXT: &[&str] = &[
    "\u{feff}",
    "\u{200b}",
    "\u{200d}",
    "\u{202e}",
    "\r\n",
    "\r",
    "\x0c",
    "\t",
    "\0",
    "\u{85}",
    "\u{2028}",
    "é",
    "🦀",
    "\u{10ffff}",
    "\\N{BULLET}",
    "\\x",
    "\\",
    "\u{301}",
];

const SNIPPETS: &[&str] = &[
    "@runtime_checkable",
    "@property",
    "@staticmethod",
    "@classmethod",
    "@functools.wraps(f)",
    "@dataclass(frozen=True)",
    "@abstractmethod",
    "@overload",
    "@decorator()",
    "@x.setter",
    "async def f(self, *a, **k): ...",
    "async def __aenter__(self): return self",
    "def __init__(self, *args, **kwargs): pass",
    "def __getattr__(self, name): return 1",
    "def __del__(self): print('del')",
    "def m(self, x, /, y=1, *, z: int = 2, **kw) -> None: ...",
    "def h(a: Annotated[int, Between(0, 10)], b: Annotated[str, MinLen(3), Secret()] = 'x'): ...",
    "def g(*, key: 'int', **rest: Any): ...",
    "x: int",
    "x: int = 0",
    "y = lambda *a, **k: (a, k)",
    "f = lambda: (yield)",
    "z = [lambda x=x: x for x in range(3)]",
    "class P(Protocol):",
    "class P(Protocol[T]): ...",
    "class C(P, metaclass=ABCMeta): ...",
    "class D[T](Base[T]): pass",
    "type Alias[T] = list[T]",
    "from typing import Protocol, runtime_checkable, Annotated, Any, Callable, TypeVar, Generic",
    "import weakref, gc, inspect, functools",
    "from __future__ import annotations",
    "weakref.finalize(a, print, 'gone')",
    "weakref.finalize(self, self.close)",
    "self._finalizer = weakref.finalize(self, print, self.name)",
    "a = TempResource('a')",
    "a.other = b; b.other = a",
    "del a",
    "del a, b",
    "gc.collect()",
    "gc.freeze()",
    "print(a.alive, sep='', end='')",
    "a = b = c = C()",
    "(a := C())",
    "a, *b = C(), C()",
    "global a",
    "nonlocal a",
    "return",
    "yield from x",
    "raise ValueError('x') from None",
    "try:\n    pass\nexcept* Exception:\n    pass",
    "match x:\n    case C(a=1) | [1, *_]:\n        pass",
    "with open('f') as f, g() as (a, b): pass",
    "for a in [C(), C()]: del a",
    "while True: break",
    "if __name__ == '__main__': main()",
    "assert isinstance(C(), P)",
    "print(f'{a!r:>{width}} {b=}')",
    "s = '''unterminated",
    "s = 'a' 'b' f'{1}' rb'\\x'",
    "n = 0x_ff + 1_000_000 + 1e400 + 1j + 0o7 + 0b1",
    "__slots__ = ('a', '__weakref__')",
    "__all__ = ['C']",
    "...",
    "pass",
    "\\",
    ";",
];

const HINTS: &[&str] = &[
    "int",
    "str",
    "float",
    "bool",
    "bytes",
    "None",
    "Any",
    "object",
    "'int'",
    "\"C\"",
    "list[int]",
    "dict[str, Any]",
    "tuple[int, ...]",
    "Optional[int]",
    "int | None",
    "Callable[[int], str]",
    "Callable[..., Any]",
    "type[C]",
    "Self",
    "T",
    "P",
    "Annotated[int, Between(0, 150)]",
    "Annotated[str, MinLen(3)]",
    "Annotated[str, Secret(), MinLen(8)]",
    "Annotated[int, 'doc', Between(1, 2), object()]",
    "Annotated[Annotated[int, Between(0, 9)], MinLen(1)]",
    "Annotated['int', Between(-1, 1)]",
    "Annotated[float, Between(0.5, 1e308)]",
    "Annotated[list[int], MinLen(2)]",
    "typing.Annotated[int, Between(0, 1)]",
    "Annotated",
    "Annotated[int]",
    "Annotated[]",
    "Literal['a', 1]",
    "lambda: 1",
];

/// One Python case: a seed or a generated program, mutated a few times, or random text.
pub fn case(rng: &mut Rng, seeds: &Seeds) -> String {
    let mut text = match rng.below(20) {
        0 => random_text(rng),
        1..=5 => generate(rng, seeds),
        _ => rng.pick(&seeds.code).clone(),
    };
    // Half the cases keep only the mutations after which the program still parses (when it
    // parsed before), so the models see many valid programs; the other half change anywhere.
    let gentle = rng.one_in(2);
    let mut parses = gentle && parses(&text);
    let rounds = match rng.below(10) {
        _ if gentle => rng.range(1, 6),
        0 => 0,
        1..=6 => rng.range(1, 4),
        7 | 8 => rng.range(4, 16),
        _ => rng.range(16, 64),
    };
    for _ in 0..rounds {
        if !gentle {
            mutate(rng, &mut text, seeds);
            continue;
        }
        let before = text.clone();
        if rng.one_in(2) {
            mutate_gently(rng, &mut text, seeds);
        } else {
            mutate(rng, &mut text, seeds);
        }
        if parses {
            if !self::parses(&text) {
                text = before;
            }
        } else {
            parses = self::parses(&text);
        }
    }
    clamp(&mut text);
    text
}

fn parses(code: &str) -> bool {
    pysource::Source::parse(code).is_ok()
}

/// Cuts `text` to at most [`MAX_BYTES`], on a character boundary.
pub fn clamp(text: &mut String) {
    if text.len() > MAX_BYTES {
        let mut end = MAX_BYTES;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
    }
}

/// One mutation, at line, token or character level.
pub fn mutate(rng: &mut Rng, text: &mut String, seeds: &Seeds) {
    match rng.below(16) {
        0..=5 => mutate_lines(rng, text, seeds),
        6..=8 => mutate_tokens(rng, text, seeds),
        9..=10 => mutate_chars(rng, text),
        11 => nest(rng, text),
        12 => {
            // Another seed after this one: two programs' definitions in one module.
            text.push('\n');
            text.push_str(rng.pick::<String>(&seeds.code));
        }
        13 => {
            // Grow towards the limit: repeat the program.
            let copies = rng.range(2, 40);
            let one = text.clone();
            for _ in 1..copies {
                if text.len() + one.len() > MAX_BYTES {
                    break;
                }
                text.push('\n');
                text.push_str(&one);
            }
        }
        14 => {
            let at = boundary(text, rng.below(text.len() + 1));
            text.truncate(at);
        }
        _ => {
            let generated = generate(rng, seeds);
            text.push('\n');
            text.push_str(&generated);
        }
    }
    clamp(text);
}

/// One mutation that mostly keeps a program parsing: a name swapped for another, a whole
/// statement or definition added at the same indentation, a deeper expression, programs joined.
pub fn mutate_gently(rng: &mut Rng, text: &mut String, seeds: &Seeds) {
    match rng.below(8) {
        0 | 1 => {
            let words: Vec<(usize, usize)> = tokens(text)
                .into_iter()
                .filter(|&(s, e)| text[s..e].starts_with(|c: char| c.is_alphabetic() || c == '_'))
                .filter(|&(s, e)| !KEYWORDS[..36].contains(&&text[s..e]))
                .collect();
            if words.is_empty() {
                return;
            }
            let (start, end) = *rng.pick(&words);
            let replacement = match rng.below(4) {
                0 => rng.pick::<&str>(ODD_NAMES).to_string(),
                1 => long_name(rng),
                _ => {
                    let (s2, e2) = *rng.pick(&words);
                    text[s2..e2].to_owned()
                }
            };
            text.replace_range(start..end, &replacement);
        }
        2 => {
            let mut lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
            let at = rng.below(lines.len() + 1);
            let indent = lines.get(at).map(|l| leading(l)).unwrap_or_default();
            let snippet = statement(rng, &[], seeds);
            let snippet: Vec<String> = snippet.split('\n').map(|s| format!("{indent}{s}")).collect();
            lines.splice(at..at, snippet);
            *text = lines.join("\n");
        }
        3 => {
            // A hint swapped for another.
            let hints: Vec<usize> = text.match_indices(": ").map(|(i, _)| i + 2).collect();
            if let Some(&at) = hints.get(rng.below(hints.len().max(1))) {
                let end = text[at..].find([',', ')', '=', '\n']).map_or(text.len(), |e| at + e);
                let hint = rng.pick::<&str>(HINTS).to_string();
                text.replace_range(at..end, &hint);
            }
        }
        4 => {
            text.push('\n');
            text.push_str(rng.pick::<String>(&seeds.code));
        }
        5 => {
            let generated = generate(rng, seeds);
            text.push('\n');
            text.push_str(&generated);
        }
        6 => {
            let depth = rng.skewed(2000);
            let line = match rng.below(4) {
                0 => format!("x = {}1{}", "(".repeat(depth), ")".repeat(depth)),
                1 => format!("x = {}", "1 + ".repeat(depth) + "1"),
                2 => format!("x = {}", "a.".repeat(depth) + "b"),
                _ => format!("x = {}", "[".repeat(depth) + &"]".repeat(depth)),
            };
            text.push('\n');
            text.push_str(&line);
        }
        _ => mutate_lines(rng, text, seeds),
    }
    clamp(text);
}

fn mutate_lines(rng: &mut Rng, text: &mut String, seeds: &Seeds) {
    let mut lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
    let n = lines.len();
    let at = rng.below(n + 1);
    let span = rng.skewed(n.max(1)).min(n - at.min(n));
    match rng.below(10) {
        0 => {
            lines.drain(at.min(n)..(at + span).min(n));
        }
        1 => {
            let copy: Vec<String> = lines[at.min(n)..(at + span).min(n)].to_vec();
            let to = rng.below(lines.len() + 1);
            lines.splice(to..to, copy);
        }
        2 if n > 1 => {
            let (i, j) = (rng.below(n), rng.below(n));
            lines.swap(i, j);
        }
        3 => {
            // Splice a run of lines from another seed.
            let other: Vec<&str> = rng.pick(&seeds.code).split('\n').collect();
            let from = rng.below(other.len());
            let len = rng.skewed(other.len()).min(other.len() - from);
            let copy: Vec<String> = other[from..from + len].iter().map(|s| s.to_string()).collect();
            lines.splice(at..at, copy);
        }
        4 => {
            let line = rng.pick(&seeds.lines).clone();
            lines.insert(at, line);
        }
        5 | 6 => {
            let indent = lines.get(at).map(|l| leading(l)).unwrap_or_default();
            let snippet = rng.pick(SNIPPETS);
            let extra = if rng.one_in(3) { "    " } else { "" };
            let snippet: Vec<String> = snippet.split('\n').map(|s| format!("{indent}{extra}{s}")).collect();
            lines.splice(at..at, snippet);
        }
        7 | 8 => {
            // Re-indent a run of lines.
            let change = rng.below(5);
            for line in lines.iter_mut().skip(at).take(span.max(1)) {
                *line = match change {
                    0 => format!("    {line}"),
                    1 => format!("\t{line}"),
                    2 => format!(" {line}"),
                    3 => line.trim_start().to_owned(),
                    _ => line.strip_prefix("    ").unwrap_or(line).to_owned(),
                };
            }
        }
        _ => {
            let i = rng.below(n);
            lines[i] = random_line(rng);
        }
    }
    *text = lines.join("\n");
}

fn mutate_tokens(rng: &mut Rng, text: &mut String, seeds: &Seeds) {
    let tokens = tokens(text);
    if tokens.is_empty() {
        text.push_str(rng.pick::<&str>(KEYWORDS));
        return;
    }
    let (start, end) = *rng.pick(&tokens);
    let replacement = match rng.below(8) {
        0 => String::new(),
        1 => format!("{} {}", &text[start..end], &text[start..end]),
        2 => rng.pick(KEYWORDS).to_string(),
        3 => rng.pick(ODD_NAMES).to_string(),
        4 => {
            let names = names(text);
            let pool = if names.params.is_empty() { &seeds.names } else { &names.params };
            if pool.is_empty() {
                "x".to_owned()
            } else {
                rng.pick(pool).clone()
            }
        }
        5 => long_name(rng),
        6 => format!("{}{}", &text[start..end], rng.pick(PUNCT)),
        _ => {
            let (s2, e2) = *rng.pick(&tokens);
            text[s2..e2].to_owned()
        }
    };
    text.replace_range(start..end, &replacement);
}

fn mutate_chars(rng: &mut Rng, text: &mut String) {
    let at = boundary(text, rng.below(text.len() + 1));
    match rng.below(6) {
        0 => text.insert_str(at, rng.pick::<&str>(ODD_TEXT)),
        1 => text.insert_str(at, rng.pick::<&str>(PUNCT)),
        2 => {
            let end = boundary(text, (at + rng.skewed(64)).min(text.len()));
            text.replace_range(at..end, "");
        }
        3 => {
            let c = char::from_u32(rng.next() as u32 % 0x11_0000).unwrap_or('\u{fffd}');
            text.insert(at, c);
        }
        4 => {
            let c = (b' ' + rng.below(95) as u8) as char;
            text.insert(at, c);
        }
        _ => {
            let end = boundary(text, (at + rng.skewed(200)).min(text.len()));
            let copy = text[at..end].to_owned();
            text.insert_str(end, &copy);
        }
    }
}

/// Deep nesting: blocks inside blocks, or one expression nested or chained many times.
fn nest(rng: &mut Rng, text: &mut String) {
    let depth = match rng.below(4) {
        0 => rng.range(2, 20),
        1 => rng.range(20, 100),
        2 => rng.range(100, 1000),
        _ => rng.range(1000, 5000),
    };
    let nested = match rng.below(12) {
        0 => {
            let headers =
                ["if x:", "class K:", "def f(self):", "with a:", "for i in x:", "while x:", "try:", "async def g():"];
            let mut s = String::new();
            for level in 0..depth.min(300) {
                s.push_str(&"    ".repeat(level));
                s.push_str(rng.pick::<&str>(&headers));
                s.push('\n');
            }
            s.push_str(&"    ".repeat(depth.min(300)));
            s.push_str("pass");
            s
        }
        1 => format!("x = {}1{}", "(".repeat(depth), ")".repeat(depth)),
        2 => format!("x = {}1{}", "[".repeat(depth), "]".repeat(depth)),
        3 => format!("x = {}", "1 + ".repeat(depth) + "1"),
        4 => format!("x = {}1", "-".repeat(depth)),
        5 => format!("x = {}1", "not ".repeat(depth)),
        6 => format!("x = {}1", "lambda: ".repeat(depth)),
        7 => format!("x = {}", "a.".repeat(depth) + "b"),
        8 => format!("x = {}", "f(".repeat(depth) + &")".repeat(depth)),
        9 => format!("def h(a: {}int{} = 1): ...", "Annotated[".repeat(depth), ", 1]".repeat(depth)),
        10 => format!("x = {}", "a if b else ".repeat(depth) + "c"),
        _ => format!("x = {}", "'s' ".repeat(depth)),
    };
    let lines: Vec<&str> = text.split('\n').collect();
    let at = rng.below(lines.len() + 1);
    let indent = lines.get(at).map(|l| leading(l)).unwrap_or_default();
    let nested: Vec<String> = nested.split('\n').map(|l| format!("{indent}{l}")).collect();
    let mut out: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
    out.splice(at..at, nested);
    *text = out.join("\n");
}

/// Pure random text: tokens of Python and random characters.
pub fn random_text(rng: &mut Rng) -> String {
    let len = rng.skewed(MAX_BYTES / 4);
    let mut s = String::new();
    while s.len() < len {
        match rng.below(8) {
            0 => s.push_str(rng.pick::<&str>(KEYWORDS)),
            1 => s.push_str(rng.pick::<&str>(PUNCT)),
            2 => s.push_str(rng.pick::<&str>(ODD_NAMES)),
            3 => s.push_str(rng.pick::<&str>(ODD_TEXT)),
            4 => s.push(char::from_u32(rng.next() as u32 % 0x11_0000).unwrap_or(' ')),
            5 => s.push_str(&"    ".repeat(rng.below(4))),
            6 => s.push_str(&rng.next().to_string()),
            _ => s.push(' '),
        }
    }
    clamp(&mut s);
    s
}

fn random_line(rng: &mut Rng) -> String {
    let mut s = "    ".repeat(rng.below(3));
    for _ in 0..rng.range(1, 8) {
        match rng.below(4) {
            0 => s.push_str(rng.pick::<&str>(KEYWORDS)),
            1 => s.push_str(rng.pick::<&str>(PUNCT)),
            2 => s.push_str(rng.pick::<&str>(ODD_NAMES)),
            _ => s.push_str(rng.pick::<&str>(HINTS)),
        }
        s.push(' ');
    }
    s
}

fn long_name(rng: &mut Rng) -> String {
    let len = rng.range(64, 4096);
    let mut s = String::from("n");
    while s.len() < len {
        s.push(*rng.pick(&['a', 'b', '_', '9', 'é']));
    }
    s
}

/// A program in the shapes the labs model: Protocols and classes, signatures with every kind
/// of parameter and hint, module-level objects, finalizers, `del` and `gc.collect()`.
pub fn generate(rng: &mut Rng, seeds: &Seeds) -> String {
    let mut out = String::new();
    if !rng.one_in(4) {
        out.push_str("from typing import Protocol, runtime_checkable, Annotated, Any, Callable, Optional, TypeVar\n");
        out.push_str("import weakref, gc, inspect\n");
    }
    if rng.one_in(3) {
        out.push_str("class Between:\n    def __init__(self, low, high):\n        self.low, self.high = low, high\n");
        out.push_str("class MinLen:\n    def __init__(self, n):\n        self.n = n\nclass Secret: pass\n");
    }
    let mut classes: Vec<String> = Vec::new();
    for _ in 0..rng.range(1, 6) {
        let name = class_name(rng);
        if rng.one_in(2) {
            out.push_str(&class(rng, &name, &classes));
        } else {
            let f = function_name(rng);
            out.push_str(&function(rng, &f, ""));
        }
        classes.push(name);
    }
    for _ in 0..rng.below(12) {
        out.push_str(&statement(rng, &classes, seeds));
        out.push('\n');
    }
    out
}

fn class_name(rng: &mut Rng) -> String {
    match rng.below(6) {
        0 => rng.pick(ODD_NAMES).to_string(),
        _ => rng.pick(&["Sink", "FileSink", "Reader", "TempResource", "Service", "C", "P", "Node", "Base"]).to_string(),
    }
}

fn function_name(rng: &mut Rng) -> String {
    match rng.below(6) {
        0 => rng.pick(ODD_NAMES).to_string(),
        _ => rng
            .pick(&["handle", "create_user", "sign_up", "write", "close", "f", "g", "run", "read", "ping"])
            .to_string(),
    }
}

fn class(rng: &mut Rng, name: &str, earlier: &[String]) -> String {
    let mut s = String::new();
    if rng.one_in(3) {
        s.push_str("@runtime_checkable\n");
    }
    let bases = match rng.below(6) {
        0 => String::new(),
        1 | 2 => "(Protocol)".to_owned(),
        3 => "(Protocol[T])".to_owned(),
        _ if !earlier.is_empty() => format!("({})", rng.pick(earlier)),
        _ => "(object)".to_owned(),
    };
    s.push_str(&format!("class {name}{bases}:\n"));
    let members = rng.below(6);
    if members == 0 {
        s.push_str("    ...\n");
    }
    for _ in 0..members {
        match rng.below(8) {
            0 => s.push_str(&format!("    {}: {}\n", param_name(rng), rng.pick(HINTS))),
            1 => {
                let f = function_name(rng);
                s.push_str(&format!("    @property\n{}", function(rng, &f, "    ")))
            }
            2 => {
                let f = function_name(rng);
                s.push_str(&format!("    @staticmethod\n{}", function(rng, &f, "    ")))
            }
            3 => {
                let f = function_name(rng);
                s.push_str(&format!("    @classmethod\n{}", method(rng, &f, "cls")))
            }
            4 => s.push_str(&method(rng, "__init__", "self")),
            _ => {
                let f = function_name(rng);
                s.push_str(&method(rng, &f, "self"))
            }
        }
    }
    s
}

fn method(rng: &mut Rng, name: &str, first: &str) -> String {
    let f = function(rng, name, "    ");
    f.replacen(&format!("def {name}("), &format!("def {name}({first}, "), 1).replace(", )", ")")
}

fn param_name(rng: &mut Rng) -> String {
    match rng.below(8) {
        0 => rng.pick(ODD_NAMES).to_string(),
        _ => rng.pick(&["a", "b", "x", "user_id", "name", "age", "password", "data", "key", "count"]).to_string(),
    }
}

fn function(rng: &mut Rng, name: &str, indent: &str) -> String {
    let mut params: Vec<String> = Vec::new();
    let n = rng.below(6);
    let slash = if rng.one_in(4) { rng.below(n + 1) } else { usize::MAX };
    let star = if rng.one_in(3) { rng.below(n + 1) } else { usize::MAX };
    let mut defaulted = false;
    for i in 0..n {
        if i == slash && i > 0 {
            params.push("/".into());
        }
        if i == star {
            params.push(if rng.one_in(2) { "*".into() } else { "*args".into() });
        }
        let mut p = param_name(rng);
        if rng.one_in(2) {
            p = format!("{p}: {}", rng.pick(HINTS));
        }
        if defaulted || rng.one_in(3) {
            defaulted = true;
            p = format!("{p} = {}", rng.pick(&["0", "None", "'x'", "1.5", "[]", "True"]));
        }
        params.push(p);
    }
    if rng.one_in(4) {
        params.push("**kwargs".into());
    }
    let ret = if rng.one_in(2) { format!(" -> {}", rng.pick(HINTS)) } else { String::new() };
    let body = match rng.below(5) {
        0 => "...".to_owned(),
        1 => "pass".to_owned(),
        2 => format!(
            "print({})",
            params.first().map(|p| p.split([':', '=']).next().unwrap_or("1")).unwrap_or("1").trim_start_matches('*')
        ),
        3 => "self.x = weakref.finalize(self, print, 'gone')".to_owned(),
        _ => "return len(args)".to_owned(),
    };
    format!("{indent}def {name}({}){ret}:\n{indent}    {body}\n", params.join(", "))
}

fn statement(rng: &mut Rng, classes: &[String], seeds: &Seeds) -> String {
    let c = if classes.is_empty() { "C".to_owned() } else { rng.pick(classes).clone() };
    let v = rng.pick(&["a", "b", "c", "x"]);
    let w = rng.pick(&["a", "b", "c", "x"]);
    match rng.below(14) {
        0 | 1 => format!("{v} = {c}('{v}')"),
        2 => format!("{v} = {c}()"),
        3 => format!("weakref.finalize({v}, print, '{v} finalized')"),
        4 => format!("del {v}"),
        5 => "gc.collect()".into(),
        6 => format!("{v}.other = {w}"),
        7 => format!("{v} = {w}"),
        8 => format!("print('{v}', {v}.alive)"),
        9 => format!("{v} = [{w}, {c}('{w}')]"),
        10 => format!("isinstance({v}, {c})"),
        11 => format!("def use():\n    {v} = {c}('{v}')\n    return {v}\nuse()"),
        12 => rng.pick(SNIPPETS).to_string(),
        _ => rng.pick(&seeds.lines).clone(),
    }
}

/// Byte ranges of the identifier-like and punctuation tokens of `text`.
fn tokens(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let word = c.is_alphanumeric() || c == '_';
        match (start, word) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
        if !word && !c.is_whitespace() {
            out.push((i, i + c.len_utf8()));
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// The nearest character boundary at or before `at`.
fn boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn leading(line: &str) -> String {
    line.chars().take_while(|c| *c == ' ' || *c == '\t').collect()
}

/// Names found in code by a rough scan: handlers (`f`, `C`, `C.m`) and parameter names.
#[derive(Debug, Default)]
pub struct Names {
    /// Top-level functions, classes and `Class.method`s.
    pub handlers: Vec<String>,
    /// Top-level functions only.
    pub functions: Vec<String>,
    pub params: Vec<String>,
}

pub fn names(code: &str) -> Names {
    let mut names = Names::default();
    let mut class: Option<(usize, String)> = None;
    for line in code.lines() {
        let indent = line.len() - line.trim_start().len();
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if class.as_ref().is_some_and(|(ci, _)| indent <= *ci) {
            class = None;
        }
        let rest = trimmed.strip_prefix("async ").unwrap_or(trimmed);
        if let Some(rest) = rest.strip_prefix("class ") {
            let name = ident(rest);
            if !name.is_empty() {
                names.handlers.push(name.clone());
                class = Some((indent, name));
            }
        } else if let Some(rest) = rest.strip_prefix("def ") {
            let name = ident(rest);
            if name.is_empty() {
                continue;
            }
            match &class {
                Some((_, c)) => names.handlers.push(format!("{c}.{name}")),
                None if indent == 0 => {
                    names.handlers.push(name.clone());
                    names.functions.push(name.clone());
                }
                None => {}
            }
            if let Some(args) = rest.split_once('(').map(|(_, a)| a) {
                for p in args.split([',', ')']) {
                    let p = ident(p.trim_start().trim_start_matches('*'));
                    if !p.is_empty() && p != "self" && p != "cls" {
                        names.params.push(p);
                    }
                }
            }
        }
    }
    names.params.sort();
    names.params.dedup();
    names
}

fn ident(text: &str) -> String {
    text.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seeds() -> Seeds {
        Seeds::from_code(&[
            "class C:\n    def m(self, a, /, b: int = 1, *, c, **kw) -> None:\n        pass\n",
            "def create_user(user_id: int, name: str): ...\nx = create_user(1, 'a')\n",
        ])
    }

    #[test]
    fn cases_never_exceed_the_limit() {
        let seeds = seeds();
        for i in 0..3000 {
            let mut rng = Rng::for_case(1, "test", i);
            let code = case(&mut rng, &seeds);
            assert!(code.len() <= MAX_BYTES, "case {i} is {} bytes", code.len());
        }
    }

    #[test]
    fn every_mutation_keeps_text_within_the_limit_and_valid() {
        let seeds = seeds();
        let mut rng = Rng::new(9);
        let mut text = "x".repeat(MAX_BYTES - 3) + "é";
        for _ in 0..2000 {
            mutate(&mut rng, &mut text, &seeds);
            assert!(text.len() <= MAX_BYTES);
            assert!(std::str::from_utf8(text.as_bytes()).is_ok());
        }
    }

    #[test]
    fn cases_are_deterministic_for_a_seed() {
        let seeds = seeds();
        for i in 0..200 {
            let a = case(&mut Rng::for_case(42, "protocol", i), &seeds);
            let b = case(&mut Rng::for_case(42, "protocol", i), &seeds);
            assert_eq!(a, b);
        }
        let differ = (0..50)
            .filter(|&i| {
                case(&mut Rng::for_case(42, "protocol", i), &seeds)
                    != case(&mut Rng::for_case(43, "protocol", i), &seeds)
            })
            .count();
        assert!(differ > 25);
    }

    #[test]
    fn clamp_cuts_on_a_character_boundary() {
        let mut s = "é".repeat(MAX_BYTES);
        clamp(&mut s);
        assert!(s.len() <= MAX_BYTES && s.len() >= MAX_BYTES - 1);
    }

    #[test]
    fn names_finds_handlers_and_parameters() {
        let n = names("class C:\n    def m(self, a, *, b=1, **kw): ...\ndef f(x): ...\n    def inner(y): ...\n");
        assert_eq!(n.handlers, ["C", "C.m", "f"]);
        assert_eq!(n.functions, ["f"]);
        assert_eq!(n.params, ["a", "b", "kw", "x", "y"]);
    }
}
