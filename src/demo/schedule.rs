//! The realistic demo reports: the shape of five years of a real office's
//! reporting, deterministic.

use chrono::NaiveDate;

use crate::db::{NewReport, Result, Writer};
use crate::model::Unit;

use super::rng::{Rng, hash};
use super::{DemoDef, Structure};

/// The unit's contact person, the same in every period.
pub(crate) fn author(def: &DemoDef, unit: &Unit) -> String {
    let surnames: Vec<char> = def.surnames.chars().collect();
    let h = hash(&unit.name);
    let surname = surnames
        .get((h % surnames.len().max(1) as u64) as usize)
        .copied()
        .unwrap_or('王');
    let given = def
        .given_names
        .get(((h >> 16) % def.given_names.len().max(1) as u64) as usize)
        .map(String::as_str)
        .unwrap_or("丽");
    format!("{surname}{given}")
}

/// Five years of quarterly reports as a real office would have them: most
/// units on time, a few chronically late or missing, some tasks skipped.
pub(crate) fn add_reports(w: &Writer<'_>, structure: &Structure, units: &[Unit]) -> Result<usize> {
    let def = &structure.def;
    let periods = structure.periods()?;
    let share = (units.len() * periods.len()).max(1) as f64;
    let firsts = structure
        .tasks
        .iter()
        .map(|t| structure.first_period_of(t))
        .collect::<Result<Vec<_>>>()?;
    let grace = u64::from(w.plan()?.report_grace_days);
    let mut rng = Rng::new(20210609);
    let mut added = 0;
    for (pi, period) in periods.iter().enumerate() {
        for unit in units {
            let late_unit = def.late_units.contains(&unit.name);
            let skip_period = if late_unit {
                rng.chance(0.2)
            } else {
                rng.chance(0.015)
            };
            // The newest period is still coming in: late units have not
            // reported. What is reported once (a district's own
            // implementation plan) every unit reports in the first period.
            let skip = skip_period || (late_unit && pi + 1 == periods.len());
            let only_once = skip && pi == 0;
            if skip && !only_once {
                continue;
            }
            let day = if late_unit {
                period.end() + chrono::Days::new(rng.range(12, 40) as u64)
            } else {
                period.end() - chrono::Days::new(rng.range(2, 20) as u64)
            };
            let name = author(def, unit);
            for (task, first) in structure.tasks.iter().zip(&firsts) {
                let tdef = structure.task_def(task);
                if tdef.once && pi > 0 || only_once && !tdef.once {
                    continue;
                }
                if first.is_some_and(|f| *period < f) || !tdef.once && rng.chance(0.03) {
                    continue;
                }
                let mut values = Vec::new();
                for (id, target) in &task.indicators {
                    let v = if tdef.once {
                        1.0
                    } else {
                        let mean = target / share * tdef.pace;
                        // A small figure is 0 or 1 by chance, so that a
                        // rare indicator still adds up over the years.
                        let x = mean * (0.4 + 1.2 * rng.unit());
                        x.floor() + f64::from(u8::from(rng.unit() < x.fract()))
                    };
                    values.push((*id, v));
                }
                let text = tdef
                    .texts
                    .get((rng.next_u64() % tdef.texts.len().max(1) as u64) as usize)
                    .cloned()
                    .unwrap_or_default();
                let body = fill(&text, &unit.short_name, &values);
                let report = NewReport {
                    unit_id: unit.id,
                    node_id: task.node_id,
                    period: *period,
                    reported_on: day,
                    author: name.clone(),
                    body,
                    values,
                    batch_id: None,
                };
                let id = w.add_report(&report)?.id();
                added += 1;
                let reviewed = period.end() + chrono::Days::new(grace + rng.range(5, 25) as u64);
                review(w, &mut rng, id, &report, periods.len() - pi, reviewed)?;
            }
        }
    }
    Ok(added)
}

/// Older reports are reviewed, a few weeks after the period's deadline
/// (`reviewed`); a few were returned within days and sent again.
fn review(
    w: &Writer<'_>,
    rng: &mut Rng,
    id: i64,
    report: &NewReport,
    age: usize,
    reviewed: NaiveDate,
) -> Result<()> {
    if age <= 2 {
        return Ok(());
    }
    if rng.chance(0.02) {
        w.set_review(
            id,
            crate::model::Review::Returned,
            Some("请补充具体数据和佐证材料。"),
            report.reported_on + chrono::Days::new(3),
        )?;
        let again = NewReport {
            reported_on: report.reported_on + chrono::Days::new(7),
            body: format!("{}（已按要求补充活动清单和佐证材料。）", report.body),
            ..report.clone()
        };
        let new_id = w.add_report(&again)?.id();
        w.set_review(new_id, crate::model::Review::Accepted, None, reviewed)?;
    } else {
        w.set_review(id, crate::model::Review::Accepted, None, reviewed)?;
    }
    Ok(())
}

/// A report text from a template: `{unit}` and `{v0}`, `{v1}` … filled in.
pub(crate) fn fill(template: &str, unit: &str, values: &[(i64, f64)]) -> String {
    let mut body = template.replace("{unit}", unit);
    for (i, (_, v)) in values.iter().enumerate() {
        body = body.replace(&format!("{{v{i}}}"), &crate::model::numbers::quantity(*v));
    }
    body
}
