//! Errors in TOML files (rule packs, configuration) as codespan diagnostics that point at the
//! exact key or value, with a "did you mean" where a near name exists.

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFiles;

/// Everything wrong with a set of TOML files, ready for codespan-reporting.
pub struct TomlErrors {
    pub files: SimpleFiles<String, String>,
    pub diagnostics: Vec<Diagnostic<usize>>,
}

impl TomlErrors {
    /// Diagnostics pointing into one file (file id 0).
    pub fn in_file(path: &std::path::Path, text: &str, diagnostic: Diagnostic<usize>) -> Self {
        Self::many_in_file(path, text, vec![diagnostic])
    }

    /// Several diagnostics pointing into one file (file id 0).
    pub fn many_in_file(
        path: &std::path::Path,
        text: &str,
        diagnostics: Vec<Diagnostic<usize>>,
    ) -> Self {
        let mut files = SimpleFiles::new();
        files.add(path.display().to_string(), text.to_string());
        TomlErrors { files, diagnostics }
    }

    /// Diagnostics pointing into several files, each file's id its index.
    pub fn many_in_files(
        files: &[(std::path::PathBuf, String)],
        diagnostics: Vec<Diagnostic<usize>>,
    ) -> Self {
        let mut all = SimpleFiles::new();
        for (path, text) in files {
            all.add(path.display().to_string(), text.clone());
        }
        TomlErrors {
            files: all,
            diagnostics,
        }
    }

    /// A single error about a file that has no location to show.
    pub fn message(path: &std::path::Path, message: String) -> Self {
        Self::in_file(path, "", Diagnostic::error().with_message(message))
    }
}

/// The diagnostics' messages, for where no source lines can be shown.
impl std::fmt::Display for TomlErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (index, diagnostic) in self.diagnostics.iter().enumerate() {
            if index > 0 {
                f.write_str("; ")?;
            }
            f.write_str(&diagnostic.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for TomlErrors {}

impl std::fmt::Debug for TomlErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let messages: Vec<&str> = self
            .diagnostics
            .iter()
            .map(|d| d.message.as_str())
            .collect();
        f.debug_struct("TomlErrors")
            .field("diagnostics", &messages)
            .finish()
    }
}

/// A TOML or serde error, located; unknown keys and values get a "did you mean".
pub fn toml_error(file: usize, err: &toml::de::Error) -> Diagnostic<usize> {
    serde_error(file, err.message(), err.span())
}

/// A serde error message (`unknown field `x`, expected one of ...`), located at `span`.
pub fn serde_error(
    file: usize,
    message: &str,
    span: Option<std::ops::Range<usize>>,
) -> Diagnostic<usize> {
    let message = message.trim_end_matches('\n');
    let (headline, expected) = match message.split_once(", expected") {
        Some((head, expected)) => (head, Some(expected.trim())),
        None => (message, None),
    };
    let unknown = headline.split('`').nth(1).filter(|name| !name.is_empty());
    let label = if headline.starts_with("unknown field") {
        "unknown key".to_string()
    } else if headline.starts_with("unknown variant") {
        "unknown value".to_string()
    } else if let Some(field) = headline.strip_prefix("missing field ") {
        format!("this table needs {field}")
    } else {
        expected
            .map(|e| format!("expected {e}"))
            .unwrap_or_default()
    };
    // serde speaks of fields and variants; a TOML file has keys and values.
    let headline = headline
        .replacen("unknown field", "unknown key", 1)
        .replacen("unknown variant", "unknown value", 1)
        .replacen("missing field", "missing key", 1);
    let mut diagnostic = Diagnostic::error().with_message(&headline);
    if let Some(span) = span {
        diagnostic = diagnostic.with_label(Label::primary(file, span).with_message(label));
    }
    if let (Some(unknown), Some(expected)) = (unknown, expected) {
        let names: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let note = match did_you_mean(unknown, names.iter().copied()) {
            Some(help) => format!("help: {help}"),
            None => format!("expected {expected}"),
        };
        diagnostic = diagnostic.with_notes(vec![note]);
    }
    diagnostic
}

/// `did you mean `x`?` for the known name nearest to `unknown`, if any is near enough.
pub fn did_you_mean<'a>(unknown: &str, known: impl Iterator<Item = &'a str>) -> Option<String> {
    let limit = (unknown.chars().count() / 3).max(2);
    known
        .map(|name| (strsim::damerau_levenshtein(unknown, name), name))
        .filter(|(distance, _)| *distance <= limit)
        .min()
        .map(|(_, name)| format!("did you mean `{name}`?"))
}

/// Add a "help:" note when there is one.
pub fn with_help(diagnostic: Diagnostic<usize>, help: Option<String>) -> Diagnostic<usize> {
    match help {
        Some(help) => diagnostic.with_notes(vec![format!("help: {help}")]),
        None => diagnostic,
    }
}

/// Add a "help:" note to a diagnostic being built, when there is one.
pub fn push_help(diagnostic: &mut Diagnostic<usize>, help: Option<String>) {
    if let Some(help) = help {
        diagnostic.notes.push(format!("help: {help}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn did_you_mean_picks_the_nearest_known_name() {
        let known = ["purpose", "process", "people"];
        assert_eq!(
            did_you_mean("purpse", known.into_iter()),
            Some("did you mean `purpose`?".into())
        );
        assert_eq!(did_you_mean("zzzzzz", known.into_iter()), None);
    }
}
