//! Runs every PDF of the shared corpus through the isolated worker: each
//! file must give pages or a typed error, never hang or take the test down.
//!
//! The corpus lives outside the repository, in `${DELIB_CORPUS:-../shared/corpus}/pdf`
//! (relative to the crate root); the test prints a note and passes when it
//! is absent. Two workers share the files, one per core.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use delib::pdf::worker::Worker;
use delib::pdf::Limits;

/// Every `.pdf` under `dir`, sorted.
fn pdfs(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            pdfs(&path, out);
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
        {
            out.push(path);
        }
    }
}

#[derive(Default)]
struct Counts {
    files: usize,
    text_pages: usize,
    ocr_pages: usize,
    page_panics: usize,
    errors: BTreeMap<String, usize>,
    slowest: (f64, String),
}

#[test]
fn every_corpus_pdf_gives_pages_or_a_typed_error() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = std::env::var_os("DELIB_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/corpus"));
    let dir = root.join(corpus).join("pdf");
    let mut files = Vec::new();
    pdfs(&dir, &mut files);
    files.sort();
    if files.is_empty() {
        eprintln!("note: no corpus PDFs under {}, skipping", dir.display());
        return;
    }
    let exe = Path::new(env!("CARGO_BIN_EXE_delib"));
    let queue = Mutex::new(files.into_iter());
    let counts = Mutex::new(Counts::default());
    let start = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| {
                let mut worker = Worker::new(exe, &Limits::default());
                loop {
                    let Some(path) = queue.lock().unwrap().next() else {
                        break;
                    };
                    let t = Instant::now();
                    let result = worker.extract(&path);
                    let secs = t.elapsed().as_secs_f64();
                    let mut c = counts.lock().unwrap();
                    c.files += 1;
                    if secs > c.slowest.0 {
                        c.slowest = (secs, path.display().to_string());
                    }
                    match result {
                        Ok(pages) => {
                            assert!(!pages.pages.is_empty(), "{}: no pages", path.display());
                            c.ocr_pages += pages.pages_needing_ocr();
                            c.text_pages += pages.pages.len() - pages.pages_needing_ocr();
                            c.page_panics += pages
                                .diagnostics
                                .iter()
                                .filter(|d| d.code == "pdf.page_panic")
                                .count();
                        }
                        Err(e) => {
                            assert!(e.code().starts_with("pdf."));
                            eprintln!("{}: {} {e}", path.display(), e.code());
                            *c.errors.entry(e.code().to_string()).or_default() += 1;
                        }
                    }
                }
            });
        }
    });
    let c = counts.into_inner().unwrap();
    eprintln!(
        "corpus: {} files in {:.1} s; {} text pages, {} OCR pages, {} page panics caught, errors {:?}; slowest {:.1} s {}",
        c.files,
        start.elapsed().as_secs_f64(),
        c.text_pages,
        c.ocr_pages,
        c.page_panics,
        c.errors,
        c.slowest.0,
        c.slowest.1
    );
}
