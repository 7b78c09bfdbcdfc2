//! Opening an input: decompression, binary detection and bounded reading.

use std::io::{self, BufRead, BufReader, Cursor, Read};

/// How much of a (decompressed) input is looked at to tell binary files.
const SNIFF_BYTES: usize = 8 << 10;

const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b];
const ZSTD_MAGIC: &[u8] = &[0x28, 0xb5, 0x2f, 0xfd];

/// The decompressed contents of an input, refused when they look binary:
/// a NUL byte in the first 8 KiB, which no text encoding dyad reads has.
pub(crate) fn decode(reader: Box<dyn Read + Send>) -> Result<Box<dyn BufRead + Send>, String> {
    let (magic, reader) =
        peek(reader, ZSTD_MAGIC.len()).map_err(|e| format!("cannot read: {e}"))?;
    let decoded: Box<dyn Read + Send> = if magic.starts_with(GZIP_MAGIC) {
        Box::new(flate2::read::MultiGzDecoder::new(reader))
    } else if magic.starts_with(ZSTD_MAGIC) {
        Box::new(zstd::Decoder::new(reader).map_err(|e| format!("cannot read zstd data: {e}"))?)
    } else {
        reader
    };
    let (head, decoded) = peek(decoded, SNIFF_BYTES).map_err(|e| format!("cannot read: {e}"))?;
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return Err(
            "UTF-16 text (it starts with a UTF-16 byte-order mark); only UTF-8 is read; skipped"
                .to_owned(),
        );
    }
    if memchr::memchr(0, &head).is_some() {
        return Err("binary file (NUL bytes in its first 8 KiB); skipped".to_owned());
    }
    Ok(Box::new(BufReader::with_capacity(64 << 10, decoded)))
}

/// The first `n` bytes of `reader` (fewer at its end), and a reader that
/// still yields them. A read error after some bytes is kept for the reader
/// to give after them, so that the part before damaged data is still read.
fn peek(mut reader: Box<dyn Read + Send>, n: usize) -> io::Result<(Vec<u8>, Box<dyn Read + Send>)> {
    let mut head = Vec::with_capacity(n);
    let rest: Box<dyn Read + Send> = match (&mut reader).take(n as u64).read_to_end(&mut head) {
        Ok(_) => reader,
        Err(e) if head.is_empty() => return Err(e),
        Err(e) => Box::new(Failed(Some(e))),
    };
    Ok((head.clone(), Box::new(Cursor::new(head).chain(rest))))
}

/// A reader that gives an error once, then nothing.
struct Failed(Option<io::Error>);

impl Read for Failed {
    fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
        self.0.take().map_or(Ok(0), Err)
    }
}

/// The whole of `input` as text, refused when over `limit` (the rest is
/// counted, not kept) or not UTF-8. A refusal gives the line it is on, if
/// any, and its message.
pub(crate) fn read_whole_text(
    mut input: Box<dyn BufRead + Send>,
    limit: Limit,
) -> Result<String, (Option<usize>, String)> {
    let cannot_read = |e: io::Error| (None, format!("cannot read: {e}"));
    let mut bytes = Vec::new();
    (&mut input)
        .take(limit.bytes as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot_read)?;
    if bytes.len() > limit.bytes {
        let rest = io::copy(&mut input, &mut io::sink()).map_err(cannot_read)?;
        return Err((
            None,
            limit.exceeded_by(bytes.len() as u64 + rest) + "; skipped",
        ));
    }
    utf8(bytes).map_err(|(line, message)| (Some(line), message))
}

/// A size limit on what is read, and how to refuse what exceeds it.
#[derive(Clone, Copy)]
pub(crate) struct Limit {
    pub(crate) bytes: usize,
    /// What is measured: an article, a line, a page.
    pub(crate) what: &'static str,
    /// Why the limit is what it is, if it is not the article limit itself.
    pub(crate) note: &'static str,
}

impl Limit {
    pub(crate) fn article(bytes: usize) -> Limit {
        Limit {
            bytes,
            what: "article",
            note: "",
        }
    }

    /// The limit on what holds an article with more around it (markup, JSON),
    /// twice the article limit.
    pub(crate) fn container(what: &'static str, article_bytes: usize) -> Limit {
        Limit {
            bytes: article_bytes.saturating_mul(2),
            what,
            note: " (twice the article limit)",
        }
    }

    /// Says that something of `size` bytes is over the limit.
    pub(crate) fn exceeded_by(self, size: u64) -> String {
        let Limit { bytes, what, note } = self;
        format!("{what} of {size} bytes is over the limit of {bytes} bytes{note}")
    }
}

/// `bytes` as a string without a leading byte-order mark, or the line and
/// message of its first invalid byte.
pub(crate) fn utf8(mut bytes: Vec<u8>) -> Result<String, (usize, String)> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = 1 + memchr::memchr_iter(b'\n', &bytes[..at]).count();
        let line_start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
        (
            line,
            format!(
                "invalid UTF-8 at byte {at} (column {}); skipped",
                at - line_start + 1
            ),
        )
    })
}

/// What [`read_line`] found.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Line {
    /// A line, now in the buffer without its line ending.
    Read,
    /// A line of this many bytes, over the limit and not kept.
    TooLong(u64),
    End,
}

/// Reads the next line of `input` into `buf` (cleared first), keeping at
/// most `limit` bytes of it in memory.
pub(crate) fn read_line(
    input: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    limit: usize,
) -> io::Result<Line> {
    buf.clear();
    let mut length: u64 = 0;
    loop {
        let chunk = match input.fill_buf() {
            Ok(chunk) => chunk,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() && length == 0 {
            return Ok(Line::End);
        }
        let newline = memchr::memchr(b'\n', chunk);
        let content = newline.unwrap_or(chunk.len());
        length += content as u64;
        if length <= limit as u64 {
            buf.extend_from_slice(&chunk[..content]);
        } else if buf.capacity() > 0 {
            *buf = Vec::new();
        }
        let at_end = newline.is_some() || chunk.is_empty();
        input.consume(newline.map_or(content, |i| i + 1));
        if at_end {
            if length > limit as u64 {
                return Ok(Line::TooLong(length));
            }
            if buf.ends_with(b"\r") {
                buf.pop();
            }
            return Ok(Line::Read);
        }
    }
}
