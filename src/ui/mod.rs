//! Drawing the console: a pure function of the state (plus the scroll
//! offsets ratatui-style widgets keep between frames, in [`Memo`]). One file
//! per view; the header, footer, prompt and help overlay in `chrome`.
//! Every string from the database goes through `text::sanitize` on its way
//! to the screen, and every width is counted in terminal columns.

pub mod chrome;
pub mod confirm;
pub mod conflict;
pub mod ctx;
pub mod edit;
pub mod export;
pub mod form;
pub mod history;
pub mod items;
pub mod milestones;
pub mod overview;
pub mod plan;
pub mod reports;
pub mod theme;
pub mod units;
pub mod widgets;

use ratatui::Frame;
use ratatui::layout::Rect;

pub use crate::app::state::Viewport;
use crate::app::state::{Modal, State, View};
pub use ctx::ViewCtx;
use theme::Theme;
use widgets::io::IoOverlay;

/// The smallest window the console draws in; below it, one line says so.
pub const MIN_SIZE: (u16, u16) = (60, 16);

/// What the views keep from one frame to the next — where each list's
/// visible part starts, ratatui-style — and what the last frame had room
/// for. Owned by the loop, not by the state; a view is a
/// `StatefulWidget` over it.
#[derive(Debug, Clone, Default)]
pub struct Memo {
    pub plan: usize,
    pub agencies: usize,
    pub units: usize,
    pub milestones: usize,
    pub inbox: u64,
    pub matrix: reports::GridOffset,
    /// Set by the view drawn, reported to the state after the frame.
    pub viewport: Viewport,
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
    memo.viewport = Viewport::default();
    match &state.data {
        None => chrome::loading(frame.buffer_mut(), body, state, &theme),
        Some(data) => view(frame, body, ViewCtx::new(state, data, &theme), memo),
    }
    if let Some(Modal::Help { scroll }) = &state.modal {
        chrome::help(frame.buffer_mut(), body, state, *scroll, &theme);
    }
    let mut cursor = None;
    if let Some(Modal::Edit(m)) = &state.modal {
        cursor = edit::render(frame.buffer_mut(), body, state, m, &theme);
    }
    let mut overlay_cursor = None;
    if let Some(Modal::Io(modal)) = &state.modal {
        let overlay = IoOverlay {
            state,
            modal,
            theme: &theme,
        };
        frame.render_stateful_widget(overlay, body, &mut overlay_cursor);
    }
    if let Some(cursor) = chrome::footer(frame.buffer_mut(), footer, state, &theme).or(cursor) {
        frame.set_cursor_position(cursor);
    }
    if let Some(cursor) = overlay_cursor {
        frame.set_cursor_position(cursor);
    }
    memo.viewport
}

/// Draws the current view in `area`.
fn view(frame: &mut Frame<'_>, area: Rect, ctx: ViewCtx<'_>, memo: &mut Memo) {
    match ctx.state.view {
        View::Overview => frame.render_widget(overview::OverviewView::new(ctx), area),
        View::Plan => frame.render_stateful_widget(plan::PlanView::new(ctx), area, memo),
        View::Units => frame.render_stateful_widget(units::UnitsView::new(ctx), area, memo),
        View::Milestones => {
            frame.render_stateful_widget(milestones::MilestonesView::new(ctx), area, memo)
        }
        View::Reports => frame.render_stateful_widget(reports::ReportsView::new(ctx), area, memo),
        View::Export => frame.render_stateful_widget(export::ExportView::new(ctx), area, memo),
    }
}
