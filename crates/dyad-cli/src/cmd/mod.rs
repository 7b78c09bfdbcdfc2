//! One module per subcommand; each exposes `Args` (clap) and
//! `run(Args) -> anyhow::Result<ExitCode>`.

pub mod bench;
pub mod code;
pub mod common;
pub mod dict;
pub mod eval_ud;
pub mod explain;
pub mod parse;
pub mod split;
pub mod train;
pub mod validate;
