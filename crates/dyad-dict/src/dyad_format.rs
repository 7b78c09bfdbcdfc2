//! Reader for dyad's own `.dyad` files (see `docs/dictionary-format.md`).

use crate::date::DateRange;
use crate::diag::Sink;
use crate::model::*;
use crate::petrarch::plural_phrase;
use crate::text::{simple_tokens, verb_forms};
use std::sync::Arc;

/// Everything one `.dyad` file holds.
#[derive(Default)]
pub(crate) struct DyadFile {
    pub actors: Vec<ActorEntry>,
    pub agents: Vec<AgentEntry>,
    pub events: Vec<EventEntry>,
    pub sets: Vec<WordSet>,
    pub discards: Vec<DiscardEntry>,
    pub issues: Vec<IssueEntry>,
}

enum Current {
    None,
    Actor(ActorEntry),
    Agent(AgentEntry),
    Event(EventEntry),
    Set(WordSet),
    Discard(DiscardEntry),
    Issue(IssueEntry),
    /// An entry whose header was bad: its fields are skipped.
    Skip,
}

fn values(v: &str) -> impl Iterator<Item = &str> {
    v.split(" | ").map(str::trim).filter(|s| !s.is_empty())
}

fn phrase(s: &str) -> String {
    simple_tokens(s).join(" ")
}

fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
}

/// Splits a trailing `FROM..UNTIL` off a value.
fn split_range(v: &str) -> (&str, Option<&str>) {
    match v.rsplit_once(char::is_whitespace) {
        Some((head, last)) if last.contains("..") => (head.trim_end(), Some(last)),
        None if v.contains("..") => ("", Some(v)),
        _ => (v, None),
    }
}

fn is_actor_code(c: &str) -> bool {
    !c.is_empty()
        && c.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'/')
}

fn is_event_code(c: &str) -> bool {
    c == "---" || (!c.is_empty() && c.len() <= 4 && c.bytes().all(|b| b.is_ascii_digit()))
}

fn parse_event_code(v: &str, n: u32, sink: &mut Sink) -> Option<EventCode> {
    let v = v.trim();
    let ok = match v.split_once(':') {
        Some((a, b)) => (a.is_empty() || is_event_code(a)) && (b.is_empty() || is_event_code(b)),
        None => is_event_code(v),
    };
    if !ok {
        sink.error(
            n,
            "bad-code",
            format!("`{v}` is not an event code (`042`, `042:043`, `---`)"),
        );
        return None;
    }
    Some(EventCode::parse(v))
}

/// Parses a slot term: `_`, `$`, `+`, `%`, `&SET`, `word`, `head(mod,mod)`.
fn parse_term(s: &str) -> Result<(Term, Vec<Term>), String> {
    let one = |s: &str| -> Result<Term, String> {
        Ok(match s {
            "" => return Err("empty term".into()),
            "_" | "*" => Term::Any,
            "$" => Term::Source,
            "+" => Term::Target,
            "%" => Term::Compound,
            s if s.starts_with('&') => Term::Set(s[1..].to_ascii_uppercase().into()),
            s => Term::Word(s.to_lowercase().into()),
        })
    };
    match s.split_once('(') {
        Some((head, rest)) => {
            let inner = rest
                .strip_suffix(')')
                .ok_or_else(|| format!("`{s}`: missing `)`"))?;
            let mods = inner
                .split(',')
                .map(|m| one(m.trim()))
                .collect::<Result<Vec<_>, _>>()?;
            Ok((one(head)?, mods))
        }
        None => Ok((one(s)?, vec![])),
    }
}

/// Parses `LEMMA REL=TERM ... => CODE`.
fn parse_dyad_pattern(v: &str, n: u32) -> Result<Pattern, String> {
    let (lhs, code) = v
        .split_once("=>")
        .ok_or("pattern needs `=> CODE` at its end")?;
    let mut words = lhs.split_whitespace();
    let verb = words.next().ok_or("pattern without a verb")?;
    let mut slots = Vec::new();
    for w in words {
        let (rel, term) = w
            .split_once('=')
            .ok_or_else(|| format!("`{w}` is not REL=TERM"))?;
        let rel = match rel {
            "subj" | "nsubj" => Rel::Subject,
            "obj" | "iobj" | "dobj" => Rel::Object,
            "xcomp" => Rel::Xcomp,
            "ccomp" => Rel::Ccomp,
            "agent" | "obl:agent" => Rel::PassiveAgent,
            "subj:pass" | "nsubj:pass" => Rel::PassiveSubject,
            r => match r.strip_prefix("obl:").or_else(|| r.strip_prefix("nmod:")) {
                Some(p) if !p.is_empty() => Rel::Obl(p.to_lowercase().into()),
                _ => return Err(format!("unknown relation `{r}`")),
            },
        };
        let (head, modifiers) = parse_term(term)?;
        slots.push(Slot {
            rel,
            head,
            modifiers,
        });
    }
    let code = code.trim();
    let ok = match code.split_once(':') {
        Some((a, b)) => (a.is_empty() || is_event_code(a)) && (b.is_empty() || is_event_code(b)),
        None => is_event_code(code),
    };
    if !ok {
        return Err(format!("`{code}` is not an event code"));
    }
    Ok(Pattern {
        verb: (verb != "*").then(|| verb.to_lowercase().into()),
        slots,
        code: EventCode::parse(code),
        syntax: Syntax::Dyad,
        sequence: vec![],
        text: v.trim().into(),
        line: n,
    })
}

fn verb_of(v: &str, n: u32) -> Option<Verb> {
    let words: Vec<String> = simple_tokens(v).iter().map(|w| w.to_lowercase()).collect();
    let (lemma, after) = words.split_first()?;
    let mut forms: Vec<Box<str>> = vec![lemma.as_str().into()];
    forms.extend(verb_forms(lemma).into_iter().map(Into::into));
    Some(Verb {
        lemma: lemma.as_str().into(),
        before: vec![],
        after: after.iter().map(|w| w.as_str().into()).collect(),
        forms,
        code: None,
        line: n,
    })
}

fn finish(cur: Current, out: &mut DyadFile, sink: &mut Sink) {
    match cur {
        Current::Actor(a) => {
            if a.names.is_empty() {
                sink.warn(
                    a.origin.line,
                    "no-name",
                    format!("actor {} has no `name`", a.id),
                );
            }
            out.actors.push(a)
        }
        Current::Agent(a) => {
            if a.code.is_empty() {
                sink.error(
                    a.origin.line,
                    "no-code",
                    format!("agent {} has no `code`; skipped", a.id),
                );
            } else {
                out.agents.push(a)
            }
        }
        Current::Event(e) => out.events.push(e),
        Current::Set(mut s) => {
            // Plurals are made here, once `plurals no` may have been read.
            if s.plurals {
                let plurals: Vec<Name> = s
                    .members
                    .iter()
                    .filter(|m| !m.text.starts_with('&'))
                    .filter_map(|m| plural_phrase(&m.text).map(|p| Name::generated(p, m.line)))
                    .collect();
                s.members.extend(plurals);
            }
            out.sets.push(s)
        }
        Current::Discard(d) => out.discards.push(d),
        Current::Issue(i) => out.issues.push(i),
        Current::None | Current::Skip => {}
    }
}

pub(crate) fn read(text: &str, sink: &mut Sink) -> DyadFile {
    let file: Arc<str> = sink.file.clone();
    let mut out = DyadFile::default();
    let mut cur = Current::None;
    for (i, raw) in text.lines().enumerate() {
        let n = i as u32 + 1;
        let line = raw.split('#').next().unwrap_or("").trim_end();
        if line.trim().is_empty() {
            continue;
        }
        let indented = line.starts_with([' ', '\t']);
        let line = line.trim();
        let (key, value) = match line.split_once(char::is_whitespace) {
            Some((k, v)) => (k, v.trim()),
            None => (line, ""),
        };
        if !indented {
            finish(std::mem::replace(&mut cur, Current::Skip), &mut out, sink);
            if !is_id(value) {
                sink.error(
                    n,
                    "bad-id",
                    format!("`{value}` is not an ID (upper case letters, digits, `_`)"),
                );
                continue;
            }
            let origin = Origin {
                file: file.clone(),
                line: n,
            };
            let id: Box<str> = value.into();
            cur = match key {
                "actor" => Current::Actor(ActorEntry {
                    id,
                    names: vec![],
                    short: vec![],
                    codes: vec![],
                    titles: vec![],
                    notes: vec![],
                    origin,
                }),
                "agent" => Current::Agent(AgentEntry {
                    id,
                    names: vec![],
                    code: "".into(),
                    placement: Placement::Suffix,
                    origin,
                }),
                "event" => Current::Event(EventEntry {
                    id,
                    code: EventCode::default(),
                    verbs: vec![],
                    nouns: vec![],
                    plover: None,
                    places: vec![],
                    possessor_is_target: false,
                    patterns: vec![],
                    origin,
                }),
                "set" => Current::Set(WordSet {
                    id,
                    members: vec![],
                    plurals: true,
                    origin,
                }),
                "discard" => Current::Discard(DiscardEntry {
                    id,
                    names: vec![],
                    scope: Scope::Sentence,
                    origin,
                }),
                "issue" => Current::Issue(IssueEntry {
                    id,
                    category: None,
                    names: vec![],
                    exceptions: vec![],
                    origin,
                }),
                k => {
                    sink.error(
                        n,
                        "unknown-kind",
                        format!("unknown kind `{k}` (actor, agent, event, set, discard, issue)"),
                    );
                    Current::Skip
                }
            };
            continue;
        }
        if value.is_empty() {
            sink.error(n, "empty-field", format!("field `{key}` has no value"));
            continue;
        }
        let mut unknown = false;
        match &mut cur {
            Current::None => {
                sink.error(n, "orphan-field", "indented field before any entry");
            }
            Current::Skip => {}
            Current::Actor(a) => match key {
                "name" => a
                    .names
                    .extend(values(value).map(|v| Name::new(phrase(v), n))),
                "short" => a
                    .short
                    .extend(values(value).map(|v| Name::new(phrase(v), n))),
                "code" | "title" => {
                    let (v, range) = split_range(value);
                    let range = match range.map(DateRange::parse_iso) {
                        Some(Ok(r)) => Some(r),
                        Some(Err(e)) => {
                            sink.error(n, "bad-date", e);
                            continue;
                        }
                        None => None,
                    };
                    if key == "title" {
                        a.titles.push(Title {
                            text: v.into(),
                            range,
                            line: n,
                        });
                    } else if is_actor_code(v) || v == "---" {
                        a.codes.push(DatedCode {
                            code: v.into(),
                            range,
                            line: n,
                        });
                    } else {
                        sink.error(
                            n,
                            "bad-code",
                            format!("`{v}` is not an actor code (upper case letters)"),
                        );
                    }
                }
                "note" => a.notes.push(value.into()),
                _ => unknown = true,
            },
            Current::Agent(a) => match key {
                "name" => {
                    for v in values(value) {
                        let text = phrase(v);
                        let p = plural_phrase(&text);
                        a.names.push(Name::new(text, n));
                        if let Some(p) = p {
                            a.names.push(Name::generated(p, n));
                        }
                    }
                }
                "code" => {
                    let (c, placement) = match (value.strip_prefix('~'), value.strip_suffix('~')) {
                        (Some(c), _) => (c, Placement::Suffix),
                        (None, Some(c)) => (c, Placement::Prefix),
                        (None, None) => (value, Placement::Suffix),
                    };
                    if is_actor_code(c) {
                        a.code = c.into();
                        a.placement = placement;
                    } else {
                        sink.error(
                            n,
                            "bad-code",
                            format!("`{value}` is not an agent code (`GOV`, `~GOV`, `NGO~`)"),
                        );
                    }
                }
                "note" => {}
                _ => unknown = true,
            },
            Current::Event(e) => match key {
                "verb" => e.verbs.extend(values(value).filter_map(|v| verb_of(v, n))),
                "noun" => e
                    .nouns
                    .extend(values(value).map(|v| Name::new(phrase(v).to_lowercase(), n))),
                "code" => {
                    if let Some(c) = parse_event_code(value, n, sink) {
                        e.code = c;
                    }
                }
                "plover" => e.plover = Some(value.to_ascii_uppercase().into()),
                "place" => e
                    .places
                    .extend(values(value).map(|v| v.to_lowercase().into())),
                "possessor" => match value.trim() {
                    "source" => e.possessor_is_target = false,
                    "target" => e.possessor_is_target = true,
                    other => sink.error(
                        n,
                        "bad-possessor",
                        format!("`possessor` is `source` or `target`, not `{other}`"),
                    ),
                },
                "pattern" => match parse_dyad_pattern(value, n) {
                    Ok(p) => e.patterns.push(p),
                    Err(msg) => sink.error(n, "bad-pattern", msg),
                },
                "note" => {}
                _ => unknown = true,
            },
            Current::Set(s) => match key {
                "word" => {
                    for v in values(value) {
                        if v.starts_with('&') {
                            s.members.push(Name::new(v.to_ascii_uppercase(), n));
                            continue;
                        }
                        s.members.push(Name::new(phrase(v), n));
                    }
                }
                "plurals" => match value {
                    "yes" => s.plurals = true,
                    "no" => s.plurals = false,
                    _ => sink.error(n, "bad-value", "`plurals` is `yes` or `no`"),
                },
                "note" => {}
                _ => unknown = true,
            },
            Current::Discard(d) => match key {
                "phrase" => d
                    .names
                    .extend(values(value).map(|v| Name::new(phrase(v), n))),
                "scope" => match value {
                    "sentence" => d.scope = Scope::Sentence,
                    "story" => d.scope = Scope::Story,
                    _ => sink.error(n, "bad-value", "`scope` is `sentence` or `story`"),
                },
                "note" => {}
                _ => unknown = true,
            },
            Current::Issue(i) => match key {
                "phrase" => i
                    .names
                    .extend(values(value).map(|v| Name::new(phrase(v), n))),
                "except" => i
                    .exceptions
                    .extend(values(value).map(|v| (Name::new(phrase(v), n), Scope::Sentence))),
                "except-story" => i
                    .exceptions
                    .extend(values(value).map(|v| (Name::new(phrase(v), n), Scope::Story))),
                "category" => i.category = Some(value.into()),
                "note" => {}
                _ => unknown = true,
            },
        }
        if unknown {
            sink.error(
                n,
                "unknown-field",
                format!("unknown field `{key}` for this kind of entry"),
            );
        }
    }
    finish(cur, &mut out, sink);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        let p = parse_dyad_pattern("meet obl:with=+ => 040", 3).unwrap();
        assert_eq!(p.verb.as_deref(), Some("meet"));
        assert_eq!(
            p.slots,
            vec![Slot {
                rel: Rel::Obl("with".into()),
                head: Term::Target,
                modifiers: vec![]
            }]
        );
        let p = parse_dyad_pattern("* obj=shipment(arms,&WEAPON) => 042:043", 3).unwrap();
        assert_eq!(p.verb, None);
        assert_eq!(
            p.slots[0].modifiers,
            vec![Term::Word("arms".into()), Term::Set("WEAPON".into())]
        );
        assert_eq!(p.code.reverse.as_deref(), Some("043"));
        assert!(parse_dyad_pattern("meet obl:with=+", 3).is_err());
        assert!(parse_dyad_pattern("meet foo=+ => 040", 3).is_err());
        assert!(parse_dyad_pattern("meet obj=x => 04x", 3).is_err());
    }

    #[test]
    fn ranges_split_off() {
        assert_eq!(
            split_range("USAGOV  2009-01-20..2017-01-20"),
            ("USAGOV", Some("2009-01-20..2017-01-20"))
        );
        assert_eq!(split_range("USAELI"), ("USAELI", None));
        assert_eq!(
            split_range("Vice President  2009-01-20.."),
            ("Vice President", Some("2009-01-20.."))
        );
    }
}
