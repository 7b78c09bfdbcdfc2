//! `dyad code` end to end: raw text through the bundled parser to JSONL
//! events, bad records, and the same output whatever the thread count.

use std::path::{Path, PathBuf};
use std::process::Output;

mod common;
use common::dyad;

/// A dictionary of a few event entries beside dyad's own actors, so that
/// these tests do not move with dyad's own event dictionaries.
fn event_dict(name: &str) -> PathBuf {
    let path =
        std::env::temp_dir().join(format!("dyad-code-test-{name}-{}.dyad", std::process::id()));
    std::fs::write(
        &path,
        "event ATTACK\n    verb attack | strike\n    noun attack\n    code 190\n\
         event OFFER\n    verb offer\n    code 030\n    pattern offer obj=intelligence => 0314\n\
         event HALT\n    verb halt\n    code ---\n    pattern * obj=shipment => 1622\n",
    )
    .unwrap();
    path
}

/// dyad's own actors (its event entries are left out: the tests use their own).
fn dict_root() -> &'static str {
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../dict/actors")
}

/// Runs `dyad code` with dyad's own actors and the test's event entries.
fn code_with(dict: &Path, args: &[&str], stdin: &[u8]) -> Output {
    let mut all = vec![
        "code",
        "--dict",
        dict_root(),
        "--dict",
        dict.to_str().unwrap(),
    ];
    all.extend_from_slice(args);
    dyad(&all, stdin)
}

fn events(o: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(o.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

#[test]
fn raw_text_to_jsonl_events() {
    let dict = event_dict("raw");
    let o = code_with(
        &dict,
        &["--date", "2024-01-01", "-"],
        b"Russia attacked Ukraine on Monday.\n",
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let e = events(&o);
    assert_eq!(e.len(), 1, "{e:#?}");
    let e = &e[0];
    assert_eq!(e["source"]["code"], "RUS");
    assert_eq!(e["target"]["code"], "UKR");
    assert_eq!(e["source"]["span"], serde_json::json!([0, 6]));
    assert_eq!(e["cameo"]["code"], "190");
    assert_eq!(e["date"], "2024-01-01");
    assert_eq!(e["predicate"]["text"], "attacked");
    assert_eq!(e["sentence_text"], "Russia attacked Ukraine on Monday.");
    for key in [
        "negated",
        "mood",
        "attributed_to",
        "condition",
        "quantities",
        "rule",
        "plover",
    ] {
        assert!(e.get(key).is_some(), "{key} missing");
    }
    std::fs::remove_file(dict).ok();
}

#[test]
fn bad_records_are_skipped_and_the_rest_coded() {
    let dict = event_dict("bad");
    let input = b"{not json\n{\"id\": \"a\", \"date\": \"2024-01-01\", \"text\": \"Russia attacked Ukraine.\"}\n";
    let o = code_with(&dict, &["--input-format", "jsonl", "-"], input);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("<stdin>:1"));
    let e = events(&o);
    assert_eq!(e.len(), 1);
    assert_eq!(e[0]["article_id"], "a");
    std::fs::remove_file(dict).ok();
}

#[test]
fn threads_keep_the_input_order() {
    let dict = event_dict("threads");
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/articles.jsonl");
    let run = |threads: &str| {
        let o = code_with(&dict, &["--threads", threads, examples], b"");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        o.stdout
    };
    let one = run("1");
    assert!(!one.is_empty(), "the examples code some events");
    assert_eq!(one, run("2"));
    std::fs::remove_file(dict).ok();
}

#[test]
fn tab_separated_formats() {
    let dict = event_dict("formats");
    let run = |format: &str| {
        let o = code_with(
            &dict,
            &["--date", "2024-01-01", "--format", format, "-"],
            b"Russia attacked Ukraine on Monday.\n",
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    assert_eq!(
        run("petrarch"),
        "20240101\tRUS\tUKR\t190\t\t<stdin>-0\tNULL\n"
    );
    let phoenix = run("phoenix");
    assert_eq!(phoenix.trim_end_matches('\n').split('\t').count(), 26);
    let gdelt = run("gdelt");
    let columns: Vec<&str> = gdelt.trim_end_matches('\n').split('\t').collect();
    assert_eq!(columns.len(), 61);
    assert_eq!(
        (columns[5], columns[6], columns[15]),
        ("RUS", "RUSSIA", "UKR")
    );
    std::fs::remove_file(dict).ok();
}

#[test]
fn plover_records() {
    let dict = event_dict("plover");
    let text = b"Russia attacked Ukraine on Monday.\n";
    let o = code_with(
        &dict,
        &["--date", "2024-01-01", "--format", "plover", "-"],
        text,
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let e = events(&o);
    assert_eq!(e.len(), 1, "{e:#?}");
    let e = &e[0];
    assert_eq!(e["event"], serde_json::json!(["ASSAULT"]));
    assert_eq!(e["cameo"], "190");
    assert_eq!(e["date"], "2024-01-01");
    assert_eq!(e["source"][0]["code"], "RUS");
    assert_eq!(e["recipient"][0]["code"], "UKR");
    assert_eq!(e["recipient"][0]["actor_text"], "Ukraine");
    assert_eq!(e["event_text"], serde_json::json!(["attacked"]));
    assert_eq!(e["text_info"]["start"], 0);
    assert_eq!(e["text_info"]["end"], 34);
    std::fs::remove_file(dict).ok();
}

#[test]
fn explain_shows_the_parse_patterns_and_events() {
    let dict = event_dict("explain");
    let o = dyad(
        &[
            "explain",
            "Russia attacked Ukraine.",
            "--date",
            "2024-01-01",
            "--dict",
            dict_root(),
            "--dict",
            dict.to_str().unwrap(),
        ],
        b"",
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    for part in [
        "parse:",
        "\"Russia\" RUS (named)",
        "attacked (word 2): ATTACK",
        "code from: ATTACK code 190",
        "RUS \"Russia\" -> UKR \"Ukraine\": 190",
    ] {
        assert!(out.contains(part), "{part:?} not in\n{out}");
    }
    std::fs::remove_file(dict).ok();
}
