//! View 6, 导出: the memo (or another template) as it would be written,
//! at the current as-of date, in a scrolling preview; its options; `w`
//! to write it to a file and `y` to copy it to the user's own clipboard
//! through the terminal (OSC 52, which works over SSH).
//!
//! The text comes from `export::render` — the same function `bayu export`
//! uses — run by the loop as an effect, so the console never formats an
//! export its own way. The preview is keyed by what it was made from (load
//! generation, date, template, options): a reload (`t`, another
//! coordinator's change) or a new option asks for it again, and an answer
//! for anything else is dropped.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::action::Command;
use super::data::Data;
use super::effect::Effect;
pub use super::export_preview::{Preview, PreviewText, soft_wrap};
use super::input::LineInput;
use super::io_modal::{AgencyPicker, CopyWarning, IoModal, WrapPrompt};
use super::lists::{Step, step_index};
use super::path_prompt::{PathPrompt, PathPurpose};
use super::state::{Message, MessageKind, Modal, State};
use crate::export::{self, ExportOptions, TEMPLATES, Template};
use crate::i18n::io::{self as words, tr};
use crate::model::Period;
use crate::text::pinyin_match::Query;

/// Above this many bytes of base64 the console asks before copying: Termux
/// and older kitty versions drop OSC 52 payloads of about 6–7 KB and more,
/// tabby about 3 KB (see docs/exports.md). The memo is usually longer, so
/// the question says what to expect and offers the file instead.
pub const COPY_WARN_BASE64: usize = 6 * 1024;
/// xterm refuses payloads longer than this (its selection limit); above it
/// the question says that most terminals will not copy.
pub const COPY_MAX_BASE64: usize = 74_994;

/// The export view's own state.
#[derive(Debug, Clone)]
pub struct ExportState {
    pub template: Template,
    pub opts: ExportOptions,
    pub preview: Option<Preview>,
    /// The preview asked for and not answered yet.
    pub requested: Option<PreviewKey>,
    /// First row of the preview shown.
    pub scroll: usize,
    /// Columns scrolled to the right (tables and data are not wrapped).
    pub hscroll: usize,
    /// The directory relative paths start from, for the prompt to show.
    pub cwd: Option<PathBuf>,
    /// The console runs inside tmux (`TMUX` is set).
    pub tmux: bool,
}

impl Default for ExportState {
    /// The memo, with the options `bayu export memo` has by default.
    fn default() -> ExportState {
        ExportState {
            template: Template::Memo,
            opts: ExportOptions::default(),
            preview: None,
            requested: None,
            scroll: 0,
            hscroll: 0,
            cwd: None,
            tmux: false,
        }
    }
}

/// What a preview is made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviewKey {
    pub generation: u64,
    pub as_of: NaiveDate,
    pub template: Template,
    pub opts: ExportOptions,
}

/// The preview the current state calls for.
pub fn current_key(state: &State) -> Option<PreviewKey> {
    state.data.as_ref()?;
    Some(PreviewKey {
        generation: state.generation,
        as_of: state.as_of,
        template: state.export.template,
        opts: state.export.opts.clone(),
    })
}

/// The preview, if it is the one the state calls for.
pub fn fresh_preview(state: &State) -> Option<&Preview> {
    let key = current_key(state)?;
    state.export.preview.as_ref().filter(|p| p.key == key)
}

/// Showing the view (or a reload while it is shown): ask for the preview
/// unless it is at hand or asked for. Options a new date no longer allows
/// (a period not begun) are dropped first.
pub fn enter(state: &mut State) -> Vec<Effect> {
    if let Some(data) = &state.data
        && let Some(p) = state.export.opts.period
        && !period_choices(data, state.export.template).contains(&Some(p))
    {
        state.export.opts.period = None;
    }
    let Some(key) = current_key(state) else {
        return vec![];
    };
    if state.export.preview.as_ref().is_some_and(|p| p.key == key)
        || state.export.requested.as_ref() == Some(&key)
    {
        return vec![];
    }
    state.export.requested = Some(key.clone());
    vec![Effect::RenderExport(key)]
}

/// After the template or an option changed: back to the top, and a new
/// preview.
fn changed(state: &mut State) -> Vec<Effect> {
    state.export.scroll = 0;
    state.export.hscroll = 0;
    enter(state)
}

/// The loop's answers about exports.
#[derive(Debug, Clone, PartialEq)]
pub enum ExportAnswer {
    Rendered {
        key: PreviewKey,
        result: Result<String, String>,
    },
    /// The file exists; writing it needs the user's yes.
    Exists {
        path: String,
    },
    Written {
        path: String,
        bytes: u64,
    },
    /// The sentence says what could not be written and why.
    WriteFailed(String),
}

/// Asks the loop to write the export to `path` (as typed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteRequest {
    pub path: String,
    pub overwrite: bool,
    pub key: PreviewKey,
}

pub fn answer(state: &mut State, a: ExportAnswer) -> Vec<Effect> {
    match a {
        ExportAnswer::Rendered { key, result } => {
            if state.export.requested.as_ref() == Some(&key) {
                state.export.requested = None;
            }
            if current_key(state).as_ref() != Some(&key) {
                return vec![];
            }
            let width = usize::from(state.size.0);
            let wraps = soft_wrap(key.template);
            let result = result.map(|text| PreviewText::new(text, wraps, width));
            state.export.preview = Some(Preview { key, result });
            clamp(state);
            vec![]
        }
        ExportAnswer::Exists { path } => {
            if let Some(Modal::Io(IoModal::Path(p))) = &mut state.modal {
                p.busy = false;
                p.confirm = Some(path);
            }
            vec![]
        }
        ExportAnswer::WriteFailed(why) => {
            if let Some(Modal::Io(IoModal::Path(p))) = &mut state.modal {
                p.busy = false;
                p.error = Some(why);
            } else {
                state.message = Some(Message {
                    kind: MessageKind::Error,
                    text: why,
                });
            }
            vec![]
        }
        ExportAnswer::Written { path, bytes } => {
            if matches!(state.modal, Some(Modal::Io(IoModal::Path(_)))) {
                state.modal = None;
            }
            let title = state.export.template.info().title;
            state.message = Some(Message {
                kind: MessageKind::Info,
                text: words::written(state.lang(), &path, title, bytes),
            });
            vec![]
        }
    }
}

/// The window changed size: wrapped prose is laid out again.
pub fn resized(state: &mut State) {
    let width = usize::from(state.size.0);
    if let Some(Preview { key, result: Ok(p) }) = &mut state.export.preview
        && p.width != width
    {
        p.layout(soft_wrap(key.template), width);
    }
    clamp(state);
}

/// Keeps the scroll within the rows (the page size comes from the frame).
pub fn clamp(state: &mut State) {
    let rows = match &state.export.preview {
        Some(Preview { result: Ok(p), .. }) => p.rows.len(),
        _ => 0,
    };
    let page = usize::from(state.viewport.page.max(1));
    state.export.scroll = state.export.scroll.min(rows.saturating_sub(page));
}

/// j/k, PgUp/PgDn, g/G in the preview.
pub fn step(state: &mut State, step: Step) -> Vec<Effect> {
    let rows = match &state.export.preview {
        Some(Preview { result: Ok(p), .. }) => p.rows.len(),
        _ => return vec![],
    };
    let page = usize::from(state.viewport.page.max(1));
    let last_top = rows.saturating_sub(page);
    // The scroll is the top row; a step moves the window.
    if let Some(top) = step_index(last_top + 1, Some(state.export.scroll), step) {
        state.export.scroll = top;
    }
    vec![]
}

/// The view's own keys.
pub fn command(state: &mut State, c: Command) -> Vec<Effect> {
    let lang = state.lang();
    let info = state.export.template.info();
    let refuse = |state: &mut State, text: String| {
        state.message = Some(Message {
            kind: MessageKind::Info,
            text,
        });
        vec![]
    };
    match c {
        Command::Template => {
            let selected = TEMPLATES
                .iter()
                .position(|t| t.template == state.export.template)
                .unwrap_or(0);
            state.modal = Some(Modal::Io(IoModal::Templates { selected }));
            vec![]
        }
        Command::PrevPeriod | Command::NextPeriod => {
            if !info.period {
                return refuse(state, words::not_taken(lang, info.title, tr(lang).period));
            }
            step_period(state, c == Command::PrevPeriod)
        }
        Command::Agency => {
            if !info.agency {
                return refuse(state, words::not_taken(lang, info.title, tr(lang).agency));
            }
            let picker = AgencyPicker {
                input: LineInput::default(),
                selected: 0,
            };
            state.modal = Some(Modal::Io(IoModal::Agencies(picker)));
            vec![]
        }
        Command::WrapWidth => {
            if !info.wrap {
                return refuse(state, words::not_taken(lang, info.title, tr(lang).wrap));
            }
            let text = state
                .export
                .opts
                .wrap
                .map(|w| w.to_string())
                .unwrap_or_default();
            state.modal = Some(Modal::Io(IoModal::Wrap(WrapPrompt {
                input: LineInput::new(&text),
                error: None,
            })));
            vec![]
        }
        Command::LineEnds => {
            state.export.opts.crlf = !state.export.opts.crlf;
            changed(state)
        }
        Command::Write => open_write(state),
        Command::Copy => copy(state, false),
        Command::Left => {
            state.export.hscroll = state.export.hscroll.saturating_sub(HSTEP);
            vec![]
        }
        Command::Right => {
            if !soft_wrap(state.export.template) {
                state.export.hscroll = state.export.hscroll.saturating_add(HSTEP);
            }
            vec![]
        }
        _ => vec![],
    }
}

/// Columns `h`/`l` scroll a table sideways.
const HSTEP: usize = 8;

/// The periods `[` and `]` step through, newest first: every period from
/// the plan's start to the one containing the as-of date. `None` is the
/// template's default: the reporting period for the memo and the coverage
/// report, every period for the csv.
pub fn period_choices(data: &Data, template: Template) -> Vec<Option<Period>> {
    let snap = &data.snap;
    let kind = snap.plan.period_kind;
    let start = snap
        .plan
        .start
        .or(snap.plan.issued_on)
        .unwrap_or(snap.as_of);
    let first = Period::containing(kind, start.min(snap.as_of));
    let last = Period::containing(kind, snap.as_of);
    let mut all: Vec<Option<Period>> = first.iter_to(last).map(Some).collect();
    all.reverse();
    if template == Template::Csv {
        all.insert(0, None);
    } else {
        for p in &mut all {
            if *p == Some(snap.coverage.period) {
                *p = None;
            }
        }
        if !all.contains(&None) {
            all.insert(0, None);
        }
    }
    all
}

fn step_period(state: &mut State, older: bool) -> Vec<Effect> {
    let Some(data) = &state.data else {
        return vec![];
    };
    let choices = period_choices(data, state.export.template);
    let at = choices
        .iter()
        .position(|p| *p == state.export.opts.period)
        .unwrap_or(0);
    let to = if older {
        (at + 1).min(choices.len().saturating_sub(1))
    } else {
        at.saturating_sub(1)
    };
    match choices.get(to) {
        Some(p) if *p != state.export.opts.period => {
            state.export.opts.period = *p;
            changed(state)
        }
        _ => vec![],
    }
}

/// Picks a template; options it does not take are dropped.
pub fn set_template(state: &mut State, template: Template) -> Vec<Effect> {
    if template == state.export.template {
        return vec![];
    }
    let info = template.info();
    let opts = &mut state.export.opts;
    if !info.agency {
        opts.agency = None;
    }
    if !info.wrap {
        opts.wrap = None;
    }
    if !info.period {
        opts.period = None;
    }
    // A period the csv lists means "that period only"; the memo's default
    // is not the csv's default (every period), so it is not carried over.
    if template == Template::Csv || state.export.template == Template::Csv {
        opts.period = None;
    }
    state.export.template = template;
    changed(state)
}

pub fn set_agency(state: &mut State, agency: Option<i64>) -> Vec<Effect> {
    if state.export.opts.agency == agency {
        return vec![];
    }
    state.export.opts.agency = agency;
    changed(state)
}

/// Agencies matching the picker's text (name or pinyin), `None` (every
/// agency) first when the text is empty.
pub fn agency_choices(data: &Data, text: &str) -> Vec<Option<i64>> {
    let q = Query::new(text);
    let mut out = Vec::new();
    if q.is_empty() {
        out.push(None);
    }
    out.extend(
        data.snap
            .agencies
            .iter()
            .filter(|a| data.keys.agencies.get(&a.id).is_some_and(|k| k.matches(&q)))
            .map(|a| Some(a.id)),
    );
    out
}

/// Reads the width typed in the wrap prompt: empty is no wrapping; a
/// number too small for the template is refused with the smallest.
pub fn parse_wrap(state: &State, text: &str) -> Result<Option<usize>, String> {
    let lang = state.lang();
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let Ok(n) = t.parse::<usize>() else {
        return Err(words::wrap_not_a_number(lang, t));
    };
    let Some(data) = &state.data else {
        return Ok(Some(n));
    };
    let opts = ExportOptions {
        wrap: Some(n),
        ..state.export.opts.clone()
    };
    match export::check(state.export.template, &data.snap, &opts) {
        Err(export::ExportError::TooNarrow { min, .. }) => Err(words::wrap_too_narrow(lang, min)),
        _ => Ok(Some(n)),
    }
}

pub fn set_wrap(state: &mut State, wrap: Option<usize>) -> Vec<Effect> {
    if state.export.opts.wrap == wrap {
        return vec![];
    }
    state.export.opts.wrap = wrap;
    changed(state)
}

/// `w`: the path prompt, pre-filled with the default name (in the
/// current directory).
pub fn open_write(state: &mut State) -> Vec<Effect> {
    let Some(data) = &state.data else {
        return vec![];
    };
    let name = export::default_file_name(state.export.template, &data.snap, &state.export.opts);
    state.modal = Some(Modal::Io(IoModal::Path(PathPrompt::new(
        PathPurpose::Export,
        &name,
    ))));
    vec![]
}

/// Enter in the export's path prompt (or `y` to replace a file).
pub fn submit_write(state: &mut State, overwrite: bool) -> Vec<Effect> {
    let key = current_key(state);
    let lang = state.lang();
    let Some(Modal::Io(IoModal::Path(p))) = &mut state.modal else {
        return vec![];
    };
    let Some(key) = key else {
        return vec![];
    };
    let Some(path) = p.paths().into_iter().next() else {
        p.error = Some(tr(lang).no_file_name.to_string());
        return vec![];
    };
    p.error = None;
    p.busy = true;
    vec![Effect::WriteExport(WriteRequest {
        path,
        overwrite,
        key,
    })]
}

/// `y`: copy the preview through the terminal, asking first when it is
/// longer than many terminals accept (unless `anyway`).
pub fn copy(state: &mut State, anyway: bool) -> Vec<Effect> {
    let lang = state.lang();
    let text = match fresh_preview(state).map(|p| &p.result) {
        Some(Ok(p)) => p.text.clone(),
        Some(Err(e)) => {
            let text = e.clone();
            state.message = Some(Message {
                kind: MessageKind::Error,
                text,
            });
            return vec![];
        }
        None => {
            state.message = Some(Message {
                kind: MessageKind::Info,
                text: tr(lang).preview_not_ready.to_string(),
            });
            return vec![];
        }
    };
    let encoded = base64_len(text.len());
    if !anyway && encoded > COPY_WARN_BASE64 {
        state.modal = Some(Modal::Io(IoModal::CopyWarning(CopyWarning {
            bytes: text.len(),
            encoded,
        })));
        return vec![];
    }
    let chars = text.chars().count();
    state.message = Some(Message {
        kind: if state.export.tmux {
            MessageKind::Warning
        } else {
            MessageKind::Info
        },
        text: words::copied(lang, chars, state.export.tmux),
    });
    vec![Effect::Copy(text)]
}

/// Bytes of base64 for `n` bytes.
pub fn base64_len(n: usize) -> usize {
    n.div_ceil(3) * 4
}

#[cfg(test)]
#[path = "export_view_tests.rs"]
mod tests;
