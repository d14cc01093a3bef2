//! Drawing the console: a pure function of the state (plus the scroll
//! offsets ratatui-style widgets keep between frames, in [`Memo`]). One file
//! per view; the header, footer, prompt and help overlay in `chrome`.
//! Every string from the database goes through `text::sanitize` on its way
//! to the screen, and every width is counted in terminal columns.

pub mod chrome;
pub mod confirm;
pub mod conflict;
pub mod edit;
pub mod form;
pub mod history;
pub mod items;
pub mod matrix;
pub mod milestones;
pub mod overview;
pub mod plan;
pub mod reports;
pub mod theme;
pub mod units;
pub mod widgets;
// The export view and the import pane.
pub mod export;
pub mod import;
pub mod path_prompt;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::app::state::{Modal, State, View, Viewport};
use theme::Theme;

/// The smallest window the console draws in; below it, one line says so.
pub const MIN_SIZE: (u16, u16) = (60, 16);

/// Scroll positions that survive from one frame to the next: where each
/// list's visible part starts. Owned by the loop, not by the state.
#[derive(Debug, Clone, Default)]
pub struct Memo {
    pub plan: usize,
    pub agencies: usize,
    pub units: usize,
    pub milestones: usize,
    pub inbox: u64,
    pub matrix_row: usize,
    pub matrix_col: usize,
}

/// Draws a frame and reports what it had room for.
pub fn render(frame: &mut Frame<'_>, state: &State, memo: &mut Memo) -> Viewport {
    let area = frame.area();
    let theme = Theme::new(&state.settings);
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        chrome::too_small(frame.buffer_mut(), area, state, &theme);
        return Viewport::default();
    }
    let footer_h = chrome::footer_height(state);
    let header = Rect { height: 1, ..area };
    let footer = Rect {
        y: area.y + area.height - footer_h,
        height: footer_h,
        ..area
    };
    let body = Rect {
        y: area.y + 1,
        height: area.height - 1 - footer_h,
        ..area
    };
    chrome::header(frame.buffer_mut(), header, state, &theme);
    let viewport = match &state.data {
        None => {
            chrome::loading(frame.buffer_mut(), body, state, &theme);
            Viewport::default()
        }
        Some(data) => {
            let buf = frame.buffer_mut();
            match state.view {
                View::Overview => overview::render(buf, body, state, data, &theme),
                View::Plan => plan::render(buf, body, state, data, &theme, memo),
                View::Units => units::render(buf, body, state, data, &theme, memo),
                View::Milestones => milestones::render(buf, body, state, data, &theme, memo),
                View::Reports => reports::render(buf, body, state, data, &theme, memo),
                View::Export => export::render(buf, body, state, data, &theme, memo),
            }
        }
    };
    if let Some(Modal::Help { scroll }) = &state.modal {
        chrome::help(frame.buffer_mut(), body, state, *scroll, &theme);
    }
    let mut cursor = None;
    if let Some(Modal::Edit(m)) = &state.modal {
        cursor = edit::render(frame.buffer_mut(), body, state, m, &theme);
    }
    let overlay_cursor = match &state.modal {
        Some(Modal::Io(m)) => export::overlay(frame.buffer_mut(), body, state, m, &theme),
        _ => None,
    };
    if let Some(cursor) = chrome::footer(frame.buffer_mut(), footer, state, &theme).or(cursor) {
        frame.set_cursor_position(cursor);
    }
    if let Some(cursor) = overlay_cursor {
        frame.set_cursor_position(cursor);
    }
    viewport
}
