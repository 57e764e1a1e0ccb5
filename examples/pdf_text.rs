//! Prints the text `delib::pdf::extract` finds in each PDF given on the
//! command line, page by page, to compare with `pdftotext -layout` by eye.
//! With `--time` as first argument, prints only the time per file and page.

use std::time::Instant;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let time_only = args.first().is_some_and(|a| a == "--time");
    if time_only {
        args.remove(0);
    }
    let limits = delib::pdf::Limits::default();
    let (mut total_pages, start) = (0usize, Instant::now());
    for path in &args {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let t = Instant::now();
        let result = delib::pdf::extract(&bytes, &limits);
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        match result {
            Ok(pages) => {
                total_pages += pages.pages.len();
                if time_only {
                    println!("{path}\t{}\t{ms:.1}", pages.pages.len());
                    continue;
                }
                println!("==== {path} ({} pages, {ms:.1} ms)", pages.pages.len());
                for d in &pages.diagnostics {
                    println!("  [{}] {}", d.code, d.message);
                }
                for p in &pages.pages {
                    println!("---- page {} needs_ocr={}", p.number, p.needs_ocr);
                    println!("{}", p.text);
                }
            }
            Err(e) => println!("==== {path}: {} {e}", e.code()),
        }
    }
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "{} files, {total_pages} pages, {:.1} ms/page",
        args.len(),
        secs * 1000.0 / total_pages.max(1) as f64
    );
}
