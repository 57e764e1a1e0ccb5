//! The JSON Schema of the record (`delib schema`), generated from the serde
//! types of [`crate::model`] so that it cannot drift from what `delib
//! extract` writes.

use crate::model::Record;

/// The JSON Schema (draft 2020-12) of one record, pretty-printed.
///
/// ```
/// let schema: serde_json::Value = serde_json::from_str(&delib::export::record_schema()).unwrap();
/// assert_eq!(schema["title"], "Record");
/// ```
pub fn record_schema() -> String {
    let mut schema = schemars::schema_for!(Record);
    schema.insert(
        "description".into(),
        serde_json::Value::String(
            "One deliberation record, schema delib/1 (shared/spec/record.md).".into(),
        ),
    );
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}
