//! The budget part of a deliberation (grammar/deliberation.ebnf, `budget`).

use super::Ctx;
use crate::model::Record;

/// Reads the budget part of the deliberation in `cx` into `rec`.
pub fn read(cx: &mut Ctx, rec: &mut Record) {
    let _ = (cx, rec);
}
