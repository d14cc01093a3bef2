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
//!
//! Its overlays (template list, agency picker, width and path prompts,
//! the copy question) are an [`IoModal`]; a function that opens or
//! changes one takes the overlay's slot (`io`), and the router puts it in
//! place.

use std::path::PathBuf;

use super::command::Command;
use super::ctx::{Cx, say};
use super::data::Data;
use super::effect::Effect;
pub use super::effect::{PreviewKey, WriteRequest};
pub use super::export_preview::{Preview, PreviewText, soft_wrap};
use super::input::LineInput;
use super::io_modal::{AgencyPicker, CopyWarning, IoModal, WrapPrompt};
use super::path_prompt::{PathPrompt, PathPurpose};
use super::step::{Step, step_index};
use super::view::{Message, MessageKind};
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

/// The preview the current state calls for.
pub fn current_key(s: &ExportState, cx: &Cx<'_>) -> Option<PreviewKey> {
    cx.data?;
    Some(PreviewKey {
        generation: cx.generation,
        as_of: cx.as_of,
        template: s.template,
        opts: s.opts.clone(),
    })
}

/// The preview, if it is the one the state calls for.
fn preview_for<'s>(s: &'s ExportState, cx: &Cx<'_>) -> Option<&'s Preview> {
    let key = current_key(s, cx)?;
    s.preview.as_ref().filter(|p| p.key == key)
}

/// What a view reads the preview from: the export view's state beside
/// what every feature reads — the console's whole state is one.
pub trait PreviewSource {
    fn export_state(&self) -> &ExportState;
    fn cx(&self) -> Cx<'_>;
}

/// The preview, if it is the one the state calls for.
pub fn fresh_preview<S: PreviewSource>(s: &S) -> Option<&Preview> {
    preview_for(s.export_state(), &s.cx())
}

/// Showing the view (or a reload while it is shown): ask for the preview
/// unless it is at hand or asked for. Options a new date no longer allows
/// (a period not begun) are dropped first.
pub fn enter(s: &mut ExportState, cx: &Cx<'_>) -> Vec<Effect> {
    if let Some(data) = cx.data
        && let Some(p) = s.opts.period
        && !period_choices(data, s.template).contains(&Some(p))
    {
        s.opts.period = None;
    }
    let Some(key) = current_key(s, cx) else {
        return vec![];
    };
    if s.preview.as_ref().is_some_and(|p| p.key == key) || s.requested.as_ref() == Some(&key) {
        return vec![];
    }
    s.requested = Some(key.clone());
    vec![Effect::RenderExport(key)]
}

/// After the template or an option changed: back to the top, and a new
/// preview.
fn changed(s: &mut ExportState, cx: &Cx<'_>) -> Vec<Effect> {
    s.scroll = 0;
    s.hscroll = 0;
    enter(s, cx)
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

/// An answer; `io` is the overlay open now, if it is one of the view's.
pub fn answer(
    s: &mut ExportState,
    cx: &Cx<'_>,
    io: &mut Option<IoModal>,
    footer: &mut Option<Message>,
    a: ExportAnswer,
) -> Vec<Effect> {
    match a {
        ExportAnswer::Rendered { key, result } => {
            if s.requested.as_ref() == Some(&key) {
                s.requested = None;
            }
            if current_key(s, cx).as_ref() != Some(&key) {
                return vec![];
            }
            let width = usize::from(cx.size.0);
            let wraps = soft_wrap(key.template);
            let result = result.map(|text| PreviewText::new(text, wraps, width));
            s.preview = Some(Preview { key, result });
            clamp(s, cx);
            vec![]
        }
        ExportAnswer::Exists { path } => {
            if let Some(IoModal::Path(p)) = io {
                p.busy = false;
                p.confirm = Some(path);
            }
            vec![]
        }
        ExportAnswer::WriteFailed(why) => {
            if let Some(IoModal::Path(p)) = io {
                p.busy = false;
                p.error = Some(why);
            } else {
                say(footer, MessageKind::Error, why);
            }
            vec![]
        }
        ExportAnswer::Written { path, bytes } => {
            if matches!(io, Some(IoModal::Path(_))) {
                *io = None;
            }
            let title = s.template.info().title;
            say(
                footer,
                MessageKind::Info,
                words::written(cx.lang(), &path, title, bytes),
            );
            vec![]
        }
    }
}

/// The window changed size: wrapped prose is laid out again.
pub fn resized(s: &mut ExportState, cx: &Cx<'_>) {
    let width = usize::from(cx.size.0);
    if let Some(Preview { key, result: Ok(p) }) = &mut s.preview
        && p.width != width
    {
        p.layout(soft_wrap(key.template), width);
    }
    clamp(s, cx);
}

/// Keeps the scroll within the rows (the page size comes from the frame).
pub fn clamp(s: &mut ExportState, cx: &Cx<'_>) {
    let rows = match &s.preview {
        Some(Preview { result: Ok(p), .. }) => p.rows.len(),
        _ => 0,
    };
    s.scroll = s.scroll.min(rows.saturating_sub(cx.page()));
}

/// j/k, PgUp/PgDn, g/G in the preview.
fn step(s: &mut ExportState, cx: &Cx<'_>, step: Step) -> Vec<Effect> {
    let rows = match &s.preview {
        Some(Preview { result: Ok(p), .. }) => p.rows.len(),
        _ => return vec![],
    };
    let last_top = rows.saturating_sub(cx.page());
    // The scroll is the top row; a step moves the window.
    if let Some(top) = step_index(last_top + 1, Some(s.scroll), step) {
        s.scroll = top;
    }
    vec![]
}

/// The view's own keys; an overlay they open goes into `io`.
pub fn command(
    s: &mut ExportState,
    cx: &Cx<'_>,
    io: &mut Option<IoModal>,
    footer: &mut Option<Message>,
    c: Command,
) -> Vec<Effect> {
    if let Some(st) = Step::of(c, cx.page()) {
        return step(s, cx, st);
    }
    let lang = cx.lang();
    let info = s.template.info();
    let mut refuse = |text: String| {
        say(footer, MessageKind::Info, text);
        vec![]
    };
    match c {
        Command::Template => {
            let selected = TEMPLATES
                .iter()
                .position(|t| t.template == s.template)
                .unwrap_or(0);
            *io = Some(IoModal::Templates { selected });
            vec![]
        }
        Command::PrevPeriod | Command::NextPeriod => {
            if !info.period {
                return refuse(words::not_taken(lang, info.title, tr(lang).period));
            }
            step_period(s, cx, c == Command::PrevPeriod)
        }
        Command::Agency => {
            if !info.agency {
                return refuse(words::not_taken(lang, info.title, tr(lang).agency));
            }
            *io = Some(IoModal::Agencies(AgencyPicker {
                input: LineInput::default(),
                selected: 0,
            }));
            vec![]
        }
        Command::WrapWidth => {
            if !info.wrap {
                return refuse(words::not_taken(lang, info.title, tr(lang).wrap));
            }
            let text = s.opts.wrap.map(|w| w.to_string()).unwrap_or_default();
            *io = Some(IoModal::Wrap(WrapPrompt {
                input: LineInput::new(&text),
                error: None,
            }));
            vec![]
        }
        Command::LineEnds => {
            s.opts.crlf = !s.opts.crlf;
            changed(s, cx)
        }
        Command::Write => open_write(s, cx, io),
        Command::Copy => copy(s, cx, io, footer, false),
        Command::Left => {
            s.hscroll = s.hscroll.saturating_sub(HSTEP);
            vec![]
        }
        Command::Right => {
            if !soft_wrap(s.template) {
                s.hscroll = s.hscroll.saturating_add(HSTEP);
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

fn step_period(s: &mut ExportState, cx: &Cx<'_>, older: bool) -> Vec<Effect> {
    let Some(data) = cx.data else {
        return vec![];
    };
    let choices = period_choices(data, s.template);
    let at = choices
        .iter()
        .position(|p| *p == s.opts.period)
        .unwrap_or(0);
    let to = if older {
        (at + 1).min(choices.len().saturating_sub(1))
    } else {
        at.saturating_sub(1)
    };
    match choices.get(to) {
        Some(p) if *p != s.opts.period => {
            s.opts.period = *p;
            changed(s, cx)
        }
        _ => vec![],
    }
}

/// Picks a template; options it does not take are dropped.
pub fn set_template(s: &mut ExportState, cx: &Cx<'_>, template: Template) -> Vec<Effect> {
    if template == s.template {
        return vec![];
    }
    let info = template.info();
    let opts = &mut s.opts;
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
    if template == Template::Csv || s.template == Template::Csv {
        opts.period = None;
    }
    s.template = template;
    changed(s, cx)
}

pub fn set_agency(s: &mut ExportState, cx: &Cx<'_>, agency: Option<i64>) -> Vec<Effect> {
    if s.opts.agency == agency {
        return vec![];
    }
    s.opts.agency = agency;
    changed(s, cx)
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
pub fn parse_wrap(s: &ExportState, cx: &Cx<'_>, text: &str) -> Result<Option<usize>, String> {
    let lang = cx.lang();
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let Ok(n) = t.parse::<usize>() else {
        return Err(words::wrap_not_a_number(lang, t));
    };
    let Some(data) = cx.data else {
        return Ok(Some(n));
    };
    let opts = ExportOptions {
        wrap: Some(n),
        ..s.opts.clone()
    };
    match export::check(s.template, &data.snap, &opts) {
        Err(export::ExportError::TooNarrow { min, .. }) => Err(words::wrap_too_narrow(lang, min)),
        _ => Ok(Some(n)),
    }
}

pub fn set_wrap(s: &mut ExportState, cx: &Cx<'_>, wrap: Option<usize>) -> Vec<Effect> {
    if s.opts.wrap == wrap {
        return vec![];
    }
    s.opts.wrap = wrap;
    changed(s, cx)
}

/// `w`: the path prompt, pre-filled with the default name (in the
/// current directory).
pub fn open_write(s: &ExportState, cx: &Cx<'_>, io: &mut Option<IoModal>) -> Vec<Effect> {
    let Some(data) = cx.data else {
        return vec![];
    };
    let name = export::default_file_name(s.template, &data.snap, &s.opts);
    *io = Some(IoModal::Path(PathPrompt::new(PathPurpose::Export, &name)));
    vec![]
}

/// Enter in the export's path prompt (or `y` to replace a file).
pub fn submit_write(
    s: &ExportState,
    cx: &Cx<'_>,
    p: &mut PathPrompt,
    overwrite: bool,
) -> Vec<Effect> {
    let Some(key) = current_key(s, cx) else {
        return vec![];
    };
    let Some(path) = p.paths().into_iter().next() else {
        p.error = Some(tr(cx.lang()).no_file_name.to_string());
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
pub fn copy(
    s: &ExportState,
    cx: &Cx<'_>,
    io: &mut Option<IoModal>,
    footer: &mut Option<Message>,
    anyway: bool,
) -> Vec<Effect> {
    let lang = cx.lang();
    let text = match preview_for(s, cx).map(|p| &p.result) {
        Some(Ok(p)) => p.text.clone(),
        Some(Err(e)) => {
            say(footer, MessageKind::Error, e.clone());
            return vec![];
        }
        None => {
            say(
                footer,
                MessageKind::Info,
                tr(lang).preview_not_ready.to_string(),
            );
            return vec![];
        }
    };
    let encoded = base64_len(text.len());
    if !anyway && encoded > COPY_WARN_BASE64 {
        *io = Some(IoModal::CopyWarning(CopyWarning {
            bytes: text.len(),
            encoded,
        }));
        return vec![];
    }
    let chars = text.chars().count();
    let kind = if s.tmux {
        MessageKind::Warning
    } else {
        MessageKind::Info
    };
    say(footer, kind, words::copied(lang, chars, s.tmux));
    vec![Effect::Copy(text)]
}

/// Bytes of base64 for `n` bytes.
pub fn base64_len(n: usize) -> usize {
    n.div_ceil(3) * 4
}

#[cfg(test)]
#[path = "export_view_tests.rs"]
mod tests;
