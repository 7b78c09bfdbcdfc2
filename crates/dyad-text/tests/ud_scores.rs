//! Token and sentence F1 on the UD English test sets, by the CoNLL 2018
//! method, held to the targets of the foundation issue. Skips when
//! ../shared is not beside the checkout.

use dyad_core::conllu;
use std::path::PathBuf;

fn shared(name: &str) -> Option<PathBuf> {
    let path = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/ud")).join(name);
    if path.exists() {
        Some(path)
    } else {
        eprintln!("skipped: {} is absent", path.display());
        None
    }
}

/// Splits the raw text of a gold treebank and scores the result.
fn score(name: &str) -> Option<dyad_eval::Report> {
    let gold = conllu::read(&std::fs::read_to_string(shared(name)?).unwrap()).unwrap();
    let raw = gold.raw_text();
    let mut system = String::new();
    for s in dyad_text::split(&raw) {
        conllu::write_sentence(&mut system, &raw, &s, &[]);
    }
    let system = conllu::read(&system).expect("dyad writes valid CoNLL-U");
    Some(dyad_eval::evaluate(&gold, &system).expect("the texts agree"))
}

/// Holds the token and sentence F1 of one test set to their floors.
fn holds(name: &str, min_tokens: f64, min_sentences: f64) {
    let Some(r) = score(name) else { return };
    let (tokens, sentences) = (r.tokens.f1(), r.sentences.f1());
    eprintln!(
        "{name}: tokens {tokens:.2}, sentences {sentences:.2}, words {:.2}",
        r.words.f1()
    );
    assert!(tokens >= min_tokens, "{name}: token F1 {tokens:.2}");
    assert!(
        sentences >= min_sentences,
        "{name}: sentence F1 {sentences:.2}"
    );
}

/// The targets of the foundation issue.
#[test]
fn ewt_test_meets_the_targets() {
    holds("en_ewt-ud-test.conllu", 99.0, 85.0);
}

/// GUM has no target; its floors keep today's level from slipping.
#[test]
fn gum_test_scores() {
    holds("en_gum-ccby-ud-test.conllu", 99.0, 90.0);
}
