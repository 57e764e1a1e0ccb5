//! The attendance part of a deliberation (grammar/deliberation.ebnf,
//! `attendance`): présents, absents représentés with their pouvoir, excusés,
//! absents and the count of présents.
//!
//! Headings are phrase classes of `grammar/lexicon/attendance.toml`; each
//! heading's list runs to the next heading, a stop phrase
//! (`attendance.stop`) or a blank line, and is read by
//! [`names::read_list`]. [`read_attendance`] takes any `&str`, so that the
//! head of a séance document can be read the same way.

use std::ops::Range;

use super::names::{self, ItemKind};
use super::{floor_char, header, lexicon, references, Ctx};
use crate::model::{Attendance, Pouvoir, Record};

/// Attendance read from a text, with what could not be read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AttendanceRead {
    /// What was read.
    pub attendance: Attendance,
    /// Headings whose list could not be read: `(code, message, byte range)`.
    pub issues: Vec<(&'static str, String, Range<usize>)>,
}

/// Reads the attendance part of the deliberation in `cx` into `rec`.
pub fn read(cx: &mut Ctx, rec: &mut Record) {
    let end = references::head_end(cx.text);
    let mut read = read_attendance_of_head(cx.text.get(..end).unwrap_or(cx.text));
    if read.attendance == Attendance::default() {
        if let Some(wide) = references::wider_head_end(cx.text) {
            read = read_attendance(cx.text.get(..wide).unwrap_or(cx.text));
        }
    }
    for (code, message, r) in read.issues {
        rec.diagnostics
            .push(cx.warning(code, message, r.start, r.end));
    }
    rec.attendance = read.attendance;
    include_president(&mut rec.attendance, rec.session.president.as_deref());
    complete_secretary(&mut rec.session.secretary, &rec.attendance);
}

/// The secretary printed by surname alone ("Monsieur Grandin est nommé
/// secrétaire de séance") completed from the séance's lists, when one
/// member's name holds every printed word ("Philippe GRANDIN").
pub fn complete_secretary(secretary: &mut Option<String>, attendance: &Attendance) {
    if let Some(s) = secretary.take() {
        *secretary = Some(names::complete(s, &all_names(attendance)));
    }
}

/// [`read_attendance`] of a deliberation's head, which the header,
/// references and attendance readers each need: the last head's attendance
/// is kept, so it is read once.
pub fn read_attendance_of_head(text: &str) -> AttendanceRead {
    thread_local! {
        static LAST: super::memo::Last<AttendanceRead> = const { std::cell::RefCell::new(None) };
    }
    super::memo::remembered(&LAST, text, read_attendance)
}

/// The kinds of attendance heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Heading {
    Present,
    Represented,
    Excused,
    Absent,
}

const HEADINGS: &[(&str, Heading)] = &[
    ("attendance.present", Heading::Present),
    ("attendance.represented", Heading::Represented),
    ("attendance.excused", Heading::Excused),
    ("attendance.absent", Heading::Absent),
];

/// Byte offset of the first attendance heading in `text`.
pub fn first_heading(text: &str) -> Option<usize> {
    headings(text).first().map(|(r, _)| r.start)
}

/// [`first_heading`] of a piece of a head (a paragraph, a phrase), without
/// keeping the answer: the head's own headings, which the header and
/// attendance readers ask for in turn, stay in memory.
pub fn first_heading_in(piece: &str) -> Option<usize> {
    find_headings(piece).first().map(|(r, _)| r.start)
}

/// Reads every attendance list of `text`.
///
/// Rule: `attendance = { heading , [ civility_plural ] , [ ":" ] , ( name_list
/// | pouvoir_list | count ) }`, e.g. `Etaient absents et représentés Mesdames
/// et Messieurs : Martial ALVAREZ représenté par François BERNARDINI - …`.
pub fn read_attendance(text: &str) -> AttendanceRead {
    let mut out = AttendanceRead::default();
    let hs = headings(text);
    let stops: Vec<usize> = lexicon::class("attendance.stop")
        .find_iter(text)
        .map(|r| r.start)
        .collect();
    let unnamed = lexicon::class("attendance.unnamed_proxy");
    let represented = lexicon::class("attendance.represented");
    for (i, (range, kind)) in hs.iter().enumerate() {
        let next = hs.get(i + 1).map_or(text.len(), |(r, _)| r.start);
        let stop = stops
            .iter()
            .copied()
            .find(|&s| s >= range.end)
            .unwrap_or(text.len());
        let end = next.min(stop);
        // A stop phrase inside a line ends the list at that line's start:
        // "Karine MOSNIER\nA été élue secrétaire de séance".
        let end = match text[range.end..end].rfind('\n') {
            Some(nl) if end == stop && end < text.len() => range.end + nl,
            _ => end,
        };
        let start = skip_heading_tail(text, range.end, end);
        let content = text.get(start..end).unwrap_or("");
        let heading_text = text.get(range.clone()).unwrap_or("");
        let after_blank = starts_after_blank(content);
        if content.trim().is_empty() || after_blank {
            // The list printed above its heading (a two-column page read in
            // another order: the names, a blank line, then "Présents :").
            if *kind == Heading::Present && out.attendance.present.is_empty() {
                let floor = if i == 0 { 0 } else { hs[i - 1].0.end };
                out.attendance.present = list_above(text, floor, range.start);
            }
            // "Absents :" left empty, then the title: no list.
            if content.trim().is_empty() || leading_count(content).is_none() {
                continue;
            }
        }
        if let Some(n) = leading_count(content) {
            if *kind == Heading::Present && out.attendance.present_count.is_none() {
                out.attendance.present_count = Some(n);
            }
            continue;
        }
        let got = match kind {
            Heading::Present => push_names(&mut out.attendance.present, content),
            // "Absents : Anne PETIT, pouvoir à Paul DURAND": a name with a
            // proxy link is represented.
            Heading::Absent if has_proxy_link(content) => {
                let (pouvoirs, plain) = read_pouvoirs(content, false);
                let n = pouvoirs.len() + plain.len();
                out.attendance.represented.extend(pouvoirs);
                out.attendance.absent.extend(plain);
                n
            }
            Heading::Absent => push_names(&mut out.attendance.absent, content),
            Heading::Excused => {
                // "Excusés / pouvoirs : Anne PETIT à Paul DURAND": a heading
                // naming the pouvoirs too reads the bare "à" as one.
                let bare_a = represented.is_match(heading_text);
                let (pouvoirs, plain) = read_pouvoirs(content, bare_a);
                let n = pouvoirs.len() + plain.len();
                out.attendance.represented.extend(pouvoirs);
                out.attendance.excused.extend(plain);
                n
            }
            Heading::Represented => {
                // "Absents ayant voté par procuration": the proxy is not named.
                let unnamed_proxy = unnamed.is_match(heading_text)
                    || unnamed.is_match(text.get(range.end..start).unwrap_or(""));
                let (pouvoirs, plain) = read_pouvoirs(content, true);
                let n = pouvoirs.len() + plain.len();
                out.attendance
                    .represented
                    .extend(pouvoirs.into_iter().map(|p| Pouvoir {
                        proxy: p.proxy.filter(|_| !unnamed_proxy),
                        ..p
                    }));
                out.attendance
                    .represented
                    .extend(plain.into_iter().map(|member| Pouvoir {
                        member,
                        proxy: None,
                    }));
                n
            }
        };
        // A list right under its heading that yields nothing is worth a look;
        // an empty heading followed by a blank line is just an empty list.
        let glued = !text
            .get(range.end..start + content.len().min(2))
            .unwrap_or("")
            .contains("\n\n")
            && !content.trim_start_matches([' ', '\t']).starts_with('\n');
        if got == 0 && glued && content.trim().len() > 2 {
            out.issues.push((
                "attendance.unparsed",
                format!("no name could be read under the heading {heading_text:?}"),
                start..end,
            ));
        }
    }
    if out.attendance.present_count.is_none() {
        out.attendance.present_count =
            header::first_count(lexicon::class("attendance.present_count"), text);
    }
    restore_initial_m(&mut out.attendance, text);
    // A head printed twice (each deliberation's head kept in the extract)
    // lists each member twice: once is kept.
    let once = |list: &mut Vec<String>| {
        let mut seen = std::collections::HashSet::new();
        list.retain(|n| seen.insert(names::name_key(n)));
    };
    once(&mut out.attendance.present);
    once(&mut out.attendance.excused);
    once(&mut out.attendance.absent);
    let mut seen = std::collections::HashSet::new();
    out.attendance
        .represented
        .retain(|p| seen.insert(names::name_key(&p.member)));
    // A member who gave a pouvoir is listed under represented only.
    // Compared by their keys, each name's key made once (`same_person`).
    let represented: Vec<String> = out
        .attendance
        .represented
        .iter()
        .map(|p| names::name_key(&p.member))
        .collect();
    let given = |n: &String| !represented.is_empty() && represented.contains(&names::name_key(n));
    out.attendance.excused.retain(|n| !given(n));
    out.attendance.absent.retain(|n| !given(n));
    // A proxy named by surname only ("pouvoir à Monsieur LEROUX") is the
    // one member present of that name ("Paul LEROUX"), when there is one.
    let present = &out.attendance.present;
    for p in &mut out.attendance.represented {
        p.proxy = p.proxy.take().map(|proxy| names::complete(proxy, present));
    }
    out
}

/// Gives back the initial "M." that civility stripping took from a name
/// printed `M.DENISE` in lists that name members by initial and surname
/// (`C.FOROT - T.BUSIN - M.DENISE`): there "M." is a first name's initial,
/// not Monsieur. The style holds when at least two names, and half of all,
/// are an initial other than M, a full stop and the surname, no space.
fn restore_initial_m(a: &mut Attendance, text: &str) {
    let initialled = |n: &str| {
        let mut cs = n.chars();
        matches!((cs.next(), cs.next(), cs.next()),
            (Some(i), Some('.'), Some(c)) if i.is_uppercase() && c.is_uppercase())
    };
    let all = || {
        a.present
            .iter()
            .chain(&a.excused)
            .chain(&a.absent)
            .chain(a.represented.iter().map(|p| &p.member))
            .chain(a.represented.iter().filter_map(|p| p.proxy.as_ref()))
    };
    let total = all().count();
    let style = all()
        .filter(|n| initialled(n) && !n.starts_with('M'))
        .count();
    if style < 2 || style * 2 < total {
        return;
    }
    let restore = |n: &mut String| {
        let bare = !n.contains([' ', '.']) && names::is_caps(n);
        let printed = format!("M.{n}");
        // "M.DENISE" as a word of its own, not the end of "AM.DENISE".
        let own_word = |at: usize| {
            !text[..at].ends_with(|c: char| c.is_alphanumeric() || c == '.')
                && !text[at + printed.len()..].starts_with(char::is_alphanumeric)
        };
        if bare && text.match_indices(&printed).any(|(at, _)| own_word(at)) {
            n.insert_str(0, "M.");
        }
    };
    a.present.iter_mut().for_each(restore);
    a.excused.iter_mut().for_each(restore);
    a.absent.iter_mut().for_each(restore);
    for p in &mut a.represented {
        restore(&mut p.member);
        if let Some(proxy) = p.proxy.as_mut() {
            restore(proxy);
        }
    }
}

/// Adds the president to the présents when no list names them: whoever
/// presides a séance attends it ("sous la présidence de Monsieur ARMAND,
/// Maire" above a list of the other members). Nothing is added when no
/// présents were read.
pub fn include_president(a: &mut Attendance, president: Option<&str>) {
    let Some(p) = president else {
        return;
    };
    // A proxy holder attends: the president holding a pouvoir ("B.DUBOIS :
    // procuration à Y. ARMAND") is still added; an initial for the first
    // name ("Y. ARMAND" listed, "Yves ARMAND" presiding) is the same person.
    let listed = a
        .present
        .iter()
        .chain(a.represented.iter().map(|r| &r.member))
        .chain(&a.excused)
        .chain(&a.absent)
        .any(|n| names::may_be_same_person(n, p));
    if a.present.is_empty() || listed {
        return;
    }
    a.present.insert(0, p.to_string());
}

/// Every name the attendance lists hold (présents first).
pub fn all_names(a: &Attendance) -> Vec<String> {
    let mut out = a.present.clone();
    for p in &a.represented {
        out.push(p.member.clone());
        out.extend(p.proxy.clone());
    }
    out.extend(a.excused.iter().cloned());
    out.extend(a.absent.iter().cloned());
    out
}

/// The headings of `text`, in order, overlaps resolved to the longest
/// ("Etaient absents et représentés" is one represented heading, not an
/// absent one). A heading counts at the start of a line, after a sentence
/// end, or when a colon follows it; "ont été présents 29 membres" is a
/// count, not a heading.
/// Attendance headings: where each is and what kind.
type Headings = Vec<(Range<usize>, Heading)>;

fn headings(text: &str) -> Headings {
    // The header reader asks for the first heading of the head that the
    // attendance reader reads next: the last text's headings are kept.
    thread_local! {
        static LAST: super::memo::Last<Headings> = const { std::cell::RefCell::new(None) };
    }
    super::memo::remembered(&LAST, text, find_headings)
}

fn find_headings(text: &str) -> Headings {
    let mut all: Vec<(Range<usize>, Heading)> = Vec::new();
    let link = lexicon::class("attendance.proxy_link");
    for (class, kind) in HEADINGS {
        for r in lexicon::class(class).find_iter(text) {
            if is_heading_position(text, &r) && !starts_proxy_link(text, &r, link) {
                all.push((r, *kind));
            }
        }
    }
    all.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
    let mut kept: Vec<(Range<usize>, Heading)> = Vec::new();
    for (r, k) in all {
        if kept.last().is_some_and(|(l, _)| r.start < l.end) {
            continue;
        }
        kept.push((r, k));
    }
    kept
}

/// True when the heading word at `r` is the start of a proxy link that
/// continues a pouvoir cut by a line end ("…, Conseiller municipal,\npouvoir
/// donné à M. Jean ROUX"): "pouvoir" there is no "Pouvoirs :" heading.
fn starts_proxy_link(text: &str, r: &Range<usize>, link: &lexicon::PhraseClass) -> bool {
    let end = floor_char(text, (r.start + 48).min(text.len()));
    let window = text.get(r.start..end).unwrap_or("");
    link.regex()
        .find(window)
        .is_some_and(|m| m.start() == 0 && m.end() > r.end - r.start)
}

fn is_heading_position(text: &str, r: &Range<usize>) -> bool {
    let before = text.get(..r.start).unwrap_or("");
    let line_start = before
        .rsplit('\n')
        .next()
        .unwrap_or("")
        .chars()
        .all(|c| c.is_whitespace() || super::names::is_bullet(c));
    let after_sentence = before
        .trim_end()
        .chars()
        .last()
        .is_some_and(|c| matches!(c, '.' | ';' | ':' | ')'));
    let after = text.get(r.end..).unwrap_or("");
    let colon = after.trim_start_matches([' ', '\t']).starts_with(':');
    let capital = text
        .get(r.clone())
        .and_then(|s| s.chars().next())
        .is_some_and(char::is_uppercase);
    line_start || colon || (after_sentence && capital)
}

/// Skips the rest of a long heading ("… en application de l'article L 2121-20
/// du Code Général des Collectivités Territoriales :") and the plural civility
/// after it, up to its colon when one comes before any list separator.
fn skip_heading_tail(text: &str, start: usize, end: usize) -> usize {
    let rest = text.get(start..end).unwrap_or("");
    let window = rest
        .get(..floor_char(rest, 220.min(rest.len())))
        .unwrap_or("");
    if let Some(i) = window.find(':') {
        let before = &window[..i];
        // A heading ending its line ("Etaient absents excusés\nF.RUSSO :
        // procuration à S.MEARY"): a colon further down is the list's own,
        // unless only a plural civility stands before it.
        let own_line = before.split('\n').next().unwrap_or("").trim().is_empty()
            && before.contains('\n')
            && !names::strip_civility(before.trim()).trim().is_empty();
        if !own_line
            && !before.contains(',')
            && !before.contains(';')
            && before.matches('\n').count() <= 2
        {
            return start + i + 1;
        }
    }
    start
}

/// True when `content` starts with a blank line and what follows it is not
/// a list of names ("Présents :\n\nLe Conseil …"). A list set apart from its
/// heading is names and nothing else, three of them or two with their
/// surnames in capitals: the title of the deliberation under an empty
/// heading may read as a name or two before its prose ("Absents :\n\nPersonnel
/// Municipal - Instances Paritaires", "Commission des HALLES et MARCHES -\n
/// Désignation des membres").
fn starts_after_blank(content: &str) -> bool {
    let t = content.trim_start_matches([' ', '\t', ':']);
    if !t.starts_with("\n\n") {
        return false;
    }
    let (list, stop) = names::read_list(t);
    let surnamed = |n: &names::Name| n.text.split_whitespace().any(names::is_caps);
    let enough = list.len() >= 3 || (list.len() == 2 && list.iter().all(surnamed));
    !enough || stop < names::list_items(t).0.len()
}

/// The paragraph right above a heading, when it is a list of names only
/// (three or more, nothing else).
fn list_above(text: &str, floor: usize, heading: usize) -> Vec<String> {
    let before = text.get(floor..heading).unwrap_or("").trim_end();
    let start = before.rfind("\n\n").map_or(0, |i| i + 2);
    let para = before.get(start..).unwrap_or("");
    let (list, stop) = names::read_list(para);
    if list.len() >= 3 && stop >= para.trim_end().len() {
        list.into_iter().map(|n| n.text).collect()
    } else {
        Vec::new()
    }
}

/// A count right after a heading ("Présents : 18 Votants : 21").
fn leading_count(content: &str) -> Option<u32> {
    let t = content.trim_start_matches([' ', '\t', '\n', ':']);
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return None;
    }
    // "18", "18 membres", "18 Votants": names never start with a digit.
    digits.parse().ok()
}

/// Reads a list of names into `into`; the number read.
fn push_names(into: &mut Vec<String>, content: &str) -> usize {
    let (list, _) = names::read_list(content);
    let n = list.len();
    into.extend(list.into_iter().map(|n| n.text));
    n
}

/// `content` with the line ends that cut a proxy's name from its link made
/// spaces ("donne pouvoir à\nPaul AUBERT", "donne pouvoir à Paul\nAUBERT"):
/// a line ending with a link, or a link and one word that is no surname in
/// capitals. `None` when no line is cut so.
fn join_cut_proxies(content: &str, link: &lexicon::PhraseClass) -> Option<String> {
    let mut cuts = Vec::new();
    let mut start = 0;
    for (nl, _) in content.match_indices('\n') {
        let line = &content[start..nl];
        start = nl + 1;
        let Some(m) = link
            .regex()
            .find_iter(line)
            .filter(|m| !is_bare_a(m.as_str()))
            .last()
        else {
            continue;
        };
        let rest: Vec<&str> = line[m.end()..].split_whitespace().collect();
        let first_name = |w: &str| {
            w.chars().next().is_some_and(char::is_uppercase) && w.chars().any(char::is_lowercase)
        };
        let next_blank = content[nl + 1..].starts_with('\n');
        if !next_blank && (rest.is_empty() || (rest.len() == 1 && first_name(rest[0]))) {
            cuts.push(nl);
        }
    }
    if cuts.is_empty() {
        return None;
    }
    let mut out = content.to_string();
    for i in cuts {
        out.replace_range(i..=i, " ");
    }
    Some(out)
}

/// True when `content` holds a proxy link other than the bare "à".
fn has_proxy_link(content: &str) -> bool {
    let link = lexicon::class("attendance.proxy_link");
    link.find_iter(content)
        .any(|r| !is_bare_a(content.get(r).unwrap_or("")))
}

/// True when a proxy link is the bare "à" ("Mme X à M. Y"), read only in a
/// list headed as represented.
fn is_bare_a(link: &str) -> bool {
    link.trim()
        .chars()
        .all(|c| matches!(c, 'à' | 'a' | 'A' | 'À'))
}

/// Reads a list of pouvoirs.
///
/// Rule: `pouvoir = name , proxy_link , name | name` where `proxy_link` is
/// `attendance.proxy_link` ("représenté par", "a donné pouvoir à", "à"),
/// e.g. `Gérard GAZAY représenté par Roland GIBERTI`. The bare "à" link is
/// only read in a represented list (`bare_a`). Returns the pouvoirs and the
/// names printed without a proxy.
pub fn read_pouvoirs(content: &str, bare_a: bool) -> (Vec<Pouvoir>, Vec<String>) {
    let link = lexicon::class("attendance.proxy_link");
    let joined;
    let content = match join_cut_proxies(content, link) {
        Some(j) => {
            joined = j;
            joined.as_str()
        }
        None => content,
    };
    // One pouvoir a line, each line one member and one link: the lines are
    // the items, whatever commas they hold ("X, donne pouvoir à Y\nZ donne
    // pouvoir à W"). A pouvoir wrapped over two lines leaves a line with two
    // links, no member, or a member or proxy part holding another name.
    let block = content.trim_start();
    let block = &block[..block.find("\n\n").unwrap_or(block.len())];
    let lines: Vec<&str> = block.lines().filter(|l| !l.trim().is_empty()).collect();
    let one_pouvoir = |l: &&str| {
        let mut links = link.regex().find_iter(l).filter(|m| !is_bare_a(m.as_str()));
        let (Some(first), None) = (links.next(), links.next()) else {
            return false;
        };
        let member = l[..first.start()].trim_end().trim_end_matches(',');
        let proxy = l[first.end()..]
            .trim_end()
            .trim_end_matches(['.', ',', ';']);
        member.chars().any(char::is_alphabetic)
            && !member.contains([',', ';'])
            && !member.contains(" - ")
            && !proxy.contains([',', ';'])
    };
    // A line without a link among them is a member who gave no pouvoir
    // ("X, pouvoir à Y\nZ"), when each line holds one whole name (two words
    // or an initial and a surname, "N.VERDON"): a proxy's name cut by the
    // line end ("à Paul\nAUBERT") reads otherwise.
    let name_line = |l: &str| {
        let l = l.trim().trim_end_matches(['.', ',', ';']);
        let words = l.split_whitespace().count();
        (words >= 2 || (words == 1 && names::is_initial_name(l))) && !l.contains([',', ';'])
    };
    let plain_line = |l: &&str| !link.regex().is_match(l) && name_line(l);
    let whole_proxy = |l: &&str| {
        link.regex()
            .find_iter(l)
            .filter(|m| !is_bare_a(m.as_str()))
            .last()
            .is_some_and(|m| name_line(&l[m.end()..]))
    };
    let mixed = lines.iter().any(one_pouvoir)
        && lines
            .iter()
            .all(|l| (one_pouvoir(l) && whole_proxy(l)) || plain_line(l));
    if lines.len() >= 2 && (lines.iter().all(one_pouvoir) || mixed) {
        let mut pouvoirs = Vec::new();
        let mut plain = Vec::new();
        for line in lines {
            let (p, n) = read_pouvoirs(line, bare_a);
            pouvoirs.extend(p);
            plain.extend(n);
        }
        return (pouvoirs, plain);
    }
    let (flat, items) = names::list_items(content);
    let mut pouvoirs = Vec::new();
    let mut plain = Vec::new();
    let arrival = lexicon::class("seance.arrival");
    let staff = lexicon::class("attendance.staff");
    let pieces: Vec<&str> = items
        .into_iter()
        .flat_map(|r| split_pouvoirs(flat.get(r).unwrap_or(""), link, bare_a))
        .collect();
    for item in pieces {
        // "Anne PETIT, arrivée à 18h30, ayant donné pouvoir à …": an
        // arrival note between a name and its link is no prose ending the list.
        let note_only = arrival.starts(item).is_some_and(|end| {
            !item
                .get(end..)
                .unwrap_or("")
                .chars()
                .any(char::is_uppercase)
        });
        if note_only {
            continue;
        }
        // "Zoé BLANC - Directrice générale des services": the name before a
        // staff role is no member.
        let role = item.trim().trim_end_matches(['.', ',', ';']);
        if !role.is_empty() && staff.starts(role) == Some(role.len()) {
            plain.pop();
            continue;
        }
        // A worded link before the bare "à": the "a" of "Anne PETIT a donné
        // pouvoir à" is no link.
        let found = link
            .regex()
            .find_iter(item)
            .find(|m| !is_bare_a(m.as_str()))
            .or_else(|| link.regex().find_iter(item).find(|_| bare_a));
        if let Some(m) = found {
            let before = item.get(..m.start()).unwrap_or("");
            // What follows the proxy's name on a joined line is the next
            // name ("à M. Jean ROUX MME Sophie ROUX, Conseillère").
            let after = item.get(m.end()..).unwrap_or("");
            // "X (pouvoir à M. BAY) Déposée en préfecture": a link opened by
            // a parenthesis names its proxy up to the closing one.
            let open = before.matches('(').count() > before.matches(')').count();
            // What follows the parenthesis is the next names ("X (pouvoir à
            // Y) Z, …").
            let (after, beyond) = match after.find(')') {
                Some(close) if open => (&after[..close], &after[close + 1..]),
                _ => (after, ""),
            };
            let mut pieces = names::split_run_on(after);
            if !beyond.trim().is_empty() {
                pieces.extend(names::split_run_on(beyond));
            }
            // "… à Philippe POULEAU pour toutes les délibérations": the
            // proxy is the name that starts the piece.
            let proxy = pieces.first().and_then(|p| {
                names::clean_name(p)
                    .or_else(|| names::leading_name(p))
                    .or_else(|| names::civility_surname(p))
            });
            let rest = pieces.iter().skip(1).filter_map(|p| names::clean_name(p));
            // "Mme Béatrice HOELTZEL M. Alain WURSTER (représenté par …)":
            // names run on before the link, the member is the last of them
            // and those before it gave no pouvoir.
            let run_on = names::split_run_on(before.trim());
            let split = match run_on.split_last() {
                Some((last, others)) if !others.is_empty() => others
                    .iter()
                    .map(|p| names::clean_name(p))
                    .collect::<Option<Vec<String>>>()
                    .zip(names::clean_name(last)),
                _ => None,
            };
            let (others, member) = match split {
                Some((others, member)) => (others, Some(member)),
                None => (
                    Vec::new(),
                    names::clean_name(before).or_else(|| names::leading_name(before)),
                ),
            };
            if let Some(member) = member {
                plain.extend(others);
                pouvoirs.push(Pouvoir { member, proxy });
                plain.extend(rest);
                continue;
            }
            // "M. Paul PIPAUD, Conseiller municipal, pouvoir donné à M. Jean
            // DUPONT": the link follows the last name read.
            if names::classify(before) != ItemKind::Prose {
                if let Some(member) = plain.pop() {
                    pouvoirs.push(Pouvoir { member, proxy });
                    plain.extend(rest);
                    continue;
                }
            }
        }
        let mut prose = false;
        for part in names::split_run_on(item) {
            let (kind, name) = names::classify_and_clean(part);
            match kind {
                ItemKind::Name => plain.extend(name),
                ItemKind::Skip => {}
                ItemKind::Prose => {
                    prose = true;
                    break;
                }
            }
        }
        if prose {
            break;
        }
    }
    (pouvoirs, plain)
}

/// An item holding several pouvoirs printed one after the other, the line
/// ends that parted them lost ("Anne PETIT (pouvoir à Paul DURAND) Marie
/// ROUX (pouvoir à Luc BLANC)", "X ..... à Y Z ..... à W"), cut before each
/// member after the first: between two links, the last name of the words
/// [`names::split_run_on`] parts is the next pouvoir's member. Left whole
/// when those words read as one name.
fn split_pouvoirs<'a>(item: &'a str, link: &lexicon::PhraseClass, bare_a: bool) -> Vec<&'a str> {
    let mut all: Vec<(Range<usize>, bool)> = Vec::new();
    for m in link.regex().find_iter(item) {
        let bare = is_bare_a(m.as_str());
        // "a donné pouvoir à" is found as the bare "a" then "donné pouvoir
        // à": one link.
        match all.last_mut() {
            Some((r, true)) if !bare && r.end == m.start() => *r = r.start..m.end(),
            _ => all.push((m.range(), bare)),
        }
        if let Some(last) = all.last_mut() {
            last.1 = last.1 && bare;
        }
    }
    // The bare "à" counts only where no worded link is printed.
    let worded = all.iter().any(|(_, bare)| !bare);
    let links: Vec<Range<usize>> = all
        .into_iter()
        .filter(|(_, bare)| !bare || (bare_a && !worded))
        .map(|(r, _)| r)
        .collect();
    let mut cuts = Vec::new();
    for w in links.windows(2) {
        let between = item.get(w[0].end..w[1].start).unwrap_or("");
        let parts = names::split_run_on(between);
        let (Some(last), true) = (parts.last(), parts.len() >= 2) else {
            continue;
        };
        // The proxy before and the member after must each read as a name.
        let bare = |s: &str| {
            names::clean_name(s.trim_matches(|c: char| c.is_whitespace() || "().…,;".contains(c)))
        };
        let proxy = parts[..parts.len() - 1].concat();
        if bare(last).is_none() || bare(&proxy).is_none() {
            continue;
        }
        cuts.push(w[0].end + (last.as_ptr() as usize - between.as_ptr() as usize));
    }
    let mut out = Vec::new();
    let mut start = 0;
    for c in cuts {
        out.push(item.get(start..c).unwrap_or(""));
        start = c;
    }
    out.push(item.get(start..).unwrap_or(""));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_initial_m_in_a_list_of_initials_is_kept() {
        let a = read_attendance(
            "Etaient présents : A.PETIT - R.BLANC : adjoints\n\
             L.ROUX - M.GIRARD - J.FAURE\n\
             Etaient absents excusés :\n\
             E.MOREL : procuration à M.GIRARD\n\
             M.LEGRAND : procuration à L.ROUX\n",
        )
        .attendance;
        assert_eq!(
            a.present,
            ["A.PETIT", "R.BLANC", "L.ROUX", "M.GIRARD", "J.FAURE"]
        );
        assert_eq!(
            pairs(&a),
            [("E.MOREL", Some("M.GIRARD")), ("M.LEGRAND", Some("L.ROUX"))]
        );
        // Among names in full, "M." is Monsieur.
        let a = read_attendance("Présents : M.GIRARD, Mme Anne PETIT, Paul BLANC\n").attendance;
        assert_eq!(a.present, ["GIRARD", "Anne PETIT", "Paul BLANC"]);
    }

    #[test]
    fn pouvoirs_run_together_on_one_line_are_parted() {
        // Parenthesised, after a civility each.
        let a = read_attendance(
            "Présents : Paul DURAND, Luc BLANC, Marie NOIR\n\
             Excusés : Monsieur Jean ROUX (Pouvoir à Monsieur Paul DURAND) \
             Madame Anne PETIT (Pouvoir à Monsieur Luc BLANC) Madame Léa VERT \
             (Pouvoir à Madame Marie NOIR) Madame Zoé GRIS, Publié le 3 mars\n",
        )
        .attendance;
        assert_eq!(
            pairs(&a),
            [
                ("Jean ROUX", Some("Paul DURAND")),
                ("Anne PETIT", Some("Luc BLANC")),
                ("Léa VERT", Some("Marie NOIR"))
            ]
        );
        assert_eq!(a.excused, ["Zoé GRIS"]);
        // No civility, a name in capitals then the next first name.
        let a = read_attendance(
            "Absents excusés ayant donné pouvoir : Anne PETIT a donné pouvoir à \
             Jean Luc DURAND Marc BLANC a donné pouvoir à Paul ROUX.\n",
        )
        .attendance;
        assert_eq!(
            pairs(&a),
            [
                ("Anne PETIT", Some("Jean Luc DURAND")),
                ("Marc BLANC", Some("Paul ROUX"))
            ]
        );
        // Dotted leaders and the bare "à" of a pouvoirs heading.
        let a = read_attendance(
            "Pouvoirs : Anne PETIT ........... à Paul DURAND Marc BLANC \
             ................ à Luc NOIR Secrétaire : Paul DURAND\n",
        )
        .attendance;
        assert_eq!(
            pairs(&a),
            [
                ("Anne PETIT", Some("Paul DURAND")),
                ("Marc BLANC", Some("Luc NOIR"))
            ]
        );
    }

    #[test]
    fn a_heading_saying_the_excused_gave_pouvoir_reads_the_bare_a() {
        let a = read_attendance(
            "Etaient présents : M. Paul DURAND, Mme Luce BLANC. Etaient excusés et avaient \
             donné pouvoir de voter en leur nom : Mme Anne PETIT à M. Paul DURAND, M. Marc \
             ROUX à Mme Luce BLANC. Le quorum étant atteint, la séance est ouverte.\n",
        )
        .attendance;
        assert_eq!(
            pairs(&a),
            [
                ("Anne PETIT", Some("Paul DURAND")),
                ("Marc ROUX", Some("Luce BLANC"))
            ]
        );
        let a = read_attendance(
            "Présents : M. DURAND, Mme BLANC. Excusés : Conformément à l'article L 2121-20 \
             du code, ont donné pouvoir écrit de voter en leur nom : Mme PETIT à M. DURAND \
             M. ROUX à Mme BLANC Secrétaire de séance : Mme BLANC\n",
        )
        .attendance;
        assert_eq!(
            pairs(&a),
            [("PETIT", Some("DURAND")), ("ROUX", Some("BLANC"))]
        );
    }

    #[test]
    fn a_head_printed_twice_lists_each_member_once() {
        let head = "Présents : M. Paul DURAND, Mme Luce BLANC. Pouvoirs : M. Marc ROUX à \
                    M. Paul DURAND. Absent : M. Léo GRIS. ";
        let a = read_attendance(&format!("{head}Objet : budget. {head}\n")).attendance;
        assert_eq!(a.present, ["Paul DURAND", "Luce BLANC"]);
        assert_eq!(pairs(&a), [("Marc ROUX", Some("Paul DURAND"))]);
        assert_eq!(a.absent, ["Léo GRIS"]);
    }

    #[test]
    fn excused_giving_procuration_are_represented() {
        let a = read_attendance(
            "Présents : M. Paul DURAND, Mme Luce BLANC Absents excusés donnant procuration : \
             M. Marc ROUX (donne procuration à M. Paul DURAND) M. Léo GRIS (donne procuration \
             à Mme Luce BLANC) Secrétaire de séance : M. DURAND\n",
        )
        .attendance;
        assert_eq!(
            pairs(&a),
            [
                ("Marc ROUX", Some("Paul DURAND")),
                ("Léo GRIS", Some("Luce BLANC"))
            ]
        );
    }

    #[test]
    fn a_secretary_by_surname_is_completed_from_the_lists() {
        let att = Attendance {
            present: vec!["Philippe GRANDIN".into(), "Sylvain GAUDIN".into()],
            excused: vec!["Dominique GAUDIN".into()],
            ..Attendance::default()
        };
        let mut s = Some("Grandin".to_string());
        complete_secretary(&mut s, &att);
        assert_eq!(s.as_deref(), Some("Philippe GRANDIN"));
        // Two members share the surname: left as printed.
        let mut s = Some("Gaudin".to_string());
        complete_secretary(&mut s, &att);
        assert_eq!(s.as_deref(), Some("Gaudin"));
    }

    #[test]
    fn labelled_lists_in_the_amp_style() {
        let t = "Madame Anne PETIT, Présidente, a ouvert la séance à laquelle ont été présents 3 membres.\n\nEtaient présents Mesdames et Messieurs :\nPaul AUBERT - Lucie BERNARD - Jean\nDE LA ROCHE.\n\nEtaient absents et représentés Mesdames et Messieurs :\nMarc DURAND représenté par Paul AUBERT - Sophie ROUX représentée par Lucie\nBERNARD.\n\nEtaient absents et excusés Mesdames et Messieurs :\nLéa MARTIN - Eric LE GALL.\n\nMadame la Présidente a proposé au Bureau";
        let a = read_attendance(t).attendance;
        assert_eq!(
            a.present,
            ["Paul AUBERT", "Lucie BERNARD", "Jean DE LA ROCHE"]
        );
        assert_eq!(a.represented.len(), 2);
        assert_eq!(a.represented[1].member, "Sophie ROUX");
        assert_eq!(a.represented[1].proxy.as_deref(), Some("Lucie BERNARD"));
        assert_eq!(a.excused, ["Léa MARTIN", "Eric LE GALL"]);
        assert_eq!(a.present_count, Some(3));
    }

    #[test]
    fn procuration_without_proxy_and_empty_absents() {
        let t = "Présents :\n\nPaul AUBERT, Lucie BERNARD,Marc DURAND Sophie ROUX.\nAbsents ayant voté par procuration en application de l'article L 2121-20 du Code\nGénéral des Collectivités Territoriales :\nLéa MARTIN, ,Eric LE GALL.\nAbsents :\n\nGarantie d'emprunt - Opération Centre\n\nPaul AUBERT rapporte :";
        let a = read_attendance(t).attendance;
        assert_eq!(a.present.len(), 4);
        assert_eq!(
            a.represented,
            [
                Pouvoir {
                    member: "Léa MARTIN".into(),
                    proxy: None
                },
                Pouvoir {
                    member: "Eric LE GALL".into(),
                    proxy: None
                }
            ]
        );
        assert!(a.absent.is_empty());
    }

    #[test]
    fn headings_with_a_plural_mark_in_parentheses() {
        let t = "PRÉSENT(S) : ROUX Anne, VIDAL Marc, NOËL Paul. PROCURATION(S) : DUPONT Léa à ROUX Anne, BLANC Hugo à VIDAL Marc. ABSENT(S)/EXCUSÉ(S) : MOREL Jean. SECRÉTAIRE DE SÉANCE : NOËL Paul";
        let a = read_attendance(t).attendance;
        assert_eq!(a.present, ["ROUX Anne", "VIDAL Marc", "NOËL Paul"]);
        assert_eq!(
            pairs(&a),
            [
                ("DUPONT Léa", Some("ROUX Anne")),
                ("BLANC Hugo", Some("VIDAL Marc"))
            ]
        );
        assert_eq!(a.excused, ["MOREL Jean"]);
    }

    #[test]
    fn names_run_on_before_a_pouvoir_and_a_guest_after_the_lists() {
        // The member is the last name before the link; the one before it
        // gave no pouvoir. "Assiste :" names a guest, no member.
        let t = "Présents : Paul AUBERT, Lucie BERNARD.\nAbsents excusés : Mme Anne PETIT. Marc DURAND (ayant donné pouvoir à Paul AUBERT).\nAssiste : M. Hugo LEROY, directeur général des services\n";
        let a = read_attendance(t).attendance;
        assert_eq!(pairs(&a), [("Marc DURAND", Some("Paul AUBERT"))]);
        assert_eq!(a.excused, ["Anne PETIT"]);
    }

    #[test]
    fn a_title_under_an_empty_heading_is_no_list() {
        // The heading left empty, a blank line, then the deliberation's title.
        for title in [
            "Restauration Scolaire - Tarifs Municipaux",
            "Office du Tourisme",
            "Syndicat des EAUX et FORETS -\nDésignation des représentants",
            "Association MUSIQUE EN FETE\net Pays de Loire\nDésignation du délégué",
        ] {
            let t = format!("Présents :\nPaul AUBERT, Lucie BERNARD, Marc DURAND.\nAbsents :\n\n{title}\n\nPaul AUBERT rapporte :");
            let a = read_attendance(&t).attendance;
            assert_eq!(a.present.len(), 3, "{title}");
            assert!(a.absent.is_empty(), "{title}: {:?}", a.absent);
        }
        // Names set apart from their heading are still read.
        let t = "Absents :\n\nLéa MARTIN, Eric LE GALL.\n\nPaul AUBERT rapporte :";
        assert_eq!(
            read_attendance(t).attendance.absent,
            ["Léa MARTIN", "Eric LE GALL"]
        );
    }

    #[test]
    fn roles_after_names_and_pouvoirs_on_their_own_line() {
        let t = "Présents:\nM. Paul AUBERT, Maire\nM. Marc DURAND, Lucie BERNARD, Adjoints\nM. Jean ROUX, Conseiller municipal délégué\nM. MMES Léa MARTIN, Anne PETIT, Conseillers municipaux\nAbsents excusés :\nM. Eric LE GALL, Conseiller municipal, pouvoir donné à\nM. Jean ROUX\nMME Sophie ROUX, Conseillère municipale\n• A été élu secrétaire de séance : M. Jean ROUX";
        let a = read_attendance(t).attendance;
        assert_eq!(
            a.present,
            [
                "Paul AUBERT",
                "Marc DURAND",
                "Lucie BERNARD",
                "Jean ROUX",
                "Léa MARTIN",
                "Anne PETIT"
            ]
        );
        assert_eq!(
            a.represented,
            [Pouvoir {
                member: "Eric LE GALL".into(),
                proxy: Some("Jean ROUX".into())
            }]
        );
        assert_eq!(a.excused, ["Sophie ROUX"]);
    }

    #[test]
    fn a_pouvoir_cut_before_its_link_is_no_heading() {
        let t = "Présents:\nM. Paul AUBERT, Maire\nM. MMES Léa MARTIN, Anne PETIT, Conseillers municipaux\nAbsents excusés :\nM. Marc DURAND, Conseiller municipal, pouvoir donné\nà M. Paul AUBERT\nMME Sophie ROUX, Conseillère municipale\nMLLE Lucie BERNARD, Conseillère municipale déléguée,\npouvoir donné à MME Léa MARTIN\nM. Eric LE GALL, Conseiller municipal\nA été élue secrétaire de séance : MME Anne PETIT";
        let a = read_attendance(t).attendance;
        assert_eq!(
            a.represented,
            [
                Pouvoir {
                    member: "Marc DURAND".into(),
                    proxy: Some("Paul AUBERT".into())
                },
                Pouvoir {
                    member: "Lucie BERNARD".into(),
                    proxy: Some("Léa MARTIN".into())
                }
            ]
        );
        assert_eq!(a.excused, ["Sophie ROUX", "Eric LE GALL"]);
    }

    /// The (member, proxy) pairs of `a`.
    fn pairs(a: &Attendance) -> Vec<(&str, Option<&str>)> {
        a.represented
            .iter()
            .map(|p| (p.member.as_str(), p.proxy.as_deref()))
            .collect()
    }

    #[test]
    fn lists_with_a_bullet_an_item() {
        for bullet in ["−", "-", "–", "•", "▪", "\u{f0b7}"] {
            let t = format!(
                "Présents : Madame Anne MARTIN, Monsieur Paul DURAND.\n\nPouvoirs :\n\
                 {bullet} Madame Léa PETIT à Madame Anne MARTIN\n\
                 {bullet} Monsieur Marc ROUX à Monsieur Paul DURAND\n\nAbsents :\n\
                 {bullet} Madame Zoé BLANC\n{bullet} Monsieur Luc NOIR\n\n\
                 Secrétaire : Monsieur Paul DURAND\n"
            );
            let a = read_attendance(&t).attendance;
            let pairs = pairs(&a);
            assert_eq!(
                pairs,
                [
                    ("Léa PETIT", Some("Anne MARTIN")),
                    ("Marc ROUX", Some("Paul DURAND"))
                ],
                "{bullet}"
            );
            assert_eq!(a.absent, ["Zoé BLANC", "Luc NOIR"], "{bullet}");
        }
    }

    #[test]
    fn a_proxy_named_by_surname_is_the_member_present() {
        let t = "Etaient présents : Paul LEROUX, Jeanne GUILLOUET, Marc MALLARD.\n\nAbsents ayant donné procuration : Léa BEAU donne pouvoir à madame Guillouet, Luc BAECHLER donne pouvoir à Monsieur LEROUX, Anne DURAND donne pouvoir à monsieur Martin\n\nSecrétaire : Paul LEROUX\n";
        let a = read_attendance(t).attendance;
        let pairs = pairs(&a);
        assert_eq!(
            pairs,
            [
                ("Léa BEAU", Some("Jeanne GUILLOUET")),
                ("Luc BAECHLER", Some("Paul LEROUX")),
                // Nobody present of that name: the surname as printed.
                ("Anne DURAND", Some("Martin"))
            ]
        );
    }

    #[test]
    fn a_bullet_holding_a_list_is_a_group_of_its_own() {
        let t = "Présents :\n    • Élus : Anne MARTIN, Paul DURAND, Léa PETIT\n    • Mairie : Zoé BLANC - DGS\n\nSecrétaire de séance : Paul DURAND\n";
        let a = read_attendance(t).attendance;
        assert_eq!(a.present, ["Anne MARTIN", "Paul DURAND", "Léa PETIT"]);
    }

    #[test]
    fn the_president_attends() {
        let mut a =
            read_attendance("Etaient présents : C.FOROT - T.BUSIN : adjoints.\n").attendance;
        include_president(&mut a, Some("ARMAND"));
        assert_eq!(a.present, ["ARMAND", "C.FOROT", "T.BUSIN"]);
        include_president(&mut a, Some("T. BUSIN"));
        assert_eq!(a.present.len(), 3, "already listed");
        include_president(&mut a, Some("Christophe FOROT"));
        assert_eq!(a.present.len(), 3, "listed with an initial");
        // Holding a pouvoir, the president attends.
        let mut a = read_attendance(
            "Etaient présents : C.FOROT - T.BUSIN : adjoints.\nEtaient absents excusés :\nB.DUBOIS : procuration à Y. ARMAND\n\n",
        )
        .attendance;
        include_president(&mut a, Some("Yves ARMAND"));
        assert_eq!(a.present, ["Yves ARMAND", "C.FOROT", "T.BUSIN"]);
        let mut empty = Attendance::default();
        include_president(&mut empty, Some("ARMAND"));
        assert!(empty.present.is_empty());
    }

    #[test]
    fn a_list_printed_above_its_heading() {
        let t = "n° 2014 / 12\n\nPaul AUBERT, Lucie BERNARD,Marc DURAND.\n\nPrésents :\n\nAbsents :\n\nGarantie d'emprunt\n\nPaul AUBERT rapporte :";
        let a = read_attendance(t).attendance;
        assert_eq!(a.present, ["Paul AUBERT", "Lucie BERNARD", "Marc DURAND"]);
        assert!(a.absent.is_empty());
    }

    #[test]
    fn a_stop_phrase_inside_a_line_ends_the_list_at_that_line() {
        let t = "Présents : Paul AUBERT, Lucie BERNARD\nAbsentes : MMES Sonia BAILLY, Karine MOSNIER\nA été élue secrétaire de séance : Mme Régine CORMIER.\n";
        let a = read_attendance(t).attendance;
        assert_eq!(a.absent, ["Sonia BAILLY", "Karine MOSNIER"]);
    }

    #[test]
    fn one_pouvoir_a_line_whatever_its_commas() {
        let (p, plain) = read_pouvoirs(
            "À Louis DERUMAUX, donne pouvoir à Charles SPETH\nÀ Philippe PERRODO donne pouvoir à Jean-Pierre TOULOUSE\nJulien PONS donne pouvoir à Bernard BRUNO\n\nPublic : 3 habitants",
            false,
        );
        let pairs: Vec<_> = p
            .iter()
            .map(|p| (p.member.as_str(), p.proxy.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(
            pairs,
            [
                ("Louis DERUMAUX", "Charles SPETH"),
                ("Philippe PERRODO", "Jean-Pierre TOULOUSE"),
                ("Julien PONS", "Bernard BRUNO")
            ]
        );
        assert!(plain.is_empty(), "{plain:?}");
    }

    #[test]
    fn a_heading_qualified_without_pouvoir_and_a_staff_line() {
        let t = "Présents : Paul AUBERT, Lucie BERNARD, Marc DURAND.\nExcusés ayant donné pouvoir: Léa MARTIN donne pouvoir à Paul AUBERT, Eric LE GALL donne\npouvoir à Marc DURAND.\nAbsents sans pouvoir : Sophie ROUX, Anne PETIT\nMairie : Zoé BLANC - Directrice générale des services\nSecrétaire de séance : Marc DURAND\n";
        let read = read_attendance(t);
        assert!(read.issues.is_empty(), "{:?}", read.issues);
        let a = read.attendance;
        assert_eq!(
            pairs(&a),
            [
                ("Léa MARTIN", Some("Paul AUBERT")),
                ("Eric LE GALL", Some("Marc DURAND"))
            ]
        );
        assert_eq!(a.absent, ["Sophie ROUX", "Anne PETIT"]);
        // The staff line after a pouvoir list, no "Mairie :" label.
        let t = "Présents : Paul AUBERT, Lucie BERNARD.\nExcusés sans pouvoir : Sophie ROUX\nPouvoirs : Léa MARTIN donne pouvoir à Paul AUBERT, Zoé BLANC - Directrice générale des services\n\nSecrétaire de séance : Paul AUBERT\n";
        let a = read_attendance(t).attendance;
        assert_eq!(a.excused, ["Sophie ROUX"]);
        assert_eq!(pairs(&a), [("Léa MARTIN", Some("Paul AUBERT"))]);
    }

    #[test]
    fn excused_with_an_arrival_note_and_their_pouvoir() {
        let t = "Présents : Paul AUBERT, Lucie BERNARD, Marc DURAND\n\nExcusées : Léa MARTIN, arrivée à 18h30, ayant donné pouvoir à Lucie BERNARD,\nAnne PETIT, donne pouvoir à Marc DURAND.\n\nSecrétaire de séance : Marc DURAND\n";
        let a = read_attendance(t).attendance;
        assert_eq!(
            pairs(&a),
            [
                ("Léa MARTIN", Some("Lucie BERNARD")),
                ("Anne PETIT", Some("Marc DURAND"))
            ]
        );
        assert!(a.excused.is_empty(), "{:?}", a.excused);
    }

    #[test]
    fn one_heading_for_the_excused_and_their_pouvoirs() {
        for heading in ["Excusés / pouvoirs", "Absents excusés et pouvoirs"] {
            let t = format!("Présents : Paul AUBERT, Lucie BERNARD.\n\n{heading} : Léa MARTIN donne pouvoir à Paul AUBERT\nMarc DURAND à Lucie BERNARD\nSophie ROUX\n\nSecrétaire de séance : Paul AUBERT\n");
            let a = read_attendance(&t).attendance;
            assert_eq!(
                pairs(&a),
                [
                    ("Léa MARTIN", Some("Paul AUBERT")),
                    ("Marc DURAND", Some("Lucie BERNARD"))
                ],
                "{heading}"
            );
            assert_eq!(a.excused, ["Sophie ROUX"], "{heading}");
        }
    }

    #[test]
    fn an_absent_with_a_pouvoir_is_represented() {
        let t = "Présents : Paul AUBERT, Lucie BERNARD.\n\nAbsents :\nLéa MARTIN, pouvoir à Lucie BERNARD\nMarc DURAND\n\nSecrétaire de séance : Paul AUBERT\n";
        let a = read_attendance(t).attendance;
        assert_eq!(pairs(&a), [("Léa MARTIN", Some("Lucie BERNARD"))]);
        assert_eq!(a.absent, ["Marc DURAND"]);
    }

    #[test]
    fn pouvoirs_a_line_then_names_without_one() {
        let t = "Etaient absents excusés :\nT.BUSIN : procuration à Y. ARMAND\nI.MEJEAN : procuration à N.VERDON\nP.MATHIAS - H.CHARANCON\n\nSecrétaire de séance : N.VERDON\n";
        let a = read_attendance(t).attendance;
        assert_eq!(
            pairs(&a),
            [
                ("T.BUSIN", Some("Y. ARMAND")),
                ("I.MEJEAN", Some("N.VERDON"))
            ]
        );
        assert_eq!(a.excused, ["P.MATHIAS", "H.CHARANCON"]);
    }

    #[test]
    fn a_heading_without_its_colon_above_pouvoirs_with_theirs() {
        let t = "Etaient présents : C.FOROT - T.BUSIN\n\nEtaient absents excusés\nF.RUSSO : procuration à C.FOROT\nP.MATHIAS : procuration à T.BUSIN\nN.GALIANA - H.CHARANCON\n\nAbsent non excusé : F.THEOLAS\n";
        let read = read_attendance(t);
        assert!(read.issues.is_empty(), "{:?}", read.issues);
        assert_eq!(
            pairs(&read.attendance),
            [("F.RUSSO", Some("C.FOROT")), ("P.MATHIAS", Some("T.BUSIN"))]
        );
        assert_eq!(read.attendance.excused, ["N.GALIANA", "H.CHARANCON"]);
        // A plural civility on the next line still belongs to the heading.
        let t =
            "Etaient absents et excusés\nMesdames et Messieurs : Léa MARTIN - Eric LE GALL.\n\n";
        assert_eq!(
            read_attendance(t).attendance.excused,
            ["Léa MARTIN", "Eric LE GALL"]
        );
    }

    #[test]
    fn a_pouvoir_heading_closed_by_a_semicolon() {
        let t = "Etaient présents : MM. Paul DURAND, Anne PETIT, Marc ROUX.\n\nPersonne ayant donné procuration ; Mme Léa MARTIN à Mr Paul DURAND, Mr Eric BLANC à Mme Anne PETIT.\n\nAbsents excusés : MM. Jean GIRARD.\n";
        let a = read_attendance(t).attendance;
        assert_eq!(
            pairs(&a),
            [
                ("Léa MARTIN", Some("Paul DURAND")),
                ("Eric BLANC", Some("Anne PETIT"))
            ]
        );
        assert_eq!(a.excused, ["Jean GIRARD"]);
    }

    #[test]
    fn a_proxy_cut_by_the_line_end_is_one_name() {
        for t in [
            "Pouvoirs :\nLéa MARTIN donne pouvoir à Paul\nAUBERT\nMarc DURAND donne pouvoir à Lucie BERNARD\n\n",
            "Pouvoirs :\nLéa MARTIN donne pouvoir à\nPaul AUBERT\nMarc DURAND donne pouvoir à Lucie BERNARD\n\n",
        ] {
            let a = read_attendance(t).attendance;
            assert_eq!(
                pairs(&a),
                [
                    ("Léa MARTIN", Some("Paul AUBERT")),
                    ("Marc DURAND", Some("Lucie BERNARD"))
                ],
                "{t}"
            );
        }
    }

    #[test]
    fn pouvoirs_and_excused_who_gave_one() {
        let t = "Présents : 18 Votants : 21 Excusés : Anne PETIT, Marc DURAND Pouvoirs : Anne PETIT ........ à Paul AUBERT, Marc DURAND (pouvoir à Lucie BERNARD) Secrétaire : Léa MARTIN";
        let a = read_attendance(t).attendance;
        assert_eq!(a.present_count, Some(18));
        assert!(a.excused.is_empty(), "{:?}", a.excused);
        assert_eq!(a.represented[0].proxy.as_deref(), Some("Paul AUBERT"));
    }
}
