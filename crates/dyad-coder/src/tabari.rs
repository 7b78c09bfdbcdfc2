//! PETRARCH-1/TABARI patterns, matched as the word sequences they were
//! written as rather than through the approximate slots the dictionary
//! reader derives from them.
//!
//! The items before `*` must occur before the verb and the items after it
//! after, each in order; other words may come between two items unless `_`
//! joins them. A word matches the form exactly (as in PETRARCH, `RESOLUTION`
//! is not `resolutions`), `&SET` by membership (forms, or the lemma of a
//! member's last word), `$` and `+` an actor mention (the event's source and
//! target), `%` a mention that is both; `^` passes over the next noun phrase. Among the
//! patterns that match, the one with the most items wins (the first of
//! equals), so `* FULL DIPLOMATIC` beats `* DIPLOMATIC`.

use crate::clause::{Binding, Context};
use dyad_dict::{Pattern, SeqItem, Term};

/// Matching steps allowed per pattern: backtracking over the gaps between
/// items could otherwise grow with the number of ways a long sentence holds
/// common words; a pattern that needs more is taken not to match.
const MAX_STEPS: usize = 4096;

impl Context<'_, '_> {
    /// The best TABARI pattern of `patterns` matching around predicate `p`.
    pub(crate) fn tabari_match<'p>(
        &self,
        patterns: impl Iterator<Item = &'p Pattern>,
        p: usize,
    ) -> Option<(&'p Pattern, Binding)> {
        let mut best: Option<(&Pattern, Binding, usize)> = None;
        for pat in patterns {
            let Some(v) = pat.sequence.iter().position(|i| *i == SeqItem::Verb) else {
                continue;
            };
            let size = pat
                .sequence
                .iter()
                .filter(|i| !matches!(i, SeqItem::Verb | SeqItem::Join | SeqItem::Skip))
                .count();
            if best.as_ref().is_some_and(|b| b.2 >= size) {
                continue;
            }
            let mut b = Binding::default();
            let after = &pat.sequence[v + 1..];
            let before: Vec<SeqItem> = pat.sequence[..v].iter().rev().cloned().collect();
            let mut steps = 0;
            if self.forward(after, p + 1, false, &mut b, &mut steps)
                && self.backward(&before, p, false, &mut b, &mut steps)
            {
                best = Some((pat, b, size));
            }
        }
        best.map(|(p, b, _)| (p, b))
    }

    /// Matches `items` at or after word `from` (exactly at `from` when `tight`).
    fn forward(
        &self,
        items: &[SeqItem],
        from: usize,
        tight: bool,
        b: &mut Binding,
        steps: &mut usize,
    ) -> bool {
        let Some((item, rest)) = items.split_first() else {
            return true;
        };
        *steps += 1;
        if *steps > MAX_STEPS {
            return false;
        }
        match item {
            SeqItem::Join => return self.forward(rest, from, true, b, steps),
            SeqItem::Verb => return self.forward(rest, from, false, b, steps),
            // `^`: the next noun phrase is passed over (`IFTAR IN ^ +`: the
            // place, then the actor after it).
            SeqItem::Skip => {
                return match self.next_noun_phrase(from) {
                    Some(end) => self.forward(rest, end, false, b, steps),
                    None => false,
                }
            }
            _ => {}
        }
        let n = self.tree.len();
        let last = if tight {
            from.min(n)
        } else {
            n.saturating_sub(1)
        };
        for q in from..=last.max(from) {
            if q >= n {
                break;
            }
            if let Some(end) = self.item_at(item, q, b) {
                let saved = b.clone();
                self.bind_item(item, q, b, true);
                if matches!(item, SeqItem::Word(_) | SeqItem::Set(_)) {
                    b.words_after.push(q);
                }
                if self.forward(rest, end, false, b, steps) {
                    return true;
                }
                *b = saved;
            }
            if tight {
                break;
            }
        }
        false
    }

    /// Matches reversed `items` ending before word `to` (just before it when `tight`).
    fn backward(
        &self,
        items: &[SeqItem],
        to: usize,
        tight: bool,
        b: &mut Binding,
        steps: &mut usize,
    ) -> bool {
        let Some((item, rest)) = items.split_first() else {
            return true;
        };
        *steps += 1;
        if *steps > MAX_STEPS {
            return false;
        }
        match item {
            SeqItem::Join => return self.backward(rest, to, true, b, steps),
            SeqItem::Verb => return self.backward(rest, to, false, b, steps),
            SeqItem::Skip => {
                return match self.previous_noun_phrase(to) {
                    Some(start) => self.backward(rest, start, false, b, steps),
                    None => false,
                }
            }
            _ => {}
        }
        for q in (0..to).rev() {
            // The matches of the item that end at `q`: an actor from its
            // first word, a set member of several words from its first.
            let mut found: Vec<(usize, usize)> = Vec::new();
            match item {
                SeqItem::Actor(_) => {
                    let mut start = q;
                    if let Some(m) = self.mentions.at[q] {
                        while start > 0 && self.mentions.at[start - 1] == Some(m) {
                            start -= 1;
                        }
                    }
                    found.extend(self.item_at(item, start, b).map(|end| (start, end)));
                }
                SeqItem::Set(set) => {
                    for n in (1..=4.min(q + 1)).rev() {
                        if self.set_member(set, q + 1 - n, n) {
                            found.push((q + 1 - n, q + 1));
                        }
                    }
                }
                _ => found.extend(self.item_at(item, q, b).map(|end| (q, end))),
            }
            for (start, end) in found {
                if end <= to && (!tight || end == to) {
                    let saved = b.clone();
                    self.bind_item(item, start, b, false);
                    if matches!(item, SeqItem::Word(_) | SeqItem::Set(_)) {
                        b.words_before.push(start);
                    }
                    if self.backward(rest, start, false, b, steps) {
                        return true;
                    }
                    *b = saved;
                }
            }
            if tight {
                break;
            }
        }
        false
    }

    /// The end of the first noun phrase at or after word `from`: an actor
    /// mention, or a noun with the compounds and names that follow it.
    fn next_noun_phrase(&self, from: usize) -> Option<usize> {
        let t = self.tree;
        let q = (from..t.len()).find(|&w| matches!(t.upos[w], "NOUN" | "PROPN" | "PRON"))?;
        if let Some(m) = self.mentions.at[q] {
            // The mention's words from here, not the actors its phrase goes
            // on to (`the parliament` of `the parliament of Gondor`).
            let mut end = q + 1;
            while end < t.len() && self.mentions.at[end] == Some(m) {
                end += 1;
            }
            return Some(end);
        }
        let mut end = q + 1;
        while end < t.len() && matches!(t.upos[end], "NOUN" | "PROPN") {
            end += 1;
        }
        Some(end)
    }

    /// The start of the last noun phrase ending before word `to`.
    fn previous_noun_phrase(&self, to: usize) -> Option<usize> {
        let t = self.tree;
        let q = (0..to)
            .rev()
            .find(|&w| matches!(t.upos[w], "NOUN" | "PROPN" | "PRON"))?;
        if let Some(m) = self.mentions.at[q] {
            return Some(self.mentions.list[m].start.min(q));
        }
        let mut start = q;
        while start > 0 && matches!(t.upos[start - 1], "NOUN" | "PROPN" | "ADJ" | "DET") {
            start -= 1;
        }
        Some(start)
    }

    /// Whether words `s..s + n` are a member of set `set`, by their forms or
    /// with the last word's lemma (`swiss francs`, `wo n't`).
    fn set_member(&self, set: &str, s: usize, n: usize) -> bool {
        let t = self.tree;
        if n == 0 || s + n > t.len() {
            return false;
        }
        let events = self.coder.dicts.events();
        let forms: Vec<&str> = t.form[s..s + n].to_vec();
        let mut lemmas = forms.clone();
        lemmas[n - 1] = &t.lemma[s + n - 1];
        events.set_contains(set, &forms.join(" ")) || events.set_contains(set, &lemmas.join(" "))
    }

    /// Whether `item` matches at word `q`; the word after the match if so.
    fn item_at(&self, item: &SeqItem, q: usize, _b: &Binding) -> Option<usize> {
        let t = self.tree;
        let form = t.form[q].to_lowercase();
        match item {
            SeqItem::Word(w) => (**w == form).then_some(q + 1),
            SeqItem::Set(s) => {
                // The longest member starting here (`swiss francs`).
                (1..=4.min(t.len() - q))
                    .rev()
                    .find(|&n| self.set_member(s, q, n))
                    .map(|n| q + n)
            }
            SeqItem::Actor(_) => {
                // From the first word of the mention's names (not its determiner).
                let m = self.mentions.at[q]?;
                let first = q == 0 || self.mentions.at[q - 1] != Some(m);
                (first && !self.mentions_of(q).is_empty()).then_some(self.mentions.list[m].end)
            }
            SeqItem::Verb | SeqItem::Join | SeqItem::Skip => Some(q),
        }
    }

    /// Whether word `q` of mention `m` is in the run of its words that
    /// holds its head, broken by no other word than punctuation (`the
    /// European Union (EU)` is one run; `the parliament of Gondor` two).
    pub(crate) fn in_head_run(&self, m: usize, q: usize) -> bool {
        let head = self.mentions.list[m].head;
        let (lo, hi) = (q.min(head), q.max(head));
        (lo..=hi).all(|w| self.mentions.at[w] == Some(m) || self.tree.upos[w] == "PUNCT")
    }

    /// Binds an actor item; `after`: the item comes after the verb.
    fn bind_item(&self, item: &SeqItem, q: usize, b: &mut Binding, after: bool) {
        if let SeqItem::Actor(term) = item {
            // The mention's head, whose conjuncts are the other actors;
            // an actor later in its phrase stays itself (`Gondor` of `the
            // parliament of Gondor`, after `^` passed over `the parliament`).
            let q = match self.mentions.at[q] {
                Some(m) if !self.in_head_run(m, q) => q,
                Some(m) => self.mentions.list[m].head,
                None => q,
            };
            match term {
                Term::Target => b.target = b.target.or(Some(q)),
                // A compound after the verb is its targets (`agrees with %`);
                // before it, actors acting on each other (`% agree`).
                Term::Compound if after => b.target = b.target.or(Some(q)),
                Term::Compound => {
                    b.source = b.source.or(Some(q));
                    b.compound = true;
                }
                _ => b.source = b.source.or(Some(q)),
            }
        }
    }
}
