//! The body fields of the AMP seed (visas, considérants, articles, amounts,
//! budget lines, vote) against its hand-checked gold, read from
//! `../shared/corpus` (the real corpus stays outside the repository; the
//! test is skipped when it is absent).

use std::path::Path;

use delib::model::SourceInfo;
use delib::normalize::normalize;
use delib::parse::parse_document;
use delib::text::read_text;
use serde_json::Value;

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/corpus/seed/amp-bureau-2020-07-31-fbpa-018-8117.txt"
);
const GOLD: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/corpus/gold/seed/amp-bureau-2020-07-31-fbpa-018-8117.gold.json"
);

/// Typographic apostrophes are folded by normalization; the gold keeps them.
fn fold(s: &str) -> String {
    s.replace('\u{2019}', "'")
}

#[test]
fn seed_body_fields_match_the_gold() {
    if !Path::new(SEED).exists() || !Path::new(GOLD).exists() {
        eprintln!("corpus absent: skipped");
        return;
    }
    let bytes = std::fs::read(SEED).unwrap_or_default();
    let gold: Value = serde_json::from_str(&std::fs::read_to_string(GOLD).unwrap_or_default())
        .unwrap_or_default();
    let g = &gold["deliberations"][0];
    let src = normalize(&read_text(&bytes));
    let recs = parse_document(&src, SourceInfo::default());
    assert_eq!(recs.len(), 1);
    let r = &recs[0];

    let gc = g["citations"].as_array().cloned().unwrap_or_default();
    assert_eq!(r.citations.len(), gc.len());
    for (c, gc) in r.citations.iter().zip(&gc) {
        assert_eq!(fold(&c.text), fold(gc["text"].as_str().unwrap_or_default()));
        assert_eq!(serde_json::to_value(c.kind).unwrap_or_default(), gc["kind"]);
        assert_eq!(c.number.as_deref(), gc["number"].as_str());
        assert_eq!(c.date.as_deref(), gc["date"].as_str());
    }

    let gr: Vec<String> = g["recitals"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).map(fold).collect())
        .unwrap_or_default();
    let pr: Vec<String> = r.recitals.iter().map(|s| fold(s)).collect();
    assert_eq!(pr, gr);

    let ga = g["articles"].as_array().cloned().unwrap_or_default();
    assert_eq!(r.articles.len(), ga.len());
    for (a, ga) in r.articles.iter().zip(&ga) {
        assert_eq!(Some(a.number.as_str()), ga["number"].as_str());
        assert_eq!(fold(&a.text), fold(ga["text"].as_str().unwrap_or_default()));
    }

    let gm = g["amounts"].as_array().cloned().unwrap_or_default();
    assert_eq!(r.amounts.len(), gm.len());
    for (m, gm) in r.amounts.iter().zip(&gm) {
        assert_eq!(Some(m.value.as_str()), gm["value"].as_str());
        assert_eq!(Some(m.text.as_str()), gm["text"].as_str());
        assert_eq!(serde_json::to_value(m.tax).unwrap_or_default(), gm["tax"]);
        let page = src.page_text(m.span.page).unwrap_or_default();
        assert_eq!(page.get(m.span.start..m.span.end), Some(m.text.as_str()));
    }

    let gb: Vec<&str> = g["budget_lines"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    assert_eq!(r.budget_lines, gb);

    let v = serde_json::to_value(&r.vote).unwrap_or_default();
    for k in [
        "outcome",
        "unanimous",
        "for",
        "against",
        "abstentions",
        "against_names",
        "abstention_names",
    ] {
        assert_eq!(v[k], g["vote"][k], "vote.{k}");
    }
}
