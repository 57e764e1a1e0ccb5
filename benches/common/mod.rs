//! The corpus texts that the parser benchmark and its callgrind example
//! measure: every `.txt` under `../shared/corpus/text` and `seed` (or
//! `$DELIB_CORPUS`), sorted, each normalized once.

use std::path::{Path, PathBuf};

use delib::normalize::Source;

/// The corpus root and its texts' paths, sorted (empty when it is absent).
pub fn corpus_texts() -> (PathBuf, Vec<PathBuf>) {
    let root = std::env::var_os("DELIB_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    let mut files = Vec::new();
    walk(&root.join("text"), &mut files);
    walk(&root.join("seed"), &mut files);
    files.sort();
    (root, files)
}

/// `files` read and normalized (unreadable files left out).
pub fn normalized(files: &[PathBuf]) -> Vec<Source> {
    files
        .iter()
        .filter_map(|f| std::fs::read(f).ok())
        .map(|b| delib::normalize::normalize(&delib::text::read_text(&b)))
        .collect()
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "txt") {
            out.push(p);
        }
    }
}
