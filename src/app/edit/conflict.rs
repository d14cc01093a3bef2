//! Two coordinators changed the same record: the dialog that shows both
//! versions field by field — theirs as stored now, mine as it would be
//! saved — and never overwrites without being told to. "Mine" takes the
//! fields the user changed and their values for the rest, so saving mine
//! over theirs loses nothing of theirs that the user did not touch.

use super::super::form::build::{Ctx, from_record};
use super::super::form::picker;
use super::super::form::{Form, FormField, Input, Value};
use crate::db::edit::Record;

/// One field of the comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub label: String,
    pub theirs: String,
    pub mine: String,
    pub changed_by_them: bool,
    pub changed_by_me: bool,
}

impl Row {
    /// Both changed it, differently: the user must choose.
    pub fn clash(&self) -> bool {
        self.changed_by_them && self.changed_by_me && self.theirs != self.mine
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ConflictView {
    /// Who changed it and when (or that it was deleted).
    pub message: String,
    pub rows: Vec<Row>,
    /// The record as stored now; `None` when it was deleted.
    pub theirs: Option<Box<Record>>,
    /// Their values, field by field.
    pub theirs_values: Vec<Value>,
    /// What "mine" is: the user's changes over their values.
    pub merged: Vec<Value>,
}

/// A field's value in words.
pub fn show(field: &FormField, value: &Value, ctx: &Ctx<'_>) -> String {
    match (&field.input, value) {
        (Input::Choice { set, .. }, Value::Index(i)) => set.label(*i, ctx.lang).to_string(),
        (Input::Pick { source, .. }, Value::Ids(ids)) => picker::labels(ctx.data, *source, ids),
        (_, Value::Text(s)) => s.clone(),
        _ => String::new(),
    }
}

/// Compares the open form with the record as someone else saved it.
pub fn build(form: &Form, theirs: Option<&Record>, message: String, ctx: &Ctx<'_>) -> ConflictView {
    let Some(fresh) = theirs else {
        return ConflictView {
            message,
            rows: Vec::new(),
            theirs: None,
            theirs_values: Vec::new(),
            merged: form.values(),
        };
    };
    let their_form = from_record(ctx, form.kind, fresh);
    let theirs_values = their_form.values();
    let mut rows = Vec::new();
    let mut merged = Vec::new();
    for (i, field) in form.fields.iter().enumerate() {
        let mine = field.value();
        let original = form
            .original
            .get(i)
            .cloned()
            .unwrap_or_else(|| mine.clone());
        let theirs_v = theirs_values
            .get(i)
            .cloned()
            .unwrap_or_else(|| original.clone());
        let changed_by_me = mine != original;
        let changed_by_them = theirs_v != original;
        let result = if changed_by_me {
            mine
        } else {
            theirs_v.clone()
        };
        if changed_by_me || changed_by_them {
            rows.push(Row {
                label: field.label.clone(),
                theirs: show(field, &theirs_v, ctx),
                mine: show(field, &result, ctx),
                changed_by_them,
                changed_by_me,
            });
        }
        merged.push(result);
    }
    ConflictView {
        message,
        rows,
        theirs: Some(Box::new(fresh.clone())),
        theirs_values,
        merged,
    }
}
