//! Negation, mood and attribution of a predicate, read from the parse.
//!
//! - *negated*: a negator (`not`, `n't`, `never`) on the predicate, `no` on
//!   it or on its object or passive subject (`made no demands`), on the
//!   first verb of its coordination when it shares that verb's auxiliaries,
//!   or a denial verb above it (`denied attacking`, `refused to withdraw`);
//! - *mood*: the predicate's own verb of threat or intent (`threatened`,
//!   `offered`), else that of a governor it is the `xcomp` of (`vowed to
//!   retaliate`), else `conditional` in an `if` or `unless` clause, else
//!   its auxiliary (`will` future, `would` conditional),
//!   else, for an event noun that is an argument of a verb, that verb's mood
//!   (`sanctions would set back ...`: conditional), else `actual`;
//! - *attribution*: the subject of a report verb whose clausal complement
//!   holds the predicate (`the ministry said Russia will ...`), or which
//!   hangs from it as `parataxis` (`Russia will ..., the ministry said`).

use crate::clause::Context;
use crate::event::{ActorRef, Mood};

impl Context<'_, '_> {
    pub(crate) fn negated(&self, p: usize) -> bool {
        let t = self.tree;
        let lex = &self.coder.options.lexicon;
        let negator = |w: usize| {
            t.children[w].iter().any(|&c| {
                matches!(t.base(c), "advmod" | "neg")
                    && (lex.negators.contains(&t.lemma[c].as_str())
                        || lex.negators.contains(&t.form[c].to_lowercase().as_str()))
            })
        };
        if negator(p) {
            return true;
        }
        // `no demands were made`, `made no demands`, `no attack came`: a
        // denying determiner on the event noun, or on the object or
        // passive subject that makes the verb's event.
        let denied = |w: usize| {
            t.kids(w, "det")
                .any(|d| lex.negative_determiners.contains(&t.lemma[d].as_str()))
        };
        let denied_argument = t.children[p]
            .iter()
            .any(|&c| matches!(t.rel[c], "obj" | "nsubj:pass") && denied(c));
        if denied(p) || denied_argument {
            return true;
        }
        let first = t.first_conjunct(p);
        if first != p && !t.has_kid(p, "nsubj") && !t.has_kid(p, "aux") && negator(first) {
            return true;
        }
        self.denier(p).is_some()
    }

    /// The denial verb above `p`, if any (`denied` in `denied attacking`).
    pub(crate) fn denier(&self, p: usize) -> Option<usize> {
        let t = self.tree;
        let lex = &self.coder.options.lexicon;
        let mut cur = t.first_conjunct(p);
        for _ in 0..t.len() {
            let h = t.head[cur]?;
            if !(t.is_controlled(cur) || t.base(cur) == "ccomp") {
                return None;
            }
            if lex.deny_verbs.contains(&t.lemma[h].as_str()) {
                return Some(h);
            }
            cur = t.first_conjunct(h);
        }
        None
    }

    pub(crate) fn mood(&self, p: usize) -> Mood {
        let t = self.tree;
        let lex = &self.coder.options.lexicon;
        let own = |w: usize| {
            let l = t.lemma[w].as_str();
            if lex.threat_verbs.contains(&l) {
                Some(Mood::Threat)
            } else if lex.intent_verbs.contains(&l) {
                Some(Mood::Intent)
            } else {
                None
            }
        };
        if let Some(m) = own(p) {
            return m;
        }
        let mut cur = t.first_conjunct(p);
        for _ in 0..t.len() {
            match t.head[cur] {
                Some(h) if t.is_controlled(cur) => {
                    if let Some(m) = own(h) {
                        return m;
                    }
                    cur = t.first_conjunct(h);
                }
                _ => break,
            }
        }
        // `if he refused calls`, `unless they withdraw`: a hypothesis,
        // whether or not the clause it conditions is coded.
        let marked = t
            .mark_of(cur)
            .is_some_and(|m| lex.condition_marks.contains(&m));
        if t.base(cur) == "advcl" && marked {
            return Mood::Conditional;
        }
        let first = t.first_conjunct(p);
        let mut auxes: Vec<usize> = t.kids(p, "aux").collect();
        if auxes.is_empty() && first != p && !t.has_kid(p, "nsubj") {
            auxes = t.kids(first, "aux").collect();
        }
        for a in auxes {
            let f = t.form[a].to_lowercase();
            let l = t.lemma[a].as_str();
            if lex.future_aux.contains(&l) || lex.future_aux.contains(&f.as_str()) {
                return Mood::Future;
            }
            if lex.conditional_aux.contains(&l) || lex.conditional_aux.contains(&f.as_str()) {
                return Mood::Conditional;
            }
        }
        // An event noun is as real as the clause it is an argument of
        // (`sanctions would hurt`, `preparing for strikes`); not as an
        // adjunct (`following a warning, the government agreed`).
        let argument = matches!(t.base(p), "nsubj" | "obj" | "iobj")
            || (t.base(p) == "obl" && t.case_of(p).as_deref() == Some("for"));
        let clause = t.head[p].filter(|&h| {
            matches!(t.upos[p], "NOUN" | "PROPN") && matches!(t.upos[h], "VERB" | "AUX") && argument
        });
        clause.map_or(Mood::Actual, |h| self.mood(h))
    }

    /// The report verb `p` is reported by, if any.
    pub(crate) fn reporter(&self, p: usize) -> Option<usize> {
        let t = self.tree;
        let lex = &self.coder.options.lexicon;
        let is_report = |w: usize| lex.report_verbs.contains(&t.lemma[w].as_str());
        let mut cur = p;
        for _ in 0..t.len() {
            // `Russia will ..., the ministry said`: parataxis, or an advcl
            // without a marker as parsers often attach it.
            let trailing = t.children[cur].iter().copied().find(|&r| {
                is_report(r)
                    && (t.base(r) == "parataxis"
                        || (t.base(r) == "advcl" && t.mark_of(r).is_none()))
            });
            if let Some(r) = trailing {
                return Some(r);
            }
            let h = t.head[cur]?;
            match t.base(cur) {
                "ccomp" | "parataxis" if is_report(h) => return Some(h),
                "conj" | "xcomp" | "ccomp" => cur = h,
                _ => return None,
            }
        }
        None
    }

    pub(crate) fn attribution(&self, p: usize) -> Option<ActorRef> {
        let r = self.reporter(p)?;
        let subject: Vec<usize> = self.tree.kids(r, "nsubj").collect();
        let m = subject
            .iter()
            .find_map(|&s| self.mentions_of(s).first().copied())?;
        Some(self.actor(m))
    }
}
