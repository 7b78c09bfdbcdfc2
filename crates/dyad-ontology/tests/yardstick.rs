//! Compares the embedded tables with the reference lists in ../shared/ontology
//! (GDELT's CAMEO code list and Goldstein scale, the PLOVER 2021 conversion
//! table, CAMEO's actor code lists). Skips, saying so, when they are absent.
//!
//! Every disagreement either is fixed in `data/` or is listed below in an
//! allow-list with its reason. An allow-list entry that no longer matches a
//! disagreement fails the test too, so the lists stay true.
//!
//! Quad classes have no reference file; `tests/tables.rs` checks them
//! against GDELT's rule by root. `CAMEO.ethnic.txt` is not compared: dyad's
//! actor table does not carry CAMEO's lower-case ethnic codes (GDELT keeps
//! them in fields of their own), only the blocks full actor codes are
//! built of.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use dyad_ontology::{ActorCodeKind, Ontology};

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/ontology");

/// Disagreements with `CAMEO.eventcodesfull.txt` (codes and names).
const EVENT_NAME_ALLOWED: &[(&str, &str)] = &[
    (
        "0",
        "GDELT's placeholder for \"no event code\", not a CAMEO code",
    ),
    ("033", "typo in the reference (\"matyerial\")"),
    (
        "0355",
        "the reference drops \"to\" (\"Express intent allow\")",
    ),
    (
        "108",
        "the reference repeats 106's name; 108 is \"Demand mediation\" in CAMEO 1.1b3",
    ),
    (
        "183",
        "the reference abbreviates \"not specified below\" as \"not spec below\"",
    ),
    ("2041", "typo in the reference (\"radiologicalweapons\")"),
];

/// Disagreements with `CAMEO.goldsteinscale.txt`.
const GOLDSTEIN_ALLOWED: &[(&str, &str)] = &[(
    "1213",
    "in GDELT's code list but not in the scale; scored -4.0 like its siblings 1211, 1212",
)];

/// Disagreements with `CAMEO2PLOVER-2021.txt`.
const PLOVER_ALLOWED: &[(&str, &str)] = &[
    ("02*", "the 2021 table skips root 02 (appeals); PLOVER's REQUEST covers them, mapped as the demands of root 10"),
    ("105", "parent of the yield demands 1051-1056: mode yield, not change (reform, root 104)"),
    ("1214", "not a code in GDELT's CAMEO list or the Goldstein scale, so not in our tables"),
    ("124", "parent of the refusals to yield 1243-1246: mode yield, not change"),
    ("1241", "refusing to ease sanctions is refusing to yield, as in 1243-1246 (reference: change, executive)"),
    ("1242", "refusing to ease popular dissent is refusing to yield, as in 1243-1246 (reference: change)"),
    ("1321", "\"political\" is no THREATEN mode; restrict/rights_freedoms as for the act itself, 1721"),
    ("1712", "the reference gives ASSAULT the COERCE mode \"seize\"; destroying property is ASSAULT without a mode"),
    ("175", "the reference puts the context pro_autocracy in the mode column"),
];

/// Type and mode pairs of the 2021 table that are not PLOVER modes (see
/// 1321, 1712 and 175 in [`PLOVER_ALLOWED`]).
const PLOVER_MODE_ALLOWED: &[&str] = &[
    "mode ASSAULT pro_autocracy",
    "mode ASSAULT seize",
    "mode THREATEN political",
];

/// Disagreements with the actor code lists (`CAMEO.country.txt`,
/// `CAMEO.actortype.txt`, `CAMEO.knowngroup.txt`, `CAMEO.religion.txt`).
const ACTOR_ALLOWED: &[(&str, &str)] = &[
    (
        "0 in *",
        "GDELT's placeholder for \"unknown or not applicable\", not a code",
    ),
    (
        "COL in CAMEO.country.txt",
        "typo in the reference (\"Columbia\")",
    ),
    (
        "REU in CAMEO.country.txt",
        "the reference lost the accented letter (\"Runion\")",
    ),
    (
        "FRO in CAMEO.country.txt",
        "older spelling \"Faeroe\"; ISO 3166 writes Faroe",
    ),
    (
        "KNA in CAMEO.country.txt",
        "ISO 3166 short name Saint Kitts and Nevis",
    ),
    (
        "CPV in CAMEO.country.txt",
        "renamed Cabo Verde in 2013 (ISO 3166)",
    ),
    (
        "SWZ in CAMEO.country.txt",
        "renamed Eswatini in 2018 (ISO 3166)",
    ),
    (
        "PSE in CAMEO.country.txt",
        "ISO 3166 short name Palestine, State of",
    ),
    (
        "PSE in CAMEO.knowngroup.txt",
        "a territory, listed here once, as a country",
    ),
    (
        "AEU in CAMEO.knowngroup.txt",
        "the body's own name is Council of Arab Economic Unity",
    ),
    (
        "APE in CAMEO.knowngroup.txt",
        "the reference abbreviates \"Organization\" as \"Org.\"",
    ),
    (
        "CRC in CAMEO.knowngroup.txt",
        "the reference abbreviates \"Federation\" as \"Fed.\"",
    ),
    (
        "DFL in CAMEO.knowngroup.txt",
        "the reference abbreviates \"Liberation\" as \"Lib.\"",
    ),
    (
        "FID in CAMEO.knowngroup.txt",
        "FIDH's English name is International Federation for Human Rights",
    ),
    (
        "FIS in CAMEO.knowngroup.txt",
        "FIS is the Islamic Salvation Front; the Army (AIS) was its armed wing",
    ),
    (
        "HCH in CAMEO.knowngroup.txt",
        "the office is the High Commissioner for Human Rights",
    ),
    (
        "HCR in CAMEO.knowngroup.txt",
        "UNHCR is the High Commissioner for Refugees",
    ),
    (
        "HEZ in CAMEO.knowngroup.txt",
        "transliteration: Hezbollah is the usual English spelling",
    ),
    (
        "HIP in CAMEO.knowngroup.txt",
        "the IMF/World Bank initiative is for Heavily Indebted Poor Countries",
    ),
    (
        "KDP in CAMEO.knowngroup.txt",
        "the party's name is Kurdistan Democratic Party",
    ),
    (
        "NEP in CAMEO.knowngroup.txt",
        "NEPAD is the New Partnership for Africa's Development",
    ),
    (
        "NON in CAMEO.knowngroup.txt",
        "the body calls itself the Non-Aligned Movement",
    ),
    (
        "OIC in CAMEO.knowngroup.txt",
        "renamed Organisation of Islamic Cooperation in 2011",
    ),
    (
        "PFL in CAMEO.knowngroup.txt",
        "PFLP is the Popular Front for the Liberation of Palestine",
    ),
    (
        "PLS in CAMEO.knowngroup.txt",
        "the organisation is the Polisario Front",
    ),
    (
        "SCE in CAMEO.knowngroup.txt",
        "the reference garbles OSCE's name (\"Council of Security ...\")",
    ),
    (
        "SOT in CAMEO.knowngroup.txt",
        "SEATO is the Southeast Asia Treaty Organization, set up by the Collective Defense Treaty",
    ),
    (
        "UEM in CAMEO.knowngroup.txt",
        "UEMOA's English name: West African Economic and Monetary Union",
    ),
    (
        "WAD in CAMEO.knowngroup.txt",
        "BOAD's English name: West African Development Bank",
    ),
    (
        "WAM in CAMEO.knowngroup.txt",
        "the reference's name is no official one; read as UMOA, the West African Monetary Union (UEMOA is UEM)",
    ),
    (
        "ALE in CAMEO.religion.txt",
        "transliteration of Alawi; Alawite is the usual English form",
    ),
];

/// The reference file's path, or `None` (with a message) when ../shared is absent.
fn reference(name: &str) -> Option<PathBuf> {
    let path = Path::new(SHARED).join(name);
    if path.is_file() {
        Some(path)
    } else {
        eprintln!("skipped: {} not found", path.display());
        None
    }
}

/// Rows of a tab-separated reference file after its header line.
fn tsv_rows(path: &Path) -> Vec<Vec<String>> {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('\t').map(|f| f.trim().to_string()).collect())
        .collect()
}

/// Actor names name the same thing when, ignoring case, punctuation, spaces
/// and parenthesised acronyms, one contains the other ("Likud" and "Likud
/// Party", "Red Cross" and "International Committee of the Red Cross").
fn same_actor_name(a: &str, b: &str) -> bool {
    let squash = |s: &str| -> String {
        let mut depth = 0;
        s.chars()
            .filter(|&c| {
                match c {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => return depth == 0 && c.is_alphanumeric(),
                }
                false
            })
            .flat_map(char::to_lowercase)
            .collect()
    };
    let (a, b) = (squash(a), squash(b));
    !a.is_empty() && !b.is_empty() && (a.contains(&b) || b.contains(&a))
}

/// Names compared without case, quotes, punctuation or spacing differences.
fn normalize(name: &str) -> String {
    name.to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether an allow-list key covers a disagreement's key: exactly, or by
/// prefix when the allow-list key ends in `*` (`"02*"`).
fn covers(allowed: &str, key: &str) -> bool {
    match allowed.strip_suffix('*') {
        Some(prefix) => key.starts_with(prefix),
        None => allowed == key,
    }
}

/// Fails listing every disagreement (keyed by code) not in `allowed`, and
/// every allow-list entry that matches none.
fn check(what: &str, disagreements: BTreeMap<String, String>, allowed: &[(&str, &str)]) {
    let is_allowed = |key: &str| allowed.iter().any(|(a, _)| covers(a, key));
    let unexplained: Vec<String> = disagreements
        .iter()
        .filter(|(key, _)| !is_allowed(key))
        .map(|(key, d)| format!("  {key}: {d}"))
        .collect();
    let stale: Vec<&str> = allowed
        .iter()
        .map(|(a, _)| *a)
        .filter(|a| !disagreements.keys().any(|key| covers(a, key)))
        .collect();
    eprintln!(
        "{what}: {} disagreements, {} of them allowed",
        disagreements.len(),
        disagreements.len() - unexplained.len()
    );
    assert!(
        unexplained.is_empty() && stale.is_empty(),
        "{what}: {} unexplained disagreements:\n{}\nstale allow-list entries: {stale:?}",
        unexplained.len(),
        unexplained.join("\n"),
    );
}

#[test]
fn event_codes_and_names_match_the_cameo_code_list() {
    let Some(path) = reference("CAMEO.eventcodesfull.txt") else {
        return;
    };
    // EventCode, EventDescription, base code and description, root code and description.
    let mut theirs: BTreeMap<String, String> = BTreeMap::new();
    for row in tsv_rows(&path) {
        assert!(row.len() >= 6, "{}: short row {row:?}", path.display());
        theirs.insert(row[0].clone(), row[1].clone());
        theirs.entry(row[4].clone()).or_insert(row[5].clone());
    }
    let ont = Ontology::builtin();
    let mut disagreements = BTreeMap::new();
    let mut same = 0;
    for (code, name) in &theirs {
        match ont.cameo(code) {
            None => {
                disagreements.insert(code.clone(), format!("missing here ({name:?})"));
            }
            Some(e) if normalize(&e.name) != normalize(name) => {
                disagreements.insert(code.clone(), format!("ours {:?}, theirs {name:?}", e.name));
            }
            Some(_) => same += 1,
        }
    }
    for e in ont.cameo_codes().filter(|e| !theirs.contains_key(&e.code)) {
        disagreements.insert(e.code.clone(), format!("not in their list ({:?})", e.name));
    }
    eprintln!("event names: {same} of {} codes agree", theirs.len());
    check("event codes and names", disagreements, EVENT_NAME_ALLOWED);
}

#[test]
fn goldstein_scores_match_the_published_scale() {
    let Some(path) = reference("CAMEO.goldsteinscale.txt") else {
        return;
    };
    let ont = Ontology::builtin();
    let mut disagreements = BTreeMap::new();
    let mut theirs = BTreeSet::new();
    let mut same = 0;
    for row in tsv_rows(&path) {
        let (code, score) = (&row[0], &row[1]);
        let score: f32 = score
            .parse()
            .unwrap_or_else(|_| panic!("{code}: score {score:?}"));
        theirs.insert(code.clone());
        match ont.cameo(code) {
            None => {
                disagreements.insert(code.clone(), format!("missing here ({score})"));
            }
            Some(e) if (e.goldstein - score).abs() > 0.001 => {
                disagreements.insert(
                    code.clone(),
                    format!("ours {}, theirs {score}", e.goldstein),
                );
            }
            Some(_) => same += 1,
        }
    }
    for e in ont.cameo_codes().filter(|e| !theirs.contains(&e.code)) {
        disagreements.insert(
            e.code.clone(),
            format!("not in their scale ({})", e.goldstein),
        );
    }
    eprintln!("Goldstein: {same} of {} codes agree", theirs.len());
    check("Goldstein scores", disagreements, GOLDSTEIN_ALLOWED);
}

/// One mapping line of CAMEO2PLOVER: `0314: AGREE,  ,   intelligence  # name`.
#[derive(Debug, PartialEq, Eq)]
struct TheirMapping {
    event_type: String,
    mode: Option<String>,
    contexts: BTreeSet<String>,
}

fn parse_cameo2plover(path: &Path) -> BTreeMap<String, Vec<TheirMapping>> {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut map: BTreeMap<String, Vec<TheirMapping>> = BTreeMap::new();
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        let Some((code, rest)) = line.split_once(':') else {
            continue;
        };
        let code = code.trim();
        // Two-digit lines are section headings ("08: CONCEDE", "08: RETREAT").
        if code.len() < 3 || !code.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let mut fields = rest.split(',').map(str::trim);
        let event_type = fields.next().unwrap_or("").to_string();
        let mode = fields.next().filter(|m| !m.is_empty()).map(str::to_string);
        let contexts = fields
            .next()
            .unwrap_or("")
            .split(';')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect();
        let mapping = TheirMapping {
            event_type,
            mode,
            contexts,
        };
        let entry = map.entry(code.to_string()).or_default();
        if !entry.contains(&mapping) {
            entry.push(mapping);
        }
    }
    map
}

#[test]
fn plover_mapping_matches_the_2021_conversion_table() {
    let Some(path) = reference("CAMEO2PLOVER-2021.txt") else {
        return;
    };
    let theirs = parse_cameo2plover(&path);
    assert!(
        theirs.len() > 200,
        "{}: only {} codes read",
        path.display(),
        theirs.len()
    );
    let ont = Ontology::builtin();
    let mut disagreements = BTreeMap::new();
    let (mut same_type, mut same_all) = (0, 0);
    for (code, their) in &theirs {
        let Some(ours) = ont.plover_for(code) else {
            disagreements.insert(code.clone(), format!("unmapped here, theirs {their:?}"));
            continue;
        };
        let ours = TheirMapping {
            event_type: ours.event_type.clone(),
            mode: ours.mode.clone(),
            contexts: ours.contexts.iter().cloned().collect(),
        };
        if their.iter().any(|t| t.event_type == ours.event_type) {
            same_type += 1;
        }
        if their.contains(&ours) {
            same_all += 1;
        } else {
            disagreements.insert(code.clone(), format!("ours {ours:?}, theirs {their:?}"));
        }
    }
    for e in ont
        .cameo_codes()
        .filter(|e| e.level() > 1 && !theirs.contains_key(&e.code))
    {
        if let Some(m) = ont.plover_for(&e.code) {
            disagreements.insert(e.code.clone(), format!("not in their table, ours {m:?}"));
        }
    }
    eprintln!(
        "PLOVER: of {} codes, {same_type} agree on the type, {same_all} on type, mode and contexts",
        theirs.len()
    );
    check("CAMEO to PLOVER", disagreements, PLOVER_ALLOWED);
}

#[test]
fn plover_modes_and_contexts_cover_the_conversion_table() {
    let Some(path) = reference("CAMEO2PLOVER-2021.txt") else {
        return;
    };
    let ont = Ontology::builtin();
    let mut missing = BTreeSet::new();
    for mapping in parse_cameo2plover(&path).values().flatten() {
        let Some(ty) = ont.plover_type(&mapping.event_type) else {
            missing.insert(format!("type {}", mapping.event_type));
            continue;
        };
        if let Some(mode) = &mapping.mode {
            if !ty.modes.iter().any(|m| &m.name == mode) {
                missing.insert(format!("mode {} {mode}", ty.name));
            }
        }
        for context in &mapping.contexts {
            if !ont.plover_contexts().iter().any(|c| &c.name == context) {
                missing.insert(format!("context {context}"));
            }
        }
    }
    missing.retain(|m| !PLOVER_MODE_ALLOWED.contains(&m.as_str()));
    assert!(
        missing.is_empty(),
        "used in their table, unknown here: {missing:?}"
    );
}

#[test]
fn actor_codes_match_the_cameo_lists() {
    use ActorCodeKind::*;
    let lists: [(&str, &[ActorCodeKind]); 4] = [
        ("CAMEO.country.txt", &[Country, Region]),
        ("CAMEO.actortype.txt", &[Sector, International, Igo, Ngo]),
        ("CAMEO.knowngroup.txt", &[Igo, Ngo, Group]),
        ("CAMEO.religion.txt", &[Religion]),
    ];
    let ont = Ontology::builtin();
    let mut disagreements = BTreeMap::new();
    let (mut total, mut same) = (0, 0);
    for (file, kinds) in lists {
        let Some(path) = reference(file) else {
            return;
        };
        for row in tsv_rows(&path) {
            let (code, name) = (&row[0], &row[1]);
            total += 1;
            let key = format!("{code} in {file}");
            let Some(ours) = ont
                .actor_code_meanings(code)
                .find(|a| kinds.contains(&a.kind))
            else {
                disagreements.insert(key, format!("missing here ({name:?})"));
                continue;
            };
            if same_actor_name(&ours.name, name) {
                same += 1;
            } else {
                disagreements.insert(key, format!("ours {:?}, theirs {name:?}", ours.name));
            }
        }
    }
    eprintln!("actor codes: {same} of {total} agree on code, kind and name");
    check("actor codes", disagreements, ACTOR_ALLOWED);
}
