//! Reading the value cells of a returned sheet: indicator figures as
//! people type them (1,234 / 1，234 / １２３ / 12个) and dates as Excel
//! writes them back (2021/12/20, 2021/12/20 0:00).

use chrono::NaiveDate;

use crate::model::dates::{DateInputError, YearRule, parse_date_with};

/// Why a cell is not a usable figure.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NumberError {
    #[error("\"{0}\" is not a number")]
    NotANumber(String),
    #[error("\"{0}\" has its thousands separators in the wrong places (write 1,234 or 1234)")]
    BadGrouping(String),
    #[error("\"{0}\" is negative; a reported figure counts something and cannot be below zero")]
    Negative(String),
}

/// Folds full-width digits and punctuation to ASCII and drops spaces.
fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '，' | '、' => ',',
            '．' | '。' => '.',
            '－' | '−' => '-',
            '＋' => '+',
            c => c,
        })
        .collect()
}

/// Reads an indicator figure. Accepts full-width digits, thousands
/// separators in their proper places (ASCII or full-width comma),
/// surrounding spaces, and the indicator's own unit of measure after the
/// number (`12个` in a 个 column). Returns `None` for a blank cell.
pub fn parse_number(cell: &str, measure: &str) -> Result<Option<f64>, NumberError> {
    let shown = cell.trim();
    let mut s = fold(cell);
    if s.is_empty() {
        return Ok(None);
    }
    let measure = fold(measure);
    if !measure.is_empty()
        && let Some(stripped) = s.strip_suffix(measure.as_str())
    {
        s = stripped.to_string();
    }
    let not_a_number = || NumberError::NotANumber(shown.to_string());
    let body = s.strip_prefix('+').unwrap_or(&s);
    let (negative, body) = match body.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, body),
    };
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    if int.is_empty() && frac.is_none_or(str::is_empty) {
        return Err(not_a_number());
    }
    if let Some(f) = frac
        && (f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(not_a_number());
    }
    let digits: String = if int.contains(',') {
        let groups: Vec<&str> = int.split(',').collect();
        let well_formed = groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()))
            && (1..=3).contains(&groups[0].len())
            && groups[1..].iter().all(|g| g.len() == 3);
        if !well_formed {
            return Err(
                if groups
                    .iter()
                    .flat_map(|g| g.bytes())
                    .all(|b| b.is_ascii_digit())
                {
                    NumberError::BadGrouping(shown.to_string())
                } else {
                    not_a_number()
                },
            );
        }
        groups.concat()
    } else {
        if !int.bytes().all(|b| b.is_ascii_digit()) {
            return Err(not_a_number());
        }
        int.to_string()
    };
    let text = match frac {
        Some(f) => format!("{}.{f}", if digits.is_empty() { "0" } else { &digits }),
        None => digits,
    };
    let value: f64 = text.parse().map_err(|_| not_a_number())?;
    if !value.is_finite() {
        return Err(not_a_number());
    }
    if negative && value != 0.0 {
        return Err(NumberError::Negative(shown.to_string()));
    }
    Ok(Some(value))
}

/// Reads a 报送日期 cell relative to `today`, a date without a year taking
/// the year `rule` gives; Excel's midnight time (`2021/12/20 0:00`,
/// `2021-12-20 00:00:00`) is dropped.
pub fn parse_date(
    cell: &str,
    today: NaiveDate,
    rule: YearRule,
) -> Result<NaiveDate, DateInputError> {
    let trimmed = cell.trim();
    let date_part = match trimmed.split_once(' ') {
        Some((d, t))
            if !t.is_empty()
                && t.trim()
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == ':' || c == '.')
                && t.contains(':') =>
        {
            d
        }
        _ => trimmed,
    };
    parse_date_with(date_part, today, rule)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_read_as_people_type_them() {
        assert_eq!(parse_number("1,234", "个"), Ok(Some(1234.0)));
        assert_eq!(parse_number("1，234", "个"), Ok(Some(1234.0)));
        assert_eq!(parse_number("１２３", "个"), Ok(Some(123.0)));
        assert_eq!(parse_number(" 12个 ", "个"), Ok(Some(12.0)));
        assert_eq!(parse_number("1,234,567.5", "人次"), Ok(Some(1_234_567.5)));
        assert_eq!(parse_number("０．５", "场"), Ok(Some(0.5)));
        assert_eq!(parse_number(".5", "场"), Ok(Some(0.5)));
        assert_eq!(parse_number("", "场"), Ok(None));
        assert_eq!(parse_number("　", "场"), Ok(None));
    }

    #[test]
    fn non_figures_are_refused_with_the_cell() {
        assert_eq!(
            parse_number("十二", "个"),
            Err(NumberError::NotANumber("十二".into()))
        );
        assert_eq!(
            parse_number("12场", "个"),
            Err(NumberError::NotANumber("12场".into()))
        );
        assert_eq!(
            parse_number("12,34", "个"),
            Err(NumberError::BadGrouping("12,34".into()))
        );
        assert_eq!(
            parse_number("-3", "个"),
            Err(NumberError::Negative("-3".into()))
        );
        assert!(parse_number("1e400", "个").is_err());
        assert!(parse_number("NaN", "个").is_err());
        assert!(parse_number("1.", "个").is_err());
        assert!(parse_number("-", "个").is_err());
    }

    #[test]
    fn excel_dates_with_midnight_are_read() {
        let today = NaiveDate::from_ymd_opt(2022, 1, 5).unwrap();
        let d = NaiveDate::from_ymd_opt(2021, 12, 20).unwrap();
        let r = YearRule::OfReference;
        assert_eq!(parse_date("2021/12/20", today, r), Ok(d));
        assert_eq!(parse_date("2021/12/20 0:00", today, r), Ok(d));
        assert_eq!(parse_date("2021-12-20 00:00:00", today, r), Ok(d));
        assert!(parse_date("2021-02-30", today, r).is_err());
        assert_eq!(parse_date("12月20日", today, YearRule::Year(2021)), Ok(d));
    }
}
