//! The JSON Schema of the record (`delib schema`), generated from the serde
//! types of [`crate::model`] so that it cannot drift from what `delib
//! extract` writes.
//!
//! Two things the types cannot say are added to what schemars derives, so
//! that the schema checks the contract of `../shared/spec/record.md` and not
//! only the shapes:
//!
//! - every field is required (the contract writes `null` or `[]` for what a
//!   document does not state, never leaves a field out), except the
//!   extensions of `source` (`document_kind`, `record_index`,
//!   `record_count`), which older outputs or other writers may leave out;
//! - the string formats: `schema` is `delib/1`, dates are `YYYY-MM-DD`,
//!   times `HH:MM`, money a decimal with two decimals, currencies three
//!   capital letters, hashes 64 lower-case hex digits.

use serde_json::{json, Map, Value};

use crate::model::{Record, SCHEMA};

/// The JSON Schema (draft 2020-12) of one record, pretty-printed.
///
/// ```
/// let schema: serde_json::Value = serde_json::from_str(&delib::export::record_schema()).unwrap();
/// assert_eq!(schema["title"], "Record");
/// assert_eq!(schema["properties"]["schema"]["const"], "delib/1");
/// ```
pub fn record_schema() -> String {
    let schema = schemars::schema_for!(Record);
    let mut v = serde_json::to_value(&schema).unwrap_or(Value::Null);
    if let Value::Object(root) = &mut v {
        root.insert(
            "description".into(),
            json!("One deliberation record, schema delib/1 (shared/spec/record.md)."),
        );
        require_all(root);
        constrain(root, &["schema"], json!({"const": SCHEMA}));
        if let Some(Value::Object(defs)) = root.get_mut("$defs") {
            for (_, def) in defs.iter_mut() {
                if let Value::Object(def) = def {
                    require_all(def);
                }
            }
            let date = json!({"pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"});
            for (def, field) in [
                ("Session", "date"),
                ("Session", "convened_on"),
                ("Citation", "date"),
                ("Dates", "signed"),
                ("Dates", "transmitted"),
                ("Dates", "received"),
                ("Dates", "published"),
            ] {
                constrain_def(defs, def, field, date.clone());
            }
            constrain_def(
                defs,
                "Session",
                "time",
                json!({"pattern": "^[0-9]{2}:[0-9]{2}$"}),
            );
            constrain_def(
                defs,
                "Amount",
                "value",
                json!({"pattern": "^-?[0-9]+\\.[0-9]{2}$"}),
            );
            constrain_def(defs, "Amount", "currency", json!({"pattern": "^[A-Z]{3}$"}));
            constrain_def(
                defs,
                "SourceInfo",
                "sha256",
                json!({"pattern": "^[0-9a-f]{64}$"}),
            );
        }
    }
    serde_json::to_string_pretty(&v).unwrap_or_default()
}

/// Makes every property of an object schema required, but the extensions
/// that serde accepts missing.
fn require_all(obj: &mut Map<String, Value>) {
    let Some(Value::Object(props)) = obj.get("properties") else {
        return;
    };
    let required: Vec<Value> = props
        .keys()
        .filter(|k| {
            !matches!(
                k.as_str(),
                "document_kind" | "record_index" | "record_count"
            )
        })
        .map(|k| Value::String(k.clone()))
        .collect();
    obj.insert("required".into(), Value::Array(required));
}

/// Adds `extra` to the schema of property `path[0]` of `obj`.
fn constrain(obj: &mut Map<String, Value>, path: &[&str], extra: Value) {
    let Some(Value::Object(props)) = obj.get_mut("properties") else {
        return;
    };
    let Some(Value::Object(prop)) = path.first().and_then(|p| props.get_mut(*p)) else {
        return;
    };
    if let Value::Object(extra) = extra {
        prop.extend(extra);
    }
}

/// Adds `extra` to field `field` of definition `def`.
fn constrain_def(defs: &mut Map<String, Value>, def: &str, field: &str, extra: Value) {
    if let Some(Value::Object(d)) = defs.get_mut(def) {
        constrain(d, &[field], extra);
    }
}
