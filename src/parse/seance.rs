//! Séance documents: splitting a procès-verbal, compte rendu or register
//! into the deliberations it holds (grammar/deliberation.ebnf, `seance`).
//!
//! ```text
//! seance    = preamble , { item } ;
//! preamble  = séance head: date, attendance, secrétaire (read once, carried
//!             into every item's record) ;
//! item      = heading , body ;
//! heading   = register_heading | dated_heading | deliberation_heading
//!           | ordinal_heading | objet_heading | bullet_heading
//!           | unnumbered_heading ;
//! bullet_heading = blank line , bullet , title , [ title line ] ,
//!             body opening ("Monsieur X, rapporteur, expose :") ;
//! ```
//!
//! [`segment`] first decides whether the document is a single "extrait du
//! registre" ([`DocumentKind::Extract`], one record over the whole text), a
//! register that concatenates several extracts (split on their headers), or
//! a séance document. For a séance it tries each numbering style (one rule
//! per style, below) and keeps the one that gives the most items. Lists that
//! repeat the headings (an "Ordre du jour" before the bodies, a closing
//! "DELIBERATIONS" list after them) never become items: a number seen twice
//! keeps the occurrence with the longer body, and agenda ordinals guide the
//! search for the body headings (a heading matches its entry by its start or
//! by most of its words; the body's chain of headings adds, in order, the
//! points an agenda cut short or misread misses). A chain of ordinals whose headings mostly
//! follow each other line after line is such a list: a chain at least half
//! as long whose headings have bodies wins over it (a closing summary that
//! numbers one point more than the body did), and an entry of such a list
//! inside a point's body never takes the place of a point in the chain.
//! Items the document does not number as
//! deliberations (informations, questions diverses, approval of the minutes)
//! are kept as items with `is_deliberation == false`, reported by
//! [`Segmentation::diagnostics`] and never made records. Such an
//! unnumbered heading stands apart: after a blank line, at a page start, or
//! after its own number or bullet; a bare "DIVERS" under a non-blank line
//! is a wrapped table cell ("DOTATIONS, FONDS / DIVERS").
//!
//! Every scan is over lines, once per rule; the candidate chains are built
//! with maps keyed by number, so a 255-page verbatim PV stays linear.
//!
//! Attendance changes during the séance ("arrivée de M. X à la délibération
//! n° 5", "M. Y quitte la séance") are read by [`movements`] and applied to
//! the carried attendance of each item by [`adjust`].

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use super::names;
use super::pattern::Pattern;
use super::visas::bullet_len;

use super::lexicon::{class, fold_char};
use crate::model::{Attendance, Diagnostic, DocumentKind, Pouvoir, TextOrigin};
use crate::normalize::Source;

/// A document split into its séance preamble and items.
#[derive(Debug, Clone, PartialEq)]
pub struct Segmentation {
    /// A single extract, or a document holding several deliberations.
    pub kind: DocumentKind,
    /// The séance head (date, attendance, secrétaire), offsets into
    /// [`Source::text`]; `None` for an extract and for a register of
    /// concatenated extracts, whose items each carry their own head.
    pub preamble: Option<Range<usize>>,
    /// The items in document order, deliberations or not.
    pub items: Vec<Item>,
}

/// One item of a séance: a heading and the body that follows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// The whole item (heading included), offsets into [`Source::text`].
    pub range: Range<usize>,
    /// The heading lines (number and title); empty when the heading was
    /// recovered from a running header or footer (see [`Source::furniture`]).
    pub heading: Range<usize>,
    /// Which heading rule matched.
    pub style: NumberingStyle,
    /// The number as printed (`DE-2012/86`, `2020-01-1`, `3` for an agenda
    /// ordinal), without bullet or "N°".
    pub number: Option<String>,
    /// The title, one line, whitespace folded.
    pub title: Option<String>,
    /// First and last page (1-based).
    pub pages: [u32; 2],
    /// False for informations, questions diverses, decisions taken by
    /// delegation, approval of the minutes, when not numbered as a
    /// deliberation.
    pub is_deliberation: bool,
    /// Marked "annulé" or "retiré".
    pub withdrawn: bool,
}

impl Item {
    /// The deliberation's own number, when the heading prints one (not an
    /// agenda ordinal, which only orders the points of the séance).
    pub fn deliberation_number(&self) -> Option<&str> {
        match self.style {
            NumberingStyle::Register | NumberingStyle::Dated | NumberingStyle::Deliberation => {
                self.number.as_deref()
            }
            _ => None,
        }
    }
}

/// The heading rules, one per numbering style seen in the corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberingStyle {
    /// `• DE-2012/86 – Délégations de pouvoirs`, `2010/66 – Délégations`.
    Register,
    /// `2020-01-1 RENOUVELLEMENT …`, `2021 03 01 APPEL …`, `20220531 1 …`.
    Dated,
    /// `DÉLIBÉRATION N° 2021-045` (title on the line or on "Objet :").
    Deliberation,
    /// Agenda ordinals: `1. Travaux sur …`, `1°) …`, `12- …`.
    Ordinal,
    /// `Objet : Tarifs de la cantine`, one per item, no number.
    Objet,
    /// A bulleted title line whose body opens on the next lines with a
    /// rapporteur or the maire (`• Cession du chemin` / `Monsieur X,
    /// rapporteur, expose :`), no number.
    Bullet,
    /// A heading without number (`Questions diverses`).
    Unnumbered,
    /// One extract of a register that concatenates extracts.
    Extract,
}

impl Segmentation {
    /// The items that are deliberations (one record each).
    pub fn deliberations(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(|i| i.is_deliberation)
    }

    /// One `seance.not_deliberation` warning per item that is not a
    /// deliberation, with its heading and span, and one
    /// `seance.heading_recovered` warning per item whose heading was found
    /// only among the running headers and footers (its start is then the
    /// start or end of that page), for the first record.
    pub fn diagnostics(&self, src: &Source) -> Vec<Diagnostic> {
        let recovered = self
            .items
            .iter()
            .filter(|i| i.is_deliberation && i.heading.is_empty())
            .filter(|i| i.style != NumberingStyle::Extract)
            .map(|i| {
                Diagnostic::warning(
                    "seance.heading_recovered",
                    format!(
                        "heading {} {} was taken out of the text as a running header or footer; the item is placed at a page boundary",
                        i.number.as_deref().unwrap_or(""),
                        i.title.as_deref().unwrap_or("")
                    ),
                    Some(src.span(i.range.start, i.range.start)),
                )
            });
        self.items
            .iter()
            .filter(|i| !i.is_deliberation)
            .map(|i| {
                let heading = src.text.get(i.heading.clone()).unwrap_or("");
                let heading = fold_ws(heading);
                let shown = if heading.is_empty() {
                    i.title.clone().unwrap_or_default()
                } else {
                    heading
                };
                Diagnostic::warning(
                    "seance.not_deliberation",
                    format!("item not numbered as a deliberation, no record: {shown}"),
                    Some(src.span(i.heading.start, i.heading.end.max(i.heading.start))),
                )
            })
            .chain(recovered)
            .collect()
    }
}

/// Splits a document into its preamble and items, deciding whether it is a
/// single extract or a séance document. Never fails: a document with no
/// recognizable item is an extract.
pub fn segment(src: &Source) -> Segmentation {
    let lines = split_lines(&src.text);
    let extracts = extract_headers(src, &lines);
    if extracts.len() >= 2 {
        return concatenated_extracts(src, &extracts);
    }
    let whole = Segmentation {
        kind: DocumentKind::Extract,
        preamble: None,
        items: Vec::new(),
    };
    if extracts.len() == 1 {
        return whole;
    }
    let Some(mut items) = seance_items(src, &lines) else {
        return whole;
    };
    if !items.iter().any(|i| i.is_deliberation) {
        return whole;
    }
    items.sort_by_key(|i| i.heading.start);
    let first = items.first().map_or(src.text.len(), |i| i.range.start);
    // One deliberation headed by its number ("DÉLIBÉRATION N° DEL2024_045")
    // above the séance's attendance is a single deliberation, not a séance:
    // its head is the whole text.
    if items.iter().filter(|i| i.is_deliberation).count() == 1
        && super::attendance::first_heading(&src.text[..first]).is_none()
        && super::attendance::first_heading(&src.text[first..]).is_some()
    {
        return whole;
    }
    // The approval of the previous minutes, printed in the preamble
    // without a number, is an item too (reported, never a record); the
    // preamble keeps its text.
    let notes = minutes_approvals(src, &lines, first);
    items.extend(notes);
    items.sort_by_key(|i| i.heading.start);
    Segmentation {
        kind: DocumentKind::Seance,
        preamble: Some(0..first),
        items,
    }
}

// ---------------------------------------------------------------------------
// Lines

/// A line of [`Source::text`]: byte range, without its `\n`.
type Line = Range<usize>;

fn split_lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = 0;
    // `find` of a byte runs memchr.
    while let Some(i) = text[start..].find('\n') {
        out.push(start..start + i);
        start += i + 1;
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

fn line_text<'a>(src: &'a Source, l: &Line) -> &'a str {
    src.text.get(l.clone()).unwrap_or("")
}

// ---------------------------------------------------------------------------
// Extracts

/// Offsets where an "EXTRAIT DU REGISTRE" header starts a line. A header
/// printed at the top of several pages is taken out of the text by the
/// normalizer as a running header: such pages count from their start, but
/// only when the document has at least as many "Objet :" lines as those
/// pages (else it is one extract whose header repeats on every page).
fn extract_headers(src: &Source, lines: &[Line]) -> Vec<usize> {
    let header = class("seance.extract_header");
    let mut out: Vec<usize> = lines
        .iter()
        .filter(|l| l.len() <= 160)
        .filter(|l| header.starts(line_text(src, l)).is_some())
        .map(|l| l.start)
        .collect();
    let mut pages: Vec<u32> = src
        .furniture
        .iter()
        .filter(|f| f.text.len() <= 160 && header.starts(&f.text).is_some())
        .map(|f| f.page)
        .collect();
    pages.dedup();
    if pages.len() >= 2 {
        let objets = lines
            .iter()
            .filter(|l| class("seance.objet").starts(line_text(src, l)).is_some())
            .count();
        if objets >= pages.len() {
            out.extend(
                src.pages
                    .iter()
                    .filter(|p| pages.contains(&p.number))
                    .map(|p| p.start),
            );
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// A register of extracts: one item per header, each from the start of the
/// page holding its header when the header is in the page's first lines
/// (the letterhead above it belongs to the same extract).
fn concatenated_extracts(src: &Source, headers: &[usize]) -> Segmentation {
    let mut starts: Vec<usize> = headers
        .iter()
        .map(|&h| {
            let page = src.pages.iter().find(|p| p.start <= h && h <= p.end);
            match page {
                Some(p) if src.text[p.start..h].lines().count() <= 8 => p.start,
                _ => h,
            }
        })
        .collect();
    starts.dedup();
    if let Some(f) = starts.first_mut() {
        *f = 0;
    }
    let items = starts
        .iter()
        .enumerate()
        .map(|(k, &s)| {
            let e = starts.get(k + 1).copied().unwrap_or(src.text.len());
            Item {
                range: s..e,
                heading: s..s,
                style: NumberingStyle::Extract,
                number: None,
                title: None,
                pages: pages_of(src, &(s..e)),
                is_deliberation: true,
                withdrawn: false,
            }
        })
        .collect();
    Segmentation {
        kind: DocumentKind::Seance,
        preamble: None,
        items,
    }
}

fn pages_of(src: &Source, r: &Range<usize>) -> [u32; 2] {
    let last = r.end.saturating_sub(1).max(r.start);
    [src.page_of(r.start), src.page_of(last)]
}

// ---------------------------------------------------------------------------
// Heading rules

/// A heading matched on one line.
#[derive(Debug, Clone, PartialEq)]
struct Head {
    style: NumberingStyle,
    /// As printed, without bullet or "N°".
    number: String,
    /// The ordinal (agenda style) or the last number group.
    ordinal: u32,
    /// Ordinal separator kind (`.`, `)`, `°`, `-`), for chaining.
    sep: char,
    /// Byte offset of the title in the line.
    title_at: usize,
}

static REGISTER: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"^(?:[•·*▪►]\s*|-\s+)?(?:[Nn]\s?°\s*)?((?:DE|DEL|D)\s?-\s?)?((?:19|20)\d{2})(\s?/\s?|-)(\d{1,4})(\s*[–—-]+\s*|\s*:\s+|\s+)(\S)",
    )
    .expect("static regex")
});

/// Parses a register heading: `[bullet] ["N°"] ["DE-"] year ("/" | "-")
/// number ("–" | ":" | " ") title`, the title starting with a capital when
/// no dash separates it. With a hyphen between year and number ("2007-4"),
/// a dash or a colon must separate the title, or a bullet open the line
/// ("• 2007-7 Immeuble commercial"; "2007-2013 Plan" is no heading).
///
/// `• DE-2012/86 – Délégations de pouvoirs « Marchés publics » : Information`,
/// `• 2007-4 – Extension assainissement : Demande de DGE`
fn register_heading(line: &str) -> Option<Head> {
    // Most lines cannot start a heading: told without the groups' setup.
    REGISTER.find_anchored(line)?;
    let c = REGISTER.captures(line)?;
    let hyphen = c.get(3)?.as_str() == "-";
    let sep = c.get(5)?.as_str();
    let first = c.get(6)?;
    let bullet = !line.starts_with(|c: char| c.is_alphanumeric());
    // "2019-03-25A VENTE …" is a dated heading, not register number 2019-03.
    if hyphen && line[first.start()..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    if sep.trim().is_empty() && ((hyphen && !bullet) || !starts_title(&line[first.start()..])) {
        return None;
    }
    let prefix: String = c
        .get(1)
        .map(|m| m.as_str().chars().filter(|c| !c.is_whitespace()).collect())
        .unwrap_or_default();
    let year = c.get(2)?.as_str();
    let num = c.get(4)?.as_str();
    let between = if hyphen { '-' } else { '/' };
    Some(Head {
        style: NumberingStyle::Register,
        number: format!("{prefix}{year}{between}{num}"),
        ordinal: num.parse().ok()?,
        sep: '/',
        title_at: first.start(),
    })
}

static DATED: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"^((?:19|20)\d{2})([- ])([01]\d)([- ])(\d{1,3})(BIS|TER|[A-H])?\s+(?:[–—-]\s*)?(\S)",
    )
    .expect("static regex")
});
static DATED_COMPACT: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"^((?:19|20)\d{2}[01]\d[0-3]\d)(\s\d{1,3}|\d{2})\s+(?:[–—-]\s*)?(\S)")
        .expect("static regex")
});

/// Parses a dated register heading: `year sep month sep number title`,
/// `yyyymmdd number title` or `yyyymmddNN title` (two-digit number glued
/// to the date), the title starting with a capital.
///
/// A point added under another keeps its number with a letter or "BIS"
/// glued (`2019-03-25A VENTE …`, `2019-03-12BIS AMENAGEMENT …`).
///
/// `2020-01-1 RENOUVELLEMENT DU CONTRAT GROUPE D'ASSURANCE STATUTAIRE`,
/// `2021 03 01 APPEL D'OFFRES …`, `20220531 1 Acquisition d'un terrain …`,
/// `2021071201 Association X, garantie d'emprunt`
fn dated_heading(line: &str) -> Option<Head> {
    // Most lines cannot start a heading: told without the groups' setup.
    if let Some(c) = DATED.find_anchored(line).and_then(|_| DATED.captures(line)) {
        if c.get(2)?.as_str() != c.get(4)?.as_str() {
            return None;
        }
        let first = c.get(7)?;
        if !starts_title(&line[first.start()..]) {
            return None;
        }
        let number_end = c.get(6).or(c.get(5))?.end();
        let number = line[..number_end].to_string();
        return Some(Head {
            style: NumberingStyle::Dated,
            number,
            ordinal: c.get(5)?.as_str().parse().ok()?,
            sep: '/',
            title_at: first.start(),
        });
    }
    DATED_COMPACT.find_anchored(line)?;
    let c = DATED_COMPACT.captures(line)?;
    let first = c.get(3)?;
    if !starts_title(&line[first.start()..]) {
        return None;
    }
    // "20220531 1" as printed, "2021071201" (two digits glued) too.
    let num = c.get(2)?.as_str();
    Some(Head {
        style: NumberingStyle::Dated,
        number: format!("{}{num}", c.get(1)?.as_str()),
        ordinal: num.trim().parse().ok()?,
        sep: '/',
        title_at: first.start(),
    })
}

static DELIB_NUMBER: LazyLock<Pattern> = LazyLock::new(|| {
    // A letter prefix glued to the year or joined by a hyphen or an
    // underscore ("DEL2024_101", "CC-2024-05") is part of the number.
    Pattern::new(
        r"^\s*((?:[A-Z]{1,5}[_-]?)?[0-9][0-9A-Za-z]*(?:\s?[/._-]\s?[0-9A-Za-z]+)*)\s*(?:[:–—-]\s*)?",
    )
        .expect("static regex")
});

/// Parses a deliberation-label heading: `"DÉLIBÉRATION N°" number [":" title]`
/// (the label from `seance.deliberation_label`); the title may instead be
/// on a following "Objet :" line.
///
/// `DÉLIBÉRATION N° 2021-045`
fn deliberation_heading(line: &str) -> Option<Head> {
    let after = class("seance.deliberation_label").starts(line)?;
    let rest = &line[after..];
    let c = DELIB_NUMBER.captures(rest)?;
    let num = c.get(1)?.as_str();
    let whole = c.get(0)?;
    let ordinal = num
        .rsplit(|c: char| !c.is_ascii_digit())
        .find(|s| !s.is_empty())
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Some(Head {
        style: NumberingStyle::Deliberation,
        number: num.split_whitespace().collect(),
        ordinal,
        sep: '/',
        title_at: after + whole.end(),
    })
}

static ORDINAL: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"^(\d{1,3})\s?(°\s?\)|°\s?-|°|\)|\.|[-–—])\s*(\S)").expect("static regex")
});

/// Parses an agenda ordinal heading: `number ("." | ")" | "°)" | "°" | "-")
/// title`, the title starting with a capital.
///
/// `1. Travaux sur la structure du bâtiment maternel du groupe scolaire`
fn ordinal_heading(line: &str) -> Option<Head> {
    // Most lines cannot start a heading: told without the groups' setup,
    // and without a search when the line does not open with a digit (`\d`
    // is a numeric character).
    if !line.starts_with(char::is_numeric) {
        return None;
    }
    ORDINAL.find_anchored(line)?;
    let c = ORDINAL.captures(line)?;
    let first = c.get(3)?;
    let title = &line[first.start()..];
    if !starts_title(title) && !starts_address(title) {
        return None;
    }
    let ordinal: u32 = c.get(1)?.as_str().parse().ok()?;
    if ordinal == 0 || ordinal > 400 {
        return None;
    }
    let sep = match c.get(2)?.as_str().chars().next()? {
        '.' => '.',
        ')' => ')',
        '°' => '°',
        _ => '-',
    };
    Some(Head {
        style: NumberingStyle::Ordinal,
        number: ordinal.to_string(),
        ordinal,
        sep,
        title_at: first.start(),
    })
}

/// Parses an agenda number alone at the end of its line, after the name of
/// its rapporteur or on its own, the title on the lines below (comptes
/// rendus listing each point as rapporteur, number, title, tally):
/// `1.`, `Philippe SAUREL 5.`. The title offset is the line's end.
fn ordinal_alone(line: &str) -> Option<Head> {
    let (_, number) = split_alone(line)?;
    agenda_head(number, '.', line.len())
}

/// The heading of agenda point `number` (1 to 400), its title at
/// `title_at` of its line.
fn agenda_head(number: &str, sep: char, title_at: usize) -> Option<Head> {
    let ordinal: u32 = number.parse().ok()?;
    if ordinal == 0 || ordinal > 400 {
        return None;
    }
    Some(Head {
        style: NumberingStyle::Ordinal,
        number: number.to_string(),
        ordinal,
        sep,
        title_at,
    })
}

/// The rapporteur's name (empty when none) and the number of a line
/// [`ordinal_alone`] reads.
fn split_alone(line: &str) -> Option<(&str, &str)> {
    let t = line.trim_end().strip_suffix('.')?;
    let digits = t.len() - t.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if !(1..=3).contains(&digits) {
        return None;
    }
    let (before, number) = t.split_at(t.len() - digits);
    let name = before.trim();
    if !name.is_empty() && (!before.ends_with(char::is_whitespace) || !is_name_line(name)) {
        return None;
    }
    Some((name, number))
}

/// The rapporteur an item's heading names before its number (`Philippe
/// SAUREL 5.`, `Philippe SAUREL 6 Modification du plan …`), for an agenda
/// ordinal alone on its line or bare before its title.
pub fn heading_rapporteur(src: &Source, item: &Item) -> Option<String> {
    if item.style != NumberingStyle::Ordinal {
        return None;
    }
    let first = src.text.get(item.heading.clone())?.lines().next()?;
    let name = match split_alone(first) {
        Some((name, _)) => name,
        // A first name alone is half the rapporteur's name.
        None => split_bare(first)
            .map(|(name, _, _)| name)
            .filter(|n| is_name_line(n))?,
    };
    (!name.is_empty()).then(|| name.to_string())
}

/// Parses an agenda number printed bare between the rapporteur's name (or
/// nothing) and the title, with no separator after it (comptes rendus
/// listing each point as rapporteur, number, title, then its tally):
/// `1 Plan de déplacements urbains`, `Philippe SAUREL 6 Modification du
/// plan local d'urbanisme`. Its separator is a space.
fn ordinal_bare(line: &str) -> Option<Head> {
    let (_, number, title_at) = split_bare(line)?;
    agenda_head(number, ' ', title_at)
}

/// The rapporteur's name (empty when none), the number and the title's
/// offset of a line [`ordinal_bare`] reads: one to three digits after the
/// name, one space, then a word of two letters or more opening on a
/// capital, neither a month nor a currency (`3 Festival …`, `23 ZAC des
/// Grisettes`; not `12 Mai`, `30 EUR`).
fn split_bare(line: &str) -> Option<(&str, &str, usize)> {
    // The number opens the line or follows a name of at most four words.
    let bytes = line.as_bytes();
    let at = match bytes.first()? {
        b'0'..=b'9' => 0,
        b'A'..=b'Z' | 0xc3 => bytes[..bytes.len().min(MAX_NAME_BYTES)]
            .iter()
            .position(u8::is_ascii_digit)?,
        _ => return None,
    };
    let before = &line[..at];
    let name = before.trim();
    if !name.is_empty()
        && (!before.ends_with(' ')
            || !name.starts_with(|c: char| c.is_uppercase())
            || !(is_name_line(name) || is_first_name(name)))
    {
        return None;
    }
    let rest = &line[at..];
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 3 {
        return None;
    }
    let title = rest[digits..].strip_prefix(' ')?;
    if !starts_title(title) {
        return None;
    }
    let opened = title.trim_start_matches(['«', '"', '(', ' ', '\u{a0}']);
    let len = opened
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(opened.len(), |(i, _)| i);
    let word = &opened[..len];
    let is_title = word.chars().nth(1).is_some()
        && super::frdate::month_number(word).is_none()
        && class("amounts.euro").starts(title).is_none();
    is_title.then_some((name, &rest[..digits], at + digits + 1))
}

/// True when `s` is one first name as printed before a surname: a capital,
/// then small letters, hyphenated parts each opening on a capital
/// (`Sophie`, `Michaël`, `Jean-Louis`).
fn is_first_name(s: &str) -> bool {
    s.split('-').all(|part| {
        let mut chars = part.chars();
        chars.next().is_some_and(char::is_uppercase)
            && part.chars().count() >= 2
            && chars.all(char::is_lowercase)
    })
}

/// True when `w` is a surname in capitals (`BONIFACE-PASCAL`, `DELAFOSSE`):
/// three letters or more, no small letter.
fn is_surname(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && w.chars().all(|c| c.is_uppercase() || "-'’".contains(c))
}

/// The longest rapporteur's name read before a bare agenda number, in bytes.
const MAX_NAME_BYTES: usize = 64;

/// True when `s` is a person's name as a rapporteur line prints it: two to
/// four words, each opening on a capital, of letters, hyphens and
/// apostrophes (`Philippe SAUREL`, `Amina BENOUARGHA-JAFFIOL`).
fn is_name_line(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || "-'’".contains(c))
        })
}

/// The headings of [`ordinal_alone`] whose title starts on the next
/// non-blank line (at most one blank line between).
fn alone_candidates(src: &Source, lines: &[Line]) -> Vec<Cand> {
    let mut out = Vec::new();
    for (k, l) in lines.iter().enumerate() {
        let Some(head) = ordinal_alone(line_text(src, l)) else {
            continue;
        };
        let below = lines
            .iter()
            .skip(k + 1)
            .take(2)
            .map(|l| line_text(src, l).trim())
            .find(|t| !t.is_empty());
        if below
            .is_some_and(|t| starts_title(t) && !is_any_heading(t) && ordinal_alone(t).is_none())
        {
            out.push(Cand { line: k, head });
        }
    }
    out
}

/// The headings of [`ordinal_bare`] followed, within their block (before
/// a blank line) and at most six lines down, by a vote line: the number and
/// the tally frame the point.
///
/// A first name alone before the number has its surname at the start of
/// the next line, the two-column layout having cut the rapporteur's name
/// (`Sophie 4 Manifestation …` / `BONIFACE-PASCAL`); the block may then
/// hold one blank line.
fn bare_candidates(src: &Source, lines: &[Line]) -> Vec<Cand> {
    let mut out = Vec::new();
    for (k, l) in lines.iter().enumerate() {
        let text = line_text(src, l);
        let Some(head) = ordinal_bare(text) else {
            continue;
        };
        let below = || lines.iter().skip(k + 1).map(|l| line_text(src, l).trim());
        let split_name = split_bare(text).is_some_and(|(name, _, _)| is_first_name(name));
        if split_name
            && !below()
                .find(|t| !t.is_empty())
                .and_then(|t| t.split_whitespace().next())
                .is_some_and(is_surname)
        {
            continue;
        }
        let blanks_allowed = usize::from(split_name);
        let mut blanks = 0;
        let voted = below()
            .take(6)
            .take_while(|t| {
                blanks += usize::from(t.is_empty());
                blanks <= blanks_allowed
            })
            .any(is_vote_line);
        if voted {
            out.push(Cand { line: k, head });
        }
    }
    out
}

/// True when a line states a vote or its tally (`Pour : 58`, `Adopté à
/// l'unanimité`): where a title read below its number ends.
fn is_vote_line(t: &str) -> bool {
    [
        "vote.for",
        "vote.against",
        "vote.abstention",
        "vote.not_voting",
        "vote.adopted",
        "vote.rejected",
        "vote.unanimous",
    ]
    .iter()
    .any(|c| class(c).starts(t).is_some())
}

/// Parses an object heading: `"Objet :" title` (label from `seance.objet`).
///
/// `Objet : Tarifs de la cantine scolaire`
fn objet_heading(line: &str) -> Option<Head> {
    let after = class("seance.objet").starts(line)?;
    let title_at = after + (line[after..].len() - line[after..].trim_start().len());
    if title_at >= line.len() {
        return None;
    }
    Some(Head {
        style: NumberingStyle::Objet,
        number: String::new(),
        ordinal: 0,
        sep: ':',
        title_at,
    })
}

/// Parses an unnumbered heading that is not a deliberation: a short line
/// opening with a `seance.not_deliberation` phrase, optionally after a
/// bullet or an ordinal, and little else.
///
/// `QUESTIONS DIVERSES.`
fn unnumbered_heading(line: &str) -> Option<Head> {
    if line.len() > 100 {
        return None;
    }
    let lead = line
        .char_indices()
        .find(|&(_, c)| c.is_alphabetic())
        .map(|(i, _)| i)?;
    let prefix = &line[..lead];
    if !prefix
        .chars()
        .all(|c| c.is_ascii_digit() || c.is_whitespace() || "•·*-–.)°".contains(c))
    {
        return None;
    }
    let rest = &line[lead..];
    if !rest.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let end = class("seance.not_deliberation").starts(rest)?;
    let tail = rest[end..].trim();
    let tail_ok = tail.is_empty()
        || (tail.chars().next().is_some_and(|c| !c.is_alphanumeric()) && tail.len() <= 70);
    tail_ok.then_some(Head {
        style: NumberingStyle::Unnumbered,
        number: String::new(),
        ordinal: 0,
        sep: ' ',
        title_at: lead,
    })
}

/// Bulleted headings: a line `bullet title` standing apart (a blank line or
/// a page start above it; the title opening with a capital, not ending with
/// "," or ";", at most 250 bytes) whose body opens
/// (`seance.body_opening`: "Monsieur X, rapporteur, expose :") on the next
/// non-blank line or the one after it (a title on two lines).
///
/// `• Cession du chemin de la Rochelle`, a blank line, `Monsieur Paul AUBERT,
/// rapporteur, expose :`
fn bullet_candidates(src: &Source, lines: &[Line]) -> Vec<Cand> {
    let opening = class("seance.body_opening");
    let mut out = Vec::new();
    for (k, l) in lines.iter().enumerate() {
        let text = line_text(src, l);
        let Some(at) = bullet_len(text) else { continue };
        if continues_line_above(src, lines, k) {
            continue;
        }
        let title = text[at..].trim_end();
        if title.len() > 250
            || !title.starts_with(char::is_uppercase)
            || title.ends_with([',', ';'])
        {
            continue;
        }
        let next: Vec<&str> = lines[k + 1..]
            .iter()
            .map(|l| line_text(src, l).trim())
            .skip_while(|t| t.is_empty())
            .take(2)
            .collect();
        let opens = |t: &&str| bullet_len(t).is_none() && opening.starts(t).is_some();
        let second = next
            .get(1)
            .filter(|_| next.first().is_some_and(|t| t.len() <= 120));
        if next.first().is_some_and(opens) || second.is_some_and(opens) {
            out.push(Cand {
                line: k,
                head: Head {
                    style: NumberingStyle::Bullet,
                    number: String::new(),
                    ordinal: 0,
                    sep: '•',
                    title_at: at,
                },
            });
        }
    }
    out
}

/// A title starts with a capital letter, a digit-free opening quote or
/// parenthesis.
/// True when `s` opens on a street address, a number and a street
/// (`seance.street`: `270 rue de Thomassy - Cession`, `3 avenue Foch`): a
/// title naming a property.
fn starts_address(s: &str) -> bool {
    let rest = s.trim_start_matches(|c: char| c.is_ascii_digit());
    (1..=4).contains(&(s.len() - rest.len()))
        && rest.starts_with(' ')
        && class("seance.street").starts(rest).is_some()
}

fn starts_title(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || "«\"(".contains(c))
}

// ---------------------------------------------------------------------------
// Items of a séance

/// A heading found at a line.
#[derive(Debug, Clone)]
struct Cand {
    line: usize,
    head: Head,
}

fn candidates(src: &Source, lines: &[Line], rule: fn(&str) -> Option<Head>) -> Vec<Cand> {
    let ocr = src.origin == TextOrigin::Ocr;
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.len() >= 3)
        .filter_map(|(k, l)| {
            let text = line_text(src, l);
            if let Some(head) = rule(text) {
                return Some(Cand { line: k, head });
            }
            // OCR misreadings of a number's edges: a stray mark before it
            // ("(6.", "f7.", "'14.") and a comma for its full stop ("9,").
            let (skip, fixed) = if ocr { ocr_ordinal(text)? } else { return None };
            rule(&fixed).map(|mut head| {
                head.title_at += skip;
                Cand { line: k, head }
            })
        })
        .collect()
}

/// An OCR'd line that starts with a number misread at its edges, as the
/// number heading it was: the bytes skipped at the start and the repaired
/// line. `None` when the line has nothing to repair.
fn ocr_ordinal(line: &str) -> Option<(usize, String)> {
    let mut chars = line.char_indices();
    let (_, first) = chars.next()?;
    let skip = if first.is_ascii_digit() {
        0
    } else if "([|'‘’\"«fl".contains(first) {
        chars.next().filter(|(_, c)| c.is_ascii_digit())?.0
    } else {
        return None;
    };
    let rest = &line[skip..];
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    let mut fixed = rest.to_string();
    if rest[digits..].starts_with(", ") {
        fixed.replace_range(digits..digits + 1, ".");
    } else if skip == 0 {
        return None;
    }
    Some((skip, fixed))
}

/// The items of a séance document, or `None` when no numbering style gives
/// any.
fn seance_items(src: &Source, lines: &[Line]) -> Option<Vec<Item>> {
    let mut best: Option<(Vec<Cand>, Vec<usize>)> = None;
    // Numbered styles: a number printed twice is a list entry once.
    for rule in [
        register_heading as fn(&str) -> Option<Head>,
        dated_heading,
        deliberation_heading,
    ] {
        let cands = candidates(src, lines, rule);
        let (kept, dropped) = dedupe_numbers(lines, cands);
        if kept.len() > best.as_ref().map_or(0, |b| b.0.len()) {
            best = Some((kept, dropped));
        }
    }
    let mut listing_lines: Vec<usize> = Vec::new();
    // Agenda ordinals win when their headings spread over more of the
    // document: a verbatim PV numbers its points "1-" … "120-" and may end
    // with a table of the maire's decisions whose rows start with register
    // numbers (Montpellier), while a register-numbered PV may hold a short
    // ordinal list of commissions (Chéméré).
    let (ordinals, agenda) = ordinal_items(src, lines);
    let spread = |cs: &[Cand]| -> usize {
        match (cs.first(), cs.last()) {
            (Some(a), Some(b)) if cs.len() >= 2 => lines[b.line].start - lines[a.line].start,
            _ => 0,
        }
    };
    let numbered_len = best.as_ref().map_or(0, |b| b.0.len());
    let numbered = numbered_len > 0
        && (ordinals.len() < 3 || best.as_ref().map_or(0, |b| spread(&b.0)) >= spread(&ordinals));
    let (mut kept, mut dropped) = match best {
        Some(b) if numbered => b,
        _ => {
            // Bulleted points outnumbering a chain of ordinals that no agenda
            // guides: the ordinals are a list inside a point ("1 – NANTAISE
            // DES EAUX : 871 670,00 €", "2 – SAUR …").
            let bullets = if agenda.is_none() && ordinals.len() >= 2 {
                bullet_candidates(src, lines)
            } else {
                Vec::new()
            };
            let kept = if bullets.len() > ordinals.len() {
                bullets
            } else {
                ordinals
            };
            if kept.len() >= 2 || (agenda.is_some() && !kept.is_empty()) {
                if let Some(a) = agenda {
                    listing_lines.push(a);
                }
                (kept, Vec::new())
            } else {
                let objets = candidates(src, lines, objet_heading);
                let bullets = if objets.len() < 2 {
                    bullet_candidates(src, lines)
                } else {
                    Vec::new()
                };
                if objets.len() >= 2 {
                    (objets, Vec::new())
                } else if bullets.len() >= 2 {
                    (bullets, Vec::new())
                } else {
                    return None;
                }
            }
        }
    };
    let style = kept.first().map(|c| c.head.style)?;
    // Headings lost to running-header removal, recovered from furniture.
    let recovered = if matches!(
        style,
        NumberingStyle::Register | NumberingStyle::Dated | NumberingStyle::Ordinal
    ) {
        recover_from_furniture(src, lines, &kept, style)
    } else {
        Vec::new()
    };
    // Unnumbered items (and, after a numbered séance's last item, a trailing
    // ordinal list such as "1. Règlement …, 2. Questions diverses").
    let mut others = candidates(src, lines, unnumbered_heading);
    let first_line = kept.first().map_or(0, |c| c.line);
    others.retain(|c| c.line > first_line && !kept.iter().any(|k| k.line == c.line));
    // An unnumbered heading stands apart: a bare line that goes on from the
    // line above it is a wrapped cell or phrase ("10 DOTATIONS, FONDS" /
    // "DIVERS"); one after a number or bullet is a list entry.
    others.retain(|c| c.head.title_at > 0 || !continues_line_above(src, lines, c.line));
    if numbered {
        let last = kept.iter().map(|c| c.line).max().unwrap_or(0);
        let trailing: Vec<Cand> = candidates(src, lines, ordinal_heading)
            .into_iter()
            .filter(|c| c.line > last && !others.iter().any(|o| o.line == c.line))
            .filter(|c| c.line > 0 && is_blank(src, lines, c.line - 1))
            .collect();
        if trailing.first().is_some_and(|c| c.head.ordinal == 1) {
            others.extend(trailing.into_iter().map(|mut c| {
                c.head.style = NumberingStyle::Unnumbered;
                c
            }));
        }
    }
    // Points added to the agenda at the séance, in a section of their own
    // after the agenda's points; the section's title ends the item before.
    if let Some((title_line, added)) = added_points(src, lines, &kept, &others) {
        listing_lines.push(title_line);
        others.extend(added);
    }
    // Listing titles just above dropped list entries end the item before.
    dropped.sort_unstable();
    for &d in &dropped {
        if let Some(t) = listing_title_above(src, lines, d) {
            listing_lines.push(t);
        }
    }
    // Boundaries: every heading line, kept or not.
    let mut bounds: Vec<usize> = kept
        .iter()
        .chain(others.iter())
        .map(|c| lines[c.line].start)
        .chain(dropped.iter().map(|&d| lines[d].start))
        .chain(listing_lines.iter().map(|&l| lines[l].start))
        .chain(recovered.iter().map(|r| r.0))
        .collect();
    bounds.sort_unstable();
    bounds.dedup();
    let end_of = |start: usize| -> usize {
        let i = bounds.partition_point(|&b| b <= start);
        bounds.get(i).copied().unwrap_or(src.text.len())
    };
    let mut items: Vec<Item> = Vec::new();
    kept.append(&mut others);
    for c in &kept {
        let (title, heading_end) = heading_title(src, lines, c);
        let start = lines[c.line].start;
        let range = start..end_of(start).max(heading_end);
        let is_deliberation = match c.head.style {
            // A numbered "QUESTIONS DIVERSES" with no body is the section
            // the points numbered below it belong to ("2019-03-25
            // QUESTIONS DIVERSES", then "2019-03-25A VENTE …").
            NumberingStyle::Register | NumberingStyle::Dated | NumberingStyle::Deliberation => {
                !(title.as_deref().is_some_and(not_deliberation_title)
                    && src.text[heading_end..range.end].trim().is_empty())
            }
            NumberingStyle::Unnumbered => false,
            _ => title.as_deref().is_none_or(|t| !not_deliberation_title(t)),
        };
        let withdrawn = is_withdrawn(src, title.as_deref(), heading_end..range.end);
        items.push(Item {
            pages: pages_of(src, &range),
            range,
            heading: start..heading_end,
            style: c.head.style,
            number: (!c.head.number.is_empty()).then(|| c.head.number.clone()),
            title,
            is_deliberation,
            withdrawn,
        });
    }
    // Lettered points under a heading that is no deliberation ("QUESTIONS
    // DIVERSES" then "a) …", "b) …") that the council decides on.
    let mut lettered = Vec::new();
    for parent in items.iter_mut().filter(|i| !i.is_deliberation) {
        lettered.extend(lettered_points(src, lines, parent));
    }
    items.append(&mut lettered);
    for (pos, head, title, is_deliberation) in recovered {
        let range = pos..end_of(pos);
        items.push(Item {
            pages: pages_of(src, &range),
            withdrawn: is_withdrawn(src, Some(&title), range.clone()),
            range,
            heading: pos..pos,
            style: head.style,
            number: Some(head.number),
            title: Some(title),
            is_deliberation,
        });
    }
    Some(items)
}

/// The section of points added to the agenda at the séance
/// (`seance.added_points`: "POINTS RAJOUTES A L'ORDRE DU JOUR", a short
/// line of its own after the first point): its title line and the headings
/// of its points, up to the next heading found or the end. Its points are
/// numbered from 1 again ("1. SDED ELECTRIFICATION …", each after a blank
/// line), or not numbered: then the title-like line that opens the section
/// and each one that follows a blank line after a `vote.closing` formula
/// ("Délibération prise en ce sens.") is a point's heading.
fn added_points(
    src: &Source,
    lines: &[Line],
    kept: &[Cand],
    others: &[Cand],
) -> Option<(usize, Vec<Cand>)> {
    let first = kept.first()?.line;
    let added = class("seance.added_points");
    // One search over the text after the first point, each match checked
    // on its line.
    let from = lines.get(first + 1)?.start;
    let title_line = added.find_iter(&src.text[from..]).find_map(|m| {
        let at = from + m.start;
        let k = lines.partition_point(|l| l.end < at);
        let line = lines.get(k)?;
        let raw = line_text(src, line);
        let t = raw.trim();
        let lead = line.start + (raw.len() - raw.trim_start().len());
        let end = from + m.end;
        // A stray mark of OCR may precede it ("LC POINTS RAJOUTES …").
        let alone = t.len() <= 60
            && at >= lead
            && at - lead <= 3
            && end <= line.end
            && src.text[end..line.end]
                .trim_matches([' ', ':', '.'])
                .is_empty();
        alone.then_some(k)
    })?;
    let headed: HashSet<usize> = kept.iter().chain(others).map(|c| c.line).collect();
    let end = (title_line + 1..lines.len())
        .find(|k| headed.contains(k))
        .unwrap_or(lines.len());
    let opening = (title_line + 1..end).find(|&k| !is_blank(src, lines, k))?;
    let mut out: Vec<Cand> = Vec::new();
    // Numbered again from 1 on the opening line, each next heading after
    // a blank line with the same separator (or any, after a number that
    // lost its full stop to OCR).
    let numbered = |k: usize| {
        let t = line_text(src, &lines[k]);
        ordinal_heading(t).or_else(|| spaced_ordinal(t))
    };
    if let Some(head) = numbered(opening).filter(|h| h.ordinal == 1) {
        let sep = head.sep;
        out.push(Cand {
            line: opening,
            head,
        });
        for k in opening + 1..end {
            if !is_blank(src, lines, k - 1) {
                continue;
            }
            let Some(head) = numbered(k) else { continue };
            if head.ordinal as usize == out.len() + 1 && (sep == ' ' || head.sep == sep) {
                out.push(Cand { line: k, head });
            }
        }
    }
    if out.is_empty() {
        let closing = class("vote.closing");
        let after_closing = |k: usize| {
            k > 0
                && is_blank(src, lines, k - 1)
                && (0..k - 1)
                    .rev()
                    .find(|&j| !is_blank(src, lines, j))
                    .is_some_and(|j| closing.starts(line_text(src, &lines[j])).is_some())
        };
        for (k, l) in lines.iter().enumerate().take(end).skip(opening) {
            let t = line_text(src, l).trim();
            if (k == opening || after_closing(k)) && is_added_title(t) {
                out.push(Cand {
                    line: k,
                    head: Head {
                        style: NumberingStyle::Ordinal,
                        number: String::new(),
                        ordinal: 0,
                        sep: ' ',
                        title_at: 0,
                    },
                });
            }
        }
    }
    (!out.is_empty()).then_some((title_line, out))
}

/// An ordinal and a space before a title in capitals, as OCR reads "1."
/// when it loses the full stop: `1 ASSAINISSEMENT : REGULARISATION …`.
fn spaced_ordinal(line: &str) -> Option<Head> {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let title = line.get(digits..)?.strip_prefix(' ')?;
    let word = title.split_whitespace().next()?;
    if digits == 0 || digits > 2 || !names::is_caps(word) || word.contains('.') {
        return None;
    }
    agenda_head(&line[..digits], ' ', digits + 1)
}

/// A line that can title an unnumbered added point: short, opening with a
/// word in capitals that is no initial and name ("Y.ARMAND précise …"), not
/// ending a sentence.
fn is_added_title(t: &str) -> bool {
    let word = t.split_whitespace().next().unwrap_or("");
    t.len() <= 120
        && word.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && names::is_caps(word)
        && !word.contains('.')
        && !t.ends_with('.')
}

static LETTERED: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"^(?:\d{1,3}\.?\s?)?([a-hA-H])\s?[).]\s+(\S)").expect("static regex")
});

/// The lettered points under an item that is no deliberation (`parent`):
/// `15. QUESTIONS DIVERSES` then `a) Régularisation du bornage …`,
/// `b) DÉCISION MODIFICATIVE N° 7/2017` (also `5a)`, `5.a)`, `10A.`, `a.`).
/// Each point stands apart (the line above blank, a page start, or the
/// heading's), its letters
/// run a, b, c … from a; a letter that starts again or a listing title
/// ("DELIBERATIONS") ends them, as the list repeating them closes the
/// document. A point whose body states a decision (an enacting formula or
/// an adoption) is a deliberation, numbered by no register (its number is
/// none); one that only informs stays in its parent. The parent ends where
/// its first point starts.
fn lettered_points(src: &Source, lines: &[Line], parent: &mut Item) -> Vec<Item> {
    let first = lines.partition_point(|l| l.start < parent.heading.end);
    let mut last = lines.partition_point(|l| l.start < parent.range.end);
    let listing = class("seance.listing_title");
    let mut heads: Vec<Cand> = Vec::new();
    for k in first..last {
        let t = line_text(src, &lines[k]).trim_end();
        if t.len() <= 60 && listing.starts(t.trim_start()).is_some() {
            last = k;
            break;
        }
        let Some(c) = LETTERED.find_anchored(t).and_then(|_| LETTERED.captures(t)) else {
            continue;
        };
        let (Some(letter), Some(title)) = (c.get(1), c.get(2)) else {
            continue;
        };
        let index = u32::from(letter.as_str().to_ascii_lowercase().as_bytes()[0] - b'a');
        if index == 0 && !heads.is_empty() {
            last = k;
            break;
        }
        let stands_apart = k == first || !continues_line_above(src, lines, k);
        // "A. S . Cevennes" (an association's initials in a table) is no
        // lettered point: a title does not open on another initial.
        let rest = &t[title.start()..];
        let initials = rest
            .split_whitespace()
            .next()
            .is_some_and(|w| w.trim_end_matches('.').chars().count() == 1)
            && rest.chars().skip(1).find(|c| *c != ' ') == Some('.');
        if index as usize != heads.len() || !stands_apart || initials || !starts_title(rest) {
            continue;
        }
        heads.push(Cand {
            line: k,
            head: Head {
                style: NumberingStyle::Ordinal,
                number: String::new(),
                ordinal: index + 1,
                sep: ')',
                title_at: title.start(),
            },
        });
    }
    let end = lines
        .get(last)
        .map_or(parent.range.end, |l| l.start.min(parent.range.end));
    let decided = |body: &str| {
        super::articles::find_dispositif(body).enacting.is_some()
            || class("vote.adopted").is_match(body)
            || class("vote.rejected").is_match(body)
    };
    let mut out = Vec::new();
    for (n, c) in heads.iter().enumerate() {
        let start = lines[c.line].start;
        let next = heads.get(n + 1).map_or(end, |h| lines[h.line].start);
        let (title, heading_end) = heading_title(src, lines, c);
        let heading_end = heading_end.min(next);
        if !decided(&src.text[heading_end..next]) {
            continue;
        }
        let range = start..next;
        out.push(Item {
            pages: pages_of(src, &range),
            withdrawn: is_withdrawn(src, title.as_deref(), heading_end..next),
            range,
            heading: start..heading_end,
            style: NumberingStyle::Ordinal,
            number: None,
            title,
            is_deliberation: true,
        });
    }
    if let Some(c) = heads.first().filter(|_| !out.is_empty()) {
        parent.range.end = lines[c.line].start.max(parent.heading.end);
        parent.pages = pages_of(src, &parent.range);
    }
    out
}

/// Paragraphs of the preamble (before `end`) that open with a
/// `seance.minutes_approval` phrase: unnumbered items that are not
/// deliberations, inside the preamble.
///
/// `Compte-rendu de la réunion du 13 mars 2023 : Pas d'observations.`
fn minutes_approvals(src: &Source, lines: &[Line], end: usize) -> Vec<Item> {
    let approval = class("seance.minutes_approval");
    let mut out = Vec::new();
    for (k, l) in lines.iter().enumerate() {
        if l.start >= end {
            break;
        }
        let t = line_text(src, l);
        if approval.starts(t).is_none() {
            continue;
        }
        let stop = lines[k..]
            .iter()
            .find(|m| m.start >= end || line_text(src, m).trim().is_empty())
            .map_or(end, |m| m.start.min(end));
        let range = l.start..stop.max(l.end).min(end.max(l.end));
        out.push(Item {
            pages: pages_of(src, &range),
            heading: l.clone(),
            title: Some(clean_title(t)),
            range,
            style: NumberingStyle::Unnumbered,
            number: None,
            is_deliberation: false,
            withdrawn: false,
        });
    }
    out
}

/// Line `k` goes on from the line above it: that line is on the same page,
/// not blank, and does not end a sentence or a label.
fn continues_line_above(src: &Source, lines: &[Line], k: usize) -> bool {
    let Some(above) = k.checked_sub(1).and_then(|j| lines.get(j)) else {
        return false;
    };
    let starts_page = src.pages.iter().any(|p| p.start == lines[k].start);
    let prev = line_text(src, above).trim_end();
    !starts_page && !prev.is_empty()
}

fn is_blank(src: &Source, lines: &[Line], k: usize) -> bool {
    lines
        .get(k)
        .is_none_or(|l| line_text(src, l).trim().is_empty())
}

/// Keeps one candidate per number: the one with the longest body (up to the
/// next candidate); the others are entries of an agenda or closing list.
/// Returns the kept candidates and the lines of the dropped ones.
fn dedupe_numbers(lines: &[Line], cands: Vec<Cand>) -> (Vec<Cand>, Vec<usize>) {
    let body = |k: usize| -> usize {
        let next = cands.get(k + 1).map_or(lines.len(), |c| c.line);
        next.saturating_sub(cands[k].line)
    };
    let mut best: HashMap<String, usize> = HashMap::new();
    for (k, c) in cands.iter().enumerate() {
        let key = number_key(&c.head.number);
        match best.get(&key) {
            Some(&b) if body(b) >= body(k) => {}
            _ => {
                best.insert(key, k);
            }
        }
    }
    let mut kept = Vec::new();
    let mut dropped = Vec::new();
    for (k, c) in cands.iter().enumerate() {
        if best.get(&number_key(&c.head.number)) == Some(&k) {
            kept.push(c.clone());
        } else {
            dropped.push(c.line);
        }
    }
    (kept, dropped)
}

fn number_key(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The line of a listing title ("DELIBERATIONS", "Ordre du jour") just
/// above line `k`, skipping blank lines.
fn listing_title_above(src: &Source, lines: &[Line], k: usize) -> Option<usize> {
    let mut j = k;
    for _ in 0..3 {
        j = j.checked_sub(1)?;
        let t = line_text(src, &lines[j]).trim();
        if t.is_empty() {
            continue;
        }
        if t.len() <= 60 && class("seance.listing_title").starts(t).is_some() {
            return Some(j);
        }
        return None;
    }
    None
}

/// Ordinal items: guided by the agenda when there is one ("Ordre du jour"
/// then a list `1.` … `n.`), else the longest chain of increasing ordinals
/// with one separator. Returns the items and the agenda title line.
fn ordinal_items(src: &Source, lines: &[Line]) -> (Vec<Cand>, Option<usize>) {
    let mut cands = candidates(src, lines, ordinal_heading);
    cands.extend(alone_candidates(src, lines));
    cands.extend(bare_candidates(src, lines));
    cands.sort_by_key(|c| c.line);
    if cands.len() < 2 {
        return (Vec::new(), None);
    }
    if let Some((title_line, agenda)) = agenda(src, lines, &cands) {
        let after = agenda.last().map_or(title_line, |c| c.line);
        let mut kept: Vec<Cand> = Vec::new();
        let mut from = after + 1;
        for entry in &agenda {
            let entry_text = agenda_entry_text(src, lines, entry);
            let want = fold_key(entry_text, 24);
            let found = cands.iter().find(|c| {
                let title = &line_text(src, &lines[c.line])[c.head.title_at..];
                c.line >= from
                    && c.head.ordinal == entry.head.ordinal
                    && (similar_start(&fold_key(title, 24), &want)
                        || similar_words(title, entry_text))
            });
            if let Some(c) = found {
                from = c.line + 1;
                kept.push(c.clone());
            }
        }
        if kept.len() >= 2 || (kept.len() == 1 && agenda.len() == 1) {
            // The agenda can miss points: cut short, misread by OCR ("19."
            // for "10." stops its numbers), or worded otherwise than the
            // heading. The body's chain of headings, up to a number after
            // the last point found that starts again (the sections of an
            // annexed procès-verbal), adds each heading that falls in order
            // among the points found.
            let (line, ordinal) = kept.last().map_or((0, 0), |k| (k.line, k.head.ordinal));
            let restart = cands
                .iter()
                .find(|c| c.line > line && c.head.ordinal <= ordinal)
                .map_or(usize::MAX, |c| c.line);
            let in_order = |c: &Cand| {
                c.line < restart
                    && kept.iter().all(|k| {
                        k.head.ordinal != c.head.ordinal
                            && (k.line < c.line) == (k.head.ordinal < c.head.ordinal)
                    })
            };
            let more: Vec<Cand> = ordinal_chain(src, lines, &cands)
                .into_iter()
                .filter(in_order)
                .collect();
            kept.extend(more);
            kept.sort_by_key(|c| c.line);
            return (kept, Some(title_line));
        }
    }
    (ordinal_chain(src, lines, &cands), None)
}

/// The longest chain of ordinal headings, OCR'd numbers repaired.
fn ordinal_chain(src: &Source, lines: &[Line], cands: &[Cand]) -> Vec<Cand> {
    let mut chain = longest_chain(src, lines, cands);
    if src.origin == TextOrigin::Ocr {
        fill_misread_ordinals(src, lines, &mut chain);
    }
    chain
}

/// Fills the gaps of an OCR'd chain of ordinal headings: between headings
/// `n - 1` and `n + 1`, a line whose number was read as look-alike letters
/// ("B." for "3.", "1S." for "15.") and that then reads as heading `n` with
/// the chain's separator is that heading.
fn fill_misread_ordinals(src: &Source, lines: &[Line], chain: &mut Vec<Cand>) {
    let mut k = 1;
    while k < chain.len() {
        let (a, b) = (&chain[k - 1], &chain[k]);
        let (want, sep) = (a.head.ordinal + 1, a.head.sep);
        let found = (b.head.ordinal > want)
            .then(|| {
                (a.line + 1..b.line).find_map(|j| {
                    let text = line_text(src, &lines[j]);
                    let fixed = digits_for_lookalikes(text, want)?;
                    let head = ordinal_heading(&fixed)?;
                    (head.ordinal == want && head.sep == sep).then_some(Cand { line: j, head })
                })
            })
            .flatten();
        if let Some(c) = found {
            chain.insert(k, c);
        }
        k += 1;
    }
}

/// `line` with its first `n.to_string().len()` characters read as the
/// digits of `n`, when each is that digit or a letter OCR takes for it.
/// The repaired line keeps the original's byte length so that offsets hold.
fn digits_for_lookalikes(line: &str, n: u32) -> Option<String> {
    let digits = n.to_string();
    let mut fixed = String::with_capacity(line.len());
    let mut chars = line.chars();
    let mut letters = 0;
    for d in digits.chars() {
        let c = chars.next()?;
        let alike = match d {
            '0' => "OoD",
            '1' => "lIi|",
            '2' => "Z",
            '3' => "B",
            '4' => "A",
            '5' => "S",
            '6' => "Gb",
            '8' => "B",
            '9' => "gq",
            _ => "",
        };
        if c == d {
            fixed.push(d);
        } else if alike.contains(c) {
            letters += 1;
            // Every look-alike is ASCII: byte offsets hold.
            fixed.push(d);
        } else {
            return None;
        }
    }
    fixed.push_str(chars.as_str());
    (letters > 0).then_some(fixed)
}

/// True when a heading's title says what its agenda entry says in other
/// words ("CANTINE TARIFS REGLEMENT" for "CANTINE SCOLAIRE
/// TARIFS-REGLEMENT"): the same first word, and at least half of the
/// entry's words of four letters or more in the title.
fn similar_words(title: &str, entry: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .map(|w| w.chars().map(fold_char).collect::<String>())
            .filter(|w| w.chars().count() >= 4)
            .collect()
    };
    let (t, e) = (words(title), words(entry));
    let shared = e.iter().filter(|w| t.contains(w)).count();
    e.len() >= 2 && t.first() == e.first() && shared * 2 >= e.len()
}

fn similar_start(a: &str, b: &str) -> bool {
    let n = a.len().min(b.len());
    n >= 6 && a.as_bytes()[..n] == b.as_bytes()[..n]
}

/// The agenda: a line opening with `seance.agenda_title` followed within
/// four lines by ordinal entries, each within twelve lines of the previous,
/// numbers increasing.
fn agenda(src: &Source, lines: &[Line], cands: &[Cand]) -> Option<(usize, Vec<Cand>)> {
    let title_class = class("seance.agenda_title");
    for (k, l) in lines.iter().enumerate() {
        let t = line_text(src, l).trim();
        if t.len() > 50 || title_class.starts(t).is_none() {
            continue;
        }
        let mut entries: Vec<Cand> = Vec::new();
        let mut last_line = k;
        let mut last_ord = 0;
        for c in cands.iter().filter(|c| c.line > k) {
            // Entries may carry a few sub-lines each (Pierrefonds: "1.
            // Budget - Commune" then its "• Affectation du résultat …").
            let gap = if entries.is_empty() { 4 } else { 12 };
            if c.line - last_line > gap || c.head.ordinal <= last_ord {
                break;
            }
            last_line = c.line;
            last_ord = c.head.ordinal;
            entries.push(c.clone());
        }
        if !entries.is_empty() {
            return Some((k, entries));
        }
    }
    None
}

fn agenda_entry_text<'a>(src: &'a Source, lines: &[Line], c: &Cand) -> &'a str {
    line_text(src, &lines[c.line])
        .get(c.head.title_at..)
        .unwrap_or("")
}

/// The longest chain of ordinal candidates with one separator kind, each
/// number one to three above the previous, starting at 1 or 2. A candidate
/// right under a line ending with ":" opens a list inside a body and is
/// left out. Linear: the best chain ending at each ordinal is kept in a map.
fn longest_chain(src: &Source, lines: &[Line], cands: &[Cand]) -> Vec<Cand> {
    let usable: Vec<&Cand> = cands
        .iter()
        .filter(|c| {
            let prev = (0..c.line)
                .rev()
                .take(3)
                .map(|j| line_text(src, &lines[j]).trim())
                .find(|t| !t.is_empty());
            !prev.is_some_and(|p| p.ends_with(':'))
        })
        .collect();
    let mut best_overall: Vec<usize> = Vec::new();
    let mut best_is_list = false;
    for sep in ['.', ')', '°', '-', ' '] {
        let group: Vec<&&Cand> = usable.iter().filter(|c| c.head.sep == sep).collect();
        // chain_len[i], parent[i]; ends[ordinal] = index of best chain end.
        let mut len = vec![0usize; group.len()];
        let mut parent = vec![usize::MAX; group.len()];
        let mut ends: HashMap<u32, usize> = HashMap::new();
        // How many headings of the chain ending at each candidate are in a
        // list: on the line after another candidate, or the one after.
        let mut close = vec![0usize; group.len()];
        let mut in_list = vec![false; group.len()];
        let numbered: HashSet<usize> = cands
            .iter()
            .filter(|c| c.head.sep == sep)
            .map(|c| c.line)
            .collect();
        for (i, c) in group.iter().enumerate() {
            let o = c.head.ordinal;
            let mut best: Option<usize> = None;
            for d in 1..=3 {
                if let Some(&j) = o.checked_sub(d).and_then(|p| ends.get(&p)) {
                    if best.is_none_or(|b| len[j] > len[b]) {
                        best = Some(j);
                    }
                }
            }
            // On the line after another candidate, or the one after (one
            // under a colon included, though it starts no chain).
            let listed =
                (1..=2).any(|d| c.line.checked_sub(d).is_some_and(|l| numbered.contains(&l)));
            in_list[i] = listed;
            match best {
                Some(j) => {
                    len[i] = len[j] + 1;
                    parent[i] = j;
                    close[i] = close[j] + usize::from(listed);
                }
                None if o <= 2 => len[i] = 1,
                None => continue,
            }
            // A later number as far into its chain replaces the earlier,
            // but for an entry of a list (on the line after its previous
            // one): a numbered list inside a point's body does not take
            // over the chain of the séance's points.
            let replace = ends
                .get(&o)
                .is_none_or(|&e| len[i] > len[e] || (len[i] == len[e] && !listed));
            if replace {
                ends.insert(o, i);
            }
        }
        // A chain whose headings mostly follow each other line after line
        // is a list of them (an agenda, a closing summary): a chain at
        // least half as long whose headings have bodies is the séance's.
        let dense = |i: usize| close[i] > 0 && close[i] * 2 + 1 >= len[i];
        let longest = len
            .iter()
            .enumerate()
            .max_by_key(|&(i, &l)| (l, !in_list[i], i));
        let chosen = match longest {
            Some((i, &l)) if l >= 3 && dense(i) => len
                .iter()
                .enumerate()
                .filter(|&(k, &m)| m >= 2 && m * 2 >= l && !dense(k))
                .max_by_key(|&(k, &m)| (m, k))
                .or(longest),
            other => other,
        };
        if let Some((end, &l)) = chosen {
            // Across separators the same rule holds: a list (a chain of
            // consecutive lines, "1) CHENEDOUIT 5" … "9) …") gives way to
            // a chain with bodies at least half as long, and keeps the
            // place against a shorter one.
            let is_list = l >= 3 && dense(end);
            let better = match (is_list, best_is_list) {
                (false, true) => l >= 2 && l * 2 >= best_overall.len(),
                (true, false) => best_overall.len() < 2 || best_overall.len() * 2 < l,
                _ => l > best_overall.len(),
            };
            if better {
                let mut chain = Vec::new();
                let mut i = end;
                while i != usize::MAX {
                    chain.push(group[i].line);
                    i = parent[i];
                }
                chain.reverse();
                best_overall = chain;
                best_is_list = is_list;
            }
        }
    }
    if best_overall.len() < 2 {
        return Vec::new();
    }
    cands
        .iter()
        .filter(|c| best_overall.contains(&c.line))
        .cloned()
        .collect()
}

/// Headings of the chosen style found only in [`Source::furniture`] (the
/// normalizer took them for running lines because the agenda or closing
/// list repeats them at a page edge). Each is placed at the start or the end
/// of its page, whichever keeps the numbers in order; recovered only when
/// its number is missing from the text. Returns (offset, head, title,
/// is a deliberation).
fn recover_from_furniture(
    src: &Source,
    lines: &[Line],
    kept: &[Cand],
    style: NumberingStyle,
) -> Vec<(usize, Head, String, bool)> {
    let rule = match style {
        NumberingStyle::Register => register_heading,
        NumberingStyle::Ordinal => ordinal_heading,
        _ => dated_heading,
    };
    let sep = kept.first().map_or(' ', |c| c.head.sep);
    let known: Vec<(u32, usize)> = kept
        .iter()
        .map(|c| (c.head.ordinal, lines[c.line].start))
        .collect();
    let mut seen: Vec<String> = kept.iter().map(|c| number_key(&c.head.number)).collect();
    let mut out = Vec::new();
    for (i, f) in src.furniture.iter().enumerate() {
        let Some(head) = rule(&f.text) else { continue };
        if style == NumberingStyle::Ordinal && head.sep != sep {
            continue;
        }
        let key = number_key(&head.number);
        if seen.contains(&key) {
            continue;
        }
        let Some(page) = src.pages.iter().find(|p| p.number == f.page) else {
            continue;
        };
        let mut title = f.text.get(head.title_at..).unwrap_or("").to_string();
        // Furniture of a page is stored bottom line first: the line before
        // in the list is the heading's next line.
        if let Some(prev) = i.checked_sub(1).and_then(|j| src.furniture.get(j)) {
            if prev.page == f.page && rule(&prev.text).is_none() && ends_open(&title) {
                title.push(' ');
                title.push_str(&prev.text);
            }
        }
        let lower = known
            .iter()
            .filter(|(o, _)| *o < head.ordinal)
            .map(|&(_, p)| p)
            .max();
        let upper = known
            .iter()
            .filter(|(o, _)| *o > head.ordinal)
            .map(|&(_, p)| p)
            .min();
        let fits = |p: usize| lower.is_none_or(|l| l < p) && upper.is_none_or(|u| p <= u);
        let pos = [page.start, (page.end + 1).min(src.text.len())]
            .into_iter()
            .find(|&p| fits(p));
        if let Some(pos) = pos {
            seen.push(key);
            let title = clean_title(&title);
            let is_deliberation =
                style != NumberingStyle::Ordinal || !not_deliberation_title(&title);
            out.push((pos, head, title, is_deliberation));
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Titles

/// Words after which a title goes on to the next line.
const OPEN_ENDINGS: &[&str] = &[
    "de", "du", "des", "la", "le", "les", "à", "a", "au", "aux", "et", "ou", "pour", "sur", "en",
    "d'", "l'", "par", "avec", "dans", "entre", "sous", "vers", "«",
];

fn ends_open(title: &str) -> bool {
    let t = title.trim_end();
    t.ends_with([',', ':', '–', '-', '—', '«', '\'']) || ends_on_open_word(t)
}

/// The title ends on a preposition or article ("… autorisation à donner
/// à" / "Madame le Maire pour …").
fn ends_on_open_word(title: &str) -> bool {
    let last = title
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .to_lowercase();
    OPEN_ENDINGS.contains(&last.as_str())
}

/// True when `s` has at least three letters and no small letter, but in a
/// word that opens with a digit ("(35h)", "2ème", "m2" excepted).
fn is_all_caps(s: &str) -> bool {
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 3
        && s.split_whitespace().all(|w| {
            let w = w.trim_start_matches(|c: char| !c.is_alphanumeric());
            w.starts_with(|c: char| c.is_ascii_digit()) || !w.chars().any(char::is_lowercase)
        })
}

/// The title of a heading and the end offset of its last line: the rest of
/// the heading line, continued on the next lines while they carry on the
/// title (lower-case start, the line before ends on an open word, both in
/// capitals, a short year line, or a dash sub-line under an agenda
/// ordinal); for a deliberation label without title, the "Objet :" line
/// below.
fn heading_title(src: &Source, lines: &[Line], c: &Cand) -> (Option<String>, usize) {
    let line = line_text(src, &lines[c.line]);
    let mut end = lines[c.line].end;
    let mut title = line.get(c.head.title_at..).unwrap_or("").trim().to_string();
    let mut k = c.line;
    // A number alone on its line: the title is the block below, up to a
    // blank line or the tally.
    if title.is_empty() && c.head.style == NumberingStyle::Ordinal {
        let mut j = c.line + 1;
        while j < lines.len() && line_text(src, &lines[j]).trim().is_empty() && j <= c.line + 2 {
            j += 1;
        }
        let mut parts: Vec<&str> = Vec::new();
        while j < lines.len() && parts.len() < 5 {
            let t = line_text(src, &lines[j]).trim();
            if t.is_empty() || is_vote_line(t) || is_any_heading(t) || ordinal_alone(t).is_some() {
                break;
            }
            parts.push(t);
            end = lines[j].end;
            j += 1;
        }
        let title = clean_title(&parts.join(" "));
        return ((!title.is_empty()).then_some(title), end);
    }
    if title.is_empty() && c.head.style == NumberingStyle::Deliberation {
        let mut below = lines.iter().enumerate().skip(c.line + 1).take(4);
        if let Some((j, l)) = below.find(|(_, l)| !line_text(src, l).trim().is_empty()) {
            let t = line_text(src, l).trim();
            title = match class("seance.objet").starts(t) {
                Some(e) => t[e..].trim().to_string(),
                None => t.to_string(),
            };
            end = l.end;
            k = j;
        }
    }
    let heading_caps = is_all_caps(&title);
    // Lines before an opening of the body ("Monsieur le Maire, rapporteur")
    // all belong to the title.
    let until_body = if c.head.style == NumberingStyle::Ordinal {
        0
    } else {
        body_opening_within(src, lines, k + 1, 1)
    };
    let max_more = if c.head.style == NumberingStyle::Ordinal {
        10
    } else {
        4
    };
    let mut more = 0;
    let mut j = k + 1;
    while more < max_more && j < lines.len() {
        let mut t = line_text(src, &lines[j]).trim();
        let mut skip_blank = false;
        if t.is_empty() && c.head.style == NumberingStyle::Ordinal && more == 0 {
            // A dash sub-line may sit one blank line under the heading.
            if let Some(n) = lines.get(j + 1) {
                let nt = line_text(src, n).trim();
                if starts_dash(nt) {
                    t = nt;
                    skip_blank = true;
                }
            }
        }
        if t.is_empty()
            || is_any_heading(t)
            || (starts_with_civility(t) && !ends_on_open_word(&title))
            || (c.head.sep == ' ' && is_vote_line(t))
        {
            break;
        }
        let first = t.chars().next().unwrap_or(' ');
        let dash_sub = c.head.style == NumberingStyle::Ordinal && starts_dash(t);
        let continues = more < until_body
            || first.is_lowercase()
            || dash_sub
            || "(«".contains(first)
            || ends_open(&title)
            || (heading_caps && is_all_caps(t) && t.len() <= 120)
            || (first.is_ascii_digit() && t.len() <= 12);
        if !continues {
            break;
        }
        if skip_blank {
            j += 1;
        }
        title.push(' ');
        title.push_str(t);
        end = lines[j].end;
        more += 1;
        j += 1;
    }
    let title = clean_title(&title);
    ((!title.is_empty()).then_some(title), end)
}

/// How many lines from `from` come before a line opening the body
/// (`seance.body_opening`), when one does within `max` non-blank lines that
/// are not headings; 0 when none does.
fn body_opening_within(src: &Source, lines: &[Line], from: usize, max: usize) -> usize {
    let opening = class("seance.body_opening");
    for n in 0..=max {
        let Some(l) = lines.get(from + n) else {
            return 0;
        };
        let t = line_text(src, l).trim();
        if t.is_empty() || is_any_heading(t) {
            return 0;
        }
        if opening.starts(t).is_some() {
            return n;
        }
    }
    0
}

/// A body sentence about a member ("Monsieur Nicolas X, référent, présente
/// …") never continues a title.
fn starts_with_civility(t: &str) -> bool {
    let w = t.split_whitespace().next().unwrap_or("");
    [
        "Monsieur",
        "Madame",
        "Mademoiselle",
        "M.",
        "Mme",
        "Mlle",
        "MM.",
    ]
    .contains(&w)
}

fn starts_dash(t: &str) -> bool {
    t.starts_with(['−', '-', '–', '•', '—'])
}

fn is_any_heading(t: &str) -> bool {
    register_heading(t).is_some()
        || dated_heading(t).is_some()
        || deliberation_heading(t).is_some()
        || ordinal_heading(t).is_some()
}

/// True when a numbered item's title says it is no deliberation
/// (`seance.not_deliberation`): at its start ("QUESTIONS DIVERSES"), or
/// after a subject in capitals and a dash ("ÉLUS - Décisions prises par le
/// maire dans le cadre de sa délégation"), where only a phrase of several
/// words counts ("TRAVAUX - Divers aménagements" is a deliberation).
fn not_deliberation_title(t: &str) -> bool {
    let class = class("seance.not_deliberation");
    if class.starts(t).is_some() {
        return true;
    }
    subject_dash(t).is_some_and(|rest| {
        class
            .starts(rest)
            .is_some_and(|end| rest[..end].trim().contains(char::is_whitespace))
    })
}

/// What follows a title's leading subject in capitals and its dash:
/// "ÉLUS -— Congrès des maires" gives "Congrès des maires".
fn subject_dash(t: &str) -> Option<&str> {
    let dash = [" -", " –", " —"].iter().filter_map(|d| t.find(d)).min()?;
    let subject = t[..dash].trim();
    let caps = !subject.is_empty() && subject.split_whitespace().all(names::is_caps);
    let after = t[dash..].trim_start_matches(['-', '–', '—', ' ']);
    (caps && !after.is_empty()).then_some(after)
}

/// Folds white space, cuts a trailing ", Rapporteur M. X" and the closing
/// punctuation.
fn clean_title(t: &str) -> String {
    let mut t = fold_ws(t);
    if let Some(r) = class("seance.title_trailer").find(&t) {
        if r.start > 0 {
            t.truncate(r.start);
        }
    }
    let trimmed = t
        .trim_end_matches(|c: char| c.is_whitespace() || ".,;:–-".contains(c))
        .trim_start_matches(|c: char| c.is_whitespace() || "–-:".contains(c));
    trimmed.to_string()
}

fn fold_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Folded alphanumerics of `s`, at most `n` of them.
fn fold_key(s: &str, n: usize) -> String {
    s.chars()
        .map(fold_char)
        .filter(char::is_ascii_alphanumeric)
        .take(n)
        .collect()
}

/// Withdrawn: the title says so, or a short body does.
fn is_withdrawn(src: &Source, title: Option<&str>, body: Range<usize>) -> bool {
    let w = class("seance.withdrawn");
    if title.is_some_and(|t| w.is_match(t)) {
        return true;
    }
    let text = src.text.get(body).unwrap_or("");
    text.len() <= 600 && text.lines().any(|l| w.is_match(l.trim()))
}

// ---------------------------------------------------------------------------
// Attendance changes

/// Whether a member comes in or goes out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoveKind {
    /// "arrivée de M. X", "M. X rejoint la séance".
    Arrival,
    /// "M. Y quitte la séance", "départ de Mme Z".
    Departure,
}

/// A member arriving or leaving during the séance.
#[derive(Debug, Clone, PartialEq)]
pub struct Movement {
    /// The member, as printed, civility removed.
    pub name: String,
    /// In or out.
    pub kind: MoveKind,
    /// Index in [`Segmentation::items`] of the first item the change
    /// applies to.
    pub from_item: usize,
    /// Read in the preamble, where the attendance lists already show the
    /// member's final state (Aiglun: "Myriam TRAVERSA (arrivée au début de
    /// la délibération n°03)" is printed among the présents).
    pub in_preamble: bool,
    /// Where it was read, offsets into [`Source::text`].
    pub span: Range<usize>,
    /// The member a leaving member gives their pouvoir to ("quitte la séance
    /// en donnant procuration à M. X"), as printed.
    pub proxy: Option<String>,
    /// The represented member whose pouvoir the moving member holds and
    /// takes along ("M. X avec sa procuration (Y) sort de séance"): Y is no
    /// longer represented while X is out, and is represented by X again
    /// when X comes back.
    pub carries: Option<String>,
    /// The mover is the president, named by office ("Mme le Maire sort de
    /// séance"); `name` is the office until [`name_president`] puts the
    /// president's name in its place.
    pub president: bool,
    /// An arrival that says the member comes back ("M. X revient en
    /// séance"): they were in the séance before it.
    pub returning: bool,
}

static NAME: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?:\b(?:M\.|Mme|Mlle|Mr|Monsieur|Madame|Mademoiselle)\s+)((?:[A-ZÀ-Ý][\w'’-]*\s+){0,3}[A-ZÀ-Ý][\wÀ-ÿ'’-]+)",
    )
    .expect("static regex")
});
static BARE_NAME: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"((?:[A-ZÀ-Ý][\wà-ÿ'’-]+\s+){1,3}[A-ZÀ-Ý][A-ZÀ-Ý'’-]+)\s*\(?\s*$")
        .expect("static regex")
});
static TARGET: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(avant|après|apres|à|a|au|dès|des|à partir)\b[^.;\n]{0,40}?\b(?:délibération|deliberation|point|question|dossier|rapport)s?\s*(?:n\s?°|no|numéro)?\s*([0-9](?:[0-9/._-]*[0-9])?)")
        .expect("static regex")
});

/// The arrivals and departures printed in the séance, each with the first
/// item it applies to: the item its target names ("à la délibération
/// n° 5", "après le vote du point 4"), else the item after the one where
/// it is printed.
pub fn movements(src: &Source, seg: &Segmentation) -> Vec<Movement> {
    let mut out = Vec::new();
    if seg.kind != DocumentKind::Seance || seg.items.is_empty() {
        return out;
    }
    // The kind of move, its phrases, whether they count only with the
    // item they point at, and whether they say the member comes back.
    let phrases = [
        (MoveKind::Arrival, class("seance.arrival"), false, false),
        (
            MoveKind::Arrival,
            class("seance.arrival_targeted"),
            true,
            false,
        ),
        (MoveKind::Arrival, class("seance.return"), false, true),
        (MoveKind::Departure, class("seance.departure"), false, false),
        (
            MoveKind::Departure,
            class("seance.departure_targeted"),
            true,
            false,
        ),
    ];
    let mut regions: Vec<(Option<usize>, Range<usize>)> = Vec::new();
    if let Some(p) = &seg.preamble {
        regions.push((None, p.clone()));
    }
    for (i, it) in seg.items.iter().enumerate() {
        regions.push((Some(i), it.range.clone()));
    }
    for (at, region) in regions {
        let Some(text) = src.text.get(region.clone()) else {
            continue;
        };
        // Every phrase of the region in reading order: a clause's subject
        // starts after the phrase before it ("M. X sort de séance, Mme Y
        // entre en séance").
        let mut found: Vec<(Range<usize>, usize)> = Vec::new();
        for (c, (_, phrase, _, _)) in phrases.iter().enumerate() {
            found.extend(phrase.find_iter(text).map(|m| (m, c)));
        }
        found.sort_by_key(|(m, c)| (m.start, *c));
        let mut prev_end = 0;
        for (m, c) in found {
            let (kind, _, needs_target, returning) = phrases[c];
            let subject_floor = prev_end;
            prev_end = prev_end.max(m.end);
            if out.iter().any(|o: &Movement| {
                o.span.start <= region.start + m.start && region.start + m.start < o.span.end
            }) {
                continue;
            }
            let (s_start, s_end) = sentence_around(text, m.start, m.end);
            let after_text = &text[m.end..s_end];
            let target = target_item(seg, after_text);
            if needs_target && target.is_none() {
                continue;
            }
            let (from_item, in_preamble) = match (target, at) {
                (Some(t), _) => (t, at.is_none()),
                // Printed before the item's vote: the item's own.
                (None, Some(i)) if vote_after(&text[s_end..]) => (i, false),
                (None, Some(i)) => (i + 1, false),
                // An arrival printed in the preamble with no item comes
                // before the first ("… arrivent en séance et récupèrent leur
                // procuration"): present for every item. One at a time of
                // day ("Mme X (arrivée à 19h13)") may fall after any item.
                (None, None)
                    if kind == MoveKind::Arrival
                        && !text[m.clone()].ends_with(|c: char| c.is_ascii_digit()) =>
                {
                    (0, false)
                }
                (None, None) => continue,
            };
            let movers = subject_movers(text, subject_floor, m.start).or_else(|| {
                let sentence = &text[s_start..s_end];
                mover_name(sentence, m.start - s_start).map(|name| vec![Mover::named(name)])
            });
            let Some(movers) = movers else { continue };
            let proxy = match kind {
                // A pouvoir given on leaving is one member's; its holder may
                // be named on the next line ("… en donnant procuration\nà
                // Mme X.").
                MoveKind::Departure if movers.len() == 1 => {
                    departure_proxy(&text[m.end..clause_end(text, m.end)])
                }
                _ => None,
            };
            for mv in movers {
                out.push(Movement {
                    name: mv.name,
                    kind,
                    from_item,
                    in_preamble,
                    span: region.start + m.start..region.start + m.end,
                    proxy: match kind {
                        MoveKind::Departure => mv.gives.or_else(|| proxy.clone()),
                        MoveKind::Arrival => None,
                    },
                    carries: mv.carries,
                    president: mv.president,
                    returning,
                });
            }
        }
    }
    out
}

/// Whether a vote line follows in the rest of an item: a movement printed
/// above it ("M. X et Mme Y arrivent à 18h36." … "Vote : pour à
/// l'unanimité") changes the attendance of that vote.
fn vote_after(rest: &str) -> bool {
    rest.lines().any(|l| {
        let t = l.trim_start_matches(|c: char| c.is_whitespace() || c == '-' || c == '.');
        is_vote_line(t) || class("seance.vote_label").starts(t).is_some()
    })
}

/// Puts the president's name on the movements that name the president by
/// office ("Mme le Maire sort de séance"), and drops them when the séance
/// does not name its president.
pub fn name_president(moves: &mut Vec<Movement>, president: Option<&str>) {
    moves.retain_mut(|m| {
        if !m.president {
            return true;
        }
        match president {
            Some(p) => {
                m.name = p.to_string();
                true
            }
            None => false,
        }
    });
}

/// A member named in the subject of a movement clause.
#[derive(Debug, Clone, PartialEq)]
struct Mover {
    name: String,
    carries: Option<String>,
    president: bool,
    /// The member they give their pouvoir to on leaving.
    gives: Option<String>,
}

impl Mover {
    fn named(name: String) -> Mover {
        Mover {
            name,
            carries: None,
            president: false,
            gives: None,
        }
    }
}

/// The members named before a movement phrase at `phrase_at`, when the
/// clause opens on a list of them ("Mmes A et B, M. C sortent de séance",
/// "Messieurs A, B, et C avec Mme D …"). The subject runs back to the
/// phrase before (`floor`), a sentence end or a blank line; when it does
/// not open on the list, the list may start on one of its later lines
/// ("Adopté à l'unanimité\nMM. A et B sortent de séance").
fn subject_movers(text: &str, floor: usize, phrase_at: usize) -> Option<Vec<Mover>> {
    let region = text.get(floor..phrase_at)?;
    let start = region
        .char_indices()
        .rev()
        .find(|&(i, c)| {
            matches!(c, ';' | ':' | '!' | '?')
                || (c == '.' && ends_sentence(text, floor + i))
                || (c == '\n' && region[..i].trim_end_matches([' ', '\t']).ends_with('\n'))
        })
        .map_or(0, |(i, c)| i + c.len_utf8());
    let subject = &region[start..];
    if let Some(list) = mover_list(subject) {
        return Some(list);
    }
    subject
        .match_indices('\n')
        .find_map(|(i, _)| mover_list(&subject[i + 1..]))
}

/// The civilities that open a name in a list of movers, singular and plural.
const LIST_CIVILITIES: [&str; 14] = [
    "M.",
    "MM.",
    "Mme",
    "Mmes",
    "Mlle",
    "Mlles",
    "Mr",
    "Monsieur",
    "Madame",
    "Mademoiselle",
    "Messieurs",
    "Mesdames",
    "Mesdemoiselles",
    "Mme.",
];

/// Reads a subject that is only a list of members: names after a civility
/// (later names may share the one before: "Mmes A et B"), joined by ",",
/// "et", "avec"; "Mme le Maire" is the president; "avec sa procuration
/// (Y)" or "(avec la procuration de Mme Y)" after a name is the pouvoir it
/// carries. Anything else in the subject gives `None`.
fn mover_list(subject: &str) -> Option<Vec<Mover>> {
    let toks = list_tokens(subject);
    let mut out: Vec<Mover> = Vec::new();
    // After the phrase before: "… sortent de séance, Mme X entre …".
    let mut i = toks
        .iter()
        .take_while(|t| **t == "," || **t == "et")
        .count();
    let civility = |t: &str| LIST_CIVILITIES.contains(&t);
    // The list opens on a civility: prose before a phrase never does.
    if !toks.get(i).is_some_and(|t| civility(t)) {
        return None;
    }
    loop {
        while toks.get(i).is_some_and(|t| civility(t)) {
            i += 1;
        }
        let office = |t: Option<&&str>| {
            t.is_some_and(|t| {
                ["maire", "président", "présidente"].contains(&t.to_lowercase().as_str())
            })
        };
        if toks.get(i).is_some_and(|t| *t == "le" || *t == "la") && office(toks.get(i + 1)) {
            out.push(Mover {
                name: format!("{} {}", toks[i], toks[i + 1]),
                carries: None,
                president: true,
                gives: None,
            });
            i += 2;
        } else {
            let (name, next) = list_name(&toks, i)?;
            out.push(Mover::named(name));
            i = next;
        }
        // The pouvoir the member holds: "avec sa procuration (Y)", "(avec la
        // procuration de Mme Y)"; "A et B avec leurs procurations (Y et Z)"
        // gives A's to Y and B's to Z.
        let open = toks.get(i) == Some(&"(");
        let mut j = i + usize::from(open);
        if open && toks.get(j) == Some(&"qui") {
            j += 1;
        }
        if open
            && toks.get(j).is_some_and(|t| t.starts_with("récup"))
            && toks
                .get(j + 2)
                .is_some_and(|t| t.starts_with("procuration"))
            && toks.get(j + 3) == Some(&")")
        {
            // "(récupère sa procuration)", "(qui récupère sa procuration)":
            // the member's own pouvoir, which their arrival ends anyway.
            i = j + 4;
        }
        let open = toks.get(i) == Some(&"(");
        j = i + usize::from(open);
        let with = toks.get(j) == Some(&"avec");
        j += usize::from(with);
        if toks
            .get(j)
            .is_some_and(|t| ["sa", "la", "leur", "leurs", "les"].contains(t))
        {
            j += 1;
        }
        // "avec sa procuration", or "procuration" alone in brackets.
        if (with || open)
            && toks
                .get(j)
                .is_some_and(|t| *t == "procuration" || *t == "procurations")
        {
            let mut k = j + 1;
            if toks.get(k) == Some(&"de") {
                k += 1;
            }
            let inner = toks.get(k) == Some(&"(");
            k += usize::from(inner);
            let mut carried = Vec::new();
            loop {
                while toks.get(k).is_some_and(|t| civility(t)) {
                    k += 1;
                }
                let Some((name, next)) = list_name(&toks, k) else {
                    break;
                };
                carried.push(name);
                k = next;
                if toks.get(k) == Some(&",") || toks.get(k) == Some(&"et") {
                    k += 1;
                } else {
                    break;
                }
            }
            if carried.len() > out.len() {
                return None;
            }
            let first = out.len() - carried.len();
            for (mv, name) in out[first..].iter_mut().zip(carried) {
                mv.carries = Some(name);
            }
            for closed in [inner, open] {
                if closed {
                    if toks.get(k) != Some(&")") {
                        return None;
                    }
                    k += 1;
                }
            }
            i = k;
        } else if open {
            return None;
        }
        // "M. X donne procuration à M. Y et sort de séance".
        if out.len() == 1
            && toks
                .get(i)
                .is_some_and(|t| *t == "donne" || *t == "donnant")
        {
            let mut k = i + 1;
            if toks.get(k) == Some(&"sa") {
                k += 1;
            }
            if toks.get(k) != Some(&"procuration") || toks.get(k + 1) != Some(&"à") {
                return None;
            }
            k += 2;
            while toks.get(k).is_some_and(|t| civility(t)) {
                k += 1;
            }
            let (name, next) = list_name(&toks, k)?;
            out[0].gives = Some(name);
            return match toks.get(next) {
                None => Some(out),
                Some(&"et") | Some(&",") if next + 1 == toks.len() => Some(out),
                _ => None,
            };
        }
        match toks.get(i) {
            None => return Some(out),
            Some(&",") => {
                i += 1;
                if toks.get(i) == Some(&"et") {
                    i += 1;
                }
            }
            Some(&"et") | Some(&"avec") => i += 1,
            Some(_) => return None,
        }
        if i >= toks.len() {
            return None;
        }
    }
}

/// A name in a list of movers from token `i`: capitalised words or
/// initials ("H. Martin"), with the particles "de", "du", "d'", up to
/// four words. Gives the name and the index after it.
fn list_name(toks: &[&str], i: usize) -> Option<(String, usize)> {
    let mut words: Vec<&str> = Vec::new();
    let mut k = i;
    while let Some(t) = toks.get(k) {
        let capital = t.chars().next().is_some_and(char::is_uppercase);
        let particle =
            ["de", "du", "d'", "d’"].contains(t) || t.starts_with("d'") || t.starts_with("d’");
        let next_capital = toks
            .get(k + 1)
            .and_then(|n| n.chars().next())
            .is_some_and(char::is_uppercase);
        if !(capital || (particle && next_capital && !words.is_empty())) || words.len() == 4 {
            break;
        }
        if LIST_CIVILITIES.contains(t) {
            break;
        }
        words.push(t);
        k += 1;
    }
    // A name ends on a word, not an initial.
    if words.is_empty() || words.last().is_some_and(|w| w.ends_with('.')) {
        return None;
    }
    Some((words.join(" "), k))
}

/// The tokens of a subject: words (letters, digits, "'", "-", ".") and the
/// punctuation ",", "(", ")"; any other character is a token of its own.
fn list_tokens(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        let word = c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '.');
        if word {
            start.get_or_insert(i);
            continue;
        }
        if let Some(b) = start.take() {
            out.push(&s[b..i]);
        }
        if !c.is_whitespace() {
            out.push(&s[i..i + c.len_utf8()]);
        }
    }
    if let Some(b) = start {
        out.push(&s[b..]);
    }
    out
}

/// The clause holding `start..end`: from the previous clause end (line
/// end, ";", or a "." that ends a sentence rather than "M." or an initial)
/// to the next one, or ")".
fn sentence_around(text: &str, start: usize, end: usize) -> (usize, usize) {
    let before = |upto: usize| -> usize {
        text[..upto]
            .char_indices()
            .rev()
            .find(|&(i, c)| {
                c == '\n' || c == ';' || c == ',' || (c == '.' && ends_sentence(text, i))
            })
            .map_or(0, |(i, c)| i + c.len_utf8())
    };
    let mut s = before(start);
    if text[s..start].trim().is_empty() && s > 0 {
        // The name may be on the clause before ("Mme X,\narrivée à …").
        s = before(s - 1);
    }
    let e = text[end..]
        .char_indices()
        .find(|&(i, c)| {
            c == '\n' || c == ';' || c == ')' || (c == '.' && ends_sentence(text, end + i))
        })
        .map_or(text.len(), |(i, _)| end + i);
    (s, e)
}

/// Where the clause running from `from` ends, its lines joined: at ";",
/// ")", a blank line, or a "." that ends a sentence.
fn clause_end(text: &str, from: usize) -> usize {
    text[from..]
        .char_indices()
        .find(|&(i, c)| {
            c == ';'
                || c == ')'
                || (c == '.' && ends_sentence(text, from + i))
                || (c == '\n'
                    && text[from + i + 1..]
                        .trim_start_matches([' ', '\t'])
                        .starts_with('\n'))
        })
        .map_or(text.len(), |(i, _)| from + i)
}

/// Whether the "." at byte `i` ends a sentence: not after a civility
/// abbreviation, "n" (n.) or a single capital (an initial).
fn ends_sentence(text: &str, i: usize) -> bool {
    let word: String = text[..i]
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let abbrev = ["M", "MM", "Mme", "Mmes", "Mlle", "Mr", "Dr", "St", "n", "N"];
    let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    !(abbrev.contains(&word.as_str()) || initial)
}

/// The member named in a clause: the civility and name nearest the phrase,
/// else capitalized words just before it (a list entry "Myriam TRAVERSA
/// (arrivée …").
fn mover_name(clause: &str, phrase_at: usize) -> Option<String> {
    let nearest = NAME
        .captures_iter(clause)
        .filter_map(|c| c.get(1).zip(c.get(0)))
        .min_by_key(|(_, whole)| {
            if whole.start() >= phrase_at {
                whole.start() - phrase_at
            } else {
                phrase_at.saturating_sub(whole.end())
            }
        });
    if let Some((name, _)) = nearest {
        return Some(fold_ws(name.as_str()));
    }
    let before = clause.get(..phrase_at)?;
    BARE_NAME
        .captures(before)
        .and_then(|c| c.get(1))
        .map(|m| fold_ws(m.as_str()))
}

/// The member a departure's pouvoir goes to, named after a proxy link in
/// the rest of its clause: "… quitte la séance en donnant procuration à
/// M. Paul ROUX" gives "Paul ROUX". The bare "à" is no link here.
fn departure_proxy(rest: &str) -> Option<String> {
    let link = class("attendance.proxy_link")
        .find_iter(rest)
        .find(|r| rest[r.clone()].trim().chars().count() > 1)?;
    let after = &rest[link.end..];
    NAME.captures(after)
        .filter(|c| {
            c.get(0)
                .is_some_and(|w| after[..w.start()].trim().is_empty())
        })
        .and_then(|c| c.get(1))
        .map(|m| fold_ws(m.as_str()))
        .or_else(|| names::leading_name(after))
}

/// The item a clause points at ("à la délibération n° 5" gives the item
/// numbered 5; "après … point 4" gives the one after it).
fn target_item(seg: &Segmentation, clause: &str) -> Option<usize> {
    let c = TARGET.captures(clause)?;
    let word = c.get(1)?.as_str().to_lowercase();
    let num: String = c.get(2)?.as_str().trim().to_string();
    let digits: u32 = num
        .rsplit(|ch: char| !ch.is_ascii_digit())
        .find(|s| !s.is_empty())?
        .parse()
        .ok()?;
    let key = number_key(&num);
    let idx = seg.items.iter().position(|it| {
        it.number.as_deref().is_some_and(|n| {
            number_key(n) == key
                || n.rsplit(|ch: char| !ch.is_ascii_digit())
                    .find(|s| !s.is_empty())
                    .and_then(|s| s.parse::<u32>().ok())
                    == Some(digits)
        })
    })?;
    Some(if word.starts_with("apr") {
        idx + 1
    } else {
        idx
    })
}

/// The attendance of item `item`: `carried` (the preamble's lists) with
/// every movement that applies to it. An arrival moves the member to the
/// présents; a departure moves them to the absents. A movement read in the
/// preamble describes lists already in their final state, so it is undone
/// for the items before it instead. Names match ignoring case, accents and
/// word order; a name in no list is added only when the lists are read.
pub fn adjust(carried: &Attendance, moves: &[Movement], item: usize) -> Attendance {
    Adjuster::new(carried, moves).at(item)
}

/// [`adjust`] for every item of a séance: the keys of the carried names and
/// of the moving members are made once, not once per item.
#[derive(Debug)]
pub struct Adjuster<'a> {
    carried: &'a Attendance,
    moves: &'a [Movement],
    /// [`name_key`] of every name below, by number.
    keys: Vec<Vec<String>>,
    /// The numbers of the keys of the carried present, absent, excused and
    /// represented members, and of the moving members.
    present: Vec<usize>,
    absent: Vec<usize>,
    excused: Vec<usize>,
    represented: Vec<usize>,
    moving: Vec<usize>,
    /// The key number of the pouvoir each move carries along.
    carried_by_move: Vec<Option<usize>>,
    /// Whether each move is an arrival read after the preamble that is the
    /// first move of its member: a member the lists show present was out
    /// before it.
    first_arrival: Vec<bool>,
    /// `same[q * keys.len() + k]`: whether key `k` names the member of
    /// key `q`, for the keys a move asks after (its mover's, the pouvoir it
    /// carries); decided once per séance, not once per item.
    same: Vec<bool>,
}

/// A name with the number of its key.
type KeyedName = (String, usize);

/// The most names (members and movers) whose pairs [`Adjuster`] decides
/// once, in a table: 4 MB at most.
const MAX_KEYED_NAMES: usize = 2_048;

impl<'a> Adjuster<'a> {
    /// Keys the names of `carried` and `moves`.
    pub fn new(carried: &'a Attendance, moves: &'a [Movement]) -> Adjuster<'a> {
        let mut keys = Vec::new();
        let mut number = |names: &mut dyn Iterator<Item = &String>| -> Vec<usize> {
            names
                .map(|n| {
                    keys.push(name_key(n));
                    keys.len() - 1
                })
                .collect()
        };
        let present = number(&mut carried.present.iter());
        let absent = number(&mut carried.absent.iter());
        let excused = number(&mut carried.excused.iter());
        let represented = number(&mut carried.represented.iter().map(|p| &p.member));
        let moving = number(&mut moves.iter().map(|m| &m.name));
        let carried_by_move: Vec<Option<usize>> = moves
            .iter()
            .map(|m| {
                m.carries.as_ref().map(|c| {
                    keys.push(name_key(c));
                    keys.len() - 1
                })
            })
            .collect();
        let first_arrival = moves
            .iter()
            .enumerate()
            .map(|(j, m)| {
                m.kind == MoveKind::Arrival
                    && !m.in_preamble
                    && !m.returning
                    && !moving[..j]
                        .iter()
                        .any(|&k| same_keys(&keys[k], &keys[moving[j]]))
            })
            .collect();
        let n = keys.len();
        // A table of n² bytes, kept small: past that the pairs are
        // compared as they come.
        let mut same = Vec::new();
        if !moves.is_empty() && n <= MAX_KEYED_NAMES {
            same = vec![false; n * n];
            let asked = moving.iter().chain(carried_by_move.iter().flatten());
            for &q in asked {
                for k in 0..n {
                    same[q * n + k] = same_keys(&keys[k], &keys[q]);
                }
            }
        }
        Adjuster {
            carried,
            moves,
            keys,
            present,
            absent,
            excused,
            represented,
            moving,
            carried_by_move,
            first_arrival,
            same,
        }
    }

    /// The attendance at item `item` (see [`adjust`]).
    pub fn at(&self, item: usize) -> Attendance {
        let carried = self.carried;
        let known = !(carried.present.is_empty()
            && carried.absent.is_empty()
            && carried.excused.is_empty());
        if !known || self.moves.is_empty() {
            return carried.clone();
        }
        let keyed = |names: &[String], ids: &[usize]| -> Vec<KeyedName> {
            names.iter().cloned().zip(ids.iter().copied()).collect()
        };
        let mut present = keyed(&carried.present, &self.present);
        let mut absent = keyed(&carried.absent, &self.absent);
        let mut excused = keyed(&carried.excused, &self.excused);
        let mut represented: Vec<(Pouvoir, usize)> = carried
            .represented
            .iter()
            .cloned()
            .zip(self.represented.iter().copied())
            .collect();
        let n = self.keys.len();
        let same = |k: usize, q: usize| match self.same.get(q * n + k) {
            Some(&s) => s,
            None => same_keys(&self.keys[k], &self.keys[q]),
        };
        let position =
            |list: &[KeyedName], key: usize| list.iter().position(|&(_, k)| same(k, key));
        let take =
            |list: &mut Vec<KeyedName>, key: usize| position(list, key).map(|i| list.remove(i));
        for (j, (m, &key)) in self.moves.iter().zip(&self.moving).enumerate() {
            let applies = item >= m.from_item;
            let (to_present, to_absent) = match (m.kind, m.in_preamble, applies) {
                (MoveKind::Arrival, false, true) => (true, false),
                (MoveKind::Departure, _, true) => (false, true),
                (MoveKind::Arrival, true, false) => (false, true),
                // Listed present, but arriving later: out until then.
                (MoveKind::Arrival, false, false) => (false, self.first_arrival[j]),
                _ => (false, false),
            };
            let carry_out = match m.kind {
                MoveKind::Departure => applies,
                MoveKind::Arrival => !applies && to_absent,
            };
            if let Some(c) = self.carried_by_move[j].filter(|_| applies || carry_out) {
                // The pouvoir the member holds goes out and comes back with them.
                if carry_out {
                    if let Some(i) = represented.iter().position(|&(_, k)| same(k, c)) {
                        let (p, k) = represented.remove(i);
                        absent.push((p.member, k));
                    }
                } else if m.kind == MoveKind::Arrival {
                    if let Some((n, k)) = take(&mut absent, c) {
                        let names: Vec<String> = present
                            .iter()
                            .chain(&absent)
                            .map(|(n, _)| n.clone())
                            .collect();
                        let p = Pouvoir {
                            member: n,
                            proxy: Some(names::complete(m.name.clone(), &names)),
                        };
                        represented.push((p, k));
                    }
                }
            }
            if to_present {
                let found = take(&mut absent, key)
                    .or_else(|| take(&mut excused, key))
                    .or_else(|| {
                        let i = represented.iter().position(|&(_, k)| same(k, key))?;
                        let (p, k) = represented.remove(i);
                        Some((p.member, k))
                    });
                if position(&present, key).is_none() {
                    present.push(found.unwrap_or_else(|| (m.name.clone(), key)));
                }
            } else if to_absent {
                if let Some((n, k)) = take(&mut present, key) {
                    match &m.proxy {
                        // Leaving with a pouvoir: represented by a member present.
                        Some(proxy) => {
                            let names: Vec<String> =
                                present.iter().map(|(n, _)| n.clone()).collect();
                            let p = Pouvoir {
                                member: n,
                                proxy: Some(names::complete(proxy.clone(), &names)),
                            };
                            represented.push((p, k));
                        }
                        None => absent.push((n, k)),
                    }
                }
            }
        }
        let names = |list: Vec<KeyedName>| list.into_iter().map(|(n, _)| n).collect();
        let mut att = Attendance {
            present: names(present),
            absent: names(absent),
            excused: names(excused),
            represented: represented.into_iter().map(|(p, _)| p).collect(),
            present_count: carried.present_count,
        };
        if carried.present_count.is_some() && att.present.len() != carried.present.len() {
            // The printed count describes the preamble's list, not this item.
            att.present_count = None;
        }
        att
    }
}

fn name_key(s: &str) -> Vec<String> {
    let civ = [
        "m",
        "mme",
        "mr",
        "mlle",
        "monsieur",
        "madame",
        "mademoiselle",
    ];
    let mut v: Vec<String> = s
        .split(|c: char| !c.is_alphanumeric())
        .map(|w| w.chars().map(fold_char).collect::<String>())
        .filter(|w| !w.is_empty() && !civ.contains(&w.as_str()))
        .collect();
    v.sort();
    v
}

/// Same name, told by the names' keys: equal token sets, or one token set
/// contains the other (a surname alone against a full name); an initial
/// stands for a word it begins ("H. Martin" against "Hervé MARTIN").
fn same_keys(ka: &[String], kb: &[String]) -> bool {
    if ka.is_empty() || kb.is_empty() {
        return false;
    }
    let word_in = |t: &String, other: &[String]| {
        other.contains(t)
            || (t.chars().count() == 1
                && other
                    .iter()
                    .any(|o| o.len() > t.len() && o.starts_with(t.as_str())))
    };
    // The initials must not be all of a name.
    let words = |k: &[String]| k.iter().any(|t| t.chars().count() > 1);
    ka == kb
        || ka.iter().all(|t| kb.contains(t))
        || kb.iter().all(|t| ka.contains(t))
        || (words(ka) && ka.iter().all(|t| word_in(t, kb)))
        || (words(kb) && kb.iter().all(|t| word_in(t, ka)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TextOrigin;
    use crate::normalize::normalize;
    use crate::pages::Pages;

    fn source(pages: &[&str]) -> Source {
        normalize(&Pages::from_texts(TextOrigin::TextLayer, pages))
    }

    /// The titles of the deliberations `text` is segmented into.
    fn deliberation_titles(text: &str) -> Vec<String> {
        segment(&source(&[text]))
            .items
            .iter()
            .filter(|it| it.is_deliberation)
            .map(|it| it.title.clone().unwrap_or_default())
            .collect()
    }

    /// A compte rendu in the style of a small commune: its agenda's points,
    /// then a section of points added at the séance.
    fn with_added_points(added: &str) -> String {
        let mut text = String::from(
            "COMPTE RENDU DU CONSEIL MUNICIPAL DU MARDI 3 MARS 2020\n\n\
             Etaient présents : A.DURAND - B.MARTIN - C.PETIT\n\n",
        );
        for (i, t) in [
            "TARIFS DE LA CANTINE",
            "VENTE DU CHEMIN RURAL",
            "SUBVENTION AU COMITE",
        ]
        .iter()
        .enumerate()
        {
            text.push_str(&format!(
                "{}. {t}\nMonsieur le maire présente le dossier au conseil.\n\
                 Accord du conseil à l'unanimité.\nDélibération prise en ce sens.\n\n",
                i + 1
            ));
        }
        text.push_str(added);
        text
    }

    #[test]
    fn added_points_numbered_from_one_again_are_items() {
        let text = with_added_points(
            "POINTS RAJOUTES A L'ORDRE DU JOUR\n\n\
             1. SYNDICAT D'ENERGIE RACCORDEMENT AU RESEAU\n\
             Dépense prévisionnelle HT ........ 12.000.00 €\n\
             1. le syndicat réalise les travaux\n\
             Accord du conseil à l'unanimité.\nDélibération prise en ce sens.\n\n\
             2. DECISION MODIFICATIVE BUDGET ANNEXE\n\
             Il convient de prendre une décision modificative.\n\
             Accord du conseil à l'unanimité.\nDélibération prise en ce sens.\n",
        );
        assert_eq!(
            deliberation_titles(&text),
            [
                "TARIFS DE LA CANTINE",
                "VENTE DU CHEMIN RURAL",
                "SUBVENTION AU COMITE",
                "SYNDICAT D'ENERGIE RACCORDEMENT AU RESEAU",
                "DECISION MODIFICATIVE BUDGET ANNEXE",
            ]
        );
    }

    #[test]
    fn added_points_without_numbers_are_items() {
        let text = with_added_points(
            "Point rajouté à l'ordre du jour\n\n\
             CONVENTION DE PARTAGE DE FISCALITE : avenant n° 1\n\
             Monsieur le maire présente l'avenant.\n\
             Accord du conseil à l'unanimité.\nDélibération prise en ce sens.\n\n\
             CREATION D'UN POSTE D'ADJOINT TECHNIQUE\n\
             Monsieur le maire propose la création du poste.\n\
             Accord du conseil à l'unanimité.\nDélibération prise en ce sens.\n\n\
             P.DURAND demande des précisions sur le poste\n\
             Le maire lui répond.\n",
        );
        // A member speaking after a point ("P.DURAND demande …") opens no
        // point.
        assert_eq!(
            deliberation_titles(&text),
            [
                "TARIFS DE LA CANTINE",
                "VENTE DU CHEMIN RURAL",
                "SUBVENTION AU COMITE",
                "CONVENTION DE PARTAGE DE FISCALITE : avenant n° 1",
                "CREATION D'UN POSTE D'ADJOINT TECHNIQUE",
            ]
        );
    }

    #[test]
    fn a_title_opening_on_a_street_address_keeps_the_chain() {
        let mut text = String::from("Séance du 7 juin 2016\n\n");
        for (i, t) in [
            "Tarifs de la cantine",
            "12 rue des Lilas - Cession d'un logement",
            "480 avenue du Stade - Acquisition",
            "Subvention au comité des fêtes",
        ]
        .iter()
        .enumerate()
        {
            text.push_str(&format!(
                "{} - {t}\n\nLe conseil adopte à l'unanimité.\n\n",
                i + 1
            ));
        }
        text.push_str("5 - 250 euros pour les prix\n");
        let titles = deliberation_titles(&text);
        assert_eq!(titles.len(), 4, "{titles:?}");
        assert_eq!(titles[2], "480 avenue du Stade - Acquisition");
        assert!(starts_address("3 impasse des Lilas"));
        assert!(!starts_address("250 euros pour les prix"));
        assert!(!starts_address("12345 rue"));
    }

    #[test]
    fn lettered_points_decided_under_questions_diverses_are_deliberations() {
        let text = "Séance du 4 mars 2019\n\n\
            1. TARIFS DE LA SALLE DES FETES\n\n\
            Après en avoir délibéré, le Conseil Municipal, à l'unanimité ;\n\
            • Fixe les tarifs.\n\n\
            2. QUESTIONS DIVERSES\n\n\
            a) Achat d'une tondeuse pour le stade\n\n\
            Monsieur le Maire présente deux devis.\n\n\
            Après avoir ouï cet exposé, le Conseil Municipal, à l'unanimité,\n\
            • Retient le devis le moins disant.\n\n\
            b) INFORMATION : FETE DU VILLAGE\n\n\
            Madame DUPONT présente le programme de la fête.\n\n\
            2.c) DECISION MODIFICATIVE N° 3/2019\n\n\
            Après en avoir délibéré, le Conseil Municipal, à l'unanimité ;\n\
            • Accepte le virement de crédit.\n\n\
            DELIBERATIONS\n\n\
            1. TARIFS DE LA SALLE DES FETES\n\
            2. QUESTIONS DIVERSES\n\
            a) ACHAT D'UNE TONDEUSE POUR LE STADE\n\
            c) DECISION MODIFICATIVE N° 3/2019\n";
        let src = source(&[text]);
        let seg = segment(&src);
        let titles: Vec<&str> = seg
            .deliberations()
            .map(|it| it.title.as_deref().unwrap_or(""))
            .collect();
        assert_eq!(
            titles,
            [
                "TARIFS DE LA SALLE DES FETES",
                "Achat d'une tondeuse pour le stade",
                "DECISION MODIFICATIVE N° 3/2019"
            ]
        );
        // The points end before the closing list; their parent before them.
        let last = seg
            .deliberations()
            .last()
            .map(|it| &src.text[it.range.clone()]);
        assert!(
            last.is_some_and(|t| !t.contains("DELIBERATIONS")),
            "{last:?}"
        );
        let parent = seg.items.iter().find(|it| !it.is_deliberation);
        assert!(parent.is_some_and(|it| !src.text[it.range.clone()].contains("tondeuse")));
    }

    #[test]
    fn initials_in_a_table_under_a_report_are_no_lettered_point() {
        let text = "Séance du 7 février 2011\n\n\
            1. TARIFS DE LA SALLE DES FETES\n\n\
            Après en avoir délibéré, le Conseil Municipal, à l'unanimité ;\n\
            • Fixe les tarifs.\n\n\
            2. QUESTIONS DIVERSES\n\n\
            Subventions aux associations des quartiers :\n\n\
            A. S . Cevenol\n\n\
            1 700 €\n\n\
            Après en avoir délibéré, le Conseil Municipal, à l'unanimité ;\n\
            • Attribue les subventions.\n";
        let src = source(&[text]);
        let seg = segment(&src);
        assert!(
            seg.deliberations()
                .all(|it| it.title.as_deref() != Some("S . Cevenol")),
            "{:?}",
            seg.items
        );
    }

    #[test]
    fn minutes_and_delegated_decisions_are_no_deliberations() {
        let mut text = String::from("Conseil municipal du 7 juin 2016\n\n");
        for (i, t) in [
            "APPROBATION COMPTE RENDU PRECEDENT",
            "FINANCES - Tarifs de la cantine",
            "TRAVAUX - Divers aménagements de voirie",
            "ÉLUS -— Décisions prises par le maire dans le cadre de sa délégation",
        ]
        .iter()
        .enumerate()
        {
            text.push_str(&format!(
                "{}. {t}\nLe conseil adopte à l'unanimité.\n\n",
                i + 1
            ));
        }
        let titles = deliberation_titles(&text);
        assert_eq!(
            titles,
            [
                "FINANCES - Tarifs de la cantine",
                "TRAVAUX - Divers aménagements de voirie"
            ]
        );
        assert_eq!(subject_dash("ÉLUS -— Congrès"), Some("Congrès"));
        assert_eq!(subject_dash("Vente - Parcelle"), None);
    }

    #[test]
    fn a_closing_summary_longer_than_the_body_chain_is_not_the_items() {
        // The body numbers its points 1 to 3; the closing summary lists
        // them again, one more point in it, line after line.
        let mut body = String::from("Commune de Valmont\nSéance du 7 juin 2016\nÉtaient présents : Anne PETIT, Paul AUBERT.\n\n");
        for (i, t) in [
            "TARIFS ASSAINISSEMENT",
            "DECISION MODIFICATIVE",
            "QUESTIONS DIVERSES",
        ]
        .iter()
        .enumerate()
        {
            body.push_str(&format!(
                "{}. {t}\nLe conseil municipal, après en avoir délibéré,\ndécide d'approuver le point.\nAdopté à l'unanimité.\n\n",
                i + 1
            ));
        }
        body.push_str(&"La séance est levée à vingt-deux heures.\n".repeat(8));
        let summary = "Annexe : liste des points\nLes points suivants ont été examinés.\n\nSOMMAIRE\n1. TARIFS ASSAINISSEMENT\n2. DECISION MODIFICATIVE\n3. TABLEAU DES EMPLOIS\n4. QUESTIONS DIVERSES\n\nFin du document.\nCertifié conforme.\nLe maire.\nAnne PETIT\nValmont\nJuin 2016";
        let src = source(&[&body, summary]);
        let seg = segment(&src);
        let points: Vec<_> = seg
            .items
            .iter()
            .filter(|it| it.is_deliberation)
            .map(|it| (it.number.clone().unwrap_or_default(), it.pages))
            .collect();
        assert_eq!(
            points,
            [("1".to_string(), [1, 1]), ("2".to_string(), [1, 1])]
        );
    }

    #[test]
    fn a_numbered_list_inside_a_point_does_not_take_over_the_points() {
        let mut text = String::from("Commune de Valmont\nSéance du 9 avril 2018\nÉtaient présents : Anne PETIT, Paul AUBERT.\n\n");
        text.push_str("1. TAUX D'IMPOSITION 2018\nLe conseil municipal fixe les taux.\nAdopté à l'unanimité.\n\n");
        text.push_str("2. SUBVENTIONS 2018\nLe conseil attribue les subventions suivantes :\n\n");
        for (i, a) in [
            "ABCD Ecole",
            "APE Bazoches",
            "Club de l'Amitié",
            "Comité des fêtes",
            "Sacré Cœur",
        ]
        .iter()
        .enumerate()
        {
            text.push_str(&format!("{}. {a} 150,00\n", i + 1));
        }
        text.push_str("\nAdopté à l'unanimité.\n\n3. ADHESION AU CAUE\nLe conseil adhère au CAUE.\nAdopté à l'unanimité.\n");
        assert_eq!(
            deliberation_titles(&text),
            [
                "TAUX D'IMPOSITION 2018",
                "SUBVENTIONS 2018",
                "ADHESION AU CAUE"
            ]
        );
    }

    #[test]
    fn a_table_cell_reading_divers_does_not_end_a_point() {
        // "DOTATIONS, FONDS / DIVERS" wrapped in a budget table: the bare
        // "DIVERS" goes on from the line above, it is no heading.
        let mut text = String::from("Commune de Valmont\nSéance du 9 avril 2018\nÉtaient présents : Anne PETIT, Paul AUBERT.\n\n");
        text.push_str("1. TAUX D'IMPOSITION 2018\nLe conseil municipal fixe les taux.\nAdopté à l'unanimité.\n\n");
        text.push_str("2. BUDGET PRIMITIF 2018\nDEPENSES\n10 DOTATIONS,FONDS\nDIVERS\n12 000,00\n\nLe conseil adopte le budget.\n\n");
        text.push_str("3. ADHESION AU CAUE\nLe conseil adhère au CAUE.\nAdopté à l'unanimité.\n\nQUESTIONS DIVERSES\nAucune.\n");
        let src = source(&[&text]);
        let items = segment(&src).items;
        let budget = items
            .iter()
            .find(|it| it.number.as_deref() == Some("2"))
            .expect("point 2");
        assert!(src.text[budget.range.clone()].contains("adopte le budget"));
        // A heading that stands apart still ends the last point.
        let last = items
            .iter()
            .find(|it| it.number.as_deref() == Some("3"))
            .expect("point 3");
        assert!(!src.text[last.range.clone()].contains("Aucune"));
    }

    #[test]
    fn bulleted_titles_over_a_rapporteur_line_are_the_points() {
        let mut text = String::from("COMPTE-RENDU\nCONSEIL MUNICIPAL DU 3 MARS 2004\nPrésents : Anne PETIT, Paul AUBERT.\n\n");
        text.push_str("• Cession d'un chemin rural\n\nMonsieur Paul AUBERT, rapporteur, expose :\n« Il est proposé de céder le chemin. »\nLe Conseil municipal décide à l'unanimité de céder le chemin.\n\n");
        text.push_str("Le plan de financement est le suivant :\n• Montant TTC 1 000,00 €\nMonsieur le Maire propose de le retenir.\n\n");
        text.push_str("• Location des salles : modification\ndu règlement\nMonsieur le Maire, rapporteur, expose :\n• les horaires d'utilisation,\n• le ménage.\nAdopté à l'unanimité.\n\n");
        text.push_str(
            "• Informations diverses\nMonsieur le Maire informe le conseil des travaux.\n",
        );
        let src = source(&[&text]);
        let seg = segment(&src);
        let titles: Vec<_> = seg
            .items
            .iter()
            .map(|it| (it.title.clone().unwrap_or_default(), it.is_deliberation))
            .collect();
        assert_eq!(
            titles,
            [
                ("Cession d'un chemin rural".to_string(), true),
                (
                    "Location des salles : modification du règlement".to_string(),
                    true
                ),
                ("Informations diverses".to_string(), false),
            ]
        );
    }

    #[test]
    fn bulleted_points_outnumbering_a_numbered_list_inside_one_win() {
        let mut text = String::from("COMPTE-RENDU\nCONSEIL MUNICIPAL DU 3 MARS 2005\nPrésents : Anne PETIT, Paul AUBERT.\n\n");
        for t in [
            "Voirie : Travaux",
            "Station d'épuration : Marché",
            "Cession de matériel",
        ] {
            text.push_str(&format!(
                "• {t}\n\nMonsieur le Maire, rapporteur, expose :\n"
            ));
            if t.starts_with("Station") {
                text.push_str("Les offres sont les suivantes :\n\n1 – ALPHA EAUX : 871 670,00 € H.T.\n2 – BETA : 861 520,00 € H.T.\n\n");
            }
            text.push_str("Le Conseil municipal décide à l'unanimité d'approuver.\n\n");
        }
        let src = source(&[&text]);
        let titles: Vec<_> = segment(&src)
            .items
            .iter()
            .map(|it| it.title.clone().unwrap_or_default())
            .collect();
        assert_eq!(
            titles,
            [
                "Voirie : Travaux",
                "Station d'épuration : Marché",
                "Cession de matériel"
            ]
        );
    }

    #[test]
    fn lines_without_their_line_ends() {
        assert_eq!(split_lines(""), Vec::<Line>::new());
        assert_eq!(split_lines("\n"), vec![0..0]);
        assert_eq!(split_lines("\n\n"), vec![0..0, 1..1]);
        assert_eq!(split_lines("a\n"), vec![0..1]);
        assert_eq!(split_lines("a\nbé\n\nc"), vec![0..1, 2..5, 6..6, 7..8]);
    }

    #[test]
    fn register_rule() {
        let h = register_heading("• DE-2012/86 – Délégations de pouvoirs : Information").unwrap();
        assert_eq!(h.number, "DE-2012/86");
        let h = register_heading("2010/66 – Délégations de pouvoirs").unwrap();
        assert_eq!(h.number, "2010/66");
        let h = register_heading("N° DE-2012/86 - Tarifs").unwrap();
        assert_eq!(h.number, "DE-2012/86");
        assert!(register_heading("2009/155 en date du 24 novembre").is_none());
        let h = register_heading("• 2007-4– Extension assainissement : Demande de DGE").unwrap();
        assert_eq!((h.number.as_str(), h.ordinal), ("2007-4", 4));
        assert_eq!(
            register_heading("• 2007-7 Immeuble commercial")
                .unwrap()
                .number,
            "2007-7"
        );
        assert!(register_heading("2007-2013 Programme de travaux").is_none());
        assert!(register_heading("2019-03-25A VENTE MAISON").is_none());
    }

    #[test]
    fn dated_rule() {
        assert_eq!(
            dated_heading("2020-01-1 RENOUVELLEMENT DU CONTRAT")
                .unwrap()
                .number,
            "2020-01-1"
        );
        assert_eq!(
            dated_heading("2021 03 01 APPEL D'OFFRES").unwrap().number,
            "2021 03 01"
        );
        assert_eq!(
            dated_heading("20220531 1 Acquisition d'un terrain")
                .unwrap()
                .number,
            "20220531 1"
        );
        assert!(dated_heading("2021 03 01 et la suite").is_none());
        let h = dated_heading("2021071201 Association X, garantie d'emprunt").unwrap();
        assert_eq!((h.number.as_str(), h.ordinal), ("2021071201", 1));
        assert!(dated_heading("20210712012 Trop de chiffres").is_none());
    }

    #[test]
    fn dated_points_with_a_letter_under_a_numbered_questions_diverses() {
        let h = dated_heading("2018-05-12BIS TRAVAUX DE VOIRIE").unwrap();
        assert_eq!((h.number.as_str(), h.ordinal), ("2018-05-12BIS", 12));
        assert_eq!(
            dated_heading("2018-05-14C VENTE D'UN TERRAIN")
                .unwrap()
                .number,
            "2018-05-14C"
        );
        let text = "Séance du 7 mai 2018\n\n\
            2018-05-13 TARIFS DU CAMPING\n\n\
            Après en avoir délibéré, le Conseil Municipal, à l'unanimité ;\n\
            • Fixe les tarifs.\n\n\
            2018-05-14 QUESTIONS DIVERSES\n\n\
            2018-05-14A VENTE D'UN TERRAIN\n\n\
            Après en avoir délibéré, le Conseil Municipal, à l'unanimité ;\n\
            • Accepte la vente.\n\n\
            2018-05-14B ACHAT D'UNE TONDEUSE\n\n\
            Après en avoir délibéré, le Conseil Municipal, à l'unanimité ;\n\
            • Retient le devis.\n";
        let seg = segment(&source(&[text]));
        let numbers: Vec<&str> = seg
            .deliberations()
            .map(|it| it.number.as_deref().unwrap_or(""))
            .collect();
        assert_eq!(numbers, ["2018-05-13", "2018-05-14A", "2018-05-14B"]);
    }

    #[test]
    fn deliberation_and_ordinal_rules() {
        let h = deliberation_heading("DÉLIBÉRATION N° 2021-045").unwrap();
        assert_eq!(h.number, "2021-045");
        let h = deliberation_heading("Délibération n°5 : Tarifs").unwrap();
        assert_eq!(h.number, "5");
        let h = deliberation_heading("Délibération n° DEL2024_101").unwrap();
        assert_eq!((h.number.as_str(), h.ordinal), ("DEL2024_101", 101));
        let h = deliberation_heading("DÉLIBÉRATION N° CC-2023-17 : Tarifs").unwrap();
        assert_eq!(h.number, "CC-2023-17");
        assert_eq!(ordinal_heading("1. Travaux sur le toit").unwrap().sep, '.');
        assert_eq!(ordinal_heading("1°) Budget").unwrap().sep, '°');
        assert_eq!(ordinal_heading("12- Convention").unwrap().ordinal, 12);
        assert!(ordinal_heading("1.254.000 € HT").is_none());
        assert!(ordinal_heading("2 800 €").is_none());
    }

    #[test]
    fn unnumbered_rule() {
        assert!(unnumbered_heading("QUESTIONS DIVERSES.").is_some());
        assert!(unnumbered_heading("Informations diverses").is_some());
        assert!(unnumbered_heading("2. Questions diverses").is_some());
        assert!(unnumbered_heading("divers réseaux à la charge de la commune").is_none());
        assert!(
            unnumbered_heading("Divers travaux de voirie ont été réalisés cette année").is_none()
        );
    }

    #[test]
    fn title_continues_on_next_line() {
        let src = source(&["CONSEIL MUNICIPAL\n\n• DE-2012/88 – Communauté de communes : Rapport d'activités\n2011\nMonsieur le Maire expose.\n• DE-2012/89 – Budget : Décision modificative\nLe conseil adopte.\n"]);
        let seg = segment(&src);
        assert_eq!(seg.kind, DocumentKind::Seance);
        let titles: Vec<_> = seg.items.iter().map(|i| i.title.clone().unwrap()).collect();
        assert_eq!(
            titles,
            vec![
                "Communauté de communes : Rapport d'activités 2011",
                "Budget : Décision modificative"
            ]
        );
    }

    #[test]
    fn a_title_in_capitals_continues_on_a_line_with_a_unit() {
        let src = source(&["COMPTE RENDU DU CONSEIL MUNICIPAL\n\n1. BUDGET : DECISION MODIFICATIVE\nLe conseil adopte à l'unanimité.\n\n2. SERVICE TECHNIQUE : CREATION POSTE ACCROISSEMENT\nTEMPORAIRE D'ACTIVITES (35h)\nMonsieur le maire informe que ce point est annulé.\n"]);
        let seg = segment(&src);
        let titles: Vec<_> = seg.items.iter().filter_map(|i| i.title.clone()).collect();
        assert_eq!(
            titles,
            vec![
                "BUDGET : DECISION MODIFICATIVE",
                "SERVICE TECHNIQUE : CREATION POSTE ACCROISSEMENT TEMPORAIRE D'ACTIVITES (35h)"
            ]
        );
    }

    #[test]
    fn civility_line_continues_only_after_an_open_word() {
        let src = source(&["Ordre du jour\n1. Eclairage : autorisation à donner à\nMadame le Maire pour signer\n2. Budget\n\n1. Eclairage : autorisation à donner à\nMadame le Maire pour signer\n\nTexte.\n\n2. Budget\nTexte.\n\n• DE-2009/25 – Conseil des enfants (CME)\nMonsieur Paul DURAND, référent, présente la demande.\n"]);
        let seg = segment(&src);
        let titles: Vec<_> = seg.items.iter().filter_map(|i| i.title.clone()).collect();
        assert_eq!(titles, vec!["Conseil des enfants (CME)"]);
        let src = source(&["Ordre du jour\n1. Eclairage : autorisation à donner à\nMadame le Maire pour signer\n2. Budget\n\n1. Eclairage : autorisation à donner à\nMadame le Maire pour signer\n\nTexte.\n\n2. Budget\nTexte.\n"]);
        let seg = segment(&src);
        assert_eq!(
            seg.items[0].title.as_deref(),
            Some("Eclairage : autorisation à donner à Madame le Maire pour signer")
        );
    }

    #[test]
    fn single_extract_is_one_record() {
        let src = source(&["EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS\nSéance du 3 mai 2021\n2021/12 – Tarifs\nLe conseil adopte.\n"]);
        let seg = segment(&src);
        assert_eq!(seg.kind, DocumentKind::Extract);
        assert!(seg.items.is_empty());
    }

    #[test]
    fn concatenated_extracts_split_on_headers() {
        let src = source(&[
            "Ville de Valmont\nEXTRAIT DU REGISTRE DES DÉLIBÉRATIONS\nObjet : Tarifs\nadopté",
            "Ville de Valmont\nEXTRAIT DU REGISTRE DES DÉLIBÉRATIONS\nObjet : Voirie\nadopté",
        ]);
        let seg = segment(&src);
        assert_eq!(seg.kind, DocumentKind::Seance);
        assert_eq!(seg.items.len(), 2);
        assert_eq!(seg.items[1].pages, [2, 2]);
        assert!(seg.preamble.is_none());
    }

    fn names_of(list: Option<Vec<Mover>>) -> Vec<(String, Option<String>, bool)> {
        list.unwrap_or_default()
            .into_iter()
            .map(|m| (m.name, m.carries, m.president))
            .collect()
    }

    #[test]
    fn mover_lists() {
        let n = |s: &str| (s.to_string(), None, false);
        assert_eq!(
            names_of(mover_list("Mesdames Roche et Vidal, Monsieur Paul Brun ")),
            [n("Roche"), n("Vidal"), n("Paul Brun")]
        );
        assert_eq!(
            names_of(mover_list("Messieurs Roche, Vidal, et Brun avec Mme Sol")),
            [n("Roche"), n("Vidal"), n("Brun"), n("Sol")]
        );
        // After the phrase before, the office, and a pouvoir in brackets.
        assert_eq!(
            names_of(mover_list(
                ", Mme le Maire, Mme Sol (procuration Mme De La Tour)"
            )),
            [
                ("le Maire".to_string(), None, true),
                ("Sol".to_string(), Some("De La Tour".to_string()), false)
            ]
        );
        assert_eq!(
            names_of(mover_list(
                "Madame Sol (avec la procuration de Madame Roche Vidal)"
            )),
            [("Sol".to_string(), Some("Roche Vidal".to_string()), false)]
        );
        assert_eq!(
            names_of(mover_list(
                "M. Brun et M. Sol avec leurs procurations (H. Roche et M. Vidal)\n"
            )),
            [
                ("Brun".to_string(), Some("H. Roche".to_string()), false),
                ("Sol".to_string(), Some("Vidal".to_string()), false)
            ]
        );
        assert_eq!(
            names_of(mover_list("Monsieur Roche H (récupère sa procuration)")),
            [n("Roche H")]
        );
        assert_eq!(
            names_of(mover_list(
                "Mesdames ROCHE, SOL (qui récupère sa procuration) et VIDAL "
            )),
            [n("ROCHE"), n("SOL"), n("VIDAL")]
        );
        let gives = mover_list("Monsieur Paul Brun donne procuration à Madame Sol et ");
        assert_eq!(gives.unwrap()[0].gives.as_deref(), Some("Sol"));
        // Prose is no list.
        assert_eq!(mover_list("Le conseil constate que M. Brun "), None);
        assert_eq!(mover_list("M. Brun, rapporteur, expose que Mme Sol "), None);
        assert_eq!(mover_list(""), None);
    }

    #[test]
    fn an_initial_stands_for_a_first_name() {
        let k = |s: &str| name_key(s);
        assert!(same_keys(&k("H. Martin"), &k("Hervé MARTIN")));
        assert!(same_keys(&k("Martin H"), &k("Hervé MARTIN")));
        assert!(!same_keys(&k("H. Martin"), &k("Jacques MARTIN")));
        assert!(!same_keys(&k("H."), &k("Hervé MARTIN")));
    }

    #[test]
    fn an_arrival_of_a_member_listed_present_is_out_before_it() {
        let att = Attendance {
            present: vec!["Paul DURAND".into(), "Anne MARTIN".into()],
            represented: vec![Pouvoir {
                member: "Luc PETIT".into(),
                proxy: None,
            }],
            ..Attendance::default()
        };
        let mv = |name: &str, kind, from_item, returning, carries: Option<&str>| Movement {
            name: name.into(),
            kind,
            from_item,
            in_preamble: false,
            span: 0..0,
            proxy: None,
            carries: carries.map(str::to_string),
            president: false,
            returning,
        };
        // Arriving with the pouvoir she holds: both out before.
        let moves = [mv("Martin", MoveKind::Arrival, 2, false, Some("L. Petit"))];
        let a0 = adjust(&att, &moves, 0);
        assert_eq!(a0.present, ["Paul DURAND"]);
        assert_eq!(a0.absent, ["Luc PETIT", "Anne MARTIN"]);
        assert!(a0.represented.is_empty());
        assert_eq!(adjust(&att, &moves, 2), att);
        // Coming back says nothing of the items before.
        let moves = [mv("Martin", MoveKind::Arrival, 2, true, None)];
        assert_eq!(adjust(&att, &moves, 0), att);
        // Out, then in: present before the departure.
        let moves = [
            mv("Martin", MoveKind::Departure, 1, false, None),
            mv("Martin", MoveKind::Arrival, 2, false, None),
        ];
        assert_eq!(adjust(&att, &moves, 0), att);
        assert_eq!(adjust(&att, &moves, 1).absent, ["Anne MARTIN"]);
        assert_eq!(adjust(&att, &moves, 2).present.len(), 2);
    }

    #[test]
    fn adjust_moves_names() {
        let att = Attendance {
            present: vec!["Paul DURAND".into(), "Anne MARTIN".into()],
            absent: vec!["Luc PETIT".into()],
            ..Attendance::default()
        };
        let moves = vec![
            Movement {
                name: "Luc PETIT".into(),
                kind: MoveKind::Arrival,
                from_item: 1,
                in_preamble: false,
                span: 0..0,
                proxy: None,
                carries: None,
                president: false,
                returning: false,
            },
            Movement {
                name: "MARTIN".into(),
                kind: MoveKind::Departure,
                from_item: 2,
                in_preamble: false,
                span: 0..0,
                proxy: None,
                carries: None,
                president: false,
                returning: false,
            },
        ];
        assert_eq!(adjust(&att, &moves, 0), att);
        let a1 = adjust(&att, &moves, 1);
        assert_eq!(a1.present.len(), 3);
        assert!(a1.absent.is_empty());
        let a2 = adjust(&att, &moves, 2);
        assert_eq!(a2.present, vec!["Paul DURAND", "Luc PETIT"]);
        assert_eq!(a2.absent, vec!["Anne MARTIN"]);
    }

    #[test]
    fn ocr_letters_read_for_digits_fill_a_gap_in_the_numbers() {
        assert_eq!(
            digits_for_lookalikes("B. SPORTS", 3).as_deref(),
            Some("3. SPORTS")
        );
        assert_eq!(
            digits_for_lookalikes("1S. VOIRIE", 15).as_deref(),
            Some("15. VOIRIE")
        );
        assert_eq!(digits_for_lookalikes("3. SPORTS", 3), None);
        assert_eq!(digits_for_lookalikes("C. SPORTS", 3), None);
        let pages = [
            "Présents : Paul AUBERT\n\n1. FISCALITÉ - taux\nVote favorable.\n\n2. ÉLUS - congrès\nVote favorable.\n\nB. SPORTS - extension du pôle\nVote favorable.\n\n4. URBANISME - permis\nVote favorable.\n",
        ];
        let mut src = source(&pages);
        src.origin = TextOrigin::Ocr;
        let numbers: Vec<_> = segment(&src)
            .deliberations()
            .filter_map(|i| i.number.clone())
            .collect();
        assert_eq!(numbers, ["1", "2", "3", "4"]);
        // A text layer says what it says: no repair.
        src.origin = TextOrigin::TextLayer;
        assert_eq!(segment(&src).deliberations().count(), 3);
    }

    #[test]
    fn points_after_an_agenda_cut_short_are_points() {
        let mut text =
            String::from("Commune de Valmont\nSéance du 9 avril 2018\n\nORDRE DU JOUR\n\n");
        text.push_str("1. TARIFS DE LA CANTINE SCOLAIRE\n2. TRAVAUX DE VOIRIE COMMUNALE\nADHESION AU CAUE\n\n");
        text.push_str(
            "1. TARIFS CANTINE SCOLAIRE\nLe conseil fixe les tarifs.\nAdopté à l'unanimité.\n\n",
        );
        text.push_str(
            "2. TRAVAUX DE VOIRIE\nLe conseil approuve les travaux.\nAdopté à l'unanimité.\n\n",
        );
        text.push_str("3. ADHESION AU CAUE\nLe conseil adhère au CAUE.\nAdopté à l'unanimité.\n\n");
        text.push_str("ANNEXE\n1. Mise en place du bureau\nTexte.\n\n2. Mode de scrutin\nTexte.\n\n4. Résultats\nTexte.\n");
        assert_eq!(
            deliberation_titles(&text),
            [
                "TARIFS CANTINE SCOLAIRE",
                "TRAVAUX DE VOIRIE",
                "ADHESION AU CAUE"
            ]
        );
    }

    #[test]
    fn a_heading_rewording_its_agenda_entry_is_that_entry() {
        assert!(similar_words(
            "CANTINE TARIFS REGLEMENT RENTREE",
            "CANTINE SCOLAIRE TARIFS-REGLEMENT RENTREE"
        ));
        assert!(similar_words(
            "TRAVAUX DE REAMENAGEMENT BUREAUX MAIRIE - SUBVENTION",
            "TRAVAUX REAMENAGEMENT BUREAUX ADMINISTRATIFS - DEMANDE DE SUBVENTION"
        ));
        assert!(!similar_words(
            "TRAVAUX DE VOIRIE",
            "TRAVAUX REAMENAGEMENT BUREAUX"
        ));
        assert!(!similar_words("CANTINE", "CANTINE"));
    }

    #[test]
    fn ocr_misread_numbers_are_repaired() {
        assert_eq!(
            ocr_ordinal("(6. RÉSEAUX - Eau"),
            Some((1, "6. RÉSEAUX - Eau".to_string()))
        );
        assert_eq!(
            ocr_ordinal("9, RÉSEAUX - Éclairage"),
            Some((0, "9. RÉSEAUX - Éclairage".to_string()))
        );
        assert_eq!(ocr_ordinal("f7. ENSEIGNEMENT").map(|x| x.0), Some(1));
        assert_eq!(ocr_ordinal("4. RÉSEAUX"), None);
        assert_eq!(ocr_ordinal("Le conseil"), None);
        let pages = [
            "Présents : Paul AUBERT\n\n(1. FISCALITÉ - taux\nLe conseil vote.\n\n2. ÉLUS - congrès\nVote favorable.\n\n3, RÉSEAUX - éclairage\nVote favorable.\n\nf4. URBANISME - permis\nVote favorable.\n",
        ];
        let mut src = source(&pages);
        src.origin = TextOrigin::Ocr;
        let seg = segment(&src);
        let titles: Vec<_> = seg.deliberations().map(|i| i.number.clone()).collect();
        assert_eq!(titles.len(), 4, "{titles:?}");
        // The same text from a text layer is taken as printed.
        src.origin = TextOrigin::TextLayer;
        assert!(segment(&src).deliberations().count() < 4);
    }

    #[test]
    fn never_panics_on_odd_text() {
        for t in [
            "",
            "\n\n",
            "1.",
            "2010/",
            "• DE-",
            "Ordre du jour\n1. A\n",
            "é1°)É",
        ] {
            let _ = segment(&source(&[t]));
        }
    }
}
