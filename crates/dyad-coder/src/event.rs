//! The coder's output: one [`Event`] per coded interaction, serialized as
//! one JSON object per line (`dyad code`'s default output). Field names and
//! their order are part of dyad's stable output format (see the README).

use dyad_core::Span;
use serde::{Serialize, Serializer};

/// One coded event: who did what to whom, in which sentence of which article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// `ARTICLE_ID:SENTENCE:N`, unique within a run.
    pub id: String,
    pub article_id: String,
    /// 0-based index of the sentence in the article.
    pub sentence: usize,
    /// The article's date, `YYYY-MM-DD`, when known.
    pub date: Option<String>,
    pub source: Option<ActorRef>,
    pub target: Option<ActorRef>,
    pub cameo: Cameo,
    pub plover: Option<Plover>,
    /// The text says the event did not happen (`did not attack`, `denied attacking`).
    pub negated: bool,
    pub mood: Mood,
    /// Who reported the event (`the ministry said ...`), when someone did.
    pub attributed_to: Option<ActorRef>,
    pub condition: Option<Condition>,
    pub quantities: Vec<Quantity>,
    pub predicate: TextSpan,
    /// Which dictionary entry and pattern coded the event, and where it was written.
    pub rule: String,
    pub sentence_text: String,
}

/// An actor as the text names it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorRef {
    /// The actor code; `null` for a named actor the dictionaries do not know.
    pub code: Option<String>,
    pub country: Option<String>,
    pub sector: Option<String>,
    /// The words of the mention (`he` for a pronoun resolved to an earlier mention).
    pub text: String,
    pub span: Span,
}

/// A CAMEO event code with what the ontology says of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cameo {
    pub code: String,
    pub root: String,
    /// `null` when the ontology does not know the code.
    pub quad_class: Option<u8>,
    pub goldstein: Option<f32>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plover {
    #[serde(rename = "type")]
    pub event_type: String,
    pub mode: Option<String>,
    pub context: Option<String>,
}

/// How the text presents the event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mood {
    /// Reported as having happened or happening.
    Actual,
    /// Announced for the future (`will`, `shall`).
    Future,
    /// Hypothetical (`would`, `could`, `might`, `may`, `should`).
    Conditional,
    /// Intended, promised or offered (`vowed to`, `plans to`, `offered`).
    Intent,
    /// Threatened (`threatened to`, `warned it would`).
    Threat,
}

/// The condition or exchange an event is tied to (`unless ...`, `in return for ...`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Condition {
    /// The words that make it a condition: `if`, `unless`, `in return for`.
    pub kind: String,
    /// The condition's own words.
    pub text: String,
    pub span: Span,
    /// The condition coded as an event, as far as the dictionaries allow.
    pub cameo: Option<Cameo>,
    pub source: Option<ActorRef>,
    pub target: Option<ActorRef>,
    pub negated: bool,
    pub predicate: Option<TextSpan>,
}

/// A number attached to an event: `3,500 bombs`, `$1 billion`, `at least 12`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    #[serde(serialize_with = "number")]
    pub value: f64,
    /// What is counted (the noun's lemma) or the currency sign; `null` when the text says nothing.
    pub unit: Option<String>,
    pub text: String,
}

/// A stretch of text and where it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextSpan {
    pub text: String,
    pub span: Span,
}

/// Whole numbers are written without a fraction (`3500`, not `3500.0`).
fn number<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        s.serialize_i64(*v as i64)
    } else {
        s.serialize_f64(*v)
    }
}
