//! Budget imputations of a deliberation (grammar/deliberation.ebnf,
//! `budget_line`): "Sous politique B311 – 032-011-6228", "imputation 6574",
//! "chapitre 65", "ligne 1596, nature 6574, fonction 923", as printed.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use super::pattern::Pattern;

use super::lexicon::class;
use super::Ctx;
use crate::model::Record;

/// Reads the budget lines of the deliberation in `cx` into
/// `rec.budget_lines`.
pub fn read(cx: &mut Ctx, rec: &mut Record) {
    rec.budget_lines = find_budget_lines(cx.text)
        .into_iter()
        .map(|(_, line)| line)
        .collect();
}

/// Finds the budget lines of `text`, with their start offsets, in order; a
/// line whose codes all belong to an earlier line is a repetition and is
/// left out ("les imputations citées ci-dessus avec la nature 6574").
///
/// Rule: `budget_line = "Sous politique" , code , ("–" | "-") , code
/// | pair , { [ "," | ";" | "-" | "et" ] , pair }` with `pair = key , [":"] ,
/// code`; a single pair counts only for a `budget.key_alone` key
/// ("chapitre 65"), and an `article` code has at least three digits.
///
/// ```
/// use delib::parse::budget::find_budget_lines;
/// let lines = find_budget_lines("Les crédits seront prélevés sur la ligne 1596, nature 6574, fonction 923");
/// assert_eq!(lines[0].1, "ligne 1596, nature 6574, fonction 923");
/// ```
pub fn find_budget_lines(text: &str) -> Vec<(usize, String)> {
    let mut found: Vec<(usize, String, Vec<String>)> = Vec::new();
    for m in SOUS_POLITIQUE.find_iter(text) {
        let line = fold(m.as_str());
        let codes = CODE
            .find_iter(&line)
            .map(|c| c.as_str().to_string())
            .collect();
        found.push((m.start(), line, codes));
    }
    for m in RUN.find_iter(text) {
        if found
            .iter()
            .any(|(s, l, _)| *s <= m.start() && m.start() < s + l.len())
        {
            continue;
        }
        let pairs: Vec<(String, String)> = PAIR
            .captures_iter(m.as_str())
            .filter_map(|c| {
                Some((
                    c.name("key")?.as_str().to_string(),
                    c.name("code")?.as_str().to_string(),
                ))
            })
            .collect();
        let valid: Vec<&(String, String)> = pairs
            .iter()
            .filter(|(k, code)| {
                !class("decision.article").is_match(k)
                    || code.chars().filter(char::is_ascii_digit).count() >= 3
            })
            .collect();
        if valid.len() != pairs.len() || pairs.is_empty() {
            continue;
        }
        if pairs.len() == 1 {
            let (k, code) = &pairs[0];
            let alone = class("budget.key_alone").is_match(k);
            let digits = code.chars().filter(char::is_ascii_digit).count();
            if !alone || digits < 2 {
                continue;
            }
        }
        let line = fold(m.as_str())
            .trim_end_matches([',', ';', '.', ' ', '-'])
            .to_string();
        let codes = pairs.into_iter().map(|(_, c)| c).collect();
        found.push((m.start(), line, codes));
    }
    found.sort_by_key(|f| f.0);
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut seen: Vec<BTreeSet<String>> = Vec::new();
    for (start, line, codes) in found {
        let set: BTreeSet<String> = codes.into_iter().collect();
        if seen.iter().any(|s| set.is_subset(s)) {
            continue;
        }
        seen.push(set);
        out.push((start, line));
    }
    out
}

fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

const CODE_RE: &str = r"[A-Z]{0,3}\d[\dA-Z]*(?:[-./]\d[\dA-Z]*)*\b";

fn never() -> Pattern {
    Pattern::new(r"[^\s\S]").unwrap_or_else(|_| unreachable!())
}

static SOUS_POLITIQUE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(
        r"(?:{})\s+[A-Z]{{0,3}}\d+\s*[–-]\s*\d[\d\-./]*\d",
        class("budget.sous_politique").regex().as_str()
    ))
    .unwrap_or_else(|_| never())
});

static CODE: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(CODE_RE).unwrap_or_else(|_| never()));

fn pair_pattern(named: bool) -> String {
    let (k, c) = if named {
        ("?P<key>", "?P<code>")
    } else {
        ("?:", "?:")
    };
    format!(
        r"({k}{})\s*(?:n°\s*)?:?\s*({c}{CODE_RE})",
        format_args!("(?:{})", class("budget.key").regex().as_str())
    )
}

static PAIR: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(&pair_pattern(true)).unwrap_or_else(|_| never()));

static RUN: LazyLock<Pattern> = LazyLock::new(|| {
    let p = pair_pattern(false);
    Pattern::new(&format!(r"{p}(?:\s*(?:,|;|[–-]|\bet\b)?\s*{p})*")).unwrap_or_else(|_| never())
});

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(t: &str) -> Vec<String> {
        find_budget_lines(t).into_iter().map(|l| l.1).collect()
    }

    #[test]
    fn budget_lines_as_printed() {
        assert_eq!(
            lines("de la Métropole voté - Sous politique B311 – 032-011-6228   DGA PDM4970."),
            ["Sous politique B311 – 032-011-6228"]
        );
        assert_eq!(
            lines("sur la ligne 1596, nature 6574, fonction 923\n… sur les imputations citées ci-dessus avec la nature 6574 pour"),
            ["ligne 1596, nature 6574, fonction 923"]
        );
        assert_eq!(lines("au chapitre 65 du budget"), ["chapitre 65"]);
        assert_eq!(lines("imputation 6574"), ["imputation 6574"]);
        assert_eq!(
            lines("article 6574 fonction 020"),
            ["article 6574 fonction 020"]
        );
    }

    #[test]
    fn not_budget_lines() {
        for t in [
            "Article 2 : la contribution",
            "en application de l'article L 2121-20 du Code",
            "Chapitre 2. Biodiversité",
            "la ligne 3 du tableau",
            "le compte administratif 2020",
            "sera compté 3.1.2",
        ] {
            assert!(lines(t).is_empty(), "{t:?}: {:?}", lines(t));
        }
    }

    #[test]
    fn lexicon_examples_parse_with_their_rule() {
        for name in ["sous_politique", "key", "key_alone"] {
            for ex in &class(&format!("budget.{name}")).examples {
                assert!(!lines(ex).is_empty(), "budget.{name}: {ex:?}");
            }
        }
    }
}
