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
pub mod folded;
pub mod frdate;
pub mod header;
pub mod lexicon;
pub mod memo;
pub mod names;
pub mod pattern;
pub mod recitals;
pub mod references;
pub mod seance;
pub mod signature;
pub mod visas;
pub mod vote;
pub mod words;

use crate::model::{Diagnostic, DocumentKind, Outcome, Record, SourceInfo, Span};
use crate::normalize::Source;

/// The largest character boundary of `s` at or below `i` (and at most
/// `s.len()`): where a byte window cut at `i` can start or end.
pub(crate) fn floor_char(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

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

    /// A context over `range` of the document's text (clamped to it).
    pub fn region(src: &'a Source, range: std::ops::Range<usize>) -> Ctx<'a> {
        let end = range.end.min(src.text.len());
        let start = range.start.min(end);
        match src.text.get(start..end) {
            Some(text) => Ctx {
                src,
                text,
                base: start,
            },
            None => Ctx::whole(src),
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
/// [`seance::segment`] decides the document's kind. A single "extrait du
/// registre" gives one record over the whole text. A séance document gives
/// one record per deliberation: the séance head (preamble) is read once by
/// the header and attendance readers and carried into every record, with the
/// attendance adjusted for members arriving or leaving; each item is then
/// read by [`read_deliberation`] over its own text. A register of
/// concatenated extracts has no shared preamble: each extract is read whole.
/// Items that are not deliberations are reported on the first record.
pub fn parse_document(src: &Source, source: SourceInfo) -> Vec<Record> {
    names::forget_keys();
    folded::within(&src.text, || parse_registered(src, source))
}

/// [`parse_document`], with the document's text registered for the fast
/// searches of [`folded`].
fn parse_registered(src: &Source, source: SourceInfo) -> Vec<Record> {
    let seg = seance::segment(src);
    if seg.kind == DocumentKind::Extract || seg.deliberations().next().is_none() {
        let mut rec = Record::new(source);
        rec.source.document_kind = Some(DocumentKind::Extract);
        let mut cx = Ctx::whole(src);
        read_deliberation(&mut cx, &mut rec);
        let last = src.pages.last().map_or(1, |p| p.number);
        rec.source.pages = [1, last];
        return vec![rec];
    }
    let mut head = Record::new(source);
    head.source.document_kind = Some(DocumentKind::Seance);
    if let Some(pre) = &seg.preamble {
        // The segmenter bounded the séance head already: read all of it (the
        // extract readers would stop at the first rapporteur-like line).
        let cx = Ctx::region(src, pre.clone());
        let h = header::read_head(cx.text);
        head.authority = h.authority;
        head.body = h.body;
        head.session = h.session;
        let a = attendance::read_attendance_of_head(cx.text);
        for (code, message, r) in a.issues {
            head.diagnostics
                .push(cx.warning(code, message, r.start, r.end));
        }
        head.attendance = a.attendance;
        attendance::include_president(&mut head.attendance, head.session.president.as_deref());
        if head.session.secretary.is_none() {
            // Signed at the end ("Le Secrétaire de séance : Le Maire :"
            // over both names) when the head names nobody.
            head.session.secretary = header::secretary(&src.text[pre.end..]);
        }
        attendance::complete_secretary(&mut head.session.secretary, &head.attendance);
    }
    let mut moves = seance::movements(src, &seg);
    seance::name_president(&mut moves, head.session.president.as_deref());
    let adjuster = seance::Adjuster::new(&head.attendance, &moves);
    let mut out = Vec::new();
    for (idx, item) in seg.items.iter().enumerate() {
        if !item.is_deliberation {
            continue;
        }
        let mut rec = head.clone();
        if out.is_empty() {
            rec.diagnostics.extend(seg.diagnostics(src));
        } else {
            rec.diagnostics.clear();
        }
        rec.attendance = adjuster.at(idx);
        rec.number = item.deliberation_number().map(str::to_string);
        // A heading longer than any title ran on over a flattened line.
        let item_title = item
            .title
            .clone()
            .filter(|t| t.chars().count() <= references::MAX_TITLE);
        rec.title.clone_from(&item_title);
        let mut cx = Ctx::region(src, item.range.clone());
        if seg.preamble.is_some() {
            // The séance head was read once above; the item has only its own parts.
            read_item(&mut cx, &mut rec);
        } else {
            // Concatenated extracts: each item carries its own head.
            read_deliberation(&mut cx, &mut rec);
        }
        // The item heading is authoritative for the number and title.
        if let Some(n) = item.deliberation_number() {
            rec.number = Some(n.to_string());
        }
        if item_title.is_some() {
            rec.title = item_title;
        }
        if item.withdrawn {
            rec.vote.outcome = Some(Outcome::Withdrawn);
        }
        if rec.rapporteur.is_none() {
            rec.rapporteur = seance::heading_rapporteur(src, item);
        }
        rec.source.pages = item.pages;
        out.push(rec);
    }
    out
}

/// Reads every part of one deliberation, in document order.
pub fn read_deliberation(cx: &mut Ctx, rec: &mut Record) {
    header::read(cx, rec);
    references::read(cx, rec);
    attendance::read(cx, rec);
    read_body(cx, rec);
}

/// Reads the parts of one item of a séance document whose head (séance,
/// attendance) was read once for the whole séance.
pub fn read_item(cx: &mut Ctx, rec: &mut Record) {
    // Number and title come from the item heading; the @ctes identifier
    // only from the item's own text (a stamp after it), never from the
    // document's running headers, which would give every item the same.
    rec.actes_id = references::actes_id(cx.text);
    let head = cx
        .text
        .get(..references::head_end(cx.text))
        .unwrap_or(cx.text);
    let known = attendance::all_names(&rec.attendance);
    rec.rapporteur = references::rapporteur(head, rec.session.president.as_deref(), &known);
    read_body(cx, rec);
}

/// Reads the parts after the attendance: visas to signatures.
fn read_body(cx: &mut Ctx, rec: &mut Record) {
    visas::read(cx, rec);
    recitals::read(cx, rec);
    articles::read(cx, rec);
    amounts::read(cx, rec);
    budget::read(cx, rec);
    vote::read(cx, rec);
    signature::read(cx, rec);
}
