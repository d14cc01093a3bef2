//! The plan's metadata row and the office's settings stored with it.

use rusqlite::{Connection, OptionalExtension, params};

use super::error::{Result, StoreError};
use super::{Store, Writer};
use crate::model::{PeriodKind, PlanInfo};

pub(crate) fn load(conn: &Connection) -> Result<PlanInfo> {
    let info = conn
        .query_row(
            "SELECT title, action_name, doc_number, issued_on, recipients, preamble,
                    period_kind, start_date, end_date, warning_days, report_grace_days, version
             FROM plan WHERE id = 1",
            [],
            |r| {
                let kind: String = r.get(6)?;
                Ok(PlanInfo {
                    title: r.get(0)?,
                    action_name: r.get(1)?,
                    doc_number: r.get(2)?,
                    issued_on: r.get(3)?,
                    recipients: r.get(4)?,
                    preamble: r.get(5)?,
                    period_kind: if kind == "month" {
                        PeriodKind::Month
                    } else {
                        PeriodKind::Quarter
                    },
                    start: r.get(7)?,
                    end: r.get(8)?,
                    warning_days: r.get(9)?,
                    report_grace_days: r.get(10)?,
                    version: r.get(11)?,
                })
            },
        )
        .optional()?;
    info.ok_or_else(|| StoreError::Invalid("the database holds no plan; run `bayu init`".into()))
}

pub(crate) fn insert(conn: &Connection, p: &PlanInfo) -> Result<()> {
    conn.execute(
        "INSERT INTO plan (id, title, action_name, doc_number, issued_on, recipients, preamble,
                           period_kind, start_date, end_date, warning_days, report_grace_days)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            p.title,
            p.action_name,
            p.doc_number,
            p.issued_on,
            p.recipients,
            p.preamble,
            p.period_kind.as_str(),
            p.start,
            p.end,
            p.warning_days,
            p.report_grace_days
        ],
    )?;
    Ok(())
}

impl Store {
    pub fn plan(&self) -> Result<PlanInfo> {
        self.read(load)
    }
}

impl Writer<'_> {
    /// Sets the plan's life (used for 序时进度 where a task has no dates).
    pub fn set_plan_span(
        &self,
        start: Option<chrono::NaiveDate>,
        end: Option<chrono::NaiveDate>,
    ) -> Result<()> {
        self.conn().execute(
            "UPDATE plan SET start_date = ?1, end_date = ?2, version = version + 1 WHERE id = 1",
            params![start, end],
        )?;
        Ok(())
    }
}
