//! A progress line on stderr for long commands — rows done, rate, time
//! left — shown only when stderr is a terminal (never in cron mail or a
//! pipe), redrawn at most ten times a second, and erased when done.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use crate::i18n::Lang;
use crate::text::width::width;

const MIN_INTERVAL: Duration = Duration::from_millis(100);

pub struct Progress {
    enabled: bool,
    lang: Lang,
    what: String,
    started: Instant,
    last_draw: Option<Instant>,
    drawn_width: usize,
}

impl Progress {
    /// A progress line for `what` ("checking", "importing" …).
    pub fn new(lang: Lang, what: &str) -> Progress {
        Progress {
            enabled: std::io::stderr().is_terminal(),
            lang,
            what: what.to_string(),
            started: Instant::now(),
            last_draw: None,
            drawn_width: 0,
        }
    }

    /// Records that `done` of `total` rows are through.
    pub fn update(&mut self, done: usize, total: usize) {
        if !self.enabled || total == 0 {
            return;
        }
        let now = Instant::now();
        if self
            .last_draw
            .is_some_and(|t| now.duration_since(t) < MIN_INTERVAL)
        {
            return;
        }
        self.last_draw = Some(now);
        let line = self.line(done, total, now.duration_since(self.started));
        self.draw(&line);
    }

    /// The text of the line.
    fn line(&self, done: usize, total: usize, elapsed: Duration) -> String {
        let secs = elapsed.as_secs_f64();
        let rate = if secs > 0.0 { done as f64 / secs } else { 0.0 };
        let left = if rate > 0.0 {
            Some(((total.saturating_sub(done)) as f64 / rate).ceil() as u64)
        } else {
            None
        };
        match self.lang {
            Lang::Zh => format!(
                "{} {done}/{total} 行 · {:.0} 行/秒 · 剩余{}",
                self.what,
                rate,
                left.map_or("—".into(), |s| format!("约 {s} 秒"))
            ),
            Lang::En => format!(
                "{} {done}/{total} rows · {:.0} rows/s · {} left",
                self.what,
                rate,
                left.map_or("?".into(), |s| format!("{s} s"))
            ),
        }
    }

    fn draw(&mut self, line: &str) {
        let w = width(line);
        let pad = self.drawn_width.saturating_sub(w);
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r{line}{}", " ".repeat(pad));
        let _ = err.flush();
        self.drawn_width = w;
    }

    /// Erases the line.
    pub fn finish(&mut self) {
        if self.enabled && self.drawn_width > 0 {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r{}\r", " ".repeat(self.drawn_width));
            let _ = err.flush();
            self.drawn_width = 0;
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quiet(lang: Lang) -> Progress {
        Progress {
            enabled: false,
            lang,
            what: "导入".into(),
            started: Instant::now(),
            last_draw: None,
            drawn_width: 0,
        }
    }

    #[test]
    fn the_line_gives_rows_rate_and_time_left() {
        assert_eq!(
            quiet(Lang::En).line(1000, 5000, Duration::from_secs(2)),
            "导入 1000/5000 rows · 500 rows/s · 8 s left"
        );
        assert_eq!(
            quiet(Lang::Zh).line(1000, 5000, Duration::from_secs(2)),
            "导入 1000/5000 行 · 500 行/秒 · 剩余约 8 秒"
        );
        assert_eq!(
            quiet(Lang::En).line(0, 5000, Duration::ZERO),
            "导入 0/5000 rows · 0 rows/s · ? left"
        );
    }
}
