//! A progress bar on standard error for long runs on a terminal: files done, files total and
//! the rate. It appears only once a run has taken a second, so short runs print exactly what
//! they did before, and never when standard error is not a terminal, under `--quiet`, or in CI
//! (`CI` set), where logs keep only what a run found.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

/// How long a run goes before the bar appears.
const DELAY: Duration = Duration::from_secs(1);

pub struct Progress {
    /// `None` when no bar may be drawn at all.
    bar: Option<ProgressBar>,
    started: Instant,
    shown: bool,
}

impl Progress {
    /// A bar for `total` files, drawn only where [`wanted`] allows it.
    pub fn new(total: usize, quiet: bool) -> Self {
        let in_ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
        let wanted = wanted(std::io::stderr().is_terminal(), quiet, in_ci);
        let bar = wanted.then(|| {
            let bar =
                ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::hidden());
            let style = ProgressStyle::with_template(
                "{bar:30} {human_pos}/{human_len} files  {rate}  {elapsed}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .with_key(
                "rate",
                |state: &ProgressState, out: &mut dyn std::fmt::Write| {
                    let _ = write!(out, "{:.0} files/s", state.per_sec());
                },
            );
            bar.set_style(style);
            bar
        });
        Progress {
            bar,
            started: Instant::now(),
            shown: false,
        }
    }

    /// One more file done; the bar appears once the run has gone on for [`DELAY`].
    pub fn file_done(&mut self) {
        let Some(bar) = &self.bar else { return };
        bar.inc(1);
        if !self.shown && self.started.elapsed() >= DELAY {
            self.shown = true;
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    /// Run `print` with the bar out of the way, so lines written meanwhile are not torn.
    pub fn suspend<R>(&self, print: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) if self.shown => bar.suspend(print),
            _ => print(),
        }
    }

    /// Take the bar off the screen before the closing lines.
    pub fn finish(self) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
    }
}

/// Whether a bar may be drawn: on a terminal, when not asked for quiet, and outside CI.
pub fn wanted(stderr_is_terminal: bool, quiet: bool, in_ci: bool) -> bool {
    stderr_is_terminal && !quiet && !in_ci
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_only_on_a_terminal_when_not_quiet_and_not_in_ci() {
        assert!(wanted(true, false, false));
        assert!(!wanted(false, false, false));
        assert!(!wanted(true, true, false));
        assert!(!wanted(true, false, true));
    }
}
