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
pub mod command;
pub mod ctx;
pub mod data;
pub mod edit;
pub mod edit_keys;
pub mod effect;
pub mod form;
pub mod input;
pub mod keymap;
pub mod lists;
pub mod milestones;
pub mod nav;
pub mod plan;
pub mod reports;
pub mod state;
pub mod step;
pub mod units;
pub mod update;
pub mod view;
// The export view and the import pane.
pub mod export_preview;
pub mod export_view;
pub mod import_pane;
pub mod io_keys;
pub mod io_modal;
pub mod path_prompt;

pub use action::{Action, Command};
pub use effect::Effect;
pub use state::{State, View};
pub use update::update;
