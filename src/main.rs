//! The `delib` command line: a dispatcher; the work is in the library.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use delib::input::{self, InputError, InputKind};
use delib::pages::Pages;

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
        /// PDF or text files.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
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
        Command::Extract { paths } => extract(&paths),
        Command::Text { path } => text(&path),
    }
}

fn extract(paths: &[PathBuf]) -> ExitCode {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut failed = 0usize;
    for path in paths {
        let shown = path.display().to_string();
        match read_pages(path) {
            Ok((pages, sha)) => {
                for rec in delib::records_from_pages(&pages, &shown, &sha) {
                    if delib::output::write_jsonl(&mut out, &rec).is_err() {
                        return ExitCode::from(1);
                    }
                }
            }
            Err(e) => {
                failed += 1;
                eprintln!("delib: {shown}: {e}");
            }
        }
    }
    let _ = out.flush();
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
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
