//! Line wrapping for Chinese text in terminal columns.
//!
//! Chinese has no spaces between words, so a line may break between any two
//! Han characters; Latin words and numbers embedded in it (`OSC52`, `64%`)
//! stay whole. Chinese typography also forbids a line that starts with a
//! closing mark (`，。）”`) or ends with an opening one (`（“《`) — the
//! "kinsoku" rule — which is fixed by carrying the preceding character over
//! to the next line.

use unicode_segmentation::UnicodeSegmentation;

use super::width::width;

/// Characters that must not start a line.
///
/// The Chinese marks from the house style, their close relatives, and the
/// ASCII marks that show up next to Chinese text.
pub(crate) fn is_closing(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '》'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '〉'
            | '〗'
            | '］'
            | '｝'
            | '”'
            | '’'
            | '…'
            | '%'
            | '％'
            | ','
            | '.'
            | ';'
            | ':'
            | '?'
            | '!'
            | ')'
            | ']'
            | '}'
    )
}

/// Characters that must not end a line.
pub(crate) fn is_opening(c: char) -> bool {
    matches!(
        c,
        '（' | '《'
            | '「'
            | '『'
            | '【'
            | '〔'
            | '〈'
            | '〖'
            | '［'
            | '｛'
            | '“'
            | '‘'
            | '('
            | '['
            | '{'
    )
}

/// Characters around which a line may break even without spaces: Han,
/// kana, Hangul, CJK punctuation and full-width forms, and the typographic
/// quotes, ellipsis and dash used in Chinese text.
fn is_cjk(c: char) -> bool {
    matches!(
        u32::from(c),
        0x2E80..=0x2FDF
            | 0x3000..=0x303F
            | 0x3040..=0x30FF
            | 0x3100..=0x312F
            | 0x3190..=0x31FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xAC00..=0xD7AF
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFFEF
            | 0x20000..=0x3FFFF
    ) || matches!(c, '“' | '”' | '‘' | '’' | '…' | '—')
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Space,
    Cjk,
    Word,
}

/// One grapheme of a paragraph with what the line breaker needs to know.
struct Atom<'a> {
    text: &'a str,
    width: usize,
    kind: Kind,
    opening: bool,
    closing: bool,
}

impl<'a> Atom<'a> {
    fn new(text: &'a str) -> Self {
        let first = text.chars().next().unwrap_or(' ');
        let width = width(text);
        let kind = if text == " " {
            Kind::Space
        } else if is_cjk(first) || width >= 2 {
            Kind::Cjk
        } else {
            Kind::Word
        };
        Atom {
            text,
            width,
            kind,
            opening: is_opening(first),
            closing: is_closing(first),
        }
    }
}

/// Wraps `s` into lines of at most `width` columns.
///
/// * A line may break between any two CJK characters, and between CJK and
///   Latin text; runs of other non-space characters (`2021`, `OSC52`,
///   `64%`) are split only when longer than a whole line.
/// * Spaces at a break are dropped; no line has trailing spaces. Leading
///   spaces of a paragraph are kept when they fit.
/// * `\n` is a hard break and empty lines are kept (a trailing `\r` on a
///   line is ignored).
/// * Kinsoku: no line starts with a closing mark (`，。、；：？！）》」』】〕”’…%`)
///   and none ends with an opening mark (`（《「『【〔“‘`). This is fixed by
///   breaking earlier — moving the preceding character (or word) to the
///   next line — and never by exceeding `width`. When the whole line offers
///   no acceptable break, it breaks anyway.
///
/// Every line is at most `width` columns for `width >= 2`; `width == 0`
/// is treated as 1, and a wide character on a 1-column line stands alone.
/// Control characters are not interpreted: sanitize first.
pub fn wrap(s: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut atoms = Vec::new();
    for para in s.split('\n') {
        let para = para.strip_suffix('\r').unwrap_or(para);
        atoms.clear();
        atoms.extend(para.graphemes(true).map(Atom::new));
        wrap_paragraph(&atoms, width, &mut lines);
    }
    lines
}

fn wrap_paragraph(atoms: &[Atom<'_>], width: usize, lines: &mut Vec<String>) {
    let n = atoms.len();
    let first_line = lines.len();
    let mut start = 0;
    loop {
        if lines.len() > first_line {
            while start < n && atoms[start].kind == Kind::Space {
                start += 1;
            }
        }
        if start >= n {
            break;
        }
        // Greedy: take atoms while they fit.
        let mut used = 0;
        let mut end = start;
        while end < n && used + atoms[end].width <= width {
            used += atoms[end].width;
            end += 1;
        }
        if end == n {
            push_line(lines, &atoms[start..n]);
            break;
        }
        if !has_content(&atoms[start..end]) {
            // Leading spaces that alone fill the line: drop the indent.
            if end == start {
                // A single atom wider than the line (width 1 only).
                push_line(lines, &atoms[start..=start]);
                start += 1;
            } else {
                while start < n && atoms[start].kind == Kind::Space {
                    start += 1;
                }
            }
            continue;
        }
        let brk =
            natural_break(atoms, start, end).unwrap_or_else(|| forced_break(atoms, start, end));
        push_line(lines, &atoms[start..brk]);
        start = brk;
    }
    if lines.len() == first_line {
        lines.push(String::new());
    }
}

fn has_content(atoms: &[Atom<'_>]) -> bool {
    atoms.iter().any(|a| a.kind != Kind::Space)
}

fn push_line(lines: &mut Vec<String>, atoms: &[Atom<'_>]) {
    let mut line: String = atoms.iter().map(|a| a.text).collect();
    let kept = line.trim_end_matches(' ').len();
    line.truncate(kept);
    lines.push(line);
}

/// The last position in `(start, end]` where the line may break by the
/// normal rules, leaving something on the line.
fn natural_break(atoms: &[Atom<'_>], start: usize, end: usize) -> Option<usize> {
    (start + 1..=end)
        .rev()
        .find(|&p| can_break(atoms, start, p) && has_content(&atoms[start..p]))
}

/// A break in an unbreakable run longer than the line: the last position
/// that at least keeps kinsoku, else right at the overflow.
fn forced_break(atoms: &[Atom<'_>], start: usize, end: usize) -> usize {
    (start + 1..=end)
        .rev()
        .find(|&p| !kinsoku_bad(atoms, start, p) && has_content(&atoms[start..p]))
        .unwrap_or(end)
}

/// May the line break before `atoms[p]` (with the line starting at `start`)?
fn can_break(atoms: &[Atom<'_>], start: usize, p: usize) -> bool {
    let (a, b) = (&atoms[p - 1], &atoms[p]);
    if a.kind == Kind::Word && b.kind == Kind::Word {
        return false;
    }
    !kinsoku_bad(atoms, start, p)
}

/// Would breaking before `atoms[p]` leave a closing mark at the start of
/// the next line or an opening mark at the end of this one? Spaces at the
/// break are dropped, so look past them.
fn kinsoku_bad(atoms: &[Atom<'_>], start: usize, p: usize) -> bool {
    let next = atoms[p..].iter().find(|a| a.kind != Kind::Space);
    let prev = atoms[start..p].iter().rev().find(|a| a.kind != Kind::Space);
    next.is_some_and(|a| a.closing) || prev.is_some_and(|a| a.opening)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str, width: usize) -> Vec<String> {
        wrap(s, width)
    }

    #[test]
    fn breaks_between_any_two_han_characters() {
        assert_eq!(w("重庆市渝中区", 6), ["重庆市", "渝中区"]);
        assert_eq!(w("重庆市渝中区", 5), ["重庆", "市渝", "中区"]);
    }

    #[test]
    fn keeps_latin_words_and_numbers_whole() {
        assert_eq!(w("截至2021年底", 8), ["截至2021", "年底"]);
        assert_eq!(w("支持OSC52复制", 8), ["支持", "OSC52复", "制"]);
        assert_eq!(w("完成64%任务", 6), ["完成", "64%任", "务"]);
    }

    #[test]
    fn splits_a_word_longer_than_the_line() {
        assert_eq!(w("ABCDEFGHIJ", 4), ["ABCD", "EFGH", "IJ"]);
        assert_eq!(
            w("网址https://example.org", 10),
            ["网址", "https://ex", "ample.org"]
        );
    }

    #[test]
    fn drops_spaces_at_breaks_and_never_leaves_trailing_spaces() {
        assert_eq!(w("hello world foo", 11), ["hello world", "foo"]);
        assert_eq!(w("渝中区   江北区", 7), ["渝中区", "江北区"]);
        for line in w("a b c d e f g", 3) {
            assert!(!line.ends_with(' '), "{line:?}");
        }
    }

    #[test]
    fn newlines_are_hard_breaks_and_empty_lines_survive() {
        assert_eq!(w("第一段\n\n第二段", 20), ["第一段", "", "第二段"]);
        assert_eq!(w("", 10), [""]);
        assert_eq!(w("甲\r\n乙\n", 10), ["甲", "乙", ""]);
    }

    #[test]
    fn closing_punctuation_pulls_the_previous_character_down() {
        // "重庆市，" would need 8 columns; the comma may not start a line.
        assert_eq!(w("重庆市，渝中区。", 6), ["重庆", "市，渝", "中区。"]);
        assert_eq!(w("他说：“好。”", 8), ["他说：", "“好。”"]);
    }

    #[test]
    fn a_run_of_closing_marks_moves_as_one() {
        let lines = w("已经完成了……”", 10);
        assert_eq!(lines, ["已经完成", "了……”"]);
    }

    #[test]
    fn opening_punctuation_never_ends_a_line() {
        assert_eq!(
            w("根据《重庆市条例》", 6),
            ["根据", "《重庆", "市条", "例》"]
        );
    }

    #[test]
    fn opening_then_closing_is_kept_as_short_lines() {
        let lines = w("根据《重庆市条例》", 6);
        assert!(!lines.iter().any(|l| l.ends_with('《')));
        assert!(lines.iter().all(|l| width(l) <= 6));
    }

    #[test]
    fn kinsoku_across_a_space_is_still_kinsoku() {
        assert_eq!(w("重庆 。渝中", 5), ["重", "庆 。", "渝中"]);
        // At width 4 "庆 。" cannot fit at all, so the break is forced.
        assert_eq!(w("重庆 。渝中", 4), ["重", "庆", "。渝", "中"]);
    }

    #[test]
    fn breaks_anyway_when_nothing_else_fits() {
        // Width 2 holds one Han character: "好。" cannot stay together.
        assert_eq!(w("好。", 2), ["好", "。"]);
        assert_eq!(w("好。", 3), ["好", "。"]);
    }

    #[test]
    fn width_zero_is_treated_as_one() {
        assert_eq!(w("ab", 0), ["a", "b"]);
        assert_eq!(w("渝", 0), ["渝"]);
    }

    #[test]
    fn keeps_paragraph_indent_and_full_width_spaces() {
        assert_eq!(
            w("\u{3000}\u{3000}重庆市", 8),
            ["\u{3000}\u{3000}重庆", "市"]
        );
        assert_eq!(w("  重庆市", 6), ["  重庆", "市"]);
    }

    #[test]
    fn long_indent_is_dropped_rather_than_making_an_empty_line() {
        assert_eq!(w("        重庆", 4), ["重庆"]);
    }
}

#[cfg(test)]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "渝", "中", "区", "重", "庆", "市", "a", "b", "OSC", "52", "2021", "年", "64", "%",
            " ", " ", "  ", "，", "。", "、", "；", "：", "？", "！", "）", "》", "」", "』", "】",
            "〕", "”", "’", "…", "（", "《", "「", "『", "【", "〔", "“", "‘", "\u{3000}",
            "e\u{301}",
        ])
    }

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(piece(), 0..40).prop_map(|v| v.concat())
    }

    fn non_space(s: &str) -> String {
        s.chars().filter(|&c| c != ' ').collect()
    }

    fn first(s: &str) -> Option<char> {
        s.chars().find(|&c| c != ' ')
    }

    /// True if no position inside `line` would have been a kinsoku-clean
    /// break (so breaking after it was forced).
    fn no_clean_break_inside(line: &str) -> bool {
        let gs: Vec<&str> = line.graphemes(true).collect();
        (1..gs.len()).all(|k| {
            let before = gs[..k].iter().rev().find(|g| **g != " ");
            let after = gs[k..].iter().find(|g| **g != " ");
            let Some(before) = before else {
                return true; // nothing would stay on the line
            };
            let opens = before.chars().next().is_some_and(is_opening);
            let closes = after.and_then(|g| g.chars().next()).is_some_and(is_closing);
            opens || closes
        })
    }

    proptest! {
        #[test]
        fn every_line_fits(s in text(), width in 2usize..20) {
            for line in wrap(&s, width) {
                prop_assert!(super::width(&line) <= width, "{line:?} wider than {width}");
                prop_assert!(!line.ends_with(' '), "trailing space in {line:?}");
            }
        }

        #[test]
        fn non_space_characters_survive_in_order(s in text(), width in 1usize..20) {
            let joined: String = wrap(&s, width).concat();
            prop_assert_eq!(non_space(&joined), non_space(&s));
        }

        #[test]
        fn kinsoku_is_broken_only_when_forced(s in text(), width in 2usize..20) {
            let lines = wrap(&s, width);
            for pair in lines.windows(2) {
                let (prev, next) = (&pair[0], &pair[1]);
                let starts_closed = first(next).is_some_and(is_closing);
                let ends_open = prev.chars().next_back().is_some_and(is_opening);
                if starts_closed || ends_open {
                    prop_assert!(
                        no_clean_break_inside(prev),
                        "avoidable kinsoku break {:?} | {:?} at width {}", prev, next, width
                    );
                }
            }
        }

        #[test]
        fn hard_breaks_are_respected(a in text(), b in text(), width in 2usize..20) {
            let joined = format!("{a}\n{b}");
            let lines = wrap(&joined, width);
            let expected = wrap(&a, width).len() + wrap(&b, width).len();
            prop_assert_eq!(lines.len(), expected);
        }
    }
}
