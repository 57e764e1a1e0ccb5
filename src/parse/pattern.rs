//! Regular expressions that keep the regex engine on its fast automata.
//!
//! A Unicode word boundary (`\b`) cannot be decided by the regex crate's
//! lazy DFA once the text holds a non-ASCII byte, which French text always
//! does: the search then falls back to the PikeVM over the whole text, about
//! a hundred times slower. A [`Pattern`] with such a boundary is searched in
//! two steps that give exactly the matches of the original expression:
//!
//! 1. a *prefilter*, the same expression with every `\b` and `\B` removed,
//!    finds the leftmost position `s` where it matches; it runs on the DFA.
//!    Removing an assertion only widens what matches, so no match of the
//!    original can start before `s`;
//! 2. the original expression, anchored at `s`, decides: its match there is
//!    the original's leftmost match (same start, same preference among
//!    alternatives, same groups). When it does not match at `s`, the search
//!    resumes one character further. It runs on the span the prefilter's
//!    automaton can read from `s` (see `Reach`), short enough for the
//!    bounded backtracker.
//!
//! Iteration follows the regex crate's rules (non-overlapping, an empty match
//! right after the previous match skipped), so `find_iter` and
//! `captures_iter` yield what [`regex::Regex`] would. A pattern without a
//! Unicode boundary is searched directly, except one with a Unicode class
//! (`\p{L}`) that every match starts with one of a few literals: the regex
//! crate finds a match's start by running a lazy DFA backwards from its end,
//! and the reverse automaton of `\p{L}` is so large that the lazy DFA keeps
//! rebuilding its states (`header.authority`: 45 ns per byte, when its
//! forward scan alone takes 0.3). Such a pattern is searched the same way
//! as one with a boundary, its prefilter being its literal prefixes: every
//! occurrence of one is checked anchored, left to right, which runs forwards
//! only.

use std::ops::Range;

use std::panic::{RefUnwindSafe, UnwindSafe};
use std::sync::Arc;

use regex_automata::util::captures::Captures;
use regex_automata::util::pool::Pool;
use regex_automata::util::prefilter;
use regex_automata::{hybrid, meta};
use regex_automata::{Anchored, Input, MatchKind, Span};

/// A compiled regular expression (regex crate syntax), searched with a
/// prefilter when it has a Unicode word boundary.
#[derive(Debug, Clone)]
pub struct Pattern {
    source: String,
    exact: meta::Regex,
    /// The expression again, bounded backtracker allowed, for the groups of
    /// a match of `exact` already found (when `exact` has it turned off).
    groups: Option<meta::Regex>,
    /// Where a match may start, when the exact expression is better checked
    /// only there.
    prefilter: Option<Prefilter>,
    /// How far from a candidate start the expression can read at all.
    reach: Option<Arc<Reach>>,
    /// The case-folded literals every match starts with, searched for on
    /// the folded document (`super::folded`) when the text is part of it.
    keys: Option<prefilter::Prefilter>,
    /// This pattern's number, under which the folded document keeps where
    /// its keys occur.
    id: usize,
    /// The bytes a match can start with, when they are known.
    first: Option<FirstBytes>,
    /// Whether every match starts at the start of the text (`^` without
    /// `(?m)`).
    start_anchored: bool,
}

/// The number of the next pattern compiled.
static NEXT_ID: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Finds the leftmost position at or after a point where a match of a
/// [`Pattern`] may start; no match starts before it.
#[derive(Debug, Clone)]
enum Prefilter {
    /// The expression without its word boundaries, when it had Unicode ones.
    Unbounded(meta::Regex),
    /// The literals every match starts with.
    Prefixes(prefilter::Prefilter),
}

impl Prefilter {
    /// The leftmost candidate start in `text[at..]`.
    fn start(&self, text: &str, at: usize) -> Option<usize> {
        match self {
            Prefilter::Unbounded(re) => re.search(&Input::new(text).range(at..)).map(|m| m.start()),
            Prefilter::Prefixes(pre) => pre
                .find(text.as_bytes(), Span::from(at..text.len()))
                .map(|s| s.start),
        }
    }
}

impl Pattern {
    /// Compiles `pattern` (regex crate syntax); a syntax error comes back as
    /// `regex::Error::Syntax`.
    pub fn new(pattern: &str) -> Result<Pattern, regex::Error> {
        let unicode_boundary = has_unicode_boundary(pattern);
        // The anchored check runs on the rest of the text: the bounded
        // backtracker would clear a visited set that large at every
        // candidate, where the PikeVM stops as soon as its threads die.
        let exact = meta::Builder::new()
            .configure(meta::Config::new().backtrack(!unicode_boundary))
            .build(pattern)
            .map_err(|e| regex::Error::Syntax(e.to_string()))?;
        // Over the span of a match the backtracker is cheap, where the
        // PikeVM walks every state of a large expression at every byte
        // (the groups of the amounts and dates cost 16,000 instructions each).
        let groups = if unicode_boundary {
            meta::Regex::new(pattern).ok()
        } else {
            None
        };
        let prefilter = if unicode_boundary {
            meta::Regex::new(&without_boundaries(pattern))
                .ok()
                .map(Prefilter::Unbounded)
        } else if pattern.contains(r"\p{") {
            literal_prefixes(pattern).map(Prefilter::Prefixes)
        } else {
            None
        };
        let reach = if unicode_boundary {
            Reach::new(&without_boundaries(pattern)).map(Arc::new)
        } else {
            None
        };
        let hir = regex_syntax::parse(pattern).ok();
        let first = hir.as_ref().and_then(FirstBytes::of);
        let keys = hir.as_ref().and_then(folded_prefixes);
        let start_anchored = hir.as_ref().is_some_and(|h| {
            h.properties()
                .look_set_prefix()
                .contains(regex_syntax::hir::Look::Start)
        });
        Ok(Pattern {
            source: pattern.to_string(),
            exact,
            groups,
            prefilter,
            reach,
            keys,
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            first,
            start_anchored,
        })
    }

    /// A pattern that never matches.
    pub fn never() -> Pattern {
        Pattern::new(r"[^\s\S]").unwrap_or_else(|_| unreachable!("a valid constant pattern"))
    }

    /// The expression as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// True when the expression matches somewhere in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        match (&self.prefilter, &self.keys) {
            (None, None) => self.exact.is_match(text),
            _ => self.find_at(text, 0).is_some(),
        }
    }

    /// The leftmost match in `text`.
    pub fn find<'t>(&self, text: &'t str) -> Option<Match<'t>> {
        self.find_at(text, 0)
    }

    /// The leftmost match in `text` starting at or after `start`; the text
    /// before `start` still counts for boundaries.
    pub fn find_at<'t>(&self, text: &'t str, start: usize) -> Option<Match<'t>> {
        self.search(text, start, None).map(|r| Match::new(text, r))
    }

    /// The match starting at the start of `text`, the one [`Pattern::find`]
    /// gives when it starts there.
    pub fn find_anchored<'t>(&self, text: &'t str) -> Option<Match<'t>> {
        if !self.may_start(text, 0) {
            return None;
        }
        self.exact
            .search(&Input::new(text).anchored(Anchored::Yes))
            .map(|m| Match::new(text, m.range()))
    }

    /// The groups of the leftmost match in `text`.
    pub fn captures<'t>(&self, text: &'t str) -> Option<Caps<'t>> {
        let mut caps = self.exact.create_captures();
        self.search(text, 0, Some(&mut caps))?;
        Some(Caps { text, caps })
    }

    /// Every non-overlapping match, left to right.
    pub fn find_iter<'r, 't>(&'r self, text: &'t str) -> impl Iterator<Item = Match<'t>> + 'r
    where
        't: 'r,
    {
        let mut it = Iter::new(self, text, false);
        std::iter::from_fn(move || it.next().map(|(r, _)| Match::new(text, r)))
    }

    /// The groups of every non-overlapping match, left to right.
    pub fn captures_iter<'r, 't>(&'r self, text: &'t str) -> impl Iterator<Item = Caps<'t>> + 'r
    where
        't: 'r,
    {
        let mut it = Iter::new(self, text, true);
        std::iter::from_fn(move || {
            it.next().map(|(_, caps)| Caps {
                text,
                caps: caps.unwrap_or_else(|| self.exact.create_captures()),
            })
        })
    }

    /// The pieces of `text` between matches, as `regex::Regex::split`.
    pub fn split<'r, 't>(&'r self, text: &'t str) -> impl Iterator<Item = &'t str> + 'r
    where
        't: 'r,
    {
        let mut matches = self.find_iter(text);
        let mut last = Some(0);
        std::iter::from_fn(move || {
            let from = last?;
            match matches.next() {
                Some(m) => {
                    last = Some(m.end());
                    Some(&text[from..m.start()])
                }
                None => {
                    last = None;
                    Some(&text[from..])
                }
            }
        })
    }

    /// The leftmost match at or after `at`, its groups in `caps` when
    /// asked for (finding the groups costs a second engine run on the match).
    fn search(
        &self,
        text: &str,
        at: usize,
        mut caps: Option<&mut Captures>,
    ) -> Option<Range<usize>> {
        if self.start_anchored && at == 0 && !self.may_start(text, 0) {
            return None;
        }
        let mut run = |input: &Input| match (caps.as_deref_mut(), &self.groups) {
            // On a short span (see `Reach`) the backtracker is allowed.
            (Some(caps), Some(groups)) if input.end() < text.len() => {
                groups.search_captures(input, caps);
                caps.get_match().map(|g| g.range())
            }
            (None, Some(groups)) if input.end() < text.len() => {
                groups.search(input).map(|m| m.range())
            }
            // The match first, then its groups on its span only: the engine
            // keeps the leftmost-first match when the text ends where it
            // does (assertions still see the text around the span).
            (Some(caps), Some(groups)) => {
                let m = self.exact.search(input)?.range();
                let span = input.clone().range(m).anchored(Anchored::Yes);
                groups.search_captures(&span, caps);
                caps.get_match().map(|g| g.range())
            }
            (Some(caps), None) => {
                self.exact.search_captures(input, caps);
                caps.get_match().map(|m| m.range())
            }
            (None, _) => self.exact.search(input).map(|m| m.range()),
        };
        // Each candidate start is checked anchored, on the span the
        // expression can reach from it.
        let mut from_candidates = |next: &mut dyn FnMut(usize) -> Option<usize>| {
            let mut at = at;
            while at <= text.len() {
                let s = next(at)?;
                let end = self.reach.as_ref().map_or(text.len(), |r| r.end(text, s));
                if let Some(m) = run(&Input::new(text).range(s..end).anchored(Anchored::Yes)) {
                    return Some(m);
                }
                at = s + text[s..].chars().next().map_or(1, char::len_utf8);
            }
            None
        };
        if let Some(keys) = &self.keys {
            let find = |folded: &[u8], at: usize| {
                keys.find(folded, Span::from(at..folded.len()))
                    .map(|s| s.start)
            };
            let mut in_document = true;
            let found = from_candidates(&mut |at| {
                let next = super::folded::next_start(text, self.id, at, find);
                in_document = next.is_some();
                next.flatten()
            });
            if in_document {
                return found;
            }
        }
        match &self.prefilter {
            Some(pre) => from_candidates(&mut |at| pre.start(text, at)),
            None => run(&Input::new(text).range(at..)),
        }
    }
}

impl Pattern {
    /// False when no match can start at `at` of `text`: its byte there (or
    /// the end of the text) cannot begin one. The part readers try many
    /// patterns anchored at the start of every line, and most lines start
    /// with a byte that rules a pattern out.
    fn may_start(&self, text: &str, at: usize) -> bool {
        match &self.first {
            None => true,
            Some(first) => text
                .as_bytes()
                .get(at)
                .is_some_and(|&b| first.0[usize::from(b)]),
        }
    }
}

/// The expression without its word boundaries as a lazy DFA, walked from a
/// candidate start to where no match can go on: every match of the
/// expression is one of it with its assertions dropped, so none reads past
/// that point, and the anchored check runs on the span up to it, short
/// enough for the bounded backtracker (the PikeVM, which the Unicode
/// boundary otherwise leaves as the only engine over the rest of the text,
/// costs thousands of instructions per byte on the larger expressions).
struct Reach {
    dfa: hybrid::dfa::DFA,
    caches: Pool<hybrid::dfa::Cache, CacheFn>,
}

type CacheFn = Box<dyn Fn() -> hybrid::dfa::Cache + Send + Sync + UnwindSafe + RefUnwindSafe>;

impl std::fmt::Debug for Reach {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reach").finish_non_exhaustive()
    }
}

impl Reach {
    fn new(unbounded: &str) -> Option<Reach> {
        // Every thread kept: a leftmost-first automaton drops the
        // alternatives after a preferred one that matched ("h" before
        // "heures"), which a boundary of the whole expression may reject.
        let dfa = hybrid::dfa::DFA::builder()
            .configure(hybrid::dfa::DFA::config().match_kind(MatchKind::All))
            .build(unbounded)
            .ok()?;
        let for_cache = dfa.clone();
        Some(Reach {
            dfa,
            caches: Pool::new(Box::new(move || for_cache.create_cache())),
        })
    }

    /// The end of the span a match starting at `s` can lie in: one character
    /// past the byte where the walk dies, or the end of the text (also when
    /// the lazy DFA cannot answer).
    fn end(&self, text: &str, s: usize) -> usize {
        let mut cache = self.caches.get();
        let input = Input::new(text).range(s..).anchored(Anchored::Yes);
        let Ok(mut sid) = self.dfa.start_state_forward(&mut cache, &input) else {
            return text.len();
        };
        for (i, &b) in text.as_bytes()[s..].iter().enumerate() {
            sid = match self.dfa.next_state(&mut cache, sid, b) {
                Ok(sid) => sid,
                Err(_) => return text.len(),
            };
            if sid.is_quit() {
                return text.len();
            }
            if sid.is_dead() {
                let mut end = (s + i + 2).min(text.len());
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                return end;
            }
        }
        text.len()
    }
}

/// The bytes every match of an expression starts with: the first bytes of
/// its prefix literals, when it has a finite set of them and none is empty
/// (an expression that may match the empty string has none).
#[derive(Debug, Clone)]
struct FirstBytes(Box<[bool; 256]>);

impl FirstBytes {
    fn of(hir: &regex_syntax::hir::Hir) -> Option<FirstBytes> {
        use regex_syntax::hir::literal::{ExtractKind, Extractor};
        let seq = Extractor::new().kind(ExtractKind::Prefix).extract(hir);
        let mut table = Box::new([false; 256]);
        for lit in seq.literals()? {
            table[usize::from(*lit.as_bytes().first()?)] = true;
        }
        Some(FirstBytes(table))
    }
}

/// Non-overlapping search state, as the regex crate's iterators keep it.
struct Iter<'r, 't> {
    pattern: &'r Pattern,
    text: &'t str,
    at: usize,
    last_end: Option<usize>,
    done: bool,
    /// Whether the groups are wanted.
    groups: bool,
}

impl<'r, 't> Iter<'r, 't> {
    fn new(pattern: &'r Pattern, text: &'t str, groups: bool) -> Self {
        Iter {
            pattern,
            text,
            at: 0,
            last_end: None,
            done: false,
            groups,
        }
    }

    fn next(&mut self) -> Option<(Range<usize>, Option<Captures>)> {
        if self.done {
            return None;
        }
        let mut caps = self.groups.then(|| self.pattern.exact.create_captures());
        let mut r = self.pattern.search(self.text, self.at, caps.as_mut());
        // An empty match where the previous one ended is skipped.
        if let Some(m) = &r {
            if m.is_empty() && Some(m.end) == self.last_end {
                r = if m.end + 1 > self.text.len() {
                    None
                } else {
                    self.pattern.search(self.text, m.end + 1, caps.as_mut())
                };
            }
        }
        let Some(m) = r else {
            self.done = true;
            return None;
        };
        self.at = m.end;
        self.last_end = Some(m.end);
        Some((m, caps))
    }
}

/// One match: where it is and what it says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

impl<'t> Match<'t> {
    fn new(text: &'t str, r: Range<usize>) -> Match<'t> {
        Match {
            text,
            start: r.start,
            end: r.end,
        }
    }

    /// Byte offset of the start.
    pub fn start(&self) -> usize {
        self.start
    }

    /// Byte offset of the end (exclusive).
    pub fn end(&self) -> usize {
        self.end
    }

    /// The byte range.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// The matched text.
    pub fn as_str(&self) -> &'t str {
        self.text.get(self.start..self.end).unwrap_or("")
    }

    /// True when the match is empty.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }
}

/// The groups of one match.
#[derive(Debug, Clone)]
pub struct Caps<'t> {
    text: &'t str,
    caps: Captures,
}

impl<'t> Caps<'t> {
    /// Group `i` (0 is the whole match), when it took part in the match.
    pub fn get(&self, i: usize) -> Option<Match<'t>> {
        self.caps
            .get_group(i)
            .map(|s| Match::new(self.text, s.range()))
    }

    /// The group named `name`, when it took part in the match.
    pub fn name(&self, name: &str) -> Option<Match<'t>> {
        self.caps
            .get_group_by_name(name)
            .map(|s| Match::new(self.text, s.range()))
    }

    /// Every group in order, the whole match first.
    pub fn iter(&self) -> impl Iterator<Item = Option<Match<'t>>> + '_ {
        (0..self.caps.group_len()).map(|i| self.get(i))
    }

    /// The number of groups, the whole match included.
    pub fn len(&self) -> usize {
        self.caps.group_len()
    }

    /// Never true: a match has at least its whole-match group.
    pub fn is_empty(&self) -> bool {
        self.caps.group_len() == 0
    }
}

/// True when `pattern` has a `\b` or `\B` other than the ASCII `(?-u:\b)`.
fn has_unicode_boundary(pattern: &str) -> bool {
    let rest = pattern.replace(r"(?-u:\b)", "").replace(r"(?-u:\B)", "");
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        if c == '\\' && matches!(chars.next(), Some('b' | 'B')) {
            return true;
        }
    }
    false
}

/// A prefilter of the literals every match of `pattern` starts with, when
/// there are such literals and none is shorter than three bytes (a shorter
/// one would stop at nearly every word).
fn literal_prefixes(pattern: &str) -> Option<prefilter::Prefilter> {
    let hir = regex_syntax::parse(pattern).ok()?;
    let pre = prefilter::Prefilter::from_hir_prefix(MatchKind::LeftmostFirst, &hir)?;
    (pre.is_fast() && min_literal_len(&hir) >= 3).then_some(pre)
}

/// The length of the shortest prefix literal of `hir` (0 when there is
/// no finite set of them).
fn min_literal_len(hir: &regex_syntax::hir::Hir) -> usize {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let mut seq = Extractor::new().kind(ExtractKind::Prefix).extract(hir);
    seq.optimize_for_prefix_by_preference();
    seq.min_literal_len().unwrap_or(0)
}

/// A prefilter, over case-folded text, of the case-folded literals every
/// match of `hir` starts with: when there is a finite set of them, each at
/// least two bytes long, that a fast searcher takes.
fn folded_prefixes(hir: &regex_syntax::hir::Hir) -> Option<prefilter::Prefilter> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    // Short literals, so that the variants' spellings fold to few keys.
    let seq = Extractor::new()
        .kind(ExtractKind::Prefix)
        .limit_literal_len(4)
        .limit_class(40)
        .limit_repeat(4)
        .limit_total(100_000)
        .extract(hir);
    let mut keys: Vec<Vec<u8>> = seq
        .literals()?
        .iter()
        .map(|l| super::folded::fold(l.as_bytes()))
        .collect();
    if keys.iter().any(|k| k.len() < 2) {
        return None;
    }
    keys.sort();
    keys.dedup();
    let pre = prefilter::Prefilter::new(MatchKind::LeftmostFirst, &keys)?;
    pre.is_fast().then_some(pre)
}

/// `pattern` with every word-boundary assertion removed.
fn without_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('b' | 'B') => {}
            Some(n) => {
                out.push('\\');
                out.push(n);
            }
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every match and group of `pattern` on `text` is the regex crate's.
    /// Every match and group of `pattern` on `text` is the regex crate's:
    /// on `text` alone, on `text` as a registered document (the folded
    /// search), and on slices of a registered document searched in no
    /// particular order.
    fn same(pattern: &str, text: &str) {
        let p = Pattern::new(pattern).unwrap();
        let r = regex::Regex::new(pattern).unwrap();
        compare(&p, &r, text);
        super::super::folded::within(text, || compare(&p, &r, text));
        let doc = format!("Vu {text}\nÉTAIENT {text} vu");
        let cuts: Vec<usize> = (0..=doc.len())
            .filter(|&i| doc.is_char_boundary(i))
            .collect();
        super::super::folded::within(&doc, || {
            for (i, &a) in cuts.iter().enumerate().rev().step_by(3) {
                for &b in cuts[i..].iter().step_by(5) {
                    compare(&p, &r, &doc[a..b]);
                }
            }
            compare(&p, &r, &doc);
        });
    }

    fn compare(p: &Pattern, r: &regex::Regex, text: &str) {
        let pattern = r.as_str();
        let ours: Vec<Vec<Option<Range<usize>>>> = p
            .captures_iter(text)
            .map(|c| c.iter().map(|m| m.map(|m| m.range())).collect())
            .collect();
        let theirs: Vec<Vec<Option<Range<usize>>>> = r
            .captures_iter(text)
            .map(|c| c.iter().map(|m| m.map(|m| m.range())).collect())
            .collect();
        assert_eq!(ours, theirs, "{pattern:?} on {text:?}");
        let ours: Vec<_> = p.split(text).collect();
        let theirs: Vec<_> = r.split(text).collect();
        assert_eq!(ours, theirs, "{pattern:?} on {text:?}");
        let ours: Vec<_> = p.find_iter(text).map(|m| m.range()).collect();
        let theirs: Vec<_> = r.find_iter(text).map(|m| m.range()).collect();
        assert_eq!(ours, theirs, "{pattern:?} on {text:?}");
        assert_eq!(p.is_match(text), r.is_match(text));
        let anchored = r.find(text).filter(|m| m.start() == 0).map(|m| m.range());
        assert_eq!(p.find_anchored(text).map(|m| m.range()), anchored);
    }

    #[test]
    fn unicode_boundaries_give_the_regex_crate_matches() {
        let texts = [
            "",
            "reçu le 3 mars 2020é, nº12/03/2020 et 12/03/2020",
            "élu un décompte, compte, comptes; et étét et",
            "Pour : 45 – Contre : 3 – Abstentions : 2, un vote, aucun contre",
            "le lundi 4 février 2013 à 18H00; 1er mars 2021; premier mai 2020",
            "ààà aa a à",
            "Commune de Saint-Étienne, la Ville d'Évry et VILLE DE Tours-sur-Marne; Villeneuve",
            "12. Objet : Vu le code",
            "Considérant que 3° il",
            "ÉTAIENT PRÉSENTS : Vu; etaient\tpresents, Étaient présentsé, VU le compte rendu, Comptes",
        ];
        for pattern in [
            r"\b(\d{1,2})\s?([/.\-])\s?(\d{1,2})\s?([/.\-])\s?(\d{4}|\d{2})\b",
            r"(?i)\b(1\s?er|\d{1,2}|premier|[a-zéèêû]+(?:[\s-][a-zéèêû]+)?)\s+(mars|mai|février)\.?\s+(\d{4})\b",
            r"\bcompte\b",
            r"(?i)\bet\b",
            r"(?i)\b(?P<n>\d+|une|un)\s+(?P<l>contre|pour)",
            r"\b",
            r"\B",
            r"(?i)\b(à|a)\b",
            r"(?-u:\b)un(?-u:\b)|\bà\b",
            r"x*",
            r"^(\d{1,3})\s?(°|\.)\s*(\S)",
            r"(?i)^(?:vu|considérant)\b",
            r"(?i)(?:vu|considérant)\b",
            r"^x*",
            r"(?:Ville|VILLE|Commune)(?:\s+(?:de|DE)\s+|\s+d')\p{Lu}[\p{L}'\-]*(?:-\p{Lu}\p{L}*|\s+sur)*",
            r"(?i)(?:(?:(?-u:\b)e|[éèêë])t[aàâä]i[eéèêë]nt\s+pr[eéèêë]s[eéèêë]nts|(?-u:\b)vu(?-u:\b))",
            r"(?i)\bcompte(?:s|\s+rendu)?\b",
        ] {
            for t in texts {
                same(pattern, t);
            }
        }
    }

    #[test]
    fn a_case_insensitive_phrase_is_searched_by_its_folded_keys() {
        let p =
            Pattern::new(r"(?i)(?:(?:(?-u:\b)e|[éèêë])t[aàâä]i[eéèêë]nt\s+pr[eéèêë]s[eéèêë]nts)")
                .unwrap();
        assert!(p.keys.is_some());
        let text = "Séance. ÉTAIENT PRÉSENTS : X. Etaient\nprésents : Y.";
        let found = super::super::folded::within(text, || {
            p.find_iter(text).map(|m| m.as_str()).collect::<Vec<_>>()
        });
        assert_eq!(found, ["ÉTAIENT PRÉSENTS", "Etaient\nprésents"]);
        assert!(Pattern::new(r"\d+ euros").unwrap().keys.is_none());
    }

    #[test]
    fn a_boundary_rejects_a_preferred_alternative() {
        same(
            r"(?i)(?:(?:\b[àa]\s+([a-zéèêû]+(?:-[a-zéèêû]+)*)\s+heures?(?:\s+(?:et\s+)?([a-zéèêû]+(?:-[a-zéèêû]+)*))?)|(?:\b[àa]\s+(\d{1,2})\s*(?:h|H|heures?|:)\s*(\d{2})?\b))",
            "Le 2 mars 2012 à 18 heures, le Conseil\n",
        );
    }

    #[test]
    fn boundaries_are_found_and_removed() {
        assert!(has_unicode_boundary(r"\bet\b"));
        assert!(!has_unicode_boundary(r"(?-u:\b)et(?-u:\b)"));
        assert!(!has_unicode_boundary(r"\\b"));
        assert_eq!(without_boundaries(r"\bet\b\d\\b"), r"et\d\\b");
    }
}
