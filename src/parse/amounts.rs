//! The amounts part of a deliberation (grammar/deliberation.ebnf, `amounts`).

use super::Ctx;
use crate::model::Record;

/// Reads the amounts part of the deliberation in `cx` into `rec`.
pub fn read(cx: &mut Ctx, rec: &mut Record) {
    let _ = (cx, rec);
}
