//! Measures the cost of isolation: the same PDFs extracted in-process, by
//! one long-lived worker process, and by one fresh worker per file.
//!
//! `pdf_bench WORKER_EXE [MODE] FILE…` (WORKER_EXE is a `delib` binary;
//! MODE is `all` (default), `inproc`, `worker` or `spawn`: run one mode under
//! `time` to compare CPU time, which a loaded machine distorts less than
//! wall time).

use std::path::{Path, PathBuf};
use std::time::Instant;

use delib::pdf::worker::{extract_isolated, Worker};
use delib::pdf::{extract, Limits};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(exe) = args.next().map(PathBuf::from) else {
        eprintln!("usage: pdf_bench WORKER_EXE FILE…");
        std::process::exit(2);
    };
    let mut files: Vec<String> = args.collect();
    let mode = match files.first().map(String::as_str) {
        Some(m @ ("all" | "inproc" | "worker" | "spawn")) => {
            let m = m.to_string();
            files.remove(0);
            m
        }
        _ => "all".to_string(),
    };
    let files: Vec<PathBuf> = files.into_iter().map(PathBuf::from).collect();
    let limits = Limits::default();
    let pages = |r: Result<delib::pages::Pages, delib::pdf::PdfError>| {
        r.map(|p| p.pages.len()).unwrap_or(0)
    };

    if mode != "all" {
        let t = Instant::now();
        let mut worker = Worker::new(&exe, &limits);
        let mut n = 0;
        for f in &files {
            n += match mode.as_str() {
                "inproc" => pages(extract(&std::fs::read(f).unwrap_or_default(), &limits)),
                "worker" => pages(worker.extract(f)),
                _ => pages(extract_isolated(f, &exe, &limits)),
            };
        }
        println!(
            "{mode}: {} files, {n} pages, {:.2} s wall",
            files.len(),
            t.elapsed().as_secs_f64()
        );
        return;
    }

    let t = Instant::now();
    let mut n = 0;
    for f in &files {
        let bytes = std::fs::read(f).unwrap_or_default();
        n += pages(extract(&bytes, &limits));
    }
    let inproc = t.elapsed().as_secs_f64();

    let t = Instant::now();
    let mut worker = Worker::new(&exe, &limits);
    let mut m = 0;
    for f in &files {
        m += pages(worker.extract(f));
    }
    drop(worker);
    let pooled = t.elapsed().as_secs_f64();

    let t = Instant::now();
    let mut k = 0;
    for f in &files {
        k += pages(extract_isolated(Path::new(f), &exe, &limits));
    }
    let spawned = t.elapsed().as_secs_f64();

    assert_eq!((n, m), (n, k), "page counts differ between modes");
    let per_page = |s: f64| s * 1000.0 / n.max(1) as f64;
    println!("{} files, {n} pages", files.len());
    println!(
        "in-process        {inproc:7.2} s  {:6.2} ms/page",
        per_page(inproc)
    );
    println!(
        "one worker        {pooled:7.2} s  {:6.2} ms/page  overhead {:+.1} %",
        per_page(pooled),
        (pooled / inproc - 1.0) * 100.0
    );
    println!(
        "worker per file   {spawned:7.2} s  {:6.2} ms/page  overhead {:+.1} %",
        per_page(spawned),
        (spawned / inproc - 1.0) * 100.0
    );
}
