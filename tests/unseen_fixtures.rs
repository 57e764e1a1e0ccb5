//! Synthetic documents (`fixtures/unseen/`) in the layouts of collectivités
//! the corpus under-represents: a département's commission permanente and
//! plenary council, a région, a syndicat mixte's comité syndical, a
//! communauté d'agglomération's séance register and a communauté de
//! communes' bureau, and a ville's procès-verbal flattened to one line
//! with its agenda first. Names, places and numbers are invented; the
//! expectations are what a careful reader extracts, field by field of the
//! record contract.

use std::path::Path;

use delib::model::{BodyKind, CitationKind, Outcome, Pouvoir, Record};

fn records(name: &str) -> Vec<Record> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/unseen")
        .join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let src = delib::normalize::normalize(&delib::text::read_text(&bytes));
    let info = delib::model::SourceInfo {
        path: name.to_string(),
        sha256: "0".to_string(),
        pages: [1, 1],
        text_origin: delib::model::TextOrigin::TextFile,
        document_kind: None,
        record_index: 0,
        record_count: 0,
    };
    delib::parse::parse_document(&src, info)
}

fn one(name: &str) -> Record {
    let mut recs = records(name);
    assert_eq!(recs.len(), 1, "{name}: one deliberation");
    recs.remove(0)
}

fn pouvoir(member: &str, proxy: &str) -> Pouvoir {
    Pouvoir {
        member: member.into(),
        proxy: Some(proxy.into()),
    }
}

/// (kind, number, date) of each visa.
fn visas(r: &Record) -> Vec<(CitationKind, Option<&str>, Option<&str>)> {
    r.citations
        .iter()
        .map(|c| (c.kind, c.number.as_deref(), c.date.as_deref()))
        .collect()
}

/// (value, tax) of each amount.
fn amounts(r: &Record) -> Vec<(&str, Option<String>)> {
    r.amounts
        .iter()
        .map(|a| (a.value.as_str(), a.tax.map(|t| format!("{t:?}"))))
        .collect()
}

fn article_numbers(r: &Record) -> Vec<&str> {
    r.articles.iter().map(|a| a.number.as_str()).collect()
}

fn tax(t: &str) -> Option<String> {
    Some(t.to_string())
}

#[test]
fn a_departement_commission_permanente_extract() {
    let r = one("departement-commission-permanente.txt");
    assert_eq!(
        r.authority.name.as_deref(),
        Some("Département de la Haute-Vernière")
    );
    assert_eq!(r.body.kind, Some(BodyKind::StandingCommittee));
    assert_eq!(r.session.date.as_deref(), Some("2024-03-18"));
    assert_eq!(r.session.time.as_deref(), Some("10:00"));
    assert_eq!(r.session.convened_on, None);
    assert_eq!(r.session.president.as_deref(), Some("Hélène DARCOURT"));
    assert_eq!(r.session.secretary.as_deref(), Some("Corinne NAUDIN"));
    assert_eq!(r.session.members_in_office, Some(21));
    assert_eq!(r.number.as_deref(), Some("CP-2024-03-17"));
    assert!(r.other_numbers.is_empty());
    assert_eq!(
        r.actes_id.as_deref(),
        Some("087-228700012-20240318-CP_2024_03_17-DE")
    );
    assert_eq!(
        r.title.as_deref(),
        Some("Fonds de solidarité territoriale – Attribution de subventions aux communes rurales (3e répartition 2024)")
    );
    assert_eq!(r.rapporteur.as_deref(), Some("Didier CAUVET"));
    assert_eq!(r.attendance.present.len(), 15);
    assert_eq!(r.attendance.present[0], "Hélène DARCOURT");
    assert!(r.attendance.present.iter().any(|n| n == "Didier CAUVET"));
    assert_eq!(r.attendance.present[14], "Valérie PRUNIER");
    assert_eq!(
        r.attendance.represented,
        [
            pouvoir("Alain QUESNEL", "Hélène DARCOURT"),
            pouvoir("Brigitte RAGOT", "Gilles GARNIER"),
            pouvoir("Serge TESSIER", "Sylvie DELORME"),
        ]
    );
    assert_eq!(r.attendance.excused, ["Franck VALLÉE", "Odile WEBER"]);
    assert_eq!(r.attendance.absent, ["Loïc YVON"]);
    assert_eq!(r.attendance.present_count, Some(15));
    assert_eq!(
        visas(&r),
        [
            (CitationKind::Code, None, None),
            (CitationKind::Law, Some("2015-991"), Some("2015-08-07")),
            (
                CitationKind::Deliberation,
                Some("2021-07-02"),
                Some("2021-07-01")
            ),
            (CitationKind::Regulation, None, Some("2023-02-09")),
        ]
    );
    assert_eq!(r.recitals.len(), 2);
    assert!(r.recitals[0].starts_with("que le Fonds de solidarité territoriale"));
    assert_eq!(article_numbers(&r), ["1", "2", "3"]);
    assert!(r.articles[1].text.starts_with("D'autoriser la Présidente"));
    assert_eq!(r.decision_text, None);
    assert_eq!(
        amounts(&r),
        [
            ("12500.00", None),
            ("62500.00", tax("HT")),
            ("8340.00", None),
            ("20840.00", None),
        ]
    );
    assert_eq!(r.budget_lines, ["chapitre 204, article 204142"]);
    assert_eq!(r.vote.outcome, Some(Outcome::Adopted));
    assert_eq!(r.vote.unanimous, Some(true));
    assert_eq!(
        (r.vote.for_, r.vote.against, r.vote.abstentions),
        (Some(18), Some(0), Some(0))
    );
    assert_eq!(r.dates.signed.as_deref(), Some("2024-03-18"));
    assert_eq!(r.dates.transmitted, None);
    assert_eq!(r.dates.received.as_deref(), Some("2024-03-22"));
    assert_eq!(r.dates.published.as_deref(), Some("2024-03-25"));
    assert_eq!(r.signatory.as_deref(), Some("Hélène DARCOURT"));
}

#[test]
fn a_region_plenary_extract_with_named_votes() {
    let r = one("region-seance-pleniere.txt");
    // "Le Conseil régional d'Armor-Ligérie" names it in mixed case.
    assert_eq!(r.authority.name.as_deref(), Some("Région Armor-Ligérie"));
    assert_eq!(r.body.kind, Some(BodyKind::RegionalCouncil));
    assert_eq!(r.session.date.as_deref(), Some("2024-04-11"));
    assert_eq!(r.session.time.as_deref(), Some("09:30"));
    assert_eq!(r.session.convened_on.as_deref(), Some("2024-03-27"));
    assert_eq!(r.session.president.as_deref(), Some("Yannick KERGOAT"));
    assert_eq!(r.session.secretary.as_deref(), Some("Gwenola LE BIHAN"));
    assert_eq!(r.session.members_in_office, Some(83));
    assert_eq!(r.number.as_deref(), Some("DEL2024_045"));
    assert_eq!(
        r.actes_id.as_deref(),
        Some("035-233500016-20240411-DEL2024_045-DE")
    );
    assert_eq!(
        r.title.as_deref(),
        Some("Plan régional en faveur des lycées – Programme pluriannuel d'investissement 2024-2028 – Approbation")
    );
    assert_eq!(r.rapporteur, None);
    // Counts only, no lists of names.
    assert!(r.attendance.present.is_empty());
    assert!(r.attendance.represented.is_empty());
    assert_eq!(r.attendance.present_count, Some(62));
    assert_eq!(
        visas(&r),
        [
            (CitationKind::Code, None, None),
            (CitationKind::Code, None, None),
            (CitationKind::Law, Some("2015-991"), Some("2015-08-07")),
            (CitationKind::Decree, Some("2016-360"), Some("2016-03-25")),
            (
                CitationKind::Deliberation,
                Some("DEL2023_210"),
                Some("2023-12-14")
            ),
        ]
    );
    assert_eq!(r.recitals.len(), 2);
    assert!(r.recitals[1].starts_with("l'enjeu de la rénovation"));
    assert_eq!(article_numbers(&r), ["1", "2", "3"]);
    assert_eq!(amounts(&r), [("412500000.00", None), ("38750000.00", None)]);
    assert!(r.budget_lines.is_empty());
    assert_eq!(r.vote.outcome, Some(Outcome::Adopted));
    assert_eq!(r.vote.unanimous, Some(false));
    assert_eq!(
        (r.vote.for_, r.vote.against, r.vote.abstentions),
        (Some(70), Some(4), Some(1))
    );
    assert_eq!(
        r.vote.against_names,
        [
            "Xavier LORIOT",
            "Paule MESNIL",
            "Rémi NOËL",
            "Agathe PICARD"
        ]
    );
    assert_eq!(r.vote.abstention_names, ["Hervé ROUSSEL"]);
    // Named, not counted: the count stays as printed (none).
    assert_eq!(r.vote.not_voting, None);
    assert_eq!(r.vote.not_voting_names, ["Soizic TANGUY"]);
    assert_eq!(r.dates.signed.as_deref(), Some("2024-04-11"));
    assert_eq!(r.dates.transmitted.as_deref(), Some("2024-04-15"));
    assert_eq!(r.dates.received.as_deref(), Some("2024-04-15"));
    assert_eq!(r.dates.published.as_deref(), Some("2024-04-16"));
    assert_eq!(r.signatory.as_deref(), Some("Yannick KERGOAT"));
}

#[test]
fn a_syndicat_comite_syndical_extract() {
    let r = one("syndicat-comite-syndical.txt");
    assert_eq!(
        r.authority.name.as_deref(),
        Some("SYNDICAT MIXTE DES EAUX DU BASSIN DE LA SORNELLE")
    );
    assert_eq!(r.body.kind, Some(BodyKind::SyndicateCommittee));
    assert_eq!(r.session.date.as_deref(), Some("2024-06-05"));
    assert_eq!(r.session.time.as_deref(), Some("18:30"));
    assert_eq!(r.session.convened_on.as_deref(), Some("2024-05-28"));
    assert_eq!(r.session.president.as_deref(), Some("Roger VIGNAUD"));
    // "M. X a été désigné secrétaire de séance."
    assert_eq!(r.session.secretary.as_deref(), Some("Jean-Luc SABATIER"));
    assert_eq!(r.session.members_in_office, Some(32));
    assert_eq!(r.number.as_deref(), Some("2024/112"));
    assert_eq!(
        r.actes_id.as_deref(),
        Some("045-254500123-20240605-2024_112-DE")
    );
    assert_eq!(
        r.title.as_deref(),
        Some("Tarifs de l'eau potable et de la redevance d'assainissement collectif pour l'année 2025")
    );
    assert_eq!(r.attendance.present.len(), 27);
    assert_eq!(r.attendance.present[26], "Odette HÉBRARD");
    // "X donne pouvoir à Y" under the excused: represented only.
    assert_eq!(
        r.attendance.represented,
        [
            pouvoir("Lucienne ABADIE", "Roger VIGNAUD"),
            pouvoir("Gérard BOUTIN", "Fabienne ROCHER"),
            pouvoir("Marcel CHAPUIS", "Jean-Luc SABATIER"),
        ]
    );
    assert_eq!(r.attendance.excused, ["Denise DUCROS"]);
    assert_eq!(r.attendance.absent, ["Éric FERRAND"]);
    assert_eq!(r.attendance.present_count, Some(27));
    assert_eq!(
        visas(&r),
        [
            (CitationKind::Code, None, None),
            (
                CitationKind::Order,
                Some("2019-DRCL-0457"),
                Some("2019-11-12")
            ),
            (
                CitationKind::Deliberation,
                Some("2023/098"),
                Some("2023-11-29")
            ),
        ]
    );
    assert_eq!(r.recitals.len(), 2);
    assert_eq!(article_numbers(&r), ["1", "2", "3", "4"]);
    assert_eq!(
        amounts(&r),
        [
            ("1.85", tax("HT")),
            ("48.00", tax("HT")),
            ("2.12", tax("HT"))
        ]
    );
    assert_eq!(r.vote.outcome, Some(Outcome::Adopted));
    // "à l'unanimité des suffrages exprimés", with abstentions.
    assert_eq!(r.vote.unanimous, Some(true));
    assert_eq!(
        (r.vote.for_, r.vote.against, r.vote.abstentions),
        (Some(28), Some(0), Some(2))
    );
    assert_eq!(r.vote.abstention_names, ["Josiane JULLIEN", "René LACOMBE"]);
    assert_eq!(r.dates.signed.as_deref(), Some("2024-06-06"));
    assert_eq!(r.dates.transmitted, None);
    assert_eq!(r.dates.received.as_deref(), Some("2024-06-10"));
    assert_eq!(r.dates.published.as_deref(), Some("2024-06-11"));
    assert_eq!(r.signatory.as_deref(), Some("Roger VIGNAUD"));
}

#[test]
fn a_conseil_communautaire_register_with_three_items() {
    let recs = records("communaute-conseil-communautaire-registre.txt");
    assert_eq!(recs.len(), 3);
    let numbers: Vec<_> = recs.iter().map(|r| r.number.as_deref()).collect();
    assert_eq!(
        numbers,
        [
            Some("DEL2024_101"),
            Some("DEL2024_102"),
            Some("DEL2024_103")
        ]
    );
    let titles: Vec<_> = recs.iter().map(|r| r.title.as_deref()).collect();
    assert_eq!(
        titles,
        [
            Some("Finances – Décision modificative n° 2 du budget principal 2024"),
            Some("Ressources humaines – Création d'un emploi permanent d'ingénieur principal"),
            Some("Environnement – Attribution d'une subvention à l'association Brévanne Nature Vivante"),
        ]
    );
    let rapporteurs: Vec<_> = recs.iter().map(|r| r.rapporteur.as_deref()).collect();
    assert_eq!(
        rapporteurs,
        [
            Some("Agnès BOISSEAU"),
            Some("Fabrice MOULINIER"),
            Some("Thomas TEYSSIER")
        ]
    );
    for r in &recs {
        assert_eq!(
            r.authority.name.as_deref(),
            Some("Communauté d'agglomération du Pays de Brévanne")
        );
        assert_eq!(r.body.kind, Some(BodyKind::CommunityCouncil));
        assert_eq!(r.session.date.as_deref(), Some("2024-09-26"));
        assert_eq!(r.session.time.as_deref(), Some("19:00"));
        assert_eq!(r.session.convened_on.as_deref(), Some("2024-09-19"));
        assert_eq!(r.session.president.as_deref(), Some("Fabrice MOULINIER"));
        assert_eq!(r.session.secretary.as_deref(), Some("Laure MAZIÈRES"));
        assert_eq!(r.session.members_in_office, Some(24));
        assert_eq!(r.actes_id, None);
        assert_eq!(r.attendance.present.len(), 18);
        assert_eq!(
            r.attendance.represented,
            [
                pouvoir("Béatrice ANCELIN", "Fabrice MOULINIER"),
                pouvoir("Damien BRUNEL", "Agnès BOISSEAU"),
                pouvoir("Élodie CARRÉ", "Cédric CHAMBON"),
            ]
        );
        assert_eq!(r.attendance.excused, ["Frédéric DELMAS", "Gaëlle ESTÈVE"]);
        assert_eq!(r.attendance.absent, ["Hugues FONTANEL"]);
        assert_eq!(r.attendance.present_count, Some(18));
        assert_eq!(r.vote.outcome, Some(Outcome::Adopted));
        assert_eq!(article_numbers(r), ["1", "2"]);
    }
    let (a, b, c) = (&recs[0], &recs[1], &recs[2]);
    assert_eq!(
        visas(a),
        [
            (CitationKind::Code, None, None),
            (
                CitationKind::Deliberation,
                Some("DEL2024_022"),
                Some("2024-03-28")
            ),
        ]
    );
    assert_eq!(amounts(a), [("1245300.00", None)]);
    assert_eq!(a.vote.unanimous, Some(true));
    assert_eq!(a.vote.for_, None);
    assert_eq!(visas(b).len(), 2);
    assert_eq!(b.vote.unanimous, Some(false));
    assert_eq!(
        (b.vote.for_, b.vote.against, b.vote.abstentions),
        (Some(19), Some(2), Some(0))
    );
    assert_eq!(b.vote.against_names, ["Kévin LAPORTE", "Sabine SALLES"]);
    assert!(amounts(b).is_empty());
    assert!(c.citations.is_empty());
    assert_eq!(c.recitals.len(), 1);
    assert_eq!(amounts(c), [("3200.00", None)]);
    assert_eq!(c.budget_lines, ["chapitre 65, article 6574"]);
    assert_eq!(c.vote.unanimous, Some(true));
    assert_eq!(
        (c.vote.for_, c.vote.against, c.vote.abstentions),
        (Some(20), Some(0), Some(0))
    );
    assert_eq!(c.vote.not_voting_names, ["Aline PERRIN"]);
}

#[test]
fn a_bureau_communautaire_extract() {
    let r = one("communaute-bureau-communautaire.txt");
    assert_eq!(
        r.authority.name.as_deref(),
        Some("Communauté de communes Cœur de Vallonne")
    );
    assert_eq!(r.authority.department.as_deref(), Some("Haute-Sarvonne"));
    assert_eq!(r.body.kind, Some(BodyKind::Bureau));
    assert_eq!(r.body.name.as_deref(), Some("Bureau communautaire"));
    assert_eq!(r.session.date.as_deref(), Some("2024-10-09"));
    assert_eq!(r.session.time.as_deref(), Some("17:00"));
    assert_eq!(r.session.convened_on.as_deref(), Some("2024-10-02"));
    assert_eq!(r.session.president.as_deref(), Some("Véronique TISSERAND"));
    assert_eq!(r.session.secretary.as_deref(), Some("Arnaud BARRAL"));
    assert_eq!(r.session.members_in_office, Some(12));
    assert_eq!(r.number.as_deref(), Some("BC_2024_018"));
    assert_eq!(
        r.actes_id.as_deref(),
        Some("026-200040111-20241009-BC_2024_018-DE")
    );
    assert_eq!(
        r.title.as_deref(),
        Some("Marché de collecte des déchets ménagers – Avenant n° 1 au lot 2 avec la société Valoris Environnement")
    );
    assert_eq!(r.attendance.present.len(), 9);
    assert_eq!(
        r.attendance.represented,
        [pouvoir("Luc FAYOLLE", "Véronique TISSERAND")]
    );
    assert_eq!(r.attendance.excused, ["Monique GAUTHERON", "Henri JOLY"]);
    assert!(r.attendance.absent.is_empty());
    assert_eq!(r.attendance.present_count, Some(9));
    assert_eq!(
        visas(&r),
        [
            (CitationKind::Code, None, None),
            (CitationKind::Code, None, None),
            (
                CitationKind::Deliberation,
                Some("DEL2020_087"),
                Some("2020-07-16")
            ),
            (
                CitationKind::Deliberation,
                Some("BC_2023_041"),
                Some("2023-12-13")
            ),
        ]
    );
    assert_eq!(r.recitals.len(), 1);
    assert_eq!(article_numbers(&r), ["1", "2", "3"]);
    assert_eq!(
        amounts(&r),
        [
            ("18450.00", tax("HT")),
            ("22140.00", tax("TTC")),
            ("412000.00", tax("HT")),
            ("430450.00", tax("HT")),
        ]
    );
    assert_eq!(r.budget_lines, ["chapitre 011, article 611"]);
    assert_eq!(r.vote.outcome, Some(Outcome::Adopted));
    assert_eq!(r.vote.unanimous, Some(true));
    assert_eq!(r.vote.for_, None);
    // "Pour extrait conforme, / <place>, le <date>" without "Fait à".
    assert_eq!(r.dates.signed.as_deref(), Some("2024-10-10"));
    assert_eq!(r.dates.transmitted.as_deref(), Some("2024-10-11"));
    assert_eq!(r.dates.received.as_deref(), Some("2024-10-11"));
    assert_eq!(r.dates.published.as_deref(), Some("2024-10-14"));
    assert_eq!(r.signatory.as_deref(), Some("Véronique TISSERAND"));
}

#[test]
fn a_departmental_council_with_the_vote_in_prose() {
    let r = one("departement-conseil-vote-en-prose.txt");
    assert_eq!(
        r.authority.name.as_deref(),
        Some("Département de la Marne-Supérieure")
    );
    assert_eq!(r.body.kind, Some(BodyKind::DepartmentalCouncil));
    assert_eq!(r.session.date.as_deref(), Some("2024-11-14"));
    assert_eq!(r.session.time.as_deref(), Some("14:30"));
    assert_eq!(
        r.session.president.as_deref(),
        Some("Jean-Baptiste LORMEAU")
    );
    assert_eq!(r.session.secretary.as_deref(), Some("Céline COLLET"));
    assert_eq!(r.session.members_in_office, Some(34));
    assert_eq!(r.number.as_deref(), Some("2024/112"));
    assert_eq!(
        r.actes_id.as_deref(),
        Some("051-225100013-20241114-2024_112-DE")
    );
    assert_eq!(
        r.title.as_deref(),
        Some("Programme d'entretien des routes départementales 2025 – Approbation et autorisation de lancer les consultations")
    );
    assert_eq!(r.attendance.present.len(), 27);
    assert_eq!(
        r.attendance.represented,
        [
            pouvoir("Marc MICHAUD", "Claude CORDIER"),
            pouvoir("Noëlle NOËL", "Irène JACQUOT"),
            pouvoir("Olivier OUDIN", "Jean-Baptiste LORMEAU"),
        ]
    );
    assert_eq!(
        r.attendance.excused,
        ["Patricia PETIT", "Régis RICHARD", "Sylvie SIMON"]
    );
    assert_eq!(r.attendance.absent, ["Thérèse TOUSSAINT"]);
    // No count of the présents is printed.
    assert_eq!(r.attendance.present_count, None);
    assert_eq!(
        visas(&r),
        [
            (CitationKind::Code, None, None),
            (CitationKind::Code, None, None),
            (
                CitationKind::Deliberation,
                Some("2023/087"),
                Some("2023-12-15")
            ),
            (CitationKind::Other, None, Some("2024-11-04")),
        ]
    );
    assert_eq!(r.recitals.len(), 1);
    assert!(r.articles.is_empty());
    let decision = r.decision_text.as_deref().unwrap_or("");
    assert!(decision.contains("approuve le programme d'entretien"));
    assert!(decision.contains("autorise le Président à lancer"));
    assert_eq!(
        amounts(&r),
        [("6800000.00", tax("TTC")), ("400000.00", None)]
    );
    assert_eq!(r.vote.outcome, Some(Outcome::Adopted));
    assert_eq!(r.vote.unanimous, Some(false));
    assert_eq!(
        (r.vote.for_, r.vote.against, r.vote.abstentions),
        (Some(25), Some(3), Some(2))
    );
    assert_eq!(
        r.vote.against_names,
        ["Benoît BAZIN", "Céline COLLET", "Denis DROUET"]
    );
    assert_eq!(r.vote.abstention_names, ["Gisèle GAUDIN", "Hervé HUBERT"]);
    assert_eq!(r.dates.signed, None);
    assert_eq!(r.dates.received.as_deref(), Some("2024-11-19"));
    assert_eq!(r.dates.published.as_deref(), Some("2024-11-20"));
    assert_eq!(r.signatory.as_deref(), Some("Jean-Baptiste LORMEAU"));
}

/// "Sur le rapport de M. le Président," stands after the visas, past the
/// head: read from the first line that opens on a rapporteur label.
#[test]
fn the_rapporteur_after_the_visas() {
    let r = one("departement-conseil-vote-en-prose.txt");
    assert_eq!(r.rapporteur.as_deref(), Some("Jean-Baptiste LORMEAU"));
}

/// A ville's procès-verbal flattened to one line, its agenda (items with
/// their rapporteurs, 7 000 bytes) before the séance's opening: nothing ends
/// the head, which is cut blind before "sous la présidence de"; the séance
/// and its lists are read from the wider head.
#[test]
fn a_flattened_proces_verbal_with_a_long_agenda_first() {
    let r = one("ville-proces-verbal-aplati.txt");
    assert_eq!(r.body.kind, Some(BodyKind::MunicipalCouncil));
    let s = &r.session;
    assert_eq!(s.date.as_deref(), Some("2024-12-12"));
    assert_eq!(s.time.as_deref(), Some("18:30"));
    assert_eq!(s.convened_on.as_deref(), Some("2024-12-05"));
    assert_eq!(s.president.as_deref(), Some("Étienne MARCHAL"));
    // The name right after its label, not the "OBJET" run on after it.
    assert_eq!(s.secretary.as_deref(), Some("Anne CAILLAUD"));
    assert_eq!(s.members_in_office, Some(29));
    let a = &r.attendance;
    assert_eq!(
        a.present,
        [
            "Étienne MARCHAL",
            "Claire BERTIN",
            "Hugo LEROUX",
            "Anne CAILLAUD",
            "Paul FAVIER",
            "Léa DELORME",
            "Marc PRADEL"
        ]
    );
    assert_eq!(a.represented, [pouvoir("Julie NOEL", "Claire BERTIN")]);
}
