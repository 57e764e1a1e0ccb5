//! The `delib` command line: a dispatcher; the work is in the library.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use delib::export;
use delib::ocr;
use delib::pipeline::{self, Reader};
use delib::run;

mod index_cmd;

#[derive(Parser)]
#[command(
    name = "delib",
    version,
    about = "French deliberation documents to typed records"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// OCR options.
#[derive(clap::Args, Clone)]
struct OcrArgs {
    /// Which pages to OCR: auto (pages without a usable text layer), always, never.
    #[arg(long, value_enum, default_value = "auto")]
    ocr: OcrChoice,
    /// The tesseract command.
    #[arg(long, value_name = "PATH", default_value = "tesseract")]
    tesseract: PathBuf,
    /// Where OCR results are cached (default: the user's cache directory).
    #[arg(long, value_name = "DIR")]
    cache_dir: Option<PathBuf>,
    /// Do not read or write the OCR cache.
    #[arg(long)]
    no_cache: bool,
}

#[derive(clap::ValueEnum, Clone, Copy)]
enum OcrChoice {
    Auto,
    Always,
    Never,
}

impl OcrArgs {
    fn config(&self) -> ocr::OcrConfig {
        let mut cfg = ocr::OcrConfig {
            mode: match self.ocr {
                OcrChoice::Auto => ocr::OcrMode::Auto,
                OcrChoice::Always => ocr::OcrMode::Always,
                OcrChoice::Never => ocr::OcrMode::Never,
            },
            tesseract: self.tesseract.clone(),
            ..ocr::OcrConfig::default()
        };
        if let Some(d) = &self.cache_dir {
            cfg.cache_dir = Some(d.clone());
        }
        if self.no_cache {
            cfg.cache_dir = None;
        }
        cfg
    }
}

/// What to read, and the limits and OCR settings to read it with.
#[derive(clap::Args, Clone)]
struct InputArgs {
    /// PDF or text files, ZIP archives, or directories (walked
    /// recursively; files are recognised by content).
    paths: Vec<PathBuf>,
    /// Read more paths from FILE, one per line ('-' for stdin).
    #[arg(long, value_name = "FILE")]
    files_from: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(short, long)]
    jobs: Option<usize>,
    /// Largest input accepted, in MiB.
    #[arg(long, value_name = "MIB", default_value_t = 200)]
    max_file_mib: u64,
    /// Largest PDF accepted, in pages.
    #[arg(long, value_name = "N", default_value_t = 5000)]
    max_pages: usize,
    /// Time budget for reading one PDF, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 60)]
    timeout_secs: u64,
    /// Memory limit of a PDF worker process, in MiB.
    #[arg(long, value_name = "MIB", default_value_t = 2048)]
    memory_mib: u64,
    #[command(flatten)]
    ocr: OcrArgs,
}

impl InputArgs {
    /// The paths given and listed with --files-from; an error message when
    /// the list cannot be read or nothing was given.
    fn paths(&self) -> Result<Vec<PathBuf>, String> {
        let mut paths = self.paths.clone();
        if let Some(list) = &self.files_from {
            let text = if list.as_os_str() == "-" {
                io::read_to_string(io::stdin())
            } else {
                std::fs::read_to_string(list)
            };
            match text {
                Ok(t) => paths.extend(run::read_path_list(&t)),
                Err(e) => {
                    return Err(format!(
                        "{}: cannot read the list of paths: {e}",
                        list.display()
                    ))
                }
            }
        }
        if paths.is_empty() {
            return Err("no input: give paths or --files-from".to_string());
        }
        Ok(paths)
    }

    fn jobs(&self) -> usize {
        self.jobs
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
    }

    fn reader(&self) -> Reader {
        let mut limits = pipeline::Limits::default();
        limits.pdf.max_file_bytes = self.max_file_mib.saturating_mul(1024 * 1024);
        limits.pdf.max_pages = self.max_pages;
        limits.pdf.timeout = std::time::Duration::from_secs(self.timeout_secs);
        limits.pdf.memory_bytes = self.memory_mib.saturating_mul(1024 * 1024);
        Reader::new(self.ocr.config(), limits, pdf_mode())
    }
}

/// How `query` and `person` print their rows.
#[derive(clap::ValueEnum, Clone, Copy, PartialEq, Eq)]
enum TableFormat {
    Table,
    Json,
    Csv,
}

#[derive(Subcommand)]
enum Command {
    /// Extract deliberation records as JSON Lines.
    Extract {
        #[command(flatten)]
        inputs: InputArgs,
        /// Write records to FILE (appended with --resume) instead of stdout;
        /// with --format akn, a folder receiving one XML file per record.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Output format: jsonl (JSON Lines, the default), json (one array),
        /// csv (one row per deliberation), scdl (SCDL Délibérations 2.1.5 CSV)
        /// or akn (Akoma Ntoso 3.0 XML, one file per record, needs --output).
        #[arg(short, long, default_value = "jsonl", value_parser = parse_format)]
        format: export::Format,
        /// SIRET of the collectivité, for the SCDL COLL_SIRET column.
        #[arg(long, value_name = "SIRET")]
        coll_siret: Option<String>,
        /// Skip inputs whose records (or error) are already complete in the
        /// --output and --errors files; drop a torn last line.
        #[arg(long, requires = "output")]
        resume: bool,
        /// Also write one JSON line per failed input (path, sha256, error, message).
        #[arg(long, value_name = "FILE")]
        errors: Option<PathBuf>,
        /// Process only shard K of N (0 <= K < N): a stable hash partition of
        /// the inputs, for splitting an archive across machines.
        #[arg(long, value_name = "K/N", value_parser = parse_shard)]
        shard: Option<(u32, u32)>,
        /// No progress bar and no summary on stderr.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Add documents to a SQLite archive (created if absent); documents
    /// whose hash is already in it are skipped before any reading. Also
    /// takes JSON Lines files written by `delib extract`.
    Index {
        #[command(flatten)]
        inputs: InputArgs,
        /// The archive file.
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        /// Read again the documents that gave an error last time.
        #[arg(long)]
        retry_errors: bool,
        /// No progress bar and no summary on stderr.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Search the archive: full-text words and filters, every one must hold.
    Query {
        /// The archive file.
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        /// Words of the title or text (all of them; 'word*' for a prefix,
        /// 'title:word' for a word of the title).
        text: Vec<String>,
        /// Some amount stated is at least this many euros (exact decimal).
        #[arg(long, value_name = "EUROS")]
        amount_min: Option<String>,
        /// … and at most this many euros (the same amount).
        #[arg(long, value_name = "EUROS")]
        amount_max: Option<String>,
        /// Séance on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Séance on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// adopted, rejected, withdrawn, deferred or noted.
        #[arg(long)]
        outcome: Option<String>,
        /// A person named NAME voted against (words of the name, any order).
        #[arg(long, value_name = "NAME")]
        voted_against: Option<String>,
        /// A person named NAME was absent, excused or represented.
        #[arg(long, value_name = "NAME")]
        absent: Option<String>,
        /// The body: its kind (municipal_council, bureau…) or words of its name.
        #[arg(long)]
        body: Option<String>,
        /// A visa cites the deliberation numbered NUMBER.
        #[arg(long, value_name = "NUMBER")]
        cites: Option<String>,
        /// At most N rows.
        #[arg(long, value_name = "N")]
        limit: Option<u32>,
        /// table (the default on a terminal), json (JSON Lines, the default
        /// otherwise) or csv.
        #[arg(short, long)]
        format: Option<TableFormat>,
    },
    /// One person's séances and votes over time; without NAME, every
    /// person, most often absent first.
    Person {
        /// The archive file.
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        /// Words of the name, in any order, with or without accents.
        name: Option<String>,
        /// table (the default on a terminal), json (JSON Lines, the default
        /// otherwise) or csv.
        #[arg(short, long)]
        format: Option<TableFormat>,
    },
    /// Print the JSON Schema of the record.
    Schema,
    /// Print the normalized text with page markers.
    Text {
        /// A PDF or text file.
        path: PathBuf,
        #[command(flatten)]
        ocr: OcrArgs,
    },
}

fn parse_format(s: &str) -> Result<export::Format, String> {
    s.parse::<export::Format>()
        .map_err(|_| "expected jsonl, json, csv, scdl or akn".to_string())
}

fn parse_shard(s: &str) -> Result<(u32, u32), String> {
    let (k, n) = s.split_once('/').ok_or("expected K/N, e.g. 0/4")?;
    let k: u32 = k.trim().parse().map_err(|_| "K is not a number")?;
    let n: u32 = n.trim().parse().map_err(|_| "N is not a number")?;
    if n == 0 || k >= n {
        return Err("need 0 <= K < N".to_string());
    }
    Ok((k, n))
}

fn main() -> ExitCode {
    // The isolated PDF worker re-executes this binary; it is dispatched
    // before any argument parsing (see `delib::pdf::worker`).
    if std::env::args().nth(1).as_deref() == Some(delib::pdf::worker::WORKER_ARG) {
        return ExitCode::from(u8::try_from(delib::pdf::worker::worker_main()).unwrap_or(1));
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match cli.command {
        Command::Extract {
            inputs,
            output,
            format,
            coll_siret,
            resume,
            errors,
            shard,
            quiet,
        } => {
            if resume && format != export::Format::Jsonl {
                eprintln!("delib: --resume works with --format jsonl only");
                return ExitCode::from(2);
            }
            if format == export::Format::Akn && output.is_none() {
                eprintln!(
                    "delib: --format akn writes one file per record: give a folder with --output"
                );
                return ExitCode::from(2);
            }
            let opts = ExtractOptions {
                output,
                format,
                coll_siret,
                resume,
                errors,
                jobs: inputs.jobs(),
                shard,
                quiet,
            };
            let paths = match inputs.paths() {
                Ok(p) => p,
                Err(e) => {
                    eprintln!("delib: {e}");
                    return ExitCode::from(2);
                }
            };
            extract(&paths, &opts, inputs.reader())
        }
        Command::Index {
            inputs,
            db,
            retry_errors,
            quiet,
        } => match inputs.paths() {
            Ok(paths) => index_cmd::index(&paths, &db, &inputs, retry_errors, quiet),
            Err(e) => {
                eprintln!("delib: {e}");
                ExitCode::from(2)
            }
        },
        Command::Query {
            db,
            text,
            amount_min,
            amount_max,
            from,
            to,
            outcome,
            voted_against,
            absent,
            body,
            cites,
            limit,
            format,
        } => {
            let filters = (|| -> Result<delib::index::query::Filters, String> {
                use delib::index::{keys::euros_to_cents, query::date_bound};
                Ok(delib::index::query::Filters {
                    text: (!text.is_empty()).then(|| text.join(" ")),
                    amount_min: amount_min.as_deref().map(euros_to_cents).transpose()?,
                    amount_max: amount_max.as_deref().map(euros_to_cents).transpose()?,
                    from: from.as_deref().map(|d| date_bound(d, false)).transpose()?,
                    to: to.as_deref().map(|d| date_bound(d, true)).transpose()?,
                    outcome,
                    voted_against,
                    absent,
                    body,
                    cites,
                    limit,
                })
            })();
            match filters {
                Ok(f) => index_cmd::query(&db, &f, format),
                Err(e) => {
                    eprintln!("delib: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Person { db, name, format } => index_cmd::person(&db, name.as_deref(), format),
        Command::Schema => {
            // A closed pipe (`delib schema | head`) is not an error worth a panic.
            let _ = writeln!(io::stdout(), "{}", export::record_schema());
            ExitCode::SUCCESS
        }
        Command::Text { path, ocr } => text(
            &path,
            Reader::new(ocr.config(), pipeline::Limits::default(), pdf_mode()),
        ),
    }
}

/// PDFs are read by worker processes re-executing this binary.
fn pdf_mode() -> pipeline::PdfMode {
    match std::env::current_exe() {
        Ok(exe) => pipeline::PdfMode::Isolated(exe),
        Err(_) => pipeline::PdfMode::InProcess,
    }
}

struct ExtractOptions {
    output: Option<PathBuf>,
    format: export::Format,
    coll_siret: Option<String>,
    resume: bool,
    errors: Option<PathBuf>,
    jobs: usize,
    shard: Option<(u32, u32)>,
    quiet: bool,
}

fn open_out(path: &Path, append: bool) -> io::Result<std::fs::File> {
    std::fs::OpenOptions::new()
        .create(true)
        .write(true)
        .append(append)
        .truncate(!append)
        .open(path)
}

fn extract(paths: &[PathBuf], opts: &ExtractOptions, reader: Reader) -> ExitCode {
    let started = std::time::Instant::now();
    let (mut inputs, listing_errors) = run::expand_inputs(paths);
    if let Some((k, n)) = opts.shard {
        inputs = run::shard(inputs, k, n);
    }
    let mut done = run::Done::default();
    if opts.resume {
        let prepared = opts
            .output
            .as_deref()
            .map(run::resume_records)
            .transpose()
            .and_then(|d| {
                let mut d = d.unwrap_or_default();
                if let Some(e) = &opts.errors {
                    d.merge(run::resume_errors(e)?);
                }
                Ok(d)
            });
        match prepared {
            Ok(d) => done = d,
            Err(e) => {
                eprintln!("delib: cannot resume: {e}");
                return ExitCode::from(2);
            }
        }
    }
    let out: Box<dyn Write> = match (&opts.output, opts.format) {
        (Some(_), export::Format::Akn) => Box::new(io::sink()),
        (Some(p), _) => match open_out(p, opts.resume) {
            Ok(f) => Box::new(io::BufWriter::new(f)),
            Err(e) => {
                eprintln!("delib: {}: cannot open the output file: {e}", p.display());
                return ExitCode::from(2);
            }
        },
        (None, _) => Box::new(io::BufWriter::new(io::stdout().lock())),
    };
    let errors: Box<dyn Write> = match &opts.errors {
        Some(p) => match open_out(p, opts.resume) {
            Ok(f) => Box::new(io::BufWriter::new(f)),
            Err(e) => {
                eprintln!("delib: {}: cannot open the errors file: {e}", p.display());
                return ExitCode::from(2);
            }
        },
        None => Box::new(io::sink()),
    };
    let progress = if !opts.quiet && io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(inputs.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:30} {pos}/{len} files, {msg} [{elapsed_precise}, ETA {eta}]",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Some(bar)
    } else {
        None
    };
    let records = match (opts.format, &opts.output) {
        (export::Format::Jsonl, _) => Records::Jsonl(out),
        (export::Format::Akn, Some(dir)) => match export::AknDir::create(dir) {
            Ok(d) => Records::Akn(d),
            Err(e) => {
                eprintln!("delib: {}: cannot create the folder: {e}", dir.display());
                return ExitCode::from(2);
            }
        },
        (format, _) => {
            let mut options = export::ExportOptions::default();
            options.scdl.coll_siret.clone_from(&opts.coll_siret);
            match export::Exporter::new(format, out, options) {
                Ok(x) => Records::Export(x),
                Err(e) => {
                    eprintln!("delib: cannot start the {} export: {e}", format.name());
                    return ExitCode::from(2);
                }
            }
        }
    };
    let mut sink = CliSink {
        records,
        errors,
        progress: progress.clone(),
        started,
        failed: 0,
        pages: 0,
        ocr_pages: 0,
    };
    for (path, e) in &listing_errors {
        let _ = run::Sink::error(
            &mut sink,
            &run::ErrorRecord {
                path,
                sha256: None,
                error: &e.code,
                message: &e.message,
            },
        );
    }
    let summary = match run::run(
        &inputs,
        opts.jobs,
        |spec| reader.process_unless(spec, &done),
        &mut sink,
    ) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("delib: cannot write output: {e}");
            return ExitCode::from(1);
        }
    };
    let _ = run::Sink::flush(&mut sink);
    if let Some(bar) = &progress {
        bar.finish_and_clear();
    }
    match sink.records {
        Records::Export(x) => match x.finish().and_then(|(mut w, s)| w.flush().map(|()| s)) {
            Ok(s) if !s.incomplete.is_empty() && !opts.quiet => {
                eprintln!(
                    "delib: {} of {} {} rows lack a required field (written all the same):",
                    s.incomplete.len(),
                    s.records,
                    opts.format.name()
                );
                for i in s.incomplete.iter().take(20) {
                    eprintln!(
                        "  row {} ({}): missing {}",
                        i.index + 1,
                        i.label,
                        i.missing.join(", ")
                    );
                }
                if s.incomplete.len() > 20 {
                    eprintln!("  … and {} more", s.incomplete.len() - 20);
                }
            }
            Ok(_) => {}
            Err(e) => {
                eprintln!("delib: cannot finish the export: {e}");
                return ExitCode::from(1);
            }
        },
        Records::Akn(d) if !opts.quiet => {
            eprintln!("delib: {} Akoma Ntoso files written", d.written());
        }
        _ => {}
    }
    if !opts.quiet {
        let secs = started.elapsed().as_secs_f64();
        let kinds: Vec<String> = summary
            .errors_by_kind
            .iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect();
        eprintln!(
            "delib: {} inputs: {} with records ({} records), {} with errors{}{}; {} pages, {} read by OCR, {} awaiting OCR; {:.1} s, {:.1} pages/s",
            summary.inputs + listing_errors.len(),
            summary.with_records,
            summary.records,
            summary.with_errors + listing_errors.len(),
            if kinds.is_empty() { String::new() } else { format!(" ({})", kinds.join(", ")) },
            if summary.skipped > 0 { format!(", {} already done (resume)", summary.skipped) } else { String::new() },
            summary.pages,
            summary.ocr_done,
            summary.ocr_pages,
            secs,
            summary.pages as f64 / secs.max(1e-9),
        );
    }
    if summary.with_errors > 0 || !listing_errors.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Where records go, by output format.
enum Records {
    Jsonl(Box<dyn Write>),
    Export(export::Exporter<Box<dyn Write>>),
    Akn(export::AknDir),
}

/// Records to the output; error records to the errors file and, as a line a
/// person reads, to stderr (above the progress bar when there is one).
struct CliSink {
    records: Records,
    errors: Box<dyn Write>,
    progress: Option<indicatif::ProgressBar>,
    started: std::time::Instant,
    failed: usize,
    pages: usize,
    ocr_pages: usize,
}

impl run::Sink for CliSink {
    fn record(&mut self, rec: &delib::model::Record) -> io::Result<()> {
        match &mut self.records {
            Records::Jsonl(out) => delib::output::write_jsonl(out, rec),
            Records::Export(x) => x.write(rec).map(drop),
            Records::Akn(d) => d.write(rec).map(drop),
        }
    }

    fn error(&mut self, err: &run::ErrorRecord) -> io::Result<()> {
        self.failed += 1;
        let line = format!("delib: {}: {} [{}]", err.path, err.message, err.error);
        match &self.progress {
            Some(bar) => bar.println(line),
            None => eprintln!("{line}"),
        }
        serde_json::to_writer(&mut *self.errors, err).map_err(io::Error::other)?;
        self.errors.write_all(b"\n")
    }

    fn input_done(&mut self, outcome: &run::Outcome) {
        self.pages += outcome.pages;
        self.ocr_pages += outcome.ocr_done;
        if let Some(bar) = &self.progress {
            let secs = self.started.elapsed().as_secs_f64().max(1e-9);
            bar.inc(1);
            bar.set_message(format!(
                "{} errors, {} pages ({:.0}/s), {} OCR pages ({:.2}/s)",
                self.failed,
                self.pages,
                self.pages as f64 / secs,
                self.ocr_pages,
                self.ocr_pages as f64 / secs
            ));
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        if let Records::Jsonl(out) = &mut self.records {
            out.flush()?;
        }
        self.errors.flush()
    }
}

fn text(path: &Path, reader: Reader) -> ExitCode {
    let bytes = match delib::input::read_file(path, reader.limits.pdf.max_file_bytes) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("delib: {}: {e}", path.display());
            return ExitCode::from(1);
        }
    };
    match reader.pages(Some(path), &bytes, &delib::input::sha256_hex(&bytes)) {
        Ok((pages, _)) => {
            let src = delib::normalize::normalize(&pages);
            let stdout = io::stdout();
            let mut out = stdout.lock();
            let _ = delib::output::write_text_view(&mut out, &src);
            for d in &pages.diagnostics {
                eprintln!("delib: {}: {} [{}]", path.display(), d.message, d.code);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("delib: {}: {e}", path.display());
            ExitCode::from(1)
        }
    }
}
