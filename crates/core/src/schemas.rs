//! JSON Schemas of `policylint.toml` and of rule packs, made from the serde types that read
//! them, so that editors (Taplo, Even Better TOML) check a file as it is typed. Copies are
//! committed in `docs/schemas/`, and a test fails when they no longer match the types.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::Value;

use crate::check::KINDS;
use crate::config::ConfigFile;
use crate::rules::schema::PackFile;

/// The schema of `policylint.toml`.
pub fn config() -> Schema {
    titled::<ConfigFile>("policylint.toml")
}

/// The schema of a rule pack. A rule's keys are those of [`crate::rules::schema::RuleDef`]
/// and the parameters of the rule kinds packs use ([`crate::check::KINDS`] but the built-in
/// ones), each described by the kinds that read it.
pub fn pack() -> Schema {
    let mut generator = SchemaGenerator::default();
    let mut schema = generator.root_schema_for::<PackFile>();
    schema.insert("title".into(), "policylint rule pack".into());
    let mut params = serde_json::Map::new();
    let mut placeholders: Vec<&str> = Vec::new();
    let pack_kinds: Vec<_> = KINDS.iter().filter(|k| k.builtin.is_none()).collect();
    for kind in &pack_kinds {
        let kind_schema = (kind.params.schema)(&mut generator);
        let properties = kind_schema.get("properties").and_then(Value::as_object);
        for (name, property) in properties.into_iter().flatten() {
            let said = property
                .get("description")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let mut property = property.clone();
            let description = match params.get(name).and_then(|p: &Value| p.get("description")) {
                Some(Value::String(before)) => format!("{before} `{}`: {said}", kind.name),
                _ => format!("`{}`: {said}", kind.name),
            };
            property["description"] = description.into();
            params.insert(name.clone(), property);
        }
        for placeholder in kind.placeholders {
            if !placeholders.contains(placeholder) {
                placeholders.push(placeholder);
            }
        }
    }
    let definitions = generator.take_definitions(true);
    if let Some(Value::Object(defs)) = schema.get_mut("$defs") {
        defs.extend(definitions);
    }
    if let Some(Value::Object(rule)) = schema.pointer_mut("/$defs/RuleDef/properties") {
        let kinds: Vec<String> = pack_kinds.iter().map(|k| format!("`{}`", k.name)).collect();
        rule["kind"]["description"] = format!(
            "The rule kind, which says what the other keys of the rule may be: {}.",
            kinds.join(", ")
        )
        .into();
        let placeholders: Vec<String> = placeholders.iter().map(|p| format!("`{{{p}}}`")).collect();
        rule["message"]["description"] = format!(
            "What a finding says; by rule kind it may use {}.",
            placeholders.join(", ")
        )
        .into();
        rule.extend(params);
    }
    schema
}

fn titled<T: JsonSchema>(title: &str) -> Schema {
    let mut schema = schemars::schema_for!(T);
    schema.insert("title".into(), title.into());
    schema
}

/// The JSON text of a schema, as committed: two-space indents and a final newline.
pub fn to_json(schema: &Schema) -> String {
    let mut text = serde_json::to_string_pretty(schema).unwrap_or_default();
    text.push('\n');
    text
}

/// A setting whose TOML value is read by hand (`toml::Value`): the schema says what is accepted.
macro_rules! value_schema {
    ($(#[$doc:meta])* $name:ident, $schema:tt) => {
        $(#[$doc])*
        pub struct $name;

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!($schema)
            }
        }
    };
}

value_schema!(
    /// `max-file-size`: bytes, or a size with a unit.
    Size,
    {
        "description": "A number of bytes, or a size such as \"10MB\" or \"10MiB\".",
        "oneOf": [
            { "type": "integer", "minimum": 1 },
            { "type": "string", "pattern": "^\\s*[0-9.]+\\s*([bBkKmMgG]|[kKmMgG][bB]|[kKmMgG][iI][bB])?\\s*$" }
        ]
    }
);

value_schema!(
    /// `max-parse-time`: seconds.
    Seconds,
    {
        "description": "A positive number of seconds, such as 10 or 0.5.",
        "type": "number",
        "exclusiveMinimum": 0
    }
);

value_schema!(
    /// A minimum coverage.
    Share,
    {
        "description": "The lowest coverage accepted, from 0 to 1, such as 0.8.",
        "type": "number",
        "minimum": 0,
        "maximum": 1
    }
);
