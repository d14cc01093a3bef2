//! The overlays of the export view and the import (one `Modal::Io`): the
//! template list, the agency picker, the width and path prompts, the
//! question before a long copy, and the import pane. Its state is where
//! the terminal cursor belongs when the overlay takes text.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::widgets::{StatefulWidget, Widget};

use super::agency_picker::AgencyPopup;
use super::copy_question::CopyPopup;
use super::import_pane::ImportPopup;
use super::path_prompt::PathPopup;
use super::templates::TemplatesPopup;
use super::wrap_prompt::WrapPopup;
use crate::app::io_modal::IoModal;
use crate::app::state::State;
use crate::ui::theme::Theme;

pub struct IoOverlay<'a> {
    pub state: &'a State,
    pub modal: &'a IoModal,
    pub theme: &'a Theme,
}

impl StatefulWidget for IoOverlay<'_> {
    type State = Option<Position>;

    fn render(self, area: Rect, buf: &mut Buffer, cursor: &mut Option<Position>) {
        let (state, theme) = (self.state, self.theme);
        match self.modal {
            IoModal::Templates { selected } => TemplatesPopup {
                lang: state.lang(),
                selected: *selected,
                theme,
            }
            .render(area, buf),
            IoModal::Agencies(picker) => AgencyPopup {
                state,
                picker,
                theme,
            }
            .render(area, buf, cursor),
            IoModal::Wrap(prompt) => WrapPopup {
                state,
                prompt,
                theme,
            }
            .render(area, buf, cursor),
            IoModal::Path(prompt) => PathPopup {
                state,
                prompt,
                theme,
            }
            .render(area, buf, cursor),
            IoModal::CopyWarning(warning) => CopyPopup {
                state,
                warning,
                theme,
            }
            .render(area, buf),
            IoModal::Import(pane) => ImportPopup { state, pane, theme }.render(area, buf),
        }
    }
}
