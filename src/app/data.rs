//! What the console reads from the store in one go — the snapshot and the
//! latest submissions — and what it derives from them once per load rather
//! than once per frame: the agency and milestone boards, and the pinyin
//! search keys of every list item. The reporting history (a pass over every
//! report) is read only when a view needs it.

use std::collections::HashMap;

use crate::analysis::board::{self, AgencyStat, MilestoneRow};
use crate::analysis::reporting::History;
use crate::analysis::{Coverage, Snapshot};
use crate::db::Submission;
use crate::model::Role;
use crate::text::pinyin_match::SearchKey;

/// What one load reads from the store.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub snap: Snapshot,
    /// The previous period's coverage while the current one is open.
    pub previous: Option<Coverage>,
    /// The newest submissions received by the as-of date.
    pub latest: Vec<Submission>,
}

/// Search keys for filtering, built once per load.
#[derive(Debug, Clone, Default)]
pub struct Keys {
    /// Per node: numbered title and agencies.
    pub nodes: HashMap<i64, SearchKey>,
    /// Per node: numbered title only (what an inbox filter matches).
    pub node_titles: HashMap<i64, SearchKey>,
    pub agencies: HashMap<i64, SearchKey>,
    pub units: HashMap<i64, SearchKey>,
    pub milestones: HashMap<i64, SearchKey>,
}

/// The loaded data and everything derived from it.
#[derive(Debug, Clone)]
pub struct Data {
    pub snap: Snapshot,
    /// Read when the 单位 view or the matrix by period first needs it.
    pub history: Option<History>,
    pub previous: Option<Coverage>,
    pub latest: Vec<Submission>,
    pub groups: Vec<i64>,
    pub agencies: Vec<AgencyStat>,
    pub milestones: Vec<MilestoneRow>,
    pub keys: Keys,
}

impl Data {
    pub fn new(loaded: Loaded) -> Data {
        let Loaded {
            snap,
            previous,
            latest,
        } = loaded;
        let keys = keys(&snap);
        Data {
            groups: board::progress_groups(&snap),
            agencies: board::agency_stats(&snap),
            milestones: board::milestone_board(&snap),
            keys,
            snap,
            history: None,
            previous,
            latest,
        }
    }

    pub fn unit_name(&self, id: i64) -> &str {
        self.snap.unit(id).map_or("?", |u| u.name.as_str())
    }

    pub fn unit_short(&self, id: i64) -> &str {
        self.snap.unit(id).map_or("?", |u| u.short_name.as_str())
    }

    /// Short name of the lead agency of a node (or its nearest ancestor).
    pub fn lead_short(&self, node_id: i64) -> &str {
        self.snap
            .lead_agency(node_id)
            .map_or("", |a| a.short_name.as_str())
    }
}

fn keys(snap: &Snapshot) -> Keys {
    let mut k = Keys::default();
    for n in snap.outline.iter() {
        let title = snap.outline.numbered_title(n.id);
        let with_agencies = format!(
            "{title} {} {}",
            snap.agency_names(n.id, Role::Lead),
            snap.agency_names(n.id, Role::Support)
        );
        k.nodes.insert(n.id, SearchKey::new(&with_agencies));
        k.node_titles.insert(n.id, SearchKey::new(&title));
    }
    for a in &snap.agencies {
        k.agencies.insert(
            a.id,
            SearchKey::new(&format!("{} {}", a.name, a.short_name)),
        );
    }
    for u in &snap.units {
        let code = u.code.as_deref().unwrap_or("");
        k.units.insert(
            u.id,
            SearchKey::new(&format!("{} {} {code}", u.name, u.short_name)),
        );
    }
    for m in &snap.milestones {
        let lead = snap
            .lead_agency(m.node_id)
            .map_or("", |a| a.short_name.as_str());
        let text = format!(
            "{} {} {lead}",
            m.title,
            snap.outline.numbered_title(m.node_id)
        );
        k.milestones.insert(m.id, SearchKey::new(&text));
    }
    k
}
