//! A labels file: a careful reader's judgement of documents, axis by axis, in the format of
//! the shared corpus's `labels.toml`.
//!
//! ```toml
//! [axes]                      # optional: which rule answers for which axis
//! purpose = "purpose-missing"
//!
//! [[doc]]
//! path = "policies/leave.md"  # relative to the labels file
//! kind = "code"
//! purpose = "yes"             # yes, no or partial (partial is never scored)
//! why = "Opens with why leave matters; ..."
//! ```
//!
//! Every mistake is reported with the file, line and key, the way configuration errors are.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic::{Diagnostic, Label};
use serde::Deserialize;
use toml::Spanned;

use crate::rules::RuleSet;
use crate::toml_errors::{TomlErrors, did_you_mean, toml_error, with_help};

/// The axes every labels file may use, and the rule that answers for each unless `[axes]`
/// says otherwise.
pub const DEFAULT_AXES: &[(&str, &str)] = &[
    ("purpose", "purpose-missing"),
    ("people", "people-missing"),
    ("process", "process-missing"),
    ("measures", "measures-missing"),
];

/// Keys of a `[[doc]]` table besides its axes.
const DOC_KEYS: &[&str] = &["path", "kind", "why"];

/// A reader's verdict on one axis of one document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The document covers it: the rule that looks for it should stay silent.
    Yes,
    /// It does not: the rule should fire.
    No,
    /// Thin or contested: never scored.
    Partial,
}

impl Verdict {
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Yes => "yes",
            Verdict::No => "no",
            Verdict::Partial => "partial",
        }
    }
}

/// One labelled document.
#[derive(Clone, Debug)]
pub struct DocLabel {
    /// As written in the labels file, with `/` separators.
    pub path: String,
    /// The file, resolved against the labels file's folder.
    pub file: PathBuf,
    pub kind: Option<String>,
    /// Verdicts by axis name.
    pub verdicts: BTreeMap<String, Verdict>,
    pub why: String,
    /// Where the `path` value is in the labels file, for located warnings.
    pub span: std::ops::Range<usize>,
}

/// An axis and the rule that answers for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Axis {
    pub name: String,
    pub rule: String,
    /// Set in the file's `[axes]` table (not a default), so the rule must exist.
    pub explicit: bool,
}

/// A parsed labels file.
#[derive(Debug)]
pub struct Labels {
    pub path: PathBuf,
    pub text: String,
    pub axes: Vec<Axis>,
    pub docs: Vec<DocLabel>,
    /// Where each `[axes]` entry's rule id is, for located errors about unknown rules.
    axis_spans: BTreeMap<String, std::ops::Range<usize>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    axes: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    doc: Vec<BTreeMap<Spanned<String>, Spanned<toml::Value>>>,
}

impl Labels {
    /// Read and check a labels file.
    pub fn load(path: &Path) -> Result<Labels, TomlErrors> {
        let text = std::fs::read_to_string(path).map_err(|err| {
            TomlErrors::message(
                path,
                format!(
                    "cannot read labels file {}: {}",
                    path.display(),
                    crate::walk::describe_io(&err)
                ),
            )
        })?;
        Labels::parse(path, text)
    }

    /// Check the text of a labels file read from `path`.
    pub fn parse(path: &Path, text: String) -> Result<Labels, TomlErrors> {
        let raw: RawFile = toml::from_str(&text)
            .map_err(|err| TomlErrors::in_file(path, &text, toml_error(0, &err)))?;
        let mut errors = Vec::new();
        let mut axes: Vec<Axis> = DEFAULT_AXES
            .iter()
            .map(|(name, rule)| Axis {
                name: name.to_string(),
                rule: rule.to_string(),
                explicit: false,
            })
            .collect();
        let mut axis_spans = BTreeMap::new();
        for (name, rule) in &raw.axes {
            if DOC_KEYS.contains(&name.get_ref().as_str()) {
                errors.push(
                    Diagnostic::error()
                        .with_message(format!("`{}` cannot be an axis", name.get_ref()))
                        .with_label(
                            Label::primary(0, name.span())
                                .with_message("this key describes a document"),
                        ),
                );
                continue;
            }
            axis_spans.insert(name.get_ref().clone(), rule.span());
            let axis = Axis {
                name: name.get_ref().clone(),
                rule: rule.get_ref().clone(),
                explicit: true,
            };
            match axes.iter_mut().find(|a| a.name == axis.name) {
                Some(existing) => *existing = axis,
                None => axes.push(axis),
            }
        }
        let base = path.parent().unwrap_or(Path::new("")).to_path_buf();
        let mut docs = Vec::new();
        let mut seen: BTreeMap<String, std::ops::Range<usize>> = BTreeMap::new();
        for (index, table) in raw.doc.iter().enumerate() {
            if let Some(doc) = parse_doc(index, table, &axes, &base, &mut errors) {
                if let Some(first) = seen.get(&doc.path) {
                    errors.push(
                        Diagnostic::error()
                            .with_message(format!("`{}` is labelled twice", doc.path))
                            .with_label(Label::primary(0, doc.span.clone()).with_message("again"))
                            .with_label(
                                Label::secondary(0, first.clone()).with_message("first here"),
                            ),
                    );
                    continue;
                }
                seen.insert(doc.path.clone(), doc.span.clone());
                docs.push(doc);
            }
        }
        if !errors.is_empty() {
            return Err(TomlErrors::many_in_file(path, &text, errors));
        }
        if docs.is_empty() {
            return Err(TomlErrors::message(
                path,
                format!("{} labels no documents: add [[doc]] tables", path.display()),
            ));
        }
        Ok(Labels {
            path: path.to_path_buf(),
            text,
            axes,
            docs,
            axis_spans,
        })
    }

    /// The axes some document is labelled on and whose rule the loaded packs have. A rule named
    /// in `[axes]` that no pack has is a located error; a default axis whose rule is absent is
    /// left out, with a note.
    pub fn scored_axes(&self, rules: &[&RuleSet]) -> Result<(Vec<Axis>, Vec<String>), TomlErrors> {
        let known = |id: &str| rules.iter().any(|set| set.rule(id).is_some());
        let mut kept = Vec::new();
        let mut notes = Vec::new();
        let mut errors = Vec::new();
        for axis in &self.axes {
            let labelled = self
                .docs
                .iter()
                .any(|d| d.verdicts.contains_key(&axis.name));
            if !labelled && !axis.explicit {
                continue;
            }
            if known(&axis.rule) {
                kept.push(axis.clone());
            } else if axis.explicit {
                let ids = rules
                    .iter()
                    .flat_map(|set| set.rules.iter().map(|r| r.id.as_str()));
                let span = self.axis_spans[&axis.name].clone();
                errors.push(with_help(
                    Diagnostic::error()
                        .with_message(format!("unknown rule `{}`", axis.rule))
                        .with_label(
                            Label::primary(0, span).with_message("no loaded pack has this rule"),
                        ),
                    did_you_mean(&axis.rule, ids),
                ));
            } else {
                notes.push(format!(
                    "axis `{}` is not scored: no loaded pack has the rule `{}` (map it in [axes])",
                    axis.name, axis.rule
                ));
            }
        }
        if errors.is_empty() {
            Ok((kept, notes))
        } else {
            Err(TomlErrors::many_in_file(&self.path, &self.text, errors))
        }
    }

    /// A warning located at a document's `path` value.
    pub fn warning_at(&self, doc: &DocLabel, message: String, label: &str) -> TomlErrors {
        TomlErrors::in_file(
            &self.path,
            &self.text,
            Diagnostic::warning()
                .with_message(message)
                .with_label(Label::primary(0, doc.span.clone()).with_message(label)),
        )
    }
}

/// One `[[doc]]` table, or `None` after pushing what is wrong with it.
fn parse_doc(
    index: usize,
    table: &BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    axes: &[Axis],
    base: &Path,
    errors: &mut Vec<Diagnostic<usize>>,
) -> Option<DocLabel> {
    let before = errors.len();
    let mut path = None;
    let mut kind = None;
    let mut why = String::new();
    let mut verdicts = BTreeMap::new();
    let mut first_span = None;
    for (key, value) in table {
        first_span.get_or_insert_with(|| key.span());
        let name = key.get_ref().as_str();
        let text = value.get_ref().as_str();
        let Some(text) = text else {
            errors.push(
                Diagnostic::error()
                    .with_message(format!("`{name}` must be a string"))
                    .with_label(
                        Label::primary(0, value.span())
                            .with_message(format!("a {}", value.get_ref().type_str())),
                    ),
            );
            continue;
        };
        match name {
            "path" => path = Some((text.replace('\\', "/"), value.span())),
            "kind" => kind = Some(text.to_string()),
            "why" => why = text.to_string(),
            axis if axes.iter().any(|a| a.name == axis) => {
                let verdict = match text {
                    "yes" => Verdict::Yes,
                    "no" => Verdict::No,
                    "partial" => Verdict::Partial,
                    other => {
                        errors.push(with_help(
                            Diagnostic::error()
                                .with_message(format!("unknown value `{other}` for `{axis}`"))
                                .with_label(
                                    Label::primary(0, value.span())
                                        .with_message("expected yes, no or partial"),
                                ),
                            did_you_mean(other, ["yes", "no", "partial"].into_iter()),
                        ));
                        continue;
                    }
                };
                verdicts.insert(axis.to_string(), verdict);
            }
            unknown => {
                let known = DOC_KEYS
                    .iter()
                    .copied()
                    .chain(axes.iter().map(|a| a.name.as_str()));
                errors.push(with_help(
                    Diagnostic::error()
                        .with_message(format!("unknown key `{unknown}`"))
                        .with_label(Label::primary(0, key.span()).with_message(
                            "not an axis: name new axes and their rules in an [axes] table",
                        )),
                    did_you_mean(unknown, known),
                ));
            }
        }
    }
    let Some((path, span)) = path else {
        let mut diagnostic =
            Diagnostic::error().with_message(format!("[[doc]] number {} has no `path`", index + 1));
        if let Some(span) = first_span {
            diagnostic = diagnostic
                .with_label(Label::primary(0, span).with_message("this table needs path"));
        }
        errors.push(diagnostic);
        return None;
    };
    if errors.len() > before {
        return None;
    }
    Some(DocLabel {
        file: base.join(&path),
        path,
        kind,
        verdicts,
        why,
        span,
    })
}
