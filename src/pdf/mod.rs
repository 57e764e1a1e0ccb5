//! The PDF input stage: a PDF file's bytes in, [`Pages`] out.
//!
//! This is the only module that knows what a PDF is. Text comes from the
//! PDF's own text layer: `lopdf` loads the file, `pdf-extract` interprets each
//! page's content stream and reports positioned glyphs to our [`OutputDev`],
//! and [`layout`] turns the glyphs into lines and layout blocks.
//!
//! `pdf-extract` panics on some files and can overflow the stack (which
//! aborts the process) on a self-referencing Form XObject, and a Flate bomb
//! can take gigabytes. [`extract`] catches panics page by page, but only
//! [`worker`] (a child process with a memory limit and a timeout) protects the
//! caller from aborts and bombs: batch runs should go through
//! [`worker::Worker`].

pub mod layout;
pub mod worker;

use std::collections::HashSet;
use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Duration;

use lopdf::{Dictionary, Document, Object, ObjectId};
use pdf_extract::{ColorSpace, MediaBox, OutputDev, OutputError, Path, PathOp, Transform};
use serde::{Deserialize, Serialize};

use crate::model::{Diagnostic, Span, TextOrigin};
use crate::pages::{Page, Pages};
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
    fix_cid_widths(&mut doc);
    let has_forms = prepare(&mut doc);

    let mut pages = Pages {
        origin: TextOrigin::TextLayer,
        pages: Vec::with_capacity(page_ids.len()),
        diagnostics: Vec::new(),
    };
    for (&number, &page_id) in &page_ids {
        let page = extract_page(&doc, number, page_id, has_forms, &mut pages.diagnostics);
        pages.pages.push(page);
    }
    Ok(pages)
}

/// Extracts one page; a panic or an error costs this page only.
fn extract_page(
    doc: &Document,
    number: u32,
    page_id: ObjectId,
    has_forms: bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> Page {
    let span = Some(Span {
        page: number,
        start: 0,
        end: 0,
    });
    let mut walk = has_forms.then(|| walk_page(doc, page_id));
    let mut dev = GlyphCollector {
        forms: walk.as_ref().map(|w| w.forms.clone()).unwrap_or_default(),
        ..GlyphCollector::default()
    };
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        pdf_extract::output_doc_page(doc, &mut dev, number)
    }));
    let failure = match outcome {
        Ok(Ok(())) => None,
        Ok(Err(e)) => Some(Diagnostic::error(
            "pdf.page_error",
            format!("the text of page {number} could not be read: {e}"),
            span,
        )),
        Err(payload) => Some(Diagnostic::error(
            "pdf.page_panic",
            format!(
                "the pdf reader crashed on page {number}, its text is lost: {}",
                panic_message(payload.as_ref())
            ),
            span,
        )),
    };
    if let Some(diagnostic) = failure {
        // Partial glyphs of a failed page could be silently incomplete; OCR
        // of the page image is the better bet.
        diagnostics.push(diagnostic);
        diagnostics.push(Diagnostic::warning(
            "page.no_text_layer",
            format!("page {number} has no usable text layer (extraction failed); it needs OCR"),
            span,
        ));
        return Page {
            number,
            text: String::new(),
            needs_ocr: true,
        };
    }

    let visible: usize = dev
        .glyphs
        .iter()
        .chain(dev.rotated.iter().map(|(_, g)| g))
        .map(|g| g.text.chars().count())
        .sum();
    let mut text = layout::page_text(&dev.glyphs);
    // Rotated text follows the page's main text, one angle at a time.
    let mut by_angle: std::collections::BTreeMap<i32, Vec<Glyph>> = Default::default();
    for (angle, glyph) in dev.rotated {
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
    // Only pages with little text are worth the cost of walking the content
    // stream a second time for images.
    let needs_ocr = visible == 0
        || (visible < OCR_MAX_CHARS
            && walk
                .get_or_insert_with(|| walk_page(doc, page_id))
                .image_cover
                >= OCR_MIN_IMAGE_COVER);
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

/// Prepares the document for pdf-extract; returns whether it has forms.
///
/// Images: pdf-extract treats an image XObject like a form and parses its
/// pixels as a content stream: slow on scans (it inflates every image), and
/// a source of panics. Text never lives in an image, so their streams are
/// emptied; their dictionaries stay, so [`walk_page`] still sees them.
///
/// Forms: pdf-extract draws a Form XObject with a fresh identity CTM and
/// ignores its `/Matrix`, so text inside a form (the @ctes receipt stamp
/// of the Montpellier extracts) lands at the wrong place. Each form's
/// content is wrapped in two invisible marker strokes; [`GlyphCollector`]
/// sees them and moves the form's glyphs by the CTM [`walk_page`] computed.
///
/// Content streams of pages and forms go through [`clean_content`].
fn prepare(doc: &mut Document) -> bool {
    let mut has_forms = false;
    let page_contents: HashSet<ObjectId> = doc
        .get_pages()
        .values()
        .flat_map(|&id| doc.get_page_contents(id))
        .collect();
    for (id, object) in doc.objects.iter_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if page_contents.contains(id) {
            if let Ok(content) = stream.get_plain_content() {
                if let Some(clean) = clean_content(&content) {
                    stream.set_plain_content(clean);
                }
            }
            continue;
        }
        let subtype = stream.dict.get(b"Subtype").and_then(Object::as_name);
        match subtype {
            Ok(b"Image") => stream.set_plain_content(Vec::new()),
            Ok(b"Form") => {
                let Ok(content) = stream.get_plain_content() else {
                    continue;
                };
                let content = clean_content(&content).unwrap_or(content);
                let mut marked = Vec::with_capacity(content.len() + 64);
                marked.extend_from_slice(FORM_BEGIN);
                marked.extend_from_slice(&content);
                marked.extend_from_slice(FORM_END);
                stream.set_plain_content(marked);
                has_forms = true;
            }
            _ => {}
        }
    }
    has_forms
}

/// Rewrites the `/W` width arrays of CID fonts into the `cid [w …]` form.
///
/// pdf-extract misreads the `first last w` form (it takes `first` for all
/// three), so every glyph of such a font gets a wrong advance and words
/// run into each other ("dè’maedcjloaisnstes"). Microsoft Print to PDF
/// writes only that form (pierrefonds/compte-rendu-26-04-2018.pdf).
fn fix_cid_widths(doc: &mut Document) {
    // (object, index in its /DescendantFonts when the CID font is inline)
    let mut changes: Vec<(ObjectId, Option<usize>, Vec<Object>)> = Vec::new();
    for (&id, object) in &doc.objects {
        let Ok(dict) = object.as_dict() else {
            continue;
        };
        if let Some(w) = dict.get(b"W").ok().and_then(|w| expanded_widths(doc, w)) {
            changes.push((id, None, w));
        }
        let descendants = dict
            .get(b"DescendantFonts")
            .ok()
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_array().ok());
        for (i, font) in descendants.into_iter().flatten().enumerate() {
            if let Ok(inline) = font.as_dict() {
                if let Some(w) = inline.get(b"W").ok().and_then(|w| expanded_widths(doc, w)) {
                    changes.push((id, Some(i), w));
                }
            }
        }
    }
    for (id, inline, widths) in changes {
        let Ok(dict) = doc.get_dictionary_mut(id) else {
            continue;
        };
        let target = match inline {
            None => Some(dict),
            Some(i) => match dict.get_mut(b"DescendantFonts") {
                Ok(Object::Array(fonts)) => fonts.get_mut(i).and_then(|f| f.as_dict_mut().ok()),
                _ => None,
            },
        };
        if let Some(dict) = target {
            dict.set("W", Object::Array(widths));
        }
    }
}

/// A `/W` array with every `first last w` run spelled out as
/// `first [w w …]`; `None` when it has no such run.
fn expanded_widths(doc: &Document, w: &Object) -> Option<Vec<Object>> {
    let items = doc.dereference(w).ok()?.1.as_array().ok()?;
    let num = |o: &Object| -> Option<f64> {
        let o = doc.dereference(o).ok()?.1;
        o.as_float()
            .ok()
            .map(f64::from)
            .or_else(|| o.as_i64().ok().map(|i| i as f64))
    };
    let mut out = Vec::with_capacity(items.len());
    let mut changed = false;
    let mut i = 0;
    while i + 1 < items.len() {
        let first = num(&items[i])?;
        let next = doc.dereference(&items[i + 1]).ok()?.1;
        if let Ok(list) = next.as_array() {
            out.push(Object::Integer(first as i64));
            out.push(Object::Array(
                list.iter()
                    .map(|o| Object::Real(num(o).unwrap_or(0.0) as f32))
                    .collect(),
            ));
            i += 2;
        } else {
            let last = num(next)?;
            let width = num(items.get(i + 2)?)?;
            // A range bigger than the CID space is damage; do not let it
            // allocate without bound.
            let count = (last - first + 1.0).clamp(0.0, 65536.0) as usize;
            out.push(Object::Integer(first as i64));
            out.push(Object::Array(vec![Object::Real(width as f32); count]));
            changed = true;
            i += 3;
        }
    }
    changed.then_some(out)
}

/// A content stream rewritten for pdf-extract, or `None` when it needs no
/// change.
///
/// Comments go: lopdf's content parser gives up silently (zero operations)
/// on some, such as the `% CANON_PFINF_TYPE0_TEXTON` line Canon scanners put
/// before their OCR text layer (pierrefonds/compte-rendu-28-05-2020.pdf).
///
/// The `'` and `"` operators become `T* … Tj`: pdf-extract ignores them,
/// which drops their text and leaves the next lines on the same baseline
/// (Ghostscript output, montpellier/2013-03-25-0000062219.pdf page 2). The
/// word and character spacing operands of `"` are consumed by a no-op
/// operator, a small loss of spacing accuracy. The rewrite is done on bytes:
/// lopdf's re-encoding of a parsed stream does not always parse back
/// (inline images in montpellier/PV_CM_30_03_2009.pdf).
///
/// Knows enough syntax not to take a `%` or a quote inside a string or
/// inline image data for a comment or an operator.
fn clean_content(content: &[u8]) -> Option<Vec<u8>> {
    if !content.contains(&b'%') && !content.contains(&b'\'') && !content.contains(&b'"') {
        return None;
    }
    let mut out = Vec::with_capacity(content.len() + content.len() / 8);
    // The last string token and the whitespace after it, held back until
    // the next token says whether it is the operand of `'` or `"`.
    let mut pending: Vec<u8> = Vec::new();
    let mut changed = false;
    let mut i = 0;
    while i < content.len() {
        let b = content[i];
        match b {
            b'%' => {
                changed = true;
                while i < content.len() && content[i] != b'\n' && content[i] != b'\r' {
                    i += 1;
                }
                pending.push(b'\n');
                continue;
            }
            b'\'' | b'"' => {
                changed = true;
                if b == b'"' {
                    out.extend_from_slice(b" DelibNoOp ");
                }
                out.extend_from_slice(b" T* ");
                out.append(&mut pending);
                out.extend_from_slice(b" Tj ");
                i += 1;
                continue;
            }
            b if b.is_ascii_whitespace() && !pending.is_empty() => {
                pending.push(b);
                i += 1;
                continue;
            }
            _ => {}
        }
        out.append(&mut pending);
        match b {
            b'(' => {
                // A literal string: balanced parentheses, backslash escapes.
                let start = i;
                let mut depth = 0usize;
                while i < content.len() {
                    match content[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                let end = (i + 1).min(content.len());
                pending.extend_from_slice(&content[start..end]);
                i = end;
            }
            b'<' if content.get(i + 1) != Some(&b'<') => {
                // A hex string.
                let end = content[i..]
                    .iter()
                    .position(|&c| c == b'>')
                    .map_or(content.len(), |p| i + p + 1);
                pending.extend_from_slice(&content[i..end]);
                i = end;
            }
            b'<' | b'>' => {
                // Dictionary delimiters `<<` / `>>`, copied whole so that the
                // second `<` is not read as a hex string.
                let end = (i + 2).min(content.len());
                out.extend_from_slice(&content[i..end]);
                i = end;
            }
            b'I' if content.get(i + 1) == Some(&b'D')
                && i > 0
                && content[i - 1].is_ascii_whitespace()
                && content.get(i + 2).is_some_and(u8::is_ascii_whitespace) =>
            {
                // Inline image data runs to `EI` between whitespace.
                let start = i;
                i += 3;
                while i + 2 < content.len()
                    && !(content[i - 1].is_ascii_whitespace()
                        && &content[i..i + 2] == b"EI"
                        && content[i + 2].is_ascii_whitespace())
                {
                    i += 1;
                }
                out.extend_from_slice(&content[start..i]);
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    out.append(&mut pending);
    changed.then_some(out)
}

/// Marker stroke opening a form's content (a lone `moveto` draws nothing).
const FORM_BEGIN: &[u8] = b"-7013.25 1 m S\n";
/// Marker stroke closing a form's content.
const FORM_END: &[u8] = b"\n-7013.25 2 m S\n";
/// The `x` of both markers.
const FORM_MARK_X: f64 = -7013.25;

/// What a walk over a page's content stream finds.
#[derive(Default)]
struct PageWalk {
    /// Full CTM (form `/Matrix` included) of every Form XObject invocation,
    /// in the depth-first order pdf-extract draws them.
    forms: Vec<Matrix>,
    /// Share of the page's area (0 to 1) covered by images.
    image_cover: f64,
}

/// Walks a page's content stream tracking the CTM through `q`/`Q`/`cm`,
/// recording Form XObject invocations and summing the bounding boxes of
/// images placed by `Do`. Forms are followed a few levels deep and never
/// into themselves, so a self-referencing form cannot loop here.
fn walk_page(doc: &Document, page_id: ObjectId) -> PageWalk {
    let Ok(content) = doc.get_page_content(page_id) else {
        return PageWalk::default();
    };
    let media = media_box(doc, page_id).unwrap_or([0.0, 0.0, 0.0, 0.0]);
    let resources = page_resources(doc, page_id);
    let mut walk = ImageWalk {
        doc,
        media,
        covered: 0.0,
        forms: Vec::new(),
        open_forms: Vec::new(),
    };
    walk.stream(&content, resources, IDENTITY, 0);
    let page_area = (media[2] - media[0]) * (media[3] - media[1]);
    let image_cover = if page_area > 1.0 {
        (walk.covered / page_area).min(1.0)
    } else {
        0.0
    };
    PageWalk {
        forms: walk.forms,
        image_cover,
    }
}

/// A 2-D affine matrix `[a b c d e f]` as in PDF.
type Matrix = [f64; 6];

/// The identity matrix.
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m` then `n` (PDF order: `m × n`).
fn concat(m: Matrix, n: Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

/// State of [`walk_page`].
struct ImageWalk<'a> {
    doc: &'a Document,
    media: [f64; 4],
    covered: f64,
    forms: Vec<Matrix>,
    /// The forms being walked, innermost last, to refuse a cycle.
    open_forms: Vec<ObjectId>,
}

impl ImageWalk<'_> {
    /// Walks one content stream drawn with `ctm`.
    fn stream(&mut self, content: &[u8], resources: Option<&Dictionary>, ctm: Matrix, depth: u32) {
        let Ok(content) = lopdf::content::Content::decode(content) else {
            return;
        };
        let mut stack = Vec::new();
        let mut ctm = ctm;
        for op in &content.operations {
            match op.operator.as_str() {
                "q" => stack.push(ctm),
                "Q" => ctm = stack.pop().unwrap_or(ctm),
                "cm" => {
                    if let Some(m) = matrix_of(&op.operands) {
                        ctm = concat(m, ctm);
                    }
                }
                "Do" => {
                    if let Some(name) = op.operands.first().and_then(|o| o.as_name().ok()) {
                        self.xobject(name, resources, ctm, depth);
                    }
                }
                _ => {}
            }
        }
    }

    /// Handles `/name Do`.
    fn xobject(&mut self, name: &[u8], resources: Option<&Dictionary>, ctm: Matrix, depth: u32) {
        let doc = self.doc;
        let Some(xobjects) = resources
            .and_then(|r| r.get(b"XObject").ok())
            .and_then(|o| deref_dict(doc, o))
        else {
            return;
        };
        let Ok(entry) = xobjects.get(name) else {
            return;
        };
        let form_id = entry.as_reference().ok();
        let Ok((_, object)) = doc.dereference(entry) else {
            return;
        };
        let Ok(stream) = object.as_stream() else {
            return;
        };
        let subtype = stream.dict.get(b"Subtype").and_then(Object::as_name);
        match subtype {
            Ok(b"Image") => self.covered += self.clipped_area(ctm),
            Ok(b"Form") => {
                let matrix = stream
                    .dict
                    .get(b"Matrix")
                    .and_then(Object::as_array)
                    .ok()
                    .and_then(|a| matrix_of(a))
                    .unwrap_or(IDENTITY);
                let full = concat(matrix, ctm);
                self.forms.push(full);
                if depth >= 16 || form_id.is_some_and(|id| self.open_forms.contains(&id)) {
                    return;
                }
                let form_resources = stream
                    .dict
                    .get(b"Resources")
                    .ok()
                    .and_then(|o| deref_dict(doc, o))
                    .or(resources);
                if let Ok(content) = stream.get_plain_content() {
                    self.open_forms.extend(form_id);
                    self.stream(&content, form_resources, full, depth + 1);
                    if form_id.is_some() {
                        self.open_forms.pop();
                    }
                }
            }
            _ => {}
        }
    }

    /// Area of the unit square under `ctm`, clipped to the media box.
    fn clipped_area(&self, m: Matrix) -> f64 {
        let corners = [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)];
        let xs = corners.map(|(u, v)| m[0] * u + m[2] * v + m[4]);
        let ys = corners.map(|(u, v)| m[1] * u + m[3] * v + m[5]);
        let fold = |v: [f64; 4], f: fn(f64, f64) -> f64| v.into_iter().reduce(f).unwrap_or(0.0);
        let x0 = fold(xs, f64::min).max(self.media[0]);
        let x1 = fold(xs, f64::max).min(self.media[2]);
        let y0 = fold(ys, f64::min).max(self.media[1]);
        let y1 = fold(ys, f64::max).min(self.media[3]);
        let area = (x1 - x0).max(0.0) * (y1 - y0).max(0.0);
        if area.is_finite() {
            area
        } else {
            0.0
        }
    }
}

/// Six numbers as a matrix.
fn matrix_of(operands: &[Object]) -> Option<Matrix> {
    if operands.len() != 6 {
        return None;
    }
    let mut m = [0.0; 6];
    for (slot, o) in m.iter_mut().zip(operands) {
        *slot = f64::from(o.as_float().ok()?);
    }
    Some(m)
}

/// A dictionary, following one reference.
fn deref_dict<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Dictionary> {
    doc.dereference(object).ok()?.1.as_dict().ok()
}

/// A page attribute, inherited through the page tree (a few levels).
fn inherited<'a>(doc: &'a Document, page_id: ObjectId, key: &[u8]) -> Option<&'a Object> {
    let mut dict = doc.get_dictionary(page_id).ok()?;
    for _ in 0..32 {
        if let Ok(value) = dict.get(key) {
            return Some(value);
        }
        dict = deref_dict(doc, dict.get(b"Parent").ok()?)?;
    }
    None
}

/// The page's media box `[llx lly urx ury]`, normalized.
fn media_box(doc: &Document, page_id: ObjectId) -> Option<[f64; 4]> {
    let array = doc
        .dereference(inherited(doc, page_id, b"MediaBox")?)
        .ok()?
        .1
        .as_array()
        .ok()?;
    if array.len() != 4 {
        return None;
    }
    let mut b = [0.0; 4];
    for (slot, o) in b.iter_mut().zip(array) {
        *slot = f64::from(doc.dereference(o).ok()?.1.as_float().ok()?);
    }
    Some([
        b[0].min(b[2]),
        b[1].min(b[3]),
        b[0].max(b[2]),
        b[1].max(b[3]),
    ])
}

/// The page's resource dictionary, inherited.
fn page_resources(doc: &Document, page_id: ObjectId) -> Option<&Dictionary> {
    deref_dict(doc, inherited(doc, page_id, b"Resources")?)
}

/// An [`OutputDev`] that records positioned glyphs for [`layout`].
#[derive(Default)]
struct GlyphCollector {
    /// Horizontal glyphs, in drawing order.
    glyphs: Vec<Glyph>,
    /// Glyphs drawn at an angle (margin stamps, table headers), with the
    /// angle in degrees, in their own rotated frame.
    rotated: Vec<(i32, Glyph)>,
    /// Top of the page in user space, to turn `y` upside down.
    top: f64,
    /// A space glyph was drawn since the last visible glyph.
    pending_space: bool,
    /// CTMs of the page's form invocations, from [`walk_page`].
    forms: Vec<Matrix>,
    /// How many form invocations have begun.
    forms_begun: usize,
    /// The CTM of each open form, innermost last (`None` when unknown).
    open_forms: Vec<Option<Matrix>>,
}

impl OutputDev for GlyphCollector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.top = media_box.ury.max(media_box.lly);
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        let text = clean_glyph_text(char);
        if text.trim().is_empty() {
            self.pending_space |= !text.is_empty();
            return Ok(());
        }
        let local = [trm.m11, trm.m12, trm.m21, trm.m22, trm.m31, trm.m32];
        let m = match self.open_forms.last() {
            Some(Some(form)) => concat(local, *form),
            _ => local,
        };
        let (x, y) = (m[4], m[5]);
        if !x.is_finite() || !y.is_finite() {
            return Ok(());
        }
        let scale = (m[0] * m[3] - m[1] * m[2]).abs().sqrt();
        let size = font_size.abs() * scale;
        // A NaN size means text shown before any `Tf`; 10 pt is a sane guess.
        let size = if size.is_finite() && size > 0.01 {
            size
        } else {
            10.0
        };
        // Advance along the text direction, whatever the rotation.
        let advance = width * font_size.abs() * m[0].hypot(m[1]);
        let advance = if advance.is_finite() && advance > 0.0 {
            advance
        } else {
            0.5 * size
        };
        let horizontal = m[0] > 0.0 && m[1].abs() <= 0.1 * m[0];
        let seq = self.glyphs.len() + self.rotated.len();
        let space_before = std::mem::take(&mut self.pending_space);
        if horizontal {
            self.glyphs.push(Glyph {
                x,
                baseline: self.top - y,
                advance,
                size,
                text,
                space_before,
                seq,
            });
        } else {
            // Rotated text (a vertical stamp in the margin, table headers
            // set at 90°) is laid out in its own frame: rotate the page by
            // the text's angle so that it reads left to right.
            let angle = m[1].atan2(m[0]);
            let (sin, cos) = angle.sin_cos();
            let degrees = angle.to_degrees().round() as i32;
            self.rotated.push((
                degrees,
                Glyph {
                    x: x * cos + y * sin,
                    baseline: x * sin - y * cos,
                    advance,
                    size,
                    text,
                    space_before,
                    seq,
                },
            ));
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn stroke(
        &mut self,
        _ctm: &Transform,
        _colorspace: &ColorSpace,
        _color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        if let [PathOp::MoveTo(x, y)] = path.ops.as_slice() {
            if *x == FORM_MARK_X && *y == 1.0 {
                self.open_forms
                    .push(self.forms.get(self.forms_begun).copied());
                self.forms_begun += 1;
            } else if *x == FORM_MARK_X && *y == 2.0 {
                self.open_forms.pop();
            }
        }
        Ok(())
    }
}

/// A glyph's text as we keep it: ligatures spelled out, no-break and other
/// typographic spaces made plain spaces, control characters dropped.
fn clean_glyph_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
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

    #[test]
    fn comments_are_stripped_outside_strings() {
        let content = b"% scanner tag\n\nBT (taux de 5 %) Tj ET % done\n";
        let clean = clean_content(content).unwrap();
        assert_eq!(clean, b"\n\n\nBT (taux de 5 %) Tj ET \n\n".to_vec());
        assert_eq!(clean_content(b"BT (l'article) Tj ET"), None);
        let ops = lopdf::content::Content::decode(&clean).unwrap().operations;
        assert_eq!(ops.len(), 3);
    }

    #[test]
    fn quote_operators_become_next_line_and_show() {
        let clean = clean_content(b"BT 12 TL (Vu) Tj (le code)' 1 0 <4C27>\" ET").unwrap();
        let ops = lopdf::content::Content::decode(&clean).unwrap().operations;
        let names: Vec<&str> = ops.iter().map(|o| o.operator.as_str()).collect();
        assert_eq!(
            names,
            ["BT", "TL", "Tj", "T*", "Tj", "DelibNoOp", "T*", "Tj", "ET"]
        );
        assert_eq!(ops[4].operands, vec![Object::string_literal("le code")]);
    }

    #[test]
    fn cid_width_ranges_are_spelled_out() {
        let doc = Document::with_version("1.5");
        let w = Object::Array(vec![
            3.into(),
            4.into(),
            250.into(),
            10.into(),
            Object::Array(vec![500.into(), 611.into()]),
        ]);
        let out = expanded_widths(&doc, &w).unwrap();
        assert_eq!(out.len(), 4);
        assert_eq!(out[0], Object::Integer(3));
        assert_eq!(out[1].as_array().unwrap().len(), 2);
        assert_eq!(out[3].as_array().unwrap()[1].as_float().unwrap(), 611.0);
        let plain = Object::Array(vec![10.into(), Object::Array(vec![500.into()])]);
        assert_eq!(expanded_widths(&doc, &plain), None);
    }

    #[test]
    fn concat_applies_left_matrix_first() {
        let scale = [2.0, 0.0, 0.0, 2.0, 0.0, 0.0];
        let shift = [1.0, 0.0, 0.0, 1.0, 10.0, 0.0];
        // Scale then shift: the point (1, 0) goes to (12, 0).
        let m = concat(scale, shift);
        assert_eq!(m[0] * 1.0 + m[4], 12.0);
    }
}
