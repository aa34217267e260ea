//! f-string format specs against every CPython on the machine: each value under each spec,
//! formatted by the model (one program each) and by CPython (one script for all). Where the
//! model formats, it must write what CPython writes; the specs it declines are CPython's errors
//! and what it does not apply. PLAYGROUND_SKIP_PYTHON=1 skips.

use std::process::Command;

use cpython_truth::Truth;

const VALUES: [&str; 10] = ["0", "7", "-42", "255", "1234567", "-1234567", "'ab'", "'hello world'", "''", "'é'"];

const SPECS: [&str; 44] = [
    "", "5", ">5", "<5", "^5", "^6", "*^7", "=6", "+", " ", "-", "05", "06d", "+06", "#x", "#X", "#o", "#b", "x", "b",
    "o", ",", "_", "_x", "_b", ",d", ".3", "10.2", ">8s", "s", "d", "<05", "x=+5", "0=5", ".0", "^", "#", "010,", "z",
    "n", "c", "e", ".2f", "-^+9",
];

/// How many of the grid's pairs the model formats.
const FORMATTED: usize = 258;

#[test]
fn format_specs_write_what_cpython_writes() {
    let script: String = VALUES
        .iter()
        .flat_map(|value| SPECS.iter().map(move |spec| (value, spec)))
        .map(|(value, spec)| {
            format!("try:\n    print(repr(format({value}, {spec:?})))\nexcept Exception as e:\n    print('error')\n")
        })
        .collect();
    for truth in Truth::cpythons("lifetime format specs") {
        let Truth::CPython { program, minor } = &truth else { unreachable!("Truth::cpythons are CPythons") };
        let output = Command::new(program).arg("-c").arg(&script).output().expect("runs");
        let truths: Vec<String> = String::from_utf8_lossy(&output.stdout).lines().map(str::to_owned).collect();
        assert_eq!(truths.len(), VALUES.len() * SPECS.len(), "{}", String::from_utf8_lossy(&output.stderr));
        let mut formatted = 0;
        for (index, truth) in truths.iter().enumerate() {
            let (value, spec) = (VALUES[index / SPECS.len()], SPECS[index % SPECS.len()]);
            let code = format!("x = {value}\nprint(repr(f'{{x:{spec}}}'))\n");
            let source = pysource::Source::parse(&code).unwrap();
            let simulation = lifetime::simulate_on(&source, &source.module(), *minor);
            if simulation.not_modelled.is_some() {
                continue;
            }
            assert_eq!(simulation.output, std::slice::from_ref(truth), "format({value}, {spec:?}) on 3.{minor}");
            formatted += 1;
        }
        // The rest are CPython's errors (a sign or `#` for a str, a precision for an int, ...),
        // floats (`e`, `.2f`, and an int's), `n`, `c` and `z`, and grouping with zero padding.
        assert_eq!(formatted, FORMATTED, "the model formats {formatted} of the grid on 3.{minor}");
    }
}
