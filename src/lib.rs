//! `delib` turns French local-government deliberation documents (PDF or
//! text) into typed, traceable records (`../shared/spec/record.md`).
//!
//! The pipeline, one module per stage:
//!
//! ```text
//! input file ─input/pdf/text─▶ Pages ─normalize─▶ Source ─parse─▶ Vec<Record> ─output─▶ JSON Lines
//!                                                                              └─index─▶ SQLite archive
//! ```

pub mod binarize;
pub mod export;
pub mod index;
pub mod input;
pub mod model;
pub mod normalize;
pub mod ocr;
pub mod output;
pub mod pages;
pub mod parse;
pub mod pdf;
pub mod pipeline;
pub mod run;
pub mod text;

use model::SourceInfo;
use pages::Pages;

/// Runs normalization and parsing on pages already read, giving the
/// records of one input.
pub fn records_from_pages(pages: &Pages, path: &str, sha256: &str) -> Vec<model::Record> {
    let src = normalize::normalize(pages);
    let info = SourceInfo {
        path: path.to_string(),
        sha256: sha256.to_string(),
        pages: [1, 1],
        text_origin: pages.origin,
        document_kind: None,
        record_index: 0,
        record_count: 0,
    };
    let mut recs = parse::parse_document(&src, info);
    let count = u32::try_from(recs.len()).unwrap_or(u32::MAX);
    for (i, r) in recs.iter_mut().enumerate() {
        r.diagnostics
            .splice(0..0, pages.diagnostics.iter().cloned());
        r.source.record_index = u32::try_from(i + 1).unwrap_or(u32::MAX);
        r.source.record_count = count;
    }
    recs
}
