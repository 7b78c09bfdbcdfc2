//! Reading the shared corpora beside the project, when they are there.

use dyad_ingest::{read, Options};
use std::path::PathBuf;

fn corpus(name: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpora")
        .join(name);
    if path.exists() {
        Some(path)
    } else {
        eprintln!("skipped: {} is absent", path.display());
        None
    }
}

#[test]
fn reuters_21578_every_article_with_its_date() {
    let Some(path) = corpus("reuters21578.jsonl") else {
        return;
    };
    let mut articles = 0;
    let mut undated = Vec::new();
    for item in read(&[path], &Options::default()) {
        let article = item.unwrap_or_else(|problem| panic!("{problem}"));
        articles += 1;
        match article.date {
            Some(date) => assert_eq!(date.year(), 1987, "{}", article.id),
            None => undated.push(article.id),
        }
    }
    assert_eq!(articles, 19_043);
    assert!(undated.is_empty(), "no date read for {undated:?}");
}

#[test]
fn bbc_politics() {
    let Some(path) = corpus("bbc-politics.jsonl") else {
        return;
    };
    let items: Vec<_> = read(&[path], &Options::default()).collect();
    assert_eq!(items.len(), 417);
    for item in &items {
        let article = item.as_ref().unwrap_or_else(|problem| panic!("{problem}"));
        assert!(article.id.starts_with("politics/"), "{}", article.id);
        assert_eq!(article.metadata["category"], "politics");
    }
}
