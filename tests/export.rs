//! `bayu export` run as a user runs it: the built binary on a fresh demo
//! database. Each template's output at a fixed as-of date is compared byte
//! for byte with its golden file in `fixtures/expected/`; run with
//! `BAYU_UPDATE_GOLDEN=1` to rewrite them after an intended change, then
//! read the diff as a reader of the memo would. Also: determinism, --crlf,
//! --wrap, --out, and the errors a user meets, each one sentence with
//! nothing written.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bayu(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bayu"))
        .args(args)
        .current_dir(dir)
        .env_clear()
        .env("HOME", dir)
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("LANG", "C.UTF-8")
        .output()
        .expect("run bayu")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// A directory holding the demo database.
struct Demo {
    dir: tempfile::TempDir,
}

impl Demo {
    fn new() -> Demo {
        let dir = tempfile::tempdir().unwrap();
        let o = bayu(dir.path(), &["--db", "demo.db", "init", "--demo"]);
        assert!(o.status.success(), "{}", text(&o.stderr));
        Demo { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `bayu --db demo.db ARGS`, run in the demo's directory.
    fn run(&self, args: &[&str]) -> Output {
        let mut all = vec!["--db", "demo.db"];
        all.extend_from_slice(args);
        bayu(self.dir.path(), &all)
    }

    /// Runs an export that must succeed silently; its stdout.
    fn export(&self, args: &[&str]) -> Vec<u8> {
        let o = self.run(args);
        assert!(o.status.success(), "{args:?}: {}", text(&o.stderr));
        assert!(o.stderr.is_empty(), "{args:?}: {}", text(&o.stderr));
        o.stdout
    }

    fn files(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

/// Golden file name and the arguments that make it.
const GOLDEN: &[(&str, &[&str])] = &[
    (
        "memo_2021-12-31.txt",
        &["--as-of", "2021-12-31", "export", "memo"],
    ),
    (
        "memo_2024-03-31.txt",
        &["--as-of", "2024-03-31", "export", "memo"],
    ),
    (
        "memo_union_2021-12-31.txt",
        &[
            "--as-of",
            "2021-12-31",
            "export",
            "memo",
            "--agency",
            "市总工会",
        ],
    ),
    (
        "ledger_2021-12-31.txt",
        &["--as-of", "2021-12-31", "export", "ledger"],
    ),
    (
        "overdue_2021-12-31.txt",
        &["--as-of", "2021-12-31", "export", "overdue"],
    ),
    (
        "coverage_2021-12-31.txt",
        &["--as-of", "2021-12-31", "export", "coverage"],
    ),
    (
        "ledger_2021-12-31.tsv",
        &["--as-of", "2021-12-31", "export", "tsv"],
    ),
    (
        "reports_2021-12-31.csv",
        &["--as-of", "2021-12-31", "export", "csv"],
    ),
    (
        "data_2021-12-31.json",
        &["--as-of", "2021-12-31", "export", "json"],
    ),
];

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/expected")
}

/// The first line where two texts differ, for a readable failure.
fn first_difference(expected: &str, actual: &str) -> String {
    let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    for i in 0..e.len().max(a.len()) {
        if e.get(i) != a.get(i) {
            return format!(
                "line {}:\n  expected {:?}\n  actual   {:?}",
                i + 1,
                e.get(i),
                a.get(i)
            );
        }
    }
    "the line ends differ".into()
}

#[test]
fn exports_match_their_golden_files() {
    let demo = Demo::new();
    let update = std::env::var_os("BAYU_UPDATE_GOLDEN").is_some_and(|v| v == "1");
    let mut wrong = Vec::new();
    for (name, args) in GOLDEN {
        let actual = demo.export(args);
        let path = golden_dir().join(name);
        if update {
            std::fs::create_dir_all(golden_dir()).unwrap();
            std::fs::write(&path, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read(&path).unwrap_or_else(|e| {
            panic!(
                "{}: {e}; run with BAYU_UPDATE_GOLDEN=1 to create it",
                path.display()
            )
        });
        if expected != actual {
            wrong.push(format!(
                "{name} ({}): {}",
                args.join(" "),
                first_difference(&text(&expected), &text(&actual))
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "exports differ from fixtures/expected (BAYU_UPDATE_GOLDEN=1 rewrites them):\n{}",
        wrong.join("\n")
    );
}

#[test]
fn two_runs_give_the_same_bytes() {
    let demo = Demo::new();
    for t in ["memo", "ledger", "csv", "json"] {
        let args = ["--as-of", "2021-12-31", "export", t];
        assert_eq!(demo.export(&args), demo.export(&args), "{t}");
    }
}

#[test]
fn crlf_changes_only_the_line_ends() {
    let demo = Demo::new();
    for t in ["memo", "ledger", "tsv", "csv"] {
        let lf = text(&demo.export(&["--as-of", "2021-12-31", "export", t]));
        let crlf = text(&demo.export(&["--as-of", "2021-12-31", "export", t, "--crlf"]));
        assert_eq!(crlf.replace("\r\n", "\n"), lf, "{t}");
        assert_eq!(
            crlf.matches("\r\n").count(),
            lf.matches('\n').count(),
            "{t}"
        );
    }
}

#[test]
fn wrapped_lines_fit_the_width() {
    let demo = Demo::new();
    for (t, w) in [
        ("memo", "40"),
        ("overdue", "50"),
        ("coverage", "64"),
        ("ledger", "96"),
    ] {
        let out = text(&demo.export(&["--as-of", "2021-12-31", "export", t, "--wrap", w]));
        let w: usize = w.parse().unwrap();
        for line in out.lines() {
            assert!(
                bayu::text::width::width(line) <= w,
                "{t} --wrap {w}: {line:?}"
            );
        }
    }
}

#[test]
fn out_writes_the_file_and_says_so() {
    let demo = Demo::new();
    let stdout = demo.export(&["--as-of", "2021-12-31", "export", "memo"]);
    let o = demo.run(&[
        "--as-of",
        "2021-12-31",
        "export",
        "memo",
        "--out",
        "通报.txt",
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(o.stdout.is_empty());
    assert!(
        text(&o.stderr).contains("wrote 通报.txt"),
        "{}",
        text(&o.stderr)
    );
    assert_eq!(std::fs::read(demo.path("通报.txt")).unwrap(), stdout);
    assert!(demo.files().iter().all(|f| !f.ends_with(".tmp")));
    // A directory gets the file under its default name.
    std::fs::create_dir(demo.path("导出")).unwrap();
    let o = demo.run(&["--as-of", "2021-12-31", "export", "memo", "--out", "导出"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let written = demo
        .path("导出")
        .join("助力科技创新巴渝巾帼行动推进情况通报_2021-12-31.txt");
    assert_eq!(std::fs::read(written).unwrap(), stdout);
}

#[test]
fn csv_starts_with_a_byte_order_mark() {
    let demo = Demo::new();
    let csv = demo.export(&[
        "--as-of",
        "2021-12-31",
        "export",
        "csv",
        "--period",
        "2021Q3",
    ]);
    assert!(csv.starts_with("\u{FEFF}期次,报送日期,单位".as_bytes()));
    let body = text(&csv);
    assert!(body.lines().skip(1).all(|l| l.starts_with("2021Q3,")));
}

/// Each mistake: exit status 2, one sentence on stderr, nothing on stdout,
/// no file written.
#[test]
fn mistakes_are_one_sentence_and_write_nothing() {
    let demo = Demo::new();
    let before = demo.files();
    let cases: &[(&[&str], &[&str])] = &[
        (
            &["export", "bulletin"],
            &["unknown template \"bulletin\"", "memo (情况通报)", "json"],
        ),
        (&["export"], &["name a template", "ledger (工作台账)"]),
        (
            &["export", "memo", "--agency", "市教委"],
            &["no agency is named \"市教委\"", "市总工会 (重庆市总工会)"],
        ),
        (
            &["export", "memo", "--period", "2021Q5"],
            &["--period \"2021Q5\""],
        ),
        (
            &[
                "--as-of",
                "2021-12-31",
                "export",
                "coverage",
                "--period",
                "2022Q2",
            ],
            &["has not begun"],
        ),
        (
            &["export", "memo", "--out", "没有的目录/通报.txt"],
            &["cannot write 没有的目录/通报.txt: the directory 没有的目录 does not exist"],
        ),
        (
            &["export", "csv", "--wrap", "80"],
            &["--wrap does not apply to the csv template"],
        ),
        (
            &["export", "ledger", "--wrap", "30"],
            &["--wrap 30 is too narrow for the ledger"],
        ),
        (
            &["export", "json", "--agency", "市妇联"],
            &["--agency does not apply"],
        ),
    ];
    for (args, says) in cases {
        let o = demo.run(args);
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(o.stdout.is_empty(), "{args:?}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("bayu: "), "{err}");
        for s in *says {
            assert!(err.contains(s), "{args:?}: {err:?} lacks {s:?}");
        }
        assert_eq!(demo.files(), before, "{args:?} wrote a file");
    }
}
