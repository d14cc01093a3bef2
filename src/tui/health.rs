//! The console keeping an eye on its file: SQLite's quick check, run once
//! on a thread of its own at start (a large file takes a fraction of a
//! second, which the first frame does not wait for), and, once a second,
//! whether the file at the path is still the one the console opened. A
//! damaged or replaced file makes the console read-only and says so on the
//! message line; the store refuses the writes in any case.

use std::sync::mpsc::{self, Receiver, TryRecvError};

use super::Console;
use crate::db::FileFault;
use crate::i18n::store as words;

/// What the console knows of its file.
pub struct FileWatch {
    check: Option<Receiver<crate::db::Result<Vec<String>>>>,
    said: bool,
}

impl FileWatch {
    /// Starts the quick check beside the loop.
    pub fn start(console: &Console) -> FileWatch {
        let path = console.store().path().to_path_buf();
        let (tx, rx) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("quick-check".into())
            .spawn(move || {
                let _ = tx.send(crate::db::quick_check_file(&path));
            });
        FileWatch {
            // Without the thread, the store checks before its first write.
            check: spawned.ok().map(|_| rx),
            said: false,
        }
    }

    /// Whether the check still runs.
    pub fn checking(&self) -> bool {
        self.check.is_some()
    }

    /// Takes the check's answer if it has come and looks whether the file
    /// was replaced; true when the console has something new to say.
    pub fn look(&mut self, console: &mut Console) -> bool {
        let mut fault = None;
        if let Some(rx) = &self.check {
            match rx.try_recv() {
                Ok(answer) => {
                    self.check = None;
                    // A check that could not run is asked again by the
                    // store before its first write.
                    if let Ok(lines) = answer {
                        console.store().set_damage(lines);
                        fault = console.store().damage().ok().flatten();
                    }
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => self.check = None,
            }
        }
        if console.store().replaced() {
            fault = Some(FileFault::Replaced {
                path: console.store().path().to_path_buf(),
            });
        }
        match fault {
            Some(f) if !self.said => {
                self.said = true;
                say(console, &f);
                true
            }
            _ => false,
        }
    }
}

/// Makes the console read-only for `fault` and says why.
fn say(console: &mut Console, fault: &FileFault) {
    let lang = console.state.lang();
    console.dispatch(crate::app::Action::FileFault {
        read_only: words::read_only_reason(lang, fault).to_string(),
        notice: words::console_notice(lang, fault),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::state::{MessageKind, Settings, State};
    use crate::db::{OpenMode, Store};

    fn console_on(path: &std::path::Path) -> Console {
        let store = Store::open(path, OpenMode::Auto).unwrap();
        let day = chrono::NaiveDate::from_ymd_opt(2021, 12, 31).unwrap();
        let state = State::new(Settings::default(), day, day, (80, 24));
        Console::new(store, state)
    }

    fn wait(watch: &mut FileWatch, console: &mut Console) -> bool {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        loop {
            if watch.look(console) {
                return true;
            }
            if !watch.checking() || std::time::Instant::now() > deadline {
                return false;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }

    /// Defect 2: a console whose file was replaced said 已保存 and wrote
    /// into the void. It now says the file was replaced and takes no edit.
    #[test]
    fn a_console_whose_file_is_replaced_says_so_and_turns_read_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("office.db");
        drop(crate::db::tests::builtin(&path));
        let mut console = console_on(&path);
        let mut watch = FileWatch::start(&console);
        assert!(
            !wait(&mut watch, &mut console),
            "a sound file: nothing to say"
        );
        assert_eq!(console.state.read_only, None);
        let other = dir.path().join("other.db");
        drop(crate::db::tests::builtin(&other));
        std::fs::rename(&other, &path).unwrap();
        assert!(watch.look(&mut console));
        let said = console.state.message.clone().unwrap();
        assert_eq!(said.kind, MessageKind::Error);
        assert!(said.text.contains("数据库文件已被替换"), "{}", said.text);
        assert!(console.state.read_only.is_some());
        // Said once, not every second.
        assert!(!watch.look(&mut console));
    }

    #[test]
    fn a_console_on_a_damaged_file_says_so_and_turns_read_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("office.db");
        drop(crate::db::tests::builtin(&path));
        crate::db::damage_a_page(&path);
        let mut console = console_on(&path);
        let mut watch = FileWatch::start(&console);
        assert!(wait(&mut watch, &mut console));
        let said = console.state.message.clone().unwrap();
        assert!(said.text.contains("快速检查"), "{}", said.text);
        assert!(console.state.read_only.is_some());
        assert!(console.store().damage().unwrap().is_some());
    }
}
