//! Filtering lists by Chinese text or by pinyin.
//!
//! Users narrow lists of units, agencies, tasks and reports by typing
//! either part of the Chinese name or its pinyin: initials (`yzq` for
//! 渝中区) or whole syllables (`yuzhong`). Place names use uncommon
//! readings — 长寿区 is Chángshòu, 重庆 is Chóngqìng — so each character
//! carries *every* reading the pinyin crate knows, and a query matches if
//! any choice of readings fits. A [`SearchKey`] is built once per list
//! item and a [`Query`] once per keystroke; [`SearchKey::matches`] does not
//! allocate.

use pinyin::{Pinyin, ToPinyinMulti};

/// Longest query term (in letters) that is tried as pinyin. Longer terms
/// still match as substrings. Bounded so the matcher can track its state in
/// one `u128`.
pub const MAX_PINYIN_TERM: usize = 100;

/// Readings stored for an ASCII letter or digit of the text: itself.
const ASCII_READINGS: [&str; 36] = [
    "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s",
    "t", "u", "v", "w", "x", "y", "z", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9",
];

/// Bit of an ASCII letter or digit in an initials mask.
fn bit(b: u8) -> u64 {
    match b {
        b'a'..=b'z' => 1 << (b - b'a'),
        b'0'..=b'9' => 1 << (26 + b - b'0'),
        _ => 0,
    }
}

/// Lowercases and folds full-width ASCII (`ＹＺＱ`, what a Chinese IME
/// types in full-width mode) to ASCII.
fn fold(c: char) -> impl Iterator<Item = char> {
    let c = match u32::from(c) {
        0xFF01..=0xFF5E => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    c.to_lowercase()
}

/// One character of the text as the pinyin matcher sees it.
#[derive(Debug, Clone, Copy)]
struct KeyChar {
    /// Letters any reading starts with (bits `a..z`, then `0..9`).
    initials: u64,
    /// This character's readings are `readings[first..first + count]`.
    first: u32,
    count: u32,
}

/// A list item's text, prepared for filtering.
#[derive(Debug, Clone)]
pub struct SearchKey {
    /// Lowercased, full-width-folded text for substring search.
    folded: String,
    chars: Vec<KeyChar>,
    /// Plain (toneless) pinyin readings, deduplicated per character; `ü`
    /// is kept and matches `v` or `u` in the query.
    readings: Vec<&'static str>,
}

impl SearchKey {
    /// Precomputes the folded text and every character's readings.
    /// Cost: O(len) lookups in the pinyin tables; memory: one `String` plus
    /// about 16 bytes per character and 16 per reading.
    pub fn new(text: &str) -> SearchKey {
        let folded: String = text.chars().flat_map(fold).collect();
        let mut chars = Vec::with_capacity(folded.chars().count());
        let mut readings: Vec<&'static str> = Vec::new();
        for c in folded.chars() {
            let first = readings.len();
            if c.is_ascii_alphanumeric() {
                let i = if c.is_ascii_lowercase() {
                    c as usize - 'a' as usize
                } else {
                    26 + c as usize - '0' as usize
                };
                readings.push(ASCII_READINGS[i]);
            } else if let Some(multi) = c.to_pinyin_multi() {
                for plain in multi.into_iter().map(Pinyin::plain) {
                    if !readings[first..].contains(&plain) {
                        readings.push(plain);
                    }
                }
            }
            let own = &readings[first..];
            let initials = own
                .iter()
                .filter_map(|r| r.bytes().next())
                .fold(0, |m, b| m | bit(b));
            chars.push(KeyChar {
                initials,
                first: u32::try_from(first).unwrap_or(u32::MAX),
                count: u32::try_from(own.len()).unwrap_or(0),
            });
        }
        SearchKey {
            folded,
            chars,
            readings,
        }
    }

    /// The text as it is searched (lowercased, full-width ASCII folded).
    pub fn folded(&self) -> &str {
        &self.folded
    }

    /// True if every term of `q` matches (see [`Query`]); an empty query
    /// matches everything.
    ///
    /// Allocation-free. Cost per term: a substring search, O(n·m) worst
    /// case for a text of n and a term of m bytes; then, for pinyin-shaped
    /// terms, a scan from each character whose initials admit the term's
    /// first letter, extending over following characters while some
    /// reading still fits — in practice O(n·m) with a small constant (a few
    /// readings per character, prefixes of at most 6 letters). Unit names
    /// of 3–15 characters take well under a microsecond.
    pub fn matches(&self, q: &Query) -> bool {
        q.terms.iter().all(|t| self.matches_term(t))
    }

    fn matches_term(&self, t: &Term) -> bool {
        self.folded.contains(t.text.as_str())
            || (t.pinyin && self.matches_pinyin(t.text.as_bytes()))
    }

    fn readings_of(&self, c: &KeyChar) -> &[&'static str] {
        let first = c.first as usize;
        self.readings
            .get(first..first + c.count as usize)
            .unwrap_or(&[])
    }

    /// Does `q` (lowercase ASCII letters/digits, 1..=MAX_PINYIN_TERM long)
    /// spell a run of consecutive characters, each contributing a non-empty
    /// prefix of one of its readings? Initials are the one-letter case.
    fn matches_pinyin(&self, q: &[u8]) -> bool {
        let m = q.len();
        if m == 0 || m > MAX_PINYIN_TERM {
            return false;
        }
        let goal = 1u128 << m;
        let first_bit = bit(q[0]);
        for start in 0..self.chars.len() {
            if self.chars[start].initials & first_bit == 0 {
                continue;
            }
            // Bit p of `reach`: the first p query bytes are spelled by the
            // characters consumed so far.
            let mut reach: u128 = 1;
            for c in &self.chars[start..] {
                let mut next: u128 = 0;
                let mut r = reach;
                while r != 0 {
                    let p = r.trailing_zeros() as usize;
                    r &= r - 1;
                    if c.initials & bit(q[p]) == 0 {
                        continue;
                    }
                    for reading in self.readings_of(c) {
                        next |= prefix_lengths(reading, &q[p..]) << p;
                    }
                }
                if next & goal != 0 {
                    return true;
                }
                if next == 0 {
                    break;
                }
                reach = next;
            }
        }
        false
    }
}

/// Bit l set for every l >= 1 such that `rest[..l]` equals the first l
/// letters of `reading` (`ü` matching `v` or `u`).
fn prefix_lengths(reading: &str, rest: &[u8]) -> u128 {
    let mut mask = 0;
    for (i, (rc, &qb)) in reading.chars().zip(rest).enumerate() {
        let same = rc == char::from(qb) || (rc == 'ü' && (qb == b'v' || qb == b'u'));
        if !same {
            break;
        }
        mask |= 1u128 << (i + 1);
    }
    mask
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Term {
    text: String,
    /// All ASCII letters/digits and short enough to try as pinyin.
    pinyin: bool,
}

/// What the user typed into a filter box, parsed once per keystroke.
///
/// The input is trimmed, lowercased (full-width ASCII folded) and split on
/// whitespace (including the full-width space); every term must match.
/// A term matches a text if it is
/// (a) a substring of the text, or, when it is all ASCII letters/digits,
/// (b) the pinyin initials of consecutive characters under any of their
/// readings (`yzq`, `zq` → 渝中区; `csq`, `zsq` → 长寿区), or
/// (c) more generally, a concatenation of prefixes of their readings
/// (`yuzhong`, `yuzh`, `yzhq` → 渝中区).
/// ASCII letters and digits in the text stand for themselves.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    terms: Vec<Term>,
}

impl Query {
    pub fn new(input: &str) -> Query {
        let folded: String = input.chars().flat_map(fold).collect();
        let terms = folded
            .split_whitespace()
            .map(|t| Term {
                text: t.to_owned(),
                pinyin: t.len() <= MAX_PINYIN_TERM && t.bytes().all(|b| b.is_ascii_alphanumeric()),
            })
            .collect();
        Query { terms }
    }

    /// True if the query has no terms and so matches everything.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const UNITS: [&str; 41] = [
        "万州区",
        "涪陵区",
        "渝中区",
        "大渡口区",
        "江北区",
        "沙坪坝区",
        "九龙坡区",
        "南岸区",
        "北碚区",
        "綦江区",
        "大足区",
        "渝北区",
        "巴南区",
        "黔江区",
        "长寿区",
        "江津区",
        "合川区",
        "永川区",
        "南川区",
        "璧山区",
        "铜梁区",
        "潼南区",
        "荣昌区",
        "开州区",
        "梁平区",
        "武隆区",
        "城口县",
        "丰都县",
        "垫江县",
        "忠县",
        "云阳县",
        "奉节县",
        "巫山县",
        "巫溪县",
        "石柱土家族自治县",
        "秀山土家族苗族自治县",
        "酉阳土家族苗族自治县",
        "彭水苗族土家族自治县",
        "两江新区",
        "重庆高新区",
        "万盛经开区",
    ];

    fn filter(input: &str) -> Vec<&'static str> {
        let keys: Vec<(&str, SearchKey)> = UNITS.iter().map(|u| (*u, SearchKey::new(u))).collect();
        let q = Query::new(input);
        keys.iter()
            .filter(|(_, k)| k.matches(&q))
            .map(|(u, _)| *u)
            .collect()
    }

    fn hit(text: &str, input: &str) -> bool {
        SearchKey::new(text).matches(&Query::new(input))
    }

    #[test]
    fn empty_query_matches_everything() {
        assert_eq!(filter("").len(), 41);
        assert_eq!(filter("  \u{3000} ").len(), 41);
        assert!(Query::new(" ").is_empty());
        assert!(!Query::new("yz").is_empty());
    }

    #[test]
    fn initials_of_the_whole_name_pick_one_unit() {
        assert_eq!(filter("yzq"), ["渝中区"]);
        assert_eq!(filter("csq"), ["长寿区"]);
        assert_eq!(filter("zsq"), ["长寿区"]);
        assert_eq!(filter("YZQ"), ["渝中区"]);
        assert_eq!(filter("ｙｚｑ"), ["渝中区"]);
    }

    #[test]
    fn initials_of_part_of_the_name_match() {
        assert_eq!(filter("yz"), ["渝中区"]);
        assert!(filter("bb").contains(&"北碚区"));
        assert_eq!(filter("qj"), ["綦江区", "黔江区"]);
        assert_eq!(filter("cqgxq"), ["重庆高新区"]);
    }

    #[test]
    fn heteronym_readings_of_place_names_are_used() {
        // 重 reads chóng in 重庆; 川区 and 昌区 also spell c+q.
        assert_eq!(
            filter("cq"),
            ["合川区", "永川区", "南川区", "荣昌区", "重庆高新区"]
        );
        assert_eq!(filter("cqg"), ["重庆高新区"]);
        // 州区, 中区, 足区, and zhòng for 重.
        assert_eq!(
            filter("zq"),
            ["万州区", "渝中区", "大足区", "开州区", "重庆高新区"]
        );
        assert!(hit("涪陵区", "flq"));
        assert!(hit("涪陵区", "plq"));
    }

    #[test]
    fn substring_of_the_chinese_text_matches() {
        assert_eq!(
            filter("江"),
            ["江北区", "綦江区", "黔江区", "江津区", "垫江县", "两江新区"]
        );
        assert_eq!(filter("自治县").len(), 4);
        assert_eq!(filter("渝"), ["渝中区", "渝北区"]);
    }

    #[test]
    fn full_syllables_and_syllable_prefixes_match() {
        assert_eq!(filter("yuzhong"), ["渝中区"]);
        assert_eq!(filter("yuzh"), ["渝中区"]);
        assert_eq!(filter("yzhq"), ["渝中区"]);
        assert_eq!(filter("changshou"), ["长寿区"]);
        assert_eq!(filter("chongqing"), ["重庆高新区"]);
        assert_eq!(filter("qianjiang"), ["黔江区"]);
        // "qi" is also a prefix of qián, so both 江 districts stay.
        assert_eq!(filter("qijiang"), ["綦江区", "黔江区"]);
        assert!(!hit("渝中区", "yuzhongg"));
        assert!(!hit("渝中区", "yuz hongq"));
    }

    #[test]
    fn whitespace_separates_terms_that_must_all_match() {
        assert_eq!(filter("tj zzx").len(), 4);
        assert_eq!(filter("tj xs"), ["秀山土家族苗族自治县"]);
        assert_eq!(filter("自治县 ps"), ["彭水苗族土家族自治县"]);
        // 族 also reads sǒu, so "ms" (苗族) is in all three 苗族 counties.
        assert_eq!(filter("自治县 ms").len(), 3);
        assert_eq!(filter("yz 北"), Vec::<&str>::new());
    }

    #[test]
    fn rare_characters_of_unit_names_have_pinyin() {
        for (c, reading) in [
            ('綦', "qi"),
            ('璧', "bi"),
            ('碚', "bei"),
            ('涪', "fu"),
            ('潼', "tong"),
        ] {
            let multi = c.to_pinyin_multi();
            assert!(
                multi.is_some_and(|m| m.into_iter().any(|p| p.plain() == reading)),
                "{c}"
            );
        }
        assert!(hit("璧山区", "bsq"));
        assert!(hit("潼南区", "tn"));
    }

    #[test]
    fn characters_without_pinyin_match_only_themselves() {
        assert!(hit("★重点★督办", "★"));
        assert!(hit("★重点督办★", "zddb"));
        // ★ breaks the run of initials.
        assert!(!hit("重点★督办", "zdd"));
    }

    #[test]
    fn ascii_letters_and_digits_in_the_text_stand_for_themselves() {
        assert!(hit("2021年度OSC52报告", "2021nd"));
        assert!(hit("2021年度OSC52报告", "osc52bg"));
        assert!(hit("2021年度OSC52报告", "OSC"));
        assert!(hit("Ｇ２１０国道", "g210"));
        assert!(!hit("2021年度报告", "2022nd"));
    }

    #[test]
    fn u_umlaut_is_typed_as_v_or_u() {
        assert!(hit("绿色通道", "lvse"));
        assert!(hit("绿色通道", "lstd"));
        assert!(hit("妇女联合会", "funv"));
    }

    #[test]
    fn overlong_pinyin_terms_fall_back_to_substring() {
        let long = "a".repeat(MAX_PINYIN_TERM + 1);
        assert!(hit(&long, &long));
        assert!(!hit("渝中区", &long));
        let q = Query::new(&"y".repeat(MAX_PINYIN_TERM + 1));
        assert!(!SearchKey::new(&"渝".repeat(200)).matches(&q));
        let q = Query::new(&"y".repeat(MAX_PINYIN_TERM));
        assert!(SearchKey::new(&"渝".repeat(200)).matches(&q));
    }
}
