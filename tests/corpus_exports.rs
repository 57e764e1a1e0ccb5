//! The three export validations of issue #7 on the real corpus
//! (`${DELIB_CORPUS:-../shared/corpus}`: pdf/, text/, seed/), read once with
//! `delib extract --ocr never` (OCR time is not what is tested here):
//!
//! - every JSON Lines record validates against `delib schema` (Python's
//!   jsonschema);
//! - the SCDL export validates with the real `frictionless` against
//!   `../shared/spec/scdl-deliberations.schema.json`, with zero errors on the
//!   rows whose required columns are all known; the other rows are listed
//!   with the columns they miss;
//! - every Akoma Ntoso document validates with `xmllint` against
//!   `../shared/spec/akn/akomantoso30.xsd`.
//!
//! COLL_SIRET cannot come from the documents (the SIREN is in the @ctes id,
//! the establishment's NIC is printed nowhere), so the export is given a
//! SIRET of the right form, as a user gives `--coll-siret`; the rows are
//! then complete or not by what the documents say.
//!
//! Skipped with a note when the corpus, the spec or a tool is absent;
//! under CI (`CI` set), where `.ci/run` installs the tools, a missing tool
//! fails instead.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use delib::export::{record_schema, AknDir, ExportOptions, Exporter, Format};
use delib::model::Record;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn corpus() -> PathBuf {
    root().join(
        std::env::var_os("DELIB_CORPUS")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("../shared/corpus")),
    )
}

fn spec() -> PathBuf {
    std::env::var_os("DELIB_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared"))
        .join("spec")
}

fn runs(cmd: &[&str]) -> bool {
    Command::new(cmd[0])
        .args(&cmd[1..])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// A tool is missing: fail under CI, skip otherwise.
fn missing(what: &str) {
    assert!(
        std::env::var_os("CI").is_none(),
        "{what} is missing, and .ci/run installs it"
    );
    eprintln!("note: {what} missing, this validation is skipped");
}

#[test]
fn corpus_exports_validate() {
    let corpus = corpus();
    let spec = spec();
    let dirs: Vec<PathBuf> = ["pdf", "text", "seed"]
        .iter()
        .map(|d| corpus.join(d))
        .filter(|d| d.is_dir())
        .collect();
    if dirs.is_empty() || !spec.join("scdl-deliberations.schema.json").is_file() {
        eprintln!(
            "note: corpus ({}) or spec ({}) absent, skipped",
            corpus.display(),
            spec.display()
        );
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let jsonl = tmp.path().join("records.jsonl");
    let out = Command::new(env!("CARGO_BIN_EXE_delib"))
        .args(["extract", "--ocr", "never", "--jobs", "2", "--quiet", "-o"])
        .arg(&jsonl)
        .args(&dirs)
        .output()
        .unwrap();
    // Exit 1 means some inputs gave an error record (scans without OCR):
    // what was read is still validated.
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&jsonl).unwrap();
    let records: Vec<Record> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(records.len() > 100, "only {} records", records.len());
    eprintln!("corpus: {} records", records.len());

    let mut failures = Vec::new();
    records_against_schema(tmp.path(), &jsonl, &mut failures);
    scdl_with_frictionless(tmp.path(), &spec, &records, &mut failures);
    akn_with_xmllint(tmp.path(), &spec, &records, &mut failures);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn records_against_schema(dir: &Path, jsonl: &Path, failures: &mut Vec<String>) {
    if !runs(&["python3", "-c", "import jsonschema"]) {
        return missing("python3 with jsonschema");
    }
    let schema = dir.join("record.schema.json");
    std::fs::write(&schema, record_schema()).unwrap();
    let script = "import json,sys,jsonschema\n\
        v=jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))\n\
        n=bad=0\n\
        for i,l in enumerate(open(sys.argv[2],encoding='utf-8'),1):\n\
        \x20   n+=1; errs=list(v.iter_errors(json.loads(l))); bad+=bool(errs)\n\
        \x20   for e in errs[:3]: print('line',i,list(e.path),e.message[:200])\n\
        print(n,'records,',bad,'invalid')\n\
        sys.exit(1 if bad else 0)\n";
    let out = Command::new("python3")
        .args(["-c", script])
        .arg(&schema)
        .arg(jsonl)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    eprintln!("record schema: {}", report.lines().last().unwrap_or(""));
    if !out.status.success() {
        failures.push(format!(
            "records against delib schema:\n{report}{}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
}

fn frictionless() -> Option<Vec<&'static str>> {
    [vec!["python3", "-m", "frictionless"], vec!["frictionless"]]
        .into_iter()
        .find(|c| {
            let mut v = c.clone();
            v.push("--version");
            runs(&v)
        })
}

fn scdl_with_frictionless(dir: &Path, spec: &Path, records: &[Record], failures: &mut Vec<String>) {
    let Some(cmd) = frictionless() else {
        return missing("frictionless (PyPI)");
    };
    let mut opts = ExportOptions::default();
    opts.scdl.coll_siret = Some("21000000000000".to_string());
    let mut ex = Exporter::new(Format::Scdl, Vec::new(), opts).unwrap();
    ex.begin().unwrap();
    for r in records {
        ex.write(r).unwrap();
    }
    let (bytes, summary) = ex.finish().unwrap();
    assert_eq!(summary.records, records.len(), "every record is a row");
    let incomplete: BTreeSet<usize> = summary.incomplete.iter().map(|i| i.index).collect();
    let mut by_column: BTreeMap<&str, usize> = BTreeMap::new();
    for i in &summary.incomplete {
        for m in &i.missing {
            *by_column.entry(m).or_default() += 1;
        }
    }
    // The complete rows, for frictionless; the file keeps the header.
    let mut rd = csv::ReaderBuilder::new().from_reader(bytes.as_slice());
    let mut wr = csv::Writer::from_path(dir.join("scdl-complete.csv")).unwrap();
    wr.write_record(rd.headers().unwrap()).unwrap();
    let mut rows = 0;
    for (i, row) in rd.records().enumerate() {
        rows += 1;
        if !incomplete.contains(&(i + 1)) {
            wr.write_record(&row.unwrap()).unwrap();
        }
    }
    wr.flush().unwrap();
    assert_eq!(rows, records.len());
    eprintln!(
        "SCDL: {} rows, {} complete, {} incomplete; missing columns: {:?}",
        rows,
        summary.complete(),
        incomplete.len(),
        by_column
    );
    for i in summary.incomplete.iter().take(10) {
        eprintln!(
            "  row {} ({}): missing {}",
            i.index,
            i.label,
            i.missing.join(", ")
        );
    }
    assert!(summary.complete() > 0, "no complete SCDL row to validate");
    let out = Command::new(cmd[0])
        .args(&cmd[1..])
        .args(["validate", "--trusted", "--schema"])
        .arg(spec.join("scdl-deliberations.schema.json"))
        .arg("scdl-complete.csv")
        .current_dir(dir)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    if out.status.success() {
        eprintln!("SCDL: frictionless: valid ({} rows)", summary.complete());
    } else {
        let head: Vec<&str> = report.lines().take(40).collect();
        failures.push(format!(
            "SCDL export invalid under frictionless:\n{}\n{}",
            head.join("\n"),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
}

fn akn_with_xmllint(dir: &Path, spec: &Path, records: &[Record], failures: &mut Vec<String>) {
    let xsd = spec.join("akn/akomantoso30.xsd");
    if !xsd.is_file() {
        eprintln!("note: {} absent, AKN validation skipped", xsd.display());
        return;
    }
    if !runs(&["xmllint", "--version"]) {
        return missing("xmllint (libxml2-utils)");
    }
    let akn = dir.join("akn");
    let mut w = AknDir::create(&akn).unwrap();
    let files: Vec<PathBuf> = records.iter().map(|r| w.write(r).unwrap()).collect();
    assert_eq!(files.len(), records.len());
    let mut valid = 0;
    let mut invalid = Vec::new();
    for chunk in files.chunks(100) {
        let out = Command::new("xmllint")
            .args(["--noout", "--nonet", "--schema"])
            .arg(&xsd)
            .args(chunk)
            .output()
            .unwrap();
        for line in String::from_utf8_lossy(&out.stderr).lines() {
            if line.ends_with(" validates") {
                valid += 1;
            } else {
                invalid.push(line.to_string());
            }
        }
    }
    eprintln!("AKN: {} documents, {} valid", files.len(), valid);
    if valid != files.len() {
        invalid.truncate(20);
        failures.push(format!(
            "AKN: {} of {} documents do not validate:\n{}",
            files.len() - valid,
            files.len(),
            invalid.join("\n")
        ));
    }
}
