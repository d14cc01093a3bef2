//! Running the export view's and the import's effects against the store
//! and the file system: rendering a preview and writing a file with the
//! export module, listing a directory for Tab, checking sheets with
//! `import::check` and adding them with `import::apply`. Every answer is
//! an action; every failure is one sentence naming the path.
//!
//! The dry run of a large import takes seconds, so it runs on a thread of
//! its own with its own read-only connection, reporting its progress
//! through a channel that the loop looks at while it runs; the console
//! keeps answering keys meanwhile. Everything else runs in the loop.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant};

use crate::app::Action;
use crate::app::export_view::{ExportAnswer, PreviewKey, WriteRequest};
use crate::app::import_pane::{ApplyRequest, CheckRequest, Checked, ImportAnswer};
use crate::app::path_prompt::{self, Completions, Entry, ListDir};
use crate::app::state::State;
use crate::db::{OpenMode, Store};
use crate::export::{self, ExportError};
use crate::i18n::Lang;
use crate::i18n::io as words;
use crate::import::{self, ImportOptions};

/// How often a running check reports its progress.
const PROGRESS_EVERY: Duration = Duration::from_millis(50);

/// What runs beside the loop: a check in the background, and a copy for
/// the loop to send to the terminal.
#[derive(Default)]
pub struct IoRunner {
    clipboard: Option<String>,
    job: Option<Receiver<ImportAnswer>>,
}

impl IoRunner {
    /// Keeps `text` for the loop to send as OSC 52.
    pub fn copy(&mut self, text: String) {
        self.clipboard = Some(text);
    }

    pub fn take_clipboard(&mut self) -> Option<String> {
        self.clipboard.take()
    }

    pub fn has_job(&self) -> bool {
        self.job.is_some()
    }

    /// Starts checking the sheets on a thread with its own connection to
    /// `db`; an answer now only if the paths name nothing.
    pub fn start_check(&mut self, db: &Path, req: CheckRequest) -> Option<Action> {
        let job = req.job;
        let files = match resolve(&req.paths, req.lang) {
            Ok(f) => f,
            Err(why) => {
                return Some(Action::Import(ImportAnswer::Checked {
                    job,
                    result: Err(why),
                }));
            }
        };
        let (tx, rx) = mpsc::channel();
        let db = db.to_path_buf();
        let spawned = std::thread::Builder::new()
            .name("bayu-import-check".into())
            .spawn(move || {
                let result = (|| {
                    let store = Store::open(&db, OpenMode::ReadOnly)?;
                    let opts = ImportOptions {
                        encoding: None,
                        today: req.today,
                        lang: req.lang,
                    };
                    let mut last = Instant::now();
                    let plan = import::check_with_progress(&store, &files, &opts, &mut |d, t| {
                        if last.elapsed() >= PROGRESS_EVERY {
                            last = Instant::now();
                            let _ = tx.send(ImportAnswer::Progress {
                                job,
                                done: d,
                                total: t,
                            });
                        }
                    })?;
                    let summary = plan.summary(&store)?.render(req.lang);
                    Ok::<_, crate::db::StoreError>(Checked { plan, summary })
                })();
                let _ = tx.send(ImportAnswer::Checked {
                    job,
                    result: result.map(Box::new).map_err(|e| e.to_string()),
                });
            });
        match spawned {
            Ok(_) => {
                self.job = Some(rx);
                None
            }
            Err(e) => Some(Action::Import(ImportAnswer::Checked {
                job,
                result: Err(e.to_string()),
            })),
        }
    }

    /// What the background check has said since last asked.
    pub fn poll(&mut self) -> Vec<Action> {
        let mut out = Vec::new();
        let Some(rx) = &self.job else {
            return out;
        };
        loop {
            match rx.try_recv() {
                Ok(a) => out.push(Action::Import(a)),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.job = None;
                    break;
                }
            }
        }
        // Only the newest progress matters.
        let last_progress = out
            .iter()
            .rposition(|a| matches!(a, Action::Import(ImportAnswer::Progress { .. })));
        let mut i = 0;
        out.retain(|a| {
            let keep = !matches!(a, Action::Import(ImportAnswer::Progress { .. }))
                || Some(i) == last_progress;
            i += 1;
            keep
        });
        out
    }

    /// Waits for the background check to finish (tests).
    pub fn wait(&mut self) -> Vec<Action> {
        let mut out = Vec::new();
        if let Some(rx) = self.job.take() {
            out.extend(rx.iter().map(Action::Import));
        }
        out
    }
}

/// `~` and `~/…` from the home directory; anything else as typed
/// (relative to the current directory).
pub fn expand(typed: &str) -> PathBuf {
    let home = || {
        std::env::var_os("HOME")
            .filter(|h| !h.is_empty())
            .map(PathBuf::from)
            .or_else(|| directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf()))
    };
    if typed == "~" {
        if let Some(h) = home() {
            return h;
        }
    } else if let Some(rest) = typed.strip_prefix("~/")
        && let Some(h) = home()
    {
        return h.join(rest);
    }
    PathBuf::from(typed)
}

/// The sheets named: `~` expanded, wildcards in the file name matched
/// (sorted); a pattern that matches nothing is an error.
fn resolve(paths: &[String], lang: Lang) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for p in paths {
        if !path_prompt::is_pattern(p) {
            out.push(expand(p));
            continue;
        }
        let (dir, pattern) = path_prompt::split_dir(p);
        let dir_path = if dir.is_empty() {
            PathBuf::from(".")
        } else {
            expand(dir)
        };
        let entries = std::fs::read_dir(&dir_path).map_err(|e| {
            words::cannot_list(lang, &dir_path.display().to_string(), &e.to_string())
        })?;
        let mut names: Vec<String> = entries
            .filter_map(Result::ok)
            .filter_map(|e| e.file_name().to_str().map(str::to_string))
            .filter(|n| path_prompt::pattern_matches(pattern, n))
            .collect();
        if names.is_empty() {
            return Err(words::nothing_matches(lang, p));
        }
        names.sort();
        let base = expand(dir);
        out.extend(names.into_iter().map(|n| base.join(n)));
    }
    Ok(out)
}

/// Renders a preview, if the request is still for the loaded data.
pub fn render(store: &Store, state: &State, key: PreviewKey) -> Option<Action> {
    let snap = &state.data.as_ref()?.snap;
    if key.generation != state.generation || snap.as_of != key.as_of {
        // A newer request follows the newer load.
        return None;
    }
    let result = export::render(key.template, snap, store, &key.opts).map_err(|e| e.to_string());
    Some(Action::Export(ExportAnswer::Rendered { key, result }))
}

/// Writes the export where the prompt says: a directory (or a path ending
/// in `/`) gets the default name; a missing directory is refused; an
/// existing file needs `overwrite`. Atomic (`export::write_file`).
pub fn write(store: &Store, state: &State, req: WriteRequest) -> Action {
    let lang = state.lang();
    let failed = |why: String| Action::Export(ExportAnswer::WriteFailed(why));
    let Some(data) = &state.data else {
        return failed(words::cannot_write(lang, &req.path, "no data loaded"));
    };
    let snap = &data.snap;
    let template = req.key.template;
    let opts = &req.key.opts;
    let mut path = expand(&req.path);
    if req.path.ends_with('/') || path.is_dir() {
        path = path.join(export::default_file_name(template, snap, opts));
    }
    let shown = std::path::absolute(&path)
        .unwrap_or_else(|_| path.clone())
        .display()
        .to_string();
    match export::check_target(&path) {
        Ok(_) => {}
        Err(ExportError::NoDirectory { dir, .. }) => {
            let dir = std::path::absolute(&dir).unwrap_or(dir);
            return failed(words::no_directory(lang, &dir.display().to_string()));
        }
        Err(e) => return failed(words::cannot_write(lang, &shown, &e.to_string())),
    }
    if path.exists() && !req.overwrite {
        return Action::Export(ExportAnswer::Exists { path: shown });
    }
    match export::write_file(&path, template, snap, store, opts) {
        Ok(()) => {
            let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
            Action::Export(ExportAnswer::Written { path: shown, bytes })
        }
        Err(ExportError::Io { source, .. }) => {
            failed(words::cannot_write(lang, &shown, &source.to_string()))
        }
        Err(e) => failed(words::cannot_write(lang, &shown, &e.to_string())),
    }
}

/// Lists a directory for Tab: entries starting with the prefix (hidden
/// ones only for a prefix with a dot), sorted by name.
pub fn list_dir(req: ListDir, lang: Lang) -> Action {
    let dir = if req.dir.is_empty() {
        PathBuf::from(".")
    } else {
        expand(&req.dir)
    };
    let entries = std::fs::read_dir(&dir)
        .map(|rd| {
            let mut v: Vec<Entry> = rd
                .filter_map(Result::ok)
                .filter_map(|e| {
                    let name = e.file_name().to_str()?.to_string();
                    path_prompt::offered(&name, &req.prefix).then(|| Entry {
                        is_dir: e.path().is_dir(),
                        name,
                    })
                })
                .collect();
            v.sort_by(|a, b| a.name.cmp(&b.name));
            v
        })
        .map_err(|e| {
            let shown = if req.dir.is_empty() { "." } else { &req.dir };
            words::cannot_list(lang, shown, &e.to_string())
        });
    Action::Completions(Completions {
        text: req.text,
        entries,
    })
}

/// Adds a checked plan (one transaction; refused with problems).
pub fn apply(store: &mut Store, req: ApplyRequest) -> Action {
    let job = req.job;
    match import::apply(store, &req.plan) {
        Ok(summary) => Action::Import(ImportAnswer::Imported {
            job,
            added: summary.total.added(),
            revisions: summary.total.revisions,
            duplicates: summary.total.duplicates,
            batches: summary.files.iter().filter_map(|f| f.batch).collect(),
        }),
        Err(e) => Action::Import(ImportAnswer::ImportFailed {
            job,
            why: e.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wildcard_matches_sorted_files_and_nothing_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        for n in ["回收_江北区.csv", "回收_渝中区.csv", "说明.txt"] {
            std::fs::write(dir.path().join(n), "x").unwrap();
        }
        let base = dir.path().display().to_string();
        let got = resolve(&[format!("{base}/*.csv")], Lang::Zh).unwrap();
        let names: Vec<_> = got
            .iter()
            .map(|p| p.file_name().unwrap().to_str().unwrap().to_string())
            .collect();
        assert_eq!(names, ["回收_江北区.csv", "回收_渝中区.csv"]);
        let err = resolve(&[format!("{base}/*.xlsx")], Lang::Zh).unwrap_err();
        assert!(err.contains("没有文件符合"), "{err}");
    }

    #[test]
    fn listing_offers_matching_names_with_directories_marked() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("报送表")).unwrap();
        std::fs::write(dir.path().join("报告.txt"), "x").unwrap();
        std::fs::write(dir.path().join(".报隐藏"), "x").unwrap();
        let req = ListDir {
            text: "t".into(),
            dir: format!("{}/", dir.path().display()),
            prefix: "报".into(),
        };
        let Action::Completions(c) = list_dir(req, Lang::Zh) else {
            panic!("not a listing");
        };
        let got = c.entries.unwrap();
        assert_eq!(
            got,
            [
                Entry {
                    name: "报告.txt".into(),
                    is_dir: false
                },
                Entry {
                    name: "报送表".into(),
                    is_dir: true
                }
            ]
        );
        let req = ListDir {
            text: "t".into(),
            dir: "/nonexistent-bayu-dir/".into(),
            prefix: String::new(),
        };
        let Action::Completions(c) = list_dir(req, Lang::En) else {
            panic!("not a listing");
        };
        assert!(c.entries.unwrap_err().contains("/nonexistent-bayu-dir/"));
    }

    #[test]
    fn a_tilde_is_the_home_directory() {
        let home = std::env::var_os("HOME").map(PathBuf::from);
        if let Some(h) = home.filter(|h| !h.as_os_str().is_empty()) {
            assert_eq!(expand("~/报送"), h.join("报送"));
            assert_eq!(expand("~"), h);
        }
        assert_eq!(expand("a/~/b"), PathBuf::from("a/~/b"));
    }
}
