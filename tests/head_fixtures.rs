//! The header, references, attendance and signature parts read on synthetic
//! extracts (`fixtures/head/`), and on the real corpus when it is present.

use std::path::{Path, PathBuf};

use delib::model::{BodyKind, Pouvoir, Record};

fn read(path: &Path) -> Record {
    let bytes = std::fs::read(path).expect("fixture readable");
    let pages = delib::text::read_text(&bytes);
    let mut recs = delib::records_from_pages(&pages, &path.display().to_string(), "0");
    assert_eq!(recs.len(), 1);
    recs.remove(0)
}

fn fixture(name: &str) -> Record {
    read(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/head")
            .join(name),
    )
}

#[test]
fn an_extract_on_the_prefecture_form() {
    // "OBJET" alone in the form's left column, its title lines below; the
    // secretary named in the CGCT's wording.
    let r = fixture("prefecture-form-extrait.txt");
    assert_eq!(
        r.title.as_deref(),
        Some("VOIRIE – Réfection du chemin des Vignes")
    );
    assert_eq!(r.session.secretary.as_deref(), Some("Lucie Giraud"));
    assert_eq!(r.session.date.as_deref(), Some("2024-03-05"));
}

#[test]
fn a_bureau_extract_in_the_metropole_style() {
    let r = fixture("bureau-extrait.txt");
    assert_eq!(
        r.authority.name.as_deref(),
        Some("Métropole Exemple-sur-Mer")
    );
    assert_eq!(r.authority.department.as_deref(), Some("Val d'Exemple"));
    assert_eq!(r.body.kind, Some(BodyKind::Bureau));
    assert_eq!(r.session.date.as_deref(), Some("2021-03-14"));
    assert_eq!(r.session.president.as_deref(), Some("Claire FONTAINE"));
    assert_eq!(r.number.as_deref(), Some("ABCD 012-3456/21/BM"));
    assert_eq!(r.other_numbers, ["XYZ 21/12345/BM"]);
    assert_eq!(
        r.title.as_deref(),
        Some("Convention de partenariat avec l'association des jardins partagés pour l'année 2021")
    );
    assert_eq!(r.rapporteur.as_deref(), Some("Claire FONTAINE"));
    assert_eq!(
        r.attendance.present,
        [
            "Paul AUBERT",
            "Lucie BERNARD",
            "Claire FONTAINE",
            "Jean-Marc DE LA ROCHE",
            "Anne PETIT-GRAND",
            "Marc LE GALL"
        ]
    );
    assert_eq!(
        r.attendance.represented,
        [
            Pouvoir {
                member: "Sophie ROUX".into(),
                proxy: Some("Paul AUBERT".into())
            },
            Pouvoir {
                member: "Eric MARTIN".into(),
                proxy: Some("Claire FONTAINE".into())
            },
        ]
    );
    assert_eq!(r.attendance.excused, ["Léa DURAND", "Hugo MOREL"]);
    assert_eq!(r.attendance.present_count, Some(6));
    assert_eq!(r.dates.signed.as_deref(), Some("2021-03-15"));
    assert_eq!(r.dates.received.as_deref(), Some("2021-03-18"));
    assert_eq!(r.signatory.as_deref(), Some("Claire FONTAINE"));
}

#[test]
fn a_municipal_extract_with_a_receipt_block() {
    let r = fixture("conseil-municipal-extrait.txt");
    assert_eq!(r.authority.name.as_deref(), Some("Ville de Saint-Exemple"));
    assert_eq!(r.body.kind, Some(BodyKind::MunicipalCouncil));
    assert_eq!(r.session.date.as_deref(), Some("2022-11-07"));
    assert_eq!(r.session.time.as_deref(), Some("18:30"));
    assert_eq!(r.session.convened_on.as_deref(), Some("2022-11-01"));
    assert_eq!(r.session.president.as_deref(), Some("Nadia Morel"));
    assert_eq!(r.number.as_deref(), Some("2022 / 48"));
    assert_eq!(
        r.actes_id.as_deref(),
        Some("099-123456789-20221107-0000012345-DE")
    );
    assert_eq!(
        r.title.as_deref(),
        Some("Garantie d'emprunt - Office public de l'habitat - Résidence des Tilleuls")
    );
    // "Monsieur DURAND" completed from the présents.
    assert_eq!(r.rapporteur.as_deref(), Some("Marc DURAND"));
    assert_eq!(r.attendance.present.len(), 8);
    assert!(r.attendance.present.iter().any(|n| n == "Sophie ROUX"));
    assert_eq!(r.attendance.represented.len(), 2);
    assert!(r.attendance.represented.iter().all(|p| p.proxy.is_none()));
    assert_eq!(r.attendance.absent, ["Claire FONTAINE"]);
    assert_eq!(r.attendance.present_count, None);
    assert_eq!(r.dates.transmitted.as_deref(), Some("2022-11-09"));
    assert_eq!(r.dates.received.as_deref(), Some("2022-11-10"));
    assert_eq!(r.dates.published.as_deref(), Some("2022-11-08"));
    assert_eq!(r.dates.signed, None);
    assert_eq!(r.signatory.as_deref(), Some("Nadia MOREL"));
}

/// The reference document of the project, when `../shared/corpus` (or
/// `$DELIB_CORPUS`) is there: its header fields must come out exactly.
#[test]
fn the_seed_header_fields() {
    let corpus = std::env::var_os("DELIB_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    let seed = corpus.join("seed/amp-bureau-2020-07-31-fbpa-018-8117.txt");
    if !seed.exists() {
        eprintln!("corpus absent, skipped");
        return;
    }
    let r = read(&seed);
    assert_eq!(r.session.date.as_deref(), Some("2020-07-31"));
    assert_eq!(r.number.as_deref(), Some("FBPA 018-8117/20/BM"));
    assert_eq!(r.other_numbers, ["MET 20/15336/BM"]);
    assert_eq!(r.session.president.as_deref(), Some("Martine VASSAL"));
    assert_eq!(r.rapporteur.as_deref(), Some("Martine VASSAL"));
    assert_eq!(r.attendance.present.len(), 29);
    assert_eq!(r.attendance.represented.len(), 4);
    assert_eq!(r.attendance.excused.len(), 4);
    assert_eq!(r.attendance.present_count, Some(29));
    assert_eq!(r.dates.signed.as_deref(), Some("2020-07-31"));
    assert_eq!(r.dates.received.as_deref(), Some("2020-08-06"));
    assert_eq!(r.signatory.as_deref(), Some("Martine VASSAL"));
}

mod never_panics {
    use delib::parse::{attendance, header, names, references, signature};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// Any text, including cut multi-byte characters around labels,
        /// gives a value and no panic.
        #[test]
        fn head_readers_never_panic(
            s in "(Présents ?:|Absents|Pouvoirs :|représenté par|n° |Séance du |Envoi Préfecture :|Publiée le|rapporte :|Objet :|M\\. |Mme |[A-ZÉ]{2,8}|[a-zé]{1,8}|[0-9/\\-]{1,6}|[,;:.\\n •–é]){0,60}"
        ) {
            let _ = header::read_head(&s);
            let _ = attendance::read_attendance(&s);
            let _ = references::numbers(&s);
            let _ = references::title(&s);
            let _ = references::head_end(&s);
            let _ = signature::read_dates(&s);
            let _ = signature::signatory(&s);
            let _ = names::read_list(&s);
        }
    }
}
