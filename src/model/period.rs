//! Reporting periods (报送期次): the quarter or month a report belongs to.
//!
//! Each plan reports either quarterly or monthly. The database stores a
//! period by its canonical code (`2021Q4`, `2021-10`); people read it as
//! `2021年第四季度` or `2021年10月`; and spreadsheets arrive with every
//! other spelling in between. `Period::parse` accepts those spellings, but
//! refuses to silently turn a month into a quarter or the reverse, because
//! that mistake files a report under the wrong period.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use thiserror::Error;

use super::dates::{days_in_month, digits, year4};

/// How often a plan reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PeriodKind {
    Quarter,
    Month,
}

impl PeriodKind {
    /// Stored form: `"quarter"` or `"month"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Quarter => "quarter",
            Self::Month => "month",
        }
    }

    fn per_year(self) -> u32 {
        match self {
            Self::Quarter => 4,
            Self::Month => 12,
        }
    }

    fn examples(self) -> &'static str {
        match self {
            Self::Quarter => "2021Q4, 2021年第四季度 or 2021年10-12月",
            Self::Month => "2021-10, 202110 or 2021年10月",
        }
    }

    fn examples_zh(self) -> &'static str {
        match self {
            Self::Quarter => "按季度报送，可写作 2021Q4、2021年第四季度 或 2021年10-12月",
            Self::Month => "按月报送，可写作 2021-10、202110 或 2021年10月",
        }
    }
}

impl fmt::Display for PeriodKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for PeriodKind {
    type Err = PeriodParseError;

    /// Strict inverse of `as_str`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "quarter" => Ok(Self::Quarter),
            "month" => Ok(Self::Month),
            _ => Err(PeriodParseError::UnknownKind {
                input: s.to_string(),
            }),
        }
    }
}

/// Why a written period could not be used.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PeriodParseError {
    #[error("no reporting period was entered")]
    Empty,
    #[error("\"{input}\" is not a recognised {kind} period; write e.g. {}", .kind.examples())]
    Unrecognised { input: String, kind: PeriodKind },
    #[error("\"{input}\" names month {month}, but months run from 1 to 12")]
    MonthOutOfRange { input: String, month: u32 },
    #[error("\"{input}\" names quarter {quarter}, but quarters run from 1 to 4")]
    QuarterOutOfRange { input: String, quarter: u32 },
    #[error(
        "\"{input}\" is a single month, but this plan reports quarterly; did you mean {quarter}?"
    )]
    MonthForQuarterly { input: String, quarter: Period },
    #[error(
        "\"{input}\" is a quarter, but this plan reports monthly; write a single month such as {example}"
    )]
    QuarterForMonthly { input: String, example: Period },
    #[error(
        "\"{input}\" spans several months, but this plan reports monthly; write a single month such as {example}"
    )]
    SpanForMonthly { input: String, example: Period },
    #[error(
        "\"{input}\" covers months {first} to {last}, which is not a calendar quarter (quarters are months 1-3, 4-6, 7-9 and 10-12)"
    )]
    NotAQuarter {
        input: String,
        first: u32,
        last: u32,
    },
    #[error("\"{input}\" is not a reporting frequency; expected \"quarter\" or \"month\"")]
    UnknownKind { input: String },
}

impl PeriodParseError {
    /// The same message in Chinese, for the console's status line.
    pub fn zh(&self) -> String {
        match self {
            Self::Empty => "没有输入报送期次".to_string(),
            Self::Unrecognised { input, kind } => {
                format!("无法识别期次“{input}”：{}", kind.examples_zh())
            }
            Self::MonthOutOfRange { input, month } => {
                format!("“{input}”中的{month}月不存在，月份应在1到12之间")
            }
            Self::QuarterOutOfRange { input, quarter } => {
                format!("“{input}”中的第{quarter}季度不存在，季度应在1到4之间")
            }
            Self::MonthForQuarterly { input, quarter } => format!(
                "“{input}”是单个月份，但本计划按季度报送；是否应为{}（{quarter}）？",
                quarter.label_cn()
            ),
            Self::QuarterForMonthly { input, example } => {
                format!("“{input}”是一个季度，但本计划按月报送，请填写单个月份，如 {example}")
            }
            Self::SpanForMonthly { input, example } => {
                format!("“{input}”跨越多个月份，但本计划按月报送，请填写单个月份，如 {example}")
            }
            Self::NotAQuarter { input, first, last } => format!(
                "“{input}”（{first}至{last}月）不是一个完整季度，季度应为1-3月、4-6月、7-9月或10-12月"
            ),
            Self::UnknownKind { input } => {
                format!("“{input}”不是报送周期，应为 quarter（季度）或 month（月度）")
            }
        }
    }
}

/// Years a period may have; codes always carry exactly four digits.
const MIN_YEAR: i32 = 1;
const MAX_YEAR: i32 = 9999;

const QUARTERS_CN: [&str; 4] = ["一", "二", "三", "四"];
const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// One quarter or one month of one year (years 1..=9999).
///
/// Ordering is by kind first (all quarters before all months), then
/// chronological, so periods of one kind sort and range naturally.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    kind: PeriodKind,
    year: i32,
    /// Quarter 1..=4 or month 1..=12.
    index: u32,
}

impl Period {
    fn new(kind: PeriodKind, year: i32, index: u32) -> Option<Period> {
        ((MIN_YEAR..=MAX_YEAR).contains(&year) && (1..=kind.per_year()).contains(&index))
            .then_some(Period { kind, year, index })
    }

    /// Quarter `q` (1..=4) of `year`.
    pub fn quarter(year: i32, q: u32) -> Option<Period> {
        Self::new(PeriodKind::Quarter, year, q)
    }

    /// Month `m` (1..=12) of `year`.
    pub fn month(year: i32, m: u32) -> Option<Period> {
        Self::new(PeriodKind::Month, year, m)
    }

    pub fn kind(&self) -> PeriodKind {
        self.kind
    }

    pub fn year(&self) -> i32 {
        self.year
    }

    /// Quarter number 1..=4 or month number 1..=12.
    pub fn index(&self) -> u32 {
        self.index
    }

    /// Periods counted from year 0, so neighbours differ by one.
    fn ordinal(&self) -> i64 {
        i64::from(self.year) * i64::from(self.kind.per_year()) + i64::from(self.index) - 1
    }

    /// Inverse of `ordinal`, saturating at the first and last supported period.
    fn from_ordinal(kind: PeriodKind, n: i64) -> Period {
        let per = i64::from(kind.per_year());
        let n = n.clamp(
            i64::from(MIN_YEAR) * per,
            i64::from(MAX_YEAR) * per + per - 1,
        );
        Period {
            kind,
            year: i32::try_from(n.div_euclid(per)).unwrap_or(MAX_YEAR),
            index: u32::try_from(n.rem_euclid(per) + 1).unwrap_or(1),
        }
    }

    /// The period of `kind` that contains `d` (clamped to years 1..=9999).
    pub fn containing(kind: PeriodKind, d: NaiveDate) -> Period {
        let index = match kind {
            PeriodKind::Quarter => (d.month() - 1) / 3 + 1,
            PeriodKind::Month => d.month(),
        };
        let per = i64::from(kind.per_year());
        Self::from_ordinal(kind, i64::from(d.year()) * per + i64::from(index) - 1)
    }

    fn first_month(&self) -> u32 {
        match self.kind {
            PeriodKind::Quarter => self.index * 3 - 2,
            PeriodKind::Month => self.index,
        }
    }

    fn last_month(&self) -> u32 {
        match self.kind {
            PeriodKind::Quarter => self.index * 3,
            PeriodKind::Month => self.index,
        }
    }

    /// First day of the period.
    pub fn start(&self) -> NaiveDate {
        date(self.year, self.first_month(), 1)
    }

    /// Last day of the period (inclusive).
    pub fn end(&self) -> NaiveDate {
        let m = self.last_month();
        date(self.year, m, days_in_month(self.year, m))
    }

    /// The following period of the same kind (9999Q4 and 9999-12 stay put).
    pub fn next(&self) -> Period {
        Self::from_ordinal(self.kind, self.ordinal() + 1)
    }

    /// The preceding period of the same kind (0001Q1 and 0001-01 stay put).
    pub fn prev(&self) -> Period {
        Self::from_ordinal(self.kind, self.ordinal() - 1)
    }

    /// Canonical stored form: `2021Q4` or `2021-10`.
    pub fn code(&self) -> String {
        match self.kind {
            PeriodKind::Quarter => format!("{:04}Q{}", self.year, self.index),
            PeriodKind::Month => format!("{:04}-{:02}", self.year, self.index),
        }
    }

    /// Strict inverse of `code`: exactly `YYYYQn` or `YYYY-MM`, nothing else.
    pub fn from_code(s: &str) -> Option<Period> {
        let year = year4(s.get(..4)?)?;
        let rest = s.get(4..)?;
        if let Some(q) = rest.strip_prefix('Q') {
            return Self::quarter(year, digits(q, 1)?);
        }
        let m = rest.strip_prefix('-')?;
        if m.len() != 2 {
            return None;
        }
        Self::month(year, digits(m, 2)?)
    }

    /// `2021年第四季度` / `2021年10月`.
    pub fn label_cn(&self) -> String {
        match self.kind {
            PeriodKind::Quarter => {
                let q = index_into(&QUARTERS_CN, self.index);
                format!("{}年第{q}季度", self.year)
            }
            PeriodKind::Month => format!("{}年{}月", self.year, self.index),
        }
    }

    /// `2021 Q4` / `Oct 2021`.
    pub fn label_en(&self) -> String {
        match self.kind {
            PeriodKind::Quarter => format!("{} Q{}", self.year, self.index),
            PeriodKind::Month => format!("{} {}", index_into(&MONTHS_EN, self.index), self.year),
        }
    }

    /// Reads a period as written in a spreadsheet or typed by hand, for a
    /// plan that reports per `kind`.
    ///
    /// Quarters: `2021Q4`, `2021-Q4`, `2021 q4`, `2021年第四季度`,
    /// `2021年4季度`, `2021年10-12月`, `2021年10月-12月`, `2021年10～12月`,
    /// `2021.10-12`. Months: `2021-10`, `2021-1`, `2021/10`, `2021.10`,
    /// `202110`, `2021年10月`. Full-width characters and spaces are fine.
    pub fn parse(input: &str, kind: PeriodKind) -> Result<Period, PeriodParseError> {
        parse::parse(input, kind)
    }

    /// Every period from `self` to `last`, both included. Empty when `last`
    /// is earlier or of a different kind.
    pub fn iter_to(self, last: Period) -> impl Iterator<Item = Period> {
        let kind = self.kind;
        let first = self.ordinal();
        let end = if last.kind == kind {
            last.ordinal()
        } else {
            first - 1
        };
        (first..=end).map(move |n| Self::from_ordinal(kind, n))
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code())
    }
}

/// A date inside a `Period`; valid by construction (year 1..=9999, real
/// month and day), so the fallback is never taken.
fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

fn index_into(names: &[&'static str], index: u32) -> &'static str {
    index
        .checked_sub(1)
        .and_then(|i| names.get(i as usize))
        .copied()
        .unwrap_or("?")
}

mod parse;

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn q(year: i32, q: u32) -> Period {
        Period::quarter(year, q).unwrap_or_else(|| panic!("bad test quarter {year}Q{q}"))
    }

    pub(super) fn m(year: i32, m: u32) -> Period {
        Period::month(year, m).unwrap_or_else(|| panic!("bad test month {year}-{m}"))
    }

    fn ymd(y: i32, mo: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, mo, d).unwrap_or_else(|| panic!("bad test date"))
    }

    #[test]
    fn next_and_prev_cross_year_ends() {
        assert_eq!(q(2021, 4).next(), q(2022, 1));
        assert_eq!(q(2022, 1).prev(), q(2021, 4));
        assert_eq!(q(2021, 2).next(), q(2021, 3));
        assert_eq!(m(2021, 12).next(), m(2022, 1));
        assert_eq!(m(2022, 1).prev(), m(2021, 12));
        assert_eq!(q(9999, 4).next(), q(9999, 4));
        assert_eq!(m(1, 1).prev(), m(1, 1));
    }

    #[test]
    fn start_and_end_cover_each_quarter_and_leap_february() {
        let bounds = [
            (1, ymd(2021, 1, 1), ymd(2021, 3, 31)),
            (2, ymd(2021, 4, 1), ymd(2021, 6, 30)),
            (3, ymd(2021, 7, 1), ymd(2021, 9, 30)),
            (4, ymd(2021, 10, 1), ymd(2021, 12, 31)),
        ];
        for (n, start, end) in bounds {
            assert_eq!((q(2021, n).start(), q(2021, n).end()), (start, end), "Q{n}");
        }
        assert_eq!(m(2024, 2).start(), ymd(2024, 2, 1));
        assert_eq!(m(2024, 2).end(), ymd(2024, 2, 29));
        assert_eq!(m(2023, 2).end(), ymd(2023, 2, 28));
    }

    #[test]
    fn iter_to_is_inclusive_and_same_kind_only() {
        assert_eq!(q(2021, 3).iter_to(q(2025, 4)).count(), 18);
        let months: Vec<String> = m(2021, 11).iter_to(m(2022, 2)).map(|p| p.code()).collect();
        assert_eq!(months, ["2021-11", "2021-12", "2022-01", "2022-02"]);
        assert_eq!(q(2021, 4).iter_to(q(2021, 4)).count(), 1);
        assert_eq!(q(2022, 1).iter_to(q(2021, 4)).count(), 0);
        assert_eq!(q(2021, 1).iter_to(m(2021, 12)).count(), 0);
    }

    #[test]
    fn containing_finds_the_quarter_or_month_of_a_date() {
        let d = ymd(2021, 11, 15);
        assert_eq!(Period::containing(PeriodKind::Quarter, d), q(2021, 4));
        assert_eq!(Period::containing(PeriodKind::Month, d), m(2021, 11));
        assert_eq!(
            Period::containing(PeriodKind::Quarter, ymd(2021, 3, 31)),
            q(2021, 1)
        );
        assert_eq!(
            Period::containing(PeriodKind::Quarter, ymd(2021, 4, 1)),
            q(2021, 2)
        );
    }

    #[test]
    fn constructors_reject_impossible_indexes() {
        assert_eq!(Period::quarter(2021, 0), None);
        assert_eq!(Period::quarter(2021, 5), None);
        assert_eq!(Period::month(2021, 13), None);
        assert_eq!(Period::month(0, 1), None);
        assert!(q(2021, 4) < q(2022, 1));
        assert_eq!(q(2021, 4).kind(), PeriodKind::Quarter);
        assert_eq!(m(2021, 4).kind(), PeriodKind::Month);
    }

    #[test]
    fn code_round_trips_and_from_code_is_strict() {
        for p in q(2019, 1)
            .iter_to(q(2023, 4))
            .chain(m(2019, 1).iter_to(m(2023, 12)))
        {
            assert_eq!(Period::from_code(&p.code()), Some(p), "{p:?}");
            assert_eq!(p.to_string(), p.code());
        }
        assert_eq!(q(2021, 4).code(), "2021Q4");
        assert_eq!(m(2021, 1).code(), "2021-01");
        for bad in [
            "2021q4",
            "2021Q04",
            "2021-1",
            " 2021Q4",
            "2021Q0",
            "2021Q5",
            "2021-13",
            "2021-00",
            "0000Q1",
            "202110",
            "2021年第四季度",
            "2021-Q4",
            "2021Q4 ",
            "",
        ] {
            assert_eq!(Period::from_code(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn labels_read_naturally_in_both_languages() {
        assert_eq!(q(2021, 4).label_cn(), "2021年第四季度");
        assert_eq!(q(2021, 1).label_cn(), "2021年第一季度");
        assert_eq!(m(2021, 10).label_cn(), "2021年10月");
        assert_eq!(m(2021, 1).label_cn(), "2021年1月");
        assert_eq!(q(2021, 4).label_en(), "2021 Q4");
        assert_eq!(m(2021, 10).label_en(), "Oct 2021");
    }

    #[test]
    fn stored_kind_round_trips_and_rejects_anything_else() {
        for kind in [PeriodKind::Quarter, PeriodKind::Month] {
            assert_eq!(kind.as_str().parse::<PeriodKind>(), Ok(kind));
            assert_eq!(kind.to_string(), kind.as_str());
        }
        let Err(err) = "季度".parse::<PeriodKind>() else {
            panic!("季度 accepted as a stored kind")
        };
        assert!(err.to_string().contains("季度") && err.zh().contains("季度"));
    }
}
