//! Training dyad's neural dependency parser on the CPU: a BiLSTM-biaffine
//! network (Dozat & Manning 2017) written with candle, whose trained
//! weights `dyad_syntax::Model::with_neural_parser` reads and runs in 8
//! bits (see dyad-syntax's `biaffine` module for the inference and its
//! costs). The features must be computed as dyad-syntax computes them at
//! inference: the shape comes from `dyad_syntax::word_shape`.
//!
//! Input per word: embeddings of the [`Feature`]s the configuration lists,
//! by default the lowercased form (words seen twice in training, else
//! unknown; rare words are dropped to unknown while training), the
//! tagger's UPOS|XPOS tag (5% dropped to unknown), the first three and the
//! last two, three and four letters (those seen twice), and the word's
//! shape. Then `layers`
//! BiLSTM layers of `hidden` units each way, a biaffine arc scorer over MLPs
//! of `arc` units, and a relation classifier over MLPs of `label` units,
//! given the gold head. Trained with AdamW on each word's head (cross
//! entropy over the sentence's words) and relation; dropout 0.33.
//!
//! Deterministic for a given seed: initial weights, batches, word and
//! feature dropout all come from one seeded generator.
//!
//! Cost: an epoch over EWT and GUM's training files (19,000 sentences) takes
//! about 2 to 3 minutes on 2 cores with the default sizes.

use candle_core::{DType, Device, IndexOp, Tensor, Var};
use candle_nn::{AdamW, Optimizer, ParamsAdamW};
pub use dyad_syntax::Feature;
use rand::{seq::SliceRandom, Rng, SeedableRng};
use std::collections::{BTreeMap, HashMap};

pub use candle_core::Error;

const DROPOUT: f32 = 0.33;

/// A training or development sentence: forms, predicted tags (`UPOS|XPOS`),
/// gold heads (0 the root) and relations.
#[derive(Clone, Debug)]
pub struct Sentence {
    pub forms: Vec<String>,
    pub tags: Vec<String>,
    pub heads: Vec<u32>,
    pub labels: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct Config {
    /// The input embeddings and their sizes; the lowercased form's rows
    /// are dropped while training, as the tag's.
    pub features: Vec<(Feature, usize)>,
    /// Units of each LSTM, each way.
    pub hidden: usize,
    pub layers: usize,
    /// Units of the arc MLPs (a multiple of 16) and of the relation MLPs.
    pub arc: usize,
    pub label: usize,
    pub epochs: usize,
    /// AdamW's rate falls linearly from 0.002 to this fraction of it.
    pub last_rate: f64,
    pub seed: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            features: vec![
                (Feature::Lower, 100),
                (Feature::Tag, 48),
                (Feature::Prefix(3), 32),
                (Feature::Suffix(2), 16),
                (Feature::Suffix(3), 32),
                (Feature::Suffix(4), 32),
                (Feature::Shape, 8),
            ],
            hidden: 128,
            layers: 2,
            arc: 128,
            label: 64,
            epochs: 20,
            last_rate: 0.1,
            seed: 1,
        }
    }
}

/// Reported after each epoch.
#[derive(Clone, Debug)]
pub struct Progress {
    pub epoch: usize,
    pub loss: f32,
    /// UAS and LAS (universal relations), each word's best head, on the
    /// development sentences if any.
    pub dev: Option<(f64, f64)>,
    pub seconds: f64,
}

/// Ids from 2 up, in the order of the sorted keys; 0 is the root, 1 unknown.
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
    /// The keys in id order.
    fn names(&self) -> Vec<&str> {
        let mut names: Vec<(&u32, &String)> = self.0.iter().map(|(k, id)| (id, k)).collect();
        names.sort();
        names.into_iter().map(|(_, k)| k.as_str()).collect()
    }
}

/// The trainable variables, made from the seeded generator.
struct Params {
    vars: Vec<Var>,
    rng: rand::rngs::StdRng,
}

impl Params {
    fn uniform(&mut self, shape: (usize, usize), scale: f32) -> Result<Var, Error> {
        let values: Vec<f32> = (0..shape.0 * shape.1)
            .map(|_| self.rng.gen_range(-scale..scale))
            .collect();
        let var = Var::from_tensor(&Tensor::from_vec(values, shape, &Device::Cpu)?)?;
        self.vars.push(var.clone());
        Ok(var)
    }
    /// Scaled by the fan-in.
    fn matrix(&mut self, rows: usize, cols: usize) -> Result<Var, Error> {
        self.uniform((rows, cols), 1.0 / (rows as f32).sqrt())
    }
    fn zeros(&mut self, n: usize) -> Result<Var, Error> {
        let var = Var::zeros(n, DType::F32, &Device::Cpu)?;
        self.vars.push(var.clone());
        Ok(var)
    }
}

/// Dropout with masks from the seeded generator (candle's own is not
/// seeded); `None` when not training.
fn dropout(x: Tensor, rng: &mut Option<&mut rand::rngs::StdRng>) -> Result<Tensor, Error> {
    let Some(rng) = rng else { return Ok(x) };
    let keep = 1.0 / (1.0 - DROPOUT);
    let mask: Vec<f32> = (0..x.elem_count())
        .map(|_| {
            if rng.gen::<f32>() < DROPOUT {
                0.0
            } else {
                keep
            }
        })
        .collect();
    let mask = Tensor::from_vec(mask, x.shape(), &Device::Cpu)?;
    x * mask
}

struct Lstm {
    input: Var,
    recurrent: Var,
    bias: Var,
    hidden: usize,
}

impl Lstm {
    fn new(p: &mut Params, inputs: usize, hidden: usize) -> Result<Lstm, Error> {
        let scale = 1.0 / (hidden as f32).sqrt();
        Ok(Lstm {
            input: p.uniform((inputs, 4 * hidden), scale)?,
            recurrent: p.uniform((hidden, 4 * hidden), scale)?,
            bias: p.zeros(4 * hidden)?,
            hidden,
        })
    }

    /// `x` (batch, time, inputs) to (batch, time, hidden), read backwards
    /// if `reverse`. All sentences of a batch have the same length. Gates:
    /// input, forget (its input plus 1), candidate, output.
    fn run(&self, x: &Tensor, reverse: bool) -> Result<Tensor, Error> {
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
    fn new(p: &mut Params, inputs: usize, outputs: usize) -> Result<Dense, Error> {
        Ok(Dense {
            weight: p.matrix(inputs, outputs)?,
            bias: p.zeros(outputs)?,
        })
    }
    fn forward(
        &self,
        x: &Tensor,
        rng: &mut Option<&mut rand::rngs::StdRng>,
    ) -> Result<Tensor, Error> {
        let y = x
            .broadcast_matmul(self.weight.as_tensor())?
            .broadcast_add(self.bias.as_tensor())?
            .relu()?;
        dropout(y, rng)
    }
}

/// A feature's rows: named ones from 2 (0 the root, 1 unknown), or the
/// seven shapes.
enum Rows {
    Named(Vocab),
    Shapes,
}

impl Rows {
    fn len(&self) -> usize {
        match self {
            Rows::Named(v) => v.len(),
            Rows::Shapes => 7,
        }
    }
}

struct Vocabs {
    features: Vec<(Feature, Rows)>,
    /// Training count of each lowercased form's row.
    word_counts: HashMap<u32, usize>,
    labels: Vocab,
    label_names: Vec<String>,
}

struct Network {
    embeddings: Vec<Var>,
    layers: Vec<(Lstm, Lstm)>,
    arc_dep: Dense,
    arc_head: Dense,
    arc_bilinear: Var,
    arc_head_bias: Var,
    label_dep: Dense,
    label_head: Dense,
    label_out: Var,
    label_bias: Var,
}

/// The network's outputs for a batch: arc scores (batch, dependent, head)
/// over the root and the words, and the relation MLPs' outputs.
struct Scores {
    arcs: Tensor,
    dep: Tensor,
    head: Tensor,
}

impl Network {
    fn new(p: &mut Params, v: &Vocabs, c: &Config) -> Result<Network, Error> {
        let inputs = c.features.iter().map(|f| f.1).sum();
        let (hidden, arc, label) = (c.hidden, c.arc, c.label);
        let layers = (0..c.layers)
            .map(|k| {
                let n = if k == 0 { inputs } else { 2 * hidden };
                Ok((Lstm::new(p, n, hidden)?, Lstm::new(p, n, hidden)?))
            })
            .collect::<Result<_, Error>>()?;
        let embeddings = v
            .features
            .iter()
            .zip(&c.features)
            .map(|((_, rows), &(_, dim))| p.uniform((rows.len(), dim), 0.1))
            .collect::<Result<_, Error>>()?;
        Ok(Network {
            embeddings,
            layers,
            arc_dep: Dense::new(p, 2 * hidden, arc)?,
            arc_head: Dense::new(p, 2 * hidden, arc)?,
            arc_bilinear: p.uniform((arc, arc), 0.01)?,
            arc_head_bias: p.uniform((arc, 1), 0.01)?,
            label_dep: Dense::new(p, 2 * hidden, label)?,
            label_head: Dense::new(p, 2 * hidden, label)?,
            label_out: p.matrix(3 * label, v.labels.len())?,
            label_bias: p.zeros(v.labels.len())?,
        })
    }

    /// Scores for a batch of sentences of one length; `rng` when training.
    fn score(
        &self,
        v: &Vocabs,
        batch: &[&Sentence],
        mut rng: Option<&mut rand::rngs::StdRng>,
    ) -> Result<Scores, Error> {
        let n = batch[0].forms.len() + 1;
        // Row ids per feature, position by position (the root's are 0).
        let mut ids = vec![vec![]; v.features.len()];
        for sentence in batch {
            ids.iter_mut().for_each(|i| i.push(0u32));
            for (form, tag) in sentence.forms.iter().zip(&sentence.tags) {
                for ((feature, rows), ids) in v.features.iter().zip(&mut ids) {
                    let mut id = match (feature, rows) {
                        (_, Rows::Shapes) => dyad_syntax::word_shape(form) as u32,
                        (Feature::Tag, Rows::Named(vocab)) => vocab.id(tag),
                        (_, Rows::Named(vocab)) => vocab.id(&feature.key(form).unwrap_or_default()),
                    };
                    if let Some(rng) = rng.as_deref_mut() {
                        let dropped = match feature {
                            Feature::Lower => {
                                let count = v.word_counts.get(&id).copied().unwrap_or(0) as f64;
                                rng.gen::<f64>() < 0.25 / (0.25 + count)
                            }
                            Feature::Tag => rng.gen::<f64>() < 0.05,
                            _ => false,
                        };
                        if dropped {
                            id = 1;
                        }
                    }
                    ids.push(id);
                }
            }
        }
        let b = batch.len();
        let parts = ids
            .into_iter()
            .zip(&self.embeddings)
            .map(|(ids, table)| {
                let ids = Tensor::from_vec(ids, b * n, &Device::Cpu)?;
                table.as_tensor().embedding(&ids)?.reshape((b, n, ()))
            })
            .collect::<Result<Vec<_>, Error>>()?;
        let mut x = dropout(Tensor::cat(&parts, 2)?, &mut rng)?;
        for (forward, backward) in &self.layers {
            let both = [forward.run(&x, false)?, backward.run(&x, true)?];
            x = dropout(Tensor::cat(&both, 2)?, &mut rng)?;
        }
        let dep = self.arc_dep.forward(&x, &mut rng)?;
        let head = self.arc_head.forward(&x, &mut rng)?;
        let bilinear = dep
            .broadcast_matmul(self.arc_bilinear.as_tensor())?
            .matmul(&head.transpose(1, 2)?.contiguous()?)?;
        let head_prior = head
            .broadcast_matmul(self.arc_head_bias.as_tensor())?
            .transpose(1, 2)?;
        Ok(Scores {
            arcs: bilinear.broadcast_add(&head_prior)?,
            dep: self.label_dep.forward(&x, &mut rng)?,
            head: self.label_head.forward(&x, &mut rng)?,
        })
    }

    /// Relation scores of each word (all but the root) given its head.
    fn labels(&self, s: &Scores, heads: &[u32], n: usize) -> Result<Tensor, Error> {
        let b = s.dep.dim(0)?;
        let rows: Vec<u32> = heads
            .iter()
            .enumerate()
            .map(|(k, &h)| (k / (n - 1) * n) as u32 + h)
            .collect();
        let rows = Tensor::from_vec(rows, heads.len(), &Device::Cpu)?;
        let head = s.head.reshape((b * n, ()))?.index_select(&rows, 0)?;
        let dep = s
            .dep
            .i((.., 1.., ..))?
            .contiguous()?
            .reshape((b * (n - 1), ()))?;
        let features = Tensor::cat(&[&dep, &head, &(&dep * &head)?], 1)?;
        features
            .matmul(self.label_out.as_tensor())?
            .broadcast_add(self.label_bias.as_tensor())
    }

    /// The weights in the format dyad-syntax imports: the magic line, the
    /// sizes, the vocabularies (names in id order from 2), then each matrix
    /// as rows, columns and f32 values, all little-endian.
    fn export(&self, v: &Vocabs, c: &Config) -> Result<Vec<u8>, Error> {
        let mut out = dyad_syntax::NETWORK_MAGIC.to_vec();
        let number = |out: &mut Vec<u8>, x: usize| out.extend((x as u32).to_le_bytes());
        let names = |out: &mut Vec<u8>, names: Vec<&str>| {
            number(out, names.len());
            for name in names {
                number(out, name.len());
                out.extend(name.as_bytes());
            }
        };
        for x in [c.hidden, c.layers, c.arc, c.label, c.features.len()] {
            number(&mut out, x);
        }
        for ((feature, rows), &(_, dim)) in v.features.iter().zip(&c.features) {
            number(&mut out, feature.code() as usize);
            number(&mut out, dim);
            match rows {
                Rows::Named(vocab) => names(&mut out, vocab.names()),
                Rows::Shapes => names(&mut out, vec![]),
            }
        }
        names(&mut out, v.labels.names());
        let mut matrices: Vec<&Var> = self.embeddings.iter().collect();
        for (forward, backward) in &self.layers {
            for lstm in [forward, backward] {
                matrices.extend([&lstm.input, &lstm.recurrent, &lstm.bias]);
            }
        }
        for dense in [&self.arc_dep, &self.arc_head] {
            matrices.extend([&dense.weight, &dense.bias]);
        }
        matrices.extend([&self.arc_bilinear, &self.arc_head_bias]);
        for dense in [&self.label_dep, &self.label_head] {
            matrices.extend([&dense.weight, &dense.bias]);
        }
        matrices.extend([&self.label_out, &self.label_bias]);
        for matrix in matrices {
            let t = matrix.as_tensor();
            let (rows, cols) = match t.dims() {
                [n] => (1, *n),
                [r, c] => (*r, *c),
                _ => unreachable!("matrices and vectors only"),
            };
            number(&mut out, rows);
            number(&mut out, cols);
            for x in t.flatten_all()?.to_vec1::<f32>()? {
                out.extend(x.to_le_bytes());
            }
        }
        Ok(out)
    }
}

/// Batches of sentences of one length, at most `size` each.
fn batches(data: &[Sentence], size: usize) -> Vec<Vec<usize>> {
    let mut by_length: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, s) in data.iter().enumerate() {
        if !s.forms.is_empty() {
            by_length.entry(s.forms.len()).or_default().push(i);
        }
    }
    by_length
        .into_values()
        .flat_map(|v| v.chunks(size).map(<[usize]>::to_vec).collect::<Vec<_>>())
        .collect()
}

/// UAS and LAS (universal relations) in percent, each word's best head.
fn evaluate(m: &Network, v: &Vocabs, data: &[Sentence]) -> Result<(f64, f64), Error> {
    let (mut words, mut uas, mut las) = (0usize, 0usize, 0usize);
    let universal = |l: &str| l.split(':').next().unwrap_or("").to_string();
    for ids in batches(data, 64) {
        let batch: Vec<&Sentence> = ids.iter().map(|&i| &data[i]).collect();
        let (b, n) = (batch.len(), batch[0].forms.len() + 1);
        let scores = m.score(v, &batch, None)?;
        let heads: Vec<u32> = scores
            .arcs
            .i((.., 1.., ..))?
            .contiguous()?
            .reshape((b * (n - 1), n))?
            .argmax(1)?
            .to_vec1()?;
        let labels: Vec<u32> = m.labels(&scores, &heads, n)?.argmax(1)?.to_vec1()?;
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
    let pct = |x: usize| 100.0 * x as f64 / words.max(1) as f64;
    Ok((pct(uas), pct(las)))
}

/// Trains the network on `train` (gold heads and relations, predicted
/// tags), reporting after each epoch (with scores on `dev` if not empty),
/// and returns it in the format `dyad_syntax::Model::with_neural_parser`
/// reads. Sentences whose heads do not match their words are an error.
pub fn train(
    train: &[Sentence],
    dev: &[Sentence],
    config: &Config,
    progress: &mut dyn FnMut(&Progress),
) -> Result<Vec<u8>, Error> {
    for (k, s) in train.iter().chain(dev).enumerate() {
        let n = s.forms.len();
        let complete = s.tags.len() == n && s.heads.len() == n && s.labels.len() == n;
        if !complete || s.heads.iter().any(|&h| h as usize > n) {
            return Err(Error::Msg(format!(
                "sentence {k}: heads or tags do not fit its words"
            )));
        }
    }
    let sizes_fit = config.arc.is_multiple_of(16) && config.hidden.is_multiple_of(4);
    if config.arc == 0 || !sizes_fit || config.layers == 0 {
        return Err(Error::Msg(
            "arc units a multiple of 16, hidden units of 4, one layer or more".into(),
        ));
    }
    let features = &config.features;
    let repeated = (1..features.len()).any(|k| features[..k].iter().any(|f| f.0 == features[k].0));
    let known = features
        .iter()
        .all(|f| Feature::from_code(f.0.code()) == Some(f.0));
    let width: usize = features.iter().map(|f| f.1).sum();
    if features.is_empty() || repeated || !known || features.iter().any(|f| f.1 == 0) || width > 512
    {
        return Err(Error::Msg(
            "one to 512 input values, from known features listed once each".into(),
        ));
    }
    let mut features = vec![];
    let mut word_counts = HashMap::new();
    for &(feature, _) in &config.features {
        let keys = || {
            let forms = train.iter().flat_map(|s| &s.forms);
            forms.map(move |w| feature.key(w).unwrap_or_default())
        };
        let rows = match feature {
            Feature::Shape => Rows::Shapes,
            Feature::Tag => Rows::Named(Vocab::build(
                train.iter().flat_map(|s| s.tags.iter().cloned()),
                1,
            )),
            _ => Rows::Named(Vocab::build(keys(), 2)),
        };
        if let (Feature::Lower, Rows::Named(words)) = (feature, &rows) {
            for w in keys() {
                *word_counts.entry(words.id(&w)).or_default() += 1;
            }
        }
        features.push((feature, rows));
    }
    let mut labels = Vocab::build(train.iter().flat_map(|s| s.labels.iter().cloned()), 1);
    if !labels.0.contains_key("root") {
        // A root relation must exist for the decoder; ids stay sorted.
        let mut names: Vec<String> = labels.0.into_keys().chain(["root".into()]).collect();
        names.sort();
        labels = Vocab(names.into_iter().zip(2..).collect());
    }
    let mut label_names = vec![String::new(); labels.len()];
    for (name, &id) in &labels.0 {
        label_names[id as usize] = name.clone();
    }
    let v = Vocabs {
        features,
        word_counts,
        labels,
        label_names,
    };
    let mut p = Params {
        vars: vec![],
        rng: rand::rngs::StdRng::seed_from_u64(config.seed),
    };
    let m = Network::new(&mut p, &v, config)?;
    let settings = ParamsAdamW {
        lr: 2e-3,
        beta1: 0.9,
        beta2: 0.9,
        eps: 1e-8,
        weight_decay: 0.0,
    };
    let mut optimizer = AdamW::new(p.vars.clone(), settings.clone())?;
    let mut rng = p.rng;
    for epoch in 1..=config.epochs {
        let progress_made = (epoch - 1) as f64 / (config.epochs - 1).max(1) as f64;
        optimizer.set_learning_rate(settings.lr * (1.0 - progress_made * (1.0 - config.last_rate)));
        let start = std::time::Instant::now();
        let mut order = batches(train, 32);
        order.shuffle(&mut rng);
        let mut total = 0.0;
        for ids in &order {
            let batch: Vec<&Sentence> = ids.iter().map(|&i| &train[i]).collect();
            let (b, n) = (batch.len(), batch[0].forms.len() + 1);
            let scores = m.score(&v, &batch, Some(&mut rng))?;
            let gold: Vec<u32> = batch.iter().flat_map(|s| s.heads.iter().copied()).collect();
            let gold_labels: Vec<u32> = batch
                .iter()
                .flat_map(|s| s.labels.iter().map(|l| v.labels.id(l)))
                .collect();
            let arcs = scores
                .arcs
                .i((.., 1.., ..))?
                .contiguous()?
                .reshape((b * (n - 1), n))?;
            let arc_loss = candle_nn::loss::cross_entropy(
                &arcs,
                &Tensor::from_vec(gold.clone(), b * (n - 1), &Device::Cpu)?,
            )?;
            let label_loss = candle_nn::loss::cross_entropy(
                &m.labels(&scores, &gold, n)?,
                &Tensor::from_vec(gold_labels, b * (n - 1), &Device::Cpu)?,
            )?;
            let loss = (arc_loss + label_loss)?;
            total += loss.to_scalar::<f32>()?;
            optimizer.backward_step(&loss)?;
        }
        let dev_scores = if dev.is_empty() {
            None
        } else {
            Some(evaluate(&m, &v, dev)?)
        };
        progress(&Progress {
            epoch,
            loss: total / order.len().max(1) as f32,
            dev: dev_scores,
            seconds: start.elapsed().as_secs_f64(),
        });
    }
    m.export(&v, config)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Vec<Sentence> {
        let sentence = |text: &str, tags: &str, heads: &[u32], labels: &str| Sentence {
            forms: text.split(' ').map(String::from).collect(),
            tags: tags.split(' ').map(String::from).collect(),
            heads: heads.to_vec(),
            labels: labels.split(' ').map(String::from).collect(),
        };
        vec![
            sentence(
                "The army attacked the town .",
                "DET|DT NOUN|NN VERB|VBD DET|DT NOUN|NN PUNCT|.",
                &[2, 3, 0, 5, 3, 3],
                "det nsubj root det obj punct",
            ),
            sentence(
                "Police arrested protesters .",
                "NOUN|NNS VERB|VBD NOUN|NNS PUNCT|.",
                &[2, 0, 2, 2],
                "nsubj root obj punct",
            ),
        ]
    }

    fn small() -> Config {
        Config {
            hidden: 8,
            layers: 1,
            arc: 16,
            label: 8,
            epochs: 150,
            ..Config::default()
        }
    }

    #[test]
    fn learns_a_tiny_treebank_the_same_way_twice() {
        // Eight copies, so that the words are not rare.
        let data: Vec<Sentence> = (0..8).flat_map(|_| tiny()).collect();
        let mut last = None;
        let network = train(&data, &data, &small(), &mut |p| last = p.dev).unwrap();
        let (uas, las) = last.unwrap();
        assert!(uas >= 90.0 && las >= 80.0, "{uas} {las}");
        assert!(network.starts_with(dyad_syntax::NETWORK_MAGIC));
        assert_eq!(train(&data, &[], &small(), &mut |_| {}).unwrap(), network);
    }

    #[test]
    fn bad_sentences_and_sizes_are_errors() {
        let mut data = tiny();
        data[1].heads.pop();
        assert!(train(&data, &[], &small(), &mut |_| {}).is_err());
        let config = Config { arc: 10, ..small() };
        assert!(train(&tiny(), &[], &config, &mut |_| {}).is_err());
        for features in [
            vec![(Feature::Tag, 8), (Feature::Tag, 4)],
            vec![(Feature::Suffix(7), 8)],
            vec![(Feature::Lower, 0)],
            vec![],
        ] {
            let config = Config {
                features,
                ..small()
            };
            assert!(train(&tiny(), &[], &config, &mut |_| {}).is_err());
        }
    }
}
