//! A BiLSTM-biaffine dependency parser (Dozat & Manning 2017), trained with
//! candle on the CPU, to measure what a neural encoder gains over dyad's
//! perceptron parser on UD English, and what it costs.
//!
//! Input per word: embeddings of the lowercased form (words seen twice in
//! training, else unknown; rare words dropped to unknown while training),
//! of dyad's predicted UPOS|XPOS tag, of the last three letters and of the
//! shape of the first letter. Then LAYERS BiLSTM layers of HIDDEN units each
//! way, a biaffine arc scorer (an MLP of ARC units each side) and a label
//! classifier (LABEL units) on the chosen head.
//!
//! Scored two ways at the end: each word's best-scoring head (no tree
//! constraint, as during training), and the best projective tree (Eisner).
//! With OUT, the trained network is written there, for `dyad
//! import-parser`, which runs it in 8 bits inside dyad.
//!
//! Usage: biaffine-probe UD_DIR TAGGED_DIR HIDDEN LAYERS EPOCHS LAST_RATE [ARC LABEL [OUT]]
//! (ARC and LABEL 256 and 96 when absent), where TAGGED_DIR holds the UD
//! files as re-annotated by `dyad parse` (see `run`): gold heads come from
//! UD_DIR, tags from TAGGED_DIR. AdamW's learning rate goes from 0.002 down
//! to LAST_RATE times that (1: constant).

use candle_core::{DType, Device, IndexOp, Result, Tensor, Var};
use candle_nn::{AdamW, Optimizer, ParamsAdamW};
use rand::{seq::SliceRandom, Rng, SeedableRng};
use std::collections::{BTreeMap, HashMap};

const WORD_DIM: usize = 100;
const TAG_DIM: usize = 48;
const SUFFIX_DIM: usize = 32;
const SHAPE_DIM: usize = 8;
const DROPOUT: f32 = 0.33;

struct Sentence {
    forms: Vec<String>,
    tags: Vec<String>,
    heads: Vec<u32>,
    labels: Vec<String>,
}

/// Rows of a CoNLL-U file's words (no multiword tokens or empty nodes).
fn conllu_rows(path: &str) -> Vec<Vec<Vec<String>>> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut sentences = vec![];
    let mut current = vec![];
    for line in text.lines() {
        if line.is_empty() {
            if !current.is_empty() {
                sentences.push(std::mem::take(&mut current));
            }
        } else if !line.starts_with('#') {
            let fields: Vec<String> = line.split('\t').map(str::to_string).collect();
            if !fields[0].contains(['-', '.']) {
                current.push(fields);
            }
        }
    }
    if !current.is_empty() {
        sentences.push(current);
    }
    sentences
}

fn read(gold: &str, tagged: &str) -> Vec<Sentence> {
    let (gold, tagged) = (conllu_rows(gold), conllu_rows(tagged));
    assert_eq!(
        gold.len(),
        tagged.len(),
        "the tagged file has other sentences"
    );
    gold.into_iter()
        .zip(tagged)
        .map(|(g, t)| Sentence {
            forms: g.iter().map(|f| f[1].clone()).collect(),
            tags: t.iter().map(|f| format!("{}|{}", f[3], f[4])).collect(),
            heads: g.iter().map(|f| f[6].parse().expect("a head")).collect(),
            labels: g.iter().map(|f| f[7].clone()).collect(),
        })
        .collect()
}

/// Ids from 2 up; 0 is the root token, 1 unknown.
struct Vocab(HashMap<String, u32>);

impl Vocab {
    fn build(items: impl Iterator<Item = String>, min_count: usize) -> Vocab {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for i in items {
            *counts.entry(i).or_default() += 1;
        }
        let mut keys: Vec<String> = counts
            .into_iter()
            .filter(|(_, n)| *n >= min_count)
            .map(|(k, _)| k)
            .collect();
        keys.sort();
        Vocab(keys.into_iter().zip(2..).collect())
    }
    fn id(&self, key: &str) -> u32 {
        self.0.get(key).copied().unwrap_or(1)
    }
    fn len(&self) -> usize {
        self.0.len() + 2
    }
}

fn suffix(word: &str) -> String {
    let chars: Vec<char> = word.to_lowercase().chars().collect();
    chars[chars.len().saturating_sub(3)..].iter().collect()
}

fn shape(word: &str) -> u32 {
    match word.chars().next() {
        Some(c) if c.is_uppercase() && !word.chars().any(char::is_lowercase) => 2,
        Some(c) if c.is_uppercase() => 3,
        Some(c) if c.is_numeric() => 4,
        Some(c) if c.is_alphabetic() => 5,
        _ => 6,
    }
}

struct Params {
    vars: Vec<Var>,
    rng: rand::rngs::StdRng,
}

impl Params {
    fn uniform(&mut self, shape: (usize, usize), scale: f32) -> Var {
        let values: Vec<f32> = (0..shape.0 * shape.1)
            .map(|_| self.rng.gen_range(-scale..scale))
            .collect();
        let t = Tensor::from_vec(values, shape, &Device::Cpu).expect("shape");
        let var = Var::from_tensor(&t).expect("a variable");
        self.vars.push(var.clone());
        var
    }
    /// Scaled by the fan-in.
    fn matrix(&mut self, rows: usize, cols: usize) -> Var {
        self.uniform((rows, cols), 1.0 / (rows as f32).sqrt())
    }
    fn zeros(&mut self, n: usize) -> Var {
        let var = Var::zeros(n, DType::F32, &Device::Cpu).expect("zeros");
        self.vars.push(var.clone());
        var
    }
}

struct Lstm {
    input: Var,
    recurrent: Var,
    bias: Var,
    hidden: usize,
}

impl Lstm {
    fn new(p: &mut Params, inputs: usize, hidden: usize) -> Lstm {
        let scale = 1.0 / (hidden as f32).sqrt();
        Lstm {
            input: p.uniform((inputs, 4 * hidden), scale),
            recurrent: p.uniform((hidden, 4 * hidden), scale),
            bias: p.zeros(4 * hidden),
            hidden,
        }
    }

    /// `x` (batch, time, inputs) to (batch, time, hidden), read backwards
    /// if `reverse`. All sentences of a batch have the same length.
    fn run(&self, x: &Tensor, reverse: bool) -> Result<Tensor> {
        let (batch, time, _) = x.dims3()?;
        let projected = x
            .broadcast_matmul(self.input.as_tensor())?
            .broadcast_add(self.bias.as_tensor())?;
        let mut h = Tensor::zeros((batch, self.hidden), DType::F32, &Device::Cpu)?;
        let mut c = h.clone();
        let mut out = vec![None; time];
        for k in 0..time {
            let i = if reverse { time - 1 - k } else { k };
            let gates = (projected.i((.., i, ..))? + h.matmul(self.recurrent.as_tensor())?)?;
            let g = gates.chunk(4, 1)?;
            let input = candle_nn::ops::sigmoid(&g[0])?;
            let forget = candle_nn::ops::sigmoid(&(&g[1] + 1.0)?)?;
            let output = candle_nn::ops::sigmoid(&g[3])?;
            c = ((forget * &c)? + (input * g[2].tanh()?)?)?;
            h = (output * c.tanh()?)?;
            out[i] = Some(h.clone());
        }
        Tensor::stack(&out.into_iter().flatten().collect::<Vec<_>>(), 1)
    }
}

/// A linear layer with ReLU.
struct Dense {
    weight: Var,
    bias: Var,
}

impl Dense {
    fn new(p: &mut Params, inputs: usize, outputs: usize) -> Dense {
        Dense {
            weight: p.matrix(inputs, outputs),
            bias: p.zeros(outputs),
        }
    }
    fn forward(&self, x: &Tensor, train: bool) -> Result<Tensor> {
        let y = x
            .broadcast_matmul(self.weight.as_tensor())?
            .broadcast_add(self.bias.as_tensor())?
            .relu()?;
        dropout(y, train)
    }
}

fn dropout(x: Tensor, train: bool) -> Result<Tensor> {
    if train {
        candle_nn::ops::dropout(&x, DROPOUT)
    } else {
        Ok(x)
    }
}

struct Vocabs {
    words: Vocab,
    word_counts: HashMap<u32, usize>,
    tags: Vocab,
    suffixes: Vocab,
    labels: Vocab,
    label_names: Vec<String>,
}

struct Model {
    words: Var,
    tags: Var,
    suffixes: Var,
    shapes: Var,
    layers: Vec<(Lstm, Lstm)>,
    arc_dep: Dense,
    arc_head: Dense,
    arc_bilinear: Var,
    arc_head_bias: Var,
    label_dep: Dense,
    label_head: Dense,
    label_out: Var,
    label_bias: Var,
    /// Multiply-adds per word at inference, for the cost estimate.
    macs_per_word: usize,
}

impl Model {
    /// `arc` and `label`: the widths of the arc and label MLPs.
    fn new(
        p: &mut Params,
        v: &Vocabs,
        hidden: usize,
        layers: usize,
        arc: usize,
        label: usize,
    ) -> Model {
        let inputs = WORD_DIM + TAG_DIM + SUFFIX_DIM + SHAPE_DIM;
        let encoder: Vec<(Lstm, Lstm)> = (0..layers)
            .map(|k| {
                let n = if k == 0 { inputs } else { 2 * hidden };
                (Lstm::new(p, n, hidden), Lstm::new(p, n, hidden))
            })
            .collect();
        // The first layer's input products can be tabled per word, so only
        // the later layers' count; then the recurrences, the MLPs, the
        // bilinear product and the label classifier.
        let macs_per_word = (layers - 1) * 2 * (2 * hidden) * 4 * hidden
            + layers * 2 * hidden * 4 * hidden
            + 2 * (2 * hidden) * arc
            + arc * arc
            + 2 * (2 * hidden) * label
            + 3 * label * v.labels.len();
        Model {
            words: p.uniform((v.words.len(), WORD_DIM), 0.1),
            tags: p.uniform((v.tags.len(), TAG_DIM), 0.1),
            suffixes: p.uniform((v.suffixes.len(), SUFFIX_DIM), 0.1),
            shapes: p.uniform((7, SHAPE_DIM), 0.1),
            layers: encoder,
            arc_dep: Dense::new(p, 2 * hidden, arc),
            arc_head: Dense::new(p, 2 * hidden, arc),
            arc_bilinear: p.uniform((arc, arc), 0.01),
            arc_head_bias: p.uniform((arc, 1), 0.01),
            label_dep: Dense::new(p, 2 * hidden, label),
            label_head: Dense::new(p, 2 * hidden, label),
            label_out: p.matrix(3 * label, v.labels.len()),
            label_bias: p.zeros(v.labels.len()),
            macs_per_word,
        }
    }

    /// The encoder's states, (batch, 1 + words, 2 * hidden), the root first.
    fn encode(
        &self,
        v: &Vocabs,
        batch: &[&Sentence],
        train: Option<&mut rand::rngs::StdRng>,
    ) -> Result<Tensor> {
        let n = batch[0].forms.len() + 1;
        let (mut w, mut t, mut s, mut c) = (vec![], vec![], vec![], vec![]);
        let is_training = train.is_some();
        let mut rng = train;
        for sentence in batch {
            w.push(0u32);
            t.push(0u32);
            s.push(0u32);
            c.push(0u32);
            for (form, tag) in sentence.forms.iter().zip(&sentence.tags) {
                let mut word = v.words.id(&form.to_lowercase());
                let mut tag = v.tags.id(tag);
                if let Some(rng) = rng.as_deref_mut() {
                    let count = v.word_counts[&word] as f64;
                    if rng.gen::<f64>() < 0.25 / (0.25 + count) {
                        word = 1;
                    }
                    if rng.gen::<f64>() < 0.05 {
                        tag = 1;
                    }
                }
                w.push(word);
                t.push(tag);
                s.push(v.suffixes.id(&suffix(form)));
                c.push(shape(form));
            }
        }
        let b = batch.len();
        let embed = |ids: Vec<u32>, table: &Var| -> Result<Tensor> {
            let ids = Tensor::from_vec(ids, b * n, &Device::Cpu)?;
            table.as_tensor().embedding(&ids)?.reshape((b, n, ()))
        };
        let parts = [
            embed(w, &self.words)?,
            embed(t, &self.tags)?,
            embed(s, &self.suffixes)?,
            embed(c, &self.shapes)?,
        ];
        let mut x = dropout(Tensor::cat(&parts, 2)?, is_training)?;
        for (forward, backward) in &self.layers {
            let both = [forward.run(&x, false)?, backward.run(&x, true)?];
            x = dropout(Tensor::cat(&both, 2)?, is_training)?;
        }
        Ok(x)
    }

    /// Arc scores (batch, dependent, head) over the words and the root, and
    /// the label MLPs' outputs.
    fn score(&self, x: &Tensor, train: bool) -> Result<(Tensor, Tensor, Tensor)> {
        let dep = self.arc_dep.forward(x, train)?;
        let head = self.arc_head.forward(x, train)?;
        let bilinear = dep
            .broadcast_matmul(self.arc_bilinear.as_tensor())?
            .matmul(&head.transpose(1, 2)?.contiguous()?)?;
        let head_prior = head
            .broadcast_matmul(self.arc_head_bias.as_tensor())?
            .transpose(1, 2)?;
        let arcs = bilinear.broadcast_add(&head_prior)?;
        Ok((
            arcs,
            self.label_dep.forward(x, train)?,
            self.label_head.forward(x, train)?,
        ))
    }

    /// Label scores of each word (all but the root) given its head.
    fn labels(&self, dep: &Tensor, head: &Tensor, heads: &[u32], n: usize) -> Result<Tensor> {
        let b = dep.dim(0)?;
        let rows: Vec<u32> = heads
            .iter()
            .enumerate()
            .map(|(k, &h)| (k / (n - 1) * n) as u32 + h)
            .collect();
        let rows = Tensor::from_vec(rows, heads.len(), &Device::Cpu)?;
        let head = head.reshape((b * n, ()))?.index_select(&rows, 0)?;
        let dep = dep
            .i((.., 1.., ..))?
            .contiguous()?
            .reshape((b * (n - 1), ()))?;
        let features = Tensor::cat(&[&dep, &head, &(&dep * &head)?], 1)?;
        features
            .matmul(self.label_out.as_tensor())?
            .broadcast_add(self.label_bias.as_tensor())
    }
}

/// The best projective tree (Eisner 1996) for `scores[dependent][head]`
/// over the root (0) and the words; each word's head, the root's left out.
/// O(n³) time, O(n²) memory.
fn eisner(scores: &[Vec<f32>]) -> Vec<u32> {
    let n = scores.len();
    let neg = f32::NEG_INFINITY;
    // [s][t][0]: headed by t, reaching left to s; [s][t][1]: headed by s.
    let mut complete = vec![vec![[0.0f32; 2]; n]; n];
    let mut incomplete = vec![vec![[neg; 2]; n]; n];
    let mut complete_split = vec![vec![[0usize; 2]; n]; n];
    let mut incomplete_split = vec![vec![[0usize; 2]; n]; n];
    for width in 1..n {
        for s in 0..n - width {
            let t = s + width;
            let (mut best, mut split) = (neg, s);
            for r in s..t {
                let v = complete[s][r][1] + complete[r + 1][t][0];
                if v > best {
                    (best, split) = (v, r);
                }
            }
            incomplete[s][t] = [
                if s == 0 { neg } else { best + scores[s][t] },
                best + scores[t][s],
            ];
            incomplete_split[s][t] = [split, split];
            let (mut best, mut split) = (neg, s);
            for r in s..t {
                let v = complete[s][r][0] + incomplete[r][t][0];
                if v > best {
                    (best, split) = (v, r);
                }
            }
            complete[s][t][0] = best;
            complete_split[s][t][0] = split;
            let (mut best, mut split) = (neg, t);
            for r in s + 1..=t {
                let v = incomplete[s][r][1] + complete[r][t][1];
                if v > best {
                    (best, split) = (v, r);
                }
            }
            complete[s][t][1] = best;
            complete_split[s][t][1] = split;
        }
    }
    let mut heads = vec![0u32; n];
    // (s, t, direction, complete?)
    let mut stack = vec![(0, n - 1, 1, true)];
    while let Some((s, t, d, is_complete)) = stack.pop() {
        if s == t {
            continue;
        }
        if is_complete {
            let r = complete_split[s][t][d];
            if d == 0 {
                stack.push((s, r, 0, true));
                stack.push((r, t, 0, false));
            } else {
                stack.push((s, r, 1, false));
                stack.push((r, t, 1, true));
            }
        } else {
            let r = incomplete_split[s][t][d];
            if d == 0 {
                heads[s] = t as u32;
            } else {
                heads[t] = s as u32;
            }
            stack.push((s, r, 1, true));
            stack.push((r + 1, t, 0, true));
        }
    }
    heads[1..].to_vec()
}

/// Batches of sentences of one length, at most `size` each.
fn batches(data: &[Sentence], size: usize) -> Vec<Vec<usize>> {
    let mut by_length: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, s) in data.iter().enumerate() {
        by_length.entry(s.forms.len()).or_default().push(i);
    }
    by_length
        .into_values()
        .flat_map(|v| v.chunks(size).map(<[usize]>::to_vec).collect::<Vec<_>>())
        .collect()
}

/// UAS and LAS (universal relation) in percent, and words per second;
/// heads decoded as a projective tree if `tree`, else each word's best.
fn evaluate(m: &Model, v: &Vocabs, data: &[Sentence], tree: bool) -> Result<(f64, f64, f64)> {
    let start = std::time::Instant::now();
    let (mut words, mut uas, mut las) = (0usize, 0usize, 0usize);
    let universal = |l: &str| l.split(':').next().unwrap_or("").to_string();
    for ids in batches(data, 64) {
        let batch: Vec<&Sentence> = ids.iter().map(|&i| &data[i]).collect();
        let (b, n) = (batch.len(), batch[0].forms.len() + 1);
        let (arcs, dep, head) = m.score(&m.encode(v, &batch, None)?, false)?;
        let arcs = arcs.i((.., 1.., ..))?.contiguous()?;
        let heads: Vec<u32> = if tree {
            let log_probs = candle_nn::ops::log_softmax(&arcs, 2)?.to_vec3::<f32>()?;
            log_probs
                .iter()
                .flat_map(|rows| {
                    let mut scores = vec![vec![0.0; n]];
                    scores.extend(rows.iter().cloned());
                    eisner(&scores)
                })
                .collect()
        } else {
            arcs.reshape((b * (n - 1), n))?.argmax(1)?.to_vec1()?
        };
        let labels: Vec<u32> = m.labels(&dep, &head, &heads, n)?.argmax(1)?.to_vec1()?;
        for (k, s) in batch.iter().enumerate() {
            for j in 0..n - 1 {
                words += 1;
                if heads[k * (n - 1) + j] == s.heads[j] {
                    uas += 1;
                    let label = &v.label_names[labels[k * (n - 1) + j] as usize];
                    las += usize::from(universal(label) == universal(&s.labels[j]));
                }
            }
        }
    }
    let pct = |x: usize| 100.0 * x as f64 / words as f64;
    Ok((
        pct(uas),
        pct(las),
        words as f64 / start.elapsed().as_secs_f64(),
    ))
}

/// Writes the trained model for dyad (`dyad_syntax`'s neural parser reads
/// it): a magic line, the sizes, the vocabularies (strings in id order from
/// 2; 0 is the root, 1 unknown), then the f32 matrices, all little-endian.
fn export(m: &Model, v: &Vocabs, path: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    out.write_all(b"dyad-biaffine 1\n")?;
    let number = |out: &mut std::io::BufWriter<std::fs::File>, x: usize| {
        out.write_all(&(x as u32).to_le_bytes())
    };
    let dims = m.arc_dep.weight.dims2().expect("a matrix");
    let label = m.label_dep.weight.dims2().expect("a matrix").1;
    for x in [
        m.layers[0].0.hidden,
        m.layers.len(),
        dims.1,
        label,
        WORD_DIM,
        TAG_DIM,
        SUFFIX_DIM,
        SHAPE_DIM,
    ] {
        number(&mut out, x)?;
    }
    for vocab in [&v.words, &v.tags, &v.suffixes, &v.labels] {
        let mut names: Vec<(&u32, &String)> = vocab.0.iter().map(|(k, id)| (id, k)).collect();
        names.sort();
        number(&mut out, names.len())?;
        for (_, name) in names {
            number(&mut out, name.len())?;
            out.write_all(name.as_bytes())?;
        }
    }
    let mut matrices: Vec<&Var> = vec![&m.words, &m.tags, &m.suffixes, &m.shapes];
    for (forward, backward) in &m.layers {
        for lstm in [forward, backward] {
            matrices.extend([&lstm.input, &lstm.recurrent, &lstm.bias]);
        }
    }
    for dense in [&m.arc_dep, &m.arc_head] {
        matrices.extend([&dense.weight, &dense.bias]);
    }
    matrices.extend([&m.arc_bilinear, &m.arc_head_bias]);
    for dense in [&m.label_dep, &m.label_head] {
        matrices.extend([&dense.weight, &dense.bias]);
    }
    matrices.extend([&m.label_out, &m.label_bias]);
    for matrix in matrices {
        let t = matrix.as_tensor();
        let (rows, cols) = match t.dims() {
            [n] => (1, *n),
            [r, c] => (*r, *c),
            _ => unreachable!("matrices and vectors only"),
        };
        number(&mut out, rows)?;
        number(&mut out, cols)?;
        let values: Vec<f32> = t
            .flatten_all()
            .and_then(|t| t.to_vec1())
            .expect("f32 values");
        for x in values {
            out.write_all(&x.to_le_bytes())?;
        }
    }
    out.flush()
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (ud, tagged, hidden, layers, epochs, last_rate, arc, label, out) = match &args[..] {
        [_, u, t, h, l, e, r] => (u, t, h, l, e, r, "256", "96", None),
        [_, u, t, h, l, e, r, a, b] => (u, t, h, l, e, r, a.as_str(), b.as_str(), None),
        [_, u, t, h, l, e, r, a, b, o] => (u, t, h, l, e, r, a.as_str(), b.as_str(), Some(o)),
        _ => {
            eprintln!(
                "usage: biaffine-probe UD_DIR TAGGED_DIR HIDDEN LAYERS EPOCHS LAST_RATE [ARC LABEL [OUT]]"
            );
            std::process::exit(2);
        }
    };
    let last_rate: f64 = last_rate.parse().expect("a number");
    let number = |s: &str| -> usize { s.parse().expect("a number") };
    let (hidden, layers, epochs) = (number(hidden), number(layers), number(epochs));
    let files = |name: &str| {
        (
            format!("{ud}/{name}.conllu"),
            format!("{tagged}/{name}.conllu"),
        )
    };
    let load = |name: &str| {
        let (g, t) = files(name);
        read(&g, &t)
    };
    let mut train = load("en_ewt-ud-train");
    train.extend(load("en_gum-ccby-ud-train"));
    let (dev, test) = (load("en_ewt-ud-dev"), load("en_ewt-ud-test"));

    let words = Vocab::build(
        train
            .iter()
            .flat_map(|s| s.forms.iter().map(|w| w.to_lowercase())),
        2,
    );
    let mut word_counts = HashMap::new();
    for s in &train {
        for w in &s.forms {
            *word_counts.entry(words.id(&w.to_lowercase())).or_default() += 1;
        }
    }
    let labels = Vocab::build(train.iter().flat_map(|s| s.labels.iter().cloned()), 1);
    let mut label_names = vec![String::new(); labels.len()];
    for (name, &id) in &labels.0 {
        label_names[id as usize] = name.clone();
    }
    let v = Vocabs {
        words,
        word_counts,
        tags: Vocab::build(train.iter().flat_map(|s| s.tags.iter().cloned()), 1),
        suffixes: Vocab::build(
            train.iter().flat_map(|s| s.forms.iter().map(|w| suffix(w))),
            2,
        ),
        labels,
        label_names,
    };
    let mut p = Params {
        vars: vec![],
        rng: rand::rngs::StdRng::seed_from_u64(1),
    };
    let m = Model::new(
        &mut p,
        &v,
        hidden,
        layers,
        number(arc).min(2 * hidden),
        number(label),
    );
    let parameters: usize = p.vars.iter().map(|x| x.elem_count()).sum();
    eprintln!(
        "{} training sentences; {} words, {} tags, {} relations; {parameters} parameters; \
         {} multiply-adds per word at inference",
        train.len(),
        v.words.len(),
        v.tags.len(),
        v.labels.len(),
        m.macs_per_word
    );
    let settings = ParamsAdamW {
        lr: 2e-3,
        beta1: 0.9,
        beta2: 0.9,
        eps: 1e-8,
        weight_decay: 0.0,
    };
    let mut optimizer = AdamW::new(p.vars.clone(), settings.clone())?;
    let mut rng = p.rng;
    for epoch in 1..=epochs {
        // Linear from the initial rate to `last_rate` of it at the last epoch.
        let progress = (epoch - 1) as f64 / (epochs - 1).max(1) as f64;
        optimizer.set_learning_rate(settings.lr * (1.0 - progress * (1.0 - last_rate)));
        let start = std::time::Instant::now();
        let mut order = batches(&train, 32);
        order.shuffle(&mut rng);
        let mut total = 0.0;
        for ids in &order {
            let batch: Vec<&Sentence> = ids.iter().map(|&i| &train[i]).collect();
            let (b, n) = (batch.len(), batch[0].forms.len() + 1);
            let (arcs, dep, head) = m.score(&m.encode(&v, &batch, Some(&mut rng))?, true)?;
            let gold: Vec<u32> = batch.iter().flat_map(|s| s.heads.iter().copied()).collect();
            let gold_labels: Vec<u32> = batch
                .iter()
                .flat_map(|s| s.labels.iter().map(|l| v.labels.id(l)))
                .collect();
            let arcs = arcs
                .i((.., 1.., ..))?
                .contiguous()?
                .reshape((b * (n - 1), n))?;
            let arc_loss = candle_nn::loss::cross_entropy(
                &arcs,
                &Tensor::from_vec(gold.clone(), b * (n - 1), &Device::Cpu)?,
            )?;
            let label_loss = candle_nn::loss::cross_entropy(
                &m.labels(&dep, &head, &gold, n)?,
                &Tensor::from_vec(gold_labels, b * (n - 1), &Device::Cpu)?,
            )?;
            let loss = (arc_loss + label_loss)?;
            total += loss.to_scalar::<f32>()?;
            optimizer.backward_step(&loss)?;
        }
        let (uas, las, _) = evaluate(&m, &v, &dev, false)?;
        eprintln!(
            "epoch {epoch}: loss {:.3}, EWT dev UAS {uas:.2} LAS {las:.2} ({:.0?})",
            total / order.len() as f32,
            start.elapsed()
        );
    }
    if let Some(out) = out {
        export(&m, &v, out).unwrap_or_else(|e| panic!("{out}: {e}"));
        eprintln!("model written to {out}");
    }
    let (uas, las, speed) = evaluate(&m, &v, &test, false)?;
    eprintln!("EWT test UAS {uas:.2} LAS {las:.2}; {speed:.0} words/s batched in candle");
    for (name, data) in [("dev", &dev), ("test", &test)] {
        let (uas, las, _) = evaluate(&m, &v, data, true)?;
        eprintln!("EWT {name}, projective trees: UAS {uas:.2} LAS {las:.2}");
    }
    Ok(())
}
