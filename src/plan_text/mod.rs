//! Reading the text of a Chinese implementation plan (实施方案) — usually
//! wrapped in its notice (通知) — into metadata and an outline. Works on the
//! conventions of official documents, so another plan loads the same way as
//! the built-in one.

mod lines;
mod markers;
mod meta;

use chrono::NaiveDate;

use lines::{append_paragraph, clean_lines, unspace};
pub use markers::{Marker, marker};

/// A plan document, read.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanDoc {
    pub title: String,
    pub action_name: String,
    pub doc_number: Option<String>,
    pub issued_on: Option<NaiveDate>,
    /// Issuing agencies in the document's order.
    pub issuers: Vec<Issuer>,
    pub recipients: Option<String>,
    pub preamble: String,
    pub outline: Vec<DocNode>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Issuer {
    pub name: String,
    pub short_name: String,
}

/// A node of the outline as written in the document.
#[derive(Debug, Clone, PartialEq)]
pub struct DocNode {
    pub level: u8,
    pub title: String,
    pub body: String,
    pub children: Vec<DocNode>,
}

impl DocNode {
    /// Number of nodes in this subtree, itself included.
    pub fn count(&self) -> usize {
        1 + self.children.iter().map(DocNode::count).sum::<usize>()
    }
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum PlanTextError {
    #[error("the document is empty")]
    Empty,
    #[error(
        "no outline found: a plan needs numbered headings such as 一、 （一） 1. at the start of its lines"
    )]
    NoOutline,
}

/// Reads a plan document.
pub fn parse(text: &str) -> Result<PlanDoc, PlanTextError> {
    let lines = clean_lines(text);
    if lines.is_empty() {
        return Err(PlanTextError::Empty);
    }
    let head = Head::find(&lines);
    let end = trailer_start(&lines, head.body_start);
    let (preamble, outline) = read_outline(&lines[head.body_start..end]);
    if outline.is_empty() {
        return Err(PlanTextError::NoOutline);
    }
    let body_text = lines[head.body_start..end].join("\n");
    let short = meta::short_names(&head.issuers, &body_text);
    let issuers = head
        .issuers
        .iter()
        .zip(short)
        .map(|(name, short_name)| Issuer {
            name: name.clone(),
            short_name,
        })
        .collect();
    Ok(PlanDoc {
        action_name: meta::action_name(&head.title),
        title: head.title,
        doc_number: head.doc_number,
        issued_on: head.issued_on,
        issuers,
        recipients: head.recipients,
        preamble,
        outline,
    })
}

/// What comes before the plan's text: notice, letterhead, signatures.
struct Head {
    title: String,
    doc_number: Option<String>,
    issued_on: Option<NaiveDate>,
    issuers: Vec<String>,
    recipients: Option<String>,
    /// Index of the first line of the plan's own text (after its title).
    body_start: usize,
}

impl Head {
    fn find(lines: &[String]) -> Head {
        let first_heading = lines
            .iter()
            .position(|l| marker(l).is_some_and(|m| m.ordinal == 1))
            .unwrap_or(lines.len());
        let front = &lines[..first_heading];

        // The notice title `关于印发《…》的通知`, possibly over several lines.
        let notice_at = front.iter().position(|l| l.starts_with("关于"));
        let mut notice = String::new();
        let mut notice_end = 0;
        if let Some(at) = notice_at {
            for (i, l) in front.iter().enumerate().skip(at).take(4) {
                notice.push_str(l);
                notice_end = i + 1;
                if l.contains("通知") || l.contains("》") && !l.contains('《') {
                    break;
                }
            }
        }
        let quoted = meta::quoted_title(&notice);

        // The plan's own title line, then its text.
        let (title, body_start) = match &quoted {
            Some(t) => match front.iter().rposition(|l| unspace(l) == *t) {
                Some(i) if i >= notice_end => (t.clone(), i + 1),
                _ => (t.clone(), notice_end.max(signature_end(front))),
            },
            None => {
                let start = signature_end(front);
                match front[start..]
                    .iter()
                    .position(|l| meta::looks_like_title(l))
                {
                    Some(i) => (unspace(&front[start + i]), start + i + 1),
                    None => (String::new(), start),
                }
            }
        };

        let doc_number = front.iter().find_map(|l| meta::doc_number(l));
        let date_at = front.iter().position(|l| meta::date_line(l).is_some());
        let issued_on = date_at
            .and_then(|i| meta::date_line(&front[i]))
            .or_else(|| lines.iter().find_map(|l| printing_date(l)));
        let issuers = date_at
            .map(|i| signers_above(front, i))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| letterhead(front, notice_at));
        let recipients = front
            .iter()
            .skip(notice_end)
            .take(3)
            .find(|l| meta::is_recipients(l))
            .map(|l| l.trim_end_matches(['：', ':']).to_string());
        Head {
            title,
            doc_number,
            issued_on,
            issuers,
            recipients,
            body_start,
        }
    }
}

fn printing_date(line: &str) -> Option<NaiveDate> {
    meta::is_printing_date(line)
        .then(|| meta::leading_cn_date(line).map(|(d, _)| d))
        .flatten()
}

/// The organisations signed above the date line.
fn signers_above(front: &[String], date_at: usize) -> Vec<String> {
    let mut names: Vec<String> = front[..date_at]
        .iter()
        .rev()
        .take_while(|l| meta::looks_like_signer(l))
        .map(|l| unspace(l))
        .collect();
    names.reverse();
    names
}

/// The organisations in a joint letterhead, between the document number
/// and the notice title.
fn letterhead(front: &[String], notice_at: Option<usize>) -> Vec<String> {
    let end = notice_at.unwrap_or(0);
    let start = front[..end]
        .iter()
        .position(|l| meta::doc_number(l).is_some())
        .map(|i| i + 1)
        .unwrap_or(end);
    front[start..end]
        .iter()
        .filter(|l| meta::looks_like_signer(l))
        .map(|l| unspace(l))
        .collect()
}

/// The line after the signature date, where a notice's attachment begins.
fn signature_end(front: &[String]) -> usize {
    front
        .iter()
        .position(|l| meta::date_line(l).is_some())
        .map(|i| i + 1)
        .unwrap_or(0)
}

/// Where the printing trailer (`…办公室 / 2021年6月9日印发`, `抄送：…`)
/// starts; the outline stops there.
fn trailer_start(lines: &[String], from: usize) -> usize {
    for (i, l) in lines.iter().enumerate().skip(from) {
        if l.starts_with("抄送") {
            return i;
        }
        if meta::is_printing_date(l) {
            let prev = i.checked_sub(1).filter(|&p| p >= from);
            return match prev {
                Some(p) if meta::looks_like_signer(&lines[p]) => p,
                _ => i,
            };
        }
    }
    lines.len()
}

/// Reads the preamble and the outline from the plan's own text.
fn read_outline(lines: &[String]) -> (String, Vec<DocNode>) {
    let mut preamble = String::new();
    let mut roots: Vec<DocNode> = Vec::new();
    // Path of open nodes as (level, ordinal), parallel to the tree.
    let mut open: Vec<(u8, u32)> = Vec::new();

    for line in lines {
        let heading = marker(line).filter(|m| {
            let prev = open.iter().rev().find(|(lvl, _)| *lvl <= m.level);
            let expected = match prev {
                Some(&(lvl, ord)) if lvl == m.level => ord + 1,
                _ => 1,
            };
            m.ordinal == expected
        });
        match heading {
            Some(m) => {
                while open.last().is_some_and(|&(lvl, _)| lvl >= m.level) {
                    open.pop();
                }
                let text = &line[m.rest..];
                let (title, body) = match text.split_once('。') {
                    Some((t, b)) => (t.trim().to_string(), b.trim().to_string()),
                    None => (text.trim().to_string(), String::new()),
                };
                let node = DocNode {
                    level: m.level,
                    title,
                    body,
                    children: Vec::new(),
                };
                siblings_at(&mut roots, open.len()).push(node);
                open.push((m.level, m.ordinal));
            }
            None => match last_open(&mut roots, open.len()) {
                Some(node) => append_paragraph(&mut node.body, line),
                None => append_paragraph(&mut preamble, line),
            },
        }
    }
    (preamble, roots)
}

/// The children list at `depth` along the last branch of the tree.
fn siblings_at(roots: &mut Vec<DocNode>, depth: usize) -> &mut Vec<DocNode> {
    if depth == 0 || roots.is_empty() {
        return roots;
    }
    let last = roots.len() - 1;
    siblings_at(&mut roots[last].children, depth - 1)
}

/// The deepest open node (the one text lines belong to).
fn last_open(roots: &mut [DocNode], depth: usize) -> Option<&mut DocNode> {
    if depth == 0 {
        return None;
    }
    let mut node = roots.last_mut()?;
    for _ in 1..depth {
        node = node.children.last_mut()?;
    }
    Some(node)
}

#[cfg(test)]
mod tests;
