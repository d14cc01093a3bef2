//! Reading periods as people write them: recognise the shape of the text
//! first (`Written`), then check it against the plan's reporting kind, so a
//! month is never quietly filed as a quarter or the reverse.

use super::super::dates::{digits, is_digits, normalize, small_number, year4};
use super::{MAX_YEAR, MIN_YEAR, Period, PeriodKind, PeriodParseError};

/// See `Period::parse`.
pub(super) fn parse(input: &str, kind: PeriodKind) -> Result<Period, PeriodParseError> {
    let shown = input.trim().to_string();
    let s = normalize(input);
    if s.is_empty() {
        return Err(PeriodParseError::Empty);
    }
    let unrecognised = || PeriodParseError::Unrecognised {
        input: shown.clone(),
        kind,
    };
    let written = read(&s).ok_or_else(unrecognised)?;
    if !(MIN_YEAR..=MAX_YEAR).contains(&written.year()) {
        return Err(unrecognised());
    }
    resolve(written, kind, shown)
}

/// What the text says before checking it against the plan's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Written {
    Quarter(i32, u32),
    Month(i32, u32),
    /// Months `first` to `last` of a year, e.g. `2021年10-12月`.
    Span(i32, u32, u32),
}

impl Written {
    fn year(self) -> i32 {
        match self {
            Self::Quarter(y, _) | Self::Month(y, _) | Self::Span(y, _, _) => y,
        }
    }
}

const RANGE_SEPS: [char; 4] = ['-', '~', '至', '到'];

/// Recognises the shape of normalised text (lowercase, no spaces, half-width).
fn read(s: &str) -> Option<Written> {
    let year = year4(s.get(..4)?)?;
    let rest = s.get(4..)?;
    if rest.len() == 2 && is_digits(rest) {
        return Some(Written::Month(year, digits(rest, 2)?));
    }
    if let Some(rest) = rest
        .strip_prefix("年度")
        .or_else(|| rest.strip_prefix('年'))
    {
        return read_cn(year, rest);
    }
    let (sep, rest) = match rest.strip_prefix(['-', '/', '.', '_']) {
        Some(after) => (rest.chars().next(), after),
        None => (None, rest),
    };
    if let Some(q) = rest.strip_prefix('q') {
        return Some(Written::Quarter(year, digits(q, 1)?));
    }
    // `2021-10-12` reads as a date, so after a `-` only `~ 至 到` mark a span.
    let seps: &[char] = match sep? {
        '-' => &RANGE_SEPS[1..],
        _ => &RANGE_SEPS,
    };
    if let Some((a, b)) = rest.split_once(seps) {
        return Some(Written::Span(year, digits(a, 2)?, digits(b, 2)?));
    }
    Some(Written::Month(year, digits(rest, 2)?))
}

/// The part after `2021年`: `第四季度`, `4季度`, `q4`, `10月`, `10-12月`…
fn read_cn(year: i32, rest: &str) -> Option<Written> {
    if let Some(q) = rest.strip_prefix('q') {
        return Some(Written::Quarter(year, digits(q, 1)?));
    }
    if let Some(q) = rest
        .strip_suffix("季度")
        .or_else(|| rest.strip_suffix('季'))
    {
        let q = q.strip_prefix('第').unwrap_or(q);
        return Some(Written::Quarter(year, small_number(q)?));
    }
    let months = rest
        .strip_suffix("月份")
        .or_else(|| rest.strip_suffix('月'))?;
    let month = |m: &str| {
        if is_digits(m) {
            digits(m, 2)
        } else {
            small_number(m)
        }
    };
    match months.split_once(RANGE_SEPS) {
        Some((a, b)) => {
            let a = a.strip_suffix('月').unwrap_or(a);
            Some(Written::Span(year, month(a)?, month(b)?))
        }
        None => Some(Written::Month(year, month(months)?)),
    }
}

/// Checks what was written against the plan's reporting kind.
fn resolve(written: Written, kind: PeriodKind, input: String) -> Result<Period, PeriodParseError> {
    let month = |y: i32, m: u32, input: &str| {
        Period::month(y, m).ok_or_else(|| PeriodParseError::MonthOutOfRange {
            input: input.to_string(),
            month: m,
        })
    };
    match (written, kind) {
        (Written::Quarter(y, q), _) => {
            let quarter =
                Period::quarter(y, q).ok_or_else(|| PeriodParseError::QuarterOutOfRange {
                    input: input.clone(),
                    quarter: q,
                })?;
            match kind {
                PeriodKind::Quarter => Ok(quarter),
                PeriodKind::Month => Err(PeriodParseError::QuarterForMonthly {
                    example: Period::containing(PeriodKind::Month, quarter.start()),
                    input,
                }),
            }
        }
        (Written::Month(y, m), PeriodKind::Month) => month(y, m, &input),
        (Written::Month(y, m), PeriodKind::Quarter) => {
            let quarter = Period::containing(PeriodKind::Quarter, month(y, m, &input)?.start());
            Err(PeriodParseError::MonthForQuarterly { input, quarter })
        }
        (Written::Span(y, a, b), _) => {
            let first = month(y, a, &input)?;
            month(y, b, &input)?;
            if a == b {
                return resolve(Written::Month(y, a), kind, input);
            }
            if a % 3 == 1 && b == a + 2 {
                return resolve(Written::Quarter(y, b / 3), kind, input);
            }
            match kind {
                PeriodKind::Month => Err(PeriodParseError::SpanForMonthly {
                    input,
                    example: first,
                }),
                PeriodKind::Quarter => Err(PeriodParseError::NotAQuarter {
                    input,
                    first: a,
                    last: b,
                }),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{m, q};
    use super::*;

    const QUARTER: PeriodKind = PeriodKind::Quarter;
    const MONTH: PeriodKind = PeriodKind::Month;

    #[test]
    fn every_quarter_spelling_reads_as_that_quarter() {
        let q4 = q(2021, 4);
        let table = [
            ("2021Q4", q4),
            ("2021-Q4", q4),
            ("2021 Q4", q4),
            ("2021q4", q4),
            ("  2021Q4  ", q4),
            ("2021年第四季度", q4),
            ("2021年四季度", q4),
            ("2021年第4季度", q4),
            ("2021年4季度", q4),
            ("2021年第四季", q4),
            ("2021年度第四季度", q4),
            ("2021年10-12月", q4),
            ("2021年10月-12月", q4),
            ("2021年10～12月", q4),
            ("2021年10月至12月", q4),
            ("2021.10-12", q4),
            ("2021/10-12", q4),
            ("2021-10~12", q4),
            ("２０２１Ｑ４", q4),
            ("２０２１ｑ４", q4),
            ("２０２１年第四季度", q4),
            ("２０２１．１０－１２", q4),
            ("2021年第一季度", q(2021, 1)),
            ("2021年1-3月", q(2021, 1)),
            ("2022年二季度", q(2022, 2)),
        ];
        for (written, want) in table {
            assert_eq!(Period::parse(written, QUARTER), Ok(want), "{written:?}");
        }
    }

    #[test]
    fn every_month_spelling_reads_as_that_month() {
        let oct = m(2021, 10);
        let table = [
            ("2021-10", oct),
            ("2021/10", oct),
            ("2021.10", oct),
            ("202110", oct),
            ("2021年10月", oct),
            ("2021年10月份", oct),
            ("2021年十月", oct),
            ("２０２１－１０", oct),
            ("２０２１年１０月", oct),
            (" 2021-10 ", oct),
            ("2021-1", m(2021, 1)),
            ("2021年1月", m(2021, 1)),
            ("2021年10-10月", oct),
        ];
        for (written, want) in table {
            assert_eq!(Period::parse(written, MONTH), Ok(want), "{written:?}");
        }
    }

    #[test]
    fn a_month_for_a_quarterly_plan_is_refused_with_the_quarter_suggested() {
        for written in ["2021-10", "2021年11月", "202112"] {
            let Err(err) = Period::parse(written, QUARTER) else {
                panic!("{written:?} accepted for a quarterly plan")
            };
            assert_eq!(
                err,
                PeriodParseError::MonthForQuarterly {
                    input: written.into(),
                    quarter: q(2021, 4)
                }
            );
            assert!(err.to_string().contains("reports quarterly"), "{err}");
            assert!(err.to_string().contains(written), "{err}");
            assert!(err.zh().contains("按季度报送"), "{}", err.zh());
        }
    }

    #[test]
    fn a_quarter_for_a_monthly_plan_is_refused() {
        for written in ["2021Q4", "2021年第四季度", "2021年10-12月"] {
            let Err(err) = Period::parse(written, MONTH) else {
                panic!("{written:?} accepted for a monthly plan")
            };
            assert_eq!(
                err,
                PeriodParseError::QuarterForMonthly {
                    input: written.into(),
                    example: m(2021, 10)
                }
            );
            assert!(err.to_string().contains("reports monthly"), "{err}");
        }
    }

    #[test]
    fn a_month_span_that_is_not_a_quarter_is_refused() {
        let err = Period::parse("2021年11-12月", QUARTER);
        assert_eq!(
            err,
            Err(PeriodParseError::NotAQuarter {
                input: "2021年11-12月".into(),
                first: 11,
                last: 12
            })
        );
        let Err(err) = err else { return };
        assert!(err.to_string().contains("not a calendar quarter"), "{err}");
        assert!(err.zh().contains("不是一个完整季度"), "{}", err.zh());
        assert_eq!(
            Period::parse("2021年11-12月", MONTH),
            Err(PeriodParseError::SpanForMonthly {
                input: "2021年11-12月".into(),
                example: m(2021, 11)
            })
        );
        for (written, first, last) in [("2021年2-4月", 2, 4), ("2021.12-10", 12, 10)] {
            let want = PeriodParseError::NotAQuarter {
                input: written.into(),
                first,
                last,
            };
            assert_eq!(Period::parse(written, QUARTER), Err(want), "{written:?}");
        }
    }

    #[test]
    fn out_of_range_and_unreadable_periods_name_the_input() {
        let cases = [
            ("", QUARTER, PeriodParseError::Empty),
            ("　", MONTH, PeriodParseError::Empty),
            (
                "2021Q5",
                QUARTER,
                PeriodParseError::QuarterOutOfRange {
                    input: "2021Q5".into(),
                    quarter: 5,
                },
            ),
            (
                "2021年第五季度",
                QUARTER,
                PeriodParseError::QuarterOutOfRange {
                    input: "2021年第五季度".into(),
                    quarter: 5,
                },
            ),
            (
                "2021-13",
                MONTH,
                PeriodParseError::MonthOutOfRange {
                    input: "2021-13".into(),
                    month: 13,
                },
            ),
            (
                "2021年10-13月",
                QUARTER,
                PeriodParseError::MonthOutOfRange {
                    input: "2021年10-13月".into(),
                    month: 13,
                },
            ),
        ];
        for (written, kind, want) in cases {
            assert_eq!(Period::parse(written, kind), Err(want), "{written:?}");
        }
        for (written, kind) in [
            ("下季度", QUARTER),
            ("2021", QUARTER),
            ("20211231", MONTH),
            ("2021-10-12", QUARTER),
            ("0000Q1", QUARTER),
            ("21Q4", QUARTER),
            ("2021年", MONTH),
        ] {
            let Err(err) = Period::parse(written, kind) else {
                panic!("{written:?} accepted")
            };
            assert_eq!(
                err,
                PeriodParseError::Unrecognised {
                    input: written.into(),
                    kind
                }
            );
            assert!(err.to_string().contains(written), "{err}");
            assert!(err.zh().contains(written), "{}", err.zh());
        }
    }
}
