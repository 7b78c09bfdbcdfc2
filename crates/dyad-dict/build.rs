//! Embeds dyad's own dictionaries (`dict/**/*.dyad` at the repository root)
//! so that the default dictionaries need no configuration.

use std::fmt::Write;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|e| e == "dyad") {
            out.push(p);
        }
    }
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let dict = manifest.join("../../dict");
    // A missing path would make cargo rebuild this crate every time.
    if dict.is_dir() {
        println!("cargo:rerun-if-changed={}", dict.display());
    } else {
        println!("cargo:rerun-if-changed=build.rs");
    }
    let mut files = Vec::new();
    collect(&dict, &mut files);
    files.sort();
    let mut code = String::from("/// (path under `dict/`, text) of each embedded file.\npub const FILES: &[(&str, &str)] = &[\n");
    for f in &files {
        let rel = f
            .strip_prefix(&dict)
            .unwrap_or(f)
            .to_string_lossy()
            .replace('\\', "/");
        let abs = f.canonicalize().unwrap_or_else(|_| f.clone());
        writeln!(
            code,
            "    ({:?}, include_str!({:?})),",
            format!("dict/{rel}"),
            abs.display().to_string()
        )
        .ok();
    }
    code.push_str("];\n");
    let out =
        PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo")).join("builtin_dicts.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
}
