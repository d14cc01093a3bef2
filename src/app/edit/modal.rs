//! Keys while editing: in a form (Tab and Shift-Tab between fields, Enter
//! moves on from a one-line field, Ctrl-S saves, Esc cancels — asking
//! first if something was typed), in a pick list, in a confirmation, in a
//! conflict dialog, and in a task's list of milestones or indicators.

use super::{EditEffect, Layer, Overlay, Slot, form_ctx, form_mut, items, pop, push};
use crate::app::command::{Command, Scope};
use crate::app::ctx::{Cx, say};
use crate::app::effect::Effect;
use crate::app::form::build::{new_form, value_fields};
use crate::app::form::picker;
use crate::app::form::submit::submit;
use crate::app::form::{Form, FormKind, Input};
use crate::app::input::LineInput;
use crate::app::view::{Message, MessageKind};
use crate::db::edit::Field;
use crate::i18n::Lang;
use crate::i18n::edit as words;

/// What a key in the modal asks of the router besides effects.
#[derive(Debug, Default)]
pub struct Keyed {
    pub effects: Vec<Effect>,
    /// Read everything again before the next key (`t`: keep theirs).
    pub reload: bool,
}

impl From<Vec<Effect>> for Keyed {
    fn from(effects: Vec<Effect>) -> Keyed {
        Keyed {
            effects,
            reload: false,
        }
    }
}

/// A command while the editing modal has the keyboard.
pub fn command(slot: &mut Slot, cx: &Cx<'_>, footer: &mut Option<Message>, c: Command) -> Keyed {
    let Some(m) = slot.as_ref() else {
        return Keyed::default();
    };
    if c == Command::Redraw {
        return vec![Effect::ClearScreen].into();
    }
    match m.scope() {
        Scope::Confirm => confirm(slot, c).into(),
        Scope::Conflict => conflict(slot, cx, footer, c),
        Scope::Picker => pick(slot, cx, c).into(),
        Scope::Items => items(slot, cx, footer, c).into(),
        _ => form(slot, cx, c).into(),
    }
}

/// A typed character.
pub fn input(slot: &mut Slot, cx: &Cx<'_>, ch: char) -> Vec<Effect> {
    let scope = slot.as_ref().map(|m| m.scope());
    let (as_of, lang) = (cx.as_of, cx.lang());
    let Some(form) = form_mut(slot) else {
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
pub fn paste(slot: &mut Slot, cx: &Cx<'_>, text: &str) -> Vec<Effect> {
    let (as_of, lang) = (cx.as_of, cx.lang());
    let Some(form) = form_mut(slot) else {
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

fn form(slot: &mut Slot, cx: &Cx<'_>, c: Command) -> Vec<Effect> {
    let (as_of, lang) = (cx.as_of, cx.lang());
    match c {
        Command::Save => return save(slot, cx),
        Command::Back | Command::Quit => {
            match slot.as_mut() {
                Some(m) if m.form().is_some_and(Form::dirty) => m.overlay = Some(Overlay::Discard),
                _ => pop(slot),
            }
            return vec![];
        }
        _ => {}
    }
    let Some(form) = form_mut(slot) else {
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
            sync_report_values(slot, cx);
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
fn save(slot: &mut Slot, cx: &Cx<'_>) -> Vec<Effect> {
    let lang = cx.lang();
    let Some(fcx) = form_ctx(cx) else {
        return vec![];
    };
    let Some(form) = form_mut(slot) else {
        return vec![];
    };
    let result = submit(form, &fcx);
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
fn sync_report_values(slot: &mut Slot, cx: &Cx<'_>) {
    let Some(fcx) = form_ctx(cx) else { return };
    let Some(form) = form_mut(slot) else {
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
    let new = node.map(|n| value_fields(&fcx, n, &[])).unwrap_or_default();
    let want: Vec<Option<i64>> = new.iter().map(|f| f.indicator).collect();
    if have == want {
        return;
    }
    form.fields.retain(|f| f.key != Field::Value);
    form.fields.extend(new);
    form.focus = form.focus.min(form.fields.len().saturating_sub(1));
}

fn pick(slot: &mut Slot, cx: &Cx<'_>, c: Command) -> Vec<Effect> {
    let items = {
        let (Some(data), Some(p)) = (
            cx.data,
            slot.as_ref()
                .and_then(|m| m.form())
                .and_then(|f| f.picker.as_ref()),
        ) else {
            return vec![];
        };
        picker::items(data, p.source, p.query.text(), cx.as_of)
    };
    if c == Command::Save {
        return save(slot, cx);
    }
    let Some(form) = form_mut(slot) else {
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
                sync_report_values(slot, cx);
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

fn confirm(slot: &mut Slot, c: Command) -> Vec<Effect> {
    let Some(m) = slot.as_mut() else {
        return vec![];
    };
    match c {
        Command::Yes => match m.overlay.take() {
            Some(Overlay::Discard) => {
                pop(slot);
                vec![]
            }
            Some(Overlay::Confirm(cf)) => {
                super::close_overlay(slot);
                vec![Effect::Edit(EditEffect::Save(cf.op))]
            }
            other => {
                m.overlay = other;
                vec![]
            }
        },
        Command::Back | Command::Quit => {
            super::close_overlay(slot);
            vec![]
        }
        _ => vec![],
    }
}

fn conflict(slot: &mut Slot, cx: &Cx<'_>, footer: &mut Option<Message>, c: Command) -> Keyed {
    let lang = cx.lang();
    let Some(m) = slot.as_mut() else {
        return Keyed::default();
    };
    let Some(Overlay::Conflict(view)) = m.overlay.take() else {
        return Keyed::default();
    };
    let Some(Layer::Form(form)) = m.stack.last_mut() else {
        return Keyed::default();
    };
    match c {
        Command::KeepTheirs => {
            pop(slot);
            say(footer, MessageKind::Info, words::kept_theirs(lang));
            Keyed {
                effects: vec![],
                reload: true,
            }
        }
        Command::SaveMine => match view.theirs {
            Some(theirs) => {
                form.restore(&view.merged);
                form.version = theirs.version();
                form.record = Some(theirs);
                save(slot, cx).into()
            }
            None => {
                m.overlay = Some(Overlay::Conflict(view));
                say(footer, MessageKind::Error, words::was_deleted(lang));
                Keyed::default()
            }
        },
        Command::BackToEdit | Command::Back | Command::Quit => {
            form.restore(&view.merged);
            if let Some(theirs) = view.theirs {
                form.original = view.theirs_values;
                form.version = theirs.version();
                form.record = Some(theirs);
            }
            Keyed::default()
        }
        _ => {
            m.overlay = Some(Overlay::Conflict(view));
            Keyed::default()
        }
    }
}

fn items(slot: &mut Slot, cx: &Cx<'_>, footer: &mut Option<Message>, c: Command) -> Vec<Effect> {
    let Some(Layer::Items(list)) = slot.as_ref().and_then(|m| m.stack.last()).cloned() else {
        return vec![];
    };
    let Some(data) = cx.data else {
        return vec![];
    };
    let lang = cx.lang();
    let milestones: Vec<_> = data.snap.milestones_of(list.node).cloned().collect();
    let indicators: Vec<_> = data.snap.indicators_of(list.node).cloned().collect();
    let len = match list.kind {
        super::ItemsKind::Milestones => milestones.len(),
        super::ItemsKind::Indicators => indicators.len(),
    };
    let sel = list.selected.min(len.saturating_sub(1));
    let set = |slot: &mut Slot, to: usize| {
        if let Some(Layer::Items(l)) = slot.as_mut().and_then(|m| m.stack.last_mut()) {
            l.selected = to;
        }
    };
    match c {
        Command::Down => set(slot, (sel + 1).min(len.saturating_sub(1))),
        Command::Up => set(slot, sel.saturating_sub(1)),
        Command::Top => set(slot, 0),
        Command::Bottom => set(slot, len.saturating_sub(1)),
        Command::Back | Command::Quit => pop(slot),
        Command::Add => {
            if let Some(why) = cx.read_only {
                say(footer, MessageKind::Error, words::read_only(lang, why));
                return vec![];
            }
            let Some(fcx) = form_ctx(cx) else {
                return vec![];
            };
            let kind = match list.kind {
                super::ItemsKind::Milestones => FormKind::AddMilestone {
                    node: Some(list.node),
                },
                super::ItemsKind::Indicators => FormKind::AddIndicator { node: list.node },
            };
            let form = new_form(&fcx, kind);
            push(slot, Layer::Form(Box::new(form)));
        }
        Command::EditItem | Command::Open | Command::Delete | Command::MarkDone => {
            if let Some(why) = cx.read_only {
                say(footer, MessageKind::Error, words::read_only(lang, why));
                return vec![];
            }
            match list.kind {
                super::ItemsKind::Milestones => {
                    if let Some(m) = milestones.get(sel) {
                        return items::milestone_key(slot, lang, c, m);
                    }
                }
                super::ItemsKind::Indicators => {
                    if let Some(i) = indicators.get(sel) {
                        return items::indicator_key(slot, lang, c, i);
                    }
                }
            }
        }
        _ => {}
    }
    vec![]
}
