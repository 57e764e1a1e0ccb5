//! Rewrites applied to a loaded document before pdf-extract reads it, each
//! working around a pdf-extract or lopdf shortcoming seen on the corpus.

use std::collections::HashSet;

use lopdf::{Document, Object, ObjectId};

/// Prepares the document for pdf-extract; returns whether it has forms.
///
/// Images: pdf-extract treats an image XObject like a form and parses its
/// pixels as a content stream: slow on scans (it inflates every image), and
/// a source of panics. Text never lives in an image, so their streams are
/// emptied; their dictionaries stay, so [`super::walk::walk_page`] still sees them.
///
/// Forms: pdf-extract draws a Form XObject with a fresh identity CTM and
/// ignores its `/Matrix`, so text inside a form (the @ctes receipt stamp
/// of the Montpellier extracts) lands at the wrong place. Each form's
/// content is wrapped in two invisible marker strokes; [`super::GlyphCollector`]
/// sees them and moves the form's glyphs by the CTM [`super::walk::walk_page`] computed.
///
/// Content streams of pages and forms go through [`clean_content`].
pub(super) fn prepare(doc: &mut Document) -> bool {
    let mut has_forms = false;
    let page_contents: HashSet<ObjectId> = doc
        .get_pages()
        .values()
        .flat_map(|&id| doc.get_page_contents(id))
        .collect();
    for (id, object) in doc.objects.iter_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if page_contents.contains(id) {
            if let Ok(content) = stream.get_plain_content() {
                if let Some(clean) = clean_content(&content) {
                    stream.set_plain_content(clean);
                }
            }
            continue;
        }
        let subtype = stream.dict.get(b"Subtype").and_then(Object::as_name);
        match subtype {
            Ok(b"Image") => stream.set_plain_content(Vec::new()),
            Ok(b"Form") => {
                let Ok(content) = stream.get_plain_content() else {
                    continue;
                };
                let content = clean_content(&content).unwrap_or(content);
                let mut marked = Vec::with_capacity(content.len() + 64);
                marked.extend_from_slice(FORM_BEGIN);
                marked.extend_from_slice(&content);
                marked.extend_from_slice(FORM_END);
                stream.set_plain_content(marked);
                has_forms = true;
            }
            _ => {}
        }
    }
    has_forms
}

/// Rewrites the `/W` width arrays of CID fonts into the `cid [w …]` form.
///
/// pdf-extract misreads the `first last w` form (it takes `first` for all
/// three), so every glyph of such a font gets a wrong advance and words
/// run into each other ("dè’maedcjloaisnstes"). Microsoft Print to PDF
/// writes only that form (pierrefonds/compte-rendu-26-04-2018.pdf).
pub(super) fn fix_cid_widths(doc: &mut Document) {
    // (object, index in its /DescendantFonts when the CID font is inline)
    let mut changes: Vec<(ObjectId, Option<usize>, Vec<Object>)> = Vec::new();
    for (&id, object) in &doc.objects {
        let Ok(dict) = object.as_dict() else {
            continue;
        };
        if let Some(w) = dict.get(b"W").ok().and_then(|w| expanded_widths(doc, w)) {
            changes.push((id, None, w));
        }
        let descendants = dict
            .get(b"DescendantFonts")
            .ok()
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_array().ok());
        for (i, font) in descendants.into_iter().flatten().enumerate() {
            if let Ok(inline) = font.as_dict() {
                if let Some(w) = inline.get(b"W").ok().and_then(|w| expanded_widths(doc, w)) {
                    changes.push((id, Some(i), w));
                }
            }
        }
    }
    for (id, inline, widths) in changes {
        let Ok(dict) = doc.get_dictionary_mut(id) else {
            continue;
        };
        let target = match inline {
            None => Some(dict),
            Some(i) => match dict.get_mut(b"DescendantFonts") {
                Ok(Object::Array(fonts)) => fonts.get_mut(i).and_then(|f| f.as_dict_mut().ok()),
                _ => None,
            },
        };
        if let Some(dict) = target {
            dict.set("W", Object::Array(widths));
        }
    }
}

/// A `/W` array with every `first last w` run spelled out as
/// `first [w w …]`; `None` when it has no such run.
fn expanded_widths(doc: &Document, w: &Object) -> Option<Vec<Object>> {
    let items = doc.dereference(w).ok()?.1.as_array().ok()?;
    let num = |o: &Object| -> Option<f64> {
        let o = doc.dereference(o).ok()?.1;
        o.as_float()
            .ok()
            .map(f64::from)
            .or_else(|| o.as_i64().ok().map(|i| i as f64))
    };
    let mut out = Vec::with_capacity(items.len());
    let mut changed = false;
    let mut i = 0;
    while i + 1 < items.len() {
        let first = num(&items[i])?;
        let next = doc.dereference(&items[i + 1]).ok()?.1;
        if let Ok(list) = next.as_array() {
            out.push(Object::Integer(first as i64));
            out.push(Object::Array(
                list.iter()
                    .map(|o| Object::Real(num(o).unwrap_or(0.0) as f32))
                    .collect(),
            ));
            i += 2;
        } else {
            let last = num(next)?;
            let width = num(items.get(i + 2)?)?;
            // A range bigger than the CID space is damage; do not let it
            // allocate without bound.
            let count = (last - first + 1.0).clamp(0.0, 65536.0) as usize;
            out.push(Object::Integer(first as i64));
            out.push(Object::Array(vec![Object::Real(width as f32); count]));
            changed = true;
            i += 3;
        }
    }
    changed.then_some(out)
}

/// A content stream rewritten for pdf-extract, or `None` when it needs no
/// change.
///
/// Comments go: lopdf's content parser gives up silently (zero operations)
/// on some, such as the `% CANON_PFINF_TYPE0_TEXTON` line Canon scanners put
/// before their OCR text layer (pierrefonds/compte-rendu-28-05-2020.pdf).
///
/// The `'` and `"` operators become `T* … Tj`: pdf-extract ignores them,
/// which drops their text and leaves the next lines on the same baseline
/// (Ghostscript output, montpellier/2013-03-25-0000062219.pdf page 2). The
/// word and character spacing operands of `"` are consumed by a no-op
/// operator, a small loss of spacing accuracy. The rewrite is done on bytes:
/// lopdf's re-encoding of a parsed stream does not always parse back
/// (inline images in montpellier/PV_CM_30_03_2009.pdf).
///
/// Knows enough syntax not to take a `%` or a quote inside a string or
/// inline image data for a comment or an operator.
fn clean_content(content: &[u8]) -> Option<Vec<u8>> {
    if !content.contains(&b'%') && !content.contains(&b'\'') && !content.contains(&b'"') {
        return None;
    }
    let mut out = Vec::with_capacity(content.len() + content.len() / 8);
    // The last string token and the whitespace after it, held back until
    // the next token says whether it is the operand of `'` or `"`.
    let mut pending: Vec<u8> = Vec::new();
    let mut changed = false;
    let mut i = 0;
    while i < content.len() {
        let b = content[i];
        match b {
            b'%' => {
                changed = true;
                while i < content.len() && content[i] != b'\n' && content[i] != b'\r' {
                    i += 1;
                }
                pending.push(b'\n');
                continue;
            }
            b'\'' | b'"' => {
                changed = true;
                if b == b'"' {
                    out.extend_from_slice(b" DelibNoOp ");
                }
                out.extend_from_slice(b" T* ");
                out.append(&mut pending);
                out.extend_from_slice(b" Tj ");
                i += 1;
                continue;
            }
            b if b.is_ascii_whitespace() && !pending.is_empty() => {
                pending.push(b);
                i += 1;
                continue;
            }
            _ => {}
        }
        out.append(&mut pending);
        match b {
            b'(' => {
                // A literal string: balanced parentheses, backslash escapes.
                let start = i;
                let mut depth = 0usize;
                while i < content.len() {
                    match content[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                let end = (i + 1).min(content.len());
                pending.extend_from_slice(&content[start..end]);
                i = end;
            }
            b'<' if content.get(i + 1) != Some(&b'<') => {
                // A hex string.
                let end = content[i..]
                    .iter()
                    .position(|&c| c == b'>')
                    .map_or(content.len(), |p| i + p + 1);
                pending.extend_from_slice(&content[i..end]);
                i = end;
            }
            b'<' | b'>' => {
                // Dictionary delimiters `<<` / `>>`, copied whole so that the
                // second `<` is not read as a hex string.
                let end = (i + 2).min(content.len());
                out.extend_from_slice(&content[i..end]);
                i = end;
            }
            b'I' if content.get(i + 1) == Some(&b'D')
                && i > 0
                && content[i - 1].is_ascii_whitespace()
                && content.get(i + 2).is_some_and(u8::is_ascii_whitespace) =>
            {
                // Inline image data runs to `EI` between whitespace.
                let start = i;
                i += 3;
                while i + 2 < content.len()
                    && !(content[i - 1].is_ascii_whitespace()
                        && &content[i..i + 2] == b"EI"
                        && content[i + 2].is_ascii_whitespace())
                {
                    i += 1;
                }
                out.extend_from_slice(&content[start..i]);
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    out.append(&mut pending);
    changed.then_some(out)
}

/// Marker stroke opening a form's content (a lone `moveto` draws nothing).
const FORM_BEGIN: &[u8] = b"-7013.25 1 m S\n";
/// Marker stroke closing a form's content.
const FORM_END: &[u8] = b"\n-7013.25 2 m S\n";
/// The `x` of both markers.
pub(super) const FORM_MARK_X: f64 = -7013.25;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_stripped_outside_strings() {
        let content = b"% scanner tag\n\nBT (taux de 5 %) Tj ET % done\n";
        let clean = clean_content(content).unwrap();
        assert_eq!(clean, b"\n\n\nBT (taux de 5 %) Tj ET \n\n".to_vec());
        assert_eq!(clean_content(b"BT (l'article) Tj ET"), None);
        let ops = lopdf::content::Content::decode(&clean).unwrap().operations;
        assert_eq!(ops.len(), 3);
    }

    #[test]
    fn quote_operators_become_next_line_and_show() {
        let clean = clean_content(b"BT 12 TL (Vu) Tj (le code)' 1 0 <4C27>\" ET").unwrap();
        let ops = lopdf::content::Content::decode(&clean).unwrap().operations;
        let names: Vec<&str> = ops.iter().map(|o| o.operator.as_str()).collect();
        assert_eq!(
            names,
            ["BT", "TL", "Tj", "T*", "Tj", "DelibNoOp", "T*", "Tj", "ET"]
        );
        assert_eq!(ops[4].operands, vec![Object::string_literal("le code")]);
    }
    #[test]
    fn cid_width_ranges_are_spelled_out() {
        let doc = Document::with_version("1.5");
        let w = Object::Array(vec![
            3.into(),
            4.into(),
            250.into(),
            10.into(),
            Object::Array(vec![500.into(), 611.into()]),
        ]);
        let out = expanded_widths(&doc, &w).unwrap();
        assert_eq!(out.len(), 4);
        assert_eq!(out[0], Object::Integer(3));
        assert_eq!(out[1].as_array().unwrap().len(), 2);
        assert_eq!(out[3].as_array().unwrap()[1].as_float().unwrap(), 611.0);
        let plain = Object::Array(vec![10.into(), Object::Array(vec![500.into()])]);
        assert_eq!(expanded_widths(&doc, &plain), None);
    }
}
