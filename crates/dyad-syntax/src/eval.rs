//! Accuracy on gold tokens: the model re-annotates a treebank's own words,
//! so word `i` of the output is compared with word `i` of the gold.
//! (Scoring raw-text output, where words must first be aligned, is
//! `dyad eval-ud`'s job.)

use crate::Model;
use dyad_core::conllu::Treebank;
use dyad_core::Word;
use std::fmt;

/// Counts of correct words per annotation layer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Accuracy {
    pub words: usize,
    pub upos: usize,
    pub xpos: usize,
    pub feats: usize,
    pub lemma: usize,
    /// Right head.
    pub uas: usize,
    /// Right head and universal relation (the part before any `:`).
    pub las: usize,
}

impl Accuracy {
    /// Adds the comparison of one system word with its gold word.
    pub fn add(&mut self, gold: &Word, system: &Word) {
        let same = |a: &Option<Box<str>>, b: &Option<Box<str>>| {
            a.as_deref().unwrap_or("_") == b.as_deref().unwrap_or("_")
        };
        let universal = |w: &Word| {
            w.deprel
                .as_deref()
                .map(|d| d.split(':').next().unwrap_or(d).to_owned())
        };
        self.words += 1;
        self.upos += same(&gold.upos, &system.upos) as usize;
        self.xpos += same(&gold.xpos, &system.xpos) as usize;
        self.feats += same(&gold.feats, &system.feats) as usize;
        self.lemma += same(&gold.lemma, &system.lemma) as usize;
        let head = gold.head.is_some() && gold.head == system.head;
        self.uas += head as usize;
        self.las += (head && universal(gold) == universal(system)) as usize;
    }

    pub fn percent(&self, correct: usize) -> f64 {
        100.0 * correct as f64 / self.words.max(1) as f64
    }
}

impl fmt::Display for Accuracy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "words {}  UPOS {:.2}  XPOS {:.2}  UFeats {:.2}  Lemma {:.2}  UAS {:.2}  LAS {:.2}",
            self.words,
            self.percent(self.upos),
            self.percent(self.xpos),
            self.percent(self.feats),
            self.percent(self.lemma),
            self.percent(self.uas),
            self.percent(self.las)
        )
    }
}

/// Re-annotates every sentence of `gold` and scores it.
pub fn evaluate(model: &Model, gold: &Treebank) -> Accuracy {
    let mut acc = Accuracy::default();
    for sentence in &gold.sentences {
        let mut system = sentence.clone();
        model.annotate(&gold.text, &mut system);
        for (g, s) in sentence.words.iter().zip(&system.words) {
            acc.add(g, s);
        }
    }
    acc
}
