use crate::{Class, Module};

/// Deeper hierarchies than this are treated as cyclic (`class A(B)` / `class B(A)`).
const MAX_DEPTH: usize = 64;

impl Module {
    /// The method resolution order of `class` restricted to classes of this module, by C3
    /// linearization. When C3 fails (CPython would raise TypeError at class creation) the
    /// left-to-right depth-first order is used so the model still says something.
    pub fn mro<'m>(&'m self, class: &'m Class) -> Vec<&'m Class> {
        self.linearize(class, 0).unwrap_or_else(|| {
            let mut order = Vec::new();
            self.depth_first(class, &mut order, 0);
            order
        })
    }

    fn local_bases<'m>(&'m self, class: &'m Class) -> impl Iterator<Item = &'m Class> + 'm {
        class.base_names().filter_map(move |name| self.class(name)).filter(move |base| base.name != class.name)
    }

    fn linearize<'m>(&'m self, class: &'m Class, depth: usize) -> Option<Vec<&'m Class>> {
        if depth > MAX_DEPTH {
            return None;
        }
        let bases: Vec<&Class> = self.local_bases(class).collect();
        // Most classes have no base in the module; the labs ask for MROs thousands of times.
        if bases.is_empty() {
            return Some(vec![class]);
        }
        let mut sequences: Vec<Vec<&Class>> = Vec::with_capacity(bases.len() + 1);
        for base in &bases {
            sequences.push(self.linearize(base, depth + 1)?);
        }
        sequences.push(bases);
        let mut order = vec![class];
        loop {
            sequences.retain(|s| !s.is_empty());
            if sequences.is_empty() {
                return Some(order);
            }
            let head = sequences
                .iter()
                .map(|s| s[0])
                .find(|candidate| sequences.iter().all(|s| !s[1..].iter().any(|c| std::ptr::eq(*c, *candidate))))?;
            order.push(head);
            for sequence in &mut sequences {
                if std::ptr::eq(sequence[0], head) {
                    sequence.remove(0);
                }
            }
        }
    }

    fn depth_first<'m>(&'m self, class: &'m Class, order: &mut Vec<&'m Class>, depth: usize) {
        if depth > MAX_DEPTH || order.iter().any(|c| std::ptr::eq(*c, class)) {
            return;
        }
        order.push(class);
        for base in self.local_bases(class) {
            self.depth_first(base, order, depth + 1);
        }
    }
}
