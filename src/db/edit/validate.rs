//! Turning what people type into values an operation accepts, and the
//! rules a value must keep. Pure functions: the console's forms call them
//! to show a problem beside its field before saving, the command line calls
//! them on its options, and the operations call them again on what they are
//! given, so a rule holds whichever way a change arrives.

use chrono::NaiveDate;

use super::error::{EditError, EditResult, Field};
use crate::model::dates::{YearRule, format_iso, parse_date_input, parse_date_with};
use crate::model::{Period, PeriodKind, Review, Status};
use crate::text::sanitize::normalize_input;

/// Longest title or name, in characters.
pub const MAX_LINE: usize = 200;
/// Longest multi-line text (a report, a node's body), in characters.
pub const MAX_TEXT: usize = 20_000;

fn too_long(field: Field, n: usize, max: usize) -> EditError {
    EditError::invalid(
        field,
        format!("{} is too long ({n} characters; at most {max})", field.en()),
        format!("{}过长（{n}字，最多{max}字）", field.zh()),
    )
}

pub(crate) fn empty(field: Field) -> EditError {
    EditError::invalid(
        field,
        format!("{} is empty", field.en()),
        format!("{}不能为空", field.zh()),
    )
}

/// A one-line field (title, name): cleaned of control characters, line
/// breaks joined by a space, and not empty.
pub fn line(field: Field, s: &str) -> EditResult<String> {
    optional_line(field, s)?.ok_or_else(|| empty(field))
}

/// A one-line field that may be left empty.
pub fn optional_line(field: Field, s: &str) -> EditResult<Option<String>> {
    let cleaned = normalize_input(s);
    let joined = cleaned
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let joined = joined.trim_matches(|c: char| c.is_whitespace()).to_string();
    let n = joined.chars().count();
    if n > MAX_LINE {
        return Err(too_long(field, n, MAX_LINE));
    }
    Ok((!joined.is_empty()).then_some(joined))
}

/// A multi-line text (report, body): cleaned, line breaks kept.
pub fn text(field: Field, s: &str, required: bool) -> EditResult<String> {
    let cleaned = normalize_input(s);
    let n = cleaned.chars().count();
    if n > MAX_TEXT {
        return Err(too_long(field, n, MAX_TEXT));
    }
    if required && cleaned.trim().is_empty() {
        return Err(empty(field));
    }
    Ok(cleaned)
}

/// A typed date (`2021-12-31`, `12月31日`, `月底`, `+3d` …) relative to the
/// as-of date.
pub fn date(field: Field, s: &str, as_of: NaiveDate) -> EditResult<NaiveDate> {
    parse_date_input(s, as_of).map_err(|e| {
        EditError::invalid(
            field,
            format!("{}: {e}", field.en()),
            format!("{}：{}", field.zh(), e.zh()),
        )
    })
}

/// A date of effect (生效日期) typed in a form or on the command line: read
/// relative to the as-of date (or today, when that lies ahead), a date
/// without a year being the latest such day not after it; never after
/// today (a change is recorded once it has happened).
pub fn effective(s: &str, as_of: NaiveDate, today: NaiveDate) -> EditResult<NaiveDate> {
    date_not_after(Field::Effective, s, as_of.min(today), today)
}

/// A day read relative to `reference`, a date without a year being the
/// latest such day not after it, and refused when after `today`.
pub fn date_not_after(
    field: Field,
    s: &str,
    reference: NaiveDate,
    today: NaiveDate,
) -> EditResult<NaiveDate> {
    let d = parse_date_with(s, reference, YearRule::LatestNotAfter).map_err(|e| {
        EditError::invalid(
            field,
            format!("{}: {e}", field.en()),
            format!("{}：{}", field.zh(), e.zh()),
        )
    })?;
    if d > today {
        return Err(EditError::invalid(
            field,
            format!(
                "{}: {} is after today ({})",
                field.en(),
                format_iso(d),
                format_iso(today)
            ),
            format!(
                "{}：{}晚于今天（{}）",
                field.zh(),
                format_iso(d),
                format_iso(today)
            ),
        ));
    }
    Ok(d)
}

/// Words that clear an optional field.
fn is_none_word(s: &str) -> bool {
    matches!(
        s.trim().to_ascii_lowercase().as_str(),
        "" | "-" | "none" | "clear" | "无" | "空"
    )
}

/// An optional date: empty, `-`, `none` or `无` clear it.
pub fn optional_date(field: Field, s: &str, as_of: NaiveDate) -> EditResult<Option<NaiveDate>> {
    if is_none_word(s) {
        return Ok(None);
    }
    date(field, s, as_of).map(Some)
}

/// The due date must not come before the start date.
pub fn date_order(start: Option<NaiveDate>, due: Option<NaiveDate>) -> EditResult<()> {
    match (start, due) {
        (Some(s), Some(d)) if d < s => Err(EditError::invalid(
            Field::Due,
            format!(
                "due date: {} is before the start date {}",
                format_iso(d),
                format_iso(s)
            ),
            format!("截止日期：{}早于开始日期{}", format_iso(d), format_iso(s)),
        )),
        _ => Ok(()),
    }
}

/// Folds full-width digits and punctuation a Chinese input method types.
fn fold_number(s: &str) -> String {
    s.trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | '_' | ' '))
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' | '。' => '.',
            '－' => '-',
            '＋' => '+',
            '％' => '%',
            c => c,
        })
        .collect()
}

/// A number (`50`, `1.5`, `１２`, `1,300`): finite.
pub fn number(field: Field, s: &str) -> EditResult<f64> {
    let folded = fold_number(s);
    if folded.is_empty() {
        return Err(empty(field));
    }
    match folded.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(EditError::invalid(
            field,
            format!("{}: \"{}\" is not a number", field.en(), s.trim()),
            format!("{}：“{}”不是数字", field.zh(), s.trim()),
        )),
    }
}

/// A quantity that cannot be negative (a target, a reported value).
pub fn non_negative(field: Field, v: f64) -> EditResult<f64> {
    if !v.is_finite() || v < 0.0 {
        return Err(EditError::invalid(
            field,
            format!("{}: {v} is negative; counts start at 0", field.en()),
            format!("{}：{v}为负数，不能小于0", field.zh()),
        ));
    }
    Ok(v)
}

/// An indicator's target: empty for none.
pub fn target(s: &str) -> EditResult<Option<f64>> {
    if is_none_word(s) {
        return Ok(None);
    }
    non_negative(Field::Target, number(Field::Target, s)?).map(Some)
}

/// Progress set by hand: `65`, `65%`; `auto`, `自动` or empty go back to
/// the derived figure.
pub fn progress(s: &str) -> EditResult<Option<u8>> {
    let t = s.trim();
    if is_none_word(t) || matches!(t.to_ascii_lowercase().as_str(), "auto" | "derived" | "自动") {
        return Ok(None);
    }
    let folded = fold_number(t);
    let digits = folded.strip_suffix('%').unwrap_or(&folded);
    let v = number(Field::Progress, digits).map_err(|_| {
        EditError::invalid(
            Field::Progress,
            format!("progress: \"{t}\" is not a percentage (write 0 to 100, or auto)"),
            format!("进度：“{t}”不是百分数（填0到100，或“自动”）"),
        )
    })?;
    progress_value(v).map(Some)
}

/// A progress figure must be a whole number from 0 to 100.
pub fn progress_value(v: f64) -> EditResult<u8> {
    if v.fract() != 0.0 || !(0.0..=100.0).contains(&v) {
        return Err(EditError::invalid(
            Field::Progress,
            format!("progress: {v} is not a whole number from 0 to 100"),
            format!("进度：{v}不是0到100之间的整数"),
        ));
    }
    Ok(v as u8)
}

/// A status typed in Chinese or English (`滞后`, `late`, `in progress`).
pub fn status(s: &str) -> EditResult<Status> {
    s.parse::<Status>().map_err(|e| {
        EditError::invalid(
            Field::Status,
            format!("status: {e}"),
            format!(
                "状态：无法识别“{}”，可选：未启动、推进中、已完成、滞后、暂停",
                s.trim()
            ),
        )
    })
}

/// The reason kept with a status: required for 滞后 and 暂停.
pub fn status_reason(status: Status, reason: Option<&str>) -> EditResult<Option<String>> {
    let reason = match reason {
        Some(r) => optional_line(Field::Reason, r)?,
        None => None,
    };
    if reason.is_none() && status.needs_reason() {
        return Err(EditError::invalid(
            Field::Reason,
            format!(
                "reason is empty: setting the status to {} ({}) needs a reason",
                status.label_zh(),
                status.label_en()
            ),
            format!("状态设为{}时须填写原因", status.label_zh()),
        ));
    }
    Ok(reason)
}

/// A reporting period as written (`2021Q4`, `2021年第四季度` …), of the
/// plan's kind.
pub fn period(s: &str, kind: PeriodKind) -> EditResult<Period> {
    Period::parse(s, kind).map_err(|e| {
        EditError::invalid(
            Field::Period,
            format!("period: {e}"),
            format!("报送期次：{}", e.zh()),
        )
    })
}

/// A review decision: `accept`/`采纳`, `return`/`退回`, `pending`/`待审核`.
pub fn review(s: &str) -> EditResult<Review> {
    match s.trim().to_ascii_lowercase().as_str() {
        "accept" | "accepted" | "采纳" | "已采纳" => Ok(Review::Accepted),
        "return" | "returned" | "退回" => Ok(Review::Returned),
        "pending" | "待审核" | "reset" => Ok(Review::Pending),
        _ => Err(EditError::invalid(
            Field::Review,
            format!(
                "review: \"{}\" is not a decision (use accept, return or pending)",
                s.trim()
            ),
            format!("审核：无法识别“{}”，可选：采纳、退回、待审核", s.trim()),
        )),
    }
}

/// The comment of a review: required when a report is returned.
pub fn review_comment(review: Review, comment: Option<&str>) -> EditResult<Option<String>> {
    let comment = match comment {
        Some(c) => Some(text(Field::Comment, c, false)?).filter(|c| !c.is_empty()),
        None => None,
    };
    if review == Review::Returned && comment.is_none() {
        return Err(EditError::invalid(
            Field::Comment,
            "comment is empty: a returned report needs a comment telling the unit what to change",
            "退回报送时须填写审核意见",
        ));
    }
    Ok(comment)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn an_empty_title_names_the_field() {
        let e = line(Field::Title, "  \n　").unwrap_err();
        assert_eq!(e.to_string(), "title is empty");
        assert_eq!(e.field(), Some(Field::Title));
        assert_eq!(e.zh(), "标题不能为空");
    }

    #[test]
    fn a_title_is_cleaned_and_joined_onto_one_line() {
        let t = line(Field::Title, "组织\x1b[2J专题\n学习  ").unwrap();
        assert_eq!(t, "组织[2J专题 学习");
        let long = "长".repeat(MAX_LINE + 1);
        let e = line(Field::Title, &long).unwrap_err();
        assert!(e.to_string().contains("too long (201 characters"), "{e}");
    }

    #[test]
    fn an_impossible_date_says_so_and_names_the_field() {
        let e = date(Field::Due, "2021-02-30", d(2021, 12, 31)).unwrap_err();
        assert_eq!(
            e.to_string(),
            "due date: \"2021-02-30\" is not a real date: February 2021 has 28 days"
        );
        assert_eq!(e.field(), Some(Field::Due));
        assert!(e.zh().starts_with("截止日期："), "{}", e.zh());
    }

    #[test]
    fn dates_people_type_resolve_against_the_as_of_date() {
        let as_of = d(2021, 12, 15);
        assert_eq!(date(Field::Due, "月底", as_of).unwrap(), d(2021, 12, 31));
        assert_eq!(date(Field::Due, "2月1日", as_of).unwrap(), d(2021, 2, 1));
        assert_eq!(optional_date(Field::Due, "无", as_of).unwrap(), None);
        assert_eq!(optional_date(Field::Due, "", as_of).unwrap(), None);
    }

    #[test]
    fn a_due_date_before_the_start_is_refused() {
        let e = date_order(Some(d(2021, 6, 1)), Some(d(2021, 1, 1))).unwrap_err();
        assert_eq!(
            e.to_string(),
            "due date: 2021-01-01 is before the start date 2021-06-01"
        );
        assert!(date_order(Some(d(2021, 6, 1)), Some(d(2021, 6, 1))).is_ok());
        assert!(date_order(None, Some(d(2021, 6, 1))).is_ok());
    }

    #[test]
    fn numbers_accept_full_width_digits_and_refuse_words() {
        assert_eq!(number(Field::Value, "１２").unwrap(), 12.0);
        assert_eq!(number(Field::Value, "1,300").unwrap(), 1300.0);
        let e = number(Field::Value, "五十").unwrap_err();
        assert_eq!(e.to_string(), "value: \"五十\" is not a number");
        assert_eq!(target("").unwrap(), None);
        assert!(target("-5").unwrap_err().to_string().contains("negative"));
    }

    #[test]
    fn progress_is_a_whole_percentage_or_auto() {
        assert_eq!(progress("65%").unwrap(), Some(65));
        assert_eq!(progress("６５％").unwrap(), Some(65));
        assert_eq!(progress("自动").unwrap(), None);
        assert_eq!(progress("auto").unwrap(), None);
        let e = progress("120").unwrap_err();
        assert_eq!(e.field(), Some(Field::Progress));
        assert!(e.to_string().contains("0 to 100"), "{e}");
        assert!(progress("六成").is_err());
    }

    #[test]
    fn late_and_paused_need_a_reason() {
        let e = status_reason(Status::Late, Some("  ")).unwrap_err();
        assert_eq!(e.field(), Some(Field::Reason));
        assert!(e.to_string().contains("滞后"), "{e}");
        assert_eq!(
            status_reason(Status::Paused, Some("经费未到位")).unwrap(),
            Some("经费未到位".into())
        );
        assert_eq!(status_reason(Status::InProgress, None).unwrap(), None);
        assert_eq!(status("暂停").unwrap(), Status::Paused);
        assert!(
            status("完工")
                .unwrap_err()
                .to_string()
                .starts_with("status:")
        );
    }

    #[test]
    fn a_returned_report_needs_a_comment() {
        assert_eq!(review("退回").unwrap(), Review::Returned);
        assert_eq!(review("accept").unwrap(), Review::Accepted);
        let e = review_comment(Review::Returned, None).unwrap_err();
        assert_eq!(e.field(), Some(Field::Comment));
        assert_eq!(review_comment(Review::Accepted, Some("")).unwrap(), None);
        assert!(review("ok").is_err());
    }

    #[test]
    fn a_period_of_the_wrong_kind_names_the_field() {
        let e = period("2021-10", PeriodKind::Quarter).unwrap_err();
        assert_eq!(e.field(), Some(Field::Period));
        assert!(e.to_string().starts_with("period:"), "{e}");
        assert_eq!(
            period("2021年第四季度", PeriodKind::Quarter)
                .unwrap()
                .code(),
            "2021Q4"
        );
    }
}
