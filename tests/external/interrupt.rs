//! A run interrupted with SIGINT leaves no partial or temporary file: the file it was asked to
//! write (a baseline, a report, the cache) is absent, the old one, or the new one complete. The
//! folders linted are made at run time, large enough that the signal lands mid-run.

use crate::common;

#[cfg(unix)]
pub use signals::trials;

/// Signals are a Unix matter: elsewhere there is nothing to test.
#[cfg(not(unix))]
pub fn trials() -> Vec<libtest_mimic::Trial> {
    Vec::new()
}

#[cfg(unix)]
mod signals {
    use super::common;

    use std::os::unix::process::ExitStatusExt;
    use std::path::Path;
    use std::process::{Child, Command, Stdio};
    use std::time::Duration;

    /// This file's tests; the one that needs strace is reported as ignored without it.
    pub fn trials() -> Vec<libtest_mimic::Trial> {
        // `.ci/run` installs strace, so under CI its absence is a failure, not a skip.
        let no_strace =
            (!strace_works()).then(|| "strace is not installed or may not trace".to_string());
        vec![
            common::needing(
                "sigint_mid_run_keeps_the_old_baseline_and_leaves_no_temporary_file",
                None,
                sigint_mid_run_keeps_the_old_baseline_and_leaves_no_temporary_file,
            ),
            common::needing(
                "sigint_mid_run_writes_no_report",
                None,
                sigint_mid_run_writes_no_report,
            ),
            common::needing(
                "sigint_at_any_moment_leaves_the_old_file_or_the_complete_new_one",
                None,
                sigint_at_any_moment_leaves_the_old_file_or_the_complete_new_one,
            ),
            common::needing(
                "sigint_during_the_write_removes_the_temporary_file",
                no_strace.clone(),
                sigint_during_the_write_removes_the_temporary_file,
            ),
        ]
    }

    /// A folder of `count` documents of about 100 kB each.
    fn folder(count: usize) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let body = "Managers submit the form and coach people every week.\n\n".repeat(1_800);
        for i in 0..count {
            std::fs::write(
                dir.path().join(format!("doc{i:03}.md")),
                format!("# Doc {i}\n\n{body}"),
            )
            .unwrap();
        }
        dir
    }

    /// Start `policylint` in `dir` with `args`, on one thread so the run is long.
    fn start(dir: &Path, args: &[&str]) -> Child {
        Command::new(env!("CARGO_BIN_EXE_policylint"))
            .current_dir(dir)
            .args(args)
            .args(["--jobs", "1", "."])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    }

    /// Send SIGINT to `child` after `delay`; whether the signal ended it.
    fn interrupt(mut child: Child, delay: Duration) -> bool {
        std::thread::sleep(delay);
        // Safety: signalling a child of this process that has not been waited for yet.
        unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) };
        child.wait().unwrap().signal() == Some(libc::SIGINT)
    }

    /// The files in `dir` that are not the documents it was made with, as paths relative to it.
    /// Of the cache folder only temporary files are named: a complete cache is allowed whenever
    /// the run got as far as writing it, a temporary one never is.
    fn written(dir: &Path) -> Vec<String> {
        let mut names = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if name == ".policylint_cache" {
                for inner in std::fs::read_dir(dir.join(&name)).unwrap() {
                    let inner = inner.unwrap().file_name().to_string_lossy().into_owned();
                    if inner.ends_with(".tmp") {
                        names.push(format!("{name}/{inner}"));
                    }
                }
            } else if !(name.starts_with("doc") && name.ends_with(".md")) {
                names.push(name);
            }
        }
        names.sort();
        names
    }

    const OLD_BASELINE: &str = "# an earlier baseline\n";

    fn sigint_mid_run_keeps_the_old_baseline_and_leaves_no_temporary_file() {
        let dir = folder(60);
        std::fs::write(dir.path().join("baseline.toml"), OLD_BASELINE).unwrap();
        let child = start(dir.path(), &["check", "--write-baseline", "baseline.toml"]);
        assert!(
            interrupt(child, Duration::from_millis(1_000)),
            "the run ended before the signal; make the folder larger"
        );
        assert_eq!(written(dir.path()), ["baseline.toml"]);
        assert_eq!(
            std::fs::read_to_string(dir.path().join("baseline.toml")).unwrap(),
            OLD_BASELINE
        );
    }

    fn sigint_mid_run_writes_no_report() {
        let dir = folder(60);
        let child = start(dir.path(), &["report", "-o", "report.json"]);
        assert!(
            interrupt(child, Duration::from_millis(1_000)),
            "the run ended before the signal; make the folder larger"
        );
        assert_eq!(written(dir.path()), Vec::<String>::new());
    }

    fn sigint_at_any_moment_leaves_the_old_file_or_the_complete_new_one() {
        let dir = folder(3);
        let finished = |child: Child| {
            let status = child.wait_with_output().unwrap().status;
            assert!(status.success() || status.code() == Some(1), "{status:?}");
        };
        finished(start(
            dir.path(),
            &["check", "--write-baseline", "complete.toml"],
        ));
        let complete = std::fs::read_to_string(dir.path().join("complete.toml")).unwrap();
        std::fs::remove_file(dir.path().join("complete.toml")).unwrap();
        // Signals spread over the whole run, writing the baseline included.
        for step in 0..24 {
            std::fs::write(dir.path().join("baseline.toml"), OLD_BASELINE).unwrap();
            let child = start(dir.path(), &["check", "--write-baseline", "baseline.toml"]);
            interrupt(child, Duration::from_millis(step * 25));
            assert_eq!(
                written(dir.path()),
                ["baseline.toml"],
                "signal after {} ms",
                step * 25
            );
            let baseline = std::fs::read_to_string(dir.path().join("baseline.toml")).unwrap();
            assert!(
                baseline == OLD_BASELINE || baseline == complete,
                "signal after {} ms left {baseline:?}",
                step * 25
            );
        }
    }

    /// Whether `strace` is here and allowed to trace (containers may forbid it).
    fn strace_works() -> bool {
        Command::new("strace")
            .args(["-f", "-o", "/dev/null", "true"])
            .status()
            .is_ok_and(|status| status.success())
    }

    fn sigint_during_the_write_removes_the_temporary_file() {
        let dir = folder(1);
        std::fs::write(dir.path().join("baseline.toml"), OLD_BASELINE).unwrap();
        // strace holds the write's fsync for two seconds: the temporary file exists, not yet
        // renamed, and the signal is handled as the fsync returns.
        let mut strace = Command::new("strace")
            .current_dir(dir.path())
            .args(["-f", "-o", "/dev/null", "-e", "trace=fsync"])
            .args(["-e", "inject=fsync:delay_exit=2000000"])
            .arg(env!("CARGO_BIN_EXE_policylint"))
            .args(["check", "--write-baseline", "baseline.toml", "."])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        (0..6_000)
            .find_map(|_| {
                std::thread::sleep(Duration::from_millis(10));
                written(dir.path())
                    .into_iter()
                    .find(|name| name.ends_with(".tmp"))
            })
            .expect("the write began");
        // strace's one child is the policylint it traces.
        let children = format!("/proc/{0}/task/{0}/children", strace.id());
        let pid: libc::pid_t = std::fs::read_to_string(children)
            .unwrap()
            .split_whitespace()
            .next()
            .expect("policylint runs under strace")
            .parse()
            .unwrap();
        // Safety: signalling the traced policylint, which is alive until it handles the signal.
        unsafe { libc::kill(pid, libc::SIGINT) };
        strace.wait().unwrap();
        assert_eq!(written(dir.path()), ["baseline.toml"]);
        assert_eq!(
            std::fs::read_to_string(dir.path().join("baseline.toml")).unwrap(),
            OLD_BASELINE
        );
    }
}
