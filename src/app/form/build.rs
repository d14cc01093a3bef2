//! Building each form: empty (with sensible defaults — the as-of date, the
//! reporting period, the OS user as author) for a new record, or filled
//! from the record as stored for a change. A record read fresh from the
//! store (`Record`) also builds "their" side of a conflict, so both sides
//! are described field by field in the same words.

use chrono::NaiveDate;

use super::picker::Source;
use super::{CYCLES, Check, ChoiceSet, Form, FormField, FormKind, Input, REVIEWS, UNIT_KINDS};
use crate::app::data::Data;
use crate::db::edit::{Field, NodeRecord, Record, Target};
use crate::i18n::Lang;
use crate::i18n::edit as words;
use crate::model::dates::{default_effective, format_iso};
use crate::model::history::in_effect;
use crate::model::numbers::quantity;
use crate::model::{Node, NodeKind, Report, Status};

/// What forms are built against.
#[derive(Debug, Clone, Copy)]
pub struct Ctx<'a> {
    pub data: &'a Data,
    pub lang: Lang,
    pub as_of: NaiveDate,
    /// Today, for the day a change takes effect when the as-of date lies
    /// in the future.
    pub today: NaiveDate,
    /// The OS user, the default author of a report.
    pub user: &'a str,
}

fn label(ctx: &Ctx<'_>, f: Field) -> String {
    words::field(ctx.lang, f)
}

fn line(ctx: &Ctx<'_>, f: Field, text: &str) -> FormField {
    FormField::line(f, label(ctx, f), text)
}

fn date(ctx: &Ctx<'_>, f: Field, d: Option<NaiveDate>, optional: bool) -> FormField {
    let text = d.map(format_iso).unwrap_or_default();
    line(ctx, f, &text).checked(Check::Date { optional })
}

fn pick(ctx: &Ctx<'_>, f: Field, source: Source, chosen: Vec<i64>, multi: bool) -> FormField {
    FormField::new(
        f,
        label(ctx, f),
        Input::Pick {
            source,
            chosen,
            multi,
        },
    )
}

fn node_name(ctx: &Ctx<'_>, id: i64) -> String {
    let outline = &ctx.data.snap.outline;
    match outline.get(id) {
        Some(n) => format!("{} {}", outline.code(id), n.title),
        None => "?".into(),
    }
}

/// Fields for a report's indicator values: one per indicator of `node`.
pub fn value_fields(ctx: &Ctx<'_>, node: i64, values: &[(i64, f64)]) -> Vec<FormField> {
    ctx.data
        .snap
        .indicators_of(node)
        .map(|i| {
            let v = values
                .iter()
                .find(|(id, _)| *id == i.id)
                .map(|(_, v)| quantity(*v))
                .unwrap_or_default();
            let name = if i.measure.is_empty() {
                i.name.clone()
            } else {
                format!("{}（{}）", i.name, i.measure)
            };
            let mut f =
                FormField::line(Field::Value, name, &v).checked(Check::Number { optional: true });
            f.indicator = Some(i.id);
            f
        })
        .collect()
}

fn done(ctx: &Ctx<'_>, mut form: Form) -> Form {
    form.refresh_notes(ctx.as_of, ctx.lang);
    form
}

/// A form for a new record.
pub fn new_form(ctx: &Ctx<'_>, kind: FormKind) -> Form {
    let lang = ctx.lang;
    let snap = &ctx.data.snap;
    let (title, fields) = match kind {
        FormKind::AddSubtask { parent } => (
            words::add_subtask(lang, &node_name(ctx, parent)),
            vec![
                line(ctx, Field::Title, "").required(),
                FormField::text(Field::Body, label(ctx, Field::Body), ""),
            ],
        ),
        FormKind::StatusReason { node, status } => {
            let from = snap
                .outline
                .get(node)
                .map_or(Status::NotStarted, |n| n.status);
            let mut fields = Vec::new();
            if status.needs_reason() {
                fields.push(line(ctx, Field::Reason, "").required());
            }
            fields.push(effective(ctx));
            (
                words::status_change(lang, &node_name(ctx, node), from, status),
                fields,
            )
        }
        FormKind::AddMilestone { node } => {
            let mut fields = Vec::new();
            if node.is_none() {
                fields.push(pick(ctx, Field::Task, Source::Tasks, vec![], false).required());
            }
            fields.push(line(ctx, Field::Title, "").required());
            fields.push(date(ctx, Field::Due, None, false).required());
            let title = match node {
                Some(n) => words::add_milestone(lang, Some(&node_name(ctx, n))),
                None => words::add_milestone(lang, None),
            };
            (title, fields)
        }
        FormKind::AddIndicator { node } => (
            words::add_indicator(lang, &node_name(ctx, node)),
            vec![
                line(ctx, Field::Name, "").required(),
                line(ctx, Field::Measure, ""),
                line(ctx, Field::Target, "").checked(Check::Number { optional: true }),
            ],
        ),
        FormKind::AddReport => (
            words::add_report(lang).to_string(),
            vec![
                pick(ctx, Field::Unit, Source::Units, vec![], false).required(),
                pick(ctx, Field::Task, Source::Tasks, vec![], false).required(),
                line(ctx, Field::Period, &snap.period.code())
                    .checked(Check::Period(snap.plan.period_kind))
                    .required(),
                date(ctx, Field::Date, Some(ctx.as_of), false).required(),
                line(ctx, Field::Author, ctx.user).required(),
                FormField::text(Field::Text, label(ctx, Field::Text), "").required(),
            ],
        ),
        FormKind::AddAgency => (
            words::add_agency(lang).to_string(),
            vec![
                line(ctx, Field::Name, "").required(),
                line(ctx, Field::ShortName, ""),
            ],
        ),
        FormKind::AddUnit => (
            words::add_unit(lang).to_string(),
            vec![
                line(ctx, Field::Name, "").required(),
                line(ctx, Field::ShortName, ""),
                line(ctx, Field::Code, ""),
                FormField::new(
                    Field::Kind,
                    label(ctx, Field::Kind),
                    Input::Choice {
                        set: ChoiceSet::UnitKind,
                        index: 0,
                    },
                ),
                FormField {
                    label: words::valid_from(lang).to_string(),
                    ..date(ctx, Field::Start, None, true)
                },
            ],
        ),
        // Forms on an existing record are built from it (`from_record`).
        FormKind::Schedule
        | FormKind::EditNode { .. }
        | FormKind::EditMilestone { .. }
        | FormKind::MilestoneDone { .. }
        | FormKind::EditIndicator { .. }
        | FormKind::EditReport { .. }
        | FormKind::Review { .. }
        | FormKind::EditAgency { .. }
        | FormKind::EditUnit { .. } => (String::new(), Vec::new()),
    };
    done(ctx, Form::new(kind, title, fields, 0))
}

/// A form on a record as stored. `kind` says which form (a report opens
/// as a correction or as a review; a milestone as an edit or as done).
pub fn from_record(ctx: &Ctx<'_>, kind: FormKind, fresh: &Record) -> Form {
    let lang = ctx.lang;
    let (title, fields) = match (kind, fresh) {
        (
            FormKind::EditNode { work, .. },
            Record::Node(NodeRecord {
                node,
                lead,
                support,
                history,
            }),
        ) => {
            let what = words::node_what(lang, &ctx.data.snap.outline, node);
            let mut fields = vec![
                line(ctx, Field::Title, &node.title).required(),
                FormField::text(Field::Body, label(ctx, Field::Body), &node.body),
            ];
            if work {
                // The values in effect on the day a change would take effect.
                let held = in_effect(history, default_effective(ctx.as_of, ctx.today));
                let node = Node {
                    status: held.status,
                    status_reason: held.reason,
                    start: held.start,
                    due: held.due,
                    progress: held.progress,
                    ..node.clone()
                };
                let index = Status::ALL
                    .iter()
                    .position(|s| *s == node.status)
                    .unwrap_or(0);
                fields.push(FormField::new(
                    Field::Status,
                    label(ctx, Field::Status),
                    Input::Choice {
                        set: ChoiceSet::Status,
                        index,
                    },
                ));
                fields.push(line(
                    ctx,
                    Field::Reason,
                    node.status_reason.as_deref().unwrap_or(""),
                ));
                fields.push(date(ctx, Field::Start, node.start, true));
                fields.push(date(ctx, Field::Due, node.due, true));
                let progress = node.progress.map(|p| p.to_string()).unwrap_or_default();
                fields.push(line(ctx, Field::Progress, &progress).checked(Check::Progress));
                fields.push(effective(ctx));
            }
            fields.push(pick(ctx, Field::Lead, Source::Agencies, lead.clone(), true));
            fields.push(pick(
                ctx,
                Field::Support,
                Source::Agencies,
                support.clone(),
                true,
            ));
            (words::edit_what(lang, &what), fields)
        }
        (FormKind::EditMilestone { .. }, Record::Milestone(m)) => (
            words::edit_milestone(lang, &node_name(ctx, m.node_id)),
            vec![
                line(ctx, Field::Title, &m.title).required(),
                date(ctx, Field::Due, Some(m.due), false).required(),
            ],
        ),
        (FormKind::MilestoneDone { .. }, Record::Milestone(m)) => (
            words::milestone_done(lang, &m.title),
            vec![date(ctx, Field::Done, Some(m.done.unwrap_or(ctx.as_of)), false).required()],
        ),
        (FormKind::EditIndicator { .. }, Record::Indicator(i)) => (
            words::edit_indicator(lang, &node_name(ctx, i.node_id)),
            vec![
                line(ctx, Field::Name, &i.name).required(),
                line(ctx, Field::Measure, &i.measure),
                line(
                    ctx,
                    Field::Target,
                    &i.target.map(quantity).unwrap_or_default(),
                )
                .checked(Check::Number { optional: true }),
            ],
        ),
        (FormKind::EditReport { .. }, Record::Report(r)) => {
            let mut fields = vec![
                date(ctx, Field::Date, Some(r.reported_on), false).required(),
                line(ctx, Field::Author, &r.author).required(),
                FormField::text(Field::Text, label(ctx, Field::Text), &r.body).required(),
            ];
            fields.extend(value_fields(ctx, r.node_id, &r.values));
            (words::edit_report(lang, &report_what(ctx, r)), fields)
        }
        (FormKind::Review { .. }, Record::Report(r)) => {
            let index = REVIEWS.iter().position(|x| *x == r.review).unwrap_or(0);
            (
                words::review_report(lang, &report_what(ctx, r)),
                vec![
                    FormField::new(
                        Field::Review,
                        label(ctx, Field::Review),
                        Input::Choice {
                            set: ChoiceSet::Review,
                            index,
                        },
                    ),
                    FormField::text(
                        Field::Comment,
                        label(ctx, Field::Comment),
                        r.review_comment.as_deref().unwrap_or(""),
                    ),
                ],
            )
        }
        (FormKind::EditAgency { .. }, Record::Agency(a)) => (
            words::edit_agency(lang, &a.name),
            vec![
                line(ctx, Field::Name, &a.name).required(),
                line(ctx, Field::ShortName, &a.short_name),
            ],
        ),
        (FormKind::EditUnit { .. }, Record::Unit(u)) => (
            words::edit_unit(lang, &u.name),
            vec![
                line(ctx, Field::Name, &u.name).required(),
                line(ctx, Field::ShortName, &u.short_name),
                date(ctx, Field::EndDate, u.valid_to, true),
            ],
        ),
        (FormKind::Schedule, Record::Plan(p)) => {
            let cycle = CYCLES.iter().position(|k| *k == p.period_kind).unwrap_or(0);
            (
                words::edit_schedule(lang).to_string(),
                vec![
                    date(ctx, Field::Start, p.start, true),
                    FormField {
                        label: lang.pick("结束日期", "End date").to_string(),
                        ..date(ctx, Field::EndDate, p.end, true)
                    },
                    line(ctx, Field::WarningDays, &p.warning_days.to_string())
                        .checked(Check::Number { optional: false })
                        .required(),
                    line(ctx, Field::GraceDays, &p.report_grace_days.to_string())
                        .checked(Check::Number { optional: false })
                        .required(),
                    FormField::new(
                        Field::Cycle,
                        label(ctx, Field::Cycle),
                        Input::Choice {
                            set: ChoiceSet::Cycle,
                            index: cycle,
                        },
                    ),
                ],
            )
        }
        (kind, _) => return new_form(ctx, kind),
    };
    let mut form = Form::new(kind, title, fields, fresh.version());
    form.record = Some(Box::new(fresh.clone()));
    done(ctx, form)
}

/// `渝中区 2021年第四季度 2.1.1 提高政治站位`.
fn report_what(ctx: &Ctx<'_>, r: &Report) -> String {
    format!(
        "{} {} {}",
        ctx.data.unit_name(r.unit_id),
        crate::i18n::console::period(ctx.lang, r.period),
        node_name(ctx, r.node_id)
    )
}

/// The form kind `e` opens on a record, and whether a node is a task;
/// `None` for a recorded change of a task, which is corrected from the
/// command line (`bayu task correct`).
pub fn edit_kind(data: &Data, target: Target) -> Option<FormKind> {
    Some(match target {
        Target::Node(id) => FormKind::EditNode {
            id,
            work: data.snap.outline.kind(id).is_some_and(NodeKind::is_work),
        },
        Target::Milestone(id) => FormKind::EditMilestone { id },
        Target::Indicator(id) => FormKind::EditIndicator { id },
        Target::Report(id) => FormKind::EditReport { id },
        Target::Agency(id) => FormKind::EditAgency { id },
        Target::Unit(id) => FormKind::EditUnit { id },
        Target::Plan(_) => FormKind::Schedule,
        Target::History(_) => return None,
    })
}

/// The date of effect (生效日期) of a form that records a change: the
/// as-of date, or today when that lies ahead.
fn effective(ctx: &Ctx<'_>) -> FormField {
    let on = default_effective(ctx.as_of, ctx.today);
    line(ctx, Field::Effective, &format_iso(on))
        .checked(Check::Effective { today: ctx.today })
        .required()
}

/// The unit kind as stored, from the choice.
pub fn unit_kind(index: usize) -> &'static str {
    UNIT_KINDS[index.min(UNIT_KINDS.len() - 1)].0
}
