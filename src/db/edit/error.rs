//! Why an edit was not made, typed so that a form can put the message
//! beside the field at fault and a conflict can show both versions.
//! Every message is one sentence in English (`Display`) and in Chinese
//! (`zh()`); nothing was written when one of these is returned.

use std::fmt;

use super::Record;
use crate::db::{AuditRecord, StoreError};

/// The field of a form (or option of a command) that a message is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Title,
    Body,
    Status,
    Reason,
    Start,
    Due,
    Done,
    Progress,
    Lead,
    Support,
    Name,
    ShortName,
    Code,
    Kind,
    EndDate,
    Measure,
    Target,
    Unit,
    Task,
    Period,
    Date,
    Author,
    Text,
    Value,
    Review,
    Comment,
    Position,
    Effective,
    WarningDays,
    GraceDays,
    Cycle,
}

impl Field {
    /// The field's name in English messages.
    pub fn en(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Body => "body text",
            Field::Status => "status",
            Field::Reason => "reason",
            Field::Start => "start date",
            Field::Due => "due date",
            Field::Done => "done date",
            Field::Progress => "progress",
            Field::Lead => "lead agencies",
            Field::Support => "supporting agencies",
            Field::Name => "name",
            Field::ShortName => "short name",
            Field::Code => "code",
            Field::Kind => "kind",
            Field::EndDate => "end date",
            Field::Measure => "unit of measure",
            Field::Target => "target",
            Field::Unit => "unit",
            Field::Task => "task",
            Field::Period => "period",
            Field::Date => "date",
            Field::Author => "author",
            Field::Text => "text",
            Field::Value => "value",
            Field::Review => "review",
            Field::Comment => "comment",
            Field::Position => "position",
            Field::Effective => "date of effect",
            Field::WarningDays => "warning days",
            Field::GraceDays => "grace days",
            Field::Cycle => "reporting cycle",
        }
    }

    /// The field's label in the console's Chinese forms.
    pub fn zh(self) -> &'static str {
        match self {
            Field::Title => "标题",
            Field::Body => "正文",
            Field::Status => "状态",
            Field::Reason => "原因",
            Field::Start => "开始日期",
            Field::Due => "截止日期",
            Field::Done => "完成日期",
            Field::Progress => "进度",
            Field::Lead => "牵头单位",
            Field::Support => "配合单位",
            Field::Name => "名称",
            Field::ShortName => "简称",
            Field::Code => "代码",
            Field::Kind => "类别",
            Field::EndDate => "终止日期",
            Field::Measure => "计量单位",
            Field::Target => "目标值",
            Field::Unit => "报送单位",
            Field::Task => "任务",
            Field::Period => "报送期次",
            Field::Date => "报送日期",
            Field::Author => "填报人",
            Field::Text => "进展情况",
            Field::Value => "指标值",
            Field::Review => "审核",
            Field::Comment => "审核意见",
            Field::Position => "位置",
            Field::Effective => "生效日期",
            Field::WarningDays => "预警天数",
            Field::GraceDays => "报送宽限天数",
            Field::Cycle => "报送周期",
        }
    }
}

/// Input that breaks a rule: which field, and the sentence to show.
#[derive(Debug, Clone, PartialEq)]
pub struct Invalid {
    pub field: Field,
    /// One English sentence that names the field and the value.
    pub message: String,
    /// The same in Chinese.
    pub message_zh: String,
}

/// Someone else changed (or deleted) the record since the caller read it.
/// Carries the record as stored now so that the user can choose: reload
/// theirs, or save theirs over with `version = stored.version()` (the
/// caller still holds the [`super::Op`] it tried).
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// The record in words: `task 2.1.1 「提高政治站位」`.
    pub what: String,
    /// The same in Chinese: `任务2.1.1「提高政治站位」`.
    pub what_zh: String,
    /// The version the caller read.
    pub expected: i64,
    /// The record as stored now; `None` when it has been deleted.
    pub stored: Option<Record>,
    /// The newest log entry that touched the record (who, when, what).
    pub since: Option<AuditRecord>,
    /// More about what changed, when the version alone does not tell
    /// (e.g. what a delete would now take with it).
    pub detail: Option<String>,
}

impl Conflict {
    fn by_whom(&self) -> String {
        match &self.since {
            Some(e) => format!(
                " by {} at {} (“{}”)",
                e.os_user,
                short_time(&e.at),
                e.summary
            ),
            None => String::new(),
        }
    }
}

/// `2021-12-20T10:03:00+08:00` → `2021-12-20 10:03`.
pub(crate) fn short_time(at: &str) -> String {
    let t = at.replacen('T', " ", 1);
    t.chars().take(16).collect()
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.stored, &self.detail) {
            (None, _) => write!(
                f,
                "{} was deleted{} since you read it; nothing was saved",
                self.what,
                self.by_whom()
            ),
            (Some(_), Some(detail)) => write!(
                f,
                "{} changed since you read it: {detail}; nothing was saved",
                self.what
            ),
            (Some(r), None) => write!(
                f,
                "{} was changed{} since you read it (you read version {}, it is now version {}); nothing was saved: reload it, or save yours over theirs",
                self.what,
                self.by_whom(),
                self.expected,
                r.version()
            ),
        }
    }
}

/// Why an edit, an undo or a redo was not made.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    /// A field holds something that cannot be saved.
    #[error("{}", .0.message)]
    Invalid(Invalid),
    /// Optimistic concurrency: the record changed since it was read.
    #[error("{0}")]
    Conflict(Box<Conflict>),
    /// The record named does not exist.
    #[error("{en}")]
    NotFound { en: String, zh: String },
    /// The change is not possible in the record's present state (an undo
    /// someone built on, nothing to undo, a milestone already done …).
    #[error("{en}")]
    Refused { en: String, zh: String },
    #[error("{0}")]
    Store(StoreError),
}

impl EditError {
    pub fn invalid(field: Field, en: impl Into<String>, zh: impl Into<String>) -> EditError {
        EditError::Invalid(Invalid {
            field,
            message: en.into(),
            message_zh: zh.into(),
        })
    }

    pub fn refused(en: impl Into<String>, zh: impl Into<String>) -> EditError {
        EditError::Refused {
            en: en.into(),
            zh: zh.into(),
        }
    }

    pub fn not_found(en: impl Into<String>, zh: impl Into<String>) -> EditError {
        EditError::NotFound {
            en: en.into(),
            zh: zh.into(),
        }
    }

    /// The field at fault, for a form to put the message beside.
    pub fn field(&self) -> Option<Field> {
        match self {
            EditError::Invalid(i) => Some(i.field),
            _ => None,
        }
    }

    /// The conflict, when the record changed since it was read.
    pub fn conflict(&self) -> Option<&Conflict> {
        match self {
            EditError::Conflict(c) => Some(c),
            _ => None,
        }
    }

    /// The message in Chinese, for the console.
    pub fn zh(&self) -> String {
        match self {
            EditError::Invalid(i) => i.message_zh.clone(),
            EditError::Conflict(c) => match &c.stored {
                None => format!("{}已被他人删除，未保存", c.what_zh),
                Some(_) if c.detail.is_some() => {
                    format!("{}在您确认后有变化，未保存：请重新确认", c.what_zh)
                }
                Some(r) => {
                    let who = c
                        .since
                        .as_ref()
                        .map(|e| {
                            format!("（{} 于 {}：{}）", e.os_user, short_time(&e.at), e.summary)
                        })
                        .unwrap_or_default();
                    format!(
                        "{}在您打开后已被他人修改{who}（您读取的是第{}版，现为第{}版），未保存：请重新载入，或以您的内容覆盖",
                        c.what_zh,
                        c.expected,
                        r.version()
                    )
                }
            },
            EditError::NotFound { zh, .. } | EditError::Refused { zh, .. } => zh.clone(),
            EditError::Store(e) => e.to_string(),
        }
    }
}

impl From<StoreError> for EditError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Edit(inner) => *inner,
            other => EditError::Store(other),
        }
    }
}

impl From<rusqlite::Error> for EditError {
    fn from(e: rusqlite::Error) -> Self {
        EditError::Store(StoreError::from(e))
    }
}

impl From<EditError> for StoreError {
    /// Carries an edit's refusal through [`crate::db::Store::write`].
    fn from(e: EditError) -> Self {
        match e {
            EditError::Store(s) => s,
            other => StoreError::Edit(Box::new(other)),
        }
    }
}

pub type EditResult<T> = Result<T, EditError>;
