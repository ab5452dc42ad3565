//! The seam between packs and rule kinds.
//!
//! `rules/` reads packs and knows no rule kind by name: `check/` implements the kinds, one file
//! each, names them all in one list (`check::KINDS`) and hands that list to
//! [`crate::rules::load`]. A kind describes itself with a [`KindSpec`], reads its own parameters
//! from the rule's TOML table into a strict struct ([`super::load::Resolver::params`]) and
//! compiles to a [`RuleKind`]: what the rest of the program may ask of a rule whatever its kind.
//! So the dependency runs one way, `check/` to `rules/`.

use std::any::Any;
use std::fmt::Debug;

use serde::Deserialize;
use serde::de::{Error as _, Visitor};

use super::ConceptId;
use super::load::Resolver;
use super::schema::RuleDef;
use crate::finding::Severity;

/// A rule kind's compiled parameters, as the program outside `check/` sees them: what differs
/// from one rule of the kind to the next. `check/` gets the kind back by upcasting to [`Any`].
pub trait RuleKind: Debug + Send + Sync + Any {
    /// The concept a rule of this kind says is missing when it fires on a whole document.
    fn missing_concept(&self) -> Option<ConceptId> {
        None
    }

    /// The concepts whose evidence a rule of this kind counts when it fires on a whole
    /// document, and how many pieces it needs.
    fn missing_evidence(&self) -> Option<(Vec<ConceptId>, u32)> {
        None
    }

    /// Whether a finding of this rule is one more sign that `concept` is missing: a rule
    /// without a reason when the document states no purpose at all.
    fn follows_from_missing(&self, _concept: ConceptId) -> bool {
        false
    }
}

/// What rules of a kind read and judge. It is the same for every rule of the kind, so the
/// loader copies it from the kind's spec into each rule it compiles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KindScope {
    pub judges: Judges,
    /// Whether the rules read other files of the folder (the ones links point to): they have
    /// no single-document examples.
    pub reads_folder: bool,
    /// Whether the rules compare the figures documents state.
    pub compares_figures: bool,
}

impl KindScope {
    /// Rules on what a document says, read from the document alone.
    pub const TEXT: KindScope = KindScope {
        judges: Judges::Text,
        reads_folder: false,
        compares_figures: false,
    };

    /// Rules on lifecycle metadata, read from the document alone.
    pub const LIFECYCLE: KindScope = KindScope {
        judges: Judges::Lifecycle,
        ..KindScope::TEXT
    };
}

/// What rules of a kind judge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Judges {
    /// What a document says: a document such rules check is assessed in reports.
    Text,
    /// Lifecycle metadata or links: a document outside lifecycle management counts as checked
    /// by them only where they found something.
    Lifecycle,
    /// The document's suppression comments.
    Comments,
}

/// What the loader needs to know about a rule kind. `R` is how `check/` runs it, which the
/// loader only carries.
pub struct KindSpec<R> {
    pub name: &'static str,
    pub scope: KindScope,
    /// The parameters the kind reads.
    pub params: ParamsSpec,
    /// Placeholders its message may use.
    pub placeholders: &'static [&'static str],
    /// Read the rule's parameters (through the resolver) and compile them; `None` after an
    /// error, which the resolver has reported.
    pub compile: fn(&RuleDef, &mut Resolver) -> Option<Box<dyn RuleKind>>,
    /// One line for the docs.
    pub summary: &'static str,
    /// For a kind packs do not use: the one rule of it that every rule set has.
    pub builtin: Option<Builtin>,
    pub run: R,
}

/// A kind's parameters struct as the loader uses it: both halves come from the one struct, so
/// the keys a rule may set and the schema of a pack cannot disagree.
#[derive(Clone, Copy)]
pub struct ParamsSpec {
    /// The parameters as pack keys, in the order messages list them.
    pub keys: fn() -> &'static [&'static str],
    /// Their JSON Schema, for the schema of a pack.
    pub schema: fn(&mut schemars::SchemaGenerator) -> schemars::Schema,
}

impl ParamsSpec {
    /// The parameters a kind reads into `T`.
    pub const fn of<T: for<'de> Deserialize<'de> + schemars::JsonSchema>() -> Self {
        ParamsSpec {
            keys: field_names::<T>,
            schema: T::json_schema,
        }
    }
}

/// A rule no pack defines: every rule set has it, after the packs' rules, with its kind's name
/// as its id.
pub struct Builtin {
    pub severity: Severity,
    /// Why the rule matters, for `policylint explain`.
    pub explanation: &'static str,
    /// What to write instead, shown under each finding.
    pub help: &'static str,
    /// The rule's compiled kind.
    pub kind: fn() -> Box<dyn RuleKind>,
}

/// The keys a struct read with serde accepts, in declaration order, as serde names them: the
/// one list of a kind's parameters is its parameters struct.
pub fn field_names<T: for<'de> Deserialize<'de>>() -> &'static [&'static str] {
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(FieldProbe(&mut fields));
    fields
}

/// A deserializer that only records the fields a struct asks for.
struct FieldProbe<'a>(&'a mut &'static [&'static str]);

impl<'de> serde::Deserializer<'de> for FieldProbe<'_> {
    type Error = serde::de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(Self::Error::custom("not a struct"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        *self.0 = fields;
        Err(Self::Error::custom("fields recorded"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    #[serde(rename_all = "kebab-case")]
    #[allow(dead_code)]
    struct Probed {
        first: u32,
        max_share: f64,
    }

    #[test]
    fn field_names_are_the_keys_serde_reads_in_order() {
        assert_eq!(field_names::<Probed>(), ["first", "max-share"]);
    }
}
