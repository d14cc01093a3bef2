//! A path typed in the console — where `w` writes an export, which sheets
//! `i` imports — with Tab completion as a shell does it: one match is
//! completed (a directory gets its `/`), several are completed as far as
//! they agree and listed. `~` stands for the home directory.
//!
//! Everything here is pure: the text, how it splits into words, and what
//! a directory listing does to it. Listing the directory and expanding `~`
//! are effects the loop runs ([`ListDir`]); the answer comes back as
//! [`Completions`] and applies only if the text has not changed meanwhile.
//!
//! An export path is the whole line (spaces and all). An import takes one
//! or more files separated by spaces; a space inside a name is written
//! `\ ` or the name is quoted, and completion inserts the backslashes.

use super::input::LineInput;

/// What the path is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathPurpose {
    /// One file to write the export to.
    Export,
    /// One or more sheets to import.
    Import,
}

/// A directory entry offered by completion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub is_dir: bool,
}

/// Asks the loop to list `dir` (as typed: relative to the current
/// directory, `~/…` from home, empty for the current directory) for
/// entries whose name starts with `prefix`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListDir {
    /// The prompt's text when completion was asked for.
    pub text: String,
    pub dir: String,
    pub prefix: String,
}

/// The answer to [`ListDir`]: the matching entries, sorted, or why the
/// directory could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completions {
    pub text: String,
    pub entries: Result<Vec<Entry>, String>,
}

/// The prompt: the text, what the last Tab offered, a refusal, and a
/// pending question whether to replace an existing file.
#[derive(Debug, Clone, PartialEq)]
pub struct PathPrompt {
    pub purpose: PathPurpose,
    pub input: LineInput,
    /// Why the last Enter was refused (or the last Tab found nothing).
    pub error: Option<String>,
    /// What the last Tab could not decide between.
    pub candidates: Vec<Entry>,
    /// The existing file (as resolved) that Enter would replace: the
    /// prompt asks `y` first.
    pub confirm: Option<String>,
    /// A write or a check is under way.
    pub busy: bool,
}

impl PathPrompt {
    pub fn new(purpose: PathPurpose, text: &str) -> PathPrompt {
        PathPrompt {
            purpose,
            input: LineInput::new(text),
            error: None,
            candidates: Vec::new(),
            confirm: None,
            busy: false,
        }
    }

    /// After the text changed: what was said about the old text goes.
    pub fn edited(&mut self) {
        self.error = None;
        self.candidates.clear();
        self.confirm = None;
    }

    /// The request for Tab: list the directory of the word at the end.
    /// `None` when there is nothing to ask (`~` alone completes to `~/`
    /// at once).
    pub fn complete(&mut self) -> Option<ListDir> {
        self.input.end();
        let text = self.input.text().to_string();
        let word = last_word(self.purpose, &text);
        if word.value == "~" {
            self.replace_word(&word, "~/");
            return None;
        }
        let (dir, prefix) = split_dir(&word.value);
        Some(ListDir {
            text,
            dir: dir.to_string(),
            prefix: prefix.to_string(),
        })
    }

    /// Applies a listing to the text it was asked for.
    pub fn completed(&mut self, c: Completions) -> Result<(), CompletionError> {
        if c.text != self.input.text() {
            return Ok(());
        }
        self.candidates.clear();
        let entries = c.entries.map_err(CompletionError::Unreadable)?;
        let word = last_word(self.purpose, &c.text);
        let (dir, prefix) = split_dir(&word.value);
        let dir = dir.to_string();
        match entries.as_slice() {
            [] => Err(CompletionError::NoMatch {
                prefix: prefix.to_string(),
            }),
            [one] => {
                let mut value = format!("{dir}{}", one.name);
                if one.is_dir {
                    value.push('/');
                }
                let end = match (one.is_dir, self.purpose) {
                    (false, PathPurpose::Import) => " ",
                    _ => "",
                };
                let mut replacement = self.escape(&value);
                replacement.push_str(end);
                self.replace_word(&word, &replacement);
                Ok(())
            }
            many => {
                let common = common_prefix(many.iter().map(|e| e.name.as_str()));
                if common.chars().count() > prefix.chars().count() {
                    let value = format!("{dir}{common}");
                    let replacement = self.escape(&value);
                    self.replace_word(&word, &replacement);
                }
                self.candidates = many.to_vec();
                Ok(())
            }
        }
    }

    fn escape(&self, value: &str) -> String {
        match self.purpose {
            PathPurpose::Export => value.to_string(),
            PathPurpose::Import => escape_word(value),
        }
    }

    fn replace_word(&mut self, word: &Word, replacement: &str) {
        let text = self.input.text();
        let new = format!("{}{replacement}", &text[..word.start]);
        self.input = LineInput::new(&new);
    }

    /// The paths typed: the whole line for an export, the words for an
    /// import. Empty words are left out.
    pub fn paths(&self) -> Vec<String> {
        match self.purpose {
            PathPurpose::Export => {
                let t = self.input.text().trim();
                if t.is_empty() {
                    vec![]
                } else {
                    vec![t.to_string()]
                }
            }
            PathPurpose::Import => words(self.input.text())
                .into_iter()
                .map(|w| w.value)
                .filter(|w| !w.is_empty())
                .collect(),
        }
    }
}

/// Why a Tab completed nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompletionError {
    /// The directory could not be read; the sentence says why.
    Unreadable(String),
    NoMatch {
        prefix: String,
    },
}

/// A word of the line: where it starts (in bytes) and what it means once
/// quotes and backslashes are taken away.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub value: String,
}

/// Splits an import line into words: spaces separate them, `\` takes the
/// next character literally, `'…'` and `"…"` keep spaces. An unclosed
/// quote runs to the end.
pub fn words(text: &str) -> Vec<Word> {
    tokenize(text).0
}

/// The words, and whether the line ends with a separating space (not an
/// escaped or quoted one), so that the next word is a new, empty one.
fn tokenize(text: &str) -> (Vec<Word>, bool) {
    let mut out = Vec::new();
    let mut current: Option<Word> = None;
    let mut quote: Option<char> = None;
    let mut separated = false;
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        if quote.is_none() && c.is_whitespace() {
            out.extend(current.take());
            separated = true;
            continue;
        }
        separated = false;
        let w = current.get_or_insert_with(|| Word {
            start: i,
            value: String::new(),
        });
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => w.value.push(c),
            (None, '\'' | '"') => quote = Some(c),
            (None, '\\') => {
                if let Some((_, next)) = chars.next() {
                    w.value.push(next);
                }
            }
            (None, c) => w.value.push(c),
        }
    }
    out.extend(current);
    (out, separated)
}

/// The word completion works on: the whole line for an export; for an
/// import the last word, or a new empty one after a space.
fn last_word(purpose: PathPurpose, text: &str) -> Word {
    match purpose {
        PathPurpose::Export => {
            let start = text.len() - text.trim_start().len();
            Word {
                start,
                value: text[start..].to_string(),
            }
        }
        PathPurpose::Import => match tokenize(text) {
            (ws, false) if !ws.is_empty() => ws[ws.len() - 1].clone(),
            _ => Word {
                start: text.len(),
                value: String::new(),
            },
        },
    }
}

/// `a b/c'd` → `a\ b/c\'d`: a name as an import line needs it.
pub fn escape_word(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_whitespace() || matches!(c, '\\' | '\'' | '"') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `dir/sub/pre` → (`dir/sub/`, `pre`); `pre` → (``, `pre`).
pub fn split_dir(word: &str) -> (&str, &str) {
    match word.rfind('/') {
        Some(i) => (&word[..=i], &word[i + 1..]),
        None => ("", word),
    }
}

/// The longest common prefix of names, by character.
fn common_prefix<'a>(mut names: impl Iterator<Item = &'a str>) -> String {
    let Some(first) = names.next() else {
        return String::new();
    };
    let mut common: Vec<char> = first.chars().collect();
    for n in names {
        let same = common
            .iter()
            .zip(n.chars())
            .take_while(|(a, b)| **a == *b)
            .count();
        common.truncate(same);
    }
    common.into_iter().collect()
}

/// Whether a name is listed for `prefix`: it starts with it, and a hidden
/// name only when the prefix asks for one.
pub fn offered(name: &str, prefix: &str) -> bool {
    name.starts_with(prefix) && (!name.starts_with('.') || prefix.starts_with('.'))
}

/// Whether a word holds a wildcard (`*` or `?`) in its last part.
pub fn is_pattern(word: &str) -> bool {
    split_dir(word).1.contains(['*', '?'])
}

/// Shell-style matching of a file name: `*` any run, `?` one character.
pub fn pattern_matches(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    if name.starts_with('.') && !pattern.starts_with('.') {
        return false;
    }
    let (mut pi, mut ni) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ni < n.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == n[ni]) {
            pi += 1;
            ni += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ni));
            pi += 1;
        } else if let Some((sp, sn)) = star {
            pi = sp + 1;
            ni = sn + 1;
            star = Some((sp, sn + 1));
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str, is_dir: bool) -> Entry {
        Entry {
            name: name.into(),
            is_dir,
        }
    }

    fn answer(p: &PathPrompt, entries: Vec<Entry>) -> Completions {
        Completions {
            text: p.input.text().to_string(),
            entries: Ok(entries),
        }
    }

    #[test]
    fn import_words_split_on_spaces_and_keep_escaped_or_quoted_ones() {
        let w: Vec<String> = words(r#"渝中区.csv  回收\ 表/江北.csv "a b.csv" 'c d'"#)
            .into_iter()
            .map(|w| w.value)
            .collect();
        assert_eq!(w, ["渝中区.csv", "回收 表/江北.csv", "a b.csv", "c d"]);
        assert!(words("   ").is_empty());
    }

    #[test]
    fn one_match_is_completed_with_a_slash_for_a_directory() {
        let mut p = PathPrompt::new(PathPurpose::Export, "~/报");
        let req = p.complete().unwrap();
        assert_eq!((req.dir.as_str(), req.prefix.as_str()), ("~/", "报"));
        p.completed(answer(&p, vec![entry("报送表", true)]))
            .unwrap();
        assert_eq!(p.input.text(), "~/报送表/");
        assert_eq!(p.input.cursor_column(), 9);
    }

    #[test]
    fn several_matches_complete_as_far_as_they_agree_and_are_listed() {
        let mut p = PathPrompt::new(PathPurpose::Import, "a.csv 回");
        let req = p.complete().unwrap();
        assert_eq!((req.dir.as_str(), req.prefix.as_str()), ("", "回"));
        let both = vec![
            entry("回收_渝中区.csv", false),
            entry("回收_江北区.csv", false),
        ];
        p.completed(answer(&p, both)).unwrap();
        assert_eq!(p.input.text(), "a.csv 回收_");
        assert_eq!(p.candidates.len(), 2);
        // Editing forgets the list.
        p.edited();
        assert!(p.candidates.is_empty());
    }

    #[test]
    fn an_import_name_with_a_space_is_escaped_and_followed_by_a_space() {
        let mut p = PathPrompt::new(PathPurpose::Import, "第四");
        p.complete().unwrap();
        p.completed(answer(&p, vec![entry("第四季度 渝中.csv", false)]))
            .unwrap();
        assert_eq!(p.input.text(), "第四季度\\ 渝中.csv ");
        assert_eq!(p.paths(), ["第四季度 渝中.csv"]);
        // After the space, Tab lists the directory afresh.
        let req = p.complete().unwrap();
        assert_eq!((req.dir.as_str(), req.prefix.as_str()), ("", ""));
    }

    #[test]
    fn an_answer_for_an_older_text_is_ignored() {
        let mut p = PathPrompt::new(PathPurpose::Export, "out");
        let req = p.complete().unwrap();
        p.input.insert('x');
        p.completed(Completions {
            text: req.text,
            entries: Ok(vec![entry("outbox", true)]),
        })
        .unwrap();
        assert_eq!(p.input.text(), "outx");
    }

    #[test]
    fn nothing_to_complete_is_said() {
        let mut p = PathPrompt::new(PathPurpose::Export, "/nope/x");
        p.complete().unwrap();
        assert_eq!(
            p.completed(answer(&p, vec![])),
            Err(CompletionError::NoMatch { prefix: "x".into() })
        );
        let mut p = PathPrompt::new(PathPurpose::Export, "~");
        assert!(p.complete().is_none());
        assert_eq!(p.input.text(), "~/");
    }

    #[test]
    fn hidden_names_only_when_asked_and_patterns_match_like_a_shell() {
        assert!(offered("渝中区.csv", "渝"));
        assert!(!offered(".bayu", ""));
        assert!(offered(".bayu", ".b"));
        assert!(pattern_matches("*.csv", "渝中区.csv"));
        assert!(pattern_matches("回收_??区.csv", "回收_渝中区.csv"));
        assert!(!pattern_matches("*.csv", "渝中区.txt"));
        assert!(!pattern_matches("*", ".hidden"));
        assert!(pattern_matches("a*b*c", "aXbYbc"));
        assert!(is_pattern("dir/*.csv"));
        assert!(!is_pattern("d*r/a.csv"));
    }

    #[test]
    fn an_export_path_is_the_whole_line() {
        let p = PathPrompt::new(PathPurpose::Export, "  通报 终稿.txt ");
        assert_eq!(p.paths(), ["通报 终稿.txt"]);
        assert!(PathPrompt::new(PathPurpose::Export, " ").paths().is_empty());
    }
}
