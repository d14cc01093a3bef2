//! One row of a returned sheet, checked: which unit, which task, which
//! period, when, by whom, what text, which figures — turned into a report
//! to add, or into every reason it cannot be (all of them, not the first),
//! each naming its column.

use std::cell::RefCell;
use std::collections::HashMap;

use chrono::NaiveDate;

use chrono::Datelike;

use super::cells::{parse_date, parse_number};
use super::columns::{Columns, Field};
use super::matching::{TaskMatcher, TaskMiss, UnitMatcher};
use super::read::Record;
use crate::db::NewReport;
use crate::model::dates::YearRule;
use crate::model::dates::format_iso;
use crate::model::{Node, NodeKind, Period, PeriodKind};
use crate::text::sanitize::normalize_input;

/// Longest 填报人 accepted: longer text is a column out of place.
const MAX_AUTHOR_CHARS: usize = 40;

/// What a row is checked against.
pub struct RowContext<'a> {
    pub units: &'a UnitMatcher,
    pub tasks: &'a TaskMatcher<'a>,
    /// Indicator id → the node it belongs to.
    pub indicator_node: HashMap<i64, i64>,
    pub period_kind: PeriodKind,
    /// The plan's first day: periods ending before it are refused.
    pub plan_start: Option<NaiveDate>,
    /// The day of the import: the default 报送日期, and the latest
    /// date and period a row may name.
    pub today: NaiveDate,
    pub default_author: String,
    /// The language of the messages worded in `i18n` or by the editing
    /// rules (both languages).
    pub lang: crate::i18n::Lang,
    /// Near-miss suggestions already computed, by the text looked up.
    pub suggestions: RefCell<HashMap<String, Option<String>>>,
}

impl RowContext<'_> {
    fn unit_suggestion(&self, input: &str) -> Option<String> {
        let mut cache = self.suggestions.borrow_mut();
        cache
            .entry(input.to_string())
            .or_insert_with(|| self.units.suggest(input).map(str::to_string))
            .clone()
    }
}

/// A cell that cannot be used, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct CellError {
    /// The column's header (or `column 9` for one without).
    pub column: Option<String>,
    pub message: String,
}

/// A row that checked out.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub report: NewReport,
    /// Full name of the unit, for the summary.
    pub unit_name: String,
    /// Dotted code of the task, for messages.
    pub task_code: String,
    pub date_defaulted: bool,
    /// The date cell as typed, when it gave no year and took its period's.
    pub date_without_year: Option<String>,
    pub author_defaulted: bool,
}

/// What a row turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub enum RowOutcome {
    /// Every cell empty: not a row at all.
    Blank,
    /// A template row the unit left as it was (no text, no figure); the
    /// unit named in it, when it names one.
    Unfilled {
        unit: Option<String>,
    },
    Report(Box<Draft>),
    Bad(Vec<CellError>),
}

fn err(column: &str, message: String) -> CellError {
    CellError {
        column: Some(column.to_string()),
        message,
    }
}

fn kind_label(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Part => "a part (一、)",
        NodeKind::Action => "an action (（一）)",
        NodeKind::Task => "a task",
        NodeKind::SubTask => "a sub-task",
    }
}

/// Whether a task cell looks like a dotted code, rather than something a
/// spreadsheet turned into a date (3.2 → 3月2日).
fn looks_like_code(s: &str) -> bool {
    let k = super::matching::key(s);
    !k.is_empty() && k.chars().all(|c| c.is_ascii_digit() || c == '.')
}

fn describe_miss(ctx: &RowContext<'_>, written: &str, miss: &TaskMiss, by: &str) -> String {
    let code = ctx
        .tasks
        .outline()
        .find_code(written)
        .map(|n| ctx.tasks.outline().code(n.id));
    let name = code.unwrap_or_else(|| written.trim().to_string());
    match miss {
        TaskMiss::Unknown { suggestion } => match suggestion {
            Some(s) => format!("unknown task \"{}\" (did you mean {s}?)", written.trim()),
            None => format!(
                "unknown task \"{}\" (`bayu tree --codes` lists the tasks)",
                written.trim()
            ),
        },
        TaskMiss::NotATask { kind } => format!(
            "{name} is {}, not a task; units report on tasks and sub-tasks",
            kind_label(*kind)
        ),
        TaskMiss::NotReportable => {
            format!("task {name} is not reported on by the units (the office marked it so)")
        }
        TaskMiss::Ambiguous { codes } => format!(
            "several tasks are titled \"{}\" ({}); give {by}",
            written.trim(),
            codes.join(", ")
        ),
    }
}

/// Resolves the task from its code and/or title cells.
fn task<'a>(
    ctx: &RowContext<'a>,
    cols: &Columns,
    record: &Record,
    errors: &mut Vec<CellError>,
) -> Option<&'a Node> {
    let code = cols.cell(record, Field::TaskCode).trim();
    let title = cols.cell(record, Field::Task).trim();
    let code_col = Field::TaskCode.header();
    let title_col = Field::Task.header();
    let outline = ctx.tasks.outline();
    let by_code = (!code.is_empty()).then(|| ctx.tasks.by_code(code));
    let by_title = (!title.is_empty()).then(|| ctx.tasks.by_title(title));
    match (by_code, by_title) {
        (None, None) => {
            let column = if cols.get(Field::TaskCode).is_some() {
                code_col
            } else {
                title_col
            };
            errors.push(err(
                column,
                format!("no task given (fill {code_col} or {title_col})"),
            ));
            None
        }
        (Some(Ok(node)), None) | (None, Some(Ok(node))) => Some(node),
        (Some(Ok(node)), Some(_)) if ctx.tasks.title_matches(node, title) => Some(node),
        (Some(Ok(node)), Some(Ok(other))) => {
            errors.push(err(
                code_col,
                format!(
                    "task {} is {}, but column {title_col} names {} ({}); correct one of them",
                    outline.code(node.id),
                    node.title,
                    other.title,
                    outline.code(other.id)
                ),
            ));
            None
        }
        (Some(Ok(node)), Some(Err(_))) => {
            errors.push(err(
                title_col,
                format!(
                    "task {} is titled {}, not \"{title}\"; correct one of them",
                    outline.code(node.id),
                    node.title
                ),
            ));
            None
        }
        (Some(Err(_)), Some(Ok(node))) if !looks_like_code(code) => Some(node),
        (Some(Err(miss)), Some(Ok(node))) => {
            errors.push(err(
                code_col,
                format!(
                    "{}; column {title_col} names {}, which is {}",
                    describe_miss(ctx, code, &miss, code_col),
                    node.title,
                    outline.code(node.id)
                ),
            ));
            None
        }
        (Some(Err(miss)), title_result) => {
            errors.push(err(code_col, describe_miss(ctx, code, &miss, code_col)));
            if let Some(Err(TaskMiss::Unknown { .. })) = title_result {
                errors.push(err(title_col, format!("unknown task \"{title}\"")));
            }
            None
        }
        (None, Some(Err(miss))) => {
            errors.push(err(title_col, describe_miss(ctx, title, &miss, code_col)));
            None
        }
    }
}

/// Checks one data row.
pub fn validate(record: &Record, cols: &Columns, ctx: &RowContext<'_>) -> RowOutcome {
    if record.is_blank() {
        return RowOutcome::Blank;
    }
    let mut errors = Vec::new();
    for (i, cell) in record.cells.iter().enumerate() {
        if (i >= cols.width || cols.unnamed.contains(&i)) && !cell.trim().is_empty() {
            errors.push(CellError {
                column: Some(format!("{}", i + 1)),
                message: format!(
                    "the cell \"{}\" is in a column without a header; add the header or move the cell",
                    crate::text::width::truncate(&normalize_input(cell), 30, "…")
                ),
            });
        }
    }
    let body = normalize_input(cols.cell(record, Field::Body));
    // The one limit of a report's length, whichever way it arrives.
    if let Err(e) = crate::db::edit::validate::text(crate::db::edit::Field::Text, &body, false) {
        errors.push(err(
            Field::Body.header(),
            match ctx.lang {
                crate::i18n::Lang::Zh => e.zh(),
                crate::i18n::Lang::En => e.to_string(),
            },
        ));
    }
    let figures: Vec<(usize, &str)> = cols
        .indicators
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let cell = record.cells.get(c.index).map_or("", String::as_str);
            (!cell.trim().is_empty()).then_some((i, cell))
        })
        .collect();
    if body.is_empty() && figures.is_empty() && errors.is_empty() {
        let unit = ctx
            .units
            .find(cols.cell(record, Field::Unit))
            .map(|u| u.name.clone());
        return RowOutcome::Unfilled { unit };
    }

    let unit_cell = cols.cell(record, Field::Unit).trim();
    let unit_col = Field::Unit.header();
    let unit = if unit_cell.is_empty() {
        errors.push(err(unit_col, "the unit is empty".into()));
        None
    } else {
        match ctx.units.find(unit_cell) {
            Some(u) => Some(u),
            None => {
                let shown = normalize_input(unit_cell);
                errors.push(err(
                    unit_col,
                    match ctx.unit_suggestion(&shown) {
                        Some(s) => format!("unknown unit \"{shown}\" (did you mean {s}?)"),
                        None => format!("unknown unit \"{shown}\""),
                    },
                ));
                None
            }
        }
    };

    let node = task(ctx, cols, record, &mut errors);

    let period_col = Field::Period.header();
    let period = match Period::parse(cols.cell(record, Field::Period), ctx.period_kind) {
        Ok(p) if p.start() > ctx.today => {
            errors.push(err(
                period_col,
                format!(
                    "period {} has not begun yet (today is {})",
                    p.code(),
                    format_iso(ctx.today)
                ),
            ));
            None
        }
        Ok(p) if ctx.plan_start.is_some_and(|s| p.end() < s) => {
            errors.push(err(
                period_col,
                format!(
                    "period {} ends before the plan began ({})",
                    p.code(),
                    ctx.plan_start.map(format_iso).unwrap_or_default()
                ),
            ));
            None
        }
        Ok(p) => Some(p),
        Err(e) => {
            errors.push(err(period_col, e.to_string()));
            None
        }
    };
    if let (Some(u), Some(p)) = (unit, period)
        && !u.active_between(p.start(), p.end())
    {
        errors.push(err(
            unit_col,
            format!("{} did not exist during {}", u.name, p.code()),
        ));
    }

    let date_col = Field::Date.header();
    let date_cell = cols.cell(record, Field::Date);
    let date_defaulted = date_cell.trim().is_empty();
    let mut date_without_year = None;
    let reported_on = if date_defaulted {
        Some(ctx.today)
    } else {
        let parsed = match period {
            Some(p) => {
                let year = parse_date(date_cell, ctx.today, YearRule::Year(p.start().year()));
                let next = parse_date(date_cell, ctx.today, YearRule::Year(p.start().year() + 1));
                match (&year, &next) {
                    // A day typed without its year: the period's year, or
                    // the next when that puts it before the period began
                    // (a report for 2021年第四季度 sent on 1月5日).
                    (Ok(a), Ok(b)) if a != b => {
                        date_without_year = Some(date_cell.trim().to_string());
                        if *a < p.start() { next } else { year }
                    }
                    _ => year,
                }
            }
            None => parse_date(date_cell, ctx.today, YearRule::OfReference),
        };
        match parsed {
            Ok(d) if d > ctx.today => {
                errors.push(err(
                    date_col,
                    format!(
                        "{} is after today ({}); a report cannot have been sent yet",
                        format_iso(d),
                        format_iso(ctx.today)
                    ),
                ));
                None
            }
            Ok(d) => Some(d),
            Err(e) => {
                errors.push(err(date_col, e.to_string()));
                None
            }
        }
    };

    let author_col = Field::Author.header();
    let author = normalize_input(cols.cell(record, Field::Author))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let author_defaulted = author.is_empty();
    if author.chars().count() > MAX_AUTHOR_CHARS {
        errors.push(err(
            author_col,
            format!(
                "\"{}\" is too long for a name (over {MAX_AUTHOR_CHARS} characters); is a column out of place?",
                crate::text::width::truncate(&author, 30, "…")
            ),
        ));
    }
    let author = if author_defaulted {
        ctx.default_author.clone()
    } else {
        author
    };

    if body.is_empty() {
        errors.push(err(
            Field::Body.header(),
            "the text is empty; a report needs its 进展情况 (figures alone are not enough)".into(),
        ));
    }

    let mut values = Vec::new();
    for (i, cell) in figures {
        let col = &cols.indicators[i];
        match parse_number(cell, &col.measure) {
            Ok(Some(v)) => {
                if let Some(n) = node {
                    match col
                        .ids
                        .iter()
                        .find(|id| ctx.indicator_node.get(id) == Some(&n.id))
                    {
                        Some(&id) => values.push((id, v)),
                        None => errors.push(err(
                            &col.header,
                            format!(
                                "not an indicator of task {} {}; leave the cell blank",
                                ctx.tasks.outline().code(n.id),
                                n.title
                            ),
                        )),
                    }
                }
            }
            Ok(None) => {}
            Err(e) => errors.push(err(&col.header, e.to_string())),
        }
    }

    match (unit, node, period, reported_on, errors.is_empty()) {
        (Some(u), Some(n), Some(p), Some(d), true) => RowOutcome::Report(Box::new(Draft {
            report: NewReport {
                unit_id: u.id,
                node_id: n.id,
                period: p,
                reported_on: d,
                author,
                body,
                values,
                batch_id: None,
            },
            unit_name: u.name.clone(),
            task_code: ctx.tasks.outline().code(n.id),
            date_defaulted,
            date_without_year,
            author_defaulted,
        })),
        _ => RowOutcome::Bad(errors),
    }
}
