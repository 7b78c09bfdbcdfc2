//! Events in the community's tab-separated formats, one line per event
//! (without the line break). Fields dyad has no value for are left empty;
//! tabs and line breaks inside a field become spaces.
//!
//! - [`petrarch`]: PETRARCH's event file: date, source, target, CAMEO code,
//!   issues, ids, URL (when the article has one), news source (`NULL` when
//!   unknown).
//! - [`phoenix`]: the Phoenix data set's 26 columns: event id, date, year,
//!   month, day, source (full code, entity, role, attributes), target (the
//!   same four), event code, root code, class, Goldstein score, issues, five
//!   geographic columns (empty), sentence id, URLs, news sources. The class
//!   is dyad's ontology's quad class (1-4, as GDELT), not Phoenix's
//!   five-valued one.
//! - [`gdelt`]: the 61 columns of GDELT 2.0's event table; dyad fills the
//!   id, dates, actors' codes, names, countries and types, the event codes,
//!   quad class, Goldstein score and URL; mention and article counts are 1
//!   (one event from one sentence), `IsRootEvent` is 1 for an event of the
//!   article's first sentence, and tone and geography are empty.
//!
//! And one JSON format:
//!
//! - [`plover`]: a record with the field names of the PLOVER manual's JSON
//!   chapter (`id`, `date`, `source` and `recipient` as lists of actor
//!   objects, `event`, `mode`, `context`, `event_text`, `text`, `text_info`,
//!   `cite_info`), plus fields the manual allows a provider to add: the
//!   CAMEO code, negation, mood, and byte spans into the article text
//!   (`span` on actors, `event_span`; `text_info`'s `start` and `end` are
//!   byte offsets too). Compound actors stay one event per pair, as in
//!   dyad's other formats.

use crate::event::{ActorRef, Event};
use dyad_core::{Article, Span};
use serde_json::{json, Value};

fn clean(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// `YYYYMMDD`, or empty.
fn compact_date(e: &Event) -> String {
    e.date
        .as_deref()
        .map(|d| d.replace('-', ""))
        .unwrap_or_default()
}

fn code(a: &Option<ActorRef>) -> String {
    a.as_ref().and_then(|a| a.code.clone()).unwrap_or_default()
}

/// PETRARCH's event line.
pub fn petrarch(article: &Article, e: &Event) -> String {
    let none = |s: String| if s.is_empty() { "---".to_string() } else { s };
    let mut fields = vec![
        compact_date(e),
        none(code(&e.source)),
        none(code(&e.target)),
        e.cameo.code.clone(),
        String::new(),
        format!("{}-{}", clean(&e.article_id), e.sentence),
    ];
    if let Some(url) = &article.url {
        fields.push(clean(url));
    }
    fields.push(article.source.as_deref().map_or("NULL".into(), clean));
    fields.join("\t")
}

/// Entity, role and other blocks of an actor code, as Phoenix splits them.
fn phoenix_actor(a: &Option<ActorRef>) -> [String; 4] {
    let Some(a) = a else {
        return Default::default();
    };
    let full = a.code.clone().unwrap_or_default();
    let entity = a
        .country
        .clone()
        .or_else(|| dyad_dict::blocks(&full).next().map(str::to_string))
        .unwrap_or_default();
    let role = a.sector.clone().unwrap_or_default();
    let mut rest: Vec<&str> = dyad_dict::blocks(&full).collect();
    for known in [&entity, &role] {
        if let Some(i) = rest.iter().position(|b| b == known) {
            rest.remove(i);
        }
    }
    let rest = rest.join(";");
    [full, entity, role, rest]
}

/// The Phoenix data set's line.
pub fn phoenix(article: &Article, e: &Event) -> String {
    let date = compact_date(e);
    let part = |r: std::ops::Range<usize>| date.get(r).unwrap_or("").to_string();
    let mut fields = vec![
        clean(&e.id),
        date.clone(),
        part(0..4),
        part(4..6),
        part(6..8),
    ];
    fields.extend(phoenix_actor(&e.source));
    fields.extend(phoenix_actor(&e.target));
    fields.push(e.cameo.code.clone());
    fields.push(e.cameo.root.clone());
    fields.push(
        e.cameo
            .quad_class
            .map(|q| q.to_string())
            .unwrap_or_default(),
    );
    fields.push(e.cameo.goldstein.map(|g| g.to_string()).unwrap_or_default());
    fields.push(String::new()); // issues
    fields.extend(std::iter::repeat_n(String::new(), 5)); // lat, lon, place, state, country
    fields.push(format!("{}-{}", clean(&e.article_id), e.sentence));
    fields.push(article.url.as_deref().map(clean).unwrap_or_default());
    fields.push(article.source.as_deref().map(clean).unwrap_or_default());
    fields.join("\t")
}

fn gdelt_actor(a: &Option<ActorRef>) -> [String; 10] {
    let mut f: [String; 10] = Default::default();
    if let Some(a) = a {
        f[0] = a.code.clone().unwrap_or_default();
        f[1] = clean(&a.text).to_uppercase();
        f[2] = a.country.clone().unwrap_or_default();
        f[7] = a.sector.clone().unwrap_or_default();
    }
    f
}

/// GDELT 2.0's event line.
pub fn gdelt(article: &Article, e: &Event) -> String {
    let date = compact_date(e);
    let fraction = e
        .date
        .as_deref()
        .and_then(|d| d.parse::<jiff::civil::Date>().ok())
        .map(|d| format!("{:.4}", d.year() as f64 + d.day_of_year() as f64 / 365.0))
        .unwrap_or_default();
    let mut fields = vec![
        clean(&e.id),
        date.clone(),
        date.get(0..6).unwrap_or("").to_string(),
        date.get(0..4).unwrap_or("").to_string(),
        fraction,
    ];
    fields.extend(gdelt_actor(&e.source));
    fields.extend(gdelt_actor(&e.target));
    fields.push(u8::from(e.sentence == 0).to_string());
    fields.push(e.cameo.code.clone());
    fields.push(e.cameo.code.get(..3).unwrap_or(&e.cameo.code).to_string());
    fields.push(e.cameo.root.clone());
    fields.push(
        e.cameo
            .quad_class
            .map(|q| q.to_string())
            .unwrap_or_default(),
    );
    fields.push(e.cameo.goldstein.map(|g| g.to_string()).unwrap_or_default());
    fields.extend(["1", "1", "1"].map(String::from)); // mentions, sources, articles
    fields.push(String::new()); // tone
    fields.extend(std::iter::repeat_n(String::new(), 3 * 8)); // actor and action geography
    fields.push(String::new()); // date added
    fields.push(article.url.as_deref().map(clean).unwrap_or_default());
    fields.join("\t")
}

/// A PLOVER actor object: `code` is the top-level block (the country, or
/// `IGO`, `NGO`...), `sector` the role; the full CAMEO code is kept too.
fn plover_actor(a: &Option<ActorRef>) -> Vec<Value> {
    let Some(a) = a else {
        return Vec::new();
    };
    let full = a.code.as_deref();
    let top = a
        .country
        .as_deref()
        .or_else(|| full.and_then(|c| dyad_dict::blocks(c).next()));
    vec![json!({
        "code": top,
        "sector": a.sector,
        "actor_text": a.text,
        "cameo_code": full,
        "span": a.span,
    })]
}

/// Where the event's sentence lies in the article: the occurrence of its
/// text that holds the predicate.
fn sentence_span(article: &Article, e: &Event) -> Option<Span> {
    let at = e.predicate.span.start as usize;
    article
        .text
        .match_indices(e.sentence_text.as_str())
        .map(|(start, s)| Span::new(start, start + s.len()))
        .find(|span| (span.start as usize..span.end as usize).contains(&at))
}

/// The event as a PLOVER record; `None` when its CAMEO code has no PLOVER
/// type in dyad's ontology.
pub fn plover(article: &Article, e: &Event) -> Option<Value> {
    let p = e.plover.as_ref()?;
    let sentence = sentence_span(article, e);
    Some(json!({
        "id": e.id,
        "date": e.date,
        "source": plover_actor(&e.source),
        "recipient": plover_actor(&e.target),
        "event": [p.event_type],
        "mode": p.mode,
        "context": p.context.iter().collect::<Vec<_>>(),
        "event_text": [e.predicate.text],
        "event_span": e.predicate.span,
        "cameo": e.cameo.code,
        "negated": e.negated,
        "mood": e.mood,
        "text": e.sentence_text,
        "text_info": {
            "sequence": e.sentence,
            "start": sentence.map(|s| s.start),
            "end": sentence.map(|s| s.end),
        },
        "cite_info": {
            "citation": article.id,
            "url": article.url,
            "title": article.title,
            "publication": article.source,
            "coder": concat!("dyad ", env!("CARGO_PKG_VERSION")),
        },
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{Cameo, Mood, TextSpan};

    fn event() -> Event {
        let actor = |code: &str, country: &str, sector: Option<&str>, text: &str| ActorRef {
            code: Some(code.into()),
            country: Some(country.into()),
            sector: sector.map(String::from),
            text: text.into(),
            span: Span::new(0, 1),
        };
        Event {
            id: "a:3:0".into(),
            article_id: "a".into(),
            sentence: 3,
            date: Some("2024-05-14".into()),
            source: Some(actor("USAGOVLEG", "USA", Some("GOV"), "U.S.\tlawmakers")),
            target: None,
            cameo: Cameo {
                code: "0314".into(),
                root: "03".into(),
                quad_class: Some(1),
                goldstein: Some(5.2),
            },
            plover: None,
            negated: false,
            mood: Mood::Actual,
            attributed_to: None,
            condition: None,
            quantities: vec![],
            predicate: TextSpan {
                text: "offered".into(),
                span: Span::new(0, 1),
            },
            rule: String::new(),
            sentence_text: String::new(),
        }
    }

    #[test]
    fn column_counts_and_values() {
        let article = Article {
            id: "a".into(),
            url: Some("https://example.invalid/a".into()),
            ..Article::default()
        };
        let e = event();
        let p: Vec<String> = petrarch(&article, &e)
            .split('\t')
            .map(String::from)
            .collect();
        assert_eq!(
            p,
            [
                "20240514",
                "USAGOVLEG",
                "---",
                "0314",
                "",
                "a-3",
                "https://example.invalid/a",
                "NULL"
            ]
        );
        let x = phoenix(&article, &e);
        let x: Vec<&str> = x.split('\t').collect();
        assert_eq!(x.len(), 26);
        assert_eq!(
            &x[1..9],
            [
                "20240514",
                "2024",
                "05",
                "14",
                "USAGOVLEG",
                "USA",
                "GOV",
                "LEG"
            ]
        );
        assert_eq!(&x[13..17], ["0314", "03", "1", "5.2"]);
        let g = gdelt(&article, &e);
        let g: Vec<&str> = g.split('\t').collect();
        assert_eq!(g.len(), 61);
        assert_eq!(&g[5..8], ["USAGOVLEG", "U.S. LAWMAKERS", "USA"]);
        assert_eq!(g[12], "GOV");
        assert_eq!(&g[25..31], ["0", "0314", "031", "03", "1", "5.2"]);
        assert_eq!(g[60], "https://example.invalid/a");
    }

    #[test]
    fn plover_record_has_the_manuals_fields_and_points_into_the_text() {
        let text = "Intro. U.S. lawmakers offered aid. Then more.";
        let article = Article {
            id: "a".into(),
            text: text.into(),
            ..Article::default()
        };
        let mut e = event();
        e.sentence_text = "U.S. lawmakers offered aid.".into();
        e.predicate = TextSpan {
            text: "offered".into(),
            span: Span::new(22, 29),
        };
        assert!(plover(&article, &e).is_none(), "no PLOVER type, no record");
        e.plover = Some(crate::event::Plover {
            event_type: "AGREE".into(),
            mode: None,
            context: Some("intelligence".into()),
        });
        let r = plover(&article, &e).expect("a record");
        assert_eq!(r["event"], json!(["AGREE"]));
        assert_eq!(r["context"], json!(["intelligence"]));
        assert_eq!(r["source"][0]["code"], "USA");
        assert_eq!(r["source"][0]["sector"], "GOV");
        assert_eq!(r["source"][0]["cameo_code"], "USAGOVLEG");
        assert_eq!(r["recipient"], json!([]));
        assert_eq!(r["date"], "2024-05-14");
        let (start, end) = (
            r["text_info"]["start"].as_u64(),
            r["text_info"]["end"].as_u64(),
        );
        let (start, end) = (start.unwrap() as usize, end.unwrap() as usize);
        assert_eq!(&text[start..end], e.sentence_text);
        assert_eq!(r["event_span"], json!([22, 29]));
        assert_eq!(&text[22..29], "offered");
    }
}
