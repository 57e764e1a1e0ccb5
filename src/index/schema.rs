//! The archive's tables, views and full-text index, as SQL.
//!
//! Plain tables and views only, no custom SQL function: the file opens as
//! is in the `sqlite3` shell and in Datasette. Money is an integer number of
//! cents; dates are ISO `YYYY-MM-DD` strings, so they sort and compare as
//! text. Ids are derived from content (see `index::ids`), never from the
//! order in which documents were indexed.

/// Version of the archive layout, kept in `meta`; an archive of another
/// version is refused rather than half-read.
pub const VERSION: &str = "1";

/// Creates every table, index and view (idempotent).
pub const CREATE: &str = r#"
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- One row per input file, indexed by the hash of its bytes: a second run
-- skips every file whose hash is here. A file that gave no record keeps its
-- error, so it is not read again either (`delib index --retry-errors`).
CREATE TABLE IF NOT EXISTS documents (
    sha256        TEXT PRIMARY KEY,
    path          TEXT NOT NULL,
    kind          TEXT,              -- extract | seance
    pages         INTEGER,
    text_origin   TEXT,              -- text_layer | ocr | text_file
    records       INTEGER NOT NULL,
    error_code    TEXT,
    error_message TEXT
);

-- One row per deliberation: the record's main fields, flattened.
CREATE TABLE IF NOT EXISTS deliberations (
    id                INTEGER PRIMARY KEY,
    document_sha256   TEXT NOT NULL REFERENCES documents(sha256),
    record_index      INTEGER NOT NULL,
    authority         TEXT,
    authority_key     TEXT NOT NULL,  -- folded name: persons and citations are matched within it
    department        TEXT,
    body_kind         TEXT,
    body_name         TEXT,
    session_date      TEXT,
    session_time      TEXT,
    president         TEXT,
    secretary         TEXT,
    members_in_office INTEGER,
    present_count     INTEGER,
    number            TEXT,
    number_key        TEXT,           -- the number's digit groups, for citation links
    actes_id          TEXT,
    title             TEXT,
    rapporteur        TEXT,
    outcome           TEXT,           -- adopted | rejected | withdrawn | deferred | noted
    unanimous         INTEGER,
    votes_for         INTEGER,
    votes_against     INTEGER,
    abstentions       INTEGER,
    not_voting        INTEGER,
    signed_on         TEXT,
    transmitted_on    TEXT,
    received_on       TEXT,
    published_on      TEXT,
    signatory         TEXT,
    page_first        INTEGER,
    page_last         INTEGER,
    text              TEXT NOT NULL,  -- visas, considérants, articles, decision
    record_json       TEXT NOT NULL,  -- the whole record, schema delib/1
    UNIQUE (document_sha256, record_index)
);
CREATE INDEX IF NOT EXISTS deliberations_date ON deliberations(session_date);
CREATE INDEX IF NOT EXISTS deliberations_number ON deliberations(authority_key, number_key);

-- One row per person of an authority: printed names that differ only by
-- case, accents, civility or word order are one person ("M. Jean DUPONT",
-- "DUPONT Jean", "jean dupont"). `name` is the most printed form.
CREATE TABLE IF NOT EXISTS persons (
    id            INTEGER PRIMARY KEY,
    authority_key TEXT NOT NULL,
    name_key      TEXT NOT NULL,      -- folded words, sorted
    name          TEXT NOT NULL,
    authority     TEXT,
    UNIQUE (authority_key, name_key)
);
CREATE TABLE IF NOT EXISTS person_names (
    person_id   INTEGER NOT NULL REFERENCES persons(id),
    name        TEXT NOT NULL,        -- as printed
    occurrences INTEGER NOT NULL,
    PRIMARY KEY (person_id, name)
);

CREATE TABLE IF NOT EXISTS attendance (
    deliberation_id INTEGER NOT NULL REFERENCES deliberations(id),
    person_id       INTEGER NOT NULL REFERENCES persons(id),
    status          TEXT NOT NULL CHECK (status IN ('present', 'represented', 'excused', 'absent')),
    proxy_person_id INTEGER REFERENCES persons(id),  -- who held the pouvoir
    printed         TEXT NOT NULL,
    proxy_printed   TEXT,
    PRIMARY KEY (deliberation_id, person_id, status)
);
CREATE INDEX IF NOT EXISTS attendance_person ON attendance(person_id, status);

-- Named votes. 'against', 'abstention' and 'not_voting' are printed;
-- 'for' rows are inferred (inferred = 1) only when the vote says who did not
-- vote for: a unanimous vote, or counts matched by the names printed.
CREATE TABLE IF NOT EXISTS votes (
    deliberation_id INTEGER NOT NULL REFERENCES deliberations(id),
    person_id       INTEGER NOT NULL REFERENCES persons(id),
    choice          TEXT NOT NULL CHECK (choice IN ('for', 'against', 'abstention', 'not_voting')),
    printed         TEXT NOT NULL,
    inferred        INTEGER NOT NULL,
    PRIMARY KEY (deliberation_id, person_id, choice)
);
CREATE INDEX IF NOT EXISTS votes_person ON votes(person_id, choice);

CREATE TABLE IF NOT EXISTS amounts (
    deliberation_id INTEGER NOT NULL REFERENCES deliberations(id),
    seq             INTEGER NOT NULL,
    value_cents     INTEGER NOT NULL,  -- exact: 80 000,00 € is 8000000
    currency        TEXT NOT NULL,
    tax             TEXT,              -- HT | TTC
    text            TEXT NOT NULL,     -- as printed
    page            INTEGER,
    span_start      INTEGER,
    span_end        INTEGER,
    PRIMARY KEY (deliberation_id, seq)
);
CREATE INDEX IF NOT EXISTS amounts_value ON amounts(value_cents);

-- The visas. A visa of an earlier deliberation links to it when it is in
-- the archive: same authority, same number, and the same séance date when
-- the visa prints one (or, with no number, the only deliberation of that
-- date).
CREATE TABLE IF NOT EXISTS citations (
    deliberation_id       INTEGER NOT NULL REFERENCES deliberations(id),
    seq                   INTEGER NOT NULL,
    kind                  TEXT NOT NULL,
    text                  TEXT NOT NULL,
    number                TEXT,
    number_key            TEXT,
    cited_date            TEXT,
    page                  INTEGER,
    span_start            INTEGER,
    span_end              INTEGER,
    cited_deliberation_id INTEGER REFERENCES deliberations(id),
    PRIMARY KEY (deliberation_id, seq)
);
CREATE INDEX IF NOT EXISTS citations_cited ON citations(cited_deliberation_id);

CREATE TABLE IF NOT EXISTS diagnostics (
    deliberation_id INTEGER NOT NULL REFERENCES deliberations(id),
    seq             INTEGER NOT NULL,
    level           TEXT NOT NULL,
    code            TEXT NOT NULL,
    message         TEXT NOT NULL,
    page            INTEGER,
    span_start      INTEGER,
    span_end        INTEGER,
    PRIMARY KEY (deliberation_id, seq)
);

-- Full-text index over titles and text, kept by `delib index`. The content
-- option names the table in double quotes so that Datasette finds it and
-- offers a search box on `deliberations`.
CREATE VIRTUAL TABLE IF NOT EXISTS deliberations_fts USING fts5(
    title, text,
    content="deliberations", content_rowid="id",
    tokenize="unicode61 remove_diacritics 2"
);

-- Views for reading in Datasette or the sqlite3 shell.
CREATE VIEW IF NOT EXISTS amounts_in_euros AS
SELECT a.deliberation_id, d.session_date, d.authority, d.number, d.title,
       printf('%d.%02d', a.value_cents / 100, a.value_cents % 100) AS euros,
       a.value_cents, a.tax, a.text, a.page, a.span_start, a.span_end
FROM amounts a JOIN deliberations d ON d.id = a.deliberation_id;

CREATE VIEW IF NOT EXISTS attendance_by_name AS
SELECT d.session_date, d.authority, p.name AS person, a.status,
       q.name AS proxy, d.number, d.title, a.deliberation_id, a.person_id
FROM attendance a
JOIN persons p ON p.id = a.person_id
JOIN deliberations d ON d.id = a.deliberation_id
LEFT JOIN persons q ON q.id = a.proxy_person_id;

CREATE VIEW IF NOT EXISTS votes_by_name AS
SELECT d.session_date, d.authority, p.name AS person, v.choice, v.inferred,
       d.number, d.title, d.outcome, v.deliberation_id, v.person_id
FROM votes v
JOIN persons p ON p.id = v.person_id
JOIN deliberations d ON d.id = v.deliberation_id;

CREATE VIEW IF NOT EXISTS person_summary AS
SELECT p.id AS person_id, p.name AS person, p.authority,
       (SELECT count(*) FROM attendance a WHERE a.person_id = p.id AND a.status = 'present') AS present,
       (SELECT count(*) FROM attendance a WHERE a.person_id = p.id AND a.status = 'represented') AS represented,
       (SELECT count(*) FROM attendance a WHERE a.person_id = p.id AND a.status = 'excused') AS excused,
       (SELECT count(*) FROM attendance a WHERE a.person_id = p.id AND a.status = 'absent') AS absent,
       (SELECT count(*) FROM votes v WHERE v.person_id = p.id AND v.choice = 'against') AS voted_against,
       (SELECT count(*) FROM votes v WHERE v.person_id = p.id AND v.choice = 'abstention') AS abstained,
       (SELECT count(*) FROM votes v WHERE v.person_id = p.id AND v.choice = 'not_voting') AS not_voting
FROM persons p;

CREATE VIEW IF NOT EXISTS citation_links AS
SELECT c.deliberation_id AS citing_id, d.session_date AS citing_date, d.number AS citing_number,
       d.title AS citing_title, c.text AS visa,
       c.cited_deliberation_id AS cited_id, t.session_date AS cited_date, t.number AS cited_number,
       t.title AS cited_title
FROM citations c
JOIN deliberations d ON d.id = c.deliberation_id
JOIN deliberations t ON t.id = c.cited_deliberation_id;
"#;
