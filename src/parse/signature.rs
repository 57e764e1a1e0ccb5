//! The signature part of a deliberation (grammar/deliberation.ebnf,
//! `signatures`): the signature, transmission, reception and publication
//! dates, and who signed.
//!
//! The dates are also read in the running headers and footers that
//! normalization took out of the text (`Source::furniture`): the AMP seed
//! prints "Signé le …" and "Reçu au Contrôle de légalité le …" on every page
//! there.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::LazyLock;

use super::pattern::Pattern;

use super::frdate::{self, FoundDate};
use super::{lexicon, names, Ctx};
use crate::model::{Dates, Diagnostic, Record};
use crate::normalize::Source;

/// Reads the signature part of the deliberation in `cx` into `rec`.
pub fn read(cx: &mut Ctx, rec: &mut Record) {
    let mut dates = read_dates(cx.text);
    for page in furniture_dates(cx.src) {
        merge(&mut dates, page);
    }
    rec.dates = dates;
    drop_implausible(rec);
    rec.signatory = signatory(cx.text);
}

/// How many years after the séance a signature, transmission, receipt or
/// publication date may still fall.
const MAX_YEARS_AFTER: i32 = 5;

/// Drops, with a warning, each signature or prefecture date that cannot be
/// this deliberation's: one before its séance (a letter quoted in an
/// annex, "À Pierrefonds, le 17 juillet" in a séance of October) or more
/// than [`MAX_YEARS_AFTER`] years after it (an OCR'd "2 7 FEV. 2073").
fn drop_implausible(rec: &mut Record) {
    let Some(session) = rec.session.date.clone() else {
        return;
    };
    let Some(year) = session.get(..4).and_then(|y| y.parse::<i32>().ok()) else {
        return;
    };
    let latest = format!("{}-12-31", year + MAX_YEARS_AFTER);
    let fields = [
        ("signed", &mut rec.dates.signed),
        ("transmitted", &mut rec.dates.transmitted),
        ("received", &mut rec.dates.received),
        ("published", &mut rec.dates.published),
    ];
    for (name, field) in fields {
        // ISO dates compare as strings.
        if let Some(date) = field.take_if(|d| *d < session || *d > latest) {
            rec.diagnostics.push(Diagnostic::warning(
                "dates.implausible",
                format!("{name} date {date} dropped: the séance is dated {session}"),
                None,
            ));
        }
    }
}

/// The dates read in the running headers and footers, page by page.
///
/// They are the same for every deliberation of a document: the last
/// document's pages and their dates are kept, so a séance of thirty
/// deliberations reads its footers once, not thirty times.
fn furniture_dates(src: &Source) -> Vec<Dates> {
    thread_local! {
        static LAST: RefCell<(Vec<String>, Vec<Dates>)> = const { RefCell::new((Vec::new(), Vec::new())) };
    }
    let mut pages: Vec<u32> = src.furniture.iter().map(|f| f.page).collect();
    pages.dedup();
    // Each page's lines, in order, gathered in one pass.
    let mut by_page: HashMap<u32, Vec<&str>> = HashMap::new();
    for f in &src.furniture {
        by_page.entry(f.page).or_default().push(f.text.as_str());
    }
    let texts: Vec<String> = pages
        .into_iter()
        .map(|page| {
            by_page
                .get(&page)
                .map_or_else(String::new, |l| l.join("\n"))
        })
        .collect();
    if let Some(hit) = LAST.with(|l| {
        let l = l.borrow();
        (l.0 == texts).then(|| l.1.clone())
    }) {
        return hit;
    }
    // Line by line: the running lines of a page are not neighbours in it
    // (a footer "Date de réception préfecture :" left empty is not followed
    // by the header "CM 27 mars 2012"), so a label takes a date from its own
    // line only.
    let dates: Vec<Dates> = texts
        .iter()
        .map(|t| {
            let mut page = Dates::default();
            for line in t.lines() {
                merge(&mut page, read_dates(line));
            }
            page
        })
        .collect();
    LAST.with(|l| *l.borrow_mut() = (texts, dates.clone()));
    dates
}

/// Fills the fields of `into` that are still empty from `from`.
fn merge(into: &mut Dates, from: Dates) {
    into.signed = into.signed.take().or(from.signed);
    into.transmitted = into.transmitted.take().or(from.transmitted);
    into.received = into.received.take().or(from.received);
    into.published = into.published.take().or(from.published);
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Signed,
    Transmitted,
    Received,
    Published,
}

const LABELS: &[(&str, Field)] = &[
    ("signature.signed", Field::Signed),
    ("signature.transmitted", Field::Transmitted),
    ("signature.received", Field::Received),
    ("signature.published", Field::Published),
];

/// How far after its label a date may stand (bytes), per pending label.
const REACH: usize = 120;

/// Reads the signature and prefecture dates of `text`.
///
/// Rule: `dated = date_label , [ ":" ] , date`; labels printed one under the
/// other take the dates that follow them in order (Montpellier's receipt
/// block: `Envoi Préfecture :` / `Réception en Préfecture :` then
/// `27/03/2013 27/03/2013`). E.g. `Reçu au Contrôle de légalité le 06 août
/// 2020` → received `2020-08-06`. A label counts at the start of a line or
/// when written with a capital ("Publiée le", not "… publiée le").
pub fn read_dates(text: &str) -> Dates {
    #[derive(Debug)]
    enum Event {
        Label(Field, usize),
        Date(String),
    }
    let mut events: Vec<(usize, Event)> = Vec::new();
    let mut slots: Vec<(usize, usize, Slot)> = Vec::new();
    for (class, field) in LABELS {
        for r in lexicon::class(class).find_iter(text) {
            if label_position(text, r.start) {
                events.push((r.start, Event::Label(*field, r.end)));
                slots.push((r.start, r.end, slot_of(text, r.clone())));
            }
        }
    }
    // A date is only taken by a label before it: without a label, no date
    // is read (most running lines and many deliberations have none).
    if events.is_empty() {
        return Dates::default();
    }
    // Only a date from the first label to twice the reach after the last
    // one's end can be taken (before, no label waits; after, every label
    // has stopped waiting): the dates are read in that span, widened to
    // characters that no date can hold, where the text's dates are the
    // same as the whole text's.
    let first = events.iter().map(|(p, _)| *p).min().unwrap_or(0);
    let last = events
        .iter()
        .filter_map(|(_, e)| match e {
            Event::Label(_, end) => Some(*end),
            Event::Date(_) => None,
        })
        .max()
        .unwrap_or(text.len());
    let span = date_span(text, first, last.saturating_add(REACH * 2));
    let dates: Vec<(usize, String)> = dates_in(&text[span.clone()])
        .into_iter()
        .filter(|d| !in_identifier(&text[span.clone()], d))
        .map(|d| (span.start + d.start, d.iso))
        .collect();
    // A label whose own place holds no date ("Publié le ID : 077-…",
    // "Fait et délibéré à X les jour, mois et an susdits") takes none.
    let label_starts: Vec<usize> = slots.iter().map(|s| s.0).collect();
    events.retain(|(pos, e)| match e {
        Event::Label(..) => slots
            .iter()
            .find(|s| s.0 == *pos)
            .is_none_or(|&(_, end, slot)| slot_filled(text, end, slot, &label_starts, &dates)),
        Event::Date(_) => true,
    });
    for (pos, iso) in dates {
        events.push((pos, Event::Date(iso)));
    }
    events.sort_by_key(|(p, _)| *p);
    let mut out = Dates::default();
    let mut pending: Vec<(Field, usize)> = Vec::new();
    for (pos, ev) in events {
        match ev {
            Event::Label(f, end) => {
                // A label far from the next ones no longer waits for a date.
                // A later label of the same field takes its place ("Accusé
                // de réception en préfecture" then its id, then "Date de
                // télétransmission : …", "Date de réception préfecture : …").
                pending.retain(|&(g, e)| pos <= e + REACH && g != f);
                pending.push((f, end));
            }
            Event::Date(iso) => {
                pending.retain(|&(_, e)| pos <= e + REACH * 2);
                if pending.is_empty() {
                    continue;
                }
                // The label right before the date takes it ("Date de
                // télétransmission : 12/01/2023" while an "Accusé de
                // réception" label still waits); else the first waiting.
                let next_to = pending
                    .iter()
                    .position(|&(_, e)| {
                        text.get(e..pos).is_some_and(|gap| {
                            gap.trim_matches([' ', '\t', ':', '\u{a0}']).is_empty()
                        })
                    })
                    .unwrap_or(0);
                let (f, _) = pending.remove(next_to);
                let slot = match f {
                    Field::Signed => &mut out.signed,
                    Field::Transmitted => &mut out.transmitted,
                    Field::Received => &mut out.received,
                    Field::Published => &mut out.published,
                };
                if slot.is_none() {
                    *slot = Some(iso);
                }
            }
        }
    }
    out
}

/// Where a date label expects its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// Right after it ("Publié le 22/02/2023", "Date de publication :
    /// 26 mars 2013"), or after a line end or another label (labels
    /// stacked before their dates).
    Adjacent,
    /// Within its sentence, after a place ("Fait à Montpellier, le 4
    /// février 2013").
    Sentence,
    /// Anywhere within the reach (an "Accusé de réception" block).
    Reach,
}

/// The slot of the label matched at `r`: adjacent for a label ending in
/// "le" or followed by a colon, in its sentence for one ending in "à".
fn slot_of(text: &str, r: std::ops::Range<usize>) -> Slot {
    let label = text[r.clone()].trim_end().to_lowercase();
    let colon = text[r.end..]
        .trim_start_matches([' ', '\t'])
        .starts_with(':');
    if label.ends_with(" le") || label.ends_with(':') || colon {
        Slot::Adjacent
    } else if label.ends_with(" à") || label.ends_with(" a") {
        Slot::Sentence
    } else {
        Slot::Reach
    }
}

/// How far after a "Fait à" label its date may stand (bytes): the place,
/// then ", le".
const SENTENCE_REACH: usize = 80;

/// Whether the label ending at `end` has its date where its slot says
/// (`dates` as (start, iso), in order).
fn slot_filled(
    text: &str,
    end: usize,
    slot: Slot,
    label_starts: &[usize],
    dates: &[(usize, String)],
) -> bool {
    match slot {
        Slot::Reach => true,
        Slot::Sentence => dates
            .iter()
            .any(|(d, _)| *d >= end && *d <= end + SENTENCE_REACH),
        Slot::Adjacent => {
            let rest = &text[end..];
            let p = end + (rest.len() - rest.trim_start_matches([' ', '\t', ':', '\u{a0}']).len());
            p >= text.len()
                || text[p..].starts_with(['\n', '\r'])
                || label_starts.contains(&p)
                // "le : lundi 3 avril 2023", "le 1er mars".
                || dates.iter().any(|(d, _)| *d >= p && *d <= p + 16)
        }
    }
}

/// Whether date `d` of `text` is inside an identifier, between hyphens or
/// underscores ("068-200073963-20230110-2023-10-01-3-DE", an @ctes id):
/// no label's date.
fn in_identifier(text: &str, d: &FoundDate) -> bool {
    let before = text[..d.start].chars().next_back();
    let after = text[d.end..].chars().next();
    let joint = |c: Option<char>| matches!(c, Some('-' | '_'));
    joint(before) && joint(after)
}

/// Characters no date can hold ([`DATE_CUTS_OK`]).
const DATE_CUTS: &[char] = &[
    ';', ':', '(', ')', '!', '?', '"', '[', ']', '|', '*', '=', '<', '>',
];

/// Whether neither `frdate`'s dates nor the glued ones can hold a character
/// of [`DATE_CUTS`] (checked on the patterns themselves).
static DATE_CUTS_OK: LazyLock<bool> = LazyLock::new(|| {
    frdate::dates_read_none_of(DATE_CUTS)
        && super::articles::reads_none_of(GLUED.as_str(), DATE_CUTS, false)
});

/// The part of `text` that holds `from..to`, widened to the nearest
/// characters of [`DATE_CUTS`] outside it (or the text's ends): the dates of
/// that part are those of the whole text that start in it. The whole text
/// when the date patterns could hold one of those characters.
fn date_span(text: &str, from: usize, to: usize) -> std::ops::Range<usize> {
    if !*DATE_CUTS_OK {
        return 0..text.len();
    }
    let from = from.min(text.len());
    let mut to = to.min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    let start = text
        .get(..from)
        .and_then(|t| t.rfind(DATE_CUTS))
        .map_or(0, |i| i + 1);
    let end = text
        .get(to..)
        .and_then(|t| t.find(DATE_CUTS))
        .map_or(text.len(), |i| to + i);
    start..end.max(start)
}

/// A date label counts at the start of a line, when it starts with a
/// capital, or inside the certificate of enforceability ("Acte rendu
/// exécutoire après dépôt en préfecture le … et publication le …").
fn label_position(text: &str, start: usize) -> bool {
    let line = text
        .get(..start)
        .unwrap_or("")
        .rsplit('\n')
        .next()
        .unwrap_or("");
    line.trim().is_empty()
        || text
            .get(start..)
            .and_then(|s| s.chars().next())
            .is_some_and(char::is_uppercase)
        || certifies_enforceability(line)
}

/// Whether the start of a line `line` is a certificate of enforceability
/// ("Acte rendu exécutoire après …", "Certifié exécutoire compte tenu de …").
fn certifies_enforceability(line: &str) -> bool {
    let folded: String = line.chars().map(lexicon::fold_char).collect();
    folded.contains("executoire")
}

/// Numeric dates glued to what follows by plain text extraction
/// ("27/03/201327/03/2013034-…"), which `frdate` does not read.
static GLUED: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"(\d{2})/(\d{2})/(\d{4})").expect("static regex"));

/// Every date of `text`: `frdate`'s, plus glued numeric dates.
fn dates_in(text: &str) -> Vec<FoundDate> {
    let mut out = frdate::find_dates(text);
    for c in GLUED.captures_iter(text) {
        let (Some(m), Some(d), Some(mo), Some(y)) = (c.get(0), c.get(1), c.get(2), c.get(3)) else {
            continue;
        };
        if out.iter().any(|f| f.start < m.end() && m.start() < f.end) {
            continue;
        }
        let (Ok(d), Ok(mo), Ok(y)) = (d.as_str().parse(), mo.as_str().parse(), y.as_str().parse())
        else {
            continue;
        };
        if let Some(iso) = frdate::iso_date(y, mo, d) {
            out.push(FoundDate {
                iso,
                start: m.start(),
                end: m.end(),
            });
        }
    }
    out.sort_by_key(|d| d.start);
    out
}

/// Who signed.
///
/// Rule: `signatory = anchor , { role_line } , name`, the first name in the
/// lines after the last "Pour extrait conforme" / "Certifié conforme" / "Fait
/// à", e.g. `Certifié Conforme, / La Présidente de la Métropole / Martine
/// VASSAL` → `Martine VASSAL`.
pub fn signatory(text: &str) -> Option<String> {
    let anchor = lexicon::class("signature.anchor");
    let last = anchor.find_iter(text).last()?;
    let rest = text.get(last.end..)?;
    let dated = |l: &str| LABELS.iter().any(|(c, _)| lexicon::class(c).is_match(l));
    for line in rest.lines().filter(|l| !l.trim().is_empty()).take(8) {
        // A dated label between the role and the name ("Pour extrait
        // conforme, Madame le Maire / Publiée le : 05 février 2013 /
        // Hélène MANDROUX") is passed over; a label without its date ends
        // the search.
        if dated(line) && frdate::first_date(line).is_none() {
            break;
        }
        if frdate::first_date(line).is_some() {
            continue;
        }
        if let Some(n) = names::first_name_in(line) {
            return Some(n);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_before_the_seance_or_decades_after_are_dropped() {
        let mut rec = Record::default();
        rec.session.date = Some("2023-02-16".into());
        rec.dates = Dates {
            signed: Some("2022-07-17".into()),
            transmitted: Some("2073-02-07".into()),
            received: Some("2023-02-20".into()),
            published: Some("2023-02-16".into()),
        };
        drop_implausible(&mut rec);
        assert_eq!(rec.dates.signed, None);
        assert_eq!(rec.dates.transmitted, None);
        assert_eq!(rec.dates.received.as_deref(), Some("2023-02-20"));
        assert_eq!(rec.dates.published.as_deref(), Some("2023-02-16"));
        assert_eq!(rec.diagnostics.len(), 2);
        assert!(rec
            .diagnostics
            .iter()
            .all(|d| d.code == "dates.implausible"));
    }

    #[test]
    fn the_dates_of_a_span_are_the_whole_texts_dates_in_it() {
        assert!(*DATE_CUTS_OK);
        let t = "Vu l'arrêté du 3 mars 2012 ; (12/04/2013) Séance du 4 février 2013 à 18h : \
                 Signé le 31 juillet 2020 (27/03/201328/03/2013) ; Publiée le : 5 février 2013.\n\
                 L'an deux mille vingt-trois, le vingt-cinq janvier ; 2013-02-04 ! fin";
        for (from, to) in [
            (0, 0),
            (20, 60),
            (45, 90),
            (100, 130),
            (0, t.len()),
            (150, 400),
        ] {
            let span = date_span(t, from, to);
            assert!(span.start <= from.min(t.len()) && span.end >= to.min(t.len()));
            let whole: Vec<(usize, String)> = dates_in(t)
                .into_iter()
                .filter(|d| span.contains(&d.start))
                .map(|d| (d.start, d.iso))
                .collect();
            let part: Vec<(usize, String)> = dates_in(&t[span.clone()])
                .into_iter()
                .map(|d| (span.start + d.start, d.iso))
                .collect();
            assert_eq!(whole, part, "{from}..{to}");
        }
    }

    #[test]
    fn a_running_label_takes_no_date_from_another_running_line() {
        // The séance's name and date at the top of each page, an empty
        // receipt label at the foot.
        let page = |n: u32| {
            format!("CM 27 mars 2012\nCommune de TESTVILLE\n\nTexte de la page {n}.\nSuite.\n\nDate de réception préfecture :\n")
        };
        let texts: Vec<String> = (1..=4).map(page).collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let src = crate::normalize::normalize(&crate::pages::Pages::from_texts(
            crate::model::TextOrigin::TextLayer,
            &refs,
        ));
        assert!(src
            .furniture
            .iter()
            .any(|f| f.text.starts_with("Date de réception")));
        assert!(src.furniture.iter().any(|f| f.text == "CM 27 mars 2012"));
        let dates = furniture_dates(&src);
        assert!(dates.iter().all(|d| d.received.is_none()), "{dates:?}");
        let signed = read_dates("Signé le 31 juillet 2020");
        assert_eq!(signed.signed.as_deref(), Some("2020-07-31"));
    }

    #[test]
    fn stacked_labels_take_the_dates_in_order() {
        let d = read_dates("Acte Certifié exécutoire\n\nEnvoi Préfecture :\nRéception en Préfecture :\n\n27/03/201328/03/2013034-213401722-20130325-0000062258-DE\nTexte.\nPubliée le : 26 mars 2013");
        assert_eq!(d.transmitted.as_deref(), Some("2013-03-27"));
        assert_eq!(d.received.as_deref(), Some("2013-03-28"));
        assert_eq!(d.published.as_deref(), Some("2013-03-26"));
        assert_eq!(d.signed, None);
    }

    #[test]
    fn the_receipt_date_of_the_ar() {
        let d = read_dates(
            "Le secrétaire de séance, Anne PETIT Date de réception AR 31/01/2023 Numéro de l'acte 1_2023",
        );
        assert_eq!(d.received.as_deref(), Some("2023-01-31"));
        // "date de réception des offres" is still no label.
        assert_eq!(
            read_dates("Date de réception des offres 31/01/2023").received,
            None
        );
    }

    #[test]
    fn running_header_dates() {
        let d =
            read_dates("Signé le 31 Juillet 2020\nReçu au Contrôle de légalité le 06 août 2020");
        assert_eq!(d.signed.as_deref(), Some("2020-07-31"));
        assert_eq!(d.received.as_deref(), Some("2020-08-06"));
    }

    #[test]
    fn a_label_with_an_empty_place_takes_no_date() {
        // The stamp printed without its publication date, run on.
        let d = read_dates("Envoyé en préfecture le 14/03/2023 Reçu en préfecture le 14/03/2023 Publié le ID : 012-200012345-20230310-D2023_03_01-DE Rapport du 7 mars 2023 sur les orientations");
        assert_eq!(d.transmitted.as_deref(), Some("2023-03-14"));
        assert_eq!(d.received.as_deref(), Some("2023-03-14"));
        assert_eq!(d.published, None);
        // A date inside the @ctes id is no receipt date.
        let d = read_dates("Accusé de réception en préfecture 012-200012345-20230110-2023-10-01-3-DE Date de télétransmission : 12/01/2023 Date de réception préfecture : 13/01/2023");
        assert_eq!(d.transmitted.as_deref(), Some("2023-01-12"));
        assert_eq!(d.received.as_deref(), Some("2023-01-13"));
        // "Fait à X" with the date of the séance, not a date of its own.
        let d = read_dates("Fait et délibéré à Saint-Exemple les jour, mois et an susdits. Pour extrait conforme, le Maire. Certifié exécutoire compte tenu de la transmission le : 27 février 2023");
        assert_eq!(d.signed, None);
        let d = read_dates("Fait à Saint-Exemple-sur-Mer, le 4 février 2013");
        assert_eq!(d.signed.as_deref(), Some("2013-02-04"));
        let d = read_dates("Publié le\n22/02/2023\nAffiché le : 23 février 2023");
        assert_eq!(d.published.as_deref(), Some("2023-02-22"));
    }

    #[test]
    fn the_certificate_of_enforceability() {
        let d = read_dates(
            "Acte rendu exécutoire après dépôt en préfecture le 10 juin 2024 et publication le 11 juin 2024.",
        );
        assert_eq!(d.received.as_deref(), Some("2024-06-10"));
        assert_eq!(d.published.as_deref(), Some("2024-06-11"));
        let d = read_dates("Transmis au représentant de l'État le 15 avril 2024\nPublié sur le site internet du Département le 16/04/2024");
        assert_eq!(d.transmitted.as_deref(), Some("2024-04-15"));
        assert_eq!(d.published.as_deref(), Some("2024-04-16"));
    }

    #[test]
    fn a_place_and_date_without_fait() {
        let d = read_dates("Le Président est chargé de l'exécution.\n\nÀ Exemple-sur-Loire, le 6 juin 2024\n\nLe Président,");
        assert_eq!(d.signed.as_deref(), Some("2024-06-06"));
        let d = read_dates(
            "Pour extrait conforme,\nSaint-Exemple-en-Val, le 10 octobre 2024\nLa Présidente,",
        );
        assert_eq!(d.signed.as_deref(), Some("2024-10-10"));
        // A sentence opening with "À" is no place.
        let d = read_dates("À compter du 1er janvier 2025, le tarif est fixé.");
        assert_eq!(d.signed, None);
    }

    #[test]
    fn prose_is_not_a_label() {
        let d = read_dates("vu l'arrêté publié le 3 mars 2012 au recueil");
        assert_eq!(d.published, None);
    }

    #[test]
    fn signatory_after_the_anchor() {
        let t = "Le Conseil adopte. Pour extrait conforme, Madame le Maire\n\nLéa MARTIN\n\nPubliée le : 26 mars 2013";
        assert_eq!(signatory(t).as_deref(), Some("Léa MARTIN"));
        let t = "Certifié Conforme,\n\nLa Présidente de la Métropole\nAix-Exemple-Provence\n\nAnne PETIT\n";
        assert_eq!(signatory(t).as_deref(), Some("Anne PETIT"));
        let t = "Le Conseil adopte.\n\nPour extrait conforme, Madame le Maire\n\nPubliée le : 05 février 2013\n\nHélène MANDROUX\n";
        assert_eq!(signatory(t).as_deref(), Some("Hélène MANDROUX"));
    }
}
