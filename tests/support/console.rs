//! The console without a terminal, for tests: a demo database made once per
//! test binary with the real `bayu init --demo`, a `Console` on it at a
//! fixed as-of date, keys through the real keymap, frames drawn on
//! ratatui's `TestBackend` and read back as text (a wide character is one
//! character, as on a terminal).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use bayu::app::state::{Settings, State};
use bayu::db::{OpenMode, Store};
use bayu::i18n::Lang;
use bayu::tui::Console;
use chrono::NaiveDate;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

pub const AS_OF: (i32, u32, u32) = (2021, 12, 31);
/// A fixed "today", so that nothing depends on the day the tests run.
pub const TODAY: (i32, u32, u32) = (2022, 1, 5);

pub fn date((y, m, d): (i32, u32, u32)) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The demo database, created once with the built binary.
pub fn demo_db() -> &'static Path {
    static DB: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = DB.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.db");
        make_demo(&path);
        (dir, path)
    });
    path
}

/// Creates a demo database at `path` with `bayu init --demo`.
pub fn make_demo(path: &Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_bayu"))
        .args(["--db", path.to_str().unwrap(), "init", "--demo"])
        .env("BAYU_CONFIG", "/dev/null")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

pub struct Options {
    pub size: (u16, u16),
    pub lang: Lang,
    pub ascii: bool,
    pub as_of: NaiveDate,
}

impl Options {
    /// The defaults at another window size.
    pub fn sized(size: (u16, u16)) -> Options {
        Options {
            size,
            ..Options::default()
        }
    }
}

/// Checks a screen's shape — `h` rows, each exactly `w` columns wide (no
/// row too wide, no half character) — and returns it for a snapshot.
pub fn checked(s: String, (w, h): (u16, u16)) -> String {
    use unicode_width::UnicodeWidthStr;
    let lines: Vec<&str> = s.lines().collect();
    assert_eq!(lines.len(), usize::from(h));
    for l in &lines {
        assert_eq!(l.width(), usize::from(w), "a row of the wrong width: {l:?}");
    }
    s
}

impl Default for Options {
    fn default() -> Options {
        Options {
            size: (80, 24),
            lang: Lang::Zh,
            ascii: false,
            as_of: date(AS_OF),
        }
    }
}

/// A console on `db` at the fixed as-of date, data loaded.
pub fn console_on(db: &Path, o: &Options) -> Console {
    let store = Store::open(db, OpenMode::ReadOnly).unwrap();
    let settings = Settings {
        lang: o.lang,
        ascii: o.ascii,
        color: true,
        soon_blue: false,
    };
    let state = State::new(settings, date(TODAY), o.as_of, o.size);
    let mut c = Console::new(store, state);
    c.start().unwrap();
    c.run_pending();
    c
}

pub fn console(o: &Options) -> Console {
    console_on(demo_db(), o)
}

/// A frame of the console on a fresh test terminal of the state's size.
pub fn draw(c: &mut Console) -> Buffer {
    let (w, h) = c.state.size;
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| c.draw(f)).unwrap();
    term.backend().buffer().clone()
}

/// The buffer as the terminal shows it: one line per row, wide characters
/// once, trailing spaces kept so that widths can be checked.
pub fn text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0;
        for x in 0..buf.area.width {
            let sym = buf[(x, y)].symbol();
            if skip > 0 {
                skip -= 1;
                continue;
            }
            out.push_str(sym);
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
        }
        out.push('\n');
    }
    out
}

/// Draws and returns the screen text.
pub fn screen(c: &mut Console) -> String {
    // Draw twice: the first frame tells the state its page size.
    draw(c);
    text(&draw(c))
}

pub fn key_with(c: &mut Console, code: KeyCode, modifiers: KeyModifiers) {
    c.handle(&Event::Key(KeyEvent {
        code,
        modifiers,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    }));
    // Typing pauses here: run what waited for it.
    c.run_pending();
}

pub fn key(c: &mut Console, code: KeyCode) {
    key_with(c, code, KeyModifiers::NONE);
}

/// Types each character as a key.
pub fn keys(c: &mut Console, s: &str) {
    for ch in s.chars() {
        key(c, KeyCode::Char(ch));
    }
}

pub fn resize(c: &mut Console, w: u16, h: u16) {
    c.handle(&Event::Resize(w, h));
}

/// A private copy of the demo database, for tests that write.
pub fn demo_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    std::fs::copy(demo_db(), &path).unwrap();
    (dir, path)
}

/// A console that may write to `db` (the OS user shown as `user`, so
/// that screens do not depend on who runs the tests).
pub fn console_rw(db: &Path, o: &Options, user: &str) -> Console {
    let store = Store::open(db, OpenMode::Auto).unwrap();
    let settings = Settings {
        lang: o.lang,
        ascii: o.ascii,
        color: true,
        soon_blue: false,
    };
    let state = State::new(settings, date(TODAY), o.as_of, o.size);
    let mut c = Console::new(store, state);
    c.state.edit.user = user.to_string();
    c.start().unwrap();
    c.run_pending();
    c
}

/// Draws a frame; returns the screen text and where the terminal cursor
/// is (`None`: hidden).
pub fn screen_and_cursor(c: &mut Console) -> (String, Option<(u16, u16)>) {
    draw(c);
    let (w, h) = c.state.size;
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| c.draw(f)).unwrap();
    let backend = term.backend();
    let at = backend.cursor_position();
    let cursor = backend.cursor_visible().then_some((at.x, at.y));
    (text(backend.buffer()), cursor)
}
