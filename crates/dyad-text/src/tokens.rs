//! Tokenization: whitespace-separated chunks, then punctuation, hyphens,
//! numbers and units split off by the rules of UD English.

use crate::abbrev::{self, Abbrev};
use dyad_core::Span;

/// A surface token before sentences are known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RawToken {
    pub span: Span,
    /// Whitespace follows the token.
    pub space_after: bool,
    /// What separates the token from the one before: 0 nothing or spaces,
    /// 1 a line break, 2 a paragraph break (a blank line or an indented line).
    pub break_before: u8,
    /// The token is an abbreviation with its period (`Gen.`, `U.S.`).
    pub abbrev: Option<Abbrev>,
}

/// Splits `text` into surface tokens.
pub fn tokenize(text: &str) -> Vec<RawToken> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let mut i = 0;
    let mut newlines = 0u8;
    let mut indented = false;
    while i < bytes.len() {
        let b = bytes[i];
        let width = if b < 0x80 {
            b.is_ascii_whitespace().then_some(1)
        } else {
            space_at(text, i)
        };
        if let Some(width) = width {
            if bytes[i] == b'\n' {
                newlines = newlines.saturating_add(1);
                indented = false;
            } else if newlines > 0 && bytes[i] != b'\r' {
                indented = true;
            }
            i += width;
            continue;
        }
        let start = i;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                if b.is_ascii_whitespace() {
                    break;
                }
                i += 1;
            } else if space_at(text, i).is_some() {
                break;
            } else {
                i += utf8_width(b);
            }
        }
        let first = out.len();
        // Only a final period asks what follows (`No. 5` against `no.`).
        let next = if bytes[i - 1] == b'.' {
            text[i..].trim_start().chars().next()
        } else {
            None
        };
        split_chunk(text, start, i, next, &mut out);
        if let Some(t) = out.get_mut(first) {
            t.break_before = match (newlines, indented) {
                (0, _) => 0,
                (1, false) => 1,
                _ => 2,
            };
        }
        if let Some(t) = out.last_mut() {
            t.space_after = i < bytes.len();
        }
        newlines = 0;
        indented = false;
    }
    out
}

fn utf8_width(first: u8) -> usize {
    match first {
        0..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

/// The byte width of the whitespace character at `i`, if there is one.
fn space_at(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        return b.is_ascii_whitespace().then_some(1);
    }
    let c = text[i..].chars().next()?;
    // Zero-width spaces and joiners separate nothing visible; BOMs likewise.
    (c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}').then(|| c.len_utf8())
}

fn push(out: &mut Vec<RawToken>, start: usize, end: usize) {
    if start < end {
        out.push(RawToken {
            span: Span::new(start, end),
            space_after: false,
            break_before: 0,
            abbrev: None,
        });
    }
}

const OPENERS: &[char] = &['(', '[', '{', '"', '“', '‘', '«', '<', '`', '¿', '¡', '„'];
const CLOSERS: &[char] = &[
    ')', ']', '}', '"', '”', '»', '>', ',', ';', ':', '%', '’', '\'',
];
const CURRENCY: &[char] = &['$', '£', '€', '¥', '₹'];
const FINAL: &[char] = &['.', '!', '?', '…'];
pub(crate) const EMOTICONS: &[&str] = &[
    ":)", ":(", ":-)", ":-(", ":D", ":-D", ";)", ";-)", ":P", ":p", "(:", "=)", ":/", "^_^", "^^",
    "<3", ":'(",
];

fn is_url_or_email(c: &str) -> bool {
    if c.contains("://") || c.starts_with("www.") || c.starts_with("WWW.") {
        return true;
    }
    match c.find('@') {
        Some(at) if at > 0 => {
            let domain = &c[at + 1..];
            domain.contains('.') && domain.as_bytes()[0].is_ascii_alphanumeric()
        }
        _ => false,
    }
}

/// Splits one whitespace-free chunk `text[start..end]`. `next` is the first
/// character of the following chunk, which decides `No. 5` versus `no.`.
fn split_chunk(
    text: &str,
    mut start: usize,
    mut end: usize,
    next: Option<char>,
    out: &mut Vec<RawToken>,
) {
    if end - start <= 3 && EMOTICONS.contains(&&text[start..end]) {
        push(out, start, end);
        return;
    }
    // Leading openers, currency symbols before numbers, and ellipses.
    loop {
        let rest = &text[start..end];
        let Some(c) = rest.chars().next() else { return };
        let width = c.len_utf8();
        let after = rest[width..].chars().next();
        let split_off = if OPENERS.contains(&c) {
            width
        } else if c == '\'' || c == '’' {
            // `'90s`, `'em`, `'cause` keep their apostrophe.
            let keeps = after.is_some_and(|a| a.is_ascii_digit())
                || ["em", "cause", "til", "tis", "n"]
                    .iter()
                    .any(|w| rest[width..].eq_ignore_ascii_case(w));
            if keeps || after.is_none() {
                0
            } else {
                width
            }
        } else if ((CURRENCY.contains(&c) || c == '#') && after.is_some_and(|a| a.is_ascii_digit()))
            || (c == '-' && after.is_some_and(|a| a.is_ascii_digit() || CURRENCY.contains(&a)))
        {
            // `$5`, `#12`, and a minus or dash before a number: `-5`, `-$3`.
            width
        } else if c == '*' || c == '=' {
            let run = rest.bytes().take_while(|&b| b == c as u8).count();
            if run < rest.len() {
                run
            } else {
                0
            }
        } else if c == '.' || c == '-' {
            let run = rest.bytes().take_while(|&b| b == c as u8).count();
            let word_follows = rest[run..].starts_with(|a: char| a.is_alphanumeric());
            if run >= 2 && word_follows {
                run
            } else {
                0
            }
        } else {
            0
        };
        if split_off == 0 || split_off == rest.len() {
            break;
        }
        push(out, start, start + split_off);
        start += split_off;
    }

    if is_url_or_email(&text[start..end]) {
        let trailing = peel_trailing(text, start, end, next, true);
        push(out, start, trailing.core_end);
        push_trailing(out, trailing);
        return;
    }

    let trailing = peel_trailing(text, start, end, next, false);
    end = trailing.core_end;
    split_core(text, start, end, out);
    if let Some(kind) = trailing.abbrev {
        if let Some(t) = out.last_mut() {
            t.abbrev = Some(kind);
        }
    }
    push_trailing(out, trailing);
}

/// Punctuation split off the end of a chunk, kept in text order.
struct Trailing {
    core_end: usize,
    /// Boundaries of the trailing tokens, at most a handful.
    cuts: [usize; 8],
    n: usize,
    end: usize,
    /// The core kept its period as an abbreviation.
    abbrev: Option<Abbrev>,
}

fn push_trailing(out: &mut Vec<RawToken>, mut t: Trailing) {
    // `cuts` holds the trailing tokens' starts, last token first.
    let starts = &mut t.cuts[..t.n];
    starts.reverse();
    for (j, &s) in starts.iter().enumerate() {
        push(out, s, starts.get(j + 1).copied().unwrap_or(t.end));
    }
}

fn peel_trailing(text: &str, start: usize, end: usize, next: Option<char>, url: bool) -> Trailing {
    let mut t = Trailing {
        core_end: end,
        cuts: [0; 8],
        n: 0,
        end,
        abbrev: None,
    };
    while t.core_end > start && t.n < t.cuts.len() {
        let core = &text[start..t.core_end];
        let c = core.chars().next_back().expect("core is not empty");
        let width = c.len_utf8();
        let before = &core[..core.len() - width];
        if before.is_empty() {
            break;
        }
        let cut = if FINAL.contains(&c) {
            let run_start = core.trim_end_matches(FINAL).len();
            if run_start == 0 {
                break;
            }
            if c == '.' && run_start == core.len() - 1 && !url {
                // A single period: an abbreviation keeps it.
                match abbrev::classify(before) {
                    Some(Abbrev::BeforeNumber) if !next.is_some_and(|n| n.is_ascii_digit()) => {}
                    Some(kind) => {
                        t.abbrev = Some(kind);
                        break;
                    }
                    None => {}
                }
            }
            start + run_start
        } else if url {
            if matches!(
                c,
                ')' | ']' | '"' | '”' | ',' | ';' | ':' | '\'' | '’' | '>'
            ) {
                t.core_end - width
            } else {
                break;
            }
        } else if c == '\'' || c == '’' {
            // `countries'` is a possessive, kept whole (a multiword token).
            let possessive =
                before.ends_with(['s', 'S']) && before.chars().all(|ch| ch.is_alphabetic());
            if possessive {
                break;
            }
            t.core_end - width
        } else if c == '%' {
            if before.ends_with(|b: char| b.is_ascii_digit()) {
                t.core_end - width
            } else {
                break;
            }
        } else if CLOSERS.contains(&c) {
            t.core_end - width
        } else if c == '-' || c == '*' {
            // A dash run or asterisks hanging off a word: `awesome-`, `Day*`.
            let run_start = core.trim_end_matches(c).len();
            if !core[..run_start].ends_with(char::is_alphanumeric) {
                break;
            }
            start + run_start
        } else {
            break;
        };
        if cut == start {
            break;
        }
        t.cuts[t.n] = cut;
        t.n += 1;
        t.core_end = cut;
    }
    t
}

/// Word parts before a hyphen that stay attached (`co-founder`, `non-profit`).
const BOUND_PREFIXES: &[&str] = &[
    "anti", "arch", "co", "counter", "cross", "e", "ex", "inter", "intra", "micro", "mid", "mini",
    "multi", "neo", "non", "over", "post", "pre", "pro", "psycho", "re", "semi", "socio", "sub",
];
const TENS: &[&str] = &[
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
/// Units written straight after a number that UD splits off (`5kg`, `$65k`).
const UNITS: &[&str] = &[
    "k", "m", "mm", "cm", "km", "kg", "g", "mg", "lb", "lbs", "ft", "mph", "kph", "am", "pm", "bn",
    "mn", "mln", "b", "ml", "gb", "mb", "tb", "kw", "mw", "gw", "v",
];

fn is_alpha(s: &str) -> bool {
    !s.is_empty() && s.chars().all(char::is_alphabetic)
}
fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// A date written with a month's abbreviation: `01-Feb-02`.
fn is_dated(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() == 3
        && is_digits(parts[0])
        && is_alpha(parts[1])
        && parts[1].len() == 3
        && is_digits(parts[2])
}

/// A phone number, a ZIP+4 code or similar digit groups (`713-853-3989`, `646-8420`).
fn is_phone_like(s: &str) -> bool {
    let lengths: Vec<usize> = s
        .split('-')
        .map(|g| if is_digits(g) { g.len() } else { 0 })
        .collect();
    matches!(lengths.as_slice(), [3, 4] | [3, 3, 4] | [5, 4])
}

/// Splits the inside of a chunk at hyphens, slashes, dashes and the like.
fn split_core(text: &str, start: usize, end: usize, out: &mut Vec<RawToken>) {
    let core = &text[start..end];
    if core.is_ascii() && core.bytes().all(|b| b.is_ascii_alphanumeric()) {
        split_unit(text, start, end, out);
        return;
    }
    if is_phone_like(core) || !core.chars().any(char::is_alphanumeric) {
        push(out, start, end);
        return;
    }
    let mut seg = start; // start of the current segment
    let mut i = start;
    while i < end {
        let c = text[i..end].chars().next().expect("inside the core");
        let w = c.len_utf8();
        let prev = text[seg..i].chars().next_back();
        let next = text[i + w..end].chars().next();
        let between = |f: fn(char) -> bool| prev.is_some_and(f) && next.is_some_and(f);
        let cut_len = match c {
            '-' if text[i..end].starts_with("--") => {
                text[i..end].bytes().take_while(|&b| b == b'-').count()
            }
            '-' if between(char::is_alphanumeric) => {
                let left = word_before(&text[seg..i]);
                let right = word_after(&text[i + 1..end]);
                let keep = (is_alpha(left)
                    && (BOUND_PREFIXES.iter().any(|p| left.eq_ignore_ascii_case(p))
                        || TENS.iter().any(|p| left.eq_ignore_ascii_case(p))))
                    || (is_digits(left)
                        && is_digits(right)
                        && (left.len() <= 2 || right.len() <= 2))
                    || (left.chars().any(|c| c.is_ascii_digit())
                        && left.chars().any(char::is_alphabetic))
                    || is_dated(core);
                if keep {
                    0
                } else {
                    1
                }
            }
            '/' if between(char::is_alphabetic) => 1,
            ',' if !between(|c| c.is_ascii_digit()) => 1,
            '.' if text[i..end].starts_with("..") => {
                text[i..end].bytes().take_while(|&b| b == b'.').count()
            }
            '…' | '—' | '–' | '"' | '“' | '”' | '(' | ')' | '[' | ']' => w,
            _ => 0,
        };
        if cut_len > 0 && i + cut_len <= end {
            split_unit(text, seg, i, out);
            push(out, i, i + cut_len);
            i += cut_len;
            seg = i;
        } else {
            i += w;
        }
    }
    split_unit(text, seg, end, out);
}

/// The alphanumeric run at the end of `s`.
fn word_before(s: &str) -> &str {
    let from = s
        .rfind(|c: char| !c.is_alphanumeric())
        .map_or(0, |p| p + s[p..].chars().next().map_or(1, char::len_utf8));
    &s[from..]
}
/// The alphanumeric run at the start of `s`.
fn word_after(s: &str) -> &str {
    let to = s.find(|c: char| !c.is_alphanumeric()).unwrap_or(s.len());
    &s[..to]
}

/// Pushes a segment, splitting a unit off a number (`5kg` → `5` `kg`).
fn split_unit(text: &str, start: usize, end: usize, out: &mut Vec<RawToken>) {
    let s = &text[start..end];
    let digits = s
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b'.' || *b == b',')
        .count();
    if digits > 0 && digits < s.len() && s.as_bytes()[0].is_ascii_digit() {
        let unit = &s[digits..];
        let upper_run = unit.len() >= 2 && unit.bytes().all(|b| b.is_ascii_uppercase());
        if upper_run || UNITS.iter().any(|u| unit.eq_ignore_ascii_case(u)) {
            push(out, start, start + digits);
            push(out, start + digits, end);
            return;
        }
    }
    push(out, start, end);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.span.of(text)).collect()
    }

    #[test]
    fn punctuation_and_quotes() {
        assert_eq!(
            forms("\"Hello,\" she said (twice)."),
            ["\"", "Hello", ",", "\"", "she", "said", "(", "twice", ")", "."]
        );
        assert_eq!(forms("Really?! Yes..."), ["Really", "?!", "Yes", "..."]);
        assert_eq!(forms("wait...but"), ["wait", "...", "but"]);
    }

    #[test]
    fn abbreviations_keep_their_period() {
        assert_eq!(
            forms("Gen. Smith of the U.S. Army, Inc."),
            ["Gen.", "Smith", "of", "the", "U.S.", "Army", ",", "Inc."]
        );
        assert_eq!(forms("No. 5 and no."), ["No.", "5", "and", "no", "."]);
        assert_eq!(forms("John F. Kennedy"), ["John", "F.", "Kennedy"]);
    }

    #[test]
    fn numbers_money_and_units() {
        assert_eq!(
            forms("$1 billion, 3,500 bombs, 5.93 mln"),
            ["$", "1", "billion", ",", "3,500", "bombs", ",", "5.93", "mln"]
        );
        assert_eq!(
            forms("50% of 5kg at 3pm"),
            ["50", "%", "of", "5", "kg", "at", "3", "pm"]
        );
        assert_eq!(
            forms("the 1990s, the 3rd"),
            ["the", "1990s", ",", "the", "3rd"]
        );
        assert_eq!(
            forms("1969-1970 call 713-853-3989"),
            ["1969", "-", "1970", "call", "713-853-3989"]
        );
    }

    #[test]
    fn hyphens() {
        assert_eq!(
            forms("search-engine co-founder F-16 e-mail al-Qaeda twenty-one"),
            [
                "search",
                "-",
                "engine",
                "co-founder",
                "F",
                "-",
                "16",
                "e-mail",
                "al",
                "-",
                "Qaeda",
                "twenty-one"
            ]
        );
        assert_eq!(
            forms("and/or -- a--b"),
            ["and", "/", "or", "--", "a", "--", "b"]
        );
        assert_eq!(
            forms("01-Feb-02 9-11 20006-3700 awesome- -5 -$3 #12"),
            [
                "01-Feb-02",
                "9-11",
                "20006-3700",
                "awesome",
                "-",
                "-",
                "5",
                "-",
                "$",
                "3",
                "#",
                "12"
            ]
        );
        assert_eq!(
            forms("Great :) ***Day*** 398,487MMBTU"),
            ["Great", ":)", "***", "Day", "***", "398,487", "MMBTU"]
        );
    }

    #[test]
    fn urls_and_emails() {
        assert_eq!(
            forms("See https://example.com/a?b=1, or mail j.doe@example.org."),
            [
                "See",
                "https://example.com/a?b=1",
                ",",
                "or",
                "mail",
                "j.doe@example.org",
                "."
            ]
        );
        assert_eq!(forms("(www.reuters.com)"), ["(", "www.reuters.com", ")"]);
    }

    #[test]
    fn clitics_stay_one_token() {
        assert_eq!(
            forms("Google's don't countries' 'em '90s"),
            ["Google's", "don't", "countries'", "'em", "'90s"]
        );
        assert_eq!(forms("'quoted'"), ["'", "quoted", "'"]);
    }

    #[test]
    fn breaks_and_spaces() {
        let text = "One two\nthree\n\nfour\n    five";
        let t = tokenize(text);
        let breaks: Vec<u8> = t.iter().map(|t| t.break_before).collect();
        assert_eq!(breaks, [0, 0, 1, 2, 2]);
        assert!(t[0].space_after && !t[4].space_after);
    }

    #[test]
    fn non_latin_and_odd_input() {
        assert!(tokenize("").is_empty());
        assert!(tokenize(" \n\t ").is_empty());
        assert_eq!(forms("Москва заявила."), ["Москва", "заявила", "."]);
        assert_eq!(forms("...!?"), ["...!?"]);
        assert_eq!(forms("a\u{a0}b"), ["a", "b"]);
    }
}
