//! Copying to the user's own clipboard through the terminal: the OSC 52
//! sequence `ESC ] 52 ; c ; <base64> BEL`, which the terminal on the
//! user's machine turns into a clipboard write — over SSH too, since it
//! travels with the screen output. Inside tmux the sequence reaches the
//! outer terminal only with `set -g set-clipboard on`; terminals never
//! answer it, so a copy cannot be confirmed (the console says so).
//!
//! Written by hand (a dozen lines of base64) rather than through
//! crossterm's `osc52` feature, so the exact bytes are in one place and
//! tested without a terminal.

use std::io::{self, Write};

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 (RFC 4648) with padding.
pub fn base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The sequence that puts `text` on the clipboard (selection `c`).
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

/// Writes the sequence to the terminal. It changes nothing on screen, so
/// it can go between two frames.
pub fn copy(out: &mut impl Write, text: &str) -> io::Result<()> {
    out.write_all(osc52(text).as_bytes())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), encoded, "{plain:?}");
        }
        // UTF-8 Chinese: 渝 is E6 B8 9D.
        assert_eq!(base64("渝".as_bytes()), "5rid");
    }

    #[test]
    fn the_sequence_is_osc_52_on_the_clipboard_ended_by_bel() {
        assert_eq!(osc52("通报"), "\x1b]52;c;6YCa5oql\x07");
        let mut out = Vec::new();
        copy(&mut out, "a").unwrap();
        assert_eq!(out, b"\x1b]52;c;YQ==\x07");
    }
}
