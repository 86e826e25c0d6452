//! Three-valued (Kleene) logic with the set of questions behind every unknown.

/// A set of question indices (the pack has at most 256 questions).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct QSet([u64; 4]);

impl QSet {
    pub fn one(q: usize) -> Self {
        let mut s = QSet::default();
        s.insert(q);
        s
    }

    pub fn insert(&mut self, q: usize) {
        if q < 256 {
            self.0[q / 64] |= 1 << (q % 64);
        }
    }

    pub fn contains(&self, q: usize) -> bool {
        q < 256 && self.0[q / 64] & (1 << (q % 64)) != 0
    }

    pub fn union(mut self, other: QSet) -> QSet {
        for (a, b) in self.0.iter_mut().zip(other.0) {
            *a |= b;
        }
        self
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|w| *w == 0)
    }

    pub fn len(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// The members in increasing order, in a vector of the exact size (collecting `iter`
    /// grows it step by step: most of an undetermined system's assessment time once).
    pub fn to_vec(&self) -> Vec<usize> {
        let mut v = Vec::with_capacity(self.len());
        v.extend(self.iter());
        v
    }

    /// The members in increasing order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(w, &word)| {
            let mut bits = word;
            std::iter::from_fn(move || {
                if bits == 0 {
                    return None;
                }
                let b = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                Some(w * 64 + b)
            })
        })
    }
}

/// A truth value: true, false, or unknown because of the questions in the set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tri {
    True,
    False,
    Unknown(QSet),
}

impl Tri {
    pub fn from_bool(b: bool) -> Tri {
        if b { Tri::True } else { Tri::False }
    }

    pub fn is_true(self) -> bool {
        self == Tri::True
    }

    pub fn is_false(self) -> bool {
        self == Tri::False
    }

    pub fn unknowns(self) -> QSet {
        match self {
            Tri::Unknown(s) => s,
            _ => QSet::default(),
        }
    }

    pub fn negate(self) -> Tri {
        match self {
            Tri::True => Tri::False,
            Tri::False => Tri::True,
            u => u,
        }
    }

    pub fn and(self, other: Tri) -> Tri {
        match (self, other) {
            (Tri::False, _) | (_, Tri::False) => Tri::False,
            (Tri::True, x) | (x, Tri::True) => x,
            (Tri::Unknown(a), Tri::Unknown(b)) => Tri::Unknown(a.union(b)),
        }
    }

    pub fn or(self, other: Tri) -> Tri {
        match (self, other) {
            (Tri::True, _) | (_, Tri::True) => Tri::True,
            (Tri::False, x) | (x, Tri::False) => x,
            (Tri::Unknown(a), Tri::Unknown(b)) => Tri::Unknown(a.union(b)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kleene_tables() {
        let u = Tri::Unknown(QSet::one(3));
        assert_eq!(Tri::False.and(u), Tri::False);
        assert_eq!(Tri::True.and(u), u);
        assert_eq!(Tri::True.or(u), Tri::True);
        assert_eq!(Tri::False.or(u), u);
        assert_eq!(u.negate(), u);
        let v = Tri::Unknown(QSet::one(7));
        assert_eq!(u.and(v).unknowns().iter().collect::<Vec<_>>(), vec![3, 7]);
        let mut s = QSet::default();
        for q in [0, 63, 64, 200, 255] {
            s.insert(q);
        }
        assert_eq!(s.iter().collect::<Vec<_>>(), vec![0, 63, 64, 200, 255]);
        assert_eq!(s.to_vec(), vec![0, 63, 64, 200, 255]);
        assert_eq!(s.len(), 5);
    }
}
