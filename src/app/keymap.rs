//! The one table of keys. Every key the console reacts to is here, bound to
//! a named [`Command`] with a description in both languages; the `?` help
//! and the footer hints are generated from this table, and nothing else in
//! the program looks at key codes. Nothing essential sits on keys that tmux
//! or terminals take (C-b, C-s, C-q, C-j/C-k).

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::{Action, Command};
pub use super::command::Scope;
use super::state::{Modal, PromptKind, State, View};
use crate::i18n::Lang;

/// A key as the table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    code: KeyCode,
    ctrl: bool,
}

impl Key {
    const fn ch(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: false,
        }
    }

    const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: true,
        }
    }

    const fn code(code: KeyCode) -> Key {
        Key { code, ctrl: false }
    }

    /// Reads a terminal key event; `None` for releases and Alt chords.
    pub fn from_event(e: &KeyEvent) -> Option<Key> {
        if e.kind == KeyEventKind::Release || e.modifiers.contains(KeyModifiers::ALT) {
            return None;
        }
        let ctrl = e.modifiers.contains(KeyModifiers::CONTROL);
        let code = match e.code {
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            // Shift is in the character itself (`G`), and Shift-Tab is BackTab.
            other => other,
        };
        Some(Key { code, ctrl })
    }

    /// How the help and the footer write the key: plain ASCII, so that it
    /// lines up on every terminal.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "S-Tab".into(),
            KeyCode::Backspace => "Bksp".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::Up => "Up".into(),
            KeyCode::Down => "Down".into(),
            KeyCode::Left => "Left".into(),
            KeyCode::Right => "Right".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            other => format!("{other:?}"),
        };
        if self.ctrl { format!("C-{base}") } else { base }
    }
}

/// Whether `e` gives up waiting for another user's write: the console
/// asks while SQLite waits for the write lock (`tui::busy`), when no
/// binding can be looked up because an operation is under way.
pub fn gives_up_waiting(e: &KeyEvent) -> bool {
    e.kind != KeyEventKind::Release && Key::from_event(e) == Some(Key::code(KeyCode::Esc))
}

/// One line of the table.
#[derive(Debug)]
pub struct Binding {
    pub scope: Scope,
    pub keys: &'static [Key],
    pub command: Command,
    /// What the key does, for the help.
    pub zh: &'static str,
    pub en: &'static str,
    /// A short word for the footer, when the key is worth a hint there.
    pub hint: Option<(&'static str, &'static str)>,
}

impl Binding {
    pub fn describe(&self, lang: Lang) -> &'static str {
        lang.pick(self.zh, self.en)
    }

    pub fn hint(&self, lang: Lang) -> Option<&'static str> {
        self.hint.map(|(zh, en)| lang.pick(zh, en))
    }

    /// `j/Down` — the keys as the help lists them.
    pub fn keys_label(&self) -> String {
        self.keys
            .iter()
            .map(Key::label)
            .collect::<Vec<_>>()
            .join("/")
    }
}

use Command as C;
use KeyCode as K;
use Scope::{Confirm, Conflict, Form, Global, Help, Items, Picker, Prompt};

const fn b(
    scope: Scope,
    keys: &'static [Key],
    command: Command,
    zh: &'static str,
    en: &'static str,
    hint: Option<(&'static str, &'static str)>,
) -> Binding {
    Binding {
        scope,
        keys,
        command,
        zh,
        en,
        hint,
    }
}

const PLAN: Scope = Scope::View(View::Plan);
const UNITS: Scope = Scope::View(View::Units);
const MILESTONES: Scope = Scope::View(View::Milestones);
const REPORTS: Scope = Scope::View(View::Reports);
const EXPORT: Scope = Scope::View(View::Export);

/// The keymap. View bindings come before global ones so that they win.
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    // 任务
    b(PLAN, &[Key::ch('h'), Key::code(K::Left)], C::Left, "收起，或回到上级", "collapse, or go to the parent", None),
    b(PLAN, &[Key::ch('l'), Key::code(K::Right)], C::Right, "展开，或进入下级", "expand, or go to the first child", None),
    b(PLAN, &[Key::code(K::Enter)], C::Open, "展开/收起", "expand/collapse", Some(("展开", "fold"))),
    b(PLAN, &[Key::ch('J')], C::DetailDown, "详情向下滚动", "scroll the details down", None),
    b(PLAN, &[Key::ch('K')], C::DetailUp, "详情向上滚动", "scroll the details up", None),
    // 单位
    b(UNITS, &[Key::ch('h'), Key::code(K::Left)], C::Left, "切换到责任单位", "go to the agencies", None),
    b(UNITS, &[Key::ch('l'), Key::code(K::Right)], C::Right, "切换到区县", "go to the units", None),
    b(UNITS, &[Key::code(K::Enter)], C::Open, "查看该单位的任务或报送", "show its tasks or reports", Some(("查看", "open"))),
    // 节点
    b(MILESTONES, &[Key::code(K::Enter)], C::Open, "在任务中查看", "show its task", Some(("任务", "task"))),
    // 报送
    b(REPORTS, &[Key::ch('m')], C::Mode, "切换：报送列表 / 按期次 / 按任务", "switch: inbox / by period / by task", Some(("矩阵", "matrix"))),
    b(REPORTS, &[Key::ch('h'), Key::code(K::Left)], C::Left, "矩阵：左一列", "matrix: column left", None),
    b(REPORTS, &[Key::ch('l'), Key::code(K::Right)], C::Right, "矩阵：右一列", "matrix: column right", None),
    b(REPORTS, &[Key::ch('[')], C::PrevPeriod, "按任务：上一期", "by task: previous period", None),
    b(REPORTS, &[Key::ch(']')], C::NextPeriod, "按任务：下一期", "by task: next period", None),
    b(REPORTS, &[Key::ch('J')], C::DetailDown, "正文向下滚动", "scroll the text down", None),
    b(REPORTS, &[Key::ch('K')], C::DetailUp, "正文向上滚动", "scroll the text up", None),
    b(REPORTS, &[Key::ch('i')], C::Import, "导入报送表（CSV，先检查后导入）", "import report sheets (CSV; checked first)", Some(("导入", "import"))),
    // 导出
    b(EXPORT, &[Key::code(K::Enter)], C::Template, "选择模板", "choose the template", Some(("模板", "template"))),
    b(EXPORT, &[Key::ch('[')], C::PrevPeriod, "期次：上一期", "period: previous", None),
    b(EXPORT, &[Key::ch(']')], C::NextPeriod, "期次：下一期", "period: next", None),
    b(EXPORT, &[Key::ch('a')], C::Agency, "选择责任单位（中文或拼音筛选）", "choose the agency (Chinese or pinyin filter)", None),
    b(EXPORT, &[Key::ch('n')], C::WrapWidth, "每行宽度（换行）", "line width (wrapping)", None),
    b(EXPORT, &[Key::ch('c')], C::LineEnds, "行尾：LF / CRLF（Windows）", "line ends: LF / CRLF (Windows)", None),
    b(EXPORT, &[Key::ch('w')], C::Write, "写入文件", "write it to a file", Some(("写入", "write"))),
    b(EXPORT, &[Key::ch('y')], C::Copy, "复制到剪贴板（OSC 52，经 SSH 也可）", "copy to your clipboard (OSC 52, works over SSH)", Some(("复制", "copy"))),
    b(EXPORT, &[Key::ch('h'), Key::code(K::Left)], C::Left, "表格向左滚动", "scroll a table left", None),
    b(EXPORT, &[Key::ch('l'), Key::code(K::Right)], C::Right, "表格向右滚动", "scroll a table right", None),
    // Everywhere
    b(Global, &[Key::ch('j'), Key::code(K::Down)], C::Down, "下移", "move down", Some(("移动", "move"))),
    b(Global, &[Key::ch('k'), Key::code(K::Up)], C::Up, "上移", "move up", None),
    b(Global, &[Key::code(K::PageDown), Key::ctrl('f')], C::PageDown, "下翻一页", "page down", None),
    b(Global, &[Key::code(K::PageUp), Key::ctrl('b')], C::PageUp, "上翻一页", "page up", None),
    b(Global, &[Key::ch('g'), Key::code(K::Home)], C::Top, "到顶部", "go to the top", None),
    b(Global, &[Key::ch('G'), Key::code(K::End)], C::Bottom, "到底部", "go to the bottom", None),
    b(Global, &[Key::ch('/')], C::Filter, "筛选（中文或拼音首字母，如 yzq）", "filter (Chinese or pinyin initials, e.g. yzq)", Some(("筛选", "filter"))),
    b(Global, &[Key::code(K::Esc)], C::Back, "清除筛选 / 返回", "clear the filter / back", None),
    b(Global, &[Key::ch('t')], C::AsOf, "更改截至日期", "change the as-of date", Some(("日期", "date"))),
    b(Global, &[Key::ch('1')], C::Overview, "总览", "overview", None),
    b(Global, &[Key::ch('2')], C::Plan, "任务", "plan", None),
    b(Global, &[Key::ch('3')], C::Units, "单位", "agencies & units", None),
    b(Global, &[Key::ch('4')], C::Milestones, "节点", "milestones", None),
    b(Global, &[Key::ch('5')], C::Reports, "报送", "reports", None),
    b(Global, &[Key::ch('6')], C::Export, "导出", "export", None),
    b(Global, &[Key::code(K::Tab)], C::NextView, "下一个视图", "next view", Some(("视图", "views"))),
    b(Global, &[Key::code(K::BackTab)], C::PrevView, "上一个视图", "previous view", None),
    b(Global, &[Key::ch('?')], C::Help, "按键帮助", "keys", Some(("帮助", "help"))),
    b(Global, &[Key::ctrl('l')], C::Redraw, "重绘屏幕", "redraw the screen", None),
    b(Global, &[Key::ch('q'), Key::ctrl('c')], C::Quit, "退出", "quit", Some(("退出", "quit"))),
    // A prompt
    b(Prompt, &[Key::code(K::Enter)], C::Submit, "确定", "accept", Some(("确定", "accept"))),
    b(Prompt, &[Key::code(K::Esc)], C::Back, "取消（筛选：清除）", "cancel (filter: clear)", Some(("取消", "cancel"))),
    b(Prompt, &[Key::code(K::Backspace), Key::ctrl('h')], C::DeleteBack, "删除前一个字", "delete before the cursor", None),
    b(Prompt, &[Key::code(K::Delete), Key::ctrl('d')], C::DeleteForward, "删除后一个字", "delete at the cursor", None),
    b(Prompt, &[Key::code(K::Left)], C::CursorLeft, "光标左移", "cursor left", None),
    b(Prompt, &[Key::code(K::Right)], C::CursorRight, "光标右移", "cursor right", None),
    b(Prompt, &[Key::code(K::Home), Key::ctrl('a')], C::CursorHome, "到行首", "to the start", None),
    b(Prompt, &[Key::code(K::End), Key::ctrl('e')], C::CursorEnd, "到行尾", "to the end", None),
    b(Prompt, &[Key::ctrl('u')], C::ClearInput, "清空", "clear", None),
    b(Prompt, &[Key::ctrl('w')], C::DeleteWord, "删除前一个词", "delete the word before", None),
    b(Prompt, &[Key::ctrl('c')], C::Quit, "退出", "quit", None),
    // The help
    b(Help, &[Key::code(K::Esc), Key::ch('?'), Key::ch('q')], C::Back, "关闭帮助", "close the help", Some(("关闭", "close"))),
    b(Help, &[Key::ch('j'), Key::code(K::Down)], C::Down, "向下滚动", "scroll down", None),
    b(Help, &[Key::ch('k'), Key::code(K::Up)], C::Up, "向上滚动", "scroll up", None),
    b(Help, &[Key::ctrl('c')], C::Quit, "退出", "quit", None),
    b(Help, &[Key::ctrl('l')], C::Redraw, "重绘屏幕", "redraw the screen", None),
    // Editing in the views
    b(PLAN, &[Key::ch('a')], C::Add, "在所选项下新增子任务", "add a sub-task under the selected node", None),
    b(PLAN, &[Key::ch('e')], C::EditItem, "编辑：标题、正文、状态、日期、进度（含生效日期）、责任单位", "edit: title, text, status, dates, progress (with their date of effect), agencies", Some(("编辑", "edit"))),
    b(PLAN, &[Key::ch('d')], C::Delete, "删除（先列出随之删除的内容，y 确认）", "delete (says what goes with it; y confirms)", None),
    b(PLAN, &[Key::ch('s')], C::CycleStatus, "下一状态：确认生效日期（滞后、暂停须填原因）", "next status: its date of effect (late, paused: with a reason)", None),
    b(PLAN, &[Key::ch('[')], C::MoveUp, "在同级中上移", "move up among its siblings", None),
    b(PLAN, &[Key::ch(']')], C::MoveDown, "在同级中下移", "move down among its siblings", None),
    b(PLAN, &[Key::ch('m')], C::MilestoneList, "时间节点：新增、编辑、完成、删除", "milestones: add, edit, done, delete", None),
    b(PLAN, &[Key::ch('i')], C::IndicatorList, "指标：名称、计量单位、目标值", "indicators: name, measure, target", None),
    b(UNITS, &[Key::ch('a')], C::Add, "新增责任单位（左栏）或区县（右栏）", "add an agency (left) or a unit (right)", None),
    b(UNITS, &[Key::ch('e')], C::EditItem, "编辑：更名；区县的终止日期", "edit: rename; a unit's end date", Some(("编辑", "edit"))),
    b(MILESTONES, &[Key::ch('a')], C::Add, "新增时间节点（从列表选择任务）", "add a milestone (pick its task)", None),
    b(MILESTONES, &[Key::ch('e')], C::EditItem, "编辑所选节点的标题和截止日期", "edit the milestone's title and due date", None),
    b(MILESTONES, &[Key::ch('x')], C::MarkDone, "标记完成（默认截至日期）；已完成的重新打开", "done (on the as-of date, editable); reopen", Some(("完成", "done"))),
    b(MILESTONES, &[Key::ch('d')], C::Delete, "删除所选节点（y 确认）", "delete the milestone (y confirms)", None),
    b(REPORTS, &[Key::ch('a')], C::Add, "新增报送（单位、任务可拼音筛选）", "add a report (unit, task picked from lists)", Some(("报送", "add"))),
    b(REPORTS, &[Key::ch('e')], C::EditItem, "更正所选报送", "correct the selected report", None),
    b(REPORTS, &[Key::ch('r')], C::ReviewReport, "审核：已采纳 / 退回（须填意见）", "review: accepted / returned (with a comment)", None),
    b(Global, &[Key::ch('P')], C::Schedule, "方案进度安排：起止日期、预警天数、报送宽限、报送周期", "the plan's schedule: start, end, warning days, grace days, reporting cycle", None),
    b(Global, &[Key::ch('u')], C::Undo, "撤销我的上一次修改", "undo my last change", None),
    b(Global, &[Key::ctrl('r')], C::Redo, "重做刚撤销的修改", "redo what was undone", None),
    // A form
    b(Form, &[Key::code(K::Tab)], C::NextField, "下一项", "next field", Some(("下一项", "next"))),
    b(Form, &[Key::code(K::BackTab)], C::PrevField, "上一项", "previous field", None),
    b(Form, &[Key::code(K::Enter)], C::Submit, "下一项（多行文本中换行；列表项打开列表）", "next field (new line in text; opens a list)", None),
    b(Form, &[Key::ctrl('s'), Key::ctrl('o')], C::Save, "保存", "save", Some(("保存", "save"))),
    b(Form, &[Key::code(K::Esc), Key::ctrl('c')], C::Back, "取消（已填写时先确认）", "cancel (asks if something was typed)", Some(("取消", "cancel"))),
    b(Form, &[Key::code(K::Up)], C::Up, "上一项（多行文本中上移一行）", "previous field (a line up in text)", None),
    b(Form, &[Key::code(K::Down)], C::Down, "下一项（多行文本中下移一行）", "next field (a line down in text)", None),
    b(Form, &[Key::code(K::Left)], C::CursorLeft, "光标左移；选项：上一个", "cursor left; a choice: previous", None),
    b(Form, &[Key::code(K::Right)], C::CursorRight, "光标右移；选项：下一个", "cursor right; a choice: next", None),
    b(Form, &[Key::code(K::Backspace), Key::ctrl('h')], C::DeleteBack, "删除前一个字（列表项：去掉最后一个）", "delete before the cursor (a list: the last pick)", None),
    b(Form, &[Key::code(K::Delete), Key::ctrl('d')], C::DeleteForward, "删除后一个字", "delete at the cursor", None),
    b(Form, &[Key::code(K::Home), Key::ctrl('a')], C::CursorHome, "到行首", "to the start", None),
    b(Form, &[Key::code(K::End), Key::ctrl('e')], C::CursorEnd, "到行尾", "to the end", None),
    b(Form, &[Key::ctrl('u')], C::ClearInput, "清空（多行文本：光标前的本行）", "clear (text: the line before the cursor)", None),
    b(Form, &[Key::ctrl('w')], C::DeleteWord, "删除前一个词", "delete the word before", None),
    b(Form, &[Key::ctrl('l')], C::Redraw, "重绘屏幕", "redraw the screen", None),
    // A pick list in a form
    b(Picker, &[Key::code(K::Enter)], C::Submit, "选定（多选时选中/取消）", "pick (several: pick or unpick)", Some(("选定", "pick"))),
    b(Picker, &[Key::ch(' ')], C::Toggle, "选中/取消", "pick or unpick", None),
    b(Picker, &[Key::code(K::Down)], C::Down, "下移", "move down", None),
    b(Picker, &[Key::code(K::Up)], C::Up, "上移", "move up", None),
    b(Picker, &[Key::code(K::PageDown)], C::PageDown, "下翻", "page down", None),
    b(Picker, &[Key::code(K::PageUp)], C::PageUp, "上翻", "page up", None),
    b(Picker, &[Key::code(K::Esc), Key::ctrl('c')], C::Back, "关闭列表", "close the list", Some(("关闭", "close"))),
    b(Picker, &[Key::code(K::Tab)], C::NextField, "关闭列表，到下一项", "close, next field", None),
    b(Picker, &[Key::code(K::BackTab)], C::PrevField, "关闭列表，到上一项", "close, previous field", None),
    b(Picker, &[Key::code(K::Backspace), Key::ctrl('h')], C::DeleteBack, "删除筛选的字（为空时去掉最后选中的）", "delete a filter character (empty: the last pick)", None),
    b(Picker, &[Key::code(K::Left)], C::CursorLeft, "光标左移", "cursor left", None),
    b(Picker, &[Key::code(K::Right)], C::CursorRight, "光标右移", "cursor right", None),
    b(Picker, &[Key::ctrl('u')], C::ClearInput, "清空筛选", "clear the filter", None),
    b(Picker, &[Key::ctrl('s'), Key::ctrl('o')], C::Save, "保存表单", "save the form", None),
    // A question
    b(Confirm, &[Key::ch('y')], C::Yes, "确定", "yes", Some(("确定", "yes"))),
    b(Confirm, &[Key::ch('n'), Key::code(K::Esc), Key::ctrl('c')], C::Back, "取消", "no", Some(("取消", "no"))),
    // A conflict
    b(Conflict, &[Key::ch('t')], C::KeepTheirs, "保留对方的版本（放弃我的修改）", "keep theirs (drop my change)", Some(("保留对方", "theirs"))),
    b(Conflict, &[Key::ch('m')], C::SaveMine, "用我的版本覆盖（我未改的项保留对方的）", "save mine over theirs (their other changes stay)", Some(("用我的", "mine"))),
    b(Conflict, &[Key::ch('e'), Key::code(K::Esc)], C::BackToEdit, "返回编辑（以对方的版本为底）", "back to editing (on top of theirs)", Some(("返回编辑", "edit"))),
    // A task's milestones or indicators
    b(Items, &[Key::ch('j'), Key::code(K::Down)], C::Down, "下移", "move down", None),
    b(Items, &[Key::ch('k'), Key::code(K::Up)], C::Up, "上移", "move up", None),
    b(Items, &[Key::ch('a')], C::Add, "新增", "add", Some(("新增", "add"))),
    b(Items, &[Key::ch('e'), Key::code(K::Enter)], C::EditItem, "编辑", "edit", Some(("编辑", "edit"))),
    b(Items, &[Key::ch('x')], C::MarkDone, "节点：标记完成 / 重新打开", "milestone: done / reopen", None),
    b(Items, &[Key::ch('d')], C::Delete, "删除（y 确认）", "delete (y confirms)", None),
    b(Items, &[Key::code(K::Esc), Key::ch('q'), Key::ctrl('c')], C::Back, "关闭", "close", Some(("关闭", "close"))),
    // A path (`w`, `i`); the typing keys as in a prompt
    b(Scope::Path, &[Key::code(K::Tab)], C::Complete, "补全路径", "complete the path", Some(("补全", "complete"))),
    b(Scope::Path, &[Key::code(K::Enter)], C::Submit, "确定（写入，或检查表格）", "accept (write, or check the sheets)", Some(("确定", "accept"))),
    b(Scope::Path, &[Key::code(K::Esc)], C::Back, "取消", "cancel", Some(("取消", "cancel"))),
    // The template list
    b(Scope::Templates, &[Key::ch('j'), Key::code(K::Down)], C::Down, "下一个", "next", Some(("移动", "move"))),
    b(Scope::Templates, &[Key::ch('k'), Key::code(K::Up)], C::Up, "上一个", "previous", None),
    b(Scope::Templates, &[Key::code(K::Enter)], C::Submit, "选用", "use it", Some(("选用", "use"))),
    b(Scope::Templates, &[Key::code(K::Esc), Key::ch('q')], C::Back, "取消", "cancel", Some(("取消", "cancel"))),
    b(Scope::Templates, &[Key::ctrl('c')], C::Quit, "退出", "quit", None),
    // The agency picker; the typing keys as in a prompt
    b(Scope::Agencies, &[Key::code(K::Down), Key::ctrl('n')], C::Down, "下一个", "next", None),
    b(Scope::Agencies, &[Key::code(K::Up), Key::ctrl('p')], C::Up, "上一个", "previous", None),
    b(Scope::Agencies, &[Key::code(K::Enter)], C::Submit, "选用", "use it", Some(("选用", "use"))),
    b(Scope::Agencies, &[Key::code(K::Esc)], C::Back, "取消", "cancel", Some(("取消", "cancel"))),
    // Replace a file?
    b(Scope::Overwrite, &[Key::ch('y')], C::Yes, "覆盖已有文件", "replace the file", Some(("覆盖", "replace"))),
    b(Scope::Overwrite, &[Key::ch('n'), Key::code(K::Esc)], C::Back, "不覆盖，返回修改文件名", "keep it, back to the name", Some(("返回", "back"))),
    b(Scope::Overwrite, &[Key::ctrl('c')], C::Quit, "退出", "quit", None),
    // Copy a long text?
    b(Scope::CopyWarning, &[Key::ch('y')], C::Yes, "仍然复制", "copy anyway", Some(("仍然复制", "copy anyway"))),
    b(Scope::CopyWarning, &[Key::ch('w')], C::Write, "改为写入文件", "write a file instead", Some(("写入文件", "write a file"))),
    b(Scope::CopyWarning, &[Key::code(K::Esc), Key::ch('n')], C::Back, "取消", "cancel", Some(("取消", "cancel"))),
    b(Scope::CopyWarning, &[Key::ctrl('c')], C::Quit, "退出", "quit", None),
    // The import pane
    b(Scope::ImportPane, &[Key::ch('y'), Key::code(K::Enter)], C::Yes, "导入（没有问题时）", "import (when there is no problem)", Some(("导入", "import"))),
    b(Scope::ImportPane, &[Key::ch('j'), Key::code(K::Down)], C::Down, "向下滚动", "scroll down", Some(("滚动", "scroll"))),
    b(Scope::ImportPane, &[Key::ch('k'), Key::code(K::Up)], C::Up, "向上滚动", "scroll up", None),
    b(Scope::ImportPane, &[Key::code(K::PageDown), Key::ctrl('f')], C::PageDown, "下翻一页", "page down", None),
    b(Scope::ImportPane, &[Key::code(K::PageUp), Key::ctrl('b')], C::PageUp, "上翻一页", "page up", None),
    b(Scope::ImportPane, &[Key::ch('g'), Key::code(K::Home)], C::Top, "到顶部", "go to the top", None),
    b(Scope::ImportPane, &[Key::ch('G'), Key::code(K::End)], C::Bottom, "到底部", "go to the bottom", None),
    b(Scope::ImportPane, &[Key::code(K::Esc), Key::ch('q')], C::Back, "关闭（检查中：放弃）", "close (while checking: abandon)", Some(("关闭", "close"))),
    b(Scope::ImportPane, &[Key::ctrl('c')], C::Quit, "退出", "quit", None),
];

/// The scopes that are listening, most specific first.
pub fn scopes(state: &State) -> Vec<Scope> {
    match &state.modal {
        Some(Modal::Prompt(_)) => vec![Prompt],
        Some(Modal::Help { .. }) => vec![Help],
        Some(Modal::Edit(m)) => vec![m.scope()],
        Some(Modal::Io(m)) => m.scopes(),
        None => vec![Scope::View(state.view), Global],
    }
}

/// The bindings that apply now, most specific first, each key once.
pub fn active(state: &State) -> Vec<&'static Binding> {
    let mut out: Vec<&'static Binding> = Vec::new();
    for scope in scopes(state) {
        for bind in BINDINGS.iter().filter(|b| b.scope == scope) {
            let shadowed = bind
                .keys
                .iter()
                .all(|k| out.iter().any(|o| o.keys.contains(k)));
            if !shadowed {
                out.push(bind);
            }
        }
    }
    out
}

/// What a key press means now.
pub fn action_for(state: &State, event: &KeyEvent) -> Option<Action> {
    let key = Key::from_event(event)?;
    for scope in scopes(state) {
        if let Some(bind) = BINDINGS
            .iter()
            .find(|b| b.scope == scope && b.keys.contains(&key))
        {
            return Some(Action::Command(bind.command));
        }
    }
    match (&state.modal, key.code) {
        (Some(Modal::Prompt(_)), KeyCode::Char(c)) if !key.ctrl => Some(Action::Input(c)),
        (Some(Modal::Edit(m)), KeyCode::Char(c)) if !key.ctrl && m.takes_text() => {
            Some(Action::Input(c))
        }
        (Some(Modal::Io(m)), KeyCode::Char(c)) if !key.ctrl && m.takes_text() => {
            Some(Action::Input(c))
        }
        _ => None,
    }
}

/// The bindings the `?` help lists for the current view: the view's own,
/// then the global ones.
pub fn help_bindings(view: View) -> Vec<&'static Binding> {
    BINDINGS
        .iter()
        .filter(|b| b.scope == Scope::View(view))
        .chain(BINDINGS.iter().filter(|b| b.scope == Global))
        .filter(|b| b.command != C::Filter || view.filterable())
        .collect()
}

/// Footer hints: `(keys, word)` pairs for the current state, most useful first.
pub fn hints(state: &State) -> Vec<(String, &'static str)> {
    let lang = state.lang();
    let filterable = state.view.filterable();
    let as_of_prompt = matches!(
        &state.modal,
        Some(Modal::Prompt(p)) if p.kind == PromptKind::AsOf
    );
    active(state)
        .into_iter()
        .filter(|b| b.command != C::Filter || filterable)
        .filter(|b| !matches!(&state.modal, Some(Modal::Io(m)) if m.idle(b.command)))
        .filter_map(|b| {
            let word = b.hint(lang)?;
            let word = if as_of_prompt && b.command == C::Back {
                lang.pick("取消", "cancel")
            } else {
                word
            };
            let keys = match b.command {
                C::Down => "j/k".to_string(),
                C::NextView => "1-6/Tab".to_string(),
                _ => b.keys.first().map(Key::label).unwrap_or_default(),
            };
            Some((keys, word))
        })
        .collect()
}

/// The keymap as a Markdown table, as README.md shows it (a test keeps the
/// two the same).
pub fn markdown() -> String {
    let scope = |s: Scope| match s {
        Scope::Global => "every view".to_string(),
        Scope::View(v) => format!("view {}", v.number()),
        Scope::Prompt => "typing (`/`, `t`, `a`, `n`, `w`, `i`)".to_string(),
        Scope::Help => "help (`?`)".to_string(),
        Scope::Form => "form".to_string(),
        Scope::Picker => "pick list (form)".to_string(),
        Scope::Confirm => "question".to_string(),
        Scope::Conflict => "conflict".to_string(),
        Scope::Items => "list (`m`, `i`)".to_string(),
        Scope::Path => "a path (`w`, `i`)".to_string(),
        Scope::Templates => "template list (view 6, `Enter`)".to_string(),
        Scope::Agencies => "agency list (view 6, `a`)".to_string(),
        Scope::Overwrite => "replace a file? (`w`)".to_string(),
        Scope::CopyWarning => "copy a long text? (`y`)".to_string(),
        Scope::ImportPane => "import pane (view 5, `i`)".to_string(),
    };
    let mut out = String::from("| keys | where | 作用 | what it does |\n|---|---|---|---|\n");
    let order = [
        Scope::Global,
        Scope::View(View::Plan),
        Scope::View(View::Units),
        Scope::View(View::Milestones),
        Scope::View(View::Reports),
        Scope::View(View::Export),
        Scope::Prompt,
        Scope::Help,
        Scope::Form,
        Scope::Picker,
        Scope::Confirm,
        Scope::Conflict,
        Scope::Items,
        Scope::Path,
        Scope::Templates,
        Scope::Agencies,
        Scope::Overwrite,
        Scope::CopyWarning,
        Scope::ImportPane,
    ];
    for s in order {
        for b in BINDINGS.iter().filter(|b| b.scope == s) {
            let keys: Vec<String> = b.keys.iter().map(|k| format!("`{}`", k.label())).collect();
            out.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                keys.join(" "),
                scope(s),
                b.zh,
                b.en
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyEventState;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent {
            code,
            modifiers,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_one_scope() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                if a.scope == b.scope {
                    for k in a.keys {
                        assert!(
                            !b.keys.contains(k),
                            "{} bound twice in {:?}",
                            k.label(),
                            a.scope
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn keys_tmux_and_terminals_take_are_not_essential() {
        for bind in BINDINGS {
            for k in bind.keys {
                let taken = k.ctrl && matches!(k.code, KeyCode::Char('q' | 'j' | 'k'));
                assert!(!taken, "{} is taken by terminals or tmux", k.label());
                if k.ctrl && matches!(k.code, KeyCode::Char('b' | 's')) {
                    // tmux's prefix; flow control: only as an alternative
                    // (PgUp; Ctrl-O saves a form too).
                    assert!(
                        bind.keys.len() > 1,
                        "{} must not be the only key",
                        k.label()
                    );
                }
            }
        }
    }

    #[test]
    fn shifted_letters_and_control_keys_are_read() {
        let g = Key::from_event(&press(KeyCode::Char('G'), KeyModifiers::SHIFT)).unwrap();
        assert_eq!(g, Key::ch('G'));
        let c = Key::from_event(&press(KeyCode::Char('C'), KeyModifiers::CONTROL)).unwrap();
        assert_eq!(c, Key::ctrl('c'));
        assert_eq!(c.label(), "C-c");
        assert!(Key::from_event(&press(KeyCode::Char('x'), KeyModifiers::ALT)).is_none());
    }

    #[test]
    fn the_readme_lists_the_keymap() {
        let readme = include_str!("../../README.md");
        let start = readme
            .find("<!-- keys:begin -->")
            .expect("keys table start in README.md");
        let end = readme
            .find("<!-- keys:end -->")
            .expect("keys table end in README.md");
        let table = readme[start..end]
            .trim_start_matches("<!-- keys:begin -->")
            .trim();
        assert_eq!(
            table,
            markdown().trim(),
            "README.md's keys table is out of date; paste keymap::markdown() between the markers"
        );
    }

    #[test]
    fn every_binding_has_both_languages() {
        for bind in BINDINGS {
            assert!(
                !bind.zh.is_empty() && !bind.en.is_empty(),
                "{:?}",
                bind.command
            );
            assert!(!bind.keys.is_empty());
        }
    }
}
