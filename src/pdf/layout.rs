//! Page layout: positioned glyphs in, page text out (lines joined by `\n`,
//! layout blocks separated by a blank line).
//!
//! Glyphs are grouped into lines by baseline, lines are cut into segments at
//! wide horizontal gaps, and the segments are split into blocks by a
//! recursive XY cut: first at blank horizontal bands, then at vertical
//! gutters. That keeps a narrow side column (the Montpellier extracts print
//! "Extrait du registre des délibérations … n° 2013 / 1" beside the main
//! column) and a receipt stamp top right as blocks of their own instead of
//! interleaving them line by line with the main text.

/// One glyph as the PDF placed it, in page coordinates with `y` growing
/// downwards (points from the top of the media box).
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Left edge of the glyph.
    pub x: f64,
    /// Baseline, from the top of the page.
    pub baseline: f64,
    /// Horizontal advance (width) of the glyph.
    pub advance: f64,
    /// Effective font size (points on the page).
    pub size: f64,
    /// The glyph's text (one character, or more for a spelled-out ligature).
    pub text: String,
    /// A space glyph was drawn just before this one.
    pub space_before: bool,
    /// Drawing order.
    pub seq: usize,
}

/// Gap between glyphs, in ems, above which words are separated by a space.
/// Word-processor PDFs often place each word without a space glyph; their
/// inter-word gaps are ~0.25 em while kerning stays under 0.1 em.
const WORD_GAP: f64 = 0.17;

/// Gap, in ems, that cuts a line into separate segments (tab stops, column
/// gutters).
const SEGMENT_GAP: f64 = 1.5;

/// Vertical whitespace, in ems, that separates two blocks (a blank line).
const BAND_GAP: f64 = 0.8;

/// Horizontal whitespace, in ems, that counts as a column gutter.
const GUTTER: f64 = 1.5;

/// Baseline tolerance, in ems, for glyphs to share a line.
const BASELINE_TOLERANCE: f64 = 0.4;

/// Lays out a page's horizontal glyphs as text: lines joined by `\n`,
/// blocks separated by one blank line, blocks in reading order.
pub fn page_text(glyphs: &[Glyph]) -> String {
    let segments = segments(glyphs);
    let mut blocks = Vec::new();
    xy_cut(segments, &mut blocks, 0);
    let texts: Vec<String> = blocks
        .into_iter()
        .map(block_text)
        .filter(|t| !t.is_empty())
        .collect();
    texts.join("\n\n")
}

/// A piece of one line with no wide gap inside: the atom of the XY cut.
#[derive(Debug, Clone)]
struct Segment {
    x0: f64,
    x1: f64,
    baseline: f64,
    size: f64,
    text: String,
}

impl Segment {
    /// Top of the segment's box (ascenders).
    fn top(&self) -> f64 {
        self.baseline - 0.8 * self.size
    }

    /// Bottom of the segment's box (descenders).
    fn bottom(&self) -> f64 {
        self.baseline + 0.25 * self.size
    }
}

/// Glyphs grouped into lines, each line cut at wide gaps.
fn segments(glyphs: &[Glyph]) -> Vec<Segment> {
    let mut order: Vec<&Glyph> = glyphs.iter().collect();
    order.sort_by(|a, b| a.baseline.total_cmp(&b.baseline));
    let mut lines: Vec<Vec<&Glyph>> = Vec::new();
    let mut reference: Option<&Glyph> = None;
    for g in order {
        match (reference, lines.last_mut()) {
            (Some(r), Some(line))
                if g.baseline - r.baseline <= BASELINE_TOLERANCE * r.size.max(g.size) =>
            {
                line.push(g)
            }
            _ => {
                reference = Some(g);
                lines.push(vec![g]);
            }
        }
    }
    let lines = attach_superscripts(lines);
    let mut out = Vec::new();
    for mut line in lines {
        split_line(&mut line, &mut out);
    }
    out
}

/// Merges lines of small glyphs just above or below a line of larger ones
/// into it: superscripts ("2ème", "1er") and subscripts belong to the text
/// they annotate, not to a line of their own.
fn attach_superscripts(lines: Vec<Vec<&Glyph>>) -> Vec<Vec<&Glyph>> {
    let stats = |line: &[&Glyph]| {
        let size = line.iter().map(|g| g.size).fold(0.0, f64::max);
        let baseline = line.iter().map(|g| g.baseline).sum::<f64>() / line.len().max(1) as f64;
        (size, baseline)
    };
    let mut out: Vec<Vec<&Glyph>> = Vec::with_capacity(lines.len());
    let mut pending: Vec<&Glyph> = Vec::new();
    for line in lines {
        let (size, baseline) = stats(&line);
        if !pending.is_empty() {
            let (small, raised) = stats(&pending);
            if small <= 0.85 * size && baseline - raised <= 0.6 * size {
                let mut merged = std::mem::take(&mut pending);
                merged.extend(line);
                out.push(merged);
                continue;
            }
            out.push(std::mem::take(&mut pending));
        }
        if let Some(prev) = out.last_mut() {
            let (big, prev_baseline) = stats(prev);
            if size <= 0.85 * big && baseline - prev_baseline <= 0.35 * big {
                prev.extend(line);
                continue;
            }
        }
        pending = line;
    }
    if !pending.is_empty() {
        out.push(pending);
    }
    out
}

/// Sorts one line's glyphs by `x`, cuts them at wide gaps, and appends the
/// segments to `out`; leaves `line` empty.
fn split_line(line: &mut Vec<&Glyph>, out: &mut Vec<Segment>) {
    line.sort_by(|a, b| a.x.total_cmp(&b.x).then(a.seq.cmp(&b.seq)));
    let mut current: Option<Segment> = None;
    let mut prev: Option<&Glyph> = None;
    for &g in line.iter() {
        if let Some(p) = prev {
            // The same character drawn twice at nearly the same place is
            // fake bold, not two letters.
            if p.text == g.text
                && (g.x - p.x).abs() < 0.15 * g.size
                && (g.baseline - p.baseline).abs() < 0.1 * g.size
            {
                continue;
            }
        }
        let end = prev.map(|p| p.x + p.advance);
        match (&mut current, end) {
            (Some(seg), Some(end)) if g.x - end <= SEGMENT_GAP * g.size.max(seg.size) => {
                let p_seq = prev.map(|p| p.seq);
                let gap = g.x - end;
                let spaced_in_stream = g.space_before && p_seq.map(|s| s + 1) == Some(g.seq);
                if gap > WORD_GAP * g.size || (spaced_in_stream && gap > -0.2 * g.size) {
                    push_space(&mut seg.text);
                }
                seg.text.push_str(&g.text);
                seg.x1 = seg.x1.max(g.x + g.advance);
                seg.size = seg.size.max(g.size);
                seg.baseline = seg.baseline.max(g.baseline);
            }
            _ => {
                if let Some(seg) = current.take() {
                    out.push(seg);
                }
                current = Some(Segment {
                    x0: g.x,
                    x1: g.x + g.advance,
                    baseline: g.baseline,
                    size: g.size,
                    text: g.text.clone(),
                });
            }
        }
        prev = Some(g);
    }
    if let Some(seg) = current {
        out.push(seg);
    }
    line.clear();
}

/// Appends a space unless the text is empty or already ends with one.
fn push_space(s: &mut String) {
    if !s.is_empty() && !s.ends_with(' ') {
        s.push(' ');
    }
}

/// Median font size of segments, for thresholds that must not depend on one
/// large title.
fn median_size(segs: &[Segment]) -> f64 {
    let mut sizes: Vec<f64> = segs.iter().map(|s| s.size).collect();
    sizes.sort_by(f64::total_cmp);
    sizes.get(sizes.len() / 2).copied().unwrap_or(10.0)
}

/// Recursive XY cut: splits `segs` into blocks in reading order.
fn xy_cut(segs: Vec<Segment>, out: &mut Vec<Vec<Segment>>, depth: u32) {
    if segs.len() <= 1 || depth > 64 {
        out.push(segs);
        return;
    }
    let size = median_size(&segs);
    let bands = horizontal_bands(segs, BAND_GAP * size);
    if bands.len() > 1 {
        for band in bands {
            xy_cut(band, out, depth + 1);
        }
        return;
    }
    let band = bands.into_iter().flatten().collect::<Vec<_>>();
    match vertical_columns(&band, GUTTER * size) {
        Some(columns) => {
            for column in columns {
                xy_cut(column, out, depth + 1);
            }
        }
        None => out.push(band),
    }
}

/// Splits at vertical whitespace taller than `gap`, top to bottom.
fn horizontal_bands(mut segs: Vec<Segment>, gap: f64) -> Vec<Vec<Segment>> {
    segs.sort_by(|a, b| a.top().total_cmp(&b.top()));
    let mut bands: Vec<Vec<Segment>> = Vec::new();
    let mut bottom = f64::NEG_INFINITY;
    for s in segs {
        match bands.last_mut() {
            Some(band) if s.top() - bottom <= gap => {
                bottom = bottom.max(s.bottom());
                band.push(s);
            }
            _ => {
                bottom = s.bottom();
                bands.push(vec![s]);
            }
        }
    }
    bands
}

/// Splits at vertical gutters wider than `gap`, left to right; `None` when
/// there is no gutter, or when the pieces look like table columns (their
/// rows share baselines), which read better row by row.
fn vertical_columns(segs: &[Segment], gap: f64) -> Option<Vec<Vec<Segment>>> {
    let mut order: Vec<&Segment> = segs.iter().collect();
    order.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let mut columns: Vec<Vec<Segment>> = Vec::new();
    let mut right = f64::NEG_INFINITY;
    for s in order {
        match columns.last_mut() {
            Some(col) if s.x0 - right <= gap => {
                right = right.max(s.x1);
                col.push(s.clone());
            }
            _ => {
                right = s.x1;
                columns.push(vec![s.clone()]);
            }
        }
    }
    if columns.len() < 2 || looks_like_table(&columns) {
        return None;
    }
    Some(columns)
}

/// True when every column's rows mostly line up with rows of a neighbour:
/// a table (label / amount) or one line with tab stops, not side-by-side
/// text columns.
fn looks_like_table(columns: &[Vec<Segment>]) -> bool {
    columns.windows(2).all(|pair| {
        let left = rows(&pair[0]);
        let right = rows(&pair[1]);
        let tol = 0.3 * median_size(&pair[0]).min(median_size(&pair[1]));
        let matched = |a: &[f64], b: &[f64]| {
            a.iter()
                .filter(|&&y| b.iter().any(|&z| (y - z).abs() <= tol))
                .count()
        };
        let unmatched =
            (left.len() - matched(&left, &right)) + (right.len() - matched(&right, &left));
        // A lone unmatched row (a wrapped cell) still reads as a table.
        unmatched * 4 <= left.len() + right.len()
    })
}

/// The distinct baselines of a set of segments.
fn rows(segs: &[Segment]) -> Vec<f64> {
    let mut ys: Vec<f64> = segs.iter().map(|s| s.baseline).collect();
    ys.sort_by(f64::total_cmp);
    let size = median_size(segs);
    ys.dedup_by(|b, a| (*b - *a).abs() <= BASELINE_TOLERANCE * size);
    ys
}

/// A block's text: segments regrouped into lines by baseline, each line's
/// segments left to right.
fn block_text(mut segs: Vec<Segment>) -> String {
    segs.sort_by(|a, b| a.baseline.total_cmp(&b.baseline));
    let mut lines: Vec<Vec<Segment>> = Vec::new();
    for s in segs {
        match lines.last_mut() {
            Some(line)
                if line.first().is_some_and(|f| {
                    s.baseline - f.baseline <= BASELINE_TOLERANCE * f.size.max(s.size)
                }) =>
            {
                line.push(s)
            }
            _ => lines.push(vec![s]),
        }
    }
    let mut out = String::new();
    for mut line in lines {
        line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let mut text = String::new();
        for s in line {
            push_space(&mut text);
            text.push_str(s.text.trim());
        }
        let text = collapse_spaces(text.trim());
        if text.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&text);
    }
    out
}

/// Folds runs of spaces into one.
fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == ' ' && out.ends_with(' ') {
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lays out `text` as glyphs of a monospaced 10 pt font starting at `x`
    /// on `baseline`, with a 6 pt advance per character and a space glyph
    /// drawn for every space.
    fn word_glyphs(text: &str, x: f64, baseline: f64, seq: &mut usize) -> Vec<Glyph> {
        let mut out = Vec::new();
        let mut space = false;
        for (i, c) in text.chars().enumerate() {
            if c == ' ' {
                space = true;
                continue;
            }
            *seq += 1;
            out.push(Glyph {
                x: x + 6.0 * i as f64,
                baseline,
                advance: 6.0,
                size: 10.0,
                text: c.to_string(),
                space_before: space,
                seq: *seq,
            });
            space = false;
        }
        out
    }

    #[test]
    fn words_placed_without_space_glyphs_are_separated() {
        let mut seq = 0;
        let mut glyphs = word_glyphs("Étaient", 10.0, 100.0, &mut seq);
        // The next word starts 3 pt (0.3 em) after the last letter.
        glyphs.extend(word_glyphs(
            "présents",
            10.0 + 7.0 * 6.0 + 3.0,
            100.0,
            &mut seq,
        ));
        assert_eq!(page_text(&glyphs), "Étaient présents");
    }

    #[test]
    fn side_columns_are_separate_blocks() {
        let mut seq = 0;
        let mut glyphs = Vec::new();
        let left = ["Extrait du", "registre des", "délibérations"];
        let right = [
            "Le conseil municipal, réuni",
            "en séance ordinaire sous la",
            "présidence du maire, a adopté",
            "la délibération suivante.",
        ];
        for (i, l) in left.iter().enumerate() {
            glyphs.extend(word_glyphs(l, 20.0, 100.0 + 17.0 * i as f64, &mut seq));
        }
        for (i, l) in right.iter().enumerate() {
            glyphs.extend(word_glyphs(l, 150.0, 106.0 + 12.0 * i as f64, &mut seq));
        }
        let text = page_text(&glyphs);
        assert_eq!(
            text,
            format!("{}\n\n{}", left.join("\n"), right.join("\n")),
            "{text}"
        );
    }

    #[test]
    fn table_rows_stay_together() {
        let mut seq = 0;
        let mut glyphs = Vec::new();
        let rows = [
            ("Fonctionnement", "314 562"),
            ("Investissement", "130 655"),
            ("Total", "445 217"),
        ];
        for (i, (label, value)) in rows.iter().enumerate() {
            let y = 100.0 + 12.0 * i as f64;
            glyphs.extend(word_glyphs(label, 20.0, y, &mut seq));
            glyphs.extend(word_glyphs(value, 300.0, y, &mut seq));
        }
        assert_eq!(
            page_text(&glyphs),
            "Fonctionnement 314 562\nInvestissement 130 655\nTotal 445 217"
        );
    }

    #[test]
    fn blank_line_separates_blocks_and_no_double_spaces() {
        let mut seq = 0;
        let mut glyphs = word_glyphs("Vu  le code", 10.0, 100.0, &mut seq);
        glyphs.extend(word_glyphs("DÉLIBÈRE", 10.0, 130.0, &mut seq));
        assert_eq!(page_text(&glyphs), "Vu le code\n\nDÉLIBÈRE");
    }

    #[test]
    fn superscripts_stay_in_their_line() {
        let mut seq = 0;
        let mut glyphs = word_glyphs("Rédacteur principal de", 10.0, 100.0, &mut seq);
        glyphs.extend(word_glyphs("classe, au 2", 10.0, 112.0, &mut seq));
        let mut sup = word_glyphs("ème", 10.0 + 12.0 * 6.0, 107.5, &mut seq);
        for g in &mut sup {
            g.size = 6.5;
            g.x = 10.0 + 12.0 * 6.0 + (g.x - 10.0 - 12.0 * 6.0) * 0.65;
            g.advance = 3.9;
        }
        glyphs.extend(sup);
        assert_eq!(
            page_text(&glyphs),
            "Rédacteur principal de\nclasse, au 2ème"
        );
    }

    #[test]
    fn fake_bold_is_not_doubled() {
        let mut seq = 0;
        let mut glyphs = word_glyphs("Article", 10.0, 100.0, &mut seq);
        glyphs.extend(word_glyphs("Article", 10.3, 100.0, &mut seq));
        assert_eq!(page_text(&glyphs), "Article");
    }
}
