//! OCR of scanned pages, end to end through `delib extract`: an image-only
//! PDF made here (text rendered to an image with pdftoppm, embedded with
//! lopdf), a mixed PDF (a text page and a scanned page), a page stored
//! sideways with /Rotate, and the path without Tesseract. Skipped, with a
//! note, when pdftoppm or tesseract with its French model is missing
//! (`scripts/setup.sh` installs them; CI runs it).

use std::path::Path;
use std::process::Command;

use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Document, Object, Stream};

const SCAN: &[&str] = &[
    "COMMUNE DE VALMONT",
    "Seance du 4 mars 2024",
    "Presents : Claire FONTVIEILLE, Paul ROUBAUD",
    "Objet : Subvention au lavoir communal",
    "Adopte a l'unanimite",
];

fn tools_present() -> bool {
    let ok = |cmd: &str, arg: &str| Command::new(cmd).arg(arg).output().is_ok();
    let fra = Command::new("tesseract")
        .arg("--list-langs")
        .output()
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .any(|l| l.trim() == "fra")
        })
        .unwrap_or(false);
    ok("pdftoppm", "-v") && fra
}

/// A one-page PDF printing `lines` in Helvetica 18 pt.
fn text_pdf(lines: &[&str]) -> Document {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let page = text_page(&mut doc, pages_id, font, lines);
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    doc
}

fn text_page(
    doc: &mut Document,
    parent: lopdf::ObjectId,
    font: lopdf::ObjectId,
    lines: &[&str],
) -> lopdf::ObjectId {
    let mut ops = vec![
        Operation::new("BT", vec![]),
        Operation::new("Tf", vec!["F1".into(), 18.into()]),
    ];
    ops.push(Operation::new("Td", vec![60.into(), 760.into()]));
    for l in lines {
        ops.push(Operation::new("Tj", vec![Object::string_literal(*l)]));
        ops.push(Operation::new("Td", vec![0.into(), (-30).into()]));
    }
    ops.push(Operation::new("ET", vec![]));
    let content = doc.add_object(Stream::new(
        dictionary! {},
        Content { operations: ops }.encode().unwrap(),
    ));
    doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => parent, "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Contents" => content, "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
    })
}

/// Renders page 1 of `pdf` to 8-bit grey pixels: (width, height, pixels).
fn render(pdf: &[u8], dir: &Path) -> (u32, u32, Vec<u8>) {
    let src = dir.join("src.pdf");
    std::fs::write(&src, pdf).unwrap();
    let stem = dir.join("img");
    let st = Command::new("pdftoppm")
        .args(["-r", "150", "-gray", "-singlefile"])
        .arg(&src)
        .arg(&stem)
        .status()
        .unwrap();
    assert!(st.success());
    let pgm = std::fs::read(stem.with_extension("pgm")).unwrap();
    // P5 header: "P5\n<w> <h>\n255\n"
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while pgm[i].is_ascii_whitespace() {
            i += 1;
        }
        let s = i;
        while !pgm[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&pgm[s..i]).to_string());
    }
    let (w, h): (u32, u32) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    (w, h, pgm[i + 1..].to_vec())
}

/// Turns pixels a quarter clockwise (the page was scanned sideways).
fn rotate_cw(w: u32, h: u32, px: &[u8]) -> (u32, u32, Vec<u8>) {
    let (w, h) = (w as usize, h as usize);
    let mut out = vec![0u8; w * h];
    for y in 0..h {
        for x in 0..w {
            out[x * h + (h - 1 - y)] = px[y * w + x];
        }
    }
    (h as u32, w as u32, out)
}

/// Appends a page showing a full-page grey image, with an optional /Rotate.
fn add_image_page(doc: &mut Document, w: u32, h: u32, px: Vec<u8>, rotate: i64) {
    let pages_id = doc
        .catalog()
        .unwrap()
        .get(b"Pages")
        .unwrap()
        .as_reference()
        .unwrap();
    let mut img = Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => w as i64, "Height" => h as i64,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
        },
        px,
    );
    img.compress().unwrap();
    let img_id = doc.add_object(img);
    let (pw, ph) = (w as f32 * 72.0 / 150.0, h as f32 * 72.0 / 150.0);
    let ops = vec![
        Operation::new("q", vec![]),
        Operation::new(
            "cm",
            vec![pw.into(), 0.into(), 0.into(), ph.into(), 0.into(), 0.into()],
        ),
        Operation::new("Do", vec!["Im1".into()]),
        Operation::new("Q", vec![]),
    ];
    let content = doc.add_object(Stream::new(
        dictionary! {},
        Content { operations: ops }.encode().unwrap(),
    ));
    let mut page = dictionary! {
        "Type" => "Page", "Parent" => pages_id, "MediaBox" => vec![0.into(), 0.into(), pw.into(), ph.into()],
        "Contents" => content, "Resources" => dictionary! { "XObject" => dictionary! { "Im1" => img_id } },
    };
    if rotate != 0 {
        page.set("Rotate", rotate);
    }
    let page_id = doc.add_object(page);
    let pages = doc.get_object_mut(pages_id).unwrap().as_dict_mut().unwrap();
    let mut kids = pages.get(b"Kids").unwrap().as_array().unwrap().clone();
    kids.push(page_id.into());
    let count = kids.len() as i64;
    pages.set("Kids", kids);
    pages.set("Count", count);
}

fn save(doc: &mut Document) -> Vec<u8> {
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// A document with only `extra` pages: the text page of `text_pdf` removed.
fn image_only(w: u32, h: u32, px: Vec<u8>, rotate: i64) -> Vec<u8> {
    let mut doc = text_pdf(&[]);
    add_image_page(&mut doc, w, h, px, rotate);
    doc.delete_pages(&[1]);
    save(&mut doc)
}

fn extract(pdf: &[u8], dir: &Path, extra: &[&str]) -> (Option<i32>, serde_json::Value, String) {
    let path = dir.join(format!("in-{}.pdf", extra.len()));
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_delib"))
        .arg("extract")
        .arg(&path)
        .arg("--cache-dir")
        .arg(dir.join("cache"))
        .args(extra)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let rec = stdout.lines().next().map_or(serde_json::Value::Null, |l| {
        serde_json::from_str(l).unwrap()
    });
    (
        out.status.code(),
        rec,
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

fn text_of(pdf: &[u8], dir: &Path) -> String {
    let path = dir.join("view.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_delib"))
        .arg("text")
        .arg(&path)
        .arg("--cache-dir")
        .arg(dir.join("cache"))
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).to_string()
}

#[test]
fn image_only_pdf_is_read_by_ocr() {
    if !tools_present() {
        eprintln!("pdftoppm or tesseract-ocr-fra missing: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (w, h, px) = render(&save(&mut text_pdf(SCAN)), dir.path());
    let scan = image_only(w, h, px, 0);
    let (code, rec, stderr) = extract(&scan, dir.path(), &[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(rec["source"]["text_origin"], "ocr");
    let text = text_of(&scan, dir.path());
    assert!(
        text.contains("FONTVIEILLE") && text.contains("lavoir"),
        "{text}"
    );
}

#[test]
fn mixed_pdf_keeps_its_text_page_and_ocrs_the_scan() {
    if !tools_present() {
        eprintln!("pdftoppm or tesseract-ocr-fra missing: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (w, h, px) = render(&save(&mut text_pdf(SCAN)), dir.path());
    let mut doc = text_pdf(&["Extrait du registre des deliberations", "Article 1 : texte"]);
    add_image_page(&mut doc, w, h, px, 0);
    let mixed = save(&mut doc);
    let text = text_of(&mixed, dir.path());
    let page2 = text.split("=== page 2 ===").nth(1).unwrap_or("");
    assert!(text.contains("Extrait du registre"), "{text}");
    assert!(page2.contains("FONTVIEILLE"), "{text}");
}

#[test]
fn a_page_scanned_sideways_is_turned_by_its_rotate_entry() {
    if !tools_present() {
        eprintln!("pdftoppm or tesseract-ocr-fra missing: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (w, h, px) = render(&save(&mut text_pdf(SCAN)), dir.path());
    let (w, h, px) = rotate_cw(w, h, &px);
    let scan = image_only(w, h, px, 270);
    let text = text_of(&scan, dir.path());
    assert!(text.contains("FONTVIEILLE"), "{text}");
}

#[test]
fn without_tesseract_a_scan_is_an_ocr_unavailable_error() {
    if Command::new("pdftoppm").arg("-v").output().is_err() {
        eprintln!("pdftoppm missing: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (w, h, px) = render(&save(&mut text_pdf(SCAN)), dir.path());
    let scan = image_only(w, h, px, 0);
    let (code, rec, stderr) = extract(
        &scan,
        dir.path(),
        &["--tesseract", "/nonexistent/tesseract"],
    );
    assert_eq!(code, Some(1));
    assert!(rec.is_null());
    assert!(stderr.contains("ocr.unavailable"), "{stderr}");
    assert!(
        stderr.contains("apt-get install tesseract-ocr tesseract-ocr-fra"),
        "{stderr}"
    );
}
