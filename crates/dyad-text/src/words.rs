//! Words inside tokens: clitics and possessives as multiword tokens.

use crate::tokens::RawToken;
use dyad_core::{Sentence, Span, Token, Word};

/// Endings split off as their own word (`'s`, `n't`, `'ll`), matched
/// case-insensitively with either apostrophe.
const CLITICS: &[&str] = &["n't", "'s", "'m", "'re", "'ll", "'ve", "'d"];
/// Whole tokens made of two words, and where they split.
const FUSED: &[(&str, usize)] = &[("cannot", 3), ("gonna", 3), ("wanna", 3), ("gotta", 3)];

/// If `form` ends with `ending` (where `'` also matches `’`, case ignored)
/// after at least one letter, the byte offset where the ending starts.
fn ending_at(form: &str, ending: &str) -> Option<usize> {
    let mut chars = form.char_indices().rev();
    let mut at = form.len();
    for e in ending.chars().rev() {
        let (i, c) = chars.next()?;
        let same = if e == '\'' {
            c == '\'' || c == '’'
        } else {
            c.eq_ignore_ascii_case(&e)
        };
        if !same {
            return None;
        }
        at = i;
    }
    form[..at].chars().any(char::is_alphabetic).then_some(at)
}

/// Where a token splits into two words, as a byte offset inside it.
fn split_point(form: &str) -> Option<usize> {
    if let Some((_, at)) = FUSED
        .iter()
        .find(|(word, _)| form.eq_ignore_ascii_case(word))
    {
        return Some(*at);
    }
    // `’` is the only apostrophe outside ASCII; its UTF-8 starts with 0xE2.
    if !form.bytes().any(|b| b == b'\'' || b == 0xe2) || !form.contains(['\'', '’']) {
        return None;
    }
    if let Some(at) = CLITICS.iter().find_map(|e| ending_at(form, e)) {
        return Some(at);
    }
    // Plural possessive: `countries'`.
    let at = ending_at(form, "'")?;
    let stem = &form[..at];
    (stem.len() > 1 && stem.ends_with(['s', 'S']) && stem.chars().all(char::is_alphabetic))
        .then_some(at)
}

/// Builds a sentence from its raw tokens.
pub fn sentence(text: &str, raw: &[RawToken]) -> Sentence {
    let mut s = Sentence {
        span: Span {
            start: raw.first().map_or(0, |t| t.span.start),
            end: raw.last().map_or(0, |t| t.span.end),
        },
        tokens: Vec::with_capacity(raw.len()),
        words: Vec::with_capacity(raw.len() + 2),
    };
    for (i, t) in raw.iter().enumerate() {
        let first = s.words.len() as u32;
        match split_point(t.span.of(text)) {
            Some(at) => {
                let mid = t.span.start + at as u32;
                s.words.push(Word::at(Span {
                    start: t.span.start,
                    end: mid,
                }));
                s.words.push(Word::at(Span {
                    start: mid,
                    end: t.span.end,
                }));
            }
            None => s.words.push(Word::at(t.span)),
        }
        s.tokens.push(Token {
            span: t.span,
            words: first..s.words.len() as u32,
            space_after: t.space_after && i + 1 < raw.len(),
        });
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(form: &str) -> Vec<&str> {
        match split_point(form) {
            Some(at) => vec![&form[..at], &form[at..]],
            None => vec![form],
        }
    }

    #[test]
    fn splits_clitics() {
        assert_eq!(words("Google's"), ["Google", "'s"]);
        assert_eq!(words("don't"), ["do", "n't"]);
        assert_eq!(words("can't"), ["ca", "n't"]);
        assert_eq!(words("won’t"), ["wo", "n’t"]);
        assert_eq!(words("I'm"), ["I", "'m"]);
        assert_eq!(words("THEY'RE"), ["THEY", "'RE"]);
        assert_eq!(words("countries'"), ["countries", "'"]);
        assert_eq!(words("cannot"), ["can", "not"]);
        assert_eq!(words("Gonna"), ["Gon", "na"]);
    }

    #[test]
    fn leaves_other_tokens_whole() {
        assert_eq!(words("'s"), ["'s"]);
        assert_eq!(words("n't"), ["n't"]);
        assert_eq!(words("O'Brien"), ["O'Brien"]);
        assert_eq!(words("'90s"), ["'90s"]);
        assert_eq!(words("s'"), ["s'"]);
    }
}
