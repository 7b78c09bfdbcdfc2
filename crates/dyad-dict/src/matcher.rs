//! Phrase automata over token ids.
//!
//! Every normalized word of every dictionary phrase gets an id in one shared
//! [`Vocab`]. A phrase becomes the sequence of its word ids, each written as
//! three bytes: the first has its high bit set, the other two do not, so an
//! encoded token can only start at a byte with the high bit set and every
//! match of a phrase is aligned on token boundaries. The phrases of one kind
//! (actor names, agent names, ...) form one [`aho_corasick`] automaton, searched
//! leftmost-longest: finding every phrase in a sentence costs time linear in
//! the sentence's length (one automaton step per byte), whatever the number of
//! phrases. Words that are in no phrase get id 0, which no phrase contains.
//!
//! Building costs one pass over the phrases plus the automaton construction
//! (a contiguous NFA for large sets); memory is about 3 bytes per phrase word
//! for the patterns plus the automaton's states.

use crate::text::{is_ambiguous_alone, normalize_into};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::collections::HashMap;

/// Ids fit in 21 bits (three 7-bit groups).
const MAX_ID: u32 = (1 << 21) - 1;

/// The words of all loaded dictionaries, normalized, with their ids.
#[derive(Debug, Default, Clone)]
pub struct Vocab {
    ids: HashMap<Box<str>, u32>,
}

impl Vocab {
    /// The id of a normalized word, adding it if new; `None` when the vocabulary is full.
    pub fn intern(&mut self, word: &str) -> Option<u32> {
        if let Some(&id) = self.ids.get(word) {
            return Some(id);
        }
        let id = self.ids.len() as u32 + 1;
        if id > MAX_ID {
            return None;
        }
        self.ids.insert(word.into(), id);
        Some(id)
    }

    /// The id of a normalized word, 0 if it is in no dictionary phrase.
    pub fn get(&self, word: &str) -> u32 {
        self.ids.get(word).copied().unwrap_or(0)
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

fn push_id(id: u32, out: &mut Vec<u8>) {
    out.push(0x80 | (id & 0x7f) as u8);
    out.push(((id >> 7) & 0x7f) as u8);
    out.push(((id >> 14) & 0x7f) as u8);
}

/// A sentence's tokens, normalized and encoded once so that several
/// automata (actors, agents, issues, discards) can search them.
#[derive(Debug, Clone, Default)]
pub struct Encoded {
    bytes: Vec<u8>,
    /// For each encoded token, the index of the input token it came from
    /// (transparent tokens are left out).
    positions: Vec<u32>,
    /// For each encoded token, whether it alone may not make a match.
    ambiguous: Vec<bool>,
}

impl Encoded {
    /// Normalizes and encodes `tokens` with the ids of `vocab`.
    pub fn new<S: AsRef<str>>(vocab: &Vocab, tokens: &[S]) -> Encoded {
        let mut enc = Encoded {
            bytes: Vec::with_capacity(tokens.len() * 3),
            positions: Vec::with_capacity(tokens.len()),
            ambiguous: Vec::with_capacity(tokens.len()),
        };
        let mut norm = String::new();
        for (i, raw) in tokens.iter().enumerate() {
            let raw = raw.as_ref();
            normalize_into(raw, &mut norm);
            if norm.is_empty() {
                continue;
            }
            push_id(vocab.get(&norm), &mut enc.bytes);
            enc.positions.push(i as u32);
            enc.ambiguous.push(is_ambiguous_alone(raw, &norm));
        }
        enc
    }
}

/// A match of a phrase: tokens `start..end` of the input, and the value
/// stored with the phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhraseMatch {
    pub start: usize,
    pub end: usize,
    pub value: u32,
}

/// A set of phrases compiled into one automaton; each phrase carries a value
/// (usually the index of its dictionary entry).
#[derive(Debug, Clone)]
pub struct PhraseSet {
    automaton: Option<AhoCorasick>,
    values: Vec<u32>,
}

/// Collects phrases for a [`PhraseSet`]; the first phrase added wins when the
/// same token sequence is added twice.
#[derive(Debug, Default)]
pub struct PhraseSetBuilder {
    patterns: Vec<Vec<u8>>,
    values: Vec<u32>,
    seen: HashMap<Vec<u8>, u32>,
}

/// What happened to a phrase given to [`PhraseSetBuilder::add`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    New,
    /// The same normalized phrase was added before, with this value.
    Duplicate(u32),
    /// The phrase normalizes to nothing (only periods, `'s`).
    Empty,
    /// The vocabulary is full.
    Full,
}

impl PhraseSetBuilder {
    /// Adds a phrase given as raw words (normalized here).
    pub fn add<S: AsRef<str>>(&mut self, vocab: &mut Vocab, words: &[S], value: u32) -> Added {
        let mut bytes = Vec::with_capacity(words.len() * 3);
        let mut norm = String::new();
        for w in words {
            normalize_into(w.as_ref(), &mut norm);
            if norm.is_empty() {
                continue;
            }
            match vocab.intern(&norm) {
                Some(id) => push_id(id, &mut bytes),
                None => return Added::Full,
            }
        }
        if bytes.is_empty() {
            return Added::Empty;
        }
        if let Some(&v) = self.seen.get(&bytes) {
            return Added::Duplicate(v);
        }
        self.seen.insert(bytes.clone(), value);
        self.patterns.push(bytes);
        self.values.push(value);
        Added::New
    }

    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    pub fn build(self) -> PhraseSet {
        let automaton = if self.patterns.is_empty() {
            None
        } else {
            let kind = if self.patterns.len() > 2_000 {
                AhoCorasickKind::ContiguousNFA
            } else {
                AhoCorasickKind::DFA
            };
            // Cannot fail: patterns are short and their number is far below the limits.
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .kind(Some(kind))
                .build(&self.patterns)
                .ok()
        };
        PhraseSet {
            automaton,
            values: self.values,
        }
    }
}

impl PhraseSet {
    /// Every leftmost-longest, non-overlapping phrase match in `enc`, in order.
    pub fn find_all(&self, enc: &Encoded) -> Vec<PhraseMatch> {
        let mut out = Vec::new();
        let Some(ac) = &self.automaton else {
            return out;
        };
        for m in ac.find_iter(&enc.bytes) {
            let (a, b) = (m.start() / 3, m.end() / 3);
            if b - a == 1 && enc.ambiguous[a] {
                continue;
            }
            out.push(PhraseMatch {
                start: enc.positions[a] as usize,
                end: enc.positions[b - 1] as usize + 1,
                value: self.values[m.pattern().as_usize()],
            });
        }
        out
    }

    /// Whether any phrase occurs in `enc`.
    pub fn is_match(&self, enc: &Encoded) -> bool {
        !self.find_all(enc).is_empty()
    }

    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(vocab: &mut Vocab, phrases: &[&str]) -> PhraseSet {
        let mut b = PhraseSetBuilder::default();
        for (i, p) in phrases.iter().enumerate() {
            let words: Vec<&str> = p.split(' ').collect();
            b.add(vocab, &words, i as u32);
        }
        b.build()
    }

    #[test]
    fn leftmost_longest_on_token_boundaries() {
        let mut vocab = Vocab::default();
        let s = set(&mut vocab, &["united states", "united", "states", "us"]);
        let toks = ["The", "United", "States", "and", "U.S.", "and", "us"];
        let enc = Encoded::new(&vocab, &toks);
        let m = s.find_all(&enc);
        assert_eq!(
            m,
            vec![
                PhraseMatch {
                    start: 1,
                    end: 3,
                    value: 0
                },
                PhraseMatch {
                    start: 4,
                    end: 5,
                    value: 3
                }
            ]
        );
    }

    #[test]
    fn transparent_tokens_are_stepped_over() {
        let mut vocab = Vocab::default();
        let s = set(&mut vocab, &["george w bush"]);
        let toks = ["George", "W", ".", "Bush", "'s"];
        let m = s.find_all(&Encoded::new(&vocab, &toks));
        assert_eq!(
            m,
            vec![PhraseMatch {
                start: 0,
                end: 4,
                value: 0
            }]
        );
    }

    #[test]
    fn ids_do_not_match_across_tokens() {
        // Many words, so that some ids share byte values: only aligned matches count.
        let mut vocab = Vocab::default();
        let words: Vec<String> = (0..5000).map(|i| format!("w{i}")).collect();
        let refs: Vec<&str> = words.iter().map(|s| s.as_str()).collect();
        let s = set(&mut vocab, &refs);
        let toks = ["w129", "w4", "nothing", "w4999"];
        let m = s.find_all(&Encoded::new(&vocab, &toks));
        let found: Vec<u32> = m.iter().map(|m| m.value).collect();
        assert_eq!(found, vec![129, 4, 4999]);
    }

    #[test]
    fn duplicates_keep_the_first() {
        let mut vocab = Vocab::default();
        let mut b = PhraseSetBuilder::default();
        assert_eq!(b.add(&mut vocab, &["Gaza", "City"], 7), Added::New);
        assert_eq!(b.add(&mut vocab, &["GAZA", "CITY"], 9), Added::Duplicate(7));
        assert_eq!(b.add(&mut vocab, &["."], 9), Added::Empty);
    }
}
