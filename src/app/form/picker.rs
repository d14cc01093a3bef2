//! Picking a unit, a task or agencies from a list that filters as the user
//! types — by name, short name or pinyin initials (`yzq` → 渝中区), and a
//! task also by its code (`2.1.1`). One choice, or several in the order
//! they were picked (lead agencies are an ordered list).

use chrono::NaiveDate;

use crate::app::data::Data;
use crate::app::input::LineInput;
use crate::model::NodeKind;
use crate::text::pinyin_match::Query;

/// What a pick field chooses from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Units,
    /// Tasks and sub-tasks (what reports and milestones belong to).
    Tasks,
    Agencies,
}

/// One line of a pick list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub id: i64,
    pub label: String,
    /// Greyed: a unit that no longer exists at the as-of date.
    pub ended: bool,
}

/// The list open over a pick field.
#[derive(Debug, Clone, PartialEq)]
pub struct Picker {
    /// The form field it fills.
    pub field: usize,
    pub source: Source,
    pub multi: bool,
    pub query: LineInput,
    /// Highlighted line among the items that pass the query.
    pub cursor: usize,
}

impl Picker {
    pub fn new(field: usize, source: Source, multi: bool, query: &str) -> Picker {
        Picker {
            field,
            source,
            multi,
            query: LineInput::new(query),
            cursor: 0,
        }
    }
}

/// The label a chosen id is shown with.
pub fn label(data: &Data, source: Source, id: i64) -> String {
    let snap = &data.snap;
    match source {
        Source::Units => snap.unit(id).map_or_else(|| "?".into(), |u| u.name.clone()),
        Source::Agencies => snap
            .agency(id)
            .map_or_else(|| "?".into(), |a| a.short_name.clone()),
        Source::Tasks => match snap.outline.get(id) {
            Some(n) => format!("{} {}", snap.outline.code(id), n.title),
            None => "?".into(),
        },
    }
}

/// Labels of several ids, joined as a list is written (`市妇联、市科协`).
pub fn labels(data: &Data, source: Source, ids: &[i64]) -> String {
    ids.iter()
        .map(|id| label(data, source, *id))
        .collect::<Vec<_>>()
        .join("、")
}

/// The items of `source` that pass `query`, in the data's order.
pub fn items(data: &Data, source: Source, query: &str, as_of: NaiveDate) -> Vec<Item> {
    let q = Query::new(query);
    let passes = |key: Option<&crate::text::pinyin_match::SearchKey>| {
        q.is_empty() || key.is_some_and(|k| k.matches(&q))
    };
    let snap = &data.snap;
    match source {
        Source::Units => snap
            .units
            .iter()
            .filter(|u| passes(data.keys.units.get(&u.id)))
            .map(|u| Item {
                id: u.id,
                label: if u.short_name != u.name {
                    format!("{}（{}）", u.name, u.short_name)
                } else {
                    u.name.clone()
                },
                ended: u.valid_to.is_some_and(|t| t < as_of),
            })
            .collect(),
        Source::Agencies => snap
            .agencies
            .iter()
            .filter(|a| passes(data.keys.agencies.get(&a.id)))
            .map(|a| Item {
                id: a.id,
                label: if a.short_name != a.name {
                    format!("{}（{}）", a.short_name, a.name)
                } else {
                    a.name.clone()
                },
                ended: false,
            })
            .collect(),
        Source::Tasks => {
            let code_query = query.trim();
            let by_code = !code_query.is_empty()
                && code_query
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == '.' || c == '．');
            snap.outline
                .iter()
                .filter(|n| NodeKind::of_level(n.level).is_work())
                .filter(|n| {
                    if by_code {
                        let code = snap.outline.code(n.id);
                        let wanted = code_query.replace('．', ".");
                        code == wanted || code.starts_with(&format!("{wanted}."))
                    } else {
                        passes(data.keys.node_titles.get(&n.id))
                    }
                })
                .map(|n| Item {
                    id: n.id,
                    label: format!("{} {}", snap.outline.code(n.id), n.title),
                    ended: false,
                })
                .collect()
        }
    }
}
