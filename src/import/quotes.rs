//! The quotes of a returned sheet, checked before its rows are trusted.
//!
//! A CSV reader follows a quote wherever it leads: one opening `"` left
//! unclosed in a report's text takes in every row after it (those rows end
//! up inside that unit's text and are silently lost), a stray quote at a
//! line's start turns the rest of the sheet into one cell, and a file cut
//! short inside a quote still reads. The template bayu sends never makes
//! any of this: its cells span lines only in 进展情况 (where Excel and WPS
//! write the line breaks people type), and a quoted cell always ends with
//! its quote followed by a comma or the line's end. So the file's own
//! quote structure is read here, beside the CSV reader, and each of these
//! becomes a problem that names the line where the quote opened:
//! - a quote never closed before the end of the file;
//! - text after a closing quote (the quotes do not pair up);
//! - a quoted cell that spans lines in a column that never holds line
//!   breaks (unit, task, period, date, author, figures);
//! - a line inside a quoted cell that is a row of its own (a known unit,
//!   then a task code or a period in their columns): the rows a missing
//!   quote swallowed.

use std::ops::Range;

use super::columns::{Columns, Field};
use super::matching::UnitMatcher;
use super::read::delimiter;
use crate::model::PeriodKind;

/// What is wrong with the quotes, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuoteFault {
    /// The quote that opens a cell on `line` is never closed.
    Unclosed { line: u64 },
    /// Text follows the closing quote (on line `at`) of the cell opened on
    /// `line`.
    TextAfterClose { line: u64, at: u64 },
    /// The cell of `column` opened on `line` runs over `lines` lines.
    SpansLines {
        line: u64,
        lines: u64,
        column: String,
    },
    /// Line `row_line`, inside the cell opened on `line`, is a row of its
    /// own (of `unit`).
    SwallowsRow {
        line: u64,
        row_line: u64,
        unit: String,
    },
}

impl QuoteFault {
    /// The line where the quote at fault opened.
    pub fn line(&self) -> u64 {
        match self {
            QuoteFault::Unclosed { line }
            | QuoteFault::TextAfterClose { line, .. }
            | QuoteFault::SpansLines { line, .. }
            | QuoteFault::SwallowsRow { line, .. } => *line,
        }
    }
}

/// How a quoted cell ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    /// With its quote, then a delimiter or the line's end.
    Clean,
    /// With its quote, then more text, on this line.
    TextAfter(u64),
    /// Never: the file ended inside it.
    Eof,
}

/// A quoted cell worth a look: one that spans lines or ends badly.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Quoted {
    column: usize,
    open_line: u64,
    close_line: u64,
    /// Byte range of its text between the quotes.
    content: Range<usize>,
    end: End,
}

/// Reads the quote structure as RFC 4180 (and the csv crate) do: a quote
/// opens a quoted cell only at a cell's start, `""` inside is a quote, the
/// next lone quote closes it. Lines are counted by `\n`, as the records'.
fn scan(text: &str, delim: u8) -> Vec<Quoted> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let (mut i, mut line, mut column, mut cell_start) = (0, 1u64, 0usize, true);
    while i < b.len() {
        let c = b[i];
        if cell_start && c == b'"' {
            let open_line = line;
            let start = i + 1;
            i += 1;
            let end = loop {
                if i >= b.len() {
                    break End::Eof;
                }
                match b[i] {
                    b'"' if b.get(i + 1) == Some(&b'"') => i += 2,
                    b'"' => {
                        i += 1;
                        break match b.get(i) {
                            None | Some(b'\n' | b'\r') => End::Clean,
                            Some(&d) if d == delim => End::Clean,
                            Some(_) => End::TextAfter(line),
                        };
                    }
                    b'\n' => {
                        line += 1;
                        i += 1;
                    }
                    _ => i += 1,
                }
            };
            let close = if end == End::Eof { b.len() } else { i - 1 };
            if end != End::Clean || line != open_line {
                out.push(Quoted {
                    column,
                    open_line,
                    close_line: line,
                    content: start..close.max(start),
                    end,
                });
            }
            if end == End::Eof {
                break;
            }
            cell_start = false;
            continue;
        }
        match c {
            b'\n' | b'\r' => {
                if c == b'\n' {
                    line += 1;
                }
                column = 0;
                cell_start = true;
            }
            d if d == delim => {
                column += 1;
                cell_start = true;
            }
            _ => cell_start = false,
        }
        i += 1;
    }
    out
}

/// Whether `line` (inside a quoted cell) is a row of the sheet: a known
/// unit in the unit column and, in their columns, a task code or a period.
fn row_of<'u>(
    line: &str,
    delim: u8,
    cols: &Columns,
    units: &'u UnitMatcher,
    kind: PeriodKind,
) -> Option<&'u str> {
    let parts: Vec<&str> = line.split(char::from(delim)).collect();
    let cell = |f: Field| {
        cols.get(f)
            .and_then(|i| parts.get(i))
            .map(|s| s.trim().trim_matches('"'))
    };
    let unit = units.find(cell(Field::Unit)?)?;
    let code = cell(Field::TaskCode).is_some_and(|c| {
        !c.is_empty()
            && c.split('.')
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    });
    let period = cell(Field::Period).is_some_and(|p| crate::model::Period::parse(p, kind).is_ok());
    (code || period).then_some(unit.name.as_str())
}

/// Every quote problem of a sheet's `text`. Without the header's columns
/// (none found) only the quotes that never close or do not pair up are
/// judged.
pub fn check(
    text: &str,
    cols: Option<&Columns>,
    units: &UnitMatcher,
    kind: PeriodKind,
) -> Vec<QuoteFault> {
    let delim = delimiter(text);
    let mut out = Vec::new();
    for q in scan(text, delim) {
        match q.end {
            End::Eof => {
                out.push(QuoteFault::Unclosed { line: q.open_line });
                continue;
            }
            End::TextAfter(at) => {
                out.push(QuoteFault::TextAfterClose {
                    line: q.open_line,
                    at,
                });
                continue;
            }
            End::Clean => {}
        }
        let Some(cols) = cols else { continue };
        if !cols.free_text(q.column) {
            out.push(QuoteFault::SpansLines {
                line: q.open_line,
                lines: q.close_line - q.open_line + 1,
                column: cols.header_of(q.column),
            });
            continue;
        }
        let inner = &text[q.content.clone()];
        for (k, l) in inner.split('\n').enumerate().skip(1) {
            if let Some(unit) = row_of(l.trim_end_matches('\r'), delim, cols, units, kind) {
                out.push(QuoteFault::SwallowsRow {
                    line: q.open_line,
                    row_line: q.open_line + k as u64,
                    unit: unit.to_string(),
                });
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ends(text: &str) -> Vec<(u64, u64, End)> {
        scan(text, b',')
            .into_iter()
            .map(|q| (q.open_line, q.close_line, q.end))
            .collect()
    }

    #[test]
    fn the_templates_own_shapes_pass() {
        // One-line quoted cells, doubled quotes, a body over lines (CRLF).
        let text = "单位,进展情况\r\n渝中区,\"说\"\"好\"\"，a,b\"\r\n万州区,\"一\r\n二\"\r\n";
        assert_eq!(ends(text), [(3, 4, End::Clean)]);
    }

    #[test]
    fn an_unclosed_quote_and_text_after_a_close_are_found_with_their_line() {
        assert_eq!(
            ends("单位,进展情况\n渝中区,\"开展活动\n万州区,好\n"),
            [(2, 4, End::Eof)]
        );
        assert_eq!(
            ends("单位,进展情况\n渝中区,\"开展\"活动\n"),
            [(2, 2, End::TextAfter(2))]
        );
        // A stray quote at a line's start, closed much later.
        assert_eq!(
            ends("单位,进展情况\n\"渝中区,好\n万州区,\"好\"\n"),
            [(2, 3, End::TextAfter(3))]
        );
    }

    #[test]
    fn a_tab_delimited_sheet_is_read_with_tabs() {
        assert_eq!(scan("单位\t进展情况\n渝中区\t\"开展\n", b'\t')[0].column, 1);
    }
}
