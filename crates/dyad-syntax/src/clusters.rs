//! Word clusters learned from unannotated text: words that appear between
//! the same neighbours (`Monday`, `Tuesday`; `said`, `added`) share a
//! cluster, which tells the tagger and parser something about words the
//! treebanks hold rarely or never.
//!
//! Each frequent word is described by the counts of its left and right
//! neighbours among the most frequent words, square-rooted and normalized;
//! spherical k-means groups the words into `FINE` clusters, and the fine
//! clusters' centres into `COARSE` ones. Deterministic: the first centres
//! are the most frequent words.

use crate::hash::IdMap;
use crate::io::{Reader, Writer};
use crate::ModelError;

const FINE: usize = 256;
const COARSE: usize = 32;
const CONTEXTS: usize = 1000;
const MAX_WORDS: usize = 50_000;
const MIN_COUNT: u32 = 4;
const ITERATIONS: usize = 10;

/// Cluster numbers for a word's lowercased form hash.
#[derive(Clone, Debug, Default)]
pub struct Clusters {
    /// Word hash to `fine << 16 | coarse`.
    map: IdMap<u32>,
}

/// What a word not in any cluster gets.
pub(crate) const NO_CLUSTER: (u64, u64) = (0xc1, 0xc2);

impl Clusters {
    /// `(fine, coarse)` cluster of a lowercased word hash.
    #[inline]
    pub fn get(&self, lower: u64) -> (u64, u64) {
        match self.map.get(&lower) {
            Some(&c) => ((c >> 16) as u64, (c & 0xffff) as u64 | 0x1_0000),
            None => NO_CLUSTER,
        }
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Learns clusters from sentences given as lowercased word hashes.
    pub(crate) fn learn(sentences: &[Vec<u64>], threads: usize) -> Clusters {
        let mut counts: IdMap<u32> = IdMap::default();
        for s in sentences {
            for &w in s {
                *counts.entry(w).or_default() += 1;
            }
        }
        let mut by_count: Vec<(u64, u32)> = counts
            .into_iter()
            .filter(|&(_, c)| c >= MIN_COUNT)
            .collect();
        by_count.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        by_count.truncate(MAX_WORDS);
        if by_count.len() < FINE * 2 {
            return Clusters::default();
        }
        let index: IdMap<u32> = by_count
            .iter()
            .enumerate()
            .map(|(i, &(w, _))| (w, i as u32))
            .collect();
        let dims = 2 * CONTEXTS;
        // Sparse neighbour counts per word.
        let mut rows: Vec<IdMap<f32>> = vec![IdMap::default(); by_count.len()];
        for s in sentences {
            for (i, w) in s.iter().enumerate() {
                let Some(&row) = index.get(w) else { continue };
                let row = &mut rows[row as usize];
                if i > 0 {
                    if let Some(&c) = index.get(&s[i - 1]).filter(|&&c| (c as usize) < CONTEXTS) {
                        *row.entry(c as u64).or_default() += 1.0;
                    }
                }
                if let Some(&c) = s
                    .get(i + 1)
                    .and_then(|n| index.get(n))
                    .filter(|&&c| (c as usize) < CONTEXTS)
                {
                    *row.entry((c as usize + CONTEXTS) as u64).or_default() += 1.0;
                }
            }
        }
        let vectors: Vec<Vec<(u32, f32)>> = rows
            .into_iter()
            .map(|r| {
                let mut v: Vec<(u32, f32)> =
                    r.into_iter().map(|(d, c)| (d as u32, c.sqrt())).collect();
                v.sort_unstable_by_key(|e| e.0);
                let norm = v.iter().map(|e| e.1 * e.1).sum::<f32>().sqrt().max(1e-9);
                v.iter_mut().for_each(|e| e.1 /= norm);
                v
            })
            .collect();
        let dense = |v: &Vec<(u32, f32)>| {
            let mut d = vec![0f32; dims];
            v.iter().for_each(|&(i, x)| d[i as usize] = x);
            d
        };
        let centres: Vec<Vec<f32>> = vectors[..FINE].iter().map(dense).collect();
        let (fine, centres) = kmeans_sparse(&vectors, centres, threads);
        let coarse = kmeans_dense(&centres, COARSE);
        let map = by_count
            .iter()
            .zip(&fine)
            .map(|(&(w, _), &f)| (w, (f as u32) << 16 | coarse[f] as u32))
            .collect();
        Clusters { map }
    }

    pub(crate) fn write(&self, w: &mut Writer) {
        let mut entries: Vec<(u64, u32)> = self.map.iter().map(|(&k, &v)| (k, v)).collect();
        entries.sort_unstable();
        w.u32(entries.len() as u32);
        for (k, v) in entries {
            w.u64(k);
            w.u32(v);
        }
    }

    pub(crate) fn read(r: &mut Reader) -> Result<Clusters, ModelError> {
        let n = r.u32()? as usize;
        let mut map = IdMap::default();
        map.reserve(n.min(1 << 22));
        for _ in 0..n {
            let k = r.u64()?;
            map.insert(k, r.u32()?);
        }
        Ok(Clusters { map })
    }
}

fn normalize(v: &mut [f32]) {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|x| *x /= norm);
    }
}

/// Spherical k-means of sparse unit vectors: each point's cluster and the
/// final centres.
fn kmeans_sparse(
    points: &[Vec<(u32, f32)>],
    mut centres: Vec<Vec<f32>>,
    threads: usize,
) -> (Vec<usize>, Vec<Vec<f32>>) {
    let k = centres.len();
    let dims = centres[0].len();
    let mut assign = vec![0usize; points.len()];
    let nearest = |p: &Vec<(u32, f32)>, centres: &[Vec<f32>]| {
        let mut best = (0, f32::MIN);
        for (c, centre) in centres.iter().enumerate() {
            let dot: f32 = p.iter().map(|&(i, x)| x * centre[i as usize]).sum();
            if dot > best.1 {
                best = (c, dot);
            }
        }
        best.0
    };
    for _ in 0..ITERATIONS {
        let chunk = points.len().div_ceil(threads.max(1));
        std::thread::scope(|scope| {
            for (ps, out) in points.chunks(chunk).zip(assign.chunks_mut(chunk)) {
                let centres = &centres;
                scope.spawn(move || {
                    for (p, a) in ps.iter().zip(out) {
                        *a = nearest(p, centres);
                    }
                });
            }
        });
        let mut sums = vec![vec![0f32; dims]; k];
        for (p, &a) in points.iter().zip(&assign) {
            for &(i, x) in p {
                sums[a][i as usize] += x;
            }
        }
        for (c, mut s) in sums.into_iter().enumerate() {
            normalize(&mut s);
            // An empty cluster keeps its old centre.
            if s.iter().any(|&x| x != 0.0) {
                centres[c] = s;
            }
        }
    }
    (assign, centres)
}

/// Plain k-means (cosine) of a few dense vectors, first `k` as seeds.
fn kmeans_dense(points: &[Vec<f32>], k: usize) -> Vec<usize> {
    let mut centres: Vec<Vec<f32>> = points[..k].to_vec();
    let mut assign = vec![0usize; points.len()];
    for _ in 0..ITERATIONS {
        for (p, a) in points.iter().zip(&mut assign) {
            let dots = centres
                .iter()
                .map(|c| c.iter().zip(p).map(|(x, y)| x * y).sum::<f32>());
            *a = dots
                .enumerate()
                .fold((0, f32::MIN), |b, (i, d)| if d > b.1 { (i, d) } else { b })
                .0;
        }
        let mut sums = vec![vec![0f32; points[0].len()]; k];
        for (p, &a) in points.iter().zip(&assign) {
            sums[a].iter_mut().zip(p).for_each(|(s, x)| *s += x);
        }
        for (c, mut s) in sums.into_iter().enumerate() {
            normalize(&mut s);
            if s.iter().any(|&x| x != 0.0) {
                centres[c] = s;
            }
        }
    }
    assign
}
