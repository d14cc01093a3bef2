//! Finding the unit and the task a returned row names, the way people
//! write them: a unit by full name, short name or code (渝中区 / 渝中 /
//! 500103), a task by dotted code (2.1.2) or exact title — and, when
//! nothing matches, the nearest name to suggest (did you mean 万州区?).
//!
//! Used by the import and by `bayu template --unit`, so the two accept the
//! same spellings.

use std::collections::HashMap;

use crate::model::dates::normalize;
use crate::model::{Indicator, Node, NodeKind, Outline, Unit};

/// Edit distance (insertions, deletions, substitutions) counted in
/// characters, not bytes, so 万州区 → 万洲区 is one edit.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The candidate nearest to `input`, when it is near enough to be worth
/// suggesting: at most two thirds of the input's characters differ (so
/// 万洲区 suggests 万州区, and a three-character district name differing
/// in two places still gets the closest one). Ties go to the earlier
/// candidate, which keeps suggestions stable.
pub fn suggest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let key = normalize(input);
    let len = key.chars().count();
    if len == 0 {
        return None;
    }
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = edit_distance(&key, &normalize(c));
        if d == 0 {
            continue;
        }
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.filter(|(d, _)| d * 3 <= len * 2).map(|(_, c)| c)
}

/// The key a name is matched by: full-width folded to half-width, spaces
/// removed, ASCII lowercased.
pub fn key(s: &str) -> String {
    // A name the sheet's formula guard prefixed (`'=…`) is the name.
    normalize(crate::text::sanitize::formula_guard_removed(s.trim()))
}

/// Units by every name they answer to.
pub struct UnitMatcher {
    units: Vec<Unit>,
    by_key: HashMap<String, usize>,
}

impl UnitMatcher {
    pub fn new(units: Vec<Unit>) -> UnitMatcher {
        let mut by_key = HashMap::new();
        // Codes and short names first, full names last: a full name wins
        // should it ever equal another unit's short name.
        for (i, u) in units.iter().enumerate() {
            if let Some(code) = &u.code {
                by_key.insert(key(code), i);
            }
            by_key.insert(key(&u.short_name), i);
        }
        for (i, u) in units.iter().enumerate() {
            by_key.insert(key(&u.name), i);
        }
        UnitMatcher { units, by_key }
    }

    pub fn units(&self) -> &[Unit] {
        &self.units
    }

    pub fn find(&self, input: &str) -> Option<&Unit> {
        self.by_key.get(&key(input)).map(|&i| &self.units[i])
    }

    /// The unit's full name nearest to `input`, for "did you mean".
    pub fn suggest(&self, input: &str) -> Option<&str> {
        let best = suggest(
            input,
            self.units
                .iter()
                .flat_map(|u| [u.name.as_str(), u.short_name.as_str()]),
        )?;
        self.find(best).map(|u| u.name.as_str())
    }
}

/// Why a task cell did not name a task units report on.
#[derive(Debug, Clone, PartialEq)]
pub enum TaskMiss {
    /// Nothing by that code or title.
    Unknown { suggestion: Option<String> },
    /// A part (一、) or action (（一）): reports are on tasks.
    NotATask { kind: NodeKind },
    /// A task the office has marked as not reported on.
    NotReportable,
    /// Several tasks carry this title; the code tells them apart.
    Ambiguous { codes: Vec<String> },
}

/// Tasks and sub-tasks by code and by title.
pub struct TaskMatcher<'a> {
    outline: &'a Outline,
    by_title: HashMap<String, Vec<i64>>,
    codes: Vec<String>,
}

impl<'a> TaskMatcher<'a> {
    pub fn new(outline: &'a Outline) -> TaskMatcher<'a> {
        let mut by_title: HashMap<String, Vec<i64>> = HashMap::new();
        let mut codes = Vec::new();
        for n in outline.iter() {
            by_title.entry(key(&n.title)).or_default().push(n.id);
            by_title
                .entry(key(&outline.numbered_title(n.id)))
                .or_default()
                .push(n.id);
            codes.push(outline.code(n.id));
        }
        TaskMatcher {
            outline,
            by_title,
            codes,
        }
    }

    pub fn outline(&self) -> &'a Outline {
        self.outline
    }

    fn usable(&self, node: &'a Node) -> Result<&'a Node, TaskMiss> {
        let kind = NodeKind::of_level(node.level);
        if !kind.is_work() {
            return Err(TaskMiss::NotATask { kind });
        }
        if !node.reportable {
            return Err(TaskMiss::NotReportable);
        }
        Ok(node)
    }

    /// A task by its dotted code (`2.1.2`, full-width digits fine).
    pub fn by_code(&self, code: &str) -> Result<&'a Node, TaskMiss> {
        match self.outline.find_code(code) {
            Some(n) => self.usable(n),
            None => Err(TaskMiss::Unknown {
                suggestion: suggest(code, self.codes.iter().map(String::as_str))
                    .map(str::to_string),
            }),
        }
    }

    /// A task by its exact title, with or without its label (`1.提高政治站位`).
    pub fn by_title(&self, title: &str) -> Result<&'a Node, TaskMiss> {
        let ids = self.by_title.get(&key(title)).map(Vec::as_slice);
        let nodes: Vec<&Node> = ids
            .unwrap_or(&[])
            .iter()
            .filter_map(|&id| self.outline.get(id))
            .collect();
        let work: Vec<&Node> = nodes
            .iter()
            .copied()
            .filter(|n| NodeKind::of_level(n.level).is_work())
            .collect();
        match (nodes.as_slice(), work.as_slice()) {
            ([], _) => Err(TaskMiss::Unknown {
                suggestion: suggest(title, self.outline.work_items().map(|n| n.title.as_str()))
                    .map(str::to_string),
            }),
            ([only], []) => self.usable(only),
            (_, [one]) => self.usable(one),
            (_, []) => self.usable(nodes[0]),
            (_, several) => Err(TaskMiss::Ambiguous {
                codes: several.iter().map(|n| self.outline.code(n.id)).collect(),
            }),
        }
    }

    /// Whether `title` (as written in a sheet) is the title of `node`.
    pub fn title_matches(&self, node: &Node, title: &str) -> bool {
        let k = key(title);
        k == key(&node.title) || k == key(&self.outline.numbered_title(node.id))
    }
}

/// The tasks a unit reports on, in outline order: every reportable task
/// (numbered `1.`), and every reportable sub-task that has indicators of
/// its own (its figures need a row of their own). Sub-tasks without
/// indicators are reported within their task's row; the import still
/// accepts a row that names one.
pub fn reportable_tasks<'a>(outline: &'a Outline, indicators: &[Indicator]) -> Vec<&'a Node> {
    outline
        .work_items()
        .filter(|n| n.reportable)
        .filter(|n| {
            NodeKind::of_level(n.level) == NodeKind::Task
                || indicators.iter().any(|i| i.node_id == n.id)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(code: &str, name: &str, short: &str) -> Unit {
        Unit {
            id: 0,
            code: Some(code.into()),
            name: name.into(),
            short_name: short.into(),
            kind: "district".into(),
            valid_from: None,
            valid_to: None,
            position: 1,
            version: 1,
        }
    }

    fn matcher() -> UnitMatcher {
        UnitMatcher::new(vec![
            unit("500101", "万州区", "万州"),
            unit("500103", "渝中区", "渝中"),
            unit("500110", "綦江区", "綦江"),
            unit("500242", "酉阳土家族苗族自治县", "酉阳"),
        ])
    }

    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(edit_distance("万州区", "万洲区"), 1);
        assert_eq!(edit_distance("", "渝中"), 2);
        assert_eq!(edit_distance("2.1.9", "2.1.1"), 1);
        assert_eq!(edit_distance("abc", "abc"), 0);
    }

    #[test]
    fn units_match_by_name_short_name_or_code() {
        let m = matcher();
        assert_eq!(m.find("渝中区").unwrap().short_name, "渝中");
        assert_eq!(m.find(" 渝中 ").unwrap().short_name, "渝中");
        assert_eq!(m.find("５００１０３").unwrap().short_name, "渝中");
        assert!(m.find("渝北区").is_none());
    }

    #[test]
    fn near_misses_are_suggested_by_full_name() {
        let m = matcher();
        assert_eq!(m.suggest("万洲区"), Some("万州区"));
        assert_eq!(m.suggest("火星区"), Some("万州区"));
        assert_eq!(m.suggest("酉阳县"), Some("酉阳土家族苗族自治县"));
        assert_eq!(m.suggest("綦江县"), Some("綦江区"));
        assert_eq!(m.suggest("北京"), None);
        assert_eq!(m.suggest(""), None);
    }
}
