//! Séance segmentation over synthetic fixtures (`fixtures/seance/`), one per
//! numbering style, written in the style of real procès-verbaux and
//! comptes rendus (no corpus text).

use std::path::Path;

use delib::model::{Attendance, DocumentKind, Outcome};
use delib::normalize::{normalize, Source};
use delib::parse::seance::{self, MoveKind, NumberingStyle, Segmentation};

fn load(name: &str) -> Source {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/seance")
        .join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    normalize(&delib::text::read_text(&bytes))
}

fn numbers(seg: &Segmentation) -> Vec<Option<String>> {
    seg.deliberations().map(|i| i.number.clone()).collect()
}

fn titles(seg: &Segmentation) -> Vec<String> {
    seg.deliberations()
        .map(|i| i.title.clone().unwrap_or_default())
        .collect()
}

fn records(name: &str) -> Vec<delib::model::Record> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/seance")
        .join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    delib::records_from_pages(&delib::text::read_text(&bytes), name, "0")
}

#[test]
fn register_numbers_with_bullets() {
    let src = load("register-bullets.txt");
    let seg = seance::segment(&src);
    assert_eq!(seg.kind, DocumentKind::Seance);
    assert_eq!(
        numbers(&seg),
        vec![
            Some("DE-2023/41".to_string()),
            Some("DE-2023/42".to_string()),
            Some("DE-2023/43".to_string())
        ]
    );
    assert_eq!(
        titles(&seg),
        vec![
            "Délégations de pouvoirs « Marchés publics » : Information",
            "Communauté de communes Val de Lorme : Rapport d'activités 2022",
            "Marché à procédure adaptée (MAPA) : Travaux d'aménagement de sécurité de la rue des Tilleuls",
        ]
    );
    // The approval of the minutes (in the preamble) and "Informations
    // diverses" are items, not deliberations.
    let infos: Vec<_> = seg
        .items
        .iter()
        .filter(|i| !i.is_deliberation)
        .filter_map(|i| i.title.clone())
        .collect();
    assert_eq!(
        infos,
        vec![
            "Compte-rendu de la réunion du 7 février 2023 : Pas d'observations",
            "Informations diverses"
        ]
    );
    // The preamble holds the attendance, and stops at the first heading.
    let pre = seg.preamble.clone().unwrap();
    assert!(src.text[pre].contains("secrétaire de séance"));
}

#[test]
fn departure_changes_attendance_of_following_items() {
    let src = load("register-bullets.txt");
    let seg = seance::segment(&src);
    let moves = seance::movements(&src, &seg);
    assert_eq!(moves.len(), 1);
    assert_eq!(moves[0].kind, MoveKind::Departure);
    assert_eq!(moves[0].name, "Hugo LAMBERT");
    // Printed inside DE-2023/42: applies from DE-2023/43 on.
    let index = |n: &str| {
        seg.items
            .iter()
            .position(|i| i.number.as_deref() == Some(n))
            .unwrap()
    };
    assert_eq!(moves[0].from_item, index("DE-2023/43"));
    let carried = Attendance {
        present: vec!["Alain VERDIER".into(), "Hugo LAMBERT".into()],
        excused: vec!["Yann CORNU".into()],
        ..Attendance::default()
    };
    assert_eq!(
        seance::adjust(&carried, &moves, index("DE-2023/42")),
        carried
    );
    let later = seance::adjust(&carried, &moves, index("DE-2023/43"));
    assert_eq!(later.present, vec!["Alain VERDIER"]);
    assert_eq!(later.absent, vec!["Hugo LAMBERT"]);
}

#[test]
fn agenda_ordinals_are_not_items() {
    let src = load("agenda-ordinals.txt");
    let seg = seance::segment(&src);
    assert_eq!(seg.kind, DocumentKind::Seance);
    assert!(seg
        .items
        .iter()
        .filter(|i| i.is_deliberation)
        .all(|i| i.style == NumberingStyle::Ordinal));
    assert_eq!(
        titles(&seg),
        vec![
            "Rénovation du groupe scolaire : Demandes de subventions",
            "Budget Commune – Décision modificative n°1",
            "Cantine scolaire : tarifs de la rentrée − Accord de principe",
        ]
    );
    // The agenda lines are in no item; the nested list stays in item 1.
    let first = &seg.deliberations().next().unwrap().range;
    assert!(src.text[first.clone()].contains("Infiltrations par la toiture"));
    assert!(!src.text[seg.preamble.clone().unwrap()].contains("Vote :"));
    // Ordinals are not deliberation numbers.
    assert!(seg
        .deliberations()
        .all(|i| i.deliberation_number().is_none()));
    let diverses: Vec<_> = seg.items.iter().filter(|i| !i.is_deliberation).collect();
    assert_eq!(diverses.len(), 1);
}

#[test]
fn closing_list_and_withdrawn_point() {
    let src = load("dated-closing-list.txt");
    let seg = seance::segment(&src);
    assert_eq!(
        numbers(&seg),
        vec![
            Some("2021-03-1".to_string()),
            Some("2021-03-2".to_string()),
            Some("2021-03-3".to_string())
        ]
    );
    let items: Vec<_> = seg.deliberations().collect();
    assert_eq!(
        items[0].title.as_deref(),
        Some("RENOUVELLEMENT DE LA CONVENTION DE FOURRIERE – PARTICIPATION A LA PROCEDURE LANCEE PAR LA COMMUNAUTE DE COMMUNES")
    );
    assert_eq!(
        items[1].title.as_deref(),
        Some("VENTE D'UN TERRAIN COMMUNAL")
    );
    assert!(items[1].withdrawn);
    assert!(!items[0].withdrawn);
    // The last item stops before "QUESTIONS DIVERSES." and the list.
    let last = &src.text[items[2].range.clone()];
    assert!(!last.contains("DELIBERATIONS"));
    assert!(!last.contains("marché de Noël"));

    let recs = records("dated-closing-list.txt");
    assert_eq!(recs.len(), 3);
    assert_eq!(recs[1].vote.outcome, Some(Outcome::Withdrawn));
    assert_eq!(recs[0].source.document_kind, Some(DocumentKind::Seance));
    assert!(recs[0]
        .diagnostics
        .iter()
        .any(|d| d.code == "seance.not_deliberation" && d.message.contains("QUESTIONS DIVERSES")));
    assert!(recs[1].diagnostics.is_empty());
}

#[test]
fn deliberation_labels_with_objet_lines() {
    let src = load("deliberation-label.txt");
    let seg = seance::segment(&src);
    assert_eq!(
        numbers(&seg),
        vec![
            Some("2021-045".to_string()),
            Some("2021-046".to_string()),
            Some("2021-047".to_string())
        ]
    );
    assert_eq!(
        titles(&seg),
        vec![
            "Rapport annuel sur le prix et la qualité du service",
            "Tarifs de l'eau potable au 1er janvier 2022",
            "Admission en non-valeur",
        ]
    );
    // An arrival printed before the items, aimed at a numbered item.
    let moves = seance::movements(&src, &seg);
    assert_eq!(moves.len(), 1);
    assert_eq!(moves[0].kind, MoveKind::Arrival);
    assert_eq!(moves[0].name, "Olivier TESSIER");
    assert_eq!(moves[0].from_item, 1);
}

#[test]
fn numbers_alone_on_their_line_with_titles_below() {
    let src = load("ordinal-alone.txt");
    let seg = seance::segment(&src);
    assert_eq!(
        titles(&seg),
        vec![
            "Espaces publics Quartier des Tilleuls - Dénomination de la place Jean Moulin",
            "Convention de partenariat avec l'association Les Amis du Livre",
            "Aménagement de la ZAC des Oliviers - Avenant n° 2 au traité de concession",
            "Tarifs des services périscolaires pour l'année 2024-2025",
        ]
    );
    let recs = records("ordinal-alone.txt");
    assert_eq!(recs.len(), 4);
    assert_eq!(recs[0].vote.against_names, ["Roux"]);
    assert_eq!(recs[0].vote.unanimous, Some(false));
    assert_eq!(
        (recs[2].vote.for_, recs[2].vote.abstentions),
        (Some(9), Some(2))
    );
    assert!(recs
        .iter()
        .all(|r| r.vote.outcome == Some(Outcome::Adopted)));
    assert_eq!(recs[3].session.date.as_deref(), Some("2024-03-04"));
    let rapporteurs: Vec<_> = recs.iter().map(|r| r.rapporteur.as_deref()).collect();
    assert_eq!(
        rapporteurs,
        [
            None,
            Some("Sophie CASTEL"),
            Some("Marc FABRE"),
            Some("Marc FABRE")
        ]
    );
}

#[test]
fn bare_ordinals_between_rapporteur_and_title() {
    let src = load("ordinal-bare.txt");
    let seg = seance::segment(&src);
    assert_eq!(
        titles(&seg),
        vec![
            "Quartier des Tilleuls Dénomination de la place Jean Moulin et de l'allée des Peupliers",
            "Convention de partenariat avec l'association Les Amis du Livre pour l'année 2024",
            "ZAC des Oliviers Avenant n° 2 au traité de concession",
            "« Semaine de la jeunesse » Subvention au comité des fêtes",
            "Tarifs de la médiathèque municipale",
        ]
    );
    let recs = records("ordinal-bare.txt");
    assert_eq!(recs.len(), 5);
    assert_eq!(recs[0].vote.against_names, ["Roux"]);
    assert_eq!(
        (recs[2].vote.for_, recs[2].vote.abstentions),
        (Some(10), Some(2))
    );
    let rapporteurs: Vec<_> = recs.iter().map(|r| r.rapporteur.as_deref()).collect();
    assert_eq!(
        rapporteurs,
        [None, Some("Sophie CASTEL"), Some("Marc FABRE"), None, None]
    );
}

#[test]
fn a_list_before_the_points_is_not_the_points() {
    // "1) BERTIGNY 5" … "6) SAINTE-CROIX 2" (seats per commune) is a list
    // of six consecutive lines; the three points with bodies are the
    // séance's.
    let src = load("list-before-points.txt");
    let seg = seance::segment(&src);
    assert_eq!(
        titles(&seg),
        vec![
            "Election du maire",
            "Nombre d'adjoints",
            "Indemnités de fonction"
        ]
    );
    let recs = records("list-before-points.txt");
    assert_eq!(recs[0].attendance.present.len(), 11);
    assert_eq!(recs[0].attendance.absent, ["ROUX Yves", "VIDAL Rémi"]);
    assert_eq!(recs[0].session.secretary.as_deref(), Some("Lucie GIRAUD"));
}

#[test]
fn a_secretary_signed_at_the_end_of_the_seance() {
    let recs = records("secretary-at-end.txt");
    assert_eq!(recs.len(), 2);
    assert!(recs
        .iter()
        .all(|r| r.session.secretary.as_deref() == Some("S.CASTEL")));
}

#[test]
fn degree_ordinals_without_agenda() {
    let src = load("ordinal-degree.txt");
    let seg = seance::segment(&src);
    assert_eq!(
        titles(&seg),
        vec![
            "Travaux de voirie : chemin des Vignes",
            "Indemnité de conseil allouée au comptable du Trésor"
        ]
    );
    let not: Vec<_> = seg
        .items
        .iter()
        .filter(|i| !i.is_deliberation)
        .filter_map(|i| i.title.clone())
        .collect();
    assert_eq!(
        not,
        vec![
            "Approbation du procès-verbal de la séance précédente",
            "Questions diverses"
        ]
    );
    let moves = seance::movements(&src, &seg);
    assert_eq!(moves.len(), 1);
    assert_eq!(moves[0].name, "Sophie NADAL");
    assert_eq!(moves[0].kind, MoveKind::Arrival);
}

#[test]
fn plain_register_numbers() {
    let seg = seance::segment(&load("register-plain.txt"));
    assert_eq!(
        numbers(&seg),
        vec![
            Some("2010/66".to_string()),
            Some("DE-2010/67".to_string()),
            Some("2010/68".to_string())
        ]
    );
    assert_eq!(
        titles(&seg)[2],
        "Convention de mise à disposition de la salle de sport avec la communauté de communes du Pays de Lorme"
    );
}

#[test]
fn concatenated_extracts_are_split_on_their_headers() {
    let src = load("concatenated-extracts.txt");
    let seg = seance::segment(&src);
    assert_eq!(seg.items.len(), 2);
    assert!(seg.preamble.is_none());
    assert_eq!(seg.items[0].pages, [1, 1]);
    assert_eq!(seg.items[1].pages, [2, 2]);
    // The letterhead and the header top both pages: the normalizer keeps
    // them as running headers, and the split falls on the page start.
    assert!(src.text[seg.items[1].range.clone()].starts_with("n° 2015/2"));
    assert_eq!(records("concatenated-extracts.txt").len(), 2);
}

#[test]
fn single_extract_gives_one_record_over_the_whole_text() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/extrait-valmont-2024-017.txt");
    let bytes = std::fs::read(path).unwrap();
    let pages = delib::text::read_text(&bytes);
    let src = normalize(&pages);
    assert_eq!(seance::segment(&src).kind, DocumentKind::Extract);
    let recs = delib::records_from_pages(&pages, "x", "0");
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0].source.document_kind, Some(DocumentKind::Extract));
}

#[test]
fn every_item_span_is_in_bounds() {
    for name in [
        "register-bullets.txt",
        "agenda-ordinals.txt",
        "dated-closing-list.txt",
        "deliberation-label.txt",
        "ordinal-degree.txt",
        "register-plain.txt",
        "concatenated-extracts.txt",
    ] {
        let src = load(name);
        let seg = seance::segment(&src);
        for it in &seg.items {
            assert!(
                it.range.start <= it.range.end && it.range.end <= src.text.len(),
                "{name}"
            );
            assert!(
                it.heading.start >= it.range.start && it.heading.end <= it.range.end,
                "{name}"
            );
            assert!(src.text.get(it.range.clone()).is_some(), "{name}");
        }
    }
}

proptest::proptest! {
    /// Segmentation never panics and keeps every range in bounds and on
    /// char boundaries, whatever the lines look like.
    #[test]
    fn segment_never_panics(lines in proptest::collection::vec(
        proptest::prop_oneof![
            proptest::strategy::Just("• DE-2012/86 – Délégations : Information".to_string()),
            proptest::strategy::Just("2020-01-1 RENOUVELLEMENT DU CONTRAT".to_string()),
            proptest::strategy::Just("DÉLIBÉRATION N° 2021-045".to_string()),
            proptest::strategy::Just("Objet : Tarifs".to_string()),
            proptest::strategy::Just("Ordre du jour".to_string()),
            proptest::strategy::Just("DELIBERATIONS".to_string()),
            proptest::strategy::Just("QUESTIONS DIVERSES.".to_string()),
            proptest::strategy::Just("EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS".to_string()),
            proptest::strategy::Just("M. Paul DURAND quitte la séance.".to_string()),
            proptest::strategy::Just("arrivée de Mme Anne ROY à la délibération n° 2".to_string()),
            "[0-9]{1,3}[.)°-] [A-ZÉ][a-zé ]{0,20}",
            "[A-Za-zéè«»()0-9 ,.:;'–-]{0,60}",
            proptest::strategy::Just("\u{0C}".to_string()),
            proptest::strategy::Just(String::new()),
        ],
        0..40,
    )) {
        let bytes = lines.join("\n").into_bytes();
        let pages = delib::text::read_text(&bytes);
        let src = normalize(&pages);
        let seg = seance::segment(&src);
        for it in &seg.items {
            proptest::prop_assert!(src.text.get(it.range.clone()).is_some());
            proptest::prop_assert!(src.text.get(it.heading.clone()).is_some());
        }
        let moves = seance::movements(&src, &seg);
        for m in &moves {
            proptest::prop_assert!(src.text.get(m.span.clone()).is_some());
            proptest::prop_assert!(m.from_item <= seg.items.len());
        }
        let _ = delib::records_from_pages(&pages, "p", "0");
    }
}

#[test]
fn a_heading_run_on_over_a_flattened_line_is_no_title() {
    // A list of deliberations exported as one line: the first heading runs
    // on to the end of the text.
    let text: String = (1..=12)
        .map(|i| {
            format!("Délibération n° 2022-12-09/{i:02} examinée le 9 décembre 2022 — tarifs de la cantine scolaire — approuvée ")
        })
        .collect();
    let recs = delib::records_from_pages(&delib::text::read_text(text.as_bytes()), "flat.txt", "0");
    assert!(!recs.is_empty());
    for r in &recs {
        let t = r.title.as_deref().unwrap_or("");
        assert!(t.chars().count() <= 500, "{t}");
    }
}

#[test]
fn a_member_leaving_with_a_pouvoir_is_represented() {
    let recs = records("departure-pouvoir.txt");
    assert_eq!(recs.len(), 2);
    let first = &recs[0].attendance;
    assert_eq!(first.present.len(), 4);
    assert!(first.represented.is_empty());
    let second = &recs[1].attendance;
    assert_eq!(second.present, ["Jean ROLLAND", "Berthe CAMUS"]);
    assert_eq!(second.represented.len(), 1);
    assert_eq!(second.represented[0].member, "Éric VALLON");
    assert_eq!(second.represented[0].proxy.as_deref(), Some("Jean ROLLAND"));
    assert_eq!(second.absent, ["Luc BARRE", "Odile FAURE"]);
}

#[test]
fn movement_lists_move_every_member_named() {
    let recs = records("movers-lists.txt");
    assert_eq!(recs.len(), 7);
    let has = |i: usize, name: &str| recs[i].attendance.present.iter().any(|p| p == name);
    // Listed present but entering after item 1: out for item 1 only.
    assert!(!has(0, "Odile NOYER"));
    assert!(has(1, "Odile NOYER"));
    assert!(has(0, "Sophie CASTEL") && !has(1, "Sophie CASTEL"));
    // "Mesdames A et B, Monsieur C sortent de séance".
    for name in ["Claire ARNAUD", "Anne ESTÈVE", "Jacques DURAND"] {
        assert!(has(1, name) && !has(2, name), "{name}");
    }
    // Departures and arrivals in one sentence, across a line end.
    for name in ["Paul BERTIN", "Henri JOUVE", "Marc FABRE", "Lucie GIRAUD"] {
        assert!(has(2, name) && !has(3, name) && has(5, name), "{name}");
    }
    assert!(has(3, "Claire ARNAUD") && has(3, "Anne ESTÈVE"));
    // The member leaves with the pouvoir she holds, and brings it back.
    let rep = |i: usize| -> Vec<(String, Option<String>)> {
        let mut r: Vec<_> = recs[i]
            .attendance
            .represented
            .iter()
            .map(|p| (p.member.clone(), p.proxy.clone()))
            .collect();
        r.sort();
        r
    };
    assert_eq!(rep(4), [("Rémi VIDAL".to_string(), None)]);
    assert!(recs[4].attendance.absent.contains(&"Yves ROUX".to_string()));
    assert_eq!(
        rep(5),
        [
            ("Rémi VIDAL".to_string(), None),
            ("Yves ROUX".to_string(), Some("Nadia KERBAL".to_string()))
        ]
    );
    // Of two members named Marty, the one named in full.
    assert!(has(4, "Hugo MARTY") && !has(5, "Hugo MARTY") && has(5, "Louis MARTY"));
    // "donne procuration à M. Y et sort de séance"; "revient en séance".
    assert!(rep(6).contains(&("Louis MARTY".to_string(), Some("Paul BERTIN".to_string()))));
    assert!(has(6, "Sophie CASTEL"));
    // Every tally is the members present and represented.
    for r in &recs {
        let a = &r.attendance;
        let voters = a.present.len() + a.represented.len();
        assert_eq!(
            r.vote.for_,
            u32::try_from(voters).ok(),
            "{:?}: {a:?}",
            r.title
        );
    }
}
