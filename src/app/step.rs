//! Moving a selection through a list: one row, a page, to either end —
//! by index, or by id so that a filter or a reload keeps the user's place.

/// A movement of the selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Down(usize),
    Up(usize),
    Top,
    Bottom,
}

impl Step {
    /// The movement a command asks for (`page` rows for a page key).
    pub fn of(c: super::command::Command, page: usize) -> Option<Step> {
        use super::command::Command as C;
        match c {
            C::Down => Some(Step::Down(1)),
            C::Up => Some(Step::Up(1)),
            C::PageDown => Some(Step::Down(page)),
            C::PageUp => Some(Step::Up(page)),
            C::Top => Some(Step::Top),
            C::Bottom => Some(Step::Bottom),
            _ => None,
        }
    }
}

/// The index `step` leads to from `current` in a list of `len`.
pub fn step_index(len: usize, current: Option<usize>, step: Step) -> Option<usize> {
    if len == 0 {
        return None;
    }
    let last = len - 1;
    let cur = current.unwrap_or(0).min(last);
    Some(match step {
        Step::Down(n) => cur.saturating_add(n).min(last),
        Step::Up(n) => cur.saturating_sub(n),
        Step::Top => 0,
        Step::Bottom => last,
    })
}

/// The id `step` leads to from `current` among `ids`; a current id that is
/// not listed (filtered out) counts as the first.
pub fn step_id(ids: &[i64], current: Option<i64>, step: Step) -> Option<i64> {
    let pos = current.and_then(|c| ids.iter().position(|i| *i == c));
    let step = match (pos, step) {
        (None, Step::Down(_) | Step::Up(_)) => Step::Top,
        _ => step,
    };
    step_index(ids.len(), pos, step).map(|i| ids[i])
}

/// `current` if it is listed, else the first id (or none).
pub fn keep_or_first(ids: &[i64], current: Option<i64>) -> Option<i64> {
    match current {
        Some(c) if ids.contains(&c) => Some(c),
        _ => ids.first().copied(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_stop_at_the_ends() {
        assert_eq!(step_index(5, Some(3), Step::Down(10)), Some(4));
        assert_eq!(step_index(5, Some(3), Step::Up(10)), Some(0));
        assert_eq!(step_index(5, None, Step::Bottom), Some(4));
        assert_eq!(step_index(0, Some(1), Step::Down(1)), None);
    }

    #[test]
    fn a_filtered_out_selection_restarts_at_the_top() {
        let ids = [10, 20, 30];
        assert_eq!(step_id(&ids, Some(99), Step::Down(1)), Some(10));
        assert_eq!(step_id(&ids, Some(20), Step::Down(1)), Some(30));
        assert_eq!(step_id(&ids, Some(20), Step::Bottom), Some(30));
        assert_eq!(keep_or_first(&ids, Some(99)), Some(10));
        assert_eq!(keep_or_first(&[], Some(99)), None);
    }
}
