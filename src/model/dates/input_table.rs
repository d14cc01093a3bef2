//! Table-driven proof that every accepted way of typing a date resolves
//! to the right day, against several as-of dates (a Wednesday, a Sunday,
//! the year end, January 31 and a leap day), and that bad input is refused
//! with the right typed error.

use super::tests::ymd;
use super::{DateInputError, parse_date_input};
use chrono::{Datelike, NaiveDate, Weekday};

/// Every accepted form: (as-of date, typed text, expected date).
fn check_table(today: NaiveDate, table: &[(&str, NaiveDate)]) {
    for (typed, want) in table {
        assert_eq!(
            parse_date_input(typed, today),
            Ok(*want),
            "typed {typed:?} with today {today}"
        );
    }
}

#[test]
fn every_form_resolves_against_a_wednesday() {
    let today = ymd(2021, 12, 15);
    assert_eq!(today.weekday(), Weekday::Wed);
    let dec31 = ymd(2021, 12, 31);
    check_table(
        today,
        &[
            ("2021-12-31", dec31),
            ("2021-1-5", ymd(2021, 1, 5)),
            ("2021/12/31", dec31),
            ("2021.12.31", dec31),
            ("20211231", dec31),
            ("2021年12月31日", dec31),
            ("2021年12月31号", dec31),
            ("2021 年 12 月 31 日", dec31),
            ("12月31日", dec31),
            ("1月5号", ymd(2021, 1, 5)),
            ("12-31", dec31),
            ("12/31", dec31),
            ("今天", today),
            ("今日", today),
            ("today", today),
            ("Today", today),
            ("明天", ymd(2021, 12, 16)),
            ("tomorrow", ymd(2021, 12, 16)),
            ("昨天", ymd(2021, 12, 14)),
            ("yesterday", ymd(2021, 12, 14)),
            ("后天", ymd(2021, 12, 17)),
            ("下周五", ymd(2021, 12, 24)),
            ("下星期五", ymd(2021, 12, 24)),
            ("下个礼拜五", ymd(2021, 12, 24)),
            ("本周五", ymd(2021, 12, 17)),
            ("这周五", ymd(2021, 12, 17)),
            ("周五", ymd(2021, 12, 17)),
            ("星期五", ymd(2021, 12, 17)),
            ("礼拜五", ymd(2021, 12, 17)),
            ("周一", ymd(2021, 12, 13)),
            ("周三", today),
            ("周日", ymd(2021, 12, 19)),
            ("星期天", ymd(2021, 12, 19)),
            ("下周一", ymd(2021, 12, 20)),
            ("下周日", ymd(2021, 12, 26)),
            ("上周五", ymd(2021, 12, 10)),
            ("月底", dec31),
            ("本月底", dec31),
            ("下月底", ymd(2022, 1, 31)),
            ("上月底", ymd(2021, 11, 30)),
            ("季末", dec31),
            ("本季末", dec31),
            ("下季末", ymd(2022, 3, 31)),
            ("年底", dec31),
            ("年末", dec31),
            ("+3d", ymd(2021, 12, 18)),
            ("-2d", ymd(2021, 12, 13)),
            ("+2w", ymd(2021, 12, 29)),
            ("+1m", ymd(2022, 1, 15)),
            ("+1y", ymd(2022, 12, 15)),
            ("3d", ymd(2021, 12, 18)),
            ("3天后", ymd(2021, 12, 18)),
            ("三天后", ymd(2021, 12, 18)),
            ("2周后", ymd(2021, 12, 29)),
            ("两个星期后", ymd(2021, 12, 29)),
            ("3天前", ymd(2021, 12, 12)),
            ("1个月后", ymd(2022, 1, 15)),
            ("十天以后", ymd(2021, 12, 25)),
        ],
    );
}

#[test]
fn full_width_input_and_surrounding_spaces_are_accepted() {
    let today = ymd(2021, 12, 15);
    let dec31 = ymd(2021, 12, 31);
    check_table(
        today,
        &[
            ("  2021-12-31  ", dec31),
            ("\u{3000}明天\u{3000}", ymd(2021, 12, 16)),
            ("２０２１－１２－３１", dec31),
            ("２０２１／１２／３１", dec31),
            ("２０２１．１２．３１", dec31),
            ("２０２１年１２月３１日", dec31),
            ("１２／３１", dec31),
            ("２０２１—１２—３１", dec31),
            ("＋３ｄ", ymd(2021, 12, 18)),
            ("＋３Ｄ", ymd(2021, 12, 18)),
            ("－２ｄ", ymd(2021, 12, 13)),
        ],
    );
}

#[test]
fn weeks_run_monday_to_sunday_when_today_is_sunday() {
    let today = ymd(2021, 12, 19);
    assert_eq!(today.weekday(), Weekday::Sun);
    check_table(
        today,
        &[
            ("周五", ymd(2021, 12, 17)),
            ("周日", today),
            ("周一", ymd(2021, 12, 13)),
            ("下周一", ymd(2021, 12, 20)),
            ("下周五", ymd(2021, 12, 24)),
            ("明天", ymd(2021, 12, 20)),
        ],
    );
}

#[test]
fn relative_forms_cross_the_year_end_from_december_31() {
    let today = ymd(2021, 12, 31);
    check_table(
        today,
        &[
            ("明天", ymd(2022, 1, 1)),
            ("+1d", ymd(2022, 1, 1)),
            ("月底", today),
            ("季末", today),
            ("年底", today),
            ("下月底", ymd(2022, 1, 31)),
            ("下周一", ymd(2022, 1, 3)),
            ("+1m", ymd(2022, 1, 31)),
            ("1-1", ymd(2021, 1, 1)),
            ("1月1日", ymd(2021, 1, 1)),
        ],
    );
}

#[test]
fn month_offsets_clamp_to_month_end_from_january_31() {
    let today = ymd(2022, 1, 31);
    check_table(
        today,
        &[
            ("+1m", ymd(2022, 2, 28)),
            ("1个月后", ymd(2022, 2, 28)),
            ("+2m", ymd(2022, 3, 31)),
            ("-1m", ymd(2021, 12, 31)),
            ("下月底", ymd(2022, 2, 28)),
            ("季末", ymd(2022, 3, 31)),
            ("周一", today),
            ("周日", ymd(2022, 2, 6)),
        ],
    );
    assert_eq!(
        parse_date_input("+1m", ymd(2024, 1, 31)),
        Ok(ymd(2024, 2, 29))
    );
}

#[test]
fn leap_day_anchor_handles_month_and_year_offsets() {
    let today = ymd(2024, 2, 29);
    check_table(
        today,
        &[
            ("月底", today),
            ("明天", ymd(2024, 3, 1)),
            ("2月29日", today),
            ("季末", ymd(2024, 3, 31)),
            ("年底", ymd(2024, 12, 31)),
            ("+1m", ymd(2024, 3, 29)),
            ("-1m", ymd(2024, 1, 29)),
            ("+1y", ymd(2025, 2, 28)),
            ("本周五", ymd(2024, 3, 1)),
            ("下周五", ymd(2024, 3, 8)),
        ],
    );
}

#[test]
fn month_day_without_year_is_checked_against_todays_year() {
    let result = parse_date_input("2月29日", ymd(2021, 3, 1));
    assert_eq!(
        result,
        Err(DateInputError::DayOutOfRange {
            input: "2月29日".into(),
            year: 2021,
            month: 2,
            day: 29
        })
    );
}

#[test]
fn bad_input_gives_a_typed_error_naming_it() {
    let today = ymd(2021, 12, 15);
    let cases = [
        ("", DateInputError::Empty),
        ("　 ", DateInputError::Empty),
        (
            "2021-13-01",
            DateInputError::MonthOutOfRange {
                input: "2021-13-01".into(),
                month: 13,
            },
        ),
        (
            "2021年4月31日",
            DateInputError::DayOutOfRange {
                input: "2021年4月31日".into(),
                year: 2021,
                month: 4,
                day: 31,
            },
        ),
        (
            "+99999999999d",
            DateInputError::OutOfRange {
                input: "+99999999999d".into(),
            },
        ),
        (
            "+300000y",
            DateInputError::OutOfRange {
                input: "+300000y".into(),
            },
        ),
    ];
    for (typed, want) in cases {
        assert_eq!(parse_date_input(typed, today), Err(want), "typed {typed:?}");
    }
    for typed in [
        "下下周五",
        "明年",
        "abc",
        "2021-12",
        "1231",
        "周八",
        "3个工作日后",
    ] {
        let Err(err) = parse_date_input(typed, today) else {
            panic!("{typed:?} was accepted")
        };
        assert_eq!(
            err,
            DateInputError::Unrecognised {
                input: typed.into()
            }
        );
        assert!(err.to_string().contains(typed), "{err}");
        assert!(err.zh().contains(typed), "{}", err.zh());
    }
}
