//! The words of deployment: permission problems with the lines that repair
//! them, `bayu where`, `bayu setup shared`, backup rotation and the first
//! start on an empty database, in Chinese and English.

use std::path::Path;

use super::Lang;
use crate::config::{DbSource, FileUse, Scope};
use crate::db::access::{AccessProblem, Fault, Owner, Right};

fn right_words(lang: Lang, right: Right) -> &'static str {
    match (lang, right) {
        (Lang::Zh, Right::Read) => "读取这个文件",
        (Lang::Zh, Right::Write) => "写入这个文件",
        (Lang::Zh, Right::Enter) => "进入这个文件夹",
        (Lang::Zh, Right::Create) => "在这个文件夹中新建文件（数据库旁的 -wal、-shm 文件）",
        (Lang::En, Right::Read) => "read this file",
        (Lang::En, Right::Write) => "write this file",
        (Lang::En, Right::Enter) => "enter this directory",
        (Lang::En, Right::Create) => {
            "create files in this directory (the -wal and -shm files beside the database)"
        }
    }
}

fn now_words(lang: Lang, f: &Fault) -> String {
    match lang {
        Lang::Zh => format!(
            "属主 {}，组 {}，权限 {:o}",
            f.now.user, f.now.group, f.now.mode
        ),
        Lang::En => format!(
            "owner {}, group {}, mode {:o}",
            f.now.user, f.now.group, f.now.mode
        ),
    }
}

fn fix_words(lang: Lang, fix: &[String]) -> String {
    let lines = fix.join("; ");
    let relogin = fix.iter().any(|l| l.starts_with("usermod"));
    match (lang, fix.is_empty(), relogin) {
        (Lang::Zh, true, _) => "请管理员检查这个文件的属主和权限（bayu check 会列出）".into(),
        (Lang::En, true, _) => {
            "ask an administrator to check its owner and mode (bayu check lists them)".into()
        }
        (Lang::Zh, false, false) => format!("请管理员运行：{lines}"),
        (Lang::En, false, false) => format!("ask an administrator to run: {lines}"),
        (Lang::Zh, false, true) => format!("请管理员运行：{lines}（之后您须重新登录）"),
        (Lang::En, false, true) => {
            format!("ask an administrator to run: {lines} (then log in again)")
        }
    }
}

/// A right the user lacks, naming the file, the right, what the file has
/// now and the repair.
pub fn access(lang: Lang, p: &AccessProblem) -> String {
    let f = &p.fault;
    let right = f.right.unwrap_or(Right::Read);
    let beside = f.file != p.db
        && f.file
            .to_string_lossy()
            .starts_with(&*p.db.to_string_lossy());
    let of_db = match (lang, beside) {
        (Lang::Zh, true) => format!("（数据库 {} 的附属文件）", p.db.display()),
        (Lang::En, true) => format!(" (belongs to the database {})", p.db.display()),
        _ => String::new(),
    };
    match lang {
        Lang::Zh => format!(
            "{}{of_db}：您（{}）没有{}的权限（{}）；{}",
            f.file.display(),
            p.user,
            right_words(lang, right),
            now_words(lang, f),
            fix_words(lang, &f.fix)
        ),
        Lang::En => format!(
            "{}{of_db}: you ({}) may not {} ({}); {}",
            f.file.display(),
            p.user,
            right_words(lang, right),
            now_words(lang, f),
            fix_words(lang, &f.fix)
        ),
    }
}

/// One line of `bayu check` for a file whose owner, group or mode is wrong.
pub fn fault(lang: Lang, f: &Fault) -> String {
    let want = f.want.as_ref().map(|w| match (lang, &w.user) {
        (Lang::Zh, Some(u)) => format!("应为属主 {u}，组 {}，权限 {:o}", w.group, w.mode),
        (Lang::Zh, None) => format!("应为组 {}，权限 {:o}", w.group, w.mode),
        (Lang::En, Some(u)) => format!("should be owner {u}, group {}, mode {:o}", w.group, w.mode),
        (Lang::En, None) => format!("should be group {}, mode {:o}", w.group, w.mode),
    });
    let want = want.unwrap_or_default();
    match lang {
        Lang::Zh => format!(
            "{}：{}，{want}；请运行：{}",
            f.file.display(),
            now_words(lang, f),
            f.fix.join("; ")
        ),
        Lang::En => format!(
            "{}: {}, {want}; run: {}",
            f.file.display(),
            now_words(lang, f),
            f.fix.join("; ")
        ),
    }
}

/// The read-only reason when the file is read without its `-wal`/`-shm`.
pub fn read_as_on_disk(lang: Lang, dir: &Path) -> String {
    match lang {
        Lang::Zh => format!(
            "旁边没有 -wal、-shm 文件，而您不能在 {} 中新建文件：按磁盘上的样子只读打开，打开之后别人的修改要重新打开才能看到",
            dir.display()
        ),
        Lang::En => format!(
            "there are no -wal and -shm files beside it and you may not create files in {}: it is read as it is on disk, and changes others make after you open it are seen when you open it again",
            dir.display()
        ),
    }
}

/// What `bayu where` reports.
pub struct Where<'a> {
    pub db: &'a Path,
    pub source: &'a DbSource,
    /// `None` when the file does not exist.
    pub owner: Option<Owner>,
    pub read: bool,
    pub write: bool,
    /// Why the user cannot read it, when that is so.
    pub problem: Option<&'a AccessProblem>,
    pub files: &'a [FileUse],
}

fn scope_words(lang: Lang, scope: Scope) -> &'static str {
    match (lang, scope) {
        (Lang::Zh, Scope::System) => "系统设置",
        (Lang::Zh, Scope::User) => "用户设置",
        (Lang::En, Scope::System) => "system settings",
        (Lang::En, Scope::User) => "user settings",
    }
}

/// The text of `bayu where`.
pub fn where_text(lang: Lang, w: &Where<'_>) -> String {
    let mut out = String::new();
    let why = match (lang, w.source) {
        (Lang::Zh, DbSource::Flag) => "命令行的 --db".to_string(),
        (Lang::En, DbSource::Flag) => "the --db option".to_string(),
        (Lang::Zh, DbSource::Env) => "环境变量 BAYU_DB".to_string(),
        (Lang::En, DbSource::Env) => "the BAYU_DB environment variable".to_string(),
        (Lang::Zh, DbSource::Settings(scope, s)) => format!(
            "{} {} 第 {} 行的 db =",
            scope_words(lang, *scope),
            s.file.display(),
            s.line
        ),
        (Lang::En, DbSource::Settings(scope, s)) => format!(
            "the db = line {} of the {} {}",
            s.line,
            scope_words(lang, *scope),
            s.file.display()
        ),
        (Lang::Zh, DbSource::Default) => {
            "默认位置（没有 --db、BAYU_DB，设置文件也没有 db = 一行）".to_string()
        }
        (Lang::En, DbSource::Default) => {
            "the default place (no --db, no BAYU_DB, no db = line in a settings file)".to_string()
        }
    };
    let state = match (&w.owner, lang) {
        // Hidden behind a directory the user may not enter.
        (None, _) if let Some(p) = w.problem => access(lang, p),
        (None, Lang::Zh) => match w.source {
            DbSource::Default => "还不存在（第一次使用时按内置方案建立）".to_string(),
            _ => "不存在".to_string(),
        },
        (None, Lang::En) => match w.source {
            DbSource::Default => {
                "does not exist yet (made from the built-in plan on first use)".to_string()
            }
            _ => "does not exist".to_string(),
        },
        (Some(o), Lang::Zh) => format!(
            "属主 {}，组 {}，权限 {:o}；您{}",
            o.user,
            o.group,
            o.mode,
            match (w.read, w.write) {
                (true, true) => "可以读写",
                (true, false) => "只能读取",
                _ => "不能读取（bayu check 说明原因）",
            }
        ),
        (Some(o), Lang::En) => format!(
            "owner {}, group {}, mode {:o}; you may {}",
            o.user,
            o.group,
            o.mode,
            match (w.read, w.write) {
                (true, true) => "read and write it",
                (true, false) => "read it only",
                _ => "not read it (bayu check says why)",
            }
        ),
    };
    match lang {
        Lang::Zh => {
            out.push_str(&format!("数据库：{}\n", w.db.display()));
            out.push_str(&format!("  依据：{why}\n"));
            out.push_str(&format!("  文件：{state}\n"));
            out.push_str("设置文件（用户设置中的项优先于系统设置）：\n");
        }
        Lang::En => {
            out.push_str(&format!("database: {}\n", w.db.display()));
            out.push_str(&format!("  because: {why}\n"));
            out.push_str(&format!("  file: {state}\n"));
            out.push_str(
                "settings files (a key in the user settings wins over the system settings):\n",
            );
        }
    }
    for f in w.files {
        let how = match (lang, f.read, f.from_variable) {
            (Lang::Zh, true, false) => "已读取".to_string(),
            (Lang::Zh, true, true) => format!("已读取，由 {} 指定", f.scope.variable()),
            (Lang::Zh, false, _) => "不存在，未使用".to_string(),
            (Lang::En, true, false) => "read".to_string(),
            (Lang::En, true, true) => format!("read, named by {}", f.scope.variable()),
            (Lang::En, false, _) => "not there, not used".to_string(),
        };
        let (sep, open, close) = match lang {
            Lang::Zh => ("：", "（", "）"),
            Lang::En => (": ", " (", ")"),
        };
        out.push_str(&format!(
            "  {}{sep}{}{open}{how}{close}\n",
            scope_words(lang, f.scope),
            f.path.display()
        ));
    }
    out
}

/// The overview's pane on a new, empty database: its title and lines.
pub fn first_start(lang: Lang, path: &str) -> (&'static str, Vec<String>) {
    match lang {
        Lang::Zh => (
            "新数据库",
            vec![
                format!("这是新建的空数据库，还没有报送和时间节点：{path}"),
                "先试用演示数据：bayu --db ~/demo.db init --demo，再 bayu --db ~/demo.db".into(),
                "设置报送计划：bayu plan set …".into(),
                "首批报送表：bayu template reports 生成表格发给各单位，收回后按 5 再按 i 导入"
                    .into(),
            ],
        ),
        Lang::En => (
            "New database",
            vec![
                format!("A new, empty database with no reports or milestones yet: {path}"),
                "Try the demo data: bayu --db ~/demo.db init --demo, then bayu --db ~/demo.db"
                    .into(),
                "Set the reporting schedule: bayu plan set …".into(),
                "First sheets: bayu template reports; import the returns with 5, then i".into(),
            ],
        ),
    }
}
