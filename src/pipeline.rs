//! The whole path of one input: bytes (a file, or a member of a ZIP archive
//! read in place) → [`Pages`] (PDF text layer, OCR for scanned pages, or a
//! text file) → records. [`Reader::process`] never panics on bad input: an
//! input gives records or one typed error.

use std::io::Read;
use std::path::Path;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use crate::pdf::{self, worker::Worker, PdfError};

use crate::input::{self, InputError, InputKind};
use crate::ocr::{self, OcrConfig, OcrMode};
use crate::pages::Pages;
use crate::run::{Done, InputSpec, Outcome};

/// Limits applied to each input.
#[derive(Debug, Clone, Default)]
pub struct Limits {
    /// PDF limits: file size (also applied to text files and archive
    /// members), page count, worker memory and time per document.
    pub pdf: pdf::Limits,
}

/// How PDFs are read.
#[derive(Debug, Clone)]
pub enum PdfMode {
    /// In isolated worker processes: this executable (the `delib` binary)
    /// started as `EXE __pdf-worker`, one per concurrent job.
    Isolated(PathBuf),
    /// In this process: no protection against stack overflows, memory bombs
    /// or endless loops; for tests and embedding.
    InProcess,
}

/// Reads inputs to records.
pub struct Reader {
    /// OCR settings.
    pub ocr: OcrConfig,
    /// Per-input limits.
    pub limits: Limits,
    /// How PDFs are read.
    pub pdf_mode: PdfMode,
    /// Idle workers, taken by a job for one input and given back after.
    workers: Mutex<Vec<Worker>>,
    /// Tesseract's version, or why OCR is unavailable: probed once, when the
    /// first scanned page is met.
    probe: OnceLock<Result<String, InputError>>,
}

impl std::fmt::Debug for Reader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reader")
            .field("ocr", &self.ocr)
            .field("limits", &self.limits)
            .field("pdf_mode", &self.pdf_mode)
            .finish_non_exhaustive()
    }
}

impl Reader {
    /// A reader with these settings.
    pub fn new(ocr: OcrConfig, limits: Limits, pdf_mode: PdfMode) -> Reader {
        Reader {
            ocr,
            limits,
            pdf_mode,
            workers: Mutex::new(Vec::new()),
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
        let file = spec.member.is_none().then_some(spec.path.as_path());
        if done.contains(&shown, Some(&sha)) {
            let mut o = Outcome::failed(shown, Some(sha), InputError::new("resume.done", ""));
            o.skipped = true;
            return o;
        }
        match self.pages(file, &bytes, &sha) {
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

    /// The pages of an input's bytes (read from `file`, when it is a file of
    /// its own), OCR done; and how many pages OCR read.
    pub fn pages(
        &self,
        file: Option<&Path>,
        bytes: &[u8],
        sha: &str,
    ) -> Result<(Pages, usize), InputError> {
        let kind = input::sniff(bytes).ok_or_else(|| {
            InputError::new("input.unknown_format", "neither a PDF nor a text file")
        })?;
        match kind {
            InputKind::Text => Ok((crate::text::read_text(bytes), 0)),
            InputKind::Pdf => {
                let mut pages = self.pdf_pages(file, bytes)?;
                let done = self.run_ocr(bytes, sha, &mut pages)?;
                Ok((pages, done))
            }
        }
    }

    /// A PDF's pages, through a worker process unless in-process reading was
    /// asked for. An archive member is handed to the worker as a temporary
    /// file, removed as soon as it is read.
    fn pdf_pages(&self, file: Option<&Path>, bytes: &[u8]) -> Result<Pages, InputError> {
        let exe = match &self.pdf_mode {
            PdfMode::InProcess => return Ok(pdf::extract(bytes, &self.limits.pdf)?),
            PdfMode::Isolated(exe) => exe,
        };
        let mut worker = self
            .workers
            .lock()
            .ok()
            .and_then(|mut w| w.pop())
            .unwrap_or_else(|| Worker::new(exe, &self.limits.pdf));
        let result = match file {
            Some(path) => worker.extract(path),
            None => {
                let tmp = tempfile::Builder::new()
                    .prefix("delib-member-")
                    .suffix(".pdf")
                    .tempfile()
                    .and_then(|mut t| std::io::Write::write_all(&mut t, bytes).map(|()| t))
                    .map_err(|e| {
                        InputError::new(
                            "input.unreadable",
                            format!("cannot stage archive member: {e}"),
                        )
                    })?;
                worker.extract(tmp.path())
            }
        };
        if let Ok(mut w) = self.workers.lock() {
            w.push(worker);
        }
        Ok(result?)
    }

    fn read_bytes(&self, spec: &InputSpec) -> Result<Vec<u8>, InputError> {
        match &spec.member {
            None => input::read_file(&spec.path, self.limits.pdf.max_file_bytes),
            Some(member) => read_member(&spec.path, member, self.limits.pdf.max_file_bytes),
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

impl From<PdfError> for InputError {
    fn from(e: PdfError) -> InputError {
        InputError::new(e.code(), e.to_string())
    }
}
