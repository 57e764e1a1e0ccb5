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

use delib::normalize::Source;

#[path = "../benches/common/mod.rs"]
mod common;

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
    let (_, files) = common::corpus_texts();
    let sources = common::normalized(&files);
    let bytes: usize = sources.iter().map(|s| s.text.len()).sum();
    let warm_records = warm(&sources);
    let records = measured(&sources);
    println!(
        "{} texts, {bytes} bytes normalized, {records} records ({warm_records} in the warm-up)",
        sources.len()
    );
}
