//! The time budget of one file's parses. Markup nested tens of thousands deep can make a
//! tree-sitter grammar's scanner quadratic; every parse of a file (Markdown blocks, each inline
//! run, HTML) checks the one deadline through tree-sitter's progress callback, so such a file
//! ends in an error for that file instead of a stalled run.
//!
//! The budget is CPU time of the thread doing the parse, not time on the clock: a file that
//! waits for a core (more `--jobs` than cores, a busy machine) spends none of it, so the same
//! file with the same settings passes or fails alike however the run is scheduled.

use std::ops::ControlFlow;
use std::time::Duration;

use tree_sitter::{ParseOptions, ParseState, Parser, Tree};

use super::ParseError;

/// When the parses of the file at hand must be done.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Deadline {
    started: Duration,
    budget: Duration,
}

impl Deadline {
    /// A deadline once this thread has used `budget` more CPU time.
    pub(crate) fn after(budget: Duration) -> Self {
        Deadline {
            started: thread_cpu_time(),
            budget,
        }
    }

    /// Whether this thread has used up the budget.
    pub(crate) fn passed(&self) -> bool {
        thread_cpu_time().saturating_sub(self.started) > self.budget
    }

    /// The budget, for messages.
    pub(crate) fn budget(&self) -> Duration {
        self.budget
    }

    /// Parse `text` (within the parser's included ranges), giving up at the deadline.
    pub(crate) fn parse(&self, parser: &mut Parser, text: &str) -> Result<Tree, ParseError> {
        let mut out_of_time = false;
        let mut progress = |_: &ParseState| {
            out_of_time = self.passed();
            if out_of_time {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        };
        let bytes = text.as_bytes();
        // A parse cancelled earlier leaves state behind that this one would resume from.
        parser.reset();
        let tree = parser.parse_with_options(
            &mut |at, _| &bytes[at.min(bytes.len())..],
            None,
            Some(ParseOptions::new().progress_callback(&mut progress)),
        );
        match tree {
            Some(tree) => Ok(tree),
            None if out_of_time => Err(ParseError::OutOfTime(self.budget)),
            None => Err(ParseError::Cancelled),
        }
    }
}

/// CPU time the calling thread has used.
#[cfg(unix)]
fn thread_cpu_time() -> Duration {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // Safety: `now` is a valid timespec to write to; the clock exists on every Unix policylint
    // builds for, and should it fail `now` stays zero and the budget is never spent.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    Duration::new(
        u64::try_from(now.tv_sec).unwrap_or(0),
        u32::try_from(now.tv_nsec).unwrap_or(0),
    )
}

/// Elsewhere, time on the clock since the process began.
#[cfg(not(unix))]
fn thread_cpu_time() -> Duration {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    START.get_or_init(std::time::Instant::now).elapsed()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn sleeping_spends_no_budget() {
        let deadline = Deadline::after(Duration::from_millis(20));
        std::thread::sleep(Duration::from_millis(60));
        assert!(!deadline.passed(), "waiting is not parsing");
        let mut spin = 0u64;
        while !deadline.passed() {
            spin = std::hint::black_box(spin.wrapping_add(1));
        }
    }
}
