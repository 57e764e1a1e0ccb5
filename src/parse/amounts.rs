//! Sums of money (grammar/deliberation.ebnf, `amount`): every numeral or
//! number-words phrase followed by a currency phrase, read exactly into a
//! decimal string with two decimals. One [`Amount`] per printed occurrence.
//!
//! The arithmetic is done on integer cents (`u128`), never on floats. A
//! percentage, a date, a year or a phone number is never followed by a
//! currency phrase, so it is never read as an amount.

use std::sync::LazyLock;

use super::pattern::{Caps, Pattern};
use nom::character::complete::{digit1, one_of};
use nom::combinator::all_consuming;
use nom::multi::many0;
use nom::sequence::pair;
use nom::{IResult, Parser};

use super::lexicon::class;
use super::words::{is_number_word, parse_number_words};
use super::Ctx;
use crate::model::{Amount, Record, Tax};

/// Reads every amount of the deliberation in `cx` into `rec.amounts`, in
/// document order; an amount whose value overflows becomes a diagnostic.
pub fn read(cx: &mut Ctx, rec: &mut Record) {
    for found in find_amounts(cx.text) {
        match found.value {
            Some(value) => rec.amounts.push(Amount {
                value,
                currency: "EUR".to_string(),
                tax: found.tax,
                text: fold_ws(&cx.text[found.start..found.end]),
                span: cx.span(found.start, found.end),
            }),
            None => rec.diagnostics.push(cx.warning(
                "amounts.unreadable",
                format!(
                    "failed to read the amount {:?}: the value is too large",
                    fold_ws(&cx.text[found.start..found.end])
                ),
                found.start,
                found.end,
            )),
        }
    }
}

/// An amount found in a text, before it is located on a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundAmount {
    /// Exact value with two decimals (`"80000.00"`), `None` when it overflows.
    pub value: Option<String>,
    /// Tax qualifier printed after the currency.
    pub tax: Option<Tax>,
    /// Byte offset where the amount starts in the text searched.
    pub start: usize,
    /// Byte offset where it ends (exclusive), after the tax qualifier.
    pub end: usize,
}

/// Finds every amount in `text`, in order.
///
/// Rule: `amount = (numeral | number_words) , [ " " ] , currency , [ tax ]`
/// where `currency` is a phrase of `amounts.{euro,thousand,million,billion}`
/// and `tax` of `amounts.{ht,ttc}`.
///
/// ```
/// use delib::parse::amounts::find_amounts;
/// let a = find_amounts("s'élève à 80 000 euros TTC sur l'exercice 2020");
/// assert_eq!(a[0].value.as_deref(), Some("80000.00"));
/// ```
pub fn find_amounts(text: &str) -> Vec<FoundAmount> {
    let mut out: Vec<FoundAmount> = Vec::new();
    for c in NUMERIC_AMOUNT.captures_iter(text) {
        let Some(num) = c.name("num") else { continue };
        // "Avenant n°1" / "600,00 €": digit groups joined over a line break
        // after a number label are two numbers; the amount is on the next
        // line.
        let labelled = text[..num.start()].trim_end().ends_with('°');
        match num.as_str().find('\n') {
            Some(nl) if labelled => {
                let from = num.start() + nl + 1;
                if let Some(c) = NUMERIC_AMOUNT.captures(&text[from..]) {
                    push_numeric(text, from, &c, &mut out);
                }
            }
            _ => {
                match zero_led_group(num.as_str()).filter(|_| starts_a_number(text, num.start())) {
                    // "Opération 2022 - 02 101 670 €": a group opening with a
                    // zero is the tail of a code; the amount is what follows.
                    Some(k) => {
                        let from = num.start() + k;
                        if let Some(c) = NUMERIC_AMOUNT.captures(&text[from..]) {
                            push_numeric(text, from, &c, &mut out);
                        }
                    }
                    None => push_numeric(text, 0, &c, &mut out),
                }
            }
        }
    }
    for c in WORD_CURRENCY.captures_iter(text) {
        let Some(all) = c.get(0) else { continue };
        if out
            .iter()
            .any(|a| a.start <= all.start() && all.start() < a.end)
        {
            continue;
        }
        if let Some(found) = words_before(text, all.start(), all.end(), &c) {
            out.push(found);
        }
    }
    out.sort_by_key(|a| a.start);
    out
}

/// When `num` opens with a digit group of two or three digits led by a
/// zero ("02 101 670"), then a blank and another group, where that group
/// starts: no thousands grouping writes a leading zero.
fn zero_led_group(num: &str) -> Option<usize> {
    let first = num.len() - num.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if first < 2 || !num.starts_with('0') {
        return None;
    }
    let rest = &num[first..];
    let after = rest.trim_start_matches([' ', '\u{a0}', '\u{202f}']);
    (after.len() < rest.len() && after.starts_with(|c: char| c.is_ascii_digit()))
        .then(|| num.len() - after.len())
}

/// Pushes the numeric amount captured in `text[base..]` by `c`, unless its
/// numeral is the tail of a longer number or code.
fn push_numeric(text: &str, base: usize, c: &Caps, out: &mut Vec<FoundAmount>) {
    let (Some(all), Some(num)) = (c.get(0), c.name("num")) else {
        return;
    };
    let (start, all_start, all_end) = (base + num.start(), base + all.start(), base + all.end());
    if !starts_a_number(text, start) {
        return;
    }
    let scale = if c.name("b").is_some() {
        1_000_000_000
    } else if c.name("m").is_some() {
        1_000_000
    } else if c.name("k").is_some() {
        1_000
    } else {
        1
    };
    let sign = sign_before(text, start);
    // "53,433 millions d'euros": before a multiplier a comma is the
    // decimal mark whatever follows it.
    let numeral = if scale > 1 {
        parse_numeral_scaled(num.as_str())
    } else {
        parse_numeral(num.as_str())
    };
    let value = numeral
        .and_then(|n| n.cents(scale))
        .map(format_cents)
        .map(|v| match sign {
            Some(('-' | '−', _)) if v != "0.00" => format!("-{v}"),
            _ => v,
        });
    out.push(FoundAmount {
        value,
        tax: tax_of(c.name("tax").map(|t| t.as_str())),
        start: sign.map_or(all_start, |(_, at)| at.min(all_start)),
        end: all_end,
    });
}

/// An exact decimal numeral: `mantissa / 10^decimals`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Numeral {
    /// All digits, separators removed.
    pub mantissa: u128,
    /// How many of them are decimals.
    pub decimals: u32,
}

impl Numeral {
    /// The value times `scale`, in cents, rounded half up; `None` on overflow.
    pub fn cents(self, scale: u128) -> Option<u128> {
        let raw = self.mantissa.checked_mul(scale)?.checked_mul(100)?;
        let div = 10u128.checked_pow(self.decimals)?;
        Some((raw + div / 2) / div)
    }
}

/// Parses a printed numeral into an exact [`Numeral`].
///
/// Rule: `numeral = digits , { sep , digits }` with `sep` one of space,
/// newline, `.` or `,`. The last separator is the decimal mark when it is a
/// `,` (except a lone `,` before three digits: `1,672` is 1672), or a `.`
/// before one, two or more than three digits (`8272.02`); every other
/// separator groups thousands. Examples: `445 217 843,00`, `1.672,24`,
/// `8272.02`, `2,5`.
///
/// ```
/// use delib::parse::amounts::parse_numeral;
/// let n = parse_numeral("1.672,24").unwrap();
/// assert_eq!(n.cents(1), Some(167_224));
/// ```
pub fn parse_numeral(s: &str) -> Option<Numeral> {
    numeral_of(s, false)
}

/// [`parse_numeral`] for a numeral before a multiplier ("2,706 M€",
/// "53,433 millions"): a lone comma is the decimal mark before three digits
/// too, since nobody groups the thousands of a count of millions with one.
///
/// ```
/// use delib::parse::amounts::parse_numeral_scaled;
/// let n = parse_numeral_scaled("53,433").unwrap();
/// assert_eq!(n.cents(1_000_000), Some(5_343_300_000));
/// ```
pub fn parse_numeral_scaled(s: &str) -> Option<Numeral> {
    numeral_of(s, true)
}

/// The numeral of `s`; `scaled`: it stands before a multiplier.
fn numeral_of(s: &str, scaled: bool) -> Option<Numeral> {
    let (_, (first, rest)) = numeral_tokens(s).ok()?;
    let mut groups: Vec<(char, &str)> = rest;
    let mut decimals = "";
    if let Some(&(sep, last)) = groups.last() {
        let others = groups.len() > 1;
        let is_decimal = match sep {
            ',' => last.len() != 3 || others || first == "0" || scaled,
            '.' => last.len() != 3 || first == "0",
            _ => false,
        };
        if is_decimal {
            decimals = last;
            groups.pop();
        }
    }
    let mut digits = String::from(first);
    for (_, g) in &groups {
        digits.push_str(g);
    }
    digits.push_str(decimals);
    let mantissa = digits.parse::<u128>().ok()?;
    Some(Numeral {
        mantissa,
        decimals: u32::try_from(decimals.len()).ok()?,
    })
}

/// The first digit run, then each separator with the digits after it.
type NumeralTokens<'a> = (&'a str, Vec<(char, &'a str)>);

/// `digits , { sep , digits }` as tokens.
fn numeral_tokens(s: &str) -> IResult<&str, NumeralTokens<'_>> {
    all_consuming(pair(
        digit1,
        many0(pair(one_of(" \u{a0}\u{202f}\n.,"), digit1)),
    ))
    .parse(s)
}

/// `"80000.00"` from 8 000 000 cents.
pub fn format_cents(cents: u128) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// A numeral starts at `at` only when it is not the tail of a longer
/// number or of a code (`B311`, `2020.80`).
fn starts_a_number(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let mut rev = before.chars().rev();
    match rev.next() {
        None => true,
        Some(c) if c.is_alphanumeric() || c == '_' || c == '/' => false,
        Some('.' | ',' | '-') => !rev.next().is_some_and(|c| c.is_ascii_digit()),
        Some(_) => true,
    }
}

/// The sign glued to the number starting at `at` ("-18.575,30 €",
/// "+18.422,32 €" in a table of results), and where it is: a `+`, `-` or
/// `−` right before the digits, itself after a blank, an opening
/// parenthesis, a colon or an equals sign (not a range "10-20 €", not a
/// word).
fn sign_before(text: &str, at: usize) -> Option<(char, usize)> {
    let mut rev = text[..at].char_indices().rev();
    let (i, sign) = rev.next()?;
    if !matches!(sign, '-' | '−' | '+') {
        return None;
    }
    match rev.next() {
        None => Some((sign, i)),
        Some((_, c)) if c.is_whitespace() || matches!(c, '(' | ':' | '=') => Some((sign, i)),
        Some(_) => None,
    }
}

fn tax_of(t: Option<&str>) -> Option<Tax> {
    let t = t?;
    if class("amounts.ttc").is_match(t) {
        Some(Tax::TTC)
    } else if class("amounts.ht").is_match(t) {
        Some(Tax::HT)
    } else {
        None
    }
}

/// An amount written in words before the currency phrase at `cur_start`:
/// `quatre-vingt mille euros`, `deux millions d'euros`.
fn words_before(text: &str, cur_start: usize, end: usize, c: &Caps) -> Option<FoundAmount> {
    let mut head = text[..cur_start].trim_end();
    if let Some(h) = head.strip_suffix("d'") {
        head = h.trim_end();
    }
    // Walk back over number words ("quatre-vingt", "mille", "et").
    let mut start = head.len();
    for _ in 0..16 {
        let trimmed = head[..start].trim_end();
        let word_start = trimmed
            .char_indices()
            .rev()
            .find(|&(_, ch)| !(ch.is_alphabetic() || ch == '-'))
            .map_or(0, |(i, ch)| i + ch.len_utf8());
        let word = &trimmed[word_start..];
        if word.is_empty() || !word.split('-').all(|w| !w.is_empty() && is_number_word(w)) {
            break;
        }
        start = word_start;
    }
    // A leading "et" belongs to the sentence, not to the number.
    while let Some(rest) = text[start..head.len()]
        .strip_prefix("et ")
        .or_else(|| text[start..head.len()].strip_prefix("ET "))
    {
        start = head.len() - rest.len();
    }
    let phrase = text[start..head.len()].trim();
    if phrase.is_empty() {
        return None;
    }
    let units = parse_number_words(phrase)?;
    Some(FoundAmount {
        value: u128::from(units).checked_mul(100).map(format_cents),
        tax: tax_of(c.name("tax").map(|t| t.as_str())),
        start,
        end,
    })
}

fn fold_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The numeral, then the currency phrase (with its multiplier), then an
/// optional tax: built from the lexicon classes of `amounts.toml`.
static NUMERIC_AMOUNT: LazyLock<Pattern> = LazyLock::new(|| {
    let pattern = format!(
        r"(?P<num>\d{{1,3}}(?:(?:[ \u{{a0}}\u{{202f}}.,]|\n)\d{{3}})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)[ \u{{a0}}\u{{202f}}]?(?:(?P<b>{})|(?P<m>{})|(?P<k>{})|(?P<e>{})){}",
        class_pattern("amounts.billion"),
        class_pattern("amounts.million"),
        class_pattern("amounts.thousand"),
        class_pattern("amounts.euro"),
        TAX_SUFFIX.as_str(),
    );
    Pattern::new(&pattern).unwrap_or_else(|_| never())
});

/// A currency phrase preceded by a letter or an apostrophe: a candidate
/// amount in words.
static WORD_CURRENCY: LazyLock<Pattern> = LazyLock::new(|| {
    let pattern = format!(r"{}{}", class_pattern("amounts.euro"), TAX_SUFFIX.as_str(),);
    Pattern::new(&pattern).unwrap_or_else(|_| never())
});

static TAX_SUFFIX: LazyLock<String> = LazyLock::new(|| {
    format!(
        r"(?:[ \u{{a0}}]?(?P<tax>{}|{}))?",
        class_pattern("amounts.ttc"),
        class_pattern("amounts.ht")
    )
});

/// A lexicon class's regex, embeddable in a larger pattern.
fn class_pattern(name: &str) -> String {
    format!("(?:{})", class(name).regex().as_str())
}

/// A regex that matches nothing (only if a lexicon pattern fails to build,
/// which the lexicon tests rule out).
fn never() -> Pattern {
    Pattern::new(r"[^\s\S]").unwrap_or_else(|_| unreachable!())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<(String, Option<Tax>, String)> {
        find_amounts(text)
            .into_iter()
            .map(|a| {
                (
                    a.value.unwrap_or_default(),
                    a.tax,
                    text[a.start..a.end].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn amounts_as_printed() {
        for (text, value, tax) in [
            ("à 80 000 euros TTC pour", "80000.00", Some(Tax::TTC)),
            ("445 217 843,00 €", "445217843.00", None),
            ("soit 1.672,24 € HT.", "1672.24", Some(Tax::HT)),
            ("341,16 €uros", "341.16", None),
            ("80 k€", "80000.00", None),
            ("2,5 M€", "2500000.00", None),
            ("un emprunt de 4M€ auprès", "4000000.00", None),
            ("- Montant : 4 M€,", "4000000.00", None),
            ("de 8272.02€ brut", "8272.02", None),
            ("aide en nature de 1\n798€.", "1798.00", None),
            ("26 550.00 € HT soit", "26550.00", Some(Tax::HT)),
            ("3,2 millions d'€.", "3200000.00", None),
            ("quatre-vingt mille euros", "80000.00", None),
            ("TROIS CENT TRENTE MILLE EUROS", "330000.00", None),
            ("270 000 €HT", "270000.00", Some(Tax::HT)),
            ("0,00 €", "0.00", None),
            ("deux millions d'euros", "2000000.00", None),
            ("pour un euro symbolique", "1.00", None),
            ("et cinq cents euros", "500.00", None),
            ("1 500 000 EUR", "1500000.00", None),
            ("1.500.000 €", "1500000.00", None),
            ("2,706 M€ TTC", "2706000.00", Some(Tax::TTC)),
            ("53,433 millions d'euros HT", "53433000.00", Some(Tax::HT)),
            ("soit 1,250 k€", "1250.00", None),
        ] {
            let got = values(text);
            assert_eq!(got.len(), 1, "{text:?}: {got:?}");
            assert_eq!(got[0].0, value, "{text:?}");
            assert_eq!(got[0].1, tax, "{text:?}");
        }
    }

    #[test]
    fn a_zero_led_group_is_a_code_tail() {
        let got = values("Opération 2021 - 03 118 250 € Travaux Opération 2021-04 0 € puis 0,50 €");
        let got: Vec<&str> = got.iter().map(|v| v.0.as_str()).collect();
        assert_eq!(got, ["118250.00", "0.00", "0.50"]);
    }

    #[test]
    fn not_amounts() {
        for text in [
            "à hauteur de 80 % des montants",
            "soit 2,35% au 1er février 2013",
            "le 17 juillet 2020",
            "tél. 04 67 34 70 00",
            "Article 2 : la zone euro",
            "Sous politique B311 – 032-011-6228",
        ] {
            assert!(values(text).is_empty(), "{text:?}: {:?}", values(text));
        }
    }

    #[test]
    fn amount_text_covers_the_tax() {
        let got = values("s'élève à 80 000 euros TTC sur l'exercice 2020.");
        assert_eq!(got[0].2, "80 000 euros TTC");
        let got = values("l'exercice 2020 80 000 €");
        assert_eq!(got[0].0, "80000.00");
    }

    #[test]
    fn a_number_label_at_a_line_end_is_not_a_digit_group() {
        let got = values("Avenant n°1\n600,00 €\n117,60 €\nMontant\n1 313\n212,39 €");
        let got: Vec<_> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(got, ["600.00", "117.60", "1313212.39"]);
    }

    #[test]
    fn a_sign_glued_to_the_number_is_kept() {
        let got =
            values("Section d'investissement : -18.575,30 €\nreporté : +18.422,32 €\nsoit (−50 €)");
        let got: Vec<_> = got.iter().map(|g| (g.0.as_str(), g.2.as_str())).collect();
        assert_eq!(
            got,
            [
                ("-18575.30", "-18.575,30 €"),
                ("18422.32", "+18.422,32 €"),
                ("-50.00", "−50 €")
            ]
        );
        // A range or a bullet followed by a blank is no sign.
        let got = values("de 10-20 € par mois\n- 1 500 € de plus");
        assert!(got.iter().all(|g| !g.0.starts_with('-')), "{got:?}");
    }

    #[test]
    fn numerals() {
        let cents = |s: &str| parse_numeral(s).and_then(|n| n.cents(1));
        assert_eq!(cents("1 000 000"), Some(100_000_000));
        assert_eq!(cents("1,672"), Some(167_200));
        assert_eq!(cents("12,5"), Some(1250));
        assert_eq!(cents("0,125"), Some(13));
        assert_eq!(cents("99999999999999999999999999999999999999999"), None);
    }

    #[test]
    fn lexicon_examples_parse_with_their_rule() {
        for name in ["euro", "thousand", "million", "billion", "ht", "ttc"] {
            for ex in &class(&format!("amounts.{name}")).examples {
                assert!(!find_amounts(ex).is_empty(), "amounts.{name}: {ex:?}");
            }
        }
    }
}
