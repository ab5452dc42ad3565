//! `policylint eval`: score the rules against a reader's labels and check the scores against
//! the minimums asked for.

use std::path::PathBuf;

use super::{Console, Outcome, RunError, jobs, notices};
use crate::eval::{self, EvalError, Labels};
use crate::results::NoticeLevel;
use crate::toml_errors::did_you_mean;
use crate::workspace::{CommandLine, Workspace};

/// How `eval` writes its scores.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum EvalFormat {
    Human,
    Json,
}

/// What `eval` is asked to do.
#[derive(Clone, Debug)]
pub struct EvalRequest {
    pub settings: CommandLine,
    /// The labels file.
    pub labels: PathBuf,
    /// Only the labelled documents under these paths; none: all.
    pub paths: Vec<PathBuf>,
    /// Add a table per folder: the first this many folders of each labelled path.
    pub by: Option<usize>,
    pub format: EvalFormat,
    /// The lowest balanced accuracy each named rule may have.
    pub min: Vec<(String, f64)>,
    pub jobs: Option<usize>,
}

/// Lint the labelled documents and write how often each rule agrees with the labels.
pub fn evaluate(request: &EvalRequest, console: &mut dyn Console) -> Result<Outcome, RunError> {
    let labels = Labels::load(&request.labels).map_err(RunError::Labels)?;
    let mut workspace = Workspace::new(request.settings.clone());
    let eval_request = eval::Request {
        labels: &labels,
        paths: &request.paths,
        jobs: jobs(request.jobs),
        by: request.by,
    };
    let mut failed = false;
    let evaluation = eval::run(&mut workspace, &eval_request, |report| {
        notices(console, report, false);
        failed |= report.notices.iter().any(|n| n.level == NoticeLevel::Error);
    })
    .map_err(|e| match e {
        EvalError::Setup(e) => RunError::Setup(e),
        EvalError::Labels(e) => RunError::Labels(e),
    })?;
    for path in &evaluation.missing {
        if let Some(doc) = labels.docs.iter().find(|d| &d.path == path) {
            let warning =
                labels.warning_at(doc, format!("no such document: {path}"), "labelled here");
            console.diagnostics(&warning);
        }
    }
    let known: Vec<&str> = evaluation.scores.iter().map(|s| s.rule.as_str()).collect();
    for (rule, _) in &request.min {
        if !known.contains(&rule.as_str()) {
            return Err(RunError::UnknownMinimum {
                rule: rule.clone(),
                hint: did_you_mean(rule, known.iter().copied()),
            });
        }
    }
    let text = match request.format {
        EvalFormat::Human => eval::human::render(&evaluation),
        EvalFormat::Json => eval::json::render(&evaluation),
    };
    console
        .output(&mut |out| {
            out.write_all(text.as_bytes())?;
            out.flush()
        })
        .map_err(RunError::Output)?;
    let below = evaluation.below(&request.min);
    for problem in &below {
        console.line(&format!("error: {problem}"));
    }
    Ok(if failed {
        Outcome::Failed
    } else if !below.is_empty() {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}
