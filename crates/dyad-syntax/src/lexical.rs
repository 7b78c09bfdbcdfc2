//! What the tagger and parser know about a word from its letters alone,
//! computed once per word as hashes.

use crate::clusters::NO_CLUSTER;
use crate::hash::{bytes_hash, str_hash};

/// Hashes of a word's form and its parts.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Lex {
    pub form: u64,
    pub lower: u64,
    /// Lowercased prefixes of 1 to 3 characters.
    pub prefix: [u64; 3],
    /// Lowercased suffixes of 1 to 4 characters.
    pub suffix: [u64; 4],
    /// Letters mapped to `X`, `x`, `d`, runs cut at four: `Xxxx`, `dd.dd`.
    pub shape: u64,
    /// Fine and coarse word cluster (see [`crate::clusters`]).
    pub cluster: (u64, u64),
}

/// Reusable buffers, so that computing [`Lex`] allocates nothing once warm.
#[derive(Default)]
pub(crate) struct LexBuffer {
    lower: String,
    shape: String,
    ends: Vec<usize>,
}

impl LexBuffer {
    pub fn lex(&mut self, form: &str) -> Lex {
        self.lower.clear();
        for c in form.chars() {
            self.lower.extend(c.to_lowercase());
        }
        let lower = self.lower.as_str();
        // Byte offsets where each character ends.
        self.ends.clear();
        self.ends
            .extend(lower.char_indices().map(|(i, c)| i + c.len_utf8()));
        let n = self.ends.len();
        let mut prefix = [0u64; 3];
        for (k, p) in prefix.iter_mut().enumerate() {
            let end = self.ends.get(k).copied().unwrap_or(lower.len());
            *p = bytes_hash(&lower.as_bytes()[..end]) ^ 0x51;
        }
        let mut suffix = [0u64; 4];
        for (k, s) in suffix.iter_mut().enumerate() {
            let start = if k + 1 < n { self.ends[n - k - 2] } else { 0 };
            *s = bytes_hash(&lower.as_bytes()[start..]) ^ 0x5f;
        }
        self.shape.clear();
        let (mut last, mut run) = ('\0', 0);
        for c in form.chars() {
            let s = if c.is_uppercase() {
                'X'
            } else if c.is_lowercase() {
                'x'
            } else if c.is_numeric() {
                'd'
            } else {
                c
            };
            run = if s == last { run + 1 } else { 1 };
            last = s;
            if run <= 4 {
                self.shape.push(s);
            }
        }
        let (form, lower) = (str_hash(form), str_hash(lower));
        Lex {
            form,
            lower,
            prefix,
            suffix,
            shape: str_hash(&self.shape) ^ 0x5a,
            cluster: NO_CLUSTER,
        }
    }

    /// The lowercased form of the last word given to [`LexBuffer::lex`].
    pub fn lower(&self) -> &str {
        &self.lower
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn affixes_and_shapes() {
        let mut b = LexBuffer::default();
        let a = b.lex("Running");
        let c = b.lex("running");
        assert_eq!(a.lower, c.lower);
        assert_ne!(a.form, c.form);
        assert_eq!(a.suffix, c.suffix);
        assert_ne!(a.shape, c.shape);
        let d = b.lex("jumping");
        assert_eq!(d.suffix[2], c.suffix[2]); // "ing"
        assert_ne!(d.suffix[3], c.suffix[3]); // "ping" / "ning"
        assert_eq!(b.lex("Obama").shape, b.lex("Clinton").shape);
        // Non-Latin script and one-letter words do not panic.
        b.lex("Путин");
        b.lex("日本");
        b.lex("");
        b.lex("a");
    }
}
