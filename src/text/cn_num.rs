//! Chinese numerals (一, 十一, 一百零一).
//!
//! Official documents number their outline levels in Chinese (`一、`,
//! `十二、`, `（三）`), and the console both writes such markers and reads
//! them back from imported plans. Only the canonical forms are produced and
//! accepted, so a marker round-trips exactly.

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/// Place names inside a four-digit section, highest first.
const PLACES: [Option<char>; 4] = [Some('千'), Some('百'), Some('十'), None];

/// Writes `n` as a canonical Chinese numeral.
///
/// `0` → 零, `10` → 十, `11` → 十一, `20` → 二十, `101` → 一百零一,
/// `110` → 一百一十, `10_010` → 一万零一十, `100_000` → 十万.
/// The leading 一 of 一十 is dropped only at the very start of the number
/// (十, 十万, 十亿); a run of zeros is written as one 零.
pub fn cn_numeral(n: u32) -> String {
    if n == 0 {
        return "零".to_owned();
    }
    let sections = [
        (n / 100_000_000, Some('亿')),
        ((n / 10_000) % 10_000, Some('万')),
        (n % 10_000, None),
    ];
    let mut out = String::new();
    let mut need_zero = false;
    for (value, unit) in sections {
        if value == 0 {
            need_zero = !out.is_empty();
            continue;
        }
        if need_zero || (!out.is_empty() && value < 1000) {
            out.push('零');
        }
        need_zero = false;
        let leading = out.is_empty();
        write_section(&mut out, value, leading);
        if let Some(unit) = unit {
            out.push(unit);
        }
    }
    out
}

/// Writes a section `1..=9999` without its 万/亿 unit.
fn write_section(out: &mut String, value: u32, leading: bool) {
    let digits = [
        value / 1000,
        (value / 100) % 10,
        (value / 10) % 10,
        value % 10,
    ];
    let mut started = false;
    let mut pending_zero = false;
    for (d, place) in digits.into_iter().zip(PLACES) {
        if d == 0 {
            pending_zero |= started;
            continue;
        }
        if pending_zero {
            out.push('零');
            pending_zero = false;
        }
        let drop_one = d == 1 && place == Some('十') && !started && leading;
        if !drop_one {
            out.push(DIGITS[d as usize]);
        }
        if let Some(place) = place {
            out.push(place);
        }
        started = true;
    }
}

/// Reads a canonical Chinese numeral back: the exact inverse of
/// [`cn_numeral`], except that 〇 is accepted wherever 零 is.
///
/// Anything else — 两, 一十二, digit strings like 二〇二一, surrounding
/// punctuation such as the `、` of an outline marker — gives `None`; strip
/// the marker's punctuation first.
pub fn parse_cn_numeral(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    let mut total: u64 = 0; // completed 亿 part
    let mut wan: u64 = 0; // completed 万 part below 亿
    let mut section: u64 = 0; // 千百十 part being read
    let mut digit: Option<u64> = None;
    for c in s.chars() {
        match c {
            '零' | '〇' => {}
            '十' | '百' | '千' => {
                let place = match c {
                    '十' => 10,
                    '百' => 100,
                    _ => 1000,
                };
                section = section.saturating_add(digit.take().unwrap_or(1) * place);
            }
            '万' => {
                wan = section
                    .saturating_add(digit.take().unwrap_or(0))
                    .saturating_mul(10_000);
                section = 0;
            }
            '亿' => {
                total = wan
                    .saturating_add(section)
                    .saturating_add(digit.take().unwrap_or(0))
                    .saturating_mul(100_000_000);
                wan = 0;
                section = 0;
            }
            _ => {
                let d = DIGITS.iter().position(|&x| x == c)?;
                if digit.is_some() {
                    return None;
                }
                digit = Some(d as u64);
            }
        }
    }
    let value = total
        .saturating_add(wan)
        .saturating_add(section)
        .saturating_add(digit.unwrap_or(0));
    let n = u32::try_from(value).ok()?;
    // Leniency above, strictness here: only the canonical spelling passes.
    let canonical = cn_numeral(n);
    let same = canonical
        .chars()
        .eq(s.chars().map(|c| if c == '〇' { '零' } else { c }));
    same.then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_the_small_numbers_of_outline_markers() {
        let cases = [
            (0, "零"),
            (1, "一"),
            (9, "九"),
            (10, "十"),
            (11, "十一"),
            (12, "十二"),
            (20, "二十"),
            (21, "二十一"),
            (99, "九十九"),
            (100, "一百"),
            (101, "一百零一"),
            (110, "一百一十"),
            (111, "一百一十一"),
            (999, "九百九十九"),
        ];
        for (n, s) in cases {
            assert_eq!(cn_numeral(n), s, "{n}");
        }
    }

    #[test]
    fn writes_one_zero_for_a_run_of_zeros() {
        assert_eq!(cn_numeral(1001), "一千零一");
        assert_eq!(cn_numeral(1010), "一千零一十");
        assert_eq!(cn_numeral(1100), "一千一百");
        assert_eq!(cn_numeral(10_001), "一万零一");
        assert_eq!(cn_numeral(10_010), "一万零一十");
        assert_eq!(cn_numeral(100_010), "十万零一十");
        assert_eq!(cn_numeral(1_000_100), "一百万零一百");
        assert_eq!(cn_numeral(100_001_000), "一亿零一千");
        assert_eq!(cn_numeral(201_000_000), "二亿零一百万");
    }

    #[test]
    fn writes_large_units() {
        assert_eq!(cn_numeral(10_000), "一万");
        assert_eq!(cn_numeral(100_000), "十万");
        assert_eq!(cn_numeral(110_000), "十一万");
        assert_eq!(cn_numeral(1_000_000_000), "十亿");
        assert_eq!(cn_numeral(110_000_000), "一亿一千万");
        assert_eq!(
            cn_numeral(u32::MAX),
            "四十二亿九千四百九十六万七千二百九十五"
        );
    }

    #[test]
    fn reads_outline_markers() {
        assert_eq!(parse_cn_numeral("一"), Some(1));
        assert_eq!(parse_cn_numeral("十"), Some(10));
        assert_eq!(parse_cn_numeral("十二"), Some(12));
        assert_eq!(parse_cn_numeral("二十"), Some(20));
        assert_eq!(parse_cn_numeral("一百零一"), Some(101));
        assert_eq!(parse_cn_numeral("一百〇一"), Some(101));
        assert_eq!(parse_cn_numeral("零"), Some(0));
        assert_eq!(parse_cn_numeral("〇"), Some(0));
        assert_eq!(parse_cn_numeral("十万零一十"), Some(100_010));
    }

    #[test]
    fn rejects_non_canonical_forms() {
        for s in [
            "",
            "两",
            "一十二",
            "二〇二一",
            "十二、",
            "一二",
            "百",
            "一百一",
            "零一",
            "一百零零一",
            "十十",
            "万",
            "四十二亿九千四百九十六万七千二百九十六",
        ] {
            assert_eq!(parse_cn_numeral(s), None, "{s:?}");
        }
    }

    #[test]
    fn survives_absurdly_long_input() {
        let s = "九千".repeat(5000) + "万亿";
        assert_eq!(parse_cn_numeral(&s), None);
    }

    #[test]
    fn round_trips_every_number_up_to_twenty_thousand() {
        for n in 0..=20_000 {
            assert_eq!(parse_cn_numeral(&cn_numeral(n)), Some(n), "{n}");
        }
    }

    #[test]
    fn round_trips_selected_large_numbers() {
        for n in [
            100_000_000,
            100_000_001,
            123_456_789,
            1_000_010_000,
            4_000_000_000,
            u32::MAX,
        ] {
            assert_eq!(parse_cn_numeral(&cn_numeral(n)), Some(n), "{n}");
        }
    }
}
