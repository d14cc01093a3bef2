//! Keys while editing: in a form (Tab and Shift-Tab between fields, Enter
//! moves on from a one-line field, Ctrl-S saves, Esc cancels — asking
//! first if something was typed), in a pick list, in a confirmation, in a
//! conflict dialog, and in a task's list of milestones or indicators.

use super::{EditEffect, Layer, Overlay, ctx, form_mut, keys, modal, modal_mut, pop, push, say};
use crate::app::action::Command;
use crate::app::effect::Effect;
use crate::app::form::build::{new_form, value_fields};
use crate::app::form::picker;
use crate::app::form::submit::submit;
use crate::app::form::{Form, FormKind, Input};
use crate::app::input::LineInput;
use crate::app::keymap::Scope;
use crate::app::state::{MessageKind, State};
use crate::db::edit::Field;
use crate::i18n::Lang;
use crate::i18n::edit as words;

/// A command while the editing modal has the keyboard.
pub fn command(state: &mut State, c: Command) -> Vec<Effect> {
    let Some(m) = modal(state) else {
        return vec![];
    };
    if c == Command::Redraw {
        return vec![Effect::ClearScreen];
    }
    match m.scope() {
        Scope::Confirm => confirm(state, c),
        Scope::Conflict => conflict(state, c),
        Scope::Picker => pick(state, c),
        Scope::Items => items(state, c),
        _ => form(state, c),
    }
}

/// A typed character.
pub fn input(state: &mut State, ch: char) -> Vec<Effect> {
    let scope = modal(state).map(super::EditModal::scope);
    let (as_of, lang) = (state.as_of, state.lang());
    let Some(form) = form_mut(state) else {
        return vec![];
    };
    if scope == Some(Scope::Picker) {
        if let Some(p) = &mut form.picker {
            p.query.insert(ch);
            p.cursor = 0;
        }
        return vec![];
    }
    let focus = form.focus;
    let Some(field) = form.fields.get_mut(focus) else {
        return vec![];
    };
    let fresh = std::mem::take(&mut field.fresh);
    match &mut field.input {
        Input::Line(l) => {
            if fresh {
                l.clear();
            }
            l.insert(ch)
        }
        Input::Text(t) => t.insert(ch),
        Input::Choice { set, index } => {
            // A typed letter or character picks the choice it begins
            // (退 → 退回, r → returned); nothing else changes it.
            let n = set.count();
            let lower = ch.to_lowercase().collect::<String>();
            if let Some(i) = (1..=n)
                .map(|k| (*index + k) % n)
                .find(|i| set.label(*i, lang).to_lowercase().starts_with(&lower))
            {
                *index = i;
            }
        }
        Input::Pick { source, multi, .. } => {
            let p = picker::Picker::new(focus, *source, *multi, &ch.to_string());
            form.picker = Some(p);
            return vec![];
        }
    }
    touched(form, as_of, lang);
    vec![]
}

/// Pasted text (bracketed paste): lines kept in a multi-line field, joined
/// in a one-line field.
pub fn paste(state: &mut State, text: &str) -> Vec<Effect> {
    let (as_of, lang) = (state.as_of, state.lang());
    let Some(form) = form_mut(state) else {
        return vec![];
    };
    if let Some(p) = &mut form.picker {
        p.query.insert_str(text);
        p.cursor = 0;
        return vec![];
    }
    let focus = form.focus;
    if let Some(field) = form.fields.get_mut(focus) {
        let fresh = std::mem::take(&mut field.fresh);
        match &mut field.input {
            Input::Line(l) => {
                if fresh {
                    l.clear();
                }
                l.insert_str(text)
            }
            Input::Text(t) => t.paste(text),
            Input::Choice { .. } | Input::Pick { .. } => return vec![],
        }
    }
    touched(form, as_of, lang);
    vec![]
}

/// After the focused field changed: its note again, its old error gone.
fn touched(form: &mut Form, as_of: chrono::NaiveDate, lang: Lang) {
    form.error = None;
    if let Some(f) = form.focused_mut() {
        f.error = None;
        f.refresh_note(as_of, lang);
    }
}

fn form(state: &mut State, c: Command) -> Vec<Effect> {
    let (as_of, lang) = (state.as_of, state.lang());
    match c {
        Command::Save => return save(state),
        Command::Back | Command::Quit => {
            let dirty = modal(state).and_then(|m| m.form()).is_some_and(Form::dirty);
            if dirty {
                if let Some(m) = modal_mut(state) {
                    m.overlay = Some(Overlay::Discard);
                }
            } else {
                pop(state);
            }
            return vec![];
        }
        _ => {}
    }
    let Some(form) = form_mut(state) else {
        return vec![];
    };
    let focus = form.focus;
    let last = form.fields.len().saturating_sub(1);
    let Some(field) = form.fields.get_mut(focus) else {
        return vec![];
    };
    match (c, &mut field.input) {
        (Command::NextField, _) => form.next_field(),
        (Command::PrevField, _) => form.prev_field(),
        (Command::Submit, Input::Text(t)) => {
            t.newline();
            touched(form, as_of, lang);
        }
        (Command::Submit, Input::Pick { source, multi, .. }) => {
            form.picker = Some(picker::Picker::new(focus, *source, *multi, ""));
        }
        (Command::Submit, _) => {
            if focus == last {
                form.error = Some(words::all_filled(lang).to_string());
            } else {
                form.next_field();
            }
        }
        (Command::Up | Command::Down, Input::Text(t)) => {
            let moved = if c == Command::Up { t.up() } else { t.down() };
            match (moved, c) {
                (true, _) => {}
                (false, Command::Up) => form.prev_field(),
                (false, _) => form.next_field(),
            }
        }
        (Command::Up, _) => form.prev_field(),
        (Command::Down, _) => form.next_field(),
        (Command::CursorLeft | Command::CursorRight, Input::Choice { set, index }) => {
            let n = set.count();
            *index = if c == Command::CursorRight {
                (*index + 1) % n
            } else {
                (*index + n - 1) % n
            };
            touched(form, as_of, lang);
        }
        (_, Input::Line(l)) => {
            field.fresh = false;
            let before = l.clone();
            line_edit(l, c);
            if *l != before {
                touched(form, as_of, lang);
            }
        }
        (_, Input::Text(t)) => {
            match c {
                Command::DeleteBack => t.backspace(),
                Command::DeleteForward => t.delete(),
                Command::CursorLeft => t.left(),
                Command::CursorRight => t.right(),
                Command::CursorHome => t.home(),
                Command::CursorEnd => t.end(),
                Command::ClearInput => t.clear_line(),
                Command::DeleteWord => t.delete_word(),
                _ => return vec![],
            }
            touched(form, as_of, lang);
        }
        (
            Command::DeleteBack | Command::ClearInput | Command::DeleteWord,
            Input::Pick { chosen, .. },
        ) => {
            if c == Command::DeleteBack {
                chosen.pop();
            } else {
                chosen.clear();
            }
            touched(form, as_of, lang);
            sync_report_values(state);
        }
        _ => {}
    }
    vec![]
}

fn line_edit(l: &mut LineInput, c: Command) {
    match c {
        Command::DeleteBack => l.backspace(),
        Command::DeleteForward => l.delete(),
        Command::CursorLeft => l.left(),
        Command::CursorRight => l.right(),
        Command::CursorHome => l.home(),
        Command::CursorEnd => l.end(),
        Command::ClearInput => l.clear(),
        Command::DeleteWord => l.delete_word(),
        _ => {}
    }
}

/// Ctrl-S: read the form by the core's rules; a mistake goes beside its
/// field, otherwise the loop writes.
fn save(state: &mut State) -> Vec<Effect> {
    let lang = state.lang();
    let result = {
        let Some(cx) = ctx(state) else {
            return vec![];
        };
        let Some(form) = modal(state).and_then(|m| m.form()) else {
            return vec![];
        };
        submit(form, &cx)
    };
    let Some(form) = form_mut(state) else {
        return vec![];
    };
    form.clear_errors();
    form.picker = None;
    match result {
        Ok(op) => vec![Effect::Edit(EditEffect::Save(Box::new(op)))],
        Err(inv) => {
            let msg = match lang {
                Lang::Zh => inv.message_zh,
                Lang::En => inv.message,
            };
            form.show_error(inv.field, msg);
            vec![]
        }
    }
}

/// In a report form, the value fields follow the task picked.
fn sync_report_values(state: &mut State) {
    let Some(cx) = ctx(state) else { return };
    let Some(form) = modal(state).and_then(|m| m.form()) else {
        return;
    };
    if form.kind != FormKind::AddReport {
        return;
    }
    let node = match form.field(Field::Task).map(|f| &f.input) {
        Some(Input::Pick { chosen, .. }) => chosen.first().copied(),
        _ => None,
    };
    let have: Vec<Option<i64>> = form
        .fields
        .iter()
        .filter(|f| f.key == Field::Value)
        .map(|f| f.indicator)
        .collect();
    let new = node.map(|n| value_fields(&cx, n, &[])).unwrap_or_default();
    let want: Vec<Option<i64>> = new.iter().map(|f| f.indicator).collect();
    if have == want {
        return;
    }
    if let Some(form) = form_mut(state) {
        form.fields.retain(|f| f.key != Field::Value);
        form.fields.extend(new);
        form.focus = form.focus.min(form.fields.len().saturating_sub(1));
    }
}

fn pick(state: &mut State, c: Command) -> Vec<Effect> {
    let as_of = state.as_of;
    let items = {
        let (Some(data), Some(p)) = (
            state.data.as_ref(),
            modal(state)
                .and_then(|m| m.form())
                .and_then(|f| f.picker.as_ref()),
        ) else {
            return vec![];
        };
        picker::items(data, p.source, p.query.text(), as_of)
    };
    if c == Command::Save {
        return save(state);
    }
    let Some(form) = form_mut(state) else {
        return vec![];
    };
    let Some(p) = form.picker.as_mut() else {
        return vec![];
    };
    let field = p.field;
    let multi = p.multi;
    let current = items
        .get(p.cursor.min(items.len().saturating_sub(1)))
        .map(|i| i.id);
    match c {
        Command::Down => p.cursor = (p.cursor + 1).min(items.len().saturating_sub(1)),
        Command::Up => p.cursor = p.cursor.saturating_sub(1),
        Command::PageDown => p.cursor = (p.cursor + 10).min(items.len().saturating_sub(1)),
        Command::PageUp => p.cursor = p.cursor.saturating_sub(10),
        Command::Back => form.picker = None,
        Command::NextField | Command::PrevField => {
            form.picker = None;
            if c == Command::NextField {
                form.next_field();
            } else {
                form.prev_field();
            }
        }
        Command::Submit | Command::Toggle => {
            let Some(id) = current else {
                return vec![];
            };
            if let Some(Input::Pick { chosen, .. }) =
                form.fields.get_mut(field).map(|f| &mut f.input)
            {
                if multi {
                    match chosen.iter().position(|x| *x == id) {
                        Some(i) => {
                            chosen.remove(i);
                        }
                        None => chosen.push(id),
                    }
                } else {
                    *chosen = vec![id];
                }
            }
            if let Some(f) = form.fields.get_mut(field) {
                f.error = None;
            }
            form.error = None;
            if !multi {
                form.picker = None;
                form.next_field();
                sync_report_values(state);
            }
        }
        Command::DeleteBack if p.query.text().is_empty() && multi => {
            if let Some(Input::Pick { chosen, .. }) =
                form.fields.get_mut(field).map(|f| &mut f.input)
            {
                chosen.pop();
            }
        }
        other => {
            line_edit(&mut p.query, other);
            p.cursor = 0;
        }
    }
    vec![]
}

fn confirm(state: &mut State, c: Command) -> Vec<Effect> {
    let Some(m) = modal_mut(state) else {
        return vec![];
    };
    match c {
        Command::Yes => match m.overlay.take() {
            Some(Overlay::Discard) => {
                pop(state);
                vec![]
            }
            Some(Overlay::Confirm(cf)) => {
                super::close_overlay(state);
                vec![Effect::Edit(EditEffect::Save(cf.op))]
            }
            other => {
                m.overlay = other;
                vec![]
            }
        },
        Command::Back | Command::Quit => {
            super::close_overlay(state);
            vec![]
        }
        _ => vec![],
    }
}

fn conflict(state: &mut State, c: Command) -> Vec<Effect> {
    let lang = state.lang();
    let Some(m) = modal_mut(state) else {
        return vec![];
    };
    let Some(Overlay::Conflict(view)) = m.overlay.take() else {
        return vec![];
    };
    let Some(Layer::Form(form)) = m.stack.last_mut() else {
        return vec![];
    };
    match c {
        Command::KeepTheirs => {
            pop(state);
            say(state, MessageKind::Info, words::kept_theirs(lang).into());
            super::answer::reload(state)
        }
        Command::SaveMine => match view.theirs {
            Some(theirs) => {
                form.restore(&view.merged);
                form.version = theirs.version();
                form.record = Some(theirs);
                save(state)
            }
            None => {
                m.overlay = Some(Overlay::Conflict(view));
                say(state, MessageKind::Error, words::was_deleted(lang).into());
                vec![]
            }
        },
        Command::BackToEdit | Command::Back | Command::Quit => {
            form.restore(&view.merged);
            if let Some(theirs) = view.theirs {
                form.original = view.theirs_values;
                form.version = theirs.version();
                form.record = Some(theirs);
            }
            vec![]
        }
        _ => {
            m.overlay = Some(Overlay::Conflict(view));
            vec![]
        }
    }
}

fn items(state: &mut State, c: Command) -> Vec<Effect> {
    let Some(Layer::Items(list)) = modal(state).and_then(|m| m.stack.last()).cloned() else {
        return vec![];
    };
    let Some(data) = &state.data else {
        return vec![];
    };
    let milestones: Vec<_> = data.snap.milestones_of(list.node).cloned().collect();
    let indicators: Vec<_> = data.snap.indicators_of(list.node).cloned().collect();
    let len = match list.kind {
        super::ItemsKind::Milestones => milestones.len(),
        super::ItemsKind::Indicators => indicators.len(),
    };
    let sel = list.selected.min(len.saturating_sub(1));
    let set = |state: &mut State, to: usize| {
        if let Some(Layer::Items(l)) = modal_mut(state).and_then(|m| m.stack.last_mut()) {
            l.selected = to;
        }
    };
    match c {
        Command::Down => set(state, (sel + 1).min(len.saturating_sub(1))),
        Command::Up => set(state, sel.saturating_sub(1)),
        Command::Top => set(state, 0),
        Command::Bottom => set(state, len.saturating_sub(1)),
        Command::Back | Command::Quit => pop(state),
        Command::Add => {
            if let Some(why) = state.read_only.clone() {
                say(
                    state,
                    MessageKind::Error,
                    words::read_only(state.lang(), &why),
                );
                return vec![];
            }
            let Some(cx) = ctx(state) else { return vec![] };
            let kind = match list.kind {
                super::ItemsKind::Milestones => FormKind::AddMilestone {
                    node: Some(list.node),
                },
                super::ItemsKind::Indicators => FormKind::AddIndicator { node: list.node },
            };
            let form = new_form(&cx, kind);
            push(state, Layer::Form(Box::new(form)));
        }
        Command::EditItem | Command::Open | Command::Delete | Command::MarkDone => {
            if let Some(why) = state.read_only.clone() {
                say(
                    state,
                    MessageKind::Error,
                    words::read_only(state.lang(), &why),
                );
                return vec![];
            }
            match list.kind {
                super::ItemsKind::Milestones => {
                    if let Some(m) = milestones.get(sel) {
                        return keys::milestone_key(state, c, m);
                    }
                }
                super::ItemsKind::Indicators => {
                    if let Some(i) = indicators.get(sel) {
                        return keys::indicator_key(state, c, i);
                    }
                }
            }
        }
        _ => {}
    }
    vec![]
}
