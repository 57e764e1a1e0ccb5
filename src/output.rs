//! Output: records as JSON Lines, and the `delib text` debugging view.

use std::io::{self, Write};

use crate::model::Record;
use crate::normalize::Source;

/// Writes one record as one JSON line.
pub fn write_jsonl(out: &mut dyn Write, rec: &Record) -> io::Result<()> {
    serde_json::to_writer(&mut *out, rec).map_err(io::Error::other)?;
    out.write_all(b"\n")
}

/// Writes the normalized text with page markers, then the running headers
/// and footers that were taken out.
pub fn write_text_view(out: &mut dyn Write, src: &Source) -> io::Result<()> {
    for p in &src.pages {
        writeln!(out, "=== page {} ===", p.number)?;
        writeln!(out, "{}", src.text.get(p.start..p.end).unwrap_or(""))?;
    }
    if !src.furniture.is_empty() {
        writeln!(out, "=== running headers and footers ===")?;
        for f in &src.furniture {
            writeln!(out, "[page {}] {}", f.page, f.text)?;
        }
    }
    Ok(())
}
