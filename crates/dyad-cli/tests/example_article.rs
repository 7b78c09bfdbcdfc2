//! Issue 6 end to end: the article `example-1` of `examples/articles.jsonl`
//! (May 2024, the US, Israel and Rafah) coded as a person would code it,
//! with dyad's own dictionaries and the bundled parser.

use serde_json::Value;

mod common;
use common::dyad;

/// The events of `example-1`, coded from the raw text on standard input.
fn example_events() -> Vec<Value> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/articles.jsonl");
    let file = std::fs::read_to_string(path).expect("examples/articles.jsonl");
    let record = file
        .lines()
        .find(|l| serde_json::from_str::<Value>(l).is_ok_and(|v| v["id"] == "example-1"))
        .expect("example-1 is in examples/articles.jsonl");
    let out = dyad(
        &["code", "--quiet", "--input-format", "jsonl", "-"],
        record.as_bytes(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

fn code(actor: &Value) -> Option<&str> {
    actor["code"].as_str()
}

fn country(actor: &Value) -> Option<&str> {
    actor["country"].as_str()
}

/// The event of `example-1` with this CAMEO code that `holds`, or a failure
/// listing every event.
fn find<'e>(events: &'e [Value], cameo: &str, holds: impl Fn(&Value) -> bool) -> &'e Value {
    events
        .iter()
        .find(|e| e["cameo"]["code"] == cameo && holds(e))
        .unwrap_or_else(|| {
            let all: Vec<String> = events.iter().map(Value::to_string).collect();
            panic!("no such {cameo} event among:\n{}", all.join("\n"))
        })
}

#[test]
fn the_offer_of_intelligence_is_conditioned_on_a_cease_fire() {
    let events = example_events();
    let e = find(&events, "0314", |e| {
        code(&e["source"]) == Some("USAGOV") && code(&e["target"]) == Some("ISR")
    });
    assert_eq!(e["mood"], "intent");
    assert_eq!(e["target"]["text"], "Israel");
    let c = &e["condition"];
    assert_eq!(c["kind"], "in return for");
    assert_eq!(c["text"], "a cease-fire");
    // The cease-fire is Israel's to agree to.
    assert_eq!(code(&c["source"]), Some("ISR"));
}

#[test]
fn the_halt_of_the_bomb_shipment_is_a_cut_in_military_aid() {
    let events = example_events();
    let e = find(&events, "1622", |e| {
        country(&e["source"]) == Some("USA") && code(&e["target"]) == Some("ISR")
    });
    assert_eq!(e["predicate"]["text"], "halted");
    assert_eq!(e["negated"], false);
}

#[test]
fn the_resumed_deliveries_are_military_aid_with_their_quantities() {
    let events = example_events();
    let e = find(&events, "072", |e| country(&e["source"]) == Some("USA"));
    // `it` refers to `the administration`, itself the US government.
    assert_eq!(code(&e["source"]), Some("USAGOV"));
    assert_eq!(code(&e["target"]), Some("ISR"));
    let quantities: Vec<(u64, &str)> = e["quantities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            (
                q["value"].as_u64().unwrap(),
                q["unit"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert!(quantities.contains(&(3500, "bomb")), "{quantities:?}");
    assert!(quantities.contains(&(1_000_000_000, "$")), "{quantities:?}");
}

#[test]
fn opposition_to_an_invasion_of_rafah_is_negated_unless_israel_presents_a_plan() {
    let events = example_events();
    let e = events
        .iter()
        .find(|e| {
            code(&e["source"]) == Some("USAGOV")
                && code(&e["target"]) == Some("ISR")
                && e["negated"] == true
                && e["condition"]["kind"] == "unless"
        })
        .unwrap_or_else(|| panic!("no negated USAGOV→ISR event with an `unless` condition"));
    assert_eq!(e["predicate"]["text"], "support");
    assert!(e["condition"]["text"]
        .as_str()
        .unwrap()
        .starts_with("Israel presented a credible plan"));
}
