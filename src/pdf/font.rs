//! Fonts as text extraction needs them: how a shown string's bytes split
//! into character codes, the text of each code, and its advance width.
//!
//! A [`Font`] is decoded once per font object and document ([`FontCache`]),
//! with every lookup table built up front, so showing a glyph is an index or
//! a hash lookup. (pdf-extract, which this replaces, rebuilt each font on
//! every page — its encoding tables through a binary search per glyph name —
//! and that was a fifth of the extraction time.)
//!
//! The decoding rules are those of pdf-extract 0.12.1 (MIT licence, © Jeff
//! Muizelaar, <https://github.com/jrmuizel/pdf-extract>), whose output the
//! corpus results were built on, with its panics turned into fallbacks:
//! simple fonts read `ToUnicode` first (merged over the built-in encoding of
//! an embedded CFF font), then `/Encoding` (a named encoding, or a base
//! encoding with `/Differences`), then the embedded Type 1 font's encoding;
//! widths come from `/Widths`, else from the metrics of the 14 core fonts.
//! Composite (Type 0) fonts split codes by their CMap's codespace ranges and
//! read text from `ToUnicode` only; their `/W` arrays are read in both forms
//! (`c [w1 w2 …]` and `c_first c_last w`; pdf-extract misread the second,
//! which ran the words of Microsoft Print to PDF output together,
//! pierrefonds/compte-rendu-26-04-2018.pdf).

use std::collections::HashMap;
use std::rc::Rc;

use adobe_cmap_parser::{ByteMapping, CIDRange, CodeRange};
use lopdf::{Dictionary, Document, Object, ObjectId};

use super::clean_glyph_text;
use super::tables::{self, PDF_DOC_ENCODING};

/// A font ready for showing text.
#[derive(Debug)]
pub(super) struct Font {
    kind: Kind,
}

#[derive(Debug)]
enum Kind {
    /// One byte per code (Type 1, TrueType, Type 3).
    Simple {
        /// Cleaned text of each code ([`clean_glyph_text`]).
        text: Vec<Box<str>>,
        /// Width of each code in thousandths of an em, `None` when the font
        /// does not say.
        widths: Vec<Option<f64>>,
        /// Width of a code the font gives none for.
        missing_width: f64,
    },
    /// Multi-byte codes through a CMap (Type 0).
    Composite {
        codespace: Vec<CodeRange>,
        cids: Vec<CIDRange>,
        /// Cleaned text by CID; a CID not here has no text.
        text: HashMap<u32, Box<str>>,
        widths: HashMap<u32, f64>,
        default_width: f64,
    },
}

/// One character code of a shown string.
#[derive(Debug, Clone, Copy)]
pub(super) struct Code {
    /// The code (the CID for a composite font).
    pub(super) code: u32,
    /// How many bytes it took.
    pub(super) len: u8,
}

impl Font {
    /// Decodes the font dictionary `font`.
    pub(super) fn new(doc: &Document, font: &Dictionary) -> Font {
        match name(doc, font, b"Subtype") {
            Some(b"Type0") => composite(doc, font),
            Some(b"Type3") => type3(doc, font),
            _ => simple(doc, font),
        }
    }

    /// The next character code at the start of `bytes`, or `None` at the end
    /// of the string or at a code the font's CMap does not map (the rest of
    /// the string is then dropped, as pdf-extract did).
    pub(super) fn next_code(&self, bytes: &[u8]) -> Option<Code> {
        match &self.kind {
            Kind::Simple { .. } => bytes.first().map(|&b| Code {
                code: u32::from(b),
                len: 1,
            }),
            Kind::Composite {
                codespace, cids, ..
            } => {
                let mut c = u32::from(*bytes.first()?);
                let mut found = None;
                for width in 1..=4u32 {
                    if codespace
                        .iter()
                        .any(|r| r.width == width && c >= r.start && c <= r.end)
                    {
                        found = Some((c, width));
                        break;
                    }
                    let next = *bytes.get(width as usize)?;
                    c = (c << 8) | u32::from(next);
                }
                let (code, width) = found?;
                cids.iter()
                    .find(|r| code >= r.src_code_lo && code <= r.src_code_hi)
                    .map(|r| Code {
                        code: code - r.src_code_lo + r.dst_CID_lo,
                        len: width as u8,
                    })
            }
        }
    }

    /// The cleaned text of a code (possibly empty).
    pub(super) fn text(&self, code: u32) -> &str {
        match &self.kind {
            Kind::Simple { text, .. } => text.get(code as usize).map_or("", |t| t),
            Kind::Composite { text, .. } => text.get(&code).map_or("", |t| t),
        }
    }

    /// The advance of a code, in thousandths of an em.
    pub(super) fn width(&self, code: u32) -> f64 {
        match &self.kind {
            Kind::Simple {
                widths,
                missing_width,
                ..
            } => widths
                .get(code as usize)
                .copied()
                .flatten()
                .unwrap_or(*missing_width),
            Kind::Composite {
                widths,
                default_width,
                ..
            } => widths.get(&code).copied().unwrap_or(*default_width),
        }
    }
}

/// Fonts of one document, decoded once each.
#[derive(Default)]
pub(super) struct FontCache {
    /// By object number; fonts written inline in a resource dictionary (rare)
    /// are keyed by the dictionary's address, stable while the document is
    /// borrowed.
    fonts: HashMap<FontKey, Rc<Font>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum FontKey {
    Object(ObjectId),
    Inline(usize),
}

impl FontCache {
    /// The font that `entry` (a value of a `/Font` resource dictionary)
    /// refers to; `None` when it is not a dictionary.
    pub(super) fn get(&mut self, doc: &Document, entry: &Object) -> Option<Rc<Font>> {
        let (key, dict) = match entry {
            Object::Reference(id) => (FontKey::Object(*id), doc.get_dictionary(*id).ok()?),
            Object::Dictionary(d) => (FontKey::Inline(d as *const Dictionary as usize), d),
            _ => return None,
        };
        Some(
            self.fonts
                .entry(key)
                .or_insert_with(|| Rc::new(Font::new(doc, dict)))
                .clone(),
        )
    }
}

// ---------------------------------------------------------------------------
// Simple fonts

/// A Type 1 or TrueType font.
fn simple(doc: &Document, font: &Dictionary) -> Font {
    let base_name = name(doc, font, b"BaseFont").unwrap_or(b"");
    let subtype = name(doc, font, b"Subtype").unwrap_or(b"");
    let encoding = get(doc, font, b"Encoding");
    let descriptor = get(doc, font, b"FontDescriptor").and_then(|o| o.as_dict().ok());

    // An embedded CFF font's own encoding, as code → text; ToUnicode entries
    // override it.
    let mut unicode_map: Option<HashMap<u32, String>> = descriptor
        .and_then(|d| get(doc, d, b"FontFile3"))
        .and_then(|o| o.as_stream().ok())
        .filter(|s| name_in(doc, &s.dict, b"Subtype") == Some(b"Type1C"))
        .and_then(|s| cff_map(&stream_bytes(s)));
    match (&mut unicode_map, to_unicode(doc, font)) {
        (Some(map), Some(more)) => map.extend(more),
        (None, more) => unicode_map = more,
        (Some(_), None) => {}
    }

    let mut encoding_table: Option<Vec<u16>> = None;
    match encoding {
        Some(Object::Name(n)) => encoding_table = named_encoding(n),
        Some(Object::Dictionary(enc)) => {
            let mut table = name(doc, enc, b"BaseEncoding")
                .and_then(named_encoding)
                .unwrap_or_else(|| PDF_DOC_ENCODING.to_vec());
            if let Some(differences) = get(doc, enc, b"Differences").and_then(|o| o.as_array().ok())
            {
                let mut code: i64 = 0;
                for o in differences {
                    match deref(doc, o) {
                        Object::Integer(i) => code = *i,
                        Object::Name(n) => {
                            let glyph = String::from_utf8_lossy(n);
                            match tables::name_to_unicode(&glyph) {
                                Some(u) => {
                                    if let Some(slot) =
                                        usize::try_from(code).ok().and_then(|c| table.get_mut(c))
                                    {
                                        *slot = u;
                                    }
                                    // A code the ToUnicode map lacks is read
                                    // from its glyph name.
                                    if let Some(map) = &mut unicode_map {
                                        map.entry(code as u32).or_insert_with(|| utf16_unit(u));
                                    }
                                }
                                None => {
                                    // The fontawesome TeX package uses glyph
                                    // names with no Unicode value.
                                    if let Some(map) = &mut unicode_map {
                                        if base_name.windows(11).any(|w| w == b"FontAwesome") {
                                            map.entry(code as u32).or_default();
                                        }
                                    }
                                }
                            }
                            code += 1;
                        }
                        _ => {}
                    }
                }
            }
            encoding_table = Some(table);
        }
        Some(_) => {}
        None => {
            let type1 = (subtype == b"Type1")
                .then(|| descriptor.and_then(|d| get(doc, d, b"FontFile")))
                .flatten()
                .and_then(|o| o.as_stream().ok())
                .and_then(|s| type1_encoding_parser::get_encoding_map(&stream_bytes(s)).ok());
            if let Some(type1) = type1 {
                let mut table = PDF_DOC_ENCODING.to_vec();
                for (code, glyph) in type1 {
                    if let (Some(u), Some(slot)) = (
                        tables::name_to_unicode(&String::from_utf8_lossy(&glyph)),
                        table.get_mut(code as usize),
                    ) {
                        *slot = u;
                    }
                }
                encoding_table = Some(table);
            } else if subtype == b"TrueType" {
                encoding_table = named_encoding(b"WinAnsiEncoding");
            }
        }
    }

    let mut widths: Vec<Option<f64>> = vec![None; 256];
    let first = get(doc, font, b"FirstChar").and_then(|o| o.as_i64().ok());
    let listed = get(doc, font, b"Widths").and_then(|o| o.as_array().ok());
    if let (Some(first), Some(listed), Some(_)) = (first, listed, get(doc, font, b"LastChar")) {
        for (i, w) in listed.iter().enumerate() {
            if let (Some(slot), Some(w)) = (
                usize::try_from(first + i as i64)
                    .ok()
                    .and_then(|c| widths.get_mut(c)),
                number(w),
            ) {
                *slot = Some(w);
            }
        }
    } else {
        core_font_widths(base_name, &mut encoding_table, &mut widths);
    }
    // pdf-extract read /MissingWidth from the font dictionary (it belongs in
    // the descriptor); kept so that advances do not change.
    let missing_width = get(doc, font, b"MissingWidth")
        .and_then(number)
        .unwrap_or(0.0);

    Font {
        kind: Kind::Simple {
            text: simple_text(unicode_map.as_ref(), encoding_table.as_deref()),
            widths,
            missing_width,
        },
    }
}

/// A Type 3 font: like a simple font, but glyphs are drawn by content
/// streams; only its encoding and widths matter here.
fn type3(doc: &Document, font: &Dictionary) -> Font {
    let unicode_map = to_unicode(doc, font);
    let encoding_table = match get(doc, font, b"Encoding") {
        Some(Object::Name(n)) => named_encoding(n),
        Some(Object::Dictionary(enc)) => {
            let mut table = name(doc, enc, b"BaseEncoding")
                .and_then(named_encoding)
                .unwrap_or_else(|| PDF_DOC_ENCODING.to_vec());
            if let Some(differences) = get(doc, enc, b"Differences").and_then(|o| o.as_array().ok())
            {
                let mut code: i64 = 0;
                for o in differences {
                    match o {
                        Object::Integer(i) => code = *i,
                        Object::Name(n) => {
                            if let (Some(u), Some(slot)) = (
                                tables::name_to_unicode(&String::from_utf8_lossy(n)),
                                usize::try_from(code).ok().and_then(|c| table.get_mut(c)),
                            ) {
                                *slot = u;
                            }
                            code += 1;
                        }
                        _ => {}
                    }
                }
            }
            Some(table)
        }
        _ => None,
    };
    let mut widths: Vec<Option<f64>> = vec![None; 256];
    let first = get(doc, font, b"FirstChar")
        .and_then(|o| o.as_i64().ok())
        .unwrap_or(0);
    for (i, w) in get(doc, font, b"Widths")
        .and_then(|o| o.as_array().ok())
        .into_iter()
        .flatten()
        .enumerate()
    {
        if let (Some(slot), Some(w)) = (
            usize::try_from(first + i as i64)
                .ok()
                .and_then(|c| widths.get_mut(c)),
            number(w),
        ) {
            *slot = Some(w);
        }
    }
    Font {
        kind: Kind::Simple {
            text: simple_text(unicode_map.as_ref(), encoding_table.as_deref()),
            widths,
            missing_width: 0.0,
        },
    }
}

/// The cleaned text of each of the 256 codes of a simple font: from the
/// Unicode map, else from the encoding, else from PDFDocEncoding.
fn simple_text(
    unicode_map: Option<&HashMap<u32, String>>,
    encoding: Option<&[u16]>,
) -> Vec<Box<str>> {
    let encoding = encoding.unwrap_or(&PDF_DOC_ENCODING);
    (0..256u32)
        .map(|code| {
            let raw = match unicode_map.and_then(|m| m.get(&code)) {
                Some(s) => s.clone(),
                None => utf16_unit(encoding.get(code as usize).copied().unwrap_or(0)),
            };
            clean_glyph_text(&raw).into_boxed_str()
        })
        .collect()
}

/// Widths (and, when the font has no encoding, the encoding) of one of the
/// 14 core fonts, for a font dictionary without `/Widths`.
///
/// Only an exact core font name is looked up: pdf-extract meant to
/// substitute Helvetica for other fonts but compared the wrong name, so
/// they get no widths (the missing width applies); kept as is.
fn core_font_widths(
    base_name: &[u8],
    encoding_table: &mut Option<Vec<u16>>,
    widths: &mut [Option<f64>],
) {
    let Some((font_name, metrics)) = tables::core_font_metrics(base_name) else {
        return;
    };
    match encoding_table {
        Some(encoding) => {
            for &(_, width, glyph) in metrics {
                let Some(u) = tables::name_to_unicode(glyph) else {
                    continue;
                };
                for (code, &e) in encoding.iter().enumerate() {
                    if e == u {
                        if let Some(slot) = widths.get_mut(code) {
                            *slot = Some(width);
                        }
                    }
                }
            }
        }
        None => {
            let mut table = vec![0u16; 256];
            for &(code, width, glyph) in metrics {
                let Ok(code) = usize::try_from(code) else {
                    continue; // -1: not encoded
                };
                let u = if font_name == "ZapfDingbats" {
                    tables::zapf_dingbats_to_unicode(glyph)
                } else {
                    tables::name_to_unicode(glyph)
                };
                if let Some(slot) = table.get_mut(code) {
                    *slot = u.unwrap_or(0);
                }
                if let Some(slot) = widths.get_mut(code) {
                    *slot = Some(width);
                }
            }
            *encoding_table = Some(table);
        }
    }
}

/// A named simple-font encoding as a table of UTF-16 units.
fn named_encoding(name: &[u8]) -> Option<Vec<u16>> {
    use std::sync::OnceLock;
    static TABLES: [OnceLock<Vec<u16>>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let (slot, names) = match name {
        b"MacRomanEncoding" => (0, tables::encoding(name)?),
        b"MacExpertEncoding" => (1, tables::encoding(name)?),
        b"WinAnsiEncoding" => (2, tables::encoding(name)?),
        _ => return None,
    };
    let table = TABLES[slot].get_or_init(|| {
        names
            .iter()
            .map(|n| n.and_then(tables::name_to_unicode).unwrap_or(0))
            .collect()
    });
    Some(table.clone())
}

/// The built-in encoding of a CFF (Type1C) font program, code → text.
fn cff_map(data: &[u8]) -> Option<HashMap<u32, String>> {
    let table = cff_parser::Table::parse(data)?;
    let codes = table.encoding.get_code_to_sid_table(&table.charset);
    Some(
        codes
            .into_iter()
            .filter_map(|(code, sid)| {
                let glyph = cff_parser::string_by_id(&table, sid)?;
                if glyph == ".notdef" {
                    return None;
                }
                let u = tables::name_to_unicode(glyph)
                    .or_else(|| tables::zapf_dingbats_to_unicode(glyph))?;
                Some((u32::from(code), utf16_unit(u)))
            })
            .collect(),
    )
}

// ---------------------------------------------------------------------------
// Composite fonts

/// A Type 0 font.
fn composite(doc: &Document, font: &Dictionary) -> Font {
    let identity = || ByteMapping {
        codespace: vec![CodeRange {
            width: 2,
            start: 0,
            end: 0xffff,
        }],
        cid: vec![CIDRange {
            src_code_lo: 0,
            src_code_hi: 0xffff,
            dst_CID_lo: 0,
        }],
    };
    let mapping = match get(doc, font, b"Encoding") {
        Some(Object::Stream(s)) => {
            adobe_cmap_parser::get_byte_mapping(&stream_bytes(s)).unwrap_or_else(|_| identity())
        }
        // Identity-H, Identity-V, and predefined CMaps we do not carry.
        _ => identity(),
    };
    let text = to_unicode(doc, font)
        .unwrap_or_default()
        .into_iter()
        .map(|(k, v)| (k, clean_glyph_text(&v).into_boxed_str()))
        .collect();

    let cid_font = get(doc, font, b"DescendantFonts")
        .and_then(|o| o.as_array().ok())
        .and_then(|a| a.first())
        .and_then(|o| deref(doc, o).as_dict().ok());
    let mut widths = HashMap::new();
    let mut default_width = 1000.0;
    if let Some(cid_font) = cid_font {
        // An integer /DW only, as pdf-extract read it.
        if let Some(Object::Integer(dw)) = get(doc, cid_font, b"DW") {
            default_width = *dw as f64;
        }
        if let Some(w) = get(doc, cid_font, b"W").and_then(|o| o.as_array().ok()) {
            read_cid_widths(doc, w, &mut widths);
        }
    }
    Font {
        kind: Kind::Composite {
            codespace: mapping.codespace,
            cids: mapping.cid,
            text,
            widths,
            default_width,
        },
    }
}

/// Reads a `/W` array: `c [w1 w2 …]` and `c_first c_last w` runs.
fn read_cid_widths(doc: &Document, w: &[Object], widths: &mut HashMap<u32, f64>) {
    let mut i = 0;
    while i + 1 < w.len() {
        let Some(first) = number(deref(doc, &w[i])) else {
            return;
        };
        match deref(doc, &w[i + 1]) {
            Object::Array(list) => {
                for (j, v) in list.iter().enumerate() {
                    if let Some(v) = number(deref(doc, v)) {
                        widths.insert(first as u32 + j as u32, v);
                    }
                }
                i += 2;
            }
            last => {
                let (Some(last), Some(width)) = (
                    number(last),
                    w.get(i + 2).and_then(|o| number(deref(doc, o))),
                ) else {
                    return;
                };
                // A range bigger than the CID space is damage.
                let last = last.min(first + 65535.0);
                let mut c = first;
                while c <= last {
                    widths.insert(c as u32, width);
                    c += 1.0;
                }
                i += 3;
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Shared helpers

/// A font's `ToUnicode` CMap, code → text (not yet cleaned).
fn to_unicode(doc: &Document, font: &Dictionary) -> Option<HashMap<u32, String>> {
    let stream = get(doc, font, b"ToUnicode")?.as_stream().ok()?;
    let cmap = unicode_cmap(&stream_bytes(stream))?;
    let mut map = HashMap::with_capacity(cmap.len());
    for (code, bytes) in cmap {
        if bytes.len() % 2 != 0 {
            continue;
        }
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|p| u16::from(p[0]) << 8 | u16::from(p[1]))
            .collect();
        // A lone surrogate says "not encoded".
        if let [0xd800..=0xdfff] = units[..] {
            continue;
        }
        if let Ok(s) = String::from_utf16(&units) {
            map.insert(code, s);
        }
    }
    Some(map)
}

/// The `bfchar` and `bfrange` mappings of a ToUnicode CMap, code → UTF-16BE
/// bytes, read with our content tokenizer.
///
/// The rules are adobe-cmap-parser 0.4's (which pdf-extract used): a range
/// whose destination is 4 bytes long counts up as one 32-bit number, 2 bytes
/// as one 16-bit number; an array destination must have one string per code
/// or the whole map is refused. Other destination lengths (adobe-cmap-parser
/// panicked) count up in their last 16-bit unit.
fn unicode_cmap(data: &[u8]) -> Option<HashMap<u32, Vec<u8>>> {
    use super::content::{Lexer, Operand};
    let mut lexer = Lexer::new(data);
    let mut map = HashMap::new();
    while let Some(op) = lexer.next_operator() {
        let ops = &lexer.operands;
        match op {
            b"endbfchar" => {
                for pair in ops.chunks_exact(2) {
                    if let [Operand::Str(src), Operand::Str(dst)] = pair {
                        map.insert(code_of(lexer.get(*src)), lexer.get(*dst).to_vec());
                    }
                }
            }
            b"endbfrange" => {
                let mut i = 0;
                while i + 2 < ops.len() {
                    let (Operand::Str(lo), Operand::Str(hi)) = (ops[i], ops[i + 1]) else {
                        return None;
                    };
                    let (lo, hi) = (code_of(lexer.get(lo)), code_of(lexer.get(hi)));
                    // A range bigger than a 16-bit code space is damage.
                    let hi = hi.min(lo.saturating_add(0xffff));
                    match ops[i + 2] {
                        Operand::Str(dst) => {
                            let dst = lexer.get(dst);
                            for c in lo..=hi {
                                let step = c - lo;
                                let value = match dst.len() {
                                    4 => code_of(dst).wrapping_add(step).to_be_bytes().to_vec(),
                                    2 => (code_of(dst) as u16)
                                        .wrapping_add(step as u16)
                                        .to_be_bytes()
                                        .to_vec(),
                                    n if n >= 2 => {
                                        let mut v = dst.to_vec();
                                        let last = u16::from_be_bytes([v[n - 2], v[n - 1]])
                                            .wrapping_add(step as u16);
                                        v[n - 2..].copy_from_slice(&last.to_be_bytes());
                                        v
                                    }
                                    _ => continue,
                                };
                                map.insert(c, value);
                            }
                            i += 3;
                        }
                        Operand::ArrayStart => {
                            let end = ops[i + 3..]
                                .iter()
                                .position(|o| *o == Operand::ArrayEnd)
                                .map_or(ops.len(), |p| i + 3 + p);
                            let items = &ops[i + 3..end];
                            if hi.checked_sub(lo).map(|d| u64::from(d) + 1)
                                != Some(items.len() as u64)
                            {
                                return None;
                            }
                            for (c, item) in (lo..=hi).zip(items) {
                                let Operand::Str(s) = item else {
                                    return None;
                                };
                                map.insert(c, lexer.get(*s).to_vec());
                            }
                            i = end + 1;
                        }
                        _ => return None,
                    }
                }
            }
            _ => {}
        }
    }
    Some(map)
}

/// Bytes as one big-endian code.
fn code_of(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0u32, |c, &b| c << 8 | u32::from(b))
}

/// A decoded stream's bytes (its raw bytes when a filter is not supported).
pub(super) fn stream_bytes(stream: &lopdf::Stream) -> std::borrow::Cow<'_, [u8]> {
    if stream.dict.get(b"Filter").is_err() {
        return std::borrow::Cow::Borrowed(&stream.content);
    }
    match stream.decompressed_content() {
        Ok(bytes) => std::borrow::Cow::Owned(bytes),
        Err(_) => std::borrow::Cow::Borrowed(&stream.content),
    }
}

/// One UTF-16 unit as text (empty for a surrogate).
fn utf16_unit(u: u16) -> String {
    char::from_u32(u32::from(u))
        .map(String::from)
        .unwrap_or_default()
}

/// Follows one reference.
fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(o),
        _ => o,
    }
}

/// A dictionary entry, reference followed.
fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    dict.get(key).ok().map(|o| deref(doc, o))
}

/// A name entry.
fn name<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    get(doc, dict, key).and_then(|o| o.as_name().ok())
}

/// A name entry of a stream dictionary.
fn name_in<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    name(doc, dict, key)
}

/// A number (integer or real).
fn number(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cid_width_ranges_are_read_inclusively() {
        let doc = Document::with_version("1.5");
        let w = vec![
            3.into(),
            4.into(),
            250.into(),
            10.into(),
            Object::Array(vec![500.into(), 611.into()]),
        ];
        let mut widths = HashMap::new();
        read_cid_widths(&doc, &w, &mut widths);
        assert_eq!(widths.get(&3), Some(&250.0));
        assert_eq!(widths.get(&4), Some(&250.0));
        assert_eq!(widths.get(&5), None);
        assert_eq!(widths.get(&11), Some(&611.0));
    }

    #[test]
    fn unicode_cmaps_read_chars_ranges_and_arrays() {
        let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
            /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
            1 begincodespacerange <00> <FF> endcodespacerange
            2 beginbfchar <01> <0041> <02> <00660069> endbfchar
            2 beginbfrange <10> <12> <00E9> <20> <21> [<0031> <0032>] endbfrange
            endcmap CMapName currentdict /CMap defineresource pop end end";
        let map = unicode_cmap(cmap).unwrap();
        assert_eq!(map[&1], b"\x00A");
        assert_eq!(map[&2], b"\x00f\x00i");
        assert_eq!(map[&0x11], [0x00, 0xEA]);
        assert_eq!(map[&0x12], [0x00, 0xEB]);
        assert_eq!(map[&0x21], b"\x002");
        assert_eq!(map.len(), 7);
        // An array that does not match its range refuses the map.
        assert_eq!(
            unicode_cmap(b"1 beginbfrange <01> <03> [<0041>] endbfrange"),
            None
        );
    }

    #[test]
    fn win_ansi_encoding_reads_accents_and_quotes() {
        let table = named_encoding(b"WinAnsiEncoding").unwrap();
        assert_eq!(table[0xe9], 'é' as u16);
        assert_eq!(table[0x92], '’' as u16);
        assert_eq!(table[0x80], '€' as u16);
    }
}
