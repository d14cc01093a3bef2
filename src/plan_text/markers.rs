//! Recognising the outline markers of Chinese official documents at the
//! start of a line: 一、 （一） 1. （1） 1）, with the variants real documents
//! use (half-width parentheses, `1．`, `1、`, full-width digits).

use crate::text::cn_num::parse_cn_numeral;

/// A marker found at the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// Numbering level: 0 一、, 1 （一）, 2 1., 3 （1）, 4 1） or ①.
    pub level: u8,
    /// The number the marker carries.
    pub ordinal: u32,
    /// Byte offset in the line where the text after the marker begins.
    pub rest: usize,
}

fn is_cn_digit(c: char) -> bool {
    "一二三四五六七八九十百零〇".contains(c)
}

fn ascii_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// Reads a run of digits (ASCII or full-width) at the start of `s`.
fn leading_number(s: &str) -> Option<(u32, usize)> {
    let mut value: u32 = 0;
    let mut end = 0;
    for (i, c) in s.char_indices() {
        match ascii_digit(c) {
            Some(d) => {
                value = value.checked_mul(10)?.checked_add(d)?;
                end = i + c.len_utf8();
            }
            None => break,
        }
    }
    (end > 0).then_some((value, end))
}

fn leading_cn_number(s: &str) -> Option<(u32, usize)> {
    let end: usize = s
        .chars()
        .take_while(|&c| is_cn_digit(c))
        .map(char::len_utf8)
        .sum();
    if end == 0 {
        return None;
    }
    parse_cn_numeral(&s[..end]).map(|n| (n, end))
}

fn skip_spaces(s: &str, at: usize) -> usize {
    at + s[at..]
        .chars()
        .take_while(|c| c.is_whitespace())
        .map(char::len_utf8)
        .sum::<usize>()
}

fn starts_with_any(s: &str, at: usize, set: &[char]) -> Option<usize> {
    let c = s[at..].chars().next()?;
    set.contains(&c).then(|| at + c.len_utf8())
}

const OPEN: &[char] = &['（', '('];
const CLOSE: &[char] = &['）', ')'];
const CN_SEP: &[char] = &['、', '，', ',', '.', '．'];
const NUM_SEP: &[char] = &['.', '．', '、'];

/// Finds the marker at the start of a trimmed line, if any.
pub fn marker(line: &str) -> Option<Marker> {
    find(line).filter(|m| m.ordinal <= MAX_ORDINAL)
}

/// The highest number a heading carries; past it a numbered line is text.
pub const MAX_ORDINAL: u32 = 99;

/// A line numbered like a heading, but past [`MAX_ORDINAL`] (up to 999):
/// read as text, and worth a warning.
pub fn past_last_ordinal(line: &str) -> Option<Marker> {
    find(line).filter(|m| (MAX_ORDINAL + 1..1000).contains(&m.ordinal))
}

/// A marker with any number, checked only for its shape.
fn find(line: &str) -> Option<Marker> {
    // （一） / (一) and （1） / (1)
    if let Some(after_open) = starts_with_any(line, 0, OPEN) {
        let at = skip_spaces(line, after_open);
        let (level, (ordinal, len)) = if let Some(n) = leading_cn_number(&line[at..]) {
            (1, n)
        } else if let Some(n) = leading_number(&line[at..]) {
            (3, n)
        } else {
            return None;
        };
        let at = skip_spaces(line, at + len);
        let rest = starts_with_any(line, at, CLOSE)?;
        return valid(level, ordinal, skip_spaces(line, rest), line);
    }
    // 一、
    if let Some((ordinal, len)) = leading_cn_number(line) {
        let at = skip_spaces(line, len);
        let rest = starts_with_any(line, at, CN_SEP)?;
        return valid(0, ordinal, skip_spaces(line, rest), line);
    }
    // 1. / 1． / 1、 / 1）
    if let Some((ordinal, len)) = leading_number(line) {
        if len > 9 {
            return None; // at most three digits, ASCII or full-width
        }
        let at = skip_spaces(line, len);
        if let Some(rest) = starts_with_any(line, at, NUM_SEP) {
            // `1.5万人次` is a number, not a marker.
            if line[rest..].chars().next().and_then(ascii_digit).is_some() {
                return None;
            }
            return valid(2, ordinal, skip_spaces(line, rest), line);
        }
        if let Some(rest) = starts_with_any(line, at, CLOSE) {
            return valid(4, ordinal, skip_spaces(line, rest), line);
        }
        return None;
    }
    // ① … ⑳
    let first = line.chars().next()?;
    if ('①'..='⑳').contains(&first) {
        let ordinal = first as u32 - '①' as u32 + 1;
        return valid(4, ordinal, skip_spaces(line, first.len_utf8()), line);
    }
    None
}

/// A marker needs a number and some text after it.
fn valid(level: u8, ordinal: u32, rest: usize, line: &str) -> Option<Marker> {
    if ordinal == 0 || ordinal > 999 || line[rest..].trim().is_empty() {
        return None;
    }
    Some(Marker {
        level,
        ordinal,
        rest,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(line: &str) -> Option<(u8, u32, &str)> {
        marker(line).map(|m| (m.level, m.ordinal, &line[m.rest..]))
    }

    #[test]
    fn recognises_the_four_official_levels() {
        assert_eq!(m("一、总体要求"), Some((0, 1, "总体要求")));
        assert_eq!(m("十二、其他"), Some((0, 12, "其他")));
        assert_eq!(
            m("（三）实施巾帼平台搭建行动"),
            Some((1, 3, "实施巾帼平台搭建行动"))
        );
        assert_eq!(m("1.提高政治站位。"), Some((2, 1, "提高政治站位。")));
        assert_eq!(m("（2）组织培训"), Some((3, 2, "组织培训")));
    }

    #[test]
    fn accepts_variants_of_real_documents() {
        assert_eq!(m("(二)实施行动"), Some((1, 2, "实施行动")));
        assert_eq!(m("( 二 ) 实施行动"), Some((1, 2, "实施行动")));
        assert_eq!(m("3．加大宣传力度"), Some((2, 3, "加大宣传力度")));
        assert_eq!(m("3、加大宣传力度"), Some((2, 3, "加大宣传力度")));
        assert_eq!(m("１２．加大宣传力度"), Some((2, 12, "加大宣传力度")));
        assert_eq!(m("(4)组织培训"), Some((3, 4, "组织培训")));
        assert_eq!(m("2）细化分工"), Some((4, 2, "细化分工")));
        assert_eq!(m("③细化分工"), Some((4, 3, "细化分工")));
        assert_eq!(m("二．主要任务"), Some((0, 2, "主要任务")));
    }

    #[test]
    fn ordinary_sentences_are_not_markers() {
        assert_eq!(m("2021年6月9日"), None);
        assert_eq!(m("1.5万人次参加活动"), None);
        assert_eq!(m("一是加强领导"), None);
        assert_eq!(m("（自治县）妇联"), None);
        assert_eq!(m("一、"), None);
        assert_eq!(m("为深入贯彻党的十九大"), None);
        assert_eq!(m("100.百分之百"), None);
        assert_eq!(m("1000.一千"), None);
    }

    #[test]
    fn numbers_past_99_are_not_headings_but_are_noticed() {
        assert_eq!(marker("100.百分之百"), None);
        assert_eq!(
            past_last_ordinal("100.百分之百").map(|m| m.ordinal),
            Some(100)
        );
        assert_eq!(past_last_ordinal("一百、其他").map(|m| m.level), Some(0));
        assert_eq!(past_last_ordinal("99.正常"), None);
        assert_eq!(past_last_ordinal("2021年6月9日"), None);
    }
}
