//! Reading every input format, and every kind of bad input, from files
//! written into a temporary directory.

use dyad_core::Article;
use dyad_ingest::{read, read_from, InputFormat, Options, Problem, Summary};
use jiff::civil::date;
use std::io::Write;
use std::path::{Path, PathBuf};

fn write(dir: &Path, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, contents).unwrap();
    path
}

/// Articles and problems of `inputs`, in order, with default options.
fn read_all(inputs: &[PathBuf]) -> (Vec<Article>, Vec<Problem>) {
    split(read(inputs, &Options::default()))
}

fn split(items: impl Iterator<Item = Result<Article, Problem>>) -> (Vec<Article>, Vec<Problem>) {
    let (mut articles, mut problems) = (Vec::new(), Vec::new());
    for item in items {
        match item {
            Ok(article) => articles.push(article),
            Err(problem) => problems.push(problem),
        }
    }
    (articles, problems)
}

fn ids(articles: &[Article]) -> Vec<&str> {
    articles.iter().map(|a| a.id.as_str()).collect()
}

fn messages(problems: &[Problem]) -> Vec<String> {
    problems.iter().map(Problem::to_string).collect()
}

const JSONL: &str = concat!(
    r#"{"id": "a1", "date": "26-FEB-1987 15:01:01.79", "title": "Cocoa", "text": "Showers continued.\n  In Bahia.", "source": "Reuters", "url": "http://x/1", "places": ["brazil"], "topics": 3}"#,
    "\n",
    r#"{"id": 2, "date": "1987-02-27", "text": "Second story."}"#,
    "\n",
);

#[test]
fn text_file_is_one_article_kept_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Israel and Hamas\r\n  agreed  to a truce.\n\n\u{00e9}t\u{00e9}\n";
    let path = write(dir.path(), "story.txt", text);
    let options = Options {
        date: Some(date(2024, 5, 8)),
        ..Options::default()
    };
    let (articles, problems) = split(read(std::slice::from_ref(&path), &options));
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(articles.len(), 1);
    let article = &articles[0];
    assert_eq!(article.text, text);
    assert_eq!(article.id, path.display().to_string());
    assert_eq!(article.date, Some(date(2024, 5, 8)));
    assert_eq!(article.title, None);

    let (articles, _) = read_all(&[path]);
    assert_eq!(articles[0].date, None, "no --date: the date is unknown");
}

#[test]
fn byte_order_mark_is_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "bom.txt", "\u{feff}Text after a BOM.");
    let (articles, _) = read_all(&[path]);
    assert_eq!(articles[0].text, "Text after a BOM.");
}

#[test]
fn jsonl_fields_and_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "news.jsonl", JSONL);
    let (articles, problems) = read_all(&[path]);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(ids(&articles), ["a1", "2"]);
    let first = &articles[0];
    assert_eq!(first.date, Some(date(1987, 2, 26)));
    assert_eq!(first.title.as_deref(), Some("Cocoa"));
    assert_eq!(first.text, "Showers continued.\n  In Bahia.");
    assert_eq!(first.source.as_deref(), Some("Reuters"));
    assert_eq!(first.url.as_deref(), Some("http://x/1"));
    let keys: Vec<&str> = first.metadata.keys().map(String::as_str).collect();
    assert_eq!(keys, ["places", "topics"]);
    assert_eq!(first.metadata["places"], serde_json::json!(["brazil"]));
    assert_eq!(articles[1].date, Some(date(1987, 2, 27)));
    assert_eq!(articles[1].title, None);
    assert!(articles[1].metadata.is_empty());
}

#[test]
fn jsonl_without_id_or_with_unreadable_date() {
    let dir = tempfile::tempdir().unwrap();
    let lines = concat!(
        r#"{"text": "No id, no date."}"#,
        "\r\n\n   \n",
        r#"{"id": "b", "date": "the day after", "text": "Odd date."}"#,
        "\n",
        r#"{"id": "c", "date": null, "title": null, "text": "Null date.", "title2": 1}"#,
    );
    let path = write(dir.path(), "n.ndjson", lines);
    let options = Options {
        date: Some(date(2000, 1, 1)),
        ..Options::default()
    };
    let (articles, problems) = split(read(std::slice::from_ref(&path), &options));
    assert!(problems.is_empty(), "{problems:?}");
    let name = path.display().to_string();
    assert_eq!(articles[0].id, format!("{name}:1"), "no id: file and line");
    assert_eq!(articles[0].date, Some(date(2000, 1, 1)), "no date: --date");
    assert_eq!(articles[1].id, "b");
    assert_eq!(articles[1].date, None);
    assert_eq!(
        articles[1].metadata["date"], "the day after",
        "an unreadable date is kept"
    );
    assert_eq!(articles[2].date, Some(date(2000, 1, 1)));
    assert_eq!(articles[2].title, None);
    assert_eq!(articles[2].metadata.keys().collect::<Vec<_>>(), ["title2"]);
}

#[test]
fn directory_walked_in_order_without_hidden_entries() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "b.txt", "Story b.");
    write(dir.path(), "a/z.txt", "Story a/z.");
    write(
        dir.path(),
        "a/deeper/y.jsonl",
        r#"{"id": "y1", "text": "From JSONL."}"#,
    );
    write(dir.path(), ".hidden.txt", "Not read.");
    write(dir.path(), ".git/config", "Not read.");
    write(dir.path(), "c.txt.gz", gzip(b"Story c."));
    let (articles, problems) = read_all(&[dir.path().to_path_buf()]);
    assert!(problems.is_empty(), "{problems:?}");
    let root = dir.path().display().to_string();
    let expected = [
        "y1".to_owned(),
        format!("{root}/a/z.txt"),
        format!("{root}/b.txt"),
        format!("{root}/c.txt.gz"),
    ];
    assert_eq!(ids(&articles), expected);
    assert_eq!(articles[3].text, "Story c.");
}

#[test]
fn hidden_file_given_by_name_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), ".notes", "Read when asked for.");
    assert_eq!(read_all(&[path]).0.len(), 1);
}

#[test]
fn standard_input_through_a_reader() {
    let text = "One story from a pipe.";
    let (articles, problems) = split(read_from(
        text.as_bytes(),
        "<stdin>",
        InputFormat::Text,
        &Options::default(),
    ));
    assert!(problems.is_empty());
    assert_eq!(articles[0].id, "<stdin>");
    assert_eq!(articles[0].text, text);

    let (articles, _) = split(read_from(
        JSONL.as_bytes(),
        "<stdin>",
        InputFormat::Jsonl,
        &Options::default(),
    ));
    assert_eq!(ids(&articles), ["a1", "2"]);

    let (articles, _) = split(read_from(
        std::io::Cursor::new(zstd(JSONL.as_bytes())),
        "<stdin>",
        InputFormat::Jsonl,
        &Options::default(),
    ));
    assert_eq!(ids(&articles), ["a1", "2"], "compressed standard input");
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(data).unwrap();
    encoder.finish().unwrap()
}

fn zstd(data: &[u8]) -> Vec<u8> {
    zstd::encode_all(data, 3).unwrap()
}

#[test]
fn gzip_and_zstd_by_content_not_name() {
    let dir = tempfile::tempdir().unwrap();
    let gz = write(dir.path(), "news.jsonl.gz", gzip(JSONL.as_bytes()));
    let zst = write(dir.path(), "news.jsonl.zst", zstd(JSONL.as_bytes()));
    // Misnamed: compressed, but called plain JSONL.
    let hidden_gz = write(dir.path(), "plain.jsonl", gzip(JSONL.as_bytes()));
    // Two gzip members one after the other, as `cat a.gz b.gz` makes.
    let mut two = gzip(b"First half, ");
    two.extend(gzip(b"second half."));
    let members = write(dir.path(), "two.txt.gz", two);
    let (articles, problems) = read_all(&[gz, zst, hidden_gz, members]);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(ids(&articles)[..6], ["a1", "2", "a1", "2", "a1", "2"]);
    assert_eq!(articles[0].text, "Showers continued.\n  In Bahia.");
    assert_eq!(articles[6].text, "First half, second half.");
}

#[test]
fn summary_counts_articles_and_skips() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.txt", "Fine.");
    let missing = dir.path().join("missing.txt");
    let mut summary = Summary::default();
    read(&[good, missing], &Options::default()).for_each(|item| summary.count(&item));
    assert_eq!(
        summary,
        Summary {
            articles: 1,
            skipped: 1
        }
    );
}

// Bad input: each gives one problem naming the file (and line), and the
// rest is still read.

#[test]
fn missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.txt");
    let good = write(dir.path(), "good.txt", "Fine.");
    let (articles, problems) = read_all(&[missing.clone(), good]);
    assert_eq!(articles.len(), 1);
    let message = problems[0].to_string();
    assert!(
        message.starts_with(&format!("{}: cannot open: ", missing.display())),
        "{message}"
    );
}

#[test]
fn invalid_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let text = write(dir.path(), "latin1.txt", b"First line\nCaf\xe9 au lait\n");
    let lines = [
        br#"{"id": "1", "text": "ok"}"#.as_slice(),
        b"{\"id\": \"2\", \"text\": \"Caf\xe9\"}",
        br#"{"id": "3", "text": "ok"}"#,
    ]
    .join(&b'\n');
    let jsonl = write(dir.path(), "latin1.jsonl", lines);
    let (articles, problems) = read_all(&[text.clone(), jsonl.clone()]);
    assert_eq!(ids(&articles), ["1", "3"]);
    assert_eq!(
        messages(&problems),
        [
            format!(
                "{}:2: invalid UTF-8 at byte 14 (column 4); skipped",
                text.display()
            ),
            format!(
                "{}:2: invalid UTF-8 at byte 24 (column 25); skipped",
                jsonl.display()
            ),
        ]
    );
}

#[test]
fn empty_text() {
    let dir = tempfile::tempdir().unwrap();
    let text = write(dir.path(), "empty.txt", " \n\t\n");
    let zero = write(dir.path(), "zero.txt", "");
    let jsonl = write(
        dir.path(),
        "e.jsonl",
        "{\"id\": \"x\", \"text\": \"  \\n \"}\n{\"id\": \"y\", \"text\": \"ok\"}\n",
    );
    let (articles, problems) = read_all(&[text.clone(), zero.clone(), jsonl.clone()]);
    assert_eq!(ids(&articles), ["y"]);
    assert_eq!(
        messages(&problems),
        [
            format!("{}: empty text; skipped", text.display()),
            format!("{}: empty text; skipped", zero.display()),
            format!("{}:1: empty text (id \"x\"); skipped", jsonl.display()),
        ]
    );
}

#[test]
fn unparseable_json_between_good_lines() {
    let dir = tempfile::tempdir().unwrap();
    let lines = concat!(
        r#"{"id": "1", "text": "before"}"#,
        "\n",
        r#"{"id": "2", "text": "cut off"#,
        "\n",
        r#"["an", "array"]"#,
        "\n",
        r#"{"id": "3", "text": "after"}"#,
        "\n",
    );
    let path = write(dir.path(), "broken.jsonl", lines);
    let (articles, problems) = read_all(std::slice::from_ref(&path));
    assert_eq!(ids(&articles), ["1", "3"]);
    let name = path.display();
    assert_eq!(
        messages(&problems),
        [
            format!("{name}:2: not valid JSON: EOF while parsing a string at column 28; skipped"),
            format!("{name}:3: a JSON array where an article object was expected; skipped"),
        ]
    );
}

#[test]
fn pretty_printed_json_is_one_problem() {
    let dir = tempfile::tempdir().unwrap();
    let document = "\n[\n  {\n    \"id\": \"1\",\n    \"text\": \"Indented.\"\n  }\n]\n";
    let path = write(dir.path(), "export.json", document);
    let good = write(dir.path(), "good.jsonl", r#"{"id": "g", "text": "Fine."}"#);
    let (articles, problems) = read_all(&[path.clone(), good]);
    assert_eq!(ids(&articles), ["g"]);
    assert_eq!(
        messages(&problems),
        [format!(
            "{}:2: a JSON document over several lines, not JSON Lines (one article object per line); file skipped",
            path.display()
        )]
    );
}

#[test]
fn missing_or_wrong_text_field() {
    let dir = tempfile::tempdir().unwrap();
    let lines = concat!(
        r#"{"id": "1", "body": "not text"}"#,
        "\n",
        r#"{"title": "no id either"}"#,
        "\n",
        r#"{"id": "3", "text": 42}"#,
        "\n",
        r#"{"id": "4", "text": "fine"}"#,
    );
    let path = write(dir.path(), "t.jsonl", lines);
    let (articles, problems) = read_all(std::slice::from_ref(&path));
    assert_eq!(ids(&articles), ["4"]);
    let name = path.display();
    assert_eq!(
        messages(&problems),
        [
            format!("{name}:1: no \"text\" field (id \"1\"); skipped"),
            format!("{name}:2: no \"text\" field; skipped"),
            format!("{name}:3: \"text\" is number, not a string (id \"3\"); skipped"),
        ]
    );
}

#[test]
fn oversized_articles_with_a_small_limit() {
    let dir = tempfile::tempdir().unwrap();
    let options = Options {
        max_article_bytes: 100,
        ..Options::default()
    };
    let long = "x".repeat(150);
    let text = write(dir.path(), "long.txt", &long);
    let lines = format!(
        "{{\"id\": \"long\", \"text\": \"{long}\"}}\n{{\"id\": \"huge\", \"text\": \"{}\"}}\n{{\"id\": \"ok\", \"text\": \"short\"}}\n",
        "y".repeat(300)
    );
    let jsonl = write(dir.path(), "long.jsonl", lines);
    let (articles, problems) = split(read(&[text.clone(), jsonl.clone()], &options));
    assert_eq!(ids(&articles), ["ok"]);
    assert_eq!(
        messages(&problems),
        [
            format!("{}: article of 150 bytes is over the limit of 100 bytes; skipped", text.display()),
            format!(
                "{}:1: article of 150 bytes is over the limit of 100 bytes (id \"long\"); skipped",
                jsonl.display()
            ),
            format!(
                "{}:2: line of 326 bytes is over the limit of 200 bytes (twice the article limit); skipped",
                jsonl.display()
            ),
        ]
    );
}

#[test]
fn hundred_megabyte_articles_are_refused() {
    const SIZE: usize = 100 << 20;
    let dir = tempfile::tempdir().unwrap();
    let body = "All work and no play. ".repeat(SIZE / 22 + 1);
    let text = write(dir.path(), "huge.txt", &body[..SIZE]);
    let mut jsonl = std::fs::File::create(dir.path().join("huge.jsonl")).unwrap();
    writeln!(jsonl, r#"{{"id": "huge", "text": "{}"}}"#, &body[..SIZE]).unwrap();
    writeln!(jsonl, r#"{{"id": "next", "text": "Still read."}}"#).unwrap();
    drop(jsonl);
    let jsonl = dir.path().join("huge.jsonl");
    let (articles, problems) = read_all(&[text.clone(), jsonl.clone()]);
    assert_eq!(ids(&articles), ["next"]);
    assert_eq!(
        messages(&problems),
        [
            format!("{}: article of 104857600 bytes is over the limit of 16777216 bytes; skipped", text.display()),
            format!(
                "{}:1: line of 104857626 bytes is over the limit of 33554432 bytes (twice the article limit); skipped",
                jsonl.display()
            ),
        ]
    );
}

#[test]
fn binary_files() {
    let dir = tempfile::tempdir().unwrap();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend([0u8; 64]);
    let image = write(dir.path(), "photo.png", &png);
    let as_jsonl = write(dir.path(), "data.jsonl", &png);
    let compressed = write(dir.path(), "blob.gz", gzip(&png));
    let good = write(dir.path(), "good.txt", "Fine.");
    let (articles, problems) =
        read_all(&[image.clone(), as_jsonl.clone(), compressed.clone(), good]);
    assert_eq!(articles.len(), 1);
    let expected: Vec<String> = [image, as_jsonl, compressed]
        .iter()
        .map(|p| {
            format!(
                "{}: binary file (NUL bytes in its first 8 KiB); skipped",
                p.display()
            )
        })
        .collect();
    assert_eq!(messages(&problems), expected);
}

#[test]
fn corrupt_compressed_data() {
    let dir = tempfile::tempdir().unwrap();
    let lines: String = (0..2000)
        .map(|i| {
            format!(
                "{{\"id\": \"{i}\", \"text\": \"Story {}.\"}}\n",
                i * 7919 % 10007
            )
        })
        .collect();
    let mut data = gzip(lines.as_bytes());
    let middle = data.len() / 2;
    data.truncate(middle);
    let path = write(dir.path(), "cut.jsonl.gz", data);
    let good = write(dir.path(), "good.txt", "Fine.");
    let (articles, problems) = read_all(&[path.clone(), good.clone()]);
    assert!(articles.len() > 100, "the lines before the damage are read");
    assert!(articles.len() < 2000);
    assert_eq!(articles.last().unwrap().id, good.display().to_string());
    assert_eq!(problems.len(), 1, "{problems:?}");
    let message = problems[0].to_string();
    assert!(
        message.starts_with(&format!("{}:", path.display())),
        "{message}"
    );
    assert!(message.ends_with("rest of the file skipped"), "{message}");
}

const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Biden offers Israel intelligence | The Daily Example</title>
<meta property="og:title" content="Biden offers Israel intelligence">
<meta property="og:site_name" content="The Daily Example">
<meta property="article:published_time" content="2024-05-11T08:30:00-04:00">
<link rel="canonical" href="https://example.com/news/biden-israel">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="ad-banner">Subscribe now for only $1 a week!</div>
<article>
<h1>Biden offers Israel intelligence</h1>
<p>President Joe Biden has offered Israel intelligence on the whereabouts of Hamas leaders in return for a cease-fire, according to officials familiar with the talks, who spoke on condition of anonymity.</p>
<p>The United States halted a shipment of weapons to Israel last week, the first time the administration has used its military aid as leverage over the conduct of the war, and officials said further deliveries were under review.</p>
<p>Israeli officials did not respond to requests for comment. Negotiators from Egypt and Qatar were expected to meet again in Cairo on Sunday, diplomats said, as pressure grew on both sides to agree to a pause in the fighting.</p>
</article>
<footer><p>Copyright 2024 The Daily Example. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>"#;

#[test]
fn html_main_text_title_and_date() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "biden.html", PAGE);
    let (articles, problems) = read_all(std::slice::from_ref(&path));
    assert!(problems.is_empty(), "{problems:?}");
    let article = &articles[0];
    assert_eq!(article.id, path.display().to_string());
    assert_eq!(
        article.title.as_deref(),
        Some("Biden offers Israel intelligence")
    );
    assert_eq!(article.date, Some(date(2024, 5, 11)));
    assert_eq!(article.source.as_deref(), Some("The Daily Example"));
    assert_eq!(
        article.url.as_deref(),
        Some("https://example.com/news/biden-israel")
    );
    let text = &article.text;
    assert!(
        text.contains("President Joe Biden has offered Israel intelligence"),
        "{text}"
    );
    assert!(text.contains("meet again in Cairo on Sunday"), "{text}");
    for boilerplate in ["Home", "Subscribe", "Copyright", "Privacy"] {
        assert!(
            !text.contains(boilerplate),
            "{boilerplate:?} left in {text:?}"
        );
    }
    // Paragraphs stay apart, so that sentences do not run together.
    assert!(text.contains("anonymity.\n"), "{text:?}");
}

#[test]
fn html_compressed_and_from_a_reader() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "page.htm.zst", zstd(PAGE.as_bytes()));
    let (articles, problems) = read_all(&[path]);
    assert!(problems.is_empty(), "{problems:?}");
    assert!(articles[0].text.contains("Hamas leaders"));
    let (articles, _) = split(read_from(
        PAGE.as_bytes(),
        "<stdin>",
        InputFormat::Html,
        &Options::default(),
    ));
    assert_eq!(articles[0].date, Some(date(2024, 5, 11)));
}

#[test]
fn html_without_a_date_takes_the_given_one() {
    let dir = tempfile::tempdir().unwrap();
    let page = PAGE.replace("article:published_time", "article:section");
    let path = write(dir.path(), "undated.html", page);
    let options = Options {
        date: Some(date(2024, 5, 12)),
        ..Options::default()
    };
    let (articles, _) = split(read(&[path], &options));
    assert_eq!(articles[0].date, Some(date(2024, 5, 12)));
}

#[test]
fn short_html_brief() {
    let page = "<html><body><p>Protesters gathered outside parliament in Tbilisi on Sunday.</p></body></html>";
    let (articles, problems) = split(read_from(
        page.as_bytes(),
        "<stdin>",
        InputFormat::Html,
        &Options::default(),
    ));
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        articles[0].text,
        "Protesters gathered outside parliament in Tbilisi on Sunday."
    );
}

#[test]
fn html_without_text() {
    let dir = tempfile::tempdir().unwrap();
    let empty = write(dir.path(), "empty.html", "<html><head><title>Nothing</title></head><body><nav><a href='/'>Home</a></nav></body></html>");
    let good = write(dir.path(), "good.html", PAGE);
    let (articles, problems) = read_all(&[empty.clone(), good]);
    assert_eq!(articles.len(), 1, "{articles:?}");
    assert_eq!(problems.len(), 1);
    assert_eq!(
        messages(&problems),
        [format!(
            "{}: no article text found in the page; skipped",
            empty.display()
        )]
    );
}

#[test]
fn utf16_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let utf16: Vec<u8> = "\u{feff}Hello"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let path = write(dir.path(), "windows.txt", utf16);
    let (_, problems) = read_all(std::slice::from_ref(&path));
    assert_eq!(
        messages(&problems),
        [format!(
            "{}: UTF-16 text (it starts with a UTF-16 byte-order mark); only UTF-8 is read; skipped",
            path.display()
        )]
    );
}

#[test]
fn oversized_html_page_and_text() {
    let dir = tempfile::tempdir().unwrap();
    let page = PAGE.replace(
        "<article>",
        &format!("<article><p>{}</p>", "Long words here. ".repeat(40)),
    );
    let path = write(dir.path(), "long.html", &page);
    assert_eq!(page.len(), 2153);
    // The page fits in twice the article limit, its text does not fit in it.
    let text_limit = Options {
        max_article_bytes: 1100,
        ..Options::default()
    };
    let (articles, problems) = split(read(std::slice::from_ref(&path), &text_limit));
    assert!(articles.is_empty());
    let message = problems[0].to_string();
    assert!(
        message.starts_with(&format!("{}: article of ", path.display())),
        "{message}"
    );
    assert!(
        message.ends_with(" bytes is over the limit of 1100 bytes; skipped"),
        "{message}"
    );

    let page_limit = Options {
        max_article_bytes: 1000,
        ..Options::default()
    };
    let (_, problems) = split(read(std::slice::from_ref(&path), &page_limit));
    assert_eq!(
        messages(&problems),
        [format!(
            "{}: page of 2153 bytes is over the limit of 2000 bytes (twice the article limit); skipped",
            path.display()
        )]
    );
}

#[test]
fn malformed_html_never_panics() {
    let pages = [
        "<",
        "<html",
        "<p>unclosed <b>bold <i>italic</p></b>",
        "<table><tr><td><p>cell</table></td>",
        "<html><head><title></title><meta property=\"article:published_time\" content=\"never\"></head><body><p>A paragraph long enough to count as the text of an article.</p>",
        "<!DOCTYPE html><html><body><script>document.write('<p>')</script><p>Text after a script, long enough to be read as an article.</p></body></html>",
        "<svg><p>inside svg, long enough to be taken for the text of some article</p></svg>",
        "&amp;&lt;&#x110000;&#0;&#xD800;<p>entities, long enough to be taken for the text of an article</p>",
    ];
    for page in pages {
        let items: Vec<_> = read_from(
            page.as_bytes(),
            "<stdin>",
            InputFormat::Html,
            &Options::default(),
        )
        .collect();
        assert_eq!(items.len(), 1, "one outcome per page: {page}");
        match &items[0] {
            Ok(article) => assert!(!article.text.trim().is_empty(), "{page}"),
            Err(problem) => assert!(problem.message.ends_with("; skipped"), "{problem}"),
        }
    }
    let (articles, _) = split(read_from(
        pages[4].as_bytes(),
        "<stdin>",
        InputFormat::Html,
        &Options::default(),
    ));
    assert_eq!(articles[0].date, None);
    assert_eq!(
        articles[0].metadata["date"], "never",
        "an unreadable date is kept"
    );
}

#[test]
fn jsonl_unix_time_date() {
    let line = r#"{"id": "u", "date": 1715211000, "text": "Dated by a number."}"#;
    let (articles, _) = split(read_from(
        line.as_bytes(),
        "<stdin>",
        InputFormat::Jsonl,
        &Options::default(),
    ));
    assert_eq!(articles[0].date, Some(date(2024, 5, 8)));
    assert!(articles[0].metadata.is_empty());
}

#[test]
fn truncated_zstd() {
    let data = zstd(JSONL.as_bytes());
    let cut = &data[..data.len() - 6];
    let (articles, problems) = split(read_from(
        std::io::Cursor::new(cut.to_vec()),
        "cut.zst",
        InputFormat::Jsonl,
        &Options::default(),
    ));
    assert!(articles.len() <= 2);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].to_string().starts_with("cut.zst"),
        "{problems:?}"
    );
}

#[cfg(unix)]
#[test]
fn directory_loop_and_unreadable_directory() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a/story.txt", "Read once.");
    std::os::unix::fs::symlink(dir.path().join("a"), dir.path().join("a/loop")).unwrap();
    let (articles, problems) = read_all(&[dir.path().to_path_buf()]);
    assert_eq!(articles.len(), 1, "{articles:?}");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].message.contains("loop"), "{}", problems[0]);
    assert!(problems[0].source.ends_with("a/loop"), "{}", problems[0]);

    let locked = dir.path().join("locked");
    write(dir.path(), "locked/secret.txt", "Cannot be read.");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read_dir(&locked).is_ok() {
        eprintln!("skipped the unreadable-directory case: running as root");
    } else {
        let (articles, problems) = read_all(&[dir.path().to_path_buf()]);
        assert_eq!(articles.len(), 1);
        assert!(
            problems.iter().any(|p| p
                .to_string()
                .starts_with(&format!("{}: cannot read: ", locked.display()))),
            "{problems:?}"
        );
    }
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
}
