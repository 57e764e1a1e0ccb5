//! Every text of the real corpus (`../shared/corpus/text` and `seed`, or
//! `$DELIB_CORPUS`) goes through normalization and parsing without a panic,
//! and every span it reports lies inside its page's normalized text.
//! Skipped, with a note, when the corpus is absent.

use std::path::{Path, PathBuf};

use delib::model::Span;

fn corpus() -> Option<PathBuf> {
    let dir = std::env::var_os("DELIB_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    dir.is_dir().then_some(dir)
}

fn text_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            text_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "txt") {
            out.push(p);
        }
    }
}

fn check_span(src: &delib::normalize::Source, span: &Span, what: &str, file: &Path) {
    let page = src
        .page_text(span.page)
        .unwrap_or_else(|| panic!("{}: {what} on missing page {}", file.display(), span.page));
    assert!(
        span.start <= span.end && span.end <= page.len(),
        "{}: {what} span {span:?} out of page of {} bytes",
        file.display(),
        page.len()
    );
    assert!(
        page.is_char_boundary(span.start) && page.is_char_boundary(span.end),
        "{}: {what} span {span:?} not on character boundaries",
        file.display()
    );
}

#[test]
fn corpus_texts_parse_with_spans_in_bounds() {
    let Some(root) = corpus() else {
        eprintln!("corpus not found: skipped");
        return;
    };
    let mut files = Vec::new();
    text_files(&root.join("text"), &mut files);
    text_files(&root.join("seed"), &mut files);
    files.sort();
    assert!(!files.is_empty());
    let mut records = 0;
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let pages = delib::text::read_text(&bytes);
        let src = delib::normalize::normalize(&pages);
        let recs = delib::parse::parse_document(&src, delib::model::SourceInfo::default());
        assert!(!recs.is_empty(), "{}: no record", f.display());
        for r in &recs {
            records += 1;
            for c in &r.citations {
                check_span(&src, &c.span, "citation", f);
            }
            for a in &r.amounts {
                check_span(&src, &a.span, "amount", f);
            }
            for d in &r.diagnostics {
                if let Some(s) = &d.span {
                    check_span(&src, s, "diagnostic", f);
                }
            }
        }
    }
    eprintln!("{} text files, {records} records", files.len());
}
