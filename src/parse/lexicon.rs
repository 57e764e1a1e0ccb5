//! The phrase lexicon: wording variants as data (`grammar/lexicon/*.toml`),
//! embedded in the binary and compiled into one matcher per phrase class.
//!
//! A file holds tables, one per phrase class:
//!
//! ```toml
//! # Where the wording was seen.
//! [present]
//! variants = ["étaient présents", "présents"]
//! examples = ["Etaient présents Mesdames et Messieurs :"]
//! ```
//!
//! A variant is a phrase: matching ignores case and accents, any run of
//! white space matches any other, and an apostrophe matches `'` or none. A
//! variant that starts with `re:` is a regular expression (case-insensitive)
//! for the rare class a phrase cannot say. Every example must match its
//! class: `tests::every_example_matches_its_class` checks them all.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use super::pattern::Pattern;
use serde::Deserialize;

/// The embedded lexicon files, by name.
pub const FILES: &[(&str, &str)] = &[
    ("header", include_str!("../../grammar/lexicon/header.toml")),
    ("body", include_str!("../../grammar/lexicon/body.toml")),
    (
        "attendance",
        include_str!("../../grammar/lexicon/attendance.toml"),
    ),
    (
        "references",
        include_str!("../../grammar/lexicon/references.toml"),
    ),
    (
        "signature",
        include_str!("../../grammar/lexicon/signature.toml"),
    ),
    ("visas", include_str!("../../grammar/lexicon/visas.toml")),
    (
        "recitals",
        include_str!("../../grammar/lexicon/recitals.toml"),
    ),
    (
        "decision",
        include_str!("../../grammar/lexicon/decision.toml"),
    ),
    (
        "amounts",
        include_str!("../../grammar/lexicon/amounts.toml"),
    ),
    ("budget", include_str!("../../grammar/lexicon/budget.toml")),
    ("vote", include_str!("../../grammar/lexicon/vote.toml")),
    ("seance", include_str!("../../grammar/lexicon/seance.toml")),
];

/// One phrase class.
#[derive(Debug)]
pub struct PhraseClass {
    /// `file.class`, e.g. `attendance.present`.
    pub name: String,
    /// The variants as written in the lexicon.
    pub variants: Vec<String>,
    /// The examples as written in the lexicon.
    pub examples: Vec<String>,
    regex: Pattern,
}

impl PhraseClass {
    /// The compiled matcher.
    pub fn regex(&self) -> &Pattern {
        &self.regex
    }

    /// True when some variant occurs in `text` as whole words.
    pub fn is_match(&self, text: &str) -> bool {
        self.regex.is_match(text) && self.find(text).is_some()
    }

    /// The first occurrence of a variant in `text`, as a byte range.
    pub fn find(&self, text: &str) -> Option<std::ops::Range<usize>> {
        self.find_iter(text).next()
    }

    /// Every occurrence of a variant in `text`, as whole words: a match
    /// that starts or ends inside a word ("excusé" in "excusée", where the
    /// ASCII boundary of the pattern cannot see the accented letter) is not
    /// one.
    pub fn find_iter<'t>(
        &'t self,
        text: &'t str,
    ) -> impl Iterator<Item = std::ops::Range<usize>> + 't {
        self.regex
            .find_iter(text)
            .map(|m| m.range())
            .filter(|r| whole_words(text, r))
    }

    /// True when `text` starts with a variant (after leading white space).
    pub fn starts(&self, text: &str) -> Option<usize> {
        let trimmed = text.trim_start();
        let lead = text.len() - trimmed.len();
        // The leftmost match starts at 0 exactly when an anchored search
        // finds one, which stops at the first character that cannot go on.
        self.regex
            .find_anchored(trimmed)
            .filter(|m| whole_words(trimmed, &m.range()))
            .map(|m| lead + m.end())
    }
}

/// False when the match `r` of `text` starts or ends inside a word whose
/// letters the patterns' ASCII boundaries cannot see: two letters meet at
/// the edge and one of them is not ASCII ("excusé" in "excusée", "sent" in
/// "présent"). Edges between ASCII letters are the patterns' own business
/// (an @ctes identifier glued to the next word is matched on purpose).
fn whole_words(text: &str, r: &std::ops::Range<usize>) -> bool {
    let inner = text.get(r.clone()).unwrap_or("");
    let before = text.get(..r.start).and_then(|s| s.chars().next_back());
    let after = text.get(r.end..).and_then(|s| s.chars().next());
    let cut = |a: Option<char>, b: Option<char>| match (a, b) {
        (Some(a), Some(b)) => {
            a.is_alphabetic() && b.is_alphabetic() && !(a.is_ascii() && b.is_ascii())
        }
        _ => false,
    };
    !(cut(before, inner.chars().next()) || cut(inner.chars().next_back(), after))
}

/// The whole lexicon.
#[derive(Debug)]
pub struct Lexicon {
    /// By name, in name order.
    classes: Vec<PhraseClass>,
    /// Name to index in `classes`: the part readers look classes up by name
    /// thousands of times per document, and a string hash is cheaper than
    /// the ordered map's comparisons.
    index: HashMap<String, usize, BuildHasherDefault<Fnv>>,
    /// Problems met while loading (a class whose variants do not compile).
    pub errors: Vec<String>,
}

impl Lexicon {
    /// The class `file.class`; an empty class (matches nothing) when absent,
    /// so a missing entry degrades recall instead of panicking.
    pub fn class(&self, name: &str) -> &PhraseClass {
        self.index
            .get(name)
            .and_then(|&i| self.classes.get(i))
            .unwrap_or(&EMPTY)
    }

    /// Every class, by name.
    pub fn classes(&self) -> impl Iterator<Item = &PhraseClass> {
        self.classes.iter()
    }
}

/// The FNV-1a hash, for the short class names.
#[derive(Debug)]
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

static EMPTY: LazyLock<PhraseClass> = LazyLock::new(|| PhraseClass {
    name: String::new(),
    variants: Vec::new(),
    examples: Vec::new(),
    regex: Pattern::never(),
});

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| load(FILES));

/// The embedded lexicon.
pub fn lexicon() -> &'static Lexicon {
    &LEXICON
}

/// Shorthand for `lexicon().class(name)`.
pub fn class(name: &str) -> &'static PhraseClass {
    LEXICON.class(name)
}

#[derive(Deserialize)]
struct RawClass {
    #[serde(default)]
    variants: Vec<String>,
    #[serde(default)]
    examples: Vec<String>,
}

/// Loads lexicon files given as `(name, toml text)`. The classes are
/// compiled in parallel on the current rayon pool (a batch run warms the
/// lexicon up on its jobs' threads before handing out inputs).
pub fn load(files: &[(&str, &str)]) -> Lexicon {
    use rayon::prelude::*;
    let mut raws = Vec::new();
    let mut errors = Vec::new();
    for (file, text) in files {
        match toml::from_str::<BTreeMap<String, RawClass>>(text) {
            Ok(raw) => raws.extend(
                raw.into_iter()
                    .map(|(name, rc)| (format!("{file}.{name}"), rc)),
            ),
            Err(e) => errors.push(format!("grammar/lexicon/{file}.toml: {e}")),
        }
    }
    let compiled: Vec<_> = raws
        .into_par_iter()
        .map(|(full, rc)| {
            let regex = compile(&rc.variants);
            (full, rc, regex)
        })
        .collect();
    let mut classes = BTreeMap::new();
    for (full, rc, regex) in compiled {
        match regex {
            Ok(regex) => {
                classes.insert(
                    full.clone(),
                    PhraseClass {
                        name: full,
                        variants: rc.variants,
                        examples: rc.examples,
                        regex,
                    },
                );
            }
            Err(e) => errors.push(format!("{full}: {e}")),
        }
    }
    let classes: Vec<PhraseClass> = classes.into_values().collect();
    let index = classes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.name.clone(), i))
        .collect();
    Lexicon {
        classes,
        index,
        errors,
    }
}

/// One alternation of all variants, longest first, case-insensitive.
fn compile(variants: &[String]) -> Result<Pattern, regex::Error> {
    // Longest match first: the alternation is leftmost-first, so "excusés"
    // must be tried before "excusé" and "rejeté à la majorité" before a
    // pattern for "rejeté" alone.
    let mut parts: Vec<(usize, String)> = variants
        .iter()
        .map(|v| {
            let p = variant_pattern(v);
            (shortest_match(&p), p)
        })
        .collect();
    parts.sort_by_key(|(n, _)| std::cmp::Reverse(*n));
    let parts: Vec<String> = parts.into_iter().map(|(_, p)| p).collect();
    if parts.is_empty() {
        return Ok(Pattern::never());
    }
    Pattern::new(&format!("(?i)(?:{})", parts.join("|")))
}

/// The regular expression for one variant.
///
/// Letters match with or without their accents, white space matches any
/// run of it, and a variant's edge letters are bounded: an ASCII edge by an
/// ASCII `\b` (a Unicode `\b` keeps the regex engine off its fast DFA on
/// accented text: the parser ran at 0.2 MB/s), an accented one by the check
/// of [`PhraseClass::find_iter`] (an ASCII `\b` cannot see past "é").
pub fn variant_pattern(variant: &str) -> String {
    if let Some(re) = variant.strip_prefix("re:") {
        return format!("(?:{re})");
    }
    let chars: Vec<char> = variant.chars().collect();
    let last = chars.len().saturating_sub(1);
    let mut out = String::new();
    let mut in_space = false;
    for (i, &c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            if !in_space {
                out.push_str(r"\s+");
            }
            in_space = true;
            continue;
        }
        in_space = false;
        let edge_before = i == 0 && c.is_alphanumeric();
        let edge_after = i == last && c.is_alphanumeric();
        match accented(fold_char(c)) {
            Some(acc) => {
                let plain = fold_char(c);
                match (edge_before, edge_after) {
                    (true, true) => out.push_str(&format!(r"(?:(?-u:\b){plain}(?-u:\b)|[{acc}])")),
                    (true, false) => out.push_str(&format!(r"(?:(?-u:\b){plain}|[{acc}])")),
                    (false, true) => out.push_str(&format!(r"(?:{plain}(?-u:\b)|[{acc}])")),
                    (false, false) => out.push_str(&format!("[{plain}{acc}]")),
                }
            }
            None => {
                let ascii = c.is_ascii_alphanumeric();
                if edge_before && ascii {
                    out.push_str(r"(?-u:\b)");
                }
                if c == '\'' {
                    out.push_str(r"'?\s*");
                } else {
                    out.push_str(&regex::escape(&c.to_string()));
                }
                if edge_after && ascii {
                    out.push_str(r"(?-u:\b)");
                }
            }
        }
    }
    out
}

/// The length in bytes of the shortest text `pattern` matches (0 when it
/// does not parse: the compile step reports that).
fn shortest_match(pattern: &str) -> usize {
    regex_syntax::parse(pattern)
        .ok()
        .and_then(|h| h.properties().minimum_len())
        .unwrap_or(0)
}

/// The accented forms of a folded letter, for a character class.
fn accented(folded: char) -> Option<&'static str> {
    match folded {
        'a' => Some("àâä"),
        'e' => Some("éèêë"),
        'i' => Some("îï"),
        'o' => Some("ôö"),
        'u' => Some("ùûü"),
        'c' => Some("ç"),
        _ => None,
    }
}

/// A letter without its accent, lower-cased.
pub fn fold_char(c: char) -> char {
    match c.to_lowercase().next().unwrap_or(c) {
        'à' | 'â' | 'ä' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'î' | 'ï' => 'i',
        'ô' | 'ö' => 'o',
        'ù' | 'û' | 'ü' => 'u',
        'ç' => 'c',
        c => c,
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn an_accented_edge_does_not_match_inside_a_word() {
        let excused = class("attendance.excused");
        // "excusé" must not be read inside "excuser"; "excusée" is its own variant.
        assert_eq!(excused.find("pour les excuser demain"), None);
        assert_eq!(excused.find("Absente excusée : Mme PETIT"), Some(0..16));
        // ASCII edges stay the patterns' business: an @ctes suffix glued to a word.
        assert!(whole_words("DEReçu", &(0..2)));
        assert!(!whole_words("excusée", &(0..7)));
    }
    use super::*;

    #[test]
    fn the_lexicon_loads() {
        assert!(lexicon().errors.is_empty(), "{:?}", lexicon().errors);
        assert!(lexicon().classes().count() > 0);
    }

    #[test]
    fn every_example_matches_its_class() {
        let mut failures = Vec::new();
        for class in lexicon().classes() {
            assert!(!class.variants.is_empty(), "{} has no variants", class.name);
            assert!(!class.examples.is_empty(), "{} has no examples", class.name);
            for ex in &class.examples {
                if !class.is_match(ex) {
                    failures.push(format!("{}: {ex:?}", class.name));
                }
            }
        }
        assert!(
            failures.is_empty(),
            "examples not matched:\n{}",
            failures.join("\n")
        );
    }

    #[test]
    fn variants_ignore_case_accents_and_spacing() {
        let lex = load(&[(
            "t",
            "[p]\nvariants = [\"étaient présents\", \"l'an\"]\nexamples = []",
        )]);
        let p = lex.class("t.p");
        assert!(p.is_match("ETAIENT   PRESENTS :"));
        assert!(p.is_match("Étaient\nprésents"));
        assert!(p.is_match("L'an deux mille"));
        assert!(!p.is_match("étaient présentés"));
    }
}
