//! The searchable archive on the synthetic deliberations of
//! `fixtures/index/` (a fictional commune, written for these tests): the
//! README's five SQL recipes and the `delib query` / `delib person` commands
//! must give the same, known answers; a second run reads nothing; JSON Lines
//! and documents give the same archive; typed values are only values.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use rusqlite::Connection;
use serde_json::Value;

fn delib() -> Command {
    Command::new(env!("CARGO_BIN_EXE_delib"))
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/index")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// Builds the archive of the fixtures in `dir`.
fn archive(dir: &Path, jobs: &str) -> PathBuf {
    let db = dir.join("archive.sqlite");
    ok(&delib()
        .args(["index", "--jobs", jobs, "--db"])
        .arg(&db)
        .arg(fixtures())
        .output()
        .unwrap());
    db
}

fn json_lines(s: &str) -> Vec<Value> {
    s.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn query(db: &Path, args: &[&str]) -> Vec<Value> {
    json_lines(&ok(&delib()
        .args(["query", "--format", "json", "--db"])
        .arg(db)
        .args(args)
        .output()
        .unwrap()))
}

fn numbers(rows: &[Value]) -> Vec<String> {
    rows.iter()
        .map(|r| r["number"].as_str().unwrap_or("").to_string())
        .collect()
}

/// The README's SQL recipes, by number.
fn recipes() -> Vec<String> {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let mut out = Vec::new();
    for block in readme.split("```sql\n").skip(1) {
        let sql = block.split("```").next().unwrap();
        if sql.starts_with("-- recipe ") {
            out.push(sql.to_string());
        }
    }
    out
}

/// Runs SQL and returns each row's columns as strings.
fn sql_rows(conn: &Connection, sql: &str) -> Vec<Vec<String>> {
    let mut stmt = conn.prepare(sql).unwrap();
    let n = stmt.column_count();
    stmt.query_map([], |r| {
        (0..n)
            .map(|i| {
                Ok(match r.get::<_, rusqlite::types::Value>(i)? {
                    rusqlite::types::Value::Null => String::new(),
                    rusqlite::types::Value::Integer(v) => v.to_string(),
                    rusqlite::types::Value::Text(t) => t,
                    other => format!("{other:?}"),
                })
            })
            .collect()
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

#[test]
fn the_five_questions_have_the_same_answers_in_sql_and_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = archive(dir.path(), "2");
    let conn = Connection::open(&db).unwrap();
    let recipes = recipes();
    assert_eq!(recipes.len(), 5, "the README has five recipes");

    // 1. Subsidies over 50 000 € in 2013: only 2013-031 (65 000 €); 2013-052
    // is 12 000 €, 2014-012 is in 2014, the budget is no subsidy.
    let sql = sql_rows(&conn, &recipes[0]);
    assert_eq!(
        sql.iter()
            .map(|r| (r[2].as_str(), r[4].as_str()))
            .collect::<Vec<_>>(),
        [("2013-031", "14000000")]
    );
    let cli = query(
        &db,
        &[
            "subvention*",
            "--amount-min",
            "50000",
            "--from",
            "2013",
            "--to",
            "2013",
        ],
    );
    assert_eq!(numbers(&cli), ["2013-031"]);
    assert_eq!(cli[0]["amount_eur"], "140000.00");
    // The bounds are exact: 65 000,00 € is within [65000, 65000], not above 65000.01.
    let at = query(&db, &["--amount-min", "65000", "--amount-max", "65000"]);
    assert_eq!(numbers(&at), ["2013-031"]);
    assert_eq!(at[0]["amount_eur"], "65000.00");
    assert!(query(
        &db,
        &["--amount-min", "65000.01", "--amount-max", "79999.99"]
    )
    .is_empty());

    // 2. Who voted against the budget.
    let sql = sql_rows(&conn, &recipes[1]);
    let against: Vec<(String, String)> = sql.iter().map(|r| (r[1].clone(), r[3].clone())).collect();
    let want_004 = ["Jean DUPONT", "Sean O'BRIEN"];
    let want_077 = [
        "Agnès MOULIN",
        "Jean DUPONT",
        "Nadège BRUNEL",
        "Paul ROCHE",
        "Sean O'BRIEN",
    ];
    let mut want: Vec<(String, String)> = want_004
        .iter()
        .map(|n| ("2013-004".to_string(), n.to_string()))
        .collect();
    want.extend(
        want_077
            .iter()
            .map(|n| ("2013-077".to_string(), n.to_string())),
    );
    assert_eq!(against, want);
    let cli = query(&db, &["title:budget"]);
    assert_eq!(numbers(&cli), ["2013-004", "2013-077"]);
    let names = |v: &Value| -> BTreeSet<String> {
        v["voted_against"]
            .as_str()
            .unwrap_or("")
            .split(", ")
            .map(String::from)
            .collect()
    };
    assert_eq!(
        names(&cli[0]),
        want_004.iter().map(|s| s.to_string()).collect()
    );
    assert_eq!(
        names(&cli[1]),
        want_077.iter().map(|s| s.to_string()).collect()
    );
    assert_eq!(cli[1]["outcome"], "rejected");
    // Jean DUPONT, printed "DUPONT Jean", "Jean Dupont" and, in a vote,
    // "M. DUPONT", is one person.
    let cli = query(&db, &["--voted-against", "dupont jean"]);
    assert_eq!(numbers(&cli), ["2013-004", "2013-077", "2014-012"]);
    let sql = sql_rows(
        &conn,
        "SELECT count(*) FROM persons WHERE name_key = 'dupont jean'",
    );
    assert_eq!(sql, [["1"]]);
    assert_eq!(
        query(&db, &["--outcome", "rejected"]).len(),
        1,
        "one deliberation was rejected"
    );

    // 3. Most often not in the room: Élise VIDAL (absent three times,
    // excused once), then Nadège BRUNEL (absent, excused, represented twice).
    let sql = sql_rows(&conn, &recipes[2]);
    assert_eq!(sql[0][0], "Élise VIDAL");
    assert_eq!(&sql[0][2..], ["3", "1", "0", "4"]);
    assert_eq!(sql[1][0], "Nadège BRUNEL");
    assert_eq!(&sql[1][2..], ["1", "1", "2", "4"]);
    let out = ok(&delib()
        .args(["person", "--format", "json", "--db"])
        .arg(&db)
        .output()
        .unwrap());
    let ranking = json_lines(&out);
    assert_eq!(ranking[0]["person"], "Élise VIDAL");
    assert_eq!(ranking[0]["not_in_room"], 4);
    assert_eq!(ranking[1]["person"], "Nadège BRUNEL");
    let absent_vidal = query(&db, &["--absent", "VIDAL"]);
    assert_eq!(
        numbers(&absent_vidal),
        ["2013-031", "2013-052", "2013-077", "2014-012"]
    );

    // 4. One person's attendance over time.
    let want = [
        ("2013-004", "absent", ""),
        ("2013-031", "represented", "Agnès MOULIN"),
        ("2013-052", "excused", ""),
        ("2013-077", "present", ""),
        ("2014-012", "represented", "Paul ROCHE"),
    ];
    let sql = sql_rows(&conn, &recipes[3]);
    let got: Vec<(&str, &str, &str)> = sql
        .iter()
        .map(|r| (r[1].as_str(), r[3].as_str(), r[4].as_str()))
        .collect();
    assert_eq!(got, want);
    let out = ok(&delib()
        .args(["person", "--format", "json", "--db"])
        .arg(&db)
        .arg("nadege BRUNEL")
        .output()
        .unwrap());
    let rows = json_lines(&out);
    let got: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["number"].as_str().unwrap(),
                r["status"].as_str().unwrap(),
                r["represented_by"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(got, want);
    assert_eq!(rows[3]["vote"], "against");
    // Paul ROCHE held her pouvoir in 2014.
    let out = ok(&delib()
        .args(["person", "--format", "json", "--db"])
        .arg(&db)
        .arg("Roche")
        .output()
        .unwrap());
    let roche = json_lines(&out);
    let last = roche.last().unwrap();
    assert_eq!(last["number"], "2014-012");
    assert_eq!(last["holds_proxy_for"], "Nadège BRUNEL");
    assert_eq!(last["vote"], "for (inferred)");

    // 5. Which deliberations cite 2013-004 (linked to it in the archive).
    let sql = sql_rows(&conn, &recipes[4]);
    assert_eq!(
        sql.iter().map(|r| r[1].as_str()).collect::<Vec<_>>(),
        ["2013-031", "2013-077", "2014-012"]
    );
    let cli = query(&db, &["--cites", "2013/4"]);
    assert_eq!(numbers(&cli), ["2013-031", "2013-077", "2014-012"]);
    // And a full-text search within a date range.
    assert_eq!(
        numbers(&query(
            &db,
            &["verger", "--from", "2014-01", "--to", "2014-06"]
        )),
        ["2014-012"]
    );
    assert!(query(&db, &["verger", "--to", "2013"]).is_empty());
}

#[test]
fn typed_values_are_only_values() {
    let dir = tempfile::tempdir().unwrap();
    let db = archive(dir.path(), "1");
    let evil = "O'Brien\"; DROP TABLE persons; --";
    assert!(query(&db, &["--voted-against", evil]).is_empty());
    assert!(query(&db, &["--absent", evil, "--body", evil, "--outcome", evil]).is_empty());
    assert!(query(&db, &[evil]).is_empty());
    assert!(query(&db, &["--cites", evil]).is_empty());
    let out = delib()
        .args(["person", "--db"])
        .arg(&db)
        .arg(evil)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "no such person");
    // The tables are all there, and the name with a quote is found.
    let conn = Connection::open(&db).unwrap();
    let n: i64 = conn
        .query_row("SELECT count(*) FROM persons", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 9);
    let out = ok(&delib()
        .args(["person", "--format", "json", "--db"])
        .arg(&db)
        .arg("o'brien")
        .output()
        .unwrap());
    assert_eq!(json_lines(&out)[0]["person"], "Sean O'BRIEN");
    // Bad filters are usage errors, not SQL.
    for args in [["--amount-min", "1e5"], ["--from", "11/02/2013"]] {
        let out = delib()
            .args(["query", "--db"])
            .arg(&db)
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
    }
}

/// Every table's rows, sorted, as text.
fn dump(db: &Path) -> Vec<String> {
    let conn = Connection::open(db).unwrap();
    let mut out = Vec::new();
    for t in delib::index::TABLES {
        let mut rows: Vec<String> = sql_rows(&conn, &format!("SELECT * FROM {t}"))
            .into_iter()
            .map(|r| format!("{t}: {}", r.join("|")))
            .collect();
        rows.sort();
        out.extend(rows);
    }
    out
}

#[test]
fn a_second_run_reads_nothing_and_ids_do_not_depend_on_order() {
    let dir = tempfile::tempdir().unwrap();
    let db = archive(dir.path(), "2");
    let before = dump(&db);
    let out = delib()
        .args(["index", "--db"])
        .arg(&db)
        .arg(fixtures())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("0 documents added (0 deliberations), 5 already indexed")
            && err.contains("0 pages read"),
        "{err}"
    );
    assert_eq!(dump(&db), before);

    // One job, files in reverse order, one at a time: the same archive.
    let other = tempfile::tempdir().unwrap();
    let db2 = other.path().join("archive.sqlite");
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for f in files.iter().rev() {
        ok(&delib()
            .args(["index", "--jobs", "1", "--db"])
            .arg(&db2)
            .arg(f)
            .output()
            .unwrap());
    }
    assert_eq!(dump(&db2), before);
}

#[test]
fn records_from_extract_give_the_same_archive() {
    let dir = tempfile::tempdir().unwrap();
    let db = archive(dir.path(), "2");
    let jsonl = dir.path().join("records.jsonl");
    ok(&delib()
        .args(["extract", "--quiet", "-o"])
        .arg(&jsonl)
        .arg(fixtures())
        .output()
        .unwrap());
    let db2 = dir.path().join("from-jsonl.sqlite");
    ok(&delib()
        .args(["index", "--db"])
        .arg(&db2)
        .arg(&jsonl)
        .output()
        .unwrap());
    // Pages are counted from the records for a JSON Lines source.
    let strip = |rows: Vec<String>| -> Vec<String> {
        rows.into_iter()
            .filter(|r| !r.starts_with("documents:"))
            .collect()
    };
    assert_eq!(strip(dump(&db2)), strip(dump(&db)));
    // And indexing the documents after their records adds nothing.
    let out = ok(&delib()
        .args(["index", "--db"])
        .arg(&db2)
        .arg(fixtures())
        .output()
        .unwrap());
    assert!(out.is_empty());
    assert_eq!(strip(dump(&db2)), strip(dump(&db)));
}

#[test]
fn the_file_opens_in_sqlite3_and_python() {
    let dir = tempfile::tempdir().unwrap();
    let db = archive(dir.path(), "2");
    let sql = "PRAGMA integrity_check; \
        SELECT count(*) FROM deliberations_fts WHERE deliberations_fts MATCH 'verger'; \
        SELECT count(*) FROM votes_by_name WHERE choice = 'against';";
    let mut checked = false;
    if let Ok(out) = Command::new("sqlite3").arg(&db).arg(sql).output() {
        assert_eq!(ok(&out), "ok\n1\n8\n");
        checked = true;
    }
    let script = "import sqlite3, sys\n\
        c = sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True)\n\
        print(c.execute('SELECT count(*) FROM person_summary').fetchone()[0])\n\
        print(c.execute(\"SELECT count(*) FROM deliberations_fts WHERE deliberations_fts MATCH 'subvention'\").fetchone()[0])\n";
    if let Ok(out) = Command::new("python3")
        .args(["-c", script])
        .arg(&db)
        .output()
    {
        if out.status.success() {
            assert_eq!(String::from_utf8_lossy(&out.stdout), "9\n3\n");
            checked = true;
        }
    }
    if !checked {
        eprintln!("note: neither sqlite3 nor python3 with FTS5 found; outside check skipped");
    }
}
