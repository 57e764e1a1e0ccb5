//! OCR of pages without a usable text layer: each page is rendered with
//! `pdftoppm -r 300 -gray` (a PGM: never PNG, which costs ten times more to
//! write) and read by the `tesseract` command with the French model, one
//! single-threaded Tesseract process per page (`OMP_THREAD_LIMIT=1`: its own
//! threads gave no speed-up; two processes on two cores halve the wall time).
//!
//! Results are cached by the page's identity — the document's SHA-256 and
//! the page number, which fix the rendered image exactly — with the
//! Tesseract version, the language and the resolution, so a second run over
//! the same archive neither renders nor OCRs a page again.
//! Nothing here links a C library: the commands are found on `PATH` (or
//! given), and their absence is a clear error, not a crash.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use rayon::prelude::*;

use crate::binarize;
use crate::input::{sha256_hex, InputError};
use crate::model::{Diagnostic, TextOrigin};
use crate::pages::Pages;

/// When to OCR a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OcrMode {
    /// Only pages flagged `needs_ocr` (no usable text layer).
    #[default]
    Auto,
    /// Every page of every PDF.
    Always,
    /// Never: scanned pages stay flagged.
    Never,
}

/// How to run OCR.
#[derive(Debug, Clone)]
pub struct OcrConfig {
    /// When to OCR.
    pub mode: OcrMode,
    /// The `tesseract` command.
    pub tesseract: PathBuf,
    /// The `pdftoppm` command.
    pub pdftoppm: PathBuf,
    /// Tesseract language (`fra`).
    pub lang: String,
    /// Rendering resolution; 300 dpi matters (at 100 dpi 2–12 % more
    /// characters were wrong).
    pub dpi: u32,
    /// Where OCR text is cached; `None` disables the cache.
    pub cache_dir: Option<PathBuf>,
    /// Words under this confidence (0–100) count as doubtful.
    pub low_confidence: f32,
}

impl Default for OcrConfig {
    fn default() -> OcrConfig {
        OcrConfig {
            mode: OcrMode::Auto,
            tesseract: PathBuf::from("tesseract"),
            pdftoppm: PathBuf::from("pdftoppm"),
            lang: "fra".to_string(),
            dpi: 300,
            cache_dir: default_cache_dir(),
            low_confidence: 60.0,
        }
    }
}

/// `$XDG_CACHE_HOME/delib/ocr`, else `~/.cache/delib/ocr`.
pub fn default_cache_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("delib").join("ocr"))
}

/// The install hint shown when Tesseract is missing.
pub const INSTALL_HINT: &str =
    "install it with: apt-get install tesseract-ocr tesseract-ocr-fra poppler-utils";

/// The Tesseract version line, or why OCR cannot run (command missing, or
/// the language model not installed).
pub fn probe(cfg: &OcrConfig) -> Result<String, InputError> {
    let unavailable =
        |what: String| InputError::new("ocr.unavailable", format!("{what}; {INSTALL_HINT}"));
    let out = Command::new(&cfg.tesseract)
        .arg("--version")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| unavailable(format!("cannot run {}: {e}", cfg.tesseract.display())))?;
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    let version = text
        .lines()
        .next()
        .unwrap_or("tesseract")
        .trim()
        .to_string();
    let langs = Command::new(&cfg.tesseract)
        .arg("--list-langs")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| unavailable(format!("cannot run {}: {e}", cfg.tesseract.display())))?;
    let listed = String::from_utf8_lossy(&langs.stdout).to_string()
        + &String::from_utf8_lossy(&langs.stderr);
    if !listed.lines().any(|l| l.trim() == cfg.lang) {
        return Err(unavailable(format!(
            "the Tesseract language '{}' is not installed",
            cfg.lang
        )));
    }
    Command::new(&cfg.pdftoppm)
        .arg("-v")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| unavailable(format!("cannot run {}: {e}", cfg.pdftoppm.display())))?;
    Ok(version)
}

/// What OCR did to a document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OcrStats {
    /// Pages read by OCR (from the cache or not).
    pub pages: usize,
    /// Of those, pages taken from the cache.
    pub cached: usize,
}

/// OCRs the pages of the PDF `pdf` (whose SHA-256 is `sha256`) that the
/// mode selects, replacing their text in `pages`. `version` is what
/// [`probe`] returned. A page that cannot be OCR'd keeps `needs_ocr` and gets
/// an `ocr.failed` diagnostic.
pub fn ocr_pdf_pages(
    pdf: &[u8],
    sha256: &str,
    pages: &mut Pages,
    cfg: &OcrConfig,
    version: &str,
) -> OcrStats {
    let wanted: Vec<usize> = (0..pages.pages.len())
        .filter(|&i| match cfg.mode {
            OcrMode::Never => false,
            OcrMode::Always => true,
            OcrMode::Auto => pages.pages[i].needs_ocr,
        })
        .collect();
    if wanted.is_empty() {
        return OcrStats::default();
    }
    let results: Vec<(usize, Result<PageOcr, String>)> = wanted
        .par_iter()
        .map(|&i| {
            (
                i,
                ocr_page(pdf, sha256, pages.pages[i].number, cfg, version),
            )
        })
        .collect();
    let mut stats = OcrStats::default();
    for (i, res) in results {
        let number = pages.pages[i].number;
        match res {
            Ok(p) => {
                stats.pages += 1;
                stats.cached += usize::from(p.cached);
                let page = &mut pages.pages[i];
                page.text = p.text;
                page.needs_ocr = false;
                if p.words > 0 && p.low_words * 5 > p.words {
                    pages.diagnostics.push(Diagnostic::warning(
                        "ocr.low_confidence",
                        format!(
                            "page {number}: {} of {} OCR words have a confidence under {:.0} (mean {:.0}); check values read from it",
                            p.low_words, p.words, cfg.low_confidence, p.mean_confidence
                        ),
                        None,
                    ));
                }
            }
            Err(e) => pages.diagnostics.push(Diagnostic::error(
                "ocr.failed",
                format!("page {number}: OCR failed: {e}"),
                None,
            )),
        }
    }
    if stats.pages > 0 {
        pages.origin = TextOrigin::Ocr;
        // The input stage flagged every scanned page; say it again only for
        // those OCR could not read.
        pages.diagnostics.retain(|d| d.code != "page.no_text_layer");
        let left: Vec<u32> = pages
            .pages
            .iter()
            .filter(|p| p.needs_ocr)
            .map(|p| p.number)
            .collect();
        for n in left {
            pages.diagnostics.push(Diagnostic::warning(
                "page.no_text_layer",
                format!("page {n} has no usable text layer and OCR could not read it"),
                None,
            ));
        }
    }
    stats
}

/// One page's OCR.
#[derive(Debug, Clone, PartialEq)]
struct PageOcr {
    text: String,
    words: usize,
    low_words: usize,
    mean_confidence: f32,
    cached: bool,
}

fn ocr_page(
    pdf: &[u8],
    sha256: &str,
    page: u32,
    cfg: &OcrConfig,
    version: &str,
) -> Result<PageOcr, String> {
    let key = sha256_hex(
        format!(
            "{sha256}\n{page}\n{version}\n{}\n{}\n{PREPARATION}",
            cfg.lang, cfg.dpi
        )
        .as_bytes(),
    );
    let cache_file = cfg
        .cache_dir
        .as_ref()
        .map(|d| d.join(&key[..2]).join(format!("{key}.tsv")));
    if let Some(tsv) = cache_file
        .as_ref()
        .and_then(|f| std::fs::read_to_string(f).ok())
    {
        let mut p = parse_tsv(&tsv, cfg.low_confidence);
        p.cached = true;
        return Ok(p);
    }
    let dir = tempfile::tempdir().map_err(|e| format!("cannot make a temporary folder: {e}"))?;
    let stem = dir.path().join("page");
    // The PDF goes in on stdin, so archive members need no file of their own.
    let mut child = Command::new(&cfg.pdftoppm)
        .args(["-r", &cfg.dpi.to_string(), "-gray"])
        .args(["-f", &page.to_string(), "-l", &page.to_string()])
        .args(["-singlefile", "-"])
        .arg(&stem)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run pdftoppm: {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        // A write error means pdftoppm stopped early; its status says why.
        let _ = stdin.write_all(pdf);
    }
    let status = child.wait().map_err(|e| format!("pdftoppm failed: {e}"))?;
    let image = stem.with_extension("pgm");
    if !status.success() || !image.is_file() {
        return Err(format!("pdftoppm could not render page {page}"));
    }
    let image = prepare_image(&image)?;
    let out = Command::new(&cfg.tesseract)
        .arg(&image)
        .arg("stdout")
        .args(["-l", &cfg.lang, "--psm", "3", "tsv"])
        .env("OMP_THREAD_LIMIT", "1")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run tesseract: {e}"))?;
    if !out.status.success() {
        return Err(format!("tesseract exited with {}", out.status));
    }
    let tsv = String::from_utf8_lossy(&out.stdout).into_owned();
    if let Some(f) = &cache_file {
        // A cache that cannot be written only costs time on the next run.
        if let Some(parent) = f.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        let tmp = f.with_extension(format!("tmp{}", std::process::id()));
        if std::fs::write(&tmp, &tsv).is_ok() {
            let _ = std::fs::rename(&tmp, f);
        }
    }
    Ok(parse_tsv(&tsv, cfg.low_confidence))
}

/// What is done to a page image before Tesseract reads it; part of the
/// cache key, so that a change re-reads the pages.
const PREPARATION: &str = "threshold-midpoint-p1-p50";

/// Binarizes the rendered page (see [`crate::binarize`]) into a one-bit
/// PBM beside it, and returns its path: grey heading bands otherwise defeat
/// Tesseract's global threshold.
fn prepare_image(path: &std::path::Path) -> Result<std::path::PathBuf, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read the page image: {e}"))?;
    let grey = binarize::read_pgm(&bytes)?;
    let out = path.with_extension("pbm");
    std::fs::write(
        &out,
        binarize::write_pbm(&grey, binarize::midpoint_threshold(&grey)),
    )
    .map_err(|e| format!("cannot write the page image: {e}"))?;
    Ok(out)
}

/// Tesseract's TSV to page text: words joined into lines, paragraphs and
/// blocks separated by a blank line, with word confidences counted.
fn parse_tsv(tsv: &str, low: f32) -> PageOcr {
    // Lines of words, with their vertical extent.
    let mut lines: Vec<(String, i64, i64)> = Vec::new();
    let mut last_line: Option<(u32, u32, u32)> = None;
    let (mut words, mut low_words, mut sum) = (0usize, 0usize, 0f32);
    for row in tsv.lines().skip(1) {
        let cols: Vec<&str> = row.split('\t').collect();
        if cols.len() < 12 || cols[0] != "5" {
            continue;
        }
        let word = cols[11].trim();
        if word.is_empty() {
            continue;
        }
        let num = |i: usize| cols[i].parse::<u32>().unwrap_or(0);
        let (block, par, line) = (num(2), num(3), num(4));
        let (top, height) = (i64::from(num(7)), i64::from(num(9)));
        let conf = cols[10].parse::<f32>().unwrap_or(0.0);
        words += 1;
        sum += conf.max(0.0);
        if conf < low {
            low_words += 1;
        }
        match lines.last_mut() {
            Some((text, t, b)) if last_line == Some((block, par, line)) => {
                text.push(' ');
                text.push_str(word);
                *t = (*t).min(top);
                *b = (*b).max(top + height);
            }
            _ => lines.push((word.to_string(), top, top + height)),
        }
        last_line = Some((block, par, line));
    }
    // A blank line where the page leaves one: a vertical gap of more than a
    // line's height. Tesseract's paragraphs are not used: it starts one at
    // every indented line of a list, which cut the list.
    let mut text = String::new();
    for (i, (line, top, _)) in lines.iter().enumerate() {
        let line = without_margin_marks(line);
        if i > 0 {
            let (_, prev_top, prev_bottom) = &lines[i - 1];
            text.push('\n');
            let height = (prev_bottom - prev_top).max(1);
            if top - prev_bottom > height || top < prev_top {
                text.push('\n');
            }
        }
        text.push_str(line);
    }
    PageOcr {
        text,
        words,
        low_words,
        mean_confidence: if words > 0 { sum / words as f32 } else { 0.0 },
        cached: false,
    }
}

/// A line without the marks a scan's margins and rules leave at its ends:
/// a lone `|`, `!`, `_`, bracket or brace (perhaps with a stop or a comma)
/// before the first word or after the last, and an opening bracket glued
/// to the first word when the line never closes it (`[RÉSEAUX`).
fn without_margin_marks(line: &str) -> &str {
    let is_mark = |w: &str| {
        let core = w.trim_end_matches(['.', ',']);
        !core.is_empty() && core.chars().all(|c| "|!¦[]{}_".contains(c))
    };
    let mut line = line;
    while let Some((first, rest)) = line.split_once(' ') {
        if !is_mark(first) || rest.trim().is_empty() {
            break;
        }
        line = rest.trim_start();
    }
    while let Some((rest, last)) = line.rsplit_once(' ') {
        if !is_mark(last) || rest.trim().is_empty() {
            break;
        }
        line = rest.trim_end();
    }
    match line.strip_prefix('[') {
        Some(rest) if !line.contains(']') && rest.starts_with(char::is_alphabetic) => rest,
        _ => line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_of_the_margins_are_dropped() {
        assert_eq!(
            without_margin_marks("! aux quartiers de la Roche"),
            "aux quartiers de la Roche"
        );
        assert_eq!(
            without_margin_marks("|. intercommunal d'électrification 22"),
            "intercommunal d'électrification 22"
        );
        assert_eq!(
            without_margin_marks("| transport des élèves (SITE) _"),
            "transport des élèves (SITE)"
        );
        assert_eq!(without_margin_marks("[RÉSEAUX - Eau"), "RÉSEAUX - Eau");
        assert_eq!(
            without_margin_marks("[voir annexe] suite"),
            "[voir annexe] suite"
        );
        assert_eq!(
            without_margin_marks("- Bâtiments communaux"),
            "- Bâtiments communaux"
        );
        assert_eq!(without_margin_marks("|"), "|");
    }

    #[test]
    fn tsv_becomes_lines_and_blocks() {
        // Columns: level page block par line word left top width height conf text.
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
                   5\t1\t1\t1\t1\t1\t0\t100\t1\t30\t96.5\tSéance\n\
                   5\t1\t1\t1\t1\t2\t0\t102\t1\t28\t91\tdu\n\
                   5\t1\t1\t2\t1\t1\t40\t135\t1\t30\t40\t12\n\
                   4\t1\t2\t1\t1\t0\t0\t230\t1\t30\t-1\t\n\
                   5\t1\t2\t1\t1\t1\t0\t230\t1\t30\t88\tPrésents\n";
        let p = parse_tsv(tsv, 60.0);
        // A new paragraph without a gap (an indented line) is no blank line;
        // a gap of more than a line's height is.
        assert_eq!(p.text, "Séance du\n12\n\nPrésents");
        assert_eq!((p.words, p.low_words), (4, 1));
    }

    #[test]
    fn a_missing_tesseract_is_a_clear_error() {
        let cfg = OcrConfig {
            tesseract: PathBuf::from("/nonexistent/tesseract"),
            ..OcrConfig::default()
        };
        let e = probe(&cfg).unwrap_err();
        assert_eq!(e.code, "ocr.unavailable");
        assert!(e.message.contains("apt-get install tesseract-ocr"));
    }
}
