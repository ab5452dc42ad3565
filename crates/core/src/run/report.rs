//! `policylint report`: lint the files into a coverage report, compare it with an earlier one,
//! measure it against the minimum coverage, and write it to a file or standard output.

use std::path::{Path, PathBuf};

use super::targets::{self, Files};
use super::{Console, Outcome, RunError, jobs, notices, save_cache};
use crate::output::Skipped;
use crate::report::thresholds::{self, Threshold};
use crate::report::{Catalogue, ReportBuilder, ReportFormat, compare};
use crate::results::NoticeLevel;
use crate::workspace::{CommandLine, Workspace};

/// What `report` is asked to do.
#[derive(Clone, Debug)]
pub struct ReportRequest {
    pub settings: CommandLine,
    pub files: Files,
    /// `None`: from the extension of `output`, else Markdown.
    pub format: Option<ReportFormat>,
    /// Write the report here instead of standard output.
    pub output: Option<PathBuf>,
    /// `--min-coverage`, over the configuration's `[report] min-coverage`.
    pub min_coverage: Vec<Threshold>,
    /// An earlier JSON report to compare with.
    pub compare: Option<PathBuf>,
    /// No notes and no closing line.
    pub quiet: bool,
}

/// Build the report on the files of `request`.
pub fn report(request: &ReportRequest, console: &mut dyn Console) -> Result<Outcome, RunError> {
    let files = &request.files;
    let format = match (request.format, &request.output) {
        (Some(format), _) => format,
        (None, Some(path)) => ReportFormat::from_path(path)
            .ok_or_else(|| RunError::UnknownReportFormat(path.clone()))?,
        (None, None) => ReportFormat::Md,
    };
    if format == ReportFormat::Html && request.output.is_none() {
        return Err(RunError::HtmlNeedsFile);
    }
    if files.paths.iter().any(|p| p == Path::new("-")) {
        return Err(RunError::ReportFromStdin);
    }
    let old = request.compare.as_deref().map(compare::load).transpose()?;
    let mut workspace = Workspace::new(request.settings.clone());
    files.apply_cache(&mut workspace);
    let paths = files.paths_or_here();
    let (targets, mut failed) =
        targets::collect_targets(&mut workspace, &paths, files.walk, request.quiet, console)?;
    targets::refuse_to_overwrite_input(request.output.as_deref(), "report", &targets)?;
    // Thresholds: the configuration of the first path, then the command line.
    let settings = workspace.linter_for(&paths[0])?;
    let config = &workspace.linters[settings].config;
    let wanted = Threshold::merge(&config.min_coverage, &request.min_coverage);
    let catalogue = Catalogue::new(workspace.linters.iter().map(|l| &l.rules));
    let wanted = thresholds::resolve(wanted, &catalogue).map_err(RunError::Thresholds)?;
    let mut builder = ReportBuilder::new(catalogue);
    let mut skipped = Skipped::default();
    console.started(targets.len());
    workspace.lint(&targets, jobs(files.jobs), |file, linter| {
        console.file_done();
        notices(console, &file, request.quiet);
        failed |= file.notices.iter().any(|n| n.level == NoticeLevel::Error);
        skipped.add(&file);
        builder.add(&file, &linter.rules);
    });
    console.finished();
    save_cache(&workspace, console);
    let inputs = paths.iter().map(|p| p.display().to_string()).collect();
    let mut report = builder.finish(inputs);
    report.thresholds = thresholds::evaluate(wanted, &report.summary);
    if let (Some(old), Some(path)) = (&old, &request.compare) {
        compare::attach(&mut report, old, &path.display().to_string());
    }
    let mut bytes = Vec::new();
    format
        .renderer()
        .render(&report, &mut bytes)
        .map_err(RunError::Output)?;
    match &request.output {
        Some(path) => crate::atomic::write(path, &bytes).map_err(|source| RunError::Write {
            path: path.clone(),
            source,
        })?,
        None => console
            .output(&mut |out| {
                out.write_all(&bytes)?;
                out.flush()
            })
            .map_err(RunError::Output)?,
    }
    for result in report.thresholds.iter().filter(|t| !t.passed()) {
        console.line(&format!(
            "error: coverage below the minimum: {}",
            result.message(&report.catalogue)
        ));
    }
    if !request.quiet {
        let mut line = report.describe(request.output.as_deref());
        if let Some(skipped) = skipped.describe() {
            line.push_str(&format!("; {skipped}"));
        }
        console.line(&line);
    }
    if !failed && targets.len() == skipped.total() {
        failed = targets::nothing_linted(&paths, &skipped, files.allow_empty, console);
    }
    Ok(if failed {
        Outcome::Failed
    } else if !report.thresholds_passed() {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}
