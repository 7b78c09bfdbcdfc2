//! PETRARCH-style validation files: records of a sentence and the events a
//! coder must produce from it.
//!
//! The file is XML of a fixed shape, read here by a small hand-written
//! reader: `<Environment>` names the dictionary files (relative to the
//! file), `<Config option=".." value="..">` sets an option for the records
//! that follow it, and each `<Sentence date id category>` holds zero or more
//! `<EventCoding sourcecode targetcode eventcode>` (or `noevents="True"`, or
//! `error="..."`: PETRARCH's reason for coding nothing) and
//! its `<Text>`. Comments and `<Parse>` trees are skipped; a `<Stop>` element
//! ends the records.

use std::collections::BTreeMap;

/// A dictionary file named by `<Environment>`, with the `--dict` kind it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictionaryFile {
    /// `verbs`, `actors`, `agents` or `discards`.
    pub kind: &'static str,
    pub file: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    pub source: String,
    pub target: String,
    pub code: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub id: String,
    pub category: String,
    pub date: Option<jiff::civil::Date>,
    pub text: String,
    /// Events the record expects (none when it says `noevents`).
    pub expected: Vec<Expected>,
    /// The `<Config>` options in effect, lower-case names and values.
    pub config: BTreeMap<String, String>,
    /// 1-based line of the `<Sentence>` tag.
    pub line: usize,
}

impl Record {
    /// A boolean option (`true`/`false` in any case); `None` when unset or unreadable.
    pub fn flag(&self, option: &str) -> Option<bool> {
        match self.config.get(option)?.as_str() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ValidationFile {
    pub dictionaries: Vec<DictionaryFile>,
    pub records: Vec<Record>,
}

/// What could not be read, with its 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// One piece of the file: a tag or the text between tags.
enum Piece<'a> {
    Open(&'a str, Vec<(String, String)>, bool),
    Close(&'a str),
    Text(&'a str),
}

/// Reads a validation file. Records that cannot be read are reported as
/// problems and left out; the rest is returned.
pub fn read(xml: &str) -> (ValidationFile, Vec<Problem>) {
    let mut out = ValidationFile::default();
    let mut problems = Vec::new();
    let mut config: BTreeMap<String, String> = BTreeMap::new();
    let mut record: Option<Record> = None;
    let mut open_text: Option<String> = None;
    let mut env_element: Option<&'static str> = None;
    let mut in_parse = false;
    let line_of = |at: usize| xml[..at].bytes().filter(|&b| b == b'\n').count() + 1;

    let mut at = 0;
    while at < xml.len() {
        let (piece, next) = match next_piece(xml, at) {
            Ok(p) => p,
            Err(message) => {
                problems.push(Problem {
                    line: line_of(at),
                    message,
                });
                break;
            }
        };
        let here = at;
        at = next;
        let Some(piece) = piece else { continue };
        match piece {
            Piece::Text(t) => {
                if let Some(buf) = open_text.as_mut() {
                    buf.push_str(t);
                }
            }
            Piece::Open(name, attrs, self_closing) => {
                let attr = |k: &str| {
                    attrs
                        .iter()
                        .find(|(a, _)| a.eq_ignore_ascii_case(k))
                        .map(|(_, v)| v.clone())
                };
                match name {
                    "Verbfile" | "Actorfile" | "Agentfile" | "Discardfile" => {
                        env_element = Some(match name {
                            "Verbfile" => "verbs",
                            "Actorfile" => "actors",
                            "Agentfile" => "agents",
                            _ => "discards",
                        });
                        open_text = Some(String::new());
                    }
                    "Config" => {
                        if let (Some(o), Some(v)) = (attr("option"), attr("value")) {
                            config.insert(o.to_lowercase(), v.trim().to_lowercase());
                        }
                    }
                    "Stop" if !in_parse => break,
                    "Sentence" => {
                        if record.is_some() {
                            problems.push(Problem {
                                line: line_of(here),
                                message: "a <Sentence> inside another; the first is dropped".into(),
                            });
                        }
                        let date = attr("date").and_then(|d| parse_date(&d));
                        record = Some(Record {
                            id: attr("id").unwrap_or_default(),
                            category: attr("category").unwrap_or_default(),
                            date,
                            text: String::new(),
                            expected: Vec::new(),
                            config: config.clone(),
                            line: line_of(here),
                        });
                    }
                    "EventCoding" => {
                        let Some(r) = record.as_mut() else { continue };
                        // `noevents="True"`, or an `error` PETRARCH reports instead of
                        // events (`dateline`, `storydiscard`, `bad_input_parse`): the
                        // record expects no event.
                        let no_events =
                            attr("noevents").is_some_and(|v| v.eq_ignore_ascii_case("true"));
                        if no_events || attr("error").is_some() {
                            continue;
                        }
                        match (attr("sourcecode"), attr("targetcode"), attr("eventcode")) {
                            (Some(source), Some(target), Some(code)) => {
                                r.expected.push(Expected {
                                    source,
                                    target,
                                    code,
                                })
                            }
                            _ => problems.push(Problem {
                                line: line_of(here),
                                message: format!(
                                    "record {}: an <EventCoding> without sourcecode, targetcode and eventcode",
                                    r.id
                                ),
                            }),
                        }
                    }
                    "Text" if record.is_some() && !self_closing => open_text = Some(String::new()),
                    "Parse" if !self_closing => in_parse = true,
                    _ => {}
                }
            }
            Piece::Close(name) => match name {
                "Verbfile" | "Actorfile" | "Agentfile" | "Discardfile" => {
                    if let (Some(kind), Some(text)) = (env_element.take(), open_text.take()) {
                        out.dictionaries.push(DictionaryFile {
                            kind,
                            file: text.trim().to_string(),
                        });
                    }
                }
                "Text" => {
                    if let (Some(r), Some(text)) = (record.as_mut(), open_text.take()) {
                        r.text = unescape(&text.split_whitespace().collect::<Vec<_>>().join(" "));
                    }
                }
                "Parse" => in_parse = false,
                "Sentence" => {
                    if let Some(r) = record.take() {
                        out.records.push(r);
                    }
                }
                _ => {}
            },
        }
    }
    (out, problems)
}

fn parse_date(s: &str) -> Option<jiff::civil::Date> {
    let s = s.trim();
    if s.len() != 8 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = |r: std::ops::Range<usize>| s[r].parse::<i16>().ok();
    let (y, m, d) = (n(0..4)?, n(4..6)?, n(6..8)?);
    jiff::civil::Date::new(y, m as i8, d as i8).ok()
}

/// The piece starting at `at` (`None` for a comment, a declaration or an
/// empty stretch) and where the next one starts.
fn next_piece(xml: &str, at: usize) -> Result<(Option<Piece<'_>>, usize), String> {
    let rest = &xml[at..];
    if !rest.starts_with('<') {
        let end = rest.find('<').map_or(xml.len(), |i| at + i);
        return Ok((Some(Piece::Text(&xml[at..end])), end));
    }
    if rest.starts_with("<!--") {
        let end = rest.find("-->").ok_or("a comment `<!--` is never closed")?;
        return Ok((None, at + end + 3));
    }
    if rest.starts_with("<?") || rest.starts_with("<!") {
        let end = rest.find('>').ok_or("a declaration is never closed")?;
        return Ok((None, at + end + 1));
    }
    let end = rest.find('>').ok_or("a tag `<` is never closed")?;
    let inner = &rest[1..end];
    let next = at + end + 1;
    if let Some(name) = inner.strip_prefix('/') {
        return Ok((Some(Piece::Close(name.trim())), next));
    }
    let (inner, self_closing) = match inner.strip_suffix('/') {
        Some(i) => (i, true),
        None => (inner, false),
    };
    let name_end = inner
        .find(|c: char| c.is_whitespace())
        .unwrap_or(inner.len());
    let name = &inner[..name_end];
    Ok((
        Some(Piece::Open(
            name,
            attributes(&inner[name_end..]),
            self_closing,
        )),
        next,
    ))
}

/// `a="1" b = '2'` → pairs; malformed attributes are skipped.
fn attributes(s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = s.trim_start();
    while let Some(eq) = rest.find('=') {
        let name = rest[..eq].trim().to_string();
        let after = rest[eq + 1..].trim_start();
        let Some(quote) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            break;
        };
        let Some(close) = after[1..].find(quote) else {
            break;
        };
        out.push((name, unescape(&after[1..1 + close])));
        rest = after[close + 2..].trim_start();
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// An actor code as PETRARCH validation files write it: upper case, `---`
/// for none, and an agent without an actor written `---GOV` read as `GOV`.
pub fn normalize_code(code: &str) -> String {
    let c = code.trim().to_uppercase();
    match c.strip_prefix("---") {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ if c.is_empty() => "---".into(),
        _ => c,
    }
}

/// Whether the produced `(source, target, code)` triples are the expected
/// ones, as multisets (each event once), after [`normalize_code`].
pub fn same_events(expected: &[Expected], produced: &[(String, String, String)]) -> bool {
    let norm =
        |s: &str, t: &str, c: &str| (normalize_code(s), normalize_code(t), c.trim().to_string());
    let mut want: Vec<_> = expected
        .iter()
        .map(|e| norm(&e.source, &e.target, &e.code))
        .collect();
    let mut got: Vec<_> = produced.iter().map(|(s, t, c)| norm(s, t, c)).collect();
    want.sort();
    want.dedup();
    got.sort();
    got.dedup();
    want == got
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"<Validation>
<!-- a comment with <Sentence> inside -->
<Environment>
    <Verbfile>verbs.txt</Verbfile>
    <Actorfile>actors.txt</Actorfile>
    <Config option="stop_on_error" value="True"></Config>
</Environment>
<Sentences>
<Sentence date="19950101" id="DEMO-00" category="DEMO">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<EventCoding sourcecode='"INJURY TOLL"' targetcode="GON" eventcode="223"/>
<Text>
Arnor is about to restore ties
with Gondor.
</Text>
<Parse> (ROOT (S (NP (NNP Arnor)))) </Parse>
</Sentence>
<Config option="require_dyad" value="FALSE"></Config>
<Sentence date="19950102" id="DEMO-01" category="DEMO">
<EventCoding noevents = "True"></EventCoding>
<Text>Nothing &amp; no one.</Text>
</Sentence>
<Stop></Stop>
<Sentence date="19950103" id="AFTER-STOP" category="DEMO"><Text>x</Text></Sentence>
</Sentences>
</Validation>"#;

    #[test]
    fn reads_environment_records_and_config() {
        let (v, problems) = read(SAMPLE);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            v.dictionaries,
            [
                DictionaryFile {
                    kind: "verbs",
                    file: "verbs.txt".into()
                },
                DictionaryFile {
                    kind: "actors",
                    file: "actors.txt".into()
                }
            ]
        );
        assert_eq!(v.records.len(), 2, "a <Stop> ends the records");
        let r = &v.records[0];
        assert_eq!(r.id, "DEMO-00");
        assert_eq!(r.text, "Arnor is about to restore ties with Gondor.");
        assert_eq!(r.date, Some(jiff::civil::date(1995, 1, 1)));
        assert_eq!(r.expected.len(), 2);
        assert_eq!(r.expected[1].source, "\"INJURY TOLL\"");
        assert_eq!(r.flag("require_dyad"), None);
        let r = &v.records[1];
        assert!(r.expected.is_empty());
        assert_eq!(r.text, "Nothing & no one.");
        assert_eq!(r.flag("require_dyad"), Some(false));
        assert_eq!(r.line, 19);
    }

    #[test]
    fn unclosed_tags_are_problems_not_panics() {
        let (v, problems) = read("<Sentence id=\"A\"><Text>x</Text></Sentence><Sentence id=\"B\"");
        assert_eq!(v.records.len(), 1);
        assert_eq!(problems.len(), 1);
        let (_, problems) = read("<!-- never closed");
        assert_eq!(problems[0].line, 1);
    }

    #[test]
    fn events_compare_as_sets_of_normalized_triples() {
        let e = |s: &str, t: &str, c: &str| Expected {
            source: s.into(),
            target: t.into(),
            code: c.into(),
        };
        let p = |s: &str, t: &str, c: &str| (s.to_string(), t.to_string(), c.to_string());
        assert!(same_events(
            &[e("---GOV", "---", "023"), e("ARN", "GON", "064")],
            &[
                p("ARN", "GON", "064"),
                p("GOV", "---", "023"),
                p("ARN", "GON", "064")
            ]
        ));
        assert!(!same_events(&[e("ARN", "GON", "064")], &[]));
        assert!(!same_events(&[], &[p("ARN", "GON", "064")]));
        assert!(same_events(&[], &[]));
    }
}
