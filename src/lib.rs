//! `delib` turns French local-government deliberation documents (PDF or
//! text) into typed, traceable records (`../shared/spec/record.md`).
//!
//! The pipeline, one module per stage:
//!
//! ```text
//! input file ─input/pdf/text─▶ Pages ─normalize─▶ Source ─parse─▶ Vec<Record> ─output─▶ JSON Lines
//! ```

pub mod model;
pub mod pages;
pub mod pdf;
