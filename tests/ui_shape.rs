//! Keeps the console's drawing code in the shape issue 18 gave it: no
//! function in `src/ui/` longer than 100 lines (a longer one has a pane
//! inside it that wants to be its own widget), and no
//! `too_many_arguments` allowed anywhere in `src/` (a long argument list
//! wants a context or a widget struct).
//!
//! A function is measured from its `fn` line to the closing brace at the
//! same indentation, which rustfmt (checked by CI) always writes; one-line
//! functions and bodiless declarations are one line.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

/// Lines a drawing function may take, its signature and braces included.
const MAX_FN_LINES: usize = 100;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn sources(under: &str) -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(under);
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files.sort();
    assert!(!files.is_empty(), "no Rust files under {}", root.display());
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect()
}

/// The name of the function a line starts, if it starts one:
/// `    pub(crate) const fn name<T>(` gives `name`.
fn fn_name(line: &str) -> Option<&str> {
    let mut rest = line.trim_start();
    if rest.starts_with("//") {
        return None;
    }
    loop {
        let word = rest.split_whitespace().next()?;
        if word.starts_with("pub")
            || ["const", "async", "unsafe", "extern", "default"].contains(&word)
        {
            rest = rest[word.len()..].trim_start();
            // `extern "C"`
            if rest.starts_with('"') {
                let end = rest[1..].find('"')? + 2;
                rest = rest[end..].trim_start();
            }
            continue;
        }
        if word != "fn" {
            return None;
        }
        let name = rest[2..].trim_start();
        let end = name
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(name.len());
        return (end > 0).then(|| &name[..end]);
    }
}

/// Every function in `text` with its first line (1-based) and length.
fn functions(text: &str) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(name) = fn_name(line) else { continue };
        let indent = line.len() - line.trim_start().len();
        // The signature ends at the first line ending in `{` or `;` (or
        // holding a whole one-line body).
        let Some(open) = (i..lines.len()).find(|&j| {
            let l = lines[j].trim_end();
            l.ends_with('{') || l.ends_with(';') || l.ends_with('}')
        }) else {
            continue;
        };
        let opened = lines[open].trim_end();
        if !opened.ends_with('{') {
            out.push((name.to_string(), i + 1, open - i + 1));
            continue;
        }
        let close = format!("{}}}", " ".repeat(indent));
        let end = (open + 1..lines.len())
            .find(|&j| lines[j].trim_end() == close)
            .unwrap_or_else(|| panic!("no closing brace for fn {name} at line {}", i + 1));
        out.push((name.to_string(), i + 1, end - i + 1));
    }
    out
}

#[test]
fn no_drawing_function_is_longer_than_a_hundred_lines() {
    let mut long = Vec::new();
    let mut seen = 0;
    for (path, text) in sources("src/ui") {
        for (name, line, len) in functions(&text) {
            seen += 1;
            if len > MAX_FN_LINES {
                long.push(format!(
                    "{}:{line}: fn {name} is {len} lines",
                    path.display()
                ));
            }
        }
    }
    assert!(
        seen > 100,
        "only {seen} functions found in src/ui: the scan is broken"
    );
    assert!(
        long.is_empty(),
        "functions in src/ui over {MAX_FN_LINES} lines (split out the pane inside as a widget):\n{}",
        long.join("\n")
    );
}

#[test]
fn nothing_allows_too_many_arguments() {
    let mut found = Vec::new();
    for (path, text) in sources("src") {
        for (i, line) in text.lines().enumerate() {
            let l = line.trim_start();
            if (l.starts_with("#[") || l.starts_with("#![")) && l.contains("too_many_arguments") {
                found.push(format!("{}:{}: {l}", path.display(), i + 1));
            }
        }
    }
    assert!(
        found.is_empty(),
        "too_many_arguments allowed (give the function a context or a struct):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_scan_measures_functions_as_rustfmt_writes_them() {
    let text = "\
fn one() {}
pub(crate) fn two(
    a: u8,
) -> u8 {
    a
}
impl X {
    pub const fn three(&self) -> u8 {
        let s = \"}\";
        3
    }
    fn four(&self);
}
";
    let found = functions(text);
    assert_eq!(
        found,
        [
            ("one".to_string(), 1, 1),
            ("two".to_string(), 2, 5),
            ("three".to_string(), 8, 4),
            ("four".to_string(), 12, 1),
        ]
    );
    assert_eq!(fn_name("    // fn not_this() {"), None);
    assert_eq!(fn_name("let f = |x| x;"), None);
}
