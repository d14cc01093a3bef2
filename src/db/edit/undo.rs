//! Undo and redo from the audit log: multi-level, per OS user, and
//! surviving a restart because their whole state is the log itself
//! (`audit.undo_of`, `audit.undone_by`).
//!
//! Rules:
//! - `undo` takes back the user's newest change (or redo) not yet undone.
//!   It writes the entry's `before` rows back only if every row the entry
//!   touched still equals its `after` image, removing a row would not take
//!   a row added since with it, and every row written back still has its
//!   parent. Otherwise it is refused with a reason naming who changed
//!   what since (someone built on it) — never a partial undo.
//! - `redo` re-applies the user's newest undo, under the mirror condition,
//!   as long as the user has made no new change since that undo.
//! - Undo and redo are audit entries themselves (`op` = `undo` / `redo`,
//!   `undo_of` = the entry they reverse; that entry's `undone_by` = them).
//! - An import (`op` = `import`, see `db::batches`) is undone through
//!   [`Writer::undo_import`]; the rows it removes are recorded, so the undo
//!   of an import can be redone like any other.

use rusqlite::OptionalExtension;

use super::changes::{
    AUDIT_COLUMNS, Images, Obstacle, Row, TABLES, Tracker, apply, audit_from_row, fit, ids_where,
    last_touch, numbering_obstacles, obstacles, read_row,
};
use super::error::{EditError, EditResult, short_time};
use super::{Outcome, kind_words};
use crate::db::outline::load;
use crate::db::{AuditEntry, AuditRecord, Store, StoreError, Writer};

const UNDO_CANDIDATE: &str = "a.os_user = ?1 AND a.undone_by IS NULL AND a.op <> 'undo'
     AND (a.op = 'import'
          OR (CASE WHEN json_valid(a.after) THEN json_type(a.after, '$.rows') END) = 'object')";

const REDO_CANDIDATE: &str = "a.os_user = ?1 AND a.op = 'undo' AND a.undone_by IS NULL
     AND (CASE WHEN json_valid(a.before) THEN json_type(a.before, '$.rows') END) = 'object'
     AND NOT EXISTS (SELECT 1 FROM audit n
                     WHERE n.os_user = ?1 AND n.id > a.id AND n.op NOT IN ('undo', 'redo'))";

fn candidate(
    conn: &rusqlite::Connection,
    user: &str,
    cond: &str,
) -> EditResult<Option<AuditRecord>> {
    let found = conn
        .prepare_cached(&format!(
            "SELECT {AUDIT_COLUMNS} FROM audit a WHERE {cond} ORDER BY a.id DESC LIMIT 1"
        ))?
        .query_row([user], audit_from_row)
        .optional()?;
    Ok(found)
}

fn entry(conn: &rusqlite::Connection, id: i64) -> EditResult<AuditRecord> {
    conn.prepare_cached(&format!(
        "SELECT {AUDIT_COLUMNS} FROM audit a WHERE a.id = ?1"
    ))?
    .query_row([id], audit_from_row)
    .optional()?
    .ok_or_else(|| {
        EditError::not_found(
            format!("there is no log entry {id}"),
            format!("没有编号为{id}的操作日志"),
        )
    })
}

/// A row in words, from its image: `milestone 「首批认定」`.
fn row_label(conn: &rusqlite::Connection, table: &str, row: &Row) -> (String, String) {
    let s = |k: &str| {
        row.get(k)
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string()
    };
    let n = |k: &str| row.get(k).and_then(|v| v.as_i64()).unwrap_or(0);
    match table {
        "node" => {
            let (en, zh) = kind_words(u8::try_from(n("level")).unwrap_or(3));
            let code = load(conn)
                .ok()
                .filter(|o| o.get(n("id")).is_some())
                .map(|o| format!("{} ", o.code(n("id"))))
                .unwrap_or_default();
            (
                format!("{en} {code}「{}」", s("title")),
                format!("{zh}{}「{}」", code.trim(), s("title")),
            )
        }
        "milestone" => (
            format!("milestone 「{}」", s("title")),
            format!("时间节点「{}」", s("title")),
        ),
        "indicator" => (
            format!("indicator 「{}」", s("name")),
            format!("指标「{}」", s("name")),
        ),
        "agency" => (
            format!("agency 「{}」", s("name")),
            format!("责任单位「{}」", s("name")),
        ),
        "unit" => (
            format!("unit 「{}」", s("name")),
            format!("单位「{}」", s("name")),
        ),
        "report" => (format!("report {}", n("id")), format!("报送{}", n("id"))),
        "report_value" => (
            format!("a value of report {}", n("report_id")),
            format!("报送{}的指标值", n("report_id")),
        ),
        "assignment" => ("an agency's role".into(), "一项责任分工".into()),
        "node_history" => (
            format!(
                "the {} entry of {} effective {}",
                s("field"),
                n("node_id"),
                s("effective")
            ),
            format!("任务{}自{}起生效的记录", n("node_id"), s("effective")),
        ),
        "plan" => ("the plan's schedule".into(), "方案的进度安排".into()),
        "import_batch" => (
            format!("import batch {} ({})", n("id"), s("file_name")),
            format!("导入批次{}（{}）", n("id"), s("file_name")),
        ),
        other => (
            format!("{other} row {}", n("id")),
            format!("{other}表第{}行", n("id")),
        ),
    }
}

/// The row's image in a log entry, either side.
fn image_in(e: &AuditRecord, table: &str, id: i64) -> Option<Row> {
    let t = TABLES.iter().position(|x| *x == table)?;
    [e.before.as_deref(), e.after.as_deref()]
        .into_iter()
        .filter_map(|side| Images::from_json(side).ok().flatten())
        .find_map(|images| images.rows.get(&(t, id)).cloned())
}

/// A row in words: as it is now, else as `image` shows it, else as the
/// last log entry that touched it shows it.
fn label_of(
    conn: &rusqlite::Connection,
    table: &str,
    id: i64,
    image: Option<&Row>,
) -> (String, String) {
    let now = TABLES
        .iter()
        .position(|t| *t == table)
        .and_then(|t| read_row(conn, t, id).ok().flatten());
    let logged = || {
        TABLES
            .contains(&table)
            .then(|| last_touch(conn, table, id, 0).ok().flatten())
            .flatten()
            .and_then(|e| image_in(&e, table, id))
    };
    let found = now.or_else(|| image.cloned()).or_else(logged);
    match found.as_ref() {
        Some(row) => row_label(conn, table, row),
        None => (format!("{table} row {id}"), format!("{table}表第{id}行")),
    }
}

/// ` by 李芳 at 2021-12-20 10:03 (“…”)`
fn by(
    conn: &rusqlite::Connection,
    table: &str,
    id: i64,
    since: i64,
) -> EditResult<(String, String)> {
    let touched = if TABLES.contains(&table) {
        last_touch(conn, table, id, since)?
    } else {
        None
    };
    Ok(match touched {
        Some(e) => (
            format!(
                " by {} at {} (log entry {}: “{}”)",
                e.os_user,
                short_time(&e.at),
                e.id,
                e.summary
            ),
            format!(
                "（{} 于 {}，日志{}：{}）",
                e.os_user,
                short_time(&e.at),
                e.id,
                e.summary
            ),
        ),
        None => (
            " by a change outside the log".into(),
            "（日志中无记录的改动）".into(),
        ),
    })
}

/// Why the rows cannot be written back, in a sentence.
fn explain(
    conn: &rusqlite::Connection,
    o: &Obstacle,
    from: &Images,
    to: &Images,
    since: i64,
) -> EditResult<(String, String)> {
    Ok(match o {
        Obstacle::Changed { key, now } => {
            let table = TABLES[key.0];
            let (en, zh) = match now {
                Some(row) => row_label(conn, table, row),
                None => label_of(conn, table, key.1, from.rows.get(key)),
            };
            let (ben, bzh) = by(conn, table, key.1, since)?;
            let (what_en, what_zh) = match (now, from.rows.get(key)) {
                (None, _) => ("deleted", "删除"),
                (Some(_), None) => ("created again", "重新创建"),
                (Some(_), Some(_)) => ("changed", "修改"),
            };
            (
                format!("{en} has since been {what_en}{ben}"),
                format!("{zh}此后已被{what_zh}{bzh}"),
            )
        }
        Obstacle::Referenced { key, table, id } => {
            let (en, zh) = label_of(conn, TABLES[key.0], key.1, from.rows.get(key));
            let (cen, czh) = label_of(conn, table, *id, None);
            let (ben, bzh) = by(conn, table, *id, since)?;
            (
                format!("{en} has since gained {cen}{ben}"),
                format!("{zh}此后新增了{czh}{bzh}"),
            )
        }
        Obstacle::Crowded { node } => {
            let (en, zh) = label_of(conn, "node", *node, None);
            let (ben, bzh) = by(conn, "node", *node, since)?;
            (
                format!(
                    "{en} has since been added or moved among the same siblings{ben}, and the numbering would break"
                ),
                format!("{zh}此后已加入同级{bzh}，撤销会打乱编号"),
            )
        }
        Obstacle::Orphaned { key, parent, id } => {
            let (en, zh) = label_of(conn, TABLES[key.0], key.1, to.rows.get(key));
            let (pen, pzh) = label_of(conn, parent, *id, None);
            let (ben, bzh) = by(conn, parent, *id, since)?;
            (
                format!("{pen}, which {en} belongs to, has since been deleted{ben}"),
                format!("{zh}所属的{pzh}此后已被删除{bzh}"),
            )
        }
    })
}

/// The entry's images fitted to the tables as they are now, or the
/// refusal when it changed something an older schema kept elsewhere (a
/// task's status, progress or dates before they had dates of effect).
fn fitted(
    w: &Writer<'_>,
    verb: (&str, &str),
    e: &AuditRecord,
    first: Images,
    second: Images,
) -> EditResult<(Images, Images)> {
    match fit(w.conn(), first, second)? {
        Ok(images) => Ok(images),
        Err(gone) => Err(EditError::refused(
            format!(
                "cannot {} “{}”: it was recorded before bayu kept {}.{} the way it does now (with the day a change takes effect); set the value again instead; nothing was changed",
                verb.0, e.summary, gone.table, gone.column
            ),
            format!(
                "无法{}“{}”：该操作记录于数据结构升级之前（{}.{}现按生效日期记录），请重新设置该值；未做任何改动",
                verb.1, e.summary, gone.table, gone.column
            ),
        )),
    }
}

/// Writes `to` over `from` if nothing stands in the way.
fn replay(
    w: &Writer<'_>,
    verb: (&str, &str),
    e: &AuditRecord,
    from: &Images,
    to: &Images,
) -> EditResult<()> {
    let found = obstacles(w.conn(), from, to)?;
    if let Some(o) = found.first() {
        let (en, zh) = explain(w.conn(), o, from, to, e.id)?;
        return Err(EditError::refused(
            format!(
                "cannot {} “{}”: {en}; nothing was changed",
                verb.0, e.summary
            ),
            format!("无法{}“{}”：{zh}；未做任何改动", verb.1, e.summary),
        ));
    }
    apply(w.conn(), from, to).map_err(|err| match err {
        EditError::Store(StoreError::Sqlite { source, .. })
            if source.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) =>
        {
            EditError::refused(
                format!("cannot {} “{}”: it would clash with data entered since ({source}); nothing was changed", verb.0, e.summary),
                format!("无法{}“{}”：与此后录入的数据冲突（{source}），未做任何改动", verb.1, e.summary),
            )
        }
        other => other,
    })?;
    // Written inside the transaction: an error here rolls it all back.
    if let Some(o) = numbering_obstacles(w.conn(), from, to)?.first() {
        let (en, zh) = explain(w.conn(), o, from, to, e.id)?;
        return Err(EditError::refused(
            format!(
                "cannot {} “{}”: {en}; nothing was changed",
                verb.0, e.summary
            ),
            format!("无法{}“{}”：{zh}；未做任何改动", verb.1, e.summary),
        ));
    }
    Ok(())
}

fn record(
    w: &Writer<'_>,
    op: &str,
    of: &AuditRecord,
    summary: String,
    before: &Images,
    after: &Images,
) -> EditResult<Outcome> {
    let id = w.audit_undo(
        &AuditEntry {
            op: op.into(),
            entity: of.entity.clone(),
            entity_id: of.entity_id,
            summary: summary.clone(),
            before: Some(before.to_json()),
            after: Some(after.to_json()),
        },
        of.id,
    )?;
    Ok(Outcome {
        entry: Some(id),
        summary,
        ..Outcome::unchanged(of.entity_id.unwrap_or(0))
    })
}

fn undo_import(w: &Writer<'_>, e: &AuditRecord) -> EditResult<Outcome> {
    let batch = e.entity_id.unwrap_or(0);
    let after: serde_json::Value = e
        .after
        .as_deref()
        .and_then(|t| serde_json::from_str(t).ok())
        .unwrap_or_default();
    let superseded: Vec<i64> = after
        .get("superseded")
        .and_then(|v| v.as_array())
        .map(|a| a.iter().filter_map(|x| x.as_i64()).collect())
        .unwrap_or_default();
    let built = ids_where(
        w.conn(),
        "report",
        "batch_id = ?1 AND (superseded = 1 OR version > 1)",
        &[batch],
    )?;
    if let Some(r) = built.first() {
        let (ben, bzh) = by(w.conn(), "report", *r, e.id)?;
        return Err(EditError::refused(
            format!(
                "cannot undo “{}”: its report {r} has since been changed or replaced{ben}; nothing was changed",
                e.summary
            ),
            format!(
                "无法撤销“{}”：其中的报送{r}此后已被修改或替代{bzh}；未做任何改动",
                e.summary
            ),
        ));
    }
    let mut t = Tracker::default();
    t.track(w.conn(), "import_batch", batch)?;
    let reports = ids_where(w.conn(), "report", "batch_id = ?1", &[batch])?;
    t.track_all(w.conn(), "report", &reports)?;
    for r in &reports {
        let values = ids_where(w.conn(), "report_value", "report_id = ?1", &[*r])?;
        t.track_all(w.conn(), "report_value", &values)?;
    }
    t.track_all(w.conn(), "report", &superseded)?;
    w.undo_import(batch, &superseded).map_err(|err| match err {
        StoreError::Invalid(msg) => EditError::refused(msg.clone(), msg),
        other => EditError::Store(other),
    })?;
    let change = t.finish(w.conn())?;
    record(
        w,
        "undo",
        e,
        format!("撤销：{}", e.summary),
        &change.before,
        &change.after,
    )
}

fn undo_in(w: &Writer<'_>, e: &AuditRecord) -> EditResult<Outcome> {
    if let Some(by) = e.undone_by {
        return Err(EditError::refused(
            format!(
                "log entry {} (“{}”) was already undone by entry {by}",
                e.id, e.summary
            ),
            format!("日志{}（{}）已由日志{by}撤销", e.id, e.summary),
        ));
    }
    if e.op == "undo" {
        return Err(EditError::refused(
            format!(
                "log entry {} is itself an undo; use redo to apply the change again",
                e.id
            ),
            format!("日志{}本身是撤销操作，请使用重做", e.id),
        ));
    }
    if e.op == "import" {
        return undo_import(w, e);
    }
    let (Some(after), Some(before)) = (
        Images::from_json(e.after.as_deref())?,
        Images::from_json(e.before.as_deref())?,
    ) else {
        return Err(EditError::refused(
            format!(
                "log entry {} (“{}”) cannot be undone: it does not record the rows it changed",
                e.id, e.summary
            ),
            format!(
                "日志{}（{}）未记录改动前后的数据，无法撤销",
                e.id, e.summary
            ),
        ));
    };
    let (after, before) = fitted(w, ("undo", "撤销"), e, after, before)?;
    replay(w, ("undo", "撤销"), e, &after, &before)?;
    let summary = match e.op.as_str() {
        "redo" => e.summary.replacen("重做：", "撤销：", 1),
        _ => format!("撤销：{}", e.summary),
    };
    record(w, "undo", e, summary, &after, &before)
}

fn redo_in(w: &Writer<'_>, u: &AuditRecord) -> EditResult<Outcome> {
    let (Some(after), Some(before)) = (
        Images::from_json(u.after.as_deref())?,
        Images::from_json(u.before.as_deref())?,
    ) else {
        return Err(EditError::refused(
            format!(
                "log entry {} cannot be redone: it does not record the rows it changed",
                u.id
            ),
            format!("日志{}未记录改动前后的数据，无法重做", u.id),
        ));
    };
    let (after, before) = fitted(w, ("redo", "重做"), u, after, before)?;
    replay(w, ("redo", "重做"), u, &after, &before)?;
    let summary = u.summary.replacen("撤销：", "重做：", 1);
    record(w, "redo", u, summary, &after, &before)
}

impl Store {
    /// The entry [`Store::undo`] would take back, for the console to show.
    pub fn undo_candidate(&self) -> EditResult<Option<AuditRecord>> {
        candidate(self.conn(), self.user(), UNDO_CANDIDATE).map_err(|e| at(e, self))
    }

    /// The undo [`Store::redo`] would re-apply.
    pub fn redo_candidate(&self) -> EditResult<Option<AuditRecord>> {
        candidate(self.conn(), self.user(), REDO_CANDIDATE).map_err(|e| at(e, self))
    }

    /// Takes back this user's newest change not yet undone.
    pub fn undo(&mut self) -> EditResult<Outcome> {
        let user = self.user().to_string();
        self.edit("undo", |w| {
            let e = candidate(w.conn(), &user, UNDO_CANDIDATE)?.ok_or_else(|| {
                EditError::refused(
                    format!("nothing to undo: {user} has no change left to take back"),
                    format!("没有可撤销的操作（{user}）"),
                )
            })?;
            undo_in(w, &e)
        })
    }

    /// Applies again this user's newest undo.
    pub fn redo(&mut self) -> EditResult<Outcome> {
        let user = self.user().to_string();
        self.edit("redo", |w| {
            let u = candidate(w.conn(), &user, REDO_CANDIDATE)?.ok_or_else(|| {
                EditError::refused(
                    format!("nothing to redo: {user} has undone nothing since their last change"),
                    format!("没有可重做的操作（{user}）"),
                )
            })?;
            redo_in(w, &u)
        })
    }

    /// Takes back one named log entry (anyone's), under the same rules.
    pub fn undo_entry(&mut self, id: i64) -> EditResult<Outcome> {
        self.edit("undo", |w| {
            let e = entry(w.conn(), id)?;
            undo_in(w, &e)
        })
    }

    /// The log entries that touched one record, newest first: the detail
    /// pane's history.
    pub fn record_history(&self, table: &str, id: i64) -> EditResult<Vec<AuditRecord>> {
        if !TABLES.contains(&table) {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT {AUDIT_COLUMNS} FROM audit a
             WHERE (a.entity = ?1 AND a.entity_id = ?2)
                OR EXISTS (SELECT 1 FROM json_each(CASE WHEN json_valid(a.after) THEN a.after END, '$.rows.{table}') j
                           WHERE json_extract(j.value, '$.id') = ?2)
                OR EXISTS (SELECT 1 FROM json_each(CASE WHEN json_valid(a.before) THEN a.before END, '$.rows.{table}') j
                           WHERE json_extract(j.value, '$.id') = ?2)
             ORDER BY a.id DESC"
        );
        let run = || -> EditResult<Vec<AuditRecord>> {
            let mut stmt = self.conn().prepare_cached(&sql)?;
            let rows = stmt
                .query_map(rusqlite::params![table, id], audit_from_row)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(rows)
        };
        run().map_err(|e| at(e, self))
    }
}

fn at(e: EditError, store: &Store) -> EditError {
    match e {
        EditError::Store(s) => EditError::Store(s.at(store.path())),
        other => other,
    }
}
