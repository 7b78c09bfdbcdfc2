//! `dyad split`: sentences and tokens as CoNLL-U or JSONL.

use super::common::{self, InputArgs, OutputArgs};
use dyad_core::{conllu, Sentence};
use serde_json::json;
use std::io::Write;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  dyad split examples/articles.jsonl
  dyad split --format jsonl story.txt --date 2024-05-14
  cat story.txt | dyad split -
  dyad split --input-format html page.html -o page.conllu")]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    output: OutputArgs,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Conllu)]
    format: Format,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    /// CoNLL-U: `# newdoc`, `# newpar`, `# sent_id` and `# text` comments, multiword-token lines, SpaceAfter=No
    Conllu,
    /// One JSON object per sentence: article id, index, byte span, text and tokens
    Jsonl,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut out = args.output.open()?;
    let bar = common::progress("articles");
    let (mut skipped, mut articles, mut sentence_count) = (0, 0, 0);
    let mut buffer = String::new();
    for item in args.input.articles() {
        let article = match item {
            Ok(article) => article,
            Err(problem) => {
                bar.suspend(|| common::warn(&problem));
                skipped += 1;
                continue;
            }
        };
        let sentences = dyad_text::split(&article.text);
        articles += 1;
        sentence_count += sentences.len();
        buffer.clear();
        match args.format {
            Format::Conllu => write_conllu(&mut buffer, &article.id, &article.text, &sentences),
            Format::Jsonl => write_jsonl(&mut buffer, &article.id, &article.text, &sentences),
        }
        common::finish_output(out.write_all(buffer.as_bytes()))?;
        bar.inc(1);
    }
    common::finish_output(out.flush())?;
    bar.finish_and_clear();
    if common::verbose() {
        eprintln!("dyad: {articles} articles, {sentence_count} sentences");
    }
    Ok(common::exit_status(skipped))
}

/// Whether a paragraph break (a blank line, or a line break followed by
/// indentation) separates `before` from the sentence that follows.
pub fn paragraph_break(between: &str) -> bool {
    let mut lines = between.split('\n');
    lines.next();
    let rest: Vec<&str> = lines.collect();
    rest.len() >= 2 || rest.first().is_some_and(|l| l.starts_with([' ', '\t']))
}

pub fn write_conllu(out: &mut String, article_id: &str, text: &str, sentences: &[Sentence]) {
    out.push_str("# newdoc id = ");
    out.push_str(article_id);
    out.push('\n');
    let mut previous_end = 0;
    for (i, s) in sentences.iter().enumerate() {
        let between = &text[previous_end..s.span.start as usize];
        if i == 0 || paragraph_break(between) {
            out.push_str("# newpar\n");
        }
        let id = format!("{article_id}-{}", i + 1);
        conllu::write_sentence(out, text, s, &[("sent_id", &id)]);
        previous_end = s.span.end as usize;
    }
}

fn write_jsonl(out: &mut String, article_id: &str, text: &str, sentences: &[Sentence]) {
    for (i, s) in sentences.iter().enumerate() {
        let tokens: Vec<_> = s
            .tokens
            .iter()
            .map(|t| {
                let mut token = json!({ "form": t.span.of(text), "span": t.span });
                if t.is_multiword() {
                    token["words"] = s.words[t.words.start as usize..t.words.end as usize]
                        .iter()
                        .map(|w| w.form(text))
                        .collect();
                }
                if !t.space_after {
                    token["space_after"] = false.into();
                }
                token
            })
            .collect();
        let line = json!({
            "article_id": article_id,
            "index": i,
            "span": s.span,
            "text": s.text(text),
            "tokens": tokens,
        });
        out.push_str(&line.to_string());
        out.push('\n');
    }
}
