//! The JSON Schemas in `docs/schemas/` for editors: made from the serde types, valid for every
//! configuration and pack that loads, strict about the mistakes a schema can see.
//! `POLICYLINT_UPDATE_SCHEMAS=1 cargo test --test it schemas::` rewrites them after a change.

use serde_json::Value;

use crate::common::{self, root};

const CONFIG_SCHEMA: &str = "docs/schemas/policylint.schema.json";
const PACK_SCHEMA: &str = "docs/schemas/pack.schema.json";

#[test]
fn the_committed_schemas_are_the_ones_the_types_make() {
    let update = std::env::var_os("POLICYLINT_UPDATE_SCHEMAS").is_some();
    for (path, schema, title) in [
        (
            CONFIG_SCHEMA,
            policylint::schemas::config(),
            "policylint.toml",
        ),
        (
            PACK_SCHEMA,
            policylint::schemas::pack(),
            "policylint rule pack",
        ),
    ] {
        assert_eq!(schema.get("title"), Some(&Value::from(title)));
        let made = policylint::schemas::to_json(&schema);
        let path = root().join(path);
        if update {
            std::fs::write(&path, &made).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == made,
            "{} is stale: run `POLICYLINT_UPDATE_SCHEMAS=1 cargo test --test it schemas::`",
            path.display()
        );
    }
}

/// A validator for a schema as the types make it (the first test holds it equal to the file).
fn validator(schema: schemars::Schema) -> jsonschema::Validator {
    jsonschema::validator_for(&serde_json::to_value(schema).unwrap()).unwrap()
}

/// A TOML text as the JSON value an editor validates.
fn as_json(text: &str) -> Value {
    toml::from_str(text).unwrap()
}

/// The schema's complaints about `text`, one line each.
fn errors(validator: &jsonschema::Validator, text: &str) -> Vec<String> {
    validator
        .iter_errors(&as_json(text))
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap()
}

#[test]
fn the_built_in_pack_and_the_example_packs_are_valid() {
    let validator = validator(policylint::schemas::pack());
    let mut packs: Vec<String> = std::fs::read_dir(root().join("crates/core/rules"))
        .unwrap()
        .map(|entry| {
            format!(
                "crates/core/rules/{}",
                entry.unwrap().file_name().to_string_lossy()
            )
        })
        .collect();
    packs.extend([
        "fixtures/packs/house-style.toml".into(),
        "fixtures/report-pack/style.toml".into(),
    ]);
    for pack in packs {
        assert_eq!(
            errors(&validator, &read(&pack)),
            Vec::<String>::new(),
            "{pack}"
        );
    }
}

#[test]
fn init_output_the_starter_and_the_example_configurations_are_valid() {
    let validator = validator(policylint::schemas::config());
    let dir = tempfile::tempdir().unwrap();
    let output = common::run_in(dir.path(), &["init"]);
    assert!(output.status.success());
    let written = std::fs::read_to_string(dir.path().join("policylint.toml")).unwrap();
    assert_eq!(errors(&validator, &written), Vec::<String>::new());
    for config in [
        "crates/core/src/starter.toml",
        "fixtures/config/policylint.toml",
        "fixtures/config/team/policylint.toml",
    ] {
        assert_eq!(
            errors(&validator, &read(config)),
            Vec::<String>::new(),
            "{config}"
        );
    }
}

#[test]
fn the_schemas_catch_unknown_keys_wrong_values_and_wrong_types() {
    let config = validator(policylint::schemas::config());
    for (text, at) in [
        ("[lint]\nexclued = []\n", ""),
        (
            "[rules]\npurpose-missing = \"loud\"\n",
            "/rules/purpose-missing",
        ),
        (
            "[lint]\nmax-file-size = \"10 parsecs\"\n",
            "/lint/max-file-size",
        ),
        (
            "[lint]\nmax-parse-time = \"soon\"\n",
            "/lint/max-parse-time",
        ),
        (
            "[report.min-coverage]\npurpose = 80\n",
            "/report/min-coverage/purpose",
        ),
        ("[[overrides]]\nkind = \"role\"\n", "/overrides/0"),
    ] {
        let found = errors(&config, text);
        assert!(
            found
                .iter()
                .any(|e| e.ends_with(&format!(" at {at}"))
                    || (at.is_empty() && e.contains("exclued"))),
            "{text:?} is caught at {at:?}: {found:?}"
        );
    }
    for text in [
        "[lint]\nmax-file-size = \"10MB\"\nmax-parse-time = 0.5\n",
        "[lint]\nmax-file-size = \"1.5 GiB\"\n",
        "[lint]\nmax-file-size = 500000\n",
    ] {
        assert_eq!(errors(&config, text), Vec::<String>::new(), "{text:?}");
    }
    let pack = validator(policylint::schemas::pack());
    for invalid in ["unknown-key", "unknown-severity", "wrong-type"] {
        let text = read(&format!("fixtures/packs/invalid/{invalid}.toml"));
        assert!(!errors(&pack, &text).is_empty(), "{invalid}.toml is caught");
    }
}
