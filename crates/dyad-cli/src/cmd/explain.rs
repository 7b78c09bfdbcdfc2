//! `dyad explain`: what the coder does with a text: the parse, the actor
//! mentions, the patterns tried for each predicate, the one that fired and
//! why the others did not, and the events.

use super::dict::DictArgs;
use dyad_coder::{Coder, SentenceTrace};
use dyad_core::Article;
use dyad_ontology::Ontology;
use std::fmt::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
#[command(after_help = "Examples:
  dyad explain \"Russia threatened to attack Ukraine.\" --date 2024-01-01 --dict mine.dyad
  dyad explain --json \"Gondor and Arnor agree.\" --dict ../shared/petrarch/PETR_config.ini")]
pub struct Args {
    /// The text to explain (one or more sentences, read as one article)
    text: String,
    /// The article's date, for dated actor codes: YYYY-MM-DD
    #[arg(long, value_parser = super::common::parse_date)]
    date: Option<jiff::civil::Date>,
    #[command(flatten)]
    dicts: DictArgs,
    /// A model file written by `dyad train`, instead of the bundled one
    #[arg(long, value_name = "FILE")]
    model: Option<PathBuf>,
    #[command(flatten)]
    coding: super::code::CodingArgs,
    /// Print the explanation as JSON
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let dicts = args.dicts.load()?;
    let model = super::parse::load_model(args.model.as_deref())?;
    let coder = Coder::new(&dicts, Ontology::builtin(), args.coding.options());
    let article = Article {
        id: "text".into(),
        date: args.date,
        text: args.text.clone(),
        ..Article::default()
    };
    let mut sentences = dyad_text::split(&article.text);
    for s in &mut sentences {
        model.annotate(&article.text, s);
    }
    let traces = coder.explain_article(&article, &sentences);
    if args.json {
        println!("{}", serde_json::to_string_pretty(&traces)?);
    } else {
        print!("{}", render(&traces));
    }
    Ok(ExitCode::SUCCESS)
}

/// Patterns that do not hold shown per predicate in the text output.
const SHOWN_FAILURES: usize = 8;

fn render(traces: &[SentenceTrace]) -> String {
    let mut out = String::new();
    for s in traces {
        let _ = writeln!(out, "sentence {}: {}", s.sentence, s.text);
        out.push_str("parse:\n");
        for w in &s.words {
            let _ = writeln!(
                out,
                "  {:>3} {:<16} {:<14} {:<6} {:>3} {}",
                w.id, w.form, w.lemma, w.upos, w.head, w.deprel
            );
        }
        out.push_str("mentions:\n");
        if s.mentions.is_empty() {
            out.push_str("  (none)\n");
        }
        for m in &s.mentions {
            let code = m.code.as_deref().unwrap_or("no code");
            let _ = writeln!(out, "  {:?} {} ({})", m.text, code, m.kind);
        }
        if let Some(d) = &s.discarded_by {
            let _ = writeln!(out, "discarded by {d}: nothing is coded\n");
            continue;
        }
        out.push_str("predicates:\n");
        if s.predicates.is_empty() {
            out.push_str(
                "  (no word of the sentence is a verb or event noun of the dictionaries)\n",
            );
        }
        for p in &s.predicates {
            let _ = writeln!(
                out,
                "  {} (word {}): {}",
                p.word,
                p.id,
                p.entries.join(", ")
            );
            let _ = writeln!(out, "    arguments: {}", list(&p.arguments));
            // Patterns for the entry's other verbs are left out, and all but
            // the first few that do not hold are counted.
            let mut failed = 0;
            for t in p.patterns.iter().filter(|t| !t.result.starts_with("for `")) {
                let holds = t.result == "fired" || t.result.starts_with("holds");
                if !holds {
                    failed += 1;
                    if failed > SHOWN_FAILURES {
                        continue;
                    }
                }
                let _ = writeln!(
                    out,
                    "    {} `{}` ({}): {}",
                    t.entry, t.pattern, t.origin, t.result
                );
            }
            if failed > SHOWN_FAILURES {
                let _ = writeln!(
                    out,
                    "    ... and {} more patterns that do not hold (--json lists them all)",
                    failed - SHOWN_FAILURES
                );
            }
            if let Some(rule) = &p.rule {
                let _ = writeln!(out, "    code from: {rule}");
            }
            let _ = writeln!(out, "    => {}", p.outcome);
        }
        out.push_str("events:\n");
        if s.events.is_empty() {
            out.push_str("  (none)\n");
        }
        for e in &s.events {
            let mut notes = Vec::new();
            if let Some(a) = &e.attributed_to {
                notes.push(format!("reported by {:?}", a.text));
            }
            if let Some(c) = &e.condition {
                notes.push(format!("{} {:?}", c.kind, c.text));
            }
            for q in &e.quantities {
                notes.push(format!("quantity {:?}", q.text));
            }
            let side = |a: &Option<dyad_coder::ActorRef>| match a {
                Some(a) => format!("{} {:?}", a.code.as_deref().unwrap_or("?"), a.text),
                None => "-".into(),
            };
            let _ = writeln!(
                out,
                "  {} -> {}: {}{}{}{}",
                side(&e.source),
                side(&e.target),
                e.cameo.code,
                if e.negated { " negated" } else { "" },
                format_args!(" mood {:?}", e.mood)
                    .to_string()
                    .to_lowercase(),
                if notes.is_empty() {
                    String::new()
                } else {
                    format!("; {}", notes.join("; "))
                },
            );
        }
        out.push('\n');
    }
    out
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "(none)".into()
    } else {
        items.join(", ")
    }
}
