//! The layers of the program, kept: no module uses one from a layer above
//! it. Reads every `src/**/*.rs` (leaving out what is compiled for tests
//! only), finds each path it names (`crate::db::…`, `super::super::x`)
//! and checks the top-level module it lands in against the order below.
//! docs/architecture.md explains the order; a known exception is listed in
//! `ALLOWED` with the issue that removes it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Top to bottom. A module may use its own layer's module (itself) and
/// any module of a lower layer; modules sharing a layer are siblings and
/// do not use each other.
const LAYERS: &[&[&str]] = &[
    // The binary's entry and the command line.
    &["main", "lib", "cli"],
    // The console on a real terminal; the settings file the CLI reads.
    &["tui", "config"],
    // Drawing the console.
    &["ui"],
    // The console's behaviour without a terminal.
    &["app"],
    // What the CLI and the console produce and take in: exports, imports
    // of report sheets, demo data.
    &["export", "import", "demo"],
    // Figures at an as-of date.
    &["analysis"],
    // The store: the only module that speaks SQL.
    &["db"],
    // Words: the interface language, rendering the facts of the layers
    // below (and, until issue 14, some above: see `ALLOWED`).
    &["i18n"],
    // Reading a plan document; the built-in plan.
    &["plan_text", "seed"],
    // Plain domain types.
    &["model"],
    // Terminal widths, wrapping, sanitising, pinyin.
    &["text"],
];

/// Known uses of a higher layer, each with the reason it is still here.
/// Remove a line when its cause is fixed; the test then keeps it fixed.
const ALLOWED: &[(&str, &str)] = &[
    // Issue 14: i18n renders sentences from facts. Until it is reshaped it
    // still names the editing fields (`db::edit::Field`), the log's
    // records and times (`db::AuditRecord`, `db::edit::short_time`, the
    // node kinds) and the form picker's sources (`app::form::picker`).
    ("i18n", "db"),
    ("i18n", "app"),
    // The same for the deployment's sentences (`i18n::deploy`), which name
    // the settings' sources and scopes (`config::{DbSource, FileUse,
    // Scope}`) while `config` reads the language from `i18n::Lang`.
    ("i18n", "config"),
    // And for the console's line about data an as-of date cannot judge
    // (`i18n::console` renders `analysis::DataWarning`, with the words of
    // `export::warning_words`), and an import's faults (`i18n::io` renders
    // `import::quotes::QuoteFault` and `import::Encoding`).
    ("i18n", "analysis"),
    ("i18n", "export"),
    ("i18n", "import"),
];

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// The file's module path: `src/db/edit/mod.rs` → `[db, edit]`.
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap_or(file);
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if let Some(last) = parts.pop() {
        let stem = last.trim_end_matches(".rs").to_string();
        if stem != "mod" {
            parts.push(stem);
        }
    }
    parts
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The file a `mod name;` in `file` (with an optional `#[path]`) loads.
fn child_file(file: &Path, name: &str, path_attr: Option<&str>) -> Vec<PathBuf> {
    let dir = file.parent().unwrap_or(Path::new("."));
    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if let Some(p) = path_attr {
        return vec![dir.join(p)];
    }
    let base = if stem == "mod" || stem == "lib" || stem == "main" {
        dir.to_path_buf()
    } else {
        dir.join(stem)
    };
    vec![
        base.join(format!("{name}.rs")),
        base.join(name).join("mod.rs"),
    ]
}

/// Removes comments and every item marked `#[cfg(test)]` (a test module
/// inline, a helper compiled for tests). Returns the text left and the
/// test-only modules declared out of line (`#[cfg(test)] mod x;`) with
/// their `#[path]`.
fn production_text(text: &str) -> (String, Vec<(String, Option<String>)>) {
    let mut out = String::new();
    let mut test_mods = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim();
        if line == "#[cfg(test)]" {
            // Skip attributes, then the item: one line ending in `;`, or up
            // to the brace that closes it.
            let mut j = i + 1;
            let mut path_attr = None;
            while j < lines.len() && lines[j].trim().starts_with("#[") {
                let attr = lines[j].trim();
                if let Some(rest) = attr.strip_prefix("#[path = \"") {
                    path_attr = rest.strip_suffix("\"]").map(str::to_string);
                }
                j += 1;
            }
            let item = lines.get(j).map_or("", |l| l.trim());
            if item.ends_with(';') && !item.contains('{') {
                if let Some(name) = item
                    .trim_end_matches(';')
                    .split_whitespace()
                    .last()
                    .filter(|_| item.contains("mod "))
                {
                    test_mods.push((name.to_string(), path_attr));
                }
                i = j + 1;
                continue;
            }
            let mut depth = 0i32;
            let mut opened = false;
            while j < lines.len() {
                for c in lines[j].chars() {
                    match c {
                        '{' => {
                            depth += 1;
                            opened = true;
                        }
                        '}' => depth -= 1,
                        _ => {}
                    }
                }
                j += 1;
                if opened && depth <= 0 {
                    break;
                }
            }
            i = j;
            continue;
        }
        let code = match lines[i].find("//") {
            Some(at) => &lines[i][..at],
            None => lines[i],
        };
        out.push_str(code);
        out.push('\n');
        i += 1;
    }
    (out, test_mods)
}

/// The top-level modules a text names, from `module` (its path).
fn used_tops(text: &str, module: &[String]) -> BTreeSet<String> {
    let mut tops = BTreeSet::new();
    let bytes: Vec<char> = text.chars().collect();
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut i = 0;
    while i < bytes.len() {
        if !ident(bytes[i]) || (i > 0 && (ident(bytes[i - 1]) || bytes[i - 1] == '$')) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && (ident(bytes[i]) || bytes[i] == ':') {
            i += 1;
        }
        let path: String = bytes[start..i].iter().collect();
        let segs: Vec<&str> = path.split("::").collect();
        match segs.first() {
            Some(&"crate") => {
                if let Some(top) = segs.get(1).filter(|s| !s.is_empty()) {
                    tops.insert((*top).to_string());
                }
            }
            Some(&"super") => {
                let ups = segs.iter().take_while(|s| **s == "super").count();
                // Climbing to the crate root names a top-level module.
                if ups >= module.len()
                    && let Some(top) = segs.get(ups).filter(|s| !s.is_empty())
                {
                    tops.insert((*top).to_string());
                }
            }
            _ => {}
        }
    }
    tops
}

#[test]
fn no_module_uses_a_layer_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    // Files compiled for tests only, and everything under them.
    let mut test_only: BTreeSet<PathBuf> = BTreeSet::new();
    let mut texts = BTreeMap::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        let (prod, test_mods) = production_text(&text);
        for (name, path_attr) in test_mods {
            for child in child_file(f, &name, path_attr.as_deref()) {
                test_only.insert(child);
            }
        }
        texts.insert(f.clone(), prod);
    }
    let is_test = |f: &Path| {
        test_only.iter().any(|t| {
            f == t
                || (t.file_name().is_some_and(|n| n == "mod.rs")
                    && t.parent().is_some_and(|d| f.starts_with(d)))
                || f.starts_with(t.with_extension(""))
        })
    };
    let mut problems = Vec::new();
    let mut unplaced = BTreeSet::new();
    let mut allowed_used = BTreeSet::new();
    for (f, text) in &texts {
        if is_test(f) {
            continue;
        }
        let module = module_path(&src, f);
        let Some(own) = module.first() else { continue };
        let Some(mine) = layer(own) else {
            unplaced.insert(own.clone());
            continue;
        };
        for top in used_tops(text, &module) {
            if &top == own {
                continue;
            }
            let Some(theirs) = layer(&top) else {
                unplaced.insert(top);
                continue;
            };
            if theirs > mine {
                continue;
            }
            if ALLOWED.contains(&(own.as_str(), top.as_str())) {
                allowed_used.insert((own.clone(), top.clone()));
                continue;
            }
            let how = if theirs == mine { "beside" } else { "above" };
            problems.push(format!(
                "{} ({own}) uses {top}, a layer {how} it",
                f.strip_prefix(&src).unwrap_or(f).display()
            ));
        }
    }
    assert!(
        unplaced.is_empty(),
        "top-level modules missing from LAYERS: {unplaced:?}"
    );
    assert!(
        problems.is_empty(),
        "modules using a higher layer:\n{}",
        problems.join("\n")
    );
    // An allowance nobody needs any more goes, so that it cannot come back
    // unnoticed.
    for (from, to) in ALLOWED {
        assert!(
            allowed_used.contains(&(from.to_string(), to.to_string())),
            "ALLOWED lists {from} → {to}, which no longer happens: remove it"
        );
    }
}

#[test]
fn the_checker_finds_a_use_from_below() {
    let text = "use crate::db::Store;\nfn f() { crate::ui::render(); super::super::app::x(); }\n";
    let tops = used_tops(text, &["db".to_string(), "edit".to_string()]);
    assert!(tops.contains("db") && tops.contains("ui") && tops.contains("app"));
    let (prod, mods) = production_text(
        "use crate::model::X;\n#[cfg(test)]\nmod tests {\n    use crate::tui::Y;\n}\n#[cfg(test)]\n#[path = \"t.rs\"]\nmod more;\n// crate::cli in a comment\n",
    );
    assert_eq!(mods, [("more".to_string(), Some("t.rs".to_string()))]);
    let tops = used_tops(&prod, &["db".to_string()]);
    assert_eq!(
        tops.into_iter().collect::<Vec<_>>(),
        ["model"],
        "tests and comments do not count"
    );
    assert_eq!(layer("tui"), Some(1));
    assert!(layer("plan_text") > layer("i18n"));
    assert!(layer("model") > layer("db"));
}
