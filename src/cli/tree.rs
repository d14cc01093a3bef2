//! `bayu tree`: the outline with its official numbering and, for each node,
//! status, lead and supporting agencies and next milestone.

use clap::Args;

use super::{CliResult, Context, emit};
use chrono::NaiveDate;

use crate::analysis::{DataWarning, Pace, Scope, Snapshot, Statement};
use crate::i18n::Lang;
use crate::model::dates::{format_cn, format_iso};
use crate::model::numbers::percent0;
use crate::model::{NodeKind, Role, Status};
use crate::text::sanitize::for_display;

#[derive(Debug, Args)]
pub struct TreeArgs {
    /// Also show the dotted codes (2.1.1) that commands accept to name a node
    #[arg(long)]
    pub codes: bool,
    /// Show only this node and what is under it (a dotted code such as 2.1)
    #[arg(value_name = "CODE")]
    pub node: Option<String>,
}

pub fn run(ctx: &Context, args: &TreeArgs) -> CliResult {
    let store = ctx.open()?;
    let snap = Snapshot::load(&store, ctx.as_of)?;
    let root = match &args.node {
        Some(code) => Some(super::find_node(&snap.outline, code)?.id),
        None => None,
    };
    emit(&render(&snap, ctx.lang, args.codes, root))
}

/// The outline (or the subtree under `root`) as text, one node per line,
/// indented by depth: the as-of date first, each task's standing as the
/// rules allow it (`analysis::statement`), its next milestone with 逾期
/// marked, and last the deadlines counted as the overview, the memo and
/// the reminder list count them.
pub fn render(snap: &Snapshot, lang: Lang, codes: bool, root: Option<i64>) -> String {
    let mut out = String::new();
    let plan = &snap.plan;
    out.push_str(&for_display(&plan.title));
    if let Some(n) = &plan.doc_number {
        out.push_str(&format!("（{}）", for_display(n)));
    }
    out.push('\n');
    out.push_str(&match lang {
        Lang::Zh => format!("（截至{}）\n", format_cn(snap.as_of)),
        Lang::En => format!("(as of {})\n", format_iso(snap.as_of)),
    });
    let nodes: Vec<&crate::model::Node> = match root {
        Some(id) => std::iter::once(id)
            .chain(snap.outline.descendants(id))
            .filter_map(|id| snap.outline.get(id))
            .collect(),
        None => snap.outline.iter().collect(),
    };
    let code_width = nodes
        .iter()
        .map(|n| snap.outline.code(n.id).len())
        .max()
        .unwrap_or(0);
    let day = |d: NaiveDate| match lang {
        Lang::Zh => format_cn(d),
        Lang::En => format_iso(d),
    };
    let (open, close) = (lang.pick("（", " ("), lang.pick("）", ")"));
    for node in &nodes {
        let depth = snap.outline.depth(node.id);
        let mut line = String::new();
        if codes {
            line.push_str(&format!("{:<code_width$}  ", snap.outline.code(node.id)));
        }
        line.push_str(&"  ".repeat(depth));
        line.push_str(&for_display(&snap.outline.numbered_title(node.id)));
        let mut facts: Vec<String> = Vec::new();
        let work = NodeKind::of_level(node.level).is_work();
        let stat = snap.stat(node.id);
        if work && let Some(said) = stat.map(|s| s.statement) {
            facts.push(standing(lang, node, &said));
        }
        let lead = snap.agency_names(node.id, Role::Lead);
        if !lead.is_empty() {
            facts.push(format!("{}{lead}", lang.pick("牵头：", "lead: ")));
        }
        let support = snap.agency_names(node.id, Role::Support);
        if !support.is_empty() {
            facts.push(format!("{}{support}", lang.pick("配合：", "support: ")));
        }
        if let Some(m) = stat
            .and_then(|s| s.next_milestone)
            .and_then(|id| snap.milestone(id))
        {
            let late = (snap.as_of - m.due).num_days();
            let (label, note) = match late {
                1.. => (
                    lang.pick("逾期节点：", "overdue: "),
                    match lang {
                        Lang::Zh => format!("（逾期{late}天）"),
                        Lang::En => format!(" ({late} days late)"),
                    },
                ),
                0 => (lang.pick("今日到期：", "due today: "), String::new()),
                _ => (lang.pick("下一节点：", "next: "), String::new()),
            };
            facts.push(format!(
                "{label}{} {}{note}",
                day(m.due),
                for_display(&m.title)
            ));
            let more = stat
                .map_or(0, |s| s.overdue_milestones)
                .saturating_sub(usize::from(late > 0));
            if more > 0 {
                facts.push(match lang {
                    Lang::Zh => format!("另有逾期节点{more}个"),
                    Lang::En => format!("{more} more overdue"),
                });
            }
        }
        if work
            && let Some(due) = node.due
            && stat.is_some_and(|s| s.statement.status != Status::Done && !s.statement.before_plan)
            && due <= snap.as_of + chrono::Days::new(u64::from(snap.plan.warning_days))
            && !snap.milestones_of(node.id).any(|m| m.due == due)
        {
            let late = (snap.as_of - due).num_days();
            let note = match (lang, late) {
                (Lang::Zh, 1..) => format!("{open}逾期{late}天{close}"),
                (Lang::En, 1..) => format!("{open}{late} days late{close}"),
                _ => String::new(),
            };
            facts.push(format!(
                "{}{}{note}",
                lang.pick("截止：", "due: "),
                day(due)
            ));
        }
        if !facts.is_empty() {
            line.push_str("  ");
            line.push_str(&facts.join(lang.pick("；", "; ")));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    if root.is_none() {
        out.push_str(&due_line(snap, lang));
    }
    out
}

/// A task's standing in a few words: `推进中，完成率45%，欠进度`,
/// `滞后（原因），完成率15%`, `未启动`, `未启动（待核实：已收到进展报送）`,
/// `已完成`, `方案尚未实施`.
fn standing(lang: Lang, node: &crate::model::Node, said: &Statement) -> String {
    if said.before_plan {
        return lang.pick("方案尚未实施", "plan not yet in force").into();
    }
    let (open, close) = (lang.pick("（", " ("), lang.pick("）", ")"));
    let mut s = lang
        .pick(said.status.label_zh(), said.status.label_en())
        .to_string();
    if said.says_reason()
        && let Some(r) = &node.status_reason
    {
        s.push_str(&format!("{open}{}{close}", for_display(r)));
    }
    if let Some(w) = said.warning {
        let what = match (lang, w) {
            (Lang::Zh, _) => format!("待核实：{}", crate::export::warning_words(w)),
            (Lang::En, DataWarning::NotStartedButActive { .. }) => {
                "to check: work is recorded".to_string()
            }
            (Lang::En, DataWarning::DoneWithOpenMilestones { open }) => {
                format!("to check: {open} milestones not marked done")
            }
        };
        s.push_str(&format!("{open}{what}{close}"));
    }
    let sep = lang.pick("，", ", ");
    if let Some(p) = said.progress.filter(|_| said.status != Status::Done) {
        s.push_str(&format!("{sep}{}{}", lang.pick("完成率", ""), percent0(p)));
    }
    if said.pace.is_class() || said.pace == Pace::Unset {
        s.push_str(&format!(
            "{sep}{}",
            lang.pick(said.pace.label_zh(), said.pace.label_en())
        ));
    }
    s
}

/// `截至2021年12月31日：逾期3项，今日到期1项，30日内到期2项。`
fn due_line(snap: &Snapshot, lang: Lang) -> String {
    let c = snap.deadlines(Scope::All).counts();
    let warn = snap.plan.warning_days;
    match lang {
        Lang::Zh => format!(
            "截至{}：逾期{}项，今日到期{}项，{warn}日内到期{}项（时间节点和任务截止日期）\n",
            format_cn(snap.as_of),
            c.overdue,
            c.today,
            c.soon
        ),
        Lang::En => format!(
            "As of {}: {} overdue, {} due today, {} due within {warn} days (milestones and tasks' due dates)\n",
            format_iso(snap.as_of),
            c.overdue,
            c.today,
            c.soon
        ),
    }
}
