//! Reading news articles into [`Article`]s, the first stage of dyad.
//!
//! Inputs are files, directories (walked recursively in name order, hidden
//! entries skipped) and `-` for standard input. Each file is read as one of
//! three [`InputFormat`]s:
//!
//! - **text**: the whole file is one article, its id the path as given, its
//!   date [`Options::date`];
//! - **JSONL**: one JSON object per line, `{"id", "date", "title", "text"}`
//!   with optional `"source"` and `"url"`; every other field is kept in
//!   [`Article::metadata`];
//! - **HTML**: one page, whose main text, title and publication time are
//!   extracted and whose navigation, adverts and other boilerplate are dropped.
//!
//! Gzip and zstd compression is recognised by its magic bytes, whatever the
//! file is called. Article text is kept byte for byte as the input gives it
//! (later stages point at byte offsets of it); only a leading byte-order mark
//! is dropped, and HTML pages yield the text their extraction produces.
//!
//! Reading streams: a JSONL file is read a line at a time and a line is never
//! held in memory beyond its bound (see [`Options::max_article_bytes`]), so
//! inputs of any size take constant memory.
//!
//! Bad input (a missing file, a binary file, invalid UTF-8, a line that is
//! not JSON, a record without text, an empty or oversized article) yields a
//! [`Problem`] naming the file and line, and reading goes on with the next
//! record.

mod date;
mod html;
mod jsonl;
mod open;

use dyad_core::Article;
use std::fmt;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

pub use date::parse_date;

/// How a file's contents are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    /// The whole file is one article.
    Text,
    /// One JSON article object per line.
    Jsonl,
    /// One HTML page, whose main text is extracted.
    Html,
}

/// The format a file's name suggests, looking through a `.gz` or `.zst`
/// ending: `.jsonl`, `.ndjson` and `.json` are JSONL, `.html`, `.htm` and
/// `.xhtml` HTML, anything else text.
pub fn guess_format(path: &Path) -> InputFormat {
    let mut path = path;
    let mut ext = extension(path);
    if matches!(ext.as_str(), "gz" | "gzip" | "zst" | "zstd") {
        path = Path::new(path.file_stem().unwrap_or_default());
        ext = extension(path);
    }
    match ext.as_str() {
        "jsonl" | "ndjson" | "json" => InputFormat::Jsonl,
        "html" | "htm" | "xhtml" => InputFormat::Html,
        _ => InputFormat::Text,
    }
}

fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

/// How to read the inputs.
#[derive(Clone, Debug)]
pub struct Options {
    /// The format of every input; `None` guesses it from each file's name
    /// (see [`guess_format`]), and reads standard input as text.
    pub format: Option<InputFormat>,
    /// The date of articles whose input gives none: every text file, HTML
    /// pages without a publication time, JSONL records without `"date"`.
    pub date: Option<jiff::civil::Date>,
    /// Articles whose text is longer than this many bytes are skipped with a
    /// [`Problem`]. A JSONL line longer than twice this (room for JSON
    /// escapes and other fields) is skipped without being held in memory;
    /// a shorter line is parsed, then its text measured. Values above
    /// `u32::MAX` (the largest text a [`dyad_core::Span`] can point
    /// into) act as `u32::MAX`.
    pub max_article_bytes: usize,
}

/// The default [`Options::max_article_bytes`]: 16 MiB, far beyond any news
/// story, small enough that a mistaken input does not exhaust memory.
pub const DEFAULT_MAX_ARTICLE_BYTES: usize = 16 << 20;

impl Default for Options {
    fn default() -> Options {
        Options {
            format: None,
            date: None,
            max_article_bytes: DEFAULT_MAX_ARTICLE_BYTES,
        }
    }
}

impl Options {
    /// [`Options::max_article_bytes`], within what a span can address.
    fn article_limit(&self) -> usize {
        self.max_article_bytes.min(u32::MAX as usize)
    }
}

/// Input that could not be read as an article, which was skipped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The file's path as given or found in a directory, or `<stdin>`.
    pub source: String,
    /// The 1-based line the problem is on, when it is on one.
    pub line: Option<usize>,
    pub message: String,
}

impl Problem {
    fn new(source: &str, line: Option<usize>, message: impl Into<String>) -> Problem {
        Problem {
            source: source.to_owned(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.source, line, self.message),
            None => write!(f, "{}: {}", self.source, self.message),
        }
    }
}

impl std::error::Error for Problem {}

/// Counts of what a read produced, for reports and exit statuses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub articles: usize,
    /// Records and files skipped, one per [`Problem`].
    pub skipped: usize,
}

impl Summary {
    /// Counts one item of [`Articles`].
    pub fn count(&mut self, item: &Result<Article, Problem>) {
        match item {
            Ok(_) => self.articles += 1,
            Err(_) => self.skipped += 1,
        }
    }
}

/// Streams the articles of `inputs`: files, directories, or `-` for
/// standard input. Problems come in the order they are met, between the
/// articles; a problem with one input never stops the others.
pub fn read(inputs: &[PathBuf], options: &Options) -> Articles {
    Articles {
        inputs: inputs.iter().cloned().collect(),
        options: options.clone(),
        walk: None,
        jsonl: None,
        pending: None,
    }
}

/// Streams the articles of one reader, such as standard input, named `name`
/// in ids and problems.
pub fn read_from<R: Read + Send + 'static>(
    reader: R,
    name: &str,
    format: InputFormat,
    options: &Options,
) -> Articles {
    let mut articles = read(&[], options);
    articles.start(Box::new(reader), name, format);
    articles
}

/// The iterator returned by [`read`] and [`read_from`].
pub struct Articles {
    inputs: std::collections::VecDeque<PathBuf>,
    options: Options,
    /// The directory being walked.
    walk: Option<Walk>,
    /// The JSONL file being read.
    jsonl: Option<jsonl::Records>,
    /// The outcome of a text or HTML file, or a problem opening a file.
    pending: Option<Result<Article, Problem>>,
}

impl Iterator for Articles {
    type Item = Result<Article, Problem>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.pending.take() {
                return Some(item);
            }
            if let Some(records) = &mut self.jsonl {
                match records.next() {
                    Some(item) => return Some(item),
                    None => self.jsonl = None,
                }
            }
            if let Some(walk) = &mut self.walk {
                match walk.next() {
                    Some(Ok(entry)) => {
                        if entry.file_type().is_file() {
                            self.open_file(entry.path());
                        }
                    }
                    Some(Err(e)) => return Some(Err(walk_problem(e))),
                    None => self.walk = None,
                }
                continue;
            }
            let input = self.inputs.pop_front()?;
            if input.as_os_str() == "-" {
                let format = self.options.format.unwrap_or(InputFormat::Text);
                self.start(Box::new(io::stdin()), "<stdin>", format);
            } else if input.is_dir() {
                let walk = walkdir::WalkDir::new(&input)
                    .follow_links(true)
                    .sort_by_file_name()
                    .into_iter()
                    .filter_entry(is_visible as fn(&walkdir::DirEntry) -> bool);
                self.walk = Some(walk);
            } else {
                self.open_file(&input);
            }
        }
    }
}

impl Articles {
    fn open_file(&mut self, path: &Path) {
        let name = path.display().to_string();
        match std::fs::File::open(path) {
            Ok(file) => {
                let format = self.options.format.unwrap_or_else(|| guess_format(path));
                self.start(Box::new(file), &name, format);
            }
            Err(e) => {
                self.pending = Some(Err(Problem::new(&name, None, format!("cannot open: {e}"))))
            }
        }
    }

    /// Starts reading one input, leaving its first outcome or its records
    /// for [`Iterator::next`].
    fn start(&mut self, reader: Box<dyn Read + Send>, name: &str, format: InputFormat) {
        let input = match open::decode(reader) {
            Ok(input) => input,
            Err(problem) => {
                self.pending = Some(Err(Problem::new(name, None, problem)));
                return;
            }
        };
        match format {
            InputFormat::Jsonl => {
                self.jsonl = Some(jsonl::Records::new(input, name, &self.options))
            }
            InputFormat::Text => self.pending = Some(read_text(input, name, &self.options)),
            InputFormat::Html => self.pending = Some(html::read_page(input, name, &self.options)),
        }
    }
}

type Walk = walkdir::FilterEntry<walkdir::IntoIter, fn(&walkdir::DirEntry) -> bool>;

/// Whether a directory entry is read: hidden files and directories are not,
/// unless given as inputs themselves.
fn is_visible(entry: &walkdir::DirEntry) -> bool {
    entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.')
}

fn walk_problem(e: walkdir::Error) -> Problem {
    let source = e
        .path()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let message = match e.io_error() {
        Some(io) => format!("cannot read: {io}"),
        None => e.to_string(),
    };
    Problem::new(&source, None, message)
}

/// A text file as one article.
fn read_text(
    input: Box<dyn io::BufRead + Send>,
    name: &str,
    options: &Options,
) -> Result<Article, Problem> {
    let text = open::read_whole_text(input, open::Limit::article(options.article_limit()))
        .map_err(|(line, message)| Problem::new(name, line, message))?;
    if text.trim().is_empty() {
        return Err(Problem::new(name, None, "empty text; skipped"));
    }
    Ok(Article {
        id: name.to_owned(),
        date: options.date,
        text,
        ..Article::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_names() {
        let cases = [
            ("a.txt", InputFormat::Text),
            ("a", InputFormat::Text),
            ("dir.d/story", InputFormat::Text),
            ("a.jsonl", InputFormat::Jsonl),
            ("a.NDJSON", InputFormat::Jsonl),
            ("a.json", InputFormat::Jsonl),
            ("a.jsonl.gz", InputFormat::Jsonl),
            ("a.jsonl.zst", InputFormat::Jsonl),
            ("a.html", InputFormat::Html),
            ("a.htm.gz", InputFormat::Html),
            ("a.txt.zst", InputFormat::Text),
            ("a.gz", InputFormat::Text),
        ];
        for (name, format) in cases {
            assert_eq!(guess_format(Path::new(name)), format, "{name}");
        }
    }

    #[test]
    fn articles_can_be_read_on_another_thread() {
        fn assert_send<T: Send>() {}
        assert_send::<Articles>();
    }

    #[test]
    fn problem_display() {
        assert_eq!(
            Problem::new("a.jsonl", Some(3), "no \"text\" field; skipped").to_string(),
            "a.jsonl:3: no \"text\" field; skipped"
        );
        assert_eq!(
            Problem::new("<stdin>", None, "binary file; skipped").to_string(),
            "<stdin>: binary file; skipped"
        );
    }
}
