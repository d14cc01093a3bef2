//! `bayu completions SHELL` and `bayu man`: the shell completion script and
//! the manual page, generated from the same clap definitions that parse
//! the command line, so they never fall behind it.

use clap::{Args, ValueEnum};

use super::{CliError, CliResult, emit};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh or fish
    #[arg(value_enum)]
    pub shell: Shell,
}

/// The completion script for `shell`.
pub fn script(shell: Shell) -> String {
    let mut cmd = super::command();
    let mut out = Vec::new();
    match shell {
        Shell::Bash => {
            clap_complete::generate(clap_complete::Shell::Bash, &mut cmd, "bayu", &mut out)
        }
        Shell::Zsh => {
            clap_complete::generate(clap_complete::Shell::Zsh, &mut cmd, "bayu", &mut out)
        }
        Shell::Fish => {
            clap_complete::generate(clap_complete::Shell::Fish, &mut cmd, "bayu", &mut out)
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The manual page in roff: the command, its options and every subcommand.
pub fn manual() -> CliResult<String> {
    let cmd = super::command();
    let mut out = Vec::new();
    let man = clap_mangen::Man::new(cmd.clone());
    let io = |e| CliError::io("<manual page>", e);
    man.render_title(&mut out).map_err(io)?;
    man.render_name_section(&mut out).map_err(io)?;
    man.render_synopsis_section(&mut out).map_err(io)?;
    man.render_description_section(&mut out).map_err(io)?;
    man.render_options_section(&mut out).map_err(io)?;
    // Each subcommand with its own options, where `bayu help CMD` would
    // show them.
    out.extend_from_slice(b".SH COMMANDS\n");
    for sub in cmd.get_subcommands() {
        write_command(&mut out, &[], sub);
    }
    man.render_version_section(&mut out).map_err(io)?;
    out.extend_from_slice(MORE.as_bytes());
    Ok(String::from_utf8_lossy(&out).into_owned())
}

const MORE: &str = ".SH FILES\n\
.TP\n/etc/bayu/config\nsystem settings, e.g. db = /srv/bayu/bayu.db (BAYU_SYSTEM_CONFIG names another file)\n\
.TP\n~/.config/bayu/config\nthe user's settings (BAYU_CONFIG names another file)\n\
.TP\n~/.local/share/bayu/bayu.db\nthe database when none is named\n\
.SH SEE ALSO\nbayu where; docs/deploy.md and docs/zh/部署.md in the source\n";

/// Roff text with its special characters escaped.
fn roff(text: &str) -> String {
    let text = text.replace('\\', "\\e").replace('-', "\\-");
    text.lines()
        .map(|l| {
            if l.starts_with('.') || l.starts_with('\'') {
                format!("\\&{l}\n")
            } else {
                format!("{l}\n")
            }
        })
        .collect()
}

fn write_command(out: &mut Vec<u8>, parents: &[&str], cmd: &clap::Command) {
    if cmd.get_name() == "help" {
        return;
    }
    let mut path: Vec<&str> = parents.to_vec();
    path.push(cmd.get_name());
    let usage = cmd
        .clone()
        .bin_name(format!("bayu {}", path.join(" ")))
        .render_usage()
        .to_string();
    let usage = usage.trim_start_matches("Usage: ");
    out.extend_from_slice(format!(".TP\n\\fBbayu {}\\fR\n", path.join(" ")).as_bytes());
    if let Some(about) = cmd.get_about() {
        out.extend_from_slice(roff(&about.to_string()).as_bytes());
    }
    out.extend_from_slice(format!(".br\n{}", roff(usage)).as_bytes());
    for arg in cmd
        .get_arguments()
        .filter(|a| !a.is_global_set() && !a.is_hide_set())
    {
        let Some(help) = arg.get_help() else { continue };
        let name = match (arg.get_long(), arg.get_short()) {
            (Some(l), _) => format!("\\-\\-{}", l.replace('-', "\\-")),
            (None, Some(s)) => format!("\\-{s}"),
            (None, None) => arg
                .get_value_names()
                .and_then(|v| v.first())
                .map_or_else(|| arg.get_id().as_str().to_uppercase(), |v| v.to_string()),
        };
        out.extend_from_slice(format!(".br\n{name}: {}", roff(&help.to_string())).as_bytes());
    }
    for sub in cmd.get_subcommands() {
        write_command(out, &path, sub);
    }
}

pub fn completions(args: &CompletionsArgs) -> CliResult {
    emit(&script(args.shell))
}

pub fn man() -> CliResult {
    emit(&manual()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn commands() -> Vec<String> {
        super::super::command()
            .get_subcommands()
            .map(|c| c.get_name().to_string())
            .collect()
    }

    #[test]
    fn every_completion_script_knows_every_command() {
        for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
            let text = script(shell);
            for name in commands() {
                assert!(text.contains(&name), "{shell:?} lacks {name}");
            }
            assert!(text.contains("as-of"), "{shell:?}");
        }
        // Subcommands of subcommands too.
        let bash = script(Shell::Bash);
        assert!(bash.contains("set-status") && bash.contains("shared"));
    }

    #[test]
    fn the_manual_page_lists_every_command_and_option() {
        let page = manual().unwrap();
        assert!(page.contains("\n.TH bayu 1 "), "{page}");
        for name in commands() {
            assert!(
                page.contains(&format!("\\fBbayu {name}")),
                "man lacks {name}"
            );
        }
        assert!(page.contains("\\fBbayu setup shared\\fR"));
        assert!(page.contains("\\-\\-keep"));
        assert!(page.contains("/etc/bayu/config"));
        // Every request line is one roff knows (no stray text starting with '.').
        for line in page.lines().filter(|l| l.starts_with('.')) {
            let req = line.split_whitespace().next().unwrap_or("");
            assert!(
                [
                    ".TH", ".SH", ".TP", ".br", ".PP", ".IP", ".RS", ".RE", ".B", ".I", ".ie",
                    ".el", ".nh", ".ad", ".sp", ".SS", ".P", ".HP", ".LP"
                ]
                .contains(&req),
                "unknown request {line:?}"
            );
        }
    }
}
