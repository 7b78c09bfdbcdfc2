//! Matrices of 8-bit weights multiplied by vectors of 8-bit activations,
//! the arithmetic of the neural parser ([`crate::biaffine`]).
//!
//! An activation `a` in `[-1, 1]` (or scaled into it) is held as the byte
//! `128 + round(127 a)`; a weight column as bytes `round(w / c)` with one
//! f32 scale `c` per output. A product is then an exact i32 sum, corrected
//! for the 128 offset with the column's precomputed sum and scaled once.
//! On x86-64 CPUs with AVX-512 VNNI (Intel since Ice Lake, AMD since Zen 4)
//! each `vpdpbusd` instruction does 64 multiply-adds; elsewhere a portable
//! loop gives the same sums, a few times slower. Both are tested equal.

use crate::io::{Reader, Writer};
use crate::ModelError;

/// An 8-bit matrix of `outputs` rows by `inputs` columns (`inputs` a
/// multiple of 4, `outputs` of 16), stored in blocks of 16 rows by 4
/// columns, 64 bytes: lane j holds row j's four columns. That is the layout
/// `vpdpbusd` multiplies by four input bytes broadcast to every lane.
#[derive(Clone, Debug)]
pub(crate) struct Int8Matrix {
    blocks: Vec<i8>,
    inputs: usize,
    outputs: usize,
    /// 128 × each row's sum: what the inputs' offset adds to the sums.
    offset: Vec<i32>,
    /// Per row: the weights' scale times the inputs' scale.
    scale: Vec<f32>,
}

/// An activation in `[-1, 1]` as a byte (`128 + round(127 a)`), clamped.
#[inline(always)]
pub(crate) fn activation_byte(a: f32) -> u8 {
    // The 1.5 × 2²³ trick rounds in the float unit, so loops vectorize.
    const ROUND: f32 = 12_582_912.0;
    let a = a.clamp(-1.0, 1.0);
    ((a * 127.0 + 128.0 + ROUND).to_bits() & 0xff) as u8
}

pub(crate) fn round_up(n: usize, to: usize) -> usize {
    n.div_ceil(to) * to
}

impl Int8Matrix {
    /// Quantizes `w`, `inputs` rows of `outputs` f32 weights (`w[i][o]`,
    /// the layout of `x · W`), for inputs whose bytes stand for
    /// `input_scale[i] × (byte - 128) / 127`. Pads to whole blocks.
    pub fn quantize(w: &[f32], inputs: usize, outputs: usize, input_scale: &[f32]) -> Int8Matrix {
        assert_eq!(w.len(), inputs * outputs);
        assert_eq!(input_scale.len(), inputs);
        let (padded_in, padded_out) = (round_up(inputs, 4), round_up(outputs, 16));
        let mut rows = vec![0i8; padded_in * padded_out];
        let mut scale = vec![0.0f32; padded_out];
        for o in 0..outputs {
            let largest = (0..inputs)
                .map(|i| (w[i * outputs + o] * input_scale[i]).abs())
                .fold(0.0f32, f32::max);
            let step = if largest > 0.0 { largest / 127.0 } else { 1.0 };
            for i in 0..inputs {
                let q = (w[i * outputs + o] * input_scale[i] / step).round();
                rows[o * padded_in + i] = q.clamp(-127.0, 127.0) as i8;
            }
            scale[o] = step / 127.0;
        }
        Int8Matrix::from_rows(rows, padded_in, padded_out, scale)
    }

    fn from_rows(rows: Vec<i8>, inputs: usize, outputs: usize, scale: Vec<f32>) -> Int8Matrix {
        let groups = inputs / 4;
        let mut blocks = Vec::with_capacity(rows.len());
        for block in 0..outputs / 16 {
            for group in 0..groups {
                for lane in 0..16 {
                    let row = block * 16 + lane;
                    blocks.extend_from_slice(&rows[row * inputs + group * 4..][..4]);
                }
            }
        }
        let offset = (0..outputs)
            .map(|r| {
                let sum: i32 = rows[r * inputs..][..inputs].iter().map(|&w| w as i32).sum();
                128 * sum
            })
            .collect();
        Int8Matrix {
            blocks,
            inputs,
            outputs,
            offset,
            scale,
        }
    }

    /// The matrix of the inputs in `ranges` (`(first, count)`, in order)
    /// alone, padded with zero weights to a multiple of 4, with every row's
    /// scale 1: its products are the exact integer sums those inputs
    /// contribute (as floats, exact below 2²⁴, so for up to 512 inputs).
    pub fn columns(&self, ranges: &[(usize, usize)]) -> Int8Matrix {
        let all = self.rows();
        let count: usize = ranges.iter().map(|r| r.1).sum();
        let padded = round_up(count, 4);
        let mut rows = vec![0i8; padded * self.outputs];
        for r in 0..self.outputs {
            let mut at = r * padded;
            for &(first, n) in ranges {
                rows[at..][..n].copy_from_slice(&all[r * self.inputs + first..][..n]);
                at += n;
            }
        }
        Int8Matrix::from_rows(rows, padded, self.outputs, vec![1.0; self.outputs])
    }

    /// Per row: the factor from integer sums to outputs.
    pub fn scales(&self) -> &[f32] {
        &self.scale
    }

    pub fn inputs(&self) -> usize {
        self.inputs
    }

    pub fn outputs(&self) -> usize {
        self.outputs
    }

    /// The weights in row order, as [`Int8Matrix::write`] stores them.
    fn rows(&self) -> Vec<i8> {
        let groups = self.inputs / 4;
        let mut rows = vec![0i8; self.inputs * self.outputs];
        for (k, chunk) in self.blocks.chunks_exact(64).enumerate() {
            let (block, group) = (k / groups, k % groups);
            for lane in 0..16 {
                let row = block * 16 + lane;
                rows[row * self.inputs + group * 4..][..4].copy_from_slice(&chunk[lane * 4..][..4]);
            }
        }
        rows
    }

    pub fn write(&self, w: &mut Writer) {
        w.u32(self.inputs as u32);
        w.u32(self.outputs as u32);
        for &s in &self.scale {
            w.f32(s);
        }
        w.bytes(bytemuck::cast_slice(&self.rows()));
    }

    pub fn read(r: &mut Reader) -> Result<Int8Matrix, ModelError> {
        let inputs = r.u32()? as usize;
        let outputs = r.u32()? as usize;
        if !inputs.is_multiple_of(4) || !outputs.is_multiple_of(16) || inputs * outputs > 1 << 28 {
            return Err(r.error("bad 8-bit matrix size"));
        }
        let scale = (0..outputs).map(|_| r.f32()).collect::<Result<_, _>>()?;
        let rows = bytemuck::cast_slice(r.bytes(inputs * outputs)?).to_vec();
        Ok(Int8Matrix::from_rows(rows, inputs, outputs, scale))
    }

    /// `out[p][r] += scale[r] × Σ_i row r[i] × (x[p][i] - 128)` for every
    /// position p: `x` holds positions of `inputs` bytes, `out` of
    /// `outputs` floats. Several positions share each weight load.
    pub fn multiply_add(&self, x: &[u8], out: &mut [f32]) {
        let n = x.len() / self.inputs;
        assert!(x.len() == n * self.inputs && out.len() == n * self.outputs);
        self.multiply_add_rows(x, out, n, |p| p * self.outputs);
    }

    /// As [`Int8Matrix::multiply_add`], but position p's outputs are
    /// `out[starts[p]..][..outputs]`: rows that need not be side by side.
    pub fn multiply_add_at(&self, x: &[u8], out: &mut [f32], starts: &[usize]) {
        let n = x.len() / self.inputs;
        assert!(x.len() == n * self.inputs && starts.len() == n);
        assert!(starts.iter().all(|&s| s + self.outputs <= out.len()));
        self.multiply_add_rows(x, out, n, |p| starts[p]);
    }

    /// `n` positions, position p's outputs from `out[start(p)]`, checked
    /// to fit by the caller.
    fn multiply_add_rows(
        &self,
        x: &[u8],
        out: &mut [f32],
        n: usize,
        start: impl Fn(usize) -> usize,
    ) {
        #[cfg(target_arch = "x86_64")]
        if vnni::available() {
            // SAFETY: the CPU has the features, and the sizes were checked.
            unsafe { vnni::multiply_add(self, x, out.as_mut_ptr(), n, start) };
            return;
        }
        self.multiply_add_portable(x, out, n, start);
    }

    /// The same sums without special instructions.
    fn multiply_add_portable(
        &self,
        x: &[u8],
        out: &mut [f32],
        n: usize,
        start: impl Fn(usize) -> usize,
    ) {
        let groups = self.inputs / 4;
        for p in 0..n {
            let x = &x[p * self.inputs..][..self.inputs];
            let out = &mut out[start(p)..][..self.outputs];
            for block in 0..self.outputs / 16 {
                let mut sums = [0i32; 16];
                for (g, input) in x.chunks_exact(4).enumerate() {
                    let weights = &self.blocks[(block * groups + g) * 64..][..64];
                    for (sum, w) in sums.iter_mut().zip(weights.chunks_exact(4)) {
                        for k in 0..4 {
                            *sum += input[k] as i32 * w[k] as i32;
                        }
                    }
                }
                for (lane, sum) in sums.iter().enumerate() {
                    let row = block * 16 + lane;
                    out[row] += (sum - self.offset[row]) as f32 * self.scale[row];
                }
            }
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod vnni {
    use super::Int8Matrix;
    use std::arch::x86_64::*;

    pub fn available() -> bool {
        static AVAILABLE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
        *AVAILABLE.get_or_init(|| {
            std::arch::is_x86_feature_detected!("avx512f")
                && std::arch::is_x86_feature_detected!("avx512bw")
                && std::arch::is_x86_feature_detected!("avx512vnni")
        })
    }

    /// B blocks of 16 rows, from block `first`, for P positions: P × B
    /// accumulators; each weight load serves the P positions.
    ///
    /// # Safety
    /// The CPU has avx512f, avx512bw and avx512vnni; `x` holds P positions
    /// and each of `out` a row of outputs; the blocks exist.
    // Indexing: each weight block is loaded once, then used for every
    // position, so the loops run over blocks, then positions.
    #[allow(clippy::needless_range_loop)]
    #[inline]
    #[target_feature(enable = "avx512f,avx512bw,avx512vnni")]
    unsafe fn kernel<const P: usize, const B: usize>(
        m: &Int8Matrix,
        x: *const u8,
        out: [*mut f32; P],
        first: usize,
    ) {
        let groups = m.inputs / 4;
        let mut acc = [[_mm512_setzero_si512(); B]; P];
        for g in 0..groups {
            let mut a = [_mm512_setzero_si512(); P];
            for (p, a) in a.iter_mut().enumerate() {
                let four = x.add(p * m.inputs + g * 4).cast::<i32>().read_unaligned();
                *a = _mm512_set1_epi32(four);
            }
            for b in 0..B {
                let w = m.blocks.as_ptr().add(((first + b) * groups + g) * 64);
                let w = _mm512_loadu_si512(w.cast());
                for p in 0..P {
                    acc[p][b] = _mm512_dpbusd_epi32(acc[p][b], a[p], w);
                }
            }
        }
        for (p, acc) in acc.iter().enumerate() {
            for (b, acc) in acc.iter().enumerate() {
                let row = (first + b) * 16;
                let offset = _mm512_loadu_si512(m.offset.as_ptr().add(row).cast());
                let sums = _mm512_cvtepi32_ps(_mm512_sub_epi32(*acc, offset));
                let scaled = _mm512_mul_ps(sums, _mm512_loadu_ps(m.scale.as_ptr().add(row)));
                let o = out[p].add(row);
                _mm512_storeu_ps(o, _mm512_add_ps(_mm512_loadu_ps(o), scaled));
            }
        }
    }

    /// All blocks for P positions: B at a time, then one by one.
    #[inline]
    #[target_feature(enable = "avx512f,avx512bw,avx512vnni")]
    unsafe fn all_blocks<const P: usize, const B: usize>(
        m: &Int8Matrix,
        x: *const u8,
        out: [*mut f32; P],
    ) {
        let blocks = m.outputs / 16;
        let mut first = 0;
        while first + B <= blocks {
            kernel::<P, B>(m, x, out, first);
            first += B;
        }
        while first < blocks {
            kernel::<P, 1>(m, x, out, first);
            first += 1;
        }
    }

    /// Four positions at a time, then one by one.
    ///
    /// # Safety
    /// The CPU has the features ([`available`]); `x` holds `n` positions,
    /// and `out` a row of outputs at each `start(p)`.
    #[target_feature(enable = "avx512f,avx512bw,avx512vnni")]
    pub unsafe fn multiply_add(
        m: &Int8Matrix,
        x: &[u8],
        out: *mut f32,
        n: usize,
        start: impl Fn(usize) -> usize,
    ) {
        let mut p = 0;
        while p + 4 <= n {
            let rows = [0, 1, 2, 3].map(|k| out.add(start(p + k)));
            all_blocks::<4, 4>(m, x.as_ptr().add(p * m.inputs), rows);
            p += 4;
        }
        while p < n {
            all_blocks::<1, 8>(m, x.as_ptr().add(p * m.inputs), [out.add(start(p))]);
            p += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::Rng;

    fn random_matrix(rng: &mut Rng, inputs: usize, outputs: usize) -> Vec<f32> {
        (0..inputs * outputs)
            .map(|_| rng.unit() as f32 * 2.0 - 1.0)
            .collect()
    }

    #[test]
    fn products_are_close_to_the_f32_ones_and_the_same_on_every_path() {
        let mut rng = Rng::new(3);
        // Sizes that are not whole blocks, and 1 to 9 positions.
        for (inputs, outputs) in [(7, 5), (128, 512), (188, 1024), (256, 40)] {
            let w = random_matrix(&mut rng, inputs, outputs);
            let m = Int8Matrix::quantize(&w, inputs, outputs, &vec![1.0; inputs]);
            for n in [1, 4, 9] {
                let a: Vec<f32> = (0..n * inputs)
                    .map(|_| rng.unit() as f32 * 2.0 - 1.0)
                    .collect();
                let mut x = vec![128u8; n * m.inputs()];
                for p in 0..n {
                    for i in 0..inputs {
                        x[p * m.inputs() + i] = activation_byte(a[p * inputs + i]);
                    }
                }
                let mut fast = vec![0.5f32; n * m.outputs()];
                let mut portable = fast.clone();
                m.multiply_add(&x, &mut fast);
                m.multiply_add_portable(&x, &mut portable, n, |p| p * m.outputs());
                assert_eq!(fast, portable);
                // Rows apart, in another order, give the same sums.
                let mut apart = vec![0.5f32; 2 * n * m.outputs()];
                let starts: Vec<usize> =
                    (0..n).map(|p| (2 * n - 2 - 2 * p) * m.outputs()).collect();
                m.multiply_add_at(&x, &mut apart, &starts);
                for p in 0..n {
                    let row = &apart[starts[p]..][..m.outputs()];
                    assert_eq!(row, &fast[p * m.outputs()..][..m.outputs()]);
                }
                for p in 0..n {
                    for o in 0..outputs {
                        let exact: f32 = (0..inputs)
                            .map(|i| a[p * inputs + i] * w[i * outputs + o])
                            .sum();
                        let got = portable[p * m.outputs() + o] - 0.5;
                        // Two roundings of at most half a step in 127, over
                        // `inputs` terms of size at most 1.
                        let bound = 0.01 * (inputs as f32).sqrt() + 0.02;
                        assert!((got - exact).abs() < bound, "{got} vs {exact}");
                    }
                }
            }
        }
    }

    #[test]
    fn column_parts_sum_to_the_whole_product_exactly() {
        let mut rng = Rng::new(4);
        let (inputs, outputs) = (20, 40);
        let w = random_matrix(&mut rng, inputs, outputs);
        let m = Int8Matrix::quantize(&w, inputs, outputs, &vec![1.0; inputs]);
        let x: Vec<u8> = (0..inputs).map(|_| (rng.unit() * 255.0) as u8).collect();
        let mut whole = vec![0.0f32; m.outputs()];
        m.multiply_add(&x, &mut whole);
        // Parts that are not whole groups of four, one of two ranges.
        let mut sums = vec![0.0f32; m.outputs()];
        for ranges in [vec![(0, 7), (17, 3)], vec![(7, 10)]] {
            let part = m.columns(&ranges);
            let mut bytes = vec![128u8; part.inputs()];
            let mut at = 0;
            for (first, count) in ranges {
                bytes[at..at + count].copy_from_slice(&x[first..first + count]);
                at += count;
            }
            let mut out = vec![0.0f32; part.outputs()];
            part.multiply_add(&bytes, &mut out);
            for (s, o) in sums.iter_mut().zip(&out) {
                assert_eq!(o.fract(), 0.0);
                *s += o;
            }
        }
        let scaled: Vec<f32> = sums.iter().zip(m.scales()).map(|(s, c)| s * c).collect();
        assert_eq!(scaled, whole);
    }

    #[test]
    fn a_matrix_survives_writing_and_reading() {
        let mut rng = Rng::new(5);
        let w = random_matrix(&mut rng, 10, 20);
        let m = Int8Matrix::quantize(&w, 10, 20, &[0.5; 10]);
        let mut writer = Writer::default();
        m.write(&mut writer);
        let bytes = writer.into_bytes();
        let mut reader = Reader::new(&bytes);
        let back = Int8Matrix::read(&mut reader).unwrap();
        assert!(reader.is_at_end());
        assert_eq!(back.blocks, m.blocks);
        assert_eq!(back.offset, m.offset);
        assert_eq!(back.scale, m.scale);
    }
}
