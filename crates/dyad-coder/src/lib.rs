//! dyad's event coder: from parsed sentences to events.
//!
//! [`Coder::code_article`] takes an article and its sentences, already
//! tagged, lemmatized and parsed (Universal Dependencies), and returns its
//! [`Event`]s. Each sentence goes through these stages, one module each:
//!
//! 1. discards ([`Coder::code_article`]): a sentence- or story-scope discard
//!    phrase drops the sentence or the whole article;
//! 2. `mentions`: actors and agents from the dictionaries over the words'
//!    forms, joined into noun phrases through the parse and resolved by the
//!    article's date; unknown proper nouns and pronouns; then coreference
//!    with earlier mentions of the article (`he`, `the president`, short names);
//! 3. `clause`: predicates (verbs by lemma, event nouns), their arguments
//!    (subject → source, object or first actor `obl` → target, passives
//!    reversed, subjects inherited through `xcomp`, `conj` and relative
//!    clauses, conjoined actors multiplied), the dictionaries' patterns, and
//!    which predicates give way to others (`threatened to attack` is one
//!    threat, `the ministry said Russia will ...` one event attributed to the
//!    ministry);
//! 4. `modality`: negation, mood and attribution (reported speech);
//! 5. `conditions`: `if`/`unless` clauses and `in return for` exchanges,
//!    coded as events where the dictionaries allow;
//! 6. `quantities`: numbers attached to the predicate's arguments.
//!
//! Every CAMEO code comes from the dictionaries and every code's meaning
//! from the ontology: the coder holds English function words (the
//! [`Lexicon`]) but no event codes. When no entry or pattern gives a code,
//! no event is made (no fallback code).

mod clause;
mod conditions;
mod event;
mod explain;
pub mod export;
mod mentions;
mod modality;
mod quantities;
mod tabari;
mod tree;
pub mod validation;

pub use event::{ActorRef, Cameo, Condition, Event, Mood, Plover, Quantity, TextSpan};
pub use explain::{MentionTrace, PatternTrace, PredicateTrace, SentenceTrace, WordTrace};
pub use mentions::Referent;

use dyad_core::{Article, Sentence};
use dyad_dict::{Dictionaries, DiscardEntry, Scope};
use dyad_ontology::Ontology;

/// English function words the coder reads structure from. They are
/// grammar, not event codes: which verbs report speech, deny, express
/// intent or threat; which auxiliaries mark the future or a hypothesis.
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// Verbs whose clausal complement is reported speech (`said`, `announced`).
    pub report_verbs: &'static [&'static str],
    /// Verbs that deny their complement (`denied attacking`, `refused to`,
    /// `failed to`).
    pub deny_verbs: &'static [&'static str],
    /// Verbs whose object event noun is the subject's own act (`imposed
    /// sanctions`, `launched an invasion`); other verbs (`condemned the
    /// invasion`) do not give the noun their subject.
    pub support_verbs: &'static [&'static str],
    /// Verbs of intention, promise and offer: mood `intent`.
    pub intent_verbs: &'static [&'static str],
    /// Verbs of threat: mood `threat`.
    pub threat_verbs: &'static [&'static str],
    /// Auxiliaries of the future: mood `future`.
    pub future_aux: &'static [&'static str],
    /// Auxiliaries of a hypothesis: mood `conditional`.
    pub conditional_aux: &'static [&'static str],
    /// Negators on a predicate (`advmod`).
    pub negators: &'static [&'static str],
    /// Determiners that deny the noun they go with (`no demands were made`).
    pub negative_determiners: &'static [&'static str],
    /// Clause markers that make a condition (`if`, `unless`).
    pub condition_marks: &'static [&'static str],
    /// Prepositions of place and time, whose actors are where or when an
    /// event happened, not its target (`protests across Europe`). `near` and
    /// `at` are not among them: shells are fired at and near their targets.
    pub setting_preps: &'static [&'static str],
    /// Nouns of an exchange (`in return for`, `in exchange for`).
    pub exchange_nouns: &'static [&'static str],
    /// Determiners that make an agent phrase refer back (`the president`).
    pub definite: &'static [&'static str],
    pub person_pronouns: &'static [&'static str],
    pub thing_pronouns: &'static [&'static str],
    pub plural_pronouns: &'static [&'static str],
    /// Proper nouns that name times, not actors (`Monday`, `May`).
    pub calendar_words: &'static [&'static str],
}

impl Default for Lexicon {
    fn default() -> Lexicon {
        Lexicon {
            report_verbs: &[
                "say", "tell", "announce", "claim", "report", "state", "add", "insist", "confirm",
                "declare", "note", "allege", "assert",
            ],
            deny_verbs: &["deny", "refuse", "decline", "fail"],
            support_verbs: &[
                "launch",
                "begin",
                "start",
                "conduct",
                "impose",
                "announce",
                "order",
                "stage",
                "mount",
                "make",
                "hold",
                "approve",
                "continue",
                "expand",
                "resume",
                "carry",
                "extend",
                "complete",
                "undertake",
            ],
            intent_verbs: &[
                "vow", "promise", "pledge", "offer", "plan", "intend", "agree", "want", "seek",
                "hope", "aim", "prepare", "propose", "expect", "try", "attempt",
            ],
            threat_verbs: &["threaten", "warn"],
            future_aux: &["will", "shall", "'ll"],
            conditional_aux: &["would", "could", "might", "may", "should", "'d"],
            negators: &["not", "n't", "never"],
            negative_determiners: &["no"],
            condition_marks: &["if", "unless"],
            exchange_nouns: &["return", "exchange"],
            setting_preps: &[
                "across",
                "around",
                "outside",
                "inside",
                "throughout",
                "during",
                "since",
                "until",
                "within",
                "beyond",
                "via",
                "despite",
                "amid",
                "along",
            ],
            definite: &["the", "this", "that"],
            person_pronouns: &["he", "him", "his", "she", "her"],
            thing_pronouns: &["it", "its"],
            plural_pronouns: &["they", "them", "their"],
            calendar_words: &[
                "monday",
                "tuesday",
                "wednesday",
                "thursday",
                "friday",
                "saturday",
                "sunday",
                "january",
                "february",
                "march",
                "april",
                "may",
                "june",
                "july",
                "august",
                "september",
                "october",
                "november",
                "december",
            ],
        }
    }
}

impl Lexicon {
    pub fn pronoun(&self, form: &str) -> Option<Referent> {
        let f = form.to_lowercase();
        if self.person_pronouns.contains(&f.as_str()) {
            Some(Referent::Person)
        } else if self.thing_pronouns.contains(&f.as_str()) {
            Some(Referent::Thing)
        } else if self.plural_pronouns.contains(&f.as_str()) {
            Some(Referent::Plural)
        } else {
            None
        }
    }

    fn is_calendar_word(&self, lemma: &str) -> bool {
        self.calendar_words.contains(&lemma)
    }
}

/// How the coder codes.
#[derive(Debug, Clone)]
pub struct Options {
    pub lexicon: Lexicon,
    /// Make events only when both source and target have a code (as
    /// PETRARCH does); by default one coded side is enough.
    pub require_both: bool,
    /// Make events only when a side names an actor, not only a role: a
    /// country, organisation, group or person, so that `the company
    /// rejected the offer` or `officials met` code nothing. On by default;
    /// PETRARCH's validation records expect role-only events (`---GOV`).
    pub require_actor: bool,
    /// Make events only when the text names a source, or the predicate is
    /// an agentless passive (`troops were attacked`). On by default;
    /// PETRARCH's validation records expect events with no source.
    pub require_source: bool,
    /// Keep events whose every coded side is a business (actor-code blocks
    /// the ontology marks commercial: `BUS`, `MNC`), which in wire news are
    /// business news. Off by default; on in PETRARCH validation.
    pub business_events: bool,
    /// Use PETRARCH-1/TABARI patterns, whose slots only approximate the
    /// word sequences they were written as (see `Events::select`).
    pub tabari_patterns: bool,
    /// Report verbs code their own event even when what they report is
    /// coded (PETRARCH's behaviour); by default the report is recorded as
    /// the reported event's `attributed_to` instead.
    pub report_events: bool,
    /// Make an event without a target only when the predicate has an object
    /// or a prepositional phrase where one could be, even uncoded (PETRARCH
    /// codes nothing for `a senior official said today`, with no object).
    pub require_target_phrase: bool,
    /// Code a named actor the dictionaries do not know by the words of its
    /// noun phrase, upper case and quoted, when that has at most this many
    /// words (PETRARCH's `new_actor_length`); 0: leave it uncoded.
    pub new_actor_length: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            lexicon: Lexicon::default(),
            require_both: false,
            require_actor: true,
            require_source: true,
            business_events: false,
            tabari_patterns: true,
            report_events: false,
            require_target_phrase: false,
            new_actor_length: 0,
        }
    }
}

/// What [`Coder::prospect`] says a sentence may hold before it is parsed,
/// so that a caller parses only the sentences whose parse can matter.
/// [`Coder::code_article`] finds nothing in a sentence without a mention
/// (an actor or agent name, a proper noun, a pronoun) and carries nothing
/// from it to the next sentence; a sentence's mentions matter only to
/// itself and to the pronouns and short names of later ones. So a sentence
/// needs its parse when it has a mention and it, or a sentence after it,
/// may hold an event. In Reuters-21578 a third of the sentences (15% for
/// want of a mention), a ninth of the words, need no parse.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Prospect {
    /// It has a word a mention can start from.
    pub mention: bool,
    /// It also has a word that is a verb or ends an event noun in the
    /// dictionaries, and no discard phrase.
    pub event: bool,
}

/// Codes parsed articles with a set of dictionaries and an ontology.
pub struct Coder<'a> {
    dicts: &'a Dictionaries,
    ontology: &'a Ontology,
    options: Options,
}

impl<'a> Coder<'a> {
    pub fn new(dicts: &'a Dictionaries, ontology: &'a Ontology, options: Options) -> Coder<'a> {
        Coder {
            dicts,
            ontology,
            options,
        }
    }

    /// The events of an article whose sentences are tagged and parsed
    /// (spans into `article.text`). Sentences without a parse code nothing.
    pub fn code_article(&self, article: &Article, sentences: &[Sentence]) -> Vec<Event> {
        let mut events = Vec::new();
        self.each_sentence(article, sentences, |ctx, discard| {
            if discard.is_none() {
                events.extend(ctx.code());
            }
        });
        events
    }

    /// What a sentence, tagged and lemmatized but not yet parsed, may hold,
    /// whatever its parse turns out to be; see [`Prospect`].
    pub fn prospect(&self, text: &str, sentence: &Sentence) -> Prospect {
        let tree = tree::Tree::new(text, sentence);
        let mention = mentions::any(&tree, self.dicts, &self.options.lexicon);
        let event = mention
            && self
                .dicts
                .discards()
                .check_in(&self.dicts.encode(&tree.form))
                .is_none()
            && (0..tree.len()).any(|p| clause::may_be_predicate(&tree, self.dicts.events(), p));
        Prospect { mention, event }
    }

    /// [`Prospect::mention`] alone, for a caller that already knows a later
    /// sentence may hold an event, and so needs no more.
    pub fn may_mention(&self, text: &str, sentence: &Sentence) -> bool {
        let tree = tree::Tree::new(text, sentence);
        mentions::any(&tree, self.dicts, &self.options.lexicon)
    }

    /// What [`code_article`](Self::code_article) does, sentence by sentence:
    /// the parse, the mentions, each predicate's candidate entries,
    /// arguments and patterns (which held, which did not and why), what
    /// became of it, and the events (`dyad explain`).
    pub fn explain_article(&self, article: &Article, sentences: &[Sentence]) -> Vec<SentenceTrace> {
        let mut out = Vec::new();
        self.each_sentence(article, sentences, |ctx, discard| {
            out.push(ctx.explain(discard))
        });
        out
    }

    /// Runs `each` on every sentence with its mentions resolved, in order,
    /// with the discard phrase that drops it, if any (a story discard drops
    /// every sentence).
    fn each_sentence<'s>(
        &'s self,
        article: &'s Article,
        sentences: &'s [Sentence],
        mut each: impl FnMut(&clause::Context<'_, 'a>, Option<&'a DiscardEntry>),
    ) {
        let trees: Vec<tree::Tree> = sentences
            .iter()
            .map(|s| {
                let mut t = tree::Tree::new(&article.text, s);
                t.reattach_trailing_reports(self.options.lexicon.report_verbs);
                t.reattach_participle_objects();
                t
            })
            .collect();
        let encoded: Vec<_> = trees.iter().map(|t| self.dicts.encode(&t.form)).collect();
        let discards: Vec<Option<(Scope, &'a DiscardEntry)>> = encoded
            .iter()
            .map(|e| self.dicts.discards().check_in(e))
            .collect();
        let story = discards
            .iter()
            .flatten()
            .find(|(scope, _)| *scope == Scope::Story)
            .map(|&(_, entry)| entry);
        let date = article.date;
        let mut history = mentions::History::default();
        for (index, (t, enc)) in trees.iter().zip(&encoded).enumerate() {
            let mut m = mentions::find(t, enc, self.dicts, &self.options, date);
            history.resolve(&mut m, &self.options.lexicon, date);
            let ctx = clause::Context {
                coder: self,
                article,
                index,
                sentence: &sentences[index],
                tree: t,
                mentions: &m,
            };
            each(&ctx, story.or(discards[index].map(|(_, e)| e)));
        }
    }
}
