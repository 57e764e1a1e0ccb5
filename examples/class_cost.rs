//! Times every lexicon class's full scan over the given texts (development aid).
use std::time::Instant;
fn main() {
    let text: String = std::env::args()
        .skip(1)
        .filter_map(|f| std::fs::read(f).ok())
        .map(|b| delib::normalize::normalize(&delib::text::read_text(&b)).text)
        .collect::<Vec<_>>()
        .join("\n");
    let mut rows = Vec::new();
    for c in delib::parse::lexicon::lexicon().classes() {
        let _ = c.find_iter(&text[..1000.min(text.len())]).count();
        let a = Instant::now();
        let n = c.find_iter(&text).count();
        let s = a.elapsed().as_secs_f64();
        rows.push((s, n, c.name.clone()));
    }
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    let total: f64 = rows.iter().map(|r| r.0).sum();
    println!(
        "{} bytes, all classes {:.3} s = {:.1} MB/s per class on average",
        text.len(),
        total,
        text.len() as f64 / 1e6 * rows.len() as f64 / total
    );
    for (s, n, name) in rows.iter().take(40) {
        println!("{:8.2} ns/B {n:6} {name}", s * 1e9 / text.len() as f64);
    }
}
