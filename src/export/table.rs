//! Tables for spreadsheets: `tsv` (the ledger's rows, tab-separated, for
//! pasting into a table in WPS, Word or Excel) and `csv` (every report
//! received by the as-of date, one per row with its indicator values, for
//! opening in Excel — UTF-8 with a byte-order mark, which is how Excel
//! knows the encoding).
//!
//! Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as a
//! formula, and report text comes from outside: every cell goes through
//! `text::sanitize::for_sheet`, the one guard of every file bayu writes
//! for a spreadsheet (the reports sheet of `template reports` too) — the
//! csv through the one CSV writer, `text::sheet`, which applies it.

use std::collections::HashMap;
use std::io::Write;

use super::ledger::{self, HEADERS};
use super::text::inline;
use super::{Ctx, ExportError, Result};
use crate::db::ReportFilter;
use crate::model::Indicator;
use crate::model::dates::format_iso;
use crate::model::numbers::quantity;
use crate::text::sanitize::for_sheet;
use crate::text::sheet::{LineEnd, SheetWriter};

/// The ledger as tab-separated lines: the heading, then one line per row.
/// A cell's lines are joined into one; every cell is guarded.
pub(crate) fn tsv(ctx: &Ctx<'_>) -> Result<String> {
    let rows = ledger::rows(ctx)?;
    let mut out = HEADERS.map(for_sheet).join("\t");
    out.push('\n');
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| for_sheet(&c.joined())).collect();
        out.push_str(&cells.join("\t"));
        out.push('\n');
    }
    Ok(out)
}

/// Stored text cleaned for a cell; line breaks inside a report stay.
fn clean(s: &str) -> String {
    crate::text::sanitize::for_export(s)
        .split('\n')
        .map(super::text::cn_punct)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every report received by the as-of date (of `--period`, on what
/// `--agency` leads or supports, when given), streamed.
pub(crate) fn csv(ctx: &Ctx<'_>, out: &mut dyn Write) -> Result<()> {
    let snap = ctx.snap;
    let indicators: Vec<&Indicator> = snap
        .outline
        .iter()
        .filter(|n| snap.in_scope(ctx.scope, n.id))
        .flat_map(|n| snap.indicators_of(n.id))
        .collect();
    let mut headers: Vec<String> = [
        "期次",
        "报送日期",
        "单位",
        "所属行动",
        "任务",
        "进展情况",
        "报送人",
        "审核状态",
        "修订次数",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let names: Vec<String> = indicators
        .iter()
        .map(|i| {
            let measure = inline(&i.measure);
            if measure.is_empty() {
                inline(&i.name)
            } else {
                format!("{}（{measure}）", inline(&i.name))
            }
        })
        .collect();
    for (i, name) in names.iter().enumerate() {
        let repeated = names.iter().filter(|n| *n == name).count() > 1;
        headers.push(if repeated {
            let task = snap
                .outline
                .get(indicators[i].node_id)
                .map(|n| inline(&n.title))
                .unwrap_or_default();
            format!("{name}－{task}")
        } else {
            name.clone()
        });
    }
    let column: HashMap<i64, usize> = indicators
        .iter()
        .enumerate()
        .map(|(k, i)| (i.id, k))
        .collect();
    let mut sheet = SheetWriter::new(out, LineEnd::Lf)?;
    sheet.row(&headers)?;
    let units = super::unit_names(snap);
    let group_of = |node_id: i64| {
        snap.outline
            .path(node_id)
            .iter()
            .rev()
            .find(|n| !crate::model::NodeKind::of_level(n.level).is_work())
            .map(|n| inline(&n.title))
            .unwrap_or_default()
    };
    let filter = ReportFilter {
        as_of: snap.as_of,
        period: ctx.opts.period,
    };
    ctx.store
        .for_each_report(filter, |r| -> Result<(), ExportError> {
            if !snap.in_scope(ctx.scope, r.node_id) {
                return Ok(());
            }
            let task = snap
                .outline
                .get(r.node_id)
                .map(|n| inline(&n.title))
                .unwrap_or_default();
            let mut cells: Vec<String> = vec![
                r.period.code(),
                format_iso(r.reported_on),
                units.get(&r.unit_id).cloned().unwrap_or_default(),
                group_of(r.node_id),
                task,
                clean(&r.body),
                inline(&r.author),
                // As it stood on the as-of date: reviewed later, pending then.
                r.review_at(snap.as_of).label_zh().to_string(),
                r.revision.to_string(),
            ];
            let mut values = vec![String::new(); indicators.len()];
            for (id, v) in &r.values {
                if let Some(k) = column.get(id) {
                    values[*k] = quantity(*v);
                }
            }
            cells.extend(values);
            sheet.row(&cells)?;
            Ok(())
        })?;
    Ok(sheet.finish()?)
}
