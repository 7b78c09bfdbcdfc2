//! Sentence boundaries over raw tokens.
//!
//! A boundary falls after sentence-final punctuation (and any closing quotes
//! or brackets) when the next token can start a sentence, at paragraph
//! breaks, after a dateline (`GAZA CITY (Reuters) -`), at line breaks unless
//! the text is hard-wrapped (then only after a headline in capitals or
//! before a bullet), and never after a title (`Gen.`) or an initial.

use crate::abbrev::Abbrev;
use crate::tokens::{RawToken, EMOTICONS};
use std::ops::Range;

/// Words that start sentences far more often than they follow an
/// abbreviation such as `Inc.` or `U.S.` inside one.
const STARTERS: &[&str] = &[
    "A",
    "After",
    "All",
    "Also",
    "An",
    "And",
    "As",
    "At",
    "But",
    "By",
    "For",
    "He",
    "Her",
    "His",
    "However",
    "I",
    "If",
    "In",
    "It",
    "Its",
    "Last",
    "Meanwhile",
    "Mr.",
    "Mrs.",
    "Ms.",
    "No",
    "On",
    "One",
    "Our",
    "She",
    "So",
    "Some",
    "That",
    "The",
    "Their",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "To",
    "We",
    "What",
    "When",
    "While",
    "With",
    "You",
];

const CLOSING: &[&str] = &["\"", "'", "”", "’", ")", "]", "}", "»", "''"];

/// A URL or e-mail address: web text often ends a sentence with one and no
/// period.
fn is_address(token: &str) -> bool {
    token.contains("://")
        || token.starts_with("www.")
        || (token.contains('@') && token.contains('.'))
}

fn starts_upper(token: &str) -> bool {
    token.chars().next().is_some_and(char::is_uppercase)
}
const OPENING: &[&str] = &["\"", "'", "“", "‘", "(", "[", "«", "``"];

/// Splits `tokens` into sentences, returned as index ranges.
pub fn group(text: &str, tokens: &[RawToken]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let wrapped = hard_wrapped(text, tokens);
    let mut start = 0;
    let mut i = 0;
    while i < tokens.len() {
        let mut end = i + 1; // the sentence would end after token `end - 1`
        let boundary = if is_final(text, &tokens[i]) {
            // Closing quotes and brackets hang on the token before them;
            // emoticons close a sentence even after a space.
            while end < tokens.len()
                && tokens[end].break_before == 0
                && ((!tokens[end - 1].space_after && CLOSING.contains(&tokens[end].span.of(text)))
                    || EMOTICONS.contains(&tokens[end].span.of(text)))
            {
                end += 1;
            }
            match tokens.get(end) {
                None => true,
                Some(next) => {
                    // In wrapped text a line break is only a space.
                    next.break_before == 2
                        || (next.break_before == 1 && !wrapped)
                        || can_start(text, tokens, end, &tokens[i])
                }
            }
        } else if let Some(next) = tokens.get(end) {
            next.break_before == 2
                || (next.break_before == 1
                    && line_ends_sentence(text, tokens, wrapped, start, i, end))
                || is_dateline_end(text, tokens, start, i)
                || (starts_upper(next.span.of(text)) && is_address(tokens[i].span.of(text)))
        } else {
            true
        };
        if boundary {
            out.push(start..end);
            start = end;
        }
        i = end;
    }
    if start < tokens.len() {
        out.push(start..tokens.len());
    }
    out
}

/// Sentence-final punctuation, or an abbreviation that may end a sentence.
fn is_final(text: &str, t: &RawToken) -> bool {
    if t.abbrev.is_some() {
        return t.abbrev == Some(Abbrev::General);
    }
    let s = t.span.of(text);
    // Most tokens are words: their first byte settles it.
    matches!(s.as_bytes().first(), Some(b'.' | b'!' | b'?' | 0xe2))
        && s.chars().all(|c| matches!(c, '.' | '!' | '?' | '…'))
}

/// Whether the token at `next` can open a sentence after `last`.
fn can_start(text: &str, tokens: &[RawToken], next: usize, last: &RawToken) -> bool {
    let mut word = tokens[next].span.of(text);
    if OPENING.contains(&word) {
        match tokens.get(next + 1) {
            Some(t) => word = t.span.of(text),
            None => return true,
        }
    }
    let Some(first) = word.chars().next() else {
        return false;
    };
    if last.abbrev == Some(Abbrev::General) {
        // `Acme Inc. said` goes on; `... in the U.S. The talks` ends.
        return STARTERS.contains(&word);
    }
    let ellipsis = last.span.of(text).starts_with("..") || last.span.of(text) == "…";
    if ellipsis {
        return first.is_uppercase();
    }
    // After `.`, `?` or `!` even a lower-case word starts a sentence (web
    // text often has them); punctuation that goes on does not.
    !matches!(word, "." | "?" | "!" | "," | ";" | ")" | "]" | "}")
}

/// Whether the text is hard-wrapped (wire copy, e-mail): some line break
/// falls inside a sentence, before a lower-case word. In such text a line
/// break is only a space; otherwise every line is a paragraph of its own.
fn hard_wrapped(text: &str, tokens: &[RawToken]) -> bool {
    tokens.iter().enumerate().skip(1).any(|(k, t)| {
        t.break_before == 1
            && t.span.of(text).starts_with(char::is_lowercase)
            && !is_final(text, &tokens[k - 1])
    })
}

/// A line break ends a sentence in text that is not hard-wrapped, and in
/// any text after a line all in capitals (a headline) or before a bullet.
fn line_ends_sentence(
    text: &str,
    tokens: &[RawToken],
    wrapped: bool,
    start: usize,
    last: usize,
    next: usize,
) -> bool {
    if !wrapped || matches!(tokens[next].span.of(text), "-" | "*" | "•" | "–" | "—") {
        return true;
    }
    // The line holding `last`: from the last line break in this sentence.
    let line_start = (start..=last)
        .rev()
        .find(|&k| tokens[k].break_before > 0)
        .unwrap_or(start);
    let line = &tokens[line_start..=last];
    let letters = || {
        line.iter()
            .flat_map(|t| t.span.of(text).chars())
            .filter(|c| c.is_alphabetic())
    };
    letters().count() > 3 && letters().all(char::is_uppercase)
}

/// A dateline opening a paragraph: capitals, maybe a date, an agency in
/// brackets and a dash: `GAZA CITY (Reuters) -`, `WASHINGTON, May 14 (AP) --`.
fn is_dateline_end(text: &str, tokens: &[RawToken], start: usize, dash: usize) -> bool {
    if dash < start + 4 || dash > start + 14 {
        return false;
    }
    if !matches!(tokens[dash].span.of(text), "-" | "--" | "—" | "–") {
        return false;
    }
    let first = tokens[start].span.of(text);
    let capitals = first.chars().count() > 1 && first.chars().all(|c| c.is_uppercase() || c == '.');
    capitals
        && tokens[dash - 1].span.of(text) == ")"
        && tokens[start..dash].iter().any(|t| t.span.of(text) == "(")
}

#[cfg(test)]
mod tests {
    use crate::split;

    fn sentences(text: &str) -> Vec<&str> {
        split(text).iter().map(|s| s.text(text)).collect()
    }

    #[test]
    fn abbreviations_and_initials() {
        assert_eq!(
            sentences(
                "Gen. John F. Kennedy met Sen. Smith on Jan. 5. They talked. Acme Inc. said no."
            ),
            [
                "Gen. John F. Kennedy met Sen. Smith on Jan. 5.",
                "They talked.",
                "Acme Inc. said no."
            ]
        );
        assert_eq!(
            sentences("He flew to the U.S. The talks failed. It cost 5.93 mln dlrs."),
            [
                "He flew to the U.S.",
                "The talks failed.",
                "It cost 5.93 mln dlrs."
            ]
        );
        assert_eq!(
            sentences("See No. 5 now. No. He left."),
            ["See No. 5 now.", "No.", "He left."]
        );
    }

    #[test]
    fn quotes_and_brackets() {
        assert_eq!(
            sentences(
                "\"We will fight,\" he said. \"We will win.\" (The crowd cheered.) Then silence!"
            ),
            [
                "\"We will fight,\" he said.",
                "\"We will win.\"",
                "(The crowd cheered.)",
                "Then silence!"
            ]
        );
    }

    #[test]
    fn datelines_headlines_and_lists() {
        assert_eq!(
            sentences(
                "GAZA CITY (Reuters) - Israeli troops entered Rafah on Tuesday. Hamas said no."
            ),
            [
                "GAZA CITY (Reuters) -",
                "Israeli troops entered Rafah on Tuesday.",
                "Hamas said no."
            ]
        );
        assert_eq!(
            sentences("US HALTS BOMB SHIPMENT\nThe United States paused a shipment."),
            [
                "US HALTS BOMB SHIPMENT",
                "The United States paused a shipment."
            ]
        );
        assert_eq!(
            sentences("Demands:\n- a cease-fire\n- aid"),
            ["Demands:", "- a cease-fire", "- aid"]
        );
        assert_eq!(
            sentences(
                "Standard Oil Co and BP North America\nInc said they plan to form a\nventure."
            ),
            ["Standard Oil Co and BP North America\nInc said they plan to form a\nventure."]
        );
        assert_eq!(
            sentences(
                "capital might affect the ability of U.S.\npolicy makers to\nact. Then it ended."
            ),
            [
                "capital might affect the ability of U.S.\npolicy makers to\nact.",
                "Then it ended."
            ]
        );
        assert_eq!(
            sentences("Biden Offers Israel Intelligence\nPresident Joe Biden has offered help."),
            [
                "Biden Offers Israel Intelligence",
                "President Joe Biden has offered help."
            ]
        );
        assert_eq!(
            sentences("The talks went on\nthrough the night. Both sides left.\n\nNew paragraph"),
            [
                "The talks went on\nthrough the night.",
                "Both sides left.",
                "New paragraph"
            ]
        );
    }

    #[test]
    fn spans_point_into_the_text() {
        let text = "  Israel's army didn't stop.  ";
        let s = &split(text)[0];
        assert_eq!(s.text(text), "Israel's army didn't stop.");
        let words: Vec<&str> = s.words.iter().map(|w| w.form(text)).collect();
        assert_eq!(words, ["Israel", "'s", "army", "did", "n't", "stop", "."]);
        assert_eq!(s.tokens.len(), 5);
        assert!(s.tokens[0].is_multiword());
    }
}
