//! Drawing what editing puts over the views: a task's list, the form
//! over it, and a question or a conflict over that. Returns where the real
//! terminal cursor belongs (in the form or its pick list).

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use super::theme::Theme;
use crate::app::edit::{EditModal, Layer, Overlay};
use crate::app::state::State;

pub fn render(
    buf: &mut Buffer,
    area: Rect,
    state: &State,
    modal: &EditModal,
    t: &Theme,
) -> Option<Position> {
    let data = state.data.as_ref()?;
    let mut cursor = None;
    for layer in &modal.stack {
        cursor = match layer {
            Layer::Items(items) => {
                super::items::render(buf, area, state, data, items, t);
                None
            }
            Layer::Form(form) => super::form::render(buf, area, state, data, form, t),
        };
    }
    match &modal.overlay {
        None => cursor,
        Some(Overlay::Conflict(view)) => {
            super::conflict::render(buf, area, state, view, t);
            None
        }
        Some(o) => {
            super::confirm::render(buf, area, state, o, t);
            None
        }
    }
}
