//! `dyad dict`: check dictionaries, look names up, time loading and matching.
//!
//! `--dict` takes dyad's `.dyad` files, directories of them, PETRARCH/TABARI
//! files (format guessed from the name, or given as `KIND:PATH`) and
//! PETRARCH's `PETR_config.ini`, mixed; without it, the dictionaries built
//! into dyad (`dict/**/*.dyad`) are used.

use anyhow::{bail, Context};
use dyad_dict::{split_code, Diagnostic, Dictionaries, Severity};
use dyad_ontology::Ontology;
use jiff::civil::Date;
use std::io::{self, BufRead, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: DictCommand,
}

#[derive(clap::Subcommand)]
enum DictCommand {
    /// Lint dictionaries: malformed lines, duplicate names, inverted or overlapping date
    /// ranges, unknown codes, patterns that can never match (exit 1 if anything is found)
    Check(CheckArgs),
    /// Read names or phrases on standard input, one per line; write one JSON line each:
    /// {"text", "code" (or null), "country", "sector", "matched": the entry IDs, actor+agent}
    Lookup(LookupArgs),
    /// Time dictionary loading (median of several runs) and actor/agent matching
    Bench(BenchArgs),
    /// Measure dictionaries against PETRARCH's Phoenix set: the share of its people (dated
    /// codes in 1990-2016), international and non-state actors, and agents coded the same way
    Compare(CompareArgs),
}

#[derive(clap::Args)]
struct CompareArgs {
    /// The folder holding the Phoenix files (default: ../shared/petrarch)
    #[arg(long, value_name = "DIR")]
    yardstick: Option<PathBuf>,
    /// Write every entry not coded the same way to this file, one tab-separated line each
    /// (measure, yardstick id, its line, date, expected code, what dyad gave)
    #[arg(long, value_name = "FILE")]
    misses: Option<PathBuf>,
    #[command(flatten)]
    dicts: DictArgs,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Dictionary files (as for --dict); none: the built-in dictionaries
    files: Vec<String>,
    /// Write diagnostics as JSON lines instead of text
    #[arg(long)]
    json: bool,
}

/// `--dict`, for every subcommand that uses dictionaries (flatten it into its `Args`).
#[derive(clap::Args, Debug, Clone, Default)]
pub struct DictArgs {
    /// Dictionaries to use instead of the built-in ones (repeatable): .dyad files or directories,
    /// PETRARCH/TABARI files (kind from the name, or KIND:PATH with KIND one of dyad, actors, agents,
    /// verbs, discards, issues), or a PETR_config.ini
    #[arg(long = "dict", value_name = "FILE")]
    pub dict: Vec<String>,
}

impl DictArgs {
    /// Loads the dictionaries given, or the built-in ones; lines that could not be read are counted
    /// on standard error (`dyad dict check` lists them).
    pub fn load(&self) -> anyhow::Result<Dictionaries> {
        let (dicts, diags) = load(&self.dict)?;
        let skipped = diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        if skipped > 0 {
            super::common::warn(format_args!(
                "{skipped} dictionary lines could not be read (`dyad dict check` lists them)"
            ));
        }
        Ok(dicts)
    }
}

#[derive(clap::Args)]
struct LookupArgs {
    /// The date codes are resolved on (YYYY-MM-DD); without it, undated codes are used
    #[arg(long, value_parser = parse_date)]
    date: Option<Date>,
    #[command(flatten)]
    dicts: DictArgs,
}

#[derive(clap::Args)]
struct BenchArgs {
    /// Dictionary sets to time besides the built-in one, each a comma-separated list of
    /// --dict arguments (default: the Phoenix set and all of ../shared/petrarch when present)
    #[arg(long = "set", value_name = "FILES")]
    sets: Vec<String>,
    /// Runs per measurement; the median is reported
    #[arg(long, default_value_t = 9)]
    runs: usize,
    /// JSONL articles (a "text" field) to time matching on (default: ../shared/corpora/bbc-politics.jsonl)
    #[arg(long)]
    text: Option<PathBuf>,
}

fn parse_date(s: &str) -> Result<Date, String> {
    s.parse::<Date>()
        .map_err(|_| format!("`{s}` is not a date YYYY-MM-DD"))
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.command {
        DictCommand::Check(a) => check(a),
        DictCommand::Lookup(a) => lookup(a),
        DictCommand::Bench(a) => bench(a),
        DictCommand::Compare(a) => compare(a),
    }
}

/// Loads `files`, or the built-in dictionaries when there are none.
pub fn load(files: &[String]) -> anyhow::Result<(Dictionaries, Vec<Diagnostic>)> {
    if files.is_empty() {
        let sources = dyad_dict::builtin_sources();
        if sources.is_empty() {
            bail!("dyad has no built-in dictionaries yet (dict/ holds no .dyad file); pass --dict FILE (dyad, PETRARCH or TABARI format, or a PETR_config.ini)");
        }
        return Ok(Dictionaries::from_sources(&sources));
    }
    Ok(Dictionaries::load(files)?)
}

fn check(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let (dicts, mut diags) = load(&args.files)?;
    diags.extend(dicts.lint(Some(Ontology::builtin())));
    // In the order the files were given, then by line.
    let order = |f: &str| {
        dicts
            .files()
            .iter()
            .position(|x| &**x == f)
            .unwrap_or(usize::MAX)
    };
    diags.sort_by_key(|d| (order(&d.file), d.line));
    let mut out = BufWriter::new(io::stdout().lock());
    for d in &diags {
        if args.json {
            writeln!(out, "{}", serde_json::to_string(d)?)?;
        } else {
            writeln!(out, "{d}")?;
        }
    }
    out.flush()?;
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    eprintln!(
        "dyad dict check: {} files, {} actors, {} agents, {} event entries, {} sets, {} discards, {} issues; {errors} errors, {} warnings",
        dicts.files().len(),
        dicts.actors().entries().len(),
        dicts.agents().entries().len(),
        dicts.events().entries().len(),
        dicts.events().sets().len(),
        dicts.discards().entries().len(),
        dicts.issues().entries().len(),
        diags.len() - errors
    );
    Ok(if diags.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The words of a line as dyad's tokenizer splits them.
fn words(line: &str) -> Vec<&str> {
    dyad_text::split(line)
        .iter()
        .flat_map(|s| s.words.iter().map(|w| w.span.of(line)).collect::<Vec<_>>())
        .collect()
}

fn lookup(args: LookupArgs) -> anyhow::Result<ExitCode> {
    let dicts = args.dicts.load()?;
    let mut out = BufWriter::new(io::stdout().lock());
    for line in io::stdin().lock().lines() {
        let line = line.context("reading standard input")?;
        let text = line.trim();
        if !text.is_empty() {
            writeln!(out, "{}", lookup_json(&dicts, text, args.date))?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The JSON line `dyad dict lookup` writes for one name or phrase.
fn lookup_json(dicts: &Dictionaries, text: &str, date: Option<Date>) -> String {
    use serde_json::json;
    let tokens = words(text);
    let r = dicts.resolve(&tokens, date);
    let code = r.as_ref().and_then(|r| r.code.clone());
    let (country, sector) = code.as_deref().map(split_code).unwrap_or((None, None));
    let matched = r.as_ref().map(|r| match (r.actor, r.agent) {
        (Some(a), Some(g)) => format!("{}+{}", a.id, g.id),
        (Some(a), None) => a.id.to_string(),
        (None, Some(g)) => g.id.to_string(),
        (None, None) => String::new(),
    });
    // Written field by field to keep the documented key order.
    format!(
        "{{\"text\":{},\"code\":{},\"country\":{},\"sector\":{},\"matched\":{}}}",
        json!(text),
        json!(code),
        json!(country),
        json!(sector),
        json!(matched)
    )
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

/// `../shared` beside the working directory, else beside the source tree.
fn shared_dir() -> PathBuf {
    let here = PathBuf::from("../shared");
    if here.is_dir() {
        return here;
    }
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"))
}

fn compare(args: CompareArgs) -> anyhow::Result<ExitCode> {
    use dyad_dict::yardstick;
    let dir = args
        .yardstick
        .unwrap_or_else(|| shared_dir().join("petrarch"));
    let ours = args.dicts.load()?;
    let file = |name: &str, kind: &str| -> anyhow::Result<Dictionaries> {
        let path = dir.join(name);
        if !path.is_file() {
            bail!(
                "{} is missing: give the Phoenix folder with --yardstick",
                path.display()
            );
        }
        Ok(Dictionaries::load(&[format!("{kind}:{}", path.display())])?.0)
    };
    let day = |s: &str| s.parse::<Date>().expect("a valid date");
    let countries = file("Phoenix.Countries.actors.txt", "actors")?;
    let people = yardstick::people(&ours, &countries, day("1990-01-01"), day("2016-12-31"));
    let mut groups = yardstick::groups(&ours, &file("Phoenix.International.actors.txt", "actors")?);
    let non_state = yardstick::groups(&ours, &file("Phoenix.MilNonState.actors.txt", "actors")?);
    groups.total += non_state.total;
    groups.found += non_state.found;
    groups.misses.extend(non_state.misses);
    let agents = yardstick::agents(&ours, &file("Phoenix.agents.txt", "agents")?);

    let measures = [
        (
            "people",
            "people of Phoenix.Countries with dated codes in 1990-2016, same country and sector",
            &people,
            95.0,
        ),
        (
            "groups",
            "Phoenix.International and Phoenix.MilNonState actors, same first code block",
            &groups,
            90.0,
        ),
        ("agents", "Phoenix.agents entries, same code", &agents, 90.0),
    ];
    for (_, what, c, target) in &measures {
        println!(
            "{:>6.2}% ({} of {}) {what} (target {target}%)",
            c.percent(),
            c.found,
            c.total
        );
    }
    if let Some(path) = &args.misses {
        let mut out = BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?,
        );
        for (name, _, c, _) in &measures {
            for m in &c.misses {
                let date = m.date.map(|d| d.to_string()).unwrap_or_default();
                let got = m.got.as_deref().unwrap_or("-");
                writeln!(
                    out,
                    "{name}\t{}\t{}\t{date}\t{}\t{got}",
                    m.id, m.line, m.expected
                )?;
            }
        }
        out.flush()?;
    }
    Ok(ExitCode::SUCCESS)
}

fn bench(args: BenchArgs) -> anyhow::Result<ExitCode> {
    let runs = args.runs.max(1);
    let time = |f: &dyn Fn() -> Dictionaries| -> (Duration, Dictionaries) {
        let mut times = Vec::new();
        let mut last = None;
        for _ in 0..runs {
            let t = Instant::now();
            let d = f();
            times.push(t.elapsed());
            last = Some(d);
        }
        (median(times), last.expect("runs >= 1"))
    };
    let summary = |d: &Dictionaries| {
        format!(
            "{} actors, {} agents, {} event entries, {} discards, {} issues",
            d.actors().entries().len(),
            d.agents().entries().len(),
            d.events().entries().len(),
            d.discards().entries().len(),
            d.issues().entries().len()
        )
    };
    println!(
        "dictionary loading, median of {runs} runs (reading files, parsing, compiling automata):"
    );
    let builtin = dyad_dict::builtin_sources();
    if builtin.is_empty() {
        println!("  built-in (dict/): no .dyad files yet, nothing to time");
    } else {
        let (t, d) = time(&|| Dictionaries::from_sources(&builtin).0);
        println!(
            "  built-in ({} files): {}  [{}]",
            builtin.len(),
            ms(t),
            summary(&d)
        );
    }
    let mut sets: Vec<(String, Vec<String>)> = args
        .sets
        .iter()
        .map(|s| (s.clone(), s.split(',').map(str::to_string).collect()))
        .collect();
    let petrarch = shared_dir().join("petrarch");
    if sets.is_empty() && petrarch.is_dir() {
        let p = |f: &str| petrarch.join(f).to_string_lossy().into_owned();
        sets.push((
            "Phoenix set (PETR_config.ini)".into(),
            vec![p("PETR_config.ini")],
        ));
        let all = [
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
        sets.push((
            "every dictionary in ../shared/petrarch".into(),
            all.iter().map(|f| p(f)).collect(),
        ));
    }
    let mut largest: Option<Dictionaries> = None;
    for (name, files) in &sets {
        // Fail early with a clear message rather than inside the timing loop.
        Dictionaries::load(files)?;
        let (t, d) = time(&|| Dictionaries::load(files).map(|x| x.0).unwrap_or_default());
        println!("  {name}: {}  [{}]", ms(t), summary(&d));
        if largest
            .as_ref()
            .is_none_or(|l| l.actors().entries().len() < d.actors().entries().len())
        {
            largest = Some(d);
        }
    }
    let Some(dicts) = largest else {
        return Ok(ExitCode::SUCCESS);
    };
    let text_path = args
        .text
        .unwrap_or_else(|| shared_dir().join("corpora/bbc-politics.jsonl"));
    if !text_path.is_file() {
        println!("matching: {} is absent, not timed", text_path.display());
        return Ok(ExitCode::SUCCESS);
    }
    let texts = read_texts(&text_path)?;
    let sentences: Vec<Vec<String>> = texts
        .iter()
        .flat_map(|t| {
            dyad_text::split(t)
                .into_iter()
                .map(|s| {
                    s.words
                        .iter()
                        .map(|w| w.span.of(t).to_string())
                        .collect::<Vec<_>>()
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let tokens: usize = sentences.iter().map(Vec::len).sum();
    let mut times = Vec::new();
    let mut found = 0;
    for _ in 0..runs {
        let t = Instant::now();
        found = 0;
        for s in &sentences {
            let enc = dicts.encode(s);
            found += dicts.actors().find_in(&enc).len() + dicts.agents().find_in(&enc).len();
        }
        times.push(t.elapsed());
    }
    let t = median(times);
    println!(
        "matching actors and agents ({}): {} sentences, {tokens} tokens, {found} matches in {}: {:.0} sentences/s, {:.2} M tokens/s",
        text_path.display(),
        sentences.len(),
        ms(t),
        sentences.len() as f64 / t.as_secs_f64(),
        tokens as f64 / t.as_secs_f64() / 1e6
    );
    Ok(ExitCode::SUCCESS)
}

fn read_texts(path: &PathBuf) -> anyhow::Result<Vec<String>> {
    let f = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut texts = Vec::new();
    for (i, line) in io::BufReader::new(f).lines().enumerate() {
        let line = line.with_context(|| format!("reading {}", path.display()))?;
        match serde_json::from_str::<serde_json::Value>(&line) {
            Ok(v) => {
                if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                    texts.push(t.to_string());
                }
            }
            Err(e) => eprintln!("dyad: skipped: {}:{}: {e}", path.display(), i + 1),
        }
    }
    Ok(texts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_dict::{Format, Source};

    #[test]
    fn lookup_lines() {
        let actors =
            "ISRAEL_ [ISR]\n+ISRAELI\nMARA_QUILL\n\t[ATLELI <20200101]\n\t[ATLGOV >20191231]\n";
        let (d, _) = Dictionaries::from_sources(&[
            Source::new("a.txt", Format::PetrarchActors, actors),
            Source::new(
                "g.txt",
                Format::PetrarchAgents,
                "TROOP [~MIL]\nPROTESTER [~OPP]\n",
            ),
        ]);
        let date = |y| Some(jiff::civil::date(y, 6, 1));
        assert_eq!(
            lookup_json(&d, "Israel's troops", date(2020)),
            r#"{"text":"Israel's troops","code":"ISRMIL","country":"ISR","sector":"MIL","matched":"ISRAEL+TROOP"}"#
        );
        assert!(lookup_json(&d, "Mara Quill", date(2019)).contains(r#""code":"ATLELI""#));
        assert!(lookup_json(&d, "Mara Quill", date(2021)).contains(r#""code":"ATLGOV""#));
        assert_eq!(
            lookup_json(&d, "protesters", None),
            r#"{"text":"protesters","code":"OPP","country":null,"sector":"OPP","matched":"PROTESTER"}"#
        );
        assert_eq!(
            lookup_json(&d, "nobody", None),
            r#"{"text":"nobody","code":null,"country":null,"sector":null,"matched":null}"#
        );
    }
}
