//! Export: records to the formats people and other tools read — JSON Lines,
//! a JSON array, a spreadsheet CSV, the SCDL Délibérations 2.1.5 table,
//! Akoma Ntoso 3.0 XML — and the JSON Schema of the record.
//!
//! Every format is written record by record, so that a batch run never holds
//! its records in memory:
//!
//! ```
//! use delib::export::{ExportOptions, Exporter, Format};
//! use delib::model::{Record, SourceInfo};
//!
//! let mut rec = Record::new(SourceInfo::default());
//! rec.authority.name = Some("Commune de Valmont-sur-Lize".into());
//! rec.title = Some("Subvention à l'association « Les Amis du Lavoir »".into());
//!
//! let mut ex = Exporter::new(Format::Scdl, Vec::new(), ExportOptions::default()).unwrap();
//! ex.begin().unwrap();
//! let notes = ex.write(&rec).unwrap(); // scdl.matiere, scdl.missing, …
//! assert!(notes.iter().any(|d| d.code == "scdl.matiere"));
//! let (out, summary) = ex.finish().unwrap();
//! assert!(String::from_utf8(out).unwrap().starts_with("COLL_NOM,COLL_SIRET,"));
//! assert_eq!(summary.incomplete[0].missing, ["COLL_SIRET", "DELIB_ID", "DELIB_DATE"]);
//! ```
//!
//! Akoma Ntoso is one XML document per record: [`akn_document`] gives it,
//! [`AknDir`] writes each into a folder.

pub mod akn;
pub mod csv;
pub mod scdl;
pub mod schema;

use std::collections::BTreeSet;
use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;

pub use akn::{akn_document, akn_file_name};
pub use scdl::{classify_matiere, scdl_row, Matiere, ScdlOptions, ScdlRow, SCDL_COLUMNS};
pub use schema::record_schema;

use crate::model::{Diagnostic, Record};

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One JSON record per line (the default output of `delib extract`).
    Jsonl,
    /// One JSON array of records.
    Json,
    /// Spreadsheet CSV, one row per deliberation ([`csv::CSV_COLUMNS`]).
    Csv,
    /// SCDL Délibérations 2.1.5 CSV ([`SCDL_COLUMNS`]).
    Scdl,
    /// Akoma Ntoso 3.0, one XML document per record ([`AknDir`]).
    Akn,
}

impl Format {
    /// Every format, in the order of the CLI's help.
    pub const ALL: [Format; 5] = [
        Format::Jsonl,
        Format::Json,
        Format::Csv,
        Format::Scdl,
        Format::Akn,
    ];

    /// Its name on the command line: `jsonl`, `json`, `csv`, `scdl`, `akn`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Scdl => "scdl",
            Format::Akn => "akn",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;

    /// Parses a format name, ignoring case.
    fn from_str(s: &str) -> Result<Format, String> {
        Format::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                format!("unknown export format {s:?}: expected jsonl, json, csv, scdl or akn")
            })
    }
}

/// Options of an export.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// What the SCDL export needs and the record cannot give.
    pub scdl: ScdlOptions,
    /// Start the spreadsheet CSV with a UTF-8 byte order mark, which Excel
    /// needs to read accents right. Never for SCDL, whose validators read
    /// plain UTF-8.
    pub csv_bom: bool,
}

/// A row that could not fill every column its format requires. It is
/// written all the same; the summary lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incomplete {
    /// Its place among the records written, from 1 (the header is not
    /// counted: record 1 is line 2 of a CSV file).
    pub index: usize,
    /// DELIB_ID when known, else the source path and the record's index in it.
    pub label: String,
    /// The required columns left empty.
    pub missing: Vec<&'static str>,
}

/// What an export wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Records written.
    pub records: usize,
    /// Rows written with a required column empty (SCDL).
    pub incomplete: Vec<Incomplete>,
}

impl Summary {
    /// Records whose row is complete.
    pub fn complete(&self) -> usize {
        self.records - self.incomplete.len()
    }
}

/// Writes records one by one in a stream format (every [`Format`] but
/// [`Format::Akn`]): [`Exporter::begin`], then [`Exporter::write`] per
/// record, then [`Exporter::finish`].
pub struct Exporter<W: Write> {
    format: Format,
    options: ExportOptions,
    sink: Sink<W>,
    began: bool,
    summary: Summary,
}

enum Sink<W: Write> {
    Raw(W),
    // Boxed: the csv writer carries its buffer inline.
    Csv(Box<::csv::Writer<W>>),
}

impl<W: Write> Exporter<W> {
    /// An exporter writing `format` to `out`. Akoma Ntoso writes one file
    /// per record and is refused here (`InvalidInput`): use [`AknDir`].
    /// With [`ExportOptions::csv_bom`], the byte order mark of the CSV is
    /// written here.
    pub fn new(format: Format, mut out: W, options: ExportOptions) -> io::Result<Exporter<W>> {
        let sink = match format {
            Format::Akn => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "akn export writes one XML document per record: use AknDir",
                ))
            }
            Format::Csv | Format::Scdl => {
                if format == Format::Csv && options.csv_bom {
                    out.write_all("\u{feff}".as_bytes())?;
                }
                Sink::Csv(Box::new(
                    ::csv::WriterBuilder::new()
                        .terminator(::csv::Terminator::CRLF)
                        .from_writer(out),
                ))
            }
            Format::Jsonl | Format::Json => Sink::Raw(out),
        };
        Ok(Exporter {
            format,
            options,
            sink,
            began: false,
            summary: Summary::default(),
        })
    }

    /// Writes what comes before the first record: the CSV header, `[`.
    /// Called by [`Exporter::write`] if the caller did not.
    pub fn begin(&mut self) -> io::Result<()> {
        if self.began {
            return Ok(());
        }
        self.began = true;
        match (&mut self.sink, self.format) {
            (Sink::Csv(w), Format::Csv) => w.write_record(csv::CSV_COLUMNS)?,
            (Sink::Csv(w), _) => w.write_record(SCDL_COLUMNS)?,
            (Sink::Raw(w), Format::Json) => w.write_all(b"[")?,
            (Sink::Raw(_), _) => {}
        }
        Ok(())
    }

    /// Writes one record. Returns what the caller may add to the record's
    /// diagnostics or report: for SCDL the matière rule that fired
    /// (`scdl.matiere`), the required columns left empty (`scdl.missing`) and
    /// why vote or prefecture columns were left empty.
    pub fn write(&mut self, rec: &Record) -> io::Result<Vec<Diagnostic>> {
        self.begin()?;
        let index = self.summary.records + 1;
        let mut notes = Vec::new();
        match (&mut self.sink, self.format) {
            (Sink::Csv(w), Format::Csv) => w.write_record(csv::csv_row(rec))?,
            (Sink::Csv(w), _) => {
                let row = scdl_row(rec, &self.options.scdl);
                w.write_record(&row.cells)?;
                if !row.missing.is_empty() {
                    let label = match row.get("DELIB_ID") {
                        Some(id) if !id.is_empty() => id.to_string(),
                        _ => format!("{} #{}", rec.source.path, rec.source.record_index),
                    };
                    self.summary.incomplete.push(Incomplete {
                        index,
                        label,
                        missing: row.missing.clone(),
                    });
                }
                notes = row.diagnostics;
            }
            (Sink::Raw(w), Format::Json) => {
                w.write_all(if index == 1 { b"\n" } else { b",\n" })?;
                serde_json::to_writer(&mut *w, rec).map_err(io::Error::other)?;
            }
            (Sink::Raw(w), _) => {
                serde_json::to_writer(&mut *w, rec).map_err(io::Error::other)?;
                w.write_all(b"\n")?;
            }
        }
        self.summary.records = index;
        Ok(notes)
    }

    /// Writes what comes after the last record (`]`), flushes, and gives
    /// back the writer and the summary.
    pub fn finish(mut self) -> io::Result<(W, Summary)> {
        self.begin()?;
        let out = match self.sink {
            Sink::Csv(w) => w
                .into_inner()
                .map_err(|e| io::Error::other(e.to_string()))?,
            Sink::Raw(mut w) => {
                if self.format == Format::Json {
                    w.write_all(b"\n]\n")?;
                }
                w
            }
        };
        let mut out = out;
        out.flush()?;
        Ok((out, self.summary))
    }
}

/// True for a real calendar date written `YYYY-MM-DD` (what SCDL's `date`
/// and xsd:date accept). The parser validates dates before it stores them;
/// this keeps a hand-edited or foreign record from producing an invalid file.
pub(crate) fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    y >= 1 && (1..=days).contains(&d)
}

/// Writes one Akoma Ntoso document per record into a folder, named by
/// [`akn_file_name`]; a name already used in this run gets `-2`, `-3`… so
/// that no document overwrites another.
#[derive(Debug)]
pub struct AknDir {
    dir: PathBuf,
    used: BTreeSet<String>,
    written: usize,
}

impl AknDir {
    /// Creates the folder if needed.
    pub fn create(dir: impl AsRef<Path>) -> io::Result<AknDir> {
        let dir = dir.as_ref().to_path_buf();
        std::fs::create_dir_all(&dir)?;
        Ok(AknDir {
            dir,
            used: BTreeSet::new(),
            written: 0,
        })
    }

    /// Writes the record's document; returns its path.
    pub fn write(&mut self, rec: &Record) -> io::Result<PathBuf> {
        let name = akn_file_name(rec);
        let stem = name.trim_end_matches(".xml").to_string();
        let mut name = name;
        let mut k = 2;
        while self.used.contains(&name) {
            name = format!("{stem}-{k}.xml");
            k += 1;
        }
        self.used.insert(name.clone());
        let path = self.dir.join(&name);
        std::fs::write(&path, akn_document(rec))?;
        self.written += 1;
        Ok(path)
    }

    /// Documents written so far.
    pub fn written(&self) -> usize {
        self.written
    }
}
