//! The hand-checked gold documents whose every field must come out exactly
//! (the AMP seed, and the Montpellier extracts with complete gold): each field
//! the gold asserts is compared with delib's record, after the same folding
//! the scorer applies (white space, apostrophes; names without civility and
//! in any word order). Skipped when `../shared/corpus` is absent.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};

fn corpus() -> Option<PathBuf> {
    let dir = std::env::var_os("DELIB_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    dir.is_dir().then_some(dir)
}

fn get<'a>(v: &'a Value, path: &str) -> &'a Value {
    path.split('.')
        .fold(v, |cur, k| cur.get(k).unwrap_or(&Value::Null))
}

fn fold(s: &str) -> String {
    s.replace(['\u{2019}', '\u{2018}'], "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn name_key(s: &str) -> String {
    const CIVILITY: &[&str] = &["m", "m.", "mme", "monsieur", "madame", "mlle", "mr"];
    let mut toks: Vec<String> = fold(s)
        .to_lowercase()
        .split(' ')
        .filter(|t| !CIVILITY.contains(t))
        .map(str::to_string)
        .collect();
    toks.sort();
    toks.join(" ")
}

fn canon(field: &str, v: &Value) -> Value {
    let names = |v: &Value| -> Value {
        let mut xs: Vec<String> = v
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_str).map(name_key).collect())
            .unwrap_or_default();
        xs.sort();
        json!(xs)
    };
    match field {
        "session.president" | "session.secretary" | "rapporteur" | "signatory" => {
            v.as_str().map_or(Value::Null, |s| json!(name_key(s)))
        }
        "attendance.present"
        | "attendance.excused"
        | "attendance.absent"
        | "vote.against_names"
        | "vote.abstention_names"
        | "vote.not_voting_names" => names(v),
        "attendance.represented" | "attendance.represented.pairs" => {
            let mut xs: Vec<(String, String)> = v
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|x| {
                            (
                                name_key(x["member"].as_str().unwrap_or("")),
                                name_key(x["proxy"].as_str().unwrap_or("")),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            xs.sort();
            json!(xs)
        }
        "citations" => json!(v
            .as_array()
            .map(|a| a
                .iter()
                .map(|c| json!([
                    fold(c["text"].as_str().unwrap_or("")),
                    c["kind"],
                    c["number"],
                    c["date"]
                ]))
                .collect::<Vec<_>>())
            .unwrap_or_default()),
        "amounts" => json!(v
            .as_array()
            .map(|a| a
                .iter()
                .map(|x| json!([x["value"], x["tax"]]))
                .collect::<Vec<_>>())
            .unwrap_or_default()),
        "recitals" | "articles" => json!(v.as_array().map_or(0, Vec::len)),
        "budget_lines" | "other_numbers" | "number" | "actes_id" => match v {
            Value::Array(a) => json!(a
                .iter()
                .map(|x| x
                    .as_str()
                    .unwrap_or("")
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .collect::<String>())
                .collect::<Vec<_>>()),
            Value::String(s) => json!(s
                .chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()),
            other => other.clone(),
        },
        _ => match v {
            Value::String(s) => json!(fold(s)),
            other => other.clone(),
        },
    }
}

fn check(gold_rel: &str) {
    let Some(root) = corpus() else {
        eprintln!("corpus not found: skipped");
        return;
    };
    let gold: Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("gold").join(gold_rel)).unwrap())
            .unwrap();
    let source = root.join(gold["source"].as_str().unwrap());
    let out = Command::new(env!("CARGO_BIN_EXE_delib"))
        .arg("extract")
        .arg("--quiet")
        .arg(&source)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let recs: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(recs.len(), 1, "one record for {}", source.display());
    let (g, p) = (&gold["deliberations"][0], &recs[0]);
    let mut wrong = Vec::new();
    for field in gold["fields"].as_array().unwrap() {
        let field = field.as_str().unwrap();
        let path = field.trim_end_matches(".pairs");
        let (gv, pv) = (canon(field, get(g, path)), canon(field, get(p, path)));
        let empty = |v: &Value| v.is_null() || v.as_array().is_some_and(Vec::is_empty);
        if gv != pv && !(empty(&gv) && empty(&pv)) {
            wrong.push(format!("{field}:\n   gold {gv}\n   got  {pv}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{gold_rel}: {} fields differ\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn seed_every_field_exact() {
    check("seed/amp-bureau-2020-07-31-fbpa-018-8117.gold.json");
}
