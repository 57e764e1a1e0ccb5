//! Batch runs: many inputs processed in parallel (rayon), records written in
//! input order whatever the thread count, every input accounted for as
//! records or as an error record.
//!
//! Output order is kept with a bounded reorder window: each job takes the
//! next input as soon as it is free, as long as that input is fewer than
//! 16 per job ahead of the oldest one not yet written; finished inputs wait
//! in a reorder buffer until their turn. Memory stays bounded by the window,
//! and one slow document holds the other jobs back only once they are a
//! whole window ahead of it (a barrier per window would idle them at every
//! window's end).

use std::collections::HashSet;
use std::io::{self, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Condvar, Mutex};

use serde::Serialize;

use crate::input::InputError;
use crate::model::Record;

/// One input of a run, as the user named it or as a directory walk found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputSpec {
    /// The file as given or found (the archive, for an archive member).
    pub path: PathBuf,
    /// The member's path inside the ZIP archive at `path`.
    pub member: Option<String>,
}

impl InputSpec {
    /// A plain file.
    pub fn file(path: impl Into<PathBuf>) -> InputSpec {
        InputSpec {
            path: path.into(),
            member: None,
        }
    }

    /// How the input is shown and recorded: the path, or
    /// `archive.zip!dir/file.pdf` for an archive member.
    pub fn display(&self) -> String {
        match &self.member {
            None => self.path.display().to_string(),
            Some(m) => format!("{}!{m}", self.path.display()),
        }
    }
}

/// An input that could not even be listed (a directory or archive that
/// cannot be read), with why.
pub type ListingError = (String, InputError);

/// Expands paths into inputs: files as given; directories walked
/// recursively, sorted, keeping the files whose content is a PDF, text or a
/// ZIP archive; ZIP archives opened into their members (in archive order,
/// members whose path is absolute or climbs with `..` rejected).
pub fn expand_inputs(paths: &[PathBuf]) -> (Vec<InputSpec>, Vec<ListingError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut inputs, &mut errors);
        } else if is_zip(p) {
            zip_members(p, &mut inputs, &mut errors);
        } else {
            inputs.push(InputSpec::file(p.clone()));
        }
    }
    (inputs, errors)
}

/// Reads a list of paths, one per line (`--files-from`); blank lines are
/// passed over.
pub fn read_path_list(text: &str) -> Vec<PathBuf> {
    text.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty())
        .map(PathBuf::from)
        .collect()
}

/// Keeps the inputs of shard `k` of `n`: a stable hash of each input's
/// displayed path, so N machines split one archive with no coordinator.
pub fn shard(inputs: Vec<InputSpec>, k: u32, n: u32) -> Vec<InputSpec> {
    if n <= 1 {
        return inputs;
    }
    inputs
        .into_iter()
        .filter(|i| fnv1a(i.display().as_bytes()) % u64::from(n) == u64::from(k))
        .collect()
}

/// FNV-1a, 64 bits: stable across platforms and releases, unlike std's hasher.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn is_zip(path: &Path) -> bool {
    let mut head = [0u8; 4];
    std::fs::File::open(path)
        .and_then(|mut f| io::Read::read_exact(&mut f, &mut head))
        .is_ok()
        && head == *b"PK\x03\x04"
}

fn zip_members(path: &Path, inputs: &mut Vec<InputSpec>, errors: &mut Vec<ListingError>) {
    let shown = path.display().to_string();
    let archive = std::fs::File::open(path)
        .map_err(|e| e.to_string())
        .and_then(|f| zip::ZipArchive::new(f).map_err(|e| e.to_string()));
    let mut archive = match archive {
        Ok(a) => a,
        Err(e) => {
            errors.push((
                shown,
                InputError::new("input.unreadable", format!("cannot read ZIP archive: {e}")),
            ));
            return;
        }
    };
    for i in 0..archive.len() {
        let Ok(entry) = archive.by_index(i) else {
            errors.push((
                format!("{shown}!#{i}"),
                InputError::new("input.unreadable", "cannot read this archive member"),
            ));
            continue;
        };
        if entry.is_dir() {
            continue;
        }
        let Ok(name) = entry.name().map(|n| n.to_string()) else {
            errors.push((
                format!("{shown}!#{i}"),
                InputError::new("input.unreadable", "archive member name is not readable"),
            ));
            continue;
        };
        let unsafe_path = name.starts_with('/')
            || name.starts_with('\\')
            || name.get(1..2) == Some(":")
            || name.split(['/', '\\']).any(|c| c == "..");
        if unsafe_path {
            errors.push((
                format!("{shown}!{name}"),
                InputError::new(
                    "input.unsafe_member",
                    "archive member path is absolute or climbs out with '..'; not read",
                ),
            ));
            continue;
        }
        let base = name.rsplit('/').next().unwrap_or(&name);
        if base.starts_with('.') || name.starts_with("__MACOSX/") {
            continue;
        }
        inputs.push(InputSpec {
            path: path.to_path_buf(),
            member: Some(name),
        });
    }
}

fn walk(dir: &Path, inputs: &mut Vec<InputSpec>, errors: &mut Vec<ListingError>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push((
                dir.display().to_string(),
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
        } else if is_zip(&p) {
            zip_members(&p, inputs, errors);
        } else if looks_like_document(&p) {
            inputs.push(InputSpec::file(p));
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
    /// True when a resumed run found this input already done.
    pub skipped: bool,
}

impl Outcome {
    /// An input that gave no record.
    pub fn failed(path: String, sha256: Option<String>, err: InputError) -> Outcome {
        Outcome {
            path,
            sha256,
            result: Err(err),
            pages: 0,
            ocr_pages: 0,
            ocr_done: 0,
            skipped: false,
        }
    }
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
    /// Inputs a resumed run found already done.
    pub skipped: usize,
    /// Errors by code, sorted by code.
    pub errors_by_kind: Vec<(String, usize)>,
}

/// Where a run's results go, in input order.
pub trait Sink {
    /// One record.
    fn record(&mut self, rec: &Record) -> io::Result<()>;
    /// One input that gave no record.
    fn error(&mut self, err: &ErrorRecord) -> io::Result<()>;
    /// Called after each input, in input order, once its results are handed over.
    fn input_done(&mut self, _outcome: &Outcome) {}
    /// Called whenever the output has moved on (after one or more inputs).
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
///
/// A panic in `process` is reported as an `input.panic` error for that input.
pub fn run<F>(
    inputs: &[InputSpec],
    jobs: usize,
    process: F,
    sink: &mut dyn Sink,
) -> io::Result<Summary>
where
    F: Fn(&InputSpec) -> Outcome + Sync,
{
    let jobs = jobs.max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(io::Error::other)?;
    // Outcomes hold records, not pages (a few kilobytes each), so a window
    // of 16 inputs per job costs little memory and lets the other jobs run
    // on past a long document.
    let window = jobs * 16;
    let queue = Queue {
        state: Mutex::new(QueueState::default()),
        moved: Condvar::new(),
    };
    let mut summary = Summary::default();
    let mut by_kind: std::collections::BTreeMap<String, usize> = Default::default();
    let (sender, results) = mpsc::channel::<(usize, Outcome)>();
    // Compile the grammar with every job's thread (the lexicon's classes
    // compile in parallel on this pool) rather than on the first input's
    // thread while the others wait for it.
    pool.install(|| {
        crate::parse::lexicon::lexicon();
    });
    let written = pool.in_place_scope(|scope| {
        for _ in 0..jobs {
            let sender = sender.clone();
            let (queue, process) = (&queue, &process);
            scope.spawn(move |_| {
                while let Some(i) = queue.take(inputs.len(), window) {
                    let spec = &inputs[i];
                    let outcome = catch_unwind(AssertUnwindSafe(|| process(spec))).unwrap_or_else(
                        |payload| {
                            Outcome::failed(
                                spec.display(),
                                None,
                                InputError::new(
                                    "input.panic",
                                    format!(
                                        "reading this input crashed: {}",
                                        crate::pdf::panic_message(payload.as_ref())
                                    ),
                                ),
                            )
                        },
                    );
                    if sender.send((i, outcome)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(sender);
        // The writer: this thread, while the pool's threads process.
        let mut pending: std::collections::BTreeMap<usize, Outcome> = Default::default();
        let mut next = 0;
        let written = (|| -> io::Result<()> {
            while next < inputs.len() {
                let Ok((i, outcome)) = results.recv() else {
                    break;
                };
                pending.insert(i, outcome);
                let before = next;
                while let Some(o) = pending.remove(&next) {
                    write_outcome(o, &mut summary, &mut by_kind, sink)?;
                    next += 1;
                }
                if next > before {
                    sink.flush()?;
                    queue.written(next);
                }
            }
            Ok(())
        })();
        if written.is_err() {
            queue.stop();
        }
        written
    });
    written?;
    summary.errors_by_kind = by_kind.into_iter().collect();
    Ok(summary)
}

/// The inputs handed out to jobs, throttled by how far output has got.
struct Queue {
    state: Mutex<QueueState>,
    moved: Condvar,
}

#[derive(Default)]
struct QueueState {
    /// The next input to hand out.
    next: usize,
    /// Inputs written so far.
    written: usize,
    /// Set when the writer failed: hand out nothing more.
    stopped: bool,
}

impl Queue {
    /// The next input to process, waiting while it is a whole `window`
    /// ahead of the output; `None` when all are handed out or the run stopped.
    fn take(&self, count: usize, window: usize) -> Option<usize> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if state.stopped || state.next >= count {
                return None;
            }
            if state.next < state.written + window {
                state.next += 1;
                return Some(state.next - 1);
            }
            state = self.moved.wait(state).unwrap_or_else(|e| e.into_inner());
        }
    }

    /// The output has reached `written` inputs.
    fn written(&self, written: usize) {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).written = written;
        self.moved.notify_all();
    }

    /// Stops handing out inputs.
    fn stop(&self) {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).stopped = true;
        self.moved.notify_all();
    }
}

/// Counts one input's outcome and hands its records or error to the sink.
fn write_outcome(
    o: Outcome,
    summary: &mut Summary,
    by_kind: &mut std::collections::BTreeMap<String, usize>,
    sink: &mut dyn Sink,
) -> io::Result<()> {
    summary.inputs += 1;
    if o.skipped {
        summary.skipped += 1;
        sink.input_done(&o);
        return Ok(());
    }
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
    sink.input_done(&o);
    Ok(())
}

/// Inputs already done by an earlier run, by SHA-256 (records or error) or,
/// for inputs that could not be read at all, by displayed path.
#[derive(Debug, Clone, Default)]
pub struct Done {
    /// Hashes of inputs whose records are complete, or that gave an error.
    pub sha256: HashSet<String>,
    /// Paths of inputs that gave an error before they could be hashed.
    pub paths: HashSet<String>,
}

impl Done {
    /// Adds what another file said was done.
    pub fn merge(&mut self, other: Done) {
        self.sha256.extend(other.sha256);
        self.paths.extend(other.paths);
    }

    /// True when `path` (with hash `sha256`, when read) needs no work.
    pub fn contains(&self, path: &str, sha256: Option<&str>) -> bool {
        sha256.is_some_and(|s| self.sha256.contains(s)) || self.paths.contains(path)
    }
}

/// Prepares the records file of an interrupted run for `--resume`: keeps the
/// lines of inputs whose records are all there (each record says it is
/// number `record_index` of `record_count` of its input), drops a torn last
/// line and the lines of inputs cut short, rewriting the file when anything
/// was dropped, and returns the inputs that are done. A missing file is an
/// empty one.
pub fn resume_records(path: &Path) -> io::Result<Done> {
    let text = match std::fs::read(path) {
        Ok(b) => String::from_utf8_lossy(&b).into_owned(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Done::default()),
        Err(e) => return Err(e),
    };
    // (sha256, path) -> (lines seen, count announced)
    let mut seen: std::collections::HashMap<(String, String), (usize, usize)> = Default::default();
    let mut parsed: Vec<(&str, Option<(String, String)>)> = Vec::new();
    let complete_lines = if text.ends_with('\n') {
        text.lines().count()
    } else {
        text.lines().count().saturating_sub(1)
    };
    for line in text.lines().take(complete_lines) {
        let key = serde_json::from_str::<Record>(line).ok().map(|r| {
            let k = (r.source.sha256.clone(), r.source.path.clone());
            let e = seen
                .entry(k.clone())
                .or_insert((0, r.source.record_count as usize));
            e.0 += 1;
            k
        });
        parsed.push((line, key));
    }
    let complete = |k: &(String, String)| seen.get(k).is_some_and(|&(n, c)| c > 0 && n == c);
    let keep: Vec<&str> = parsed
        .iter()
        .filter(|(_, k)| k.as_ref().is_some_and(complete))
        .map(|(l, _)| *l)
        .collect();
    if keep.len() != text.lines().count() {
        let tmp = path.with_extension("resume.tmp");
        let mut body = keep.join("\n");
        if !body.is_empty() {
            body.push('\n');
        }
        std::fs::write(&tmp, body)?;
        std::fs::rename(&tmp, path)?;
    }
    let mut done = Done::default();
    for (k, _) in seen.iter().filter(|(k, _)| complete(k)) {
        done.sha256.insert(k.0.clone());
    }
    Ok(done)
}

/// Prepares the errors file of an interrupted run for `--resume`: drops a
/// torn last line and returns the inputs that already gave an error.
pub fn resume_errors(path: &Path) -> io::Result<Done> {
    let text = match std::fs::read(path) {
        Ok(b) => String::from_utf8_lossy(&b).into_owned(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Done::default()),
        Err(e) => return Err(e),
    };
    let mut done = Done::default();
    let mut keep = Vec::new();
    for line in text.lines() {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
            match v["sha256"].as_str() {
                Some(s) => done.sha256.insert(s.to_string()),
                None => done
                    .paths
                    .insert(v["path"].as_str().unwrap_or("").to_string()),
            };
            keep.push(line);
        }
    }
    if keep.len() != text.lines().count() || (!text.is_empty() && !text.ends_with('\n')) {
        let mut body = keep.join("\n");
        if !body.is_empty() {
            body.push('\n');
        }
        std::fs::write(path, body)?;
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(spec: &InputSpec) -> Outcome {
        let name = spec.path.display().to_string();
        if name.contains("crash") {
            panic!("boom");
        }
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
            skipped: false,
        }
    }

    #[test]
    fn output_is_in_input_order_and_everything_is_counted() {
        let inputs: Vec<InputSpec> = (0..50)
            .map(|i| {
                InputSpec::file(if i % 7 == 3 {
                    format!("bad{i}")
                } else {
                    format!("f{i}")
                })
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

    #[test]
    fn a_panicking_input_is_an_error_and_the_run_goes_on() {
        let inputs: Vec<InputSpec> = ["f0", "crash1", "f2", "f3"]
            .into_iter()
            .map(InputSpec::file)
            .collect();
        for jobs in [1, 2] {
            let (mut out, mut err) = (Vec::new(), Vec::new());
            let mut sink = JsonLines {
                out: &mut out,
                errors: &mut err,
            };
            let s = run(&inputs, jobs, outcome, &mut sink).unwrap();
            assert_eq!((s.inputs, s.with_records, s.with_errors), (4, 3, 1));
            assert_eq!(s.errors_by_kind, vec![("input.panic".to_string(), 1)]);
            assert!(String::from_utf8_lossy(&err).contains("boom"));
        }
    }
}
