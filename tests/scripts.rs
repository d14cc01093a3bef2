//! The release script is valid shell (and, where shellcheck is installed,
//! clean by it). It is not run here: it downloads its tools and builds a
//! release, which `scripts/dist.sh` does on its own (see docs/deploy.md).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/dist.sh");

#[test]
fn the_dist_script_parses() {
    let o = Command::new("bash").args(["-n", SCRIPT]).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn the_dist_script_is_shellcheck_clean() {
    let Ok(o) = Command::new("shellcheck").arg(SCRIPT).output() else {
        println!("SKIPPED the_dist_script_is_shellcheck_clean: shellcheck is not installed");
        return;
    };
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
}
