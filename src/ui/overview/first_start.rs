//! The notice at the top of 总览 on a new, empty database (no report, no
//! milestone): where the file is and the first steps, above the figures,
//! until something is recorded.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use crate::ui::ctx::ViewCtx;
use crate::ui::widgets::{clean, cut, put};

pub struct FirstStart<'a> {
    ctx: ViewCtx<'a>,
    /// The heading and the lines under it, when the notice shows.
    text: Option<(&'static str, Vec<String>)>,
}

impl<'a> FirstStart<'a> {
    /// The notice for a body `height` rows high (none under 12 rows).
    pub fn new(ctx: ViewCtx<'a>, height: u16) -> FirstStart<'a> {
        let data = ctx.data;
        let text = ctx.state.new_database.as_ref().and_then(|path| {
            if !data.latest.is_empty() || !data.snap.milestones.is_empty() || height < 12 {
                return None;
            }
            let path = clean(&path.to_string_lossy()).into_owned();
            Some(crate::i18n::deploy::first_start(ctx.lang, &path))
        });
        FirstStart { ctx, text }
    }

    /// Rows it takes: the heading, its lines and a blank row.
    pub fn height(&self) -> u16 {
        self.text.as_ref().map_or(0, |(_, lines)| {
            u16::try_from(lines.len() + 2).unwrap_or(u16::MAX)
        })
    }
}

impl Widget for FirstStart<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Some((title, lines)) = self.text else {
            return;
        };
        let (ctx, t) = (self.ctx, self.ctx.theme);
        let w = usize::from(area.width);
        put(buf, area.x, area.y, area.width, &ctx.heading(title, "", w));
        for (y, line) in (area.y + 1..).zip(lines) {
            put(buf, area.x, y, area.width, &Line::raw(cut(&line, w, t)));
        }
    }
}
