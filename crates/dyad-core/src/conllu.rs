//! Reading and writing CoNLL-U, the Universal Dependencies file format.
//!
//! Reading rebuilds a text from the tokens' forms and their `SpaceAfter=No`
//! marks, so that a treebank becomes the same [`Sentence`]/[`Token`]/[`Word`]
//! structures, with spans, that dyad's own tokenizer produces. Empty nodes
//! (`8.1`) and enhanced dependencies are not kept.

use crate::{Sentence, Span, Token, Word};
use std::fmt::Write;

/// A CoNLL-U file read into one text with sentences pointing into it.
#[derive(Clone, Debug, Default)]
pub struct Treebank {
    /// The tokens' forms joined as `SpaceAfter` says; sentences are separated
    /// by a newline, paragraphs (`# newpar`, `# newdoc`) by a blank line.
    pub text: String,
    pub sentences: Vec<Sentence>,
    pub meta: Vec<SentenceMeta>,
}

impl Treebank {
    /// The raw text the treebank was made from, as the CoNLL 2018 shared
    /// task gave it to systems: each sentence's `# text` line, sentences
    /// joined by a space, a blank line before each new paragraph or
    /// document, and a final newline.
    pub fn raw_text(&self) -> String {
        let mut out = String::with_capacity(self.text.len() + 1);
        for (s, meta) in self.sentences.iter().zip(&self.meta) {
            if !out.is_empty() {
                out.push_str(if meta.new_par || meta.new_doc {
                    "\n\n"
                } else {
                    " "
                });
            }
            out.push_str(meta.text.as_deref().unwrap_or_else(|| s.text(&self.text)));
        }
        out.push('\n');
        out
    }
}

/// What the comment lines said about a sentence.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SentenceMeta {
    pub sent_id: Option<String>,
    /// The `# text` line, when present.
    pub text: Option<String>,
    pub new_doc: bool,
    pub new_par: bool,
    /// Line number (1-based) of the sentence's first line.
    pub line: usize,
}

/// A malformed line, with its 1-based line number.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("line {line}: {message}")]
pub struct Error {
    pub line: usize,
    pub message: String,
}

fn err(line: usize, message: impl Into<String>) -> Error {
    Error {
        line,
        message: message.into(),
    }
}

/// One word line before the text is rebuilt.
struct RawWord<'a> {
    form: &'a str,
    fields: [&'a str; 6], // lemma, upos, xpos, feats, head, deprel
}

struct RawToken<'a> {
    form: &'a str,
    space_after: bool,
    words: Vec<RawWord<'a>>,
}

/// Parses a whole CoNLL-U file.
pub fn read(input: &str) -> Result<Treebank, Error> {
    let mut bank = Treebank::default();
    let mut meta = SentenceMeta::default();
    let mut tokens: Vec<RawToken> = Vec::new();
    // The multiword token being filled: its last word id.
    let mut open_mwt_end: Option<usize> = None;
    let mut word_count = 0usize;

    for (index, line) in input.lines().enumerate() {
        let line_no = index + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() {
            if !tokens.is_empty() {
                finish(
                    &mut bank,
                    std::mem::take(&mut meta),
                    std::mem::take(&mut tokens),
                );
            }
            open_mwt_end = None;
            word_count = 0;
            continue;
        }
        if meta.line == 0 {
            meta.line = line_no;
        }
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim();
            if let Some(v) = comment.strip_prefix("sent_id") {
                meta.sent_id = Some(v.trim_start_matches([' ', '=']).trim().to_string());
            } else if let Some(v) = comment.strip_prefix("text =") {
                meta.text = Some(v.trim().to_string());
            } else if comment.starts_with("newdoc") {
                meta.new_doc = true;
            } else if comment.starts_with("newpar") {
                meta.new_par = true;
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(err(
                line_no,
                format!("expected 10 tab-separated columns, found {}", cols.len()),
            ));
        }
        let id = cols[0];
        let space_after = !cols[9].split('|').any(|m| m == "SpaceAfter=No");
        if id.contains('.') {
            continue; // an empty node: no surface form
        }
        if let Some((a, b)) = id.split_once('-') {
            let (a, b) = (parse_id(a, line_no)?, parse_id(b, line_no)?);
            if a != word_count + 1 || b < a {
                return Err(err(
                    line_no,
                    format!("multiword token range {id} out of order"),
                ));
            }
            open_mwt_end = Some(b);
            tokens.push(RawToken {
                form: cols[1],
                space_after,
                words: Vec::new(),
            });
            continue;
        }
        let n = parse_id(id, line_no)?;
        if n != word_count + 1 {
            return Err(err(
                line_no,
                format!("word id {n} out of order, expected {}", word_count + 1),
            ));
        }
        word_count = n;
        let word = RawWord {
            form: cols[1],
            fields: [cols[2], cols[3], cols[4], cols[5], cols[6], cols[7]],
        };
        match open_mwt_end {
            Some(end) => {
                tokens
                    .last_mut()
                    .expect("a multiword token was opened")
                    .words
                    .push(word);
                if n >= end {
                    open_mwt_end = None;
                }
            }
            None => tokens.push(RawToken {
                form: cols[1],
                space_after,
                words: vec![word],
            }),
        }
    }
    if !tokens.is_empty() {
        finish(&mut bank, meta, tokens);
    }
    Ok(bank)
}

fn parse_id(s: &str, line: usize) -> Result<usize, Error> {
    s.parse()
        .map_err(|_| err(line, format!("bad word id {s:?}")))
}

fn field(s: &str) -> Option<Box<str>> {
    (s != "_").then(|| s.into())
}

/// Appends one sentence's text to the bank and records its structures.
fn finish(bank: &mut Treebank, meta: SentenceMeta, raw: Vec<RawToken>) {
    let text = &mut bank.text;
    if !text.is_empty() {
        text.push_str(if meta.new_par || meta.new_doc {
            "\n\n"
        } else {
            "\n"
        });
    }
    let start = text.len();
    let mut sentence = Sentence::default();
    for (i, token) in raw.iter().enumerate() {
        let token_start = text.len();
        text.push_str(token.form);
        let token_span = Span::new(token_start, text.len());
        let first_word = sentence.words.len() as u32;
        let mut cursor = token_start;
        for w in &token.words {
            let mut word = Word::at(token_span);
            // A part of a multiword token covers the part of the token that spells it.
            if token.words.len() > 1 {
                match text[cursor..token_span.end as usize].find(w.form) {
                    Some(offset) if offset == 0 || w.form.len() < token.form.len() => {
                        let s = cursor + offset;
                        word.span = Span::new(s, s + w.form.len());
                        cursor = s + w.form.len();
                    }
                    _ => {
                        word.span = Span::new(cursor, cursor);
                        word.form = Some(w.form.into());
                    }
                }
            } else if w.form != token.form {
                word.form = Some(w.form.into());
            }
            let [lemma, upos, xpos, feats, head, deprel] = w.fields;
            word.lemma = field(lemma);
            word.upos = field(upos);
            word.xpos = field(xpos);
            word.feats = field(feats);
            word.head = head.parse().ok();
            word.deprel = field(deprel);
            sentence.words.push(word);
        }
        let last = i + 1 == raw.len();
        sentence.tokens.push(Token {
            span: token_span,
            words: first_word..sentence.words.len() as u32,
            space_after: token.space_after && !last,
        });
        if token.space_after && !last {
            text.push(' ');
        }
    }
    sentence.span = Span::new(start, text.len());
    bank.sentences.push(sentence);
    bank.meta.push(meta);
}

/// Writes one sentence as CoNLL-U, ending with its blank line.
///
/// `text` is the article text the sentence's spans point into. Annotations
/// not yet filled in are written as `_`.
pub fn write_sentence(
    out: &mut String,
    text: &str,
    sentence: &Sentence,
    comments: &[(&str, &str)],
) {
    for (key, value) in comments {
        let _ = writeln!(out, "# {key} = {value}");
    }
    let sentence_text = sentence.text(text);
    out.push_str("# text = ");
    push_one_line(out, sentence_text);
    out.push('\n');
    let last_token = sentence.tokens.len().saturating_sub(1);
    for (t, token) in sentence.tokens.iter().enumerate() {
        let no_space = !token.space_after && t != last_token;
        if token.is_multiword() {
            let _ = write!(out, "{}-{}\t", token.words.start + 1, token.words.end);
            push_one_line(out, token.span.of(text));
            out.push_str("\t_\t_\t_\t_\t_\t_\t_\t");
            out.push_str(if no_space { "SpaceAfter=No\n" } else { "_\n" });
        }
        for w in token.words.clone() {
            let word = &sentence.words[w as usize];
            let _ = write!(out, "{}\t", w + 1);
            push_one_line(out, word.form(text));
            for f in [&word.lemma, &word.upos, &word.xpos, &word.feats] {
                out.push('\t');
                out.push_str(f.as_deref().unwrap_or("_"));
            }
            match word.head {
                Some(h) => {
                    let _ = write!(out, "\t{h}");
                }
                None => out.push_str("\t_"),
            }
            out.push('\t');
            out.push_str(word.deprel.as_deref().unwrap_or("_"));
            out.push_str("\t_\t");
            out.push_str(if no_space && !token.is_multiword() {
                "SpaceAfter=No\n"
            } else {
                "_\n"
            });
        }
    }
    out.push('\n');
}

/// CoNLL-U fields and comments are one line each: any run of whitespace
/// inside becomes a single space.
fn push_one_line(out: &mut String, s: &str) {
    let mut in_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# newdoc id = d1\n# sent_id = s1\n# text = I don't know.\n\
1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t_\t_\n\
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n\
2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n\
3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n\
4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n\
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n\
# sent_id = s2\n# text = Yes\n1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t_\t_\n\n";

    #[test]
    fn reads_text_spans_and_multiword_tokens() {
        let bank = read(SAMPLE).unwrap();
        assert_eq!(bank.text, "I don't know.\nYes");
        let s = &bank.sentences[0];
        assert_eq!(s.text(&bank.text), "I don't know.");
        assert_eq!(s.tokens.len(), 4);
        assert_eq!(s.words.len(), 5);
        assert_eq!(s.words[1].form(&bank.text), "do");
        assert_eq!(s.words[2].form(&bank.text), "n't");
        assert_eq!(s.words[2].lemma.as_deref(), Some("not"));
        assert_eq!(s.words[3].head, Some(0));
        assert!(!s.tokens[2].space_after);
        assert_eq!(bank.meta[0].sent_id.as_deref(), Some("s1"));
        assert!(bank.meta[0].new_doc);
    }

    #[test]
    fn round_trips() {
        let bank = read(SAMPLE).unwrap();
        let mut out = String::new();
        for (s, m) in bank.sentences.iter().zip(&bank.meta) {
            write_sentence(
                &mut out,
                &bank.text,
                s,
                &[("sent_id", m.sent_id.as_deref().unwrap())],
            );
        }
        let again = read(&out).unwrap();
        assert_eq!(again.sentences, bank.sentences);
        assert!(out.contains("2-3\tdon't\t_"));
        assert!(out.contains("4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No"));
    }

    #[test]
    fn rebuilds_raw_text_with_paragraphs() {
        let bank = read(SAMPLE).unwrap();
        assert_eq!(bank.raw_text(), "I don't know. Yes\n");
        let with_par = SAMPLE.replace("# sent_id = s2", "# newpar\n# sent_id = s2");
        assert_eq!(
            read(&with_par).unwrap().raw_text(),
            "I don't know.\n\nYes\n"
        );
    }

    #[test]
    fn reports_bad_lines() {
        let e = read("1\tA\n").unwrap_err();
        assert_eq!(e.line, 1);
        let e = read("1\tA\t_\t_\t_\t_\t_\t_\t_\t_\n3\tB\t_\t_\t_\t_\t_\t_\t_\t_\n").unwrap_err();
        assert_eq!(e.line, 2);
    }
}
