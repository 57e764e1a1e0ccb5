//! The `delib` command line: a dispatcher; the work is in the library.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use delib::input::{self, InputError, InputKind};
use delib::ocr;
use delib::pages::Pages;
use delib::run;
use std::sync::OnceLock;

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
        #[command(flatten)]
        ocr: OcrArgs,
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
            ocr,
        } => extract(&paths, jobs, errors.as_deref(), quiet, &ocr),
        Command::Text { path } => text(&path),
    }
}

fn extract(
    paths: &[PathBuf],
    jobs: Option<usize>,
    errors: Option<&Path>,
    quiet: bool,
    ocr_args: &OcrArgs,
) -> ExitCode {
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
    let reader = Reader::new(ocr_args.config());
    let summary = match run::run(&inputs, jobs, |spec| reader.process(spec), &mut sink) {
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
            "delib: {} inputs: {} with records ({} records), {} with errors{}; {} pages, {} read by OCR, {} awaiting OCR; {:.1} s, {:.1} pages/s",
            summary.inputs,
            summary.with_records,
            summary.records,
            summary.with_errors,
            if kinds.is_empty() { String::new() } else { format!(" ({})", kinds.join(", ")) },
            summary.pages,
            summary.ocr_done,
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

/// Reads inputs to records, with OCR for scanned pages.
struct Reader {
    ocr: ocr::OcrConfig,
    /// Tesseract's version, or why OCR is unavailable: probed once, when the
    /// first scanned page is met.
    probe: OnceLock<Result<String, InputError>>,
}

impl Reader {
    fn new(ocr: ocr::OcrConfig) -> Reader {
        Reader {
            ocr,
            probe: OnceLock::new(),
        }
    }

    /// Reads one input to its records.
    fn process(&self, spec: &run::InputSpec) -> run::Outcome {
        let shown = spec.path.display().to_string();
        let read = read_pages(&spec.path).and_then(|(mut pages, sha, kind)| {
            let done = if kind == InputKind::Pdf {
                self.run_ocr(&spec.path, &sha, &mut pages)?
            } else {
                0
            };
            Ok((pages, sha, done))
        });
        match read {
            Ok((pages, sha, ocr_done)) => run::Outcome {
                ocr_done,
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
                ocr_done: 0,
            },
        }
    }

    /// OCRs the pages that need it. A document with no text at all and no
    /// way to OCR it is an `ocr.unavailable` error; one with some text keeps
    /// its records and a diagnostic.
    fn run_ocr(&self, path: &Path, sha256: &str, pages: &mut Pages) -> Result<usize, InputError> {
        let wanted = match self.ocr.mode {
            ocr::OcrMode::Never => false,
            ocr::OcrMode::Always => true,
            ocr::OcrMode::Auto => pages.pages_needing_ocr() > 0,
        };
        if !wanted {
            return Ok(0);
        }
        let probe = self.probe.get_or_init(|| {
            let p = ocr::probe(&self.ocr);
            if let Err(e) = &p {
                eprintln!("delib: OCR unavailable: {}", e.message);
            }
            p
        });
        match probe {
            Ok(version) => Ok(ocr::ocr_pdf_pages(path, sha256, pages, &self.ocr, version).pages),
            Err(e) if pages.pages.iter().all(|p| p.needs_ocr) => Err(e.clone()),
            Err(e) => {
                pages.diagnostics.push(delib::model::Diagnostic::warning(
                    "ocr.unavailable",
                    format!(
                        "{} scanned pages were not read: {}",
                        pages.pages_needing_ocr(),
                        e.message
                    ),
                    None,
                ));
                Ok(0)
            }
        }
    }
}

fn text(path: &Path) -> ExitCode {
    match read_pages(path) {
        Ok((pages, _, _)) => {
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

fn read_pages(path: &Path) -> Result<(Pages, String, InputKind), InputError> {
    let bytes = input::read_file(path, MAX_FILE_BYTES)?;
    let sha = input::sha256_hex(&bytes);
    let kind = input::sniff(&bytes)
        .ok_or_else(|| InputError::new("input.unknown_format", "neither a PDF nor a text file"))?;
    let pages = match kind {
        InputKind::Text => delib::text::read_text(&bytes),
        InputKind::Pdf => pdf_pages(&bytes)?,
    };
    Ok((pages, sha, kind))
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
