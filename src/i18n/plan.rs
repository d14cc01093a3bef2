//! The words of reading a plan document (`bayu init --plan`): how many
//! headings were read at each numbering level, and the numbered lines the
//! reader did not take as headings.

use super::Lang;
use crate::plan_text::{MAX_ORDINAL, PlanWarning};

/// The numbering of each level, as the document writes it.
const LEVELS: [&str; 5] = ["一、", "（一）", "1.", "（1）", "1）"];

/// `读入标题：一、3个，（一）3个，1. 13个` — the levels that have any.
pub fn headings_read(lang: Lang, counts: [usize; 5]) -> String {
    let parts: Vec<String> = LEVELS
        .iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .map(|(label, n)| match lang {
            Lang::Zh => format!("{label}{n}个"),
            Lang::En => format!("{n} at {label}"),
        })
        .collect();
    match lang {
        Lang::Zh => format!("读入标题：{}", parts.join("，")),
        Lang::En => format!("headings read: {}", parts.join(", ")),
    }
}

/// A numbered line the reader read as text, for `FILE:LINE: …`.
pub fn warning(lang: Lang, w: &PlanWarning) -> String {
    match (w, lang) {
        (
            PlanWarning::OutOfOrder {
                found,
                expected,
                text,
                ..
            },
            Lang::Zh,
        ) => format!(
            "「{text}」编号为 {found}，而这一级的下一个标题应为 {expected}（编号{}），未作为标题，已并入上一标题的正文",
            if found > expected {
                "跳过了"
            } else {
                "重复或倒退"
            }
        ),
        (
            PlanWarning::OutOfOrder {
                found,
                expected,
                text,
                ..
            },
            Lang::En,
        ) => format!(
            "「{text}」 is numbered {found} where the next heading at its level would be {expected} (a number {}); read as text of the heading before it",
            if found > expected {
                "skipped"
            } else {
                "repeated or going back"
            }
        ),
        (PlanWarning::PastLastNumber { ordinal, text, .. }, Lang::Zh) => {
            format!("「{text}」编号 {ordinal} 超过 {MAX_ORDINAL}，未作为标题，已并入上一标题的正文")
        }
        (PlanWarning::PastLastNumber { ordinal, text, .. }, Lang::En) => format!(
            "「{text}」 is numbered {ordinal}, past {MAX_ORDINAL}; read as text of the heading before it"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_name_only_the_levels_read() {
        assert_eq!(
            headings_read(Lang::Zh, [3, 3, 13, 0, 0]),
            "读入标题：一、3个，（一）3个，1.13个"
        );
        assert_eq!(
            headings_read(Lang::En, [2, 0, 1, 0, 0]),
            "headings read: 2 at 一、, 1 at 1."
        );
    }

    #[test]
    fn warnings_say_what_was_found_in_both_languages() {
        let w = PlanWarning::OutOfOrder {
            line: 5,
            level: 2,
            found: 3,
            expected: 2,
            text: "3.第三项".into(),
        };
        assert!(warning(Lang::Zh, &w).contains("跳过了"));
        assert!(warning(Lang::En, &w).contains("skipped"));
        let w = PlanWarning::PastLastNumber {
            line: 9,
            ordinal: 100,
            text: "100.第一百项".into(),
        };
        assert!(warning(Lang::Zh, &w).contains("超过 99"));
        assert!(warning(Lang::En, &w).contains("past 99"));
    }
}
