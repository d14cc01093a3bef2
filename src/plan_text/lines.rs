//! Turning the raw text of a document into clean lines, and joining lines
//! that a page break or a hard wrap split in the middle of a sentence.

/// Characters that end a sentence or a clause at the end of a line; a line
/// that does not end with one continues on the next line.
const TERMINAL: &[char] = &['。', '！', '？', '；', '：', '!', '?', ';', ':'];
const CLOSING: &[char] = &['”', '’', '」', '』', '》', '）', ')'];

/// Whether a line ends a sentence (so the next line starts a new paragraph).
pub fn ends_sentence(line: &str) -> bool {
    let mut rev = line.chars().rev();
    match rev.next() {
        Some(c) if TERMINAL.contains(&c) => true,
        Some(c) if CLOSING.contains(&c) => rev.next().is_some_and(|p| TERMINAL.contains(&p)),
        _ => false,
    }
}

/// Trims ASCII and full-width whitespace (U+3000) and no-break spaces.
pub fn trim(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{feff}')
}

/// Page numbers such as `— 3 —`, `-3-` or `第3页` are not text.
fn is_page_number(line: &str) -> bool {
    let dashes = ['-', '—', '－', '–'];
    let core = line.trim_matches(|c: char| dashes.contains(&c) || c.is_whitespace());
    let digits_only = !core.is_empty() && core.chars().all(|c| c.is_ascii_digit());
    if digits_only && line.chars().next().is_some_and(|c| dashes.contains(&c)) {
        return true;
    }
    if let Some(inner) = line.strip_prefix('第') {
        let inner = inner.trim();
        let num_end = inner
            .char_indices()
            .find(|(_, c)| !c.is_ascii_digit())
            .map(|(i, _)| i)
            .unwrap_or(inner.len());
        if num_end > 0 {
            let after = inner[num_end..].trim_start();
            return after == "页" || after.starts_with("页") && after.contains('共');
        }
    }
    false
}

/// Removes spaces between CJK characters, as in the spaced letterhead
/// `重 庆 市 妇 女 联 合 会`.
pub fn unspace(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect()
}

/// The document as non-empty, trimmed lines, without page numbers, with
/// the number of the line of the file each one is on (for warnings). Each
/// line is cleaned as all text coming in is (`normalize_input`: escape
/// sequences, controls, bidi and invisible characters out, NFC), so what
/// the plan stores is clean.
pub fn clean_lines(text: &str) -> (Vec<String>, Vec<usize>) {
    let mut lines = Vec::new();
    let mut numbers = Vec::new();
    for (i, physical) in text.split('\n').enumerate() {
        for piece in physical.split(['\r', '\u{c}']) {
            let cleaned = crate::text::sanitize::normalize_input(piece);
            let l = trim(&cleaned);
            if !l.is_empty() && !is_page_number(l) {
                lines.push(l.to_string());
                numbers.push(i + 1);
            }
        }
    }
    (lines, numbers)
}

/// Appends `line` to a paragraph text: joined directly when the text so far
/// stops mid-sentence (a page break), else as a new paragraph.
pub fn append_paragraph(text: &mut String, line: &str) {
    if text.is_empty() {
        text.push_str(line);
    } else if ends_sentence(text) {
        text.push('\n');
        text.push_str(line);
    } else {
        text.push_str(line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_ends_are_recognised() {
        assert!(ends_sentence("贡献巾帼力量。"));
        assert!(ends_sentence("具体方案如下："));
        assert!(ends_sentence("“敢于追梦的奋斗者”。"));
        assert!(ends_sentence("（详见附件。）"));
        assert!(!ends_sentence("深入新"));
        assert!(!ends_sentence("印发你们，"));
        assert!(!ends_sentence("创评三八红旗手（集体）"));
    }

    #[test]
    fn page_numbers_and_blank_lines_are_dropped() {
        let (lines, numbers) =
            clean_lines("甲\n\n— 3 —\n\u{3000}\u{3000}乙\r\n-12-\n第2页 共5页\n第一章");
        assert_eq!(lines, ["甲", "乙", "第一章"]);
        assert_eq!(numbers, [1, 4, 7]);
    }

    #[test]
    fn a_page_break_inside_a_sentence_is_joined() {
        let mut p = String::new();
        append_paragraph(&mut p, "组建巾帼科技志愿服务队，深入新");
        append_paragraph(&mut p, "时代文明实践中心开展活动。");
        append_paragraph(&mut p, "第二段。");
        assert_eq!(
            p,
            "组建巾帼科技志愿服务队，深入新时代文明实践中心开展活动。\n第二段。"
        );
    }

    #[test]
    fn spaced_letterhead_is_unspaced() {
        assert_eq!(unspace("重 庆 市 妇 女 联 合 会"), "重庆市妇女联合会");
    }
}
