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
