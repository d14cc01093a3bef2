//! From the bytes of a returned sheet to records: the encoding (UTF-8 with
//! or without byte-order mark, GB18030/GBK as Excel on Chinese Windows
//! writes, UTF-16 as Excel's "Unicode text" writes), then CSV records with
//! the line each one starts on, so every message can name `FILE:LINE`.
//!
//! Nothing here fails on bad input: bytes that do not decode become U+FFFD
//! and are counted, and the CSV reader is told to accept ragged rows.

use std::fmt;

use sha2::{Digest, Sha256};

/// A text encoding a sheet may arrive in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// GB18030, a superset of GBK and GB2312.
    Gb18030,
    Utf16Le,
    Utf16Be,
}

impl Encoding {
    /// Reads `utf-8`, `gbk`, `gb18030` (also `utf8`, `gb2312`, `cp936`),
    /// case-insensitive. GBK and GB2312 files decode as GB18030, which
    /// contains them.
    pub fn parse(s: &str) -> Option<Encoding> {
        match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "utf-8" | "utf8" => Some(Encoding::Utf8),
            "gbk" | "gb18030" | "gb-18030" | "gb2312" | "cp936" | "936" => Some(Encoding::Gb18030),
            // Excel's "Unicode text" is little-endian.
            "utf-16" | "utf16" | "utf-16le" | "utf16le" | "unicode" => Some(Encoding::Utf16Le),
            "utf-16be" | "utf16be" => Some(Encoding::Utf16Be),
            _ => None,
        }
    }

    /// The `--encoding` values, for messages.
    pub const NAMES: &'static str = "utf-8, gbk, gb18030, utf-16le, utf-16be";

    /// The encoding to try when `self` gave bytes that do not decode.
    pub fn other(self) -> &'static str {
        match self {
            Encoding::Utf8 => "gbk",
            Encoding::Gb18030 => "utf-8",
            Encoding::Utf16Le => "utf-16be",
            Encoding::Utf16Be => "utf-16le",
        }
    }

    fn codec(self) -> &'static encoding_rs::Encoding {
        match self {
            Encoding::Utf8 => encoding_rs::UTF_8,
            Encoding::Gb18030 => encoding_rs::GB18030,
            Encoding::Utf16Le => encoding_rs::UTF_16LE,
            Encoding::Utf16Be => encoding_rs::UTF_16BE,
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Gb18030 => "GB18030",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
        })
    }
}

/// A sheet's text and how it was read.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
    /// The file began with a byte-order mark.
    pub bom: bool,
    /// Byte sequences that were not valid in `encoding` (each became U+FFFD).
    pub malformed: bool,
    /// Lines that held a byte-order mark after the file's start (two files
    /// joined into one); the marks were taken out.
    pub inner_boms: Vec<u64>,
}

/// The SHA-256 of a file's bytes, in lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// UTF-16 without a byte-order mark, told by its zero bytes: a sheet's
/// commas, digits and line ends are ASCII, whose UTF-16 has a zero byte
/// after (little-endian) or before (big-endian) it, while UTF-8 and
/// GB18030 text never holds a zero byte.
fn utf16_without_bom(bytes: &[u8]) -> Option<Encoding> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    let zeros = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    let pairs = head.len() / 2;
    // Most ASCII characters put a zero at one parity and none at the other.
    if pairs == 0 || even + odd < pairs / 8 {
        return None;
    }
    if odd > even * 8 {
        Some(Encoding::Utf16Le)
    } else if even > odd * 8 {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

/// Takes out byte-order marks after the start (a second file's, where two
/// were joined) and says on which lines they were.
fn take_inner_boms(text: String) -> (String, Vec<u64>) {
    if !text.contains('\u{feff}') {
        return (text, Vec::new());
    }
    let mut lines = Vec::new();
    let mut line = 1;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{feff}' => {
                if lines.last() != Some(&line) {
                    lines.push(line);
                }
            }
            '\n' => {
                line += 1;
                out.push(c);
            }
            c => out.push(c),
        }
    }
    (out, lines)
}

/// Decodes a sheet. A byte-order mark decides; otherwise zero bytes in
/// the pattern of ASCII mean UTF-16, valid UTF-8 is UTF-8 and anything
/// else is GB18030. `forced` overrides detection (a byte-order mark of
/// the forced encoding is still dropped). Byte-order marks further on are
/// taken out and their lines noted.
pub fn decode(bytes: &[u8], forced: Option<Encoding>) -> Decoded {
    let (bom_encoding, bom_len) = match encoding_rs::Encoding::for_bom(bytes) {
        Some((e, n)) if e == encoding_rs::UTF_8 => (Some(Encoding::Utf8), n),
        Some((e, n)) if e == encoding_rs::UTF_16LE => (Some(Encoding::Utf16Le), n),
        Some((e, n)) if e == encoding_rs::UTF_16BE => (Some(Encoding::Utf16Be), n),
        _ => (None, 0),
    };
    let encoding = match (forced, bom_encoding) {
        (Some(f), _) => f,
        (None, Some(b)) => b,
        (None, None) => match utf16_without_bom(bytes) {
            Some(e) => e,
            None if std::str::from_utf8(bytes).is_ok() => Encoding::Utf8,
            None => Encoding::Gb18030,
        },
    };
    let bom = bom_encoding == Some(encoding);
    let body = if bom { &bytes[bom_len..] } else { bytes };
    let (text, malformed) = encoding.codec().decode_without_bom_handling(body);
    let (text, inner_boms) = take_inner_boms(text.into_owned());
    Decoded {
        text,
        encoding,
        bom,
        malformed,
        inner_boms,
    }
}

/// One CSV record and the line of the file it starts on.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub line: u64,
    pub cells: Vec<String>,
}

impl Record {
    /// Every cell is empty or spaces (Excel writes `,,,,` for empty rows).
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }
}

/// The delimiter of the sheet: a tab when the first line has tabs and no
/// commas (Excel's "text (tab delimited)" and "Unicode text"), else a comma.
pub fn delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    if first.contains('\t') && !first.contains(',') {
        b'\t'
    } else {
        b','
    }
}

/// Splits decoded text into records. Rows may have more or fewer cells
/// than the header; quoted cells may span lines.
pub fn records(text: &str) -> Vec<Record> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(text))
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    let mut record = csv::StringRecord::new();
    // csv's own line count drifts on CRLF and blank lines; the byte
    // offset of each record is exact, so lines are counted from it.
    let mut counted_to = 0;
    let mut line = 1;
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {
                let start = record.position().map_or(counted_to, |p| p.byte() as usize);
                let start = start.clamp(counted_to, text.len());
                line += text.as_bytes()[counted_to..start]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count() as u64;
                counted_to = start;
                // A record preceded by blank lines starts after them.
                let skipped = text.as_bytes()[start..]
                    .iter()
                    .take_while(|&&b| b == b'\n' || b == b'\r')
                    .filter(|&&b| b == b'\n')
                    .count() as u64;
                out.push(Record {
                    line: line + skipped,
                    cells: record.iter().map(str::to_string).collect(),
                });
            }
            Ok(false) => break,
            // Reading valid UTF-8 from memory cannot fail; should it, the
            // records read so far are what the sheet holds.
            Err(_) => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode("\u{feff}单位,期次\n".as_bytes(), None);
        assert_eq!(
            (d.encoding, d.bom, d.text.as_str()),
            (Encoding::Utf8, true, "单位,期次\n")
        );
        let d = decode("单位,期次\n".as_bytes(), None);
        assert_eq!((d.encoding, d.bom), (Encoding::Utf8, false));
        assert!(!d.malformed);
    }

    #[test]
    fn gbk_is_detected_when_not_utf8() {
        let (bytes, _, _) = encoding_rs::GBK.encode("渝中区,2021年第四季度");
        let d = decode(&bytes, None);
        assert_eq!(d.encoding, Encoding::Gb18030);
        assert_eq!(d.text, "渝中区,2021年第四季度");
        assert!(!d.malformed);
    }

    #[test]
    fn forced_encoding_wins_and_bad_bytes_are_marked() {
        let d = decode(b"ab\xffcd", Some(Encoding::Utf8));
        assert_eq!(d.text, "ab\u{fffd}cd");
        assert!(d.malformed);
        assert_eq!(Encoding::parse("GBK"), Some(Encoding::Gb18030));
        assert_eq!(Encoding::parse("utf8"), Some(Encoding::Utf8));
        assert_eq!(Encoding::parse("latin1"), None);
    }

    #[test]
    fn utf16_with_bom_is_read() {
        let mut bytes = vec![0xff, 0xfe];
        for u in "单位\t期次".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        let d = decode(&bytes, None);
        assert_eq!(d.encoding, Encoding::Utf16Le);
        assert_eq!(records(&d.text)[0].cells, ["单位", "期次"]);
    }

    fn utf16(text: &str, little: bool) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|u| {
                if little {
                    u.to_le_bytes()
                } else {
                    u.to_be_bytes()
                }
            })
            .collect()
    }

    /// Weakness of issue 13: UTF-16 without a byte-order mark was read as
    /// GB18030 and the hint said "try --encoding utf-8".
    #[test]
    fn utf16_without_bom_is_recognised_by_its_zero_bytes() {
        let text = "单位,任务编号,进展情况\r\n渝中区,2.1.1,完成\r\n";
        for (little, enc) in [(true, Encoding::Utf16Le), (false, Encoding::Utf16Be)] {
            let d = decode(&utf16(text, little), None);
            assert_eq!((d.encoding, d.bom, d.malformed), (enc, false, false));
            assert_eq!(d.text, text);
        }
        // Chinese without any ASCII has no zero bytes: left to the rest.
        assert_eq!(utf16_without_bom(&utf16("渝中区万州区", true)), None);
        assert_eq!(Encoding::parse("UTF-16"), Some(Encoding::Utf16Le));
        assert_eq!(Encoding::parse("utf-16be"), Some(Encoding::Utf16Be));
    }

    /// Weakness of issue 13: a byte-order mark in the middle (two files
    /// joined) made `unknown unit "万州区" (did you mean 万州区?)`.
    #[test]
    fn a_byte_order_mark_further_on_is_taken_out_and_its_line_noted() {
        let bytes = "\u{feff}单位,进展情况\n渝中区,好\n\u{feff}万州区,好\n".as_bytes();
        let d = decode(bytes, None);
        assert_eq!(d.text, "单位,进展情况\n渝中区,好\n万州区,好\n");
        assert_eq!(d.inner_boms, [3]);
        assert!(d.bom);
    }

    #[test]
    fn records_carry_their_first_line() {
        let text = "单位,进展情况\n渝中区,\"第一行\n第二行\"\n\n万州区,好\n";
        let recs = records(text);
        let lines: Vec<u64> = recs.iter().map(|r| r.line).collect();
        assert_eq!(lines, [1, 2, 5]);
        assert_eq!(recs[1].cells[1], "第一行\n第二行");
        let crlf = "单位,进展情况\r\n渝中区,\"甲\r\n乙\"\r\n\r\n\r\n万州区,好\r\n涪陵区,好\r\n";
        let lines: Vec<u64> = records(crlf).iter().map(|r| r.line).collect();
        assert_eq!(lines, [1, 2, 6, 7]);
    }
}
