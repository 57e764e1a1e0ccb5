//! The header part of a deliberation (grammar/deliberation.ebnf, `header`):
//! the collectivité and its département, the deliberating body, and the
//! séance (date, time, convocation, president, secretary, members in office).
//!
//! Everything is found by its wording (`grammar/lexicon/header.toml`,
//! `body.toml`), not by its position, so that the reader works on a single
//! "extrait" whatever the layout extraction did with its columns, and on the
//! head of a séance document ([`read_head`] takes any `&str`).

use std::ops::Range;

use super::frdate::{self, FoundDate};
use super::lexicon::{self, PhraseClass};
use super::words::parse_number_words;
use super::{attendance, floor_char, names, references, Ctx};
use crate::model::{Authority, Body, BodyKind, Record, Session};

/// What the header part says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Head {
    /// The collectivité.
    pub authority: Authority,
    /// The deliberating body.
    pub body: Body,
    /// The séance.
    pub session: Session,
}

impl Head {
    /// Takes from `other` each field of the séance and the body this head
    /// lacks. Not the collectivité: past the head, the collectivités named
    /// are others' (an agenda's "contribution au syndicat mixte …").
    fn fill_from(&mut self, other: Head) {
        fn fill<T>(mine: &mut Option<T>, theirs: Option<T>) {
            if mine.is_none() {
                *mine = theirs;
            }
        }
        if self.body.kind.is_none() {
            self.body = other.body;
        }
        let (s, o) = (&mut self.session, other.session);
        fill(&mut s.date, o.date);
        fill(&mut s.time, o.time);
        fill(&mut s.convened_on, o.convened_on);
        fill(&mut s.president, o.president);
        fill(&mut s.secretary, o.secretary);
        fill(&mut s.members_in_office, o.members_in_office);
    }
}

/// Reads the header part of the deliberation in `cx` into `rec`.
pub fn read(cx: &mut Ctx, rec: &mut Record) {
    let end = references::head_end(cx.text);
    let short = cx.text.get(..end).unwrap_or(cx.text);
    let mut head = read_head(short);
    // Past a head cut blind, only when it shows no séance at all: neither
    // a president nor a list (the attendance reader asks for the same
    // head's lists next, which are kept).
    let no_seance = || {
        head.session.president.is_none()
            && attendance::read_attendance_of_head(short).attendance == Default::default()
    };
    if let Some(wide) = references::wider_head_end(cx.text).filter(|_| no_seance()) {
        head.fill_from(read_head(cx.text.get(..wide).unwrap_or(cx.text)));
    }
    if head.session.date.is_none() {
        rec.diagnostics.push(cx.warning(
            "header.no_session_date",
            "no séance date found in the head of the deliberation",
            0,
            end.min(200),
        ));
    }
    rec.authority = head.authority;
    rec.body = head.body;
    rec.session = head.session;
}

/// Reads the header fields from the head of a deliberation or of a séance
/// document (the text before its first report or visa).
pub fn read_head(text: &str) -> Head {
    // The collectivité and the body are named before the attendance lists;
    // titles after them often name other collectivités.
    let top = attendance::first_heading(text).unwrap_or(text.len());
    let top_text = text.get(..top).unwrap_or(text);
    let (date, date_end) = match session_date(text) {
        Some(d) => (Some(d.iso), d.end),
        None => (None, 0),
    };
    let convened = convened_on(text, date.as_deref());
    let date = match (date, convened.as_deref()) {
        (Some(d), Some(c)) => Some(year_after_convocation(&d, c).unwrap_or(d)),
        (d, _) => d,
    };
    // Without an attendance heading the top is the whole text: no second
    // asking of the same question.
    let whole = top_text.len() == text.len();
    let body = body(top_text, text)
        .or_else(|| if whole { None } else { body(text, text) })
        .unwrap_or_default();
    // A département's or région's own bodies sit for it.
    let territorial = matches!(
        body.kind,
        Some(
            BodyKind::DepartmentalCouncil | BodyKind::RegionalCouncil | BodyKind::StandingCommittee
        )
    );
    let territory =
        || territory_name(top_text).or_else(|| if whole { None } else { territory_name(text) });
    let name = territorial
        .then(territory)
        .flatten()
        .or_else(|| {
            authority_name(top_text)
                .or_else(|| if whole { None } else { authority_name(text) })
                .filter(|n| fits_body(n, &body))
        })
        .or_else(|| {
            (body.kind == Some(BodyKind::MunicipalCouncil))
                .then(|| commune_seat(top_text))
                .flatten()
        });
    Head {
        authority: Authority {
            name,
            department: department(top_text),
        },
        body,
        session: Session {
            date,
            time: session_time(text, date_end),
            convened_on: convened,
            // A surname alone ("sous la présidence de Monsieur DUPONT") is
            // completed from the attendance lists.
            president: president(text).map(|p| {
                let known =
                    attendance::all_names(&attendance::read_attendance_of_head(text).attendance);
                names::complete(p, &known)
            }),
            secretary: secretary(text),
            members_in_office: members_in_office(text),
        },
    }
}

/// The séance date `date` with the year of its convocation `convened` (or
/// the next), when its own year puts it more than a year off and the
/// convocation's puts it within three months after: a year OCR misread
/// ("10 AOÛT 2029" convened on "30 juillet 2020"). `None` when `date` is
/// plausible or no year makes it so.
fn year_after_convocation(date: &str, convened: &str) -> Option<String> {
    let ymd = |s: &str| -> Option<(i64, i64, i64)> {
        let mut it = s.split('-').map(|p| p.parse::<i64>().ok());
        Some((it.next()??, it.next()??, it.next()??))
    };
    let (y, m, d) = ymd(date)?;
    let (cy, cm, cd) = ymd(convened)?;
    // Days counted roughly (31 a month): a bound, not a calendar.
    let day = |y: i64, m: i64, d: i64| y * 372 + m * 31 + d;
    let gap = |y: i64| day(y, m, d) - day(cy, cm, cd);
    if (0..=372).contains(&gap(y)) {
        return None;
    }
    let y = [cy, cy + 1]
        .into_iter()
        .find(|&y| (0..=93).contains(&gap(y)))?;
    // A 29 February moved to a common year is no date.
    frdate::iso_date(
        i32::try_from(y).ok()?,
        u32::try_from(m).ok()?,
        u32::try_from(d).ok()?,
    )
}

/// The séance date.
///
/// Rule: `session_date = session_opening , date | "l'an" … date | date`
/// (the first date of the head that is not the convocation's), e.g.
/// `Séance publique du lundi 4 février 2013` → `2013-02-04`.
pub fn session_date(text: &str) -> Option<FoundDate> {
    let all = frdate::find_dates(text);
    // "Approbation du procès-verbal de la séance du 9 décembre 2022" dates
    // an earlier séance.
    let previous = lexicon::class("header.previous_session");
    let dates: Vec<&FoundDate> = all
        .iter()
        .filter(|d| {
            let from = floor_char(text, d.start.saturating_sub(90));
            let before = text.get(from..d.start).unwrap_or("");
            !previous.find_iter(before).any(|r| {
                let gap = &before[r.end..];
                !gap.contains(". ") && !gap.contains('\n')
            })
        })
        .collect();
    // Like the dates of the last rule, the séance's own opening comes in
    // the first lines: deeper in a head that runs on ("réunion du conseil
    // municipal du 30 janvier" where a point is put off) it names another.
    let opening = lexicon::class("header.session_opening");
    for m in opening.find_iter(text).take_while(|m| m.start < 1500) {
        if let Some(d) = dates
            .iter()
            .find(|d| d.start >= m.end && d.start <= m.end + 40)
        {
            return Some(FoundDate::clone(d));
        }
    }
    // "L'an deux mille vingt-trois, le vingt-cinq janvier"
    let year_words = lexicon::class("header.year_words");
    if let Some(d) = dates
        .iter()
        .find(|d| starts_with_class(text, d, year_words))
    {
        return Some(FoundDate::clone(d));
    }
    // The first date of the head that is not the convocation's, nor the
    // prefecture's ("Envoyé en préfecture le 22/02/2023"), nor inside an
    // @ctes identifier; else the date an @ctes identifier gives the act;
    // else the prefecture's. (A publication date stays: a collection of
    // acts is dated by "Publié le 13 janvier 2023".)
    let convened = lexicon::class("header.convened");
    let stamps = [
        lexicon::class("signature.transmitted"),
        lexicon::class("signature.received"),
    ];
    let ids: Vec<Range<usize>> = lexicon::class("references.actes_id")
        .find_iter(text)
        .take_while(|r| r.start < 1500)
        .collect();
    let plain = |d: &FoundDate, stamped: bool| {
        d.start < 1500 && {
            let from = floor_char(text, d.start.saturating_sub(60));
            let before = text.get(from..d.start).unwrap_or("");
            !convened.is_match(before)
                && !before.to_lowercase().contains("vu ")
                && (stamped || !stamps.iter().any(|c| labels(c, before)))
                && !ids.iter().any(|r| r.contains(&d.start))
        }
    };
    let first = |stamped: bool| dates.iter().copied().find(|d| plain(d, stamped)).cloned();
    first(false)
        .or_else(|| ids.iter().find_map(|r| actes_date(text, r.clone())))
        // A stamp's date, when nothing else dates the act.
        .or_else(|| first(true))
}

/// True when `before` ends with a phrase of `class` and at most a colon
/// and spaces: the label of what follows.
fn labels(class: &PhraseClass, before: &str) -> bool {
    class.find_iter(before).any(|r| {
        before[r.end..]
            .trim_matches([' ', ':', '\u{a0}'])
            .is_empty()
    })
}

/// The date of the act an @ctes identifier at `r` of `text` gives
/// (`034-213401722-20130204-…` → `2013-02-04`).
fn actes_date(text: &str, r: Range<usize>) -> Option<FoundDate> {
    let id = text.get(r.clone())?;
    let mut parts = id.split('-');
    let (_, _) = (parts.next()?, parts.next()?);
    let ymd = parts.next()?;
    let offset = id.find(ymd)?;
    let num = |a: usize, b: usize| ymd.get(a..b)?.parse::<u32>().ok();
    let year = i32::try_from(num(0, 4)?).ok()?;
    let iso = frdate::iso_date(year, num(4, 6)?, num(6, 8)?)?;
    (ymd.len() == 8).then(|| FoundDate {
        iso,
        start: r.start + offset,
        end: r.start + offset + 8,
    })
}

/// True when the date `d` starts with a phrase of `class`.
fn starts_with_class(text: &str, d: &FoundDate, class: &PhraseClass) -> bool {
    class
        .find(text.get(d.start..d.end).unwrap_or(""))
        .is_some_and(|r| r.start == 0)
}

/// The opening time, `HH:MM`.
///
/// Rule: `time = "à" , hours , ( "h" | "H" | "heures" | ":" ) , [ minutes ]`
/// or in words, e.g. `le lundi 4 février 2013 à 18H00` → `18:00`, `à dix-huit
/// heures trente` → `18:30`. The time nearest after the séance date wins.
pub fn session_time(text: &str, after: usize) -> Option<String> {
    let class = lexicon::class("header.time");
    let mut found: Vec<(usize, String)> = Vec::new();
    for caps in class.regex().captures_iter(text) {
        let Some(m) = caps.get(0) else { continue };
        let groups: Vec<&str> = caps.iter().skip(1).flatten().map(|g| g.as_str()).collect();
        let Some(h) = groups.first() else { continue };
        let hour = h
            .parse::<u32>()
            .ok()
            .or_else(|| parse_number_words(h).and_then(|v| u32::try_from(v).ok()));
        let minute = match groups.get(1) {
            Some(mm) => mm
                .parse::<u32>()
                .ok()
                .or_else(|| parse_number_words(mm).and_then(|v| u32::try_from(v).ok())),
            None => Some(0),
        };
        if let (Some(h), Some(mi)) = (hour, minute) {
            if h < 24 && mi < 60 {
                found.push((m.start(), format!("{h:02}:{mi:02}")));
            }
        }
    }
    found
        .iter()
        .find(|(s, _)| *s >= after)
        .or_else(|| found.first())
        .map(|(_, t)| t.clone())
}

/// The date of the convocation.
///
/// Rule: `convened = convened_phrase , [ ":" ] , ( date | day , month )`,
/// e.g. `Convoqué le mardi 29 janvier 2013` → `2013-01-29`; a day and month
/// without a year (`dûment convoqué le 27 septembre`) take the year that
/// puts them on or before the séance date `session`.
pub fn convened_on(text: &str, session: Option<&str>) -> Option<String> {
    let class = lexicon::class("header.convened");
    let dates = frdate::find_dates(text);
    let found: Vec<_> = class.find_iter(text).collect();
    found
        .iter()
        .find_map(|m| {
            dates
                .iter()
                .find(|d| d.start >= m.end && d.start <= m.end + 40)
                .map(|d| d.iso.clone())
        })
        .or_else(|| {
            let session = session?;
            found.iter().find_map(|m| {
                let (iso, _) = frdate::day_month_before(text.get(m.end..)?, session)?;
                Some(iso)
            })
        })
}

/// Who presided.
///
/// Rule: `president = "sous la présidence de" , [ civility , role , "," ] ,
/// name | name , "," , role , "a ouvert la séance"`, e.g. `sous la présidence
/// de Madame le Maire, Hélène Mandroux` → `Hélène Mandroux`.
pub fn president(text: &str) -> Option<String> {
    // The references reader asks again of the head the header reader read
    // when no president was found there: the last answer is kept.
    thread_local! {
        static LAST: super::memo::Last<Option<String>> = const { std::cell::RefCell::new(None) };
    }
    super::memo::remembered(&LAST, text, find_president)
}

/// [`president`] without the memory of the last text.
fn find_president(text: &str) -> Option<String> {
    let class = lexicon::class("header.president");
    let mut by_role = false;
    for m in class.find_iter(text) {
        let phrase = phrase_after(text, m.end, 160);
        if let Some(n) = names::first_name_in(phrase) {
            return Some(n);
        }
        by_role |= is_head_role(phrase);
    }
    if let Some(n) = labelled_president(text) {
        return Some(n);
    }
    let opened = lexicon::class("header.opened_by");
    for m in opened.find_iter(text) {
        let phrase = sentence_before(text, m.start);
        if let Some(n) = names::first_name_in(phrase) {
            return Some(n);
        }
        // "Le quorum étant atteint, Monsieur le Maire ouvre la séance".
        by_role |= ends_with_head_role(phrase);
    }
    if by_role {
        return member_in_role(text);
    }
    None
}

/// The name after a president's label and its colon ("Président de séance :
/// Franck RAYNAL"), not a vice-président's.
fn labelled_president(text: &str) -> Option<String> {
    let label = lexicon::class("header.president_label");
    label.find_iter(text).find_map(|m| {
        if text[..m.start].ends_with(['-', '–']) {
            return None;
        }
        let rest = text[m.end..]
            .trim_start_matches([' ', '\t'])
            .strip_prefix(':')?;
        names::name_after_label(before_next_part(rest))
    })
}

/// True when `phrase` ends on the head of the collectivité by role
/// ("…, Monsieur le Maire", "Madame la Présidente").
fn ends_with_head_role(phrase: &str) -> bool {
    let words: Vec<&str> = phrase.split_whitespace().collect();
    let Some(tail) = words.len().checked_sub(3).map(|k| &words[k..]) else {
        return false;
    };
    names::strip_civility(tail[0]).is_empty() && is_head_role(&tail.join(" "))
}

/// "Mme la Maire.", "Monsieur le Président": the head of the collectivité
/// by role alone (not "le président de la commission d'appel d'offres").
fn is_head_role(phrase: &str) -> bool {
    let p = names::strip_civility(phrase.trim_start());
    let role: String = p
        .chars()
        .take_while(|c| !matches!(c, '.' | ',' | ';' | '\n'))
        .map(lexicon::fold_char)
        .collect();
    matches!(
        role.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .as_str(),
        "le maire" | "la maire" | "le president" | "la presidente"
    )
}

/// The member the attendance marks with the presiding role, for a séance
/// "sous la présidence de Mme la Maire": "Présents : Mme Hélène DUPONT,
/// Maire, M. Paul AUBERT…" gives `Hélène DUPONT`. Not "Maire adjoint",
/// "Président de la commission…".
fn member_in_role(text: &str) -> Option<String> {
    const ROLES: &[&str] = &["Maire", "Présidente", "Président"];
    const NOT_THE_HEAD: &[&str] = &[
        "adjoint",
        "adjointe",
        "délégué",
        "déléguée",
        "honoraire",
        "de",
        "du",
        "des",
        "d'",
    ];
    for (i, _) in text.match_indices(", ") {
        let after = text.get(i + 2..)?;
        let Some(role) = ROLES.iter().find(|r| after.starts_with(**r)) else {
            continue;
        };
        let rest = after.get(role.len()..).unwrap_or("");
        if rest.starts_with(|c: char| c.is_alphanumeric() || c == '-') {
            continue;
        }
        let next = rest
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_end_matches([',', '.', ';'])
            .to_lowercase();
        if NOT_THE_HEAD.contains(&next.as_str()) || next.starts_with("d'") {
            continue;
        }
        if let Some(n) = text.get(..i).and_then(names::trailing_name) {
            // "la convocation de Monsieur Paul AUBERT, Maire": the name
            // without the words before it.
            let words: Vec<&str> = n
                .split_whitespace()
                .skip_while(|w| w.starts_with(char::is_lowercase))
                .collect();
            let name = names::strip_civility(&words.join(" ")).trim().to_string();
            if name.split_whitespace().count() >= 2 {
                return Some(name);
            }
        }
    }
    None
}

/// The secrétaire de séance.
///
/// Rule: `secretary = "Secrétaire de séance" , [ ":" ] , name | name , "a été
/// désigné(e) secrétaire"`, e.g. `Secrétaire de séance : Madame Sabine
/// LESPAGNOL` → `Sabine LESPAGNOL`.
pub fn secretary(text: &str) -> Option<String> {
    let label = lexicon::class("header.secretary_label");
    let mut labelled = Vec::new();
    for m in label.find_iter(text) {
        let after = text.get(m.end..).unwrap_or("");
        let trimmed = after.trim_start_matches([' ', '\t']);
        if let Some(rest) = trimmed.strip_prefix(':') {
            labelled.push(m.clone());
            let start = m.end + (after.len() - rest.len());
            // The name on the label's own line wins ("… secrétaire de séance :
            // M. Michel GRAVOUIL" then a date on the next line, chemere).
            let line = label_line(rest);
            // Two signature columns: "Le Secrétaire de séance : Le Maire :"
            // over "S.MEARY Yves ARMAND"; the secretary's name comes first.
            let columns = line.trim().strip_suffix(':').is_some_and(names::is_role);
            if columns {
                if let Some(n) = first_column_name(rest) {
                    return Some(n);
                }
                continue;
            }
            // Only a name right after the label: in a flattened text its
            // "line" runs on to the end of the document.
            let short_line = line.len() <= SHORT_LABEL_LINE;
            if let Some(n) = names::name_after_label(before_next_part(&line))
                .or_else(|| {
                    names::name_after_label(before_next_part(phrase_after(text, start, 80)))
                })
                .or_else(|| {
                    short_line
                        .then(|| names::trailing_civility_surname(&line))
                        .flatten()
                })
            {
                return Some(n);
            }
        }
    }
    let after = lexicon::class("header.secretary_after");
    // "A été élue secrétaire de séance : …" names the secretary after its
    // colon: the name before it is somebody else's.
    let before_a_label = |m: &std::ops::Range<usize>| {
        labelled
            .iter()
            .any(|l| l.start < m.end + 24 && m.start < l.end)
    };
    for m in after.find_iter(text).filter(|m| !before_a_label(m)) {
        let before = sentence_before(text, m.start);
        // "Monsieur Grandin est nommé secrétaire de séance": a surname in
        // small letters, which the séance's lists complete.
        let named =
            names::trailing_name(before).or_else(|| names::trailing_civility_surname(before));
        if let Some(n) = named {
            return Some(n);
        }
    }
    None
}

/// The start of `phrase` up to what opens the next part of a flattened
/// text ("Émilie BELMAS OBJET : …", "Monique BUFFAROT EXCUSÉS : …",
/// "Robert ARNAUD Vu le Code …"): a title's end (`references.title_end`) or
/// an attendance heading, within its first 120 bytes.
fn before_next_part(phrase: &str) -> &str {
    let head = &phrase[..floor_char(phrase, phrase.len().min(120))];
    let end = [
        lexicon::class("references.title_end")
            .find(head)
            .map(|m| m.start),
        attendance::first_heading_in(head),
    ]
    .into_iter()
    .flatten()
    .filter(|&e| !head[..e].trim().is_empty())
    .min()
    .unwrap_or(head.len());
    &head[..end]
}

/// The longest label line whose end may hold the secretary's surname
/// ("Secrétaire de séance : monsieur Pitel").
const SHORT_LABEL_LINE: usize = 80;

/// The first name on the line under two signature labels ("S.MEARY" in
/// "S.MEARY Yves ARMAND"): the shortest run of its first words, one to
/// three, that reads as a name.
fn first_column_name(rest: &str) -> Option<String> {
    let below = rest.split('\n').nth(1)?;
    let words: Vec<&str> = below.split_whitespace().collect();
    (1..=words.len().min(3)).find_map(|k| {
        let name = names::clean_name(&words[..k].join(" "))?;
        (name.split_whitespace().count() == k).then_some(name)
    })
}

/// The rest of a label's line, with the next line when it only finishes a
/// name cut by the line end ("MME Michèle\nFRANCHETEAU").
fn label_line(rest: &str) -> String {
    let mut lines = rest.split('\n');
    let first = lines.next().unwrap_or("").trim_end();
    let next = lines.next().unwrap_or("").trim();
    let finishes = !next.is_empty()
        && next.split_whitespace().count() <= 3
        && next.split_whitespace().all(names::is_caps)
        && first.split_whitespace().last().is_some_and(|w| {
            !names::is_caps(w) && w.chars().next().is_some_and(char::is_uppercase)
        });
    if finishes {
        format!("{first} {next}")
    } else {
        first.to_string()
    }
}

/// Members in office, as printed.
///
/// Rule: `in_office = "en exercice" , [ ":" ] , digits | digits , "membres en
/// exercice"`, e.g. `Nombre de conseillers en exercice : 75` → 75.
pub fn members_in_office(text: &str) -> Option<u32> {
    first_count(lexicon::class("attendance.in_office"), text)
}

/// The first number captured by a class whose variants capture one.
pub fn first_count(class: &PhraseClass, text: &str) -> Option<u32> {
    class.regex().captures_iter(text).find_map(|c| {
        c.iter()
            .skip(1)
            .flatten()
            .find_map(|g| g.as_str().parse::<u32>().ok())
    })
}

/// The collectivité's name as printed, e.g. `Ville de Montpellier`,
/// `Métropole Aix-Marseille-Provence`; a mixed-case mention wins over an
/// upper-case one.
pub fn authority_name(text: &str) -> Option<String> {
    let class = lexicon::class("header.authority");
    let found: Vec<Range<usize>> = class.find_iter(text).collect();
    let fold = |r: &Range<usize>| {
        let words: Vec<&str> = text
            .get(r.clone())
            .unwrap_or("")
            .split_whitespace()
            .collect();
        // "le Conseil Municipal de la commune de SAINT RESTITUT": the
        // authority is the commune, named with a capital.
        match words.iter().position(|w| *w == "commune") {
            Some(i) if i > 0 => format!("Commune {}", words[i + 1..].join(" ")),
            _ => words.join(" "),
        }
    };
    // A mention cut down to its kind ("Communauté de communes" before a
    // heading) names nothing: the next one does.
    let named: Vec<(String, bool)> = found
        .iter()
        .map(|r| {
            let mixed = text
                .get(r.clone())
                .is_some_and(|s| s.chars().filter(|c| c.is_lowercase()).count() > 3);
            (cut_authority(&fold(r)), mixed)
        })
        .filter(|(n, _)| !is_bare_kind(n))
        .collect();
    named
        .iter()
        .find(|(_, mixed)| *mixed)
        .or(named.first())
        .map(|(n, _)| n.clone())
}

/// The département or région named in `text` ("DÉPARTEMENT DE LA X",
/// "Région X", "le Conseil départemental de la X" read as "Département de
/// la X", "le Conseil régional d'X" as "Région X"), a mixed-case mention
/// winning over an upper-case one.
pub fn territory_name(text: &str) -> Option<String> {
    let class = lexicon::class("header.authority_territory");
    let named: Vec<(String, bool)> = class
        .find_iter(text)
        .filter_map(|r| {
            let before = text.get(..r.start)?;
            let s = text.get(r)?;
            let words: Vec<&str> = s.split_whitespace().collect();
            let f = |w: &str| w.chars().map(lexicon::fold_char).collect::<String>();
            // "Communauté de communes de la Région de X": the région is
            // part of another body's name.
            let first = words.first().map(|w| f(w)).unwrap_or_default();
            let before = before.trim_end();
            let tail =
                before[super::floor_char(before, before.len().saturating_sub(8))..].to_lowercase();
            let complement = [" de la", " de", " du", " des"]
                .iter()
                .any(|l| tail.ends_with(l));
            if complement && (first == "region" || first == "departement") {
                return None;
            }
            let name = match (words.first().map(|w| f(w)), words.get(1).map(|w| f(w))) {
                (Some(c), Some(k)) if c == "conseil" && k == "departemental" => {
                    format!("Département {}", words[2..].join(" "))
                }
                (Some(c), Some(k)) if c == "conseil" && k == "regional" => {
                    // Régions are named without the link: "Région Exemple".
                    let rest = words[2..].join(" ");
                    let rest = ["de la ", "de l'", "des ", "du ", "de ", "d'"]
                        .iter()
                        .find_map(|l| {
                            rest.get(..l.len())
                                .filter(|p| p.eq_ignore_ascii_case(l))
                                .map(|_| rest[l.len()..].trim_start().to_string())
                        })
                        .unwrap_or(rest);
                    format!("Région {rest}")
                }
                _ => words.join(" "),
            };
            let mixed = s.chars().filter(|c| c.is_lowercase()).count() > 3;
            Some((cut_authority(&name), mixed))
        })
        .filter(|(n, _)| !is_bare_kind(n))
        .collect();
    named
        .iter()
        .find(|(_, mixed)| *mixed)
        .or(named.first())
        .map(|(n, _)| n.clone())
}

/// The commune named by its council or town hall ("le Conseil Municipal de
/// FIGEAC", "à la mairie de MESLAY-DU-MAINE"), as `Commune de FIGEAC`: the
/// capitalized words after the label, with the linking words between them.
pub fn commune_seat(text: &str) -> Option<String> {
    const LINK: &[&str] = &[
        "de", "du", "des", "la", "le", "les", "sur", "en", "lès", "d'",
    ];
    const NOT_A_NAME: &[&str] = &["la", "le", "les", "l'", "commune", "ville", "cette"];
    for m in lexicon::class("header.commune_seat").find_iter(text) {
        let label = text.get(m.clone())?;
        let elided = label.ends_with(['\'', '’']);
        let rest = text.get(m.end..)?;
        let mut words: Vec<&str> = Vec::new();
        for w in rest.split_whitespace().take(8) {
            let bare = w.trim_end_matches([',', '.', ';', ':', ')']);
            let lower = bare.to_lowercase();
            // An address or a telephone after the name ("Tél.:04…").
            if bare.contains(|c: char| c.is_ascii_digit() || ".:/@".contains(c)) {
                break;
            }
            let capital = bare.starts_with(char::is_uppercase);
            if !(capital || (!words.is_empty() && LINK.contains(&lower.as_str()))) {
                break;
            }
            words.push(bare);
            if bare.len() != w.len() {
                break;
            }
        }
        let first = words.first().map(|w| w.to_lowercase()).unwrap_or_default();
        if words.is_empty()
            || NOT_A_NAME.contains(&first.as_str())
            || first.chars().filter(|c| c.is_alphabetic()).count() < 3
        {
            continue;
        }
        let link = if elided { "d'" } else { "de " };
        let name = cut_authority(&format!("Commune {link}{}", words.join(" ")));
        if !is_bare_kind(&name) {
            return Some(name);
        }
    }
    None
}

/// A name that is only a collectivité's kind: "Communauté de communes",
/// "COMMUNE", "Syndicat mixte".
fn is_bare_kind(name: &str) -> bool {
    const KIND: &[&str] = &[
        "ville",
        "commune",
        "communes",
        "communaute",
        "d'agglomeration",
        "agglomeration",
        "urbaine",
        "metropole",
        "syndicat",
        "mixte",
        "intercommunal",
        "departemental",
        "interdepartemental",
        "departement",
        "region",
        "de",
        "d'",
    ];
    name.split_whitespace().all(|w| {
        let f: String = w.chars().map(lexicon::fold_char).collect();
        KIND.contains(&f.as_str())
    })
}

/// Cuts a collectivité's name where the next heading starts, in texts whose
/// lines were flattened: at a heading word ("Conseil", "Séance",
/// "PROCES-VERBAL"), at a change from capitalized to upper-case words, and
/// before trailing particles ("Communauté d'Agglomération du Niortais La").
fn cut_authority(name: &str) -> String {
    const STOP: &[&str] = &[
        "conseil",
        "conseiller",
        "conseillere",
        "seance",
        "proces-verbal",
        "extrait",
        "registre",
        "departement",
        "compte",
        "compte-rendu",
        "publie",
        "membre",
        "titre",
        "deliberation",
        "deliberations",
        "reunion",
        "session",
        "bureau",
        "commission",
        "ordre",
        "nombre",
        "date",
        "objet",
        "presents",
        "etaient",
        "accuse",
        "envoye",
        "recu",
        "affiche",
        // The kind again ("COMMUNE D'ERMONT DE LA COMMUNE D'ERMONT").
        "commune",
        "ville",
        // Words that never link a name's parts: the sentence after an
        // upper-case name ("METROPOLE X DANS DIFFERENTS ORGANISMES").
        "dans",
        "a",
        "pour",
        "par",
        "avec",
        "au",
        "aux",
        // A date after the name ("Communauté d'Agglomération X Octobre 2021").
        "janvier",
        "fevrier",
        "avril",
        "mai",
        "juin",
        "juillet",
        "aout",
        "septembre",
        "octobre",
        "novembre",
        "decembre",
    ];
    let toks: Vec<&str> = name.split_whitespace().collect();
    let mut kept: Vec<&str> = Vec::new();
    let mut style: Option<bool> = None; // Some(true) = upper case
    for (i, t) in toks.iter().enumerate() {
        let f: String = t.chars().map(lexicon::fold_char).collect();
        if i > 0 && STOP.contains(&f.as_str()) {
            break;
        }
        let caps = names::is_caps(t);
        let letters = t.chars().filter(|c| c.is_alphabetic()).count();
        // The kind word ("Communauté", "VILLE") does not set the style.
        if i > 0 && letters >= 3 {
            match style {
                None => style = Some(caps),
                Some(s) if s != caps && !t.contains('\'') => break,
                _ => {}
            }
        } else if i > 0
            && style == Some(true)
            && t.starts_with(char::is_uppercase)
            && t.chars().any(char::is_lowercase)
        {
            // A short capitalized word after an upper-case name is the next
            // text ("COMMUNE DE BAGNEUX Ar").
            break;
        }
        kept.push(t);
    }
    while kept.len() > 1
        && kept.last().is_some_and(|t| {
            matches!(
                t.to_lowercase().as_str(),
                "de" | "du" | "des" | "la" | "le" | "les" | "en" | "sur" | "d'" | "l'"
            )
        })
    {
        kept.pop();
    }
    kept.join(" ")
}

/// False when an authority cannot hold the body's séance: a conseil
/// municipal sits for a commune, so a "Communauté de Communes …" named in
/// the minutes of one is another collectivité (a partner it deliberates
/// about), not the authority.
fn fits_body(name: &str, body: &Body) -> bool {
    let kind_word = name
        .split_whitespace()
        .next()
        .map(|w| w.chars().map(lexicon::fold_char).collect::<String>())
        .unwrap_or_default();
    let commune = matches!(kind_word.as_str(), "commune" | "ville");
    match body.kind {
        Some(BodyKind::MunicipalCouncil) => commune,
        Some(
            BodyKind::CommunityCouncil
            | BodyKind::MetropolitanCouncil
            | BodyKind::DepartmentalCouncil
            | BodyKind::RegionalCouncil
            | BodyKind::StandingCommittee,
        ) => !commune,
        _ => true,
    }
}

/// The département as printed after "Département de", e.g. `Bouches du Rhône`.
pub fn department(text: &str) -> Option<String> {
    let class = lexicon::class("header.department");
    let m = class.find(text)?;
    let rest = text.get(m.end..)?;
    let line = rest.lines().next()?.trim();
    (!line.is_empty() && line.len() <= 60).then(|| line.to_string())
}

/// Whether the text before a body's mention makes it the receiver of a
/// delegation ("… délégation d'attributions à la").
fn delegated_to(before: &str) -> bool {
    let tail: String = before
        .chars()
        .rev()
        .take(8)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .map(lexicon::fold_char)
        .collect();
    tail.trim_end().ends_with(" a la") || tail.trim_end().ends_with(" a")
}

/// The deliberating body: the earliest mention of a body wording in `text`;
/// its name as printed, a mixed-case mention of the same kind in `wider`
/// winning over an upper-case one.
pub fn body(text: &str, wider: &str) -> Option<Body> {
    const KINDS: &[(&str, BodyKind)] = &[
        ("body.bureau", BodyKind::Bureau),
        ("body.standing_committee", BodyKind::StandingCommittee),
        ("body.municipal_council", BodyKind::MunicipalCouncil),
        ("body.community_council", BodyKind::CommunityCouncil),
        ("body.metropolitan_council", BodyKind::MetropolitanCouncil),
        ("body.departmental_council", BodyKind::DepartmentalCouncil),
        ("body.regional_council", BodyKind::RegionalCouncil),
        ("body.syndicate_committee", BodyKind::SyndicateCommittee),
    ];
    let mut best: Option<(usize, BodyKind, &str)> = None;
    for (name, kind) in KINDS {
        if let Some(r) = lexicon::class(name).find(text) {
            if best.is_none_or(|(s, _, _)| r.start < s) {
                best = Some((r.start, *kind, name));
            }
        }
    }
    let (_, mut kind, mut class) = best?;
    // The commission permanente sits for its département or région, whose
    // name heads the page ("CONSEIL DÉPARTEMENTAL / … DE LA COMMISSION
    // PERMANENTE"): it is the deliberating body, unless only named as the
    // receiver of a delegation ("délégation à la commission permanente").
    if matches!(
        kind,
        BodyKind::DepartmentalCouncil | BodyKind::RegionalCouncil
    ) && lexicon::class("body.standing_committee")
        .find_iter(text)
        .any(|r| !delegated_to(text.get(..r.start).unwrap_or("")))
    {
        kind = BodyKind::StandingCommittee;
        class = "body.standing_committee";
    }
    let mut mentions: Vec<&str> = lexicon::class(class)
        .find_iter(text)
        .filter_map(|r| text.get(r))
        .collect();
    mentions.extend(
        lexicon::class(class)
            .find_iter(wider)
            .filter_map(|r| wider.get(r)),
    );
    let name = mentions
        .iter()
        .find(|m| m.chars().any(char::is_lowercase))
        .or(mentions.first())
        .map(|m| m.split_whitespace().collect::<Vec<_>>().join(" "));
    Some(Body {
        kind: Some(kind),
        name,
    })
}

/// The phrase after `start`: up to a sentence end, a blank line, an
/// attendance heading or `max` bytes.
fn phrase_after(text: &str, start: usize, max: usize) -> &str {
    let rest = text.get(start..).unwrap_or("");
    let mut end = floor_char(rest, max.min(rest.len()));
    if let Some(i) = rest.get(..end).and_then(|r| r.find("\n\n")) {
        end = i;
    }
    if let Some(i) = rest.get(..end).and_then(|r| r.find(".\n")) {
        end = i;
    }
    if let Some(i) = attendance::first_heading_in(rest.get(..end).unwrap_or("")) {
        end = i;
    }
    rest.get(..end).unwrap_or("")
}

/// The sentence that ends at `end`: back to the previous blank line or
/// sentence end.
fn sentence_before(text: &str, end: usize) -> &str {
    let before = text.get(..end).unwrap_or("");
    let start = [
        before.rfind("\n\n").map(|i| i + 2),
        before.rfind(". ").map(|i| i + 2),
        before.rfind(".\n").map(|i| i + 2),
    ]
    .into_iter()
    .flatten()
    .max()
    .unwrap_or(0);
    before.get(start..).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_region_inside_another_bodys_name_is_no_territory() {
        assert_eq!(
            territory_name("COMMUNAUTÉ DE COMMUNES DE LA RÉGION DE VALMONT\nConseil communautaire"),
            None
        );
        assert_eq!(
            territory_name("Le Conseil régional d'Exemple, régulièrement convoqué").as_deref(),
            Some("Région Exemple")
        );
    }

    const HEAD: &str = "Département du\nVal de Loire\n\nEXTRAIT DU REGISTRE DES DELIBERATIONS\nDU CONSEIL MUNICIPAL\n\nSéance publique du\nmardi 3 mars 2020\n\nConvoqué le jeudi 26 février 2020, le Conseil Municipal de la Commune de Saint-Exemple s'est\nréuni le mardi 3 mars 2020 à 20h30, sous la présidence de\nMonsieur le Maire, Paul AUBERT.\nPrésents :\nPaul AUBERT, Lucie BERNARD.\nSecrétaire de séance : Mme Lucie BERNARD\nNombre de conseillers en exercice : 19\n";

    #[test]
    fn a_misread_year_is_the_convocation_s() {
        assert_eq!(
            year_after_convocation("2029-08-10", "2020-07-30").as_deref(),
            Some("2020-08-10")
        );
        assert_eq!(
            year_after_convocation("2012-01-05", "2019-12-28").as_deref(),
            Some("2020-01-05")
        );
        assert_eq!(year_after_convocation("2020-08-10", "2020-07-30"), None);
        assert_eq!(year_after_convocation("2029-12-10", "2020-02-01"), None);
        assert_eq!(year_after_convocation("2024-02-29", "2019-02-20"), None);
        let t = "COMPTE RENDU DU CONSEIL MUNICIPAL DU\nLUNDI 10 AOÛT 2029 A 18h30\n\nDate de la convocation du conseil municipal : 30 juillet 2020\n";
        assert_eq!(read_head(t).session.date.as_deref(), Some("2020-08-10"));
    }

    #[test]
    fn a_synthetic_head_is_read() {
        let h = read_head(HEAD);
        assert_eq!(h.session.date.as_deref(), Some("2020-03-03"));
        assert_eq!(h.session.time.as_deref(), Some("20:30"));
        assert_eq!(h.session.convened_on.as_deref(), Some("2020-02-26"));
        assert_eq!(h.session.president.as_deref(), Some("Paul AUBERT"));
        assert_eq!(h.session.secretary.as_deref(), Some("Lucie BERNARD"));
        assert_eq!(h.session.members_in_office, Some(19));
        assert_eq!(
            h.authority.name.as_deref(),
            Some("Commune de Saint-Exemple")
        );
        assert_eq!(h.authority.department.as_deref(), Some("Val de Loire"));
        assert_eq!(h.body.kind, Some(BodyKind::MunicipalCouncil));
    }

    #[test]
    fn a_year_above_the_in_office_line_is_no_count() {
        let t = "Convocation : 6 mars 2005\n\nConseillers municipaux en exercice : 18\n";
        assert_eq!(members_in_office(t), Some(18));
        assert_eq!(members_in_office("33 membres en exercice"), Some(33));
    }

    #[test]
    fn the_year_in_words_and_the_opener() {
        let t = "L'an deux mille vingt-trois, le vingt-cinq janvier, à dix-huit heures trente, le Conseil communautaire s'est réuni.\nMadame Anne PETIT, Présidente, a ouvert la séance.";
        let h = read_head(t);
        assert_eq!(h.session.date.as_deref(), Some("2023-01-25"));
        assert_eq!(h.session.time.as_deref(), Some("18:30"));
        assert_eq!(h.session.president.as_deref(), Some("Anne PETIT"));
        assert_eq!(h.body.kind, Some(BodyKind::CommunityCouncil));
    }

    #[test]
    fn an_earlier_seance_named_in_the_head_is_not_this_one() {
        // Minutes flattened to one line: the approval of the last minutes
        // and a point put off to a later séance come before any opening
        // phrase of the séance itself.
        let filler = "Présents : Anne PETIT, Paul AUBERT, Lucie BERNARD. ".repeat(30);
        let t = format!(
            "PROCÈS-VERBAL DE LA RÉUNION PUBLIQUE DU CONSEIL MUNICIPAL DE LA COMMUNE D'EXEMPLE \
             LUNDI 16 JANVIER 2023 Le Conseil municipal, légalement convoqué le 9 janvier 2023, \
             s'est réuni en session ordinaire. {filler}Approbation du procès-verbal de la réunion \
             du conseil municipal du 12 décembre 2022 Le procès-verbal de la séance du \
             12 décembre 2022 n'a pas été transmis. Son approbation est reportée à la réunion \
             du Conseil Municipal du 30 janvier 2023."
        );
        assert!(t.find("30 janvier").unwrap() > 1500);
        assert_eq!(
            session_date(&t).map(|d| d.iso).as_deref(),
            Some("2023-01-16")
        );
        let t = "APPROBATION DU PROCÈS VERBAL DE LA SÉANCE DU 9 DÉCEMBRE 2022. \
                 L'an deux mille vingt-trois, le 23 janvier à 18 h 00, le Conseil municipal";
        assert_eq!(
            session_date(t).map(|d| d.iso).as_deref(),
            Some("2023-01-23")
        );
        // A document's own title still dates it.
        let t = "PROCÈS-VERBAL DE LA SÉANCE DU 16 JANVIER 2023\nLe conseil municipal";
        assert_eq!(
            session_date(t).map(|d| d.iso).as_deref(),
            Some("2023-01-16")
        );
    }

    #[test]
    fn the_prefecture_stamps_do_not_date_the_seance() {
        let t = "Accusé de réception en préfecture 068-200073963-20230110-2023-10-01-3-DE \
                 Date de télétransmission : 12/01/2023 Date de réception préfecture : \
                 12/01/2023 PLAN CLIMAT AIR ÉNERGIE TERRITORIAL";
        // Not the stamps, nor "2023-10-01" inside the identifier: the act's
        // date the identifier gives.
        assert_eq!(
            session_date(t).map(|d| d.iso).as_deref(),
            Some("2023-01-10")
        );
        let t = "Envoyé en préfecture le 22/02/2023 Reçu en préfecture le 22/02/2023 \
                 COMPTE RENDU DU CONSEIL 16 février 2023";
        assert_eq!(
            session_date(t).map(|d| d.iso).as_deref(),
            Some("2023-02-16")
        );
    }

    #[test]
    fn authority_names_stop_at_the_next_heading() {
        assert_eq!(
            cut_authority("Ville d'Exemple Conseiller"),
            "Ville d'Exemple"
        );
        assert_eq!(
            cut_authority("Communauté de communes CONSEIL COMMUNAUTAIRE DU"),
            "Communauté de communes"
        );
        assert_eq!(
            cut_authority("VILLE DE TOURS PROCES-VERBAL DE LA SEANCE"),
            "VILLE DE TOURS"
        );
        assert_eq!(
            cut_authority("Communauté d'Agglomération du Niortais La"),
            "Communauté d'Agglomération du Niortais"
        );
        assert_eq!(
            cut_authority("Métropole Aix-Marseille-Provence"),
            "Métropole Aix-Marseille-Provence"
        );
        assert_eq!(
            cut_authority("COMMUNE D'EXEMPLE DE LA COMMUNE D'EXEMPLE"),
            "COMMUNE D'EXEMPLE"
        );
        assert_eq!(
            cut_authority("METROPOLE VAL D'EXEMPLE DANS DIFFERENTS ORGANISMES"),
            "METROPOLE VAL D'EXEMPLE"
        );
        assert_eq!(
            cut_authority("COMMUNE DE SAINT-EXEMPLE A L'ELABORATION"),
            "COMMUNE DE SAINT-EXEMPLE"
        );
        assert_eq!(
            cut_authority("COMMUNE DE BOURGNEUF Ar"),
            "COMMUNE DE BOURGNEUF"
        );
        assert_eq!(
            cut_authority("Communauté d'Agglomération Val-Exemple Octobre"),
            "Communauté d'Agglomération Val-Exemple"
        );
        assert_eq!(
            cut_authority("Communauté de Communes du Val d'Exemple Nombre"),
            "Communauté de Communes du Val d'Exemple"
        );
    }

    #[test]
    fn a_commune_named_by_its_council_or_town_hall() {
        assert_eq!(
            commune_seat("le Conseil Municipal de FIGEAC s'est réuni").as_deref(),
            Some("Commune de FIGEAC")
        );
        assert_eq!(
            commune_seat(
                "S'EST RÉUNI LE CONSEIL MUNICIPAL DE SAINT JEAN DE EXEMPLE AU LIEU HABITUEL"
            )
            .as_deref(),
            Some("Commune de SAINT JEAN DE EXEMPLE")
        );
        assert_eq!(
            commune_seat("se sont réunis à la mairie de MESLAY-DU-EXEMPLE, sous la présidence")
                .as_deref(),
            Some("Commune de MESLAY-DU-EXEMPLE")
        );
        assert_eq!(
            commune_seat("le Conseil municipal d'Exemple-sur-Loire confie").as_deref(),
            Some("Commune d'Exemple-sur-Loire")
        );
        assert_eq!(
            commune_seat("Mairie d'Exemple Tél.:0400000000 | Fax").as_deref(),
            Some("Commune d'Exemple")
        );
        assert_eq!(commune_seat("CONSEIL MUNICIPAL DU 16 FEVRIER 2023"), None);
        assert_eq!(commune_seat("le Conseil municipal de cette Commune"), None);
        assert_eq!(commune_seat("CONSEIL MUNICIPAL DE LA COMMUNE"), None);
        let head =
            read_head("Le Conseil municipal de Figuier s'est réuni.\nPrésents : Anne PETIT\n");
        assert_eq!(head.authority.name.as_deref(), Some("Commune de Figuier"));
    }

    #[test]
    fn a_president_by_role_is_the_member_marked_with_it() {
        let t = "se sont réunis à 20h30 sous la présidence de Mme la Maire. Etaient présents : \
                 Mme Hélène EXEMPLE, Maire M. Paul AUBERT, Mme Lucie BERNARD, Maire adjointe";
        assert_eq!(president(t).as_deref(), Some("Hélène EXEMPLE"));
        let t =
            "sous la présidence de Monsieur le Maire. Présents : M. Paul AUBERT, Maire adjoint, \
                 Mme Lucie BERNARD, Présidente de la commission des finances";
        assert_eq!(president(t), None);
        let t =
            "sur la convocation de Monsieur Paul EXEMPLE, Maire. Il est présidé par le président \
                 de la commission d'appel d'offres";
        assert_eq!(president(t), None);
        let t =
            "sous la présidence de Monsieur le Maire. Réunis sur la convocation de Monsieur Paul \
                 de EXEMPLE, Maire.";
        assert_eq!(president(t).as_deref(), Some("Paul de EXEMPLE"));
    }

    #[test]
    fn a_departement_or_region_and_its_commission_permanente() {
        let h = read_head("DÉPARTEMENT D'EXEMPLE\nCONSEIL DÉPARTEMENTAL\nEXTRAIT DU REGISTRE DES DÉLIBÉRATIONS\nDE LA COMMISSION PERMANENTE\nRéunion du 4 mars 2024\nObjet : Subvention à la Commune de Saint-Exemple\n");
        assert_eq!(h.body.kind, Some(BodyKind::StandingCommittee));
        assert_eq!(h.authority.name.as_deref(), Some("DÉPARTEMENT D'EXEMPLE"));
        let h = read_head("Le Conseil départemental de la Haute-Exemple, réuni le 4 mars 2024, adopte la délégation d'attributions à la commission permanente.\n");
        assert_eq!(h.body.kind, Some(BodyKind::DepartmentalCouncil));
        assert_eq!(
            h.authority.name.as_deref(),
            Some("Département de la Haute-Exemple")
        );
        let h = read_head("RÉGION EXEMPLE-OUEST\nLe Conseil régional d'Exemple-Ouest s'est réuni le 4 mars 2024.\n");
        assert_eq!(h.body.kind, Some(BodyKind::RegionalCouncil));
        assert_eq!(h.authority.name.as_deref(), Some("Région Exemple-Ouest"));
        // A commune's head names its département: not the authority.
        let h = read_head(
            "Département de la Drôme\nCommune de Saint-Exemple\nConseil municipal du 4 mars 2024\n",
        );
        assert_eq!(
            h.authority.name.as_deref(),
            Some("Commune de Saint-Exemple")
        );
    }

    #[test]
    fn a_bare_kind_names_no_authority() {
        let t = "Exemple Communauté de communes CONSEIL COMMUNAUTAIRE DU 2 FEVRIER 2023 \
                 Le Conseil de la Communauté de Communes des Bastides en Haut Exemple convoqué";
        assert_eq!(
            authority_name(t).as_deref(),
            Some("Communauté de Communes des Bastides en Haut Exemple")
        );
        let t = "réuni salle des Conseils de la Communauté de communes du Pays des Herbiers, sous la présidence";
        assert_eq!(
            authority_name(t).as_deref(),
            Some("Communauté de communes du Pays des Herbiers")
        );
        assert_eq!(
            authority_name("Communauté de Communes EXTRAIT DU REGISTRE"),
            None
        );
    }

    #[test]
    fn secretary_on_the_label_line_before_a_date_line() {
        let t = "à M. Nicolas BOUCHER\nA été élu secrétaire de séance : M. Michel GRAVOUIL\n11 juillet 2012\n";
        assert_eq!(secretary(t).as_deref(), Some("Michel GRAVOUIL"));
    }

    #[test]
    fn secretary_named_before_a_designation_in_apposition() {
        let t = "Mlle Jeanne ROCHE, désignée Secrétaire de séance, recueille le procès-verbal et procède à l'appel nominal.\n";
        assert_eq!(secretary(t).as_deref(), Some("Jeanne ROCHE"));
        let t = "Le conseil a désigné secrétaire de séance M. Paul AUBERT.\n";
        assert_ne!(secretary(t).as_deref(), Some("a"));
    }

    #[test]
    fn secretary_under_two_signature_labels() {
        let t = "Le Secrétaire de séance : Le Maire :\nS.MEARY Yves ARMAND\n";
        assert_eq!(secretary(t).as_deref(), Some("S.MEARY"));
        let t = "Le Secrétaire de séance : Le Maire :\nClaire MARTIN Paul DURAND\n";
        assert_eq!(secretary(t).as_deref(), Some("Claire MARTIN"));
    }

    #[test]
    fn secretary_by_surname_in_small_letters() {
        let t = "Désignation du secrétaire de séance\n\nMonsieur Grandin est nommé secrétaire de séance\n";
        assert_eq!(secretary(t).as_deref(), Some("Grandin"));
        let t = "Secrétaire de séance : monsieur Pitel\n\nApprobation du procès-verbal\n";
        assert_eq!(secretary(t).as_deref(), Some("Pitel"));
    }

    #[test]
    fn secretary_right_after_its_label_in_a_flattened_text() {
        // The whole document on one line: the name is the label's, not one
        // further on.
        for (t, want) in [
            ("Absent excusé : Paul ROCHE Secrétaire de séance : Lucie MARCEAU URB/12-2023 Étude de desserte du quartier des Tilleuls : convention avec Vallée Agglomération, pour 3 ans", Some("Lucie MARCEAU")),
            ("ABSENT(S) : SECRÉTAIRE DE SÉANCE : VIDAL Hugo 1/40 - Procès-verbal du conseil, Royaume-Uni Jean DUPRÉ", Some("VIDAL Hugo")),
            ("Secrétaire de séance : Madame Anne MOREL Monsieur le Maire ouvre la séance, la Régie Municipale de Télédistribution", Some("Anne MOREL")),
            ("Absents excusés : M. ROUX Secrétaire de séance : Claire VERNET OBJET : APPROBATION DU PROCÈS-VERBAL", Some("Claire VERNET")),
            ("A été élu secrétaire de séance : Monsieur Marc Aubin Vu le Code général des collectivités territoriales ;", Some("Marc Aubin")),
            ("SECRÉTAIRE DE SÉANCE : Madame Lise CARON EXCUSÉS : Monsieur Paul NOËL (pouvoir à Madame Lise CARON)", Some("Lise CARON")),
            ("désigne comme secrétaire de séance : AUTORISATION DE SIGNATURE DU CONTRAT, M. Paul DURAND", None),
        ] {
            assert_eq!(secretary(t).as_deref(), want, "{t}");
        }
    }

    #[test]
    fn president_by_label_or_by_role_opening_the_seance() {
        // By label (not a vice-président's), or the head by role opening the
        // séance, whom the lists name.
        for (t, want) in [
            ("Absents : Marc NOËL (DEL2024_005) Président de séance : Louis FERRAND Secrétaire de séance : Ada PIRES Le quorum est atteint", Some("Louis FERRAND")),
            ("Votants : 21 Président : Yves MAUREL, Maire de Saint-Exemple Présents : Yves MAUREL, Rose DIAS", Some("Yves MAUREL")),
            ("Vice-Président : Paul DURAND Présents : Paul DURAND", None),
            ("Etaient présents : Alain ROS, Maire, Président, Anne BÉNICHOU, Marc HENRIOT. Le quorum étant atteint, Monsieur le Maire ouvre la séance.", Some("Alain ROS")),
        ] {
            assert_eq!(president(t).as_deref(), want, "{t}");
        }
    }

    #[test]
    fn secretary_named_before_a_designation_after_a_parenthesis() {
        let t = "Mme Lina BRUN (à partir de 21h suite au départ de Mme Hamel) Monsieur Yanis est désigné secrétaire de séance (la séance est ouverte à 19 h).";
        assert_eq!(secretary(t).as_deref(), Some("Yanis"));
    }

    #[test]
    fn secretary_with_an_upper_case_civility() {
        let t = "Lionel LESCURAT (pouvoir donné à\nEric LOMBREY)\nA été élue secrétaire de séance : MME Annie BARDOUL\n18 décembre 2012";
        assert_eq!(secretary(t).as_deref(), Some("Annie BARDOUL"));
    }

    #[test]
    fn secretary_name_cut_by_a_line_end() {
        let t = "MME Alice BICZYSKO, Conseillère municipale\nA été élue secrétaire de séance : MME Michèle\nFRANCHETEAU\n2012\n";
        assert_eq!(secretary(t).as_deref(), Some("Michèle FRANCHETEAU"));
        let t = "à M. Nicolas BOUCHER\nA été élue secrétaire de séance : MME Michèle\nFRANCHETEAU\n25 février 2011\n";
        assert_eq!(secretary(t).as_deref(), Some("Michèle FRANCHETEAU"));
    }

    #[test]
    fn convocation_without_its_year() {
        let t = "le 06 octobre à 19h, le Conseil Municipal, dûment convoqué le\n27 septembre, s'est réuni";
        assert_eq!(
            convened_on(t, Some("2022-10-06")).as_deref(),
            Some("2022-09-27")
        );
        let t = "convoqués le 20 janvier deux mille vingt, se sont réunis";
        assert_eq!(
            convened_on(t, Some("2020-01-27")).as_deref(),
            Some("2020-01-20")
        );
        // Across a new year.
        let t = "dûment convoqué le 28 décembre, s'est réuni";
        assert_eq!(
            convened_on(t, Some("2021-01-04")).as_deref(),
            Some("2020-12-28")
        );
        assert_eq!(convened_on(t, None), None);
    }

    #[test]
    fn a_commune_named_in_the_opening_sentence() {
        let t = "L'an deux mille VINGT, le 22 JANVIER le Conseil Municipal de la commune de SAINT RESTITUT (Drôme), s'est réuni";
        assert_eq!(
            authority_name(t).as_deref(),
            Some("Commune de SAINT RESTITUT")
        );
        assert_eq!(
            authority_name("concernant la commune des Mées pour des enfants"),
            None
        );
    }

    #[test]
    fn an_authority_fits_its_body() {
        let council = |kind| Body {
            kind: Some(kind),
            name: None,
        };
        let ccabv = "Communauté de Communes Asse Bléone Verdon";
        assert!(!fits_body(ccabv, &council(BodyKind::MunicipalCouncil)));
        assert!(fits_body(
            "Commune de SAINT RESTITUT",
            &council(BodyKind::MunicipalCouncil)
        ));
        assert!(fits_body(ccabv, &council(BodyKind::CommunityCouncil)));
        assert!(!fits_body(
            "Ville de Montpellier",
            &council(BodyKind::MetropolitanCouncil)
        ));
        assert!(fits_body(ccabv, &Body::default()));
    }

    #[test]
    fn secretary_after_the_name() {
        assert_eq!(
            secretary("Désignation du secrétaire de séance Madame Claire MARTIN est désignée secrétaire de séance.").as_deref(),
            Some("Claire MARTIN")
        );
    }
}
