//! Taking the terminal over and giving it back exactly as it was: raw mode,
//! the alternate screen, bracketed paste, a hidden cursor — undone on every
//! way out (normal quit, an error, a signal, a panic, whose hook restores
//! the terminal before the message is printed) and for the time the
//! console is suspended (Ctrl-Z, SIGTSTP), taken again on `fg`. Restoring
//! twice is harmless. No cursor-position or other queries are ever sent:
//! some SSH clients never answer them.

use std::io::{self, BufWriter, Stdout, Write};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::layout::Rect;

use super::backend::CompactBackend;

/// Whether the terminal is ours right now.
static ACTIVE: AtomicBool = AtomicBool::new(false);
static HOOK: Once = Once::new();

/// Gives the terminal back: main screen, cursor shown, paste mode off,
/// cooked mode. Does nothing if it is not ours.
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let mut out = io::stdout();
        let _ = execute!(
            out,
            DisableBracketedPaste,
            LeaveAlternateScreen,
            cursor::Show
        );
        let _ = out.flush();
        let _ = disable_raw_mode();
    }
}

fn install_panic_hook() {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}

/// Room for a whole frame of a large window, so that it leaves in one write.
const FRAME_BUFFER: usize = 64 * 1024;

/// The terminal while the console runs; dropping it restores the terminal.
pub struct Session {
    pub terminal: Terminal<CompactBackend<BufWriter<Stdout>>>,
}

/// Raw mode (with Ctrl-Z still a suspend), the alternate screen,
/// bracketed paste, the cursor hidden.
fn take() -> io::Result<()> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    // Without it Ctrl-Z is only a key the console ignores.
    let _ = super::watch::let_suspend_key_signal();
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        cursor::Hide
    )
}

impl Session {
    pub fn enter() -> io::Result<Session> {
        install_panic_hook();
        let entered = take().and_then(|()| {
            Terminal::new(CompactBackend::new(BufWriter::with_capacity(
                FRAME_BUFFER,
                io::stdout(),
            )))
        });
        match entered {
            Ok(terminal) => Ok(Session { terminal }),
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }

    /// Gives the terminal back and stops the process, as SIGTSTP does to
    /// any program; once continued, takes the terminal again and forgets
    /// what was on the screen, so the next frame is drawn whole.
    pub fn suspend(&mut self) -> io::Result<()> {
        let _ = self.terminal.flush();
        restore();
        super::watch::stop_self()?;
        if let Err(e) = take() {
            restore();
            return Err(e);
        }
        self.clear()
    }

    /// Clears the screen and forgets what is on it, so the next frame is
    /// drawn whole (Ctrl-L). `Terminal::clear` would ask the terminal where
    /// its cursor is; resizing to the current size clears without asking.
    pub fn clear(&mut self) -> io::Result<()> {
        let size = self.terminal.size()?;
        self.terminal
            .resize(Rect::new(0, 0, size.width, size.height))
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        restore();
    }
}
