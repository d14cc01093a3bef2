//! The history of the values an as-of date reads: a task's status (with
//! its reason), its progress set by hand and its own start and due dates.
//! Each entry takes effect on a day (生效日期) and holds until the next
//! entry of the same field; the value in effect on a day D is the entry
//! with the latest effective day not after D, and of two on the same day
//! the one recorded last. Before a task's first status entry it is 未启动,
//! before its first progress entry its progress is derived, before its
//! first dates entry it has no dates of its own.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::Status;

/// Which of a task's values an entry sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HistoryField {
    Status,
    Progress,
    Dates,
}

impl HistoryField {
    pub const ALL: [HistoryField; 3] = [
        HistoryField::Status,
        HistoryField::Progress,
        HistoryField::Dates,
    ];

    /// The code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            HistoryField::Status => "status",
            HistoryField::Progress => "progress",
            HistoryField::Dates => "dates",
        }
    }

    pub fn from_code(code: &str) -> Option<HistoryField> {
        HistoryField::ALL.into_iter().find(|f| f.code() == code)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            HistoryField::Status => "状态",
            HistoryField::Progress => "进度",
            HistoryField::Dates => "起止日期",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            HistoryField::Status => "status",
            HistoryField::Progress => "progress",
            HistoryField::Dates => "dates",
        }
    }
}

/// What an entry sets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HistoryValue {
    /// A status and the reason kept with it.
    Status {
        status: Status,
        reason: Option<String>,
    },
    /// Progress set by hand (0–100), or `None`: derived again from then on.
    Progress(Option<u8>),
    /// The task's own start and due dates (either may be none).
    Dates {
        start: Option<NaiveDate>,
        due: Option<NaiveDate>,
    },
}

impl HistoryValue {
    pub fn field(&self) -> HistoryField {
        match self {
            HistoryValue::Status { .. } => HistoryField::Status,
            HistoryValue::Progress(_) => HistoryField::Progress,
            HistoryValue::Dates { .. } => HistoryField::Dates,
        }
    }
}

/// One recorded change of a task's value, effective from `effective`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    pub id: i64,
    pub node_id: i64,
    /// The day it takes effect (生效日期).
    pub effective: NaiveDate,
    pub value: HistoryValue,
    pub version: i64,
}

/// A task's values in effect on one day.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct InEffect {
    pub status: Status,
    pub reason: Option<String>,
    /// Set by hand; `None` means derived.
    pub progress: Option<u8>,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    /// The day the status in effect took effect (`None` before the first
    /// status entry).
    pub status_since: Option<NaiveDate>,
}

/// Orders entries as they take effect: by day, then as recorded.
pub fn effect_order(a: &HistoryEntry, b: &HistoryEntry) -> std::cmp::Ordering {
    (a.effective, a.id).cmp(&(b.effective, b.id))
}

/// The values in effect on `day` from one task's entries (in any order).
pub fn in_effect<'a>(
    entries: impl IntoIterator<Item = &'a HistoryEntry>,
    day: NaiveDate,
) -> InEffect {
    let mut latest: HashMap<HistoryField, &HistoryEntry> = HashMap::new();
    for e in entries.into_iter().filter(|e| e.effective <= day) {
        let field = e.value.field();
        match latest.get(&field) {
            Some(held) if effect_order(held, e).is_ge() => {}
            _ => {
                latest.insert(field, e);
            }
        }
    }
    let mut out = InEffect::default();
    for e in latest.values() {
        match &e.value {
            HistoryValue::Status { status, reason } => {
                out.status = *status;
                out.reason = reason.clone();
                out.status_since = Some(e.effective);
            }
            HistoryValue::Progress(p) => out.progress = *p,
            HistoryValue::Dates { start, due } => {
                out.start = *start;
                out.due = *due;
            }
        }
    }
    out
}

/// Entries grouped by task, for looking up many tasks at one day.
#[derive(Debug, Clone, Default)]
pub struct History {
    by_node: HashMap<i64, Vec<HistoryEntry>>,
}

impl History {
    pub fn new(entries: Vec<HistoryEntry>) -> History {
        let mut by_node: HashMap<i64, Vec<HistoryEntry>> = HashMap::new();
        for e in entries {
            by_node.entry(e.node_id).or_default().push(e);
        }
        for list in by_node.values_mut() {
            list.sort_by(effect_order);
        }
        History { by_node }
    }

    /// One task's entries in the order they take effect.
    pub fn of(&self, node_id: i64) -> &[HistoryEntry] {
        self.by_node.get(&node_id).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn at(&self, node_id: i64, day: NaiveDate) -> InEffect {
        in_effect(self.of(node_id), day)
    }

    /// Every entry, task by task.
    pub fn entries(&self) -> impl Iterator<Item = &HistoryEntry> {
        self.by_node.values().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn status(id: i64, on: NaiveDate, s: Status) -> HistoryEntry {
        HistoryEntry {
            id,
            node_id: 1,
            effective: on,
            value: HistoryValue::Status {
                status: s,
                reason: None,
            },
            version: 1,
        }
    }

    #[test]
    fn the_latest_entry_not_after_the_day_is_in_effect() {
        let h = [
            status(1, d(2022, 1, 10), Status::InProgress),
            status(2, d(2023, 3, 1), Status::Done),
        ];
        assert_eq!(in_effect(&h, d(2022, 1, 9)).status, Status::NotStarted);
        assert_eq!(in_effect(&h, d(2022, 1, 10)).status, Status::InProgress);
        assert_eq!(in_effect(&h, d(2023, 2, 28)).status, Status::InProgress);
        assert_eq!(in_effect(&h, d(2023, 3, 1)).status, Status::Done);
        assert_eq!(
            in_effect(&h, d(2023, 3, 1)).status_since,
            Some(d(2023, 3, 1))
        );
    }

    #[test]
    fn on_the_same_day_the_entry_recorded_last_wins_whatever_the_order_given() {
        let h = [
            status(7, d(2022, 1, 10), Status::Late),
            status(3, d(2022, 1, 10), Status::InProgress),
        ];
        assert_eq!(in_effect(&h, d(2022, 2, 1)).status, Status::Late);
    }

    #[test]
    fn fields_are_independent() {
        let mut h = vec![status(1, d(2022, 1, 1), Status::InProgress)];
        h.push(HistoryEntry {
            id: 2,
            node_id: 1,
            effective: d(2022, 6, 1),
            value: HistoryValue::Progress(Some(40)),
            version: 1,
        });
        h.push(HistoryEntry {
            id: 3,
            node_id: 1,
            effective: d(2022, 9, 1),
            value: HistoryValue::Progress(None),
            version: 1,
        });
        let at = |day| in_effect(&h, day);
        assert_eq!(at(d(2022, 5, 31)).progress, None);
        assert_eq!(at(d(2022, 6, 1)).progress, Some(40));
        assert_eq!(at(d(2022, 9, 1)).progress, None);
        assert_eq!(at(d(2022, 9, 1)).status, Status::InProgress);
    }
}
