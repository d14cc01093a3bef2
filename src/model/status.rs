//! The words the office uses for where a task stands (未启动 … 暂停) and for
//! the review of a report (待审核 / 已采纳 / 退回). Stored as stable ASCII
//! codes so that a database never depends on the display language.

use std::fmt;
use std::str::FromStr;

/// Status of an outline node (任务状态). Before a task's first recorded
/// status it is 未启动.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Status {
    #[default]
    NotStarted,
    InProgress,
    Done,
    Late,
    Paused,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::NotStarted,
        Status::InProgress,
        Status::Done,
        Status::Late,
        Status::Paused,
    ];

    /// The code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Status::NotStarted => "not_started",
            Status::InProgress => "in_progress",
            Status::Done => "done",
            Status::Late => "late",
            Status::Paused => "paused",
        }
    }

    pub fn from_code(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Status::NotStarted => "未启动",
            Status::InProgress => "推进中",
            Status::Done => "已完成",
            Status::Late => "滞后",
            Status::Paused => "暂停",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Status::NotStarted => "not started",
            Status::InProgress => "in progress",
            Status::Done => "done",
            Status::Late => "late",
            Status::Paused => "paused",
        }
    }

    /// The next status in the one-key cycle of the console.
    pub fn cycled(self) -> Status {
        match self {
            Status::NotStarted => Status::InProgress,
            Status::InProgress => Status::Done,
            Status::Done => Status::Late,
            Status::Late => Status::Paused,
            Status::Paused => Status::NotStarted,
        }
    }

    /// 滞后 and 暂停 need a reason when set.
    pub fn needs_reason(self) -> bool {
        matches!(self, Status::Late | Status::Paused)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label_zh())
    }
}

impl FromStr for Status {
    type Err = String;

    /// Accepts the code, the Chinese word or the English words.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        Status::ALL
            .into_iter()
            .find(|st| {
                st.code() == t
                    || st.label_zh() == t
                    || st.label_en().eq_ignore_ascii_case(t)
                    || st.code().replace('_', "-") == t
            })
            .ok_or_else(|| {
                format!(
                    "unknown status \"{t}\" (use one of: {})",
                    Status::ALL
                        .iter()
                        .map(|s| format!("{} {}", s.label_zh(), s.code()))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
    }
}

/// Review state of a report (审核状态).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Review {
    Pending,
    Accepted,
    Returned,
}

impl Review {
    pub const ALL: [Review; 3] = [Review::Pending, Review::Accepted, Review::Returned];

    pub fn code(self) -> &'static str {
        match self {
            Review::Pending => "pending",
            Review::Accepted => "accepted",
            Review::Returned => "returned",
        }
    }

    pub fn from_code(code: &str) -> Option<Review> {
        Review::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Review::Pending => "待审核",
            Review::Accepted => "已采纳",
            Review::Returned => "退回",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Review::Pending => "pending",
            Review::Accepted => "accepted",
            Review::Returned => "returned",
        }
    }
}

/// Role of an agency on a node: 牵头 (lead) or 配合 (support).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Lead,
    Support,
}

impl Role {
    pub fn code(self) -> &'static str {
        match self {
            Role::Lead => "lead",
            Role::Support => "support",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        match code {
            "lead" => Some(Role::Lead),
            "support" => Some(Role::Support),
            _ => None,
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Role::Lead => "牵头",
            Role::Support => "配合",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_codes_round_trip() {
        for s in Status::ALL {
            assert_eq!(Status::from_code(s.code()), Some(s));
        }
    }

    #[test]
    fn status_parses_chinese_and_english_words() {
        assert_eq!("滞后".parse::<Status>(), Ok(Status::Late));
        assert_eq!("In Progress".parse::<Status>(), Ok(Status::InProgress));
        assert_eq!("not-started".parse::<Status>(), Ok(Status::NotStarted));
        let err = "完工".parse::<Status>().unwrap_err();
        assert!(err.contains("完工") && err.contains("未启动"), "{err}");
    }

    #[test]
    fn status_cycle_visits_every_status_once() {
        let mut s = Status::NotStarted;
        let mut seen = vec![];
        for _ in 0..5 {
            seen.push(s);
            s = s.cycled();
        }
        assert_eq!(s, Status::NotStarted);
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), 5);
    }
}
