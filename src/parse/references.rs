//! The references part of a deliberation (grammar/deliberation.ebnf,
//! `references`): its number as printed and further numbers, its @ctes
//! identifier, its title (objet) and its rapporteur.
//!
//! Number forms are small nom rules ([`number_code`], [`reference_line`]);
//! labels and sentences are phrase classes of
//! `grammar/lexicon/references.toml`.

use nom::branch::alt;
use nom::bytes::complete::take_while1;
use nom::character::complete::{one_of, space1};
use nom::combinator::{all_consuming, opt, recognize, verify};
use nom::multi::many0;
use nom::{IResult, Parser};

use std::cell::RefCell;
use std::sync::LazyLock;

use super::pattern::Pattern;

use super::{attendance, floor_char, frdate, header, lexicon, names, Ctx};
use crate::model::Record;

/// Reads the references part of the deliberation in `cx` into `rec`.
pub fn read(cx: &mut Ctx, rec: &mut Record) {
    let end = head_end(cx.text);
    let head = cx.text.get(..end).unwrap_or(cx.text);
    let (number, others) = numbers(head);
    rec.number = number;
    rec.other_numbers = others;
    rec.actes_id =
        actes_id(cx.text).or_else(|| cx.src.furniture.iter().find_map(|f| actes_id(&f.text)));
    rec.title = title(head);
    if rec.title.is_none() {
        rec.diagnostics.push(cx.warning(
            "references.no_title",
            "no objet found before the report",
            0,
            end.min(200),
        ));
    }
    let president = rec
        .session
        .president
        .clone()
        .or_else(|| header::president(head));
    let known = attendance::all_names(&attendance::read_attendance_of_head(head).attendance);
    rec.rapporteur = rapporteur(head, president.as_deref(), &known)
        .or_else(|| rapporteur_in_body(cx.text, president.as_deref(), &known));
}

/// The rapporteur named at the start of a line after the head ("Sur le
/// rapport de M. le Président," between the considérants and the
/// dispositif), when the head names none: the first such line that names a
/// member or a role.
pub fn rapporteur_in_body(text: &str, president: Option<&str>, known: &[String]) -> Option<String> {
    let class = lexicon::class("references.rapporteur_label");
    class
        .find_iter(text)
        .filter(|m| {
            let line_start = text[..m.start].rfind('\n').map_or(0, |i| i + 1);
            text[line_start..m.start].trim().is_empty()
        })
        .find_map(|m| {
            let line_end = text[m.start..]
                .find('\n')
                .map_or(text.len(), |i| m.start + i);
            rapporteur(&text[m.start..line_end], president, known)
        })
}

/// Where the head of a deliberation (header, references, attendance) ends:
/// after the rapporteur's line when there is one, else at the first visa,
/// considérant or "délibère", else after 6 000 bytes.
pub fn head_end(text: &str) -> usize {
    // The header, references and attendance readers each ask for the same
    // text's head: the last answer is kept.
    thread_local! {
        static LAST: super::memo::Last<usize> = const { RefCell::new(None) };
    }
    super::memo::remembered(&LAST, text, find_head_end)
}

/// [`head_end`] without the memory of the last text.
fn find_head_end(text: &str) -> usize {
    if let Some((_, line_end)) = rapporteur_line(text) {
        return line_end;
    }
    if let Some(r) = lexicon::class("references.body_start").find(text) {
        return r.start;
    }
    floor_char(text, HEAD_LIMIT.min(text.len()))
}

/// Where a head with neither a rapporteur nor a body start is cut (bytes).
const HEAD_LIMIT: usize = 6000;

/// Where a wider head ends, when nothing ended the head ([`head_end`]) and
/// it was cut blind: twice as far. A séance's long agenda may come first
/// ("ORDRE DU JOUR FINANCES M. MINIOU 22_12_14_001 …", a flattened
/// procès-verbal), the séance opened "sous la présidence de" and its lists
/// after it; the header and attendance readers take from the wider head
/// what the head did not give.
pub fn wider_head_end(text: &str) -> Option<usize> {
    let end = head_end(text);
    (end < text.len() && end == floor_char(text, HEAD_LIMIT))
        .then(|| floor_char(text, text.len().min(2 * HEAD_LIMIT)))
}

/// The rapporteur sentence: the byte range of what names the reporter and
/// the end of its line.
fn rapporteur_line(text: &str) -> Option<(std::ops::Range<usize>, usize)> {
    let class = lexicon::class("references.rapporteur_after_name");
    // The first verb after white space; the name ends where that starts.
    let m = class
        .find_iter(text)
        .find(|m| text[..m.start].ends_with(char::is_whitespace))?;
    let m = text[..m.start].trim_end().len()..m.end;
    let line_start = text.get(..m.start)?.rfind('\n').map_or(0, |i| i + 1);
    // In a text whose lines were flattened, the subject starts after the
    // last sentence or heading end.
    let line = text.get(line_start..m.start)?;
    let line_start = [". ", ": ", " – ", " - "]
        .iter()
        .filter_map(|sep| line.rfind(sep).map(|i| i + sep.len()))
        .max()
        .map_or(line_start, |i| line_start + i);
    let line_end = text
        .get(m.end..)
        .and_then(|r| r.find('\n'))
        .map_or(text.len(), |i| m.end + i);
    Some((line_start..m.start, line_end))
}

/// The deliberation's number and its further numbers, as printed.
///
/// Rule: `number = number_label , number_code | reference_line`, e.g. `n°
/// 2013 / 147` → `2013 / 147`; on the AMP seed the lines `FBPA
/// 018-8117/20/BM` (the number) and `MET 20/15336/BM` (a further number)
/// stand alone around the title.
pub fn numbers(head: &str) -> (Option<String>, Vec<String>) {
    let label = lexicon::class("references.number_label");
    let mut labelled = None;
    for m in label.find_iter(head) {
        // "ANNULATION DE LA DELIBERATION N°2022/08/21" names another one.
        let before = head.get(..m.start).unwrap_or("");
        let word = before.split_whitespace().next_back().unwrap_or("");
        if before.ends_with(char::is_whitespace) && CITING.contains(&word.to_lowercase().as_str()) {
            continue;
        }
        let rest = head.get(m.end..).unwrap_or("");
        let rest = rest.trim_start_matches([' ', '\t', ':']);
        if let Ok((after, code)) = number_code(rest) {
            // Digits after a space: the number goes on in a form the code
            // rule does not read ("n°2020-02-25 1812", "DLvil_2023 02 ADG
            // 001"); a part of it would be a wrong number.
            let mut next = after.chars();
            if next.next() == Some(' ') && next.next().is_some_and(|c| c.is_ascii_digit()) {
                continue;
            }
            labelled = Some(code.trim().to_string());
            break;
        }
    }
    let mut lines: Vec<String> = Vec::new();
    for line in head.lines() {
        let l = line.trim().trim_start_matches(['•', '-', '*', ' ']);
        let code = match reference_line(l) {
            Ok((_, code)) => Some(code),
            Err(_) => titled_reference(l).map(|(code, _)| code),
        };
        if let Some(code) = code.map(str::to_string) {
            if !lines.contains(&code) {
                lines.push(code);
            }
        }
    }
    match labelled {
        Some(n) => {
            lines.retain(|l| number_key(l) != number_key(&n));
            (Some(n), lines)
        }
        None => {
            if lines.is_empty() {
                let flat = flat_titled(head).map(|(n, _)| n);
                (flat, lines)
            } else {
                let first = lines.remove(0);
                (Some(first), lines)
            }
        }
    }
}

/// Words before a number label that make it a citation of another
/// deliberation ("la délibération n° …", "de cette délibération n° …").
const CITING: &[&str] = &["la", "cette", "une", "sa", "par", "à", "ladite"];

fn number_key(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// `number_code = part , { [ " " ] , sep , [ " " ] , part }` with `sep` one
/// of `/ - _ .` and at least one digit: `2013 / 147`, `DE-2012/86`,
/// `DEL2022_12`, `2021-045`.
pub fn number_code(i: &str) -> IResult<&str, &str> {
    verify(
        recognize((
            alnum,
            many0(alt((
                // Spaced, the separator is followed by digits ("2013 / 147"),
                // not by the title ("2022-061 - Zone d'activités").
                recognize((space1, one_of("/-_."), space1, digits_first)),
                recognize((one_of("/-_."), space1, digits_first)),
                recognize((space1, one_of("/-_."), digits_first)),
                recognize((one_of("/-_."), alnum)),
            ))),
        )),
        |s: &str| s.chars().any(|c| c.is_ascii_digit()),
    )
    .parse(i)
}

/// A line that is only a reference: `[ prefix , " " ] , number_code` with a
/// separator or a letter prefix, not a date nor an @ctes identifier: `FBPA
/// 018-8117/20/BM`, `MET 20/15336/BM`.
pub fn reference_line(i: &str) -> IResult<&str, &str> {
    verify(
        all_consuming(recognize((
            opt((take_while1(|c: char| c.is_ascii_uppercase()), space1)),
            number_code,
        ))),
        |s: &str| {
            let has_sep = s.contains(['/', '-', '_']);
            let has_prefix = s.starts_with(|c: char| c.is_ascii_uppercase());
            (has_sep || has_prefix)
                && s.len() <= 40
                && frdate::first_date(s).is_none()
                && lexicon::class("references.actes_id").find(s).is_none()
                && s.chars().filter(char::is_ascii_digit).count() >= 3
                // The head of an @ctes identifier cut by a line end.
                && !PARTIAL_ACTES.is_match(s)
        },
    )
    .parse(i)
}

/// A line that starts with a reference followed by the title:
/// `reference_line , ( " – " | " - " ) , title`, e.g. `DE-2012/87 – Défi du
/// vieillissement` (séance registers). Returns the reference and the title.
pub fn titled_reference(line: &str) -> Option<(&str, &str)> {
    let (rest, code) = recognize((
        opt((take_while1(|c: char| c.is_ascii_uppercase()), space1)),
        number_code,
    ))
    .parse(line)
    .ok()?;
    let (title, _) = (
        space1::<&str, nom::error::Error<&str>>,
        one_of("–-—"),
        space1,
    )
        .parse(rest)
        .ok()?;
    reference_line(code).ok()?;
    Some((code, title))
}

static PARTIAL_ACTES: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"^(?:\d{3}|2[AB])-\d{9}").expect("static regex"));

fn digits_first(i: &str) -> IResult<&str, &str> {
    verify(alnum, |s: &str| s.starts_with(|c: char| c.is_ascii_digit())).parse(i)
}

fn alnum(i: &str) -> IResult<&str, &str> {
    take_while1(|c: char| c.is_alphanumeric())(i)
}

/// The @ctes identifier, e.g. `034-213401722-20130204-0000061086-DE`.
pub fn actes_id(text: &str) -> Option<String> {
    let r = lexicon::class("references.actes_id").find(text)?;
    text.get(r).map(str::to_string)
}

/// The objet of the deliberation, one line, whitespace folded.
///
/// Rule: `title = "Objet" , ":" , text | paragraph_before_rapporteur`, e.g.
/// `Objet : Garantie d'emprunt` → `Garantie d'emprunt`; on a Montpellier
/// extract the paragraph right above `Max LEVITA rapporte :`, without the
/// reference lines around it (AMP seed).
pub fn title(head: &str) -> Option<String> {
    if let Some(m) = lexicon::class("references.object").find(head) {
        // "OBJET" alone on its line (the prefecture form) has its title
        // some blank lines below.
        let rest = head.get(m.end..).unwrap_or("");
        let rest = if rest.starts_with('\n') {
            rest.trim_start()
        } else {
            rest
        };
        let end = rest.find("\n\n").unwrap_or(rest.len());
        let mut lines = Vec::new();
        for line in rest.get(..end).unwrap_or("").lines() {
            if lines.len() >= 4
                || lexicon::class("references.body_start")
                    .starts(line)
                    .is_some()
            {
                break;
            }
            lines.push(line);
        }
        let line_start = head
            .get(..m.start)
            .and_then(|b| b.rfind('\n'))
            .map_or(0, |i| i + 1);
        let line_end = rest.find('\n').map_or(head.len(), |i| m.end + i);
        if line_end - line_start > FLATTENED_LINE {
            // The rest of the document is on the objet's line: the title
            // ends where the next part starts, else it is not known.
            return fold_lines(&lines).and_then(|t| flattened_title(&t));
        }
        if let Some(t) = fold_lines(&lines) {
            return Some(t);
        }
    }
    let Some((subject, _)) = rapporteur_line(head) else {
        return flat_title(head);
    };
    let before = head.get(..subject.start)?.trim_end();
    let mut start = before.rfind("\n\n").map_or(0, |i| i + 2);
    // A paragraph ending with a colon runs on into the next one
    // ("… louant leur bien à de jeunes actifs:\n\n« Clé … »").
    while start > 0 {
        let prev = before.get(..start)?.trim_end();
        let prev_start = prev.rfind("\n\n").map_or(0, |i| i + 2);
        let para = prev.get(prev_start..)?;
        if !para.ends_with(':') || attendance::first_heading_in(para).is_some() {
            break;
        }
        start = prev_start;
    }
    let para = before.get(start..)?;
    let lines: Vec<&str> = para
        .lines()
        .filter(|l| {
            let t = l.trim().trim_start_matches(['•', '-', '*', ' ']);
            reference_line(t).is_err()
                && lexicon::class("references.number_label")
                    .find(l)
                    .is_none_or(|r| r.start != 0)
        })
        .collect();
    // A flattened text has no paragraph above the rapporteur's sentence:
    // what precedes it on its line is the whole head.
    if is_flattened(&lines) {
        return flat_title(head);
    }
    fold_lines(&lines)
}

/// On a flattened head without an objet heading nor a title paragraph,
/// the title printed after the deliberation's number
/// ([`flat_titled_reference`]).
fn flat_title(head: &str) -> Option<String> {
    flat_titled(head).map(|(_, t)| t)
}

/// [`flat_titled_reference`], owned, kept for the last head: the number
/// and the title readers both ask it of the same head.
fn flat_titled(head: &str) -> Option<(String, String)> {
    thread_local! {
        static LAST: super::memo::Last<Option<(String, String)>> = const { RefCell::new(None) };
    }
    super::memo::remembered(&LAST, head, |h| {
        flat_titled_reference(h).map(|(n, t)| (n.to_string(), t))
    })
}

/// The number and title printed together inside a flattened line of the
/// head, the first of:
///
/// - `inline_number_label , code , dash , title`: `… Jack BOULARD n°
///   13-02-2023 - Approbation du plan de financement …`, `N° 24 03_01 -
///   DEBAT D'ORIENTATIONS BUDGETAIRES 2024 …` (the code may hold spaced
///   groups: the dash closes it);
/// - `reference , title`, a reference token ([`reference_line`]) with a
///   letter (bare numbers on such a line are table cells, page numbers,
///   years of a period), after a word that is not lower case, followed by a
///   title that starts with a capital: `Secrétaire de séance : Dominique BEC PACU/17-2023 Etude de
///   faisabilité … Vu l'avis`.
///
/// The title ends at the next part ([`flat_title_end`]); a reference without
/// a title after it is none (a flattened line is full of codes: telephone
/// numbers, articles of codes, dates), and a title followed by another
/// reference is an entry of a list: then nothing is read.
fn flat_titled_reference(head: &str) -> Option<(&str, String)> {
    let line = head.lines().find(|l| l.len() > FLATTENED_LINE)?;
    let not_lower_before = |at: usize| {
        line.get(..at)
            .and_then(|b| b.split_whitespace().next_back())
            .is_none_or(|w| !w.starts_with(char::is_lowercase))
    };
    for m in lexicon::class("references.inline_number_label").find_iter(line) {
        if !not_lower_before(m.start) {
            continue;
        }
        let rest = line.get(m.end..).unwrap_or("");
        let Some((code, title)) = dashed_code(rest) else {
            continue;
        };
        match flat_title_end(title) {
            Some((_, end)) if opens_on_reference(&title[end..]) => return None,
            Some((t, _)) => return Some((code, t)),
            None => {}
        }
    }
    for word in line.split_whitespace() {
        // The words are slices of the line: their offsets are their
        // addresses' distance.
        let start = word.as_ptr() as usize - line.as_ptr() as usize;
        let at = start + word.len();
        if !is_reference_token(word) || !not_lower_before(start) {
            continue;
        }
        let rest = line.get(at..)?.trim_start();
        if !rest.starts_with(char::is_uppercase) {
            continue;
        }
        match flat_title_end(rest) {
            Some((_, end)) if opens_on_reference(&rest[end..]) => return None,
            Some((t, _)) => return Some((word, t)),
            None => {}
        }
    }
    None
}

/// `code , [ words ] , ( " - " | " – " | " — " ) , rest` at the start of
/// `text`, within 40 bytes: the code, groups of letters, digits and `/ - _
/// .` with a digit each, and the title, what follows the dash or the words
/// before it ("2023-001 FINANCES – Reconduction …"), when it starts with a
/// capital.
fn dashed_code(text: &str) -> Option<(&str, &str)> {
    let text = text.trim_start_matches([' ', ':']);
    // The dash is within 40 bytes (see below): not looked for further.
    let window = &text[..super::floor_char(text, 48)];
    let end = [" - ", " – ", " — "]
        .iter()
        .filter_map(|d| window.find(d).map(|i| (i, d.len())))
        .min()?;
    let before = text.get(..end.0)?;
    // The groups with a digit; a word after them opens the title
    // ("2023-001 FINANCES – Reconduction des crédits").
    let code_end = before
        .split(' ')
        .take_while(|g| g.contains(|c: char| c.is_ascii_digit()))
        .map(|g| g.len() + 1)
        .sum::<usize>()
        .saturating_sub(1);
    let code = before.get(..code_end)?;
    let ok = !code.is_empty()
        && before.len() <= 40
        && code
            .chars()
            .all(|c| c.is_alphanumeric() || " /-_.".contains(c));
    let rest = if code_end < before.len() {
        text.get(code_end..)?.trim_start()
    } else {
        text.get(end.0 + end.1..)?.trim_start()
    };
    (ok && rest.starts_with(char::is_uppercase)).then_some((code, rest))
}

/// A whitespace token that reads as a reference with a letter: `PACU/17-2023`,
/// `D2023-01-003`.
fn is_reference_token(word: &str) -> bool {
    word.contains(|c: char| c.is_ascii_digit())
        && word.contains(|c: char| c.is_alphabetic())
        && reference_line(word).is_ok()
}

/// True when `text` (what follows a title) opens on another reference or
/// number mark: the title was one entry of a list (an agenda, a summary),
/// not the deliberation's.
fn opens_on_reference(text: &str) -> bool {
    let word = text.split_whitespace().next().unwrap_or("");
    is_reference_token(word)
        || lexicon::class("references.inline_number_label")
            .starts(text.trim_start())
            .is_some()
}

/// The title at the start of `text`, a flattened line: a title in capitals
/// ends before its first word with a lower-case letter ("… (PADD) Mairie
/// de …"), any title at the next `references.title_end` or reference; `None` when
/// nothing ends it within [`MAX_TITLE`], when it is a word or less, or
/// when the text opens on the next part. With the title, where it ends.
fn flat_title_end(text: &str) -> Option<(String, usize)> {
    // A title ends within MAX_TITLE characters: the rest of a flattened
    // line (the whole document) is not searched, once per candidate.
    let text = &text[..super::floor_char(text, FLAT_TITLE_WINDOW)];
    let has_lower = |w: &str| w.contains(char::is_lowercase);
    let has_letter = |w: &str| w.contains(char::is_alphabetic);
    let mut lettered = text.split_whitespace().filter(|w| has_letter(w));
    let capitals = lettered.next().is_some_and(|w| !has_lower(w))
        && lettered.next().is_some_and(|w| !has_lower(w));
    let caps_end = if capitals {
        text.split_whitespace()
            .find(|w| has_lower(w))
            .map(|w| w.as_ptr() as usize - text.as_ptr() as usize)
    } else {
        None
    };
    let mut ends = lexicon::class("references.title_end")
        .find_iter(text)
        .map(|r| r.start)
        .peekable();
    // What follows is the next part ("L'an deux mille …"), not a title.
    if ends.peek() == Some(&0) {
        return None;
    }
    let end_class = ends.next();
    // The next reference ends it too (then the title is an entry of a list).
    let reference = text
        .split_whitespace()
        .find(|w| is_reference_token(w))
        .map(|w| w.as_ptr() as usize - text.as_ptr() as usize);
    let end = [caps_end, end_class, reference]
        .into_iter()
        .flatten()
        .min()?;
    let t = text
        .get(..end)?
        .trim_end_matches([' ', ',', ';', ':', '-', '–', '—', '.']);
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    (t.contains(' ') && t.chars().count() <= MAX_TITLE).then_some((t, end))
}

/// How far into a flattened line a title's end is looked for, in bytes:
/// room for [`MAX_TITLE`] characters, two bytes each, and its blanks.
const FLAT_TITLE_WINDOW: usize = 2_000;

/// A line longer than any printed line: the text's lines were flattened
/// into one (a text export of a whole document).
const FLATTENED_LINE: usize = 300;

/// The longest title a deliberation prints (the longest known is about
/// 400 characters); a longer one read from a flattened line ran on.
pub const MAX_TITLE: usize = 500;

fn is_flattened(lines: &[&str]) -> bool {
    lines.iter().any(|l| l.len() > FLATTENED_LINE)
}

/// The title at the start of `folded`, a flattened line: up to the first
/// `references.title_end` (a visa, the body's opening, the next objet…),
/// `None` when none ends it within [`MAX_TITLE`].
fn flattened_title(folded: &str) -> Option<String> {
    let end = lexicon::class("references.title_end")
        .find_iter(folded)
        .map(|r| r.start)
        .find(|&i| i > 0)?;
    let t = folded
        .get(..end)?
        .trim_end_matches([' ', ',', ';', ':', '-', '–', '—', '.']);
    (!t.is_empty() && t.chars().count() <= MAX_TITLE).then(|| t.to_string())
}

/// Lines joined by one space, bullets and a leading reference ("DE-2012/87
/// – ") off; `None` when empty.
fn fold_lines(lines: &[&str]) -> Option<String> {
    let t = lines
        .iter()
        .map(|l| l.trim().trim_start_matches(['•', '*', ' ']))
        .map(|l| titled_reference(l).map_or(l, |(_, title)| title))
        .collect::<Vec<_>>()
        .join(" ");
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

/// Who reported the deliberation.
///
/// Rule: `rapporteur = subject , "rapporte" , ":" | "Rapporteur" , ":" , name`,
/// where a subject that is a role ("Monsieur le Maire", "Madame la Présidente
/// … soumet au Bureau le rapport suivant") is the president, and a surname
/// alone ("Monsieur LEVITA") is completed from the attendance lists when one
/// member only bears it. E.g. `Max LEVITA rapporte :` → `Max LEVITA`.
pub fn rapporteur(head: &str, president: Option<&str>, known: &[String]) -> Option<String> {
    let printed = if let Some((subject, _)) = rapporteur_line(head) {
        head.get(subject)?.trim().to_string()
    } else {
        let m = lexicon::class("references.rapporteur_label").find(head)?;
        // "Rapporteur monsieur Leroux": a label ending on the civility
        // leaves it with the name.
        let civility = head[m.clone()]
            .rsplit(char::is_whitespace)
            .next()
            .filter(|w| !w.is_empty() && names::strip_civility(w).is_empty())
            .map_or(0, str::len);
        let after = head.get(m.end - civility..)?.trim_start_matches([' ', ':']);
        after.lines().next().unwrap_or("").to_string()
    };
    if names::is_role(&printed) {
        return president.map(str::to_string);
    }
    let name = names::first_name_in(&printed)
        .or_else(|| names::trailing_name(&printed))
        .or_else(|| names::civility_surname(&printed))?;
    // "Monsieur LEVITA", "Monsieur El Kandoussi": the one member whose name
    // holds every printed word.
    Some(names::complete(name, known))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_forms() {
        assert_eq!(numbers("n° 2013 / 147\n").0.as_deref(), Some("2013 / 147"));
        assert_eq!(
            numbers("DELIBERATION N°DE-2012/86\n").0.as_deref(),
            Some("DE-2012/86")
        );
        assert_eq!(
            numbers("N° 2023-001 FINANCES – Budget\n").0.as_deref(),
            Some("2023-001")
        );
        assert_eq!(
            numbers("Délibération n° DEL2022_12\n").0.as_deref(),
            Some("DEL2022_12")
        );
        let (n, o) = numbers("ABCD 012-3456/20/BM\n• Un titre\nXYZ 20/12345/BM\n");
        assert_eq!(n.as_deref(), Some("ABCD 012-3456/20/BM"));
        assert_eq!(o, ["XYZ 20/12345/BM"]);
        assert!(reference_line("31/07/2020").is_err());
        assert!(reference_line("044-214400400-2012").is_err());
        let (n, _) = numbers("• DE-2012/87 – Défi du vieillissement\n");
        assert_eq!(n.as_deref(), Some("DE-2012/87"));
        assert_eq!(
            title("• DE-2012/87 – Défi du vieillissement\nMonsieur Paul AUBERT, rapporteur, expose :\n").as_deref(),
            Some("Défi du vieillissement")
        );
    }

    #[test]
    fn actes_identifier_glued_to_dates() {
        assert_eq!(
            actes_id("06/02/201306/02/2013034-213401722-20130204-0000061086-DE").as_deref(),
            Some("034-213401722-20130204-0000061086-DE")
        );
    }

    #[test]
    fn title_and_rapporteur() {
        let head = "Absents :\n\nGarantie d'emprunt - Opération\nCentre Ville\n\nMonsieur le Maire rapporte :\n";
        assert_eq!(
            title(head).as_deref(),
            Some("Garantie d'emprunt - Opération Centre Ville")
        );
        assert_eq!(
            rapporteur(head, Some("Paul AUBERT"), &[]).as_deref(),
            Some("Paul AUBERT")
        );
        let known = vec!["Léa MARTIN".to_string()];
        assert_eq!(
            rapporteur("Titre\n\nMonsieur MARTIN rapporte :\n", None, &known).as_deref(),
            Some("Léa MARTIN")
        );
        assert_eq!(
            title("Objet : Budget primitif 2023\n\nVu le code").as_deref(),
            Some("Budget primitif 2023")
        );
        // A surname in small letters after the label and its civility,
        // completed from the lists.
        let known = vec!["Hugo Leblond".to_string(), "Léa MARTIN".to_string()];
        let head =
            "20240301 02 Tarifs de la cantine\nRapporteur monsieur Leblond\n\nMonsieur le Maire";
        assert_eq!(
            rapporteur(head, None, &known).as_deref(),
            Some("Hugo Leblond")
        );
    }

    /// A whole document on one line, as text exports print it.
    fn flat(parts: &[&str]) -> String {
        let filler = "Le texte se poursuit sur la même ligne sans retour. ".repeat(8);
        format!("{} {filler}", parts.join(" "))
    }

    #[test]
    fn a_flattened_title_ends_where_the_next_part_starts() {
        let head = flat(&[
            "Secrétaire de séance : Mme Anne PETIT OBJET : Adhésion à l'association",
            "des communes forestières pour l'année 2023 Le Maire de Saint-Exemple expose",
        ]);
        assert_eq!(
            title(&head).as_deref(),
            Some("Adhésion à l'association des communes forestières pour l'année 2023")
        );
        // The head may end on the objet's line: the line is long all the same.
        let head = format!(
            "{} OBJET : Approbation du procès-verbal Monsieur le Maire donne lecture",
            flat(&["Présents"])
        );
        assert_eq!(
            title(&head).as_deref(),
            Some("Approbation du procès-verbal")
        );
        let head = flat(&[
            "Objet : Installation de conseillers municipaux suite à démissions",
            "Suite à la démission de Monsieur Paul AUBERT, Vu le code électoral",
        ]);
        assert_eq!(
            title(&head).as_deref(),
            Some("Installation de conseillers municipaux suite à démissions")
        );
        let head = flat(&[
            "OBJET : CESSION D'UN BIEN Vente d'un logement sis 3 rue du Moulin N°2023/020",
            "Le nombre des conseillers municipaux en exercice est de 29",
        ]);
        assert_eq!(
            title(&head).as_deref(),
            Some("CESSION D'UN BIEN Vente d'un logement sis 3 rue du Moulin")
        );
        // Nothing ends it: no title rather than the rest of the document.
        assert_eq!(title(&flat(&["Objet : Budget primitif 2023"])), None);
        // A citation "pour objet :" is no title heading.
        assert_eq!(
            title(&flat(&[
                "le projet a pour objet : Vu la réalisation d'une école"
            ])),
            None
        );
        // Nor is the head before a rapporteur's sentence on a flattened line.
        let head = format!(
            "{} Monsieur le Président expose : le projet",
            flat(&["Ordre du jour"])
        );
        assert_eq!(title(&head), None);
    }

    #[test]
    fn a_number_and_its_title_inside_a_flattened_line() {
        // A number mark, the number, a dash and the title up to the body.
        let head = flat(&[
            "ABSENTS : Madame Anne PETIT Monsieur Paul MARTIN n° 07-03-2023 -",
            "Approbation du plan de financement de la salle des fêtes",
            "Monsieur le Maire rappelle au conseil le projet",
        ]);
        assert_eq!(numbers(&head).0.as_deref(), Some("07-03-2023"));
        assert_eq!(
            title(&head).as_deref(),
            Some("Approbation du plan de financement de la salle des fêtes")
        );
        // A number in spaced groups, closed by the dash; a title in
        // capitals ends before the first word in lower case.
        let head = flat(&[
            "Conseil Communautaire Jeudi 9 MARS 2023 N° 23 04_02 - DEBAT",
            "D'ORIENTATIONS BUDGETAIRES 2023 (CCEX) Nombre de conseillers : 40",
        ]);
        assert_eq!(numbers(&head).0.as_deref(), Some("23 04_02"));
        assert_eq!(
            title(&head).as_deref(),
            Some("DEBAT D'ORIENTATIONS BUDGETAIRES 2023 (CCEX)")
        );
        // A reference with letters after the attendance, then the title.
        let head = flat(&[
            "Secrétaire de séance : Anne PETIT URB/12-2023 Convention de",
            "voirie avec la commune de Saint-Exemple Vu l'avis de la commission",
        ]);
        assert_eq!(numbers(&head).0.as_deref(), Some("URB/12-2023"));
        assert_eq!(
            title(&head).as_deref(),
            Some("Convention de voirie avec la commune de Saint-Exemple")
        );
        let head = flat(&[
            "Présents : Anne PETIT, Paul MARTIN 0 1 D2023-02-004 VOIRIE – REFECTION",
            "DU CHEMIN DES VIGNES Mairie d'Exemple – 1 place de la Mairie",
        ]);
        assert_eq!(numbers(&head).0.as_deref(), Some("D2023-02-004"));
        assert_eq!(
            title(&head).as_deref(),
            Some("VOIRIE – REFECTION DU CHEMIN DES VIGNES")
        );
        // Words between the number and the dash open the title.
        let head = flat(&[
            "Secrétaire : Paul MARTIN N° 2023-004 FINANCES – Garantie d'emprunt",
            "Vu le Code général des collectivités territoriales",
        ]);
        assert_eq!(numbers(&head).0.as_deref(), Some("2023-004"));
        assert_eq!(
            title(&head).as_deref(),
            Some("FINANCES – Garantie d'emprunt")
        );
        // No title after it: no number either.
        for parts in [
            // an agenda: each title runs to the next reference;
            &["Ordre du jour : URB_012 Cession d'un terrain URB_013 Convention de voirie Vu le code"][..],
            // the next part follows the reference;
            &["Tél. : 04-11-22-33-44 12/03-02-23/C L'an deux mille vingt-trois"],
            // a bare number is a table cell or a period;
            &["CONTRAT-GROUPE STATUTAIRE 2023-2026 PROPOSE PAR LE CENTRE DE GESTION"],
            // a citation ("la délibération n° …") is another deliberation.
            &["Vu la délibération n° 2022-18 - Création d'un poste Le Conseil"],
        ] {
            let head = flat(parts);
            assert_eq!(numbers(&head).0, None, "{parts:?}");
            assert_eq!(title(&head), None, "{parts:?}");
        }
    }

    #[test]
    fn a_number_label_naming_the_body() {
        let head = "Commune d'Exemple – Délibération du Conseil municipal n° DEL_20230115_2 ID : 0";
        assert_eq!(numbers(head).0.as_deref(), Some("DEL_20230115_2"));
    }

    #[test]
    fn a_number_label_inside_a_flattened_line() {
        let head = "Séance du 3 mars 2023 DELIBERATION n° 2023/021 L'an deux mille vingt-trois";
        assert_eq!(numbers(head).0.as_deref(), Some("2023/021"));
        // Another deliberation cited in a visa is not this one's number.
        assert_eq!(
            numbers("Séance Vu la délibération n° 2022/018 du 11 avril 2022").0,
            None
        );
        assert_eq!(
            numbers("4) ANNULATION DE LA DELIBERATION N°2022/08/21 : ABANDON").0,
            None
        );
        // A number that goes on in groups the rule cannot read is none.
        assert_eq!(
            numbers("Séance DÉLIBÉRATION n°2020-02-25 1812 Exemple").0,
            None
        );
        // The title after a spaced dash is not part of the number.
        assert_eq!(
            numbers("LISTE Délibération n°2022-061 - Zone d'activités")
                .0
                .as_deref(),
            Some("2022-061")
        );
    }
}
