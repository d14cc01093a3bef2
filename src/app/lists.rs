//! What each view lists right now, for the views to draw: the features'
//! own lists (`plan::rows`, `units::agency_rows`, …) taken from the whole
//! state, so that a view needs only `&State`. `update` uses the features'
//! functions directly.

use super::data::Data;
pub use super::plan::PlanRow;
use super::state::State;
pub use super::step::{Step, keep_or_first, step_id, step_index};
pub use super::units::units_matching;

/// The tree as shown (see `plan::rows`).
pub fn plan_rows(state: &State, data: &Data) -> Vec<PlanRow> {
    super::plan::rows(&state.plan, data)
}

/// Agencies passing the 单位 view's filter, as indexes into `data.agencies`.
pub fn agency_rows(state: &State, data: &Data) -> Vec<usize> {
    super::units::agency_rows(&state.units, data)
}

/// Units passing the 单位 view's filter.
pub fn unit_rows(state: &State, data: &Data) -> Vec<i64> {
    super::units::unit_rows(&state.units, data)
}

/// Milestones passing the filter, as indexes into `data.milestones`.
pub fn milestone_rows(state: &State, data: &Data) -> Vec<usize> {
    super::milestones::rows(&state.milestones, data)
}

/// The rows of the coverage matrices: units passing the 报送 filter.
pub fn matrix_units(state: &State, data: &Data) -> Vec<i64> {
    super::reports::matrix::units(&state.reports, data)
}
