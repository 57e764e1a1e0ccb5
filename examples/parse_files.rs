//! Parses each file given with `parse_document` and prints its time; a
//! small workload for `valgrind --tool=callgrind` (development aid).
//!
//! With `WARM=1` every file is parsed once first, so that compiling the
//! lexicon and the static patterns is left out of the measured pass
//! (`--toggle-collect='parse_files::measured'`).
use std::time::Instant;

use delib::normalize::Source;

fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    let srcs: Vec<(String, Source)> = files
        .into_iter()
        .filter_map(|f| {
            let b = std::fs::read(&f).ok()?;
            Some((f, delib::normalize::normalize(&delib::text::read_text(&b))))
        })
        .collect();
    if std::env::var_os("WARM").is_some() {
        for (_, s) in &srcs {
            std::hint::black_box(delib::parse::parse_document(s, Default::default()));
        }
    }
    measured(&srcs);
}

#[inline(never)]
fn measured(srcs: &[(String, Source)]) {
    let mut total = 0f64;
    let mut bytes = 0usize;
    for (f, src) in srcs {
        let a = Instant::now();
        let n = delib::parse::parse_document(src, Default::default()).len();
        let s = a.elapsed().as_secs_f64();
        total += s;
        bytes += src.text.len();
        println!("{:8.3} s {:9} B {n:4} records  {f}", s, src.text.len());
    }
    println!(
        "total {total:.3} s, {:.2} MB/s",
        bytes as f64 / 1e6 / total.max(1e-9)
    );
}
