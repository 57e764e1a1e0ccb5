//! The spreadsheet CSV: one row per deliberation with the record's main
//! fields flattened, for people who open the export in a spreadsheet.
//!
//! Lists are joined with [`LIST_SEPARATOR`]; a pouvoir is written
//! `member > proxy`, an article `number. text`, an amount
//! `value currency [tax]`. Counts as printed stay empty when unknown, so an
//! empty cell always means "not stated", never zero. Quoting (RFC 4180) is
//! done by the writer in [`super::Exporter`].

use crate::model::{Outcome, Record, Tax};

/// What joins the items of a list in one cell.
pub const LIST_SEPARATOR: &str = " | ";

/// The CSV header, in order.
pub const CSV_COLUMNS: [&str; 46] = [
    "source_path",
    "source_sha256",
    "first_page",
    "last_page",
    "text_origin",
    "authority_name",
    "authority_department",
    "body_kind",
    "body_name",
    "session_date",
    "session_time",
    "session_convened_on",
    "session_president",
    "session_secretary",
    "members_in_office",
    "number",
    "other_numbers",
    "actes_id",
    "title",
    "rapporteur",
    "present",
    "present_count",
    "represented",
    "excused",
    "absent",
    "citations",
    "recitals",
    "articles",
    "decision_text",
    "amounts",
    "budget_lines",
    "vote_outcome",
    "vote_unanimous",
    "vote_for",
    "vote_against",
    "vote_abstentions",
    "vote_not_voting",
    "against_names",
    "abstention_names",
    "not_voting_names",
    "signed",
    "transmitted",
    "received",
    "published",
    "signatory",
    "diagnostics",
];

/// The cells of one record, in [`CSV_COLUMNS`] order.
pub fn csv_row(rec: &Record) -> Vec<String> {
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let num = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_default();
    let join = |v: &[String]| v.join(LIST_SEPARATOR);
    let a = &rec.attendance;
    let v = &rec.vote;
    vec![
        rec.source.path.clone(),
        rec.source.sha256.clone(),
        rec.source.pages[0].to_string(),
        rec.source.pages[1].to_string(),
        enum_name(&rec.source.text_origin),
        opt(&rec.authority.name),
        opt(&rec.authority.department),
        rec.body.kind.as_ref().map(enum_name).unwrap_or_default(),
        opt(&rec.body.name),
        opt(&rec.session.date),
        opt(&rec.session.time),
        opt(&rec.session.convened_on),
        opt(&rec.session.president),
        opt(&rec.session.secretary),
        num(rec.session.members_in_office),
        opt(&rec.number),
        join(&rec.other_numbers),
        opt(&rec.actes_id),
        opt(&rec.title),
        opt(&rec.rapporteur),
        join(&a.present),
        num(a.present_count),
        a.represented
            .iter()
            .map(|p| match &p.proxy {
                Some(proxy) => format!("{} > {}", p.member, proxy),
                None => p.member.clone(),
            })
            .collect::<Vec<_>>()
            .join(LIST_SEPARATOR),
        join(&a.excused),
        join(&a.absent),
        rec.citations
            .iter()
            .map(|c| c.text.clone())
            .collect::<Vec<_>>()
            .join(LIST_SEPARATOR),
        join(&rec.recitals),
        rec.articles
            .iter()
            .map(|ar| format!("{}. {}", ar.number, ar.text))
            .collect::<Vec<_>>()
            .join(LIST_SEPARATOR),
        opt(&rec.decision_text),
        rec.amounts
            .iter()
            .map(|m| {
                let tax = match m.tax {
                    Some(Tax::HT) => " HT",
                    Some(Tax::TTC) => " TTC",
                    None => "",
                };
                format!("{} {}{}", m.value, m.currency, tax)
            })
            .collect::<Vec<_>>()
            .join(LIST_SEPARATOR),
        join(&rec.budget_lines),
        v.outcome.as_ref().map(outcome_name).unwrap_or_default(),
        v.unanimous.map(|b| b.to_string()).unwrap_or_default(),
        num(v.for_),
        num(v.against),
        num(v.abstentions),
        num(v.not_voting),
        join(&v.against_names),
        join(&v.abstention_names),
        join(&v.not_voting_names),
        opt(&rec.dates.signed),
        opt(&rec.dates.transmitted),
        opt(&rec.dates.received),
        opt(&rec.dates.published),
        opt(&rec.signatory),
        rec.diagnostics.len().to_string(),
    ]
}

/// The serde name of an enum value (`text_layer`, `municipal_council`).
pub(crate) fn enum_name<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The contract's name of an outcome (`adopted`).
pub(crate) fn outcome_name(o: &Outcome) -> String {
    enum_name(o)
}
