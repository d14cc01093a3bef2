//! What every view and pane draws from, gathered once per frame: the
//! state, the loaded data, the theme and the words of the interface
//! language. A view is a widget holding a `ViewCtx`; a pane inside it is
//! a widget holding the same `ViewCtx`, so nothing re-derives the
//! language or passes six parameters down.

use ratatui::text::Line;

use super::theme::Theme;
use super::widgets::section;
use crate::analysis::Snapshot;
use crate::app::data::Data;
use crate::app::state::State;
use crate::i18n::Lang;
use crate::i18n::console::{Strings, colon, tr};

#[derive(Clone, Copy)]
pub struct ViewCtx<'a> {
    pub state: &'a State,
    pub data: &'a Data,
    pub theme: &'a Theme,
    pub lang: Lang,
    /// The console's fixed words in `lang`.
    pub words: &'static Strings,
}

impl<'a> ViewCtx<'a> {
    pub fn new(state: &'a State, data: &'a Data, theme: &'a Theme) -> ViewCtx<'a> {
        let lang = state.lang();
        ViewCtx {
            state,
            data,
            theme,
            lang,
            words: tr(lang),
        }
    }

    /// The figures of the loaded data.
    pub fn snap(&self) -> &'a Snapshot {
        &self.data.snap
    }

    /// `zh` or `en`, by the interface language.
    pub fn pick(&self, zh: &'static str, en: &'static str) -> &'static str {
        self.lang.pick(zh, en)
    }

    /// A section heading `w` columns wide in the heading style:
    /// `─ 逾期节点 5 ──────`.
    pub fn heading(&self, title: &str, extra: &str, w: usize) -> Line<'static> {
        section(title, extra, w, self.theme, self.theme.heading())
    }

    /// `筛选：yzq` for a list's heading, or nothing when `filter` is empty.
    pub fn filtered(&self, filter: &str) -> String {
        if filter.is_empty() {
            String::new()
        } else {
            format!("{}{}{filter}", self.words.filtered, colon(self.lang))
        }
    }
}
