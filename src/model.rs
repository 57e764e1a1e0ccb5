//! The deliberation record: the output contract of `../shared/spec/record.md`
//! (schema `delib/1`) as serde types.
//!
//! Field names, types and meaning follow the contract exactly; a field the
//! document does not state is `None` (serialized as `null`) or an empty list.
//! Money is a decimal string with two decimals, dates are ISO strings that
//! were validated before they were stored here.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The schema identifier every record carries.
pub const SCHEMA: &str = "delib/1";

/// One deliberation, with the séance fields it inherits and provenance.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Record {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// Where the record comes from.
    pub source: SourceInfo,
    /// The collectivité or établissement.
    pub authority: Authority,
    /// The deliberating body.
    pub body: Body,
    /// The séance.
    pub session: Session,
    /// The deliberation's own number as printed (`FBPA 018-8117/20/BM`).
    pub number: Option<String>,
    /// Further references printed for it (`MET 20/15336/BM`).
    pub other_numbers: Vec<String>,
    /// @ctes identifier `DDD-SIREN-YYYYMMDD-NUM-NATURE`.
    pub actes_id: Option<String>,
    /// Objet, one line, whitespace folded.
    pub title: Option<String>,
    /// Who reported it.
    pub rapporteur: Option<String>,
    /// Présents, représentés, excusés, absents.
    pub attendance: Attendance,
    /// The visas ("Vu …").
    pub citations: Vec<Citation>,
    /// The considérants, one string each.
    pub recitals: Vec<String>,
    /// The dispositif's numbered articles.
    pub articles: Vec<Article>,
    /// The dispositif when it has no numbered articles.
    pub decision_text: Option<String>,
    /// Every sum of money stated, one item per occurrence.
    pub amounts: Vec<Amount>,
    /// Budget imputations as printed.
    pub budget_lines: Vec<String>,
    /// The vote.
    pub vote: Vote,
    /// Signature and prefecture dates.
    pub dates: Dates,
    /// Who signed.
    pub signatory: Option<String>,
    /// What could not be read, with its span.
    pub diagnostics: Vec<Diagnostic>,
}

impl Record {
    /// An empty record for `source`, every field unknown.
    pub fn new(source: SourceInfo) -> Record {
        Record {
            schema: SCHEMA.to_string(),
            source,
            ..Record::default()
        }
    }
}

/// Provenance of a record.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SourceInfo {
    /// Input path as given (`archive.zip!dir/file.pdf` for archive members).
    pub path: String,
    /// Lower-case hex SHA-256 of the input file.
    pub sha256: String,
    /// First and last page (1-based) of this deliberation.
    pub pages: [u32; 2],
    /// Where the text came from.
    pub text_origin: TextOrigin,
    /// What kind of document the deliberation was read from (extension).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_kind: Option<DocumentKind>,
    /// This record's place among its input's records, from 1 (extension:
    /// lets a resumed run tell a complete input from one cut short).
    #[serde(default)]
    pub record_index: u32,
    /// How many records its input gave (extension).
    #[serde(default)]
    pub record_count: u32,
}

/// Where a text came from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TextOrigin {
    /// The PDF's own text layer.
    #[default]
    TextLayer,
    /// Optical character recognition of page images.
    Ocr,
    /// A plain-text input file.
    TextFile,
}

/// Whether a document holds one deliberation or a whole séance (extension).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// An "extrait du registre": one deliberation.
    Extract,
    /// A register, procès-verbal or compte rendu holding several.
    Seance,
}

/// The collectivité.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Authority {
    /// Name as printed (`Métropole Aix-Marseille-Provence`).
    pub name: Option<String>,
    /// Département as printed (`Bouches du Rhône`).
    pub department: Option<String>,
}

/// The deliberating body.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Body {
    /// Its kind.
    pub kind: Option<BodyKind>,
    /// Its name as printed (`Bureau de la Métropole`).
    pub name: Option<String>,
}

/// The kinds of deliberating body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BodyKind {
    /// Conseil municipal.
    MunicipalCouncil,
    /// Conseil communautaire.
    CommunityCouncil,
    /// Conseil métropolitain / conseil de la métropole.
    MetropolitanCouncil,
    /// Bureau.
    Bureau,
    /// Commission permanente.
    StandingCommittee,
    /// Conseil départemental / général.
    DepartmentalCouncil,
    /// Conseil régional.
    RegionalCouncil,
    /// Comité syndical.
    SyndicateCommittee,
    /// Anything else.
    Other,
}

/// The séance.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Session {
    /// Date of the séance, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Opening time, `HH:MM`.
    pub time: Option<String>,
    /// Date of convocation.
    pub convened_on: Option<String>,
    /// Who presided.
    pub president: Option<String>,
    /// Secrétaire de séance.
    pub secretary: Option<String>,
    /// Membres en exercice.
    pub members_in_office: Option<u32>,
}

/// Attendance.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Attendance {
    /// Présents.
    pub present: Vec<String>,
    /// Absents représentés, with their proxy.
    pub represented: Vec<Pouvoir>,
    /// Absents excusés who gave no proxy.
    pub excused: Vec<String>,
    /// Absents.
    pub absent: Vec<String>,
    /// Count of présents as printed.
    pub present_count: Option<u32>,
}

/// A pouvoir: an absent member represented by a proxy.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Pouvoir {
    /// The absent member.
    pub member: String,
    /// Who holds the proxy, when printed.
    pub proxy: Option<String>,
}

/// A visa ("Vu …") as a typed citation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Citation {
    /// The cited text, without "Vu".
    pub text: String,
    /// What is cited.
    pub kind: CitationKind,
    /// Its number (`2014-58`), when printed.
    pub number: Option<String>,
    /// Its date, when printed.
    pub date: Option<String>,
    /// Where it was read.
    pub span: Span,
}

/// Kinds of citation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CitationKind {
    /// A code (CGCT, code de l'urbanisme…).
    Code,
    /// A loi.
    Law,
    /// An ordonnance.
    Ordinance,
    /// A décret.
    Decree,
    /// An arrêté.
    Order,
    /// An earlier délibération.
    Deliberation,
    /// A règlement, circulaire, instruction.
    Regulation,
    /// Anything else (avis, budget, rapport…).
    Other,
}

/// A numbered article of the dispositif.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Article {
    /// Its number as a string (`"1"`; "1er" and "premier" become `"1"`).
    pub number: String,
    /// Its text, whitespace folded.
    pub text: String,
}

/// A sum of money.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Amount {
    /// Exact value, a decimal string with two decimals (`"80000.00"`), with a
    /// leading `-` when the document prints the sum negative (`-18.575,30 €`).
    pub value: String,
    /// ISO currency code (`EUR`).
    pub currency: String,
    /// `HT` or `TTC` when printed.
    pub tax: Option<Tax>,
    /// The text as printed.
    pub text: String,
    /// Where it was read.
    pub span: Span,
}

/// Tax qualifier of an amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Tax {
    /// Hors taxes.
    HT,
    /// Toutes taxes comprises.
    TTC,
}

/// The vote.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Vote {
    /// Outcome.
    pub outcome: Option<Outcome>,
    /// "à l'unanimité".
    pub unanimous: Option<bool>,
    /// Votes for, as printed.
    #[serde(rename = "for")]
    pub for_: Option<u32>,
    /// Votes against, as printed.
    pub against: Option<u32>,
    /// Abstentions, as printed.
    pub abstentions: Option<u32>,
    /// Members who did not take part, as printed.
    pub not_voting: Option<u32>,
    /// Who voted against.
    pub against_names: Vec<String>,
    /// Who abstained.
    pub abstention_names: Vec<String>,
    /// Who did not take part.
    pub not_voting_names: Vec<String>,
}

/// Outcome of a vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Adoptée.
    Adopted,
    /// Rejetée.
    Rejected,
    /// Retirée, annulée.
    Withdrawn,
    /// Ajournée, reportée.
    Deferred,
    /// Prend acte, information.
    Noted,
}

/// Signature and prefecture dates.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Dates {
    /// "Signé le", "Fait à … le".
    pub signed: Option<String>,
    /// Envoi / transmission en préfecture.
    pub transmitted: Option<String>,
    /// Reçu au contrôle de légalité / réception en préfecture.
    pub received: Option<String>,
    /// Publié / affiché le.
    pub published: Option<String>,
}

/// A place in the normalized text: byte offsets into the normalized text of
/// one page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Span {
    /// 1-based page number.
    pub page: u32,
    /// Start byte offset in that page's normalized text.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
}

/// Something odd that was read, or could not be read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Diagnostic {
    /// Severity.
    pub level: Level,
    /// Stable code, `area.what` (`attendance.unparsed`, `page.no_text_layer`).
    pub code: String,
    /// A sentence a person understands.
    pub message: String,
    /// Where, when it is located.
    pub span: Option<Span>,
}

impl Diagnostic {
    /// A warning with an optional span.
    pub fn warning(code: &str, message: impl Into<String>, span: Option<Span>) -> Diagnostic {
        Diagnostic {
            level: Level::Warning,
            code: code.to_string(),
            message: message.into(),
            span,
        }
    }

    /// An error with an optional span.
    pub fn error(code: &str, message: impl Into<String>, span: Option<Span>) -> Diagnostic {
        Diagnostic {
            level: Level::Error,
            code: code.to_string(),
            message: message.into(),
            span,
        }
    }
}

/// Diagnostic severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Read, but something is odd or missing.
    Warning,
    /// Something could not be read.
    Error,
}
