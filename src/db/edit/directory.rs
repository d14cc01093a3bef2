//! The directory: agencies (责任单位) and their roles on a node (牵头 /
//! 配合), and the units (区县) that report — added, renamed, and for a
//! unit an end date after an administrative change (it keeps its reports).

use chrono::NaiveDate;

use rusqlite::{Connection, OptionalExtension, params};

use super::changes::Tracker;
use super::error::{EditError, EditResult, Field};
use super::record::{Label, Versioned, checked};
use super::{Outcome, commit, kind_words, validate};
use crate::db::directory::{agencies, agency, assignments_of, insert_agency, unit};
use crate::db::error::Result;
use crate::db::{Store, Writer};
use crate::model::dates::format_iso;
use crate::model::{Agency, Role, Unit};

/// An agency's full and short name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgencyFields {
    /// 重庆市妇女联合会
    pub name: String,
    /// 市妇联 (the full name when empty)
    pub short_name: String,
}

/// A new unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitFields {
    pub name: String,
    /// The short name (the full name when empty).
    pub short_name: String,
    /// GB/T 2260 code, where there is one.
    pub code: Option<String>,
    /// district, county, autonomous-county, zone …
    pub kind: String,
    pub valid_from: Option<NaiveDate>,
}

pub(super) fn names(name: &str, short: &str) -> EditResult<(String, String)> {
    let name = validate::line(Field::Name, name)?;
    let short = validate::optional_line(Field::ShortName, short)?.unwrap_or_else(|| name.clone());
    Ok((name, short))
}

pub(super) fn taken(field: Field, what: (&str, &str), name: &str) -> EditError {
    EditError::invalid(
        field,
        format!(
            "{}: there is already {} named 「{name}」",
            field.en(),
            what.0
        ),
        format!("{}：已有名为「{name}」的{}", field.zh(), what.1),
    )
}

impl Versioned for Agency {
    const TABLE: &'static str = "agency";
    const NOUN: (&'static str, &'static str) = ("agency", "责任单位");

    fn get(conn: &Connection, id: i64) -> Result<Option<Agency>> {
        agency(conn, id)
    }

    fn id(&self) -> i64 {
        self.id
    }

    fn version(&self) -> i64 {
        self.version
    }

    fn label(&self, _: &Connection) -> Result<Label> {
        Ok(Label::new(
            format!("agency 「{}」", self.name),
            format!("责任单位「{}」", self.name),
        ))
    }
}

impl Versioned for Unit {
    const TABLE: &'static str = "unit";
    const NOUN: (&'static str, &'static str) = ("unit", "单位");

    fn get(conn: &Connection, id: i64) -> Result<Option<Unit>> {
        unit(conn, id)
    }

    fn id(&self) -> i64 {
        self.id
    }

    fn version(&self) -> i64 {
        self.version
    }

    fn label(&self, _: &Connection) -> Result<Label> {
        Ok(Label::new(
            format!("unit 「{}」", self.name),
            format!("单位「{}」", self.name),
        ))
    }
}

/// Whether another row of `table` (agency or unit, whose names are
/// unique) is named `name`.
fn name_taken(w: &Writer<'_>, table: &str, name: &str, except: Option<i64>) -> EditResult<bool> {
    let found: Option<i64> = w
        .conn()
        .prepare_cached(&format!(
            "SELECT id FROM {table} WHERE name = ?1 AND id IS NOT ?2"
        ))?
        .query_row(params![name, except], |r| r.get(0))
        .optional()?;
    Ok(found.is_some())
}

/// Whether a unit has the code (codes are unique).
fn code_taken(w: &Writer<'_>, code: &str) -> EditResult<bool> {
    let found: Option<i64> = w
        .conn()
        .prepare_cached("SELECT id FROM unit WHERE code = ?1")?
        .query_row([code], |r| r.get(0))
        .optional()?;
    Ok(found.is_some())
}

/// A unit's new name must not be another unit's.
pub(super) fn unit_name_free(w: &Writer<'_>, id: i64, name: &str) -> EditResult<()> {
    if name_taken(w, "unit", name, Some(id))? {
        return Err(taken(Field::Name, ("a unit", "单位"), name));
    }
    Ok(())
}

/// A unit cannot end before it began.
pub(super) fn end_not_before_start(u: &Unit, end: Option<NaiveDate>) -> EditResult<()> {
    if let (Some(from), Some(to)) = (u.valid_from, end)
        && to < from
    {
        return Err(EditError::invalid(
            Field::EndDate,
            format!(
                "end date: {} is before {} began ({})",
                format_iso(to),
                u.name,
                format_iso(from)
            ),
            format!(
                "终止日期：{}早于{}的设立日期{}",
                format_iso(to),
                u.name,
                format_iso(from)
            ),
        ));
    }
    Ok(())
}

impl Store {
    /// Sets the lead (牵头) and supporting (配合) agencies of a node, in
    /// order. The node's version counts its agencies: a change bumps it.
    pub(in crate::db) fn set_agencies(
        &mut self,
        node_id: i64,
        expected: i64,
        lead: &[i64],
        support: &[i64],
    ) -> EditResult<Outcome> {
        self.edit("setting agencies", |w| {
            let (outline, node) = super::nodes::checked(w, node_id, expected)?;
            let mut t = Tracker::default();
            t.track(w.conn(), "node", node_id)?;
            let Some(list) = apply_agencies(w, &mut t, node_id, lead, support)? else {
                return Ok(Outcome::unchanged(node_id));
            };
            w.conn().execute(
                "UPDATE node SET version = version + 1 WHERE id = ?1",
                [node_id],
            )?;
            let summary = format!(
                "{}{}「{}」责任单位：{list}",
                kind_words(node.level).1,
                outline.code(node_id),
                node.title,
            );
            commit(w, t, "update", "node", node_id, summary)
        })
    }

    /// Adds an agency (责任单位).
    pub(in crate::db) fn add_agency(&mut self, fields: &AgencyFields) -> EditResult<Outcome> {
        let (name, short) = names(&fields.name, &fields.short_name)?;
        self.edit("adding an agency", |w| {
            if name_taken(w, "agency", &name, None)? {
                return Err(taken(Field::Name, ("an agency", "责任单位"), &name));
            }
            let id = insert_agency(w.conn(), &name, &short, false)?;
            let mut t = Tracker::default();
            t.inserted("agency", id)?;
            commit(
                w,
                t,
                "create",
                "agency",
                id,
                format!("新增责任单位「{name}」（简称{short}）"),
            )
        })
    }

    /// Renames an agency; its roles on nodes stay.
    pub(in crate::db) fn rename_agency(
        &mut self,
        id: i64,
        expected: i64,
        fields: &AgencyFields,
    ) -> EditResult<Outcome> {
        let (name, short) = names(&fields.name, &fields.short_name)?;
        self.edit("renaming an agency", |w| {
            let a = checked::<Agency>(w, id, expected)?;
            if a.name == name && a.short_name == short {
                return Ok(Outcome::unchanged(id));
            }
            if name_taken(w, "agency", &name, Some(id))? {
                return Err(taken(Field::Name, ("an agency", "责任单位"), &name));
            }
            let mut t = Tracker::default();
            t.track(w.conn(), "agency", id)?;
            w.conn().execute(
                "UPDATE agency SET name = ?2, short_name = ?3, version = version + 1 WHERE id = ?1",
                params![id, name, short],
            )?;
            let summary = format!(
                "责任单位「{}」（{}）更名为「{name}」（{short}）",
                a.name, a.short_name
            );
            commit(w, t, "update", "agency", id, summary)
        })
    }

    /// Adds a unit that reports.
    pub(in crate::db) fn add_unit(&mut self, fields: &UnitFields) -> EditResult<Outcome> {
        let (name, short) = names(&fields.name, &fields.short_name)?;
        let code = match &fields.code {
            Some(c) => validate::optional_line(Field::Code, c)?,
            None => None,
        };
        let kind = validate::optional_line(Field::Kind, &fields.kind)?.unwrap_or_default();
        self.edit("adding a unit", |w| {
            if name_taken(w, "unit", &name, None)? {
                return Err(taken(Field::Name, ("a unit", "单位"), &name));
            }
            if let Some(c) = &code
                && code_taken(w, c)?
            {
                return Err(taken(Field::Code, ("a unit", "单位"), c));
            }
            w.conn().execute(
                "INSERT INTO unit (code, name, short_name, kind, valid_from, position)
                 VALUES (?1, ?2, ?3, ?4, ?5, (SELECT COALESCE(MAX(position), 0) + 1 FROM unit))",
                params![code, name, short, kind, fields.valid_from],
            )?;
            let id = w.conn().last_insert_rowid();
            let mut t = Tracker::default();
            t.inserted("unit", id)?;
            commit(
                w,
                t,
                "create",
                "unit",
                id,
                format!("新增单位「{name}」（简称{short}）"),
            )
        })
    }

    /// Renames a unit; its reports stay with it.
    pub(in crate::db) fn rename_unit(
        &mut self,
        id: i64,
        expected: i64,
        name: &str,
        short_name: &str,
    ) -> EditResult<Outcome> {
        let (name, short) = names(name, short_name)?;
        self.edit("renaming a unit", |w| {
            let u = checked::<Unit>(w, id, expected)?;
            if u.name == name && u.short_name == short {
                return Ok(Outcome::unchanged(id));
            }
            unit_name_free(w, id, &name)?;
            let mut t = Tracker::default();
            t.track(w.conn(), "unit", id)?;
            w.conn().execute(
                "UPDATE unit SET name = ?2, short_name = ?3, version = version + 1 WHERE id = ?1",
                params![id, name, short],
            )?;
            commit(
                w,
                t,
                "update",
                "unit",
                id,
                format!("单位「{}」更名为「{name}」（简称{short}）", u.name),
            )
        })
    }

    /// Gives a unit the last day it existed (or clears it); its old
    /// reports keep it.
    pub(in crate::db) fn set_unit_end(
        &mut self,
        id: i64,
        expected: i64,
        end: Option<NaiveDate>,
    ) -> EditResult<Outcome> {
        self.edit("ending a unit", |w| {
            let u = checked::<Unit>(w, id, expected)?;
            end_not_before_start(&u, end)?;
            if u.valid_to == end {
                return Ok(Outcome::unchanged(id));
            }
            let mut t = Tracker::default();
            t.track(w.conn(), "unit", id)?;
            w.conn().execute(
                "UPDATE unit SET valid_to = ?2, version = version + 1 WHERE id = ?1",
                params![id, end],
            )?;
            let summary = match end {
                Some(d) => format!("单位「{}」终止于{}", u.name, format_iso(d)),
                None => format!("取消单位「{}」的终止日期", u.name),
            };
            commit(w, t, "update", "unit", id, summary)
        })
    }
}

/// Checks a node's lead and supporting agencies (each an agency, none
/// twice, none both leading and supporting) and brings its assignments in
/// line, following the rows in `t`. Returns `牵头 X、Y；配合 Z` when
/// something changed, `None` when the node already has exactly these. The
/// caller bumps the node's version.
pub(super) fn apply_agencies(
    w: &Writer<'_>,
    t: &mut Tracker,
    node_id: i64,
    lead: &[i64],
    support: &[i64],
) -> EditResult<Option<String>> {
    let all = agencies(w.conn())?;
    let name_of = |id: i64| {
        all.iter()
            .find(|a| a.id == id)
            .map(|a| a.short_name.clone())
    };
    let mut wanted: Vec<(i64, Role, u32)> = Vec::new();
    for (role, list, field) in [
        (Role::Lead, lead, Field::Lead),
        (Role::Support, support, Field::Support),
    ] {
        let mut pos = 0;
        for &a in list {
            let Some(name) = name_of(a) else {
                return Err(EditError::invalid(
                    field,
                    format!("{}: there is no agency {a}", field.en()),
                    format!("{}：没有编号为{a}的责任单位", field.zh()),
                ));
            };
            if let Some((_, r, _)) = wanted.iter().find(|(x, _, _)| *x == a) {
                let (en, zh) = if *r == role {
                    ("is listed twice", "重复")
                } else {
                    ("cannot both lead and support", "不能既牵头又配合")
                };
                return Err(EditError::invalid(
                    field,
                    format!("{}: {name} {en}", field.en()),
                    format!("{}：{name}{zh}", field.zh()),
                ));
            }
            pos += 1;
            wanted.push((a, role, pos));
        }
    }
    let current = assignments_of(w.conn(), node_id)?;
    let stays = |a: &crate::model::Assignment| {
        wanted
            .iter()
            .any(|(x, r, p)| *x == a.agency_id && *r == a.role && *p == a.position)
    };
    if current.len() == wanted.len() && current.iter().all(stays) {
        return Ok(None);
    }
    for a in current.iter().filter(|a| !stays(a)) {
        t.track(w.conn(), "assignment", a.id)?;
        match wanted.iter().find(|(x, _, _)| *x == a.agency_id) {
            Some((_, role, pos)) => {
                w.conn().execute(
                    "UPDATE assignment SET role = ?2, position = ?3 WHERE id = ?1",
                    params![a.id, role.code(), pos],
                )?;
            }
            None => {
                w.conn()
                    .execute("DELETE FROM assignment WHERE id = ?1", [a.id])?;
            }
        }
    }
    for (a, role, pos) in &wanted {
        if !current.iter().any(|c| c.agency_id == *a) {
            w.conn().execute(
                "INSERT INTO assignment (node_id, agency_id, role, position) VALUES (?1, ?2, ?3, ?4)",
                params![node_id, a, role.code(), pos],
            )?;
            t.inserted("assignment", w.conn().last_insert_rowid())?;
        }
    }
    let list = |role: Role| {
        wanted
            .iter()
            .filter(|x| x.1 == role)
            .filter_map(|x| name_of(x.0))
            .collect::<Vec<_>>()
            .join("、")
    };
    Ok(Some(format!(
        "牵头 {}；配合 {}",
        or_none(list(Role::Lead)),
        or_none(list(Role::Support))
    )))
}

fn or_none(s: String) -> String {
    if s.is_empty() { "无".into() } else { s }
}
