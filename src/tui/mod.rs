//! The console on a real terminal: set it up, run the event loop, give the
//! terminal back. The loop redraws only after input, a resize or a change
//! of the data; between events it sleeps in `poll` ([`watch`]), waking
//! about once a second to ask SQLite (`PRAGMA data_version`) whether
//! another coordinator changed the file — so an idle console uses no CPU.
//! It ends when its terminal goes away, and steps aside on Ctrl-Z.

pub mod backend;
pub mod busy;
pub mod clipboard;
pub mod console;
pub mod edit;
pub mod health;
pub mod terminal;
pub mod transfer;
pub mod watch;

use std::io;
use std::time::{Duration, Instant};

use crossterm::event;

pub use console::Console;

/// How often the file is checked for other coordinators' changes.
const DATA_CHECK: Duration = Duration::from_secs(1);
/// How long typing must pause before a filter runs over the whole inbox.
const DEBOUNCE: Duration = Duration::from_millis(150);
/// How long to look for more input already on its way. (Crossterm's
/// `/dev/tty` reader, used because it polls level-triggered and so never
/// loses a key that arrives together with a resize, answers a zero timeout
/// without looking.)
const GLANCE: Duration = Duration::from_millis(1);
/// How often a check running in the background is looked at.
const JOB_TICK: Duration = Duration::from_millis(50);

/// Why the console stopped other than by the user's choice.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error("the terminal: {0}")]
    Terminal(#[from] io::Error),
    #[error("{0}")]
    Store(#[from] crate::db::StoreError),
}

/// Whether input waits on the terminal, asked of the kernel without
/// waiting. Not `event::poll(Duration::ZERO)`: with `use-dev-tty`,
/// crossterm's poll never looks at the terminal when it may not wait, and
/// letting it wait would slow the read this watches.
#[cfg(unix)]
fn key_waits() -> bool {
    use std::os::fd::AsRawFd;
    static TTY: std::sync::OnceLock<Option<std::fs::File>> = std::sync::OnceLock::new();
    let Some(tty) = TTY.get_or_init(|| std::fs::File::open("/dev/tty").ok()) else {
        return false;
    };
    let mut fd = libc::pollfd {
        fd: tty.as_raw_fd(),
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one pollfd for a descriptor the static keeps open, and a
    // timeout of 0: poll only reports, it neither waits nor reads.
    let ready = unsafe { libc::poll(&mut fd, 1, 0) };
    ready > 0 && fd.revents & libc::POLLIN != 0
}

#[cfg(not(unix))]
fn key_waits() -> bool {
    false
}

/// Runs the console until the user quits: takes the terminal, draws a
/// first frame at once, reads the data (an error there ends the console,
/// the terminal given back, with the error), then follows events. A
/// terminal that goes away ends it too, quietly: nobody is there to read
/// a message.
pub fn run(mut console: Console) -> Result<(), RunError> {
    let watch = watch::Watch::new()?;
    // A save that waits for another user's write keeps the screen alive.
    let busy = busy::Busy::default();
    let waiter = busy.waiter(
        console.state.lang(),
        crate::db::busy_timeout(),
        watch.quit_flag(),
        watch.tty().ok(),
    );
    console.store_mut().wait_for_locks_with(waiter)?;
    let mut session = terminal::Session::enter()?;
    let result = follow(&mut console, &mut session, &watch, &busy);
    drop(session);
    match result {
        Err(RunError::Terminal(_)) if watch.gone() => Ok(()),
        other => other,
    }
}

fn follow(
    console: &mut Console,
    session: &mut terminal::Session,
    watch: &watch::Watch,
    busy: &busy::Busy,
) -> Result<(), RunError> {
    let size = session.terminal.size()?;
    console.dispatch(crate::app::Action::Resize(size.width, size.height));
    session.terminal.draw(|f| console.draw(f))?;
    console.start()?;
    console.stop_typed_reads_when(key_waits);
    let mut file = health::FileWatch::start(console);
    let mut dirty = true;
    let mut next_check = Instant::now() + DATA_CHECK;
    let mut debounce_at: Option<Instant> = None;
    // crossterm has read an event that the loop has not taken yet.
    let mut event_held = false;
    loop {
        // What happened while a save waited for another user's write.
        for ev in busy.take_held() {
            if console.handle(&ev) {
                dirty = true;
                if console.has_pending() {
                    debounce_at = Some(Instant::now() + DEBOUNCE);
                }
            }
        }
        if busy.take_drew() {
            session.clear()?;
            dirty = true;
        }
        if busy.take_gave_up() {
            gave_up(console);
            dirty = true;
        }
        if watch.take_suspend() {
            session.suspend()?;
            dirty = true;
        }
        if console.take_clear() {
            session.clear()?;
            dirty = true;
        }
        if let Some(text) = console.take_clipboard() {
            clipboard::copy(session.terminal.backend_mut(), &text)?;
        }
        if dirty {
            session.terminal.draw(|f| console.draw(f))?;
            dirty = false;
        }
        if console.state.quit || watch.quit_asked() {
            return Ok(());
        }
        // Slow reads run once their frame is on screen, unless keys wait.
        if console.has_deferred() && !event_held {
            if event::poll(GLANCE)? {
                event_held = true;
            } else {
                console.run_deferred();
                dirty = true;
                continue;
            }
        }
        let now = Instant::now();
        let mut deadline = debounce_at.map_or(next_check, |d| d.min(next_check));
        if console.has_job() || file.checking() {
            deadline = deadline.min(now + JOB_TICK);
        }
        let events = event_held
            || match watch.wait(deadline.saturating_duration_since(now)) {
                watch::Wake::Gone => return Ok(()),
                // A resize reaches crossterm by its own signal pipe.
                watch::Wake::Input | watch::Wake::Other => event::poll(GLANCE)?,
            };
        if events {
            event_held = false;
            // Take every event that has arrived before drawing again, so a
            // burst of keys over a slow link costs one frame.
            loop {
                let ev = event::read()?;
                if console.handle(&ev) {
                    dirty = true;
                    if console.has_pending() {
                        debounce_at = Some(Instant::now() + DEBOUNCE);
                    }
                }
                if console.state.quit || !event::poll(GLANCE)? {
                    break;
                }
            }
        }
        if console.poll_jobs() {
            dirty = true;
        }
        if file.checking() && file.look(console) {
            dirty = true;
        }
        let now = Instant::now();
        if debounce_at.is_some_and(|d| now >= d) {
            debounce_at = None;
            console.run_debounced();
            dirty = true;
            // A key stopped it: the read waits for typing to pause again.
            if console.has_pending() {
                debounce_at = Some(Instant::now() + DEBOUNCE);
            }
        }
        if now >= next_check {
            if watch.gone() {
                return Ok(());
            }
            if console.check_data() | file.look(console) {
                dirty = true;
            }
            next_check = now + DATA_CHECK;
        }
    }
}

/// The user pressed Esc while a save waited for another user's write: the
/// save was refused and nothing changed; the form stays as typed.
fn gave_up(console: &mut Console) {
    console.dispatch(crate::app::Action::GaveUpWaiting);
}
