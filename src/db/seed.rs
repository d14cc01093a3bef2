//! Filling a new database: the plan read from its document, the units, and
//! the low-level inserts the demo generator uses. Editing from the console
//! goes through the audited operations instead.

use chrono::NaiveDate;
use rusqlite::params;

use super::error::Result;
use super::outline::{NewNode, insert as insert_node};
use super::{Writer, directory, plan, records};
use crate::model::{HistoryValue, PeriodKind, PlanInfo, Role, Status, Unit};
use crate::plan_text::{DocNode, PlanDoc};

/// What a new database received.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SeedSummary {
    pub nodes: usize,
    pub agencies: usize,
    pub units: usize,
}

impl Writer<'_> {
    /// Stores a plan document: metadata, outline and issuing agencies.
    pub fn load_plan(&self, doc: &PlanDoc) -> Result<SeedSummary> {
        let info = PlanInfo {
            title: doc.title.clone(),
            action_name: doc.action_name.clone(),
            doc_number: doc.doc_number.clone(),
            issued_on: doc.issued_on,
            recipients: doc.recipients.clone(),
            preamble: doc.preamble.clone(),
            period_kind: PeriodKind::Quarter,
            start: doc.issued_on,
            end: None,
            warning_days: 30,
            report_grace_days: 10,
            version: 1,
        };
        plan::insert(self.conn(), &info)?;
        let mut nodes = 0;
        for (i, n) in doc.outline.iter().enumerate() {
            nodes += self.insert_doc_node(None, i as u32 + 1, n)?;
        }
        for issuer in &doc.issuers {
            directory::insert_agency(self.conn(), &issuer.name, &issuer.short_name, true)?;
        }
        Ok(SeedSummary {
            nodes,
            agencies: doc.issuers.len(),
            units: 0,
        })
    }

    fn insert_doc_node(&self, parent: Option<i64>, position: u32, n: &DocNode) -> Result<usize> {
        let id = insert_node(
            self.conn(),
            &NewNode {
                parent,
                position,
                level: n.level,
                title: &n.title,
                body: &n.body,
            },
        )?;
        let mut count = 1;
        for (i, child) in n.children.iter().enumerate() {
            count += self.insert_doc_node(Some(id), i as u32 + 1, child)?;
        }
        Ok(count)
    }

    pub fn insert_units(&self, units: &[Unit]) -> Result<usize> {
        for u in units {
            directory::insert_unit(self.conn(), u)?;
        }
        Ok(units.len())
    }

    pub fn insert_agency(&self, name: &str, short_name: &str) -> Result<i64> {
        directory::insert_agency(self.conn(), name, short_name, false)
    }

    pub fn assign(&self, node_id: i64, agency_id: i64, role: Role) -> Result<i64> {
        directory::assign(self.conn(), node_id, agency_id, role)
    }

    pub fn insert_milestone(
        &self,
        node_id: i64,
        title: &str,
        due: NaiveDate,
        done: Option<NaiveDate>,
    ) -> Result<i64> {
        records::insert_milestone(self.conn(), node_id, title, due, done)
    }

    pub fn insert_indicator(
        &self,
        node_id: i64,
        name: &str,
        measure: &str,
        target: Option<f64>,
    ) -> Result<i64> {
        records::insert_indicator(self.conn(), node_id, name, measure, target)
    }

    /// Gives a node its own dates and a status, both effective from
    /// `effective`, in one go (demo data and tests; no audit entry). A
    /// status of 未启动 records nothing: it is what a task is before its
    /// first status.
    pub fn set_node_plan(
        &self,
        node_id: i64,
        effective: NaiveDate,
        (start, due): (Option<NaiveDate>, Option<NaiveDate>),
        status: Status,
        reason: Option<&str>,
    ) -> Result<()> {
        if start.is_some() || due.is_some() {
            self.record_history(node_id, effective, &HistoryValue::Dates { start, due })?;
        }
        if status != Status::NotStarted {
            self.record_history(
                node_id,
                effective,
                &HistoryValue::Status {
                    status,
                    reason: reason.map(str::to_string),
                },
            )?;
        }
        Ok(())
    }

    /// Adds a sub-task (demo data; the console's editing numbers its own).
    pub fn insert_subtask(
        &self,
        parent: i64,
        position: u32,
        level: u8,
        title: &str,
    ) -> Result<i64> {
        insert_node(
            self.conn(),
            &NewNode {
                parent: Some(parent),
                position,
                level,
                title,
                body: "",
            },
        )
    }

    pub fn set_reportable(&self, node_id: i64, reportable: bool) -> Result<()> {
        self.conn().execute(
            "UPDATE node SET reportable = ?2, version = version + 1 WHERE id = ?1",
            params![node_id, reportable],
        )?;
        Ok(())
    }

    /// Reviews a report on `on` (never before the day it came in; no
    /// review date for 待审核).
    pub fn set_review(
        &self,
        report_id: i64,
        review: crate::model::Review,
        comment: Option<&str>,
        on: NaiveDate,
    ) -> Result<()> {
        let on = (review != crate::model::Review::Pending).then_some(on);
        self.conn().execute(
            "UPDATE report SET review = ?2, review_comment = ?3,
                    reviewed_on = CASE WHEN ?4 IS NULL THEN NULL ELSE max(?4, reported_on) END,
                    version = version + 1
             WHERE id = ?1",
            params![report_id, review.code(), comment, on],
        )?;
        Ok(())
    }

    pub fn plan(&self) -> Result<PlanInfo> {
        plan::load(self.conn())
    }
}
