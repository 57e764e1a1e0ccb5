//! Page images cleaned before OCR: a global threshold half-way between ink
//! and paper, on the grey page `pdftoppm -gray` renders.
//!
//! Registers often print item headings on a grey band (the Aiglun comptes
//! rendus): Tesseract's own thresholding keeps the band dark and reads the
//! heading as noise ("BEN SPORTS LOISIRS", "GRRÉSEAUX = Enuethssainissement"),
//! which loses the item. The page's ink level (its 1st percentile: text
//! covers a few percent of a page) and paper level (its median) are
//! measured, and every pixel lighter than their midpoint becomes paper: a
//! band at grey 175 on a page with black ink goes, black text on it stays,
//! and a faint page (ink at grey 140) keeps its ink because its midpoint is
//! higher. Measured on the scanned gold before choosing it: Sauvola's local
//! threshold (k 0.05–0.2) turned the bands' borders into stray characters
//! ("[L_ FISCALITÉ … 7 77"), a fixed threshold at 100 or 128 read the
//! headings as well as this but cannot follow a faint page.

/// A grey image, one byte a pixel, rows top to bottom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grey {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// `width * height` bytes, 0 black to 255 white.
    pub pixels: Vec<u8>,
}

/// Reads a binary PGM (`P5`, 8-bit), the format `pdftoppm -gray` writes.
pub fn read_pgm(bytes: &[u8]) -> Result<Grey, String> {
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'#') {
            if bytes[i] == b'#' {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            } else {
                i += 1;
            }
        }
        let start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if start == i {
            return Err("truncated PGM header".into());
        }
        fields.push(String::from_utf8_lossy(&bytes[start..i]).into_owned());
    }
    if fields[0] != "P5" {
        return Err(format!("not a binary PGM ({})", fields[0]));
    }
    let num = |s: &str| {
        s.parse::<usize>()
            .map_err(|_| format!("bad PGM header field {s:?}"))
    };
    let (width, height, max) = (num(&fields[1])?, num(&fields[2])?, num(&fields[3])?);
    if max != 255 {
        return Err(format!("PGM with {max} grey levels, 255 expected"));
    }
    // One white-space byte ends the header.
    let data = bytes.get(i + 1..).unwrap_or(&[]);
    let size = width
        .checked_mul(height)
        .ok_or_else(|| "PGM too large".to_string())?;
    if data.len() < size {
        return Err(format!("PGM holds {} of {size} pixels", data.len()));
    }
    Ok(Grey {
        width,
        height,
        pixels: data[..size].to_vec(),
    })
}

/// Writes `img` as a binary PGM.
pub fn write_pgm(img: &Grey) -> Vec<u8> {
    let mut out = format!("P5\n{} {}\n255\n", img.width, img.height).into_bytes();
    out.extend_from_slice(&img.pixels);
    out
}

/// `img` thresholded at `threshold` (a pixel at or below it is ink) as a
/// binary PBM (P4): an eighth of the PGM's bytes, and Tesseract, given a
/// one-bit image, reads it as it is instead of thresholding it again.
pub fn write_pbm(img: &Grey, threshold: u8) -> Vec<u8> {
    let mut out = format!("P4\n{} {}\n", img.width, img.height).into_bytes();
    let row_bytes = img.width.div_ceil(8);
    out.reserve(row_bytes * img.height);
    for row in img.pixels.chunks(img.width.max(1)).take(img.height) {
        for byte in row.chunks(8) {
            let mut bits = 0u8;
            for (i, &p) in byte.iter().enumerate() {
                if p <= threshold {
                    bits |= 0x80 >> i;
                }
            }
            out.push(bits);
        }
    }
    out
}

/// The threshold half-way between the ink level (1st percentile) and the
/// paper level (median) of `img`.
pub fn midpoint_threshold(img: &Grey) -> u8 {
    let mut hist = [0usize; 256];
    for &p in &img.pixels {
        hist[usize::from(p)] += 1;
    }
    let total = img.pixels.len();
    let level = |fraction_num: usize, fraction_den: usize| {
        let want = total * fraction_num / fraction_den;
        let mut seen = 0usize;
        for (v, &n) in hist.iter().enumerate() {
            seen += n;
            if seen > want {
                return v;
            }
        }
        255
    };
    let (ink, paper) = (level(1, 100), level(1, 2));
    u8::try_from((ink + paper) / 2).unwrap_or(u8::MAX)
}

/// `img` with every pixel at or below `threshold` black and the rest white.
pub fn threshold(img: &Grey, threshold: u8) -> Grey {
    Grey {
        width: img.width,
        height: img.height,
        pixels: img
            .pixels
            .iter()
            .map(|&p| if p <= threshold { 0 } else { 255 })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pbm_packs_ink_as_set_bits_row_by_row() {
        let img = Grey {
            width: 10,
            height: 2,
            pixels: vec![
                0, 255, 0, 255, 0, 255, 0, 255, 0, 0, //
                255, 255, 255, 255, 255, 255, 255, 255, 255, 10,
            ],
        };
        let pbm = write_pbm(&img, 100);
        assert_eq!(&pbm[..8], b"P4\n10 2\n");
        assert_eq!(&pbm[8..], [0b1010_1010, 0b1100_0000, 0, 0b0100_0000]);
    }

    /// A page: white paper, a grey band with black text in it.
    fn page() -> Grey {
        let (w, h) = (120, 80);
        let mut px = vec![250u8; w * h];
        for y in 10..40 {
            for x in 0..w {
                px[y * w + x] = 175; // grey band
            }
        }
        for y in 12..38 {
            for x in 30..40 {
                px[y * w + x] = 20; // black stroke in the band
            }
        }
        Grey {
            width: w,
            height: h,
            pixels: px,
        }
    }

    #[test]
    fn a_grey_band_becomes_paper_and_its_text_stays_ink() {
        let img = page();
        let t = midpoint_threshold(&img);
        let b = threshold(&img, t);
        let at = |x: usize, y: usize| b.pixels[y * b.width + x];
        assert_eq!(at(31, 25), 0, "text in the band");
        assert_eq!(at(90, 15), 255, "band away from text");
        assert_eq!(at(100, 70), 255, "paper");
    }

    #[test]
    fn a_faint_page_keeps_its_ink() {
        let (w, h) = (100, 100);
        let mut px = vec![245u8; w * h];
        for p in px.iter_mut().take(w * 5) {
            *p = 150; // faint ink, 5 % of the page
        }
        let img = Grey {
            width: w,
            height: h,
            pixels: px,
        };
        let t = midpoint_threshold(&img);
        assert!((150..245).contains(&t), "{t}");
        assert_eq!(threshold(&img, t).pixels[0], 0);
    }

    #[test]
    fn pgm_round_trip_and_errors() {
        let img = page();
        let bytes = write_pgm(&img);
        assert_eq!(read_pgm(&bytes).as_ref(), Ok(&img));
        assert!(read_pgm(b"P6\n1 1\n255\n\0\0\0").is_err());
        assert!(read_pgm(b"P5\n2 2\n255\n\0").is_err());
        assert!(read_pgm(b"P5\n# comment\n1 1\n255\n\x80").is_ok());
        assert!(read_pgm(b"").is_err());
    }
}
