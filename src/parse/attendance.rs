//! The attendance part of a deliberation (grammar/deliberation.ebnf, `attendance`).

use super::Ctx;
use crate::model::Record;

/// Reads the attendance part of the deliberation in `cx` into `rec`.
pub fn read(cx: &mut Ctx, rec: &mut Record) {
    let _ = (cx, rec);
}
