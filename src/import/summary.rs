//! What an import did (or, for a dry run, would do): rows read, reports
//! added, re-submissions recorded as new revisions, duplicates skipped and
//! template rows left blank — per file, per unit and in all — and how many
//! blank dates and authors took their defaults.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{Encoding, FilePlan, ImportPlan, Outcome};
use crate::db::{Result, Store};
use crate::i18n::Lang;
use crate::model::dates::format_iso;
use crate::text::sanitize::for_display;
use crate::text::width::{pad_left, pad_right, width};

/// Row counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Data rows read (each of the others, plus rows left blank).
    pub rows: usize,
    /// First reports for their unit, task and period.
    pub new: usize,
    /// Changed re-submissions, recorded as new revisions.
    pub revisions: usize,
    /// Repeats of the current report (or of an earlier row): skipped.
    pub duplicates: usize,
    /// Template rows with no text and no figure: skipped.
    pub unfilled: usize,
}

impl Counts {
    pub(crate) fn count(&mut self, outcome: Outcome) {
        self.rows += 1;
        match outcome {
            Outcome::New => self.new += 1,
            Outcome::Revision { .. } => self.revisions += 1,
            Outcome::Duplicate { .. } => self.duplicates += 1,
        }
    }

    /// Reports added: new ones and re-submissions.
    pub fn added(&self) -> usize {
        self.new + self.revisions
    }

    fn add(&mut self, o: &Counts) {
        self.rows += o.rows;
        self.new += o.new;
        self.revisions += o.revisions;
        self.duplicates += o.duplicates;
        self.unfilled += o.unfilled;
    }
}

/// One file's part.
#[derive(Debug, Clone, PartialEq)]
pub struct FileSummary {
    pub name: String,
    pub encoding: Option<Encoding>,
    pub bom: bool,
    /// The import batch, once applied (`bayu import undo BATCH`).
    pub batch: Option<i64>,
    pub counts: Counts,
}

/// The summary of an import.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// False for a dry run.
    pub applied: bool,
    pub files: Vec<FileSummary>,
    /// Per unit, in the units' order; units without rows are left out by
    /// [`Summary::unit_rows`].
    pub units: Vec<(String, Counts)>,
    pub total: Counts,
    pub dates_defaulted: usize,
    /// Dates typed without a year, which took their period's: how many,
    /// and the first (file line, as typed, as read).
    pub dates_without_year: usize,
    pub date_without_year_example: Option<(u64, String, NaiveDate)>,
    pub authors_defaulted: usize,
    /// The default 报送日期: the day of the import.
    pub default_date: NaiveDate,
    /// The default 填报人: the OS user.
    pub default_author: String,
    pub warnings: Vec<String>,
    index: HashMap<String, usize>,
}

/// The row for template rows that name no known unit.
const NO_UNIT: &str = "?";

impl Summary {
    pub(crate) fn new(plan: &ImportPlan, store: &Store) -> Result<Summary> {
        let mut units: Vec<(String, Counts)> = store
            .units()?
            .into_iter()
            .map(|u| (u.name, Counts::default()))
            .collect();
        units.push((NO_UNIT.to_string(), Counts::default()));
        let index = units
            .iter()
            .enumerate()
            .map(|(i, (n, _))| (n.clone(), i))
            .collect();
        let mut s = Summary {
            applied: false,
            files: Vec::new(),
            units,
            total: Counts::default(),
            dates_defaulted: 0,
            dates_without_year: 0,
            date_without_year_example: None,
            authors_defaulted: 0,
            default_date: plan.today,
            default_author: plan.default_author.clone(),
            warnings: plan.warnings.clone(),
            index,
        };
        for file in &plan.files {
            for unit in &file.unfilled {
                let c = s.unit_counts(unit.as_deref().unwrap_or(NO_UNIT));
                c.rows += 1;
                c.unfilled += 1;
            }
            s.dates_defaulted += file.rows.iter().filter(|r| r.date_defaulted).count();
            for r in &file.rows {
                if let Some(typed) = &r.date_without_year {
                    s.dates_without_year += 1;
                    s.date_without_year_example.get_or_insert((
                        r.line,
                        typed.clone(),
                        r.report.reported_on,
                    ));
                }
            }
            s.authors_defaulted += file.rows.iter().filter(|r| r.author_defaulted).count();
        }
        Ok(s)
    }

    pub(crate) fn unit_counts(&mut self, unit: &str) -> &mut Counts {
        let i = match self.index.get(unit) {
            Some(&i) => i,
            None => {
                self.units.push((unit.to_string(), Counts::default()));
                self.index.insert(unit.to_string(), self.units.len() - 1);
                self.units.len() - 1
            }
        };
        &mut self.units[i].1
    }

    pub(crate) fn add_file(&mut self, file: &FilePlan, mut counts: Counts, batch: Option<i64>) {
        counts.rows += file.unfilled.len();
        counts.unfilled += file.unfilled.len();
        self.total.add(&counts);
        self.files.push(FileSummary {
            name: file.name.clone(),
            encoding: file.encoding,
            bom: file.bom,
            batch,
            counts,
        });
    }

    /// Units with at least one row, in the units' order.
    pub fn unit_rows(&self) -> impl Iterator<Item = &(String, Counts)> {
        self.units.iter().filter(|(_, c)| c.rows > 0)
    }

    /// The summary as text for the terminal (and the console's pane).
    pub fn render(&self, lang: Lang) -> String {
        let mut out = String::new();
        let zh = lang == Lang::Zh;
        for f in &self.files {
            let enc = match (f.encoding, f.bom) {
                (Some(e), true) => format!("{e}, BOM"),
                (Some(e), false) => e.to_string(),
                (None, _) => "-".into(),
            };
            let batch = match f.batch {
                Some(b) if zh => format!("；导入批次 {b}"),
                Some(b) => format!("; batch {b}"),
                None => String::new(),
            };
            out.push_str(&format!(
                "{} ({enc}): {}{batch}\n",
                for_display(&f.name),
                self.counts_sentence(&f.counts, lang)
            ));
        }
        let rows: Vec<&(String, Counts)> = self.unit_rows().collect();
        if !rows.is_empty() {
            let heads: [&str; 6] = if zh {
                ["单位", "读入", "新增", "重报", "重复", "空白"]
            } else {
                ["unit", "rows", "new", "re-sub", "dup", "blank"]
            };
            let name_w = rows
                .iter()
                .map(|(n, _)| width(n))
                .chain([width(heads[0])])
                .max()
                .unwrap_or(0);
            let mut line = pad_right(heads[0], name_w);
            for h in &heads[1..] {
                line.push_str(&pad_left(h, 7));
            }
            out.push_str(line.trim_end());
            out.push('\n');
            for (name, c) in rows {
                let shown = if name == NO_UNIT {
                    lang.pick("（未识别单位）", "(no known unit)").to_string()
                } else {
                    for_display(name).into_owned()
                };
                let mut line = pad_right(&shown, name_w);
                for n in [c.rows, c.new, c.revisions, c.duplicates, c.unfilled] {
                    line.push_str(&pad_left(&n.to_string(), 7));
                }
                out.push_str(&line);
                out.push('\n');
            }
        }
        let lead = match (zh, self.applied) {
            (true, true) => "合计：",
            (true, false) => "预计（未写入）：",
            (false, true) => "Total: ",
            (false, false) => "Dry run (nothing written): ",
        };
        out.push_str(lead);
        out.push_str(&self.counts_sentence(&self.total, lang));
        out.push('\n');
        if self.dates_defaulted > 0 {
            out.push_str(&if zh {
                format!(
                    "{} 行未填报送日期，按导入当天 {} 记录。\n",
                    self.dates_defaulted,
                    format_iso(self.default_date)
                )
            } else {
                format!(
                    "报送日期 was blank in {} row{}: set to the day of the import, {}.\n",
                    self.dates_defaulted,
                    plural(self.dates_defaulted),
                    format_iso(self.default_date)
                )
            });
        }
        if let Some((line, typed, read)) = &self.date_without_year_example {
            let typed = for_display(typed);
            out.push_str(&if zh {
                format!(
                    "{} 行报送日期未写年份，按所属期次补全（如第{line}行“{typed}”→{}）。\n",
                    self.dates_without_year,
                    format_iso(*read)
                )
            } else {
                format!(
                    "报送日期 gave no year in {} row{}: the year of the row's period was taken (line {line}: \"{typed}\" is {}).\n",
                    self.dates_without_year,
                    plural(self.dates_without_year),
                    format_iso(*read)
                )
            });
        }
        if self.authors_defaulted > 0 {
            out.push_str(&if zh {
                format!(
                    "{} 行未填填报人，按当前用户 {} 记录。\n",
                    self.authors_defaulted,
                    for_display(&self.default_author)
                )
            } else {
                format!(
                    "填报人 was blank in {} row{}: set to the user running the import, {}.\n",
                    self.authors_defaulted,
                    plural(self.authors_defaulted),
                    for_display(&self.default_author)
                )
            });
        }
        out
    }

    fn counts_sentence(&self, c: &Counts, lang: Lang) -> String {
        let verb_en = if self.applied { "added" } else { "to add" };
        match lang {
            Lang::Zh => format!(
                "读入 {} 行，{} {} 条（新报送 {} 条，重报为新版本 {} 条），跳过重复 {} 条，跳过未填写的模板行 {} 行",
                c.rows,
                if self.applied { "新增" } else { "将新增" },
                c.added(),
                c.new,
                c.revisions,
                c.duplicates,
                c.unfilled
            ),
            Lang::En => format!(
                "{} row{} read: {} report{} {verb_en} ({} new, {} re-submission{} as new revisions), {} duplicate{} skipped, {} blank template row{} skipped",
                c.rows,
                plural(c.rows),
                c.added(),
                plural(c.added()),
                c.new,
                c.revisions,
                plural(c.revisions),
                c.duplicates,
                plural(c.duplicates),
                c.unfilled,
                plural(c.unfilled)
            ),
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
