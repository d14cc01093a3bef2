//! `bayu` with no command: the console. Settings come from the command
//! line, then the environment (`BAYU_LANG`, `BAYU_ASCII`, `NO_COLOR`), then
//! the settings file. Everything that can fail — no terminal, a wrong file —
//! fails here, before the terminal is taken over.

use std::io::IsTerminal;
use std::path::Path;

use super::{CliError, CliResult, Context};
use crate::app::state::{Message, MessageKind, Settings, State};
use crate::config::{self, SoonColor};
use crate::i18n::console::locale_warning;
use crate::tui::{self, Console};

/// The locale variable that decides the character set, when it is not
/// UTF-8: `LC_ALL`, else `LC_CTYPE`, else `LANG` (unset means `C`).
pub fn locale_problem(get: impl Fn(&str) -> Option<String>) -> Option<(&'static str, String)> {
    for var in ["LC_ALL", "LC_CTYPE", "LANG"] {
        if let Some(v) = get(var).filter(|v| !v.is_empty()) {
            let lower = v.to_ascii_lowercase();
            let utf8 = lower.contains("utf-8") || lower.contains("utf8");
            return (!utf8).then_some((var, v));
        }
    }
    Some(("LANG", String::new()))
}

pub fn run(ctx: &Context, ascii: bool) -> CliResult {
    if !std::io::stdout().is_terminal() {
        return Err(CliError::io(
            Path::new("<stdout>"),
            std::io::Error::other(
                "not a terminal: the console needs one (`bayu tree` prints the outline)",
            ),
        ));
    }
    let settings = Settings {
        lang: ctx.lang,
        ascii: ascii || config::env_flag("BAYU_ASCII") || ctx.config.ascii.unwrap_or(false),
        color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            && ctx.config.color != Some(false),
        soon_blue: ctx.config.soon_color == Some(SoonColor::Blue),
    };
    let store = ctx.open_quietly()?;
    let today = chrono::Local::now().date_naive();
    let mut state = State::new(settings, today, ctx.as_of, (80, 24));
    // The export view shows where relative paths go, and says what tmux needs.
    state.export.cwd = std::env::current_dir().ok();
    state.export.tmux = std::env::var_os("TMUX").is_some_and(|v| !v.is_empty());
    // A new, empty file says so on the overview, with where it is.
    if store.report_count()? == 0 && store.milestones()?.is_empty() {
        state.new_database = Some(store.path().to_path_buf());
    }
    if let Some((var, value)) = locale_problem(|v| std::env::var(v).ok()) {
        state.message = Some(Message {
            kind: MessageKind::Warning,
            text: locale_warning(ctx.lang, var, &value),
        });
    }
    // The file's safety goes before the look of the screen.
    if let Some(kind) = crate::db::network_filesystem(store.path()) {
        state.message = Some(Message {
            kind: MessageKind::Warning,
            text: crate::i18n::console::network_fs_warning(ctx.lang, kind),
        });
    }
    let console = Console::new(store, state);
    tui::run(console).map_err(|e| match e {
        tui::RunError::Store(e) => CliError::Store(e),
        tui::RunError::Terminal(e) => CliError::io(Path::new("<terminal>"), e),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn a_utf8_locale_gets_no_warning() {
        assert_eq!(locale_problem(env(&[("LANG", "zh_CN.UTF-8")])), None);
        assert_eq!(
            locale_problem(env(&[("LANG", "C"), ("LC_ALL", "C.utf8")])),
            None
        );
    }

    #[test]
    fn lc_all_wins_and_c_or_gbk_is_named() {
        assert_eq!(
            locale_problem(env(&[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "C")])),
            Some(("LC_ALL", "C".to_string()))
        );
        assert_eq!(
            locale_problem(env(&[("LC_CTYPE", "zh_CN.GBK")])),
            Some(("LC_CTYPE", "zh_CN.GBK".to_string()))
        );
        assert_eq!(locale_problem(env(&[])), Some(("LANG", String::new())));
    }
}
