//! Plain-text input: bytes of an already extracted or OCR'd text to
//! [`Pages`]. UTF-8 when the bytes are valid UTF-8 (a BOM is dropped),
//! Windows-1252 otherwise (a superset of Latin-1 for the printable range);
//! a form feed starts a new page.

use crate::model::{Diagnostic, TextOrigin};
use crate::pages::{Page, Pages};

/// Decodes a text file into pages.
pub fn read_text(bytes: &[u8]) -> Pages {
    let mut diagnostics = Vec::new();
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => {
            diagnostics.push(Diagnostic::warning(
                "text.encoding",
                "the file is not UTF-8; it was read as Windows-1252",
                None,
            ));
            let (cow, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            cow.into_owned()
        }
    };
    let pages = text
        .split('\u{0C}')
        .enumerate()
        .map(|(i, t)| Page {
            number: u32::try_from(i + 1).unwrap_or(u32::MAX),
            text: t.to_string(),
            needs_ocr: false,
        })
        .collect();
    Pages {
        origin: TextOrigin::TextFile,
        pages,
        diagnostics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_form_feeds() {
        let p = read_text("Séance\u{0C}Délibère".as_bytes());
        assert_eq!(p.pages.len(), 2);
        assert_eq!(p.pages[1].text, "Délibère");
        assert!(p.diagnostics.is_empty());
    }

    #[test]
    fn windows_1252_is_detected() {
        let p = read_text(b"D\xe9lib\xe8re \x80 \x92");
        assert_eq!(p.pages[0].text, "Délibère € \u{2019}");
        assert_eq!(p.diagnostics[0].code, "text.encoding");
    }
}
