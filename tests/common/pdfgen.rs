//! Builds small PDFs for the tests with lopdf, from synthetic deliberation
//! text written for these tests (never corpus text): positioned lines in
//! Helvetica with WinAnsi encoding, full-page images, hostile structures.

#![allow(dead_code)]

use lopdf::{dictionary, Document, Object, ObjectId, Stream};

/// A line of text at `(x, y)` (PDF user space, origin bottom left).
pub struct Line {
    pub x: f64,
    pub y: f64,
    pub size: f64,
    pub text: String,
}

/// A line of 10 pt text.
pub fn line(x: f64, y: f64, text: &str) -> Line {
    Line {
        x,
        y,
        size: 10.0,
        text: text.to_string(),
    }
}

/// One page to build.
#[derive(Default)]
pub struct PageSpec {
    pub lines: Vec<Line>,
    /// Draw a (1×1 pixel, grey) image scaled over the whole page, as a scan.
    pub full_page_image: bool,
    /// Draw a Form XObject whose content draws itself.
    pub self_referencing_form: bool,
    /// Raw content appended to the page, compressed with Flate.
    pub raw_content: Option<Vec<u8>>,
}

/// An A4 document with `pages`.
pub fn document(pages: Vec<PageSpec>) -> Document {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let mut kids: Vec<Object> = Vec::new();
    for spec in pages {
        let mut xobjects = lopdf::Dictionary::new();
        let mut content = Vec::new();
        if spec.full_page_image {
            let image = Stream::new(
                dictionary! {
                    "Type" => "XObject",
                    "Subtype" => "Image",
                    "Width" => 1,
                    "Height" => 1,
                    "ColorSpace" => "DeviceGray",
                    "BitsPerComponent" => 8,
                },
                vec![0x80],
            );
            xobjects.set("Im1", doc.add_object(image));
            content.extend_from_slice(b"q 595 0 0 842 0 0 cm /Im1 Do Q\n");
        }
        if spec.self_referencing_form {
            let form_id: ObjectId = doc.new_object_id();
            let form = Stream::new(
                dictionary! {
                    "Type" => "XObject",
                    "Subtype" => "Form",
                    "BBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
                    "Resources" => dictionary! {
                        "XObject" => dictionary! { "Fm1" => form_id },
                    },
                },
                b"/Fm1 Do\n".to_vec(),
            );
            doc.objects.insert(form_id, Object::Stream(form));
            xobjects.set("Fm1", form_id);
            content.extend_from_slice(b"/Fm1 Do\n");
        }
        for l in &spec.lines {
            content.extend_from_slice(
                format!(
                    "BT /F1 {} Tf {} {} Td <{}> Tj ET\n",
                    l.size,
                    l.x,
                    l.y,
                    hex(&win_ansi(&l.text))
                )
                .as_bytes(),
            );
        }
        let mut stream = Stream::new(dictionary! {}, content);
        if let Some(raw) = spec.raw_content {
            stream = Stream::new(dictionary! { "Filter" => "FlateDecode" }, raw);
        }
        let content_id = doc.add_object(stream);
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Contents" => content_id,
            "Resources" => dictionary! {
                "Font" => dictionary! { "F1" => font_id },
                "XObject" => xobjects,
            },
        });
        kids.push(page_id.into());
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids,
            "Count" => count,
        }),
    );
    let catalog_id = doc.add_object(dictionary! {
        "Type" => "Catalog",
        "Pages" => pages_id,
    });
    doc.trailer.set("Root", catalog_id);
    doc.trailer.set(
        "ID",
        vec![
            Object::string_literal(b"delib-test-id-01".to_vec()),
            Object::string_literal(b"delib-test-id-01".to_vec()),
        ],
    );
    doc
}

/// The document's bytes.
pub fn save(mut doc: Document) -> Vec<u8> {
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save test pdf");
    out
}

/// A one-page document of `lines`.
pub fn text_pdf(lines: Vec<Line>) -> Vec<u8> {
    save(document(vec![PageSpec {
        lines,
        ..PageSpec::default()
    }]))
}

/// `doc` encrypted (RC4 128) with the given passwords.
pub fn encrypt(doc: Document, user_password: &str) -> Vec<u8> {
    let mut doc = doc;
    let version = lopdf::EncryptionVersion::V2 {
        document: &doc,
        owner_password: "proprietaire",
        user_password,
        key_length: 128,
        permissions: lopdf::Permissions::all(),
    };
    let state = lopdf::EncryptionState::try_from(version).expect("encryption state");
    doc.encrypt(&state).expect("encrypt");
    save(doc)
}

/// Windows-1252 bytes of `s` (the characters the tests use).
pub fn win_ansi(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| match c {
            '€' => 0x80,
            '’' => 0x92,
            'œ' => 0x9C,
            'Œ' => 0x8C,
            c if (c as u32) < 0x100 => c as u32 as u8,
            _ => b'?',
        })
        .collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}
