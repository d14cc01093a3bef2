//! Dates as office staff type them, and dates as official text.
//!
//! Deadlines and as-of dates are typed by people who write `12月31日`,
//! `下周五` or `月底` far more often than ISO dates, often with a Chinese
//! input method that produces full-width digits and punctuation. This module
//! turns all of those into a `NaiveDate` relative to an explicit as-of date
//! (never the wall clock), explains failures in both languages, and renders
//! dates the way 公文 expect (`2021年6月9日`).

use chrono::{Datelike, Months, NaiveDate, TimeDelta};
use thiserror::Error;

/// Official Chinese date text: `2021年6月9日`, no leading zeros.
pub fn format_cn(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// ISO 8601 calendar date: `2021-06-09`.
pub fn format_iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The day a change takes effect unless the user says otherwise: the
/// as-of date being looked at, or today when that lies in the future.
pub fn default_effective(as_of: NaiveDate, today: NaiveDate) -> NaiveDate {
    as_of.min(today)
}

/// Days from `a` to `b` (`b - a`); negative when `b` is earlier.
pub fn days_between(a: NaiveDate, b: NaiveDate) -> i64 {
    b.signed_duration_since(a).num_days()
}

/// Why a typed date could not be understood.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DateInputError {
    #[error("no date was entered")]
    Empty,
    #[error("\"{input}\" is not a real date: there is no month {month} (months run from 1 to 12)")]
    MonthOutOfRange { input: String, month: u32 },
    #[error("\"{input}\" is not a real date: {}", day_problem_en(*.year, *.month, *.day))]
    DayOutOfRange {
        input: String,
        year: i32,
        month: u32,
        day: u32,
    },
    #[error("\"{input}\" lies outside the range of dates that can be handled")]
    OutOfRange { input: String },
    #[error(
        "\"{input}\" is not a recognised date; write e.g. 2021-12-31, 20211231, 2021年12月31日, 12-31, 明天, 下周五, 月底, 季末 or +3d"
    )]
    Unrecognised { input: String },
}

impl DateInputError {
    /// The same message in Chinese, for the console's status line.
    pub fn zh(&self) -> String {
        match self {
            Self::Empty => "没有输入日期".to_string(),
            Self::MonthOutOfRange { input, month } => {
                format!("“{input}”不是有效日期：没有{month}月，月份应在1到12之间")
            }
            Self::DayOutOfRange {
                input,
                year,
                month,
                day,
            } => {
                if *day == 0 {
                    format!("“{input}”不是有效日期：日期从1日开始")
                } else {
                    let n = days_in_month(*year, *month);
                    format!("“{input}”不是有效日期：{year}年{month}月只有{n}天")
                }
            }
            Self::OutOfRange { input } => format!("“{input}”超出了可处理的日期范围"),
            Self::Unrecognised { input } => format!(
                "无法识别日期“{input}”：可写作 2021-12-31、20211231、2021年12月31日、12-31、明天、下周五、月底、季末 或 +3d"
            ),
        }
    }
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn day_problem_en(year: i32, month: u32, day: u32) -> String {
    if day == 0 {
        return "days are numbered from 1".to_string();
    }
    let name = month
        .checked_sub(1)
        .and_then(|i| MONTHS_EN.get(i as usize))
        .copied()
        .unwrap_or("that month");
    format!("{name} {year} has {} days", days_in_month(year, month))
}

/// Number of days in `month` of `year` (31 for a month outside 1..=12).
pub(crate) fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if NaiveDate::from_ymd_opt(year, 2, 29).is_some() => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Last day of the month `offset` months after the month containing `d`.
fn month_end(d: NaiveDate, offset: i32) -> Option<NaiveDate> {
    let first = d.with_day(1)?;
    let first = if offset >= 0 {
        first.checked_add_months(Months::new(offset.unsigned_abs()))?
    } else {
        first.checked_sub_months(Months::new(offset.unsigned_abs()))?
    };
    first.with_day(days_in_month(first.year(), first.month()))
}

/// Last day of the quarter `offset` quarters after the one containing `d`.
fn quarter_end(d: NaiveDate, offset: i32) -> Option<NaiveDate> {
    let to_quarter_end = (3 - d.month() % 3) % 3;
    month_end(d, i32::try_from(to_quarter_end).ok()? + offset * 3)
}

fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    d.checked_add_signed(TimeDelta::try_days(n)?)
}

/// Folds the ways a Chinese IME or a spreadsheet may write the same text:
/// full-width ASCII becomes half-width, dash and tilde look-alikes become
/// `-` and `~`, `。` becomes `.`, ASCII is lowercased and all whitespace
/// (including the ideographic space) is removed.
pub(crate) fn normalize(input: &str) -> String {
    input
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            '\u{301C}' => '~',
            '。' => '.',
            _ => c,
        })
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Ascii digits, or a small Chinese numeral (`三`, `两`, `十二`, `二十一`).
pub(crate) fn small_number(s: &str) -> Option<u32> {
    if is_digits(s) {
        return s.parse().ok();
    }
    let digit = |c: char| "零一二三四五六七八九".chars().position(|d| d == c);
    let digit = |c: char| match c {
        '两' => Some(2),
        '〇' => Some(0),
        _ => digit(c).and_then(|i| u32::try_from(i).ok()),
    };
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        [c] => digit(*c),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

pub(crate) fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Parses 1–`max_len` ascii digits.
pub(crate) fn digits(s: &str, max_len: usize) -> Option<u32> {
    if is_digits(s) && s.len() <= max_len {
        s.parse().ok()
    } else {
        None
    }
}

/// Parses a typed date relative to `today` (the as-of date).
///
/// Accepted: `2021-12-31` (also `/` `.` separators, unpadded), `20211231`,
/// `2021年12月31日`/`号`, month-day in today's year (`12月31日`, `12-31`,
/// `12/31`), `今天` `明天` `昨天` `后天` (and English), weekdays of this,
/// next or last Monday-based week (`周五`, `下周五`, `星期天`, `礼拜一`),
/// `月底` `下月底` `上月底` `季末` `下季末` `年底`, and offsets `+3d` `-2w`
/// `+1m` `+1y` or `3天后` `2周前` `1个月后` (months clamp to month end).
pub fn parse_date_input(input: &str, today: NaiveDate) -> Result<NaiveDate, DateInputError> {
    parse_date_with(input, today, YearRule::OfReference)
}

/// How a date typed without a year (`12月31日`, `12-31`) gets one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearRule {
    /// The year of the reference day: a due date typed in a form.
    OfReference,
    /// The latest such day not after the reference day: an as-of date or a
    /// date of effect typed as `12月31日` on 2026-03-05 is 2025-12-31.
    LatestNotAfter,
    /// This year: a date in an import row takes the year of its period.
    Year(i32),
}

/// [`parse_date_input`] with the rule for dates typed without a year.
pub fn parse_date_with(
    input: &str,
    today: NaiveDate,
    rule: YearRule,
) -> Result<NaiveDate, DateInputError> {
    let shown = input.trim();
    let s = normalize(input);
    if s.is_empty() {
        return Err(DateInputError::Empty);
    }
    let yearless = |month: u32, day: u32| year_for(month, day, today, rule);
    let found = keyword(&s, today)
        .or_else(|| weekday(&s, today))
        .or_else(|| offset(&s, today))
        .or_else(|| cn_date(&s, &yearless))
        .or_else(|| numeric_date(&s, &yearless));
    match found {
        Some(Ok(d)) => Ok(d),
        Some(Err(fault)) => Err(fault.with_input(shown)),
        None => Err(DateInputError::Unrecognised {
            input: shown.to_string(),
        }),
    }
}

/// A recognised form that still does not name a date.
enum Fault {
    Month(u32),
    Day(i32, u32, u32),
    Range,
}

impl Fault {
    fn with_input(self, input: &str) -> DateInputError {
        let input = input.to_string();
        match self {
            Fault::Month(month) => DateInputError::MonthOutOfRange { input, month },
            Fault::Day(year, month, day) => DateInputError::DayOutOfRange {
                input,
                year,
                month,
                day,
            },
            Fault::Range => DateInputError::OutOfRange { input },
        }
    }
}

type Found = Option<Result<NaiveDate, Fault>>;

fn ymd(year: i32, month: u32, day: u32) -> Result<NaiveDate, Fault> {
    if !(1..=12).contains(&month) {
        return Err(Fault::Month(month));
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or(Fault::Day(year, month, day))
}

/// Named days: `今天`, `明天`, `月底`, `季末`, `年底`…
fn keyword(s: &str, today: NaiveDate) -> Found {
    let date = match s {
        "今天" | "今日" | "today" => add_days(today, 0),
        "明天" | "明日" | "tomorrow" => add_days(today, 1),
        "昨天" | "昨日" | "yesterday" => add_days(today, -1),
        "后天" => add_days(today, 2),
        "前天" => add_days(today, -2),
        "大后天" => add_days(today, 3),
        "月底" | "月末" | "本月底" | "本月末" => month_end(today, 0),
        "下月底" | "下月末" | "下个月底" | "下个月末" => month_end(today, 1),
        "上月底" | "上月末" | "上个月底" | "上个月末" => month_end(today, -1),
        "季末" | "本季末" | "季度末" | "本季度末" => quarter_end(today, 0),
        "下季末" | "下季度末" | "下个季度末" => quarter_end(today, 1),
        "上季末" | "上季度末" | "上个季度末" => quarter_end(today, -1),
        "年底" | "年末" | "本年底" | "今年底" | "本年末" | "今年年底" => {
            NaiveDate::from_ymd_opt(today.year(), 12, 31)
        }
        _ => return None,
    };
    Some(date.ok_or(Fault::Range))
}

/// `周五`, `本周五`, `这周五`, `下周五`, `上周五`, `星期天`, `下个礼拜一`…
fn weekday(s: &str, today: NaiveDate) -> Found {
    let (week, rest) = [
        ("下个", 1),
        ("下", 1),
        ("上个", -1),
        ("上", -1),
        ("本", 0),
        ("这个", 0),
        ("这", 0),
    ]
    .iter()
    .find_map(|(p, w)| s.strip_prefix(p).map(|r| (*w, r)))
    .unwrap_or((0, s));
    let day = ["周", "星期", "礼拜"]
        .iter()
        .find_map(|p| rest.strip_prefix(p))?;
    let target = match day {
        "一" | "1" => 0,
        "二" | "2" => 1,
        "三" | "3" => 2,
        "四" | "4" => 3,
        "五" | "5" => 4,
        "六" | "6" => 5,
        "日" | "天" | "7" => 6,
        _ => return None,
    };
    let from_monday = i64::from(today.weekday().num_days_from_monday());
    Some(add_days(today, 7 * week + target - from_monday).ok_or(Fault::Range))
}

#[derive(Clone, Copy)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

/// `+3d`, `-2w`, `+1m`, `+1y`, `3天后`, `2周前`, `三个月后`, `1年后`.
fn offset(s: &str, today: NaiveDate) -> Found {
    let (forward, count, unit) = ascii_offset(s).or_else(|| cn_offset(s))?;
    let Some(n) = small_number(count) else {
        // All digits but too long for a u32: a real offset, just far too big.
        return is_digits(count).then_some(Err(Fault::Range));
    };
    let months = |per: u32| n.checked_mul(per).map(Months::new);
    let moved = match unit {
        Unit::Day | Unit::Week => {
            let per = if matches!(unit, Unit::Week) { 7 } else { 1 };
            let n = i64::from(n) * per;
            add_days(today, if forward { n } else { -n })
        }
        Unit::Month | Unit::Year => {
            let per = if matches!(unit, Unit::Year) { 12 } else { 1 };
            months(per).and_then(|m| {
                if forward {
                    today.checked_add_months(m)
                } else {
                    today.checked_sub_months(m)
                }
            })
        }
    };
    Some(moved.ok_or(Fault::Range))
}

fn ascii_offset(s: &str) -> Option<(bool, &str, Unit)> {
    let (forward, rest) = match s.strip_prefix('-') {
        Some(rest) => (false, rest),
        None => (true, s.strip_prefix('+').unwrap_or(s)),
    };
    let (count, unit) = rest.split_at_checked(rest.len().checked_sub(1)?)?;
    let unit = match unit {
        "d" => Unit::Day,
        "w" => Unit::Week,
        "m" => Unit::Month,
        "y" => Unit::Year,
        _ => return None,
    };
    is_digits(count).then_some((forward, count, unit))
}

fn cn_offset(s: &str) -> Option<(bool, &str, Unit)> {
    let (rest, forward) = [
        ("以后", true),
        ("之后", true),
        ("后", true),
        ("以前", false),
        ("之前", false),
        ("前", false),
    ]
    .iter()
    .find_map(|(suffix, f)| s.strip_suffix(suffix).map(|r| (r, *f)))?;
    [
        ("个星期", Unit::Week),
        ("个礼拜", Unit::Week),
        ("星期", Unit::Week),
        ("礼拜", Unit::Week),
        ("周", Unit::Week),
        ("个月", Unit::Month),
        ("天", Unit::Day),
        ("日", Unit::Day),
        ("年", Unit::Year),
    ]
    .iter()
    .find_map(|(word, unit)| rest.strip_suffix(word).map(|c| (forward, c, *unit)))
    .filter(|(_, count, _)| !count.is_empty())
}

/// Exactly four ascii digits as a year.
pub(crate) fn year4(s: &str) -> Option<i32> {
    if s.len() == 4 {
        i32::try_from(digits(s, 4)?).ok()
    } else {
        None
    }
}

/// The date `month`/`day` of the year `rule` gives.
fn year_for(month: u32, day: u32, today: NaiveDate, rule: YearRule) -> Result<NaiveDate, Fault> {
    match rule {
        YearRule::OfReference => ymd(today.year(), month, day),
        YearRule::Year(y) => ymd(y, month, day),
        YearRule::LatestNotAfter => {
            // The day of this year, or of the latest year before in which
            // it exists (2月29日) and is not after the reference day.
            let first = ymd(today.year(), month, day);
            if matches!(first, Err(Fault::Month(_))) {
                return first;
            }
            (today.year() - 8..=today.year())
                .rev()
                .find_map(|y| ymd(y, month, day).ok().filter(|d| *d <= today))
                .map_or(first, Ok)
        }
    }
}

/// `2021年12月31日`, `2021年12月31号`, `12月31日` (the year by the rule).
fn cn_date(s: &str, yearless: &dyn Fn(u32, u32) -> Result<NaiveDate, Fault>) -> Found {
    let (year, rest) = match s.split_once('年') {
        Some((y, rest)) => (Some(year4(y)?), rest),
        None => (None, s),
    };
    let (month, day) = rest.split_once('月')?;
    let day = day
        .strip_suffix('日')
        .or_else(|| day.strip_suffix('号'))
        .unwrap_or(day);
    let (month, day) = (digits(month, 2)?, digits(day, 2)?);
    Some(match year {
        Some(y) => ymd(y, month, day),
        None => yearless(month, day),
    })
}

/// `2021-12-31`, `2021/1/5`, `2021.12.31`, `20211231`, `12-31`, `12/31`.
fn numeric_date(s: &str, yearless: &dyn Fn(u32, u32) -> Result<NaiveDate, Fault>) -> Found {
    if s.len() == 8 && is_digits(s) {
        let (y, md) = s.split_at(4);
        let (m, d) = md.split_at(2);
        return Some(ymd(year4(y)?, digits(m, 2)?, digits(d, 2)?));
    }
    let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 => Some(ymd(year4(y)?, digits(m, 2)?, digits(d, 2)?)),
        [m, d] => Some(yearless(digits(m, 2)?, digits(d, 2)?)),
        _ => None,
    }
}

/// Whether the text names the year of `resolved` (`2021-12-31`,
/// `2021年12月31日`); when it does not (`12月31日`, `月底`, `+3d`), the
/// resolved date should be shown back to whoever typed it.
pub fn names_its_year(input: &str, resolved: NaiveDate) -> bool {
    normalize(input).contains(&resolved.year().to_string())
}

#[cfg(test)]
mod input_table;

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        match NaiveDate::from_ymd_opt(y, m, d) {
            Some(date) => date,
            None => panic!("test table holds an impossible date {y}-{m}-{d}"),
        }
    }

    #[test]
    fn impossible_day_names_the_month_length_in_both_languages() {
        let err = parse_date_input("2021-02-30", ymd(2021, 12, 15));
        let Err(err) = err else {
            panic!("2021-02-30 was accepted")
        };
        assert_eq!(
            err.to_string(),
            "\"2021-02-30\" is not a real date: February 2021 has 28 days"
        );
        assert_eq!(err.zh(), "“2021-02-30”不是有效日期：2021年2月只有28天");
    }

    #[test]
    fn day_zero_and_month_thirteen_explain_themselves() {
        let today = ymd(2021, 12, 15);
        let Err(zero) = parse_date_input("2021-12-00", today) else {
            panic!("day 0 accepted")
        };
        assert!(zero.to_string().contains("numbered from 1"), "{zero}");
        let Err(thirteen) = parse_date_input("2021年13月1日", today) else {
            panic!("month 13 accepted")
        };
        assert_eq!(
            thirteen.zh(),
            "“2021年13月1日”不是有效日期：没有13月，月份应在1到12之间"
        );
    }

    #[test]
    fn formats_are_official_chinese_and_iso() {
        let d = ymd(2021, 6, 9);
        assert_eq!(format_cn(d), "2021年6月9日");
        assert_eq!(format_iso(d), "2021-06-09");
        assert_eq!(format_cn(ymd(2021, 12, 31)), "2021年12月31日");
    }

    /// Regression: `--as-of 12月31日` meant 31 December of the current
    /// year, a day still to come for most of it.
    #[test]
    fn a_day_without_a_year_is_the_latest_not_after_the_reference_when_asked() {
        let rule = YearRule::LatestNotAfter;
        let march = ymd(2026, 3, 5);
        assert_eq!(
            parse_date_with("12月31日", march, rule),
            Ok(ymd(2025, 12, 31))
        );
        assert_eq!(parse_date_with("12-31", march, rule), Ok(ymd(2025, 12, 31)));
        assert_eq!(parse_date_with("3月5日", march, rule), Ok(march));
        assert_eq!(parse_date_with("3月6日", march, rule), Ok(ymd(2025, 3, 6)));
        // 29 February: the latest leap year's.
        assert_eq!(
            parse_date_with("2月29日", march, rule),
            Ok(ymd(2024, 2, 29))
        );
        // A full date, a keyword and an impossible day are as always.
        assert_eq!(
            parse_date_with("2027-01-01", march, rule),
            Ok(ymd(2027, 1, 1))
        );
        assert_eq!(parse_date_with("月底", march, rule), Ok(ymd(2026, 3, 31)));
        assert!(parse_date_with("13月1日", march, rule).is_err());
        assert!(parse_date_with("2月30日", march, rule).is_err());
        // A period's year, and the default (the reference's year).
        assert_eq!(
            parse_date_with("12月31日", march, YearRule::Year(2021)),
            Ok(ymd(2021, 12, 31))
        );
        assert_eq!(parse_date_input("12月31日", march), Ok(ymd(2026, 12, 31)));
        assert!(names_its_year("2021年12月31日", ymd(2021, 12, 31)));
        assert!(!names_its_year("12月31日", ymd(2021, 12, 31)));
    }

    #[test]
    fn days_between_is_signed_b_minus_a() {
        assert_eq!(days_between(ymd(2021, 12, 15), ymd(2022, 1, 1)), 17);
        assert_eq!(days_between(ymd(2022, 1, 1), ymd(2021, 12, 15)), -17);
        assert_eq!(days_between(ymd(2024, 2, 1), ymd(2024, 3, 1)), 29);
    }
}
