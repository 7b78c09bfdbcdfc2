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
//! Every stage is greedy and linear in the sentence length: a two-pass
//! perceptron tagger, table-and-rule lemmatizer, and an arc-eager perceptron
//! parser (greedy, or with a beam if the model was trained with one), then
//! features read off the parse (see each module for its method and costs). Annotating needs no allocation beyond the output strings.

mod clusters;
mod eval;
mod hash;
mod io;
mod lemma;
mod lexical;
mod morph;
mod parser;
mod perceptron;
mod tagger;
mod train;

pub use eval::{evaluate, Accuracy};
pub use train::{train, TrainConfig};

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
    parser: Parser,
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
    heads: Vec<u32>,
    labels: Vec<u16>,
    tag_scratch: TagScratch,
    parse_scratch: ParseScratch,
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
        if !bytes.starts_with(MAGIC) {
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
        let parser = Parser::read(&mut r)?;
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
        self.parser.write(&mut w);
        let mut bytes = MAGIC.to_vec();
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
        self.annotate_parsing_if(text, sentence, |_| true);
    }

    /// Tags and lemmatizes the sentence as [`annotate`](Self::annotate)
    /// does, then parses it only if `wanted` says so once it has seen the
    /// tags and lemmas; an unparsed sentence's words keep no head and no
    /// relation. Parsing is two thirds of the cost, so a caller that needs
    /// the parse of only some sentences (those that can hold an event) can
    /// save most of it on the others.
    pub fn annotate_parsing_if(
        &self,
        text: &str,
        sentence: &mut Sentence,
        wanted: impl FnOnce(&Sentence) -> bool,
    ) {
        if sentence.words.is_empty() {
            return;
        }
        SCRATCH.with(|s| {
            let s = &mut s.borrow_mut();
            self.tag_with(text, sentence, s);
            if wanted(sentence) {
                self.parse_with(sentence, s);
            }
        });
    }

    /// Tags, lemmas and features; no head or relation.
    fn tag_with(&self, text: &str, sentence: &mut Sentence, s: &mut Scratch) {
        s.lex.clear();
        s.lowered.clear();
        s.lower_ends.clear();
        for word in &sentence.words {
            let form = form_of(word, text);
            let mut lex = s.lex_buffer.lex(form);
            lex.cluster = self.clusters.get(lex.lower);
            s.lex.push(lex);
            s.lowered.push_str(s.lex_buffer.lower());
            s.lower_ends.push(s.lowered.len());
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

    /// Heads and relations for the sentence [`tag_with`](Self::tag_with)
    /// just tagged, whose words, clusters and tags are still in `s`; and
    /// the features that depend on the clause.
    fn parse_with(&self, sentence: &mut Sentence, s: &mut Scratch) {
        s.words.clear();
        s.words.extend(s.lex.iter().map(|l| l.lower));
        s.clusters.clear();
        s.clusters.extend(s.lex.iter().map(|l| l.cluster.0));
        let (words, clusters, tags) = (&s.words, &s.clusters, &s.tags);
        self.parser.parse(
            words,
            clusters,
            tags,
            &mut s.parse_scratch,
            &mut s.heads,
            &mut s.labels,
        );
        for (i, word) in sentence.words.iter_mut().enumerate() {
            word.head = Some(s.heads[i]);
            word.deprel = Some(self.labels[s.labels[i] as usize].clone());
        }
        morph::set_clause_features(&mut sentence.words);
    }

    /// Drops the parser's weights smaller than `min_weight` in absolute
    /// value: a smaller model that loads faster, for a little accuracy (see
    /// the README for measured trade-offs). The tagger is small and kept
    /// whole.
    pub fn prune(&mut self, min_weight: f32) {
        self.parser.prune(min_weight);
    }

    /// Sizes of the model's parts, for logs.
    pub fn describe(&self) -> String {
        format!(
            "{} tags, {} relations, {} words in clusters; tagger {} + {} features, parser {} features",
            self.upos.len(),
            self.labels.len(),
            self.clusters.len(),
            self.tagger.n_features().0,
            self.tagger.n_features().1,
            self.parser.n_features()
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
