//! `update(&mut State, Action) -> Vec<Effect>`: the console's behaviour in
//! one function with no I/O. Keys arrive as named commands; the answers to
//! reads arrive as actions too, so every transition is testable without a
//! terminal or a database.
//!
//! This is the router: each feature (`plan`, `units`, `milestones`,
//! `reports`, `export_view`, `import_pane`, `edit`) owns its state and
//! what it does with a key or an answer; `update` decides whose turn it is
//! — the open overlay (`io_keys`, `edit_keys`), the prompt, the view
//! (`nav`) — and keeps what they share: the as-of date, the loads and
//! their generation, the view shown.

use chrono::NaiveDate;

use super::action::{Action, Command};
use super::data::Data;
use super::effect::Effect;
use super::input::LineInput;
use super::state::{Message, MessageKind, Modal, Prompt, PromptKind, State, View};
use super::{edit_keys, export_view, io_keys, nav, plan, reports, units};
use crate::i18n::console::{as_of_changed, tr};
use crate::model::dates::{YearRule, parse_date_with};

/// Applies an action and says what the loop must do next.
pub fn update(state: &mut State, action: Action) -> Vec<Effect> {
    let mut effects = step(state, action);
    effects.extend(edit_keys::follow(state));
    effects
}

fn step(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::Input(c) if matches!(state.modal, Some(Modal::Edit(_))) => {
            state.message = None;
            edit_keys::input(state, c)
        }
        Action::Paste(text) if matches!(state.modal, Some(Modal::Edit(_))) => {
            edit_keys::paste(state, &text)
        }
        Action::Edit(a) => edit_keys::answer(state, *a),
        Action::Command(c) => {
            state.message = None;
            command(state, c)
        }
        Action::Input(c) => {
            state.message = None;
            if matches!(state.modal, Some(Modal::Io(_))) {
                return io_keys::input(state, &c.to_string());
            }
            replace_fresh(state);
            edit(state, |i| i.insert(c))
        }
        Action::Paste(text) => {
            if matches!(state.modal, Some(Modal::Io(_))) {
                return io_keys::input(state, &text);
            }
            replace_fresh(state);
            edit(state, |i| i.insert_str(&text))
        }
        Action::Resize(w, h) => {
            state.size = (w, h);
            io_keys::resized(state);
            if state.view == View::Reports {
                let (cx, p) = state.split();
                reports::inbox::follow(p.reports, &cx)
            } else {
                vec![]
            }
        }
        Action::Viewport(v) => {
            state.viewport = v;
            let (cx, p) = state.split();
            match *p.view {
                View::Plan => p.plan.detail_scroll = p.plan.detail_scroll.min(v.detail_max),
                View::Reports => {
                    p.reports.detail_scroll = p.reports.detail_scroll.min(v.detail_max)
                }
                View::Export => export_view::clamp(p.export, &cx),
                _ => {}
            }
            vec![]
        }
        Action::Session { read_only, user } => {
            state.read_only = read_only;
            state.user = user;
            vec![]
        }
        Action::Start => state.load(true),
        Action::FileFault { read_only, notice } => {
            state.read_only = Some(read_only);
            state.message = Some(Message {
                kind: MessageKind::Error,
                text: notice,
            });
            vec![]
        }
        Action::GaveUpWaiting => {
            edit_keys::gave_up(state);
            vec![]
        }
        Action::DataChanged => {
            // Say why the figures moved; the next key clears it.
            if state.modal.is_none() {
                state.message = Some(Message {
                    kind: MessageKind::Info,
                    text: tr(state.lang()).data_changed.to_string(),
                });
            }
            state.load(false)
        }
        Action::Loaded { generation, loaded } => {
            if generation != state.generation {
                return vec![];
            }
            let first = state.data.is_none();
            state.loading = false;
            let data = Data::new(*loaded);
            plan::loaded(&mut state.plan, &data, first);
            reports::loaded(&mut state.reports);
            state.data = Some(data);
            edit_keys::after_load(state);
            nav::fix_selections(state);
            nav::enter_view(state)
        }
        Action::NodeReports {
            generation,
            node_id,
            reports,
        } => {
            if generation == state.generation {
                state.plan.reports.insert(node_id, reports);
            }
            vec![]
        }
        Action::Inbox(page) => {
            let (cx, p) = state.split();
            reports::inbox::receive(p.reports, &cx, *page)
        }
        Action::History {
            generation,
            history,
        } => {
            if generation == state.generation
                && let Some(data) = &mut state.data
            {
                data.history = Some(*history);
                let in_view = state.view == View::Reports;
                let (cx, p) = state.split();
                reports::matrix::history_read(p.reports, &cx, in_view);
            }
            vec![]
        }
        Action::TaskMatrix {
            generation,
            coverage,
        } => {
            let (cx, p) = state.split();
            if generation == cx.generation
                && Some(coverage.period) == reports::matrix::task_period(p.reports, &cx)
            {
                p.reports.matrix.tasks = Some(*coverage);
                reports::matrix::clamp(p.reports, &cx);
            }
            vec![]
        }
        Action::Failed(why) => {
            state.reports.inbox.loading = false;
            state.loading = false;
            state.message = Some(Message {
                kind: MessageKind::Error,
                text: why,
            });
            vec![]
        }
        Action::Export(a) => io_keys::export_answer(state, a),
        Action::Import(a) => {
            if io_keys::import_answer(state, a) {
                state.load(false)
            } else {
                vec![]
            }
        }
        Action::Completions(c) => io_keys::completions(state, c),
    }
}

fn command(state: &mut State, c: Command) -> Vec<Effect> {
    match &mut state.modal {
        Some(Modal::Prompt(_)) => return prompt_command(state, c),
        Some(Modal::Io(_)) => return io_keys::command(state, c),
        Some(Modal::Help { scroll }) => {
            match c {
                Command::Back | Command::Help => state.modal = None,
                Command::Down => *scroll = scroll.saturating_add(1),
                Command::Up => *scroll = scroll.saturating_sub(1),
                Command::Quit => return quit(state),
                Command::Redraw => return vec![Effect::ClearScreen],
                _ => {}
            }
            return vec![];
        }
        Some(Modal::Edit(_)) => return edit_keys::modal_command(state, c),
        None => {}
    }
    match c {
        Command::Quit => quit(state),
        Command::Help => {
            state.modal = Some(Modal::Help { scroll: 0 });
            vec![]
        }
        Command::Redraw => vec![Effect::ClearScreen],
        Command::NextView => show(state, state.view.next()),
        Command::PrevView => show(state, state.view.prev()),
        Command::Overview => show(state, View::Overview),
        Command::Plan => show(state, View::Plan),
        Command::Units => show(state, View::Units),
        Command::Milestones => show(state, View::Milestones),
        Command::Reports => show(state, View::Reports),
        Command::Export => show(state, View::Export),
        Command::AsOf => {
            let text = state.as_of.to_string();
            state.modal = Some(Modal::Prompt(Prompt {
                kind: PromptKind::AsOf,
                input: LineInput::new(&text),
                error: None,
                fresh: true,
            }));
            vec![]
        }
        Command::Filter => {
            if state.view.filterable() {
                let text = state.filter(state.view).to_string();
                state.modal = Some(Modal::Prompt(Prompt {
                    kind: PromptKind::Filter,
                    input: LineInput::new(&text),
                    error: None,
                    fresh: false,
                }));
            } else {
                state.message = Some(Message {
                    kind: MessageKind::Info,
                    text: tr(state.lang()).no_filter_here.to_string(),
                });
            }
            vec![]
        }
        Command::Back => back(state),
        c if edit_keys::is_edit_key(c) => edit_keys::command(state, c),
        other => nav::command(state, other),
    }
}

fn quit(state: &mut State) -> Vec<Effect> {
    state.quit = true;
    vec![Effect::Quit]
}

/// Shows a view and reads what it needs that is not loaded yet.
pub fn show(state: &mut State, view: View) -> Vec<Effect> {
    state.view = view;
    nav::enter_view(state)
}

/// Esc outside a prompt: clear the view's filter, else leave a matrix for
/// the inbox, else nothing.
fn back(state: &mut State) -> Vec<Effect> {
    let view = state.view;
    if let Some(f) = state.filter_mut(view).filter(|f| !f.is_empty()) {
        f.clear();
        return filter_changed(state, false);
    }
    if view == View::Reports && reports::back(&mut state.reports) {
        return nav::enter_view(state);
    }
    vec![]
}

fn prompt_command(state: &mut State, c: Command) -> Vec<Effect> {
    match c {
        Command::Quit => quit(state),
        Command::Submit => submit(state),
        Command::Back => {
            let kind = state.prompt().map(|p| p.kind);
            state.modal = None;
            if kind == Some(PromptKind::Filter) {
                if let Some(f) = state.filter_mut(state.view) {
                    f.clear();
                }
                return filter_changed(state, false);
            }
            vec![]
        }
        Command::DeleteBack => edit(state, LineInput::backspace),
        Command::DeleteForward => edit(state, LineInput::delete),
        Command::CursorLeft => edit(state, LineInput::left),
        Command::CursorRight => edit(state, LineInput::right),
        Command::CursorHome => edit(state, LineInput::home),
        Command::CursorEnd => edit(state, LineInput::end),
        Command::ClearInput => edit(state, LineInput::clear),
        Command::DeleteWord => edit(state, LineInput::delete_word),
        _ => vec![],
    }
}

/// Typing over a suggested text replaces it.
fn replace_fresh(state: &mut State) {
    if let Some(Modal::Prompt(p)) = &mut state.modal
        && p.fresh
    {
        p.input.clear();
    }
}

/// Changes the prompt's text; a filter applies as it is typed.
fn edit(state: &mut State, f: impl FnOnce(&mut LineInput)) -> Vec<Effect> {
    let Some(Modal::Prompt(p)) = &mut state.modal else {
        return vec![];
    };
    let before = p.input.text().to_string();
    f(&mut p.input);
    p.error = None;
    p.fresh = false;
    if p.kind != PromptKind::Filter || p.input.text() == before {
        return vec![];
    }
    let text = p.input.text().to_string();
    let view = state.view;
    if let Some(filter) = state.filter_mut(view) {
        *filter = text;
    }
    filter_changed(state, true)
}

/// After the current view's filter changed: keep the selection on a listed
/// item, and read the inbox again when it is the inbox that is filtered.
fn filter_changed(state: &mut State, typing: bool) -> Vec<Effect> {
    nav::fix_selections(state);
    let (cx, p) = state.split();
    match *p.view {
        View::Plan => {
            if let Some(data) = cx.data {
                plan::select_first_match(p.plan, data);
            }
            vec![]
        }
        View::Units => {
            units::filtered(p.units);
            vec![]
        }
        View::Reports => reports::filtered(p.reports, &cx, typing),
        _ => vec![],
    }
}

fn submit(state: &mut State) -> Vec<Effect> {
    let Some(Modal::Prompt(p)) = &mut state.modal else {
        return vec![];
    };
    match p.kind {
        PromptKind::Filter => {
            state.modal = None;
            vec![]
        }
        // A date typed without a year (12月31日) is the latest such day not
        // after today; the message line then says which day it was.
        PromptKind::AsOf => {
            match parse_date_with(p.input.text(), state.today, YearRule::LatestNotAfter) {
                Ok(date) => {
                    state.modal = None;
                    set_as_of(state, date)
                }
                Err(e) => {
                    p.error = Some(match state.settings.lang {
                        crate::i18n::Lang::Zh => e.zh(),
                        crate::i18n::Lang::En => e.to_string(),
                    });
                    vec![]
                }
            }
        }
    }
}

/// Recomputes everything at another date.
pub fn set_as_of(state: &mut State, date: NaiveDate) -> Vec<Effect> {
    state.message = Some(Message {
        kind: MessageKind::Info,
        text: as_of_changed(state.lang(), date),
    });
    if date == state.as_of {
        return vec![];
    }
    state.as_of = date;
    state.reports.matrix.period = None;
    state.load(false)
}

#[cfg(test)]
pub(crate) mod tests;
