//! Sentences, tokens and words for English news text.
//!
//! [`split`] turns an article's text into [`Sentence`]s whose tokens and
//! words point back into the text by byte spans. Tokens follow the
//! conventions of Universal Dependencies' English Web Treebank: punctuation
//! split off, hyphenated compounds split (`search - engine`) unless the first
//! part is a bound prefix (`co-founder`), numbers kept whole (`3,500`, `5.93`),
//! URLs and e-mail addresses kept whole, and clitics and possessives made
//! multiword tokens (`Google's` → `Google` + `'s`, `don't` → `do` + `n't`).
//!
//! The work is one pass over the bytes with no allocation per token beyond
//! the output vectors; see BENCHMARKS.md for its speed.

mod abbrev;
mod sentences;
mod tokens;
mod words;

pub use dyad_core::{Sentence, Span, Token, Word};
pub use tokens::{tokenize, RawToken};

/// Splits `text` into sentences, tokens and words.
pub fn split(text: &str) -> Vec<Sentence> {
    let tokens = tokenize(text);
    sentences::group(text, &tokens)
        .into_iter()
        .map(|range| words::sentence(text, &tokens[range]))
        .collect()
}
