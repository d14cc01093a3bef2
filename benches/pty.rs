//! The console as a user over SSH meets it: the real binary in a
//! pseudo-terminal of 120x40 (the harness of tests/support/pty.rs), as of
//! the end of the plan. Measures
//! - process start to the first complete overview (the figures drawn and
//!   the output quiet), over repeated starts;
//! - for single steps in each list: the bytes the terminal receives and the
//!   time from the key to the first and to the last byte of the answer;
//! - the peak resident memory after a session (VmHWM);
//! - the CPU used while nobody types for 10 s (the data check runs once a
//!   second).
//!
//! `cargo bench --bench pty`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/cache.rs"]
mod cache;
#[path = "../tests/support/pty.rs"]
mod pty;
#[path = "support/stats.rs"]
mod stats;

use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};

use pty::{Key, PtySession};
use stats::{Samples, report};

const COLS: u16 = 120;
const ROWS: u16 = 40;
/// The overview's last section, drawn once the figures are read.
const READY: &str = "最新报送";
const LOADING: &str = "读取中";
const TIMEOUT: Duration = Duration::from_secs(60);
/// Output quiet this long means the answer to a key is complete.
const SETTLED: Duration = Duration::from_millis(120);

fn spawn(db: &Path) -> PtySession {
    let db = db.to_str().expect("a UTF-8 path");
    PtySession::spawn(
        &cache::bayu(),
        &["--db", db, "--read-only", "--as-of", cache::as_of_text()],
        &[("BAYU_CONFIG", "/dev/null")],
        COLS,
        ROWS,
    )
}

fn ready(s: &mut PtySession) {
    s.wait_until(
        |screen| {
            let text = screen.contents();
            text.contains(READY) && !text.contains(LOADING)
        },
        TIMEOUT,
        "the overview with its figures",
    );
}

fn quit(mut s: PtySession) {
    s.send_key(Key::Char('q'));
    let status = s.wait_exit(TIMEOUT);
    assert!(status.success(), "bayu exited with {status}");
}

/// Start to the first complete overview: the figures on screen, and the
/// last byte of that frame.
fn starts(db: &Path, k: usize) -> (Samples, Samples) {
    let mut seen = Vec::new();
    let mut done = Vec::new();
    for _ in 0..k {
        let t0 = Instant::now();
        let mut s = spawn(db);
        ready(&mut s);
        seen.push(t0.elapsed());
        s.wait_stable(SETTLED, TIMEOUT);
        done.push(s.last_output_at().saturating_duration_since(t0));
        quit(s);
    }
    (Samples::new(seen), Samples::new(done))
}

/// One key: bytes until the output settles, time to the first byte and to
/// the last.
fn press(s: &mut PtySession, key: Key) -> (usize, Duration, Duration) {
    let mark = s.bytes_received();
    let t0 = Instant::now();
    s.send_key(key);
    let deadline = t0 + TIMEOUT;
    while s.bytes_received() == mark && Instant::now() < deadline {
        thread::sleep(Duration::from_micros(100));
    }
    // The reader's time for the chunk just seen (polling here is coarser).
    let first = s.last_output_at().saturating_duration_since(t0);
    s.wait_stable(SETTLED, TIMEOUT);
    let last = s.last_output_at().saturating_duration_since(t0);
    (s.bytes_received() - mark, first, last)
}

/// A character typed into the inbox filter while the read for what was
/// typed before runs (at 1M it reads every report's text for a second):
/// the key's answer must not wait for that read.
fn typing_during_a_read(s: &mut PtySession, size: &str) {
    s.send_key(Key::Char('5'));
    s.wait_stable(SETTLED, TIMEOUT);
    let mut first = Vec::new();
    for _ in 0..5 {
        for k in [Key::Char('/'), Key::Char('学')] {
            s.send_key(k);
            s.wait_stable(SETTLED, TIMEOUT);
        }
        // Typing has paused: the read for 学 is under way.
        thread::sleep(Duration::from_millis(300));
        let (_, f, _) = press(s, Key::Char('习'));
        first.push(f);
        // Let the read for 学习 finish, then clear the filter.
        thread::sleep(Duration::from_secs(2));
        for k in [Key::Esc, Key::Esc] {
            s.send_key(k);
            s.wait_stable(SETTLED, TIMEOUT);
        }
    }
    report(
        "key: 5 filter, a character typed during the read",
        size,
        &Samples::new(first),
    );
    println!("{:<44} {size:>5}  (key to its first byte)", "");
}

fn median(v: &mut [usize]) -> usize {
    v.sort_unstable();
    v.get(v.len() / 2).copied().unwrap_or(0)
}

/// `/proc/PID/status` field in kB.
fn status_kb(pid: u32, field: &str) -> Option<u64> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    text.lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
}

/// User plus system CPU time of `pid` so far.
fn cpu_time(pid: u32) -> Option<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (which may hold spaces), from field 3.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // SAFETY: sysconf only reads a configuration value.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    let hz = u64::try_from(hz).ok().filter(|h| *h > 0)?;
    Some(Duration::from_nanos(ticks * 1_000_000_000 / hz))
}

struct Steps {
    name: &'static str,
    setup: Vec<Key>,
    keys: Vec<Key>,
}

fn steps() -> Vec<Steps> {
    let alternate = |n: usize, a: Key, b: Key| -> Vec<Key> {
        (0..n)
            .map(|i| if i % 2 == 0 { a.clone() } else { b.clone() })
            .collect()
    };
    vec![
        Steps {
            name: "2 任务 j/k",
            setup: vec![Key::Char('2'), Key::Home],
            keys: alternate(20, Key::Char('j'), Key::Char('k')),
        },
        Steps {
            name: "3 单位 j/k (units)",
            setup: vec![Key::Char('3'), Key::Char('l'), Key::Home],
            keys: alternate(20, Key::Char('j'), Key::Char('k')),
        },
        Steps {
            name: "4 节点 j/k",
            setup: vec![Key::Char('4'), Key::Home],
            keys: alternate(20, Key::Char('j'), Key::Char('k')),
        },
        Steps {
            name: "5 报送 j (inbox)",
            setup: vec![Key::Char('5'), Key::Home],
            keys: vec![Key::Char('j'); 30],
        },
        Steps {
            name: "5 报送 PgDn",
            setup: vec![Key::Char('5'), Key::Home],
            keys: vec![Key::PageDown; 15],
        },
        Steps {
            name: "view switch 1-5",
            setup: vec![],
            keys: (0..4)
                .flat_map(|_| ['1', '2', '3', '4', '5'].map(Key::Char))
                .collect(),
        },
        Steps {
            name: "5 filter: / y z q Esc Esc",
            setup: vec![Key::Char('5')],
            keys: [
                Key::Char('/'),
                Key::Char('y'),
                Key::Char('z'),
                Key::Char('q'),
            ]
            .into_iter()
            .chain([Key::Esc, Key::Esc])
            .collect(),
        },
    ]
}

fn session(db: &Path, size: &str) {
    let mut s = spawn(db);
    ready(&mut s);
    s.wait_stable(SETTLED, TIMEOUT);
    let pid = s.process_id().expect("the console's pid");
    for step in steps() {
        for k in step.setup {
            s.send_key(k);
            s.wait_stable(SETTLED, TIMEOUT);
        }
        let mut bytes = Vec::new();
        let mut first = Vec::new();
        let mut last = Vec::new();
        for k in step.keys {
            let (b, f, l) = press(&mut s, k);
            bytes.push(b);
            first.push(f);
            last.push(l);
        }
        println!(
            "{:<44} {size:>5}  bytes to the terminal per key: median {}, max {}",
            format!("key: {}", step.name),
            median(&mut bytes.clone()),
            bytes.iter().max().copied().unwrap_or(0)
        );
        report("  key to its first byte", size, &Samples::new(first));
        report(
            "  key to its last byte (reads included)",
            size,
            &Samples::new(last),
        );
    }
    typing_during_a_read(&mut s, size);
    let hwm = status_kb(pid, "VmHWM:").unwrap_or(0);
    let rss = status_kb(pid, "VmRSS:").unwrap_or(0);
    println!(
        "{:<44} {size:>5}  peak {:.1} MB, now {:.1} MB",
        "memory after the session (VmHWM, VmRSS)",
        hwm as f64 / 1024.0,
        rss as f64 / 1024.0
    );
    // Let anything the last keys set going finish: wait until half a
    // second passes with no CPU used (at most a minute).
    let waited = Instant::now();
    loop {
        let a = cpu_time(pid);
        thread::sleep(Duration::from_millis(500));
        let quiet = matches!((a, cpu_time(pid)), (Some(a), Some(b)) if b == a);
        if quiet || waited.elapsed() > TIMEOUT {
            break;
        }
    }
    println!(
        "{:<44} {size:>5}  {:.1} s (reads the last keys asked for)",
        "busy after the last key",
        waited.elapsed().as_secs_f64() - 0.5
    );
    let before = cpu_time(pid);
    let t0 = Instant::now();
    thread::sleep(Duration::from_secs(10));
    let after = cpu_time(pid);
    let idle = match (before, after) {
        (Some(b), Some(a)) => format!("{:.1} ms", (a.saturating_sub(b)).as_secs_f64() * 1000.0),
        _ => "unknown".into(),
    };
    println!(
        "{:<44} {size:>5}  {idle} of CPU in {:.1} s",
        "idle: nobody types",
        t0.elapsed().as_secs_f64()
    );
    quit(s);
}

fn main() {
    println!(
        "# the console in a pseudo-terminal, {COLS}x{ROWS}, as of {}",
        cache::as_of_text()
    );
    for n in cache::sizes() {
        let db = cache::database(n);
        let size = cache::label(n);
        stats::heading(&format!("{size} reports"));
        let (seen, done) = starts(&db, 10);
        report("start to the overview's figures on screen", &size, &seen);
        report("start to the last byte of that frame", &size, &done);
        session(&db, &size);
    }
}
