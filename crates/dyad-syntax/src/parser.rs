//! Labelled dependency parsing: a greedy arc-eager transition parser scored
//! by an averaged perceptron over the feature set of Zhang & Nivre (2011)
//! (words, tags, distance, valency, labels of the partial tree), trained with
//! the dynamic oracle of Goldberg & Nivre (2012) so that it learns to recover
//! from its own mistakes. Parsing is linear in the sentence length.
//!
//! With a beam width above 1 the parser keeps that many partial parses at
//! each step instead of one, and learns as a structured perceptron with
//! max-violation updates (Huang, Fayong & Guo 2012), over the features of
//! Zhang & Nivre (2011): each update rewards a prefix of the gold sequence
//! of moves and penalizes the beam's best prefix after as many steps, at
//! the step where the beam's score most exceeds the gold's. Parsing then
//! costs about the width times as much.

use crate::hash::{feature, Rng};
use crate::io::{Reader, Writer};
use crate::perceptron::{best, ScoreBuffer, Trainer, Weights};
use crate::ModelError;

const NONE: u32 = u32::MAX;
const NO_WORD: u64 = 0xd0;
const NO_TAG: u64 = 0xfff0;
const NO_LABEL: u64 = 0xfff1;
const ROOT_WORD: u64 = 0x700;
const ROOT_TAG: u64 = 0xfff2;

/// A label id standing for "any label but the root's" in validity checks.
const NOT_ROOT: u16 = u16::MAX;

const SHIFT: usize = 0;
const REDUCE: usize = 1;

/// Arc-eager moves; a class number encodes the move and its label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Move {
    Shift,
    Reduce,
    Left(u16),
    Right(u16),
}

#[derive(Clone, Debug, Default)]
pub struct Parser {
    n_labels: usize,
    root_label: u16,
    /// Label for words left without a head when the buffer runs out.
    fallback_label: u16,
    /// Partial parses kept at each step: 1 is greedy parsing.
    beam: usize,
    weights: Weights,
}

/// The parse being built: stack, buffer front and the arcs so far, with what
/// the features need about each word's dependents. Node 0 is the root.
#[derive(Default)]
struct State {
    n: usize,
    stack: Vec<u32>,
    /// Front of the buffer; the buffer is empty when `next > n`.
    next: usize,
    on_stack: Vec<bool>,
    head: Vec<u32>,
    label: Vec<u16>,
    left: Vec<[u32; 2]>,
    right: Vec<[u32; 2]>,
    n_left: Vec<u32>,
    n_right: Vec<u32>,
    left_labels: Vec<u64>,
    right_labels: Vec<u64>,
}

impl State {
    fn reset(&mut self, n: usize) {
        self.n = n;
        self.stack.clear();
        self.stack.push(0);
        self.next = 1;
        reset(&mut self.on_stack, n + 1, false);
        self.on_stack[0] = true;
        reset(&mut self.head, n + 1, NONE);
        reset(&mut self.label, n + 1, 0);
        reset(&mut self.left, n + 1, [NONE; 2]);
        reset(&mut self.right, n + 1, [NONE; 2]);
        reset(&mut self.n_left, n + 1, 0);
        reset(&mut self.n_right, n + 1, 0);
        reset(&mut self.left_labels, n + 1, 0);
        reset(&mut self.right_labels, n + 1, 0);
    }

    fn is_terminal(&self) -> bool {
        self.next > self.n
    }

    fn top(&self) -> u32 {
        *self.stack.last().unwrap_or(&NONE)
    }

    fn root_taken(&self) -> bool {
        self.n_right[0] > 0
    }

    fn is_valid(&self, m: Move, root_label: u16) -> bool {
        let s = self.top();
        let buffer = self.next <= self.n;
        match m {
            Move::Shift => buffer,
            Move::Reduce => s != NONE && s != 0 && self.head[s as usize] != NONE,
            Move::Left(l) => {
                buffer && s != NONE && s != 0 && self.head[s as usize] == NONE && l != root_label
            }
            Move::Right(l) => {
                buffer
                    && s != NONE
                    && if s == 0 {
                        !self.root_taken() && l == root_label
                    } else {
                        l != root_label
                    }
            }
        }
    }

    fn add_arc(&mut self, h: u32, d: u32, l: u16) {
        let (hu, du) = (h as usize, d as usize);
        self.head[du] = h;
        self.label[du] = l;
        let bit = 1u64 << (l % 64);
        if d < h {
            let slot = &mut self.left[hu];
            if slot[0] == NONE || d < slot[0] {
                *slot = [d, slot[0]];
            } else if slot[1] == NONE || d < slot[1] {
                slot[1] = d;
            }
            self.n_left[hu] += 1;
            self.left_labels[hu] |= bit;
        } else {
            let slot = &mut self.right[hu];
            if slot[0] == NONE || d > slot[0] {
                *slot = [d, slot[0]];
            } else if slot[1] == NONE || d > slot[1] {
                slot[1] = d;
            }
            self.n_right[hu] += 1;
            self.right_labels[hu] |= bit;
        }
    }

    fn apply(&mut self, m: Move) {
        let b = self.next as u32;
        match m {
            Move::Shift => {
                self.stack.push(b);
                self.on_stack[b as usize] = true;
                self.next += 1;
            }
            Move::Reduce => {
                let s = self.stack.pop().expect("reduce with a stack");
                self.on_stack[s as usize] = false;
            }
            Move::Left(l) => {
                let s = self.stack.pop().expect("left-arc with a stack");
                self.on_stack[s as usize] = false;
                self.add_arc(b, s, l);
            }
            Move::Right(l) => {
                let s = self.top();
                self.add_arc(s, b, l);
                self.stack.push(b);
                self.on_stack[b as usize] = true;
                self.next += 1;
            }
        }
    }

    /// Makes this state a copy of `other`, reusing its buffers.
    fn copy_from(&mut self, other: &State) {
        self.n = other.n;
        self.stack.clone_from(&other.stack);
        self.next = other.next;
        self.on_stack.clone_from(&other.on_stack);
        self.head.clone_from(&other.head);
        self.label.clone_from(&other.label);
        self.left.clone_from(&other.left);
        self.right.clone_from(&other.right);
        self.n_left.clone_from(&other.n_left);
        self.n_right.clone_from(&other.n_right);
        self.left_labels.clone_from(&other.left_labels);
        self.right_labels.clone_from(&other.right_labels);
    }
}

/// A partial parse in the beam.
#[derive(Default)]
struct Hypothesis {
    state: State,
    /// Sum of the scores of its moves.
    score: f32,
    /// Its last move in the training [`History`] (`NONE` before the first).
    step: u32,
    /// In training: whether every move so far kept the gold tree reachable.
    correct: bool,
}

/// A hypothesis extended by one move, before the beam keeps or drops it.
#[derive(Clone, Copy, Debug)]
struct Candidate {
    from: usize,
    /// The move's class, or [`CARRY`] for a finished parse kept as it is.
    class: usize,
    score: f32,
    correct: bool,
}

const CARRY: usize = usize::MAX;

/// Keeps `top` the `width` best candidates, best first; among equal scores
/// the earlier one stays ahead, so the beam is deterministic.
fn keep_best(top: &mut Vec<Candidate>, width: usize, c: Candidate) {
    if top.len() == width && top.last().is_some_and(|last| c.score <= last.score) {
        return;
    }
    let at = top.partition_point(|x| x.score >= c.score);
    top.insert(at, c);
    top.truncate(width);
}

/// The moves of one training sentence's beam, for the structured update:
/// each step is a move taken from the hypothesis whose last step is
/// `parent`, with the features it was scored on.
#[derive(Default)]
struct History {
    features: Vec<u64>,
    steps: Vec<Step>,
    /// Per hypothesis of the current beam: its features' range this step.
    ranges: Vec<(u32, u32)>,
}

struct Step {
    parent: u32,
    features: (u32, u32),
    class: usize,
}

impl History {
    /// The step that extends hypothesis `from` by candidate `c`.
    fn extend(&mut self, beam: &[Hypothesis], c: &Candidate) -> u32 {
        let parent = beam[c.from].step;
        if c.class == CARRY {
            return parent;
        }
        self.steps.push(Step {
            parent,
            features: self.ranges[c.from],
            class: c.class,
        });
        (self.steps.len() - 1) as u32
    }

    /// The steps from the first to `last`.
    fn path(&self, mut last: u32) -> Vec<u32> {
        let mut path = Vec::new();
        while last != NONE {
            path.push(last);
            last = self.steps[last as usize].parent;
        }
        path.reverse();
        path
    }

    /// Rewards the moves leading to `gold` and penalizes those leading to
    /// `guess`, leaving out the moves they share.
    fn update(&self, trainer: &mut Trainer, gold: u32, guess: u32) {
        let (gold, guess) = (self.path(gold), self.path(guess));
        let shared = gold.iter().zip(&guess).take_while(|(a, b)| a == b).count();
        for (path, delta) in [(&gold, 1.0), (&guess, -1.0)] {
            for &s in &path[shared..] {
                let step = &self.steps[s as usize];
                let (start, end) = step.features;
                let features = &self.features[start as usize..end as usize];
                trainer.add(features, step.class, delta);
            }
        }
    }
}

/// Replaces `beam` by the candidates of `top`, each its hypothesis with the
/// candidate's move applied; `step` gives each new hypothesis's step.
fn advance(
    parser: &Parser,
    beam: &mut Vec<Hypothesis>,
    next: &mut Vec<Hypothesis>,
    top: &[Candidate],
    mut step: impl FnMut(&[Hypothesis], &Candidate) -> u32,
) {
    next.resize_with(top.len(), Hypothesis::default);
    for (h, c) in next.iter_mut().zip(top) {
        h.state.copy_from(&beam[c.from].state);
        if c.class != CARRY {
            h.state.apply(parser.decode(c.class));
        }
        h.score = c.score;
        h.correct = c.correct;
        h.step = step(beam, c);
    }
    std::mem::swap(beam, next);
}

fn reset<T: Clone>(v: &mut Vec<T>, n: usize, value: T) {
    v.clear();
    v.resize(n, value);
}

/// The gold tree of a training sentence, made projective.
pub(crate) struct ParseExample {
    /// Lowercased word hashes and fine clusters, one per word (no root).
    pub words: Vec<u64>,
    pub clusters: Vec<u64>,
    pub tags: Vec<u16>,
    /// Per node (0 is the root, whose entry is unused).
    pub heads: Vec<u32>,
    pub labels: Vec<u16>,
}

/// Reusable buffers for parsing one sentence after another.
#[derive(Default)]
pub(crate) struct ParseScratch {
    state: State,
    words: Vec<u64>,
    clusters: Vec<u64>,
    tags: Vec<u64>,
    features: Vec<u64>,
    buffer_features: Vec<u64>,
    buffer_sums: Vec<i32>,
    sums: Vec<i32>,
    scores: Vec<f32>,
    rows: ScoreBuffer,
    beam: Vec<Hypothesis>,
    next: Vec<Hypothesis>,
    top: Vec<Candidate>,
}

impl Parser {
    fn n_classes(n_labels: usize) -> usize {
        2 + 2 * n_labels
    }

    fn decode(&self, class: usize) -> Move {
        match class {
            SHIFT => Move::Shift,
            REDUCE => Move::Reduce,
            c if c < 2 + self.n_labels => Move::Left((c - 2) as u16),
            c => Move::Right((c - 2 - self.n_labels) as u16),
        }
    }

    fn prepare(scratch: &mut ParseScratch, words: &[u64], clusters: &[u64], tags: &[u16]) {
        scratch.words.clear();
        scratch.words.push(ROOT_WORD);
        scratch.words.extend_from_slice(words);
        scratch.clusters.clear();
        scratch.clusters.push(ROOT_WORD);
        scratch.clusters.extend_from_slice(clusters);
        scratch.tags.clear();
        scratch.tags.push(ROOT_TAG);
        scratch.tags.extend(tags.iter().map(|&t| t as u64));
        scratch.state.reset(words.len());
    }

    /// Parses one sentence: `heads[i]` (0 for the root) and `labels[i]` for
    /// word `i + 1`.
    pub(crate) fn parse(
        &self,
        words: &[u64],
        clusters: &[u64],
        tags: &[u16],
        scratch: &mut ParseScratch,
        heads: &mut Vec<u32>,
        labels: &mut Vec<u16>,
    ) {
        Parser::prepare(scratch, words, clusters, tags);
        scratch.scores.resize(Parser::n_classes(self.n_labels), 0.0);
        if self.beam > 1 {
            return self.parse_beam(scratch, heads, labels);
        }
        // The sums of the buffer's own features, and the buffer position
        // they are for.
        let mut buffer_at = usize::MAX;
        while !scratch.state.is_terminal() {
            features(
                &scratch.state,
                &scratch.words,
                &scratch.clusters,
                &scratch.tags,
                &mut scratch.features,
                Some(&mut scratch.buffer_features),
            );
            if scratch.state.next != buffer_at {
                buffer_at = scratch.state.next;
                scratch.buffer_sums.clear();
                self.weights.add_sums(
                    &scratch.buffer_features,
                    &mut scratch.buffer_sums,
                    &mut scratch.rows,
                );
            }
            scratch.sums.clone_from(&scratch.buffer_sums);
            self.weights
                .add_sums(&scratch.features, &mut scratch.sums, &mut scratch.rows);
            self.weights
                .scores_from_sums(&scratch.sums, &mut scratch.scores);
            let m = self.best_valid(&scratch.state, &scratch.scores);
            scratch.state.apply(m);
        }
        self.finish(&mut scratch.state, heads, labels);
    }

    /// The best-scoring valid move.
    fn best_valid(&self, state: &State, scores: &[f32]) -> Move {
        // Shift is valid whenever the buffer is not empty, so the default
        // only stands while parsing has not ended.
        let mut best = (SHIFT, f32::NEG_INFINITY);
        self.for_each_valid(state, scores, |c, score| {
            if score > best.1 {
                best = (c, score);
            }
        });
        self.decode(best.0)
    }

    /// Calls `visit(class, score)` for every valid move of `state`, in class
    /// order: [`State::is_valid`] worked out once per move type rather than
    /// once per class, as parsing's inner loop.
    #[inline]
    fn for_each_valid(&self, state: &State, scores: &[f32], mut visit: impl FnMut(usize, f32)) {
        let valid = |m| state.is_valid(m, self.root_label);
        let root = self.root_label as usize;
        if valid(Move::Shift) {
            visit(SHIFT, scores[SHIFT]);
        }
        if valid(Move::Reduce) {
            visit(REDUCE, scores[REDUCE]);
        }
        let labels = 0..self.n_labels;
        if valid(Move::Left(NOT_ROOT)) {
            for l in labels.clone().filter(|&l| l != root) {
                visit(2 + l, scores[2 + l]);
            }
        }
        let right = 2 + self.n_labels;
        if state.top() == 0 {
            if valid(Move::Right(self.root_label)) {
                visit(right + root, scores[right + root]);
            }
        } else if valid(Move::Right(NOT_ROOT)) {
            for l in labels.filter(|&l| l != root) {
                visit(right + l, scores[right + l]);
            }
        }
    }

    /// Beam search: the best-scoring parse among `self.beam` kept at each
    /// step. Finished parses stay in the beam with their score until every
    /// parse has finished.
    fn parse_beam(&self, scratch: &mut ParseScratch, heads: &mut Vec<u32>, labels: &mut Vec<u16>) {
        let ParseScratch {
            words,
            clusters,
            tags,
            features: feats,
            scores,
            rows,
            beam,
            next,
            top,
            ..
        } = scratch;
        let width = self.beam;
        start_beam(beam, words.len() - 1);
        loop {
            top.clear();
            let mut open = false;
            for (i, h) in beam.iter().enumerate() {
                if h.state.is_terminal() {
                    let carry = Candidate {
                        from: i,
                        class: CARRY,
                        score: h.score,
                        correct: false,
                    };
                    keep_best(top, width, carry);
                    continue;
                }
                open = true;
                features(&h.state, words, clusters, tags, feats, None);
                self.weights.score(feats, scores, rows);
                self.for_each_valid(&h.state, scores, |class, s| {
                    let c = Candidate {
                        from: i,
                        class,
                        score: h.score + s,
                        correct: false,
                    };
                    keep_best(top, width, c);
                });
            }
            if !open {
                break;
            }
            advance(self, beam, next, top, |_, _| NONE);
        }
        self.finish(&mut beam[0].state, heads, labels);
    }

    /// Gives every word still without a head one: the first becomes the
    /// root if there is none, the others depend on the root word.
    fn finish(&self, state: &mut State, heads: &mut Vec<u32>, labels: &mut Vec<u16>) {
        for i in 1..=state.n {
            if state.head[i] == NONE {
                match state.right[0][0] {
                    NONE => state.add_arc(0, i as u32, self.root_label),
                    root => state.add_arc(root, i as u32, self.fallback_label),
                }
            }
        }
        heads.clear();
        heads.extend_from_slice(&state.head[1..]);
        labels.clear();
        labels.extend_from_slice(&state.label[1..]);
    }

    /// The cost of a move: how many gold arcs it makes unreachable.
    fn cost(&self, state: &State, gold: &ParseExample, children: &[Vec<u32>], m: Move) -> u32 {
        let s = state.top();
        let b = state.next as u32;
        let (su, bu) = (s as usize, b as usize);
        let headless_children_on_stack = |x: usize| {
            children[x]
                .iter()
                .filter(|&&k| state.on_stack[k as usize] && state.head[k as usize] == NONE)
                .count() as u32
        };
        let children_in_buffer = |x: usize| children[x].iter().filter(|&&k| k >= b).count() as u32;
        let head_reachable_on_stack =
            |h: u32| state.on_stack[h as usize] && (h != 0 || !state.root_taken());
        match m {
            Move::Shift => {
                head_reachable_on_stack(gold.heads[bu]) as u32 + headless_children_on_stack(bu)
            }
            Move::Reduce => children_in_buffer(su),
            Move::Left(l) => {
                let h = gold.heads[su];
                (h > b) as u32 + children_in_buffer(su) + (h == b && l != gold.labels[su]) as u32
            }
            Move::Right(l) => {
                let h = gold.heads[bu];
                let lost_head = h != s && (h > b || head_reachable_on_stack(h));
                lost_head as u32
                    + headless_children_on_stack(bu)
                    + (h == s && l != gold.labels[bu]) as u32
            }
        }
    }

    /// An untrained parser for `n_labels` relations keeping `beam` partial
    /// parses at each step.
    pub(crate) fn new(
        n_labels: usize,
        root_label: u16,
        fallback_label: u16,
        beam: usize,
    ) -> Parser {
        Parser {
            n_labels,
            root_label,
            fallback_label,
            beam: beam.max(1),
            weights: Weights::default(),
        }
    }

    /// Trains on `examples` (projective trees), calling `report(epoch,
    /// parser)` after each epoch. From the second epoch on, the parser
    /// follows its own prediction with probability `explore`. With a beam,
    /// the parser trains as a structured perceptron (see the module
    /// documentation) and `explore` is unused.
    pub(crate) fn train(
        mut self,
        examples: &[ParseExample],
        epochs: usize,
        explore: f64,
        seed: u64,
        mut report: impl FnMut(usize, &Parser),
    ) -> Parser {
        if self.beam > 1 {
            return self.train_beam(examples, epochs, seed, report);
        }
        let (n_labels, root_label) = (self.n_labels, self.root_label);
        let n_classes = Parser::n_classes(n_labels);
        let parser = &mut self;
        let mut trainer = Trainer::new(n_classes);
        let mut rng = Rng::new(seed);
        let mut order: Vec<usize> = (0..examples.len()).collect();
        let mut scratch = ParseScratch::default();
        scratch.scores.resize(n_classes, 0.0);
        let mut children: Vec<Vec<u32>> = Vec::new();
        let mut costs = vec![u32::MAX; n_classes];
        for epoch in 1..=epochs {
            rng.shuffle(&mut order);
            for &e in &order {
                let ex = &examples[e];
                fill_children(&mut children, &ex.heads);
                Parser::prepare(&mut scratch, &ex.words, &ex.clusters, &ex.tags);
                while !scratch.state.is_terminal() {
                    let state = &scratch.state;
                    features(
                        state,
                        &scratch.words,
                        &scratch.clusters,
                        &scratch.tags,
                        &mut scratch.features,
                        None,
                    );
                    trainer.score(&scratch.features, &mut scratch.scores);
                    for (c, cost) in costs.iter_mut().enumerate() {
                        let m = parser.decode(c);
                        *cost = if state.is_valid(m, root_label) {
                            parser.cost(state, ex, &children, m)
                        } else {
                            u32::MAX
                        };
                    }
                    let guess = best(&scratch.scores, |c| costs[c] != u32::MAX).unwrap_or(SHIFT);
                    let least = costs.iter().copied().min().unwrap_or(0);
                    let truth = best(&scratch.scores, |c| costs[c] == least).unwrap_or(SHIFT);
                    if costs[guess] > least {
                        trainer.update(&scratch.features, truth, guess);
                    }
                    trainer.tick();
                    let follow = if epoch > 1 && rng.unit() < explore {
                        guess
                    } else {
                        truth
                    };
                    scratch.state.apply(parser.decode(follow));
                }
            }
            parser.weights = trainer.average();
            report(epoch, parser);
        }
        self
    }

    fn train_beam(
        mut self,
        examples: &[ParseExample],
        epochs: usize,
        seed: u64,
        mut report: impl FnMut(usize, &Parser),
    ) -> Parser {
        let n_classes = Parser::n_classes(self.n_labels);
        let mut trainer = Trainer::new(n_classes);
        let mut rng = Rng::new(seed);
        let mut order: Vec<usize> = (0..examples.len()).collect();
        let mut scratch = ParseScratch::default();
        scratch.scores.resize(n_classes, 0.0);
        let mut history = History::default();
        let mut children: Vec<Vec<u32>> = Vec::new();
        for epoch in 1..=epochs {
            rng.shuffle(&mut order);
            for &e in &order {
                let ex = &examples[e];
                fill_children(&mut children, &ex.heads);
                Parser::prepare(&mut scratch, &ex.words, &ex.clusters, &ex.tags);
                self.train_sentence(&mut trainer, ex, &children, &mut scratch, &mut history);
            }
            self.weights = trainer.average();
            report(epoch, &self);
        }
        self
    }

    /// One sentence of beam training with max-violation update: the beam
    /// runs to the end of the sentence beside the gold parse (at each step
    /// the best-scoring move that keeps the gold tree reachable), and the
    /// update is made at the step where the beam's best parse, not correct,
    /// outscores the gold one by the most.
    fn train_sentence(
        &self,
        trainer: &mut Trainer,
        ex: &ParseExample,
        children: &[Vec<u32>],
        scratch: &mut ParseScratch,
        history: &mut History,
    ) {
        let ParseScratch {
            state: gold,
            words,
            clusters,
            tags,
            features: feats,
            scores,
            beam,
            next,
            top,
            ..
        } = scratch;
        let width = self.beam;
        history.features.clear();
        history.steps.clear();
        start_beam(beam, ex.words.len());
        let (mut gold_score, mut gold_step) = (0f32, NONE);
        let mut worst: Option<(f32, u32, u32)> = None;
        loop {
            top.clear();
            history.ranges.clear();
            let mut open = false;
            for (i, h) in beam.iter().enumerate() {
                if h.state.is_terminal() {
                    history.ranges.push((0, 0));
                    let carry = Candidate {
                        from: i,
                        class: CARRY,
                        score: h.score,
                        correct: h.correct,
                    };
                    keep_best(top, width, carry);
                    continue;
                }
                open = true;
                features(&h.state, words, clusters, tags, feats, None);
                let start = history.features.len() as u32;
                history.features.extend_from_slice(feats);
                history.ranges.push((start, history.features.len() as u32));
                trainer.score(feats, scores);
                self.for_each_valid(&h.state, scores, |class, s| {
                    let correct =
                        h.correct && self.cost(&h.state, ex, children, self.decode(class)) == 0;
                    let c = Candidate {
                        from: i,
                        class,
                        score: h.score + s,
                        correct,
                    };
                    keep_best(top, width, c);
                });
            }
            if !gold.is_terminal() {
                open = true;
                features(gold, words, clusters, tags, feats, None);
                let start = history.features.len() as u32;
                history.features.extend_from_slice(feats);
                trainer.score(feats, scores);
                let mut best = (SHIFT, f32::NEG_INFINITY);
                self.for_each_valid(gold, scores, |class, s| {
                    if s > best.1 && self.cost(gold, ex, children, self.decode(class)) == 0 {
                        best = (class, s);
                    }
                });
                history.steps.push(Step {
                    parent: gold_step,
                    features: (start, history.features.len() as u32),
                    class: best.0,
                });
                gold_step = (history.steps.len() - 1) as u32;
                gold_score += best.1;
                gold.apply(self.decode(best.0));
            }
            if !open {
                break;
            }
            trainer.tick();
            advance(self, beam, next, top, |beam, c| history.extend(beam, c));
            let b = &beam[0];
            let violation = b.score - gold_score;
            if !b.correct && violation >= 0.0 && worst.is_none_or(|w| violation > w.0) {
                worst = Some((violation, gold_step, b.step));
            }
        }
        if let Some((_, gold, guess)) = worst {
            history.update(trainer, gold, guess);
        }
    }

    pub(crate) fn prune(&mut self, min_weight: f32) {
        self.weights = self.weights.pruned(min_weight);
    }

    pub(crate) fn n_features(&self) -> usize {
        self.weights.n_features()
    }

    pub(crate) fn write(&self, w: &mut Writer) {
        // The beam width shares the label count's word, so that a greedy
        // model's file is the same as before beams existed.
        w.u32(self.n_labels as u32 | ((self.beam as u32 - 1) << 16));
        w.u16(self.root_label);
        w.u16(self.fallback_label);
        self.weights.write(w);
    }

    pub(crate) fn read(r: &mut Reader) -> Result<Parser, ModelError> {
        let word = r.u32()?;
        let (n_labels, beam) = ((word & 0xffff) as usize, (word >> 16) as usize + 1);
        let root_label = r.u16()?;
        let fallback_label = r.u16()?;
        let weights = Weights::read(r)?;
        if weights.n_classes() != Parser::n_classes(n_labels)
            || root_label as usize >= n_labels
            || fallback_label as usize >= n_labels
        {
            return Err(r.error("parser weights do not match its labels"));
        }
        Ok(Parser {
            n_labels,
            root_label,
            fallback_label,
            beam,
            weights,
        })
    }
}

/// Makes `beam` one empty parse of `n` words.
fn start_beam(beam: &mut Vec<Hypothesis>, n: usize) {
    beam.truncate(1);
    if beam.is_empty() {
        beam.push(Hypothesis::default());
    }
    let h = &mut beam[0];
    h.state.reset(n);
    h.score = 0.0;
    h.step = NONE;
    h.correct = true;
}

/// Bucketed distance between the stack top and the buffer front.
fn distance(s: u32, b: usize) -> u64 {
    match (b as u64).saturating_sub(s as u64) {
        d @ 0..=4 => d,
        5..=6 => 5,
        7..=9 => 6,
        10..=14 => 7,
        _ => 8,
    }
}

/// The feature set of Zhang & Nivre (2011) for arc-eager parsing, plus the
/// second stack item.
///
/// With `buffer`, the features that depend only on the first three words
/// of the buffer (and the bias) go there instead of `out`: they stay the
/// same while reduce and left-arc moves leave the buffer as it is, so
/// their sums can be kept (see [`Parser::parse`]).
fn features(
    st: &State,
    words: &[u64],
    clusters: &[u64],
    tags: &[u64],
    out: &mut Vec<u64>,
    mut buffer: Option<&mut Vec<u64>>,
) {
    out.clear();
    if let Some(b) = buffer.as_deref_mut() {
        b.clear();
    }
    let w = |x: u32| {
        if x == NONE {
            NO_WORD
        } else {
            words[x as usize]
        }
    };
    let c = |x: u32| {
        if x == NONE {
            NO_WORD
        } else {
            clusters[x as usize]
        }
    };
    let p = |x: u32| if x == NONE { NO_TAG } else { tags[x as usize] };
    let l = |x: u32| {
        if x == NONE || st.head[x as usize] == NONE {
            NO_LABEL
        } else {
            st.label[x as usize] as u64
        }
    };
    let at = |v: &Vec<u32>, x: u32| if x == NONE { NONE } else { v[x as usize] };
    let pair =
        |v: &Vec<[u32; 2]>, x: u32, k: usize| if x == NONE { NONE } else { v[x as usize][k] };

    let s0 = st.top();
    let s1 = if st.stack.len() >= 2 {
        st.stack[st.stack.len() - 2]
    } else {
        NONE
    };
    let buf = |k: usize| {
        if st.next + k <= st.n {
            (st.next + k) as u32
        } else {
            NONE
        }
    };
    let (n0, n1, n2) = (buf(0), buf(1), buf(2));
    let s0h = at(&st.head, s0);
    let s0h2 = at(&st.head, s0h);
    let (s0l, s0l2) = (pair(&st.left, s0, 0), pair(&st.left, s0, 1));
    let (s0r, s0r2) = (pair(&st.right, s0, 0), pair(&st.right, s0, 1));
    let (n0l, n0l2) = (pair(&st.left, n0, 0), pair(&st.left, n0, 1));
    let (s0w, s0p, n0w, n0p) = (w(s0), p(s0), w(n0), p(n0));
    let (n1w, n1p, n2w, n2p) = (w(n1), p(n1), w(n2), p(n2));
    let d = if s0 != NONE && n0 != NONE {
        distance(s0, n0 as usize)
    } else {
        15
    };
    let count = |v: &Vec<u32>, x: u32| {
        if x == NONE {
            99
        } else {
            v[x as usize].min(8) as u64
        }
    };
    let set = |v: &Vec<u64>, x: u32| if x == NONE { 1 << 63 } else { v[x as usize] };
    let (s0vl, s0vr, n0vl) = (
        count(&st.n_left, s0),
        count(&st.n_right, s0),
        count(&st.n_left, n0),
    );
    let (s0sl, s0sr, n0sl) = (
        set(&st.left_labels, s0),
        set(&st.right_labels, s0),
        set(&st.left_labels, n0),
    );
    let both = |a: u64, b: u64| feature(255, a, b, 0);

    // Templates are numbered in the order they are written here, which is
    // the order of `out` when there is no `buffer`; `b` marks those of the
    // buffer alone.
    let mut t = 0u32;
    let mut g = |in_buffer: bool, a: u64, b: u64, c: u64| {
        t += 1;
        let key = feature(t, a, b, c);
        match buffer.as_deref_mut() {
            Some(buffer) if in_buffer => buffer.push(key),
            _ => out.push(key),
        }
    };
    macro_rules! f {
        ($a:expr, $b:expr, $c:expr) => {
            g(false, $a, $b, $c)
        };
    }
    macro_rules! b {
        ($a:expr, $b:expr, $c:expr) => {
            g(true, $a, $b, $c)
        };
    }
    // Single words.
    f!(s0w, s0p, 0);
    f!(s0w, 0, 0);
    f!(s0p, 0, 0);
    b!(n0w, n0p, 0);
    b!(n0w, 0, 0);
    b!(n0p, 0, 0);
    b!(n1w, n1p, 0);
    b!(n1w, 0, 0);
    b!(n1p, 0, 0);
    b!(n2w, n2p, 0);
    b!(n2w, 0, 0);
    b!(n2p, 0, 0);
    // Pairs.
    f!(both(s0w, s0p), n0w, n0p);
    f!(s0w, s0p, n0w);
    f!(s0w, n0w, n0p);
    f!(s0w, s0p, n0p);
    f!(s0p, n0w, n0p);
    f!(s0w, n0w, 0);
    f!(s0p, n0p, 0);
    b!(n0p, n1p, 0);
    // Three tags.
    b!(n0p, n1p, n2p);
    f!(s0p, n0p, n1p);
    f!(p(s0h), s0p, n0p);
    f!(s0p, p(s0l), n0p);
    f!(s0p, p(s0r), n0p);
    f!(s0p, n0p, p(n0l));
    // Distance.
    f!(s0w, d, 0);
    f!(s0p, d, 0);
    f!(n0w, d, 0);
    f!(n0p, d, 0);
    f!(s0w, n0w, d);
    f!(s0p, n0p, d);
    // Valency.
    f!(s0w, s0vr, 0);
    f!(s0p, s0vr, 0);
    f!(s0w, s0vl, 0);
    f!(s0p, s0vl, 0);
    f!(n0w, n0vl, 0);
    f!(n0p, n0vl, 0);
    // Heads and outermost dependents.
    f!(w(s0h), 0, 0);
    f!(p(s0h), 0, 0);
    f!(l(s0), 0, 0);
    f!(w(s0l), 0, 0);
    f!(p(s0l), 0, 0);
    f!(l(s0l), 0, 0);
    f!(w(s0r), 0, 0);
    f!(p(s0r), 0, 0);
    f!(l(s0r), 0, 0);
    f!(w(n0l), 0, 0);
    f!(p(n0l), 0, 0);
    f!(l(n0l), 0, 0);
    // Third order.
    f!(w(s0h2), 0, 0);
    f!(p(s0h2), 0, 0);
    f!(l(s0h), 0, 0);
    f!(w(s0l2), 0, 0);
    f!(p(s0l2), 0, 0);
    f!(l(s0l2), 0, 0);
    f!(w(s0r2), 0, 0);
    f!(p(s0r2), 0, 0);
    f!(l(s0r2), 0, 0);
    f!(w(n0l2), 0, 0);
    f!(p(n0l2), 0, 0);
    f!(l(n0l2), 0, 0);
    f!(s0p, p(s0l), p(s0l2));
    f!(s0p, p(s0r), p(s0r2));
    f!(s0p, p(s0h), p(s0h2));
    f!(n0p, p(n0l), p(n0l2));
    // Label sets.
    f!(s0w, s0sr, 0);
    f!(s0p, s0sr, 0);
    f!(s0w, s0sl, 0);
    f!(s0p, s0sl, 0);
    f!(n0w, n0sl, 0);
    f!(n0p, n0sl, 0);
    // The second stack item, and whether the top has a head yet.
    f!(p(s1), 0, 0);
    f!(w(s1), 0, 0);
    f!(p(s1), s0p, n0p);
    f!(p(s1), p(s0h), l(s0));
    f!(s0p, (s0h != NONE) as u64, n0p);
    // Word clusters.
    let (s0c, n0c, n1c) = (c(s0), c(n0), c(n1));
    f!(s0c, 0, 0);
    b!(n0c, 0, 0);
    b!(n1c, 0, 0);
    f!(s0c, n0c, 0);
    f!(s0c, n0p, 0);
    f!(s0p, n0c, 0);
    f!(c(s0h), s0p, n0p);
    f!(s0c, n0c, d);
    b!(n0c, n1p, 0);
    b!(0, 0, 0);
}

/// Makes a tree projective by lifting each crossing arc's dependent to its
/// head's head, shortest arcs first, until no arc crosses. `heads[0]` is
/// unused (node 0 is the root).
pub(crate) fn projectivize(heads: &mut [u32]) {
    let n = heads.len();
    // Guards against malformed trees (cycles) in the input.
    for _ in 0..n * n {
        let mut worst: Option<(usize, usize)> = None;
        for d in 1..n {
            let h = heads[d] as usize;
            if h >= n || is_projective(heads, h, d) {
                continue;
            }
            let len = h.abs_diff(d);
            if worst.is_none_or(|(_, l)| len < l) {
                worst = Some((d, len));
            }
        }
        match worst {
            Some((d, _)) => {
                let h = heads[d] as usize;
                heads[d] = if h == 0 { 0 } else { heads[h] };
            }
            None => return,
        }
    }
}

/// Whether every word between `h` and `d` descends from `h`.
fn is_projective(heads: &[u32], h: usize, d: usize) -> bool {
    let (lo, hi) = if h < d { (h, d) } else { (d, h) };
    (lo + 1..hi).all(|mut k| {
        for _ in 0..heads.len() {
            if k == h {
                return true;
            }
            if k == 0 || heads[k] as usize >= heads.len() {
                return false;
            }
            k = heads[k] as usize;
        }
        false
    })
}

/// Each word's dependents in a gold tree (`heads[0]` is the root's slot),
/// in `children`, reused from sentence to sentence.
fn fill_children(children: &mut Vec<Vec<u32>>, heads: &[u32]) {
    children.iter_mut().for_each(Vec::clear);
    children.resize(heads.len(), Vec::new());
    for (d, &h) in heads.iter().enumerate().skip(1) {
        children[h as usize].push(d as u32);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifts_crossing_arcs() {
        // 1 <- 3, 2 <- 4 cross; root 3 ... (heads per node, node 0 unused).
        let mut heads = vec![0, 3, 4, 0, 3];
        projectivize(&mut heads);
        for d in 1..heads.len() {
            assert!(is_projective(&heads, heads[d] as usize, d), "{heads:?}");
        }
        let mut fine = vec![0, 2, 0, 2];
        projectivize(&mut fine);
        assert_eq!(fine, vec![0, 2, 0, 2]);
    }

    #[test]
    fn the_oracle_rebuilds_projective_trees() {
        // "She gave him books ." : gave is the root.
        let heads = vec![0, 2, 0, 2, 2, 2];
        let labels = vec![0, 1, 0, 2, 3, 4];
        let (words, clusters, tags) = (vec![1, 2, 3, 4, 5], vec![1; 5], vec![1, 2, 1, 3, 4]);
        let ex = ParseExample {
            words,
            clusters,
            tags,
            heads,
            labels,
        };
        let parser = Parser {
            n_labels: 5,
            root_label: 0,
            fallback_label: 4,
            beam: 1,
            weights: Weights::default(),
        };
        let mut children = vec![Vec::new(); 6];
        for d in 1..6 {
            children[ex.heads[d] as usize].push(d as u32);
        }
        let mut state = State::default();
        state.reset(5);
        while !state.is_terminal() {
            let m = (0..Parser::n_classes(5))
                .map(|c| parser.decode(c))
                .find(|&m| state.is_valid(m, 0) && parser.cost(&state, &ex, &children, m) == 0)
                .expect("a zero-cost move");
            state.apply(m);
        }
        let (mut h, mut l) = (Vec::new(), Vec::new());
        parser.finish(&mut state, &mut h, &mut l);
        assert_eq!(h, &ex.heads[1..]);
        assert_eq!(l, &ex.labels[1..]);
    }
}
