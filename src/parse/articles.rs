//! The dispositif of a deliberation (grammar/deliberation.ebnf, `decision`
//! and `articles`): the enacting formula ("Délibère", "DÉCIDE", "Après en
//! avoir délibéré"), then numbered articles ("Article 1er :", "Art. 2 -",
//! "ARTICLE 3 :"), or, without them, the unnumbered decision text.

use std::ops::Range;
use std::sync::LazyLock;

use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case, take_while1};
use nom::character::complete::{digit1, space0};
use nom::combinator::{map, opt, value};
use nom::sequence::preceded;
use nom::{IResult, Parser};

use super::lexicon::{class, PhraseClass};
use super::visas::{bullet_len, MAX_CLAUSE};
use super::{recitals, visas, Ctx};
use crate::model::{Article, Record};

/// Reads the articles (or the decision text) of the deliberation in `cx`.
pub fn read(cx: &mut Ctx, rec: &mut Record) {
    let d = find_dispositif(cx.text);
    for a in &d.articles {
        let text = fold(&cx.text[a.text.clone()]);
        rec.articles.push(Article {
            number: a.number.clone(),
            text,
        });
    }
    if rec.articles.is_empty() {
        if let Some(r) = d.decision {
            let text = fold(&cx.text[r]);
            if !text.is_empty() {
                rec.decision_text = Some(text);
            }
        }
    }
}

/// A numbered article found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundArticle {
    /// Its number as a string, "1er"/"premier" as "1".
    pub number: String,
    /// Byte offset where the heading's line starts.
    pub heading: usize,
    /// Byte range of its text (after the heading).
    pub text: Range<usize>,
}

/// The dispositif found in a text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dispositif {
    /// Where the enacting formula is.
    pub enacting: Option<Range<usize>>,
    /// The numbered articles, in order.
    pub articles: Vec<FoundArticle>,
    /// The unnumbered decision text, from the enacting formula to the end of
    /// the dispositif, when there are no articles.
    pub decision: Option<Range<usize>>,
}

/// Finds the dispositif of `text`.
///
/// Rule: `decision = enacting , ( article , { article } | decision_text )`;
/// `article = article_heading , text` where the articles are numbered 1, 2,
/// 3… in order (a heading out of sequence is prose, not an article) and the
/// last one runs to a `decision.end` line (vote, certification, signature).
///
/// ```
/// use delib::parse::articles::find_dispositif;
/// let d = find_dispositif("Délibère\n\nArticle 1 :\nEst approuvé l'accord.\nArticle 2 :\nLa contribution.\n");
/// assert_eq!(d.articles.len(), 2);
/// ```
pub fn find_dispositif(text: &str) -> Dispositif {
    // The dispositif and vote readers both ask for the same text's
    // dispositif: the last answer is kept.
    thread_local! {
        static LAST: super::memo::Last<Dispositif> = const { std::cell::RefCell::new(None) };
    }
    super::memo::remembered(&LAST, text, read_dispositif)
}

/// [`find_dispositif`] without the memory of the last text.
fn read_dispositif(text: &str) -> Dispositif {
    let formulas = enacting_formulas(text);
    let headings = headings(text);
    // The first article 1 after an enacting formula, else the first one.
    let first_one = formulas
        .iter()
        .find_map(|f| {
            headings
                .iter()
                .position(|h| h.0 == "1" && h.1 >= f.end)
                .map(|i| (Some(f.clone()), i))
        })
        .or_else(|| headings.iter().position(|h| h.0 == "1").map(|i| (None, i)));
    let mut d = Dispositif::default();
    if let Some((formula, i)) = first_one {
        d.enacting = formula;
        let mut expected = 1u32;
        let mut picked: Vec<&(String, usize, usize)> = Vec::new();
        for h in &headings[i..] {
            let n = h.0.parse::<u32>().unwrap_or(0);
            if n == expected {
                picked.push(h);
                expected += 1;
            } else if n == 1 {
                break;
            }
        }
        for (k, h) in picked.iter().enumerate() {
            let end = match picked.get(k + 1) {
                Some(next) => next.1,
                None => dispositif_end(text, h.2),
            };
            d.articles.push(FoundArticle {
                number: h.0.clone(),
                heading: h.1,
                text: h.2..end.max(h.2),
            });
        }
        return d;
    }
    // No articles: the decision text follows the enacting formula that
    // comes after the last visa or considérant.
    let after = visas::find_visas(text)
        .into_iter()
        .chain(recitals::find_recitals(text))
        .map(|r| r.end)
        .max()
        .unwrap_or(0);
    let formula = formulas
        .iter()
        .find(|f| f.start >= after)
        .or_else(|| formulas.first());
    if let Some(f) = formula {
        let start = sentence_start(text, f.start);
        let end = dispositif_end(text, f.end);
        d.enacting = Some(f.clone());
        d.decision = Some(start..end.max(start));
    }
    d
}

/// The start of the sentence holding `at`: the subject of the formula
/// ("Le Conseil municipal, après en avoir délibéré, DÉCIDE") belongs to the
/// decision text. Looks back at most 200 bytes, to a line start, ". " or ":".
fn sentence_start(text: &str, at: usize) -> usize {
    let mut lo = at.saturating_sub(200);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let window = &text[lo..at];
    match window
        .rfind(['\n', ':', ';'])
        .into_iter()
        .chain(window.rfind(". "))
        .max()
    {
        Some(i) => {
            let s = lo + i + 1;
            s + (text[s..at].len() - text[s..at].trim_start().len())
        }
        None if lo == 0 => 0,
        None => at,
    }
}

/// The length of a dispositif verb printed in capitals at the start of
/// `s` (`decision.verb`: "ACCEPTE l'ouverture", "DÉSIGNE au comité"), which
/// opens an item of the dispositif.
///
/// ```
/// use delib::parse::articles::dispositif_verb;
/// assert_eq!(dispositif_verb("ACCEPTE l'ouverture"), Some(7));
/// assert_eq!(dispositif_verb("Accepte l'ouverture"), None);
/// ```
pub fn dispositif_verb(s: &str) -> Option<usize> {
    let end = class("decision.verb").starts(s)?;
    (!s[..end].chars().any(char::is_lowercase)).then_some(end)
}

/// Parses an article heading at the start of `line`; returns the article
/// number ("1er", "premier" and "unique" as "1", roman numerals as digits)
/// and the length of the heading.
///
/// Rule: `article_heading = ("Article" | "Art.") , number , ["er"] ,
/// [":" | "." | "-" | "–" | ")"]`, followed by the end of the line, a
/// separator or a capital letter. Example: `Article 1er : Est approuvé …`.
///
/// ```
/// use delib::parse::articles::heading;
/// assert_eq!(heading("Article 1er :").map(|h| h.0), Some("1".to_string()));
/// assert_eq!(heading("ARTICLE 3 : Le Maire").map(|h| h.0), Some("3".to_string()));
/// assert_eq!(heading("article 2 de la convention"), None);
/// ```
pub fn heading(line: &str) -> Option<(String, usize)> {
    let body = line.trim_start();
    // "Article" and "Art." open with an `a`, in either case.
    if !body.starts_with(['a', 'A']) {
        return None;
    }
    let (rest, number) = article_heading(body).ok()?;
    let after = rest.trim_start();
    let sep_end = after
        .strip_prefix([':', '.', '-', '–', '—', ')'])
        .map_or(after, str::trim_start);
    let had_sep = sep_end.len() < after.len();
    let ok = after.is_empty() || had_sep || after.chars().next().is_some_and(char::is_uppercase);
    if !ok {
        return None;
    }
    Some((number, line.len() - sep_end.len()))
}

/// `("Article" | "Art.") , ws , number , ["er"]`.
fn article_heading(s: &str) -> IResult<&str, String> {
    preceded(
        (
            alt((tag_no_case("article"), tag_no_case("art."))),
            space0,
            opt(tag("n°")),
            space0,
        ),
        alt((
            value("1".to_string(), tag_no_case("premier")),
            // "Article unique :" is the first and only article.
            value("1".to_string(), tag_no_case("unique")),
            map(
                (
                    digit1,
                    opt(alt((tag("er"), tag(" er"), tag("ER"), tag("°"), tag("º")))),
                ),
                |(d, _): (&str, Option<&str>)| d.trim_start_matches('0').to_string(),
            ),
            map(
                take_while1(|c: char| matches!(c, 'I' | 'V' | 'X')),
                |r: &str| roman(r).map_or_else(String::new, |n| n.to_string()),
            ),
        )),
    )
    .parse(s)
    .and_then(|(rest, n)| {
        // "Article 12a" or "Article L2121": not a heading.
        if n.is_empty() || rest.chars().next().is_some_and(char::is_alphanumeric) {
            Err(nom::Err::Error(nom::error::Error::new(
                s,
                nom::error::ErrorKind::Verify,
            )))
        } else {
            Ok((rest, n))
        }
    })
}

fn roman(r: &str) -> Option<u32> {
    let mut total = 0u32;
    let vals: Vec<u32> = r
        .chars()
        .map(|c| match c {
            'I' => 1,
            'V' => 5,
            _ => 10,
        })
        .collect();
    for (i, v) in vals.iter().enumerate() {
        if vals.get(i + 1).is_some_and(|n| n > v) {
            total = total.checked_sub(*v)?;
        } else {
            total += v;
        }
    }
    (total > 0 && total < 40).then_some(total)
}

/// Every article heading: at a line start, or inside a line after a
/// sentence's end or a formula in capitals ("… ; DÉCIDE Article 1° : Le
/// marché …", run-on datapolitics text), where the heading must carry its
/// separator. Each is (number, heading start, text start).
fn headings(text: &str) -> Vec<(String, usize, usize)> {
    let article = class("decision.article");
    let mut found = line_matches(article, text, *ARTICLE_WITHIN_LINES)
        .into_iter()
        .peekable();
    let mut out = Vec::new();
    let mut pos = 0;
    for line in text.split('\n') {
        let body_off = bullet_len(line).unwrap_or(0);
        if let Some((n, len)) = heading(&line[body_off..]) {
            out.push((n, pos, pos + body_off + len));
        }
        let line_end = pos + line.len();
        while let Some(abs) = found.next_if(|r| r.start <= line_end) {
            let r = abs.start - pos..abs.end - pos;
            if r.start <= body_off {
                continue;
            }
            let before = line[..r.start].trim_end();
            let prev_word = before.rsplit(' ').next().unwrap_or("");
            let after_break = before.ends_with(['.', ';', ':', '»', ')'])
                || (prev_word.chars().count() >= 5 && !prev_word.chars().any(char::is_lowercase))
                || after_formula(text, pos + before.len());
            if !after_break {
                continue;
            }
            let rest = &line[r.start..];
            if let Some((n, len)) = heading(rest) {
                let head = rest[..len].trim_end();
                if head.ends_with([':', '-', '–', '—']) {
                    out.push((n, pos + r.start, pos + r.start + len));
                }
            }
        }
        pos += line.len() + 1;
    }
    out
}

/// True when the text before `end` closes with an enacting formula and a
/// comma ("… ; Après en avoir délibéré, Article 1 : Décide", run-on
/// datapolitics text): an article heading may follow it on the same line.
fn after_formula(text: &str, end: usize) -> bool {
    let Some(comma) = text[..end].strip_suffix(',') else {
        return false;
    };
    let comma = comma.trim_end().len();
    enacting_formulas(text).iter().any(|f| f.end == comma)
}

/// The matches of `class` found in each line of `text` (split at `\n`),
/// in offsets of `text`. With `whole` (for a class whose pattern is
/// [`within_lines`]) the text is searched once, which gives the same
/// matches: the per-line searches cost a search's setup on every line.
fn line_matches(class: &PhraseClass, text: &str, whole: bool) -> Vec<Range<usize>> {
    if whole {
        return class.find_iter(text).collect();
    }
    let mut all = Vec::new();
    let mut pos = 0;
    for line in text.split('\n') {
        all.extend(class.find_iter(line).map(|r| pos + r.start..pos + r.end));
        pos += line.len() + 1;
    }
    all
}

/// Whether the `decision.article` phrase can never match across a line end.
static ARTICLE_WITHIN_LINES: LazyLock<bool> =
    LazyLock::new(|| within_lines(class("decision.article").regex().as_str()));

/// True when no match of `pattern` can hold a `\n` and its assertions read
/// a line end as they read the end of the text: its matches in a text are
/// then exactly those found in each of the text's lines (split at `\n`),
/// line by line. A `^`/`$` without `(?m)` (true at the ends of a line
/// searched alone, not at a `\n` inside a text) or a pattern that fails to
/// parse gives false.
pub(crate) fn within_lines(pattern: &str) -> bool {
    reads_none_of(pattern, &['\n'], true)
}

/// True when no match of `pattern` can hold any of `chars` (ASCII, none a
/// word character), and it has no `^`/`$` (nor `(?m)^`/`(?m)$` unless
/// `line_anchors` allows them). Then no match crosses one of `chars` in a
/// text, and the text cut right before or after one of them is searched
/// as the whole text is around it: the assertions left (word boundaries)
/// read a character of `chars` as they read the end of the text. A pattern
/// that fails to parse gives false.
pub(crate) fn reads_none_of(pattern: &str, chars: &[char], line_anchors: bool) -> bool {
    use regex_syntax::hir::{Class, Hir, HirKind, Look};
    fn ok(h: &Hir, chars: &[char], line_anchors: bool) -> bool {
        match h.kind() {
            HirKind::Empty => true,
            HirKind::Literal(l) => !chars
                .iter()
                .any(|&c| c.is_ascii() && l.0.contains(&(c as u8))),
            HirKind::Class(Class::Unicode(cl)) => !cl
                .ranges()
                .iter()
                .any(|r| chars.iter().any(|&c| r.start() <= c && c <= r.end())),
            HirKind::Class(Class::Bytes(cl)) => !cl.ranges().iter().any(|r| {
                chars
                    .iter()
                    .any(|&c| c.is_ascii() && r.start() <= c as u8 && c as u8 <= r.end())
            }),
            HirKind::Look(look) => match look {
                Look::Start | Look::End => false,
                Look::StartLF | Look::EndLF | Look::StartCRLF | Look::EndCRLF => {
                    line_anchors && !matches!(look, Look::StartCRLF | Look::EndCRLF)
                }
                _ => true,
            },
            HirKind::Repetition(r) => ok(&r.sub, chars, line_anchors),
            HirKind::Capture(c) => ok(&c.sub, chars, line_anchors),
            HirKind::Concat(hs) | HirKind::Alternation(hs) => {
                hs.iter().all(|h| ok(h, chars, line_anchors))
            }
        }
    }
    chars
        .iter()
        .all(|&c| c.is_ascii() && !(c.is_ascii_alphanumeric() || c == '_'))
        && regex_syntax::parse(pattern).is_ok_and(|h| ok(&h, chars, line_anchors))
}

/// Finds the enacting formulas of `text`.
///
/// Rule: `enacting = (line_start | "," ws) <decision.enacting> |
/// <decision.enacting> ws (":" | "," | eol)`. Example line: `Le Conseil
/// municipal, après en avoir délibéré, DÉCIDE :`.
///
/// ```
/// use delib::parse::articles::enacting_formulas;
/// assert_eq!(enacting_formulas("Délibère\n\nArticle 1 :").len(), 1);
/// assert!(enacting_formulas("la Ville a décidé, depuis 2009").is_empty());
/// ```
pub fn enacting_formulas(text: &str) -> Vec<Range<usize>> {
    // The dispositif and vote readers both ask for the same text's
    // formulas: the last answer is kept.
    thread_local! {
        static LAST: super::memo::Last<Vec<Range<usize>>> = const { std::cell::RefCell::new(None) };
    }
    super::memo::remembered(&LAST, text, find_enacting_formulas)
}

/// [`enacting_formulas`] without the memory of the last text.
fn find_enacting_formulas(text: &str) -> Vec<Range<usize>> {
    class("decision.enacting")
        .find_iter(text)
        .filter(|r| {
            let line_start = text[..r.start].rfind('\n').map_or(0, |i| i + 1);
            // A bullet opens a line as well ("• Décide d'affecter …").
            let line = &text[line_start..r.start];
            let before = line[bullet_len(line).unwrap_or(0)..].trim();
            let after = text[r.end..].trim_start_matches([' ', '\t']);
            before.is_empty()
                || before.ends_with(',')
                || after.starts_with([':', ','])
                || after.starts_with('\n')
                || after.is_empty()
        })
        .collect()
}

/// Where the dispositif that continues at `from` ends: at a line that
/// starts with a `decision.end` phrase (vote, certification, signature),
/// at such a phrase after a sentence's end, or after `MAX_CLAUSE` bytes.
fn dispositif_end(text: &str, from: usize) -> usize {
    let end_class = class("decision.end");
    let mut pos = from;
    let mut prev_closed = false;
    for line in text[from..].split('\n') {
        let body = line.trim_start();
        if pos > from && end_class.starts(body).is_some() {
            return pos;
        }
        if let Some(r) = end_class.find(line) {
            let before = line[..r.start].trim_end();
            if before.ends_with('.') || before.ends_with(';') {
                return pos + before.len();
            }
            // "Cette proposition mise aux voix est adoptée." on its own line.
            if pos > from && prev_closed {
                return pos;
            }
        }
        let t = line.trim_end();
        prev_closed = t.is_empty() || t.ends_with(['.', ';', ':']);
        pos += line.len() + 1;
        if pos - from > MAX_CLAUSE {
            let mut e = (from + MAX_CLAUSE).min(text.len());
            while !text.is_char_boundary(e) {
                e -= 1;
            }
            return e;
        }
    }
    text.len()
}

fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_headings() {
        for (line, n) in [
            ("Article 1 :", "1"),
            ("Article 1er : Est approuvé", "1"),
            ("Article premier - Le Maire", "1"),
            ("Art. 2 - Les crédits", "2"),
            ("ARTICLE 3 :", "3"),
            ("Article 4", "4"),
            ("ARTICLE II : La", "2"),
            ("Article 1° : Le marché", "1"),
            ("ARTICLE UNIQUE : Le", "1"),
        ] {
            assert_eq!(heading(line).map(|h| h.0).as_deref(), Some(n), "{line:?}");
        }
        for line in [
            "article 2 de la convention",
            "Article L2121-29 du code",
            "Articles 1 et 2",
        ] {
            assert_eq!(heading(line), None, "{line:?}");
        }
    }

    #[test]
    fn seed_like_dispositif() {
        let t = "Considérant\n• Que oui ;\n\nDélibère\n\nArticle 1 :\n\nEst approuvé l'accord.\n\nArticle 2 :\n\nLa contribution s'élève à 80 000 euros TTC.\n Article 3 :\nMadame la Présidente est autorisée.\nArticle 4 :\nLes crédits - Sous politique B311.\n\nCette proposition mise aux voix est adoptée.\n\nCertifié Conforme,";
        let d = find_dispositif(t);
        let texts: Vec<String> = d
            .articles
            .iter()
            .map(|a| fold(&t[a.text.clone()]))
            .collect();
        assert_eq!(texts.len(), 4);
        assert_eq!(texts[0], "Est approuvé l'accord.");
        assert_eq!(texts[3], "Les crédits - Sous politique B311.");
    }

    #[test]
    fn run_on_articles() {
        let t = "Vu le rapport en date du 5 octobre 2022; DÉCIDE Article 1° : Le marché est attribué à la société X pour 578 554.90 € HT. Article 2 : Les dépenses seront imputées sur les crédits. M. Le Maire précise que tout va bien.";
        let d = find_dispositif(t);
        assert_eq!(d.articles.len(), 2);
        assert_eq!(d.articles[0].number, "1");
    }

    #[test]
    fn run_on_article_after_a_formula_and_a_comma() {
        let t = "Vu le rapport n° CP 2023-12 présenté par la présidente ; Après en avoir délibéré, Article 1 : Décide de participer au financement pour 1 200,00 €. Article 2 : Autorise la présidente à signer. ";
        let d = find_dispositif(t);
        let numbers: Vec<&str> = d.articles.iter().map(|a| a.number.as_str()).collect();
        assert_eq!(numbers, ["1", "2"]);
        // Prose after a comma is not a heading.
        let t = "Vu le règlement, article 2 : les aides. DÉCIDE d'approuver.";
        assert!(find_dispositif(t).articles.is_empty());
    }

    #[test]
    fn past_participles_are_not_formulas() {
        for t in [
            "la Ville a décidé, depuis 2009, de mettre en place",
            "il a été décidé : de déclarer infructueux",
            "le Maire pourra par arrêté, sous sa surveillance",
        ] {
            assert!(enacting_formulas(t).is_empty(), "{t:?}");
        }
        assert_eq!(enacting_formulas("Le Conseil,\nDÉCIDE :").len(), 1);
        assert_eq!(enacting_formulas("Délibère\n").len(), 1);
    }

    #[test]
    fn a_formula_after_a_bullet_opens_its_line() {
        let t = "Le Conseil municipal,\nConstatant un excédent de 1 000,00 €,\n\n• Décide d'affecter le résultat comme suit :\n- report 1 000,00 €\n";
        assert_eq!(enacting_formulas(t).len(), 1);
        assert!(find_dispositif(t).enacting.is_some());
        // In running prose the verb still needs its colon or comma.
        assert!(enacting_formulas("• Le maire décide de le signer.").is_empty());
    }

    #[test]
    fn unnumbered_decision() {
        let t = "Considérant que oui,\nLe Conseil municipal, après en avoir délibéré, DÉCIDE d'approuver le projet.\nAdopté à l'unanimité.";
        let d = find_dispositif(t);
        assert!(d.articles.is_empty());
        let r = d.decision.unwrap_or(0..0);
        assert_eq!(
            fold(&t[r]),
            "Le Conseil municipal, après en avoir délibéré, DÉCIDE d'approuver le projet."
        );
    }

    #[test]
    fn line_patterns() {
        assert!(within_lines(r"(?i)\bart\.|article[éè]"));
        assert!(within_lines(r"(?m)^art$"));
        assert!(!within_lines(r"^art"));
        assert!(!within_lines(r"art$"));
        assert!(!within_lines(r"art\s+1"));
        assert!(!within_lines(r"art[^x]"));
        assert!(!within_lines(r"art.\n"));
        assert!(!within_lines(r"(art"));
        assert!(within_lines(r"art.1"));
        assert!(reads_none_of(r"\b\d{2}/\d{2}\s+h", &[';', ':'], false));
        assert!(!reads_none_of(r"\d{2}[^/]", &[';'], false));
        assert!(!reads_none_of(r"\d{2}\W", &[':'], false));
        assert!(!reads_none_of(r"(?m)^\d", &[';'], false));
        assert!(!reads_none_of(r"\d", &['a'], false));
        assert!(!reads_none_of(r"(?i)\d+;", &[';'], false));
        assert!(*ARTICLE_WITHIN_LINES);
    }

    #[test]
    fn article_phrase_by_line_or_whole() {
        let article = class("decision.article");
        for t in [
            "DÉCIDE Article 1° : Le marché.\nArticle 2 : Les dépenses.\n\nart. 3 -",
            "Article\n1er : x ARTICLE\nARTICLE",
            "",
            "\n\nArt.\n",
        ] {
            assert_eq!(
                line_matches(article, t, true),
                line_matches(article, t, false),
                "{t:?}"
            );
        }
    }

    #[test]
    fn lexicon_examples_parse_with_their_rule() {
        for ex in &class("decision.enacting").examples {
            assert!(
                !enacting_formulas(ex).is_empty(),
                "decision.enacting: {ex:?}"
            );
        }
        for ex in &class("decision.article").examples {
            assert!(heading(ex).is_some(), "decision.article: {ex:?}");
        }
    }
}
