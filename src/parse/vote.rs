//! The vote part of a deliberation (grammar/deliberation.ebnf, `vote`).

use super::Ctx;
use crate::model::Record;

/// Reads the vote part of the deliberation in `cx` into `rec`.
pub fn read(cx: &mut Ctx, rec: &mut Record) {
    let _ = (cx, rec);
}
