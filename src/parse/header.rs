//! The header part of a deliberation (grammar/deliberation.ebnf, `header`).

use super::Ctx;
use crate::model::Record;

/// Reads the header part of the deliberation in `cx` into `rec`.
pub fn read(cx: &mut Ctx, rec: &mut Record) {
    let _ = (cx, rec);
}
