//! Reading the archive for people who do not write SQL: deliberations by
//! words, money, dates, outcome, body and named persons (`delib query`),
//! and one person's attendance and votes over time (`delib person`).
//!
//! Every value a person types reaches SQLite as a bound parameter; the SQL
//! text is put together from fixed fragments only, so a name such as
//! `O'Brien"; DROP TABLE x; --` is a name that matches nobody.

use std::io::{self, Write};

use rusqlite::types::Value as SqlValue;
use rusqlite::{params_from_iter, Connection};
use serde_json::Value;

use super::keys;
use super::SqlError;

/// Filters of `delib query`; every one given must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// Words in the title or text (full-text search; `word*` for a prefix,
    /// `title:word` for a word of the title).
    pub text: Option<String>,
    /// Some amount stated is at least this many cents.
    pub amount_min: Option<i64>,
    /// … and at most this many cents (the same amount as `amount_min`).
    pub amount_max: Option<i64>,
    /// Séance on or after this ISO date.
    pub from: Option<String>,
    /// Séance on or before this ISO date.
    pub to: Option<String>,
    /// Outcome (`adopted`, `rejected`, `withdrawn`, `deferred`, `noted`).
    pub outcome: Option<String>,
    /// A person whose name has all these words voted against.
    pub voted_against: Option<String>,
    /// A person whose name has all these words was not in the room:
    /// absent, excused, or represented by a proxy.
    pub absent: Option<String>,
    /// The body's kind (`municipal_council`) or words of its name.
    pub body: Option<String>,
    /// A visa cites a deliberation of this number.
    pub cites: Option<String>,
    /// At most this many rows.
    pub limit: Option<u32>,
}

/// Rows to show: column names and JSON values.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// Column names.
    pub columns: Vec<String>,
    /// Rows, each as long as `columns`.
    pub rows: Vec<Vec<Value>>,
}

/// Parses a date bound typed by a person: `YYYY`, `YYYY-MM` or
/// `YYYY-MM-DD`; a year or month stands for its first day when `end` is
/// false, its last when true.
///
/// ```
/// use delib::index::query::date_bound;
/// assert_eq!(date_bound("2013", false).unwrap(), "2013-01-01");
/// assert_eq!(date_bound("2013", true).unwrap(), "2013-12-31");
/// assert_eq!(date_bound("2013-02", true).unwrap(), "2013-02-31");
/// assert!(date_bound("13/02/2013", false).is_err());
/// ```
pub fn date_bound(s: &str, end: bool) -> Result<String, String> {
    let parts: Vec<&str> = s.trim().split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    let ok = match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2),
        [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
        _ => false,
    };
    if !ok {
        return Err(format!(
            "{s:?}: expected a date YYYY, YYYY-MM or YYYY-MM-DD"
        ));
    }
    // Dates are ISO strings in the archive, so "-31" bounds any month.
    Ok(match (parts.len(), end) {
        (1, false) => format!("{}-01-01", parts[0]),
        (1, true) => format!("{}-12-31", parts[0]),
        (2, false) => format!("{}-{}-01", parts[0], parts[1]),
        (2, true) => format!("{}-{}-31", parts[0], parts[1]),
        _ => s.trim().to_string(),
    })
}

/// The deliberations that meet `f`, by séance date.
pub fn deliberations(conn: &Connection, f: &Filters) -> Result<Table, SqlError> {
    let mut q = Sql::default();
    // The amount column shows the largest amount within the bounds given.
    let mut amount = String::from("FROM amounts a WHERE a.deliberation_id = d.id");
    let mut amount_params = Vec::new();
    if let Some(min) = f.amount_min {
        amount.push_str(" AND a.value_cents >= ?");
        amount_params.push(SqlValue::Integer(min));
    }
    if let Some(max) = f.amount_max {
        amount.push_str(" AND a.value_cents <= ?");
        amount_params.push(SqlValue::Integer(max));
    }
    q.sql = format!(
        "SELECT d.id, d.session_date, d.authority, coalesce(d.body_name, d.body_kind), d.number, d.title,
                d.outcome, d.votes_for, d.votes_against, d.abstentions,
                (SELECT group_concat(name, ', ') FROM (SELECT p.name FROM votes v JOIN persons p ON p.id = v.person_id
                  WHERE v.deliberation_id = d.id AND v.choice = 'against' ORDER BY p.name)),
                (SELECT max(a.value_cents) {amount})
         FROM deliberations d WHERE 1"
    );
    q.params.extend(amount_params.iter().cloned());
    if let Some(words) = f.text.as_deref().and_then(fts_query) {
        q.and("d.id IN (SELECT rowid FROM deliberations_fts WHERE deliberations_fts MATCH ?)");
        q.params.push(SqlValue::Text(words));
    }
    if f.amount_min.is_some() || f.amount_max.is_some() {
        q.and(&format!("EXISTS (SELECT 1 {amount})"));
        q.params.extend(amount_params);
    }
    if let Some(from) = &f.from {
        q.and("d.session_date >= ?");
        q.params.push(SqlValue::Text(from.clone()));
    }
    if let Some(to) = &f.to {
        q.and("d.session_date <= ?");
        q.params.push(SqlValue::Text(to.clone()));
    }
    if let Some(o) = &f.outcome {
        q.and("d.outcome = ?");
        q.params.push(SqlValue::Text(o.trim().to_lowercase()));
    }
    if let Some(name) = &f.voted_against {
        let persons = q.person_match(name);
        q.and(&format!(
            "EXISTS (SELECT 1 FROM votes v WHERE v.deliberation_id = d.id AND v.choice = 'against' AND v.person_id IN ({persons}))"
        ));
    }
    if let Some(name) = &f.absent {
        let persons = q.person_match(name);
        q.and(&format!(
            "EXISTS (SELECT 1 FROM attendance a WHERE a.deliberation_id = d.id
                     AND a.status IN ('absent', 'excused', 'represented') AND a.person_id IN ({persons}))"
        ));
    }
    if let Some(body) = &f.body {
        q.and("(d.body_kind = ? OR instr(' ' || lower(coalesce(d.body_name, '')) || ' ', ?) > 0)");
        q.params.push(SqlValue::Text(body.trim().to_string()));
        q.params.push(SqlValue::Text(body.trim().to_lowercase()));
    }
    if let Some(n) = &f.cites {
        q.and(
            "EXISTS (SELECT 1 FROM citations c LEFT JOIN deliberations t ON t.id = c.cited_deliberation_id
                     WHERE c.deliberation_id = d.id AND (c.number_key = ? OR t.number_key = ?))",
        );
        let k = keys::number_key(n);
        q.params.push(SqlValue::Text(k.clone()));
        q.params.push(SqlValue::Text(k));
    }
    q.sql
        .push_str(" ORDER BY d.session_date, d.authority, d.number, d.id");
    if let Some(l) = f.limit {
        q.sql.push_str(" LIMIT ?");
        q.params.push(SqlValue::Integer(i64::from(l)));
    }
    let columns = [
        "id",
        "date",
        "authority",
        "body",
        "number",
        "title",
        "outcome",
        "for",
        "against",
        "abstentions",
        "voted_against",
        "amount_eur",
    ];
    let mut table = q.run(conn, &columns)?;
    for row in &mut table.rows {
        if let Some(cell) = row.last_mut() {
            if let Some(c) = cell.as_i64() {
                *cell = Value::String(euros(c));
            }
        }
    }
    Ok(table)
}

/// A person of the archive whose name matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonMatch {
    /// Its id.
    pub id: i64,
    /// The name printed most often.
    pub name: String,
    /// Its authority.
    pub authority: Option<String>,
    /// Every printed form, with how often.
    pub printed: Vec<(String, i64)>,
}

/// The persons whose name has every word of `name` (case, accents, civility
/// and order ignored): `DUPONT` finds Jean and Marie DUPONT, `jean dupont`
/// only Jean.
pub fn find_persons(conn: &Connection, name: &str) -> Result<Vec<PersonMatch>, SqlError> {
    let mut q = Sql::default();
    let m = q.person_match(name);
    q.sql = format!(
        "SELECT p.id, p.name, p.authority FROM persons p WHERE p.id IN ({m}) ORDER BY p.name, p.authority, p.id"
    );
    let mut out = Vec::new();
    let mut stmt = conn.prepare(&q.sql)?;
    let rows = stmt.query_map(params_from_iter(q.params.iter()), |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
        ))
    })?;
    for row in rows {
        let (id, name, authority) = row?;
        let mut s = conn.prepare(
            "SELECT name, occurrences FROM person_names WHERE person_id = ?1 ORDER BY occurrences DESC, name",
        )?;
        let printed = s
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        out.push(PersonMatch {
            id,
            name,
            authority,
            printed,
        });
    }
    Ok(out)
}

/// One person's deliberations over time: how they attended (present,
/// represented and by whom, excused, absent), whose pouvoir they held, and
/// how they voted (`for` rows that were inferred say so).
pub fn person_history(conn: &Connection, person_id: i64) -> Result<Table, SqlError> {
    let q = Sql {
        sql: "SELECT d.session_date, d.authority, d.number, d.title,
                (SELECT group_concat(a.status, ',') FROM attendance a
                  WHERE a.deliberation_id = d.id AND a.person_id = ?1),
                (SELECT group_concat(name, ', ') FROM (SELECT q.name FROM attendance a
                  JOIN persons q ON q.id = a.proxy_person_id
                  WHERE a.deliberation_id = d.id AND a.person_id = ?1 ORDER BY q.name)),
                (SELECT group_concat(name, ', ') FROM (SELECT m.name FROM attendance a
                  JOIN persons m ON m.id = a.person_id
                  WHERE a.deliberation_id = d.id AND a.proxy_person_id = ?1 ORDER BY m.name)),
                (SELECT group_concat(v.choice || CASE WHEN v.inferred THEN ' (inferred)' ELSE '' END, ',')
                  FROM votes v WHERE v.deliberation_id = d.id AND v.person_id = ?1),
                d.id
              FROM deliberations d
              WHERE d.id IN (SELECT deliberation_id FROM attendance WHERE person_id = ?1 OR proxy_person_id = ?1
                             UNION SELECT deliberation_id FROM votes WHERE person_id = ?1)
              ORDER BY d.session_date, d.number, d.id"
            .to_string(),
        params: vec![SqlValue::Integer(person_id)],
    };
    q.run(
        conn,
        &[
            "date",
            "authority",
            "number",
            "title",
            "status",
            "represented_by",
            "holds_proxy_for",
            "vote",
            "deliberation_id",
        ],
    )
}

/// Every person with their counts, most often not in the room first
/// (absent + excused + represented), for "who is most often absent".
pub fn person_ranking(conn: &Connection) -> Result<Table, SqlError> {
    let q = Sql {
        sql: "SELECT person, authority, present, represented, excused, absent,
                     represented + excused + absent, voted_against, abstained, not_voting, person_id
              FROM person_summary
              ORDER BY represented + excused + absent DESC, absent + excused DESC, person, person_id"
            .to_string(),
        params: Vec::new(),
    };
    q.run(
        conn,
        &[
            "person",
            "authority",
            "present",
            "represented",
            "excused",
            "absent",
            "not_in_room",
            "voted_against",
            "abstained",
            "not_voting",
            "person_id",
        ],
    )
}

/// A person's counts over their history: séances (distinct dates) and
/// deliberations by attendance status, and votes by choice.
pub fn person_totals(history: &Table) -> Vec<(String, usize, usize)> {
    let mut out: Vec<(String, usize, usize)> = Vec::new();
    let status_col = history.columns.iter().position(|c| c == "status");
    let vote_col = history.columns.iter().position(|c| c == "vote");
    let mut seen: std::collections::BTreeSet<(String, String)> = Default::default();
    for row in &history.rows {
        let date = row
            .first()
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let mut bump = |label: String, out: &mut Vec<(String, usize, usize)>| {
            let new_seance = seen.insert((label.clone(), date.clone()));
            match out.iter_mut().find(|(l, _, _)| *l == label) {
                Some(e) => {
                    e.1 += usize::from(new_seance);
                    e.2 += 1;
                }
                None => out.push((label, 1, 1)),
            }
        };
        for col in [status_col, vote_col].into_iter().flatten() {
            if let Some(s) = row.get(col).and_then(Value::as_str) {
                let prefix = if Some(col) == vote_col { "vote " } else { "" };
                for part in s.split(',') {
                    bump(format!("{prefix}{part}"), &mut out);
                }
            }
        }
    }
    out
}

/// Cents as euros with two decimals, exactly (`123456` → `"1234.56"`).
pub fn euros(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let c = cents.unsigned_abs();
    format!("{sign}{}.{:02}", c / 100, c % 100)
}

/// The words typed for a full-text search as an FTS5 query: each word a
/// quoted string (so quotes and operators typed are only text), `word*`
/// kept as a prefix search, `title:word` a search in titles only; `None`
/// when no word is left.
///
/// ```
/// use delib::index::query::fts_query;
/// assert_eq!(fts_query("subvention* lavoir").as_deref(), Some("\"subvention\"* \"lavoir\""));
/// assert_eq!(fts_query("O'Brien\"; DROP").as_deref(), Some("\"O'Brien\"\"\" \"DROP\""));
/// assert_eq!(fts_query("title:budget").as_deref(), Some("title : \"budget\""));
/// ```
pub fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split_whitespace()
        .filter_map(|w| {
            let (w, prefix) = match w.strip_suffix('*') {
                Some(s) => (s, true),
                None => (w, false),
            };
            let w = w.trim_matches(';');
            // `title:word` searches the title only.
            let (column, w) = match w.split_once(':') {
                Some((c @ ("title" | "text"), rest)) if !rest.is_empty() => (Some(c), rest),
                _ => (None, w),
            };
            (!w.is_empty()).then(|| {
                format!(
                    "{}\"{}\"{}",
                    column.map(|c| format!("{c} : ")).unwrap_or_default(),
                    w.replace('"', "\"\""),
                    if prefix { "*" } else { "" }
                )
            })
        })
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// SQL put together from fixed fragments, with its parameters.
#[derive(Default)]
struct Sql {
    sql: String,
    params: Vec<SqlValue>,
}

impl Sql {
    fn and(&mut self, cond: &str) {
        self.sql.push_str(" AND ");
        self.sql.push_str(cond);
    }

    /// A subquery of the ids of persons whose name key has every word of
    /// `name`; its parameters are appended.
    fn person_match(&mut self, name: &str) -> String {
        let key = keys::person_key(name);
        let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
        if words.is_empty() {
            return "SELECT NULL WHERE 0".to_string();
        }
        let mut s = String::from("SELECT p.id FROM persons p WHERE 1");
        for w in words {
            s.push_str(" AND instr(' ' || p.name_key || ' ', ?) > 0");
            self.params.push(SqlValue::Text(format!(" {w} ")));
        }
        s
    }

    fn run(&self, conn: &Connection, columns: &[&str]) -> Result<Table, SqlError> {
        let mut stmt = conn.prepare(&self.sql)?;
        let n = stmt.column_count();
        let rows = stmt
            .query_map(params_from_iter(self.params.iter()), |r| {
                (0..n)
                    .map(|i| {
                        Ok(match r.get::<_, SqlValue>(i)? {
                            SqlValue::Null => Value::Null,
                            SqlValue::Integer(v) => Value::from(v),
                            SqlValue::Real(v) => Value::from(v),
                            SqlValue::Text(t) => Value::String(t),
                            SqlValue::Blob(_) => Value::Null,
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Table {
            columns: columns.iter().map(|c| c.to_string()).collect(),
            rows,
        })
    }
}

impl Table {
    /// One JSON object per row.
    pub fn write_jsonl(&self, out: &mut dyn Write) -> io::Result<()> {
        for row in &self.rows {
            let obj: serde_json::Map<String, Value> = self
                .columns
                .iter()
                .cloned()
                .zip(row.iter().cloned())
                .collect();
            serde_json::to_writer(&mut *out, &obj).map_err(io::Error::other)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }

    /// CSV with a header line (RFC 4180 quoting).
    pub fn write_csv(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(&self.columns)?;
        for row in &self.rows {
            w.write_record(row.iter().map(cell_text))?;
        }
        w.flush()
    }

    /// Columns aligned for a terminal, each cell cut to `max_cell`
    /// characters with `…`.
    pub fn write_aligned(&self, out: &mut dyn Write, max_cell: usize) -> io::Result<()> {
        let cut = |s: String| -> String {
            let s = s.replace(['\n', '\t'], " ");
            if s.chars().count() > max_cell {
                let mut t: String = s.chars().take(max_cell.saturating_sub(1)).collect();
                t.push('…');
                t
            } else {
                s
            }
        };
        let cells: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|r| r.iter().map(|v| cut(cell_text(v))).collect())
            .collect();
        let mut widths: Vec<usize> = self.columns.iter().map(|c| c.chars().count()).collect();
        for r in &cells {
            for (w, c) in widths.iter_mut().zip(r) {
                *w = (*w).max(c.chars().count());
            }
        }
        let line = |out: &mut dyn Write, r: &[String]| -> io::Result<()> {
            let mut s = String::new();
            for (i, (c, w)) in r.iter().zip(&widths).enumerate() {
                if i > 0 {
                    s.push_str("  ");
                }
                s.push_str(c);
                if i + 1 < r.len() {
                    s.extend(std::iter::repeat_n(' ', w - c.chars().count()));
                }
            }
            writeln!(out, "{}", s.trim_end())
        };
        line(out, &self.columns)?;
        let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
        line(out, &rule)?;
        for r in &cells {
            line(out, r)?;
        }
        Ok(())
    }
}

fn cell_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
