//! Isolated extraction: [`super::extract`] run in a child process with a
//! memory limit and a timeout, so that a stack overflow, an allocation
//! failure or an endless loop in the PDF libraries costs one file, not the
//! batch.
//!
//! The child is the `delib` binary itself, started as
//! `delib __pdf-worker [--max-file-bytes=N] [--max-pages=N] [PATH]`.
//! `main` must dispatch to [`worker_main`] before anything else:
//!
//! ```ignore
//! if std::env::args().nth(1).as_deref() == Some("__pdf-worker") {
//!     std::process::exit(delib::pdf::worker::worker_main());
//! }
//! ```
//!
//! With a `PATH` the worker answers once. Without, it serves many files: it
//! reads one path per line on stdin and writes one JSON line per path on
//! stdout, a serialized `Result<Pages, PdfError>`. A [`Worker`] keeps one
//! such child for a whole batch (spawning a process per file would cost more
//! than the extraction of a short extract) and starts a fresh one after a
//! crash or a timeout.

use std::io::{BufRead, Read, Write};
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::{extract, Limits, PdfError, PdfErrorKind};
use crate::pages::Pages;

/// The hidden subcommand that starts a worker.
pub const WORKER_ARG: &str = "__pdf-worker";

/// Extracts one file in a fresh worker process (`exe __pdf-worker`).
///
/// Convenient for a single file; for many, keep a [`Worker`] so that one
/// process serves them all.
pub fn extract_isolated(path: &Path, exe: &Path, limits: &Limits) -> Result<Pages, PdfError> {
    Worker::new(exe, limits).extract(path)
}

/// A reusable handle on a worker process, respawned after a crash.
pub struct Worker {
    exe: PathBuf,
    limits: Limits,
    child: Option<Running>,
}

/// A live worker process and the pipes to it.
struct Running {
    child: Child,
    stdin: ChildStdin,
    /// The worker's answers, read by the caller's thread as they arrive
    /// (waiting in `poll` with the time budget), so that a large answer
    /// never blocks the worker on a full pipe.
    stdout: ChildStdout,
    /// Bytes read from `stdout` and not yet handed out.
    received: Vec<u8>,
    /// The buffer each read fills, allocated on the first answer.
    chunk: Option<Vec<u8>>,
    /// The tail of the worker's stderr (the Rust runtime's last words on a
    /// stack overflow or an allocation failure).
    stderr: Arc<Mutex<String>>,
    /// The core the worker was last bound to, see [`follow_caller`].
    core: Option<usize>,
}

impl Worker {
    /// A handle that will start `exe __pdf-worker` on first use.
    pub fn new(exe: &Path, limits: &Limits) -> Worker {
        Worker {
            exe: exe.to_path_buf(),
            limits: limits.clone(),
            child: None,
        }
    }

    /// Extracts the PDF at `path` in the worker, within [`Limits`].
    pub fn extract(&mut self, path: &Path) -> Result<Pages, PdfError> {
        let size = std::fs::metadata(path)
            .map_err(|e| {
                PdfError::new(
                    PdfErrorKind::Io,
                    format!("cannot read {}: {e}", path.display()),
                )
            })?
            .len();
        if size > self.limits.max_file_bytes {
            return Err(PdfError::new(
                PdfErrorKind::TooLarge,
                format!(
                    "the file is {size} bytes, over the limit of {} bytes",
                    self.limits.max_file_bytes
                ),
            ));
        }
        // The worker reads absolute paths so that its working directory
        // does not matter.
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let line = path_line(&path)?;

        let limits = self.limits.clone();
        let running = match &mut self.child {
            Some(running) => running,
            None => self.child.insert(spawn(&self.exe, &limits)?),
        };
        if let Ok(mut tail) = running.stderr.lock() {
            tail.clear();
        }
        follow_caller(running);
        let sent = running
            .stdin
            .write_all(&line)
            .and_then(|()| running.stdin.flush());
        let answer = match sent {
            Ok(()) => running.answer(Instant::now() + limits.timeout),
            // The worker died earlier (it exits on a broken stdin only);
            // reading its status below says why.
            Err(_) => Err(NoAnswer::Closed),
        };
        match answer {
            Ok(json) => {
                serde_json::from_slice::<Result<Pages, PdfError>>(&json).unwrap_or_else(|e| {
                    self.stop();
                    Err(PdfError::new(
                        PdfErrorKind::Aborted,
                        format!("the pdf worker gave an unreadable answer: {e}"),
                    ))
                })
            }
            Err(NoAnswer::Timeout) => {
                self.stop();
                Err(PdfError::new(
                    PdfErrorKind::Timeout,
                    format!(
                        "reading the pdf took longer than {} s and was stopped",
                        limits.timeout.as_secs_f64()
                    ),
                ))
            }
            Err(NoAnswer::Closed) => {
                let (status, tail) = self.reap();
                Err(PdfError::new(
                    PdfErrorKind::Aborted,
                    death_message(status, &tail),
                ))
            }
        }
    }

    /// Kills the worker (if any) and waits for it.
    fn stop(&mut self) {
        if let Some(mut running) = self.child.take() {
            let _ = running.child.kill();
            let _ = running.child.wait();
        }
    }

    /// Waits for a worker that closed its stdout, and returns its status and
    /// the tail of its stderr.
    fn reap(&mut self) -> (Option<ExitStatus>, String) {
        let Some(mut running) = self.child.take() else {
            return (None, String::new());
        };
        // Closed stdout means exit is imminent, but do not trust it blindly.
        let deadline = Instant::now() + Duration::from_secs(5);
        let status = loop {
            match running.child.try_wait() {
                Ok(Some(status)) => break Some(status),
                Ok(None) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(5))
                }
                _ => {
                    let _ = running.child.kill();
                    break running.child.wait().ok();
                }
            }
        };
        // Give the stderr thread a moment to drain the last message.
        std::thread::sleep(Duration::from_millis(20));
        let tail = running.stderr.lock().map(|t| t.clone()).unwrap_or_default();
        (status, tail)
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        // Closing stdin lets the worker exit on its own; kill in case it is
        // stuck on a file.
        self.stop();
    }
}

/// Binds the worker to the core the calling thread is on, before a request.
///
/// The caller sleeps while its worker reads, and the worker while its caller
/// parses: each hand-off wakes the other. On a core of its own the woken
/// process waits for an idle core to be woken in turn (an interrupt between
/// cores, slow on a virtual machine) and finds its caches cold; on the
/// caller's core it runs at once. `--jobs 2` on two cores ran 2.1–2.9 s
/// unbound and 2.1–2.6 s bound, 298 PDFs (bench/RESULTS.md, session 5).
/// Only the worker is bound, and again whenever its caller has moved: the
/// scheduler still places the callers, so runs side by side share the
/// machine as before. Where binding is refused, nothing changes.
fn follow_caller(running: &mut Running) {
    #[allow(unsafe_code)]
    // SAFETY: sched_getcpu takes no argument; sched_setaffinity reads the
    // cpu_set_t on our stack, of the size it is given.
    unsafe {
        let cpu = libc::sched_getcpu();
        let Ok(cpu) = usize::try_from(cpu) else {
            return;
        };
        if running.core == Some(cpu) {
            return;
        }
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        libc::CPU_SET(cpu, &mut set);
        let pid = running.child.id() as libc::pid_t;
        if libc::sched_setaffinity(pid, std::mem::size_of::<libc::cpu_set_t>(), &set) == 0 {
            running.core = Some(cpu);
        }
    }
}

/// The path as one line of bytes for the worker's stdin.
fn path_line(path: &Path) -> Result<Vec<u8>, PdfError> {
    use std::os::unix::ffi::OsStrExt;
    let mut line = path.as_os_str().as_bytes().to_vec();
    if line.contains(&b'\n') {
        return Err(PdfError::new(
            PdfErrorKind::Io,
            format!(
                "cannot pass {} to the pdf worker: the name contains a newline",
                path.display()
            ),
        ));
    }
    line.push(b'\n');
    Ok(line)
}

/// Starts `exe __pdf-worker` with the memory limit applied.
fn spawn(exe: &Path, limits: &Limits) -> Result<Running, PdfError> {
    use std::os::unix::process::CommandExt;
    let mut command = Command::new(exe);
    command
        .arg(WORKER_ARG)
        .arg(format!("--max-file-bytes={}", limits.max_file_bytes))
        .arg(format!("--max-pages={}", limits.max_pages))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let memory = limits.memory_bytes as libc::rlim_t;
    // SAFETY: the closure runs in the forked child before exec; it only
    // calls setrlimit, which is async-signal-safe, on a stack value, and
    // allocates nothing.
    #[allow(unsafe_code)]
    unsafe {
        command.pre_exec(move || {
            let limit = libc::rlimit {
                rlim_cur: memory,
                rlim_max: memory,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut child = command.spawn().map_err(|e| {
        PdfError::new(
            PdfErrorKind::Io,
            format!("cannot start the pdf worker {}: {e}", exe.display()),
        )
    })?;
    let (Some(stdin), Some(stdout), Some(stderr)) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        let _ = child.kill();
        let _ = child.wait();
        return Err(PdfError::new(
            PdfErrorKind::Io,
            "cannot talk to the pdf worker: a pipe is missing",
        ));
    };
    widen_pipe(&stdout);
    let tail = Arc::new(Mutex::new(String::new()));
    let writer = Arc::clone(&tail);
    std::thread::spawn(move || {
        let mut stderr = stderr;
        let mut buf = [0u8; 4096];
        while let Ok(n) = stderr.read(&mut buf) {
            if n == 0 {
                break;
            }
            if let Ok(mut t) = writer.lock() {
                t.push_str(&String::from_utf8_lossy(&buf[..n]));
                // Keep the last 2 KB: the final message is what matters.
                if t.len() > 4096 {
                    let cut = t.len() - 2048;
                    let cut = (cut..t.len()).find(|&i| t.is_char_boundary(i)).unwrap_or(0);
                    t.drain(..cut);
                }
            }
        }
    });
    Ok(Running {
        child,
        stdin,
        stdout,
        received: Vec::new(),
        chunk: None,
        stderr: tail,
        core: None,
    })
}

/// Why [`Running::answer`] has no line.
enum NoAnswer {
    /// The time budget ran out.
    Timeout,
    /// The worker closed its stdout: it died.
    Closed,
}

impl Running {
    /// The worker's next answer line (without its newline), waiting until
    /// `deadline` at most.
    fn answer(&mut self, deadline: Instant) -> Result<Vec<u8>, NoAnswer> {
        let mut scanned = 0;
        loop {
            if let Some(end) = memchr(b'\n', &self.received[scanned..]) {
                let end = scanned + end;
                let rest = self.received.split_off(end + 1);
                let mut line = std::mem::replace(&mut self.received, rest);
                line.pop();
                return Ok(line);
            }
            scanned = self.received.len();
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(NoAnswer::Timeout);
            }
            if !readable(&self.stdout, left) {
                continue;
            }
            let chunk = self.chunk.get_or_insert_with(|| vec![0; READ_CHUNK]);
            match self.stdout.read(chunk) {
                Ok(n) if n > 0 => self.received.extend_from_slice(&chunk[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                _ => return Err(NoAnswer::Closed),
            }
        }
    }
}

/// How much one read takes from the worker's stdout at most.
const READ_CHUNK: usize = 1 << 20;

/// The first position of `byte` in `bytes`.
fn memchr(byte: u8, bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == byte)
}

/// Waits up to `timeout` for `pipe` to have data or be closed; false when
/// the wait ended without either (time out, or a signal).
fn readable(pipe: &ChildStdout, timeout: Duration) -> bool {
    let mut fd = libc::pollfd {
        fd: pipe.as_raw_fd(),
        events: libc::POLLIN,
        revents: 0,
    };
    let ms = timeout.as_millis().clamp(1, i32::MAX as u128) as libc::c_int;
    // SAFETY: one valid pollfd on a descriptor we own, for the call only.
    #[allow(unsafe_code)]
    let ready = unsafe { libc::poll(&mut fd, 1, ms) };
    ready > 0
}

/// Asks the kernel for a pipe as large as [`READ_CHUNK`] (the default is
/// 64 KiB), so that an answer of a few megabytes crosses in a few large
/// reads rather than thousands of small ones, each waking this process and
/// the worker in turn. Where the kernel refuses (a lower
/// `/proc/sys/fs/pipe-max-size`) the pipe stays as it is.
fn widen_pipe(pipe: &ChildStdout) {
    // SAFETY: F_SETPIPE_SZ on a pipe descriptor we own changes only its
    // capacity; a failure is reported through the return value, ignored.
    #[allow(unsafe_code)]
    unsafe {
        libc::fcntl(
            pipe.as_raw_fd(),
            libc::F_SETPIPE_SZ,
            READ_CHUNK as libc::c_int,
        );
    }
}

/// A sentence for a worker that died without answering.
fn death_message(status: Option<ExitStatus>, stderr: &str) -> String {
    use std::os::unix::process::ExitStatusExt;
    let cause = if stderr.contains("overflowed its stack") {
        " (stack overflow: the pdf probably nests or references itself without end)"
    } else if stderr.contains("memory allocation") {
        " (out of memory: the pdf probably holds a decompression bomb)"
    } else {
        ""
    };
    match status.and_then(|s| s.signal()) {
        Some(signal) => format!(
            "the pdf worker was killed by signal {signal} ({}){cause}",
            signal_name(signal)
        ),
        None => match status.and_then(|s| s.code()) {
            Some(code) => {
                format!("the pdf worker exited with status {code} without answering{cause}")
            }
            None => format!("the pdf worker stopped without answering{cause}"),
        },
    }
}

/// The usual name of a signal number.
fn signal_name(signal: i32) -> &'static str {
    match signal {
        libc::SIGABRT => "SIGABRT",
        libc::SIGSEGV => "SIGSEGV",
        libc::SIGKILL => "SIGKILL",
        libc::SIGBUS => "SIGBUS",
        libc::SIGILL => "SIGILL",
        libc::SIGTERM => "SIGTERM",
        _ => "signal",
    }
}

/// Entry point of `delib __pdf-worker`; returns the process exit code.
///
/// Arguments after the subcommand: `--max-file-bytes=N`, `--max-pages=N`
/// (defaults from [`Limits::default`]) and an optional PDF path. With a
/// path, prints one JSON `Result<Pages, PdfError>` and exits; without, serves
/// paths read line by line from stdin until stdin closes.
pub fn worker_main() -> i32 {
    // Panics are caught and reported in the JSON answer; the default hook
    // would only add noise on stderr, which the parent keeps for crashes.
    std::panic::set_hook(Box::new(|_| {}));
    let mut limits = Limits::default();
    let mut path = None;
    for arg in std::env::args_os().skip(2) {
        let text = arg.to_string_lossy();
        if let Some(v) = text.strip_prefix("--max-file-bytes=") {
            match v.parse() {
                Ok(v) => limits.max_file_bytes = v,
                Err(_) => return usage(&text),
            }
        } else if let Some(v) = text.strip_prefix("--max-pages=") {
            match v.parse() {
                Ok(v) => limits.max_pages = v,
                Err(_) => return usage(&text),
            }
        } else if text.starts_with("--") {
            return usage(&text);
        } else {
            path = Some(PathBuf::from(arg));
        }
    }
    let stdout = std::io::stdout();
    if let Some(path) = path {
        let mut out = stdout.lock();
        return match answer(&path, &limits, &mut out) {
            Ok(()) => 0,
            Err(_) => 1,
        };
    }
    let stdin = std::io::stdin();
    for line in stdin.lock().split(b'\n') {
        let Ok(line) = line else { return 1 };
        if line.is_empty() {
            continue;
        }
        use std::os::unix::ffi::OsStrExt;
        let path = Path::new(std::ffi::OsStr::from_bytes(&line));
        let mut out = stdout.lock();
        if answer(path, &limits, &mut out).is_err() {
            // The parent is gone.
            return 1;
        }
    }
    0
}

/// Complains about a bad worker argument.
fn usage(arg: &str) -> i32 {
    eprintln!("delib {WORKER_ARG}: unexpected argument {arg}");
    2
}

/// Extracts one file and writes the JSON answer line.
fn answer(path: &Path, limits: &Limits, out: &mut impl Write) -> std::io::Result<()> {
    let result = match std::fs::read(path) {
        Ok(bytes) => extract(&bytes, limits),
        Err(e) => Err(PdfError::new(
            PdfErrorKind::Io,
            format!("cannot read {}: {e}", path.display()),
        )),
    };
    let json = serde_json::to_string(&result).unwrap_or_else(|e| {
        format!(
            r#"{{"Err":{{"kind":"panic","message":"cannot encode the result: {}"}}}}"#,
            e.to_string().replace(['"', '\\'], "'")
        )
    });
    out.write_all(json.as_bytes())?;
    out.write_all(b"\n")?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    /// A stand-in for the worker: a shell script answering each path line.
    fn fake_worker(dir: &Path, body: &str) -> PathBuf {
        let exe = dir.join("worker.sh");
        std::fs::write(&exe, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
        exe
    }

    fn limits(timeout_ms: u64) -> Limits {
        Limits {
            timeout: Duration::from_millis(timeout_ms),
            ..Limits::default()
        }
    }

    /// A file for the worker to be asked about (the parent checks its size).
    fn input(dir: &Path) -> PathBuf {
        let pdf = dir.join("in.pdf");
        std::fs::write(&pdf, b"%PDF-1.4\n").unwrap();
        pdf
    }

    #[test]
    fn an_answer_larger_than_the_pipe_arrives_whole() {
        let dir = tempfile::tempdir().unwrap();
        // 3 MB of text on one page, written in many pieces, then the newline.
        let exe = fake_worker(
            dir.path(),
            r#"while read -r path; do
  printf '{"Ok":{"origin":"text_layer","pages":[{"number":1,"text":"'
  i=0; while [ $i -lt 3000 ]; do printf '%01000d' 0; i=$((i+1)); done
  printf '","needs_ocr":false}],"diagnostics":[]}}\n'
done"#,
        );
        let mut worker = Worker::new(&exe, &limits(60_000));
        let pdf = input(dir.path());
        for _ in 0..2 {
            let pages = worker.extract(&pdf).unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(pages.pages[0].text.len(), 3_000_000);
        }
    }

    #[test]
    fn the_worker_is_bound_to_its_callers_core() {
        let dir = tempfile::tempdir().unwrap();
        // Answers with the cores it may run on.
        let exe = fake_worker(
            dir.path(),
            r#"while read -r path; do
  cores=$(grep Cpus_allowed_list /proc/$$/status | cut -f2)
  printf '{"Ok":{"origin":"text_layer","pages":[{"number":1,"text":"%s","needs_ocr":false}],"diagnostics":[]}}\n' "$cores"
done"#,
        );
        let mut worker = Worker::new(&exe, &limits(10_000));
        let pages = worker.extract(&input(dir.path())).unwrap();
        let core = worker.child.as_ref().and_then(|r| r.core);
        assert_eq!(
            Some(pages.pages[0].text.clone()),
            core.map(|c| c.to_string())
        );
    }

    #[test]
    fn a_silent_worker_is_stopped_at_the_time_budget() {
        let dir = tempfile::tempdir().unwrap();
        let exe = fake_worker(dir.path(), "read -r path; sleep 30");
        let mut worker = Worker::new(&exe, &limits(300));
        let start = Instant::now();
        let err = worker.extract(&input(dir.path())).unwrap_err();
        assert_eq!(err.kind, PdfErrorKind::Timeout, "{err:?}");
        assert!(start.elapsed() < Duration::from_secs(20));
    }

    #[test]
    fn a_worker_that_dies_is_reported_with_its_status_and_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let exe = fake_worker(dir.path(), "read -r path; echo 'last words' >&2; exit 3");
        let mut worker = Worker::new(&exe, &limits(10_000));
        let pdf = input(dir.path());
        for _ in 0..2 {
            let err = worker.extract(&pdf).unwrap_err();
            assert_eq!(err.kind, PdfErrorKind::Aborted, "{err:?}");
            assert!(err.message.contains("status 3"), "{}", err.message);
        }
    }
}
