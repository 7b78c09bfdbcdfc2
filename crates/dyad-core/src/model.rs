use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A half-open range of byte offsets `[start, end)` into an article's text.
///
/// `u32` keeps tokens small; articles over 4 GiB are refused at ingest.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(into = "[u32; 2]", from = "[u32; 2]")]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end);
        Span {
            start: start as u32,
            end: end as u32,
        }
    }
    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
    /// The text this span covers.
    pub fn of(self, text: &str) -> &str {
        &text[self.range()]
    }
}

impl From<Span> for [u32; 2] {
    fn from(s: Span) -> [u32; 2] {
        [s.start, s.end]
    }
}
impl From<[u32; 2]> for Span {
    fn from([start, end]: [u32; 2]) -> Span {
        Span { start, end }
    }
}

/// A news article as ingested: its text is never changed afterwards.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: String,
    /// Publication date; `None` when the input gave none or it could not be read.
    pub date: Option<jiff::civil::Date>,
    pub title: Option<String>,
    pub text: String,
    /// Name of the source (a newspaper, an agency).
    pub source: Option<String>,
    pub url: Option<String>,
    /// Every other field of the input record, kept as it came.
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub metadata: serde_json::Map<String, serde_json::Value>,
}

/// An article split into sentences.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Doc {
    pub article: Article,
    pub sentences: Vec<Sentence>,
}

/// One sentence: its surface tokens and the syntactic words they hold.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Sentence {
    pub span: Span,
    pub tokens: Vec<Token>,
    pub words: Vec<Word>,
}

/// A surface token: a stretch of text that holds one word or, for a
/// multiword token such as `don't`, several.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    pub span: Span,
    /// Indices into [`Sentence::words`] of the words this token holds.
    pub words: Range<u32>,
    /// Whether whitespace follows the token in the text.
    pub space_after: bool,
}

impl Token {
    pub fn is_multiword(&self) -> bool {
        self.words.len() > 1
    }
}

/// A syntactic word, with room for the annotations of later stages.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Word {
    /// Where the word stands in the article text; for a part of a multiword
    /// token, the part of the token it covers.
    pub span: Span,
    /// Set only when the word's form is not the text under its span
    /// (for example `not` in `cannot` when the span is shared).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<Box<str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lemma: Option<Box<str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upos: Option<Box<str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub xpos: Option<Box<str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feats: Option<Box<str>>,
    /// 1-based index of the head word in the sentence, 0 for the root;
    /// `None` before parsing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprel: Option<Box<str>>,
}

impl Word {
    pub fn at(span: Span) -> Word {
        Word {
            span,
            ..Word::default()
        }
    }
    /// The word's form: its own if set, otherwise the text under its span.
    pub fn form<'t>(&'t self, text: &'t str) -> &'t str {
        self.form.as_deref().unwrap_or_else(|| self.span.of(text))
    }
}

impl Sentence {
    /// The text of the sentence.
    pub fn text<'t>(&self, article_text: &'t str) -> &'t str {
        self.span.of(article_text)
    }
}
