//! Feature hashing: every feature is one `u64`, built from a template number
//! and the values it combines, with no allocation.

use std::hash::{BuildHasherDefault, Hasher};

const K1: u64 = 0x9E37_79B9_7F4A_7C15;
const K2: u64 = 0xBF58_476D_1CE4_E5B9;

/// The splitmix64 finalizer: spreads every input bit over the output.
#[inline]
pub fn avalanche(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(K2);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

#[inline]
fn step(h: u64, v: u64) -> u64 {
    (h ^ v).wrapping_mul(K1).rotate_left(31)
}

/// A feature key from a template number and up to three values. Never 0,
/// which marks an empty slot in [`crate::perceptron::Weights`].
#[inline]
pub fn feature(template: u32, a: u64, b: u64, c: u64) -> u64 {
    let h = step(step(step(template as u64 + 1, a), b), c);
    avalanche(h).max(1)
}

/// Hash of a string's bytes.
#[inline]
pub fn str_hash(s: &str) -> u64 {
    bytes_hash(s.as_bytes())
}

#[inline]
pub fn bytes_hash(bytes: &[u8]) -> u64 {
    let mut h = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        h = step(h, u64::from_le_bytes(c.try_into().expect("8 bytes")));
    }
    let mut last = [0u8; 8];
    let rest = chunks.remainder();
    last[..rest.len()].copy_from_slice(rest);
    avalanche(step(h, u64::from_le_bytes(last)))
}

/// A hasher for keys that are already well-mixed `u64`s.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = bytes_hash(bytes);
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

pub type IdMap<V> = std::collections::HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// A small deterministic random number generator (xorshift64*), so that
/// training is the same for a given seed on every machine.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(avalanche(seed.wrapping_add(K1)).max(1))
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }
    /// A float in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}
