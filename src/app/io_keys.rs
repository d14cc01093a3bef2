//! What keys, typed text and the loop's answers do to the overlays of the
//! export view and the import ([`IoModal`]): the router takes the overlay
//! out of the state, the export view or the import pane acts on it, and it
//! goes back unless it closed (or another took its place).

use super::command::Command;
use super::effect::Effect;
use super::export_view::{self, ExportAnswer};
use super::import_pane::{self, Answered, ImportAnswer};
use super::input::LineInput;
use super::io_modal::{AgencyPicker, CopyWarning, IoModal, WrapPrompt};
use super::path_prompt::{CompletionError, Completions, PathPrompt, PathPurpose};
use super::state::{Modal, State};
use crate::export::TEMPLATES;
use crate::i18n::io as words;

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

/// Runs `f` with the overlay open now (or none) in a slot, and puts what
/// the slot holds afterwards in place.
pub fn with_slot<T>(state: &mut State, f: impl FnOnce(&mut State, &mut Option<IoModal>) -> T) -> T {
    let mut slot = take(state);
    let out = f(state, &mut slot);
    put(state, slot);
    out
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
        IoModal::Import(pane) => {
            let (cx, p) = state.split();
            let (pane, effects) = import_pane::command(&cx, p.message, pane, c);
            (pane.map(IoModal::Import), effects)
        }
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

/// The loop's answers about exports.
pub fn export_answer(state: &mut State, a: ExportAnswer) -> Vec<Effect> {
    with_slot(state, |state, io| {
        let (cx, p) = state.split();
        export_view::answer(p.export, &cx, io, p.message, a)
    })
}

/// The loop's answers about an import; true when rows were imported (the
/// views must read everything again).
pub fn import_answer(state: &mut State, a: ImportAnswer) -> bool {
    with_slot(state, |state, io| {
        let Some(IoModal::Import(pane)) = io else {
            return false;
        };
        let (cx, p) = state.split();
        match import_pane::answer(&cx, pane, p.message, a) {
            Answered::Stays => false,
            Answered::Imported => {
                *io = None;
                true
            }
        }
    })
}

/// The window changed size.
pub fn resized(state: &mut State) {
    let (cx, p) = state.split();
    export_view::resized(p.export, &cx);
    if let Some(Modal::Io(IoModal::Import(pane))) = p.modal {
        import_pane::resized(&cx, pane);
    }
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
            let (cx, p) = state.split();
            return (None, export_view::set_template(p.export, &cx, t));
        }
        Command::Back => return (None, vec![]),
        _ => selected,
    };
    (Some(IoModal::Templates { selected }), vec![])
}

fn agencies(state: &mut State, mut a: AgencyPicker, c: Command) -> (Option<IoModal>, Vec<Effect>) {
    let (cx, p) = state.split();
    let choices = cx
        .data
        .map(|d| export_view::agency_choices(d, a.input.text()))
        .unwrap_or_default();
    let last = choices.len().saturating_sub(1);
    match c {
        Command::Down => a.selected = (a.selected + 1).min(last),
        Command::Up => a.selected = a.selected.saturating_sub(1),
        Command::Submit => {
            return match choices.get(a.selected.min(last)) {
                Some(choice) => (None, export_view::set_agency(p.export, &cx, *choice)),
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
    let (cx, p) = state.split();
    match c {
        Command::Submit => match export_view::parse_wrap(p.export, &cx, w.input.text()) {
            Ok(width) => (None, export_view::set_wrap(p.export, &cx, width)),
            Err(why) => {
                w.error = Some(why);
                (Some(IoModal::Wrap(w)), vec![])
            }
        },
        Command::Back => (None, vec![]),
        _ => (Some(IoModal::Wrap(w)), vec![]),
    }
}

fn path(state: &mut State, mut pp: PathPrompt, c: Command) -> (Option<IoModal>, Vec<Effect>) {
    if pp.busy {
        // A write or check is under way; only Esc is heard.
        return match c {
            Command::Back => (None, vec![]),
            _ => (Some(IoModal::Path(pp)), vec![]),
        };
    }
    let (cx, p) = state.split();
    if pp.confirm.is_some() {
        return match c {
            Command::Yes => {
                let effects = export_view::submit_write(p.export, &cx, &mut pp, true);
                (Some(IoModal::Path(pp)), effects)
            }
            // No: back to editing the name.
            _ => {
                pp.confirm = None;
                (Some(IoModal::Path(pp)), vec![])
            }
        };
    }
    match c {
        Command::Complete => {
            pp.error = None;
            let effect = pp.complete().map(Effect::ListDir);
            (Some(IoModal::Path(pp)), effect.into_iter().collect())
        }
        Command::Submit => match pp.purpose {
            PathPurpose::Export => {
                let effects = export_view::submit_write(p.export, &cx, &mut pp, false);
                (Some(IoModal::Path(pp)), effects)
            }
            PathPurpose::Import => match import_pane::submit_paths(p.import, &cx, &mut pp) {
                Some((pane, check)) => (Some(IoModal::Import(pane)), vec![check]),
                None => (Some(IoModal::Path(pp)), vec![]),
            },
        },
        Command::Back => (None, vec![]),
        _ => (Some(IoModal::Path(pp)), vec![]),
    }
}

fn copy_warning(state: &mut State, w: CopyWarning, c: Command) -> (Option<IoModal>, Vec<Effect>) {
    let (cx, p) = state.split();
    let mut io = None;
    let effects = match c {
        Command::Yes => export_view::copy(p.export, &cx, &mut io, p.message, true),
        Command::Write => export_view::open_write(p.export, &cx, &mut io),
        Command::Back => vec![],
        _ => return (Some(IoModal::CopyWarning(w)), vec![]),
    };
    (io, effects)
}
