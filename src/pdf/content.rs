//! A content-stream tokenizer: the bytes of a page's (or form's) content
//! stream in, one operator at a time out, with its operands.
//!
//! Written for speed and for tolerance rather than validation: it allocates
//! nothing per token (strings and names are decoded into one scratch buffer
//! reused for every operator), never fails, and reads past what it does not
//! understand. lopdf's parser (`lopdf::content::Content::decode`) built a
//! tree of `Object`s for every operand and was most of the PDF stage's time;
//! it also gave up on a whole stream at some comments (the Canon scanner tag
//! `% CANON_PFINF_TYPE0_TEXTON` of pierrefonds/compte-rendu-28-05-2020.pdf),
//! which this tokenizer skips like any comment.

/// One operand, its bytes (if any) in [`Lexer::bytes`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Operand {
    /// A number. Reals are read as `f32` like lopdf did, so that positions
    /// come out exactly as before the rewrite.
    Number(f64),
    /// A name (without the slash, `#xx` escapes decoded).
    Name(Span),
    /// A literal or hexadecimal string, escapes decoded.
    Str(Span),
    /// `[`: the elements up to the matching [`Operand::ArrayEnd`] follow.
    ArrayStart,
    /// `]`.
    ArrayEnd,
    /// Anything else (`true`, `null`, dictionary delimiters…).
    Other,
}

/// A range of [`Lexer::bytes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Span {
    start: u32,
    end: u32,
}

/// Reads a content stream operator by operator.
pub(super) struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
    /// The current operator's operands.
    pub(super) operands: Vec<Operand>,
    /// Decoded bytes of the current operator's strings and names.
    bytes: Vec<u8>,
}

impl<'a> Lexer<'a> {
    /// A lexer at the start of `data`.
    pub(super) fn new(data: &'a [u8]) -> Lexer<'a> {
        Lexer {
            data,
            pos: 0,
            operands: Vec::with_capacity(16),
            bytes: Vec::with_capacity(256),
        }
    }

    /// The bytes of a string or name operand.
    pub(super) fn get(&self, span: Span) -> &[u8] {
        self.bytes
            .get(span.start as usize..span.end as usize)
            .unwrap_or(&[])
    }

    /// The next operator, its operands in [`Lexer::operands`]; `None` at the
    /// end of the stream. Inline image data (`BI … ID data EI`) is skipped and
    /// reported as the operator `EI`.
    pub(super) fn next_operator(&mut self) -> Option<&'a [u8]> {
        self.operands.clear();
        self.bytes.clear();
        let data = self.data;
        loop {
            let b = *data.get(self.pos)?;
            match b {
                b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | b'\0' => self.pos += 1,
                b'%' => {
                    while self.pos < data.len() && !matches!(data[self.pos], b'\n' | b'\r') {
                        self.pos += 1;
                    }
                }
                b'/' => {
                    self.pos += 1;
                    let span = self.name();
                    self.operands.push(Operand::Name(span));
                }
                b'(' => {
                    self.pos += 1;
                    let span = self.literal_string();
                    self.operands.push(Operand::Str(span));
                }
                b'<' if data.get(self.pos + 1) == Some(&b'<') => {
                    self.pos += 2;
                    self.operands.push(Operand::Other);
                }
                b'<' => {
                    self.pos += 1;
                    let span = self.hex_string();
                    self.operands.push(Operand::Str(span));
                }
                b'>' => {
                    // `>>`, or a stray `>`.
                    self.pos += if data.get(self.pos + 1) == Some(&b'>') {
                        2
                    } else {
                        1
                    };
                    self.operands.push(Operand::Other);
                }
                b'[' => {
                    self.pos += 1;
                    self.operands.push(Operand::ArrayStart);
                }
                b']' => {
                    self.pos += 1;
                    self.operands.push(Operand::ArrayEnd);
                }
                b'{' | b'}' | b')' => {
                    self.pos += 1;
                    self.operands.push(Operand::Other);
                }
                b'0'..=b'9' | b'+' | b'-' | b'.' => {
                    let start = self.pos;
                    self.pos = regular_end(data, self.pos);
                    self.operands
                        .push(Operand::Number(number(&data[start..self.pos])));
                }
                _ => {
                    let start = self.pos;
                    self.pos = regular_end(data, self.pos);
                    let word = &data[start..self.pos];
                    match word {
                        b"true" | b"false" | b"null" => self.operands.push(Operand::Other),
                        b"ID" => {
                            self.skip_inline_image();
                            return Some(b"EI");
                        }
                        _ => return Some(word),
                    }
                }
            }
        }
    }

    /// A name's bytes after the slash, `#xx` escapes decoded.
    fn name(&mut self) -> Span {
        let start = self.bytes.len();
        let end = regular_end(self.data, self.pos);
        let raw = &self.data[self.pos..end];
        let mut i = 0;
        while i < raw.len() {
            if raw[i] == b'#' {
                if let (Some(h), Some(l)) = (
                    raw.get(i + 1).and_then(|&c| hex(c)),
                    raw.get(i + 2).and_then(|&c| hex(c)),
                ) {
                    self.bytes.push(h << 4 | l);
                    i += 3;
                    continue;
                }
            }
            self.bytes.push(raw[i]);
            i += 1;
        }
        self.pos = end;
        self.span(start)
    }

    /// A literal string after its `(`: balanced parentheses, backslash
    /// escapes, end-of-line markers read as `\n`.
    fn literal_string(&mut self) -> Span {
        let start = self.bytes.len();
        let data = self.data;
        let mut depth = 1usize;
        while let Some(&b) = data.get(self.pos) {
            self.pos += 1;
            match b {
                b'(' => {
                    depth += 1;
                    self.bytes.push(b);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    self.bytes.push(b);
                }
                b'\r' => {
                    if data.get(self.pos) == Some(&b'\n') {
                        self.pos += 1;
                    }
                    self.bytes.push(b'\n');
                }
                b'\\' => {
                    let Some(&e) = data.get(self.pos) else { break };
                    self.pos += 1;
                    match e {
                        b'n' => self.bytes.push(b'\n'),
                        b'r' => self.bytes.push(b'\r'),
                        b't' => self.bytes.push(b'\t'),
                        b'b' => self.bytes.push(0x08),
                        b'f' => self.bytes.push(0x0c),
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match data.get(self.pos) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            self.bytes.push(v as u8);
                        }
                        // A backslash at the end of a line continues the string.
                        b'\r' => {
                            if data.get(self.pos) == Some(&b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        other => self.bytes.push(other),
                    }
                }
                _ => self.bytes.push(b),
            }
        }
        self.span(start)
    }

    /// A hexadecimal string after its `<`; whitespace ignored, an odd last
    /// digit taken as followed by 0.
    fn hex_string(&mut self) -> Span {
        let start = self.bytes.len();
        let mut high: Option<u8> = None;
        while let Some(&b) = self.data.get(self.pos) {
            self.pos += 1;
            if b == b'>' {
                break;
            }
            let Some(v) = hex(b) else { continue };
            match high.take() {
                Some(h) => self.bytes.push(h << 4 | v),
                None => high = Some(v),
            }
        }
        if let Some(h) = high {
            self.bytes.push(h << 4);
        }
        self.span(start)
    }

    /// Skips inline image data after `ID`, up to and including `EI`
    /// between whitespace (or at the end of the stream).
    fn skip_inline_image(&mut self) {
        let data = self.data;
        let mut i = self.pos + 1;
        while i + 1 < data.len() {
            if data[i] == b'E'
                && data[i + 1] == b'I'
                && data[i - 1].is_ascii_whitespace()
                && data.get(i + 2).is_none_or(|c| c.is_ascii_whitespace())
            {
                self.pos = i + 2;
                return;
            }
            i += 1;
        }
        self.pos = data.len();
    }

    fn span(&self, start: usize) -> Span {
        Span {
            start: start as u32,
            end: self.bytes.len() as u32,
        }
    }
}

/// End of a run of regular characters (not whitespace, not a delimiter).
fn regular_end(data: &[u8], mut pos: usize) -> usize {
    while let Some(&b) = data.get(pos) {
        if matches!(
            b,
            b' ' | b'\n'
                | b'\r'
                | b'\t'
                | b'\x0c'
                | b'\0'
                | b'('
                | b')'
                | b'<'
                | b'>'
                | b'['
                | b']'
                | b'{'
                | b'}'
                | b'/'
                | b'%'
        ) {
            break;
        }
        pos += 1;
    }
    pos
}

/// A number token: an integer, or a real read as `f32` (what lopdf did, so
/// that coordinates round exactly as before). Junk reads as 0, and the
/// longest valid prefix of a malformed number (`12.5.3`, `4-`) counts.
fn number(token: &[u8]) -> f64 {
    // Fast path for the usual `-12`, `72.5`, `.25`: digits accumulated as an
    // integer and divided once by a power of ten, exact for up to 15 digits.
    let (negative, digits) = match token.first() {
        Some(b'-') => (true, &token[1..]),
        Some(b'+') => (false, &token[1..]),
        _ => (false, token),
    };
    let mut mantissa: u64 = 0;
    let mut count = 0;
    let mut decimals: Option<usize> = None;
    let mut simple = !digits.is_empty();
    for &c in digits {
        match c {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + u64::from(c - b'0');
                count += 1;
                if let Some(d) = &mut decimals {
                    *d += 1;
                }
            }
            b'.' if decimals.is_none() => decimals = Some(0),
            _ => {
                simple = false;
                break;
            }
        }
        if count > 15 {
            simple = false;
            break;
        }
    }
    if simple && count > 0 {
        let sign = if negative { -1.0 } else { 1.0 };
        return match decimals {
            None => sign * mantissa as f64,
            Some(d) => {
                const POWERS: [f64; 16] = [
                    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14,
                    1e15,
                ];
                f64::from((sign * mantissa as f64 / POWERS[d]) as f32)
            }
        };
    }
    slow_number(token)
}

/// [`number`] for anything unusual.
fn slow_number(token: &[u8]) -> f64 {
    let valid = token
        .iter()
        .enumerate()
        .take_while(|&(i, &c)| {
            c.is_ascii_digit() || c == b'.' || (i == 0 && matches!(c, b'+' | b'-'))
        })
        .count();
    let mut t = &token[..valid];
    // A second dot ends the number.
    if let Some(first) = t.iter().position(|&c| c == b'.') {
        if let Some(second) = t[first + 1..].iter().position(|&c| c == b'.') {
            t = &t[..first + 1 + second];
        }
    }
    let Ok(s) = std::str::from_utf8(t) else {
        return 0.0;
    };
    if !s.contains('.') {
        if let Ok(i) = s.parse::<i64>() {
            return i as f64;
        }
    }
    let parsed = s.parse::<f32>();
    parsed.map(f64::from).unwrap_or(0.0)
}

/// The value of a hexadecimal digit.
fn hex(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Operators with their operands, strings shown as text.
    fn ops(data: &[u8]) -> Vec<String> {
        let mut lexer = Lexer::new(data);
        let mut out = Vec::new();
        while let Some(op) = lexer.next_operator() {
            let mut s = String::new();
            for o in lexer.operands.clone() {
                match o {
                    Operand::Number(n) => s.push_str(&format!("{n} ")),
                    Operand::Name(n) => {
                        s.push_str(&format!("/{} ", String::from_utf8_lossy(lexer.get(n))))
                    }
                    Operand::Str(n) => {
                        s.push_str(&format!("({}) ", String::from_utf8_lossy(lexer.get(n))))
                    }
                    Operand::ArrayStart => s.push_str("[ "),
                    Operand::ArrayEnd => s.push_str("] "),
                    Operand::Other => s.push_str("? "),
                }
            }
            s.push_str(&String::from_utf8_lossy(op));
            out.push(s);
        }
        out
    }

    #[test]
    fn operators_and_operands() {
        assert_eq!(
            ops(b"BT /F1 12 Tf 1 0 0 1 72.5 -.5 Tm [(Vu)-250(le)] TJ ET"),
            [
                "BT",
                "/F1 12 Tf",
                "1 0 0 1 72.5 -0.5 Tm",
                "[ (Vu) -250 (le) ] TJ",
                "ET"
            ]
        );
    }

    #[test]
    fn comments_are_skipped_outside_strings() {
        // A scanner tag before the text layer made lopdf's parser give up.
        assert_eq!(
            ops(b"% CANON_PFINF_TYPE0_TEXTON\nBT (taux de 5 %) Tj ET % done\n"),
            ["BT", "(taux de 5 %) Tj", "ET"]
        );
    }

    #[test]
    fn string_escapes_and_hex_strings() {
        assert_eq!(
            ops(b"(a\\(b\\)c\\101\\\nd (e)) Tj <4C 27 4>Tj"),
            ["(a(b)cAd (e)) Tj", "(L'@) Tj"]
        );
    }

    #[test]
    fn names_dictionaries_and_inline_images() {
        assert_eq!(
            ops(b"/Span <</ActualText (x) /MCID 3>> BDC /A#20B Do BI /W 2 ID \x00EI\xff EI Q"),
            [
                "/Span ? /ActualText (x) /MCID 3 ? BDC",
                "/A B Do",
                "BI",
                "/W 2 EI",
                "Q"
            ]
        );
    }

    #[test]
    fn malformed_numbers_do_not_stop_the_stream() {
        assert_eq!(number(b"12.5.3"), 12.5);
        assert_eq!(number(b"--3"), 0.0);
        assert_eq!(number(b"4."), 4.0);
        assert_eq!(number(b"+7"), 7.0);
        assert_eq!(number(b"-.5"), -0.5);
        // The fast path rounds like the parser (to f32).
        for t in [
            "0.1",
            "72.37",
            "-841.89",
            "0.000123",
            "123456.7",
            "1.0000001",
        ] {
            assert_eq!(
                number(t.as_bytes()),
                f64::from(t.parse::<f32>().unwrap()),
                "{t}"
            );
        }
        assert_eq!(ops(b"1 0 0 1 0 0 cm"), ["1 0 0 1 0 0 cm"]);
    }
}
