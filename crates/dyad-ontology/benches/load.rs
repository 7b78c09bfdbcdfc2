//! How long reading the embedded tables takes (what the first call to
//! `Ontology::builtin` costs) and how fast lookups are afterwards.
//! Run with `cargo bench -p dyad-ontology`.

use std::hint::black_box;
use std::time::Instant;

use dyad_ontology::{Ontology, Tables};

fn main() {
    const LOADS: u32 = 200;
    let start = Instant::now();
    for _ in 0..LOADS {
        black_box(Ontology::from_tables(black_box(&Tables::BUILTIN)).unwrap());
    }
    let per_load = start.elapsed() / LOADS;

    let ont = Ontology::builtin();
    let codes: Vec<String> = ont.cameo_codes().map(|e| e.code.clone()).collect();
    const ROUNDS: usize = 2_000;
    let start = Instant::now();
    for _ in 0..ROUNDS {
        for code in &codes {
            black_box(ont.cameo(black_box(code)));
            black_box(ont.plover_for(black_box(code)));
        }
        black_box(ont.is_known_actor_code(black_box("USAGOVREB")));
    }
    let lookups = ROUNDS * (2 * codes.len() + 1);
    let per_lookup = start.elapsed() / lookups as u32;

    println!(
        "load: {per_load:?} per reading of all tables ({} events, {} actor codes), mean of {LOADS}",
        codes.len(),
        ont.actor_codes().count()
    );
    println!("lookup: {per_lookup:?} mean over {lookups} lookups");
}
