//! The console's behaviour, apart from the terminal: its state (plain
//! data), the actions that change it, the effects it asks the loop to run,
//! and the one table of keys.
//!
//! ```text
//! keys ──> keymap ──> Action ──> update(&mut State, Action) -> Vec<Effect>
//!                                    │                          │
//!                                    ▼                          ▼
//!                          ui::render(&State)          tui runs it against the Store
//!                                                        and feeds the answer back
//! ```

pub mod action;
pub mod data;
pub mod edit;
pub mod effect;
pub mod form;
pub mod inbox;
pub mod input;
pub mod keymap;
pub mod lists;
pub mod nav;
pub mod state;
pub mod update;
// The export view and the import pane.
pub mod export_preview;
pub mod export_view;
pub mod import_pane;
pub mod io_modal;
pub mod path_prompt;

pub use action::{Action, Command};
pub use effect::Effect;
pub use state::{State, View};
pub use update::update;
