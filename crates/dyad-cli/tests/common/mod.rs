//! What the end-to-end tests of the `dyad` binary share.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs `dyad` with `args`, feeding `stdin` to it.
pub fn dyad(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dyad runs");
    // A run that stops early (a usage error) may never read its input.
    let _ = child.stdin.take().unwrap().write_all(stdin);
    child.wait_with_output().unwrap()
}
