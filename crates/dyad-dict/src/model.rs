//! The dictionary model: one set of entry types whatever file format they
//! came from.

use crate::date::DateRange;
use jiff::civil::Date;
use std::sync::Arc;

/// Where an entry was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: Arc<str>,
    pub line: u32,
}

/// A name or phrase as written in a dictionary (words separated by spaces).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    pub text: Box<str>,
    pub line: u32,
    /// Made by the compiler (a regular plural, a macro expansion), not written.
    pub generated: bool,
}

impl Name {
    pub fn new(text: impl Into<Box<str>>, line: u32) -> Name {
        Name {
            text: text.into(),
            line,
            generated: false,
        }
    }
    pub fn generated(text: impl Into<Box<str>>, line: u32) -> Name {
        Name {
            text: text.into(),
            line,
            generated: true,
        }
    }
}

/// An actor code, optionally restricted to a date range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedCode {
    /// The code as written, upper case: `USAGOV`; `---` is the null code
    /// (the name is known but codes as nothing); TABARI's `A/B` codes
    /// several actors at once.
    pub code: Box<str>,
    pub range: Option<DateRange>,
    pub line: u32,
}

/// Whether an actor or event code is the null code (`---`, `+++`, empty).
pub fn is_null_code(code: &str) -> bool {
    !code.bytes().any(|b| b.is_ascii_alphanumeric())
}

/// A named actor: a country, organisation, group, person or place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorEntry {
    /// `JOE_BIDEN`; for PETRARCH files, the first name of the entry with `_`
    /// between words.
    pub id: Box<str>,
    pub names: Vec<Name>,
    /// Short forms that only refer back to a full mention (dyad's `short`).
    pub short: Vec<Name>,
    /// In file order: the first dated code whose range holds the date wins,
    /// otherwise the first undated code.
    pub codes: Vec<DatedCode>,
    pub titles: Vec<Title>,
    pub notes: Vec<Box<str>>,
    pub origin: Origin,
}

/// A title an actor holds (`President`), optionally dated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    pub text: Box<str>,
    pub range: Option<DateRange>,
    pub line: u32,
}

impl ActorEntry {
    /// The code entry that applies on `date`: the first dated code whose
    /// range holds the date, otherwise the first undated code.
    pub fn code_entry_on(&self, date: Date) -> Option<&DatedCode> {
        self.codes
            .iter()
            .find(|c| c.range.is_some_and(|r| r.contains(date)))
            .or_else(|| self.codes.iter().find(|c| c.range.is_none()))
    }

    /// The actor's code on `date`; `None` when no code applies or the code
    /// that applies is the null code.
    pub fn code_on(&self, date: Date) -> Option<&str> {
        self.code_entry_on(date)
            .map(|c| &*c.code)
            .filter(|c| !is_null_code(c))
    }

    /// The code without a date: the first undated code, else the first code.
    pub fn code_undated(&self) -> Option<&str> {
        self.codes
            .iter()
            .find(|c| c.range.is_none())
            .or_else(|| self.codes.first())
            .map(|c| &*c.code)
            .filter(|c| !is_null_code(c))
    }

    /// [`code_on`](Self::code_on) when a date is known, else [`code_undated`](Self::code_undated).
    pub fn code_at(&self, date: Option<Date>) -> Option<&str> {
        match date {
            Some(d) => self.code_on(d),
            None => self.code_undated(),
        }
    }
}

/// Where an agent's code goes relative to the actor's code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// `~MIL`: after the actor's code (`ISR` + `MIL` = `ISRMIL`).
    Suffix,
    /// `NGO~`: before it (`NGO` + `USA` = `NGOUSA`).
    Prefix,
}

/// A role noun (`president`, `troops`) that adds a sector to a nearby actor
/// or stands for a generic actor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentEntry {
    pub id: Box<str>,
    pub names: Vec<Name>,
    /// Upper case, without the `~`.
    pub code: Box<str>,
    pub placement: Placement,
    pub origin: Origin,
}

impl AgentEntry {
    /// The code of this agent attached to an actor's code: `ISR` + `~MIL` =
    /// `ISRMIL`, `USA` + `NGO~` = `NGOUSA`; three-letter blocks the actor's
    /// code already has are not repeated (`USAGOV` + `~GOV` = `USAGOV`).
    /// Without an actor, the agent's code alone.
    pub fn compose(&self, actor: Option<&str>) -> String {
        let Some(actor) = actor.filter(|a| !a.is_empty()) else {
            return self.code.to_string();
        };
        let has = |block: &str| blocks(actor).any(|b| b == block);
        let added: String = blocks(&self.code).filter(|b| !has(b)).collect();
        match self.placement {
            Placement::Suffix => format!("{actor}{added}"),
            Placement::Prefix => format!("{added}{actor}"),
        }
    }
}

/// The three-letter blocks of a code (a shorter tail is its own block).
pub fn blocks(code: &str) -> impl Iterator<Item = &str> {
    let n = code.len();
    (0..n)
        .step_by(3)
        .map(move |i| code.get(i..(i + 3).min(n)).unwrap_or(""))
}

/// An event code: CAMEO codes for the event from source to target and, for
/// paired codes such as `[042:043]`, the event from target back to source.
/// `[---]` has neither: the verb alone codes no event.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct EventCode {
    pub forward: Option<Box<str>>,
    pub reverse: Option<Box<str>>,
}

impl EventCode {
    /// Parses `042`, `042:043`, `:173`, `---`.
    pub fn parse(s: &str) -> EventCode {
        let part = |p: &str| {
            let p = p.trim();
            (!is_null_code(p)).then(|| p.to_ascii_uppercase().into_boxed_str())
        };
        match s.split_once(':') {
            Some((a, b)) => EventCode {
                forward: part(a),
                reverse: part(b),
            },
            None => EventCode {
                forward: part(s),
                reverse: None,
            },
        }
    }

    pub fn is_null(&self) -> bool {
        self.forward.is_none() && self.reverse.is_none()
    }

    /// The codes present, forward first.
    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.forward.iter().chain(self.reverse.iter()).map(|c| &**c)
    }
}

impl std::fmt::Display for EventCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.forward, &self.reverse) {
            (None, None) => f.write_str("---"),
            (Some(a), None) => f.write_str(a),
            (a, Some(b)) => write!(f, "{}:{b}", a.as_deref().unwrap_or("")),
        }
    }
}

/// A verb of an event entry, with the particles of a multi-word verb.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verb {
    /// Lower case: `offer`, `clear` (of `clear up`).
    pub lemma: Box<str>,
    /// Words that come before the verb (`re` in PETRARCH's `RE_+ARREST`).
    pub before: Vec<Box<str>>,
    /// Words after it: particles and fixed objects (`up` of `clear up`).
    pub after: Vec<Box<str>>,
    /// Inflected forms (lower case), given or generated; includes the lemma.
    pub forms: Vec<Box<str>>,
    /// The verb's own code, if it differs from its entry's.
    pub code: Option<EventCode>,
    pub line: u32,
}

/// The grammatical relation of a pattern slot to the verb, as Universal
/// Dependencies names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Rel {
    /// `nsubj` (the active subject).
    Subject,
    /// `obj` or `iobj`.
    Object,
    /// `obl` with this `case` word (`to`, `with`, `against`); also a noun
    /// modifier of an event noun (`nmod` with `case`).
    Obl(Box<str>),
    /// `xcomp`: a controlled verb (`agreed to meet`); the slot's head is its lemma.
    Xcomp,
    /// `ccomp`: a clausal complement (`demonstrated that ...`); the slot's
    /// head is the lemma of the clause's head.
    Ccomp,
    /// `obl:agent`: the `by` phrase of a passive.
    PassiveAgent,
    /// `nsubj:pass`: the subject of a passive.
    PassiveSubject,
}

/// What fills a slot.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Term {
    /// Anything (or nothing more than the relation).
    Any,
    /// This word (lower case), matched against the head's lemma or form.
    Word(Box<str>),
    /// Any member of this word set (`&CURRENCY`, dyad's `set`).
    Set(Box<str>),
    /// The source actor of the event sits here (`$`).
    Source,
    /// The target actor sits here (`+`).
    Target,
    /// Source and target both (a compound actor, `%`).
    Compound,
}

/// A condition on one argument of the verb.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Slot {
    pub rel: Rel,
    pub head: Term,
    /// Words that must modify the head (`{ARMS SHIPMENT}`: `arms`).
    pub modifiers: Vec<Term>,
}

/// The syntax a pattern was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// dyad's `pattern` field: slots named by relation.
    Dyad,
    /// PETRARCH-2 (`CAMEO.2.0.txt`): nouns and `(PREP ...)` phrases before
    /// and after the verb, mapped to subject, object and obl slots exactly.
    Petrarch2,
    /// PETRARCH-1/TABARI: a sequence of words around the verb; slots are an
    /// approximation (words after the verb are objects, a preposition and
    /// what follows an obl), the written sequence is kept in
    /// [`Pattern::sequence`].
    Tabari,
}

/// One element of a PETRARCH-1/TABARI pattern sequence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeqItem {
    Word(Box<str>),
    Set(Box<str>),
    /// `$`, `+`, `%`
    Actor(Term),
    /// `^`: skip a noun phrase.
    Skip,
    /// `*`: the verb.
    Verb,
    /// `_` between two items: they must be consecutive.
    Join,
}

/// A pattern: conditions on a verb's arguments that select a code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// The verb (lemma) or event noun the pattern is for; `None`: every verb
    /// of its entry (PETRARCH patterns apply to the whole block).
    pub verb: Option<Box<str>>,
    pub slots: Vec<Slot>,
    pub code: EventCode,
    pub syntax: Syntax,
    /// For TABARI patterns, the sequence as written.
    pub sequence: Vec<SeqItem>,
    /// The pattern as written, for messages.
    pub text: Box<str>,
    pub line: u32,
}

/// An event entry: a PETRARCH verb block (`--- GRANT [070] ---`) or a dyad
/// `event`: verbs and event nouns sharing a default code and patterns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventEntry {
    pub id: Box<str>,
    /// The code of a verb of the entry that no pattern refines.
    pub code: EventCode,
    pub verbs: Vec<Verb>,
    /// Event nouns (`visit`, `talks`, `sanctions`), lower case.
    pub nouns: Vec<Name>,
    /// A PLOVER type given explicitly (otherwise it follows from the CAMEO code).
    pub plover: Option<Box<str>>,
    /// Prepositions whose phrase says where the event happens, never whom
    /// it is done to (`in`, `at` for a meeting: `met in Bahrain`), lower case.
    pub places: Vec<Box<str>>,
    /// Whether the possessor of one of the entry's nouns is whom the event
    /// is done to (`his arrest`, `the minister's release`) rather than who
    /// does it (`Xi's visit`, the default).
    pub possessor_is_target: bool,
    pub patterns: Vec<Pattern>,
    pub origin: Origin,
}

impl EventEntry {
    /// The PLOVER type of an event this entry codes with CAMEO code `cameo`:
    /// the entry's own `plover` if given, else the ontology's mapping of the
    /// code (`None` for codes PLOVER does not carry over).
    pub fn plover_type<'a>(
        &'a self,
        cameo: &str,
        ontology: &'a dyad_ontology::Ontology,
    ) -> Option<&'a str> {
        self.plover
            .as_deref()
            .or_else(|| ontology.plover_for(cameo).map(|m| m.event_type.as_str()))
    }
}

/// A named set of words or phrases usable in patterns (`&CURRENCY`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordSet {
    /// Without the `&`, upper case as written: `CURRENCY`.
    pub id: Box<str>,
    /// Members as written; a member `&OTHER` includes another set.
    pub members: Vec<Name>,
    /// Whether regular plurals of the members are members too (PETRARCH sets
    /// whose label ends in `_` have none, nor do members ending in `_`).
    pub plurals: bool,
    pub origin: Origin,
}

/// A PETRARCH-2 verb transformation (`~ a (a b ATTACK) SAY = a b 015`): an
/// event reported by another turns into a new event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transformation {
    /// The words of the left side, parentheses removed: `a a b ATTACK SAY`.
    pub pattern: Vec<Box<str>>,
    /// The right side: `a b 015`.
    pub result: Vec<Box<str>>,
    pub origin: Origin,
}

/// How much text a discard phrase throws away.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    Sentence,
    Story,
}

/// A phrase whose presence means the text is not coded (sports, films).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscardEntry {
    pub id: Box<str>,
    pub names: Vec<Name>,
    pub scope: Scope,
    pub origin: Origin,
}

/// An issue: phrases that mark what a sentence is about (`OIL`, `TOURISM`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueEntry {
    /// The issue code: `EARLY_CHILDHOOD_EDUCATION`.
    pub id: Box<str>,
    pub category: Option<Box<str>>,
    pub names: Vec<Name>,
    /// Phrases that cancel the issue coding where they occur (`olive oil`).
    pub exceptions: Vec<(Name, Scope)>,
    pub origin: Origin,
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn agent(code: &str, placement: Placement) -> AgentEntry {
        AgentEntry {
            id: "X".into(),
            names: vec![],
            code: code.into(),
            placement,
            origin: Origin {
                file: "t".into(),
                line: 1,
            },
        }
    }

    #[test]
    fn compose_agents() {
        assert_eq!(
            agent("MIL", Placement::Suffix).compose(Some("ISR")),
            "ISRMIL"
        );
        assert_eq!(
            agent("GOV", Placement::Suffix).compose(Some("USAGOV")),
            "USAGOV"
        );
        assert_eq!(
            agent("NGO", Placement::Prefix).compose(Some("USA")),
            "NGOUSA"
        );
        assert_eq!(agent("OPP", Placement::Suffix).compose(None), "OPP");
        assert_eq!(
            agent("GOVMED", Placement::Suffix).compose(Some("EGY")),
            "EGYGOVMED"
        );
    }

    #[test]
    fn event_codes() {
        let c = EventCode::parse("042:043");
        assert_eq!(
            (c.forward.as_deref(), c.reverse.as_deref()),
            (Some("042"), Some("043"))
        );
        let c = EventCode::parse(":173");
        assert_eq!(
            (c.forward.as_deref(), c.reverse.as_deref()),
            (None, Some("173"))
        );
        assert!(EventCode::parse("---").is_null());
        assert_eq!(EventCode::parse("042:043").to_string(), "042:043");
        assert_eq!(EventCode::parse(":173").to_string(), ":173");
    }

    #[test]
    fn first_dated_code_wins_then_undated() {
        let r = |s: &str| Some(DateRange::parse_petrarch(s).unwrap());
        let code = |c: &str, range| DatedCode {
            code: c.into(),
            range,
            line: 1,
        };
        let e = ActorEntry {
            id: "SAM".into(),
            names: vec![],
            short: vec![],
            codes: vec![
                code("HOB", None),
                code("ORCHOB", r("20100109-20100112")),
                code("HOBMIL", r("20080120-20121109")),
                code("---", r("<19000101")),
            ],
            titles: vec![],
            notes: vec![],
            origin: Origin {
                file: "t".into(),
                line: 1,
            },
        };
        assert_eq!(e.code_on(date(2010, 1, 10)), Some("ORCHOB"));
        assert_eq!(e.code_on(date(2010, 1, 13)), Some("HOBMIL"));
        assert_eq!(e.code_on(date(2020, 1, 1)), Some("HOB"));
        assert_eq!(e.code_on(date(1800, 1, 1)), None);
        assert_eq!(e.code_undated(), Some("HOB"));
    }
}
