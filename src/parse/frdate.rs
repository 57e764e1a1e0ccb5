//! French dates, raw then checked: every form a deliberation prints
//! ("31 juillet 2020", "lundi 4 février 2013", "1er mars 2021",
//! "04/02/2013", "04.02.13", "2013-02-04", "L'an deux mille vingt-trois, le
//! vingt-cinq janvier") to a validated ISO `YYYY-MM-DD`.
//!
//! Rule (grammar/deliberation.ebnf, `date`):
//! ```text
//! date      = [weekday] day month_name year
//!           | day ("/" | "." | "-") month ("/" | "." | "-") year
//!           | year "-" month "-" day
//!           | "l'an" year_words "," ["le"] day_words month_name ;
//! day       = digits | "1er" | day_words ;
//! ```

use std::cell::RefCell;
use std::sync::LazyLock;

use super::pattern::Pattern;

use super::words::parse_number_words;

/// A date found in a text: its ISO form and byte range in the text searched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    /// Validated `YYYY-MM-DD`.
    pub iso: String,
    /// Byte offset where the date starts.
    pub start: usize,
    /// Byte offset where it ends (exclusive).
    pub end: usize,
}

const MONTHS: &str = "janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre|janv|f[ée]vr?|avr|juil|sept|oct|nov|d[ée]c";

static NUMERIC: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"\b(\d{1,2})\s?([/.\-])\s?(\d{1,2})\s?([/.\-])\s?(\d{4}|\d{2})\b")
        .expect("static regex")
});
static ISO: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"\b(\d{4})-(\d{2})-(\d{2})\b").expect("static regex"));
static WRITTEN: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(
        r"(?i)\b(1\s?er|\d{{1,2}}|premier|[a-zéèêû]+(?:[\s-][a-zéèêû]+)?)\s*({MONTHS})\.?\s+(\d{{4}})\b"
    ))
    .expect("static regex")
});
static WORDS: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(
        r"(?i)\bl'an\s+((?:[a-zéèêû]+[\s-]+){{1,6}}?[a-zéèêû]+)\s*,?\s+(?:et\s+)?le\s+((?:[a-zéèêû0-9]+[\s-]+){{0,3}}?[a-zéèêû0-9]+)\s+(?:du\s+mois\s+d[e']\s*)?({MONTHS})\b"
    ))
    .expect("static regex")
});

static DAY_MONTH: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(
        r"(?i)^[\s:]*(?:le\s+)?(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?(1\s?er|\d{{1,2}}|premier|[a-zéèêû]+(?:-[a-zéèêû]+)?)\s+({MONTHS})\b"
    ))
    .expect("static regex")
});

/// A day and month without a year at the start of `text` ("le 27
/// septembre", "le sept février deux-mille-vingt-trois" whose year is in
/// words), dated in the year that puts it on or before `before` (an ISO
/// date): a convocation precedes its séance by days. Returns the ISO date
/// and the byte offset where the day and month end.
pub fn day_month_before(text: &str, before: &str) -> Option<(String, usize)> {
    let c = DAY_MONTH.captures(text)?;
    let day = parse_day(c.get(1)?.as_str())?;
    let month = month_number(c.get(2)?.as_str())?;
    let year: i32 = before.get(..4)?.parse().ok()?;
    let ref_md = (
        before.get(5..7)?.parse::<u32>().ok()?,
        before.get(8..10)?.parse::<u32>().ok()?,
    );
    let year = if (month, day) > ref_md {
        year - 1
    } else {
        year
    };
    Some((iso_date(year, month, day)?, c.get(0)?.end()))
}

/// Finds every date in `text`, in order of position, without overlaps.
///
/// The séance head is searched twice in a row (the séance date, then the
/// convocation's): the last text searched and its dates are kept, so the
/// second search is a comparison.
pub fn find_dates(text: &str) -> Vec<FoundDate> {
    thread_local! {
        static LAST: super::memo::Last<Vec<FoundDate>> = const { RefCell::new(None) };
    }
    super::memo::remembered(&LAST, text, search_dates)
}

/// True when no date [`find_dates`] reads can hold any of `chars` (see
/// [`super::articles::reads_none_of`]): a text cut next to one of them has
/// the whole text's dates on its side of the cut.
pub(crate) fn dates_read_none_of(chars: &[char]) -> bool {
    [&*WORDS, &*WRITTEN, &*NUMERIC, &*ISO]
        .iter()
        .all(|p| super::articles::reads_none_of(p.as_str(), chars, false))
}

/// [`find_dates`] without the memory of the last text.
fn search_dates(text: &str) -> Vec<FoundDate> {
    let mut out: Vec<FoundDate> = Vec::new();
    for c in WORDS.captures_iter(text) {
        let (Some(m), Some(y), Some(d), Some(mo)) = (c.get(0), c.get(1), c.get(2), c.get(3)) else {
            continue;
        };
        let year = parse_number_words(y.as_str()).and_then(|v| i32::try_from(v).ok());
        let day = parse_day(d.as_str());
        if let (Some(year), Some(day), Some(month)) = (year, day, month_number(mo.as_str())) {
            if let Some(iso) = iso_date(year, month, day) {
                out.push(FoundDate {
                    iso,
                    start: m.start(),
                    end: m.end(),
                });
            }
        }
    }
    for c in WRITTEN.captures_iter(text) {
        let (Some(m), Some(d), Some(mo), Some(y)) = (c.get(0), c.get(1), c.get(2), c.get(3)) else {
            continue;
        };
        // "lundi 4 février" – the day group may have caught a weekday only.
        let (day, start) = match parse_day(d.as_str()) {
            Some(day) => (day, m.start()),
            None => match d.as_str().rsplit_once([' ', '-']) {
                Some((_, last)) => match parse_day(last) {
                    Some(day) => (day, d.end() - last.len()),
                    None => continue,
                },
                None => continue,
            },
        };
        let (Some(month), Ok(year)) = (month_number(mo.as_str()), y.as_str().parse::<i32>()) else {
            continue;
        };
        if let Some(iso) = iso_date(year, month, day) {
            out.push(FoundDate {
                iso,
                start,
                end: m.end(),
            });
        }
    }
    for c in NUMERIC.captures_iter(text) {
        let (Some(m), Some(d), Some(s1), Some(mo), Some(s2), Some(y)) =
            (c.get(0), c.get(1), c.get(2), c.get(3), c.get(4), c.get(5))
        else {
            continue;
        };
        if s1.as_str() != s2.as_str() {
            continue;
        }
        let year = match y.as_str().len() {
            2 => y.as_str().parse::<i32>().ok().map(|v| 2000 + v),
            _ => y.as_str().parse::<i32>().ok(),
        };
        let (Ok(day), Ok(month), Some(year)) =
            (d.as_str().parse::<u32>(), mo.as_str().parse::<u32>(), year)
        else {
            continue;
        };
        if let Some(iso) = iso_date(year, month, day) {
            out.push(FoundDate {
                iso,
                start: m.start(),
                end: m.end(),
            });
        }
    }
    for c in ISO.captures_iter(text) {
        let (Some(m), Some(y), Some(mo), Some(d)) = (c.get(0), c.get(1), c.get(2), c.get(3)) else {
            continue;
        };
        if let (Ok(y), Ok(mo), Ok(d)) =
            (y.as_str().parse(), mo.as_str().parse(), d.as_str().parse())
        {
            if let Some(iso) = iso_date(y, mo, d) {
                out.push(FoundDate {
                    iso,
                    start: m.start(),
                    end: m.end(),
                });
            }
        }
    }
    out.sort_by_key(|d| (d.start, std::cmp::Reverse(d.end)));
    let mut kept: Vec<FoundDate> = Vec::with_capacity(out.len());
    for d in out {
        if kept.last().is_some_and(|k| d.start < k.end) {
            continue;
        }
        kept.push(d);
    }
    kept
}

/// The first date in `text`.
pub fn first_date(text: &str) -> Option<FoundDate> {
    find_dates(text).into_iter().next()
}

/// Parses a day of month: digits, "1er", "premier", or words ("vingt-cinq").
fn parse_day(s: &str) -> Option<u32> {
    let t = s.trim().to_lowercase();
    let t = t.replace(' ', "");
    let t = t.strip_suffix("er").unwrap_or(&t);
    if let Ok(v) = t.parse::<u32>() {
        return Some(v);
    }
    parse_number_words(s)
        .and_then(|v| u32::try_from(v).ok())
        .filter(|&v| (1..=31).contains(&v))
}

/// Month number of a French month name or abbreviation.
pub fn month_number(name: &str) -> Option<u32> {
    let n = name.to_lowercase();
    let n = n.trim_end_matches('.');
    let folded: String = n
        .chars()
        .map(|c| match c {
            'é' | 'è' | 'ê' => 'e',
            'û' | 'ù' => 'u',
            c => c,
        })
        .collect();
    Some(match folded.as_str() {
        "janvier" | "janv" => 1,
        "fevrier" | "fevr" | "fev" => 2,
        "mars" => 3,
        "avril" | "avr" => 4,
        "mai" => 5,
        "juin" => 6,
        "juillet" | "juil" => 7,
        "aout" => 8,
        "septembre" | "sept" => 9,
        "octobre" | "oct" => 10,
        "novembre" | "nov" => 11,
        "decembre" | "dec" => 12,
        _ => return None,
    })
}

/// A checked ISO date: the day exists in that month of that year, and the
/// year is plausible for a deliberation (1800–2100).
pub fn iso_date(year: i32, month: u32, day: u32) -> Option<String> {
    if !(1800..=2100).contains(&year) || !(1..=12).contains(&month) || day == 0 {
        return None;
    }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (day <= days).then(|| format!("{year:04}-{month:02}-{day:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(text: &str) -> Option<String> {
        first_date(text).map(|d| d.iso)
    }

    #[test]
    fn a_day_glued_to_its_month() {
        let d = find_dates("CONSEIL MUNICIPAL DU 26MAI 2009");
        assert_eq!(d.first().map(|d| d.iso.as_str()), Some("2009-05-26"));
    }

    #[test]
    fn french_dates() {
        for (text, want) in [
            ("Séance du 31 juillet 2020", "2020-07-31"),
            ("le lundi 4 février 2013 à 18H00", "2013-02-04"),
            ("le 1er mars 2021", "2021-03-01"),
            ("le 1 er mars 2021", "2021-03-01"),
            ("Signé le 31 Juillet 2020", "2020-07-31"),
            ("Reçu le 06 août 2020", "2020-08-06"),
            ("Publiée le : 04/02/2013", "2013-02-04"),
            ("le 04.02.13", "2013-02-04"),
            ("le 2013-02-04", "2013-02-04"),
            (
                "L'an deux mille vingt-trois, le vingt-cinq janvier à 20 heures",
                "2023-01-25",
            ),
            ("L'an deux mille douze, le premier mars", "2012-03-01"),
            ("le 12 déc. 2012", "2012-12-12"),
        ] {
            assert_eq!(iso(text).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn invalid_dates_are_refused() {
        assert_eq!(iso("le 31 février 2020"), None);
        assert_eq!(iso("le 29/02/2021"), None);
        assert_eq!(iso("le 29/02/2020").as_deref(), Some("2020-02-29"));
        assert_eq!(iso("loi n° 2014-58"), None);
    }

    #[test]
    fn spans_cover_the_date() {
        let t = "Séance du lundi 4 février 2013";
        let d = first_date(t).unwrap();
        assert_eq!(&t[d.start..d.end], "4 février 2013");
    }
}
