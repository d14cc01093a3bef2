//! Progress, 序时进度 (time-proportional pace) and the warning lights, as
//! pure functions of a node's facts and the as-of date.
//!
//! - Progress of a task: 100 when 已完成; the figure set by hand if any;
//!   otherwise the mean of its own components (each indicator's reported
//!   total against its target, capped at 100%, averaged; the share of its
//!   milestones done) and of its children's mean progress.
//! - Expected progress (序时进度): the elapsed share of the task's window
//!   (its own start/due dates, else its milestones' span, else the plan's
//!   life); none without a window.
//! - Pace: one rule for every task, in `statement` (only 推进中 is classed).
//! - Light: red when overdue (past due, or a milestone past due, not
//!   done) or marked 滞后; yellow when something falls due within the
//!   warning window or the task is behind pace; green otherwise.

use chrono::NaiveDate;

pub use super::statement::{PACE_TOLERANCE, Pace};
use crate::model::Status;

/// 红黄绿灯.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Light {
    Red,
    Yellow,
    Green,
}

impl Light {
    pub const ALL: [Light; 3] = [Light::Red, Light::Yellow, Light::Green];

    pub fn label_zh(self) -> &'static str {
        match self {
            Light::Red => "红灯",
            Light::Yellow => "黄灯",
            Light::Green => "绿灯",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Light::Red => "red",
            Light::Yellow => "yellow",
            Light::Green => "green",
        }
    }
}

/// Mean of the values, or `None` for none.
pub fn mean(values: impl IntoIterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values
        .into_iter()
        .fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

/// What a node's progress is made of.
#[derive(Debug, Clone, Default)]
pub struct ProgressInputs {
    pub status_done: bool,
    pub manual: Option<u8>,
    /// (reported total, target) of each indicator with a positive target.
    pub indicators: Vec<(f64, f64)>,
    /// (done, total) milestones.
    pub milestones: (usize, usize),
    /// Progress of each child node.
    pub children: Vec<f64>,
}

/// Progress in percent, 0–100.
pub fn progress(p: &ProgressInputs) -> f64 {
    if p.status_done {
        return 100.0;
    }
    if let Some(m) = p.manual {
        return f64::from(m.min(100));
    }
    let indicator = mean(
        p.indicators
            .iter()
            .filter(|(_, target)| *target > 0.0)
            .map(|(total, target)| (total / target).min(1.0) * 100.0),
    );
    let (done, total) = p.milestones;
    let milestone = (total > 0).then(|| done as f64 / total as f64 * 100.0);
    let children = mean(p.children.iter().copied());
    mean([indicator, milestone, children].into_iter().flatten()).unwrap_or(0.0)
}

/// Elapsed share of `[start, end]` at `as_of`, in percent; `None` without a
/// usable window.
pub fn expected(start: Option<NaiveDate>, end: Option<NaiveDate>, as_of: NaiveDate) -> Option<f64> {
    let (start, end) = (start?, end?);
    if end <= start {
        return Some(if as_of >= end { 100.0 } else { 0.0 });
    }
    let total = (end - start).num_days() as f64;
    let elapsed = (as_of - start).num_days() as f64;
    Some((elapsed / total).clamp(0.0, 1.0) * 100.0)
}

/// Facts that decide a node's light.
#[derive(Debug, Clone, Copy)]
pub struct LightInputs {
    pub status: Status,
    pub due: Option<NaiveDate>,
    pub pace: Pace,
    /// Milestones past due and not done.
    pub overdue_milestones: usize,
    /// Milestones not done that fall due within the warning window.
    pub soon_milestones: usize,
}

pub fn light(l: &LightInputs, as_of: NaiveDate, warning_days: u32) -> Light {
    if l.status == Status::Done {
        return Light::Green;
    }
    let overdue = l.due.is_some_and(|d| d < as_of);
    if overdue || l.overdue_milestones > 0 || l.status == Status::Late {
        return Light::Red;
    }
    let soon = l.due.is_some_and(|d| due_soon(d, as_of, warning_days));
    if soon || l.soon_milestones > 0 || l.pace == Pace::Behind {
        return Light::Yellow;
    }
    Light::Green
}

/// Whether `due` falls within the warning window starting at `as_of`.
pub fn due_soon(due: NaiveDate, as_of: NaiveDate, warning_days: u32) -> bool {
    due >= as_of && (due - as_of).num_days() <= i64::from(warning_days)
}

/// A milestone's light.
pub fn milestone_light(due: NaiveDate, done: bool, as_of: NaiveDate, warning_days: u32) -> Light {
    if done {
        Light::Green
    } else if due < as_of {
        Light::Red
    } else if due_soon(due, as_of, warning_days) {
        Light::Yellow
    } else {
        Light::Green
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn done_is_full_progress_whatever_the_figures() {
        let p = ProgressInputs {
            status_done: true,
            milestones: (0, 3),
            ..Default::default()
        };
        assert_eq!(progress(&p), 100.0);
    }

    #[test]
    fn progress_averages_indicators_and_milestones() {
        let p = ProgressInputs {
            indicators: vec![(32.0, 50.0), (300.0, 200.0)],
            milestones: (1, 4),
            ..Default::default()
        };
        // indicators: (64 + 100) / 2 = 82; milestones 25; mean 53.5
        assert!((progress(&p) - 53.5).abs() < 1e-9);
    }

    #[test]
    fn manual_progress_wins_over_derived() {
        let p = ProgressInputs {
            manual: Some(40),
            milestones: (4, 4),
            ..Default::default()
        };
        assert_eq!(progress(&p), 40.0);
    }

    #[test]
    fn parents_take_the_mean_of_children() {
        let p = ProgressInputs {
            children: vec![100.0, 50.0, 0.0],
            ..Default::default()
        };
        assert_eq!(progress(&p), 50.0);
        assert_eq!(progress(&ProgressInputs::default()), 0.0);
    }

    #[test]
    fn expected_is_the_elapsed_share() {
        let e = expected(Some(d(2021, 1, 1)), Some(d(2021, 12, 31)), d(2021, 7, 2)).unwrap();
        assert!((e - 50.0).abs() < 0.2, "{e}");
        assert_eq!(
            expected(Some(d(2021, 1, 1)), Some(d(2021, 12, 31)), d(2020, 1, 1)),
            Some(0.0)
        );
        assert_eq!(
            expected(Some(d(2021, 1, 1)), Some(d(2021, 12, 31)), d(2023, 1, 1)),
            Some(100.0)
        );
        assert_eq!(expected(None, Some(d(2021, 12, 31)), d(2021, 6, 1)), None);
    }

    #[test]
    fn lights_follow_dates_and_pace() {
        let as_of = d(2021, 12, 31);
        let base = LightInputs {
            status: Status::InProgress,
            due: Some(d(2022, 6, 30)),
            pace: Pace::OnPace,
            overdue_milestones: 0,
            soon_milestones: 0,
        };
        assert_eq!(light(&base, as_of, 30), Light::Green);
        assert_eq!(
            light(
                &LightInputs {
                    overdue_milestones: 1,
                    ..base
                },
                as_of,
                30
            ),
            Light::Red
        );
        assert_eq!(
            light(
                &LightInputs {
                    due: Some(d(2021, 12, 30)),
                    ..base
                },
                as_of,
                30
            ),
            Light::Red
        );
        assert_eq!(
            light(
                &LightInputs {
                    status: Status::Late,
                    ..base
                },
                as_of,
                30
            ),
            Light::Red
        );
        assert_eq!(
            light(
                &LightInputs {
                    due: Some(d(2022, 1, 20)),
                    ..base
                },
                as_of,
                30
            ),
            Light::Yellow
        );
        assert_eq!(
            light(
                &LightInputs {
                    pace: Pace::Behind,
                    ..base
                },
                as_of,
                30
            ),
            Light::Yellow
        );
        assert_eq!(
            light(
                &LightInputs {
                    status: Status::Done,
                    overdue_milestones: 2,
                    ..base
                },
                as_of,
                30
            ),
            Light::Green
        );
    }

    #[test]
    fn milestone_lights() {
        let as_of = d(2021, 12, 31);
        assert_eq!(
            milestone_light(d(2021, 11, 30), false, as_of, 30),
            Light::Red
        );
        assert_eq!(
            milestone_light(d(2021, 11, 30), true, as_of, 30),
            Light::Green
        );
        assert_eq!(
            milestone_light(d(2022, 1, 15), false, as_of, 30),
            Light::Yellow
        );
        assert_eq!(
            milestone_light(d(2021, 12, 31), false, as_of, 30),
            Light::Yellow
        );
        assert_eq!(
            milestone_light(d(2022, 3, 1), false, as_of, 30),
            Light::Green
        );
    }
}
