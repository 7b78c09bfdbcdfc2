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
/// An open-addressing table of feature keys (half full at most) points
/// into the rows. A row with few classes is a list of `(class, weight)`
/// entries; a row with many (a tag or a bias feature, seen with every
/// class) is stored dense, one weight per class, which adds up in SIMD.
/// Memory: 16 bytes per slot, 8 per sparse entry, 4 per dense weight.
#[derive(Clone, Debug, Default)]
pub struct Weights {
    n_classes: usize,
    mask: usize,
    slots: Vec<Slot>,
    entries: Vec<Entry>,
    dense: Vec<f32>,
}

/// `len == DENSE` marks a dense row starting at `start` in `dense`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Slot {
    key: u64,
    start: u32,
    len: u32,
}

const DENSE: u32 = u32::MAX;

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
        self.slots.iter().filter(|s| s.key != 0).count()
    }

    /// Sets `scores` (one per class) to the sum of the features' weights.
    ///
    /// The table is far bigger than the CPU caches, so each feature costs
    /// two memory round trips (its slot, then its row). They are made in
    /// three passes, prefetching ahead, so that the round trips of all the
    /// features overlap instead of following one another; `rows` is a
    /// buffer for the rows found.
    #[inline]
    pub fn score(&self, features: &[u64], scores: &mut [f32], rows: &mut Vec<(u32, u32)>) {
        scores.fill(0.0);
        if self.slots.is_empty() {
            return;
        }
        for &key in features {
            prefetch(&self.slots[key as usize & self.mask]);
        }
        rows.clear();
        for &key in features {
            let mut i = key as usize & self.mask;
            loop {
                let slot = &self.slots[i];
                if slot.key == key {
                    if slot.len == DENSE {
                        if let Some(w) = self.dense.get(slot.start as usize) {
                            prefetch(w);
                        }
                    } else if let Some(e) = self.entries.get(slot.start as usize) {
                        prefetch(e);
                    }
                    rows.push((slot.start, slot.len));
                    break;
                }
                if slot.key == 0 {
                    break;
                }
                i = (i + 1) & self.mask;
            }
        }
        let n = self.n_classes.min(scores.len());
        let scores = &mut scores[..n];
        for &(start, len) in rows.iter() {
            let start = start as usize;
            if len == DENSE {
                for (s, w) in scores.iter_mut().zip(&self.dense[start..start + n]) {
                    *s += w;
                }
            } else {
                for e in &self.entries[start..start + len as usize] {
                    if let Some(s) = scores.get_mut(e.class as usize) {
                        *s += e.weight;
                    }
                }
            }
        }
    }

    /// Builds the table from rows given as `(key, start, len)` into `flat`.
    fn from_rows(n_classes: usize, rows: &[(u64, u32, u32)], flat: &[Entry]) -> Weights {
        let capacity = (rows.len() * 2).next_power_of_two().max(16);
        let mask = capacity - 1;
        let mut slots = vec![Slot::default(); capacity];
        let mut entries = Vec::new();
        let mut dense = Vec::new();
        for &(key, start, len) in rows {
            let row = &flat[start as usize..(start + len) as usize];
            let mut i = key as usize & mask;
            while slots[i].key != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = if row.len() * 4 >= n_classes {
                let at = dense.len();
                dense.resize(at + n_classes, 0.0);
                row.iter()
                    .for_each(|e| dense[at + e.class as usize] = e.weight);
                Slot {
                    key,
                    start: at as u32,
                    len: DENSE,
                }
            } else {
                entries.extend_from_slice(row);
                Slot {
                    key,
                    start: (entries.len() - row.len()) as u32,
                    len: row.len() as u32,
                }
            };
        }
        Weights {
            n_classes,
            mask,
            slots,
            entries,
            dense,
        }
    }

    /// The same weights without those smaller than `min_weight` in absolute
    /// value.
    pub fn pruned(&self, min_weight: f32) -> Weights {
        let mut rows = Vec::new();
        let mut flat = Vec::new();
        for slot in self.slots.iter().filter(|s| s.key != 0) {
            let start = flat.len();
            let row = self
                .row(slot)
                .into_iter()
                .filter(|&(_, w)| w.abs() >= min_weight);
            flat.extend(row.map(|(class, weight)| Entry { class, weight }));
            if flat.len() > start {
                rows.push((slot.key, start as u32, (flat.len() - start) as u32));
            }
        }
        Weights::from_rows(self.n_classes, &rows, &flat)
    }

    /// A slot's non-zero `(class, weight)` pairs.
    fn row(&self, slot: &Slot) -> Vec<(u32, f32)> {
        let start = slot.start as usize;
        if slot.len == DENSE {
            let row = self.dense[start..start + self.n_classes].iter().enumerate();
            row.filter(|(_, &w)| w != 0.0)
                .map(|(c, &w)| (c as u32, w))
                .collect()
        } else {
            self.entries[start..start + slot.len as usize]
                .iter()
                .map(|e| (e.class, e.weight))
                .collect()
        }
    }

    /// Writes the features in table order, so the file does not depend on
    /// anything but the weights. Weights are stored as 16-bit integers
    /// times one scale: that loses nothing a perceptron's decisions notice
    /// and halves the file.
    pub(crate) fn write(&self, w: &mut Writer) {
        w.u32(self.n_classes as u32);
        let max = self
            .entries
            .iter()
            .map(|e| e.weight)
            .chain(self.dense.iter().copied());
        let max = max.fold(0f32, |m, x| m.max(x.abs()));
        let scale = if max > 0.0 {
            max / i16::MAX as f32
        } else {
            1.0
        };
        w.f32(scale);
        let live: Vec<&Slot> = self.slots.iter().filter(|s| s.key != 0).collect();
        w.u32(live.len() as u32);
        for slot in live {
            let row = self.row(slot);
            w.u64(slot.key);
            w.u32(row.len() as u32);
            for (class, weight) in row {
                w.u16(class as u16);
                w.u16((weight / scale).round() as i16 as u16);
            }
        }
    }

    pub(crate) fn read(r: &mut Reader) -> Result<Weights, ModelError> {
        let n_classes = r.u32()? as usize;
        let scale = r.f32()?;
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
                if class as usize >= n_classes || key == 0 {
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
        let now = self.now;
        for &key in features {
            let next = self.rows.len() as u32;
            let row = *self.index.entry(key).or_insert(next);
            if row == next {
                self.rows.push(Vec::new());
            }
            let row = &mut self.rows[row as usize];
            for (class, delta) in [(truth, 1.0), (guess, -1.0)] {
                let class = class as u16;
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
        let mut rows = Vec::new();
        for (f, y) in &data {
            w.score(f, &mut scores, &mut rows);
            assert_eq!(best(&scores, |_| true), Some(*y));
        }
        let mut out = Writer::default();
        w.write(&mut out);
        let bytes = out.into_bytes();
        let again = Weights::read(&mut Reader::new(&bytes)).unwrap();
        assert_eq!(again.n_features(), w.n_features());
        again.score(&[12, 1], &mut scores, &mut rows);
        assert_eq!(best(&scores, |_| true), Some(1));
    }
}
