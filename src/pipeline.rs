//! The whole path of one input: bytes (a file, or a member of a ZIP archive
//! read in place) → [`Pages`] (PDF text layer, OCR for scanned pages, or a
//! text file) → records. [`Reader::process`] never panics on bad input: an
//! input gives records or one typed error.

use std::io::Read;
use std::path::Path;
use std::sync::OnceLock;

use crate::input::{self, InputError, InputKind};
use crate::ocr::{self, OcrConfig, OcrMode};
use crate::pages::Pages;
use crate::run::{Done, InputSpec, Outcome};

/// Limits applied to each input.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest input accepted, in bytes (files and archive members).
    pub max_file_bytes: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_file_bytes: 200 * 1024 * 1024,
        }
    }
}

/// Reads inputs to records.
#[derive(Debug)]
pub struct Reader {
    /// OCR settings.
    pub ocr: OcrConfig,
    /// Per-input limits.
    pub limits: Limits,
    /// Tesseract's version, or why OCR is unavailable: probed once, when the
    /// first scanned page is met.
    probe: OnceLock<Result<String, InputError>>,
}

impl Reader {
    /// A reader with these settings.
    pub fn new(ocr: OcrConfig, limits: Limits) -> Reader {
        Reader {
            ocr,
            limits,
            probe: OnceLock::new(),
        }
    }

    /// Reads one input to its records, or to the error that stopped it.
    pub fn process(&self, spec: &InputSpec) -> Outcome {
        self.process_unless(spec, &Done::default())
    }

    /// Like [`Reader::process`], but an input `done` already holds (by hash,
    /// or by path for an unreadable one) is only hashed and marked skipped.
    pub fn process_unless(&self, spec: &InputSpec, done: &Done) -> Outcome {
        let shown = spec.display();
        let bytes = match self.read_bytes(spec) {
            Ok(b) => b,
            Err(e) => {
                let mut o = Outcome::failed(shown, None, e);
                o.skipped = done.contains(&o.path, None);
                return o;
            }
        };
        let sha = input::sha256_hex(&bytes);
        if done.contains(&shown, Some(&sha)) {
            let mut o = Outcome::failed(shown, Some(sha), InputError::new("resume.done", ""));
            o.skipped = true;
            return o;
        }
        match self.pages(&bytes, &sha) {
            Ok((pages, ocr_done)) => Outcome {
                result: Ok(crate::records_from_pages(&pages, &shown, &sha)),
                pages: pages.pages.len(),
                ocr_pages: pages.pages_needing_ocr(),
                ocr_done,
                skipped: false,
                sha256: Some(sha),
                path: shown,
            },
            Err(e) => Outcome::failed(shown, Some(sha), e),
        }
    }

    /// The pages of an input's bytes, OCR done; and how many pages OCR read.
    pub fn pages(&self, bytes: &[u8], sha: &str) -> Result<(Pages, usize), InputError> {
        let kind = input::sniff(bytes).ok_or_else(|| {
            InputError::new("input.unknown_format", "neither a PDF nor a text file")
        })?;
        match kind {
            InputKind::Text => Ok((crate::text::read_text(bytes), 0)),
            InputKind::Pdf => {
                let mut pages = pdf_pages(bytes)?;
                let done = self.run_ocr(bytes, sha, &mut pages)?;
                Ok((pages, done))
            }
        }
    }

    fn read_bytes(&self, spec: &InputSpec) -> Result<Vec<u8>, InputError> {
        match &spec.member {
            None => input::read_file(&spec.path, self.limits.max_file_bytes),
            Some(member) => read_member(&spec.path, member, self.limits.max_file_bytes),
        }
    }

    /// OCRs the pages that need it. A document with no text at all and no
    /// way to OCR it is an `ocr.unavailable` error; one with some text keeps
    /// its records and gets a diagnostic.
    fn run_ocr(&self, pdf: &[u8], sha: &str, pages: &mut Pages) -> Result<usize, InputError> {
        let wanted = match self.ocr.mode {
            OcrMode::Never => false,
            OcrMode::Always => !pages.pages.is_empty(),
            OcrMode::Auto => pages.pages_needing_ocr() > 0,
        };
        if !wanted {
            return Ok(0);
        }
        let probe = self.probe.get_or_init(|| {
            let p = ocr::probe(&self.ocr);
            if let Err(e) = &p {
                eprintln!("delib: OCR unavailable: {}", e.message);
            }
            p
        });
        match probe {
            Ok(version) => Ok(ocr::ocr_pdf_pages(pdf, sha, pages, &self.ocr, version).pages),
            Err(e) if pages.pages.iter().all(|p| p.needs_ocr) => Err(e.clone()),
            Err(e) => {
                pages.diagnostics.push(crate::model::Diagnostic::warning(
                    "ocr.unavailable",
                    format!(
                        "{} scanned pages were not read: {}",
                        pages.pages_needing_ocr(),
                        e.message
                    ),
                    None,
                ));
                Ok(0)
            }
        }
    }
}

/// Reads one member of a ZIP archive into memory, with a size limit that
/// also stops decompression bombs.
pub fn read_member(zip_path: &Path, member: &str, max_bytes: u64) -> Result<Vec<u8>, InputError> {
    let file = std::fs::File::open(zip_path)
        .map_err(|e| InputError::new("input.unreadable", format!("cannot open archive: {e}")))?;
    let mut archive = zip::ZipArchive::new(file)
        .map_err(|e| InputError::new("input.unreadable", format!("cannot read archive: {e}")))?;
    let entry = archive.by_name(member).map_err(|e| {
        InputError::new(
            "input.unreadable",
            format!("cannot read archive member: {e}"),
        )
    })?;
    let mut bytes = Vec::new();
    entry
        .take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| InputError::new("input.unreadable", format!("cannot inflate member: {e}")))?;
    if bytes.len() as u64 > max_bytes {
        return Err(InputError::new(
            "input.too_large",
            format!("archive member inflates past the limit of {max_bytes} bytes"),
        ));
    }
    Ok(bytes)
}

/// Temporary in-process PDF text until the isolated extraction stage lands.
fn pdf_pages(bytes: &[u8]) -> Result<Pages, InputError> {
    let texts = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem_by_pages(bytes))
        .map_err(|_| InputError::new("pdf.panic", "the PDF reader crashed on this file"))?
        .map_err(|e| InputError::new("pdf.malformed", format!("cannot read PDF: {e}")))?;
    Ok(Pages {
        origin: crate::model::TextOrigin::TextLayer,
        pages: texts
            .into_iter()
            .enumerate()
            .map(|(i, text)| crate::pages::Page {
                number: u32::try_from(i + 1).unwrap_or(u32::MAX),
                needs_ocr: text.trim().is_empty(),
                text,
            })
            .collect(),
        diagnostics: vec![],
    })
}
