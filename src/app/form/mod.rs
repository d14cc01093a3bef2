//! The editing forms, as plain data: which record a form is for, its
//! fields (one-line inputs, multi-line text, a choice, a pick from a
//! list), which field has the keyboard, what was there when the form
//! opened (so Esc asks before throwing typing away, and a conflict can
//! tell the user's changes from someone else's), and what each field says
//! beside it — the date a typed `月底` resolves to, or why a save failed.
//! Building a form from the data is in `build`, turning it into an
//! operation in `submit`, the pick lists in `picker`.

pub mod build;
pub mod picker;
pub mod submit;
pub mod text;

use chrono::NaiveDate;

use super::input::LineInput;
use crate::db::edit::{Field, validate};
use crate::i18n::Lang;
use crate::model::{PeriodKind, Review, Status};
use picker::{Picker, Source};
use text::TextBox;

/// What a form creates or changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    /// A sub-task as the last child of `parent`.
    AddSubtask {
        parent: i64,
    },
    /// Every field of a node; `work` when it is a task or sub-task (status,
    /// dates and progress mean something only there).
    EditNode {
        id: i64,
        work: bool,
    },
    /// The next status `s` moves to: the day it takes effect, and the
    /// reason when it is 滞后 or 暂停.
    StatusReason {
        node: i64,
        status: Status,
    },
    /// The plan's schedule: start, end, warning window, grace, cycle.
    Schedule,
    /// A milestone; `node` is `None` when the task is picked in the form.
    AddMilestone {
        node: Option<i64>,
    },
    EditMilestone {
        id: i64,
    },
    MilestoneDone {
        id: i64,
    },
    AddIndicator {
        node: i64,
    },
    EditIndicator {
        id: i64,
    },
    AddReport,
    EditReport {
        id: i64,
    },
    Review {
        id: i64,
    },
    AddAgency,
    EditAgency {
        id: i64,
    },
    AddUnit,
    EditUnit {
        id: i64,
    },
}

/// A closed set of choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChoiceSet {
    Status,
    Review,
    UnitKind,
    Cycle,
}

/// Reporting cycles, in the order the choice offers them.
pub const CYCLES: [PeriodKind; 2] = [PeriodKind::Quarter, PeriodKind::Month];

pub const REVIEWS: [Review; 3] = [Review::Pending, Review::Accepted, Review::Returned];

/// Kinds of unit as stored, with their words.
pub const UNIT_KINDS: [(&str, &str, &str); 4] = [
    ("district", "区", "district"),
    ("county", "县", "county"),
    ("autonomous-county", "自治县", "autonomous county"),
    ("zone", "开发区", "zone"),
];

impl ChoiceSet {
    /// How many choices (never none).
    pub fn count(self) -> usize {
        match self {
            ChoiceSet::Status => Status::ALL.len(),
            ChoiceSet::Review => REVIEWS.len(),
            ChoiceSet::UnitKind => UNIT_KINDS.len(),
            ChoiceSet::Cycle => CYCLES.len(),
        }
    }

    pub fn label(self, index: usize, lang: Lang) -> &'static str {
        match self {
            ChoiceSet::Status => {
                let s = Status::ALL[index.min(Status::ALL.len() - 1)];
                lang.pick(s.label_zh(), s.label_en())
            }
            ChoiceSet::Review => {
                let r = REVIEWS[index.min(REVIEWS.len() - 1)];
                lang.pick(r.label_zh(), r.label_en())
            }
            ChoiceSet::UnitKind => {
                let k = UNIT_KINDS[index.min(UNIT_KINDS.len() - 1)];
                lang.pick(k.1, k.2)
            }
            ChoiceSet::Cycle => match CYCLES[index.min(CYCLES.len() - 1)] {
                PeriodKind::Quarter => lang.pick("季度", "quarterly"),
                PeriodKind::Month => lang.pick("月度", "monthly"),
            },
        }
    }
}

/// What a field holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    Line(LineInput),
    Text(Box<TextBox>),
    Choice {
        set: ChoiceSet,
        index: usize,
    },
    /// Ids picked from a list (in the order picked).
    Pick {
        source: Source,
        chosen: Vec<i64>,
        multi: bool,
    },
}

/// How a one-line field's text is read, for the note beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    Plain,
    Date {
        optional: bool,
    },
    /// A date of effect: not after `today` (see `validate::effective`).
    Effective {
        today: NaiveDate,
    },
    Number {
        optional: bool,
    },
    Progress,
    Period(PeriodKind),
}

/// A field's value, to compare with what the form opened with.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Index(usize),
    Ids(Vec<i64>),
}

/// What is shown beside a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub text: String,
    pub error: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FormField {
    /// Which field of the operation this is (errors name it).
    pub key: Field,
    /// For a report's value: the indicator.
    pub indicator: Option<i64>,
    pub label: String,
    pub input: Input,
    pub check: Check,
    pub required: bool,
    /// The resolved date, or what is wrong with the text, as typed.
    pub note: Option<Note>,
    /// Why the last save was refused, until the field is edited.
    pub error: Option<String>,
    /// The text is a suggestion (a date, a period) just arrived at: the
    /// first character typed replaces it, as a selected text would be.
    pub fresh: bool,
}

impl FormField {
    pub fn new(key: Field, label: impl Into<String>, input: Input) -> FormField {
        FormField {
            key,
            indicator: None,
            label: label.into(),
            input,
            check: Check::Plain,
            required: false,
            note: None,
            error: None,
            fresh: false,
        }
    }

    pub fn line(key: Field, label: impl Into<String>, text: &str) -> FormField {
        FormField::new(key, label, Input::Line(LineInput::new(text)))
    }

    pub fn text(key: Field, label: impl Into<String>, text: &str) -> FormField {
        FormField::new(key, label, Input::Text(Box::new(TextBox::new(text))))
    }

    pub fn checked(mut self, check: Check) -> FormField {
        self.check = check;
        self
    }

    pub fn required(mut self) -> FormField {
        self.required = true;
        self
    }

    /// Whether arriving at the field selects its text (dates, periods).
    pub fn replaced_when_typed(&self) -> bool {
        matches!(
            self.check,
            Check::Date { .. } | Check::Effective { .. } | Check::Period(_)
        ) && matches!(self.input, Input::Line(_))
    }

    pub fn value(&self) -> Value {
        match &self.input {
            Input::Line(l) => Value::Text(l.text().to_string()),
            Input::Text(t) => Value::Text(t.text()),
            Input::Choice { index, .. } => Value::Index(*index),
            Input::Pick { chosen, .. } => Value::Ids(chosen.clone()),
        }
    }

    pub fn set(&mut self, value: &Value) {
        match (&mut self.input, value) {
            (Input::Line(l), Value::Text(s)) => *l = LineInput::new(s),
            (Input::Text(t), Value::Text(s)) => **t = TextBox::new(s),
            (Input::Choice { index, set }, Value::Index(i)) => *index = (*i).min(set.count() - 1),
            (Input::Pick { chosen, .. }, Value::Ids(ids)) => chosen.clone_from(ids),
            _ => {}
        }
    }

    /// The text of a one-line or multi-line field.
    pub fn text_value(&self) -> String {
        match self.value() {
            Value::Text(s) => s,
            _ => String::new(),
        }
    }

    /// Works out the note beside the field from what is typed.
    pub fn refresh_note(&mut self, as_of: NaiveDate, lang: Lang) {
        let Input::Line(l) = &self.input else {
            return;
        };
        let text = l.text();
        let msg = |e: crate::db::edit::EditError| Note {
            text: match lang {
                Lang::Zh => e.zh(),
                Lang::En => e.to_string(),
            },
            error: true,
        };
        self.note = match self.check {
            Check::Plain => None,
            Check::Date { optional } => {
                let parsed = if optional {
                    validate::optional_date(self.key, text, as_of)
                } else if text.trim().is_empty() {
                    Ok(None)
                } else {
                    validate::date(self.key, text, as_of).map(Some)
                };
                match parsed {
                    Ok(Some(d)) => Some(Note {
                        text: crate::i18n::edit::resolved_date(lang, d),
                        error: false,
                    }),
                    Ok(None) if optional => Some(Note {
                        text: crate::i18n::edit::no_date(lang).to_string(),
                        error: false,
                    }),
                    Ok(None) => None,
                    Err(e) => Some(msg(e)),
                }
            }
            Check::Effective { today } => match validate::effective(text, as_of, today) {
                Ok(d) => Some(Note {
                    text: crate::i18n::edit::resolved_date(lang, d),
                    error: false,
                }),
                Err(e) => Some(msg(e)),
            },
            Check::Number { optional } => {
                if text.trim().is_empty() {
                    None
                } else {
                    let r = if optional {
                        validate::target(text).map(|_| ())
                    } else {
                        validate::number(self.key, text)
                            .and_then(|v| validate::non_negative(self.key, v))
                            .map(|_| ())
                    };
                    r.err().map(msg)
                }
            }
            Check::Progress => match validate::progress(text) {
                Ok(None) => Some(Note {
                    text: crate::i18n::edit::progress_auto(lang).to_string(),
                    error: false,
                }),
                Ok(Some(_)) => None,
                Err(e) => Some(msg(e)),
            },
            Check::Period(kind) => {
                if text.trim().is_empty() {
                    None
                } else {
                    match validate::period(text, kind) {
                        Ok(p) => Some(Note {
                            text: crate::i18n::console::period(lang, p),
                            error: false,
                        }),
                        Err(e) => Some(msg(e)),
                    }
                }
            }
        };
    }
}

/// An open form.
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub kind: FormKind,
    /// The heading: what is being added or changed.
    pub title: String,
    pub fields: Vec<FormField>,
    pub focus: usize,
    /// The record's version when the form opened (0 for a new record).
    pub version: i64,
    /// The values the form opened with.
    pub original: Vec<Value>,
    /// A problem with the form as a whole (refusals, hints).
    pub error: Option<String>,
    /// The list open over a pick field.
    pub picker: Option<Picker>,
    /// The record as read when the form opened (or as someone else saved
    /// it, after a conflict): what the fields the form does not show keep.
    pub record: Option<Box<crate::db::edit::Record>>,
}

impl Form {
    pub fn new(kind: FormKind, title: String, fields: Vec<FormField>, version: i64) -> Form {
        let original = fields.iter().map(FormField::value).collect();
        let mut form = Form {
            kind,
            title,
            fields,
            focus: 0,
            version,
            original,
            error: None,
            picker: None,
            record: None,
        };
        form.focus_on(0);
        form
    }

    pub fn values(&self) -> Vec<Value> {
        self.fields.iter().map(FormField::value).collect()
    }

    /// Whether anything differs from what the form opened with.
    pub fn dirty(&self) -> bool {
        self.values() != self.original
    }

    pub fn focused(&self) -> Option<&FormField> {
        self.fields.get(self.focus)
    }

    pub fn focused_mut(&mut self) -> Option<&mut FormField> {
        self.fields.get_mut(self.focus)
    }

    /// The field for an operation's field (and indicator).
    pub fn index_of(&self, key: Field) -> Option<usize> {
        self.fields.iter().position(|f| f.key == key)
    }

    pub fn field(&self, key: Field) -> Option<&FormField> {
        self.fields.iter().find(|f| f.key == key)
    }

    pub fn next_field(&mut self) {
        if !self.fields.is_empty() {
            self.focus_on((self.focus + 1) % self.fields.len());
        }
    }

    pub fn prev_field(&mut self) {
        if !self.fields.is_empty() {
            self.focus_on((self.focus + self.fields.len() - 1) % self.fields.len());
        }
    }

    /// Gives a field the keyboard; a date or period there is selected, so
    /// typing replaces it.
    pub fn focus_on(&mut self, i: usize) {
        for f in &mut self.fields {
            f.fresh = false;
        }
        self.focus = i.min(self.fields.len().saturating_sub(1));
        if let Some(f) = self.fields.get_mut(self.focus) {
            f.fresh = f.replaced_when_typed();
        }
    }

    /// Works out every field's note (after opening, or a change of the
    /// as-of date).
    pub fn refresh_notes(&mut self, as_of: NaiveDate, lang: Lang) {
        for f in &mut self.fields {
            f.refresh_note(as_of, lang);
        }
    }

    /// Forgets the errors of the last save.
    pub fn clear_errors(&mut self) {
        self.error = None;
        for f in &mut self.fields {
            f.error = None;
        }
    }

    /// Puts a save's complaint beside its field (the first of that kind
    /// when several share it, e.g. indicator values: the one named in the
    /// message), and the keyboard there.
    pub fn show_error(&mut self, key: Field, message: String) {
        let named = self
            .fields
            .iter()
            .position(|f| f.key == key && f.indicator.is_some() && message.contains(&f.label));
        match named.or_else(|| self.index_of(key)) {
            Some(i) => {
                self.focus_on(i);
                self.fields[i].fresh = false;
                self.fields[i].error = Some(message);
                self.picker = None;
            }
            None => self.error = Some(message),
        }
    }

    /// Puts values back (a conflict's merged values).
    pub fn restore(&mut self, values: &[Value]) {
        for (f, v) in self.fields.iter_mut().zip(values) {
            f.set(v);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_date_field_shows_the_resolved_date_or_the_problem() {
        let mut f = FormField::line(Field::Due, "截止日期", "月底")
            .checked(Check::Date { optional: false });
        f.refresh_note(d(2021, 12, 15), Lang::Zh);
        assert_eq!(f.note.as_ref().unwrap().text, "2021年12月31日 周五");
        f.set(&Value::Text("2021-02-30".into()));
        f.refresh_note(d(2021, 12, 15), Lang::Zh);
        let n = f.note.clone().unwrap();
        assert!(n.error && n.text.contains("2021年2月只有28天"), "{n:?}");
        f.refresh_note(d(2021, 12, 15), Lang::En);
        assert!(f.note.unwrap().text.contains("February 2021 has 28 days"));
    }

    #[test]
    fn tab_order_wraps_and_dirty_compares_with_the_opening_values() {
        let mut form = Form::new(
            FormKind::AddAgency,
            "新增责任单位".into(),
            vec![
                FormField::line(Field::Name, "名称", ""),
                FormField::line(Field::ShortName, "简称", ""),
            ],
            0,
        );
        assert!(!form.dirty());
        form.prev_field();
        assert_eq!(form.focus, 1);
        form.next_field();
        assert_eq!(form.focus, 0);
        form.fields[0].set(&Value::Text("重庆市妇女联合会".into()));
        assert!(form.dirty());
        form.fields[0].set(&Value::Text(String::new()));
        assert!(!form.dirty());
    }
}
