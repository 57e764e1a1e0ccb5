//! The searchable archive: records stored in one SQLite file (`delib
//! index`), read back by `delib query` and `delib person`, or by anyone
//! with the `sqlite3` shell or Datasette.
//!
//! ```text
//! Record ─index─▶ documents, deliberations, persons, attendance, votes,
//!                 amounts, citations, diagnostics, deliberations_fts
//! ```
//!
//! Documents are keyed by the SHA-256 of their bytes, so a second run skips
//! what is indexed after hashing it, before any PDF is read. Every other id
//! is derived from content ([`keys::id_of`]), so the same inputs give the
//! same archive whatever the thread count or the order of runs. Each batch
//! of documents is written in one transaction.

pub mod keys;
pub mod query;
pub mod schema;

use std::collections::{BTreeMap, HashSet};
use std::io::{self, BufRead, Read as _};
use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::model::{DocumentKind, Record, TextOrigin};
use crate::run::{self, Done, ErrorRecord, Outcome};

pub use rusqlite::Error as SqlError;

/// An archive file, open for reading and writing.
pub struct Archive {
    conn: Connection,
}

impl std::fmt::Debug for Archive {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Archive").finish_non_exhaustive()
    }
}

/// One input file and what it gave: its records, or the error that stopped
/// it.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentEntry {
    /// Lower-case hex SHA-256 of its bytes.
    pub sha256: String,
    /// Its path as given (`archive.zip!member` for an archive member).
    pub path: String,
    /// Its pages.
    pub pages: usize,
    /// Its records, in document order.
    pub records: Vec<Record>,
    /// Why it gave no record: code and message.
    pub error: Option<(String, String)>,
}

/// What a batch added.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Added {
    /// Documents added.
    pub documents: usize,
    /// Documents passed over because their hash was already indexed.
    pub already: usize,
    /// Deliberations added.
    pub deliberations: usize,
}

/// Row counts of the archive's tables.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// `(table, rows)` for each table, in a fixed order.
    pub tables: Vec<(&'static str, i64)>,
}

impl Archive {
    /// Opens `path`, creating the archive when the file does not exist.
    pub fn open(path: &Path) -> Result<Archive, SqlError> {
        let conn = Connection::open(path)?;
        Archive::init(conn)
    }

    /// Opens an existing archive for reading only (`delib query`).
    pub fn open_read_only(path: &Path) -> Result<Archive, SqlError> {
        let conn = Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let version: Option<String> = conn
            .query_row("SELECT value FROM meta WHERE key = 'version'", [], |r| {
                r.get(0)
            })
            .optional()?;
        if version.as_deref() != Some(schema::VERSION) {
            return Err(SqlError::InvalidParameterName(format!(
                "not a delib archive of layout version {}",
                schema::VERSION
            )));
        }
        Ok(Archive { conn })
    }

    /// An archive in memory, for tests.
    pub fn in_memory() -> Result<Archive, SqlError> {
        Archive::init(Connection::open_in_memory()?)
    }

    fn init(conn: Connection) -> Result<Archive, SqlError> {
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.set_prepared_statement_cache_capacity(64);
        conn.execute_batch(schema::CREATE)?;
        let version: Option<String> = conn
            .query_row("SELECT value FROM meta WHERE key = 'version'", [], |r| {
                r.get(0)
            })
            .optional()?;
        match version {
            None => {
                conn.execute(
                    "INSERT INTO meta(key, value) VALUES ('version', ?1), ('schema', ?2)",
                    params![schema::VERSION, crate::model::SCHEMA],
                )?;
            }
            Some(v) if v == schema::VERSION => {}
            Some(v) => {
                return Err(SqlError::InvalidParameterName(format!(
                    "archive layout version {v}, this delib writes version {}",
                    schema::VERSION
                )))
            }
        }
        Ok(Archive { conn })
    }

    /// The connection, for reading.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// The documents already indexed, by hash, for
    /// [`crate::pipeline::Reader::process_unless`]; documents that gave an
    /// error are left out when `retry_errors`.
    pub fn indexed(&self, retry_errors: bool) -> Result<Done, SqlError> {
        let mut stmt = self.conn.prepare(if retry_errors {
            "SELECT sha256 FROM documents WHERE error_code IS NULL"
        } else {
            "SELECT sha256 FROM documents"
        })?;
        let sha256 = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<HashSet<_>, _>>()?;
        Ok(Done {
            sha256,
            paths: HashSet::new(),
        })
    }

    /// Writes a batch of documents in one transaction: their deliberations,
    /// persons, attendance, votes, amounts, visas and diagnostics, the
    /// full-text index; then links the visas that cite a deliberation now in
    /// the archive. A document whose hash is indexed already is passed over
    /// (one that gave an error before is replaced).
    pub fn add(&mut self, docs: &[DocumentEntry]) -> Result<Added, SqlError> {
        let tx = self.conn.transaction()?;
        let mut added = Added::default();
        for doc in docs {
            let previous: Option<Option<String>> = tx
                .prepare_cached("SELECT error_code FROM documents WHERE sha256 = ?1")?
                .query_row([&doc.sha256], |r| r.get(0))
                .optional()?;
            match previous {
                Some(None) => {
                    added.already += 1;
                    continue;
                }
                Some(Some(_)) => {
                    exec(
                        &tx,
                        "DELETE FROM documents WHERE sha256 = ?1",
                        [&doc.sha256],
                    )?;
                }
                None => {}
            }
            added.deliberations += insert_document(&tx, doc)?;
            added.documents += 1;
        }
        if added.documents > 0 {
            link_citations(&tx)?;
            refresh_person_names(&tx)?;
        }
        tx.commit()?;
        Ok(added)
    }

    /// Row counts of every table.
    pub fn counts(&self) -> Result<Counts, SqlError> {
        let mut tables = Vec::new();
        for t in TABLES {
            let n: i64 = self
                .conn
                .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))?;
            tables.push((*t, n));
        }
        Ok(Counts { tables })
    }
}

/// The archive's tables, in the order they are reported.
pub const TABLES: &[&str] = &[
    "documents",
    "deliberations",
    "persons",
    "person_names",
    "attendance",
    "votes",
    "amounts",
    "citations",
    "diagnostics",
];

fn insert_document(tx: &Transaction, doc: &DocumentEntry) -> Result<usize, SqlError> {
    let first = doc.records.first();
    exec(tx,
        "INSERT INTO documents(sha256, path, kind, pages, text_origin, records, error_code, error_message)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            doc.sha256,
            doc.path,
            first.and_then(|r| r.source.document_kind).map(kind_name),
            i64::try_from(doc.pages).ok(),
            first.map(|r| origin_name(r.source.text_origin)),
            i64::try_from(doc.records.len()).unwrap_or(i64::MAX),
            doc.error.as_ref().map(|e| e.0.as_str()),
            doc.error.as_ref().map(|e| e.1.as_str()),
        ],
    )?;
    // Records of one document without an authority name take the one
    // another record of the document prints (a séance prints it once).
    let doc_authority = doc.records.iter().find_map(|r| r.authority.name.clone());
    for (i, rec) in doc.records.iter().enumerate() {
        let index = if rec.source.record_index > 0 {
            i64::from(rec.source.record_index)
        } else {
            i64::try_from(i + 1).unwrap_or(i64::MAX)
        };
        insert_record(tx, doc, rec, index, doc_authority.as_deref())?;
    }
    Ok(doc.records.len())
}

fn insert_record(
    tx: &Transaction,
    doc: &DocumentEntry,
    rec: &Record,
    index: i64,
    doc_authority: Option<&str>,
) -> Result<(), SqlError> {
    let authority = rec.authority.name.as_deref().or(doc_authority);
    let akey = match authority {
        Some(a) => keys::authority_key(a),
        // No name anywhere: the SIREN inside the @ctes id still tells the
        // authority.
        None => rec
            .actes_id
            .as_deref()
            .and_then(|a| a.split('-').nth(1))
            .map(|s| format!("siren {s}"))
            .unwrap_or_default(),
    };
    let id = free_id(
        tx,
        "deliberations",
        keys::id_of(&["deliberation", &doc.sha256, &index.to_string()]),
    )?;
    let text = full_text(rec);
    let json =
        serde_json::to_string(rec).map_err(|e| SqlError::ToSqlConversionFailure(e.into()))?;
    exec(tx,
        "INSERT INTO deliberations(id, document_sha256, record_index, authority, authority_key, department,
            body_kind, body_name, session_date, session_time, president, secretary, members_in_office,
            present_count, number, number_key, actes_id, title, rapporteur, outcome, unanimous, votes_for,
            votes_against, abstentions, not_voting, signed_on, transmitted_on, received_on, published_on,
            signatory, page_first, page_last, text, record_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
            ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34)",
        params![
            id,
            doc.sha256,
            index,
            authority,
            akey,
            rec.authority.department,
            rec.body.kind.map(|k| enum_name(&k)),
            rec.body.name,
            rec.session.date,
            rec.session.time,
            rec.session.president,
            rec.session.secretary,
            rec.session.members_in_office,
            rec.attendance.present_count,
            rec.number,
            rec.number.as_deref().map(keys::number_key),
            rec.actes_id,
            rec.title,
            rec.rapporteur,
            rec.vote.outcome.map(|o| enum_name(&o)),
            rec.vote.unanimous,
            rec.vote.for_,
            rec.vote.against,
            rec.vote.abstentions,
            rec.vote.not_voting,
            rec.dates.signed,
            rec.dates.transmitted,
            rec.dates.received,
            rec.dates.published,
            rec.signatory,
            rec.source.pages[0],
            rec.source.pages[1],
            text,
            json,
        ],
    )?;
    exec(
        tx,
        "INSERT INTO deliberations_fts(rowid, title, text) VALUES (?1, ?2, ?3)",
        params![id, rec.title.as_deref().unwrap_or(""), text],
    )?;
    let mut people = People::new(tx, &akey, authority);
    insert_attendance(tx, &mut people, id, rec)?;
    insert_votes(tx, &mut people, id, rec)?;
    for (seq, a) in rec.amounts.iter().enumerate() {
        // A value that is not an exact decimal is left out of `amounts` (the
        // record keeps it); the parser only writes exact decimals.
        let Some(c) = keys::cents(&a.value) else {
            continue;
        };
        exec(tx,
            "INSERT INTO amounts(deliberation_id, seq, value_cents, currency, tax, text, page, span_start, span_end)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                id,
                seq,
                c,
                a.currency,
                a.tax.map(|t| enum_name(&t)),
                a.text,
                a.span.page,
                a.span.start as i64,
                a.span.end as i64
            ],
        )?;
    }
    for (seq, c) in rec.citations.iter().enumerate() {
        exec(tx,
            "INSERT INTO citations(deliberation_id, seq, kind, text, number, number_key, cited_date, page, span_start, span_end)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                id,
                seq,
                enum_name(&c.kind),
                c.text,
                c.number,
                c.number.as_deref().map(keys::number_key),
                c.date,
                c.span.page,
                c.span.start as i64,
                c.span.end as i64
            ],
        )?;
    }
    for (seq, d) in rec.diagnostics.iter().enumerate() {
        exec(tx,
            "INSERT INTO diagnostics(deliberation_id, seq, level, code, message, page, span_start, span_end)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                id,
                seq,
                enum_name(&d.level),
                d.code,
                d.message,
                d.span.map(|s| s.page),
                d.span.map(|s| s.start as i64),
                d.span.map(|s| s.end as i64)
            ],
        )?;
    }
    Ok(())
}

/// The text the full-text index reads besides the title: visas,
/// considérants, articles and the decision, one paragraph each.
fn full_text(rec: &Record) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(rec.citations.iter().map(|c| format!("Vu {}", c.text)));
    parts.extend(rec.recitals.iter().cloned());
    parts.extend(
        rec.articles
            .iter()
            .map(|a| format!("Article {} : {}", a.number, a.text)),
    );
    parts.extend(rec.decision_text.iter().cloned());
    parts.join("\n")
}

/// Persons of one authority, as they are met in a record.
struct People<'a> {
    tx: &'a Transaction<'a>,
    authority_key: &'a str,
    authority: Option<&'a str>,
}

impl<'a> People<'a> {
    fn new(tx: &'a Transaction<'a>, authority_key: &'a str, authority: Option<&'a str>) -> Self {
        People {
            tx,
            authority_key,
            authority,
        }
    }

    /// The person printed `printed`, created on first sight; `None` for a
    /// name with no letter.
    fn id(&mut self, printed: &str) -> Result<Option<i64>, SqlError> {
        let key = keys::person_key(printed);
        if key.is_empty() {
            return Ok(None);
        }
        let found: Option<i64> = self
            .tx
            .prepare_cached("SELECT id FROM persons WHERE authority_key = ?1 AND name_key = ?2")?
            .query_row(params![self.authority_key, key], |r| r.get(0))
            .optional()?;
        let id = match found {
            Some(id) => id,
            None => {
                let id = free_id(
                    self.tx,
                    "persons",
                    keys::id_of(&["person", self.authority_key, &key]),
                )?;
                exec(self.tx,
                    "INSERT INTO persons(id, authority_key, name_key, name, authority) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![id, self.authority_key, key, printed.trim(), self.authority],
                )?;
                id
            }
        };
        exec(
            self.tx,
            "INSERT INTO person_names(person_id, name, occurrences) VALUES (?1, ?2, 1)
             ON CONFLICT(person_id, name) DO UPDATE SET occurrences = occurrences + 1",
            params![id, printed.trim()],
        )?;
        Ok(Some(id))
    }
}

fn insert_attendance(
    tx: &Transaction,
    people: &mut People,
    id: i64,
    rec: &Record,
) -> Result<(), SqlError> {
    let att = &rec.attendance;
    let mut rows: Vec<(&str, &str, Option<&str>)> = Vec::new();
    rows.extend(att.present.iter().map(|n| ("present", n.as_str(), None)));
    rows.extend(
        att.represented
            .iter()
            .map(|p| ("represented", p.member.as_str(), p.proxy.as_deref())),
    );
    rows.extend(att.excused.iter().map(|n| ("excused", n.as_str(), None)));
    rows.extend(att.absent.iter().map(|n| ("absent", n.as_str(), None)));
    for (status, name, proxy) in rows {
        let Some(pid) = people.id(name)? else {
            continue;
        };
        let proxy_id = match proxy {
            Some(p) => people.id(p)?,
            None => None,
        };
        exec(tx,
            "INSERT OR IGNORE INTO attendance(deliberation_id, person_id, status, proxy_person_id, printed, proxy_printed)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![id, pid, status, proxy_id, name.trim(), proxy.map(str::trim)],
        )?;
    }
    Ok(())
}

/// Named votes; a name printed in part ("M. CASTAGNÉ") is completed from
/// the attendance when exactly one member has all its words.
fn insert_votes(
    tx: &Transaction,
    people: &mut People,
    id: i64,
    rec: &Record,
) -> Result<(), SqlError> {
    let att = &rec.attendance;
    let voters: Vec<&str> = dedup_people(
        att.present
            .iter()
            .map(String::as_str)
            .chain(att.represented.iter().map(|p| p.member.as_str())),
    );
    let members: Vec<&str> = dedup_people(
        voters
            .iter()
            .copied()
            .chain(att.excused.iter().map(String::as_str))
            .chain(att.absent.iter().map(String::as_str)),
    );
    let v = &rec.vote;
    let named: [(&str, &Vec<String>, Option<u32>); 3] = [
        ("against", &v.against_names, v.against),
        ("abstention", &v.abstention_names, v.abstentions),
        ("not_voting", &v.not_voting_names, v.not_voting),
    ];
    let mut not_for: HashSet<String> = HashSet::new();
    for (choice, names, _) in &named {
        for n in names.iter() {
            let full = complete_name(n, &members);
            not_for.insert(keys::person_key(full));
            if let Some(pid) = people.id(full)? {
                exec(tx,
                    "INSERT OR IGNORE INTO votes(deliberation_id, person_id, choice, printed, inferred)
                     VALUES (?1, ?2, ?3, ?4, 0)",
                    params![id, pid, choice, n.trim()],
                )?;
            }
        }
    }
    if infers_for(rec, &voters, &not_for, &named) {
        for n in voters {
            if not_for.contains(&keys::person_key(n)) {
                continue;
            }
            if let Some(pid) = people.id(n)? {
                exec(tx,
                    "INSERT OR IGNORE INTO votes(deliberation_id, person_id, choice, printed, inferred)
                     VALUES (?1, ?2, 'for', ?3, 1)",
                    params![id, pid, n.trim()],
                )?;
            }
        }
    }
    Ok(())
}

/// Whether the members who voted for can be told: the vote is unanimous,
/// or its "for" count equals the voters left once the named votes are
/// taken off; every printed count of the other choices matches its list of
/// names; and the list of présents is as long as its printed count.
fn infers_for(
    rec: &Record,
    voters: &[&str],
    not_for: &HashSet<String>,
    named: &[(&str, &Vec<String>, Option<u32>); 3],
) -> bool {
    if voters.is_empty() || rec.vote.outcome.is_none() {
        return false;
    }
    let att = &rec.attendance;
    if att
        .present_count
        .is_some_and(|n| usize::try_from(n).ok() != Some(att.present.len()))
    {
        return false;
    }
    if !named
        .iter()
        .all(|(_, names, count)| count.is_none_or(|c| usize::try_from(c).ok() == Some(names.len())))
    {
        return false;
    }
    let others = voters
        .iter()
        .filter(|n| !not_for.contains(&keys::person_key(n)))
        .count();
    match (rec.vote.unanimous, rec.vote.for_) {
        (_, Some(f)) => usize::try_from(f).ok() == Some(others),
        (Some(true), None) => {
            rec.vote.against_names.is_empty() && rec.vote.against.unwrap_or(0) == 0
        }
        _ => false,
    }
}

/// Names with one printed form per person, first seen first.
fn dedup_people<'a>(names: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = HashSet::new();
    names
        .filter(|n| {
            let k = keys::person_key(n);
            !k.is_empty() && seen.insert(k)
        })
        .collect()
}

/// `name` completed from `members` when it is partial and exactly one
/// member carries all its words.
fn complete_name<'a>(name: &'a str, members: &[&'a str]) -> &'a str {
    let want = keys::person_key(name);
    let want: Vec<&str> = want.split(' ').filter(|w| !w.is_empty()).collect();
    if want.is_empty() {
        return name;
    }
    let mut found: Option<&str> = None;
    let mut found_key = String::new();
    for m in members {
        let key = keys::person_key(m);
        let have: Vec<&str> = key.split(' ').collect();
        if want.iter().all(|w| have.contains(w)) {
            if found.is_some() && found_key != key {
                return name;
            }
            found = Some(m);
            found_key = key;
        }
    }
    found.unwrap_or(name)
}

/// `wanted`, or the next id free in `table` (a 53-bit hash collision is
/// improbable; when it happens the next id is taken, still deterministic
/// for the same run).
fn free_id(tx: &Transaction, table: &str, wanted: i64) -> Result<i64, SqlError> {
    let mut id = wanted;
    let sql = format!("SELECT 1 FROM {table} WHERE id = ?1");
    let mut stmt = tx.prepare_cached(&sql)?;
    while stmt.query_row([id], |_| Ok(())).optional()?.is_some() {
        id = id.wrapping_add(1) & ((1 << 53) - 1);
    }
    Ok(id)
}

/// Links each visa of a deliberation to the deliberation it cites when
/// exactly one deliberation of the same authority matches: same number key
/// (and the same séance date when the visa prints a date), or, for a visa
/// with a date and no number, the only deliberation of that date.
fn link_citations(tx: &Transaction) -> Result<(), SqlError> {
    tx.execute_batch(
        "UPDATE citations SET cited_deliberation_id = (
             SELECT t.id FROM deliberations t, deliberations s
             WHERE s.id = citations.deliberation_id
               AND t.authority_key = s.authority_key AND t.id <> s.id
               AND (citations.number_key IS NULL OR t.number_key = citations.number_key)
               AND (citations.cited_date IS NULL OR t.session_date = citations.cited_date))
         WHERE kind = 'deliberation' AND cited_deliberation_id IS NULL
           AND (number_key IS NOT NULL OR cited_date IS NOT NULL)
           AND (SELECT count(*) FROM deliberations t, deliberations s
                WHERE s.id = citations.deliberation_id
                  AND t.authority_key = s.authority_key AND t.id <> s.id
                  AND (citations.number_key IS NULL OR t.number_key = citations.number_key)
                  AND (citations.cited_date IS NULL OR t.session_date = citations.cited_date)) = 1;",
    )
}

/// Sets each person's `name` to the form printed most often (ties: the
/// longest, then the first in byte order), so it does not depend on which
/// document was indexed first.
fn refresh_person_names(tx: &Transaction) -> Result<(), SqlError> {
    tx.execute_batch(
        "UPDATE persons SET name = (
             SELECT n.name FROM person_names n WHERE n.person_id = persons.id
             ORDER BY n.occurrences DESC, length(n.name) DESC, n.name LIMIT 1);",
    )
}

/// Runs one statement, prepared once per connection (a batch runs the same
/// few statements hundreds of thousands of times).
fn exec(tx: &Transaction, sql: &str, params: impl rusqlite::Params) -> Result<usize, SqlError> {
    tx.prepare_cached(sql)?.execute(params)
}

/// The serde name of a unit enum variant (`municipal_council`, `HT`).
fn enum_name<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn kind_name(k: DocumentKind) -> String {
    enum_name(&k)
}

fn origin_name(o: TextOrigin) -> String {
    enum_name(&o)
}

/// A [`run::Sink`] that gathers each input's outcome and writes a batch to
/// the archive, in one transaction, at each flush of the run (after each
/// window of inputs).
pub struct IndexSink<'a> {
    archive: &'a mut Archive,
    pending: Vec<DocumentEntry>,
    /// What was added so far.
    pub added: Added,
    /// Inputs skipped because their hash was indexed.
    pub skipped: usize,
    /// Called with each error record (to show it to a person).
    pub on_error: Box<dyn FnMut(&ErrorRecord) + 'a>,
    /// Called after each input.
    pub on_input: Box<dyn FnMut(&Outcome) + 'a>,
}

impl<'a> IndexSink<'a> {
    /// A sink writing to `archive`.
    pub fn new(archive: &'a mut Archive) -> IndexSink<'a> {
        IndexSink {
            archive,
            pending: Vec::new(),
            added: Added::default(),
            skipped: 0,
            on_error: Box::new(|_| {}),
            on_input: Box::new(|_| {}),
        }
    }

    /// Writes a batch of entries read elsewhere (a JSON Lines file).
    pub fn write(&mut self, docs: &[DocumentEntry]) -> io::Result<()> {
        let a = self.archive.add(docs).map_err(io::Error::other)?;
        self.added.documents += a.documents;
        self.added.already += a.already;
        self.added.deliberations += a.deliberations;
        Ok(())
    }
}

impl run::Sink for IndexSink<'_> {
    fn record(&mut self, _rec: &Record) -> io::Result<()> {
        // Records are taken whole from the outcome in `input_done`.
        Ok(())
    }

    fn error(&mut self, err: &ErrorRecord) -> io::Result<()> {
        (self.on_error)(err);
        Ok(())
    }

    fn input_done(&mut self, outcome: &Outcome) {
        (self.on_input)(outcome);
        if outcome.skipped {
            self.skipped += 1;
            return;
        }
        // An input that could not be read has no hash to key it by: it is
        // reported, not stored, and read again next time.
        let Some(sha) = &outcome.sha256 else {
            return;
        };
        let (records, error) = match &outcome.result {
            Ok(r) => (r.clone(), None),
            Err(e) => (Vec::new(), Some((e.code.clone(), e.message.clone()))),
        };
        self.pending.push(DocumentEntry {
            sha256: sha.clone(),
            path: outcome.path.clone(),
            pages: outcome.pages,
            records,
            error,
        });
    }

    fn flush(&mut self) -> io::Result<()> {
        let batch = std::mem::take(&mut self.pending);
        if batch.is_empty() {
            return Ok(());
        }
        self.write(&batch)
    }
}

/// A line of a JSON Lines file that is not a record: its number and why.
pub type BadLine = (usize, String);

/// True when the file at `path` starts with a record of `delib extract`'s
/// JSON Lines output (`{"schema":"delib/1",…`).
pub fn is_records_file(path: &Path) -> bool {
    let Ok(f) = std::fs::File::open(path) else {
        return false;
    };
    let mut first = String::new();
    let mut rd = io::BufReader::new(f).take(1 << 20);
    if rd.read_line(&mut first).is_err() {
        return false;
    }
    let t = first.trim_start_matches('\u{feff}').trim_start();
    t.starts_with('{') && t.contains(&format!("\"schema\":\"{}\"", crate::model::SCHEMA))
}

/// Reads a JSON Lines file of records into documents, grouped by the hash
/// of the input they came from, in file order. Lines that are not records
/// are returned with their line number and why.
pub fn read_records_file(path: &Path) -> io::Result<(Vec<DocumentEntry>, Vec<BadLine>)> {
    let f = std::fs::File::open(path)?;
    let mut docs: Vec<DocumentEntry> = Vec::new();
    let mut at: BTreeMap<String, usize> = BTreeMap::new();
    let mut bad = Vec::new();
    for (i, line) in io::BufReader::new(f).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let rec: Record = match serde_json::from_str(&line) {
            Ok(r) => r,
            Err(e) => {
                bad.push((i + 1, e.to_string()));
                continue;
            }
        };
        if rec.source.sha256.is_empty() {
            bad.push((i + 1, "record without source.sha256".to_string()));
            continue;
        }
        let slot = *at.entry(rec.source.sha256.clone()).or_insert_with(|| {
            docs.push(DocumentEntry {
                sha256: rec.source.sha256.clone(),
                path: rec.source.path.clone(),
                pages: 0,
                records: Vec::new(),
                error: None,
            });
            docs.len() - 1
        });
        let d = &mut docs[slot];
        // The same file found at two paths: its records are taken once.
        if d.path != rec.source.path {
            continue;
        }
        d.pages = d.pages.max(rec.source.pages[1] as usize);
        d.records.push(rec);
    }
    Ok((docs, bad))
}
