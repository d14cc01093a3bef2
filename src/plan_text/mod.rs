//! Reading the text of a Chinese implementation plan (实施方案) — usually
//! wrapped in its notice (通知) — into metadata and an outline. Works on the
//! conventions of official documents, so another plan loads the same way as
//! the built-in one.

mod lines;
mod markers;
mod meta;
mod outline;

use chrono::NaiveDate;

use lines::{clean_lines, unspace};
pub use markers::{MAX_ORDINAL, Marker, marker};
pub use outline::PlanWarning;

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
    /// Numbered lines not taken as headings, in the document's order.
    pub warnings: Vec<PlanWarning>,
}

impl PlanDoc {
    /// Headings read at each numbering level: 一、 （一） 1. （1） 1）.
    pub fn headings_by_level(&self) -> [usize; 5] {
        fn count(nodes: &[DocNode], out: &mut [usize; 5]) {
            for n in nodes {
                out[usize::from(n.level).min(4)] += 1;
                count(&n.children, out);
            }
        }
        let mut out = [0; 5];
        count(&self.outline, &mut out);
        out
    }
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
    let (lines, numbers) = clean_lines(text);
    if lines.is_empty() {
        return Err(PlanTextError::Empty);
    }
    let head = Head::find(&lines);
    let end = trailer_start(&lines, head.body_start);
    let read = outline::read(&lines[head.body_start..end], &numbers[head.body_start..end]);
    let (preamble, outline, warnings) = (read.preamble, read.roots, read.warnings);
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
        warnings,
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

#[cfg(test)]
mod tests;
