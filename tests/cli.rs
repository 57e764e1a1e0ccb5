//! End-to-end behaviour of the `delib` command line: records on stdout,
//! one located error line per failed file, exit status 0/1/2.

use std::path::PathBuf;
use std::process::Command;

fn delib() -> Command {
    Command::new(env!("CARGO_BIN_EXE_delib"))
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

#[test]
fn extract_writes_one_json_record_per_deliberation() {
    let out = delib()
        .arg("extract")
        .arg(fixture("extrait-valmont-2024-017.txt"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1);
    let rec: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(rec["schema"], "delib/1");
    assert_eq!(rec["source"]["text_origin"], "text_file");
    assert_eq!(rec["source"]["sha256"].as_str().unwrap().len(), 64);
}

#[test]
fn a_failed_file_is_reported_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("absent.pdf");
    let binary = dir.path().join("image.bin");
    std::fs::write(&binary, [0u8, 1, 2, 3, 0, 0xff]).unwrap();
    let out = delib()
        .arg("extract")
        .arg(&missing)
        .arg(&binary)
        .arg(fixture("extrait-valmont-2024-017.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("absent.pdf"), "{stderr}");
    assert!(
        stderr.contains("image.bin") && stderr.contains("input.unknown_format"),
        "{stderr}"
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
}

#[test]
fn usage_errors_exit_with_2() {
    let out = delib().arg("extract").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = delib().arg("no-such-command").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn text_shows_pages() {
    let out = delib()
        .arg("text")
        .arg(fixture("extrait-valmont-2024-017.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.starts_with("=== page 1 ===\n"));
    assert!(stdout.contains("Délibération n° 2024-017"));
}

#[test]
fn output_is_deterministic() {
    let run = || {
        delib()
            .arg("extract")
            .arg(fixture("extrait-valmont-2024-017.txt"))
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(run(), run());
}
