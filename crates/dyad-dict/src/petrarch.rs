//! Readers for the PETRARCH and TABARI dictionary formats.
//!
//! What dyad reads, format by format (each point has a test in
//! `tests/petrarch_formats.rs`):
//!
//! - **Comments**: `#` to the end of the line; `<!-- ... -->` on one line or
//!   over several; a line starting `<!` without `<!--` (a mistyped comment,
//!   `<! -- ... -->`) is skipped whole; in verb files `;` also starts a comment.
//! - **Actors**: an entry starts with an unindented name; `_` and spaces both
//!   join words (a name is always a run of consecutive words; a trailing `_`,
//!   TABARI's "whole word", is dropped); `+NAME` lines add synonyms; codes are
//!   `[CODE]` blocks on the name's line or on indented lines below, several
//!   per line allowed; `[CODE <DATE]`, `[CODE >DATE]`, `[CODE DATE-DATE]`
//!   restrict a code to dates (`YYMMDD` or `YYYYMMDD`; spaces inside are
//!   ignored); the first restriction that holds wins, then the first undated
//!   code; `[---]` is the null code; lower-case codes are upper-cased with a
//!   warning.
//! - **Agents**: `NAME {PLURAL} [~CODE]`; `~CODE` goes after the actor's code,
//!   `CODE~` before; without `{}` a regular plural of the last word is made,
//!   `{}` means none; `!NAME! = A, B` defines a substitution set used as
//!   `CONGRESS!PERSON!` (each member substituted, no plural made).
//! - **Verbs** (PETRARCH-2 `CAMEO.2.0.txt`, PETRARCH-1/TABARI pattern files):
//!   `&SET` then `+MEMBER` lines (plurals made unless the label or the member
//!   ends in `_`; a member may be another `&SET`); `--- NAME [CODE] ---` opens
//!   a block; verb lines `VERB {FORMS} [CODE]` (regular forms made when no
//!   `{}`), multi-word verbs `+CLEAR_UP`, `RE_+ARREST`, `WIRE_+TAP {...}`;
//!   patterns `- BEFORE * AFTER [CODE]` with PETRARCH-2 `(PREP ...)` and
//!   `{MOD HEAD}` groups or TABARI sequences (`$` source, `+` target, `%`
//!   compound, `^` skip a phrase, `_` consecutive); codes `[042:043]` (a
//!   paired event back from target to source), `[:173]`, `[---]`;
//!   transformations `~ a (a b ATTACK) SAY = a b 015`.
//! - **Discards**: one phrase per line, `+` for a story discard.
//! - **Issues**: `<ISSUE CATEGORY="...">` sections of `PHRASE [CODE]` lines,
//!   with `n:` (noun: add the plural), `v:` (verb: add the regular forms),
//!   `a+b` (both `a b` and `a-b`); `~PHRASE` (sentence) and `~~PHRASE`
//!   (story) exceptions cancel the issues of their category.

use crate::date::DateRange;
use crate::diag::Sink;
use crate::model::*;
use crate::text::{plural, simple_tokens, verb_forms};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Lines of a PETRARCH file with comments removed: (1-based line number, text).
pub(crate) fn clean_lines(text: &str, semicolon_comments: bool) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    let mut in_block = false;
    for (i, raw) in text.lines().enumerate() {
        let n = i as u32 + 1;
        let mut line = raw.to_string();
        if in_block {
            match line.find("-->") {
                Some(p) => {
                    line = line[p + 3..].to_string();
                    in_block = false;
                }
                None => continue,
            }
        }
        if line.trim_start().starts_with("<!") && !line.contains("<!--") {
            continue;
        }
        while let Some(p) = line.find("<!--") {
            match line[p + 4..].find("-->") {
                Some(q) => line.replace_range(p..p + 4 + q + 3, " "),
                None => {
                    line.truncate(p);
                    in_block = true;
                    break;
                }
            }
        }
        if let Some(p) = comment_start(&line, semicolon_comments) {
            line.truncate(p);
        }
        if !line.trim().is_empty() {
            out.push((n, line.trim_end().to_string()));
        }
    }
    out
}

/// Where a `#` (or `;`) comment starts: not inside `[...]`, where `[###]`
/// is TABARI's old discard code.
fn comment_start(line: &str, semicolon: bool) -> Option<usize> {
    let mut depth = 0u32;
    for (i, b) in line.bytes().enumerate() {
        match b {
            b'[' => depth += 1,
            b']' => depth = depth.saturating_sub(1),
            b'#' if depth == 0 => return Some(i),
            b';' if semicolon && depth == 0 => return Some(i),
            _ => {}
        }
    }
    None
}

/// A name's words joined by single spaces (`_` and spaces are both joiners).
fn name_text(s: &str) -> String {
    simple_tokens(s).join(" ")
}

fn name_id(s: &str) -> String {
    simple_tokens(s).join("_")
}

fn origin(file: &Arc<str>, line: u32) -> Origin {
    Origin {
        file: file.clone(),
        line,
    }
}

// ----------------------------------------------------------------------------
// Actors

/// Splits `NAME [A] [B <DATE]` into the name part and the bracket contents.
fn split_code_blocks(s: &str) -> (&str, Vec<&str>, bool) {
    let (name, mut rest) = match s.find('[') {
        Some(p) => (&s[..p], &s[p..]),
        None => (s, ""),
    };
    let mut blocks = Vec::new();
    let mut stray = false;
    while let Some(p) = rest.find('[') {
        if !rest[..p].trim().is_empty() {
            stray = true;
        }
        match rest[p..].find(']') {
            Some(q) => {
                blocks.push(&rest[p + 1..p + q]);
                rest = &rest[p + q + 1..];
            }
            None => {
                blocks.push(&rest[p + 1..]);
                stray = true;
                rest = "";
            }
        }
    }
    if !rest.trim().is_empty() {
        stray = true;
    }
    (name, blocks, stray)
}

fn parse_actor_code(block: &str, line: u32, sink: &mut Sink) -> Option<DatedCode> {
    let mut parts = block.split_whitespace();
    let Some(code) = parts.next() else {
        sink.error(line, "bad-code", "empty code block `[]`");
        return None;
    };
    if code.starts_with(['<', '>'])
        || code.starts_with(|c: char| c.is_ascii_digit()) && code.len() >= 6
    {
        sink.error(
            line,
            "bad-code",
            format!("code block `[{block}]` has a date but no code"),
        );
        return None;
    }
    let mut code = code.to_string();
    if code.bytes().any(|b| b.is_ascii_lowercase()) {
        sink.warn(
            line,
            "code-case",
            format!(
                "code `{code}` is not upper case; read as `{}`",
                code.to_ascii_uppercase()
            ),
        );
        code = code.to_ascii_uppercase();
    }
    let restriction: String = parts.collect();
    let range = if restriction.is_empty() {
        None
    } else {
        match DateRange::parse_petrarch_lenient(&restriction) {
            Ok((r, note)) => {
                if let Some(note) = note {
                    sink.warn(line, "bad-date", format!("in `[{block}]`: {note}"));
                }
                Some(r)
            }
            Err(e) => {
                sink.error(line, "bad-date", format!("in `[{block}]`: {e}"));
                return None;
            }
        }
    };
    Some(DatedCode {
        code: code.into(),
        range,
        line,
    })
}

pub(crate) fn read_actors(text: &str, sink: &mut Sink) -> Vec<ActorEntry> {
    let file = sink.file.clone();
    let mut entries: Vec<ActorEntry> = Vec::new();
    let mut current: Option<usize> = None;
    for (n, line) in clean_lines(text, false) {
        let t = line.trim();
        if t.starts_with('[') {
            let (_, blocks, stray) = split_code_blocks(t);
            let Some(i) = current else {
                sink.error(n, "orphan-code", "code line before any actor name");
                continue;
            };
            if stray {
                sink.warn(
                    n,
                    "stray-text",
                    "text outside the `[...]` code blocks was ignored",
                );
            }
            for b in blocks {
                if let Some(c) = parse_actor_code(b, n, sink) {
                    entries[i].codes.push(c);
                }
            }
            continue;
        }
        let (is_synonym, body) = match t.strip_prefix('+') {
            Some(rest) => (true, rest),
            None => (false, t),
        };
        let (name, blocks, stray) = split_code_blocks(body);
        let text = name_text(name);
        if text.is_empty() {
            sink.error(n, "empty-name", "line has no name");
            continue;
        }
        if stray {
            sink.warn(
                n,
                "stray-text",
                "text outside the `[...]` code blocks was ignored",
            );
        }
        let i = if is_synonym {
            let Some(i) = current else {
                sink.error(
                    n,
                    "orphan-synonym",
                    format!("synonym `+{}` before any actor name", name.trim()),
                );
                continue;
            };
            if !blocks.is_empty() {
                sink.warn(
                    n,
                    "synonym-code",
                    "codes on a `+` synonym line apply to the whole entry",
                );
            }
            entries[i].names.push(Name::new(text, n));
            i
        } else {
            entries.push(ActorEntry {
                id: name_id(name).into(),
                names: vec![Name::new(text, n)],
                short: vec![],
                codes: vec![],
                titles: vec![],
                notes: vec![],
                origin: origin(&file, n),
            });
            current = Some(entries.len() - 1);
            entries.len() - 1
        };
        for b in blocks {
            if let Some(c) = parse_actor_code(b, n, sink) {
                entries[i].codes.push(c);
            }
        }
    }
    entries
}

// ----------------------------------------------------------------------------
// Agents

fn parse_agent_code(code: &str, line: u32, sink: &mut Sink) -> Option<(Box<str>, Placement)> {
    let code = code.trim();
    let (c, placement) = if let Some(c) = code.strip_prefix('~') {
        (c.trim(), Placement::Suffix)
    } else if let Some(c) = code.strip_suffix('~') {
        (c.trim(), Placement::Prefix)
    } else {
        if !code.is_empty() {
            sink.warn(
                line,
                "agent-placement",
                format!("agent code `{code}` has no `~`; read as `~{code}`"),
            );
        }
        (code, Placement::Suffix)
    };
    if c.is_empty() || !c.bytes().all(|b| b.is_ascii_alphanumeric()) {
        sink.error(line, "bad-code", format!("`[{code}]` is not an agent code"));
        return None;
    }
    Some((c.to_ascii_uppercase().into(), placement))
}

/// `name` with the regular plural of its last word.
pub(crate) fn plural_phrase(name: &str) -> Option<String> {
    let (head, last) = match name.rsplit_once(' ') {
        Some((h, l)) => (Some(h), l),
        None => (None, name),
    };
    if !last.chars().any(|c| c.is_alphabetic()) {
        return None;
    }
    let p = plural(&last.to_lowercase());
    Some(match head {
        Some(h) => format!("{h} {p}"),
        None => p,
    })
}

pub(crate) fn read_agents(text: &str, sink: &mut Sink) -> Vec<AgentEntry> {
    let file = sink.file.clone();
    let mut macros: HashMap<String, Vec<String>> = HashMap::new();
    let mut entries = Vec::new();
    for (n, line) in clean_lines(text, false) {
        let t = line.trim();
        if t.starts_with('!') && t.contains('=') && !t.contains('[') {
            let (lhs, rhs) = t.split_once('=').unwrap_or((t, ""));
            let name = lhs.trim().trim_matches('!');
            if name.is_empty() || lhs.trim().matches('!').count() != 2 {
                sink.error(
                    n,
                    "bad-macro",
                    "substitution set must read `!NAME! = A, B, C`",
                );
                continue;
            }
            let members: Vec<String> = rhs
                .split(',')
                .map(|m| m.trim().to_string())
                .filter(|m| !m.is_empty())
                .collect();
            macros.insert(name.to_string(), members);
            continue;
        }
        let Some(open) = t.find('[') else {
            sink.error(n, "no-code", "agent line without a `[~CODE]`");
            continue;
        };
        let close = match t[open..].find(']') {
            Some(c) => c,
            None => {
                // `[~ENV}`: take the code up to the wrong bracket or the end.
                let c = t[open..].find('}').unwrap_or(t.len() - open);
                sink.warn(
                    n,
                    "bad-code",
                    format!("missing `]`; code read as `{}`", &t[open + 1..open + c]),
                );
                c
            }
        };
        let Some((code, placement)) = parse_agent_code(&t[open + 1..open + close], n, sink) else {
            continue;
        };
        let mut phrase = t[..open].trim();
        let mut plural_given: Option<&str> = None;
        if let Some(b) = phrase.find('{') {
            let Some(e) = phrase[b..].find('}').map(|e| b + e) else {
                sink.error(n, "bad-plural", "missing `}`");
                continue;
            };
            plural_given = Some(phrase[b + 1..e].trim());
            phrase = phrase[..b].trim();
        }
        if phrase.is_empty() {
            sink.error(n, "empty-name", "agent line without a name");
            continue;
        }
        let mut names = Vec::new();
        if phrase.contains('!') {
            let mut parts = phrase.splitn(3, '!');
            let (pre, mac, post) = (parts.next().unwrap_or(""), parts.next(), parts.next());
            let (Some(mac), Some(post)) = (mac, post) else {
                sink.error(
                    n,
                    "bad-macro",
                    format!("substitution marker in `{phrase}` is not closed"),
                );
                continue;
            };
            let Some(members) = macros.get(mac) else {
                sink.error(
                    n,
                    "unknown-macro",
                    format!("substitution set `!{mac}!` is not defined above"),
                );
                continue;
            };
            for m in members {
                names.push(Name::generated(name_text(&format!("{pre}{m}{post}")), n));
            }
        } else {
            let text = name_text(phrase);
            match plural_given {
                Some("") => {}
                Some(p) => names.push(Name::new(name_text(p), n)),
                None => {
                    if let Some(p) = plural_phrase(&text) {
                        names.push(Name::generated(p, n));
                    }
                }
            }
            names.insert(0, Name::new(text, n));
        }
        entries.push(AgentEntry {
            id: name_id(phrase).into(),
            names,
            code,
            placement,
            origin: origin(&file, n),
        });
    }
    entries
}

// ----------------------------------------------------------------------------
// Discards

pub(crate) fn read_discards(text: &str, sink: &mut Sink) -> Vec<DiscardEntry> {
    let file = sink.file.clone();
    let mut entries = Vec::new();
    for (n, line) in clean_lines(text, false) {
        let t = line.trim();
        let (scope, phrase) = match t.strip_prefix('+') {
            Some(p) => (Scope::Story, p),
            None => (Scope::Sentence, t),
        };
        let text = name_text(phrase);
        if text.is_empty() {
            sink.error(n, "empty-name", "discard line without a phrase");
            continue;
        }
        entries.push(DiscardEntry {
            id: name_id(phrase).into(),
            names: vec![Name::new(text, n)],
            scope,
            origin: origin(&file, n),
        });
    }
    entries
}

// ----------------------------------------------------------------------------
// Issues

/// Expands PETRARCH issue markers: `n:word`, `v:word`, `a+b`.
pub(crate) fn expand_issue_phrase(phrase: &str) -> Vec<String> {
    let mut variants: Vec<String> = vec![String::new()];
    for word in phrase.split_whitespace() {
        // Alternatives for this word: its `+` parts joined by ' ' or '-'.
        let mut alts: Vec<String> = vec![String::new()];
        for (k, part) in word.split('+').enumerate() {
            let lower = part.to_lowercase();
            let forms: Vec<String> = if let Some(w) = lower.strip_prefix("n:") {
                vec![w.to_string(), plural(w)]
            } else if let Some(w) = lower.strip_prefix("v:") {
                let [a, b, c] = verb_forms(w);
                vec![w.to_string(), a, b, c]
            } else {
                vec![lower]
            };
            let mut next = Vec::new();
            for a in &alts {
                for f in &forms {
                    if k == 0 {
                        next.push(f.clone());
                    } else {
                        next.push(format!("{a} {f}"));
                        next.push(format!("{a}-{f}"));
                    }
                }
            }
            alts = next;
        }
        let mut next = Vec::new();
        for v in &variants {
            for a in &alts {
                next.push(if v.is_empty() {
                    a.clone()
                } else {
                    format!("{v} {a}")
                });
            }
        }
        variants = next;
        if variants.len() > 256 {
            break;
        }
    }
    variants.retain(|v| !v.is_empty());
    variants
}

pub(crate) fn read_issues(text: &str, sink: &mut Sink) -> Vec<IssueEntry> {
    let file = sink.file.clone();
    let mut entries: Vec<IssueEntry> = Vec::new();
    let mut by_code: HashMap<String, usize> = HashMap::new();
    let mut category: Option<Box<str>> = None;
    // Exceptions of the current category, given to its issues when it closes.
    let mut exceptions: Vec<(Name, Scope)> = Vec::new();
    let mut in_category: Vec<usize> = Vec::new();
    let close =
        |entries: &mut Vec<IssueEntry>, ex: &mut Vec<(Name, Scope)>, members: &mut Vec<usize>| {
            for &i in members.iter() {
                entries[i].exceptions.extend(ex.iter().cloned());
            }
            ex.clear();
            members.clear();
        };
    for (n, line) in clean_lines(text, false) {
        let t = line.trim();
        if t.starts_with("</ISSUE") {
            close(&mut entries, &mut exceptions, &mut in_category);
            category = None;
            continue;
        }
        if let Some(rest) = t.strip_prefix("<ISSUE") {
            close(&mut entries, &mut exceptions, &mut in_category);
            category = rest
                .split_once("CATEGORY=\"")
                .and_then(|(_, r)| r.split_once('"'))
                .map(|(c, _)| c.into());
            if category.is_none() {
                sink.warn(n, "bad-category", "`<ISSUE` without CATEGORY=\"...\"");
            }
            continue;
        }
        if let Some(rest) = t.strip_prefix('~') {
            let (scope, phrase) = match rest.strip_prefix('~') {
                Some(p) => (Scope::Story, p),
                None => (Scope::Sentence, rest),
            };
            if category.is_none() {
                sink.warn(
                    n,
                    "orphan-exception",
                    "exception outside an <ISSUE> section applies to nothing",
                );
            }
            for v in expand_issue_phrase(phrase) {
                exceptions.push((Name::generated(name_text(&v), n), scope));
            }
            continue;
        }
        let Some(open) = t.find('[') else {
            // PETRARCH skips such lines silently: they code nothing.
            sink.warn(
                n,
                "no-code",
                "issue phrase without a `[CODE]` codes nothing",
            );
            continue;
        };
        let code = t[open + 1..]
            .split(']')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_uppercase();
        if code.is_empty() {
            sink.error(n, "bad-code", "empty issue code");
            continue;
        }
        let phrase = &t[..open];
        let variants = expand_issue_phrase(phrase);
        if variants.is_empty() {
            sink.error(n, "empty-name", "issue line without a phrase");
            continue;
        }
        let i = *by_code.entry(code.clone()).or_insert_with(|| {
            entries.push(IssueEntry {
                id: code.clone().into(),
                category: category.clone(),
                names: vec![],
                exceptions: vec![],
                origin: origin(&file, n),
            });
            entries.len() - 1
        });
        if !in_category.contains(&i) {
            in_category.push(i);
        }
        for (k, v) in variants.into_iter().enumerate() {
            let text = name_text(&v);
            entries[i].names.push(if k == 0 {
                Name::new(text, n)
            } else {
                Name::generated(text, n)
            });
        }
    }
    close(&mut entries, &mut exceptions, &mut in_category);
    entries
}

// ----------------------------------------------------------------------------
// Verbs

const PREPOSITIONS: &[&str] = &[
    "about",
    "above",
    "across",
    "after",
    "against",
    "along",
    "amid",
    "among",
    "around",
    "as",
    "at",
    "before",
    "behind",
    "below",
    "beneath",
    "beside",
    "between",
    "beyond",
    "by",
    "despite",
    "during",
    "for",
    "from",
    "in",
    "inside",
    "into",
    "near",
    "of",
    "off",
    "on",
    "onto",
    "out",
    "outside",
    "over",
    "past",
    "since",
    "through",
    "throughout",
    "to",
    "toward",
    "towards",
    "under",
    "until",
    "upon",
    "via",
    "with",
    "within",
    "without",
];

/// One lexical item of a pattern.
#[derive(Debug, Clone, PartialEq)]
enum Lex {
    Open(char),
    Close(char),
    Item(SeqItem),
}

/// Splits a pattern into items. `sets` holds the file's set labels, so that
/// `&FIGHT_OF_WORDS` stays one set while `NEW_&TIES_RELATIONS` is three items.
fn lex_pattern(body: &str, sets: &HashSet<String>) -> Vec<Lex> {
    let mut out = Vec::new();
    for chunk in body.split_whitespace() {
        let mut s = chunk;
        while let Some(c) = s.chars().next().filter(|c| matches!(c, '(' | '{')) {
            out.push(Lex::Open(c));
            s = &s[1..];
        }
        let mut closes = Vec::new();
        while let Some(c) = s.chars().last().filter(|c| matches!(c, ')' | '}')) {
            closes.push(Lex::Close(c));
            s = &s[..s.len() - 1];
        }
        // `*` glued to a word (`*SCEPTICAL`) is still the verb's place, not
        // joined to it (an empty part between them); `RECENTLY_*` is joined.
        let chars: Vec<char> = s.chars().collect();
        let mut spaced = String::with_capacity(s.len() + 4);
        for (i, &c) in chars.iter().enumerate() {
            let glued = |j: Option<&char>| j.is_some_and(|&d| d != '_');
            if c == '*' && glued(i.checked_sub(1).and_then(|j| chars.get(j))) {
                spaced.push_str("__");
            }
            spaced.push(c);
            if c == '*' && glued(chars.get(i + 1)) {
                spaced.push_str("__");
            }
        }
        let parts: Vec<&str> = spaced.split('_').collect();
        let mut k = 0;
        while k < parts.len() {
            let p = parts[k];
            if p.is_empty() {
                k += 1;
                continue;
            }
            if k > 0 && !parts[k - 1].is_empty() {
                out.push(Lex::Item(SeqItem::Join));
            }
            let item = if let Some(label) = p.strip_prefix('&') {
                // The longest run of parts that names a known set.
                let mut name = label.to_ascii_uppercase();
                let mut end = k;
                let mut joined = name.clone();
                for (j, next) in parts.iter().enumerate().skip(k + 1) {
                    joined = format!("{joined}_{}", next.to_ascii_uppercase());
                    if sets.contains(&joined) {
                        name = joined.clone();
                        end = j;
                    }
                }
                k = end;
                SeqItem::Set(name.into())
            } else {
                match p {
                    "*" => SeqItem::Verb,
                    "$" => SeqItem::Actor(Term::Source),
                    "+" => SeqItem::Actor(Term::Target),
                    "%" => SeqItem::Actor(Term::Compound),
                    "^" => SeqItem::Skip,
                    p => SeqItem::Word(p.to_lowercase().into()),
                }
            };
            out.push(Lex::Item(item));
            k += 1;
        }
        out.extend(closes.into_iter().rev());
    }
    out
}

fn term_of(item: &SeqItem) -> Option<Term> {
    match item {
        SeqItem::Word(w) => Some(Term::Word(w.clone())),
        SeqItem::Set(s) => Some(Term::Set(s.clone())),
        SeqItem::Actor(t) => Some(t.clone()),
        _ => None,
    }
}

/// A parsed PETRARCH-2 group: a bare item, `{MOD HEAD}` or `(PREP ...)`.
enum Group {
    Noun(Term, Vec<Term>),
    Prep(Box<str>, Vec<(Term, Vec<Term>)>),
}

/// Parses groups; a closing bracket without its opening one is skipped and
/// reported in `stray` (CAMEO.2.0.txt has two such typos).
fn parse_groups(lex: &[Lex], stray: &mut Option<char>) -> Result<Vec<Group>, String> {
    let mut groups = Vec::new();
    let mut i = 0;
    // Reads `{...}` starting at lex[i] == Open('{'); returns (head, modifiers) and the next index.
    fn brace(lex: &[Lex], mut i: usize) -> Result<((Term, Vec<Term>), usize), String> {
        i += 1;
        let mut terms = Vec::new();
        while i < lex.len() {
            match &lex[i] {
                Lex::Close('}') => {
                    let head = terms.pop().ok_or("empty `{}`")?;
                    return Ok(((head, terms), i + 1));
                }
                Lex::Item(it) => {
                    if let Some(t) = term_of(it) {
                        terms.push(t);
                    }
                }
                _ => return Err("`{...}` holds brackets".into()),
            }
            i += 1;
        }
        Err("`{` is not closed".into())
    }
    while i < lex.len() {
        match &lex[i] {
            Lex::Open('{') => {
                let ((h, m), next) = brace(lex, i)?;
                groups.push(Group::Noun(h, m));
                i = next;
            }
            Lex::Open(_) => {
                i += 1;
                let prep = match lex.get(i) {
                    Some(Lex::Item(SeqItem::Word(w))) => w.clone(),
                    _ => return Err("`(` must be followed by a preposition".into()),
                };
                i += 1;
                let mut nouns = Vec::new();
                loop {
                    match lex.get(i) {
                        None => return Err("`(` is not closed".into()),
                        Some(Lex::Close(')')) => {
                            i += 1;
                            break;
                        }
                        Some(Lex::Open('{')) => {
                            let (hm, next) = brace(lex, i)?;
                            nouns.push(hm);
                            i = next;
                        }
                        Some(Lex::Item(it)) => {
                            if let Some(t) = term_of(it) {
                                nouns.push((t, vec![]));
                            }
                            i += 1;
                        }
                        Some(_) => return Err("brackets do not match".into()),
                    }
                }
                groups.push(Group::Prep(prep, nouns));
            }
            Lex::Close(c) => {
                *stray = Some(*c);
                i += 1;
            }
            Lex::Item(it) => {
                if let Some(t) = term_of(it) {
                    groups.push(Group::Noun(t, vec![]));
                }
                i += 1;
            }
        }
    }
    Ok(groups)
}

fn petrarch2_slots(
    before: &[Lex],
    after: &[Lex],
    stray: &mut Option<char>,
) -> Result<Vec<Slot>, String> {
    let mut slots = Vec::new();
    for (side, rel) in [(before, Rel::Subject), (after, Rel::Object)] {
        for g in parse_groups(side, stray)? {
            match g {
                Group::Noun(head, modifiers) => slots.push(Slot {
                    rel: rel.clone(),
                    head,
                    modifiers,
                }),
                Group::Prep(p, nouns) if nouns.is_empty() => slots.push(Slot {
                    rel: Rel::Obl(p),
                    head: Term::Any,
                    modifiers: vec![],
                }),
                Group::Prep(p, nouns) => {
                    for (head, modifiers) in nouns {
                        slots.push(Slot {
                            rel: Rel::Obl(p.clone()),
                            head,
                            modifiers,
                        });
                    }
                }
            }
        }
    }
    Ok(slots)
}

fn tabari_slots(before: &[SeqItem], after: &[SeqItem]) -> Vec<Slot> {
    let mut slots = Vec::new();
    for it in before {
        if let SeqItem::Actor(t) = it {
            slots.push(Slot {
                rel: Rel::Subject,
                head: t.clone(),
                modifiers: vec![],
            });
        }
    }
    let items: Vec<&SeqItem> = after
        .iter()
        .filter(|i| !matches!(i, SeqItem::Join | SeqItem::Skip))
        .collect();
    let mut i = 0;
    while i < items.len() {
        if let SeqItem::Word(w) = items[i] {
            if PREPOSITIONS.contains(&&**w) {
                let head = items
                    .get(i + 1)
                    .and_then(|n| term_of(n))
                    .unwrap_or(Term::Any);
                let consumed = if matches!(head, Term::Any) { 1 } else { 2 };
                slots.push(Slot {
                    rel: Rel::Obl(w.clone()),
                    head,
                    modifiers: vec![],
                });
                i += consumed;
                continue;
            }
        }
        if let Some(t) = term_of(items[i]) {
            slots.push(Slot {
                rel: Rel::Object,
                head: t,
                modifiers: vec![],
            });
        }
        i += 1;
    }
    slots
}

/// Parses `- BEFORE * AFTER [CODE]`; a stray closing bracket is reported in `stray`.
fn parse_pattern(
    line: &str,
    n: u32,
    p2: bool,
    sets: &HashSet<String>,
    stray: &mut Option<char>,
) -> Result<Pattern, String> {
    let body = line.trim_start().strip_prefix('-').unwrap_or(line);
    let (pat, code) = match body.rfind('[') {
        Some(p) => {
            let close = body[p..].find(']').ok_or("missing `]` after the code")?;
            (&body[..p], &body[p + 1..p + close])
        }
        None => return Err("pattern without a `[CODE]`".into()),
    };
    let lex = lex_pattern(pat, sets);
    let Some(star) = lex.iter().position(|l| *l == Lex::Item(SeqItem::Verb)) else {
        return Err("pattern without `*` (the verb's place)".into());
    };
    if lex
        .iter()
        .filter(|l| **l == Lex::Item(SeqItem::Verb))
        .count()
        > 1
    {
        return Err("pattern with more than one `*`".into());
    }
    let sequence: Vec<SeqItem> = lex
        .iter()
        .filter_map(|l| match l {
            Lex::Item(i) => Some(i.clone()),
            _ => None,
        })
        .collect();
    let has_brackets = lex
        .iter()
        .any(|l| matches!(l, Lex::Open(_) | Lex::Close(_)));
    let (slots, syntax) = if p2 || has_brackets {
        (
            petrarch2_slots(&lex[..star], &lex[star + 1..], stray)?,
            Syntax::Petrarch2,
        )
    } else {
        let vs = sequence
            .iter()
            .position(|s| *s == SeqItem::Verb)
            .unwrap_or(0);
        (
            tabari_slots(&sequence[..vs], &sequence[vs + 1..]),
            Syntax::Tabari,
        )
    };
    Ok(Pattern {
        verb: None,
        slots,
        code: EventCode::parse(code),
        syntax,
        sequence: if syntax == Syntax::Tabari {
            sequence
        } else {
            vec![]
        },
        text: line.trim().into(),
        line: n,
    })
}

/// Parses a verb line: `SAY {SAID SAYING} [010]`, `+CLEAR_UP`, `RE_+ARREST`.
fn parse_verb(line: &str, n: u32, sink: &mut Sink) -> Option<Verb> {
    let t = line.trim();
    let (before_code, code) = match t.find('[') {
        Some(p) => (
            &t[..p],
            Some(t[p + 1..].split(']').next().unwrap_or("").trim()),
        ),
        None => (t, None),
    };
    let (head, forms) = match before_code.find('{') {
        Some(b) => {
            let Some(e) = before_code[b..].find('}') else {
                sink.error(n, "bad-forms", "missing `}` after the verb forms");
                return None;
            };
            (&before_code[..b], Some(&before_code[b + 1..b + e]))
        }
        None => (before_code, None),
    };
    let word = head.split_whitespace().next()?;
    let (lemma, before, after) = split_multiword(word, n, sink)?;
    let mut all_forms: Vec<Box<str>> = vec![lemma.clone()];
    match forms {
        Some(f) => {
            for w in f.split_whitespace() {
                if let Some((l, _, _)) = split_multiword_quiet(w) {
                    if !all_forms.contains(&l) {
                        all_forms.push(l);
                    }
                }
            }
        }
        None => {
            for f in verb_forms(&lemma) {
                all_forms.push(f.into());
            }
        }
    }
    let code = match code {
        Some("") => {
            sink.warn(n, "bad-code", "empty `[]` code ignored");
            None
        }
        Some(c) => Some(EventCode::parse(c)),
        None => None,
    };
    Some(Verb {
        lemma,
        before,
        after,
        forms: all_forms,
        code,
        line: n,
    })
}

type Multiword = (Box<str>, Vec<Box<str>>, Vec<Box<str>>);

fn split_multiword_quiet(word: &str) -> Option<Multiword> {
    let parts: Vec<&str> = word.split('_').filter(|p| !p.is_empty()).collect();
    if parts.is_empty() {
        return None;
    }
    let k = parts.iter().position(|p| p.starts_with('+')).unwrap_or(0);
    let low = |s: &str| s.trim_start_matches('+').to_lowercase().into_boxed_str();
    let lemma = low(parts[k]);
    if lemma.is_empty() {
        return None;
    }
    Some((
        lemma,
        parts[..k].iter().map(|p| low(p)).collect(),
        parts[k + 1..].iter().map(|p| low(p)).collect(),
    ))
}

fn split_multiword(word: &str, n: u32, sink: &mut Sink) -> Option<Multiword> {
    let r = split_multiword_quiet(word);
    if r.is_none() {
        sink.error(n, "bad-verb", format!("`{word}` is not a verb"));
    } else if word.contains('_') && !word.contains('+') {
        sink.warn(
            n,
            "multiword-verb",
            format!("multi-word verb `{word}` has no `+` on its verb; the first word is taken"),
        );
    }
    r
}

pub(crate) struct VerbFile {
    pub events: Vec<EventEntry>,
    pub sets: Vec<WordSet>,
    pub transformations: Vec<Transformation>,
}

pub(crate) fn read_verbs(text: &str, sink: &mut Sink) -> VerbFile {
    let file = sink.file.clone();
    let lines = clean_lines(text, true);
    // A file is PETRARCH-2 when any pattern uses its `(PREP ...)` groups.
    let p2 = lines
        .iter()
        .any(|(_, l)| l.starts_with('-') && !l.starts_with("---") && l.contains('('));
    let set_labels: HashSet<String> = lines
        .iter()
        .filter_map(|(_, l)| l.trim().strip_prefix('&'))
        .filter_map(|l| l.split_whitespace().next())
        .map(|l| l.trim_end_matches('_').to_ascii_uppercase())
        .collect();
    let mut out = VerbFile {
        events: vec![],
        sets: vec![],
        transformations: vec![],
    };
    enum Mode {
        None,
        Set,
        Block,
    }
    let mut mode = Mode::None;
    for (n, line) in lines {
        let t = line.trim();
        if t.starts_with("---") {
            let inner = t.trim_matches('-').trim();
            let (name, codes, _) = split_code_blocks(inner);
            let name = name.trim().trim_end_matches('_');
            if name.is_empty() {
                sink.error(n, "bad-block", "verb block header without a name");
                mode = Mode::None;
                continue;
            }
            if codes.len() > 1 {
                sink.warn(
                    n,
                    "extra-code",
                    "verb block header with several codes; the first is used",
                );
            }
            out.events.push(EventEntry {
                id: name_id(name).into(),
                code: codes
                    .first()
                    .map(|c| EventCode::parse(c))
                    .unwrap_or_default(),
                verbs: vec![],
                nouns: vec![],
                plover: None,
                places: vec![],
                possessor_is_target: false,
                patterns: vec![],
                origin: origin(&file, n),
            });
            mode = Mode::Block;
        } else if let Some(label) = t.strip_prefix('&') {
            let label = label.split_whitespace().next().unwrap_or("");
            let plurals = !label.ends_with('_');
            let id = label.trim_end_matches('_').to_ascii_uppercase();
            if id.is_empty() {
                sink.error(n, "bad-set", "`&` without a set name");
                mode = Mode::None;
                continue;
            }
            out.sets.push(WordSet {
                id: id.into(),
                members: vec![],
                plurals,
                origin: origin(&file, n),
            });
            mode = Mode::Set;
        } else if let (Mode::Set, Some(member)) = (&mode, t.strip_prefix('+')) {
            let set = out.sets.last_mut().expect("Mode::Set follows a set");
            let member = member.trim();
            if member.is_empty() {
                sink.error(n, "empty-name", "empty set member");
                continue;
            }
            let exact = member.ends_with('_');
            if member.starts_with('&') {
                set.members.push(Name::new(
                    member.trim_end_matches('_').to_ascii_uppercase(),
                    n,
                ));
                continue;
            }
            let text = name_text(member);
            if set.plurals && !exact {
                if let Some(p) = plural_phrase(&text) {
                    set.members.push(Name::new(text, n));
                    set.members.push(Name::generated(p, n));
                    continue;
                }
            }
            set.members.push(Name::new(text, n));
        } else if let Some(rest) = t.strip_prefix('~') {
            match rest.split_once('=') {
                Some((l, r)) => out.transformations.push(Transformation {
                    pattern: l
                        .replace(['(', ')'], " ")
                        .split_whitespace()
                        .map(Into::into)
                        .collect(),
                    result: r.split_whitespace().map(Into::into).collect(),
                    origin: origin(&file, n),
                }),
                None => sink.error(n, "bad-transformation", "transformation without `=`"),
            }
        } else if t.starts_with('-') {
            let Some(entry) = out
                .events
                .last_mut()
                .filter(|_| matches!(mode, Mode::Block))
            else {
                sink.error(
                    n,
                    "orphan-pattern",
                    "pattern outside a `--- VERB ---` block",
                );
                continue;
            };
            let mut stray = None;
            match parse_pattern(t, n, p2, &set_labels, &mut stray) {
                Ok(p) => entry.patterns.push(p),
                Err(e) => sink.error(n, "bad-pattern", e),
            }
            if let Some(c) = stray {
                sink.warn(
                    n,
                    "stray-bracket",
                    format!("`{c}` without its opening bracket was ignored"),
                );
            }
        } else {
            if matches!(mode, Mode::Set) {
                mode = Mode::Block;
                // A verb line right after a set continues the block before it.
            }
            let Some(entry) = out.events.last_mut() else {
                sink.error(
                    n,
                    "orphan-verb",
                    "verb line before any `--- VERB ---` block",
                );
                continue;
            };
            if let Some(v) = parse_verb(t, n, sink) {
                entry.verbs.push(v);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_expansion() {
        let mut v = expand_issue_phrase("pre+n:school");
        v.sort();
        assert_eq!(
            v,
            ["pre school", "pre schools", "pre-school", "pre-schools"]
        );
        let v = expand_issue_phrase("ethnic v:purge");
        assert_eq!(
            v,
            [
                "ethnic purge",
                "ethnic purges",
                "ethnic purged",
                "ethnic purging"
            ]
        );
        assert_eq!(expand_issue_phrase("oil"), ["oil"]);
    }

    #[test]
    fn an_underscore_joins_the_verb_place_and_a_glued_star_does_not() {
        let items = |body: &str| -> Vec<Lex> { lex_pattern(body, &HashSet::new()) };
        let word = |w: &str| Lex::Item(SeqItem::Word(w.into()));
        let (verb, join) = (Lex::Item(SeqItem::Verb), Lex::Item(SeqItem::Join));
        assert_eq!(
            items("RECENTLY_*"),
            [word("recently"), join.clone(), verb.clone()]
        );
        assert_eq!(items("*_ON"), [verb.clone(), join, word("on")]);
        assert_eq!(items("*SCEPTICAL"), [verb, word("sceptical")]);
    }

    #[test]
    fn lexing_patterns() {
        let lex = lex_pattern("* (TO {BANNED PARTIES}) $", &HashSet::new());
        assert_eq!(lex.len(), 9);
        let p = parse_pattern(
            "- * (TO {BANNED PARTIES}) $  [1722]",
            1,
            true,
            &HashSet::new(),
            &mut None,
        )
        .unwrap();
        assert_eq!(
            p.slots,
            vec![
                Slot {
                    rel: Rel::Obl("to".into()),
                    head: Term::Word("parties".into()),
                    modifiers: vec![Term::Word("banned".into())]
                },
                Slot {
                    rel: Rel::Object,
                    head: Term::Source,
                    modifiers: vec![]
                },
            ]
        );
    }
}
