//! Person names: civility removal, name lists split into names, and the
//! test that tells a name ("Audrey DE LA GRANGE", "Hélène Mandroux") from a
//! title or a sentence that follows a list.
//!
//! Rule (grammar/deliberation.ebnf, `name_list`):
//! ```text
//! name_list = name , { separator , name } , [ "." ] ;
//! separator = "," | ";" | " - " | " – " | " et " | newline ;
//! name      = [ civility ] , word , { word } ;
//! civility  = "M." | "Mme" | "Monsieur" | "Madame" | "Mlle" | "MM." | … ;
//! ```
//! Names are kept as printed (accents, case, hyphens); only civility, white
//! space and the punctuation around them are taken off.

use std::ops::Range;

use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case, take_while1, take_while_m_n};
use nom::character::complete::{
    anychar, line_ending, multispace0, one_of, satisfy, space0, space1,
};
use nom::combinator::{not, peek, recognize};
use nom::multi::many1;
use nom::{IResult, Parser};

use super::lexicon::fold_char;

/// One name read from a list, with its byte range in the list's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// The name as printed, civility removed, white space folded.
    pub text: String,
    /// Where the list item stood in the text given.
    pub range: Range<usize>,
}

/// What a list item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    /// A person's name.
    Name,
    /// Nothing to keep but no reason to stop: empty, a civility, a role
    /// ("Maire"), a count ("(55)").
    Skip,
    /// Prose or a title: the list has ended.
    Prose,
}

/// Removes the civilities in front of a name: `M.`, `Mme`, `Monsieur`,
/// `Madame`, `Mlle`, `MM.`, `Mmes`, `Messieurs`, `Mesdames et Messieurs`.
///
/// ```
/// use delib::parse::names::strip_civility;
/// assert_eq!(strip_civility("Madame Martine VASSAL"), "Martine VASSAL");
/// assert_eq!(strip_civility("M. Benoit JIMENEZ"), "Benoit JIMENEZ");
/// assert_eq!(strip_civility("Mesdames et Messieurs JUBERT"), "JUBERT");
/// ```
pub fn strip_civility(s: &str) -> &str {
    let mut rest = s.trim_start();
    loop {
        // Most items open with no civility: one folded letter tells.
        let first = rest.chars().next().map(fold_char);
        if !first.is_some_and(|f| CIVILITIES.iter().any(|civ| civ.starts_with(f))) {
            return rest;
        }
        let before = rest;
        for civ in CIVILITIES {
            if let Some(after) = strip_prefix_fold(rest, civ) {
                let next = after.chars().next();
                // "M." needs no space ("M.DUPONT"); a word civility needs one.
                let ends_word = civ.ends_with('.') || next.is_none_or(|c| !c.is_alphanumeric());
                if ends_word {
                    rest = after.trim_start_matches([' ', '\n', ':', ',']);
                    break;
                }
            }
        }
        if rest.len() == before.len() {
            return rest;
        }
    }
}

/// Civilities, longest first so that "Mesdames et Messieurs" wins over "Mesdames".
const CIVILITIES: &[&str] = &[
    "mesdames et messieurs",
    "mesdames messieurs",
    "mademoiselle",
    "messieurs",
    "mesdames",
    "monsieur",
    "madame",
    "mlle.",
    "mlle",
    "mmes",
    "mme.",
    "mme",
    "mm.",
    "mm",
    "mrs",
    "mr.",
    "mr",
    "ms",
    "m.",
    "m",
];

/// `s` without `prefix`, compared letter by letter ignoring case and accents.
fn strip_prefix_fold<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let mut chars = s.char_indices();
    for p in prefix.chars() {
        let (_, c) = chars.next()?;
        if fold_char(c) != p {
            return None;
        }
    }
    let at = chars.next().map_or(s.len(), |(i, _)| i);
    s.get(at..)
}

/// Cleans one list item into a name: civility, parentheses ("(suppléant de
/// …)", "(55)"), dotted leaders, bullets and end punctuation removed, white
/// space folded. `None` when nothing that looks like a name is left.
///
/// ```
/// use delib::parse::names::clean_name;
/// assert_eq!(clean_name("Mme Audrey DE LA GRANGE.").as_deref(), Some("Audrey DE LA GRANGE"));
/// assert_eq!(clean_name("Election des membres"), None);
/// ```
pub fn clean_name(item: &str) -> Option<String> {
    clean_tidied(tidy(item))
}

/// [`clean_name`] of an item already tidied.
fn clean_tidied(folded: String) -> Option<String> {
    // A bullet read as a letter by OCR ("À Louis Derumaux").
    let folded = match ocr_bullet(&folded) {
        Some(rest) => rest.to_string(),
        None => folded,
    };
    let name = strip_civility(&folded);
    (classify_clean(name) == ItemKind::Name).then(|| name.to_string())
}

/// The rest of a tidied item that opens with a bullet OCR read as "À ".
fn ocr_bullet(folded: &str) -> Option<&str> {
    folded
        .strip_prefix("À ")
        .filter(|rest| rest.chars().next().is_some_and(char::is_uppercase))
}

/// [`classify`] of `item` and, when it is a name, its [`clean_name`]: the
/// item is tidied and its civility taken off once for both.
pub fn classify_and_clean(item: &str) -> (ItemKind, Option<String>) {
    let folded = tidy(item);
    let stripped = strip_civility(&folded);
    let kind = classify_clean(stripped);
    let name = match kind {
        // Without the OCR bullet, clean_name reads the same name.
        ItemKind::Name if ocr_bullet(&folded).is_none() => Some(stripped.to_string()),
        ItemKind::Name => clean_tidied(folded),
        ItemKind::Skip | ItemKind::Prose => None,
    };
    (kind, name)
}

/// The name that starts `phrase`, when prose follows it: "Jean-Pierre
/// Toulouse absent en début de séance" gives "Jean-Pierre Toulouse",
/// "Philippe SCHODET jusqu'à son arrivée" gives "Philippe SCHODET".
pub fn leading_name(phrase: &str) -> Option<String> {
    let folded = tidy(phrase);
    let rest = strip_civility(&folded);
    let mut end = 0;
    let mut count = 0;
    let toks: Vec<&str> = rest.split(' ').filter(|t| !t.is_empty()).collect();
    for (i, t) in toks.iter().enumerate() {
        let capital = t.chars().next().is_some_and(char::is_uppercase);
        let particle = matches!(*t, "de" | "du" | "des" | "la" | "le" | "d'")
            && toks
                .get(i + 1)
                .is_some_and(|n| n.chars().next().is_some_and(char::is_uppercase));
        if !(capital || particle) {
            break;
        }
        end = offset_in(rest, t) + t.len();
        count += 1;
    }
    if count == 0 {
        return None;
    }
    clean_name(rest.get(..end)?)
}

/// The surname after a civility ("madame Guillouet" → "Guillouet"): a
/// capitalized word that [`clean_name`] alone does not take for a name,
/// but a civility in front of it does.
pub fn civility_surname(phrase: &str) -> Option<String> {
    let folded = tidy(phrase);
    let rest = strip_civility(&folded);
    if rest.len() == folded.len() {
        return None;
    }
    let word = rest.split(' ').next()?;
    let word = word.trim_end_matches(['.', ',', ';', ':']);
    let mut chars = word.chars();
    (chars.next().is_some_and(char::is_uppercase)
        && word.chars().count() >= 2
        && chars.all(|c| c.is_alphabetic() || c == '-'))
    .then(|| word.to_string())
}

/// What `item` is, once tidied (see [`clean_name`]).
pub fn classify(item: &str) -> ItemKind {
    let folded = tidy(item);
    classify_clean(strip_civility(&folded))
}

/// White space folded, parentheses, leaders, bullets and end punctuation out.
fn tidy(item: &str) -> String {
    let mut out = String::with_capacity(item.len());
    let mut depth = 0usize;
    let mut chars = item.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // OCR reads an initial I as a bar or a bracket ("|.MEJEAN").
            '|' | '[' if depth == 0 && chars.peek() == Some(&'.') => out.push('I'),
            // OCR reads a parenthesis as a brace ("{arrivée en cours de séance)").
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            '…' | '_' => out.push(' '),
            c if is_bullet(c) && c != '-' => out.push(' '),
            c if c.is_whitespace() => out.push(' '),
            c => out.push(c),
        }
    }
    // Dotted leaders ("Valérie LABOUACHRA ........ à Joël GIRARD").
    let mut s = out;
    while s.contains("..") {
        s = s.replace("..", " ");
    }
    let s = s
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| matches!(c, '.' | ',' | ';' | ':' | '-' | '–' | ' ' | '\''))
        .to_string();
    s.strip_prefix("et ").map(str::to_string).unwrap_or(s)
}

fn classify_clean(name: &str) -> ItemKind {
    let tokens: Vec<&str> = name.split_whitespace().collect();
    if tokens.is_empty() {
        return ItemKind::Skip;
    }
    if tokens.iter().any(|t| t.chars().any(|c| c.is_ascii_digit())) {
        return if tokens.len() <= 2 {
            ItemKind::Skip
        } else {
            ItemKind::Prose
        };
    }
    // "Conseiller municipal délégué", "Adjoints": a role after a name.
    if is_role_word(tokens[0]) {
        return ItemKind::Skip;
    }
    if tokens.len() > 6 {
        return ItemKind::Prose;
    }
    let mut words = 0;
    for t in &tokens {
        if is_particle(t) {
            continue;
        }
        let first = t.chars().next().unwrap_or(' ');
        let body_ok = t
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '.'));
        let elided_ok = t
            .split_once('\'')
            .is_some_and(|(p, rest)| p.len() == 1 && rest.starts_with(char::is_uppercase));
        if !(body_ok && (first.is_uppercase() || elided_ok)) {
            return ItemKind::Prose;
        }
        words += 1;
    }
    if words == 0 || tokens.iter().any(|t| is_role_word(t)) {
        return ItemKind::Skip;
    }
    if tokens.len() == 1 && !is_caps(tokens[0]) {
        return ItemKind::Skip;
    }
    // An upper-case heading, not a name: function words ("ÉNERGIE ET EN
    // EAU") or five upper-case words ("DEVELOPPEMENT DU TRES HAUT DEBIT").
    let caps_only = tokens.iter().all(|t| is_caps(t) || t.len() == 1);
    if caps_only
        && (tokens.len() >= 5
            || tokens.iter().any(|t| {
                matches!(
                    *t,
                    "ET" | "EN" | "AU" | "AUX" | "POUR" | "SUR" | "DANS" | "PAR" | "AVEC"
                )
            }))
    {
        return ItemKind::Prose;
    }
    ItemKind::Name
}

/// Lower-case particles that may stand inside a name ("Jean de la Fontaine").
fn is_particle(t: &str) -> bool {
    matches!(
        t,
        "de" | "du"
            | "des"
            | "d'"
            | "le"
            | "la"
            | "van"
            | "von"
            | "der"
            | "den"
            | "di"
            | "da"
            | "dos"
            | "del"
            | "y"
            | "ben"
            | "épouse"
            | "ép."
            | "née"
            | "veuve"
    )
}

/// Words that say what someone is, not who ("Maire", "Présidente").
fn is_role_word(t: &str) -> bool {
    // Most words open with a letter no role word opens with.
    let Some(first) = t.chars().next().map(fold_char) else {
        return false;
    };
    if !ROLE_WORDS.iter().any(|w| w.starts_with(first)) {
        return false;
    }
    let f: String = t.chars().map(fold_char).collect();
    let f = f.trim_end_matches(['.', ',']);
    ROLE_WORDS.contains(&f)
}

/// Role words, folded (see [`fold_char`]).
const ROLE_WORDS: &[&str] = &[
    "maire",
    "president",
    "presidente",
    "vice-president",
    "vice-presidente",
    "adjoint",
    "adjointe",
    "conseiller",
    "conseillere",
    "conseillers",
    "conseilleres",
    "adjoints",
    "adjointes",
    "secretaire",
    "doyen",
    "directeur",
    "directrice",
    "dgs",
    "ville",
    "commune",
    "conseil",
    "municipal",
    "metropole",
    "communaute",
    "prefecture",
    "delegue",
    "deleguee",
    "membres",
    "suppleant",
    "suppleante",
    "titulaire",
];

/// True when every letter of `t` is upper case and it has at least two.
pub fn is_caps(t: &str) -> bool {
    let mut letters = 0;
    for c in t.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 2
}

/// Splits a list of names into names, in order, stopping at the first item
/// that is prose (the sentence or title after the list). Items are separated
/// by `,` `;` ` - ` ` – ` ` et `; newlines separate items only when the list
/// has none of those (otherwise a name may be cut across a line break,
/// "Frédéric\nGUINIERI"). Two names run together without a comma
/// ("Christian DUMONT Christian DUPRAZ") are split when the list is in
/// "Prénom NOM" order.
///
/// A blank line or a bulleted line ends the list. Returns the names and the byte offset where
/// reading stopped.
///
/// ```
/// use delib::parse::names::read_list;
/// let (names, _) = read_list("Christian AMIRATY - François BERNARDINI - Frédéric\nGUINIERI.");
/// let names: Vec<_> = names.into_iter().map(|n| n.text).collect();
/// assert_eq!(names, ["Christian AMIRATY", "François BERNARDINI", "Frédéric GUINIERI"]);
/// ```
pub fn read_list(text: &str) -> (Vec<Name>, usize) {
    let (flat, ranges) = list_items(text);
    let mut names = Vec::new();
    let mut stop = flat.len();
    let staff = crate::parse::lexicon::class("attendance.staff");
    for range in ranges {
        let item = flat.get(range.clone()).unwrap_or("");
        // "Myriam Le Page - DGS": the name before a staff role is no member.
        let role = tidy(item);
        if staff.starts(&role).is_some_and(|end| end == role.len()) {
            names.pop();
            continue;
        }
        // "I.MEJEAN arrivée en cours de séance": a name with an arrival
        // note left out of parentheses is the name.
        let item = without_arrival_note(item);
        // "Maire M. Georges LECLEVE": a line break between a role and the
        // next name, read as one item once lines are joined.
        let mut prose = false;
        for part in split_run_on(item) {
            let (kind, name) = classify_and_clean(part);
            match kind {
                ItemKind::Name => names.extend(name.map(|text| Name {
                    text,
                    range: range.clone(),
                })),
                ItemKind::Skip => {}
                ItemKind::Prose => {
                    prose = true;
                    break;
                }
            }
        }
        if prose {
            stop = range.start;
            break;
        }
    }
    (names, stop)
}

/// `item` without an arrival note ending it (`seance.arrival`, "arrivée en
/// cours de séance") when names come before the note; else `item`.
fn without_arrival_note(item: &str) -> &str {
    let arrival = crate::parse::lexicon::class("seance.arrival");
    let Some(m) = arrival.find_iter(item).last() else {
        return item;
    };
    let tail = item.get(m.end..).unwrap_or("");
    let head = item.get(..m.start).unwrap_or("");
    let names_before = split_run_on(head)
        .iter()
        .all(|p| classify(p) == ItemKind::Name);
    if tail
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ')'))
        .is_empty()
        && !head.trim().is_empty()
        && names_before
    {
        head
    } else {
        item
    }
}

/// The items of a list, before they are read as names: the list's text cut
/// at its first blank line, with line breaks turned into spaces when the list
/// has inline separators (same byte length, so offsets are those of
/// `text`), and the byte range of each item in it.
pub fn list_items(text: &str) -> (String, Vec<Range<usize>>) {
    let lead = text.len() - text.trim_start().len();
    // A blank line ends the list, and so does a line with a "•" bullet,
    // unless the list gives one item a bullet: in a list whose items have
    // none it opens the next part ("• A été élu secrétaire"), and after a
    // bullet holding a list of its own, another group ("• Élus : A, B, C" then
    // "• Mairie : D - DGS").
    let rest = &text[lead..];
    let first_line = rest.split('\n').next().unwrap_or("");
    let one_a_bullet = rest.starts_with('•') && first_line.matches([',', ';']).count() < 2;
    let ends: &[&str] = if one_a_bullet {
        &["\n\n"]
    } else {
        &["\n\n", "\n•"]
    };
    let cut = text
        .get(lead..)
        .and_then(|t| ends.iter().filter_map(|e| t.find(e)).min())
        .map_or(text.len(), |i| lead + i);
    let text = text.get(..cut).unwrap_or(text);
    let newlines = !has_inline_separator(text);
    let flat = if newlines {
        join_bullet_continuations(text)
    } else {
        inline_breaks(text).replace('\n', " ")
    };
    let ranges = split_items(&flat, newlines);
    (flat, ranges)
}

/// Separators a list with inline separators prints without one, made
/// commas (same length, so offsets hold): a role after a colon ("W.AUGUSTE
/// : adjoints") and a full stop ending a line before the next name
/// ("adjoints.\nP.SOLIER"), unless the stop ends a civility or an initial.
fn inline_breaks(text: &str) -> String {
    let mut out = text.replace(" : ", " , ");
    let mut stops = Vec::new();
    for (i, _) in out.match_indices(".\n") {
        let word = out[..i].rsplit([' ', '\n']).next().unwrap_or("");
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        let next_upper = out[i + 2..].chars().next().is_some_and(char::is_uppercase);
        if letters >= 3 && !is_civility_token(&format!("{word}.")) && next_upper {
            stops.push(i);
        }
    }
    for i in stops {
        out.replace_range(i..i + 1, ",");
    }
    // A role ending a line before the next name: "W.AUGUSTE : adjoints\n
    // S.MEARY" (the colon made a comma above).
    let ends: Vec<usize> = out
        .match_indices('\n')
        .map(|(i, _)| i)
        .filter(|&i| {
            let word = out[..i].trim_end().rsplit([' ', '\n']).next().unwrap_or("");
            is_role_word(word) && out[i + 1..].chars().next().is_some_and(char::is_uppercase)
        })
        .collect();
    for i in ends {
        out.replace_range(i..i + 1, ",");
    }
    out
}

/// In a list of dash bullets, a line without a bullet carries on the item
/// above it ("- X donne pouvoir à Y pour toutes\nles délibérations"): its
/// line break becomes a space (same length, so offsets hold).
fn join_bullet_continuations(text: &str) -> String {
    let bulleted = |l: &str| {
        let mut chars = l.trim_start().chars();
        chars.next().is_some_and(is_bullet) && chars.next().is_some_and(char::is_whitespace)
    };
    let lines: Vec<&str> = text.split('\n').collect();
    let first = lines.iter().find(|l| !l.trim().is_empty());
    if !first.is_some_and(|l| bulleted(l)) || lines.iter().filter(|l| bulleted(l)).count() < 2 {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for (k, line) in lines.iter().enumerate() {
        if k > 0 {
            let continues = !line.trim().is_empty() && !bulleted(line);
            out.push(if continues { ' ' } else { '\n' });
        }
        out.push_str(line);
    }
    out
}

/// True for the characters that open an item of a list printed one item a
/// line (and a clause of the visas): dashes (the minus sign too), bullets,
/// ticks, and the private-use glyphs of the Symbol and Wingdings fonts that
/// word processors print as bullets. The one set of the grammar's `bullet`.
pub fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '-' | '–'
            | '—'
            | '−'
            | '•'
            | '●'
            | '·'
            | '*'
            | '▪'
            | '■'
            | '◦'
            | '►'
            | '➢'
            | '✓'
            | '\u{f0a7}'
            | '\u{f0b7}'
            | '\u{f0d8}'
    )
}

/// True when `text` separates items by something else than line breaks.
fn has_inline_separator(text: &str) -> bool {
    text.contains(',')
        || text.contains(';')
        || text.contains(" - ")
        || text.contains(" – ")
        || text.contains(" — ")
        || text.contains(" − ")
}

/// The byte ranges of the items of a list (separators left out).
///
/// `list = item , { separator , item }` with nom; an item is everything up
/// to the next separator.
pub fn split_items(text: &str, newlines: bool) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        if let Ok((after, _)) = separator(rest, newlines) {
            rest = after;
            continue;
        }
        match item(rest, newlines) {
            Ok((after, it)) => {
                let start = offset_in(text, it);
                out.push(start..start + it.len());
                rest = after;
            }
            Err(_) => break,
        }
    }
    out
}

/// Byte offset of `part` (a sub-slice) inside `whole`.
fn offset_in(whole: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize)
}

/// `separator = "," | ";" | " - " | " – " | " -— " | " —" capital | " -—" capital | " -" initial "." | " et " | newline`
fn separator(i: &str, newlines: bool) -> IResult<&str, &str> {
    // Every separator opens with a blank, a comma, a semicolon or a line
    // end: `item` asks at every character, and most are none of these.
    if !i.starts_with([' ', '\t', ',', ';', '\n', '\r']) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Char,
        )));
    }
    let mut inline = alt((
        recognize((space0, one_of(",;"), space0)),
        recognize((
            space1,
            take_while1(|c| matches!(c, '-' | '–' | '—' | '−')),
            space1,
        )),
        // A dash glued to the next name ("C.FOROT —T.BUSIN", OCR'd); a
        // hyphen only before an initial ("C.FOROT -T.BUSIN"), which no
        // compound name continues with.
        recognize((space1, one_of("–—−"), peek(satisfy(char::is_uppercase)))),
        // Two dashes glued to the next name ("C.FOROT -—T.BUSIN").
        recognize((
            space1,
            take_while_m_n(2, 4, |c| matches!(c, '-' | '–' | '—' | '−')),
            peek(satisfy(char::is_uppercase)),
        )),
        recognize((
            space1,
            tag("-"),
            peek((satisfy(char::is_uppercase), tag("."))),
        )),
        recognize((space1, tag_no_case("et"), space1)),
        recognize((space1, tag("&"), space1)),
    ));
    if newlines {
        alt((inline, recognize((space0, line_ending, multispace0)))).parse(i)
    } else {
        inline.parse(i)
    }
}

/// `item = { any char - separator }-`
fn item(i: &str, newlines: bool) -> IResult<&str, &str> {
    recognize(many1((not(|s| separator(s, newlines)), anychar))).parse(i)
}

/// Splits "Mustapha MAJDOUL Hélène MANDROUX" (a missing comma) in two when
/// the item is in "Prénom NOM" order: a capitalized word after a run of
/// upper-case words starts a new name.
///
/// A name written as an initial glued to its surname ("I.MEJEAN") is a
/// whole name: another one after it starts a new name ("S.MEARY I.MEJEAN",
/// two names of lines joined in a list), unless a first name comes before
/// it ("Blandine B.CANAL").
pub fn split_run_on(item: &str) -> Vec<&str> {
    let toks: Vec<(usize, &str)> = item
        .split_whitespace()
        .map(|t| (offset_in(item, t), t))
        .collect();
    let cuts: Vec<usize> = toks
        .windows(2)
        .filter(|w| {
            // "Blandine B.CANAL": a first name before it is the same name's.
            let first_name = w[0].1.chars().next().is_some_and(char::is_uppercase)
                && w[0].1.chars().any(char::is_lowercase);
            is_initial_name(w[1].1) && !is_civility_token(w[0].1) && !first_name
        })
        .map(|w| w[1].0)
        .collect();
    if cuts.is_empty() {
        return split_run_on_civility(item);
    }
    let mut parts = Vec::new();
    let mut start = 0;
    for c in cuts {
        parts.extend(split_run_on_civility(item.get(start..c).unwrap_or("")));
        start = c;
    }
    parts.extend(split_run_on_civility(item.get(start..).unwrap_or("")));
    parts
}

/// True for a name made of an initial and a surname in capitals, glued:
/// "I.MEJEAN", "J.P.DURAND".
pub fn is_initial_name(t: &str) -> bool {
    let t = t.trim_end_matches([',', ';', '.']);
    let Some((initials, surname)) = t.rsplit_once('.') else {
        return false;
    };
    let initials_ok = initials
        .split('.')
        .all(|i| i.chars().count() == 1 && i.chars().all(char::is_uppercase));
    initials_ok && surname.chars().count() >= 2 && is_caps(surname)
}

/// [`split_run_on`] of an item without names glued to their initial.
fn split_run_on_civility(item: &str) -> Vec<&str> {
    let toks: Vec<(usize, &str)> = item
        .split_whitespace()
        .map(|t| (offset_in(item, t), t))
        .collect();
    // A civility inside an item starts another name ("DENOIS Mme COULTER").
    let inner: Vec<usize> = toks
        .iter()
        .skip(1)
        .filter(|(_, t)| is_civility_token(t))
        .map(|(o, _)| *o)
        .collect();
    if !inner.is_empty() {
        let mut parts = Vec::new();
        let mut start = 0;
        for o in inner {
            if item
                .get(start..o)
                .is_some_and(|p| !strip_civility(p).trim().is_empty())
            {
                parts.push(item.get(start..o).unwrap_or(""));
                start = o;
            }
        }
        parts.push(item.get(start..).unwrap_or(""));
        return parts.into_iter().flat_map(split_run_on_one).collect();
    }
    split_run_on_one(item)
}

/// True when `t` is a civility on its own ("Mme", "M.", "Monsieur").
fn is_civility_token(t: &str) -> bool {
    // Every one opens with an m.
    if t.chars().next().map(fold_char) != Some('m') {
        return false;
    }
    let f: String = t.chars().map(fold_char).collect();
    matches!(
        f.as_str(),
        "m." | "mme"
            | "mme."
            | "mlle"
            | "monsieur"
            | "madame"
            | "mademoiselle"
            | "mm."
            | "mr"
            | "mr."
    )
}

/// [`split_run_on`] for an item with no civility inside.
fn split_run_on_one(item: &str) -> Vec<&str> {
    let toks: Vec<(usize, &str)> = item
        .split_whitespace()
        .map(|t| (offset_in(item, t), t))
        .collect();
    let is_title = |t: &str| {
        t.chars().next().is_some_and(char::is_uppercase) && t.chars().any(char::is_lowercase)
    };
    let first = toks
        .iter()
        .map(|(_, t)| strip_civility(t))
        .find(|t| !t.is_empty());
    if first.is_some_and(is_caps) {
        // "NOM Prénom" order: an upper-case word after a capitalized one
        // starts a new name ("PINON Fabien CHAUVET Jean-Paul").
        let mut parts = Vec::new();
        let mut start = 0;
        let mut seen_title = false;
        for (off, t) in &toks {
            if is_civility_token(t) || strip_civility(t).is_empty() {
                continue;
            }
            if is_title(t) {
                seen_title = true;
            } else if is_caps(t) && seen_title {
                parts.push(item.get(start..*off).unwrap_or(""));
                start = *off;
                seen_title = false;
            }
        }
        parts.push(item.get(start..).unwrap_or(""));
        return parts;
    }
    if !first.is_some_and(is_title) {
        return vec![item];
    }
    let mut parts = Vec::new();
    let mut start = 0;
    let mut seen_caps = false;
    for (off, t) in &toks {
        // An upper-case civility ("MME Régine CORMIER") is not a surname.
        if is_civility_token(t) || strip_civility(t).is_empty() {
            continue;
        }
        if is_caps(t) {
            seen_caps = true;
        } else if is_title(t) && seen_caps {
            parts.push(item.get(start..*off).unwrap_or(""));
            start = *off;
            seen_caps = false;
        }
    }
    parts.push(item.get(start..).unwrap_or(""));
    parts
}

/// The first part of a phrase that is a name, parts being cut at `,`, ` – `,
/// ` - `, `;` and line breaks: "Madame le Maire, Hélène Mandroux" gives
/// "Hélène Mandroux".
///
/// ```
/// use delib::parse::names::first_name_in;
/// assert_eq!(first_name_in("Monsieur le Maire, Philippe SAUREL.").as_deref(), Some("Philippe SAUREL"));
/// ```
pub fn first_name_in(phrase: &str) -> Option<String> {
    // A name may be cut by a line end ("Madame Florence\nDEMOUY").
    let phrase = phrase.replace('\n', " ");
    phrase
        .split([',', ';', '–', '—', '('])
        .flat_map(|p| p.split(" - "))
        .flat_map(split_sentences)
        // Only the first name of a run-on part: what follows it may be
        // the next heading of a flattened text ("Paul HEINTZ Liste des …").
        // A piece led by a civility is the surest ("ÉNERGIE Mme CORBES").
        .find_map(|p| {
            let pieces = split_run_on(p);
            let led = pieces
                .iter()
                .skip(1)
                .find(|x| x.split_whitespace().next().is_some_and(is_civility_token));
            led.or(pieces.first()).and_then(|f| clean_name(f))
        })
}

/// The name that opens `phrase`, as after a label ("Secrétaire de séance :
/// Dominique BEC PACU/17-2023 Étude de …" in a flattened text): only the
/// phrase's first part counts (up to a comma, a dash, a parenthesis or a
/// sentence end), and when that part does not read as a name as a whole,
/// its longest run of first words that does (at most five). Unlike
/// [`first_name_in`], a name further on is never taken: in a flattened text
/// the rest of the line is the rest of the document.
///
/// ```
/// use delib::parse::names::name_after_label;
/// assert_eq!(name_after_label("PESSEY Tony 1/151 - Procès-verbal").as_deref(), Some("PESSEY Tony"));
/// assert_eq!(name_after_label("Madame Audrey GILLES Monsieur le Maire souhaite").as_deref(), Some("Audrey GILLES"));
/// assert_eq!(name_after_label("AUTORISATION DE SIGNATURE, M. Paul DURAND"), None);
/// ```
pub fn name_after_label(phrase: &str) -> Option<String> {
    let phrase = phrase.replace('\n', " ");
    let first = phrase
        .split([',', ';', '–', '—', '('])
        .flat_map(|p| p.split(" - "))
        .flat_map(split_sentences)
        .find(|p| !p.trim().is_empty())?;
    let piece = *split_run_on(first.trim()).first()?;
    let words: Vec<&str> = piece.split_whitespace().collect();
    let civilities = words.iter().take_while(|w| is_civility_token(w)).count();
    // Capitals alone, three words or more and no civility, are a heading
    // ("AUTORISATION DE SIGNATURE") rather than a name.
    let heading = civilities == 0 && words.len() > 2 && words.iter().all(|w| is_caps(w));
    if heading {
        return None;
    }
    if let Some(name) = clean_name(piece) {
        return Some(name);
    }
    // A run of capitals alone may be a heading ("AUTORISATION DE
    // SIGNATURE"): the run needs a first name in small letters or a
    // civility before it.
    (civilities + 1..=words.len().min(civilities + 5))
        .rev()
        .filter(|&k| civilities > 0 || words[..k].iter().any(|w| !is_caps(w)))
        .find_map(|k| {
            let name = clean_name(&words[..k].join(" "))?;
            (name.split_whitespace().count() == k - civilities).then_some(name)
        })
}

/// Cuts a phrase at its sentence ends: a full stop after a word of two
/// letters or more ("LESPAGNOL. CAESE"), not after an initial ("M. DUPONT",
/// "E. BAHY").
fn split_sentences(p: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in p.match_indices(". ") {
        let word = p.get(..i).unwrap_or("").rsplit(' ').next().unwrap_or("");
        if word.chars().filter(|c| c.is_alphabetic()).count() >= 2 {
            out.push(p.get(start..i).unwrap_or(""));
            start = i + 2;
        }
    }
    out.push(p.get(start..).unwrap_or(""));
    out
}

/// The longest run of words at the end of `phrase` that is a name:
/// "Désignation du secrétaire de séance Madame Cathy CHAGNON" gives "Cathy
/// CHAGNON".
pub fn trailing_name(phrase: &str) -> Option<String> {
    let toks: Vec<&str> = phrase.split_whitespace().collect();
    let mut best = None;
    for k in 1..=toks.len().min(7) {
        let cand = toks[toks.len() - k..].join(" ");
        let (kind, name) = classify_and_clean(&cand);
        match kind {
            ItemKind::Name => best = name,
            ItemKind::Skip => {}
            ItemKind::Prose => break,
        }
        // A civility opens the name: what is before it belongs to another
        // phrase ("(… départ de Mme Hamdaoui) Monsieur Yildiz").
        if is_civility_token(toks[toks.len() - k]) {
            break;
        }
    }
    best
}

/// A surname printed in small letters after a civility, at the end of
/// `phrase` ("… Monsieur Grandin", "monsieur Pitel"): the words after the
/// last civility, one or two, each a capital then small letters. The name
/// as printed, without its civility; `None` when the phrase does not end so.
pub fn trailing_civility_surname(phrase: &str) -> Option<String> {
    let toks: Vec<&str> = phrase
        .split_whitespace()
        .map(|t| t.trim_end_matches(['.', ',', ';', ':']))
        .collect();
    let titled = |w: &str| {
        let mut chars = w.chars();
        chars.next().is_some_and(char::is_uppercase)
            && w.chars().count() >= 2
            && w.split('-').all(|part| {
                let mut c = part.chars();
                c.next().is_some_and(char::is_uppercase) && c.all(char::is_lowercase)
            })
    };
    for k in 1..=2.min(toks.len().saturating_sub(1)) {
        let (civ, words) = toks.split_at(toks.len() - k);
        let civ = civ.last()?;
        let is_civility = strip_civility(civ).is_empty() && !civ.is_empty();
        if is_civility && words.iter().all(|w| titled(w)) {
            return Some(words.join(" "));
        }
    }
    None
}

/// True when `phrase` (civility removed) names a role rather than a person:
/// "le Maire", "la Présidente de la Métropole", "Monsieur le doyen d'âge".
pub fn is_role(phrase: &str) -> bool {
    let p = strip_civility(phrase).trim_start();
    let f: String = p.chars().take(3).map(fold_char).collect();
    (f.starts_with("le ") || f.starts_with("la ") || f.starts_with("l'"))
        && p.split_whitespace().skip(1).take(2).any(is_role_word)
}

/// A name as an order-free key: folded letters of its words, sorted.
pub fn name_key(name: &str) -> String {
    if let Some(k) = KEYS.with(|c| c.borrow().get(name).cloned()) {
        return k;
    }
    let key = make_name_key(name);
    KEYS.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= 4096 {
            c.clear();
        }
        c.insert(name.to_string(), key.clone());
    });
    key
}

thread_local! {
    /// The keys made on this thread for the document being parsed: a
    /// séance's members are looked up item after item. Cleared when full
    /// and at each document ([`forget_keys`]).
    static KEYS: std::cell::RefCell<std::collections::HashMap<String, String>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// Forgets the keys [`name_key`] kept: called as a document's parse starts,
/// so that what one document costs does not depend on the one before.
pub fn forget_keys() {
    KEYS.with(|c| c.borrow_mut().clear());
}

/// [`name_key`], computed.
fn make_name_key(name: &str) -> String {
    let folded: String = strip_civility(name)
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                fold_char(c)
            } else {
                ' '
            }
        })
        .collect();
    let mut toks: Vec<&str> = folded.split_whitespace().collect();
    toks.sort_unstable();
    toks.join(" ")
}

/// True when `a` and `b` name the same person (case, accents, order and
/// civility ignored).
pub fn same_person(a: &str, b: &str) -> bool {
    name_key(a) == name_key(b)
}

/// True when `a` and `b` may name the same person as printed in two
/// places of one séance: [`same_person`], or one surname in common and
/// nothing else that disagrees, an initial standing for a first name ("Y.
/// ARMAND" and "Yves ARMAND", "ARMAND" and "Yves ARMAND"; not "Paul
/// DURAND" and "Marie DURAND").
pub fn may_be_same_person(a: &str, b: &str) -> bool {
    let (ka, kb) = (name_key(a), name_key(b));
    if ka == kb {
        return true;
    }
    let ta: Vec<&str> = ka.split(' ').filter(|t| !t.is_empty()).collect();
    let tb: Vec<&str> = kb.split(' ').filter(|t| !t.is_empty()).collect();
    let word = |t: &&str| t.chars().count() >= 2;
    if !ta.iter().filter(|t| word(t)).any(|t| tb.contains(t)) {
        return false;
    }
    let ra: Vec<&str> = ta.iter().filter(|t| !tb.contains(t)).copied().collect();
    let rb: Vec<&str> = tb.iter().filter(|t| !ta.contains(t)).copied().collect();
    if ra.is_empty() || rb.is_empty() {
        return true;
    }
    // What is left on each side must agree one for one, by initial.
    ra.len() == rb.len()
        && ra.iter().zip(&rb).all(|(x, y)| {
            (x.chars().count() == 1 || y.chars().count() == 1)
                && x.chars().next() == y.chars().next()
        })
}

/// Resolves a partial name ("Monsieur LEVITA", "EL KANDOUSSI") to the one
/// full name among `known` that contains all its words; `None` when none or
/// several do.
pub fn resolve(partial: &str, known: &[String]) -> Option<String> {
    let want = name_key(partial);
    if want.is_empty() {
        return None;
    }
    let want: Vec<&str> = want.split(' ').collect();
    let mut found: Option<&String> = None;
    for k in known {
        let key = name_key(k);
        let have: Vec<&str> = key.split(' ').collect();
        if want.iter().all(|w| have.contains(w)) {
            if found.is_some_and(|f| !same_person(f, k)) {
                return None;
            }
            found = Some(k);
        }
    }
    found.cloned()
}

/// `name` completed from `known` when it is partial ("Monsieur LEVITA" →
/// "Max LEVITA"); kept as printed otherwise.
pub fn complete(name: String, known: &[String]) -> String {
    let words = |s: &str| name_key(s).split(' ').filter(|w| !w.is_empty()).count();
    match resolve(&name, known) {
        Some(full) if words(&full) > words(&name) => full,
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_surname_in_small_letters_after_a_civility_ends_a_phrase() {
        assert_eq!(
            trailing_civility_surname("Monsieur Grandin").as_deref(),
            Some("Grandin")
        );
        assert_eq!(
            trailing_civility_surname("séance : monsieur Pitel").as_deref(),
            Some("Pitel")
        );
        assert_eq!(
            trailing_civility_surname("Madame Le Goff-Martin").as_deref(),
            Some("Le Goff-Martin")
        );
        assert_eq!(trailing_civility_surname("le conseil municipal"), None);
        assert_eq!(trailing_civility_surname("Monsieur le Maire"), None);
        assert_eq!(trailing_civility_surname("Grandin"), None);
    }

    #[test]
    fn a_name_before_prose() {
        assert_eq!(
            leading_name("Jean-Pierre Toulouse absent en début de séance").as_deref(),
            Some("Jean-Pierre Toulouse")
        );
        assert_eq!(
            leading_name("Philippe SCHODET jusqu'à son arrivée.").as_deref(),
            Some("Philippe SCHODET")
        );
        assert_eq!(leading_name("pour toutes les délibérations"), None);
        assert_eq!(
            clean_name("À Louis Derumaux").as_deref(),
            Some("Louis Derumaux")
        );
    }

    #[test]
    fn dashes_glued_to_a_name_or_doubled_separate_it() {
        let t = "C.FOROT —T.BUSIN — N.VERDON -— W.AUGUSTE — H.CHARANCON";
        let names = texts(t);
        assert_eq!(
            names,
            ["C.FOROT", "T.BUSIN", "N.VERDON", "W.AUGUSTE", "H.CHARANCON"]
        );
        // A hyphen glued to a word stays a compound's; a dash before a
        // small letter is prose.
        assert!(separator(" -MARTIN", false).is_err());
        assert!(separator(" —suite", false).is_err());
        assert!(separator(" —T.BUSIN", false).is_ok());
        assert!(separator(" -T.BUSIN", false).is_ok());
        assert!(separator(" -—T.BUSIN", false).is_ok());
        assert_eq!(
            texts("C.FOROT -—T.BUSIN - W.AUGUSTE"),
            ["C.FOROT", "T.BUSIN", "W.AUGUSTE"]
        );
        let t = "C.FOROT -T.BUSIN — N.VERDON : adjoints\nI.MEJEAN — S.MEARY";
        let names = texts(t);
        assert_eq!(
            names,
            ["C.FOROT", "T.BUSIN", "N.VERDON", "I.MEJEAN", "S.MEARY"]
        );
        assert_eq!(split_run_on("S.MEARY I.MEJEAN"), ["S.MEARY ", "I.MEJEAN"]);
        assert_eq!(split_run_on("Mme I.MEJEAN"), ["Mme I.MEJEAN"]);
        assert_eq!(split_run_on("Blandine B.CANAL"), ["Blandine B.CANAL"]);
        assert!(!is_initial_name("S.A."));
    }

    #[test]
    fn ocr_bar_for_an_initial_i() {
        assert_eq!(clean_name("|.MEJEAN").as_deref(), Some("I.MEJEAN"));
        assert_eq!(clean_name("[.MEJEAN").as_deref(), Some("I.MEJEAN"));
        assert_eq!(clean_name("A | B"), None);
    }

    #[test]
    fn arrival_notes_after_a_name_are_not_the_name() {
        let t = "C.FOROT - T.BUSIN : adjoints\nS.MEARY - P.SOLIER {arrivée en cours de séance)\nC.DURAND\nI.MEJEAN arrivée en cours de séance.";
        let names = texts(t);
        assert_eq!(
            names,
            ["C.FOROT", "T.BUSIN", "S.MEARY", "P.SOLIER", "C.DURAND", "I.MEJEAN"]
        );
        // Prose that only mentions an arrival still ends the list.
        let t = "C.FOROT - T.BUSIN - Le maire note l'arrivée en cours de séance de M. X";
        assert_eq!(read_list(t).0.len(), 2);
    }

    #[test]
    fn roles_after_a_colon_and_lines_ending_in_a_stop() {
        let t = "C.FOROT - T.BUSIN — N.VERDON — W.AUGUSTE : adjoints.\nP.SOLIER - H.CHARANCON — F.THEOLAS\n\nEtaient absents";
        let names = texts(t);
        assert_eq!(
            names,
            [
                "C.FOROT",
                "T.BUSIN",
                "N.VERDON",
                "W.AUGUSTE",
                "P.SOLIER",
                "H.CHARANCON",
                "F.THEOLAS"
            ]
        );
    }

    fn texts(s: &str) -> Vec<String> {
        read_list(s).0.into_iter().map(|n| n.text).collect()
    }

    #[test]
    fn civility_is_removed() {
        assert_eq!(strip_civility("Monsieur Jean DUPONT"), "Jean DUPONT");
        assert_eq!(strip_civility("Mlle Anne MARTIN"), "Anne MARTIN");
        assert_eq!(strip_civility("MM. DURAND"), "DURAND");
        assert_eq!(strip_civility("MM Paul DURAND"), "Paul DURAND");
        assert_eq!(strip_civility("M DUPONT Jean"), "DUPONT Jean");
        assert_eq!(strip_civility("Marc DUFOUR"), "Marc DUFOUR");
        assert_eq!(strip_civility("Mathieu HILLAIRE"), "Mathieu HILLAIRE");
    }

    #[test]
    fn comma_lists_with_missing_commas_and_particles() {
        assert_eq!(
            texts("Marc DUFOUR, Christian DUMONT Christian DUPRAZ, Audrey DE LA GRANGE,, Anne-Rose LE VAN."),
            ["Marc DUFOUR", "Christian DUMONT", "Christian DUPRAZ", "Audrey DE LA GRANGE", "Anne-Rose LE VAN"]
        );
    }

    #[test]
    fn dash_lists_join_names_cut_by_a_line_break() {
        assert_eq!(
            texts("Paul AUBERT - Lucie\nBERNARD - Maryse JOISSAINS MASINI - Léa MARTIN-ROUX."),
            [
                "Paul AUBERT",
                "Lucie BERNARD",
                "Maryse JOISSAINS MASINI",
                "Léa MARTIN-ROUX"
            ]
        );
    }

    #[test]
    fn classify_and_clean_read_as_classify_then_clean_name() {
        for item in [
            "Mme Audrey DE LA GRANGE.",
            "À Louis Derumaux",
            "À Maire",
            "À",
            "Election des membres",
            "Maire",
            "(55)",
            "M. Jean DUPONT (suppléant de X)",
            "DEVELOPPEMENT DU TRES HAUT DEBIT",
            "",
            "Monsieur",
        ] {
            let kind = classify(item);
            let name = (kind == ItemKind::Name).then(|| clean_name(item)).flatten();
            assert_eq!(classify_and_clean(item), (kind, name), "{item:?}");
        }
    }

    #[test]
    fn a_dash_bullet_item_runs_on_over_its_unbulleted_lines() {
        let text = "- Paul AUBERT donne pouvoir à Lucie BERNARD pour toutes\nles délibérations\n- Léa MARTIN\n- Marc DURAND";
        let (flat, items) = list_items(text);
        let items: Vec<&str> = items.into_iter().map(|r| &flat[r]).collect();
        assert_eq!(items.len(), 3, "{items:?}");
        assert!(items[0].ends_with("toutes les délibérations"), "{items:?}");
    }

    #[test]
    fn a_role_ending_a_line_ends_its_item() {
        assert_eq!(
            texts("C.FOROT - N.VERDON - W.AUGUSTE : adjoints\nS.MEARY — H.CHARANCON"),
            ["C.FOROT", "N.VERDON", "W.AUGUSTE", "S.MEARY", "H.CHARANCON"]
        );
    }

    #[test]
    fn the_same_person_with_an_initial_or_a_surname() {
        assert!(may_be_same_person("Y. ARMAND", "Yves ARMAND"));
        assert!(may_be_same_person("ARMAND", "Yves ARMAND"));
        assert!(may_be_same_person("Monsieur Paul DURAND", "Paul DURAND"));
        assert!(!may_be_same_person("Paul DURAND", "Marie DURAND"));
        assert!(!may_be_same_person("P. DURAND", "Marie DURAND"));
        assert!(!may_be_same_person("Paul DURAND", "Paul MARTIN"));
    }

    #[test]
    fn a_name_with_a_staff_role_is_no_member() {
        assert_eq!(
            texts("- Paul AUBERT, Lucie BERNARD\n- Myriam LE PAGE - DGS"),
            ["Paul AUBERT", "Lucie BERNARD"]
        );
        assert_eq!(
            texts("Paul AUBERT, Anne PETIT, secrétaire de mairie, Lucie BERNARD"),
            ["Paul AUBERT", "Lucie BERNARD"]
        );
    }

    #[test]
    fn newline_lists_and_surname_first() {
        assert_eq!(
            texts("M. DURAND Paul\nMme LEROY Anne-Marie\nM. PETIT Jean Luc"),
            ["DURAND Paul", "LEROY Anne-Marie", "PETIT Jean Luc"]
        );
    }

    #[test]
    fn the_list_stops_at_prose() {
        let text = "Paul AUBERT, Lucie BERNARD.\n\nGarantie d'emprunt - Opération Centre";
        let (names, stop) = read_list(text);
        assert_eq!(names.len(), 2);
        assert!(stop <= text.find("Garantie").unwrap_or(0));
    }

    #[test]
    fn names_and_not_names() {
        assert!(clean_name("Hélène Mandroux").is_some());
        assert!(clean_name("JUBERT").is_some());
        assert!(clean_name("Maire").is_none());
        assert!(clean_name("Aix-Marseille-Provence").is_none());
        assert!(clean_name("Commission d'Appel d'Offres de la Ville de Montpellier").is_none());
        assert_eq!(
            clean_name("Patrice KOPACZ (suppléant de Frédéric GOUPIL)").as_deref(),
            Some("Patrice KOPACZ")
        );
    }

    #[test]
    fn run_on_names_split_at_inner_civilities_and_sentence_ends() {
        assert_eq!(split_run_on("DURAND Mme PETIT"), ["DURAND ", "Mme PETIT"]);
        assert_eq!(
            split_run_on("PINON Paul CHAUVET Jean-Luc"),
            ["PINON Paul ", "CHAUVET Jean-Luc"]
        );
        assert_eq!(split_run_on("AVET LE VEUF Elodie"), ["AVET LE VEUF Elodie"]);
        assert_eq!(
            classify("DEVELOPPEMENT DU TRES HAUT DEBIT"),
            ItemKind::Prose
        );
        assert_eq!(
            first_name_in("Paul AUBERT Liste des présents").as_deref(),
            Some("Paul AUBERT")
        );
        assert_eq!(
            first_name_in("Mme Anne PETIT. ORDRE DU JOUR").as_deref(),
            Some("Anne PETIT")
        );
    }

    #[test]
    fn partial_names_resolve_against_known_ones() {
        let known = vec!["Max LEVITA".to_string(), "Abdi EL KANDOUSSI".to_string()];
        assert_eq!(
            resolve("Monsieur EL KANDOUSSI", &known).as_deref(),
            Some("Abdi EL KANDOUSSI")
        );
        assert_eq!(resolve("LEVITA", &known).as_deref(), Some("Max LEVITA"));
        assert_eq!(resolve("DUPONT", &known), None);
    }
}
