//! A graph-based parser: a bidirectional LSTM reads the sentence, a
//! biaffine scorer rates every candidate head of every word (Dozat &
//! Manning 2017), the best projective tree with one root is decoded
//! (Eisner 1996), and each word's relation is classified given its head.
//!
//! The network is trained by the dyad-neural crate (`dyad train --parser
//! neural`) and imported with [`Biaffine::import`], which rounds its weights
//! to 8 bits ([`crate::int8`]).
//! Its input per word is a list of embeddings ([`Feature`]): of the
//! lowercased form, the tagger's UPOS|XPOS, prefixes, suffixes and the
//! word's shape; the trainer chooses which, and their sizes.
//!
//! Costs per word, for 2 layers of 128 units, MLPs of 128 (arcs) and 64
//! (labels): some 640,000 8-bit multiply-adds for the recurrent products,
//! the second layer's input product, the MLPs and the bilinear product,
//! plus 1,024 per input value of the features with many rows (the form,
//! long affixes); 2,560 exponentials; and a score per candidate head.
//! Decoding is O(n³) in the sentence length n up to [`MAX_TREE_WORDS`],
//! beyond which each word takes its best head to its left. Features with
//! few rows (tags, shapes, short affixes) cost one lookup each: their rows'
//! shares of the first layer's product are computed when the network is
//! loaded ([`FirstLayer`]). Memory: about 2 MB of weights, and 4 KB per
//! row of those features.
//!
//! Sentences are parsed side by side, up to four ([`Biaffine::parse`]):
//! the recurrences' matrix-vector products become matrix products, whose
//! weight loads serve every sentence.

use crate::hash::{bytes_hash, str_hash, IdMap};
use crate::int8::{activation_byte, round_up, Int8Matrix};
use crate::io::{Reader, Writer};
use crate::lexical::Lex;
use crate::ModelError;

/// Longest sentence decoded as a best tree; in longer ones (rare, and
/// mostly lists or tables) the first word is the root's child and each
/// other word takes its best head to its left: quadratic, and still a tree.
pub(crate) const MAX_TREE_WORDS: usize = 200;

/// Most hidden units a direction: the states live on the stack.
const MAX_HIDDEN: usize = 1024;

/// What a trained network's weights start with (see [`Biaffine::import`]).
pub const NETWORK_MAGIC: &[u8] = b"dyad-biaffine 2\n";

/// What one of the network's input embeddings reads of a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Feature {
    /// The lowercased form.
    Lower,
    /// The tagger's `UPOS|XPOS`.
    Tag,
    /// The lowercased first 1 to 3 characters.
    Prefix(u8),
    /// The lowercased last 1 to 4 characters.
    Suffix(u8),
    /// [`word_shape`]: seven rows, no names.
    Shape,
}

impl Feature {
    /// The feature's number in a network file.
    pub fn code(self) -> u32 {
        match self {
            Feature::Lower => 0,
            Feature::Tag => 1,
            Feature::Shape => 2,
            Feature::Prefix(n) => 10 + n as u32,
            Feature::Suffix(n) => 20 + n as u32,
        }
    }

    pub fn from_code(code: u32) -> Option<Feature> {
        match code {
            0 => Some(Feature::Lower),
            1 => Some(Feature::Tag),
            2 => Some(Feature::Shape),
            11..=13 => Some(Feature::Prefix(code as u8 - 10)),
            21..=24 => Some(Feature::Suffix(code as u8 - 20)),
            _ => None,
        }
    }

    /// `lower`, `tag`, `prefix1` to `prefix3`, `suffix1` to `suffix4`,
    /// `shape`.
    pub fn name(self) -> String {
        match self {
            Feature::Lower => "lower".into(),
            Feature::Tag => "tag".into(),
            Feature::Shape => "shape".into(),
            Feature::Prefix(n) => format!("prefix{n}"),
            Feature::Suffix(n) => format!("suffix{n}"),
        }
    }

    /// The feature of a [`Feature::name`].
    pub fn from_name(name: &str) -> Option<Feature> {
        (0..25)
            .filter_map(Feature::from_code)
            .find(|f| f.name() == name)
    }

    /// The name of a word's row, for the features named by the word's
    /// letters (lowercased a character at a time, as the tagger does);
    /// `None` for the tag and the shape.
    pub fn key(self, form: &str) -> Option<String> {
        let lower: Vec<char> = form.chars().flat_map(char::to_lowercase).collect();
        match self {
            Feature::Lower => Some(lower.into_iter().collect()),
            Feature::Prefix(n) => Some(lower.iter().take(n as usize).collect()),
            Feature::Suffix(n) => Some(
                lower[lower.len().saturating_sub(n as usize)..]
                    .iter()
                    .collect(),
            ),
            Feature::Tag | Feature::Shape => None,
        }
    }

    /// The hash a word's [`Lex`] holds for the row named `key`.
    fn hash(self, key: &str) -> u64 {
        match self {
            Feature::Prefix(_) => bytes_hash(key.as_bytes()) ^ 0x51,
            Feature::Suffix(_) => bytes_hash(key.as_bytes()) ^ 0x5f,
            _ => str_hash(key),
        }
    }

    /// The hash of a word's row name from its [`Lex`].
    fn of(self, lex: &Lex) -> u64 {
        match self {
            Feature::Prefix(n) => lex.prefix[n as usize - 1],
            Feature::Suffix(n) => lex.suffix[n as usize - 1],
            _ => lex.lower,
        }
    }
}

/// An embedding table in 8 bits: `rows × dim` values of `scale × q`.
#[derive(Clone, Debug)]
struct Embedding {
    dim: usize,
    values: Vec<i8>,
    scale: f32,
}

impl Embedding {
    fn quantize(values: &[f32], dim: usize) -> Embedding {
        let largest = values.iter().fold(0.0f32, |m, x| m.max(x.abs()));
        let scale = if largest > 0.0 { largest / 127.0 } else { 1.0 };
        Embedding {
            dim,
            values: values.iter().map(|x| (x / scale).round() as i8).collect(),
            scale,
        }
    }
    fn rows(&self) -> usize {
        self.values.len() / self.dim
    }
    /// Row `id`'s values as input bytes (`128 + q`).
    fn bytes(&self, id: usize, out: &mut [u8]) {
        let id = if id < self.rows() { id } else { 1 };
        for (o, &q) in out
            .iter_mut()
            .zip(&self.values[id * self.dim..][..self.dim])
        {
            *o = (q as i16 + 128) as u8;
        }
    }
    fn write(&self, w: &mut Writer) {
        w.u32(self.dim as u32);
        w.u32(self.rows() as u32);
        w.f32(self.scale);
        w.bytes(bytemuck::cast_slice(&self.values));
    }
    fn read(r: &mut Reader) -> Result<Embedding, ModelError> {
        let dim = r.u32()? as usize;
        let rows = r.u32()? as usize;
        let scale = r.f32()?;
        if dim == 0 || rows < 2 || dim * rows > 1 << 28 {
            return Err(r.error("bad embedding size"));
        }
        let values = bytemuck::cast_slice(r.bytes(dim * rows)?).to_vec();
        Ok(Embedding { dim, values, scale })
    }
}

/// The network, in 8 bits, with its vocabularies.
#[derive(Clone, Debug)]
pub(crate) struct Biaffine {
    hidden: usize,
    arc: usize,
    label: usize,
    /// The input embeddings, in order.
    features: Vec<Feature>,
    /// Per feature named by letters: the name's hash (as a word's [`Lex`]
    /// holds it) to embedding row; 0 is the root, 1 unknown.
    keys: Vec<IdMap<u32>>,
    /// `UPOS|XPOS` of each tag row from 2.
    tag_names: Vec<Box<str>>,
    /// The model's tag number to tag row; set by [`Biaffine::bind_tags`].
    tag_rows: Vec<u32>,
    embeddings: Vec<Embedding>,
    first_layer: FirstLayer,
    /// Per layer: both directions' gate inputs from the layer's input
    /// (forward then backward, gates input, forget, candidate, output),
    /// their biases, and each direction's recurrent matrix.
    inputs: Vec<Int8Matrix>,
    biases: Vec<Vec<f32>>,
    recurrent: Vec<[Int8Matrix; 2]>,
    /// Arc-dependent, arc-head, label-dependent, label-head MLPs (ReLU).
    mlp: Int8Matrix,
    mlp_bias: Vec<f32>,
    /// Dependent × bilinear, and the head-only term.
    bilinear: Int8Matrix,
    head_prior: Vec<f32>,
    /// `[dependent, head, dependent × head]` (3 × label) to relation scores,
    /// rows padded with zeros to a multiple of 16 relations.
    label_out: Vec<f32>,
    label_bias: Vec<f32>,
    /// Relation names; rows 0 and 1 are unused (empty).
    labels: Vec<Box<str>>,
    root_label: usize,
}

/// A sentence's words as the parser reads them: lexical hashes, shapes
/// ([`word_shape`]) and tag numbers.
pub(crate) struct Words<'a> {
    pub lex: &'a [Lex],
    pub shapes: &'a [u8],
    pub tags: &'a [u16],
}

/// A sentence's parse: each word's head (0 for the root) and relation.
#[derive(Clone, Debug, Default)]
pub(crate) struct Parse {
    pub heads: Vec<u32>,
    pub labels: Vec<u16>,
}

/// Reusable buffers for [`Biaffine::parse`].
#[derive(Default)]
pub(crate) struct BiaffineScratch {
    /// Where each sentence's positions start.
    starts: Vec<usize>,
    /// Embedding rows per position, one per feature.
    rows: Vec<usize>,
    /// The first layer's input bytes of the features not looked up.
    input: Vec<u8>,
    /// Per position (and a spare row): the gates' input sums, to which the
    /// recurrent product is added in place.
    pre: Vec<f32>,
    /// Where in `pre` each sentence's gates are, during a recurrence.
    gate_rows: Vec<usize>,
    /// Every position's states, as bytes.
    states: Vec<u8>,
    /// Per sentence, during a recurrence: state and cell.
    state: Vec<u8>,
    cell: Vec<f32>,
    mlp: Vec<f32>,
    arcs: ArcScratch,
}

/// Reusable buffers for scoring one sentence's arcs and relations.
#[derive(Default)]
struct ArcScratch {
    dependents: Vec<u8>,
    projected: Vec<f32>,
    /// Candidates' arc-head outputs transposed, and their head-only scores,
    /// each row padded with zeros to whole vectors of 16.
    candidates: Vec<f32>,
    prior: Vec<f32>,
    scores: Vec<f32>,
    relation: Vec<f32>,
    chart: Chart,
}

/// exp(x) for |x| ≤ 87 (relative error about 1e-6): 2^k times a degree-6
/// polynomial, k rounded by the 1.5 × 2²³ trick so that loops vectorize.
#[inline(always)]
fn exp(x: f32) -> f32 {
    const ROUND: f32 = 12_582_912.0;
    let t = x.clamp(-87.0, 87.0) * std::f32::consts::LOG2_E;
    let rounded = t + ROUND;
    let k = rounded - ROUND;
    let f = (t - k) * std::f32::consts::LN_2;
    let p = 1.0
        + f * (1.0
            + f * (0.5
                + f * (1.0 / 6.0 + f * (1.0 / 24.0 + f * (1.0 / 120.0 + f * (1.0 / 720.0))))));
    // `rounded`'s low bits hold k; k + 127 is a normal float's exponent.
    let exponent = rounded
        .to_bits()
        .wrapping_sub(ROUND.to_bits())
        .wrapping_add(127)
        << 23;
    p * f32::from_bits(exponent)
}

#[inline(always)]
fn sigmoid_all(x: &mut [f32]) {
    x.iter_mut().for_each(|v| *v = 1.0 / (1.0 + exp(-*v)));
}

#[inline(always)]
fn tanh_all(x: &mut [f32]) {
    x.iter_mut()
        .for_each(|v| *v = 2.0 / (1.0 + exp(-2.0 * *v)) - 1.0);
}

/// The neural parser's shape of a word, 2 to 6: of its first character,
/// and whether the word has no lowercase letter (0 is the root, 1 unused).
pub fn word_shape(form: &str) -> u8 {
    match form.chars().next() {
        Some(c) if c.is_uppercase() && !form.chars().any(char::is_lowercase) => 2,
        Some(c) if c.is_uppercase() => 3,
        Some(c) if c.is_numeric() => 4,
        Some(c) if c.is_alphabetic() => 5,
        _ => 6,
    }
}

/// Reads a trained network: little-endian sizes, vocabularies, matrices.
struct Import<'a>(Reader<'a>);

impl Import<'_> {
    fn size(&mut self) -> Result<usize, ModelError> {
        Ok(self.0.u32()? as usize)
    }
    fn names(&mut self) -> Result<Vec<Box<str>>, ModelError> {
        self.0.strs()
    }
    /// A matrix of the given shape, `rows × cols` values row by row.
    fn matrix(&mut self, rows: usize, cols: usize) -> Result<Vec<f32>, ModelError> {
        let (r, c) = (self.size()?, self.size()?);
        if (r, c) != (rows, cols) {
            return Err(self
                .0
                .error(&format!("a {r} × {c} matrix where {rows} × {cols} was due")));
        }
        (0..rows * cols).map(|_| self.0.f32()).collect()
    }
}

/// `a` and `b`, each `rows × cols`, side by side: `rows × 2 cols`.
fn side_by_side(a: &[f32], b: &[f32], rows: usize) -> Vec<f32> {
    let cols = a.len() / rows;
    (0..rows)
        .flat_map(|r| a[r * cols..][..cols].iter().chain(&b[r * cols..][..cols]))
        .copied()
        .collect()
}

/// Most inputs of the first layer: its products, held as f32, stay exact
/// integers ([`Int8Matrix::columns`]).
const MAX_FIRST_INPUTS: usize = 512;

/// Most rows of an embedding whose shares of the first layer's products
/// are computed in advance ([`FirstLayer`]): 4 KB each with 128 units,
/// so that the tables stay in the caches.
const MAX_TABLE_ROWS: usize = 1024;

/// The first layer's input product, split by feature: for small
/// embeddings (the tags, the shapes, short affixes), each row's share of
/// the product is computed when the network is loaded, and a word's share
/// is looked up; the others' bytes are multiplied as usual. Shares are
/// exact integers (see [`Int8Matrix::columns`]), so the sum is the same as
/// the whole product's.
#[derive(Clone, Debug)]
struct FirstLayer {
    /// Per feature: its rows' shares, `rows × outputs`, if looked up.
    tables: Vec<Option<Vec<f32>>>,
    /// The other features, in order, and their inputs' weights.
    multiplied: Vec<usize>,
    product: Int8Matrix,
}

impl FirstLayer {
    fn new(embeddings: &[Embedding], first: &Int8Matrix) -> FirstLayer {
        let mut at = 0;
        let (mut tables, mut multiplied, mut ranges) = (vec![], vec![], vec![]);
        for (k, e) in embeddings.iter().enumerate() {
            if e.rows() <= MAX_TABLE_ROWS {
                let part = first.columns(&[(at, e.dim)]);
                let width = part.inputs();
                let mut bytes = vec![128u8; e.rows() * width];
                for id in 0..e.rows() {
                    e.bytes(id, &mut bytes[id * width..][..e.dim]);
                }
                let mut table = vec![0.0; e.rows() * part.outputs()];
                part.multiply_add(&bytes, &mut table);
                tables.push(Some(table));
            } else {
                tables.push(None);
                multiplied.push(k);
                ranges.push((at, e.dim));
            }
            at += e.dim;
        }
        FirstLayer {
            tables,
            multiplied,
            product: first.columns(&ranges),
        }
    }
}

impl Biaffine {
    /// Reads a network as dyad-neural writes it (after [`NETWORK_MAGIC`]:
    /// the sizes, the vocabularies, then the f32 matrices) and rounds it to
    /// 8 bits.
    pub fn import(bytes: &[u8]) -> Result<Biaffine, ModelError> {
        let body = bytes
            .strip_prefix(NETWORK_MAGIC)
            .ok_or_else(|| ModelError::Format("not a trained neural network".into()))?;
        let mut r = Import(Reader::new(body));
        let [hidden, layers, arc, label] = [(); 4].map(|_| r.size()).map(|s| s.unwrap_or(0));
        // Whole blocks of states and arc features keep the 8-bit products'
        // inputs unpadded.
        if hidden == 0 || hidden % 4 != 0 || hidden > MAX_HIDDEN || arc == 0 || arc % 16 != 0 {
            return Err(r
                .0
                .error("hidden units a multiple of 4 up to 1024, arc units of 16"));
        }
        if layers == 0 || layers > 8 || label == 0 {
            return Err(r.0.error("bad network sizes"));
        }
        // Each feature: its code, its size and its rows' names.
        let count = r.size()?;
        let mut features: Vec<(Feature, usize, Vec<Box<str>>)> = vec![];
        for _ in 0..count.min(16) {
            let feature = Feature::from_code(r.size()? as u32);
            let dim = r.size()?;
            let names = r.names()?;
            match feature {
                Some(f) if dim > 0 && features.iter().all(|g| g.0 != f) => {
                    features.push((f, dim, names))
                }
                _ => return Err(r.0.error("an unknown, repeated or empty input feature")),
            }
        }
        let first_in: usize = features.iter().map(|f| f.1).sum();
        if features.len() != count || first_in > MAX_FIRST_INPUTS {
            return Err(r.0.error("too many input features, or too wide"));
        }
        let label_names = r.names()?;
        let rows = |names: &[Box<str>]| names.len() + 2;
        let mut embeddings = vec![];
        for (feature, dim, names) in &features {
            let n = if *feature == Feature::Shape {
                7
            } else {
                rows(names)
            };
            embeddings.push(Embedding::quantize(&r.matrix(n, *dim)?, *dim));
        }
        // The first layer's input bytes stand for each table's values.
        let first_scales: Vec<f32> = embeddings
            .iter()
            .flat_map(|e| std::iter::repeat_n(e.scale * 127.0, e.dim))
            .collect();
        let gates = 4 * hidden;
        let (mut inputs, mut biases, mut recurrent) = (vec![], vec![], vec![]);
        for layer in 0..layers {
            let n_in = if layer == 0 {
                first_scales.len()
            } else {
                2 * hidden
            };
            let mut directions = vec![];
            for _ in 0..2 {
                let input = r.matrix(n_in, gates)?;
                let rec = r.matrix(hidden, gates)?;
                let mut bias = r.matrix(1, gates)?;
                // The network adds 1 to the forget gate's input.
                bias[hidden..2 * hidden].iter_mut().for_each(|b| *b += 1.0);
                directions.push((input, rec, bias));
            }
            let (f, b) = (&directions[0], &directions[1]);
            let both = side_by_side(&f.0, &b.0, n_in);
            let scales = if layer == 0 {
                first_scales.clone()
            } else {
                vec![1.0; n_in]
            };
            inputs.push(Int8Matrix::quantize(&both, n_in, 2 * gates, &scales));
            let mut bias = vec![0.0; 2 * round_up(gates, 16)];
            bias[..gates].copy_from_slice(&f.2);
            bias[gates..2 * gates].copy_from_slice(&b.2);
            biases.push(bias);
            let ones = vec![1.0; hidden];
            recurrent.push([
                Int8Matrix::quantize(&f.1, hidden, gates, &ones),
                Int8Matrix::quantize(&b.1, hidden, gates, &ones),
            ]);
        }
        let states = 2 * hidden;
        let arc_dep = (r.matrix(states, arc)?, r.matrix(1, arc)?);
        let arc_head = (r.matrix(states, arc)?, r.matrix(1, arc)?);
        let bilinear = r.matrix(arc, arc)?;
        let head_prior = r.matrix(arc, 1)?;
        let label_dep = (r.matrix(states, label)?, r.matrix(1, label)?);
        let label_head = (r.matrix(states, label)?, r.matrix(1, label)?);
        let n_labels = rows(&label_names);
        // Rows padded to whole vectors of 16, for the relation loop.
        let stride = round_up(n_labels, 16);
        let pad = |v: Vec<f32>| -> Vec<f32> {
            v.chunks(n_labels)
                .flat_map(|row| {
                    row.iter()
                        .copied()
                        .chain(std::iter::repeat_n(0.0, stride - n_labels))
                })
                .collect()
        };
        let label_out = pad(r.matrix(3 * label, n_labels)?);
        let label_bias = pad(r.matrix(1, n_labels)?);
        if !r.0.is_at_end() {
            return Err(r.0.error("trailing bytes"));
        }
        // The four MLPs as one matrix, outputs side by side.
        let width = 2 * arc + 2 * label;
        let mut mlp = vec![0.0; states * width];
        let mut mlp_bias = vec![0.0; round_up(width, 16)];
        let mut at = 0;
        for (w, b) in [&arc_dep, &arc_head, &label_dep, &label_head] {
            let cols = b.len();
            for i in 0..states {
                mlp[i * width + at..][..cols].copy_from_slice(&w[i * cols..][..cols]);
            }
            mlp_bias[at..at + cols].copy_from_slice(b);
            at += cols;
        }
        let mut labels: Vec<Box<str>> = vec!["".into(), "".into()];
        labels.extend(label_names);
        let root_label = labels
            .iter()
            .position(|l| &**l == "root")
            .ok_or_else(|| ModelError::Format("the network has no root relation".into()))?;
        let keys = features
            .iter()
            .map(|(f, _, names)| match f {
                Feature::Tag | Feature::Shape => IdMap::default(),
                _ => names
                    .iter()
                    .zip(2u32..)
                    .map(|(n, id)| (f.hash(n), id))
                    .collect(),
            })
            .collect();
        let tag_names = features
            .iter()
            .find(|f| f.0 == Feature::Tag)
            .map(|f| f.2.clone())
            .unwrap_or_default();
        Ok(Biaffine {
            hidden,
            arc,
            label,
            features: features.iter().map(|f| f.0).collect(),
            keys,
            tag_names,
            tag_rows: vec![],
            first_layer: FirstLayer::new(&embeddings, &inputs[0]),
            embeddings,
            inputs,
            biases,
            recurrent,
            mlp: Int8Matrix::quantize(&mlp, states, width, &vec![1.0; states]),
            mlp_bias,
            bilinear: Int8Matrix::quantize(&bilinear, arc, arc, &vec![1.0; arc]),
            head_prior,
            label_out,
            label_bias,
            labels,
            root_label,
        })
    }

    /// Maps the model's tags (UPOS and XPOS by number) to tag rows.
    pub fn bind_tags(&mut self, upos: &[Box<str>], xpos: &[Box<str>]) {
        self.tag_rows = upos
            .iter()
            .zip(xpos)
            .map(|(u, x)| {
                let name = format!("{u}|{x}");
                self.tag_names
                    .iter()
                    .position(|t| **t == name)
                    .map_or(1, |k| k as u32 + 2)
            })
            .collect();
    }

    /// The relation names, by the numbers [`Biaffine::parse`] gives.
    pub fn labels(&self) -> &[Box<str>] {
        &self.labels
    }

    pub fn write(&self, w: &mut Writer) {
        for x in [self.hidden, self.arc, self.label, self.inputs.len()] {
            w.u32(x as u32);
        }
        w.u32(self.features.len() as u32);
        for (feature, map) in self.features.iter().zip(&self.keys) {
            w.u32(feature.code());
            let mut keys: Vec<(u32, u64)> = map.iter().map(|(&k, &id)| (id, k)).collect();
            keys.sort_unstable();
            w.u32(keys.len() as u32);
            for (_, key) in keys {
                w.u64(key);
            }
        }
        w.strs(&self.tag_names);
        w.strs(&self.labels);
        for e in &self.embeddings {
            e.write(w);
        }
        for k in 0..self.inputs.len() {
            self.inputs[k].write(w);
            floats(w, &self.biases[k]);
            self.recurrent[k][0].write(w);
            self.recurrent[k][1].write(w);
        }
        self.mlp.write(w);
        floats(w, &self.mlp_bias);
        self.bilinear.write(w);
        for v in [&self.head_prior, &self.label_out, &self.label_bias] {
            floats(w, v);
        }
    }

    pub fn read(r: &mut Reader) -> Result<Biaffine, ModelError> {
        let [hidden, arc, label, layers] = [(); 4].map(|_| r.u32().map(|x| x as usize));
        let (hidden, arc, label, layers) = (hidden?, arc?, label?, layers?);
        if hidden == 0 || hidden > MAX_HIDDEN || layers == 0 || layers > 8 || arc == 0 || label == 0
        {
            return Err(r.error("bad network sizes"));
        }
        let count = r.u32()? as usize;
        let (mut features, mut keys) = (vec![], vec![]);
        for _ in 0..count.min(16) {
            let feature = Feature::from_code(r.u32()?)
                .filter(|f| !features.contains(f))
                .ok_or_else(|| r.error("an unknown or repeated input feature"))?;
            features.push(feature);
            let n = r.u32()? as usize;
            let map: Result<IdMap<u32>, ModelError> =
                (2..n as u32 + 2).map(|id| Ok((r.u64()?, id))).collect();
            keys.push(map?);
        }
        if features.len() != count {
            return Err(r.error("too many input features"));
        }
        let tag_names = r.strs()?;
        let labels = r.strs()?;
        let embeddings = (0..count)
            .map(|_| Embedding::read(r))
            .collect::<Result<Vec<_>, _>>()?;
        let (mut inputs, mut biases, mut recurrent) = (vec![], vec![], vec![]);
        for _ in 0..layers {
            inputs.push(Int8Matrix::read(r)?);
            biases.push(read_floats(r)?);
            recurrent.push([Int8Matrix::read(r)?, Int8Matrix::read(r)?]);
        }
        let mlp = Int8Matrix::read(r)?;
        let mlp_bias = read_floats(r)?;
        let bilinear = Int8Matrix::read(r)?;
        let head_prior = read_floats(r)?;
        let label_out = read_floats(r)?;
        let label_bias = read_floats(r)?;
        let root_label = labels
            .iter()
            .position(|l| &**l == "root")
            .ok_or_else(|| r.error("the network has no root relation"))?;
        let gates = 4 * hidden;
        let first_in: usize = embeddings.iter().map(|e| e.dim).sum();
        let sizes_agree = first_in <= MAX_FIRST_INPUTS
            && inputs[0].inputs() == round_up(first_in, 4)
            && inputs
                .iter()
                .all(|m| m.outputs() == round_up(2 * gates, 16))
            && inputs[1..].iter().all(|m| m.inputs() == 2 * hidden)
            && biases.iter().all(|b| b.len() == round_up(2 * gates, 16))
            && recurrent
                .iter()
                .flatten()
                .all(|m| m.inputs() == round_up(hidden, 4) && m.outputs() == round_up(gates, 16))
            && hidden % 4 == 0
            && mlp.inputs() == 2 * hidden
            && mlp.outputs() == round_up(2 * arc + 2 * label, 16)
            && mlp_bias.len() == mlp.outputs()
            && bilinear.inputs() == arc
            && bilinear.outputs() == round_up(arc, 16)
            && arc % 16 == 0
            && head_prior.len() == arc
            && label_out.len() == 3 * label * round_up(labels.len(), 16)
            && label_bias.len() == round_up(labels.len(), 16);
        if !sizes_agree {
            return Err(r.error("the network's parts have sizes that do not fit together"));
        }
        Ok(Biaffine {
            hidden,
            arc,
            label,
            features,
            keys,
            tag_names,
            tag_rows: vec![],
            first_layer: FirstLayer::new(&embeddings, &inputs[0]),
            embeddings,
            inputs,
            biases,
            recurrent,
            mlp,
            mlp_bias,
            bilinear,
            head_prior,
            label_out,
            label_bias,
            labels,
            root_label,
        })
    }

    /// Heads (0 for the root) and relation numbers (into
    /// [`Biaffine::labels`]) of the words of several sentences, parsed side
    /// by side: each step of a recurrence multiplies the states of all of
    /// them at once, so that each weight load serves several sentences (up
    /// to four; sentences of like lengths waste least). A sentence's parse
    /// does not depend on the others.
    ///
    /// The gates' and scores' loops are compiled three times, for AVX-512,
    /// AVX2 and any CPU, and chosen at run time: the vector width changes
    /// the speed, not the result (no operation is fused or reordered).
    pub fn parse(&self, group: &[Words], s: &mut BiaffineScratch, parses: &mut [Parse]) {
        assert_eq!(group.len(), parses.len());
        #[cfg(target_arch = "x86_64")]
        {
            if wide::avx512() {
                // SAFETY: the CPU has the features.
                return unsafe { self.parse_avx512(group, s, parses) };
            }
            if wide::avx2() {
                // SAFETY: the CPU has the features.
                return unsafe { self.parse_avx2(group, s, parses) };
            }
        }
        self.parse_any(group, s, parses)
    }

    /// # Safety
    /// The CPU has AVX-512 (F, BW, VL), AVX2 and FMA.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f,avx512bw,avx512vl,avx2,fma")]
    unsafe fn parse_avx512(&self, group: &[Words], s: &mut BiaffineScratch, parses: &mut [Parse]) {
        self.parse_any(group, s, parses)
    }

    /// # Safety
    /// The CPU has AVX2 and FMA.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn parse_avx2(&self, group: &[Words], s: &mut BiaffineScratch, parses: &mut [Parse]) {
        self.parse_any(group, s, parses)
    }

    #[inline(always)]
    fn parse_any(&self, group: &[Words], s: &mut BiaffineScratch, parses: &mut [Parse]) {
        let h = self.hidden;
        let gates = 4 * h;
        let both = self.inputs[0].outputs();
        // Positions: each sentence's root, then its words.
        s.starts.clear();
        let mut total = 0;
        for words in group {
            s.starts.push(total);
            total += words.lex.len() + 1;
        }
        let length = |b: usize| group[b].lex.len() + 1;
        s.rows.clear();
        for words in group {
            s.rows.extend(self.features.iter().map(|_| 0));
            for ((l, &shape), &tag) in words.lex.iter().zip(words.shapes).zip(words.tags) {
                for (feature, keys) in self.features.iter().zip(&self.keys) {
                    let row = match feature {
                        Feature::Tag => self.tag_rows.get(tag as usize).copied(),
                        Feature::Shape => Some(shape as u32),
                        _ => keys.get(&feature.of(l)).copied(),
                    };
                    s.rows.push(row.map_or(1, |r| r as usize));
                }
            }
        }
        s.states.clear();
        s.states.resize(total * 2 * h, 128);
        let m = group.len();
        let longest = (0..m).map(length).max().unwrap_or(0);
        for (k, input) in self.inputs.iter().enumerate() {
            s.pre.clear();
            if k == 0 {
                // The same sums as the 8-bit product of the input bytes,
                // exact integers until scaled: the order is free.
                let first = &self.first_layer;
                let width = first.product.inputs();
                s.input.clear();
                s.input.resize(total * width, 128);
                let rows = s.rows.chunks_exact(self.features.len());
                for (input, rows) in s.input.chunks_exact_mut(width.max(1)).zip(rows) {
                    let mut at = 0;
                    for &k in &first.multiplied {
                        let e = &self.embeddings[k];
                        e.bytes(rows[k], &mut input[at..at + e.dim]);
                        at += e.dim;
                    }
                }
                s.pre.resize(total * both, 0.0);
                if width > 0 {
                    first.product.multiply_add(&s.input, &mut s.pre);
                }
                let rows = s.rows.chunks_exact(self.features.len());
                for (out, rows) in s.pre.chunks_exact_mut(both).zip(rows) {
                    for ((&id, e), table) in rows.iter().zip(&self.embeddings).zip(&first.tables) {
                        let Some(table) = table else { continue };
                        let id = if id < e.rows() { id } else { 1 };
                        let share = &table[id * both..][..both];
                        out.iter_mut().zip(share).for_each(|(x, y)| *x += y);
                    }
                    let terms = self.biases[0].iter().zip(input.scales());
                    for (x, (bias, scale)) in out.iter_mut().zip(terms) {
                        *x = bias + *x * scale;
                    }
                }
            } else {
                for _ in 0..total {
                    s.pre.extend_from_slice(&self.biases[k]);
                }
                input.multiply_add(&s.states, &mut s.pre);
            }
            // A spare row, where finished sentences' lanes put their sums.
            let spare = s.pre.len();
            s.pre.resize(spare + gates, 0.0);
            for (d, recurrent) in self.recurrent[k].iter().enumerate() {
                let h_in = recurrent.inputs();
                s.state.clear();
                s.state.resize(m * h_in, 128);
                s.cell.clear();
                s.cell.resize(m * h, 0.0);
                for step in 0..longest {
                    // Each sentence's position at this step, if it has one;
                    // a finished sentence's lane computes nothing of use.
                    let at = |b: usize| {
                        let n = length(b);
                        (step < n).then(|| s.starts[b] + if d == 0 { step } else { n - 1 - step })
                    };
                    // The recurrent product adds to the gates' input sums
                    // where they are.
                    s.gate_rows.clear();
                    s.gate_rows
                        .extend((0..m).map(|b| at(b).map_or(spare, |p| p * both + d * gates)));
                    recurrent.multiply_add_at(&s.state, &mut s.pre, &s.gate_rows);
                    for b in 0..m {
                        let Some(p) = at(b) else { continue };
                        let g = &mut s.pre[p * both + d * gates..][..gates];
                        let cell = &mut s.cell[b * h..][..h];
                        sigmoid_all(&mut g[..2 * h]);
                        tanh_all(&mut g[2 * h..3 * h]);
                        sigmoid_all(&mut g[3 * h..]);
                        for j in 0..h {
                            cell[j] = g[h + j] * cell[j] + g[j] * g[2 * h + j];
                        }
                        let mut value = [0.0f32; MAX_HIDDEN];
                        let value = &mut value[..h];
                        value.copy_from_slice(cell);
                        tanh_all(value);
                        let state = &mut s.state[b * h_in..][..h];
                        let out = &mut s.states[p * 2 * h + d * h..][..h];
                        for j in 0..h {
                            state[j] = activation_byte(value[j] * g[3 * h + j]);
                            out[j] = state[j];
                        }
                    }
                }
            }
        }
        // The MLPs, for every position of every sentence at once.
        s.mlp.clear();
        for _ in 0..total {
            s.mlp.extend_from_slice(&self.mlp_bias);
        }
        self.mlp.multiply_add(&s.states, &mut s.mlp);
        s.mlp.iter_mut().for_each(|x| *x = x.max(0.0));
        let row = self.mlp.outputs();
        for (b, parse) in parses.iter_mut().enumerate() {
            let mlp = &s.mlp[s.starts[b] * row..][..length(b) * row];
            self.score(mlp, &mut s.arcs, parse);
        }
    }

    /// Arcs, tree and relations of one sentence from its MLPs' outputs.
    #[inline(always)]
    fn score(&self, mlp: &[f32], s: &mut ArcScratch, parse: &mut Parse) {
        let (a, l) = (self.arc, self.label);
        let width = self.mlp.outputs();
        let n = mlp.len() / width;
        // Dependents × bilinear in 8 bits: the arc-dependent outputs (≥ 0)
        // scaled to 0..=127 for the sentence.
        let largest = (0..n)
            .flat_map(|p| &mlp[p * width..][..a])
            .fold(f32::MIN_POSITIVE, |m, &x| m.max(x));
        s.dependents.clear();
        for p in 0..n {
            let row = &mlp[p * width..][..a];
            s.dependents
                .extend(row.iter().map(|&x| activation_byte(x / largest)));
        }
        s.projected.clear();
        s.projected.resize(n * self.bilinear.outputs(), 0.0);
        self.bilinear.multiply_add(&s.dependents, &mut s.projected);
        // The arc-head outputs transposed, candidates side by side, and
        // each candidate's head-only score.
        let padded = round_up(n, 16);
        s.candidates.clear();
        s.candidates.resize(a * padded, 0.0);
        s.prior.clear();
        s.prior.resize(padded, 0.0);
        for p in 0..n {
            let head = &mlp[p * width + a..][..a];
            for (k, &x) in head.iter().enumerate() {
                s.candidates[k * padded + p] = x;
            }
            s.prior[p] = head.iter().zip(&self.head_prior).map(|(x, v)| x * v).sum();
        }
        // scores[d][h]: log-probability of head h for word d (row 0 unused).
        s.scores.clear();
        s.scores.resize(n * padded, 0.0);
        let stride = self.bilinear.outputs();
        for d in 1..n {
            let projected = &s.projected[d * stride..][..a];
            let row = &mut s.scores[d * padded..][..padded];
            // Sixteen candidates at a time, summed in a register.
            for (c, out) in row.chunks_exact_mut(16).enumerate() {
                let mut sums: [f32; 16] = s.prior[c * 16..][..16].try_into().unwrap();
                for (k, &p) in projected.iter().enumerate() {
                    let p = p * largest;
                    let candidates = &s.candidates[k * padded + c * 16..][..16];
                    for (x, &c) in sums.iter_mut().zip(candidates) {
                        *x += p * c;
                    }
                }
                out.copy_from_slice(&sums);
            }
            let row = &mut row[..n];
            row[d] = f32::NEG_INFINITY;
            let most = row.iter().fold(f32::NEG_INFINITY, |m, &x| m.max(x));
            let total: f32 = row.iter().map(|&x| exp(x - most)).sum();
            let log_total = most + total.ln();
            row.iter_mut().for_each(|x| *x -= log_total);
        }
        let heads = &mut parse.heads;
        heads.clear();
        if n - 1 <= MAX_TREE_WORDS {
            s.chart.decode(&s.scores, padded, n, heads);
        } else {
            // The first word under the root; each other its best head among
            // the words to its left.
            heads.push(0);
            for d in 2..n {
                let row = &s.scores[d * padded..][..d];
                let best = (1..d)
                    .max_by(|&x, &y| row[x].total_cmp(&row[y]))
                    .unwrap_or(1);
                heads.push(best as u32);
            }
        }
        parse.labels.clear();
        let n_labels = self.labels.len();
        let stride = self.label_bias.len();
        s.relation.clear();
        s.relation.resize(stride, 0.0);
        for d in 1..n {
            let head = heads[d - 1] as usize;
            let dep = &mlp[d * width + 2 * a..][..l];
            let hd = &mlp[head * width + 2 * a + l..][..l];
            let relation = &mut s.relation;
            // Sixteen relations at a time, summed in a register.
            for (c, out) in relation.chunks_exact_mut(16).enumerate() {
                let mut sums: [f32; 16] = self.label_bias[c * 16..][..16].try_into().unwrap();
                for k in 0..l {
                    for (part, f) in [dep[k], hd[k], dep[k] * hd[k]].into_iter().enumerate() {
                        let weights = &self.label_out[(part * l + k) * stride + c * 16..][..16];
                        for (x, w) in sums.iter_mut().zip(weights) {
                            *x += f * w;
                        }
                    }
                }
                out.copy_from_slice(&sums);
            }
            // Only the root's child is `root`; rows 0 and 1 are unused.
            let best = (2..n_labels)
                .filter(|&k| (k == self.root_label) == (head == 0))
                .max_by(|&x, &y| relation[x].total_cmp(&relation[y]))
                .unwrap_or(self.root_label);
            parse.labels.push(best as u16);
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod wide {
    use std::sync::OnceLock;

    pub fn avx512() -> bool {
        static YES: OnceLock<bool> = OnceLock::new();
        *YES.get_or_init(|| {
            is_x86_feature_detected!("avx512f")
                && is_x86_feature_detected!("avx512bw")
                && is_x86_feature_detected!("avx512vl")
                && avx2()
        })
    }

    pub fn avx2() -> bool {
        static YES: OnceLock<bool> = OnceLock::new();
        *YES.get_or_init(|| is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma"))
    }
}

fn floats(w: &mut Writer, v: &[f32]) {
    w.u32(v.len() as u32);
    for &x in v {
        w.f32(x);
    }
}

fn read_floats(r: &mut Reader) -> Result<Vec<f32>, ModelError> {
    let n = r.u32()? as usize;
    if n > 1 << 26 {
        return Err(r.error("vector too long"));
    }
    (0..n).map(|_| r.f32()).collect()
}

/// Eisner's chart for the best projective tree in which the root (0) has
/// one child: O(n³) time, O(n²) memory, reused between sentences.
#[derive(Default)]
struct Chart {
    /// `[s][t]` spans, `[0]` headed by t (reaching left to s), `[1]` by s.
    complete: Vec<[f32; 2]>,
    incomplete: Vec<[f32; 2]>,
    complete_split: Vec<[u32; 2]>,
    incomplete_split: Vec<[u32; 2]>,
}

impl Chart {
    /// Heads of words 1..n from `scores[d * stride + h]`, log-probabilities.
    fn decode(&mut self, scores: &[f32], stride: usize, n: usize, heads: &mut Vec<u32>) {
        let neg = f32::NEG_INFINITY;
        let at = |s: usize, t: usize| s * n + t;
        let score = |d: usize, h: usize| scores[d * stride + h];
        for v in [&mut self.complete, &mut self.incomplete] {
            v.clear();
            v.resize(n * n, [neg; 2]);
        }
        for v in [&mut self.complete_split, &mut self.incomplete_split] {
            v.clear();
            v.resize(n * n, [0; 2]);
        }
        for s in 1..n {
            self.complete[at(s, s)] = [0.0; 2];
        }
        // Spans over the words 1..n only; the root joins at the end.
        for width in 1..n - 1 {
            for s in 1..n - width {
                let t = s + width;
                let (mut best, mut split) = (neg, s);
                for r in s..t {
                    let v = self.complete[at(s, r)][1] + self.complete[at(r + 1, t)][0];
                    if v > best {
                        (best, split) = (v, r);
                    }
                }
                // [0]: t heads s; [1]: s heads t.
                self.incomplete[at(s, t)] = [best + score(s, t), best + score(t, s)];
                self.incomplete_split[at(s, t)] = [split as u32; 2];
                let (mut best, mut split) = (neg, s);
                for r in s..t {
                    let v = self.complete[at(s, r)][0] + self.incomplete[at(r, t)][0];
                    if v > best {
                        (best, split) = (v, r);
                    }
                }
                self.complete[at(s, t)][0] = best;
                self.complete_split[at(s, t)][0] = split as u32;
                let (mut best, mut split) = (neg, t);
                for r in s + 1..=t {
                    let v = self.incomplete[at(s, r)][1] + self.complete[at(r, t)][1];
                    if v > best {
                        (best, split) = (v, r);
                    }
                }
                self.complete[at(s, t)][1] = best;
                self.complete_split[at(s, t)][1] = split as u32;
            }
        }
        // The root's one child r: everything left of r hangs from r, and
        // everything right of it.
        let root = (1..n)
            .max_by(|&x, &y| {
                let total = |r: usize| {
                    self.complete[at(1, r)][0] + self.complete[at(r, n - 1)][1] + score(r, 0)
                };
                total(x).total_cmp(&total(y))
            })
            .unwrap_or(1);
        heads.clear();
        heads.resize(n - 1, 0);
        let mut stack = vec![(1, root, 0usize, true), (root, n - 1, 1, true)];
        while let Some((s, t, d, is_complete)) = stack.pop() {
            if s == t {
                continue;
            }
            if is_complete {
                let r = self.complete_split[at(s, t)][d] as usize;
                if d == 0 {
                    stack.push((s, r, 0, true));
                    stack.push((r, t, 0, false));
                } else {
                    stack.push((s, r, 1, false));
                    stack.push((r, t, 1, true));
                }
            } else {
                let r = self.incomplete_split[at(s, t)][d] as usize;
                if d == 0 {
                    heads[s - 1] = t as u32;
                } else {
                    heads[t - 1] = s as u32;
                }
                stack.push((s, r, 1, true));
                stack.push((r + 1, t, 0, true));
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::hash::Rng;

    /// Whether `heads` (of words 1..=n, 0 the root) form one tree with one
    /// word under the root, and no crossing arcs.
    fn is_projective_tree(heads: &[u32]) -> bool {
        let n = heads.len();
        let one_root = heads.iter().filter(|&&h| h == 0).count() == 1;
        let reaches_root = (1..=n).all(|w| {
            let (mut at, mut steps) = (w, 0);
            while at != 0 && steps <= n {
                at = heads[at - 1] as usize;
                steps += 1;
            }
            at == 0
        });
        let arcs: Vec<(usize, usize)> = (1..=n)
            .map(|w| {
                let h = heads[w - 1] as usize;
                (w.min(h), w.max(h))
            })
            .collect();
        let crossing = arcs
            .iter()
            .any(|&(a, b)| arcs.iter().any(|&(c, d)| a < c && c < b && b < d));
        one_root && reaches_root && !crossing
    }

    /// A network in dyad-neural's format with random weights: 8 units,
    /// 2 layers, MLPs of 16 and 8, every kind of feature.
    pub(crate) fn random_network(seed: u64) -> Vec<u8> {
        let mut rng = Rng::new(seed);
        let mut out = NETWORK_MAGIC.to_vec();
        let size = |out: &mut Vec<u8>, x: usize| out.extend((x as u32).to_le_bytes());
        let (hidden, layers, arc, label) = (8, 2, 16, 8);
        for x in [hidden, layers, arc, label] {
            size(&mut out, x);
        }
        let names = |out: &mut Vec<u8>, names: &[&str]| {
            size(out, names.len());
            for n in names {
                size(out, n.len());
                out.extend(n.as_bytes());
            }
        };
        let features: [(Feature, usize, &[&str]); 5] = [
            (
                Feature::Lower,
                10,
                &["the", "army", "attacked", "city", "."],
            ),
            (
                Feature::Tag,
                6,
                &["DET|DT", "NOUN|NN", "VERB|VBD", "PUNCT|."],
            ),
            (Feature::Prefix(2), 3, &["th", "ar", "ci"]),
            (Feature::Suffix(3), 4, &["the", "rmy", "ked", "ity"]),
            (Feature::Shape, 2, &[]),
        ];
        size(&mut out, features.len());
        for (feature, dim, rows) in features {
            size(&mut out, feature.code() as usize);
            size(&mut out, dim);
            names(&mut out, rows);
        }
        let labels = ["det", "nsubj", "root", "obj", "punct"];
        names(&mut out, &labels);
        let mut matrix = |out: &mut Vec<u8>, rows: usize, cols: usize| {
            size(out, rows);
            size(out, cols);
            for _ in 0..rows * cols {
                out.extend((rng.unit() as f32 - 0.5).to_le_bytes());
            }
        };
        for (feature, dim, rows) in features {
            let n = if feature == Feature::Shape {
                7
            } else {
                rows.len() + 2
            };
            matrix(&mut out, n, dim);
        }
        for layer in 0..layers {
            let inputs = if layer == 0 {
                features.iter().map(|f| f.1).sum()
            } else {
                2 * hidden
            };
            for _ in 0..2 {
                matrix(&mut out, inputs, 4 * hidden);
                matrix(&mut out, hidden, 4 * hidden);
                matrix(&mut out, 1, 4 * hidden);
            }
        }
        for width in [arc, arc] {
            matrix(&mut out, 2 * hidden, width);
            matrix(&mut out, 1, width);
        }
        matrix(&mut out, arc, arc);
        matrix(&mut out, arc, 1);
        for width in [label, label] {
            matrix(&mut out, 2 * hidden, width);
            matrix(&mut out, 1, width);
        }
        matrix(&mut out, 3 * label, labels.len() + 2);
        matrix(&mut out, 1, labels.len() + 2);
        out
    }

    #[test]
    fn sentences_parse_the_same_alone_or_side_by_side_and_survive_saving() {
        let mut network = Biaffine::import(&random_network(7)).unwrap();
        let upos: Vec<Box<str>> = ["DET", "NOUN", "VERB", "PUNCT"].map(Into::into).into();
        let xpos: Vec<Box<str>> = ["DT", "NN", "VBD", "."].map(Into::into).into();
        network.bind_tags(&upos, &xpos);
        let mut buffer = crate::lexical::LexBuffer::default();
        let mut rng = Rng::new(1);
        let forms = [
            "the",
            "army",
            "attacked",
            "Paris",
            "city",
            ".",
            "Путин",
            "42",
        ];
        // Lengths 1 to 9, and one past the tree decoder's limit.
        let sentences: Vec<(Vec<Lex>, Vec<u8>, Vec<u16>)> = (1..10)
            .chain([MAX_TREE_WORDS + 1])
            .map(|n| {
                let forms: Vec<&str> = (0..n).map(|_| forms[rng.below(forms.len())]).collect();
                let lex = forms.iter().map(|f| buffer.lex(f)).collect();
                let shapes = forms.iter().map(|f| word_shape(f)).collect();
                let tags = (0..n).map(|_| rng.below(4) as u16).collect();
                (lex, shapes, tags)
            })
            .collect();
        let words: Vec<Words> = sentences
            .iter()
            .map(|(lex, shapes, tags)| Words { lex, shapes, tags })
            .collect();
        let mut scratch = BiaffineScratch::default();
        let alone: Vec<Parse> = words
            .iter()
            .map(|w| {
                let mut parse = [Parse::default()];
                let one = Words {
                    lex: w.lex,
                    shapes: w.shapes,
                    tags: w.tags,
                };
                network.parse(&[one], &mut scratch, &mut parse);
                parse[0].clone()
            })
            .collect();
        for (parse, w) in alone.iter().zip(&words) {
            assert_eq!(parse.heads.len(), w.lex.len());
            assert!(parse.heads.iter().all(|&h| h as usize <= w.lex.len()));
            if w.lex.len() <= MAX_TREE_WORDS {
                assert!(is_projective_tree(&parse.heads), "{:?}", parse.heads);
            } else {
                assert_eq!(parse.heads.iter().filter(|&&h| h == 0).count(), 1);
                assert!(parse
                    .heads
                    .iter()
                    .enumerate()
                    .all(|(k, &h)| (h as usize) <= k));
            }
            let root = network.root_label as u16;
            for (&h, &l) in parse.heads.iter().zip(&parse.labels) {
                assert_eq!(h == 0, l == root);
                assert!(l >= 2 && (l as usize) < network.labels().len());
            }
        }
        let mut together = vec![Parse::default(); 4];
        for (k, group) in words.chunks(4).enumerate() {
            network.parse(group, &mut scratch, &mut together[..group.len()]);
            for (j, parse) in together[..group.len()].iter().enumerate() {
                assert_eq!(parse.heads, alone[k * 4 + j].heads);
                assert_eq!(parse.labels, alone[k * 4 + j].labels);
            }
        }
        let mut writer = Writer::default();
        network.write(&mut writer);
        let bytes = writer.into_bytes();
        let mut reader = Reader::new(&bytes);
        let mut back = Biaffine::read(&mut reader).unwrap();
        assert!(reader.is_at_end());
        back.bind_tags(&upos, &xpos);
        let mut parse = [Parse::default()];
        back.parse(&words[5..6], &mut scratch, &mut parse);
        assert_eq!(parse[0].heads, alone[5].heads);
        // A damaged file is an error, not a panic.
        for cut in [0, 10, bytes.len() / 2, bytes.len() - 1] {
            assert!(Biaffine::read(&mut Reader::new(&bytes[..cut])).is_err());
        }
        let export = random_network(7);
        for cut in [0, 20, export.len() / 3, export.len() - 1] {
            assert!(Biaffine::import(&export[..cut]).is_err());
        }
    }

    #[test]
    fn feature_names_hash_as_the_words_letters_do() {
        let mut buffer = crate::lexical::LexBuffer::default();
        for form in ["Attacked", "a", "", "ΣΟΦΟΣ", "Путин", "日本", "İstanbul"] {
            let lex = buffer.lex(form);
            let mut features = vec![Feature::Lower];
            features.extend((1..=3).map(Feature::Prefix));
            features.extend((1..=4).map(Feature::Suffix));
            for f in features {
                assert_eq!(Feature::from_code(f.code()), Some(f));
                assert_eq!(Feature::from_name(&f.name()), Some(f));
                let key = f.key(form).unwrap();
                assert_eq!(f.hash(&key), f.of(&lex), "{f:?} of {form}");
            }
            assert_eq!(Feature::Tag.key(form), None);
        }
        assert_eq!(Feature::Suffix(3).key("Gondor").unwrap(), "dor");
        assert_eq!(Feature::Prefix(3).key("Gondor").unwrap(), "gon");
    }

    #[test]
    fn the_decoder_finds_the_best_projective_tree() {
        let mut rng = Rng::new(11);
        let mut chart = Chart::default();
        let mut heads = vec![];
        for words in 1..7 {
            let n = words + 1;
            let scores: Vec<f32> = (0..n * n).map(|_| -(rng.unit() as f32) * 5.0).collect();
            chart.decode(&scores, n, n, &mut heads);
            assert!(is_projective_tree(&heads), "{heads:?}");
            let total = |h: &[u32]| -> f32 {
                h.iter()
                    .enumerate()
                    .map(|(k, &x)| scores[(k + 1) * n + x as usize])
                    .sum()
            };
            // Every assignment of heads, for the best tree among them.
            let mut best = f32::NEG_INFINITY;
            let mut candidate = vec![0u32; words];
            loop {
                if is_projective_tree(&candidate) {
                    best = best.max(total(&candidate));
                }
                let mut k = 0;
                while k < words {
                    candidate[k] += 1;
                    if candidate[k] as usize <= words {
                        break;
                    }
                    candidate[k] = 0;
                    k += 1;
                }
                if k == words {
                    break;
                }
            }
            assert!(
                (total(&heads) - best).abs() < 1e-4,
                "{} vs {best}",
                total(&heads)
            );
        }
    }
}
