//! Training on a tiny treebank, saving and loading, and hostile input.

use dyad_core::conllu;
use dyad_core::Sentence;
use dyad_syntax::{evaluate, train, Model, TrainConfig};

/// A tiny treebank in the style of UD English.
const TINY: &str = "\
# text = The army attacked the town.
1\tThe\tthe\tDET\tDT\tDefinite=Def|PronType=Art\t2\tdet\t_\t_
2\tarmy\tarmy\tNOUN\tNN\tNumber=Sing\t3\tnsubj\t_\t_
3\tattacked\tattack\tVERB\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t0\troot\t_\t_
4\tthe\tthe\tDET\tDT\tDefinite=Def|PronType=Art\t5\tdet\t_\t_
5\ttown\ttown\tNOUN\tNN\tNumber=Sing\t3\tobj\t_\tSpaceAfter=No
6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

# text = Police arrested the protesters.
1\tPolice\tpolice\tNOUN\tNNS\tNumber=Plur\t2\tnsubj\t_\t_
2\tarrested\tarrest\tVERB\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t0\troot\t_\t_
3\tthe\tthe\tDET\tDT\tDefinite=Def|PronType=Art\t4\tdet\t_\t_
4\tprotesters\tprotester\tNOUN\tNNS\tNumber=Plur\t2\tobj\t_\tSpaceAfter=No
5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

# text = The minister visited Israel.
1\tThe\tthe\tDET\tDT\tDefinite=Def|PronType=Art\t2\tdet\t_\t_
2\tminister\tminister\tNOUN\tNN\tNumber=Sing\t3\tnsubj\t_\t_
3\tvisited\tvisit\tVERB\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t0\troot\t_\t_
4\tIsrael\tIsrael\tPROPN\tNNP\tNumber=Sing\t3\tobj\t_\tSpaceAfter=No
5\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

# text = Rebels were not attacked by the army.
1\tRebels\trebel\tNOUN\tNNS\tNumber=Plur\t4\tnsubj:pass\t_\t_
2\twere\tbe\tAUX\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t4\taux:pass\t_\t_
3\tnot\tnot\tPART\tRB\tPolarity=Neg\t4\tadvmod\t_\t_
4\tattacked\tattack\tVERB\tVBN\tTense=Past|VerbForm=Part|Voice=Pass\t0\troot\t_\t_
5\tby\tby\tADP\tIN\t_\t7\tcase\t_\t_
6\tthe\tthe\tDET\tDT\tDefinite=Def|PronType=Art\t7\tdet\t_\t_
7\tarmy\tarmy\tNOUN\tNN\tNumber=Sing\t4\tobl:agent\t_\tSpaceAfter=No
8\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_

# text = He said the talks failed.
1\tHe\the\tPRON\tPRP\tCase=Nom|Gender=Masc|Number=Sing|Person=3|PronType=Prs\t2\tnsubj\t_\t_
2\tsaid\tsay\tVERB\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t0\troot\t_\t_
3\tthe\tthe\tDET\tDT\tDefinite=Def|PronType=Art\t4\tdet\t_\t_
4\ttalks\ttalk\tNOUN\tNNS\tNumber=Plur\t5\tnsubj\t_\t_
5\tfailed\tfail\tVERB\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t2\tccomp\t_\tSpaceAfter=No
6\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

";

fn tiny_config() -> TrainConfig {
    TrainConfig {
        tagger_epochs: 5,
        parser_epochs: 10,
        jackknife: 0,
        ..TrainConfig::default()
    }
}

fn tiny_model() -> Model {
    let bank = conllu::read(TINY).unwrap();
    train(&[bank], &[], None, &tiny_config(), &mut |_| {}).unwrap()
}

#[test]
fn learns_a_tiny_treebank() {
    let bank = conllu::read(TINY).unwrap();
    let model = tiny_model();
    let acc = evaluate(&model, &bank);
    assert_eq!(acc.words, 30);
    assert!(acc.percent(acc.upos) >= 90.0, "{acc}");
    assert!(acc.percent(acc.lemma) >= 90.0, "{acc}");
    assert!(acc.percent(acc.uas) >= 80.0, "{acc}");
    assert!(acc.percent(acc.las) >= 70.0, "{acc}");
}

#[test]
fn learns_a_tiny_treebank_with_a_beam() {
    let bank = conllu::read(TINY).unwrap();
    let config = TrainConfig {
        beam: 4,
        ..tiny_config()
    };
    let model = train(std::slice::from_ref(&bank), &[], None, &config, &mut |_| {}).unwrap();
    let acc = evaluate(&model, &bank);
    assert!(acc.percent(acc.uas) >= 80.0, "{acc}");
    assert!(acc.percent(acc.las) >= 70.0, "{acc}");
    // The width is stored in the model, and differs from the greedy file.
    let loaded = Model::from_bytes(&model.to_bytes()).unwrap();
    assert_eq!(evaluate(&loaded, &bank), acc);
    assert_ne!(model.to_bytes(), tiny_model().to_bytes());
    let text = hostile_inputs().concat();
    annotate_all(&loaded, &text);
}

#[test]
fn training_is_deterministic() {
    assert_eq!(tiny_model().to_bytes(), tiny_model().to_bytes());
}

#[test]
fn saves_and_loads() {
    let model = tiny_model();
    let path = std::env::temp_dir().join(format!("dyad-syntax-test-{}.model", std::process::id()));
    model.save(&path).unwrap();
    let loaded = Model::load(&path).unwrap();
    std::fs::remove_file(&path).ok();
    assert_eq!(loaded.to_bytes(), model.to_bytes());
    let bank = conllu::read(TINY).unwrap();
    assert_eq!(evaluate(&loaded, &bank), evaluate(&model, &bank));
    // Compressed.
    let gz = path.with_extension("gz");
    model.save(&gz).unwrap();
    let loaded = Model::load(&gz).unwrap();
    std::fs::remove_file(&gz).ok();
    assert_eq!(loaded.to_bytes(), model.to_bytes());
    // Not a model: a clear error, no panic.
    assert!(Model::from_bytes(b"hello").is_err());
    let bytes = model.to_bytes();
    assert!(Model::from_bytes(&bytes[..bytes.len() / 2]).is_err());
}

/// Splits, annotates and checks that every word got a well-formed analysis.
fn annotate_all(model: &Model, text: &str) -> Vec<Sentence> {
    let mut sentences = dyad_text::split(text);
    for s in &mut sentences {
        model.annotate(text, s);
        let n = s.words.len() as u32;
        let roots = s.words.iter().filter(|w| w.head == Some(0)).count();
        assert!(n == 0 || roots == 1, "{roots} roots");
        for w in &s.words {
            assert!(w.head.is_some_and(|h| h <= n));
            assert!(
                w.upos.is_some() && w.xpos.is_some() && w.lemma.is_some() && w.deprel.is_some()
            );
        }
    }
    sentences
}

fn hostile_inputs() -> Vec<String> {
    let long = (0..2000)
        .map(|i| if i % 7 == 0 { "and" } else { "army" })
        .collect::<Vec<_>>()
        .join(" ");
    vec![
        String::new(),
        " \n\t ".into(),
        long,
        "Владимир Путин встретился с Си Цзиньпином в Пекине.".into(),
        "北京和东京今天举行了会谈。".into(),
        "!!! ... ??? --- ((( ))) ,,, ;;;".into(),
        "\u{200b}\u{feff}😀 🇺🇸".into(),
    ]
}

#[test]
fn hostile_input_does_not_panic() {
    let model = tiny_model();
    let longest = hostile_inputs()
        .iter()
        .flat_map(|text| annotate_all(&model, text))
        .map(|s| s.words.len())
        .max();
    assert_eq!(longest, Some(2000), "the long input stays one sentence");
    // A sentence with no words, and one whose spans point outside the text.
    let mut empty = Sentence::default();
    model.annotate("", &mut empty);
    let mut bad = dyad_text::split("The army attacked.");
    model.annotate("", &mut bad[0]);
}

#[test]
fn the_bundled_model_parses_english() {
    let model = Model::english_shared().expect("the bundled model loads");
    for text in hostile_inputs() {
        annotate_all(model, &text);
    }
    let text = "The army attacked the rebels in the north on Monday.";
    let s = &annotate_all(model, text)[0];
    let find = |form: &str| s.words.iter().position(|w| w.form(text) == form).unwrap();
    let (army, attacked, rebels) = (find("army"), find("attacked"), find("rebels"));
    assert_eq!(s.words[attacked].upos.as_deref(), Some("VERB"));
    assert_eq!(s.words[attacked].lemma.as_deref(), Some("attack"));
    assert_eq!(s.words[rebels].lemma.as_deref(), Some("rebel"));
    assert_eq!(s.words[attacked].head, Some(0));
    assert_eq!(s.words[army].head, Some(attacked as u32 + 1));
    assert_eq!(s.words[army].deprel.as_deref(), Some("nsubj"));
    assert_eq!(s.words[rebels].deprel.as_deref(), Some("obj"));
}
