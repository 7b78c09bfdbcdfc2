//! Lemmas and morphological features, learned from the training data.
//!
//! A word seen in training with its tag gets its most frequent lemma and
//! features. An unseen word gets the lemma of the most frequent edit rule
//! ("strip `ies`, add `y`") learned for the longest suffix of it seen with
//! that tag, and the features most frequent for its tag.

use crate::hash::{bytes_hash, feature, str_hash, IdMap};
use crate::io::{Reader, Writer};
use crate::ModelError;
use std::collections::HashMap;

/// Longest suffix, in characters, that edit rules are keyed on.
const MAX_SUFFIX: usize = 5;

/// How to turn a form into its lemma.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Rule {
    /// Lowercase the form first.
    lower: bool,
    /// Characters to remove from the end.
    strip: u32,
    append: Box<str>,
}

impl Rule {
    /// The rule that turns `form` into `lemma`, lowercasing when that makes
    /// the edit shorter (so `The` → `the` generalizes, `Bush` → `Bush` keeps
    /// its capital).
    fn between(form: &str, lemma: &str) -> Rule {
        let make = |form: &str, lower: bool| {
            let common: usize = form
                .chars()
                .zip(lemma.chars())
                .take_while(|(a, b)| a == b)
                .count();
            let split = lemma
                .char_indices()
                .nth(common)
                .map_or(lemma.len(), |(i, _)| i);
            Rule {
                lower,
                strip: (form.chars().count() - common) as u32,
                append: lemma[split..].into(),
            }
        };
        let lowered = form.to_lowercase();
        let (kept, low) = (make(form, false), make(&lowered, true));
        let cost = |r: &Rule| r.strip as usize + r.append.len();
        if cost(&low) <= cost(&kept) {
            low
        } else {
            kept
        }
    }

    fn apply(&self, form: &str, lower: &str) -> Option<String> {
        let base = if self.lower { lower } else { form };
        let n = base.chars().count();
        if self.strip as usize >= n && self.append.is_empty() {
            return None;
        }
        let keep = n.checked_sub(self.strip as usize)?;
        let end = base.char_indices().nth(keep).map_or(base.len(), |(i, _)| i);
        Some(format!("{}{}", &base[..end], self.append))
    }
}

#[derive(Clone, Debug, Default)]
pub struct Lemmatizer {
    strings: Vec<Box<str>>,
    /// (exact form, tag) to lemma.
    exact: IdMap<u32>,
    /// (lowercased form, tag) to lemma.
    lowered: IdMap<u32>,
    rules: Vec<Rule>,
    /// (tag, suffix length, suffix) to rule.
    by_suffix: IdMap<u32>,
    /// (lowercased form, tag) to features.
    feats: IdMap<u32>,
    /// Tag to its most frequent features.
    feats_by_tag: Vec<u32>,
}

fn key(form_hash: u64, tag: u16) -> u64 {
    feature(1, form_hash, tag as u64, 0)
}

fn suffix_key(lower: &str, tag: u16, chars: usize) -> Option<u64> {
    let start = if chars == 0 {
        lower.len()
    } else {
        lower.char_indices().rev().nth(chars - 1)?.0
    };
    Some(feature(
        2,
        tag as u64,
        chars as u64,
        bytes_hash(&lower.as_bytes()[start..]),
    ))
}

/// Counts of values per key, to pick the most frequent (ties: smallest).
struct Votes<V>(IdMap<HashMap<V, u32>>);

impl<V> Default for Votes<V> {
    fn default() -> Self {
        Votes(IdMap::default())
    }
}

impl<V: Ord + Clone + std::hash::Hash> Votes<V> {
    fn add(&mut self, key: u64, value: &V) {
        *self
            .0
            .entry(key)
            .or_default()
            .entry(value.clone())
            .or_default() += 1;
    }
    fn winners(self) -> Vec<(u64, V)> {
        let mut out: Vec<(u64, V)> = self
            .0
            .into_iter()
            .map(|(k, votes)| {
                let (v, _) = votes
                    .into_iter()
                    .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                    .expect("a vote");
                (k, v)
            })
            .collect();
        out.sort_unstable_by_key(|(k, _)| *k);
        out
    }
}

/// Interns strings into a list, for the tables' values.
#[derive(Default)]
struct Interner {
    strings: Vec<Box<str>>,
    ids: HashMap<Box<str>, u32>,
}

impl Interner {
    fn id(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.ids.get(s) {
            return i;
        }
        self.strings.push(s.into());
        self.ids.insert(s.into(), self.strings.len() as u32 - 1);
        self.strings.len() as u32 - 1
    }
}

/// One training word: form, tag id, gold lemma and features (`_` if none).
pub(crate) struct LemmaExample<'a> {
    pub form: &'a str,
    pub tag: u16,
    pub lemma: &'a str,
    pub feats: &'a str,
}

impl Lemmatizer {
    pub(crate) fn train<'a>(
        words: impl Iterator<Item = LemmaExample<'a>>,
        n_tags: usize,
    ) -> Lemmatizer {
        let (mut exact, mut lowered, mut feats) =
            (Votes::default(), Votes::default(), Votes::default());
        let mut tag_feats: Vec<HashMap<&str, u32>> = vec![HashMap::new(); n_tags];
        let mut suffix_rules: Votes<Rule> = Votes::default();
        for w in words {
            let lower = w.form.to_lowercase();
            exact.add(key(str_hash(w.form), w.tag), &w.lemma);
            lowered.add(key(str_hash(&lower), w.tag), &w.lemma);
            feats.add(key(str_hash(&lower), w.tag), &w.feats);
            *tag_feats[w.tag as usize].entry(w.feats).or_default() += 1;
            let rule = Rule::between(w.form, w.lemma);
            for chars in 0..=MAX_SUFFIX {
                match suffix_key(&lower, w.tag, chars) {
                    Some(k) => suffix_rules.add(k, &rule),
                    None => break,
                }
            }
        }
        let mut strings = Interner::default();
        let mut table = |votes: Votes<&str>| -> IdMap<u32> {
            votes
                .winners()
                .into_iter()
                .map(|(k, v)| (k, strings.id(v)))
                .collect()
        };
        let (exact, lowered, feats) = (table(exact), table(lowered), table(feats));
        let feats_by_tag = tag_feats
            .iter()
            .map(|votes| {
                let top = votes
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                    .map_or("_", |(f, _)| *f);
                strings.id(top)
            })
            .collect();
        let mut rules = Vec::new();
        let mut rule_ids: HashMap<Rule, u32> = HashMap::new();
        let mut by_suffix = IdMap::default();
        for (k, rule) in suffix_rules.winners() {
            let next = rules.len() as u32;
            let id = *rule_ids.entry(rule.clone()).or_insert(next);
            if id == next {
                rules.push(rule);
            }
            by_suffix.insert(k, id);
        }
        Lemmatizer {
            strings: strings.strings,
            exact,
            lowered,
            rules,
            by_suffix,
            feats,
            feats_by_tag,
        }
    }

    /// The lemma of `form` tagged `tag`; `lower` is its lowercased form.
    pub fn lemma(&self, form: &str, lower: &str, tag: u16) -> Box<str> {
        let known = self
            .exact
            .get(&key(str_hash(form), tag))
            .or_else(|| self.lowered.get(&key(str_hash(lower), tag)));
        if let Some(&id) = known {
            return self.strings[id as usize].clone();
        }
        let n = lower.chars().count();
        for chars in (0..=MAX_SUFFIX.min(n)).rev() {
            let Some(k) = suffix_key(lower, tag, chars) else {
                continue;
            };
            if let Some(&rule) = self.by_suffix.get(&k) {
                if let Some(lemma) = self.rules[rule as usize].apply(form, lower) {
                    return lemma.into();
                }
                break;
            }
        }
        form.into()
    }

    /// The morphological features (`Number=Plur|...`, or `_`).
    pub fn feats(&self, lower: &str, tag: u16) -> &str {
        let id = self
            .feats
            .get(&key(str_hash(lower), tag))
            .or_else(|| self.feats_by_tag.get(tag as usize));
        id.map_or("_", |&i| &self.strings[i as usize])
    }

    pub(crate) fn write(&self, w: &mut Writer) {
        w.strs(&self.strings);
        for table in [&self.exact, &self.lowered, &self.by_suffix, &self.feats] {
            let mut entries: Vec<_> = table.iter().map(|(&k, &v)| (k, v)).collect();
            entries.sort_unstable();
            w.u32(entries.len() as u32);
            for (k, v) in entries {
                w.u64(k);
                w.u32(v);
            }
        }
        w.u32(self.rules.len() as u32);
        for r in &self.rules {
            w.u32(r.lower as u32);
            w.u32(r.strip);
            w.str(&r.append);
        }
        w.u32(self.feats_by_tag.len() as u32);
        for &f in &self.feats_by_tag {
            w.u32(f);
        }
    }

    pub(crate) fn read(r: &mut Reader) -> Result<Lemmatizer, ModelError> {
        let strings = r.strs()?;
        let mut tables: [IdMap<u32>; 4] = Default::default();
        for t in &mut tables {
            let n = r.u32()? as usize;
            t.reserve(n.min(1 << 22));
            for _ in 0..n {
                let k = r.u64()?;
                t.insert(k, r.u32()?);
            }
        }
        let n = r.u32()? as usize;
        let mut rules = Vec::with_capacity(n.min(1 << 20));
        for _ in 0..n {
            rules.push(Rule {
                lower: r.u32()? != 0,
                strip: r.u32()?,
                append: r.str()?.into(),
            });
        }
        let n = r.u32()? as usize;
        let mut feats_by_tag = Vec::with_capacity(n.min(1 << 16));
        for _ in 0..n {
            feats_by_tag.push(r.u32()?);
        }
        let [exact, lowered, by_suffix, feats] = tables;
        let strings_ok = [&exact, &lowered, &feats]
            .iter()
            .all(|t| t.values().all(|&v| (v as usize) < strings.len()))
            && feats_by_tag.iter().all(|&v| (v as usize) < strings.len());
        if !strings_ok || by_suffix.values().any(|&v| v as usize >= rules.len()) {
            return Err(r.error("lemmatizer table points outside its lists"));
        }
        Ok(Lemmatizer {
            strings,
            exact,
            lowered,
            rules,
            by_suffix,
            feats,
            feats_by_tag,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_generalize_to_unseen_words() {
        let data = [
            ("studies", 1, "study", "Number=Plur"),
            ("flies", 1, "fly", "Number=Plur"),
            ("cats", 1, "cat", "Number=Plur"),
            ("The", 2, "the", "Definite=Def"),
            ("Bush", 3, "Bush", "Number=Sing"),
            ("running", 4, "run", "VerbForm=Ger"),
        ];
        let words = data.iter().map(|&(form, tag, lemma, feats)| LemmaExample {
            form,
            tag,
            lemma,
            feats,
        });
        let l = Lemmatizer::train(words, 5);
        assert_eq!(&*l.lemma("cats", "cats", 1), "cat");
        assert_eq!(&*l.lemma("THE", "the", 2), "the");
        assert_eq!(&*l.lemma("parties", "parties", 1), "party");
        assert_eq!(&*l.lemma("Obama", "obama", 3), "Obama");
        assert_eq!(l.feats("dogs", 1), "Number=Plur");
        assert_eq!(l.feats("dogs", 0), "_");
        // Odd input stays whole.
        assert_eq!(&*l.lemma("", "", 1), "");
        assert_eq!(&*l.lemma("ies", "ies", 1), "y");
        let mut w = Writer::default();
        l.write(&mut w);
        let bytes = w.into_bytes();
        let again = Lemmatizer::read(&mut Reader::new(&bytes)).unwrap();
        assert_eq!(&*again.lemma("parties", "parties", 1), "party");
    }
}
