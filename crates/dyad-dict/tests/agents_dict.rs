//! dyad's own agent dictionary (`dict/agents.dyad`): it lints clean against
//! the ontology, and role phrases get the sectors its header promises.

use dyad_dict::{Dictionaries, Format, Source};

const AGENTS: &str = include_str!("../../../dict/agents.dyad");

/// A few countries, so that agents can be seen composing with an actor
/// without depending on the country dictionary.
const COUNTRIES: &str = "
actor ISR
    name   Israel | Israeli | Israelis
    code   ISR
actor NER
    name   Niger | Nigerien
    code   NER
actor IRN
    name   Iran | Iranian
    code   IRN
actor GBR
    name   Britain | British
    code   GBR
actor USA
    name   United States | American
    code   USA
actor IND
    name   India | Indian
    code   IND
";

fn dicts() -> Dictionaries {
    let (d, diags) = Dictionaries::from_sources(&[
        Source::new("countries.dyad", Format::Dyad, COUNTRIES),
        Source::new("agents.dyad", Format::Dyad, AGENTS),
    ]);
    assert!(diags.is_empty(), "{diags:#?}");
    d
}

fn code(d: &Dictionaries, phrase: &str) -> Option<String> {
    let tokens: Vec<&str> = phrase.split_whitespace().collect();
    d.resolve(&tokens, None).and_then(|r| r.code)
}

#[test]
fn lints_clean_with_known_codes() {
    let d = dicts();
    let lint = d.lint(Some(dyad_ontology::Ontology::builtin()));
    assert!(lint.is_empty(), "{lint:#?}");
}

#[test]
fn covers_at_least_500_written_names() {
    let d = dicts();
    let written: usize = d
        .agents()
        .entries()
        .iter()
        .map(|e| e.names.iter().filter(|n| !n.generated).count())
        .sum();
    assert!(written >= 500, "{written} names");
}

#[test]
fn roles_get_the_documented_sectors() {
    let d = dicts();
    let cases = [
        // Agents composing with a country, before or after it.
        ("Israeli troops", "ISRMIL"),
        ("police in Niger", "NERCOP"),
        ("Israeli government troops", "ISRMIL"),
        ("Nigerien riot policemen", "NERCOP"),
        ("Iranian ayatollah", "IRNMOSSHI"),
        ("British charity", "NGOGBR"),
        ("American multinational", "MNCUSA"),
        ("Indian peacekeepers", "INDPKO"),
        ("Israeli settlers", "ISRSET"),
        // Agents alone, and the decisions on ambiguous roles.
        ("protesters", "CVL"),
        ("opposition protesters", "OPP"),
        ("activists", "OPP"),
        ("human rights activists", "HRI"),
        ("foreign minister", "GOV"),
        ("defence ministry", "GOVMIL"),
        ("Israeli health ministry", "ISRGOVHLH"),
        ("education minister", "GOVEDU"),
        ("state television", "GOVMED"),
        ("central bank", "GOVBUS"),
        ("firefighters", "GOV"),
        ("health officials", "HLH"),
        ("junta", "MIL"),
        ("officers", "MIL"),
        ("police officers", "COP"),
        ("deputies", "LEG"),
        ("deputy finance minister", "GOV"),
        ("deputy commander", "MIL"),
        ("security forces", "COP"),
        ("intelligence services", "SPY"),
        ("militiamen", "UAF"),
        ("gunmen", "UAF"),
        ("rebels", "REB"),
        ("terrorists", "REB"),
        ("insurgents", "INS"),
        ("separatists", "SEP"),
        ("hardliners", "RAD"),
        ("detainees", "CVL"),
        ("prisoners of war", "MIL"),
        ("migrants", "REF"),
        ("migrant workers", "LAB"),
        ("clerics", "ELI"),
        ("imams", "MOS"),
        ("rabbis", "JEW"),
        ("pope", "CHRCTH"),
        ("Indian Christians", "INDCHR"),
        ("Muslim rebels", "REBMOS"),
        ("military court", "MILJUD"),
        ("lawyers", "JUD"),
        ("attorney general", "GOVJUD"),
        ("prosecutors", "JUD"),
        ("secretary general", "GOV"),
        ("general strike", "LAB"),
        ("General Motors", "BUS"),
        ("former president", "ELI"),
        ("ruling party", "GOV"),
        ("opposition party", "OPP"),
        // Not the minister (`foreign secretary`: GOV) but the opposition's.
        ("shadow foreign secretary", "OPP"),
        ("British shadow chancellor", "GBROPP"),
        ("teachers' union", "LAB"),
        ("suspects", "CRM"),
    ];
    let wrong: Vec<String> = cases
        .iter()
        .filter_map(|&(phrase, want)| {
            let got = code(&d, phrase);
            (got.as_deref() != Some(want)).then(|| format!("{phrase}: {got:?}, want {want}"))
        })
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn modifiers_are_not_agents_alone() {
    let d = dicts();
    // Words that mostly modify the title after them, or that are events,
    // must not code a phrase by themselves.
    for word in [
        "deputy", "moderate", "radical", "royal", "march", "rally", "female",
    ] {
        assert_eq!(code(&d, word), None, "{word}");
    }
}
