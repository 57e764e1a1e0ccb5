//! The visas of a deliberation (grammar/deliberation.ebnf, `visas`): each
//! "Vu …" clause as a typed [`Citation`] (code, loi, décret, délibération…)
//! with the number and date of the cited text.
//!
//! The clause scanner here (`clauses`) is shared with the considérants
//! (`recitals.rs`): both are clauses opened by a lead word at the start of a
//! line, of a bullet, or after ", " / "; " in run-on text, either one per
//! line ("Vu le …, Vu la …") or as a bare lead word followed by bullets
//! ("Vu" then "• Le Code …", AMP seed).

use std::cell::RefCell;
use std::ops::Range;

use nom::bytes::complete::{take_till, take_while1};
use nom::character::complete::{char, space0, space1};
use nom::combinator::{opt, recognize, verify};
use nom::multi::many0;
use nom::sequence::{pair, preceded};
use nom::{IResult, Parser};

use super::frdate::first_date;
use super::lexicon::{class, PhraseClass};
use super::names::is_bullet;
use super::{articles, floor_char, Ctx};
use crate::model::{Citation, CitationKind, Record};

/// Reads every visa of the deliberation in `cx` into `rec.citations`.
pub fn read(cx: &mut Ctx, rec: &mut Record) {
    for r in find_visas(cx.text) {
        let raw = &cx.text[r.clone()];
        let text = clause_text(raw);
        if text.is_empty() {
            continue;
        }
        let typed = type_citation(&text);
        if r.len() >= MAX_CLAUSE {
            rec.diagnostics.push(cx.warning(
                "visas.too_long",
                "a visa runs on for more than 3000 bytes; it was cut there",
                r.start,
                r.end,
            ));
        }
        rec.citations.push(Citation {
            text,
            kind: typed.kind,
            number: typed.number,
            date: typed.date,
            span: cx.span(r.start, r.end),
        });
    }
}

/// The byte ranges of the visas in `text` (each without its "Vu").
///
/// Rule: `visas = { visa } ; visa = "Vu" , ( clause | bullet , { bullet } )`
/// where a clause runs to the end of its sentence, to a line ending in `;`
/// or `.`, to a blank line or to the next section.
///
/// ```
/// use delib::parse::visas::find_visas;
/// let t = "Vu le Code général des collectivités territoriales ;\nVu la loi n°2015-991 du 7 août 2015 ;\n";
/// assert_eq!(find_visas(t).len(), 2);
/// ```
pub fn find_visas(text: &str) -> Vec<Range<usize>> {
    // The dispositif reader asks again for the text the visas reader read,
    // when it has no articles: the last answer is kept.
    thread_local! {
        static LAST: super::memo::Last<Vec<Range<usize>>> = const { RefCell::new(None) };
    }
    super::memo::remembered(&LAST, text, read_visas)
}

/// [`find_visas`] without the memory of the last text.
fn read_visas(text: &str) -> Vec<Range<usize>> {
    let cfg = ClauseRules {
        lead: class("visas.vu"),
        openers: &[class("visas.vu"), class("recitals.considerant")],
        line_stops: &[class("visas.stop"), class("decision.enacting")],
        inline_stops: &[],
    };
    clauses(text, &cfg)
}

/// A visa's text typed: its kind, number and date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypedCitation {
    /// What is cited.
    pub kind: CitationKind,
    /// Its number as printed (`2014-58`, `HN 001-8073/20/CM`).
    pub number: Option<String>,
    /// Its date, ISO.
    pub date: Option<String>,
}

/// Types the text of one visa.
///
/// Rule: `citation = [ article_ref ] , head , [ number ] , [ "du" , date ]`
/// where `head` is the kind word (`visas.code`, `visas.law`, …) after the
/// determiner; when the visa cites an article ("l'article L.2121-29 du
/// CGCT"), the first kind word of the text decides. The number follows a
/// `visas.number_mark` ("n°") or, for other kinds than codes, stands right
/// after the head word when it holds a digit.
///
/// ```
/// use delib::parse::visas::type_citation;
/// use delib::model::CitationKind;
/// let t = type_citation("La loi n°2014-58 du 27 janvier 2014 de modernisation");
/// assert_eq!(t.kind, CitationKind::Law);
/// assert_eq!(t.number.as_deref(), Some("2014-58"));
/// assert_eq!(t.date.as_deref(), Some("2014-01-27"));
/// ```
pub fn type_citation(text: &str) -> TypedCitation {
    let rest = strip_determiner(text);
    let mut kind = CitationKind::Other;
    let mut head_end = None;
    for (name, k) in KINDS {
        if let Some(end) = class(name).starts(rest) {
            kind = *k;
            head_end = Some(text.len() - rest.len() + end);
            break;
        }
    }
    if head_end.is_none() && class("visas.article_ref").starts(rest).is_some() {
        // "l'article L.2121-29 du Code …": the first kind word decides.
        let mut best: Option<(usize, CitationKind)> = None;
        for (name, k) in KINDS {
            if let Some(r) = class(name).find(rest) {
                if best.is_none_or(|(s, _)| r.start < s) {
                    best = Some((r.start, *k));
                }
            }
        }
        if let Some((_, k)) = best {
            kind = k;
        }
    }
    let number = citation_number(text, head_end, kind);
    // A code is not dated: a date in its visa is that of a text amending
    // it ("l'article L.1612-1 du CGCT, modifié par la loi n° 2012-1510 du
    // 29 décembre 2012") or of a page header run into the clause.
    let date = if kind == CitationKind::Code {
        None
    } else {
        // A number written like a date ("n° 2021-07-02 du 1er juillet
        // 2021") is no date: the one after it is.
        first_date(text).and_then(|d| match number.as_deref().and_then(|n| text.find(n)) {
            Some(at) if d.start >= at && d.start < at + number.as_deref().map_or(0, str::len) => {
                let after = at + number.as_deref().map_or(0, str::len);
                first_date(text.get(after..)?).map(|d| d.iso)
            }
            _ => Some(d.iso),
        })
    };
    TypedCitation { kind, number, date }
}

/// Kind classes, in the order they are tried.
const KINDS: &[(&str, CitationKind)] = &[
    ("visas.code", CitationKind::Code),
    ("visas.law", CitationKind::Law),
    ("visas.ordinance", CitationKind::Ordinance),
    ("visas.decree", CitationKind::Decree),
    ("visas.order", CitationKind::Order),
    ("visas.deliberation", CitationKind::Deliberation),
    ("visas.regulation", CitationKind::Regulation),
];

/// The number of the cited text: after "n°", else right after the head
/// word when it looks like a reference.
fn citation_number(text: &str, head_end: Option<usize>, kind: CitationKind) -> Option<String> {
    // A code has no number; an "n°" after the text's date belongs to another
    // text ("l'article L.1612-1 du CGCT, modifié par la loi n° 2012-1510").
    if kind == CitationKind::Code {
        return None;
    }
    let until = first_date(text).map_or(text.len(), |d| d.start);
    if let Some(mark) = class("visas.number_mark").find(&text[..until]) {
        if let Ok((_, r)) = reference(text[mark.end..].trim_start()) {
            return Some(r.to_string());
        }
    }
    let head_end = head_end?;
    let after = text.get(head_end..)?.trim_start();
    let (_, r) = reference(after).ok()?;
    Some(r.to_string())
}

/// A reference: tokens that hold a digit or are short capitals, at least
/// one with a digit: `2014-58`, `HN 001-8073/20/CM`, `DEL2020_12`.
///
/// Rule: `reference = ref_token , { " " , ref_token }`.
fn reference(s: &str) -> IResult<&str, &str> {
    let (rest, r) = recognize(pair(ref_token, many0(preceded(space1, ref_token)))).parse(s)?;
    let r = r.trim_end_matches(['.', ',', ';', ':']);
    if r.chars().any(|c| c.is_ascii_digit()) {
        Ok((rest, r))
    } else {
        Err(nom::Err::Error(nom::error::Error::new(
            s,
            nom::error::ErrorKind::Digit,
        )))
    }
}

/// One token of a reference.
fn ref_token(s: &str) -> IResult<&str, &str> {
    verify(
        take_while1(|c: char| c.is_alphanumeric() || "-/._".contains(c)),
        |t: &str| {
            let t = t.trim_end_matches(['.', ',']);
            !t.is_empty()
                && (t.chars().any(|c| c.is_ascii_digit())
                    || (t.len() <= 5 && t.chars().all(|c| c.is_ascii_uppercase())))
        },
    )
    .parse(s)
}

/// Strips a leading determiner ("le", "la", "l'", "les", "ledit").
fn strip_determiner(text: &str) -> &str {
    let t = text.trim_start();
    let parsed: IResult<&str, &str> = recognize((
        take_till(|c: char| c == ' ' || c == '\''),
        opt(char('\'')),
        space0,
    ))
    .parse(t);
    match parsed {
        Ok((rest, det)) => {
            let word = det.trim().trim_end_matches('\'').to_lowercase();
            if matches!(
                word.as_str(),
                "le" | "la" | "l" | "les" | "ledit" | "ladite" | "lesdits" | "lesdites"
            ) {
                rest
            } else {
                t
            }
        }
        Err(_) => t,
    }
}

/// The folded text of a clause: white space folded, the closing
/// punctuation (" ;", ",", ".") removed.
pub(crate) fn clause_text(raw: &str) -> String {
    let folded = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let closing = [';', ',', '.', ' ', ':'];
    let t = folded.trim_end_matches(closing);
    // ", et vu le décret …": the "et" before the next lead is not this
    // clause's.
    let t = t
        .strip_suffix(" et")
        .map_or(t, |s| s.trim_end_matches(closing));
    t.trim_start_matches([':', ',', ' ']).to_string()
}

/// The longest clause kept whole; a longer one is cut and reported.
pub(crate) const MAX_CLAUSE: usize = 3000;

/// How clauses of one kind are found.
pub(crate) struct ClauseRules<'a> {
    /// The lead word of this kind of clause.
    pub lead: &'static PhraseClass,
    /// Every lead word whose clause ends the current one.
    pub openers: &'a [&'static PhraseClass],
    /// Phrases that end a clause at the start of a line or after a comma.
    pub line_stops: &'a [&'static PhraseClass],
    /// Phrases that end a clause wherever they occur.
    pub inline_stops: &'a [&'static PhraseClass],
}

/// The body ranges of the clauses opened by `rules.lead` in `text`.
///
/// Rule: `clause = lead , ( text_to_end | ":"? , eol , { bullet_item } )`.
pub(crate) fn clauses(text: &str, rules: &ClauseRules) -> Vec<Range<usize>> {
    let leads: Vec<Range<usize>> = clause_leads(text, rules.lead);
    let mut openers: Vec<usize> = rules
        .openers
        .iter()
        .flat_map(|c| clause_leads(text, c))
        .map(|r| r.start)
        .collect();
    openers.sort_unstable();
    let mut out = Vec::new();
    for lead in leads {
        let limit = openers
            .iter()
            .copied()
            .find(|&o| o >= lead.end)
            .unwrap_or(text.len());
        let mut p = lead.end;
        while p < limit && matches!(text.as_bytes()[p], b' ' | b':' | b'\t') {
            p += 1;
        }
        let eol = line_end(text, p).min(limit);
        if text[p..eol].trim().is_empty() {
            // Bare lead word: the items follow as bullets (AMP seed).
            let mut q = eol;
            loop {
                q = skip_blank_lines(text, q);
                if q >= limit {
                    break;
                }
                let line = &text[q..line_end(text, q)];
                let Some(b) = bullet_len(line) else {
                    // "VU :\nLe Code …,\nLa loi …,": one clause per line
                    // ending in ',' or ';' when the next one starts in capitals.
                    if out
                        .last()
                        .is_none_or(|r: &Range<usize>| r.end <= lead.start)
                    {
                        let e = clause_end(text, q, limit, rules);
                        if e > q {
                            out.extend(split_list_lines(text, q..e));
                        }
                    }
                    break;
                };
                let start = q + b;
                let e = clause_end(text, start, limit, rules);
                if e > start {
                    out.push(start..e);
                }
                q = line_end(text, e);
            }
        } else {
            let e = clause_end(text, p, limit, rules);
            if e > p {
                out.push(p..e);
            }
        }
    }
    out
}

/// Splits a bare lead's clause at line breaks that end a list item: the
/// line ends in ',' or ';' and the next one starts with a capital.
fn split_list_lines(text: &str, r: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = r.start;
    let mut pos = r.start;
    while let Some(k) = text[pos..r.end].find('\n') {
        let nl = pos + k;
        let line = text[pos..nl].trim_end();
        let next = text[nl + 1..r.end].trim_start();
        if line.ends_with([',', ';']) && next.starts_with(char::is_uppercase) {
            out.push(start..pos + line.len());
            start = r.end - next.len();
        }
        pos = nl + 1;
    }
    out.push(start..r.end);
    out
}

/// True when a lead word at `at` opens a clause: at the start of a line or
/// of a bullet, or after ", ", "; " or ". ".
/// A class's pattern and the clauses it opens in the last text.
type KeptLeads = (String, Vec<Range<usize>>);

/// The occurrences of `class` in `text` that open a clause.
///
/// The visas and the considérants of one text are both ended by either lead
/// word: each class is searched once per text (the last text's occurrences
/// are kept, class by class), not once per use.
fn clause_leads(text: &str, class: &PhraseClass) -> Vec<Range<usize>> {
    thread_local! {
        static LAST: RefCell<(String, Vec<KeptLeads>)> =
            const { RefCell::new((String::new(), Vec::new())) };
    }
    let hit = LAST.with(|l| {
        let l = l.borrow();
        if l.0 != text {
            return None;
        }
        l.1.iter()
            .find(|(source, _)| source == class.regex().as_str())
            .map(|(_, found)| found.clone())
    });
    if let Some(found) = hit {
        return found;
    }
    let found: Vec<Range<usize>> = class
        .find_iter(text)
        .filter(|r| opens_clause(text, r.start))
        .collect();
    LAST.with(|l| {
        let mut l = l.borrow_mut();
        if l.0 != text {
            l.0.clear();
            l.0.push_str(text);
            l.1.clear();
        }
        l.1.push((class.regex().as_str().to_string(), found.clone()));
    });
    found
}

fn opens_clause(text: &str, at: usize) -> bool {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..at];
    if before.chars().all(|c| c.is_whitespace() || is_bullet(c)) {
        return true;
    }
    if matches!(before.trim_end().chars().last(), Some(',' | ';' | '.')) {
        return true;
    }
    // "… du code général de la fonction publique, et vu le décret …".
    if before
        .trim_end()
        .strip_suffix("et")
        .is_some_and(|b| b.ends_with(' ') && b.trim_end().ends_with([',', ';']))
    {
        return true;
    }
    // Run-on text ("… de la Fonction Publique Vu le décret …", datapolitics
    // 070): a capitalized lead word after a space opens a clause too, while
    // "au vu de" does not.
    before.ends_with(char::is_whitespace) && text[at..].starts_with(char::is_uppercase)
}

/// Where a clause that starts at `from` ends (exclusive), never past `limit`.
fn clause_end(text: &str, from: usize, limit: usize, rules: &ClauseRules) -> usize {
    let mut pos = from;
    loop {
        let le = line_end(text, pos).min(limit);
        if let Some(k) = inline_end(&text[pos..le], rules, pos == from) {
            return pos + k;
        }
        if pos - from >= MAX_CLAUSE {
            return floor_char(text, from + MAX_CLAUSE).max(pos);
        }
        if le >= limit {
            return limit;
        }
        let line = text[pos..le].trim_end();
        if line.ends_with(';') || line.ends_with('.') {
            return pos + line.len();
        }
        let next = le + 1;
        if next >= text.len() {
            return le;
        }
        let mut next = next;
        let mut nline = &text[next..line_end(text, next)];
        if nline.trim().is_empty() {
            // A blank line inside a sentence ("… du\n\nConseil au Bureau",
            // AMP seed): the clause goes on when the line stops mid-sentence.
            let after = skip_blank_lines(text, next);
            let aline = &text[after..line_end(text, after)];
            if after < limit && continues(line, aline) && !opens_section(aline, rules) {
                next = after;
                nline = aline;
            } else {
                return le;
            }
        }
        if (bullet_len(nline).is_some() && !line.ends_with(':')) || opens_section(nline, rules) {
            return le;
        }
        pos = next;
    }
}

/// True when `next` continues the sentence that `line` leaves unfinished:
/// `line` ends without punctuation, and `next` starts in lower case or
/// `line` ends with a word that cannot end a sentence ("du", "et", "la").
fn continues(line: &str, next: &str) -> bool {
    let line = line.trim_end();
    if line.ends_with(['.', ';', ':', ',', '!', '?']) || bullet_len(next).is_some() {
        return false;
    }
    let next = next.trim_start();
    if next.chars().next().is_some_and(char::is_lowercase) {
        return true;
    }
    let last = line
        .rsplit(|c: char| c.is_whitespace() || c == '\'')
        .next()
        .unwrap_or("")
        .to_lowercase();
    matches!(
        last.as_str(),
        "du" | "de"
            | "des"
            | "la"
            | "le"
            | "les"
            | "l"
            | "d"
            | "et"
            | "ou"
            | "à"
            | "au"
            | "aux"
            | "en"
            | "par"
            | "pour"
            | "sur"
            | "dans"
            | "avec"
            | "un"
            | "une"
    )
}

/// Where a clause ends inside one line segment: at an inline stop phrase,
/// at a line stop after a comma, or after a sentence's final period.
fn inline_end(seg: &str, rules: &ClauseRules, first: bool) -> Option<usize> {
    let mut best: Option<usize> = None;
    let mut take = |k: usize| {
        if best.is_none_or(|b| k < b) {
            best = Some(k);
        }
    };
    for c in rules.inline_stops {
        if let Some(r) = c.find(seg) {
            take(r.start);
        }
    }
    for c in rules.line_stops {
        for r in c.find_iter(seg) {
            let before = seg[..r.start].trim_end();
            if before.ends_with(',') && (!first || r.start > 0) {
                take(before.len());
                break;
            }
        }
    }
    // An enacting formula in capitals ends a clause wherever it stands
    // ("… de l'ANAH DECIDE - De modifier", run-on datapolitics text).
    for r in class("decision.enacting").find_iter(seg) {
        let word = &seg[r.clone()];
        if word.len() >= 5 && !word.chars().any(char::is_lowercase) && r.start > 0 {
            take(r.start);
            break;
        }
    }
    // "… par anticipation : - ACCEPTE l'ouverture des crédits": a verb of
    // the dispositif in capitals after a bullet, a colon or a semicolon.
    for r in class("decision.verb").find_iter(seg) {
        if articles::dispositif_verb(&seg[r.start..]).is_none() {
            continue;
        }
        let before = seg[..r.start].trim_end();
        if r.start > 0 && before.ends_with(['-', '–', '•', '➢', ':', ';']) {
            take(
                before
                    .trim_end_matches(['-', '–', '•', '➢', ':', ';', ' '])
                    .len(),
            );
            break;
        }
    }
    if let Some(k) = sentence_end(seg) {
        take(k);
    }
    if let Some(k) = semicolon_end(seg) {
        take(k);
    }
    best
}

/// The end of a clause closed by a semicolon inside a line segment: "; "
/// then a word in lower case after its capital ("… L. 2121-15 ; Au début
/// de chacune de ses séances", "… d'Île-de-France ; Après en avoir
/// délibéré", run-on datapolitics text). A line ending in ';' ends the
/// clause whatever follows; inside a line the next word must open a new
/// sentence ("; L.2122-21" or "; contre : 0" go on).
fn semicolon_end(seg: &str) -> Option<usize> {
    let mut i = 0;
    while let Some(k) = seg[i..].find(';') {
        let semi = i + k;
        i = semi + 1;
        let rest = &seg[semi + 1..];
        let after = rest.trim_start();
        if after.len() == rest.len() {
            continue;
        }
        let mut chars = after.chars();
        if chars.next().is_some_and(char::is_uppercase)
            && chars.next().is_some_and(char::is_lowercase)
        {
            return Some(semi + 1);
        }
    }
    None
}

/// The end of the first sentence in `seg` that is followed by another
/// sentence on the same line: ". " then a capital, the period closing a
/// word of three letters or more (not "M.", "L.", "art.").
fn sentence_end(seg: &str) -> Option<usize> {
    let mut i = 0;
    while let Some(k) = seg[i..].find(". ") {
        let dot = i + k;
        i = dot + 2;
        let after = seg[dot + 1..].trim_start();
        if !after.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        let word_start = seg[..dot]
            .rfind(|c: char| c.is_whitespace())
            .map_or(0, |w| w + 1);
        let word = &seg[word_start..dot];
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        let closes = word.ends_with(')') || word.ends_with('»');
        if (letters >= 3 && !word.contains('.') && !word.contains('°')) || closes {
            return Some(dot + 1);
        }
    }
    None
}

/// True when `line` starts another part: a lead word, a stop phrase, an
/// enacting formula, an article heading or the end of the dispositif.
fn opens_section(line: &str, rules: &ClauseRules) -> bool {
    let body = line.trim_start();
    let body = match bullet_len(body) {
        Some(b) => &body[b..],
        None => body,
    };
    rules
        .openers
        .iter()
        .chain(rules.line_stops.iter())
        .any(|c| c.starts(body).is_some())
        || articles::heading(body).is_some()
        || articles::dispositif_verb(body).is_some()
        || class("decision.end").starts(body).is_some()
}

/// The length of a bullet ("• ", "- ", "– ") opening `line`, white space
/// included.
pub(crate) fn bullet_len(line: &str) -> Option<usize> {
    let t = line.trim_start();
    let lead = line.len() - t.len();
    let c = t.chars().next()?;
    if !is_bullet(c) {
        return None;
    }
    let rest = &t[c.len_utf8()..];
    // A hyphen bullet needs a space after it ("-5 %" is not a bullet).
    if matches!(c, '-' | '*') && !rest.starts_with(' ') {
        return None;
    }
    let after = rest.trim_start();
    Some(lead + c.len_utf8() + (rest.len() - after.len()))
}

fn line_end(text: &str, pos: usize) -> usize {
    text[pos..].find('\n').map_or(text.len(), |k| pos + k)
}

fn skip_blank_lines(text: &str, mut pos: usize) -> usize {
    loop {
        let rest = &text[pos..];
        let t = rest.trim_start_matches([' ', '\t']);
        if let Some(t2) = t.strip_prefix('\n') {
            pos = text.len() - t2.len();
        } else {
            return pos;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<String> {
        find_visas(t)
            .into_iter()
            .map(|r| clause_text(&t[r]))
            .collect()
    }

    #[test]
    fn bare_vu_then_bullets() {
        let t = "Le Bureau,\n\nVu\n\n• Le Code Général des Collectivités Territoriales ;\n• La loi n°2014-58 du 27 janvier 2014 de modernisation et\nd'affirmation des métropoles ;\n• La délibération HN 001-8073/20/CM du 17 juillet 2020 portant délégation.\n\nOuï le rapport ci-dessus,\n";
        let v = texts(t);
        assert_eq!(
            v,
            [
                "Le Code Général des Collectivités Territoriales",
                "La loi n°2014-58 du 27 janvier 2014 de modernisation et d'affirmation des métropoles",
                "La délibération HN 001-8073/20/CM du 17 juillet 2020 portant délégation",
            ]
        );
    }

    #[test]
    fn one_per_line_and_run_on() {
        let t = "Vu le Code général des collectivités territoriales,\nVu la délibération du 3 mars 2020,\nConsidérant que …\nDÉCIDE :";
        assert_eq!(texts(t).len(), 2);
        let t = "débat. Vu les dispositions de l'article L.1612-1 du CGCT, Vu la loi n° 2012-1510 du 29 décembre 2012, Considérant que le budget. Le conseil décide";
        assert_eq!(
            texts(t),
            [
                "les dispositions de l'article L.1612-1 du CGCT",
                "la loi n° 2012-1510 du 29 décembre 2012"
            ]
        );
        assert!(texts("Au vu de ces dispositions, il est proposé").is_empty());
    }

    #[test]
    fn run_on_clause_ends_at_a_semicolon_before_a_sentence() {
        let t = "Vu le code général des collectivités territoriales et notamment son article L. 2121-15 ; Au début de chaque séance, le conseil nomme un secrétaire. Vu la délibération du 2 mars 2021 donnant délégation au Président ; Après en avoir délibéré, Article 1 : Désigne";
        assert_eq!(
            texts(t),
            [
                "le code général des collectivités territoriales et notamment son article L. 2121-15",
                "la délibération du 2 mars 2021 donnant délégation au Président",
            ]
        );
        // Inside a clause, "; " before a reference or a lower-case word goes on.
        let t = "Vu l'avis des commissions (pour : 20 ; contre : 1) et les articles L.2122-22 ; L.2122-23 du CGCT,\nDÉCIDE";
        assert_eq!(
            texts(t),
            ["l'avis des commissions (pour : 20 ; contre : 1) et les articles L.2122-22 ; L.2122-23 du CGCT"]
        );
    }

    #[test]
    fn a_dispositif_verb_in_capitals_ends_a_clause() {
        let t = "Le conseil, à 15 voix pour, vu la nécessité d'inscrire des crédits par anticipation : - ACCEPTE l'ouverture des crédits, - DIT que les crédits seront inscrits";
        assert_eq!(
            texts(t),
            ["la nécessité d'inscrire des crédits par anticipation"]
        );
        let t = "Vu l'avis du Bureau en date du 13 février 2023,\n- DESIGNE au comité syndical M. Paul ROUX";
        assert_eq!(texts(t), ["l'avis du Bureau en date du 13 février 2023"]);
        let t = "Vu la nécessité de prévoir :\n- DÉSIGNE M. Paul ROUX";
        assert_eq!(texts(t), ["la nécessité de prévoir"]);
        // In lower case, or not after a bullet, the verb is prose.
        let t = "Vu la convention qui précise : - désigne les parties ; Vu la loi";
        assert_eq!(
            texts(t)[0],
            "la convention qui précise : - désigne les parties"
        );
    }

    #[test]
    fn a_visa_after_a_comma_and_et() {
        let t = "Vu l'article L. 332-23 du code général de la fonction publique, et vu le décret n° 88-145 du 15 février 1988 modifié ;\nDÉCIDE";
        assert_eq!(
            texts(t),
            [
                "l'article L. 332-23 du code général de la fonction publique",
                "le décret n° 88-145 du 15 février 1988 modifié",
            ]
        );
        assert!(texts("la commune et vu les circonstances").is_empty());
    }

    #[test]
    fn a_number_written_like_a_date_is_no_date() {
        let t = type_citation("la délibération n° 2021-07-02 du Conseil départemental du 1er juillet 2021 portant délégation");
        assert_eq!(t.number.as_deref(), Some("2021-07-02"));
        assert_eq!(t.date.as_deref(), Some("2021-07-01"));
    }

    #[test]
    fn a_code_is_not_dated() {
        let t = type_citation("l'article L.1612-1 du code général des collectivités territoriales, modifié par la loi n° 2012-1510 du 29 décembre 2012");
        assert_eq!((t.kind, t.number, t.date), (CitationKind::Code, None, None));
    }

    #[test]
    fn bare_vu_then_lines() {
        let t = "VU :\nLe Code général des collectivités territoriales,\nLa loi n° 2015-991 du 7 août 2015,\nLe budget primitif ;\nLe Conseil municipal, après en avoir délibéré,";
        assert_eq!(
            texts(t),
            [
                "Le Code général des collectivités territoriales",
                "La loi n° 2015-991 du 7 août 2015",
                "Le budget primitif"
            ]
        );
    }

    #[test]
    fn citations_are_typed() {
        let t = type_citation(
            "La délibération HN 001-8073/20/CM du 17 juillet 2020 portant délégation",
        );
        assert_eq!(t.kind, CitationKind::Deliberation);
        assert_eq!(t.number.as_deref(), Some("HN 001-8073/20/CM"));
        assert_eq!(t.date.as_deref(), Some("2020-07-17"));
        let t = type_citation("Le Code Général des Collectivités Territoriales");
        assert_eq!((t.kind, t.number, t.date), (CitationKind::Code, None, None));
        let t = type_citation("l'article L.2121-29 du Code général des collectivités");
        assert_eq!(t.kind, CitationKind::Code);
        let t = type_citation("le décret n° 2016-360 du 25 mars 2016");
        assert_eq!(t.kind, CitationKind::Decree);
        assert_eq!(t.number.as_deref(), Some("2016-360"));
        let t = type_citation("l'avis favorable de la commission des finances");
        assert_eq!(t.kind, CitationKind::Other);
        let t = type_citation("la délibération du Conseil municipal du 4 avril 2019");
        assert_eq!(t.number, None);
        assert_eq!(t.date.as_deref(), Some("2019-04-04"));
    }

    #[test]
    fn lexicon_examples_parse_with_their_rule() {
        for (name, kind) in KINDS {
            for ex in &class(name).examples {
                assert_eq!(type_citation(ex).kind, *kind, "{name}: {ex:?}");
            }
        }
        for ex in &class("visas.vu").examples {
            if ex.len() > 3 {
                assert_eq!(find_visas(ex).len(), 1, "{ex:?}");
            }
        }
    }
}
