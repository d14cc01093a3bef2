//! A record's history in the detail panes (任务, 报送): the log entries
//! that touched it, newest first — when, who, what — read from the audit
//! log once per load.

use ratatui::text::Line;

use super::ctx::ViewCtx;
use super::widgets::wrapped;
use crate::app::edit::Target;
use crate::db::edit::short_time;
use crate::i18n::edit as words;

/// How many entries the pane lists.
const SHOWN: usize = 8;

/// The history section for `target`, `w` columns wide.
pub fn lines(ctx: ViewCtx<'_>, target: Target, w: usize) -> Vec<Line<'static>> {
    let (lang, t) = (ctx.lang, ctx.theme);
    let mut out = vec![ctx.heading(words::history_heading(lang), "", w)];
    match ctx.state.edit.history.get(&target) {
        None => out.push(Line::raw(ctx.words.loading)),
        Some(entries) if entries.is_empty() => out.push(Line::raw(words::no_history(lang))),
        Some(entries) => {
            for e in entries.iter().take(SHOWN) {
                let head = format!("{} {}", short_time(&e.at), e.os_user);
                out.push(Line::styled(head, t.accent()));
                for l in wrapped(&e.summary, w.saturating_sub(2)) {
                    out.push(Line::raw(format!("  {l}")));
                }
            }
            if entries.len() > SHOWN {
                out.push(Line::raw(match lang {
                    crate::i18n::Lang::Zh => {
                        format!("……另有{}条，见 bayu log", entries.len() - SHOWN)
                    }
                    crate::i18n::Lang::En => {
                        format!("… {} more; see bayu log", entries.len() - SHOWN)
                    }
                }));
            }
        }
    }
    out
}
