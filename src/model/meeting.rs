//! Meetings of the joint office (联席会议, monthly reviews) and what they
//! decided (会议议定事项): each decision has a responsible agency, a
//! deadline, and is tracked until it is marked done.

use chrono::NaiveDate;

/// A meeting: when, what, where, who chaired, which agencies attended.
#[derive(Debug, Clone, PartialEq)]
pub struct Meeting {
    pub id: i64,
    pub held_on: NaiveDate,
    pub title: String,
    /// 地点; empty when not recorded.
    pub place: String,
    /// 主持; empty when not recorded.
    pub chair: String,
    /// Attending agencies (参会单位), in order.
    pub agencies: Vec<i64>,
    /// Counts the attending agencies too: a change to them moves it.
    pub version: i64,
}

/// A decision of a meeting (议定事项).
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub id: i64,
    pub meeting_id: i64,
    pub text: String,
    /// The responsible agency (责任单位).
    pub agency_id: i64,
    /// Supporting agencies (配合单位), in order.
    pub support: Vec<i64>,
    /// The task it is about, if any.
    pub node_id: Option<i64>,
    /// The deadline (完成时限).
    pub due: NaiveDate,
    pub done: Option<NaiveDate>,
    /// How it was done (完成情况), given when marked done.
    pub done_note: Option<String>,
    /// Counts the supporting agencies too.
    pub version: i64,
}

impl Decision {
    /// Done as of a date: a completion recorded later does not count yet.
    pub fn done_by(&self, as_of: NaiveDate) -> bool {
        self.done.is_some_and(|d| d <= as_of)
    }

    /// Open and past its deadline at `as_of`.
    pub fn overdue(&self, as_of: NaiveDate) -> bool {
        !self.done_by(as_of) && self.due < as_of
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_decision_done_after_the_as_of_date_is_still_open_and_may_be_overdue_then() {
        let dec = Decision {
            id: 1,
            meeting_id: 1,
            text: "建立女科技工作者人才库".into(),
            agency_id: 1,
            support: vec![],
            node_id: None,
            due: d(2021, 6, 30),
            done: Some(d(2021, 7, 10)),
            done_note: None,
            version: 1,
        };
        assert!(!dec.done_by(d(2021, 7, 1)));
        assert!(dec.overdue(d(2021, 7, 1)));
        assert!(!dec.overdue(d(2021, 6, 30)), "due today is not late");
        assert!(dec.done_by(d(2021, 7, 10)));
        assert!(!dec.overdue(d(2021, 8, 1)));
    }
}
