//! Times each part reader on the corpus texts (development aid).
use std::time::Instant;

/// A part reader.
type Part = fn(&mut delib::parse::Ctx, &mut delib::model::Record);
fn main() {
    let files: Vec<_> = std::env::args().skip(1).collect();
    let srcs: Vec<_> = files
        .iter()
        .map(|f| delib::normalize::normalize(&delib::text::read_text(&std::fs::read(f).unwrap())))
        .collect();
    let mut t = [0f64; 12];
    use delib::parse::*;
    for s in &srcs {
        let mut rec = delib::model::Record::default();
        let mut cx = Ctx::whole(s);
        let parts: [(&str, Part); 10] = [
            ("header", header::read),
            ("references", references::read),
            ("attendance", attendance::read),
            ("visas", visas::read),
            ("recitals", recitals::read),
            ("articles", articles::read),
            ("amounts", amounts::read),
            ("budget", budget::read),
            ("vote", vote::read),
            ("signature", signature::read),
        ];
        for (i, (_, f)) in parts.iter().enumerate() {
            let a = Instant::now();
            f(&mut cx, &mut rec);
            t[i] += a.elapsed().as_secs_f64();
        }
        let a = Instant::now();
        let _ = seance::segment(s);
        t[10] += a.elapsed().as_secs_f64();
    }
    for (i, n) in [
        "header",
        "references",
        "attendance",
        "visas",
        "recitals",
        "articles",
        "amounts",
        "budget",
        "vote",
        "signature",
        "segment",
    ]
    .iter()
    .enumerate()
    {
        println!("{n:12} {:.3} s", t[i]);
    }
}
