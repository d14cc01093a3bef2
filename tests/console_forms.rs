//! Every editing form and dialog of the console on the demo data as of
//! 2021-12-31, at 80x24 and 120x40, with Chinese typed in (insta snapshots
//! of the screen text), one in English; and where the real terminal cursor
//! sits after wide characters. Each test writes to its own copy of the
//! demo database.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/console.rs"]
mod support;

use std::path::Path;

use bayu::db::edit::{NodeText, Op};
use bayu::db::{OpenMode, Store};
use bayu::i18n::Lang;
use bayu::tui::Console;
use crossterm::event::{KeyCode, KeyModifiers};
use support::{Options, console_rw, demo_copy, key, key_with, keys, screen_and_cursor};
use unicode_width::UnicodeWidthStr;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// The OS user the screens show, whoever runs the tests.
const USER: &str = "李娟";

fn open(db: &Path, size: (u16, u16), lang: Lang) -> Console {
    console_rw(
        db,
        &Options {
            size,
            lang,
            ..Options::default()
        },
        USER,
    )
}

fn ctrl(c: &mut Console, ch: char) {
    key_with(c, KeyCode::Char(ch), KeyModifiers::CONTROL);
}

/// Checks the screen's shape and snapshots it.
fn snap(name: &str, c: &mut Console) -> Option<(u16, u16)> {
    let (w, h) = c.state.size;
    let (s, cursor) = screen_and_cursor(c);
    let lines: Vec<&str> = s.lines().collect();
    assert_eq!(lines.len(), usize::from(h));
    for l in &lines {
        assert_eq!(l.width(), usize::from(w), "a row of the wrong width: {l:?}");
    }
    insta::assert_snapshot!(format!("{name}_{w}x{h}"), s);
    cursor
}

/// Runs `steps` on a fresh copy at each size and snapshots the result.
fn each_size(name: &str, lang: Lang, steps: impl Fn(&mut Console, &Path)) {
    for size in SIZES {
        let (_dir, db) = demo_copy();
        let mut c = open(&db, size, lang);
        steps(&mut c, &db);
        snap(name, &mut c);
    }
}

#[test]
fn the_task_form_holds_every_field_of_a_task() {
    each_size("form_task", Lang::Zh, |c, _| {
        keys(c, "2e");
    });
}

#[test]
fn a_sub_task_form_says_a_title_is_needed() {
    each_size("form_subtask_error", Lang::Zh, |c, _| {
        keys(c, "2a");
        key(c, KeyCode::Tab);
        keys(c, "各区县妇联组织女科技工作者开展专题学习。");
        ctrl(c, 's');
    });
}

#[test]
fn a_milestone_form_says_an_impossible_date_is_one() {
    each_size("form_milestone_bad_date", Lang::Zh, |c, _| {
        keys(c, "4a");
        keys(c, "tgzz");
        key(c, KeyCode::Enter);
        keys(c, "学习成果汇报会");
        key(c, KeyCode::Tab);
        keys(c, "2021-02-30");
    });
}

#[test]
fn the_report_form_picks_a_unit_by_pinyin_initials() {
    each_size("form_report_picker", Lang::Zh, |c, _| {
        keys(c, "5a");
        keys(c, "yzq");
    });
}

fn fill_report(c: &mut Console) {
    keys(c, "5a");
    keys(c, "yzq");
    key(c, KeyCode::Enter);
    keys(c, "2.1.1");
    key(c, KeyCode::Enter);
    for _ in 0..3 {
        key(c, KeyCode::Tab);
    }
    keys(c, "渝中区妇联开展专题学习4场，");
    key(c, KeyCode::Enter);
    keys(c, "覆盖女科技工作者320人次。");
    key(c, KeyCode::Tab);
    keys(c, "4");
    key(c, KeyCode::Tab);
    keys(c, "320");
}

#[test]
fn the_report_form_filled_in_with_its_indicator_values() {
    each_size("form_report_filled", Lang::Zh, |c, _| fill_report(c));
}

#[test]
fn the_report_form_in_english() {
    each_size("form_report_filled_en", Lang::En, |c, _| fill_report(c));
}

#[test]
fn the_review_form_offers_the_three_decisions() {
    each_size("form_review", Lang::Zh, |c, _| {
        keys(c, "5r");
        // A typed character picks the choice it begins: 退 → 退回.
        keys(c, "退");
        key(c, KeyCode::Tab);
        keys(c, "请补充11月的活动场次。");
    });
}

#[test]
fn the_unit_form_renames_and_ends_a_unit() {
    each_size("form_unit", Lang::Zh, |c, _| {
        keys(c, "3le");
        key(c, KeyCode::Tab);
        key(c, KeyCode::Tab);
        keys(c, "2025-06-30");
    });
}

#[test]
fn a_status_set_to_late_asks_for_the_reason() {
    each_size("form_status_reason", Lang::Zh, |c, _| {
        keys(c, "2/jqzzld");
        key(c, KeyCode::Enter);
        keys(c, "s");
    });
}

#[test]
fn delete_names_what_goes_with_the_task() {
    each_size("dialog_delete", Lang::Zh, |c, _| {
        keys(c, "2d");
    });
}

#[test]
fn esc_after_typing_asks_before_throwing_it_away() {
    each_size("dialog_discard", Lang::Zh, |c, _| {
        keys(c, "2a组织专题学习");
        key(c, KeyCode::Esc);
    });
}

#[test]
fn the_tasks_milestones_listed_from_the_plan() {
    each_size("list_milestones", Lang::Zh, |c, _| {
        keys(c, "2m");
    });
}

/// Someone else renames task 2.1.1 (as lifang, on 20 December) while the
/// form is open.
fn renamed_meanwhile(db: &Path) {
    let mut other = Store::open(db, OpenMode::Auto).unwrap();
    let node = other
        .outline()
        .unwrap()
        .find_code("2.1.1")
        .cloned()
        .unwrap();
    other
        .apply(&Op::EditNodeText {
            id: node.id,
            version: node.version,
            text: NodeText {
                title: "提高政治站位（市妇联修订）".into(),
                body: node.body.clone(),
            },
        })
        .unwrap();
    drop(other);
    // The log is append-only (a trigger guards it): lift the guard for the
    // one fixture change, and put it back exactly as it was.
    let conn = rusqlite::Connection::open(db).unwrap();
    let guard: String = conn
        .query_row(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger'
             AND name = 'audit_is_append_only_update'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    conn.execute_batch(&format!(
        "DROP TRIGGER audit_is_append_only_update;
         UPDATE audit SET os_user = 'lifang', at = '2021-12-20T10:03:00+08:00'
          WHERE id = (SELECT MAX(id) FROM audit);
         {guard};"
    ))
    .unwrap();
}

#[test]
fn a_conflict_shows_theirs_beside_mine() {
    each_size("dialog_conflict", Lang::Zh, |c, db| {
        keys(c, "2e");
        renamed_meanwhile(db);
        key(c, KeyCode::Tab);
        keys(c, "补充：各区县同步开展。");
        ctrl(c, 's');
    });
}

#[test]
fn the_history_of_a_task_shows_in_its_details_after_a_save() {
    each_size("plan_history", Lang::Zh, |c, db| {
        renamed_meanwhile(db);
        keys(c, "2a组织专题学习会");
        ctrl(c, 's');
        // Up to the task: its history lists the rename.
        keys(c, "k");
        c.run_pending();
        for _ in 0..12 {
            keys(c, "J");
        }
    });
}

#[test]
fn the_cursor_sits_after_wide_characters_where_the_user_types() {
    let (_dir, db) = demo_copy();
    let mut c = open(&db, (80, 24), Lang::Zh);
    keys(&mut c, "2a");
    let (_, at) = screen_and_cursor(&mut c);
    let (x0, y0) = at.expect("the cursor is shown in a form");
    keys(&mut c, "组织ab学习");
    let (_, at) = screen_and_cursor(&mut c);
    assert_eq!(at, Some((x0 + 10, y0)), "4 wide characters and 2 narrow");
    // In the multi-line text, on its second line.
    key(&mut c, KeyCode::Tab);
    keys(&mut c, "第一行");
    key(&mut c, KeyCode::Enter);
    keys(&mut c, "第二行：3场");
    let (screen, at) = screen_and_cursor(&mut c);
    let (x, y) = at.unwrap();
    assert_eq!(y, y0 + 2, "{screen}");
    assert_eq!(
        x,
        x0 + 11,
        "第二行： is 8 columns, 3 one, 场 two:\n{screen}"
    );
    // The pick list's filter line has the cursor while it is open.
    let (_dir, db) = demo_copy();
    let mut c = open(&db, (80, 24), Lang::Zh);
    keys(&mut c, "5a渝中");
    let (screen, at) = screen_and_cursor(&mut c);
    let (x, y) = at.unwrap();
    let row: Vec<&str> = screen.lines().collect();
    let line = row[usize::from(y)];
    let before: String = {
        let mut w = 0;
        line.chars()
            .take_while(|ch| {
                w += UnicodeWidthStr::width(ch.to_string().as_str());
                w <= usize::from(x)
            })
            .collect()
    };
    assert!(before.ends_with("筛选：渝中"), "{before:?}");
}
