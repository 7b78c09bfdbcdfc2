//! Quantities attached to an event: a number (`nummod`) on the predicate's
//! object, passive subject or `obl` (or, for an event noun, on the noun and
//! its `nmod`s), and one `of` phrase down (`a shipment of 3,500 bombs`); a
//! number that is itself the object (`killing at least 12`). The unit is the
//! counted noun's lemma, or the currency sign (`$1 billion`). Multipliers
//! (`billion`, `million`) multiply the numbers attached to them. The text
//! covers the number's whole phrase (`at least 12`).

use crate::clause::Context;
use crate::event::Quantity;

const NUMBER_WORDS: &[(&str, f64)] = &[
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("hundred", 100.0),
    ("dozen", 12.0),
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
];

/// The value of one number word: `3,500`, `1.5`, `twelve`, `billion`.
fn word_value(form: &str) -> Option<f64> {
    let digits: String = form.chars().filter(|&c| c != ',').collect();
    if let Ok(v) = digits.parse::<f64>() {
        return v.is_finite().then_some(v);
    }
    let lower = form.to_lowercase();
    NUMBER_WORDS
        .iter()
        .find(|(w, _)| *w == lower || format!("{w}s") == lower)
        .map(|&(_, v)| v)
}

impl Context<'_, '_> {
    pub(crate) fn quantities(&self, p: usize) -> Vec<Quantity> {
        let t = self.tree;
        let mut words: Vec<usize> = Vec::new();
        if matches!(t.upos[p], "NOUN" | "PROPN") {
            words.push(p);
            words.extend(t.kids(p, "nmod"));
        } else {
            words.extend(t.children[p].iter().copied().filter(|&c| {
                matches!(t.rel[c], "obj" | "iobj" | "nsubj:pass" | "obl")
                    || (t.base(c) == "obl" && !matches!(t.rel[c], "obl:tmod" | "obl:npmod"))
            }));
        }
        // `3,500 bombs and $1 billion of equipment`: conjoined objects too.
        let direct: Vec<usize> = words.iter().flat_map(|&w| t.conjuncts(w)).collect();
        words = direct.clone();
        for w in direct {
            words.extend(
                t.kids(w, "nmod")
                    .filter(|&k| t.case_of(k).as_deref() == Some("of")),
            );
        }
        let mut out: Vec<Quantity> = Vec::new();
        let mut push = |q: Quantity| {
            if !out.iter().any(|o| o.text == q.text) {
                out.push(q);
            }
        };
        let lexicon = &self.coder.options.lexicon;
        // Dates are no quantities (`on May 28`, `in 2005`, `since 1967`).
        let calendar = |w: usize| lexicon.calendar_words.contains(&t.lemma[w].as_str());
        let year = |w: usize| t.year(w).is_some() && t.has_kid(w, "case");
        words.retain(|&w| !calendar(w) && !year(w) && !t.children[w].iter().any(|&c| calendar(c)));
        for w in words {
            if t.upos[w] == "NUM" {
                if let Some(value) = self.number(w, 0) {
                    let span = t.subtree_span(w);
                    push(Quantity {
                        value,
                        unit: None,
                        text: self.text(span).to_string(),
                    });
                }
            }
            for n in t.kids(w, "nummod").collect::<Vec<_>>() {
                let Some(value) = self.number(n, 0) else {
                    continue;
                };
                let unit = if t.upos[w] == "SYM" {
                    t.form[w].to_string()
                } else {
                    t.lemma[w].clone()
                };
                let s = t.subtree_span(n);
                let own = t.words[w].span;
                let span = dyad_core::Span {
                    start: s.start.min(own.start),
                    end: s.end.max(own.end),
                };
                push(Quantity {
                    value,
                    unit: Some(unit),
                    text: self.text(span).to_string(),
                });
            }
        }
        out
    }

    /// The value of a number word times the numbers attached to it (`1 billion`).
    fn number(&self, n: usize, depth: usize) -> Option<f64> {
        let t = self.tree;
        let mut v = word_value(t.form[n])?;
        if depth < 3 {
            for &c in &t.children[n] {
                if t.upos[c] == "NUM" && matches!(t.base(c), "compound" | "nummod" | "flat") {
                    if let Some(x) = self.number(c, depth + 1) {
                        v *= x;
                    }
                }
            }
        }
        Some(v)
    }
}
