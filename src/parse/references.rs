//! The references part of a deliberation (grammar/deliberation.ebnf, `references`).

use super::Ctx;
use crate::model::Record;

/// Reads the references part of the deliberation in `cx` into `rec`.
pub fn read(cx: &mut Ctx, rec: &mut Record) {
    let _ = (cx, rec);
}
