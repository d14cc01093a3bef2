//! The reports inbox over a list that can hold 100,000 reports: the state
//! keeps a window of rows around the selection and asks for the next
//! window (keyset paging) when the selection nears its edge, so a keystroke
//! never reads more than a few hundred rows. The user's filter becomes SQL
//! here: each typed term matches units and tasks by name or pinyin (turned
//! into id lists in memory, against 41 units and the outline), the text
//! and author of the report (`LIKE`), or a period (`2021Q4`, `2021年第四季度`).

use super::ReportsState;
use crate::app::ctx::Cx;
use crate::app::data::Data;
use crate::app::effect::{Anchor, Effect, InboxPage, InboxRequest};
use crate::app::step::Step;
use crate::db::{InboxFilter, InboxTerm};
use crate::model::Period;
use crate::text::pinyin_match::Query;

/// Rows kept between the selection and either edge of the window before a
/// new window is read: at least a screen and a page-down more.
pub fn margin(size: (u16, u16)) -> u64 {
    u64::from(size.1).saturating_mul(2).max(64)
}

/// Rows read on each side of the anchor.
fn window(size: (u16, u16)) -> usize {
    usize::try_from(margin(size) * 2).unwrap_or(256)
}

/// Turns the typed filter into the SQL filter.
pub fn filter_for(data: &Data, text: &str) -> InboxFilter {
    let kind = data.snap.plan.period_kind;
    let terms = text
        .split_whitespace()
        .map(|term| {
            let q = Query::new(term);
            let units = data
                .snap
                .units
                .iter()
                .filter(|u| data.keys.units.get(&u.id).is_some_and(|k| k.matches(&q)))
                .map(|u| u.id)
                .collect();
            let nodes = data
                .snap
                .outline
                .iter()
                .filter(|n| {
                    data.keys
                        .node_titles
                        .get(&n.id)
                        .is_some_and(|k| k.matches(&q))
                })
                .map(|n| n.id)
                .collect();
            InboxTerm {
                units,
                nodes,
                text: term.to_string(),
                period: Period::parse(term, kind).ok(),
            }
        })
        .collect();
    InboxFilter { terms }
}

fn request(
    cx: &Cx<'_>,
    filter: InboxFilter,
    anchor: Anchor,
    count: bool,
    debounce: bool,
) -> Effect {
    Effect::Inbox(InboxRequest {
        generation: cx.generation,
        as_of: cx.as_of,
        filter,
        anchor,
        window: window(cx.size),
        count,
        debounce,
    })
}

/// Reads the inbox again if the data, the date or the filter changed since
/// it was read: around the selected report when there is one.
pub fn refresh(s: &mut ReportsState, cx: &Cx<'_>, debounce: bool) -> Vec<Effect> {
    let Some(data) = cx.data else {
        return vec![];
    };
    let filter = filter_for(data, &s.filter);
    let inbox = &s.inbox;
    let same_filter = inbox.applied == filter;
    if !inbox.stale && same_filter && inbox.total.is_some() {
        // Nothing to read. A filter typed and then taken back leaves a read
        // waiting for typing to pause, and the list marked as loading.
        s.inbox.loading = false;
        return vec![Effect::ForgetTypedInbox];
    }
    let anchor = match inbox.selected_row() {
        Some(r) if same_filter => Anchor::Key {
            key: (r.reported_on, r.id),
            index: None,
        },
        _ => Anchor::Top,
    };
    let effect = request(cx, filter, anchor, true, debounce && !same_filter);
    s.inbox.stale = false;
    s.inbox.loading = true;
    vec![effect]
}

/// Moves the selection, reading a new window when it nears an edge.
pub fn step(s: &mut ReportsState, cx: &Cx<'_>, step: Step) -> Vec<Effect> {
    let Some(total) = s.inbox.total else {
        return vec![];
    };
    if total == 0 {
        return vec![];
    }
    let last = total - 1;
    let inbox = &mut s.inbox;
    let cur = inbox.selected.min(last);
    let to_u64 = |n: usize| u64::try_from(n).unwrap_or(u64::MAX);
    inbox.selected = match step {
        Step::Down(n) => cur.saturating_add(to_u64(n)).min(last),
        Step::Up(n) => cur.saturating_sub(to_u64(n)),
        Step::Top => 0,
        Step::Bottom => last,
    };
    let filter = inbox.applied.clone();
    match step {
        Step::Top if inbox.start > 0 => {
            return vec![request(cx, filter, Anchor::Top, false, false)];
        }
        Step::Bottom if inbox.start + to_u64(inbox.rows.len()) < total => {
            return vec![request(cx, filter, Anchor::Bottom { total }, false, false)];
        }
        _ => {}
    }
    follow(s, cx)
}

/// Asks for a new window when the selection is within `margin` of an edge
/// the list goes on past.
pub fn follow(s: &mut ReportsState, cx: &Cx<'_>) -> Vec<Effect> {
    let m = margin(cx.size);
    let inbox = &s.inbox;
    let (Some(total), false) = (inbox.total, inbox.loading) else {
        return vec![];
    };
    let len = u64::try_from(inbox.rows.len()).unwrap_or(0);
    let end = inbox.start + len;
    let near_top = inbox.start > 0 && inbox.selected < inbox.start + m;
    let near_end = end < total && inbox.selected + m >= end;
    if len == 0 || !(near_top || near_end) {
        return vec![];
    }
    let at = inbox.selected.clamp(inbox.start, end - 1);
    let Some(row) = inbox.row(at) else {
        return vec![];
    };
    let anchor = Anchor::Key {
        key: (row.reported_on, row.id),
        index: Some(at),
    };
    let filter = inbox.applied.clone();
    s.inbox.loading = true;
    vec![request(cx, filter, anchor, false, false)]
}

/// Takes an answer, unless it answers an older question.
pub fn receive(s: &mut ReportsState, cx: &Cx<'_>, page: InboxPage) -> Vec<Effect> {
    let Some(data) = cx.data else {
        return vec![];
    };
    let wanted = filter_for(data, &s.filter);
    if page.generation != cx.generation || page.as_of != cx.as_of || page.filter != wanted {
        return vec![];
    }
    let inbox = &mut s.inbox;
    if let Some(total) = page.total {
        inbox.total = Some(total);
    }
    inbox.applied = page.filter;
    inbox.start = page.start;
    inbox.rows = page.rows;
    inbox.loading = false;
    if let Some(sel) = page.selected {
        inbox.selected = sel;
        s.detail_scroll = 0;
    }
    let total = inbox.total.unwrap_or(0);
    inbox.selected = inbox.selected.min(total.saturating_sub(1));
    follow(s, cx)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_margin_covers_a_screen_and_a_page() {
        assert_eq!(margin((80, 24)), 64);
        assert_eq!(margin((200, 90)), 180);
        assert_eq!(window((200, 90)), 360);
    }
}
