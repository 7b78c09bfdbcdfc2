//! JSONL articles: one JSON object per line.

use crate::open::{self, Limit, Line};
use crate::{parse_date, Options, Problem};
use dyad_core::Article;
use serde_json::{Map, Value};
use std::io::BufRead;

/// The articles of one JSONL input, a line at a time.
pub(crate) struct Records {
    input: Box<dyn BufRead + Send>,
    name: String,
    /// The number of the line last read.
    line: usize,
    buf: Vec<u8>,
    /// Set after a read error, after which nothing more can be trusted,
    /// or when the input is not JSON Lines at all.
    failed: bool,
    /// Whether a line other than a blank one has been read.
    started: bool,
    options: Options,
}

impl Records {
    pub(crate) fn new(input: Box<dyn BufRead + Send>, name: &str, options: &Options) -> Records {
        Records {
            input,
            name: name.to_owned(),
            line: 0,
            buf: Vec::new(),
            failed: false,
            started: false,
            options: options.clone(),
        }
    }

    fn problem(&self, message: impl Into<String>) -> Problem {
        Problem::new(&self.name, Some(self.line), message)
    }
}

impl Iterator for Records {
    type Item = Result<Article, Problem>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        // Room for JSON escapes and the other fields around the text.
        let line_limit = Limit::container("line", self.options.article_limit());
        loop {
            let read = open::read_line(&mut self.input, &mut self.buf, line_limit.bytes);
            self.line += 1;
            match read {
                Ok(Line::End) => return None,
                Ok(Line::TooLong(length)) => {
                    return Some(Err(
                        self.problem(line_limit.exceeded_by(length) + "; skipped")
                    ))
                }
                Ok(Line::Read) if self.buf.iter().all(u8::is_ascii_whitespace) => continue,
                Ok(Line::Read) if !self.started && is_lone_bracket(&self.buf) => {
                    // One problem for the file, not one for each of its lines.
                    self.failed = true;
                    return Some(Err(self.problem(
                        "a JSON document over several lines, not JSON Lines \
                         (one article object per line); file skipped",
                    )));
                }
                Ok(Line::Read) => {
                    self.started = true;
                    let bytes = std::mem::take(&mut self.buf);
                    return Some(self.record(bytes));
                }
                Err(e) => {
                    self.failed = true;
                    return Some(Err(
                        self.problem(format!("cannot read: {e}; rest of the file skipped"))
                    ));
                }
            }
        }
    }
}

impl Records {
    fn record(&self, bytes: Vec<u8>) -> Result<Article, Problem> {
        let line = open::utf8(bytes).map_err(|(_, message)| self.problem(message))?;
        let fields = match serde_json::from_str::<Value>(&line) {
            Ok(Value::Object(fields)) => fields,
            Ok(other) => {
                return Err(self.problem(format!(
                    "a JSON {} where an article object was expected; skipped",
                    kind(&other)
                )))
            }
            Err(e) => {
                return Err(self.problem(format!("not valid JSON: {}; skipped", json_error(&e))))
            }
        };
        let id = format!("{}:{}", self.name, self.line);
        article(fields, id, &self.options).map_err(|message| self.problem(message))
    }
}

/// An article from a record's fields, or why there is none; `line_id` is
/// its id when it has none.
fn article(
    mut fields: Map<String, Value>,
    line_id: String,
    options: &Options,
) -> Result<Article, String> {
    let id = match fields.get("id") {
        Some(Value::String(id)) => Some(id.clone()),
        Some(Value::Number(id)) => Some(id.to_string()),
        _ => None,
    };
    if id.is_some() {
        fields.remove("id");
    }
    let about = id
        .as_ref()
        .map(|id| format!(" (id {id:?})"))
        .unwrap_or_default();
    let text = match fields.remove("text") {
        Some(Value::String(text)) => text,
        None => return Err(format!("no \"text\" field{about}; skipped")),
        Some(other) => {
            return Err(format!(
                "\"text\" is {}, not a string{about}; skipped",
                kind(&other)
            ))
        }
    };
    let limit = options.article_limit();
    if text.len() > limit {
        return Err(format!(
            "{}{about}; skipped",
            Limit::article(limit).exceeded_by(text.len() as u64)
        ));
    }
    if text.trim().is_empty() {
        return Err(format!("empty text{about}; skipped"));
    }
    // A date that could not be read stays in the metadata, as it came, and
    // the article has none: `options.date` is for records that give none.
    let date = match fields.get("date") {
        None | Some(Value::Null) => options.date,
        Some(Value::String(s)) => parse_date(s),
        Some(Value::Number(n)) => parse_date(&n.to_string()),
        Some(_) => None,
    };
    if date.is_some() || fields.get("date") == Some(&Value::Null) {
        fields.remove("date");
    }
    Ok(Article {
        id: id.unwrap_or(line_id),
        date,
        title: take_string(&mut fields, "title"),
        text,
        source: take_string(&mut fields, "source"),
        url: take_string(&mut fields, "url"),
        metadata: fields,
    })
}

/// A string field, removed from `fields`; a null is dropped too, anything
/// else left in place as metadata.
fn take_string(fields: &mut Map<String, Value>, key: &str) -> Option<String> {
    match fields.get(key) {
        Some(Value::String(_)) => match fields.remove(key) {
            Some(Value::String(s)) => Some(s),
            _ => None,
        },
        Some(Value::Null) => {
            fields.remove(key);
            None
        }
        _ => None,
    }
}

/// Whether a line holds only `[` or `{`, as a pretty-printed document starts.
fn is_lone_bracket(line: &[u8]) -> bool {
    matches!(
        line.trim_ascii(),
        b"[" | b"{" | b"\xEF\xBB\xBF[" | b"\xEF\xBB\xBF{"
    )
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// serde_json's message with the column, without its "line 1".
fn json_error(e: &serde_json::Error) -> String {
    let message = e.to_string();
    let message = message.split(" at line ").next().unwrap_or(&message);
    format!("{message} at column {}", e.column())
}
