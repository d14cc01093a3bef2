//! `bayu where`: which database file is in use and why (`--db`, `BAYU_DB`,
//! a settings file's `db =` line, or the per-user default), and which
//! settings files were read — the first thing to ask when two coordinators
//! see different data.

use super::{CliResult, Context, emit};
use crate::db::access;
use crate::i18n::deploy::{Where, where_text};

pub fn run(ctx: &Context) -> CliResult {
    let problem = access::diagnose(&ctx.db, false);
    let read = problem.is_none();
    let write = read && access::diagnose(&ctx.db, true).is_none();
    let facts = Where {
        db: &ctx.db,
        source: &ctx.db_source,
        owner: access::owner(&ctx.db),
        read,
        write,
        problem: problem.as_ref(),
        files: &ctx.settings,
    };
    emit(&where_text(ctx.lang, &facts))
}
