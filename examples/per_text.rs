//! Parse time of each corpus text, slowest per byte first (development aid).
#[path = "../benches/common/mod.rs"]
mod common;
fn main() {
    let (_, files) = common::corpus_texts();
    let sources = common::normalized(&files);
    for s in &sources {
        let _ = delib::parse::parse_document(s, Default::default());
    }
    let mut rows = Vec::new();
    let mut total = 0.0;
    for (f, s) in files.iter().zip(&sources) {
        let a = std::time::Instant::now();
        let n = delib::parse::parse_document(s, Default::default()).len();
        let t = a.elapsed().as_secs_f64();
        total += t;
        rows.push((
            t,
            s.text.len(),
            n,
            s.text.lines().count(),
            f.display().to_string(),
        ));
    }
    let bytes: usize = rows.iter().map(|r| r.1).sum();
    println!(
        "{bytes} bytes in {total:.3} s = {:.1} MB/s",
        bytes as f64 / total / 1e6
    );
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (t, b, n, l, f) in rows.iter().take(400) {
        println!(
            "{:7.2} ms {:8} B {:6.1} MB/s {n:4} rec {l:6} lines {f}",
            t * 1e3,
            b,
            *b as f64 / t / 1e6
        );
    }
}
