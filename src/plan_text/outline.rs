//! The numbered headings of the plan's text, read into a tree. A heading
//! must carry the next number at its level (一、 then 二、; （1） under a new
//! task starts again at 1); a numbered line that does not — a number
//! skipped or repeated, or past 99 — is read as text of the heading before
//! it, as it always was, and now also said: a warning names the line, so
//! that a heading lost to a typo in the document does not go unnoticed.

use super::DocNode;
use super::lines::append_paragraph;
use super::markers::{marker, past_last_ordinal};

/// A numbered line the reader did not take as a heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanWarning {
    /// Numbered past 99 (`100.`, `一百、`).
    PastLastNumber {
        line: usize,
        ordinal: u32,
        text: String,
    },
    /// Numbered `found` where the next heading at its level would be
    /// `expected`: a number skipped (`found > expected`) or repeated or
    /// going back (`found < expected`).
    OutOfOrder {
        line: usize,
        level: u8,
        found: u32,
        expected: u32,
        text: String,
    },
}

impl PlanWarning {
    /// The line of the document it is about.
    pub fn line(&self) -> usize {
        match self {
            PlanWarning::PastLastNumber { line, .. } | PlanWarning::OutOfOrder { line, .. } => {
                *line
            }
        }
    }
}

/// What the reader made of the plan's own text.
pub struct Read {
    pub preamble: String,
    pub roots: Vec<DocNode>,
    pub warnings: Vec<PlanWarning>,
}

/// How many characters of a line a warning quotes.
const QUOTE: usize = 20;

fn quote(line: &str) -> String {
    let mut q: String = line.chars().take(QUOTE).collect();
    if line.chars().count() > QUOTE {
        q.push('…');
    }
    q
}

/// Reads the preamble and the outline from the plan's own text; `numbers`
/// gives each line's number in the file.
pub fn read(lines: &[String], numbers: &[usize]) -> Read {
    let mut preamble = String::new();
    let mut roots: Vec<DocNode> = Vec::new();
    let mut warnings = Vec::new();
    // Path of open nodes as (level, ordinal), parallel to the tree.
    let mut open: Vec<(u8, u32)> = Vec::new();

    for (k, line) in lines.iter().enumerate() {
        let line_no = numbers.get(k).copied().unwrap_or(k + 1);
        let found = marker(line);
        let heading = found.clone().filter(|m| {
            let prev = open.iter().rev().find(|(lvl, _)| *lvl <= m.level);
            let expected = match prev {
                Some(&(lvl, ord)) if lvl == m.level => ord + 1,
                _ => 1,
            };
            if m.ordinal != expected {
                warnings.push(PlanWarning::OutOfOrder {
                    line: line_no,
                    level: m.level,
                    found: m.ordinal,
                    expected,
                    text: quote(line),
                });
            }
            m.ordinal == expected
        });
        if found.is_none()
            && let Some(m) = past_last_ordinal(line)
        {
            warnings.push(PlanWarning::PastLastNumber {
                line: line_no,
                ordinal: m.ordinal,
                text: quote(line),
            });
        }
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
    Read {
        preamble,
        roots,
        warnings,
    }
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
