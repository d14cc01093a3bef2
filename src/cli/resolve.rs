//! Finding the records that editing commands name the way people name
//! them: a unit by full name, short name or code; a task by dotted code or
//! exact title; agencies by short or full name; an indicator by its name on
//! the task. A name that matches nothing says what would have matched.

use super::{CliError, CliResult};
use crate::db::Store;
use crate::db::edit::{Field, validate};
use crate::model::{Agency, Indicator, Node, Outline, Unit};
use crate::text::pinyin_match::{Query, SearchKey};

/// Up to five names from `names` that the typed text matches as a
/// substring or pinyin, for "did you mean".
fn suggestions<'a>(typed: &str, names: impl Iterator<Item = &'a str>) -> String {
    let q = Query::new(typed);
    let found: Vec<&str> = names
        .filter(|n| !q.is_empty() && SearchKey::new(n).matches(&q))
        .take(5)
        .collect();
    if found.is_empty() {
        String::new()
    } else {
        format!(" (did you mean {}?)", found.join(", "))
    }
}

/// A unit by full name (渝中区), short name (渝中) or code (500103).
pub fn unit(store: &Store, typed: &str) -> CliResult<Unit> {
    let t = typed.trim();
    let units = store.units()?;
    let hit = units
        .iter()
        .find(|u| u.name == t || u.code.as_deref() == Some(t))
        .or_else(|| units.iter().find(|u| u.short_name == t));
    hit.cloned().ok_or_else(|| {
        CliError::Usage(format!(
            "--unit: no unit is named or coded {t:?}{}",
            suggestions(t, units.iter().map(|u| u.name.as_str()))
        ))
    })
}

/// A node by dotted code (2.1.2) or exact title (弘扬科学家精神).
pub fn node<'a>(outline: &'a Outline, typed: &str, option: &str) -> CliResult<&'a Node> {
    let t = typed.trim();
    if let Some(n) = outline.find_code(t) {
        return Ok(n);
    }
    let titled: Vec<&Node> = outline.iter().filter(|n| n.title == t).collect();
    match titled.as_slice() {
        [one] => Ok(one),
        [] => Err(CliError::Usage(format!(
            "{option}: no task has the code or title {t:?} (codes are dotted positions such as 2.1.2; `bayu tree --codes` lists them){}",
            suggestions(t, outline.iter().map(|n| n.title.as_str()))
        ))),
        many => Err(CliError::Usage(format!(
            "{option}: {} tasks are titled {t:?} ({}); name one by its code",
            many.len(),
            many.iter()
                .map(|n| outline.code(n.id))
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// Agencies by short or full name, separated by `,` `，` or `、`.
pub fn agencies(all: &[Agency], list: &str, option: &str) -> CliResult<Vec<i64>> {
    list.split([',', '，', '、'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|name| agency(all, name, option))
        .collect()
}

/// One agency by short or full name; a name that matches none says which
/// were meant (by text, pinyin or shared characters), or lists them all.
pub fn agency(all: &[Agency], typed: &str, option: &str) -> CliResult<i64> {
    let name = typed.trim();
    if let Some(a) = all.iter().find(|a| a.short_name == name || a.name == name) {
        return Ok(a.id);
    }
    let hint = match agency_suggestions(all, name).as_slice() {
        [] => format!(
            " (agencies: {})",
            all.iter()
                .map(|a| a.short_name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        found => format!(" (did you mean {}?)", found.join(", ")),
    };
    Err(CliError::Usage(format!(
        "{option}: no agency is named {name:?}{hint}"
    )))
}

/// Up to five agencies the typed name may have meant: those it matches as
/// text or pinyin (`fl`, `市妇`), else those sharing most of its Chinese
/// characters (`市妇连` → 市妇联).
fn agency_suggestions<'a>(all: &'a [Agency], typed: &str) -> Vec<&'a str> {
    let q = Query::new(typed);
    let matched: Vec<&str> = all
        .iter()
        .filter(|a| {
            !q.is_empty()
                && (SearchKey::new(&a.short_name).matches(&q)
                    || SearchKey::new(&a.name).matches(&q))
        })
        .map(|a| a.short_name.as_str())
        .take(5)
        .collect();
    if !matched.is_empty() {
        return matched;
    }
    let typed_chars: Vec<char> = typed.chars().filter(|c| !c.is_ascii()).collect();
    let mut scored: Vec<(usize, &str)> = all
        .iter()
        .map(|a| {
            let shared = typed_chars
                .iter()
                .filter(|c| a.short_name.contains(**c))
                .count();
            (shared, a.short_name.as_str())
        })
        .filter(|(shared, _)| *shared >= 2 && *shared * 2 >= typed_chars.len())
        .collect();
    scored.sort_by_key(|x| std::cmp::Reverse(x.0));
    scored.into_iter().take(5).map(|(_, n)| n).collect()
}

/// `NAME=N` values for the indicators of a task.
pub fn values(
    indicators: &[Indicator],
    node: &Node,
    given: &[String],
) -> CliResult<Vec<(i64, f64)>> {
    let mine: Vec<&Indicator> = indicators.iter().filter(|i| i.node_id == node.id).collect();
    given
        .iter()
        .map(|v| {
            let (name, number) = v
                .rsplit_once('=')
                .or_else(|| v.rsplit_once('＝'))
                .ok_or_else(|| {
                    CliError::Usage(format!(
                        "--value: {v:?} is not NAME=NUMBER (e.g. 学习宣传活动=12)"
                    ))
                })?;
            let name = name.trim();
            let ind = mine.iter().find(|i| i.name == name).ok_or_else(|| {
                let names: Vec<&str> = mine.iter().map(|i| i.name.as_str()).collect();
                CliError::Usage(if names.is_empty() {
                    format!(
                        "--value: task 「{}」 has no indicators, so {name:?} cannot be reported",
                        node.title
                    )
                } else {
                    format!(
                        "--value: task 「{}」 has no indicator named {name:?} (its indicators: {})",
                        node.title,
                        names.join(", ")
                    )
                })
            })?;
            let n = validate::number(Field::Value, number).map_err(|e| {
                CliError::Usage(format!(
                    "--value {name}: {}",
                    e.to_string().trim_start_matches("value: ")
                ))
            })?;
            Ok((ind.id, n))
        })
        .collect()
}

/// Reads `--text -` from standard input.
pub fn text_arg(text: &str) -> CliResult<String> {
    if text != "-" {
        return Ok(text.to_string());
    }
    let mut s = String::new();
    std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
        .map_err(|e| CliError::io("<stdin>", e))?;
    Ok(s)
}
