//! `e`, `d` and `x` on one milestone or indicator — in the 节点 view or in
//! a task's list of them: the form to open, or the question to ask first.

use super::{Confirm, EditEffect, Overlay, Slot, overlay};
use crate::app::command::Command;
use crate::app::effect::Effect;
use crate::app::form::FormKind;
use crate::db::edit::{Op, Target};
use crate::i18n::Lang;
use crate::i18n::edit as words;
use crate::model::{Indicator, Milestone};

fn open(target: Target, kind: FormKind) -> Vec<Effect> {
    vec![Effect::Edit(EditEffect::Open { target, kind })]
}

/// `e`, `d` or `x` on a milestone.
pub fn milestone_key(slot: &mut Slot, lang: Lang, c: Command, m: &Milestone) -> Vec<Effect> {
    match c {
        Command::EditItem | Command::Open => open(
            Target::Milestone(m.id),
            FormKind::EditMilestone { id: m.id },
        ),
        Command::Delete => {
            overlay(
                slot,
                Overlay::Confirm(Confirm {
                    title: words::delete_title(lang).into(),
                    text: words::delete_milestone(lang, &m.title),
                    op: Box::new(Op::DeleteMilestone {
                        id: m.id,
                        version: m.version,
                    }),
                }),
            );
            vec![]
        }
        Command::MarkDone => match m.done {
            Some(done) => {
                overlay(
                    slot,
                    Overlay::Confirm(Confirm {
                        title: words::reopen_title(lang).into(),
                        text: words::reopen_milestone(lang, &m.title, done),
                        op: Box::new(Op::ReopenMilestone {
                            id: m.id,
                            version: m.version,
                        }),
                    }),
                );
                vec![]
            }
            None => open(
                Target::Milestone(m.id),
                FormKind::MilestoneDone { id: m.id },
            ),
        },
        _ => vec![],
    }
}

/// `e` or `d` on an indicator of a task's list.
pub fn indicator_key(slot: &mut Slot, lang: Lang, c: Command, i: &Indicator) -> Vec<Effect> {
    match c {
        Command::EditItem | Command::Open => open(
            Target::Indicator(i.id),
            FormKind::EditIndicator { id: i.id },
        ),
        Command::Delete => {
            overlay(
                slot,
                Overlay::Confirm(Confirm {
                    title: words::delete_title(lang).into(),
                    text: words::delete_indicator(lang, &i.name),
                    op: Box::new(Op::DeleteIndicator {
                        id: i.id,
                        version: i.version,
                    }),
                }),
            );
            vec![]
        }
        _ => vec![],
    }
}
