//! Loads every dictionary of ../shared/petrarch (skipped when it is absent).

use dyad_dict::{Dictionaries, Severity};
use jiff::civil::date;
use std::path::PathBuf;

fn shared() -> Option<PathBuf> {
    let p = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/petrarch"
    ));
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("skipped: {} is absent", p.display());
        None
    }
}

const FILES: &[&str] = &[
    "CAMEO.2.0.txt",
    "CAMEO.verbpatterns.150430.txt",
    "PETR.Validate.verbs.txt",
    "PETR.Validate.actors.txt",
    "PETR.Validate.agents.txt",
    "PETR.Validate.discards.txt",
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
    "Phoenix.agents.txt",
    "Phoenix.discards.txt",
    "Phoenix.IssueCoding.txt",
];

#[test]
fn every_file_loads_without_error() {
    let Some(dir) = shared() else { return };
    for f in FILES {
        let path = dir.join(f);
        let (d, diags) = Dictionaries::load(&[path.to_string_lossy()]).unwrap();
        let errors: Vec<String> = diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| d.to_string())
            .collect();
        for w in diags
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .take(5)
        {
            eprintln!("{w}");
        }
        eprintln!(
            "{f}: {} actors, {} agents, {} event entries, {} sets, {} discards, {} issues, {} warnings",
            d.actors().entries().len(),
            d.agents().entries().len(),
            d.events().entries().len(),
            d.events().sets().len(),
            d.discards().entries().len(),
            d.issues().entries().len(),
            diags.len() - errors.len()
        );
        // The only lines skipped are these, which are malformed in the files
        // themselves (PETRARCH skips or mis-reads them too): patterns with two
        // `*`, none, or no code, and an agent without a code.
        let expected: &[u32] = match *f {
            "CAMEO.verbpatterns.150430.txt" => &[4387, 5860, 8056, 8733, 10843],
            "Phoenix.agents.txt" => &[1927],
            _ => &[],
        };
        let lines: Vec<u32> = diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| d.line)
            .collect();
        assert_eq!(lines, expected, "{f}: {errors:#?}");
        assert!(!d.is_empty(), "{f} gave nothing");
    }
}

#[test]
fn phoenix_set_through_the_config_file() {
    let Some(dir) = shared() else { return };
    let (d, _) = Dictionaries::load(&[dir.join("PETR_config.ini").to_string_lossy()]).unwrap();
    assert!(d.actors().entries().len() > 10_000);
    assert!(d.agents().entries().len() > 1_000);
    assert!(!d.events().entries().is_empty());
    assert!(!d.issues().entries().is_empty());
    assert!(!d.discards().entries().is_empty());
    let r = d
        .resolve(&["Israeli", "troops"], Some(date(2014, 5, 1)))
        .unwrap();
    assert_eq!(r.code.as_deref(), Some("ISRMIL"));
    let biden = |y| {
        d.resolve(&["Joe", "Biden"], Some(date(y, 6, 1)))
            .unwrap()
            .code
    };
    assert_eq!(biden(1995).as_deref(), Some("USAELI"));
    assert_eq!(biden(2012).as_deref(), Some("USAGOV"));
    let r = d.resolve(&["protesters"], None).unwrap();
    assert_eq!((r.code.as_deref(), r.actor.is_none()), (Some("OPP"), true));
}

#[test]
fn validation_dictionaries_code_by_date() {
    let Some(dir) = shared() else { return };
    let files: Vec<String> = ["PETR.Validate.actors.txt", "PETR.Validate.agents.txt"]
        .iter()
        .map(|f| dir.join(f).to_string_lossy().into_owned())
        .collect();
    let (d, _) = Dictionaries::load(&files).unwrap();
    let sam = |y, m, day| {
        d.resolve(&["Sam", "Gamgee"], Some(date(y, m, day)))
            .unwrap()
            .code
    };
    assert_eq!(sam(2008, 1, 19).as_deref(), Some("HOBCIV"));
    assert_eq!(sam(2010, 1, 10).as_deref(), Some("ORCHOB"));
    assert_eq!(sam(2010, 1, 13).as_deref(), Some("HOBMIL"));
    assert_eq!(sam(2012, 12, 31).as_deref(), Some("HOBGOV"));
    assert_eq!(sam(2014, 1, 1).as_deref(), Some("HOBELI"));
    let c = |t: &[&str]| d.resolve(t, None).unwrap().code;
    assert_eq!(c(&["Israeli", "troops"]).as_deref(), Some("ISRMIL"));
    assert_eq!(
        c(&["Egyptian", "foreign", "minister"]).as_deref(),
        Some("EGYGOVFRM")
    );
}

#[test]
fn cameo_2_patterns_select_codes() {
    use dyad_dict::{Argument, Rel};
    let Some(dir) = shared() else { return };
    let (d, _) = Dictionaries::load(&[dir.join("CAMEO.2.0.txt").to_string_lossy()]).unwrap();
    let ev = d.events();
    let (e, _) = ev
        .by_form("rushed")
        .next()
        .expect("RUSH is a verb of CAMEO.2.0");
    let arg = |rel, head, actor| Argument {
        rel,
        head,
        modifiers: vec![],
        actor,
    };
    // `- * (TO) [042:043]`: rushing to someone is a visit, hosted by them.
    let s = ev.select(
        e,
        "rush",
        &[arg(Rel::Obl("to".into()), "Cairo", true)],
        false,
    );
    assert_eq!(s.code.to_string(), "042:043");
    // `- * &FOOD [073]`
    let s = ev.select(e, "rush", &[arg(Rel::Object, "food", false)], false);
    assert_eq!(s.code.to_string(), "073");
    // No pattern: the block's code, `---` (no event).
    let s = ev.select(e, "rush", &[arg(Rel::Object, "lunch", false)], false);
    assert!(s.code.is_null() && s.pattern.is_none());
}
