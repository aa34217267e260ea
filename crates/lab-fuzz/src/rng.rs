//! A small, seeded, dependency-free PRNG (SplitMix64): every case is a pure function of
//! (seed, lab, case number), so any case can be replayed without the ones before it.

pub struct Rng(u64);

impl Rng {
    #[cfg(test)]
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The generator for case `index` of `lab` in a run seeded with `seed`.
    pub fn for_case(seed: u64, lab: &str, index: u64) -> Rng {
        // FNV-1a of the lab's name, so the labs do not see the same stream.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in lab.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        let mut r = Rng(seed ^ h.rotate_left(17) ^ index.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        r.next();
        r
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (0 when n is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True once in `n` times.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// A small number most of the time, now and then a large one: sizes and depths.
    pub fn skewed(&mut self, max: usize) -> usize {
        match self.below(10) {
            0..=5 => self.range(1, 4.min(max.max(1))),
            6..=8 => self.range(1, 32.min(max.max(1))),
            _ => self.range(1, max.max(1)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases_are_a_function_of_seed_lab_and_index() {
        let a: Vec<u64> = (0..8).map(|_| Rng::for_case(7, "dispatch", 3).next()).collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        assert_ne!(Rng::for_case(7, "dispatch", 3).next(), Rng::for_case(7, "dispatch", 4).next());
        assert_ne!(Rng::for_case(7, "dispatch", 3).next(), Rng::for_case(7, "protocol", 3).next());
        assert_ne!(Rng::for_case(7, "dispatch", 3).next(), Rng::for_case(8, "dispatch", 3).next());
    }

    #[test]
    fn below_and_range_stay_in_bounds() {
        let mut r = Rng::new(1);
        for _ in 0..10_000 {
            assert!(r.below(7) < 7);
            let x = r.range(3, 5);
            assert!((3..=5).contains(&x));
            assert!(r.skewed(100) <= 100);
        }
        assert_eq!(r.below(0), 0);
    }
}
