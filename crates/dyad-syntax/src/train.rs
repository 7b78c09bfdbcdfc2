//! Training a [`Model`] from CoNLL-U treebanks.
//!
//! The tagger learns first. The parser then learns from tags that the tagger
//! predicted without having seen the sentence (k-fold "jackknifing"), so it
//! trains on tags as noisy as those it will meet; the lemmatizer learns from
//! gold tags. Everything is deterministic for a given seed.

use crate::clusters::Clusters;
use crate::lemma::{LemmaExample, Lemmatizer};
use crate::lexical::{Lex, LexBuffer};
use crate::parser::{projectivize, ParseExample, ParseScratch, Parser};
use crate::tagger::{TagExample, TagScratch, Tagger};
use crate::{Model, ModelError};
use dyad_core::conllu::Treebank;
use dyad_core::Sentence;
use std::collections::HashMap;

#[derive(Clone, Debug)]
pub struct TrainConfig {
    pub tagger_epochs: usize,
    pub parser_epochs: usize,
    /// Probability of following the parser's own prediction while training
    /// (after the first epoch), rather than the oracle's.
    pub explore: f64,
    /// Number of folds for the parser's training tags; 0 or 1 trains the
    /// parser on gold tags.
    pub jackknife: usize,
    pub seed: u64,
    /// Threads for the jackknife taggers and the word clusters.
    pub threads: usize,
    /// Parser weights smaller than this are dropped (see [`Model::prune`]).
    pub min_weight: f32,
    /// Partial parses the parser keeps at each step, in training and in
    /// the model: 1 is greedy, more is beam search with global training.
    pub beam: usize,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            tagger_epochs: 8,
            parser_epochs: 12,
            explore: 0.5,
            jackknife: 4,
            seed: 1,
            threads: 1,
            min_weight: 1.0,
            beam: 1,
        }
    }
}

/// A treebank turned into the ids and hashes the learners use.
struct Prepared {
    lex: Vec<Vec<Lex>>,
    tags: Vec<Vec<u16>>,
    /// Per sentence: heads per node (node 0 the root) and label ids; `None`
    /// when the sentence has no complete tree.
    trees: Vec<Option<(Vec<u32>, Vec<u16>)>>,
}

fn form(word: &dyad_core::Word, text: &str) -> String {
    word.form
        .as_deref()
        .or_else(|| text.get(word.span.range()))
        .unwrap_or("")
        .to_owned()
}

/// Most frequent first, ties in string order, so ids are deterministic.
fn by_frequency<K: Ord + Clone + std::hash::Hash>(counts: HashMap<K, usize>) -> Vec<K> {
    let mut v: Vec<(K, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v.into_iter().map(|(k, _)| k).collect()
}

fn tag_key(w: &dyad_core::Word) -> (String, String) {
    (
        w.upos.as_deref().unwrap_or("_").to_owned(),
        w.xpos.as_deref().unwrap_or("_").to_owned(),
    )
}

fn prepare(
    bank: &Treebank,
    clusters: &Clusters,
    tag_ids: &HashMap<(String, String), u16>,
    label_ids: &HashMap<String, u16>,
) -> Prepared {
    let mut buffer = LexBuffer::default();
    let mut p = Prepared {
        lex: Vec::new(),
        tags: Vec::new(),
        trees: Vec::new(),
    };
    let mut lex = |form: &str| {
        let mut l = buffer.lex(form);
        l.cluster = clusters.get(l.lower);
        l
    };
    for s in &bank.sentences {
        p.lex
            .push(s.words.iter().map(|w| lex(&form(w, &bank.text))).collect());
        p.tags.push(
            s.words
                .iter()
                .map(|w| tag_ids.get(&tag_key(w)).copied().unwrap_or(u16::MAX))
                .collect(),
        );
        let n = s.words.len() as u32;
        let mut heads = vec![0u32];
        let mut labels = vec![0u16];
        let mut complete = true;
        for w in &s.words {
            let label = w.deprel.as_deref().and_then(|d| label_ids.get(d));
            match (w.head, label) {
                (Some(h), Some(&l)) if h <= n => {
                    heads.push(h);
                    labels.push(l);
                }
                _ => complete = false,
            }
        }
        p.trees.push(complete.then_some((heads, labels)));
    }
    p
}

fn tag_all(tagger: &Tagger, lex: &[Vec<Lex>]) -> Vec<Vec<u16>> {
    let mut scratch = TagScratch::default();
    lex.iter()
        .map(|l| {
            let mut out = Vec::new();
            tagger.tag_every_word_twice(l, &mut scratch, &mut out);
            out
        })
        .collect()
}

/// Tags for each training sentence from a tagger trained on the other folds.
fn jackknife_tags(examples: &[TagExample], n_tags: usize, config: &TrainConfig) -> Vec<Vec<u16>> {
    let k = config.jackknife;
    let fold_of = |i: usize| i % k;
    let run = |fold: usize| -> Vec<(usize, Vec<u16>)> {
        let train: Vec<TagExample> = (0..examples.len())
            .filter(|&i| fold_of(i) != fold)
            .map(|i| TagExample {
                lex: examples[i].lex.clone(),
                tags: examples[i].tags.clone(),
            })
            .collect();
        let tagger = Tagger::train(
            &train,
            n_tags,
            config.tagger_epochs,
            config.seed + fold as u64,
            |_, _| {},
        );
        let held: Vec<usize> = (0..examples.len())
            .filter(|&i| fold_of(i) == fold)
            .collect();
        let lex: Vec<Vec<Lex>> = held.iter().map(|&i| examples[i].lex.clone()).collect();
        held.into_iter().zip(tag_all(&tagger, &lex)).collect()
    };
    let threads = config.threads.clamp(1, k);
    let mut results: Vec<(usize, Vec<u16>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let run = &run;
                scope.spawn(move || (t..k).step_by(threads).flat_map(run).collect::<Vec<_>>())
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a jackknife thread panicked"))
            .collect()
    });
    results.sort_by_key(|r| r.0);
    results.into_iter().map(|r| r.1).collect()
}

/// The tags (`UPOS|XPOS`) of every sentence of `banks`, in order, each
/// from a tagger trained as `model`'s was but on the other
/// `config.jackknife` folds: tags as noisy as those `model` gives new text,
/// for training another parser on top of `model`'s tagger. `banks` are
/// those `model` was trained on; a tag it does not know is an error.
pub fn jackknifed_tags(
    model: &Model,
    banks: &[Treebank],
    config: &TrainConfig,
) -> Result<Vec<Vec<String>>, ModelError> {
    let tag_ids: HashMap<(String, String), u16> = model
        .upos
        .iter()
        .zip(&model.xpos)
        .zip(0u16..)
        .map(|((u, x), id)| ((u.to_string(), x.to_string()), id))
        .collect();
    let mut examples = Vec::new();
    for bank in banks {
        let p = prepare(bank, &model.clusters, &tag_ids, &HashMap::new());
        for (lex, tags) in p.lex.into_iter().zip(p.tags) {
            if tags.contains(&u16::MAX) {
                return Err(ModelError::Format(format!(
                    "sentence {} has a tag the model does not know",
                    examples.len() + 1
                )));
            }
            examples.push(TagExample { lex, tags });
        }
    }
    let config = TrainConfig {
        jackknife: config.jackknife.max(2),
        ..config.clone()
    };
    let tags = jackknife_tags(&examples, model.upos.len(), &config);
    Ok(tags
        .iter()
        .map(|s| {
            let name = |&t: &u16| format!("{}|{}", model.upos[t as usize], model.xpos[t as usize]);
            s.iter().map(name).collect()
        })
        .collect())
}

/// Tagging accuracy (UPOS, XPOS) of `predicted` against `gold` tag ids.
fn tag_accuracy(
    upos: &[Box<str>],
    xpos: &[Box<str>],
    gold: &[Sentence],
    predicted: &[Vec<u16>],
) -> (f64, f64) {
    let (mut n, mut u, mut x) = (0usize, 0usize, 0usize);
    for (s, tags) in gold.iter().zip(predicted) {
        for (w, &t) in s.words.iter().zip(tags) {
            n += 1;
            u += (w.upos.as_deref() == Some(&upos[t as usize])) as usize;
            x += (w.xpos.as_deref() == Some(&xpos[t as usize])) as usize;
        }
    }
    (
        100.0 * u as f64 / n.max(1) as f64,
        100.0 * x as f64 / n.max(1) as f64,
    )
}

/// Trains a model on `banks`, with word clusters learned from their text
/// and the `unlabelled` texts; `dev`, if given, is measured after every
/// epoch and the figures passed to `log`.
pub fn train(
    banks: &[Treebank],
    unlabelled: &[String],
    dev: Option<&Treebank>,
    config: &TrainConfig,
    log: &mut dyn FnMut(&str),
) -> Result<Model, ModelError> {
    let mut tag_counts: HashMap<(String, String), usize> = HashMap::new();
    let mut label_counts: HashMap<String, usize> = HashMap::new();
    for w in banks
        .iter()
        .flat_map(|b| b.sentences.iter().flat_map(|s| &s.words))
    {
        *tag_counts.entry(tag_key(w)).or_default() += 1;
        if let Some(d) = &w.deprel {
            *label_counts.entry(d.to_string()).or_default() += 1;
        }
    }
    label_counts.entry("root".into()).or_default();
    if tag_counts.is_empty() {
        return Err(ModelError::Format("no words to train on".into()));
    }
    let tags = by_frequency(tag_counts);
    let labels = by_frequency(label_counts);
    if tags.len() >= u16::MAX as usize || labels.len() >= u16::MAX as usize / 2 {
        return Err(ModelError::Format(
            "too many distinct tags or relations".into(),
        ));
    }
    let tag_ids: HashMap<(String, String), u16> = tags
        .iter()
        .enumerate()
        .map(|(i, t)| (t.clone(), i as u16))
        .collect();
    let label_ids: HashMap<String, u16> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| (l.clone(), i as u16))
        .collect();
    let upos: Vec<Box<str>> = tags.iter().map(|t| t.0.as_str().into()).collect();
    let xpos: Vec<Box<str>> = tags.iter().map(|t| t.1.as_str().into()).collect();
    log(&format!("{} tags, {} relations", tags.len(), labels.len()));

    let start = std::time::Instant::now();
    let clusters = learn_clusters(banks, unlabelled, config.threads);
    log(&format!(
        "{} words in clusters ({:.0?})",
        clusters.len(),
        start.elapsed()
    ));
    let prepared: Vec<Prepared> = banks
        .iter()
        .map(|b| prepare(b, &clusters, &tag_ids, &label_ids))
        .collect();
    let dev_prepared = dev.map(|d| prepare(d, &clusters, &tag_ids, &label_ids));
    let examples: Vec<TagExample> = prepared
        .iter()
        .flat_map(|p| p.lex.iter().zip(&p.tags))
        .map(|(lex, tags)| TagExample {
            lex: lex.clone(),
            tags: tags.clone(),
        })
        .collect();
    log(&format!("{} training sentences", examples.len()));

    let tagger = Tagger::train(
        &examples,
        tags.len(),
        config.tagger_epochs,
        config.seed,
        |epoch, tagger| {
            if let (Some(d), Some(p)) = (dev, &dev_prepared) {
                let (u, x) = tag_accuracy(&upos, &xpos, &d.sentences, &tag_all(tagger, &p.lex));
                log(&format!(
                    "tagger epoch {epoch}: dev UPOS {u:.2} XPOS {x:.2} ({:.0?})",
                    start.elapsed()
                ));
            }
        },
    );

    let lemma_words = banks.iter().zip(&prepared).flat_map(|(b, p)| {
        b.sentences.iter().zip(&p.tags).flat_map(move |(s, tags)| {
            s.words.iter().zip(tags).filter_map(move |(w, &tag)| {
                let lemma = w.lemma.as_deref()?;
                let form = w.form.as_deref().or_else(|| b.text.get(w.span.range()))?;
                Some(LemmaExample {
                    form,
                    tag,
                    lemma,
                    feats: w.feats.as_deref().unwrap_or("_"),
                })
            })
        })
    });
    let lemmatizer = Lemmatizer::train(lemma_words, tags.len());

    let parser_tags = if config.jackknife > 1 {
        let t = jackknife_tags(&examples, tags.len(), config);
        let gold: Vec<Sentence> = banks
            .iter()
            .flat_map(|b| b.sentences.iter().cloned())
            .collect();
        let (u, x) = tag_accuracy(&upos, &xpos, &gold, &t);
        log(&format!(
            "jackknifed training tags: UPOS {u:.2} XPOS {x:.2} ({:.0?})",
            start.elapsed()
        ));
        t
    } else {
        examples.iter().map(|e| e.tags.clone()).collect()
    };
    drop(examples);
    let trees = prepared.iter().flat_map(|p| p.lex.iter().zip(&p.trees));
    let parse_examples: Vec<ParseExample> = trees
        .zip(parser_tags)
        .filter_map(|((lex, tree), tags)| {
            let (mut heads, labels) = tree.clone()?;
            projectivize(&mut heads);
            let words = lex.iter().map(|l| l.lower).collect();
            let clusters = lex.iter().map(|l| l.cluster.0).collect();
            Some(ParseExample {
                words,
                clusters,
                tags,
                heads,
                labels,
            })
        })
        .collect();
    let dev_tags = dev_prepared.as_ref().map(|p| tag_all(&tagger, &p.lex));
    let root = label_ids["root"];
    let fallback = label_ids.get("dep").copied().unwrap_or(root);
    let parser = Parser::new(labels.len(), root, fallback, config.beam).train(
        &parse_examples,
        config.parser_epochs,
        config.explore,
        config.seed,
        |epoch, parser| {
            if let (Some(d), Some(p), Some(t)) = (dev, &dev_prepared, &dev_tags) {
                let (uas, las) = attachment(parser, d, p, t, &labels);
                log(&format!(
                    "parser epoch {epoch}: dev UAS {uas:.2} LAS {las:.2} ({:.0?})",
                    start.elapsed()
                ));
            }
        },
    );
    let labels = labels.into_iter().map(String::into_boxed_str).collect();
    let mut model = Model {
        upos,
        xpos,
        labels,
        clusters,
        tagger,
        lemmatizer,
        parser: crate::Syntax::Transition(parser),
    };
    model.prune(config.min_weight);
    Ok(model)
}

/// UAS and LAS (universal relations) of `parser` on `gold` with `tags`.
fn attachment(
    parser: &Parser,
    gold: &Treebank,
    p: &Prepared,
    tags: &[Vec<u16>],
    labels: &[String],
) -> (f64, f64) {
    let mut scratch = ParseScratch::default();
    let (mut heads, mut ids) = (Vec::new(), Vec::new());
    let (mut n, mut uas, mut las) = (0usize, 0usize, 0usize);
    let universal = |d: &str| d.split(':').next().unwrap_or(d).to_owned();
    for ((s, lex), t) in gold.sentences.iter().zip(&p.lex).zip(tags) {
        let words: Vec<u64> = lex.iter().map(|l| l.lower).collect();
        let clusters: Vec<u64> = lex.iter().map(|l| l.cluster.0).collect();
        parser.parse(&words, &clusters, t, &mut scratch, &mut heads, &mut ids);
        for (i, w) in s.words.iter().enumerate() {
            n += 1;
            if w.head == Some(heads[i]) {
                uas += 1;
                let gold_label = w.deprel.as_deref().map(universal);
                las += (gold_label == Some(universal(&labels[ids[i] as usize]))) as usize;
            }
        }
    }
    (
        100.0 * uas as f64 / n.max(1) as f64,
        100.0 * las as f64 / n.max(1) as f64,
    )
}

/// Clusters from the treebanks' words and the unlabelled texts, split
/// into sentences and words as dyad splits any text.
fn learn_clusters(banks: &[Treebank], unlabelled: &[String], threads: usize) -> Clusters {
    let mut buffer = LexBuffer::default();
    let mut sentences: Vec<Vec<u64>> = Vec::new();
    for b in banks {
        for s in &b.sentences {
            sentences.push(
                s.words
                    .iter()
                    .map(|w| buffer.lex(&form(w, &b.text)).lower)
                    .collect(),
            );
        }
    }
    for text in unlabelled {
        for s in dyad_text::split(text) {
            sentences.push(
                s.words
                    .iter()
                    .map(|w| buffer.lex(&form(w, text)).lower)
                    .collect(),
            );
        }
    }
    Clusters::learn(&sentences, threads)
}
