//! The words for facts about the database file itself (`db::FileFault`):
//! a file replaced under an open console, a damaged file, a file with a
//! schema version no bayu writes — for the command line's errors and
//! warnings and for the console's message line, in Chinese and English.

use std::fmt;

use super::Lang;
use crate::db::{FileFault, StoreError};

impl fmt::Display for FileFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&fault(Lang::En, self))
    }
}

/// A store's error in `lang`: the file's own faults in either language,
/// the others as they say themselves.
pub fn error(lang: Lang, e: &StoreError) -> String {
    match e {
        StoreError::File(f) => fault(lang, f),
        other => other.to_string(),
    }
}

fn detail(lines: &[String], total: usize) -> String {
    let mut s = lines.join("; ");
    if total > lines.len() {
        s.push_str(" …");
    }
    s
}

/// Why the file refuses a command.
pub fn fault(lang: Lang, f: &FileFault) -> String {
    let path = f.path().display();
    match (f, lang) {
        (FileFault::Replaced { .. }, Lang::Zh) => format!(
            "{path}：这个位置上已换成另一个文件（init --force、恢复备份或复制所致），为免保存到已被替换的旧文件，修改未保存；请退出后重新打开"
        ),
        (FileFault::Replaced { .. }, Lang::En) => format!(
            "{path}: another file has been put in its place (init --force, a restored backup, a copy); the change was not saved, so that nothing goes into the replaced file. Quit and open it again"
        ),
        (
            FileFault::Damaged {
                detail: d, total, ..
            },
            Lang::Zh,
        ) => format!(
            "{path}：SQLite 快速检查发现文件已损坏（{}，共 {total} 处），为免损坏扩大，拒绝写入，未做任何改动；请运行 bayu check，并从备份恢复",
            detail(d, *total)
        ),
        (
            FileFault::Damaged {
                detail: d, total, ..
            },
            Lang::En,
        ) => format!(
            "{path}: SQLite's quick check finds the file damaged ({}; {total} problem{}); writes are refused so that the damage does not spread, nothing was changed. Run `bayu check` and restore from a backup",
            detail(d, *total),
            if *total == 1 { "" } else { "s" }
        ),
        (FileFault::ImpossibleVersion { version, .. }, Lang::Zh) => format!(
            "{path}：文件标记为 bayu 数据库，但结构版本是 {version}，任何版本的 bayu 都不会写出这个值：这是别的程序的文件，或文件已损坏；未做任何改动，也未备份"
        ),
        (FileFault::ImpossibleVersion { version, .. }, Lang::En) => format!(
            "{path}: marked as a bayu database, but its schema version is {version}, which no bayu writes: another program's file, or a damaged one; nothing was changed and no backup was made"
        ),
    }
}

/// The warning a reading command prints about a damaged file (it still
/// shows what it can read).
pub fn damage_warning(lang: Lang, f: &FileFault) -> String {
    let FileFault::Damaged {
        detail: d, total, ..
    } = f
    else {
        return fault(lang, f);
    };
    let path = f.path().display();
    match lang {
        Lang::Zh => format!(
            "警告：{path} 未通过 SQLite 快速检查（{}）；以下内容可能有误，写入会被拒绝；请运行 bayu check，并从备份恢复",
            detail(d, *total)
        ),
        Lang::En => format!(
            "warning: {path} fails SQLite's quick check ({}); what follows may be wrong, and writes are refused. Run `bayu check` and restore from a backup",
            detail(d, *total)
        ),
    }
}

/// The console's message line when it notices the fault while running.
pub fn console_notice(lang: Lang, f: &FileFault) -> String {
    let path = f.path().display();
    match (f, lang) {
        (FileFault::Replaced { .. }, Lang::Zh) => {
            format!("数据库文件已被替换（{path}）：这里的修改不能再保存。请按 q 退出，再重新打开。")
        }
        (FileFault::Replaced { .. }, Lang::En) => format!(
            "The database file was replaced ({path}): nothing more can be saved here. Press q and open it again."
        ),
        (
            FileFault::Damaged {
                detail: d, total, ..
            },
            Lang::Zh,
        ) => format!(
            "数据库文件未通过快速检查（{}）：只能查看，不能修改，显示的内容可能有误；请运行 bayu check 并从备份恢复。",
            detail(d, *total)
        ),
        (
            FileFault::Damaged {
                detail: d, total, ..
            },
            Lang::En,
        ) => format!(
            "The database fails SQLite's quick check ({}): view only, what is shown may be wrong. Run `bayu check` and restore from a backup.",
            detail(d, *total)
        ),
        (FileFault::ImpossibleVersion { .. }, _) => fault(lang, f),
    }
}

/// The short reason the console gives when an editing key is refused.
pub fn read_only_reason(lang: Lang, f: &FileFault) -> &'static str {
    match f {
        FileFault::Replaced { .. } => lang.pick(
            "文件已被替换，请退出后重新打开",
            "the file was replaced; quit and open it again",
        ),
        FileFault::Damaged { .. } => lang.pick(
            "文件未通过快速检查，请运行 bayu check",
            "the file fails its quick check; run bayu check",
        ),
        FileFault::ImpossibleVersion { .. } => {
            lang.pick("文件不是 bayu 写的", "the file is not bayu's")
        }
    }
}

/// The console's bottom line while another user holds the write lock.
pub fn waiting_for_writer(lang: Lang, seconds: u64) -> String {
    match lang {
        Lang::Zh => format!("等待其他用户写入……（已等 {seconds} 秒，按 Esc 放弃）"),
        Lang::En => format!("Waiting for another user's write… ({seconds} s; Esc gives up)"),
    }
}

/// What the console says when the user gave up waiting.
pub fn gave_up_waiting(lang: Lang) -> &'static str {
    lang.pick(
        "已放弃：其他用户正在写入，这次修改未保存，什么也没有改动；稍后可再保存。",
        "Gave up: another user is writing. This change was not saved and nothing was changed; save again in a moment.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn every_fault_is_worded_in_both_languages_with_its_file() {
        let path = PathBuf::from("office.db");
        let faults = [
            FileFault::Replaced { path: path.clone() },
            FileFault::Damaged {
                path: path.clone(),
                detail: vec!["Page 7: btreeInitPage() returns error code 11".into()],
                total: 4,
            },
            FileFault::ImpossibleVersion {
                path: path.clone(),
                version: -5,
            },
        ];
        for f in &faults {
            let zh = fault(Lang::Zh, f);
            let en = fault(Lang::En, f);
            assert!(zh.starts_with("office.db："), "{zh}");
            assert!(en.starts_with("office.db: "), "{en}");
            assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
            assert!(
                !en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{en}"
            );
            assert_eq!(f.to_string(), en);
            assert!(!console_notice(Lang::Zh, f).is_empty());
            assert!(!read_only_reason(Lang::En, f).is_empty());
        }
        assert!(fault(Lang::En, &faults[1]).contains("4 problems"));
        assert!(fault(Lang::Zh, &faults[2]).contains("-5"));
        assert!(damage_warning(Lang::Zh, &faults[1]).starts_with("警告"));
    }
}
