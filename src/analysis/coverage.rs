//! Reporting coverage (报送率): which units have reported for a period, who
//! reported late, who is still missing — and which period a meeting means
//! by "this period".

use chrono::NaiveDate;

use crate::db::UnitPeriodStat;
use crate::model::{Period, PeriodKind, PlanInfo, Unit};

/// The period whose reports are due next at `as_of`: the period containing
/// `as_of`, or the previous one while its grace days run (on 5 January the
/// office chases the fourth quarter, not the first). A plan that has ended
/// keeps its last period.
pub fn reporting_period(plan: &PlanInfo, as_of: NaiveDate) -> Period {
    let date = match plan.end {
        Some(end) if as_of > end => end,
        _ => as_of,
    };
    let p = Period::containing(plan.period_kind, date);
    let prev = p.prev();
    if date <= deadline(prev, plan.report_grace_days) {
        match plan.start {
            Some(start) if prev.end() < start => p,
            _ => prev,
        }
    } else {
        p
    }
}

/// The last day a period's report counts as on time.
pub fn deadline(period: Period, grace_days: u32) -> NaiveDate {
    period.end() + chrono::Days::new(u64::from(grace_days))
}

/// Every period of the plan up to and including `last`.
pub fn periods_until(plan: &PlanInfo, last: Period) -> Vec<Period> {
    let kind = plan.period_kind;
    let first = plan
        .start
        .map(|s| Period::containing(kind, s))
        .unwrap_or(last);
    first.iter_to(last).collect()
}

/// How a unit stands for one period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum UnitStanding {
    /// Not reported, and the deadline has passed.
    Missing,
    /// Not reported yet; the deadline has not passed.
    Pending,
    /// Reported after the deadline.
    Late,
    /// Reported on time.
    OnTime,
}

impl UnitStanding {
    pub fn reported(self) -> bool {
        matches!(self, UnitStanding::Late | UnitStanding::OnTime)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            UnitStanding::Missing => "未报送",
            UnitStanding::Pending => "待报送",
            UnitStanding::Late => "逾期报送",
            UnitStanding::OnTime => "已报送",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            UnitStanding::Missing => "missing",
            UnitStanding::Pending => "not yet",
            UnitStanding::Late => "late",
            UnitStanding::OnTime => "on time",
        }
    }
}

/// One unit's line in the coverage of a period.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitCoverage {
    pub unit_id: i64,
    pub standing: UnitStanding,
    pub reports: u32,
    pub first: Option<NaiveDate>,
}

/// Coverage of one period at an as-of date.
#[derive(Debug, Clone, PartialEq)]
pub struct Coverage {
    pub period: Period,
    pub deadline: NaiveDate,
    /// Every unit that exists during the period, in the units' order.
    pub units: Vec<UnitCoverage>,
}

impl Coverage {
    pub fn compute(
        period: Period,
        grace_days: u32,
        as_of: NaiveDate,
        units: &[Unit],
        stats: &[UnitPeriodStat],
    ) -> Coverage {
        let deadline = deadline(period, grace_days);
        let units = units
            .iter()
            .filter(|u| u.active_between(period.start(), period.end()))
            .map(|u| {
                let stat = stats.iter().find(|s| s.unit_id == u.id);
                let standing = match stat {
                    Some(s) if s.first <= deadline => UnitStanding::OnTime,
                    Some(_) => UnitStanding::Late,
                    None if as_of > deadline => UnitStanding::Missing,
                    None => UnitStanding::Pending,
                };
                UnitCoverage {
                    unit_id: u.id,
                    standing,
                    reports: stat.map_or(0, |s| s.reports),
                    first: stat.map(|s| s.first),
                }
            })
            .collect();
        Coverage {
            period,
            deadline,
            units,
        }
    }

    /// Units expected to report.
    pub fn expected(&self) -> usize {
        self.units.len()
    }

    /// Units that have reported (on time or late).
    pub fn reported(&self) -> usize {
        self.units.iter().filter(|u| u.standing.reported()).count()
    }

    /// Units that have not reported (missing or pending), in order.
    pub fn not_reported(&self) -> impl Iterator<Item = &UnitCoverage> {
        self.units.iter().filter(|u| !u.standing.reported())
    }

    pub fn late(&self) -> impl Iterator<Item = &UnitCoverage> {
        self.units
            .iter()
            .filter(|u| u.standing == UnitStanding::Late)
    }
}

/// Which kind a plan reports by, for messages.
pub fn cycle_zh(kind: PeriodKind) -> &'static str {
    match kind {
        PeriodKind::Quarter => "季度",
        PeriodKind::Month => "月度",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn plan() -> PlanInfo {
        PlanInfo {
            title: "方案".into(),
            action_name: "行动".into(),
            doc_number: None,
            issued_on: None,
            recipients: None,
            preamble: String::new(),
            period_kind: PeriodKind::Quarter,
            start: Some(d(2021, 6, 9)),
            end: Some(d(2025, 12, 31)),
            warning_days: 30,
            report_grace_days: 10,
            version: 1,
        }
    }

    fn unit(id: i64, name: &str) -> Unit {
        Unit {
            id,
            code: None,
            name: name.into(),
            short_name: name.into(),
            kind: String::new(),
            valid_from: None,
            valid_to: None,
            position: id as u32,
            version: 1,
        }
    }

    #[test]
    fn the_reporting_period_includes_the_grace_days() {
        let p = plan();
        assert_eq!(reporting_period(&p, d(2021, 12, 31)).code(), "2021Q4");
        assert_eq!(reporting_period(&p, d(2022, 1, 5)).code(), "2021Q4");
        assert_eq!(reporting_period(&p, d(2022, 1, 11)).code(), "2022Q1");
        assert_eq!(reporting_period(&p, d(2026, 11, 29)).code(), "2025Q4");
        // The plan began on 9 June, so its short first quarter is chased in July…
        assert_eq!(reporting_period(&p, d(2021, 7, 3)).code(), "2021Q2");
        // …but a plan that began in July has no earlier period to chase.
        let july = PlanInfo {
            start: Some(d(2021, 7, 1)),
            ..plan()
        };
        assert_eq!(reporting_period(&july, d(2021, 7, 3)).code(), "2021Q3");
    }

    #[test]
    fn periods_run_from_the_plans_start() {
        let p = plan();
        let all = periods_until(&p, Period::quarter(2025, 4).unwrap());
        assert_eq!(all.len(), 19);
        assert_eq!(all[0].code(), "2021Q2");
    }

    #[test]
    fn units_are_on_time_late_missing_or_pending() {
        let units = vec![
            unit(1, "渝中区"),
            unit(2, "城口县"),
            unit(3, "巫溪县"),
            unit(4, "万盛经开区"),
        ];
        let q4 = Period::quarter(2021, 4).unwrap();
        let stats = vec![
            UnitPeriodStat {
                unit_id: 1,
                reports: 13,
                first: d(2021, 12, 20),
                last: d(2021, 12, 21),
            },
            UnitPeriodStat {
                unit_id: 2,
                reports: 2,
                first: d(2022, 1, 20),
                last: d(2022, 1, 20),
            },
        ];
        let c = Coverage::compute(q4, 10, d(2022, 1, 31), &units, &stats);
        let standing: Vec<_> = c.units.iter().map(|u| u.standing).collect();
        assert_eq!(
            standing,
            [
                UnitStanding::OnTime,
                UnitStanding::Late,
                UnitStanding::Missing,
                UnitStanding::Missing
            ]
        );
        assert_eq!((c.reported(), c.expected()), (2, 4));
        let early = Coverage::compute(q4, 10, d(2021, 12, 31), &units, &stats[..1]);
        assert_eq!(early.units[1].standing, UnitStanding::Pending);
    }

    #[test]
    fn units_that_ended_before_the_period_are_not_expected() {
        let mut gone = unit(2, "旧区");
        gone.valid_to = Some(d(2021, 9, 30));
        let c = Coverage::compute(
            Period::quarter(2021, 4).unwrap(),
            10,
            d(2022, 1, 31),
            &[unit(1, "新区"), gone],
            &[],
        );
        assert_eq!(c.expected(), 1);
    }
}
