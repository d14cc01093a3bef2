//! Ctrl-S: a form's fields read with the editing core's own rules
//! (`db::edit::validate`), so that a mistake is named beside its field at
//! once, without a trip to the store; the result is the operation to run.
//! The store checks everything again inside its transaction.

use super::build::{Ctx, unit_kind};
use super::{CYCLES, Form, FormKind, Input, REVIEWS, Value};
use crate::db::NewReport;
use crate::db::edit::{
    AgencyFields, EditError, EditResult, Field, IndicatorFields, Invalid, MilestoneFields,
    NodeEdit, Op, ReportFields, ReviewChange, StatusChange, UnitEdit, UnitFields, validate,
};
use crate::i18n::edit as words;
use crate::model::dates::default_effective;
use crate::model::{Schedule, Status};

fn invalid(e: EditError) -> Invalid {
    match e {
        EditError::Invalid(i) => i,
        other => Invalid {
            field: Field::Title,
            message: other.to_string(),
            message_zh: other.zh(),
        },
    }
}

struct Reader<'f> {
    form: &'f Form,
}

impl Reader<'_> {
    fn text(&self, key: Field) -> String {
        self.form
            .field(key)
            .map(|f| f.text_value())
            .unwrap_or_default()
    }

    /// Whether any of these fields differs from what the form opened with.
    fn changed(&self, keys: &[Field]) -> bool {
        self.form
            .fields
            .iter()
            .zip(&self.form.original)
            .any(|(f, opened)| keys.contains(&f.key) && f.value() != *opened)
    }

    fn index(&self, key: Field) -> usize {
        match self.form.field(key).map(|f| f.value()) {
            Some(Value::Index(i)) => i,
            _ => 0,
        }
    }

    fn ids(&self, key: Field) -> Vec<i64> {
        match self.form.field(key).map(|f| f.value()) {
            Some(Value::Ids(ids)) => ids,
            _ => Vec::new(),
        }
    }

    /// The one id of a single pick, required.
    fn one(&self, key: Field) -> EditResult<i64> {
        self.ids(key).first().copied().ok_or_else(|| {
            let (en, zh) = words::pick_one(key);
            EditError::invalid(key, en, zh)
        })
    }

    /// Indicator values typed, skipping empty ones.
    fn values(&self) -> EditResult<Vec<(i64, f64)>> {
        let mut out = Vec::new();
        for f in self.form.fields.iter().filter(|f| f.key == Field::Value) {
            let (Some(ind), Input::Line(l)) = (f.indicator, &f.input) else {
                continue;
            };
            if l.text().trim().is_empty() {
                continue;
            }
            let v = validate::number(Field::Value, l.text())
                .and_then(|v| validate::non_negative(Field::Value, v))
                .map_err(|e| {
                    let (en, zh) = (e.to_string(), e.zh());
                    EditError::invalid(
                        Field::Value,
                        format!("{}: {en}", f.label),
                        format!("{}：{zh}", f.label),
                    )
                })?;
            out.push((ind, v));
        }
        Ok(out)
    }
}

/// The operation a form saves, or the first field at fault.
pub fn submit(form: &Form, ctx: &Ctx<'_>) -> Result<Op, Invalid> {
    read(form, ctx).map_err(invalid)
}

fn read(form: &Form, ctx: &Ctx<'_>) -> EditResult<Op> {
    let r = Reader { form };
    let as_of = ctx.as_of;
    let version = form.version;
    let title = || validate::line(Field::Title, &r.text(Field::Title));
    let opt_date = |k: Field| validate::optional_date(k, &r.text(k), as_of);
    let date = |k: Field| validate::date(k, &r.text(k), as_of);
    let names = || -> EditResult<AgencyFields> {
        Ok(AgencyFields {
            name: validate::line(Field::Name, &r.text(Field::Name))?,
            short_name: validate::optional_line(Field::ShortName, &r.text(Field::ShortName))?
                .unwrap_or_default(),
        })
    };
    let indicator = || -> EditResult<IndicatorFields> {
        Ok(IndicatorFields {
            name: validate::line(Field::Name, &r.text(Field::Name))?,
            measure: validate::optional_line(Field::Measure, &r.text(Field::Measure))?
                .unwrap_or_default(),
            target: validate::target(&r.text(Field::Target))?,
        })
    };
    Ok(match form.kind {
        FormKind::AddSubtask { parent } => Op::AddSubtask {
            parent,
            title: title()?,
            body: validate::text(Field::Body, &r.text(Field::Body), false)?,
        },
        FormKind::EditNode { id, work } => {
            let title = title()?;
            let body = validate::text(Field::Body, &r.text(Field::Body), false)?;
            let (mut status, mut dates, mut progress) = (None, None, None);
            let mut on = default_effective(as_of, ctx.today);
            if work {
                // Only what the form changed is recorded, from its date of
                // effect; the rest stands as it is.
                on = validate::effective(&r.text(Field::Effective), as_of, ctx.today)?;
                if r.changed(&[Field::Status, Field::Reason]) {
                    let s = Status::ALL[r.index(Field::Status).min(Status::ALL.len() - 1)];
                    status = Some((s, validate::status_reason(s, Some(&r.text(Field::Reason)))?));
                }
                if r.changed(&[Field::Start, Field::Due]) {
                    let start = opt_date(Field::Start)?;
                    let due = opt_date(Field::Due)?;
                    validate::date_order(start, due)?;
                    dates = Some((start, due));
                }
                if r.changed(&[Field::Progress]) {
                    progress = Some(validate::progress(&r.text(Field::Progress))?);
                }
            }
            Op::SaveNode {
                id,
                version,
                edit: NodeEdit {
                    title,
                    body,
                    status,
                    dates,
                    progress,
                    lead: r.ids(Field::Lead),
                    support: r.ids(Field::Support),
                    on,
                },
            }
        }
        FormKind::StatusReason { node, status } => Op::SetStatus {
            id: node,
            version,
            change: StatusChange {
                status,
                reason: validate::status_reason(status, Some(&r.text(Field::Reason)))?,
                on: validate::effective(&r.text(Field::Effective), as_of, ctx.today)?,
            },
        },
        FormKind::Schedule => {
            let days = |k: Field| -> EditResult<u32> {
                let v = validate::number(k, &r.text(k))?;
                if v < 0.0 || v.fract() != 0.0 || v > f64::from(u32::MAX) {
                    return Err(EditError::invalid(
                        k,
                        format!("{}: {v} is not a whole number of days", k.en()),
                        format!("{}：{v}不是整天数", k.zh()),
                    ));
                }
                Ok(v as u32)
            };
            Op::SetSchedule {
                version,
                schedule: Schedule {
                    start: opt_date(Field::Start)?,
                    end: opt_date(Field::EndDate)?,
                    warning_days: days(Field::WarningDays)?,
                    grace_days: days(Field::GraceDays)?,
                    period_kind: CYCLES[r.index(Field::Cycle).min(CYCLES.len() - 1)],
                },
            }
        }
        FormKind::AddMilestone { node } => {
            let node = match node {
                Some(n) => n,
                None => r.one(Field::Task)?,
            };
            Op::AddMilestone {
                node,
                fields: MilestoneFields {
                    title: title()?,
                    due: date(Field::Due)?,
                },
            }
        }
        FormKind::EditMilestone { id } => Op::EditMilestone {
            id,
            version,
            fields: MilestoneFields {
                title: title()?,
                due: date(Field::Due)?,
            },
        },
        FormKind::MilestoneDone { id } => Op::MilestoneDone {
            id,
            version,
            date: date(Field::Done)?,
        },
        FormKind::AddIndicator { node } => Op::AddIndicator {
            node,
            fields: indicator()?,
        },
        FormKind::EditIndicator { id } => Op::EditIndicator {
            id,
            version,
            fields: indicator()?,
        },
        FormKind::AddReport => {
            let unit_id = r.one(Field::Unit)?;
            let node_id = r.one(Field::Task)?;
            let period = validate::period(&r.text(Field::Period), ctx.data.snap.plan.period_kind)?;
            Op::AddReport(NewReport {
                unit_id,
                node_id,
                period,
                reported_on: date(Field::Date)?,
                author: validate::line(Field::Author, &r.text(Field::Author))?,
                body: validate::text(Field::Text, &r.text(Field::Text), true)?,
                values: r.values()?,
                batch_id: None,
            })
        }
        FormKind::EditReport { id } => Op::EditReport {
            id,
            version,
            fields: ReportFields {
                reported_on: date(Field::Date)?,
                author: validate::line(Field::Author, &r.text(Field::Author))?,
                body: validate::text(Field::Text, &r.text(Field::Text), true)?,
                values: r.values()?,
            },
        },
        FormKind::Review { id } => {
            let review = REVIEWS[r.index(Field::Review).min(REVIEWS.len() - 1)];
            Op::Review {
                id,
                version,
                change: ReviewChange {
                    review,
                    comment: validate::review_comment(review, Some(&r.text(Field::Comment)))?,
                },
            }
        }
        FormKind::AddAgency => Op::AddAgency(names()?),
        FormKind::EditAgency { id } => Op::EditAgency {
            id,
            version,
            fields: names()?,
        },
        FormKind::AddUnit => {
            let n = names()?;
            Op::AddUnit(UnitFields {
                name: n.name,
                short_name: n.short_name,
                code: validate::optional_line(Field::Code, &r.text(Field::Code))?,
                kind: unit_kind(r.index(Field::Kind)).to_string(),
                valid_from: opt_date(Field::Start)?,
            })
        }
        FormKind::EditUnit { id } => {
            let n = names()?;
            Op::SaveUnit {
                id,
                version,
                edit: UnitEdit {
                    name: n.name,
                    short_name: n.short_name,
                    end: opt_date(Field::EndDate)?,
                },
            }
        }
    })
}
