//! Lemmas and morphological features, learned from the training data.
//!
//! A word seen in training with its tag gets its most frequent lemma and
//! features. An unseen word gets its lemma from the edit rules ("strip
//! `ies`, add `y`") learned for its suffixes with that tag: from the longest
//! suffix seen at least twice, preferring a reasonably frequent rule whose
//! result is a lemma known from training (so `provoking` gives `provoke`,
//! not `provok`). It gets the features most frequent for its tag.

use crate::hash::{bytes_hash, feature, str_hash, IdMap};
use crate::io::{Reader, Writer};
use crate::ModelError;
use std::collections::HashMap;

/// Longest suffix, in characters, that edit rules are keyed on.
const MAX_SUFFIX: usize = 5;
/// Rules kept per suffix, most frequent first.
const MAX_CANDIDATES: usize = 4;
/// A rule is trusted for a suffix seen with it this often...
const MIN_RULE_COUNT: u32 = 2;
/// ...and preferred for giving a known lemma above this share of the suffix.
const KNOWN_SHARE: f64 = 0.2;

/// How to turn a form into its lemma.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Rule {
    /// Lowercase the form first.
    lower: bool,
    /// Characters to remove from the end.
    strip: u32,
    append: Box<str>,
    /// Remove thousands separators instead (`3,500` → `3500`).
    commas: bool,
}

impl Rule {
    /// The rule that turns `form` into `lemma`, lowercasing when that makes
    /// the edit shorter (so `The` → `the` generalizes, `Bush` → `Bush` keeps
    /// its capital), and as `lower_ties` says when it makes no difference
    /// (the form is in lowercase already).
    fn between(form: &str, lemma: &str, lower_ties: bool) -> Rule {
        if form.contains(',') && lemma == form.replace(',', "") {
            return Rule {
                lower: false,
                strip: 0,
                append: "".into(),
                commas: true,
            };
        }
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
                commas: false,
            }
        };
        let lowered = form.to_lowercase();
        let (kept, low) = (make(form, false), make(&lowered, true));
        let cost = |r: &Rule| r.strip as usize + r.append.len();
        match cost(&low).cmp(&cost(&kept)) {
            std::cmp::Ordering::Less => low,
            std::cmp::Ordering::Equal if lower_ties => low,
            _ => kept,
        }
    }

    fn apply(&self, form: &str, lower: &str) -> Option<String> {
        if self.commas {
            return Some(form.replace(',', ""));
        }
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
    /// (tag, suffix length, suffix) to its slice of `candidates`.
    by_suffix: IdMap<(u32, u32)>,
    /// `(rule, count)`, most frequent first, per suffix.
    candidates: Vec<(u32, u32)>,
    /// Hashes of the lowercased lemmas seen in training.
    known: IdMap<()>,
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
    /// The most frequent values per key with their counts, most frequent
    /// first, keys in order.
    fn ranked(self, n: usize) -> Vec<(u64, Vec<(V, u32)>)> {
        let mut out: Vec<(u64, Vec<(V, u32)>)> = self
            .0
            .into_iter()
            .map(|(k, votes)| {
                let mut v: Vec<(V, u32)> = votes.into_iter().collect();
                v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                v.truncate(n);
                (k, v)
            })
            .collect();
        out.sort_unstable_by_key(|(k, _)| *k);
        out
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
        let mut known = IdMap::default();
        let words: Vec<LemmaExample> = words.collect();
        // Per tag, whether capitalized forms get lowercased lemmas (`The`,
        // `Running`) or keep their case (`Bush`, e-mail addresses).
        let mut lowers = vec![(0u32, 0u32); n_tags];
        for w in &words {
            if w.form.chars().any(char::is_uppercase) {
                let rule = Rule::between(w.form, w.lemma, true);
                let (low, kept) = &mut lowers[w.tag as usize];
                *if rule.lower { low } else { kept } += 1;
            }
        }
        for w in words {
            known.insert(str_hash(&w.lemma.to_lowercase()), ());
            let lower = w.form.to_lowercase();
            exact.add(key(str_hash(w.form), w.tag), &w.lemma);
            lowered.add(key(str_hash(&lower), w.tag), &w.lemma);
            feats.add(key(str_hash(&lower), w.tag), &w.feats);
            *tag_feats[w.tag as usize].entry(w.feats).or_default() += 1;
            let (low, kept) = lowers[w.tag as usize];
            let rule = Rule::between(w.form, w.lemma, low >= kept);
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
        let mut candidates = Vec::new();
        for (k, ranked) in suffix_rules.ranked(MAX_CANDIDATES) {
            let start = candidates.len() as u32;
            for (rule, count) in ranked {
                let next = rules.len() as u32;
                let id = *rule_ids.entry(rule.clone()).or_insert(next);
                if id == next {
                    rules.push(rule);
                }
                candidates.push((id, count));
            }
            by_suffix.insert(k, (start, candidates.len() as u32 - start));
        }
        Lemmatizer {
            strings: strings.strings,
            exact,
            lowered,
            rules,
            by_suffix,
            candidates,
            known,
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
        let mut fallback: Option<String> = None;
        for chars in (0..=MAX_SUFFIX.min(n)).rev() {
            let Some(&(start, len)) =
                suffix_key(lower, tag, chars).and_then(|k| self.by_suffix.get(&k))
            else {
                continue;
            };
            let ranked = &self.candidates[start as usize..(start + len) as usize];
            let total: u32 = ranked.iter().map(|c| c.1).sum();
            for (i, &(rule, count)) in ranked.iter().enumerate() {
                if count < MIN_RULE_COUNT && chars > 0 {
                    break;
                }
                let Some(lemma) = self.rules[rule as usize].apply(form, lower) else {
                    continue;
                };
                let share = count as f64 / total.max(1) as f64;
                if share >= KNOWN_SHARE && self.known.contains_key(&str_hash(&lemma.to_lowercase()))
                {
                    return lemma.into();
                }
                if i == 0 && fallback.is_none() {
                    fallback = Some(lemma);
                }
            }
        }
        fallback.map_or_else(|| form.into(), String::into_boxed_str)
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
        for table in [&self.exact, &self.lowered, &self.feats] {
            let mut entries: Vec<_> = table.iter().map(|(&k, &v)| (k, v)).collect();
            entries.sort_unstable();
            w.u32(entries.len() as u32);
            for (k, v) in entries {
                w.u64(k);
                w.u32(v);
            }
        }
        let mut by_suffix: Vec<_> = self.by_suffix.iter().map(|(&k, &v)| (k, v)).collect();
        by_suffix.sort_unstable();
        w.u32(by_suffix.len() as u32);
        for (k, (start, len)) in by_suffix {
            w.u64(k);
            w.u32(start);
            w.u32(len);
        }
        w.u32(self.candidates.len() as u32);
        for &(rule, count) in &self.candidates {
            w.u32(rule);
            w.u32(count);
        }
        let mut known: Vec<u64> = self.known.keys().copied().collect();
        known.sort_unstable();
        w.u32(known.len() as u32);
        known.into_iter().for_each(|k| w.u64(k));
        w.u32(self.rules.len() as u32);
        for r in &self.rules {
            w.u32(r.lower as u32 | (r.commas as u32) << 1);
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
        let mut tables: [IdMap<u32>; 3] = Default::default();
        for t in &mut tables {
            let n = r.u32()? as usize;
            t.reserve(n.min(1 << 22));
            for _ in 0..n {
                let k = r.u64()?;
                t.insert(k, r.u32()?);
            }
        }
        let n = r.u32()? as usize;
        let mut by_suffix = IdMap::default();
        by_suffix.reserve(n.min(1 << 22));
        for _ in 0..n {
            let k = r.u64()?;
            by_suffix.insert(k, (r.u32()?, r.u32()?));
        }
        let n = r.u32()? as usize;
        let mut candidates = Vec::with_capacity(n.min(1 << 22));
        for _ in 0..n {
            candidates.push((r.u32()?, r.u32()?));
        }
        let n = r.u32()? as usize;
        let mut known = IdMap::default();
        known.reserve(n.min(1 << 22));
        for _ in 0..n {
            known.insert(r.u64()?, ());
        }
        let n = r.u32()? as usize;
        let mut rules = Vec::with_capacity(n.min(1 << 20));
        for _ in 0..n {
            let flags = r.u32()?;
            rules.push(Rule {
                lower: flags & 1 != 0,
                strip: r.u32()?,
                append: r.str()?.into(),
                commas: flags & 2 != 0,
            });
        }
        let n = r.u32()? as usize;
        let mut feats_by_tag = Vec::with_capacity(n.min(1 << 16));
        for _ in 0..n {
            feats_by_tag.push(r.u32()?);
        }
        let [exact, lowered, feats] = tables;
        let strings_ok = [&exact, &lowered, &feats]
            .iter()
            .all(|t| t.values().all(|&v| (v as usize) < strings.len()))
            && feats_by_tag.iter().all(|&v| (v as usize) < strings.len());
        let suffixes_ok = by_suffix
            .values()
            .all(|&(s, l)| (s as usize + l as usize) <= candidates.len())
            && candidates
                .iter()
                .all(|&(rule, _)| (rule as usize) < rules.len());
        if !strings_ok || !suffixes_ok {
            return Err(r.error("lemmatizer table points outside its lists"));
        }
        Ok(Lemmatizer {
            strings,
            exact,
            lowered,
            rules,
            by_suffix,
            candidates,
            known,
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
