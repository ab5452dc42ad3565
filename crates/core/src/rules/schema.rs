//! The serde types of a rule pack, exactly as written in TOML.
//!
//! Every name a later step validates is `Spanned`, so an error can point at the very key or
//! value in the file. A rule's kind parameters are not here: each kind reads its own from the
//! rule's table (see [`super::kind`]), since serde's tagged or flattened enums buffer their
//! content and would lose those spans.
//!
//! The same types make the JSON Schema of a pack ([`crate::schemas`]): `#[schemars(with)]` gives
//! a spanned field the schema of its value, and doc comments become descriptions.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use crate::finding::Severity;

pub type Name = Spanned<String>;

/// A rule pack: dimensions, concepts, document kinds, cue lists, statement roles and rules.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PackFile {
    #[schemars(with = "PackMeta")]
    pub pack: Spanned<PackMeta>,
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, DimensionDef>")]
    pub dimensions: BTreeMap<Name, Spanned<DimensionDef>>,
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, ConceptDef>")]
    pub concepts: BTreeMap<Name, Spanned<ConceptDef>>,
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, KindDef>")]
    pub kinds: BTreeMap<Name, Spanned<KindDef>>,
    /// Word lists that statement frames look for.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, CueDef>")]
    pub cues: BTreeMap<Name, Spanned<CueDef>>,
    /// What a sentence can do (state a purpose, take a step), as frames over cues.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, RoleDef>")]
    pub roles: BTreeMap<Name, Spanned<RoleDef>>,
    #[serde(default)]
    #[schemars(with = "Vec<RuleDef>")]
    pub rules: Vec<Spanned<RuleDef>>,
}

/// Words a frame looks for: matched like a concept's terms, never evidence on their own.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CueDef {
    #[serde(default)]
    pub description: Option<String>,
    /// Stemmed: "reply" also finds "replies" and "replied".
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub terms: Option<Spanned<Vec<Name>>>,
    /// As written (case-insensitive).
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub exact: Option<Spanned<Vec<Name>>>,
}

/// A statement role: the frames that make a sentence one, or the steps a procedure is made of.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RoleDef {
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// Shapes of sentence that play this role.
    #[serde(default)]
    #[schemars(with = "Vec<FrameDef>")]
    pub frames: Vec<Spanned<FrameDef>>,
    /// For a procedure: the role of its steps. Two or more connected steps make a procedure.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub steps: Option<Name>,
    /// For a procedure: cues that open a condition ("if", "when"); a step under one is a
    /// procedure on its own ("If a laptop goes missing, tell the IT desk").
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub conditions: Option<Name>,
    /// For a procedure: cues of time and order, which join steps within one sentence.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub order: Option<Name>,
}

/// One frame of a role. Which parameters a frame reads is checked when the pack is loaded.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FrameDef {
    #[schemars(with = "String")]
    pub frame: Name,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub verbs: Option<Name>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub modals: Option<Name>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub cues: Option<Name>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub subjects: Option<Name>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub not_after: Option<Name>,
    /// Where no match counts: "will be considered" judges; "to be eligible" sets a condition.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub except: Option<Name>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub attached_to: Option<Name>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub with: Option<Name>,
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub headings: Option<Spanned<Vec<Name>>>,
}

impl FrameDef {
    /// The parameters this frame sets, with the span of each value.
    pub fn params_set(&self) -> Vec<(&'static str, std::ops::Range<usize>)> {
        [
            ("verbs", self.verbs.as_ref().map(Spanned::span)),
            ("modals", self.modals.as_ref().map(Spanned::span)),
            ("cues", self.cues.as_ref().map(Spanned::span)),
            ("subjects", self.subjects.as_ref().map(Spanned::span)),
            ("not-after", self.not_after.as_ref().map(Spanned::span)),
            ("except", self.except.as_ref().map(Spanned::span)),
            ("attached-to", self.attached_to.as_ref().map(Spanned::span)),
            ("with", self.with.as_ref().map(Spanned::span)),
            ("headings", self.headings.as_ref().map(Spanned::span)),
        ]
        .into_iter()
        .filter_map(|(name, span)| Some((name, span?)))
        .collect()
    }
}

/// The pack's name and defaults.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PackMeta {
    /// How configurations name the pack, and how findings say where a rule comes from.
    #[schemars(with = "String")]
    pub name: Name,
    #[serde(default)]
    pub description: Option<String>,
    /// The kind of a document no `[kinds.*]` entry claims.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub default_kind: Option<Name>,
    /// The kind of a document no entry claims that states nothing (no statement of any role)
    /// and is mostly lists and tables: an index, a link hub, a history or a statistics page.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub reference_kind: Option<Name>,
    /// The language the pack's words are in (`en`): documents in another language get a
    /// notice and no findings from the pack.
    #[serde(default)]
    #[schemars(with = "Option<Language>")]
    pub language: Option<Spanned<Language>>,
}

/// A side of the balance, such as managing things or leading people.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DimensionDef {
    pub label: String,
    #[serde(default)]
    pub description: Option<String>,
}

/// Named evidence: words, patterns or a statement role.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConceptDef {
    /// The dimension the concept counts for; none for concepts such as communication.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub dimension: Option<Name>,
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// What the concept is about in plain words, for coverage reports: "31 of 40 role
    /// descriptions never mention {topic}".
    #[serde(default)]
    pub topic: Option<String>,
    /// Words and phrases, stemmed: "approve" also finds "approved" and "approvals".
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub terms: Option<Spanned<Vec<Name>>>,
    /// Words and phrases matched as written (case-insensitive).
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub exact: Option<Spanned<Vec<Name>>>,
    /// Words matched as written, only when they open a sentence or list item: instructions.
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub imperatives: Option<Spanned<Vec<Name>>>,
    /// Case-insensitive regular expressions.
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub patterns: Option<Spanned<Vec<Name>>>,
    /// A statement role (`[roles.*]`): the concept's evidence is the sentences that play it,
    /// not words.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub role: Option<Name>,
}

/// A kind of document (a policy, a role description) and how to recognise it.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KindDef {
    #[serde(default)]
    pub label: Option<String>,
    /// Other names for the kind in front matter, configuration, packs and labels files, such
    /// as a name it had before.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub aliases: Vec<Name>,
    /// Globs matched against the document's path.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub paths: Vec<Name>,
    /// Words or phrases that, found in headings, suggest this kind.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub headings: Vec<Name>,
    /// Words or phrases that, found in the title, suggest this kind.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub titles: Vec<Name>,
    /// Words or phrases that suggest this kind only when they end the title: "Engineering
    /// manager" names a role, "Manager's guide to one-on-ones" does not, and neither does
    /// "Guidance for managers", whose "for" names the readers.
    #[serde(default, rename = "titles-last")]
    #[schemars(with = "Vec<String>")]
    pub titles_last: Vec<Name>,
}

/// A rule: what fires, how seriously, and what the finding says.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleDef {
    /// The rule's name in findings, `[rules]`, `--select` and suppressions.
    #[schemars(with = "String")]
    pub id: Name,
    /// The rule kind, which says what the other keys of the rule may be (its parameters).
    #[schemars(with = "String")]
    pub kind: Name,
    #[schemars(with = "Severity")]
    pub severity: Spanned<Severity>,
    /// What a finding says, with the placeholders its rule kind fills in.
    #[schemars(with = "String")]
    pub message: Spanned<String>,
    /// What to write instead, shown under each finding.
    #[serde(default)]
    pub help: Option<String>,
    /// Why the rule matters, for `policylint explain`.
    #[serde(default)]
    pub explanation: Option<String>,
    /// A link to more documentation.
    #[serde(default)]
    pub docs: Option<String>,
    /// The kinds of document the rule checks (default: all).
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub applies_to: Option<Vec<Name>>,
    /// A document on which the rule fires and its mended version, checked by the test suite.
    #[serde(default)]
    #[schemars(with = "Option<Examples>")]
    pub examples: Option<Spanned<Examples>>,
}

/// A rule's own good and bad example documents (Markdown), checked by the test suite.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    /// A document on which the rule fires.
    pub bad: String,
    /// The same document, mended: the rule stays silent.
    pub good: String,
}

/// A language a pack can declare; policylint can tell English text from text in other
/// languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
pub enum Language {
    #[serde(rename = "en")]
    English,
}
