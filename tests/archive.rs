//! Archive runs: every input accounted for (records or an error record),
//! output identical whatever the thread count, and a run killed at any
//! moment resumes to exactly the records of an uninterrupted run.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn delib() -> Command {
    Command::new(env!("CARGO_BIN_EXE_delib"))
}

fn example() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/extrait-valmont-2024-017.txt"),
    )
    .unwrap()
}

/// A folder of `n` distinct deliberations in nested folders, plus a file that
/// is neither PDF nor text (ignored by the walk) and a broken PDF (an error).
fn archive(n: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("registres");
    let text = example();
    for i in 0..n {
        let sub = root.join(format!("{}", 2000 + i % 7));
        std::fs::create_dir_all(&sub).unwrap();
        let body = text.replace("2024-017", &format!("2024-{i:03}"));
        std::fs::write(sub.join(format!("delib-{i:04}.txt")), body).unwrap();
    }
    std::fs::write(root.join("photo.bin"), [0u8, 159, 146, 150, 0]).unwrap();
    std::fs::write(root.join("broken.pdf"), b"%PDF-1.4\n1 0 obj <<").unwrap();
    (dir, root)
}

fn run(args: &[&str], root: &Path, out: &Path, errors: &Path) -> std::process::Output {
    delib()
        .arg("extract")
        .arg(root)
        .arg("-o")
        .arg(out)
        .arg("--errors")
        .arg(errors)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn every_input_ends_as_records_or_an_error() {
    let (dir, root) = archive(30);
    let (out, err) = (dir.path().join("out.jsonl"), dir.path().join("err.jsonl"));
    let o = run(&["--jobs", "2"], &root, &out, &err);
    assert_eq!(
        o.status.code(),
        Some(1),
        "the broken PDF makes the run exit 1"
    );
    let records = std::fs::read_to_string(&out).unwrap();
    let errors = std::fs::read_to_string(&err).unwrap();
    assert_eq!(records.lines().count(), 30);
    assert_eq!(errors.lines().count(), 1);
    assert!(errors.contains("broken.pdf"));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("31 inputs: 30 with records (30 records), 1 with errors"),
        "{stderr}"
    );
}

#[test]
fn output_does_not_depend_on_the_thread_count() {
    let (dir, root) = archive(25);
    let mut outs = Vec::new();
    for jobs in ["1", "2", "5"] {
        let (out, err) = (
            dir.path().join(format!("o{jobs}")),
            dir.path().join(format!("e{jobs}")),
        );
        run(&["--jobs", jobs], &root, &out, &err);
        outs.push(std::fs::read(&out).unwrap());
    }
    assert!(outs.windows(2).all(|w| w[0] == w[1]));
}

#[test]
fn resume_after_a_cut_at_any_byte_gives_the_uninterrupted_output() {
    let (dir, root) = archive(12);
    let (full, ferr) = (dir.path().join("full.jsonl"), dir.path().join("full.err"));
    run(&["--jobs", "2"], &root, &full, &ferr);
    let whole = std::fs::read(&full).unwrap();
    let (part, perr) = (dir.path().join("part.jsonl"), dir.path().join("part.err"));
    // A kill -9 leaves a prefix of what an uninterrupted run writes.
    for cut in [
        0,
        1,
        whole.len() / 3,
        whole.len() / 2 + 7,
        whole.len() - 1,
        whole.len(),
    ] {
        std::fs::write(&part, &whole[..cut]).unwrap();
        std::fs::write(&perr, b"").unwrap();
        let o = run(&["--resume", "--jobs", "2"], &root, &part, &perr);
        assert_eq!(o.status.code(), Some(1));
        assert_eq!(std::fs::read(&part).unwrap(), whole, "cut at byte {cut}");
    }
}

#[test]
fn a_killed_run_resumes_with_nothing_lost_and_nothing_twice() {
    let (dir, root) = archive(1500);
    let (full, ferr) = (dir.path().join("full.jsonl"), dir.path().join("full.err"));
    run(&["--jobs", "1"], &root, &full, &ferr);
    let (part, perr) = (dir.path().join("part.jsonl"), dir.path().join("part.err"));
    let mut child = delib()
        .arg("extract")
        .arg(&root)
        .arg("-o")
        .arg(&part)
        .arg("--errors")
        .arg(&perr)
        .args(["--jobs", "1", "--quiet"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it once it has written something (or when it is done already).
    let start = std::time::Instant::now();
    while std::fs::metadata(&part).map_or(0, |m| m.len()) < 20_000
        && start.elapsed() < std::time::Duration::from_secs(60)
    {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let _ = child.kill();
    let _ = child.wait();
    run(&["--resume", "--jobs", "2"], &root, &part, &perr);
    assert_eq!(std::fs::read(&part).unwrap(), std::fs::read(&full).unwrap());
}

#[test]
fn shards_partition_the_inputs() {
    let (dir, root) = archive(20);
    let mut lines = Vec::new();
    for k in 0..3 {
        let (out, err) = (
            dir.path().join(format!("s{k}")),
            dir.path().join(format!("e{k}")),
        );
        run(&["--shard", &format!("{k}/3")], &root, &out, &err);
        lines.extend(
            std::fs::read_to_string(&out)
                .unwrap()
                .lines()
                .map(str::to_string),
        );
    }
    let (out, err) = (dir.path().join("all"), dir.path().join("all.err"));
    run(&[], &root, &out, &err);
    let mut all: Vec<String> = std::fs::read_to_string(&out)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    all.sort();
    lines.sort();
    assert_eq!(lines, all);
}

#[test]
fn zip_members_are_read_in_place_and_unsafe_paths_rejected() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let zpath = dir.path().join("registres.zip");
    let mut z = zip::ZipWriter::new(std::fs::File::create(&zpath).unwrap());
    let opts = zip::write::SimpleFileOptions::default();
    z.start_file("2024/delib-1.txt", opts).unwrap();
    z.write_all(example().as_bytes()).unwrap();
    z.start_file("../evasion.txt", opts).unwrap();
    z.write_all(b"Vu").unwrap();
    z.finish().unwrap();
    let (out, err) = (dir.path().join("out"), dir.path().join("err"));
    let o = run(&[], &zpath, &out, &err);
    assert_eq!(o.status.code(), Some(1));
    let rec: serde_json::Value =
        serde_json::from_str(std::fs::read_to_string(&out).unwrap().trim()).unwrap();
    assert!(rec["source"]["path"]
        .as_str()
        .unwrap()
        .ends_with("registres.zip!2024/delib-1.txt"));
    let errors = std::fs::read_to_string(&err).unwrap();
    assert!(errors.contains("input.unsafe_member") && errors.contains("../evasion.txt"));
}
