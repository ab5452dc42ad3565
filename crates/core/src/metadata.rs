//! Lifecycle metadata: who owns a document, who approved it, when it takes effect and when it
//! is reviewed. Read from front matter (YAML or TOML) and from Word and OpenDocument core
//! properties, under the names of [`Field`] or those the configuration maps to them
//! (`[metadata.fields]`), and typed: dates must be dates and a status one of `draft`, `active`
//! or `retired`. A value that is not is a [`Problem`] at its place, which the
//! `metadata-invalid` rule reports; the rest of the document is read as usual.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::source::{Document, FrontMatter, RawField, RawValue, Span};

/// A lifecycle field policylint understands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Owner,
    Approver,
    Effective,
    ReviewBy,
    Reviewed,
    Version,
    Supersedes,
    SupersededBy,
    Audience,
    Status,
}

impl Field {
    pub const ALL: [Field; 10] = [
        Field::Owner,
        Field::Approver,
        Field::Effective,
        Field::ReviewBy,
        Field::Reviewed,
        Field::Version,
        Field::Supersedes,
        Field::SupersededBy,
        Field::Audience,
        Field::Status,
    ];

    /// Its name in configuration and messages.
    pub fn name(self) -> &'static str {
        match self {
            Field::Owner => "owner",
            Field::Approver => "approver",
            Field::Effective => "effective",
            Field::ReviewBy => "review-by",
            Field::Reviewed => "reviewed",
            Field::Version => "version",
            Field::Supersedes => "supersedes",
            Field::SupersededBy => "superseded-by",
            Field::Audience => "audience",
            Field::Status => "status",
        }
    }

    pub fn from_name(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The keys it is read from without any configuration.
    fn default_keys(self) -> &'static [&'static str] {
        match self {
            Field::ReviewBy => &["review-by", "next-review"],
            Field::Effective => &["effective", "effective-date"],
            Field::Reviewed => &["reviewed", "last-reviewed"],
            _ => &[],
        }
    }
}

/// Where a document's status puts it in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    Draft,
    Active,
    Retired,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Active => "active",
            Status::Retired => "retired",
        }
    }

    fn parse(text: &str) -> Option<Status> {
        match text.trim().to_lowercase().as_str() {
            "draft" => Some(Status::Draft),
            "active" => Some(Status::Active),
            "retired" => Some(Status::Retired),
            _ => None,
        }
    }
}

/// A value and the place it was written (the start of the file for core properties).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Located<T> {
    pub value: T,
    pub span: Span,
}

/// A value that is not what its field needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub span: Span,
    pub message: String,
}

/// Extra keys each field is read from, from `[metadata.fields]`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldNames {
    pub extra: BTreeMap<Field, Vec<String>>,
}

impl FieldNames {
    /// The field a key names, comparing without case and with `_` and spaces as `-`
    /// (`Owner`, `next_review`).
    fn field_of(&self, key: &str) -> Option<Field> {
        let key = normalise(key);
        Field::ALL.into_iter().find(|&field| {
            key == field.name()
                || field.default_keys().contains(&key.as_str())
                || self
                    .extra
                    .get(&field)
                    .is_some_and(|names| names.iter().any(|n| normalise(n) == key))
        })
    }
}

fn normalise(key: &str) -> String {
    key.trim()
        .chars()
        .map(|c| match c {
            '_' | ' ' => '-',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// `[metadata]` of the configuration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MetadataSettings {
    pub names: FieldNames,
    /// Months after `reviewed` that a review falls due.
    pub review_interval: u32,
    /// Days before its review date that a review is due soon.
    pub due_soon: u32,
    /// By kind name.
    pub kinds: BTreeMap<String, KindLifecycle>,
}

impl Default for MetadataSettings {
    fn default() -> Self {
        MetadataSettings {
            names: FieldNames::default(),
            review_interval: 12,
            due_soon: 30,
            kinds: BTreeMap::new(),
        }
    }
}

/// `[metadata.kinds.NAME]`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KindLifecycle {
    pub required: bool,
    pub review_interval: Option<u32>,
    pub due_soon: Option<u32>,
}

/// What lifecycle rules judge one document by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lifecycle {
    /// The day dates are judged on.
    pub today: Date,
    pub review_interval: u32,
    pub due_soon: u32,
    /// Whether its kind must carry lifecycle metadata even when it has none.
    pub required: bool,
}

impl MetadataSettings {
    /// The settings for a document of kind `kind` (a kind name), judged on `today`.
    pub fn lifecycle(&self, kind: Option<&str>, today: Date) -> Lifecycle {
        let entry = kind
            .and_then(|k| self.kinds.get(k))
            .copied()
            .unwrap_or_default();
        Lifecycle {
            today,
            review_interval: entry.review_interval.unwrap_or(self.review_interval),
            due_soon: entry.due_soon.unwrap_or(self.due_soon),
            required: entry.required,
        }
    }
}

impl Metadata {
    /// Whether lifecycle rules judge this document: it declares lifecycle metadata, or its
    /// kind must, and it is not retired (a retired document is past reviewing).
    pub fn judged(&self, lifecycle: &Lifecycle) -> bool {
        (self.declared || lifecycle.required) && !self.is_retired()
    }

    /// The document's line in the review register, when it is under lifecycle management
    /// (it declares lifecycle metadata, or its kind must).
    pub fn register_entry(&self, lifecycle: &Lifecycle) -> Option<RegisterEntry> {
        if !(self.declared || lifecycle.required) {
            return None;
        }
        let next_review = (!self.is_retired())
            .then(|| self.next_review(lifecycle).map(|(date, _, _)| date))
            .flatten();
        let text = |field: &Option<Located<String>>| field.as_ref().map(|f| f.value.clone());
        let date = |field: &Option<Located<Date>>| field.as_ref().map(|f| f.value);
        Some(RegisterEntry {
            owner: text(&self.owner),
            approver: text(&self.approver),
            // A superseded document is retired whatever its status says.
            status: if self.is_retired() {
                Some(Status::Retired)
            } else {
                self.status.as_ref().map(|s| s.value)
            },
            effective: date(&self.effective),
            reviewed: date(&self.reviewed),
            next_review,
            days_left: next_review.map(|date| lifecycle.today.days_until(date)),
        })
    }

    /// When the next review is due: `review-by`, else `reviewed` plus the interval; with
    /// the field it comes from.
    pub fn next_review(&self, lifecycle: &Lifecycle) -> Option<(Date, Span, Field)> {
        if let Some(by) = &self.review_by {
            return Some((by.value, by.span, Field::ReviewBy));
        }
        self.reviewed.as_ref().map(|r| {
            (
                r.value.add_months(lifecycle.review_interval),
                r.span,
                Field::Reviewed,
            )
        })
    }
}

/// What the review register shows of a document under lifecycle management.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterEntry {
    pub owner: Option<String>,
    pub approver: Option<String>,
    pub status: Option<Status>,
    pub effective: Option<Date>,
    pub reviewed: Option<Date>,
    /// `review-by`, else `reviewed` plus the interval; `None` for retired documents.
    pub next_review: Option<Date>,
    /// Days from the run's `today` to the next review: negative when overdue.
    pub days_left: Option<i64>,
}

/// A document's lifecycle metadata, typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    pub owner: Option<Located<String>>,
    pub approver: Option<Located<String>>,
    pub effective: Option<Located<Date>>,
    pub review_by: Option<Located<Date>>,
    pub reviewed: Option<Located<Date>>,
    pub version: Option<Located<String>>,
    pub supersedes: Option<Located<String>>,
    pub superseded_by: Option<Located<String>>,
    pub audience: Option<Located<Vec<String>>>,
    pub status: Option<Located<Status>>,
    /// Values that are not what their field needs, and front matter that could not be read.
    pub problems: Vec<Problem>,
    /// Whether a lifecycle field other than `version` and `audience` was written, valid or
    /// not: lifecycle rules judge such documents without being asked to.
    pub declared: bool,
}

impl Metadata {
    /// The metadata of `doc`: its front matter's fields, else its core properties.
    pub fn read(doc: &Document, names: &FieldNames) -> Metadata {
        Metadata::of(doc.front_matter.as_ref(), &doc.properties, names)
    }

    /// The metadata in a front-matter block and package properties.
    pub fn of(
        front: Option<&FrontMatter>,
        properties: &[RawField],
        names: &FieldNames,
    ) -> Metadata {
        let mut metadata = Metadata::default();
        if let Some(front) = front {
            if let Some((span, message)) = &front.problem {
                metadata.problems.push(Problem {
                    span: *span,
                    message: message.clone(),
                });
            }
            for field in &front.fields {
                metadata.add(field, names);
            }
        }
        for field in properties {
            metadata.add(field, names);
        }
        metadata
    }

    /// Whether the document names `field` (with a valid value); a `reviewed` date stands
    /// for `review-by`, since the next review follows from it.
    pub fn has(&self, field: Field) -> bool {
        match field {
            Field::Owner => self.owner.is_some(),
            Field::Approver => self.approver.is_some(),
            Field::Effective => self.effective.is_some(),
            Field::ReviewBy => self.review_by.is_some() || self.reviewed.is_some(),
            Field::Reviewed => self.reviewed.is_some(),
            Field::Version => self.version.is_some(),
            Field::Supersedes => self.supersedes.is_some(),
            Field::SupersededBy => self.superseded_by.is_some(),
            Field::Audience => self.audience.is_some(),
            Field::Status => self.status.is_some(),
        }
    }

    /// Whether the document is retired: its status says so, or it names its successor.
    pub fn is_retired(&self) -> bool {
        self.status
            .as_ref()
            .is_some_and(|s| s.value == Status::Retired)
            || self.superseded_by.is_some()
    }

    /// Whether the document is in force: not a draft and not retired.
    pub fn is_active(&self) -> bool {
        !self.is_retired()
            && self
                .status
                .as_ref()
                .is_none_or(|s| s.value == Status::Active)
    }

    fn add(&mut self, raw: &RawField, names: &FieldNames) {
        let Some(field) = names.field_of(&raw.key) else {
            return;
        };
        // A version or an audience alone is common in site generators' pages that nobody
        // manages as policies.
        self.declared |= !matches!(field, Field::Version | Field::Audience);
        let span = raw.span;
        let text = match &raw.value {
            RawValue::Text(text) | RawValue::Date(text) => text.clone(),
            RawValue::List(items) => items.join(", "),
        };
        let located = |value| Some(Located { value, span });
        match field {
            Field::Owner => self.owner = located(text),
            Field::Approver => self.approver = located(text),
            Field::Version => self.version = located(text),
            Field::Supersedes => self.supersedes = located(text),
            Field::SupersededBy => self.superseded_by = located(text),
            Field::Audience => {
                let list = match &raw.value {
                    RawValue::List(items) => items.clone(),
                    _ => vec![text],
                };
                self.audience = Some(Located { value: list, span });
            }
            Field::Effective | Field::ReviewBy | Field::Reviewed => {
                let Some(date) = Date::parse(&text) else {
                    self.problems.push(Problem {
                        span,
                        message: format!(
                            "`{}` is not a date: `{text}` (write it as YYYY-MM-DD)",
                            raw.key
                        ),
                    });
                    return;
                };
                let slot = match field {
                    Field::Effective => &mut self.effective,
                    Field::ReviewBy => &mut self.review_by,
                    _ => &mut self.reviewed,
                };
                *slot = Some(Located { value: date, span });
            }
            Field::Status => match Status::parse(&text) {
                Some(status) => {
                    self.status = Some(Located {
                        value: status,
                        span,
                    })
                }
                None => self.problems.push(Problem {
                    span,
                    message: format!(
                        "`{}` is not a status: `{text}` (use draft, active or retired)",
                        raw.key
                    ),
                }),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{Format, parse};

    fn metadata(text: &str, names: &FieldNames) -> Metadata {
        let doc = parse(
            "policy.md".into(),
            Format::Markdown,
            text.into(),
            &mut Default::default(),
        )
        .unwrap();
        Metadata::read(&doc, names)
    }

    #[test]
    fn fields_are_typed_under_their_own_names_and_mapped_ones() {
        let text = "---\nOwner: Dana Reyes\nnext_review: 2026-03-01\npolicy_approver: Board\nstatus: Active\naudience: [staff, contractors]\n---\n# Travel\n";
        let mut names = FieldNames::default();
        names
            .extra
            .insert(Field::Approver, vec!["policy_approver".into()]);
        let meta = metadata(text, &names);
        assert_eq!(meta.owner.unwrap().value, "Dana Reyes");
        assert_eq!(meta.review_by.unwrap().value.to_string(), "2026-03-01");
        assert_eq!(meta.approver.unwrap().value, "Board");
        assert_eq!(meta.status.unwrap().value, Status::Active);
        assert_eq!(meta.audience.unwrap().value, ["staff", "contractors"]);
        assert!(meta.declared && meta.problems.is_empty());
        assert!(!metadata("---\ntitle: x\n---\n", &names).declared);
    }

    #[test]
    fn bad_values_are_problems_at_their_place() {
        let text = "---\nreviewed: last spring\nstatus: archived\n---\n# Travel\n";
        let meta = metadata(text, &FieldNames::default());
        let problems: Vec<(&str, &str)> = meta
            .problems
            .iter()
            .map(|p| (&text[p.span.range()], p.message.as_str()))
            .collect();
        assert_eq!(
            problems,
            [
                (
                    "last spring",
                    "`reviewed` is not a date: `last spring` (write it as YYYY-MM-DD)"
                ),
                (
                    "archived",
                    "`status` is not a status: `archived` (use draft, active or retired)"
                ),
            ]
        );
        assert!(meta.declared);
    }
}
