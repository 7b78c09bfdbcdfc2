//! Checks over loaded dictionaries: what `dyad dict check` reports.
//!
//! | kind | what |
//! | --- | --- |
//! | `duplicate-name` | a name (normalized) given to two actors, or to two agents with different codes: only the first is matched; or a short name that is another actor's full name (surnames shared by several people are fine) |
//! | `duplicate-id` | two entries of one kind with the same ID |
//! | `inverted-range` | a date range that ends before it starts: the code never applies |
//! | `overlapping-ranges` | two different codes of one actor whose ranges share a day (in PETRARCH files, more than one day: their inclusive ranges conventionally share their end day); the first listed wins |
//! | `multiple-undated` | more than one undated code: only the first is used |
//! | `no-code` | an actor with no code at all |
//! | `unknown-code` | an actor or agent code with a three-letter block the ontology does not know, an event code that is not a CAMEO code |
//! | `never-matches` | a pattern that can never match: it uses an undefined `&SET`, names a verb its entry does not have, repeats an earlier pattern of its entry, or a transformation names an unknown verb |

use crate::diag::{Diagnostic, Severity};
use crate::model::*;
use crate::{norm_phrase, Dictionaries};
use dyad_ontology::Ontology;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

struct Out {
    diags: Vec<Diagnostic>,
}

impl Out {
    fn warn(&mut self, file: &Arc<str>, line: u32, kind: &'static str, message: String) {
        self.diags.push(Diagnostic {
            file: file.clone(),
            line,
            severity: Severity::Warning,
            kind,
            message,
        });
    }
}

/// Runs every check; with an ontology, codes are checked too.
pub fn lint(d: &Dictionaries, ontology: Option<&Ontology>) -> Vec<Diagnostic> {
    let mut out = Out { diags: vec![] };
    actors(d, ontology, &mut out);
    agents(d, ontology, &mut out);
    events(d, ontology, &mut out);
    out.diags
        .sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    out.diags
}

fn where_(o: &Origin, line: u32) -> String {
    format!("{}:{}", o.file, line)
}

fn actor_code_known(code: &str, ont: &Ontology) -> bool {
    code.split('/')
        .all(|c| is_null_code(c) || ont.is_known_actor_code(c))
}

fn actors(d: &Dictionaries, ont: Option<&Ontology>, out: &mut Out) {
    let mut names: HashMap<String, (usize, u32)> = HashMap::new();
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let entries = d.actors().entries();
    for (i, e) in entries.iter().enumerate() {
        let file = &e.origin.file;
        if let Some(&j) = ids.get(&*e.id) {
            // PETRARCH files repeat roots freely; only dyad files promise unique IDs.
            if file.ends_with(".dyad") {
                let prev = &entries[j].origin;
                out.warn(
                    file,
                    e.origin.line,
                    "duplicate-id",
                    format!(
                        "actor {} is also defined at {}",
                        e.id,
                        where_(prev, prev.line)
                    ),
                );
            }
        } else {
            ids.insert(&e.id, i);
        }
        for n in &e.names {
            let key = norm_phrase(&n.text);
            if key.is_empty() {
                continue;
            }
            match names.get(&key) {
                // Spellings of one entry that normalize alike (`US`, `U.S.`) are fine.
                Some(&(j, _))
                    if j == i && !e.names.iter().any(|m| m.line != n.line && m.text == n.text) => {}
                Some(&(j, line)) if !n.generated => {
                    let other = &entries[j];
                    let msg = if j == i {
                        format!(
                            "`{}` is listed twice for {} (also line {line})",
                            n.text, e.id
                        )
                    } else {
                        format!(
                            "`{}` of {} is also a name of {} at {}; only the first is matched",
                            n.text,
                            e.id,
                            other.id,
                            where_(&other.origin, line)
                        )
                    };
                    out.warn(file, n.line, "duplicate-name", msg);
                }
                Some(_) => {}
                None => {
                    names.insert(key, (i, n.line));
                }
            }
        }
        if e.codes.is_empty() {
            out.warn(
                file,
                e.origin.line,
                "no-code",
                format!("actor {} has no code", e.id),
            );
        }
        let undated: Vec<&DatedCode> = e.codes.iter().filter(|c| c.range.is_none()).collect();
        if undated.len() > 1 {
            out.warn(
                file,
                undated[1].line,
                "multiple-undated",
                format!(
                    "actor {} has several undated codes; only the first, {}, is used",
                    e.id, undated[0].code
                ),
            );
        }
        let dated: Vec<&DatedCode> = e.codes.iter().filter(|c| c.range.is_some()).collect();
        for (k, c) in dated.iter().enumerate() {
            let r = c.range.expect("filtered");
            if r.is_empty() {
                out.warn(
                    file,
                    c.line,
                    "inverted-range",
                    format!(
                        "{} of {}: range {r} ends before it starts; it never applies",
                        c.code, e.id
                    ),
                );
                continue;
            }
            for p in &dated[..k] {
                let pr = p.range.expect("filtered");
                if p.code == c.code || pr.is_empty() {
                    continue;
                }
                if let Some(o) = r.overlap(&pr) {
                    let days = match (o.from, o.until) {
                        (Some(a), Some(b)) => a.until(b).map(|s| s.get_days()).unwrap_or(i32::MAX),
                        _ => i32::MAX,
                    };
                    // PETRARCH's ranges include both ends, so consecutive
                    // ranges conventionally share a day; dyad's are half-open.
                    let shared_day_ok = if file.ends_with(".dyad") { 0 } else { 1 };
                    if days > shared_day_ok {
                        out.warn(
                            file,
                            c.line,
                            "overlapping-ranges",
                            format!(
                                "{} {r} of {} overlaps {} {pr} (line {}) on {o}; {} wins there",
                                c.code, e.id, p.code, p.line, p.code
                            ),
                        );
                    }
                }
            }
        }
        if let Some(ont) = ont {
            for c in &e.codes {
                if !actor_code_known(&c.code, ont) {
                    out.warn(
                        file,
                        c.line,
                        "unknown-code",
                        format!(
                            "actor code {} of {} has a block the ontology does not know",
                            c.code, e.id
                        ),
                    );
                }
            }
        }
    }
    // Short names (surnames) may be shared by several people: the coder
    // picks among them. A short name that is someone's full name never
    // matches as a short name, since full names win.
    for e in entries {
        for n in &e.short {
            if let Some(&(j, line)) = names.get(&norm_phrase(&n.text)) {
                let other = &entries[j];
                if !std::ptr::eq(other, e) {
                    out.warn(
                        &e.origin.file,
                        n.line,
                        "duplicate-name",
                        format!(
                            "short name `{}` of {} is a full name of {} at {}, which always wins",
                            n.text,
                            e.id,
                            other.id,
                            where_(&other.origin, line)
                        ),
                    );
                }
            }
        }
    }
}

fn agents(d: &Dictionaries, ont: Option<&Ontology>, out: &mut Out) {
    let mut names: HashMap<String, (usize, u32)> = HashMap::new();
    let entries = d.agents().entries();
    for (i, e) in entries.iter().enumerate() {
        let file = &e.origin.file;
        for n in &e.names {
            let key = norm_phrase(&n.text);
            match names.get(&key) {
                Some(&(j, line)) if !n.generated => {
                    let other = &entries[j];
                    // Spellings of one entry that normalize alike (`vice-president`,
                    // `vice president`) are fine; a name written twice is not.
                    let repeated =
                        j == i && e.names.iter().any(|m| m.line != n.line && m.text == n.text);
                    if (j != i && other.code != e.code) || repeated {
                        out.warn(
                            file,
                            n.line,
                            "duplicate-name",
                            format!("agent name `{}` ({}) is also at {} ({}); only the first is matched", n.text, e.code, where_(&other.origin, line), other.code),
                        );
                    }
                }
                Some(_) => {}
                None => {
                    names.insert(key, (i, n.line));
                }
            }
        }
        if let Some(ont) = ont {
            if !ont.is_known_actor_code(&e.code) {
                out.warn(
                    file,
                    e.origin.line,
                    "unknown-code",
                    format!(
                        "agent code {} of {} has a block the ontology does not know",
                        e.code, e.id
                    ),
                );
            }
        }
    }
}

fn events(d: &Dictionaries, ont: Option<&Ontology>, out: &mut Out) {
    let ev = d.events();
    let set_ids: HashSet<&str> = ev.sets().iter().map(|s| &*s.id).collect();
    let check_code = |out: &mut Out, code: &EventCode, file: &Arc<str>, line: u32, what: &str| {
        let Some(ont) = ont else { return };
        for c in code.codes() {
            if ont.cameo(c).is_none() {
                out.warn(
                    file,
                    line,
                    "unknown-code",
                    format!("{what}: {c} is not a CAMEO event code"),
                );
            }
        }
    };
    for s in ev.sets() {
        for m in &s.members {
            if let Some(nested) = m.text.strip_prefix('&') {
                if !set_ids.contains(nested) {
                    out.warn(
                        &s.origin.file,
                        m.line,
                        "never-matches",
                        format!("set &{} includes &{nested}, which is not defined", s.id),
                    );
                }
            }
        }
    }
    let mut lemmas: HashSet<&str> = HashSet::new();
    for e in ev.entries() {
        lemmas.insert(&e.id);
        for v in &e.verbs {
            lemmas.insert(&v.lemma);
        }
    }
    for e in ev.entries() {
        let file = &e.origin.file;
        check_code(
            out,
            &e.code,
            file,
            e.origin.line,
            &format!("block {}", e.id),
        );
        for v in &e.verbs {
            if let Some(c) = &v.code {
                check_code(out, c, file, v.line, &format!("verb {}", v.lemma));
            }
        }
        let mut seen: HashMap<(Option<&str>, &[Slot]), u32> = HashMap::new();
        for p in &e.patterns {
            check_code(out, &p.code, file, p.line, "pattern");
            let mut sets = p
                .slots
                .iter()
                .flat_map(|s| std::iter::once(&s.head).chain(&s.modifiers))
                .filter_map(|t| match t {
                    Term::Set(s) => Some(&**s),
                    _ => None,
                });
            let seq_sets = p.sequence.iter().filter_map(|s| match s {
                SeqItem::Set(s) => Some(&**s),
                _ => None,
            });
            if let Some(undefined) = sets
                .find(|s| !set_ids.contains(s))
                .or_else(|| seq_sets.clone().find(|s| !set_ids.contains(s)))
            {
                out.warn(
                    file,
                    p.line,
                    "never-matches",
                    format!("pattern uses &{undefined}, which is not defined"),
                );
                continue;
            }
            if let Some(v) = &p.verb {
                let known =
                    e.verbs.iter().any(|x| x.lemma == *v) || e.nouns.iter().any(|n| *n.text == **v);
                if !known {
                    out.warn(
                        file,
                        p.line,
                        "never-matches",
                        format!(
                            "pattern is for `{v}`, which is not a verb or noun of {}",
                            e.id
                        ),
                    );
                    continue;
                }
            }
            // TABARI patterns differ by their sequence, not their approximate slots.
            if p.syntax != Syntax::Tabari {
                let key = (p.verb.as_deref(), p.slots.as_slice());
                if let Some(line) = seen.get(&key) {
                    out.warn(
                        file,
                        p.line,
                        "never-matches",
                        format!(
                            "pattern repeats the conditions of line {line}, which is tried first"
                        ),
                    );
                } else {
                    seen.insert(key, p.line);
                }
            }
        }
    }
    for t in ev.transformations() {
        for w in &t.pattern {
            let is_verb_slot = w.chars().all(|c| c.is_ascii_uppercase() || c == '_') && w.len() > 1;
            if is_verb_slot {
                let all_known = w
                    .split('_')
                    .all(|part| lemmas.contains(part) || lemmas.contains(&*part.to_lowercase()));
                if !all_known {
                    out.warn(
                        &t.origin.file,
                        t.origin.line,
                        "never-matches",
                        format!("transformation names `{w}`, which is no verb block or verb"),
                    );
                }
            }
        }
    }
}
