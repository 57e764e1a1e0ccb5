//! The terminal side of `delib index`, `delib query` and `delib person`:
//! arguments in, progress and summaries on stderr, rows on stdout. The work
//! is in `delib::index`.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use delib::index::query::{self, Filters, Table};
use delib::index::{self as archive, Archive, IndexSink};
use delib::run;

use crate::{InputArgs, TableFormat};

/// How many documents of a JSON Lines file go in one transaction.
const JSONL_BATCH: usize = 64;

/// `delib index`.
pub fn index(
    paths: &[PathBuf],
    db: &Path,
    inputs: &InputArgs,
    retry_errors: bool,
    quiet: bool,
) -> ExitCode {
    let started = std::time::Instant::now();
    let mut arch = match Archive::open(db) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("delib: {}: cannot open the archive: {e}", db.display());
            return ExitCode::from(2);
        }
    };
    let done = match arch.indexed(retry_errors) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("delib: {}: cannot read the archive: {e}", db.display());
            return ExitCode::from(2);
        }
    };
    let (expanded, listing_errors) = run::expand_inputs(paths);
    // JSON Lines written by `delib extract` are records already: stored as
    // they are, not parsed as deliberation text.
    let (record_files, inputs_to_read): (Vec<_>, Vec<_>) = expanded
        .into_iter()
        .partition(|i| i.member.is_none() && archive::is_records_file(&i.path));
    let mut failed = listing_errors.len();
    for (path, e) in &listing_errors {
        eprintln!("delib: {path}: {} [{}]", e.message, e.code);
    }
    let progress = (!quiet && io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new(inputs_to_read.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:30} {pos}/{len} files [{elapsed_precise}, ETA {eta}]",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let reader = inputs.reader();
    let mut errors_seen = 0usize;
    let mut jsonl_already = 0usize;
    let mut sink = IndexSink::new(&mut arch);
    {
        let bar = progress.clone();
        sink.on_error = Box::new(move |e: &run::ErrorRecord| {
            let line = format!("delib: {}: {} [{}]", e.path, e.message, e.error);
            match &bar {
                Some(b) => b.println(line),
                None => eprintln!("{line}"),
            }
        });
        let bar = progress.clone();
        sink.on_input = Box::new(move |_| {
            if let Some(b) = &bar {
                b.inc(1);
            }
        });
    }
    for file in &record_files {
        match archive::read_records_file(&file.path) {
            Ok((docs, bad)) => {
                for (line, why) in &bad {
                    eprintln!(
                        "delib: {}: line {line} is not a record: {why}",
                        file.path.display()
                    );
                }
                errors_seen += bad.len();
                let before = docs.len();
                let fresh: Vec<_> = docs
                    .into_iter()
                    .filter(|d| !done.sha256.contains(&d.sha256))
                    .collect();
                jsonl_already += before - fresh.len();
                for batch in fresh.chunks(JSONL_BATCH) {
                    if let Err(e) = sink.write(batch) {
                        eprintln!("delib: {}: cannot write the archive: {e}", db.display());
                        return ExitCode::from(1);
                    }
                }
            }
            Err(e) => {
                eprintln!("delib: {}: cannot read: {e}", file.path.display());
                failed += 1;
            }
        }
    }
    let summary = match run::run(
        &inputs_to_read,
        inputs.jobs(),
        |spec| reader.process_unless(spec, &done),
        &mut sink,
    ) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("delib: {}: cannot write the archive: {e}", db.display());
            return ExitCode::from(1);
        }
    };
    if let Some(b) = &progress {
        b.finish_and_clear();
    }
    let added = sink.added;
    let skipped = sink.skipped;
    drop(sink);
    failed += summary.with_errors;
    if !quiet {
        let size = std::fs::metadata(db).map(|m| m.len()).unwrap_or(0);
        let counts = arch
            .counts()
            .map(|c| {
                c.tables
                    .iter()
                    .map(|(t, n)| format!("{n} {t}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default();
        eprintln!(
            "delib: {} inputs ({} record files): {} documents added ({} deliberations), {} already indexed, {} with errors; {} pages read; {:.1} s",
            summary.inputs + record_files.len() + listing_errors.len(),
            record_files.len(),
            added.documents,
            added.deliberations,
            skipped + added.already + jsonl_already,
            failed,
            summary.pages,
            started.elapsed().as_secs_f64(),
        );
        eprintln!(
            "delib: {}: {:.1} MB; {counts}",
            db.display(),
            size as f64 / 1e6
        );
    }
    if failed > 0 || errors_seen > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `delib query`.
pub fn query(db: &Path, filters: &Filters, format: Option<TableFormat>) -> ExitCode {
    let arch = match open_existing(db) {
        Ok(a) => a,
        Err(code) => return code,
    };
    match query::deliberations(arch.connection(), filters) {
        Ok(t) => print(&t, format, 60),
        Err(e) => {
            eprintln!("delib: {}: query failed: {e}", db.display());
            ExitCode::from(1)
        }
    }
}

/// `delib person`.
pub fn person(db: &Path, name: Option<&str>, format: Option<TableFormat>) -> ExitCode {
    let arch = match open_existing(db) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let conn = arch.connection();
    let Some(name) = name else {
        return match query::person_ranking(conn) {
            Ok(t) => print(&t, format, 40),
            Err(e) => {
                eprintln!("delib: {}: query failed: {e}", db.display());
                ExitCode::from(1)
            }
        };
    };
    let found = match query::find_persons(conn, name) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("delib: {}: query failed: {e}", db.display());
            return ExitCode::from(1);
        }
    };
    if found.is_empty() {
        eprintln!("delib: no person named {name:?} in {}", db.display());
        return ExitCode::from(1);
    }
    let format = resolve(format);
    let mut all = Table::default();
    let stdout = io::stdout();
    let mut out = stdout.lock();
    for p in &found {
        let history = match query::person_history(conn, p.id) {
            Ok(h) => h,
            Err(e) => {
                eprintln!("delib: {}: query failed: {e}", db.display());
                return ExitCode::from(1);
            }
        };
        if format == TableFormat::Table {
            let printed: Vec<String> = p
                .printed
                .iter()
                .map(|(n, k)| format!("{n} ({k})"))
                .collect();
            let totals: Vec<String> = query::person_totals(&history)
                .iter()
                .map(|(label, seances, delibs)| {
                    format!("{label}: {seances} séances, {delibs} deliberations")
                })
                .collect();
            let _ = writeln!(
                out,
                "{} — {}\n  printed as: {}\n  {}\n",
                p.name,
                p.authority.as_deref().unwrap_or("authority unknown"),
                printed.join(", "),
                totals.join("; ")
            );
            let _ = history.write_aligned(&mut out, 50);
            let _ = writeln!(out);
        } else {
            if all.columns.is_empty() {
                all.columns = ["person_id", "person"]
                    .iter()
                    .map(|s| s.to_string())
                    .chain(history.columns.iter().cloned())
                    .collect();
            }
            for row in history.rows {
                let mut r = vec![p.id.into(), p.name.clone().into()];
                r.extend(row);
                all.rows.push(r);
            }
        }
    }
    if format == TableFormat::Table {
        ExitCode::SUCCESS
    } else {
        print(&all, Some(format), 0)
    }
}

fn open_existing(db: &Path) -> Result<Archive, ExitCode> {
    if !db.is_file() {
        eprintln!(
            "delib: {}: no such archive (build it with delib index)",
            db.display()
        );
        return Err(ExitCode::from(2));
    }
    Archive::open_read_only(db).map_err(|e| {
        eprintln!("delib: {}: cannot open the archive: {e}", db.display());
        ExitCode::from(2)
    })
}

/// The format asked, else an aligned table on a terminal and JSON Lines
/// otherwise.
fn resolve(format: Option<TableFormat>) -> TableFormat {
    format.unwrap_or(if io::stdout().is_terminal() {
        TableFormat::Table
    } else {
        TableFormat::Json
    })
}

fn print(t: &Table, format: Option<TableFormat>, max_cell: usize) -> ExitCode {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let r = match resolve(format) {
        TableFormat::Table => t.write_aligned(&mut out, max_cell.max(8)),
        TableFormat::Json => t.write_jsonl(&mut out),
        TableFormat::Csv => t.write_csv(&mut out),
    };
    match r.and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`| head`) is not a failure.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("delib: cannot write: {e}");
            ExitCode::from(1)
        }
    }
}
