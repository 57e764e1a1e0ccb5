//! The export formats on synthetic records written for these tests (in the
//! style of French deliberations, none copied from the corpus): CSV shape
//! and quoting, SCDL column order and vote rules, the ACTES matière rules'
//! own examples, Akoma Ntoso well-formedness and — when xmllint and Python's
//! jsonschema are installed, else skipped with a printed note — AKN schema
//! validity and the `delib extract` output against `record_schema()`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use delib::export::csv::{CSV_COLUMNS, LIST_SEPARATOR};
use delib::export::scdl::nomenclature;
use delib::export::{
    akn_document, akn_file_name, classify_matiere, record_schema, scdl_row, AknDir, ExportOptions,
    Exporter, Format, ScdlOptions, SCDL_COLUMNS,
};
use delib::model::*;

/// A majority vote with a printed tally, in the Valmont style.
fn valmont() -> Record {
    let span = Span {
        page: 1,
        start: 10,
        end: 20,
    };
    let mut r = Record::new(SourceInfo {
        path: "fixtures/extrait-valmont-2024-017.txt".into(),
        sha256: "b310af7d5291688c26d9f5a00cc0716c82e140c5d00f4b7d2babcee2a97eb47e".into(),
        pages: [1, 2],
        text_origin: TextOrigin::TextFile,
        document_kind: Some(DocumentKind::Extract),
        record_index: 1,
        record_count: 1,
    });
    r.authority = Authority {
        name: Some("Commune de Valmont-sur-Lize".into()),
        department: Some("Drôme".into()),
    };
    r.body = Body {
        kind: Some(BodyKind::MunicipalCouncil),
        name: Some("Conseil municipal".into()),
    };
    r.session = Session {
        date: Some("2024-03-04".into()),
        time: Some("19:00".into()),
        convened_on: Some("2024-02-26".into()),
        president: Some("Claire FONTVIEILLE".into()),
        secretary: Some("Lucie ARNAUD".into()),
        members_in_office: Some(15),
    };
    r.number = Some("2024-017".into());
    r.actes_id = Some("026-212603628-20240304-2024_017-DE".into());
    r.title = Some(
        "Subvention exceptionnelle à l'association « Les Amis du Lavoir », \"lavoir\" & toiture"
            .into(),
    );
    r.rapporteur = Some("Jean-Marc ROUBAUD".into());
    r.attendance = Attendance {
        present: [
            "Claire FONTVIEILLE",
            "Jean-Marc ROUBAUD",
            "Sylvie MARTIN-LACOSTE",
            "Paul DE LA PRADE",
            "Nadia BENCHEKROUN",
            "Louis TESTANIÈRE",
            "Odile FAURE",
            "Hervé CASTAGNÉ",
            "Lucie ARNAUD",
            "Michel VERNET",
            "Chantal BOYER",
        ]
        .map(String::from)
        .to_vec(),
        represented: vec![
            Pouvoir {
                member: "Marc ESCOFFIER".into(),
                proxy: Some("Claire FONTVIEILLE".into()),
            },
            Pouvoir {
                member: "Anne-Marie GIRAUD".into(),
                proxy: None,
            },
        ],
        excused: vec!["Thierry ROCHE".into()],
        absent: vec!["Julien PEYRE".into()],
        present_count: Some(11),
    };
    r.citations = vec![
        Citation {
            text: "le Code général des collectivités territoriales, et notamment son article L. 2121-29".into(),
            kind: CitationKind::Code,
            number: None,
            date: None,
            span,
        },
        Citation {
            text: "la loi n° 2000-321 du 12 avril 2000 relative aux droits des citoyens <dans> leurs relations avec les administrations".into(),
            kind: CitationKind::Law,
            number: Some("2000-321".into()),
            date: Some("2000-04-12".into()),
            span,
        },
    ];
    r.recitals = vec![
        "Considérant que le devis des travaux de toiture s'élève à 12 480,00 € HT, soit 14 976,00 € TTC ;".into(),
    ];
    r.articles = vec![
        Article {
            number: "1".into(),
            text: "D'attribuer une subvention exceptionnelle de 3 500 euros (trois mille cinq cents euros).".into(),
        },
        Article {
            number: "2".into(),
            text: "La dépense sera imputée au chapitre 65, article 6574.\nLigne suivante.".into(),
        },
        Article {
            number: "2".into(),
            text: "Un second article 2, mal numéroté.".into(),
        },
    ];
    r.amounts = vec![
        amount("12480.00", Some(Tax::HT), "12 480,00 € HT", span),
        amount("14976.00", Some(Tax::TTC), "14 976,00 € TTC", span),
        amount("3500.00", None, "3 500 euros", span),
        amount("3500.00", None, "trois mille cinq cents euros", span),
        amount("99.00", None, "99 € ailleurs", span),
    ];
    r.budget_lines = vec!["chapitre 65, article 6574".into()];
    r.vote = Vote {
        outcome: Some(Outcome::Adopted),
        unanimous: Some(false),
        for_: Some(12),
        against: Some(1),
        abstentions: Some(0),
        not_voting: None,
        against_names: vec!["Hervé CASTAGNÉ".into()],
        abstention_names: vec![],
        not_voting_names: vec![],
    };
    r.dates = Dates {
        signed: Some("2024-03-05".into()),
        transmitted: Some("2024-03-06".into()),
        received: Some("2024-03-06".into()),
        published: Some("2024-03-07".into()),
    };
    r.signatory = Some("Claire FONTVIEILLE".into());
    r.diagnostics = vec![Diagnostic::warning("test.note", "a note", Some(span))];
    r
}

fn amount(value: &str, tax: Option<Tax>, text: &str, span: Span) -> Amount {
    Amount {
        value: value.into(),
        currency: "EUR".into(),
        tax,
        text: text.into(),
        span,
    }
}

/// A unanimous vote without counts, as Chemeré-style minutes print it.
fn unanimous() -> Record {
    let mut r = Record::new(SourceInfo {
        path: "seance-2012-12-12.pdf".into(),
        sha256: "00ff".repeat(16),
        pages: [3, 3],
        ..SourceInfo::default()
    });
    r.authority.name = Some("Commune de Saint-Aubin-des-Prés".into());
    r.session.date = Some("2012-12-12".into());
    r.session.members_in_office = Some(15);
    r.number = Some("2012/45".into());
    r.title = Some("Budget primitif 2013 - décision modificative n° 3".into());
    r.attendance.present = vec![
        "Jean DUPONT".into(),
        "Marie LEROY".into(),
        "Luc MARTIN".into(),
    ];
    r.attendance.present_count = Some(12);
    r.attendance.represented = vec![Pouvoir {
        member: "Anne PETIT".into(),
        proxy: Some("Jean DUPONT".into()),
    }];
    r.vote.outcome = Some(Outcome::Adopted);
    r.vote.unanimous = Some(true);
    r.decision_text = Some("Le Conseil adopte à l'unanimité.".into());
    r
}

fn export(
    format: Format,
    recs: &[Record],
    opts: ExportOptions,
) -> (String, delib::export::Summary) {
    let mut ex = Exporter::new(format, Vec::new(), opts).unwrap();
    ex.begin().unwrap();
    for r in recs {
        ex.write(r).unwrap();
    }
    let (out, summary) = ex.finish().unwrap();
    (String::from_utf8(out).unwrap(), summary)
}

fn read_csv(s: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut rd = csv::ReaderBuilder::new().from_reader(s.as_bytes());
    let header = rd.headers().unwrap().iter().map(String::from).collect();
    let rows = rd
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

fn siret_opts() -> ExportOptions {
    let mut scdl = ScdlOptions::default();
    scdl.siret_map
        .insert("212603628".into(), "21260362800017".into());
    scdl.siret_map.insert(
        "commune de saint-aubin-des-pres".into(),
        "21490999900010".into(),
    );
    ExportOptions {
        scdl,
        ..ExportOptions::default()
    }
}

#[test]
fn csv_has_one_quoted_row_per_record() {
    let recs = [valmont(), unanimous()];
    let (out, summary) = export(Format::Csv, &recs, ExportOptions::default());
    assert_eq!(summary.records, 2);
    assert!(out.contains("\r\n"), "RFC 4180 lines end with CRLF");
    let (header, rows) = read_csv(&out);
    assert_eq!(header, CSV_COLUMNS);
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r.len() == CSV_COLUMNS.len()));
    let col = |name: &str| CSV_COLUMNS.iter().position(|c| *c == name).unwrap();
    // Commas, double quotes and the newline inside an article survive.
    assert_eq!(rows[0][col("title")], valmont().title.unwrap());
    assert!(out.contains("\"\"lavoir\"\""));
    assert!(rows[0][col("articles")].contains("6574.\nLigne suivante."));
    assert_eq!(
        rows[0][col("represented")],
        format!("Marc ESCOFFIER > Claire FONTVIEILLE{LIST_SEPARATOR}Anne-Marie GIRAUD")
    );
    assert_eq!(rows[0][col("present")].split(LIST_SEPARATOR).count(), 11);
    assert_eq!(
        rows[0][col("amounts")].split(LIST_SEPARATOR).next(),
        Some("12480.00 EUR HT")
    );
    assert_eq!(rows[0][col("vote_for")], "12");
    assert_eq!(rows[0][col("body_kind")], "municipal_council");
    // Unknown counts stay empty, never 0.
    assert_eq!(rows[1][col("vote_for")], "");
    assert_eq!(rows[1][col("vote_unanimous")], "true");
    // For Excel, on request: a byte order mark before the header.
    let opts = ExportOptions {
        csv_bom: true,
        ..ExportOptions::default()
    };
    let (out, _) = export(Format::Csv, &recs, opts.clone());
    assert!(out.starts_with("\u{feff}source_path,"));
    let (out, _) = export(Format::Scdl, &recs, opts);
    assert!(out.starts_with("COLL_NOM,"));
}

#[test]
fn json_and_jsonl_read_back_as_the_records() {
    let recs = [valmont(), unanimous()];
    let (out, _) = export(Format::Json, &recs, ExportOptions::default());
    let back: Vec<Record> = serde_json::from_str(&out).unwrap();
    assert_eq!(back, recs);
    let (out, _) = export(Format::Json, &[], ExportOptions::default());
    assert_eq!(serde_json::from_str::<Vec<Record>>(&out).unwrap(), vec![]);
    let (out, _) = export(Format::Jsonl, &recs, ExportOptions::default());
    let back: Vec<Record> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(back, recs);
}

#[test]
fn scdl_header_is_the_schema_order() {
    let (out, summary) = export(Format::Scdl, &[], ExportOptions::default());
    assert_eq!(summary.records, 0);
    assert_eq!(
        out,
        "COLL_NOM,COLL_SIRET,DELIB_ID,DELIB_DATE,DELIB_MATIERE_CODE,DELIB_MATIERE_NOM,\
         DELIB_OBJET,BUDGET_ANNEE,BUDGET_NOM,PREF_ID,PREF_DATE,VOTE_EFFECTIF,VOTE_REEL,\
         VOTE_POUR,VOTE_CONTRE,VOTE_ABSTENTION,DELIB_URL\r\n"
    );
    // And the same order as the official schema file, when it is there.
    let spec = shared().join("spec/scdl-deliberations.schema.json");
    match std::fs::read_to_string(&spec) {
        Ok(s) => {
            let v: serde_json::Value = serde_json::from_str(&s).unwrap();
            let names: Vec<&str> = v["fields"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["name"].as_str().unwrap())
                .collect();
            assert_eq!(names, SCDL_COLUMNS);
        }
        Err(_) => eprintln!(
            "note: {} absent, header checked against the literal only",
            spec.display()
        ),
    }
}

#[test]
fn scdl_row_from_a_printed_tally() {
    let row = scdl_row(&valmont(), &siret_opts().scdl);
    assert!(row.missing.is_empty(), "{:?}", row.missing);
    assert_eq!(row.get("COLL_NOM"), Some("Commune de Valmont-sur-Lize"));
    assert_eq!(
        row.get("COLL_SIRET"),
        Some("21260362800017"),
        "SIRET found by the @ctes SIREN"
    );
    assert_eq!(row.get("DELIB_ID"), Some("2024-017"));
    assert_eq!(row.get("DELIB_DATE"), Some("2024-03-04"));
    assert_eq!(row.get("DELIB_MATIERE_CODE"), Some("7.5"));
    assert_eq!(
        row.get("DELIB_MATIERE_NOM"),
        Some("finances locales/subventions")
    );
    assert_eq!(row.get("PREF_ID"), Some("PREF026"));
    assert_eq!(row.get("PREF_DATE"), Some("2024-03-06"));
    let votes: Vec<&str> = [
        "VOTE_EFFECTIF",
        "VOTE_REEL",
        "VOTE_POUR",
        "VOTE_CONTRE",
        "VOTE_ABSTENTION",
    ]
    .iter()
    .map(|c| row.get(c).unwrap())
    .collect();
    assert_eq!(votes, ["15", "13", "12", "1", "0"]);
    let rule = row
        .diagnostics
        .iter()
        .find(|d| d.code == "scdl.matiere")
        .unwrap();
    assert!(rule.message.contains("subvention*"), "{}", rule.message);
}

#[test]
fn scdl_unanimous_vote_without_counts() {
    // Rule: effectif = members in office; réel = present + represented;
    // pour = réel; contre = abstention = 0.
    let row = scdl_row(&unanimous(), &siret_opts().scdl);
    assert_eq!(
        row.get("COLL_SIRET"),
        Some("21490999900010"),
        "SIRET found by name, case and accents ignored"
    );
    assert_eq!(row.get("DELIB_MATIERE_CODE"), Some("7.1"));
    let votes: Vec<&str> = [
        "VOTE_EFFECTIF",
        "VOTE_REEL",
        "VOTE_POUR",
        "VOTE_CONTRE",
        "VOTE_ABSTENTION",
    ]
    .iter()
    .map(|c| row.get(c).unwrap())
    .collect();
    assert_eq!(votes, ["15", "13", "13", "0", "0"]);

    // Unanimity of the votes cast, with abstentions printed.
    let mut r = unanimous();
    r.vote.abstentions = Some(2);
    let row = scdl_row(&r, &ScdlOptions::default());
    assert_eq!(row.get("VOTE_REEL"), Some("13"));
    assert_eq!(row.get("VOTE_POUR"), Some("11"));
    assert_eq!(row.get("VOTE_ABSTENTION"), Some("2"));

    // Without the attendance, nothing is guessed.
    let mut r = unanimous();
    r.attendance = Attendance::default();
    let row = scdl_row(&r, &ScdlOptions::default());
    assert_eq!(row.get("VOTE_POUR"), Some(""));
    assert!(row.diagnostics.iter().any(|d| d.code == "scdl.vote"));
}

#[test]
fn scdl_never_writes_votes_that_break_the_checks() {
    // More voters than members in office: all five left empty.
    let mut r = valmont();
    r.session.members_in_office = Some(10);
    let row = scdl_row(&r, &ScdlOptions::default());
    for c in [
        "VOTE_EFFECTIF",
        "VOTE_REEL",
        "VOTE_POUR",
        "VOTE_CONTRE",
        "VOTE_ABSTENTION",
    ] {
        assert_eq!(row.get(c), Some(""), "{c}");
    }
    // Members in office unknown: the columns go together, so none.
    let mut r = valmont();
    r.session.members_in_office = None;
    assert_eq!(
        scdl_row(&r, &ScdlOptions::default()).get("VOTE_POUR"),
        Some("")
    );
    // A reception date before the séance is not written.
    let mut r = valmont();
    r.dates.received = Some("2024-01-01".into());
    let row = scdl_row(&r, &ScdlOptions::default());
    assert_eq!(row.get("PREF_DATE"), Some(""));
    assert!(row.diagnostics.iter().any(|d| d.code == "scdl.pref_date"));
    // A date that is not on the calendar is unknown, in SCDL and AKN alike.
    let mut r = valmont();
    r.session.date = Some("2024-02-30".into());
    let row = scdl_row(&r, &siret_opts().scdl);
    assert_eq!(row.missing, ["DELIB_DATE"]);
    assert!(!akn_document(&r).contains("2024-02-30\""));
    // Whatever the record, réel = pour + contre + abstention when written.
    for r in [valmont(), unanimous()] {
        let row = scdl_row(&r, &siret_opts().scdl);
        let n = |c| row.get(c).unwrap().parse::<u32>().unwrap();
        assert_eq!(
            n("VOTE_REEL"),
            n("VOTE_POUR") + n("VOTE_CONTRE") + n("VOTE_ABSTENTION")
        );
        assert!(n("VOTE_EFFECTIF") >= n("VOTE_REEL"));
    }
}

#[test]
fn scdl_rows_missing_a_required_field_are_written_and_listed() {
    let mut bare = Record::new(SourceInfo {
        path: "inconnu.pdf".into(),
        record_index: 4,
        ..SourceInfo::default()
    });
    bare.title = Some("Questions sans matière reconnue xyz".into());
    let recs = [valmont(), bare, unanimous()];
    let opts = ExportOptions {
        scdl: ScdlOptions {
            coll_siret: Some("bad".into()),
            ..siret_opts().scdl
        },
        ..ExportOptions::default()
    };
    let (out, summary) = export(Format::Scdl, &recs, opts);
    let (_, rows) = read_csv(&out);
    assert_eq!(rows.len(), 3, "nothing dropped");
    assert_eq!(summary.records, 3);
    assert_eq!(
        summary.complete(),
        0,
        "the bad SIRET option empties COLL_SIRET everywhere"
    );
    assert_eq!(summary.incomplete[1].index, 2);
    assert_eq!(summary.incomplete[1].label, "inconnu.pdf #4");
    assert_eq!(
        summary.incomplete[1].missing,
        [
            "COLL_NOM",
            "COLL_SIRET",
            "DELIB_ID",
            "DELIB_DATE",
            "DELIB_MATIERE_CODE",
            "DELIB_MATIERE_NOM"
        ]
    );
    let (_, summary) = export(Format::Scdl, &recs[..1], siret_opts());
    assert_eq!(summary.complete(), 1);
}

#[test]
fn every_actes_example_is_classified_under_its_entry() {
    let entries = nomenclature();
    let codes: BTreeSet<&str> = entries.iter().map(|e| e.0).collect();
    // The level-2 codes SCDL lists: 1.1–1.7, 2.1–2.3, 3.1–3.6, 4.1–4.5,
    // 5.1–5.8, 6.1–6.5, 7.1–7.10, 8.1–8.9, 9.1–9.4.
    let expected: BTreeSet<String> = [7, 3, 6, 5, 8, 5, 10, 9, 4]
        .iter()
        .enumerate()
        .flat_map(|(i, n)| (1..=*n).map(move |k| format!("{}.{k}", i + 1)))
        .collect();
    assert_eq!(codes, expected.iter().map(String::as_str).collect());
    let mut wrong = Vec::new();
    for (code, _, _, examples) in &entries {
        assert!(!examples.is_empty(), "{code} has no example");
        for ex in examples.iter() {
            match classify_matiere(ex) {
                Some(m) if m.code == *code => {}
                other => wrong.push(format!(
                    "{ex:?}: expected {code}, got {:?}",
                    other.map(|m| (m.code, m.rule))
                )),
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn exporter_refuses_akn_streams() {
    assert!(Exporter::new(Format::Akn, Vec::new(), ExportOptions::default()).is_err());
    assert_eq!("SCDL".parse::<Format>(), Ok(Format::Scdl));
    assert!("xml".parse::<Format>().is_err());
}

#[test]
fn akn_is_well_formed_with_unique_eids() {
    for rec in [valmont(), unanimous(), Record::new(SourceInfo::default())] {
        let xml = akn_document(&rec);
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "akomaNtoso");
        let stmt = root.first_element_child().unwrap();
        assert_eq!(stmt.attribute("name"), Some("deliberation"));
        let mut seen = BTreeSet::new();
        for n in doc.descendants().filter(|n| n.is_element()) {
            if let Some(id) = n.attribute("eId") {
                assert!(seen.insert(id.to_string()), "duplicate eId {id}");
                assert!(!id.contains(char::is_whitespace));
            }
        }
    }
    let xml = akn_document(&valmont());
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let find = |name: &'static str| {
        doc.descendants()
            .filter(move |n| n.tag_name().name() == name)
    };
    assert_eq!(find("article").count(), 3);
    assert_eq!(find("citation").count(), 2);
    assert!(find("ref").all(|r| r.attribute("href").is_some()));
    let q: Vec<&str> = find("quantity")
        .filter_map(|n| n.attribute("normalized"))
        .collect();
    assert_eq!(q, ["12480.00", "14976.00", "3500.00", "3500.00", "99.00"]);
    // The amount not found in the text is listed in the conclusions.
    assert!(find("conclusions")
        .next()
        .unwrap()
        .descendants()
        .any(|n| n.text() == Some("99 € ailleurs")));
    let persons: BTreeSet<&str> = find("TLCPerson")
        .filter_map(|n| n.attribute("showAs"))
        .collect();
    // 11 present, 2 represented, 1 excused, 1 absent; roles reuse them.
    assert_eq!(persons.len(), 15);
    assert!(find("TLCRole").any(|n| n.attribute("eId") == Some("signatory")));
    let counts: Vec<(&str, &str)> = find("count")
        .map(|n| {
            (
                n.attribute("refersTo").unwrap(),
                n.attribute("value").unwrap(),
            )
        })
        .collect();
    assert_eq!(
        counts,
        [("#for", "12"), ("#against", "1"), ("#abstentions", "0")]
    );
    assert!(xml.contains("&lt;dans&gt;"));
    assert_eq!(
        find("docTitle").next().unwrap().text(),
        valmont().title.as_deref()
    );
    assert_eq!(akn_file_name(&valmont()), "2024-017.xml");
    // The same name printed in another case is the same person.
    let mut r = valmont();
    r.session.president = Some("Claire Fontvieille".into());
    let xml = akn_document(&r);
    assert_eq!(xml.matches("<TLCPerson ").count(), 15);
    assert!(xml.contains("<person refersTo=\"#person_claire-fontvieille\" as=\"#president\">Claire Fontvieille</person>"));
}

#[test]
fn akn_dir_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let mut w = AknDir::create(dir.path().join("akn")).unwrap();
    let a = w.write(&valmont()).unwrap();
    let b = w.write(&valmont()).unwrap();
    let c = w
        .write(&Record::new(SourceInfo {
            sha256: "abcdef0123456789".into(),
            record_index: 7,
            ..SourceInfo::default()
        }))
        .unwrap();
    let names: Vec<String> = [a, b, c]
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        ["2024-017.xml", "2024-017-2.xml", "abcdef012345-7.xml"]
    );
    assert_eq!(w.written(), 3);
}

#[test]
fn akn_validates_against_the_oasis_schema() {
    let xsd = shared().join("spec/akn/akomantoso30.xsd");
    if !xsd.exists() || !has("xmllint", &["--version"]) {
        eprintln!(
            "note: xmllint or {} missing, AKN schema validation skipped",
            xsd.display()
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut w = AknDir::create(dir.path()).unwrap();
    let mut files = Vec::new();
    for r in [valmont(), unanimous(), Record::new(SourceInfo::default())] {
        files.push(w.write(&r).unwrap());
    }
    let out = Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema"])
        .arg(&xsd)
        .args(&files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn records_validate_against_record_schema() {
    let schema = record_schema();
    let v: serde_json::Value = serde_json::from_str(&schema).unwrap();
    assert!(v["properties"]["vote"].is_object());
    if !has("python3", &["-c", "import jsonschema"]) {
        eprintln!("note: python3 with jsonschema missing, record schema validation skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let schema_path = dir.path().join("record.schema.json");
    std::fs::write(&schema_path, &schema).unwrap();
    // The records of `delib extract` on the fixture, and the synthetic ones.
    let out = Command::new(env!("CARGO_BIN_EXE_delib"))
        .args(["extract", "--quiet"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/extrait-valmont-2024-017.txt"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut jsonl = String::from_utf8(out.stdout).unwrap();
    for r in [valmont(), unanimous()] {
        jsonl.push_str(&serde_json::to_string(&r).unwrap());
        jsonl.push('\n');
    }
    let data = dir.path().join("records.jsonl");
    std::fs::write(&data, &jsonl).unwrap();
    let check = validate_jsonl(&schema_path, &data);
    assert!(check.0, "{}", check.1);
    // And a broken record is caught, so the check is not vacuous.
    let broken = jsonl.replacen("\"schema\":\"delib/1\"", "\"schema\":1", 1);
    std::fs::write(&data, broken).unwrap();
    assert!(!validate_jsonl(&schema_path, &data).0);
    // A field left out breaks the contract too (null is required, not absence).
    let first = jsonl.lines().next().unwrap();
    assert!(first.contains("\"decision_text\":null,"));
    std::fs::write(&data, first.replacen("\"decision_text\":null,", "", 1)).unwrap();
    assert!(!validate_jsonl(&schema_path, &data).0);
    // And a date that is not ISO.
    let bad_date = serde_json::to_string(&valmont())
        .unwrap()
        .replace("2024-03-04", "4 mars 2024");
    std::fs::write(&data, bad_date).unwrap();
    assert!(!validate_jsonl(&schema_path, &data).0);
}

/// Validates each line of `data` against `schema` with Python's jsonschema.
fn validate_jsonl(schema: &Path, data: &Path) -> (bool, String) {
    let script = "import json,sys,jsonschema\n\
        s=json.load(open(sys.argv[1]))\n\
        v=jsonschema.Draft202012Validator(s)\n\
        bad=0\n\
        for i,l in enumerate(open(sys.argv[2]),1):\n\
        \x20   for e in v.iter_errors(json.loads(l)):\n\
        \x20       bad+=1; print(i, list(e.path), e.message)\n\
        sys.exit(1 if bad else 0)\n";
    let out = Command::new("python3")
        .args(["-c", script])
        .arg(schema)
        .arg(data)
        .output()
        .unwrap();
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

fn has(cmd: &str, args: &[&str]) -> bool {
    Command::new(cmd)
        .args(args)
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// `../shared` beside the worktree, or `$DELIB_SHARED`.
fn shared() -> PathBuf {
    std::env::var_os("DELIB_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"))
}

mod never_breaks {
    //! Any text in any field gives well-formed XML with unique eIds, and
    //! CSV rows of the right width.
    use super::*;
    use proptest::prelude::*;

    fn any_text() -> impl Strategy<Value = String> {
        prop_oneof![
            "[ -~]{0,40}",
            "[\\PC]{0,20}",
            "[<>&\"'\\u{0}-\\u{1f}\\u{fffe}éœ€ ]{0,12}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn any_record_text(
            title in any_text(),
            number in any_text(),
            name in any_text(),
            article in any_text(),
            amount_text in any_text(),
            date in any_text(),
        ) {
            let mut r = valmont();
            r.title = Some(title.clone());
            r.number = Some(number.clone());
            r.session.president = Some(name.clone());
            r.session.date = Some(date);
            r.attendance.present.push(name.clone());
            r.articles.push(Article { number: number.clone(), text: article.clone() });
            r.amounts.push(Amount {
                value: "1.00".into(),
                currency: "EUR".into(),
                tax: None,
                text: amount_text,
                span: Span::default(),
            });
            let xml = akn_document(&r);
            let doc = roxmltree::Document::parse(&xml);
            prop_assert!(doc.is_ok(), "{:?}\n{}", doc.err(), xml);
            let doc = doc.unwrap();
            let mut seen = BTreeSet::new();
            for n in doc.descendants() {
                if let Some(id) = n.attribute("eId") {
                    prop_assert!(seen.insert(id.to_string()), "duplicate eId {}", id);
                }
            }
            prop_assert!(!akn_file_name(&r).contains('/'));
            let (out, _) = export(Format::Csv, &[r.clone()], ExportOptions::default());
            let (_, rows) = read_csv(&out);
            prop_assert_eq!(rows.len(), 1);
            prop_assert_eq!(rows[0].len(), CSV_COLUMNS.len());
            let (out, _) = export(Format::Scdl, &[r], ExportOptions::default());
            let (_, rows) = read_csv(&out);
            prop_assert_eq!(rows[0].len(), SCDL_COLUMNS.len());
        }
    }
}
