//! dyad's English syntax: part-of-speech tags (UPOS and PTB XPOS),
//! morphological features, lemmas and labelled Universal Dependencies
//! trees, from a model trained on UD treebanks (see the crate README).
//!
//! A [`Model`] annotates a tokenized [`dyad_core::Sentence`] in place:
//!
//! ```no_run
//! # let (text, mut sentence) = (String::new(), dyad_core::Sentence::default());
//! let model = dyad_syntax::Model::english_shared().expect("the bundled model loads");
//! model.annotate(&text, &mut sentence);
//! ```
//!
//! A two-pass perceptron tagger and a table-and-rule lemmatizer, then one
//! of two parsers: an arc-eager perceptron (greedy, or with a beam if the
//! model was trained with one; linear in the sentence length), or a
//! BiLSTM-biaffine network run in 8 bits and decoded as a projective tree
//! (see `biaffine`); then features read off the parse (see each module for
//! its method and costs). [`Model::annotate_all`] annotates a text's
//! sentences together, which lets the neural parser run several side by
//! side. Once warm, annotating allocates little beyond the output strings.

mod biaffine;
mod clusters;
mod eval;
mod hash;
mod int8;
mod io;
mod lemma;
mod lexical;
mod morph;
mod parser;
mod perceptron;
mod tagger;
mod train;

pub use biaffine::{word_shape, Feature, NETWORK_MAGIC};
pub use eval::{evaluate, Accuracy};
pub use train::{jackknifed_tags, train, TrainConfig};

use biaffine::{Biaffine, BiaffineScratch, Parse, Words};
use clusters::Clusters;
use dyad_core::Sentence;
use io::{Reader, Writer};
use lemma::Lemmatizer;
use lexical::{Lex, LexBuffer};
use parser::{ParseScratch, Parser};
use std::cell::RefCell;
use std::io::{Read, Write};
use tagger::{TagScratch, Tagger};

/// The model bundled with dyad (see the README). Stored uncompressed: it
/// loads faster, and git compresses it anyway.
static ENGLISH: &[u8] = include_bytes!("../model/en-ud.dyadsyn");

const MAGIC: &[u8; 8] = b"DYADSYN\x01";
/// A model whose parser is the neural one ([`biaffine`]).
const MAGIC_BIAFFINE: &[u8; 8] = b"DYADSYN\x03";

#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("not a dyad syntax model (bad magic number or version)")]
    NotAModel,
    #[error("malformed model: {0}")]
    Format(String),
    #[error("reading the model: {0}")]
    Io(#[from] std::io::Error),
}

/// A trained tagger, lemmatizer and parser with their tag and label sets.
#[derive(Clone, Debug)]
pub struct Model {
    upos: Vec<Box<str>>,
    xpos: Vec<Box<str>>,
    labels: Vec<Box<str>>,
    clusters: Clusters,
    tagger: Tagger,
    lemmatizer: Lemmatizer,
    parser: Syntax,
}

/// The dependency parser: the arc-eager perceptron, or the neural one.
#[derive(Clone, Debug)]
enum Syntax {
    Transition(Parser),
    Biaffine(Box<Biaffine>),
}

/// Per-thread buffers, so annotating allocates little once warm.
#[derive(Default)]
struct Scratch {
    lex_buffer: LexBuffer,
    lex: Vec<Lex>,
    lowered: String,
    lower_ends: Vec<usize>,
    words: Vec<u64>,
    clusters: Vec<u64>,
    tags: Vec<u16>,
    shapes: Vec<u8>,
    document: Kept,
    /// The parses of a group of sentences.
    parses: [Parse; 4],
    tag_scratch: TagScratch,
    parse_scratch: ParseScratch,
    biaffine_scratch: BiaffineScratch,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl Model {
    /// The English model bundled in the binary: UD English EWT and GUM.
    pub fn english() -> Result<Model, ModelError> {
        Model::from_bytes(ENGLISH)
    }

    /// The bundled English model, loaded once per process (about 0.1 s)
    /// and shared by every caller and thread.
    pub fn english_shared() -> Result<&'static Model, ModelError> {
        static SHARED: std::sync::OnceLock<Result<Model, String>> = std::sync::OnceLock::new();
        SHARED
            .get_or_init(|| Model::english().map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| ModelError::Format(e.clone()))
    }

    /// Reads a model from a file written by [`Model::save`].
    pub fn load(path: &std::path::Path) -> Result<Model, ModelError> {
        Model::from_bytes(&std::fs::read(path)?)
    }

    /// Reads a model from the bytes of a model file (gzip-compressed or not).
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        if bytes.starts_with(&[0x1f, 0x8b]) {
            let mut raw = Vec::with_capacity(bytes.len() * 3);
            flate2::read::GzDecoder::new(bytes).read_to_end(&mut raw)?;
            return Model::from_raw(&raw);
        }
        Model::from_raw(bytes)
    }

    fn from_raw(bytes: &[u8]) -> Result<Model, ModelError> {
        let neural = bytes.starts_with(MAGIC_BIAFFINE);
        if !bytes.starts_with(MAGIC) && !neural {
            return Err(ModelError::NotAModel);
        }
        let mut r = Reader::new(&bytes[MAGIC.len()..]);
        let upos = r.strs()?;
        let xpos = r.strs()?;
        let labels = r.strs()?;
        if upos.len() != xpos.len() || upos.is_empty() || labels.is_empty() {
            return Err(r.error("empty or mismatched tag set"));
        }
        let clusters = Clusters::read(&mut r)?;
        let tagger = Tagger::read(&mut r, upos.len())?;
        let lemmatizer = Lemmatizer::read(&mut r)?;
        let parser = if neural {
            let mut network = Biaffine::read(&mut r)?;
            network.bind_tags(&upos, &xpos);
            Syntax::Biaffine(Box::new(network))
        } else {
            Syntax::Transition(Parser::read(&mut r)?)
        };
        if !r.is_at_end() {
            return Err(r.error("trailing bytes"));
        }
        Ok(Model {
            upos,
            xpos,
            labels,
            clusters,
            tagger,
            lemmatizer,
            parser,
        })
    }

    /// The model file's bytes, uncompressed.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.strs(&self.upos);
        w.strs(&self.xpos);
        w.strs(&self.labels);
        self.clusters.write(&mut w);
        self.tagger.write(&mut w);
        self.lemmatizer.write(&mut w);
        let magic = match &self.parser {
            Syntax::Transition(parser) => {
                parser.write(&mut w);
                MAGIC
            }
            Syntax::Biaffine(network) => {
                network.write(&mut w);
                MAGIC_BIAFFINE
            }
        };
        let mut bytes = magic.to_vec();
        bytes.extend(w.into_bytes());
        bytes
    }

    /// Writes the model to `path`, gzip-compressed if the name ends in
    /// `.gz` (a quarter smaller, slower to load).
    pub fn save(&self, path: &std::path::Path) -> Result<(), ModelError> {
        let bytes = self.to_bytes();
        if path.extension().is_some_and(|e| e == "gz") {
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            gz.write_all(&bytes)?;
            return Ok(std::fs::write(path, gz.finish()?)?);
        }
        Ok(std::fs::write(path, bytes)?)
    }

    /// Fills in every word's UPOS, XPOS, features, lemma, head and relation.
    ///
    /// `text` is the text the sentence's spans point into. Any earlier
    /// annotations are replaced. Tokens, words and spans are left as they are.
    pub fn annotate(&self, text: &str, sentence: &mut Sentence) {
        self.annotate_all(text, std::slice::from_mut(sentence), |_| true);
    }

    /// Tags and lemmatizes the sentences (of one text) as
    /// [`annotate`](Self::annotate) does, then parses those that `wanted`
    /// asks for once it has seen their tags and lemmas; an unparsed
    /// sentence's words keep no head and no relation. `wanted` is asked of
    /// each sentence from the last to the first, so that it can know what
    /// follows. Parsing is most of the cost, so a caller that needs the
    /// parse of only some sentences (those that can hold an event) saves
    /// most of it on the others; and the neural parser parses sentences
    /// side by side, faster than one by one.
    pub fn annotate_all(
        &self,
        text: &str,
        sentences: &mut [Sentence],
        mut wanted: impl FnMut(&Sentence) -> bool,
    ) {
        SCRATCH.with(|s| {
            let s = &mut *s.borrow_mut();
            s.document.clear();
            for (k, sentence) in sentences.iter_mut().enumerate().rev() {
                if sentence.words.is_empty() {
                    continue;
                }
                self.tag_with(text, sentence, s);
                if wanted(sentence) {
                    s.document.keep(k, &s.lex, &s.shapes, &s.tags);
                }
            }
            self.parse_kept(sentences, s);
        });
    }

    /// Tags, lemmas and features; no head or relation.
    fn tag_with(&self, text: &str, sentence: &mut Sentence, s: &mut Scratch) {
        s.lex.clear();
        s.shapes.clear();
        s.lowered.clear();
        s.lower_ends.clear();
        for word in &sentence.words {
            let form = form_of(word, text);
            let mut lex = s.lex_buffer.lex(form);
            lex.cluster = self.clusters.get(lex.lower);
            s.lex.push(lex);
            s.lowered.push_str(s.lex_buffer.lower());
            s.lower_ends.push(s.lowered.len());
            s.shapes.push(biaffine::word_shape(form));
        }
        self.tagger.tag(&s.lex, &mut s.tag_scratch, &mut s.tags);
        let mut start = 0;
        for (i, word) in sentence.words.iter_mut().enumerate() {
            let tag = s.tags[i];
            let lower = &s.lowered[start..s.lower_ends[i]];
            start = s.lower_ends[i];
            word.lemma = Some(self.lemmatizer.lemma(form_of(word, text), lower, tag));
            word.upos = Some(self.upos[tag as usize].clone());
            word.xpos = Some(self.xpos[tag as usize].clone());
            let feats = self.lemmatizer.feats(lower, tag);
            word.feats = (feats != "_").then(|| feats.into());
            word.head = None;
            word.deprel = None;
        }
    }

    /// Heads, relations and the features that depend on the clause for the
    /// sentences kept in `s.document`.
    fn parse_kept(&self, sentences: &mut [Sentence], s: &mut Scratch) {
        let doc = &s.document;
        let write = |sentence: &mut Sentence, parse: &Parse, names: &[Box<str>]| {
            for (i, word) in sentence.words.iter_mut().enumerate() {
                word.head = Some(parse.heads[i]);
                word.deprel = Some(names[parse.labels[i] as usize].clone());
            }
            morph::set_clause_features(&mut sentence.words);
        };
        match &self.parser {
            Syntax::Transition(parser) => {
                let parse = &mut s.parses[0..1];
                for k in 0..doc.kept.len() {
                    let words = doc.words(k);
                    s.words.clear();
                    s.words.extend(words.lex.iter().map(|l| l.lower));
                    s.clusters.clear();
                    s.clusters.extend(words.lex.iter().map(|l| l.cluster.0));
                    let (heads, labels) = (&mut parse[0].heads, &mut parse[0].labels);
                    let scratch = &mut s.parse_scratch;
                    parser.parse(&s.words, &s.clusters, words.tags, scratch, heads, labels);
                    write(&mut sentences[doc.kept[k].0], &parse[0], &self.labels);
                }
            }
            Syntax::Biaffine(network) => {
                // Sentences of like lengths side by side, four at a time.
                let mut order: Vec<usize> = (0..doc.kept.len()).collect();
                order.sort_by_key(|&k| doc.kept[k].2 - doc.kept[k].1);
                for group in order.chunks(4) {
                    let words: Vec<Words> = group.iter().map(|&k| doc.words(k)).collect();
                    let parses = &mut s.parses[..group.len()];
                    network.parse(&words, &mut s.biaffine_scratch, parses);
                    for (&k, parse) in group.iter().zip(parses.iter()) {
                        write(&mut sentences[doc.kept[k].0], parse, network.labels());
                    }
                }
            }
        }
    }
}

/// The tagged sentences of a text that are to be parsed, their words one
/// after the other.
#[derive(Default)]
struct Kept {
    /// Sentence number, and its words' range in the buffers.
    kept: Vec<(usize, usize, usize)>,
    lex: Vec<Lex>,
    shapes: Vec<u8>,
    tags: Vec<u16>,
}

impl Kept {
    fn clear(&mut self) {
        self.kept.clear();
        self.lex.clear();
        self.shapes.clear();
        self.tags.clear();
    }
    fn keep(&mut self, sentence: usize, lex: &[Lex], shapes: &[u8], tags: &[u16]) {
        let start = self.lex.len();
        self.lex.extend_from_slice(lex);
        self.shapes.extend_from_slice(shapes);
        self.tags.extend_from_slice(tags);
        self.kept.push((sentence, start, self.lex.len()));
    }
    fn words(&self, k: usize) -> Words<'_> {
        let (_, start, end) = self.kept[k];
        Words {
            lex: &self.lex[start..end],
            shapes: &self.shapes[start..end],
            tags: &self.tags[start..end],
        }
    }
}

impl Model {
    /// Drops the parser's weights smaller than `min_weight` in absolute
    /// value: a smaller model that loads faster, for a little accuracy (see
    /// the README for measured trade-offs). The tagger is small and kept
    /// whole.
    pub fn prune(&mut self, min_weight: f32) {
        if let Syntax::Transition(parser) = &mut self.parser {
            parser.prune(min_weight);
        }
    }

    /// The model with its parser replaced by a neural network trained by
    /// dyad-neural on this model's tags (see [`biaffine`]); its weights are
    /// rounded to 8 bits.
    pub fn with_neural_parser(mut self, network: &[u8]) -> Result<Model, ModelError> {
        let mut network = Biaffine::import(network)?;
        network.bind_tags(&self.upos, &self.xpos);
        self.parser = Syntax::Biaffine(Box::new(network));
        Ok(self)
    }

    /// Sizes of the model's parts, for logs.
    pub fn describe(&self) -> String {
        format!(
            "{} tags, {} relations, {} words in clusters; tagger {} + {} features, {}",
            self.upos.len(),
            self.labels.len(),
            self.clusters.len(),
            self.tagger.n_features().0,
            self.tagger.n_features().1,
            match &self.parser {
                Syntax::Transition(parser) => format!("parser {} features", parser.n_features()),
                Syntax::Biaffine(_) => "neural parser".to_string(),
            }
        )
    }

    /// The relations (with subtypes) the model can produce.
    pub fn labels(&self) -> &[Box<str>] {
        &self.labels
    }
}

/// A word's form; empty (rather than a panic) if its span is not in `text`.
fn form_of<'t>(word: &'t dyad_core::Word, text: &'t str) -> &'t str {
    word.form
        .as_deref()
        .or_else(|| text.get(word.span.range()))
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_neural_parser_survives_saving_and_hostile_input() {
        let network = biaffine::tests::random_network(3);
        let model = Model::english()
            .and_then(|m| m.with_neural_parser(&network))
            .unwrap();
        let loaded = Model::from_bytes(&model.to_bytes()).unwrap();
        assert_eq!(loaded.to_bytes(), model.to_bytes());
        assert!(model.describe().ends_with("neural parser"));
        let long = vec!["army"; 2000].join(" ");
        for text in [
            "",
            &long,
            "Владимир Путин встретился с Си Цзиньпином.",
            "!!! ... ??? --- ((( ))) ,,, ;;;",
            "The army attacked. Talks resumed in Cairo on Monday, officials said.",
        ] {
            let mut sentences = dyad_text::split(text);
            let mut again = sentences.clone();
            model.annotate_all(text, &mut sentences, |_| true);
            for s in &sentences {
                let n = s.words.len() as u32;
                assert_eq!(s.words.iter().filter(|w| w.head == Some(0)).count(), 1);
                assert!(s.words.iter().all(|w| w.head.is_some_and(|h| h <= n)));
                assert!(s.words.iter().all(|w| w.deprel.is_some()));
            }
            // One by one, through the loaded copy: the same parses.
            for s in &mut again {
                loaded.annotate(text, s);
            }
            assert_eq!(again, sentences);
        }
    }
}
