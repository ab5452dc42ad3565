//! Time and memory grow linearly with input size, for the inputs most likely to make them
//! grow faster: one long line, many headings, deep nesting, patterns built to backtrack. Each
//! case lints an input and one four times its size with the binary and asserts the growth factor
//! of CPU time and of peak memory (from `wait4`, per child process), over what a tiny input
//! costs, is at most 6: linear growth gives 4, quadratic 16. A fourfold step leaves room for the
//! noise of a shared machine (a twofold step with a limit of 2.5 failed on noise alone) while
//! quadratic growth still fails by far. Noise can only push a single run over the limit, never
//! a quadratic case under it (that would take the smaller input's run to cost almost three times
//! its due), so a case is measured once per size and measured again, taking the least of three
//! runs, only when that is over the limit. The README's "Resource use" table gives the release
//! build's figures.
#![cfg(unix)]

use std::path::Path;
use std::process::{Command, Stdio};

/// How many times larger the second input is than the first.
const STEP: usize = 4;

/// The most linear growth over one [`STEP`] may show once noise is allowed for.
const MAX_GROWTH: f64 = 6.0;

/// Runs per size when a single run shows too much growth: the least cost of them is taken,
/// since noise only ever adds. A single run rarely needs them, so each case costs one run per
/// size unless noise or a real regression pushes it over [`MAX_GROWTH`].
const RUNS_ON_DOUBT: usize = 3;

/// One measurement at a time: the cases of this file run on parallel test threads, and a
/// case measured while another lints beside it on the same two cores grows by noise alone.
static MEASURING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// CPU seconds and peak resident kilobytes of one `policylint check` of `file`, uncached so
/// that every run parses; concise output unless `extra` names a `--format`.
fn cost(file: &Path, extra: &[&str]) -> (f64, f64) {
    let format: &[&str] = if extra.contains(&"--format") {
        &[]
    } else {
        &["--format", "concise"]
    };
    #[allow(
        clippy::zombie_processes,
        reason = "wait4 below reaps it, and tells what it used"
    )]
    let child = Command::new(env!("CARGO_BIN_EXE_policylint"))
        .args(["check", "--max-file-size", "1GB"])
        .args(format)
        .args(["--max-parse-time", "1000", "--no-cache"])
        .args(extra)
        .arg(file)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut status = 0;
    // Safety: an all-zero rusage is valid, and the child is ours and not yet waited for.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    assert_eq!(waited, child.id() as libc::pid_t);
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) < 2,
        "{} did not lint cleanly",
        file.display()
    );
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    (
        seconds(usage.ru_utime) + seconds(usage.ru_stime),
        usage.ru_maxrss as f64,
    )
}

/// The least cost of `runs` runs.
fn least_cost(file: &Path, extra: &[&str], runs: usize) -> (f64, f64) {
    (0..runs)
        .map(|_| cost(file, extra))
        .fold((f64::MAX, f64::MAX), |(t, m), (t2, m2)| {
            (t.min(t2), m.min(m2))
        })
}

/// Growth of time and of memory from `make(n)` to `make(STEP n)`, over a tiny input's, with the
/// least cost of `runs` runs per size.
struct Growth {
    tiny: (f64, f64),
    single: (f64, f64),
    larger: (f64, f64),
}

impl Growth {
    fn measure(files: &[std::path::PathBuf; 3], extra: &[&str], runs: usize) -> Self {
        let [tiny, single, larger] = files.each_ref().map(|file| least_cost(file, extra, runs));
        Self {
            tiny,
            single,
            larger,
        }
    }

    fn time(&self) -> f64 {
        Self::factor(self.tiny.0, self.single.0, self.larger.0)
    }

    fn memory(&self) -> f64 {
        Self::factor(self.tiny.1, self.single.1, self.larger.1)
    }

    /// Memory a tiny input needs is most of what a small one does; growth is judged only when
    /// the input adds measurably to it.
    fn memory_is_measurable(&self) -> bool {
        self.single.1 - self.tiny.1 > 4_096.0
    }

    fn within_bounds(&self) -> bool {
        self.time() <= MAX_GROWTH && (!self.memory_is_measurable() || self.memory() <= MAX_GROWTH)
    }

    fn factor(floor: f64, one: f64, two: f64) -> f64 {
        (two - floor) / (one - floor).max(f64::EPSILON)
    }
}

/// Lint `make(n)` and `make(STEP n)` and assert that time and memory, over a tiny input's, at
/// most grow by [`MAX_GROWTH`].
fn assert_linear(
    case: &str,
    extension: &str,
    n: usize,
    make: impl Fn(usize) -> String,
    extra: &[&str],
) {
    let _alone = MEASURING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: String| {
        let path = dir.path().join(format!("{name}.{extension}"));
        std::fs::write(&path, text).unwrap();
        path
    };
    let files = [
        write("tiny", make(1)),
        write("single", make(n)),
        write("larger", make(STEP * n)),
    ];
    let mut growth = Growth::measure(&files, extra, 1);
    if !growth.within_bounds() {
        growth = Growth::measure(&files, extra, RUNS_ON_DOUBT);
    }
    let Growth {
        tiny,
        single,
        larger,
    } = &growth;
    assert!(
        single.0 - tiny.0 > 0.05,
        "{case}: the input is too small to measure ({:.3} s over {:.3} s)",
        single.0,
        tiny.0
    );
    let time = growth.time();
    assert!(
        time <= MAX_GROWTH,
        "{case}: time grew {time:.2}x from n = {n} to {STEP}n ({:.3} s, {:.3} s, {:.3} s for a tiny input)",
        single.0,
        larger.0,
        tiny.0
    );
    if growth.memory_is_measurable() {
        let memory = growth.memory();
        assert!(
            memory <= MAX_GROWTH,
            "{case}: peak memory grew {memory:.2}x from n = {n} to {STEP}n ({} kB, {} kB, {} kB for a tiny input)",
            single.1,
            larger.1,
            tiny.1
        );
    }
}

#[test]
fn one_long_line_is_linear() {
    assert_linear(
        "one line",
        "md",
        1 << 18,
        |n| {
            let mut line = "Managers coach people and submit the form, ".repeat(n / 43 + 1);
            line.truncate(n);
            line
        },
        &[],
    );
}

#[test]
fn many_headings_are_linear() {
    assert_linear(
        "headings",
        "md",
        5_000,
        |n| {
            (0..n)
                .map(|i| format!("{} Part {i}\n\nSubmit the form.\n\n", "#".repeat(1 + i % 6)))
                .collect()
        },
        &[],
    );
}

#[test]
fn deep_nesting_is_linear() {
    for (case, marker, n) in [
        ("nested lists", "- ", 60_000),
        ("nested quotes", "> ", 100_000),
    ] {
        assert_linear(
            case,
            "md",
            n,
            |n| format!("# Deep\n\n{}Submit the form.\n", marker.repeat(n)),
            &[],
        );
    }
}

#[test]
fn patterns_built_to_backtrack_are_linear() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("hostile.toml");
    std::fs::write(
        &pack,
        "[pack]\nname = \"hostile\"\n\n[concepts.hostile]\npatterns = ['(a*)*b', '(x+x+)+y']\n",
    )
    .unwrap();
    let pack = pack.display().to_string();
    assert_linear(
        "backtracking patterns",
        "txt",
        1 << 19,
        |n| format!("{}\n\n{}\n", "a".repeat(n), "x".repeat(n)),
        &["--rules", &pack],
    );
}

#[test]
fn many_suppressions_on_one_line_are_linear() {
    assert_linear(
        "suppressions on one line",
        "md",
        10_000,
        |n| {
            let directive = "<!-- policylint-disable-next-line purpose-missing --> ";
            format!("# Policy\n\n{}\nWe submit forms.\n", directive.repeat(n))
        },
        &[],
    );
}

#[test]
fn many_findings_on_one_long_line_are_linear_in_every_position_format() {
    let pack = jargon_pack();
    // Sizes that cost each format about the same: human output shows a window of source per
    // finding, JSON an object.
    for (format, n) in [("concise", 1 << 17), ("human", 1 << 15), ("json", 1 << 16)] {
        assert_linear(
            &format!("findings on one line, {format}"),
            "md",
            n,
            |n| format!("# Policy\n\n{}\n", "We value synergy. ".repeat(n / 18 + 1)),
            &[
                "--rules",
                &pack,
                "--select",
                "no-jargon",
                "--format",
                format,
            ],
        );
    }
}

/// The pack of `fixtures/output`, whose `no-jargon` rule finds every "synergy".
fn jargon_pack() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/output/escaping.toml")
        .display()
        .to_string()
}

/// The inline grammar keeps a few hundred bytes per byte of markup-dense text such as `<a <a
/// <a …`; a paragraph of megabytes is parsed in pieces, so its tree never exists whole. One
/// tree for 2 MB of it cost 325 bytes per byte of input.
#[test]
fn a_paragraph_of_megabytes_of_markup_is_parsed_in_pieces() {
    let _alone = MEASURING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let size = 2_000_001;
    let write = |name: &str, text: String| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    let tiny = cost(&write("tiny.md", "<a ".to_string()), &[]);
    let paragraph = cost(&write("markup.md", "<a ".repeat(size / 3)), &[]);
    let per_byte = (paragraph.1 - tiny.1) * 1024.0 / size as f64;
    assert!(
        per_byte < 250.0,
        "{per_byte:.0} bytes of memory per byte ({} kB, {} kB for a tiny input)",
        paragraph.1,
        tiny.1
    );
}
