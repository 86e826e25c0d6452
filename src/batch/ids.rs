//! The system ids seen so far, to find a duplicate: a 64-bit key per id (see `id_key`) and the
//! line it was on, 12 bytes a slot in open-addressed tables, in 16 shards so that growing one
//! never holds two copies of the whole set.

/// Shards, by the top bits of the key.
const SHARDS: usize = 16;

/// Slots of a new shard.
const FIRST_SLOTS: usize = 256;

#[derive(Debug)]
pub struct Seen {
    shards: Vec<Shard>,
}

/// One open-addressed table with linear probing: key 0 marks an empty slot.
#[derive(Debug)]
struct Shard {
    keys: Vec<u64>,
    lines: Vec<u32>,
    len: usize,
}

impl Default for Seen {
    fn default() -> Self {
        Seen {
            shards: (0..SHARDS)
                .map(|_| Shard {
                    keys: vec![0; FIRST_SLOTS],
                    lines: vec![0; FIRST_SLOTS],
                    len: 0,
                })
                .collect(),
        }
    }
}

impl Seen {
    /// Records a key and its line; if the key was seen before, nothing is recorded and the
    /// line of the first is returned. (Key 0, which marks an empty slot, counts as key 1.)
    pub fn insert(&mut self, key: u64, line: u32) -> Option<u32> {
        let key = key.max(1);
        let shard = &mut self.shards[(key >> 60) as usize % SHARDS];
        if let Some(first) = shard.find(key) {
            return Some(first);
        }
        // At most 7 slots in 8 taken: probes stay short.
        if (shard.len + 1) * 8 > shard.keys.len() * 7 {
            shard.grow();
        }
        shard.put(key, line);
        None
    }
}

impl Shard {
    fn mask(&self) -> usize {
        self.keys.len() - 1
    }

    fn find(&self, key: u64) -> Option<u32> {
        let mask = self.mask();
        let mut i = key as usize & mask;
        loop {
            match self.keys[i] {
                0 => return None,
                k if k == key => return Some(self.lines[i]),
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// Puts a key that is not in the table into its first free slot.
    fn put(&mut self, key: u64, line: u32) {
        let mask = self.mask();
        let mut i = key as usize & mask;
        while self.keys[i] != 0 {
            i = (i + 1) & mask;
        }
        self.keys[i] = key;
        self.lines[i] = line;
        self.len += 1;
    }

    fn grow(&mut self) {
        let slots = self.keys.len() * 2;
        let keys = std::mem::replace(&mut self.keys, vec![0; slots]);
        let lines = std::mem::replace(&mut self.lines, vec![0; slots]);
        self.len = 0;
        for (key, line) in keys.into_iter().zip(lines).filter(|(k, _)| *k != 0) {
            self.put(key, line);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_seen_before_gives_the_first_line() {
        let mut seen = Seen::default();
        let keys: Vec<u64> = (0..100_000u64)
            .map(|i| i.wrapping_mul(0x9e37_79b9_7f4a_7c15))
            .collect();
        for (line, key) in keys.iter().enumerate() {
            assert_eq!(seen.insert(*key, line as u32), None, "key {key}");
        }
        for (line, key) in keys.iter().enumerate() {
            assert_eq!(seen.insert(*key, 7), Some(line as u32));
        }
        // Keys that share their low and their top bits land in the same shard and slot.
        let same_slot = [1 << 20, 2 << 20, 3 << 20];
        for (line, key) in same_slot.iter().enumerate() {
            assert_eq!(seen.insert(*key, line as u32), None);
        }
        assert_eq!(seen.insert(2 << 20, 9), Some(1));
        // The first key is 0, kept as 1.
        assert_eq!(keys[0], 0);
        assert_eq!(seen.insert(1, 9), Some(0));
    }
}
