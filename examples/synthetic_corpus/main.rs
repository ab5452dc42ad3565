//! Write a synthetic corpus of policy, handbook and role documents for benchmarks and tests.
//!
//! `cargo run --release --example synthetic_corpus -- OUT_DIR N [SEED]`
//!
//! The same `N` and `SEED` always give the same bytes, so throughput figures are comparable
//! across machines and commits without keeping a corpus in the repository.

mod corpus;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (dir, count, seed) = match args.as_slice() {
        [dir, count] => (dir, count, None),
        [dir, count, seed] => (dir, count, Some(seed)),
        _ => return usage("expected OUT_DIR N [SEED]"),
    };
    let Ok(count) = count.parse::<usize>() else {
        return usage("N must be a whole number");
    };
    let seed = match seed.map(|s| s.parse::<u64>()) {
        None => corpus::DEFAULT_SEED,
        Some(Ok(seed)) => seed,
        Some(Err(_)) => return usage("SEED must be a whole number"),
    };
    let dir = PathBuf::from(dir);
    match corpus::write(&dir, count, seed) {
        Ok(bytes) => {
            println!(
                "wrote {count} documents, {:.1} MB, to {} (seed {seed})",
                bytes as f64 / 1e6,
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: cannot write to {}: {err}", dir.display());
            ExitCode::FAILURE
        }
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("error: {problem}\nusage: synthetic_corpus OUT_DIR N [SEED]");
    ExitCode::from(2)
}
