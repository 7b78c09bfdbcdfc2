//! Predicates, their arguments, the dictionaries' patterns, and the events
//! of one sentence.
//!
//! A predicate is a verb whose lemma (with its particles) is an event
//! entry's verb, or a noun among an entry's event nouns. Its arguments come
//! from the parse: `nsubj` is the source, `obj`/`iobj` (else the first `obl`
//! holding an actor) the target; in a passive `nsubj:pass` is the target and
//! the `by` phrase the source. A verb without a subject takes its
//! governor's through `xcomp` (the object's for `urged X to`), `conj`,
//! `advcl` and relative clauses. Conjoined actors multiply events; a
//! coordinated subject with no target gives an event for each ordered pair
//! (`Thailand and Cambodia exchanged fire`).
//!
//! The first pattern of a candidate entry whose slots all hold gives the
//! code, else the verb's or the entry's code; `---` codes nothing. Then
//! predicates give way to one another: a verb under an `xcomp` of a coded
//! governor is part of the governor's event (`threatened to attack`); a
//! report or denial verb gives way to the event it reports or denies; an
//! event noun that is an argument of a coded verb is part of the verb's
//! event; a predicate inside a condition is coded only as the condition.

use crate::event::{ActorRef, Cameo, Event, Plover, TextSpan};
use crate::mentions::{Kind, Mentions};
use crate::tree::Tree;
use crate::Coder;
use dyad_core::{Article, Sentence};
use dyad_dict::{Argument, EventCode, EventEntry, Pattern, Rel, Syntax, Term, Verb};
use dyad_ontology::ActorCodeKind;

pub(crate) struct Context<'c, 'a> {
    pub coder: &'c Coder<'a>,
    pub article: &'c Article,
    pub index: usize,
    pub sentence: &'c Sentence,
    pub tree: &'c Tree<'c>,
    pub mentions: &'c Mentions<'a>,
}

/// The words filling each argument position of a predicate.
#[derive(Debug, Default)]
pub(crate) struct Args {
    pub subj: Vec<usize>,
    pub subj_pass: Vec<usize>,
    pub obj: Vec<usize>,
    /// `obl` (or a noun's `nmod`) with its preposition.
    pub obl: Vec<(String, usize)>,
    pub agent: Vec<usize>,
    pub xcomp: Vec<usize>,
    pub ccomp: Vec<usize>,
    /// The predicate is read as an event noun, not as a verb.
    pub noun: bool,
}

impl Args {
    /// Every argument with its relation, in the order patterns see them.
    pub(crate) fn list(&self) -> Vec<(Rel, usize)> {
        let mut out = Vec::new();
        out.extend(self.subj.iter().map(|&w| (Rel::Subject, w)));
        out.extend(self.subj_pass.iter().map(|&w| (Rel::PassiveSubject, w)));
        out.extend(self.obj.iter().map(|&w| (Rel::Object, w)));
        out.extend(
            self.obl
                .iter()
                .map(|(p, w)| (Rel::Obl(p.as_str().into()), *w)),
        );
        out.extend(self.agent.iter().map(|&w| (Rel::PassiveAgent, w)));
        out.extend(self.xcomp.iter().map(|&w| (Rel::Xcomp, w)));
        out.extend(self.ccomp.iter().map(|&w| (Rel::Ccomp, w)));
        out
    }
}

/// A predicate coded: its code and the (source, target) mention pairs.
pub(crate) struct Draft<'a> {
    pub word: usize,
    pub code: EventCode,
    pub entry: &'a EventEntry,
    /// The pattern that gave the code (`None`: the entry's or verb's code).
    pub pattern: Option<&'a Pattern>,
    pub rule: String,
    pub pairs: Vec<(Option<usize>, Option<usize>)>,
    /// Mentions that stand for their actor alone: an actor and an agent
    /// the pattern named as a thing (`Israel intelligence` under
    /// `obj=&INTELLIGENCE` is Israel).
    pub bare: Vec<usize>,
}

/// Every predicate's draft, why some give way to others, and conditions.
pub(crate) struct Plan<'a> {
    pub drafts: Vec<Option<Draft<'a>>>,
    /// Why the predicate's event is not reported on its own.
    pub given_way: Vec<Option<String>>,
    /// The condition of a predicate: its kind and head word.
    pub conditions: Vec<Option<(String, usize)>>,
}

/// The argument words a pattern names as source (`$`) and target (`+`).
#[derive(Debug, Default, Clone)]
pub(crate) struct Binding {
    pub source: Option<usize>,
    pub target: Option<usize>,
    /// The source is a compound actor (`%`): its members act on each other.
    pub compound: bool,
    /// Arguments a slot named as a thing, not an actor (`obj=intelligence`
    /// in `offered Israel intelligence`): never the target.
    pub things: Vec<usize>,
    /// Words a TABARI sequence matched after the verb (`DIPLOMATIC` in
    /// `* DIPLOMATIC`): they are in the verb's phrase, wherever the parser
    /// hung them.
    pub words_after: Vec<usize>,
    /// Words a TABARI sequence matched before the verb (`NOTED` in `NOTED + *`).
    pub words_before: Vec<usize>,
}

/// Words as a key of the dictionary's event nouns, normalized as it indexes
/// them (hyphens separate words: `cease-fire` is `cease fire`).
fn noun_key(words: &[&str]) -> String {
    words
        .iter()
        .flat_map(|w| w.split('-'))
        .map(dyad_dict::text::normalize)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether word `p` can be a predicate [`Context::candidates`] finds entries
/// for, whatever the parse: its form or lemma, or the next word's form
/// (`wire tap`, whose first word heads it), is a verb's in some entry, or it
/// ends some event noun. Reads no parse, so it can tell which sentences need
/// one.
pub(crate) fn may_be_predicate(tree: &Tree, events: &dyad_dict::Events, p: usize) -> bool {
    let lemma = tree.lemma[p].as_str();
    let lower = |w: usize| {
        let form = tree.form[w];
        if form.chars().any(char::is_uppercase) {
            std::borrow::Cow::Owned(form.to_lowercase())
        } else {
            std::borrow::Cow::Borrowed(form)
        }
    };
    events.has_verb_word(lemma)
        || events.has_verb_word(&lower(p))
        || (p + 1 < tree.len() && events.has_verb_word(&lower(p + 1)))
        || may_end_event_noun(tree, events, p)
}

/// Whether word `p` can end an event noun of the dictionary, alone or as the
/// last word of a phrase, whatever the parse.
fn may_end_event_noun(tree: &Tree, events: &dyad_dict::Events, p: usize) -> bool {
    // Only nouns are event nouns (the tag, not the parse, says which). A
    // phrase's key ends in the noun's own key; a noun whose key is empty
    // (all punctuation) could end a phrase in any word before it.
    matches!(tree.upos[p], "NOUN" | "PROPN")
        && [tree.lemma[p].as_str(), tree.form[p]].into_iter().any(|w| {
            let key = noun_key(&[w]);
            key.is_empty()
                || key
                    .rsplit(' ')
                    .next()
                    .is_some_and(|last| events.ends_a_noun(last))
        })
}

impl<'c, 'a> Context<'c, 'a> {
    /// Codes every predicate and decides which give way to others.
    pub(crate) fn plan(&self) -> Plan<'a> {
        let t = self.tree;
        let n = t.len();
        let drafts: Vec<Option<Draft<'a>>> = (0..n).map(|p| self.draft(p)).collect();
        let has = |p: usize| drafts[p].as_ref().is_some_and(|d| !d.pairs.is_empty());
        let lex = &self.coder.options.lexicon;
        let mut given_way: Vec<Option<String>> = vec![None; n];
        let mut give_way = |q: usize, why: String| {
            given_way[q].get_or_insert(why);
        };
        for p in (0..n).filter(|&p| has(p)) {
            // `threatened to attack`: the governor's event holds the xcomp's,
            // also through governors that code nothing themselves (`called
            // on Gondor to be allowed to leave`).
            let mut first = t.first_conjunct(p);
            for _ in 0..n {
                let Some(g) = t.head[first].filter(|_| t.is_controlled(first)) else {
                    break;
                };
                let l = t.lemma[g].as_str();
                if has(g) {
                    if !lex.report_verbs.contains(&l) && !lex.deny_verbs.contains(&l) {
                        give_way(p, format!("part of the event of `{}`", t.form[g]));
                    }
                    break;
                }
                first = t.first_conjunct(g);
            }
            // `will abandon improved relations`: `improved` is `abandon`'s.
            if let Some(h) = self.displaced_host(p) {
                give_way(h, format!("part of the event of `{}`", t.form[p]));
            }
            // A report or denial gives way to what it reports or denies.
            let reporter = self
                .reporter(p)
                .filter(|_| !self.coder.options.report_events);
            for g in [reporter, self.denier(p)].into_iter().flatten() {
                give_way(g, format!("reports or denies the event of `{}`", t.form[p]));
            }
            // An event noun that is an argument of a coded verb.
            if drafts[p].as_ref().is_some_and(|d| self.is_noun(d.word)) {
                if let Some(h) = t.head[p] {
                    if has(h) && matches!(t.base(p), "obj" | "iobj" | "nsubj" | "obl") {
                        give_way(p, format!("an argument of the event of `{}`", t.form[h]));
                    }
                }
            }
        }
        // `the Berlin blockade in 1948`, in a story of 2005: history, not
        // an event of the story's time.
        if let Some(date) = self.article.date {
            for p in (0..n).filter(|&p| has(p)) {
                if let Some(year) = self.year_of(p).filter(|&y| y < date.year() - 1) {
                    give_way(p, format!("dated {year}, before the article's time"));
                }
            }
        }
        // Predicates inside a condition are coded as the condition only.
        let mut conditions = vec![None; n];
        for p in (0..n).filter(|&p| has(p)) {
            if let Some((kind, head)) = self.condition_of(p) {
                for q in (0..n).filter(|&q| t.is_within(q, head)) {
                    give_way(q, format!("the condition of `{}`", t.form[p]));
                }
                conditions[p] = Some((kind, head));
            }
        }
        Plan {
            drafts,
            given_way,
            conditions,
        }
    }

    /// The sentence's events, in the order of their predicates.
    pub fn code(&self) -> Vec<Event> {
        let t = self.tree;
        let Plan {
            drafts,
            given_way,
            conditions,
        } = self.plan();
        let n = t.len();
        let keep: Vec<bool> = (0..n)
            .map(|p| {
                drafts[p].as_ref().is_some_and(|d| !d.pairs.is_empty()) && given_way[p].is_none()
            })
            .collect();
        let mut out = Vec::new();
        for p in (0..n).filter(|&p| keep[p]) {
            let Some(d) = &drafts[p] else { continue };
            let condition = conditions[p]
                .as_ref()
                .map(|(kind, head)| self.condition(kind, *head, drafts[*head].as_ref()));
            let mut seen: Vec<(Option<String>, Option<String>, &str)> = Vec::new();
            for &(s, tg) in &d.pairs {
                for (code, s, tg) in [(&d.code.forward, s, tg), (&d.code.reverse, tg, s)] {
                    let Some(code) = code else { continue };
                    for source in self.actor_variants(s, &d.bare) {
                        for target in self.actor_variants(tg, &d.bare) {
                            // The same event from two mentions of the same actors: once.
                            let key = (
                                source.as_ref().and_then(|a| a.code.clone()),
                                target.as_ref().and_then(|a| a.code.clone()),
                                &**code,
                            );
                            if key.0.is_some() && seen.contains(&key) {
                                continue;
                            }
                            seen.push(key);
                            let id = format!("{}:{}:{}", self.article.id, self.index, out.len());
                            let condition = condition.clone().map(|c| self.exchanged(c, &target));
                            out.push(Event {
                                id,
                                article_id: self.article.id.clone(),
                                sentence: self.index,
                                date: self.article.date.map(|d| d.to_string()),
                                source: source.clone(),
                                target,
                                cameo: self.cameo(code),
                                plover: self.plover(d.entry, code),
                                negated: self.negated(p),
                                mood: self.mood(p),
                                attributed_to: self.attribution(p),
                                condition,
                                quantities: self.quantities(p),
                                predicate: self.text_span(t.span(p, p + 1)),
                                rule: d.rule.clone(),
                                sentence_text: self.sentence.text(&self.article.text).to_string(),
                            });
                        }
                    }
                }
            }
        }
        out
    }

    pub(crate) fn is_noun(&self, p: usize) -> bool {
        matches!(self.tree.upos[p], "NOUN" | "PROPN")
    }

    /// The year a date in predicate `p`'s own phrase names: `attacked in
    /// 1948`, `in March 1948`, `the 1948 blockade`; for an event noun, also
    /// the date of the clause it is part of (`triggered the war with the
    /// blockade in 1948`). Not `since 1948`, a time that lasts until now.
    fn year_of(&self, p: usize) -> Option<i16> {
        let t = self.tree;
        let dated = |w: usize| {
            let dates = t.children[w].iter().copied().filter(|&k| {
                matches!(t.base(k), "obl" | "nmod" | "compound" | "nummod")
                    && t.case_of(k).is_none_or(|c| c == "in" || c == "during")
            });
            dates
                .flat_map(|k| std::iter::once(k).chain(t.kids(k, "nummod")))
                .find_map(|w| t.year(w))
        };
        let clause = t.head[p].filter(|&h| self.is_noun(p) && t.upos[h] == "VERB");
        dated(p).or_else(|| clause.and_then(dated))
    }

    /// The entries (and verbs) predicate `p` may code with, most specific
    /// first (verbs whose particles are present before plain ones).
    pub(crate) fn candidates(&self, p: usize) -> Vec<(&'a EventEntry, Option<&'a Verb>)> {
        let t = self.tree;
        let events = self.coder.dicts.events();
        if matches!(t.base(p), "aux" | "cop") {
            return Vec::new();
        }
        // A word the tagger did not call a verb but that has a verb's
        // dependents (`will not tap`, tagged a noun) is read as one by its form.
        let verbal = t.upos[p] != "VERB"
            && matches!(t.upos[p], "NOUN" | "ADJ" | "INTJ")
            && (t.has_kid(p, "aux") || t.has_kid(p, "nsubj"))
            && !t.has_kid(p, "cop");
        // So is a noun no event noun that a named actor right before it
        // modifies, with no determiner (`Ethiopia departs from Libya`,
        // `departs` tagged a noun and `Ethiopia` its compound).
        let actor_first = || {
            t.upos[p] == "NOUN"
                // Not an argument of a verb (`reach European Community levels`).
                && t.head[p].is_none_or(|h| !matches!(t.upos[h], "VERB" | "AUX"))
                && !t.has_kid(p, "det")
                && !t.has_kid(p, "case")
                && !t.has_kid(p, "nmod:poss")
                && t.kids(p, "compound").any(|c| {
                    // A name, not a common word some dictionary names (`92 pct yield`).
                    t.upos[c] == "PROPN"
                        && self.mentions.at[c].is_some_and(|m| {
                            let m = &self.mentions.list[m];
                            m.kind == Kind::Named && m.end == p && m.code.is_some()
                        })
                })
                && self.noun_candidates(p).is_empty()
        };
        let infinitive = || self.infinitive_host(p).is_some() && self.noun_candidates(p).is_empty();
        let verbal = verbal || actor_first() || self.displaced_host(p).is_some() || infinitive();
        if t.upos[p] == "VERB" || verbal {
            let form = t.form[p].to_lowercase();
            // An entry for the very form (`MET [031:032]` beside `MEET
            // [031:031]` in PETRARCH's files) comes before the lemma's.
            let mut c: Vec<(&EventEntry, &Verb)> = if form != t.lemma[p] {
                events.by_lemma(&form).collect()
            } else {
                Vec::new()
            };
            if !verbal {
                c.extend(events.by_lemma(&t.lemma[p]));
            }
            if c.is_empty() {
                c = events.by_form(&form).collect();
            }
            let present = |w: &str, range: std::ops::Range<usize>| {
                t.children[p]
                    .iter()
                    .chain(range.clone().collect::<Vec<_>>().iter())
                    .any(|&k| k < t.len() && (t.lemma[k] == w || t.form[k].eq_ignore_ascii_case(w)))
            };
            c.retain(|(_, v)| {
                v.after
                    .iter()
                    .all(|w| present(w, p + 1..(p + 4).min(t.len())))
                    && v.before.iter().all(|w| present(w, p.saturating_sub(3)..p))
            });
            if c.is_empty() && p + 1 < t.len() {
                // `will not wire tap`: a verb of several words whose first
                // the parser made the head, the verb's own word hanging from it.
                let next = t.form[p + 1].to_lowercase();
                c = events
                    .by_form(&next)
                    .filter(|&(_, v)| self.continuation(p, v).is_some())
                    .collect();
            }
            c.sort_by_key(|(_, v)| std::cmp::Reverse(v.after.len() + v.before.len()));
            return c.into_iter().map(|(e, v)| (e, Some(v))).collect();
        }
        if self.is_noun(p) {
            return self.noun_candidates(p);
        }
        Vec::new()
    }

    /// The verb's own word when predicate `p` is the word before it in
    /// `verb`'s words (`wire` of `WIRE_+TAP`) and the word hangs from it.
    fn continuation(&self, p: usize, verb: &Verb) -> Option<usize> {
        let t = self.tree;
        let next = p + 1;
        (next < t.len()
            && t.head[next] == Some(p)
            && verb
                .before
                .last()
                .is_some_and(|w| t.form[p].eq_ignore_ascii_case(w))
            && verb
                .forms
                .iter()
                .any(|f| t.form[next].eq_ignore_ascii_case(f)))
        .then_some(next)
    }

    /// For a verb the tagger took for an adverb of the verb after it, right
    /// after that verb's auxiliary (`will abandon improved relations`,
    /// `abandon` an adverb of `improved`): that verb, whose arguments are its.
    fn displaced_host(&self, p: usize) -> Option<usize> {
        let t = self.tree;
        let h = t.head[p]?;
        (t.upos[p] == "ADV"
            && t.base(p) == "advmod"
            && t.upos[h] == "VERB"
            && h > p
            && p > 0
            && t.head[p - 1] == Some(h)
            && t.base(p - 1) == "aux")
            .then_some(h)
    }

    /// For an infinitive the parser read as a noun after the preposition
    /// `to` (`inching nearer to accord with Gondor`, `accord` an `obl`): the
    /// verb it hangs from, which controls it.
    fn infinitive_host(&self, p: usize) -> Option<usize> {
        let t = self.tree;
        let h = t.head[p]?;
        let to = p.checked_sub(1)?;
        // Nothing before it but `to`: no determiner or adjective.
        let bare = t.children[p].iter().all(|&c| c == to || c > p);
        (t.upos[p] == "NOUN"
            && t.base(p) == "obl"
            && t.upos[h] == "VERB"
            && t.head[to] == Some(p)
            && t.lemma[to] == "to"
            && bare)
            .then_some(h)
    }

    /// The entries noun `p` may code with as an event noun.
    fn noun_candidates(&self, p: usize) -> Vec<(&'a EventEntry, Option<&'a Verb>)> {
        let t = self.tree;
        let events = self.coder.dicts.events();
        // Most nouns end no event noun: spare them the phrase keys below.
        if !may_end_event_noun(t, events, p) {
            return Vec::new();
        }
        // The longest phrase ending in the noun first (`cease - fire`,
        // `air strikes`), then the noun alone by lemma and by form.
        // Words before the noun that hang from it, or from such a word
        // (`cease` `-` `fire`: the hyphen hangs from `cease`).
        let mut start = p;
        while start > 0
            && t.is_within(start - 1, p)
            && matches!(t.base(start - 1), "compound" | "amod" | "punct")
        {
            start -= 1;
        }
        let key = noun_key;
        let mut keys: Vec<String> = Vec::new();
        for s in start..p {
            let mut words: Vec<&str> = t.form[s..p].to_vec();
            words.push(&t.lemma[p]);
            keys.push(key(&words));
            words.pop();
            words.push(t.form[p]);
            keys.push(key(&words));
        }
        keys.push(key(&[&t.lemma[p]]));
        keys.push(key(&[t.form[p]]));
        for key in keys {
            let c: Vec<&EventEntry> = events.by_noun(&key).collect();
            if !c.is_empty() {
                return c.into_iter().map(|e| (e, None)).collect();
            }
        }
        Vec::new()
    }

    /// Codes predicate `p`, if it is one.
    pub(crate) fn draft(&self, p: usize) -> Option<Draft<'a>> {
        let t = self.tree;
        let events = self.coder.dicts.events();
        let cands = self.candidates(p);
        let &(_, first_verb) = cands.first()?;
        let mut args = self.args(p, first_verb.is_none());
        // `his arrest`, `the minister's release`: for some event nouns the
        // possessor is whom the event is done to, unless an `of` phrase names
        // that (`Israel's arrest of ...`).
        let of = args.obl.iter().any(|(prep, _)| prep == "of");
        if first_verb.is_none() && cands[0].0.possessor_is_target && !of {
            let (possessors, doers) = args.subj.iter().partition(|&&w| t.rel[w] == "nmod:poss");
            args.subj = doers;
            args.obj.extend::<Vec<usize>>(possessors);
        }
        let (list, actor) = self.argument_list(&args);
        let arguments = self.select_arguments(&list, &actor);
        let tabari = self.coder.options.tabari_patterns;
        let mut chosen = None;
        for &(entry, verb) in &cands {
            let predicate = verb.map_or(t.lemma[p].as_str(), |v| &*v.lemma);
            let selection = events.select(entry, predicate, &arguments, false);
            let mut found = selection
                .pattern
                .map(|pat| (selection.code, pat, self.bind(pat, &list, &actor)));
            if found.is_none() && tabari {
                let sequences = entry.patterns.iter().filter(|pat| {
                    pat.syntax == Syntax::Tabari
                        && pat.verb.as_deref().is_none_or(|v| v == predicate)
                });
                found = self
                    .tabari_match(sequences, p)
                    .map(|(pat, b)| (&pat.code, pat, b));
            }
            let hit = found.is_some();
            if chosen.is_none() || hit {
                chosen = Some((entry, verb, selection.code, found));
            }
            if hit {
                break;
            }
        }
        let (entry, verb, default_code, found) = chosen?;
        let code = found.as_ref().map_or(default_code, |f| f.0).clone();
        if code.is_null() {
            return None;
        }
        let pattern = found.as_ref().map(|f| f.1);
        let (rule, mut binding) = match found {
            Some((_, pat, binding)) => (
                format!(
                    "{} pattern `{}` ({}:{})",
                    entry.id, pat.text, entry.origin.file, pat.line
                ),
                binding,
            ),
            None => (
                format!(
                    "{} code {} ({}:{})",
                    entry.id,
                    code,
                    entry.origin.file,
                    verb.map_or(entry.origin.line, |v| v.line)
                ),
                Binding::default(),
            ),
        };
        // The verb's own word after the predicate is in its phrase (`wire tap
        // the links`: `links` hangs from `tap`).
        binding
            .words_after
            .extend(verb.and_then(|v| self.continuation(p, v)));
        let bare = self.bare_things(&binding);
        let pairs = self.pairs(p, &args, binding, entry, verb);
        Some(Draft {
            word: p,
            code,
            entry,
            pattern,
            rule,
            pairs,
            bare,
        })
    }

    /// The named mentions whose head word is a thing the pattern named: an
    /// actor with an agent (`Israel intelligence`), standing for the actor.
    /// Also the mention of a target the pattern bound to an actor inside a
    /// larger phrase (`Gondor` of `the parliament of Gondor`).
    fn bare_things(&self, b: &Binding) -> Vec<usize> {
        let inner = b
            .target
            .and_then(|w| self.mentions.at[w].filter(|&m| !self.in_head_run(m, w)));
        b.things
            .iter()
            .filter_map(|&w| self.mentions.at[w].filter(|&m| self.mentions.list[m].head == w))
            .chain(inner)
            .filter(|&m| {
                let m = &self.mentions.list[m];
                m.kind == Kind::Named && !m.agents.is_empty() && m.base.is_some()
            })
            .collect()
    }

    /// The arguments in the order patterns see them, and whether each is an actor.
    pub(crate) fn argument_list(&self, args: &Args) -> (Vec<(Rel, usize)>, Vec<bool>) {
        let list = args.list();
        let actor = list
            .iter()
            .map(|&(_, w)| !self.mentions_of(w).is_empty())
            .collect();
        (list, actor)
    }

    /// The arguments as `Events::select` reads them.
    pub(crate) fn select_arguments(
        &self,
        list: &[(Rel, usize)],
        actor: &[bool],
    ) -> Vec<Argument<'c>> {
        let t = self.tree;
        list.iter()
            .zip(actor)
            .map(|(&(ref rel, w), &actor)| Argument {
                rel: rel.clone(),
                head: &t.lemma[w],
                modifiers: self.modifiers(w).map(|c| t.lemma[c].as_str()).collect(),
                actor,
            })
            .collect()
    }

    /// The words of `w` a pattern's modifiers are tested on.
    fn modifiers(&self, w: usize) -> impl Iterator<Item = usize> + '_ {
        let t = self.tree;
        t.children[w]
            .iter()
            .copied()
            .filter(move |&c| !matches!(t.base(c), "punct" | "det" | "case" | "cc" | "mark"))
    }

    /// The (source, target) mention pairs of predicate `p`.
    fn pairs(
        &self,
        p: usize,
        args: &Args,
        b: Binding,
        entry: &EventEntry,
        verb: Option<&Verb>,
    ) -> Vec<(Option<usize>, Option<usize>)> {
        let sources = match b.source {
            Some(w) => self.mentions_of(w),
            None => self.governor_sources(p, args, &b),
        };
        // Only an agent alone is passed over as a thing a pattern named
        // (`obj=intelligence`): a named actor in the phrase (`Israel
        // intelligence`) still says who is concerned.
        let things: Vec<usize> = b
            .things
            .iter()
            .filter_map(|&w| self.mentions.at[w])
            .filter(|&m| self.mentions.list[m].kind == Kind::Agent)
            .collect();
        let mut passed_over = things;
        passed_over.extend(sources.iter().copied());
        let mut targets = match b.target {
            Some(w) => self.mentions_of(w),
            None => self.default_targets(args, &passed_over, &entry.places, 0),
        };
        if targets.is_empty() && b.target.is_none() && !b.compound {
            targets = self.phrase_target(p, &passed_over, &entry.places);
            for &w in &b.words_after {
                if !targets.is_empty() {
                    break;
                }
                targets = self.stray_phrase_target(p, w, &passed_over, &entry.places);
            }
        }
        let uncoded = |m: &usize| self.mentions.list[*m].code.is_none();
        if b.target.is_none() && targets.iter().all(uncoded) {
            if let Some(m) = self.addressee(p, args, &sources) {
                targets = vec![m];
            }
        }
        // The only actor in the object refers back to the subject (`crowds
        // burned down its embassy`, `its` the crowds' country): no event
        // rather than one with a side missing.
        // Only the members of one coordinated subject act on each other, not
        // two subjects a misparse gave one verb.
        let coordinated = args.subj.len() == 1 || args.subj_pass.len() == 1;
        // ... and only when the verb has no object of its own left over:
        // `Thailand and Cambodia met`, `exchanged fire` (the pattern's
        // thing), `held exercises` (the verb's own word), but not `Labour
        // and the Tories attacked his policies`.
        let t = self.tree;
        let object_left = args.obj.iter().any(|&w| {
            !b.things.contains(&w)
                && !verb.is_some_and(|v| v.after.iter().any(|a| **a == *t.lemma[w]))
        });
        let mutual = sources.len() >= 2 && b.source.is_none() && coordinated && !object_left;
        if targets.is_empty() && b.target.is_none() && !b.compound && !mutual {
            // The phrase a pattern named as the source (`criticism from
            // China`) is not an object referring back to it.
            let objects = args
                .obj
                .iter()
                .chain(args.obl.iter().map(|(_, w)| w))
                .filter(|&&w| Some(w) != b.source);
            let reflexive = objects.into_iter().any(|&w| {
                let m = self.mentions_of(w);
                !m.is_empty() && m.iter().all(|&m| self.is_source(m, &sources))
            });
            if reflexive {
                return Vec::new();
            }
        }
        let mut pairs = Vec::new();
        let reciprocal = b.compound && b.target.is_none();
        if reciprocal || (targets.is_empty() && mutual) {
            // A coordinated subject acting on itself: `A and B exchanged fire`.
            for &s in &sources {
                for &o in &sources {
                    if s != o {
                        pairs.push((Some(s), Some(o)));
                    }
                }
            }
        } else {
            let ss: Vec<Option<usize>> = if sources.is_empty() {
                vec![None]
            } else {
                sources.iter().map(|&s| Some(s)).collect()
            };
            let ts: Vec<Option<usize>> = if targets.is_empty() {
                vec![None]
            } else {
                targets.iter().map(|&s| Some(s)).collect()
            };
            for &s in &ss {
                for &o in &ts {
                    if s.is_some() && s == o || self.same_code(s, o) {
                        continue;
                    }
                    pairs.push((s, o));
                }
            }
        }
        let coded = |m: Option<usize>| m.is_some_and(|m| self.mentions.list[m].code.is_some());
        // With `require_both`, an agent with no actor is a side when it names
        // a kind of people (`students`, PETRARCH's `---EDU`), not when it is
        // a definite phrase referring back to no one (`the ministry`).
        let named = |m: Option<usize>| {
            m.is_some_and(|m| {
                let m = &self.mentions.list[m];
                m.code.is_some() && !(m.kind == Kind::Agent && m.definite && m.actor.is_none())
            })
        };
        // PETRARCH's target phrase: an object or prepositional phrase, coded or not.
        let phrase = !args.obj.is_empty() || !args.obl.is_empty();
        let phrase_required = self.coder.options.require_target_phrase;
        // A side places the event when its code starts with something other
        // than a role: a country, organisation, group or religion
        // (`officials`, `the company` alone place nothing).
        let placed = |m: Option<usize>| {
            m.and_then(|m| self.mentions.list[m].code.as_deref())
                .and_then(|c| dyad_dict::blocks(c).next())
                .is_some_and(|b| {
                    self.coder
                        .ontology
                        .actor_code(b)
                        .is_none_or(|a| a.kind != ActorCodeKind::Sector)
                })
        };
        // A side is a business when its code, countries aside, is made of
        // commercial blocks only (`USABUS`, `MNCUSA`; not a state firm's
        // `MEXGOVBUS`). `None` for a side with no code.
        let business = |m: Option<usize>| {
            let code = m.and_then(|m| self.mentions.list[m].code.as_deref())?;
            let ontology = self.coder.ontology;
            let mut roles = dyad_dict::blocks(code)
                .filter(|b| {
                    ontology
                        .actor_code(b)
                        .is_none_or(|a| a.kind != ActorCodeKind::Country)
                })
                .peekable();
            let any = roles.peek().is_some();
            Some(any && roles.all(|b| ontology.actor_code(b).is_some_and(|a| a.commercial)))
        };
        let options = &self.coder.options;
        // A verb whose subject names no actor codes nothing (`it has
        // reached an agreement with the U.S.`, the subject a company),
        // unless it is an agentless passive (`troops were attacked`), which
        // says that someone acted. An event noun often names only what it
        // acts on (`a shipment of bombs to Israel`) and is kept.
        let sourceless_ok = self.is_noun(p) || (args.subj.is_empty() && !args.subj_pass.is_empty());
        pairs.retain(|&(s, o)| {
            if options.require_source && s.is_none() && !sourceless_ok {
                return false;
            }
            if phrase_required && o.is_none() && !phrase {
                return false;
            }
            // Business news: every side with a code is a business (`Nippon
            // Steel and Inland Steel are negotiating a venture`).
            let sides = [business(s), business(o)];
            if !options.business_events
                && sides.iter().any(Option::is_some)
                && sides.iter().flatten().all(|&b| b)
            {
                return false;
            }
            if options.require_both {
                named(s) && named(o)
            } else if options.require_actor {
                placed(s) || placed(o)
            } else {
                coded(s) || coded(o)
            }
        });
        pairs
    }

    /// The actor a condition puts on the act the predicate is about: in
    /// `would not support an invasion of Rafah unless Israel presented a
    /// plan`, the object is an act with no actor of its own (an event noun
    /// with no subject) and the `if`/`unless` clause's subject is who would
    /// do it.
    fn addressee(&self, p: usize, args: &Args, sources: &[usize]) -> Option<usize> {
        let t = self.tree;
        let act = args
            .obj
            .iter()
            .any(|&w| !self.candidates(w).is_empty() && self.args(w, true).subj.is_empty());
        if !act {
            return None;
        }
        let (kind, head) = self.condition_of(p)?;
        if !self
            .coder
            .options
            .lexicon
            .condition_marks
            .contains(&kind.as_str())
        {
            return None;
        }
        let subjects: Vec<usize> = t.kids(head, "nsubj").collect();
        self.mentions_in(&subjects)
            .into_iter()
            .find(|&m| self.mentions.list[m].code.is_some() && !self.is_source(m, sources))
    }

    /// Whether two mentions have the same code: no event from an actor to itself.
    fn same_code(&self, a: Option<usize>, b: Option<usize>) -> bool {
        let code = |m: Option<usize>| m.and_then(|m| self.mentions.list[m].code.as_deref());
        code(a).is_some() && code(a) == code(b)
    }

    /// The sources when the pattern names none: the predicate's own, unless
    /// the pattern made its subject the target and reached up to a verb
    /// governing it (`Falastur noted that Cirith Ungol regretted` under
    /// `NOTED + *`): then that verb's subject.
    fn governor_sources(&self, p: usize, a: &Args, b: &Binding) -> Vec<usize> {
        let t = self.tree;
        if b.target.is_some_and(|w| a.subj.contains(&w)) {
            for &q in &b.words_before {
                if t.upos[q] == "VERB" && q != p && t.is_within(p, q) {
                    return self.mentions_in(&self.subjects(q, 0));
                }
            }
        }
        self.default_sources(p, a)
    }

    fn default_sources(&self, p: usize, a: &Args) -> Vec<usize> {
        let words = if a.subj.is_empty() && !a.subj_pass.is_empty() {
            &a.agent
        } else {
            &a.subj
        };
        let found = self.mentions_in(words);
        if !found.is_empty() || !a.subj.is_empty() || !a.subj_pass.is_empty() || a.noun {
            return found;
        }
        // No subject in the parse: an actor hanging from the verb before it
        // without a preposition is one the parser misread (`Pyongyang`
        // tagged a verb and attached as a clause).
        let t = self.tree;
        let left: Vec<usize> = t.children[p]
            .iter()
            .copied()
            .filter(|&c| {
                c < p
                    && self.mentions.at[c].is_some()
                    && !t.has_kid(c, "case")
                    && !matches!(t.base(c), "obj" | "iobj" | "vocative" | "discourse")
            })
            .collect();
        self.mentions_in(&left)
    }

    /// The target from the object, else the first prepositional phrase
    /// holding an actor, else a controlled verb's; actors that are (or refer
    /// to) the sources are passed over (`their` in `Mordor and Rohan
    /// welcomed their resumption of ties with Osgiliath`), and so are the
    /// entry's places (`in Bahrain` for a meeting).
    fn default_targets(
        &self,
        a: &Args,
        sources: &[usize],
        places: &[Box<str>],
        depth: usize,
    ) -> Vec<usize> {
        let other = |m: Vec<usize>| -> Vec<usize> {
            m.into_iter()
                .filter(|&m| !self.is_source(m, sources))
                .collect()
        };
        if a.subj.is_empty() && !a.subj_pass.is_empty() {
            return self.mentions_in(&a.subj_pass);
        }
        for &w in &a.obj {
            let m = other(self.mentions_of(w));
            if !m.is_empty() {
                return m;
            }
        }
        let lex = &self.coder.options.lexicon;
        for (prep, w) in &a.obl {
            if prep == "by"
                || self.is_exchange(*w)
                || lex.condition_marks.contains(&prep.as_str())
                || lex.setting_preps.contains(&prep.as_str())
                || places.iter().any(|p| **p == **prep)
            {
                continue;
            }
            let m = other(self.mentions_of(*w));
            if !m.is_empty() {
                return m;
            }
        }
        // `threatened to attack Gondor`: the target of the controlled verb.
        if depth < 3 {
            for &x in &a.xcomp {
                let m = self.default_targets(&self.args(x, false), sources, places, depth + 1);
                if !m.is_empty() {
                    return m;
                }
            }
        }
        Vec::new()
    }

    /// The first actor after predicate `p` in its phrase, as PETRARCH finds
    /// a target: in the predicate's subtree (objects, prepositional phrases
    /// and the noun phrases and controlled verbs inside them), not in its
    /// subject or in other clauses; a coded actor before an unknown one.
    fn phrase_target(&self, p: usize, sources: &[usize], places: &[Box<str>]) -> Vec<usize> {
        let found = self.phrase_target_in(p, sources, false, places);
        if found.is_empty() {
            // `Arnor believes Dagolath can cope`: into a clausal complement.
            self.phrase_target_in(p, sources, true, places)
        } else {
            found
        }
    }

    /// The target in the noun phrase of word `w`, which a pattern of `p`
    /// matched but the parser hung outside `p`'s phrase or as a clause of it
    /// (`restore complete, full diplomatic ties with Gondor`, `ties` made a
    /// clause of its own).
    fn stray_phrase_target(
        &self,
        p: usize,
        w: usize,
        sources: &[usize],
        places: &[Box<str>],
    ) -> Vec<usize> {
        let t = self.tree;
        let mut top = w;
        for _ in 0..t.len() {
            match t.head[top] {
                Some(h) if h != p && !t.is_within(p, h) => top = h,
                _ => break,
            }
        }
        if !matches!(t.upos[top], "NOUN" | "PROPN" | "ADJ") {
            return Vec::new();
        }
        self.phrase_target_in(top, sources, false, places)
    }

    fn phrase_target_in(
        &self,
        p: usize,
        sources: &[usize],
        complements: bool,
        places: &[Box<str>],
    ) -> Vec<usize> {
        let t = self.tree;
        let kept = |c: usize| t.is_controlled(c) || (complements && t.base(c) == "ccomp");
        let top_excluded = |c: usize| {
            (matches!(
                t.base(c),
                "nsubj"
                    | "csubj"
                    | "advcl"
                    | "ccomp"
                    | "parataxis"
                    | "conj"
                    | "punct"
                    | "mark"
                    | "aux"
                    | "cop"
                    | "cc"
                    | "discourse"
                    | "vocative"
                    | "expl"
                    | "dep"
            ) || t.rel[c] == "obl:tmod")
                && !kept(c)
        };
        let setting = |c: usize| {
            matches!(t.base(c), "obl" | "nmod")
                && t.case_of(c).is_some_and(|p| {
                    self.coder
                        .options
                        .lexicon
                        .setting_preps
                        .contains(&p.as_str())
                        || places.iter().any(|x| **x == *p)
                })
        };
        let clause = |c: usize| {
            (matches!(t.base(c), "advcl" | "ccomp" | "parataxis")
                || t.rel[c] == "acl:relcl"
                || (t.base(c) == "conj" && t.upos[c] == "VERB"))
                && !kept(c)
        };
        let mut words = Vec::new();
        let mut stack: Vec<usize> = t.children[p]
            .iter()
            .copied()
            .filter(|&c| !top_excluded(c) && !setting(c))
            // A relative clause hung from a verb is a misparse, and no place
            // for its target; a noun's clause may be its content (`demands
            // that the government's plans be put on hold`), unless a
            // relative word opens it (`a package which he likened to ...`).
            .filter(|&c| !(t.upos[p] == "VERB" && clause(c)))
            .filter(|&c| !t.is_relative_clause(c))
            .collect();
        while let Some(w) = stack.pop() {
            if words.len() > t.len() {
                break;
            }
            words.push(w);
            stack.extend(
                t.children[w]
                    .iter()
                    .copied()
                    .filter(|&c| !clause(c) && !setting(c)),
            );
        }
        words.retain(|&w| w > p);
        words.sort_unstable();
        let candidates: Vec<usize> = words
            .into_iter()
            .filter(|&w| self.mentions.at[w].is_some_and(|m| !self.is_source(m, sources)))
            // An agent that only modifies a thing (`military equipment`) is no actor.
            .filter(|&w| !self.mentions_of(w).is_empty())
            .collect();
        let coded =
            |w: &usize| self.mentions.at[*w].is_some_and(|m| self.mentions.list[m].code.is_some());
        let first = candidates
            .iter()
            .copied()
            .find(coded)
            .or_else(|| candidates.first().copied());
        first.map(|w| self.mentions_of(w)).unwrap_or_default()
    }

    /// Whether mention `m` is, or refers to, one of `sources`.
    fn is_source(&self, m: usize, sources: &[usize]) -> bool {
        let code = |m: usize| self.mentions.list[m].code.as_deref();
        sources.contains(&m)
            || self.mentions.list[m]
                .distributed
                .iter()
                .any(|d| sources.contains(d))
            || sources
                .iter()
                .any(|&s| code(s).is_some() && code(s) == code(m))
    }

    fn mentions_in(&self, words: &[usize]) -> Vec<usize> {
        let mut out = Vec::new();
        for &w in words {
            for m in self.mentions_of(w) {
                if !out.contains(&m) {
                    out.push(m);
                }
            }
        }
        out
    }

    /// The actor mentions an argument word stands for: its own mention or
    /// that of a possessive/`of` modifier (`Gondor's embassy`), for it and
    /// each word conjoined with it.
    pub(crate) fn mentions_of(&self, w: usize) -> Vec<usize> {
        let t = self.tree;
        let usable = |m: usize| {
            let m = &self.mentions.list[m];
            // An agent that only modifies a thing (`a humanitarian cease-fire`,
            // `military rule`) is no actor; one with a name (`the official
            // news agency WFNA`) is.
            let modifier = m.kind == Kind::Agent
                && !m.person
                && matches!(t.base(m.head), "amod" | "compound")
                && t.head[m.head].is_some_and(|h| self.mentions.at[h].is_none());
            let unresolved = m.kind == Kind::Pronoun && m.code.is_none();
            !(modifier || unresolved)
        };
        let mut out = Vec::new();
        for c in t.coordinated(w) {
            // A noun that is no actor stands for the actor modifying it; of
            // several, the one with the most specific code (`Dagolath's first
            // deputy, Telemar`: Telemar's DAGGOV rather than DAG).
            let m = self.mentions.at[c].or_else(|| {
                let code_len =
                    |m: usize| self.mentions.list[m].code.as_ref().map_or(0, |c| c.len());
                let mut best: Option<usize> = None;
                for k in t.children[c].iter().copied().filter(|&k| {
                    matches!(
                        t.rel[k],
                        "nmod:poss" | "nmod:desc" | "amod" | "compound" | "appos"
                    ) || (t.base(k) == "nmod" && t.case_of(k).is_none_or(|p| p == "of"))
                }) {
                    if let Some(m) = self.mentions.at[k] {
                        if best.is_none_or(|b| code_len(m) > code_len(b)) {
                            best = Some(m);
                        }
                    }
                }
                best
            });
            if let Some(m) = m.filter(|&m| usable(m)) {
                for m in std::iter::once(m).chain(self.mentions.list[m].distributed.iter().copied())
                {
                    if !out.contains(&m) {
                        out.push(m);
                    }
                }
            }
        }
        out
    }

    /// The arguments of predicate `p` read from the parse.
    pub(crate) fn args(&self, p: usize, noun: bool) -> Args {
        let t = self.tree;
        if let Some(h) = self.displaced_host(p).filter(|_| !noun) {
            return self.args(h, false);
        }
        if let Some(h) = self.infinitive_host(p).filter(|_| !noun) {
            // The subject of its governor, and the governor's arguments after it.
            let later = self.args(h, false);
            return Args {
                subj: self.subjects(h, 0),
                obj: later.obj.into_iter().filter(|&w| w > p).collect(),
                obl: later.obl.into_iter().filter(|&(_, w)| w > p).collect(),
                ..Args::default()
            };
        }
        let mut a = Args {
            noun,
            ..Args::default()
        };
        if noun {
            for &c in &t.children[p] {
                let own =
                    self.mentions.at[c].is_some() && self.mentions.at[c] != self.mentions.at[p];
                if t.rel[c] == "nmod:poss" || (own && matches!(t.base(c), "amod" | "compound")) {
                    a.subj.push(c);
                } else if t.base(c) == "nmod" {
                    match t.case_of(c) {
                        // `a visit by Shultz`, `attacks by militants`: the doer.
                        Some(prep) if prep == "by" => a.subj.push(c),
                        Some(prep) => a.obl.push((prep, c)),
                        None => {}
                    }
                }
            }
            if a.subj.is_empty() {
                if let Some(h) = t.head[p] {
                    let support = self.coder.options.lexicon.support_verbs;
                    if t.rel[p] == "obj" && support.contains(&t.lemma[h].as_str()) {
                        a.subj = self.subjects(h, 0);
                        // `launched strikes on bases of the RSF`: the verb's
                        // prepositional phrases belong to the noun.
                        for c in t.kids(h, "obl") {
                            if let Some(prep) = t.case_of(c) {
                                a.obl.push((prep, c));
                            }
                        }
                    }
                }
            }
            return a;
        }
        let own_passive = |w: usize| t.has_kid(w, "nsubj:pass") || t.has_kid(w, "aux:pass");
        // `were arrested and charged`: the second verb shares the first's
        // passive auxiliary.
        let bare_participle = !t.has_kid(p, "nsubj") && !t.has_kid(p, "aux") && t.is_participle(p);
        let passive = own_passive(p)
            || (t.base(p) == "conj" && t.head[p].is_some_and(own_passive) && bare_participle)
            // `the Britons freed from US custody`: a bare participle
            // modifying a noun is passive, the noun what undergoes it.
            || (t.base(p) == "acl" && bare_participle)
            // `Rebuked by Eriador, Osgiliath ...`: a participle clause with
            // its agent.
            || (t.base(p) == "advcl"
                && bare_participle
                && t.kids(p, "obl").any(|c| t.case_of(c).as_deref() == Some("by")));
        for &c in &t.children[p] {
            match t.rel[c] {
                "nsubj" => a.subj.push(c),
                "nsubj:pass" => a.subj_pass.push(c),
                "obj" | "iobj" => a.obj.push(c),
                "obl:agent" => a.agent.push(c),
                "xcomp" => a.xcomp.push(c),
                _ if t.is_controlled(c) => a.xcomp.push(c),
                "ccomp" => a.ccomp.push(c),
                "obl:tmod" | "obl:npmod" => {}
                _ if t.base(c) == "obl" => match t.case_of(c) {
                    Some(prep) if prep == "by" && passive => a.agent.push(c),
                    Some(prep) => a.obl.push((prep, c)),
                    None => {}
                },
                _ => {}
            }
        }
        // `the troops who attacked`: the relative pronoun stands for the noun.
        if t.base(p) == "acl" {
            if let Some(h) = t.head[p] {
                let relative = |&w: &usize| matches!(t.lemma[w].as_str(), "who" | "which" | "that");
                if a.subj.iter().any(relative) {
                    a.subj = vec![h];
                } else if a.subj_pass.iter().any(relative) {
                    a.subj_pass = vec![h];
                }
            }
        }
        if a.subj.is_empty() && a.subj_pass.is_empty() {
            a.subj.extend(self.lost_subject(p));
        }
        if a.subj.is_empty() && a.subj_pass.is_empty() {
            // A passive verb's inherited subject is what undergoes it
            // (`was freed and sent home`).
            let inherited = self.inherited_subject(p, 0);
            if passive {
                a.subj_pass = inherited;
            } else {
                a.subj = inherited;
            }
        }
        if a.obj.is_empty() && t.base(p) == "conj" {
            // `attacked and occupied Gaza`: a shared object hangs from the first verb.
            if let Some(h) = t.head[p] {
                a.obj = t.children[h]
                    .iter()
                    .copied()
                    .filter(|&c| matches!(t.rel[c], "obj" | "iobj") && c > p)
                    .collect();
            }
        }
        a
    }

    /// The subject of a finite verb the parser joined to an earlier clause
    /// with no conjunction (`came days after the United States halted`,
    /// `halted` a `conj` of `came`): the actor mention ending right before
    /// it, when that hangs from the same governor.
    fn lost_subject(&self, p: usize) -> Option<usize> {
        let t = self.tree;
        let h = t.head[p]?;
        if t.base(p) != "conj" || t.has_kid(p, "cc") || !t.is_finite(p) || p == 0 {
            return None;
        }
        let m = self.mentions.at[p - 1]?;
        let mention = &self.mentions.list[m];
        let head = mention.head;
        (mention.end == p
            && mention.code.is_some()
            && mention.kind != Kind::Pronoun
            && t.head[head] == Some(h)
            && head < p
            && !matches!(t.base(head), "nsubj" | "obj" | "iobj"))
        .then_some(head)
    }

    /// The subject words of verb `h`, its own or inherited.
    fn subjects(&self, h: usize, depth: usize) -> Vec<usize> {
        let own: Vec<usize> = self.tree.kids(h, "nsubj").collect();
        if own.is_empty() && depth < 4 {
            self.inherited_subject(h, depth + 1)
        } else {
            own
        }
    }

    fn inherited_subject(&self, p: usize, depth: usize) -> Vec<usize> {
        let t = self.tree;
        let Some(h) = t.head[p] else {
            return Vec::new();
        };
        let lex = &self.coder.options.lexicon;
        let rel = if t.is_controlled(p) {
            "xcomp"
        } else {
            t.base(p)
        };
        match rel {
            "xcomp" => {
                // Object control (`urged Gondor to withdraw`) unless the
                // governor is one of intent or threat (`promised Gondor to ...`).
                let l = t.lemma[h].as_str();
                let objects: Vec<usize> = t.kids(h, "obj").collect();
                if !objects.is_empty()
                    && !lex.intent_verbs.contains(&l)
                    && !lex.threat_verbs.contains(&l)
                {
                    objects
                } else {
                    self.subjects(h, depth)
                }
            }
            "conj" if t.upos[h] == "VERB" => self.subjects(h, depth),
            // `..., killing 12`: a participle or infinitive shares its
            // governor's subject; a finite verb has its own, even when the
            // parser lost it (`after crowds burned down its embassy`).
            "advcl" if t.upos[h] == "VERB" && !t.is_finite(p) => self.subjects(h, depth),
            // A finite verb hung as a clause of a noun (`Gollum centre of a
            // row between ... called on Gondor`) is the sentence's verb the
            // parser missed: its subject is the whole noun phrase, or the
            // noun when the phrase's head names no actor (`a report by two
            // MPs committees called`).
            "acl" if t.rel[p] == "acl" && t.is_finite(p) => {
                let mut top = h;
                for _ in 0..t.len() {
                    match t.head[top] {
                        Some(g) if t.base(top) == "nmod" && self.is_noun(g) => top = g,
                        _ => break,
                    }
                }
                if self.mentions_of(top).is_empty() {
                    vec![h]
                } else {
                    vec![top]
                }
            }
            "acl" => vec![h],
            // A verb the parser hung from its subject (`Mordor, Rohan ... welcomed`).
            "dep" | "parataxis"
                if matches!(t.upos[h], "NOUN" | "PROPN") && self.mentions.at[h].is_some() =>
            {
                vec![h]
            }
            _ => Vec::new(),
        }
    }

    /// The argument words a pattern's actor slots (`$`, `+`, `%`) name as
    /// source and target: for each slot, the first argument that holds it.
    fn bind(&self, pat: &Pattern, list: &[(Rel, usize)], actor: &[bool]) -> Binding {
        let t = self.tree;
        let events = self.coder.dicts.events();
        let mut b = Binding::default();
        for slot in &pat.slots {
            if let Term::Word(_) | Term::Set(_) = slot.head {
                let thing = list.iter().find(|(rel, w)| {
                    *rel == slot.rel && events.term_matches(&slot.head, &t.lemma[*w])
                });
                b.things.extend(thing.map(|&(_, w)| w));
                continue;
            }
            if !matches!(slot.head, Term::Source | Term::Target | Term::Compound) {
                continue;
            }
            let w = list
                .iter()
                .zip(actor)
                .find_map(|(&(ref rel, w), &is_actor)| {
                    let modifiers_hold = slot.modifiers.iter().all(|m| {
                        self.modifiers(w)
                            .any(|c| events.term_matches(m, &t.lemma[c]))
                    });
                    (*rel == slot.rel && is_actor && modifiers_hold).then_some(w)
                });
            match slot.head {
                Term::Target => b.target = w.or(b.target),
                Term::Compound => {
                    b.source = w.or(b.source);
                    b.compound = true;
                }
                _ => b.source = w.or(b.source),
            }
        }
        b
    }

    /// The actors a mention stands for: one, or one per code of a TABARI
    /// `A/B` code (a name that stands for several actors at once).
    fn actor_variants(&self, m: Option<usize>, bare: &[usize]) -> Vec<Option<ActorRef>> {
        let Some(m) = m else { return vec![None] };
        let actor = if bare.contains(&m) {
            self.actor_part(m)
        } else {
            self.actor(m)
        };
        match actor.code.as_deref() {
            Some(code) if code.contains('/') => code
                .split('/')
                .filter(|c| !c.is_empty())
                .map(|c| {
                    let (country, sector) = dyad_dict::split_code_with(c, self.coder.ontology);
                    Some(ActorRef {
                        code: Some(c.to_string()),
                        country: country.map(str::to_string),
                        sector: sector.map(str::to_string),
                        ..actor.clone()
                    })
                })
                .collect(),
            _ => vec![Some(actor)],
        }
    }

    pub(crate) fn actor(&self, m: usize) -> ActorRef {
        let mention = &self.mentions.list[m];
        let (country, sector) = match &mention.code {
            Some(c) => dyad_dict::split_code_with(c, self.coder.ontology),
            None => (None, None),
        };
        let span = self.tree.span(mention.start, mention.end);
        ActorRef {
            code: mention.code.clone(),
            country: country.map(str::to_string),
            sector: sector.map(str::to_string),
            text: self.text(span).to_string(),
            span,
        }
    }

    /// A mention's actor without its agents, and without its head word
    /// when that ends it (`Israel` of `Israel intelligence`).
    fn actor_part(&self, m: usize) -> ActorRef {
        let mention = &self.mentions.list[m];
        let code = mention.base.clone();
        let (country, sector) = match &code {
            Some(c) => dyad_dict::split_code_with(c, self.coder.ontology),
            None => (None, None),
        };
        let end = if mention.head + 1 == mention.end && mention.head > mention.start {
            mention.head
        } else {
            mention.end
        };
        let span = self.tree.span(mention.start, end);
        ActorRef {
            code: code.clone(),
            country: country.map(str::to_string),
            sector: sector.map(str::to_string),
            text: self.text(span).to_string(),
            span,
        }
    }

    pub(crate) fn cameo(&self, code: &str) -> Cameo {
        match self.coder.ontology.cameo(code) {
            Some(c) => Cameo {
                code: c.code.clone(),
                root: c.root.clone(),
                quad_class: Some(c.quad_class),
                goldstein: Some(c.goldstein),
            },
            None => Cameo {
                code: code.to_string(),
                root: code.get(..2).unwrap_or(code).to_string(),
                quad_class: None,
                goldstein: None,
            },
        }
    }

    fn plover(&self, entry: &EventEntry, code: &str) -> Option<Plover> {
        let ontology = self.coder.ontology;
        let event_type = entry.plover_type(code, ontology)?;
        let mapping = ontology
            .plover_for(code)
            .filter(|m| m.event_type == event_type);
        Some(Plover {
            event_type: event_type.to_string(),
            mode: mapping.and_then(|m| m.mode.clone()),
            context: mapping.and_then(|m| m.context().map(str::to_string)),
        })
    }

    pub(crate) fn text(&self, span: dyad_core::Span) -> &'c str {
        self.article.text.get(span.range()).unwrap_or("")
    }

    pub(crate) fn text_span(&self, span: dyad_core::Span) -> TextSpan {
        TextSpan {
            text: self.text(span).to_string(),
            span,
        }
    }
}
