//! One round of the parse benchmark after a warm-up round, for an instruction
//! count of the parser alone (development aid):
//!
//! ```text
//! valgrind --tool=callgrind --toggle-collect='callgrind_parse::measured' \
//!     target/release/examples/callgrind_parse
//! ```
//!
//! The texts are those of `benches/parse.rs` (`../shared/corpus/text` and
//! `seed`, or `$DELIB_CORPUS`); divide the count by the bytes printed.

use std::path::{Path, PathBuf};

use delib::normalize::Source;

fn texts(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            texts(&p, out);
        } else if p.extension().is_some_and(|x| x == "txt") {
            out.push(p);
        }
    }
}

fn parse_all(sources: &[Source]) -> usize {
    sources
        .iter()
        .map(|s| delib::parse::parse_document(s, Default::default()).len())
        .sum()
}

/// The warm-up: compiles the lexicon and fills the lazy DFAs' caches.
#[inline(never)]
fn warm(sources: &[Source]) -> usize {
    parse_all(sources)
}

/// The measured round (its own code, so the linker does not fold it into
/// `warm`).
#[inline(never)]
fn measured(sources: &[Source]) -> usize {
    parse_all(sources) + std::hint::black_box(0)
}

fn main() {
    let root = std::env::var_os("DELIB_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    let mut files = Vec::new();
    texts(&root.join("text"), &mut files);
    texts(&root.join("seed"), &mut files);
    files.sort();
    let sources: Vec<Source> = files
        .iter()
        .filter_map(|f| std::fs::read(f).ok())
        .map(|b| delib::normalize::normalize(&delib::text::read_text(&b)))
        .collect();
    let bytes: usize = sources.iter().map(|s| s.text.len()).sum();
    let warm_records = warm(&sources);
    let records = measured(&sources);
    println!(
        "{} texts, {bytes} bytes normalized, {records} records ({warm_records} in the warm-up)",
        sources.len()
    );
}
