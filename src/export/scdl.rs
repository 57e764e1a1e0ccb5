//! SCDL « Délibérations » 2.1.5: one row of the OpenDataFrance table per
//! record (`../shared/spec/scdl-deliberations.schema.json`), and the ACTES
//! matière classifier that fills DELIB_MATIERE_CODE / DELIB_MATIERE_NOM from
//! the title (rules in `grammar/lexicon/actes.toml`).
//!
//! Nothing is guessed: a column whose value the record does not give is left
//! empty, and a required column left empty is named in
//! [`ScdlRow::missing`] so that the exporter can list the row as incomplete.
//!
//! # Vote columns
//!
//! SCDL's custom checks ask for VOTE_EFFECTIF ≥ VOTE_REEL ≥ each count and
//! VOTE_REEL = POUR + CONTRE + ABSTENTION, and for the five columns to be
//! filled together or not at all. So:
//!
//! - VOTE_EFFECTIF is `session.members_in_office`.
//! - When the tally is printed (`vote.for`), POUR is it, CONTRE and
//!   ABSTENTION are the printed counts or 0 when the tally leaves them out
//!   (a tally "Pour : 12" says nobody voted against), and VOTE_REEL is their
//!   sum, never a count taken elsewhere.
//! - When the vote is unanimous without counts, the voters are the members
//!   present plus those represented (`attendance.present_count`, else the
//!   number of names in `attendance.present`, plus `attendance.represented`),
//!   less those who did not take part (`vote.not_voting`); ABSTENTION is the
//!   printed count or 0 ("à l'unanimité des suffrages exprimés, 2
//!   abstentions"), CONTRE is 0, POUR the rest, VOTE_REEL the voters.
//! - If any of the five is unknown, or the values would break the checks
//!   above, all five are left empty and a `scdl.vote` diagnostic says why.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

use super::is_iso_date;
use crate::model::{Diagnostic, Record};

/// The 17 SCDL Délibérations 2.1.5 columns, in the schema's order.
pub const SCDL_COLUMNS: [&str; 17] = [
    "COLL_NOM",
    "COLL_SIRET",
    "DELIB_ID",
    "DELIB_DATE",
    "DELIB_MATIERE_CODE",
    "DELIB_MATIERE_NOM",
    "DELIB_OBJET",
    "BUDGET_ANNEE",
    "BUDGET_NOM",
    "PREF_ID",
    "PREF_DATE",
    "VOTE_EFFECTIF",
    "VOTE_REEL",
    "VOTE_POUR",
    "VOTE_CONTRE",
    "VOTE_ABSTENTION",
    "DELIB_URL",
];

/// The columns SCDL requires.
pub const SCDL_REQUIRED: [&str; 7] = [
    "COLL_NOM",
    "COLL_SIRET",
    "DELIB_ID",
    "DELIB_DATE",
    "DELIB_MATIERE_CODE",
    "DELIB_MATIERE_NOM",
    "DELIB_OBJET",
];

/// What the record cannot tell and the caller can: the SIRET of the
/// collectivité.
#[derive(Debug, Clone, Default)]
pub struct ScdlOptions {
    /// The SIRET to write for every row (a run over one collectivité).
    pub coll_siret: Option<String>,
    /// SIRET by collectivité name (as in `authority.name`, compared without
    /// case or accents) or by SIREN (the 2nd field of the @ctes identifier).
    pub siret_map: BTreeMap<String, String>,
}

/// One SCDL row, its gaps, and what the caller should know about it.
#[derive(Debug, Clone, PartialEq)]
pub struct ScdlRow {
    /// The 17 cells, in [`SCDL_COLUMNS`] order; empty when unknown.
    pub cells: Vec<String>,
    /// Required columns left empty.
    pub missing: Vec<&'static str>,
    /// How values were derived (the matière rule that fired) and why some
    /// were left empty; `scdl.*` codes.
    pub diagnostics: Vec<Diagnostic>,
}

impl ScdlRow {
    /// The cell of `column`, if it is one of [`SCDL_COLUMNS`].
    pub fn get(&self, column: &str) -> Option<&str> {
        let i = SCDL_COLUMNS.iter().position(|c| *c == column)?;
        self.cells.get(i).map(String::as_str)
    }
}

/// An ACTES matière (level 2) chosen for a deliberation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matiere {
    /// Level-2 code, `7.1`.
    pub code: String,
    /// Level-1 name as in the nomenclature, `Finances locales`.
    pub theme: String,
    /// Level-2 name as in the nomenclature, `Décisions budgétaires`.
    pub name: String,
    /// The keyword that fired, as written in `actes.toml`.
    pub rule: String,
}

impl Matiere {
    /// DELIB_MATIERE_NOM: `finances locales/décisions budgétaires` (lower
    /// case, no comma or parenthesis, one oblique without spaces).
    pub fn scdl_name(&self) -> String {
        format!("{}/{}", scdl_label(&self.theme), scdl_label(&self.name))
    }
}

/// Classifies a title into an ACTES matière by the keyword rules of
/// `grammar/lexicon/actes.toml`: the keyword that starts first in the title
/// wins, then the longest, then the entry written first.
///
/// `Exercice 2013 - Budget Primitif de la Ville` gives `7.1`, rule
/// `budget primitif`.
pub fn classify_matiere(title: &str) -> Option<Matiere> {
    let text = format!(" {} ", fold(title));
    // (start, length) of the best match so far.
    let mut best: Option<((usize, usize), &Entry, &Rule)> = None;
    for entry in &NOMENCLATURE.entries {
        for rule in &entry.rules {
            let Some(start) = rule.find(&text) else {
                continue;
            };
            let better = best.is_none_or(|((s, len), _, _)| {
                start < s || (start == s && rule.folded.len() > len)
            });
            if better {
                best = Some(((start, rule.folded.len()), entry, rule));
            }
        }
    }
    best.map(|(_, e, r)| Matiere {
        code: e.code.clone(),
        theme: e.theme.clone(),
        name: e.name.clone(),
        rule: r.written.clone(),
    })
}

/// Every level-2 entry of the nomenclature: `(code, theme, name, examples)`.
pub fn nomenclature() -> Vec<(&'static str, &'static str, &'static str, &'static [String])> {
    NOMENCLATURE
        .entries
        .iter()
        .map(|e| {
            (
                e.code.as_str(),
                e.theme.as_str(),
                e.name.as_str(),
                e.examples.as_slice(),
            )
        })
        .collect()
}

/// Builds the SCDL row of one record.
pub fn scdl_row(rec: &Record, opts: &ScdlOptions) -> ScdlRow {
    let mut diags = Vec::new();
    let mut cells: BTreeMap<&'static str, String> = BTreeMap::new();
    let mut set = |col: &'static str, v: Option<String>| {
        if let Some(v) = v.filter(|v| !v.trim().is_empty()) {
            cells.insert(col, v);
        }
    };

    set("COLL_NOM", rec.authority.name.clone());
    set("COLL_SIRET", coll_siret(rec, opts, &mut diags));
    set(
        "DELIB_ID",
        rec.number.clone().or_else(|| rec.actes_id.clone()),
    );
    let delib_date = rec.session.date.clone().filter(|d| is_iso_date(d));
    set("DELIB_DATE", delib_date.clone());
    if let Some(m) = rec.title.as_deref().and_then(classify_matiere) {
        diags.push(Diagnostic::warning(
            "scdl.matiere",
            format!(
                "DELIB_MATIERE_CODE {} ({}) classified from the title by the rule \"{}\"",
                m.code,
                m.scdl_name(),
                m.rule
            ),
            None,
        ));
        set("DELIB_MATIERE_CODE", Some(m.code.clone()));
        set("DELIB_MATIERE_NOM", Some(m.scdl_name()));
    }
    set("DELIB_OBJET", rec.title.clone());

    let actes = rec.actes_id.as_deref().map(ActesId::parse);
    set(
        "PREF_ID",
        actes
            .as_ref()
            .and_then(|a| a.department.as_ref())
            .map(|d| format!("PREF{d}")),
    );
    let pref_date = rec.dates.received.clone().filter(|d| is_iso_date(d));
    match (&pref_date, &delib_date) {
        // ISO dates compare as strings.
        (Some(p), Some(d)) if p < d => diags.push(Diagnostic::warning(
            "scdl.pref_date",
            format!("PREF_DATE left empty: received {p} is before the séance {d}"),
            None,
        )),
        _ => set("PREF_DATE", pref_date),
    }

    match vote_columns(rec) {
        Ok(v) => {
            for (col, n) in [
                "VOTE_EFFECTIF",
                "VOTE_REEL",
                "VOTE_POUR",
                "VOTE_CONTRE",
                "VOTE_ABSTENTION",
            ]
            .into_iter()
            .zip(v)
            {
                set(col, Some(n.to_string()));
            }
        }
        Err(Some(why)) => diags.push(Diagnostic::warning(
            "scdl.vote",
            format!("vote columns left empty: {why}"),
            None,
        )),
        Err(None) => {}
    }

    let missing: Vec<&'static str> = SCDL_REQUIRED
        .into_iter()
        .filter(|c| !cells.contains_key(c))
        .collect();
    for c in &missing {
        diags.push(Diagnostic::warning(
            "scdl.missing",
            format!("required column {c} is unknown"),
            None,
        ));
    }
    let cells = SCDL_COLUMNS
        .iter()
        .map(|c| cells.get(c).cloned().unwrap_or_default())
        .collect();
    ScdlRow {
        cells,
        missing,
        diagnostics: diags,
    }
}

/// The fields of an @ctes identifier `034-213401722-20130204-0000061086-DE`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActesId {
    /// Département, 3 characters (`034`, `02A`), when the first field is one.
    pub department: Option<String>,
    /// SIREN of the collectivité, when the second field is 9 digits.
    pub siren: Option<String>,
}

impl ActesId {
    /// Splits an @ctes identifier; fields that do not have the expected
    /// shape are `None`.
    pub fn parse(id: &str) -> ActesId {
        let mut parts = id.trim().split('-');
        let dep = parts.next().unwrap_or("").trim();
        let department = match dep.len() {
            1..=3 if dep.chars().all(|c| c.is_ascii_digit()) => Some(format!("{dep:0>3}")),
            // Corsica: 2A, 2B, 02A, 02B.
            2 | 3
                if dep.ends_with(['A', 'B'])
                    && dep[..dep.len() - 1].chars().all(|c| c.is_ascii_digit()) =>
            {
                Some(format!("{dep:0>3}"))
            }
            _ => None,
        };
        let siren = parts
            .next()
            .map(str::trim)
            .filter(|s| s.len() == 9 && s.chars().all(|c| c.is_ascii_digit()))
            .map(str::to_string);
        ActesId { department, siren }
    }
}

/// COLL_SIRET: the option, else the map by name, else the map by SIREN.
fn coll_siret(rec: &Record, opts: &ScdlOptions, diags: &mut Vec<Diagnostic>) -> Option<String> {
    let by_name = || {
        let name = fold(rec.authority.name.as_deref()?);
        opts.siret_map
            .iter()
            .find(|(k, _)| fold(k) == name)
            .map(|(_, v)| v.clone())
    };
    let by_siren = || {
        let siren = ActesId::parse(rec.actes_id.as_deref()?).siren?;
        opts.siret_map.get(&siren).cloned()
    };
    let siret = opts.coll_siret.clone().or_else(by_name).or_else(by_siren)?;
    let siret: String = siret.chars().filter(|c| !c.is_whitespace()).collect();
    if siret.len() == 14 && siret.chars().all(|c| c.is_ascii_digit()) {
        Some(siret)
    } else {
        diags.push(Diagnostic::warning(
            "scdl.siret",
            format!("COLL_SIRET left empty: {siret:?} is not 14 digits"),
            None,
        ));
        None
    }
}

/// The five vote columns `[effectif, réel, pour, contre, abstention]`
/// (module doc, "Vote columns"). `Err(None)`: nothing to say (no vote
/// known); `Err(Some(why))`: some of it known but not enough.
fn vote_columns(rec: &Record) -> Result<[u32; 5], Option<String>> {
    let v = &rec.vote;
    let (pour, contre, abst) = if let Some(pour) = v.for_ {
        (pour, v.against.unwrap_or(0), v.abstentions.unwrap_or(0))
    } else if v.unanimous == Some(true) {
        let a = &rec.attendance;
        let present = a
            .present_count
            .or_else(|| (!a.present.is_empty()).then_some(a.present.len() as u32));
        let Some(present) = present else {
            return Err(Some(
                "unanimous, but the number of members present is unknown".into(),
            ));
        };
        let voters =
            (present + a.represented.len() as u32).saturating_sub(v.not_voting.unwrap_or(0));
        let abst = v.abstentions.unwrap_or(0);
        if v.against.unwrap_or(0) > 0 || abst > voters {
            return Err(Some(
                "unanimous, but the counts printed contradict it".into(),
            ));
        }
        (voters - abst, 0, abst)
    } else if v.against.is_some() || v.abstentions.is_some() {
        return Err(Some("votes for are not printed".into()));
    } else {
        return Err(None);
    };
    let reel = pour + contre + abst;
    let Some(effectif) = rec.session.members_in_office else {
        return Err(Some("members in office (VOTE_EFFECTIF) unknown".into()));
    };
    if effectif < reel {
        return Err(Some(format!(
            "{reel} voters is more than the {effectif} members in office"
        )));
    }
    Ok([effectif, reel, pour, contre, abst])
}

/// SCDL wording of a nomenclature name: lower case, commas and parentheses
/// removed, spaces folded.
fn scdl_label(s: &str) -> String {
    let s: String = s
        .to_lowercase()
        .chars()
        .filter(|c| !matches!(c, ',' | '(' | ')'))
        .collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Folds text for matching: lower case, accents and ligatures removed, every
/// run of non-alphanumeric characters one space, trimmed.
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.nfd() {
        let c = c.to_lowercase().next().unwrap_or(c);
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        let piece = match c {
            'œ' => "oe",
            'æ' => "ae",
            _ if c.is_alphanumeric() || c == '*' => {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.push(c);
                continue;
            }
            _ => {
                space = true;
                continue;
            }
        };
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push_str(piece);
    }
    out
}

/// The nomenclature compiled from `actes.toml`.
static NOMENCLATURE: LazyLock<Nomenclature> = LazyLock::new(|| {
    // The file is part of the binary and checked by tests/export.rs; a
    // syntax error there is a build defect, reported on first use.
    let file: ActesFile = match toml::from_str(ACTES_TOML) {
        Ok(f) => f,
        Err(e) => panic!("grammar/lexicon/actes.toml is not valid: {e}"),
    };
    let entries = file
        .theme
        .into_iter()
        .flat_map(|t| {
            let theme = t.name;
            t.matiere.into_iter().map(move |m| Entry {
                code: m.code,
                theme: theme.clone(),
                name: m.name,
                rules: m.keywords.iter().map(|k| Rule::new(k)).collect(),
                examples: m.examples,
            })
        })
        .collect();
    Nomenclature { entries }
});

/// The rules file, embedded.
const ACTES_TOML: &str = include_str!("../../grammar/lexicon/actes.toml");

#[derive(Debug, Deserialize)]
struct ActesFile {
    theme: Vec<ThemeDef>,
}

#[derive(Debug, Deserialize)]
struct ThemeDef {
    #[allow(dead_code)]
    code: String,
    name: String,
    matiere: Vec<MatiereDef>,
}

#[derive(Debug, Deserialize)]
struct MatiereDef {
    code: String,
    name: String,
    #[serde(default)]
    keywords: Vec<String>,
    #[serde(default)]
    examples: Vec<String>,
}

#[derive(Debug)]
struct Nomenclature {
    entries: Vec<Entry>,
}

#[derive(Debug)]
struct Entry {
    code: String,
    theme: String,
    name: String,
    rules: Vec<Rule>,
    examples: Vec<String>,
}

/// One keyword: folded, matched at a word start, to a word end unless it
/// ended with `*`.
#[derive(Debug)]
struct Rule {
    written: String,
    folded: String,
    prefix: bool,
}

impl Rule {
    fn new(written: &str) -> Rule {
        let prefix = written.trim_end().ends_with('*');
        let folded = fold(written.trim_end().trim_end_matches('*'));
        Rule {
            written: written.to_string(),
            folded,
            prefix,
        }
    }

    /// Where the keyword first occurs in `text` (folded and padded with one
    /// space on each side).
    fn find(&self, text: &str) -> Option<usize> {
        if self.folded.is_empty() {
            return None;
        }
        let needle = if self.prefix {
            format!(" {}", self.folded)
        } else {
            format!(" {} ", self.folded)
        };
        text.find(&needle)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_removes_accents_and_punctuation() {
        assert_eq!(fold("Maîtrise d’œuvre – n°2"), "maitrise d oeuvre n 2");
    }

    #[test]
    fn actes_id_fields() {
        let a = ActesId::parse("034-213401722-20130204-0000061086-DE");
        assert_eq!(a.department.as_deref(), Some("034"));
        assert_eq!(a.siren.as_deref(), Some("213401722"));
        assert_eq!(
            ActesId::parse("2A-212000046-x").department.as_deref(),
            Some("02A")
        );
        assert_eq!(ActesId::parse("garbage").department, None);
    }

    #[test]
    fn scdl_label_drops_commas_and_parentheses() {
        assert_eq!(
            scdl_label("Prise de participation (SEM, etc.)"),
            "prise de participation sem etc."
        );
    }
}
