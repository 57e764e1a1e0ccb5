//! A light walk over a page's content stream that tracks the CTM: where
//! Form XObjects are drawn (pdf-extract loses their placement) and how much
//! of the page images cover (to tell a scan).

use lopdf::{Dictionary, Document, Object, ObjectId};

/// What a walk over a page's content stream finds.
#[derive(Default)]
pub(super) struct PageWalk {
    /// Full CTM (form `/Matrix` included) of every Form XObject invocation,
    /// in the depth-first order pdf-extract draws them.
    pub(super) forms: Vec<Matrix>,
    /// Share of the page's area (0 to 1) covered by images.
    pub(super) image_cover: f64,
}

/// Walks a page's content stream tracking the CTM through `q`/`Q`/`cm`,
/// recording Form XObject invocations and summing the bounding boxes of
/// images placed by `Do`. Forms are followed a few levels deep and never
/// into themselves, so a self-referencing form cannot loop here.
pub(super) fn walk_page(doc: &Document, page_id: ObjectId) -> PageWalk {
    let Ok(content) = doc.get_page_content(page_id) else {
        return PageWalk::default();
    };
    let media = media_box(doc, page_id).unwrap_or([0.0, 0.0, 0.0, 0.0]);
    let resources = page_resources(doc, page_id);
    let mut walk = ImageWalk {
        doc,
        media,
        covered: 0.0,
        forms: Vec::new(),
        open_forms: Vec::new(),
    };
    walk.stream(&content, resources, IDENTITY, 0);
    let page_area = (media[2] - media[0]) * (media[3] - media[1]);
    let image_cover = if page_area > 1.0 {
        (walk.covered / page_area).min(1.0)
    } else {
        0.0
    };
    PageWalk {
        forms: walk.forms,
        image_cover,
    }
}

/// A 2-D affine matrix `[a b c d e f]` as in PDF.
pub(super) type Matrix = [f64; 6];

/// The identity matrix.
pub(super) const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

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

/// State of [`walk_page`].
struct ImageWalk<'a> {
    doc: &'a Document,
    media: [f64; 4],
    covered: f64,
    forms: Vec<Matrix>,
    /// The forms being walked, innermost last, to refuse a cycle.
    open_forms: Vec<ObjectId>,
}

impl ImageWalk<'_> {
    /// Walks one content stream drawn with `ctm`.
    fn stream(&mut self, content: &[u8], resources: Option<&Dictionary>, ctm: Matrix, depth: u32) {
        let Ok(content) = lopdf::content::Content::decode(content) else {
            return;
        };
        let mut stack = Vec::new();
        let mut ctm = ctm;
        for op in &content.operations {
            match op.operator.as_str() {
                "q" => stack.push(ctm),
                "Q" => ctm = stack.pop().unwrap_or(ctm),
                "cm" => {
                    if let Some(m) = matrix_of(&op.operands) {
                        ctm = concat(m, ctm);
                    }
                }
                "Do" => {
                    if let Some(name) = op.operands.first().and_then(|o| o.as_name().ok()) {
                        self.xobject(name, resources, ctm, depth);
                    }
                }
                _ => {}
            }
        }
    }

    /// Handles `/name Do`.
    fn xobject(&mut self, name: &[u8], resources: Option<&Dictionary>, ctm: Matrix, depth: u32) {
        let doc = self.doc;
        let Some(xobjects) = resources
            .and_then(|r| r.get(b"XObject").ok())
            .and_then(|o| deref_dict(doc, o))
        else {
            return;
        };
        let Ok(entry) = xobjects.get(name) else {
            return;
        };
        let form_id = entry.as_reference().ok();
        let Ok((_, object)) = doc.dereference(entry) else {
            return;
        };
        let Ok(stream) = object.as_stream() else {
            return;
        };
        let subtype = stream.dict.get(b"Subtype").and_then(Object::as_name);
        match subtype {
            Ok(b"Image") => self.covered += self.clipped_area(ctm),
            Ok(b"Form") => {
                let matrix = stream
                    .dict
                    .get(b"Matrix")
                    .and_then(Object::as_array)
                    .ok()
                    .and_then(|a| matrix_of(a))
                    .unwrap_or(IDENTITY);
                let full = concat(matrix, ctm);
                self.forms.push(full);
                if depth >= 16 || form_id.is_some_and(|id| self.open_forms.contains(&id)) {
                    return;
                }
                let form_resources = stream
                    .dict
                    .get(b"Resources")
                    .ok()
                    .and_then(|o| deref_dict(doc, o))
                    .or(resources);
                if let Ok(content) = stream.get_plain_content() {
                    self.open_forms.extend(form_id);
                    self.stream(&content, form_resources, full, depth + 1);
                    if form_id.is_some() {
                        self.open_forms.pop();
                    }
                }
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

/// Six numbers as a matrix.
fn matrix_of(operands: &[Object]) -> Option<Matrix> {
    if operands.len() != 6 {
        return None;
    }
    let mut m = [0.0; 6];
    for (slot, o) in m.iter_mut().zip(operands) {
        *slot = f64::from(o.as_float().ok()?);
    }
    Some(m)
}

/// A dictionary, following one reference.
fn deref_dict<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Dictionary> {
    doc.dereference(object).ok()?.1.as_dict().ok()
}

/// A page attribute, inherited through the page tree (a few levels).
fn inherited<'a>(doc: &'a Document, page_id: ObjectId, key: &[u8]) -> Option<&'a Object> {
    let mut dict = doc.get_dictionary(page_id).ok()?;
    for _ in 0..32 {
        if let Ok(value) = dict.get(key) {
            return Some(value);
        }
        dict = deref_dict(doc, dict.get(b"Parent").ok()?)?;
    }
    None
}

/// The page's media box `[llx lly urx ury]`, normalized.
fn media_box(doc: &Document, page_id: ObjectId) -> Option<[f64; 4]> {
    let array = doc
        .dereference(inherited(doc, page_id, b"MediaBox")?)
        .ok()?
        .1
        .as_array()
        .ok()?;
    if array.len() != 4 {
        return None;
    }
    let mut b = [0.0; 4];
    for (slot, o) in b.iter_mut().zip(array) {
        *slot = f64::from(doc.dereference(o).ok()?.1.as_float().ok()?);
    }
    Some([
        b[0].min(b[2]),
        b[1].min(b[3]),
        b[0].max(b[2]),
        b[1].max(b[3]),
    ])
}

/// The page's resource dictionary, inherited.
fn page_resources(doc: &Document, page_id: ObjectId) -> Option<&Dictionary> {
    deref_dict(doc, inherited(doc, page_id, b"Resources")?)
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
}
