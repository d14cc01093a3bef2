//! bayu — a terminal coordination console for the joint office of a
//! Chinese implementation plan (实施方案): its outline, the agencies that
//! lead or support each task, milestones, indicators and the progress
//! reports of the grassroots units, over one shared SQLite file.
//!
//! The binary is a thin wrapper around [`cli::main`]; the library exists so
//! that tests and benchmarks reach the same code the user runs.

pub mod analysis;
pub mod app;
pub mod cli;
pub mod config;
pub mod db;
pub mod demo;
pub mod export;
pub mod i18n;
pub mod import;
pub mod model;
pub mod plan_text;
pub mod seed;
#[cfg(test)]
pub(crate) mod test_support;
pub mod text;
pub mod tui;
pub mod ui;
