//! Reading the TSV tables into an [`Ontology`].
//!
//! Every table is UTF-8 text: a header line naming the columns, then one row
//! per line with tab-separated fields. Blank lines and lines starting with
//! `#` are ignored. An empty field means "none".

use std::collections::{HashMap, HashSet};

use crate::{
    ActorCode, ActorCodeKind, CameoEvent, Ontology, PloverContext, PloverMapping, PloverMode,
    PloverType,
};

/// The texts of the six tables, in the format of the files under `data/`.
#[derive(Debug, Clone, Copy)]
pub struct Tables<'a> {
    /// `cameo-events.tsv`: code, quad_class, goldstein, name.
    pub cameo_events: &'a str,
    /// `plover-types.tsv`: type, description.
    pub plover_types: &'a str,
    /// `plover-modes.tsv`: type, mode, description.
    pub plover_modes: &'a str,
    /// `plover-contexts.tsv`: context, description.
    pub plover_contexts: &'a str,
    /// `cameo-plover.tsv`: cameo, type, mode, contexts.
    pub cameo_plover: &'a str,
    /// `actor-codes.tsv`: code, kind, iso3, name, commercial.
    pub actor_codes: &'a str,
}

impl Tables<'static> {
    /// The tables compiled into dyad.
    pub const BUILTIN: Tables<'static> = Tables {
        cameo_events: include_str!("../data/cameo-events.tsv"),
        plover_types: include_str!("../data/plover-types.tsv"),
        plover_modes: include_str!("../data/plover-modes.tsv"),
        plover_contexts: include_str!("../data/plover-contexts.tsv"),
        cameo_plover: include_str!("../data/cameo-plover.tsv"),
        actor_codes: include_str!("../data/actor-codes.tsv"),
    };
}

/// A table that does not read: names the file, the line and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}, line {line}: {message}")]
pub struct TableError {
    /// The table's file name: `cameo-events.tsv`.
    pub file: &'static str,
    /// One-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// The rows of one table, checked against its header.
struct Table<'a> {
    file: &'static str,
    rows: Vec<(usize, Vec<&'a str>)>,
}

impl<'a> Table<'a> {
    fn read(file: &'static str, text: &'a str, columns: &[&str]) -> Result<Table<'a>, TableError> {
        let mut lines = text
            .lines()
            .enumerate()
            .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
            .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'));
        let err = |line, message: String| TableError {
            file,
            line,
            message,
        };
        let (hline, header) = lines
            .next()
            .ok_or_else(|| err(1, "no header line".into()))?;
        let found: Vec<&str> = header.split('\t').collect();
        if found != columns {
            return Err(err(
                hline,
                format!("header is {found:?}, expected {columns:?}"),
            ));
        }
        let mut rows = Vec::new();
        for (n, line) in lines {
            let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
            if fields.len() != columns.len() {
                return Err(err(
                    n,
                    format!("{} fields, expected {}", fields.len(), columns.len()),
                ));
            }
            rows.push((n, fields));
        }
        Ok(Table { file, rows })
    }

    fn error(&self, line: usize, message: impl Into<String>) -> TableError {
        TableError {
            file: self.file,
            line,
            message: message.into(),
        }
    }
}

fn optional(field: &str) -> Option<String> {
    (!field.is_empty()).then(|| field.to_string())
}

pub(crate) fn parse(src: &Tables) -> Result<Ontology, TableError> {
    let (events, event_index) = cameo_events(src.cameo_events)?;
    let plover_types = plover_types(src.plover_types, src.plover_modes)?;
    let plover_contexts = plover_contexts(src.plover_contexts)?;
    let cameo_plover = cameo_plover(
        src.cameo_plover,
        &event_index,
        &plover_types,
        &plover_contexts,
    )?;
    let (actors, actor_index) = actor_codes(src.actor_codes)?;
    Ok(Ontology {
        events,
        event_index,
        plover_types,
        plover_contexts,
        cameo_plover,
        actors,
        actor_index,
    })
}

/// Rows and their positions by key.
type Indexed<T, Rows = usize> = (Vec<T>, HashMap<String, Rows>);

fn cameo_events(text: &str) -> Result<Indexed<CameoEvent>, TableError> {
    let table = Table::read(
        "cameo-events.tsv",
        text,
        &["code", "quad_class", "goldstein", "name"],
    )?;
    let mut events: Vec<CameoEvent> = Vec::with_capacity(table.rows.len());
    for (n, f) in &table.rows {
        let code = f[0];
        if !(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(table.error(*n, format!("code {code:?} is not 2 to 4 digits")));
        }
        let quad_class: u8 = f[1]
            .parse()
            .ok()
            .filter(|q| (1..=4).contains(q))
            .ok_or_else(|| table.error(*n, format!("quad class {:?} is not 1 to 4", f[1])))?;
        let goldstein: f32 = f[2]
            .parse()
            .ok()
            .filter(|g: &f32| (-10.0..=10.0).contains(g))
            .ok_or_else(|| table.error(*n, format!("Goldstein {:?} is not in -10..10", f[2])))?;
        if f[3].is_empty() {
            return Err(table.error(*n, "empty name"));
        }
        events.push(CameoEvent {
            code: code.to_string(),
            name: f[3].to_string(),
            root: code[..2].to_string(),
            quad_class,
            goldstein,
        });
    }
    events.sort_by(|a, b| a.code.cmp(&b.code));
    let index = unique_index(&table, events.iter().map(|e| e.code.as_str()))?;
    for e in &events {
        let parent = &e.code[..e.code.len() - 1];
        if e.code.len() > 2 && !index.contains_key(parent) {
            let line = table
                .rows
                .iter()
                .find(|(_, f)| f[0] == e.code)
                .map_or(0, |r| r.0);
            return Err(table.error(line, format!("code {} has no parent {parent}", e.code)));
        }
    }
    Ok((events, index))
}

/// Maps each key to its position, refusing duplicates.
fn unique_index<'k>(
    table: &Table,
    keys: impl Iterator<Item = &'k str>,
) -> Result<HashMap<String, usize>, TableError> {
    let mut index = HashMap::new();
    for (i, key) in keys.enumerate() {
        if index.insert(key.to_string(), i).is_some() {
            let line = table
                .rows
                .iter()
                .rev()
                .find(|(_, f)| f[0] == key)
                .map_or(0, |r| r.0);
            return Err(table.error(line, format!("{key} appears twice")));
        }
    }
    Ok(index)
}

fn plover_types(types_text: &str, modes_text: &str) -> Result<Vec<PloverType>, TableError> {
    let table = Table::read("plover-types.tsv", types_text, &["type", "description"])?;
    let mut types: Vec<PloverType> = table
        .rows
        .iter()
        .map(|(_, f)| PloverType {
            name: f[0].to_string(),
            description: f[1].to_string(),
            modes: Vec::new(),
        })
        .collect();
    unique_index(&table, types.iter().map(|t| t.name.as_str()))?;
    let modes = Table::read(
        "plover-modes.tsv",
        modes_text,
        &["type", "mode", "description"],
    )?;
    for (n, f) in &modes.rows {
        let ty = types
            .iter_mut()
            .find(|t| t.name == f[0])
            .ok_or_else(|| modes.error(*n, format!("unknown PLOVER type {}", f[0])))?;
        if ty.modes.iter().any(|m| m.name == f[1]) {
            return Err(modes.error(*n, format!("mode {} of {} appears twice", f[1], f[0])));
        }
        ty.modes.push(PloverMode {
            name: f[1].to_string(),
            description: f[2].to_string(),
        });
    }
    Ok(types)
}

fn plover_contexts(text: &str) -> Result<Vec<PloverContext>, TableError> {
    let table = Table::read("plover-contexts.tsv", text, &["context", "description"])?;
    let contexts: Vec<PloverContext> = table
        .rows
        .iter()
        .map(|(_, f)| PloverContext {
            name: f[0].to_string(),
            description: f[1].to_string(),
        })
        .collect();
    unique_index(&table, contexts.iter().map(|c| c.name.as_str()))?;
    Ok(contexts)
}

fn cameo_plover(
    text: &str,
    events: &HashMap<String, usize>,
    types: &[PloverType],
    contexts: &[PloverContext],
) -> Result<HashMap<String, PloverMapping>, TableError> {
    let table = Table::read(
        "cameo-plover.tsv",
        text,
        &["cameo", "type", "mode", "contexts"],
    )?;
    let mut map = HashMap::with_capacity(table.rows.len());
    for (n, f) in &table.rows {
        if !events.contains_key(f[0]) {
            return Err(table.error(*n, format!("unknown CAMEO code {}", f[0])));
        }
        let ty = types
            .iter()
            .find(|t| t.name == f[1])
            .ok_or_else(|| table.error(*n, format!("unknown PLOVER type {}", f[1])))?;
        if !f[2].is_empty() && !ty.modes.iter().any(|m| m.name == f[2]) {
            return Err(table.error(*n, format!("{} has no mode {}", f[1], f[2])));
        }
        let mut mapped_contexts = Vec::new();
        for context in f[3].split(';').map(str::trim).filter(|c| !c.is_empty()) {
            if !contexts.iter().any(|c| c.name == context) {
                return Err(table.error(*n, format!("unknown PLOVER context {context}")));
            }
            mapped_contexts.push(context.to_string());
        }
        let mapping = PloverMapping {
            event_type: f[1].to_string(),
            mode: optional(f[2]),
            contexts: mapped_contexts,
        };
        if map.insert(f[0].to_string(), mapping).is_some() {
            return Err(table.error(*n, format!("{} appears twice", f[0])));
        }
    }
    Ok(map)
}

fn actor_codes(text: &str) -> Result<Indexed<ActorCode, Vec<usize>>, TableError> {
    let columns = ["code", "kind", "iso3", "name", "commercial"];
    let table = Table::read("actor-codes.tsv", text, &columns)?;
    let mut actors = Vec::with_capacity(table.rows.len());
    for (n, f) in &table.rows {
        let code = f[0];
        if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(table.error(*n, format!("code {code:?} is not three capital letters")));
        }
        let kind = ActorCodeKind::from_name(f[1])
            .ok_or_else(|| table.error(*n, format!("unknown kind {:?}", f[1])))?;
        if !f[2].is_empty() && kind != ActorCodeKind::Country {
            return Err(table.error(*n, "only countries have an ISO code"));
        }
        if f[3].is_empty() {
            return Err(table.error(*n, "empty name"));
        }
        let commercial = match f[4] {
            "yes" => true,
            "" => false,
            other => {
                return Err(table.error(*n, format!("commercial is `yes` or empty, not {other:?}")))
            }
        };
        actors.push(ActorCode {
            code: code.to_string(),
            kind,
            name: f[3].to_string(),
            iso3: optional(f[2]),
            commercial,
        });
    }
    // A code may name one thing of each kind (SHN: Saint Helena, Shinto);
    // lookups give the first row.
    let mut index = HashMap::with_capacity(actors.len());
    let mut seen = HashSet::with_capacity(actors.len());
    for (i, a) in actors.iter().enumerate() {
        if !seen.insert((a.code.as_str(), a.kind)) {
            let message = format!("{} {} appears twice", a.kind.as_str(), a.code);
            return Err(table.error(table.rows[i].0, message));
        }
        index.entry(a.code.clone()).or_insert_with(Vec::new).push(i);
    }
    Ok((actors, index))
}
