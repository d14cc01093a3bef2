//! Exports: the text coordinators paste into a 情况通报 or 工作简报, the
//! tables they open in WPS or Excel, and the dumps other systems read.
//!
//! `bayu export` and the console's export view both call [`render`] (or
//! [`write`] / [`write_file`] for large output), so the same database and
//! as-of date give the same bytes wherever they are made. Figures come from
//! the [`Snapshot`]; wording rules from [`text`]; one file per template.

mod coverage;
mod json;
mod ledger;
mod memo;
mod overdue;
mod phrases;

/// What a data warning says, in the words the exports use (for `tree`).
pub fn warning_words(w: crate::analysis::DataWarning) -> String {
    phrases::warning_facts(w)
}
mod table;
pub mod text;

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::analysis::{Coverage, Scope, Snapshot};
use crate::db::{Store, StoreError};
use crate::model::dates::{format_cn, format_iso};
use crate::model::{Agency, Period};

/// What an export produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Template {
    Memo,
    Ledger,
    Overdue,
    Coverage,
    Tsv,
    Csv,
    Json,
}

/// A template's name on the command line, its title in the console, what
/// it is for, and which options it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TemplateInfo {
    pub template: Template,
    /// `memo`, `ledger` … as typed after `bayu export`.
    pub name: &'static str,
    /// 情况通报, 工作台账 …
    pub title: &'static str,
    pub description: &'static str,
    /// The same in English, for the English console.
    pub description_en: &'static str,
    /// File name extension, without the dot.
    pub extension: &'static str,
    /// Whether `--agency` narrows it.
    pub agency: bool,
    /// Whether `--period` chooses its reporting period.
    pub period: bool,
    /// Whether `--wrap N` lays it out for N columns.
    pub wrap: bool,
}

/// Every template, in the order menus list them.
pub const TEMPLATES: [TemplateInfo; 7] = [
    TemplateInfo {
        template: Template::Memo,
        name: "memo",
        title: "情况通报",
        description: "推进情况通报：总体进展、分项推进情况、存在问题、报送情况，可直接粘贴进公文",
        description_en: "Progress memo: overall, by action, problems, reporting; ready to paste",
        extension: "txt",
        agency: true,
        period: true,
        wrap: true,
    },
    TemplateInfo {
        template: Template::Ledger,
        name: "ledger",
        title: "工作台账",
        description: "每项任务一行的对齐表格，供等宽字体阅读",
        description_en: "One aligned row per task, for reading in a monospaced font",
        extension: "txt",
        agency: true,
        period: false,
        wrap: true,
    },
    TemplateInfo {
        template: Template::Overdue,
        name: "overdue",
        title: "催办清单",
        description: "逾期和即将到期的事项，按牵头单位分列，可直接发送催办",
        description_en: "Overdue and soon-due items by lead agency, ready to send as reminders",
        extension: "txt",
        agency: true,
        period: false,
        wrap: true,
    },
    TemplateInfo {
        template: Template::Coverage,
        name: "coverage",
        title: "报送情况",
        description: "一个报送期次各单位已报送、逾期报送、未报送情况及报送率",
        description_en: "For one period: who reported, late or not at all, and the reporting rate",
        extension: "txt",
        agency: false,
        period: true,
        wrap: true,
    },
    TemplateInfo {
        template: Template::Tsv,
        name: "tsv",
        title: "工作台账（制表符分隔）",
        description: "工作台账的制表符分隔文本，粘贴进WPS、Word或Excel表格",
        description_en: "The ledger as tab-separated text, to paste into a WPS, Word or Excel table",
        extension: "tsv",
        agency: true,
        period: false,
        wrap: false,
    },
    TemplateInfo {
        template: Template::Csv,
        name: "csv",
        title: "进展报送明细（CSV）",
        description: "截至日期前收到的全部进展报送，每条一行，含各项指标数值；带BOM，Excel可直接打开",
        description_en: "Every report received by the date, a row each with its values; Excel-ready",
        extension: "csv",
        agency: true,
        period: true,
        wrap: false,
    },
    TemplateInfo {
        template: Template::Json,
        name: "json",
        title: "全部数据（JSON）",
        description: "方案、任务、责任单位、节点、指标、报送及截至日期的各项数字，供其他系统读取",
        description_en: "Plan, tasks, agencies, milestones, reports and figures, for other systems",
        extension: "json",
        agency: false,
        period: false,
        wrap: false,
    },
];

impl TemplateInfo {
    /// What the template is for, in the interface's language. (The title
    /// stays Chinese: it names the document the template makes.)
    pub fn describe(&self, lang: crate::i18n::Lang) -> &'static str {
        match lang {
            crate::i18n::Lang::Zh => self.description,
            crate::i18n::Lang::En => self.description_en,
        }
    }
}

impl Template {
    /// The template named `name` (`memo`, `ledger` …, case-insensitive).
    pub fn parse(name: &str) -> Result<Template, ExportError> {
        let n = name.trim().to_ascii_lowercase();
        TEMPLATES
            .iter()
            .find(|t| t.name == n)
            .map(|t| t.template)
            .ok_or_else(|| ExportError::UnknownTemplate {
                name: name.to_string(),
            })
    }

    pub fn info(self) -> &'static TemplateInfo {
        // TEMPLATES lists every variant once.
        TEMPLATES
            .iter()
            .find(|t| t.template == self)
            .unwrap_or(&TEMPLATES[0])
    }
}

/// `memo (情况通报), ledger (工作台账), …` for messages.
pub fn template_list() -> String {
    TEMPLATES
        .iter()
        .map(|t| format!("{} ({})", t.name, t.title))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Choices that shape an export.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// Only what this agency (by id) leads or supports.
    pub agency: Option<i64>,
    /// The reporting period to show, instead of the one due at the as-of date.
    pub period: Option<Period>,
    /// Lay out for this many terminal columns (prose wrapped, ledger fitted).
    pub wrap: Option<usize>,
    /// Windows line ends.
    pub crlf: bool,
}

/// Why an export could not be made. Each is one sentence naming the value
/// at fault.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("unknown template {name:?}; the templates are: {}", template_list())]
    UnknownTemplate { name: String },
    #[error("no agency is named {name:?}; the agencies are: {known}")]
    UnknownAgency { name: String, known: String },
    #[error("--{option} does not apply to the {template} template (it applies to: {applies})")]
    NotApplicable {
        option: &'static str,
        template: &'static str,
        applies: String,
    },
    #[error("--period {input:?}: {why}")]
    Period { input: String, why: String },
    #[error(
        "--wrap {given} is too narrow for the {template} template, which needs at least {min} columns"
    )]
    TooNarrow {
        template: &'static str,
        given: usize,
        min: usize,
    },
    #[error("cannot write {}: the directory {} does not exist", .path.display(), .dir.display())]
    NoDirectory { path: PathBuf, dir: PathBuf },
    #[error("cannot write {}: it is a directory; give a file name", .path.display())]
    IsDirectory { path: PathBuf },
    #[error("cannot write {}: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Writing to a stream the caller names (stdout, a buffer).
    #[error("cannot write the export: {0}")]
    Write(#[source] std::io::Error),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<std::io::Error> for ExportError {
    fn from(e: std::io::Error) -> Self {
        ExportError::Write(e)
    }
}

pub type Result<T, E = ExportError> = std::result::Result<T, E>;

/// The agency named `name`: its full name (重庆市总工会) or its short
/// name (市总工会).
pub fn find_agency<'a>(snap: &'a Snapshot, name: &str) -> Result<&'a Agency> {
    let n = name.trim();
    snap.agencies
        .iter()
        .find(|a| a.name == n || a.short_name == n)
        .ok_or_else(|| ExportError::UnknownAgency {
            name: name.to_string(),
            known: snap
                .agencies
                .iter()
                .map(|a| format!("{} ({})", a.short_name, a.name))
                .collect::<Vec<_>>()
                .join(", "),
        })
}

/// Reads a reporting period as the plan counts them (quarters or months),
/// refusing one that has not begun at the as-of date or that ended before
/// the plan began.
pub fn parse_period(snap: &Snapshot, input: &str) -> Result<Period> {
    let bad = |why: String| ExportError::Period {
        input: input.to_string(),
        why,
    };
    let p = Period::parse(input, snap.plan.period_kind).map_err(|e| bad(e.to_string()))?;
    check_period(snap, p).map_err(bad)?;
    Ok(p)
}

fn check_period(snap: &Snapshot, p: Period) -> Result<(), String> {
    if p.start() > snap.as_of {
        return Err(format!(
            "{} has not begun by the as-of date {}",
            p.label_cn(),
            format_iso(snap.as_of)
        ));
    }
    if let Some(start) = snap.plan.start.filter(|s| p.end() < *s) {
        return Err(format!(
            "{} ended before the plan began ({})",
            p.label_cn(),
            format_cn(start)
        ));
    }
    Ok(())
}

/// Refuses options the template does not take, an unknown agency, a
/// period outside the plan, and a width too narrow to lay the template out.
pub fn check(template: Template, snap: &Snapshot, opts: &ExportOptions) -> Result<()> {
    let info = template.info();
    let applies = |pick: fn(&TemplateInfo) -> bool| {
        TEMPLATES
            .iter()
            .filter(|t| pick(t))
            .map(|t| t.name)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let not = |option, pick| ExportError::NotApplicable {
        option,
        template: info.name,
        applies: applies(pick),
    };
    if opts.agency.is_some() && !info.agency {
        return Err(not("agency", |t| t.agency));
    }
    if opts.period.is_some() && !info.period {
        return Err(not("period", |t| t.period));
    }
    if opts.wrap.is_some() && !info.wrap {
        return Err(not("wrap", |t| t.wrap));
    }
    if let Some(id) = opts.agency
        && snap.agency(id).is_none()
    {
        return Err(ExportError::UnknownAgency {
            name: format!("#{id}"),
            known: snap
                .agencies
                .iter()
                .map(|a| a.short_name.clone())
                .collect::<Vec<_>>()
                .join(", "),
        });
    }
    if let Some(p) = opts.period {
        check_period(snap, p).map_err(|why| ExportError::Period {
            input: p.code(),
            why,
        })?;
    }
    if let Some(w) = opts.wrap {
        let min = match template {
            Template::Ledger => {
                ledger::min_width(snap, opts.agency.map_or(Scope::All, Scope::Agency))
            }
            _ => MIN_PROSE_WIDTH,
        };
        if w < min {
            return Err(ExportError::TooNarrow {
                template: info.name,
                given: w,
                min,
            });
        }
    }
    Ok(())
}

/// The narrowest `--wrap` for prose: a paragraph indent and a few words.
pub const MIN_PROSE_WIDTH: usize = 16;

/// What a template reads besides the snapshot, resolved once.
pub(crate) struct Ctx<'a> {
    pub snap: &'a Snapshot,
    pub store: &'a Store,
    pub opts: &'a ExportOptions,
    pub scope: Scope,
    /// Coverage of the period the export is about.
    pub coverage: Coverage,
}

impl<'a> Ctx<'a> {
    fn new(snap: &'a Snapshot, store: &'a Store, opts: &'a ExportOptions) -> Result<Ctx<'a>> {
        let coverage = match opts.period {
            Some(p) if p != snap.coverage.period => {
                let stats = store.period_stats(p, snap.as_of)?;
                Coverage::compute(
                    p,
                    snap.plan.report_grace_days,
                    snap.as_of,
                    &snap.units,
                    &stats,
                )
            }
            _ => snap.coverage.clone(),
        };
        Ok(Ctx {
            snap,
            store,
            opts,
            scope: opts.agency.map_or(Scope::All, Scope::Agency),
            coverage,
        })
    }

    /// The agency the export is narrowed to.
    pub fn agency(&self) -> Option<&'a Agency> {
        self.opts.agency.and_then(|id| self.snap.agency(id))
    }

    /// The action's name for titles (the plan's title if it has none).
    pub fn action_name(&self) -> String {
        let name = text::inline(&self.snap.plan.action_name);
        if name.is_empty() {
            text::inline(&self.snap.plan.title)
        } else {
            name
        }
    }

    /// `（截至2021年12月31日）`, or with the agency:
    /// `（市总工会牵头和配合任务，截至2021年12月31日）`.
    pub fn as_of_line(&self) -> String {
        let date = text::date(self.snap.as_of);
        match self.agency() {
            Some(a) => format!(
                "（{}牵头和配合任务，截至{date}）",
                text::inline(&a.short_name)
            ),
            None => format!("（截至{date}）"),
        }
    }
}

/// The export as text.
pub fn render(
    template: Template,
    snap: &Snapshot,
    store: &Store,
    opts: &ExportOptions,
) -> Result<String> {
    let mut buf = Vec::new();
    write(template, snap, store, opts, &mut buf)?;
    // Every template writes UTF-8.
    Ok(String::from_utf8_lossy(&buf).into_owned())
}

/// Writes the export to `out`; csv and json stream their rows.
pub fn write(
    template: Template,
    snap: &Snapshot,
    store: &Store,
    opts: &ExportOptions,
    out: &mut dyn Write,
) -> Result<()> {
    check(template, snap, opts)?;
    let ctx = Ctx::new(snap, store, opts)?;
    let mut out = text::LineEnds::new(out, opts.crlf);
    match template {
        Template::Memo => out.write_all(memo::render(&ctx)?.as_bytes())?,
        Template::Ledger => out.write_all(ledger::render(&ctx)?.as_bytes())?,
        Template::Overdue => out.write_all(overdue::render(&ctx).as_bytes())?,
        Template::Coverage => out.write_all(coverage::render(&ctx).as_bytes())?,
        Template::Tsv => out.write_all(table::tsv(&ctx)?.as_bytes())?,
        Template::Csv => table::csv(&ctx, &mut out)?,
        Template::Json => json::write(&ctx, &mut out)?,
    }
    out.flush()?;
    Ok(())
}

/// Writes the export to a file atomically: into a temporary file beside
/// it, renamed over `path` only when complete, so a reader never sees half
/// an export and a failure leaves any old file as it was.
pub fn write_file(
    path: &Path,
    template: Template,
    snap: &Snapshot,
    store: &Store,
    opts: &ExportOptions,
) -> Result<()> {
    check(template, snap, opts)?;
    let dir = check_target(path)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        name.unwrap_or_default(),
        std::process::id()
    ));
    let io = |e| ExportError::Io {
        path: path.to_path_buf(),
        source: e,
    };
    let result = (|| {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .map_err(io)?;
        let mut buf = std::io::BufWriter::new(file);
        write(template, snap, store, opts, &mut buf).map_err(|e| match e {
            ExportError::Write(e) => io(e),
            other => other,
        })?;
        let file = buf.into_inner().map_err(|e| io(e.into_error()))?;
        file.sync_all().map_err(io)?;
        std::fs::rename(&tmp, path).map_err(io)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// The directory a file will be written into, after checking that it
/// exists and that `path` is not itself a directory.
pub fn check_target(path: &Path) -> Result<PathBuf> {
    if path.is_dir() {
        return Err(ExportError::IsDirectory {
            path: path.to_path_buf(),
        });
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(ExportError::NoDirectory {
            path: path.to_path_buf(),
            dir,
        });
    }
    Ok(dir)
}

/// A file name for the export: the action's name, what the file holds, the
/// agency and period when chosen, and the as-of date, e.g.
/// `助力科技创新巴渝巾帼行动推进情况通报_2021-12-31.txt`. Characters that
/// file systems refuse are left out.
pub fn default_file_name(template: Template, snap: &Snapshot, opts: &ExportOptions) -> String {
    let what = match template {
        Template::Memo => "推进情况通报",
        Template::Ledger | Template::Tsv => "工作台账",
        Template::Overdue => "催办清单",
        Template::Coverage => "报送情况",
        Template::Csv => "进展报送明细",
        Template::Json => "数据",
    };
    let mut name = snap.plan.action_name.clone();
    if name.trim().is_empty() {
        name = snap.plan.title.clone();
    }
    name.push_str(what);
    if let Some(a) = opts.agency.and_then(|id| snap.agency(id)) {
        name.push('_');
        name.push_str(&a.short_name);
    }
    let period = match template {
        Template::Coverage => Some(opts.period.unwrap_or(snap.coverage.period)),
        Template::Csv => opts.period,
        _ => None,
    };
    if let Some(p) = period {
        name.push('_');
        name.push_str(&p.code());
    }
    name.push('_');
    name.push_str(&format_iso(snap.as_of));
    let safe: String = crate::text::sanitize::for_export(&name)
        .chars()
        .filter(|c| !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|'))
        .filter(|c| !c.is_whitespace())
        .collect();
    let safe = safe.trim_start_matches('.');
    format!("{safe}.{}", template.info().extension)
}

/// Units' names by id, for the templates that list them.
pub(crate) fn unit_names(snap: &Snapshot) -> HashMap<i64, String> {
    snap.units
        .iter()
        .map(|u| (u.id, text::inline(&u.name)))
        .collect()
}

#[cfg(test)]
mod asof_tests;
#[cfg(test)]
mod consistency_tests;
#[cfg(test)]
mod tests;
