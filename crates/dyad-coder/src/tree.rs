//! A parsed sentence seen as a dependency tree: the per-word fields the
//! coder reads, lower-cased once, and each word's children.
//!
//! Heads pointing outside the sentence are read as roots, and every walk up
//! the tree is bounded by the sentence length, so a malformed parse cannot
//! make the coder loop or panic.

use dyad_core::{Sentence, Span, Word};

pub(crate) struct Tree<'a> {
    pub words: &'a [Word],
    /// The word's form as written.
    pub form: Vec<&'a str>,
    /// Lower-case lemma, or the lower-case form when the parser gave none.
    pub lemma: Vec<String>,
    pub upos: Vec<&'a str>,
    /// The full relation (`nsubj:pass`), empty when unparsed.
    pub rel: Vec<&'a str>,
    /// 0-based head, `None` for the root.
    pub head: Vec<Option<usize>>,
    pub children: Vec<Vec<usize>>,
}

impl<'a> Tree<'a> {
    pub fn new(text: &'a str, sentence: &'a Sentence) -> Tree<'a> {
        let words = &sentence.words[..];
        let n = words.len();
        let form: Vec<&str> = words
            .iter()
            .map(|w| {
                w.form
                    .as_deref()
                    .or_else(|| text.get(w.span.range()))
                    .unwrap_or("")
            })
            .collect();
        let lemma = words
            .iter()
            .zip(&form)
            .map(|(w, f)| w.lemma.as_deref().unwrap_or(f).to_lowercase())
            .collect();
        let upos = words
            .iter()
            .map(|w| w.upos.as_deref().unwrap_or(""))
            .collect();
        let rel = words
            .iter()
            .map(|w| w.deprel.as_deref().unwrap_or(""))
            .collect();
        let head: Vec<Option<usize>> = words
            .iter()
            .enumerate()
            .map(|(i, w)| match w.head {
                Some(h) if h >= 1 && (h as usize) <= n && h as usize - 1 != i => {
                    Some(h as usize - 1)
                }
                _ => None,
            })
            .collect();
        let mut children = vec![Vec::new(); n];
        for (i, h) in head.iter().enumerate() {
            if let Some(h) = h {
                children[*h].push(i);
            }
        }
        Tree {
            words,
            form,
            lemma,
            upos,
            rel,
            head,
            children,
        }
    }

    /// Moves word `w` under `h` (`None`: the root) with relation `rel`.
    fn attach(&mut self, w: usize, h: Option<usize>, rel: &'a str) {
        if let Some(old) = self.head[w] {
            self.children[old].retain(|&c| c != w);
        }
        if let Some(h) = h {
            let at = self.children[h].partition_point(|&c| c < w);
            self.children[h].insert(at, w);
        }
        self.head[w] = h;
        self.rel[w] = rel;
    }

    /// Undoes a common misparse of a trailing report, `..., the news agency
    /// WFNA said`: the name read as the subject of a relative clause of the
    /// noun before it. When a report verb (`report_verbs`, by lemma) is a
    /// finite relative clause with no relative word and no object, whose
    /// subject is a proper noun right after the noun it hangs from, the noun
    /// becomes the verb's subject, the name its apposition, and the verb a
    /// `parataxis` of the verb above the noun. When the subject comes after a
    /// comma and the verb ends the sentence (`... the Toshiba investigation,
    /// Pentagon officials said.`), only the verb moves.
    pub fn reattach_trailing_reports(&mut self, report_verbs: &[&str]) {
        for v in 0..self.len() {
            let Some(h) = self.head[v] else { continue };
            if self.rel[v] != "acl:relcl"
                || !report_verbs.contains(&self.lemma[v].as_str())
                || !self.is_finite(v)
                || !matches!(self.upos[h], "NOUN" | "PROPN")
            {
                continue;
            }
            let relative = self.children[v].iter().any(|&c| {
                matches!(self.lemma[c].as_str(), "who" | "which" | "that" | "whom")
                    || matches!(self.base(c), "mark" | "obj" | "ccomp" | "xcomp")
            });
            let name = self.kids(v, "nsubj").find(|&s| {
                self.upos[s] == "PROPN"
                    && self.subtree_span(s).start == self.words[h + 1].span.start
            });
            if relative {
                continue;
            }
            let trailing = (v + 1..self.len()).all(|w| self.upos[w] == "PUNCT");
            let after_comma = self.kids(v, "nsubj").any(|s| {
                let first = (0..s)
                    .find(|&w| self.upos[w] != "PUNCT" && self.is_within(w, s))
                    .unwrap_or(s);
                first > 0 && self.form[first - 1] == ","
            });
            let name = match name {
                Some(name) => Some(name),
                None if trailing && after_comma => None,
                None => continue,
            };
            // The verb above the noun (the root when there is none).
            let mut g = self.head[h];
            for _ in 0..self.len() {
                match g {
                    Some(x) if self.upos[x] != "VERB" => g = self.head[x],
                    _ => break,
                }
            }
            let g = g.or((0..self.len()).find(|&w| self.head[w].is_none() && w != v));
            let Some(g) = g.filter(|&g| g != h && !self.is_within(g, v)) else {
                continue;
            };
            self.attach(v, Some(g), "parataxis");
            if let Some(name) = name {
                self.attach(h, Some(v), "nsubj");
                self.attach(name, Some(h), "appos");
            }
        }
    }

    /// Undoes a misparse of a noun with a participle after a verb with no
    /// object (`cordoned off for construction the roads leading into
    /// Mordor`, `roads` read as the subject of an adverbial `leading`): the
    /// noun becomes the verb's object and the participle its modifier.
    pub fn reattach_participle_objects(&mut self) {
        for v in 0..self.len() {
            let Some(h) = self.head[v] else { continue };
            let w = &self.words[v];
            let gerund = w.xpos.as_deref() == Some("VBG")
                || w.feats
                    .as_deref()
                    .is_some_and(|f| f.contains("VerbForm=Ger"));
            if self.base(v) != "advcl"
                || !gerund
                || self.has_kid(v, "mark")
                || self.upos[h] != "VERB"
                || h > v
                || self.has_kid(h, "obj")
            {
                continue;
            }
            let subject = self.kids(v, "nsubj").find(|&n| {
                self.upos[n] == "NOUN" && self.subtree_span(n).end == self.words[v - 1].span.end
            });
            let Some(n) = subject else { continue };
            self.attach(n, Some(h), "obj");
            self.attach(v, Some(n), "acl");
        }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// The relation without its subtype: `nsubj` for `nsubj:pass`.
    pub fn base(&self, i: usize) -> &str {
        let r = self.rel[i];
        r.split(':').next().unwrap_or(r)
    }

    /// The year word `i` is, if its form is one: four digits from 1000 to
    /// 2100.
    pub fn year(&self, i: usize) -> Option<i16> {
        let f = self.form[i];
        let digits = f.len() == 4 && f.bytes().all(|b| b.is_ascii_digit());
        digits
            .then(|| f.parse::<i16>().ok())
            .flatten()
            .filter(|y| (1000..=2100).contains(y))
    }

    /// Children of `i` whose relation is `rel` exactly, or whose base
    /// relation is `rel` when `rel` has no subtype.
    pub fn kids<'s>(&'s self, i: usize, rel: &'s str) -> impl Iterator<Item = usize> + 's {
        let exact = rel.contains(':');
        self.children[i].iter().copied().filter(move |&c| {
            if exact {
                self.rel[c] == rel
            } else {
                self.base(c) == rel
            }
        })
    }

    pub fn has_kid(&self, i: usize, rel: &str) -> bool {
        self.kids(i, rel).next().is_some()
    }

    /// The preposition of a nominal: its `case` children (with their
    /// `fixed` words) joined by spaces, lower case: `to`, `in front of`.
    pub fn case_of(&self, i: usize) -> Option<String> {
        let mut words: Vec<usize> = Vec::new();
        for c in self.kids(i, "case") {
            words.push(c);
            words.extend(self.kids(c, "fixed"));
        }
        if words.is_empty() {
            return None;
        }
        words.sort_unstable();
        Some(
            words
                .iter()
                .map(|&w| self.lemma[w].as_str())
                .collect::<Vec<_>>()
                .join(" "),
        )
    }

    /// The marker of a clause (`if`, `unless`, `that`), lower case.
    pub fn mark_of(&self, i: usize) -> Option<&str> {
        self.kids(i, "mark").next().map(|m| self.lemma[m].as_str())
    }

    /// Whether `c` is a relative clause opened by a `wh-` word (`which he
    /// has likened to ...`, `who fled`): it says something about its noun.
    /// `that` is left out: parsers read content clauses (`demands that the
    /// plans be put on hold`) as relative clauses with it.
    pub fn is_relative_clause(&self, c: usize) -> bool {
        self.rel[c] == "acl:relcl"
            && self.children[c]
                .iter()
                .any(|&w| matches!(self.lemma[w].as_str(), "which" | "who" | "whom" | "whose"))
    }

    /// Whether `i` is a verb controlled by its head: an `xcomp`, or an
    /// infinitival `advcl` (`vowed ... to wage war`, as parsers often attach it).
    pub fn is_controlled(&self, i: usize) -> bool {
        match self.base(i) {
            "xcomp" => true,
            "advcl" => {
                self.upos[i] == "VERB"
                    && self.kids(i, "mark").any(|m| self.lemma[m] == "to")
                    && !self.has_kid(i, "nsubj")
            }
            _ => false,
        }
    }

    /// `i` and the words conjoined with it (`Spain, Ireland and Norway`).
    pub fn conjuncts(&self, i: usize) -> Vec<usize> {
        let mut out = vec![i];
        let mut k = 0;
        while k < out.len() && out.len() <= self.len() {
            let w = out[k];
            for c in self.kids(w, "conj") {
                if !out.contains(&c) {
                    out.push(c);
                }
            }
            k += 1;
        }
        out
    }

    /// The words coordinated with `i`, the first conjunct first. A
    /// coordination with commas but no conjunction (`cc`) in it is taken for
    /// commas the parser misread: the first conjunct does not stand for the
    /// others (`with Dagolath, its biggest trading partner, officials said`:
    /// `officials` a conjunct of `partner`), while a later one is a
    /// description of the first (`Finance Minister Dilson Funaro, currently
    /// on a tour to seek ...`: `tour` a conjunct of `Minister`).
    pub fn coordinated(&self, i: usize) -> Vec<usize> {
        let first = self.first_conjunct(i);
        let all = self.conjuncts(first);
        let commas = all[1..].iter().any(|&c| self.has_kid(c, "punct"));
        if !commas || all.iter().any(|&c| self.has_kid(c, "cc")) {
            all
        } else if first == i {
            vec![i]
        } else {
            vec![first, i]
        }
    }

    /// The first word of the conjunction `i` belongs to (itself when none).
    pub fn first_conjunct(&self, mut i: usize) -> usize {
        for _ in 0..self.len() {
            match self.head[i] {
                Some(h) if self.base(i) == "conj" => i = h,
                _ => break,
            }
        }
        i
    }

    /// Whether `a` is `b` or one of its descendants.
    pub fn is_within(&self, mut a: usize, b: usize) -> bool {
        for _ in 0..=self.len() {
            if a == b {
                return true;
            }
            match self.head[a] {
                Some(h) => a = h,
                None => return false,
            }
        }
        false
    }

    /// The span from the first to the last word of the subtree of `i`.
    pub fn subtree_span(&self, i: usize) -> Span {
        let (mut lo, mut hi) = (i, i);
        let mut stack = vec![i];
        let mut seen = 0;
        while let Some(w) = stack.pop() {
            seen += 1;
            if seen > self.len() {
                break;
            }
            lo = lo.min(w);
            hi = hi.max(w);
            stack.extend(self.children[w].iter().copied());
        }
        self.span(lo, hi + 1)
    }

    /// The span of words `start..end`.
    pub fn span(&self, start: usize, end: usize) -> Span {
        Span {
            start: self.words[start].span.start,
            end: self.words[end - 1].span.end,
        }
    }

    /// Whether the word is a finite verb (by its features or PTB tag).
    pub fn is_finite(&self, i: usize) -> bool {
        let w = &self.words[i];
        w.feats
            .as_deref()
            .is_some_and(|f| f.contains("VerbForm=Fin"))
            || matches!(w.xpos.as_deref(), Some("VBD" | "VBZ" | "VBP"))
    }

    /// Whether the word is a past participle (by its features or PTB tag).
    pub fn is_participle(&self, i: usize) -> bool {
        let w = &self.words[i];
        w.feats
            .as_deref()
            .is_some_and(|f| f.contains("VerbForm=Part") && f.contains("Tense=Past"))
            || w.xpos.as_deref() == Some("VBN")
    }

    /// Whether the word is a plural noun (from its features or PTB tag).
    pub fn is_plural(&self, i: usize) -> bool {
        let w = &self.words[i];
        w.feats
            .as_deref()
            .is_some_and(|f| f.contains("Number=Plur"))
            || matches!(w.xpos.as_deref(), Some("NNS" | "NNPS"))
    }
}
