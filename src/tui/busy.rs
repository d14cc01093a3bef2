//! Waiting for another user's write without freezing the screen.
//!
//! A save runs on the loop's thread; when another process holds the
//! database's write lock, SQLite waits for it — up to the busy timeout,
//! ten seconds — and the console used to stand still for all of it. The
//! console's store waits here instead: each time SQLite finds the lock
//! taken, this draws `等待其他用户写入……（已等 N 秒，按 Esc 放弃）` on the
//! bottom line and listens to the terminal for a tenth of a second. Esc
//! gives up (the save is refused, nothing is changed, the form stays as
//! typed); any other key or a resize is kept and handed to the console
//! once the save is through; a quit signal or a terminal gone gives up
//! too; past the busy timeout it gives up as SQLite would.
//!
//! The views cannot be drawn from here (the console is in the middle of
//! the save), so the line is written straight to the terminal and the loop
//! then redraws the whole frame.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crossterm::event::{self, Event};
use crossterm::style::{Attribute, Print, SetAttribute};
use crossterm::{cursor, queue};

use crate::app::keymap;
use crate::i18n::Lang;
use crate::i18n::store as words;

/// How long each look at the terminal lasts between two tries of the lock.
const TICK: Duration = Duration::from_millis(100);

#[derive(Default)]
struct Shared {
    gave_up: AtomicBool,
    drew: AtomicBool,
    held: Mutex<Vec<Event>>,
}

/// What the loop learns from the waits, once the save is through.
#[derive(Clone, Default)]
pub struct Busy {
    shared: Arc<Shared>,
}

impl Busy {
    /// The waiting function for the store: says so in `lang`, gives up on
    /// Esc, on `quit` or after `timeout`.
    pub fn waiter(
        &self,
        lang: Lang,
        timeout: Duration,
        quit: Arc<AtomicBool>,
        tty: Option<std::fs::File>,
    ) -> impl FnMut(i32) -> bool + Send + 'static {
        let shared = Arc::clone(&self.shared);
        let mut started = Instant::now();
        let mut size = (80u16, 24u16);
        move |count: i32| {
            let now = Instant::now();
            if count == 0 {
                started = now;
                size = crossterm::terminal::size().unwrap_or(size);
            }
            let waited = now.saturating_duration_since(started);
            let gone = tty.as_ref().is_some_and(super::watch::tty_gone);
            if waited >= timeout || quit.load(Ordering::Relaxed) || gone {
                return false;
            }
            draw_line(&words::waiting_for_writer(lang, waited.as_secs()), size);
            shared.drew.store(true, Ordering::Relaxed);
            match event::poll(TICK) {
                Ok(true) => match event::read() {
                    Ok(Event::Key(k)) if keymap::gives_up_waiting(&k) => {
                        shared.gave_up.store(true, Ordering::Relaxed);
                        return false;
                    }
                    Ok(ev) => {
                        if let Event::Resize(w, h) = ev {
                            size = (w, h);
                        }
                        if let Ok(mut held) = shared.held.lock() {
                            held.push(ev);
                        }
                    }
                    // The terminal is gone: nobody is waiting.
                    Err(_) => return false,
                },
                Ok(false) => {}
                Err(_) => return false,
            }
            true
        }
    }

    /// The events that arrived during the waits, in order (once).
    pub fn take_held(&self) -> Vec<Event> {
        match self.shared.held.lock() {
            Ok(mut held) => std::mem::take(&mut *held),
            Err(_) => Vec::new(),
        }
    }

    /// Whether the user gave up a wait with Esc (once).
    pub fn take_gave_up(&self) -> bool {
        self.shared.gave_up.swap(false, Ordering::Relaxed)
    }

    /// Whether a wait wrote on the screen behind the frame's back (once):
    /// the whole frame must then be drawn again.
    pub fn take_drew(&self) -> bool {
        self.shared.drew.swap(false, Ordering::Relaxed)
    }
}

/// Writes `text` over the bottom line, in reverse video, cut or padded to
/// the width.
fn draw_line(text: &str, (cols, rows): (u16, u16)) {
    let width = usize::from(cols);
    let cut = crate::text::width::truncate(text, width, "…");
    let pad = width.saturating_sub(crate::text::width::width(&cut));
    let mut out = io::stdout();
    let _ = queue!(
        out,
        cursor::MoveTo(0, rows.saturating_sub(1)),
        SetAttribute(Attribute::Reverse),
        Print(format!("{cut}{}", " ".repeat(pad))),
        SetAttribute(Attribute::Reset)
    );
    let _ = out.flush();
}
