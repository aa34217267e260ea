//! Numbers as Python holds them: integers of any size (kept as decimal digits, which is all the
//! comparisons and `multiple_of` need) and floats as f64.

use std::cmp::Ordering;

/// An integer of any size.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BigInt {
    negative: bool,
    /// Decimal digits without leading zeros; "0" for zero (never negative).
    digits: String,
}

impl BigInt {
    /// Reads decimal digits with an optional sign; underscores must already be gone.
    pub fn parse(text: &str) -> Option<BigInt> {
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.strip_prefix('+').unwrap_or(text)),
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let digits = digits.trim_start_matches('0');
        let digits = if digits.is_empty() { "0" } else { digits };
        Some(BigInt { negative: negative && digits != "0", digits: digits.to_owned() })
    }

    pub fn from_i64(n: i64) -> BigInt {
        BigInt::parse(&n.to_string()).expect("an i64 is digits")
    }

    pub fn is_zero(&self) -> bool {
        self.digits == "0"
    }

    /// The nearest float, as Python's `float(n)`.
    pub fn to_f64(&self) -> f64 {
        let magnitude: f64 = self.digits.parse().unwrap_or(f64::INFINITY);
        if self.negative {
            -magnitude
        } else {
            magnitude
        }
    }

    /// Whether `divisor` (not zero) divides this number exactly.
    pub fn is_multiple_of(&self, divisor: &BigInt) -> Option<bool> {
        let divisor: u128 = divisor.digits.parse().ok()?;
        if divisor == 0 {
            return None;
        }
        let mut remainder: u128 = 0;
        for digit in self.digits.bytes() {
            remainder = (remainder * 10 + u128::from(digit - b'0')) % divisor;
        }
        Some(remainder == 0)
    }

    /// The value for a JSON document (the schema): exact when it fits in 64 bits.
    pub fn to_json(&self) -> Option<serde_json::Value> {
        self.to_string().parse::<i64>().ok().map(Into::into).or_else(|| self.digits.parse::<u64>().ok().map(Into::into))
    }
}

impl std::fmt::Display for BigInt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.negative {
            f.write_str("-")?;
        }
        f.write_str(&self.digits)
    }
}

impl Ord for BigInt {
    fn cmp(&self, other: &Self) -> Ordering {
        let magnitude = self.digits.len().cmp(&other.digits.len()).then_with(|| self.digits.cmp(&other.digits));
        match (self.negative, other.negative) {
            (false, false) => magnitude,
            (true, true) => magnitude.reverse(),
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
        }
    }
}

impl PartialOrd for BigInt {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// A constraint's bound or a number, as written in the code.
#[derive(Clone, Debug, PartialEq)]
pub enum Num {
    Int(BigInt),
    Float(f64),
}

impl Num {
    pub fn to_f64(&self) -> f64 {
        match self {
            Num::Int(n) => n.to_f64(),
            Num::Float(f) => *f,
        }
    }

    /// How pydantic-core writes the number into a message: Rust's `Display` (`1` for 1.0).
    pub fn message_text(&self) -> String {
        match self {
            Num::Int(n) => n.to_string(),
            Num::Float(f) => format!("{f}"),
        }
    }

    pub fn to_json(&self) -> Option<serde_json::Value> {
        match self {
            Num::Int(n) => n.to_json(),
            Num::Float(f) => serde_json::Number::from_f64(*f).map(serde_json::Value::Number),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big_integers_compare_and_divide_exactly() {
        let big = BigInt::parse("123456789012345678901234567890").unwrap();
        let small = BigInt::parse("-5").unwrap();
        assert!(big > small && small < BigInt::parse("0").unwrap());
        assert_eq!(BigInt::parse("-0").unwrap().to_string(), "0");
        assert_eq!(big.is_multiple_of(&BigInt::from_i64(10)), Some(true));
        assert_eq!(big.is_multiple_of(&BigInt::from_i64(11)), Some(false));
        assert!(BigInt::parse("-10").unwrap() < BigInt::parse("-9").unwrap());
        assert_eq!(Num::Float(1.0).message_text(), "1");
        assert_eq!(Num::Float(1e16).message_text(), "10000000000000000");
    }
}
