//! Terminal column arithmetic.
//!
//! The console lays out Chinese text in fixed-width cells: a Han character
//! takes two columns, ASCII one, control characters none. Byte or `char`
//! counts are wrong for every one of those, so all layout code measures with
//! the functions here. Wrapping lives in [`super::wrap`] and is re-exported.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

pub use super::wrap::wrap;

/// Display width of `s` in terminal columns.
///
/// Uses the standard (non-CJK) Unicode width tables: East Asian wide and
/// full-width characters count 2, ambiguous characters (`“`, `…`, `—`) count
/// 1, combining marks and zero-width characters count 0. Control characters
/// (C0, DEL, C1) count 0 — they should have been made visible with
/// [`super::sanitize::for_display`] before they reach the screen anyway.
pub fn width(s: &str) -> usize {
    // unicode-width gives control characters width 1 inside strings, so
    // measure the runs between them instead.
    s.split(char::is_control).map(UnicodeWidthStr::width).sum()
}

/// Cuts `s` so that it plus `ellipsis` fits in `max` columns.
///
/// The cut is made at a grapheme boundary, so no combining mark or emoji
/// sequence is split, and a wide character that would straddle the limit is
/// dropped whole (the result may then be one column short of `max`). If `s`
/// already fits it is returned unchanged and borrowed. If even the ellipsis
/// does not fit, `s` is cut to `max` columns without one.
pub fn truncate<'a>(s: &'a str, max: usize, ellipsis: &str) -> Cow<'a, str> {
    if width(s) <= max {
        return Cow::Borrowed(s);
    }
    let ell_w = width(ellipsis);
    let (budget, ellipsis) = if ell_w <= max {
        (max - ell_w, ellipsis)
    } else {
        (max, "")
    };
    let mut used = 0;
    let mut end = 0;
    for (idx, g) in s.grapheme_indices(true) {
        let w = width(g);
        if used + w > budget {
            break;
        }
        used += w;
        end = idx + g.len();
    }
    let mut out = String::with_capacity(end + ellipsis.len());
    out.push_str(&s[..end]);
    out.push_str(ellipsis);
    Cow::Owned(out)
}

/// Pads `s` with spaces on the right up to `w` columns; longer text is
/// returned unchanged.
pub fn pad_right(s: &str, w: usize) -> String {
    let have = width(s);
    let mut out = String::with_capacity(s.len() + w.saturating_sub(have));
    out.push_str(s);
    out.extend(std::iter::repeat_n(' ', w.saturating_sub(have)));
    out
}

/// Pads `s` with spaces on the left up to `w` columns (right-aligns it);
/// longer text is returned unchanged.
pub fn pad_left(s: &str, w: usize) -> String {
    let have = width(s);
    let mut out = String::with_capacity(s.len() + w.saturating_sub(have));
    out.extend(std::iter::repeat_n(' ', w.saturating_sub(have)));
    out.push_str(s);
    out
}

/// Truncates `s` (with `ellipsis`) and pads it so that the result is exactly
/// `w` columns wide — the shape of a table cell.
pub fn fit(s: &str, w: usize, ellipsis: &str) -> String {
    pad_right(&truncate(s, w, ellipsis), w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_characters_take_two_columns() {
        assert_eq!(width("渝中区"), 6);
        assert_eq!(width("OSC52"), 5);
        assert_eq!(width("2021年"), 6);
        assert_eq!(width(""), 0);
    }

    #[test]
    fn ambiguous_punctuation_is_narrow() {
        assert_eq!(width("“…”"), 3);
        assert_eq!(width("，。"), 4);
        assert_eq!(width("\u{3000}"), 2);
    }

    #[test]
    fn control_characters_take_no_columns() {
        assert_eq!(width("渝\x1b[2J中"), 4 + 3);
        assert_eq!(width("\r\n"), 0);
        assert_eq!(width("a\tb\u{7f}\u{85}"), 2);
    }

    #[test]
    fn combining_marks_and_emoji_sequences_are_measured_as_glyphs() {
        assert_eq!(width("e\u{301}"), 1);
        assert_eq!(width("👨\u{200d}👩\u{200d}👧"), 2);
    }

    #[test]
    fn truncate_leaves_fitting_text_borrowed() {
        let s = "重庆市渝中区";
        assert!(matches!(truncate(s, 12, "…"), Cow::Borrowed(_)));
        assert!(matches!(truncate(s, 20, "..."), Cow::Borrowed(_)));
    }

    #[test]
    fn truncate_appends_ellipsis_within_limit() {
        assert_eq!(truncate("重庆市渝中区", 7, "…"), "重庆市…");
        assert_eq!(truncate("重庆市渝中区", 9, "..."), "重庆市...");
        assert_eq!(truncate("OSC52剪贴板", 8, "…"), "OSC52剪…");
    }

    #[test]
    fn truncate_drops_a_wide_character_that_would_straddle() {
        // 6 columns minus 1 for "…" leaves 5: two Han characters, not 2.5.
        let out = truncate("渝中区政府", 6, "…");
        assert_eq!(out, "渝中…");
        assert_eq!(width(&out), 5);
    }

    #[test]
    fn truncate_never_splits_a_grapheme() {
        let s = "ae\u{301}e\u{301}e\u{301}";
        assert_eq!(truncate(s, 3, "…"), "ae\u{301}…");
    }

    #[test]
    fn truncate_without_room_for_ellipsis_cuts_bare() {
        assert_eq!(truncate("渝中区", 2, "..."), "渝");
        assert_eq!(truncate("渝中区", 1, "..."), "");
        assert_eq!(truncate("渝中区", 0, "…"), "");
    }

    #[test]
    fn pad_right_fills_to_columns_not_chars() {
        assert_eq!(pad_right("渝中", 6), "渝中  ");
        assert_eq!(pad_right("渝中区", 4), "渝中区");
    }

    #[test]
    fn pad_left_right_aligns() {
        assert_eq!(pad_left("64%", 5), "  64%");
        assert_eq!(pad_left("区", 3), " 区");
    }

    #[test]
    fn fit_is_exactly_the_requested_width() {
        for w in 0..12 {
            for s in ["", "渝", "重庆市渝中区人民政府", "OSC52 复制", "a“b”"] {
                let out = fit(s, w, "…");
                assert_eq!(width(&out), w, "fit({s:?}, {w}) = {out:?}");
            }
        }
        assert_eq!(fit("渝中区政府", 6, "…"), "渝中… ");
    }
}
