//! The document being parsed, case-folded once, so that a [`Pattern`]
//! finds where its matches may start with a fast literal search instead of
//! running its automaton over every byte.
//!
//! Folding lower-cases ASCII letters and the accented capitals of Latin-1
//! (`É` to `é`), and keeps every byte where it was: the folded text has the
//! same length and the same character boundaries as the text. A
//! case-insensitive expression has many literal prefixes ("vu", "Vu", "VU",
//! "vU"); folded the same way they come down to a few, which the SIMD
//! literal searchers (Teddy) take.
//!
//! The readers search slices of the document's text; a slice is found in
//! the registered document by its address, so the readers' code does not
//! change. A text that is not part of it (a copy, a test string) is searched
//! the ordinary way.
//!
//! [`Pattern`]: super::pattern::Pattern

use std::cell::RefCell;

thread_local! {
    /// The documents registered on this thread, innermost last.
    static DOCUMENTS: RefCell<Vec<Document>> = const { RefCell::new(Vec::new()) };
}

/// One registered text, its folded bytes, and where each pattern searched
/// in it may start.
struct Document {
    /// Address of the text's first byte.
    start: usize,
    folded: Vec<u8>,
    /// By pattern number: every offset of the text where a match of the
    /// pattern may start, in order, once the pattern has searched it.
    starts: Vec<Starts>,
}

/// Runs `f` with `text` registered as the document being parsed on this
/// thread: searches over `text` or any slice of it use its folded copy.
/// The registration ends when `f` returns or unwinds.
pub fn within<R>(text: &str, f: impl FnOnce() -> R) -> R {
    struct Unregister;
    impl Drop for Unregister {
        fn drop(&mut self) {
            DOCUMENTS.with(|d| {
                d.borrow_mut().pop();
            });
        }
    }
    if u32::try_from(text.len()).is_err() {
        // Offsets are kept as u32: a text this long is searched the
        // ordinary way.
        return f();
    }
    let doc = Document {
        start: text.as_ptr() as usize,
        folded: fold(text.as_bytes()),
        starts: Vec::new(),
    };
    DOCUMENTS.with(|d| d.borrow_mut().push(doc));
    let _unregister = Unregister;
    f()
}

/// The first offset at or after `at` of `text`, and before its end, where
/// a match of pattern number `pattern` may start: `find(folded, from)` gives
/// the first such offset of the folded document at or after `from`. The
/// offsets found are kept with the document, so that each stretch of it is
/// searched once per pattern, however many slices of it are searched.
/// `None` when `text` does not lie in a registered document.
pub fn next_start(
    text: &str,
    pattern: usize,
    at: usize,
    find: impl Fn(&[u8], usize) -> Option<usize>,
) -> Option<Option<usize>> {
    DOCUMENTS.with(|d| {
        let mut docs = d.borrow_mut();
        let (i, from) = position(&docs, text)?;
        let doc = &mut docs[i];
        if doc.starts.len() <= pattern {
            doc.starts.resize_with(pattern + 1, Starts::default);
        }
        let goal = from + at;
        let limit = from + text.len();
        let found = doc.starts[pattern].next(&doc.folded, goal, limit, find);
        Some(found.map(|p| p - from))
    })
}

/// The offsets of a document where one pattern may start, over the
/// stretch `lo..hi` searched so far.
#[derive(Debug, Clone, Default)]
struct Starts {
    lo: usize,
    hi: usize,
    /// Every such offset in `lo..hi`, in order.
    found: Vec<u32>,
}

impl Starts {
    /// The first offset in `goal..limit`, searching on from `hi` as needed.
    fn next(
        &mut self,
        folded: &[u8],
        goal: usize,
        limit: usize,
        find: impl Fn(&[u8], usize) -> Option<usize>,
    ) -> Option<usize> {
        if goal < self.lo {
            // Before the stretch kept: searched directly, not kept.
            return find(folded, goal).filter(|&p| p < limit);
        }
        if goal > self.hi {
            // Past it: a new stretch starts here (the gap is never searched).
            *self = Starts {
                lo: goal,
                hi: goal,
                found: Vec::new(),
            };
        }
        let i = self.found.partition_point(|&p| (p as usize) < goal);
        if let Some(&p) = self.found.get(i) {
            return Some(p as usize).filter(|&p| p < limit);
        }
        if self.hi >= limit {
            return None;
        }
        match find(folded, self.hi) {
            Some(p) => {
                // `p` fits: registered documents are shorter than u32::MAX.
                self.found.extend(u32::try_from(p).ok());
                self.hi = p + 1;
                Some(p).filter(|&p| p < limit)
            }
            None => {
                self.hi = folded.len();
                None
            }
        }
    }
}

/// The index of the innermost registered document holding `text`, and the
/// offset of `text` in it.
fn position(docs: &[Document], text: &str) -> Option<(usize, usize)> {
    let start = text.as_ptr() as usize;
    let i = docs.iter().rposition(|doc| {
        start >= doc.start && start + text.len() <= doc.start + doc.folded.len()
    })?;
    Some((i, start - docs[i].start))
}

/// `bytes` folded character by character: ASCII capitals and the Latin-1
/// accented capitals (`À`–`Þ` but `×`) become small letters, the accented
/// small vowels one letter each of its kind (`è`, `ê`, `ë` become `é`; `â`,
/// `ä` become `à`; and so on), and ASCII white space a space. Each character
/// keeps its length, so offsets and boundaries stay where they were; a
/// literal the text holds at some offset, folded, is what the folded text
/// holds there.
pub fn fold(bytes: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    fold_in_place(&mut out);
    out
}

/// [`fold`], on a buffer.
fn fold_in_place(bytes: &mut [u8]) {
    for b in bytes.iter_mut() {
        *b = SINGLE[usize::from(*b)];
    }
    // A lead byte 0xC3 is never changed above, nor is the byte after it
    // (0x80..=0xBF, a continuation byte).
    let mut at = 0;
    while let Some(i) = memchr::memchr(0xc3, &bytes[at..]) {
        let next = at + i + 1;
        if let Some(b) = bytes.get_mut(next) {
            *b = fold_latin1(*b);
        }
        at = next;
    }
}

/// Each byte folded on its own: ASCII capitals small, ASCII white space a
/// space, every other byte kept.
const SINGLE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        table[i] = match b {
            b'A'..=b'Z' => b + 0x20,
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => b' ',
            _ => b,
        };
        i += 1;
    }
    table
};

/// The second byte of a two-byte Latin-1 letter (`0xC3 b`), folded.
fn fold_latin1(b: u8) -> u8 {
    // Capitals (0x80..=0x9E but ×) as small letters (0xA0..=0xBE).
    let small = if (0x80..=0x9e).contains(&b) && b != 0x97 {
        b + 0x20
    } else {
        b
    };
    match small {
        0xa2 | 0xa4 => 0xa0,        // â ä -> à
        0xa8 | 0xaa | 0xab => 0xa9, // è ê ë -> é
        0xaf => 0xae,               // ï -> î
        0xb6 => 0xb4,               // ö -> ô
        0xbb | 0xbc => 0xb9,        // û ü -> ù
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_lengths_and_lowers_latin_letters() {
        let text = "ÉTAIENT Présents × À Ça ŒUVRE\tÊtre Où\nÎle";
        let folded = fold(text.as_bytes());
        assert_eq!(folded.len(), text.len());
        assert_eq!(
            String::from_utf8(folded).unwrap(),
            "étaient présents × à ça Œuvre étre où île"
        );
    }

    #[test]
    fn a_slice_of_a_registered_text_is_searched_on_its_folded_bytes() {
        let text = String::from("Vu le Code, CONSIDÉRANT que, considérant");
        let needle = "considérant".as_bytes();
        let find = |folded: &[u8], from: usize| {
            folded[from..]
                .windows(needle.len())
                .position(|w| w == needle)
                .map(|p| from + p)
        };
        let slice = &text[6..];
        let found = within(&text, || {
            let first = next_start(slice, 0, 0, find);
            let second = next_start(slice, 0, 7, find);
            let third = next_start(slice, 0, 24, find);
            (first, second, third)
        });
        // Offsets of the slice; the third search finds nothing before its end.
        assert_eq!(found, (Some(Some(6)), Some(Some(24)), Some(Some(24))));
        let copy = slice.to_string();
        assert!(within(&text, || next_start(&copy, 0, 0, find)).is_none());
        assert!(next_start(slice, 0, 0, find).is_none());
    }
}
