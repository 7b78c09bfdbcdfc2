//! `dyad split` end to end: formats, standard input, exit statuses and
//! messages for bad input.

use std::process::Output;

mod common;
use common::dyad;

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn conllu_from_standard_input() {
    let o = dyad(
        &["split", "-"],
        b"Israel's army didn't stop. Talks resumed.\n",
    );
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(out.starts_with("# newdoc id = <stdin>\n# newpar\n# sent_id = <stdin>-1\n"));
    assert!(out.contains("# text = Israel's army didn't stop.\n"));
    assert!(out.contains("1-2\tIsrael's\t"));
    assert!(out.contains("4-5\tdidn't\t"));
    assert!(out.contains("7\t.\t_\t_\t_\t_\t_\t_\t_\t_\n"));
    assert!(out.contains("6\tstop\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n"));
    assert!(out.contains("# sent_id = <stdin>-2\n# text = Talks resumed.\n"));
}

#[test]
fn jsonl_output_has_spans_into_the_article() {
    let input =
        br#"{"id": "a1", "date": "2024-05-14", "text": "Hamas said no. Israel's army moved."}"#;
    let o = dyad(
        &["split", "--input-format", "jsonl", "--format", "jsonl", "-"],
        input,
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["article_id"], "a1");
    assert_eq!(lines[1]["index"], 1);
    assert_eq!(lines[1]["span"], serde_json::json!([15, 35]));
    assert_eq!(lines[1]["text"], "Israel's army moved.");
    assert_eq!(
        lines[1]["tokens"][0]["words"],
        serde_json::json!(["Israel", "'s"])
    );
    assert_eq!(lines[1]["tokens"][2]["space_after"], false);
}

#[test]
fn bad_records_are_skipped_with_a_message_and_status_1() {
    let input = b"{\"id\": \"good1\", \"text\": \"One.\"}\n{not json\n{\"id\": \"x\"}\n{\"id\": \"good2\", \"text\": \"Two.\"}\n";
    let o = dyad(&["split", "--input-format", "jsonl", "-"], input);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("<stdin>:2: not valid JSON"), "{err}");
    assert!(err.contains("<stdin>:3: no \"text\" field"), "{err}");
    let out = stdout(&o);
    assert!(out.contains("# newdoc id = good1") && out.contains("# newdoc id = good2"));
}

#[test]
fn files_directories_and_missing_files() {
    let dir = std::env::temp_dir().join(format!("dyad-split-test-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("a.txt"), "Text one.").unwrap();
    std::fs::write(
        dir.join("sub/b.jsonl"),
        "{\"id\": \"b\", \"text\": \"Text two.\"}\n",
    )
    .unwrap();
    std::fs::write(dir.join("sub/c.bin"), b"\x00\x01\x02binary").unwrap();
    let missing = dir.join("missing.txt");
    let o = dyad(
        &["split", dir.to_str().unwrap(), missing.to_str().unwrap()],
        b"",
    );
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("# text = Text one.") && out.contains("# newdoc id = b"));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("c.bin: binary file"), "{err}");
    assert!(err.contains("missing.txt: cannot open"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bundled_examples_split_cleanly() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");
    for file in ["articles.jsonl", "story.txt", "page.html"] {
        let o = dyad(&["split", "-q", &format!("{root}/{file}")], b"");
        assert!(
            o.status.success(),
            "{file}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(stdout(&o).contains("# text = "), "{file}");
    }
}

#[test]
fn usage_errors_exit_2() {
    let o = dyad(&["split", "--format", "nonsense"], b"");
    assert_eq!(o.status.code(), Some(2));
    let o = dyad(&["split", "--date", "yesterday-ish", "-"], b"x");
    assert_eq!(o.status.code(), Some(2));
}
