//! State transitions, one behaviour per test, on a small hand-made plan:
//! no terminal, no database.

use std::collections::HashMap;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};

use super::*;
use crate::analysis::Snapshot;
use crate::analysis::coverage::Coverage;
use crate::analysis::reporting::History;
use crate::app::action::InboxPage;
use crate::app::data::Loaded;
use crate::app::effect::{Anchor, InboxRequest};
use crate::app::keymap;
use crate::app::lists;
use crate::app::state::{Settings, UnitsPane};
use crate::model::{
    Agency, Assignment, Milestone, Node, Outline, Period, PeriodKind, PlanInfo, Report, Review,
    Role, Status, Unit,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub(crate) fn node(id: i64, parent: Option<i64>, position: u32, level: u8, title: &str) -> Node {
    Node {
        id,
        parent,
        position,
        level,
        title: title.into(),
        body: String::new(),
        status: Status::InProgress,
        status_reason: None,
        start: None,
        due: None,
        progress: None,
        reportable: true,
        version: 1,
    }
}

fn unit(id: i64, name: &str, short: &str) -> Unit {
    Unit {
        id,
        code: None,
        name: name.into(),
        short_name: short.into(),
        kind: "district".into(),
        valid_from: None,
        valid_to: None,
        position: id as u32,
        version: 1,
    }
}

fn agency(id: i64, short: &str) -> Agency {
    Agency {
        id,
        name: format!("重庆{short}"),
        short_name: short.into(),
        is_issuer: true,
        position: id as u32,
        version: 1,
    }
}

pub(crate) fn outline() -> Vec<Node> {
    vec![
        node(1, None, 1, 0, "主要任务"),
        node(2, Some(1), 1, 1, "实施巾帼思想引领行动"),
        node(3, Some(2), 1, 2, "提高政治站位"),
        node(4, Some(3), 1, 3, "组织专题学习"),
        node(5, Some(2), 2, 2, "弘扬科学家精神"),
        node(6, None, 2, 0, "保障措施"),
        node(7, Some(6), 1, 2, "加强组织领导"),
    ]
}

pub(crate) fn loaded(as_of: NaiveDate, nodes: Vec<Node>) -> Loaded {
    let plan = PlanInfo {
        title: "助力科技创新巴渝巾帼行动实施方案".into(),
        action_name: "助力科技创新巴渝巾帼行动".into(),
        doc_number: None,
        issued_on: Some(d(2021, 6, 9)),
        recipients: None,
        preamble: String::new(),
        period_kind: PeriodKind::Quarter,
        start: Some(d(2021, 6, 9)),
        end: Some(d(2025, 12, 31)),
        warning_days: 30,
        report_grace_days: 10,
        version: 1,
    };
    let units = vec![
        unit(1, "渝中区", "渝中"),
        unit(2, "江北区", "江北"),
        unit(3, "长寿区", "长寿"),
    ];
    let period = crate::analysis::coverage::reporting_period(&plan, as_of);
    let coverage = Coverage::compute(period, 10, as_of, &units, &[]);
    let snap = Snapshot {
        as_of,
        plan,
        outline: Outline::new(nodes),
        agencies: vec![agency(1, "市妇联"), agency(2, "市科协")],
        units,
        assignments: vec![
            Assignment {
                id: 1,
                node_id: 3,
                agency_id: 1,
                role: Role::Lead,
                position: 1,
            },
            Assignment {
                id: 2,
                node_id: 5,
                agency_id: 2,
                role: Role::Lead,
                position: 1,
            },
        ],
        milestones: vec![
            Milestone {
                id: 1,
                node_id: 3,
                title: "学习宣传活动部署".into(),
                due: d(2021, 11, 30),
                done: None,
                version: 1,
            },
            Milestone {
                id: 2,
                node_id: 5,
                title: "年度宣讲计划发布".into(),
                due: d(2022, 1, 20),
                done: None,
                version: 1,
            },
        ],
        indicators: vec![],
        indicator_totals: HashMap::new(),
        indicator_pending: Default::default(),
        history: Default::default(),
        stats: HashMap::new(),
        period,
        coverage,
        last_report: HashMap::new(),
    };
    Loaded {
        snap,
        previous: None,
        latest: vec![],
    }
}

/// A state with no data yet, at 80x24.
pub(crate) fn state() -> State {
    State::new(
        Settings::default(),
        d(2022, 3, 1),
        d(2021, 12, 31),
        (80, 24),
    )
}

/// A state with the small plan loaded.
pub(crate) fn ready() -> State {
    let mut s = state();
    let effects = update(&mut s, Action::DataChanged);
    assert!(matches!(effects[..], [Effect::Load { generation: 1, .. }]));
    let data = loaded(s.as_of, outline());
    update(
        &mut s,
        Action::Loaded {
            generation: 1,
            loaded: Box::new(data),
        },
    );
    s
}

/// A command's effects, leaving out the reads of the detail panes'
/// histories (tested with editing, in `app/edit/tests`).
fn cmd(s: &mut State, c: Command) -> Vec<Effect> {
    without_history(update(s, Action::Command(c)))
}

fn without_history(mut effects: Vec<Effect>) -> Vec<Effect> {
    effects.retain(|e| {
        !matches!(
            e,
            Effect::Edit(crate::app::edit::EditEffect::History { .. })
        )
    });
    effects
}

fn key(s: &mut State, code: KeyCode, modifiers: KeyModifiers) -> Vec<Effect> {
    let event = KeyEvent {
        code,
        modifiers,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    };
    match keymap::action_for(s, &event) {
        Some(a) => update(s, a),
        None => vec![],
    }
}

fn typed(s: &mut State, text: &str) {
    for c in text.chars() {
        key(s, KeyCode::Char(c), KeyModifiers::NONE);
    }
}

fn plan_ids(s: &State) -> Vec<i64> {
    lists::plan_rows(s, s.data.as_ref().unwrap())
        .iter()
        .map(|r| r.id)
        .collect()
}

#[test]
fn the_console_opens_on_the_overview_and_number_keys_switch_views() {
    let mut s = ready();
    assert_eq!(s.view, View::Overview);
    typed(&mut s, "3");
    assert_eq!(s.view, View::Units);
    typed(&mut s, "5");
    assert_eq!(s.view, View::Reports);
    typed(&mut s, "6");
    assert_eq!(s.view, View::Export);
}

#[test]
fn tab_and_shift_tab_cycle_through_every_view() {
    let mut s = ready();
    let mut seen = vec![s.view];
    for _ in 0..6 {
        key(&mut s, KeyCode::Tab, KeyModifiers::NONE);
        seen.push(s.view);
    }
    assert_eq!(seen.first(), seen.last());
    assert_eq!(&seen[..6], &View::ALL);
    key(&mut s, KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(s.view, View::Export);
}

#[test]
fn the_plan_opens_with_sub_tasks_folded_and_enter_unfolds() {
    let mut s = ready();
    cmd(&mut s, Command::Plan);
    assert_eq!(plan_ids(&s), [1, 2, 3, 5, 6, 7]);
    assert_eq!(s.plan.selected, Some(3), "the first task");
    key(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(plan_ids(&s), [1, 2, 3, 4, 5, 6, 7]);
}

#[test]
fn left_folds_then_climbs_and_right_unfolds_then_descends() {
    let mut s = ready();
    cmd(&mut s, Command::Plan);
    s.plan.selected = Some(2);
    cmd(&mut s, Command::Left);
    assert_eq!(plan_ids(&s), [1, 2, 6, 7], "（一） folded");
    cmd(&mut s, Command::Left);
    assert_eq!(s.plan.selected, Some(1), "then to its parent");
    s.plan.selected = Some(2);
    cmd(&mut s, Command::Right);
    assert_eq!(s.plan.selected, Some(2), "first unfolds");
    cmd(&mut s, Command::Right);
    assert_eq!(s.plan.selected, Some(3), "then enters");
}

#[test]
fn moving_in_the_plan_asks_for_the_nodes_reports_once() {
    let mut s = ready();
    let effects = cmd(&mut s, Command::Plan);
    assert!(matches!(
        effects[..],
        [Effect::NodeReports { node_id: 3, .. }]
    ));
    let generation = s.generation;
    update(
        &mut s,
        Action::NodeReports {
            generation,
            node_id: 3,
            reports: vec![],
        },
    );
    let effects = cmd(&mut s, Command::Down);
    assert!(matches!(
        effects[..],
        [Effect::NodeReports { node_id: 5, .. }]
    ));
    assert!(cmd(&mut s, Command::Up).is_empty(), "node 3 is at hand");
}

#[test]
fn a_pinyin_filter_leaves_only_the_matching_unit_and_esc_clears_it() {
    let mut s = ready();
    cmd(&mut s, Command::Units);
    key(&mut s, KeyCode::Char('/'), KeyModifiers::NONE);
    assert!(s.prompt().is_some());
    typed(&mut s, "csq");
    assert_eq!(s.units.filter, "csq", "applied as typed");
    let data = s.data.as_ref().unwrap();
    assert_eq!(lists::unit_rows(&s, data), [3], "长寿区 read as chángshòu");
    key(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    assert!(s.modal.is_none());
    assert_eq!(s.units.filter, "csq", "Enter keeps the filter");
    assert_eq!(
        s.units.pane,
        UnitsPane::Units,
        "no agency matches: the units take the keys"
    );
    assert_eq!(s.units.unit, Some(3));
    key(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(s.units.filter, "");
}

#[test]
fn q_in_a_prompt_is_typed_but_ctrl_c_still_quits() {
    let mut s = ready();
    cmd(&mut s, Command::Milestones);
    key(&mut s, KeyCode::Char('/'), KeyModifiers::NONE);
    typed(&mut s, "q");
    assert!(!s.quit);
    assert_eq!(s.milestones.filter, "q");
    let effects = key(&mut s, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(s.quit && effects == [Effect::Quit]);
}

#[test]
fn enter_on_a_unit_opens_its_reports() {
    let mut s = ready();
    cmd(&mut s, Command::Units);
    cmd(&mut s, Command::Right);
    cmd(&mut s, Command::Down);
    let effects = cmd(&mut s, Command::Open);
    assert_eq!(s.view, View::Reports);
    assert_eq!(s.reports.filter, "江北区");
    let [
        Effect::Inbox(InboxRequest {
            filter,
            anchor,
            count,
            ..
        }),
    ] = &effects[..]
    else {
        panic!("{effects:?}");
    };
    assert_eq!(*anchor, Anchor::Top);
    assert!(*count);
    assert_eq!(filter.terms[0].units, [2]);
}

#[test]
fn enter_on_a_milestone_shows_its_task_unfolded() {
    let mut s = ready();
    cmd(&mut s, Command::Plan);
    s.plan.selected = Some(1);
    cmd(&mut s, Command::Left);
    assert_eq!(plan_ids(&s), [1, 6, 7]);
    cmd(&mut s, Command::Milestones);
    assert_eq!(s.milestones.selected, Some(1), "the overdue one first");
    cmd(&mut s, Command::Open);
    assert_eq!(s.view, View::Plan);
    assert_eq!(s.plan.selected, Some(3));
    assert!(plan_ids(&s).contains(&3));
}

#[test]
fn a_reload_keeps_the_selection_on_the_same_item() {
    let mut s = ready();
    cmd(&mut s, Command::Plan);
    s.plan.selected = Some(5);
    cmd(&mut s, Command::Milestones);
    cmd(&mut s, Command::Down);
    assert_eq!(s.milestones.selected, Some(2));
    // Someone inserts a task before 弘扬科学家精神.
    let mut nodes = outline();
    nodes.push(node(8, Some(2), 2, 2, "新增任务"));
    nodes[4].position = 3;
    let effects = update(&mut s, Action::DataChanged);
    let [Effect::Load { generation, .. }] = effects[..] else {
        panic!("{effects:?}");
    };
    let data = loaded(s.as_of, nodes);
    update(
        &mut s,
        Action::Loaded {
            generation,
            loaded: Box::new(data),
        },
    );
    assert_eq!(s.plan.selected, Some(5));
    assert_eq!(s.milestones.selected, Some(2));
    assert_eq!(s.view, View::Milestones);
}

#[test]
fn a_load_is_shown_as_under_way_until_it_is_answered() {
    let mut s = ready();
    assert!(!s.loading);
    let effects = update(&mut s, Action::DataChanged);
    assert!(s.loading);
    assert!(
        effects.iter().all(Effect::is_slow),
        "loads run after the frame"
    );
    let data = loaded(s.as_of, outline());
    let generation = s.generation;
    update(
        &mut s,
        Action::Loaded {
            generation,
            loaded: Box::new(data),
        },
    );
    assert!(!s.loading);
}

#[test]
fn moving_in_the_inbox_is_not_slow_but_counting_is() {
    let mut s = ready();
    let effects = cmd(&mut s, Command::Reports);
    assert!(effects.iter().all(Effect::is_slow), "the first count");
    let a = page(&s, 0, 256, 100_000, Some(0));
    update(&mut s, a);
    let mut effects = vec![];
    while effects.is_empty() {
        effects = cmd(&mut s, Command::PageDown);
    }
    assert!(
        !effects.iter().any(Effect::is_slow),
        "paging reads by index"
    );
}

#[test]
fn an_answer_to_an_older_load_is_ignored() {
    let mut s = ready();
    update(&mut s, Action::DataChanged);
    let mut nodes = outline();
    nodes.truncate(1);
    let data = loaded(s.as_of, nodes);
    update(
        &mut s,
        Action::Loaded {
            generation: 1,
            loaded: Box::new(data),
        },
    );
    assert_eq!(s.data.as_ref().unwrap().snap.outline.len(), 7);
}

#[test]
fn a_bad_as_of_date_is_explained_and_a_good_one_reloads() {
    let mut s = ready();
    cmd(&mut s, Command::AsOf);
    assert_eq!(s.prompt().unwrap().input.text(), "2021-12-31");
    // The suggested date is replaced by what is typed.
    typed(&mut s, "2021年13月1日");
    assert_eq!(s.prompt().unwrap().input.text(), "2021年13月1日");
    assert!(cmd(&mut s, Command::Submit).is_empty());
    let error = s.prompt().and_then(|p| p.error.clone()).unwrap();
    assert!(error.contains("13"), "{error}");
    cmd(&mut s, Command::ClearInput);
    typed(&mut s, "季末");
    let effects = cmd(&mut s, Command::Submit);
    assert!(s.modal.is_none());
    assert_eq!(s.as_of, d(2022, 3, 31), "季末 of today's quarter");
    assert!(matches!(effects[..], [Effect::Load { generation: 2, .. }]));
    assert!(s.message.is_some());
    cmd(&mut s, Command::Down);
    assert!(s.message.is_none(), "a message lasts until the next key");
}

#[test]
fn help_opens_over_the_view_and_esc_closes_it() {
    let mut s = ready();
    cmd(&mut s, Command::Plan);
    key(&mut s, KeyCode::Char('?'), KeyModifiers::NONE);
    assert!(matches!(s.modal, Some(Modal::Help { .. })));
    typed(&mut s, "1");
    assert_eq!(s.view, View::Plan, "the help takes the keys");
    key(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    assert!(s.modal.is_none());
}

#[test]
fn the_overview_says_it_has_nothing_to_filter() {
    let mut s = ready();
    cmd(&mut s, Command::Filter);
    assert!(s.modal.is_none());
    assert!(s.message.is_some());
}

fn report(id: i64, day: u32) -> Report {
    Report {
        id,
        unit_id: 1,
        node_id: 3,
        period: Period::quarter(2021, 4).unwrap(),
        reported_on: d(2021, 12, day),
        author: "张丽".into(),
        body: "开展学习宣传活动".into(),
        review: Review::Pending,
        review_comment: None,
        revision: 1,
        superseded: false,
        batch_id: None,
        version: 1,
        reviewed_on: None,
        values: vec![],
    }
}

fn page(s: &State, start: u64, n: u64, total: u64, selected: Option<u64>) -> Action {
    Action::Inbox(Box::new(InboxPage {
        generation: s.generation,
        as_of: s.as_of,
        filter: Default::default(),
        total: Some(total),
        start,
        rows: (start..start + n)
            .map(|i| report(10_000 - i as i64, 20))
            .collect(),
        selected,
    }))
}

#[test]
fn the_inbox_reads_the_next_window_only_near_its_edge() {
    let mut s = ready();
    let effects = cmd(&mut s, Command::Reports);
    assert!(matches!(&effects[..], [Effect::Inbox(r)] if r.anchor == Anchor::Top && r.count));
    let a = page(&s, 0, 256, 100_000, Some(0));
    assert!(without_history(update(&mut s, a)).is_empty());
    assert_eq!(s.reports.inbox.selected, 0);
    for _ in 0..150 {
        assert!(cmd(&mut s, Command::Down).is_empty());
    }
    assert_eq!(s.reports.inbox.selected, 150);
    let mut effects = vec![];
    while effects.is_empty() {
        effects = cmd(&mut s, Command::PageDown);
    }
    assert!(
        (256 - 64..256).contains(&s.reports.inbox.selected),
        "{}",
        s.reports.inbox.selected
    );
    let [Effect::Inbox(r)] = &effects[..] else {
        panic!("{effects:?}");
    };
    let Anchor::Key {
        index: Some(at), ..
    } = r.anchor
    else {
        panic!("{:?}", r.anchor);
    };
    assert_eq!(at, s.reports.inbox.selected);
    assert!(!r.count);
    let effects = cmd(&mut s, Command::Bottom);
    assert!(matches!(
        &effects[..],
        [Effect::Inbox(r)] if r.anchor == Anchor::Bottom { total: 100_000 }
    ));
    assert_eq!(s.reports.inbox.selected, 99_999);
}

#[test]
fn an_inbox_answer_for_another_filter_is_dropped() {
    let mut s = ready();
    cmd(&mut s, Command::Reports);
    cmd(&mut s, Command::Filter);
    typed(&mut s, "yz");
    let stale = page(&s, 0, 10, 10, Some(0));
    update(&mut s, stale);
    assert_eq!(s.reports.inbox.total, None);
}

#[test]
fn a_filter_typed_then_taken_back_leaves_nothing_loading() {
    let mut s = ready();
    cmd(&mut s, Command::Reports);
    let a = page(&s, 0, 256, 100_000, Some(0));
    update(&mut s, a);
    assert!(!s.reports.inbox.loading);
    cmd(&mut s, Command::Filter);
    let effects = key(&mut s, KeyCode::Char('y'), KeyModifiers::NONE);
    assert!(
        matches!(&effects[..], [Effect::Inbox(r)] if r.debounce),
        "{effects:?}"
    );
    assert!(s.reports.inbox.loading);
    // Esc before typing paused: the list still shows every report.
    let effects = key(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(effects, [Effect::ForgetTypedInbox]);
    assert!(!s.reports.inbox.loading);
    // So paging goes on past the first window.
    let mut effects = vec![];
    while effects.is_empty() {
        effects = cmd(&mut s, Command::PageDown);
    }
    assert!(
        matches!(&effects[..], [Effect::Inbox(r)] if !r.count),
        "{effects:?}"
    );
}

#[test]
fn the_matrix_opens_on_the_current_period() {
    let mut s = ready();
    cmd(&mut s, Command::Reports);
    let effects = cmd(&mut s, Command::Mode);
    assert!(matches!(effects[..], [Effect::LoadHistory { .. }]));
    let history = History::compute(&s.data.as_ref().unwrap().snap, &[]);
    let periods = history.periods.len();
    let generation = s.generation;
    update(
        &mut s,
        Action::History {
            generation,
            history: Box::new(history),
        },
    );
    assert_eq!(s.reports.matrix.col, periods - 1);
    cmd(&mut s, Command::Down);
    assert_eq!(s.reports.matrix.row, 1);
    let effects = cmd(&mut s, Command::Mode);
    assert!(matches!(effects[..], [Effect::TaskMatrix { .. }]));
    key(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(s.reports.mode, crate::app::state::ReportsMode::Inbox);
}

/// Regression (a pty test failed about one run in four): filtering the tree
/// for a sub-task left the selection on its parent, a visible ancestor, so
/// the details showed the parent instead of what was looked for.
#[test]
fn filtering_the_tree_selects_the_first_node_that_matched() {
    let mut s = ready();
    cmd(&mut s, Command::Plan);
    assert_eq!(s.plan.selected, Some(3), "the tree opens on the first task");
    key(&mut s, KeyCode::Char('/'), KeyModifiers::NONE);
    typed(&mut s, "组织专题");
    assert_eq!(
        s.plan.selected,
        Some(4),
        "the sub-task that matched, not its parent"
    );
    key(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    // Moving onto an ancestor is the user's choice and stays.
    key(&mut s, KeyCode::Char('k'), KeyModifiers::NONE);
    let moved = s.plan.selected;
    assert_ne!(moved, Some(4));
    // A reload (another coordinator's change) keeps it there.
    crate::app::nav::fix_selections(&mut s);
    assert_eq!(s.plan.selected, moved);
}
