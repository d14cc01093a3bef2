//! Importing report sheets from the 报送 view: `i` asks for the files, the
//! loop runs `import::check` (the dry run, in the background with its
//! progress), this pane shows the summary and every problem, and `y` or
//! Enter imports with `import::apply` — the functions `bayu import
//! reports` uses — refused while there is any problem, so nothing is ever
//! half-imported. After an import the views read the data again and the
//! message line says what was added.

use super::command::Command;
use super::ctx::{Cx, say};
use super::effect::Effect;
pub use super::effect::{ApplyRequest, CheckRequest};
use super::path_prompt::{PathPrompt, PathPurpose};
use super::step::{Step, step_index};
use super::view::{Message, MessageKind};
use crate::i18n::Lang;
use crate::i18n::io::{self as words, tr};
use crate::import::ImportPlan;
use crate::text::sanitize::for_display;
use crate::text::wrap::wrap;

/// What the console keeps about imports between panes.
#[derive(Debug, Clone, Default)]
pub struct ImportState {
    /// The files typed last time, offered again.
    pub last_input: String,
    /// Counts checks, so that the answer to an abandoned one is dropped.
    pub job: u64,
}

/// The pane: which check it shows and how far it is scrolled.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportPane {
    pub job: u64,
    pub stage: Stage,
    /// First row shown.
    pub scroll: usize,
    /// The content wrapped for `width` columns.
    pub rows: Vec<PaneLine>,
    pub width: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Stage {
    /// Rows checked so far, of all the files' rows.
    Checking {
        done: usize,
        total: usize,
    },
    Checked(Box<Checked>),
    /// `y` was pressed; the rows are being added.
    Importing(Box<Checked>),
    /// The files could not be checked at all; the sentence says why.
    Failed(String),
}

/// A dry run's result: the plan, and its summary in the interface
/// language (made by the loop, which can read the unit names).
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    pub plan: ImportPlan,
    pub summary: String,
}

/// How a row of the pane is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Heading,
    Plain,
    Problem,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaneLine {
    pub kind: LineKind,
    pub text: String,
}

/// The loop's answers.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportAnswer {
    Progress {
        job: u64,
        done: usize,
        total: usize,
    },
    Checked {
        job: u64,
        result: Result<Box<Checked>, String>,
    },
    Imported {
        job: u64,
        added: usize,
        revisions: usize,
        duplicates: usize,
        batches: Vec<i64>,
    },
    ImportFailed {
        job: u64,
        why: String,
    },
}

/// `i` in the 报送 view: the path prompt, with the files typed last time
/// (none on a read-only file: the footer says why).
pub fn open(s: &ImportState, cx: &Cx<'_>, footer: &mut Option<Message>) -> Option<PathPrompt> {
    if let Some(why) = cx.read_only {
        say(
            footer,
            MessageKind::Error,
            words::import_read_only(cx.lang(), why),
        );
        return None;
    }
    Some(PathPrompt::new(PathPurpose::Import, &s.last_input))
}

/// Enter in the import's path prompt: the dry run starts, and the pane
/// that shows it takes the prompt's place (none when no file is named:
/// the prompt says so).
pub fn submit_paths(
    s: &mut ImportState,
    cx: &Cx<'_>,
    p: &mut PathPrompt,
) -> Option<(ImportPane, Effect)> {
    let lang = cx.lang();
    let paths = p.paths();
    if paths.is_empty() {
        p.error = Some(tr(lang).no_files.to_string());
        return None;
    }
    s.last_input = p.input.text().trim().to_string();
    s.job += 1;
    let job = s.job;
    let mut pane = ImportPane {
        job,
        stage: Stage::Checking { done: 0, total: 0 },
        scroll: 0,
        rows: Vec::new(),
        width: 0,
    };
    relayout(&mut pane, lang, pane_size(cx.size).0);
    let check = Effect::CheckImport(CheckRequest {
        job,
        paths,
        lang,
        today: cx.today,
    });
    Some((pane, check))
}

/// The pane's keys; the pane if it stays open.
pub fn command(
    cx: &Cx<'_>,
    footer: &mut Option<Message>,
    mut pane: ImportPane,
    c: Command,
) -> (Option<ImportPane>, Vec<Effect>) {
    let page = pane_size(cx.size).1.max(1);
    if let Some(step) = Step::of(c, page) {
        let last_top = pane.rows.len().saturating_sub(page);
        if let Some(top) = step_index(last_top + 1, Some(pane.scroll), step) {
            pane.scroll = top;
        }
        return (Some(pane), vec![]);
    }
    let lang = cx.lang();
    match c {
        Command::Back => match pane.stage {
            // The rows are being added: the answer closes the pane.
            Stage::Importing(_) => (Some(pane), vec![]),
            _ => (None, vec![]),
        },
        Command::Yes | Command::Submit => match pane.stage {
            Stage::Checked(checked) if checked.plan.is_ok() => {
                let effect = Effect::ApplyImport(ApplyRequest {
                    job: pane.job,
                    plan: Box::new(checked.plan.clone()),
                    lang,
                });
                pane.stage = Stage::Importing(checked);
                rewrap(&mut pane, lang);
                (Some(pane), vec![effect])
            }
            Stage::Checked(checked) => {
                say(
                    footer,
                    MessageKind::Error,
                    words::cannot_import(lang, checked.plan.problems.len()),
                );
                pane.stage = Stage::Checked(checked);
                (Some(pane), vec![])
            }
            other => {
                pane.stage = other;
                (Some(pane), vec![])
            }
        },
        _ => (Some(pane), vec![]),
    }
}

/// What the pane does with an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answered {
    /// Not this pane's job, or a step of it: the pane stays.
    Stays,
    /// Rows were imported: the pane closes and the views read everything
    /// again.
    Imported,
}

/// The loop's answer about the pane's job.
pub fn answer(
    cx: &Cx<'_>,
    pane: &mut ImportPane,
    footer: &mut Option<Message>,
    a: ImportAnswer,
) -> Answered {
    let lang = cx.lang();
    let job = match &a {
        ImportAnswer::Progress { job, .. }
        | ImportAnswer::Checked { job, .. }
        | ImportAnswer::Imported { job, .. }
        | ImportAnswer::ImportFailed { job, .. } => *job,
    };
    if pane.job != job {
        return Answered::Stays;
    }
    match a {
        ImportAnswer::Progress { done, total, .. } => {
            if matches!(pane.stage, Stage::Checking { .. }) {
                pane.stage = Stage::Checking { done, total };
                rewrap(pane, lang);
            }
            Answered::Stays
        }
        ImportAnswer::Checked { result, .. } => {
            pane.stage = match result {
                Ok(c) => Stage::Checked(c),
                Err(why) => Stage::Failed(why),
            };
            pane.scroll = 0;
            rewrap(pane, lang);
            Answered::Stays
        }
        ImportAnswer::ImportFailed { why, .. } => {
            pane.stage = Stage::Failed(words::import_failed(lang, &why));
            rewrap(pane, lang);
            Answered::Stays
        }
        ImportAnswer::Imported {
            added,
            revisions,
            duplicates,
            batches,
            ..
        } => {
            say(
                footer,
                MessageKind::Info,
                words::imported(lang, added, revisions, duplicates, &batches),
            );
            Answered::Imported
        }
    }
}

/// The window changed size: the pane's text is wrapped again.
pub fn resized(cx: &Cx<'_>, pane: &mut ImportPane) {
    let (width, page) = pane_size(cx.size);
    relayout(pane, cx.lang(), width);
    pane.scroll = pane.scroll.min(pane.rows.len().saturating_sub(page.max(1)));
}

/// The pane's text area for a window of `size`: columns, and rows of the
/// scrolling part (below the headline). The pane fills the body with a
/// border, two columns in from each side, and a column of margin inside.
pub fn pane_size(size: (u16, u16)) -> (usize, usize) {
    let w = usize::from(size.0).saturating_sub(8).max(10);
    // Window minus tab line and footer, minus borders, minus the headline
    // and the blank line under it.
    let h = usize::from(size.1).saturating_sub(2 + 2 + 2).max(1);
    (w, h)
}

/// The headline: what the pane is doing or found.
pub fn headline(pane: &ImportPane, lang: Lang) -> PaneLine {
    let (kind, text) = match &pane.stage {
        Stage::Checking { done, total } => {
            (LineKind::Heading, words::checking(lang, *done, *total))
        }
        Stage::Checked(c) if c.plan.is_ok() => (LineKind::Heading, words::check_clean(lang)),
        Stage::Checked(c) => (
            LineKind::Problem,
            words::check_problems(lang, c.plan.problems.len()),
        ),
        Stage::Importing(_) => (LineKind::Heading, tr(lang).importing.to_string()),
        Stage::Failed(why) => (LineKind::Problem, for_display(why).into_owned()),
    };
    PaneLine { kind, text }
}

/// The scrolling content, line by line, before wrapping: every problem,
/// the warnings, the summary. A sheet read in the wrong encoding is full
/// of characters whose width terminals dispute (U+FFFD, €, “”): each
/// is drawn as one every terminal agrees on, so the pane keeps its shape.
fn content(pane: &ImportPane, lang: Lang) -> Vec<PaneLine> {
    let line = |kind, text: &str| PaneLine {
        kind,
        text: crate::text::ambiguous::unambiguous(&for_display(text)).into_owned(),
    };
    let mut out = Vec::new();
    let checked = match &pane.stage {
        Stage::Checked(c) | Stage::Importing(c) => c,
        _ => return out,
    };
    let plan = &checked.plan;
    if !plan.problems.is_empty() {
        out.push(line(LineKind::Heading, tr(lang).problems));
        for p in &plan.problems {
            out.push(line(LineKind::Problem, &p.to_string()));
        }
        out.push(line(LineKind::Plain, ""));
    }
    if !plan.warnings.is_empty() {
        out.push(line(LineKind::Heading, tr(lang).warnings));
        for w in &plan.warnings {
            out.push(line(LineKind::Warning, w));
        }
        out.push(line(LineKind::Plain, ""));
    }
    out.push(line(LineKind::Heading, tr(lang).summary));
    for l in checked.summary.lines() {
        out.push(line(LineKind::Plain, l));
    }
    out
}

/// Wraps the content again for the width it has.
fn rewrap(pane: &mut ImportPane, lang: Lang) {
    let width = pane.width;
    relayout(pane, lang, width);
}

/// Wraps the content for `width` columns (Chinese line breaking); a
/// continued problem line is indented so each problem stands out.
fn relayout(pane: &mut ImportPane, lang: Lang, width: usize) {
    let width = width.max(10);
    pane.width = width;
    pane.rows.clear();
    for l in content(pane, lang) {
        let indent = if l.kind == LineKind::Problem {
            "  "
        } else {
            ""
        };
        for (i, piece) in wrap(&l.text, width - indent.len()).into_iter().enumerate() {
            let text = if i == 0 {
                piece
            } else {
                format!("{indent}{piece}")
            };
            pane.rows.push(PaneLine { kind: l.kind, text });
        }
    }
}
