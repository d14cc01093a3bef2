//! Drawing the console: a pure function of the state (plus what the
//! views keep between frames, in [`Memo`]). Each view is a widget built
//! from one [`ViewCtx`] (state, data, theme, words), one file or folder per
//! view, its panes widgets of their own; the header and footer are in
//! `chrome`; every overlay (help, forms and their questions, the export
//! view's popups, the import pane) is a widget in `widgets`. Every string
//! from the database goes through `text::sanitize` on its way to the
//! screen, and every width is counted in terminal columns.

pub mod chrome;
pub mod ctx;
pub mod export;
pub mod history;
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
use chrome::{Footer, Header, Loading, TooSmall};
pub use ctx::ViewCtx;
use theme::Theme;
use widgets::edit::EditOverlay;
use widgets::help::HelpPopup;
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
    let t = &theme;
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        frame.render_widget(TooSmall { state, theme: t }, area);
        return Viewport::default();
    }
    let footer_h = Footer::height(state);
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
    frame.render_widget(Header { state, theme: t }, header);
    memo.viewport = Viewport::default();
    match &state.data {
        None => frame.render_widget(Loading { state, theme: t }, body),
        Some(data) => view(frame, body, ViewCtx::new(state, data, t), memo),
    }
    // The overlays, over the view; the cursor goes where the user types.
    let mut cursor = None;
    match &state.modal {
        Some(Modal::Help { scroll }) => {
            let help = HelpPopup {
                state,
                scroll: *scroll,
                theme: t,
            };
            frame.render_widget(help, body);
        }
        Some(Modal::Edit(modal)) => {
            let edit = EditOverlay {
                state,
                modal,
                theme: t,
            };
            frame.render_stateful_widget(edit, body, &mut cursor);
        }
        _ => {}
    }
    let mut overlay_cursor = None;
    if let Some(Modal::Io(modal)) = &state.modal {
        let overlay = IoOverlay {
            state,
            modal,
            theme: t,
        };
        frame.render_stateful_widget(overlay, body, &mut overlay_cursor);
    }
    let mut prompt_cursor = None;
    frame.render_stateful_widget(Footer { state, theme: t }, footer, &mut prompt_cursor);
    if let Some(at) = overlay_cursor.or(prompt_cursor).or(cursor) {
        frame.set_cursor_position(at);
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
