//! The words of `bayu check` (and of the check `bayu backup` runs on its
//! copy): one sentence per kind of problem found, with what to do, in
//! Chinese and English; the raw lines behind each are for `--verbose`.

use std::path::Path;

use super::Lang;
use crate::db::{Finding, FindingKind};

/// One kind of problem as a sentence, with its count and what to do.
pub fn finding(lang: Lang, f: &Finding) -> String {
    let n = f.count;
    let s = if n == 1 { "" } else { "s" };
    match (f.kind, lang) {
        (FindingKind::Damaged, Lang::Zh) => format!(
            "文件已损坏：SQLite 的完整性检查报告了 {n} 处问题。请不要再写入，从备份恢复（其余检查未做：会读到损坏的页）"
        ),
        (FindingKind::Damaged, Lang::En) => format!(
            "the file is damaged: SQLite's integrity check reports {n} problem{s}. Do not write to it; restore it from a backup (the other checks were not run: they would read damaged pages)"
        ),
        (FindingKind::Dangling, Lang::Zh) => {
            format!("{n} 行记录指向已不存在的记录（如报送指向不存在的单位）")
        }
        (FindingKind::Dangling, Lang::En) => format!(
            "{n} row{s} point to records that no longer exist (a report to a missing unit, …)"
        ),
        (FindingKind::Plan, Lang::Zh) => "方案表应恰有一个方案".to_string(),
        (FindingKind::Plan, Lang::En) => "the plan table should hold exactly one plan".to_string(),
        (FindingKind::Outline, Lang::Zh) => {
            format!("大纲有 {n} 处结构问题（上级、层级或编号）")
        }
        (FindingKind::Outline, Lang::En) => {
            format!("the outline has {n} structural problem{s} (parents, levels or numbering)")
        }
        (FindingKind::Dates, Lang::Zh) => format!("{n} 处日期字段的值不是日期"),
        (FindingKind::Dates, Lang::En) => {
            format!("{n} date field{s} hold something that is not a date")
        }
        (FindingKind::Periods, Lang::Zh) => {
            format!("{n} 个报送期次与方案的报送周期不符")
        }
        (FindingKind::Periods, Lang::En) => {
            format!("{n} report period{s} do not match the plan's reporting cycle")
        }
        (FindingKind::Revisions, Lang::Zh) => {
            format!("{n} 条已被取代的报送没有更新的版本")
        }
        (FindingKind::Revisions, Lang::En) => {
            format!("{n} superseded report{s} have no newer revision")
        }
        (FindingKind::Tallies, Lang::Zh) => format!(
            "为提速保存的汇总有 {n} 张表与报送不一致：bayu check --rebuild 会据报送重新计算"
        ),
        (FindingKind::Tallies, Lang::En) => format!(
            "the totals kept for speed differ from the reports in {n} table{s}: `bayu check --rebuild` recomputes them from the reports"
        ),
    }
}

/// The closing sentence: how many kinds of problem in which file.
pub fn found(lang: Lang, path: &Path, kinds: usize) -> String {
    let path = path.display();
    match lang {
        Lang::Zh => format!("{path}：发现 {kinds} 类问题"),
        Lang::En => format!(
            "{path}: {kinds} kind{} of problem found",
            if kinds == 1 { "" } else { "s" }
        ),
    }
}

/// Where the raw lines are when they were not shown.
pub fn more_with_verbose(lang: Lang, lines: usize) -> String {
    match lang {
        Lang::Zh => format!("（共 {lines} 行明细，加 --verbose 列出）"),
        Lang::En => format!("({lines} lines of detail; --verbose lists them)"),
    }
}

/// A backup whose copy failed its check.
pub fn copy_failed(lang: Lang, dest: &Path, sentences: &str) -> String {
    let dest = dest.display();
    match lang {
        Lang::Zh => format!("{dest}：副本未通过检查：{sentences}"),
        Lang::En => format!("{dest}: the copy failed its check: {sentences}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_sentence_in_both_languages() {
        for kind in [
            FindingKind::Damaged,
            FindingKind::Dangling,
            FindingKind::Plan,
            FindingKind::Outline,
            FindingKind::Dates,
            FindingKind::Periods,
            FindingKind::Revisions,
            FindingKind::Tallies,
        ] {
            let f = Finding {
                kind,
                count: 2,
                lines: vec!["raw".into()],
            };
            let zh = finding(Lang::Zh, &f);
            let en = finding(Lang::En, &f);
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{zh}"
            );
            assert!(
                !en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{en}"
            );
            assert!(!zh.contains("raw") && !en.contains("raw"));
        }
    }
}
