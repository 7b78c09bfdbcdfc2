//! The averaged perceptron shared by the tagger and the parser.
//!
//! A feature is a hashed `u64` (see [`crate::hash::feature`]); each feature
//! holds a short sparse row of `(class, weight)` pairs, since a feature only
//! ever gets weight for the few classes it was seen with. Scoring costs one
//! hash probe per feature plus a walk along its row.

use crate::hash::IdMap;
use crate::io::{Reader, Writer};
use crate::ModelError;

/// Trained weights, frozen for fast scoring.
///
/// An open-addressing table (at most half full) of 8-byte slots, each a
/// 32-bit fingerprint of a feature key and the start of its row in one flat
/// array of 32-bit words. A row is a header word and then either `(class,
/// weight)` entries, one word each, or, for a feature seen with many classes
/// (a tag, a bias), every class's weight packed two to a word. Weights are
/// 16-bit integers times one `scale`, exactly as the model file stores them.
/// Compactness is speed here: the tables are bigger than the CPU caches, so
/// scoring time is mostly memory traffic.
///
/// Memory: 8 bytes per slot, 4 per sparse entry, 2 per dense weight, and 12
/// per feature for the full keys, which only saving and pruning read.
#[derive(Clone, Debug, Default)]
pub struct Weights {
    n_classes: usize,
    mask: usize,
    slots: Vec<u64>,
    rows: Vec<u32>,
    scale: f32,
    /// Every feature's full key and row start.
    keys: Vec<(u64, u32)>,
}

/// Reusable buffers for [`Weights::score`].
#[derive(Clone, Debug, Default)]
pub struct ScoreBuffer {
    found: Vec<u32>,
    sums: Vec<i32>,
}

/// Set in a row header for a dense row.
const DENSE: u32 = 1 << 31;

/// A slot's fingerprint: the key's upper half (the table index comes from
/// the lower bits), never 0 so that an empty slot is 0.
#[inline]
fn fingerprint(key: u64) -> u64 {
    (key >> 32) | 1
}

/// A weight as stored, unpacked.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Entry {
    class: u32,
    weight: f32,
}

impl Weights {
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Number of features with at least one weight.
    pub fn n_features(&self) -> usize {
        self.keys.len()
    }

    /// Sets `scores` (one per class) to the sum of the features' weights.
    #[inline]
    pub fn score(&self, features: &[u64], scores: &mut [f32], buffer: &mut ScoreBuffer) {
        let mut sums = std::mem::take(&mut buffer.sums);
        sums.clear();
        self.add_sums(features, &mut sums, buffer);
        self.scores_from_sums(&sums, scores);
        buffer.sums = sums;
    }

    /// Adds the features' weights to `sums`, one integer per class (and one
    /// for padding), in the units of [`scores_from_sums`](Self::scores_from_sums);
    /// an empty `sums` is first sized and zeroed. Integer sums are exact, so a
    /// caller may keep the sums of features that several scorings share and
    /// add the rest to a copy of them.
    ///
    /// Each feature costs two memory round trips (its slot, then its row).
    /// They are made in three passes, prefetching ahead, so that the round
    /// trips of all the features overlap instead of following one another.
    /// The dense rows are added in SIMD: with AVX2, where the CPU has it, 8
    /// or 16 classes an instruction, which makes the tagger and parser about
    /// a quarter faster than with the SSE2 that every x86-64 CPU has.
    #[inline]
    pub fn add_sums(&self, features: &[u64], sums: &mut Vec<i32>, buffer: &mut ScoreBuffer) {
        if sums.is_empty() {
            sums.resize(2 * self.n_classes.div_ceil(2), 0);
        }
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2, checked just above.
            return unsafe { self.add_sums_avx2(features, sums, &mut buffer.found) };
        }
        self.add_sums_with_any_simd(features, sums, &mut buffer.found)
    }

    /// `sums` (from [`add_sums`](Self::add_sums)) as scores, one per class.
    #[inline]
    pub fn scores_from_sums(&self, sums: &[i32], scores: &mut [f32]) {
        for (s, &a) in scores.iter_mut().zip(sums) {
            *s = a as f32 * self.scale;
        }
    }

    /// [`add_sums`](Self::add_sums) compiled for AVX2.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn add_sums_avx2(&self, features: &[u64], sums: &mut [i32], found: &mut Vec<u32>) {
        self.add_sums_with_any_simd(features, sums, found)
    }

    /// The body of [`add_sums`](Self::add_sums), inlined into each SIMD
    /// variant so that the compiler vectorizes it for that variant's
    /// instructions.
    #[inline(always)]
    fn add_sums_with_any_simd(&self, features: &[u64], acc: &mut [i32], found: &mut Vec<u32>) {
        if self.slots.is_empty() {
            return;
        }
        for &key in features {
            prefetch(&self.slots[key as usize & self.mask]);
        }
        found.clear();
        for &key in features {
            let fp = fingerprint(key);
            let mut i = key as usize & self.mask;
            loop {
                let slot = self.slots[i];
                if slot >> 32 == fp {
                    let start = slot as u32;
                    if let Some(r) = self.rows.get(start as usize) {
                        prefetch(r);
                    }
                    found.push(start);
                    break;
                }
                if slot == 0 {
                    break;
                }
                i = (i + 1) & self.mask;
            }
        }
        for &start in found.iter() {
            let start = start as usize;
            let header = self.rows[start];
            if header & DENSE != 0 {
                for (a, &w) in acc.iter_mut().zip(self.dense(start)) {
                    *a += w as i32;
                }
            } else {
                for &e in &self.rows[start + 1..start + 1 + header as usize] {
                    if let Some(s) = acc.get_mut((e >> 16) as usize) {
                        *s += e as u16 as i16 as i32;
                    }
                }
            }
        }
    }

    /// Builds the table from rows given as `(key, start, len)` into `flat`.
    fn from_rows(n_classes: usize, rows: &[(u64, u32, u32)], flat: &[Entry]) -> Weights {
        let max = flat.iter().fold(0f32, |m, e| m.max(e.weight.abs()));
        let scale = if max > 0.0 {
            max / i16::MAX as f32
        } else {
            1.0
        };
        let quantize = |w: f32| (w / scale).round() as i16;
        let capacity = (rows.len() * 2).next_power_of_two().max(16);
        let mask = capacity - 1;
        let mut slots = vec![0u64; capacity];
        let mut words = Vec::with_capacity(rows.len() + flat.len());
        let mut keys = Vec::with_capacity(rows.len());
        for (n, &(key, start, len)) in rows.iter().enumerate() {
            // Random writes into a table bigger than the caches: ask for
            // the slots a few rows ahead.
            if let Some(&(ahead, _, _)) = rows.get(n + 16) {
                prefetch(&slots[ahead as usize & mask]);
            }
            let row = &flat[start as usize..(start + len) as usize];
            let at = words.len() as u32;
            if row.len() * 4 >= n_classes {
                let mut dense = vec![0i16; 2 * n_classes.div_ceil(2)];
                row.iter()
                    .for_each(|e| dense[e.class as usize] = quantize(e.weight));
                words.push(DENSE);
                words.extend_from_slice(bytemuck::cast_slice(&dense));
            } else {
                words.push(row.len() as u32);
                words.extend(
                    row.iter()
                        .map(|e| e.class << 16 | quantize(e.weight) as u16 as u32),
                );
            }
            let mut i = key as usize & mask;
            while slots[i] != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = fingerprint(key) << 32 | at as u64;
            keys.push((key, at));
        }
        Weights {
            n_classes,
            mask,
            slots,
            rows: words,
            scale,
            keys,
        }
    }

    /// The weights of the dense row at `start`, one per class (and a last
    /// one for padding when the class count is odd).
    #[inline(always)]
    fn dense(&self, start: usize) -> &[i16] {
        bytemuck::cast_slice(&self.rows[start + 1..start + 1 + self.n_classes.div_ceil(2)])
    }

    /// The non-zero `(class, weight)` pairs of the row at `start`.
    fn row(&self, start: u32) -> Vec<Entry> {
        let start = start as usize;
        let header = self.rows[start];
        let entries: Vec<Entry> = if header & DENSE != 0 {
            self.dense(start)[..self.n_classes]
                .iter()
                .enumerate()
                .map(|(c, &w)| Entry {
                    class: c as u32,
                    weight: w as f32 * self.scale,
                })
                .collect()
        } else {
            let row = &self.rows[start + 1..start + 1 + header as usize];
            row.iter()
                .map(|&e| Entry {
                    class: e >> 16,
                    weight: e as u16 as i16 as f32 * self.scale,
                })
                .collect()
        };
        entries.into_iter().filter(|e| e.weight != 0.0).collect()
    }

    /// The same weights without those smaller than `min_weight` in absolute
    /// value.
    pub fn pruned(&self, min_weight: f32) -> Weights {
        let mut rows = Vec::new();
        let mut flat = Vec::new();
        for &(key, start) in &self.keys {
            let at = flat.len();
            flat.extend(
                self.row(start)
                    .into_iter()
                    .filter(|e| e.weight.abs() >= min_weight),
            );
            if flat.len() > at {
                rows.push((key, at as u32, (flat.len() - at) as u32));
            }
        }
        Weights::from_rows(self.n_classes, &rows, &flat)
    }

    /// Writes the features in the order they were built, with their weights
    /// as 16-bit integers times one scale.
    pub(crate) fn write(&self, w: &mut Writer) {
        w.u32(self.n_classes as u32);
        w.f32(self.scale);
        w.u32(self.keys.len() as u32);
        for &(key, start) in &self.keys {
            let row = self.row(start);
            w.u64(key);
            w.u32(row.len() as u32);
            for e in row {
                w.u16(e.class as u16);
                w.u16((e.weight / self.scale).round() as i16 as u16);
            }
        }
    }

    pub(crate) fn read(r: &mut Reader) -> Result<Weights, ModelError> {
        let n_classes = r.u32()? as usize;
        let scale = r.f32()?;
        if n_classes >= 1 << 15 || !scale.is_finite() {
            return Err(r.error("bad class count or weight scale"));
        }
        let n = r.u32()? as usize;
        let mut rows = Vec::with_capacity(n.min(1 << 24));
        let mut flat = Vec::new();
        for _ in 0..n {
            let key = r.u64()?;
            let len = r.u32()? as usize;
            let start = flat.len();
            for _ in 0..len {
                let class = r.u16()? as u32;
                let weight = r.u16()? as i16 as f32 * scale;
                if class as usize >= n_classes {
                    return Err(r.error("weight for a class out of range"));
                }
                if weight != 0.0 {
                    flat.push(Entry { class, weight });
                }
            }
            if flat.len() > start {
                rows.push((key, start as u32, (flat.len() - start) as u32));
            }
        }
        Ok(Weights::from_rows(n_classes, &rows, &flat))
    }
}

/// Asks the CPU to start loading `value`'s cache line.
#[inline(always)]
fn prefetch<T>(value: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: prefetching is a hint with no effect on memory, and the
    // pointer comes from a live reference.
    unsafe {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        _mm_prefetch::<_MM_HINT_T0>((value as *const T).cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}

/// Weights being learned, with the running sums that averaging needs.
#[derive(Debug)]
pub struct Trainer {
    n_classes: usize,
    index: IdMap<u32>,
    rows: Vec<Vec<TrainEntry>>,
    /// Number of training instances seen so far: the averaging clock.
    now: u32,
}

#[derive(Clone, Copy, Debug)]
struct TrainEntry {
    class: u16,
    /// When `weight` last changed.
    stamp: u32,
    weight: f32,
    /// Sum of `weight` over the instances before `stamp`.
    total: f64,
}

impl Trainer {
    pub fn new(n_classes: usize) -> Trainer {
        assert!(n_classes <= u16::MAX as usize, "too many classes");
        Trainer {
            n_classes,
            index: IdMap::default(),
            rows: Vec::new(),
            now: 0,
        }
    }

    /// Scores with the current (not averaged) weights.
    pub fn score(&self, features: &[u64], scores: &mut [f32]) {
        scores.fill(0.0);
        for key in features {
            if let Some(&row) = self.index.get(key) {
                for e in &self.rows[row as usize] {
                    scores[e.class as usize] += e.weight;
                }
            }
        }
    }

    /// Advances the averaging clock by one instance.
    pub fn tick(&mut self) {
        self.now += 1;
    }

    /// Moves the weights towards `truth` and away from `guess`.
    pub fn update(&mut self, features: &[u64], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        self.add(features, truth, 1.0);
        self.add(features, guess, -1.0);
    }

    /// Adds `delta` to the weight of every feature for `class`: one half of
    /// a structured update, which rewards one sequence of decisions and
    /// penalizes another.
    pub fn add(&mut self, features: &[u64], class: usize, delta: f32) {
        let now = self.now;
        let class = class as u16;
        for &key in features {
            let next = self.rows.len() as u32;
            let row = *self.index.entry(key).or_insert(next);
            if row == next {
                self.rows.push(Vec::new());
            }
            let row = &mut self.rows[row as usize];
            let e = match row.iter().position(|e| e.class == class) {
                Some(i) => &mut row[i],
                None => {
                    row.push(TrainEntry {
                        class,
                        stamp: now,
                        weight: 0.0,
                        total: 0.0,
                    });
                    row.last_mut().expect("just pushed")
                }
            };
            e.total += (now - e.stamp) as f64 * e.weight as f64;
            e.stamp = now;
            e.weight += delta;
        }
    }

    /// The averaged weights.
    pub fn average(&self) -> Weights {
        let now = self.now.max(1) as f64;
        let mut rows = Vec::with_capacity(self.rows.len());
        let mut flat = Vec::new();
        let mut keys: Vec<(u64, u32)> = self.index.iter().map(|(&k, &v)| (k, v)).collect();
        keys.sort_unstable();
        for (key, row) in keys {
            let mut entries: Vec<Entry> = self.rows[row as usize]
                .iter()
                .map(|e| {
                    let total = e.total + (self.now - e.stamp) as f64 * e.weight as f64;
                    Entry {
                        class: e.class as u32,
                        weight: (total / now) as f32,
                    }
                })
                .filter(|e| e.weight != 0.0)
                .collect();
            if !entries.is_empty() {
                entries.sort_unstable_by_key(|e| e.class);
                rows.push((key, flat.len() as u32, entries.len() as u32));
                flat.extend(entries);
            }
        }
        Weights::from_rows(self.n_classes, &rows, &flat)
    }
}

/// The highest-scoring class among those `allowed`, or `None` if none is.
#[inline]
pub fn best(scores: &[f32], allowed: impl Fn(usize) -> bool) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for (c, &s) in scores.iter().enumerate() {
        if allowed(c) && best.is_none_or(|(_, b)| s > b) {
            best = Some((c, s));
        }
    }
    best.map(|(c, _)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_problem_and_round_trips() {
        let mut t = Trainer::new(3);
        let data = [(vec![11u64, 1], 0usize), (vec![12, 1], 1), (vec![13, 1], 2)];
        let mut scores = [0.0; 3];
        for _ in 0..5 {
            for (f, y) in &data {
                t.score(f, &mut scores);
                let guess = best(&scores, |_| true).unwrap();
                t.update(f, *y, guess);
                t.tick();
            }
        }
        let w = t.average();
        let mut buffer = ScoreBuffer::default();
        for (f, y) in &data {
            w.score(f, &mut scores, &mut buffer);
            assert_eq!(best(&scores, |_| true), Some(*y));
        }
        let mut out = Writer::default();
        w.write(&mut out);
        let bytes = out.into_bytes();
        let again = Weights::read(&mut Reader::new(&bytes)).unwrap();
        assert_eq!(again.n_features(), w.n_features());
        again.score(&[12, 1], &mut scores, &mut buffer);
        assert_eq!(best(&scores, |_| true), Some(1));
    }
}
