//! Input: what a path holds (PDF or text, by content, not by extension), its
//! bytes and hash. Only this module and `pdf` read files.

use std::fmt;
use std::path::Path;

use sha2::{Digest, Sha256};

/// What kind of content a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// A PDF (`%PDF-` within its first KiB).
    Pdf,
    /// Text (no NUL byte in its first 8 KiB).
    Text,
}

/// Sniffs the kind of a file from its first bytes; `None` when it is
/// neither a PDF nor text.
pub fn sniff(bytes: &[u8]) -> Option<InputKind> {
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Some(InputKind::Pdf);
    }
    let head = &bytes[..bytes.len().min(8192)];
    if !head.contains(&0) {
        return Some(InputKind::Text);
    }
    None
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// A file that could not be turned into records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// Stable code: `input.unreadable`, `input.unknown_format`, `pdf.*`.
    pub code: String,
    /// A sentence a person understands.
    pub message: String,
}

impl InputError {
    /// An error with its code and message.
    pub fn new(code: &str, message: impl Into<String>) -> InputError {
        InputError {
            code: code.to_string(),
            message: message.into(),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} [{}]", self.message, self.code)
    }
}

impl std::error::Error for InputError {}

/// Reads a whole file, with a size limit.
pub fn read_file(path: &Path, max_bytes: u64) -> Result<Vec<u8>, InputError> {
    let meta = std::fs::metadata(path)
        .map_err(|e| InputError::new("input.unreadable", format!("cannot read file: {e}")))?;
    if !meta.is_file() {
        return Err(InputError::new("input.unreadable", "not a regular file"));
    }
    if meta.len() > max_bytes {
        return Err(InputError::new(
            "input.too_large",
            format!(
                "file is {} bytes, over the limit of {max_bytes} bytes",
                meta.len()
            ),
        ));
    }
    std::fs::read(path)
        .map_err(|e| InputError::new("input.unreadable", format!("cannot read file: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content() {
        assert_eq!(sniff(b"%PDF-1.4\n..."), Some(InputKind::Pdf));
        assert_eq!(sniff("Séance du".as_bytes()), Some(InputKind::Text));
        assert_eq!(sniff(b"PK\x03\x04\x00\x00"), None);
    }

    #[test]
    fn hashes() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
