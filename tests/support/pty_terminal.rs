//! The terminal's side of the conversation for the pty harness: how keys and
//! mouse events are encoded, what the vt100 callbacks record (clipboard,
//! title, bell, queries), how the screen becomes text, and which mode
//! changes count as "not restored". Kept apart from the process plumbing in
//! `pty.rs` so each file reads on its own.

/// A key as an xterm-compatible terminal sends it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Key {
    /// Any character, sent as UTF-8 (`Char('中')` works).
    Char(char),
    /// Carriage return, as terminals send Enter in raw mode.
    Enter,
    /// A lone ESC byte. `send_key` pauses 50 ms after it so the program does
    /// not read it together with the next key as Alt+key.
    Esc,
    Tab,
    /// Shift+Tab, `ESC[Z`.
    BackTab,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    Insert,
    Delete,
    /// DEL (0x7f), what xterm sends for Backspace.
    Backspace,
    /// Ctrl+letter and the classic Ctrl symbols (`@ [ \ ] ^ _ ?`, space).
    Ctrl(char),
    /// Alt+char: ESC followed by the character.
    Alt(char),
    /// F1 to F12.
    F(u8),
}

impl Key {
    /// The bytes a terminal sends for this key; `application_cursor` is the
    /// DECCKM mode (`ESC[?1h`), which turns `ESC[A` into `ESC OA` and so on.
    pub fn encode(&self, application_cursor: bool) -> Vec<u8> {
        let cursor = |c: char| {
            let prefix = if application_cursor { "\x1bO" } else { "\x1b[" };
            format!("{prefix}{c}").into_bytes()
        };
        match self {
            Key::Char(c) => c.to_string().into_bytes(),
            Key::Enter => b"\r".to_vec(),
            Key::Esc => b"\x1b".to_vec(),
            Key::Tab => b"\t".to_vec(),
            Key::BackTab => b"\x1b[Z".to_vec(),
            Key::Up => cursor('A'),
            Key::Down => cursor('B'),
            Key::Right => cursor('C'),
            Key::Left => cursor('D'),
            Key::Home => cursor('H'),
            Key::End => cursor('F'),
            Key::Insert => b"\x1b[2~".to_vec(),
            Key::Delete => b"\x1b[3~".to_vec(),
            Key::PageUp => b"\x1b[5~".to_vec(),
            Key::PageDown => b"\x1b[6~".to_vec(),
            Key::Backspace => vec![0x7f],
            Key::Ctrl(c) => vec![ctrl_byte(*c)],
            Key::Alt(c) => format!("\x1b{c}").into_bytes(),
            Key::F(n) => function_key(*n),
        }
    }
}

fn ctrl_byte(c: char) -> u8 {
    match c {
        'a'..='z' | 'A'..='Z' => (c.to_ascii_lowercase() as u8) & 0x1f,
        '@' | ' ' | '2' => 0,
        '[' => 0x1b,
        '\\' => 0x1c,
        ']' => 0x1d,
        '^' => 0x1e,
        '_' => 0x1f,
        '?' => 0x7f,
        _ => panic!("pty: Ctrl({c:?}) has no control code in a terminal"),
    }
}

fn function_key(n: u8) -> Vec<u8> {
    let seq = match n {
        1 => "\x1bOP",
        2 => "\x1bOQ",
        3 => "\x1bOR",
        4 => "\x1bOS",
        5 => "\x1b[15~",
        6 => "\x1b[17~",
        7 => "\x1b[18~",
        8 => "\x1b[19~",
        9 => "\x1b[20~",
        10 => "\x1b[21~",
        11 => "\x1b[23~",
        12 => "\x1b[24~",
        _ => panic!("pty: F({n}) is not a key; use F(1) to F(12)"),
    };
    seq.as_bytes().to_vec()
}

/// A mouse report for `button` at `(row, col)` in the encoding the program
/// asked for. X10 encoding caps coordinates at 222, as terminals do.
pub fn mouse_bytes(
    encoding: vt100::MouseProtocolEncoding,
    button: u8,
    row: u16,
    col: u16,
    press: bool,
) -> Vec<u8> {
    if encoding == vt100::MouseProtocolEncoding::Sgr {
        let end = if press { 'M' } else { 'm' };
        return format!("\x1b[<{button};{};{}{end}", col + 1, row + 1).into_bytes();
    }
    let code = if press { button } else { 3 };
    let coord = |v: u16| 33 + v.min(222) as u8;
    vec![0x1b, b'[', b'M', 32 + code, coord(col), coord(row)]
}

/// Screen rows as text, trailing spaces trimmed; wide characters appear once.
pub fn screen_rows_of(screen: &vt100::Screen) -> Vec<String> {
    let (_, cols) = screen.size();
    screen
        .rows(0, cols.get())
        .map(|row| row.trim_end().to_string())
        .collect()
}

/// Screen rows joined by `\n` (one line per row, even for wrapped rows).
pub fn screen_text_of(screen: &vt100::Screen) -> String {
    screen_rows_of(screen).join("\n")
}

/// Bytes as readable text: UTF-8 kept, ESC shown as `ESC`, other controls
/// as `\xNN`.
pub fn escape_bytes(bytes: &[u8]) -> String {
    let mut out = String::new();
    for c in String::from_utf8_lossy(bytes).chars() {
        match c {
            '\x1b' => out.push_str("ESC"),
            c if c.is_control() => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// `head`, then the screen's size, cursor and modes, every row numbered,
/// and the last 300 bytes of output: the body of every harness panic.
pub fn describe(head: &str, screen: &vt100::Screen, raw: &[u8]) -> String {
    let (rows, cols) = screen.size();
    let (row, col) = screen.cursor_position();
    let hidden = if screen.hide_cursor() {
        " (hidden)"
    } else {
        ""
    };
    let alternate = if screen.alternate_screen() {
        ", alternate screen"
    } else {
        ""
    };
    let mut out = format!(
        "{head}\n  screen {cols}x{rows}, cursor at row {row} col {col}{hidden}{alternate}, {} bytes received\n",
        raw.len()
    );
    for (i, line) in screen_rows_of(screen).iter().enumerate() {
        out.push_str(&format!("  {i:>3}|{line}\n"));
    }
    let mut tail = raw.len().saturating_sub(300);
    // Start on a character boundary so the tail does not open with U+FFFD.
    while raw.get(tail).is_some_and(|b| b & 0xc0 == 0x80) {
        tail += 1;
    }
    out.push_str(&format!("  last output: {}\n", escape_bytes(&raw[tail..])));
    out
}

/// Records what vt100 parses but does not draw.
#[derive(Default)]
pub struct Recorder {
    /// Base64 payloads of OSC 52 copies, in order.
    pub clipboard: Vec<Vec<u8>>,
    pub title: Option<String>,
    pub bells: usize,
    pub queries: Vec<String>,
}

impl Recorder {
    pub fn clipboard_texts(&self) -> Vec<String> {
        self.clipboard
            .iter()
            .map(|data| String::from_utf8_lossy(&base64_decode(data)).into_owned())
            .collect()
    }
}

impl vt100::Callbacks for Recorder {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }

    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.title = Some(String::from_utf8_lossy(title).into_owned());
    }

    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _ty: &[u8], data: &[u8]) {
        self.clipboard.push(data.to_vec());
    }

    fn paste_from_clipboard(&mut self, _: &mut vt100::Screen, ty: &[u8]) {
        self.queries
            .push(format!("ESC]52;{};?", String::from_utf8_lossy(ty)));
    }

    fn unhandled_csi(
        &mut self,
        _: &mut vt100::Screen,
        i1: Option<u8>,
        i2: Option<u8>,
        params: &[&[u16]],
        c: char,
    ) {
        let first = params.first().and_then(|p| p.first()).copied();
        let is_query = match (i1, c) {
            (None | Some(b'?'), 'n') => true, // DSR: status, cursor position
            (None | Some(b'>') | Some(b'='), 'c') => true, // device attributes
            (Some(b'?'), 'u') => true,        // kitty keyboard flags
            (Some(b'>'), 'q') => true,        // XTVERSION
            (None, 't') => matches!(first, Some(11..=21)), // window reports
            (_, 'p') => i1 == Some(b'$') || i2 == Some(b'$'), // DECRQM
            _ => false,
        };
        if is_query {
            self.queries.push(csi_text(i1, i2, params, c));
        }
    }

    fn unhandled_osc(&mut self, _: &mut vt100::Screen, params: &[&[u8]]) {
        if params.len() > 1 && params.last() == Some(&&b"?"[..]) {
            let parts: Vec<String> = params
                .iter()
                .map(|p| String::from_utf8_lossy(p).into_owned())
                .collect();
            self.queries.push(format!("ESC]{}", parts.join(";")));
        }
    }
}

fn csi_text(i1: Option<u8>, i2: Option<u8>, params: &[&[u16]], c: char) -> String {
    let private = i1.filter(|b| (b'<'..=b'?').contains(b));
    let mut out = String::from("ESC[");
    if let Some(p) = private {
        out.push(char::from(p));
    }
    // vte reports an absent parameter as 0; `ESC[0c` means `ESC[c` anyway.
    let params = if params == [&[0u16][..]] {
        &[][..]
    } else {
        params
    };
    let params: Vec<String> = params
        .iter()
        .map(|sub| sub.iter().map(u16::to_string).collect::<Vec<_>>().join(":"))
        .collect();
    out.push_str(&params.join(";"));
    for b in [i1.filter(|_| private.is_none()), i2].into_iter().flatten() {
        out.push(char::from(b));
    }
    out.push(c);
    out
}

fn base64_decode(data: &[u8]) -> Vec<u8> {
    let value = |b: u8| match b {
        b'A'..=b'Z' => Some(b - b'A'),
        b'a'..=b'z' => Some(b - b'a' + 26),
        b'0'..=b'9' => Some(b - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0u32);
    for v in data.iter().filter_map(|&b| value(b)) {
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

/// Modes the program left on, judged from vt100's final state.
pub fn screen_problems(screen: &vt100::Screen) -> Vec<String> {
    let mut problems = Vec::new();
    let mut check = |on: bool, what: &str| {
        if on {
            problems.push(format!("the terminal was left {what}"));
        }
    };
    check(screen.alternate_screen(), "on the alternate screen");
    check(screen.hide_cursor(), "with the cursor hidden");
    check(screen.bracketed_paste(), "with bracketed paste enabled");
    check(
        screen.mouse_protocol_mode() != vt100::MouseProtocolMode::None,
        "with mouse reporting enabled",
    );
    check(
        screen.application_cursor(),
        "in application cursor-key mode",
    );
    problems
}

/// (enable, disable, name) for modes whose last enable must be followed by
/// a disable in the raw output. Crossterm writes each mode separately.
const MODE_PAIRS: &[(&str, &str, &str)] = &[
    ("\x1b[?1049h", "\x1b[?1049l", "the alternate screen"),
    ("\x1b[?25l", "\x1b[?25h", "cursor hiding"),
    ("\x1b[?2004h", "\x1b[?2004l", "bracketed paste"),
    ("\x1b[?1000h", "\x1b[?1000l", "mouse button reporting"),
    ("\x1b[?1002h", "\x1b[?1002l", "mouse drag reporting"),
    ("\x1b[?1003h", "\x1b[?1003l", "mouse motion reporting"),
    ("\x1b[?1006h", "\x1b[?1006l", "SGR mouse encoding"),
    ("\x1b[?1004h", "\x1b[?1004l", "focus reporting"),
];

/// Modes enabled in `raw` without a later disable, and unbalanced kitty
/// keyboard-protocol pushes (`ESC[>Nu`) and pops (`ESC[<Nu`).
pub fn sequence_problems(raw: &[u8]) -> Vec<String> {
    let mut problems = Vec::new();
    for (enable, disable, what) in MODE_PAIRS {
        if let Some(on) = rfind(raw, enable.as_bytes())
            && rfind(raw, disable.as_bytes()).is_none_or(|off| off < on)
        {
            problems.push(format!(
                "{what} was enabled ({}) and not disabled ({}) afterwards",
                escape_bytes(enable.as_bytes()),
                escape_bytes(disable.as_bytes())
            ));
        }
    }
    let pushes = csi_u_params(raw, b'>').len();
    let pops: usize = csi_u_params(raw, b'<').iter().map(|n| n.unwrap_or(1)).sum();
    if pushes > pops {
        problems.push(format!(
            "keyboard enhancement flags were pushed {pushes} times but popped {pops} times"
        ));
    }
    problems
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// The numeric parameter of every `ESC [ marker digits u` in `raw`.
fn csi_u_params(raw: &[u8], marker: u8) -> Vec<Option<usize>> {
    let mut found = Vec::new();
    let mut i = 0;
    while i + 2 < raw.len() {
        if raw[i] == 0x1b && raw[i + 1] == b'[' && raw[i + 2] == marker {
            let digits: Vec<u8> = raw[i + 3..]
                .iter()
                .copied()
                .take_while(u8::is_ascii_digit)
                .collect();
            if raw.get(i + 3 + digits.len()) == Some(&b'u') {
                found.push(String::from_utf8_lossy(&digits).parse().ok());
            }
        }
        i += 1;
    }
    found
}
