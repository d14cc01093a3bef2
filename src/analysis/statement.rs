//! What may be said about a task at a date, decided in one place. The
//! console, `bayu tree` and every export take a task's [`Statement`] from
//! here and put it into words; none of them decides on its own whether a
//! completion rate, a 序时进度 or a pace word may stand beside a status.
//! The rules (docs/figures.md):
//!
//! 1. Before the plan's start date nothing is 已完成, 滞后 or in progress:
//!    the plan did not exist yet ([`Statement::before_plan`]).
//! 2. 已完成 means a completion rate of 100 and no pace class; a done
//!    task's open milestones are a data warning, never "overdue".
//! 3. 未启动 states no completion rate and no pace. A task marked 未启动
//!    that has reports, done milestones or a progress figure by the date is
//!    a data warning ([`DataWarning::NotStartedButActive`]), worded as such.
//! 4. Only 推进中 tasks are classed 欠/达/超进度, all with the same
//!    tolerance ([`PACE_TOLERANCE`]). Without a window to measure against
//!    (no dates of its own, no milestones, no plan end) 序时进度 is 未设定
//!    ([`Pace::Unset`]), never 达进度.
//! 5. 滞后 and 暂停 state their reason, the completion rate and 序时进度,
//!    but no pace class.
//!
//! [`CONTRADICTIONS`] lists the pairs of words that must never be said of
//! one task together; the property tests check every export against it.

use chrono::NaiveDate;

use crate::model::Status;

/// Percentage points within which progress counts as on pace: the one
/// tolerance for every task.
pub const PACE_TOLERANCE: f64 = 5.0;

/// A task's class against 序时进度.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Pace {
    /// 欠进度: progress trails 序时进度 by more than the tolerance.
    Behind,
    /// 达进度.
    OnPace,
    /// 超进度.
    Ahead,
    /// 序时进度未设定: in progress, but there is nothing to measure against.
    Unset,
    /// 已完成: not classed, it is done.
    Done,
    /// Not classed: not started, 滞后, 暂停, or before the plan's start.
    NotClassed,
}

impl Pace {
    /// The classes of work in progress, in the order counts list them.
    pub const CLASSES: [Pace; 3] = [Pace::Behind, Pace::OnPace, Pace::Ahead];

    pub fn label_zh(self) -> &'static str {
        match self {
            Pace::Behind => "欠进度",
            Pace::OnPace => "达进度",
            Pace::Ahead => "超进度",
            Pace::Unset => "序时进度未设定",
            Pace::Done => "已完成",
            Pace::NotClassed => "",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Pace::Behind => "behind",
            Pace::OnPace => "on pace",
            Pace::Ahead => "ahead",
            Pace::Unset => "pace not set",
            Pace::Done => "done",
            Pace::NotClassed => "",
        }
    }

    /// Whether it is one of [`Pace::CLASSES`].
    pub fn is_class(self) -> bool {
        Pace::CLASSES.contains(&self)
    }
}

/// The one rule for the class of work in progress: progress against
/// 序时进度 with [`PACE_TOLERANCE`]; [`Pace::Unset`] without 序时进度.
pub fn classify(progress: f64, expected: Option<f64>) -> Pace {
    match expected {
        None => Pace::Unset,
        Some(e) if progress < e - PACE_TOLERANCE => Pace::Behind,
        Some(e) if progress > e + PACE_TOLERANCE => Pace::Ahead,
        Some(_) => Pace::OnPace,
    }
}

/// Something the data says that its status contradicts: shown in the
/// console, listed by `bayu check`, and worded as a question in the memo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataWarning {
    /// Marked 未启动, yet work is recorded by the date.
    NotStartedButActive {
        /// Reports received.
        reports: bool,
        /// Milestones done.
        milestones_done: usize,
        /// A progress figure set by hand above 0.
        progress_set: bool,
    },
    /// Marked 已完成 while some of its milestones are not marked done.
    DoneWithOpenMilestones { open: usize },
}

/// What is known about a task at the as-of date, for [`judge`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Facts {
    pub status: Status,
    /// The progress computed (100 for 已完成).
    pub progress: f64,
    /// 序时进度, where the task has a window to measure against.
    pub expected: Option<f64>,
    /// The as-of date lies before the plan's start.
    pub before_plan: bool,
    /// Reports received by the date.
    pub reports: bool,
    /// Milestones done by the date, and not done.
    pub milestones_done: usize,
    pub milestones_open: usize,
    /// A progress figure set by hand, in effect at the date.
    pub manual: Option<u8>,
}

/// What may be said of a task at the as-of date.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Statement {
    /// The status in effect (未启动 before the first one recorded).
    pub status: Status,
    /// The as-of date lies before the plan's start: say that and nothing
    /// else about its standing.
    pub before_plan: bool,
    /// The completion rate to state, if any.
    pub progress: Option<f64>,
    /// The 序时进度 to state, if any.
    pub expected: Option<f64>,
    pub pace: Pace,
    pub warning: Option<DataWarning>,
}

impl Statement {
    /// Whether the reason kept with the status is to be said (滞后, 暂停).
    pub fn says_reason(&self) -> bool {
        !self.before_plan && self.status.needs_reason()
    }
}

/// Applies the rules to one task's facts.
pub fn judge(f: &Facts) -> Statement {
    let plain = Statement {
        status: f.status,
        before_plan: false,
        progress: None,
        expected: None,
        pace: Pace::NotClassed,
        warning: None,
    };
    if f.before_plan {
        return Statement {
            status: Status::NotStarted,
            before_plan: true,
            ..plain
        };
    }
    match f.status {
        Status::Done => Statement {
            progress: Some(100.0),
            pace: Pace::Done,
            warning: (f.milestones_open > 0).then_some(DataWarning::DoneWithOpenMilestones {
                open: f.milestones_open,
            }),
            ..plain
        },
        Status::NotStarted => {
            let progress_set = f.manual.is_some_and(|p| p > 0);
            let active = f.reports || f.milestones_done > 0 || progress_set;
            Statement {
                warning: active.then_some(DataWarning::NotStartedButActive {
                    reports: f.reports,
                    milestones_done: f.milestones_done,
                    progress_set,
                }),
                ..plain
            }
        }
        Status::InProgress => Statement {
            progress: Some(f.progress),
            expected: f.expected,
            pace: classify(f.progress, f.expected),
            ..plain
        },
        Status::Late | Status::Paused => Statement {
            progress: Some(f.progress),
            expected: f.expected,
            ..plain
        },
    }
}

/// Pairs of words that must never be said of one task together (in the
/// memo's paragraph on it, its ledger row, its line of `tree`, its item in
/// a list). docs/figures.md prints this table; the property tests check
/// every export against it.
pub const CONTRADICTIONS: &[(&str, &str)] = &[
    ("未启动", "完成率"),
    ("未启动", "序时进度"),
    ("未启动", "欠进度"),
    ("未启动", "达进度"),
    ("未启动", "超进度"),
    ("已完成", "欠进度"),
    ("已完成", "达进度"),
    ("已完成", "超进度"),
    ("已完成", "序时进度"),
    ("已完成", "逾期"),
    ("已完成", "下一时间节点"),
    ("滞后", "欠进度"),
    ("滞后", "达进度"),
    ("滞后", "超进度"),
    ("暂停", "欠进度"),
    ("暂停", "达进度"),
    ("暂停", "超进度"),
    ("未设定", "欠进度"),
    ("未设定", "达进度"),
    ("未设定", "超进度"),
    ("尚未实施", "已完成"),
    ("尚未实施", "推进中"),
    ("尚未实施", "滞后"),
    ("尚未实施", "暂停"),
    ("尚未实施", "完成率"),
    ("尚未实施", "欠进度"),
    ("尚未实施", "达进度"),
    ("尚未实施", "超进度"),
];

/// The first pair of [`CONTRADICTIONS`] that `text` holds both words of.
pub fn contradiction(text: &str) -> Option<(&'static str, &'static str)> {
    CONTRADICTIONS
        .iter()
        .find(|(a, b)| text.contains(a) && text.contains(b))
        .copied()
}

/// [`CONTRADICTIONS`] as the table `docs/figures.md` prints: one row per
/// word, the words it is never said with.
pub fn contradictions_markdown() -> String {
    let mut rows: Vec<(&str, Vec<&str>)> = Vec::new();
    for (a, b) in CONTRADICTIONS {
        match rows.iter_mut().find(|(w, _)| w == a) {
            Some((_, list)) => list.push(b),
            None => rows.push((a, vec![b])),
        }
    }
    let mut out = String::from("| word | never with |\n|---|---|\n");
    for (w, list) in rows {
        out.push_str(&format!("| {w} | {} |\n", list.join(", ")));
    }
    out
}

/// Whether `as_of` lies before the plan's start (`begins`).
pub fn before_plan(begins: Option<NaiveDate>, as_of: NaiveDate) -> bool {
    begins.is_some_and(|b| as_of < b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(status: Status) -> Facts {
        Facts {
            status,
            progress: 40.0,
            expected: Some(50.0),
            before_plan: false,
            reports: false,
            milestones_done: 0,
            milestones_open: 0,
            manual: None,
        }
    }

    #[test]
    fn one_tolerance_classes_work_in_progress() {
        assert_eq!(classify(40.0, Some(50.0)), Pace::Behind);
        assert_eq!(classify(46.0, Some(50.0)), Pace::OnPace);
        assert_eq!(classify(55.0, Some(50.0)), Pace::OnPace);
        assert_eq!(classify(56.0, Some(50.0)), Pace::Ahead);
        assert_eq!(
            classify(0.0, None),
            Pace::Unset,
            "never 达进度 without a window"
        );
    }

    #[test]
    fn only_work_in_progress_is_classed() {
        assert_eq!(judge(&facts(Status::InProgress)).pace, Pace::Behind);
        for s in [Status::NotStarted, Status::Late, Status::Paused] {
            assert_eq!(judge(&facts(s)).pace, Pace::NotClassed, "{s:?}");
        }
        let done = judge(&facts(Status::Done));
        assert_eq!(
            (done.pace, done.progress, done.expected),
            (Pace::Done, Some(100.0), None)
        );
    }

    #[test]
    fn not_started_says_no_rate_and_warns_when_work_is_recorded() {
        let quiet = judge(&facts(Status::NotStarted));
        assert_eq!(
            (quiet.progress, quiet.expected, quiet.warning),
            (None, None, None)
        );
        let active = judge(&Facts {
            milestones_done: 1,
            ..facts(Status::NotStarted)
        });
        assert_eq!(active.progress, None);
        assert!(matches!(
            active.warning,
            Some(DataWarning::NotStartedButActive {
                milestones_done: 1,
                ..
            })
        ));
    }

    #[test]
    fn done_with_open_milestones_is_a_warning_and_still_100() {
        let s = judge(&Facts {
            milestones_open: 2,
            ..facts(Status::Done)
        });
        assert_eq!(s.progress, Some(100.0));
        assert_eq!(
            s.warning,
            Some(DataWarning::DoneWithOpenMilestones { open: 2 })
        );
    }

    #[test]
    fn before_the_plan_nothing_stands() {
        let s = judge(&Facts {
            before_plan: true,
            ..facts(Status::Done)
        });
        assert!(s.before_plan);
        assert_eq!(
            (s.status, s.progress, s.pace),
            (Status::NotStarted, None, Pace::NotClassed)
        );
    }

    #[test]
    fn the_docs_print_the_contradictions_the_tests_check() {
        let doc = include_str!("../../docs/figures.md");
        let begin = "<!-- contradictions:begin -->\n";
        let start = doc.find(begin).map(|i| i + begin.len()).unwrap();
        let end = doc.find("<!-- contradictions:end -->").unwrap();
        assert_eq!(
            &doc[start..end],
            contradictions_markdown(),
            "docs/figures.md's table is out of date; paste contradictions_markdown() between the markers"
        );
    }

    #[test]
    fn contradictions_are_found_in_text() {
        assert_eq!(
            contradiction("未启动，完成率25%。"),
            Some(("未启动", "完成率"))
        );
        assert_eq!(
            contradiction("推进中，完成率45%，序时进度40%，达进度。"),
            None
        );
        assert_eq!(contradiction("已完成。"), None);
    }
}
