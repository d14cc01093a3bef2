//! The detail pane of 任务: the selected node spelled out — where it sits
//! in the plan, its status (and the reason for 滞后/暂停), progress
//! against 序时进度, agencies, the next milestone — then its parts, each
//! under a rule: the plan's own text, indicators against target,
//! milestones, the latest reports and the record's history. A part is one
//! method returning its lines; adding one is a method and an entry in
//! [`NodeDetail::lines`]. The pane scrolls (J/K); its state is how far.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{StatefulWidget, Widget};

use super::has_work;
use crate::analysis::progress::milestone_light;
use crate::app::edit::Target;
use crate::i18n::Lang;
use crate::i18n::console::{colon, date, days, paren, period};
use crate::model::numbers::{percent0, quantity};
use crate::model::{Node, NodeKind, Role};
use crate::text::width::width;
use crate::ui::ctx::ViewCtx;
use crate::ui::history;
use crate::ui::widgets::{Scrolled, bar, clean, cut, summary, wrapped};

type Lines = Vec<Line<'static>>;

pub struct DetailPane<'a> {
    pub ctx: ViewCtx<'a>,
}

impl StatefulWidget for DetailPane<'_> {
    /// How far the details can scroll.
    type State = u16;

    fn render(self, area: Rect, buf: &mut Buffer, max: &mut u16) {
        let ctx = self.ctx;
        let w = usize::from(area.width);
        let Some(id) = ctx.state.plan.selected else {
            return;
        };
        if w < 4 {
            return;
        }
        let lines = match ctx.snap().outline.get(id) {
            Some(node) => NodeDetail { ctx, node, w }.lines(),
            None => Vec::new(),
        };
        let pane = Scrolled {
            lines: &lines,
            scroll: ctx.state.plan.detail_scroll,
            more: ctx.words.more_below,
            theme: ctx.theme,
        };
        *max = pane.max_scroll(area.height);
        pane.render(area, buf);
    }
}

/// One node's details, `w` columns wide.
struct NodeDetail<'a> {
    ctx: ViewCtx<'a>,
    node: &'a Node,
    w: usize,
}

impl NodeDetail<'_> {
    fn lines(&self) -> Lines {
        let parts = [
            Self::place,
            Self::status,
            Self::warning,
            Self::progress,
            Self::agencies,
            Self::next_milestone,
            Self::plan_text,
            Self::indicators,
            Self::milestones,
            Self::reports,
            Self::in_effect,
            Self::history,
        ];
        parts.iter().flat_map(|part| part(self)).collect()
    }

    /// `text` wrapped to the pane, every line in `style`.
    fn wrapped(&self, text: &str, style: Style) -> Lines {
        wrapped(text, self.w)
            .into_iter()
            .map(|l| Line::styled(l, style))
            .collect()
    }

    fn is_work(&self) -> bool {
        NodeKind::of_level(self.node.level).is_work()
    }

    /// The path from the top (`二、… / （一）…`), then the numbered title.
    fn place(&self) -> Lines {
        let (snap, t, id) = (self.ctx.snap(), self.ctx.theme, self.node.id);
        let path: Vec<String> = snap
            .outline
            .path(id)
            .iter()
            .filter(|n| n.id != id)
            .map(|n| snap.outline.numbered_title(n.id))
            .collect();
        let mut lines = Vec::new();
        if !path.is_empty() {
            lines.extend(self.wrapped(&path.join(" / "), t.plain()));
        }
        lines.extend(self.wrapped(&snap.outline.numbered_title(id), t.heading()));
        lines
    }

    /// A task's `状态 滞后  红灯`, and the reason when its status needs one.
    fn status(&self) -> Lines {
        let (ctx, t, lang, node) = (self.ctx, self.ctx.theme, self.ctx.lang, self.node);
        if !self.is_work() {
            return Vec::new();
        }
        let mut spans = vec![
            Span::styled(format!("{} ", ctx.words.status), t.heading()),
            Span::styled(
                lang.pick(node.status.label_zh(), node.status.label_en())
                    .to_string(),
                t.status(node.status),
            ),
        ];
        if let Some(s) = ctx.snap().stat(node.id) {
            spans.push(Span::raw("  "));
            spans.push(Span::styled(
                lang.pick(s.light.label_zh(), s.light.label_en())
                    .to_string(),
                t.light(s.light),
            ));
        }
        let mut lines = vec![Line::from(spans)];
        if let Some(reason) = node
            .status_reason
            .as_deref()
            .filter(|_| node.status.needs_reason())
        {
            let text = format!("{}{}{}", ctx.words.reason, colon(lang), reason);
            lines.extend(self.wrapped(&text, t.plain()));
        }
        lines
    }

    /// `状态待核实：登记为未启动，但已收到进展报送` where the task's
    /// records contradict its status (`analysis::statement`).
    fn warning(&self) -> Lines {
        let ctx = self.ctx;
        let Some(w) = ctx
            .snap()
            .stat(self.node.id)
            .and_then(|s| s.statement.warning)
            .filter(|_| self.is_work())
        else {
            return Vec::new();
        };
        let text = crate::i18n::console::data_warning(ctx.lang, self.node.status, w);
        self.wrapped(&text, ctx.theme.light(crate::analysis::Light::Yellow))
    }

    /// A bar with the 序时进度 mark, the figures and the pace word — as
    /// far as the rules let them be said (no rate for 未启动, no 序时进度
    /// for 已完成, no class but for work in progress).
    fn progress(&self) -> Lines {
        let (ctx, t, lang) = (self.ctx, self.ctx.theme, self.ctx.lang);
        let snap = ctx.snap();
        let Some(s) = snap
            .stat(self.node.id)
            .filter(|_| has_work(snap, self.node.id))
            .filter(|s| !self.is_work() || s.statement.progress.is_some())
        else {
            return Vec::new();
        };
        let mut text = percent0(s.progress);
        if let Some(e) = s.expected.filter(|_| s.pace != crate::analysis::Pace::Done) {
            text.push_str(&format!("  {} {}", ctx.words.expected, percent0(e)));
        }
        let pace = lang.pick(s.pace.label_zh(), s.pace.label_en());
        if !pace.is_empty() {
            text.push_str(&format!("  {pace}"));
        }
        let bar_w = self.w.saturating_sub(width(&text) + 1).min(16);
        let mut spans = bar(s.progress, s.expected, bar_w, t, t.accent());
        spans.push(Span::raw(" "));
        spans.push(Span::styled(text, t.plain()));
        vec![Line::from(spans)]
    }

    /// `牵头：…` and `配合：…`.
    fn agencies(&self) -> Lines {
        let (ctx, lang) = (self.ctx, self.ctx.lang);
        let mut lines = Vec::new();
        for (role, label) in [
            (Role::Lead, ctx.words.lead),
            (Role::Support, ctx.words.support),
        ] {
            let names = ctx.snap().agency_names(self.node.id, role);
            if !names.is_empty() {
                let text = format!("{label}{}{names}", colon(lang));
                lines.extend(self.wrapped(&text, ctx.theme.plain()));
            }
        }
        lines
    }

    /// `下一节点：2022-03-31 …（还有 90 天）`, in its light's colour.
    fn next_milestone(&self) -> Lines {
        let (ctx, lang) = (self.ctx, self.ctx.lang);
        let snap = ctx.snap();
        let Some(m) = snap
            .stat(self.node.id)
            .and_then(|s| s.next_milestone)
            .and_then(|m| snap.milestone(m))
        else {
            return Vec::new();
        };
        let d = (m.due - snap.as_of).num_days();
        let text = format!(
            "{}{}{} {}{}",
            ctx.words.next_milestone,
            colon(lang),
            date(Lang::En, m.due),
            m.title,
            paren(lang, &days(lang, d, false))
        );
        let light = milestone_light(m.due, false, snap.as_of, snap.plan.warning_days);
        self.wrapped(&text, ctx.theme.light(light))
    }

    /// The plan document's own text for the node.
    fn plan_text(&self) -> Lines {
        let ctx = self.ctx;
        if self.node.body.trim().is_empty() {
            return Vec::new();
        }
        let mut lines = vec![ctx.heading(ctx.words.plan_text, "", self.w)];
        lines.extend(self.wrapped(&self.node.body, ctx.theme.plain()));
        lines
    }

    /// Each indicator's total against its target.
    fn indicators(&self) -> Lines {
        let ctx = self.ctx;
        let snap = ctx.snap();
        let indicators: Vec<_> = snap.indicators_of(self.node.id).collect();
        if indicators.is_empty() {
            return Vec::new();
        }
        let mut lines = vec![ctx.heading(ctx.words.indicators, "", self.w)];
        for i in indicators {
            let total = snap.indicator_total(i.id);
            let figure = match i.target {
                Some(target) if target > 0.0 => format!(
                    "{}/{}{}  {}",
                    quantity(total),
                    quantity(target),
                    i.measure,
                    percent0((total / target * 100.0).min(100.0))
                ),
                _ => format!("{}{}", quantity(total), i.measure),
            };
            // The part still pending review on the as-of date.
            let pending = snap.indicator_pending(i.id);
            let figure = if pending > 0.0 {
                let note = match ctx.lang {
                    Lang::Zh => format!("其中待审核{}", quantity(pending)),
                    Lang::En => format!("{} pending review", quantity(pending)),
                };
                format!("{figure}{}", paren(ctx.lang, &note))
            } else {
                figure
            };
            let text = format!("{}  {figure}", i.name);
            lines.extend(self.wrapped(&text, ctx.theme.plain()));
        }
        lines
    }

    /// Each milestone: light word and due date, then the title and when
    /// it was done or how far off it is, wrapped under itself.
    fn milestones(&self) -> Lines {
        let (ctx, t, lang, w) = (self.ctx, self.ctx.theme, self.ctx.lang, self.w);
        let snap = ctx.snap();
        let milestones: Vec<_> = snap.milestones_of(self.node.id).collect();
        if milestones.is_empty() {
            return Vec::new();
        }
        let mut lines = vec![ctx.heading(ctx.words.milestones, "", w)];
        for m in milestones {
            let done = m.done_by(snap.as_of);
            let light = milestone_light(m.due, done, snap.as_of, snap.plan.warning_days);
            let state_text = if done {
                format!(
                    "{} {}",
                    ctx.words.done,
                    m.done.map(|d| date(Lang::En, d)).unwrap_or_default()
                )
            } else {
                days(lang, (m.due - snap.as_of).num_days(), false)
            };
            let head = format!("{} {} ", t.light_word(light), date(Lang::En, m.due));
            let rest = w.saturating_sub(width(&head));
            let text = format!("{}{}", m.title, paren(lang, &state_text));
            for (i, l) in wrapped(&text, rest.max(4)).into_iter().enumerate() {
                let lead = if i == 0 {
                    head.clone()
                } else {
                    " ".repeat(width(&head))
                };
                lines.push(Line::from(vec![
                    Span::styled(lead, t.light(light)),
                    Span::raw(l),
                ]));
            }
        }
        lines
    }

    /// The latest reports on a task (read when it is selected): who, when,
    /// for which period, and the first lines of the text.
    fn reports(&self) -> Lines {
        let (ctx, t, lang, w) = (self.ctx, self.ctx.theme, self.ctx.lang, self.w);
        let reports = ctx.state.plan.reports.get(&self.node.id);
        if !self.is_work() && reports.is_none_or(|r| r.is_empty()) {
            return Vec::new();
        }
        let mut lines = vec![ctx.heading(ctx.words.latest_reports, "", w)];
        match reports {
            None => lines.push(Line::raw(ctx.words.loading)),
            Some(r) if r.is_empty() => lines.push(Line::raw(ctx.words.no_reports)),
            Some(reports) => {
                for r in reports {
                    let head = format!(
                        "{} {} {}",
                        date(Lang::En, r.reported_on),
                        clean(ctx.data.unit_name(r.unit_id)),
                        period(lang, r.period)
                    );
                    lines.push(Line::styled(cut(&head, w, t), t.accent()));
                    let body = wrapped(&summary(&r.body), w.saturating_sub(2));
                    for l in body.iter().take(3) {
                        lines.push(Line::raw(format!("  {l}")));
                    }
                }
            }
        }
        lines
    }

    /// The task's recorded status, progress and dates, each with the day
    /// it took effect; those after the as-of date are marked so.
    fn in_effect(&self) -> Lines {
        let (ctx, t) = (self.ctx, self.ctx.theme);
        let snap = ctx.snap();
        let recorded = snap.history.of(self.node.id);
        if !self.is_work() || recorded.is_empty() {
            return Vec::new();
        }
        let mut lines = vec![ctx.heading(ctx.words.in_effect, "", self.w)];
        for e in recorded {
            let text = crate::i18n::console::history_entry(ctx.lang, e, snap.as_of);
            let style = if e.effective > snap.as_of {
                t.plain()
            } else {
                t.accent()
            };
            lines.extend(self.wrapped(&text, style));
        }
        lines
    }

    /// The log entries that touched the node.
    fn history(&self) -> Lines {
        history::lines(self.ctx, Target::Node(self.node.id), self.w)
    }
}
