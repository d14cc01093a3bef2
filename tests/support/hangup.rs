//! A console whose terminal goes away without a SIGHUP reaching it: a
//! pseudo-terminal opened by hand, a shell as its session leader that
//! ignores SIGHUP and waits for bayu, bayu under it; then the terminal's
//! master side is closed. The kernel hangs the terminal up and signals
//! only the session leader, which ignores it — bayu itself gets no signal.
//! (crossterm and portable-pty would hide the descriptors this needs.)
//! Include with `#[path = "support/hangup.rs"] mod hangup;`.
#![allow(dead_code)]

use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A pseudo-terminal pair: the master end (the "terminal emulator") and
/// the slave end the program runs on.
fn open_pty(cols: u16, rows: u16) -> (OwnedFd, OwnedFd) {
    let mut master = -1;
    let mut slave = -1;
    let size = libc::winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty writes two descriptors into the ints we pass and
    // reads the window size; the name and termios pointers may be null.
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(rc, 0, "openpty: {}", std::io::Error::last_os_error());
    // Neither end may leak into the program: a master held open there
    // would keep the terminal alive.
    for fd in [master, slave] {
        // SAFETY: sets a flag on a descriptor openpty just gave us.
        unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
    }
    // SAFETY: both descriptors were just opened and are owned by nobody else.
    unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) }
}

/// Reads what the program wrote until `enough` says so or 20 s pass.
fn read_until(master: &OwnedFd, enough: impl Fn(&[u8]) -> bool) -> Vec<u8> {
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut seen = Vec::new();
    while !enough(&seen) {
        assert!(
            Instant::now() < deadline,
            "the console never drew its screen; it wrote {:?}",
            String::from_utf8_lossy(&seen)
        );
        let mut fd = libc::pollfd {
            fd: master.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one pollfd on a descriptor we own.
        let ready = unsafe { libc::poll(&mut fd, 1, 100) };
        if ready <= 0 {
            continue;
        }
        let mut buf = [0u8; 4096];
        // SAFETY: reads into a buffer of the given length.
        let n = unsafe { libc::read(master.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len()) };
        if n <= 0 {
            break;
        }
        seen.extend_from_slice(&buf[..n as usize]);
    }
    seen
}

/// Fields of /proc/PID/stat after the command name.
fn stat_fields(pid: u32) -> Option<Vec<String>> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after = stat.rsplit_once(')')?.1;
    Some(after.split_whitespace().map(str::to_string).collect())
}

/// CPU time in clock ticks: the process's own (utime + stime), or with
/// `children` that of its waited-for children (cutime + cstime).
fn cpu_ticks(pid: u32, children: bool) -> Option<u64> {
    let f = stat_fields(pid)?;
    // After ")": state is field 3 of the file, so utime (14) is index 11.
    let at = if children { 13 } else { 11 };
    Some(f[at].parse::<u64>().ok()? + f[at + 1].parse::<u64>().ok()?)
}

fn alive(pid: u32) -> bool {
    stat_fields(pid).is_some_and(|f| f[0] != "Z")
}

fn child_of(pid: u32) -> Option<u32> {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        let list = std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children")).ok()?;
        if let Some(c) = list.split_whitespace().next() {
            return c.parse().ok();
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

/// What became of a console after its terminal hung up.
pub struct HangUp {
    /// bayu still ran when the wait ended.
    pub still_running: bool,
    /// CPU time bayu used between the hang-up and its end (or the wait's).
    pub cpu: Duration,
}

/// Runs a console on `db` as described above, closes its terminal once it
/// has drawn, and waits up to `wait` for it to end.
pub fn hang_up_console(bin: &Path, db: &Path, home: &Path, wait: Duration) -> HangUp {
    let (master, slave) = open_pty(80, 24);
    let slave_fd = slave.as_raw_fd();
    let mut cmd = Command::new("/bin/sh");
    // The shell ignores SIGHUP and waits for bayu, then for long enough to
    // be looked at: as the session leader it is the only process the
    // hang-up signals, and once bayu is reaped its CPU time is the shell's
    // children's.
    cmd.args([
        "-c",
        "trap '' HUP; \"$0\" --db \"$1\"; sleep 60",
        bin.to_str().unwrap(),
        db.to_str().unwrap(),
    ])
    .env_clear()
    .env("PATH", std::env::var("PATH").unwrap_or_default())
    .env("HOME", home)
    .env("TERM", "xterm-256color")
    .env("LANG", "C.UTF-8")
    .env("BAYU_CONFIG", "/dev/null")
    .stdin(Stdio::from(slave.try_clone().unwrap()))
    .stdout(Stdio::from(slave.try_clone().unwrap()))
    .stderr(Stdio::from(slave.try_clone().unwrap()));
    // SAFETY: between fork and exec only async-signal-safe calls: a new
    // session, and the pty as its controlling terminal.
    unsafe {
        cmd.pre_exec(move || {
            if libc::setsid() < 0 || libc::ioctl(slave_fd, libc::TIOCSCTTY, 0) < 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut shell = cmd.spawn().unwrap();
    drop(slave);
    let shell_pid = shell.id();
    let bayu = child_of(shell_pid).expect("bayu started under the shell");

    // The console is up: it drew its frame (the overview's heading).
    read_until(&master, |b| String::from_utf8_lossy(b).contains("总览"));
    let before = cpu_ticks(bayu, false).unwrap();

    // The terminal goes away.
    drop(master);
    let deadline = Instant::now() + wait;
    while alive(bayu) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let still_running = alive(bayu);
    let used = if still_running {
        cpu_ticks(bayu, false).unwrap_or(before)
    } else {
        // Reaped by the shell: its children's time is bayu's whole life.
        let deadline = Instant::now() + Duration::from_secs(5);
        let mut t = cpu_ticks(shell_pid, true).unwrap_or(0);
        while t < before && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
            t = cpu_ticks(shell_pid, true).unwrap_or(0);
        }
        t
    };
    if still_running {
        // SAFETY: kills the process this helper started.
        unsafe { libc::kill(bayu as i32, libc::SIGKILL) };
    }
    let _ = shell.kill();
    let _ = shell.wait();
    // SAFETY: sysconf only reads a constant.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as u64;
    HangUp {
        still_running,
        cpu: Duration::from_millis((used.saturating_sub(before)) * 1000 / hz),
    }
}
