//! Every view of the console on the demo data as of 2021-12-31, at 80x24
//! and 120x40, as a coordinator would see it (insta snapshots of the
//! screen text); the overview also in ASCII mode and in English. A frame
//! must also never hold a line wider than the window or half a character.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/console.rs"]
mod support;

use bayu::i18n::Lang;
use crossterm::event::{KeyCode, KeyModifiers};
use support::{Options, checked, console, key, key_with, keys, screen};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn snap(name: &str, (w, h): (u16, u16), s: String) {
    let s = checked(s, (w, h));
    insta::assert_snapshot!(format!("{name}_{w}x{h}"), s);
}

#[test]
fn overview() {
    for size in SIZES {
        let mut c = console(&Options::sized(size));
        snap("overview", size, screen(&mut c));
    }
}

#[test]
fn overview_ascii() {
    for size in SIZES {
        let mut c = console(&Options {
            size,
            ascii: true,
            ..Options::default()
        });
        let s = screen(&mut c);
        for bad in ['─', '│', '█', '░', '┃', '…', '▾', '▸'] {
            assert!(!s.contains(bad), "{bad} in ASCII mode:\n{s}");
        }
        snap("overview_ascii", size, s);
    }
}

#[test]
fn overview_english() {
    for size in SIZES {
        let mut c = console(&Options {
            size,
            lang: Lang::En,
            ..Options::default()
        });
        snap("overview_en", size, screen(&mut c));
    }
}

#[test]
fn plan() {
    for size in SIZES {
        let mut c = console(&Options::sized(size));
        keys(&mut c, "2");
        snap("plan", size, screen(&mut c));
    }
}

#[test]
fn plan_detail_of_a_late_task() {
    for size in SIZES {
        let mut c = console(&Options::sized(size));
        // 1.“她力量”建功, red with an overdue milestone.
        keys(&mut c, "2/她力量");
        key(&mut c, KeyCode::Enter);
        snap("plan_filtered", size, screen(&mut c));
    }
}

#[test]
fn units() {
    for size in SIZES {
        let mut c = console(&Options::sized(size));
        keys(&mut c, "3");
        snap("units", size, screen(&mut c));
    }
}

#[test]
fn units_filtered_by_pinyin() {
    let size = (80, 24);
    let mut c = console(&Options::sized(size));
    keys(&mut c, "3l/yzq");
    let s = screen(&mut c);
    assert!(s.contains("渝中区"), "{s}");
    assert!(!s.contains("江北区"), "{s}");
    snap("units_yzq", size, s);
}

#[test]
fn milestones() {
    for size in SIZES {
        let mut c = console(&Options::sized(size));
        keys(&mut c, "4");
        snap("milestones", size, screen(&mut c));
    }
}

#[test]
fn reports_inbox() {
    for size in SIZES {
        let mut c = console(&Options::sized(size));
        keys(&mut c, "5");
        snap("reports", size, screen(&mut c));
    }
}

#[test]
fn reports_by_period() {
    for size in SIZES {
        let mut c = console(&Options::sized(size));
        keys(&mut c, "5m");
        snap("reports_periods", size, screen(&mut c));
    }
}

#[test]
fn reports_by_task() {
    for size in SIZES {
        let mut c = console(&Options::sized(size));
        keys(&mut c, "5mm");
        snap("reports_tasks", size, screen(&mut c));
    }
}

#[test]
fn help_lists_the_keys_of_the_view() {
    for size in SIZES {
        let mut c = console(&Options::sized(size));
        keys(&mut c, "2?");
        snap("help_plan", size, screen(&mut c));
    }
}

#[test]
fn as_of_prompt_explains_a_bad_date() {
    let size = (80, 24);
    let mut c = console(&Options::sized(size));
    keys(&mut c, "t");
    key_with(&mut c, KeyCode::Char('u'), KeyModifiers::CONTROL);
    keys(&mut c, "2021-02-30");
    key(&mut c, KeyCode::Enter);
    snap("as_of_error", size, screen(&mut c));
}

#[test]
fn too_small_a_window_says_so_in_one_line() {
    let mut c = console(&Options::sized((40, 10)));
    let s = checked(screen(&mut c), (40, 10));
    assert!(s.starts_with("窗口太小"), "{s}");
    assert_eq!(s.lines().filter(|l| !l.trim().is_empty()).count(), 1);
}

#[test]
fn a_key_stops_the_typed_inbox_read_which_runs_again_once_typing_pauses() {
    let o = Options {
        size: (120, 40),
        as_of: support::date((2025, 12, 31)),
        ..Options::default()
    };
    let mut c = console(&o);
    keys(&mut c, "5");
    c.run_pending();
    let all = screen(&mut c);
    assert!(!all.contains("读取中"), "{all}");
    // "学习" is in no unit's or task's name: the count reads every report's text.
    c.stop_typed_reads_when(|| true);
    keys(&mut c, "/学习");
    assert!(c.has_pending(), "{}", screen(&mut c));
    c.run_debounced();
    assert!(
        c.has_pending(),
        "a waiting key stopped the read; it waits again"
    );
    let s = screen(&mut c);
    assert!(s.contains("读取中") && s.contains("筛选：学习"), "{s}");
    c.stop_typed_reads_when(|| false);
    c.run_pending();
    assert!(!c.has_pending());
    let s = screen(&mut c);
    assert!(!s.contains("读取中"), "{s}");
    let count = |s: &str| -> u64 {
        let line = s.lines().nth(1).unwrap();
        let total = line
            .split('/')
            .nth(1)
            .unwrap()
            .split_whitespace()
            .next()
            .unwrap();
        total.parse().unwrap()
    };
    assert!(count(&s) > 0 && count(&s) < count(&all), "{s}");
}
