//! View 6 (导出) and the import pane of view 5 as a coordinator sees them,
//! on the demo data as of 2021-12-31, at 80x24 and 120x40 (insta
//! snapshots of the screen text): the memo's preview, the template list,
//! the path prompt, the question before a long copy, and the import pane
//! after a clean dry run and after one with bad rows. The console here is
//! the real one (store, effects, background check) without a terminal.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/console.rs"]
mod support;

use std::path::{Path, PathBuf};

use bayu::app::state::{Settings, State};
use bayu::db::{OpenMode, Store};
use bayu::export::{self, ExportOptions, Template};
use bayu::i18n::Lang;
use bayu::tui::Console;
use crossterm::event::{KeyCode, KeyModifiers};
use support::{
    AS_OF, Options, TODAY, checked, console, date, demo_db, key, key_with, keys, screen,
};
use unicode_width::UnicodeWidthStr;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn snap(name: &str, (w, h): (u16, u16), s: String) {
    let s = checked(s, (w, h));
    insta::assert_snapshot!(format!("{name}_{w}x{h}"), s);
}

/// A console that may write: a private copy of the demo database.
fn writable(size: (u16, u16), lang: Lang) -> (tempfile::TempDir, Console) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    std::fs::copy(demo_db(), &db).unwrap();
    let store = Store::open(&db, OpenMode::Auto).unwrap();
    let settings = Settings {
        lang,
        ascii: false,
        color: true,
        soon_blue: false,
    };
    let state = State::new(settings, date(TODAY), date(AS_OF), size);
    let mut c = Console::new(store, state);
    c.start().unwrap();
    c.run_pending();
    (dir, c)
}

/// Report sheets for the import pane, at a path relative to the test's
/// working directory (the crate), so that the screen is the same on every
/// machine.
fn sheet(name: &str, rows: &[[&str; 7]]) -> String {
    let dir = Path::new("target").join("bayu-io-views");
    std::fs::create_dir_all(&dir).unwrap();
    let mut text = String::from("\u{feff}单位,任务编号,任务,期次,报送日期,填报人,进展情况\n");
    for r in rows {
        text.push_str(&r.join(","));
        text.push('\n');
    }
    let path: PathBuf = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

const GOOD: [[&str; 7]; 3] = [
    [
        "渝北区",
        "2.1.1",
        "提高政治站位",
        "2021Q4",
        "2021-12-28",
        "李娟",
        "渝北区妇联组织学习宣传活动3场。",
    ],
    [
        "渝北",
        "2.1.2",
        "弘扬科学家精神",
        "2021年第四季度",
        "2021/12/28",
        "李娟",
        "开展科学家精神宣讲2场。",
    ],
    [
        "500112",
        "2.2.1",
        "“她力量”建功",
        "2021-Q4",
        "",
        "王芳",
        "推荐女职工创新工作室1个。",
    ],
];

const BAD: [[&str; 7]; 3] = [
    [
        "渝北区",
        "2.1.1",
        "提高政治站位",
        "2021Q4",
        "2021-12-28",
        "李娟",
        "渝北区妇联组织学习宣传活动3场。",
    ],
    [
        "火星区",
        "2.1.2",
        "弘扬科学家精神",
        "2021Q4",
        "2021-12-28",
        "李娟",
        "开展宣讲2场。",
    ],
    [
        "渝北区",
        "9.9.9",
        "不存在的任务",
        "2021Q4",
        "2021-02-30",
        "李娟",
        "补报。",
    ],
];

/// `5`, `i`, the path, Enter; the dry run finished.
fn import_pane(c: &mut Console, path: &str) {
    keys(c, "5i");
    key_with(c, KeyCode::Char('u'), KeyModifiers::CONTROL);
    keys(c, path);
    key(c, KeyCode::Enter);
    c.wait_jobs();
}

#[test]
fn export_memo() {
    for size in SIZES {
        let mut c = console(&Options::sized(size));
        keys(&mut c, "6");
        snap("export_memo", size, screen(&mut c));
    }
}

#[test]
fn export_memo_english() {
    let mut c = console(&Options {
        lang: Lang::En,
        ..Options::default()
    });
    keys(&mut c, "6");
    snap("export_memo_en", (80, 24), screen(&mut c));
}

#[test]
fn export_template_list() {
    for size in SIZES {
        let mut c = console(&Options::sized(size));
        keys(&mut c, "6");
        key(&mut c, KeyCode::Enter);
        keys(&mut c, "j");
        snap("export_templates", size, screen(&mut c));
    }
}

#[test]
fn export_ledger_scrolled_sideways() {
    let mut c = console(&Options::sized((80, 24)));
    keys(&mut c, "6");
    key(&mut c, KeyCode::Enter);
    keys(&mut c, "j");
    key(&mut c, KeyCode::Enter);
    keys(&mut c, "llll");
    snap("export_ledger_right", (80, 24), screen(&mut c));
}

#[test]
fn export_path_prompt() {
    for size in SIZES {
        let mut c = console(&Options::sized(size));
        c.state.export.cwd = Some(PathBuf::from("/home/coordinator/通报"));
        keys(&mut c, "6w");
        snap("export_write", size, screen(&mut c));
    }
}

#[test]
fn export_agency_picker() {
    let mut c = console(&Options::sized((80, 24)));
    keys(&mut c, "6a");
    snap("export_agency", (80, 24), screen(&mut c));
    keys(&mut c, "skj");
    snap("export_agency_skj", (80, 24), screen(&mut c));
}

#[test]
fn export_copy_question() {
    let mut c = console(&Options::sized((80, 24)));
    keys(&mut c, "6y");
    snap("export_copy", (80, 24), screen(&mut c));
}

#[test]
fn import_clean_dry_run() {
    let path = sheet("回收_渝北区.csv", &GOOD);
    for size in SIZES {
        let (_dir, mut c) = writable(size, Lang::Zh);
        import_pane(&mut c, &path);
        snap("import_clean", size, screen(&mut c));
    }
}

#[test]
fn import_with_bad_rows() {
    let path = sheet("回收_有误.csv", &BAD);
    for size in SIZES {
        let (_dir, mut c) = writable(size, Lang::Zh);
        import_pane(&mut c, &path);
        let s = screen(&mut c);
        assert!(s.contains("未导入任何数据"), "{s}");
        snap("import_errors", size, s);
    }
}

#[test]
fn import_with_bad_rows_in_english() {
    let path = sheet("bad_en.csv", &BAD);
    let (_dir, mut c) = writable((80, 24), Lang::En);
    import_pane(&mut c, &path);
    snap("import_errors_en", (80, 24), screen(&mut c));
}

#[test]
fn a_written_file_is_what_bayu_export_writes() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = console(&Options::sized((80, 24)));
    keys(&mut c, "6");
    // The ledger, narrowed to 市总工会, laid out for 100 columns, CRLF.
    key(&mut c, KeyCode::Enter);
    keys(&mut c, "j");
    key(&mut c, KeyCode::Enter);
    keys(&mut c, "a");
    keys(&mut c, "szgh");
    key(&mut c, KeyCode::Enter);
    keys(&mut c, "n100");
    key(&mut c, KeyCode::Enter);
    keys(&mut c, "c");
    keys(&mut c, "w");
    key_with(&mut c, KeyCode::Char('u'), KeyModifiers::CONTROL);
    let target = dir.path().join("台账.txt");
    keys(&mut c, target.to_str().unwrap());
    key(&mut c, KeyCode::Enter);
    let written = std::fs::read(&target).unwrap();
    let store = Store::open(demo_db(), OpenMode::ReadOnly).unwrap();
    let snap = bayu::analysis::Snapshot::load(&store, date(AS_OF)).unwrap();
    let agency = export::find_agency(&snap, "市总工会").unwrap().id;
    let expected = export::render(
        Template::Ledger,
        &snap,
        &store,
        &ExportOptions {
            agency: Some(agency),
            period: None,
            wrap: Some(100),
            crlf: true,
        },
    )
    .unwrap();
    assert_eq!(String::from_utf8(written).unwrap(), expected);
    let m = c.state.message.clone().unwrap().text;
    assert!(
        m.starts_with(&format!("已写入 {}", target.display())),
        "{m}"
    );
    // Again: the file exists, and y replaces it.
    keys(&mut c, "w");
    key_with(&mut c, KeyCode::Char('u'), KeyModifiers::CONTROL);
    keys(&mut c, target.to_str().unwrap());
    key(&mut c, KeyCode::Enter);
    let s = screen(&mut c);
    assert!(s.contains("文件已存在"), "{s}");
    keys(&mut c, "y");
    assert!(c.state.modal.is_none());
    // A directory that does not exist is refused in the prompt.
    keys(&mut c, "w");
    key_with(&mut c, KeyCode::Char('u'), KeyModifiers::CONTROL);
    keys(&mut c, &format!("{}/没有/台账.txt", dir.path().display()));
    key(&mut c, KeyCode::Enter);
    let s = screen(&mut c);
    assert!(s.contains("不存在"), "{s}");
    assert!(!dir.path().join("没有").exists());
}

#[test]
fn tab_completes_a_path_from_the_disk() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("通报存档")).unwrap();
    let mut c = console(&Options::sized((80, 24)));
    keys(&mut c, "6w");
    key_with(&mut c, KeyCode::Char('u'), KeyModifiers::CONTROL);
    keys(&mut c, &format!("{}/通", dir.path().display()));
    key(&mut c, KeyCode::Tab);
    let Some(bayu::app::state::Modal::Io(bayu::app::io_modal::IoModal::Path(p))) = &c.state.modal
    else {
        panic!("no prompt");
    };
    assert_eq!(
        p.input.text(),
        format!("{}/通报存档/", dir.path().display())
    );
    // Enter on a directory: the default name goes into it.
    key(&mut c, KeyCode::Enter);
    let expected = dir
        .path()
        .join("通报存档")
        .join("助力科技创新巴渝巾帼行动推进情况通报_2021-12-31.txt");
    assert!(expected.is_file(), "{:?}", c.state.message);
}

/// Random keys on view 6 and its overlays (not `w`, which would write
/// files here), with resizes: no panic, no row wider than the window.
#[test]
fn random_keys_on_view_six_keep_every_frame_whole() {
    let mut seed: u64 = 0x6e78_7077;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let chars = [
        '6', 'j', 'k', 'g', 'G', 'h', 'l', '[', ']', 'a', 'n', 'c', 'y', 's', 'k', 'x', '7', '0',
        '渝', ' ', 'q',
    ];
    let codes = [
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::PageDown,
        KeyCode::PageUp,
        KeyCode::Backspace,
        KeyCode::Left,
        KeyCode::Right,
    ];
    let mut c = console(&Options::sized((80, 24)));
    keys(&mut c, "6");
    for step in 0..1500 {
        let r = next();
        match r % 40 {
            0 => {
                let (w, h) =
                    [(80, 24), (120, 40), (60, 16), (30, 8), (100, 30)][(r / 40 % 5) as usize];
                support::resize(&mut c, w, h);
            }
            1..=14 => key(&mut c, codes[(r / 40 % codes.len() as u64) as usize]),
            _ => keys(
                &mut c,
                &chars[(r / 40 % chars.len() as u64) as usize].to_string(),
            ),
        }
        c.state.quit = false;
        let buf = support::draw(&mut c);
        let w = usize::from(buf.area.width);
        for (row, line) in support::text(&buf).lines().enumerate() {
            assert_eq!(line.width(), w, "step {step} row {row}: {line:?}");
        }
    }
}
