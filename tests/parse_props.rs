//! Property tests of the parse stage: on any text, `parse_document` never
//! panics, and every span it gives (citations, amounts, diagnostics) lies
//! inside the normalized text of its page, on character boundaries.

use delib::model::{SourceInfo, Span};
use delib::normalize::{normalize, Source};
use delib::parse::parse_document;
use delib::text::read_text;
use proptest::prelude::*;

/// Pieces of deliberation wording, so that random texts reach the grammar's
/// rules and not only its "nothing found" paths.
const PIECES: &[&str] = &[
    "Vu",
    "Vu le Code général ;",
    "Vu la loi n°2014-58 du 27 janvier 2014",
    "Considérant",
    "Considérant que ",
    "• ",
    "- ",
    "Que ",
    "Délibère",
    "DÉCIDE :",
    "Article 1 :",
    "Article 1er",
    "Art. 2 -",
    "ARTICLE 3 :",
    "80 000 euros TTC",
    "1.672,24 € HT",
    "4M€",
    "2,5 M€",
    "€",
    "k€",
    "quatre-vingt mille euros",
    "Pour : 45 – Contre : 3 – Abstentions : 2",
    "Contre : M. X, Mme Y",
    "ne prend pas part au vote",
    "adopté à l'unanimité",
    "Le Conseil adopte.",
    "prend acte",
    "Sous politique B311 – 032-011-6228",
    "ligne 1596, nature 6574, fonction 923",
    "chapitre 65",
    "\n",
    "\n\n",
    "\u{c}",
    " ",
    ", ",
    ". ",
    ";",
    ":",
    "é",
    "’",
    "«",
    "»",
    "(",
    ")",
    "1",
    "000",
    ",",
    ".",
    "Mme",
    "M.",
    "\u{a0}",
    "ﬁ",
    "Ouï le rapport",
    "Certifié conforme",
];

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(PIECES).prop_map(str::to_string),
            1 => any::<String>(),
            1 => "[a-zA-Zéèà0-9 ,.;:€%°\n-]{0,20}",
        ],
        0..60,
    )
    .prop_map(|v| v.concat())
}

fn in_bounds(src: &Source, span: &Span) -> bool {
    let Some(page) = src.page_text(span.page) else {
        return false;
    };
    span.start <= span.end
        && span.end <= page.len()
        && page.is_char_boundary(span.start)
        && page.is_char_boundary(span.end)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn parse_never_panics_and_spans_are_in_bounds(doc in document()) {
        let src = normalize(&read_text(doc.as_bytes()));
        let recs = parse_document(&src, SourceInfo::default());
        prop_assert!(!recs.is_empty());
        for rec in &recs {
            for c in &rec.citations {
                prop_assert!(in_bounds(&src, &c.span), "citation {:?}", c);
            }
            for a in &rec.amounts {
                prop_assert!(in_bounds(&src, &a.span), "amount {:?}", a);
                prop_assert!(a.value.contains('.'));
            }
            for d in &rec.diagnostics {
                if let Some(s) = &d.span {
                    prop_assert!(in_bounds(&src, s), "diagnostic {:?}", d);
                }
            }
        }
    }

    #[test]
    fn any_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let src = normalize(&read_text(&bytes));
        let _ = parse_document(&src, SourceInfo::default());
    }
}
