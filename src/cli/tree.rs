//! `bayu tree`: the outline with its official numbering and, for each node,
//! status, lead and supporting agencies and next milestone.

use clap::Args;

use super::{CliResult, Context, emit};
use crate::analysis::Snapshot;
use crate::i18n::Lang;
use crate::model::dates::{format_cn, format_iso};
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
/// indented by depth.
pub fn render(snap: &Snapshot, lang: Lang, codes: bool, root: Option<i64>) -> String {
    let mut out = String::new();
    let plan = &snap.plan;
    out.push_str(&for_display(&plan.title));
    if let Some(n) = &plan.doc_number {
        out.push_str(&format!("（{}）", for_display(n)));
    }
    out.push('\n');
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
    for node in nodes {
        let depth = snap.outline.depth(node.id);
        let mut line = String::new();
        if codes {
            line.push_str(&format!("{:<code_width$}  ", snap.outline.code(node.id)));
        }
        line.push_str(&"  ".repeat(depth));
        line.push_str(&for_display(&snap.outline.numbered_title(node.id)));
        let mut facts: Vec<String> = Vec::new();
        let work = NodeKind::of_level(node.level).is_work();
        if work || node.status != Status::NotStarted {
            let status = lang.pick(node.status.label_zh(), node.status.label_en());
            match &node.status_reason {
                Some(r) if node.status.needs_reason() => {
                    let (open, close) = (lang.pick("（", " ("), lang.pick("）", ")"));
                    facts.push(format!("{status}{open}{}{close}", for_display(r)))
                }
                _ => facts.push(status.to_string()),
            }
        }
        let lead = snap.agency_names(node.id, Role::Lead);
        if !lead.is_empty() {
            facts.push(format!("{}{lead}", lang.pick("牵头：", "lead: ")));
        }
        let support = snap.agency_names(node.id, Role::Support);
        if !support.is_empty() {
            facts.push(format!("{}{support}", lang.pick("配合：", "support: ")));
        }
        if let Some(m) = snap
            .stat(node.id)
            .and_then(|s| s.next_milestone)
            .and_then(|id| snap.milestone(id))
        {
            facts.push(format!(
                "{}{} {}",
                lang.pick("下一节点：", "next: "),
                match lang {
                    Lang::Zh => format_cn(m.due),
                    Lang::En => format_iso(m.due),
                },
                for_display(&m.title)
            ));
        }
        if !facts.is_empty() {
            line.push_str("  ");
            line.push_str(&facts.join(lang.pick("；", "; ")));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
