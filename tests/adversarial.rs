//! The adversarial run whose figures docs/robustness.md gives. It takes a
//! few minutes, so it is not part of `cargo test`; rerun it with
//!
//!     cargo test --release --test adversarial -- --ignored --nocapture
//!
//! and it prints the figures (each part also asserts what must hold):
//! 1. concurrent writers: 8 processes × 200 `report add` on one file while
//!    a console has it open and a ninth process is killed with SIGKILL at
//!    random moments, `init --force` tried meanwhile: acknowledged writes
//!    against those present, kills survived (`check` passes), swaps refused;
//! 2. kills during imports and `demo --force`: the file old or whole, never
//!    in between;
//! 3. hostile strings: each of 14 hostile strings alone in every free-text
//!    column, every printing command run: strings tried against
//!    neutralised (no raw control, bidi or invisible character on any
//!    output), formula cells written against guarded;
//! 4. terminals gone without SIGHUP: consoles that ended, CPU they used.

#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/hangup.rs"]
mod hangup;
#[path = "support/pty.rs"]
mod pty;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_bayu");

fn bayu(db: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("--db")
        .arg(db)
        .args(args)
        .env("BAYU_CONFIG", "/dev/null")
        .env("BAYU_SYSTEM_CONFIG", "/dev/null")
        .env_remove("BAYU_DB")
        .output()
        .unwrap()
}

fn sql_count(db: &Path, sql: &str) -> i64 {
    let c = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .unwrap();
    c.query_row(sql, [], |r| r.get(0)).unwrap()
}

fn check_passes(db: &Path) -> bool {
    bayu(db, &["check"]).status.success()
}

/// A small deterministic generator, so a rerun makes the same choices.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below.max(1)
    }
}

fn part1_concurrent_writers(dir: &Path) {
    let db = dir.join("office.db");
    assert!(bayu(&db, &["init"]).status.success());
    let home = dir.to_str().unwrap().to_string();
    let mut console = pty::PtySession::spawn(
        Path::new(BIN),
        &["--db", db.to_str().unwrap(), "--as-of", "2021-12-31"],
        &[("HOME", home.as_str()), ("BAYU_CONFIG", "/dev/null")],
        80,
        24,
    );
    console.wait_for("总览", Duration::from_secs(20));

    const WORKERS: usize = 8;
    const EACH: usize = 200;
    let units = ["渝中区", "綦江区", "璧山区", "北碚区"];
    let tasks = ["2.1.1", "2.1.2", "2.2.1"];
    let done = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let writers: Vec<_> = (0..WORKERS)
        .map(|w| {
            let db = db.clone();
            std::thread::spawn(move || {
                let mut acked = Vec::new();
                let mut refused = 0;
                for k in 0..EACH {
                    let text = format!("写入{w}-{k}：开展宣讲活动。");
                    let o = Command::new(BIN)
                        .args(["--db", db.to_str().unwrap(), "--as-of", "2021-12-31"])
                        .args(["report", "add", "--unit", units[(w + k) % units.len()]])
                        .args(["--task", tasks[k % tasks.len()], "--period", "2021Q4"])
                        .args(["--text", &text, "--author", "脚本"])
                        .env("BAYU_CONFIG", "/dev/null")
                        .output()
                        .unwrap();
                    if o.status.success() {
                        acked.push(text);
                    } else {
                        refused += 1;
                    }
                }
                (acked, refused)
            })
        })
        .collect();
    // The ninth process: killed at random moments while it writes.
    let killer = {
        let db = db.clone();
        let done = Arc::clone(&done);
        std::thread::spawn(move || {
            let mut rng = Lcg(13);
            let (mut kills, mut survived) = (0usize, 0usize);
            while !done.load(Ordering::Relaxed) {
                let text = format!("被杀{kills}");
                let mut child = Command::new(BIN)
                    .args(["--db", db.to_str().unwrap(), "--as-of", "2021-12-31"])
                    .args(["report", "add", "--unit", "江北区", "--task", "2.3.1"])
                    .args(["--period", "2021Q4", "--text", &text])
                    .env("BAYU_CONFIG", "/dev/null")
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .unwrap();
                std::thread::sleep(Duration::from_millis(5 + rng.next(120)));
                let _ = child.kill();
                let _ = child.wait();
                kills += 1;
                // Whatever it left, the file holds together.
                if check_passes(&db) {
                    survived += 1;
                }
            }
            (kills, survived)
        })
    };
    // init --force while all this goes on: must be refused every time.
    let mut force_refused = 0;
    for _ in 0..3 {
        std::thread::sleep(Duration::from_secs(2));
        let o = bayu(&db, &["init", "--force"]);
        assert_eq!(
            o.status.code(),
            Some(1),
            "init --force swapped the file under its users"
        );
        force_refused += 1;
    }
    let mut acked: Vec<String> = Vec::new();
    let mut refused = 0;
    for h in writers {
        let (a, r) = h.join().unwrap();
        acked.extend(a);
        refused += r;
    }
    done.store(true, Ordering::Relaxed);
    let (kills, survived) = killer.join().unwrap();
    let elapsed = started.elapsed();

    let c = rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .unwrap();
    let present: HashSet<String> = c
        .prepare("SELECT body FROM report")
        .unwrap()
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let kept = acked.iter().filter(|t| present.contains(*t)).count();
    let landed = present.iter().filter(|t| t.starts_with("被杀")).count();
    assert!(check_passes(&db));
    // The console saw the writes and quits cleanly.
    console.send_key(pty::Key::Char('q'));
    let status = console.wait_exit(Duration::from_secs(10));
    assert!(status.success());
    assert_eq!(console.restoration_problems(), Vec::<String>::new());
    println!(
        "1. concurrent writers: {} of {} writes acknowledged ({refused} refused with a sentence), {kept} of the {} acknowledged present; {kills} SIGKILLs of a ninth writer ({landed} of its writes had committed before the kill, the rest left nothing), check passed after {survived}; init --force refused {force_refused} of {force_refused} times; a console open throughout, terminal restored; {:.0} s",
        acked.len(),
        WORKERS * EACH,
        acked.len(),
        elapsed.as_secs_f64()
    );
    assert_eq!(kept, acked.len(), "acknowledged writes lost");
    assert_eq!(survived, kills, "a kill left a file that fails its check");
}

/// The reports sheet for four quarters, every row filled in: a real
/// import of some 2,000 rows; returns how many.
fn big_sheet(db: &Path, path: &Path) -> i64 {
    let mut rows: Vec<Vec<String>> = Vec::new();
    for period in ["2021Q3", "2021Q4", "2022Q1", "2022Q2"] {
        let o = bayu(
            db,
            &[
                "--as-of",
                "2026-11-01",
                "template",
                "reports",
                "--period",
                period,
            ],
        );
        assert!(o.status.success());
        let text = String::from_utf8(o.stdout).unwrap();
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        for (i, rec) in r.records().enumerate() {
            let mut cells: Vec<String> = rec.unwrap().iter().map(str::to_string).collect();
            if i == 0 {
                if rows.is_empty() {
                    rows.push(cells);
                }
                continue;
            }
            cells[6] = format!("{period}第{i}条进展。");
            rows.push(cells);
        }
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in &rows {
        w.write_record(r).unwrap();
    }
    std::fs::write(path, w.into_inner().unwrap()).unwrap();
    rows.len() as i64 - 1
}

fn part2_kills(dir: &Path) {
    let db = dir.join("kills.db");
    assert!(bayu(&db, &["init"]).status.success());
    let sheet = dir.join("big.csv");
    let rows = big_sheet(&db, &sheet);
    let mut rng = Lcg(7);
    let (mut import_rounds, mut import_whole, mut import_done) = (0, 0, 0);
    for _ in 0..10 {
        let before = sql_count(&db, "SELECT COUNT(*) FROM report");
        let mut child = Command::new(BIN)
            .args(["--db", db.to_str().unwrap(), "--as-of", "2026-11-01"])
            .args(["import", "reports", sheet.to_str().unwrap()])
            .env("BAYU_CONFIG", "/dev/null")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(10 + rng.next(400)));
        let _ = child.kill();
        let _ = child.wait();
        import_rounds += 1;
        let after = sql_count(&db, "SELECT COUNT(*) FROM report");
        if check_passes(&db) && (after == before || after == before + rows) {
            import_whole += 1;
        }
        if after > before {
            import_done += 1;
            let id = sql_count(&db, "SELECT MAX(id) FROM import_batch").to_string();
            assert!(bayu(&db, &["import", "undo", &id]).status.success());
        }
    }
    let (mut demo_rounds, mut demo_whole, mut demo_done) = (0, 0, 0);
    for _ in 0..8 {
        let before = sql_count(&db, "SELECT COUNT(*) FROM report");
        let mut child = Command::new(BIN)
            .args([
                "--db",
                db.to_str().unwrap(),
                "demo",
                "--reports",
                "20000",
                "--force",
            ])
            .env("BAYU_CONFIG", "/dev/null")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(30 + rng.next(5000)));
        let _ = child.kill();
        let _ = child.wait();
        demo_rounds += 1;
        let after = sql_count(&db, "SELECT COUNT(*) FROM report");
        let leftovers = std::fs::read_dir(dir)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with("kills.db.new-")
            })
            .count();
        // The next command removes what the killed build left.
        if check_passes(&db) && (after == before || after == 20000) {
            demo_whole += 1;
        }
        if after == 20000 && before != 20000 {
            demo_done += 1;
        }
        let left_after = std::fs::read_dir(dir)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with("kills.db.new-")
            })
            .count();
        assert_eq!(left_after, 0, "{leftovers} leftovers were not removed");
    }
    println!(
        "2. SIGKILL during an import of {rows} rows: {import_whole} of {import_rounds} rounds left all or none and a sound file ({import_done} had completed); during demo --reports 20000 --force: {demo_whole} of {demo_rounds} rounds left the old file or the whole new one ({demo_done} swaps had happened), the killed builds' files removed by the next command"
    );
    assert_eq!(import_whole, import_rounds);
    assert_eq!(demo_whole, demo_rounds);
}

/// The hostile strings, one at a time.
const HOSTILE: [&str; 14] = [
    "\u{1b}]8;;http://evil.example\u{1b}\\链接\u{1b}]8;;\u{1b}\\",
    "\u{1b}]52;c;cm0gLXJmIH4=\u{7}",
    "\u{1b}]0;被篡改的标题\u{7}",
    "\u{1b}[2J\u{1b}[H",
    "\u{9b}31m红",
    "响铃\u{7}退格\u{8}",
    "\u{202e}反转文字",
    "零\u{200b}宽\u{2060}",
    "软\u{ad}连字符",
    "标签\u{e0041}\u{e007f}",
    "韩文\u{3164}填充\u{ffa0}",
    "注\u{fff9}释\u{fffb}",
    "堆叠e\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}",
    "=HYPERLINK(\"http://evil.example\",\"点我\")",
];

const COLUMNS: &[(&str, &str)] = &[
    ("plan", "title"),
    ("plan", "action_name"),
    ("plan", "doc_number"),
    ("node", "title"),
    ("node", "body"),
    ("node_history", "reason"),
    ("agency", "name"),
    ("agency", "short_name"),
    ("unit", "name"),
    ("unit", "short_name"),
    ("unit", "kind"),
    ("milestone", "title"),
    ("indicator", "name"),
    ("indicator", "measure"),
    ("report", "author"),
    ("report", "body"),
    ("report", "review_comment"),
];

fn raw_bad(text: &str) -> bool {
    let mut marks = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
        let invisible = matches!(c,
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}'..='\u{200f}'
            | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{ad}' | '\u{3164}' | '\u{ffa0}'
            | '\u{fff9}'..='\u{fffb}' | '\u{e0000}'..='\u{e007f}');
        if (c.is_control() && c != '\n' && c != '\t') || invisible {
            return true;
        }
        marks = if ('\u{300}'..='\u{36f}').contains(&c) {
            marks + 1
        } else {
            0
        };
        if marks > 4 {
            return true;
        }
    }
    false
}

fn live_formula(cell: &str) -> bool {
    cell.trim_start_matches([' ', '\u{3000}'])
        .starts_with(['=', '+', '-', '@', '＝', '＋', '－', '＠'])
}

fn part3_hostile(dir: &Path) {
    let base = dir.join("base.db");
    assert!(bayu(&base, &["init", "--demo"]).status.success());
    let commands: Vec<Vec<&str>> = vec![
        vec!["tree"],
        vec!["log"],
        vec!["check"],
        vec!["export", "memo"],
        vec!["export", "ledger"],
        vec!["export", "overdue"],
        vec!["export", "coverage"],
        vec!["export", "tsv"],
        vec!["export", "csv"],
        vec!["export", "json"],
        vec!["export", "memo", "--agency", "没有这个单位"],
        vec!["template", "reports", "--period", "2021Q4"],
        vec![
            "template",
            "reports",
            "--unit",
            "没有这个区",
            "--period",
            "2021Q4",
        ],
        vec!["task", "assign", "2.1.2", "--lead", "没有这个单位"],
        vec!["import", "list"],
    ];
    let (mut tried, mut neutralised) = (0, 0);
    let (mut formula_cells, mut formula_guarded) = (0, 0);
    for (i, hostile) in HOSTILE.iter().enumerate() {
        let db = dir.join(format!("hostile{i}.db"));
        std::fs::copy(&base, &db).unwrap();
        {
            let c = rusqlite::Connection::open(&db).unwrap();
            for (t, col) in COLUMNS {
                // A status reason belongs to a status change only.
                let only = if *t == "node_history" {
                    " WHERE field = 'status'"
                } else {
                    ""
                };
                c.execute(
                    &format!("UPDATE {t} SET {col} = coalesce({col}, '') || ?1{only}"),
                    [hostile],
                )
                .unwrap();
            }
        }
        for args in &commands {
            let mut all = vec!["--as-of", "2021-12-31"];
            all.extend(args.iter().copied());
            let o = bayu(&db, &all);
            let out = String::from_utf8_lossy(&o.stdout);
            let out = out.strip_prefix('\u{feff}').unwrap_or(&out);
            let err = String::from_utf8_lossy(&o.stderr);
            tried += 1;
            if !raw_bad(out) && !raw_bad(&err) {
                neutralised += 1;
            }
            let sheet = match args.as_slice() {
                ["export", "csv"] | ["template", "reports", ..] => Some(b','),
                ["export", "tsv"] => Some(b'\t'),
                _ => None,
            };
            if let Some(delimiter) = sheet
                && o.status.success()
            {
                for rec in csv::ReaderBuilder::new()
                    .has_headers(false)
                    .flexible(true)
                    .delimiter(delimiter)
                    .quoting(delimiter == b',')
                    .from_reader(out.as_bytes())
                    .records()
                {
                    for cell in rec.unwrap().iter() {
                        if cell.contains("HYPERLINK") {
                            formula_cells += 1;
                            if !live_formula(cell) {
                                formula_guarded += 1;
                            }
                        }
                    }
                }
            }
        }
    }
    println!(
        "3. hostile strings: {} strings, each in {} free-text columns at once, × {} printing commands = {tried} outputs tried, {neutralised} neutralised (no raw control, bidi or invisible character, no pile of marks on stdout or stderr); formula cells in the sheets written: {formula_cells}, guarded {formula_guarded}",
        HOSTILE.len(),
        COLUMNS.len(),
        commands.len()
    );
    assert_eq!(neutralised, tried);
    assert_eq!(formula_guarded, formula_cells);
}

fn part4_hangups(dir: &Path) {
    let db = dir.join("hangup.db");
    assert!(bayu(&db, &["init", "--demo"]).status.success());
    const ROUNDS: usize = 5;
    let ended = AtomicUsize::new(0);
    let mut most = Duration::ZERO;
    for _ in 0..ROUNDS {
        let end = hangup::hang_up_console(Path::new(BIN), &db, dir, Duration::from_secs(10));
        if !end.still_running {
            ended.fetch_add(1, Ordering::Relaxed);
        }
        most = most.max(end.cpu);
    }
    let ended = ended.into_inner();
    println!(
        "4. terminals hung up without SIGHUP reaching bayu (a shell ignoring HUP as session leader): {ended} of {ROUNDS} consoles ended; at most {} ms of CPU between the hang-up and the end",
        most.as_millis()
    );
    assert_eq!(ended, ROUNDS);
}

#[test]
#[ignore = "minutes long: run with --ignored (see the module's doc)"]
fn adversarial_run() {
    let dir = tempfile::tempdir().unwrap();
    let d: PathBuf = dir.path().to_path_buf();
    part1_concurrent_writers(&d);
    part2_kills(&d);
    part3_hostile(&d);
    part4_hangups(&d);
}
