//! HTML pages: the main text, title and publication time, by Readability.

use crate::open::{self, Limit};
use crate::{parse_date, Options, Problem};
use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};
use dyad_core::Article;
use serde_json::Value;
use std::io::BufRead;

/// The article of one HTML page. The page may be twice
/// [`Options::max_article_bytes`] (markup around the text), its text no more
/// than that.
pub(crate) fn read_page(
    input: Box<dyn BufRead + Send>,
    name: &str,
    options: &Options,
) -> Result<Article, Problem> {
    let limit = options.article_limit();
    let page = open::read_whole_text(input, Limit::container("page", limit))
        .map_err(|(line, message)| Problem::new(name, line, message))?;
    let config = Config {
        // Paragraphs on lines of their own, so that sentences do not run together.
        text_mode: TextMode::Formatted,
        // A page is refused when no visible paragraph outside navigation,
        // comments and the like has more than 40 characters: a script-only
        // shell or an error page, not a short news brief.
        readable_min_content_length: 40,
        readable_min_score: 0.0,
        ..Config::default()
    };
    let no_text = |reason: String| {
        Problem::new(
            name,
            None,
            format!("no article text found in the page{reason}; skipped"),
        )
    };
    let document = Document::from(page.as_str());
    let canonical_url = canonical_url(&document);
    let mut readability = Readability::with_document(document, None, Some(config))
        .map_err(|e| no_text(format!(" ({e})")))?;
    if !readability.is_probably_readable() {
        return Err(no_text(String::new()));
    }
    let extracted = readability
        .parse()
        .map_err(|e| no_text(format!(" ({e})")))?;
    let text = extracted.text_content.to_string();
    if text.len() > limit {
        return Err(Problem::new(
            name,
            None,
            Limit::article(limit).exceeded_by(text.len() as u64) + "; skipped",
        ));
    }
    if text.trim().is_empty() {
        return Err(Problem::new(name, None, "empty text; skipped"));
    }
    let mut metadata = serde_json::Map::new();
    let published = extracted.published_time.as_deref().and_then(parse_date);
    if published.is_none() {
        // Kept as it came, as for a JSONL date that could not be read.
        if let Some(raw) = extracted.published_time {
            metadata.insert("date".to_owned(), Value::String(raw));
        }
    }
    for (key, value) in [("byline", extracted.byline), ("lang", extracted.lang)] {
        if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
            metadata.insert(key.to_owned(), Value::String(value));
        }
    }
    let non_empty = |s: String| (!s.trim().is_empty()).then_some(s);
    Ok(Article {
        id: name.to_owned(),
        date: published.or(options.date),
        title: non_empty(extracted.title),
        text,
        source: extracted.site_name.and_then(non_empty),
        url: extracted.url.and_then(non_empty).or(canonical_url),
        metadata,
    })
}

/// The page's own address, from `<link rel="canonical">` or `og:url`
/// (Readability reads it only from JSON-LD).
fn canonical_url(document: &Document) -> Option<String> {
    [
        (r#"link[rel="canonical"]"#, "href"),
        (r#"meta[property="og:url"]"#, "content"),
    ]
    .into_iter()
    .find_map(|(selector, attribute)| document.select_single(selector).attr(attribute))
    .map(|url| url.trim().to_owned())
    .filter(|url| !url.is_empty())
}
