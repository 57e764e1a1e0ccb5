//! Parser throughput on already normalized text: every text of the corpus
//! (`../shared/corpus/text` and `seed`, or `$DELIB_CORPUS`) normalized once,
//! then parsed repeatedly; prints MB/s on one core. `cargo bench --bench parse`.

use std::time::Instant;

mod common;

fn main() {
    let (root, files) = common::corpus_texts();
    if files.is_empty() {
        eprintln!("corpus not found at {}: nothing to measure", root.display());
        return;
    }
    let sources = common::normalized(&files);
    let bytes: usize = sources.iter().map(|s| s.text.len()).sum();
    let mut rounds = 0u32;
    let start = Instant::now();
    let mut records = 0usize;
    while rounds < 3 || start.elapsed().as_secs_f64() < 3.0 {
        for s in &sources {
            records += delib::parse::parse_document(s, Default::default()).len();
        }
        rounds += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = (bytes as f64 * f64::from(rounds)) / 1e6;
    println!(
        "parse: {} texts, {:.2} MB normalized, {rounds} rounds, {records} records: {:.1} MB/s on one core",
        sources.len(),
        bytes as f64 / 1e6,
        mb / secs
    );
    let start = Instant::now();
    for f in &files {
        if let Ok(b) = std::fs::read(f) {
            std::hint::black_box(delib::normalize::normalize(&delib::text::read_text(&b)));
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "normalize: {:.1} MB/s on one core",
        bytes as f64 / 1e6 / secs
    );
}
