//! The domain in plain types: the plan, its outline, agencies and units,
//! milestones, indicators and reports. Nothing here touches SQLite or the
//! terminal; the store returns these types and the views render them.

pub mod dates;
pub mod history;
pub mod numbers;
pub mod outline;
pub mod period;
pub mod status;

use chrono::NaiveDate;

pub use history::{History, HistoryEntry, HistoryField, HistoryValue, InEffect};
pub use outline::{Node, NodeKind, Outline};
pub use period::{Period, PeriodKind};
pub use status::{Review, Role, Status};

/// The plan document's metadata and the office's settings for following it.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanInfo {
    /// 助力科技创新巴渝巾帼行动实施方案
    pub title: String,
    /// The action's name, used in memo titles: 助力科技创新巴渝巾帼行动
    pub action_name: String,
    /// 渝妇发〔2021〕19号
    pub doc_number: Option<String>,
    pub issued_on: Option<NaiveDate>,
    /// The recipients line (主送), without its final colon.
    pub recipients: Option<String>,
    /// The paragraph(s) before the outline.
    pub preamble: String,
    /// Reporting cycle.
    pub period_kind: PeriodKind,
    /// The plan's life, used for 序时进度 where a task has no dates.
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    /// Days before a due date that count as "due soon" (yellow).
    pub warning_days: u32,
    /// Days after a period's end by which its report is due.
    pub report_grace_days: u32,
    /// Increases on each change of the schedule.
    pub version: i64,
}

impl PlanInfo {
    /// The day the plan took effect: its start date, else its issue date.
    pub fn begins(&self) -> Option<NaiveDate> {
        self.start.or(self.issued_on)
    }

    /// The schedule the office follows the plan by.
    pub fn schedule(&self) -> Schedule {
        Schedule {
            start: self.start,
            end: self.end,
            warning_days: self.warning_days,
            grace_days: self.report_grace_days,
            period_kind: self.period_kind,
        }
    }
}

/// The plan's schedule (进度安排), kept with the plan and shared by every
/// coordinator: its life (for 序时进度), the warning window, the days of
/// grace after a reporting period, and the reporting cycle. Without an end
/// date (and without a task's own window) 序时进度 is 未设定.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub warning_days: u32,
    pub grace_days: u32,
    pub period_kind: PeriodKind,
}

/// An agency with a role on tasks (责任单位): the issuers and partners.
#[derive(Debug, Clone, PartialEq)]
pub struct Agency {
    pub id: i64,
    /// Full name, e.g. 重庆市妇女联合会.
    pub name: String,
    /// Name used in tables and memos, e.g. 市妇联.
    pub short_name: String,
    /// One of the plan's issuing agencies.
    pub is_issuer: bool,
    pub position: u32,
    pub version: i64,
}

/// A grassroots unit that sends reports (区县 and special zones).
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub id: i64,
    /// GB/T 2260 code where there is one.
    pub code: Option<String>,
    pub name: String,
    pub short_name: String,
    /// district, county, autonomous-county, zone, …
    pub kind: String,
    pub valid_from: Option<NaiveDate>,
    /// Last day the unit existed (administrative changes); it keeps its
    /// old reports.
    pub valid_to: Option<NaiveDate>,
    pub position: u32,
    pub version: i64,
}

impl Unit {
    /// Whether the unit exists at any time within `[from, to]`.
    pub fn active_between(&self, from: NaiveDate, to: NaiveDate) -> bool {
        self.valid_from.is_none_or(|f| f <= to) && self.valid_to.is_none_or(|t| t >= from)
    }
}

/// An agency's role on a node.
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    pub id: i64,
    pub node_id: i64,
    pub agency_id: i64,
    pub role: Role,
    pub position: u32,
}

/// A dated checkpoint of a task (时间节点).
#[derive(Debug, Clone, PartialEq)]
pub struct Milestone {
    pub id: i64,
    pub node_id: i64,
    pub title: String,
    pub due: NaiveDate,
    pub done: Option<NaiveDate>,
    pub version: i64,
}

impl Milestone {
    /// Done as of a date: a completion recorded later does not count yet.
    pub fn done_by(&self, as_of: NaiveDate) -> bool {
        self.done.is_some_and(|d| d <= as_of)
    }
}

/// A countable target of a task (指标), e.g. 女职工创新工作室 50 个.
#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    pub id: i64,
    pub node_id: i64,
    pub name: String,
    /// Unit of measure: 个, 场, 人次 …
    pub measure: String,
    pub target: Option<f64>,
    pub position: u32,
    pub version: i64,
}

/// A unit's progress report on a node for a period (进展报送).
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub id: i64,
    pub unit_id: i64,
    pub node_id: i64,
    pub period: Period,
    pub reported_on: NaiveDate,
    pub author: String,
    pub body: String,
    pub review: Review,
    pub review_comment: Option<String>,
    /// 1 for the first submission of (unit, node, period), 2 for the next …
    pub revision: u32,
    /// A later revision replaced this one.
    pub superseded: bool,
    pub batch_id: Option<i64>,
    pub version: i64,
    /// The day it was reviewed (已采纳 or 退回); `None` while 待审核.
    pub reviewed_on: Option<NaiveDate>,
    /// Indicator values (indicator id, value).
    pub values: Vec<(i64, f64)>,
}

impl Report {
    /// Its review as it stood on `day`: one reviewed later was still
    /// 待审核 then.
    pub fn review_at(&self, day: NaiveDate) -> Review {
        match self.reviewed_on {
            Some(on) if on <= day => self.review,
            _ => Review::Pending,
        }
    }
}
