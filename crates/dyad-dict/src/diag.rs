//! Diagnostics: what a reader or the linter has to say about a line.

use serde::Serialize;
use std::fmt;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look; the line was read.
    Warning,
    /// The line (or part of it) could not be read and was skipped.
    Error,
}

/// A message about one line of one dictionary file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub file: Arc<str>,
    /// 1-based line number; 0 when the message is about the whole file.
    pub line: u32,
    pub severity: Severity,
    /// A short stable name for the kind of problem (`bad-date`, `duplicate-name`, ...).
    pub kind: &'static str,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        if self.line > 0 {
            write!(
                f,
                "{}:{}: {sev}[{}]: {}",
                self.file, self.line, self.kind, self.message
            )
        } else {
            write!(f, "{}: {sev}[{}]: {}", self.file, self.kind, self.message)
        }
    }
}

/// Collects diagnostics for one file.
#[derive(Debug)]
pub(crate) struct Sink<'a> {
    pub file: Arc<str>,
    pub out: &'a mut Vec<Diagnostic>,
}

impl Sink<'_> {
    pub fn error(&mut self, line: u32, kind: &'static str, message: impl Into<String>) {
        self.push(line, Severity::Error, kind, message.into());
    }
    pub fn warn(&mut self, line: u32, kind: &'static str, message: impl Into<String>) {
        self.push(line, Severity::Warning, kind, message.into());
    }
    fn push(&mut self, line: u32, severity: Severity, kind: &'static str, message: String) {
        self.out.push(Diagnostic {
            file: self.file.clone(),
            line,
            severity,
            kind,
            message,
        });
    }
}
