//! A small command-line reader: `--flag value`, `--flag=value` and positional words.

use std::ffi::OsString;

/// A usage error: the caller prints it with the usage text and exits with status 2.
#[derive(Debug, PartialEq)]
pub struct UsageError(pub String);

pub enum Arg {
    Flag(String),
    Word(String),
}

pub struct Args {
    rest: std::vec::IntoIter<OsString>,
    pending_value: Option<String>,
}

impl Args {
    pub fn new(args: impl IntoIterator<Item = OsString>) -> Args {
        Args { rest: args.into_iter().collect::<Vec<_>>().into_iter(), pending_value: None }
    }

    pub fn next(&mut self) -> Result<Option<Arg>, UsageError> {
        if let Some(value) = self.pending_value.take() {
            return Err(UsageError(format!("unexpected value {value:?}")));
        }
        let Some(arg) = self.rest.next() else { return Ok(None) };
        let arg = arg.into_string().map_err(|arg| UsageError(format!("argument {arg:?} is not UTF-8")))?;
        match arg.strip_prefix("--") {
            Some(flag) => match flag.split_once('=') {
                Some((flag, value)) => {
                    self.pending_value = Some(value.to_string());
                    Ok(Some(Arg::Flag(flag.to_string())))
                }
                None => Ok(Some(Arg::Flag(flag.to_string()))),
            },
            None => Ok(Some(Arg::Word(arg))),
        }
    }

    /// The value of the flag just read.
    pub fn value(&mut self, flag: &str) -> Result<String, UsageError> {
        if let Some(value) = self.pending_value.take() {
            return Ok(value);
        }
        self.rest
            .next()
            .and_then(|value| value.into_string().ok())
            .ok_or_else(|| UsageError(format!("--{flag} needs a value")))
    }

    pub fn parsed<T: std::str::FromStr>(&mut self, flag: &str) -> Result<T, UsageError>
    where
        T::Err: std::fmt::Display,
    {
        let value = self.value(flag)?;
        value.parse().map_err(|error| UsageError(format!("--{flag} {value:?}: {error}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(words: &[&str]) -> Args {
        Args::new(words.iter().map(OsString::from))
    }

    #[test]
    fn reads_flags_with_separate_and_inline_values() {
        let mut args = args(&["--heap-mb", "20", "--workers=2", "extra"]);
        assert!(matches!(args.next(), Ok(Some(Arg::Flag(flag))) if flag == "heap-mb"));
        assert_eq!(args.parsed::<u32>("heap-mb"), Ok(20));
        assert!(matches!(args.next(), Ok(Some(Arg::Flag(flag))) if flag == "workers"));
        assert_eq!(args.parsed::<u32>("workers"), Ok(2));
        assert!(matches!(args.next(), Ok(Some(Arg::Word(word))) if word == "extra"));
        assert!(matches!(args.next(), Ok(None)));
    }

    #[test]
    fn rejects_values_where_none_belong_and_missing_ones() {
        let mut args = self::args(&["--no-progress=yes"]);
        assert!(args.next().is_ok());
        assert!(args.next().is_err());
        let mut args = self::args(&["--runs"]);
        assert!(args.next().is_ok());
        assert!(args.value("runs").is_err());
        let mut args = self::args(&["--runs", "many"]);
        assert!(args.next().is_ok());
        assert!(args.parsed::<u32>("runs").is_err());
    }
}
