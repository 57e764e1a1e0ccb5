//! Normalization: [`Pages`] of raw text to one [`Source`] the grammar reads,
//! with an offset map back to each character's page and original offset.
//!
//! What it does, in order, page by page:
//! 1. characters: Unicode NFC; `’ ‘ ` ʼ` to `'`; ligatures (`ﬁ` → `fi`);
//!    soft hyphens and zero-width characters dropped; NBSP, narrow NBSP,
//!    thin spaces and tabs to a plain space; other control characters dropped;
//! 2. lines: white space folded inside a line, ends trimmed;
//! 3. running headers and footers: lines repeated at the top of many pages,
//!    or at the bottom of many (not the foot of one and the head of the
//!    next: an agenda item that comes back as the next page's heading; not
//!    a line stating a vote, unless nearly every page has it), and
//!    page numbers ("1/3", "Page 2 sur 5", "- 4 -"), are
//!    taken out of the text and kept in [`Source::furniture`] with their page,
//!    for the dates they carry ("Signé le …", "Reçu au contrôle de légalité
//!    le …"). A text file without form feeds has no pages: there a block of
//!    lines repeated whole is the running header, and each repetition starts a
//!    new page (the AMP seed repeats four lines on pages 2 and 3);
//! 4. end-of-line hyphenation: `relan-` + `ce` is joined to `relance`, while
//!    `Aix-` + `Marseille` keeps its hyphen (the next line starts with a
//!    capital) and is joined to `Aix-Marseille`;
//! 5. runs of blank lines folded to one blank line.

use std::collections::HashMap;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::model::{Span, TextOrigin};
use crate::pages::Pages;

/// The normalized text of a whole document.
#[derive(Debug, Clone, Default)]
pub struct Source {
    /// Where the text came from.
    pub origin: TextOrigin,
    /// All pages' normalized text, each page followed by `\n`.
    pub text: String,
    /// Each page's byte range in [`Source::text`], in order.
    pub pages: Vec<PageRange>,
    /// Running headers, footers and page numbers taken out of the text.
    pub furniture: Vec<Furniture>,
    /// Checkpoints `(normalized offset, raw page, raw offset)`: from each
    /// checkpoint on, offsets advance together until the next one.
    map: Vec<(usize, u32, usize)>,
}

/// A page's place in [`Source::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRange {
    /// 1-based page number of the normalized document.
    pub number: u32,
    /// Start byte offset in [`Source::text`].
    pub start: usize,
    /// End byte offset (exclusive), before the page's closing `\n`.
    pub end: usize,
}

/// A line removed as a running header, footer or page number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Furniture {
    /// The normalized page it stood on.
    pub page: u32,
    /// The line, whitespace folded.
    pub text: String,
}

impl Source {
    /// The span of `start..end` (offsets into [`Source::text`]), relative to
    /// the page that holds `start`; `end` is clamped to that page, and both
    /// are widened to character boundaries.
    pub fn span(&self, start: usize, end: usize) -> Span {
        let page = self.page_index(start);
        match self.pages.get(page) {
            Some(p) => {
                let mut s = start.clamp(p.start, p.end);
                let mut e = end.clamp(s, p.end);
                // A span always holds whole characters, whatever offsets
                // a reader computed (`end.min(200)` may cut a letter).
                while !self.text.is_char_boundary(s) {
                    s -= 1;
                }
                while !self.text.is_char_boundary(e) {
                    e += 1;
                }
                Span {
                    page: p.number,
                    start: s - p.start,
                    end: e - p.start,
                }
            }
            None => Span {
                page: 1,
                start: 0,
                end: 0,
            },
        }
    }

    /// The 1-based page number holding `offset`.
    pub fn page_of(&self, offset: usize) -> u32 {
        self.pages
            .get(self.page_index(offset))
            .map_or(1, |p| p.number)
    }

    /// The text of normalized page `number` (1-based), if there is one.
    pub fn page_text(&self, number: u32) -> Option<&str> {
        let p = self.pages.iter().find(|p| p.number == number)?;
        self.text.get(p.start..p.end)
    }

    /// The raw page and raw byte offset a normalized offset came from.
    pub fn original(&self, offset: usize) -> Option<(u32, usize)> {
        let i = self.map.partition_point(|&(n, _, _)| n <= offset);
        let &(n, page, raw) = self.map.get(i.checked_sub(1)?)?;
        Some((page, raw + (offset - n)))
    }

    fn page_index(&self, offset: usize) -> usize {
        self.pages
            .partition_point(|p| p.start <= offset)
            .saturating_sub(1)
    }
}

/// Normalizes raw pages into one [`Source`].
pub fn normalize(pages: &Pages) -> Source {
    let mut raw_pages: Vec<Vec<Line>> = pages
        .pages
        .iter()
        .map(|p| split_lines(&clean_chars(&p.text), p.number))
        .collect();
    let mut furniture = Vec::new();
    if raw_pages.len() == 1 && pages.origin == TextOrigin::TextFile {
        let lines = raw_pages.pop().unwrap_or_default();
        raw_pages = split_on_repeated_blocks(lines, &mut furniture);
    } else {
        remove_running_lines(&mut raw_pages, &mut furniture);
    }
    let mut src = Source {
        origin: pages.origin,
        furniture,
        ..Source::default()
    };
    let evidence = hyphen_evidence(&raw_pages);
    for (i, lines) in raw_pages.into_iter().enumerate() {
        let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let lines = join_hyphenated(fold_blank_lines(lines), &evidence);
        let start = src.text.len();
        for (k, line) in lines.iter().enumerate() {
            if k > 0 {
                src.text.push('\n');
            }
            let base = src.text.len();
            for &(off, page, raw) in &line.map {
                push_checkpoint(&mut src.map, base + off, page, raw);
            }
            src.text.push_str(&line.text);
        }
        src.pages.push(PageRange {
            number,
            start,
            end: src.text.len(),
        });
        src.text.push('\n');
    }
    src
}

fn push_checkpoint(map: &mut Vec<(usize, u32, usize)>, norm: usize, page: u32, raw: usize) {
    if let Some(&(n, p, r)) = map.last() {
        if p == page && norm >= n && raw >= r && norm - n == raw - r {
            return;
        }
    }
    map.push((norm, page, raw));
}

/// A line of text with checkpoints `(offset in line, raw page, raw offset)`.
#[derive(Debug, Clone, Default)]
struct Line {
    text: String,
    map: Vec<(usize, u32, usize)>,
}

impl Line {
    fn push(&mut self, ch: char, page: u32, raw: usize) {
        let off = self.text.len();
        self.text.push(ch);
        push_checkpoint(&mut self.map, off, page, raw);
    }

    fn push_line(&mut self, other: &Line) {
        let base = self.text.len();
        self.text.push_str(&other.text);
        for &(o, p, r) in &other.map {
            self.map.push((base + o, p, r));
        }
    }

    fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}

/// Step 1: characters, keeping each output char's raw offset.
fn clean_chars(raw: &str) -> Vec<(char, usize)> {
    let mut out = Vec::with_capacity(raw.len());
    let mut chars = raw.char_indices().peekable();
    while let Some((off, ch)) = chars.next() {
        // NFC over a base character and its combining marks.
        if chars.peek().is_some_and(|&(_, c)| is_combining_mark(c)) {
            let mut cluster = String::from(ch);
            while let Some(&(_, c)) = chars.peek().filter(|&&(_, c)| is_combining_mark(c)) {
                cluster.push(c);
                chars.next();
            }
            out.extend(cluster.nfc().map(|c| (c, off)));
            continue;
        }
        // Mail-merge field marks left in a word processor's export
        // ("<DELTIT>", "</SEASY8>", "<DELPHI</DELPHI>") are not text.
        if ch == '<' {
            if let Some(len) = merge_mark_len(&raw[off..]) {
                while chars.peek().is_some_and(|&(o, _)| o < off + len) {
                    chars.next();
                }
                continue;
            }
        }
        match ch {
            '\u{2019}' | '\u{2018}' | '`' | '\u{02BC}' | '\u{2032}' => out.push(('\'', off)),
            '\u{00A0}' | '\u{202F}' | '\u{2007}' | '\u{2009}' | '\u{2002}' | '\u{2003}'
            | '\u{2008}' | '\u{200A}' | '\t' => out.push((' ', off)),
            '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' | '\u{2060}' => {}
            '\r' => {
                // CRLF is one line break; a lone CR is one too.
                if chars.peek().is_some_and(|&(_, c)| c == '\n') {
                    continue;
                }
                out.push(('\n', off));
            }
            '\n' => out.push(('\n', off)),
            // Symbol-font glyphs (Wingdings bullets in Word exports) land in
            // the private use area: they are list bullets.
            '\u{E000}'..='\u{F8FF}' => out.push(('•', off)),
            '\u{0C}' => out.push(('\n', off)),
            c if c.is_control() => {}
            c => match ligature(c) {
                Some(s) => out.extend(s.chars().map(|c| (c, off))),
                None => out.push((c, off)),
            },
        }
    }
    out
}

/// The byte length of a mail-merge field mark at the start of `s`: `<`,
/// an optional `/`, four to twelve capitals and digits (a capital first),
/// and the closing `>` when printed.
fn merge_mark_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 1 + usize::from(b.get(1) == Some(&b'/'));
    let start = i;
    if !b.get(i)?.is_ascii_uppercase() {
        return None;
    }
    while b
        .get(i)
        .is_some_and(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    {
        i += 1;
    }
    if !(4..=12).contains(&(i - start)) {
        return None;
    }
    match b.get(i) {
        Some(b'>') => Some(i + 1),
        Some(b'<') | Some(b'\n') | Some(b'\r') | Some(b' ') | None => Some(i),
        _ => None,
    }
}

/// The letters a typographic ligature stands for (`ﬁ` → `fi`); shared with
/// the PDF stage, which spells ligatures out glyph by glyph.
pub(crate) fn ligature(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{FB00}' => "ff",
        '\u{FB01}' => "fi",
        '\u{FB02}' => "fl",
        '\u{FB03}' => "ffi",
        '\u{FB04}' => "ffl",
        '\u{FB05}' | '\u{FB06}' => "st",
        _ => return None,
    })
}

/// Step 2: lines with white space folded and ends trimmed.
fn split_lines(chars: &[(char, usize)], page: u32) -> Vec<Line> {
    let mut lines = Vec::new();
    for raw_line in chars.split(|&(c, _)| c == '\n') {
        let mut line = Line::default();
        let mut pending_space: Option<usize> = None;
        for &(c, off) in raw_line {
            if c.is_whitespace() {
                if !line.text.is_empty() && pending_space.is_none() {
                    pending_space = Some(off);
                }
                continue;
            }
            if let Some(sp) = pending_space.take() {
                line.push(' ', page, sp);
            }
            line.push(c, page, off);
        }
        lines.push(line);
    }
    lines
}

/// Lines examined at each end of a page for running headers and footers.
const EDGE_LINES: usize = 6;

/// Step 3 for paged documents: exact lines repeated in the top or bottom
/// lines of many pages, and page numbers there.
fn remove_running_lines(pages: &mut [Vec<Line>], furniture: &mut Vec<Furniture>) {
    let page_count = pages.len();
    // By edge (true: the head of the page) and line: the pages it is on.
    // A running header repeats at the heads of pages, a footer at their
    // feet; an agenda line at the foot of one page that comes back as the
    // item heading at the head of the next is neither.
    let mut seen_on: HashMap<(bool, String), Vec<usize>> = HashMap::new();
    for (i, lines) in pages.iter().enumerate() {
        for (k, head) in edge_lines(lines) {
            let key = line_key(&lines[k].text);
            if key.chars().filter(|c| c.is_alphanumeric()).count() < 3 {
                continue;
            }
            let v = seen_on.entry((head, key)).or_default();
            if v.last() != Some(&i) {
                v.push(i);
            }
        }
    }
    // Two pages make a running line in a short document; from four pages
    // on, a line on only two page edges is as likely a vote line or a
    // heading that happened to fall there ("Vote : Pour à l'unanimité" at
    // the foot of pages 2 and 3 of a four-page compte rendu).
    let needed = if page_count <= 3 {
        2
    } else {
        3.max((page_count * 3).div_ceil(10))
    };
    // A line stating a vote closes an item wherever the item ends, now and
    // then at the foot of a page ("Vote : Pour à l'unanimité" at the foot
    // of three pages in five): it is text unless nearly every page has it.
    // (Only lines repeated often enough are asked.)
    seen_on.retain(|(_, key), on| {
        on.len() < needed || on.len() * 4 >= page_count * 3 || !states_vote(key)
    });
    for (i, lines) in pages.iter_mut().enumerate() {
        let mut remove: Vec<usize> = Vec::new();
        for (k, head) in edge_lines(lines) {
            let text = &lines[k].text;
            let repeated = page_count >= 2
                && seen_on
                    .get(&(head, line_key(text)))
                    .is_some_and(|v| v.len() >= needed);
            if (repeated || (page_count >= 2 && is_page_number(text))) && !remove.contains(&k) {
                remove.push(k);
            }
        }
        remove.sort_unstable();
        let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
        for &k in remove.iter().rev() {
            let line = lines.remove(k);
            furniture.push(Furniture {
                page: number,
                text: line.text,
            });
        }
    }
    furniture.sort_by_key(|f| f.page);
}

/// True when `line` states a vote: an outcome phrase (`vote.adopted`,
/// `vote.rejected`) or unanimity (`vote.unanimous`) of the lexicon, or a
/// tally label and its colon (`Pour : 11`, `Contre : /`).
fn states_vote(line: &str) -> bool {
    use crate::parse::lexicon::class;
    ["vote.unanimous", "vote.adopted", "vote.rejected"]
        .iter()
        .any(|c| class(c).is_match(line))
        || ["vote.for", "vote.against", "vote.abstention"]
            .iter()
            .filter_map(|c| class(c).starts(line))
            .any(|e| {
                line[e..]
                    .trim_start_matches([' ', '\u{a0}', '»', '"'])
                    .starts_with(':')
            })
}

/// The first and last [`EDGE_LINES`] non-blank lines, each with whether
/// it is at the head of the page (a line of a short page may be at both).
fn edge_lines(lines: &[Line]) -> Vec<(usize, bool)> {
    let filled: Vec<usize> = (0..lines.len()).filter(|&k| !lines[k].is_blank()).collect();
    let head = filled.iter().take(EDGE_LINES).map(|&k| (k, true));
    let foot = filled.iter().rev().take(EDGE_LINES).map(|&k| (k, false));
    head.chain(foot).collect()
}

fn line_key(text: &str) -> String {
    text.to_lowercase()
}

/// "1/3", "Page 2 sur 5", "page 2", "- 4 -", "2".
fn is_page_number(text: &str) -> bool {
    let t = text.to_lowercase();
    let t = t.trim_start_matches("page").trim();
    let t = t.trim_matches(|c: char| c == '-' || c == ' ' || c == '–');
    if t.is_empty() || t.len() > 12 {
        return false;
    }
    let parts: Vec<&str> = t
        .split(['/', ' '])
        .filter(|s| !s.is_empty() && *s != "sur")
        .collect();
    !parts.is_empty()
        && parts.len() <= 2
        && parts
            .iter()
            .all(|p| p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit()))
}

/// Step 3 for a text file without page breaks: a block of at least two
/// lines repeated whole is the running header; each of its occurrences is
/// removed and starts a new page.
fn split_on_repeated_blocks(lines: Vec<Line>, furniture: &mut Vec<Furniture>) -> Vec<Vec<Line>> {
    let mut count: HashMap<&str, usize> = HashMap::new();
    // A vote or tally line repeats from item to item of a compte rendu
    // ("Pour : 11" then "Adopté à l'unanimité"): it is never a header.
    for l in &lines {
        if l.text.chars().filter(|c| c.is_alphanumeric()).count() >= 4 && !states_vote(&l.text) {
            *count.entry(l.text.as_str()).or_default() += 1;
        }
    }
    let repeated = |l: &Line| count.get(l.text.as_str()).is_some_and(|&n| n >= 2);
    // Runs of repeated lines (blank lines allowed inside).
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut k = 0;
    while k < lines.len() {
        if !repeated(&lines[k]) {
            k += 1;
            continue;
        }
        let start = k;
        let mut end = k + 1;
        let mut j = k + 1;
        while j < lines.len() && (lines[j].is_blank() || repeated(&lines[j])) {
            if !lines[j].is_blank() {
                end = j + 1;
            }
            j += 1;
        }
        let filled = lines[start..end].iter().filter(|l| !l.is_blank()).count();
        if filled >= 2 {
            runs.push((start, end));
        }
        k = end.max(k + 1);
    }
    // Keep runs whose sequence of lines occurs at least twice.
    let key = |(s, e): (usize, usize)| -> Vec<&str> {
        lines[s..e]
            .iter()
            .filter(|l| !l.is_blank())
            .map(|l| l.text.as_str())
            .collect()
    };
    let mut seq_count: HashMap<Vec<&str>, usize> = HashMap::new();
    for &r in &runs {
        *seq_count.entry(key(r)).or_default() += 1;
    }
    let blocks: Vec<(usize, usize)> = runs
        .iter()
        .copied()
        .filter(|&r| seq_count.get(&key(r)).is_some_and(|&n| n >= 2))
        .collect();
    let block_texts: Vec<Vec<String>> = blocks
        .iter()
        .map(|&r| key(r).into_iter().map(str::to_string).collect())
        .collect();
    drop(seq_count);
    let mut pages = vec![Vec::new()];
    let mut next_block = 0;
    for (k, line) in lines.into_iter().enumerate() {
        if let Some(&(s, e)) = blocks.get(next_block) {
            if k == s {
                pages.push(Vec::new());
                let page = u32::try_from(pages.len()).unwrap_or(u32::MAX);
                for text in &block_texts[next_block] {
                    furniture.push(Furniture {
                        page,
                        text: text.clone(),
                    });
                }
            }
            if k >= s && k < e {
                if k + 1 == e {
                    next_block += 1;
                }
                continue;
            }
        }
        if let Some(page) = pages.last_mut() {
            page.push(line);
        }
    }
    pages
}

/// Step 5: no blank line at either end, never two in a row.
fn fold_blank_lines(lines: Vec<Line>) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    for line in lines {
        if line.is_blank() && out.last().is_none_or(Line::is_blank) {
            continue;
        }
        out.push(line);
    }
    while out.last().is_some_and(Line::is_blank) {
        out.pop();
    }
    out
}

/// The document's text, to look words up in, when some line ends with a
/// word cut by a hyphen (`GA-` / `TARD`, `pré-` / `sidence`); empty
/// otherwise.
fn hyphen_evidence(pages: &[Vec<Line>]) -> String {
    let lines = || pages.iter().flatten();
    let cut = lines()
        .zip(lines().skip(1))
        .any(|(a, b)| a.text.ends_with('-') && b.text.starts_with(char::is_alphabetic));
    if !cut {
        return String::new();
    }
    let mut text = String::new();
    for line in lines() {
        text.push_str(&line.text);
        text.push('\n');
    }
    text
}

/// Step 4: end-of-line hyphenation. `evidence` is the document's text (see
/// [`hyphen_evidence`]).
fn join_hyphenated(lines: Vec<Line>, evidence: &str) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    for line in lines {
        if let Some(prev) = out.last_mut() {
            if let Some(keep_hyphen) = hyphen_join(&prev.text, &line.text, evidence) {
                if !keep_hyphen {
                    prev.text.pop();
                    prev.map.retain(|&(o, _, _)| o < prev.text.len());
                }
                prev.push_line(&line);
                continue;
            }
        }
        out.push(line);
    }
    out
}

/// Whether `prev` ends with a word cut by a hyphen that `next` continues:
/// `Some(false)` to drop the hyphen (`relan-`/`ce`), `Some(true)` to keep
/// it (`Aix-`/`Marseille`), `None` when the lines are not joined. A cut
/// that looks like a compound keeps its hyphen unless the document prints
/// the word whole elsewhere and never hyphenated (`GA-`/`TARD` where
/// "GATARD" is printed again, `pré-`/`sidence`).
fn hyphen_join(prev: &str, next: &str, evidence: &str) -> Option<bool> {
    let body = prev.strip_suffix('-')?;
    let last = body.chars().last()?;
    if !last.is_alphabetic() {
        return None;
    }
    let first = next.chars().next()?;
    if !first.is_alphabetic() {
        return None;
    }
    let head = body
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    let tail: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
    if !(last.is_lowercase() && first.is_lowercase()) {
        let whole = format!("{head}{tail}");
        let printed_whole = (contains_word(evidence, &whole)
            || contains_word(evidence, &whole.to_uppercase()))
            && !contains_word(evidence, &format!("{head}-{tail}"));
        // One or two capitals that open no compound, then capitals: a
        // surname cut at a syllable ("GA-" / "TARD").
        let syllable = head.chars().count() <= 2
            && head.chars().all(char::is_uppercase)
            && tail.chars().all(char::is_uppercase)
            && !SHORT_COMPOUND_HEADS.contains(&head.to_lowercase().as_str());
        return Some(!(printed_whole || syllable));
    }
    // Word processors rarely hyphenate: a lowercase cut is most often a
    // compound ("ci-après", "peut-être", "vis-à-vis", "sous-préfecture").
    let before = head.to_lowercase();
    let after = tail.to_lowercase();
    let compound = SHORT_COMPOUND_HEADS.contains(&before.as_str())
        || COMPOUND_HEADS.contains(&before.as_str())
        || COMPOUND_TAILS.contains(&after.as_str());
    let printed_whole = compound
        && contains_word(evidence, &format!("{head}{tail}"))
        && !contains_word(evidence, &format!("{head}-{tail}"));
    Some(compound && !printed_whole)
}

/// True when `word` occurs in `text` with no letter on either side.
fn contains_word(text: &str, word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphabetic) && !after.is_some_and(char::is_alphabetic)
    })
}

/// Short first parts of French compounds and place names ("ci-après",
/// "au-delà", "Boulogne-sur-Mer", "Saint-Jean-de-Luz"). Other short heads
/// are syllables cut by the line end ("pré-" / "sidence", "mon-" / "sieur").
const SHORT_COMPOUND_HEADS: &[&str] = &[
    "ci", "là", "au", "aux", "sur", "sus", "dix", "mi", "non", "ex", "vis", "est", "sud", "rez",
    "de", "du", "des", "le", "la", "les", "lès", "en", "à", "et", "t", "y", "an", "bas", "mis",
];

/// First parts of French compounds that stay hyphenated across a line end.
const COMPOUND_HEADS: &[&str] = &[
    "peut", "celui", "celle", "ceux", "elle", "elles", "avant", "après", "sous", "porte",
    "arrière", "grand", "grande", "demi", "semi", "contre", "entre", "vice", "quasi", "auto",
    "extra", "inter", "intra", "multi", "post", "garde", "haut", "haute", "basse", "nord", "ouest",
    "belle", "chef", "mini", "maxi", "micro", "socio", "franco", "euro", "infra", "supra",
];

/// Last parts of French compounds that stay hyphenated across a line end.
const COMPOUND_TAILS: &[&str] = &[
    "ci", "là", "même", "mêmes", "dire", "être", "vis", "unes", "uns", "elle", "il", "on",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn pages(texts: &[&str], origin: TextOrigin) -> Pages {
        Pages::from_texts(origin, texts)
    }

    #[test]
    fn characters_are_cleaned() {
        let src = normalize(&pages(
            &["L\u{2019}e\u{301}tude\u{00A0}a  \u{FB01}ni\u{00AD}e\tici"],
            TextOrigin::TextLayer,
        ));
        assert_eq!(src.text, "L'étude a finie ici\n");
    }

    #[test]
    fn a_cut_name_is_joined_when_the_document_prints_it_whole() {
        let src = normalize(&pages(
            &[
                "Présents : Jean-Marie GA-\nTARD, Paul AUBERT, Aix-\nMarseille, sous la pré-\nsidence, ci-\naprès",
                "M. Jean-Marie GATARD, rapporteur, présidence",
            ],
            TextOrigin::TextLayer,
        ));
        assert!(
            src.text
                .starts_with("Présents : Jean-Marie GATARD, Paul AUBERT, Aix-Marseille, sous la présidence, ci-après\n"),
            "{}",
            src.text
        );
    }

    #[test]
    fn a_surname_cut_after_two_capitals_is_joined() {
        // Printed nowhere else: "GA-" opens no compound, "BENOUARGHA-" may,
        // "LE-" does.
        let src = normalize(&pages(
            &["Présents : Jean-Marie GA-\nTARD, Amina BENOUARGHA-\nJAFFIOL, Paul LE-\nROI, Anne Bic-\nzysko"],
            TextOrigin::TextLayer,
        ));
        assert_eq!(
            src.text,
            "Présents : Jean-Marie GATARD, Amina BENOUARGHA-JAFFIOL, Paul LE-ROI, Anne Biczysko\n"
        );
    }

    #[test]
    fn hyphenation_is_joined_or_kept() {
        let src = normalize(&pages(
            &["la relan-\nce de la Métropole Aix-\nMarseille-Provence ci-\naprès\nMartine -\nDaniel"],
            TextOrigin::TextLayer,
        ));
        assert_eq!(
            src.text,
            "la relance de la Métropole Aix-Marseille-Provence ci-après\nMartine -\nDaniel\n"
        );
    }

    #[test]
    fn running_footer_is_removed_and_kept() {
        let src = normalize(&pages(
            &[
                "Commune de Valmont\nArticle 1 : texte\nSigné le 2 mars 2021\n1/3",
                "Suite du texte\nSigné le 2 mars 2021\n2/3",
                "Fin du texte\nSigné le 2 mars 2021\n3/3",
            ],
            TextOrigin::TextLayer,
        ));
        assert_eq!(
            src.text,
            "Commune de Valmont\nArticle 1 : texte\nSuite du texte\nFin du texte\n"
        );
        assert_eq!(src.furniture.len(), 6);
        assert!(src
            .furniture
            .iter()
            .any(|f| f.page == 3 && f.text == "Signé le 2 mars 2021"));
    }

    /// Fourteen lines of text for page `p`, so that its edges are apart.
    fn filler(p: u32) -> String {
        (1..=14)
            .map(|i| format!("ligne {i} de la page {p}"))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn a_vote_line_at_the_foot_of_some_pages_is_text() {
        let vote = "Vote : Pour à l'unanimité";
        let footer = "Mairie de Valmont";
        let texts: Vec<String> = (1..=5)
            .map(|p| {
                let end = if matches!(p, 2 | 4 | 5) { vote } else { "fin" };
                format!("{}\n{end}\n{footer}", filler(p))
            })
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let src = normalize(&pages(&refs, TextOrigin::TextLayer));
        assert_eq!(src.text.matches(vote).count(), 3, "{}", src.text);
        assert!(!src.text.contains(footer));
        assert_eq!(src.furniture.iter().filter(|f| f.text == footer).count(), 5);
    }

    #[test]
    fn a_heading_at_the_foot_of_one_page_and_the_head_of_the_next_is_kept() {
        let one = format!(
            "Conseil municipal de Valmont\n{}\nORDRE DU JOUR\n1. Recrutement d'un agent",
            filler(1)
        );
        let two = format!(
            "Conseil municipal de Valmont\n1. Recrutement d'un agent\n{}",
            filler(2)
        );
        let three = format!("Conseil municipal de Valmont\n{}", filler(3));
        let src = normalize(&pages(&[&one, &two, &three], TextOrigin::TextLayer));
        assert_eq!(src.text.matches("1. Recrutement d'un agent").count(), 2);
        assert!(!src.text.contains("Conseil municipal de Valmont"));
        assert_eq!(src.furniture.len(), 3);
    }

    #[test]
    fn repeated_block_in_text_file_makes_pages() {
        let text = "Titre\nFBPA 12\ncorps un\n\nVille de Valmont\nFBPA 12\n\nSigné le 3 mai 2020\n\ncorps deux\nVille de Valmont\nFBPA 12\nSigné le 3 mai 2020\ncorps trois";
        let src = normalize(&pages(&[text], TextOrigin::TextFile));
        assert_eq!(src.pages.len(), 3);
        assert_eq!(src.page_text(1), Some("Titre\nFBPA 12\ncorps un"));
        assert_eq!(src.page_text(2), Some("corps deux"));
        assert_eq!(src.page_text(3), Some("corps trois"));
        assert_eq!(src.furniture.len(), 6);
    }

    #[test]
    fn mail_merge_marks_are_dropped() {
        let text = "Présents :</SEASY6>\n<SEASY7>\nAnne PETIT.\n2 -<DELTIT> Tarifs</DELTIT><DELPHI</DELPHI>\nmontant <HT> et 3 < 4";
        let src = normalize(&pages(&[text], TextOrigin::TextFile));
        assert_eq!(
            src.text,
            "Présents :\n\nAnne PETIT.\n2 - Tarifs\nmontant <HT> et 3 < 4\n"
        );
    }

    #[test]
    fn repeated_tallies_in_a_text_file_are_text() {
        let text = "1. Tarifs\nPour : 11\nAdopté à l'unanimité\n\n2. Subvention\nPour : 11\nAdopté à l'unanimité\n\n3. Voirie\nPour : 11\nAdopté à l'unanimité";
        let src = normalize(&pages(&[text], TextOrigin::TextFile));
        assert_eq!(src.pages.len(), 1);
        assert_eq!(
            src.text.matches("Pour : 11\nAdopté à l'unanimité").count(),
            3,
            "{}",
            src.text
        );
        assert!(src.furniture.is_empty());
    }

    #[test]
    fn spans_and_offsets_map_back() {
        let raw = "Vu  le   code\n\nPage 2 sur 2";
        let src = normalize(&pages(&["Titre", raw], TextOrigin::TextLayer));
        let at = src.text.find("code").unwrap();
        let span = src.span(at, at + 4);
        assert_eq!(span.page, 2);
        assert_eq!(&src.page_text(2).unwrap()[span.start..span.end], "code");
        assert_eq!(src.original(at), Some((2, raw.find("code").unwrap())));
    }
}
