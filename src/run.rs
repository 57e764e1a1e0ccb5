//! Batch runs: many inputs processed in parallel (rayon), records written in
//! input order whatever the thread count, every input accounted for as
//! records or as an error record.
//!
//! Output order is kept with a bounded reorder window: inputs are taken in
//! windows of a few per thread, processed in parallel, and written in order
//! before the next window starts, so memory stays bounded by the window.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use crate::input::InputError;
use crate::model::Record;

/// One input of a run, as the user named it or as a directory walk found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputSpec {
    /// The path as given or found.
    pub path: PathBuf,
}

/// Expands paths into inputs: files as given; directories walked
/// recursively (sorted, so runs are deterministic), keeping the files whose
/// content is a PDF or text.
pub fn expand_inputs(paths: &[PathBuf]) -> (Vec<InputSpec>, Vec<(PathBuf, InputError)>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut inputs, &mut errors);
        } else {
            inputs.push(InputSpec { path: p.clone() });
        }
    }
    (inputs, errors)
}

fn walk(dir: &Path, inputs: &mut Vec<InputSpec>, errors: &mut Vec<(PathBuf, InputError)>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push((
                dir.to_path_buf(),
                InputError::new("input.unreadable", format!("cannot list directory: {e}")),
            ));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk(&p, inputs, errors);
        } else if looks_like_document(&p) {
            inputs.push(InputSpec { path: p });
        }
    }
}

/// In a directory walk, a file is taken when its first bytes say PDF or
/// text (hidden files are passed over).
fn looks_like_document(path: &Path) -> bool {
    if path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
    {
        return false;
    }
    let mut head = [0u8; 1024];
    let n = match std::fs::File::open(path) {
        Ok(mut f) => io::Read::read(&mut f, &mut head).unwrap_or(0),
        Err(_) => return true, // let processing report why it cannot be read
    };
    crate::input::sniff(&head[..n]).is_some()
}

/// The error record written for an input that gave no record.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorRecord<'a> {
    /// Input path as given.
    pub path: &'a str,
    /// SHA-256 of the input, when it could be read.
    pub sha256: Option<&'a str>,
    /// Error code (`pdf.encrypted`, `input.unreadable`…).
    pub error: &'a str,
    /// A sentence a person understands.
    pub message: &'a str,
}

/// What one input gave.
#[derive(Debug)]
pub struct Outcome {
    /// The input.
    pub path: String,
    /// Hash of its bytes, when read.
    pub sha256: Option<String>,
    /// Its records, or why there are none.
    pub result: Result<Vec<Record>, InputError>,
    /// Pages read.
    pub pages: usize,
    /// Pages that await OCR.
    pub ocr_pages: usize,
    /// Pages read by OCR.
    pub ocr_done: usize,
}

/// Totals of a run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Inputs seen.
    pub inputs: usize,
    /// Inputs that gave records.
    pub with_records: usize,
    /// Inputs that gave an error.
    pub with_errors: usize,
    /// Records written.
    pub records: usize,
    /// Pages read.
    pub pages: usize,
    /// Pages that await OCR.
    pub ocr_pages: usize,
    /// Pages read by OCR.
    pub ocr_done: usize,
    /// Errors by code, sorted by code.
    pub errors_by_kind: Vec<(String, usize)>,
}

/// Where a run's results go, in input order.
pub trait Sink {
    /// One record.
    fn record(&mut self, rec: &Record) -> io::Result<()>;
    /// One input that gave no record.
    fn error(&mut self, err: &ErrorRecord) -> io::Result<()>;
    /// Called after each window of inputs.
    fn flush(&mut self) -> io::Result<()>;
}

/// A [`Sink`] writing records and error records as JSON Lines.
pub struct JsonLines<'a> {
    /// Records go here.
    pub out: &'a mut dyn Write,
    /// Error records go here.
    pub errors: &'a mut dyn Write,
}

impl Sink for JsonLines<'_> {
    fn record(&mut self, rec: &Record) -> io::Result<()> {
        crate::output::write_jsonl(self.out, rec)
    }

    fn error(&mut self, err: &ErrorRecord) -> io::Result<()> {
        serde_json::to_writer(&mut *self.errors, err).map_err(io::Error::other)?;
        self.errors.write_all(b"\n")
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()?;
        self.errors.flush()
    }
}

/// Processes `inputs` with `jobs` threads, calling `process` on each, and
/// hands records and error records to `sink` in input order.
pub fn run<F>(
    inputs: &[InputSpec],
    jobs: usize,
    process: F,
    sink: &mut dyn Sink,
) -> io::Result<Summary>
where
    F: Fn(&InputSpec) -> Outcome + Sync,
{
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.max(1))
        .build()
        .map_err(io::Error::other)?;
    let window = jobs.max(1) * 4;
    let mut summary = Summary::default();
    let mut by_kind: std::collections::BTreeMap<String, usize> = Default::default();
    for chunk in inputs.chunks(window) {
        let outcomes: Vec<Outcome> = pool.install(|| chunk.par_iter().map(&process).collect());
        for o in outcomes {
            summary.inputs += 1;
            summary.pages += o.pages;
            summary.ocr_pages += o.ocr_pages;
            summary.ocr_done += o.ocr_done;
            match &o.result {
                Ok(recs) => {
                    summary.with_records += 1;
                    summary.records += recs.len();
                    for r in recs {
                        sink.record(r)?;
                    }
                }
                Err(e) => {
                    summary.with_errors += 1;
                    *by_kind.entry(e.code.clone()).or_default() += 1;
                    let rec = ErrorRecord {
                        path: &o.path,
                        sha256: o.sha256.as_deref(),
                        error: &e.code,
                        message: &e.message,
                    };
                    sink.error(&rec)?;
                }
            }
        }
        sink.flush()?;
    }
    summary.errors_by_kind = by_kind.into_iter().collect();
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(spec: &InputSpec) -> Outcome {
        let name = spec.path.display().to_string();
        let result = if name.contains("bad") {
            Err(InputError::new("input.unreadable", "cannot read"))
        } else {
            let mut r = Record::new(Default::default());
            r.number = Some(name.clone());
            Ok(vec![r])
        };
        Outcome {
            path: name,
            sha256: None,
            result,
            pages: 1,
            ocr_pages: 0,
            ocr_done: 0,
        }
    }

    #[test]
    fn output_is_in_input_order_and_everything_is_counted() {
        let inputs: Vec<InputSpec> = (0..50)
            .map(|i| InputSpec {
                path: PathBuf::from(if i % 7 == 3 {
                    format!("bad{i}")
                } else {
                    format!("f{i}")
                }),
            })
            .collect();
        let mut outs = Vec::new();
        for jobs in [1, 2, 4] {
            let (mut out, mut err) = (Vec::new(), Vec::new());
            let mut sink = JsonLines {
                out: &mut out,
                errors: &mut err,
            };
            let s = run(&inputs, jobs, outcome, &mut sink).unwrap();
            assert_eq!(s.inputs, 50);
            assert_eq!(s.inputs, s.with_records + s.with_errors);
            assert_eq!(s.with_errors, 7);
            assert_eq!(s.errors_by_kind, vec![("input.unreadable".to_string(), 7)]);
            outs.push((out, err));
        }
        assert!(outs.windows(2).all(|w| w[0] == w[1]));
        let text = String::from_utf8(outs[0].0.clone()).unwrap();
        let numbers: Vec<String> = text
            .lines()
            .map(|l| serde_json::from_str::<Record>(l).unwrap().number.unwrap())
            .collect();
        let want: Vec<String> = inputs
            .iter()
            .map(|i| i.path.display().to_string())
            .filter(|n| !n.contains("bad"))
            .collect();
        assert_eq!(numbers, want);
    }
}
