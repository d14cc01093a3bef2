//! The demo data is deterministic and gives every warning something to show.

use chrono::NaiveDate;

use crate::analysis::{Light, Pace, Snapshot, UnitStanding};
use crate::db::Store;

fn demo_db(path: &std::path::Path) -> Store {
    crate::test_support::demo(path)
}

fn fingerprint(store: &Store) -> Vec<(i64, String, String, String)> {
    let conn = store.conn();
    let mut stmt = conn
        .prepare("SELECT id, period, reported_on, body FROM report ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn demo_data_is_the_same_every_time() {
    let dir = tempfile::tempdir().unwrap();
    let a = demo_db(&dir.path().join("a.db"));
    let b = demo_db(&dir.path().join("b.db"));
    assert_eq!(fingerprint(&a), fingerprint(&b));
    assert_eq!(a.milestones().unwrap(), b.milestones().unwrap());
}

#[test]
fn demo_data_gives_every_warning_something_to_show() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_db(&dir.path().join("a.db"));
    assert!(store.report_count().unwrap() > 7000);
    assert!(store.check().unwrap().ok());
    let as_of = NaiveDate::from_ymd_opt(2021, 12, 31).unwrap();
    let snap = Snapshot::load(&store, as_of).unwrap();
    // Every task has a lead agency.
    for task in snap.work_items() {
        assert!(
            snap.lead_agency(task.id).is_some(),
            "{} has no lead",
            task.title
        );
    }
    // Overdue milestones, due-soon milestones, red and yellow tasks.
    let overdue = snap.overdue();
    assert!(
        overdue
            .iter()
            .any(
                |o| snap.milestone(o.milestone_id).unwrap().title == "女职工创新工作室首批认定"
                    && o.days_late == 31
            )
    );
    assert!(!snap.due_soon().is_empty());
    let lights = snap.light_counts();
    assert!(lights.iter().all(|(_, n)| *n > 0), "{lights:?}");
    let paces = snap.pace_counts();
    assert!(
        paces.iter().find(|(p, _)| *p == Pace::Behind).unwrap().1 > 0,
        "{paces:?}"
    );
    // Coverage of 2021Q4 on 31 December: most have reported, the late units not.
    assert_eq!(snap.period.code(), "2021Q4");
    let c = &snap.coverage;
    assert_eq!(c.expected(), 41);
    assert!(c.reported() >= 30 && c.reported() < 41, "{}", c.reported());
    let missing: Vec<_> = c
        .not_reported()
        .map(|u| snap.unit(u.unit_id).unwrap().name.as_str())
        .collect();
    assert!(missing.contains(&"城口县"), "{missing:?}");
    // Weeks later the late units have reported late.
    let later = Snapshot::load(&store, NaiveDate::from_ymd_opt(2022, 2, 28).unwrap()).unwrap();
    assert_eq!(later.period.code(), "2022Q1");
    let q4 = crate::analysis::Coverage::compute(
        snap.period,
        10,
        later.as_of,
        &later.units,
        &store.period_stats(snap.period, later.as_of).unwrap(),
    );
    assert!(q4.units.iter().any(|u| u.standing == UnitStanding::Late));
    assert!(snap.light_counts()[0].0 == Light::Red);
}
