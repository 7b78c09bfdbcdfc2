//! Evaluation of a system's CoNLL-U against a gold CoNLL-U file, by the
//! method of the CoNLL 2018 shared task (Zeman et al. 2018).
//!
//! Both files are reduced to their non-whitespace characters; tokens,
//! sentences and words are compared as spans over those characters, so the
//! system may tokenize and split differently from the gold standard.
//! Words inside multiword tokens are aligned by the longest common
//! subsequence of their lower-cased forms. Every attribute score (UPOS,
//! XPOS, UFeats, Lemmas, UAS, LAS) is an F1 over aligned words: precision
//! against the system's words, recall against the gold words. UAS needs the
//! heads to be aligned words too; LAS also compares the universal part of
//! the relation (`nsubj` of `nsubj:pass`).
//!
//! Cost: linear in the size of the files, plus the LCS tables of multiword
//! regions (a few words each).

use dyad_core::conllu::Treebank;
use serde::Serialize;

/// Precision, recall and F1 of one metric, with the counts behind them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Score {
    pub gold: usize,
    pub system: usize,
    pub correct: usize,
}

impl Score {
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.system)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    pub fn f1(&self) -> f64 {
        ratio(2 * self.correct, self.gold + self.system)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

/// All scores of one comparison, in the order the shared task printed them.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Report {
    pub tokens: Score,
    pub sentences: Score,
    pub words: Score,
    pub upos: Score,
    pub xpos: Score,
    pub ufeats: Score,
    pub lemmas: Score,
    pub uas: Score,
    pub las: Score,
}

impl Report {
    /// The metrics with their names.
    pub fn rows(&self) -> [(&'static str, Score); 9] {
        [
            ("Tokens", self.tokens),
            ("Sentences", self.sentences),
            ("Words", self.words),
            ("UPOS", self.upos),
            ("XPOS", self.xpos),
            ("UFeats", self.ufeats),
            ("Lemmas", self.lemmas),
            ("UAS", self.uas),
            ("LAS", self.las),
        ]
    }

    /// A table like the shared task's evaluation script prints.
    pub fn table(&self) -> String {
        let mut s = String::from("Metric     | Precision |    Recall |  F1 Score\n");
        s.push_str("-----------+-----------+-----------+-----------\n");
        for (name, sc) in self.rows() {
            s.push_str(&format!(
                "{name:<11}| {:>9.2} | {:>9.2} | {:>9.2}\n",
                sc.precision(),
                sc.recall(),
                sc.f1()
            ));
        }
        s
    }
}

/// The texts of the two files differ beyond whitespace.
#[derive(Debug, thiserror::Error)]
#[error("the texts differ at non-space character {at}: gold has {gold:?}, system has {system:?}")]
pub struct TextMismatch {
    pub at: usize,
    pub gold: String,
    pub system: String,
}

/// One word, with spans over non-whitespace characters.
struct EvalWord<'a> {
    start: u32,
    end: u32,
    multiword: bool,
    form: String,
    upos: &'a str,
    xpos: &'a str,
    feats: &'a str,
    lemma: &'a str,
    /// Index of the head word in this file's word list, `None` for the root.
    head: Option<usize>,
    deprel: &'a str,
}

struct Flat<'a> {
    words: Vec<EvalWord<'a>>,
    tokens: Vec<(u32, u32)>,
    sentences: Vec<(u32, u32)>,
    chars: Vec<char>,
}

fn unset(f: &Option<Box<str>>) -> &str {
    f.as_deref().unwrap_or("_")
}

fn flatten(bank: &Treebank) -> Flat<'_> {
    // Index of every byte offset among the text's non-whitespace characters.
    let text = &bank.text;
    let mut index = vec![0u32; text.len() + 1];
    let mut chars = Vec::with_capacity(text.len());
    for (b, c) in text.char_indices() {
        index[b] = chars.len() as u32;
        if !c.is_whitespace() {
            chars.push(c);
        }
        for k in 1..c.len_utf8() {
            index[b + k] = chars.len() as u32;
        }
    }
    index[text.len()] = chars.len() as u32;
    let at = |b: u32| index[b as usize];

    let mut flat = Flat {
        words: Vec::new(),
        tokens: Vec::new(),
        sentences: Vec::new(),
        chars: Vec::new(),
    };
    for sentence in &bank.sentences {
        let base = flat.words.len();
        if let (Some(first), Some(last)) = (sentence.tokens.first(), sentence.tokens.last()) {
            flat.sentences
                .push((at(first.span.start), at(last.span.end)));
        }
        for token in &sentence.tokens {
            let span = (at(token.span.start), at(token.span.end));
            flat.tokens.push(span);
            for w in token.words.clone() {
                let word = &sentence.words[w as usize];
                flat.words.push(EvalWord {
                    start: span.0,
                    end: span.1,
                    multiword: token.is_multiword(),
                    form: word.form(text).to_lowercase(),
                    upos: unset(&word.upos),
                    xpos: unset(&word.xpos),
                    feats: unset(&word.feats),
                    lemma: unset(&word.lemma),
                    head: match word.head {
                        Some(h) if h > 0 => Some(base + h as usize - 1),
                        _ => None,
                    },
                    deprel: unset(&word.deprel),
                });
            }
        }
    }
    flat.chars = chars;
    flat
}

/// Counts the spans two sorted lists share.
fn matching_spans(gold: &[(u32, u32)], system: &[(u32, u32)]) -> Score {
    let (mut g, mut s, mut correct) = (0, 0, 0);
    while g < gold.len() && s < system.len() {
        if gold[g] == system[s] {
            correct += 1;
            g += 1;
            s += 1;
        } else if gold[g].0 < system[s].0 || (gold[g].0 == system[s].0 && gold[g].1 < system[s].1) {
            g += 1;
        } else {
            s += 1;
        }
    }
    Score {
        gold: gold.len(),
        system: system.len(),
        correct,
    }
}

/// Scores `system` against `gold`.
pub fn evaluate(gold: &Treebank, system: &Treebank) -> Result<Report, TextMismatch> {
    let g = flatten(gold);
    let s = flatten(system);
    if g.chars != s.chars {
        let at = g
            .chars
            .iter()
            .zip(&s.chars)
            .position(|(a, b)| a != b)
            .unwrap_or(g.chars.len().min(s.chars.len()));
        let around = |c: &[char]| {
            c[at.saturating_sub(10)..(at + 10).min(c.len())]
                .iter()
                .collect()
        };
        return Err(TextMismatch {
            at,
            gold: around(&g.chars),
            system: around(&s.chars),
        });
    }
    let aligned = align(&g.words, &s.words);
    // For each system word, the gold word it is aligned to.
    let mut gold_of = vec![None; s.words.len()];
    for &(gi, si) in &aligned {
        gold_of[si] = Some(gi);
    }
    let count = |same: &dyn Fn(&EvalWord, &EvalWord) -> bool| Score {
        gold: g.words.len(),
        system: s.words.len(),
        correct: aligned
            .iter()
            .filter(|&&(gi, si)| same(&g.words[gi], &s.words[si]))
            .count(),
    };
    let heads_match = |gw: &EvalWord, sw: &EvalWord| match (gw.head, sw.head) {
        (None, None) => true,
        (Some(gh), Some(sh)) => gold_of[sh] == Some(gh),
        _ => false,
    };
    let universal = |r: &str| r.split(':').next().unwrap_or("").to_string();
    Ok(Report {
        tokens: matching_spans(&g.tokens, &s.tokens),
        sentences: matching_spans(&g.sentences, &s.sentences),
        words: count(&|_, _| true),
        upos: count(&|a, b| a.upos == b.upos),
        xpos: count(&|a, b| a.xpos == b.xpos),
        ufeats: count(&|a, b| a.feats == b.feats),
        lemmas: count(&|a, b| a.lemma == b.lemma),
        uas: count(&|a, b| heads_match(a, b)),
        las: count(&|a, b| heads_match(a, b) && universal(a.deprel) == universal(b.deprel)),
    })
}

/// Aligns gold and system words: by span outside multiword tokens, by the
/// longest common subsequence of forms inside them.
fn align(gold: &[EvalWord], system: &[EvalWord]) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(gold.len());
    let (mut gi, mut si) = (0, 0);
    while gi < gold.len() && si < system.len() {
        if gold[gi].multiword || system[si].multiword {
            let (gs, ss, ge, se) = multiword_region(gold, system, gi, si);
            align_by_lcs(&gold[gs..ge], &system[ss..se], gs, ss, &mut out);
            gi = ge;
            si = se;
        } else if (gold[gi].start, gold[gi].end) == (system[si].start, system[si].end) {
            out.push((gi, si));
            gi += 1;
            si += 1;
        } else if gold[gi].start <= system[si].start {
            gi += 1;
        } else {
            si += 1;
        }
    }
    out
}

/// The smallest stretch of words on both sides that covers the multiword
/// token at `gi` or `si` and everything overlapping it.
fn multiword_region(
    gold: &[EvalWord],
    system: &[EvalWord],
    mut gi: usize,
    mut si: usize,
) -> (usize, usize, usize, usize) {
    let mut end;
    if gold[gi].multiword {
        end = gold[gi].end;
        if !system[si].multiword && system[si].start < gold[gi].start {
            si += 1;
        }
    } else {
        end = system[si].end;
        if !gold[gi].multiword && gold[gi].start < system[si].start {
            gi += 1;
        }
    }
    let (gs, ss) = (gi, si);
    let beyond = |words: &[EvalWord], i: usize, end: u32| {
        i >= words.len()
            || if words[i].multiword {
                words[i].start >= end
            } else {
                words[i].end > end
            }
    };
    let extend = |w: &EvalWord, end: u32| {
        if w.multiword && w.end > end {
            w.end
        } else {
            end
        }
    };
    while !beyond(gold, gi, end) || !beyond(system, si, end) {
        if gi < gold.len() && (si >= system.len() || gold[gi].start <= system[si].start) {
            end = extend(&gold[gi], end);
            gi += 1;
        } else {
            end = extend(&system[si], end);
            si += 1;
        }
    }
    (gs, ss, gi, si)
}

fn align_by_lcs(
    gold: &[EvalWord],
    system: &[EvalWord],
    g0: usize,
    s0: usize,
    out: &mut Vec<(usize, usize)>,
) {
    let (n, m) = (gold.len(), system.len());
    // lcs[g][s]: longest common subsequence of gold[g..] and system[s..].
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for g in (0..n).rev() {
        for s in (0..m).rev() {
            lcs[g][s] = if gold[g].form == system[s].form {
                1 + lcs[g + 1][s + 1]
            } else {
                lcs[g + 1][s].max(lcs[g][s + 1])
            };
        }
    }
    let (mut g, mut s) = (0, 0);
    while g < n && s < m {
        if gold[g].form == system[s].form {
            out.push((g0 + g, s0 + s));
            g += 1;
            s += 1;
        } else if lcs[g][s] == lcs[g + 1][s] {
            g += 1;
        } else {
            s += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_core::conllu::read;

    fn line(id: &str, form: &str, upos: &str, head: &str, rel: &str, misc: &str) -> String {
        format!(
            "{id}\t{form}\t{}\t{upos}\t_\t_\t{head}\t{rel}\t_\t{misc}\n",
            form.to_lowercase()
        )
    }

    #[test]
    fn identical_files_score_100() {
        let f = read(
            &(line("1", "Hi", "INTJ", "0", "root", "SpaceAfter=No")
                + &line("2", "!", "PUNCT", "1", "punct", "_")),
        )
        .unwrap();
        let r = evaluate(&f, &f).unwrap();
        for (name, score) in r.rows() {
            assert_eq!(score.f1(), 100.0, "{name}");
        }
    }

    #[test]
    fn different_tokenization_is_scored_by_spans() {
        // Gold: "don't" as a multiword token; system: one plain token.
        let gold = read(&format!(
            "1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n{}{}{}\n",
            line("1", "do", "AUX", "3", "aux", "_"),
            line("2", "n't", "PART", "3", "advmod", "_"),
            line("3", "go", "VERB", "0", "root", "_")
        ))
        .unwrap();
        let system = read(&format!(
            "{}{}\n",
            line("1", "don't", "AUX", "2", "aux", "_"),
            line("2", "go", "VERB", "0", "root", "_")
        ))
        .unwrap();
        let r = evaluate(&gold, &system).unwrap();
        assert_eq!(r.tokens.correct, 2);
        assert_eq!((r.words.gold, r.words.system, r.words.correct), (3, 2, 1));
        assert_eq!(r.las.correct, 1); // `go`: root in both
        assert_eq!(r.sentences.correct, 1);
    }

    #[test]
    fn sentence_split_errors_count() {
        let gold = read(&format!(
            "{}\n{}\n",
            line("1", "A", "X", "0", "root", "_"),
            line("1", "B", "X", "0", "root", "_")
        ))
        .unwrap();
        let system = read(&format!(
            "{}{}\n",
            line("1", "A", "X", "0", "root", "_"),
            line("2", "B", "X", "1", "dep", "_")
        ))
        .unwrap();
        let r = evaluate(&gold, &system).unwrap();
        assert_eq!(
            (r.sentences.gold, r.sentences.system, r.sentences.correct),
            (2, 1, 0)
        );
        assert_eq!(r.tokens.f1(), 100.0);
        assert_eq!(r.uas.correct, 1);
    }

    #[test]
    fn different_texts_are_refused() {
        let a = read(&line("1", "A", "X", "0", "root", "_")).unwrap();
        let b = read(&line("1", "B", "X", "0", "root", "_")).unwrap();
        assert!(evaluate(&a, &b).is_err());
    }
}
