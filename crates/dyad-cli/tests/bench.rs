//! `dyad bench`: each stage reports what it measured on the input it read.

mod common;
use common::dyad;

fn bench(stage: &str) -> String {
    let o = dyad(
        &["bench", "--stage", stage, "-"],
        b"Israel's army didn't stop. Talks resumed in Cairo on Monday.\n",
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn tag_and_parse_stages_count_the_same_words() {
    let tag = bench("tag");
    let parse = bench("parse");
    assert!(
        tag.contains("stage: tag (tag + lemmatize), 1 thread(s)"),
        "{tag}"
    );
    assert!(
        parse.contains("stage: parse (tag + lemmatize + parse), 1 thread(s)"),
        "{parse}"
    );
    // Israel 's army did n't stop . / Talks resumed in Cairo on Monday .
    for out in [&tag, &parse] {
        assert!(out.contains("split: "), "{out}");
        assert!(out.contains("(2 sentences, 14 words)"), "{out}");
    }
    assert!(
        tag.contains("tag + lemmatize: ") && !tag.contains("parse: "),
        "{tag}"
    );
}
