//! Part-of-speech tagging: a greedy averaged perceptron over joint
//! UPOS+XPOS tags, in two passes. The first pass goes left to right and sees
//! the tags it already chose; the second sees the first pass's tags on both
//! sides, which settles cases like `that` (SCONJ/PRON/DET) that the words
//! to the right decide.

use crate::hash::{feature, IdMap, Rng};
use crate::io::{Reader, Writer};
use crate::lexical::Lex;
use crate::perceptron::{best, ScoreBuffer, Trainer, Weights};
use crate::ModelError;

const BOUNDARY: u64 = 0xb0;
const NO_TAG: u64 = 0xffff;

/// A word always tagged the same way once seen this often...
const FREQUENT_COUNT: u32 = 20;
/// ...with its most common tag at least this share of the time.
const FREQUENT_SHARE: f64 = 0.995;
/// A tag is part of a word's ambiguity class above this share.
const AMBIGUITY_SHARE: f64 = 0.05;
const AMBIGUITY_MIN_COUNT: u32 = 2;
/// The second pass keeps the first pass's tag, unscored, when the first
/// pass put it this far ahead of the runner-up. With the bundled model this
/// skips the second pass for most words the first pass scored, and the tags
/// come out byte-identical on the EWT and GUM dev and test sets (at 30 they
/// start to differ); tagging and parsing are about an eighth faster.
const SURE_MARGIN: f32 = 40.0;

#[derive(Clone, Debug, Default)]
pub struct Tagger {
    /// Exact form hash to the only tag the word gets.
    frequent: IdMap<u16>,
    /// Lowercased form hash to a hash of the set of tags seen with it.
    ambiguity: IdMap<u64>,
    first: Weights,
    second: Weights,
}

/// One training sentence: its words and their gold tags.
pub(crate) struct TagExample {
    pub lex: Vec<Lex>,
    pub tags: Vec<u16>,
}

#[derive(Default)]
pub(crate) struct TagScratch {
    ambiguity: Vec<u64>,
    features: Vec<u64>,
    scores: Vec<f32>,
    rows: ScoreBuffer,
    first: Vec<u16>,
    /// How far ahead of the runner-up each first-pass tag was.
    margins: Vec<f32>,
}

fn context(
    lex: &[Lex],
    ambiguity: &[u64],
    i: usize,
    offset: isize,
) -> (u64, u64, u64, u64, (u64, u64)) {
    let j = i as isize + offset;
    if j < 0 || j as usize >= lex.len() {
        return (BOUNDARY, BOUNDARY, BOUNDARY, BOUNDARY, (BOUNDARY, BOUNDARY));
    }
    let l = &lex[j as usize];
    (
        l.lower,
        l.suffix[2],
        l.shape,
        ambiguity[j as usize],
        l.cluster,
    )
}

fn tag_at(tags: &[u16], i: usize, offset: isize) -> u64 {
    let j = i as isize + offset;
    if j < 0 || j as usize >= tags.len() {
        NO_TAG
    } else {
        tags[j as usize] as u64
    }
}

/// Features for word `i`; `left` holds the tags chosen so far, `right` the
/// first pass's tags (second pass only).
fn features(
    lex: &[Lex],
    ambiguity: &[u64],
    i: usize,
    left: &[u16],
    right: Option<&[u16]>,
    out: &mut Vec<u64>,
) {
    out.clear();
    let w = &lex[i];
    let (p1, p1s, p1shape, p1a, p1c) = context(lex, ambiguity, i, -1);
    let (p2, ..) = context(lex, ambiguity, i, -2);
    let (n1, n1s, n1shape, n1a, n1c) = context(lex, ambiguity, i, 1);
    let (n2, _, _, n2a, n2c) = context(lex, ambiguity, i, 2);
    let c = w.cluster;
    let a = ambiguity[i];
    let t1 = tag_at(left, i, -1);
    let t2 = tag_at(left, i, -2);
    let mut f = |t: u32, a: u64, b: u64, c: u64| out.push(feature(t, a, b, c));
    f(0, 0, 0, 0);
    f(1, w.form, 0, 0);
    f(2, w.lower, 0, 0);
    for (k, &s) in w.suffix.iter().enumerate() {
        f(3 + k as u32, s, 0, 0);
    }
    for (k, &p) in w.prefix.iter().enumerate() {
        f(7 + k as u32, p, 0, 0);
    }
    f(10, w.shape, 0, 0);
    f(11, t1, 0, 0);
    f(12, t2, 0, 0);
    f(13, t1, t2, 0);
    f(14, t1, w.lower, 0);
    f(15, p1, 0, 0);
    f(16, p2, 0, 0);
    f(17, n1, 0, 0);
    f(18, n2, 0, 0);
    f(19, p1s, 0, 0);
    f(20, n1s, 0, 0);
    f(21, n1shape, 0, 0);
    f(22, p1shape, 0, 0);
    f(23, w.lower, n1, 0);
    f(24, p1, w.lower, 0);
    f(25, a, 0, 0);
    f(26, n1a, 0, 0);
    f(27, n2a, 0, 0);
    f(28, p1a, 0, 0);
    f(29, t1, n1a, 0);
    f(30, a, n1a, 0);
    f(31, t1, w.suffix[2], 0);
    f(32, (i == 0) as u64, w.shape, 0);
    f(33, a, w.suffix[2], 0);
    f(34, c.0, 0, 0);
    f(35, c.1, 0, 0);
    f(36, n1c.0, 0, 0);
    f(37, p1c.0, 0, 0);
    f(38, n2c.1, 0, 0);
    f(39, t1, c.0, 0);
    f(40, c.1, n1c.1, 0);
    if let Some(right) = right {
        let r1 = tag_at(right, i, 1);
        let r2 = tag_at(right, i, 2);
        f(50, r1, 0, 0);
        f(51, r1, r2, 0);
        f(52, t1, r1, 0);
        f(53, r1, w.lower, 0);
        f(54, r1, a, 0);
        f(55, t1, r1, a);
        f(56, right[i] as u64, 0, 0);
        f(57, r1, c.0, 0);
    }
}

/// The best class and how far its score is ahead of the next best.
fn best_and_margin(scores: &[f32]) -> (u16, f32) {
    let (mut best, mut top, mut next) = (0, f32::NEG_INFINITY, f32::NEG_INFINITY);
    for (c, &s) in scores.iter().enumerate() {
        if s > top {
            (best, top, next) = (c, s, top);
        } else if s > next {
            next = s;
        }
    }
    (best as u16, top - next)
}

impl Tagger {
    fn fill_ambiguity(&self, lex: &[Lex], out: &mut Vec<u64>) {
        out.clear();
        out.extend(
            lex.iter()
                .map(|l| self.ambiguity.get(&l.lower).copied().unwrap_or(1)),
        );
    }

    /// Features with weights in the first and second pass.
    pub(crate) fn n_features(&self) -> (usize, usize) {
        (self.first.n_features(), self.second.n_features())
    }

    /// Tags a sentence, writing one tag id per word into `out`.
    pub(crate) fn tag(&self, lex: &[Lex], scratch: &mut TagScratch, out: &mut Vec<u16>) {
        self.tag_unless_sure(lex, scratch, out, SURE_MARGIN);
    }

    /// [`tag`](Self::tag) without its shortcut: every word the first pass
    /// scored is scored again. Training tags with this, so that it makes
    /// the same models it made before the shortcut existed.
    pub(crate) fn tag_every_word_twice(
        &self,
        lex: &[Lex],
        scratch: &mut TagScratch,
        out: &mut Vec<u16>,
    ) {
        self.tag_unless_sure(lex, scratch, out, f32::INFINITY);
    }

    fn tag_unless_sure(
        &self,
        lex: &[Lex],
        scratch: &mut TagScratch,
        out: &mut Vec<u16>,
        sure_margin: f32,
    ) {
        let n_classes = self.first.n_classes();
        scratch.scores.resize(n_classes, 0.0);
        self.fill_ambiguity(lex, &mut scratch.ambiguity);
        let first = &mut scratch.first;
        first.clear();
        scratch.margins.clear();
        for i in 0..lex.len() {
            let (tag, margin) = match self.frequent.get(&lex[i].form) {
                Some(&t) => (t, f32::INFINITY),
                None => {
                    features(
                        lex,
                        &scratch.ambiguity,
                        i,
                        first,
                        None,
                        &mut scratch.features,
                    );
                    self.first
                        .score(&scratch.features, &mut scratch.scores, &mut scratch.rows);
                    best_and_margin(&scratch.scores)
                }
            };
            first.push(tag);
            scratch.margins.push(margin);
        }
        out.clear();
        for i in 0..lex.len() {
            let tag = match self.frequent.get(&lex[i].form) {
                Some(&t) => t,
                None if scratch.margins[i] >= sure_margin => first[i],
                None => {
                    features(
                        lex,
                        &scratch.ambiguity,
                        i,
                        out,
                        Some(first),
                        &mut scratch.features,
                    );
                    self.second
                        .score(&scratch.features, &mut scratch.scores, &mut scratch.rows);
                    best(&scratch.scores, |_| true).unwrap_or(0) as u16
                }
            };
            out.push(tag);
        }
    }

    /// Trains on `examples` for `epochs` passes, calling `report(epoch,
    /// tagger)` after each so the caller can measure it on held-out data.
    pub(crate) fn train(
        examples: &[TagExample],
        n_tags: usize,
        epochs: usize,
        seed: u64,
        mut report: impl FnMut(usize, &Tagger),
    ) -> Tagger {
        let mut tagger = Tagger::dictionaries(examples, n_tags);
        let mut first = Trainer::new(n_tags);
        let mut second = Trainer::new(n_tags);
        let mut order: Vec<usize> = (0..examples.len()).collect();
        let mut rng = Rng::new(seed);
        let mut scratch = TagScratch::default();
        scratch.scores.resize(n_tags, 0.0);
        let mut guesses = Vec::new();
        let mut second_guesses = Vec::new();
        for epoch in 1..=epochs {
            rng.shuffle(&mut order);
            for &e in &order {
                let ex = &examples[e];
                tagger.fill_ambiguity(&ex.lex, &mut scratch.ambiguity);
                guesses.clear();
                for i in 0..ex.lex.len() {
                    let tag = match tagger.frequent.get(&ex.lex[i].form) {
                        Some(&t) => t,
                        None => {
                            features(
                                &ex.lex,
                                &scratch.ambiguity,
                                i,
                                &guesses,
                                None,
                                &mut scratch.features,
                            );
                            first.score(&scratch.features, &mut scratch.scores);
                            let guess = best(&scratch.scores, |_| true).unwrap_or(0);
                            first.update(&scratch.features, ex.tags[i] as usize, guess);
                            first.tick();
                            guess as u16
                        }
                    };
                    guesses.push(tag);
                }
                second_guesses.clear();
                for i in 0..ex.lex.len() {
                    let tag = match tagger.frequent.get(&ex.lex[i].form) {
                        Some(&t) => t,
                        None => {
                            let (amb, feats) = (&scratch.ambiguity, &mut scratch.features);
                            features(&ex.lex, amb, i, &second_guesses, Some(&guesses), feats);
                            second.score(&scratch.features, &mut scratch.scores);
                            let guess = best(&scratch.scores, |_| true).unwrap_or(0);
                            second.update(&scratch.features, ex.tags[i] as usize, guess);
                            second.tick();
                            guess as u16
                        }
                    };
                    second_guesses.push(tag);
                }
            }
            tagger.first = first.average();
            tagger.second = second.average();
            report(epoch, &tagger);
        }
        tagger
    }

    /// The frequent-word and ambiguity-class tables, counted from the data.
    fn dictionaries(examples: &[TagExample], n_tags: usize) -> Tagger {
        let mut by_form: IdMap<Vec<u32>> = IdMap::default();
        let mut by_lower: IdMap<Vec<u32>> = IdMap::default();
        for ex in examples {
            for (l, &t) in ex.lex.iter().zip(&ex.tags) {
                by_form.entry(l.form).or_insert_with(|| vec![0; n_tags])[t as usize] += 1;
                by_lower.entry(l.lower).or_insert_with(|| vec![0; n_tags])[t as usize] += 1;
            }
        }
        let mut tagger = Tagger::default();
        for (&form, counts) in &by_form {
            let total: u32 = counts.iter().sum();
            let (tag, &top) = counts
                .iter()
                .enumerate()
                .max_by_key(|&(t, &c)| (c, std::cmp::Reverse(t)))
                .expect("tags");
            if total >= FREQUENT_COUNT && top as f64 >= FREQUENT_SHARE * total as f64 {
                tagger.frequent.insert(form, tag as u16);
            }
        }
        for (&lower, counts) in &by_lower {
            let total: u32 = counts.iter().sum();
            if total < AMBIGUITY_MIN_COUNT {
                continue;
            }
            let mut class = 0x0a_u64;
            for (t, &c) in counts.iter().enumerate() {
                if c as f64 >= AMBIGUITY_SHARE * total as f64 {
                    class = feature(99, class, t as u64, 0);
                }
            }
            tagger.ambiguity.insert(lower, class);
        }
        tagger
    }

    pub(crate) fn write(&self, w: &mut Writer) {
        let mut frequent: Vec<_> = self.frequent.iter().map(|(&k, &v)| (k, v)).collect();
        frequent.sort_unstable();
        w.u32(frequent.len() as u32);
        for (k, v) in frequent {
            w.u64(k);
            w.u16(v);
        }
        let mut ambiguity: Vec<_> = self.ambiguity.iter().map(|(&k, &v)| (k, v)).collect();
        ambiguity.sort_unstable();
        w.u32(ambiguity.len() as u32);
        for (k, v) in ambiguity {
            w.u64(k);
            w.u64(v);
        }
        self.first.write(w);
        self.second.write(w);
    }

    pub(crate) fn read(r: &mut Reader, n_tags: usize) -> Result<Tagger, ModelError> {
        let mut tagger = Tagger::default();
        let n = r.u32()? as usize;
        tagger.frequent.reserve(n.min(1 << 20));
        for _ in 0..n {
            let k = r.u64()?;
            let v = r.u16()?;
            if v as usize >= n_tags {
                return Err(r.error("tag out of range"));
            }
            tagger.frequent.insert(k, v);
        }
        let n = r.u32()? as usize;
        tagger.ambiguity.reserve(n.min(1 << 22));
        for _ in 0..n {
            let k = r.u64()?;
            tagger.ambiguity.insert(k, r.u64()?);
        }
        tagger.first = Weights::read(r)?;
        tagger.second = Weights::read(r)?;
        if tagger.first.n_classes() != n_tags || tagger.second.n_classes() != n_tags {
            return Err(r.error("tagger weights do not match the tag set"));
        }
        Ok(tagger)
    }
}
