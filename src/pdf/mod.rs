//! The PDF input stage: a PDF file's bytes in, [`Pages`] out.
//!
//! This is the only module that knows what a PDF is. Text comes from the
//! PDF's own text layer: `lopdf` loads the file, `interpret` runs each
//! page's content stream (tokenized by `content`, fonts decoded once per
//! document by `font`) and reports positioned glyphs, and [`layout`] turns
//! the glyphs into lines and layout blocks.
//!
//! [`extract`] catches panics page by page, but only [`worker`] (a child
//! process with a memory limit and a timeout) protects the caller from
//! aborts and decompression bombs: batch runs should go through
//! [`worker::Worker`].

mod content;
mod font;
mod interpret;
pub mod layout;
mod tables;
pub mod worker;

use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Duration;

use lopdf::{Document, ObjectId};
use serde::{Deserialize, Serialize};

use crate::model::{Diagnostic, Span, TextOrigin};
use crate::pages::{Page, Pages};
use font::FontCache;
use layout::Glyph;

/// Resource limits for extracting one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Files larger than this are refused with [`PdfErrorKind::TooLarge`].
    pub max_file_bytes: u64,
    /// Documents with more pages are refused with [`PdfErrorKind::TooLarge`].
    pub max_pages: usize,
    /// Address-space limit of the isolated worker process (`RLIMIT_AS`).
    /// Only [`worker`] enforces it; in-process [`extract`] cannot.
    pub memory_bytes: u64,
    /// Wall-clock limit for one file in the isolated worker. Only [`worker`]
    /// enforces it.
    pub timeout: Duration,
}

impl Default for Limits {
    /// 200 MiB files, 5000 pages, 2 GiB of address space, 60 s per file.
    fn default() -> Limits {
        Limits {
            max_file_bytes: 200 * 1024 * 1024,
            max_pages: 5000,
            memory_bytes: 2 * 1024 * 1024 * 1024,
            timeout: Duration::from_secs(60),
        }
    }
}

/// Why a PDF could not be read at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PdfErrorKind {
    /// The extractor panicked outside any single page (`pdf.panic`).
    Panic,
    /// The worker process died: killed by a signal, stack overflow, out of
    /// memory (`pdf.aborted`).
    Aborted,
    /// The worker took longer than [`Limits::timeout`] (`pdf.timeout`).
    Timeout,
    /// The file or its page count exceeds [`Limits`] (`pdf.too_large`).
    TooLarge,
    /// The file needs a password we do not have (`pdf.encrypted`).
    Encrypted,
    /// Not a PDF, or too damaged to load (`pdf.malformed`).
    Malformed,
    /// The file could not be read from disk, or the worker could not be
    /// started (`pdf.io`).
    Io,
}

impl PdfErrorKind {
    /// The stable diagnostic code, `pdf.what`.
    pub fn code(self) -> &'static str {
        match self {
            PdfErrorKind::Panic => "pdf.panic",
            PdfErrorKind::Aborted => "pdf.aborted",
            PdfErrorKind::Timeout => "pdf.timeout",
            PdfErrorKind::TooLarge => "pdf.too_large",
            PdfErrorKind::Encrypted => "pdf.encrypted",
            PdfErrorKind::Malformed => "pdf.malformed",
            PdfErrorKind::Io => "pdf.io",
        }
    }
}

/// A fatal error: the PDF gave no pages at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PdfError {
    /// What went wrong, as a type.
    pub kind: PdfErrorKind,
    /// A lowercase sentence a person understands (no trailing period).
    pub message: String,
}

impl PdfError {
    /// An error of `kind` with `message`.
    pub fn new(kind: PdfErrorKind, message: impl Into<String>) -> PdfError {
        PdfError {
            kind,
            message: message.into(),
        }
    }

    /// The stable diagnostic code (`pdf.encrypted`…).
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for PdfError {}

/// Pages with fewer visible characters than this are candidates for OCR when
/// a large image is drawn on them: scanned PVs sometimes carry only a small
/// @ctes stamp as real text over the scan.
const OCR_MAX_CHARS: usize = 200;

/// Share of the page area that images must cover for a page with little
/// text to be called a scan.
const OCR_MIN_IMAGE_COVER: f64 = 0.5;

/// Extracts the text layer of a PDF held in memory, page by page.
///
/// Runs in the calling process: a panic is caught (per page, or for the
/// whole file), but a stack overflow or an allocation failure aborts the
/// process. Use [`worker::Worker`] for untrusted batches.
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<Pages, PdfError> {
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(PdfError::new(
            PdfErrorKind::TooLarge,
            format!(
                "the file is {} bytes, over the limit of {} bytes",
                bytes.len(),
                limits.max_file_bytes
            ),
        ));
    }
    match catch_unwind(AssertUnwindSafe(|| extract_document(bytes, limits))) {
        Ok(result) => result,
        Err(payload) => Err(PdfError::new(
            PdfErrorKind::Panic,
            format!(
                "the pdf reader crashed on this file: {}",
                panic_message(payload.as_ref())
            ),
        )),
    }
}

/// The text of a panic payload, for a diagnostic.
pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    }
}

/// [`extract`] without the outer panic guard.
fn extract_document(bytes: &[u8], limits: &Limits) -> Result<Pages, PdfError> {
    if bytes.is_empty() {
        return Err(PdfError::new(PdfErrorKind::Malformed, "the file is empty"));
    }
    // lopdf looks for the header itself, but its error for a text file or an
    // image is obscure; the specification allows junk before `%PDF-` within
    // the first kilobyte.
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(PdfError::new(
            PdfErrorKind::Malformed,
            "this is not a pdf file (no %PDF- header)",
        ));
    }
    let mut doc = Document::load_mem(bytes).map_err(|e| match e {
        lopdf::Error::Decryption(_) => PdfError::new(
            PdfErrorKind::Encrypted,
            format!("the pdf is encrypted and could not be decrypted: {e}"),
        ),
        _ => PdfError::new(
            PdfErrorKind::Malformed,
            format!("the pdf could not be loaded: {e}"),
        ),
    })?;
    // lopdf 0.42 already decrypts with the empty user password while loading
    // and then drops /Encrypt; an /Encrypt still present means that failed.
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(PdfError::new(
            PdfErrorKind::Encrypted,
            "the pdf is protected by a password",
        ));
    }
    let page_ids = doc.get_pages();
    if page_ids.len() > limits.max_pages {
        return Err(PdfError::new(
            PdfErrorKind::TooLarge,
            format!(
                "the pdf has {} pages, over the limit of {}",
                page_ids.len(),
                limits.max_pages
            ),
        ));
    }
    if page_ids.is_empty() {
        return Err(PdfError::new(
            PdfErrorKind::Malformed,
            "the pdf has no pages (damaged page tree?)",
        ));
    }
    let mut fonts = FontCache::default();
    let mut pages = Pages {
        origin: TextOrigin::TextLayer,
        pages: Vec::with_capacity(page_ids.len()),
        diagnostics: Vec::new(),
    };
    for (&number, &page_id) in &page_ids {
        let page = extract_page(&doc, number, page_id, &mut fonts, &mut pages.diagnostics);
        pages.pages.push(page);
    }
    Ok(pages)
}

/// Extracts one page; a panic costs this page only.
fn extract_page(
    doc: &Document,
    number: u32,
    page_id: ObjectId,
    fonts: &mut FontCache,
    diagnostics: &mut Vec<Diagnostic>,
) -> Page {
    let span = Some(Span {
        page: number,
        start: 0,
        end: 0,
    });
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        interpret::interpret_page(doc, page_id, fonts)
    }));
    let content = match outcome {
        Ok(content) => content,
        Err(payload) => {
            // Partial glyphs of a failed page could be silently incomplete;
            // OCR of the page image is the better bet.
            diagnostics.push(Diagnostic::error(
                "pdf.page_panic",
                format!(
                    "the pdf reader crashed on page {number}, its text is lost: {}",
                    panic_message(payload.as_ref())
                ),
                span,
            ));
            diagnostics.push(Diagnostic::warning(
                "page.no_text_layer",
                format!("page {number} has no usable text layer (extraction failed); it needs OCR"),
                span,
            ));
            // The font cache may hold a half-built font.
            *fonts = FontCache::default();
            return Page {
                number,
                text: String::new(),
                needs_ocr: true,
            };
        }
    };
    if content.forms_skipped > 0 {
        diagnostics.push(Diagnostic::warning(
            "pdf.form_skipped",
            format!(
                "page {number}: {} form objects were not drawn because they draw themselves or nest too deep",
                content.forms_skipped
            ),
            span,
        ));
    }

    let visible: usize = content
        .glyphs
        .iter()
        .chain(content.rotated.iter().map(|(_, g)| g))
        .map(|g| g.text.chars().count())
        .sum();
    let mut text = layout::page_text(&content.glyphs);
    // Rotated text follows the page's main text, one angle at a time.
    let mut by_angle: std::collections::BTreeMap<i32, Vec<Glyph>> = Default::default();
    for (angle, glyph) in content.rotated {
        by_angle.entry(angle).or_default().push(glyph);
    }
    for glyphs in by_angle.values() {
        let rotated = layout::page_text(glyphs);
        if !rotated.is_empty() {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(&rotated);
        }
    }
    let needs_ocr =
        visible == 0 || (visible < OCR_MAX_CHARS && content.image_cover >= OCR_MIN_IMAGE_COVER);
    if needs_ocr {
        let why = if visible == 0 {
            "has no text layer".to_string()
        } else {
            format!("has only {visible} characters of text over a scanned image")
        };
        diagnostics.push(Diagnostic::warning(
            "page.no_text_layer",
            format!("page {number} {why}; it needs OCR"),
            span,
        ));
    }
    Page {
        number,
        text,
        needs_ocr,
    }
}

/// A glyph's text as we keep it: ligatures spelled out, no-break and other
/// typographic spaces made plain spaces, control characters dropped.
fn clean_glyph_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if let Some(letters) = crate::normalize::ligature(c) {
            out.push_str(letters);
            continue;
        }
        match c {
            '\u{00A0}' | '\u{202F}' | '\u{2000}'..='\u{200A}' | '\u{3000}' => out.push(' '),
            '\t' | '\n' | '\r' => out.push(' '),
            // Zero-width characters and the byte-order mark carry nothing.
            '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ligatures_and_spaces_are_spelled_out() {
        assert_eq!(clean_glyph_text("\u{FB01}"), "fi");
        assert_eq!(clean_glyph_text("\u{FB03}"), "ffi");
        assert_eq!(clean_glyph_text("\u{00A0}"), " ");
        assert_eq!(clean_glyph_text("\u{202F}"), " ");
        assert_eq!(clean_glyph_text("\u{0}"), "");
        assert_eq!(clean_glyph_text("é"), "é");
    }

    #[test]
    fn empty_and_non_pdf_inputs_are_malformed() {
        let limits = Limits::default();
        let err = extract(b"", &limits).unwrap_err();
        assert_eq!(err.code(), "pdf.malformed");
        let err = extract(b"Vu le code general des collectivites", &limits).unwrap_err();
        assert_eq!(err.code(), "pdf.malformed");
        assert!(err.to_string().contains("not a pdf"));
    }

    #[test]
    fn oversized_input_is_refused_before_parsing() {
        let limits = Limits {
            max_file_bytes: 4,
            ..Limits::default()
        };
        let err = extract(b"%PDF-1.4 garbage", &limits).unwrap_err();
        assert_eq!(err.kind, PdfErrorKind::TooLarge);
    }
}
