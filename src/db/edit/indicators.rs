//! Indicators (指标) of a node: a name, a unit of measure (个, 场, 人次 …)
//! and an optional target. Deleting one deletes the values reported
//! against it, and the log keeps them so that undo brings them back.

use rusqlite::Connection;

use super::changes::{Tracker, ids_where};
use super::error::{EditError, EditResult, Field};
use super::record::{Label, Versioned, checked};
use super::{Outcome, commit, validate};
use crate::db::error::Result;
use crate::db::outline::load;
use crate::db::records::{indicator, indicators, insert_indicator};
use crate::db::{Store, Writer};
use crate::model::Indicator;
use crate::model::numbers::quantity;

/// An indicator's name, unit of measure and target.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorFields {
    pub name: String,
    pub measure: String,
    pub target: Option<f64>,
}

struct Clean {
    name: String,
    measure: String,
    target: Option<f64>,
}

fn clean(f: &IndicatorFields) -> EditResult<Clean> {
    Ok(Clean {
        name: validate::line(Field::Name, &f.name)?,
        measure: validate::optional_line(Field::Measure, &f.measure)?.unwrap_or_default(),
        target: f
            .target
            .map(|t| validate::non_negative(Field::Target, t))
            .transpose()?,
    })
}

impl Versioned for Indicator {
    const TABLE: &'static str = "indicator";
    const NOUN: (&'static str, &'static str) = ("indicator", "指标");

    fn get(conn: &Connection, id: i64) -> Result<Option<Indicator>> {
        indicator(conn, id)
    }

    fn id(&self) -> i64 {
        self.id
    }

    fn version(&self) -> i64 {
        self.version
    }

    fn label(&self, _: &Connection) -> Result<Label> {
        Ok(Label::new(
            format!("indicator {} 「{}」", self.id, self.name),
            format!("指标「{}」", self.name),
        ))
    }
}

/// Names are unique per node: two 女职工创新工作室 on one task would be
/// indistinguishable in a report.
fn name_free(w: &Writer<'_>, node_id: i64, name: &str, except: Option<i64>) -> EditResult<()> {
    let taken = indicators(w.conn())?
        .into_iter()
        .any(|i| i.node_id == node_id && i.name == name && Some(i.id) != except);
    if taken {
        return Err(EditError::invalid(
            Field::Name,
            format!("name: the task already has an indicator named 「{name}」"),
            format!("名称：该任务已有名为「{name}」的指标"),
        ));
    }
    Ok(())
}

fn show(c: &Clean) -> String {
    match c.target {
        Some(t) => format!("「{}」目标{}{}", c.name, quantity(t), c.measure),
        None => format!("「{}」（{}）", c.name, c.measure),
    }
}

impl Store {
    /// Adds an indicator to a node.
    pub(in crate::db) fn add_indicator(
        &mut self,
        node_id: i64,
        fields: &IndicatorFields,
    ) -> EditResult<Outcome> {
        let c = clean(fields)?;
        self.edit("adding an indicator", |w| {
            let outline = load(w.conn())?;
            if outline.get(node_id).is_none() {
                return Err(EditError::not_found(
                    format!("there is no outline node {node_id}"),
                    format!("没有编号为{node_id}的任务"),
                ));
            }
            name_free(w, node_id, &c.name, None)?;
            let id = insert_indicator(w.conn(), node_id, &c.name, &c.measure, c.target)?;
            let mut t = Tracker::default();
            t.inserted("indicator", id)?;
            let summary = format!("新增指标{}（{}）", show(&c), outline.code(node_id));
            commit(w, t, "create", "indicator", id, summary)
        })
    }

    /// Changes an indicator's name, unit of measure and target.
    pub(in crate::db) fn edit_indicator(
        &mut self,
        id: i64,
        expected: i64,
        fields: &IndicatorFields,
    ) -> EditResult<Outcome> {
        let c = clean(fields)?;
        self.edit("editing an indicator", |w| {
            let i = checked::<Indicator>(w, id, expected)?;
            if i.name == c.name && i.measure == c.measure && i.target == c.target {
                return Ok(Outcome::unchanged(id));
            }
            name_free(w, i.node_id, &c.name, Some(id))?;
            let mut t = Tracker::default();
            t.track(w.conn(), "indicator", id)?;
            w.conn().execute(
                "UPDATE indicator SET name = ?2, measure = ?3, target = ?4, version = version + 1 WHERE id = ?1",
                rusqlite::params![id, c.name, c.measure, c.target],
            )?;
            let before = Clean {
                name: i.name.clone(),
                measure: i.measure.clone(),
                target: i.target,
            };
            let summary = format!("修改指标{}→{}", show(&before), show(&c));
            commit(w, t, "update", "indicator", id, summary)
        })
    }

    /// Deletes an indicator and the values reported against it.
    pub(in crate::db) fn delete_indicator(
        &mut self,
        id: i64,
        expected: i64,
    ) -> EditResult<Outcome> {
        self.edit("deleting an indicator", |w| {
            let i = checked::<Indicator>(w, id, expected)?;
            let values = ids_where(w.conn(), "report_value", "indicator_id = ?1", &[id])?;
            let mut t = Tracker::default();
            t.track(w.conn(), "indicator", id)?;
            t.track_all(w.conn(), "report_value", &values)?;
            w.conn()
                .execute("DELETE FROM indicator WHERE id = ?1", [id])?;
            let summary = format!("删除指标「{}」及其报送值{}条", i.name, values.len());
            commit(w, t, "delete", "indicator", id, summary)
        })
    }
}
