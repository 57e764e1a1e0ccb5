//! Parse: the normalized [`Source`] of a document to deliberation
//! [`Record`]s, following `grammar/deliberation.ebnf` part by part.
//!
//! Parsing never fails: what cannot be typed becomes a [`Diagnostic`] with
//! its span, and the rest of the record is still filled. Each part of the
//! document has its own module, named after it, with one entry point
//! `read(&mut Ctx, &mut Record)`.

pub mod amounts;
pub mod articles;
pub mod attendance;
pub mod budget;
pub mod frdate;
pub mod header;
pub mod lexicon;
pub mod names;
pub mod recitals;
pub mod references;
pub mod signature;
pub mod visas;
pub mod vote;
pub mod words;

use crate::model::{Diagnostic, Record, SourceInfo, Span};
use crate::normalize::Source;

/// What a part parser reads from and reports to: one deliberation's text
/// inside the document's normalized text.
#[derive(Debug)]
pub struct Ctx<'a> {
    /// The whole document.
    pub src: &'a Source,
    /// This deliberation's text (a slice of `src.text`).
    pub text: &'a str,
    /// Where `text` starts in `src.text`.
    pub base: usize,
}

impl<'a> Ctx<'a> {
    /// A context over the whole document.
    pub fn whole(src: &'a Source) -> Ctx<'a> {
        Ctx {
            src,
            text: &src.text,
            base: 0,
        }
    }

    /// The span of `start..end`, offsets into [`Ctx::text`].
    pub fn span(&self, start: usize, end: usize) -> Span {
        self.src.span(self.base + start, self.base + end)
    }

    /// A warning located at `start..end` of [`Ctx::text`].
    pub fn warning(
        &self,
        code: &str,
        message: impl Into<String>,
        start: usize,
        end: usize,
    ) -> Diagnostic {
        Diagnostic::warning(code, message, Some(self.span(start, end)))
    }
}

/// Parses a whole document into its deliberation records.
///
/// For now a document gives one record (a single "extrait du registre");
/// séance documents are split into their deliberations by a later stage.
pub fn parse_document(src: &Source, source: SourceInfo) -> Vec<Record> {
    let mut rec = Record::new(source);
    let mut cx = Ctx::whole(src);
    read_deliberation(&mut cx, &mut rec);
    let last = src.pages.last().map_or(1, |p| p.number);
    rec.source.pages = [1, last];
    vec![rec]
}

/// Reads every part of one deliberation, in document order.
pub fn read_deliberation(cx: &mut Ctx, rec: &mut Record) {
    header::read(cx, rec);
    references::read(cx, rec);
    attendance::read(cx, rec);
    visas::read(cx, rec);
    recitals::read(cx, rec);
    articles::read(cx, rec);
    amounts::read(cx, rec);
    budget::read(cx, rec);
    vote::read(cx, rec);
    signature::read(cx, rec);
}
