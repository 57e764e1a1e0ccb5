//! The `delib` command line: a dispatcher; the work is in the library.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use delib::input::{self, InputError, InputKind};
use delib::pages::Pages;
use delib::run;

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

#[derive(Subcommand)]
enum Command {
    /// Extract deliberation records as JSON Lines on stdout.
    Extract {
        /// PDF or text files, or directories (walked recursively; files are
        /// recognised by content).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Worker threads (default: all cores).
        #[arg(short, long)]
        jobs: Option<usize>,
        /// Also write one JSON line per failed input (path, sha256, error, message).
        #[arg(long, value_name = "FILE")]
        errors: Option<PathBuf>,
        /// No summary on stderr.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Print the normalized text with page markers.
    Text {
        /// A PDF or text file.
        path: PathBuf,
    },
}

const MAX_FILE_BYTES: u64 = 200 * 1024 * 1024;

fn main() -> ExitCode {
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
            paths,
            jobs,
            errors,
            quiet,
        } => extract(&paths, jobs, errors.as_deref(), quiet),
        Command::Text { path } => text(&path),
    }
}

fn extract(paths: &[PathBuf], jobs: Option<usize>, errors: Option<&Path>, quiet: bool) -> ExitCode {
    let started = std::time::Instant::now();
    let (inputs, walk_errors) = run::expand_inputs(paths);
    for (p, e) in &walk_errors {
        eprintln!("delib: {}: {e}", p.display());
    }
    let jobs = jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut err_file: Box<dyn Write> = match errors {
        Some(p) => match std::fs::File::create(p) {
            Ok(f) => Box::new(io::BufWriter::new(f)),
            Err(e) => {
                eprintln!("delib: {}: cannot create the errors file: {e}", p.display());
                return ExitCode::from(2);
            }
        },
        None => Box::new(io::sink()),
    };
    let mut sink = CliSink {
        lines: run::JsonLines {
            out: &mut out,
            errors: &mut *err_file,
        },
    };
    let summary = match run::run(&inputs, jobs, process, &mut sink) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("delib: cannot write output: {e}");
            return ExitCode::from(1);
        }
    };
    let _ = out.flush();
    if !quiet {
        let secs = started.elapsed().as_secs_f64();
        let kinds: Vec<String> = summary
            .errors_by_kind
            .iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect();
        eprintln!(
            "delib: {} inputs: {} with records ({} records), {} with errors{}; {} pages ({} awaiting OCR); {:.1} s, {:.0} pages/s",
            summary.inputs,
            summary.with_records,
            summary.records,
            summary.with_errors,
            if kinds.is_empty() { String::new() } else { format!(" ({})", kinds.join(", ")) },
            summary.pages,
            summary.ocr_pages,
            secs,
            summary.pages as f64 / secs.max(1e-9),
        );
    }
    if summary.with_errors > 0 || !walk_errors.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Records to stdout; error records to the errors file and, as a line a
/// person reads, to stderr.
struct CliSink<'a> {
    lines: run::JsonLines<'a>,
}

impl run::Sink for CliSink<'_> {
    fn record(&mut self, rec: &delib::model::Record) -> io::Result<()> {
        self.lines.record(rec)
    }

    fn error(&mut self, err: &run::ErrorRecord) -> io::Result<()> {
        eprintln!("delib: {}: {} [{}]", err.path, err.message, err.error);
        self.lines.error(err)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.lines.flush()
    }
}

/// Reads one input to its records.
fn process(spec: &run::InputSpec) -> run::Outcome {
    let shown = spec.path.display().to_string();
    match read_pages(&spec.path) {
        Ok((pages, sha)) => run::Outcome {
            result: Ok(delib::records_from_pages(&pages, &shown, &sha)),
            pages: pages.pages.len(),
            ocr_pages: pages.pages_needing_ocr(),
            sha256: Some(sha),
            path: shown,
        },
        Err(e) => run::Outcome {
            path: shown,
            sha256: None,
            result: Err(e),
            pages: 0,
            ocr_pages: 0,
        },
    }
}

fn text(path: &Path) -> ExitCode {
    match read_pages(path) {
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

fn read_pages(path: &Path) -> Result<(Pages, String), InputError> {
    let bytes = input::read_file(path, MAX_FILE_BYTES)?;
    let sha = input::sha256_hex(&bytes);
    let pages = match input::sniff(&bytes) {
        Some(InputKind::Text) => delib::text::read_text(&bytes),
        Some(InputKind::Pdf) => pdf_pages(&bytes)?,
        None => {
            return Err(InputError::new(
                "input.unknown_format",
                "neither a PDF nor a text file",
            ))
        }
    };
    Ok((pages, sha))
}

/// Temporary in-process PDF text until the isolated extraction stage lands.
fn pdf_pages(bytes: &[u8]) -> Result<Pages, InputError> {
    let texts = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem_by_pages(bytes))
        .map_err(|_| InputError::new("pdf.panic", "the PDF reader crashed on this file"))?
        .map_err(|e| InputError::new("pdf.malformed", format!("cannot read PDF: {e}")))?;
    Ok(Pages {
        origin: delib::model::TextOrigin::TextLayer,
        pages: texts
            .into_iter()
            .enumerate()
            .map(|(i, text)| delib::pages::Page {
                number: i as u32 + 1,
                needs_ocr: text.trim().is_empty(),
                text,
            })
            .collect(),
        diagnostics: vec![],
    })
}
