//! Consistency of the embedded tables, without the reference files.

use std::collections::{BTreeMap, BTreeSet};

use dyad_ontology::{ActorCodeKind, Ontology, Tables};

const PLOVER_TYPES: [&str; 16] = [
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
];

#[test]
fn the_example_codes_read_as_the_manual_says() {
    let ont = Ontology::builtin();
    let e = ont.cameo("0314").expect("0314");
    assert_eq!(e.name, "Express intent to cooperate on intelligence");
    assert_eq!((e.root.as_str(), e.quad_class, e.level()), ("03", 1, 3));
    let e = ont.cameo("1622").expect("1622");
    assert_eq!(e.name, "Reduce or stop military assistance");
    assert_eq!(e.quad_class, 4);
    let e = ont.cameo("190").expect("190");
    assert_eq!(e.goldstein, -10.0);
    assert_eq!(ont.cameo("072").expect("072").root, "07");
    assert!(ont.cameo("10").is_some() && ont.cameo("010").is_some());
    assert!(ont.cameo("999").is_none() && ont.cameo("").is_none());
}

#[test]
fn there_are_twenty_roots_each_with_its_children() {
    let ont = Ontology::builtin();
    let roots: Vec<&str> = ont
        .cameo_codes()
        .filter(|e| e.level() == 1)
        .map(|e| e.code.as_str())
        .collect();
    let expected: Vec<String> = (1..=20).map(|r| format!("{r:02}")).collect();
    assert_eq!(roots, expected);
    for e in ont.cameo_codes() {
        assert_eq!(e.root, e.code[..2], "{}", e.code);
        if e.level() > 1 {
            let parent = ont.cameo(&e.code[..e.code.len() - 1]).expect("parent");
            assert_eq!(parent.quad_class, e.quad_class, "{}", e.code);
        }
    }
    let codes: Vec<&str> = ont.cameo_codes().map(|e| e.code.as_str()).collect();
    assert!(codes.windows(2).all(|w| w[0] < w[1]), "codes in order");
}

#[test]
fn quad_classes_follow_gdelts_roots() {
    // GDELT: roots 01-05 verbal cooperation, 06-08 material cooperation,
    // 09-14 verbal conflict, 15-20 material conflict.
    for e in Ontology::builtin().cameo_codes() {
        let root: u8 = e.root.parse().unwrap();
        let expected = match root {
            1..=5 => 1,
            6..=8 => 2,
            9..=14 => 3,
            _ => 4,
        };
        assert_eq!(e.quad_class, expected, "{}", e.code);
    }
}

#[test]
fn goldstein_scores_lean_the_way_the_quad_class_does() {
    // Cooperation is never scored below -2 (016 "Deny responsibility" is the
    // lowest), conflict never above 0.
    for e in Ontology::builtin().cameo_codes() {
        match e.quad_class {
            1 | 2 => assert!(e.goldstein >= -2.0, "{} {}", e.code, e.goldstein),
            4 => assert!(e.goldstein < 0.0, "{} {}", e.code, e.goldstein),
            _ => assert!(e.goldstein <= 0.0, "{} {}", e.code, e.goldstein),
        }
    }
}

#[test]
fn plover_has_its_sixteen_types_in_order() {
    let ont = Ontology::builtin();
    let names: Vec<&str> = ont.plover_types().iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, PLOVER_TYPES);
    assert!(ont.plover_type("ASSAULT").unwrap().modes.len() > 3);
    assert!(ont.plover_type("assault").is_none());
}

#[test]
fn every_cameo_code_outside_root_01_maps_to_plover() {
    let ont = Ontology::builtin();
    let mut used: BTreeMap<&str, usize> = BTreeMap::new();
    for e in ont.cameo_codes() {
        match ont.plover_for(&e.code) {
            Some(m) => *used.entry(m.event_type.as_str()).or_default() += 1,
            None => assert_eq!(e.root, "01", "{} has no PLOVER mapping", e.code),
        }
    }
    // Every type is reached from some CAMEO code.
    assert_eq!(
        used.keys().copied().collect::<BTreeSet<_>>(),
        PLOVER_TYPES.into()
    );
    let m = ont.plover_for("0314").unwrap();
    assert_eq!(m.event_type, "AGREE");
    assert_eq!(m.context(), Some("intelligence"));
    assert_eq!(
        ont.plover_for("042").unwrap().mode.as_deref(),
        Some("visit")
    );
    assert!(ont.plover_for("9999").is_none());
}

#[test]
fn actor_codes_cover_countries_sectors_and_organisations() {
    let ont = Ontology::builtin();
    let usa = ont.actor_code("USA").unwrap();
    assert_eq!(
        (usa.kind, usa.name.as_str()),
        (ActorCodeKind::Country, "United States")
    );
    assert_eq!(usa.iso3.as_deref(), Some("USA"));
    for (code, kind) in [
        ("GOV", ActorCodeKind::Sector),
        ("MIL", ActorCodeKind::Sector),
        ("REB", ActorCodeKind::Sector),
        ("OPP", ActorCodeKind::Sector),
        ("COP", ActorCodeKind::Sector),
        ("JUD", ActorCodeKind::Sector),
        ("LEG", ActorCodeKind::Sector),
        ("BUS", ActorCodeKind::Sector),
        ("CVL", ActorCodeKind::Sector),
        ("MED", ActorCodeKind::Sector),
        ("EDU", ActorCodeKind::Sector),
        ("IGO", ActorCodeKind::International),
        ("NGO", ActorCodeKind::International),
        ("AFR", ActorCodeKind::Region),
        ("WST", ActorCodeKind::Region),
        ("UNO", ActorCodeKind::Igo),
        ("AMN", ActorCodeKind::Ngo),
        ("HMS", ActorCodeKind::Group),
        ("SHI", ActorCodeKind::Religion),
    ] {
        assert_eq!(ont.actor_code(code).map(|a| a.kind), Some(kind), "{code}");
    }
    let countries = ont
        .actor_codes()
        .filter(|a| a.kind == ActorCodeKind::Country);
    assert!(countries.count() >= 249, "every ISO 3166 country");
    assert!(ont.actor_code("usa").is_none() && ont.actor_code("XYZ").is_none());
}

#[test]
fn a_cameo_country_code_points_to_a_listed_iso_code() {
    let ont = Ontology::builtin();
    let mut cameo_only = Vec::new();
    for a in ont
        .actor_codes()
        .filter(|a| a.kind == ActorCodeKind::Country)
    {
        let Some(iso3) = &a.iso3 else { continue };
        let iso = ont
            .actor_code(iso3)
            .unwrap_or_else(|| panic!("{}: {iso3} not listed", a.code));
        assert_eq!(
            (iso.kind, iso.iso3.as_deref()),
            (ActorCodeKind::Country, Some(iso3.as_str()))
        );
        if iso3 != &a.code {
            cameo_only.push(a.code.as_str());
        }
    }
    assert_eq!(cameo_only, ["ROM", "MTN", "TMP", "IMY"]);
    assert_eq!(ont.actor_code("ROM").unwrap().iso3.as_deref(), Some("ROU"));
}

#[test]
fn a_block_with_two_meanings_gives_the_first() {
    let ont = Ontology::builtin();
    let kinds: Vec<ActorCodeKind> = ont.actor_code_meanings("SHN").map(|a| a.kind).collect();
    assert_eq!(kinds, [ActorCodeKind::Country, ActorCodeKind::Religion]);
    assert_eq!(ont.actor_code("SHN").unwrap().kind, ActorCodeKind::Country);
}

#[test]
fn full_actor_codes_are_checked_block_by_block() {
    let ont = Ontology::builtin();
    for good in [
        "USA",
        "USAGOV",
        "ISRMIL",
        "IGOUNO",
        "PSEREBHMS",
        "IRQSHIGOV",
    ] {
        assert!(ont.is_known_actor_code(good), "{good}");
    }
    for bad in ["", "US", "USAG", "USAGOVX", "USAXYZ", "usagov", "USAGÖV"] {
        assert!(!ont.is_known_actor_code(bad), "{bad}");
    }
}

#[test]
fn types_serialize_for_export() {
    // Serialize is part of the API; check the derive is wired as documented.
    fn is_serialize<T: serde::Serialize>(_: &T) {}
    let ont = Ontology::builtin();
    is_serialize(ont.cameo("0314").unwrap());
    is_serialize(ont.plover_for("0314").unwrap());
    is_serialize(ont.actor_code("USA").unwrap());
    is_serialize(&ont.plover_types()[0]);
    assert_eq!(ActorCodeKind::Igo.as_str(), "igo");
}

/// Line number (1-based) of the first line of `text` starting with `prefix`.
fn line_of(text: &str, prefix: &str) -> usize {
    text.lines().position(|l| l.starts_with(prefix)).unwrap() + 1
}

#[test]
fn the_builtin_tables_read_the_same_through_from_tables() {
    let ont = Ontology::from_tables(&Tables::BUILTIN).unwrap();
    let builtin = Ontology::builtin();
    assert_eq!(ont.cameo_codes().count(), builtin.cameo_codes().count());
    assert_eq!(ont.actor_codes().count(), builtin.actor_codes().count());
    assert_eq!(ont.plover_for("1622"), builtin.plover_for("1622"));
}

#[test]
fn a_bad_row_is_reported_with_its_file_and_line() {
    let events = Tables::BUILTIN
        .cameo_events
        .replace("0314\t1\t5.2", "0314\t7\t5.2");
    let err = Ontology::from_tables(&Tables {
        cameo_events: &events,
        ..Tables::BUILTIN
    })
    .unwrap_err();
    assert_eq!(err.file, "cameo-events.tsv");
    assert_eq!(err.line, line_of(&events, "0314\t"));
    assert!(err.to_string().contains("quad class \"7\""), "{err}");

    let mapping = Tables::BUILTIN
        .cameo_plover
        .replace("042\tCONSULT\tvisit", "042\tCONSULT\tfly");
    let err = Ontology::from_tables(&Tables {
        cameo_plover: &mapping,
        ..Tables::BUILTIN
    })
    .unwrap_err();
    assert_eq!(
        (err.file, err.line),
        ("cameo-plover.tsv", line_of(&mapping, "042\t"))
    );
    assert!(err.message.contains("CONSULT has no mode fly"), "{err}");
}

#[test]
fn broken_tables_are_refused() {
    let cases: [(&str, Tables); 5] = [
        (
            "code 0591 has no parent 059",
            Tables {
                cameo_events: &format!("{}0591\t1\t3.5\tOrphan\n", Tables::BUILTIN.cameo_events),
                ..Tables::BUILTIN
            },
        ),
        (
            "header is",
            Tables {
                plover_contexts: "name\tdescription\neconomic\tx\n",
                ..Tables::BUILTIN
            },
        ),
        (
            "country USA appears twice",
            Tables {
                actor_codes: &format!(
                    "{}USA\tcountry\tUSA\tAgain\t\n",
                    Tables::BUILTIN.actor_codes
                ),
                ..Tables::BUILTIN
            },
        ),
        (
            "unknown CAMEO code 9999",
            Tables {
                cameo_plover: &format!("{}9999\tAID\t\t\n", Tables::BUILTIN.cameo_plover),
                ..Tables::BUILTIN
            },
        ),
        (
            "only countries have an ISO code",
            Tables {
                actor_codes: &format!("{}XYZ\tsector\tXYZ\tOdd\t\n", Tables::BUILTIN.actor_codes),
                ..Tables::BUILTIN
            },
        ),
    ];
    for (expected, tables) in cases {
        let err = Ontology::from_tables(&tables).unwrap_err();
        assert!(
            err.to_string().contains(expected),
            "{expected:?} not in {err}"
        );
    }
}
