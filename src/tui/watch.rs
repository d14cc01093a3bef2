//! What the console's loop waits on, besides the clock: the terminal
//! (input, or its end) and the signals that concern it (a resize, a
//! suspend, a request to quit).
//!
//! The loop sleeps here, in one `poll` of its own on `/dev/tty` and on a
//! pipe that every such signal writes to, and asks crossterm for events
//! only when the terminal has input. So a terminal that has gone away —
//! the SSH link dropped without a SIGHUP reaching us (`su`, a shell that
//! ignores HUP), the emulator killed — is seen at once as a hang-up, an
//! error or an end of file, whatever the signal dispositions, instead of
//! being polled in a loop that never sleeps (crossterm's poll goes on
//! while `read` answers 0). No question is ever asked of the terminal.

use std::fs::File;
use std::io::{self, Read};
use std::os::fd::AsRawFd;
use std::os::unix::net::UnixStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGWINCH};

/// Why the wait ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wake {
    /// Input waits on the terminal.
    Input,
    /// The terminal hung up, failed or reached its end: nobody is there.
    Gone,
    /// A signal, or the time ran out.
    Other,
}

/// The terminal and the signals, as the loop waits on them.
pub struct Watch {
    tty: File,
    /// Read end of the pipe the signal handlers write a byte to.
    wake: UnixStream,
    quit: Arc<AtomicBool>,
    suspend: Arc<AtomicBool>,
}

impl Watch {
    /// Opens the terminal and installs the handlers. A second quit signal
    /// while the first is being handled ends the process at once.
    pub fn new() -> io::Result<Watch> {
        let tty = File::open("/dev/tty")?;
        let (wake, sender) = UnixStream::pair()?;
        wake.set_nonblocking(true)?;
        sender.set_nonblocking(true)?;
        let quit = Arc::new(AtomicBool::new(false));
        for sig in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
            signal_hook::flag::register_conditional_shutdown(sig, 1, Arc::clone(&quit))?;
            signal_hook::flag::register(sig, Arc::clone(&quit))?;
        }
        let suspend = Arc::new(AtomicBool::new(false));
        signal_hook::flag::register(SIGTSTP, Arc::clone(&suspend))?;
        for sig in [SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGWINCH] {
            signal_hook::low_level::pipe::register(sig, sender.try_clone()?)?;
        }
        Ok(Watch {
            tty,
            wake,
            quit,
            suspend,
        })
    }

    /// Whether a signal asked the console to end.
    pub fn quit_asked(&self) -> bool {
        self.quit.load(Ordering::Relaxed)
    }

    /// The flag a quit signal sets, for a wait that must end early then.
    pub fn quit_flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.quit)
    }

    /// Whether a SIGTSTP (Ctrl-Z, or `kill -TSTP`) asked the console to
    /// step aside; true once per signal.
    pub fn take_suspend(&self) -> bool {
        self.suspend.swap(false, Ordering::Relaxed)
    }

    /// Sleeps until input waits, a signal comes or `timeout` passes.
    pub fn wait(&self, timeout: Duration) -> Wake {
        let millis = timeout.as_millis().min(i32::MAX as u128) as i32;
        let mut fds = [
            libc::pollfd {
                fd: self.tty.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: self.wake.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            },
        ];
        // SAFETY: two pollfds on descriptors this struct keeps open.
        let ready = unsafe { libc::poll(fds.as_mut_ptr(), 2, millis) };
        if ready < 0 {
            // EINTR: a signal; its flag says what it wanted.
            return Wake::Other;
        }
        if fds[1].revents != 0 {
            self.drain();
        }
        match self.judge(fds[0].revents) {
            Some(w) => w,
            None => Wake::Other,
        }
    }

    /// Whether the terminal has gone, asked without waiting.
    pub fn gone(&self) -> bool {
        tty_gone(&self.tty)
    }

    /// What the terminal's poll bits say (see [`judge`]).
    fn judge(&self, revents: libc::c_short) -> Option<Wake> {
        judge(&self.tty, revents)
    }

    /// The terminal, opened again, for a wait that runs elsewhere (the
    /// busy handler) and must notice it going.
    pub fn tty(&self) -> io::Result<File> {
        self.tty.try_clone()
    }

    fn drain(&self) {
        let mut buf = [0u8; 64];
        while matches!((&self.wake).read(&mut buf), Ok(n) if n > 0) {}
    }
}

/// Whether the terminal `tty` has gone, asked without waiting.
pub fn tty_gone(tty: &File) -> bool {
    let mut fd = libc::pollfd {
        fd: tty.as_raw_fd(),
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one pollfd on a descriptor the caller keeps open; a timeout
    // of 0 only reports.
    let ready = unsafe { libc::poll(&mut fd, 1, 0) };
    ready > 0 && judge(tty, fd.revents) == Some(Wake::Gone)
}

/// What a terminal's poll bits say: gone on a hang-up or an error, and on
/// "readable" with nothing to read (the end of its input).
fn judge(tty: &File, revents: libc::c_short) -> Option<Wake> {
    if revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
        return Some(Wake::Gone);
    }
    if revents & libc::POLLIN != 0 {
        return Some(match pending_bytes(tty) {
            Some(0) | None => Wake::Gone,
            Some(_) => Wake::Input,
        });
    }
    None
}

/// Bytes of input the kernel holds for the terminal; `None` when it cannot
/// say (the terminal is no more).
fn pending_bytes(tty: &File) -> Option<usize> {
    let mut n: libc::c_int = 0;
    // SAFETY: FIONREAD writes one int through the pointer.
    let rc = unsafe { libc::ioctl(tty.as_raw_fd(), libc::FIONREAD, &mut n) };
    (rc == 0).then_some(n.max(0) as usize)
}

/// Stops the process as SIGTSTP's default would (the caller has given
/// the terminal back); returns once it is continued (`fg`, SIGCONT).
pub fn stop_self() -> io::Result<()> {
    signal_hook::low_level::emulate_default_handler(SIGTSTP)
}

/// In raw mode the terminal sends Ctrl-Z as a byte; this lets it send
/// SIGTSTP again, as it does for any program, while Ctrl-C and Ctrl-\
/// stay keys (the console binds Ctrl-C). Kept in the terminal's settings,
/// so crossterm's restore of the original settings undoes it.
pub fn let_suspend_key_signal() -> io::Result<()> {
    let tty = File::open("/dev/tty")?;
    let fd = tty.as_raw_fd();
    // SAFETY: termios is plain data; tcgetattr fills it for a terminal fd.
    let mut t: libc::termios = unsafe { std::mem::zeroed() };
    // SAFETY: as above.
    if unsafe { libc::tcgetattr(fd, &mut t) } != 0 {
        return Err(io::Error::last_os_error());
    }
    t.c_lflag |= libc::ISIG;
    t.c_cc[libc::VINTR] = libc::_POSIX_VDISABLE;
    t.c_cc[libc::VQUIT] = libc::_POSIX_VDISABLE;
    // SAFETY: sets the settings just read, changed in three fields.
    if unsafe { libc::tcsetattr(fd, libc::TCSANOW, &t) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}
