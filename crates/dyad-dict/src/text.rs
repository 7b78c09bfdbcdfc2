//! Token normalization and the English inflection rules the compiler uses.
//!
//! Dictionary names and text tokens meet in one normalized form, so that
//! matching is a comparison of token ids:
//!
//! - letters are lower-cased (Unicode case folding by `char::to_lowercase`);
//! - periods are removed (`U.S.` → `us`, `W.` → `w`), so abbreviations match
//!   with or without them and a tokenizer may leave a final period attached;
//! - typographic apostrophes become `'`; a possessive `'s` or a final `'` is
//!   removed (`Israel's` → `israel`, `protesters'` → `protesters`);
//! - a token that is left empty (a lone `.`, a lone `'s`) is *transparent*: the
//!   matcher steps over it, so `Joseph R . Biden` still matches `Joseph R. Biden`;
//! - hyphens separate words, in names and in text, so `Al-Qaeda` (one token)
//!   and `Al - Qaeda` (three, as dyad's tokenizer splits it) both match
//!   `AL-QAEDA`, and a lone `-` is transparent.
//!
//! Two guards keep short acronyms from matching common words: a one-token
//! match on a token listed in [`AMBIGUOUS_WORDS`] (`us`, `who`, `it`, ...)
//! counts only when the token is written in capitals (`US`, `WHO`) or with
//! periods (`U.S.`); and an actor's one-token match does not count on a
//! token written as a common word ([`is_written_common`]: `pct`, `MPs`).

/// English words that are also acronyms of actors (`US`, `WHO`, `IS`):
/// matched alone only when written in capitals or with periods.
pub const AMBIGUOUS_WORDS: &[&str] = &[
    "us", "who", "it", "is", "in", "an", "as", "at", "be", "he", "me", "we", "or", "on", "no",
    "so", "to", "do", "go", "up", "am", "my", "of", "by", "if",
];

/// Writes the normalized form of `raw` into `out` (cleared first).
pub fn normalize_into(raw: &str, out: &mut String) {
    out.clear();
    for c in raw.chars() {
        match c {
            '.' => {}
            '\u{2019}' | '\u{2018}' | '`' => out.push('\''),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
    if out.ends_with("'s") {
        out.truncate(out.len() - 2);
    } else if out.ends_with('\'') {
        out.truncate(out.len() - 1);
    }
}

/// The normalized form of `raw`.
pub fn normalize(raw: &str) -> String {
    let mut s = String::with_capacity(raw.len());
    normalize_into(raw, &mut s);
    s
}

/// Whether a one-token match on `raw` must be refused (see [`AMBIGUOUS_WORDS`]).
pub fn is_ambiguous_alone(raw: &str, normalized: &str) -> bool {
    if raw.contains('.') || !raw.chars().any(|c| c.is_lowercase()) {
        return false;
    }
    AMBIGUOUS_WORDS.contains(&normalized)
}

/// Whether `raw` is written as a common word rather than a name: it has
/// letters but no capital (`pct`, `dos`), or is capitals with a lowercase
/// plural `s` (`MPs`, `NGOs`). An actor's one-word name never matches such a
/// token: `pct` is not the Congolese Party of Labour (PCT), nor are `MPs`
/// Chad's Patriotic Salvation Movement (MPS).
pub fn is_written_common(raw: &str) -> bool {
    let has_capital = raw.chars().any(char::is_uppercase);
    let plural_acronym = raw
        .strip_suffix('s')
        .is_some_and(|stem| stem.len() >= 2 && stem.chars().all(|c| c.is_ascii_uppercase()));
    (!has_capital && raw.chars().any(char::is_alphabetic)) || plural_acronym
}

/// Characters split off a word as tokens of their own by [`simple_tokens`].
fn is_split_punct(c: char) -> bool {
    matches!(
        c,
        ',' | ';'
            | ':'
            | '!'
            | '?'
            | '"'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '\u{201C}'
            | '\u{201D}'
    )
}

/// Splits a dictionary name or a line of text into tokens: on white space and
/// `_` (the PETRARCH word joiner), with the punctuation marks `, ; : ! ? " ( )
/// [ ] { }` as tokens of their own. Periods, hyphens and apostrophes stay in
/// their word (normalization deals with them). Returns byte ranges into `s`.
pub fn simple_token_spans(s: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() || c == '_' {
            if let Some(b) = start.take() {
                spans.push((b, i));
            }
        } else if is_split_punct(c) {
            if let Some(b) = start.take() {
                spans.push((b, i));
            }
            spans.push((i, i + c.len_utf8()));
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(b) = start {
        spans.push((b, s.len()));
    }
    spans
}

/// [`simple_token_spans`] as string slices.
pub fn simple_tokens(s: &str) -> Vec<&str> {
    simple_token_spans(s)
        .into_iter()
        .map(|(a, b)| &s[a..b])
        .collect()
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// The regular plural of a (normalized, lower-case) noun: `ministry` →
/// `ministries`, `bus` → `buses`, `troop` → `troops`.
pub fn plural(noun: &str) -> String {
    let mut chars = noun.chars().rev();
    let last = chars.next();
    let before = chars.next();
    match (last, before) {
        (Some('y'), Some(b)) if !is_vowel(b) => format!("{}ies", &noun[..noun.len() - 1]),
        (Some('s' | 'x' | 'z'), _) => format!("{noun}es"),
        (Some('h'), Some('c' | 's')) => format!("{noun}es"),
        _ => format!("{noun}s"),
    }
}

/// The regular forms of a verb besides its lemma: third person, past and
/// present participle (`offer` → `offers offered offering`, `agree` →
/// `agrees agreed agreeing`, `deny` → `denies denied denying`).
pub fn verb_forms(lemma: &str) -> [String; 3] {
    let third = plural(lemma);
    let mut chars = lemma.chars().rev();
    let last = chars.next();
    let before = chars.next();
    let (past, ing) = match (last, before) {
        (Some('e'), Some(b)) if is_vowel(b) => (format!("{lemma}d"), format!("{lemma}ing")),
        (Some('e'), _) => (
            format!("{lemma}d"),
            format!("{}ing", &lemma[..lemma.len() - 1]),
        ),
        (Some('y'), Some(b)) if !is_vowel(b) => (
            format!("{}ied", &lemma[..lemma.len() - 1]),
            format!("{lemma}ing"),
        ),
        _ => (format!("{lemma}ed"), format!("{lemma}ing")),
    };
    [third, past, ing]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalization() {
        assert_eq!(normalize("U.S."), "us");
        assert_eq!(normalize("Israel's"), "israel");
        assert_eq!(normalize("Israel\u{2019}s"), "israel");
        assert_eq!(normalize("protesters'"), "protesters");
        assert_eq!(normalize("'s"), "");
        assert_eq!(normalize("."), "");
        assert_eq!(normalize("PA'ANGA"), "pa'anga");
        assert_eq!(normalize("Ägypten"), "ägypten");
        assert_eq!(normalize("Mazar-i-Sharif"), "mazar-i-sharif");
    }

    #[test]
    fn ambiguity_guard() {
        assert!(is_ambiguous_alone("us", "us"));
        assert!(is_ambiguous_alone("Us", "us"));
        assert!(!is_ambiguous_alone("US", "us"));
        assert!(!is_ambiguous_alone("U.S.", "us"));
        assert!(is_ambiguous_alone("who", "who"));
        assert!(!is_ambiguous_alone("WHO", "who"));
        assert!(!is_ambiguous_alone("Israel", "israel"));
    }

    #[test]
    fn tokens() {
        assert_eq!(
            simple_tokens("PRESIDENT_GEORGE_W._BUSH"),
            ["PRESIDENT", "GEORGE", "W.", "BUSH"]
        );
        assert_eq!(
            simple_tokens("SOLDIERS,_ALONG_WITH"),
            ["SOLDIERS", ",", "ALONG", "WITH"]
        );
        assert_eq!(
            simple_tokens("  Israeli troops (IDF) "),
            ["Israeli", "troops", "(", "IDF", ")"]
        );
        assert!(simple_tokens(" _ ").is_empty());
    }

    #[test]
    fn inflection() {
        assert_eq!(plural("troop"), "troops");
        assert_eq!(plural("ministry"), "ministries");
        assert_eq!(plural("attorney"), "attorneys");
        assert_eq!(plural("bus"), "buses");
        assert_eq!(plural("church"), "churches");
        assert_eq!(verb_forms("offer"), ["offers", "offered", "offering"]);
        assert_eq!(verb_forms("agree"), ["agrees", "agreed", "agreeing"]);
        assert_eq!(verb_forms("accuse"), ["accuses", "accused", "accusing"]);
        assert_eq!(verb_forms("deny"), ["denies", "denied", "denying"]);
        assert_eq!(verb_forms("obey"), ["obeys", "obeyed", "obeying"]);
    }
}
