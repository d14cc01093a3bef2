//! The header of a returned sheet: which column holds the unit, the task,
//! the period, the date, the author and the text, and which columns are
//! indicators (named `名称（计量单位）`, as the template writes them).
//!
//! Tolerant of what people do to headers (spaces, full-width brackets, a
//! title row above the header, a `*` marking a required column, a common
//! synonym such as 单位名称), strict about what loses data: a missing
//! required column, a column given twice, an indicator column that names
//! no indicator.

use std::collections::HashMap;

use super::matching::{key, suggest};
use super::read::Record;
use crate::model::Indicator;
use crate::text::sanitize::normalize_input;

/// The fixed columns, in the template's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Unit,
    TaskCode,
    Task,
    Period,
    Date,
    Author,
    Body,
}

impl Field {
    pub const ALL: [Field; 7] = [
        Field::Unit,
        Field::TaskCode,
        Field::Task,
        Field::Period,
        Field::Date,
        Field::Author,
        Field::Body,
    ];

    /// The header the template writes.
    pub fn header(self) -> &'static str {
        match self {
            Field::Unit => "单位",
            Field::TaskCode => "任务编号",
            Field::Task => "任务",
            Field::Period => "期次",
            Field::Date => "报送日期",
            Field::Author => "填报人",
            Field::Body => "进展情况",
        }
    }

    /// Other headers people give the same column.
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::Unit => &["单位名称", "区县", "报送单位", "基层单位"],
            Field::TaskCode => &["编号", "任务代码", "序号编码"],
            Field::Task => &["任务名称", "任务事项"],
            Field::Period => &["报送期次", "期间", "报送期间"],
            Field::Date => &["日期", "填报日期", "报送时间"],
            Field::Author => &["报送人", "联系人"],
            Field::Body => &["工作进展", "进展", "报送内容", "工作进展情况"],
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// The header an indicator's column carries: `女职工创新工作室（个）`.
pub fn indicator_header(ind: &Indicator) -> String {
    if ind.measure.trim().is_empty() {
        ind.name.clone()
    } else {
        format!("{}（{}）", ind.name, ind.measure)
    }
}

/// A column of indicator figures. Several tasks may have an indicator of
/// the same name and measure; a row's figure goes to its own task's.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorColumn {
    pub index: usize,
    pub header: String,
    pub measure: String,
    /// Indicators (of any task) this column can hold.
    pub ids: Vec<i64>,
}

/// Where each column is.
#[derive(Debug, Clone, PartialEq)]
pub struct Columns {
    pub header_line: u64,
    fields: [Option<usize>; 7],
    pub indicators: Vec<IndicatorColumn>,
    /// Headers the import does not use (remarks and the like).
    pub ignored: Vec<String>,
    /// Columns with a blank header.
    pub unnamed: Vec<usize>,
    pub width: usize,
}

impl Columns {
    pub fn get(&self, f: Field) -> Option<usize> {
        self.fields[f.index()]
    }

    /// Whether column `i` may hold text over several lines: 进展情况, and
    /// the columns bayu does not read (remarks and the like).
    pub fn free_text(&self, i: usize) -> bool {
        self.get(Field::Body) == Some(i)
            || (!self.fields.contains(&Some(i)) && !self.indicators.iter().any(|c| c.index == i))
    }

    /// The header of column `i` as bayu knows it (its number otherwise).
    pub fn header_of(&self, i: usize) -> String {
        if let Some(f) = Field::ALL.iter().find(|f| self.get(**f) == Some(i)) {
            return f.header().to_string();
        }
        match self.indicators.iter().find(|c| c.index == i) {
            Some(c) => c.header.clone(),
            None => (i + 1).to_string(),
        }
    }

    /// The cell of field `f` in `record` ("" when absent).
    pub fn cell<'r>(&self, record: &'r Record, f: Field) -> &'r str {
        self.get(f)
            .and_then(|i| record.cells.get(i))
            .map_or("", String::as_str)
    }
}

/// A problem with the header, reported at its line.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderProblem {
    pub column: Option<String>,
    pub message: String,
}

/// A header cell as compared: cleaned, without spaces, without the `*`
/// that marks a required column.
fn clean(cell: &str) -> String {
    let s: String = normalize_input(cell)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    s.trim_matches(['*', '＊']).to_string()
}

fn field_of(k: &str) -> Option<Field> {
    Field::ALL
        .into_iter()
        .find(|f| key(f.header()) == k || f.aliases().iter().any(|a| key(a) == k))
}

/// Index of the header record: the first of the first ten records with at
/// least two known column names (so a title row above it is skipped), or
/// the first non-blank record.
pub fn find_header(records: &[Record]) -> Option<usize> {
    records
        .iter()
        .take(10)
        .position(|r| {
            r.cells
                .iter()
                .filter(|c| field_of(&key(&clean(c))).is_some())
                .count()
                >= 2
        })
        .or_else(|| records.iter().position(|r| !r.is_blank()))
}

/// `name(measure)` → (name, measure) on a matching key.
fn split_measure(k: &str) -> Option<(&str, &str)> {
    let inner = k.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    Some((&inner[..open], &inner[open + 1..]))
}

/// Maps the header to columns.
pub fn map(header: &Record, indicators: &[Indicator]) -> (Columns, Vec<HeaderProblem>) {
    let mut by_header: HashMap<String, Vec<&Indicator>> = HashMap::new();
    let mut by_name: HashMap<String, Vec<&Indicator>> = HashMap::new();
    for ind in indicators {
        by_header
            .entry(key(&indicator_header(ind)))
            .or_default()
            .push(ind);
        by_name.entry(key(&ind.name)).or_default().push(ind);
    }
    let mut cols = Columns {
        header_line: header.line,
        fields: [None; 7],
        indicators: Vec::new(),
        ignored: Vec::new(),
        unnamed: Vec::new(),
        width: header.cells.len(),
    };
    let mut problems = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, raw) in header.cells.iter().enumerate() {
        let shown = clean(raw);
        if shown.is_empty() {
            cols.unnamed.push(i);
            continue;
        }
        let k = key(&shown);
        let canonical = match field_of(&k) {
            Some(f) => f.header().to_string(),
            None => k.clone(),
        };
        if let Some(first) = seen.insert(canonical, i) {
            problems.push(HeaderProblem {
                column: Some(shown.clone()),
                message: format!(
                    "the column appears twice (columns {} and {}); keep one",
                    first + 1,
                    i + 1
                ),
            });
            continue;
        }
        if let Some(f) = field_of(&k) {
            cols.fields[f.index()] = Some(i);
            continue;
        }
        let found = by_header.get(&k).or_else(|| {
            split_measure(&k)
                .is_none()
                .then(|| by_name.get(&k))
                .flatten()
        });
        if let Some(inds) = found {
            cols.indicators.push(IndicatorColumn {
                index: i,
                header: shown,
                measure: inds.first().map(|d| d.measure.clone()).unwrap_or_default(),
                ids: inds.iter().map(|d| d.id).collect(),
            });
            continue;
        }
        match split_measure(&k) {
            Some((name, measure)) => {
                let message = match by_name.get(name).and_then(|v| v.first()) {
                    Some(ind) => format!(
                        "indicator {} is counted in {}, not {measure}; name the column {}",
                        ind.name,
                        ind.measure,
                        indicator_header(ind)
                    ),
                    None => {
                        let headers: Vec<String> =
                            indicators.iter().map(indicator_header).collect();
                        match suggest(&shown, headers.iter().map(String::as_str)) {
                            Some(s) => format!("no indicator is named so (did you mean {s}?)"),
                            None => "no indicator is named so; `bayu template reports` writes the indicator columns".to_string(),
                        }
                    }
                };
                problems.push(HeaderProblem {
                    column: Some(shown),
                    message,
                });
            }
            None => cols.ignored.push(shown),
        }
    }
    let required_task = cols.get(Field::TaskCode).is_none() && cols.get(Field::Task).is_none();
    for f in [Field::Unit, Field::Period, Field::Body] {
        if cols.get(f).is_none() {
            problems.push(missing(f.header(), &cols.ignored));
        }
    }
    if required_task {
        problems.push(missing("任务编号 or 任务", &cols.ignored));
    }
    (cols, problems)
}

fn missing(what: &str, ignored: &[String]) -> HeaderProblem {
    let hint = what
        .split(" or ")
        .find_map(|w| suggest(w, ignored.iter().map(String::as_str)).map(|s| (w, s)));
    let message = match hint {
        Some((w, s)) => {
            format!("missing required column {what} (is the column {s} meant to be {w}?)")
        }
        None => format!("missing required column {what}"),
    };
    HeaderProblem {
        column: None,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(cells: &[&str]) -> Record {
        Record {
            line: 1,
            cells: cells.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn ind(id: i64, node: i64, name: &str, measure: &str) -> Indicator {
        Indicator {
            id,
            node_id: node,
            name: name.into(),
            measure: measure.into(),
            target: None,
            position: 1,
            version: 1,
        }
    }

    #[test]
    fn template_headers_map_to_fields_and_indicators() {
        let inds = [
            ind(1, 8, "女职工创新工作室", "个"),
            ind(2, 8, "技能竞赛和练兵比武", "场"),
        ];
        let (c, p) = map(
            &rec(&[
                "单位",
                "任务编号",
                "任务",
                "期次",
                "报送日期",
                "填报人",
                "进展情况",
                "女职工创新工作室（个）",
                " 技能竞赛和练兵比武(场) ",
                "备注",
            ]),
            &inds,
        );
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(c.get(Field::Unit), Some(0));
        assert_eq!(c.get(Field::Body), Some(6));
        assert_eq!(c.indicators.len(), 2);
        assert_eq!(c.indicators[1].ids, [2]);
        assert_eq!(c.ignored, ["备注"]);
    }

    #[test]
    fn synonyms_and_markers_are_accepted() {
        let (c, p) = map(
            &rec(&["*单位名称", "任务名称", "报送期次", "工作进展"]),
            &[],
        );
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(c.get(Field::Task), Some(1));
        assert_eq!(c.get(Field::TaskCode), None);
    }

    #[test]
    fn missing_and_doubled_columns_are_named() {
        let (_, p) = map(&rec(&["单位", "单位", "任务", "期次", "进度情况"]), &[]);
        let msgs: Vec<&str> = p.iter().map(|p| p.message.as_str()).collect();
        assert!(
            msgs[0].contains("appears twice (columns 1 and 2)"),
            "{msgs:?}"
        );
        assert!(
            msgs[1].contains(
                "missing required column 进展情况 (is the column 进度情况 meant to be 进展情况?)"
            ),
            "{msgs:?}"
        );
    }

    #[test]
    fn indicator_columns_with_a_wrong_measure_or_name_are_refused() {
        let inds = [ind(1, 8, "女职工创新工作室", "个")];
        let (_, p) = map(
            &rec(&[
                "单位",
                "任务",
                "期次",
                "进展情况",
                "女职工创新工作室（家）",
                "女职工创新工作站（个）",
            ]),
            &inds,
        );
        assert!(p[0].message.contains("counted in 个, not 家"), "{p:?}");
        assert!(
            p[1].message
                .contains("did you mean 女职工创新工作室（个）?"),
            "{p:?}"
        );
    }

    #[test]
    fn a_title_row_above_the_header_is_skipped() {
        let recs = [
            rec(&["2021年第四季度进展报送表"]),
            rec(&["单位", "任务", "期次", "进展情况"]),
        ];
        assert_eq!(find_header(&recs), Some(1));
    }
}
