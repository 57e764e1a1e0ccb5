//! The content-stream interpreter: one page's content stream (and the forms
//! it draws) in, positioned glyphs and the share of the page covered by
//! images out, in one pass.
//!
//! It follows the text and graphics state that text positions depend on
//! (`q`/`Q`/`cm`, the text operators, Form XObjects with their `/Matrix`)
//! and nothing else: no colours, no paths, and image data is never
//! decompressed (an image's placement is all a scan test needs).

use std::rc::Rc;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::content::{Lexer, Operand};
use super::font::{stream_bytes, Font, FontCache};
use super::layout::Glyph;

/// What interpreting a page found.
#[derive(Debug, Default)]
pub(super) struct PageContent {
    /// Horizontal glyphs, in drawing order.
    pub(super) glyphs: Vec<Glyph>,
    /// Glyphs drawn at an angle (margin stamps, table headers), with the
    /// angle in degrees, in their own rotated frame.
    pub(super) rotated: Vec<(i32, Glyph)>,
    /// Share of the page's area (0 to 1) covered by images.
    pub(super) image_cover: f64,
    /// Form XObjects not drawn because they draw themselves (a cycle) or
    /// nest too deep.
    pub(super) forms_skipped: usize,
}

/// How deep forms may nest.
const MAX_FORM_DEPTH: usize = 16;

/// Interprets the page `page_id`.
pub(super) fn interpret_page(
    doc: &Document,
    page_id: ObjectId,
    fonts: &mut FontCache,
) -> PageContent {
    let media = media_box(doc, page_id).unwrap_or([0.0, 0.0, 612.0, 792.0]);
    let resources = page_resources(doc, page_id);
    let content = doc.get_page_content(page_id).unwrap_or_default();
    let mut run = Interpreter {
        doc,
        fonts,
        // The collector turns `y` upside down from the top of the media box
        // as written (pdf-extract's convention, kept so that positions do not
        // change).
        top: media[3].max(media[1]),
        media: normalized(media),
        out: PageContent::default(),
        pending_space: false,
        covered: 0.0,
        open_forms: Vec::new(),
    };
    run.stream(&content, resources, GraphicsState::default());
    let m = run.media;
    let area = (m[2] - m[0]) * (m[3] - m[1]);
    let mut out = run.out;
    out.image_cover = if area > 1.0 {
        (run.covered / area).min(1.0)
    } else {
        0.0
    };
    out
}

/// A 2-D affine matrix `[a b c d e f]` as in PDF.
pub(super) type Matrix = [f64; 6];

/// The identity matrix.
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m` then `n` (PDF order: `m × n`).
pub(super) fn concat(m: Matrix, n: Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

/// The graphics state, text state included (`q` saves the text matrix too,
/// as pdf-extract did).
#[derive(Clone)]
struct GraphicsState {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    font_size: f64,
    char_spacing: f64,
    word_spacing: f64,
    /// `Tz` / 100.
    horizontal_scaling: f64,
    leading: f64,
    rise: f64,
    tm: Matrix,
}

impl Default for GraphicsState {
    fn default() -> GraphicsState {
        GraphicsState {
            ctm: IDENTITY,
            font: None,
            // Text shown before any `Tf` gets the collector's default size.
            font_size: f64::NAN,
            char_spacing: 0.0,
            word_spacing: 0.0,
            horizontal_scaling: 1.0,
            leading: 0.0,
            rise: 0.0,
            tm: IDENTITY,
        }
    }
}

struct Interpreter<'a, 'f> {
    doc: &'a Document,
    fonts: &'f mut FontCache,
    top: f64,
    media: [f64; 4],
    out: PageContent,
    /// A space glyph was drawn since the last visible glyph.
    pending_space: bool,
    /// Area covered by images, in square points.
    covered: f64,
    /// The forms being drawn, innermost last, to refuse a cycle.
    open_forms: Vec<ObjectId>,
}

impl<'a> Interpreter<'a, '_> {
    /// Runs one content stream with `resources`, starting from `gs`.
    fn stream(&mut self, content: &[u8], resources: Option<&'a Dictionary>, mut gs: GraphicsState) {
        let mut lexer = Lexer::new(content);
        let mut stack: Vec<GraphicsState> = Vec::new();
        let mut tlm = IDENTITY;
        while let Some(op) = lexer.next_operator() {
            let ops = &lexer.operands;
            match op {
                b"BT" | b"ET" => {
                    tlm = IDENTITY;
                    gs.tm = tlm;
                }
                b"q" => stack.push(gs.clone()),
                b"Q" => {
                    if let Some(saved) = stack.pop() {
                        gs = saved;
                    }
                }
                b"cm" => {
                    if let Some(m) = numbers::<6>(ops) {
                        gs.ctm = concat(m, gs.ctm);
                    }
                }
                b"Tc" => set(&mut gs.char_spacing, ops),
                b"Tw" => set(&mut gs.word_spacing, ops),
                b"TL" => set(&mut gs.leading, ops),
                b"Ts" => set(&mut gs.rise, ops),
                b"Tz" => {
                    if let Some([z]) = numbers::<1>(ops) {
                        gs.horizontal_scaling = z / 100.0;
                    }
                }
                b"Tf" => {
                    if let (Some(Operand::Name(name)), Some(&Operand::Number(size))) =
                        (ops.first(), ops.get(1))
                    {
                        gs.font = self.font(resources, lexer.get(*name));
                        gs.font_size = size;
                    }
                }
                b"Tm" => {
                    if let Some(m) = numbers::<6>(ops) {
                        tlm = m;
                        gs.tm = tlm;
                    }
                }
                b"Td" | b"TD" => {
                    if let Some([tx, ty]) = numbers::<2>(ops) {
                        if op == b"TD" {
                            gs.leading = -ty;
                        }
                        tlm = concat([1.0, 0.0, 0.0, 1.0, tx, ty], tlm);
                        gs.tm = tlm;
                    }
                }
                b"T*" => {
                    tlm = concat([1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], tlm);
                    gs.tm = tlm;
                }
                b"Tj" | b"'" | b"\"" => {
                    if op == b"\"" {
                        if let Some([aw, ac]) = numbers::<2>(ops) {
                            gs.word_spacing = aw;
                            gs.char_spacing = ac;
                        }
                    }
                    if op != b"Tj" {
                        tlm = concat([1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], tlm);
                        gs.tm = tlm;
                    }
                    if let Some(Operand::Str(s)) =
                        ops.iter().rev().find(|o| matches!(o, Operand::Str(_)))
                    {
                        self.show(&mut gs, lexer.get(*s));
                    }
                }
                b"TJ" => {
                    for o in ops {
                        match *o {
                            Operand::Str(s) => self.show(&mut gs, lexer.get(s)),
                            Operand::Number(n) => {
                                let tx = gs.horizontal_scaling * (-n / 1000.0 * gs.font_size);
                                gs.tm = concat([1.0, 0.0, 0.0, 1.0, tx, 0.0], gs.tm);
                            }
                            _ => {}
                        }
                    }
                }
                b"Do" => {
                    if let Some(Operand::Name(name)) = ops.first() {
                        self.xobject(lexer.get(*name), resources, &gs);
                    }
                }
                _ => {}
            }
        }
    }

    /// The font a `Tf` names, from the resources.
    fn font(&mut self, resources: Option<&'a Dictionary>, name: &[u8]) -> Option<Rc<Font>> {
        let doc = self.doc;
        let fonts = resources
            .and_then(|r| r.get(b"Font").ok())
            .and_then(|o| deref(doc, o).as_dict().ok())?;
        self.fonts.get(doc, fonts.get(name).ok()?)
    }

    /// Shows a string with the current font, glyph by glyph.
    fn show(&mut self, gs: &mut GraphicsState, mut bytes: &[u8]) {
        let Some(font) = gs.font.clone() else {
            return;
        };
        let hs = gs.horizontal_scaling;
        let tsm = [hs, 0.0, 0.0, 1.0, 0.0, gs.rise];
        while let Some(code) = font.next_code(bytes) {
            bytes = &bytes[code.len as usize..];
            let trm = concat(tsm, concat(gs.tm, gs.ctm));
            let w0 = font.width(code.code) / 1000.0;
            let mut spacing = gs.char_spacing;
            // Word spacing applies to the single-byte code 32 only.
            if code.code == 32 && code.len == 1 {
                spacing += gs.word_spacing;
            }
            self.glyph(trm, w0, gs.font_size, font.text(code.code));
            let tx = hs * (w0 * gs.font_size + spacing);
            gs.tm = concat([1.0, 0.0, 0.0, 1.0, tx, 0.0], gs.tm);
        }
    }

    /// Records one glyph drawn with text rendering matrix `m`.
    fn glyph(&mut self, m: Matrix, width: f64, font_size: f64, text: &str) {
        if text.trim().is_empty() {
            self.pending_space |= !text.is_empty();
            return;
        }
        let (x, y) = (m[4], m[5]);
        if !x.is_finite() || !y.is_finite() {
            return;
        }
        let scale = (m[0] * m[3] - m[1] * m[2]).abs().sqrt();
        let size = font_size.abs() * scale;
        // A NaN size means text shown before any `Tf`; 10 pt is a sane guess.
        let size = if size.is_finite() && size > 0.01 {
            size
        } else {
            10.0
        };
        // Advance along the text direction, whatever the rotation.
        let advance = width * font_size.abs() * m[0].hypot(m[1]);
        let advance = if advance.is_finite() && advance > 0.0 {
            advance
        } else {
            0.5 * size
        };
        let horizontal = m[0] > 0.0 && m[1].abs() <= 0.1 * m[0];
        let seq = self.out.glyphs.len() + self.out.rotated.len();
        let space_before = std::mem::take(&mut self.pending_space);
        if horizontal {
            self.out.glyphs.push(Glyph {
                x,
                baseline: self.top - y,
                advance,
                size,
                text: text.to_string(),
                space_before,
                seq,
            });
        } else {
            // Rotated text (a vertical stamp in the margin, table headers
            // set at 90°) is laid out in its own frame: rotate the page by
            // the text's angle so that it reads left to right.
            let angle = m[1].atan2(m[0]);
            let (sin, cos) = angle.sin_cos();
            let degrees = angle.to_degrees().round() as i32;
            self.out.rotated.push((
                degrees,
                Glyph {
                    x: x * cos + y * sin,
                    baseline: x * sin - y * cos,
                    advance,
                    size,
                    text: text.to_string(),
                    space_before,
                    seq,
                },
            ));
        }
    }

    /// `/name Do`: an image adds to the covered area; a form is drawn.
    fn xobject(&mut self, name: &[u8], resources: Option<&'a Dictionary>, gs: &GraphicsState) {
        let doc = self.doc;
        let Some(entry) = resources
            .and_then(|r| r.get(b"XObject").ok())
            .and_then(|o| deref(doc, o).as_dict().ok())
            .and_then(|x| x.get(name).ok())
        else {
            return;
        };
        let form_id = entry.as_reference().ok();
        let Ok(stream) = deref(doc, entry).as_stream() else {
            return;
        };
        match stream.dict.get(b"Subtype").and_then(Object::as_name) {
            Ok(b"Image") => self.covered += self.clipped_area(gs.ctm),
            Ok(b"Form") => {
                if self.open_forms.len() >= MAX_FORM_DEPTH
                    || form_id.is_some_and(|id| self.open_forms.contains(&id))
                {
                    self.out.forms_skipped += 1;
                    return;
                }
                let matrix = stream
                    .dict
                    .get(b"Matrix")
                    .and_then(Object::as_array)
                    .ok()
                    .and_then(|a| matrix_of(doc, a))
                    .unwrap_or(IDENTITY);
                let form_resources = stream
                    .dict
                    .get(b"Resources")
                    .ok()
                    .and_then(|o| deref(doc, o).as_dict().ok())
                    .or(resources);
                let content = stream_bytes(stream);
                let mut inner = gs.clone();
                inner.ctm = concat(matrix, gs.ctm);
                // A form without an object number cannot draw itself.
                self.open_forms.push(form_id.unwrap_or((0, 0)));
                self.stream(&content, form_resources, inner);
                self.open_forms.pop();
            }
            _ => {}
        }
    }

    /// Area of the unit square under `ctm`, clipped to the media box.
    fn clipped_area(&self, m: Matrix) -> f64 {
        let corners = [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)];
        let xs = corners.map(|(u, v)| m[0] * u + m[2] * v + m[4]);
        let ys = corners.map(|(u, v)| m[1] * u + m[3] * v + m[5]);
        let fold = |v: [f64; 4], f: fn(f64, f64) -> f64| v.into_iter().reduce(f).unwrap_or(0.0);
        let x0 = fold(xs, f64::min).max(self.media[0]);
        let x1 = fold(xs, f64::max).min(self.media[2]);
        let y0 = fold(ys, f64::min).max(self.media[1]);
        let y1 = fold(ys, f64::max).min(self.media[3]);
        let area = (x1 - x0).max(0.0) * (y1 - y0).max(0.0);
        if area.is_finite() {
            area
        } else {
            0.0
        }
    }
}

/// Sets `slot` from a one-number operator.
fn set(slot: &mut f64, ops: &[Operand]) {
    if let Some([v]) = numbers::<1>(ops) {
        *slot = v;
    }
}

/// The first `N` operands, when they are all numbers.
fn numbers<const N: usize>(ops: &[Operand]) -> Option<[f64; N]> {
    let mut out = [0.0; N];
    for (slot, o) in out.iter_mut().zip(ops.get(..N)?) {
        match o {
            Operand::Number(n) => *slot = *n,
            _ => return None,
        }
    }
    Some(out)
}

/// Six numbers of a PDF array as a matrix.
fn matrix_of(doc: &Document, array: &[Object]) -> Option<Matrix> {
    if array.len() != 6 {
        return None;
    }
    let mut m = [0.0; 6];
    for (slot, o) in m.iter_mut().zip(array) {
        *slot = number(deref(doc, o))?;
    }
    Some(m)
}

/// A number (integer or real).
fn number(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

/// Follows one reference.
fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(o),
        _ => o,
    }
}

/// A page attribute, inherited through the page tree (a few levels).
fn inherited<'a>(doc: &'a Document, page_id: ObjectId, key: &[u8]) -> Option<&'a Object> {
    let mut dict = doc.get_dictionary(page_id).ok()?;
    for _ in 0..32 {
        if let Ok(value) = dict.get(key) {
            return Some(deref(doc, value));
        }
        dict = deref(doc, dict.get(b"Parent").ok()?).as_dict().ok()?;
    }
    None
}

/// The page's media box `[llx lly urx ury]` as written.
fn media_box(doc: &Document, page_id: ObjectId) -> Option<[f64; 4]> {
    let array = inherited(doc, page_id, b"MediaBox")?.as_array().ok()?;
    if array.len() != 4 {
        return None;
    }
    let mut b = [0.0; 4];
    for (slot, o) in b.iter_mut().zip(array) {
        *slot = number(deref(doc, o))?;
    }
    Some(b)
}

/// A box with its corners put in order.
fn normalized(b: [f64; 4]) -> [f64; 4] {
    [
        b[0].min(b[2]),
        b[1].min(b[3]),
        b[0].max(b[2]),
        b[1].max(b[3]),
    ]
}

/// The page's resource dictionary, inherited.
fn page_resources(doc: &Document, page_id: ObjectId) -> Option<&Dictionary> {
    inherited(doc, page_id, b"Resources")?.as_dict().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concat_applies_left_matrix_first() {
        let scale = [2.0, 0.0, 0.0, 2.0, 0.0, 0.0];
        let shift = [1.0, 0.0, 0.0, 1.0, 10.0, 0.0];
        // Scale then shift: the point (1, 0) goes to (12, 0).
        let m = concat(scale, shift);
        assert_eq!(m[0] * 1.0 + m[4], 12.0);
    }

    #[test]
    fn only_numbers_count_as_numbers() {
        assert_eq!(
            numbers::<2>(&[Operand::Number(1.0), Operand::Number(2.0)]),
            Some([1.0, 2.0])
        );
        assert_eq!(numbers::<2>(&[Operand::Number(1.0)]), None);
        assert_eq!(numbers::<1>(&[Operand::Other]), None);
    }
}
