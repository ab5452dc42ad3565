//! The tests that need something outside the repository (the shared corpus, Chromium, strace,
//! maturin, pre-commit, npm) or that interrupt a run, in one binary under libtest-mimic: a test whose
//! need is missing is reported as ignored, never as passed, and under CI it fails instead.
//! Each test is listed as `[module] name`, so `cargo test --test external browser` runs one
//! module.

#[path = "../common/mod.rs"]
mod common;

mod browser;
mod corpus;
mod interrupt;
mod packaging;
mod vscode;

fn main() -> std::process::ExitCode {
    let modules = [
        ("browser", browser::trials()),
        ("corpus", corpus::trials()),
        ("interrupt", interrupt::trials()),
        ("packaging", packaging::trials()),
        ("vscode", vscode::trials()),
    ];
    common::run_trials(
        modules
            .into_iter()
            .flat_map(|(module, trials)| trials.into_iter().map(move |t| t.with_kind(module)))
            .collect(),
    )
}
