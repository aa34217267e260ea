//! What each forked worker does after the fork, shared by the simulator, the companion and the browser.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The default share of records read by `read-fraction`: one record in 32.
pub const DEFAULT_READ_FRACTION: f64 = 1.0 / 32.0;

/// How much of the master's heap a worker reads.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Reads {
    None,
    All,
    /// Reads every `round(1/f)`-th record; the fraction is in (0, 1].
    Fraction(f64),
}

/// One worker workload, written on the command line and in reports as
/// `nothing`, `read-all`, `read-fraction[:f]`, `requests`, `requests+read-all`
/// or `requests+read-fraction[:f]`; `f` is a decimal or `1/N`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Workload {
    /// Requests allocate short-lived objects and each ends with a full collection.
    pub requests: bool,
    pub reads: Reads,
}

/// How many requests a `requests` workload serves; each ends with a full collection.
pub const REQUESTS_PER_WORKER: u32 = 3;

impl Workload {
    pub const NOTHING: Workload = Workload { requests: false, reads: Reads::None };

    /// Every workload the experiment knows, with the default read fraction.
    pub fn all() -> [Workload; 6] {
        let fraction = Reads::Fraction(DEFAULT_READ_FRACTION);
        [
            Workload::NOTHING,
            Workload { requests: false, reads: Reads::All },
            Workload { requests: false, reads: fraction },
            Workload { requests: true, reads: Reads::None },
            Workload { requests: true, reads: Reads::All },
            Workload { requests: true, reads: fraction },
        ]
    }

    /// Read every `stride`-th record, or nothing (`None`). The harness and the simulator
    /// both select records this way, so their page counts agree.
    pub fn read_stride(&self) -> Option<u32> {
        match self.reads {
            Reads::None => None,
            Reads::All => Some(1),
            Reads::Fraction(f) => Some((1.0 / f).round().max(1.0) as u32),
        }
    }

    pub fn requests(&self) -> u32 {
        if self.requests {
            REQUESTS_PER_WORKER
        } else {
            0
        }
    }
}

impl fmt::Display for Workload {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        let reads = match self.reads {
            Reads::None => None,
            Reads::All => Some("read-all".to_string()),
            Reads::Fraction(f) => {
                let inverse = 1.0 / f;
                if (inverse - inverse.round()).abs() < 1e-9 {
                    Some(format!("read-fraction:1/{}", inverse.round()))
                } else {
                    Some(format!("read-fraction:{f}"))
                }
            }
        };
        match (self.requests, reads) {
            (false, None) => out.write_str("nothing"),
            (true, None) => out.write_str("requests"),
            (false, Some(reads)) => out.write_str(&reads),
            (true, Some(reads)) => write!(out, "requests+{reads}"),
        }
    }
}

impl FromStr for Workload {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let unknown = || {
            format!(
                "unknown workload {text:?} (expected nothing, read-all, read-fraction[:f], \
                 requests, requests+read-all or requests+read-fraction[:f])"
            )
        };
        let (requests, reads) = match text.strip_prefix("requests") {
            Some("") => return Ok(Workload { requests: true, reads: Reads::None }),
            Some(rest) => (true, rest.strip_prefix('+').ok_or_else(unknown)?),
            None if text == "nothing" => return Ok(Workload::NOTHING),
            None => (false, text),
        };
        let reads = match reads.split_once(':') {
            None if reads == "read-all" => Reads::All,
            None if reads == "read-fraction" => Reads::Fraction(DEFAULT_READ_FRACTION),
            Some(("read-fraction", f)) => Reads::Fraction(parse_fraction(f)?),
            _ => return Err(unknown()),
        };
        Ok(Workload { requests, reads })
    }
}

fn parse_fraction(text: &str) -> Result<f64, String> {
    let value = match text.split_once('/') {
        Some((top, bottom)) => match (top.trim().parse::<f64>(), bottom.trim().parse::<f64>()) {
            (Ok(top), Ok(bottom)) if bottom != 0.0 => Some(top / bottom),
            _ => None,
        },
        None => text.trim().parse::<f64>().ok(),
    };
    match value {
        Some(f) if f > 0.0 && f <= 1.0 => Ok(f),
        _ => Err(format!("read fraction {text:?} must be a number in (0, 1], like 0.05 or 1/32")),
    }
}

impl TryFrom<String> for Workload {
    type Error = String;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        text.parse()
    }
}

impl From<Workload> for String {
    fn from(workload: Workload) -> String {
        workload.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_workload_round_trips_through_its_name() {
        for workload in Workload::all() {
            assert_eq!(workload.to_string().parse::<Workload>(), Ok(workload));
        }
        assert_eq!(Workload::all()[5].to_string(), "requests+read-fraction:1/32");
    }

    #[test]
    fn fractions_accept_decimals_and_ratios() {
        let parsed: Workload = "read-fraction:0.25".parse().unwrap();
        assert_eq!(parsed.read_stride(), Some(4));
        let parsed: Workload = "requests+read-fraction:1/8".parse().unwrap();
        assert_eq!((parsed.requests, parsed.read_stride()), (true, Some(8)));
        assert!("read-fraction:0".parse::<Workload>().is_err());
        assert!("read-fraction:2".parse::<Workload>().is_err());
        assert!("requests-read-all".parse::<Workload>().is_err());
        assert!("everything".parse::<Workload>().is_err());
    }
}
