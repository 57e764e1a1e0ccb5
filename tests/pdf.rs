//! The PDF stage on generated fixtures: layout, encodings, scans,
//! encryption, damaged and hostile files (through the isolated worker).

mod common;

use std::io::Write;
use std::path::Path;
use std::time::Duration;

use common::pdfgen::{self, line, PageSpec};
use delib::pdf::worker::{extract_isolated, Worker};
use delib::pdf::{extract, Limits, PdfErrorKind};
use lopdf::dictionary;

fn exe() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_delib"))
}

/// Writes `bytes` to a temporary file for the worker.
fn temp_pdf(bytes: &[u8]) -> tempfile::NamedTempFile {
    let mut file = tempfile::Builder::new()
        .suffix(".pdf")
        .tempfile()
        .expect("temp file");
    file.write_all(bytes).expect("write temp file");
    file
}

#[test]
fn side_by_side_columns_come_out_as_separate_blocks() {
    let left = [
        "Direction des finances",
        "Service du budget",
        "Extrait du registre des",
        "délibérations du conseil",
        "n° 2031 / 42",
    ];
    let right = [
        "Le conseil municipal de la commune de Valbonne-sur-Orge,",
        "convoqué le 3 mars, s'est réuni en séance publique sous la",
        "présidence de Madame la Maire. Étaient présents Mesdames",
        "et Messieurs les conseillers municipaux en exercice.",
        "Le conseil adopte le budget primitif à l'unanimité.",
        "Fait et délibéré les jour, mois et an susdits.",
    ];
    let mut lines = Vec::new();
    // The side column's lines sit between the main column's baselines.
    for (i, t) in left.iter().enumerate() {
        lines.push(line(40.0, 700.0 - 17.0 * i as f64, t));
    }
    for (i, t) in right.iter().enumerate() {
        lines.push(line(200.0, 706.0 - 12.5 * i as f64, t));
    }
    let pages = extract(&pdfgen::text_pdf(lines), &Limits::default()).expect("pages");
    let text = &pages.pages[0].text;
    let blocks: Vec<&str> = text.split("\n\n").collect();
    assert_eq!(blocks, [left.join("\n"), right.join("\n")], "{text}");
    assert!(!pages.pages[0].needs_ocr);
}

#[test]
fn win_ansi_accents_and_words_come_out_right() {
    let sentence = "Considérant que l’œuvre à caractère général reçoit 12 500 € : voilà, ÉTÉ.";
    let pages = extract(
        &pdfgen::text_pdf(vec![line(50.0, 700.0, sentence)]),
        &Limits::default(),
    )
    .expect("pages");
    assert_eq!(pages.pages[0].text, sentence);
}

#[test]
fn a_scanned_page_needs_ocr_and_a_text_page_does_not() {
    let doc = pdfgen::document(vec![
        PageSpec {
            lines: vec![line(50.0, 700.0, "Délibération n° 12 du conseil syndical")],
            ..PageSpec::default()
        },
        PageSpec {
            full_page_image: true,
            ..PageSpec::default()
        },
        PageSpec {
            // A scan carrying only a small @ctes stamp as text.
            full_page_image: true,
            lines: vec![line(400.0, 820.0, "Reçu en préfecture le 04/05/2031")],
            ..PageSpec::default()
        },
    ]);
    let pages = extract(&pdfgen::save(doc), &Limits::default()).expect("pages");
    let ocr: Vec<bool> = pages.pages.iter().map(|p| p.needs_ocr).collect();
    assert_eq!(ocr, [false, true, true]);
    let warnings: Vec<&str> = pages
        .diagnostics
        .iter()
        .filter(|d| d.code == "page.no_text_layer")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(warnings.len(), 2);
    assert!(warnings[0].contains("page 2"), "{warnings:?}");
    assert!(warnings[1].contains("page 3"), "{warnings:?}");
}

#[test]
fn empty_user_password_is_read() {
    let doc = pdfgen::document(vec![PageSpec {
        lines: vec![line(
            50.0,
            700.0,
            "Article 1er : le tarif est fixé à 3,50 €.",
        )],
        ..PageSpec::default()
    }]);
    let bytes = pdfgen::encrypt(doc, "");
    assert!(bytes.windows(8).any(|w| w == b"/Encrypt"));
    let pages = extract(&bytes, &Limits::default()).expect("pages");
    assert_eq!(
        pages.pages[0].text,
        "Article 1er : le tarif est fixé à 3,50 €."
    );
}

#[test]
fn password_protected_file_is_encrypted_error() {
    let doc = pdfgen::document(vec![PageSpec {
        lines: vec![line(50.0, 700.0, "Séance du conseil")],
        ..PageSpec::default()
    }]);
    let err = extract(&pdfgen::encrypt(doc, "secret"), &Limits::default()).unwrap_err();
    assert_eq!(err.code(), "pdf.encrypted", "{err}");
}

#[test]
fn damaged_inputs_are_malformed() {
    let limits = Limits::default();
    let good = pdfgen::text_pdf(vec![line(
        50.0,
        700.0,
        "Le conseil, après en avoir délibéré",
    )]);
    for (name, bytes) in [
        ("zero bytes", Vec::new()),
        (
            "not a pdf",
            b"Vu le code general des collectivites territoriales".to_vec(),
        ),
        ("header only", b"%PDF-1.5\n".to_vec()),
        ("truncated", good[..good.len() / 3].to_vec()),
    ] {
        match extract(&bytes, &limits) {
            Err(e) => {
                eprintln!("{name}: {}: {e}", e.code());
                assert_eq!(e.kind, PdfErrorKind::Malformed, "{name}: {e}");
            }
            Ok(p) => panic!("{name}: expected an error, got {p:?}"),
        }
    }
}

#[test]
fn worker_round_trips_pages_and_errors() {
    let good = temp_pdf(&pdfgen::text_pdf(vec![line(
        50.0,
        700.0,
        "Le conseil décide.",
    )]));
    let junk = temp_pdf(b"ceci n'est pas un pdf");
    let mut worker = Worker::new(exe(), &Limits::default());
    let pages = worker.extract(good.path()).expect("pages");
    assert_eq!(pages.pages[0].text, "Le conseil décide.");
    let err = worker.extract(junk.path()).unwrap_err();
    assert_eq!(err.code(), "pdf.malformed");
    // The same worker keeps serving after an error.
    assert!(worker.extract(good.path()).is_ok());
    let missing = worker
        .extract(Path::new("/nonexistent/delib.pdf"))
        .unwrap_err();
    assert_eq!(missing.code(), "pdf.io");
}

#[test]
fn too_large_file_is_refused_without_reading() {
    let file = temp_pdf(&pdfgen::text_pdf(vec![line(50.0, 700.0, "Objet : budget")]));
    let limits = Limits {
        max_file_bytes: 100,
        ..Limits::default()
    };
    let err = extract_isolated(file.path(), exe(), &limits).unwrap_err();
    assert_eq!(err.code(), "pdf.too_large");
}

#[test]
fn self_referencing_form_is_drawn_once_and_the_page_kept() {
    // pdf-extract recursed into such a form until the stack overflowed; the
    // interpreter refuses to draw a form inside itself.
    let doc = pdfgen::document(vec![PageSpec {
        lines: vec![line(50.0, 700.0, "Le conseil prend acte.")],
        self_referencing_form: true,
        ..PageSpec::default()
    }]);
    let bytes = pdfgen::save(doc);
    let pages = extract(&bytes, &Limits::default()).expect("pages");
    assert_eq!(pages.pages[0].text, "Le conseil prend acte.");
    assert!(!pages.pages[0].needs_ocr);
    assert!(
        pages
            .diagnostics
            .iter()
            .any(|d| d.code == "pdf.form_skipped"),
        "{:?}",
        pages.diagnostics
    );
    // The same through the worker.
    let file = temp_pdf(&bytes);
    let mut worker = Worker::new(exe(), &Limits::default());
    let pages = worker.extract(file.path()).expect("pages");
    assert_eq!(pages.pages[0].text, "Le conseil prend acte.");
}

#[test]
fn flate_bomb_is_stopped_by_the_memory_limit() {
    // 1 GiB of zeros, deflated to about 1 MiB, as a page content stream.
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..1024 {
        encoder.write_all(&zeros).expect("deflate");
    }
    let bomb = encoder.finish().expect("deflate");
    let doc = pdfgen::document(vec![PageSpec {
        raw_content: Some(bomb),
        ..PageSpec::default()
    }]);
    let file = temp_pdf(&pdfgen::save(doc));
    let limits = Limits {
        memory_bytes: 512 << 20,
        timeout: Duration::from_secs(60),
        ..Limits::default()
    };
    let err = extract_isolated(file.path(), exe(), &limits).unwrap_err();
    eprintln!("flate bomb: {}: {err}", err.code());
    assert!(
        matches!(
            err.kind,
            PdfErrorKind::Aborted | PdfErrorKind::TooLarge | PdfErrorKind::Timeout
        ),
        "{}: {err}",
        err.code()
    );
}

/// A one-page document whose content stream is `content` (Flate-compressed).
fn raw_page_pdf(content: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(content).expect("deflate");
    let doc = pdfgen::document(vec![PageSpec {
        raw_content: Some(encoder.finish().expect("deflate")),
        ..PageSpec::default()
    }]);
    pdfgen::save(doc)
}

#[test]
fn quote_operators_show_text_on_the_next_line_and_comments_are_skipped() {
    // `'` and `"` move to the next line before showing (Ghostscript output,
    // montpellier/2013-03-25-0000062219.pdf); a scanner's comment line
    // before the text layer (pierrefonds/compte-rendu-28-05-2020.pdf) made
    // the old content parser give up on the whole stream.
    let pdf = raw_page_pdf(
        b"% CANON_PFINF_TYPE0_TEXTON\nBT /F1 10 Tf 12 TL 50 700 Td (Vu le code) Tj \
          (general des collectivites)' 0 0 (territoriales, taux de 5 %)\" ET % end\n",
    );
    let pages = extract(&pdf, &Limits::default()).expect("pages");
    assert_eq!(
        pages.pages[0].text,
        "Vu le code\ngeneral des collectivites\nterritoriales, taux de 5 %"
    );
}

#[test]
fn text_in_a_form_is_placed_by_the_form_matrix() {
    // The @ctes receipt stamp of the Montpellier extracts is a form drawn
    // top right; pdf-extract ignored its /Matrix and put it over the text.
    let mut doc = pdfgen::document(vec![PageSpec {
        lines: vec![line(
            50.0,
            700.0,
            "Le conseil municipal approuve le budget.",
        )],
        ..PageSpec::default()
    }]);
    let font = doc
        .objects
        .iter()
        .find(|(_, o)| {
            o.as_dict()
                .is_ok_and(|d| d.get(b"BaseFont").is_ok_and(|b| b.as_name().is_ok()))
        })
        .map(|(id, _)| *id)
        .expect("font");
    let form = lopdf::Stream::new(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Form",
            "BBox" => vec![0.into(), 0.into(), 200.into(), 20.into()],
            "Matrix" => vec![1.into(), 0.into(), 0.into(), 1.into(), 380.into(), 790.into()],
            "Resources" => dictionary! { "Font" => {
                let mut fonts = lopdf::Dictionary::new();
                fonts.set("F9", font);
                fonts
            } },
        },
        b"BT /F9 8 Tf 0 0 Td (Recu en prefecture le 04/05/2031) Tj ET".to_vec(),
    );
    let form_id = doc.add_object(form);
    let page_id = *doc.get_pages().values().next().expect("page");
    let page = doc.get_dictionary_mut(page_id).expect("page dict");
    let resources = page
        .get_mut(b"Resources")
        .and_then(lopdf::Object::as_dict_mut)
        .expect("resources");
    let mut xobjects = lopdf::Dictionary::new();
    xobjects.set("Stamp", form_id);
    resources.set("XObject", xobjects);
    let content_id = page
        .get(b"Contents")
        .and_then(lopdf::Object::as_reference)
        .expect("contents");
    let stream = doc
        .get_object_mut(content_id)
        .and_then(lopdf::Object::as_stream_mut)
        .expect("content stream");
    let mut content = b"q 1 0 0 1 0 0 cm /Stamp Do Q\n".to_vec();
    content.extend_from_slice(&stream.content);
    stream.set_plain_content(content);
    let pages = extract(&pdfgen::save(doc), &Limits::default()).expect("pages");
    assert_eq!(
        pages.pages[0].text,
        "Recu en prefecture le 04/05/2031\n\nLe conseil municipal approuve le budget."
    );
}
