//! JSON Schemas of `policylint.toml` and of rule packs, made from the serde types that read
//! them, so that editors (Taplo, Even Better TOML) check a file as it is typed. Copies are
//! committed in `docs/schemas/`, and a test fails when they no longer match the types.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use crate::config::ConfigFile;
use crate::rules::schema::PackFile;

/// The schema of `policylint.toml`.
pub fn config() -> Schema {
    titled::<ConfigFile>("policylint.toml")
}

/// The schema of a rule pack.
pub fn pack() -> Schema {
    titled::<PackFile>("policylint rule pack")
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
