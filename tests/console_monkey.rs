//! A monkey at the keyboard: thousands of random keys, pastes and resizes
//! (down to nothing and up to very large) through the real keymap, update
//! and render on ratatui's TestBackend, with reloads of the data in
//! between. The console must never panic, and no frame may hold a row
//! wider than the window.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/console.rs"]
mod support;

use bayu::app::Action;
use bayu::i18n::Lang;
use crossterm::event::{Event, KeyCode, KeyModifiers};
use support::{Options, console, draw, key_with, text};
use unicode_width::UnicodeWidthStr;

/// xorshift: the same sequence on every run, so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const CHARS: &[char] = &[
    '1', '2', '3', '4', '5', '6', 'j', 'k', 'g', 'G', 'h', 'l', 'm', '[', ']', 'J', 'K', '/', 't',
    '?', 'y', 'z', 'c', 's', 'x', ' ', '渝', '中', '区', '季', '末', '-', '0', '9', '年', '月',
    '日', 'e', 'é', '\u{301}', '😀', '　',
];

const CODES: &[KeyCode] = &[
    KeyCode::Enter,
    KeyCode::Esc,
    KeyCode::Tab,
    KeyCode::BackTab,
    KeyCode::Up,
    KeyCode::Down,
    KeyCode::Left,
    KeyCode::Right,
    KeyCode::PageUp,
    KeyCode::PageDown,
    KeyCode::Home,
    KeyCode::End,
    KeyCode::Backspace,
    KeyCode::Delete,
    KeyCode::F(5),
];

fn monkey(seed: u64, steps: usize, lang: Lang, ascii: bool) {
    let mut rng = Rng(seed);
    let mut c = console(&Options {
        lang,
        ascii,
        ..Options::default()
    });
    for step in 0..steps {
        match rng.below(100) {
            0..=2 => {
                let w = [0, 1, 2, 20, 59, 60, 61, 79, 80, 100, 120, 160, 240][rng.below(13)];
                let h = [0, 1, 2, 5, 15, 16, 17, 23, 24, 40, 60, 90][rng.below(12)];
                c.handle(&Event::Resize(w, h));
            }
            3 => c.dispatch(Action::DataChanged),
            4 => {
                let pasted = ["渝中区", "2021Q4", "季末", "\x1b[2J注入\n第二行", ""][rng.below(5)];
                c.handle(&Event::Paste(pasted.to_string()));
            }
            5..=9 => {
                let ch = ['c', 'u', 'w', 'a', 'e', 'd', 'h', 'l', 'f', 'b'][rng.below(10)];
                if ch != 'c' || rng.below(10) == 0 {
                    key_with(&mut c, KeyCode::Char(ch), KeyModifiers::CONTROL);
                }
            }
            10..=39 => key_with(&mut c, CODES[rng.below(CODES.len())], KeyModifiers::NONE),
            _ => {
                let ch = CHARS[rng.below(CHARS.len())];
                key_with(&mut c, KeyCode::Char(ch), KeyModifiers::NONE);
            }
        }
        if c.state.quit {
            // Quitting is the loop's business; keep the monkey going.
            c.state.quit = false;
        }
        let buf = draw(&mut c);
        let w = usize::from(buf.area.width);
        for (row, line) in text(&buf).lines().enumerate() {
            assert_eq!(
                line.width(),
                w,
                "seed {seed} step {step} row {row}: {line:?}"
            );
        }
    }
}

#[test]
fn thousands_of_random_keys_and_resizes_never_panic() {
    monkey(0x00c0_ffee, 4000, Lang::Zh, false);
}

#[test]
fn the_monkey_in_english_and_ascii() {
    monkey(0xdead_beef, 1500, Lang::En, true);
}
