//! The keys the archive matches on: person names, authorities, deliberation
//! numbers, and the ids derived from them.
//!
//! Matching is done on folded keys so that what a clerk prints differently
//! still meets: `M. Jean DUPONT`, `DUPONT Jean` and `jean dupont` give the
//! same person key; `n° 2013/045` and `2013-45` the same number key.

use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;

use crate::parse::names::strip_civility;

/// The order-free key of a person's name: civility taken off, letters
/// without accents in lower case, every other character a separator, the
/// words sorted.
///
/// ```
/// use delib::index::keys::person_key;
/// assert_eq!(person_key("M. Jean DUPONT"), "dupont jean");
/// assert_eq!(person_key("DUPONT Jean"), person_key("jean dupont"));
/// assert_eq!(person_key("Mme Hélène LE GOËC-ÉMERY"), "emery goec helene le");
/// ```
pub fn person_key(name: &str) -> String {
    let folded = fold(strip_civility(name));
    let mut words: Vec<&str> = folded.split_whitespace().collect();
    words.sort_unstable();
    words.join(" ")
}

/// The key of an authority's name, within which persons and citations are
/// matched: folded, with a leading "commune de", "ville de" or "mairie de"
/// taken off (the same commune prints itself both ways).
///
/// ```
/// use delib::index::keys::authority_key;
/// assert_eq!(authority_key("COMMUNE DE VALMONT-SUR-LIZE"), "valmont sur lize");
/// assert_eq!(authority_key("Ville de Valmont sur Lize"), "valmont sur lize");
/// ```
pub fn authority_key(name: &str) -> String {
    let folded = fold(name);
    let words: Vec<&str> = folded.split_whitespace().collect();
    let skip = match words.as_slice() {
        [first, "de" | "d", _, ..] if matches!(*first, "commune" | "ville" | "mairie") => 2,
        _ => 0,
    };
    words[skip..].join(" ")
}

/// The key of a deliberation number: its digit groups without leading
/// zeros, joined by `-`; the folded text when it has no digit. Prefixes
/// and separators vary between the number's own heading and the visas that
/// cite it (`DEL 2013/045`, `n° 2013-45`).
///
/// ```
/// use delib::index::keys::number_key;
/// assert_eq!(number_key("2013/045"), "2013-45");
/// assert_eq!(number_key("DEL_2013-45"), "2013-45");
/// assert_eq!(number_key("n° 12"), "12");
/// ```
pub fn number_key(number: &str) -> String {
    let groups: Vec<String> = number
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .map(|g| {
            let t = g.trim_start_matches('0');
            if t.is_empty() { "0" } else { t }.to_string()
        })
        .collect();
    if groups.is_empty() {
        fold(number)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        groups.join("-")
    }
}

/// Lower case, accents and ligatures taken off, every character that is
/// not a letter or digit a space.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        match c {
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            c if c.is_alphanumeric() => out.extend(c.to_lowercase()),
            _ => out.push(' '),
        }
    }
    out
}

/// A 53-bit id from the hash of `parts` (53 bits so that JavaScript, and
/// so Datasette's pages, read it exactly). The same parts always give the
/// same id, whatever the order documents are indexed in.
pub fn id_of(parts: &[&str]) -> i64 {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0u8]);
    }
    let d = h.finalize();
    let mut b = [0u8; 8];
    b.copy_from_slice(&d[..8]);
    // Never 0, so an id is never mistaken for "no id".
    i64::try_from(u64::from_be_bytes(b) >> 11)
        .unwrap_or(1)
        .max(1)
}

/// Parses a money value of the record (`"80000.00"`, `"-12.5"`) into
/// cents, exactly; `None` when it is not a decimal with at most two
/// decimals or does not fit.
///
/// ```
/// use delib::index::keys::cents;
/// assert_eq!(cents("80000.00"), Some(8_000_000));
/// assert_eq!(cents("0.5"), Some(50));
/// assert_eq!(cents("12,50"), None);
/// ```
pub fn cents(value: &str) -> Option<i64> {
    let (neg, v) = match value.trim().strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, value.trim()),
    };
    let (int, frac) = v.split_once('.').unwrap_or((v, ""));
    if int.is_empty()
        || frac.len() > 2
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let mut c: i64 = int.parse::<i64>().ok()?.checked_mul(100)?;
    let f = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().ok()? * 10,
        _ => frac.parse::<i64>().ok()?,
    };
    c = c.checked_add(f)?;
    Some(if neg { -c } else { c })
}

/// Parses euros typed by a person (`50000`, `50 000`, `50000,5`,
/// `1.234,56` is refused as ambiguous) into cents, exactly.
///
/// ```
/// use delib::index::keys::euros_to_cents;
/// assert_eq!(euros_to_cents("50 000"), Ok(5_000_000));
/// assert_eq!(euros_to_cents("1234,5"), Ok(123_450));
/// assert!(euros_to_cents("12.345.6").is_err());
/// ```
pub fn euros_to_cents(s: &str) -> Result<i64, String> {
    let t: String = s
        .trim()
        .trim_end_matches('€')
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '_'))
        .collect();
    let t = t.replace(',', ".");
    if t.matches('.').count() > 1 {
        return Err(format!("{s:?}: expected euros such as 50000 or 1234.56"));
    }
    cents(&t).ok_or_else(|| format!("{s:?}: expected euros such as 50000 or 1234.56"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn person_keys_ignore_case_accents_civility_and_order() {
        let k = person_key("M. Jean DUPONT");
        for other in [
            "DUPONT Jean",
            "jean dupont",
            "Monsieur Jean Dupont",
            "Jean  DUPONT",
        ] {
            assert_eq!(person_key(other), k, "{other}");
        }
        assert_eq!(person_key("Hervé CASTAGNÉ"), person_key("CASTAGNE herve"));
        assert_eq!(
            person_key("Jean-Marc ROUBAUD"),
            person_key("ROUBAUD Jean Marc")
        );
        assert_ne!(person_key("Jean DUPONT"), person_key("Jeanne DUPONT"));
    }

    #[test]
    fn cents_are_exact() {
        assert_eq!(cents("0.01"), Some(1));
        assert_eq!(cents("1234567890123.99"), Some(123_456_789_012_399));
        assert_eq!(cents("-3.10"), Some(-310));
        assert_eq!(cents("1.234"), None);
        assert_eq!(cents("1e3"), None);
        assert_eq!(cents(""), None);
        assert_eq!(cents("99999999999999999999"), None);
        assert_eq!(euros_to_cents("50000.00"), Ok(5_000_000));
        assert_eq!(euros_to_cents("50 000 €"), Ok(5_000_000));
        assert!(euros_to_cents("cinquante").is_err());
    }

    #[test]
    fn ids_are_stable() {
        assert_eq!(id_of(&["a", "b"]), id_of(&["a", "b"]));
        assert_ne!(id_of(&["ab", ""]), id_of(&["a", "b"]));
        assert!(id_of(&["x"]) > 0 && id_of(&["x"]) < (1 << 53));
    }
}
