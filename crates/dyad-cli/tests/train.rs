//! `dyad train --parser neural`, end to end on a tiny treebank: jackknifed
//! tags, the chosen input features, a model that `dyad parse --model` reads.

mod common;
use common::dyad;

const SENTENCES: [&str; 2] = [
    "1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tarmy\tarmy\tNOUN\tNN\t_\t3\tnsubj\t_\t_
3\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\t_
4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_
5\ttown\ttown\tNOUN\tNN\t_\t3\tobj\t_\t_
6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_
",
    "1\tPolice\tpolice\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
2\tarrested\tarrest\tVERB\tVBD\t_\t0\troot\t_\t_
3\tprotesters\tprotester\tNOUN\tNNS\t_\t2\tobj\t_\t_
4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_
",
];

#[test]
fn a_neural_parser_trains_and_parses() {
    let dir = std::env::temp_dir().join(format!("dyad-train-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // Eight copies, so that the words are not rare.
    let bank: String = (0..8)
        .flat_map(|_| SENTENCES.map(|s| format!("{s}\n")))
        .collect();
    let treebank = dir.join("tiny.conllu");
    std::fs::write(&treebank, &bank).unwrap();
    let model = dir.join("tiny.dyadsyn");
    let (treebank, model) = (treebank.to_str().unwrap(), model.to_str().unwrap());
    let sizes = [
        "--neural-hidden",
        "16",
        "--neural-arc",
        "16",
        "--neural-label",
        "8",
        "--neural-epochs",
        "150",
        "--tagger-epochs",
        "2",
        "--jackknife",
        "2",
    ];
    let mut args = vec!["train", "--parser", "neural", "--train", treebank];
    args.extend(sizes);
    args.extend([
        "--neural-features",
        "lower:32,tag:16,prefix2:8,suffix3:8,shape:4",
    ]);
    args.extend(["--out", model]);
    let o = dyad(&args, b"");
    let log = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{log}");
    assert!(log.contains("neural parser epoch 150"), "{log}");

    let o = dyad(
        &[
            "parse",
            "--model",
            model,
            "--input-format",
            "conllu",
            treebank,
        ],
        b"",
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    // Every word has a head and a relation from the training set.
    let words: Vec<Vec<&str>> = out
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| l.split('\t').collect())
        .collect();
    assert_eq!(words.len(), 8 * 10);
    let relations = ["det", "nsubj", "root", "obj", "punct"];
    assert!(words.iter().all(|w| relations.contains(&w[7])), "{out}");
    // It learnt the heads: the tiny treebank's words attach as they should.
    let gold: Vec<&str> = bank
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| l.split('\t').nth(6).unwrap())
        .collect();
    let right = words.iter().zip(&gold).filter(|(w, g)| w[6] == **g).count();
    assert!(right >= 8 * 8, "{right} of 80 heads right:\n{out}");

    let mut args = vec!["train", "--parser", "neural", "--train", treebank];
    args.extend(["--neural-features", "lower:8,suffix9:4", "--out", model]);
    let o = dyad(&args, b"");
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("unknown feature `suffix9`"));
    std::fs::remove_dir_all(&dir).unwrap();
}
