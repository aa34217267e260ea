//! `str_repr` against each CPython's own `repr`, for strings sampled over every plane (each
//! printable or not, quotes and backslashes among them), leaving out the characters whose
//! printability differs between versions, which the models decline. PLAYGROUND_SKIP_PYTHON=1
//! skips the test.

use cpython_truth::Truth;

/// Strings of seven characters each, code points a stride apart over all of Unicode.
fn samples() -> Vec<String> {
    let chars: Vec<char> = (0..0x11_0000u32)
        .step_by(37)
        .chain([0x22, 0x27, 0x5c, 0x7f, 0xa0, 0xad, 0x200b, 0x2028, 0xe0001, 0x1f600, 0x10ffff])
        .filter_map(char::from_u32)
        .filter(|c| pysource::version_dependent_char(&c.to_string()).is_none())
        .collect();
    let mut strings: Vec<String> = chars.chunks(7).map(|chunk| chunk.iter().collect()).collect();
    strings.extend(["it's", "q\"'", "a\u{200b}b", "\u{e9}\u{65e5}\u{672c}\u{1f600}"].map(String::from));
    strings
}

#[test]
fn str_repr_is_what_every_python_writes() {
    let strings = samples();
    let hex: String = serde_json::to_string(&strings).unwrap().bytes().map(|b| format!("{b:02x}")).collect();
    let probe = format!(
        "import json\nprint({:?} + json.dumps([repr(s) for s in json.loads(bytes.fromhex('{hex}').decode())]))",
        format!("{} ", lab::PROBE_MARKER)
    );
    for truth in Truth::cpythons("str_repr") {
        let run = truth.run(&[(String::new(), Some(probe.clone()))]).remove(0);
        let report = run.probe_reports.first().unwrap_or_else(|| panic!("{}: {:?}", truth.name(), run.probe_error));
        let reprs: Vec<String> = serde_json::from_str(report).expect("a list of reprs");
        assert_eq!(reprs.len(), strings.len());
        for (s, repr) in strings.iter().zip(&reprs) {
            assert_eq!(&pysource::str_repr(s), repr, "{}: the repr of {s:?}", truth.name());
        }
    }
}

#[test]
fn a_version_dependent_character_is_found_in_the_code_and_in_string_values() {
    let found = |code: &str| pysource::Source::parse(code).unwrap().version_dependent_char().map(|f| (f.char, f.line));
    assert_eq!(found("x = 'é日本😀\\u200b\\U000e0001'\n"), None);
    assert_eq!(found("x = 1\n# 🫨\n"), Some(('\u{1fae8}', 2)));
    assert_eq!(found("x = 1\ny = 'a\\U0001FAE8'\n"), Some(('\u{1fae8}', 2)));
    assert_eq!(found("x = 1\n\ny = f'{x}\\U0001FAE8'\n"), Some(('\u{1fae8}', 3)));
}
