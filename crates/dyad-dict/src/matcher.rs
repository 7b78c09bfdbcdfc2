//! Phrase automata over token ids.
//!
//! Every normalized word of every dictionary phrase gets an id in one shared
//! [`Vocab`]; a word in no phrase gets id 0. The phrases of one kind (actor
//! names, agent names, ...) form a trie over these ids: a deterministic
//! automaton whose transitions live in one hash table keyed by (state, word
//! id). Searching is leftmost-longest: from each token the automaton runs as
//! far as the text allows and the longest phrase it passed through is taken;
//! the search then resumes after it. A token that starts no phrase costs one
//! table probe (none at all for id 0), so finding every phrase in a sentence
//! costs time proportional to its length times the depth actually reached,
//! which is bounded by the longest name (a few words) whatever the number of
//! phrases.
//!
//! Building costs one table insertion per phrase word (see BENCHMARKS.md
//! for the load time of the Phoenix dictionaries); memory is one table entry
//! (12 bytes plus the table's slack) and one value (4 bytes) per trie state.

use crate::text::{is_ambiguous_alone, is_written_common, normalize_into};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A fast hasher for the integer keys of the tables here (Fibonacci
/// multiplication); keys are compiler-made ids, not attacker-chosen text.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// The words of all loaded dictionaries, normalized, with their ids.
#[derive(Debug, Default, Clone)]
pub struct Vocab {
    ids: HashMap<Box<str>, u32>,
}

impl Vocab {
    /// The id of a normalized word, adding it if new.
    pub fn intern(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = self.ids.len() as u32 + 1;
        self.ids.insert(word.into(), id);
        id
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

/// A sentence's tokens, normalized and looked up once so that several
/// automata (actors, agents, issues, discards) can search them.
#[derive(Debug, Clone, Default)]
pub struct Encoded {
    ids: Vec<u32>,
    /// For each encoded token, the index of the input token it came from
    /// (transparent tokens are left out).
    positions: Vec<u32>,
    /// For each encoded token, whether it alone may not make a match.
    ambiguous: Vec<bool>,
    /// For each encoded token, whether it is written as a common word, so
    /// that it alone may not make a name's match (see [`is_written_common`]).
    common: Vec<bool>,
}

impl Encoded {
    /// Whether input tokens `end..start` hold nothing but transparent tokens
    /// (`'s`, a lone period), so that a match ending at `end` and one
    /// starting at `start` are next to each other.
    pub fn adjacent(&self, end: usize, start: usize) -> bool {
        if start < end {
            return false;
        }
        let from = self.positions.partition_point(|&p| (p as usize) < end);
        self.positions
            .get(from)
            .is_none_or(|&p| p as usize >= start)
    }

    /// Normalizes `tokens` and looks their ids up in `vocab`.
    pub fn new<S: AsRef<str>>(vocab: &Vocab, tokens: &[S]) -> Encoded {
        let mut enc = Encoded {
            ids: Vec::with_capacity(tokens.len()),
            positions: Vec::with_capacity(tokens.len()),
            ambiguous: Vec::with_capacity(tokens.len()),
            common: Vec::with_capacity(tokens.len()),
        };
        let mut norm = String::new();
        for (i, raw) in tokens.iter().enumerate() {
            let raw = raw.as_ref();
            normalize_into(raw, &mut norm);
            let common = is_written_common(raw);
            if norm.contains(JOINERS) {
                // `Al-Qaeda` and `Al - Qaeda` both read as `al qaeda`, and
                // `Dol_Amroth` (PETRARCH's joined words) as `dol amroth`.
                for part in parts(&norm) {
                    enc.ids.push(vocab.get(part));
                    enc.positions.push(i as u32);
                    enc.ambiguous.push(false);
                    enc.common.push(common);
                }
                continue;
            }
            if norm.is_empty() {
                continue;
            }
            enc.ids.push(vocab.get(&norm));
            enc.positions.push(i as u32);
            enc.ambiguous.push(is_ambiguous_alone(raw, &norm));
            enc.common.push(common);
        }
        // Text written all in lower case says nothing by its case.
        if !tokens
            .iter()
            .any(|t| t.as_ref().chars().any(char::is_uppercase))
        {
            enc.common.fill(false);
        }
        enc
    }
}

/// Characters that join the words of one token: a hyphen, or PETRARCH's underscore.
const JOINERS: [char; 2] = ['-', '_'];

/// The words of a normalized token (`al`, `qaeda` of `al-qaeda`).
fn parts(norm: &str) -> impl Iterator<Item = &str> {
    norm.split(JOINERS).filter(|p| !p.is_empty())
}

/// A match of a phrase: tokens `start..end` of the input, and the value
/// stored with the phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhraseMatch {
    pub start: usize,
    pub end: usize,
    pub value: u32,
}

const NO_VALUE: u32 = u32::MAX;

/// A set of phrases compiled into one automaton; each phrase carries a value
/// (usually the index of its dictionary entry).
#[derive(Debug, Clone, Default)]
pub struct PhraseSet {
    /// (state << 32 | word id) → next state; state 0 is the start.
    next: IdMap<u64, u32>,
    /// Per state, the value of the phrase ending there, or `NO_VALUE`.
    values: Vec<u32>,
    phrases: usize,
}

/// What happened to a phrase given to [`PhraseSetBuilder::add`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    New,
    /// The same normalized phrase was added before, with this value; the first stays.
    Duplicate(u32),
    /// The phrase normalizes to nothing (only periods, `'s`).
    Empty,
}

/// Collects phrases into a [`PhraseSet`].
#[derive(Debug, Default)]
pub struct PhraseSetBuilder {
    set: PhraseSet,
}

fn key(state: u32, id: u32) -> u64 {
    (u64::from(state) << 32) | u64::from(id)
}

impl PhraseSetBuilder {
    /// Adds a phrase given as raw words (normalized here).
    pub fn add<S: AsRef<str>>(&mut self, vocab: &mut Vocab, words: &[S], value: u32) -> Added {
        let set = &mut self.set;
        if set.values.is_empty() {
            set.values.push(NO_VALUE);
        }
        let mut state = 0u32;
        let mut norm = String::new();
        for w in words {
            normalize_into(w.as_ref(), &mut norm);
            for part in parts(&norm) {
                let id = vocab.intern(part);
                let fresh = set.values.len() as u32;
                state = *set.next.entry(key(state, id)).or_insert(fresh);
                if state == fresh {
                    set.values.push(NO_VALUE);
                }
            }
        }
        if state == 0 {
            return Added::Empty;
        }
        match set.values[state as usize] {
            NO_VALUE => {
                set.values[state as usize] = value;
                set.phrases += 1;
                Added::New
            }
            v => Added::Duplicate(v),
        }
    }

    pub fn len(&self) -> usize {
        self.set.phrases
    }

    pub fn is_empty(&self) -> bool {
        self.set.phrases == 0
    }

    pub fn build(self) -> PhraseSet {
        self.set
    }
}

impl PhraseSet {
    /// Every leftmost-longest, non-overlapping phrase match in `enc`, in order.
    pub fn find_all(&self, enc: &Encoded) -> Vec<PhraseMatch> {
        self.find(enc, false)
    }

    /// [`find_all`](Self::find_all) for names: a one-token match on a token
    /// written as a common word (`pct`, `MPs`) does not count.
    pub fn find_names(&self, enc: &Encoded) -> Vec<PhraseMatch> {
        self.find(enc, true)
    }

    fn find(&self, enc: &Encoded, names: bool) -> Vec<PhraseMatch> {
        let mut out = Vec::new();
        let ids = &enc.ids;
        let mut i = 0;
        while i < ids.len() {
            let mut state = 0u32;
            let mut best: Option<(usize, u32)> = None;
            let mut j = i;
            while j < ids.len() && ids[j] != 0 {
                match self.next.get(&key(state, ids[j])) {
                    Some(&s) => state = s,
                    None => break,
                }
                j += 1;
                let v = self.values[state as usize];
                if v != NO_VALUE {
                    best = Some((j, v));
                }
            }
            match best {
                Some((end, value))
                    if !(end - i == 1 && (enc.ambiguous[i] || names && enc.common[i])) =>
                {
                    out.push(PhraseMatch {
                        start: enc.positions[i] as usize,
                        end: enc.positions[end - 1] as usize + 1,
                        value,
                    });
                    i = end;
                }
                _ => i += 1,
            }
        }
        out
    }

    /// Whether any phrase occurs in `enc`.
    pub fn is_match(&self, enc: &Encoded) -> bool {
        !self.find_all(enc).is_empty()
    }

    /// The number of distinct phrases.
    pub fn len(&self) -> usize {
        self.phrases
    }

    pub fn is_empty(&self) -> bool {
        self.phrases == 0
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
    fn a_name_of_one_word_does_not_match_a_common_word() {
        let mut vocab = Vocab::default();
        let s = set(&mut vocab, &["pct", "mps", "opec", "party of labour"]);
        let toks = [
            "5", "pct", "MPs", "PCT", "MPS", "Opec", "party", "of", "labour",
        ];
        let enc = Encoded::new(&vocab, &toks);
        let starts = |m: Vec<PhraseMatch>| m.iter().map(|m| m.start).collect::<Vec<_>>();
        // As names: not `pct` nor `MPs`, but capitals, `Opec`, and a phrase
        // of several words whatever its case.
        assert_eq!(starts(s.find_names(&enc)), [3, 4, 5, 6]);
        // As words (agents), every one.
        assert_eq!(starts(s.find_all(&enc)), [1, 2, 3, 4, 5, 6]);
        // Text all in lower case says nothing by its case.
        let enc = Encoded::new(&vocab, &["opec", "raised", "prices"]);
        assert_eq!(starts(s.find_names(&enc)), [0]);
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
    fn many_phrases_share_one_table() {
        // Many phrases sharing a state table.
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
    fn hyphens_split_words_on_both_sides() {
        let mut vocab = Vocab::default();
        let s = set(&mut vocab, &["al-qaeda", "pre school"]);
        let m = |toks: &[&str]| s.find_all(&Encoded::new(&vocab, toks));
        assert_eq!(
            m(&["Al", "-", "Qaeda", "fighters"]),
            vec![PhraseMatch {
                start: 0,
                end: 3,
                value: 0
            }]
        );
        assert_eq!(
            m(&["Al-Qaeda"]),
            vec![PhraseMatch {
                start: 0,
                end: 1,
                value: 0
            }]
        );
        assert_eq!(
            m(&["a", "pre-school"]),
            vec![PhraseMatch {
                start: 1,
                end: 2,
                value: 1
            }]
        );
        assert!(m(&["-", "--"]).is_empty());
        // PETRARCH's underscore joins words as a hyphen does.
        assert_eq!(
            m(&["the", "Al_Qaeda"]),
            vec![PhraseMatch {
                start: 1,
                end: 2,
                value: 0
            }]
        );
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
