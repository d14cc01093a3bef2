//! The words of the export view and of the import pane, in Chinese and
//! English, kept beside the console's other words (`console.rs`) but in a
//! file of their own. Fixed words are fields of [`IoStrings`]; words with
//! figures or names in them are functions. Template titles (情况通报 …)
//! are the export's own names and stay Chinese in both languages.

use super::Lang;

pub struct IoStrings {
    pub template: &'static str,
    pub period: &'static str,
    pub agency: &'static str,
    pub wrap: &'static str,
    pub line_ends: &'static str,
    pub all_agencies: &'static str,
    pub all_periods: &'static str,
    pub no_wrap: &'static str,
    pub preview: &'static str,
    pub rendering: &'static str,
    pub preview_not_ready: &'static str,
    pub choose_template: &'static str,
    pub choose_agency: &'static str,
    pub takes: &'static str,
    pub takes_nothing: &'static str,
    pub no_agency_matches: &'static str,
    pub wrap_title: &'static str,
    pub wrap_label: &'static str,
    pub wrap_help: &'static str,
    pub write_title: &'static str,
    pub import_title: &'static str,
    pub file_label: &'static str,
    pub files_label: &'static str,
    pub cwd: &'static str,
    pub write_help: &'static str,
    pub import_help: &'static str,
    pub no_file_name: &'static str,
    pub no_files: &'static str,
    pub writing: &'static str,
    pub copy_title: &'static str,
    pub importing: &'static str,
    pub problems: &'static str,
    pub warnings: &'static str,
    pub summary: &'static str,
    pub filter_label: &'static str,
}

static ZH: IoStrings = IoStrings {
    template: "模板",
    period: "期次",
    agency: "单位",
    wrap: "宽度",
    line_ends: "行尾",
    all_agencies: "全部（不限单位）",
    all_periods: "全部期次",
    no_wrap: "不换行",
    preview: "预览",
    rendering: "正在生成……",
    preview_not_ready: "预览尚未生成，请稍候再试。",
    choose_template: "选择模板",
    choose_agency: "选择责任单位",
    takes: "可选项",
    takes_nothing: "无可选项",
    no_agency_matches: "没有符合的单位。",
    wrap_title: "每行宽度",
    wrap_label: "宽度（列）：",
    wrap_help: "留空则不换行：粘贴进 WPS、Word 的文字请留空。",
    write_title: "写入文件",
    import_title: "导入报送表",
    file_label: "文件：",
    files_label: "文件：",
    cwd: "当前目录",
    write_help: "~ 表示主目录；Tab 补全；写入先存临时文件再改名，不会留下半个文件。",
    import_help: "可填多个文件，用空格分隔；文件名含空格时用 \\ 或引号；可用 * 通配。",
    no_file_name: "请输入文件名。",
    no_files: "请输入至少一个文件。",
    writing: "正在写入……",
    copy_title: "复制到剪贴板",
    importing: "正在导入……",
    problems: "问题",
    warnings: "提示",
    summary: "摘要",
    filter_label: "筛选：",
};

static EN: IoStrings = IoStrings {
    template: "Template",
    period: "Period",
    agency: "Agency",
    wrap: "Width",
    line_ends: "Line ends",
    all_agencies: "All (every agency)",
    all_periods: "every period",
    no_wrap: "none",
    preview: "Preview",
    rendering: "Rendering...",
    preview_not_ready: "The preview is not ready yet; try again in a moment.",
    choose_template: "Choose a template",
    choose_agency: "Choose an agency",
    takes: "Options",
    takes_nothing: "no options",
    no_agency_matches: "No agency matches.",
    wrap_title: "Line width",
    wrap_label: "Columns: ",
    wrap_help: "Empty: no wrapping (leave it empty for text pasted into WPS or Word).",
    write_title: "Write to a file",
    import_title: "Import report sheets",
    file_label: "File: ",
    files_label: "Files: ",
    cwd: "Current directory",
    write_help: "~ is your home; Tab completes; written to a temporary file and renamed, never half a file.",
    import_help: "One or more files, separated by spaces; \\ or quotes for a space in a name; * wildcards.",
    no_file_name: "Type a file name.",
    no_files: "Type at least one file.",
    writing: "Writing...",
    copy_title: "Copy to the clipboard",
    importing: "Importing...",
    problems: "Problems",
    warnings: "Warnings",
    summary: "Summary",
    filter_label: "Filter: ",
};

pub fn tr(lang: Lang) -> &'static IoStrings {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

/// `1,234` — counts in messages.
fn count(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `7.9 KB` — sizes in messages.
pub fn size(bytes: usize) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else if bytes < 1024 * 1024 {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}

/// The template does not take an option.
pub fn not_taken(lang: Lang, title: &str, option: &str) -> String {
    match lang {
        Lang::Zh => format!("{title}没有“{option}”选项。"),
        Lang::En => format!("{title} has no {} option.", option.to_lowercase()),
    }
}

pub fn wrap_not_a_number(lang: Lang, typed: &str) -> String {
    match lang {
        Lang::Zh => format!("“{typed}”不是列数：请输入数字，或留空表示不换行。"),
        Lang::En => {
            format!("{typed:?} is not a number of columns; type a number, or nothing for none.")
        }
    }
}

pub fn wrap_too_narrow(lang: Lang, min: usize) -> String {
    match lang {
        Lang::Zh => format!("太窄：这个模板至少需要 {min} 列。"),
        Lang::En => format!("Too narrow: this template needs at least {min} columns."),
    }
}

/// The narrowest width, for the wrap prompt's help.
pub fn wrap_min(lang: Lang, min: usize) -> String {
    match lang {
        Lang::Zh => format!("最少 {min} 列。"),
        Lang::En => format!("At least {min} columns."),
    }
}

pub fn written(lang: Lang, path: &str, title: &str, bytes: u64) -> String {
    let bytes = count(usize::try_from(bytes).unwrap_or(usize::MAX));
    match lang {
        Lang::Zh => format!("已写入 {path}（{title}，{bytes} 字节）"),
        Lang::En => format!("Wrote {path} ({title}, {bytes} bytes)"),
    }
}

/// After `y`: what was sent, and that terminals do not confirm it (at
/// most 80 columns, the message line's width on a small terminal).
pub fn copied(lang: Lang, chars: usize, tmux: bool) -> String {
    let n = count(chars);
    match (lang, tmux) {
        (Lang::Zh, false) => {
            format!("已经终端（OSC 52）复制 {n} 字；终端不回应，请粘贴确认，不行就按 w 存文件")
        }
        (Lang::Zh, true) => {
            format!("已发给 tmux（OSC 52，{n} 字）；需 set -g set-clipboard on，复制无法确认")
        }
        (Lang::En, false) => {
            format!("Sent {n} chars to the clipboard (OSC 52); paste to check; w saves a file")
        }
        (Lang::En, true) => {
            format!("Sent {n} chars via tmux (OSC 52): needs set -g set-clipboard on; unconfirmed")
        }
    }
}

/// The question before a long copy, line by line.
pub fn copy_warning(
    lang: Lang,
    bytes: usize,
    encoded: usize,
    refused: bool,
    tmux: bool,
) -> Vec<String> {
    let (b, e) = (size(bytes), size(encoded));
    let mut out = match lang {
        Lang::Zh => vec![
            format!("这段文字 {b}，经终端复制要发送 {e}（OSC 52，base64 编码）。"),
            "很多终端只接受几 KB（Termux、旧版 kitty 约 6 KB，tabby 约 3 KB）；超出时剪贴板不变，终端也不提示。".to_string(),
        ],
        Lang::En => vec![
            format!("This text is {b}; copying it through the terminal sends {e} (OSC 52, base64)."),
            "Many terminals take only a few KB (Termux and older kitty about 6 KB, tabby about 3 KB); beyond that the clipboard stays as it was, without a word.".to_string(),
        ],
    };
    if refused {
        out.push(match lang {
            Lang::Zh => "超过 xterm 的上限（约 74 KB）：多数终端不会复制，建议写入文件。".to_string(),
            Lang::En => "That is over xterm's limit (about 74 KB): most terminals will not copy it; write a file instead.".to_string(),
        });
    }
    if tmux {
        out.push(match lang {
            Lang::Zh => "在 tmux 中还需 set -g set-clipboard on。".to_string(),
            Lang::En => "Inside tmux it also needs `set -g set-clipboard on`.".to_string(),
        });
    }
    out
}

pub fn import_read_only(lang: Lang, why: &str) -> String {
    match lang {
        Lang::Zh => format!("不能导入：数据库以只读方式打开（{why}）。"),
        Lang::En => format!("Cannot import: the database is open read-only ({why})."),
    }
}

pub fn cannot_import(lang: Lang, problems: usize) -> String {
    match lang {
        Lang::Zh => format!("有 {problems} 个问题，不能导入；请改正表格后按 i 重新导入。"),
        Lang::En => format!(
            "{problems} problem{} found: nothing can be imported; correct the sheet and press i again.",
            if problems == 1 { "" } else { "s" }
        ),
    }
}

pub fn import_failed(lang: Lang, why: &str) -> String {
    match lang {
        Lang::Zh => format!("导入失败，未导入任何数据：{why}"),
        Lang::En => format!("The import failed and nothing was imported: {why}"),
    }
}

pub fn imported(
    lang: Lang,
    added: usize,
    revisions: usize,
    duplicates: usize,
    batches: &[i64],
) -> String {
    let list = batches
        .iter()
        .map(|b| b.to_string())
        .collect::<Vec<_>>()
        .join(" ");
    match lang {
        Lang::Zh => {
            let mut s = format!("已导入：新增报送 {} 条", count(added));
            if revisions > 0 {
                s.push_str(&format!("（其中重报 {} 条）", count(revisions)));
            }
            if duplicates > 0 {
                s.push_str(&format!("，跳过重复 {} 条", count(duplicates)));
            }
            if !list.is_empty() {
                s.push_str(&format!("；撤销：bayu import undo {list}"));
            }
            s
        }
        Lang::En => {
            let mut s = format!(
                "Imported: {} report{} added",
                count(added),
                if added == 1 { "" } else { "s" }
            );
            if revisions > 0 {
                s.push_str(&format!(" ({} re-submissions)", count(revisions)));
            }
            if duplicates > 0 {
                s.push_str(&format!(", {} duplicates skipped", count(duplicates)));
            }
            if !list.is_empty() {
                s.push_str(&format!("; to undo: bayu import undo {list}"));
            }
            s
        }
    }
}

pub fn checking(lang: Lang, done: usize, total: usize) -> String {
    let pct = (done * 100).checked_div(total).unwrap_or(0);
    match (lang, total) {
        (Lang::Zh, 0) => "正在读取文件……".to_string(),
        (Lang::En, 0) => "Reading the files...".to_string(),
        (Lang::Zh, _) => format!("正在检查：{}/{} 行（{pct}%）", count(done), count(total)),
        (Lang::En, _) => format!("Checking: {}/{} rows ({pct}%)", count(done), count(total)),
    }
}

pub fn check_clean(lang: Lang) -> String {
    lang.pick(
        "检查完毕，没有问题（尚未写入）。按 y 或 Enter 导入，Esc 取消。",
        "Checked: no problems (nothing written yet). y or Enter imports, Esc cancels.",
    )
    .to_string()
}

pub fn check_problems(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("发现 {n} 个问题，未导入任何数据。改正表格后按 i 重新导入。"),
        Lang::En => format!(
            "{n} problem{}: nothing was imported; correct the sheet, then i again.",
            if n == 1 { "" } else { "s" }
        ),
    }
}

pub fn no_match(lang: Lang, prefix: &str) -> String {
    match lang {
        Lang::Zh if prefix.is_empty() => "该目录是空的。".to_string(),
        Lang::Zh => format!("没有以“{prefix}”开头的文件或目录。"),
        Lang::En if prefix.is_empty() => "The directory is empty.".to_string(),
        Lang::En => format!("No file or directory starts with {prefix:?}."),
    }
}

/// `还有 5 个` under a cut list.
pub fn more(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("……还有 {n} 个"),
        Lang::En => format!("... {n} more"),
    }
}

/// `第 1–18 行，共 52 行` — where the preview is.
pub fn rows_shown(lang: Lang, first: usize, last: usize, total: usize) -> String {
    match lang {
        Lang::Zh => format!("{first}–{last}/{total}"),
        Lang::En => format!("{first}-{last}/{total}"),
    }
}

/// `7,903 字节 · 36 行` — the size of the export.
pub fn text_size(lang: Lang, bytes: usize, lines: usize, bom: bool) -> String {
    let bom = if bom {
        lang.pick(" · 带BOM", " · BOM")
    } else {
        ""
    };
    match lang {
        Lang::Zh => format!("{} 字节 · {} 行{bom}", count(bytes), count(lines)),
        Lang::En => format!("{} bytes · {} lines{bom}", count(bytes), count(lines)),
    }
}

/// The existing file a write would replace.
pub fn exists(lang: Lang, path: &str) -> String {
    match lang {
        Lang::Zh => format!("文件已存在：{path}。按 y 覆盖，按 n 或 Esc 返回修改。"),
        Lang::En => format!("{path} exists. y replaces it; n or Esc goes back to the name."),
    }
}

/// The directory a file would go into does not exist.
pub fn no_directory(lang: Lang, dir: &str) -> String {
    match lang {
        Lang::Zh => format!("目录 {dir} 不存在；请改正路径（Tab 可补全）。"),
        Lang::En => {
            format!("The directory {dir} does not exist; correct the path (Tab completes).")
        }
    }
}

pub fn cannot_write(lang: Lang, path: &str, why: &str) -> String {
    match lang {
        Lang::Zh => format!("无法写入 {path}：{why}"),
        Lang::En => format!("Cannot write {path}: {why}"),
    }
}

pub fn cannot_list(lang: Lang, dir: &str, why: &str) -> String {
    match lang {
        Lang::Zh => format!("无法读取目录 {dir}：{why}"),
        Lang::En => format!("Cannot read the directory {dir}: {why}"),
    }
}

pub fn nothing_matches(lang: Lang, pattern: &str) -> String {
    match lang {
        Lang::Zh => format!("没有文件符合 {pattern}。"),
        Lang::En => format!("No file matches {pattern}."),
    }
}

/// A quote problem of a returned sheet (`import::quotes`), for the
/// problem list (`FILE:LINE: …`, the line where the quote opened).
pub fn quote_fault(lang: Lang, f: &crate::import::quotes::QuoteFault) -> String {
    use crate::import::quotes::QuoteFault as Q;
    match (f, lang) {
        (Q::Unclosed { .. }, Lang::Zh) => {
            "这一行打开一格的引号（\"）直到文件末尾都没有配对：其后各行都会被读进这一格。请删去多余的引号，或在这一格末尾补上引号；文件是否不完整？".to_string()
        }
        (Q::Unclosed { .. }, Lang::En) => {
            "the quote (\") that opens a cell on this line is never closed: every line after it would be read into that one cell. Remove the stray quote or close the cell with one; is the file complete?".to_string()
        }
        (Q::TextAfterClose { at, .. }, Lang::Zh) => format!(
            "这一行打开的带引号的格，在第{at}行的结束引号后还有文字：引号不配对（格中的引号要写成两个 \"\"）"
        ),
        (Q::TextAfterClose { at, .. }, Lang::En) => format!(
            "the quoted cell opened on this line has text after its closing quote (line {at}): the quotes do not pair up (a quote inside a cell is written twice, \"\")"
        ),
        (Q::SpansLines { lines, .. }, Lang::Zh) => format!(
            "这一格从这一行起跨了{lines}行，而这一列不会有换行：多半是少了一个配对的引号"
        ),
        (Q::SpansLines { lines, .. }, Lang::En) => format!(
            "the quoted cell opened on this line runs over {lines} lines, and this column never holds line breaks: a quote is probably missing its partner"
        ),
        (Q::SwallowsRow { row_line, unit, .. }, Lang::Zh) => format!(
            "这一行打开的带引号的格把第{row_line}行（{unit}的一行）也读了进去：少了一个配对的引号，被吞进去的各行会丢失"
        ),
        (Q::SwallowsRow { row_line, unit, .. }, Lang::En) => format!(
            "the quoted cell opened on this line takes in line {row_line}, a row of its own ({unit}): a quote is missing its partner, and the rows it swallows would be lost"
        ),
    }
}

/// A sheet with bytes its encoding does not have (they became U+FFFD).
pub fn bytes_not_valid(lang: Lang, encoding: crate::import::Encoding) -> String {
    match lang {
        Lang::Zh => format!(
            "有些字节不是有效的 {encoding}，已换成替换字符 U+FFFD（文字若显示不对，试试 --encoding {}）",
            encoding.other()
        ),
        Lang::En => format!(
            "some bytes are not valid {encoding}; they were replaced by U+FFFD, the replacement character (if the text looks wrong, try --encoding {})",
            encoding.other()
        ),
    }
}

/// A byte-order mark found after the start of a sheet.
pub fn inner_bom(lang: Lang) -> &'static str {
    lang.pick(
        "这一行有一个字节顺序标记（BOM），多半是两个文件拼在了一起；已忽略它，请确认没有重复的表头或行",
        "a byte-order mark in the middle of the file (two files joined into one?); it was ignored. Check for a repeated header or rows",
    )
}
