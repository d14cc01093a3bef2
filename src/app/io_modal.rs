//! The overlays of the export view and of the import: the template list,
//! the agency picker, the wrap-width prompt, the path prompt, the question
//! before a long copy, and the import pane. They are one variant of
//! [`Modal`] (`Modal::Io`), so the shared code — `update`, the keymap, the
//! frame — has one arm for all of them and hands over here.
//!
//! Each handler takes the overlay out of the state, acts, and says whether
//! it stays (`Some`) or closes (`None`).

use super::action::Command;
use super::effect::Effect;
use super::export_view;
use super::import_pane::{self, ImportPane};
use super::input::LineInput;
use super::keymap::Scope;
use super::path_prompt::{CompletionError, Completions, PathPrompt, PathPurpose};
use super::state::{Modal, State};
use crate::export::TEMPLATES;
use crate::i18n::io as words;

#[derive(Debug, Clone, PartialEq)]
pub enum IoModal {
    /// The template list; `selected` indexes `export::TEMPLATES`.
    Templates {
        selected: usize,
    },
    Agencies(AgencyPicker),
    Wrap(WrapPrompt),
    Path(PathPrompt),
    CopyWarning(CopyWarning),
    Import(ImportPane),
}

/// Agencies filtered by what is typed (Chinese or pinyin).
#[derive(Debug, Clone, PartialEq)]
pub struct AgencyPicker {
    pub input: LineInput,
    /// Index into `export_view::agency_choices` for the text.
    pub selected: usize,
}

/// The width the export is laid out for (`--wrap N`); empty for none.
#[derive(Debug, Clone, PartialEq)]
pub struct WrapPrompt {
    pub input: LineInput,
    pub error: Option<String>,
}

/// The question before copying a text longer than many terminals take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CopyWarning {
    pub bytes: usize,
    /// Bytes of base64 the terminal would receive.
    pub encoded: usize,
}

impl IoModal {
    /// The keymap scopes listening while the overlay is open, most
    /// specific first; a text field falls back on the prompt's editing keys.
    pub fn scopes(&self) -> Vec<Scope> {
        match self {
            IoModal::Templates { .. } => vec![Scope::Templates],
            IoModal::Agencies(_) => vec![Scope::Agencies, Scope::Prompt],
            IoModal::Wrap(_) => vec![Scope::Prompt],
            IoModal::Path(p) if p.confirm.is_some() => vec![Scope::Overwrite],
            IoModal::Path(_) => vec![Scope::Path, Scope::Prompt],
            IoModal::CopyWarning(_) => vec![Scope::CopyWarning],
            IoModal::Import(_) => vec![Scope::ImportPane],
        }
    }

    /// Whether a key of the overlay's scope does nothing now (the footer
    /// leaves its hint out): `y` in an import pane that cannot import.
    pub fn idle(&self, c: Command) -> bool {
        match self {
            IoModal::Import(pane) => {
                c == Command::Yes
                    && !matches!(&pane.stage, import_pane::Stage::Checked(ch) if ch.plan.is_ok())
            }
            _ => false,
        }
    }

    /// Whether printable keys are typed into the overlay.
    pub fn takes_text(&self) -> bool {
        match self {
            IoModal::Agencies(_) | IoModal::Wrap(_) => true,
            IoModal::Path(p) => p.confirm.is_none(),
            _ => false,
        }
    }

    fn input_mut(&mut self) -> Option<&mut LineInput> {
        match self {
            IoModal::Agencies(a) => Some(&mut a.input),
            IoModal::Wrap(w) => Some(&mut w.input),
            IoModal::Path(p) if p.confirm.is_none() => Some(&mut p.input),
            _ => None,
        }
    }

    /// After the text changed: clear what was said about the old one.
    fn edited(&mut self) {
        match self {
            IoModal::Agencies(a) => a.selected = 0,
            IoModal::Wrap(w) => w.error = None,
            IoModal::Path(p) => p.edited(),
            _ => {}
        }
    }
}

fn take(state: &mut State) -> Option<IoModal> {
    match state.modal.take() {
        Some(Modal::Io(m)) => Some(m),
        other => {
            state.modal = other;
            None
        }
    }
}

fn put(state: &mut State, m: Option<IoModal>) {
    // A handler may have opened another overlay (the copy question
    // leading to the path prompt); that one wins.
    if state.modal.is_none() {
        state.modal = m.map(Modal::Io);
    }
}

/// A named command while an overlay is open.
pub fn command(state: &mut State, c: Command) -> Vec<Effect> {
    let Some(mut m) = take(state) else {
        return vec![];
    };
    if c == Command::Quit {
        state.quit = true;
        put(state, Some(m));
        return vec![Effect::Quit];
    }
    if c == Command::Redraw {
        put(state, Some(m));
        return vec![Effect::ClearScreen];
    }
    let edit: Option<fn(&mut LineInput)> = match c {
        Command::DeleteBack => Some(LineInput::backspace),
        Command::DeleteForward => Some(LineInput::delete),
        Command::CursorLeft => Some(LineInput::left),
        Command::CursorRight => Some(LineInput::right),
        Command::CursorHome => Some(LineInput::home),
        Command::CursorEnd => Some(LineInput::end),
        Command::ClearInput => Some(LineInput::clear),
        Command::DeleteWord => Some(LineInput::delete_word),
        _ => None,
    };
    if let Some(f) = edit
        && let Some(input) = m.input_mut()
    {
        let before = input.text().to_string();
        f(input);
        if input.text() != before {
            m.edited();
        }
        put(state, Some(m));
        return vec![];
    }
    let (keep, effects) = match m {
        IoModal::Templates { selected } => templates(state, selected, c),
        IoModal::Agencies(a) => agencies(state, a, c),
        IoModal::Wrap(w) => wrap(state, w, c),
        IoModal::Path(p) => path(state, p, c),
        IoModal::CopyWarning(w) => copy_warning(state, w, c),
        IoModal::Import(pane) => import_pane::command(state, pane, c),
    };
    put(state, keep);
    effects
}

/// A character typed (or text pasted) into the overlay's field.
pub fn input(state: &mut State, text: &str) -> Vec<Effect> {
    let Some(mut m) = take(state) else {
        return vec![];
    };
    if let Some(input) = m.input_mut() {
        let mut chars = text.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => input.insert(c),
            _ => input.insert_str(text),
        }
        m.edited();
    }
    put(state, Some(m));
    vec![]
}

/// The loop's listing for a Tab.
pub fn completions(state: &mut State, c: Completions) -> Vec<Effect> {
    let lang = state.lang();
    if let Some(Modal::Io(IoModal::Path(p))) = &mut state.modal
        && let Err(e) = p.completed(c)
    {
        p.error = Some(match e {
            CompletionError::Unreadable(why) => why,
            CompletionError::NoMatch { prefix } => words::no_match(lang, &prefix),
        });
    }
    vec![]
}

fn templates(state: &mut State, selected: usize, c: Command) -> (Option<IoModal>, Vec<Effect>) {
    let last = TEMPLATES.len() - 1;
    let selected = match c {
        Command::Down => (selected + 1).min(last),
        Command::Up => selected.saturating_sub(1),
        Command::Top => 0,
        Command::Bottom => last,
        Command::Submit => {
            let t = TEMPLATES[selected.min(last)].template;
            return (None, export_view::set_template(state, t));
        }
        Command::Back => return (None, vec![]),
        _ => selected,
    };
    (Some(IoModal::Templates { selected }), vec![])
}

fn agencies(state: &mut State, mut a: AgencyPicker, c: Command) -> (Option<IoModal>, Vec<Effect>) {
    let choices = state
        .data
        .as_ref()
        .map(|d| export_view::agency_choices(d, a.input.text()))
        .unwrap_or_default();
    let last = choices.len().saturating_sub(1);
    match c {
        Command::Down => a.selected = (a.selected + 1).min(last),
        Command::Up => a.selected = a.selected.saturating_sub(1),
        Command::Submit => {
            return match choices.get(a.selected.min(last)) {
                Some(choice) => (None, export_view::set_agency(state, *choice)),
                // Nothing matches: keep the picker open to edit.
                None => (Some(IoModal::Agencies(a)), vec![]),
            };
        }
        Command::Back => return (None, vec![]),
        _ => {}
    }
    (Some(IoModal::Agencies(a)), vec![])
}

fn wrap(state: &mut State, mut w: WrapPrompt, c: Command) -> (Option<IoModal>, Vec<Effect>) {
    match c {
        Command::Submit => match export_view::parse_wrap(state, w.input.text()) {
            Ok(width) => (None, export_view::set_wrap(state, width)),
            Err(why) => {
                w.error = Some(why);
                (Some(IoModal::Wrap(w)), vec![])
            }
        },
        Command::Back => (None, vec![]),
        _ => (Some(IoModal::Wrap(w)), vec![]),
    }
}

fn path(state: &mut State, mut p: PathPrompt, c: Command) -> (Option<IoModal>, Vec<Effect>) {
    if p.busy {
        // A write or check is under way; only Esc is heard.
        return match c {
            Command::Back => (None, vec![]),
            _ => (Some(IoModal::Path(p)), vec![]),
        };
    }
    if p.confirm.is_some() {
        return match c {
            Command::Yes => {
                state.modal = Some(Modal::Io(IoModal::Path(p)));
                let effects = export_view::submit_write(state, true);
                (take(state), effects)
            }
            // No: back to editing the name.
            _ => {
                p.confirm = None;
                (Some(IoModal::Path(p)), vec![])
            }
        };
    }
    match c {
        Command::Complete => {
            p.error = None;
            let effect = p.complete().map(Effect::ListDir);
            (Some(IoModal::Path(p)), effect.into_iter().collect())
        }
        Command::Submit => {
            let purpose = p.purpose;
            state.modal = Some(Modal::Io(IoModal::Path(p)));
            let effects = match purpose {
                PathPurpose::Export => export_view::submit_write(state, false),
                PathPurpose::Import => import_pane::submit_paths(state),
            };
            (take(state), effects)
        }
        Command::Back => (None, vec![]),
        _ => (Some(IoModal::Path(p)), vec![]),
    }
}

fn copy_warning(state: &mut State, w: CopyWarning, c: Command) -> (Option<IoModal>, Vec<Effect>) {
    match c {
        Command::Yes => (None, export_view::copy(state, true)),
        Command::Write => (None, export_view::open_write(state)),
        Command::Back => (None, vec![]),
        _ => (Some(IoModal::CopyWarning(w)), vec![]),
    }
}

/// The window changed size.
pub fn resized(state: &mut State) {
    import_pane::resized(state);
}
