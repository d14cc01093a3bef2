//! Synthetic data at any size, for measuring bayu: the demo's structure plus
//! exactly N reports spread evenly over units, tasks and periods, with
//! realistic Chinese text and indicator values. Deterministic for a seed.
//!
//! One current report per unit, task and period is the model's rule, so the
//! 41 units × 18 quarters hold 738 reports per task; when N needs more,
//! sub-tasks are added under the tasks (as an office splits work up), each
//! reportable with an indicator of its own.

use crate::db::{NewReport, Result, Writer};
use crate::model::Review;

use super::rng::{Rng, hash};
use super::schedule::{author, fill};
use super::{DemoSummary, add_structure, record};

/// The page cache while generating, in KiB.
const BULK_CACHE_KIB: i64 = 128 * 1024;

/// A reportable node of the synthetic plan and what its reports look like.
struct Slot {
    node_id: i64,
    texts: Vec<String>,
    indicators: Vec<(i64, f64)>,
    pace: f64,
}

/// Fills a new database (holding the built-in plan) with the demo's
/// structure and exactly `reports` reports. `progress(done, total)` is
/// called every few thousand reports.
pub fn add(
    w: &Writer<'_>,
    reports: usize,
    seed: u64,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<DemoSummary> {
    // The whole file is written in one transaction: with SQLite's default
    // 2 MB page cache the growing indexes are spilled and rewritten many
    // times over. A larger cache for this connection keeps them in memory.
    w.conn()
        .pragma_update(None, "cache_size", -BULK_CACHE_KIB)?;
    let structure = add_structure(w)?;
    let mut summary = structure.summary;
    let units = w.units()?;
    let periods = structure.periods()?;
    let per_node = (units.len() * periods.len()).max(1);
    let mut slots: Vec<Slot> = structure
        .tasks
        .iter()
        .filter(|t| !structure.task_def(t).once)
        .map(|t| {
            let d = structure.task_def(t);
            Slot {
                node_id: t.node_id,
                texts: d.texts.clone(),
                indicators: t.indicators.clone(),
                pace: d.pace,
            }
        })
        .collect();
    let outline = w.outline()?;
    // (node, level, next free position) of each task that gets sub-tasks.
    let mut parents: Vec<(i64, u8, u32)> = slots
        .iter()
        .filter_map(|slot| outline.get(slot.node_id))
        .map(|n| (n.id, n.level, outline.children(n.id).len() as u32 + 1))
        .collect();
    let base = parents.len();
    let needed = reports.div_ceil(per_node);
    let mut k = 0;
    while slots.len() < needed && base > 0 {
        let i = k % base;
        let (parent, level, position) = parents[i];
        parents[i].2 += 1;
        let id = w.insert_subtask(parent, position, level + 1, &format!("专项推进{}", k + 1))?;
        let target = per_node as f64 * 2.0;
        let indicator = w.insert_indicator(id, "专项活动", "场", Some(target))?;
        slots.push(Slot {
            node_id: id,
            texts: slots[i].texts.clone(),
            indicators: vec![(indicator, target)],
            pace: 1.0,
        });
        summary.subtasks += 1;
        summary.indicators += 1;
        k += 1;
    }
    let capacity = slots.len() * per_node;
    let total = reports.min(capacity);
    let mut rng = Rng::new(seed);
    let mut chosen = 0;
    let mut visited = 0;
    for (pi, period) in periods.iter().enumerate() {
        for unit in &units {
            let name = author(&structure.def, unit);
            let unit_late = hash(&unit.name).is_multiple_of(10);
            for slot in &slots {
                // Selection sampling: exactly `total` of `capacity`, evenly.
                let left = (total - chosen) as u64;
                let remaining = (capacity - visited) as u64;
                visited += 1;
                if left == 0 || rng.next_u64() % remaining >= left {
                    continue;
                }
                chosen += 1;
                let values: Vec<(i64, f64)> = slot
                    .indicators
                    .iter()
                    .map(|&(id, target)| {
                        let mean = target / per_node as f64 * slot.pace;
                        (id, (mean * (0.4 + 1.2 * rng.unit())).round())
                    })
                    .collect();
                let pick = |rng: &mut Rng| {
                    slot.texts
                        .get((rng.next_u64() % slot.texts.len().max(1) as u64) as usize)
                        .cloned()
                        .unwrap_or_else(|| "{unit}按计划推进各项工作。".into())
                };
                let mut body = fill(&pick(&mut rng), &unit.short_name, &values);
                if rng.chance(0.3) {
                    body.push_str(&fill(&pick(&mut rng), &unit.short_name, &values));
                }
                let day = if unit_late && rng.chance(0.5) {
                    period.end() + chrono::Days::new(rng.range(11, 40) as u64)
                } else {
                    period.end() - chrono::Days::new(rng.range(1, 25) as u64)
                };
                let id = w
                    .add_report(&NewReport {
                        unit_id: unit.id,
                        node_id: slot.node_id,
                        period: *period,
                        reported_on: day,
                        author: name.clone(),
                        body,
                        values,
                        batch_id: None,
                    })?
                    .id();
                if periods.len() - pi > 2 {
                    let reviewed = period.end() + chrono::Days::new(20);
                    w.set_review(id, Review::Accepted, None, reviewed)?;
                }
                if chosen % 5000 == 0 {
                    progress(chosen, total);
                }
            }
        }
    }
    progress(chosen, total);
    super::story::record(w, &structure)?;
    summary.reports = chosen;
    record(w, &format!("生成合成数据（种子{seed}）"), &summary)?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use crate::db::Store;

    fn generate(path: &std::path::Path, n: usize, seed: u64) -> Store {
        let doc = crate::plan_text::parse(crate::seed::PLAN_TEXT).unwrap();
        let units = crate::seed::parse_units(crate::seed::UNITS_TSV, "units").unwrap();
        Store::create(path, false, |s| {
            s.write("demo", |w| {
                w.load_plan(&doc)?;
                w.insert_units(&units)?;
                super::add(w, n, seed, &mut |_, _| {})?;
                Ok(())
            })
        })
        .unwrap()
    }

    fn dump(store: &Store) -> Vec<(i64, i64, String, String, String)> {
        let mut stmt = store
            .conn()
            .prepare("SELECT unit_id, node_id, period, reported_on, body FROM report ORDER BY id")
            .unwrap();
        stmt.query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
    }

    #[test]
    fn exactly_n_reports_deterministic_for_a_seed() {
        let dir = tempfile::tempdir().unwrap();
        let a = generate(&dir.path().join("a.db"), 3000, 7);
        let b = generate(&dir.path().join("b.db"), 3000, 7);
        let c = generate(&dir.path().join("c.db"), 3000, 8);
        assert_eq!(a.report_count().unwrap(), 3000);
        assert_eq!(dump(&a), dump(&b));
        assert_ne!(dump(&a), dump(&c));
        assert!(a.check().unwrap().ok());
    }

    #[test]
    fn large_counts_add_sub_tasks_for_room() {
        let dir = tempfile::tempdir().unwrap();
        let s = generate(&dir.path().join("a.db"), 20_000, 1);
        assert_eq!(s.report_count().unwrap(), 20_000);
        let outline = s.outline().unwrap();
        assert!(outline.iter().any(|n| n.title.starts_with("专项推进")));
        assert!(s.check().unwrap().ok(), "{:?}", s.check().unwrap().problems);
        // Spread over every unit.
        let units: i64 = s
            .conn()
            .query_row("SELECT COUNT(DISTINCT unit_id) FROM report", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(units, 41);
    }
}
