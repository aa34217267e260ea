//! CPython's "Did you mean" suggestion (`Python/suggestions.c`), which 3.13+ appends to
//! "got an unexpected keyword argument" errors: the candidate nearest to the name by CPython's
//! Levenshtein distance. The dispatch and finalize labs both predict that error.

/// What a substitution or a move of one character costs, and a change of its case only.
const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;
/// Longer names (past their common ends) get no suggestion.
const MAX_STRING_SIZE: usize = 40;

/// The closest of `candidates` to `name` within CPython's distance budget (no more than a third
/// of the characters involved may change), the first one winning ties
/// (`calculate_suggestions`).
pub fn suggest<'c>(name: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let mut best: Option<(&str, usize)> = None;
    for candidate in candidates.into_iter().filter(|c| *c != name) {
        let mut max_distance = (name.len() + candidate.len() + 3) * MOVE_COST / 6;
        if let Some((_, best_distance)) = best {
            max_distance = max_distance.min(best_distance.saturating_sub(1));
        }
        let distance = levenshtein(name.as_bytes(), candidate.as_bytes(), max_distance);
        if distance <= max_distance && best.is_none_or(|(_, best_distance)| distance < best_distance) {
            best = Some((candidate, distance));
        }
    }
    best.map(|(candidate, _)| candidate)
}

fn substitution_cost(a: u8, b: u8) -> usize {
    if a == b {
        0
    } else if a.eq_ignore_ascii_case(&b) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

/// CPython's `levenshtein_distance` on UTF-8 bytes: past `max_cost` it answers `max_cost + 1`.
fn levenshtein(a: &[u8], b: &[u8], max_cost: usize) -> usize {
    let common_prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[common_prefix..], &b[common_prefix..]);
    let common_suffix = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[..a.len() - common_suffix], &b[..b.len() - common_suffix]);
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max_cost + 1;
    }
    let (a, b) = if b.len() < a.len() { (b, a) } else { (a, b) };
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    // One row of the matrix, updated in place: the cost from b[..0] to a[..=i].
    let mut row: Vec<usize> = (1..=a.len()).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (b_index, &code) in b.iter().enumerate() {
        let mut distance = b_index * MOVE_COST;
        result = distance;
        let mut minimum = usize::MAX;
        for (index, &other) in a.iter().enumerate() {
            let substitute = distance + substitution_cost(code, other);
            distance = row[index];
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            row[index] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost + 1;
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::suggest;

    /// Expectations observed on CPython 3.11, whose AttributeError suggestions (printed by the
    /// interpreter over sorted `dir()` names) use the same algorithm.
    #[test]
    fn suggests_like_cpython() {
        assert_eq!(suggest("nmae", vec!["name", "value"]), None);
        assert_eq!(suggest("nane", vec!["name", "value"]), Some("name"));
        assert_eq!(suggest("args", vec!["arg", "x"]), Some("arg"));
        assert_eq!(suggest("args", vec!["arg", "argv"]), Some("arg"));
        assert_eq!(suggest("kwargs", vec!["karg", "kwarg"]), Some("kwarg"));
        assert_eq!(suggest("Name", vec!["nam", "name"]), Some("name"));
        assert_eq!(suggest("arg", vec!["args", "argv"]), Some("args"));
        assert_eq!(suggest("args", vec!["x", "y"]), None);
    }

    /// What CPython 3.13 suggests for each (checked there).
    #[test]
    fn suggestions_are_cpythons() {
        let cases: [(&str, &[&str], Option<&str>); 10] = [
            ("kk", &["self", "x", "k"], Some("k")),
            ("nmae", &["a", "b"], None),
            ("nmae", &["name"], None),
            ("naem", &["name"], None),
            ("Name", &["self", "name"], Some("name")),
            ("nme", &["name"], Some("name")),
            ("nam", &["name"], Some("name")),
            ("namee", &["name"], Some("name")),
            ("nmes", &["self", "name", "nam", "names"], Some("names")),
            ("c", &["a", "b"], None),
        ];
        for (keyword, candidates, expected) in cases {
            assert_eq!(suggest(keyword, candidates.iter().copied()), expected, "{keyword} among {candidates:?}");
        }
    }
}
