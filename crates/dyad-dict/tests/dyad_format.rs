//! dyad's own `.dyad` format, read from a test dictionary and from bad input.

use dyad_dict::{
    Dictionaries, Format, Placement, Rel, Scope, Severity, Slot, Source, Syntax, Term,
};
use jiff::civil::date;

const SAMPLE: &str = include_str!("data/sample.dyad");

fn sample() -> Dictionaries {
    let (d, diags) =
        Dictionaries::from_sources(&[Source::new("sample.dyad", Format::Dyad, SAMPLE)]);
    assert!(diags.is_empty(), "{diags:#?}");
    d
}

#[test]
fn actors_with_dated_codes() {
    let d = sample();
    let biden = |y, m, day| {
        d.resolve(&["Joe", "Biden"], Some(date(y, m, day)))
            .unwrap()
            .code
    };
    assert_eq!(biden(2005, 1, 1).as_deref(), Some("USAELI"));
    assert_eq!(biden(2009, 1, 20).as_deref(), Some("USAGOV"));
    assert_eq!(
        biden(2017, 1, 20).as_deref(),
        Some("USAELI"),
        "UNTIL is the first day not covered"
    );
    assert_eq!(biden(2021, 6, 1).as_deref(), Some("USAGOV"));
    assert_eq!(biden(2025, 2, 1).as_deref(), Some("USAELI"));
    let r = d.resolve(&["Joseph", "R", ".", "Biden"], None).unwrap();
    assert_eq!(r.actor.map(|a| &*a.id), Some("JOE_BIDEN"));
    let e = &d.actors().entries()[0];
    assert_eq!(e.titles.len(), 2);
    assert_eq!(e.notes.len(), 1);
    // A short name is found but marked: it only refers back to a full mention.
    let m = d.actors().find_all(&["Biden", "said"]);
    assert!(m[0].short);
    assert!(d.resolve(&["Biden"], None).is_none());
}

#[test]
fn agents_compose_with_actors() {
    let d = sample();
    let c = |t: &[&str]| d.resolve(t, Some(date(2022, 1, 1))).and_then(|r| r.code);
    assert_eq!(c(&["Israeli", "troops"]).as_deref(), Some("ISRMIL"));
    assert_eq!(
        c(&["Israeli", "soldiers"]).as_deref(),
        Some("ISRMIL"),
        "regular plural made"
    );
    assert_eq!(c(&["President", "Joe", "Biden"]).as_deref(), Some("USAGOV"));
    assert_eq!(c(&["American", "aid", "groups"]).as_deref(), Some("NGOUSA"));
    assert_eq!(c(&["demonstrators"]).as_deref(), Some("OPP"));
    assert_eq!(d.agents().entries()[3].placement, Placement::Prefix);
}

#[test]
fn events_patterns_and_sets() {
    let d = sample();
    let ev = d.events();
    let (e, v) = ev.by_lemma("send").next().unwrap();
    assert_eq!(
        (&*e.id, e.code.to_string()),
        ("PROVIDE_AID", "070".to_string())
    );
    assert!(v.forms.iter().any(|f| &**f == "sends"));
    let (_, hand) = ev.by_lemma("hand").next().unwrap();
    assert_eq!(hand.after, ["over".into()]);
    assert_eq!(
        ev.by_noun("shipment").next().unwrap().id.as_ref(),
        "PROVIDE_AID"
    );
    let p = &e.patterns[0];
    assert_eq!((p.verb.as_deref(), p.syntax), (Some("send"), Syntax::Dyad));
    assert_eq!(
        p.slots,
        [
            Slot {
                rel: Rel::Object,
                head: Term::Set("WEAPON".into()),
                modifiers: vec![]
            },
            Slot {
                rel: Rel::Obl("to".into()),
                head: Term::Target,
                modifiers: vec![]
            },
        ]
    );
    assert_eq!(e.patterns[2].code.reverse.as_deref(), Some("073"));
    let ont = dyad_ontology::Ontology::builtin();
    assert_eq!(
        e.plover_type("072", ont),
        ont.plover_for("072").map(|m| m.event_type.as_str())
    );
    assert!(e.plover_type("072", ont).is_some());
    assert!(ev.set_contains("WEAPON", "missiles"));
    assert!(ev.set_contains("WEAPON", "tank") && !ev.set_contains("WEAPON", "tanks"));
}

#[test]
fn selecting_a_code_from_the_arguments() {
    use dyad_dict::Argument;
    let d = sample();
    let ev = d.events();
    let (e, _) = ev.by_lemma("send").next().unwrap();
    let arg = |rel: Rel, head: &'static str, modifiers: Vec<&'static str>, actor: bool| Argument {
        rel,
        head,
        modifiers,
        actor,
    };
    // "The US sent missiles to Israel": send obj=&WEAPON obl:to=+ => 072
    let args = [
        arg(Rel::Subject, "US", vec![], true),
        arg(Rel::Object, "missile", vec![], false),
        arg(Rel::Obl("to".into()), "Israel", vec![], true),
    ];
    let s = ev.select(e, "send", &args, false);
    assert_eq!(
        (s.code.to_string(), s.pattern.map(|p| p.line)),
        ("072".to_string(), Some(53))
    );
    // Without an actor after `to`, the pattern does not hold: the entry's code.
    let args = [
        arg(Rel::Object, "missile", vec![], false),
        arg(Rel::Obl("to".into()), "port", vec![], false),
    ];
    let s = ev.select(e, "send", &args, false);
    assert_eq!((s.code.to_string(), s.pattern), ("070".to_string(), None));
    // A pattern for any verb of the entry, with a modifier: "provided military aid".
    let args = [arg(Rel::Object, "aid", vec!["military"], false)];
    assert_eq!(
        ev.select(e, "provide", &args, false).code.to_string(),
        "072"
    );
    let args = [arg(Rel::Object, "aid", vec!["food"], false)];
    assert_eq!(
        ev.select(e, "provide", &args, false).code.to_string(),
        "070"
    );
    // A pattern for another verb does not apply.
    let args = [arg(Rel::Object, "shipment", vec!["arms"], false)];
    assert_eq!(ev.select(e, "send", &args, false).code.to_string(), "070");
    assert_eq!(
        ev.select(e, "deliver", &args, false).code.to_string(),
        "072:073"
    );
}

#[test]
fn discards_and_issues() {
    let d = sample();
    assert_eq!(
        d.discards().check(&["the", "World", "Cup"]).map(|x| x.0),
        Some(Scope::Story)
    );
    assert_eq!(
        d.discards().check(&["months", "later"]).map(|x| x.0),
        Some(Scope::Sentence)
    );
    let issues = |t: &[&str]| d.issues().find_all(t).len();
    assert_eq!(issues(&["crude", "oil", "prices"]), 1);
    assert_eq!(issues(&["olive", "oil", "prices"]), 0);
}

#[test]
fn lint_on_the_sample() {
    let d = sample();
    let lint = d.lint(Some(dyad_ontology::Ontology::builtin()));
    let found: Vec<(u32, &str)> = lint.iter().map(|d| (d.line, d.kind)).collect();
    // `halt` is no verb of PROVIDE_AID; the second MEET pattern repeats the first.
    assert_eq!(
        found,
        [(56, "never-matches"), (63, "never-matches")],
        "{lint:#?}"
    );
}

#[test]
fn bad_lines_name_their_line_and_the_rest_loads() {
    let text = "\
actor lower_case
    name   Nobody
thing ODD
    name   Odd
actor GOOD
    name   Good One
    code   USAGOV  2021-02-30..
    code   usa
    colour blue
    name
agent NO_CODE
    name   someone
    name   nobody
  name   orphan? no: belongs to NO_CODE
event E
    code   04x
    pattern meet obl:with=+
    code   042:043
    possessor doer
";
    let (d, diags) = Dictionaries::from_sources(&[Source::new("bad.dyad", Format::Dyad, text)]);
    let found: Vec<(u32, &str)> = diags.iter().map(|d| (d.line, d.kind)).collect();
    assert_eq!(
        found,
        [
            (1, "bad-id"),
            (3, "unknown-kind"),
            (7, "bad-date"),
            (8, "bad-code"),
            (9, "unknown-field"),
            (10, "empty-field"),
            (11, "no-code"),
            (16, "bad-code"),
            (17, "bad-pattern"),
            (19, "bad-possessor"),
        ]
    );
    assert!(diags.iter().all(|d| d.severity == Severity::Error));
    assert_eq!(d.actors().entries().len(), 1);
    assert_eq!(d.resolve(&["good", "one"], None).unwrap().code, None);
    assert_eq!(d.events().entries()[0].code.to_string(), "042:043");
    assert!(diags[0]
        .to_string()
        .starts_with("bad.dyad:1: error[bad-id]"));
}

#[test]
fn overlapping_ranges_in_dyad_files() {
    let text = "\
actor PERSON
    name   Ann Example
    code   AAAGOV  2000-01-01..2004-01-01
    code   AAAELI  2004-01-01..2008-01-01
    code   AAAMIL  2007-12-31..
";
    let (d, diags) = Dictionaries::from_sources(&[Source::new("p.dyad", Format::Dyad, text)]);
    assert!(diags.is_empty());
    let lint: Vec<(u32, &str)> = d.lint(None).iter().map(|d| (d.line, d.kind)).collect();
    // Half-open ranges that touch do not overlap; one shared day does.
    assert_eq!(lint, [(5, "overlapping-ranges")]);
}

#[test]
fn shared_surnames_keep_every_candidate() {
    let text = "\
actor ANN_HARRIS
    name   Ann Harris
    short  Harris
    code   AAAGOV
actor BOB_HARRIS
    name   Bob Harris
    short  Harris | Bob
    code   BBBGOV
actor BOB_TOWN
    name   Bob
    code   BBB
";
    let (d, diags) = Dictionaries::from_sources(&[Source::new("p.dyad", Format::Dyad, text)]);
    assert!(diags.is_empty());
    let m = d.actors().find_all(&["Harris", "said"]);
    assert!(m[0].short);
    let ids: Vec<&str> = d
        .actors()
        .short_candidates(&m[0])
        .iter()
        .map(|e| &*e.id)
        .collect();
    assert_eq!(ids, ["ANN_HARRIS", "BOB_HARRIS"]);
    let full = d.actors().find_all(&["Bob", "Harris"]);
    assert_eq!(d.actors().short_candidates(&full[0]).len(), 1);
    // Sharing a surname is no lint; a short name that is a full name is.
    let lint: Vec<(u32, &str)> = d.lint(None).iter().map(|d| (d.line, d.kind)).collect();
    assert_eq!(lint, [(7, "duplicate-name")]);
}

#[test]
fn mixed_formats_load_together() {
    let (d, diags) = Dictionaries::from_sources(&[
        Source::new("sample.dyad", Format::Dyad, SAMPLE),
        Source::new(
            "extra.actors.txt",
            Format::PetrarchActors,
            "ATLANTIS [ATL]\n+ATLANTEAN\n",
        ),
        Source::new(
            "extra.agents.txt",
            Format::PetrarchAgents,
            "SAILOR [~MILNAV]\n",
        ),
    ]);
    assert!(diags.is_empty());
    let c = |t: &[&str]| d.resolve(t, None).and_then(|r| r.code);
    assert_eq!(c(&["Atlantean", "troops"]).as_deref(), Some("ATLMIL"));
    assert_eq!(c(&["Israeli", "sailors"]).as_deref(), Some("ISRMILNAV"));
}
