//! Pages: the text of a document page by page, as the input stage (PDF text
//! layer, plain-text file, later OCR) hands it to normalization.
//!
//! Within a page, lines are separated by `\n` and layout blocks (a column, a
//! receipt stamp) by an empty line, so that a block never interleaves with
//! another line by line.

use serde::{Deserialize, Serialize};

use crate::model::{Diagnostic, TextOrigin};

/// The raw text of a document, page by page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Pages {
    /// Where the text came from.
    pub origin: TextOrigin,
    /// The pages, in document order.
    pub pages: Vec<Page>,
    /// What the input stage noticed (`page.no_text_layer`, `pdf.page_panic`…).
    pub diagnostics: Vec<Diagnostic>,
}

/// One page of raw text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Page {
    /// 1-based page number.
    pub number: u32,
    /// The page's text: lines separated by `\n`, blocks by a blank line.
    pub text: String,
    /// True when the page has no usable text layer and awaits OCR.
    pub needs_ocr: bool,
}

impl Pages {
    /// Pages holding `texts`, numbered from 1, none awaiting OCR.
    pub fn from_texts(origin: TextOrigin, texts: &[&str]) -> Pages {
        Pages {
            origin,
            pages: texts
                .iter()
                .enumerate()
                .map(|(i, t)| Page {
                    number: u32::try_from(i + 1).unwrap_or(u32::MAX),
                    text: (*t).to_string(),
                    needs_ocr: false,
                })
                .collect(),
            diagnostics: Vec::new(),
        }
    }

    /// Number of pages that await OCR.
    pub fn pages_needing_ocr(&self) -> usize {
        self.pages.iter().filter(|p| p.needs_ocr).count()
    }
}
