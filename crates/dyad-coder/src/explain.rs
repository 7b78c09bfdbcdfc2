//! What the coder did with a sentence, for a person to read (`dyad
//! explain`): the parse, the mentions, and for each predicate its candidate
//! entries, arguments, every pattern tried with whether it held (and, for a
//! slot pattern, the first slot that did not), what became of it, and the
//! events.

use crate::clause::Context;
use crate::event::Event;
use crate::mentions::Kind;
use dyad_core::Span;
use dyad_dict::{DiscardEntry, EventEntry, Pattern, Rel, Slot, Syntax, Term};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct SentenceTrace {
    /// 0-based index of the sentence in the article.
    pub sentence: usize,
    pub text: String,
    /// The discard entry that drops the sentence (or its story), if any.
    pub discarded_by: Option<String>,
    pub words: Vec<WordTrace>,
    pub mentions: Vec<MentionTrace>,
    pub predicates: Vec<PredicateTrace>,
    pub events: Vec<Event>,
}

/// A word of the parse, as a CoNLL-U line shows it.
#[derive(Debug, Clone, Serialize)]
pub struct WordTrace {
    /// 1-based.
    pub id: usize,
    pub form: String,
    pub lemma: String,
    pub upos: String,
    /// 1-based, 0 for the root.
    pub head: usize,
    pub deprel: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct MentionTrace {
    pub text: String,
    pub span: Span,
    pub code: Option<String>,
    /// `named`, `agent`, `short`, `unknown` or `pronoun`.
    pub kind: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct PredicateTrace {
    pub word: String,
    /// 1-based id of the predicate's word.
    pub id: usize,
    /// The event entries the word may code with, most specific first.
    pub entries: Vec<String>,
    /// `relation=word` for each argument, `[CODE]` after an actor.
    pub arguments: Vec<String>,
    pub patterns: Vec<PatternTrace>,
    /// The rule that gave the code, if any did.
    pub rule: Option<String>,
    /// What became of the predicate: its events, or why it has none.
    pub outcome: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PatternTrace {
    pub entry: String,
    pub pattern: String,
    /// `file:line`.
    pub origin: String,
    /// `fired`, `holds (an earlier pattern fired)`, or why it does not hold.
    pub result: String,
}

fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Named => "named",
        Kind::Agent => "agent",
        Kind::Short => "short",
        Kind::Unknown => "unknown",
        Kind::Pronoun => "pronoun",
    }
}

/// A slot as a `.dyad` pattern writes it: `obl:with=+`, `obj=aid(military)`.
fn slot_text(slot: &Slot) -> String {
    let rel = match &slot.rel {
        Rel::Subject => "subj".to_string(),
        Rel::Object => "obj".to_string(),
        Rel::Obl(p) => format!("obl:{p}"),
        Rel::Xcomp => "xcomp".to_string(),
        Rel::Ccomp => "ccomp".to_string(),
        Rel::PassiveAgent => "agent".to_string(),
        Rel::PassiveSubject => "subj:pass".to_string(),
    };
    let term = |t: &Term| match t {
        Term::Any => "_".to_string(),
        Term::Word(w) => w.to_string(),
        Term::Set(s) => format!("&{s}"),
        Term::Source => "$".to_string(),
        Term::Target => "+".to_string(),
        Term::Compound => "%".to_string(),
    };
    let mut out = format!("{rel}={}", term(&slot.head));
    if !slot.modifiers.is_empty() {
        let m: Vec<String> = slot.modifiers.iter().map(term).collect();
        out.push_str(&format!("({})", m.join(",")));
    }
    out
}

impl Context<'_, '_> {
    pub(crate) fn explain(&self, discard: Option<&DiscardEntry>) -> SentenceTrace {
        let t = self.tree;
        let words = (0..t.len())
            .map(|i| WordTrace {
                id: i + 1,
                form: t.form[i].to_string(),
                lemma: t.lemma[i].clone(),
                upos: t.upos[i].to_string(),
                head: t.head[i].map_or(0, |h| h + 1),
                deprel: t.rel[i].to_string(),
            })
            .collect();
        let mentions = self
            .mentions
            .list
            .iter()
            .map(|m| {
                let span = t.span(m.start, m.end);
                MentionTrace {
                    text: self.text(span).to_string(),
                    span,
                    code: m.code.clone(),
                    kind: kind_name(m.kind),
                }
            })
            .collect();
        let text = self.sentence.text(&self.article.text).to_string();
        if let Some(d) = discard {
            return SentenceTrace {
                sentence: self.index,
                text,
                discarded_by: Some(format!("{} ({}:{})", d.id, d.origin.file, d.origin.line)),
                words,
                mentions,
                predicates: Vec::new(),
                events: Vec::new(),
            };
        }
        let plan = self.plan();
        let mut predicates = Vec::new();
        for p in 0..t.len() {
            let cands = self.candidates(p);
            let Some(&(_, first_verb)) = cands.first() else {
                continue;
            };
            let args = self.args(p, first_verb.is_none());
            let (list, actor) = self.argument_list(&args);
            let arguments = list
                .iter()
                .zip(&actor)
                .map(|(&(ref rel, w), &is_actor)| {
                    let mut s = format!("{}={}", rel_name(rel), t.form[w]);
                    if is_actor {
                        let codes: Vec<String> = self
                            .mentions_of(w)
                            .iter()
                            .map(|&m| {
                                self.mentions.list[m]
                                    .code
                                    .clone()
                                    .unwrap_or_else(|| "?".into())
                            })
                            .collect();
                        s.push_str(&format!(" [{}]", codes.join(", ")));
                    }
                    s
                })
                .collect();
            let draft = plan.drafts[p].as_ref();
            let fired = draft.and_then(|d| d.pattern);
            let mut patterns = Vec::new();
            for &(entry, verb) in &cands {
                let predicate = verb.map_or(t.lemma[p].as_str(), |v| &*v.lemma);
                for pat in &entry.patterns {
                    let result = if fired.is_some_and(|f| std::ptr::eq(f, pat)) {
                        "fired".to_string()
                    } else {
                        let why = self.why_not(entry, pat, predicate, p, &list, &actor);
                        match why {
                            None if fired.is_some() => "holds (an earlier pattern fired)".into(),
                            None => "holds".into(),
                            Some(why) => why,
                        }
                    };
                    patterns.push(PatternTrace {
                        entry: entry.id.to_string(),
                        pattern: pat.text.to_string(),
                        origin: format!("{}:{}", entry.origin.file, pat.line),
                        result,
                    });
                }
            }
            let outcome = match draft {
                None => "no code: the code that applies is the null code".to_string(),
                Some(d) if d.pairs.is_empty() => {
                    "no event: no actor on either side (or not both, as asked)".to_string()
                }
                Some(_) => match &plan.given_way[p] {
                    Some(why) => format!("no event of its own: {why}"),
                    None => "coded".to_string(),
                },
            };
            predicates.push(PredicateTrace {
                word: t.form[p].to_string(),
                id: p + 1,
                entries: cands.iter().map(|(e, _)| e.id.to_string()).collect(),
                arguments,
                patterns,
                rule: draft.map(|d| d.rule.clone()),
                outcome,
            });
        }
        SentenceTrace {
            sentence: self.index,
            text,
            discarded_by: None,
            words,
            mentions,
            predicates,
            events: self.code(),
        }
    }

    /// Why a pattern does not hold for predicate `p`; `None` when it holds.
    fn why_not(
        &self,
        entry: &EventEntry,
        pat: &Pattern,
        predicate: &str,
        p: usize,
        list: &[(Rel, usize)],
        actor: &[bool],
    ) -> Option<String> {
        if pat.verb.as_deref().is_some_and(|v| v != predicate) {
            return Some(format!("for `{}`", pat.verb.as_deref().unwrap_or("")));
        }
        if pat.syntax == Syntax::Tabari {
            if !self.coder.options.tabari_patterns {
                return Some("TABARI patterns are not used".into());
            }
            return match self.tabari_match(std::iter::once(pat), p) {
                Some(_) => None,
                None => Some("its word sequence is not in the sentence".into()),
            };
        }
        let events = self.coder.dicts.events();
        let arguments = self.select_arguments(list, actor);
        // Each slot alone, through the same selection the coder uses.
        for slot in &pat.slots {
            let single = EventEntry {
                patterns: vec![Pattern {
                    slots: vec![slot.clone()],
                    ..pat.clone()
                }],
                ..entry.clone()
            };
            if events
                .select(&single, predicate, &arguments, false)
                .pattern
                .is_none()
            {
                return Some(format!("slot `{}` does not hold", slot_text(slot)));
            }
        }
        None
    }
}

fn rel_name(rel: &Rel) -> String {
    slot_text(&Slot {
        rel: rel.clone(),
        head: Term::Any,
        modifiers: vec![],
    })
    .trim_end_matches("=_")
    .to_string()
}
