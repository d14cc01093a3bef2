//! The first start: a console on a new, empty database (no report, no
//! milestone) says so on the overview with the file's path and the first
//! steps, at 80x24 and 120x40, in Chinese and English; a database with
//! data never shows it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/console.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use bayu::app::state::{Settings, State};
use bayu::db::{OpenMode, Store};
use bayu::i18n::Lang;
use bayu::tui::Console;
use support::{AS_OF, TODAY, checked, date, demo_db, screen};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn empty_db(dir: &Path) -> PathBuf {
    let db = dir.join("bayu.db");
    let out = Command::new(env!("CARGO_BIN_EXE_bayu"))
        .args(["--db", db.to_str().unwrap(), "init"])
        .env("BAYU_CONFIG", "/dev/null")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    db
}

/// A console as `bayu` opens it on a file found empty at start, showing
/// `shown` as the file's path.
fn console(db: &Path, shown: &str, lang: Lang, size: (u16, u16)) -> Console {
    let store = Store::open(db, OpenMode::ReadOnly).unwrap();
    let settings = Settings {
        lang,
        ascii: false,
        color: true,
        soon_blue: false,
    };
    let mut state = State::new(settings, date(TODAY), date(AS_OF), size);
    state.new_database = Some(PathBuf::from(shown));
    let mut c = Console::new(store, state);
    c.start().unwrap();
    c.run_pending();
    c
}

#[test]
fn a_new_empty_database_says_where_it_is_and_what_to_do_first() {
    let dir = tempfile::tempdir().unwrap();
    let db = empty_db(dir.path());
    for (lang, name) in [(Lang::Zh, "first_start"), (Lang::En, "first_start_en")] {
        for size in SIZES {
            let mut c = console(&db, "/srv/bayu/bayu.db", lang, size);
            let s = checked(screen(&mut c), size);
            assert!(s.contains("/srv/bayu/bayu.db"), "{s}");
            assert!(
                s.contains("init --demo") && s.contains("bayu plan set"),
                "{s}"
            );
            insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), s);
        }
    }
}

#[test]
fn a_database_with_data_shows_no_first_start_pane() {
    let mut c = console(demo_db(), "/srv/bayu/bayu.db", Lang::Zh, (80, 24));
    let s = screen(&mut c);
    assert!(!s.contains("新数据库"), "{s}");
    assert!(s.contains("总体进展"), "{s}");
}
