//! The lists under the figures of 总览: what is overdue, what falls due
//! today and soon (milestones and tasks' own due dates: the one list of
//! deadlines the memo, the reminder list and `tree` count), and the latest
//! submissions, sharing the rows that are left —
//! each list gets its heading and a row first, then more rows by
//! priority; a list cut short says how many more and which view lists
//! them all.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{StatefulWidget, Widget};

use crate::analysis::{Deadline, Deadlines, Light};
use crate::i18n::Lang;
use crate::i18n::console::{date, days, due_within, more, period, report_count};
use crate::ui::ctx::ViewCtx;
use crate::ui::widgets::table::{Col, Table};
use crate::ui::widgets::{clean, cut, put};

type Cells = Vec<(String, Style)>;

pub struct Lists<'a> {
    pub ctx: ViewCtx<'a>,
    pub due: Deadlines,
}

impl Lists<'_> {
    /// What falls due from today to the end of the warning window.
    fn soon(&self) -> Vec<&Deadline> {
        self.due.today.iter().chain(&self.due.soon).collect()
    }

    /// Rows the first two lists need at least: their headings, up to
    /// four overdue and two due soon.
    pub fn least_rows(&self) -> usize {
        2 + self.due.overdue.len().clamp(1, 4) + 1 + self.soon().len().clamp(1, 2)
    }

    /// How many of the three lists fit in `avail` rows, and the rows each
    /// gets under its heading.
    fn share(&self, avail: usize) -> (usize, [usize; 3]) {
        let latest = &self.ctx.data.latest;
        let want = [
            self.due.overdue.len().max(1),
            self.soon().len().max(1),
            latest.len().max(1),
        ];
        // The latest submissions only when the first two lists fit.
        let first_two = 2 + want[0].min(4) + want[1].min(2);
        let sections = if avail >= first_two + 2 {
            3
        } else if avail >= 4 {
            2
        } else {
            1
        };
        let mut rows = [0usize; 3];
        let mut left = avail.saturating_sub(sections);
        for i in 0..sections {
            let r = want[i].min(1).min(left);
            rows[i] = r;
            left -= r;
        }
        for i in 0..sections {
            let extra = (want[i] - rows[i]).min(left);
            rows[i] += extra;
            left -= extra;
        }
        (sections, rows)
    }
}

impl Widget for Lists<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let avail = usize::from(area.height);
        if avail < 2 {
            return;
        }
        let (sections, rows) = self.share(avail);
        let (ctx, words) = (self.ctx, self.ctx.words);
        let wide = area.width >= 100;
        let milestones = MilestoneRows { ctx, wide };
        let mut y = area.y;
        let mut draw = |section: ListSection<'_>| {
            let height = section.height();
            section.render(Rect { y, height, ..area }, buf);
            y += height;
        };
        if sections >= 1 {
            draw(ListSection {
                ctx,
                title: words.overdue_milestones.to_string(),
                count: self.due.overdue.len().to_string(),
                rows: milestones.overdue(&self.due.overdue),
                cols: milestones.cols(),
                key: "4",
                room: rows[0],
            });
        }
        if sections >= 2 {
            let within = due_within(ctx.lang, ctx.snap().plan.warning_days);
            let title = if self.due.today.is_empty() {
                within
            } else {
                format!(
                    "{} {} · {within}",
                    ctx.lang.pick("今日到期", "Due today"),
                    self.due.today.len()
                )
            };
            draw(ListSection {
                ctx,
                title,
                count: self.due.soon.len().to_string(),
                rows: milestones.soon(&self.soon()),
                cols: milestones.cols(),
                key: "4",
                room: rows[1],
            });
        }
        if sections >= 3 {
            let cols = if wide { &LATEST_WIDE } else { &LATEST_NARROW };
            draw(ListSection {
                ctx,
                title: words.latest_reports.to_string(),
                count: String::new(),
                rows: latest_rows(ctx, wide),
                cols,
                // A list of the latest is never complete.
                key: "",
                room: rows[2],
            });
        }
    }
}

/// Rows of the two milestone lists: days late or left, (due date,) the
/// milestone, its task and lead agency.
struct MilestoneRows<'a> {
    ctx: ViewCtx<'a>,
    wide: bool,
}

const MILESTONES_WIDE: [Col; 5] = [
    Col::fixed(11),
    Col::fixed(10),
    Col::flex(10, 3),
    Col::flex(10, 2),
    Col::fixed(10),
];

const MILESTONES_NARROW: [Col; 4] = [
    Col::fixed(10),
    Col::flex(10, 3),
    Col::flex(8, 2),
    Col::fixed(8),
];

impl MilestoneRows<'_> {
    fn cols(&self) -> &'static [Col] {
        if self.wide {
            &MILESTONES_WIDE
        } else {
            &MILESTONES_NARROW
        }
    }

    fn overdue(&self, overdue: &[Deadline]) -> Vec<Cells> {
        let mut rows: Vec<Cells> = overdue.iter().map(|d| self.row(d, Light::Red)).collect();
        if rows.is_empty() {
            let t = self.ctx.theme;
            rows.push(vec![(
                self.ctx.words.no_overdue.to_string(),
                t.light(Light::Green),
            )]);
        }
        rows
    }

    fn soon(&self, soon: &[&Deadline]) -> Vec<Cells> {
        let mut rows: Vec<Cells> = soon.iter().map(|d| self.row(d, Light::Yellow)).collect();
        if rows.is_empty() {
            let t = self.ctx.theme;
            rows.push(vec![(self.ctx.words.nothing_due.to_string(), t.plain())]);
        }
        rows
    }

    /// Days late or left, (the due date,) the milestone — or that it is
    /// the task's own due date —, its task and lead agency.
    fn row(&self, d: &Deadline, light: Light) -> Cells {
        let (ctx, t) = (self.ctx, self.ctx.theme);
        let snap = ctx.snap();
        let title = match d.milestone_id.and_then(|id| snap.milestone(id)) {
            Some(m) => clean(&m.title).into_owned(),
            None => ctx.lang.pick("任务截止", "task due").to_string(),
        };
        let task = clean(&snap.outline.numbered_title(d.node_id)).into_owned();
        let lead = ctx.data.lead_short(d.node_id).to_string();
        let left = (d.due - snap.as_of).num_days();
        let mut cells = vec![(days(ctx.lang, left, false), t.light(light))];
        if self.wide {
            cells.push((date(Lang::En, d.due), t.plain()));
        }
        cells.extend([(title, t.plain()), (task, t.plain()), (lead, t.plain())]);
        cells
    }
}

const LATEST_WIDE: [Col; 5] = [
    Col::fixed(10),
    Col::fixed(20),
    Col::fixed(14),
    Col::num(5),
    Col::flex(20, 5),
];

const LATEST_NARROW: [Col; 5] = [
    Col::fixed(5),
    Col::fixed(8),
    Col::fixed(8),
    Col::num(5),
    Col::flex(16, 5),
];

/// The latest submissions: day, unit, period, how many reports, on which
/// tasks (in the plan's order).
fn latest_rows(ctx: ViewCtx<'_>, wide: bool) -> Vec<Cells> {
    let (lang, t, data) = (ctx.lang, ctx.theme, ctx.data);
    let snap = ctx.snap();
    let mut rows: Vec<Cells> = data
        .latest
        .iter()
        .map(|s| {
            let (day, unit, label) = if wide {
                (
                    date(Lang::En, s.reported_on),
                    data.unit_name(s.unit_id),
                    period(lang, s.period),
                )
            } else {
                (
                    s.reported_on.format("%m-%d").to_string(),
                    data.unit_short(s.unit_id),
                    s.period.code(),
                )
            };
            let mut nodes = s.nodes.clone();
            nodes.sort_by_key(|n| snap.outline.iter().position(|x| x.id == *n));
            let tasks: Vec<String> = nodes
                .iter()
                .map(|n| snap.outline.numbered_title(*n))
                .collect();
            let count = u32::try_from(s.nodes.len()).unwrap_or(u32::MAX);
            vec![
                (day, t.plain()),
                (clean(unit).into_owned(), t.plain()),
                (label, t.plain()),
                (report_count(lang, count), t.plain()),
                (
                    clean(&tasks.join(lang.pick("、", ", "))).into_owned(),
                    t.plain(),
                ),
            ]
        })
        .collect();
    if rows.is_empty() {
        rows.push(vec![(ctx.words.no_reports.to_string(), t.plain())]);
    }
    rows
}

/// One list: its heading (`─ 逾期节点 5 ───`), then its rows; a row of a
/// single cell is a sentence drawn across the width.
struct ListSection<'a> {
    ctx: ViewCtx<'a>,
    title: String,
    count: String,
    rows: Vec<Cells>,
    cols: &'a [Col],
    /// The view that lists them all, named when some are left out.
    key: &'a str,
    /// Rows under the heading.
    room: usize,
}

impl ListSection<'_> {
    /// Rows the list takes: its heading, and up to `room` rows.
    fn height(&self) -> u16 {
        let rows = if self.room == 0 {
            0
        } else {
            self.room.min(self.rows.len())
        };
        1 + u16::try_from(rows).unwrap_or(0)
    }
}

impl Widget for ListSection<'_> {
    /// The heading on the first row of `area`, then up to `room` rows;
    /// when there are more, the last row says how many more and which
    /// view (`key`) lists them all (unless `key` is empty).
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (ctx, t) = (self.ctx, self.ctx.theme);
        let w = usize::from(area.width);
        let heading = ctx.heading(&self.title, &self.count, w);
        put(buf, area.x, area.y, area.width, &heading);
        let (y, n) = (area.y + 1, self.room);
        if n == 0 {
            return;
        }
        let mut rows = self.rows;
        let total = rows.len();
        let single = rows.first().is_some_and(|r| r.len() == 1);
        let mut tail = None;
        if total > n && (self.key.is_empty() || n < 2) {
            // No room to say how many more: the heading's count says it.
            rows.truncate(n);
        } else if total > n {
            rows.truncate(n - 1);
            tail = Some(more(ctx.lang, total - (n - 1), self.key));
        }
        let shown = rows.len();
        if single {
            for (i, r) in rows.into_iter().enumerate() {
                let (text, style) = r.into_iter().next().unwrap_or_default();
                let line = Line::styled(cut(&text, w, t), style);
                let row = y + u16::try_from(i).unwrap_or(0);
                put(buf, area.x, row, area.width, &line);
            }
        } else {
            let r = Rect {
                y,
                height: u16::try_from(shown).unwrap_or(0),
                ..area
            };
            Table {
                cols: self.cols,
                header: None,
                rows,
                selected: None,
                highlight: Style::new(),
                theme: t,
            }
            .render(r, buf, &mut 0);
        }
        if let Some(text) = tail {
            let line = Line::styled(cut(&text, w, t), t.plain());
            let row = y + u16::try_from(shown).unwrap_or(0);
            put(buf, area.x, row, area.width, &line);
        }
    }
}
