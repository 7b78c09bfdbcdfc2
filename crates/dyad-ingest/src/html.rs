//! HTML pages: the main text, title and publication time, by Readability.

use crate::{open, parse_date, Options, Problem};
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
    let limit = options.max_article_bytes();
    let page = open::read_whole_text(input, limit.saturating_mul(2))
        .map_err(|(line, message)| Problem::new(name, line, message))?;
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let extracted = Readability::new(page.as_str(), None, Some(config))
        .and_then(|mut readability| readability.parse())
        .map_err(|e| {
            Problem::new(
                name,
                None,
                format!("no article text found in the page ({e}); skipped"),
            )
        })?;
    let text = extracted.text_content.to_string();
    if text.len() > limit {
        return Err(Problem::new(
            name,
            None,
            open::too_long(text.len() as u64, limit) + "; skipped",
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
        url: extracted.url.and_then(non_empty),
        metadata,
    })
}
