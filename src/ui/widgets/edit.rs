//! What editing puts over the views: a task's list, the form over it, and
//! a question or a conflict over that. Its state is where the real
//! terminal cursor belongs (in the form or its pick list).

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::widgets::{StatefulWidget, Widget};

use super::confirm::ConfirmPopup;
use super::conflict::ConflictPopup;
use super::form::FormPopup;
use super::items::ItemsPopup;
use crate::app::edit::{EditModal, Layer, Overlay};
use crate::app::state::State;
use crate::ui::theme::Theme;

pub struct EditOverlay<'a> {
    pub state: &'a State,
    pub modal: &'a EditModal,
    pub theme: &'a Theme,
}

impl StatefulWidget for EditOverlay<'_> {
    type State = Option<Position>;

    fn render(self, area: Rect, buf: &mut Buffer, cursor: &mut Option<Position>) {
        let (state, theme) = (self.state, self.theme);
        let Some(data) = state.data.as_ref() else {
            return;
        };
        for layer in &self.modal.stack {
            *cursor = None;
            match layer {
                Layer::Items(items) => ItemsPopup {
                    state,
                    data,
                    items,
                    theme,
                }
                .render(area, buf),
                Layer::Form(form) => FormPopup {
                    state,
                    data,
                    form,
                    theme,
                }
                .render(area, buf, cursor),
            }
        }
        match &self.modal.overlay {
            None => {}
            Some(Overlay::Conflict(view)) => {
                *cursor = None;
                ConflictPopup { state, view, theme }.render(area, buf);
            }
            Some(overlay) => {
                *cursor = None;
                ConfirmPopup {
                    state,
                    overlay,
                    theme,
                }
                .render(area, buf);
            }
        }
    }
}
