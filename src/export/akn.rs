//! Akoma Ntoso 3.0: one `<akomaNtoso><statement name="deliberation">`
//! document per record, valid against the OASIS schema
//! (`../shared/spec/akn/akomantoso30.xsd`; `scripts/validate-exports.sh`
//! and `tests/export.rs` run xmllint on it).
//!
//! Layout of a document, in schema order:
//!
//! - `meta`: `identification` (FRBR Work / Expression / Manifestation, URIs
//!   `/akn/fr/statement/deliberation/<authority>/<date>/<number>`),
//!   `lifecycle` (séance, signature, transmission, reception, publication
//!   when known), `analysis/parliamentary/voting` (quorum and counts, only
//!   when a count is known), `references` (a `TLCPerson` for every named
//!   person, the `TLCRole`s and `TLCConcept`s the document refers to).
//! - `preface`: authority, body and date, number, title (`docTitle`),
//!   presidency, attendance with each name a `<person>`.
//! - `preamble`: `citations` (one `<citation>` per visa, its text a `<ref>`),
//!   `recitals`, and the enacting formula. The record does not keep the
//!   formula's wording, so a standard one is written, marked
//!   `class="editorial"`.
//! - `mainBody`: one `<article>` per article, else a `<p>` with the decision
//!   text.
//! - `conclusions`: vote, place and date of signature, signatory, prefecture
//!   dates, and the amounts that could not be marked in the text.
//!
//! Amounts are marked `<quantity normalized="80000.00">` where their printed
//! text occurs in a visa, recital, article or decision text, in document
//! order, one mark per amount item.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use unicode_normalization::UnicodeNormalization;

use super::is_iso_date;
use crate::model::{Amount, Outcome, Record};

/// The Akoma Ntoso 3.0 namespace.
pub const AKN_NAMESPACE: &str = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";

/// The Akoma Ntoso document of one record.
pub fn akn_document(rec: &Record) -> String {
    let mut d = Doc::new(rec);
    d.build();
    d.out
}

/// A file name for the record's document, without directory: the number
/// (`2024-017.xml`), else the @ctes identifier, else the first 12 hex
/// digits of the source hash and the record's index (`2aa2529eb41d-3.xml`).
/// Characters other than letters, digits, `-`, `_` and `.` become `-`.
pub fn akn_file_name(rec: &Record) -> String {
    let base = rec
        .number
        .as_deref()
        .or(rec.actes_id.as_deref())
        .map(file_safe)
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| {
            let sha: String = rec.source.sha256.chars().take(12).collect();
            format!(
                "{}-{}",
                if sha.is_empty() { "record" } else { &sha },
                rec.source.record_index
            )
        });
    format!("{base}.xml")
}

/// Builds one document.
struct Doc<'a> {
    rec: &'a Record,
    out: String,
    /// Person by the slug of the name (so that `Hélène Mandroux` in the
    /// header and `Hélène MANDROUX` under the signature are one person):
    /// its eId and the name as first printed.
    persons: BTreeMap<String, (String, String)>,
    /// eIds already given.
    eids: BTreeSet<String>,
    roles: BTreeSet<&'static str>,
    concepts: BTreeSet<&'static str>,
    /// Amounts not yet marked in the text, in document order.
    amounts: Vec<(usize, &'a Amount)>,
    quantities: usize,
}

impl<'a> Doc<'a> {
    fn new(rec: &'a Record) -> Doc<'a> {
        let mut d = Doc {
            rec,
            out: String::with_capacity(8192),
            persons: BTreeMap::new(),
            eids: BTreeSet::new(),
            roles: BTreeSet::new(),
            concepts: BTreeSet::new(),
            amounts: rec.amounts.iter().enumerate().collect(),
            quantities: 0,
        };
        for id in ["delib", "authority", "original"] {
            d.eids.insert(id.to_string());
        }
        d.collect_persons();
        d
    }

    /// Every named person gets one eId, in the order first met.
    fn collect_persons(&mut self) {
        let r = self.rec;
        let a = &r.attendance;
        let v = &r.vote;
        let mut names: Vec<&str> = Vec::new();
        names.extend(r.session.president.as_deref());
        names.extend(r.session.secretary.as_deref());
        names.extend(r.rapporteur.as_deref());
        names.extend(a.present.iter().map(String::as_str));
        for p in &a.represented {
            names.push(&p.member);
            names.extend(p.proxy.as_deref());
        }
        names.extend(a.excused.iter().map(String::as_str));
        names.extend(a.absent.iter().map(String::as_str));
        names.extend(v.against_names.iter().map(String::as_str));
        names.extend(v.abstention_names.iter().map(String::as_str));
        names.extend(v.not_voting_names.iter().map(String::as_str));
        names.extend(r.signatory.as_deref());
        for n in names {
            let key = slug(n, 60);
            if key.is_empty() || self.persons.contains_key(&key) {
                continue;
            }
            let id = self.unique_eid(&format!("person_{key}"));
            self.persons.insert(key, (id, clean(n)));
        }
    }

    fn unique_eid(&mut self, base: &str) -> String {
        let base = if base.is_empty() { "id" } else { base };
        let mut id = base.to_string();
        let mut k = 2;
        while self.eids.contains(&id) {
            id = format!("{base}_{k}");
            k += 1;
        }
        self.eids.insert(id.clone());
        id
    }

    fn build(&mut self) {
        // Body parts are written first into their own buffers so that meta
        // can list every role and concept they refer to.
        let preface = self.preface();
        let preamble = self.preamble();
        let main = self.main_body();
        let conclusions = self.conclusions();
        let meta = self.meta();
        self.out
            .push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let _ = writeln!(self.out, "<akomaNtoso xmlns=\"{AKN_NAMESPACE}\">");
        self.out.push_str("  <statement name=\"deliberation\">\n");
        for part in [meta, preface, preamble, main, conclusions] {
            self.out.push_str(&part);
        }
        self.out.push_str("  </statement>\n</akomaNtoso>\n");
    }

    /// The FRBR Work URI.
    fn work_uri(&self) -> String {
        let r = self.rec;
        let author = r
            .authority
            .name
            .as_deref()
            .map(|n| slug(n, 60))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "unknown".into());
        let date = self.work_date().0;
        let number = r
            .number
            .as_deref()
            .or(r.actes_id.as_deref())
            .map(|n| slug(n, 60))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| {
                let sha: String = r.source.sha256.chars().take(12).collect();
                format!("{sha}-{}", r.source.record_index)
            });
        format!("/akn/fr/statement/deliberation/{author}/{date}/{number}")
    }

    /// The Work date and its name: the séance, else the first known date.
    fn work_date(&self) -> (String, &'static str) {
        let r = self.rec;
        let known = [
            (&r.session.date, "adoption"),
            (&r.dates.signed, "signature"),
            (&r.dates.transmitted, "transmission"),
            (&r.dates.received, "reception"),
            (&r.dates.published, "publication"),
        ];
        known
            .into_iter()
            .find_map(|(d, name)| {
                d.as_deref()
                    .filter(|d| is_iso_date(d))
                    .map(|d| (d.to_string(), name))
            })
            // xsd:date needs a value; year 1 says "unknown" without inventing one.
            .unwrap_or_else(|| ("0001-01-01".into(), "unknown"))
    }

    fn meta(&mut self) -> String {
        let r = self.rec;
        let mut m = String::new();
        let work = self.work_uri();
        let expr = format!("{work}/fra@");
        let (date, date_name) = self.work_date();
        m.push_str("    <meta>\n      <identification source=\"#delib\">\n");
        let _ = write!(
            m,
            "        <FRBRWork>\n          <FRBRthis value=\"{w}/!main\"/>\n          <FRBRuri value=\"{w}\"/>\n          <FRBRdate date=\"{date}\" name=\"{date_name}\"/>\n          <FRBRauthor href=\"#authority\"/>\n          <FRBRcountry value=\"fr\"/>\n",
            w = attr(&work)
        );
        if let Some(n) = r.number.as_deref() {
            let _ = writeln!(m, "          <FRBRnumber value=\"{}\"/>", attr(n));
        }
        m.push_str("        </FRBRWork>\n");
        let _ = write!(
            m,
            "        <FRBRExpression>\n          <FRBRthis value=\"{e}/!main\"/>\n          <FRBRuri value=\"{e}\"/>\n          <FRBRdate date=\"{date}\" name=\"{date_name}\"/>\n          <FRBRauthor href=\"#authority\"/>\n          <FRBRlanguage language=\"fra\"/>\n        </FRBRExpression>\n",
            e = attr(&expr)
        );
        let _ = write!(
            m,
            "        <FRBRManifestation>\n          <FRBRthis value=\"{e}/!main.xml\"/>\n          <FRBRuri value=\"{e}.akn\"/>\n          <FRBRdate date=\"{date}\" name=\"{date_name}\"/>\n          <FRBRauthor href=\"#delib\"/>\n        </FRBRManifestation>\n",
            e = attr(&expr)
        );
        m.push_str("      </identification>\n");

        let events: Vec<(&Option<String>, &str)> = vec![
            (&r.session.date, "adoption"),
            (&r.dates.signed, "signature"),
            (&r.dates.transmitted, "transmission"),
            (&r.dates.received, "reception"),
            (&r.dates.published, "publication"),
        ];
        let events: Vec<(&str, &str)> = events
            .into_iter()
            .filter_map(|(d, n)| d.as_deref().filter(|d| is_iso_date(d)).map(|d| (d, n)))
            .collect();
        if !events.is_empty() {
            m.push_str("      <lifecycle source=\"#delib\">\n");
            for (i, (d, name)) in events.iter().enumerate() {
                let ty = if i == 0 { " type=\"generation\"" } else { "" };
                let _ = writeln!(
                    m,
                    "        <eventRef eId=\"evt_{}\" date=\"{d}\" source=\"#original\"{ty} refersTo=\"#{name}\"/>",
                    i + 1
                );
                self.concepts.insert(concept(name));
            }
            m.push_str("      </lifecycle>\n");
        }

        let voting = self.voting();
        if !voting.is_empty() {
            m.push_str("      <analysis source=\"#delib\">\n        <parliamentary>\n");
            m.push_str(&voting);
            m.push_str("        </parliamentary>\n      </analysis>\n");
        }

        m.push_str("      <references source=\"#delib\">\n");
        let _ = writeln!(
            m,
            "        <original eId=\"original\" href=\"{}\" showAs=\"{}\"/>",
            attr(&expr),
            attr(
                r.title
                    .as_deref()
                    .or(r.number.as_deref())
                    .unwrap_or("délibération")
            )
        );
        m.push_str("        <TLCOrganization eId=\"delib\" href=\"/akn/ontology/organization/delib\" showAs=\"delib\"/>\n");
        let authority = r
            .authority
            .name
            .as_deref()
            .unwrap_or("collectivité non lue");
        let _ = writeln!(
            m,
            "        <TLCOrganization eId=\"authority\" href=\"/akn/ontology/organization/fr/{}\" showAs=\"{}\"/>",
            slug(authority, 60),
            attr(authority)
        );
        for (id, name) in self.persons.values() {
            let _ = writeln!(
                m,
                "        <TLCPerson eId=\"{id}\" href=\"/akn/ontology/person/fr/{}\" showAs=\"{}\"/>",
                id.trim_start_matches("person_"),
                attr(name)
            );
        }
        for role in &self.roles {
            let _ = writeln!(
                m,
                "        <TLCRole eId=\"{role}\" href=\"/akn/ontology/role/fr/{role}\" showAs=\"{}\"/>",
                role_label(role)
            );
        }
        for c in &self.concepts {
            let _ = writeln!(
                m,
                "        <TLCConcept eId=\"{c}\" href=\"/akn/ontology/concept/fr/{c}\" showAs=\"{c}\"/>"
            );
        }
        m.push_str("      </references>\n    </meta>\n");
        m
    }

    /// `<voting>` with quorum and counts; empty when no count is known.
    fn voting(&mut self) -> String {
        let r = self.rec;
        let v = &r.vote;
        let present = r.attendance.present_count.or_else(|| {
            (!r.attendance.present.is_empty()).then_some(r.attendance.present.len() as u32)
        });
        let counts = [
            ("for", v.for_),
            ("against", v.against),
            ("abstentions", v.abstentions),
            ("not_voting", v.not_voting),
        ];
        if counts.iter().all(|(_, n)| n.is_none()) {
            return String::new();
        }
        let mut s = String::new();
        let outcome = v
            .outcome
            .as_ref()
            .map(|o| {
                let c = outcome_concept(o);
                self.concepts.insert(c);
                format!(" outcome=\"#{c}\"")
            })
            .unwrap_or_default();
        let _ = writeln!(s, "          <voting eId=\"vote\"{outcome}>");
        if let Some(p) = present {
            self.concepts.insert("present");
            let _ = writeln!(
                s,
                "            <quorum eId=\"vote__quorum\" value=\"{p}\" refersTo=\"#present\"/>"
            );
        }
        for (name, n) in counts {
            if let Some(n) = n {
                self.concepts.insert(concept(name));
                let _ = writeln!(
                    s,
                    "            <count eId=\"vote__{name}\" value=\"{n}\" refersTo=\"#{name}\"/>"
                );
            }
        }
        s.push_str("          </voting>\n");
        s
    }

    fn preface(&mut self) -> String {
        let r = self.rec;
        let mut s = String::from("    <preface>\n");
        if let Some(a) = &r.authority.name {
            let _ = writeln!(
                s,
                "      <p class=\"authority\"><docAuthority>{}</docAuthority></p>",
                text(a)
            );
        }
        if let Some(dep) = &r.authority.department {
            let _ = writeln!(s, "      <p class=\"department\">{}</p>", text(dep));
        }
        let mut line = String::new();
        if let Some(b) = &r.body.name {
            line.push_str(&text(b));
        }
        if let Some(d) = r.session.date.as_deref().filter(|d| is_iso_date(d)) {
            if !line.is_empty() {
                line.push_str(", ");
            }
            let _ = write!(line, "séance du <docDate date=\"{d}\">{d}</docDate>");
            if let Some(t) = &r.session.time {
                let _ = write!(line, " à {}", text(t));
            }
        }
        if !line.is_empty() {
            let _ = writeln!(s, "      <p class=\"session\">{line}</p>");
        }
        if let Some(n) = &r.number {
            let _ = writeln!(
                s,
                "      <p class=\"number\">Délibération n° <docNumber>{}</docNumber></p>",
                text(n)
            );
        }
        if let Some(t) = &r.title {
            let _ = writeln!(
                s,
                "      <p class=\"title\">Objet : <docTitle>{}</docTitle></p>",
                text(t)
            );
        }
        for (label, name, role) in [
            ("Présidence", &r.session.president, "president"),
            ("Secrétaire de séance", &r.session.secretary, "secretary"),
            ("Rapporteur", &r.rapporteur, "rapporteur"),
        ] {
            if let Some(n) = name {
                let p = self.person(n, Some(role));
                let _ = writeln!(s, "      <p class=\"{role}\">{label} : {p}</p>");
            }
        }
        if let Some(n) = r.session.members_in_office {
            let _ = writeln!(
                s,
                "      <p class=\"members_in_office\">Membres en exercice : {n}</p>"
            );
        }
        let a = &r.attendance;
        if let Some(n) = a.present_count {
            let _ = writeln!(s, "      <p class=\"present_count\">Présents : {n}</p>");
        }
        for (label, class, names) in [
            ("Présents", "present", &a.present),
            ("Absents excusés", "excused", &a.excused),
            ("Absents", "absent", &a.absent),
        ] {
            if !names.is_empty() {
                let list: Vec<String> = names.iter().map(|n| self.person(n, None)).collect();
                let _ = writeln!(
                    s,
                    "      <p class=\"{class}\">{label} : {}</p>",
                    list.join(", ")
                );
            }
        }
        if !a.represented.is_empty() {
            let list: Vec<String> = a
                .represented
                .iter()
                .map(|p| {
                    let m = self.person(&p.member, None);
                    match &p.proxy {
                        Some(x) => format!("{m} (pouvoir à {})", self.person(x, None)),
                        None => m,
                    }
                })
                .collect();
            let _ = writeln!(
                s,
                "      <p class=\"represented\">Absents représentés : {}</p>",
                list.join(", ")
            );
        }
        if s == "    <preface>\n" {
            return String::new();
        }
        s.push_str("    </preface>\n");
        s
    }

    /// `<person>` for a name, with its role when it has one.
    fn person(&mut self, name: &str, role: Option<&'static str>) -> String {
        let Some((id, _)) = self.persons.get(&slug(name, 60)) else {
            return text(name);
        };
        let as_ = match role {
            Some(role) => {
                self.roles.insert(role);
                format!(" as=\"#{role}\"")
            }
            None => String::new(),
        };
        format!("<person refersTo=\"#{id}\"{as_}>{}</person>", text(name))
    }

    fn preamble(&mut self) -> String {
        let r = self.rec;
        let mut s = String::from("    <preamble>\n");
        if !r.citations.is_empty() {
            s.push_str("      <citations eId=\"citations\">\n");
            for (i, c) in r.citations.iter().enumerate() {
                let kind = super::csv::enum_name(&c.kind);
                let key = c
                    .number
                    .as_deref()
                    .map(|n| slug(n, 40))
                    .filter(|k| !k.is_empty())
                    .unwrap_or_else(|| slug(&c.text, 60));
                let date = c
                    .date
                    .as_deref()
                    .filter(|d| is_iso_date(d))
                    .unwrap_or("unknown");
                let href = format!("/akn/fr/act/{kind}/{date}/{key}");
                let body = self.marked(&c.text);
                let _ = writeln!(
                    s,
                    "        <citation eId=\"cit_{n}\"><p>Vu <ref eId=\"cit_{n}__ref_1\" href=\"{}\">{body}</ref></p></citation>",
                    attr(&href),
                    n = i + 1
                );
            }
            s.push_str("      </citations>\n");
        }
        if !r.recitals.is_empty() {
            s.push_str("      <recitals eId=\"recitals\">\n");
            for (i, t) in r.recitals.iter().enumerate() {
                let body = self.marked(t);
                let _ = writeln!(
                    s,
                    "        <recital eId=\"rec_{}\"><p>{body}</p></recital>",
                    i + 1
                );
            }
            s.push_str("      </recitals>\n");
        }
        let body = r
            .body
            .name
            .as_deref()
            .map(text)
            .unwrap_or_else(|| "L'assemblée".into());
        let _ = writeln!(
            s,
            "      <formula name=\"enactingFormula\"><p class=\"editorial\">{body}, après en avoir délibéré, décide :</p></formula>"
        );
        s.push_str("    </preamble>\n");
        s
    }

    fn main_body(&mut self) -> String {
        let r = self.rec;
        let mut s = String::from("    <mainBody>\n");
        if !r.articles.is_empty() {
            for a in &r.articles {
                let num = slug(&a.number, 20);
                let id = self.unique_eid(&format!(
                    "art_{}",
                    if num.is_empty() { "x".into() } else { num }
                ));
                let body = self.marked(&a.text);
                let _ = writeln!(
                    s,
                    "      <article eId=\"{id}\"><num>Article {}</num><content><p>{body}</p></content></article>",
                    text(&a.number)
                );
            }
        }
        if let Some(t) = &r.decision_text {
            let body = self.marked(t);
            let _ = writeln!(s, "      <p class=\"decision\">{body}</p>");
        }
        if r.articles.is_empty() && r.decision_text.is_none() {
            s.push_str("      <p class=\"unread\"/>\n");
        }
        s.push_str("    </mainBody>\n");
        s
    }

    fn conclusions(&mut self) -> String {
        let r = self.rec;
        let v = &r.vote;
        let mut s = String::from("    <conclusions>\n");
        let mut tally = Vec::new();
        if v.unanimous == Some(true) {
            tally.push("à l'unanimité".to_string());
        }
        for (label, n, names) in [
            ("Pour", v.for_, &[][..]),
            ("Contre", v.against, &v.against_names[..]),
            ("Abstentions", v.abstentions, &v.abstention_names[..]),
            (
                "Ne prennent pas part au vote",
                v.not_voting,
                &v.not_voting_names[..],
            ),
        ] {
            let who: Vec<String> = names.iter().map(|n| self.person(n, None)).collect();
            match (n, who.is_empty()) {
                (Some(n), true) => tally.push(format!("{label} : {n}")),
                (Some(n), false) => tally.push(format!("{label} : {n} ({})", who.join(", "))),
                (None, false) => tally.push(format!("{label} : {}", who.join(", "))),
                (None, true) => {}
            }
        }
        if let Some(o) = &v.outcome {
            tally.push(outcome_label(o).to_string());
        }
        if !tally.is_empty() {
            let _ = writeln!(s, "      <p class=\"vote\">{}</p>", tally.join(" – "));
        }
        if let Some(d) = r.dates.signed.as_deref().filter(|d| is_iso_date(d)) {
            let _ = writeln!(
                s,
                "      <p class=\"signed\">Signé le <date date=\"{d}\" refersTo=\"#signature\">{d}</date></p>"
            );
            self.concepts.insert("signature");
        }
        if let Some(n) = &r.signatory {
            let p = self.person(n, Some("signatory"));
            let _ = writeln!(
                s,
                "      <p class=\"signatory\"><signature>{p}</signature></p>"
            );
        }
        for (label, d, c) in [
            (
                "Transmis en préfecture le",
                &r.dates.transmitted,
                "transmission",
            ),
            ("Reçu en préfecture le", &r.dates.received, "reception"),
            ("Publié le", &r.dates.published, "publication"),
        ] {
            if let Some(d) = d.as_deref().filter(|d| is_iso_date(d)) {
                self.concepts.insert(c);
                let _ = writeln!(
                    s,
                    "      <p class=\"{c}\">{label} <date date=\"{d}\" refersTo=\"#{c}\">{d}</date></p>"
                );
            }
        }
        if let Some(id) = &r.actes_id {
            let _ = writeln!(
                s,
                "      <p class=\"actes_id\">Identifiant @ctes : {}</p>",
                text(id)
            );
        }
        let rest: Vec<(usize, &Amount)> = std::mem::take(&mut self.amounts);
        if !rest.is_empty() {
            let list: Vec<String> = rest.iter().map(|(_, a)| self.quantity(a)).collect();
            let _ = writeln!(
                s,
                "      <p class=\"amounts\">Montants : {}</p>",
                list.join(" ; ")
            );
        }
        if !r.budget_lines.is_empty() {
            let lines: Vec<String> = r.budget_lines.iter().map(|b| text(b)).collect();
            let _ = writeln!(
                s,
                "      <p class=\"budget_lines\">Imputations : {}</p>",
                lines.join(" ; ")
            );
        }
        if s == "    <conclusions>\n" {
            return String::new();
        }
        s.push_str("    </conclusions>\n");
        s
    }

    /// `<quantity>` for one amount.
    fn quantity(&mut self, a: &Amount) -> String {
        self.quantities += 1;
        self.concepts.insert("amount");
        format!(
            "<quantity eId=\"qty_{}\" refersTo=\"#amount\" normalized=\"{}\">{}</quantity>",
            self.quantities,
            attr(&a.value),
            text(&a.text)
        )
    }

    /// `t` escaped, with the amounts not yet marked that occur in it marked
    /// as `<quantity>`, in order.
    fn marked(&mut self, t: &str) -> String {
        let mut out = String::new();
        let mut pos = 0;
        loop {
            // Earliest occurrence from `pos` of a pending amount; among
            // amounts at the same place, the one first in document order.
            let mut best: Option<(usize, usize)> = None; // (start, index in pending)
            for (k, (_, a)) in self.amounts.iter().enumerate() {
                if a.text.is_empty() {
                    continue;
                }
                if let Some(off) = t.get(pos..).and_then(|rest| rest.find(a.text.as_str())) {
                    let start = pos + off;
                    if best.is_none_or(|(b, _)| start < b) {
                        best = Some((start, k));
                    }
                }
            }
            let Some((start, k)) = best else { break };
            let (_, a) = self.amounts.remove(k);
            out.push_str(&text(&t[pos..start]));
            out.push_str(&self.quantity(a));
            pos = start + a.text.len();
        }
        out.push_str(&text(t.get(pos..).unwrap_or("")));
        out
    }
}

/// The concept names used as `refersTo` targets, as `'static` strings.
fn concept(name: &str) -> &'static str {
    match name {
        "adoption" => "adoption",
        "signature" => "signature",
        "transmission" => "transmission",
        "reception" => "reception",
        "publication" => "publication",
        "for" => "for",
        "against" => "against",
        "abstentions" => "abstentions",
        "not_voting" => "not_voting",
        _ => "other",
    }
}

fn outcome_concept(o: &Outcome) -> &'static str {
    match o {
        Outcome::Adopted => "adopted",
        Outcome::Rejected => "rejected",
        Outcome::Withdrawn => "withdrawn",
        Outcome::Deferred => "deferred",
        Outcome::Noted => "noted",
    }
}

fn outcome_label(o: &Outcome) -> &'static str {
    match o {
        Outcome::Adopted => "Adoptée",
        Outcome::Rejected => "Rejetée",
        Outcome::Withdrawn => "Retirée",
        Outcome::Deferred => "Ajournée",
        Outcome::Noted => "Prend acte",
    }
}

fn role_label(role: &str) -> &'static str {
    match role {
        "president" => "Président de séance",
        "secretary" => "Secrétaire de séance",
        "rapporteur" => "Rapporteur",
        "signatory" => "Signataire",
        _ => "Rôle",
    }
}

/// Text with the characters XML 1.0 forbids removed (form feeds and other
/// controls from PDF text layers).
fn clean(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
        })
        .collect()
}

/// Escaped character data.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in clean(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}

/// Escaped attribute value (double-quoted).
fn attr(s: &str) -> String {
    text(s)
        .replace('"', "&quot;")
        .replace('\n', "&#10;")
        .replace('\r', "&#13;")
        .replace('\t', "&#9;")
}

/// ASCII identifier piece: accents removed, lower case, runs of other
/// characters `-`, at most `max` bytes.
fn slug(s: &str, max: usize) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in s.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'œ' | 'Œ' => 'o',
            'æ' | 'Æ' => 'a',
            _ => c,
        };
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
        if out.len() >= max {
            break;
        }
    }
    out
}

/// A file-name-safe form of a number, case kept.
fn file_safe(s: &str) -> String {
    let s: String = s
        .trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let mut out = String::new();
    for c in s.trim_matches(['-', '.']).chars().take(100) {
        if !(c == '-' && out.ends_with('-')) {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_file_names() {
        assert_eq!(slug("Hélène MANDROUX", 60), "helene-mandroux");
        assert_eq!(file_safe("FBPA 018-8117/20/BM"), "FBPA-018-8117-20-BM");
        assert_eq!(file_safe("2013 / 1"), "2013-1");
    }

    #[test]
    fn escaping_and_control_characters() {
        assert_eq!(text("a < b & c\u{c}"), "a &lt; b &amp; c");
        assert_eq!(attr("\"x\""), "&quot;x&quot;");
    }
}
