//! Drives a real program inside a pseudo-terminal and reads its screen back
//! through a vt100 emulator, so end-to-end tests see what a user would see.
//!
//! Include it from an integration test with
//! `#[path = "support/pty.rs"] mod pty;` and spawn the binary with
//! `PtySession::spawn(Path::new(env!("CARGO_BIN_EXE_bayu")), ..)`:
//! `CARGO_BIN_EXE_<name>` exists only while compiling the owning crate's
//! integration tests, so this module cannot compute the path itself.
//!
//! Every wait has a deadline; on timeout the harness panics with what it was
//! waiting for and a dump of the screen, so a failing test explains itself.
//! Coordinates are `(row, col)`, zero-based, as in vt100. The harness never
//! answers terminal queries; `terminal_queries()` lists any the program sent.
#![allow(dead_code)]

#[path = "pty_pump.rs"]
mod pump;
#[path = "pty_terminal.rs"]
mod terminal;

use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, mpsc};
use std::thread;
use std::time::{Duration, Instant};

pub use portable_pty::ExitStatus;
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, SlavePty, native_pty_system};
use pump::{Shared, WriteJob};
use terminal::Recorder;
pub use terminal::{Key, screen_rows_of, screen_text_of};

/// A generous default deadline for waits in end-to-end tests.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);
/// How long `send` may take before the program is declared not reading.
const SEND_TIMEOUT: Duration = Duration::from_secs(5);
/// Upper bound for one sleep inside a wait loop (exit is polled this often).
const POLL: Duration = Duration::from_millis(20);
/// Pause after a lone Esc so the program cannot read it together with the
/// next key as one Alt-chord.
const ESC_PAUSE: Duration = Duration::from_millis(50);
/// How long to wait for the reader to drain output after the program exited.
const DRAIN: Duration = Duration::from_secs(1);
/// Variables copied from the test process; everything else is cleared so
/// tests do not depend on the developer's locale, XDG dirs or NO_COLOR.
const INHERITED_ENV: &[&str] = &[
    "PATH",
    "HOME",
    "USER",
    "LOGNAME",
    "TMPDIR",
    "RUST_BACKTRACE",
    "RUST_LIB_BACKTRACE",
    "LLVM_PROFILE_FILE",
];

/// A program running in a pseudo-terminal, with a vt100 model of its screen.
pub struct PtySession {
    program: String,
    shared: Arc<Shared>,
    child: Box<dyn Child + Send + Sync>,
    /// Kept open while the child runs so the tty (and its termios) outlives
    /// the child; dropped as soon as the exit is seen, so the reader gets EOF.
    slave: Option<Box<dyn SlavePty + Send>>,
    writer: Option<mpsc::Sender<WriteJob>>,
    master: Box<dyn MasterPty + Send>,
    exit: Option<ExitStatus>,
    cooked_at_exit: Option<bool>,
}

fn nonzero(value: u16, what: &str) -> NonZeroU16 {
    NonZeroU16::new(value).unwrap_or_else(|| panic!("pty: {what} must be at least 1, got 0"))
}

impl PtySession {
    /// Spawns `program` in a `cols` x `rows` pty, in the current directory.
    /// The environment is cleared except PATH, HOME, USER, LOGNAME, TMPDIR and
    /// the Rust backtrace/coverage variables; TERM=xterm-256color and
    /// LANG=C.UTF-8 are set; `env` is applied last and overrides all of these.
    pub fn spawn(
        program: &Path,
        args: &[&str],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> PtySession {
        let cwd = std::env::current_dir()
            .unwrap_or_else(|e| panic!("pty: cannot read the current directory: {e}"));
        Self::spawn_in(&cwd, program, args, env, cols, rows)
    }

    /// Like [`PtySession::spawn`], with `cwd` as the working directory.
    pub fn spawn_in(
        cwd: &Path,
        program: &Path,
        args: &[&str],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> PtySession {
        let parser = vt100::Parser::new_with_callbacks(
            nonzero(rows, "rows"),
            nonzero(cols, "cols"),
            0,
            Recorder::default(),
        );
        // portable-pty silently falls back to $HOME for a missing directory.
        assert!(
            cwd.is_dir(),
            "pty: working directory {} does not exist",
            cwd.display()
        );
        let size = PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        };
        let name = program.display().to_string();
        let pair = native_pty_system()
            .openpty(size)
            .unwrap_or_else(|e| panic!("pty: cannot open a pseudo-terminal for {name}: {e}"));
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(cwd);
        cmd.env_clear();
        for var in INHERITED_ENV {
            if let Some(value) = std::env::var_os(var) {
                cmd.env(var, value);
            }
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        for (key, value) in env {
            cmd.env(key, value);
        }
        let child = pair
            .slave
            .spawn_command(cmd)
            .unwrap_or_else(|e| panic!("pty: cannot spawn {name}: {e}"));
        let reader = pair
            .master
            .try_clone_reader()
            .unwrap_or_else(|e| panic!("pty: cannot read the pty of {name}: {e}"));
        let writer = pair
            .master
            .take_writer()
            .unwrap_or_else(|e| panic!("pty: cannot write the pty of {name}: {e}"));

        let (shared, jobs) = pump::start(reader, writer, parser);

        PtySession {
            program: name,
            shared,
            child,
            slave: Some(pair.slave),
            writer: Some(jobs),
            master: pair.master,
            exit: None,
            cooked_at_exit: None,
        }
    }

    /// Writes raw bytes to the program's terminal input. Panics with the
    /// screen if they cannot be written within 5 s.
    #[track_caller]
    pub fn send(&mut self, bytes: &[u8]) {
        if let Some(status) = self.poll_exit() {
            self.fail(&format!(
                "cannot send input: the program has already exited ({status})"
            ));
        }
        let (done, done_rx) = mpsc::channel();
        let job = WriteJob {
            bytes: bytes.to_vec(),
            done,
        };
        let queued = self.writer.as_ref().is_some_and(|w| w.send(job).is_ok());
        if !queued {
            self.fail("cannot send input: the writer thread has stopped");
        }
        match done_rx.recv_timeout(SEND_TIMEOUT) {
            Ok(Ok(())) => {}
            Ok(Err(e)) => self.fail(&format!("cannot send {} bytes of input: {e}", bytes.len())),
            Err(_) => self.fail(&format!(
                "sending {} bytes of input took over {SEND_TIMEOUT:?}: the program is not reading",
                bytes.len()
            )),
        }
    }

    /// Types `s` as UTF-8 (no bracketed paste; see [`PtySession::paste`]).
    #[track_caller]
    pub fn send_str(&mut self, s: &str) {
        self.send(s.as_bytes());
    }

    /// Sends one key as xterm encodes it, honouring application cursor mode.
    /// A lone Esc is followed by a 50 ms pause (see [`Key::Esc`]).
    #[track_caller]
    pub fn send_key(&mut self, key: Key) {
        let app_cursor = self.shared.lock().parser.screen().application_cursor();
        self.send(&key.encode(app_cursor));
        if key == Key::Esc {
            thread::sleep(ESC_PAUSE);
        }
    }

    /// Sends keys one after another.
    #[track_caller]
    pub fn send_keys(&mut self, keys: &[Key]) {
        for key in keys {
            self.send_key(key.clone());
        }
    }

    /// Pastes `text` as a terminal would: wrapped in `ESC[200~`/`ESC[201~` if
    /// the program enabled bracketed paste, otherwise as typed text with
    /// newlines sent as carriage returns.
    #[track_caller]
    pub fn paste(&mut self, text: &str) {
        if self.shared.lock().parser.screen().bracketed_paste() {
            self.send(format!("\x1b[200~{text}\x1b[201~").as_bytes());
        } else {
            self.send(text.replace("\r\n", "\r").replace('\n', "\r").as_bytes());
        }
    }

    /// Left click (press and release) at `(row, col)`. Panics if the program
    /// has not enabled mouse reporting, since a terminal would send nothing.
    #[track_caller]
    pub fn mouse_click(&mut self, row: u16, col: u16) {
        let mut bytes = self.mouse_report(0, row, col, true);
        bytes.extend(self.mouse_report(0, row, col, false));
        self.send(&bytes);
    }

    /// One wheel notch at `(row, col)`, up or down.
    #[track_caller]
    pub fn mouse_scroll(&mut self, row: u16, col: u16, up: bool) {
        let bytes = self.mouse_report(if up { 64 } else { 65 }, row, col, true);
        self.send(&bytes);
    }

    #[track_caller]
    fn mouse_report(&mut self, button: u8, row: u16, col: u16, press: bool) -> Vec<u8> {
        let (mode, encoding) = {
            let st = self.shared.lock();
            let screen = st.parser.screen();
            (
                screen.mouse_protocol_mode(),
                screen.mouse_protocol_encoding(),
            )
        };
        if mode == vt100::MouseProtocolMode::None {
            self.fail("cannot use the mouse: the program has not enabled mouse reporting");
        }
        terminal::mouse_bytes(encoding, button, row, col, press)
    }

    /// The current screen, one line per row (trailing spaces trimmed).
    pub fn screen_text(&self) -> String {
        screen_text_of(self.shared.lock().parser.screen())
    }

    /// The current screen rows (trailing spaces trimmed).
    pub fn screen_rows(&self) -> Vec<String> {
        screen_rows_of(self.shared.lock().parser.screen())
    }

    /// Runs `f` on the vt100 screen (cells, colours, attributes, modes).
    pub fn with_screen<R>(&self, f: impl FnOnce(&vt100::Screen) -> R) -> R {
        f(self.shared.lock().parser.screen())
    }

    /// Waits until the screen contains `needle`; returns the screen then.
    /// The frame may still be partly drawn: follow with `wait_stable` if the
    /// test needs the whole frame.
    #[track_caller]
    pub fn wait_for(&mut self, needle: &str, timeout: Duration) -> String {
        let what = format!("the screen to contain {needle:?}");
        self.wait_until(|s| screen_text_of(s).contains(needle), timeout, &what)
    }

    /// Waits until the screen no longer contains `needle`.
    #[track_caller]
    pub fn wait_gone(&mut self, needle: &str, timeout: Duration) -> String {
        let what = format!("{needle:?} to leave the screen");
        self.wait_until(|s| !screen_text_of(s).contains(needle), timeout, &what)
    }

    /// Waits until `pred` holds for the screen; `what` names the condition in
    /// the panic message. Fails at once if the program exits without it.
    #[track_caller]
    pub fn wait_until(
        &mut self,
        pred: impl Fn(&vt100::Screen) -> bool,
        timeout: Duration,
        what: &str,
    ) -> String {
        let start = Instant::now();
        let deadline = start + timeout;
        let shared = Arc::clone(&self.shared);
        loop {
            let exited = self.poll_exit().is_some();
            let st = shared.lock();
            if pred(st.parser.screen()) {
                return screen_text_of(st.parser.screen());
            }
            let eof = st.eof;
            let now = Instant::now();
            if now >= deadline || (exited && eof) {
                drop(st);
                let why = if exited && eof {
                    "the program exited"
                } else {
                    "timed out"
                };
                let waited = start.elapsed();
                self.fail(&format!(
                    "{why} while waiting for {what} (waited {waited:.2?} of {timeout:?})"
                ));
            }
            drop(shared.wait(st, POLL.min(deadline - now)));
        }
    }

    /// Waits until the program has written nothing for `quiet`; returns the
    /// screen then.
    #[track_caller]
    pub fn wait_stable(&mut self, quiet: Duration, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        let shared = Arc::clone(&self.shared);
        loop {
            self.poll_exit();
            let st = shared.lock();
            let since = st.last_output.elapsed();
            if since >= quiet {
                return screen_text_of(st.parser.screen());
            }
            let now = Instant::now();
            if now >= deadline {
                drop(st);
                self.fail(&format!(
                    "timed out after {timeout:?} waiting for {quiet:?} without output"
                ));
            }
            drop(shared.wait(st, (quiet - since).min(deadline - now)));
        }
    }

    /// Resizes the pty (the program gets SIGWINCH) and the screen model.
    #[track_caller]
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.shared
            .lock()
            .parser
            .set_size(nonzero(rows, "rows"), nonzero(cols, "cols"));
        let size = PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        };
        if let Err(e) = self.master.resize(size) {
            self.fail(&format!("cannot resize the pty to {cols}x{rows}: {e}"));
        }
    }

    /// Total bytes the program has written so far.
    pub fn bytes_received(&self) -> usize {
        self.shared.lock().raw.len()
    }

    /// When the program last wrote anything (the spawn, if it has not).
    pub fn last_output_at(&self) -> Instant {
        self.shared.lock().last_output
    }

    /// Everything the program has written so far.
    pub fn raw_output(&self) -> Vec<u8> {
        self.shared.lock().raw.clone()
    }

    /// What the program wrote after the first `mark` bytes (a previous
    /// `bytes_received()`), e.g. to inspect the output of one keystroke.
    pub fn output_since(&self, mark: usize) -> Vec<u8> {
        self.shared
            .lock()
            .raw
            .get(mark..)
            .map(<[u8]>::to_vec)
            .unwrap_or_default()
    }

    pub fn alternate_screen(&self) -> bool {
        self.shared.lock().parser.screen().alternate_screen()
    }

    /// Cursor position as `(row, col)`, zero-based.
    pub fn cursor_position(&self) -> (u16, u16) {
        self.shared.lock().parser.screen().cursor_position()
    }

    pub fn hide_cursor(&self) -> bool {
        self.shared.lock().parser.screen().hide_cursor()
    }

    /// Texts the program copied with OSC 52, decoded from base64 (lossy UTF-8).
    pub fn clipboard_copies(&self) -> Vec<String> {
        self.shared.lock().parser.callbacks().clipboard_texts()
    }

    /// The last window title set with OSC 0 or OSC 2.
    pub fn window_title(&self) -> Option<String> {
        self.shared.lock().parser.callbacks().title.clone()
    }

    /// How many times the program rang the bell (BEL outside sequences).
    pub fn bell_count(&self) -> usize {
        self.shared.lock().parser.callbacks().bells
    }

    /// Queries the program sent that a real terminal would answer (cursor
    /// position, device attributes, keyboard protocol, mode and colour
    /// reports), rendered like `ESC[6n`. The harness answers none of them.
    pub fn terminal_queries(&self) -> Vec<String> {
        self.shared.lock().parser.callbacks().queries.clone()
    }

    /// Whether the tty is in raw mode (ICANON or ECHO off): now while the
    /// program runs, or as the program left it once its exit has been seen.
    /// `None` if the terminal settings cannot be read.
    pub fn tty_raw_mode(&mut self) -> Option<bool> {
        if self.poll_exit().is_some() {
            self.cooked_at_exit.map(|cooked| !cooked)
        } else {
            self.tty_cooked().map(|cooked| !cooked)
        }
    }

    pub fn process_id(&self) -> Option<u32> {
        self.child.process_id()
    }

    /// The exit status if the program has exited, without waiting.
    pub fn try_exit_status(&mut self) -> Option<ExitStatus> {
        self.poll_exit()
    }

    /// Waits for the program to exit and for its last output to be parsed.
    /// On timeout kills it and panics with the screen.
    #[track_caller]
    pub fn wait_exit(&mut self, timeout: Duration) -> ExitStatus {
        let deadline = Instant::now() + timeout;
        let status = loop {
            if let Some(status) = self.poll_exit() {
                break status;
            }
            let now = Instant::now();
            if now >= deadline {
                let report = self.report(&format!(
                    "timed out after {timeout:?} waiting for the program to exit"
                ));
                self.kill();
                panic!("{report}");
            }
            thread::sleep(POLL.min(deadline - now));
        };
        // The reader sees EOF once it has drained everything; a grandchild
        // still holding the tty would prevent that, hence the bound.
        let drain_deadline = Instant::now() + DRAIN;
        let mut st = self.shared.lock();
        while !st.eof {
            let now = Instant::now();
            if now >= drain_deadline {
                break;
            }
            st = self.shared.wait(st, drain_deadline - now);
        }
        status
    }

    /// True if the program left the terminal as it found it; see
    /// [`PtySession::restoration_problems`] for what is checked.
    pub fn terminal_restored(&self) -> bool {
        self.restoration_problems().is_empty()
    }

    /// Everything the program failed to restore, one sentence each: vt100
    /// state (alternate screen, hidden cursor, bracketed paste, mouse,
    /// application cursor keys), the order of mode sequences in the raw
    /// output (each enable followed by a later disable), kitty keyboard
    /// pushes matched by pops, and raw mode, which is judged from the tty
    /// settings the program left behind once `wait_exit` has seen it exit.
    pub fn restoration_problems(&self) -> Vec<String> {
        let cooked = if self.exit.is_some() {
            self.cooked_at_exit
        } else {
            self.tty_cooked()
        };
        let st = self.shared.lock();
        let mut problems = terminal::screen_problems(st.parser.screen());
        problems.extend(terminal::sequence_problems(&st.raw));
        if cooked == Some(false) {
            problems.push("the tty was left in raw mode (ICANON or ECHO off)".to_string());
        }
        problems
    }

    fn tty_cooked(&self) -> Option<bool> {
        let termios = self.master.get_termios()?;
        let flags = termios.local_flags.bits();
        Some(flags & libc::ICANON != 0 && flags & libc::ECHO != 0)
    }

    fn poll_exit(&mut self) -> Option<ExitStatus> {
        if self.exit.is_none()
            && let Ok(Some(status)) = self.child.try_wait()
        {
            // Our slave handle kept the tty alive, so its settings are
            // still the ones the program left; read them, then let go.
            self.cooked_at_exit = self.tty_cooked();
            self.slave = None;
            self.exit = Some(status);
        }
        self.exit.clone()
    }

    fn kill(&mut self) {
        if self.poll_exit().is_none() {
            // SIGHUP, then SIGKILL after a short grace period.
            let _ = self.child.kill();
            let deadline = Instant::now() + Duration::from_secs(2);
            while self.poll_exit().is_none() && Instant::now() < deadline {
                thread::sleep(Duration::from_millis(10));
            }
        }
        self.slave = None;
    }

    #[track_caller]
    fn fail(&mut self, headline: &str) -> ! {
        self.poll_exit();
        let report = self.report(headline);
        panic!("{report}");
    }

    /// The headline, the program's state and the whole screen, row by row.
    fn report(&self, headline: &str) -> String {
        let status = match &self.exit {
            Some(status) => format!("exited: {status}"),
            None => "still running".to_string(),
        };
        let st = self.shared.lock();
        let head = format!("pty: {headline}\n  program {} ({status})", self.program);
        terminal::describe(&head, st.parser.screen(), &st.raw)
    }
}

impl Drop for PtySession {
    fn drop(&mut self) {
        self.kill();
        self.writer = None;
    }
}
