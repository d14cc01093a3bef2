//! Regression (issue 13, defect 1): a console whose terminal goes away
//! without a SIGHUP reaching it — the SSH link dropped under `su`, or a
//! shell that ignores HUP (`trap '' HUP`) — used to spin at 100% CPU on
//! the dead terminal forever (poll said POLLHUP, read said 0), and kept the
//! file "in use" for `init --force`. It must end, cleanly and at once.
//! The situation is built as `support/hangup.rs` describes.

#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/hangup.rs"]
mod hangup;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

#[test]
fn a_console_whose_terminal_hangs_up_without_sighup_exits_without_spinning() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bayu.db");
    let bin = Path::new(env!("CARGO_BIN_EXE_bayu"));
    let o = Command::new(bin)
        .args(["--db", db.to_str().unwrap(), "init"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    let end = hangup::hang_up_console(bin, &db, dir.path(), Duration::from_secs(15));
    assert!(
        !end.still_running,
        "bayu still runs 15 s after its terminal hung up (used {:?} of CPU meanwhile)",
        end.cpu
    );
    // Spinning would use CPU for as long as it ran; quitting at once uses
    // next to none. Half a second leaves room for a loaded machine.
    assert!(
        end.cpu < Duration::from_millis(500),
        "bayu used {:?} of CPU between the hang-up and its exit",
        end.cpu
    );
}
