//! Exports at past dates state only what was true then: on the demo data
//! at every month's end of the plan's life, and on a small history built
//! by hand at the dates where the old memos went wrong (the regressions
//! the issue quoted). The counts of deadlines agree between the memo, the
//! reminder list and `tree`.

use std::path::Path;

use chrono::{Datelike, Days, NaiveDate};

use super::consistency_tests::faults;
use super::{ExportOptions, Template, phrases, render};
use crate::analysis::{Scope, Snapshot};
use crate::db::{NewReport, Store};
use crate::i18n::Lang;
use crate::model::{HistoryValue, Period, Review, Status};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn memo(store: &Store, as_of: NaiveDate) -> String {
    let snap = Snapshot::load(store, as_of).unwrap();
    render(Template::Memo, &snap, store, &ExportOptions::default()).unwrap()
}

/// The paragraph of the memo about a task, by its title.
fn item<'a>(memo: &'a str, title: &str) -> &'a str {
    memo.lines()
        .find(|l| l.contains(&format!("{title}（牵头")) || l.contains(&format!(".{title}。")))
        .unwrap_or_else(|| panic!("no paragraph on {title} in\n{memo}"))
}

#[test]
fn the_demo_is_true_at_every_months_end_of_the_plans_life() {
    let dir = tempfile::tempdir().unwrap();
    let store = crate::analysis::test_demo::demo_store(&dir.path().join("demo.db"));
    let mut day = d(2021, 6, 30);
    while day <= d(2025, 12, 31) {
        let found = faults(&store, day);
        assert!(found.is_empty(), "as of {day}:\n{}", found.join("\n"));
        let snap = Snapshot::load(&store, day).unwrap();
        assert!(
            snap.warnings().is_empty(),
            "as of {day} the demo's records contradict a status: {:?}",
            snap.warnings()
        );
        for n in snap.work_items() {
            let s = snap.stat(n.id).unwrap().statement;
            if s.status == Status::Done {
                assert!(
                    snap.milestones_of(n.id).all(|m| m.done_by(day)),
                    "{} done at {day} with open milestones",
                    n.title
                );
            }
        }
        // The next month's end.
        let next = day + Days::new(1);
        day = NaiveDate::from_ymd_opt(
            if next.month() == 12 {
                next.year() + 1
            } else {
                next.year()
            },
            next.month() % 12 + 1,
            1,
        )
        .unwrap()
            - Days::new(1);
    }
}

#[test]
fn the_demo_memos_the_issue_quoted_now_state_what_was_true() {
    let dir = tempfile::tempdir().unwrap();
    let store = crate::analysis::test_demo::demo_store(&dir.path().join("demo.db"));
    // The award was given in 2022: at the end of 2021 it was under way.
    let m = memo(&store, d(2021, 12, 31));
    let award = item(&m, "科技创新三八红旗手（集体）评选");
    assert!(
        award.contains("推进中") && !award.contains("已完成"),
        "{award}"
    );
    // 加强组织领导 was not done while both its milestones were open.
    let m = memo(&store, d(2021, 7, 31));
    let lead = item(&m, "加强组织领导");
    assert!(lead.contains("未启动"), "{lead}");
    // On the plan's issue day nothing is done; before it, nothing is.
    let m = memo(&store, d(2021, 6, 9));
    assert!(!m.contains("已完成"), "{m}");
    let m = memo(&store, d(2020, 1, 1));
    assert!(
        m.contains("尚未实施") && !m.contains("已完成") && !m.contains("滞后"),
        "{m}"
    );
    // 2023-06-30: three milestones due that day, none in the 30 after.
    let m = memo(&store, d(2023, 6, 30));
    assert!(m.contains("今日到期3项。"), "{m}");
    assert!(!m.contains("另有"), "today's are not counted again: {m}");
    // Figures name what was still pending review.
    let m = memo(&store, d(2021, 12, 31));
    assert!(m.contains("其中待审核"), "{m}");
}

#[test]
fn the_deadline_counts_agree_in_the_memo_the_reminder_list_and_tree() {
    let dir = tempfile::tempdir().unwrap();
    let store = crate::analysis::test_demo::demo_store(&dir.path().join("demo.db"));
    for day in [
        d(2021, 12, 31),
        d(2023, 6, 30),
        d(2024, 3, 31),
        d(2025, 12, 1),
    ] {
        let snap = Snapshot::load(&store, day).unwrap();
        let c = snap.deadlines(Scope::All).counts();
        let said = phrases::due_counts(&snap, &c);
        let m = render(Template::Memo, &snap, &store, &ExportOptions::default()).unwrap();
        assert!(m.contains(&said), "memo at {day}: {said}\n{m}");
        let o = render(Template::Overdue, &snap, &store, &ExportOptions::default()).unwrap();
        assert!(
            o.contains(said.trim_end_matches('。')),
            "reminder list at {day}: {said}\n{o}"
        );
        let tree = crate::cli::tree_text(&snap, Lang::Zh);
        let footer = format!(
            "逾期{}项，今日到期{}项，30日内到期{}项",
            c.overdue, c.today, c.soon
        );
        assert!(tree.contains(&footer), "tree at {day}: {footer}");
        // The memo's 三 lists exactly the overdue ones.
        let listed = m
            .lines()
            .find(|l| l.contains("部分事项逾期未完成"))
            .map_or(0, |l| l.matches("逾期").count() - 1);
        assert_eq!(listed, c.overdue, "memo's list at {day}");
    }
}

/// One task of the built-in plan with a history recorded by hand: started
/// 2021-09-01, 滞后 from 2022-01-10, 推进中 again from 2022-05-01, done
/// 2022-09-30 when its last milestone was; a report received 2021-12-20
/// and accepted 2022-01-15; another received 2022-03-20, returned
/// 2022-03-25.
fn hand_built(path: &Path) -> (Store, i64) {
    let mut s = crate::db::tests::builtin(path);
    let task = s.outline().unwrap().find_code("2.2.1").unwrap().id;
    let units = s.units().unwrap();
    s.write("history", |w| {
        w.set_plan_span(Some(d(2021, 6, 9)), Some(d(2025, 12, 31)))?;
        let ind = w.insert_indicator(task, "女职工创新工作室", "个", Some(100.0))?;
        w.insert_milestone(task, "部署", d(2021, 10, 31), Some(d(2021, 10, 20)))?;
        w.insert_milestone(task, "首批认定", d(2022, 6, 30), Some(d(2022, 9, 30)))?;
        let status = |status, reason: Option<&str>| HistoryValue::Status {
            status,
            reason: reason.map(str::to_string),
        };
        w.record_history(task, d(2021, 9, 1), &status(Status::InProgress, None))?;
        w.record_history(
            task,
            d(2022, 1, 10),
            &status(Status::Late, Some("场地未落实")),
        )?;
        w.record_history(task, d(2022, 5, 1), &status(Status::InProgress, None))?;
        w.record_history(task, d(2022, 9, 30), &status(Status::Done, None))?;
        for (unit, period, on, value, review, reviewed) in [
            (
                0,
                Period::quarter(2021, 4),
                d(2021, 12, 20),
                30.0,
                Review::Accepted,
                d(2022, 1, 15),
            ),
            (
                1,
                Period::quarter(2022, 1),
                d(2022, 3, 20),
                7.0,
                Review::Returned,
                d(2022, 3, 25),
            ),
        ] {
            let id = w
                .add_report(&NewReport {
                    unit_id: units[unit].id,
                    node_id: task,
                    period: period.unwrap(),
                    reported_on: on,
                    author: "张丽".into(),
                    body: "认定女职工创新工作室。".into(),
                    values: vec![(ind, value)],
                    batch_id: None,
                })?
                .id();
            w.set_review(
                id,
                review,
                Some("请补充佐证").filter(|_| review == Review::Returned),
                reviewed,
            )?;
        }
        Ok(())
    })
    .unwrap();
    (s, task)
}

#[test]
fn a_hand_built_history_is_told_as_it_stood_at_each_date() {
    let dir = tempfile::tempdir().unwrap();
    let (s, _) = hand_built(&dir.path().join("a.db"));
    let at = |y, m, day| {
        let text = memo(&s, d(y, m, day));
        item(&text, "“她力量”建功").to_string()
    };
    assert!(at(2021, 8, 31).contains("。未启动。"));
    let dec = at(2021, 12, 31);
    assert!(
        dec.contains("推进中，完成率") && dec.contains("其中待审核30个"),
        "received, not yet reviewed on 31 December: {dec}"
    );
    let jan = at(2022, 1, 31);
    assert!(
        jan.contains("滞后（场地未落实），完成率") && !jan.contains("进度，"),
        "滞后: no pace class: {jan}"
    );
    assert!(!jan.contains("待审核"), "accepted on 15 January: {jan}");
    // The returned report does not count once returned.
    let mar = at(2022, 3, 31);
    assert!(mar.contains("女职工创新工作室30个"), "{mar}");
    assert!(at(2022, 6, 30).starts_with("　　1.“她力量”建功。推进中"));
    assert!(at(2022, 9, 30).contains("。已完成。"));
    // And the ledger and tree at those dates agree with the memo.
    for day in [d(2021, 8, 31), d(2022, 1, 31), d(2022, 9, 30)] {
        assert!(faults(&s, day).is_empty(), "{day}: {:?}", faults(&s, day));
    }
}

#[test]
fn the_built_in_plan_without_data_says_pace_is_not_set() {
    let dir = tempfile::tempdir().unwrap();
    let s = crate::db::tests::builtin(&dir.path().join("a.db"));
    let m = memo(&s, d(2022, 6, 30));
    assert!(m.contains("方案未设定结束日期，序时进度未设定"), "{m}");
    assert!(
        !m.contains("达进度") && !m.contains("部分任务欠进度"),
        "{m}"
    );
    let snap = Snapshot::load(&s, d(2022, 6, 30)).unwrap();
    assert!(!snap.has_schedule());
    let tree = crate::cli::tree_text(&snap, Lang::Zh);
    assert!(!tree.contains("达进度"), "{tree}");
}
