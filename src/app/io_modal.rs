//! The overlays of the export view and of the import: the template list,
//! the agency picker, the wrap-width prompt, the path prompt, the question
//! before a long copy, and the import pane. They are one variant of the
//! state's `Modal` (`Modal::Io`), so the shared code — `update`, the
//! keymap, the frame — has one arm for all of them.
//!
//! This file holds what they are; `io_keys` what keys and answers do to
//! them.

use super::command::{Command, Scope};
use super::import_pane::{self, ImportPane};
use super::input::LineInput;
use super::path_prompt::PathPrompt;

#[derive(Debug, Clone, PartialEq)]
pub enum IoModal {
    /// The template list; `selected` indexes `export::TEMPLATES`.
    Templates {
        selected: usize,
    },
    Agencies(AgencyPicker),
    Wrap(WrapPrompt),
    Path(PathPrompt),
    CopyWarning(CopyWarning),
    Import(ImportPane),
}

/// Agencies filtered by what is typed (Chinese or pinyin).
#[derive(Debug, Clone, PartialEq)]
pub struct AgencyPicker {
    pub input: LineInput,
    /// Index into `export_view::agency_choices` for the text.
    pub selected: usize,
}

/// The width the export is laid out for (`--wrap N`); empty for none.
#[derive(Debug, Clone, PartialEq)]
pub struct WrapPrompt {
    pub input: LineInput,
    pub error: Option<String>,
}

/// The question before copying a text longer than many terminals take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CopyWarning {
    pub bytes: usize,
    /// Bytes of base64 the terminal would receive.
    pub encoded: usize,
}

impl IoModal {
    /// The keymap scopes listening while the overlay is open, most
    /// specific first; a text field falls back on the prompt's editing keys.
    pub fn scopes(&self) -> Vec<Scope> {
        match self {
            IoModal::Templates { .. } => vec![Scope::Templates],
            IoModal::Agencies(_) => vec![Scope::Agencies, Scope::Prompt],
            IoModal::Wrap(_) => vec![Scope::Prompt],
            IoModal::Path(p) if p.confirm.is_some() => vec![Scope::Overwrite],
            IoModal::Path(_) => vec![Scope::Path, Scope::Prompt],
            IoModal::CopyWarning(_) => vec![Scope::CopyWarning],
            IoModal::Import(_) => vec![Scope::ImportPane],
        }
    }

    /// Whether a key of the overlay's scope does nothing now (the footer
    /// leaves its hint out): `y` in an import pane that cannot import.
    pub fn idle(&self, c: Command) -> bool {
        match self {
            IoModal::Import(pane) => {
                c == Command::Yes
                    && !matches!(&pane.stage, import_pane::Stage::Checked(ch) if ch.plan.is_ok())
            }
            _ => false,
        }
    }

    /// Whether printable keys are typed into the overlay.
    pub fn takes_text(&self) -> bool {
        match self {
            IoModal::Agencies(_) | IoModal::Wrap(_) => true,
            IoModal::Path(p) => p.confirm.is_none(),
            _ => false,
        }
    }

    pub fn input_mut(&mut self) -> Option<&mut LineInput> {
        match self {
            IoModal::Agencies(a) => Some(&mut a.input),
            IoModal::Wrap(w) => Some(&mut w.input),
            IoModal::Path(p) if p.confirm.is_none() => Some(&mut p.input),
            _ => None,
        }
    }

    /// After the text changed: clear what was said about the old one.
    pub fn edited(&mut self) {
        match self {
            IoModal::Agencies(a) => a.selected = 0,
            IoModal::Wrap(w) => w.error = None,
            IoModal::Path(p) => p.edited(),
            _ => {}
        }
    }
}
