//! CSV for spreadsheets, written one way for every sheet bayu writes (the
//! `csv` export, the reports sheet of `template reports`): UTF-8 behind a
//! byte-order mark, which is how Excel and WPS know the encoding; one
//! record per line; a field quoted only when it holds a comma, a quote or
//! a line break (the `csv` crate's rules, quotes doubled). Every cell of
//! every sheet passes through [`SheetWriter::row`], which cleans it and
//! defuses a formula (`sanitize::for_sheet`).

use std::io::{self, Write};

use super::sanitize::for_sheet;

/// How records end: `\n`, or `\r\n` for a file a Windows user sends back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEnd {
    Lf,
    CrLf,
}

/// Writes a sheet to `W`, record by record.
pub struct SheetWriter<W: Write> {
    inner: csv::Writer<W>,
}

impl<W: Write> SheetWriter<W> {
    /// Starts a sheet: writes the byte-order mark.
    pub fn new(mut out: W, ends: LineEnd) -> io::Result<SheetWriter<W>> {
        out.write_all("\u{feff}".as_bytes())?;
        let terminator = match ends {
            LineEnd::Lf => csv::Terminator::Any(b'\n'),
            LineEnd::CrLf => csv::Terminator::CRLF,
        };
        let inner = csv::WriterBuilder::new()
            .terminator(terminator)
            .flexible(true)
            .from_writer(out);
        Ok(SheetWriter { inner })
    }

    /// One record, each cell cleaned and guarded against formulas.
    pub fn row<S: AsRef<str>>(&mut self, cells: &[S]) -> io::Result<()> {
        self.inner
            .write_record(cells.iter().map(|c| for_sheet(c.as_ref())))
            .map_err(io::Error::from)
    }

    /// Writes out what is buffered.
    pub fn finish(mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(ends: LineEnd, rows: &[&[&str]]) -> String {
        let mut out = Vec::new();
        let mut w = SheetWriter::new(&mut out, ends).unwrap();
        for r in rows {
            w.row(r).unwrap();
        }
        w.finish().unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn fields_are_quoted_only_when_they_must_be_and_formulas_defused() {
        let text = sheet(
            LineEnd::Lf,
            &[
                &["渝中区", "a,b", "说\"好\""],
                &["一\n二", "", "=1,2"],
                &["@SUM(A1)", "-2+3", "42"],
            ],
        );
        assert_eq!(
            text,
            "\u{feff}渝中区,\"a,b\",\"说\"\"好\"\"\"\n\"一\n二\",,\"'=1,2\"\n'@SUM(A1),'-2+3,42\n"
        );
    }

    #[test]
    fn a_sheet_for_windows_ends_its_lines_with_crlf() {
        assert_eq!(
            sheet(LineEnd::CrLf, &[&["单位", "任务"]]),
            "\u{feff}单位,任务\r\n"
        );
    }
}
