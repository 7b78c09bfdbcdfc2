//! Conditions and exchanges: what an event is tied to.
//!
//! - an adverbial clause marked `if` or `unless` (`would not support an
//!   invasion unless Gondor withdrew`);
//! - an exchange: an `obl` headed by `return` or `exchange` with `in`, whose
//!   `for` phrase is the condition (`offered intelligence in return for a
//!   cease-fire`), or a `for` phrase whose preposition the parser fused
//!   into `in return for`.
//!
//! The condition's head is coded like any predicate when the dictionaries
//! know it; its events are then not reported on their own.

use crate::clause::{Context, Draft};
use crate::event::{ActorRef, Condition};

impl Context<'_, '_> {
    /// The first condition of predicate `p`: its kind and its head word.
    pub(crate) fn condition_of(&self, p: usize) -> Option<(String, usize)> {
        let t = self.tree;
        let lex = &self.coder.options.lexicon;
        for &c in &t.children[p] {
            if t.base(c) == "advcl" {
                if let Some(mark) = t.mark_of(c) {
                    if lex.condition_marks.contains(&mark) {
                        return Some((mark.to_string(), c));
                    }
                }
            }
            if matches!(t.base(c), "obl" | "nmod") {
                if let Some(x) = self.exchange_object(c) {
                    let kind = format!("in {} for", t.lemma[c]);
                    return Some((kind, x));
                }
                if let Some(case) = t.case_of(c) {
                    let words: Vec<&str> = case.split(' ').collect();
                    if let [_, noun, "for"] = words[..] {
                        if lex.exchange_nouns.contains(&noun) {
                            return Some((case.clone(), c));
                        }
                    }
                }
            }
        }
        None
    }

    /// For `return` in `in return for X`: the word X.
    fn exchange_object(&self, w: usize) -> Option<usize> {
        let t = self.tree;
        let lex = &self.coder.options.lexicon;
        if !lex.exchange_nouns.contains(&t.lemma[w].as_str())
            || t.case_of(w).as_deref() != Some("in")
        {
            return None;
        }
        t.children[w].iter().copied().find(|&x| {
            matches!(t.base(x), "nmod" | "acl" | "obl")
                && (t.case_of(x).as_deref() == Some("for") || t.mark_of(x) == Some("for"))
        })
    }

    /// Whether `w` is the noun of an exchange (`return` in `in return for`).
    pub(crate) fn is_exchange(&self, w: usize) -> bool {
        self.exchange_object(w).is_some()
    }

    /// An exchange whose act names no actor (`offered Israel intelligence
    /// in return for a cease-fire`) is the target's act: Israel's cease-fire.
    /// Towards whom the text does not say (not to the one who offers).
    pub(crate) fn exchanged(&self, mut c: Condition, target: &Option<ActorRef>) -> Condition {
        let exchange = !self
            .coder
            .options
            .lexicon
            .condition_marks
            .contains(&c.kind.as_str());
        if exchange && c.cameo.is_some() && c.source.is_none() && c.target.is_none() {
            c.source = target.clone();
        }
        c
    }

    pub(crate) fn condition(&self, kind: &str, head: usize, draft: Option<&Draft>) -> Condition {
        let t = self.tree;
        let mut span = t.subtree_span(head);
        // Leave the marker and preposition out of the condition's text.
        let skip: Vec<usize> = t.children[head]
            .iter()
            .copied()
            .filter(|&c| matches!(t.base(c), "mark" | "case") && c < head)
            .collect();
        if let Some(&last) = skip.iter().max() {
            span.start = t.words[last + 1].span.start;
        }
        let (source, target, cameo, predicate) = match draft {
            Some(d) => {
                let (s, o) = d.pairs.first().copied().unwrap_or((None, None));
                (
                    s.map(|m| self.actor(m)),
                    o.map(|m| self.actor(m)),
                    d.code
                        .forward
                        .as_deref()
                        .or(d.code.reverse.as_deref())
                        .map(|c| self.cameo(c)),
                    Some(self.text_span(t.span(d.word, d.word + 1))),
                )
            }
            None => (None, None, None, None),
        };
        Condition {
            kind: kind.to_string(),
            text: self.text(span).to_string(),
            span,
            cameo,
            source,
            target,
            negated: draft.is_some() && self.negated(head),
            predicate,
        }
    }
}
