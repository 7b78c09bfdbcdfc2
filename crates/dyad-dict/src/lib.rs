//! dyad's dictionary engine.
//!
//! One model for everything a coder looks up, whatever format it was written
//! in ([`model`]): actors (names with dated codes), agents (role nouns that
//! add a sector to an actor), event entries (verbs and event nouns with
//! patterns on their arguments, mapped to CAMEO codes, and through the
//! ontology to PLOVER), word sets, discards and issues.
//!
//! Files are read by hand-written line parsers ([`petrarch`] for the
//! PETRARCH/TABARI formats, `dyad_format` for dyad's own `.dyad` files); a bad
//! line becomes a [`Diagnostic`] naming file and line, and the rest loads.
//! Loading then compiles every name and phrase into token automata
//! ([`matcher`]): multi-word names, plurals and verb forms are expanded once,
//! so finding every actor in a sentence costs time linear in its length.
//!
//! What a coder uses, given a sentence's words (their forms, as `&str`):
//!
//! - [`Dictionaries::load`] (the `--dict` arguments) or [`Dictionaries::builtin`];
//! - [`Dictionaries::mentions`]: every actor mention, coded on the article's
//!   date, with adjacent agents composed, as token ranges; or, one level
//!   down, [`Actors::find_all`] / [`Agents::find_all`] and
//!   [`ActorEntry::code_on`], [`AgentEntry::compose`],
//!   [`Actors::short_candidates`] for a surname; [`Dictionaries::encode`]
//!   once and the `find_in` methods to search several dictionaries;
//! - [`Events::by_lemma`] (or [`Events::by_form`] without lemmas) and
//!   [`Events::by_noun`]: the entries a predicate may code, their
//!   [`Pattern`]s (slots per UD relation) and codes, with
//!   [`Events::select`] to pick the code from the predicate's arguments
//!   ([`Events::term_matches`] tests one head word), and
//!   [`EventEntry::plover_type`] for PLOVER;
//! - [`Discards::check`] before coding a sentence, [`Issues::find_all`] after;
//! - [`split_code`] for the country and sector of a code.
//!
//! ```
//! use dyad_dict::{Dictionaries, Format, Source};
//! let (dicts, diags) = Dictionaries::from_sources(&[
//!     Source::new("actors.txt", Format::PetrarchActors, "ISRAEL [ISR]\n+ISRAELI\n"),
//!     Source::new("agents.txt", Format::PetrarchAgents, "TROOP [~MIL]\n"),
//! ]);
//! assert!(diags.is_empty());
//! let r = dicts.resolve(&["Israeli", "troops"], None).unwrap();
//! assert_eq!(r.code.as_deref(), Some("ISRMIL"));
//! ```

pub mod date;
pub mod diag;
mod dyad_format;
pub mod lint;
pub mod matcher;
pub mod model;
pub mod petrarch;
pub mod text;
pub mod yardstick;

pub use date::DateRange;
pub use diag::{Diagnostic, Severity};
pub use model::*;

use diag::Sink;
use jiff::civil::Date;
use matcher::{Added, Encoded, PhraseSet, PhraseSetBuilder, Vocab};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// The format of a dictionary file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// dyad's own `.dyad` format (every kind of entry).
    Dyad,
    PetrarchActors,
    PetrarchAgents,
    /// PETRARCH-2 (`CAMEO.2.0.txt`) and PETRARCH-1/TABARI verb pattern files.
    PetrarchVerbs,
    PetrarchDiscards,
    PetrarchIssues,
}

impl Format {
    /// The name used in `KIND:PATH` arguments.
    pub fn from_kind(kind: &str) -> Option<Format> {
        Some(match kind {
            "dyad" => Format::Dyad,
            "actors" => Format::PetrarchActors,
            "agents" => Format::PetrarchAgents,
            "verbs" => Format::PetrarchVerbs,
            "discards" => Format::PetrarchDiscards,
            "issues" => Format::PetrarchIssues,
            _ => return None,
        })
    }

    /// Guesses a file's format from its name, then from its text.
    pub fn detect(path: &Path, text: &str) -> Option<Format> {
        let name = path.file_name()?.to_string_lossy().to_lowercase();
        if name.ends_with(".dyad") {
            return Some(Format::Dyad);
        }
        for (part, f) in [
            ("actor", Format::PetrarchActors),
            ("agent", Format::PetrarchAgents),
            ("verb", Format::PetrarchVerbs),
            ("cameo", Format::PetrarchVerbs),
            ("discard", Format::PetrarchDiscards),
            ("issue", Format::PetrarchIssues),
        ] {
            if name.contains(part) {
                return Some(f);
            }
        }
        if text.contains("<ISSUE") {
            Some(Format::PetrarchIssues)
        } else if text.lines().any(|l| l.starts_with("---")) {
            Some(Format::PetrarchVerbs)
        } else if text.contains("[~") || text.contains("~]") {
            Some(Format::PetrarchAgents)
        } else if text.contains('[') {
            Some(Format::PetrarchActors)
        } else {
            None
        }
    }
}

/// A dictionary file's text with its name and format.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: Arc<str>,
    pub format: Format,
    pub text: String,
}

impl Source {
    pub fn new(name: &str, format: Format, text: impl Into<String>) -> Source {
        Source {
            name: name.into(),
            format,
            text: text.into(),
        }
    }
}

/// Why dictionary files could not be read at all (bad lines are diagnostics, not errors).
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}: cannot tell the dictionary format from the name or the text; write it as KIND:PATH with KIND one of dyad, actors, agents, verbs, discards, issues")]
    UnknownFormat(PathBuf),
    #[error("{path}: {message}")]
    Config { path: PathBuf, message: String },
}

/// Expands a `--dict` argument into sources: `KIND:PATH`, a file (format
/// detected), a directory (its `.dyad` files, recursively, in name order) or
/// a PETRARCH `PETR_config.ini` (the dictionaries its `[Dictionaries]`
/// section names, next to it).
pub fn sources_from_arg(arg: &str) -> Result<Vec<Source>, LoadError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| LoadError::Io { path, source }
    };
    if let Some((kind, rest)) = arg.split_once(':') {
        if let Some(format) = Format::from_kind(kind) {
            let path = Path::new(rest);
            let text = std::fs::read_to_string(path).map_err(io(path))?;
            return Ok(vec![Source::new(rest, format, text)]);
        }
    }
    let path = Path::new(arg);
    if path.is_dir() {
        let mut files = Vec::new();
        collect_dyad_files(path, &mut files).map_err(io(path))?;
        files.sort();
        return files
            .into_iter()
            .map(|f| {
                let text = std::fs::read_to_string(&f).map_err(io(&f))?;
                Ok(Source::new(&f.to_string_lossy(), Format::Dyad, text))
            })
            .collect();
    }
    let text = std::fs::read_to_string(path).map_err(io(path))?;
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ini"))
    {
        return petrarch_config_sources(path, &text);
    }
    let format =
        Format::detect(path, &text).ok_or_else(|| LoadError::UnknownFormat(path.into()))?;
    Ok(vec![Source::new(arg, format, text)])
}

fn collect_dyad_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for e in std::fs::read_dir(dir)? {
        let p = e?.path();
        if p.is_dir() {
            collect_dyad_files(&p, out)?;
        } else if p.extension().is_some_and(|e| e == "dyad") {
            out.push(p);
        }
    }
    Ok(())
}

/// Reads the `[Dictionaries]` section of a PETRARCH config file.
fn petrarch_config_sources(path: &Path, text: &str) -> Result<Vec<Source>, LoadError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut in_section = false;
    let mut out = Vec::new();
    // Values may continue on indented lines, as in Python's configparser.
    let mut joined: Vec<String> = Vec::new();
    for line in text.lines() {
        match joined.last_mut() {
            Some(last) if line.starts_with([' ', '\t']) && !line.trim().is_empty() => {
                last.push(' ');
                last.push_str(line.trim());
            }
            _ => joined.push(line.to_string()),
        }
    }
    for line in &joined {
        let t = line.trim();
        if t.starts_with('[') {
            in_section = t == "[Dictionaries]";
            continue;
        }
        if !in_section || t.starts_with('#') || t.starts_with(';') {
            continue;
        }
        let Some((key, value)) = t.split_once('=') else {
            continue;
        };
        let format = match key.trim() {
            "verbfile_name" => Format::PetrarchVerbs,
            "actorfile_list" => Format::PetrarchActors,
            "agentfile_name" => Format::PetrarchAgents,
            "discardfile_name" => Format::PetrarchDiscards,
            "issuefile_name" => Format::PetrarchIssues,
            _ => continue,
        };
        for name in value.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let p = dir.join(name);
            let text = std::fs::read_to_string(&p).map_err(|source| LoadError::Io {
                path: p.clone(),
                source,
            })?;
            out.push(Source::new(&p.to_string_lossy(), format, text));
        }
    }
    if out.is_empty() {
        return Err(LoadError::Config {
            path: path.into(),
            message: "no dictionaries in its [Dictionaries] section".into(),
        });
    }
    Ok(out)
}

/// Actor entries and the automaton over their names.
#[derive(Debug, Default)]
pub struct Actors {
    entries: Vec<ActorEntry>,
    /// Values: entry index * 2, + 1 for a short name.
    names: Option<PhraseSet>,
    /// First entry with a short name → every entry with it.
    short_groups: HashMap<u32, Vec<u32>>,
    vocab: Arc<Vocab>,
}

/// A name of an actor found in a token sequence: tokens `start..end`.
#[derive(Debug, Clone, Copy)]
pub struct ActorMatch<'d> {
    pub start: usize,
    pub end: usize,
    pub entry: &'d ActorEntry,
    /// Matched a `short` name, which only refers back to a full mention
    /// ([`Actors::short_candidates`] lists every entry with that short name).
    pub short: bool,
    index: u32,
}

impl Actors {
    pub fn entries(&self) -> &[ActorEntry] {
        &self.entries
    }

    /// Every actor name in `tokens`, leftmost-longest, without overlaps.
    pub fn find_all<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<ActorMatch<'_>> {
        self.find_in(&Encoded::new(&self.vocab, tokens))
    }

    /// [`find_all`](Self::find_all) on tokens already encoded by [`Dictionaries::encode`].
    pub fn find_in(&self, enc: &Encoded) -> Vec<ActorMatch<'_>> {
        let Some(set) = &self.names else {
            return vec![];
        };
        set.find_names(enc)
            .into_iter()
            .map(|m| ActorMatch {
                start: m.start,
                end: m.end,
                entry: &self.entries[(m.value / 2) as usize],
                short: m.value % 2 == 1,
                index: m.value / 2,
            })
            .collect()
    }

    /// For a match of a short name (a surname), every entry that has it as a
    /// short name, in load order; for a full name, its entry alone.
    pub fn short_candidates<'a>(&'a self, m: &ActorMatch<'a>) -> Vec<&'a ActorEntry> {
        match self.short_groups.get(&m.index).filter(|_| m.short) {
            Some(group) => group.iter().map(|&i| &self.entries[i as usize]).collect(),
            None => vec![m.entry],
        }
    }
}

/// Agent entries and the automaton over their names.
#[derive(Debug, Default)]
pub struct Agents {
    entries: Vec<AgentEntry>,
    names: Option<PhraseSet>,
    vocab: Arc<Vocab>,
}

#[derive(Debug, Clone, Copy)]
pub struct AgentMatch<'d> {
    pub start: usize,
    pub end: usize,
    pub entry: &'d AgentEntry,
}

impl Agents {
    pub fn entries(&self) -> &[AgentEntry] {
        &self.entries
    }

    pub fn find_all<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<AgentMatch<'_>> {
        self.find_in(&Encoded::new(&self.vocab, tokens))
    }

    pub fn find_in(&self, enc: &Encoded) -> Vec<AgentMatch<'_>> {
        let Some(set) = &self.names else {
            return vec![];
        };
        set.find_all(enc)
            .into_iter()
            .map(|m| AgentMatch {
                start: m.start,
                end: m.end,
                entry: &self.entries[m.value as usize],
            })
            .collect()
    }
}

/// Event entries, word sets and transformations, indexed by verb and noun.
#[derive(Debug, Default)]
pub struct Events {
    entries: Vec<EventEntry>,
    sets: Vec<WordSet>,
    transformations: Vec<Transformation>,
    /// Lemma → (entry, verb) pairs.
    by_lemma: HashMap<Box<str>, Vec<(u32, u32)>>,
    /// Inflected form → (entry, verb) pairs.
    by_form: HashMap<Box<str>, Vec<(u32, u32)>>,
    by_noun: HashMap<Box<str>, Vec<u32>>,
    /// The last word of every `by_noun` key.
    noun_ends: std::collections::HashSet<Box<str>>,
    set_index: HashMap<Box<str>, u32>,
    /// For each set, its members (single words and phrases), nested sets flattened.
    set_members: Vec<std::collections::HashSet<Box<str>>>,
}

impl Events {
    pub fn entries(&self) -> &[EventEntry] {
        &self.entries
    }

    pub fn sets(&self) -> &[WordSet] {
        &self.sets
    }

    pub fn transformations(&self) -> &[Transformation] {
        &self.transformations
    }

    /// The entries and verbs whose lemma is `lemma` (lower case).
    pub fn by_lemma(&self, lemma: &str) -> impl Iterator<Item = (&EventEntry, &Verb)> {
        self.pairs(self.by_lemma.get(lemma))
    }

    /// The entries and verbs with `form` among their inflected forms, for
    /// text without lemmas.
    pub fn by_form(&self, form: &str) -> impl Iterator<Item = (&EventEntry, &Verb)> {
        self.pairs(self.by_form.get(form))
    }

    fn pairs<'a>(
        &'a self,
        v: Option<&'a Vec<(u32, u32)>>,
    ) -> impl Iterator<Item = (&'a EventEntry, &'a Verb)> {
        v.into_iter().flatten().map(|&(e, k)| {
            let entry = &self.entries[e as usize];
            (entry, &entry.verbs[k as usize])
        })
    }

    /// Whether some entry has `word` (lower case) as a verb's lemma or
    /// inflected form: whether a word can be a verb [`by_lemma`](Self::by_lemma)
    /// or [`by_form`](Self::by_form) finds.
    pub fn has_verb_word(&self, word: &str) -> bool {
        self.by_lemma.contains_key(word) || self.by_form.contains_key(word)
    }

    /// Whether some event noun, of one word or several, ends in `word`
    /// (normalized as [`by_noun`](Self::by_noun)'s keys are).
    pub fn ends_a_noun(&self, word: &str) -> bool {
        self.noun_ends.contains(word)
    }

    /// The entries with `noun` (lower case) among their event nouns.
    pub fn by_noun(&self, noun: &str) -> impl Iterator<Item = &EventEntry> {
        self.by_noun
            .get(noun)
            .into_iter()
            .flatten()
            .map(|&e| &self.entries[e as usize])
    }

    pub fn set(&self, id: &str) -> Option<&WordSet> {
        self.set_index.get(id).map(|&i| &self.sets[i as usize])
    }

    /// Whether `phrase` (a word or words, any case) is a member of set `id`,
    /// with nested sets and generated plurals included.
    pub fn set_contains(&self, id: &str, phrase: &str) -> bool {
        let Some(&i) = self.set_index.get(id) else {
            return false;
        };
        self.set_members[i as usize].contains(&*norm_phrase(phrase))
    }

    /// Whether a head word (lemma or form) satisfies a pattern term's word
    /// condition; actor terms and `Any` are satisfied by any word.
    pub fn term_matches(&self, term: &Term, word: &str) -> bool {
        match term {
            Term::Word(w) => norm_phrase(word) == **w,
            Term::Set(s) => self.set_contains(s, word),
            Term::Any | Term::Source | Term::Target | Term::Compound => true,
        }
    }

    /// The code a predicate gets: the first pattern of `entry` whose verb
    /// and slots all hold for `args`, else the verb's own code, else the
    /// entry's. `predicate` is the lemma of the verb or event noun.
    /// A slot holds when some argument has its relation, a head the slot's
    /// term accepts (an actor for `$`, `+`, `%`) and, for each of the slot's
    /// modifiers, a modifier it accepts. TABARI patterns are skipped unless
    /// `tabari` is set: their slots only approximate a word sequence.
    pub fn select<'e>(
        &'e self,
        entry: &'e EventEntry,
        predicate: &str,
        args: &[Argument<'_>],
        tabari: bool,
    ) -> Selection<'e> {
        let holds = |slot: &Slot| {
            args.iter().any(|a| {
                a.rel == slot.rel
                    && match &slot.head {
                        Term::Source | Term::Target | Term::Compound => a.actor,
                        t => self.term_matches(t, a.head),
                    }
                    && slot
                        .modifiers
                        .iter()
                        .all(|m| a.modifiers.iter().any(|w| self.term_matches(m, w)))
            })
        };
        for p in &entry.patterns {
            if p.syntax == Syntax::Tabari && !tabari {
                continue;
            }
            if p.verb.as_deref().is_some_and(|v| v != predicate) {
                continue;
            }
            if p.slots.iter().all(holds) {
                return Selection {
                    code: &p.code,
                    pattern: Some(p),
                };
            }
        }
        let verb_code = entry
            .verbs
            .iter()
            .find(|v| &*v.lemma == predicate)
            .and_then(|v| v.code.as_ref());
        Selection {
            code: verb_code.unwrap_or(&entry.code),
            pattern: None,
        }
    }
}

/// An argument of a predicate in a dependency parse, for [`Events::select`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Argument<'a> {
    pub rel: Rel,
    /// The head word's lemma (or form).
    pub head: &'a str,
    /// Lemmas of the head's modifiers (`amod`, `compound`, `nmod`).
    pub modifiers: Vec<&'a str>,
    /// Whether the argument is an actor mention.
    pub actor: bool,
}

/// What [`Events::select`] chose: the code, and the pattern that gave it
/// (`None`: the verb's or entry's default code).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection<'e> {
    pub code: &'e EventCode,
    pub pattern: Option<&'e Pattern>,
}

fn norm_phrase(s: &str) -> String {
    text::simple_tokens(&s.replace('-', " "))
        .iter()
        .map(|w| text::normalize(w))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Discard phrases.
#[derive(Debug, Default)]
pub struct Discards {
    entries: Vec<DiscardEntry>,
    phrases: Option<PhraseSet>,
    vocab: Arc<Vocab>,
}

impl Discards {
    pub fn entries(&self) -> &[DiscardEntry] {
        &self.entries
    }

    /// The widest scope of the discard phrases in `tokens`, with the first
    /// entry of that scope; `None` when the text is to be coded.
    pub fn check<S: AsRef<str>>(&self, tokens: &[S]) -> Option<(Scope, &DiscardEntry)> {
        self.check_in(&Encoded::new(&self.vocab, tokens))
    }

    pub fn check_in(&self, enc: &Encoded) -> Option<(Scope, &DiscardEntry)> {
        let set = self.phrases.as_ref()?;
        set.find_all(enc)
            .into_iter()
            .map(|m| &self.entries[m.value as usize])
            .max_by_key(|e| e.scope)
            .map(|e| (e.scope, e))
    }
}

/// Issue phrases and their exceptions.
#[derive(Debug, Default)]
pub struct Issues {
    entries: Vec<IssueEntry>,
    phrases: Option<PhraseSet>,
    exceptions: Option<PhraseSet>,
    /// Exception value → (issues it cancels, scope).
    exception_targets: Vec<(Vec<u32>, Scope)>,
    vocab: Arc<Vocab>,
}

/// An issue found in a sentence.
#[derive(Debug, Clone, Copy)]
pub struct IssueMatch<'d> {
    pub start: usize,
    pub end: usize,
    pub entry: &'d IssueEntry,
}

impl Issues {
    pub fn entries(&self) -> &[IssueEntry] {
        &self.entries
    }

    /// The issue phrases in `tokens`, without the issues an exception phrase
    /// in the same tokens cancels. Story-scope exceptions are returned by
    /// [`story_exceptions`](Self::story_exceptions) for the caller to apply
    /// to the whole story.
    pub fn find_all<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<IssueMatch<'_>> {
        self.find_in(&Encoded::new(&self.vocab, tokens))
    }

    pub fn find_in(&self, enc: &Encoded) -> Vec<IssueMatch<'_>> {
        let Some(set) = &self.phrases else {
            return vec![];
        };
        let cancelled: Vec<u32> = self
            .exceptions
            .as_ref()
            .map(|x| {
                x.find_all(enc)
                    .into_iter()
                    .flat_map(|m| self.exception_targets[m.value as usize].0.clone())
                    .collect()
            })
            .unwrap_or_default();
        set.find_all(enc)
            .into_iter()
            .filter(|m| !cancelled.contains(&m.value))
            .map(|m| IssueMatch {
                start: m.start,
                end: m.end,
                entry: &self.entries[m.value as usize],
            })
            .collect()
    }

    /// The issues cancelled for a whole story by story-scope exceptions in `enc`.
    pub fn story_exceptions(&self, enc: &Encoded) -> Vec<&IssueEntry> {
        let Some(x) = &self.exceptions else {
            return vec![];
        };
        x.find_all(enc)
            .into_iter()
            .filter(|m| self.exception_targets[m.value as usize].1 == Scope::Story)
            .flat_map(|m| {
                self.exception_targets[m.value as usize]
                    .0
                    .iter()
                    .map(|&i| &self.entries[i as usize])
            })
            .collect()
    }
}

/// An actor (and agent) resolved from a phrase: what `dyad dict lookup` prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolution<'d> {
    /// The code on the date, with the agent's sector attached; `None` when
    /// the entry's code that applies is the null code.
    pub code: Option<String>,
    pub actor: Option<&'d ActorEntry>,
    pub agent: Option<&'d AgentEntry>,
    /// Tokens covered by the actor and agent names.
    pub start: usize,
    pub end: usize,
}

/// All loaded dictionaries, compiled.
#[derive(Debug, Default)]
pub struct Dictionaries {
    files: Vec<Arc<str>>,
    vocab: Arc<Vocab>,
    actors: Actors,
    agents: Agents,
    events: Events,
    discards: Discards,
    issues: Issues,
}

#[derive(Default)]
struct Collected {
    actors: Vec<ActorEntry>,
    agents: Vec<AgentEntry>,
    events: Vec<EventEntry>,
    sets: Vec<WordSet>,
    transformations: Vec<Transformation>,
    discards: Vec<DiscardEntry>,
    issues: Vec<IssueEntry>,
}

impl Dictionaries {
    /// Loads dictionary files, each given as a `--dict` argument would be
    /// (see [`sources_from_arg`]), in order.
    pub fn load<S: AsRef<str>>(args: &[S]) -> Result<(Dictionaries, Vec<Diagnostic>), LoadError> {
        let mut sources = Vec::new();
        for a in args {
            sources.extend(sources_from_arg(a.as_ref())?);
        }
        Ok(Dictionaries::from_sources(&sources))
    }

    /// Reads and compiles sources; bad lines become diagnostics.
    pub fn from_sources(sources: &[Source]) -> (Dictionaries, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let mut c = Collected::default();
        let mut files = Vec::new();
        for s in sources {
            files.push(s.name.clone());
            let mut sink = Sink {
                file: s.name.clone(),
                out: &mut diags,
            };
            match s.format {
                Format::Dyad => {
                    let f = dyad_format::read(&s.text, &mut sink);
                    c.actors.extend(f.actors);
                    c.agents.extend(f.agents);
                    c.events.extend(f.events);
                    c.sets.extend(f.sets);
                    c.discards.extend(f.discards);
                    c.issues.extend(f.issues);
                }
                Format::PetrarchActors => {
                    c.actors.extend(petrarch::read_actors(&s.text, &mut sink))
                }
                Format::PetrarchAgents => {
                    c.agents.extend(petrarch::read_agents(&s.text, &mut sink))
                }
                Format::PetrarchVerbs => {
                    let v = petrarch::read_verbs(&s.text, &mut sink);
                    c.events.extend(v.events);
                    c.sets.extend(v.sets);
                    c.transformations.extend(v.transformations);
                }
                Format::PetrarchDiscards => c
                    .discards
                    .extend(petrarch::read_discards(&s.text, &mut sink)),
                Format::PetrarchIssues => {
                    c.issues.extend(petrarch::read_issues(&s.text, &mut sink))
                }
            }
        }
        let d = Dictionaries::compile(files, c, &mut diags);
        (d, diags)
    }

    fn compile(files: Vec<Arc<str>>, c: Collected, diags: &mut Vec<Diagnostic>) -> Dictionaries {
        let mut vocab = Vocab::default();
        let mut add = |b: &mut PhraseSetBuilder,
                       vocab: &mut Vocab,
                       name: &Name,
                       value: u32,
                       file: &Arc<str>| {
            let words = text::simple_tokens(&name.text);
            let added = b.add(vocab, &words, value);
            if added == Added::Empty {
                diags.push(Diagnostic {
                    file: file.clone(),
                    line: name.line,
                    severity: Severity::Warning,
                    kind: "empty-name",
                    message: format!("`{}` has no word to match", name.text),
                });
            }
            added
        };

        let mut actor_names = PhraseSetBuilder::default();
        // Full names first, so that a short name never hides a full one.
        for (i, e) in c.actors.iter().enumerate() {
            for n in &e.names {
                add(
                    &mut actor_names,
                    &mut vocab,
                    n,
                    i as u32 * 2,
                    &e.origin.file,
                );
            }
        }
        // Several people share a surname: a short name keeps every entry
        // that has it, for the coder to pick the one mentioned in full.
        let mut short_groups: HashMap<u32, Vec<u32>> = HashMap::new();
        for (i, e) in c.actors.iter().enumerate() {
            for n in &e.short {
                let value = i as u32 * 2 + 1;
                if let Added::Duplicate(first) =
                    add(&mut actor_names, &mut vocab, n, value, &e.origin.file)
                {
                    if first % 2 == 1 && first != value {
                        let group = short_groups
                            .entry(first / 2)
                            .or_insert_with(|| vec![first / 2]);
                        if !group.contains(&(i as u32)) {
                            group.push(i as u32);
                        }
                    }
                }
            }
        }
        let mut agent_names = PhraseSetBuilder::default();
        for (i, e) in c.agents.iter().enumerate() {
            for n in &e.names {
                add(&mut agent_names, &mut vocab, n, i as u32, &e.origin.file);
            }
        }
        let mut discard_names = PhraseSetBuilder::default();
        for (i, e) in c.discards.iter().enumerate() {
            for n in &e.names {
                add(&mut discard_names, &mut vocab, n, i as u32, &e.origin.file);
            }
        }
        let mut issue_names = PhraseSetBuilder::default();
        let mut exception_names = PhraseSetBuilder::default();
        let mut exception_targets: Vec<(Vec<u32>, Scope)> = Vec::new();
        let mut exception_index: HashMap<(Box<str>, Scope), u32> = HashMap::new();
        for (i, e) in c.issues.iter().enumerate() {
            for n in &e.names {
                add(&mut issue_names, &mut vocab, n, i as u32, &e.origin.file);
            }
            for (n, scope) in &e.exceptions {
                let key = (norm_phrase(&n.text).into_boxed_str(), *scope);
                match exception_index.get(&key) {
                    Some(&x) => exception_targets[x as usize].0.push(i as u32),
                    None => {
                        let x = exception_targets.len() as u32;
                        exception_index.insert(key, x);
                        exception_targets.push((vec![i as u32], *scope));
                        let words = text::simple_tokens(&n.text);
                        exception_names.add(&mut vocab, &words, x);
                    }
                }
            }
        }
        fn built(b: PhraseSetBuilder) -> Option<PhraseSet> {
            (!b.is_empty()).then(|| b.build())
        }
        let vocab = Arc::new(vocab);
        // The actor automaton is the largest: build it on a second thread
        // while this one builds the others and indexes the events.
        let (actor_set, (agent_set, discard_set, issue_set, exception_set, events)) =
            std::thread::scope(|s| {
                let actors = s.spawn(|| built(actor_names));
                let rest = (
                    built(agent_names),
                    built(discard_names),
                    built(issue_names),
                    built(exception_names),
                    Events::index(c.events, c.sets, c.transformations),
                );
                (actors.join().unwrap_or(None), rest)
            });
        Dictionaries {
            files,
            actors: Actors {
                entries: c.actors,
                names: actor_set,
                short_groups,
                vocab: vocab.clone(),
            },
            agents: Agents {
                entries: c.agents,
                names: agent_set,
                vocab: vocab.clone(),
            },
            events,
            discards: Discards {
                entries: c.discards,
                phrases: discard_set,
                vocab: vocab.clone(),
            },
            issues: Issues {
                entries: c.issues,
                phrases: issue_set,
                exceptions: exception_set,
                exception_targets,
                vocab: vocab.clone(),
            },
            vocab,
        }
    }

    /// dyad's own dictionaries (`dict/**/*.dyad`, embedded at build time),
    /// compiled on first use. Empty when the repository has none yet.
    pub fn builtin() -> &'static Dictionaries {
        static BUILTIN: OnceLock<Dictionaries> = OnceLock::new();
        BUILTIN.get_or_init(|| Dictionaries::from_sources(&builtin_sources()).0)
    }

    /// The files a load read, in order.
    pub fn files(&self) -> &[Arc<str>] {
        &self.files
    }

    pub fn is_empty(&self) -> bool {
        self.actors.entries.is_empty()
            && self.agents.entries.is_empty()
            && self.events.entries.is_empty()
            && self.discards.entries.is_empty()
            && self.issues.entries.is_empty()
    }

    pub fn actors(&self) -> &Actors {
        &self.actors
    }
    pub fn agents(&self) -> &Agents {
        &self.agents
    }
    pub fn events(&self) -> &Events {
        &self.events
    }
    pub fn discards(&self) -> &Discards {
        &self.discards
    }
    pub fn issues(&self) -> &Issues {
        &self.issues
    }

    /// Normalizes and encodes tokens once for several `find_in` calls.
    pub fn encode<S: AsRef<str>>(&self, tokens: &[S]) -> Encoded {
        Encoded::new(&self.vocab, tokens)
    }

    /// Every actor mention in a sentence's tokens, coded on `date`: each
    /// actor name found (leftmost-longest) takes an agent written right
    /// after it (`Israeli troops`, `Israel's army`: `ISRMIL`) or else right
    /// before it (`President Joe Biden`); an agent next to no actor is a
    /// mention of its own (`protesters`: `OPP`). Short names (which only
    /// refer back to a full mention) are left out. In token order.
    pub fn mentions<S: AsRef<str>>(&self, tokens: &[S], date: Option<Date>) -> Vec<Resolution<'_>> {
        let enc = self.encode(tokens);
        let found = self.actors.find_in(&enc);
        let agents = self.agents.find_in(&enc);
        let mut actors: Vec<ActorMatch> = found.iter().filter(|m| !m.short).copied().collect();
        // `Prime Minister Netanyahu`: the title makes the short name a full mention.
        for (title, m) in self.titled_shorts(tokens, &enc, &found, &agents, date) {
            actors.push(ActorMatch {
                start: title.start,
                ..m
            });
        }
        // Agents that overlap an actor name are part of it (`Prime Minister X` as a name).
        let free: Vec<&AgentMatch> = agents
            .iter()
            .filter(|g| !actors.iter().any(|a| g.start < a.end && a.start < g.end))
            .collect();
        let mut used = vec![false; free.len()];
        let mut out = Vec::new();
        for a in &actors {
            let after = free.iter().position(|g| enc.adjacent(a.end, g.start));
            let before = free.iter().position(|g| enc.adjacent(g.end, a.start));
            let pick = after.filter(|&i| !used[i]).or(before.filter(|&i| !used[i]));
            let base = a.entry.code_at(date);
            let (code, agent, start, end) = match pick {
                Some(i) => {
                    used[i] = true;
                    let g = free[i];
                    (
                        base.map(|b| g.entry.compose(Some(b))),
                        Some(g.entry),
                        a.start.min(g.start),
                        a.end.max(g.end),
                    )
                }
                None => (base.map(str::to_string), None, a.start, a.end),
            };
            out.push(Resolution {
                code,
                actor: Some(a.entry),
                agent,
                start,
                end,
            });
        }
        for (i, g) in free.iter().enumerate() {
            if !used[i] {
                out.push(Resolution {
                    code: Some(g.entry.compose(None)),
                    actor: None,
                    agent: Some(g.entry),
                    start: g.start,
                    end: g.end,
                });
            }
        }
        out.sort_by_key(|r| r.start);
        out
    }

    /// Short names (surnames) written right after a title that one of their
    /// people holds on `date` (`Prime Minister Netanyahu`, `President Xi`),
    /// each with the title's agent match and the match made full for that
    /// person. Among several people with the surname, the one whose title is
    /// the words written wins, else the only one holding any title then.
    fn titled_shorts<'d, S: AsRef<str>>(
        &'d self,
        tokens: &[S],
        enc: &Encoded,
        actors: &[ActorMatch<'d>],
        agents: &[AgentMatch<'d>],
        date: Option<Date>,
    ) -> Vec<(AgentMatch<'d>, ActorMatch<'d>)> {
        let mut out = Vec::new();
        for m in actors.iter().filter(|m| m.short) {
            let Some(title) = agents.iter().find(|g| enc.adjacent(g.end, m.start)) else {
                continue;
            };
            let written: Vec<String> = tokens[title.start..title.end]
                .iter()
                .map(|t| t.as_ref().to_lowercase())
                .collect();
            let written = written.join(" ");
            let holds = |e: &ActorEntry, exactly: bool| {
                e.titles.iter().any(|t| {
                    let now = t.range.is_none_or(|r| date.is_none_or(|d| r.contains(d)));
                    now && (!exactly || t.text.to_lowercase() == written)
                })
            };
            let candidates = self.actors.short_candidates(m);
            let holding: Vec<&ActorEntry> = candidates
                .iter()
                .copied()
                .filter(|e| holds(e, false))
                .collect();
            let pick = candidates
                .iter()
                .copied()
                .find(|e| holds(e, true))
                .or_else(|| (holding.len() == 1).then(|| holding[0]));
            if let Some(entry) = pick {
                out.push((
                    *title,
                    ActorMatch {
                        entry,
                        short: false,
                        ..*m
                    },
                ));
            }
        }
        out
    }

    /// Resolves a noun phrase (`Israeli troops`, `President Joe Biden`,
    /// `protesters`) to one actor code on `date`: the first actor name found
    /// gives the code (by date), and the first agent found that does not
    /// overlap it adds its sector (`ISR` + `~MIL` = `ISRMIL`). An agent alone
    /// gives its own code (`OPP`). `None` when neither is found.
    pub fn resolve<S: AsRef<str>>(
        &self,
        tokens: &[S],
        date: Option<Date>,
    ) -> Option<Resolution<'_>> {
        let enc = self.encode(tokens);
        let found = self.actors.find_in(&enc);
        let agents = self.agents.find_in(&enc);
        let actor = found.iter().find(|m| !m.short).copied().or_else(|| {
            let titled = self.titled_shorts(tokens, &enc, &found, &agents, date);
            titled.first().map(|(title, m)| ActorMatch {
                start: title.start,
                ..*m
            })
        });
        let agent = agents
            .into_iter()
            .find(|g| actor.is_none_or(|a| g.end <= a.start || g.start >= a.end));
        match (actor, agent) {
            (None, None) => None,
            (Some(a), g) => {
                let base = a.entry.code_at(date);
                let code = match (base, g) {
                    (Some(b), Some(g)) => Some(g.entry.compose(Some(b))),
                    (b, _) => b.map(str::to_string),
                };
                let (start, end) = match g {
                    Some(g) => (a.start.min(g.start), a.end.max(g.end)),
                    None => (a.start, a.end),
                };
                Some(Resolution {
                    code,
                    actor: Some(a.entry),
                    agent: g.map(|g| g.entry),
                    start,
                    end,
                })
            }
            (None, Some(g)) => Some(Resolution {
                code: Some(g.entry.compose(None)),
                actor: None,
                agent: Some(g.entry),
                start: g.start,
                end: g.end,
            }),
        }
    }

    /// Checks the loaded dictionaries (see [`lint`]).
    pub fn lint(&self, ontology: Option<&dyad_ontology::Ontology>) -> Vec<Diagnostic> {
        lint::lint(self, ontology)
    }
}

impl Events {
    fn index(
        entries: Vec<EventEntry>,
        sets: Vec<WordSet>,
        transformations: Vec<Transformation>,
    ) -> Events {
        let mut ev = Events {
            entries,
            sets,
            transformations,
            ..Events::default()
        };
        for (e, entry) in ev.entries.iter().enumerate() {
            for (k, v) in entry.verbs.iter().enumerate() {
                let pair = (e as u32, k as u32);
                ev.by_lemma.entry(v.lemma.clone()).or_default().push(pair);
                for f in &v.forms {
                    ev.by_form.entry(f.clone()).or_default().push(pair);
                }
            }
            for n in &entry.nouns {
                let key = norm_phrase(&n.text);
                if let Some(last) = key.rsplit(' ').next() {
                    ev.noun_ends.insert(last.into());
                }
                ev.by_noun.entry(key.into()).or_default().push(e as u32);
            }
        }
        for (i, s) in ev.sets.iter().enumerate() {
            // The first definition of a set name wins.
            ev.set_index.entry(s.id.clone()).or_insert(i as u32);
        }
        ev.set_members = (0..ev.sets.len()).map(|i| ev.flatten_set(i)).collect();
        ev
    }

    fn flatten_set(&self, start: usize) -> std::collections::HashSet<Box<str>> {
        let mut out = std::collections::HashSet::new();
        let mut stack = vec![start];
        let mut seen = vec![start];
        while let Some(i) = stack.pop() {
            for m in &self.sets[i].members {
                if let Some(nested) = m.text.strip_prefix('&') {
                    if let Some(&j) = self.set_index.get(nested) {
                        if !seen.contains(&(j as usize)) {
                            seen.push(j as usize);
                            stack.push(j as usize);
                        }
                    }
                } else {
                    out.insert(norm_phrase(&m.text).into_boxed_str());
                }
            }
        }
        out
    }
}

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/builtin_dicts.rs"));
}

/// The embedded `dict/**/*.dyad` files as sources (path relative to `dict/`).
pub fn builtin_sources() -> Vec<Source> {
    embedded::FILES
        .iter()
        .map(|(name, text)| Source::new(name, Format::Dyad, *text))
        .collect()
}

/// Splits a CAMEO actor code into its country and its sector (primary
/// role): `USAGOV` → (`USA`, `GOV`), `ISRMIL` → (`ISR`, `MIL`), `OPP` →
/// (none, `OPP`), `IGOUNO` → (none, `IGO`), `NGOUSAHRI` → (`USA`, `NGO`).
///
/// The first block is the country when the ontology knows it as a country or
/// region, or does not know it at all (CAMEO puts the country first; made-up
/// codes such as a test dictionary's `HOB` stay countries). When the first
/// block is a known sector or international type, the country is the first
/// later block known as one. The sector is the first other block the
/// ontology knows as a sector or international type, else the next block.
pub fn split_code(code: &str) -> (Option<&str>, Option<&str>) {
    split_code_with(code, dyad_ontology::Ontology::builtin())
}

/// [`split_code`] with a given ontology.
pub fn split_code_with<'c>(
    code: &'c str,
    ontology: &dyad_ontology::Ontology,
) -> (Option<&'c str>, Option<&'c str>) {
    use dyad_ontology::ActorCodeKind as K;
    let code = code.split('/').next().unwrap_or("");
    let kinds = |b: &str| {
        ontology
            .actor_code_meanings(b)
            .map(|a| a.kind)
            .collect::<Vec<_>>()
    };
    let is_place = |b: &str| kinds(b).iter().any(|k| matches!(k, K::Country | K::Region));
    // After a type block, a block that may also be a religion or group is
    // read as that (`NGOSHN`: Shinto, not Saint Helena).
    let is_only_place = |b: &str| {
        let k = kinds(b);
        k.iter().any(|k| matches!(k, K::Country | K::Region))
            && !k.iter().any(|k| matches!(k, K::Religion | K::Group))
    };
    let is_sector = |b: &str| {
        kinds(b)
            .iter()
            .any(|k| matches!(k, K::Sector | K::International))
    };
    let all: Vec<&str> = blocks(code).filter(|b| b.len() == 3).collect();
    let Some(&first) = all.first() else {
        return (None, None);
    };
    let country = if is_place(first) || kinds(first).is_empty() {
        Some(first)
    } else {
        all[1..].iter().copied().find(|b| is_only_place(b))
    };
    let others = || all.iter().copied().filter(|b| Some(*b) != country);
    let sector = others().find(|b| is_sector(b)).or_else(|| others().next());
    (country, sector)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn petrarch_config_with_continued_lines() {
        let dir = std::env::temp_dir().join(format!("dyad-dict-ini-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("a.txt"), "ATLANTIS [ATL]\n").unwrap();
        std::fs::write(dir.join("b.txt"), "LEMURIA [LEM]\n").unwrap();
        let ini = "[Dictionaries]\n#verbfile_name = none.txt\nactorfile_list = a.txt,\n    b.txt\n[Options]\nx = 1\n";
        std::fs::write(dir.join("PETR_config.ini"), ini).unwrap();
        let sources = sources_from_arg(&dir.join("PETR_config.ini").to_string_lossy()).unwrap();
        let names: Vec<_> = sources
            .iter()
            .map(|s| {
                (
                    s.name.ends_with("a.txt") || s.name.ends_with("b.txt"),
                    s.format,
                )
            })
            .collect();
        assert_eq!(
            names,
            [
                (true, Format::PetrarchActors),
                (true, Format::PetrarchActors)
            ]
        );
        std::fs::write(dir.join("empty.ini"), "[Options]\n").unwrap();
        assert!(sources_from_arg(&dir.join("empty.ini").to_string_lossy()).is_err());
        assert!(sources_from_arg(&dir.join("missing.txt").to_string_lossy()).is_err());
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn splitting_codes() {
        assert_eq!(split_code("USAGOV"), (Some("USA"), Some("GOV")));
        assert_eq!(split_code("ISRMIL"), (Some("ISR"), Some("MIL")));
        assert_eq!(split_code("OPP"), (None, Some("OPP")));
        assert_eq!(split_code("NGOUSAHRI"), (Some("USA"), Some("NGO")));
        assert_eq!(split_code("PSEHMSMIL"), (Some("PSE"), Some("MIL")));
        assert_eq!(split_code("HOBCIV"), (Some("HOB"), Some("CIV")));
        assert_eq!(split_code("IGOUNO"), (None, Some("IGO")));
        // SHN is Saint Helena and Shinto: after a type block, the religion.
        assert_eq!(split_code("NGOSHN"), (None, Some("NGO")));
        assert_eq!(split_code(""), (None, None));
    }
}
