//! The export view and the import pane as state transitions, one
//! behaviour per test, on the small hand-made plan of `update`'s tests:
//! no terminal, no database, no file system — the effects are checked as
//! values and answered by hand.

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};

use super::*;
use crate::app::action::Action;
use crate::app::import_pane::{Checked, ImportAnswer, ImportPane, Stage};
use crate::app::keymap;
use crate::app::path_prompt::{Completions, Entry};
use crate::app::state::{Modal, State, View, Viewport};
use crate::app::update::tests::{loaded, outline, ready};
use crate::app::update::update;
use crate::import::{ImportPlan, Problem};

fn press(s: &mut State, code: KeyCode, modifiers: KeyModifiers) -> Vec<Effect> {
    let event = KeyEvent {
        code,
        modifiers,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    };
    match keymap::action_for(s, &event) {
        Some(a) => update(s, a),
        None => vec![],
    }
}

fn key(s: &mut State, code: KeyCode) -> Vec<Effect> {
    press(s, code, KeyModifiers::NONE)
}

fn typed(s: &mut State, text: &str) -> Vec<Effect> {
    text.chars()
        .flat_map(|c| key(s, KeyCode::Char(c)))
        .collect()
}

fn render_key(effects: &[Effect]) -> PreviewKey {
    match effects {
        [Effect::RenderExport(k)] => k.clone(),
        other => panic!("expected one render, got {other:?}"),
    }
}

/// The console on view 6 with a rendered preview of `text`.
fn on_export(text: &str) -> State {
    let mut s = ready();
    let k = render_key(&typed(&mut s, "6"));
    update(
        &mut s,
        Action::Export(ExportAnswer::Rendered {
            key: k,
            result: Ok(text.to_string()),
        }),
    );
    update(
        &mut s,
        Action::Viewport(Viewport {
            page: 5,
            detail_max: 0,
        }),
    );
    s
}

fn memo(lines: usize) -> String {
    (1..=lines).map(|i| format!("第{i}行\n")).collect()
}

fn path_prompt(s: &State) -> &PathPrompt {
    match &s.modal {
        Some(Modal::Io(IoModal::Path(p))) => p,
        other => panic!("no path prompt: {other:?}"),
    }
}

#[test]
fn six_shows_the_export_view_on_the_memo_at_the_as_of_date() {
    let mut s = ready();
    let k = render_key(&typed(&mut s, "6"));
    assert_eq!(s.view, View::Export);
    assert_eq!(k.template, Template::Memo);
    assert_eq!(k.as_of, s.as_of);
    assert_eq!(k.opts, ExportOptions::default());
    // Asked once: showing the view again while it renders does not ask again.
    typed(&mut s, "1");
    assert!(typed(&mut s, "6").is_empty());
}

#[test]
fn the_preview_scrolls_by_line_page_and_to_either_end() {
    let mut s = on_export(&memo(20));
    key(&mut s, KeyCode::Char('j'));
    assert_eq!(s.export.scroll, 1);
    key(&mut s, KeyCode::PageDown);
    assert_eq!(s.export.scroll, 6);
    key(&mut s, KeyCode::Char('G'));
    assert_eq!(s.export.scroll, 15, "the last page fills the window");
    key(&mut s, KeyCode::Char('j'));
    assert_eq!(s.export.scroll, 15);
    key(&mut s, KeyCode::Char('k'));
    assert_eq!(s.export.scroll, 14);
    key(&mut s, KeyCode::Char('g'));
    assert_eq!(s.export.scroll, 0);
}

#[test]
fn an_answer_for_another_template_or_load_is_dropped() {
    let mut s = ready();
    let k = render_key(&typed(&mut s, "6"));
    let stale = PreviewKey {
        template: Template::Json,
        ..k.clone()
    };
    update(
        &mut s,
        Action::Export(ExportAnswer::Rendered {
            key: stale,
            result: Ok("{}".into()),
        }),
    );
    assert!(fresh_preview(&s).is_none());
    update(
        &mut s,
        Action::Export(ExportAnswer::Rendered {
            key: k,
            result: Ok("通报\n".into()),
        }),
    );
    assert!(fresh_preview(&s).is_some());
}

#[test]
fn another_coordinators_change_or_a_new_date_asks_for_the_preview_again() {
    let mut s = on_export(&memo(3));
    let effects = update(&mut s, Action::DataChanged);
    let Effect::Load {
        generation, as_of, ..
    } = effects[0]
    else {
        panic!("{effects:?}");
    };
    let effects = update(
        &mut s,
        Action::Loaded {
            generation,
            loaded: Box::new(loaded(as_of, outline())),
        },
    );
    assert_eq!(render_key(&effects).generation, generation);
    // The old text stays out of sight until the new one comes.
    assert!(fresh_preview(&s).is_none());
    key(&mut s, KeyCode::Char('t'));
    press(&mut s, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typed(&mut s, "2021-11-30");
    let effects = key(&mut s, KeyCode::Enter);
    let Effect::Load {
        generation, as_of, ..
    } = effects[0]
    else {
        panic!("{effects:?}");
    };
    assert_eq!(as_of, NaiveDate::from_ymd_opt(2021, 11, 30).unwrap());
    let effects = update(
        &mut s,
        Action::Loaded {
            generation,
            loaded: Box::new(loaded(as_of, outline())),
        },
    );
    assert_eq!(render_key(&effects).as_of, as_of);
}

#[test]
fn enter_lists_the_templates_and_a_pick_drops_options_it_does_not_take() {
    let mut s = on_export(&memo(3));
    s.export.opts.agency = Some(1);
    s.export.opts.wrap = Some(72);
    key(&mut s, KeyCode::Enter);
    assert!(matches!(
        s.modal,
        Some(Modal::Io(IoModal::Templates { selected: 0 }))
    ));
    // Down to json (the last), then Enter.
    for _ in 0..7 {
        key(&mut s, KeyCode::Char('j'));
    }
    let k = render_key(&key(&mut s, KeyCode::Enter));
    assert!(s.modal.is_none());
    assert_eq!(k.template, Template::Json);
    assert_eq!(k.opts.agency, None, "json is not narrowed by agency");
    assert_eq!(k.opts.wrap, None);
    assert_eq!(s.export.scroll, 0);
    // Esc leaves the template as it was.
    key(&mut s, KeyCode::Enter);
    key(&mut s, KeyCode::Char('k'));
    assert!(key(&mut s, KeyCode::Esc).is_empty());
    assert_eq!(s.export.template, Template::Json);
}

#[test]
fn brackets_step_through_the_periods_the_memo_can_show() {
    let mut s = on_export(&memo(3));
    // The plan starts in 2021Q2; the as-of date is in 2021Q4, the default.
    let q = |n| Some(Period::quarter(2021, n).unwrap());
    let k = render_key(&key(&mut s, KeyCode::Char('[')));
    assert_eq!(k.opts.period, q(3));
    key(&mut s, KeyCode::Char('['));
    assert_eq!(s.export.opts.period, q(2));
    assert!(key(&mut s, KeyCode::Char('[')).is_empty(), "nothing older");
    key(&mut s, KeyCode::Char(']'));
    key(&mut s, KeyCode::Char(']'));
    assert_eq!(s.export.opts.period, None, "back to the reporting period");
    assert!(key(&mut s, KeyCode::Char(']')).is_empty(), "nothing newer");
}

#[test]
fn the_csv_lists_every_period_or_one() {
    let mut s = on_export(&memo(3));
    {
        let (cx, p) = s.split();
        set_template(p.export, &cx, Template::Csv);
    }
    assert_eq!(s.export.opts.period, None);
    key(&mut s, KeyCode::Char('['));
    assert_eq!(
        s.export.opts.period,
        Some(Period::quarter(2021, 4).unwrap())
    );
}

#[test]
fn options_a_template_does_not_take_are_refused_with_a_sentence() {
    let mut s = on_export(&memo(3));
    {
        let (cx, p) = s.split();
        set_template(p.export, &cx, Template::Json);
    }
    for k in ['[', 'a', 'n'] {
        assert!(key(&mut s, KeyCode::Char(k)).is_empty());
        assert!(s.modal.is_none());
        let m = s.message.as_ref().unwrap();
        assert!(m.text.starts_with("全部数据（JSON）没有"), "{}", m.text);
    }
}

#[test]
fn the_agency_picker_filters_by_pinyin_and_enter_picks() {
    let mut s = on_export(&memo(3));
    key(&mut s, KeyCode::Char('a'));
    // Typing goes into the filter: j is a letter here, not a move.
    typed(&mut s, "skx");
    let Some(Modal::Io(IoModal::Agencies(a))) = &s.modal else {
        panic!("{:?}", s.modal);
    };
    assert_eq!(a.input.text(), "skx");
    let choices = agency_choices(s.data.as_ref().unwrap(), a.input.text());
    assert_eq!(choices, [Some(2)], "市科协");
    let k = render_key(&key(&mut s, KeyCode::Enter));
    assert_eq!(k.opts.agency, Some(2));
    // Back to every agency: the first entry of the unfiltered list.
    key(&mut s, KeyCode::Char('a'));
    key(&mut s, KeyCode::Down);
    key(&mut s, KeyCode::Up);
    key(&mut s, KeyCode::Enter);
    assert_eq!(s.export.opts.agency, None);
}

#[test]
fn the_width_prompt_refuses_words_and_widths_too_narrow() {
    let mut s = on_export(&memo(3));
    key(&mut s, KeyCode::Char('n'));
    typed(&mut s, "宽");
    assert!(key(&mut s, KeyCode::Enter).is_empty());
    let err = |s: &State| match &s.modal {
        Some(Modal::Io(IoModal::Wrap(w))) => w.error.clone(),
        other => panic!("{other:?}"),
    };
    assert!(err(&s).unwrap().contains("不是列数"));
    key(&mut s, KeyCode::Backspace);
    assert_eq!(err(&s), None, "editing clears the refusal");
    typed(&mut s, "8");
    key(&mut s, KeyCode::Enter);
    assert!(err(&s).unwrap().contains("至少需要 16 列"));
    press(&mut s, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typed(&mut s, "72");
    let k = render_key(&key(&mut s, KeyCode::Enter));
    assert_eq!(k.opts.wrap, Some(72));
    // Empty: no wrapping.
    key(&mut s, KeyCode::Char('n'));
    press(&mut s, KeyCode::Char('u'), KeyModifiers::CONTROL);
    key(&mut s, KeyCode::Enter);
    assert_eq!(s.export.opts.wrap, None);
}

#[test]
fn c_switches_the_line_ends() {
    let mut s = on_export(&memo(3));
    assert!(render_key(&key(&mut s, KeyCode::Char('c'))).opts.crlf);
    // Back to LF: the preview at hand is that one; nothing to render.
    assert!(key(&mut s, KeyCode::Char('c')).is_empty());
    assert!(!s.export.opts.crlf);
    assert!(fresh_preview(&s).is_some());
}

#[test]
fn w_offers_the_default_name_and_an_existing_file_needs_a_yes() {
    let mut s = on_export(&memo(3));
    key(&mut s, KeyCode::Char('w'));
    let name = "助力科技创新巴渝巾帼行动推进情况通报_2021-12-31.txt";
    assert_eq!(path_prompt(&s).input.text(), name);
    let write = |effects: Vec<Effect>| match &effects[..] {
        [Effect::WriteExport(r)] => r.clone(),
        other => panic!("{other:?}"),
    };
    let r = write(key(&mut s, KeyCode::Enter));
    assert_eq!((r.path.as_str(), r.overwrite), (name, false));
    assert_eq!(r.key.template, Template::Memo);
    update(
        &mut s,
        Action::Export(ExportAnswer::Exists {
            path: format!("/home/coordinator/{name}"),
        }),
    );
    assert!(path_prompt(&s).confirm.is_some());
    // In the question, keys answer it; n goes back to the name.
    assert!(!s.modal.as_ref().is_some_and(|m| match m {
        Modal::Io(m) => m.takes_text(),
        _ => true,
    }));
    key(&mut s, KeyCode::Char('n'));
    assert_eq!(path_prompt(&s).confirm, None);
    assert_eq!(path_prompt(&s).input.text(), name);
    write(key(&mut s, KeyCode::Enter));
    update(
        &mut s,
        Action::Export(ExportAnswer::Exists {
            path: format!("/home/coordinator/{name}"),
        }),
    );
    let r = write(key(&mut s, KeyCode::Char('y')));
    assert!(r.overwrite);
    update(
        &mut s,
        Action::Export(ExportAnswer::Written {
            path: format!("/home/coordinator/{name}"),
            bytes: 7903,
        }),
    );
    assert!(s.modal.is_none());
    let m = s.message.unwrap().text;
    assert_eq!(
        m,
        format!("已写入 /home/coordinator/{name}（情况通报，7,903 字节）")
    );
}

#[test]
fn a_refused_write_is_said_in_the_prompt_and_esc_cancels() {
    let mut s = on_export(&memo(3));
    key(&mut s, KeyCode::Char('w'));
    press(&mut s, KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert!(key(&mut s, KeyCode::Enter).is_empty());
    assert_eq!(path_prompt(&s).error.as_deref(), Some("请输入文件名。"));
    typed(&mut s, "/没有/通报.txt");
    key(&mut s, KeyCode::Enter);
    update(
        &mut s,
        Action::Export(ExportAnswer::WriteFailed(
            "目录 /没有 不存在；请改正路径（Tab 可补全）。".into(),
        )),
    );
    assert!(path_prompt(&s).error.as_deref().unwrap().contains("/没有"));
    assert!(!path_prompt(&s).busy);
    key(&mut s, KeyCode::Esc);
    assert!(s.modal.is_none());
}

#[test]
fn tab_asks_for_a_listing_and_the_answer_completes_the_path() {
    let mut s = on_export(&memo(3));
    key(&mut s, KeyCode::Char('w'));
    press(&mut s, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typed(&mut s, "~/报");
    let effects = key(&mut s, KeyCode::Tab);
    let [Effect::ListDir(req)] = &effects[..] else {
        panic!("{effects:?}");
    };
    assert_eq!((req.dir.as_str(), req.prefix.as_str()), ("~/", "报"));
    assert_eq!(
        s.view,
        View::Export,
        "Tab completes; it does not switch views"
    );
    update(
        &mut s,
        Action::Completions(Completions {
            text: req.text.clone(),
            entries: Ok(vec![Entry {
                name: "报送材料".into(),
                is_dir: true,
            }]),
        }),
    );
    assert_eq!(path_prompt(&s).input.text(), "~/报送材料/");
    // Nothing there: said, and the text stays.
    let effects = key(&mut s, KeyCode::Tab);
    let [Effect::ListDir(req)] = &effects[..] else {
        panic!("{effects:?}");
    };
    update(
        &mut s,
        Action::Completions(Completions {
            text: req.text.clone(),
            entries: Ok(vec![]),
        }),
    );
    assert_eq!(path_prompt(&s).error.as_deref(), Some("该目录是空的。"));
}

#[test]
fn y_copies_a_short_text_at_once_and_asks_first_for_a_long_one() {
    let mut s = on_export("情况通报\n");
    let effects = key(&mut s, KeyCode::Char('y'));
    assert_eq!(effects, [Effect::Copy("情况通报\n".into())]);
    let m = &s.message.as_ref().unwrap().text;
    assert!(m.contains("OSC 52"));
    assert!(crate::text::width::width(m) <= 80, "{m}");
    let long = "二、分项推进情况\n".repeat(400);
    let mut s = on_export(&long);
    assert!(key(&mut s, KeyCode::Char('y')).is_empty());
    let Some(Modal::Io(IoModal::CopyWarning(w))) = &s.modal else {
        panic!("{:?}", s.modal);
    };
    assert_eq!(w.encoded, base64_len(long.len()));
    assert!(w.encoded > COPY_WARN_BASE64);
    // y: copy anyway.
    assert_eq!(
        key(&mut s, KeyCode::Char('y')),
        [Effect::Copy(long.clone())]
    );
    assert!(s.modal.is_none());
    // w: the file instead.
    key(&mut s, KeyCode::Char('y'));
    key(&mut s, KeyCode::Char('w'));
    assert_eq!(path_prompt(&s).purpose, PathPurpose::Export);
}

#[test]
fn inside_tmux_the_copy_says_what_tmux_needs() {
    let mut s = on_export("情况通报\n");
    s.export.tmux = true;
    key(&mut s, KeyCode::Char('y'));
    let m = s.message.unwrap();
    assert_eq!(m.kind, MessageKind::Warning);
    assert!(m.text.contains("set -g set-clipboard on"), "{}", m.text);
    assert!(crate::text::width::width(&m.text) <= 80, "{}", m.text);
}

#[test]
fn y_before_the_preview_is_ready_says_so() {
    let mut s = ready();
    typed(&mut s, "6");
    assert!(key(&mut s, KeyCode::Char('y')).is_empty());
    assert_eq!(s.message.unwrap().text, "预览尚未生成，请稍候再试。");
}

#[test]
fn a_resize_lays_wrapped_prose_out_again() {
    let long = format!("{}\n", "一".repeat(100));
    let mut s = on_export(&long);
    let rows = |s: &State| match &fresh_preview(s).unwrap().result {
        Ok(p) => p.rows.len(),
        Err(e) => panic!("{e}"),
    };
    assert_eq!(rows(&s), 3, "200 columns in 80");
    update(&mut s, Action::Resize(120, 40));
    assert_eq!(rows(&s), 2);
}

fn plan(problems: Vec<Problem>) -> ImportPlan {
    ImportPlan {
        files: vec![],
        problems,
        warnings: vec!["回收.csv:1: ignored column 备注 (not a column bayu reads)".into()],
        today: NaiveDate::from_ymd_opt(2022, 1, 5).unwrap(),
        default_author: "coordinator".into(),
    }
}

fn checked(s: &mut State, job: u64, plan: ImportPlan) {
    update(
        s,
        Action::Import(ImportAnswer::Checked {
            job,
            result: Ok(Box::new(Checked {
                plan,
                summary: "预计（未写入）：读入 3 行，将新增 3 条".into(),
            })),
        }),
    );
}

fn pane(s: &State) -> &ImportPane {
    match &s.modal {
        Some(Modal::Io(IoModal::Import(p))) => p,
        other => panic!("no import pane: {other:?}"),
    }
}

#[test]
fn i_in_the_inbox_asks_for_sheets_and_enter_starts_the_dry_run() {
    let mut s = ready();
    typed(&mut s, "5i");
    assert_eq!(path_prompt(&s).purpose, PathPurpose::Import);
    typed(&mut s, "回收/渝中区.csv 回收/江北区.csv");
    let effects = key(&mut s, KeyCode::Enter);
    let [Effect::CheckImport(req)] = &effects[..] else {
        panic!("{effects:?}");
    };
    assert_eq!(req.paths, ["回收/渝中区.csv", "回收/江北区.csv"]);
    assert_eq!(req.today, s.today);
    let job = req.job;
    update(
        &mut s,
        Action::Import(ImportAnswer::Progress {
            job,
            done: 12_000,
            total: 50_000,
        }),
    );
    assert_eq!(
        pane(&s).stage,
        Stage::Checking {
            done: 12_000,
            total: 50_000
        }
    );
    assert_eq!(
        crate::app::import_pane::headline(pane(&s), s.lang()).text,
        "正在检查：12,000/50,000 行（24%）"
    );
    // The files typed are offered again next time.
    assert_eq!(s.import.last_input, "回收/渝中区.csv 回收/江北区.csv");
}

#[test]
fn a_sheet_with_problems_lists_them_and_y_imports_nothing() {
    let mut s = ready();
    typed(&mut s, "5i");
    typed(&mut s, "bad.csv");
    let job = match &key(&mut s, KeyCode::Enter)[..] {
        [Effect::CheckImport(r)] => r.job,
        other => panic!("{other:?}"),
    };
    let problem = Problem {
        file: "bad.csv".into(),
        line: Some(3),
        column: Some("单位".into()),
        message: "unknown unit \"火星区\"".into(),
    };
    checked(&mut s, job, plan(vec![problem]));
    let texts: Vec<&str> = pane(&s).rows.iter().map(|r| r.text.as_str()).collect();
    assert!(
        texts.contains(&"bad.csv:3: column 单位: unknown unit \"火星区\""),
        "{texts:?}"
    );
    assert!(texts.iter().any(|t| t.contains("ignored column 备注")));
    assert_eq!(
        crate::app::import_pane::headline(pane(&s), s.lang()).text,
        "发现 1 个问题，未导入任何数据。改正表格后按 i 重新导入。"
    );
    assert!(key(&mut s, KeyCode::Char('y')).is_empty());
    assert!(key(&mut s, KeyCode::Enter).is_empty());
    assert!(s.message.as_ref().unwrap().text.contains("不能导入"));
    key(&mut s, KeyCode::Esc);
    assert!(s.modal.is_none());
}

/// Regression (issue 13): a line holding U+FFFD (bytes that did not
/// decode) misdrew the pane: terminals disagree on its width (one column,
/// or two in Chinese setups), as on €, “ ” and the like that a wrong
/// decoding produces. The pane's lines hold only characters whose width
/// every terminal agrees on.
#[test]
fn the_import_pane_holds_no_character_of_disputed_width() {
    let mut s = ready();
    typed(&mut s, "5i");
    typed(&mut s, "gbk.csv");
    let job = match &key(&mut s, KeyCode::Enter)[..] {
        [Effect::CheckImport(r)] => r.job,
        other => panic!("{other:?}"),
    };
    let problem = Problem {
        file: "gbk.csv".into(),
        line: Some(2),
        column: Some("单位".into()),
        message: "unknown unit \"\u{FFFD}\u{FFFD}渝中区\" (鎶ラ€佹棩鏈\u{FFFD}“引号”)".into(),
    };
    checked(&mut s, job, plan(vec![problem]));
    for row in &pane(&s).rows {
        let disputed: Vec<char> = row
            .text
            .chars()
            .filter(|&c| crate::text::ambiguous::is_ambiguous(c))
            .collect();
        assert!(disputed.is_empty(), "{disputed:?} in {:?}", row.text);
    }
    let texts: Vec<&str> = pane(&s).rows.iter().map(|r| r.text.as_str()).collect();
    assert!(texts.iter().any(|t| t.contains("〓〓渝中区")), "{texts:?}");
}

#[test]
fn a_clean_dry_run_imports_on_y_then_reloads_and_says_what_was_added() {
    let mut s = ready();
    typed(&mut s, "5i");
    typed(&mut s, "good.csv");
    let job = match &key(&mut s, KeyCode::Enter)[..] {
        [Effect::CheckImport(r)] => r.job,
        other => panic!("{other:?}"),
    };
    checked(&mut s, job, plan(vec![]));
    let effects = key(&mut s, KeyCode::Char('y'));
    assert!(matches!(&effects[..], [Effect::ApplyImport(r)] if r.job == job));
    assert!(matches!(pane(&s).stage, Stage::Importing(_)));
    // Esc while the rows are added does not pretend to stop it.
    key(&mut s, KeyCode::Esc);
    assert!(matches!(pane(&s).stage, Stage::Importing(_)));
    let generation = s.generation;
    let effects = update(
        &mut s,
        Action::Import(ImportAnswer::Imported {
            job,
            added: 3,
            revisions: 1,
            duplicates: 2,
            batches: vec![7],
        }),
    );
    assert!(s.modal.is_none());
    assert!(matches!(&effects[..], [Effect::Load { generation: g, .. }] if *g == generation + 1));
    assert_eq!(
        s.message.unwrap().text,
        "已导入：新增报送 3 条（其中重报 1 条），跳过重复 2 条；撤销：bayu import undo 7"
    );
}

#[test]
fn an_answer_for_an_abandoned_check_is_dropped() {
    let mut s = ready();
    typed(&mut s, "5i");
    typed(&mut s, "a.csv");
    let job = match &key(&mut s, KeyCode::Enter)[..] {
        [Effect::CheckImport(r)] => r.job,
        other => panic!("{other:?}"),
    };
    key(&mut s, KeyCode::Esc);
    assert!(s.modal.is_none());
    checked(&mut s, job, plan(vec![]));
    assert!(s.modal.is_none());
}

#[test]
fn a_read_only_store_refuses_the_import_and_says_why() {
    let mut s = ready();
    s.read_only = Some("--read-only was given".into());
    typed(&mut s, "5i");
    assert!(s.modal.is_none());
    assert_eq!(
        s.message.unwrap().text,
        "不能导入：数据库以只读方式打开（--read-only was given）。"
    );
}

#[test]
fn view_six_keys_are_in_its_help_and_in_the_readme_table() {
    let keys: Vec<Command> = keymap::help_bindings(View::Export)
        .iter()
        .map(|b| b.command)
        .collect();
    for c in [
        Command::Template,
        Command::Write,
        Command::Copy,
        Command::Agency,
    ] {
        assert!(keys.contains(&c), "{c:?}");
    }
    assert!(
        !keys.contains(&Command::Filter),
        "view 6 has nothing to filter"
    );
    let md = keymap::markdown();
    assert!(md.contains("| `y` | view 6 |"));
    assert!(md.contains("| `i` | view 5 |"));
    assert!(md.contains("| `Tab` | a path (`w`, `i`) |"));
}
