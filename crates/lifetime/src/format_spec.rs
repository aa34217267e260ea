//! Python's format mini-language (`f'{n:>4}'`, `'{:05d}'.format(n)`) for ints and strings, as
//! `int.__format__` and `str.__format__` apply it: fill and alignment, sign, `#`, `0`, width,
//! `,` and `_` grouping, precision (strings only) and the types `d`, `b`, `o`, `x`, `X` and `s`.
//! Floats, `n`, `c`, `z`, grouping with zero padding, and every spec CPython rejects (whose
//! ValueError wording changed across versions) are not applied: the caller declines them.

/// A value the mini-language is applied to.
pub enum Formatted<'a> {
    Int(i64),
    Str(&'a str),
}

/// A spec as `parse_internal_render_format_spec` reads it.
struct Spec {
    fill: char,
    align: Option<char>,
    sign: Option<char>,
    alternate: bool,
    zero: bool,
    width: usize,
    grouping: Option<char>,
    precision: Option<usize>,
    kind: Option<char>,
}

impl Formatted<'_> {
    /// `format(value, spec)`, or what is not applied.
    pub fn apply(self, spec: &str) -> Result<String, String> {
        let parsed = parse(spec).ok_or_else(|| format!("the format spec `{spec}`"))?;
        match self {
            Formatted::Int(n) => format_int(n, &parsed).ok_or_else(|| format!("the format spec `{spec}` of an int")),
            Formatted::Str(text) if text.contains(crate::ADDRESS_HOLE) => {
                Err(format!("the format spec `{spec}` of a repr that shows an address"))
            }
            Formatted::Str(text) => {
                format_str(text, &parsed).ok_or_else(|| format!("the format spec `{spec}` of a str"))
            }
        }
    }
}

fn parse(spec: &str) -> Option<Spec> {
    let chars: Vec<char> = spec.chars().collect();
    let mut at = 0;
    let is_align = |c: char| matches!(c, '<' | '>' | '=' | '^');
    let (mut fill, mut align, mut fill_written) = (' ', None, false);
    if chars.len() >= 2 && is_align(chars[1]) {
        (fill, align, fill_written) = (chars[0], Some(chars[1]), true);
        at = 2;
    } else if chars.first().copied().is_some_and(is_align) {
        align = Some(chars[0]);
        at = 1;
    }
    let mut sign = None;
    if let Some(&c @ ('+' | '-' | ' ')) = chars.get(at) {
        sign = Some(c);
        at += 1;
    }
    if chars.get(at) == Some(&'z') {
        return None;
    }
    let alternate = chars.get(at) == Some(&'#');
    at += usize::from(alternate);
    // `0` pads with zeros unless a fill was written (between sign and digits unless an
    // alignment was written too).
    let zero = !fill_written && chars.get(at) == Some(&'0');
    at += usize::from(zero);
    let digits = |at: &mut usize| {
        let start = *at;
        while chars.get(*at).is_some_and(char::is_ascii_digit) {
            *at += 1;
        }
        (start < *at).then(|| chars[start..*at].iter().collect::<String>().parse::<usize>().ok()).flatten()
    };
    let width = digits(&mut at).unwrap_or(0);
    let mut grouping = None;
    if let Some(&c @ (',' | '_')) = chars.get(at) {
        grouping = Some(c);
        at += 1;
    }
    let mut precision = None;
    if chars.get(at) == Some(&'.') {
        at += 1;
        precision = Some(digits(&mut at)?);
    }
    let kind = chars.get(at).copied();
    at += usize::from(kind.is_some());
    if at != chars.len() || width > 1000 || precision.is_some_and(|p| p > 1000) {
        return None;
    }
    Some(Spec { fill, align, sign, alternate, zero, width, grouping, precision, kind })
}

fn format_int(n: i64, spec: &Spec) -> Option<String> {
    let (base, prefix) = match spec.kind {
        None | Some('d') => (10, ""),
        Some('b') => (2, "0b"),
        Some('o') => (8, "0o"),
        Some('x') => (16, "0x"),
        Some('X') => (16, "0X"),
        _ => return None,
    };
    if spec.precision.is_some() || (spec.grouping == Some(',') && base != 10) {
        return None;
    }
    if spec.zero && spec.grouping.is_some() {
        return None;
    }
    let magnitude = n.unsigned_abs();
    let mut digits = match base {
        2 => format!("{magnitude:b}"),
        8 => format!("{magnitude:o}"),
        16 if spec.kind == Some('X') => format!("{magnitude:X}"),
        16 => format!("{magnitude:x}"),
        _ => magnitude.to_string(),
    };
    if let Some(separator) = spec.grouping {
        let every = if base == 10 { 3 } else { 4 };
        let chars: Vec<char> = digits.chars().collect();
        let mut grouped = String::new();
        for (index, c) in chars.iter().enumerate() {
            if index > 0 && (chars.len() - index).is_multiple_of(every) {
                grouped.push(separator);
            }
            grouped.push(*c);
        }
        digits = grouped;
    }
    let sign = match (n < 0, spec.sign) {
        (true, _) => "-",
        (false, Some('+')) => "+",
        (false, Some(' ')) => " ",
        _ => "",
    };
    let prefix = if spec.alternate { prefix } else { "" };
    let (fill, align) =
        if spec.zero { ('0', spec.align.unwrap_or('=')) } else { (spec.fill, spec.align.unwrap_or('>')) };
    Some(pad(&format!("{sign}{prefix}"), &digits, fill, align, spec.width))
}

fn format_str(text: &str, spec: &Spec) -> Option<String> {
    if !matches!(spec.kind, None | Some('s')) || spec.sign.is_some() || spec.alternate || spec.grouping.is_some() {
        return None;
    }
    if spec.align == Some('=') {
        return None;
    }
    let text: String = match spec.precision {
        Some(precision) => text.chars().take(precision).collect(),
        None => text.to_owned(),
    };
    let fill = if spec.zero { '0' } else { spec.fill };
    Some(pad("", &text, fill, spec.align.unwrap_or('<'), spec.width))
}

/// `head` (sign and prefix) and `body` padded to `width` code points with `fill`: `=` pads
/// between them, `^` puts the odd one of the padding on the right.
fn pad(head: &str, body: &str, fill: char, align: char, width: usize) -> String {
    let len = head.chars().count() + body.chars().count();
    let total = width.saturating_sub(len);
    let (left, right) = match align {
        '<' => (0, total),
        '^' => (total / 2, total - total / 2),
        _ => (total, 0),
    };
    let fill_of = |count: usize| std::iter::repeat_n(fill, count).collect::<String>();
    match align {
        '=' => format!("{head}{}{body}", fill_of(total)),
        _ => format!("{}{head}{body}{}", fill_of(left), fill_of(right)),
    }
}

#[cfg(test)]
mod tests {
    use super::Formatted;

    #[test]
    fn specs_format_as_python_does() {
        let int = |n, spec| Formatted::Int(n).apply(spec).unwrap();
        let text = |s, spec| Formatted::Str(s).apply(spec).unwrap();
        assert_eq!(int(42, ">5"), "   42");
        assert_eq!(int(-42, "05d"), "-0042");
        assert_eq!(int(255, "#x"), "0xff");
        assert_eq!(int(1234567, ","), "1,234,567");
        assert_eq!(int(255, "_b"), "1111_1111");
        assert_eq!(int(7, "*^6"), "**7***");
        assert_eq!(int(5, "+"), "+5");
        assert_eq!(text("ab", "^5"), " ab  ");
        assert_eq!(text("abcdef", ".3"), "abc");
        assert_eq!(text("ab", "05"), "ab000");
        assert_eq!(int(42, "<05"), "42000");
        assert_eq!(int(-3, "x=+5"), "-xxx3");
        assert!(Formatted::Int(1).apply(".2").is_err());
        assert!(Formatted::Str("a").apply("+").is_err());
        assert!(Formatted::Int(1).apply("010,").is_err());
    }
}
