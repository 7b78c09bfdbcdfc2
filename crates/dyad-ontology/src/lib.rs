//! dyad's ontology tables: what the codes in an event record mean.
//!
//! * **CAMEO event codes**: every code (`"01"` roots, `"010"` base codes,
//!   `"0314"` sub-codes) with its name, its root, its quad class and its
//!   Goldstein score. See [`Ontology::cameo`], [`Ontology::cameo_codes`].
//! * **PLOVER**: the 16 event types with their modes, the contexts, and the
//!   mapping from each CAMEO code to a PLOVER type, mode and contexts. See
//!   [`Ontology::plover_for`], [`Ontology::plover_types`],
//!   [`Ontology::plover_contexts`].
//! * **Actor codes**: the three-letter blocks CAMEO actor codes are built of:
//!   countries (ISO 3166 alpha-3 plus CAMEO's own, such as `ROM` for ISO
//!   `ROU`), regions, the generic international types (`IGO`, `NGO`, `MNC`,
//!   ...), named intergovernmental and non-governmental organisations,
//!   armed and political groups, sector/agent codes (`GOV`, `MIL`, `REB`, ...)
//!   and religions. See [`Ontology::actor_code`],
//!   [`Ontology::is_known_actor_code`].
//!
//! The tables are plain TSV files under `data/`, written by the dyad team
//! from the CAMEO manual (1.1b3), GDELT's usage, the Goldstein (1992) scale as
//! published with CAMEO, the PLOVER manual (draft 0.8, 2021) and ISO 3166.
//! They are compiled into the binary and parsed once, on the first call to
//! [`Ontology::builtin`] (under a millisecond; `cargo bench -p
//! dyad-ontology`). [`Ontology::from_tables`] reads tables in the same format
//! from elsewhere. The tests in `tests/yardstick.rs` compare the tables with
//! the reference lists in `../shared/ontology` when present and list every
//! disagreement with its reason.
//!
//! # Use from other crates
//!
//! ```
//! use dyad_ontology::{ActorCodeKind, Ontology};
//!
//! let ont = Ontology::builtin();
//! let ev = ont.cameo("0314").unwrap();
//! assert_eq!(ev.root, "03");
//! assert_eq!(ev.quad_class, 1);
//! let plover = ont.plover_for("0314").unwrap();
//! assert_eq!(plover.event_type, "AGREE");
//! assert_eq!(plover.context(), Some("intelligence"));
//! assert_eq!(ont.actor_code("USA").unwrap().kind, ActorCodeKind::Country);
//! assert!(ont.is_known_actor_code("USAGOV"));
//! assert!(!ont.is_known_actor_code("USAXYZ"));
//! ```
//!
//! Codes are looked up exactly as CAMEO writes them: event codes are digit
//! strings with their leading zero (`"010"`, not `"10"`), actor codes are
//! upper-case. Nothing here applies a rule such as "quad class follows from
//! the root": every property is stored per code, so a consumer reads it
//! from the table.
//!
//! Differences from the shape first announced for this crate:
//! [`PloverMapping`] holds `contexts: Vec<String>` (PLOVER gives some codes
//! two, such as `crime;corruption`), with [`PloverMapping::context`] for the
//! first; [`ActorCode`] also has `iso3`; a three-letter block can name one
//! thing of each kind (`SHN`: Saint Helena and Shinto), see
//! [`Ontology::actor_code_meanings`]; root-01 codes (public statements) have
//! no PLOVER mapping, as in PLOVER.

mod parse;

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Serialize;

pub use parse::{TableError, Tables};

/// One CAMEO event code.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CameoEvent {
    /// The code as CAMEO writes it: `"03"`, `"031"`, `"0314"`.
    pub code: String,
    /// Its name in the CAMEO manual: `"Express intent to cooperate on intelligence"`.
    pub name: String,
    /// Its root: the first two digits (`"03"`).
    pub root: String,
    /// Quad class as GDELT uses it: 1 verbal cooperation, 2 material
    /// cooperation, 3 verbal conflict, 4 material conflict.
    pub quad_class: u8,
    /// Goldstein score, from -10 (most conflictual) to +10 (most cooperative).
    pub goldstein: f32,
}

impl CameoEvent {
    /// The code's level: 1 for a root (`"03"`), 2 for a base code (`"031"`),
    /// 3 for a sub-code (`"0314"`).
    pub fn level(&self) -> usize {
        self.code.len() - 1
    }
}

/// The PLOVER reading of one CAMEO code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PloverMapping {
    /// One of the 16 PLOVER types, upper-case: `"AGREE"`.
    pub event_type: String,
    /// A mode of that type, when the CAMEO code implies one: `"visit"`.
    pub mode: Option<String>,
    /// The PLOVER contexts the CAMEO code implies, most specific first;
    /// often none, sometimes two (`"crime"`, `"corruption"`).
    pub contexts: Vec<String>,
}

impl PloverMapping {
    /// The first context, if any.
    pub fn context(&self) -> Option<&str> {
        self.contexts.first().map(String::as_str)
    }
}

/// One of the 16 PLOVER event types.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PloverType {
    /// Upper-case name: `"ASSAULT"`.
    pub name: String,
    /// What the type covers.
    pub description: String,
    /// Its modes (possibly none).
    pub modes: Vec<PloverMode>,
}

/// A mode of a PLOVER event type: how the event was carried out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PloverMode {
    /// Lower-case name: `"firearms"`.
    pub name: String,
    /// What the mode covers.
    pub description: String,
}

/// A PLOVER context: what an event is about, across types.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PloverContext {
    /// Lower-case name: `"economic"`.
    pub name: String,
    /// What the context covers.
    pub description: String,
}

/// What kind of thing a three-letter actor code names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorCodeKind {
    /// A state or territory (`USA`, `PSE`, `KSV`).
    Country,
    /// A region or sub-national place CAMEO codes as a location (`AFR`, `WST`, `GZS`).
    Region,
    /// A generic international actor type (`IGO`, `NGO`, `MNC`, `IMG`, `UIS`).
    International,
    /// A named intergovernmental organisation (`UNO`, `NAT`, `EEC`).
    Igo,
    /// A named non-governmental organisation (`AMN`, `HRW`, `ICR`).
    Ngo,
    /// A named armed or political group (`HMS`, `TAL`, `ALQ`).
    Group,
    /// A sector or agent type (`GOV`, `MIL`, `REB`, `OPP`, ...).
    Sector,
    /// A religion or denomination (`CHR`, `MOS`, `JEW`, `SHI`).
    Religion,
}

impl ActorCodeKind {
    /// The kind's name as written in `data/actor-codes.tsv`.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorCodeKind::Country => "country",
            ActorCodeKind::Region => "region",
            ActorCodeKind::International => "international",
            ActorCodeKind::Igo => "igo",
            ActorCodeKind::Ngo => "ngo",
            ActorCodeKind::Group => "group",
            ActorCodeKind::Sector => "sector",
            ActorCodeKind::Religion => "religion",
        }
    }

    fn from_name(name: &str) -> Option<ActorCodeKind> {
        Some(match name {
            "country" => ActorCodeKind::Country,
            "region" => ActorCodeKind::Region,
            "international" => ActorCodeKind::International,
            "igo" => ActorCodeKind::Igo,
            "ngo" => ActorCodeKind::Ngo,
            "group" => ActorCodeKind::Group,
            "sector" => ActorCodeKind::Sector,
            "religion" => ActorCodeKind::Religion,
            _ => return None,
        })
    }
}

/// One three-letter block of a CAMEO actor code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActorCode {
    /// The code: `"USA"`, `"GOV"`, `"UNO"`.
    pub code: String,
    /// What kind of thing it names.
    pub kind: ActorCodeKind,
    /// Its name: `"United States"`, `"Government"`.
    pub name: String,
    /// For countries, the ISO 3166-1 alpha-3 code, which differs from the
    /// CAMEO code for a few (CAMEO `ROM`, ISO `ROU`); `None` for territories
    /// ISO does not list and for other kinds.
    pub iso3: Option<String>,
    /// Whether it is a block of businesses (`BUS`, `MNC`).
    pub commercial: bool,
}

/// The ontology tables, indexed for lookup.
#[derive(Debug)]
pub struct Ontology {
    events: Vec<CameoEvent>,
    event_index: HashMap<String, usize>,
    plover_types: Vec<PloverType>,
    plover_contexts: Vec<PloverContext>,
    cameo_plover: HashMap<String, PloverMapping>,
    actors: Vec<ActorCode>,
    /// Each code's rows in table order (more than one only for the rare
    /// block that names things of several kinds).
    actor_index: HashMap<String, Vec<usize>>,
}

impl Ontology {
    /// The tables compiled into dyad, parsed on first use.
    ///
    /// # Panics
    /// Only if the embedded data is malformed, which the crate's tests rule out.
    pub fn builtin() -> &'static Ontology {
        static BUILTIN_ONTOLOGY: OnceLock<Ontology> = OnceLock::new();
        BUILTIN_ONTOLOGY.get_or_init(|| {
            Ontology::from_tables(&Tables::BUILTIN)
                .unwrap_or_else(|e| panic!("embedded ontology table: {e}"))
        })
    }

    /// Reads tables in the format of the embedded ones (for instance a
    /// user's revised CAMEO-to-PLOVER mapping next to the built-in rest).
    /// The first malformed row stops the reading with an error naming the
    /// file, the line and the fault.
    pub fn from_tables(tables: &Tables) -> Result<Ontology, TableError> {
        parse::parse(tables)
    }

    /// The CAMEO event with this code (`"0314"`, `"031"`, `"03"`).
    pub fn cameo(&self, code: &str) -> Option<&CameoEvent> {
        self.event_index.get(code).map(|&i| &self.events[i])
    }

    /// Every CAMEO event code, in code order (roots before their children).
    pub fn cameo_codes(&self) -> impl Iterator<Item = &CameoEvent> {
        self.events.iter()
    }

    /// The PLOVER type, mode and context of a CAMEO code; `None` for codes
    /// PLOVER does not carry over (such as most of root 01, public
    /// statements) and for unknown codes.
    pub fn plover_for(&self, cameo: &str) -> Option<&PloverMapping> {
        self.cameo_plover.get(cameo)
    }

    /// The 16 PLOVER event types, in the PLOVER manual's order.
    pub fn plover_types(&self) -> &[PloverType] {
        &self.plover_types
    }

    /// The PLOVER type with this name (`"ASSAULT"`).
    pub fn plover_type(&self, name: &str) -> Option<&PloverType> {
        self.plover_types.iter().find(|t| t.name == name)
    }

    /// The PLOVER contexts.
    pub fn plover_contexts(&self) -> &[PloverContext] {
        &self.plover_contexts
    }

    /// The actor code block with this code (`"USA"`, `"GOV"`, `"IGO"`, `"AFR"`).
    pub fn actor_code(&self, code: &str) -> Option<&ActorCode> {
        self.actor_index.get(code).map(|rows| &self.actors[rows[0]])
    }

    /// Every meaning of a three-letter block, first the one [`Ontology::actor_code`]
    /// gives: a few blocks name one thing of several kinds (`SHN` is Saint
    /// Helena as a country and Shinto as a religion).
    pub fn actor_code_meanings(&self, code: &str) -> impl Iterator<Item = &ActorCode> {
        let rows = self.actor_index.get(code).map_or(&[][..], Vec::as_slice);
        rows.iter().map(|&i| &self.actors[i])
    }

    /// Every actor code block, in table order.
    pub fn actor_codes(&self) -> impl Iterator<Item = &ActorCode> {
        self.actors.iter()
    }

    /// Whether a full CAMEO actor code (`"USAGOV"`, `"ISRMIL"`, `"IGOUNO"`)
    /// is made of known three-letter blocks: its length is a non-zero
    /// multiple of three and every block is in the table. Order is not
    /// checked (`"GOVUSA"` passes): CAMEO dictionaries do not agree on it.
    pub fn is_known_actor_code(&self, full: &str) -> bool {
        let blocks = full.as_bytes().chunks_exact(3);
        !full.is_empty()
            && blocks.remainder().is_empty()
            && blocks.into_iter().all(|b| {
                std::str::from_utf8(b).is_ok_and(|code| self.actor_index.contains_key(code))
            })
    }
}
