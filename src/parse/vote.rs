//! The vote on a deliberation (grammar/deliberation.ebnf, `vote`): its
//! outcome ("Cette proposition mise aux voix est adoptée", "Le Conseil
//! adopte", "prend acte", "retiré"), unanimity when printed, the tally
//! ("Pour : 45 – Contre : 3 – Abstentions : 2", "par 25 voix pour, 3
//! contre") and who voted against, abstained or did not take part.

use std::ops::Range;
use std::sync::LazyLock;

use super::pattern::Pattern;
use nom::branch::alt;
use nom::bytes::complete::{tag, take_till};
use nom::character::complete::{digit1, one_of, satisfy, space0};
use nom::combinator::{map_res, opt};
use nom::sequence::{delimited, preceded};
use nom::{IResult, Parser};

use super::articles::{enacting_formulas, find_dispositif};
use super::lexicon::class;
use super::words::{is_number_word, parse_number_words};
use super::Ctx;
use crate::model::{Outcome, Record, Vote};

/// Reads the vote of the deliberation in `cx` into `rec.vote`.
///
/// Then checks the tally against the attendance read before it: more
/// ballots (for + against + abstentions) than members present or
/// represented is reported as a `vote.tally_exceeds_attendance` warning.
pub fn read(cx: &mut Ctx, rec: &mut Record) {
    let (vote, tally) = read_vote_located(cx.text);
    rec.vote = vote;
    let voters = rec.attendance.present.len() + rec.attendance.represented.len();
    settle_by_attendance(&mut rec.vote, voters);
    let ballots: u64 = [rec.vote.for_, rec.vote.against, rec.vote.abstentions]
        .into_iter()
        .flatten()
        .map(u64::from)
        .sum();
    if let Some(r) = tally {
        if voters > 0 && ballots > voters as u64 {
            rec.diagnostics.push(cx.warning(
                "vote.tally_exceeds_attendance",
                format!(
                    "the tally counts {ballots} ballots but {voters} members are present or represented"
                ),
                r.start,
                r.end,
            ));
        }
    }
}

/// An outcome from a tally that gives only the votes against (and perhaps
/// abstentions): the others present or represented voted for ("Contre : 1,
/// Monsieur X" is adopted; "Contre : 14 – Abstentions : 2" among 16 voters
/// is rejected). Abstentions are not votes cast.
fn settle_by_attendance(vote: &mut Vote, voters: usize) {
    let Some(against) = vote.against.filter(|&a| a > 0) else {
        return;
    };
    if vote.outcome.is_some() || vote.for_.is_some() || voters == 0 {
        return;
    }
    let cast = (voters as u64).saturating_sub(u64::from(vote.abstentions.unwrap_or(0)));
    let for_ = cast.saturating_sub(u64::from(against));
    vote.outcome = Some(if for_ > u64::from(against) {
        Outcome::Adopted
    } else {
        Outcome::Rejected
    });
}

/// Reads the vote stated in `text`.
///
/// Rule: `vote = [ tally ] , outcome , [ unanimity ] , [ tally ]`; the
/// outcome is the class of the last outcome phrase (`vote.adopted`,
/// `vote.rejected`, `vote.withdrawn`, `vote.deferred`, `vote.noted`);
/// without one, a tally decides (more for than against: adopted), then an
/// enacting formula ("DÉCIDE") means adopted.
///
/// ```
/// use delib::parse::vote::read_vote;
/// use delib::model::Outcome;
/// let v = read_vote("Cette proposition mise aux voix est adoptée.");
/// assert_eq!(v.outcome, Some(Outcome::Adopted));
/// assert_eq!(v.unanimous, None);
/// ```
pub fn read_vote(text: &str) -> Vote {
    read_vote_located(text).0
}

/// [`read_vote`], with where the tally was read (first to last count).
fn read_vote_located(text: &str) -> (Vote, Option<Range<usize>>) {
    let mut vote = Vote::default();
    let found = last_outcome(text);
    if let Some((outcome, r)) = &found {
        vote.outcome = Some(*outcome);
        let region = vote_region(text, r.clone());
        if class("vote.unanimous").is_match(&text[region])
            || closing_after_unanimity(text, r.clone())
        {
            vote.unanimous = Some(true);
        }
    }
    // "Décide à l'unanimité des Membres présents ;" before the articles
    // (pierrefonds): unanimity printed with the enacting formula.
    if vote.unanimous.is_none() {
        let unanimous = enacting_formulas(text).into_iter().any(|f| {
            let start = text[..f.start].rfind('\n').map_or(0, |i| i + 1);
            let next = line_end(text, f.end);
            let end = line_end(text, (next + 1).min(text.len()));
            class("vote.unanimous").is_match(&text[start..end])
        });
        if unanimous {
            vote.unanimous = Some(true);
            vote.outcome.get_or_insert(Outcome::Adopted);
        }
    }
    let tally = read_tally(text, &mut vote);
    // Votes against or abstentions counted or named: not unanimous.
    let dissent = vote.against.is_some_and(|n| n > 0)
        || vote.abstentions.is_some_and(|n| n > 0)
        || !vote.against_names.is_empty()
        || !vote.abstention_names.is_empty();
    if vote.unanimous.is_none() && dissent {
        vote.unanimous = Some(false);
    }
    if vote.outcome.is_none() {
        if let Some(f) = vote.for_ {
            vote.outcome = Some(if f > vote.against.unwrap_or(0) {
                Outcome::Adopted
            } else {
                Outcome::Rejected
            });
        } else if find_dispositif(text).enacting.is_some() {
            vote.outcome = Some(Outcome::Adopted);
        }
    }
    (vote, tally)
}

const OUTCOMES: &[(&str, Outcome)] = &[
    ("vote.adopted", Outcome::Adopted),
    ("vote.rejected", Outcome::Rejected),
    ("vote.withdrawn", Outcome::Withdrawn),
    ("vote.deferred", Outcome::Deferred),
    ("vote.noted", Outcome::Noted),
];

/// The last outcome phrase: greatest end, then the longest.
fn last_outcome(text: &str) -> Option<(Outcome, Range<usize>)> {
    let mut best: Option<(Outcome, Range<usize>)> = None;
    for (name, outcome) in OUTCOMES {
        for r in class(name).find_iter(text) {
            let better = match &best {
                None => true,
                Some((_, b)) => r.end > b.end || (r.end == b.end && r.start < b.start),
            };
            if better {
                best = Some((*outcome, r));
            }
        }
    }
    best
}

/// The text around an outcome phrase where unanimity counts: its line and
/// the line before (blank lines skipped: "Le Conseil, à l'unanimité," then
/// a blank line then "• Adopte le budget"), and what follows on the next
/// 200 bytes.
fn vote_region(text: &str, r: Range<usize>) -> Range<usize> {
    let line_start = text[..r.start].rfind('\n').map_or(0, |i| i + 1);
    let above = text[..line_start].trim_end().len();
    let start = text[..above]
        .rfind('\n')
        .map_or(0, |i| i + 1)
        .min(line_start);
    // Text flattened to one line (datapolitics): the two lines are the
    // whole document; the sentence before the phrase is at most as far
    // back as two lines of a page.
    let mut start = start.max(r.start.saturating_sub(REGION_BEFORE));
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let mut end = (r.end + 200).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    start..end
}

/// True when the outcome phrase at `r` is a closing formula
/// (`vote.closing`: "Délibération prise en ce sens.") and the outcome
/// phrase before it, in the same paragraph, is printed with unanimity:
/// "Le conseil municipal après discussion et vote à l'unanimité :", the
/// decisions, then the formula.
fn closing_after_unanimity(text: &str, r: Range<usize>) -> bool {
    if class("vote.closing").starts(&text[r.start..]).is_none() {
        return false;
    }
    // The paragraph: back to the last blank line.
    let above = &text[..r.start];
    let para = above.rfind("\n\n").map_or(0, |i| i + 2);
    let Some((_, prev)) = last_outcome(&text[para..r.start]) else {
        return false;
    };
    let prev = para + prev.start..para + prev.end;
    class("vote.unanimous").is_match(&text[vote_region(text, prev)])
}

/// How far before an outcome phrase unanimity is looked for (bytes).
const REGION_BEFORE: usize = 300;

/// Reads the tally: counts after labels (`Pour : 45`), counts before labels
/// (`25 voix pour`), and names after labels (`Contre : M. X, Mme Y`) or
/// before "ne prend pas part au vote".
fn read_tally(text: &str, vote: &mut Vote) -> Option<Range<usize>> {
    let mut seen: Option<Range<usize>> = None;
    let mut saw = |r: Range<usize>| {
        seen = Some(match seen.clone() {
            Some(s) => s.start.min(r.start)..s.end.max(r.end),
            None => r,
        });
    };
    for c in LABEL_COLON.captures_iter(text) {
        let (Some(all), Some(label)) = (c.get(0), c.name("label")) else {
            continue;
        };
        let Some(kind) = label_kind(label.as_str()) else {
            continue;
        };
        let rest = &text[all.end()..tally_end(text, all.end())];
        let Ok((after, count)) = count_value(rest) else {
            // "Contre : M. X, Mme Y"
            let names = leading_names(until_next_label(rest));
            if !names.is_empty() {
                set_names(vote, kind, names);
            }
            continue;
        };
        // "Votes pour : Votes contre : Abstentions : 41 0 0" (a table's
        // header row then its values, run on): the count after the last
        // label is the first column's, not this label's.
        if after.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        set_count(vote, kind, count);
        saw(all.start()..all.end());
        // "Contre : 3 (M. X, Mme Y, M. Z)"
        if let Ok((_, inside)) = parenthesized(after) {
            let names = split_names(inside);
            if !names.is_empty() && !is_group_label(inside, &names, count) {
                set_names(vote, kind, names);
            }
        } else if let Some(list) = after.trim_start().strip_prefix(',') {
            // "Abstentions : 3, M.GOSSOT, M.TANGUY, Mme DANAN"
            let names = leading_names(until_next_label(list));
            if !names.is_empty() {
                set_names(vote, kind, names);
            }
        }
    }
    // Where the last count read by COUNT_LABEL ends: "(26 voix contre, 1
    // abstention et 3 pour)" lists counts, and a bare "3 pour" in such a
    // list is one.
    let mut last_count_end: Option<usize> = None;
    for c in COUNT_LABEL.captures_iter(text) {
        let (Some(n), Some(label)) = (c.name("n"), c.name("label")) else {
            continue;
        };
        let Some(kind) = label_kind(label.as_str()) else {
            continue;
        };
        // "une contre-expertise": the label is the start of a compound word.
        let compound = text[label.end()..]
            .strip_prefix('-')
            .is_some_and(|r| r.starts_with(char::is_alphabetic));
        if c.name("percent").is_some() || compound {
            continue;
        }
        // "Pour 40 voix Contre Abstention" (a table row): the count belongs
        // to the label before it.
        let before = text[..n.start()].trim_end();
        // "Pour : 10 Contre :0 Abstention : 2": a count after a label and
        // its colon is that label's, and a label followed by a colon and a
        // count takes that count ("39 voix pour : M. X" keeps its 39).
        let label_before = before.ends_with([':', '='])
            && label_kind(
                before
                    .trim_end_matches([':', '=', ' '])
                    .rsplit(char::is_whitespace)
                    .next()
                    .unwrap_or(""),
            )
            .is_some();
        let label_colon = text[label.end()..]
            .trim_start()
            .strip_prefix([':', '='])
            .is_some_and(|rest| count_value(rest).is_ok());
        if label_before || label_colon {
            continue;
        }
        let prev = before.rsplit(char::is_whitespace).next().unwrap_or("");
        if !prev.ends_with([',', ';', '.'])
            && label_kind(prev.trim_matches(['«', '»', ':'])).is_some()
        {
            continue;
        }
        // "- 14 pour" alone on a bulleted line of the tally is a count as
        // surely as "14 voix pour".
        let in_list = last_count_end.is_some_and(|end| {
            text.get(end..n.start()).is_some_and(|between| {
                between.len() <= 8 && matches!(between.trim_matches([' ', ',']), "" | "et")
            })
        });
        let ballots =
            c.name("ballots").is_some() || in_list || is_count_line(text, n.start(), label.end());
        // "la parcelle DS 557 non impactée": a bare "non" after a number
        // answers a ballot only with its word ("12 voix non"), in a list of
        // counts or alone on a count line, as "pour" does.
        let bare_no = label.as_str().eq_ignore_ascii_case("non");
        if (kind == Kind::For || bare_no) && !ballots {
            continue;
        }
        if kind == Kind::Against && !ballots && vote.for_.is_none() {
            continue;
        }
        if let Some(count) = number_value(n.as_str()) {
            set_count(vote, kind, count);
            saw(n.start()..label.end());
            last_count_end = Some(label.end());
            // "1 voix CONTRE (C.BOURRETTE)"
            if let Ok((_, inside)) = parenthesized(&text[label.end()..]) {
                let names = split_names(inside);
                if !names.is_empty() && !is_group_label(inside, &names, count) {
                    set_names(vote, kind, names);
                }
            }
        }
    }
    let nv = class("vote.not_voting");
    for r in nv.find_iter(text) {
        let after = text[r.end..].trim_start_matches([' ', '\t']);
        if let Some(rest) = after.strip_prefix(':') {
            // "Ne prend pas part au vote : 0" is a count (read above).
            if count_value(rest).is_ok() {
                continue;
            }
            let line = &rest[..rest.find(['\n', ')']).unwrap_or(rest.len())];
            let names = leading_names(until_next_label(line));
            if !names.is_empty() {
                vote.not_voting_names = names;
            }
            continue;
        }
        let names = split_names(sentence_before(text, r.start));
        if !names.is_empty() {
            vote.not_voting_names = names;
        }
    }
    seen
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    For,
    Against,
    Abstention,
    NotVoting,
    Voters,
}

fn label_kind(label: &str) -> Option<Kind> {
    let l = label.trim();
    [
        ("vote.not_voting", Kind::NotVoting),
        ("vote.voters", Kind::Voters),
        ("vote.abstention", Kind::Abstention),
        ("vote.against", Kind::Against),
        ("vote.for", Kind::For),
    ]
    .into_iter()
    .find(|(name, _)| class(name).starts(l).is_some())
    .map(|(_, k)| k)
}

fn set_count(vote: &mut Vote, kind: Kind, n: u32) {
    match kind {
        Kind::For => vote.for_ = Some(n),
        Kind::Against => vote.against = Some(n),
        Kind::Abstention => vote.abstentions = Some(n),
        Kind::NotVoting => vote.not_voting = Some(n),
        Kind::Voters => {}
    }
}

fn set_names(vote: &mut Vote, kind: Kind, names: Vec<String>) {
    match kind {
        Kind::Against => vote.against_names = names,
        Kind::Abstention => vote.abstention_names = names,
        Kind::NotVoting => vote.not_voting_names = names,
        Kind::For | Kind::Voters => {}
    }
}

/// A count after a label: digits or number words ("12", "quatre").
///
/// Rule: `count = digits | number_words`, then not a letter or digit.
/// Example: the `45` of `Pour : 45 – Contre : 3`.
fn count_value(s: &str) -> IResult<&str, u32> {
    let s = s.trim_start();
    alt((
        map_res(digit1, |d: &str| d.parse::<u32>()),
        map_res(
            take_till(|c: char| !(c.is_alphabetic() || c == '-')),
            |w: &str| {
                if is_number_word(w) || w.split('-').all(is_number_word) {
                    number_value(w).ok_or(())
                } else {
                    Err(())
                }
            },
        ),
    ))
    .parse(s)
}

/// `( names )` right after a count; OCR reads a parenthesis as a bracket
/// or a brace now and then ("1 voix CONTRE [C.BOURRETTE)").
fn parenthesized(s: &str) -> IResult<&str, &str> {
    let close = |c: char| matches!(c, ')' | ']' | '}');
    preceded(
        space0,
        delimited(one_of("([{"), take_till(close), opt(satisfy(close))),
    )
    .parse(s)
}

fn number_value(s: &str) -> Option<u32> {
    let s = s.trim();
    if let Ok(n) = s.parse::<u32>() {
        return Some(n);
    }
    if matches!(s.to_lowercase().as_str(), "une" | "un") {
        return Some(1);
    }
    parse_number_words(s).and_then(|n| u32::try_from(n).ok())
}

/// The names list stops at the next tally label ("Contre : X – Abstention : Y").
fn until_next_label(s: &str) -> &str {
    let cut = LABEL_COLON.find(s).map_or(s.len(), |m| m.start());
    let s = &s[..cut];
    s.trim_end_matches([' ', '–', '-', ',', ';', '/', '|'])
}

/// The sentence before `at`, back to a line start, ':', ';', '(' or a
/// period that does not close a civility ("M.").
fn sentence_before(text: &str, at: usize) -> &str {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let seg = &text[line_start..at];
    let mut start = 0;
    for (i, c) in seg.char_indices() {
        match c {
            ':' | ';' | '(' => start = i + 1,
            '.' => {
                let word = seg[..i]
                    .rsplit(|c: char| c.is_whitespace())
                    .next()
                    .unwrap_or("");
                if !matches!(word, "M" | "MM" | "Mme" | "Mmes" | "Mr" | "Me" | "Dr") {
                    start = i + 1;
                }
            }
            _ => {}
        }
    }
    &seg[start..]
}

/// Splits a printed list of names ("M. X, Mme Y et M. Z") into names with
/// civility removed; drops what does not look like a name.
fn split_names(s: &str) -> Vec<String> {
    let s = s.trim().trim_end_matches(['.', ')']);
    NAME_SEP.split(s).filter_map(part_name).collect()
}

/// The names that open a list printed after a tally label, up to the
/// first item that is not a name: in run-on text the list runs into what
/// follows ("contre : M. X, Mme Y DO2 | SANTE - Mise à disposition …",
/// a flattened table), which is not a list of voters.
fn leading_names(s: &str) -> Vec<String> {
    let s = s.trim().trim_end_matches(['.', ')']);
    NAME_SEP.split(s).map_while(part_name).collect()
}

/// The name printed in one item of a list of names, civility removed.
fn part_name(part: &str) -> Option<String> {
    let mut p = part
        .trim()
        .trim_matches(['.', ',', ';', '(', ')', ' ', '«', '»']);
    let mut titled = false;
    while let Ok((rest, _)) = civility(p) {
        p = rest.trim_start();
        titled = true;
    }
    // "(2 pouvoirs)" or a trailing remark in parentheses.
    if let Some(i) = p.find('(') {
        p = p[..i].trim_end();
    }
    let mut words: Vec<&str> = p.split_whitespace().collect();
    // "monsieur Bernard Bruno", "pouvoir de monsieur Julien PONS": a
    // civility in lower case, and the member whose pouvoir voted.
    if words.len() > 2 && words[0] == "pouvoir" && matches!(words[1], "de" | "d'") {
        words.drain(..2);
    }
    if words
        .first()
        .is_some_and(|w| matches!(*w, "monsieur" | "madame" | "mademoiselle"))
    {
        words.remove(0);
    }
    // "Philippe Pouleau étant concernés", "Julien PONS à monsieur
    // Bernard BRUNO": the remark after the name is not the name.
    if let Some(i) = words
        .iter()
        .skip(1)
        .position(|w| w.starts_with(char::is_lowercase) && !name_particle(w))
    {
        words.truncate(i + 1);
    }
    while words
        .last()
        .is_some_and(|w| w.starts_with(char::is_lowercase))
    {
        words.pop();
    }
    if words.is_empty() || words.len() > 6 || p.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    // A name is capitalized words, with particles ("de", "du", "van").
    let looks_like_name = words
        .iter()
        .all(|w| w.starts_with(char::is_uppercase) || name_particle(w))
        && words
            .first()
            .is_some_and(|w| w.starts_with(char::is_uppercase))
        // A lone word is a surname when a civility named it ("M.
        // Viguié") or when it is printed in capitals.
        && (words.len() > 1
            || titled
            || words[0]
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase));
    if !looks_like_name {
        return None;
    }
    Some(words.join(" "))
}

/// True when the "names" after a count are the labels of the voters'
/// groups ("Contre : 7 (UMP-NI)", "Contre : 6 (UMP – NI)"): fewer words than
/// voters, each a single word with no first name, initial or civility.
fn is_group_label(printed: &str, names: &[String], count: u32) -> bool {
    let civility_first = civility(printed.trim_start()).is_ok();
    // "C-BOURRETTE": an initial OCR'd with a dash.
    let initial = |n: &str| n.chars().nth(1) == Some('-');
    let bare = |n: &String| !n.contains([' ', '.']) && !initial(n);
    !civility_first && (names.len() as u64) < u64::from(count) && names.iter().all(bare)
}

/// A particle inside a name ("Jean de LA ROCHE").
fn name_particle(w: &str) -> bool {
    matches!(
        w,
        "de" | "du" | "des" | "d'" | "la" | "le" | "van" | "von" | "di" | "da"
    )
}

/// A civility before a name: `M.`, `Mme`, `Monsieur`, `Madame`, `MM.`.
fn civility(s: &str) -> IResult<&str, &str> {
    let (rest, c) = alt((
        tag("Monsieur"),
        tag("Madame"),
        tag("Mademoiselle"),
        tag("Messieurs"),
        tag("Mesdames"),
        tag("Mmes"),
        tag("Mme."),
        tag("Mme"),
        tag("Mlle"),
        tag("MM."),
        tag("Mr."),
        tag("Mr"),
        tag("M."),
    ))
    .parse(s)?;
    if rest.starts_with(char::is_alphanumeric) {
        return Err(nom::Err::Error(nom::error::Error::new(
            s,
            nom::error::ErrorKind::Tag,
        )));
    }
    Ok((rest, c))
}

/// True when the count at `start` and its label ending at `end` make a
/// bulleted line of their own, perhaps with names in parentheses: "- 14
/// pour", "- 4 contre (M. X, Mme Y)".
fn is_count_line(text: &str, start: usize, end: usize) -> bool {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let lead = text[line_start..start].trim();
    let bullet = !lead.is_empty() && lead.chars().all(super::names::is_bullet);
    let after = text[end..line_end(text, end)].trim();
    bullet && (after.is_empty() || after == "." || after.starts_with('('))
}

/// The end of the tally line that starts at `pos`, with the lines its names
/// run on to: a parenthesis left open, a comma or a civility ending the line
/// ("Pour : 9, M. ROUX, Mme\nLAMBRE, M. GAUTHIER"), up to a blank line, a
/// bulleted line or the next label.
fn tally_end(text: &str, pos: usize) -> usize {
    let mut end = line_end(text, pos);
    for _ in 0..3 {
        let line = text[pos..end].trim_end();
        let open = line.matches(['(', '[']).count() > line.matches([')', ']']).count();
        let last = line.rsplit(char::is_whitespace).next().unwrap_or("");
        let runs_on =
            open || line.ends_with(',') || civility(last).is_ok_and(|(r, _)| r.is_empty());
        let next = text
            .get(end + 1..line_end(text, (end + 1).min(text.len())))
            .unwrap_or("");
        let next_lead = next.trim_start();
        if !runs_on
            || end >= text.len()
            || next_lead.is_empty()
            || next_lead.starts_with(super::names::is_bullet)
            || LABEL_COLON.find(next_lead).is_some_and(|m| m.start() == 0)
        {
            break;
        }
        end = line_end(text, end + 1);
    }
    end
}

fn line_end(text: &str, pos: usize) -> usize {
    text[pos..].find('\n').map_or(text.len(), |k| pos + k)
}

fn class_pattern(name: &str) -> String {
    format!("(?:{})", class(name).regex().as_str())
}

fn never() -> Pattern {
    Pattern::new(r"[^\s\S]").unwrap_or_else(|_| unreachable!())
}

/// `label : ` — a tally label then a colon (quotes allowed: « Pour » :).
static LABEL_COLON: LazyLock<Pattern> = LazyLock::new(|| {
    let labels = [
        "vote.not_voting",
        "vote.voters",
        "vote.abstention",
        "vote.against",
        "vote.for",
    ]
    .map(class_pattern)
    .join("|");
    Pattern::new(&format!(
        r"(?:«\s*)?(?P<label>{labels})(?:\s?\(s\))?\s*(?:»\s*)?[:=]\s*"
    ))
    .unwrap_or_else(|_| never())
});

/// `25 voix pour`, `3 contre`, `quatre abstentions`.
static COUNT_LABEL: LazyLock<Pattern> = LazyLock::new(|| {
    let labels = ["vote.abstention", "vote.against", "vote.for"]
        .map(class_pattern)
        .join("|");
    Pattern::new(&format!(
        r"(?i)\b(?P<n>\d+|une|un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingt)\s+(?P<ballots>(?:voix|votes|suffrages)\s+)?(?P<label>{labels})(?P<percent>\s*(?:cent\b|%))?"
    ))
    .unwrap_or_else(|_| never())
});

static NAME_SEP: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"\s*(?:,|;|\bet\b|\s[–-]\s|/)\s*").unwrap_or_else(|_| never()));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes() {
        for (text, outcome, unanimous) in [
            (
                "Cette proposition mise aux voix est adoptée.",
                Outcome::Adopted,
                None,
            ),
            ("Le Conseil adopte. Pour extrait conforme", Outcome::Adopted, None),
            ("Adopté à l'unanimité", Outcome::Adopted, Some(true)),
            ("ADOPTEE A L'UNANIMITE", Outcome::Adopted, Some(true)),
            ("décide à la majorité d'approuver", Outcome::Adopted, None),
            ("Le Conseil prend acte de la communication.", Outcome::Noted, None),
            ("Ce point est retiré de l'ordre du jour.", Outcome::Withdrawn, None),
            ("Le point est ajourné.", Outcome::Deferred, None),
            ("La motion n'est pas adoptée.", Outcome::Rejected, None),
            // The closing formula states no vote: the statement above it,
            // in its paragraph, does.
            (
                "Le conseil municipal après débat et vote à l'unanimité :\n- ACCEPTE le devis présenté\n- CHARGE le maire de le signer et de faire exécuter toutes les démarches administratives et comptables nécessaires à ce dossier, dans les délais prévus par la convention signée avec le syndicat départemental\n- DIT que la dépense sera inscrite au budget primitif de l'exercice en cours\nDélibération prise en ce sens.",
                Outcome::Adopted,
                Some(true),
            ),
            (
                "Accord du conseil à l'unanimité qui décide de porter à huit le nombre\nde membres du comité\nLa désignation aura lieu à la séance suivante.\nDélibération prise en ce sens.",
                Outcome::Adopted,
                Some(true),
            ),
            // Not across a paragraph break.
            (
                "La commission a émis un avis favorable à l'unanimité.\n\nLe maire présente le projet.\nDélibération prise en ce sens.",
                Outcome::Adopted,
                None,
            ),
            (
                "Le compte-rendu est adopté à l'unanimité.\nblabla\nblabla\nblabla\nblabla blabla blabla blabla blabla blabla blabla blabla blabla blabla blabla blabla blabla blabla blabla blabla blabla blabla blabla blabla blabla blabla blabla blabla\nLe Conseil adopte.",
                Outcome::Adopted,
                None,
            ),
        ] {
            let v = read_vote(text);
            assert_eq!(v.outcome, Some(outcome), "{text:?}");
            assert_eq!(v.unanimous, unanimous, "{text:?}");
        }
    }

    #[test]
    fn unanimity_on_the_line_before_a_blank_line() {
        let v = read_vote(
            "TOTAL 1 200,00\n\nLe conseil municipal, à l'unanimité des membres présents,\n\n• Adopte le budget ainsi présenté.\n",
        );
        assert_eq!(v.outcome, Some(Outcome::Adopted));
        assert_eq!(v.unanimous, Some(true));
    }

    #[test]
    fn a_rejection_after_an_article_that_adopts() {
        // A line-start pattern must not begin at the blank line before the
        // phrase, where it would win over the whole "rejeté à la majorité".
        let t = "Article 1 : D'adopter la motion présentée.\n\nRejeté à la majorité.\n";
        let v = read_vote(t);
        assert_eq!(v.outcome, Some(Outcome::Rejected));
    }

    #[test]
    fn names_after_lowercase_civilities_and_a_proxy_phrase() {
        let v = read_vote("Vote :\nPOUR : 10 CONTRE :0 ABSTENTION : 2 (monsieur Bernard Bruno et pouvoir de monsieur Julien PONS\nà monsieur Bernard BRUNO)\n");
        assert_eq!(v.abstention_names, ["Bernard Bruno", "Julien PONS"]);
        let v = read_vote("Contre : 1 (M. Jean de LA ROCHE)");
        assert_eq!(v.against_names, ["Jean de LA ROCHE"]);
    }

    #[test]
    fn dissent_is_not_unanimity() {
        let v =
            read_vote("Vote :\n- Pour : 13\n- Abstentions : 3, M.GOSSOT, M.TANGUY, Mme DANAN\n");
        assert_eq!(v.unanimous, Some(false));
        assert_eq!(read_vote("Adopté à l'unanimité.").unanimous, Some(true));
        assert_eq!(read_vote("Le conseil adopte.").unanimous, None);
    }

    #[test]
    fn names_after_a_count_and_a_comma() {
        let v =
            read_vote("Vote :\n- Pour : 13\n- Abstentions : 3, M.GOSSOT, M.TANGUY, Mme DANAN\n");
        assert_eq!(v.abstentions, Some(3));
        // "M." glued to a name may be an initial (Saint-Restitut prints
        // "M.DENISE" for a member): kept as printed.
        assert_eq!(v.abstention_names, ["M.GOSSOT", "M.TANGUY", "DANAN"]);
        let v = read_vote("- Contre : 1, Monsieur TANGUY qui ne voit pas l'intérêt d'acheter\n");
        assert_eq!(v.against_names, ["TANGUY"]);
    }

    #[test]
    fn names_run_on_to_the_next_line() {
        let v = read_vote("Vote :\n- Pour : 5, M. ROUX, Mme PETIT, Mme\nMARTIN, M. DURAND, M. AUBERT\n- Contre : 1 (M.\nLEGRAND)\n- Abstentions : 2, Monsieur BLANC, Monsieur\nNOIR en raison du calendrier\n\n3. Tarifs");
        assert_eq!(v.for_, Some(5));
        assert_eq!(v.against_names, ["LEGRAND"]);
        assert_eq!(v.abstention_names, ["BLANC", "NOIR"]);
        // A list that ends on its line does not take the next one.
        let v = read_vote("- Contre : 1, M. LEGRAND\nMadame le Maire remercie le conseil.\n");
        assert_eq!(v.against_names, ["LEGRAND"]);
    }

    #[test]
    fn a_names_list_run_on_into_a_table_stops_at_the_first_non_name() {
        let t = "D01 FINANCES - Aide Paul MARTIN Majorité pour 3 votes contre : Anne DUPONT, Luc PETIT D02 | VOIRIE - Travaux Paul MARTIN Approuvée à l'unanimité D03 | ECOLE - PERISCOLAIRE - Jean ROUX Approuvée";
        let v = read_vote(t);
        assert_eq!(v.against_names, ["Anne DUPONT"]);
        let v = read_vote("Pour : 20 – Contre : 2 – Abstention : M. Paul ROUX et Mme Anne PETIT.");
        assert_eq!(v.abstention_names, ["Paul ROUX", "Anne PETIT"]);
    }

    #[test]
    fn run_on_unanimity_far_before_the_outcome_is_another_vote() {
        let filler = "Le rapport présente les actions menées sur le territoire. ".repeat(8);
        let t = format!("Mme Anne PETIT est désignée secrétaire de séance à l'unanimité. {filler}Le Conseil communautaire, après avoir entendu l'exposé, PREND ACTE du rapport.");
        let v = read_vote(&t);
        assert_eq!(v.outcome, Some(Outcome::Noted));
        assert_eq!(v.unanimous, None);
        let t = format!("{filler}Le Conseil municipal, après en avoir délibéré, à l'unanimité, adopte le budget.");
        assert_eq!(read_vote(&t).unanimous, Some(true));
    }

    #[test]
    fn a_run_on_table_of_counts_is_not_read_label_by_label() {
        let v = read_vote("Étaient absents : M. Paul ROUX Votes pour : Votes contre : Abstentions : 33 0 0 NPPV 0 : Les membres présents");
        assert_eq!((v.for_, v.against, v.abstentions), (None, None, None));
        let v = read_vote("Pour : 33 Contre : 0 Abstentions : 2");
        assert_eq!(
            (v.for_, v.against, v.abstentions),
            (Some(33), Some(0), Some(2))
        );
    }

    #[test]
    fn counts_alone_on_bulleted_lines() {
        let v = read_vote("Vote : - 1 abstention (M. TANGUY)\n\n- 17 pour\n");
        assert_eq!(v.for_, Some(17));
        assert_eq!(v.abstentions, Some(1));
        assert_eq!(v.outcome, Some(Outcome::Adopted));
        let v =
            read_vote("Vote :\n\n- 4 contre (M. ROUX, Mme PETIT, M. BLANC, M. NOIR)\n- 13 pour\n");
        assert_eq!((v.for_, v.against), (Some(13), Some(4)));
        assert_eq!(v.against_names, ["ROUX", "PETIT", "BLANC", "NOIR"]);
        // A group's label after a count of several is no name.
        let v = read_vote("Pour : 50\nContre : 7 (GDR-NI)\nAbstention : 1 (M. ROUX)\n");
        assert_eq!((v.against, v.abstentions), (Some(7), Some(1)));
        assert!(v.against_names.is_empty());
        assert_eq!(v.abstention_names, ["ROUX"]);
        let v = read_vote("Pour : 50\nContre : 6 (GDR – NI)\n");
        assert!(v.against_names.is_empty());
        let v = read_vote("Pour : 50\nContre : 2 (ROUX, BLANC)\n");
        assert_eq!(v.against_names, ["ROUX", "BLANC"]);
        let v = read_vote("Pour : 50\n2 voix contre (M. ROUX)\n");
        assert_eq!(v.against_names, ["ROUX"]);
        // "une contre-expertise" is no vote against.
        let v = read_vote("Pour : 30\nAdopté. Nous demandons une contre-expertise.\n");
        assert_eq!((v.for_, v.against), (Some(30), None));
        // Nor is a number before "non" in prose, even once "pour" has a count.
        let v = read_vote("Pour : 50\nSur la parcelle DS 557 non impactée par le projet.\n");
        assert_eq!((v.for_, v.against), (Some(50), None));
        let v = read_vote("Résultat du vote :\n- 12 non\n- 20 oui\n");
        assert_eq!(v.against, Some(12));
        // In prose, a count before "pour" is no vote.
        let v = read_vote("Il est proposé de fixer 3 pour chaque classe.\n");
        assert_eq!(v.for_, None);
    }

    #[test]
    fn names_in_parentheses_after_a_count_and_its_label() {
        let v = read_vote("Accord du conseil par 13 voix POUR et 1 voix CONTRE [C.BOURRETTE).\n");
        assert_eq!((v.for_, v.against), (Some(13), Some(1)));
        assert_eq!(v.against_names, ["C.BOURRETTE"]);
        let v = read_vote("Vote : - 4 Abstentions (M. LEBLANC, Mme DEBUISSER) et 12 voix POUR.\n");
        assert_eq!(v.abstention_names, ["LEBLANC", "DEBUISSER"]);
        let v = read_vote("Pour : 58\nContre : 1 (M. Rouvière)\nAdopté à la majorité\n");
        assert_eq!(v.against_names, ["Rouvière"]);
        let v = read_vote("Contre : 2 (Mme Castel, Jacques Brun)\n");
        assert_eq!(v.against_names, ["Castel", "Jacques Brun"]);
        let v = read_vote("Adopté par 20 voix pour et 2 voix contre (dont 1 pouvoir).\n");
        assert_eq!(v.against, Some(2));
        assert!(v.against_names.is_empty(), "{v:?}");
    }

    #[test]
    fn votes_against_alone_are_weighed_against_the_voters() {
        let mut v = read_vote("Approuvez-vous le transfert ?\n\nVote :\n− Contre : 14\n− Abstentions : 2, Monsieur GOSSOT, Madame DANAN\n");
        assert_eq!(v.outcome, None);
        settle_by_attendance(&mut v, 16);
        assert_eq!(v.outcome, Some(Outcome::Rejected));
        let mut v = read_vote(
            "Madame le maire demande s'ils sont d'accord.\n\n- Contre : 1, Monsieur TANGUY\n",
        );
        settle_by_attendance(&mut v, 16);
        assert_eq!(v.outcome, Some(Outcome::Adopted));
    }

    #[test]
    fn a_count_after_a_colon_is_not_the_count_of_the_next_label() {
        let v = read_vote("Vote :\nPOUR : 10 CONTRE :0 ABSTENTION : 2 (monsieur Paul AUBERT et pouvoir de monsieur Jean\nDURAND à monsieur Paul AUBERT)");
        assert_eq!(
            (v.for_, v.against, v.abstentions),
            (Some(10), Some(0), Some(2))
        );
        assert_eq!(v.outcome, Some(Outcome::Adopted));
    }

    #[test]
    fn tallies() {
        let v = read_vote("Pour : 45 – Contre : 3 – Abstentions : 2");
        assert_eq!(
            (v.for_, v.against, v.abstentions),
            (Some(45), Some(3), Some(2))
        );
        assert_eq!(v.outcome, Some(Outcome::Adopted));
        let v = read_vote("Adopté par 25 voix pour, 3 contre et quatre abstentions.");
        assert_eq!(
            (v.for_, v.against, v.abstentions),
            (Some(25), Some(3), Some(4))
        );
        let v = read_vote("à un vote à main levée (« Pour » : 9, « Abstention » : 8)");
        assert_eq!((v.for_, v.abstentions), (Some(9), Some(8)));
        let v = read_vote("Votants : 18\nPour : 12, Contre : 2");
        assert_eq!((v.for_, v.against), (Some(12), Some(2)));
        let v = read_vote("Il ressort de ce vote :\n- « Oui » : 15,\n- -« Non » : 1.\nLe Conseil municipal décide ainsi à la majorité");
        assert_eq!((v.for_, v.against), (Some(15), Some(1)));
        let v = read_vote("Le Conseil municipal, après avoir entendu son rapporteur et délibéré, charge le Maire de rencontrer des porteurs de projet.");
        assert_eq!(v.outcome, Some(Outcome::Adopted));
        let v = read_vote("Décide à l'unanimité des Membres présents ;\nArticle 1 : Le budget adopté en 2021 est modifié.");
        assert_eq!(v.unanimous, Some(true));
        let v = read_vote("(vote pour : 29 - Contre : 0 - Abstention : 0 - Ne prend pas part au vote: 0) La Secrétaire de séance, Mme Teres EVERARD");
        assert_eq!(
            (v.for_, v.against, v.not_voting),
            (Some(29), Some(0), Some(0))
        );
        assert!(v.not_voting_names.is_empty());
        let v = read_vote("Exprimés 40 voix Pour 40 voix Contre Abstention NPPV");
        assert_eq!(v.against, None);
        let v = read_vote("• « Pour » : 7\n• « Contre » : 8\nLe Conseil municipal, après en voir délibéré, refuse donc à la majorité des membres présents, de prendre");
        assert_eq!(v.outcome, Some(Outcome::Rejected));
        let v = read_vote("Après en avoir délibéré, ne prend pas part au vote.");
        assert!(v.not_voting_names.is_empty());
        let v = read_vote("Votants : 18 – Pour : 15 – Contre(s) : 1 – Abstention(s) : 2");
        assert_eq!(
            (v.for_, v.against, v.abstentions),
            (Some(15), Some(1), Some(2))
        );
        let v = read_vote("soit 20 pour cent du total");
        assert_eq!(v.for_, None);
    }

    #[test]
    fn named_voters() {
        let v = read_vote("Adopté à la majorité.\nContre : M. Jean DUPONT, Mme Marie-Claire LE GALL\nAbstention : M. Paul MARTIN");
        assert_eq!(v.against_names, ["Jean DUPONT", "Marie-Claire LE GALL"]);
        assert_eq!(v.abstention_names, ["Paul MARTIN"]);
        let v = read_vote("M. Jean DUPONT ne prend pas part au vote. Adopté à l'unanimité.");
        assert_eq!(v.not_voting_names, ["Jean DUPONT"]);
        let v = read_vote("Contre : 2 (M. X, Mme Y)");
        assert_eq!(v.against, Some(2));
        assert_eq!(v.against_names, ["X", "Y"]);
    }

    #[test]
    fn lexicon_examples_parse_with_their_rule() {
        for (name, outcome) in OUTCOMES {
            for ex in &class(name).examples {
                assert_eq!(read_vote(ex).outcome, Some(*outcome), "{name}: {ex:?}");
            }
        }
        for ex in &class("vote.unanimous").examples {
            assert_eq!(read_vote(ex).unanimous, Some(true), "{ex:?}");
        }
    }

    #[test]
    fn a_bare_count_for_ends_a_list_of_counts() {
        let v = read_vote(
            "Après en avoir délibéré, le Conseil municipal, à la majorité (12 voix contre, 2 abstentions et 4 pour) des Membres présents :\n✓ N'adopte pas la proposition.",
        );
        assert_eq!(
            (v.for_, v.against, v.abstentions),
            (Some(4), Some(12), Some(2))
        );
        // A bare "pour" alone is no count.
        let v = read_vote(
            "Le Conseil décide à l'unanimité de fixer le taux à 3 pour la durée du bail.",
        );
        assert_eq!(v.for_, None);
    }

    #[test]
    fn tally_is_checked_against_attendance() {
        let src = crate::normalize::normalize(&crate::text::read_text(
            "Adopté.\nPour : 5 – Contre : 1".as_bytes(),
        ));
        let mut cx = Ctx::whole(&src);
        let mut rec = Record::default();
        rec.attendance.present = vec!["Jean DUPONT".into(), "Marie MARTIN".into()];
        read(&mut cx, &mut rec);
        assert_eq!(rec.vote.for_, Some(5));
        let d = rec
            .diagnostics
            .iter()
            .find(|d| d.code == "vote.tally_exceeds_attendance");
        assert!(d.is_some_and(|d| d.span.is_some()), "{:?}", rec.diagnostics);
    }
}
