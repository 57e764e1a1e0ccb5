//! Exports records read as JSON Lines on stdin, with the library API the
//! CLI uses (`delib::export`); `scripts/validate-exports.sh` runs it and
//! validates what it writes.
//!
//! ```text
//! cargo run --example export -- --format scdl < records.jsonl > deliberations.csv
//! cargo run --example export -- --format akn --out-dir akn/ < records.jsonl
//! cargo run --example export -- --schema > record.schema.json
//! ```
//!
//! A line may be a partial record (for instance a deliberation of a gold
//! file): it is laid over an empty record, so that absent fields are
//! unknown. A line that is not a record is reported and counted; the exit
//! status is then 1.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufRead, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use delib::export::{
    record_schema, scdl_row, AknDir, ExportOptions, Exporter, Format, ScdlOptions,
};
use delib::model::{Record, SourceInfo};
use serde_json::Value;

#[derive(Parser)]
#[command(about = "Export JSON Lines records from stdin")]
struct Args {
    /// jsonl, json, csv, scdl or akn.
    #[arg(long, default_value = "jsonl")]
    format: Format,
    /// Print the record's JSON Schema and exit.
    #[arg(long)]
    schema: bool,
    /// Where the stream formats go (default: stdout).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Folder for the akn documents.
    #[arg(long, default_value = "akn")]
    out_dir: PathBuf,
    /// COLL_SIRET for every row.
    #[arg(long)]
    coll_siret: Option<String>,
    /// CSV file of `name or SIREN,SIRET` lines.
    #[arg(long)]
    siret_map: Option<PathBuf>,
    /// scdl: also write the rows whose required columns are all known here.
    #[arg(long)]
    complete_out: Option<PathBuf>,
    /// scdl: write `row<TAB>DELIB_ID or source<TAB>missing columns` for the
    /// other rows here.
    #[arg(long)]
    incomplete_out: Option<PathBuf>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    if args.schema {
        println!("{}", record_schema());
        return ExitCode::SUCCESS;
    }
    match run(&args) {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(1),
        Err(e) => {
            eprintln!("export: {e}");
            ExitCode::from(2)
        }
    }
}

/// Exports stdin; returns the number of lines that were not records.
fn run(args: &Args) -> io::Result<usize> {
    let mut scdl = ScdlOptions {
        coll_siret: args.coll_siret.clone(),
        ..ScdlOptions::default()
    };
    if let Some(p) = &args.siret_map {
        scdl.siret_map = read_siret_map(p)?;
    }
    let options = ExportOptions {
        scdl,
        ..ExportOptions::default()
    };
    let template =
        serde_json::to_value(Record::new(SourceInfo::default())).map_err(io::Error::other)?;

    let mut stream = None;
    let mut complete = None;
    let mut dir = None;
    if args.format == Format::Akn {
        dir = Some(AknDir::create(&args.out_dir)?);
    } else {
        let out: Box<dyn Write> = match &args.out {
            Some(p) => Box::new(BufWriter::new(File::create(p)?)),
            None => Box::new(BufWriter::new(io::stdout().lock())),
        };
        let mut ex = Exporter::new(args.format, out, options.clone())?;
        ex.begin()?;
        stream = Some(ex);
        if let (Format::Scdl, Some(p)) = (args.format, &args.complete_out) {
            let mut ex = Exporter::new(
                Format::Scdl,
                BufWriter::new(File::create(p)?),
                options.clone(),
            )?;
            ex.begin()?;
            complete = Some(ex);
        }
    }

    let mut bad = 0;
    let mut notes: BTreeMap<String, usize> = BTreeMap::new();
    for (i, line) in io::stdin().lock().lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let rec = match parse_record(&line, &template) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("export: line {}: not a record: {e}", i + 1);
                bad += 1;
                continue;
            }
        };
        if let Some(ex) = stream.as_mut() {
            for d in ex.write(&rec)? {
                *notes.entry(d.code).or_default() += 1;
            }
        }
        if let Some(ex) = complete.as_mut() {
            if scdl_row(&rec, &options.scdl).missing.is_empty() {
                ex.write(&rec)?;
            }
        }
        if let Some(d) = dir.as_mut() {
            d.write(&rec)?;
        }
    }

    if let Some(ex) = complete {
        ex.finish()?;
    }
    if let Some(ex) = stream {
        let (_, summary) = ex.finish()?;
        eprintln!(
            "export: {} records, {} complete, {} incomplete; notes {:?}",
            summary.records,
            summary.complete(),
            summary.incomplete.len(),
            notes
        );
        if let Some(p) = &args.incomplete_out {
            let mut w = BufWriter::new(File::create(p)?);
            for inc in &summary.incomplete {
                writeln!(w, "{}\t{}\t{}", inc.index, inc.label, inc.missing.join(","))?;
            }
            w.flush()?;
        }
    }
    if let Some(d) = dir {
        eprintln!(
            "export: {} akn documents in {}",
            d.written(),
            args.out_dir.display()
        );
    }
    Ok(bad)
}

/// A record from a line, laid over an empty record.
fn parse_record(line: &str, template: &Value) -> Result<Record, serde_json::Error> {
    let v: Value = serde_json::from_str(line)?;
    let mut merged = template.clone();
    merge(&mut merged, v);
    serde_json::from_value(merged)
}

/// Lays `over` on `base`: objects key by key, anything else replaced.
fn merge(base: &mut Value, over: Value) {
    match (base, over) {
        (Value::Object(b), Value::Object(o)) => {
            for (k, v) in o {
                match b.get_mut(&k) {
                    Some(slot) => merge(slot, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (slot, v) => *slot = v,
    }
}

/// `key,SIRET` lines; `#` starts a comment.
fn read_siret_map(p: &PathBuf) -> io::Result<BTreeMap<String, String>> {
    let text = std::fs::read_to_string(p)?;
    Ok(text
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(|l| l.rsplit_once(','))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect())
}
