//! Throughput of each pipeline stage next to the parse-only floor.
//!
//! `cargo bench --bench throughput` generates (once, under `target/bench-corpus/`) a synthetic
//! corpus of `POLICYLINT_BENCH_FILES` documents (default 4,000, about 40 MB) and times, on all
//! cores, five stages that each do everything the one before does plus one step:
//!
//! 1. read only: every file read into memory;
//! 2. block parse: read, decode and the tree-sitter block grammar alone (Markdown files; the
//!    others are only decoded), the floor;
//! 3. full parse: the document model, inline markup included;
//! 4. parse + evidence: the lexicon matched over the prose;
//! 5. check: the release binary's real path, human diagnostics rendered to `/dev/null`,
//!    without the cache;
//!
//! and then the cache's two sides: `cold check`, which lints everything and writes the cache
//! into an empty folder, and `warm check`, a re-run over the unchanged folder that restores
//! every result from it. The targets: check at least 75% of the block-parse throughput, warm
//! at most 10% of cold.
//!
//! Each stage runs in a child process of its own so its peak RSS is its own; the least wall
//! time and the least CPU time of `POLICYLINT_BENCH_RUNS` rounds (default 3) are reported,
//! rounds interleaving the stages so that load from elsewhere on the machine spreads over all
//! of them. The check/block-parse ratio is printed by both. The shared corpus in
//! `../shared/corpus` is measured too when it is there.
//!
//! `throughput stage NAME DIR` runs one in-process stage alone, for a profiler.

#[path = "../examples/synthetic_corpus/corpus.rs"]
mod corpus;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use policylint::evidence;
use policylint::rules::lexicon::Scratch;
use policylint::rules::{self, PackSource, RuleSet};
use policylint::source::{self, Format, MarkdownParser};
use policylint::walk::{self, WalkOptions};
use rayon::prelude::*;

/// One measured step of the pipeline.
struct Stage {
    name: &'static str,
    run: Run,
}

/// How a stage runs in its child process.
enum Run {
    /// This benchmark's own executable, doing the work per file on the rayon pool.
    InProcess(fn(&Path, &mut Tools) -> u64),
    /// The policylint binary with these arguments before the folder.
    Binary(&'static [&'static str]),
    /// `policylint check` with its cache in a folder of its own under `target/`.
    Cached(Warmth),
}

/// What the cache holds when a cached stage starts.
#[derive(Clone, Copy, PartialEq)]
enum Warmth {
    /// Nothing: the folder is removed before each run.
    Cold,
    /// Every result: an untimed run fills it first.
    Warm,
}

const STAGES: &[Stage] = &[
    Stage {
        name: "read only",
        run: Run::InProcess(read_only),
    },
    Stage {
        name: "block parse",
        run: Run::InProcess(block_parse),
    },
    Stage {
        name: "full parse",
        run: Run::InProcess(full_parse),
    },
    Stage {
        name: "parse + evidence",
        run: Run::InProcess(parse_and_evidence),
    },
    Stage {
        name: "check",
        run: Run::Binary(&["check", "--no-cache"]),
    },
    Stage {
        name: "cold check",
        run: Run::Cached(Warmth::Cold),
    },
    Stage {
        name: "warm check",
        run: Run::Cached(Warmth::Warm),
    },
];

/// The stage the throughput target is measured against, and the one measured.
const FLOOR: &str = "block parse";
const TARGET: &str = "check";
/// The re-run measured against the first run that writes the cache.
const COLD: &str = "cold check";
const WARM: &str = "warm check";

/// Per-thread state of the in-process stages, built once per worker as `check` does.
struct Tools<'r> {
    markdown: MarkdownParser,
    scratch: Scratch,
    rules: &'r RuleSet,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    match args.as_slice() {
        [command, name, dir] if command == "stage" => run_stage(name, Path::new(dir)),
        [] => {
            bench_all();
            ExitCode::SUCCESS
        }
        // `cargo bench` passes filters on; there is one benchmark, so any filter runs it.
        [_] => {
            bench_all();
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("usage: throughput [stage NAME DIR]");
            ExitCode::from(2)
        }
    }
}

fn bench_all() {
    let files = env_number("POLICYLINT_BENCH_FILES", 4000);
    let runs = env_number("POLICYLINT_BENCH_RUNS", 3).max(1);
    let synthetic = synthetic_corpus(files);
    measure(&synthetic, runs);
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if shared.is_dir() {
        measure(&shared, runs);
    } else {
        println!("\n(no shared corpus at {}, skipped)", shared.display());
    }
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The generated corpus of `count` documents, written on first use and reused after.
fn synthetic_corpus(count: usize) -> PathBuf {
    let target = target_dir();
    let name = format!("{count}-{}", corpus::DEFAULT_SEED);
    let dir = target.join("bench-corpus").join(&name);
    let done = target.join("bench-corpus").join(format!("{name}.done"));
    if !done.exists() {
        let _ = std::fs::remove_dir_all(&dir);
        corpus::write(&dir, count, corpus::DEFAULT_SEED).expect("write the benchmark corpus");
        std::fs::write(&done, "").expect("mark the benchmark corpus complete");
    }
    dir
}

/// What one run of a stage cost.
#[derive(Clone, Copy)]
struct Sample {
    wall: Duration,
    cpu: Duration,
    peak_rss_kb: u64,
}

fn measure(dir: &Path, runs: usize) {
    let files = files_under(dir);
    let bytes: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    let threads = rayon::current_num_threads();
    println!(
        "\n{}: {} files, {:.1} MB, {threads} threads, best of {runs}",
        dir.display(),
        files.len(),
        bytes as f64 / 1e6
    );
    // One untimed read so that every stage finds the files in the page cache.
    let _ = read_only_all(&files);
    // The least of each measure over the rounds: on a shared machine the fastest round is the
    // one least disturbed, and CPU time is disturbed less than wall time.
    let mut best: Vec<Option<Sample>> = vec![None; STAGES.len()];
    for _ in 0..runs {
        for (stage, best) in STAGES.iter().zip(&mut best) {
            let sample = run_child(stage, dir);
            *best = Some(best.map_or(sample, |b| Sample {
                wall: b.wall.min(sample.wall),
                cpu: b.cpu.min(sample.cpu),
                peak_rss_kb: b.peak_rss_kb.max(sample.peak_rss_kb),
            }));
        }
    }
    println!(
        "{:<18} {:>8} {:>9} {:>8} {:>8} {:>10} {:>9}",
        "stage", "time", "files/s", "MB/s", "CPU time", "peak RSS", "vs floor"
    );
    let sample_of = |name: &str| {
        STAGES
            .iter()
            .zip(&best)
            .find(|(s, _)| s.name == name)
            .and_then(|(_, b)| *b)
    };
    let floor = sample_of(FLOOR).map_or(f64::NAN, |b| b.wall.as_secs_f64());
    for (stage, sample) in STAGES.iter().zip(&best) {
        let Some(sample) = sample else { continue };
        let secs = sample.wall.as_secs_f64();
        println!(
            "{:<18} {:>6.3} s {:>9.0} {:>8.1} {:>6.2} s {:>7.1} MB {:>8.0}%",
            stage.name,
            secs,
            files.len() as f64 / secs,
            bytes as f64 / 1e6 / secs,
            sample.cpu.as_secs_f64(),
            sample.peak_rss_kb as f64 / 1024.0,
            100.0 * floor / secs,
        );
    }
    if let (Some(floor), Some(target)) = (sample_of(FLOOR), sample_of(TARGET)) {
        let ratio =
            |f: fn(&Sample) -> Duration| 100.0 * f(&floor).as_secs_f64() / f(&target).as_secs_f64();
        println!(
            "{TARGET} throughput is {:.1}% of {FLOOR} throughput by wall time, {:.1}% by CPU \
             time (target: at least 75%)",
            ratio(|s| s.wall),
            ratio(|s| s.cpu)
        );
    }
    if let (Some(cold), Some(warm)) = (sample_of(COLD), sample_of(WARM)) {
        println!(
            "{WARM} takes {:.1}% of the {COLD} time (target: at most 10%)",
            100.0 * warm.wall.as_secs_f64() / cold.wall.as_secs_f64()
        );
    }
}

/// The cache folder of the cached stages: one per corpus, under `target/`.
fn cache_dir(dir: &Path) -> PathBuf {
    let name = dir
        .file_name()
        .map_or_else(|| "corpus".into(), |n| n.to_string_lossy().into_owned());
    target_dir().join("bench-cache").join(name)
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
}

/// Run `stage` on `dir` in a child process; its time, CPU time and peak resident memory.
#[expect(
    clippy::zombie_processes,
    reason = "wait4 reaps the child, which std's wait cannot do while reporting its usage"
)]
fn run_child(stage: &Stage, dir: &Path) -> Sample {
    let mut command = match stage.run {
        Run::InProcess(_) => {
            let mut c = Command::new(std::env::current_exe().expect("own executable"));
            c.args(["stage", stage.name]);
            c
        }
        Run::Binary(args) => {
            let mut c = Command::new(env!("CARGO_BIN_EXE_policylint"));
            c.args(args);
            c
        }
        Run::Cached(warmth) => {
            let cache = cache_dir(dir);
            let _ = std::fs::remove_dir_all(&cache);
            let cached_check = || {
                let mut c = Command::new(env!("CARGO_BIN_EXE_policylint"));
                c.arg("check").arg("--cache-dir").arg(&cache);
                c
            };
            if warmth == Warmth::Warm {
                let filled = cached_check()
                    .arg(dir)
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .status()
                    .expect("fill the cache");
                assert!(filled.code().is_some_and(|code| code < 2), "fill the cache");
            }
            cached_check()
        }
    };
    command
        .arg(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let start = Instant::now();
    let child = command.spawn().expect("start the stage");
    let (status, usage) = wait_with_usage(child.id());
    let wall = start.elapsed();
    // `check` exits 1 when it has findings; anything above is a failure of the run.
    assert!(
        (0..=1).contains(&status),
        "stage {} failed with status {status}",
        stage.name
    );
    let cpu = timeval(usage.ru_utime) + timeval(usage.ru_stime);
    Sample {
        wall,
        cpu,
        peak_rss_kb: usage.ru_maxrss.max(0) as u64,
    }
}

/// Reap the child `pid`: its exit status and resource usage, peak RSS among them.
fn wait_with_usage(pid: u32) -> (i32, libc::rusage) {
    let mut status = 0;
    // SAFETY: `rusage` is plain data that wait4 fills in; a zeroed one is a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own child, not yet waited for; both out-pointers are valid.
    let reaped = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage) };
    assert_eq!(reaped, pid as libc::pid_t, "wait for the stage");
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    (code, usage)
}

fn timeval(t: libc::timeval) -> Duration {
    Duration::new(t.tv_sec.max(0) as u64, (t.tv_usec.max(0) as u32) * 1000)
}

/// The files `check` would lint under `dir`, in its order.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    walk::collect(&[dir.to_path_buf()], WalkOptions::default())
        .files
        .into_iter()
        .map(|found| found.path)
        .collect()
}

/// The child side: run the stage called `name` over `dir` and exit.
fn run_stage(name: &str, dir: &Path) -> ExitCode {
    let Some(Run::InProcess(per_file)) = STAGES.iter().find(|s| s.name == name).map(|s| &s.run)
    else {
        eprintln!("no in-process stage called {name:?}");
        return ExitCode::from(2);
    };
    let rules =
        policylint::check::load(
            &[PackSource::builtin(rules::DEFAULT_PACK).expect("built-in pack")],
        )
        .expect("the built-in pack loads");
    let files = files_under(dir);
    let total: u64 = files
        .par_iter()
        .map_init(
            || Tools {
                markdown: MarkdownParser::new(),
                scratch: Scratch::default(),
                rules: &rules,
            },
            |tools, path| per_file(path, tools),
        )
        .sum();
    // Printed so the work cannot be optimised away.
    println!("{total}");
    ExitCode::SUCCESS
}

fn read_only_all(files: &[PathBuf]) -> u64 {
    files.par_iter().map(|path| read_len(path)).sum()
}

fn read_len(path: &Path) -> u64 {
    std::fs::read(path).map_or(0, |bytes| bytes.len() as u64)
}

fn read_only(path: &Path, _: &mut Tools) -> u64 {
    read_len(path)
}

/// The file's text, decoded as `check` decodes it.
fn text_of(path: &Path) -> Option<String> {
    let bytes = std::fs::read(path).ok()?;
    source::decode(bytes).ok().map(|decoded| decoded.text)
}

/// Markdown through the block grammar; other files only decoded, as no grammar reads them.
fn block_parse(path: &Path, tools: &mut Tools) -> u64 {
    let Some(text) = text_of(path) else { return 0 };
    if Format::from_path(path) != Some(Format::Markdown) {
        return text.len() as u64;
    }
    tools
        .markdown
        .parse_blocks(&text)
        .map_or(0, |tree| tree.root_node().end_byte() as u64)
}

fn parse(path: &Path, tools: &mut Tools) -> Option<source::Document> {
    let text = text_of(path)?;
    let format = Format::from_path(path).unwrap_or(Format::Text);
    source::parse(
        path.display().to_string(),
        format,
        text,
        &mut tools.markdown,
    )
    .ok()
}

fn full_parse(path: &Path, tools: &mut Tools) -> u64 {
    parse(path, tools).map_or(0, |doc| doc.blocks.len() as u64)
}

fn parse_and_evidence(path: &Path, tools: &mut Tools) -> u64 {
    parse(path, tools).map_or(0, |doc| {
        evidence::scan(&doc, tools.rules, &mut tools.scratch)
            .hits
            .len() as u64
    })
}
