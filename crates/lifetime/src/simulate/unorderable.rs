//! The TypeError of sorting keys of built-in types that `<` cannot compare (a string and a
//! number, None and anything): it comes at the first comparison CPython's sort makes between
//! two such keys, so the model makes the sort's comparisons in its order. A list shorter than
//! 64 is one run: `count_run` finds the run it starts with (3.13 changed how it treats equal
//! keys in a descending run), and binary insertion places each key after it.

use crate::world::Val;

use super::{throw, Outcome, Stop};

/// The longest list whose sort is one run and a binary insertion.
const MIN_MERGE: usize = 64;

/// `keys` compared where CPython's sort compares them: the TypeError of the first comparison
/// `<` cannot answer, if one can not; keys of other types are left to the caller.
pub(super) fn unorderable_keys(keys: &[Val], minor: u8) -> Outcome<()> {
    if keys.iter().any(|key| type_name(key).is_none()) {
        return Ok(());
    }
    if keys.len() >= MIN_MERGE {
        return Err(not_modelled!("sorting {MIN_MERGE} keys or more that `<` cannot all compare is not modelled"));
    }
    let mut order: Vec<usize> = (0..keys.len()).collect();
    let less = |a: usize, b: usize| less_than(&keys[a], &keys[b]).ok_or((a, b));
    let sorted = match minor {
        ..13 => count_run_3_11(&mut order, &less),
        _ => count_run_3_13(&mut order, &less),
    }
    .and_then(|run| binary_insertion(&mut order, run, &less));
    match sorted {
        Ok(()) => Ok(()),
        Err((a, b)) => {
            let (left, right) = (type_name(&keys[a]).unwrap_or_default(), type_name(&keys[b]).unwrap_or_default());
            Err(throw("TypeError", &format!("'<' not supported between instances of '{left}' and '{right}'")))
        }
    }
}

/// The order CPython's sort puts `n` keys in, by `less` (each pair's `<`, None where it raises
/// TypeError): the indices in sorted order, or the pair whose comparison raised first. None for
/// a list too long to be one run and a binary insertion.
pub(super) fn sort_order(
    n: usize,
    minor: u8,
    less: &[Vec<Option<bool>>],
) -> Option<Result<Vec<usize>, (usize, usize)>> {
    if n >= MIN_MERGE {
        return None;
    }
    let mut order: Vec<usize> = (0..n).collect();
    let less = |a: usize, b: usize| less[a][b].ok_or((a, b));
    let sorted = match minor {
        ..13 => count_run_3_11(&mut order, &less),
        _ => count_run_3_13(&mut order, &less),
    }
    .and_then(|run| binary_insertion(&mut order, run, &less));
    Some(sorted.map(|()| order))
}

fn type_name(key: &Val) -> Option<&'static str> {
    match key {
        Val::Int(_) => Some("int"),
        Val::Bool(_) => Some("bool"),
        Val::Str(_) => Some("str"),
        Val::None => Some("NoneType"),
        _ => None,
    }
}

/// `a < b`, or None where it raises TypeError.
fn less_than(a: &Val, b: &Val) -> Option<bool> {
    let number = |v: &Val| match v {
        Val::Int(n) => Some(*n),
        Val::Bool(b) => Some(i64::from(*b)),
        _ => None,
    };
    match (a, b) {
        (Val::Str(a), Val::Str(b)) => Some(a < b),
        _ => Some(number(a)? < number(b)?),
    }
}

/// A comparison: `<` of two keys by index, or the pair it failed on.
type Less<'k> = dyn Fn(usize, usize) -> Result<bool, (usize, usize)> + 'k;

/// The run the list starts with, made ascending, and its length (3.11 and 3.12): strictly
/// descending or not descending.
fn count_run_3_11(a: &mut [usize], less: &Less) -> Result<usize, (usize, usize)> {
    let n = a.len();
    if n < 2 {
        return Ok(n);
    }
    let mut run = 2;
    if less(a[1], a[0])? {
        while run < n && less(a[run], a[run - 1])? {
            run += 1;
        }
        a[..run].reverse();
    } else {
        while run < n && !less(a[run], a[run - 1])? {
            run += 1;
        }
    }
    Ok(run)
}

/// The run the list starts with, made ascending, and its length (from 3.13): ascending, or
/// descending with runs of equal keys, which keep their order.
fn count_run_3_13(a: &mut [usize], less: &Less) -> Result<usize, (usize, usize)> {
    let len = a.len();
    let mut n = 1;
    while n < len && !less(a[n], a[n - 1])? {
        n += 1;
    }
    if n >= len {
        return Ok(len);
    }
    if n > 1 {
        if less(a[0], a[n - 1])? {
            return Ok(n);
        }
        a[..n].reverse();
    }
    n += 1;
    let mut equal = 0;
    let reverse_equal = |a: &mut [usize], n: usize, equal: &mut usize| {
        if *equal > 0 {
            a[n - *equal - 1..n].reverse();
            *equal = 0;
        }
    };
    while n < len {
        if less(a[n], a[n - 1])? {
            reverse_equal(a, n, &mut equal);
        } else if less(a[n - 1], a[n])? {
            break;
        } else {
            equal += 1;
        }
        n += 1;
    }
    reverse_equal(a, n, &mut equal);
    a[..n].reverse();
    while n < len && !less(a[n], a[n - 1])? {
        n += 1;
    }
    Ok(n)
}

/// Binary insertion of each key after the first `run` (`binarysort`).
fn binary_insertion(a: &mut [usize], run: usize, less: &Less) -> Result<(), (usize, usize)> {
    for start in run.max(1)..a.len() {
        let pivot = a[start];
        let (mut low, mut high) = (0, start);
        while low < high {
            let middle = low + ((high - low) >> 1);
            if less(pivot, a[middle])? {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        a[low..=start].rotate_right(1);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn error_of(keys: &[Val], minor: u8) -> Option<String> {
        match unorderable_keys(keys, minor) {
            Err(Stop::Throw(_, message)) => match *message {
                Val::Str(message) => Some(message),
                _ => None,
            },
            _ => None,
        }
    }

    /// Each as CPython 3.11 and 3.13 sort it (3.12 as 3.11).
    #[test]
    fn the_first_comparison_that_fails_is_cpythons() {
        let message =
            |left: &str, right: &str| Some(format!("'<' not supported between instances of '{left}' and '{right}'"));
        let s = |t: &str| Val::Str(t.to_owned());
        let keys = [Val::Int(2), Val::Int(1), Val::Int(1), s("a")];
        assert_eq!(error_of(&keys, 11), message("str", "int"));
        assert_eq!(error_of(&keys, 13), message("str", "int"));
        let keys = [Val::Bool(true), Val::Bool(true), Val::Int(0), Val::None];
        assert_eq!(error_of(&keys, 11), message("NoneType", "bool"));
        assert_eq!(error_of(&keys, 13), message("NoneType", "int"));
        assert_eq!(error_of(&[Val::Int(1), Val::Int(2)], 11), None);
    }
}
