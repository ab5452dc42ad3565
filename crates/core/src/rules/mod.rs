//! The rule language: packs of dimensions, concepts, document kinds and rules, compiled into
//! one [`RuleSet`] that every worker shares.
//!
//! This module knows no rule kind: `check/` depends on it, never the reverse. The kinds come in
//! as a list of [`KindSpec`]s given to [`load`], and a compiled rule holds its kind as a
//! [`RuleKind`] (see [`kind`]).

pub mod kind;
pub mod lexicon;
pub(crate) mod load;
pub mod schema;

use globset::GlobSet;

pub use kind::{Judges, KindScope, KindSpec, RuleKind};
pub use lexicon::{ConceptId, Lexicon, StemId};
pub use load::{PackSource, load};
pub use schema::Examples;

use crate::finding::Severity;

/// The packs shipped inside the binary, by name (`builtin:<name>`).
pub const BUILTIN_PACKS: &[(&str, &str)] = &[
    ("manage-lead", include_str!("../../rules/manage-lead.toml")),
    ("lifecycle", include_str!("../../rules/lifecycle.toml")),
];

/// The pack of rules on what documents say, used when no pack is configured.
pub const DEFAULT_PACK: &str = "manage-lead";

/// The pack of lifecycle and link rules, also used when no pack is configured.
pub const LIFECYCLE_PACK: &str = "lifecycle";

/// The packs used when none is configured.
pub const DEFAULT_PACKS: [&str; 2] = [DEFAULT_PACK, LIFECYCLE_PACK];

pub type KindId = usize;
pub type DimensionId = usize;

#[derive(Debug)]
pub struct Pack {
    pub name: String,
    pub description: Option<String>,
    pub language: Option<schema::Language>,
    /// Where it came from: `builtin:<name>` or a file path.
    pub origin: String,
}

#[derive(Debug)]
pub struct Dimension {
    pub name: String,
    pub label: String,
    pub description: Option<String>,
}

#[derive(Debug)]
pub struct Concept {
    pub name: String,
    pub label: String,
    pub description: Option<String>,
    /// Plain words for report sentences ("how success is measured"); the label when unset.
    pub topic: String,
    pub dimension: Option<DimensionId>,
    /// Concepts made from a `forbid` rule's own `terms`: not reported in coverage.
    pub hidden: bool,
}

/// A word or phrase as written, with its stem ids.
#[derive(Debug, Clone)]
pub struct Phrase {
    pub text: String,
    pub ids: Vec<StemId>,
}

impl Phrase {
    /// Whether this phrase ends `haystack`.
    pub fn ends(&self, haystack: &[StemId]) -> bool {
        !self.ids.is_empty() && haystack.ends_with(&self.ids)
    }

    /// Whether this phrase occurs, as a contiguous run, in `haystack`.
    pub fn occurs_in(&self, haystack: &[StemId]) -> bool {
        !self.ids.is_empty()
            && haystack
                .windows(self.ids.len())
                .any(|w| w == self.ids.as_slice())
    }
}

#[derive(Debug)]
pub struct Kind {
    pub name: String,
    /// Other names it answers to (`code` for `policy`).
    pub aliases: Vec<String>,
    pub label: String,
    pub globs: Vec<String>,
    pub glob_set: GlobSet,
    pub headings: Vec<Phrase>,
    pub titles: Vec<Phrase>,
    /// Title phrases that count only at the end of the title.
    pub titles_last: Vec<Phrase>,
}

#[derive(Debug)]
pub struct Rule {
    pub id: String,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    pub explanation: Option<String>,
    pub docs: Option<String>,
    /// `None`: every kind.
    pub applies_to: Option<Vec<KindId>>,
    /// The name of its rule kind (`require-concept`).
    pub kind: &'static str,
    /// What rules of its kind read and judge.
    pub scope: KindScope,
    pub check: Box<dyn RuleKind>,
    pub examples: Option<Examples>,
    /// The pack that defines it; `None` for a built-in rule ([`kind::Builtin`]).
    pub pack: Option<usize>,
}

impl Rule {
    pub fn applies_to_kind(&self, kind: KindId) -> bool {
        self.applies_to
            .as_ref()
            .is_none_or(|kinds| kinds.contains(&kind))
    }

    /// The first sentence of the explanation, for one-line listings.
    pub fn summary(&self) -> String {
        first_sentence(self.explanation.as_deref().unwrap_or(&self.message))
    }
}

/// The first sentence of a text, on one line. Whitespace is collapsed first, so a sentence
/// that ends at a line break of a wrapped TOML string ends there too.
pub fn first_sentence(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let first = text.split_inclusive(". ").next().unwrap_or(&text);
    first.trim_end().to_string()
}

/// Every loaded pack, compiled.
#[derive(Debug)]
pub struct RuleSet {
    pub packs: Vec<Pack>,
    pub dimensions: Vec<Dimension>,
    pub concepts: Vec<Concept>,
    pub kinds: Vec<Kind>,
    pub default_kind: Option<KindId>,
    /// The kind of an unclaimed document that states nothing and is mostly lists and tables.
    pub reference_kind: Option<KindId>,
    pub rules: Vec<Rule>,
    pub lexicon: Lexicon,
    /// Statement roles, their frames and the concepts they evidence.
    pub grammar: crate::statements::Grammar,
}

impl RuleSet {
    /// The rule of this id, built-in ones included: the one answer to "is this a rule?".
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// "did you mean `x`?" for the rule id nearest to `unknown`, if one is near enough.
    pub fn nearest_rule(&self, unknown: &str) -> Option<String> {
        crate::toml_errors::did_you_mean(unknown, self.rules.iter().map(|r| r.id.as_str()))
    }

    /// A kind by its name or one of its aliases.
    pub fn kind_by_name(&self, name: &str) -> Option<KindId> {
        self.kinds
            .iter()
            .position(|k| k.name == name || k.aliases.iter().any(|a| a == name))
    }

    /// The reported concepts of a dimension (`None`: concepts of no dimension).
    pub fn concepts_of(
        &self,
        dimension: Option<DimensionId>,
    ) -> impl Iterator<Item = ConceptId> + '_ {
        self.concepts
            .iter()
            .enumerate()
            .filter(move |(_, c)| !c.hidden && c.dimension == dimension)
            .map(|(i, _)| i)
    }

    /// The groups concepts are reported in: each dimension with its label, then the concepts of
    /// no dimension as "both" (managers and leaders alike).
    pub fn concept_groups(&self) -> impl Iterator<Item = (Option<DimensionId>, &str)> + '_ {
        self.dimensions
            .iter()
            .enumerate()
            .map(|(d, dimension)| (Some(d), dimension.label.as_str()))
            .chain(std::iter::once((None, "both")))
    }

    /// The label a message uses for a kind, or "document" when none applies.
    pub fn kind_label(&self, kind: Option<KindId>) -> &str {
        kind.map_or("document", |k| &self.kinds[k].label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_sentence_ends_at_a_full_stop_before_a_space_or_a_line_break() {
        assert_eq!(first_sentence("One. Two."), "One.");
        assert_eq!(first_sentence("One\nline. Two."), "One line.");
        assert_eq!(
            first_sentence("Ends at review.\nNext one."),
            "Ends at review."
        );
        assert_eq!(first_sentence("No stop at all"), "No stop at all");
    }
}
