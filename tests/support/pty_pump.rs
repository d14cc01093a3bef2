//! The two threads that move bytes for the pty harness: one reads the
//! program's output into the vt100 model and a raw log, one writes input so
//! that a program which stops reading makes `send` time out instead of
//! blocking the test forever.

use std::io::{ErrorKind, Read, Write};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use super::terminal::Recorder;

/// Everything the reader thread has learnt about the program's output.
pub struct State {
    pub parser: vt100::Parser<Recorder>,
    pub raw: Vec<u8>,
    pub last_output: Instant,
    /// The reader saw end of file: every slave handle is closed.
    pub eof: bool,
}

/// `State` plus the condition variable the reader signals after each chunk.
pub struct Shared {
    state: Mutex<State>,
    changed: Condvar,
}

impl Shared {
    /// Locks the state; a panic elsewhere (say, in a test predicate) must
    /// not hide the screen from later reports, so poisoning is ignored.
    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Sleeps until the reader reports output or `limit` passes.
    pub fn wait<'a>(&self, guard: MutexGuard<'a, State>, limit: Duration) -> MutexGuard<'a, State> {
        match self.changed.wait_timeout(guard, limit) {
            Ok((guard, _)) => guard,
            Err(poisoned) => poisoned.into_inner().0,
        }
    }
}

/// Bytes to write, and where to report whether writing them succeeded.
pub struct WriteJob {
    pub bytes: Vec<u8>,
    pub done: mpsc::Sender<std::io::Result<()>>,
}

/// Starts both threads. Neither is joined: a grandchild that keeps the tty
/// open would keep the reader blocked, and the test must not wait for that.
pub fn start(
    reader: Box<dyn Read + Send>,
    writer: Box<dyn Write + Send>,
    parser: vt100::Parser<Recorder>,
) -> (Arc<Shared>, mpsc::Sender<WriteJob>) {
    let shared = Arc::new(Shared {
        state: Mutex::new(State {
            parser,
            raw: Vec::new(),
            last_output: Instant::now(),
            eof: false,
        }),
        changed: Condvar::new(),
    });
    let for_reader = Arc::clone(&shared);
    thread::spawn(move || read_loop(reader, &for_reader));
    let (jobs, job_rx) = mpsc::channel();
    thread::spawn(move || write_loop(writer, job_rx));
    (shared, jobs)
}

fn read_loop(mut reader: Box<dyn Read + Send>, shared: &Shared) {
    let mut buf = [0u8; 8192];
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            // Linux reports EIO once the last slave handle is closed.
            Err(_) => break,
        };
        let mut st = shared.lock();
        st.parser.process(&buf[..n]);
        st.raw.extend_from_slice(&buf[..n]);
        st.last_output = Instant::now();
        drop(st);
        shared.changed.notify_all();
    }
    shared.lock().eof = true;
    shared.changed.notify_all();
}

fn write_loop(mut writer: Box<dyn Write + Send>, jobs: mpsc::Receiver<WriteJob>) {
    for job in jobs {
        let result = writer.write_all(&job.bytes).and_then(|()| writer.flush());
        let _ = job.done.send(result);
    }
}
