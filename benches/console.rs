//! The console in-process at 120x40: start to the first complete overview,
//! and each keystroke's update and render (the frame drawn through the
//! real crossterm backend into memory), per view; the read a key asks for
//! runs after its frame, as in the real loop, and is measured apart. Also
//! the cells each key changes and the bytes its frames write, with bayu's
//! backend and with ratatui's plain one; and a frame alone per screen
//! (the state unchanged, drawn again). `cargo bench --bench console`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/cache.rs"]
mod cache;
#[path = "support/stats.rs"]
mod stats;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;
use std::rc::Rc;
use std::time::{Duration, Instant};

use bayu::app::State;
use bayu::app::state::Settings;
use bayu::db::{OpenMode, Store};
use bayu::i18n::Lang;
use bayu::tui::Console;
use bayu::tui::backend::CompactBackend;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use stats::{Samples, measure, report};

const SIZE: (u16, u16) = (120, 40);

/// Bytes the terminal would receive, and the cells drawn to make them.
#[derive(Clone, Default)]
struct Sink {
    bytes: Rc<RefCell<Vec<u8>>>,
    cells: Rc<RefCell<usize>>,
}

impl Sink {
    fn len(&self) -> usize {
        self.bytes.borrow().len()
    }

    fn cells(&self) -> usize {
        *self.cells.borrow()
    }

    /// `backend` writing into this sink, its cells counted here.
    fn counting<B: Backend>(&self, backend: B) -> Counting<B> {
        Counting {
            inner: backend,
            cells: Rc::clone(&self.cells),
        }
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.bytes.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A backend that counts the cells ratatui hands it to draw (the cells
/// that changed since the last frame) and passes everything on.
struct Counting<B> {
    inner: B,
    cells: Rc<RefCell<usize>>,
}

impl<B: Backend> Backend for Counting<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), B::Error>
    where
        I: Iterator<Item = (u16, u16, &'a ratatui::buffer::Cell)>,
    {
        let cells: Vec<_> = content.collect();
        *self.cells.borrow_mut() += cells.len();
        self.inner.draw(cells.into_iter())
    }
    fn hide_cursor(&mut self) -> Result<(), B::Error> {
        self.inner.hide_cursor()
    }
    fn show_cursor(&mut self) -> Result<(), B::Error> {
        self.inner.show_cursor()
    }
    fn get_cursor_position(&mut self) -> Result<ratatui::layout::Position, B::Error> {
        self.inner.get_cursor_position()
    }
    fn set_cursor_position<P: Into<ratatui::layout::Position>>(
        &mut self,
        position: P,
    ) -> Result<(), B::Error> {
        self.inner.set_cursor_position(position)
    }
    fn clear(&mut self) -> Result<(), B::Error> {
        self.inner.clear()
    }
    fn clear_region(&mut self, clear_type: ratatui::backend::ClearType) -> Result<(), B::Error> {
        self.inner.clear_region(clear_type)
    }
    fn size(&self) -> Result<ratatui::layout::Size, B::Error> {
        self.inner.size()
    }
    fn window_size(&mut self) -> Result<ratatui::backend::WindowSize, B::Error> {
        self.inner.window_size()
    }
    fn flush(&mut self) -> Result<(), B::Error> {
        self.inner.flush()
    }
}

fn terminal<B: Backend>(backend: B) -> Terminal<B> {
    let options = TerminalOptions {
        viewport: Viewport::Fixed(Rect::new(0, 0, SIZE.0, SIZE.1)),
    };
    Terminal::with_options(backend, options).unwrap_or_else(|_| panic!("a terminal in memory"))
}

fn console(db: &Path) -> Console {
    let store = Store::open(db, OpenMode::ReadOnly).expect("open the bench database");
    let settings = Settings {
        lang: Lang::Zh,
        ascii: false,
        color: true,
        soon_blue: false,
    };
    let state = State::new(settings, cache::as_of(), cache::as_of(), SIZE);
    Console::new(store, state)
}

fn draw<B: Backend>(t: &mut Terminal<B>, c: &mut Console) {
    t.draw(|f| c.draw(f))
        .unwrap_or_else(|_| panic!("draw a frame"));
}

/// What the real loop does from start to the first frame with figures: a
/// frame saying 读取中, the read, the overview.
fn start<B: Backend>(db: &Path, t: &mut Terminal<B>) -> Console {
    let mut c = console(db);
    draw(t, &mut c);
    c.start().expect("load the data");
    draw(t, &mut c);
    c.run_pending();
    draw(t, &mut c);
    c
}

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// One named keystroke, repeated.
struct Step {
    name: &'static str,
    before: Vec<KeyCode>,
    key: KeyCode,
    times: usize,
}

fn step(name: &'static str, before: &[KeyCode], key: KeyCode, times: usize) -> Step {
    Step {
        name,
        before: before.to_vec(),
        key,
        times,
    }
}

/// Each step's key moves something (a selection moves, a period changes):
/// where a list is short, the key alternates with its opposite.
fn script() -> Vec<Step> {
    use KeyCode::{Char, End, Esc, Home, PageDown};
    vec![
        step("view switch 1-5 (each key)", &[], Char('1'), 0),
        step("2 任务 j/k", &[Char('2'), Home], Char('j'), 60),
        step(
            "2 任务 Enter (expand/collapse)",
            &[Char('2'), Home, Char('j'), Char('j'), Char('j')],
            KeyCode::Enter,
            30,
        ),
        step(
            "3 单位 j/k (agencies)",
            &[Char('3'), Char('h'), Home],
            Char('j'),
            40,
        ),
        step(
            "3 单位 j/k (units)",
            &[Char('3'), Char('l'), Home],
            Char('j'),
            40,
        ),
        step("4 节点 j/k", &[Char('4'), Home], Char('j'), 40),
        step(
            "5 报送 j (inbox, 300 down)",
            &[Char('5'), Home],
            Char('j'),
            300,
        ),
        step("5 报送 PgDn", &[Char('5'), Home], PageDown, 100),
        step("5 报送 G/g (oldest/newest)", &[Char('5'), Home], End, 20),
        // The matrices: m cycles inbox → by period → by task → inbox.
        step(
            "5 按任务 [/]",
            &[Char('5'), Char('m'), Char('m')],
            Char('['),
            10,
        ),
        step(
            "5 按期次 l/h",
            &[Char('5'), Char('m'), Char('m')],
            Char('l'),
            20,
        ),
        step(
            "5 filter: type yzq",
            &[Char('5'), Char('m'), Char('m'), Esc, Esc],
            Char('/'),
            0,
        ),
    ]
}

/// The key that undoes `k`, for steps that alternate.
fn opposite(k: KeyCode) -> Option<KeyCode> {
    match k {
        KeyCode::Char('j') => Some(KeyCode::Char('k')),
        KeyCode::Char('l') => Some(KeyCode::Char('h')),
        KeyCode::Char('[') => Some(KeyCode::Char(']')),
        KeyCode::End => Some(KeyCode::Home),
        _ => None,
    }
}

/// Times and bytes of each step's keys.
#[derive(Default)]
struct Tally {
    keys: BTreeMap<&'static str, Vec<Duration>>,
    reads: BTreeMap<&'static str, Vec<Duration>>,
    bytes: BTreeMap<&'static str, Vec<usize>>,
    cells: BTreeMap<&'static str, Vec<usize>>,
}

/// Presses `code`: update and frame (timed), then, as the loop does, the
/// reads it asked for and the frame after them (timed apart).
fn press<B: Backend>(
    t: &mut Terminal<B>,
    c: &mut Console,
    sink: &Sink,
    code: KeyCode,
    name: &'static str,
    tally: &mut Tally,
) {
    let before = sink.len();
    let cells_before = sink.cells();
    let started = Instant::now();
    c.handle(&key(code));
    draw(t, c);
    tally.keys.entry(name).or_default().push(started.elapsed());
    if c.has_deferred() || c.has_pending() {
        let started = Instant::now();
        c.run_pending();
        draw(t, c);
        tally.reads.entry(name).or_default().push(started.elapsed());
    }
    // Everything the key made the terminal receive, the read's frame too.
    tally
        .bytes
        .entry(name)
        .or_default()
        .push(sink.len() - before);
    tally
        .cells
        .entry(name)
        .or_default()
        .push(sink.cells() - cells_before);
}

fn run_script<B: Backend>(t: &mut Terminal<B>, c: &mut Console, sink: &Sink) -> Tally {
    let mut tally = Tally::default();
    for s in script() {
        for &k in &s.before {
            c.handle(&key(k));
            c.run_pending();
            draw(t, c);
        }
        match s.name {
            "view switch 1-5 (each key)" => {
                for _ in 0..20 {
                    for v in ['1', '2', '3', '4', '5'] {
                        press(t, c, sink, KeyCode::Char(v), s.name, &mut tally);
                    }
                }
            }
            "5 filter: type yzq" => {
                for _ in 0..10 {
                    press(t, c, sink, KeyCode::Char('/'), s.name, &mut tally);
                    for ch in ['y', 'z', 'q'] {
                        press(t, c, sink, KeyCode::Char(ch), s.name, &mut tally);
                    }
                    for _ in 0..2 {
                        c.handle(&key(KeyCode::Esc));
                        c.run_pending();
                        draw(t, c);
                    }
                }
            }
            name => {
                let alternate = name.contains('/');
                for i in 0..s.times {
                    let k = match opposite(s.key) {
                        Some(back) if alternate && i % 2 == 1 => back,
                        _ => s.key,
                    };
                    press(t, c, sink, k, s.name, &mut tally);
                }
            }
        }
    }
    tally
}

fn median(v: &[usize]) -> usize {
    let mut v = v.to_vec();
    v.sort_unstable();
    v.get(v.len() / 2).copied().unwrap_or(0)
}

fn main() {
    println!(
        "# console, in-process, {}x{}, as of {}",
        SIZE.0,
        SIZE.1,
        cache::as_of_text()
    );
    for n in cache::sizes() {
        let db = cache::database(n);
        let size = cache::label(n);
        stats::heading(&format!("{size} reports"));
        let first = measure(2, 20, || {
            let sink = Sink::default();
            let mut t = terminal(CompactBackend::new(sink));
            start(&db, &mut t);
        });
        report("start: open, 读取中 frame, load, overview", &size, &first);
        let load = measure(2, 20, || {
            bayu::tui::console::load(
                &Store::open(&db, OpenMode::ReadOnly).expect("open"),
                cache::as_of(),
            )
            .expect("load");
        });
        report("  of which the load (Snapshot and the rest)", &size, &load);

        let sink = Sink::default();
        let mut t = terminal(sink.counting(CompactBackend::new(sink.clone())));
        let mut c = start(&db, &mut t);
        let compact = run_script(&mut t, &mut c, &sink);

        let plain_sink = Sink::default();
        let mut t = terminal(CrosstermBackend::new(plain_sink.clone()));
        let mut c = start(&db, &mut t);
        let plain = run_script(&mut t, &mut c, &plain_sink);

        let mut all: Vec<Duration> = Vec::new();
        for s in script() {
            let Some(times) = compact.keys.get(s.name) else {
                continue;
            };
            all.extend(times);
            report(
                &format!("key: {}", s.name),
                &size,
                &Samples::new(times.clone()),
            );
            if let Some(reads) = compact.reads.get(s.name) {
                report(
                    &format!("  then the read after the frame ({}x)", reads.len()),
                    &size,
                    &Samples::new(reads.clone()),
                );
            }
            println!(
                "{:<44} {size:>5}  per key: median {} cells changed, {} bytes to the terminal (ratatui's plain backend {})",
                "",
                median(&compact.cells[s.name]),
                median(&compact.bytes[s.name]),
                median(&plain.bytes[s.name])
            );
        }
        report("every key above", &size, &Samples::new(all));

        let sink = Sink::default();
        let mut t = terminal(CompactBackend::new(sink));
        let mut c = start(&db, &mut t);
        frames(&mut t, &mut c, &size);
    }
}

/// A frame alone, per screen: the state unchanged and drawn again, so
/// that what is timed is the views drawing (and ratatui finding that
/// nothing changed), apart from the update and the terminal.
fn frames<B: Backend>(t: &mut Terminal<B>, c: &mut Console, size: &str) {
    use KeyCode::Char;
    let screens = [
        ("frame: 1 总览", Char('1')),
        ("frame: 2 任务", Char('2')),
        ("frame: 3 单位", Char('3')),
        ("frame: 4 节点", Char('4')),
        ("frame: 5 报送 (inbox)", Char('5')),
        ("frame: 5 按期次", Char('m')),
        ("frame: 5 按任务", Char('m')),
        ("frame: 6 导出", Char('6')),
    ];
    let mut all = Vec::new();
    for (name, k) in screens {
        c.handle(&key(k));
        c.run_pending();
        draw(t, c);
        let s = measure(20, 300, || draw(t, c));
        report(name, size, &s);
        all.push(s.median());
    }
    report(
        "frame: the screens above (medians)",
        size,
        &Samples::new(all),
    );
}
