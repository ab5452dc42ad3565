//! The commands as the command line runs them, minus the terminal: choosing the files, linting
//! them, applying baselines, counting, building reports and deciding the outcome. Each entry
//! point takes a request and a [`Console`], hands every line it has to say to the console in
//! order, and returns an [`Outcome`] for the exit code; the library itself never prints.

mod check;
mod eval;
mod report;
mod rules;
mod targets;

use std::io;
use std::path::PathBuf;

use codespan_reporting::term::termcolor::WriteColor;

pub use check::{CheckRequest, check};
pub use eval::{EvalFormat, EvalRequest, evaluate};
pub use report::{ReportRequest, report};
pub use rules::{explain, init, inspect, list_rules};
pub use targets::{Files, collect_targets};

use crate::report::compare::CompareError;
use crate::report::thresholds::ThresholdError;
use crate::results::{FileReport, NoticeLevel};
use crate::toml_errors::TomlErrors;
use crate::workspace::{SetupError, Workspace};

/// The caller's streams. The run says what to show; the caller decides how (a progress bar on
/// a terminal keeps out of the way of the lines, say).
pub trait Console {
    /// A line for standard error, without its line break.
    fn line(&mut self, line: &str);
    /// Located warnings or errors in a TOML file, to show with their source lines.
    fn diagnostics(&mut self, diagnostics: &TomlErrors);
    /// Let `write` write to standard output.
    fn output(
        &mut self,
        write: &mut dyn FnMut(&mut dyn WriteColor) -> io::Result<()>,
    ) -> io::Result<()>;
    /// Standard input, for `check -`.
    fn input(&mut self) -> Box<dyn io::Read + '_>;
    /// Linting of `files` files begins.
    fn started(&mut self, _files: usize) {}
    /// One more file is linted.
    fn file_done(&mut self) {}
    /// Linting is over; the closing lines follow.
    fn finished(&mut self) {}
}

/// How a command ended, when it ran to its end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing to report.
    Clean,
    /// Findings at or above `--fail-on`, or coverage or scores below a minimum.
    Findings,
    /// Something could not be linted or read; it was said on the console.
    Failed,
}

/// Why a command stopped before its end.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The configuration, a pack or the command line's settings are wrong.
    #[error(transparent)]
    Setup(#[from] SetupError),
    /// The labels file of `eval` is wrong; the diagnostics point into it.
    #[error(transparent)]
    Labels(TomlErrors),
    #[error("--stdin-filename needs `-` as the only path")]
    StdinFilenameWithoutStdin,
    #[error(
        "will not write the {what} over {}, which this run lints; write it elsewhere or \
         exclude it",
        input.display()
    )]
    WouldOverwriteInput { what: &'static str, input: PathBuf },
    #[error("cannot write baseline {}: {source}", path.display())]
    WriteBaseline { path: PathBuf, source: io::Error },
    #[error("cannot write {}: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error(
        "cannot tell the format from the name {}; add --format html|md|json|csv",
        .0.display()
    )]
    UnknownReportFormat(PathBuf),
    #[error("the html report is a page of its own: write it to a file with -o FILE")]
    HtmlNeedsFile,
    #[error("report reads files and folders, not standard input")]
    ReportFromStdin,
    #[error(transparent)]
    Compare(#[from] CompareError),
    /// `--min-coverage` or `[report] min-coverage` entries that name nothing measured.
    #[error("{}", join_lines(.0))]
    Thresholds(Vec<ThresholdError>),
    #[error("unknown rule `{rule}`{}; `policylint rules` lists them", hint_suffix(.hint))]
    UnknownRule { rule: String, hint: Option<String> },
    #[error("--min names `{rule}`, which answers for no labelled axis{}", hint_suffix(.hint))]
    UnknownMinimum { rule: String, hint: Option<String> },
    #[error("{} already exists; use --force to overwrite it", .0.display())]
    WouldOverwriteConfig(PathBuf),
    /// Standard output could not be written (a closed pipe, say).
    #[error(transparent)]
    Output(io::Error),
}

fn hint_suffix(hint: &Option<String>) -> String {
    hint.as_ref().map(|h| format!(" ({h})")).unwrap_or_default()
}

fn join_lines(errors: &[ThresholdError]) -> String {
    let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
    lines.join("\n")
}

/// The worker threads asked for, else one per core.
fn jobs(asked: Option<usize>) -> usize {
    asked.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// A file's notices; notes only when not quiet.
fn notices(console: &mut dyn Console, report: &FileReport, quiet: bool) {
    for notice in &report.notices {
        if notice.level > NoticeLevel::Note || !quiet {
            let level = notice.level.name();
            console.line(&format!(
                "{level}: {}: {}",
                report.path.display(),
                notice.message
            ));
        }
    }
}

/// Write the cache; a cache that cannot be written is worth a warning, not a failure.
fn save_cache(workspace: &Workspace, console: &mut dyn Console) {
    for problem in workspace.save_cache() {
        console.line(&format!("warning: {problem}"));
    }
}

/// `s` after a count other than one.
fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}
