//! dyad's data model.
//!
//! An [`Article`] owns its text. Every later annotation (a [`Sentence`], a
//! [`Token`], a [`Word`], and in later stages actor mentions and events) refers
//! back to it by a [`Span`] of byte offsets, so a user can always see the words
//! an annotation came from.
//!
//! The model follows Universal Dependencies: a *token* is a stretch of text
//! between spaces or punctuation (`don't`), a *word* is a syntactic unit
//! (`do` + `n't`). A token made of several words is a multiword token.

pub mod conllu;
mod model;

pub use model::*;
