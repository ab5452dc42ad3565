//! The commands that show settings and documents rather than lint a folder: `rules`,
//! `explain`, `inspect` and `init`.

use std::path::{Path, PathBuf};

use super::{Console, Outcome, RunError};
use crate::config::{self, STARTER};
use crate::explain as explanations;
use crate::inspect as inspection;
use crate::lint::Worker;
use crate::results::NoticeLevel;
use crate::workspace::{CommandLine, Workspace};

/// The rules active in the working directory.
pub fn list_rules(settings: CommandLine, console: &mut dyn Console) -> Result<Outcome, RunError> {
    let mut workspace = Workspace::new(settings);
    let index = workspace.linter_for(Path::new("."))?;
    let text = explanations::list(&workspace.linters[index]);
    write_out(console, &text)
}

/// Why rule `rule` matters, what to write, and an example.
pub fn explain(
    settings: CommandLine,
    rule: &str,
    console: &mut dyn Console,
) -> Result<Outcome, RunError> {
    let mut workspace = Workspace::new(settings);
    let index = workspace.linter_for(Path::new("."))?;
    let rules = &workspace.linters[index].rules;
    let Some(found) = rules.rule(rule) else {
        return Err(RunError::UnknownRule {
            rule: rule.to_string(),
            hint: rules.nearest_rule(rule),
        });
    };
    let text = explanations::explain(found, rules);
    write_out(console, &text)
}

/// A document as policylint sees it: kind, sections, evidence, coverage.
pub fn inspect(
    settings: CommandLine,
    file: &Path,
    console: &mut dyn Console,
) -> Result<Outcome, RunError> {
    let mut workspace = Workspace::new(settings);
    let index = workspace.linter_for(file)?;
    let linter = &workspace.linters[index];
    let report = linter.inspect_path(file, &mut Worker::default());
    for notice in &report.notices {
        console.line(&format!("{}: {}", report.path.display(), notice.message));
    }
    let Some(linted) = &report.linted else {
        let failed = report.notices.iter().any(|n| n.level == NoticeLevel::Error);
        return Ok(if failed {
            Outcome::Failed
        } else {
            Outcome::Clean
        });
    };
    write_out(console, &inspection::render(linted, linter))
}

/// Write a commented starter `policylint.toml` in the working directory, over an existing one
/// only when `force`.
pub fn init(force: bool, console: &mut dyn Console) -> Result<Outcome, RunError> {
    let path = PathBuf::from(config::FILE_NAME);
    if path.exists() && !force {
        return Err(RunError::WouldOverwriteConfig(path));
    }
    crate::atomic::write(&path, STARTER.as_bytes()).map_err(|source| RunError::Write {
        path: path.clone(),
        source,
    })?;
    console.line(&format!("wrote {}", path.display()));
    Ok(Outcome::Clean)
}

/// Put `text` on standard output.
fn write_out(console: &mut dyn Console, text: &str) -> Result<Outcome, RunError> {
    console
        .output(&mut |out| {
            out.write_all(text.as_bytes())?;
            out.flush()
        })
        .map_err(RunError::Output)?;
    Ok(Outcome::Clean)
}
