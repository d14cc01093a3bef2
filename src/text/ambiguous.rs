//! Characters whose width depends on the terminal.
//!
//! Unicode's East Asian Width property marks some characters "ambiguous":
//! “ ” ‘ ’ … — · ① ● → ° α é, box drawing and more. Western terminals draw
//! them one column wide; Chinese setups (Xshell, SecureCRT, PuTTY with the
//! CJK option) draw them two wide. Text aligned in columns — the ledger —
//! falls apart on one of the two unless it contains none of them. This
//! module finds them and replaces each with a character of the same meaning
//! whose width every terminal agrees on.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use unicode_width::UnicodeWidthChar;

/// Stands in for a character that has no unambiguous equivalent: 〓
/// (U+3013 GETA MARK), the typesetter's mark for a missing glyph, two
/// columns wide everywhere.
pub const REPLACEMENT: char = '〓';

/// True when terminals disagree on the width of `c`: the standard and the
/// CJK width tables give different widths, or it is a letter of the
/// Latin-1, Latin Extended, Greek or Cyrillic blocks — East Asian Width
/// "ambiguous" letters (é, α, Я) that `unicode-width` counts narrow even
/// in its CJK table but that terminals with the CJK option draw wide.
pub fn is_ambiguous(c: char) -> bool {
    c.width() != c.width_cjk() || (('\u{A0}'..='\u{4FF}').contains(&c) && c.is_alphabetic())
}

/// Variation selectors and emoji skin-tone modifiers change how wide a
/// terminal draws the character before them, differently in different
/// terminals; regional indicators pair into flags with the same problem.
fn is_width_modifier(c: char) -> bool {
    matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}' | '\u{1F1E6}'..='\u{1F1FF}')
}

/// The fixed replacements: characters common in Chinese text with an
/// unambiguous equivalent of the same meaning.
fn fixed(c: char) -> Option<&'static str> {
    Some(match c {
        '“' => "「",
        '”' => "」",
        '‘' => "『",
        '’' => "』",
        '…' => "...",
        '—' | '―' => "－",
        '–' | '‐' | '‑' => "-",
        '·' | '•' | '‧' => "・",
        '※' => "＊",
        '℃' => "摄氏度",
        '°' => "度",
        '×' => "x",
        '÷' => "/",
        '±' => "+/-",
        '≤' => "<=",
        '≥' => ">=",
        '≠' => "!=",
        '→' => "->",
        '←' => "<-",
        '↑' => "^",
        '↓' => "v",
        '─' | '━' | '═' => "-",
        '│' | '┃' | '║' => "|",
        _ => return None,
    })
}

/// Circled numbers ①–⑳ as （1）–（20）.
fn circled(c: char) -> Option<String> {
    let n = u32::from(c);
    (0x2460..=0x2473)
        .contains(&n)
        .then(|| format!("（{}）", n - 0x2460 + 1))
}

/// Bullets and shapes (● ○ ■ □ ▲ ★ …) read as list marks: ・.
fn is_shape(c: char) -> bool {
    matches!(c, '\u{25A0}'..='\u{25FF}' | '\u{2605}' | '\u{2606}')
}

/// Box drawing and block elements that are not lines: +.
fn is_box(c: char) -> bool {
    matches!(c, '\u{2500}'..='\u{259F}')
}

/// The character's compatibility decomposition without its accents (é → e,
/// ™ → TM, ⑴ → (1)), when that is unambiguous and visible.
fn decomposed(c: char) -> Option<String> {
    let s: String = std::iter::once(c)
        .nfkd()
        .filter(|&d| !is_combining_mark(d))
        .collect();
    let visible = s.chars().any(|d| d.width().unwrap_or(0) > 0);
    (visible && !s.chars().any(|d| is_ambiguous(d) || d.is_control())).then_some(s)
}

/// Replaces every ambiguous-width character of `s` so that every terminal
/// draws the result at the width [`super::width::width`] measures:
///
/// * quotes “”‘’ → 「」『』, ellipsis … → `...`, dashes — → －, – → `-`,
///   middle dots · → ・, ℃ → 摄氏度, ° → 度, arrows → `->`, ① → （1）,
///   × → `x`, ≤ → `<=` and similar;
/// * bullets and shapes (● ■ ★) → ・; box drawing → `-`, `|` or `+`;
/// * other characters → their compatibility form without accents when that
///   is unambiguous (é → e, ™ → TM), else [`REPLACEMENT`] (Greek and
///   Cyrillic letters, private-use characters);
/// * variation selectors, skin-tone modifiers and regional indicators are
///   removed.
///
/// Borrowed when nothing needed replacing.
pub fn unambiguous(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_ambiguous(c) || is_width_modifier(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_width_modifier(c) {
            continue;
        }
        if !is_ambiguous(c) {
            out.push(c);
        } else if let Some(r) = fixed(c) {
            out.push_str(r);
        } else if let Some(r) = circled(c) {
            out.push_str(&r);
        } else if is_shape(c) {
            out.push('・');
        } else if is_box(c) {
            out.push('+');
        } else if let Some(r) = decomposed(c) {
            out.push_str(&r);
        } else {
            out.push(REPLACEMENT);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_text_with_plain_punctuation_is_untouched() {
        let s = "市总工会、市妇联（配合）：完成率64%，2021年12月31日。";
        assert!(matches!(unambiguous(s), Cow::Borrowed(_)));
    }

    #[test]
    fn typographic_quotes_become_corner_brackets() {
        assert_eq!(unambiguous("“她力量”建功"), "「她力量」建功");
        assert_eq!(unambiguous("‘巾帼’"), "『巾帼』");
    }

    #[test]
    fn ellipsis_dash_and_dots_have_plain_equivalents() {
        assert_eq!(unambiguous("推进中……"), "推进中......");
        assert_eq!(unambiguous("巾帼——建功"), "巾帼－－建功");
        assert_eq!(unambiguous("2021–2025"), "2021-2025");
        assert_eq!(unambiguous("居里·夫人"), "居里・夫人");
    }

    #[test]
    fn symbols_are_spelled_out() {
        assert_eq!(unambiguous("气温25℃"), "气温25摄氏度");
        assert_eq!(unambiguous("①调研②座谈"), "（1）调研（2）座谈");
        assert_eq!(unambiguous("●重点"), "・重点");
        assert_eq!(unambiguous("┌─┐"), "+-+");
        assert_eq!(unambiguous("café™"), "cafeTM");
    }

    #[test]
    fn letters_without_an_equivalent_use_the_geta_mark() {
        assert_eq!(unambiguous("α粒子"), "〓粒子");
        assert_eq!(unambiguous("\u{E000}"), "〓");
    }

    #[test]
    fn width_modifiers_are_dropped() {
        assert_eq!(unambiguous("❤\u{FE0F}好"), "❤好");
        assert_eq!(unambiguous("👍\u{1F3FD}"), "👍");
    }

    #[test]
    fn the_result_has_no_ambiguous_character() {
        let s = "“”‘’…—–·※℃°×÷±≤≥→①⑳●■★─│┼▓αБé™\u{E000}¼ⅰ§¶";
        let out = unambiguous(s);
        assert!(!out.chars().any(is_ambiguous), "{out}");
    }
}
