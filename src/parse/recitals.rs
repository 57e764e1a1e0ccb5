//! The considérants of a deliberation (grammar/deliberation.ebnf,
//! `recitals`): each "Considérant que …" clause, or each bullet after a bare
//! "Considérant" heading ("• Que …", AMP seed), as one recital string.
//!
//! The clauses are found by the scanner shared with the visas
//! ([`super::visas`]).

use std::ops::Range;

use super::lexicon::class;
use super::visas::{clause_text, clauses, ClauseRules, MAX_CLAUSE};
use super::Ctx;
use crate::model::Record;

/// Reads every considérant of the deliberation in `cx` into `rec.recitals`.
pub fn read(cx: &mut Ctx, rec: &mut Record) {
    for r in find_recitals(cx.text) {
        let text = clause_text(&cx.text[r.clone()]);
        if text.is_empty() {
            continue;
        }
        if r.len() >= MAX_CLAUSE {
            rec.diagnostics.push(cx.warning(
                "recitals.too_long",
                "a considérant runs on for more than 3000 bytes; it was cut there",
                r.start,
                r.end,
            ));
        }
        rec.recitals.push(text);
    }
}

/// The byte ranges of the considérants in `text`, each without its lead
/// word.
///
/// Rule: `recitals = { recital } ; recital = "Considérant" , ( clause |
/// bullet , { bullet } )`; a clause ends at its sentence's end, at a line
/// ending in `;` or `.`, at a blank line, at the next section, or at a
/// `recitals.stop` phrase ("il est proposé").
///
/// ```
/// use delib::parse::recitals::find_recitals;
/// let t = "Considérant que l'OCDE peut accompagner les gouvernances ;\nConsidérant que la Métropole souhaite contribuer ;\nDélibère";
/// assert_eq!(find_recitals(t).len(), 2);
/// ```
pub fn find_recitals(text: &str) -> Vec<Range<usize>> {
    // The dispositif reader asks again for the text the recitals reader
    // read, when it has no articles: the last answer is kept.
    thread_local! {
        static LAST: super::memo::Last<Vec<Range<usize>>> = const { std::cell::RefCell::new(None) };
    }
    super::memo::remembered(&LAST, text, read_recitals)
}

/// [`find_recitals`] without the memory of the last text.
fn read_recitals(text: &str) -> Vec<Range<usize>> {
    let rules = ClauseRules {
        lead: class("recitals.considerant"),
        openers: &[class("visas.vu"), class("recitals.considerant")],
        line_stops: &[class("visas.stop"), class("decision.enacting")],
        inline_stops: &[class("recitals.stop")],
    };
    clauses(text, &rules)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<String> {
        find_recitals(t)
            .into_iter()
            .map(|r| clause_text(&t[r]))
            .collect()
    }

    #[test]
    fn bare_heading_then_bullets() {
        let t = "Entendues les conclusions,\n\nConsidérant\n\n• Que l'OCDE peut accompagner les gouvernances tournée\nvers l'avenir ;\n\n• Que l'OCDE a mené une analyse en 2013 ;\n• Qu'à cet effet, il convient d'approuver l'accord.\n\nDélibère\n";
        assert_eq!(
            texts(t),
            [
                "Que l'OCDE peut accompagner les gouvernances tournée vers l'avenir",
                "Que l'OCDE a mené une analyse en 2013",
                "Qu'à cet effet, il convient d'approuver l'accord",
            ]
        );
    }

    #[test]
    fn recital_in_the_expose() {
        let t = "Déficit 2 098\n\nConsidérant que les objectifs poursuivis s'inscrivent\npleinement dans la politique culturelle il est proposé\nd'attribuer une subvention de 20 000 €.\n\nTableau";
        assert_eq!(
            texts(t),
            ["que les objectifs poursuivis s'inscrivent pleinement dans la politique culturelle"]
        );
    }

    #[test]
    fn run_on_recitals() {
        let t = "Vu le CGCT, Considérant que le budget n'a pas été adopté, Considérant l'urgence, DECIDE : d'autoriser";
        assert_eq!(texts(t), ["que le budget n'a pas été adopté", "l'urgence"]);
    }

    #[test]
    fn run_on_recital_ends_before_its_proposal_and_the_rapporteur() {
        let t = "CONSIDERANT que le projet entre dans le cadre des opérations attendues ; qu'il est proposé de déposer un dossier ; CONSIDERANT que la Ville doit désigner un membre, Le rapporteur entendu, DECIDE : de désigner";
        assert_eq!(
            texts(t),
            [
                "que le projet entre dans le cadre des opérations attendues",
                "que la Ville doit désigner un membre",
            ]
        );
    }

    #[test]
    fn lexicon_examples_parse_with_their_rule() {
        for ex in &class("recitals.considerant").examples {
            if ex.len() > "Considérant".len() {
                assert_eq!(find_recitals(ex).len(), 1, "{ex:?}");
            }
        }
    }
}
