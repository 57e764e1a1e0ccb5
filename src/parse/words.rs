//! French numbers written in words ("quatre-vingt mille", "deux mille
//! vingt-trois", "vingt-cinq", "premier"), as printed in dates of the form
//! "L'an deux mille vingt-trois, le vingt-cinq janvier" and in amounts
//! ("quatre-vingt mille euros").
//!
//! Rule (grammar/deliberation.ebnf, `number_words`):
//! `number_words = word , { ("-" | " " | " et ") , word }` where each word is
//! a unit, a ten, "cent(s)", "mille", "million(s)" or "milliard(s)".

/// Parses a whole phrase of French number words into its value; `None` when
/// any word is not a number word or the phrase is empty.
///
/// ```
/// use delib::parse::words::parse_number_words;
/// assert_eq!(parse_number_words("quatre-vingt mille"), Some(80_000));
/// assert_eq!(parse_number_words("deux mille vingt-trois"), Some(2023));
/// assert_eq!(parse_number_words("soixante et onze"), Some(71));
/// ```
pub fn parse_number_words(phrase: &str) -> Option<u64> {
    let lower = phrase.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c == '-' || c.is_whitespace())
        .filter(|w| !w.is_empty() && *w != "et")
        .collect();
    if words.is_empty() {
        return None;
    }
    let mut total: u64 = 0;
    let mut current: u64 = 0;
    for w in words {
        if let Some(v) = small_value(w) {
            // "quatre vingt" = 4 × 20
            if v == 20 && current % 100 == 4 && (w == "vingt" || w == "vingts") {
                current = current - 4 + 80;
            } else {
                current = current.checked_add(v)?;
            }
            continue;
        }
        match w {
            "cent" | "cents" => {
                let head = current % 100;
                let rest = current - head;
                current = rest + if head == 0 { 100 } else { head * 100 };
            }
            "mille" | "mil" => {
                let n = if current == 0 { 1 } else { current };
                total = total.checked_add(n.checked_mul(1000)?)?;
                current = 0;
            }
            "million" | "millions" => {
                total = total.checked_add(current.max(1).checked_mul(1_000_000)?)?;
                current = 0;
            }
            "milliard" | "milliards" => {
                total = total.checked_add(current.max(1).checked_mul(1_000_000_000)?)?;
                current = 0;
            }
            _ => return None,
        }
    }
    total.checked_add(current)
}

/// Value of a unit or ten word.
fn small_value(w: &str) -> Option<u64> {
    Some(match w {
        "zéro" | "zero" => 0,
        "un" | "une" | "premier" | "première" | "1er" => 1,
        "deux" => 2,
        "trois" => 3,
        "quatre" => 4,
        "cinq" => 5,
        "six" => 6,
        "sept" => 7,
        "huit" => 8,
        "neuf" => 9,
        "dix" => 10,
        "onze" => 11,
        "douze" => 12,
        "treize" => 13,
        "quatorze" => 14,
        "quinze" => 15,
        "seize" => 16,
        "vingt" | "vingts" => 20,
        "trente" => 30,
        "quarante" => 40,
        "cinquante" => 50,
        "soixante" => 60,
        "septante" => 70,
        "huitante" | "octante" => 80,
        "nonante" => 90,
        _ => return None,
    })
}

/// True when `w` is one of the French number words.
pub fn is_number_word(w: &str) -> bool {
    let w = w.to_lowercase();
    small_value(&w).is_some()
        || matches!(
            w.as_str(),
            "cent"
                | "cents"
                | "mille"
                | "mil"
                | "million"
                | "millions"
                | "milliard"
                | "milliards"
                | "et"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_words() {
        for (text, v) in [
            ("un", 1),
            ("dix-sept", 17),
            ("vingt et un", 21),
            ("soixante-dix", 70),
            ("soixante-dix-neuf", 79),
            ("quatre-vingts", 80),
            ("quatre-vingt-dix-sept", 97),
            ("cent", 100),
            ("deux cents", 200),
            ("trois cent quarante", 340),
            ("mille neuf cent quatre-vingt-dix-neuf", 1999),
            ("deux mille", 2000),
            ("deux mille vingt-trois", 2023),
            ("deux mille treize", 2013),
            ("quatre-vingt mille", 80_000),
            ("cent vingt mille cinq cents", 120_500),
            ("deux millions trois cent mille", 2_300_000),
            ("premier", 1),
        ] {
            assert_eq!(parse_number_words(text), Some(v), "{text}");
        }
        assert_eq!(parse_number_words("janvier"), None);
        assert_eq!(parse_number_words(""), None);
    }
}
