//! `policylint check`: lint the files, hide what the baseline knows, record a new baseline,
//! write the findings in the chosen format and count them per rule.

use std::collections::BTreeMap;
use std::io;
use std::path::PathBuf;

use super::targets::{self, Files};
use super::{Console, Outcome, RunError, jobs, notices, plural, save_cache};
use crate::baseline::{Baseline, Recorder};
use crate::finding::Severity;
use crate::lint::Linter;
use crate::output::{OutputFormat, Summary};
use crate::results::FileReport;
use crate::workspace::{CommandLine, SetupError, Workspace};

/// What `check` is asked to do.
#[derive(Clone, Debug)]
pub struct CheckRequest {
    pub settings: CommandLine,
    /// The files; a single `-` lints standard input.
    pub files: Files,
    pub format: OutputFormat,
    /// Findings only: no summary and no notes.
    pub quiet: bool,
    /// Count findings per rule, and the files restored from the cache.
    pub statistics: bool,
    /// The path standard input stands for.
    pub stdin_filename: Option<PathBuf>,
    /// Hide the findings recorded in this baseline file.
    pub baseline: Option<PathBuf>,
    /// Record the current findings in this baseline file.
    pub write_baseline: Option<PathBuf>,
}

/// Lint the files of `request`, writing findings to the console's output and everything else
/// to its lines.
pub fn check(request: &CheckRequest, console: &mut dyn Console) -> Result<Outcome, RunError> {
    let files = &request.files;
    let mut workspace = Workspace::new(request.settings.clone());
    let stdin_mode = files.paths.len() == 1 && files.paths[0] == std::path::Path::new("-");
    if !stdin_mode {
        files.apply_cache(&mut workspace);
    }
    if request.stdin_filename.is_some() && !stdin_mode {
        return Err(RunError::StdinFilenameWithoutStdin);
    }
    let mut failed = false;
    let mut targets = Vec::new();
    let paths = files.paths_or_here();
    if !stdin_mode {
        (targets, failed) =
            targets::collect_targets(&mut workspace, &paths, files.walk, request.quiet, console)?;
        targets::refuse_to_overwrite_input(
            request.write_baseline.as_deref(),
            "baseline",
            &targets,
        )?;
    }

    let mut baseline = request
        .baseline
        .as_deref()
        .map(Baseline::load)
        .transpose()
        .map_err(SetupError::Toml)?;
    let mut recorder = request.write_baseline.as_deref().map(Recorder::new);
    let mut emitter = request.format.emitter();
    let mut summary = Summary::default();
    let mut per_rule: BTreeMap<(String, Severity), usize> = BTreeMap::new();
    let mut write_error: Option<io::Error> = None;
    console.started(targets.len());
    let mut handle = |console: &mut dyn Console, mut report: FileReport, linter: &Linter| {
        console.file_done();
        notices(console, &report, request.quiet);
        if let Some(baseline) = &mut baseline {
            baseline.filter(&mut report);
        }
        if let Some(recorder) = &mut recorder {
            recorder.record(&report);
        }
        for finding in report.linted.iter().flat_map(|l| &l.findings) {
            *per_rule
                .entry((finding.rule.clone(), finding.severity))
                .or_insert(0) += 1;
        }
        summary.add(&report, linter.fail_on);
        if write_error.is_none()
            && let Err(err) = console.output(&mut |out| emitter.file(&report, &linter.rules, out))
        {
            write_error = Some(err);
        }
    };
    if stdin_mode {
        let path = request
            .stdin_filename
            .clone()
            .unwrap_or_else(|| PathBuf::from("-"));
        let (report, index) = workspace.lint_stdin(&path, console.input())?;
        handle(console, report, &workspace.linters[index]);
    } else {
        workspace.lint(&targets, jobs(files.jobs), |report, linter| {
            handle(console, report, linter)
        });
    }
    console.finished();
    save_cache(&workspace, console);
    // A closed standard output (`| head`) ends the printing, not the work: the baseline asked
    // for is still written before the error is returned.
    let printed = match write_error {
        Some(err) => Err(err),
        None => console.output(&mut |out| {
            emitter.finish(&summary, out)?;
            out.flush()
        }),
    };
    failed |= summary.failed_files > 0;
    if request.statistics {
        statistics(console, &per_rule, baseline.as_ref());
        if let Some(hits) = workspace.cache_hits() {
            console.line(&format!("cached: {hits} of {} files", targets.len()));
        }
    }
    if !request.quiet {
        console.line(&summary.line());
    }
    // Standard input is always one file, even an empty one.
    if !stdin_mode && !failed && summary.checked() == 0 {
        failed = targets::nothing_linted(&paths, &summary.skipped, files.allow_empty, console);
    }
    if let (Some(recorder), Some(path)) = (&recorder, &request.write_baseline) {
        let count = recorder
            .write(path)
            .map_err(|source| RunError::WriteBaseline {
                path: path.clone(),
                source,
            })?;
        console.line(&format!(
            "wrote {count} finding{} to {}",
            plural(count),
            path.display()
        ));
    }
    printed.map_err(RunError::Output)?;
    Ok(if failed {
        Outcome::Failed
    } else if recorder.is_none() && summary.failing > 0 {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// Counts per rule, most frequent first, then what the baseline hid.
fn statistics(
    console: &mut dyn Console,
    per_rule: &BTreeMap<(String, Severity), usize>,
    baseline: Option<&Baseline>,
) {
    let mut rows: Vec<(&(String, Severity), &usize)> = per_rule.iter().collect();
    rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let width = rows
        .iter()
        .map(|(_, n)| n.to_string().len())
        .max()
        .unwrap_or(1);
    for ((rule, severity), count) in rows {
        console.line(&format!("{count:>width$}  {rule} ({severity})"));
    }
    if let Some(baseline) = baseline {
        console.line(&format!(
            "baseline: {} finding{} hidden, {} recorded finding{} no longer found",
            baseline.hidden(),
            plural(baseline.hidden()),
            baseline.stale(),
            plural(baseline.stale())
        ));
    }
}
